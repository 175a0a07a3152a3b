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

#define PEYMA_L (1 + 2 * PERSNER_NTYPES_PEYMA)	/* labels of a model with PEYMA's types */
#define ALL_L	PERSNER_L_OF(PERSNER_BIO, PERSNER_NTYPES)	/* of a BIO model with all ten */

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
	static const PersnerGazSource src = {"test.txt", 0, 4, NULL, "written for this test"};
	PersnerStatus st;

	memset(lx, 0, sizeof(*lx));
	lx->word_places = 1;		/* PERSNER_FEAT_GAZTOK: the parity test reads every template */
	lx->brown = 1;				/* PERSNER_FEAT_BROWN too */
	lx->affinity = 1;			/* PERSNER_FEAT_AFFINITY: وزارت, بانک, دانشگاه are heads */
	if ((st = persner_lexicon_gaz_list(lx, &src, GAZ_LIST, strlen(GAZ_LIST))) != PERSNER_OK ||
		(st = persner_lexicon_gaz_extras(lx)) != PERSNER_OK ||
		(st = persner_lexicon_text(lx, text, len)) != PERSNER_OK ||
		(st = persner_lexicon_affinity(lx, 1)) != PERSNER_OK)
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

/* positions where check_sentence_scores saw the cluster-context attributes */
static size_t class_context_positions;

/*
 * The tagger's scores of one sentence against the definition, position by
 * position: the weights of persner_feat_position's attributes of the
 * normalized tokens, as the builder lists them.  Returns how many scores
 * differ.
 */
static size_t
check_sentence_scores(const PersnerModel *m, PersnerTagger *tg, const char **tok,
					  const size_t *len, int T)
{
	PersnerFeatLex lex = {m->feat_flags, &m->gaz, &m->clus};
	PersnerFeatSent fs = {.T = T};
	PersnerNormBuf nb = {0};
	char	  **ntok = malloc(sizeof(char *) * (size_t) T);
	size_t	   *nlen = malloc(sizeof(size_t) * (size_t) T);
	uint64_t   *keys = malloc(sizeof(uint64_t) * PERSNER_MAX_POS_ATTRS);
	int		   *tags = malloc(sizeof(int) * (size_t) T);
	const float *state;
	size_t		bad = 0;
	int			t;

	fs.ident = malloc(sizeof(uint64_t) * (size_t) T);
	fs.zwnj = malloc((size_t) T);
	fs.gazB = malloc(sizeof(uint32_t) * (size_t) T);
	fs.gazI = malloc(sizeof(uint32_t) * (size_t) T);
	fs.cls = malloc(sizeof(uint32_t) * (size_t) T);
	for (t = 0; t < T; t++)
	{
		CHECK_EQ_INT(persner_normalize(tok[t], len[t], PERSNER_NORM_SPACE_AS_ZWNJ, &nb), PERSNER_OK);
		ntok[t] = strndup(nb.text, nb.len);
		nlen[t] = nb.len;
	}
	fs.tok = (const char *const *) ntok;
	fs.len = nlen;
	persner_feat_prepare(&lex, &fs);
	CHECK_EQ_INT(persner_tagger_tag_tokens(tg, tok, len, (size_t) T, tags, NULL), PERSNER_OK);
	state = persner_tagger_state(tg);
	for (t = 0; t < T; t++)
	{
		double		want[PERSNER_NLABELS] = {0};
		int			n = persner_feat_context_hashed(&lex, &fs, t, keys),
					clustered = persner_table_get(&m->clus, fs.ident[t]) != PERSNER_TABLE_MISS;

		/* the bigrams, and the neighbours' words with a clustered token's class */
		if (lex.flags & PERSNER_FEAT_BIGRAM)
			CHECK_EQ_INT(n, (lex.flags & PERSNER_FEAT_CBIGRAM) && clustered ? 4 : 2);
		class_context_positions += n == 4;
		n = persner_feat_position(&lex, &fs, t, keys);

		for (int i = 0; i < n; i++)
		{
			const PersnerWeight *w;
			uint32_t	nw = persner_model_weights(m, keys[i], &w);

			for (uint32_t e = 0; e < nw; e++)
				want[w[e].label] += w[e].w;
		}
		for (int j = 0; j < m->L; j++)
			if (!(isinf(state[(size_t) t * m->L + j]) && state[(size_t) t * m->L + j] < 0) &&	/* a rule's */
				fabs(state[(size_t) t * m->L + j] - want[j]) > 1e-3 * (1 + fabs(want[j])) &&
				bad++ < 5)
				fprintf(stderr, "position %d label %d: tagger %g, definition %g\n",
						t, j, state[(size_t) t * m->L + j], want[j]);
	}
	for (t = 0; t < T; t++)
		free(ntok[t]);
	free(ntok);
	free(nlen);
	persner_normbuf_free(&nb);
	free(keys);
	free(tags);
	free(fs.ident);
	free(fs.zwnj);
	free(fs.gazB);
	free(fs.gazI);
	free(fs.cls);
	return bad;
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
	const int	L = PEYMA_L;
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
				masked = 0,
				bad = 0;
	char	   *text = random_corpus(200, &len);
	static const char *const mk[] = {"name"};
	static const char *const mv[] = {"parity"};

	class_context_positions = 0;
	CHECK_EQ_INT(persner_corpus_parse(text, len, &c), PERSNER_OK);
	CHECK_EQ_INT(make_lexicon(&lx, text, len), PERSNER_OK);
	CHECK(lx.nclustered > 0);
	CHECK(lx.naffinity > 0);		/* the affinity template is in the parity check */
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0, NULL, 0), PERSNER_OK);
	CHECK(ds.nsent > 200);		/* ZWNJ variants were added */
	persner_lexicon_view(&lx, PERSNER_FEAT_KNOWN, &view);	/* every template, the wide ones too */
	CHECK_EQ_INT(persner_attrs_build(&ds, &view.lex, 1, &a), PERSNER_OK);

	/* random nonzero weights for every attribute and label */
	memset(&b, 0, sizeof(b));
	b.K = PERSNER_NTYPES_PEYMA;
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

				/* -inf: a rule's constraint (patterns.c; test_patterns checks them) */
				if (isinf(state[(size_t) t * L + j]) && state[(size_t) t * L + j] < 0)
				{
					masked++;
					continue;
				}
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
	CHECK(masked < checked / 20);

	/* the definition itself, over the first sentences: clustered tokens get their class's context */
	for (s = 0; tg && s < 50 && s < ds.nsent; s++)
	{
		sentence_tokens(&ds, s, tok);
		CHECK_EQ_INT(check_sentence_scores(m, tg, tok, ds.len + ds.sent[s].tok0,
										   (int) ds.sent[s].T), 0);
	}
	CHECK(class_context_positions > 0);

	/*
	 * One sentence of 40,000 words made of three of ours each (distinct
	 * identities, affixes the model weighs): far more word types than the
	 * tagger's word cache holds, so words of one window evict each other's
	 * blocks, and the scores must still be the definition's.
	 */
	if (tg)
	{
		enum {LONG_T = 40000};
		char	   *words = malloc((size_t) LONG_T * 64),
				   *at = words;
		const char **ltok = malloc(sizeof(char *) * LONG_T);
		size_t	   *llen = malloc(sizeof(size_t) * LONG_T);

		for (int t = 0; t < LONG_T; t++)
		{
			ltok[t] = at;
			llen[t] = (size_t) sprintf(at, "%s%s%s", WORDS[unit_randn(NWORDS)],
									   WORDS[unit_randn(NWORDS)], WORDS[unit_randn(NWORDS)]);
			at += llen[t] + 1;
		}
		CHECK_EQ_INT(check_sentence_scores(m, tg, ltok, llen, LONG_T), 0);
		/* that sentence missed far more than twice the first cache size: the
		 * next one starts on the grown cache, and scores the same */
		CHECK_EQ_INT(check_sentence_scores(m, tg, ltok + 1000, llen + 1000, 5000), 0);
		free(words);
		free(ltok);
		free(llen);
	}

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

