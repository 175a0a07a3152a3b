/*
 * test_patterns.c - the rules that constrain decoding: dates, times,
 * percentages and money as users write them (patterns.c)
 *
 * First the masks themselves, row by row, over sentences tokenized as the
 * tagger tokenizes them; then the whole tagger over a hand-built model that
 * prefers one TIM over a date and its hour, as peyma does; then Viterbi and
 * the marginals under the rules against exhaustive search; then a user
 * dictionary's name that holds a date.
 */
#include "crf.h"
#include "dict.h"
#include "feat.h"
#include "labels.h"
#include "model.h"
#include "patterns.h"
#include "tagger.h"
#include "unit.h"

#include <math.h>

#define NTYPES	4
#define NL		(1 + 2 * NTYPES)		/* a BIO model's labels */
#define NL_MAX	(1 + PERSNER_BIOES * NTYPES)	/* a BIOES model's */
#define MAXT	32

/*
 * make_model - a model of the types types[4] in tag scheme scheme (L labels:
 * NL in BIO) over the words words[nw], each with L weights w[i * L + label],
 * and the bias attribute with bias[L] (NULL: none); transitions trans[L * L],
 * start, end [L] (NULL: zero)
 */
static PersnerModel *
make_model(int scheme, const char *const *types, const char *const *words, int nw, const float *w,
		   const float *bias, const float *trans, const float *start, const float *end,
		   uint8_t **img)
{
	const int	L = PERSNER_L_OF(scheme, NTYPES);
	static const char *const mk[] = {"name"};
	static const char *const mv[] = {"rules"};
	uint64_t	fkeys[16];
	uint32_t	row_off[17];
	uint8_t		lab[16 * NL_MAX];
	float		wt[16 * NL_MAX];
	float		zero[NL_MAX * NL_MAX] = {0};
	PersnerModelSpec s;
	PersnerModel *m = NULL;
	size_t		len;
	const char *detail;
	int			i,
				j;

	for (i = 0; i < nw; i++)
	{
		fkeys[i] = unit_ident_key(words[i]);
		row_off[i] = (uint32_t) (L * i);
		for (j = 0; j < L; j++)
		{
			lab[L * i + j] = (uint8_t) j;
			wt[L * i + j] = w[L * i + j];
		}
	}
	if (bias != NULL)
	{
		fkeys[nw] = persner_feat_fixed_key(0);	/* the bias, at every token */
		row_off[nw] = (uint32_t) (L * nw);
		for (j = 0; j < L; j++)
		{
			lab[L * nw + j] = (uint8_t) j;
			wt[L * nw + j] = bias[j];
		}
		nw++;
	}
	row_off[nw] = (uint32_t) (L * nw);
	memset(&s, 0, sizeof(s));
	s.K = NTYPES;
	s.scheme = scheme;
	s.types = types;
	s.nmeta = 1;
	s.meta_keys = mk;
	s.meta_vals = mv;
	s.F = (uint32_t) nw;
	s.feat_keys = fkeys;
	s.row_off = row_off;
	s.ent_label = lab;
	s.ent_w = wt;
	s.trans = trans ? trans : zero;
	s.start = start ? start : zero;
	s.end = end ? end : zero;
	if (persner_model_write(&s, img, &len) != PERSNER_OK ||
		persner_model_open(*img, len, &m, &detail) != PERSNER_OK)
	{
		fprintf(stderr, "could not build a test model\n");
		exit(1);
	}
	return m;
}

static const char *const RULE_TYPES[NTYPES] = {"LOC", "DAT", "TIM", "PCT"};

/*
 * The leaning model: the words of «روز سه‌شنبه ۱۵ خرداد ... ساعت ۱۰ صبح» lean
 * to one TIM, as PEYMA's TV schedules taught peyma, and a weekday to DAT
 * too; every token leans to O (the bias), an entity to go on (B-k, I-k ->
 * I-k); no weight for any digit, so a number alone is O.
 */
