/*
 * dataset.c - corpora into normalized, tagged training sentences
 */
#include "dataset.h"
#include "labels.h"

#include <string.h>

#define MAX_AUG_TOKEN 1024		/* a longer token is cut in the variant sentence */

/* the model index of a corpus type, or -1 (unknown, or not among the model's K) */
static int
type_of(const PersnerDataset *ds, const char *type)
{
	int			k = type ? persner_type_index(type, strlen(type)) : -1;

	return k < ds->K ? k : -1;
}

/* the index in ds->sets of the set for type src of this corpus, or -1 */
static int
set_of(const PersnerDataset *ds, int first, const char *src)
{
	int			i;

	if (src == NULL)
		return -1;
	for (i = first; i < ds->nsets; i++)
		if (strcmp(ds->sets[i].src, src) == 0)
			return i;
	return -1;
}

static int
has_zwnj(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (persner_is_zwnj(s + i, n - i))
			return 1;
	return 0;
}

static PersnerStatus
add_token(PersnerDataset *ds, const char *s, size_t n, uint16_t tag)
{
	if (ds->ntok + 1 > ds->tok_cap)
	{
		size_t		cap = ds->tok_cap ? 2 * ds->tok_cap : 1 << 16;
		size_t	   *off = persner_realloc(ds->off, ds->tok_cap * sizeof(size_t), cap * sizeof(size_t));
		size_t	   *len;
		uint16_t   *tg;

		if (off == NULL)
			return PERSNER_ENOMEM;
		ds->off = off;
		len = persner_realloc(ds->len, ds->tok_cap * sizeof(size_t), cap * sizeof(size_t));
		if (len == NULL)
			return PERSNER_ENOMEM;
		ds->len = len;
		tg = persner_realloc(ds->tag, ds->tok_cap * sizeof(uint16_t), cap * sizeof(uint16_t));
		if (tg == NULL)
			return PERSNER_ENOMEM;
		ds->tag = tg;
		ds->tok_cap = cap;
	}
	if (ds->text_len + n + 1 > ds->text_cap)
	{
		size_t		cap = 2 * (ds->text_len + n + 1) + (1 << 20);
		char	   *text = persner_realloc(ds->text, ds->text_cap, cap);

		if (text == NULL)
			return PERSNER_ENOMEM;
		ds->text = text;
		ds->text_cap = cap;
	}
	memcpy(ds->text + ds->text_len, s, n);
	ds->off[ds->ntok] = ds->text_len;
	ds->len[ds->ntok] = n;
	ds->tag[ds->ntok] = tag;
	ds->text_len += n;
	ds->text[ds->text_len++] = '\0';
	ds->ntok++;
	return PERSNER_OK;
}

/*
 * In BIOES, the fixed tags of the sentence at tok0 as BIOES: each
 * mention's last word E-, a one-word mention S-.  The tags come as B- and
 * I- (tag_of), or as a variant's copy of a sentence already marked, whose
 * split words may follow an E- or S- with I-: so back to B- and I- first.
 */
static void
mark_ends(PersnerDataset *ds, size_t tok0)
{
	const int	W = PERSNER_BIOES;
	size_t		t;

	for (t = tok0; t < ds->ntok; t++)
		if (ds->tag[t] != PERSNER_TAG_O && !PERSNER_TAG_IS_PARTIAL(ds->tag[t]))
			ds->tag[t] = (uint16_t) (PERSNER_TAG_IS_B(W, ds->tag[t]) ?
									 PERSNER_TAG_B(W, PERSNER_TAG_TYPE(W, ds->tag[t])) :
									 PERSNER_TAG_I(W, PERSNER_TAG_TYPE(W, ds->tag[t])));
	for (t = tok0; t < ds->ntok; t++)
	{
		uint16_t	g = ds->tag[t];
		int			k;

		if (g == PERSNER_TAG_O || PERSNER_TAG_IS_PARTIAL(g))
			continue;
		k = PERSNER_TAG_TYPE(W, g);
		if (t + 1 < ds->ntok && ds->tag[t + 1] == PERSNER_TAG_I(W, k))
			continue;
		ds->tag[t] = (uint16_t) (g == PERSNER_TAG_B(W, k) ? PERSNER_TAG_S(W, k) : PERSNER_TAG_E(W, k));
	}
}

static PersnerStatus
end_sentence(PersnerDataset *ds, size_t tok0, int partial, uint32_t lack)
{
	if (ds->ntok == tok0)
		return PERSNER_OK;
	if (ds->W == PERSNER_BIOES)
		mark_ends(ds, tok0);
	if (ds->nsent + 1 > ds->sent_cap)
	{
		size_t		cap = ds->sent_cap ? 2 * ds->sent_cap : 1 << 12;
		PersnerDataSent *s = persner_realloc(ds->sent, ds->sent_cap * sizeof(PersnerDataSent),
											 cap * sizeof(PersnerDataSent));

		if (s == NULL)
			return PERSNER_ENOMEM;
		ds->sent = s;
		ds->sent_cap = cap;
	}
	ds->sent[ds->nsent].tok0 = tok0;
	ds->sent[ds->nsent].T = (uint32_t) (ds->ntok - tok0);
	ds->sent[ds->nsent].partial = partial;
	ds->sent[ds->nsent].lack = lack;
	ds->nsent++;
	return PERSNER_OK;
}

