/*
 * train.c - CRF training: the objective, its gradient, the training loop
 *
 * The parameter vector theta (double) is laid out as
 *
 *   W     [F][L]   state weights: attribute f, label j
 *   trans [L][L]   transition weights
 *   start [L], end [L]
 *
 * Forbidden transitions, start and end labels (trans_allowed,
 * start_allowed, end_allowed: the tag scheme's grammar) are not optimized:
 * their theta entries stay 0 and their gradient is 0, and the scores handed
 * to the forward-backward carry -INFINITY there.  A gold path that uses a
 * forbidden transition (a corpus BIO error) simply scores it 0.
 *
 * The objective, summed over sequences, is
 *
 *   sum (log Z(x) - score(x, y)) + c2/2 |theta|^2   (+ c1 |theta|_1, OWL-QN)
 *
 *   score(x, y) = start[y_0] + sum_t state[t][y_t] + sum_t trans[y_t-1][y_t] + end[y_T-1]
 *   state[t][j] = sum over the attributes a of position t of W[a][j]
 *
 * With a softmax-margin cost (PersnerTrainParams.margin), log Z is taken
 * over the state scores plus the cost of each wrong label (train_cost):
 * the gold path's cost is 0, so its score is unchanged, and the gradient
 * keeps its form, with the marginals of the cost-augmented model.
 *
 * and its gradient is expected minus observed counts (plus c2 theta):
 * dW[a][j] = sum over positions t where a occurs of (P(y_t = j) - [y_t = j]).
 *
 * One evaluation runs in two parallel phases.
 *
 *   1. Sequences.  They are cut into NCHUNK contiguous chunks of about
 *      equal token counts (the cut depends only on the data).  For each
 *      sequence the worker builds the state scores, runs the double
 *      precision forward-backward (crf.c), adds log Z - score(gold) to its
 *      chunk's loss and the expected minus observed transition, start and
 *      end counts to its chunk's accumulator, and writes the row
 *      P(y_t = j) - [y_t = j] of every position to delta [ntok][L].
 *      Threads take whole chunks (thread k of n: chunks k*NCHUNK/n ..).
 *
 *   2. Attributes.  Through an inverted index built once (for each
 *      attribute, the global positions where it occurs, ascending), each
 *      worker computes whole rows dW[a] = sum of delta[p] over those
 *      positions, in position order, for its range of attributes (ranges
 *      balanced by occurrence counts), then adds c2 W[a].
 *
 * Then the main thread sums the chunk losses and accumulators in chunk
 * order, and the regularizer in index order.  Every floating-point sum
 * therefore has an order fixed by the data alone: the objective, the
 * gradient and the trained weights are bit-identical for any number of
 * threads and any scheduling.  No worker allocates (the PostgreSQL glue
 * may point the allocator seam at palloc, which is not thread-safe).
 *
 * Memory, beyond theta and L-BFGS's (2 m + 5) n doubles: the gradient is
 * L-BFGS's; delta is ntok x L doubles; the inverted index one uint32 per
 * attribute occurrence plus F + 1 offsets; per thread, state and marginal
 * rows for the longest sequence.  Nothing is O(T x F).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L	/* pthreads and clock_gettime in -std=c11 */
#endif

#include "train.h"
#include "crf.h"
#include "lbfgs.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#define NCHUNK		64			/* fixed sequence chunks (see above) */

/*
 * Both phases are bound by memory latency: every attribute occurrence
 * reads a row of W (phase 1) or of delta (phase 2) at an unpredictable
 * place in tens of megabytes.  Prefetching the row PREFETCH_AHEAD
 * occurrences ahead keeps many misses in flight.
 */
#define PREFETCH_AHEAD	12
#if defined(__GNUC__)
#define PREFETCH_ROW(p, L) \
	do { __builtin_prefetch(p); __builtin_prefetch((p) + (L) - 1); } while (0)
#else
#define PREFETCH_ROW(p, L)	((void) 0)
#endif
#define MAX_THREADS	256

