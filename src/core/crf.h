/*
 * crf.h - linear-chain CRF inference on score matrices (crf.c)
 *
 * Matrices only: crf.c never sees strings, files or features.  All scores
 * are in log space (float for tagging, double for training):
 *
 *   state [T][L]  score of label j at position t
 *   trans [L][L]  trans[i * L + j]: score of label i followed by j
 *   start [L]     score of the first label
 *   end   [L]     score of the last label
 *
 * A score of -INFINITY forbids a label or a transition: that is how the
 * BIO constraints (O -> I-X, B-X -> I-Y, start -> I-X) are expressed, and
 * both Viterbi and forward-backward respect it.
 */
#ifndef PERSNER_CRF_H
#define PERSNER_CRF_H

#include "persner.h"

/* A workspace for T <= cap_T positions of L <= cap_L labels; grown on demand. */
typedef struct PersnerCrfWork
{
	float	   *fbuf;			/* float scratch (Viterbi, tagging FB) */
	size_t		fcap;			/* floats allocated */
	int		   *ibuf;			/* backpointers [T][L] */
	size_t		icap;
	double	   *dbuf;			/* double scratch (training FB) */
	size_t		dcap;
} PersnerCrfWork;

/* persner_crf_reserve - make w able to hold T x L; PERSNER_ENOMEM on failure */
PersnerStatus persner_crf_reserve(PersnerCrfWork *w, int T, int L);
void		persner_crf_work_free(PersnerCrfWork *w);

/*
 * persner_crf_viterbi - best label path for one sentence
 *
 * Writes T labels to path (caller-owned) and returns the path score
 * (-INFINITY if every path is forbidden; path is then all 0).  The
 * workspace must hold T x L (see persner_crf_reserve).  Ties are broken
 * towards the lower label index, so the result is deterministic.
 */
float		persner_crf_viterbi(PersnerCrfWork *w, const float *state,
								const float *trans, const float *start,
								const float *end, int T, int L, int *path);

/*
 * persner_crf_marginals - P(y_t = j | x) for every t, j (float, for tagging)
 *
 * Writes marg [T][L] (caller-owned); each row sums to 1.  Scaled
 * forward-backward in probability space: exp() of the scores is taken once
 * per cell, each alpha row is normalized, so nothing overflows.  Returns
 * log Z.
 */
double		persner_crf_marginals(PersnerCrfWork *w, const float *state,
								  const float *trans, const float *start,
								  const float *end, int T, int L, float *marg);

/*
 * persner_crf_forward_backward - training statistics in double precision
 *
 * For one sentence: writes node marginals marg [T][L] and ADDS the expected
 * transition counts sum_t P(y_t-1 = i, y_t = j) to trans_exp [L][L], and
 * P(y_0 = j), P(y_T-1 = j) to start_exp [L], end_exp [L].  Returns log Z.
 */
double		persner_crf_forward_backward(PersnerCrfWork *w, const double *state,
										 const double *trans, const double *start,
										 const double *end, int T, int L,
										 double *marg, double *trans_exp,
										 double *start_exp, double *end_exp);

#endif							/* PERSNER_CRF_H */
