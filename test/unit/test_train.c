/*
 * test_train.c - unit tests for lbfgs.c and train.c
 *
 * L-BFGS on Rosenbrock; OWL-QN against the closed-form soft-threshold
 * solution; the CRF objective's gradient against finite differences;
 * training on a small hand-made dataset reaches zero training error;
 * bit-identical weights across runs and thread counts; L1 zeroes weights;
 * bad input and allocation failures.  With the argument "bench": one
 * objective evaluation at the realistic size (9,000 sentences, 280,000
 * tokens, 50 attributes a token, F = 500,000, L = 15), 1 and 2 threads.
 */
#include "crf.h"
#include "lbfgs.h"
#include "train.h"
#include "unit.h"

#include <math.h>
#include <time.h>

/* ---------------------------------------------------------------------
 * L-BFGS alone
 * ---------------------------------------------------------------------
 */

/* Rosenbrock in n dimensions (n even): sum 100 (x2i+1 - x2i^2)^2 + (1 - x2i)^2 */
static double
rosenbrock(void *arg, const double *x, double *g, size_t n)
{
	double		f = 0.0;
	size_t		i;

	(void) arg;
	for (i = 0; i < n; i += 2)
	{
		double		a = x[i + 1] - x[i] * x[i],
					b = 1.0 - x[i];

		f += 100.0 * a * a + b * b;
		g[i] = -400.0 * a * x[i] - 2.0 * b;
		g[i + 1] = 200.0 * a;
	}
	return f;
}

TEST(lbfgs_rosenbrock)
{
	double		x[10];
	PersnerLbfgsParams p;
	PersnerLbfgsStop stop;
	double		fx;
	int			iters,
				i;

	for (i = 0; i < 10; i++)
		x[i] = i % 2 ? 1.0 : -1.2;
	persner_lbfgs_defaults(&p);
	p.max_iter = 500;
	p.period = 0;
	p.gtol = 1e-9;
	CHECK(persner_lbfgs(x, 10, &p, rosenbrock, NULL, NULL, &fx, &iters, &stop) == PERSNER_OK);
	CHECK(fx < 1e-12);
	for (i = 0; i < 10; i++)
		CHECK(fabs(x[i] - 1.0) < 1e-5);
	CHECK(stop == PERSNER_LBFGS_CONVERGED);
	CHECK(iters > 10 && iters < 500);
}

/*
 * f(x) = sum_i 0.5 a_i (x_i - b_i)^2; with c1 the minimizer of f + c1|x|_1
 * is the soft threshold x_i = sign(b_i) max(0, |b_i| - c1 / a_i).
 */
static const double quad_a[8] = {1, 2, 0.5, 4, 1, 3, 1.5, 2.5};
static const double quad_b[8] = {3, -0.2, 0.1, -2, 0.05, 1, -0.6, 0.3};

static double
quad(void *arg, const double *x, double *g, size_t n)
{
	double		f = 0.0;
	size_t		i;

	(void) arg;
	for (i = 0; i < n; i++)
	{
		f += 0.5 * quad_a[i] * (x[i] - quad_b[i]) * (x[i] - quad_b[i]);
		g[i] = quad_a[i] * (x[i] - quad_b[i]);
	}
	return f;
}

TEST(owlqn_soft_threshold)
{
	double		x[8] = {0},
				c1 = 0.5;
	PersnerLbfgsParams p;
	int			i,
				zeros = 0;

	persner_lbfgs_defaults(&p);
	p.c1 = c1;
	p.max_iter = 200;
	p.period = 0;
	p.gtol = 1e-10;
	CHECK(persner_lbfgs(x, 8, &p, quad, NULL, NULL, NULL, NULL, NULL) == PERSNER_OK);
	for (i = 0; i < 8; i++)
	{
		double		t = fabs(quad_b[i]) - c1 / quad_a[i],
					want = t > 0 ? (quad_b[i] > 0 ? t : -t) : 0.0;

		if (want == 0.0)
		{
			CHECK(x[i] == 0.0);	/* exactly */
			zeros++;
		}
		else
			CHECK(fabs(x[i] - want) < 1e-6);
	}
	CHECK(zeros >= 3);
}