typedef struct TrainChunk
{
	size_t		seq_begin;		/* sequences [seq_begin, seq_end) */
	size_t		seq_end;
	double		loss;			/* sum of log Z - score(gold) */
	double	   *acc;			/* [L*L + 2L] expected - observed trans, start, end */
} TrainChunk;

typedef struct TrainWorker
{
	struct TrainCtx *ctx;
	int			id;
	PersnerCrfWork crf;
	double	   *state;			/* [Tmax][L] */
	double	   *marg;			/* [Tmax][L] */
	double	   *state2;			/* [Tmax][L] partial labels: allowed states */
	double	   *marg2;			/* [Tmax][L] their marginals */
	double	   *acc2;			/* [2][L*L + 2L] their expected counts */
	uint32_t	attr_begin;		/* phase 2 range [attr_begin, attr_end) */
	uint32_t	attr_end;
} TrainWorker;

typedef struct TrainCtx
{
	const PersnerTrainData *d;
	const PersnerTrainParams *p;
	int			L;
	uint32_t	F;
	size_t		nW;				/* F * L */
	size_t		n;				/* all parameters */
	size_t	   *tok_off;		/* [nseq + 1] first global position of a sequence */
	size_t		ntok;
	double	   *delta;			/* [ntok][L] */
	size_t	   *inv_off;		/* [F + 1] */
	uint32_t   *inv_pos;		/* [occurrences] global positions, ascending per attribute */
	double	   *trans_s;		/* [L][L] trans scores with -inf masks */
	double	   *start_s;		/* [L] */
	double	   *end_s;			/* [L] */
	TrainChunk	chunks[NCHUNK];
	int			nchunk;
	TrainWorker *workers;
	int			nthreads;
	int			phase;			/* 1 or 2 */
	int			partial;		/* some sequence is partially labelled */
	const double *x;			/* the point being evaluated */
	double	   *g;				/* its gradient */
	struct timespec t0;
} TrainCtx;

/* persner_train_defaults - c1 0, c2 1, max_iter 150, epsilon 1e-5, period 10, m 6, threads 1 */
void
persner_train_defaults(PersnerTrainParams *p)
{
	memset(p, 0, sizeof(*p));
	p->c1 = 0.0;
	p->c2 = 1.0;
	p->max_iter = 150;
	p->epsilon = 1e-5;
	p->period = 10;
	p->lbfgs_m = 6;
	p->threads = 1;
	p->progress = NULL;
	p->progress_arg = NULL;
}

/* ---------------------------------------------------------------------
 * Phase 1: sequences
 * ---------------------------------------------------------------------
 */

/*
 * train_cost - the softmax-margin costs of one sequence added to its state
 * scores: at each position, each wrong label (not the gold one, or not in
 * the allowed set of a partially labelled sequence) gains margin, or
 * margin_missed if it is O where the gold is a name.  Nothing with both 0.
 */
static void
train_cost(const TrainCtx *c, const PersnerTrainSeq *sq, double *state)
{
	const int	L = c->L;
	const double cost = c->p->margin,
				missed = c->p->margin_missed;
	int			t,
				j;

	if (cost == 0.0 && missed == 0.0)
		return;
	for (t = 0; t < (int) sq->T; t++)
	{
		double	   *row = state + (size_t) t * L;

		for (j = 0; j < L; j++)
		{
			int			right = sq->allowed ? sq->allowed[(size_t) t * L + j] != 0 :
				sq->labels[t] == (uint32_t) j;

			if (!right)
				row[j] += j == PERSNER_TAG_O ? missed : cost;
		}
	}
}

/*
 * A partially labelled sequence: loss log Z - log Z(allowed), gradient the
 * expectations over all paths minus those over the allowed paths.  Both
 * come from forward-backward, the second over states with the labels that
 * are not allowed at -inf.
 */
