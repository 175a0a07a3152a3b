/*
 * test_crf.c - unit tests for crf.c: Viterbi, marginals, forward-backward
 *
 * Everything is checked against brute force: on lattices small enough to
 * enumerate all L^T paths (T <= 6, L <= 5), with random scores and random
 * -INFINITY masks.  Also: BIO constraints, T = 0 and 1, hostile floats,
 * allocator failures, and (when run with an argument "bench") the speed of
 * Viterbi + marginals at L = 15.
 */
#include "crf.h"
#include "labels.h"
#include "spans.h"
#include "unit.h"

#include <math.h>
#include <time.h>

#define MAXT	6
#define MAXL	5

typedef struct Lattice
{
	int			T,
				L;
	float		state[MAXT * MAXL];
	float		trans[MAXL * MAXL];
	float		start[MAXL];
	float		end[MAXL];
} Lattice;

/* random scores; each cell forbidden with probability pforbid */
static void
random_lattice(Lattice *g, int T, int L, double pforbid)
{
	int			k;

	g->T = T;
	g->L = L;
	for (k = 0; k < T * L; k++)
		g->state[k] = unit_randf(0, 1) < pforbid ? -INFINITY : (float) unit_randf(-3, 3);
	for (k = 0; k < L * L; k++)
		g->trans[k] = unit_randf(0, 1) < pforbid ? -INFINITY : (float) unit_randf(-3, 3);
	for (k = 0; k < L; k++)
	{
		g->start[k] = unit_randf(0, 1) < pforbid ? -INFINITY : (float) unit_randf(-2, 2);
		g->end[k] = unit_randf(0, 1) < pforbid ? -INFINITY : (float) unit_randf(-2, 2);
	}
}

/* score of a path, in double, with the same order of additions as crf.c */
static double
path_score(const Lattice *g, const int *y)
{
	double		s = (double) g->start[y[0]] + g->state[y[0]];
	int			t;

	for (t = 1; t < g->T; t++)
		s += (double) g->trans[y[t - 1] * g->L + y[t]] + g->state[t * g->L + y[t]];
	return s + g->end[y[g->T - 1]];
}

/* next path in odometer order; 0 when all were visited */
static int
next_path(int *y, int T, int L)
{
	int			t;

	for (t = T - 1; t >= 0; t--)
	{
		if (++y[t] < L)
			return 1;
		y[t] = 0;
	}
	return 0;
}

/*
 * Brute force: best score, log Z, node marginals, pair marginal sums,
 * start and end marginals (all in double).
 */
typedef struct Brute
{
	double		best;
	double		logz;
	double		marg[MAXT * MAXL];
	double		pair[MAXL * MAXL];
	double		pstart[MAXL];
	double		pend[MAXL];
} Brute;

static void
brute_force(const Lattice *g, Brute *b)
{
	int			y[MAXT] = {0};
	double		maxs = -INFINITY,
				z = 0.0;
	int			t;

	memset(b, 0, sizeof(*b));
	do
	{
		double		s = path_score(g, y);

		if (s > maxs)
			maxs = s;
	} while (next_path(y, g->T, g->L));
	b->best = maxs;
	if (maxs == -INFINITY)
	{
		b->logz = -INFINITY;
		return;
	}
	memset(y, 0, sizeof(y));
	do
	{
		double		p = exp(path_score(g, y) - maxs);

		z += p;
		for (t = 0; t < g->T; t++)
			b->marg[t * g->L + y[t]] += p;
		for (t = 1; t < g->T; t++)
			b->pair[y[t - 1] * g->L + y[t]] += p;
		b->pstart[y[0]] += p;
		b->pend[y[g->T - 1]] += p;
	} while (next_path(y, g->T, g->L));
	for (t = 0; t < g->T * g->L; t++)
		b->marg[t] /= z;
	for (t = 0; t < g->L * g->L; t++)
		b->pair[t] /= z;
	for (t = 0; t < g->L; t++)
	{
		b->pstart[t] /= z;
		b->pend[t] /= z;
	}
	b->logz = maxs + log(z);
}

static double
fabs_rel(double a, double b)
{
	return fabs(a - b) / (1.0 + fabs(b));
}

