/*
 * dict.c - "persner dict": a user dictionary compiled into a model
 *
 *   persner dict --base FILE --add names.tsv [--add more.tsv] [--never stop.tsv] -o OUT
 *
 * names.tsv: label<TAB>name per line; stop.tsv: a name per line (or
 * label<TAB>name, the label checked and ignored); '#' comments and blank
 * lines allowed.  OUT is a complete model (the base's sections, the
 * dictionary, its own checksum) used by its file name like any other.
 * The work is the core's (src/core/train/dict.c); this reads and writes.
 */
#include "cli.h"
#include "dict.h"
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTS	PERSNER_DICT_MAX_FILES

/* stem - the file name of path without its directory and ".model", into buf */
static const char *
stem(const char *path, char *buf, size_t size)
{
	const char *b = strrchr(path, '/');
	size_t		n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 6 && strcmp(b + n - 6, ".model") == 0)
		n -= 6;
	if (n >= size)
		n = size - 1;
	memcpy(buf, b, n);
	buf[n] = '\0';
	return buf;
}

int
cmd_dict(int argc, char **argv)
{
	const char *base_path = NULL,
			   *out_path = NULL,
			   *lists[MAX_LISTS];
	int			never[MAX_LISTS],
				nlists = 0,
				a,
				i,
				rc = 1;
	PersnerModelFile mf;
	PersnerModel *base;
	PersnerDictBuild db;
	PersnerStatus st = PERSNER_OK;
	uint8_t    *img = NULL;
	size_t		len = 0;
	char		name[256],
				base_name[256];
	const char *bn;

	for (a = 0; a < argc; a++)
	{
		if (strcmp(argv[a], "--base") == 0 && a + 1 < argc)
			base_path = argv[++a];
		else if ((strcmp(argv[a], "-o") == 0 || strcmp(argv[a], "--out") == 0) && a + 1 < argc)
			out_path = argv[++a];
		else if ((strcmp(argv[a], "--add") == 0 || strcmp(argv[a], "--never") == 0) && a + 1 < argc)
		{
			if (nlists == MAX_LISTS)
			{
				fprintf(stderr, "persner dict: at most %d lists\n", MAX_LISTS);
				return 2;
			}
			never[nlists] = strcmp(argv[a], "--never") == 0;
			lists[nlists++] = argv[++a];
		}
		else
		{
			fprintf(stderr, "persner dict: unknown option \"%s\"\n", argv[a]);
			base_path = NULL;
			break;
		}
	}
	if (base_path == NULL || out_path == NULL || nlists == 0)
	{
		fprintf(stderr, "usage: persner dict --base FILE --add names.tsv [--never stop.tsv] -o OUT.model\n");
		return 2;
	}
	base = load_model(base_path, &mf);
	if (base == NULL)
		return 1;
	persner_dict_init(&db, base);
	for (i = 0; i < nlists && st == PERSNER_OK; i++)
	{
		size_t		n;
		char	   *text = read_file(lists[i], &n);

		if (text == NULL)
		{
			fprintf(stderr, "persner dict: could not read %s: %s\n", lists[i], strerror(errno));
			goto done;
		}
		st = persner_dict_add_list(&db, lists[i], text, n, never[i]);
		free(text);
	}
	if (st == PERSNER_OK)
	{
		bn = persner_model_meta(base, "name");
		if (bn == NULL || bn[0] == '\0')
			bn = stem(base_path, base_name, sizeof(base_name));
		st = persner_dict_write(&db, stem(out_path, name, sizeof(name)), bn, &img, &len);
	}
	if (st != PERSNER_OK)
	{
		fprintf(stderr, "persner dict: %s\n", db.error[0] ? db.error : persner_strerror(st));
		goto done;
	}
	if (write_file(out_path, img, len) != 0)
		goto done;
	printf("%s: %llu names (%u tagged, %u never tagged) over %s; %zu bytes\n", out_path,
		   (unsigned long long) db.entries + db.never, db.entries, db.never, bn, len);
	rc = 0;
done:
	persner_free(img);
	persner_dict_free(&db);
	persner_model_unmap(&mf);
	return rc;
}