TEST(lbfgs_bad_params_and_enomem)
{
	double		x[4] = {0};
	PersnerLbfgsParams p;
	long		n;

	persner_lbfgs_defaults(&p);
	p.m = 0;
	CHECK(persner_lbfgs(x, 4, &p, quad, NULL, NULL, NULL, NULL, NULL) == PERSNER_EINVAL);
	persner_lbfgs_defaults(&p);
	for (n = 0; n < 40; n++)
	{
		PersnerStatus st;

		unit_fail_nth(n);
		unit_live = 0;
		st = persner_lbfgs(x, 4, &p, quad, NULL, NULL, NULL, NULL, NULL);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
		if (st == PERSNER_OK)
			break;
		CHECK(st == PERSNER_ENOMEM);
	}
	CHECK(n < 40);
}

/* ---------------------------------------------------------------------
 * Datasets
 * ---------------------------------------------------------------------
 */

/* A dataset owning its arrays (one block each). */
typedef struct Data
{
	PersnerTrainData d;
	PersnerTrainSeq *seqs;
	uint16_t   *labels;
	uint32_t   *offs;
	uint32_t   *attrs;
	uint8_t    *trans_allowed;
	uint8_t    *start_allowed;
	uint8_t    *end_allowed;
} Data;

static void
data_free(Data *x)
{
	free(x->seqs);
	free(x->labels);
	free(x->offs);
	free(x->attrs);
	free(x->trans_allowed);
	free(x->start_allowed);
	free(x->end_allowed);
}

/* the masks of scheme w (persner.h's grammar) for L = 1 + w K */
static void
grammar_allowed(int w, int L, uint8_t *ta, uint8_t *sa, uint8_t *ea)
{
	int			i,
				j;

	for (j = 0; j < L; j++)
	{
		sa[j] = PERSNER_TAG_CAN_START(w, j);
		ea[j] = PERSNER_TAG_CAN_END(w, j);
		for (i = 0; i < L; i++)
			ta[i * L + j] = PERSNER_TAG_CAN_FOLLOW(w, i, j);
	}
}

/*
 * Random data: nseq sequences of 1..maxT tokens, labels following the
 * masks of scheme bio (PERSNER_BIO, PERSNER_BIOES; 0: any label), 0..maxA
 * attributes a token drawn from a skewed (roughly Zipf) distribution over F.
 */
static void
random_data(Data *x, size_t nseq, int maxT, int L, uint32_t F, int minA, int maxA, int bio)
{
	size_t		cap_tok = nseq * (size_t) maxT,
				ntok = 0,
				nattr = 0,
				si;

	memset(x, 0, sizeof(*x));
	x->seqs = calloc(nseq, sizeof(PersnerTrainSeq));
	x->labels = calloc(cap_tok, sizeof(uint16_t));
	x->offs = calloc(cap_tok + nseq, sizeof(uint32_t));
	x->attrs = calloc(cap_tok * (size_t) maxA + 1, sizeof(uint32_t));
	x->trans_allowed = calloc((size_t) L * L, 1);
	x->start_allowed = calloc((size_t) L, 1);
	x->end_allowed = calloc((size_t) L, 1);
	if (bio)
		grammar_allowed(bio, L, x->trans_allowed, x->start_allowed, x->end_allowed);
	else
	{
		memset(x->trans_allowed, 1, (size_t) L * L);
		memset(x->start_allowed, 1, (size_t) L);
		memset(x->end_allowed, 1, (size_t) L);
	}
	for (si = 0; si < nseq; si++)
	{
		PersnerTrainSeq *sq = &x->seqs[si];
		uint32_t	T = 1 + unit_randn((uint32_t) maxT),
					t;
		uint16_t   *lab = x->labels + ntok;
		uint32_t   *off = x->offs + ntok + si;

		sq->T = T;
		sq->labels = lab;
		sq->attr_off = off;
		sq->attrs = x->attrs;
		for (t = 0; t < T; t++)
		{
			uint32_t	na = (uint32_t) minA + unit_randn((uint32_t) (maxA - minA + 1)),
						k;
			int			y;

			/* a label the masks allow after the previous one (and, last, to end) */
			do
			{
				y = (int) unit_randn((uint32_t) L);
			} while ((t == 0 ? !x->start_allowed[y] : !x->trans_allowed[lab[t - 1] * L + y]) ||
					 (t + 1 == T && !x->end_allowed[y]));
			lab[t] = (uint16_t) y;
			off[t] = (uint32_t) nattr;
			for (k = 0; k < na; k++)
			{
				/*
				 * Zipf-like (P(rank r) ~ 1/r, drawn log-uniformly), ranks
				 * scattered over the ids by a multiplicative permutation so
				 * frequent attributes are not neighbours in memory
				 */
				double		u = unit_randf(0, 1);
				uint64_t	r = (uint64_t) (exp(u * log((double) F + 1.0)) - 1.0);

				if (r >= F)
					r = F - 1;
				x->attrs[nattr++] = (uint32_t) ((r * UINT64_C(2654435761)) % F);
			}
		}
		off[T] = (uint32_t) nattr;
		ntok += T;
	}
	x->d.nseq = nseq;
	x->d.seqs = x->seqs;
	x->d.F = F;
	x->d.L = L;
	x->d.trans_allowed = x->trans_allowed;
	x->d.start_allowed = x->start_allowed;
	x->d.end_allowed = x->end_allowed;
}