TEST(viterbi_matches_exhaustive)
{
	PersnerCrfWork w = {0};
	int			trial;

	for (trial = 0; trial < 3000; trial++)
	{
		Lattice		g;
		Brute		b;
		int			T = 1 + (int) unit_randn(MAXT),
					L = 1 + (int) unit_randn(MAXL),
					path[MAXT];
		float		s;
		int			t;

		random_lattice(&g, T, L, trial % 3 == 0 ? 0.0 : trial % 3 == 1 ? 0.3 : 0.7);
		brute_force(&g, &b);
		CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
		s = persner_crf_viterbi(&w, g.state, g.trans, g.start, g.end, T, L, path);
		if (b.best == -INFINITY)
		{
			CHECK(s == -INFINITY);
			for (t = 0; t < T; t++)
				CHECK_EQ_INT(path[t], 0);
			continue;
		}
		for (t = 0; t < T; t++)
			CHECK(path[t] >= 0 && path[t] < L);
		/* the path is optimal and the returned score is its score */
		CHECK(fabs_rel(path_score(&g, path), b.best) < 1e-5);
		CHECK(fabs_rel(s, b.best) < 1e-5);
	}
	persner_crf_work_free(&w);
}

/* All-equal scores: ties go to the lower index, so the path is all 0. */
TEST(viterbi_ties_lower_index)
{
	PersnerCrfWork w = {0};
	float		state[6 * 4] = {0},
				trans[16] = {0},
				start[4] = {0},
				end[4] = {0};
	int			path[6],
				t;

	CHECK(persner_crf_reserve(&w, 6, 4) == PERSNER_OK);
	CHECK(persner_crf_viterbi(&w, state, trans, start, end, 6, 4, path) == 0.0f);
	for (t = 0; t < 6; t++)
		CHECK_EQ_INT(path[t], 0);
	/* forbid label 0 everywhere: the lowest remaining, 1, wins */
	for (t = 0; t < 6; t++)
		state[t * 4] = -INFINITY;
	persner_crf_viterbi(&w, state, trans, start, end, 6, 4, path);
	for (t = 0; t < 6; t++)
		CHECK_EQ_INT(path[t], 1);
	persner_crf_work_free(&w);
}

TEST(marginals_match_brute_force)
{
	PersnerCrfWork w = {0};
	int			trial;

	for (trial = 0; trial < 3000; trial++)
	{
		Lattice		g;
		Brute		b;
		int			T = 1 + (int) unit_randn(MAXT),
					L = 1 + (int) unit_randn(MAXL);
		float		marg[MAXT * MAXL];
		double		logz;
		int			t,
					j;

		random_lattice(&g, T, L, trial % 2 ? 0.0 : 0.3);
		brute_force(&g, &b);
		CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
		logz = persner_crf_marginals(&w, g.state, g.trans, g.start, g.end, T, L, marg);
		for (t = 0; t < T; t++)
		{
			double		sum = 0;

			for (j = 0; j < L; j++)
			{
				CHECK(marg[t * L + j] >= 0.0f && marg[t * L + j] <= 1.0f + 1e-6f);
				sum += marg[t * L + j];
			}
			CHECK(fabs(sum - 1.0) < 1e-5);
		}
		if (b.logz == -INFINITY)
		{
			CHECK(logz == -INFINITY);
			continue;
		}
		CHECK(fabs_rel(logz, b.logz) < 1e-5);
		for (t = 0; t < T * L; t++)
			CHECK(fabs(marg[t] - b.marg[t]) < 1e-5);
	}
	persner_crf_work_free(&w);
}

