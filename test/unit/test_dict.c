/*
 * test_dict.c - user dictionaries (persner dict): compiling, matching, the
 * decoding mask, bad lists and damaged dictionary sections
 *
 * The base model knows three words by identity, as test_tagger.c's: تهران
 * is LOC, سازمان starts an ORG that ملل continues; everything else is O.  A
 * second base with random weights and transitions checks the masked
 * Viterbi path and marginals against exhaustive search.
 */
#include "dict.h"
#include "feat.h"
#include "model.h"
#include "tagger.h"
#include "unit.h"

#include <math.h>

static uint8_t *base_img;
static size_t base_len;
static PersnerModel *base;

/*
 * make_base - a two-type model (LOC, ORG) over the words words[nw], each
 * with L weights w[i * 5 + label]; transitions trans[25], start, end [5]
 */
static PersnerModel *
make_base(const char *const *words, int nw, const float *w, const float *trans,
		  const float *start, const float *end, uint8_t **img, size_t *len)
{
	static const char *const types[] = {"LOC", "ORG"};
	static const char *const mk[] = {"name", "corpus", "dev_f1"};
	static const char *const mv[] = {"tiny", "made up", "99.5"};
	uint64_t	fkeys[8];
	uint32_t	row_off[9];
	uint8_t		lab[40];
	float		wt[40];
	PersnerModelSpec s;
	PersnerModel *m = NULL;
	const char *detail;
	int			i,
				j;

	for (i = 0; i < nw; i++)
	{
		fkeys[i] = unit_ident_key(words[i]);
		row_off[i] = (uint32_t) (5 * i);
		for (j = 0; j < 5; j++)
		{
			lab[5 * i + j] = (uint8_t) j;
			wt[5 * i + j] = w[5 * i + j];
		}
	}
	row_off[nw] = (uint32_t) (5 * nw);
	memset(&s, 0, sizeof(s));
	s.K = 2;
	s.types = types;
	s.nmeta = 3;
	s.meta_keys = mk;
	s.meta_vals = mv;
	s.F = (uint32_t) nw;
	s.feat_keys = fkeys;
	s.row_off = row_off;
	s.ent_label = lab;
	s.ent_w = wt;
	s.trans = trans;
	s.start = start;
	s.end = end;
	if (persner_model_write(&s, img, len) != PERSNER_OK ||
		persner_model_open(*img, *len, &m, &detail) != PERSNER_OK)
	{
		fprintf(stderr, "could not build a test model\n");
		exit(1);
	}
	return m;
}

static void
build_base(void)
{
	static const char *const words[] = {"تهران", "سازمان", "ملل"};
	float		w[15] = {0},
				trans[25] = {0},
				start[5] = {0},
				end[5] = {0};

	w[0 * 5 + PERSNER_TAG_B(PERSNER_BIO, 0)] = 5;
	w[1 * 5 + PERSNER_TAG_B(PERSNER_BIO, 1)] = 5;
	w[2 * 5 + PERSNER_TAG_I(PERSNER_BIO, 1)] = 5;
	base = make_base(words, 3, w, trans, start, end, &base_img, &base_len);
}

/*
 * compile - the dictionary of the lists add (label<TAB>name lines) and
 * never over m into *img; the status, with the builder's message in err
 */
static PersnerStatus
compile(const PersnerModel *m, const char *add, const char *never, uint8_t **img,
		size_t *len, char *err)
{
	PersnerDictBuild db;
	PersnerStatus st = PERSNER_OK;

	*img = NULL;
	err[0] = '\0';
	persner_dict_init(&db, m);
	if (add)
		st = persner_dict_add_list(&db, "names.tsv", add, strlen(add), 0);
	if (st == PERSNER_OK && never)
		st = persner_dict_add_list(&db, "stop.tsv", never, strlen(never), 1);
	if (st == PERSNER_OK)
		st = persner_dict_write(&db, "tehran", "tiny", img, len);
	memcpy(err, db.error, PERSNER_DICT_ERROR_MAX);
	persner_dict_free(&db);
	return st;
}