static size_t
nparams(const PersnerTrainData *d)
{
	return (size_t) d->F * d->L + (size_t) d->L * d->L + 2 * (size_t) d->L;
}

/* a random point, with the forbidden transitions, starts and ends at 0 as in training */
static void
random_point(const Data *x, double *th)
{
	const int	L = x->d.L;
	const size_t LL = (size_t) L * L,
				W = (size_t) x->d.F * L;
	size_t		i;

	for (i = 0; i < nparams(&x->d); i++)
		th[i] = unit_randf(-1, 1);
	for (i = 0; i < LL; i++)
		if (!x->trans_allowed[i])
			th[W + i] = 0.0;
	for (i = 0; i < (size_t) L; i++)
	{
		if (!x->start_allowed[i])
			th[W + LL + i] = 0.0;
		if (!x->end_allowed[i])
			th[W + LL + L + i] = 0.0;
	}
}

/* the largest gap between the gradient g at th and central differences */
static double
finite_difference_gap(const Data *x, const PersnerTrainParams *p, double *th, const double *g)
{
	const int	L = x->d.L;
	const size_t LL = (size_t) L * L,
				W = (size_t) x->d.F * L,
				n = nparams(&x->d);
	double	   *scratch = calloc(n, sizeof(double)),
				worst = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		h = 1e-5,
					save = th[i],
					fp,
					fm,
					num;

		th[i] = save + h;
		persner_train_objective(&x->d, p, th, scratch, &fp);
		th[i] = save - h;
		persner_train_objective(&x->d, p, th, scratch, &fm);
		th[i] = save;
		num = (fp - fm) / (2 * h);
		if (i >= W && i < W + LL && !x->trans_allowed[i - W])
			num = 0.0;			/* not a parameter */
		if (i >= W + LL && i < W + LL + L && !x->start_allowed[i - W - LL])
			num = 0.0;
		if (i >= W + LL + L && i < W + LL + 2 * (size_t) L && !x->end_allowed[i - W - LL - L])
			num = 0.0;
		if (fabs(num - g[i]) > worst)
			worst = fabs(num - g[i]);
	}
	free(scratch);
	return worst;
}

/* ---------------------------------------------------------------------
 * Objective
 * ---------------------------------------------------------------------
 */