/* the whole build of the tiny corpus in a tag scheme: bytes in *img; the status of the first failure */
static PersnerStatus
build_tiny(uint8_t **img, size_t *len, int threads, int scheme)
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
	memset(&ec, 0, sizeof(ec));
	persner_train_defaults(&tp);
	tp.c2 = 0.1;
	tp.max_iter = 60;
	tp.threads = threads;
	ds.W = scheme;
	if ((st = persner_corpus_parse(TINY, strlen(TINY), &c)) == PERSNER_OK &&
		(st = persner_corpus_parse(PARTIAL, strlen(PARTIAL), &p)) == PERSNER_OK &&
		(st = make_lexicon(&lx, TINY, strlen(TINY))) == PERSNER_OK &&
		(st = persner_dataset_add(&ds, &c, 1, 0, 0, NULL, 0)) == PERSNER_OK &&
		(st = persner_dataset_add(&ds, &p, 1, 1, 1u << persner_type_index("PER", 3), NULL, 0)) == PERSNER_OK)
	{
		persner_lexicon_view(&lx, PERSNER_FEAT_DEFAULT, &view);
		if ((st = persner_attrs_build(&ds, &view.lex, 1, &a)) == PERSNER_OK &&
			(st = persner_build_fit(&b, &a, &tp)) == PERSNER_OK &&
			(st = persner_build_prune(&b, &a, 1e-3)) == PERSNER_OK &&
			(st = persner_build_lexicon(&b, &lx, view.lex.flags)) == PERSNER_OK &&
			(st = persner_build_select_bias(&b, &c, 1, NULL, NULL, &f0, NULL, &f1, &ec)) == PERSNER_OK)
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
	static const int schemes[] = {PERSNER_BIO, PERSNER_BIOES};

	for (int s = 0; s < 2; s++)
	{
		uint8_t    *img,
				   *img2;
		size_t		len,
					len2;
		PersnerModel *m = NULL;
		PersnerCorpus c;
		PersnerEval ec;
		const char *detail;

		CHECK_EQ_INT(build_tiny(&img, &len, 1, schemes[s]), PERSNER_OK);
		CHECK_EQ_INT(build_tiny(&img2, &len2, 2, schemes[s]), PERSNER_OK);
		CHECK(len == len2 && img && img2 && memcmp(img, img2, len) == 0);	/* deterministic */
		CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
		if (m)
		{
			PersnerTagger *tg = NULL;
			const PersnerEntity *ents;
			const PersnerTokenInfo *toks;
			size_t		nents,
						ntoks;
			static const char doc[] = "مریم احمدی به شیراز رفت .";

			CHECK_EQ_INT(persner_model_ntypes(m), PERSNER_NTYPES_PEYMA);
			for (int k = 0; k < PERSNER_NTYPES_PEYMA; k++)
				CHECK_EQ_STR(persner_model_type(m, k), persner_type_names[k]);
			CHECK_EQ_STR(persner_model_meta(m, "corpus"), "test_build.c");
			CHECK_EQ_INT(persner_model_scheme(m), schemes[s]);
			CHECK_EQ_INT(persner_model_nlabels(m), PERSNER_L_OF(schemes[s], PERSNER_NTYPES_PEYMA));
			/* the tagger reproduces the labels it was trained on */
			memset(&ec, 0, sizeof(ec));
			CHECK_EQ_INT(persner_corpus_parse(TINY, strlen(TINY), &c), PERSNER_OK);
			CHECK_EQ_INT(persner_eval_corpus(&ec, m, &c), PERSNER_OK);
			CHECK(persner_eval_f1(&ec, -1, NULL, NULL) == 100.0);
			CHECK_EQ_INT(ec.ngold[persner_type_index("PER", 3)], 2);
			persner_corpus_free(&c);
			/* and hands out BIO tags, whatever its scheme: the person B-, I-; the city B- */
			CHECK_EQ_INT(persner_tagger_create(m, &tg), PERSNER_OK);
			if (tg)
			{
				persner_tagger_begin(tg, doc, strlen(doc));
				CHECK_EQ_INT(persner_tagger_next(tg, &ents, &nents, &toks, &ntoks), PERSNER_OK);
				CHECK_EQ_INT(nents, 2);
				CHECK_EQ_INT(ntoks, 6);
				if (ntoks == 6)
				{
					CHECK_EQ_INT(toks[0].tag, PERSNER_TAG_B(PERSNER_BIO, persner_type_index("PER", 3)));
					CHECK_EQ_INT(toks[1].tag, PERSNER_TAG_I(PERSNER_BIO, persner_type_index("PER", 3)));
					CHECK_EQ_INT(toks[3].tag, PERSNER_TAG_B(PERSNER_BIO, persner_type_index("LOC", 3)));
				}
				persner_tagger_free(tg);
			}
			persner_model_close(m);
		}
		persner_free(img);
		persner_free(img2);
	}
}

