/*
 * test_marked.c - unit tests for marked.c (gold entities marked inline)
 * and eval.c's span counter
 *
 * A file with categories, comments, blank lines and CRLF parses to the raw
 * lines with character offsets; every kind of malformed mark is refused
 * with its line; every allocation failure is reported and leaks nothing;
 * persner_eval_spans counts exact span and type only.  The scoring of a
 * marked file through a model is in test_build.c (it needs a model).
 */
#include "eval.h"
#include "labels.h"
#include "marked.h"
#include "unit.h"

#include <math.h>

static const char GOOD[] =
	"# a comment before any category\n"
	"[PER مریم احمدی] به [LOC تبریز] رفت.\n"
	"#   category:   formats  \n"
	"\n"
	"قیمت [PCT ۱۲٪] بالا رفت و [MON ۱,۲۰۰ میلیارد ریال] شد.\r\n"
	"   \t\n"
	"# category: orgs-short\n"
	"# an ordinary comment inside a category\n"
	"[ORG سازمان حفاظت محیط زیست] گفت [ORG محیط زیست] آماده است.\n"
	"جمله‌ای بی‌نام.";

/* the type name of entity i of mk */
static const char *
ent_type(const PersnerMarked *mk, size_t i)
{
	return persner_type_names[mk->ents[i].type];
}

TEST(parse_lines_categories_offsets)
{
	PersnerMarked mk;
	PersnerMarkedError err;

	CHECK_EQ_INT(persner_marked_parse(GOOD, strlen(GOOD), &mk, &err), PERSNER_OK);
	CHECK_EQ_INT(mk.nlines, 4);
	CHECK_EQ_INT(mk.ncategories, 2);
	if (mk.nlines == 4 && mk.ncategories == 2)
	{
		CHECK_EQ_STR(mk.categories[0], "formats");
		CHECK_EQ_STR(mk.categories[1], "orgs-short");
		/* the marks are gone, the text is as written */
		CHECK_EQ_STR(mk.lines[0].text, "مریم احمدی به تبریز رفت.");
		CHECK_EQ_INT(mk.lines[0].len, strlen("مریم احمدی به تبریز رفت."));
		CHECK_EQ_INT(mk.lines[0].category, -1);
		CHECK_EQ_INT(mk.lines[0].lineno, 2);
		CHECK_EQ_STR(mk.lines[1].text, "قیمت ۱۲٪ بالا رفت و ۱,۲۰۰ میلیارد ریال شد.");	/* no \r */
		CHECK_EQ_INT(mk.lines[1].category, 0);
		CHECK_EQ_INT(mk.lines[1].lineno, 5);
		CHECK_EQ_INT(mk.lines[2].category, 1);
		CHECK_EQ_INT(mk.lines[2].lineno, 9);
		CHECK_EQ_STR(mk.lines[3].text, "جمله‌ای بی‌نام.");
		CHECK_EQ_INT(mk.lines[3].nent, 0);
		CHECK_EQ_INT(mk.lines[3].lineno, 10);	/* no final newline */
		/* entities: character offsets (not bytes), in text order */
		CHECK_EQ_INT(mk.nents, 6);
		CHECK_EQ_INT(mk.lines[0].ent, 0);
		CHECK_EQ_INT(mk.lines[0].nent, 2);
		CHECK_EQ_STR(ent_type(&mk, 0), "PER");
		CHECK_EQ_INT(mk.ents[0].cbeg, 0);
		CHECK_EQ_INT(mk.ents[0].cend, 10);	/* مریم احمدی */
		CHECK_EQ_STR(ent_type(&mk, 1), "LOC");
		CHECK_EQ_INT(mk.ents[1].cbeg, 14);
		CHECK_EQ_INT(mk.ents[1].cend, 19);
		CHECK_EQ_INT(mk.lines[1].ent, 2);
		CHECK_EQ_STR(ent_type(&mk, 2), "PCT");
		CHECK_EQ_INT(mk.ents[2].cbeg, 5);
		CHECK_EQ_INT(mk.ents[2].cend, 8);	/* ۱۲٪ */
		CHECK_EQ_STR(ent_type(&mk, 3), "MON");
		CHECK_EQ_INT(mk.ents[3].cbeg, 20);
		CHECK_EQ_INT(mk.ents[3].cend, 38);
		CHECK_EQ_STR(ent_type(&mk, 4), "ORG");
		CHECK_EQ_STR(ent_type(&mk, 5), "ORG");
		CHECK_EQ_INT(mk.ents[5].cbeg, 27);
		CHECK_EQ_INT(mk.ents[5].cend, 36);
	}
	persner_marked_free(&mk);
	CHECK(mk.buf == NULL && mk.nlines == 0);
}