TEST(gradient_matches_finite_differences)
{
	int			trial;

	/*
	 * trials 0, 1: any label sequence; 2, 3: BIO's grammar; 4, 5: BIOES's
	 * (its ends too); 6, 7: BIO and BIOES with a softmax-margin cost, whose
	 * objective is above the plain one (each wrong path's score only rises)
	 */
	for (trial = 0; trial < 8; trial++)
	{
		Data		x;
		PersnerTrainParams p;
		size_t		n;
		double	   *th,
				   *g,
				   *g2,
					f,
					fp,
					worst;
		int			w = trial < 2 ? 0 : trial < 4 || trial == 6 ? PERSNER_BIO : PERSNER_BIOES,
					L = PERSNER_L_OF(w ? w : PERSNER_BIO, trial % 2 ? 2 : 1);

		random_data(&x, 12, 6, L, 7, 0, 3, w);
		persner_train_defaults(&p);
		p.c2 = trial * 0.5;
		n = nparams(&x.d);
		th = calloc(n, sizeof(double));
		g = calloc(n, sizeof(double));
		g2 = calloc(n, sizeof(double));
		random_point(&x, th);
		CHECK(persner_train_objective(&x.d, &p, th, g, &f) == PERSNER_OK);
		CHECK(isfinite(f) && f > 0);
		if (trial >= 6)
		{
			p.margin = 1.0;
			p.margin_missed = 2.5;
			CHECK(persner_train_objective(&x.d, &p, th, g, &fp) == PERSNER_OK);
			CHECK(isfinite(fp) && fp > f + 1e-3);
			f = fp;
		}
		worst = finite_difference_gap(&x, &p, th, g);
		CHECK(worst < 1e-6);
		/* the same with 3 threads: bit-identical */
		p.threads = 3;
		CHECK(persner_train_objective(&x.d, &p, th, g2, &fp) == PERSNER_OK);
		CHECK(fp == f);
		CHECK(memcmp(g, g2, n * sizeof(double)) == 0);
		free(th);
		free(g);
		free(g2);
		data_free(&x);
	}
}

/*
 * Partially labelled sequences: allowing only the gold label everywhere is
 * the fully labelled objective; allowing every label costs nothing; random
 * label sets give a gradient that matches finite differences.
 */
TEST(partial_labels)
{
	Data		x;
	PersnerTrainParams p;
	const int	L = 5;
	size_t		n,
				i,
				ntok = 0,
				si;
	double	   *th,
			   *g,
			   *g2,
				f,
				f2,
				fp,
				worst;
	uint8_t    *allowed;

	random_data(&x, 10, 6, L, 7, 0, 3, PERSNER_BIO);
	persner_train_defaults(&p);
	p.c2 = 0.0;
	n = nparams(&x.d);
	th = calloc(n, sizeof(double));
	g = calloc(n, sizeof(double));
	g2 = calloc(n, sizeof(double));
	random_point(&x, th);
	for (si = 0; si < x.d.nseq; si++)
		ntok += x.seqs[si].T;
	allowed = calloc(ntok * L, 1);

	/* gold only: the same objective and gradient */
	CHECK(persner_train_objective(&x.d, &p, th, g, &f) == PERSNER_OK);
	for (si = 0, i = 0; si < x.d.nseq; si++)
	{
		x.seqs[si].allowed = allowed + i * L;
		for (uint32_t t = 0; t < x.seqs[si].T; t++, i++)
			allowed[i * L + x.seqs[si].labels[t]] = 1;
	}
	CHECK(persner_train_objective(&x.d, &p, th, g2, &f2) == PERSNER_OK);
	CHECK(fabs(f - f2) < 1e-9 * fabs(f));
	for (i = 0; i < n; i++)
		CHECK(fabs(g[i] - g2[i]) < 1e-9);

	/* every label allowed: nothing to learn */
	memset(allowed, 1, ntok * L);
	CHECK(persner_train_objective(&x.d, &p, th, g2, &f2) == PERSNER_OK);
	CHECK(fabs(f2) < 1e-9);
	for (i = 0; i < n; i++)
		CHECK(fabs(g2[i]) < 1e-9);

	/* gold plus random others: finite differences */
	for (i = 0; i < ntok * L; i++)
		allowed[i] = unit_randn(3) == 0;
	for (si = 0, i = 0; si < x.d.nseq; si++)
		for (uint32_t t = 0; t < x.seqs[si].T; t++, i++)
			allowed[i * L + x.seqs[si].labels[t]] = 1;
	p.c2 = 0.5;
	CHECK(persner_train_objective(&x.d, &p, th, g, &f) == PERSNER_OK);
	CHECK(isfinite(f) && f > 0);
	worst = finite_difference_gap(&x, &p, th, g);
	CHECK(worst < 1e-6);
	p.threads = 3;
	CHECK(persner_train_objective(&x.d, &p, th, g2, &fp) == PERSNER_OK);
	CHECK(fp == f);
	CHECK(memcmp(g, g2, n * sizeof(double)) == 0);

	/* and with a softmax-margin cost on the labels outside the sets */
	p.threads = 1;
	p.margin = 0.7;
	p.margin_missed = 2.0;
	CHECK(persner_train_objective(&x.d, &p, th, g, &fp) == PERSNER_OK);
	CHECK(isfinite(fp) && fp > f);
	worst = finite_difference_gap(&x, &p, th, g);
	CHECK(worst < 1e-6);

	/* a negative cost is refused */
	p.margin = -1.0;
	CHECK(persner_train_objective(&x.d, &p, th, g, &fp) == PERSNER_EINVAL);
	free(allowed);
	free(th);
	free(g);
	free(g2);
	data_free(&x);
}

