/*
 * train.h - CRF training: objective, gradient and the training loop (train.c)
 *
 * The trainer sees sequences of attribute ids (features.c turned tokens into
 * them) and gold labels; it learns
 *
 *   W     [F][L]  weight of attribute f for label j (state features)
 *   trans [L][L]  transition weights; forbidden ones stay -INFINITY
 *   start [L], end [L]
 *
 * A partially labelled sequence (a corpus that lacks some types) names a set
 * of possible labels per position; its term of the likelihood is then the
 * probability of all the paths through those sets (Tsuboi et al. 2008).
 *
 * by minimizing the negative log-likelihood plus c2/2 * ||w||^2 (and c1 * |w|
 * through OWL-QN when c1 > 0) with L-BFGS (lbfgs.c).  Deterministic: the
 * same data and parameters give the same bytes, whatever the thread count
 * (threads sum their partial gradients in a fixed order).
 */
#ifndef PERSNER_TRAIN_H
#define PERSNER_TRAIN_H

#include "persner.h"

typedef struct PersnerTrainSeq
{
	uint32_t	T;				/* positions */
	const uint16_t *labels;		/* [T] gold tag indices */
	const uint32_t *attr_off;	/* [T + 1] attrs of position t are
								 * attrs[attr_off[t] .. attr_off[t + 1]) */
	const uint32_t *attrs;		/* attribute ids in [0, F) */
	const uint8_t *allowed;		/* NULL, or [T][L]: nonzero where a label is
								 * possible; the sequence is then partially
								 * labelled and labels is not read */
} PersnerTrainSeq;

typedef struct PersnerTrainData
{
	size_t		nseq;
	const PersnerTrainSeq *seqs;
	uint32_t	F;				/* attributes */
	int			L;				/* labels */
	const uint8_t *trans_allowed;	/* [L][L] 1 if i -> j allowed */
	const uint8_t *start_allowed;	/* [L] */
	const uint8_t *end_allowed;	/* [L] */
} PersnerTrainData;

typedef void (*PersnerTrainProgress) (void *arg, int iter, double loss,
									  double gnorm, double seconds);

typedef struct PersnerTrainParams
{
	double		c1;				/* L1 coefficient (0 = none) */
	double		c2;				/* L2 coefficient */
	int			max_iter;		/* L-BFGS iterations */
	double		epsilon;		/* stop when relative loss change < epsilon over 'period' iterations */
	int			period;
	int			lbfgs_m;		/* history size */
	int			threads;		/* >= 1 */
	/*
	 * Softmax-margin (Gimpel and Smith 2010): while training, every label
	 * that is wrong at a position has its score raised by a cost before
	 * log Z is taken, so the model must beat the wrong paths by a margin
	 * that grows with their errors.  margin: the cost of a wrong label;
	 * margin_missed: the cost of O inside a name (a missed name, which news
	 * NER errs towards), where it is larger.  Both 0: plain likelihood.
	 */
	double		margin;
	double		margin_missed;
	PersnerTrainProgress progress;	/* may be NULL */
	void	   *progress_arg;
} PersnerTrainParams;

/* persner_train_defaults - c1 0, c2 1, max_iter 150, epsilon 1e-5, period 10, m 6, threads 1 */
void		persner_train_defaults(PersnerTrainParams *p);

/*
 * persner_train_crf - fit the weights
 *
 * W [F][L], trans [L][L], start [L], end [L] are caller-owned outputs.
 * Forbidden transitions and start labels come out as -INFINITY.  Returns
 * PERSNER_OK, PERSNER_ENOMEM or PERSNER_EINVAL (a label >= L, attr >= F).
 */
PersnerStatus persner_train_crf(const PersnerTrainData *d, const PersnerTrainParams *p,
								float *W, float *trans, float *start, float *end,
								int *iterations_out, double *loss_out);

/*
 * persner_train_objective - the objective and its gradient at one point
 *
 * theta and grad hold F*L + L*L + 2L doubles: W [F][L], trans [L][L],
 * start [L], end [L].  Entries of forbidden transitions and start labels
 * must be 0 (as in training); their gradient is 0.
 * *f = sum (log Z - score(gold)) + c2/2 |theta|^2 (no L1 term; a partially
 * labelled sequence adds log Z - log Z(allowed paths)).  Uses
 * p->c2 and p->threads.  For tests (gradient checks), benchmarks and
 * diagnostics; same status codes as persner_train_crf.
 */
PersnerStatus persner_train_objective(const PersnerTrainData *d, const PersnerTrainParams *p,
									  const double *theta, double *grad, double *f);

#endif							/* PERSNER_TRAIN_H */
