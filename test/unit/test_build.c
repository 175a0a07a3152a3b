/*
 * test_build.c - model building (src/core/train) against the tagger
 *
 * DESIGN.md promises that the features the trainer saw are, by
 * construction, the features the tagger computes.  These tests make that a
 * checked fact:
 *
 *   parity       random sentences (own Persian words, ZWNJ-joined ones,
 *                digits, punctuation, gazetteer names) go through the
 *                dataset and the attribute extraction; every attribute gets
 *                a random weight; the model is written and reopened; for
 *                every position the state scores the tagger computes equal
 *                the sums of the weights of the attributes the builder
 *                extracted there;
 *   round trip   a tiny labelled corpus goes in, model bytes come out
 *                (fit, prune, bias selection, write); the tagger reads them
 *                and tags the training sentences as labelled, twice the
 *                same bytes come out, and the model says what it holds;
 *   the pieces   ZWNJ augmentation and partial label sets, min-count,
 *                corpus parsing, and every allocation failing in turn
 *                (nothing leaks, the status is PERSNER_ENOMEM).
 */
#include "build.h"
#include "tagger.h"
#include "unit.h"

#include <math.h>

/* our own sentences' words; tags by word in the round-trip corpus */
static const char *const WORDS[] = {
	"مریم", "احمدی", "به", "تبریز", "رفت", ".", "وزارت", "نیرو", "در", "تهران",
	"جلسه", "گذاشت", "می‌رود", "کتاب‌ها", "۱۴۰۲", "۳", "درصد", "تومان", "شنبه",
	"ساعت", "۱۰", "بانک", "ملت", "دانشگاه", "شیراز", "،", "«", "»", "Google",
	"2024", "علی‌رضا", "خانه‌ای", "كتاب", "يک", "نمی‌دانم", "پنج‌شنبه", "x"
};
#define NWORDS ((int) (sizeof(WORDS) / sizeof(WORDS[0])))

static const char GAZ_LIST[] = "تهران\nتبریز\nشیراز\nبانک ملت\nعلی رضا\n";

/* the tiny labelled corpus of the round trip (PEYMA format) */
static const char TINY[] =
	"مریم|B_PER\nاحمدی|I_PER\nبه|O\nتبریز|B_LOC\nرفت|O\n.|O\n\n"
	"وزارت|B_ORG\nنیرو|I_ORG\nدر|O\nتهران|B_LOC\nجلسه|O\nگذاشت|O\n.|O\n\n"
	"قیمت|O\nسکه|O\n۳|B_PCT\nدرصد|I_PCT\nبالا|O\nرفت|O\n.|O\n\n"
	"بانک|B_ORG\nملت|I_ORG\nروز|B_DAT\nشنبه|I_DAT\nتعطیل|O\nاست|O\n.|O\n\n"
	"رضا|B_PER\nکریمی|I_PER\nساعت|B_TIM\n۱۰|I_TIM\nبه|O\nشیراز|B_LOC\nرسید|O\n.|O\n\n"
	"بلیت|O\n۵۰|B_MON\nهزار|I_MON\nتومان|I_MON\nمی‌شود|O\n.|O\n";

/* an ARMAN-style partial corpus: persons trusted, "org" not */
static const char PARTIAL[] =
	"سارا B-pers\nرحیمی I-pers\nدر O\nاصفهان B-loc\nکار O\nمی‌کند O\n. O\n\n"
	"شرکت B-org\nنفت I-org\nسارا B-pers\nرا O\nدید O\n. O\n";

static PersnerStatus
make_lexicon(PersnerLexicon *lx, const char *text, size_t len)
{
	static const PersnerGazSource src = {"test.txt", 0, 4, NULL};
	PersnerStatus st;

	memset(lx, 0, sizeof(*lx));
	if ((st = persner_lexicon_gaz_list(lx, &src, GAZ_LIST, strlen(GAZ_LIST))) != PERSNER_OK ||
		(st = persner_lexicon_gaz_extras(lx)) != PERSNER_OK ||
		(st = persner_lexicon_text(lx, text, len)) != PERSNER_OK)
		return st;
	return persner_lexicon_cluster(lx, 1, 4, 2);
}

