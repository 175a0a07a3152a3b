/*
 * test_docmem.c - the document memory (docmem.c) and the tagger with it
 *
 * A hand-built model: O by 1.0 everywhere (the bias), ملل B-ORG by 0.5, and
 * the first word of a sentence B-ORG by 0.6 (the FIRST context attribute):
 * so ملل is ORG at the start of a sentence (1.1 against 1.0) and O
 * elsewhere (0.5), and every other word O.  So
 * «ملل ...» tags it ORG, «در ملل» does not, unless the document has tagged
 * it before and the model's document bonus (1.0) tips it.
 */
#include "docmem.h"
#include "feat.h"
#include "model.h"
#include "unit.h"

#define ORG 0

/* the model, with doc_bonus bonus in its metadata (NULL: none) */
static PersnerModel *
build_model(const char *bonus, uint8_t **img)
{
	static const char *const types[] = {"ORG"};
	const char *mk[] = {"name", PERSNER_DOCMEM_META};
	const char *mv[] = {"test", bonus};
	uint64_t	fkeys[3] = {
		unit_ident_key("ملل"),
		persner_feat_fixed_key(32),	/* FIRST: the kind after the bias */
		persner_feat_fixed_key(0)	/* the bias */
	};
	uint32_t	row_off[4] = {0, 1, 2, 3};
	uint8_t		lab[3] = {PERSNER_TAG_B(PERSNER_BIO, ORG), PERSNER_TAG_B(PERSNER_BIO, ORG), PERSNER_TAG_O};
	float		w[3] = {0.5f, 0.6f, 1.0f};
	float		trans[9] = {0},
				start[3] = {0},
				end[3] = {0};
	PersnerModelSpec s = {
		.K = 1, .types = types, .nmeta = bonus ? 2 : 1, .meta_keys = mk, .meta_vals = mv,
		.F = 3, .feat_keys = fkeys, .row_off = row_off, .ent_label = lab, .ent_w = w,
		.trans = trans, .start = start, .end = end
	};
	PersnerModel *m;
	size_t		len;
	const char *detail;

	if (persner_model_write(&s, img, &len) != PERSNER_OK ||
		persner_model_open(*img, len, &m, &detail) != PERSNER_OK)
	{
		fprintf(stderr, "could not build the test model\n");
		exit(1);
	}
	return m;
}

/* the types of the entities of doc, one char per entity ('O' ORG), sentence by sentence */
static void
tag_doc(PersnerModel *m, const char *doc, char *out, size_t size)
{
	PersnerTagger *t;
	const PersnerEntity *e;
	size_t		ne,
				n = 0,
				i;

	CHECK_EQ_INT(persner_tagger_create(m, &t), PERSNER_OK);
	CHECK_EQ_INT(persner_tagger_begin(t, doc, strlen(doc)), PERSNER_OK);
	while (persner_tagger_next(t, &e, &ne, NULL, NULL) == PERSNER_OK && n + 2 < size)
	{
		for (i = 0; i < ne && n + 2 < size; i++)
			out[n++] = e[i].type == ORG ? 'O' : '?';
		out[n++] = '|';
	}
	out[n] = '\0';
	persner_tagger_free(t);
}

TEST(bonus_from_metadata)
{
	uint8_t    *img;
	PersnerModel *m;
	struct
	{
		const char *meta;
		float		bonus;
	}			cases[] = {{NULL, 0}, {"150", 1.5f}, {"0", 0}, {"1000", 10.0f}, {"1001", 0},
	{"abc", 0}, {"-100", 0}, {"1.5", 0}, {"", 0}, {"99999999999999999999", 0}};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		m = build_model(cases[i].meta, &img);
		CHECK(persner_docmem_bonus(m) == cases[i].bonus);
		persner_model_close(m);
		persner_free(img);
	}
}