/* ---------------------------------------------------------------------
 * Training
 * ---------------------------------------------------------------------
 */

/*
 * A hand-made dataset: 20 sentences over a 12-word vocabulary, K = 2 types
 * (L = 5: O, B-PER, I-PER, B-LOC, I-LOC).  Words 0-5 are O words; "ali"
 * (6) and "reza" (7) start a PER, "zadeh" (8) continues one; "tehran" (9)
 * starts a LOC, "shahr" (10) continues one; word 11 is O.  Attributes:
 * the word id, plus attribute 12 = "previous word was 6 or 7" for
 * continuations, plus a bias attribute 13 on every token, plus noise
 * attributes 14..19 that carry no information.
 */
#define HM_N	20
#define HM_F	20

static const char *const hm_text[HM_N] = {
	"0 6 8 1 9", "2 7 3", "9 10 4 5", "6 1 2", "7 8 11 9 10",
	"0 1 2 3", "9 4", "5 6 8 0", "11 7 8 9 10", "3 9 10 6",
	"4 4 7", "6 8", "9", "1 9 10 2 7 8", "0 11 3 6 8 5",
	"10 2", "8 0", "7 2 9 10 1", "6 3 11", "5 9 10 7 8"
};

/* gold tag of a word given the previous word (-1 at the start) */
static int
hm_tag(int w, int prev)
{
	if (w == 6 || w == 7)
		return PERSNER_TAG_B(PERSNER_BIO, 0);
	if (w == 8)
		return (prev == 6 || prev == 7 || prev == 8) ? PERSNER_TAG_I(PERSNER_BIO, 0) : PERSNER_TAG_O;
	if (w == 9)
		return PERSNER_TAG_B(PERSNER_BIO, 1);
	if (w == 10)
		return (prev == 9 || prev == 10) ? PERSNER_TAG_I(PERSNER_BIO, 1) : PERSNER_TAG_O;
	return PERSNER_TAG_O;
}