TEST(bioes_tags_and_label_sets)
{
	static const char two[] = "مریم|B_PER\nاحمدی|I_PER\nو|O\nرضا|B_PER\nتهران|B_LOC\nوزارت|B_ORG\nنیرو|I_ORG\nو|O\nکشور|I_ORG\n";
	static const char arman[] = "شرکت B-org\nنفت I-org\nسارا B-pers\nدر O\nایران B-org\n";
	const int	W = PERSNER_BIOES,
				L = PERSNER_L_OF(W, PERSNER_NTYPES_PEYMA);
	PersnerCorpus c;
	PersnerDataset ds = {0};
	PersnerTypeSet set = {"ORG", 0};
	uint8_t		allowed[8 * PERSNER_NLABELS];
	int			per = persner_type_index("PER", 3),
				loc = persner_type_index("LOC", 3),
				org = persner_type_index("ORG", 3),
				dat = persner_type_index("DAT", 3);

	/* the grammar: E- and S- end a mention, I- and E- continue one of their type */
	CHECK(PERSNER_TAG_CAN_FOLLOW(W, PERSNER_TAG_B(W, per), PERSNER_TAG_E(W, per)));
	CHECK(!PERSNER_TAG_CAN_FOLLOW(W, PERSNER_TAG_B(W, per), PERSNER_TAG_O));
	CHECK(!PERSNER_TAG_CAN_FOLLOW(W, PERSNER_TAG_E(W, per), PERSNER_TAG_I(W, per)));
	CHECK(!PERSNER_TAG_CAN_FOLLOW(W, PERSNER_TAG_B(W, per), PERSNER_TAG_E(W, loc)));
	CHECK(PERSNER_TAG_CAN_FOLLOW(W, PERSNER_TAG_S(W, per), PERSNER_TAG_S(W, per)));
	CHECK(!PERSNER_TAG_CAN_END(W, PERSNER_TAG_I(W, org)) && PERSNER_TAG_CAN_END(W, PERSNER_TAG_S(W, org)));
	CHECK(PERSNER_TAG_CAN_FOLLOW(PERSNER_BIO, PERSNER_TAG_B(PERSNER_BIO, per), PERSNER_TAG_O));
	CHECK_EQ_INT(PERSNER_TAG_AS_BIO(W, PERSNER_TAG_S(W, loc)), PERSNER_TAG_B(PERSNER_BIO, loc));
	CHECK_EQ_INT(PERSNER_TAG_AS_BIO(W, PERSNER_TAG_E(W, loc)), PERSNER_TAG_I(PERSNER_BIO, loc));

	/* a fully labelled sentence (of a model of its three types): each mention's last word E-, one-word mentions S- (an I- after O opens one) */
	ds.W = W;
	ds.K = 3;
	CHECK_EQ_INT(persner_corpus_parse(two, strlen(two), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0, NULL, 0), PERSNER_OK);
	CHECK_EQ_INT(ds.sent[0].T, 9);
	CHECK_EQ_INT(ds.tag[0], PERSNER_TAG_B(W, per));
	CHECK_EQ_INT(ds.tag[1], PERSNER_TAG_E(W, per));
	CHECK_EQ_INT(ds.tag[2], PERSNER_TAG_O);
	CHECK_EQ_INT(ds.tag[3], PERSNER_TAG_S(W, per));
	CHECK_EQ_INT(ds.tag[4], PERSNER_TAG_S(W, loc));
	CHECK_EQ_INT(ds.tag[5], PERSNER_TAG_B(W, org));
	CHECK_EQ_INT(ds.tag[6], PERSNER_TAG_E(W, org));
	CHECK_EQ_INT(ds.tag[8], PERSNER_TAG_S(W, org));
	persner_dataset_free(&ds);
	persner_corpus_free(&c);

	/* its ZWNJ variant splits a one-word name in two: B-, E- */
	{
		static const char one[] = "علی‌رضا|B_PER\nآمد|O\n";

		ds.W = W;
		ds.K = 1;
		CHECK_EQ_INT(persner_corpus_parse(one, strlen(one), &c), PERSNER_OK);
		CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0, NULL, 0), PERSNER_OK);
		CHECK_EQ_INT(ds.nsent, 2);
		CHECK_EQ_INT(ds.tag[0], PERSNER_TAG_S(W, per));
		if (ds.nsent == 2 && ds.sent[1].T == 3)
		{
			CHECK_EQ_INT(ds.tag[2], PERSNER_TAG_B(W, per));
			CHECK_EQ_INT(ds.tag[3], PERSNER_TAG_E(W, per));
		}
		persner_dataset_free(&ds);
		persner_corpus_free(&c);
	}

	/* partial, persons trusted, organizations a set {ORG, LOC}: B-/E- of a long one, S- of a one-word one */
	ds.W = W;
	set.mask = (1u << org) | (1u << loc);
	CHECK_EQ_INT(persner_corpus_parse(arman, strlen(arman), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 1, 1u << per, &set, 1), PERSNER_OK);
	persner_dataset_allowed(&ds, 0, allowed);
	for (int j = 0; j < L; j++)
	{
		CHECK(allowed[0 * L + j] == (j == PERSNER_TAG_B(W, org) || j == PERSNER_TAG_B(W, loc)));
		CHECK(allowed[1 * L + j] == (j == PERSNER_TAG_E(W, org) || j == PERSNER_TAG_E(W, loc)));
		CHECK(allowed[2 * L + j] == (j == PERSNER_TAG_S(W, per)));
		CHECK(allowed[4 * L + j] == (j == PERSNER_TAG_S(W, org) || j == PERSNER_TAG_S(W, loc)));
	}
	/* در: O, or any tag of a type ARMAN lacks or is not trusted for, not a person's */
	CHECK(allowed[3 * L + PERSNER_TAG_O] == 1);
	CHECK(allowed[3 * L + PERSNER_TAG_I(W, dat)] == 1 && allowed[3 * L + PERSNER_TAG_S(W, dat)] == 1);
	CHECK(allowed[3 * L + PERSNER_TAG_S(W, per)] == 0);
	persner_dataset_free(&ds);
	persner_corpus_free(&c);
}