static void
train_partial(TrainCtx *c, TrainWorker *wk, const PersnerTrainSeq *sq, double *delta,
			  TrainChunk *ch)
{
	const int	L = c->L;
	const int	T = (int) sq->T;
	const size_t nacc = (size_t) L * L + 2 * (size_t) L;
	double	   *all = wk->acc2,
			   *some = wk->acc2 + nacc;
	double		logz,
				logz_c;
	size_t		k;
	int			t,
				j;

	memset(wk->acc2, 0, sizeof(double) * 2 * nacc);
	for (k = 0; k < (size_t) T * L; k++)
		wk->state2[k] = sq->allowed[k] ? wk->state[k] : -INFINITY;
	train_cost(c, sq, wk->state);
	logz = persner_crf_forward_backward(&wk->crf, wk->state, c->trans_s, c->start_s,
										c->end_s, T, L, wk->marg, all,
										all + (size_t) L * L, all + (size_t) L * L + L);
	logz_c = persner_crf_forward_backward(&wk->crf, wk->state2, c->trans_s, c->start_s,
										  c->end_s, T, L, wk->marg2, some,
										  some + (size_t) L * L, some + (size_t) L * L + L);
	if (!isfinite(logz) || !isfinite(logz_c))
	{
		/* no allowed path: the sequence cannot contribute */
		memset(delta, 0, sizeof(double) * (size_t) T * L);
		return;
	}
	ch->loss += logz - logz_c;
	for (k = 0; k < nacc; k++)
		ch->acc[k] += all[k] - some[k];
	for (t = 0; t < T; t++)
		for (j = 0; j < L; j++)
			delta[(size_t) t * L + j] = wk->marg[(size_t) t * L + j] - wk->marg2[(size_t) t * L + j];
}

static void
train_sequence(TrainCtx *c, TrainWorker *wk, size_t si, TrainChunk *ch)
{
	const PersnerTrainSeq *sq = &c->d->seqs[si];
	const int	L = c->L;
	const int	T = (int) sq->T;
	const double *W = c->x;
	const double *trans = c->x + c->nW;
	const double *start = trans + (size_t) L * L;
	const double *end = start + L;
	double	   *state = wk->state;
	double	   *marg = wk->marg;
	double	   *acc = ch->acc;
	double	   *delta = c->delta + c->tok_off[si] * (size_t) L;
	double		logz,
				gold;
	int			t,
				j;

	if (T == 0)
		return;

	/* state[t][j] = sum_a W[a][j], attributes in their given order */
	{
		const uint32_t kend = sq->attr_off[T];
		uint32_t	k;

		for (k = sq->attr_off[0]; k < kend && k < sq->attr_off[0] + PREFETCH_AHEAD; k++)
			PREFETCH_ROW(W + (size_t) sq->attrs[k] * L, L);
		for (t = 0; t < T; t++)
		{
			double	   *row = state + (size_t) t * L;

			for (j = 0; j < L; j++)
				row[j] = 0.0;
			for (k = sq->attr_off[t]; k < sq->attr_off[t + 1]; k++)
			{
				const double *w = W + (size_t) sq->attrs[k] * L;

				if (k + PREFETCH_AHEAD < kend)
					PREFETCH_ROW(W + (size_t) sq->attrs[k + PREFETCH_AHEAD] * L, L);
				for (j = 0; j < L; j++)
					row[j] += w[j];
			}
		}
	}

	if (sq->allowed)
	{
		train_partial(c, wk, sq, delta, ch);
		return;
	}

	train_cost(c, sq, state);	/* the gold labels' scores stay */
	logz = persner_crf_forward_backward(&wk->crf, state, c->trans_s, c->start_s,
										c->end_s, T, L, marg, acc,
										acc + (size_t) L * L,
										acc + (size_t) L * L + L);
	if (!isfinite(logz))
	{
		/* the masks forbid every path: the sequence cannot contribute */
		memset(delta, 0, sizeof(double) * (size_t) T * L);
		return;
	}

	/* score of the gold path; forbidden steps (corpus errors) score 0 */
	{
		int			y0 = sq->labels[0],
					yl = sq->labels[T - 1];

		gold = state[y0];
		if (c->d->start_allowed[y0])
			gold += start[y0];
		if (c->d->end_allowed[yl])
			gold += end[yl];
		acc[(size_t) L * L + y0] -= 1.0;
		acc[(size_t) L * L + L + yl] -= 1.0;
		for (t = 1; t < T; t++)
		{
			int			yp = sq->labels[t - 1],
						y = sq->labels[t];

			gold += state[(size_t) t * L + y];
			if (c->d->trans_allowed[yp * L + y])
			{
				gold += trans[yp * L + y];
				acc[yp * L + y] -= 1.0;
			}
		}
	}
	ch->loss += logz - gold;

	/* delta[t][j] = P(y_t = j) - [y_t = j] */
	for (t = 0; t < T; t++)
	{
		const double *m = marg + (size_t) t * L;
		double	   *dr = delta + (size_t) t * L;

		for (j = 0; j < L; j++)
			dr[j] = m[j];
		dr[sq->labels[t]] -= 1.0;
	}
}

