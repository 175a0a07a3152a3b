/*
 * build_model.c - `persner train`: corpora + gazetteers + unlabelled text -> model
 *
 * 1. Gazetteers: every entry is normalized and tokenized by the core and
 *    stored as a chain key (persner_gaz_extend) with its types; each proper
 *    prefix is stored with the prefix bit so matching can go on.
 * 2. Word clusters: the unlabelled text is tokenized by the core, words seen
 *    at least 3 times are clustered twice by the exchange algorithm (256 and
 *    64 classes); a word's cluster value is fine | coarse << 16.
 * 3. Training data: each labelled sentence becomes, per position, the
 *    attribute hashes of features.c (the same calls the tagger makes), mapped
 *    to dense ids; attributes seen fewer than --min-count times are dropped.
 *    A sentence of a --partial corpus carries a label set per position.
 * 4. persner_train_crf fits the weights; weights smaller than --prune go, and
 *    rows left empty go with them.
 * 5. The bias shifts are chosen on the dev split (each candidate model is
 *    written, reopened and scored), and the model is written with them and
 *    its dev F1 in the metadata; the model card is written beside.
 *
 * Everything is sequential or reduced in a fixed order, so two runs give the
 * same bytes.
 */
#include "cli.h"
#include "clusters.h"
#include "feat.h"
#include "model.h"
#include "train.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const TYPES[] = {"PER", "LOC", "ORG", "DAT", "TIM", "MON", "PCT"};
#define NTYPES 7