static PersnerModel *
leaning_model(uint8_t **img)
{
	static const char *const words[] = {"روز", "سه‌شنبه", "خرداد", "ساعت", "صبح"};
	float		w[5 * NL] = {0},
				bias[NL] = {2},
				trans[NL * NL] = {0};
	int			k;

	w[0 * NL + PERSNER_TAG_B(PERSNER_BIO, 2)] = 3;	/* روز: B-TIM */
	w[1 * NL + PERSNER_TAG_B(PERSNER_BIO, 2)] = 3;	/* سه‌شنبه: B-TIM, I-TIM, I-DAT */
	w[1 * NL + PERSNER_TAG_I(PERSNER_BIO, 2)] = 3;
	w[1 * NL + PERSNER_TAG_I(PERSNER_BIO, 1)] = 3;
	w[2 * NL + PERSNER_TAG_I(PERSNER_BIO, 2)] = 4;	/* خرداد: I-TIM */
	w[3 * NL + PERSNER_TAG_I(PERSNER_BIO, 2)] = 3;	/* ساعت: I-TIM, B-TIM */
	w[3 * NL + PERSNER_TAG_B(PERSNER_BIO, 2)] = 3;
	w[4 * NL + PERSNER_TAG_I(PERSNER_BIO, 2)] = 4;	/* صبح: I-TIM */
	for (k = 0; k < NTYPES; k++)
	{
		trans[PERSNER_TAG_B(PERSNER_BIO, k) * NL + PERSNER_TAG_I(PERSNER_BIO, k)] = 1;
		trans[PERSNER_TAG_I(PERSNER_BIO, k) * NL + PERSNER_TAG_I(PERSNER_BIO, k)] = 1;
	}
	return make_model(PERSNER_BIO, RULE_TYPES, words, 5, w, bias, trans, NULL, NULL, img);
}

/*
 * masks - the rules over text's tokens on a zero state: per token, "*" when
 * every label stays, the labels kept when at most two are, else "-" and the
 * labels forbidden; joined by " | ".  held: positions a dictionary fixed.
 */
static int
masks(const PersnerModel *m, const char *text, const uint8_t *held, char *out, size_t size)
{
	PersnerPatterns p;
	PersnerNormBuf nb = {0};
	PersnerToken toks[MAXT];
	const char *tok[MAXT];
	size_t		len[MAXT],
				off = 0;
	float		state[MAXT * NL];
	int			T,
				i,
				j,
				nforms = -1;

	out[0] = '\0';
	CHECK_EQ_INT(persner_patterns_init(m, &p), PERSNER_OK);
	CHECK_EQ_INT(persner_normalize(text, strlen(text), PERSNER_NORM_DEFAULT, &nb), PERSNER_OK);
	CHECK(nb.len < MAXT * 8);
	{
		PersnerToken *all = persner_calloc(nb.len + 1, sizeof(PersnerToken));

		T = (int) persner_tokenize(&nb, all);
		CHECK(T <= MAXT);
		if (T > MAXT)
			T = MAXT;
		memcpy(toks, all, sizeof(PersnerToken) * (size_t) T);
		persner_free(all);
	}
	for (i = 0; i < T; i++)
	{
		tok[i] = nb.text + toks[i].nbeg;
		len[i] = toks[i].nend - toks[i].nbeg;
	}
	memset(state, 0, sizeof(state));
	CHECK_EQ_INT(persner_patterns_mask(&p, tok, len, T, held, state, PERSNER_BIO, NL, &nforms), PERSNER_OK);
	for (i = 0; i < T; i++)
	{
		const float *row = state + (size_t) i * NL;
		int			kept = 0;
		char		name[PERSNER_TAG_NAME_MAX];

		for (j = 0; j < NL; j++)
		{
			CHECK(row[j] == 0.0f || (isinf(row[j]) && row[j] < 0));
			kept += row[j] == 0.0f;
		}
		CHECK(kept > 0);
		off += (size_t) snprintf(out + off, size - off, "%s", i ? " | " : "");
		if (kept == NL)
			off += (size_t) snprintf(out + off, size - off, "*");
		else
		{
			int			first = 1;

			if (kept > 2)
				off += (size_t) snprintf(out + off, size - off, "-");
			for (j = 0; j < NL; j++)
				if ((row[j] == 0.0f) == (kept <= 2))
				{
					off += (size_t) snprintf(out + off, size - off, "%s%s", first ? "" : ",",
											 persner_model_tag_name(m, j, name));
					first = 0;
				}
		}
	}
	persner_normbuf_free(&nb);
	return nforms;
}

