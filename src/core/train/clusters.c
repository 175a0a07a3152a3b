/*
 * clusters.c - word classes by the exchange algorithm (persner_clusters_exchange)
 *
 * The model.  A class-bigram model predicts word w_i from the class of the
 * word before it: p(w_i | w_{i-1}) = p(c(w_i) | c(w_{i-1})) p(w_i | c(w_i)).
 * With maximum-likelihood estimates its log-likelihood on the training
 * stream is, up to terms that do not depend on the clustering,
 *
 *   F = sum_{c1,c2} f(N(c1,c2)) - 2 sum_c f(N(c)),     f(x) = x log x
 *
 * where N(c1,c2) counts bigrams whose words lie in classes c1 and c2 and
 * N(c) counts tokens in class c (Martin, Liermann & Ney 1998, "two-sided"
 * form).  Sentence boundaries: every sentence is wrapped in a boundary
 * token that belongs to an extra class B = C of its own, which never
 * changes (so "<s> w" and "w </s>" are bigrams too: sentence-initial and
 * sentence-final behaviour is evidence).  Then every token of a word class
 * has exactly one left and one right neighbour, N(c) = sum_d N(c,d) =
 * sum_d N(d,c), and the formula above is exact; the boundary class adds a
 * constant.  A run of boundaries counts as one; the stream need not start
 * or end with one.
 *
 * The exchange step.  Take word w (n_w tokens) out of its class a.  Let
 * R[d] be the number of bigrams (w, v) with v != w in class d, L[d] those
 * (u, w) with u != w in class d, and s the number of (w, w) bigrams.
 * Putting w into class b changes N(b,d) by R[d], N(d,b) by L[d], N(b,b) by
 * R[b] + L[b] + s and N(b) by n_w, so the gain is
 *
 *   G(b) = sum_{d: R[d]>0} [f(N(b,d)+R[d]) - f(N(b,d))]
 *        + sum_{d: L[d]>0} [f(N(d,b)+L[d]) - f(N(d,b))]
 *        + f(x+R[b]+L[b]+s) - f(x+R[b]) - f(x+L[b]) + f(x)     (x = N(b,b),
 *          the diagonal counted once instead of twice)
 *        - 2 [f(N(b)+n_w) - f(N(b))]
 *
 * Only the classes adjacent to w appear, so one word costs
 * O((|R| + |L|) * C) with |R|, |L| the numbers of neighbour classes; the
 * loops run over contiguous rows of N and of its transpose, and f of an
 * integer is a table lookup.  w goes to the b of highest gain (lowest index
 * among equals) only if that beats going back to a by more than a rounding
 * margin, so F never decreases and the algorithm stops.  A word that is
 * alone in its class is not moved, so no class empties once filled.
 *
 * Initial assignment (deterministic): words ranked by token count
 * (descending, ties by id); the C-1 most frequent each get a class of
 * their own (classes 0..C-2) and all others share class C-1 (Martin et
 * al.'s choice).  Words that never occur in the stream stay where they
 * start and are never visited.
 *
 * Neighbour lists.  The stream is read once into compressed rows: for each
 * word (and the boundary, id V) its distinct successors with counts, and
 * the transpose, its distinct predecessors.  Memory is O(n + V + C^2): at
 * most 24 bytes per token (successor and predecessor rows, the table of
 * f(0..n)), plus two (C+1) x (C+1) matrices of 32-bit counts.
 *
 * Cost.  One pass is sum_w (|R_w| + |L_w|) * C table lookups.  On 1.6M
 * tokens of Persian news (V = 21,320 words of count >= 3, C = 256) a pass
 * takes about 0.17 s and the objective stops improving after about 20
 * passes; C = 1000 costs about 4 times as much.
 */
#include "clusters.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* a gain must beat staying put by this much (rounding margin) to move */
#define EXCH_EPS	1e-6