TEST(forward_backward_matches_brute_force)
{
	PersnerCrfWork w = {0};
	int			trial;

	for (trial = 0; trial < 3000; trial++)
	{
		Lattice		g;
		Brute		b;
		int			T = 1 + (int) unit_randn(MAXT),
					L = 1 + (int) unit_randn(MAXL);
		double		state[MAXT * MAXL],
					trans[MAXL * MAXL],
					start[MAXL],
					end[MAXL],
					marg[MAXT * MAXL],
					texp[MAXL * MAXL],
					sexp[MAXL],
					eexp[MAXL];
		double		logz;
		int			k;

		random_lattice(&g, T, L, trial % 2 ? 0.0 : 0.3);
		brute_force(&g, &b);
		for (k = 0; k < T * L; k++)
			state[k] = g.state[k];
		for (k = 0; k < L * L; k++)
		{
			trans[k] = g.trans[k];
			texp[k] = 1.0;		/* counts are ADDED */
		}
		for (k = 0; k < L; k++)
		{
			start[k] = g.start[k];
			end[k] = g.end[k];
			sexp[k] = eexp[k] = 2.0;
		}
		CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
		logz = persner_crf_forward_backward(&w, state, trans, start, end, T, L,
											marg, texp, sexp, eexp);
		if (b.logz == -INFINITY)
		{
			CHECK(logz == -INFINITY);
			for (k = 0; k < T * L; k++)
				CHECK(marg[k] == 0.0);
			for (k = 0; k < L * L; k++)
				CHECK(texp[k] == 1.0);
			continue;
		}
		CHECK(fabs_rel(logz, b.logz) < 1e-10);
		for (k = 0; k < T * L; k++)
			CHECK(fabs(marg[k] - b.marg[k]) < 1e-10);
		for (k = 0; k < L * L; k++)
			CHECK(fabs(texp[k] - 1.0 - b.pair[k]) < 1e-10);
		for (k = 0; k < L; k++)
		{
			CHECK(fabs(sexp[k] - 2.0 - b.pstart[k]) < 1e-10);
			CHECK(fabs(eexp[k] - 2.0 - b.pend[k]) < 1e-10);
		}
	}
	persner_crf_work_free(&w);
}

/* BIO over K types: O -> I-X, B-X -> I-Y (Y != X), I-X -> I-Y, start -> I-X forbidden */
static void
bio_masks(int K, float *trans, float *start)
{
	int			L = 1 + 2 * K,
				i,
				j;

	for (j = 0; j < L; j++)
	{
		int			isI = j > 0 && !PERSNER_TAG_IS_B(PERSNER_BIO, j);

		if (isI)
			start[j] = -INFINITY;
		for (i = 0; i < L; i++)
			if (isI && (i == 0 || PERSNER_TAG_TYPE(PERSNER_BIO, i) != PERSNER_TAG_TYPE(PERSNER_BIO, j)))
				trans[i * L + j] = -INFINITY;
	}
}

static int
bio_path_ok(const int *y, int T)
{
	int			t;

	for (t = 0; t < T; t++)
	{
		int			isI = y[t] > 0 && !PERSNER_TAG_IS_B(PERSNER_BIO, y[t]);

		if (isI && (t == 0 || y[t - 1] == 0 ||
					PERSNER_TAG_TYPE(PERSNER_BIO, y[t - 1]) != PERSNER_TAG_TYPE(PERSNER_BIO, y[t])))
			return 0;
	}
	return 1;
}

TEST(bio_constraints_respected)
{
	enum
	{
		K = 7, L = 1 + 2 * K, T = 40
	};
	PersnerCrfWork w = {0};
	float		state[T * L],
				trans[L * L],
				start[L],
				end[L],
				marg[T * L];
	int			path[T],
				trial,
				k,
				t,
				j;

	CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
	for (trial = 0; trial < 500; trial++)
	{
		/* I tags get big state scores so an unconstrained decoder wants them */
		for (k = 0; k < T * L; k++)
			state[k] = (float) unit_randf(-2, 2) + ((k % L) > 0 && (k % L) % 2 == 0 ? 3.0f : 0.0f);
		for (k = 0; k < L * L; k++)
			trans[k] = (float) unit_randf(-1, 1);
		for (k = 0; k < L; k++)
		{
			start[k] = (float) unit_randf(-1, 1);
			end[k] = (float) unit_randf(-1, 1);
		}
		bio_masks(K, trans, start);
		persner_crf_viterbi(&w, state, trans, start, end, T, L, path);
		CHECK(bio_path_ok(path, T));
		persner_crf_marginals(&w, state, trans, start, end, T, L, marg);
		/* an I tag at t = 0 is impossible */
		for (j = 1; j < L; j++)
			if (!PERSNER_TAG_IS_B(PERSNER_BIO, j))
				CHECK(marg[j] == 0.0f);
		for (t = 0; t < T; t++)
		{
			float		s = 0;

			for (j = 0; j < L; j++)
				s += marg[t * L + j];
			CHECK(fabsf(s - 1.0f) < 1e-4f);
		}
	}
	persner_crf_work_free(&w);
}