/* random sentences in PEYMA format, every word O */
static char *
random_corpus(int nsent, size_t *len)
{
	size_t		cap = 64 * 1024,
				n = 0;
	char	   *buf = malloc(cap);
	int			s;

	for (s = 0; s < nsent; s++)
	{
		int			T = 1 + (int) unit_randn(14),
					t;

		for (t = 0; t < T; t++)
		{
			const char *w = WORDS[unit_randn(NWORDS)];

			if (n + strlen(w) + 8 > cap)
				buf = realloc(buf, cap *= 2);
			n += (size_t) sprintf(buf + n, "%s|O\n", w);
		}
		buf[n++] = '\n';
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* the sentences of ds as token arrays for the tagger */
static void
sentence_tokens(const PersnerDataset *ds, size_t s, const char **tok)
{
	uint32_t	t;

	for (t = 0; t < ds->sent[s].T; t++)
		tok[t] = ds->text + ds->off[ds->sent[s].tok0 + t];
}

TEST(parity_tagger_scores_equal_builder_attributes)
{
	const int	L = PERSNER_NLABELS;
	PersnerCorpus c;
	PersnerDataset ds = {0};
	PersnerLexicon lx;
	PersnerAttrs a;
	PersnerBuild b;
	PersnerLexView view;
	PersnerModel *m = NULL;
	PersnerTagger *tg = NULL;
	const char *detail,
			   *tok[32];
	uint8_t    *img = NULL;
	size_t		len,
				imglen,
				s,
				checked = 0,
				bad = 0;
	char	   *text = random_corpus(200, &len);
	static const char *const mk[] = {"name"};
	static const char *const mv[] = {"parity"};

	CHECK_EQ_INT(persner_corpus_parse(text, len, &c), PERSNER_OK);
	CHECK_EQ_INT(make_lexicon(&lx, text, len), PERSNER_OK);
	CHECK(lx.nclustered > 0);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0), PERSNER_OK);
	CHECK(ds.nsent > 200);		/* ZWNJ variants were added */
	persner_lexicon_view(&lx, PERSNER_FEAT_KNOWN, &view);	/* every template, the wide ones too */
	CHECK_EQ_INT(persner_attrs_build(&ds, &view.lex, 1, &a), PERSNER_OK);

	/* random nonzero weights for every attribute and label */
	memset(&b, 0, sizeof(b));
	b.W = persner_calloc((size_t) a.F * L, sizeof(float));
	for (size_t i = 0; i < (size_t) a.F * L; i++)
		b.W[i] = (float) unit_randf(0.01, 1.0) * (unit_randn(2) ? 1 : -1);
	CHECK_EQ_INT(persner_build_prune(&b, &a, 0.0), PERSNER_OK);
	CHECK_EQ_INT(b.F, a.F);
	CHECK_EQ_INT(persner_build_lexicon(&b, &lx, PERSNER_FEAT_KNOWN), PERSNER_OK);
	CHECK_EQ_INT(persner_build_write(&b, 1, mk, mv, &img, &imglen), PERSNER_OK);
	CHECK_EQ_INT(persner_model_open(img, imglen, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_tagger_create(m, &tg), PERSNER_OK);

	for (s = 0; tg && s < ds.nsent; s++)
	{
		const PersnerTrainSeq *q = &a.seqs[s];
		int			tags[32];
		const float *state;
		uint32_t	t;

		sentence_tokens(&ds, s, tok);
		CHECK_EQ_INT(persner_tagger_tag_tokens(tg, tok, ds.len + ds.sent[s].tok0, q->T, tags, NULL),
					 PERSNER_OK);
		state = persner_tagger_state(tg);
		for (t = 0; t < q->T; t++)
			for (int j = 0; j < L; j++)
			{
				double		want = 0;

				for (uint32_t p = q->attr_off[t]; p < q->attr_off[t + 1]; p++)
					want += b.W[(size_t) q->attrs[p] * L + j];
				if (fabs(state[(size_t) t * L + j] - want) > 1e-3 * (1 + fabs(want)))
				{
					if (bad++ < 5)
						fprintf(stderr, "sentence %zu position %u label %d: tagger %g, builder %g\n",
								s, t, j, state[(size_t) t * L + j], want);
				}
				checked++;
			}
	}
	CHECK_EQ_INT(bad, 0);
	CHECK(checked > 1000);

	persner_tagger_free(tg);
	persner_model_close(m);
	persner_free(img);
	persner_build_free(&b);
	persner_attrs_free(&a);
	persner_dataset_free(&ds);
	persner_lexicon_free(&lx);
	persner_corpus_free(&c);
	free(text);
}

/* the whole build of the tiny corpus: bytes in *img; the status of the first failure */
static PersnerStatus
build_tiny(uint8_t **img, size_t *len, int threads)
{
	static const char *const mk[] = {"name", "corpus"};
	static const char *const mv[] = {"tiny", "test_build.c"};
	PersnerCorpus c = {0},
				p = {0};
	PersnerDataset ds = {0};
	PersnerLexicon lx = {0};
	PersnerAttrs a = {0};
	PersnerBuild b = {0};
	PersnerLexView view;
	PersnerTrainParams tp;
	PersnerEval ec;
	double		f0,
				f1;
	PersnerStatus st;

	*img = NULL;
	persner_train_defaults(&tp);
	tp.c2 = 0.1;
	tp.max_iter = 60;
	tp.threads = threads;
	if ((st = persner_corpus_parse(TINY, strlen(TINY), &c)) == PERSNER_OK &&
		(st = persner_corpus_parse(PARTIAL, strlen(PARTIAL), &p)) == PERSNER_OK &&
		(st = make_lexicon(&lx, TINY, strlen(TINY))) == PERSNER_OK &&
		(st = persner_dataset_add(&ds, &c, 1, 0, 0)) == PERSNER_OK &&
		(st = persner_dataset_add(&ds, &p, 1, 1, 1u << persner_type_index("PER", 3))) == PERSNER_OK)
	{
		persner_lexicon_view(&lx, PERSNER_FEAT_DEFAULT, &view);
		if ((st = persner_attrs_build(&ds, &view.lex, 1, &a)) == PERSNER_OK &&
			(st = persner_build_fit(&b, &a, &tp)) == PERSNER_OK &&
			(st = persner_build_prune(&b, &a, 1e-3)) == PERSNER_OK &&
			(st = persner_build_lexicon(&b, &lx, view.lex.flags)) == PERSNER_OK &&
			(st = persner_build_select_bias(&b, &c, NULL, NULL, &f0, &f1, &ec)) == PERSNER_OK)
			st = persner_build_write(&b, 2, mk, mv, img, len);
	}
	persner_build_free(&b);
	persner_attrs_free(&a);
	persner_dataset_free(&ds);
	persner_lexicon_free(&lx);
	persner_corpus_free(&c);
	persner_corpus_free(&p);
	return st;
}

TEST(round_trip_tiny_corpus)
{
	uint8_t    *img,
			   *img2;
	size_t		len,
				len2;
	PersnerModel *m = NULL;
	PersnerCorpus c;
	PersnerEval ec;
	const char *detail;

	CHECK_EQ_INT(build_tiny(&img, &len, 1), PERSNER_OK);
	CHECK_EQ_INT(build_tiny(&img2, &len2, 2), PERSNER_OK);
	CHECK(len == len2 && img && img2 && memcmp(img, img2, len) == 0);	/* deterministic */
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	if (m)
	{
		CHECK_EQ_INT(persner_model_ntypes(m), PERSNER_NTYPES);
		for (int k = 0; k < PERSNER_NTYPES; k++)
			CHECK_EQ_STR(persner_model_type(m, k), persner_type_names[k]);
		CHECK_EQ_STR(persner_model_meta(m, "corpus"), "test_build.c");
		CHECK_EQ_INT(persner_model_nlabels(m), PERSNER_NLABELS);
		/* the tagger reproduces the labels it was trained on */
		memset(&ec, 0, sizeof(ec));
		CHECK_EQ_INT(persner_corpus_parse(TINY, strlen(TINY), &c), PERSNER_OK);
		CHECK_EQ_INT(persner_eval_corpus(&ec, m, &c), PERSNER_OK);
		CHECK(persner_eval_f1(&ec, -1, NULL, NULL) == 100.0);
		CHECK_EQ_INT(ec.ngold[persner_type_index("PER", 3)], 2);
		persner_corpus_free(&c);
		persner_model_close(m);
	}
	persner_free(img);
	persner_free(img2);
}

TEST(dataset_zwnj_variants_and_partial_sets)
{
	static const char one[] = "علی‌رضا|B_PER\nمی‌رود|O\nکتاب‌ها|O\n";
	PersnerCorpus c,
				p;
	PersnerDataset ds = {0};
	uint8_t		allowed[16 * PERSNER_NLABELS];
	int			per = persner_type_index("PER", 3),
				org = persner_type_index("ORG", 3),
				loc = persner_type_index("LOC", 3);

	CHECK_EQ_INT(persner_corpus_parse(one, strlen(one), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0), PERSNER_OK);
	/* the sentence, then its variant: joined, split, joined */
	CHECK_EQ_INT(ds.nsent, 2);
	CHECK_EQ_INT(ds.sent[0].T, 3);
	CHECK_EQ_INT(ds.sent[1].T, 4);
	CHECK_EQ_STR(ds.text + ds.off[3], "علیرضا");
	CHECK_EQ_INT(ds.tag[3], PERSNER_TAG_B(per));
	CHECK_EQ_STR(ds.text + ds.off[4], "می");
	CHECK_EQ_STR(ds.text + ds.off[5], "رود");
	CHECK_EQ_STR(ds.text + ds.off[6], "کتابها");
	persner_dataset_free(&ds);
	persner_corpus_free(&c);

	/* partial: PER trusted; its O may be any type it lacks or distrusts, not PER */
	CHECK_EQ_INT(persner_corpus_parse(PARTIAL, strlen(PARTIAL), &p), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &p, 0, 1, 1u << per), PERSNER_OK);
	CHECK_EQ_INT(ds.nsent, 2);
	persner_dataset_allowed(&ds, 0, allowed);
	CHECK(allowed[0 * PERSNER_NLABELS + PERSNER_TAG_B(per)] == 1);
	CHECK(allowed[0 * PERSNER_NLABELS + PERSNER_TAG_O] == 0);
	CHECK(allowed[2 * PERSNER_NLABELS + PERSNER_TAG_O] == 1);	/* در */
	CHECK(allowed[2 * PERSNER_NLABELS + PERSNER_TAG_B(per)] == 0);
	CHECK(allowed[2 * PERSNER_NLABELS + PERSNER_TAG_B(org)] == 1);
	for (int j = 0; j < PERSNER_NLABELS; j++)
		CHECK(allowed[3 * PERSNER_NLABELS + j] == 1);	/* اصفهان: loc, not trusted */
	(void) loc;
	persner_dataset_free(&ds);
	persner_corpus_free(&p);
}