typedef struct Exchange
{
	size_t		V;				/* words; id V is the boundary */
	size_t		C;				/* word classes; class C is the boundary */
	size_t		C1;				/* C + 1: row length of the matrices */
	size_t		nbig;			/* bigrams in the stream */

	size_t	   *soff;			/* [V+2] row starts of successors */
	uint32_t   *sw;				/* [nbig] successor word */
	uint32_t   *sk;				/* [nbig] bigram count */
	size_t	   *poff;			/* [V+2] row starts of predecessors */
	uint32_t   *pw;				/* [nbig] predecessor word */
	uint32_t   *pk;				/* [nbig] bigram count */
	uint32_t   *wcount;			/* [V] tokens of each word */

	uint32_t   *cls;			/* [V+1] class of each word; cls[V] = C */
	uint32_t   *N;				/* [C1][C1] N(c1,c2) */
	uint32_t   *NT;				/* [C1][C1] transpose: NT[c2][c1] = N(c1,c2) */
	uint32_t   *Nc;				/* [C1] tokens per class */
	uint32_t   *csize;			/* [C] words (that occur) per class */
	double	   *F;				/* [nbig+1] f(x) = x log x */

	uint32_t   *R;				/* [C1] right-neighbour class counts of w */
	uint32_t   *L;				/* [C1] left-neighbour class counts of w */
	uint32_t   *rsup;			/* [C1] classes d with R[d] > 0 */
	uint32_t   *lsup;			/* [C1] classes d with L[d] > 0 */
	double	   *gain;			/* [C] G(b) */
} Exchange;

static void
exchange_free(Exchange *x)
{
	persner_free(x->soff);
	persner_free(x->sw);
	persner_free(x->sk);
	persner_free(x->poff);
	persner_free(x->pw);
	persner_free(x->pk);
	persner_free(x->wcount);
	persner_free(x->cls);
	persner_free(x->N);
	persner_free(x->NT);
	persner_free(x->Nc);
	persner_free(x->csize);
	persner_free(x->F);
	persner_free(x->R);
	persner_free(x->L);
	persner_free(x->rsup);
	persner_free(x->lsup);
	persner_free(x->gain);
}

/*
 * build_neighbours - successor and predecessor rows from the stream
 *
 * Bigrams are read with the boundary as word V: "<s> w1 ... wk </s>" with
 * runs of boundaries collapsed.  Fills soff/sw/sk, poff/pw/pk, wcount and
 * nbig.  Rows are in order of first occurrence (successors) and ascending
 * predecessor id; both orders are deterministic.  Returns PERSNER_OK or
 * PERSNER_ENOMEM (the caller frees what was allocated).
 */