static void
handmade_data(Data *x)
{
	size_t		ntok = 0,
				nattr = 0;
	int			s;

	memset(x, 0, sizeof(*x));
	x->seqs = calloc(HM_N, sizeof(PersnerTrainSeq));
	x->labels = calloc(200, sizeof(uint16_t));
	x->offs = calloc(200 + HM_N, sizeof(uint32_t));
	x->attrs = calloc(1000, sizeof(uint32_t));
	x->trans_allowed = calloc(25, 1);
	x->start_allowed = calloc(5, 1);
	x->end_allowed = calloc(5, 1);
	grammar_allowed(PERSNER_BIO, 5, x->trans_allowed, x->start_allowed, x->end_allowed);
	for (s = 0; s < HM_N; s++)
	{
		const char *p = hm_text[s];
		PersnerTrainSeq *sq = &x->seqs[s];
		uint16_t   *lab = x->labels + ntok;
		uint32_t   *off = x->offs + ntok + s;
		int			prev = -1;
		uint32_t	T = 0;

		while (*p)
		{
			char	   *e;
			int			w = (int) strtol(p, &e, 10);

			p = *e ? e + 1 : e;
			lab[T] = (uint16_t) hm_tag(w, prev);
			off[T] = (uint32_t) nattr;
			x->attrs[nattr++] = (uint32_t) w;
			if (prev == 6 || prev == 7 || prev == 8)
				x->attrs[nattr++] = 12;
			x->attrs[nattr++] = 13;
			x->attrs[nattr++] = 14 + unit_randn(6);
			prev = w;
			T++;
		}
		off[T] = (uint32_t) nattr;
		sq->T = T;
		sq->labels = lab;
		sq->attr_off = off;
		sq->attrs = x->attrs;
		ntok += T;
	}
	x->d.nseq = HM_N;
	x->d.seqs = x->seqs;
	x->d.F = HM_F;
	x->d.L = 5;
	x->d.trans_allowed = x->trans_allowed;
	x->d.start_allowed = x->start_allowed;
	x->d.end_allowed = x->end_allowed;
}

/* tokens whose Viterbi tag differs from the gold tag */
static int
training_errors(const Data *x, const float *W, const float *trans,
				const float *start, const float *end)
{
	PersnerCrfWork w = {0};
	int			errors = 0;
	size_t		si;
	const int	L = x->d.L;

	for (si = 0; si < x->d.nseq; si++)
	{
		const PersnerTrainSeq *sq = &x->d.seqs[si];
		float	   *state = calloc((size_t) sq->T * L, sizeof(float));
		int		   *path = calloc(sq->T, sizeof(int));
		uint32_t	t,
					k;
		int			j;

		for (t = 0; t < sq->T; t++)
			for (k = sq->attr_off[t]; k < sq->attr_off[t + 1]; k++)
				for (j = 0; j < L; j++)
					state[t * L + j] += W[(size_t) sq->attrs[k] * L + j];
		persner_crf_reserve(&w, (int) sq->T, L);
		persner_crf_viterbi(&w, state, trans, start, end, (int) sq->T, L, path);
		for (t = 0; t < sq->T; t++)
			errors += path[t] != sq->labels[t];
		free(state);
		free(path);
	}
	persner_crf_work_free(&w);
	return errors;
}

static int	progress_calls;
static int	progress_last;

static void
count_progress(void *arg, int iter, double loss, double gnorm, double seconds)
{
	(void) arg;
	(void) gnorm;
	CHECK(iter == progress_last + 1);
	CHECK(isfinite(loss) && seconds >= 0);
	progress_last = iter;
	progress_calls++;
}

typedef struct Model
{
	float	   *W,
				trans[PERSNER_MAX_LABELS * PERSNER_MAX_LABELS],
				start[PERSNER_MAX_LABELS],
				end[PERSNER_MAX_LABELS];
	int			iters;
	double		loss;
} Model;

static PersnerStatus
train(const Data *x, const PersnerTrainParams *p, Model *m)
{
	memset(m, 0, sizeof(*m));
	m->W = calloc((size_t) x->d.F * x->d.L, sizeof(float));
	return persner_train_crf(&x->d, p, m->W, m->trans, m->start, m->end, &m->iters, &m->loss);
}

static int
same_model(const Data *x, const Model *a, const Model *b)
{
	size_t		L = (size_t) x->d.L;

	return memcmp(a->W, b->W, sizeof(float) * x->d.F * L) == 0 &&
		memcmp(a->trans, b->trans, sizeof(float) * L * L) == 0 &&
		memcmp(a->start, b->start, sizeof(float) * L) == 0 &&
		memcmp(a->end, b->end, sizeof(float) * L) == 0 &&
		a->iters == b->iters && a->loss == b->loss;
}