TEST(dataset_zwnj_variants_and_partial_sets)
{
	static const char one[] = "علی‌رضا|B_PER\nمی‌رود|O\nکتاب‌ها|O\n";
	PersnerCorpus c,
				p;
	PersnerDataset ds = {0};
	uint8_t		allowed[16 * PEYMA_L];
	int			per = persner_type_index("PER", 3),
				org = persner_type_index("ORG", 3),
				loc = persner_type_index("LOC", 3);

	CHECK_EQ_INT(persner_corpus_parse(one, strlen(one), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 1, 0, 0, NULL, 0), PERSNER_OK);
	/* the sentence, then its variant: joined, split, joined */
	CHECK_EQ_INT(ds.nsent, 2);
	CHECK_EQ_INT(ds.sent[0].T, 3);
	CHECK_EQ_INT(ds.sent[1].T, 4);
	CHECK_EQ_STR(ds.text + ds.off[3], "علیرضا");
	CHECK_EQ_INT(ds.tag[3], PERSNER_TAG_B(PERSNER_BIO, per));
	CHECK_EQ_STR(ds.text + ds.off[4], "می");
	CHECK_EQ_STR(ds.text + ds.off[5], "رود");
	CHECK_EQ_STR(ds.text + ds.off[6], "کتابها");
	persner_dataset_free(&ds);
	persner_corpus_free(&c);

	/* partial: PER trusted; its O may be any type it lacks or distrusts, not PER */
	CHECK_EQ_INT(persner_corpus_parse(PARTIAL, strlen(PARTIAL), &p), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &p, 0, 1, 1u << per, NULL, 0), PERSNER_OK);
	CHECK_EQ_INT(ds.nsent, 2);
	persner_dataset_allowed(&ds, 0, allowed);
	CHECK(allowed[0 * PEYMA_L + PERSNER_TAG_B(PERSNER_BIO, per)] == 1);
	CHECK(allowed[0 * PEYMA_L + PERSNER_TAG_O] == 0);
	CHECK(allowed[2 * PEYMA_L + PERSNER_TAG_O] == 1);	/* در */
	CHECK(allowed[2 * PEYMA_L + PERSNER_TAG_B(PERSNER_BIO, per)] == 0);
	CHECK(allowed[2 * PEYMA_L + PERSNER_TAG_B(PERSNER_BIO, org)] == 1);
	for (int j = 0; j < PEYMA_L; j++)
		CHECK(allowed[3 * PEYMA_L + j] == 1);	/* اصفهان: loc, not trusted */
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
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0, NULL, 0), PERSNER_OK);
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
	CHECK_EQ_INT(build_tiny(&img, &len, 1, PERSNER_BIO), PERSNER_OK);
	persner_free(img);
	total = unit_allocs;
	CHECK_EQ_INT(unit_live, 0);
	step = total > 40 ? total / 40 : 1;	/* 40 points spread over the build */
	for (n = 0; n < total; n += step)
	{
		PersnerStatus st;

		unit_fail_nth(n);
		unit_live = 0;
		st = build_tiny(&img, &len, 1, PERSNER_BIO);
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


/*
 * A model with all ten types (fa10): a corpus that never names some of
 * them (PEYMA: no FAC, PRO, EVE) is read as label sets, its O open to
 * those; ARMAN's event is EVE and trusted; a label set keeps a mention's
 * span and opens its type; ids of the first seven types stay as 0.1.0
 * stored them.
 */
TEST(ten_types_lacking_types_and_label_sets)
{
	static const char peyma[] = "مریم|B_PER\nبه|O\nتبریز|B_LOC\nرفت|O\n";
	static const char arman[] =
		"جشنواره B-event\nفجر I-event\nدر O\nایران B-org\nبود O\n";
	PersnerCorpus c,
				p;
	PersnerDataset ds = {0};
	PersnerTypeSet set = {"ORG", 0};
	uint8_t		allowed[8 * ALL_L];
	int			per = persner_type_index("PER", 3),
				loc = persner_type_index("LOC", 3),
				org = persner_type_index("ORG", 3),
				dat = persner_type_index("DAT", 3),
				fac = persner_type_index("FAC", 3),
				eve = persner_type_index("EVE", 3);

	/* the order of the list: PEYMA's seven, then ARMAN's three; stored ids append-only */
	CHECK_EQ_INT(PERSNER_NTYPES, 10);
	CHECK_EQ_INT(fac, PERSNER_NTYPES_PEYMA);
	CHECK_EQ_INT(persner_type_entity_ids[persner_type_index("DAT", 3)], 0);
	CHECK_EQ_INT(persner_type_entity_ids[loc], 1);
	CHECK_EQ_INT(persner_type_entity_ids[persner_type_index("MON", 3)], 2);
	CHECK_EQ_INT(persner_type_entity_ids[org], 3);
	CHECK_EQ_INT(persner_type_entity_ids[persner_type_index("PCT", 3)], 4);
	CHECK_EQ_INT(persner_type_entity_ids[per], 5);
	CHECK_EQ_INT(persner_type_entity_ids[persner_type_index("TIM", 3)], 6);
	CHECK_EQ_INT(persner_type_entity_ids[fac], 7);
	CHECK_EQ_INT(persner_type_entity_ids[persner_type_index("PRO", 3)], 8);
	CHECK_EQ_INT(persner_type_entity_ids[eve], 9);

	/* PEYMA-like, all ten types: its O may be any type it never names (FAC, PRO, EVE here, DAT ...), not PER or LOC */
	ds.K = PERSNER_NTYPES;
	CHECK_EQ_INT(persner_corpus_parse(peyma, strlen(peyma), &c), PERSNER_OK);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0, NULL, 0), PERSNER_OK);
	CHECK_EQ_INT(ds.nsent, 1);
	CHECK(ds.sent[0].partial);
	persner_dataset_allowed(&ds, 0, allowed);
	CHECK(allowed[0 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, per)] == 1);
	CHECK(allowed[0 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, fac)] == 0);	/* a mention keeps its label */
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_O] == 1);	/* به */
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, fac)] == 1);
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_I(PERSNER_BIO, eve)] == 1);
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, loc)] == 0);
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, per)] == 0);
	persner_dataset_free(&ds);

	persner_corpus_free(&c);

	/* a corpus that names PEYMA's seven: label sets with ten types, fully labelled with seven */
	CHECK_EQ_INT(persner_corpus_parse(TINY, strlen(TINY), &c), PERSNER_OK);
	ds.K = PERSNER_NTYPES;
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0, NULL, 0), PERSNER_OK);
	CHECK(ds.sent[0].partial);
	persner_dataset_free(&ds);
	CHECK_EQ_INT(persner_dataset_add(&ds, &c, 0, 0, 0, NULL, 0), PERSNER_OK);
	CHECK_EQ_INT(ds.K, PERSNER_NTYPES_PEYMA);	/* the default */
	CHECK(!ds.sent[0].partial);
	persner_dataset_free(&ds);
	persner_corpus_free(&c);

	/* ARMAN-like, all its types trusted, its org a label set {ORG, LOC} */
	ds.K = PERSNER_NTYPES;
	set.mask = (1u << org) | (1u << loc);
	CHECK_EQ_INT(persner_corpus_parse(arman, strlen(arman), &p), PERSNER_OK);
	CHECK_EQ_STR(p.type[0], "EVE");
	CHECK_EQ_INT(persner_dataset_add(&ds, &p, 0, 1, (1u << per) | (1u << loc) | (1u << org) |
									 (1u << fac) | (1u << persner_type_index("PRO", 3)) | (1u << eve),
									 &set, 1), PERSNER_OK);
	persner_dataset_allowed(&ds, 0, allowed);
	CHECK(allowed[0 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, eve)] == 1);
	CHECK(allowed[0 * ALL_L + PERSNER_TAG_O] == 0);
	CHECK(allowed[1 * ALL_L + PERSNER_TAG_I(PERSNER_BIO, eve)] == 1);
	CHECK(allowed[2 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, dat)] == 1);	/* در: ARMAN names no dates */
	CHECK(allowed[2 * ALL_L + PERSNER_TAG_B(PERSNER_BIO, eve)] == 0);	/* but names and trusts events */
	for (int j = 0; j < ALL_L; j++)		/* ایران: B-ORG or B-LOC, nothing else */
		CHECK(allowed[3 * ALL_L + j] == (j == PERSNER_TAG_B(PERSNER_BIO, org) || j == PERSNER_TAG_B(PERSNER_BIO, loc)));
	persner_dataset_free(&ds);

	/* too many sets */
	{
		PersnerTypeSet many[PERSNER_DATASET_MAX_SETS + 1];

		memset(many, 0, sizeof(many));
		CHECK_EQ_INT(persner_dataset_add(&ds, &p, 0, 1, 0, many, PERSNER_DATASET_MAX_SETS + 1),
					 PERSNER_ELIMIT);
	}
	persner_dataset_free(&ds);
	persner_corpus_free(&p);
}

