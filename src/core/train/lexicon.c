/*
 * lexicon.c - gazetteer lists and unlabelled text into the model's tables
 */
#include "lexicon.h"
#include "brown.h"
#include "clusters.h"
#include "vectors.h"
#include "feat.h"

#include <stdlib.h>
#include <string.h>

/* gazetteer type bits: the features turn each into attributes (features.c) */
enum
{
	G_PER_FIRST, G_PER_LAST, G_PER_FULL, G_COUNTRY, G_CITY, G_PROVINCE,
	G_DIVISION, G_UNIV, G_BANK, G_CALENDAR, G_DATEWORD, G_CURRENCY,
	G_PERCENT, G_LANGUAGE, G_WIKI_PER, G_WIKI_ORG, G_WIKI_LOC,
	G_LIST_ORG, G_LIST_PRO, G_LIST_EVE
};

/*
 * The name group of each type for the word places (PERSNER_FEAT_GAZTOK):
 * 0 person, 1 place, 2 organization, -1 none.
 */
static const int8_t GROUP_OF[] = {
	[G_PER_FIRST] = 0, [G_PER_LAST] = 0, [G_PER_FULL] = 0, [G_WIKI_PER] = 0,
	[G_COUNTRY] = 1, [G_CITY] = 1, [G_PROVINCE] = 1, [G_DIVISION] = 1, [G_WIKI_LOC] = 1,
	[G_UNIV] = 2, [G_BANK] = 2, [G_WIKI_ORG] = 2, [G_LIST_ORG] = 2,
	[G_CALENDAR] = -1, [G_DATEWORD] = -1, [G_CURRENCY] = -1, [G_PERCENT] = -1,
	[G_LANGUAGE] = -1, [G_LIST_PRO] = -1, [G_LIST_EVE] = -1
};

const PersnerGazSource persner_gaz_sources[] = {
	{"person-names/firstnames_farbodbj_gender.tsv", 0, G_PER_FIRST, NULL,
	 "farbodbj/persian-gender-by-name, Apache-2.0"},
	{"person-names/firstnames_hejazirad.tsv", 0, G_PER_FIRST, NULL,
	 "mohammadhejazirad/persian-names, MIT"},
	{"person-names/firstnames_mansourm.tsv", 0, G_PER_FIRST, NULL,
	 "MansourM/persian-names-database, no licence stated"},
	{"person-names/firstnames_armanyazdi_female.txt", 0, G_PER_FIRST, NULL,
	 "armanyazdi/persian-names, MIT"},
	{"person-names/firstnames_armanyazdi_male.txt", 0, G_PER_FIRST, NULL,
	 "armanyazdi/persian-names, MIT"},
	{"person-names/firstnames_fakerjs.txt", 0, G_PER_FIRST, NULL,
	 "@faker-js/faker, MIT"},
	{"person-names/lastnames_derived_from_parsface.txt", 0, G_PER_LAST, NULL,
	 "Amirnoroozi/parsface (data from Wikidata)"},
	{"person-names/lastnames_fakerjs.txt", 0, G_PER_LAST, NULL,
	 "@faker-js/faker, MIT"},
	{"person-names/fullnames_parsface_iranian_personalities.tsv", 0, G_PER_FULL, NULL,
	 "Amirnoroozi/parsface (data from Wikidata)"},
	{"cldr-world/cldr_territories_fa.tsv", 1, G_COUNTRY, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"cldr-world/isocodes_countries_fa.tsv", 1, G_COUNTRY, NULL,
	 "iso-codes, LGPL-2.1+"},
	{"countries-npm/i18n_iso_countries_fa.tsv", 1, G_COUNTRY, NULL,
	 "i18n-iso-countries, MIT"},
	{"countries-npm/fakerjs_countries_fa.txt", 0, G_COUNTRY, NULL,
	 "@faker-js/faker, MIT"},
	{"cldr-world/cldr_exemplar_cities_fa.tsv", 1, G_CITY, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"iran-divisions/cities.txt", 0, G_CITY, NULL,
	 "SaliBhdr/typhoon-iran-cities, MIT"},
	{"countries-npm/fakerjs_iran_cities_fa.txt", 0, G_CITY, NULL,
	 "@faker-js/faker, MIT"},
	{"iran-divisions/provinces.txt", 0, G_PROVINCE, NULL,
	 "SaliBhdr/typhoon-iran-cities, MIT"},
	{"countries-npm/fakerjs_iran_provinces_fa.txt", 0, G_PROVINCE, NULL,
	 "@faker-js/faker, MIT"},
	{"cldr-world/cldr_subdivisions_fa.tsv", 1, G_PROVINCE, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"iran-divisions/counties.txt", 0, G_DIVISION, NULL,
	 "SaliBhdr/typhoon-iran-cities, MIT"},
	{"iran-divisions/sectors.txt", 0, G_DIVISION, NULL,
	 "SaliBhdr/typhoon-iran-cities, MIT"},
	{"iran-divisions/rural_districts.txt", 0, G_DIVISION, NULL,
	 "SaliBhdr/typhoon-iran-cities, MIT"},
	{"organizations/iran_universities_visabox.tsv", 0, G_UNIV, NULL,
	 "NavidGoalpure/visabox, no licence stated"},
	{"organizations/iran_banks_react-ir-banks-logo.txt", 0, G_BANK, NULL,
	 "ehsan-shv/react-ir-banks-logo, MIT"},
	{"datetime-money/fakerjs_jalali_months_weekdays_fa.txt", 0, G_CALENDAR, NULL,
	 "@faker-js/faker, MIT"},
	{"datetime-money/cldr_calendar_terms_fa.tsv", 4, G_CALENDAR, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"datetime-money/cldr_date_fields_fa.tsv", 2, G_DATEWORD, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"datetime-money/cldr_currencies_fa.tsv", 2, G_CURRENCY, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"datetime-money/cldr_units_fa.tsv", 2, G_PERCENT, "percent",
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"cldr-world/cldr_languages_fa.tsv", 1, G_LANGUAGE, NULL,
	 "Unicode CLDR 41, Unicode-DFS-2016"},
	{"wikiann/wikiann_per_fa.tsv", 0, G_WIKI_PER, NULL,
	 "WikiANN (Pan et al. 2017), from Persian Wikipedia, CC BY-SA: silver"},
	{"wikiann/wikiann_org_fa.tsv", 0, G_WIKI_ORG, NULL,
	 "WikiANN (Pan et al. 2017), from Persian Wikipedia, CC BY-SA: silver"},
	{"wikiann/wikiann_loc_fa.tsv", 0, G_WIKI_LOC, NULL,
	 "WikiANN (Pan et al. 2017), from Persian Wikipedia, CC BY-SA: silver"},
};
const int	persner_gaz_nsources = (int) (sizeof(persner_gaz_sources) / sizeof(persner_gaz_sources[0]));