TEST(min_count_drops_rare_attributes)
{
	PersnerCorpus c;
	PersnerDataset ds = {0};
	PersnerAttrs a1,
				a2;
	PersnerFeatLex lex = {PERSNER_FEAT_DEFAULT, NULL, NULL};

	CHECK_EQ_INT(persner_corpus_parse(TINY, strlen(TINY), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0), PERSNER_OK);
	CHECK_EQ_INT(persner_attrs_build(&ds, &lex, 1, &a1), PERSNER_OK);
	CHECK_EQ_INT(persner_attrs_build(&ds, &lex, 3, &a2), PERSNER_OK);
	CHECK(a2.F > 0 && a2.F < a1.F);
	CHECK(a2.nactive < a1.nactive);
	/* the bias is everywhere: kept, with an id */
	CHECK(persner_keymap_get(&a2.ids, persner_feat_fixed_key(0)) != PERSNER_TABLE_MISS);
	/* ids are dense and every kept key maps back to its id */
	for (uint32_t i = 0; i < a2.F; i++)
		CHECK_EQ_INT(persner_keymap_get(&a2.ids, a2.keys[i]), i);
	persner_attrs_free(&a1);
	persner_attrs_free(&a2);
	persner_dataset_free(&ds);
	persner_corpus_free(&c);
}