/* the fixed dev split: sentences 450-499 of every 500, in order; the rest in order */
TEST(corpus_dev_split)
{
	char	   *text = malloc(1100 * 16);
	size_t		n = 0;
	PersnerCorpus dev,
				rest;
	int			s;

	for (s = 0; s < 1100; s++)
		n += (size_t) sprintf(text + n, "w%d O\n\n", s);
	CHECK_EQ_INT(persner_corpus_parse(text, n, &dev), PERSNER_OK);
	CHECK_EQ_INT(persner_corpus_parse(text, n, &rest), PERSNER_OK);
	persner_corpus_split(&dev, 1);
	persner_corpus_split(&rest, 0);
	CHECK_EQ_INT(dev.nsent, 100);
	CHECK_EQ_INT(rest.nsent, 1000);
	CHECK_EQ_STR(dev.tok[0], "w450");
	CHECK_EQ_STR(dev.tok[49], "w499");
	CHECK_EQ_STR(dev.tok[50], "w950");
	CHECK_EQ_STR(dev.tok[99], "w999");
	CHECK_EQ_STR(rest.tok[449], "w449");
	CHECK_EQ_STR(rest.tok[450], "w500");
	CHECK_EQ_STR(rest.tok[999], "w1099");
	CHECK_EQ_INT(dev.sent[100], 100);
	persner_corpus_free(&dev);
	persner_corpus_free(&rest);
	free(text);
}