/* a name tagged at a sentence start comes again later in the document: the bonus tips it */
TEST(second_mention)
{
	uint8_t    *img,
			   *img0;
	PersnerModel *m = build_model("100", &img),
			   *m0 = build_model(NULL, &img0);
	char		got[64];

	tag_doc(m0, "ملل آمد. در ملل بود.", got, sizeof(got));
	CHECK_EQ_STR(got, "O||");	/* without a bonus: the second mention is lost */
	tag_doc(m, "ملل آمد. در ملل بود.", got, sizeof(got));
	CHECK_EQ_STR(got, "O|O|");
	tag_doc(m, "در ملل بود. ملل آمد.", got, sizeof(got));
	CHECK_EQ_STR(got, "|O|");	/* only earlier sentences count */
	/* a new document forgets: one tagger, two documents */
	tag_doc(m, "در ملل بود.", got, sizeof(got));
	CHECK_EQ_STR(got, "|");
	/* the whole document is remembered, however long */
	{
		char		doc[4096] = "ملل آمد.";
		int			i;

		for (i = 0; i < 40; i++)
			strcat(doc, " او رفت.");
		strcat(doc, " در ملل بود.");
		tag_doc(m, doc, got, sizeof(got));
		CHECK(strlen(got) == 44 && strncmp(got, "O||", 3) == 0 && strcmp(got + 42, "O|") == 0);
	}
	persner_model_close(m);
	persner_model_close(m0);
	persner_free(img);
	persner_free(img0);
}

/* sentences fed one by one: remembered for PERSNER_DOCMEM_WINDOW sentences */
TEST(window_for_sentence_files)
{
	uint8_t    *img;
	PersnerModel *m = build_model("100", &img);
	PersnerTagger *t;
	const char *first[] = {"ملل", "آمد"},
			   *later[] = {"در", "ملل"},
			   *filler[] = {"او"};
	size_t		l2[2] = {strlen("ملل"), strlen("آمد")},
				l2b[2] = {strlen("در"), strlen("ملل")},
				l1[1] = {strlen("او")};
	int			tags[2],
				gap;

	for (gap = PERSNER_DOCMEM_WINDOW - 2; gap <= PERSNER_DOCMEM_WINDOW; gap++)
	{
		int			i;

		CHECK_EQ_INT(persner_tagger_create(m, &t), PERSNER_OK);
		CHECK_EQ_INT(persner_tagger_tag_tokens(t, first, l2, 2, tags, NULL), PERSNER_OK);
		CHECK_EQ_INT(tags[0], PERSNER_TAG_B(PERSNER_BIO, ORG));
		for (i = 0; i < gap; i++)
			CHECK_EQ_INT(persner_tagger_tag_tokens(t, filler, l1, 1, tags, NULL), PERSNER_OK);
		CHECK_EQ_INT(persner_tagger_tag_tokens(t, later, l2b, 2, tags, NULL), PERSNER_OK);
		/* tagged in sentence 0, seen again in sentence gap + 1 */
		CHECK_EQ_INT(tags[1], gap + 1 <= PERSNER_DOCMEM_WINDOW ? PERSNER_TAG_B(PERSNER_BIO, ORG) : PERSNER_TAG_O);
		persner_tagger_free(t);
	}
	persner_model_close(m);
	persner_free(img);
}