/*
 * Textbook Viterbi: for each j, the predecessors i = 0 .. L-1 one by one,
 * strict >, so the lowest index wins ties; the same float operations in
 * the same order as crf.c (v[i] + trans[i][j], then + state[t][j]).
 */
static float
reference_viterbi(const float *state, const float *trans, const float *start,
				  const float *end, int T, int L, int *path)
{
	float		v[PERSNER_NLABELS],
				vn[PERSNER_NLABELS],
				score = -INFINITY;
	int			bp[64][PERSNER_NLABELS],
				i,
				j,
				t,
				y = 0;

	for (j = 0; j < L; j++)
		v[j] = start[j] + state[j];
	for (t = 1; t < T; t++)
	{
		for (j = 0; j < L; j++)
		{
			float		b = -INFINITY;
			int			a = 0;

			for (i = 0; i < L; i++)
				if (v[i] + trans[i * L + j] > b)
				{
					b = v[i] + trans[i * L + j];
					a = i;
				}
			vn[j] = b + state[t * L + j];
			bp[t][j] = a;
		}
		memcpy(v, vn, sizeof(float) * L);
	}
	for (j = 0; j < L; j++)
		if (v[j] + end[j] > score)
		{
			score = v[j] + end[j];
			y = j;
		}
	if (!(score > -INFINITY))
	{
		for (t = 0; t < T; t++)
			path[t] = 0;
		return -INFINITY;
	}
	path[T - 1] = y;
	for (t = T - 1; t > 0; t--)
		path[t - 1] = y = bp[t][y];
	return score;
}

/* the grammar of scheme w over K types (persner.h) as -inf cells */
static void
scheme_masks(int w, int K, float *trans, float *start, float *end)
{
	int			L = PERSNER_L_OF(w, K),
				i,
				j;

	for (j = 0; j < L; j++)
	{
		if (!PERSNER_TAG_CAN_START(w, j))
			start[j] = -INFINITY;
		if (!PERSNER_TAG_CAN_END(w, j))
			end[j] = -INFINITY;
		for (i = 0; i < L; i++)
			if (!PERSNER_TAG_CAN_FOLLOW(w, i, j))
				trans[i * L + j] = -INFINITY;
	}
}

/* log(exp(a) + exp(b)) in double, -inf aware */
static double
log_add(double a, double b)
{
	double		m = a > b ? a : b;

	if (m == -INFINITY)
		return -INFINITY;
	return m + log(exp(a - m) + exp(b - m));
}

/* the textbook forward-backward in log space, double: log Z and node marginals */
static double
reference_marginals(const float *state, const float *trans, const float *start,
					const float *end, int T, int L, double *marg)
{
	static double la[64 * PERSNER_NLABELS],
				lb[64 * PERSNER_NLABELS];
	double		logz = -INFINITY;
	int			t,
				i,
				j;

	for (j = 0; j < L; j++)
		la[j] = (double) start[j] + state[j];
	for (t = 1; t < T; t++)
		for (j = 0; j < L; j++)
		{
			double		s = -INFINITY;

			for (i = 0; i < L; i++)
				s = log_add(s, la[(t - 1) * L + i] + trans[i * L + j]);
			la[t * L + j] = s + state[t * L + j];
		}
	for (j = 0; j < L; j++)
	{
		lb[(T - 1) * L + j] = end[j];
		logz = log_add(logz, la[(T - 1) * L + j] + end[j]);
	}
	for (t = T - 2; t >= 0; t--)
		for (i = 0; i < L; i++)
		{
			double		s = -INFINITY;

			for (j = 0; j < L; j++)
				s = log_add(s, trans[i * L + j] + state[(t + 1) * L + j] + lb[(t + 1) * L + j]);
			lb[t * L + i] = s;
		}
	for (t = 0; t < T * L; t++)
		marg[t] = logz == -INFINITY ? 0.0 : exp(la[t] + lb[t] - logz);
	return logz;
}

/*
 * Viterbi and the marginals skip the cells the tag scheme forbids, rows
 * and columns (crf.c, "Sparse columns"), in BIO and in BIOES: the path and
 * its score are the textbook algorithm's to the bit, the marginals and
 * log Z the textbook forward-backward's (in double) within rounding, at
 * peyma's and fa10's type counts and small ones, with ties (scores on a
 * coarse grid), forbidden states (a dictionary's masks) and one workspace
 * across models (the cache must follow them).  Small lattices are checked
 * against exhaustive search as well.
 */