/* scoring on a subset of types: other gold and predicted mentions are O */
TEST(eval_only_some_types)
{
	uint8_t    *img;
	size_t		len;
	PersnerModel *m = NULL;
	PersnerEval all,
				some;
	const char *detail;
	/* gold: PER, then a FAC the model cannot know */
	static char *gtype[] = {"PER", "PER", NULL, "FAC"};
	static const char gbio[] = {'B', 'I', 'O', 'B'};
	int			pred[4];

	CHECK_EQ_INT(build_tiny(&img, &len, 1, PERSNER_BIO), PERSNER_OK);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	if (m)
	{
		int			per = persner_model_type_index(m, "PER", 3),
					loc = persner_model_type_index(m, "LOC", 3);

		pred[0] = PERSNER_TAG_B(PERSNER_BIO, per);
		pred[1] = PERSNER_TAG_I(PERSNER_BIO, per);
		pred[2] = PERSNER_TAG_B(PERSNER_BIO, loc);	/* a wrong LOC */
		pred[3] = PERSNER_TAG_O;
		memset(&all, 0, sizeof(all));
		memset(&some, 0, sizeof(some));
		CHECK_EQ_INT(persner_eval_only(&some, "PER,ORG"), PERSNER_OK);
		CHECK_EQ_INT(persner_eval_sentence(&all, m, gtype, gbio, pred, NULL, 4), PERSNER_OK);
		CHECK_EQ_INT(persner_eval_sentence(&some, m, gtype, gbio, pred, NULL, 4), PERSNER_OK);
		/* all: 1 of 2 gold found, 1 of 2 predicted right */
		CHECK(fabs(persner_eval_f1(&all, -1, NULL, NULL) - 50.0) < 1e-9);
		/* PER and ORG only: the LOC and the FAC do not count */
		CHECK(persner_eval_f1(&some, -1, NULL, NULL) == 100.0);
		CHECK_EQ_INT(some.ntypes, 1);
		persner_eval_reset(&some);
		CHECK_EQ_INT(some.ntypes, 0);
		CHECK_EQ_INT(some.nonly, 2);	/* reset keeps the list */
		CHECK_EQ_INT(persner_eval_only(&some, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), PERSNER_ELIMIT);
		persner_model_close(m);
	}
	persner_free(img);
}

/*
 * persner eval --marked's scoring: the TINY sentences as raw text with their
 * gold marked inline, tagged through the tagger (segmenting, normalizing,
 * tokenizing: the SQL path), score 100; a gold span one word short, a wrong
 * type and a line in Arabic letters count as the counter says; categories
 * receive their own lines only
 */
TEST(eval_marked_raw_text)
{
	static const char text[] =
		"# category: a\n"
		"[PER مریم احمدی] به [LOC تبریز] رفت.\n"
		"[ORG وزارت نیرو] در [LOC تهران] جلسه گذاشت. قیمت سکه [PCT ۳ درصد] بالا رفت.\n"
		"# category: b\n"
		"[ORG بانك ملت] [DAT روز شنبه] تعطیل است.\n"	/* Arabic kaf: normalized, spans of the raw text */
		"[PER رضا] کریمی [TIM ساعت ۱۰] به [ORG شیراز] رسید.\n";	/* 2 of 4 gold wrong on purpose */
	uint8_t    *img;
	size_t		len;
	PersnerModel *m = NULL;
	PersnerMarked mk;
	PersnerEval ec,
				ca,
				cb;
	PersnerEval *bycat[2] = {&ca, &cb};
	const char *detail;

	CHECK_EQ_INT(build_tiny(&img, &len, 1, PERSNER_BIO), PERSNER_OK);
	CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	CHECK_EQ_INT(persner_marked_parse(text, strlen(text), &mk, NULL), PERSNER_OK);
	if (m && mk.ncategories == 2)
	{
		int			per = persner_model_type_index(m, "PER", 3);

		memset(&ec, 0, sizeof(ec));
		memset(&ca, 0, sizeof(ca));
		memset(&cb, 0, sizeof(cb));
		CHECK_EQ_INT(persner_eval_marked(&ec, bycat, m, &mk), PERSNER_OK);
		/* 10 gold, 10 predicted (رضا کریمی, شیراز as LOC), 8 right */
		CHECK(fabs(persner_eval_f1(&ec, -1, NULL, NULL) - 80.0) < 1e-9);
		CHECK_EQ_INT(ec.ngold[per], 2);
		CHECK_EQ_INT(ec.npred[per], 2);
		CHECK_EQ_INT(ec.tp[per], 1);
		CHECK_EQ_STR(ec.names[0], "PER");	/* the model's order */
		CHECK(persner_eval_f1(&ca, -1, NULL, NULL) == 100.0);
		CHECK(fabs(persner_eval_f1(&cb, -1, NULL, NULL) - 60.0) < 1e-9);	/* 3 of 5 */
	}
	persner_marked_free(&mk);
	if (m)
		persner_model_close(m);
	persner_free(img);
}

