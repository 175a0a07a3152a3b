/*
 * lbfgs.c - L-BFGS with OWL-QN for L1, over double vectors
 *
 * L-BFGS keeps the last m pairs s_k = x_k+1 - x_k, y_k = g_k+1 - g_k and
 * applies the inverse Hessian approximation they define to a vector with
 * the two-loop recursion (Nocedal and Wright, Algorithm 7.4):
 *
 *   q = g
 *   for k = newest .. oldest:  a_k = rho_k s_k.q,  q -= a_k y_k
 *   r = gamma q,               gamma = s.y / y.y of the newest pair
 *   for k = oldest .. newest:  b = rho_k y_k.r,    r += (a_k - b) s_k
 *   direction d = -r           (rho_k = 1 / y_k.s_k)
 *
 * Pairs with y.s <= 0 (possible when only Armijo is enforced) are skipped
 * so the approximation stays positive definite.
 *
 * OWL-QN (c1 > 0) minimizes f(x) + c1 |x|_1, which is not differentiable
 * where some x_i = 0.  It works in one orthant at a time:
 *
 *   - the pseudo-gradient pg replaces g: for x_i != 0 it is the gradient
 *     g_i + c1 sign(x_i); at x_i = 0 it is the one-sided derivative that
 *     points downhill (g_i + c1 if that is < 0, g_i - c1 if that is > 0)
 *     or 0 when neither side goes down;
 *   - the direction comes from the two-loop recursion applied to pg, then
 *     every d_i whose sign disagrees with -pg_i is zeroed;
 *   - each trial point is projected onto the orthant of the start point
 *     (sign(x_i), or sign(-pg_i) where x_i = 0): a coordinate that would
 *     cross zero stops at zero.  That is how weights become exactly 0;
 *   - the line search backtracks until
 *     F(x') <= F(x) + 1e-4 pg.(x' - x), F the full objective.
 *
 * The L-BFGS pairs use the gradient of the smooth part only.
 *
 * For c1 = 0 the line search brackets a step satisfying the weak Wolfe
 * conditions (Armijo with 1e-4, curvature g'.d >= 0.9 g.d): halve towards
 * the last good step on Armijo failure; when the step is too short, bisect
 * if a failed step bounds it, else extrapolate along the secant of the
 * slope (2x to 10x).  The first iteration tries the step 1 / |g|, later ones 1.
 *
 * Determinism: every dot product and norm runs in one fixed order (four
 * interleaved partial sums, combined the same way each time).
 */
#include "lbfgs.h"

#include <math.h>
#include <string.h>

#define LBFGS_FTOL		1e-4	/* Armijo */
#define LBFGS_WOLFE		0.9		/* curvature */

void
persner_lbfgs_defaults(PersnerLbfgsParams *p)
{
	p->m = 6;
	p->max_iter = 100;
	p->epsilon = 1e-5;
	p->period = 10;
	p->gtol = 1e-5;
	p->c1 = 0.0;
	p->max_linesearch = 40;
}

/* a . b in a fixed order */
static double
vdot(const double *a, const double *b, size_t n)
{
	double		s0 = 0.0,
				s1 = 0.0,
				s2 = 0.0,
				s3 = 0.0;
	size_t		i;

	for (i = 0; i + 4 <= n; i += 4)
	{
		s0 += a[i] * b[i];
		s1 += a[i + 1] * b[i + 1];
		s2 += a[i + 2] * b[i + 2];
		s3 += a[i + 3] * b[i + 3];
	}
	for (; i < n; i++)
		s0 += a[i] * b[i];
	return (s0 + s1) + (s2 + s3);
}

static double
vnorm(const double *a, size_t n)
{
	return sqrt(vdot(a, a, n));
}

/* |x|_1 in a fixed order */
static double
vl1(const double *x, size_t n)
{
	double		s0 = 0.0,
				s1 = 0.0;
	size_t		i;

	for (i = 0; i + 2 <= n; i += 2)
	{
		s0 += fabs(x[i]);
		s1 += fabs(x[i + 1]);
	}
	for (; i < n; i++)
		s0 += fabs(x[i]);
	return s0 + s1;
}