static PersnerStatus
build_neighbours(Exchange *x, const uint32_t *stream, size_t n)
{
	size_t		V = x->V;
	size_t		nbig = 0;
	uint32_t	prev;
	uint32_t   *raw;			/* [nbig] successors bucketed by predecessor */
	size_t	   *fill;			/* [V+1] write positions */
	uint32_t   *slot;			/* [V+1] position of a successor in its row */
	size_t		i,
				u,
				j,
				out;

	/* pass 1: bigrams per left word */
	x->soff = persner_calloc(V + 2, sizeof(size_t));
	x->poff = persner_calloc(V + 2, sizeof(size_t));
	x->wcount = persner_calloc(V + 1, sizeof(uint32_t));
	if (x->soff == NULL || x->poff == NULL || x->wcount == NULL)
		return PERSNER_ENOMEM;
	prev = (uint32_t) V;
	for (i = 0; i < n; i++)
	{
		uint32_t	t = stream[i];

		if (t == PERSNER_CLUSTER_BOUNDARY)
		{
			if (prev == V)
				continue;
			t = (uint32_t) V;
		}
		else
			x->wcount[t]++;
		x->soff[prev + 1]++;
		nbig++;
		prev = t;
	}
	if (prev != V)
	{
		x->soff[prev + 1]++;
		nbig++;
	}
	x->nbig = nbig;
	if (nbig == 0)
		return PERSNER_OK;		/* no words: rows stay empty */
	for (u = 0; u <= V; u++)
		x->soff[u + 1] += x->soff[u];

	/* pass 2: successors bucketed by predecessor */
	raw = persner_alloc(nbig * sizeof(uint32_t));
	fill = persner_alloc((V + 1) * sizeof(size_t));
	slot = persner_alloc((V + 1) * sizeof(uint32_t));
	x->sw = persner_alloc(nbig * sizeof(uint32_t));
	x->sk = persner_alloc(nbig * sizeof(uint32_t));
	if (raw == NULL || fill == NULL || slot == NULL ||
		x->sw == NULL || x->sk == NULL)
	{
		persner_free(raw);
		persner_free(fill);
		persner_free(slot);
		return PERSNER_ENOMEM;
	}
	memcpy(fill, x->soff, (V + 1) * sizeof(size_t));
	prev = (uint32_t) V;
	for (i = 0; i < n; i++)
	{
		uint32_t	t = stream[i];

		if (t == PERSNER_CLUSTER_BOUNDARY)
		{
			if (prev == V)
				continue;
			t = (uint32_t) V;
		}
		raw[fill[prev]++] = t;
		prev = t;
	}
	if (prev != V)
		raw[fill[prev]++] = (uint32_t) V;

	/* pass 3: merge repeated successors; rows shrink, so compact in place */
	for (u = 0; u <= V; u++)
		slot[u] = UINT32_MAX;
	out = 0;
	for (u = 0; u <= V; u++)
	{
		size_t		beg = x->soff[u],
					end = x->soff[u + 1];

		x->soff[u] = out;
		for (j = beg; j < end; j++)
		{
			uint32_t	v = raw[j];

			if (slot[v] == UINT32_MAX)
			{
				slot[v] = (uint32_t) (out - x->soff[u]);
				x->sw[out] = v;
				x->sk[out] = 1;
				out++;
			}
			else
				x->sk[x->soff[u] + slot[v]]++;
		}
		for (j = x->soff[u]; j < out; j++)
			slot[x->sw[j]] = UINT32_MAX;
	}
	x->soff[V + 1] = out;
	persner_free(raw);
	persner_free(slot);

	/* predecessors: the transpose, rows in ascending predecessor id */
	x->pw = persner_alloc(out * sizeof(uint32_t));
	x->pk = persner_alloc(out * sizeof(uint32_t));
	if (x->pw == NULL || x->pk == NULL)
	{
		persner_free(fill);
		return PERSNER_ENOMEM;
	}
	for (j = 0; j < out; j++)
		x->poff[x->sw[j] + 1]++;
	for (u = 0; u <= V; u++)
		x->poff[u + 1] += x->poff[u];
	memcpy(fill, x->poff, (V + 1) * sizeof(size_t));
	for (u = 0; u <= V; u++)
	{
		for (j = x->soff[u]; j < x->soff[u + 1]; j++)
		{
			size_t		p = fill[x->sw[j]]++;

			x->pw[p] = (uint32_t) u;
			x->pk[p] = x->sk[j];
		}
	}
	persner_free(fill);
	return PERSNER_OK;
}

/* rank order: more tokens first, then lower id */
static const uint32_t *rank_counts;

static int
rank_cmp(const void *a, const void *b)
{
	uint32_t	i = *(const uint32_t *) a,
				j = *(const uint32_t *) b;

	if (rank_counts[i] != rank_counts[j])
		return rank_counts[i] > rank_counts[j] ? -1 : 1;
	return i < j ? -1 : (i > j ? 1 : 0);
}

/*
 * init_classes - the initial assignment and the class counts it implies
 *
 * The C-1 most frequent words get classes 0..C-2, the rest class C-1.
 * Returns PERSNER_OK or PERSNER_ENOMEM.
 */
static PersnerStatus
init_classes(Exchange *x)
{
	size_t		V = x->V,
				C = x->C,
				C1 = x->C1;
	uint32_t   *order;
	size_t		i,
				u,
				j;

	order = persner_alloc(V * sizeof(uint32_t));
	if (order == NULL)
		return PERSNER_ENOMEM;
	for (i = 0; i < V; i++)
		order[i] = (uint32_t) i;
	/* qsort with a total order (ties broken by id) is deterministic */
	rank_counts = x->wcount;
	qsort(order, V, sizeof(uint32_t), rank_cmp);
	rank_counts = NULL;
	for (i = 0; i < V; i++)
		x->cls[order[i]] = (uint32_t) (i < C - 1 ? i : C - 1);
	x->cls[V] = (uint32_t) C;
	persner_free(order);

	for (u = 0; u < V; u++)
	{
		if (x->wcount[u] == 0)
			continue;
		x->csize[x->cls[u]]++;
		x->Nc[x->cls[u]] += x->wcount[u];
	}
	for (u = 0; u <= V; u++)
	{
		size_t		cu = x->cls[u];

		for (j = x->soff[u]; j < x->soff[u + 1]; j++)
		{
			size_t		cv = x->cls[x->sw[j]];

			x->N[cu * C1 + cv] += x->sk[j];
			x->NT[cv * C1 + cu] += x->sk[j];
		}
	}
	return PERSNER_OK;
}