/* A sentence, the forms the rules find in it and its masks (see masks). */
typedef struct MaskCase
{
	const char *text;
	int			nforms;
	const char *masks;
} MaskCase;

static void
check_masks(const PersnerModel *m, const MaskCase *cases, size_t n)
{
	char		got[1024];
	size_t		i;

	for (i = 0; i < n; i++)
	{
		CHECK_EQ_INT(masks(m, cases[i].text, NULL, got, sizeof(got)), cases[i].nforms);
		CHECK_EQ_STR(got, cases[i].masks);
	}
}

/* each form, in ASCII, Persian and Arabic-Indic digits, token by token */
TEST(forms)
{
	static const MaskCase cases[] = {
		{"قرارداد 2025-09-24 امضا شد", 1,
		"* | B-DAT,I-DAT | I-DAT | I-DAT | I-DAT | I-DAT | * | *"},
		{"مهلت ١٤٠٣/٠٣/١٥ است", 1, "* | B-DAT,I-DAT | *"},
		{"سند 24/09/2025 و ۱۴۰۳.۰۳.۱۵ و ۱۵-۰۳-۱۴۰۳", 3,
		"* | B-DAT,I-DAT | * | B-DAT,I-DAT | * | B-DAT,I-DAT | I-DAT | I-DAT | I-DAT | I-DAT"},
		{"ساعت ۱۰:۳۰:۰۵ و 9:05", 2, "* | B-TIM,I-TIM | * | B-TIM,I-TIM"},
		{"نرخ ۱۲٪ و 4.5% و ۳۰ درصد", 3,
		"* | B-PCT,I-PCT | I-PCT | * | B-PCT,I-PCT | I-PCT | * | B-PCT,I-PCT | I-PCT"},
		/* a date with its year, then ساعت and a number */
		{"روز سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح", 1,
		"-B-TIM,I-TIM | -B-TIM,I-TIM | B-DAT,I-DAT | I-DAT | I-DAT | -I-DAT | * | *"},
		{"اردیبهشت 2024 ساعت 8", 1, "B-DAT,I-DAT | I-DAT | -I-DAT | *"},
		{"۱۴۰۳/۰۳/۱۵ ساعت ۱۰:۳۰", 2, "B-DAT,I-DAT | -I-DAT | B-TIM,I-TIM"},
		/* no form */
		{"شماره 7228/3071/518 و 1138/1354 و ۲/۵", 0, "* | * | * | * | * | *"},
		{"ساعت ۱۰:۵ و ۲۵:۳۰ و 1:2:3", 0, "* | * | * | * | * | *"},
		{"1403/13/01 و 1250/01/01 و ۱۴۰۳/۰۱/۳۲ و 13/2/95", 0, "* | * | * | * | * | * | *"},
		{"نتیجه 2-3 و 2025-13-01", 0, "* | * | * | * | * | * | * | * | * | *"},
		{"۱۵ خرداد ساعت ۱۰ و ۱۲ مهر ۹۹", 0, "* | * | * | * | * | * | * | *"},
		/* a date in words, with its year: any calendar's month */
		{"۱۵ رمضان ۱۴۴۵ قمری و محرم ۱۴۴۶ و ژانویه ۲۰۲۶", 3,
		"B-DAT,I-DAT | I-DAT | I-DAT | * | * | B-DAT,I-DAT | I-DAT | * | B-DAT,I-DAT | I-DAT"},
		/* a month of two words, or with ماه; سال before the year */
		{"۱۲ ربیع الاول ۱۴۴۶ و ۲۷ اسفندماه ۱۴۰۲ و ۳ دی ماه ۱۴۰۲", 3,
		"B-DAT,I-DAT | I-DAT | I-DAT | I-DAT | * | B-DAT,I-DAT | I-DAT | I-DAT | * | "
		"B-DAT,I-DAT | I-DAT | I-DAT | I-DAT"},
		{"۱۵ خرداد سال ۱۴۰۳ و خرداد سال گذشته و سال ۱۴۰۳", 1,
		"B-DAT,I-DAT | I-DAT | I-DAT | I-DAT | * | * | * | * | * | * | *"},
		{"۱۲ نفر ٪", 0, "* | * | *"},
	};
	uint8_t    *img;
	PersnerModel *m = leaning_model(&img);

	check_masks(m, cases, sizeof(cases) / sizeof(cases[0]));
	persner_model_close(m);
	persner_free(img);
}