static void
train_phase1(TrainCtx *c, TrainWorker *wk)
{
	int			k0 = (int) ((long) wk->id * c->nchunk / c->nthreads),
				k1 = (int) ((long) (wk->id + 1) * c->nchunk / c->nthreads),
				k;

	for (k = k0; k < k1; k++)
	{
		TrainChunk *ch = &c->chunks[k];
		size_t		si;

		ch->loss = 0.0;
		memset(ch->acc, 0, sizeof(double) * ((size_t) c->L * c->L + 2 * (size_t) c->L));
		for (si = ch->seq_begin; si < ch->seq_end; si++)
			train_sequence(c, wk, si, ch);
	}
}

/* ---------------------------------------------------------------------
 * Phase 2: attributes
 * ---------------------------------------------------------------------
 */

static void
train_phase2(TrainCtx *c, TrainWorker *wk)
{
	const int	L = c->L;
	const double c2 = c->p->c2;
	const size_t kend = c->inv_off[wk->attr_end];
	uint32_t	a;
	size_t		k;

	for (k = c->inv_off[wk->attr_begin]; k < kend && k < c->inv_off[wk->attr_begin] + PREFETCH_AHEAD; k++)
		PREFETCH_ROW(c->delta + (size_t) c->inv_pos[k] * L, L);
	for (a = wk->attr_begin; a < wk->attr_end; a++)
	{
		double	   *gr = c->g + (size_t) a * L;
		const double *xr = c->x + (size_t) a * L;
		int			j;

		for (j = 0; j < L; j++)
			gr[j] = 0.0;
		for (k = c->inv_off[a]; k < c->inv_off[a + 1]; k++)
		{
			const double *dr = c->delta + (size_t) c->inv_pos[k] * L;

			/* the index runs on past this attribute: prefetch across rows */
			if (k + PREFETCH_AHEAD < kend)
				PREFETCH_ROW(c->delta + (size_t) c->inv_pos[k + PREFETCH_AHEAD] * L, L);
			for (j = 0; j < L; j++)
				gr[j] += dr[j];
		}
		for (j = 0; j < L; j++)
			gr[j] += c2 * xr[j];
	}
}

static void *
train_thread(void *arg)
{
	TrainWorker *wk = arg;

	if (wk->ctx->phase == 1)
		train_phase1(wk->ctx, wk);
	else
		train_phase2(wk->ctx, wk);
	return NULL;
}

/*
 * Run the current phase on every worker: threads 1 .. n-1 in pthreads, 0
 * here.  A thread that cannot be created has its share run here instead:
 * the result is the same, since no share depends on who runs it.
 */
static void
train_run_phase(TrainCtx *c, int phase)
{
	pthread_t	tid[MAX_THREADS];
	int			started[MAX_THREADS];
	int			k;

	c->phase = phase;
	for (k = 1; k < c->nthreads; k++)
		started[k] = pthread_create(&tid[k], NULL, train_thread, &c->workers[k]) == 0;
	train_thread(&c->workers[0]);
	for (k = 1; k < c->nthreads; k++)
	{
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			train_thread(&c->workers[k]);
	}
}

