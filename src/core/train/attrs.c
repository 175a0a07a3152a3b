/*
 * attrs.c - attribute ids per position, with min-count, for the trainer
 */
#include "attrs.h"

#include <string.h>

/*
 * The attribute hashes of every position: keys of token i are
 * keys[koff[i] .. koff[i + 1]).
 */
static PersnerStatus
extract_keys(const PersnerDataset *ds, const PersnerFeatLex *lex, uint64_t **keys_out,
			 size_t **koff_out)
{
	size_t		cap = ds->ntok * 40 + 1024,
				n = 0,
				tcap = 0,
				s;
	uint64_t   *keys = persner_alloc(sizeof(uint64_t) * cap);
	size_t	   *koff = persner_alloc(sizeof(size_t) * (ds->ntok + 1));
	const char **tok = NULL;
	uint64_t   *ident = NULL;
	uint8_t    *zw = NULL;
	uint32_t   *gb = NULL,
			   *gi = NULL,
			   *cls = NULL;
	PersnerStatus st = keys && koff ? PERSNER_OK : PERSNER_ENOMEM;

	for (s = 0; s < ds->nsent && st == PERSNER_OK; s++)
	{
		const PersnerDataSent *sn = &ds->sent[s];
		PersnerFeatSent fs;
		int			T = (int) sn->T,
					t;

		if ((size_t) T > tcap)
		{
			persner_free(tok);
			persner_free(ident);
			persner_free(zw);
			persner_free(gb);
			persner_free(gi);
			persner_free(cls);
			tcap = 2 * (size_t) T;
			tok = persner_alloc(sizeof(char *) * tcap);
			ident = persner_alloc(sizeof(uint64_t) * tcap);
			zw = persner_alloc(tcap);
			gb = persner_alloc(sizeof(uint32_t) * tcap);
			gi = persner_alloc(sizeof(uint32_t) * tcap);
			cls = persner_alloc(sizeof(uint32_t) * tcap);
			if (!tok || !ident || !zw || !gb || !gi || !cls)
			{
				st = PERSNER_ENOMEM;
				break;
			}
		}
		for (t = 0; t < T; t++)
			tok[t] = ds->text + ds->off[sn->tok0 + t];
		fs.T = T;
		fs.tok = tok;
		fs.len = ds->len + sn->tok0;
		fs.ident = ident;
		fs.zwnj = zw;
		fs.gazB = gb;
		fs.gazI = gi;
		fs.cls = cls;
		persner_feat_prepare(lex, &fs);
		for (t = 0; t < T; t++)
		{
			if (n + PERSNER_MAX_POS_ATTRS > cap)
			{
				uint64_t   *k2 = persner_realloc(keys, sizeof(uint64_t) * cap,
												 sizeof(uint64_t) * cap * 2);

				if (k2 == NULL)
				{
					st = PERSNER_ENOMEM;
					break;
				}
				keys = k2;
				cap *= 2;
			}
			koff[sn->tok0 + t] = n;
			n += (size_t) persner_feat_position(lex, &fs, t, keys + n);
		}
	}
	if (st == PERSNER_OK)
		koff[ds->ntok] = n;
	persner_free(tok);
	persner_free(ident);
	persner_free(zw);
	persner_free(gb);
	persner_free(gi);
	persner_free(cls);
	if (st != PERSNER_OK)
	{
		persner_free(keys);
		persner_free(koff);
		keys = NULL;
		koff = NULL;
	}
	*keys_out = keys;
	*koff_out = koff;
	return st;
}

/* hashes -> dense ids in first-seen order; then keep those seen min_count times */
static PersnerStatus
number_attrs(PersnerAttrs *a, const uint64_t *keys, size_t nkeys, int min_count)
{
	uint32_t   *count = persner_calloc(nkeys + 1, sizeof(uint32_t));
	uint32_t   *remap = NULL;
	uint32_t	F = 0,
				nf = 0,
				i;
	size_t		p;

	if (count == NULL)
		return PERSNER_ENOMEM;
	for (p = 0; p < nkeys; p++)
	{
		int			created;
		uint32_t   *v;

		if (persner_keymap_slot(&a->ids, keys[p], &v, &created) != PERSNER_OK)
		{
			persner_free(count);
			return PERSNER_ENOMEM;
		}
		if (created)
		{
			*v = F;
			count[F++] = 0;
		}
		count[*v]++;
	}
	remap = persner_calloc((size_t) F + 1, sizeof(uint32_t));
	if (remap == NULL)
	{
		persner_free(count);
		return PERSNER_ENOMEM;
	}
	for (i = 0; i < F; i++)
		remap[i] = count[i] >= (uint32_t) min_count ? nf++ : PERSNER_TABLE_MISS;
	a->keys = persner_calloc((size_t) nf + 1, sizeof(uint64_t));
	if (a->keys == NULL)
	{
		persner_free(count);
		persner_free(remap);
		return PERSNER_ENOMEM;
	}
	for (i = 0; a->ids.keys && i <= a->ids.mask; i++)
		if (a->ids.keys[i] != 0)
		{
			uint32_t	r = remap[a->ids.vals[i]];

			a->ids.vals[i] = r;
			if (r != PERSNER_TABLE_MISS)
				a->keys[r] = a->ids.keys[i];
		}
	a->F = nf;
	persner_free(count);
	persner_free(remap);
	return PERSNER_OK;
}