/* a form that a dictionary name touches is left alone; a model without the types gets no rules */
TEST(held_and_models)
{
	static const char *const loc_org[NTYPES] = {"LOC", "ORG", "FAC", "PRO"};
	static const char *const no_tim[NTYPES] = {"LOC", "DAT", "ORG", "PCT"};
	static const char *const words[] = {"x"};
	float		w[NL] = {0};
	uint8_t		held[MAXT] = {0};
	uint8_t    *img,
			   *img2,
			   *img3;
	PersnerModel *m = leaning_model(&img),
			   *plain = make_model(PERSNER_BIO, loc_org, words, 1, w, NULL, NULL, NULL, NULL, &img2),
			   *dat = make_model(PERSNER_BIO, no_tim, words, 1, w, NULL, NULL, NULL, NULL, &img3);
	char		got[1024];

	held[3] = 1;				/* inside 2025-09-24 */
	CHECK_EQ_INT(masks(m, "قرارداد 2025-09-24 و ۱۴۰۳/۰۳/۱۵", held, got, sizeof(got)), 1);
	CHECK_EQ_STR(got, "* | * | * | * | * | * | * | B-DAT,I-DAT");
	memset(held, 0, sizeof(held));
	held[0] = 1;				/* the weekday before a date and its hour */
	CHECK_EQ_INT(masks(m, "سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰", held, got, sizeof(got)), 1);
	CHECK_EQ_STR(got, "* | B-DAT,I-DAT | I-DAT | I-DAT | -I-DAT | *");

	CHECK_EQ_INT(masks(plain, "قرارداد 2025-09-24 ساعت ۱۰:۳۰ و ۱۲٪", NULL, got, sizeof(got)), 0);
	CHECK_EQ_STR(got, "* | * | * | * | * | * | * | * | * | * | *");
	/* DAT without TIM: dates only, and nothing about ساعت */
	CHECK_EQ_INT(masks(dat, "۱۴۰۳/۰۳/۱۵ ساعت ۱۰:۳۰ و ۱۲٪", NULL, got, sizeof(got)), 2);
	CHECK_EQ_STR(got, "B-DAT,I-DAT | * | * | * | B-PCT,I-PCT | I-PCT");
	persner_model_close(m);
	persner_model_close(plain);
	persner_model_close(dat);
	persner_free(img);
	persner_free(img2);
	persner_free(img3);
}

