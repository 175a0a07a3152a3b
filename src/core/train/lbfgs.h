/*
 * lbfgs.h - a generic L-BFGS / OWL-QN minimizer over double vectors (lbfgs.c)
 *
 * Minimizes f(x) + c1 * |x|_1 given a callback that computes the smooth
 * part f and its gradient.  c1 = 0 is plain L-BFGS with a line search that
 * enforces the (weak) Wolfe conditions; c1 > 0 is OWL-QN (Andrew and Gao,
 * 2007): pseudo-gradient, direction and steps kept in one orthant,
 * backtracking on the Armijo condition.  Deterministic: the same inputs
 * give the same bytes (every reduction runs in one fixed order).
 */
#ifndef PERSNER_LBFGS_H
#define PERSNER_LBFGS_H

#include "persner.h"

/*
 * The objective: returns f(x) (the smooth part; without the L1 term) and
 * writes its gradient to g [n].  A non-finite result makes the line search
 * back off.
 */
typedef double (*PersnerLbfgsEval) (void *arg, const double *x, double *g, size_t n);

/*
 * Called once per iteration with the objective (L1 term included), the
 * norm of the (pseudo-)gradient and the step taken.  Return nonzero to stop.
 */
typedef int (*PersnerLbfgsProgress) (void *arg, int iter, double fx,
									 double gnorm, double step);

typedef struct PersnerLbfgsParams
{
	int			m;				/* history size (>= 1) */
	int			max_iter;		/* iterations (>= 1) */
	double		epsilon;		/* stop when |f(k - period) - f(k)| / |f(k)| < epsilon */
	int			period;			/* ... (0 disables this test) */
	double		gtol;			/* stop when |g| / max(1, |x|) < gtol */
	double		c1;				/* L1 coefficient; > 0 selects OWL-QN */
	int			max_linesearch; /* trials per line search */
} PersnerLbfgsParams;

/* Why the minimizer stopped. */
typedef enum PersnerLbfgsStop
{
	PERSNER_LBFGS_CONVERGED = 0,	/* gradient test */
	PERSNER_LBFGS_FLAT,			/* epsilon test over 'period' iterations */
	PERSNER_LBFGS_MAX_ITER,
	PERSNER_LBFGS_LINESEARCH,	/* no acceptable step: x is the last good point */
	PERSNER_LBFGS_CANCELLED		/* the progress callback asked to stop */
} PersnerLbfgsStop;

/* persner_lbfgs_defaults - m 6, max_iter 100, epsilon 1e-5, period 10, gtol 1e-5, c1 0, 40 trials */
void		persner_lbfgs_defaults(PersnerLbfgsParams *p);

/*
 * persner_lbfgs - minimize from x [n] (caller-owned, updated in place)
 *
 * On return x holds the best point reached, *fx_out its objective (L1
 * term included), *iter_out the iterations done, *stop_out why it stopped
 * (each out-pointer may be NULL).  Returns PERSNER_OK (whatever the stop
 * reason), PERSNER_ENOMEM (x untouched) or PERSNER_EINVAL (bad params).
 * Memory: (2 m + 5) n doubles.
 */
PersnerStatus persner_lbfgs(double *x, size_t n, const PersnerLbfgsParams *p,
							PersnerLbfgsEval eval, PersnerLbfgsProgress progress,
							void *arg, double *fx_out, int *iter_out,
							PersnerLbfgsStop *stop_out);

#endif							/* PERSNER_LBFGS_H */
