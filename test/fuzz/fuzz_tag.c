/*
 * fuzz_tag.c - libFuzzer target for the whole tagging pipeline on arbitrary
 * bytes: validate, segment, normalize, tokenize, featurize, decode, spans
 *
 * Build and run: test/fuzz/run-fuzz.sh.
 *
 * The model is loaded once (LLVMFuzzerInitialize) from $PERSNER_FUZZ_MODEL,
 * else model/peyma.model, else a tiny model built in memory (make_seeds.c)
 * so that the target still runs before a model is trained.  One tagger is
 * kept across inputs, as a PostgreSQL backend keeps one: its word cache and
 * grown buffers carry over from one document to the next.
 *
 * The input is the document.  Invalid UTF-8 must be refused by
 * persner_tagger_begin and yield nothing.  Valid text is tagged sentence by
 * sentence and every promise of persner.h is checked: token and entity
 * byte ranges inside the document, on character boundaries, in order;
 * character offsets equal to the characters before the byte offsets; tags
 * in [0, L); types in [0, K); scores in [0, 1]; the entity's normalized
 * text NUL-terminated at norm_len and valid UTF-8, and its original span
 * canonicalizable (what persner_entities stores).  Then the lines of the
 * input are tagged as one pretokenized sentence (bin/persner tag
 * --pretokenized, one token a line).  A quarter of the documents (by the
 * last byte) are tagged once more tiled to 32 KB, so that superlinear
 * work shows as a timeout (fuzz_tile.h).  A violated invariant traps.
 */
#define MAKE_SEEDS_NO_MAIN
#include "make_seeds.c"

#include <math.h>

#include "fuzz_tile.h"

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) do { if (!(cond)) __builtin_trap(); } while (0)
#define MAX_PRETOK	256

static PersnerModel *model;
static PersnerTagger *tagger;
static int	L,
			K;

static uint8_t *
read_aligned(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	long		n;
	void	   *p = NULL;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
		posix_memalign(&p, 64, (size_t) n) != 0 ||
		fread(p, 1, (size_t) n, f) != (size_t) n)
	{
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t) n;
	return p;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("PERSNER_FUZZ_MODEL");
	uint8_t    *img;
	size_t		len = 0;
	const char *detail = NULL;
	PersnerStatus st;

	(void) argc;
	(void) argv;
	if (path == NULL || path[0] == '\0')
		path = "model/peyma.model";
	img = read_aligned(path, &len);
	if (img != NULL)
		fprintf(stderr, "fuzz_tag: model %s (%zu bytes)\n", path, len);
	else
	{
		uint8_t    *tiny;

		fprintf(stderr, "fuzz_tag: no model at %s; using the built-in tiny model\n", path);
		if (seed_tiny_model(&tiny, &len) != PERSNER_OK ||
			posix_memalign((void **) &img, 64, len) != 0)
			abort();
		memcpy(img, tiny, len);
		persner_free(tiny);
	}
	st = persner_model_open(img, len, &model, &detail);
	if (st != PERSNER_OK)
	{
		fprintf(stderr, "fuzz_tag: cannot open the model: %s (%s)\n",
				persner_strerror(st), detail ? detail : "");
		abort();
	}
	if (persner_tagger_create(model, &tagger) != PERSNER_OK)
		abort();
	L = persner_model_nlabels(model);
	K = persner_model_ntypes(model);
	return 0;					/* img stays mapped for the process's life */
}

/* Characters in doc[0, b), counted on from the last call when b grew. */
typedef struct Counter
{
	const char *doc;
	size_t		b;
	size_t		c;
} Counter;

static uint32_t
chars_before(Counter *k, size_t b)
{
	if (b < k->b)
	{
		k->b = 0;
		k->c = 0;
	}
	k->c += persner_utf8_count(k->doc + k->b, b - k->b);
	k->b = b;
	return (uint32_t) k->c;
}

static int
is_boundary(const uint8_t *s, size_t len, size_t b)
{
	return b == len || (s[b] & 0xC0) != 0x80;
}

static void
check_score(float s)
{
	REQUIRE(!isnan(s) && s >= 0.0f && s <= 1.001f);
}