/*
 * compiled - the dictionary model of add and never over b, open over *img
 * (caller frees both), or NULL after a failed check
 */
static PersnerModel *
compiled(const PersnerModel *b, const char *add, const char *never, uint8_t **img)
{
	size_t		len;
	char		err[PERSNER_DICT_ERROR_MAX];
	PersnerModel *m = NULL;
	const char *detail;

	CHECK_EQ_INT(compile(b, add, never, img, &len, err), PERSNER_OK);
	CHECK_EQ_STR(err, "");
	if (*img != NULL)
		CHECK_EQ_INT(persner_model_open(*img, len, &m, &detail), PERSNER_OK);
	return m;
}

static const char *GOOD =
"# made-up names\n"
"ORG\tالف ب\n"
"LOC\tالف ب ج\n"
"org\tب ج د\n"
"\n"
"  # an indented comment\n"
"ORG\tآبی\r\n"
"ORG\tنیلگون‌پویا\n"
"ORG\tالف ب\n";					/* again: counted once */

TEST(compile_and_open)
{
	uint8_t    *img;
	char		ck[17];
	PersnerModel *m;
	PersnerModelDict md;

	m = compiled(base, GOOD, "تهران\nLOC\tکرمان\n", &img);
	if (m == NULL)
		return;
	CHECK_EQ_INT(persner_model_format_version(m), PERSNER_FORMAT_VERSION_DICT);
	CHECK(persner_model_dict(m, &md) == 1);
	CHECK_EQ_INT(md.entries, 5);
	CHECK_EQ_INT(md.never, 2);
	CHECK_EQ_STR(md.base_model, "tiny");
	snprintf(ck, sizeof(ck), "%016llx", (unsigned long long) persner_model_checksum(base));
	CHECK_EQ_STR(md.base_checksum, ck);
	CHECK(persner_model_checksum(m) != persner_model_checksum(base));
	/* the base's metadata, less dev_f1 (not measured on this model) */
	CHECK_EQ_STR(persner_model_meta(m, "name"), "tehran");
	CHECK_EQ_STR(persner_model_meta(m, "corpus"), "made up");
	CHECK(persner_model_meta(m, "dev_f1") == NULL);
	CHECK_EQ_INT(persner_model_ntypes(m), 2);
	CHECK(persner_model_dict(base, &md) == 0 && md.base_model == NULL);
	persner_model_close(m);
	persner_free(img);
}

TEST(same_bytes_twice)
{
	uint8_t    *a,
			   *b;
	size_t		la,
				lb;
	char		err[PERSNER_DICT_ERROR_MAX];

	CHECK_EQ_INT(compile(base, GOOD, "تهران\n", &a, &la, err), PERSNER_OK);
	CHECK_EQ_INT(compile(base, GOOD, "تهران\n", &b, &lb, err), PERSNER_OK);
	CHECK(a && b && la == lb && memcmp(a, b, la) == 0);
	persner_free(a);
	persner_free(b);
}