/*
 * apply_word - add (sign > 0) or remove (sign < 0) word w's bigrams to or
 * from class b, given its gathered neighbour classes R, L and self-loops s
 */
static void
apply_word(Exchange *x, size_t b, uint32_t nw, uint32_t nr, uint32_t nl,
		   uint32_t s, int sign)
{
	size_t		C1 = x->C1;
	uint32_t	k;

	/*
	 * The counts are unsigned: adding the negation of a count subtracts it
	 * (arithmetic modulo 2^32, exact), so one loop serves both signs.
	 */
#define SIGNED(v)	(sign > 0 ? (uint32_t) (v) : -(uint32_t) (v))
	for (k = 0; k < nr; k++)
	{
		size_t		d = x->rsup[k];
		uint32_t	r = SIGNED(x->R[d]);

		x->N[b * C1 + d] += r;
		x->NT[d * C1 + b] += r;
	}
	for (k = 0; k < nl; k++)
	{
		size_t		d = x->lsup[k];
		uint32_t	l = SIGNED(x->L[d]);

		x->N[d * C1 + b] += l;
		x->NT[b * C1 + d] += l;
	}
	x->N[b * C1 + b] += SIGNED(s);
	x->NT[b * C1 + b] += SIGNED(s);
	x->Nc[b] += SIGNED(nw);
	x->csize[b] += SIGNED(1);
#undef SIGNED
}

/*
 * exchange_word - one exchange step for word w; returns 1 if w moved
 */
static int
exchange_word(Exchange *x, uint32_t w)
{
	size_t		C = x->C,
				C1 = x->C1;
	uint32_t	nw = x->wcount[w];
	uint32_t	a = x->cls[w];
	uint32_t	nr = 0,
				nl = 0,
				s = 0;
	const double *F = x->F;
	double	   *gain = x->gain;
	size_t		j,
				b,
				best;
	uint32_t	k;

	if (nw == 0 || x->csize[a] <= 1)
		return 0;

	/* gather neighbour classes (self-loops apart, counted once) */
	for (j = x->soff[w]; j < x->soff[w + 1]; j++)
	{
		uint32_t	v = x->sw[j];
		uint32_t	d;

		if (v == w)
		{
			s += x->sk[j];
			continue;
		}
		d = x->cls[v];
		if (x->R[d] == 0)
			x->rsup[nr++] = d;
		x->R[d] += x->sk[j];
	}
	for (j = x->poff[w]; j < x->poff[w + 1]; j++)
	{
		uint32_t	u = x->pw[j];
		uint32_t	d;

		if (u == w)
			continue;
		d = x->cls[u];
		if (x->L[d] == 0)
			x->lsup[nl++] = d;
		x->L[d] += x->pk[j];
	}

	apply_word(x, a, nw, nr, nl, s, -1);

	/* G(b) for every class b, as in the essay at the top */
	for (b = 0; b < C; b++)
	{
		uint32_t	c = x->Nc[b];

		gain[b] = -2.0 * (F[c + nw] - F[c]);
	}
	for (k = 0; k < nr; k++)
	{
		uint32_t	d = x->rsup[k];
		uint32_t	r = x->R[d];
		const uint32_t *col = x->NT + (size_t) d * C1;	/* N(., d) */

		for (b = 0; b < C; b++)
			gain[b] += F[col[b] + r] - F[col[b]];
	}
	for (k = 0; k < nl; k++)
	{
		uint32_t	d = x->lsup[k];
		uint32_t	l = x->L[d];
		const uint32_t *row = x->N + (size_t) d * C1;	/* N(d, .) */

		for (b = 0; b < C; b++)
			gain[b] += F[row[b] + l] - F[row[b]];
	}
	for (b = 0; b < C; b++)
	{
		uint32_t	d = x->N[b * C1 + b];
		uint32_t	r = x->R[b],
					l = x->L[b];

		gain[b] += F[d + r + l + s] - F[d + r] - F[d + l] + F[d];
	}

	best = 0;
	for (b = 1; b < C; b++)
		if (gain[b] > gain[best])
			best = b;
	if (!(gain[best] > gain[a] + EXCH_EPS))
		best = a;

	apply_word(x, best, nw, nr, nl, s, +1);
	x->cls[w] = (uint32_t) best;

	for (k = 0; k < nr; k++)
		x->R[x->rsup[k]] = 0;
	for (k = 0; k < nl; k++)
		x->L[x->lsup[k]] = 0;
	return best != a;
}