TEST(train_handmade_zero_error)
{
	Data		x;
	PersnerTrainParams p;
	Model		m;
	int			j;

	handmade_data(&x);
	persner_train_defaults(&p);
	p.c2 = 0.1;
	p.progress = count_progress;
	progress_calls = progress_last = 0;
	CHECK(train(&x, &p, &m) == PERSNER_OK);
	CHECK(m.iters > 0 && progress_calls == m.iters);
	CHECK_EQ_INT(training_errors(&x, m.W, m.trans, m.start, m.end), 0);
	/* forbidden cells come out -inf, allowed ones finite */
	for (j = 0; j < 25; j++)
		CHECK(x.trans_allowed[j] ? isfinite(m.trans[j]) : m.trans[j] == -INFINITY);
	for (j = 0; j < 5; j++)
		CHECK(x.start_allowed[j] ? isfinite(m.start[j]) : m.start[j] == -INFINITY);
	free(m.W);
	data_free(&x);
}

TEST(train_deterministic_across_threads)
{
	Data		x;
	PersnerTrainParams p;
	Model		a,
				b,
				c;

	random_data(&x, 300, 12, 7, 400, 1, 8, PERSNER_BIO);
	persner_train_defaults(&p);
	p.max_iter = 25;
	CHECK(train(&x, &p, &a) == PERSNER_OK);
	CHECK(train(&x, &p, &b) == PERSNER_OK);
	CHECK(same_model(&x, &a, &b));
	free(b.W);
	p.threads = 2;
	CHECK(train(&x, &p, &b) == PERSNER_OK);
	CHECK(same_model(&x, &a, &b));
	p.threads = 5;
	CHECK(train(&x, &p, &c) == PERSNER_OK);
	CHECK(same_model(&x, &a, &c));
	CHECK(a.iters == 25);
	free(a.W);
	free(b.W);
	free(c.W);
	/* OWL-QN too */
	p.c1 = 0.5;
	p.threads = 1;
	CHECK(train(&x, &p, &a) == PERSNER_OK);
	p.threads = 3;
	CHECK(train(&x, &p, &b) == PERSNER_OK);
	CHECK(same_model(&x, &a, &b));
	free(a.W);
	free(b.W);
	data_free(&x);
}

TEST(train_l1_zeroes_weights)
{
	Data		x;
	PersnerTrainParams p;
	Model		m0,
				m1;
	size_t		k,
				n,
				zeros0 = 0,
				zeros1 = 0;

	handmade_data(&x);
	persner_train_defaults(&p);
	p.c2 = 0.01;
	CHECK(train(&x, &p, &m0) == PERSNER_OK);
	p.c1 = 1.0;
	CHECK(train(&x, &p, &m1) == PERSNER_OK);
	n = (size_t) x.d.F * x.d.L;
	for (k = 0; k < n; k++)
	{
		zeros0 += m0.W[k] == 0.0f;
		zeros1 += m1.W[k] == 0.0f;
	}
	/* attributes 15..19 never occur with... every label: many exact zeros */
	CHECK(zeros1 > n / 3);
	CHECK(zeros1 > zeros0);
	CHECK_EQ_INT(training_errors(&x, m1.W, m1.trans, m1.start, m1.end), 0);
	free(m0.W);
	free(m1.W);
	data_free(&x);
}

TEST(train_bad_input)
{
	Data		x;
	PersnerTrainParams p;
	Model		m;
	uint16_t	save;
	uint32_t	savea;

	handmade_data(&x);
	persner_train_defaults(&p);
	save = x.labels[3];
	x.labels[3] = 5;			/* >= L */
	CHECK(train(&x, &p, &m) == PERSNER_EINVAL);
	free(m.W);
	x.labels[3] = save;
	savea = x.attrs[7];
	x.attrs[7] = HM_F;			/* >= F */
	CHECK(train(&x, &p, &m) == PERSNER_EINVAL);
	free(m.W);
	x.attrs[7] = savea;
	p.threads = 0;
	CHECK(train(&x, &p, &m) == PERSNER_EINVAL);
	free(m.W);
	persner_train_defaults(&p);
	p.max_iter = 0;				/* no iteration: all zeros, still OK */
	CHECK(train(&x, &p, &m) == PERSNER_OK);
	CHECK(m.iters == 0 && m.W[0] == 0.0f);
	free(m.W);
	data_free(&x);
}

