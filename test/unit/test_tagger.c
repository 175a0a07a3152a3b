/*
 * test_tagger.c - the whole pipeline over a hand-built model
 *
 * The model knows three words by identity: تهران and کرمان are LOC, سازمان
 * starts an ORG that ملل continues.  Everything else is O.  So the tests
 * know the right answer and can check offsets, variants and limits.
 */
#include "feat.h"
#include "model.h"
#include "unit.h"

#include <setjmp.h>

static uint8_t *model_img;
static size_t model_len;
static PersnerModel *model;

static void
build_model(void)
{
	static const char *const types[] = {"LOC", "ORG"};
	static const char *const mk[] = {"name"};
	static const char *const mv[] = {"test"};
	uint64_t	fkeys[4];
	uint32_t	row_off[5] = {0, 1, 2, 3, 4};
	uint8_t		lab[4] = {PERSNER_TAG_B(PERSNER_BIO, 0), PERSNER_TAG_B(PERSNER_BIO, 0), PERSNER_TAG_B(PERSNER_BIO, 1), PERSNER_TAG_I(PERSNER_BIO, 1)};
	float		w[4] = {5, 5, 5, 5};
	float		trans[25] = {0},
				start[5] = {0},
				end[5] = {0};
	PersnerModelSpec s;
	const char *detail;

	fkeys[0] = unit_ident_key("تهران");
	fkeys[1] = unit_ident_key("کرمان");
	fkeys[2] = unit_ident_key("سازمان");
	fkeys[3] = unit_ident_key("ملل");
	memset(&s, 0, sizeof(s));
	s.K = 2;
	s.types = types;
	s.nmeta = 1;
	s.meta_keys = mk;
	s.meta_vals = mv;
	s.feat_flags = 0;
	s.F = 4;
	s.feat_keys = fkeys;
	s.row_off = row_off;
	s.ent_label = lab;
	s.ent_w = w;
	s.trans = trans;
	s.start = start;
	s.end = end;
	if (persner_model_write(&s, &model_img, &model_len) != PERSNER_OK ||
		persner_model_open(model_img, model_len, &model, &detail) != PERSNER_OK)
	{
		fprintf(stderr, "could not build the test model\n");
		exit(1);
	}
}

typedef struct Found
{
	int			n;
	char		text[16][128];
	char		norm[16][128];
	int			type[16];
	uint32_t	cbeg[16],
				cend[16];
} Found;

/* Tag doc; check every offset against the bytes; collect the entities. */
static PersnerStatus
tag_doc(const char *doc, size_t len, Found *f)
{
	PersnerTagger *t;
	PersnerStatus st;
	const PersnerEntity *e;
	const PersnerTokenInfo *ti;
	size_t		ne,
				nt,
				i;
	uint32_t	last_end = 0;
	size_t		cb = 0;			/* chars of doc[0..cb_bytes) = cb, counted */
	size_t		cb_bytes = 0;

	memset(f, 0, sizeof(*f));
	if ((st = persner_tagger_create(model, &t)) != PERSNER_OK)
		return st;
	if ((st = persner_tagger_begin(t, doc, len)) != PERSNER_OK)
	{
		persner_tagger_free(t);
		return st;
	}
	while ((st = persner_tagger_next(t, &e, &ne, &ti, &nt)) == PERSNER_OK)
	{
		for (i = 0; i < nt; i++)
		{
			CHECK(ti[i].bbeg < ti[i].bend && ti[i].bend <= len);
			CHECK(ti[i].bbeg >= cb_bytes);
			/* count incrementally: tokens come in text order */
			cb += persner_utf8_count(doc + cb_bytes, ti[i].bbeg - cb_bytes);
			cb_bytes = ti[i].bbeg;
			CHECK_EQ_INT(ti[i].cbeg, cb);
			CHECK_EQ_INT(ti[i].cend, cb + persner_utf8_count(doc + ti[i].bbeg, ti[i].bend - ti[i].bbeg));
			CHECK(ti[i].cbeg >= last_end);
			last_end = ti[i].cend;
			CHECK(ti[i].score >= 0.0f && ti[i].score <= 1.0001f);
		}
		for (i = 0; i < ne; i++)
		{
			CHECK(e[i].bbeg < e[i].bend && e[i].bend <= len);
			CHECK_EQ_INT(e[i].cend - e[i].cbeg, persner_utf8_count(doc + e[i].bbeg, e[i].bend - e[i].bbeg));
			if (len < 65536)	/* from the start: quadratic, so short docs only */
				CHECK_EQ_INT(e[i].cbeg, persner_utf8_count(doc, e[i].bbeg));
			CHECK(strlen(e[i].norm) == e[i].norm_len);
			{
				/* e->norm is the entity's canonical form, as `entity` stores it */
				char	   *canon;
				size_t		clen;

				if (persner_canonical(doc + e[i].bbeg, e[i].bend - e[i].bbeg, &canon, &clen) == PERSNER_OK)
				{
					CHECK(clen == e[i].norm_len && memcmp(canon, e[i].norm, clen) == 0);
					persner_free(canon);
				}
			}
			if (f->n < 16 && e[i].bend - e[i].bbeg < 128 && e[i].norm_len < 128)
			{
				memcpy(f->text[f->n], doc + e[i].bbeg, e[i].bend - e[i].bbeg);
				memcpy(f->norm[f->n], e[i].norm, e[i].norm_len);
				f->type[f->n] = e[i].type;
				f->cbeg[f->n] = e[i].cbeg;
				f->cend[f->n] = e[i].cend;
				f->n++;
			}
		}
	}
	persner_tagger_free(t);
	return st == PERSNER_DONE ? PERSNER_OK : st;
}