/*
 * persner_clusters_exchange - cluster V words into C classes
 *
 * See clusters.h.  iters >= 0 passes at most (0 returns the initial
 * assignment); a pass visits word ids in ascending order and the loop
 * stops early after a pass in which no word moved.  PERSNER_EINVAL for
 * C = 0, iters < 0, a NULL pointer (stream may be NULL only when n = 0),
 * a word id >= V in the stream, or a stream of 2^32 - 1 tokens or more
 * (counts are 32-bit).  All memory goes through persner_alloc and is
 * freed before returning; cls_out is written only on PERSNER_OK.
 */
PersnerStatus
persner_clusters_exchange(const uint32_t *stream, size_t n,
						  uint32_t V, uint32_t C, int iters,
						  uint32_t *cls_out)
{
	Exchange	x;
	PersnerStatus st;
	size_t		i,
				C1;
	int			pass;

	if (C == 0 || iters < 0 || (stream == NULL && n > 0) ||
		(cls_out == NULL && V > 0) || n >= (size_t) UINT32_MAX - 1)
		return PERSNER_EINVAL;
	for (i = 0; i < n; i++)
		if (stream[i] >= V && stream[i] != PERSNER_CLUSTER_BOUNDARY)
			return PERSNER_EINVAL;
	if (V == 0)
		return PERSNER_OK;

	memset(&x, 0, sizeof(x));
	x.V = V;
	x.C = C;
	x.C1 = C1 = (size_t) C + 1;

	st = build_neighbours(&x, stream, n);
	if (st != PERSNER_OK)
		goto done;

	st = PERSNER_ENOMEM;
	x.cls = persner_alloc(((size_t) V + 1) * sizeof(uint32_t));
	x.N = persner_calloc(C1 * C1, sizeof(uint32_t));
	x.NT = persner_calloc(C1 * C1, sizeof(uint32_t));
	x.Nc = persner_calloc(C1, sizeof(uint32_t));
	x.csize = persner_calloc(C1, sizeof(uint32_t));
	x.F = persner_alloc((x.nbig + 1) * sizeof(double));
	x.R = persner_calloc(C1, sizeof(uint32_t));
	x.L = persner_calloc(C1, sizeof(uint32_t));
	x.rsup = persner_alloc(C1 * sizeof(uint32_t));
	x.lsup = persner_alloc(C1 * sizeof(uint32_t));
	x.gain = persner_alloc(C1 * sizeof(double));
	if (x.cls == NULL || x.N == NULL || x.NT == NULL || x.Nc == NULL ||
		x.csize == NULL || x.F == NULL || x.R == NULL || x.L == NULL ||
		x.rsup == NULL || x.lsup == NULL || x.gain == NULL)
		goto done;

	x.F[0] = 0.0;
	for (i = 1; i <= x.nbig; i++)
		x.F[i] = (double) i * log((double) i);

	st = init_classes(&x);
	if (st != PERSNER_OK)
		goto done;

	for (pass = 0; pass < iters; pass++)
	{
		size_t		moved = 0;
		uint32_t	w;

		for (w = 0; w < V; w++)
			moved += exchange_word(&x, w);
		if (moved == 0)
			break;
	}
	memcpy(cls_out, x.cls, (size_t) V * sizeof(uint32_t));
	st = PERSNER_OK;

done:
	exchange_free(&x);
	return st;
}