/* The objective and gradient at x (the PersnerLbfgsEval callback). */
static double
train_eval(void *arg, const double *x, double *g, size_t n)
{
	TrainCtx   *c = arg;
	const int	L = c->L;
	const size_t LL = (size_t) L * L;
	double		loss = 0.0,
				reg = 0.0,
				r0 = 0.0,
				r1 = 0.0,
				r2 = 0.0,
				r3 = 0.0;
	double	   *gt = g + c->nW;		/* trans, start, end gradient */
	const double *xt = x + c->nW;
	size_t		i;
	int			k,
				j;

	c->x = x;
	c->g = g;

	/* masked scores for the forward-backward */
	for (i = 0; i < LL; i++)
		c->trans_s[i] = c->d->trans_allowed[i] ? xt[i] : -INFINITY;
	for (j = 0; j < L; j++)
	{
		c->start_s[j] = c->d->start_allowed[j] ? xt[LL + j] : -INFINITY;
		c->end_s[j] = c->d->end_allowed[j] ? xt[LL + L + j] : -INFINITY;
	}

	train_run_phase(c, 1);
	train_run_phase(c, 2);

	/* chunks in order: loss and transition/start/end gradient */
	memset(gt, 0, sizeof(double) * (LL + 2 * (size_t) L));
	for (k = 0; k < c->nchunk; k++)
	{
		loss += c->chunks[k].loss;
		for (i = 0; i < LL + 2 * (size_t) L; i++)
			gt[i] += c->chunks[k].acc[i];
	}
	for (i = 0; i < LL + 2 * (size_t) L; i++)
		gt[i] += c->p->c2 * xt[i];
	for (i = 0; i < LL; i++)
		if (!c->d->trans_allowed[i])
			gt[i] = 0.0;
	for (j = 0; j < L; j++)
	{
		if (!c->d->start_allowed[j])
			gt[LL + j] = 0.0;
		if (!c->d->end_allowed[j])
			gt[LL + L + j] = 0.0;
	}

	/* c2/2 |theta|^2 in a fixed order */
	for (i = 0; i + 4 <= n; i += 4)
	{
		r0 += x[i] * x[i];
		r1 += x[i + 1] * x[i + 1];
		r2 += x[i + 2] * x[i + 2];
		r3 += x[i + 3] * x[i + 3];
	}
	for (; i < n; i++)
		r0 += x[i] * x[i];
	reg = (r0 + r1) + (r2 + r3);
	return loss + 0.5 * c->p->c2 * reg;
}

static double
train_seconds(const TrainCtx *c)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) (ts.tv_sec - c->t0.tv_sec) + 1e-9 * (double) (ts.tv_nsec - c->t0.tv_nsec);
}

static int
train_progress(void *arg, int iter, double fx, double gnorm, double step)
{
	TrainCtx   *c = arg;

	(void) step;
	if (c->p->progress)
		c->p->progress(c->p->progress_arg, iter, fx, gnorm, train_seconds(c));
	return 0;
}

/* ---------------------------------------------------------------------
 * Setup
 * ---------------------------------------------------------------------
 */