/* leftmost-longest, non-overlapping; the prefix bit; spellings */
TEST(matching)
{
	static const struct
	{
		int			with_dict;
		const char *doc;
		const char *want;
	}			cases[] = {
		/* the base tags none of these words */
		{0, "الف ب ج د آبی", ""},
		/* longest from the left: الف ب ج (LOC) wins over الف ب; ب ج د overlaps it */
		{1, "الف ب ج د", "LOC:الف ب ج|"},
		/* the prefix bit walks on past الف ب, finds no longer name, keeps الف ب */
		{1, "الف ب د", "ORG:الف ب|"},
		/* a name that starts later */
		{1, "و ب ج د و", "ORG:ب ج د|"},
		/* a prefix of a name alone is no name */
		{1, "الف و ب", ""},
		/* two names side by side stay two entities */
		{1, "آبی آبی", "ORG:آبی|ORG:آبی|"},
		/* spellings that normalize alike: no ZWNJ, Arabic yeh, a kashida */
		{1, "نیلگونپویا و نيلگون‌پويا و نیلـگون‌پویا", "ORG:نیلگونپویا|ORG:نيلگون‌پويا|ORG:نیلـگون‌پویا|"},
		/* a space where the list has a ZWNJ, and a ZWNJ where it has spaces */
		{1, "از نیلگون پویا و ب‌ج‌د", "ORG:نیلگون پویا|ORG:ب‌ج‌د|"},
	};
	size_t		i;
	uint8_t    *img;
	char		got[512];
	PersnerModel *m;

	m = compiled(base, GOOD, NULL, &img);
	if (m == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		unit_tag_str(cases[i].with_dict ? m : base, cases[i].doc, got, sizeof(got));
		CHECK_EQ_STR(got, cases[i].want);
	}
	/* names are matched per sentence, also in pretokenized input */
	{
		const char *toks[] = {"الف", "ب", "ج"};
		size_t		lens[3] = {strlen(toks[0]), strlen(toks[1]), strlen(toks[2])};
		int			tags[3];
		PersnerTagger *t;

		CHECK_EQ_INT(persner_tagger_create(m, &t), PERSNER_OK);
		CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, 3, tags, NULL), PERSNER_OK);
		CHECK(tags[0] == PERSNER_TAG_B(PERSNER_BIO, 0) && tags[1] == PERSNER_TAG_I(PERSNER_BIO, 0) && tags[2] == PERSNER_TAG_I(PERSNER_BIO, 0));
		persner_tagger_free(t);
	}
	persner_model_close(m);
	persner_free(img);
}

/* --never names are O; a name ends where it ends; the rest is the CRF's */
TEST(never_and_boundaries)
{
	uint8_t    *img;
	char		got[512];
	PersnerModel *m;

	unit_tag_str(base, "مردم تهران و سازمان ملل", got, sizeof(got));
	CHECK_EQ_STR(got, "LOC:تهران|ORG:سازمان ملل|");
	m = compiled(base, "ORG\tسازمان\nLOC\tمردم\n", "تهران\n", &img);
	if (m == NULL)
		return;
	/*
	 * تهران is never tagged; سازمان is an ORG of one word, so ملل, which
	 * the model would make its I-ORG, may not continue it
	 */
	unit_tag_str(m, "مردم تهران و سازمان ملل", got, sizeof(got));
	CHECK_EQ_STR(got, "LOC:مردم|ORG:سازمان|");
	/* the same words without the names: the base model's entities */
	unit_tag_str(m, "کرمان و ملل", got, sizeof(got));
	unit_tag_str(base, "کرمان و ملل", got + 256, sizeof(got) - 256);
	CHECK_EQ_STR(got, got + 256);
	persner_model_close(m);
	persner_free(img);
}

/*
 * Viterbi and the marginals under the mask against exhaustive search: a
 * random model, random sentences of five words of which some are names
 */
TEST(mask_exhaustive)
{
	static const char *const words[] = {"آبی", "سبز", "سرخ", "زرد", "سیاه", "سفید"};
	float		w[30],
				trans[25],
				start[5],
				end[5];
	uint8_t    *rimg,
			   *img;
	size_t		rlen;
	PersnerModel *rbase,
			   *m;
	PersnerTagger *t;
	int			i,
				round,
				masked = 0;

	for (i = 0; i < 30; i++)
		w[i] = (float) unit_randf(-3, 3);
	for (i = 0; i < 25; i++)
		trans[i] = (float) unit_randf(-2, 2);
	for (i = 0; i < 5; i++)
	{
		start[i] = (float) unit_randf(-1, 1);
		end[i] = (float) unit_randf(-1, 1);
	}
	rbase = make_base(words, 6, w, trans, start, end, &rimg, &rlen);
	m = compiled(rbase, "ORG\tسبز سرخ\nLOC\tزرد\nLOC\tسبز سرخ زرد سفید\n", "سیاه\n", &img);
	if (m == NULL)
		return;
	CHECK_EQ_INT(persner_tagger_create(m, &t), PERSNER_OK);
	for (round = 0; round < 300; round++)
	{
		enum
		{
			T = 5
		};
		const char *toks[T];
		size_t		lens[T];
		int			tags[T];
		float		marg[T];
		float		state[T * 5];

		for (i = 0; i < T; i++)
		{
			toks[i] = words[unit_randn(6)];
			lens[i] = strlen(toks[i]);
		}
		CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, T, tags, marg), PERSNER_OK);
		memcpy(state, persner_tagger_state(t), sizeof(state));
		for (i = 0; i < T * 5; i++)
			masked += isinf(state[i]) != 0;
		unit_check_exhaustive(m, state, T, tags, marg);
	}
	CHECK(masked > 0);
	persner_tagger_free(t);
	persner_model_close(m);
	persner_model_close(rbase);
	persner_free(img);
	persner_free(rimg);
}