/* y += a * x */
static void
vaxpy(double *restrict y, const double *restrict x, double a, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		y[i] += a * x[i];
}

/* the OWL-QN pseudo-gradient of f + c1 |x|_1 (see the header comment) */
static void
pseudo_gradient(double *restrict pg, const double *restrict x,
				const double *restrict g, double c1, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		if (x[i] > 0.0)
			pg[i] = g[i] + c1;
		else if (x[i] < 0.0)
			pg[i] = g[i] - c1;
		else if (g[i] + c1 < 0.0)
			pg[i] = g[i] + c1;
		else if (g[i] - c1 > 0.0)
			pg[i] = g[i] - c1;
		else
			pg[i] = 0.0;
	}
}

/*
 * Two-loop recursion: d = -H G with the history (s, y, rho) of cnt pairs,
 * newest at index (head - 1) mod m.  alpha [m] is scratch.
 */
static void
two_loop(double *d, const double *G, size_t n, double **s, double **y,
		 const double *rho, double *alpha, int m, int head, int cnt)
{
	int			k,
				idx;
	size_t		i;

	for (i = 0; i < n; i++)
		d[i] = -G[i];
	if (cnt == 0)
		return;
	idx = head;
	for (k = 0; k < cnt; k++)
	{
		idx = (idx - 1 + m) % m;
		alpha[idx] = rho[idx] * vdot(s[idx], d, n);
		vaxpy(d, y[idx], -alpha[idx], n);
	}
	{
		int			newest = (head - 1 + m) % m;
		double		gamma = (1.0 / rho[newest]) / vdot(y[newest], y[newest], n);

		for (i = 0; i < n; i++)
			d[i] *= gamma;
	}
	/* idx is now the oldest */
	for (k = 0; k < cnt; k++)
	{
		double		beta = rho[idx] * vdot(y[idx], d, n);

		vaxpy(d, s[idx], alpha[idx] - beta, n);
		idx = (idx + 1) % m;
	}
}