/* the project's own lists (lists/README.md): no third party's data */
#define LIST_CREDIT "persner's own curated lists, the project's licence (META.json states none yet)"

const PersnerGazSource persner_list_sources[] = {
	{"press.txt", 0, G_LIST_ORG, NULL, LIST_CREDIT},	/* first: its names opened organizations.txt */
	{"organizations.txt", 0, G_LIST_ORG, NULL, LIST_CREDIT},
	{"products.txt", 0, G_LIST_PRO, NULL, LIST_CREDIT},
	{"events.txt", 0, G_LIST_EVE, NULL, LIST_CREDIT},
};
const int	persner_list_nsources = (int) (sizeof(persner_list_sources) / sizeof(persner_list_sources[0]));

const char *const persner_cluster_sources[] = {
	"unlabeled/farsnews.txt", "unlabeled/varzesh3.txt", "unlabeled/namnak.txt",
	"unlabeled/hamshahri_radiofarda_rss.txt", "unlabeled/perdt_sentences.txt"
};
const char *const persner_cluster_credits[] = {
	"language-ml/course-nlp-ir-1-text-exploring, Apache-2.0; article text from Fars News",
	"language-ml/course-nlp-ir-1-text-exploring, Apache-2.0; article text from Varzesh3",
	"language-ml/course-nlp-ir-1-text-exploring, Apache-2.0; article text from Namnak",
	"mallahyari/Farsi-datasets, no licence stated",
	"UniversalDependencies/UD_Persian-PerDT, CC BY-SA 4.0"
};
const int	persner_cluster_nsources = (int) (sizeof(persner_cluster_sources) / sizeof(persner_cluster_sources[0]));

/* Persian words no list has: the currencies of Iran. */
static const char *const EXTRA_CURRENCY[] = {"تومان", "ریال"};

#define MAX_ENTRY 512			/* bytes of a gazetteer entry; longer ones are skipped */
#define HASH_BOUNDARY UINT64_MAX	/* between sentences in the hash stream */