/* Check the data: labels < L, attributes < F, offsets ascending. */
static PersnerStatus
train_validate(const PersnerTrainData *d, size_t *ntok, size_t *nocc, uint32_t *tmax)
{
	size_t		si;

	*ntok = 0;
	*nocc = 0;
	*tmax = 0;
	if (d == NULL || d->L < 1 || d->L > 65536 || (d->nseq > 0 && d->seqs == NULL) ||
		d->trans_allowed == NULL || d->start_allowed == NULL || d->end_allowed == NULL)
		return PERSNER_EINVAL;
	if ((size_t) d->F > SIZE_MAX / sizeof(double) / (size_t) d->L)
		return PERSNER_EINVAL;
	for (si = 0; si < d->nseq; si++)
	{
		const PersnerTrainSeq *sq = &d->seqs[si];
		uint32_t	t,
					k;

		if (sq->T == 0)
			continue;
		if ((sq->labels == NULL && sq->allowed == NULL) || sq->attr_off == NULL ||
			sq->T > (uint32_t) INT32_MAX / 2)
			return PERSNER_EINVAL;
		for (t = 0; t < sq->T; t++)
		{
			if ((sq->allowed == NULL && sq->labels[t] >= d->L) ||
				sq->attr_off[t] > sq->attr_off[t + 1])
				return PERSNER_EINVAL;
			for (k = sq->attr_off[t]; k < sq->attr_off[t + 1]; k++)
				if (sq->attrs[k] >= d->F)
					return PERSNER_EINVAL;
			*nocc += sq->attr_off[t + 1] - sq->attr_off[t];
		}
		*ntok += sq->T;
		if (sq->T > *tmax)
			*tmax = sq->T;
	}
	if (*ntok > UINT32_MAX)
		return PERSNER_ELIMIT;
	return PERSNER_OK;
}

static void
train_free(TrainCtx *c)
{
	int			k;

	if (c->workers)
	{
		for (k = 0; k < c->nthreads; k++)
		{
			persner_crf_work_free(&c->workers[k].crf);
			persner_free(c->workers[k].state);
			persner_free(c->workers[k].marg);
			persner_free(c->workers[k].state2);
			persner_free(c->workers[k].marg2);
			persner_free(c->workers[k].acc2);
		}
		persner_free(c->workers);
	}
	for (k = 0; k < NCHUNK; k++)
		persner_free(c->chunks[k].acc);
	persner_free(c->tok_off);
	persner_free(c->delta);
	persner_free(c->inv_off);
	persner_free(c->inv_pos);
	persner_free(c->trans_s);
	persner_free(c->start_s);
	persner_free(c->end_s);
}