/* the byte where character c of s starts */
static size_t
byte_of(const char *s, size_t c)
{
	size_t		b = 0;

	for (; c > 0 && s[b]; c--)
		for (b++; ((unsigned char) s[b] & 0xC0) == 0x80; b++)
			;
	return b;
}

/* each span, cut out of the raw line by its character offsets, is the marked text */
TEST(spans_cut_the_marked_text)
{
	static const char text[] = "در [LOC ژنو] و [ORG یونسکو] روز [DAT ۲۰۲۵-۰۹-۲۴] بود";
	static const char *const want[] = {"ژنو", "یونسکو", "۲۰۲۵-۰۹-۲۴"};
	PersnerMarked mk;

	CHECK_EQ_INT(persner_marked_parse(text, strlen(text), &mk, NULL), PERSNER_OK);
	CHECK_EQ_INT(mk.nents, 3);
	for (size_t i = 0; i < mk.nents && i < 3; i++)
	{
		const char *s = mk.lines[0].text;
		size_t		b = byte_of(s, mk.ents[i].cbeg),
					e = byte_of(s, mk.ents[i].cend);

		CHECK(e - b == strlen(want[i]) && memcmp(s + b, want[i], e - b) == 0);
	}
	persner_marked_free(&mk);
}

/* every kind of malformed mark: EFORMAT, the line, and what */
TEST(malformed_marks_are_errors_with_their_line)
{
	static const struct
	{
		const char *text;
		size_t		line;
		const char *what;
	}			cases[] = {
		{"ok\n[ORG بانک ملت\n", 2, "the line ends inside an entity (no \"]\")"},
		{"ok\nok\nبانک ملت] گفت\n", 3, "a \"]\" outside an entity"},
		{"[ORG بانک [LOC تهران]]\n", 1, "a \"[\" inside an entity (entities do not nest)"},
		{"# category: x\n[XYZ بانک]\n", 2, "unknown label"},
		{"[org بانک]\n", 1, "unknown label"},	/* labels are written in capitals */
		{"[FOO بانک]\n", 1, "unknown label"},
		{"[ORG ]\n", 1, "an empty entity"},
		{"[ORG  بانک]\n", 1, "an entity that starts or ends with a space"},
		{"[ORG بانک ]\n", 1, "an entity that starts or ends with a space"},
		{"[ORG بانک\xE2\x80\x8C]\n", 1, "an entity that starts or ends with a space"},
		{"[ORGبانک]\n", 1, "a \"[\" not followed by a label and a space"},
		{"[ بانک]\n", 1, "a \"[\" not followed by a label and a space"},
		{"[ORG", 1, "a \"[\" not followed by a label and a space"},
		{"ok\n#category:\n", 2, "a category without a name"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		PersnerMarked mk;
		PersnerMarkedError err;
		PersnerStatus st = persner_marked_parse(cases[i].text, strlen(cases[i].text), &mk, &err);

		CHECK_EQ_INT(st, PERSNER_EFORMAT);
		CHECK_EQ_INT(err.lineno, cases[i].line);
		CHECK_EQ_STR(err.what, cases[i].what);
		if (st != PERSNER_EFORMAT)
			fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
		persner_marked_free(&mk);
	}
}

TEST(invalid_utf8_is_an_error_with_its_line)
{
	static const char text[] = "ok\n[ORG \xC3\x28]\n";
	PersnerMarked mk;
	PersnerMarkedError err;

	CHECK_EQ_INT(persner_marked_parse(text, strlen(text), &mk, &err), PERSNER_EUTF8);
	CHECK_EQ_INT(err.lineno, 2);
	persner_marked_free(&mk);
}

TEST(every_allocation_failure_is_reported_and_leaks_nothing)
{
	int			failures = 0;

	for (long n = 0; n < 64; n++)
	{
		PersnerMarked mk;
		PersnerStatus st;

		unit_live = 0;
		unit_fail_nth(n);
		st = persner_marked_parse(GOOD, strlen(GOOD), &mk, NULL);
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		failures += st == PERSNER_ENOMEM;
		if (st == PERSNER_OK)
			CHECK_EQ_INT(mk.nents, 6);
		persner_marked_free(&mk);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
		if (st == PERSNER_OK)
			break;
	}
	CHECK(failures > 0);
}

/* the one counter: exact begin, end and type, or nothing */
TEST(eval_spans_counts_exact_matches_only)
{
	static const PersnerEvalSpan gold[] = {
		{0, 10, "PER", 0}, {14, 19, "LOC", 0}, {25, 30, "ORG", 0}, {40, 45, "FAC", 0},
	};
	static const PersnerEvalSpan pred[] = {
		{0, 10, "PER", 1},		/* right */
		{14, 19, "ORG", 1},		/* wrong type */
		{25, 29, "ORG", 1},		/* wrong end */
		{33, 35, "DAT", 1},		/* not in gold */
	};
	PersnerEval ec,
				some;
	double		p,
				r;
	int			per;

	memset(&ec, 0, sizeof(ec));
	CHECK_EQ_INT(persner_eval_spans(&ec, gold, 4, pred, 4), PERSNER_OK);
	CHECK(fabs(persner_eval_f1(&ec, -1, &p, &r) - 25.0) < 1e-9);	/* 1 of 4, 1 of 4 */
	per = 0;
	CHECK_EQ_STR(ec.names[per], "PER");
	CHECK_EQ_INT(ec.tp[per], 1);
	CHECK(persner_eval_f1(&ec, per, NULL, NULL) == 100.0);
	/* a scored subset: the FAC and the DAT are left out on both sides */
	memset(&some, 0, sizeof(some));
	CHECK_EQ_INT(persner_eval_only(&some, "PER,LOC,ORG"), PERSNER_OK);
	CHECK_EQ_INT(persner_eval_spans(&some, gold, 4, pred, 4), PERSNER_OK);
	CHECK(fabs(persner_eval_f1(&some, -1, &p, &r) - 100.0 / 3) < 1e-9);
	CHECK(fabs(p - 100.0 / 3) < 1e-9 && fabs(r - 100.0 / 3) < 1e-9);
	/* nothing on either side: no counts, F1 0 */
	persner_eval_reset(&ec);
	CHECK_EQ_INT(persner_eval_spans(&ec, gold, 0, pred, 0), PERSNER_OK);
	CHECK(persner_eval_f1(&ec, -1, NULL, NULL) == 0.0);
}

/* score bands: each predicted entity in the band of its score, the right ones counted apart */
TEST(eval_spans_counts_score_bands)
{
	static const PersnerEvalSpan gold[] = {
		{0, 10, "PER", 0}, {14, 19, "LOC", 0}, {25, 30, "ORG", 0},
	};
	static const PersnerEvalSpan pred[] = {
		{0, 10, "PER", 1.0f},	/* right, top band */
		{14, 19, "LOC", 0.995f},	/* right, top band */
		{25, 30, "LOC", 0.95f},	/* wrong type, [0.9, 0.99) */
		{33, 35, "DAT", 0.5f},	/* not in gold: a floor belongs to its band */
		{40, 41, "PER", 0.2f},	/* not in gold, lowest band */
	};
	PersnerEval ec;
	long		n = 0;

	CHECK_EQ_INT(PERSNER_EVAL_BANDS, 5);
	memset(&ec, 0, sizeof(ec));
	CHECK_EQ_INT(persner_eval_spans(&ec, gold, 3, pred, 5), PERSNER_OK);
	for (int b = 0; b < PERSNER_EVAL_BANDS; b++)
		n += ec.band_pred[b];
	CHECK_EQ_INT(n, 0);			/* not asked for */

	ec.by_score = 1;
	persner_eval_reset(&ec);
	CHECK_EQ_INT(ec.by_score, 1);	/* a reset keeps it */
	CHECK_EQ_INT(persner_eval_spans(&ec, gold, 3, pred, 5), PERSNER_OK);
	CHECK_EQ_INT(ec.band_pred[4], 2);
	CHECK_EQ_INT(ec.band_tp[4], 2);
	CHECK_EQ_INT(ec.band_pred[3], 1);
	CHECK_EQ_INT(ec.band_tp[3], 0);
	CHECK_EQ_INT(ec.band_pred[2], 0);
	CHECK_EQ_INT(ec.band_pred[1], 1);
	CHECK_EQ_INT(ec.band_tp[1], 0);
	CHECK_EQ_INT(ec.band_pred[0], 1);
	CHECK_EQ_INT(ec.band_tp[0], 0);
}

int
main(void)
{
	RUN(parse_lines_categories_offsets);
	RUN(spans_cut_the_marked_text);
	RUN(malformed_marks_are_errors_with_their_line);
	RUN(invalid_utf8_is_an_error_with_its_line);
	RUN(every_allocation_failure_is_reported_and_leaks_nothing);
	RUN(eval_spans_counts_exact_matches_only);
	RUN(eval_spans_counts_score_bands);
	UNIT_DONE();
}