TEST(simple_sentence)
{
	const char *doc = "مردم تهران و سازمان ملل گفتند.";
	Found		f;

	CHECK_EQ_INT(tag_doc(doc, strlen(doc), &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 2);
	CHECK_EQ_STR(f.text[0], "تهران");
	CHECK_EQ_INT(f.type[0], 0);
	CHECK_EQ_INT(f.cbeg[0], 5);
	CHECK_EQ_INT(f.cend[0], 10);
	CHECK_EQ_STR(f.text[1], "سازمان ملل");
	CHECK_EQ_INT(f.type[1], 1);
}

/* Arabic kaf, a diacritic and tatweel: the entity is the original text */
TEST(letter_variants)
{
	const char *doc = "سفر به كرمان و تَهرــان";
	Found		f;

	CHECK_EQ_INT(tag_doc(doc, strlen(doc), &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 2);
	CHECK_EQ_STR(f.text[0], "كرمان");
	CHECK_EQ_STR(f.norm[0], "کرمان");
	CHECK_EQ_STR(f.text[1], "تَهرــان");
	CHECK_EQ_STR(f.norm[1], "تهران");
}

/* many sentences, bidi marks, emoji and 4-byte characters before entities */
TEST(offsets_after_hostile_text)
{
	const char *doc = "\xE2\x80\x8F\xF0\x9F\x98\x80 سلام!\n\xF0\x90\x8D\x88 در تهران.\t\xE2\x80\xAB" "کرمان\xE2\x80\xAC؟ ok";
	Found		f;

	CHECK_EQ_INT(tag_doc(doc, strlen(doc), &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 2);
	CHECK_EQ_STR(f.text[0], "تهران");
	CHECK_EQ_STR(f.text[1], "کرمان");
}

/* random documents from interesting pieces: offsets always consistent */
TEST(random_documents)
{
	static const char *const pieces[] = {
		"تهران", "کرمان", "سازمان", "ملل", " ", "  ", "\n", ".", "،", "\xE2\x80\x8C",
		"\xE2\x80\x8D", "\xE2\x80\x8F", "\xD9\x8E", "\xD9\x80", "abc", "۱۲۳", "12,5",
		"\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\xEF\xBB\xBB", "\xD9\x8A", "!", "؟ ", "«", "»",
		"\t", "\r\n", "\x01", "\xCC\x81", "٪", "%"
	};
	int			iter;

	for (iter = 0; iter < 500; iter++)
	{
		char		doc[4096];
		size_t		n = 0;
		int			k = (int) unit_randn(60);
		Found		f;

		while (k-- > 0)
		{
			const char *p = pieces[unit_randn(sizeof(pieces) / sizeof(pieces[0]))];
			size_t		l = strlen(p);

			if (n + l >= sizeof(doc))
				break;
			memcpy(doc + n, p, l);
			n += l;
		}
		CHECK_EQ_INT(tag_doc(doc, n, &f), PERSNER_OK);
	}
}

/* a long document: sentence after sentence, and one huge token */
TEST(long_documents)
{
	size_t		n = 0,
				cap = 1 << 20;
	char	   *doc = malloc(cap);
	Found		f;
	int			i;

	while (n + 64 < cap)
	{
		const char *s = "در تهران. ";

		memcpy(doc + n, s, strlen(s));
		n += strlen(s);
	}
	CHECK_EQ_INT(tag_doc(doc, n, &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 16);		/* Found keeps the first 16 */
	for (i = 0; i < (int) cap; i++)
		doc[i] = 'a';
	CHECK_EQ_INT(tag_doc(doc, cap, &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 0);
	free(doc);
}

TEST(invalid_utf8)
{
	Found		f;

	CHECK_EQ_INT(tag_doc("abc\xC0\xAF", 5, &f), PERSNER_EUTF8);
	CHECK_EQ_INT(tag_doc("\xED\xA0\x80", 3, &f), PERSNER_EUTF8);
	CHECK_EQ_INT(tag_doc("", 0, &f), PERSNER_OK);
	CHECK_EQ_INT(f.n, 0);
}

TEST(pretokenized)
{
	const char *toks[] = {"سازمان", "ملل", "در", "تهران", "می شود"};
	size_t		lens[5];
	int			tags[5];
	float		sc[5];
	PersnerTagger *t;
	int			i;

	for (i = 0; i < 5; i++)
		lens[i] = strlen(toks[i]);
	CHECK_EQ_INT(persner_tagger_create(model, &t), PERSNER_OK);
	CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, 5, tags, sc), PERSNER_OK);
	CHECK_EQ_INT(tags[0], PERSNER_TAG_B(PERSNER_BIO, 1));
	CHECK_EQ_INT(tags[1], PERSNER_TAG_I(PERSNER_BIO, 1));
	CHECK_EQ_INT(tags[2], PERSNER_TAG_O);
	CHECK_EQ_INT(tags[3], PERSNER_TAG_B(PERSNER_BIO, 0));
	CHECK_EQ_INT(tags[4], PERSNER_TAG_O);
	for (i = 0; i < 5; i++)
		CHECK(sc[i] > 0.0f && sc[i] <= 1.0001f);
	CHECK(sc[0] > 0.9f && sc[1] > 0.9f && sc[3] > 0.9f);	/* weight 5 wins clearly */
	persner_tagger_free(t);
}

/* every allocation failure gives ENOMEM and leaks nothing */
TEST(allocation_failures)
{
	const char *doc = "مردم تهران و سازمان ملل گفتند. در کرمان.";
	long		n;

	for (n = 0; n < 80; n++)
	{
		PersnerTagger *t = NULL;
		PersnerStatus st;
		long		live;

		unit_fail_nth(n);
		live = unit_live;
		st = persner_tagger_create(model, &t);
		if (st == PERSNER_OK)
		{
			st = persner_tagger_begin(t, doc, strlen(doc));
			while (st == PERSNER_OK)
				st = persner_tagger_next(t, NULL, NULL, NULL, NULL);
			persner_tagger_free(t);
		}
		CHECK(st == PERSNER_DONE || st == PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, live);
		unit_alloc_reset();
	}
}

/* the all-offsets path of the tagger gives exactly the per-offset attributes */
TEST(word_attrs_all_offsets)
{
	static const char *const words[] = {"تهران", "می\xE2\x80\x8Cشود", "۱۴۰۳", "abc", "،", "", "\x01" "BOS"};
	PersnerFeatLex lex = {PERSNER_FEAT_DEFAULT | PERSNER_FEAT_WIDE, NULL, NULL};
	size_t		i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
	{
		uint64_t	all[PERSNER_NOFFSETS * PERSNER_MAX_WORD_ATTRS],
					one[PERSNER_MAX_WORD_ATTRS];
		int			counts[PERSNER_NOFFSETS],
					o,
					at = 0;

		persner_feat_word_all(&lex, words[i], strlen(words[i]), all, counts);
		for (o = -PERSNER_WINDOW; o <= PERSNER_WINDOW; o++)
		{
			int			n = persner_feat_word(&lex, words[i], strlen(words[i]), o, one);

			CHECK_EQ_INT(n, counts[o + PERSNER_WINDOW]);
			CHECK(memcmp(one, all + at, sizeof(uint64_t) * (size_t) n) == 0);
			at += n;
		}
	}
}

/*
 * PERSNER_FEAT_GAZTOK: a word listed in the gazetteer table under its word
 * key gets one attribute per place it holds in names, at offset 0 by how
 * many names (1, 2, 3 or more) and at +-1 by place alone; none without the
 * flag, none at +-2, none for a word not listed.
 */
static int
word_attrs_at(const PersnerFeatLex *lex, const char *w, int o, uint64_t *out)
{
	return persner_feat_word(lex, w, strlen(w), o, out);
}

TEST(word_places)
{
	uint64_t	keys[8] = {0};
	uint32_t	vals[8] = {0};
	PersnerTable tab = {keys, vals, 7, 8};
	PersnerFeatLex on = {PERSNER_FEAT_GAZTOK, &tab, NULL},
				off = {0, &tab, NULL};
	uint64_t	a[PERSNER_MAX_WORD_ATTRS],
				b[PERSNER_MAX_WORD_ATTRS];
	uint64_t	k = persner_gaz_word_key(persner_ident_hash("سازمان", strlen("سازمان")));
	uint32_t	first_org = 2 * PERSNER_GAZ_PLACES + 1,	/* organization, first word */
				inside_loc = 1 * PERSNER_GAZ_PLACES + 2;	/* place, inside */
	int			n_off = word_attrs_at(&off, "سازمان", 0, b),
				n;

	keys[k & 7] = k;
	vals[k & 7] = 3u << (2 * first_org) | 1u << (2 * inside_loc);
	n = word_attrs_at(&on, "سازمان", 0, a);
	CHECK_EQ_INT(n, n_off + 2);
	CHECK(memcmp(a, b, sizeof(uint64_t) * (size_t) n_off) == 0);
	/* another count at the same place: another key at 0, the same at +1 */
	{
		uint64_t	c[PERSNER_MAX_WORD_ATTRS],
					d1[PERSNER_MAX_WORD_ATTRS],
					d2[PERSNER_MAX_WORD_ATTRS];

		word_attrs_at(&on, "سازمان", 1, d1);
		vals[k & 7] = 2u << (2 * first_org) | 1u << (2 * inside_loc);
		CHECK_EQ_INT(word_attrs_at(&on, "سازمان", 0, c), n);
		CHECK(memcmp(a, c, sizeof(uint64_t) * (size_t) n) != 0);
		n = word_attrs_at(&on, "سازمان", 1, d2);
		CHECK_EQ_INT(n, word_attrs_at(&off, "سازمان", 1, b) + 2);
		CHECK(memcmp(d1, d2, sizeof(uint64_t) * (size_t) n) == 0);
	}
	CHECK_EQ_INT(word_attrs_at(&on, "سازمان", 2, a), word_attrs_at(&off, "سازمان", 2, b));
	CHECK_EQ_INT(word_attrs_at(&on, "تهران", 0, a), word_attrs_at(&off, "تهران", 0, b));
}

/*
 * bug 12.2: interrupts were checked once per sentence by the glue only, so
 * nothing could stop the core inside a long sentence or a long one-piece
 * normalization.  The interrupt hook is called per sentence, every
 * PERSNER_INTERRUPT_TOKENS tokens and every PERSNER_INTERRUPT_BYTES bytes;
 * it may longjmp (as CHECK_FOR_INTERRUPTS does), after which the tagger
 * and the buffers work as before and nothing has leaked.
 */
static long hook_calls;
static long hook_jump_at;		/* longjmp on this call (0: never) */
static jmp_buf hook_env;

static void
counting_hook(void)
{
	if (++hook_calls == hook_jump_at)
		longjmp(hook_env, 1);
}

TEST(bug_12_2_interrupt_hook)
{
	const char *sent = "سازمان ملل در تهران. ";
	size_t		sl = strlen(sent),
				n = 0,
				cap = (size_t) 3 << 20,
				T = 5000,
				i;
	char	   *doc = malloc(cap);
	const char **toks = malloc(T * sizeof(char *));
	size_t	   *lens = malloc(T * sizeof(size_t));
	int		   *tags = malloc(T * sizeof(int));
	PersnerNormBuf nb;
	PersnerTagger *t = NULL;
	Found		before,
				after;
	long		live;
	volatile int jumped = 0;

	while (n + sl <= 1000 * sl)
	{
		memcpy(doc + n, sent, sl);
		n += sl;
	}
	memset(&nb, 0, sizeof(nb));
	unit_fail_nth(-1);
	live = unit_live;
	persner_set_interrupt(counting_hook);

	/* once per sentence at least */
	hook_calls = 0;
	hook_jump_at = 0;
	CHECK_EQ_INT(tag_doc(doc, n, &before), PERSNER_OK);
	CHECK(hook_calls >= 1000);

	/* inside one long (pretokenized) sentence */
	for (i = 0; i < T; i++)
	{
		toks[i] = i % 2 ? "تهران" : "در";
		lens[i] = strlen(toks[i]);
	}
	CHECK_EQ_INT(persner_tagger_create(model, &t), PERSNER_OK);
	hook_calls = 0;
	CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, T, tags, NULL), PERSNER_OK);
	CHECK(hook_calls >= (long) (T / PERSNER_INTERRUPT_TOKENS));

	/* longjmp out in the middle of a sentence's tokens, then tag again */
	hook_calls = 0;
	hook_jump_at = 3;
	if (setjmp(hook_env) == 0)
		(void) persner_tagger_tag_tokens(t, toks, lens, T, tags, NULL);
	else
		jumped = 1;
	CHECK(jumped);
	hook_jump_at = 0;
	CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, T, tags, NULL), PERSNER_OK);
	CHECK_EQ_INT(tags[1], PERSNER_TAG_B(PERSNER_BIO, 0));

	/* longjmp out of a document half-way, then the same tagger tags again */
	jumped = 0;
	hook_calls = 0;
	hook_jump_at = 500;
	if (setjmp(hook_env) == 0)
	{
		if (persner_tagger_begin(t, doc, n) == PERSNER_OK)
			while (persner_tagger_next(t, NULL, NULL, NULL, NULL) == PERSNER_OK)
				;
	}
	else
		jumped = 1;
	CHECK(jumped);
	hook_jump_at = 0;
	CHECK_EQ_INT(tag_doc(doc, n, &after), PERSNER_OK);
	CHECK_EQ_INT(after.n, before.n);
	CHECK(memcmp(after.cbeg, before.cbeg, sizeof(before.cbeg)) == 0);
	persner_tagger_free(t);

	/* a one-piece normalization of 3 MB: every PERSNER_INTERRUPT_BYTES */
	memset(doc, 'a', cap);
	hook_calls = 0;
	CHECK_EQ_INT(persner_normalize(doc, cap, 0, &nb), PERSNER_OK);
	CHECK(hook_calls >= (long) (cap / PERSNER_INTERRUPT_BYTES) - 1);
	jumped = 0;
	hook_calls = 0;
	hook_jump_at = 2;
	if (setjmp(hook_env) == 0)
		(void) persner_normalize(doc, cap, 0, &nb);
	else
		jumped = 1;
	CHECK(jumped);
	CHECK_EQ_INT(nb.len, 0);	/* interrupted: empty, still usable */
	hook_jump_at = 0;
	CHECK_EQ_INT(persner_normalize(doc, 10, 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "aaaaaaaaaa");
	persner_normbuf_free(&nb);

	/* nothing the core allocated outlived its owner */
	CHECK_EQ_INT(unit_live, live);
	persner_set_interrupt(NULL);
	unit_alloc_reset();
	free(doc);
	free(toks);
	free(lens);
	free(tags);
}

int
main(void)
{
	build_model();
	RUN(simple_sentence);
	RUN(letter_variants);
	RUN(offsets_after_hostile_text);
	RUN(random_documents);
	RUN(long_documents);
	RUN(invalid_utf8);
	RUN(pretokenized);
	RUN(allocation_failures);
	RUN(word_attrs_all_offsets);
	RUN(word_places);
	RUN(bug_12_2_interrupt_hook);
	persner_model_close(model);
	persner_free(model_img);
	UNIT_DONE();
}