TEST(sparse_schemes_equal_reference)
{
	PersnerCrfWork w = {0};
	int			trial;

	for (trial = 0; trial < 3000; trial++)
	{
		int			sch = (trial / 4) % 2 ? PERSNER_BIOES : PERSNER_BIO,
					K = trial % 4 == 0 ? 1 + (int) unit_randn(2) :
			trial % 2 ? PERSNER_NTYPES_PEYMA : PERSNER_NTYPES,
					L = PERSNER_L_OF(sch, K),
					T = 1 + (int) unit_randn(trial % 4 == 0 ? MAXT : 40),
					coarse = trial % 3 == 0,
					path[64],
					ref[64],
					k,
					t;
		float		state[64 * PERSNER_NLABELS],
					trans[PERSNER_NLABELS * PERSNER_NLABELS],
					start[PERSNER_NLABELS],
					end[PERSNER_NLABELS],
					marg[64 * PERSNER_NLABELS],
					s,
					r;
		double		rmarg[64 * PERSNER_NLABELS],
					logz,
					rlogz;

		for (k = 0; k < T * L; k++)
		{
			state[k] = coarse ? (float) unit_randn(3) : (float) unit_randf(-3, 3);
			if (unit_randf(0, 1) < 0.1)
				state[k] = -INFINITY;
		}
		for (k = 0; k < L * L; k++)
			trans[k] = coarse ? (float) unit_randn(3) - 1.0f : (float) unit_randf(-2, 2);
		for (k = 0; k < L; k++)
		{
			start[k] = coarse ? 0.0f : (float) unit_randf(-1, 1);
			end[k] = coarse ? 0.0f : (float) unit_randf(-1, 1);
		}
		scheme_masks(sch, K, trans, start, end);
		CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
		s = persner_crf_viterbi(&w, state, trans, start, end, T, L, path);
		r = reference_viterbi(state, trans, start, end, T, L, ref);
		CHECK(memcmp(&s, &r, sizeof(s)) == 0);
		for (t = 0; t < T; t++)
			CHECK_EQ_INT(path[t], ref[t]);

		logz = persner_crf_marginals(&w, state, trans, start, end, T, L, marg);
		rlogz = reference_marginals(state, trans, start, end, T, L, rmarg);
		if (rlogz == -INFINITY)
			CHECK(logz == -INFINITY);
		else
		{
			CHECK(fabs_rel(logz, rlogz) < 1e-5);
			for (k = 0; k < T * L; k++)
				CHECK(fabs(marg[k] - rmarg[k]) < 1e-4);
		}

		if (L <= MAXL && T <= MAXT)
		{
			Lattice		g;
			Brute		b;

			g.T = T;
			g.L = L;
			memcpy(g.state, state, sizeof(float) * T * L);
			memcpy(g.trans, trans, sizeof(float) * L * L);
			memcpy(g.start, start, sizeof(float) * L);
			memcpy(g.end, end, sizeof(float) * L);
			brute_force(&g, &b);
			if (b.best == -INFINITY)
				CHECK(s == -INFINITY);
			else
				CHECK(fabs_rel(path_score(&g, path), b.best) < 1e-5);
		}
	}
	persner_crf_work_free(&w);
}