/* the memory itself: leftmost longest, exact bonus, bounded */
TEST(memory)
{
	PersnerDocMem *d = persner_calloc(1, sizeof(PersnerDocMem));
	uint64_t	ident[4] = {11, 12, 13, 14};
	PersnerSpan sp[2] = {{0, 2, 1, 1.0f}, {0, 1, 0, 1.0f}};
	float		state[4 * 5] = {0};
	const int	L = 5;
	int			i;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	persner_docmem_reset(d);
	persner_docmem_apply(d, ident, 4, 0, 1.0f, PERSNER_BIO, L, state);
	for (i = 0; i < 4 * 5; i++)
		CHECK(state[i] == 0);
	/* sentence 0: [11 12] type 1, [11] type 0 */
	persner_docmem_learn(d, ident, sp, 2);
	persner_docmem_apply(d, ident, 4, 0, 0.5f, PERSNER_BIO, L, state);
	CHECK(state[0 * L + PERSNER_TAG_B(PERSNER_BIO, 1)] == 0.5f);	/* the longest name wins */
	CHECK(state[1 * L + PERSNER_TAG_I(PERSNER_BIO, 1)] == 0.5f);
	CHECK(state[0 * L + PERSNER_TAG_B(PERSNER_BIO, 0)] == 0);
	for (i = 2 * L; i < 4 * L; i++)
		CHECK(state[i] == 0);
	/* a type that does not fit the model's labels is skipped */
	memset(state, 0, sizeof(state));
	persner_docmem_apply(d, ident, 4, 0, 0.5f, PERSNER_BIO, 3, state);
	for (i = 0; i < 4 * 3; i++)
		CHECK(state[i] == (i == PERSNER_TAG_B(PERSNER_BIO, 0) ? 0.5f : 0));
	/* BIOES (K = 2, L = 9): the name's first word B-, its last E-; with K = 1 (L = 5) the one-word name S- */
	{
		float		st9[4 * 9] = {0};

		persner_docmem_apply(d, ident, 4, 0, 0.5f, PERSNER_BIOES, 9, st9);
		for (i = 0; i < 4 * 9; i++)
			CHECK(st9[i] == (i == 0 * 9 + PERSNER_TAG_B(PERSNER_BIOES, 1) ||
							 i == 1 * 9 + PERSNER_TAG_E(PERSNER_BIOES, 1) ? 0.5f : 0));
		memset(st9, 0, sizeof(st9));
		persner_docmem_apply(d, ident, 4, 0, 0.5f, PERSNER_BIOES, 5, st9);
		for (i = 0; i < 4 * 5; i++)
			CHECK(st9[i] == (i == PERSNER_TAG_S(PERSNER_BIOES, 0) ? 0.5f : 0));
	}
	/* names longer than PERSNER_GAZ_MAX_TOKENS are not kept */
	{
		uint64_t	many[PERSNER_GAZ_MAX_TOKENS + 1];
		PersnerSpan longsp = {0, PERSNER_GAZ_MAX_TOKENS + 1, 0, 1.0f};
		uint32_t	before = d->nkeys;

		for (i = 0; i <= PERSNER_GAZ_MAX_TOKENS; i++)
			many[i] = 100 + (uint64_t) i;
		persner_docmem_learn(d, many, &longsp, 1);
		CHECK_EQ_INT(d->nkeys, before);
	}
	/* forgetting: a reset, also where the generation counter wraps */
	{
		float		st[4 * 5] = {0};

		persner_docmem_reset(d);
		persner_docmem_apply(d, ident, 4, 0, 1.0f, PERSNER_BIO, L, st);
		for (i = 0; i < 4 * 5; i++)
			CHECK(st[i] == 0);
		d->cur = UINT32_MAX;
		persner_docmem_learn(d, ident, sp, 2);
		persner_docmem_apply(d, ident, 4, 0, 1.0f, PERSNER_BIO, L, st);
		CHECK(st[PERSNER_TAG_B(PERSNER_BIO, 1)] == 1.0f);
		persner_docmem_reset(d);
		CHECK_EQ_INT(d->cur, 1);
		memset(st, 0, sizeof(st));
		persner_docmem_apply(d, ident, 4, 0, 1.0f, PERSNER_BIO, L, st);
		for (i = 0; i < 4 * 5; i++)
			CHECK(st[i] == 0);
	}
	/* bounded: 10,000 names of 3 words, the latest always found */
	for (i = 0; i < 10000; i++)
	{
		uint64_t	w[3] = {1000 + (uint64_t) i * 3, 1001 + (uint64_t) i * 3, 1002 + (uint64_t) i * 3};
		PersnerSpan s3 = {0, 3, 0, 1.0f};
		float		st[3 * 3] = {0};

		persner_docmem_learn(d, w, &s3, 1);
		CHECK(d->nkeys <= PERSNER_DOCMEM_SLOTS / 4 * 3);
		persner_docmem_apply(d, w, 3, 0, 1.0f, PERSNER_BIO, 3, st);
		CHECK(st[PERSNER_TAG_B(PERSNER_BIO, 0)] == 1.0f && st[3 + PERSNER_TAG_I(PERSNER_BIO, 0)] == 1.0f &&
			  st[6 + PERSNER_TAG_I(PERSNER_BIO, 0)] == 1.0f);
	}
	persner_free(d);
}

int
main(void)
{
	RUN(bonus_from_metadata);
	RUN(second_mention);
	RUN(window_for_sentence_files);
	RUN(memory);
	UNIT_DONE();
}
