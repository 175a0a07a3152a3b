/*
 * brown.c - a merge tree over the exchange classes (persner_brown_merge)
 *
 * The objective is clusters.c's: with N(c1,c2) the class-bigram counts
 * (sentences wrapped in a boundary class B that is never merged) and N(c)
 * the tokens of class c,
 *
 *   F = sum_{c1,c2} f(N(c1,c2)) - 2 sum_c f(N(c)),     f(x) = x log x.
 *
 * Merging classes p and q into one changes only the cells of rows p, q and
 * columns p, q and the two unigram terms:
 *
 *   D(p,q) = sum_{d != p,q} [g(N(p,d), N(q,d)) + g(N(d,p), N(d,q))]
 *          + f(N(p,p) + N(p,q) + N(q,p) + N(q,q))
 *              - f(N(p,p)) - f(N(p,q)) - f(N(q,p)) - f(N(q,q))
 *          - 2 g(N(p), N(q)),                    g(x, y) = f(x+y) - f(x) - f(y)
 *
 * with d running over every other class and B.  Each step merges the pair
 * of highest D (the least loss; the lowest indices among equals) and the
 * lower index survives.
 *
 * The cache.  Computing every D afresh costs O(C) per pair, O(C^3) per
 * step and O(C^4) in all.  But when i and j merge into i, the D of a pair
 * (p,q) that meets neither changes only in its terms d = i and d = j, which
 * become one term d = i with the summed counts:
 *
 *   D'(p,q) = D(p,q) - X(p,q,i) - X(p,q,j) + X'(p,q,i),
 *   X(p,q,d) = g(N(p,d), N(q,d)) + g(N(d,p), N(d,q)),
 *
 * where X' reads N(p,i) + N(p,j) for N(p,i) and so on: O(1) a pair from the
 * counts before the merge.  The pairs with i are computed afresh (O(C)
 * each).  A step costs O(C^2) and the whole tree O(C^3): at C = 256 a few
 * hundred million table lookups at most.  The updated D differ from fresh
 * ones only by rounding, and the same input gives the same sums in the
 * same order, so the tree is deterministic.
 *
 * The paths.  Merge k joins two subtrees under a new node; replaying the
 * merges from the last to the first splits the root again: the survivor's
 * side takes bit 0 and the merged class's side bit 1.
 */
#include "brown.h"

#include <math.h>
#include <string.h>

#include "clusters.h"
#include "model.h"

typedef struct Brown
{
	size_t		C1;				/* C + 1: row length; class C is the boundary */
	uint32_t   *N;				/* [C1][C1] N(c1,c2) */
	uint32_t   *Nc;				/* [C1] tokens per class (row sums) */
	double	   *F;				/* [nbig+1] f(x) = x log x */
	double	   *D;				/* [C][C] D(p,q) for p < q */
	uint32_t   *act;			/* [C] active classes, ascending */
} Brown;

static inline double
g2(const double *F, uint32_t x, uint32_t y)
{
	return F[x + y] - F[x] - F[y];
}

/* X(p,q,d) */
static inline double
cross(const Brown *b, size_t p, size_t q, size_t d)
{
	const uint32_t *N = b->N;
	size_t		C1 = b->C1;

	return g2(b->F, N[p * C1 + d], N[q * C1 + d]) + g2(b->F, N[d * C1 + p], N[d * C1 + q]);
}

/* X'(p,q,i) after i and j merge, from the counts before */
static inline double
cross_merged(const Brown *b, size_t p, size_t q, size_t i, size_t j)
{
	const uint32_t *N = b->N;
	size_t		C1 = b->C1;

	return g2(b->F, N[p * C1 + i] + N[p * C1 + j], N[q * C1 + i] + N[q * C1 + j]) +
		g2(b->F, N[i * C1 + p] + N[j * C1 + p], N[i * C1 + q] + N[j * C1 + q]);
}

/* D(p,q) afresh; rows and columns of merged-away classes are zero */
static double
pair_delta(const Brown *b, size_t p, size_t q)
{
	const uint32_t *N = b->N;
	const double *F = b->F;
	size_t		C1 = b->C1,
				d;
	uint32_t	pp = N[p * C1 + p],
				pq = N[p * C1 + q],
				qp = N[q * C1 + p],
				qq = N[q * C1 + q];
	double		s = 0.0;

	for (d = 0; d < C1; d++)
		if (d != p && d != q)
			s += cross(b, p, q, d);
	s += F[pp + pq + qp + qq] - F[pp] - F[pq] - F[qp] - F[qq];
	return s - 2.0 * g2(F, b->Nc[p], b->Nc[q]);
}

/* class-bigram counts of the stream (boundary runs count once); sets *nbig */
static void
count_bigrams(Brown *b, const uint32_t *stream, size_t n, const uint32_t *cls,
			  size_t *nbig)
{
	size_t		C1 = b->C1,
				B = C1 - 1,
				prev = B,
				i;

	*nbig = 0;
	for (i = 0; i < n; i++)
	{
		size_t		c = stream[i] == PERSNER_CLUSTER_BOUNDARY ? B : cls[stream[i]];

		if (c == B && prev == B)
			continue;
		b->N[prev * C1 + c]++;
		b->Nc[prev]++;
		(*nbig)++;
		prev = c;
	}
	if (prev != B)
	{
		b->N[prev * C1 + B]++;
		b->Nc[prev]++;
		(*nbig)++;
	}
}

