/*
 * test_clusters.c - unit tests for the exchange algorithm (clusters.c)
 *
 * A synthetic corpus drawn from a known class-bigram model must be
 * recovered up to class renaming; the objective, recomputed here from
 * scratch, never decreases from pass to pass and ends at a local optimum
 * of single-word moves; runs are deterministic; bad arguments and failed
 * allocations are reported without leaks.
 */
#include <math.h>

#include "class_objective.h"
#include "clusters.h"
#include "unit.h"

#define BND		PERSNER_CLUSTER_BOUNDARY

/*
 * The synthetic model: H hidden classes of W words each.  From class k the
 * next class is k+1 (mod H) with probability 0.6, k+2 with 0.25, else
 * uniform; within a class words have weights 5:4:3:2:1.  Sentences of 3..14
 * tokens.  Word ids are a shuffle, so classes are not contiguous in id.
 */
#define H		4
#define W		5
#define NTOK	20000

static uint32_t syn_stream[NTOK + NTOK / 2];
static size_t syn_n;
static uint32_t syn_class[H * W];	/* hidden class of each word id */

static void
make_synthetic(uint64_t seed)
{
	uint32_t	perm[H * W];
	uint32_t	i,
				k = 0,
				left = 0;
	size_t		ntok = 0;
	static const uint32_t wt[W] = {5, 4, 3, 2, 1};

	unit_rng_state = seed;
	for (i = 0; i < H * W; i++)
		perm[i] = i;
	for (i = H * W - 1; i > 0; i--)
	{
		uint32_t	j = unit_randn(i + 1),
					t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < H * W; i++)
		syn_class[perm[i]] = i / W;

	syn_n = 0;
	while (ntok < NTOK)
	{
		uint32_t	r,
					j;

		if (left == 0)
		{
			if (syn_n > 0)
				syn_stream[syn_n++] = BND;
			left = 3 + unit_randn(12);
			k = unit_randn(H);
		}
		else
		{
			double		u = unit_randf(0.0, 1.0);

			if (u < 0.6)
				k = (k + 1) % H;
			else if (u < 0.85)
				k = (k + 2) % H;
			else
				k = unit_randn(H);
		}
		r = unit_randn(15);		/* 5+4+3+2+1 */
		for (j = 0; r >= wt[j]; j++)
			r -= wt[j];
		syn_stream[syn_n++] = perm[k * W + j];
		ntok++;
		left--;
	}
}

/* same partition up to renaming: a bijection between hidden and found */
static int
same_partition(const uint32_t *found, const uint32_t *hidden, uint32_t V, uint32_t C)
{
	uint32_t	map[64],
				inv[64];
	uint32_t	i;

	for (i = 0; i < C; i++)
		map[i] = inv[i] = UINT32_MAX;
	for (i = 0; i < V; i++)
	{
		uint32_t	h = hidden[i],
					f = found[i];

		if (f >= C)
			return 0;
		if (map[h] == UINT32_MAX && inv[f] == UINT32_MAX)
		{
			map[h] = f;
			inv[f] = h;
		}
		else if (map[h] != f || inv[f] != h)
			return 0;
	}
	return 1;
}

TEST(recovers_hidden_classes)
{
	uint64_t	seeds[3] = {UINT64_C(0x2545F4914F6CDD1D), 12345, 987654321};
	int			s;

	for (s = 0; s < 3; s++)
	{
		uint32_t	cls[H * W];

		make_synthetic(seeds[s]);
		CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, 20, cls),
					 PERSNER_OK);
		CHECK(same_partition(cls, syn_class, H * W, H));
	}
}

TEST(objective_never_decreases)
{
	uint32_t	cls[H * W];
	double		prev = -INFINITY,
				hidden;
	int			it;

	make_synthetic(777);
	hidden = objective(syn_stream, syn_n, syn_class, H);
	for (it = 0; it <= 8; it++)
	{
		double		F;

		CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, it, cls),
					 PERSNER_OK);
		F = objective(syn_stream, syn_n, cls, H);
		CHECK(F >= prev - 1e-9 * fabs(prev));
		prev = F;
	}
	/* and it ends at the hidden partition's value */
	CHECK(fabs(prev - hidden) < 1e-6 * fabs(hidden));
}

/*
 * A random corpus (no structure, self-loops included) with more classes:
 * after convergence no single word move raises the objective, which checks
 * the delta formula (diagonal and self-loop terms) against the full count.
 */
TEST(local_optimum)
{
	enum
	{
		V = 30, C = 5, N = 3000
	};
	uint32_t	stream[N];
	uint32_t	cls[V],
				size[C] = {0};
	size_t		i;
	uint32_t	w,
				b;
	double		F;

	unit_rng_state = 4242;
	for (i = 0; i < N; i++)
	{
		if (unit_randn(10) == 0)
			stream[i] = BND;
		else if (i > 0 && stream[i - 1] != BND && unit_randn(4) == 0)
			stream[i] = stream[i - 1];	/* self-loop */
		else
			stream[i] = unit_randn(V);
	}
	CHECK_EQ_INT(persner_clusters_exchange(stream, N, V, C, 100, cls), PERSNER_OK);
	F = objective(stream, N, cls, C);
	for (w = 0; w < V; w++)
		size[cls[w]]++;
	for (b = 0; b < C; b++)
		CHECK(size[b] > 0);
	for (w = 0; w < V; w++)
	{
		uint32_t	a = cls[w];

		if (size[a] == 1)
			continue;			/* a lone word is never moved */
		for (b = 0; b < C; b++)
		{
			cls[w] = b;
			CHECK(objective(stream, N, cls, C) <= F + 1e-6);
		}
		cls[w] = a;
	}
}