TEST(train_alloc_failures)
{
	Data		x;
	PersnerTrainParams p;
	long		n;

	handmade_data(&x);
	persner_train_defaults(&p);
	p.max_iter = 3;
	p.threads = 2;
	for (n = 0; n < 200; n++)
	{
		Model		m;
		PersnerStatus st;

		m.W = calloc((size_t) x.d.F * x.d.L, sizeof(float));
		unit_fail_nth(n);
		unit_live = 0;
		st = persner_train_crf(&x.d, &p, m.W, m.trans, m.start, m.end, NULL, NULL);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
		free(m.W);
		if (st == PERSNER_OK)
			break;
		CHECK(st == PERSNER_ENOMEM);
	}
	CHECK(n < 200);
	data_free(&x);
}

/* ---------------------------------------------------------------------
 * Benchmark
 * ---------------------------------------------------------------------
 */

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double bench_last;

static void
bench_progress(void *arg, int iter, double loss, double gnorm, double seconds)
{
	(void) arg;
	(void) iter;
	(void) loss;
	(void) gnorm;
	printf(" %.3f", seconds - bench_last);
	fflush(stdout);
	bench_last = seconds;
}

static void
bench(int threads_max)
{
	Data		x;
	PersnerTrainParams p;
	size_t		n,
				i,
				ntok = 0;
	double	   *th,
			   *g,
				f = 0,
				t0;
	int			th_n;

	/* 9,000 sentences of 1..61 tokens (mean 31), 40..60 attributes a token */
	random_data(&x, 9000, 61, 15, 500000, 40, 60, PERSNER_BIO);
	for (i = 0; i < x.d.nseq; i++)
		ntok += x.d.seqs[i].T;
	n = nparams(&x.d);
	th = calloc(n, sizeof(double));
	g = calloc(n, sizeof(double));
	for (i = 0; i < (size_t) x.d.F * x.d.L; i++)
		th[i] = unit_randf(-0.1, 0.1);
	printf("# bench: %zu sentences, %zu tokens, F = %u, L = %d\n",
		   x.d.nseq, ntok, x.d.F, x.d.L);
	persner_train_defaults(&p);
	for (th_n = 1; th_n <= threads_max; th_n++)
	{
		int			rep;
		double		best = 1e9;

		p.threads = th_n;
		/* persner_train_objective also builds the index: time it apart */
		for (rep = 0; rep < 3; rep++)
		{
			t0 = now_sec();
			persner_train_objective(&x.d, &p, th, g, &f);
			t0 = now_sec() - t0;
			if (t0 < best)
				best = t0;
		}
		printf("# bench: threads %d: objective+gradient incl. setup %.3f s (f = %.6f)\n",
			   th_n, best, f);
	}
	/* real iterations through the trainer: seconds per iteration */
	for (th_n = 1; th_n <= threads_max; th_n++)
	{
		Model		m;

		p.threads = th_n;
		p.max_iter = 8;
		p.progress = bench_progress;
		bench_last = 0.0;
		printf("# bench: threads %d: seconds per L-BFGS iteration:", th_n);
		t0 = now_sec();
		train(&x, &p, &m);
		printf("; total with setup %.2f s\n", now_sec() - t0);
		free(m.W);
	}
	free(th);
	free(g);
	data_free(&x);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
	{
		bench(argc > 2 ? atoi(argv[2]) : 2);
		return 0;
	}
	RUN(lbfgs_rosenbrock);
	RUN(owlqn_soft_threshold);
	RUN(lbfgs_bad_params_and_enomem);
	RUN(gradient_matches_finite_differences);
	RUN(partial_labels);
	RUN(train_handmade_zero_error);
	RUN(train_deterministic_across_threads);
	RUN(train_l1_zeroes_weights);
	RUN(train_bad_input);
	RUN(train_alloc_failures);
	UNIT_DONE();
}