PersnerStatus
persner_brown_merge(const uint32_t *stream, size_t n, uint32_t V,
					const uint32_t *cls, uint32_t C, uint32_t *merges)
{
	Brown		b;
	PersnerStatus st = PERSNER_ENOMEM;
	size_t		C1,
				nbig,
				i,
				nact;
	uint32_t	step;

	if (C == 0 || (stream == NULL && n > 0) || (cls == NULL && V > 0) ||
		(merges == NULL && C > 1) || n >= (size_t) UINT32_MAX - 1)
		return PERSNER_EINVAL;
	for (i = 0; i < n; i++)
		if (stream[i] >= V && stream[i] != PERSNER_CLUSTER_BOUNDARY)
			return PERSNER_EINVAL;
	for (i = 0; i < V; i++)
		if (cls[i] >= C)
			return PERSNER_EINVAL;
	if (C == 1)
		return PERSNER_OK;

	memset(&b, 0, sizeof(b));
	b.C1 = C1 = (size_t) C + 1;
	b.N = persner_calloc(C1 * C1, sizeof(uint32_t));
	b.Nc = persner_calloc(C1, sizeof(uint32_t));
	b.D = persner_calloc((size_t) C * C, sizeof(double));
	b.act = persner_alloc((size_t) C * sizeof(uint32_t));
	if (b.N == NULL || b.Nc == NULL || b.D == NULL || b.act == NULL)
		goto done;
	count_bigrams(&b, stream, n, cls, &nbig);
	b.F = persner_alloc((nbig + 1) * sizeof(double));
	if (b.F == NULL)
		goto done;
	b.F[0] = 0.0;
	for (i = 1; i <= nbig; i++)
		b.F[i] = (double) i * log((double) i);

	nact = C;
	for (i = 0; i < C; i++)
		b.act[i] = (uint32_t) i;
	for (i = 0; i < C; i++)
	{
		size_t		q;

		for (q = i + 1; q < C; q++)
			b.D[i * C + q] = pair_delta(&b, i, q);
	}

	for (step = 0; step + 1 < C; step++)
	{
		size_t		bi = 0,
					bj = 1,
					a,
					c,
					d,
					mi,
					mj;
		double		best;

		/* the pair of least loss; the scan is in ascending order, so ties keep the first */
		best = b.D[(size_t) b.act[0] * C + b.act[1]];
		for (a = 0; a < nact; a++)
			for (c = a + 1; c < nact; c++)
				if (b.D[(size_t) b.act[a] * C + b.act[c]] > best)
				{
					best = b.D[(size_t) b.act[a] * C + b.act[c]];
					bi = a, bj = c;
				}
		mi = b.act[bi];
		mj = b.act[bj];
		merges[2 * (size_t) step] = (uint32_t) mi;
		merges[2 * (size_t) step + 1] = (uint32_t) mj;

		/* the pairs that meet neither: their terms d = mi, mj become one */
		for (a = 0; a < nact; a++)
		{
			size_t		p = b.act[a];

			if (p == mi || p == mj)
				continue;
			for (c = a + 1; c < nact; c++)
			{
				size_t		q = b.act[c];

				if (q == mi || q == mj)
					continue;
				b.D[p * C + q] += cross_merged(&b, p, q, mi, mj) -
					cross(&b, p, q, mi) - cross(&b, p, q, mj);
			}
		}

		/* rows, then columns: the diagonal gathers all four cells */
		for (d = 0; d < C1; d++)
		{
			b.N[mi * C1 + d] += b.N[mj * C1 + d];
			b.N[mj * C1 + d] = 0;
		}
		for (d = 0; d < C1; d++)
		{
			b.N[d * C1 + mi] += b.N[d * C1 + mj];
			b.N[d * C1 + mj] = 0;
		}
		b.Nc[mi] += b.Nc[mj];
		b.Nc[mj] = 0;
		memmove(b.act + bj, b.act + bj + 1, (nact - bj - 1) * sizeof(uint32_t));
		nact--;

		/* the pairs with the merged class, afresh */
		for (a = 0; a < nact; a++)
		{
			size_t		p = b.act[a];

			if (p < mi)
				b.D[p * C + mi] = pair_delta(&b, p, mi);
			else if (p > mi)
				b.D[mi * C + p] = pair_delta(&b, mi, p);
		}
	}
	st = PERSNER_OK;

done:
	persner_free_all((void *[]) {b.N, b.Nc, b.F, b.D, b.act}, 5);
	return st;
}

PersnerStatus
persner_brown_paths(const uint32_t *merges, uint32_t C, uint32_t *path)
{
	uint32_t	k,
				c;

	if (C == 0 || path == NULL || (merges == NULL && C > 1))
		return PERSNER_EINVAL;
	/* UINT32_MAX: not split off yet; the root is the last survivor */
	for (c = 0; c < C; c++)
		path[c] = UINT32_MAX;
	c = C == 1 ? 0 : merges[2 * (size_t) (C - 2)];
	if (c >= C)
		return PERSNER_EINVAL;
	path[c] = PERSNER_BROWN_VALUE(0, 0);
	for (k = C - 1; k-- > 0;)
	{
		uint32_t	i = merges[2 * (size_t) k],
					j = merges[2 * (size_t) k + 1],
					v,
					len;

		if (i >= C || j >= C || i == j || path[i] == UINT32_MAX || path[j] != UINT32_MAX)
			return PERSNER_EINVAL;
		v = path[i];
		len = PERSNER_BROWN_LEN(v);
		if (len < PERSNER_BROWN_MAX_BITS)
		{
			path[i] = PERSNER_BROWN_VALUE(PERSNER_BROWN_BITS(v), len + 1);
			path[j] = PERSNER_BROWN_VALUE(PERSNER_BROWN_BITS(v) | 1u << len, len + 1);
		}
		else
			path[j] = v;
	}
	return PERSNER_OK;
}