TEST(empty_and_single)
{
	PersnerCrfWork w = {0};
	float		state[3] = {1, 2, 3},
				trans[9] = {0},
				start[3] = {0, 0, 0},
				end[3] = {0, 0, 0},
				marg[3] = {-7, -7, -7};
	int			path[1] = {-7};
	double		dstate[3] = {1, 2, 3},
				dtrans[9] = {0},
				dse[3] = {0},
				dm[3] = {-7, -7, -7},
				texp[9] = {0},
				sexp[3] = {0},
				eexp[3] = {0},
				z;

	/* T = 0: nothing written, result 0, even with an empty workspace */
	CHECK(persner_crf_viterbi(&w, state, trans, start, end, 0, 3, path) == 0.0f);
	CHECK_EQ_INT(path[0], -7);
	CHECK(persner_crf_marginals(&w, state, trans, start, end, 0, 3, marg) == 0.0);
	CHECK(marg[0] == -7.0f);
	CHECK(persner_crf_forward_backward(&w, dstate, dtrans, dse, dse, 0, 3, dm,
									   texp, sexp, eexp) == 0.0);
	CHECK(dm[0] == -7.0);

	CHECK(persner_crf_reserve(&w, 0, 3) == PERSNER_OK);
	CHECK(persner_crf_reserve(&w, 1, 3) == PERSNER_OK);
	CHECK(persner_crf_viterbi(&w, state, trans, start, end, 1, 3, path) == 3.0f);
	CHECK_EQ_INT(path[0], 2);
	z = persner_crf_marginals(&w, state, trans, start, end, 1, 3, marg);
	CHECK(fabs(z - log(exp(1.0) + exp(2.0) + exp(3.0))) < 1e-6);
	CHECK(fabs(marg[2] - exp(3.0) / (exp(1.0) + exp(2.0) + exp(3.0))) < 1e-6);
	z = persner_crf_forward_backward(&w, dstate, dtrans, dse, dse, 1, 3, dm,
									 texp, sexp, eexp);
	CHECK(fabs(z - log(exp(1.0) + exp(2.0) + exp(3.0))) < 1e-12);
	CHECK(fabs(sexp[2] - dm[2]) < 1e-15 && fabs(eexp[2] - dm[2]) < 1e-15);
	CHECK(texp[0] == 0.0);

	/* bad arguments */
	CHECK(persner_crf_reserve(&w, -1, 3) == PERSNER_EINVAL);
	CHECK(persner_crf_reserve(&w, 1, 0) == PERSNER_EINVAL);
	CHECK(persner_crf_reserve(&w, 1, 100000) == PERSNER_EINVAL);
	persner_crf_work_free(&w);
	persner_crf_work_free(&w);	/* twice is harmless */
}

/* A workspace that is too small is refused, not overrun. */
TEST(workspace_too_small)
{
	PersnerCrfWork w = {0};
	float		state[10 * 3] = {0},
				trans[9] = {0},
				se[3] = {0},
				marg[10 * 3];
	int			path[10],
				t;

	CHECK(persner_crf_reserve(&w, 2, 3) == PERSNER_OK);
	CHECK(persner_crf_viterbi(&w, state, trans, se, se, 10, 3, path) == -INFINITY);
	for (t = 0; t < 10; t++)
		CHECK_EQ_INT(path[t], 0);
	CHECK(persner_crf_marginals(&w, state, trans, se, se, 10, 3, marg) == -INFINITY);
	CHECK(fabsf(marg[29] - 1.0f / 3) < 1e-7f);
	persner_crf_work_free(&w);
}

/* All-forbidden rows: no NaN, rows uniform, log Z -inf; Viterbi all 0. */
TEST(all_forbidden)
{
	PersnerCrfWork w = {0};
	float		state[4 * 3],
				trans[9],
				se[3] = {0},
				marg[4 * 3];
	int			path[4],
				k;

	for (k = 0; k < 12; k++)
		state[k] = 0.0f;
	for (k = 0; k < 9; k++)
		trans[k] = 0.0f;
	state[2 * 3 + 0] = state[2 * 3 + 1] = state[2 * 3 + 2] = -INFINITY;
	CHECK(persner_crf_reserve(&w, 4, 3) == PERSNER_OK);
	CHECK(persner_crf_viterbi(&w, state, trans, se, se, 4, 3, path) == -INFINITY);
	for (k = 0; k < 4; k++)
		CHECK_EQ_INT(path[k], 0);
	CHECK(persner_crf_marginals(&w, state, trans, se, se, 4, 3, marg) == -INFINITY);
	for (k = 0; k < 12; k++)
		CHECK(marg[k] == 1.0f / 3);
	/* every transition forbidden */
	state[6] = state[7] = state[8] = 0.0f;
	for (k = 0; k < 9; k++)
		trans[k] = -INFINITY;
	CHECK(persner_crf_viterbi(&w, state, trans, se, se, 4, 3, path) == -INFINITY);
	CHECK(persner_crf_marginals(&w, state, trans, se, se, 4, 3, marg) == -INFINITY);
	for (k = 0; k < 12; k++)
		CHECK(!isnan(marg[k]));
	persner_crf_work_free(&w);
}