/* an amount: digit groups after ',' tokens, scale words, a currency */
TEST(money)
{
	static const char *const mon[NTYPES] = {"MON", "DAT", "TIM", "PCT"};
	static const char *const words[] = {"x"};
	static const MaskCase cases[] = {
		{"بهای آن 8 , 565 ریال شد", 1, "* | * | B-MON,I-MON | I-MON | I-MON | I-MON | *"},
		{"۱,۲۰۰ میلیارد ریال و ۴۵ میلیون تومان", 2,
		"B-MON,I-MON | I-MON | I-MON | * | B-MON,I-MON | I-MON | I-MON"},
		{"۸٬۵۰۰ دلار و 3 , 500 , 000 یورو", 2,
		"B-MON,I-MON | I-MON | * | B-MON,I-MON | I-MON | I-MON | I-MON | I-MON | I-MON"},
		/* no currency: no form; a Persian list comma or a group of four digits ends the number */
		{"8 , 565 نفر", 0, "* | * | * | *"},
		{"۲ ، ۳ ریال", 1, "* | * | B-MON,I-MON | I-MON"},
		{"12 , 3456 ریال", 1, "* | * | B-MON,I-MON | I-MON"},
		{"۱۴۰۳/۰۳/۱۵ ریال", 1, "B-DAT,I-DAT | *"},
	};
	float		w[NL] = {0};
	uint8_t    *img;
	PersnerModel *m = make_model(PERSNER_BIO, mon, words, 1, w, NULL, NULL, NULL, NULL, &img);

	check_masks(m, cases, sizeof(cases) / sizeof(cases[0]));
	persner_model_close(m);
	persner_free(img);
}

/* what a user sees: spans and labels through the tagger */
TEST(spans)
{
	static const struct
	{
		const char *doc;
		const char *ents;
	}			cases[] = {
		/* the leaning model's one TIM is cut: DAT, then TIM */
		{"جلسه روز سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح برگزار شد.",
		"DAT:روز سه‌شنبه ۱۵ خرداد ۱۴۰۳|TIM:ساعت ۱۰ صبح|"},
		{"جلسه روز سه‌شنبه 15 خرداد 1403 ساعت 10 صبح برگزار شد.",
		"DAT:روز سه‌شنبه 15 خرداد 1403|TIM:ساعت 10 صبح|"},
		/* without a year, the model's choice (PEYMA's convention) stays */
		{"جلسه روز سه‌شنبه ۱۵ خرداد ساعت ۱۰ صبح برگزار شد.",
		"TIM:روز سه‌شنبه ۱۵ خرداد ساعت ۱۰ صبح|"},
		{"این قرارداد در تاریخ 2025-09-24 امضا شد.", "DAT:2025-09-24|"},
		{"مهلت تا ١٤٠٣/٠٣/١٥ تمدید شد.", "DAT:١٤٠٣/٠٣/١٥|"},
		{"قطار ساعت ۱۰:۳۰ رسید.", "TIM:ساعت ۱۰:۳۰|"},
		{"نرخ 12% و ۴٫۵ درصد شد.", "PCT:12%|PCT:۴٫۵ درصد|"},
		{"شماره 7228/3071/518 ثبت شد.", ""},
	};
	uint8_t    *img;
	PersnerModel *m = leaning_model(&img);
	char		got[1024];
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		unit_tag_str(m, cases[i].doc, got, sizeof(got));
		CHECK_EQ_STR(got, cases[i].ents);
	}
	persner_model_close(m);
	persner_free(img);
}

/*
 * Viterbi and the marginals under the rules against exhaustive search, on
 * random models: the path is the best allowed one, each token's score is
 * its tag's marginal, every row of marginals sums to 1 and gives 0 to a
 * forbidden label, and a token the rules pin to one label has marginal 1.
 */