/* the sequences: kept ids per position, label sets of partial sentences */
static PersnerStatus
make_seqs(PersnerAttrs *a, const PersnerDataset *ds, const uint64_t *keys,
		  const size_t *koff)
{
	const int	L = PERSNER_L_OF(PERSNER_SCHEME(ds->W), ds->K);
	size_t		ao = 0,
				nallowed = 0,
				na = 0,
				s;

	if (koff[ds->ntok] >= UINT32_MAX)
		return PERSNER_ELIMIT;
	for (s = 0; s < ds->nsent; s++)
		if (ds->sent[s].partial)
			nallowed += (size_t) ds->sent[s].T * L;
	a->attrs = persner_calloc(koff[ds->ntok] + 1, sizeof(uint32_t));
	a->attr_off = persner_calloc(ds->ntok + ds->nsent + 1, sizeof(uint32_t));
	a->seqs = persner_calloc(ds->nsent + 1, sizeof(PersnerTrainSeq));
	a->allowed = persner_calloc(nallowed + 1, 1);
	if (!a->attrs || !a->attr_off || !a->seqs || !a->allowed)
		return PERSNER_ENOMEM;

	for (s = 0; s < ds->nsent; s++)
	{
		const PersnerDataSent *sn = &ds->sent[s];
		PersnerTrainSeq *q = &a->seqs[s];
		uint32_t	t;

		q->T = sn->T;
		q->labels = ds->tag + sn->tok0;
		q->allowed = NULL;
		if (sn->partial)
		{
			q->allowed = a->allowed + na;
			persner_dataset_allowed(ds, s, a->allowed + na);
			na += (size_t) sn->T * L;
		}
		q->attr_off = a->attr_off + ao;
		q->attrs = a->attrs;
		for (t = 0; t < sn->T; t++)
		{
			size_t		p;

			a->attr_off[ao++] = (uint32_t) a->nactive;
			for (p = koff[sn->tok0 + t]; p < koff[sn->tok0 + t + 1]; p++)
			{
				uint32_t	id = persner_keymap_get(&a->ids, keys[p]);

				if (id != PERSNER_TABLE_MISS)
					a->attrs[a->nactive++] = id;
			}
		}
		a->attr_off[ao++] = (uint32_t) a->nactive;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_attrs_build(const PersnerDataset *ds, const PersnerFeatLex *lex, int min_count,
					PersnerAttrs *out)
{
	const int	L = PERSNER_L_OF(PERSNER_SCHEME(ds->W), ds->K);
	uint64_t   *keys;
	size_t	   *koff;
	PersnerStatus st;
	int			i,
				j;

	memset(out, 0, sizeof(*out));
	st = extract_keys(ds, lex, &keys, &koff);
	if (st != PERSNER_OK)
		return st;
	st = number_attrs(out, keys, koff[ds->ntok], min_count);
	if (st == PERSNER_OK)
		st = make_seqs(out, ds, keys, koff);
	persner_free(keys);
	persner_free(koff);
	if (st != PERSNER_OK)
		return st;

	for (i = 0; i < L; i++)
	{
		for (j = 0; j < L; j++)
			out->trans_ok[i * L + j] = PERSNER_TAG_CAN_FOLLOW(PERSNER_SCHEME(ds->W), i, j);
		out->start_ok[i] = PERSNER_TAG_CAN_START(PERSNER_SCHEME(ds->W), i);
		out->end_ok[i] = PERSNER_TAG_CAN_END(PERSNER_SCHEME(ds->W), i);
	}
	out->K = ds->K;
	out->scheme = PERSNER_SCHEME(ds->W);
	out->data.nseq = ds->nsent;
	out->data.seqs = out->seqs;
	out->data.F = out->F;
	out->data.L = L;
	out->data.trans_allowed = out->trans_ok;
	out->data.start_allowed = out->start_ok;
	out->data.end_allowed = out->end_ok;
	return PERSNER_OK;
}

void
persner_attrs_free(PersnerAttrs *a)
{
	void	   *blocks[] = {a->keys, a->seqs, a->attr_off, a->attrs, a->allowed};

	persner_keymap_free(&a->ids);
	persner_free_all(blocks, sizeof(blocks) / sizeof(blocks[0]));
	memset(a, 0, sizeof(*a));
}