/*
 * Tokens of s[0..len) into lx->tok.  PERSNER_OK with lx->ntok tokens;
 * invalid text gives no tokens; PERSNER_ENOMEM.
 */
static PersnerStatus
tokens_of(PersnerLexicon *lx, const char *s, size_t len, int flags)
{
	PersnerStatus st = persner_normalize(s, len, flags, &lx->nb);
	PersnerToken *tok;

	lx->ntok = 0;
	if (st == PERSNER_ENOMEM)
		return st;
	if (st != PERSNER_OK)
		return PERSNER_OK;
	if ((tok = persner_grow(lx->tok, &lx->tok_cap, lx->nb.len + 1, sizeof(*tok))) == NULL)
		return PERSNER_ENOMEM;
	lx->tok = tok;
	lx->ntok = persner_tokenize(&lx->nb, lx->tok);
	return PERSNER_OK;
}

/* add the phrase in lx->tok with type bit */
static PersnerStatus
gaz_add_tokens(PersnerLexicon *lx, uint32_t bit)
{
	uint64_t	k = 0;
	size_t		i;

	if (lx->ntok == 0 || lx->ntok > PERSNER_GAZ_MAX_TOKENS)
		return PERSNER_OK;
	for (i = 0; i < lx->ntok; i++)
	{
		uint32_t   *v;

		k = persner_gaz_extend(k, lx->nb.text + lx->tok[i].nbeg,
							   lx->tok[i].nend - lx->tok[i].nbeg);
		if (persner_keymap_slot(&lx->gaz, k, &v, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		if (i + 1 < lx->ntok)
			*v |= PERSNER_GAZ_PREFIX;
		else
			*v |= bit;
	}
	return PERSNER_OK;
}

/*
 * count the places of the words of the name in lx->tok in its group: a
 * word's value under persner_gaz_word_key gets one more name at that place
 * (PERSNER_GAZ_SLOT_COUNT, saturating at 3)
 */
static PersnerStatus
gaz_add_places(PersnerLexicon *lx, int group)
{
	size_t		i;

	for (i = 0; i < lx->ntok; i++)
	{
		int			place = lx->ntok == 1 ? 0 : i == 0 ? 1 : i + 1 < lx->ntok ? 2 : 3,
					slot = group * PERSNER_GAZ_PLACES + place;
		uint64_t	k = persner_gaz_word_key(persner_ident_hash(lx->nb.text + lx->tok[i].nbeg,
																 lx->tok[i].nend - lx->tok[i].nbeg));
		uint32_t   *v;

		if (persner_keymap_slot(&lx->gaz, k, &v, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		if (PERSNER_GAZ_SLOT_COUNT(*v, slot) < 3)
			*v += 1u << (2 * slot);
	}
	return PERSNER_OK;
}

static PersnerStatus
gaz_add(PersnerLexicon *lx, const char *entry, size_t len, int type)
{
	/* "{0} درصد" in CLDR patterns: drop the placeholder */
	char		buf[MAX_ENTRY] = {0};
	size_t		n = 0,
				i;
	PersnerStatus st;

	if (len >= sizeof(buf))
		return PERSNER_OK;
	for (i = 0; i < len; i++)
	{
		if (entry[i] == '{' && i + 2 < len && entry[i + 2] == '}')
		{
			i += 2;
			continue;
		}
		buf[n++] = entry[i];
	}
	/* the generic district name "central" alone is no evidence */
	if (type == G_DIVISION && n == strlen("مرکزی") && memcmp(buf, "مرکزی", n) == 0)
		return PERSNER_OK;
	if ((st = tokens_of(lx, buf, n, PERSNER_NORM_DEFAULT)) != PERSNER_OK ||
		(st = gaz_add_tokens(lx, 1u << type)) != PERSNER_OK)
		return st;
	if (lx->word_places && GROUP_OF[type] >= 0 &&
		(st = gaz_add_places(lx, GROUP_OF[type])) != PERSNER_OK)
		return st;
	/* the lists write a space where ZWNJ belongs: also match the joined word */
	if (memchr(buf, ' ', n))
	{
		if ((st = tokens_of(lx, buf, n, PERSNER_NORM_SPACE_AS_ZWNJ)) != PERSNER_OK)
			return st;
		if (lx->ntok == 1)
			return gaz_add_tokens(lx, 1u << type);
	}
	return PERSNER_OK;
}

/* whether line[0..n) contains the string needle */
static int
contains(const char *line, size_t n, const char *needle)
{
	size_t		m = strlen(needle),
				i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(line + i, needle, m) == 0)
			return 1;
	return 0;
}

PersnerStatus
persner_lexicon_gaz_list(PersnerLexicon *lx, const PersnerGazSource *src,
						 const char *text, size_t len)
{
	size_t		plen = strlen(src->path);
	int			tsv = plen >= 4 && strcmp(src->path + plen - 4, ".tsv") == 0;
	int			first = 1;
	const char *p = text,
			   *end = text + len;

	while (p < end)
	{
		const char *eol = memchr(p, '\n', (size_t) (end - p));
		const char *line = p,
				   *lend = eol ? eol : end,
				   *col = line;
		int			c;
		size_t		n;

		p = eol ? eol + 1 : end;
		if (tsv && first)
		{
			first = 0;
			continue;
		}
		if (src->unit_filter && !contains(line, (size_t) (lend - line), src->unit_filter))
			continue;
		for (c = 0; c < src->column && col; c++)
		{
			col = memchr(col, '\t', (size_t) (lend - col));
			if (col)
				col++;
		}
		if (col == NULL)
			continue;
		{
			const char *tab = memchr(col, '\t', (size_t) (lend - col));

			n = tab ? (size_t) (tab - col) : (size_t) (lend - col);
		}
		while (n > 0 && (col[n - 1] == '\r' || col[n - 1] == ' '))
			n--;
		if (n > 0 && col[0] != '(')
		{
			PersnerStatus st = gaz_add(lx, col, n, src->type);

			if (st != PERSNER_OK)
				return st;
		}
	}
	return PERSNER_OK;
}

PersnerStatus
persner_lexicon_gaz_extras(PersnerLexicon *lx)
{
	size_t		i;

	for (i = 0; i < sizeof(EXTRA_CURRENCY) / sizeof(EXTRA_CURRENCY[0]); i++)
	{
		PersnerStatus st = gaz_add(lx, EXTRA_CURRENCY[i], strlen(EXTRA_CURRENCY[i]), G_CURRENCY);

		if (st != PERSNER_OK)
			return st;
	}
	return PERSNER_OK;
}

/*
 * one line's word hashes: for the clusters (to_stream), appended to the
 * stream with a boundary and counted; for the affinities (lx->affinity, or
 * when not to_stream), counted after the head words
 */
static PersnerStatus
text_line(PersnerLexicon *lx, const char *s, size_t len, int to_stream)
{
	PersnerStatus st = tokens_of(lx, s, len, PERSNER_NORM_DEFAULT);
	int			count_aff = lx->affinity || !to_stream;
	uint64_t   *stream;
	size_t		t;

	if (st != PERSNER_OK || lx->ntok == 0)
		return st;
	if (count_aff && lx->aff.heads.keys == NULL &&
		(st = persner_affinity_init(&lx->aff)) != PERSNER_OK)
		return st;
	if ((stream = persner_grow(lx->stream, &lx->stream_cap, lx->nstream + lx->ntok + 1,
							   sizeof(*stream))) == NULL)
		return PERSNER_ENOMEM;
	lx->stream = stream;
	for (t = 0; t < lx->ntok; t++)
	{
		uint64_t	k = persner_ident_hash(lx->nb.text + lx->tok[t].nbeg,
										   lx->tok[t].nend - lx->tok[t].nbeg);
		uint32_t   *v;

		lx->stream[lx->nstream + t] = k;
		if (!to_stream)
			continue;
		if (persner_keymap_slot(&lx->counts, k, &v, NULL) != PERSNER_OK)
			return PERSNER_ENOMEM;
		(*v)++;
	}
	if (count_aff &&
		(st = persner_affinity_sentence(&lx->aff, lx->stream + lx->nstream, lx->ntok)) != PERSNER_OK)
		return st;
	if (to_stream)
	{
		lx->nstream += lx->ntok;
		lx->stream[lx->nstream++] = HASH_BOUNDARY;
	}
	return PERSNER_OK;
}

static PersnerStatus
text_lines(PersnerLexicon *lx, const char *text, size_t len, int to_stream)
{
	const char *p = text,
			   *end = text + len;

	while (p < end)
	{
		const char *eol = memchr(p, '\n', (size_t) (end - p));
		size_t		n = eol ? (size_t) (eol - p) : (size_t) (end - p);
		PersnerStatus st = text_line(lx, p, n, to_stream);

		if (st != PERSNER_OK)
			return st;
		p += n + (eol != NULL);
	}
	return PERSNER_OK;
}

PersnerStatus
persner_lexicon_text(PersnerLexicon *lx, const char *text, size_t len)
{
	return text_lines(lx, text, len, 1);
}

PersnerStatus
persner_lexicon_affinity_text(PersnerLexicon *lx, const char *text, size_t len)
{
	return text_lines(lx, text, len, 0);
}

PersnerStatus
persner_lexicon_affinity(PersnerLexicon *lx, uint32_t min_count)
{
	return persner_affinity_store(&lx->aff, min_count, &lx->clus, &lx->naffinity);
}

typedef struct WordCount
{
	uint64_t	key;
	uint32_t	count;
} WordCount;

static int
cmp_wordcount(const void *a, const void *b)
{
	const WordCount *x = a,
			   *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* words by descending count (ties by key): ids 0..V-1; rarer words share V */
static PersnerStatus
number_words(PersnerLexicon *lx, int min_count, WordCount **wc_out, uint32_t *V_out)
{
	uint64_t   *keys;
	uint32_t   *vals;
	uint32_t	nw = lx->counts.n,
				V,
				i;
	WordCount  *wc;

	if (persner_keymap_arrays(&lx->counts, &keys, &vals) != PERSNER_OK)
		return PERSNER_ENOMEM;
	wc = persner_calloc((size_t) nw + 1, sizeof(WordCount));
	if (wc == NULL)
	{
		persner_free(keys);
		persner_free(vals);
		return PERSNER_ENOMEM;
	}
	for (i = 0; i < nw; i++)
		wc[i].key = keys[i], wc[i].count = vals[i];
	persner_free(keys);
	persner_free(vals);
	qsort(wc, nw, sizeof(WordCount), cmp_wordcount);
	for (V = 0; V < nw && wc[V].count >= (uint32_t) min_count; V++)
		;
	for (i = 0; i < nw; i++)
	{
		uint32_t   *v;

		if (persner_keymap_slot(&lx->counts, wc[i].key, &v, NULL) != PERSNER_OK)
		{
			persner_free(wc);
			return PERSNER_ENOMEM;
		}
		*v = i < V ? i : V;
	}
	*wc_out = wc;
	*V_out = V;
	return PERSNER_OK;
}

const uint32_t persner_vec_classes[PERSNER_VEC_LEVELS] = {1024, 256, 64};

/* vector classes of words 0..V-1 (stream as for the exchange) into lx->clus */
static PersnerStatus
vector_classes(PersnerLexicon *lx, const uint32_t *stream, const WordCount *wc, uint32_t V)
{
	int			dim = persner_vec_default.dim,
				l;
	float	   *vec = persner_calloc((size_t) V * dim, sizeof(float));
	uint32_t   *cls = persner_calloc((size_t) V * PERSNER_VEC_LEVELS, sizeof(uint32_t)),
				i;
	PersnerStatus st = vec && cls ? PERSNER_OK : PERSNER_ENOMEM;

	if (st == PERSNER_OK)
		st = persner_vectors_learn(stream, lx->nstream, V, &persner_vec_default, vec);
	for (l = 0; st == PERSNER_OK && l < PERSNER_VEC_LEVELS; l++)
		st = persner_vectors_kmeans(vec, V, dim, persner_vec_classes[l], 10, cls + (size_t) l * V);
	for (i = 0; st == PERSNER_OK && i < V; i++)
	{
		uint32_t   *v;

		st = persner_keymap_slot(&lx->clus, persner_vec_word_key(wc[i].key), &v, NULL);
		if (st == PERSNER_OK)
			*v = PERSNER_VEC_VALUE(cls[i], cls[V + i], cls[2 * (size_t) V + i]);
	}
	persner_free_all((void *[]) {vec, cls}, 2);
	return st;
}

/* Brown paths of words 0..V-1 from their fine classes (C of them) into lx->clus */
static PersnerStatus
brown_paths(PersnerLexicon *lx, const uint32_t *stream, const WordCount *wc, uint32_t V,
			const uint32_t *fine, uint32_t C)
{
	uint32_t   *merges = persner_calloc(2 * (size_t) C, sizeof(uint32_t)),
			   *path = persner_calloc(C, sizeof(uint32_t)),
				i;
	PersnerStatus st = merges && path ? PERSNER_OK : PERSNER_ENOMEM;
	double		sum = 0.0;

	if (st == PERSNER_OK)
		st = persner_brown_merge(stream, lx->nstream, V + 1, fine, C, merges);
	if (st == PERSNER_OK)
		st = persner_brown_paths(merges, C, path);
	lx->brown_depth[0] = PERSNER_BROWN_MAX_BITS;
	lx->brown_depth[1] = 0;
	for (i = 0; st == PERSNER_OK && i < V; i++)
	{
		uint32_t   *v,
					len = PERSNER_BROWN_LEN(path[fine[i]]);

		st = persner_keymap_slot(&lx->clus, persner_brown_word_key(wc[i].key), &v, NULL);
		if (st == PERSNER_OK)
			*v = path[fine[i]];
		sum += len;
		if (len < lx->brown_depth[0])
			lx->brown_depth[0] = len;
		if (len > lx->brown_depth[1])
			lx->brown_depth[1] = len;
	}
	lx->brown_mean = V > 0 ? sum / V : 0.0;
	persner_free_all((void *[]) {merges, path}, 2);
	return st;
}

PersnerStatus
persner_lexicon_cluster(PersnerLexicon *lx, int min_count, int cfine, int ccoarse)
{
	WordCount  *wc = NULL;
	uint32_t   *stream = NULL,
			   *fine = NULL,
			   *coarse = NULL,
				V = 0,
				i;
	size_t		h;
	PersnerStatus st;

	lx->nclustered = 0;
	if (cfine < 1 || cfine > PERSNER_CLUSTER_MAX_CLASSES ||
		ccoarse < 1 || ccoarse > PERSNER_CLUSTER_MAX_CLASSES)
		return PERSNER_EINVAL;
	if ((st = number_words(lx, min_count, &wc, &V)) != PERSNER_OK)
		return st;
	stream = persner_calloc(lx->nstream + 1, sizeof(uint32_t));
	fine = persner_calloc((size_t) V + 1, sizeof(uint32_t));
	coarse = persner_calloc((size_t) V + 1, sizeof(uint32_t));
	if (!stream || !fine || !coarse)
		st = PERSNER_ENOMEM;
	for (h = 0; st == PERSNER_OK && h < lx->nstream; h++)
		stream[h] = lx->stream[h] == HASH_BOUNDARY ? PERSNER_CLUSTER_BOUNDARY :
			persner_keymap_get(&lx->counts, lx->stream[h]);
	if (st == PERSNER_OK && V > 0)
	{
		st = persner_clusters_exchange(stream, lx->nstream, V + 1, (uint32_t) cfine, 10, fine);
		if (st == PERSNER_OK)
			st = persner_clusters_exchange(stream, lx->nstream, V + 1, (uint32_t) ccoarse, 10, coarse);
		for (i = 0; st == PERSNER_OK && i < V; i++)
		{
			uint32_t   *v;

			st = persner_keymap_slot(&lx->clus, wc[i].key, &v, NULL);
			if (st == PERSNER_OK)
				*v = PERSNER_CLUSTER_VALUE(fine[i], coarse[i]);
		}
		if (st == PERSNER_OK && lx->brown)
			st = brown_paths(lx, stream, wc, V, fine, (uint32_t) cfine);
		if (st == PERSNER_OK && lx->vectors)
			st = vector_classes(lx, stream, wc, V);
		if (st == PERSNER_OK)
			lx->nclustered = V;
	}
	persner_free(wc);
	persner_free(stream);
	persner_free(fine);
	persner_free(coarse);
	return st;
}

void
persner_lexicon_view(const PersnerLexicon *lx, uint32_t flags, PersnerLexView *v)
{
	v->gaz = persner_keymap_table(&lx->gaz);
	v->clus = persner_keymap_table(&lx->clus);
	v->lex.flags = flags;
	v->lex.gaz = &v->gaz;
	v->lex.clus = &v->clus;
}

void
persner_lexicon_free(PersnerLexicon *lx)
{
	persner_keymap_free(&lx->gaz);
	persner_keymap_free(&lx->clus);
	persner_keymap_free(&lx->counts);
	persner_affinity_free(&lx->aff);
	persner_normbuf_free(&lx->nb);
	persner_free(lx->tok);
	persner_free(lx->stream);
	memset(lx, 0, sizeof(*lx));
}