/* every bad line is refused with file:line and why */
TEST(bad_lists)
{
	static const struct
	{
		const char *add;
		const char *never;
		PersnerStatus st;
		const char *msg;
	}			cases[] = {
		{"ORG\tالف\nالف ب\n", NULL, PERSNER_EINVAL, "names.tsv:2: expected label<TAB>name"},
		{"ORG\tالف\tب\n", NULL, PERSNER_EINVAL, "names.tsv:1: more than two fields"},
		{"\n#\nFAC\tالف\n", NULL, PERSNER_EINVAL, "names.tsv:3: the base model has no label \"FAC\" (its labels: LOC ORG)"},
		{"XYZ\tالف\n", NULL, PERSNER_EINVAL, "names.tsv:1: the base model has no label \"XYZ\""},
		{"\tالف\n", NULL, PERSNER_EINVAL, "names.tsv:1: the base model has no label \"\""},
		{"ORG\t  \n", NULL, PERSNER_EINVAL, "names.tsv:1: the name is empty"},
		{"ORG\tیک دو سه چهار پنج شش هفت هشت نه\n", NULL, PERSNER_ELIMIT,
		"names.tsv:1: the name has 9 tokens; a dictionary name has at most 8"},
		{"ORG\tالف\xff\n", NULL, PERSNER_EINVAL, "names.tsv:1: the line is not valid UTF-8"},
		{"ORG\tآقای الف. ب\n", NULL, PERSNER_EINVAL, "names.tsv:1: the name is cut into two sentences"},
		{"ORG\tالف ب\nLOC\tالف  ب\n", NULL, PERSNER_EINVAL,
		"names.tsv:2: the name is listed as LOC here and as ORG at names.tsv:1"},
		{"ORG\tالف ب\nLOC\tالف‌ب\n", NULL, PERSNER_EINVAL,
		"names.tsv:2: the name is listed as LOC here and as ORG at names.tsv:1"},
		{"ORG\tكرمان\n", "کرمان\n", PERSNER_EINVAL,
		"stop.tsv:1: the name is listed as never tagged here and as ORG at names.tsv:1"},
		{"# nothing\n\n", NULL, PERSNER_EINVAL, "the lists hold no name"},
		{NULL, "PCT\tالف\n", PERSNER_EINVAL, "stop.tsv:1: the base model has no label \"PCT\""},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		uint8_t    *img;
		size_t		len;
		char		err[PERSNER_DICT_ERROR_MAX];
		PersnerStatus st = compile(base, cases[i].add, cases[i].never, &img, &len, err);

		CHECK_EQ_INT(st, cases[i].st);
		CHECK(img == NULL);
		if (strncmp(err, cases[i].msg, strlen(cases[i].msg)) != 0)
		{
			fprintf(stderr, "case %zu: got \"%s\"\n", i, err);
			CHECK(0);
		}
	}
	/* a byte-order mark before the first label, CRLF line ends */
	{
		PersnerModel *m;
		uint8_t    *img;
		char		got[128];

		m = compiled(base, "\xEF\xBB\xBFORG\tسبز\r\nLOC\tزرد\r\n", NULL, &img);
		if (m != NULL)
		{
			unit_tag_str(m, "سبز و زرد", got, sizeof(got));
			CHECK_EQ_STR(got, "ORG:سبز|LOC:زرد|");
			persner_model_close(m);
		}
		persner_free(img);
	}
	/* a --never line may be a name alone or label<TAB>name */
	{
		uint8_t    *img;
		size_t		len;
		char		err[PERSNER_DICT_ERROR_MAX];

		CHECK_EQ_INT(compile(base, NULL, "LOC\tتهران\nکرمان\n", &img, &len, err), PERSNER_OK);
		persner_free(img);
	}
}