/* bias shifts tried on the dev split: O lowered, then each B raised or lowered */
static const float ODELTAS[] = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
static const float BDELTAS[] = {-0.3f, -0.2f, -0.1f, 0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
#define SHIFT_PASSES 2
#define NODELTAS ((int) (sizeof(ODELTAS) / sizeof(ODELTAS[0])))
#define NBDELTAS ((int) (sizeof(BDELTAS) / sizeof(BDELTAS[0])))

static void *
xmalloc(size_t n)
{
	void	   *p = calloc(1, n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "persner: out of memory\n");
		exit(1);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
	{
		fprintf(stderr, "persner: out of memory\n");
		exit(1);
	}
	return p;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------------
 * KeyMap
 * ---------------------------------------------------------------------
 */

static void
keymap_grow(KeyMap *km)
{
	uint32_t	oldcap = km->keys ? km->mask + 1 : 0;
	uint32_t	cap = oldcap ? oldcap * 2 : 1024;
	uint64_t   *ok = km->keys;
	uint32_t   *ov = km->vals;
	uint32_t	i;

	km->keys = xmalloc(sizeof(uint64_t) * cap);
	km->vals = xmalloc(sizeof(uint32_t) * cap);
	km->mask = cap - 1;
	km->max_probe = 1;
	for (i = 0; i < oldcap; i++)
	{
		uint32_t	pos,
					probe = 1;

		if (ok[i] == 0)
			continue;
		pos = (uint32_t) ok[i] & km->mask;
		while (km->keys[pos] != 0)
		{
			pos = (pos + 1) & km->mask;
			probe++;
		}
		km->keys[pos] = ok[i];
		km->vals[pos] = ov[i];
		if (probe > km->max_probe)
			km->max_probe = probe;
	}
	free(ok);
	free(ov);
}

uint32_t *
keymap_slot(KeyMap *km, uint64_t key, int *created)
{
	uint32_t	pos,
				probe = 1;

	if (key == 0)
		key = 1;
	if (km->keys == NULL || 2 * (km->n + 1) > km->mask + 1)
		keymap_grow(km);
	pos = (uint32_t) key & km->mask;
	while (km->keys[pos] != 0 && km->keys[pos] != key)
	{
		pos = (pos + 1) & km->mask;
		probe++;
	}
	if (created)
		*created = km->keys[pos] == 0;
	if (km->keys[pos] == 0)
	{
		km->keys[pos] = key;
		km->vals[pos] = 0;
		km->n++;
		if (probe > km->max_probe)
			km->max_probe = probe;
	}
	return &km->vals[pos];
}

uint32_t
keymap_get(const KeyMap *km, uint64_t key)
{
	PersnerTable t;

	if (km->keys == NULL)
		return UINT32_MAX;
	t.keys = km->keys;
	t.vals = km->vals;
	t.mask = km->mask;
	t.max_probe = km->max_probe;
	return persner_table_get(&t, key);
}

void
keymap_free(KeyMap *km)
{
	free(km->keys);
	free(km->vals);
	memset(km, 0, sizeof(*km));
}

static PersnerTable
keymap_table(const KeyMap *km)
{
	PersnerTable t = {0};

	if (km->keys)
	{
		t.keys = km->keys;
		t.vals = km->vals;
		t.mask = km->mask;
		t.max_probe = km->max_probe;
	}
	return t;
}

/* Compact the map into parallel arrays (slot order: deterministic). */
static uint32_t
keymap_arrays(const KeyMap *km, uint64_t **keys, uint32_t **vals)
{
	uint32_t	i,
				n = 0,
				cap = km->keys ? km->mask + 1 : 0;

	*keys = xmalloc(sizeof(uint64_t) * (km->n + 1));
	*vals = xmalloc(sizeof(uint32_t) * (km->n + 1));
	for (i = 0; i < cap; i++)
		if (km->keys[i] != 0)
		{
			(*keys)[n] = km->keys[i];
			(*vals)[n] = km->vals[i];
			n++;
		}
	return n;
}

/* ---------------------------------------------------------------------
 * Tokens of a raw string through the core
 * ---------------------------------------------------------------------
 */

typedef struct Toks
{
	PersnerNormBuf nb;
	PersnerToken *tok;
	size_t		cap;
	size_t		n;
} Toks;

static int
toks_of(Toks *tk, const char *s, size_t len, int flags)
{
	if (persner_normalize(s, len, flags, &tk->nb) != PERSNER_OK)
		return -1;
	if (tk->nb.len + 1 > tk->cap)
	{
		tk->cap = 2 * (tk->nb.len + 1);
		tk->tok = xrealloc(tk->tok, sizeof(PersnerToken) * tk->cap);
	}
	tk->n = persner_tokenize(&tk->nb, tk->tok);
	return 0;
}

/* ---------------------------------------------------------------------
 * Gazetteers
 * ---------------------------------------------------------------------
 */

enum
{
	G_PER_FIRST, G_PER_LAST, G_PER_FULL, G_COUNTRY, G_CITY, G_PROVINCE,
	G_DIVISION, G_UNIV, G_BANK, G_CALENDAR, G_DATEWORD, G_CURRENCY,
	G_PERCENT, G_LANGUAGE
};

typedef struct GazFile
{
	const char *path;			/* relative to the gazetteer dir */
	int			column;			/* TSV column (0 for .txt) */
	int			type;
	const char *unit_filter;	/* only rows whose first column contains this */
} GazFile;

static const GazFile GAZ_FILES[] = {
	{"person-names/firstnames_farbodbj_gender.tsv", 0, G_PER_FIRST, NULL},
	{"person-names/firstnames_hejazirad.tsv", 0, G_PER_FIRST, NULL},
	{"person-names/firstnames_mansourm.tsv", 0, G_PER_FIRST, NULL},
	{"person-names/firstnames_armanyazdi_female.txt", 0, G_PER_FIRST, NULL},
	{"person-names/firstnames_armanyazdi_male.txt", 0, G_PER_FIRST, NULL},
	{"person-names/firstnames_fakerjs.txt", 0, G_PER_FIRST, NULL},
	{"person-names/lastnames_derived_from_parsface.txt", 0, G_PER_LAST, NULL},
	{"person-names/lastnames_fakerjs.txt", 0, G_PER_LAST, NULL},
	{"person-names/fullnames_parsface_iranian_personalities.tsv", 0, G_PER_FULL, NULL},
	{"cldr-world/cldr_territories_fa.tsv", 1, G_COUNTRY, NULL},
	{"cldr-world/isocodes_countries_fa.tsv", 1, G_COUNTRY, NULL},
	{"countries-npm/i18n_iso_countries_fa.tsv", 1, G_COUNTRY, NULL},
	{"countries-npm/fakerjs_countries_fa.txt", 0, G_COUNTRY, NULL},
	{"cldr-world/cldr_exemplar_cities_fa.tsv", 1, G_CITY, NULL},
	{"iran-divisions/cities.txt", 0, G_CITY, NULL},
	{"countries-npm/fakerjs_iran_cities_fa.txt", 0, G_CITY, NULL},
	{"iran-divisions/provinces.txt", 0, G_PROVINCE, NULL},
	{"countries-npm/fakerjs_iran_provinces_fa.txt", 0, G_PROVINCE, NULL},
	{"cldr-world/cldr_subdivisions_fa.tsv", 1, G_PROVINCE, NULL},
	{"iran-divisions/counties.txt", 0, G_DIVISION, NULL},
	{"iran-divisions/sectors.txt", 0, G_DIVISION, NULL},
	{"iran-divisions/rural_districts.txt", 0, G_DIVISION, NULL},
	{"organizations/iran_universities_visabox.tsv", 0, G_UNIV, NULL},
	{"organizations/iran_banks_react-ir-banks-logo.txt", 0, G_BANK, NULL},
	{"datetime-money/fakerjs_jalali_months_weekdays_fa.txt", 0, G_CALENDAR, NULL},
	{"datetime-money/cldr_calendar_terms_fa.tsv", 4, G_CALENDAR, NULL},
	{"datetime-money/cldr_date_fields_fa.tsv", 2, G_DATEWORD, NULL},
	{"datetime-money/cldr_currencies_fa.tsv", 2, G_CURRENCY, NULL},
	{"datetime-money/cldr_units_fa.tsv", 2, G_PERCENT, "percent"},
	{"cldr-world/cldr_languages_fa.tsv", 1, G_LANGUAGE, NULL},
};

/* Persian words no list has: the currencies of Iran. */
static const char *const EXTRA_CURRENCY[] = {"تومان", "ریال"};

/* add one phrase (already a token list) with type bit */
static void
gaz_add_tokens(KeyMap *gaz, const Toks *tk, uint32_t bit)
{
	uint64_t	k = 0;
	size_t		i;

	if (tk->n == 0 || tk->n > PERSNER_GAZ_MAX_TOKENS)
		return;
	for (i = 0; i < tk->n; i++)
	{
		uint32_t   *v;

		k = persner_gaz_extend(k, tk->nb.text + tk->tok[i].nbeg,
							   tk->tok[i].nend - tk->tok[i].nbeg);
		v = keymap_slot(gaz, k, NULL);
		if (i + 1 < tk->n)
			*v |= PERSNER_GAZ_PREFIX;
		else
			*v |= bit;
	}
}

static void
gaz_add(KeyMap *gaz, Toks *tk, const char *entry, size_t len, int type)
{
	/* "{0} درصد" in CLDR patterns: drop the placeholder */
	char		buf[512] = {0};
	size_t		n = 0,
				i;

	if (len >= sizeof(buf))
		return;
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
		return;
	if (toks_of(tk, buf, n, PERSNER_NORM_DEFAULT) == 0)
		gaz_add_tokens(gaz, tk, 1u << type);
	/* the lists write a space where ZWNJ belongs: also match the joined word */
	if (memchr(buf, ' ', n) && toks_of(tk, buf, n, PERSNER_NORM_SPACE_AS_ZWNJ) == 0 && tk->n == 1)
		gaz_add_tokens(gaz, tk, 1u << type);
}

static int
build_gazetteers(const char *dir, KeyMap *gaz)
{
	Toks		tk = {0};
	size_t		f;
	int			nfiles = 0;

	for (f = 0; f < sizeof(GAZ_FILES) / sizeof(GAZ_FILES[0]); f++)
	{
		const GazFile *g = &GAZ_FILES[f];
		char		path[4096];
		char	   *buf,
				   *p;
		int			tsv = strstr(g->path, ".tsv") != NULL;
		int			first = 1;

		snprintf(path, sizeof(path), "%s/%s", dir, g->path);
		buf = read_file(path, NULL);
		if (buf == NULL)
		{
			fprintf(stderr, "persner: warning: gazetteer %s: %s\n", path, strerror(errno));
			continue;
		}
		nfiles++;
		for (p = buf; *p;)
		{
			char	   *eol = strchr(p, '\n');
			char	   *line = p;
			char	   *col;
			int			c;

			if (eol)
				*eol = '\0';
			p = eol ? eol + 1 : p + strlen(p);
			if (tsv && first)
			{
				first = 0;
				continue;
			}
			if (g->unit_filter && !strstr(line, g->unit_filter))
				continue;
			col = line;
			for (c = 0; c < g->column && col; c++)
			{
				col = strchr(col, '\t');
				if (col)
					col++;
			}
			if (col == NULL)
				continue;
			{
				char	   *end = strchr(col, '\t');
				size_t		n = end ? (size_t) (end - col) : strlen(col);

				while (n > 0 && (col[n - 1] == '\r' || col[n - 1] == ' '))
					n--;
				if (n > 0 && col[0] != '(')
					gaz_add(gaz, &tk, col, n, g->type);
			}
		}
		free(buf);
	}
	for (f = 0; f < sizeof(EXTRA_CURRENCY) / sizeof(EXTRA_CURRENCY[0]); f++)
		gaz_add(gaz, &tk, EXTRA_CURRENCY[f], strlen(EXTRA_CURRENCY[f]), G_CURRENCY);
	persner_normbuf_free(&tk.nb);
	free(tk.tok);
	return nfiles;
}

/* ---------------------------------------------------------------------
 * Word clusters
 * ---------------------------------------------------------------------
 */

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

#define HASH_BOUNDARY UINT64_MAX	/* between sentences in the hash stream */

/*
 * build_clusters - word clusters from the unlabelled text
 *
 * The text is tokenized once into a stream of word hashes; words seen at
 * least min_count times get ids by descending count (ties by hash), rarer
 * ones share one id that is clustered but not kept.
 */
static int
build_clusters(const char *corpus_dir, KeyMap *clus, int min_count, int cfine,
			   int ccoarse, double *secs)
{
	static const char *const FILES[] = {"farsnews.txt", "varzesh3.txt", "namnak.txt",
	"hamshahri_radiofarda_rss.txt", "perdt_sentences.txt"};
	KeyMap		counts = {0};
	uint64_t   *hashes = NULL;
	uint32_t   *stream;
	size_t		n = 0,
				cap = 0,
				f,
				h;
	Toks		tk = {0};
	WordCount  *wc;
	uint64_t   *keys;
	uint32_t   *vals;
	uint32_t	nw,
				V,
				i,
				*fine,
				*coarse;
	double		t0 = now_seconds();

	for (f = 0; f < sizeof(FILES) / sizeof(FILES[0]); f++)
	{
		char		path[4096];
		char	   *buf,
				   *p;

		snprintf(path, sizeof(path), "%s/unlabeled/%s", corpus_dir, FILES[f]);
		buf = read_file(path, NULL);
		if (buf == NULL)
		{
			fprintf(stderr, "persner: warning: %s: %s\n", path, strerror(errno));
			continue;
		}
		for (p = buf; *p;)
		{
			char	   *eol = strchr(p, '\n');
			size_t		len = eol ? (size_t) (eol - p) : strlen(p);
			size_t		t;

			if (toks_of(&tk, p, len, PERSNER_NORM_DEFAULT) == 0 && tk.n > 0)
			{
				if (n + tk.n + 1 > cap)
				{
					cap = 2 * (n + tk.n + 1);
					hashes = xrealloc(hashes, sizeof(uint64_t) * cap);
				}
				for (t = 0; t < tk.n; t++)
				{
					uint64_t	k = persner_ident_hash(tk.nb.text + tk.tok[t].nbeg,
												   tk.tok[t].nend - tk.tok[t].nbeg);
					int			created;
					uint32_t   *v = keymap_slot(&counts, k, &created);

					if (created)
						*v = 0;
					(*v)++;
					hashes[n++] = k;
				}
				hashes[n++] = HASH_BOUNDARY;
			}
			p = eol ? eol + 1 : p + len;
		}
		free(buf);
	}
	/* words by descending count (ties by key): ids; rare words share V */
	nw = keymap_arrays(&counts, &keys, &vals);
	wc = xmalloc(sizeof(WordCount) * (nw + 1));
	for (i = 0; i < nw; i++)
		wc[i].key = keys[i], wc[i].count = vals[i];
	qsort(wc, nw, sizeof(WordCount), cmp_wordcount);
	for (V = 0; V < nw && wc[V].count >= (uint32_t) min_count; V++)
		*keymap_slot(&counts, wc[V].key, NULL) = V;
	for (i = V; i < nw; i++)
		*keymap_slot(&counts, wc[i].key, NULL) = V;

	stream = xmalloc(sizeof(uint32_t) * (n + 1));
	for (h = 0; h < n; h++)
		stream[h] = hashes[h] == HASH_BOUNDARY ? PERSNER_CLUSTER_BOUNDARY :
			keymap_get(&counts, hashes[h]);
	free(hashes);

	fine = xmalloc(sizeof(uint32_t) * (V + 1));
	coarse = xmalloc(sizeof(uint32_t) * (V + 1));
	if (V == 0 ||
		persner_clusters_exchange(stream, n, V + 1, (uint32_t) cfine, 10, fine) != PERSNER_OK ||
		persner_clusters_exchange(stream, n, V + 1, (uint32_t) ccoarse, 10, coarse) != PERSNER_OK)
		V = 0;
	for (i = 0; i < V; i++)
		*keymap_slot(clus, wc[i].key, NULL) = fine[i] | (coarse[i] << 16);
	free(fine);
	free(coarse);
	free(stream);
	free(wc);
	free(keys);
	free(vals);
	keymap_free(&counts);
	persner_normbuf_free(&tk.nb);
	free(tk.tok);
	*secs = now_seconds() - t0;
	return (int) V;
}

/* ---------------------------------------------------------------------
 * Training data
 * ---------------------------------------------------------------------
 */

typedef struct Sent
{
	uint32_t	T;
	size_t		tok0;			/* first token in the token arrays */
	int			partial;		/* from a partially labelled corpus */
	uint32_t	lack;			/* partial: the types its O may also be (bit k: TYPES[k]) */
} Sent;

/*
 * Tags of a partially labelled corpus.  ARMAN names people, places and
 * organizations but no dates, times, money or percentages; it has types
 * PEYMA lacks (FAC, PRO, EVENT); and it draws the line between places and
 * organizations otherwise than PEYMA.  So only the mentions of the types
 * trusted (--partial-types) keep their labels; its O may be O, a type it
 * never names or an untrusted one (TAG_O_OR_LACKING); any other mention
 * may be anything (TAG_ANY).  The trainer turns these into label sets.
 */
#define TAG_O_OR_LACKING	0xFFFE
#define TAG_ANY				0xFFFF
#define TAG_IS_PARTIAL(t)	((t) >= TAG_O_OR_LACKING)

/* All training sentences, normalized, with tags. */
typedef struct TrainSet
{
	char	   *text;			/* normalized tokens, NUL-separated */
	size_t		text_len,
				text_cap;
	size_t	   *off;			/* [ntok] */
	size_t	   *len;			/* [ntok] */
	uint16_t   *tag;			/* [ntok] */
	size_t		ntok,
				tok_cap;
	Sent	   *sent;
	size_t		nsent,
				sent_cap;
} TrainSet;

static int
type_index(const char *type)
{
	int			k;

	if (type == NULL)
		return -1;
	for (k = 0; k < NTYPES; k++)
		if (strcmp(type, TYPES[k]) == 0)
			return k;
	return -1;
}

static int
has_zwnj(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i + 2 < n; i++)
		if (memcmp(s + i, "\xE2\x80\x8C", 3) == 0)
			return 1;
	return 0;
}

static void
ts_add_token(TrainSet *ts, const char *s, size_t n, uint16_t tag)
{
	if (ts->ntok + 1 > ts->tok_cap)
	{
		ts->tok_cap = ts->tok_cap ? 2 * ts->tok_cap : 1 << 16;
		ts->off = xrealloc(ts->off, sizeof(size_t) * ts->tok_cap);
		ts->len = xrealloc(ts->len, sizeof(size_t) * ts->tok_cap);
		ts->tag = xrealloc(ts->tag, sizeof(uint16_t) * ts->tok_cap);
	}
	if (ts->text_len + n + 1 > ts->text_cap)
	{
		ts->text_cap = 2 * (ts->text_len + n + 1) + (1 << 20);
		ts->text = xrealloc(ts->text, ts->text_cap);
	}
	memcpy(ts->text + ts->text_len, s, n);
	ts->off[ts->ntok] = ts->text_len;
	ts->len[ts->ntok] = n;
	ts->tag[ts->ntok] = tag;
	ts->text_len += n;
	ts->text[ts->text_len++] = '\0';
	ts->ntok++;
}

static void
ts_end_sentence(TrainSet *ts, size_t tok0, int partial, uint32_t lack)
{
	if (ts->ntok == tok0)
		return;
	if (ts->nsent + 1 > ts->sent_cap)
	{
		ts->sent_cap = ts->sent_cap ? 2 * ts->sent_cap : 1 << 12;
		ts->sent = xrealloc(ts->sent, sizeof(Sent) * ts->sent_cap);
	}
	ts->sent[ts->nsent].tok0 = tok0;
	ts->sent[ts->nsent].T = (uint32_t) (ts->ntok - tok0);
	ts->sent[ts->nsent].partial = partial;
	ts->sent[ts->nsent].lack = lack;
	ts->nsent++;
}

/*
 * Add a corpus.  augment: also add a copy of every sentence that has a
 * ZWNJ-joined token, with each such token written the two other ways real
 * text writes it (joined without ZWNJ, or split at the ZWNJ), alternating
 * deterministically, so the tagger learns text whose ZWNJ is missing.
 * partial: the corpus is partially labelled (see TAG_O_OR_LACKING); its
 * mentions of a type not in trust (bit k: TYPES[k]) are TAG_ANY too.
 */
static void
ts_add_corpus(TrainSet *ts, const Corpus *c, int augment, int partial, uint32_t trust)
{
	PersnerNormBuf nb = {0};
	size_t		s;
	unsigned	flip = 0;
	uint32_t	lack = 0;

	/* partial: what its O may be besides O (types never named, or not trusted) */
	if (partial)
	{
		lack = (1u << NTYPES) - 1;
		for (s = 0; s < c->ntok; s++)
			if (type_index(c->type[s]) >= 0)
				lack &= ~(1u << type_index(c->type[s]));
		lack |= ((1u << NTYPES) - 1) & ~trust;	/* its O does not rule these out */
	}

	for (s = 0; s < c->nsent; s++)
	{
		size_t		b = c->sent[s],
					e = c->sent[s + 1],
					i,
					tok0 = ts->ntok;
		int			any_zwnj = 0,
					prev = 0;

		for (i = b; i < e; i++)
		{
			int			k = type_index(c->type[i]);
			uint16_t	tag;

			if (partial && (k < 0 || !(trust & (1u << k))))
				tag = c->type[i] ? TAG_ANY : TAG_O_OR_LACKING;
			else if (k < 0)
				tag = PERSNER_TAG_O;
			else if (c->bio[i] == 'B' || prev == 0 || PERSNER_TAG_TYPE(prev) != k)
				tag = (uint16_t) PERSNER_TAG_B(k);
			else
				tag = (uint16_t) PERSNER_TAG_I(k);
			prev = TAG_IS_PARTIAL(tag) ? PERSNER_TAG_O : tag;
			if (persner_normalize(c->tok[i], c->toklen[i], PERSNER_NORM_SPACE_AS_ZWNJ, &nb) != PERSNER_OK)
				nb.len = 0;
			if (has_zwnj(nb.text, nb.len))
				any_zwnj = 1;
			ts_add_token(ts, nb.text, nb.len, tag);
		}
		ts_end_sentence(ts, tok0, partial, lack);
		if (!augment || !any_zwnj)
			continue;

		/* the variant sentence */
		tok0 = ts->ntok;
		for (i = tok0 - (e - b); i < tok0; i++)
		{
			char		tokb[1024];
			size_t		n = ts->len[i],
						j;
			uint16_t	tag = ts->tag[i];
			const char *src;

			if (n >= sizeof(tokb))
				n = sizeof(tokb) - 1;
			memcpy(tokb, ts->text + ts->off[i], n);
			src = tokb;
			if (!has_zwnj(src, n))
			{
				ts_add_token(ts, src, n, tag);
				continue;
			}
			if ((flip++ & 1) == 0)
			{
				/* joined: drop the ZWNJs */
				char		out[1024];
				size_t		m = 0;

				for (j = 0; j < n; j++)
				{
					if (j + 2 < n && memcmp(src + j, "\xE2\x80\x8C", 3) == 0)
					{
						j += 2;
						continue;
					}
					out[m++] = src[j];
				}
				ts_add_token(ts, out, m, tag);
			}
			else
			{
				/* split: pieces; an entity continues as I- */
				size_t		start = 0;
				int			first = 1;

				for (j = 0; j <= n; j++)
				{
					if (j == n || (j + 2 < n && memcmp(src + j, "\xE2\x80\x8C", 3) == 0))
					{
						uint16_t	tg = tag;

						if (!first && tag != PERSNER_TAG_O && !TAG_IS_PARTIAL(tag))
							tg = (uint16_t) PERSNER_TAG_I(PERSNER_TAG_TYPE(tag));
						if (j > start)
							ts_add_token(ts, src + start, j - start, tg);
						first = 0;
						if (j < n)
						{
							j += 2;
							start = j + 1;
						}
					}
				}
			}
		}
		ts_end_sentence(ts, tok0, partial, lack);
	}
	persner_normbuf_free(&nb);
}

static void
ts_free(TrainSet *ts)
{
	free(ts->text);
	free(ts->off);
	free(ts->len);
	free(ts->tag);
	free(ts->sent);
	memset(ts, 0, sizeof(*ts));
}

/*
 * The attribute hashes of every position, through the same feature calls
 * the tagger makes.  keys are stored per position: koff [ntok + 1].
 */
static void
extract_keys(const TrainSet *ts, const PersnerFeatLex *lex, uint64_t **keys_out,
			 size_t **koff_out)
{
	size_t		cap = ts->ntok * 40 + 1024,
				n = 0,
				s;
	uint64_t   *keys = xmalloc(sizeof(uint64_t) * cap);
	size_t	   *koff = xmalloc(sizeof(size_t) * (ts->ntok + 1));
	const char **tok = NULL;
	uint64_t   *ident = NULL;
	uint8_t    *zw = NULL;
	uint32_t   *gb = NULL,
			   *gi = NULL;
	size_t		tcap = 0;

	for (s = 0; s < ts->nsent; s++)
	{
		const Sent *st = &ts->sent[s];
		PersnerFeatSent fs;
		int			T = (int) st->T,
					t;

		if ((size_t) T > tcap)
		{
			tcap = 2 * (size_t) T;
			tok = xrealloc(tok, sizeof(char *) * tcap);
			ident = xrealloc(ident, sizeof(uint64_t) * tcap);
			zw = xrealloc(zw, tcap);
			gb = xrealloc(gb, sizeof(uint32_t) * tcap);
			gi = xrealloc(gi, sizeof(uint32_t) * tcap);
		}
		for (t = 0; t < T; t++)
			tok[t] = ts->text + ts->off[st->tok0 + t];
		fs.T = T;
		fs.tok = tok;
		fs.len = ts->len + st->tok0;
		fs.ident = ident;
		fs.zwnj = zw;
		fs.gazB = gb;
		fs.gazI = gi;
		persner_feat_prepare(lex, &fs);
		for (t = 0; t < T; t++)
		{
			int			o;

			if (n + PERSNER_NOFFSETS * PERSNER_MAX_WORD_ATTRS + PERSNER_MAX_CTX_ATTRS > cap)
			{
				cap *= 2;
				keys = xrealloc(keys, sizeof(uint64_t) * cap);
			}
			koff[st->tok0 + t] = n;
			for (o = -PERSNER_WINDOW; o <= PERSNER_WINDOW; o++)
			{
				int			p = t + o;
				const char *w;
				size_t		wl;

				if (p < 0)
					w = PERSNER_BOS, wl = strlen(PERSNER_BOS);
				else if (p >= T)
					w = PERSNER_EOS, wl = strlen(PERSNER_EOS);
				else
					w = tok[p], wl = fs.len[p];
				n += (size_t) persner_feat_word(lex, w, wl, o, keys + n);
			}
			n += (size_t) persner_feat_context(lex, &fs, t, keys + n);
		}
	}
	koff[ts->ntok] = n;
	free(tok);
	free(ident);
	free(zw);
	free(gb);
	free(gi);
	*keys_out = keys;
	*koff_out = koff;
}

/* ---------------------------------------------------------------------
 * The command
 * ---------------------------------------------------------------------
 */

typedef struct TrainOpts
{
	const char *corpus_dir;
	const char *gaz_dir;
	const char *train[8];
	int			ntrain;
	const char *partial[8];		/* partially labelled corpora (ARMAN) */
	int			npartial;
	uint32_t	partial_trust;	/* types whose mentions they mark reliably */
	const char *dev;
	const char *out;
	const char *card;
	double		c1,
				c2,
				prune;
	int			iters,
				min_count,
				threads,
				augment,
				clusters,
				cfine,
				ccoarse;
	uint32_t	flags;
} TrainOpts;

static void
progress(void *arg, int iter, double loss, double gnorm, double seconds)
{
	(void) arg;
	if (iter % 10 == 0 || iter < 3)
		fprintf(stderr, "  iter %4d  loss %14.4f  |g| %12.4f  %7.1fs\n", iter, loss, gnorm, seconds);
}

/*
 * write_file - write data to path through a temporary file and a rename, so
 * a backend that has the old model mapped never sees a half-written or
 * truncated file.
 */
static int
write_file(const char *path, const void *data, size_t len)
{
	char		tmp[4096];
	FILE	   *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0 ||
		rename(tmp, path) != 0)
	{
		fprintf(stderr, "persner: could not write \"%s\": %s\n", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

/* the bias weights as trained, plus shift[label] */
static void
apply_shifts(float *ent_w, const uint32_t *bias_ent, const float *bias_w,
			 const float *shift, int L)
{
	int			j;

	for (j = 0; j < L; j++)
		if (bias_ent[j] != UINT32_MAX)
			ent_w[bias_ent[j]] = bias_w[j] + shift[j];
}

/* dev F1 of the model spec with these bias shifts (-1 if it does not build) */
static double
score_shifts(const PersnerModelSpec *spec, float *ent_w, const uint32_t *bias_ent,
			 const float *bias_w, const float *shift, int L, const Corpus *dev,
			 EvalCounts *ec)
{
	uint8_t    *img = NULL;
	size_t		len = 0;
	PersnerModel *m;
	const char *detail;
	double		f1 = -1;

	apply_shifts(ent_w, bias_ent, bias_w, shift, L);	/* spec->ent_w is ent_w */
	memset(ec, 0, sizeof(*ec));
	if (persner_model_write(spec, &img, &len) == PERSNER_OK &&
		persner_model_open(img, len, &m, &detail) == PERSNER_OK)
	{
		eval_corpus(m, dev, ec);
		f1 = eval_f1(ec, -1, NULL, NULL);
		persner_model_close(m);
	}
	persner_free(img);
	return f1;
}

int
cmd_train(int argc, char **argv)
{
	TrainOpts	o = {
		.corpus_dir = "../shared/corpora", .gaz_dir = "../shared/gazetteers",
		.out = "model/peyma.model", .card = NULL, .c1 = 0.0, .c2 = 1.0, .prune = 1e-3,
		.iters = 150, .min_count = 1, .threads = 2, .augment = 1, .clusters = 1,
		.cfine = 256, .ccoarse = 64, .partial_trust = (1u << NTYPES) - 1,
		.flags = PERSNER_FEAT_DEFAULT
	};
	KeyMap		gaz = {0},
				clus = {0},
				attrs = {0};
	PersnerTable gaz_tab,
				clus_tab;
	PersnerFeatLex lex;
	TrainSet	ts = {0};
	uint64_t   *keys;
	size_t	   *koff;
	uint32_t   *count,
				F = 0,
			   *ids,
				i;
	size_t		nids = 0,
				s,
				p;
	uint32_t   *attr_off;
	uint8_t    *allowed;
	PersnerTrainSeq *seqs;
	PersnerTrainData data;
	PersnerTrainParams tp;
	uint8_t		trans_ok[PERSNER_MAX_LABELS * PERSNER_MAX_LABELS],
				start_ok[PERSNER_MAX_LABELS];
	int			L = 1 + 2 * NTYPES,
				a,
				iterations = 0,
				ngazfiles,
				nclus = 0;
	float	   *W,
				trans[PERSNER_MAX_LABELS * PERSNER_MAX_LABELS],
				start[PERSNER_MAX_LABELS],
				end[PERSNER_MAX_LABELS];
	double		loss = 0,
				t0,
				t_train,
				clus_secs = 0;
	char		default_train[4096],
				default_dev[4096];
	uint64_t   *gk,
			   *ck,
			   *fkeys;
	uint32_t   *gv,
			   *cv,
			   *row_off;
	uint32_t	ngaz,
				nclusk,
				nent = 0,
				F_kept = 0;
	uint8_t    *ent_label;
	float	   *ent_w;
	EvalCounts	ec;
	char		settings[512],
				f1buf[32];
	uint8_t    *img = NULL;
	size_t		imglen = 0;
	uint32_t	bias_id,
				bias_ent[PERSNER_MAX_LABELS];
	float		bias_w[PERSNER_MAX_LABELS],
				shift[PERSNER_MAX_LABELS] = {0};
	double		best_f1 = 0,
				noshift_f1 = 0;
	Corpus		dev;
	int			have_dev;
	const char *meta_keys[] = {"name", "corpus", "licence", "settings", "dev_f1", "version"};
	const char *meta_vals[] = {"peyma", "PEYMA train split (Shahshahani et al. 2018)",
		"trained on PEYMA, released for research use; the model inherits that",
	settings, f1buf, PERSNER_VERSION};
	char		corpus_meta[256];
	PersnerModelSpec spec;
	PersnerStatus st;

	for (a = 0; a < argc; a++)
	{
#define OPT(name) (strcmp(argv[a], name) == 0 && a + 1 < argc)
		if (OPT("--corpus-dir"))
			o.corpus_dir = argv[++a];
		else if (OPT("--gazetteer-dir"))
			o.gaz_dir = argv[++a];
		else if (OPT("--train") && o.ntrain < 8)
			o.train[o.ntrain++] = argv[++a];
		else if (OPT("--partial") && o.npartial < 8)
			o.partial[o.npartial++] = argv[++a];
		else if (OPT("--partial-types"))
		{
			char		buf[256],
					   *tok,
					   *save = NULL;

			snprintf(buf, sizeof(buf), "%s", argv[++a]);
			o.partial_trust = 0;
			for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			{
				if (type_index(tok) < 0)
				{
					fprintf(stderr, "persner train: --partial-types: unknown type \"%s\"\n", tok);
					return 2;
				}
				o.partial_trust |= 1u << type_index(tok);
			}
		}
		else if (OPT("--dev"))
			o.dev = argv[++a];
		else if (OPT("--out"))
			o.out = argv[++a];
		else if (OPT("--card"))
			o.card = argv[++a];
		else if (OPT("--c1"))
			o.c1 = atof(argv[++a]);
		else if (OPT("--c2"))
			o.c2 = atof(argv[++a]);
		else if (OPT("--prune"))
			o.prune = atof(argv[++a]);
		else if (OPT("--iters"))
			o.iters = atoi(argv[++a]);
		else if (OPT("--min-count"))
			o.min_count = atoi(argv[++a]);
		else if (OPT("--threads"))
			o.threads = atoi(argv[++a]);
		else if (OPT("--augment"))
			o.augment = atoi(argv[++a]);
		else if (OPT("--clusters"))
			o.clusters = atoi(argv[++a]);
		else if (OPT("--cluster-sizes"))
		{
			a++;
			if (sscanf(argv[a], "%d,%d", &o.cfine, &o.ccoarse) != 2 ||
				o.cfine < 1 || o.cfine > 65535 || o.ccoarse < 1 || o.ccoarse > 65535)
			{
				fprintf(stderr, "persner train: --cluster-sizes wants FINE,COARSE (1..65535)\n");
				return 2;
			}
		}
		else if (OPT("--flags"))
			o.flags = (uint32_t) strtoul(argv[++a], NULL, 0);
		else
		{
			fprintf(stderr, "persner train: unknown or incomplete option \"%s\"\n", argv[a]);
			return 2;
		}
#undef OPT
	}
	if (o.ntrain == 0)
	{
		snprintf(default_train, sizeof(default_train), "%s/peyma/train.txt", o.corpus_dir);
		o.train[o.ntrain++] = default_train;
	}
	if (o.dev == NULL)
	{
		snprintf(default_dev, sizeof(default_dev), "%s/peyma/dev.txt", o.corpus_dir);
		o.dev = default_dev;
	}
	t0 = now_seconds();

	ngazfiles = (o.flags & PERSNER_FEAT_GAZ) ? build_gazetteers(o.gaz_dir, &gaz) : 0;
	fprintf(stderr, "persner train: %u gazetteer keys from %d files\n", gaz.n, ngazfiles);
	if (o.clusters && (o.flags & PERSNER_FEAT_CLUSTER))
	{
		nclus = build_clusters(o.corpus_dir, &clus, 3, o.cfine, o.ccoarse, &clus_secs);
		fprintf(stderr, "persner train: %d words clustered in %.1fs\n", nclus, clus_secs);
	}
	gaz_tab = keymap_table(&gaz);
	clus_tab = keymap_table(&clus);
	lex.flags = o.flags;
	lex.gaz = &gaz_tab;
	lex.clus = &clus_tab;

	for (a = 0; a < o.ntrain; a++)
	{
		Corpus		c;

		if (corpus_read(o.train[a], &c) != 0)
		{
			fprintf(stderr, "persner train: could not read \"%s\": %s\n", o.train[a], strerror(errno));
			return 1;
		}
		ts_add_corpus(&ts, &c, o.augment, 0, 0);
		corpus_free(&c);
	}
	for (a = 0; a < o.npartial; a++)
	{
		Corpus		c;

		if (corpus_read(o.partial[a], &c) != 0)
		{
			fprintf(stderr, "persner train: could not read \"%s\": %s\n", o.partial[a], strerror(errno));
			return 1;
		}
		ts_add_corpus(&ts, &c, o.augment, 1, o.partial_trust);
		corpus_free(&c);
	}
	fprintf(stderr, "persner train: %zu sentences, %zu tokens (augmented: %s)\n",
			ts.nsent, ts.ntok, o.augment ? "yes" : "no");

	/* attributes: hashes -> dense ids in first-seen order, with counts */
	extract_keys(&ts, &lex, &keys, &koff);
	count = xmalloc(sizeof(uint32_t) * (koff[ts.ntok] + 1));
	for (p = 0; p < koff[ts.ntok]; p++)
	{
		int			created;
		uint32_t   *v = keymap_slot(&attrs, keys[p], &created);

		if (created)
		{
			*v = F;
			count[F++] = 0;
		}
		count[*v]++;
	}
	/* renumber keeping attributes seen min_count times */
	{
		uint32_t   *remap = xmalloc(sizeof(uint32_t) * (F + 1));
		uint32_t	nf = 0;

		for (i = 0; i < F; i++)
			remap[i] = count[i] >= (uint32_t) o.min_count ? nf++ : UINT32_MAX;
		fkeys = xmalloc(sizeof(uint64_t) * (nf + 1));
		for (i = 0; i <= attrs.mask; i++)
			if (attrs.keys[i] != 0)
			{
				uint32_t	r = remap[attrs.vals[i]];

				attrs.vals[i] = r;
				if (r != UINT32_MAX)
					fkeys[r] = attrs.keys[i];
			}
		free(remap);
		F = nf;
	}
	ids = xmalloc(sizeof(uint32_t) * (koff[ts.ntok] + 1));
	attr_off = xmalloc(sizeof(uint32_t) * (ts.ntok + ts.nsent + 1));
	seqs = xmalloc(sizeof(PersnerTrainSeq) * ts.nsent);
	{
		size_t		ao = 0,
					nallowed = 0,
					na = 0;

		for (s = 0; s < ts.nsent; s++)
			if (ts.sent[s].partial)
				nallowed += (size_t) ts.sent[s].T * L;
		allowed = xmalloc(nallowed + 1);

		for (s = 0; s < ts.nsent; s++)
		{
			const Sent *st = &ts.sent[s];
			uint32_t	t;

			seqs[s].T = st->T;
			seqs[s].labels = ts.tag + st->tok0;
			seqs[s].allowed = NULL;
			if (st->partial)
			{
				/* the labels each position may take */
				seqs[s].allowed = allowed + na;
				for (t = 0; t < st->T; t++, na += (size_t) L)
				{
					uint16_t	tag = ts.tag[st->tok0 + t];
					int			k;

					if (tag == TAG_ANY)
						memset(allowed + na, 1, (size_t) L);
					else if (tag == TAG_O_OR_LACKING)
					{
						allowed[na + PERSNER_TAG_O] = 1;
						for (k = 0; k < NTYPES; k++)
							if (st->lack & (1u << k))
								allowed[na + PERSNER_TAG_B(k)] = allowed[na + PERSNER_TAG_I(k)] = 1;
					}
					else
						allowed[na + tag] = 1;
				}
			}
			seqs[s].attr_off = attr_off + ao;
			seqs[s].attrs = ids;
			for (t = 0; t < st->T; t++)
			{
				attr_off[ao++] = (uint32_t) nids;
				for (p = koff[st->tok0 + t]; p < koff[st->tok0 + t + 1]; p++)
				{
					uint32_t	id = keymap_get(&attrs, keys[p]);

					if (id != UINT32_MAX)
						ids[nids++] = id;
				}
			}
			attr_off[ao++] = (uint32_t) nids;
		}
	}
	free(keys);
	free(koff);
	fprintf(stderr, "persner train: %u attributes (min count %d), %zu active\n", F, o.min_count, nids);

	for (a = 0; a < L; a++)
	{
		int			b;

		for (b = 0; b < L; b++)
			trans_ok[a * L + b] = (b == 0 || PERSNER_TAG_IS_B(b) || a == b || a == b - 1);
		start_ok[a] = (a == 0 || PERSNER_TAG_IS_B(a));
	}
	data.nseq = ts.nsent;
	data.seqs = seqs;
	data.F = F;
	data.L = L;
	data.trans_allowed = trans_ok;
	data.start_allowed = start_ok;
	persner_train_defaults(&tp);
	tp.c1 = o.c1;
	tp.c2 = o.c2;
	tp.max_iter = o.iters;
	tp.threads = o.threads;
	tp.progress = progress;
	W = xmalloc(sizeof(float) * (size_t) F * L);
	{
		double		t1 = now_seconds();
		PersnerStatus st = persner_train_crf(&data, &tp, W, trans, start, end, &iterations, &loss);

		if (st != PERSNER_OK)
		{
			fprintf(stderr, "persner train: training failed: %s\n", persner_strerror(st));
			return 1;
		}
		t_train = now_seconds() - t1;
	}
	fprintf(stderr, "persner train: %d iterations, loss %.3f, %.1fs\n", iterations, loss, t_train);

	/*
	 * The bias attribute's weights set how readily the tagger says "entity",
	 * and which type.  CRFs trained on news are cautious (precision well
	 * above recall); shifting the O bias and then each type's B bias by
	 * deltas chosen on the dev split below trades some precision for
	 * recall.  Keep those weights even if they are small.
	 */
	bias_id = keymap_get(&attrs, persner_feat_fixed_key(0));

	for (a = 0; a < L; a++)
		bias_ent[a] = UINT32_MAX;
	/* sparse rows: drop small weights and empty rows */
	row_off = xmalloc(sizeof(uint32_t) * (F + 1));
	ent_label = xmalloc((size_t) F * L);
	ent_w = xmalloc(sizeof(float) * (size_t) F * L);
	for (i = 0; i < F; i++)
	{
		uint32_t	b = nent;
		int			j;

		for (j = 0; j < L; j++)
		{
			float		w = W[(size_t) i * L + j];

			if (i == bias_id)
				bias_ent[j] = nent;
			if (fabsf(w) > o.prune || i == bias_id)
			{
				ent_label[nent] = (uint8_t) j;
				ent_w[nent] = w;
				nent++;
			}
		}
		if (nent > b)
		{
			fkeys[F_kept] = fkeys[i];
			row_off[F_kept] = b;
			F_kept++;
		}
	}
	row_off[F_kept] = nent;
	for (a = 0; a < L * L; a++)
		if (!isfinite(trans[a]))
			trans[a] = -1e4f;	/* the tagger forbids these anyway */
	for (a = 0; a < L; a++)
	{
		if (!isfinite(start[a]))
			start[a] = -1e4f;
		if (!isfinite(end[a]))
			end[a] = -1e4f;
	}

	ngaz = keymap_arrays(&gaz, &gk, &gv);
	nclusk = keymap_arrays(&clus, &ck, &cv);

	/*
	 * Choose the bias shifts on dev: the O delta first, then each type's B
	 * delta in turn (SHIFT_PASSES passes of coordinate ascent), keeping a
	 * change only if it raises dev F1.  Then write the model with the
	 * chosen shifts and their dev F1 in its metadata.
	 */
	for (a = 0; a < L; a++)
		bias_w[a] = bias_ent[a] != UINT32_MAX ? ent_w[bias_ent[a]] : 0;
	have_dev = corpus_read(o.dev, &dev) == 0;
	if (!have_dev)
		fprintf(stderr, "persner train: warning: no dev split \"%s\": no bias shifts\n", o.dev);
	if (o.npartial > 0)
	{
		/* name the partial corpora by their last two path parts, e.g. arman/train.txt */
		size_t		n = (size_t) snprintf(corpus_meta, sizeof(corpus_meta), "%s; partially labelled:",
										  meta_vals[1]);

		for (a = 0; a < o.npartial && n < sizeof(corpus_meta); a++)
		{
			const char *p = o.partial[a] + strlen(o.partial[a]);
			int			slashes = 0;

			while (p > o.partial[a] && !(p[-1] == '/' && ++slashes == 2))
				p--;
			n += (size_t) snprintf(corpus_meta + n, sizeof(corpus_meta) - n, " %s", p);
		}
		meta_vals[1] = corpus_meta;
	}
	memset(&spec, 0, sizeof(spec));
	spec.K = NTYPES;
	spec.types = TYPES;
	spec.nmeta = 6;
	spec.meta_keys = meta_keys;
	spec.meta_vals = meta_vals;
	spec.feat_flags = o.flags;
	spec.F = F_kept;
	spec.feat_keys = fkeys;
	spec.row_off = row_off;
	spec.ent_label = ent_label;
	spec.ent_w = ent_w;
	spec.trans = trans;
	spec.start = start;
	spec.end = end;
	spec.ngaz = ngaz;
	spec.gaz_keys = gk;
	spec.gaz_vals = gv;
	spec.nclus = nclusk;
	spec.clus_keys = ck;
	spec.clus_vals = cv;
	snprintf(settings, sizeof(settings), "-");
	snprintf(f1buf, sizeof(f1buf), "-");
	memset(&ec, 0, sizeof(ec));
	if (have_dev)
	{
		best_f1 = noshift_f1 = score_shifts(&spec, ent_w, bias_ent, bias_w, shift, L, &dev, &ec);
		fprintf(stderr, "persner train: no bias shift: dev F1 %.2f\n", best_f1);
		for (a = 0; a < SHIFT_PASSES * (NTYPES + 1); a++)
		{
			int			lab = a % (NTYPES + 1) == 0 ? PERSNER_TAG_O : PERSNER_TAG_B(a % (NTYPES + 1) - 1),
						d;
			float		keep = shift[lab];

			for (d = 0; d < (lab == PERSNER_TAG_O ? NODELTAS : NBDELTAS); d++)
			{
				EvalCounts	cur;
				double		f1;

				shift[lab] = lab == PERSNER_TAG_O ? -ODELTAS[d] : BDELTAS[d];
				if (shift[lab] == keep)
					continue;
				f1 = score_shifts(&spec, ent_w, bias_ent, bias_w, shift, L, &dev, &cur);
				fprintf(stderr, "persner train: %s bias %+.2f: dev F1 %.2f\n",
						lab == PERSNER_TAG_O ? "O" : TYPES[PERSNER_TAG_TYPE(lab)], shift[lab], f1);
				if (f1 > best_f1 + 1e-9)
				{
					best_f1 = f1;
					keep = shift[lab];
					ec = cur;
				}
			}
			shift[lab] = keep;
		}
		corpus_free(&dev);
	}
	{
		size_t		n,
					tn = 0;
		char		trusted[64] = "-";

		for (a = 0; a < NTYPES && o.npartial > 0; a++)
			if (o.partial_trust & (1u << a))
				tn += (size_t) snprintf(trusted + tn, sizeof(trusted) - tn, "%s%s",
										tn ? "," : "", TYPES[a]);
		n = (size_t) snprintf(settings, sizeof(settings),
							  "c1=%g c2=%g iters=%d (ran %d) min_count=%d prune=%g augment=%d "
							  "partial=%d partial_types=%s flags=0x%x clusters=%d (%d,%d classes) bias shifts:",
							  o.c1, o.c2, o.iters, iterations, o.min_count, o.prune, o.augment,
							  o.npartial, trusted, o.flags, nclus, o.cfine, o.ccoarse);
		for (a = 0; a < L && n < sizeof(settings); a++)
			if (shift[a] != 0)
				n += (size_t) snprintf(settings + n, sizeof(settings) - n, " %s%s %+.1f",
									   a == 0 ? "O" : "B-", a == 0 ? "" : TYPES[PERSNER_TAG_TYPE(a)],
									   shift[a]);
		if (n < sizeof(settings) && settings[n - 1] == ':')
			snprintf(settings + n, sizeof(settings) - n, " none");
	}
	snprintf(f1buf, sizeof(f1buf), "%.2f", best_f1);
	apply_shifts(ent_w, bias_ent, bias_w, shift, L);
	persner_free(img);
	img = NULL;
	if ((st = persner_model_write(&spec, &img, &imglen)) != PERSNER_OK)
	{
		fprintf(stderr, "persner train: could not build the model: %s\n", persner_strerror(st));
		return 1;
	}
	if (write_file(o.out, img, imglen) != 0)
		return 1;
	fprintf(stderr, "persner train: wrote %s (%zu bytes, %u attributes, %u weights), dev F1 %.2f\n",
			o.out, imglen, F_kept, nent, best_f1);
	eval_print(&ec, stderr);

	if (o.card)
	{
		FILE	   *f = fopen(o.card, "w");
		int			k;

		if (f == NULL)
		{
			fprintf(stderr, "persner: could not write \"%s\": %s\n", o.card, strerror(errno));
			return 1;
		}
		fprintf(f, "# Model card: peyma\n\n");
		fprintf(f, "`%s` is a linear-chain CRF for Persian named entities, trained by "
				"`make model` (`bin/persner train`) with persner %s.\n\n", o.out, PERSNER_VERSION);
		fprintf(f, "## Data and licence\n\n");
		fprintf(f, "- Labelled: the PEYMA training split (Shahshahani et al. 2018, \"PEYMA: A Tagged "
				"Corpus for Persian Named Entities\"), %zu sentences and %zu tokens after ZWNJ "
				"augmentation%s. PEYMA is released for research use, and this model inherits that "
				"restriction: use it for research.\n", ts.nsent, ts.ntok,
				o.npartial > 0 ? " (with the partially labelled corpus below)" : "");
		if (o.npartial > 0)
			fprintf(f, "- Partially labelled: ArmanPersoNERCorpus (Poostchi et al. 2016, 2018), also "
					"released for research use. It names people, places and organizations but no dates, "
					"times, money or percentages, and draws the line between places and organizations "
					"otherwise than PEYMA, so the trainer reads it as label sets: a word inside a mention "
					"of a trusted type (`--partial-types`, see the settings) has that label; a word "
					"outside every mention may take any label but the trusted types; a word inside a "
					"mention of another type may take any label.\n");
		fprintf(f, "- Labels: %s (PEYMA's scheme), BIO-encoded.\n", "PER, LOC, ORG, DAT, TIM, MON, PCT");
		fprintf(f, "- Gazetteers compiled into the model (%u keys): person names, countries, "
				"cities and divisions of Iran, universities, banks, calendar terms, currencies, "
				"percent words (the lists in the project's shared gazetteer folder; licences in its README).\n", ngaz);
		fprintf(f, "- Word clusters (%d words, %d and %d classes, exchange algorithm) learned from "
				"the unlabelled Persian news text in the shared corpora folder.\n\n", nclus,
				o.cfine, o.ccoarse);
		fprintf(f, "## Settings\n\n`%s`\n\n", settings);
		fprintf(f, "Model selection used the PEYMA dev split only. The bias shifts were chosen "
				"on it too, so the dev scores below flatter the model: without the shifts it scores "
				"%.2f.\n\n", noshift_f1);
		fprintf(f, "## Size and training time\n\n%zu bytes, %u attributes with %u nonzero weights. "
				"Training took %.0f s on this project's 2-core build machine "
				"(%.0f s for the CRF, %.0f s for the word clusters).\n\n", imglen, F_kept, nent,
				now_seconds() - t0, t_train, clus_secs);
		fprintf(f, "## Dev scores\n\nEntity-level (CoNLL) on the PEYMA dev split, from "
				"`bin/persner eval --model %s ../shared/corpora/peyma/dev.txt`:\n\n", o.out);
		fprintf(f, "| label | precision | recall | F1 | gold |\n|---|---:|---:|---:|---:|\n");
		for (k = 0; k < ec.ntypes; k++)
		{
			double		pp,
						rr,
						ff = eval_f1(&ec, k, &pp, &rr);

			fprintf(f, "| %s | %.2f | %.2f | %.2f | %ld |\n", ec.names[k], pp, rr, ff, ec.ngold[k]);
		}
		{
			double		pp,
						rr,
						ff = eval_f1(&ec, -1, &pp, &rr);
			long		ng = 0;

			for (k = 0; k < ec.ntypes; k++)
				ng += ec.ngold[k];
			fprintf(f, "| **overall** | **%.2f** | **%.2f** | **%.2f** | %ld |\n", pp, rr, ff, ng);
		}
		fclose(f);
	}

	persner_free(img);
	free(W);
	free(row_off);
	free(ent_label);
	free(ent_w);
	free(fkeys);
	free(ids);
	free(attr_off);
	free(allowed);
	free(seqs);
	free(count);
	free(gk);
	free(gv);
	free(ck);
	free(cv);
	keymap_free(&gaz);
	keymap_free(&clus);
	keymap_free(&attrs);
	ts_free(&ts);
	return 0;
}