/*
 * The gazetteer types of sentence (normalized and tokenized as the tagger
 * does) under lexicon lx: gazB and gazI of each token into B and I; returns
 * the number of tokens (at most max).
 */
static int
sentence_gaz(const PersnerLexicon *lx, const char *sentence, uint32_t *B, uint32_t *I, int max)
{
	PersnerNormBuf nb = {0};
	PersnerToken *tok = NULL;
	const char *text[16];
	size_t		len[16];
	uint64_t	ident[16];
	uint8_t		zwnj[16];
	uint32_t	cls[16];
	PersnerLexView view;
	PersnerFeatSent fs = {0};
	int			T = 0,
				t;

	if (persner_normalize(sentence, strlen(sentence), PERSNER_NORM_DEFAULT, &nb) == PERSNER_OK &&
		(tok = malloc((nb.len + 1) * sizeof(*tok))) != NULL)
		T = (int) persner_tokenize(&nb, tok);
	T = T < max ? T : max;
	T = T < 16 ? T : 16;
	for (t = 0; t < T; t++)
	{
		text[t] = nb.text + tok[t].nbeg;
		len[t] = tok[t].nend - tok[t].nbeg;
	}
	persner_lexicon_view(lx, PERSNER_FEAT_DEFAULT | PERSNER_FEAT_GAZ, &view);
	fs.T = T;
	fs.tok = text;
	fs.len = len;
	fs.ident = ident;
	fs.zwnj = zwnj;
	fs.gazB = B;
	fs.gazI = I;
	fs.cls = cls;
	persner_feat_prepare(&view.lex, &fs);
	persner_normbuf_free(&nb);
	free(tok);
	return T;
}

/*
 * The project's curated lists (persner_list_sources): each has a type bit
 * of its own, and an entry given through the lexicon is found as a whole
 * name with that type, its ZWNJ-joined form too; a prefix alone is not; an
 * organization's words count their places in group 2, a product's in none.
 */
TEST(curated_lists_match_whole_names)
{
	/* our own entries, one list each, and a sentence naming each */
	static const char *const ENTRY[] = {"مس کرمان\nبی بی سی\n", "پژو ۲۰۶\n", "جام جهانی فوتبال\n"};
	static const char *const SAID[] = {"تیم مس کرمان دیروز برد .", "او پژو ۲۰۶ خرید .",
	"در جام جهانی فوتبال بازی کرد ."};
	static const int FIRST[] = {1, 1, 1},
				NWORDS_OF[] = {2, 2, 3};
	int			i,
				j;

	/* press.txt first, read as organizations.txt is; then one type a list */
	CHECK_EQ_INT(persner_list_nsources, 4);
	CHECK_EQ_STR(persner_list_sources[0].path, "press.txt");
	CHECK_EQ_INT(persner_list_sources[0].type, persner_list_sources[1].type);
	for (i = 0; i < persner_list_nsources - 1 && i < 3; i++)
	{
		const PersnerGazSource *src = &persner_list_sources[i + 1];
		uint32_t	bit = 1u << src->type,
					B[16],
					I[16];
		PersnerLexicon lx;
		int			T,
					t;

		for (j = 0; j < persner_gaz_nsources; j++)
			CHECK(persner_gaz_sources[j].type != src->type);
		for (j = 1; j <= i; j++)
			CHECK(persner_list_sources[j].type != src->type);
		memset(&lx, 0, sizeof(lx));
		lx.word_places = 1;
		CHECK_EQ_INT(persner_lexicon_gaz_list(&lx, src, ENTRY[i], strlen(ENTRY[i])), PERSNER_OK);

		T = sentence_gaz(&lx, SAID[i], B, I, 16);
		CHECK(T > FIRST[i] + NWORDS_OF[i]);
		for (t = 0; t < T; t++)
		{
			int			in = t > FIRST[i] && t < FIRST[i] + NWORDS_OF[i];

			CHECK_EQ_INT(B[t], t == FIRST[i] ? bit : 0);
			CHECK_EQ_INT(I[t], in ? bit : 0);
		}
		/* the first word alone is only a prefix */
		T = sentence_gaz(&lx, SAID[i] + (strchr(SAID[i], ' ') - SAID[i]) + 1, B, I, 1);
		CHECK_EQ_INT(T, 1);
		CHECK_EQ_INT(B[0], 0);

		/* word places: the last word of the name, in group 2 for organizations only */
		{
			PersnerLexView view;
			uint64_t	k;
			uint32_t	v;
			const char *last = i == 0 ? "کرمان" : "پژو";

			persner_lexicon_view(&lx, PERSNER_FEAT_DEFAULT, &view);
			k = persner_gaz_word_key(persner_ident_hash(last, strlen(last)));
			v = persner_table_get(&view.gaz, k);
			if (i == 0)
				CHECK_EQ_INT(PERSNER_GAZ_SLOT_COUNT(v, 2 * PERSNER_GAZ_PLACES + 3), 1);
			else if (i == 1)
				CHECK_EQ_INT(v, PERSNER_TABLE_MISS);
		}
		if (i == 0)
		{
			/* written with spaces in the list, found as one ZWNJ-joined word */
			T = sentence_gaz(&lx, "خبرنگار بی‌بی‌سی گفت", B, I, 16);
			CHECK_EQ_INT(T, 3);
			CHECK_EQ_INT(B[1], bit);
			CHECK_EQ_INT(B[0] | B[2], 0);
		}
		persner_lexicon_free(&lx);
	}
}

/*
 * The committed lists (lists/ of the repository; the tests run from its
 * root): each file is there, holds no blank line, and every one of its
 * names, read through the lexicon as persner train reads it, is found as
 * one whole name of the list's type.
 */