/* Hostile floats: nothing crashes, labels stay in range, marginals are not NaN. */
TEST(hostile_floats)
{
	static const float nasty[] = {NAN, INFINITY, -INFINITY, 1e38f, -1e38f, 3e38f,
	-3e38f, 1e-45f, 0.0f, -0.0f, 88.7f, -87.5f, 1.0f};
	enum
	{
		T = 7, L = 6
	};
	PersnerCrfWork w = {0};
	float		state[T * L],
				trans[L * L],
				start[L],
				end[L],
				marg[T * L];
	double		dstate[T * L],
				dtrans[L * L],
				dstart[L],
				dend[L],
				dmarg[T * L],
				texp[L * L] = {0},
				sexp[L] = {0},
				eexp[L] = {0};
	int			path[T],
				trial,
				k;
	const int	nn = (int) (sizeof(nasty) / sizeof(nasty[0]));

	CHECK(persner_crf_reserve(&w, T, L) == PERSNER_OK);
	for (trial = 0; trial < 2000; trial++)
	{
		double		p = unit_randf(0, 1);

#define PICK() (unit_randf(0, 1) < p ? nasty[unit_randn(nn)] : (float) unit_randf(-5, 5))
		for (k = 0; k < T * L; k++)
			dstate[k] = state[k] = PICK();
		for (k = 0; k < L * L; k++)
			dtrans[k] = trans[k] = PICK();
		for (k = 0; k < L; k++)
		{
			dstart[k] = start[k] = PICK();
			dend[k] = end[k] = PICK();
		}
#undef PICK
		persner_crf_viterbi(&w, state, trans, start, end, T, L, path);
		for (k = 0; k < T; k++)
			CHECK(path[k] >= 0 && path[k] < L);
		persner_crf_marginals(&w, state, trans, start, end, T, L, marg);
		for (k = 0; k < T * L; k++)
			CHECK(!isnan(marg[k]));
		persner_crf_forward_backward(&w, dstate, dtrans, dstart, dend, T, L,
									 dmarg, texp, sexp, eexp);
	}
	persner_crf_work_free(&w);
}

/* Allocation failures: ENOMEM, nothing leaked, the old buffers survive. */
TEST(alloc_failures)
{
	long		n;

	for (n = 0; n < 6; n++)
	{
		PersnerCrfWork w = {0};
		PersnerStatus st;

		unit_fail_nth(n);
		unit_live = 0;
		st = persner_crf_reserve(&w, 10, 5);
		CHECK(n < 3 ? st == PERSNER_ENOMEM : st == PERSNER_OK);
		/* a larger reserve may fail again; the workspace stays consistent */
		st = persner_crf_reserve(&w, 50, 15);
		CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
		persner_crf_work_free(&w);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
	}
	/* after a failed grow the workspace still serves the old size */
	{
		PersnerCrfWork w = {0};
		float		state[4] = {0, 1, 1, 0},
					trans[4] = {0},
					se[2] = {0};
		int			path[2];

		unit_fail_nth(3);
		CHECK(persner_crf_reserve(&w, 2, 2) == PERSNER_OK);
		CHECK(persner_crf_reserve(&w, 1000, 2) == PERSNER_ENOMEM);
		CHECK(persner_crf_viterbi(&w, state, trans, se, se, 2, 2, path) == 2.0f);
		CHECK_EQ_INT(path[0], 1);
		CHECK_EQ_INT(path[1], 0);
		persner_crf_work_free(&w);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
	}
}

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * Speed of Viterbi + marginals on 30-token sentences of K types (L = 2K + 1)
 * with the BIO constraints (not a check)
 */
#define BENCH_T		30
#define BENCH_NS	64
#define BENCH_MAXL	PERSNER_NLABELS