/* Chunks of about equal token counts; inverted index; worker buffers. */
static PersnerStatus
train_setup(TrainCtx *c, size_t ntok, size_t nocc, uint32_t tmax)
{
	const PersnerTrainData *d = c->d;
	const int	L = c->L;
	size_t		si,
				pos,
				k;
	int			ci;

	c->tok_off = persner_calloc(d->nseq + 1, sizeof(size_t));
	c->delta = persner_calloc(ntok > 0 ? ntok * (size_t) L : 1, sizeof(double));
	c->inv_off = persner_calloc((size_t) c->F + 1, sizeof(size_t));
	c->inv_pos = persner_calloc(nocc > 0 ? nocc : 1, sizeof(uint32_t));
	c->trans_s = persner_calloc((size_t) L * L, sizeof(double));
	c->start_s = persner_calloc((size_t) L, sizeof(double));
	c->end_s = persner_calloc((size_t) L, sizeof(double));
	c->workers = persner_calloc((size_t) c->nthreads, sizeof(TrainWorker));
	if (!c->tok_off || !c->delta || !c->inv_off || !c->inv_pos || !c->trans_s ||
		!c->start_s || !c->end_s || !c->workers)
		return PERSNER_ENOMEM;
	for (ci = 0; ci < NCHUNK; ci++)
	{
		c->chunks[ci].acc = persner_calloc((size_t) L * L + 2 * (size_t) L, sizeof(double));
		if (!c->chunks[ci].acc)
			return PERSNER_ENOMEM;
	}
	for (ci = 0; ci < c->nthreads; ci++)
	{
		TrainWorker *wk = &c->workers[ci];

		wk->ctx = c;
		wk->id = ci;
		if (persner_crf_reserve(&wk->crf, (int) tmax, L) != PERSNER_OK)
			return PERSNER_ENOMEM;
		wk->state = persner_calloc(tmax > 0 ? (size_t) tmax * L : 1, sizeof(double));
		wk->marg = persner_calloc(tmax > 0 ? (size_t) tmax * L : 1, sizeof(double));
		if (!wk->state || !wk->marg)
			return PERSNER_ENOMEM;
		if (c->partial)
		{
			wk->state2 = persner_calloc(tmax > 0 ? (size_t) tmax * L : 1, sizeof(double));
			wk->marg2 = persner_calloc(tmax > 0 ? (size_t) tmax * L : 1, sizeof(double));
			wk->acc2 = persner_calloc(2 * ((size_t) L * L + 2 * (size_t) L), sizeof(double));
			if (!wk->state2 || !wk->marg2 || !wk->acc2)
				return PERSNER_ENOMEM;
		}
	}

	/* global positions and chunks: chunk k ends where k+1 / NCHUNK of the tokens are */
	pos = 0;
	ci = 0;
	c->chunks[0].seq_begin = 0;
	for (si = 0; si < d->nseq; si++)
	{
		c->tok_off[si] = pos;
		pos += d->seqs[si].T;
		while (ci < NCHUNK - 1 && (double) pos * NCHUNK >= (double) ntok * (ci + 1))
		{
			c->chunks[ci].seq_end = si + 1;
			c->chunks[ci + 1].seq_begin = si + 1;
			ci++;
		}
	}
	c->tok_off[d->nseq] = pos;
	for (; ci < NCHUNK; ci++)
	{
		c->chunks[ci].seq_end = d->nseq;
		if (ci + 1 < NCHUNK)
			c->chunks[ci + 1].seq_begin = d->nseq;
	}
	c->nchunk = NCHUNK;

	/* inverted index: count, prefix sums, fill in position order */
	for (si = 0; si < d->nseq; si++)
	{
		const PersnerTrainSeq *sq = &d->seqs[si];

		if (sq->T == 0)
			continue;
		for (k = sq->attr_off[0]; k < sq->attr_off[sq->T]; k++)
			c->inv_off[sq->attrs[k] + 1]++;
	}
	for (k = 0; k < c->F; k++)
		c->inv_off[k + 1] += c->inv_off[k];
	{
		size_t	   *fill = c->inv_off;	/* reuse: fill[a] walks from inv_off[a] */

		for (si = 0; si < d->nseq; si++)
		{
			const PersnerTrainSeq *sq = &d->seqs[si];
			uint32_t	t;

			for (t = 0; t < sq->T; t++)
			{
				uint32_t	kk;

				for (kk = sq->attr_off[t]; kk < sq->attr_off[t + 1]; kk++)
					c->inv_pos[fill[sq->attrs[kk]]++] = (uint32_t) (c->tok_off[si] + t);
			}
		}
		/* fill[a] now equals the old inv_off[a + 1]: shift back */
		for (k = c->F; k > 0; k--)
			c->inv_off[k] = c->inv_off[k - 1];
		c->inv_off[0] = 0;
	}

	/* phase 2 ranges: equal shares of the occurrences */
	{
		uint32_t	a = 0;

		for (ci = 0; ci < c->nthreads; ci++)
		{
			double		target = (double) nocc * (ci + 1) / c->nthreads;

			c->workers[ci].attr_begin = a;
			if (ci == c->nthreads - 1)
				a = c->F;
			else
				while (a < c->F && (double) c->inv_off[a + 1] <= target)
					a++;
			c->workers[ci].attr_end = a;
		}
	}
	return PERSNER_OK;
}

static void
train_init(TrainCtx *c, const PersnerTrainData *d, const PersnerTrainParams *p)
{
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->p = p;
	c->L = d->L;
	c->F = d->F;
	c->nW = (size_t) d->F * d->L;
	c->n = c->nW + (size_t) d->L * d->L + 2 * (size_t) d->L;
	c->nthreads = p->threads > MAX_THREADS ? MAX_THREADS : p->threads;
	for (size_t si = 0; d->seqs != NULL && si < d->nseq; si++)
		if (d->seqs[si].allowed != NULL)
			c->partial = 1;
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
}

static int
train_params_ok(const PersnerTrainParams *p)
{
	return p != NULL && p->threads >= 1 && p->c1 >= 0.0 && p->c2 >= 0.0 &&
		p->margin >= 0.0 && p->margin < 1e6 && p->margin_missed >= 0.0 && p->margin_missed < 1e6 &&
		p->max_iter >= 0 && p->lbfgs_m >= 1 && p->period >= 0;
}

