/*
 * build.h - model assembly: fit, prune, bias selection, the model spec (build.c)
 *
 * From the training data (attrs.h) and the lexicon (lexicon.h) to model
 * bytes, in four steps a caller runs in order:
 *
 *   persner_build_fit      persner_train_crf fits W [F][L], trans, start, end
 *   persner_build_prune    weights with |w| <= prune go, and rows left empty
 *                          with them; the bias attribute's row stays whole,
 *                          and forbidden transitions become -1e4 (the
 *                          tagger forbids them anyway)
 *   persner_build_select_bias
 *                          CRFs trained on news are cautious (precision well
 *                          above recall): the O bias is lowered, then each
 *                          type's B bias moved, by deltas chosen on a dev
 *                          corpus or several (coordinate ascent, two passes; a
 *                          change is kept only if it raises dev F1, their
 *                          mean); each candidate is written, reopened and
 *                          scored as a user would
 *   persner_build_write    the model bytes, with the chosen shifts and the
 *                          caller's metadata
 *
 * Everything is sequential or reduced in a fixed order: the same inputs
 * give the same bytes.
 */
#ifndef PERSNER_BUILD_H
#define PERSNER_BUILD_H

#include "attrs.h"
#include "eval.h"
#include "lexicon.h"

typedef struct PersnerBuild
{
	/* persner_build_fit */
	int			K;				/* the model's types: the first K of labels.h */
	int			scheme;			/* its tag scheme, PERSNER_BIO or PERSNER_BIOES */
	float	   *W;				/* [F][L] as trained */
	float		trans[PERSNER_NLABELS * PERSNER_NLABELS];
	float		start[PERSNER_NLABELS];
	float		end[PERSNER_NLABELS];
	int			iterations;
	double		loss;
	/* persner_build_prune */
	uint32_t	F;				/* attribute rows kept */
	uint64_t   *keys;			/* [F] their hashes */
	uint32_t   *row_off;		/* [F + 1] */
	uint8_t    *ent_label;		/* [nent] */
	float	   *ent_w;			/* [nent] */
	uint32_t	nent;
	uint32_t	bias_ent[PERSNER_NLABELS];	/* entry of the bias weight of each label, or UINT32_MAX */
	float		bias_w[PERSNER_NLABELS];	/* the bias weights as trained */
	/* persner_build_select_bias */
	float		shift[PERSNER_NLABELS]; /* added to the bias weights */
	int			doc_bonus;		/* the document bonus in hundredths (docmem.h), 0: none */
	/* the lexicon as arrays */
	uint32_t	ngaz,
				nclus;
	uint64_t   *gaz_keys,
			   *clus_keys;
	uint32_t   *gaz_vals,
			   *clus_vals;
	uint32_t	feat_flags;
} PersnerBuild;

/*
 * Called for each bias candidate scored: label 0 (O) or a B- tag; first
 * with label -1 for no shift; PERSNER_BUILD_DOC_BONUS for a document bonus
 * (shift is the bonus).
 */
#define PERSNER_BUILD_DOC_BONUS (-2)
typedef void (*PersnerBiasReport) (void *arg, int label, float shift, double f1);

/* persner_build_fit - train the CRF on a->data; b zeroed first.  Statuses of persner_train_crf. */
PersnerStatus persner_build_fit(PersnerBuild *b, const PersnerAttrs *a,
								const PersnerTrainParams *p);

/* persner_build_prune - the sparse rows; PERSNER_OK or PERSNER_ENOMEM */
PersnerStatus persner_build_prune(PersnerBuild *b, const PersnerAttrs *a, double prune);

/* persner_build_lexicon - take the tables of lx (copied); PERSNER_OK or PERSNER_ENOMEM */
PersnerStatus persner_build_lexicon(PersnerBuild *b, const PersnerLexicon *lx,
									uint32_t feat_flags);

/*
 * persner_build_select_bias - choose b->shift on the dev corpora dev [ndev],
 * and then b->doc_bonus (the document memory of docmem.h: kept only if it
 * raises dev F1 by 0.1 or more; dev sentences are read in order, as a file
 * of sentences)
 *
 * The dev F1 is the mean of each dev corpus's F1, each scored with its
 * ec[d] (whose only-list, persner_eval_only, the caller sets: a corpus is
 * scored on the types it names).  *noshift_f1 gets that F1 without shifts
 * (and noshift_each [ndev], unless NULL, each corpus's), *best_f1 with the
 * chosen ones and ec [ndev] the counts of the chosen
 * model.  report (may be NULL) sees every candidate.  Returns PERSNER_OK,
 * PERSNER_ENOMEM, or PERSNER_ELIMIT for more than PERSNER_BUILD_MAX_DEV.
 */
#define PERSNER_BUILD_MAX_DEV 8
PersnerStatus persner_build_select_bias(PersnerBuild *b, const PersnerCorpus *dev, int ndev,
										PersnerBiasReport report, void *arg,
										double *noshift_f1, double *noshift_each,
										double *best_f1, PersnerEval *ec);

/*
 * persner_build_score - the dev F1 of the model as b stands (its shifts and
 * document bonus): the mean over the ndev dev corpora of each one's F1,
 * each counted into ec[d] (reset first; its only-list and by_score kept).
 * *f1 is -1 if the model does not build.  PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_build_score(PersnerBuild *b, const PersnerCorpus *dev, int ndev,
								  PersnerEval *ec, double *f1);

/*
 * persner_build_write - the model bytes with the shifts applied and nmeta
 * metadata pairs (at most PERSNER_BUILD_MAX_META), and the document bonus's; *img is persner_alloc'd (caller frees).  Statuses of
 * persner_model_write.
 */
#define PERSNER_BUILD_MAX_META 15
PersnerStatus persner_build_write(PersnerBuild *b, int nmeta, const char *const *meta_keys,
								  const char *const *meta_vals, uint8_t **img, size_t *len);

void		persner_build_free(PersnerBuild *b);

#endif							/* PERSNER_BUILD_H */
