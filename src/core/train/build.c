/*
 * build.c - from fitted weights to model bytes (see build.h)
 */
#include "build.h"
#include "docmem.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* bias shifts tried on the dev split: O lowered, then each B raised or lowered */
static const float ODELTAS[] = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
static const float BDELTAS[] = {-0.3f, -0.2f, -0.1f, 0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
#define SHIFT_PASSES 2
/*
 * document bonuses tried on the dev split, in hundredths (docmem.h); one is
 * kept only if it gains DOC_MIN_GAIN points of F1 over the shifts alone:
 * less is noise on PEYMA dev's 1,959 entities, and the memory costs time
 */
static const int DOC_BONUSES[] = {50, 100, 150, 200, 300};
#define DOC_MIN_GAIN 0.1
#define NODELTAS ((int) (sizeof(ODELTAS) / sizeof(ODELTAS[0])))
#define NBDELTAS ((int) (sizeof(BDELTAS) / sizeof(BDELTAS[0])))

#define FORBIDDEN_WEIGHT (-1e4f)	/* stands for -INFINITY in the file */

PersnerStatus
persner_build_fit(PersnerBuild *b, const PersnerAttrs *a, const PersnerTrainParams *p)
{
	const int	L = a->data.L;

	memset(b, 0, sizeof(*b));
	b->K = a->K;
	b->scheme = a->scheme;
	b->W = persner_calloc((size_t) a->F * L + 1, sizeof(float));
	if (b->W == NULL)
		return PERSNER_ENOMEM;
	return persner_train_crf(&a->data, p, b->W, b->trans, b->start, b->end,
							 &b->iterations, &b->loss);
}

PersnerStatus
persner_build_prune(PersnerBuild *b, const PersnerAttrs *a, double prune)
{
	const int	L = PERSNER_L_OF(PERSNER_SCHEME(b->scheme), b->K);
	/* the bias: kept whole, even its small weights, for the shifts */
	uint32_t	bias_id = persner_keymap_get(&a->ids, persner_feat_fixed_key(0));
	uint32_t	i;
	int			j;

	b->keys = persner_calloc((size_t) a->F + 1, sizeof(uint64_t));
	b->row_off = persner_calloc((size_t) a->F + 1, sizeof(uint32_t));
	b->ent_label = persner_calloc((size_t) a->F * L + 1, 1);
	b->ent_w = persner_calloc((size_t) a->F * L + 1, sizeof(float));
	if (!b->keys || !b->row_off || !b->ent_label || !b->ent_w)
		return PERSNER_ENOMEM;
	for (j = 0; j < L; j++)
		b->bias_ent[j] = UINT32_MAX;
	for (i = 0; i < a->F; i++)
	{
		uint32_t	first = b->nent;

		for (j = 0; j < L; j++)
		{
			float		w = b->W[(size_t) i * L + j];

			if (i == bias_id)
				b->bias_ent[j] = b->nent;
			if (fabsf(w) > prune || i == bias_id)
			{
				b->ent_label[b->nent] = (uint8_t) j;
				b->ent_w[b->nent] = w;
				b->nent++;
			}
		}
		if (b->nent > first)
		{
			b->keys[b->F] = a->keys[i];
			b->row_off[b->F] = first;
			b->F++;
		}
	}
	b->row_off[b->F] = b->nent;
	for (j = 0; j < L * L; j++)
		if (!isfinite(b->trans[j]))
			b->trans[j] = FORBIDDEN_WEIGHT;
	for (j = 0; j < L; j++)
	{
		if (!isfinite(b->start[j]))
			b->start[j] = FORBIDDEN_WEIGHT;
		if (!isfinite(b->end[j]))
			b->end[j] = FORBIDDEN_WEIGHT;
		b->bias_w[j] = b->bias_ent[j] != UINT32_MAX ? b->ent_w[b->bias_ent[j]] : 0;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_build_lexicon(PersnerBuild *b, const PersnerLexicon *lx, uint32_t feat_flags)
{
	b->feat_flags = feat_flags;
	b->ngaz = lx->gaz.n;
	b->nclus = lx->clus.n;
	if (persner_keymap_arrays(&lx->gaz, &b->gaz_keys, &b->gaz_vals) != PERSNER_OK ||
		persner_keymap_arrays(&lx->clus, &b->clus_keys, &b->clus_vals) != PERSNER_OK)
		return PERSNER_ENOMEM;
	return PERSNER_OK;
}

/*
 * The tag whose shift tag j takes: a type's shift moves the first word of
 * its mentions, B- (and in BIOES S-, the one-word mention, with it)
 */
static int
first_tag(int w, int j)
{
	return j > 0 && PERSNER_TAG_IS_B(w, j) ? PERSNER_TAG_B(w, PERSNER_TAG_TYPE(w, j)) : j;
}

/* the bias weights as trained, plus the shifts */
static void
apply_shifts(PersnerBuild *b)
{
	int			j;

	for (j = 0; j < PERSNER_L_OF(PERSNER_SCHEME(b->scheme), b->K); j++)
		if (b->bias_ent[j] != UINT32_MAX)
			b->ent_w[b->bias_ent[j]] = b->bias_w[j] + b->shift[first_tag(PERSNER_SCHEME(b->scheme), j)];
}

PersnerStatus
persner_build_write(PersnerBuild *b, int nmeta, const char *const *meta_keys,
					const char *const *meta_vals, uint8_t **img, size_t *len)
{
	PersnerModelSpec spec;
	const char *keys[PERSNER_BUILD_MAX_META + 1],
			   *vals[PERSNER_BUILD_MAX_META + 1];
	char		bonus[16];

	if (nmeta < 0 || nmeta > PERSNER_BUILD_MAX_META)
		return PERSNER_ELIMIT;
	memcpy(keys, meta_keys, sizeof(*keys) * (size_t) nmeta);
	memcpy(vals, meta_vals, sizeof(*vals) * (size_t) nmeta);
	if (b->doc_bonus > 0)
	{
		snprintf(bonus, sizeof(bonus), "%d", b->doc_bonus);
		keys[nmeta] = PERSNER_DOCMEM_META;
		vals[nmeta++] = bonus;
	}
	apply_shifts(b);
	memset(&spec, 0, sizeof(spec));
	spec.K = b->K;
	spec.scheme = PERSNER_SCHEME(b->scheme);
	spec.types = persner_type_names;
	spec.nmeta = nmeta;
	spec.meta_keys = keys;
	spec.meta_vals = vals;
	spec.feat_flags = b->feat_flags;
	spec.F = b->F;
	spec.feat_keys = b->keys;
	spec.row_off = b->row_off;
	spec.ent_label = b->ent_label;
	spec.ent_w = b->ent_w;
	spec.trans = b->trans;
	spec.start = b->start;
	spec.end = b->end;
	spec.ngaz = b->ngaz;
	spec.gaz_keys = b->gaz_keys;
	spec.gaz_vals = b->gaz_vals;
	spec.nclus = b->nclus;
	spec.clus_keys = b->clus_keys;
	spec.clus_vals = b->clus_vals;
	return persner_model_write(&spec, img, len);
}

PersnerStatus
persner_build_score(PersnerBuild *b, const PersnerCorpus *dev, int ndev, PersnerEval *ec,
					double *f1)
{
	static const char *const keys[] = {"name"};
	static const char *const vals[] = {"bias candidate"};
	uint8_t    *img = NULL;
	size_t		len = 0;
	PersnerModel *m;
	const char *detail;
	PersnerStatus st;
	int			d;

	*f1 = -1;
	for (d = 0; d < ndev; d++)
		persner_eval_reset(&ec[d]);
	st = persner_build_write(b, 1, keys, vals, &img, &len);
	if (st == PERSNER_OK && persner_model_open(img, len, &m, &detail) == PERSNER_OK)
	{
		*f1 = 0;
		for (d = 0; d < ndev && st == PERSNER_OK; d++)
		{
			st = persner_eval_corpus(&ec[d], m, &dev[d]);
			*f1 += persner_eval_f1(&ec[d], -1, NULL, NULL) / ndev;
		}
		persner_model_close(m);
	}
	persner_free(img);
	return st == PERSNER_ENOMEM ? st : PERSNER_OK;
}

PersnerStatus
persner_build_select_bias(PersnerBuild *b, const PersnerCorpus *dev, int ndev,
						  PersnerBiasReport report, void *arg, double *noshift_f1,
						  double *noshift_each, double *best_f1, PersnerEval *ec)
{
	const int	K = b->K;
	PersnerEval cur[PERSNER_BUILD_MAX_DEV];
	int			a,
				keep_bonus;
	double		shifts_f1;
	PersnerStatus st;

	if (ndev < 1 || ndev > PERSNER_BUILD_MAX_DEV)
		return PERSNER_ELIMIT;
	memset(b->shift, 0, sizeof(b->shift));
	b->doc_bonus = 0;
	if ((st = persner_build_score(b, dev, ndev, ec, best_f1)) != PERSNER_OK)
		return st;
	*noshift_f1 = *best_f1;
	for (a = 0; a < ndev && noshift_each; a++)
		noshift_each[a] = persner_eval_f1(&ec[a], -1, NULL, NULL);
	if (report)
		report(arg, -1, 0, *best_f1);
	for (a = 0; a < SHIFT_PASSES * (K + 1); a++)
	{
		int			lab = a % (K + 1) == 0 ? PERSNER_TAG_O : PERSNER_TAG_B(PERSNER_SCHEME(b->scheme), a % (K + 1) - 1),
					d;
		float		keep = b->shift[lab];

		for (d = 0; d < (lab == PERSNER_TAG_O ? NODELTAS : NBDELTAS); d++)
		{
			double		f1;

			b->shift[lab] = lab == PERSNER_TAG_O ? -ODELTAS[d] : BDELTAS[d];
			if (b->shift[lab] == keep)
				continue;
			memcpy(cur, ec, sizeof(PersnerEval) * (size_t) ndev);	/* their only-lists */
			if ((st = persner_build_score(b, dev, ndev, cur, &f1)) != PERSNER_OK)
				return st;
			if (report)
				report(arg, lab, b->shift[lab], f1);
			if (f1 > *best_f1 + 1e-9)
			{
				*best_f1 = f1;
				keep = b->shift[lab];
				memcpy(ec, cur, sizeof(PersnerEval) * (size_t) ndev);
			}
		}
		b->shift[lab] = keep;
	}
	keep_bonus = 0;
	shifts_f1 = *best_f1;
	for (a = 0; a < (int) (sizeof(DOC_BONUSES) / sizeof(DOC_BONUSES[0])); a++)
	{
		double		f1;

		b->doc_bonus = DOC_BONUSES[a];
		memcpy(cur, ec, sizeof(PersnerEval) * (size_t) ndev);
		if ((st = persner_build_score(b, dev, ndev, cur, &f1)) != PERSNER_OK)
			return st;
		if (report)
			report(arg, PERSNER_BUILD_DOC_BONUS, DOC_BONUSES[a] / 100.0f, f1);
		if (f1 > *best_f1 + 1e-9 && f1 >= shifts_f1 + DOC_MIN_GAIN)
		{
			*best_f1 = f1;
			keep_bonus = b->doc_bonus;
			memcpy(ec, cur, sizeof(PersnerEval) * (size_t) ndev);
		}
	}
	b->doc_bonus = keep_bonus;
	return PERSNER_OK;
}

void
persner_build_free(PersnerBuild *b)
{
	void	   *blocks[] = {b->W, b->keys, b->row_off, b->ent_label, b->ent_w,
		b->gaz_keys, b->gaz_vals, b->clus_keys, b->clus_vals};

	persner_free_all(blocks, sizeof(blocks) / sizeof(blocks[0]));
	memset(b, 0, sizeof(*b));
}