TEST(exhaustive)
{
	static const char *const sents[][5] = {
		{"۱۵", "خرداد", "۱۴۰۳", "ساعت", "۱۰"},
		{"تا", "۲۰۲۵", "-", "۰۹", "-"},		/* no form: the dashes are not all there */
		{"۲۰۲۵", "-", "۰۹", "-", "۲۴"},
		{"نرخ", "۱۲", "٪", "و", "۱۰:۳۰"},
	};
	static const char *const words[] = {"خرداد", "ساعت", "نرخ", "و", "تا", "-", "٪"};
	int			round,
				pinned = 0,
				masked = 0;

	for (round = 0; round < 40; round++)
	{
		float		w[7 * NL],
					trans[NL * NL],
					start[NL],
					end[NL],
					teff[NL * NL],
					seff[NL];
		uint8_t    *img;
		PersnerModel *m;
		PersnerTagger *t;
		PersnerCrfWork cw = {0};
		const char *const *toks = sents[round % 4];
		size_t		lens[5];
		int			i,
					j,
					tags[5];
		float		marg[5],
					state[5 * NL],
					full[5 * NL];

		for (i = 0; i < 7 * NL; i++)
			w[i] = (float) unit_randf(-3, 3);
		for (i = 0; i < NL * NL; i++)
			trans[i] = (float) unit_randf(-2, 2);
		for (i = 0; i < NL; i++)
		{
			start[i] = (float) unit_randf(-1, 1);
			end[i] = (float) unit_randf(-1, 1);
		}
		m = make_model(PERSNER_BIO, RULE_TYPES, words, 7, w, NULL, trans, start, end, &img);
		CHECK_EQ_INT(persner_tagger_create(m, &t), PERSNER_OK);
		for (i = 0; i < 5; i++)
			lens[i] = strlen(toks[i]);
		CHECK_EQ_INT(persner_tagger_tag_tokens(t, toks, lens, 5, tags, marg), PERSNER_OK);
		memcpy(state, persner_tagger_state(t), sizeof(state));
		unit_check_exhaustive(m, state, 5, tags, marg);

		/* every row of the marginals: sums to 1, 0 where the rules forbid */
		for (i = 0; i < NL; i++)
		{
			for (j = 0; j < NL; j++)
				teff[i * NL + j] = PERSNER_TAG_CAN_FOLLOW(PERSNER_BIO, i, j) ? m->trans[i * NL + j] : -INFINITY;
			seff[i] = PERSNER_TAG_CAN_START(PERSNER_BIO, i) ? m->start[i] : -INFINITY;
		}
		CHECK_EQ_INT(persner_crf_reserve(&cw, 5, NL), PERSNER_OK);
		persner_crf_marginals(&cw, state, teff, seff, m->end, 5, NL, full);
		for (i = 0; i < 5; i++)
		{
			double		sum = 0;
			int			allowed = 0;

			for (j = 0; j < NL; j++)
			{
				sum += full[i * NL + j];
				if (isinf(state[i * NL + j]))
				{
					CHECK(full[i * NL + j] == 0.0f);
					masked++;
				}
				else
					allowed++;
			}
			CHECK(fabs(sum - 1.0) < 1e-5);
			if (allowed == 1)
			{
				CHECK(fabs(marg[i] - 1.0f) < 1e-5);
				pinned++;
			}
		}
		/* what the rules say holds on the path */
		if (round % 4 == 0)
			CHECK(tags[2] == PERSNER_TAG_I(PERSNER_BIO, 1) && tags[3] != PERSNER_TAG_I(PERSNER_BIO, 1));
		if (round % 4 == 1)
			for (i = 0; i < 5 * NL; i++)
				CHECK(isfinite(state[i]));
		if (round % 4 == 2)
			CHECK(tags[4] == PERSNER_TAG_I(PERSNER_BIO, 1));
		if (round % 4 == 3)
			CHECK(tags[2] == PERSNER_TAG_I(PERSNER_BIO, 3) && PERSNER_TAG_TYPE(PERSNER_BIO, tags[4]) == 2);
		persner_crf_work_free(&cw);
		persner_tagger_free(t);
		persner_model_close(m);
		persner_free(img);
	}
	CHECK(pinned > 0);
	CHECK(masked > 0);
}