TEST(committed_lists_every_name_matches)
{
	static const int AT_LEAST[] = {150, 400, 200, 150};	/* the names each list promises (lists/README.md) */
	int			i;

	for (i = 0; i < persner_list_nsources && i < 4; i++)
	{
		const PersnerGazSource *src = &persner_list_sources[i];
		char		path[256],
					line[1024];
		char	   *text = NULL;
		size_t		len = 0;
		FILE	   *f;
		PersnerLexicon lx;
		int			names = 0,
					found = 0;

		snprintf(path, sizeof(path), "lists/%s", src->path);
		f = fopen(path, "rb");
		CHECK(f != NULL);
		if (f == NULL)
			continue;
		{
			FILE	   *mem = open_memstream(&text, &len);
			int			c;

			while ((c = fgetc(f)) != EOF)
				fputc(c, mem);
			fclose(mem);
		}
		memset(&lx, 0, sizeof(lx));
		CHECK_EQ_INT(persner_lexicon_gaz_list(&lx, src, text, len), PERSNER_OK);
		rewind(f);
		while (fgets(line, sizeof(line), f))
		{
			uint32_t	B[16],
						I[16];
			int			T;

			line[strcspn(line, "\r\n")] = '\0';
			CHECK(line[0] != '\0');
			names++;
			T = sentence_gaz(&lx, line, B, I, 16);
			if (T > 0 && (B[0] & (1u << src->type)) &&
				(T == 1 || (I[T - 1] & (1u << src->type))))
				found++;
			else
				fprintf(stderr, "%s: not found as a whole name: %s\n", path, line);
		}
		fclose(f);
		free(text);
		persner_lexicon_free(&lx);
		CHECK(names >= AT_LEAST[i]);
		CHECK_EQ_INT(found, names);
	}
}

/* put key -> val into an open-addressing table of 16 slots (persner_table_get's layout) */
static void
table_put(uint64_t *keys, uint32_t *vals, uint64_t key, uint32_t val)
{
	uint32_t	i;

	if (key == 0)
		key = 1;
	for (i = (uint32_t) key & 15; keys[i] != 0; i = (i + 1) & 15)
		;
	keys[i] = key;
	vals[i] = val;
}

/*
 * A model file chooses its flags and its table values, so the word that
 * takes the most attributes must fit the callers' buffers: every flag on,
 * every lookup a hit, a long word with a ZWNJ.  At offset 0: identity,
 * shape, 2 clusters, 3 vector classes, 4 Brown prefixes, 3 affinity groups,
 * 12 name places, 3 prefixes, 4 suffixes, length, ZWNJ, 12 trigrams = 47
 * (digits and year cannot fire with trigrams).  A new template fails this
 * count on purpose: raise the bound in features.c with it.
 */
TEST(every_flag_every_lookup_fits_the_buffers)
{
	uint64_t	gk[16] = {0},
				ck[16] = {0},
				out[PERSNER_NOFFSETS * PERSNER_MAX_WORD_ATTRS],
				one[PERSNER_MAX_WORD_ATTRS];
	uint32_t	gv[16] = {0},
				cv[16] = {0},
				aff = 0;
	int			counts[PERSNER_NOFFSETS],
				g,
				o,
				n,
				total = 0;
	const char *w = "بین‌المللی‌سازی‌کنندگانشان";
	uint64_t	ident = persner_ident_hash(w, strlen(w));
	PersnerFeatLex lex = {PERSNER_FEAT_KNOWN, NULL, NULL};
	PersnerTable gaz = {gk, gv, 15, 16},
				clus = {ck, cv, 15, 16};

	for (g = 0; g < PERSNER_AFF_GROUPS; g++)
		aff = PERSNER_AFF_VALUE(aff, g, 4);
	table_put(gk, gv, persner_gaz_word_key(ident), (1u << (2 * PERSNER_GAZ_SLOTS)) - 1);
	table_put(ck, cv, ident, PERSNER_CLUSTER_VALUE(5, 6));
	table_put(ck, cv, persner_vec_word_key(ident), PERSNER_VEC_VALUE(1, 2, 3));
	table_put(ck, cv, persner_brown_word_key(ident), PERSNER_BROWN_VALUE(0x5A5, 14));
	table_put(ck, cv, persner_aff_word_key(ident), aff);
	lex.gaz = &gaz;
	lex.clus = &clus;

	n = persner_feat_word(&lex, w, strlen(w), 0, one);
	CHECK_EQ_INT(n, 47);
	CHECK(n <= PERSNER_MAX_WORD_ATTRS);
	n = persner_feat_word_all(&lex, w, strlen(w), out, counts);
	for (o = 0; o < PERSNER_NOFFSETS; o++)
	{
		CHECK(counts[o] <= PERSNER_MAX_WORD_ATTRS);
		total += counts[o];
	}
	CHECK_EQ_INT(total, n);
	CHECK_EQ_INT(counts[PERSNER_WINDOW], 47);
}

int
main(void)
{
	RUN(parity_tagger_scores_equal_builder_attributes);
	RUN(round_trip_tiny_corpus);
	RUN(bioes_tags_and_label_sets);
	RUN(dataset_zwnj_variants_and_partial_sets);
	RUN(min_count_drops_rare_attributes);
	RUN(corpus_formats);
	RUN(ten_types_lacking_types_and_label_sets);
	RUN(corpus_dev_split);
	RUN(eval_only_some_types);
	RUN(eval_marked_raw_text);
	RUN(curated_lists_match_whole_names);
	RUN(committed_lists_every_name_matches);
	RUN(every_allocation_failure_is_reported_and_leaks_nothing);
	RUN(every_flag_every_lookup_fits_the_buffers);
	UNIT_DONE();
}