TEST(corpus_formats)
{
	static const char text[] =
		"-DOCSTART- O\n\nعلی B-pers\nرفت O\r\n\n \t\nتهران|B_LOC\nبود|O\nx|y z\n";
	PersnerCorpus c;

	CHECK_EQ_INT(persner_corpus_parse(text, strlen(text), &c), PERSNER_OK);
	CHECK_EQ_INT(c.nsent, 2);
	CHECK_EQ_INT(c.ntok, 5);
	CHECK_EQ_STR(c.type[0], "PER");
	CHECK_EQ_INT(c.bio[0], 'B');
	CHECK_EQ_STR(c.tok[1], "رفت");
	CHECK(c.type[1] == NULL);
	CHECK_EQ_STR(c.type[2], "LOC");
	CHECK_EQ_STR(c.tok[4], "x|y");	/* a '|' followed by a space is no tag separator */
	CHECK_EQ_INT(c.sent[2], 5);
	persner_corpus_free(&c);
}

TEST(every_allocation_failure_is_reported_and_leaks_nothing)
{
	uint8_t    *img;
	size_t		len;
	long		total,
				n,
				step;
	int			bad = 0;

	unit_fail_nth(-1);
	CHECK_EQ_INT(build_tiny(&img, &len, 1), PERSNER_OK);
	persner_free(img);
	total = unit_allocs;
	CHECK_EQ_INT(unit_live, 0);
	step = total > 40 ? total / 40 : 1;	/* 40 points spread over the build */
	for (n = 0; n < total; n += step)
	{
		PersnerStatus st;

		unit_fail_nth(n);
		unit_live = 0;
		st = build_tiny(&img, &len, 1);
		if (st != PERSNER_ENOMEM || unit_live != 0)
		{
			if (bad++ < 5)
				fprintf(stderr, "failing allocation %ld of %ld: %s, %ld blocks live\n",
						n, total, persner_strerror(st), unit_live);
		}
	}
	unit_alloc_reset();
	CHECK_EQ_INT(bad, 0);
}

int
main(void)
{
	RUN(parity_tagger_scores_equal_builder_attributes);
	RUN(round_trip_tiny_corpus);
	RUN(dataset_zwnj_variants_and_partial_sets);
	RUN(min_count_drops_rare_attributes);
	RUN(corpus_formats);
	RUN(every_allocation_failure_is_reported_and_leaks_nothing);
	UNIT_DONE();
}