/*
 * persner_train_objective - the smooth objective and its gradient at theta
 *
 * theta and grad have F*L + L*L + 2L doubles in the layout above (the
 * entries of forbidden transitions and start labels must be 0; their
 * gradient is 0); *f gets sum (log Z - score(gold)) + c2/2 |theta|^2 (the L1
 * term is not included).  For tests, benchmarks and diagnostics.
 */
PersnerStatus
persner_train_objective(const PersnerTrainData *d, const PersnerTrainParams *p,
						const double *theta, double *grad, double *f)
{
	TrainCtx	c;
	PersnerStatus st;
	size_t		ntok,
				nocc;
	uint32_t	tmax;

	if (!train_params_ok(p) || theta == NULL || grad == NULL || f == NULL)
		return PERSNER_EINVAL;
	st = train_validate(d, &ntok, &nocc, &tmax);
	if (st != PERSNER_OK)
		return st;
	train_init(&c, d, p);
	st = train_setup(&c, ntok, nocc, tmax);
	if (st == PERSNER_OK)
		*f = train_eval(&c, theta, grad, c.n);
	train_free(&c);
	return st;
}

/*
 * persner_train_crf - fit the weights
 *
 * W [F][L], trans [L][L], start [L], end [L] are caller-owned outputs.
 * Forbidden transitions, start and end labels come out as -INFINITY.  Returns
 * PERSNER_OK, PERSNER_ENOMEM or PERSNER_EINVAL (a label >= L, attr >= F,
 * bad parameters), PERSNER_ELIMIT (2^32 tokens or more).  The result does
 * not depend on p->threads (see the comment at the top of this file).
 */
PersnerStatus
persner_train_crf(const PersnerTrainData *d, const PersnerTrainParams *p,
				  float *W, float *trans, float *start, float *end,
				  int *iterations_out, double *loss_out)
{
	TrainCtx	c;
	PersnerLbfgsParams lp;
	PersnerStatus st;
	size_t		ntok,
				nocc,
				i,
				LL;
	uint32_t	tmax;
	double	   *x = NULL,
				fx = 0.0;
	int			iters = 0,
				j;

	if (!train_params_ok(p) || W == NULL || trans == NULL || start == NULL || end == NULL)
		return PERSNER_EINVAL;
	st = train_validate(d, &ntok, &nocc, &tmax);
	if (st != PERSNER_OK)
		return st;

	train_init(&c, d, p);
	LL = (size_t) d->L * d->L;
	st = train_setup(&c, ntok, nocc, tmax);
	if (st == PERSNER_OK)
	{
		x = persner_calloc(c.n, sizeof(double));
		if (x == NULL)
			st = PERSNER_ENOMEM;
	}
	if (st == PERSNER_OK)
	{
		persner_lbfgs_defaults(&lp);
		lp.m = p->lbfgs_m;
		lp.max_iter = p->max_iter;
		lp.epsilon = p->epsilon;
		lp.period = p->period;
		lp.c1 = p->c1;
		st = persner_lbfgs(x, c.n, &lp, train_eval, train_progress, &c,
						   &fx, &iters, NULL);
	}
	if (st == PERSNER_OK)
	{
		for (i = 0; i < c.nW; i++)
			W[i] = (float) x[i];
		for (i = 0; i < LL; i++)
			trans[i] = d->trans_allowed[i] ? (float) x[c.nW + i] : -INFINITY;
		for (j = 0; j < d->L; j++)
		{
			start[j] = d->start_allowed[j] ? (float) x[c.nW + LL + j] : -INFINITY;
			end[j] = d->end_allowed[j] ? (float) x[c.nW + LL + d->L + j] : -INFINITY;
		}
		if (iterations_out)
			*iterations_out = iters;
		if (loss_out)
			*loss_out = fx;
	}
	persner_free(x);
	train_free(&c);
	return st;
}