/* find section id in a model image: its offset and size */
static int
find_section(const uint8_t *img, uint32_t id, size_t *off, size_t *size)
{
	uint32_t	n,
				i;

	memcpy(&n, img + 32, 4);
	for (i = 0; i < n; i++)
	{
		uint32_t	sid;
		uint64_t	o,
					s;

		memcpy(&sid, img + 40 + 24 * i, 4);
		memcpy(&o, img + 40 + 24 * i + 8, 8);
		memcpy(&s, img + 40 + 24 * i + 16, 8);
		if (sid == id)
		{
			*off = (size_t) o;
			*size = (size_t) s;
			return 1;
		}
	}
	return 0;
}

/* the first occurrence of needle [n] in hay [len], or NULL */
static uint8_t *
find_bytes(uint8_t *hay, size_t len, const char *needle, size_t n)
{
	size_t		i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

static void
reseal(uint8_t *img, size_t len)
{
	uint64_t	ck = persner_checksum(img + 32, len - 32);

	memcpy(img + 24, &ck, 8);
}

/* img [len] relabelled as format version and resealed: refused, detail naming why */
static void
refused_as_version(const uint8_t *img, size_t len, uint32_t version, const char *why)
{
	uint8_t    *copy = malloc(len);
	PersnerModel *m = NULL;
	const char *detail = NULL;

	memcpy(copy, img, len);
	memcpy(copy + 8, &version, 4);
	reseal(copy, len);
	CHECK_EQ_INT(persner_model_open(copy, len, &m, &detail), PERSNER_EFORMAT);
	CHECK(m == NULL && detail != NULL && strstr(detail, why) != NULL);
	free(copy);
}

#define S_DICT_PARAMS_ID	11	/* model.c's section ids: after the ten of version 1 */

/* a damaged dictionary section (checksum made right again) is refused */
TEST(corrupted_dictionary)
{
	uint8_t    *img,
			   *copy;
	size_t		len,
				off,
				size;
	char		err[PERSNER_DICT_ERROR_MAX];
	PersnerModel *m;
	const char *detail;
	uint32_t	v;
	size_t		i;

	CHECK_EQ_INT(compile(base, GOOD, "تهران\n", &img, &len, err), PERSNER_OK);
	CHECK(find_section(img, S_DICT_PARAMS_ID, &off, &size) && size == 16);
	copy = malloc(len);

	/* capacity, probe, counts: each made wrong */
	{
		static const struct
		{
			int			word;
			uint32_t	value;
			const char *why;
		}			bad[] = {
			{0, 3, "power of two"}, {0, 0, "power of two"}, {0, 1u << 31, "power of two"},
			{0, 64, "size"}, {1, 0, "probe"}, {1, 1000, "probe"},
			{2, 0, NULL}, {2, 1000, "name count"}, {3, 1000, "name count"},
		};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		{
			memcpy(copy, img, len);
			if (bad[i].why == NULL)		/* entries 0 and never 0 */
			{
				v = 0;
				memcpy(copy + off + 12, &v, 4);
			}
			memcpy(copy + off + 4 * bad[i].word, &bad[i].value, 4);
			reseal(copy, len);
			m = NULL;
			CHECK_EQ_INT(persner_model_open(copy, len, &m, &detail), PERSNER_EFORMAT);
			CHECK(m == NULL);
			if (bad[i].why && detail && strstr(detail, bad[i].why) == NULL)
			{
				fprintf(stderr, "case %zu: %s\n", i, detail);
				CHECK(0);
			}
		}
	}
	/* version 1 with the dictionary's sections; version 2 without them */
	refused_as_version(img, len, PERSNER_FORMAT_VERSION, "dictionary");
	refused_as_version(base_img, base_len, PERSNER_FORMAT_VERSION_DICT, "missing");
	/* a base checksum that is not 16 hex digits */
	{
		uint8_t    *p;

		memcpy(copy, img, len);
		p = find_bytes(copy, len, "base_checksum", 14);
		CHECK(p != NULL);
		if (p)
		{
			p[14] = 'X';
			reseal(copy, len);
			CHECK_EQ_INT(persner_model_open(copy, len, &m, &detail), PERSNER_EFORMAT);
		}
	}
	/* one flipped bit anywhere: refused (checksum or structure) */
	for (i = 32; i < len; i += 1 + len / 4000)
	{
		memcpy(copy, img, len);
		copy[i] ^= 0x10;
		m = NULL;
		CHECK(persner_model_open(copy, len, &m, &detail) != PERSNER_OK);
		CHECK(m == NULL);
	}
	/*
	 * values with stray bits or unknown types (resealed): the model opens,
	 * the tagger ignores those names, nothing reads out of bounds
	 */
	{
		size_t		voff,
					vsize;
		char		got[256];

		CHECK(find_section(img, S_DICT_PARAMS_ID + 2, &voff, &vsize));
		for (v = 0; v < 3; v++)
		{
			size_t		j;

			memcpy(copy, img, len);
			for (j = 0; j + 4 <= vsize; j += 4)
			{
				uint32_t	val;

				memcpy(&val, copy + voff + j, 4);
				if (val & PERSNER_GAZ_TYPEMASK)
					val = v == 0 ? (val | (1u << 31)) : v == 1 ? 7 : (val | 0x100);
				memcpy(copy + voff + j, &val, 4);
			}
			reseal(copy, len);
			m = NULL;
			CHECK_EQ_INT(persner_model_open(copy, len, &m, &detail), PERSNER_OK);
			if (m)
			{
				unit_tag_str(m, "الف ب ج و آبی و تهران", got, sizeof(got));
				CHECK_EQ_STR(got, "LOC:تهران|");
				persner_model_close(m);
			}
		}
	}
	free(copy);
	persner_free(img);
}

/* a dictionary model is no base: compile over its base */
TEST(base_with_dictionary)
{
	uint8_t    *img,
			   *img2;
	size_t		len2;
	char		err[PERSNER_DICT_ERROR_MAX];
	PersnerModel *m;

	m = compiled(base, GOOD, NULL, &img);
	if (m == NULL)
		return;
	CHECK_EQ_INT(compile(m, "ORG\tسبز\n", NULL, &img2, &len2, err), PERSNER_EINVAL);
	CHECK(strstr(err, "already holds a dictionary (over tiny)") != NULL);
	persner_model_close(m);
	persner_free(img);
}

TEST(allocation_failures)
{
	long		n;
	int			done = 0;

	for (n = 0; n < 200 && !done; n++)
	{
		uint8_t    *img = NULL;
		size_t		len;
		char		err[PERSNER_DICT_ERROR_MAX];
		long		live;
		PersnerStatus st;

		unit_fail_nth(n);
		live = unit_live;
		st = compile(base, GOOD, "تهران\n", &img, &len, err);
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		if (st == PERSNER_OK)
		{
			done = 1;
			persner_free(img);
		}
		CHECK_EQ_INT(unit_live, live);
		unit_alloc_reset();
	}
	CHECK(done);
}

int
main(void)
{
	build_base();
	RUN(compile_and_open);
	RUN(same_bytes_twice);
	RUN(matching);
	RUN(never_and_boundaries);
	RUN(mask_exhaustive);
	RUN(bad_lists);
	RUN(corrupted_dictionary);
	RUN(base_with_dictionary);
	RUN(allocation_failures);
	persner_model_close(base);
	persner_free(base_img);
	UNIT_DONE();
}