static void
tag_document(const uint8_t *data, size_t size)
{
	const char *doc = (const char *) data;
	const PersnerEntity *e;
	const PersnerTokenInfo *ti;
	size_t		ne,
				nt,
				i;
	size_t		last_bbeg = 0,
				last_bend = 0;
	Counter		cnt = {doc, 0, 0};
	PersnerStatus st;

	/* scores on or off (persner_tag vs persner_entities): labels must not care */
	persner_tagger_set_scores(tagger, size > 0 && (doc[size - 1] & 1));
	REQUIRE(persner_tagger_begin(tagger, doc, size) == PERSNER_OK);
	while ((st = persner_tagger_next(tagger, &e, &ne, &ti, &nt)) == PERSNER_OK)
	{
		REQUIRE(ne <= nt);
		for (i = 0; i < nt; i++)
		{
			REQUIRE(ti[i].bbeg < ti[i].bend && ti[i].bend <= size);
			REQUIRE(is_boundary(data, size, ti[i].bbeg) && is_boundary(data, size, ti[i].bend));
			/* in order; two tokens cut from one character share its range */
			REQUIRE(ti[i].bbeg >= last_bbeg && ti[i].bend >= last_bend);
			last_bbeg = ti[i].bbeg;
			last_bend = ti[i].bend;
			REQUIRE(ti[i].cbeg == chars_before(&cnt, ti[i].bbeg));
			REQUIRE(ti[i].cend == chars_before(&cnt, ti[i].bend));
			REQUIRE(ti[i].norm_len > 0 && ti[i].norm != NULL);
			REQUIRE(persner_utf8_validate(ti[i].norm, ti[i].norm_len) == PERSNER_OK);
			REQUIRE(ti[i].tag >= 0 && ti[i].tag < L);
			check_score(ti[i].score);
		}
		for (i = 0; i < ne; i++)
		{
			char	   *canon = NULL;
			size_t		clen = 0;

			REQUIRE(e[i].type >= 0 && e[i].type < K);
			REQUIRE(e[i].bbeg < e[i].bend && e[i].bend <= size);
			REQUIRE(is_boundary(data, size, e[i].bbeg) && is_boundary(data, size, e[i].bend));
			REQUIRE(e[i].cbeg == chars_before(&cnt, e[i].bbeg));
			REQUIRE(e[i].cend == chars_before(&cnt, e[i].bend));
			REQUIRE(e[i].norm != NULL && strlen(e[i].norm) == e[i].norm_len);
			REQUIRE(persner_utf8_validate(e[i].norm, e[i].norm_len) == PERSNER_OK);
			check_score(e[i].score);
			if (i > 0)
				REQUIRE(e[i].bbeg >= e[i - 1].bend || e[i].bbeg >= e[i - 1].bbeg);
			/* what persner_entities and the entity type do with the span */
			REQUIRE(persner_canonical(doc + e[i].bbeg, e[i].bend - e[i].bbeg,
									  &canon, &clen) == PERSNER_OK);
			REQUIRE(canon != NULL && strlen(canon) == clen);
			persner_free(canon);
		}
	}
	REQUIRE(st == PERSNER_DONE);
	/* a finished tagger stays finished */
	REQUIRE(persner_tagger_next(tagger, NULL, NULL, NULL, NULL) == PERSNER_DONE);
}

static void
tag_lines(const uint8_t *data, size_t size)
{
	const char *toks[MAX_PRETOK];
	size_t		lens[MAX_PRETOK];
	int			tags[MAX_PRETOK];
	float		sc[MAX_PRETOK];
	size_t		T = 0,
				b = 0,
				i;

	for (i = 0; i <= size && T < MAX_PRETOK; i++)
	{
		if (i == size || data[i] == '\n')
		{
			if (i > b)
			{
				toks[T] = (const char *) data + b;
				lens[T] = i - b;
				T++;
			}
			b = i + 1;
		}
	}
	if (T == 0)
		return;
	REQUIRE(persner_tagger_tag_tokens(tagger, toks, lens, T, tags, sc) == PERSNER_OK);
	for (i = 0; i < T; i++)
	{
		REQUIRE(tags[i] >= 0 && tags[i] < L);
		check_score(sc[i]);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double		t0 = fuzz_cpu_seconds();

	if (persner_utf8_validate((const char *) data, size) != PERSNER_OK)
	{
		REQUIRE(persner_tagger_begin(tagger, (const char *) data, size) == PERSNER_EUTF8);
		REQUIRE(persner_tagger_next(tagger, NULL, NULL, NULL, NULL) == PERSNER_DONE);
		return 0;
	}
	tag_document(data, size);
	tag_lines(data, size);

	/* the time budget: a quarter of the documents again, tiled to 32 KB */
	if (size > 0 && (data[size - 1] & 0x06) == 0x06)
	{
		size_t		tl;
		char	   *tiled = fuzz_tile(data, size, (size_t) 32 << 10, &tl);
		PersnerStatus st;

		REQUIRE(persner_tagger_begin(tagger, tiled, tl) == PERSNER_OK);
		while ((st = persner_tagger_next(tagger, NULL, NULL, NULL, NULL)) == PERSNER_OK)
			;
		REQUIRE(st == PERSNER_DONE);
		free(tiled);
	}
	fuzz_cpu_check(t0);
	return 0;
}