/* the token written joined, without its ZWNJs */
static PersnerStatus
add_joined(PersnerDataset *ds, const char *src, size_t n, uint16_t tag)
{
	char		out[MAX_AUG_TOKEN];
	size_t		m = 0,
				j;

	for (j = 0; j < n; j++)
	{
		if (persner_is_zwnj(src + j, n - j))
		{
			j += PERSNER_ZWNJ_LEN - 1;
			continue;
		}
		out[m++] = src[j];
	}
	return add_token(ds, out, m, tag);
}

/* the token split at its ZWNJs; an entity continues as I- */
static PersnerStatus
add_split(PersnerDataset *ds, const char *src, size_t n, uint16_t tag)
{
	size_t		start = 0,
				j;
	int			first = 1;

	for (j = 0; j <= n; j++)
	{
		if (j == n || persner_is_zwnj(src + j, n - j))
		{
			uint16_t	tg = tag;

			if (!first && tag != PERSNER_TAG_O && !PERSNER_TAG_IS_PARTIAL(tag))
				tg = (uint16_t) PERSNER_TAG_I(ds->W, PERSNER_TAG_TYPE(ds->W, tag));
			else if (!first && PERSNER_TAG_IS_SET(tag))
				tg = (uint16_t) PERSNER_TAG_SET_I(PERSNER_TAG_SET_INDEX(tag));
			if (j > start && add_token(ds, src + start, j - start, tg) != PERSNER_OK)
				return PERSNER_ENOMEM;
			first = 0;
			if (j < n)
			{
				j += PERSNER_ZWNJ_LEN - 1;
				start = j + 1;
			}
		}
	}
	return PERSNER_OK;
}

/* the variant of the last sentence added (its n tokens end at ds->ntok) */
static PersnerStatus
add_variant(PersnerDataset *ds, size_t n, unsigned *flip)
{
	size_t		tok0 = ds->ntok,
				i;

	for (i = tok0 - n; i < tok0; i++)
	{
		char		tokb[MAX_AUG_TOKEN];
		size_t		len = ds->len[i];
		uint16_t	tag = ds->tag[i];
		PersnerStatus st;

		if (len >= sizeof(tokb))
			len = sizeof(tokb) - 1;
		memcpy(tokb, ds->text + ds->off[i], len);
		if (!has_zwnj(tokb, len))
			st = add_token(ds, tokb, len, tag);
		else if (((*flip)++ & 1) == 0)
			st = add_joined(ds, tokb, len, tag);
		else
			st = add_split(ds, tokb, len, tag);
		if (st != PERSNER_OK)
			return st;
	}
	return PERSNER_OK;
}

/*
 * How a corpus is read (persner_dataset_add): partial, the types trusted,
 * whether its sentences are label sets, the first of its sets in ds->sets.
 */
typedef struct ReadAs
{
	int			partial;
	uint32_t	trust;
	int			labelsets;
	int			set0;
} ReadAs;

/* the tag of token i of c, whose sentence starts at b (prev: the tag before it, partial tags as O) */
static uint16_t
tag_of(const PersnerDataset *ds, const PersnerCorpus *c, size_t b, size_t i, int prev,
	   const ReadAs *r)
{
	int			k = type_of(ds, c->type[i]),
				si = set_of(ds, r->set0, c->type[i]);

	if (c->bio[i] == PERSNER_CORPUS_UNKNOWN)
		return PERSNER_TAG_ANY;
	if (si >= 0)
		return (uint16_t) ((c->bio[i] == 'B' || i == b || c->type[i - 1] == NULL ||
							strcmp(c->type[i - 1], c->type[i]) != 0) ?
						   PERSNER_TAG_SET_B(si) : PERSNER_TAG_SET_I(si));
	if ((r->partial && (k < 0 || !(r->trust & (1u << k)))) || (k < 0 && r->labelsets))
		return c->type[i] ? PERSNER_TAG_ANY : PERSNER_TAG_O_OR_LACKING;
	if (k < 0)
		return PERSNER_TAG_O;
	if (c->bio[i] == 'B' || prev == 0 || PERSNER_TAG_TYPE(ds->W, prev) != k)
		return (uint16_t) PERSNER_TAG_B(ds->W, k);
	return (uint16_t) PERSNER_TAG_I(ds->W, k);
}