static void
bench(int K)
{
	static float state[BENCH_NS][BENCH_T * BENCH_MAXL],
				marg[BENCH_T * BENCH_MAXL];
	float		trans[BENCH_MAXL * BENCH_MAXL],
				start[BENCH_MAXL],
				end[BENCH_MAXL];
	int			L = 1 + 2 * K,
				T = BENCH_T,
				path[BENCH_T],
				k,
				s,
				rep,
				reps = 20000;
	PersnerCrfWork w = {0};
	double		t0,
				tv,
				tm,
				sink = 0;

	for (s = 0; s < BENCH_NS; s++)
		for (k = 0; k < T * L; k++)
			state[s][k] = (float) unit_randf(-4, 4);
	for (k = 0; k < L * L; k++)
		trans[k] = (float) unit_randf(-2, 2);
	for (k = 0; k < L; k++)
		start[k] = end[k] = (float) unit_randf(-1, 1);
	bio_masks(K, trans, start);
	persner_crf_reserve(&w, T, L);

	t0 = now_sec();
	for (rep = 0; rep < reps; rep++)
		sink += persner_crf_viterbi(&w, state[rep % BENCH_NS], trans, start, end, T, L, path) + path[3];
	tv = now_sec() - t0;
	t0 = now_sec();
	for (rep = 0; rep < reps; rep++)
		sink += persner_crf_marginals(&w, state[rep % BENCH_NS], trans, start, end, T, L, marg) + marg[7];
	tm = now_sec() - t0;
	printf("# bench L=%d T=%d: viterbi %.1f ns/token, marginals %.1f ns/token, "
		   "together %.1f ns/token (%g)\n", L, T,
		   tv * 1e9 / ((double) reps * T), tm * 1e9 / ((double) reps * T),
		   (tv + tm) * 1e9 / ((double) reps * T), sink);
	persner_crf_work_free(&w);
}

/* the entities of a tag path, BIO and BIOES: where a mention begins and ends */
TEST(spans_of_both_schemes)
{
	/* K = 2; BIO: B-0 I-0 B-0 O I-1 I-1 B-1, and junk (an index >= L) */
	static const int bio[] = {1, 2, 1, 0, 4, 4, 3, 99};
	/* BIOES: B-0 E-0 S-0 S-0 O I-1 E-1 B-1 I-1 (ends open), and E-1 after O */
	static const int bioes[] = {1, 3, 4, 4, 0, 6, 7, 5, 6, 0, 7};
	PersnerSpan sp[16];

	CHECK_EQ_INT(persner_spans(bio, NULL, 8, PERSNER_BIO, 5, sp), 4);
	CHECK(sp[0].beg == 0 && sp[0].end == 2 && sp[0].type == 0);
	CHECK(sp[1].beg == 2 && sp[1].end == 3 && sp[1].type == 0);
	CHECK(sp[2].beg == 4 && sp[2].end == 6 && sp[2].type == 1);	/* an I- after O opens one */
	CHECK(sp[3].beg == 6 && sp[3].end == 7 && sp[3].type == 1);

	CHECK_EQ_INT(persner_spans(bioes, NULL, 11, PERSNER_BIOES, 9, sp), 6);
	CHECK(sp[0].beg == 0 && sp[0].end == 2 && sp[0].type == 0);
	CHECK(sp[1].beg == 2 && sp[1].end == 3);	/* S- S-: two mentions */
	CHECK(sp[2].beg == 3 && sp[2].end == 4);
	CHECK(sp[3].beg == 5 && sp[3].end == 7 && sp[3].type == 1);
	CHECK(sp[4].beg == 7 && sp[4].end == 9 && sp[4].type == 1);	/* its own B- after an E- */
	CHECK(sp[5].beg == 10 && sp[5].end == 11 && sp[5].type == 1);
	for (int t = 0; t < 11; t++)	/* the BIO tags users see: the same mentions */
	{
		int			b = PERSNER_TAG_AS_BIO(PERSNER_BIOES, bioes[t]);

		CHECK(bioes[t] == 0 ? b == 0 : PERSNER_TAG_TYPE(PERSNER_BIO, b) == PERSNER_TAG_TYPE(PERSNER_BIOES, bioes[t]));
	}
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
	{
		bench(PERSNER_NTYPES_PEYMA);	/* peyma: L = 15 */
		bench(PERSNER_NTYPES);	/* fa10: L = 21 */
		return 0;
	}
	RUN(viterbi_matches_exhaustive);
	RUN(viterbi_ties_lower_index);
	RUN(marginals_match_brute_force);
	RUN(forward_backward_matches_brute_force);
	RUN(bio_constraints_respected);
	RUN(sparse_schemes_equal_reference);
	RUN(empty_and_single);
	RUN(workspace_too_small);
	RUN(all_forbidden);
	RUN(hostile_floats);
	RUN(alloc_failures);
	RUN(spans_of_both_schemes);
	UNIT_DONE();
}