/*
 * A user dictionary's name that holds a date wins over the rules: the user
 * said what it is.  Outside the names the rules still apply.
 */
TEST(dictionary_wins)
{
	static const char *const add =
		"LOC\tمیدان ۱۵ خرداد ۱۴۰۳\n"
		"LOC\tپارک 1403/03/15\n";
	uint8_t    *bimg,
			   *img = NULL;
	PersnerModel *base = leaning_model(&bimg),
			   *m = NULL;
	PersnerDictBuild db;
	size_t		len;
	const char *detail;
	char		got[1024];

	persner_dict_init(&db, base);
	CHECK_EQ_INT(persner_dict_add_list(&db, "names.tsv", add, strlen(add), 0), PERSNER_OK);
	CHECK_EQ_INT(persner_dict_write(&db, "places", "test", &img, &len), PERSNER_OK);
	persner_dict_free(&db);
	if (img != NULL)
		CHECK_EQ_INT(persner_model_open(img, len, &m, &detail), PERSNER_OK);
	if (m == NULL)
		return;

	unit_tag_str(base, "پارک 1403/03/15 باز شد.", got, sizeof(got));
	CHECK_EQ_STR(got, "DAT:1403/03/15|");
	unit_tag_str(m, "پارک 1403/03/15 باز شد.", got, sizeof(got));
	CHECK_EQ_STR(got, "LOC:پارک 1403/03/15|");
	unit_tag_str(m, "میدان ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح شلوغ بود.", got, sizeof(got));
	CHECK_EQ_STR(got, "LOC:میدان ۱۵ خرداد ۱۴۰۳|TIM:ساعت ۱۰ صبح|");
	unit_tag_str(m, "پارک 1403/03/15 از 2025-09-24 باز است.", got, sizeof(got));
	CHECK_EQ_STR(got, "LOC:پارک 1403/03/15|DAT:2025-09-24|");
	persner_model_close(m);
	persner_model_close(base);
	persner_free(img);
	persner_free(bimg);
}

/*
 * The rules under BIOES: a model of the four types in BIOES whose only
 * weights lean every word to O; what it tags is what the rules pin, and
 * each form comes out whole (B- ... E-, or S-).
 */
TEST(spans_bioes)
{
	static const struct
	{
		const char *doc;
		const char *ents;
	}			cases[] = {
		{"این قرارداد در تاریخ 2025-09-24 امضا شد.", "DAT:2025-09-24|"},
		{"مهلت تا ١٤٠٣/٠٣/١٥ تمدید شد.", "DAT:١٤٠٣/٠٣/١٥|"},
		{"قطار ساعت ۱۰:۳۰ رسید.", "TIM:۱۰:۳۰|"},	/* the rule pins the clock; ساعت is the model's */
		{"نرخ 12% و ۴٫۵ درصد شد.", "PCT:12%|PCT:۴٫۵ درصد|"},
		{"شماره 7228/3071/518 ثبت شد.", ""},
	};
	float		bias[NL_MAX] = {2};	/* O */
	uint8_t    *img;
	PersnerModel *m = make_model(PERSNER_BIOES, RULE_TYPES, NULL, 0, NULL, bias, NULL, NULL, NULL, &img);
	char		got[1024];
	size_t		i;

	CHECK_EQ_INT(persner_model_scheme(m), PERSNER_BIOES);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		unit_tag_str(m, cases[i].doc, got, sizeof(got));
		CHECK_EQ_STR(got, cases[i].ents);
	}
	persner_model_close(m);
	persner_free(img);
}

int
main(void)
{
	RUN(forms);
	RUN(held_and_models);
	RUN(money);
	RUN(spans);
	RUN(exhaustive);
	RUN(dictionary_wins);
	RUN(spans_bioes);
	UNIT_DONE();
}