PersnerStatus
persner_dataset_add(PersnerDataset *ds, const PersnerCorpus *c, int augment,
					int partial, uint32_t trust, const PersnerTypeSet *sets, int nsets)
{
	uint32_t	all,
				lack;
	PersnerNormBuf nb = {0};
	PersnerStatus st = PERSNER_OK;
	size_t		s;
	unsigned	flip = 0;
	ReadAs		r;

	if (ds->K <= 0 || ds->K > PERSNER_NTYPES)
		ds->K = PERSNER_NTYPES_PEYMA;
	ds->W = PERSNER_SCHEME(ds->W);
	all = (1u << ds->K) - 1;
	if (nsets < 0 || ds->nsets + nsets > PERSNER_DATASET_MAX_SETS)
		return PERSNER_ELIMIT;
	r.set0 = ds->nsets;
	for (s = 0; s < (size_t) nsets; s++)
		ds->sets[ds->nsets++] = sets[s];

	/*
	 * What its O may be besides O: the model's types it never names, and
	 * in a partial corpus the types it is not trusted for.
	 */
	lack = all;
	for (s = 0; s < c->ntok; s++)
		if (type_of(ds, c->type[s]) >= 0)
			lack &= ~(1u << type_of(ds, c->type[s]));
	if (partial)
		lack |= all & ~trust;	/* its O does not rule these out */
	r.partial = partial;
	r.trust = trust;
	r.labelsets = partial || lack != 0 || nsets > 0;

	for (s = 0; s < c->nsent && st == PERSNER_OK; s++)
	{
		size_t		b = c->sent[s],
					e = c->sent[s + 1],
					i,
					tok0 = ds->ntok;
		int			any_zwnj = 0,
					any_unknown = 0,
					prev = 0;

		for (i = b; i < e && st == PERSNER_OK; i++)
		{
			uint16_t	tag = tag_of(ds, c, b, i, prev, &r);

			any_unknown |= tag == PERSNER_TAG_ANY;
			prev = PERSNER_TAG_IS_PARTIAL(tag) ? PERSNER_TAG_O : tag;
			st = persner_normalize(c->tok[i], c->toklen[i], PERSNER_NORM_SPACE_AS_ZWNJ, &nb);
			if (st == PERSNER_ENOMEM)
				break;
			if (st != PERSNER_OK)
				nb.len = 0;		/* invalid UTF-8: an empty token */
			if (has_zwnj(nb.text, nb.len))
				any_zwnj = 1;
			st = add_token(ds, nb.text, nb.len, tag);
		}
		/* a sentence with an unknown label is read as label sets, alone in its corpus */
		if (st == PERSNER_OK)
			st = end_sentence(ds, tok0, r.labelsets || any_unknown, lack);
		if (st != PERSNER_OK || !augment || !any_zwnj)
			continue;
		tok0 = ds->ntok;
		st = add_variant(ds, e - b, &flip);
		if (st == PERSNER_OK)
			st = end_sentence(ds, tok0, r.labelsets || any_unknown, lack);
	}
	persner_normbuf_free(&nb);
	return st;
}

void
persner_dataset_allowed(const PersnerDataset *ds, size_t s, uint8_t *out)
{
	const PersnerDataSent *st = &ds->sent[s];
	const int	W = ds->W,
				L = PERSNER_L_OF(W, ds->K);
	uint32_t	t;

	memset(out, 0, (size_t) st->T * L);
	for (t = 0; t < st->T; t++, out += L)
	{
		uint16_t	tag = ds->tag[st->tok0 + t];
		int			k;

		if (tag == PERSNER_TAG_ANY)
			memset(out, 1, (size_t) L);
		else if (PERSNER_TAG_IS_SET(tag))
		{
			/* the mention's words are known, its type is one of the set's */
			int			si = PERSNER_TAG_SET_INDEX(tag),
						more = t + 1 < st->T && ds->tag[st->tok0 + t + 1] == PERSNER_TAG_SET_I(si);

			for (k = 0; k < ds->K; k++)
				if (ds->sets[si].mask & (1u << k))
					out[tag == PERSNER_TAG_SET_B(si) ?
						(more ? PERSNER_TAG_B(W, k) : PERSNER_TAG_S(W, k)) :
						(more ? PERSNER_TAG_I(W, k) : PERSNER_TAG_E(W, k))] = 1;
		}
		else if (tag == PERSNER_TAG_O_OR_LACKING)
		{
			out[PERSNER_TAG_O] = 1;
			for (k = 0; k < ds->K; k++)
				if (st->lack & (1u << k))
					out[PERSNER_TAG_B(W, k)] = out[PERSNER_TAG_I(W, k)] =
						out[PERSNER_TAG_E(W, k)] = out[PERSNER_TAG_S(W, k)] = 1;
		}
		else
			out[tag] = 1;
	}
}

void
persner_dataset_free(PersnerDataset *ds)
{
	void	   *blocks[] = {ds->text, ds->off, ds->len, ds->tag, ds->sent};

	persner_free_all(blocks, sizeof(blocks) / sizeof(blocks[0]));
	memset(ds, 0, sizeof(*ds));
}