PersnerStatus
persner_lbfgs(double *x, size_t n, const PersnerLbfgsParams *p,
			  PersnerLbfgsEval eval, PersnerLbfgsProgress progress,
			  void *arg, double *fx_out, int *iter_out,
			  PersnerLbfgsStop *stop_out)
{
	const int	owl = p != NULL && p->c1 > 0.0;
	double	   *g = NULL,		/* [n] gradient of the smooth part at x */
			   *pg = NULL,		/* [n] pseudo-gradient (OWL-QN) or == g */
			   *d = NULL,		/* [n] search direction */
			   *xp = NULL,		/* [n] x at the start of the iteration */
			   *gp = NULL,		/* [n] g there */
			   *pgp = NULL;		/* [n] pg there (OWL-QN) */
	double	  **s = NULL,		/* [m][n] x differences */
			  **y = NULL;		/* [m][n] gradient differences */
	double	   *rho = NULL,		/* [m] 1 / y.s */
			   *alpha = NULL,	/* [m] two-loop scratch */
			   *fhist = NULL;	/* [period] objective history */
	double		fx = 0.0,
				step,
				gnorm,
				xnorm;
	int			m,
				head = 0,
				cnt = 0,
				iter = 0,
				k;
	PersnerLbfgsStop stop = PERSNER_LBFGS_MAX_ITER;
	PersnerStatus st = PERSNER_OK;
	size_t		i;

	if (p == NULL || x == NULL || eval == NULL || p->m < 1 || p->max_iter < 0 ||
		p->period < 0 || p->max_linesearch < 1 || !(p->c1 >= 0.0))
		return PERSNER_EINVAL;
	if (n == 0)
	{
		if (fx_out)
			*fx_out = eval(arg, x, NULL, 0);
		if (iter_out)
			*iter_out = 0;
		if (stop_out)
			*stop_out = PERSNER_LBFGS_CONVERGED;
		return PERSNER_OK;
	}
	m = p->m;

	g = persner_calloc(n, sizeof(double));
	d = persner_calloc(n, sizeof(double));
	xp = persner_calloc(n, sizeof(double));
	gp = persner_calloc(n, sizeof(double));
	if (owl)
	{
		pg = persner_calloc(n, sizeof(double));
		pgp = persner_calloc(n, sizeof(double));
	}
	s = persner_calloc((size_t) m, sizeof(double *));
	y = persner_calloc((size_t) m, sizeof(double *));
	rho = persner_calloc((size_t) m, sizeof(double));
	alpha = persner_calloc((size_t) m, sizeof(double));
	fhist = persner_calloc((size_t) p->period + 1, sizeof(double));
	if (!g || !d || !xp || !gp || (owl && (!pg || !pgp)) || !s || !y ||
		!rho || !alpha || !fhist)
	{
		st = PERSNER_ENOMEM;
		goto done;
	}
	for (k = 0; k < m; k++)
	{
		s[k] = persner_calloc(n, sizeof(double));
		y[k] = persner_calloc(n, sizeof(double));
		if (!s[k] || !y[k])
		{
			st = PERSNER_ENOMEM;
			goto done;
		}
	}
	if (!owl)
		pg = g;					/* the direction is built from pg */

	fx = eval(arg, x, g, n);
	if (owl)
	{
		fx += p->c1 * vl1(x, n);
		pseudo_gradient(pg, x, g, p->c1, n);
	}
	gnorm = vnorm(pg, n);
	xnorm = vnorm(x, n);
	if (!(gnorm / (xnorm > 1.0 ? xnorm : 1.0) > p->gtol))
	{
		stop = PERSNER_LBFGS_CONVERGED;
		goto done;
	}
	two_loop(d, pg, n, s, y, rho, alpha, m, head, 0);
	step = 1.0 / gnorm;

	while (iter < p->max_iter)
	{
		double		fxp = fx,
					dginit,
					lo = 0.0,
					hi = INFINITY;
		int			ls,
					accepted = 0;

		memcpy(xp, x, n * sizeof(double));
		memcpy(gp, g, n * sizeof(double));
		if (owl)
		{
			memcpy(pgp, pg, n * sizeof(double));
			/* keep only the components of d that go downhill along -pg */
			for (i = 0; i < n; i++)
				if (d[i] * pg[i] >= 0.0)
					d[i] = 0.0;
		}
		dginit = vdot(pg, d, n);
		if (!(dginit < 0.0))
		{
			/* not a descent direction (numerical trouble): restart */
			cnt = 0;
			two_loop(d, pg, n, s, y, rho, alpha, m, head, 0);
			dginit = vdot(pg, d, n);
			step = 1.0 / gnorm;
			if (!(dginit < 0.0))
			{
				stop = PERSNER_LBFGS_CONVERGED;
				break;
			}
		}

		for (ls = 0; ls < p->max_linesearch; ls++)
		{
			int			armijo;
			double		dg;

			for (i = 0; i < n; i++)
				x[i] = xp[i] + step * d[i];
			if (owl)
			{
				/* project onto the orthant of xp (sign(-pg) where xp = 0) */
				for (i = 0; i < n; i++)
				{
					double		orth = xp[i] != 0.0 ? xp[i] : -pgp[i];

					if (x[i] * orth <= 0.0)
						x[i] = 0.0;
				}
			}
			fx = eval(arg, x, g, n);
			if (owl)
			{
				double		dx = 0.0;

				fx += p->c1 * vl1(x, n);
				/* pg.(x - xp) in a fixed order, without a temporary */
				for (i = 0; i < n; i++)
					dx += pgp[i] * (x[i] - xp[i]);
				armijo = isfinite(fx) && fx <= fxp + LBFGS_FTOL * dx;
				if (armijo)
				{
					accepted = 1;
					break;
				}
				step *= 0.5;
				continue;
			}
			armijo = isfinite(fx) && fx <= fxp + LBFGS_FTOL * step * dginit;
			if (!armijo)
			{
				hi = step;
				step = 0.5 * (lo + hi);
			}
			else if ((dg = vdot(g, d, n)) < LBFGS_WOLFE * dginit)
			{
				/* Armijo holds but the slope is still steep: go further */
				if (ls == p->max_linesearch - 1)
				{
					accepted = 1;	/* a decrease all the same */
					break;
				}
				lo = step;
				if (isinf(hi))
				{
					/*
					 * Extrapolate: the secant of the slope phi'(a) through
					 * (0, dginit) and (step, dg) crosses zero at
					 * step * dginit / (dginit - dg); move there, but at
					 * least 2x and at most 10x (a first step of 1/|g| is
					 * often orders of magnitude short).
					 */
					double		grow = dginit / (dginit - dg);

					grow = grow > 2.0 ? grow : 2.0;
					grow = grow < 10.0 ? grow : 10.0;
					step *= grow;
				}
				else
					step = 0.5 * (lo + hi);
			}
			else
			{
				accepted = 1;
				break;
			}
		}
		if (!accepted)
		{
			/* back to the last good point */
			memcpy(x, xp, n * sizeof(double));
			memcpy(g, gp, n * sizeof(double));
			if (owl)
				memcpy(pg, pgp, n * sizeof(double));
			fx = fxp;
			stop = PERSNER_LBFGS_LINESEARCH;
			break;
		}
		iter++;
		if (owl)
			pseudo_gradient(pg, x, g, p->c1, n);
		gnorm = vnorm(pg, n);
		xnorm = vnorm(x, n);
		if (progress && progress(arg, iter, fx, gnorm, step))
		{
			stop = PERSNER_LBFGS_CANCELLED;
			break;
		}
		if (!(gnorm / (xnorm > 1.0 ? xnorm : 1.0) > p->gtol))
		{
			stop = PERSNER_LBFGS_CONVERGED;
			break;
		}
		if (p->period > 0)
		{
			if (iter > p->period)
			{
				double		f0 = fhist[iter % p->period];

				if (fabs(f0 - fx) / (fabs(fx) > 1e-300 ? fabs(fx) : 1e-300) < p->epsilon)
				{
					stop = PERSNER_LBFGS_FLAT;
					break;
				}
			}
			fhist[iter % p->period] = fx;
		}
		if (iter >= p->max_iter)
			break;

		/*
		 * The new pair, skipped when y.s <= 0 (curvature not positive).  The
		 * test comes first: when the history is full, s[head] is still the
		 * oldest pair in use.
		 */
		{
			double		ys = 0.0,
						yy = 0.0;

			for (i = 0; i < n; i++)
			{
				double		si = x[i] - xp[i],
							yi = g[i] - gp[i];

				ys += yi * si;
				yy += yi * yi;
			}
			if (ys > 0.0 && yy > 0.0 && isfinite(ys) && isfinite(yy))
			{
				double	   *sk = s[head],
						   *yk = y[head];

				for (i = 0; i < n; i++)
				{
					sk[i] = x[i] - xp[i];
					yk[i] = g[i] - gp[i];
				}
				rho[head] = 1.0 / ys;
				head = (head + 1) % m;
				if (cnt < m)
					cnt++;
			}
		}
		two_loop(d, pg, n, s, y, rho, alpha, m, head, cnt);
		step = 1.0;
	}

done:
	if (st == PERSNER_OK)
	{
		if (fx_out)
			*fx_out = fx;
		if (iter_out)
			*iter_out = iter;
		if (stop_out)
			*stop_out = stop;
	}
	if (s)
		for (k = 0; k < m; k++)
			persner_free(s[k]);
	if (y)
		for (k = 0; k < m; k++)
			persner_free(y[k]);
	persner_free(s);
	persner_free(y);
	persner_free(rho);
	persner_free(alpha);
	persner_free(fhist);
	persner_free(g);
	persner_free(d);
	persner_free(xp);
	persner_free(gp);
	if (owl)
	{
		persner_free(pg);
		persner_free(pgp);
	}
	return st;
}
