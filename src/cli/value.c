/*
 * value.c - "persner value": entities with the dates, amounts and times they name
 *
 *   persner value [--model FILE] [--anchor YYYY-MM-DD] < text
 *
 * One line per entity, as persner_values gives it in SQL:
 *   start_pos end_pos label entity first_day day_after amount unit time
 * tab-separated, positions 1-based characters with an exclusive end, days
 * ISO Gregorian (first_day inclusive, day_after exclusive, as a daterange),
 * empty fields where there is no value.
 */
#include "cli.h"
#include "values.h"

#include <stdlib.h>
#include <string.h>

static int
fail(const char *what)
{
	fprintf(stderr, "persner value: %s\n", what);
	return 1;
}

static void
print_day(PersnerValueParser *vp, int32_t jdn)
{
	int			y,
				m,
				d;

	if (persner_values_jdn_to_ymd(vp, jdn, &y, &m, &d) == PERSNER_OK)
		printf("%04d-%02d-%02d", y, m, d);
}

int
cmd_value(int argc, char **argv, const char *model_path)
{
	int32_t		anchor = PERSNER_NO_ANCHOR;
	PersnerValueParser *vp = NULL;
	PersnerTagger *tg = NULL;
	PersnerModel *m;
	PersnerModelFile mf;
	char	   *doc;
	size_t		len;
	PersnerStatus st;
	int			a,
				rc = 0;
	const char *anchor_text = NULL;

	for (a = 0; a < argc; a++)
	{
		if (strcmp(argv[a], "--model") == 0 && a + 1 < argc)
			model_path = argv[++a];
		else if (strcmp(argv[a], "--anchor") == 0 && a + 1 < argc)
			anchor_text = argv[++a];
		else
		{
			fprintf(stderr, "persner value: unknown option \"%s\"\n", argv[a]);
			return 2;
		}
	}
	if (persner_values_create(&vp) != PERSNER_OK)
		return fail("could not open ICU's calendars");
	if (anchor_text != NULL)
	{
		int			y,
					mo,
					d;
		char		extra;

		if (sscanf(anchor_text, "%d-%d-%d%c", &y, &mo, &d, &extra) != 3 ||
			persner_values_ymd_to_jdn(vp, y, mo, d, &anchor) != PERSNER_OK)
		{
			persner_values_free(vp);
			fprintf(stderr, "persner value: --anchor \"%s\" is not a day (YYYY-MM-DD)\n", anchor_text);
			return 2;
		}
	}
	m = load_model(model_path, &mf);
	if (m == NULL)
	{
		persner_values_free(vp);
		return 1;
	}
	doc = read_file("/dev/stdin", &len);
	if (doc == NULL)
		rc = fail("could not read standard input");
	else if (persner_tagger_create(m, &tg) != PERSNER_OK)
		rc = fail("out of memory");
	else if (persner_tagger_set_scores(tg, 0),
			 persner_tagger_begin(tg, doc, len) != PERSNER_OK)
		rc = fail("the input is not valid UTF-8");
	else
	{
		const PersnerEntity *e;
		size_t		ne,
					i;

		while ((st = persner_tagger_next(tg, &e, &ne, NULL, NULL)) == PERSNER_OK)
		{
			for (i = 0; i < ne; i++)
			{
				const char *label = persner_model_type(m, e[i].type);
				PersnerValue v;

				st = persner_values_parse(vp, persner_value_kind(label), doc + e[i].bbeg,
										  e[i].bend - e[i].bbeg, anchor, &v);
				if (st != PERSNER_OK)
					break;
				printf("%u\t%u\t%s\t", e[i].cbeg + 1, e[i].cend + 1, label);
				fwrite(doc + e[i].bbeg, 1, e[i].bend - e[i].bbeg, stdout);
				putchar('\t');
				if (v.has_dates)
					print_day(vp, v.day_lo);
				putchar('\t');
				if (v.has_dates)
					print_day(vp, v.day_hi);
				printf("\t%s\t%s\t", v.has_amount ? v.amount : "", v.unit);
				if (v.has_time)
					printf("%02d:%02d:%02d", v.seconds / 3600, v.seconds / 60 % 60, v.seconds % 60);
				putchar('\n');
			}
			if (st != PERSNER_OK)
				break;
		}
		if (st != PERSNER_DONE)
			rc = fail(persner_strerror(st));
	}
	free(doc);
	persner_tagger_free(tg);
	persner_values_free(vp);
	persner_model_unmap(&mf);
	return rc;
}
