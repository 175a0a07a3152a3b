/*
 * affinity.c - head-word affinities of words from unlabelled text (affinity.h)
 *
 * The head words below are written from general knowledge of Persian news
 * prose, not drawn from any corpus: each is a common noun that a name of
 * its kind follows in ezafe («وزارت نیرو», «سردار سلیمانی», «استان فارس»).
 * A word that also has other uses («شرکت در» is "taking part in") stays:
 * the ratio n_g(w) / n(w) of a word like «در» is tiny whatever its count,
 * because «در» is everywhere.
 */
#include "affinity.h"

#include <string.h>

#include "feat.h"

static const char *const ORG_HEADS[] = {
	"شرکت", "سازمان", "وزارت", "وزارتخانه", "باشگاه", "تیم", "روزنامه", "خبرگزاری",
	"حزب", "دانشگاه", "دانشکده", "بانک", "اداره", "شورای", "مجلس", "نشریه",
	"هفته‌نامه", "ماهنامه", "کارخانه", "گروه", "انجمن", "بنیاد", "موسسه", "مؤسسه",
	"ستاد", "کمیته", "فدراسیون", "اتحادیه", "سندیکا", "جبهه", "جمعیت", "کانون",
	"پژوهشگاه", "پژوهشکده", "بیمارستان", "شبکه", "رادیو", "سپاه", "ارتش",
	"دادگاه", "دیوان", "کمیسیون", "فرمانداری", "استانداری", "شهرداری", "هیئت",
	"هیات", "آژانس", "صندوق", "مجمع", "انتشارات", "کنفدراسیون", "اتاق",
	NULL
};

static const char *const PER_HEADS[] = {
	"آقای", "خانم", "دکتر", "مهندس", "آیت‌الله", "حجت‌الاسلام", "سردار", "سرهنگ",
	"سرلشکر", "سرتیپ", "سرگرد", "ژنرال", "استاد", "شیخ", "سید", "حاج", "پروفسور",
	"سناتور", "شهید", "امام", "بانو",
	NULL
};

static const char *const LOC_HEADS[] = {
	"شهر", "استان", "کشور", "روستای", "روستا", "شهرستان", "منطقه", "جزیره", "جزایر",
	"رود", "رودخانه", "کوه", "کوه‌های", "دریای", "دریاچه", "خلیج", "بندر", "تنگه",
	"دشت", "ایالت", "قاره", "بخش", "دهستان", "صحرای", "کویر", "پایتخت",
	NULL
};

const char *const *const persner_aff_heads[PERSNER_AFF_GROUPS] = {
	ORG_HEADS, PER_HEADS, LOC_HEADS
};

const char *const persner_aff_group_names[PERSNER_AFF_GROUPS] = {
	"organization", "person", "place"
};

/* hash the heads of group g into a->heads (as group + 1); nb, tok are scratch */
static PersnerStatus
add_heads(PersnerAffinity *a, int g, PersnerNormBuf *nb, PersnerToken **tok, size_t *cap)
{
	const char *const *h;

	for (h = persner_aff_heads[g]; *h != NULL; h++)
	{
		PersnerStatus st = persner_normalize(*h, strlen(*h), PERSNER_NORM_DEFAULT, nb);
		PersnerToken *t;
		uint32_t   *v;

		if (st == PERSNER_ENOMEM)
			return st;
		if (st != PERSNER_OK)
			continue;
		if ((t = persner_grow(*tok, cap, nb->len + 1, sizeof(**tok))) == NULL)
			return PERSNER_ENOMEM;
		*tok = t;
		if (persner_tokenize(nb, t) != 1)
			continue;
		if (persner_keymap_slot(&a->heads, persner_ident_hash(nb->text + t[0].nbeg,
															  t[0].nend - t[0].nbeg),
								&v, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		*v = (uint32_t) g + 1;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_affinity_init(PersnerAffinity *a)
{
	PersnerNormBuf nb;
	PersnerToken *tok = NULL;
	size_t		cap = 0;
	PersnerStatus st = PERSNER_OK;
	int			g;

	memset(a, 0, sizeof(*a));
	memset(&nb, 0, sizeof(nb));
	for (g = 0; st == PERSNER_OK && g < PERSNER_AFF_GROUPS; g++)
		st = add_heads(a, g, &nb, &tok, &cap);
	persner_normbuf_free(&nb);
	persner_free(tok);
	if (st != PERSNER_OK)
		persner_affinity_free(a);
	return st;
}

PersnerStatus
persner_affinity_sentence(PersnerAffinity *a, const uint64_t *ident, size_t T)
{
	size_t		t;

	for (t = 0; t < T; t++)
	{
		uint32_t   *v;

		if (persner_keymap_slot(&a->count, ident[t], &v, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		(*v)++;
		a->tokens++;
		if (t > 0)
		{
			uint32_t	g = persner_keymap_get(&a->heads, ident[t - 1]);

			if (g != PERSNER_TABLE_MISS && g >= 1 && g <= PERSNER_AFF_GROUPS)
			{
				if (persner_keymap_slot(&a->after[g - 1], ident[t], &v, NULL) != PERSNER_OK)
					return PERSNER_ENOMEM;
				(*v)++;
			}
		}
	}
	return PERSNER_OK;
}

/* r = ng / n against .02, .1 and .3, as ng * 50 <= n and so on */
uint32_t
persner_affinity_bucket(uint32_t n, uint32_t ng, uint32_t min_count)
{
	uint64_t	N = n,
				G = ng;

	if (n < min_count || n == 0 || ng == 0)
		return 0;
	if (G * 50 <= N)
		return 1;
	if (G * 10 <= N)
		return 2;
	if (G * 10 <= N * 3)
		return 3;
	return 4;
}

PersnerStatus
persner_affinity_store(const PersnerAffinity *a, uint32_t min_count, PersnerKeyMap *clus,
					   uint32_t *nwords)
{
	uint64_t   *keys;
	uint32_t   *vals,
				i;
	PersnerStatus st = PERSNER_OK;

	*nwords = 0;
	if (a->count.n == 0)
		return PERSNER_OK;
	if (persner_keymap_arrays(&a->count, &keys, &vals) != PERSNER_OK)
		return PERSNER_ENOMEM;
	for (i = 0; st == PERSNER_OK && i < a->count.n; i++)
	{
		uint32_t	value = 0,
				   *v;
		int			g;

		for (g = 0; g < PERSNER_AFF_GROUPS; g++)
		{
			uint32_t	ng = persner_keymap_get(&a->after[g], keys[i]);

			if (ng != PERSNER_TABLE_MISS)
				value = PERSNER_AFF_VALUE(value, g, persner_affinity_bucket(vals[i], ng, min_count));
		}
		if (value == 0)
			continue;
		st = persner_keymap_slot(clus, persner_aff_word_key(keys[i]), &v, NULL);
		if (st == PERSNER_OK)
			*v = value, (*nwords)++;
	}
	persner_free(keys);
	persner_free(vals);
	return st;
}

void
persner_affinity_free(PersnerAffinity *a)
{
	int			g;

	persner_keymap_free(&a->heads);
	persner_keymap_free(&a->count);
	for (g = 0; g < PERSNER_AFF_GROUPS; g++)
		persner_keymap_free(&a->after[g]);
	memset(a, 0, sizeof(*a));
}