TEST(initial_assignment)
{
	/* counts: word 2 x4, word 0 x3, word 3 x2, word 1 x1, word 4 never */
	static const uint32_t stream[] = {2, 0, 2, BND, 0, 3, 2, BND, BND, 0, 3, 1, 2};
	uint32_t	cls[5];

	CHECK_EQ_INT(persner_clusters_exchange(stream, 13, 5, 3, 0, cls), PERSNER_OK);
	CHECK_EQ_INT(cls[2], 0);
	CHECK_EQ_INT(cls[0], 1);
	CHECK_EQ_INT(cls[3], 2);
	CHECK_EQ_INT(cls[1], 2);
	CHECK_EQ_INT(cls[4], 2);

	/* more classes than words: each word its own class */
	{
		uint32_t	cls2[5];
		uint32_t	i;

		CHECK_EQ_INT(persner_clusters_exchange(stream, 13, 5, 8, 5, cls2), PERSNER_OK);
		CHECK_EQ_INT(cls2[2], 0);
		CHECK_EQ_INT(cls2[0], 1);
		CHECK_EQ_INT(cls2[3], 2);
		CHECK_EQ_INT(cls2[1], 3);
		CHECK_EQ_INT(cls2[4], 4);
		for (i = 0; i < 5; i++)
			CHECK(cls2[i] < 8);
	}
}

TEST(boundaries_collapse)
{
	/* leading, trailing and repeated boundaries change nothing */
	uint32_t	a[NTOK + NTOK / 2 + 8];
	uint32_t	c1[H * W],
				c2[H * W];
	size_t		i,
				n = 0;

	make_synthetic(31337);
	a[n++] = BND;
	a[n++] = BND;
	for (i = 0; i < syn_n; i++)
	{
		a[n++] = syn_stream[i];
		if (syn_stream[i] == BND && i % 3 == 0)
			a[n++] = BND;
	}
	a[n++] = BND;
	CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, 10, c1), PERSNER_OK);
	CHECK_EQ_INT(persner_clusters_exchange(a, n, H * W, H, 10, c2), PERSNER_OK);
	CHECK(memcmp(c1, c2, sizeof(c1)) == 0);
}

TEST(deterministic)
{
	uint32_t	c1[H * W],
				c2[H * W];

	make_synthetic(99);
	memset(c1, 0xAA, sizeof(c1));
	memset(c2, 0x55, sizeof(c2));
	CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, 7, 5, c1), PERSNER_OK);
	CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, 7, 5, c2), PERSNER_OK);
	CHECK(memcmp(c1, c2, sizeof(c1)) == 0);
}

TEST(degenerate_inputs)
{
	static const uint32_t bnd[] = {BND, BND, BND};
	static const uint32_t one[] = {0, 0, 0};
	uint32_t	cls[4] = {9, 9, 9, 9};

	/* no words at all: the initial assignment */
	CHECK_EQ_INT(persner_clusters_exchange(bnd, 3, 2, 2, 5, cls), PERSNER_OK);
	CHECK(cls[0] < 2 && cls[1] < 2);
	CHECK_EQ_INT(persner_clusters_exchange(NULL, 0, 2, 2, 5, cls), PERSNER_OK);
	/* one word repeated, one class */
	CHECK_EQ_INT(persner_clusters_exchange(one, 3, 1, 1, 5, cls), PERSNER_OK);
	CHECK_EQ_INT(cls[0], 0);
	/* V = 0 */
	CHECK_EQ_INT(persner_clusters_exchange(bnd, 3, 0, 4, 5, NULL), PERSNER_OK);
}

TEST(bad_arguments)
{
	static const uint32_t s[] = {0, 1, BND, 2, 1};
	static const uint32_t big[] = {0, 1, BND, 3, 1};
	uint32_t	cls[3];

	CHECK_EQ_INT(persner_clusters_exchange(s, 5, 3, 0, 5, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(big, 5, 3, 2, 5, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(s, 5, 2, 2, 5, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(s, 5, 3, 2, -1, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(NULL, 5, 3, 2, 5, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(s, 5, 3, 2, 5, NULL), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_clusters_exchange(s, 5, 3, 2, 5, cls), PERSNER_OK);
}

TEST(allocation_failures)
{
	uint32_t	ref[H * W],
				cls[H * W];
	long		k,
				n,
				live;

	make_synthetic(5);
	unit_fail_nth(-1);
	live = unit_live;
	CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, 5, ref), PERSNER_OK);
	k = unit_allocs;
	CHECK(k > 0);
	CHECK_EQ_INT(unit_live, live);
	for (n = 0; n < k; n++)
	{
		unit_fail_nth(n);
		CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, 5, cls),
					 PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, live);
	}
	unit_fail_nth(k);
	CHECK_EQ_INT(persner_clusters_exchange(syn_stream, syn_n, H * W, H, 5, cls), PERSNER_OK);
	CHECK(memcmp(cls, ref, sizeof(cls)) == 0);
	CHECK_EQ_INT(unit_live, live);
	unit_alloc_reset();
}

int
main(void)
{
	RUN(recovers_hidden_classes);
	RUN(objective_never_decreases);
	RUN(local_optimum);
	RUN(initial_assignment);
	RUN(boundaries_collapse);
	RUN(deterministic);
	RUN(degenerate_inputs);
	RUN(bad_arguments);
	RUN(allocation_failures);
	UNIT_DONE();
}
