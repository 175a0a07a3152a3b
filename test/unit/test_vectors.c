/*
 * test_vectors.c - unit tests for skip-gram vectors and k-means (vectors.c)
 *
 * Words that share their neighbours must get close vectors and words that
 * do not, distant ones; k-means must find well-separated groups; every run
 * is deterministic; rows are unit length; bad arguments and failed
 * allocations are reported without leaks.
 */
#include <math.h>

#include "clusters.h"
#include "vectors.h"
#include "unit.h"

#define BND		PERSNER_CLUSTER_BOUNDARY

/*
 * The synthetic text: ten "names" (0..4 of group A, 5..9 of group B) and
 * ten context words (10..14 seen only around A, 15..19 only around B).
 * Each sentence is context, name, context, context, with the name and the
 * contexts drawn from one group.
 */
#define NV		20
#define NSENT	3000

static uint32_t syn_stream[NSENT * 5];
static size_t syn_n;

static void
make_synthetic(void)
{
	int			s;

	unit_rng_state = 4242;
	syn_n = 0;
	for (s = 0; s < NSENT; s++)
	{
		uint32_t	g = unit_randn(2),
					ctx = 10 + 5 * g;

		syn_stream[syn_n++] = ctx + unit_randn(5);
		syn_stream[syn_n++] = 5 * g + unit_randn(5);
		syn_stream[syn_n++] = ctx + unit_randn(5);
		syn_stream[syn_n++] = ctx + unit_randn(5);
		syn_stream[syn_n++] = BND;
	}
}

static const PersnerVecOpts opts = {.dim = 16, .window = 2, .negative = 3, .epochs = 5,
.sample = 1.0};

static double
cosine(const float *vec, int dim, int a, int b)
{
	double		s = 0.0;
	int			d;

	for (d = 0; d < dim; d++)
		s += (double) vec[a * dim + d] * vec[b * dim + d];
	return s;
}

TEST(shared_contexts_are_close)
{
	float		vec[NV * 16];
	double		within = 0.0,
				across = 0.0;
	int			a,
				b,
				nw = 0,
				na = 0;

	make_synthetic();
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, vec), PERSNER_OK);
	for (a = 0; a < 10; a++)
		for (b = a + 1; b < 10; b++)
		{
			if ((a < 5) == (b < 5))
				within += cosine(vec, 16, a, b), nw++;
			else
				across += cosine(vec, 16, a, b), na++;
		}
	within /= nw;
	across /= na;
	CHECK(within > 0.5);
	CHECK(within > across + 0.5);
}

TEST(rows_are_unit_length)
{
	float		vec[(NV + 1) * 16];
	int			w;

	make_synthetic();
	/* word NV never occurs: its row stays zero */
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV + 1, &opts, vec), PERSNER_OK);
	for (w = 0; w < NV; w++)
		CHECK(fabs(cosine(vec, 16, w, w) - 1.0) < 1e-4);
	CHECK(cosine(vec, 16, NV, NV) == 0.0);
}

TEST(kmeans_finds_the_groups)
{
	float		vec[NV * 16];
	uint32_t	cls[10];
	int			w;

	make_synthetic();
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, vec), PERSNER_OK);
	/* the ten names only: two classes, A and B */
	CHECK_EQ_INT(persner_vectors_kmeans(vec, 10, 16, 2, 10, cls), PERSNER_OK);
	for (w = 1; w < 10; w++)
		CHECK_EQ_INT(cls[w] == cls[0], w < 5);
}

TEST(kmeans_on_known_points)
{
	/* three directions, three points near each; k larger than V clamps */
	static const float pts[9 * 2] = {
		1.0f, 0.0f, 0.995f, 0.0998f, 0.995f, -0.0998f,
		0.0f, 1.0f, 0.0998f, 0.995f, -0.0998f, 0.995f,
		-1.0f, 0.0f, -0.995f, 0.0998f, -0.995f, -0.0998f,
	};
	uint32_t	cls[9];
	int			i;

	CHECK_EQ_INT(persner_vectors_kmeans(pts, 9, 2, 3, 10, cls), PERSNER_OK);
	for (i = 0; i < 9; i++)
		CHECK_EQ_INT(cls[i] == cls[i / 3 * 3], 1);
	CHECK(cls[0] != cls[3] && cls[3] != cls[6] && cls[0] != cls[6]);
	CHECK_EQ_INT(persner_vectors_kmeans(pts, 9, 2, 50, 5, cls), PERSNER_OK);
	for (i = 0; i < 9; i++)
		CHECK(cls[i] < 9);
}

TEST(deterministic)
{
	float		v1[NV * 16],
				v2[NV * 16];
	uint32_t	c1[NV],
				c2[NV];

	make_synthetic();
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, v1), PERSNER_OK);
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, v2), PERSNER_OK);
	CHECK(memcmp(v1, v2, sizeof(v1)) == 0);
	CHECK_EQ_INT(persner_vectors_kmeans(v1, NV, 16, 4, 10, c1), PERSNER_OK);
	CHECK_EQ_INT(persner_vectors_kmeans(v2, NV, 16, 4, 10, c2), PERSNER_OK);
	CHECK(memcmp(c1, c2, sizeof(c1)) == 0);
}

TEST(degenerate_and_bad_inputs)
{
	static const uint32_t bnd[] = {BND, BND};
	static const uint32_t rare[] = {5, 6, BND, 7};
	PersnerVecOpts bad = opts;
	float		vec[4 * 16];
	uint32_t	cls[4];

	/* no known word at all: zero rows */
	vec[0] = 1.0f;
	CHECK_EQ_INT(persner_vectors_learn(bnd, 2, 4, &opts, vec), PERSNER_OK);
	CHECK(vec[0] == 0.0f);
	CHECK_EQ_INT(persner_vectors_learn(rare, 4, 4, &opts, vec), PERSNER_OK);
	CHECK(cosine(vec, 16, 3, 3) == 0.0);
	CHECK_EQ_INT(persner_vectors_learn(bnd, 2, 0, &opts, vec), PERSNER_EINVAL);
	bad.dim = 0;
	CHECK_EQ_INT(persner_vectors_learn(bnd, 2, 4, &bad, vec), PERSNER_EINVAL);
	bad = opts;
	bad.window = 0;
	CHECK_EQ_INT(persner_vectors_learn(bnd, 2, 4, &bad, vec), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_vectors_kmeans(vec, 0, 16, 2, 5, cls), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_vectors_kmeans(vec, 4, 16, 0, 5, cls), PERSNER_EINVAL);
}

TEST(allocation_failures)
{
	float		ref[NV * 16],
				vec[NV * 16];
	uint32_t	cref[NV],
				cls[NV];
	long		k,
				n,
				live;

	make_synthetic();
	unit_fail_nth(-1);
	live = unit_live;
	CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, ref), PERSNER_OK);
	k = unit_allocs;
	CHECK(k > 0);
	for (n = 0; n < k; n++)
	{
		unit_fail_nth(n);
		CHECK_EQ_INT(persner_vectors_learn(syn_stream, syn_n, NV, &opts, vec), PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, live);
	}
	unit_fail_nth(-1);
	CHECK_EQ_INT(persner_vectors_kmeans(ref, NV, 16, 3, 5, cref), PERSNER_OK);
	k = unit_allocs;
	for (n = 0; n < k; n++)
	{
		unit_fail_nth(n);
		CHECK_EQ_INT(persner_vectors_kmeans(ref, NV, 16, 3, 5, cls), PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, live);
	}
	unit_fail_nth(-1);
	CHECK_EQ_INT(persner_vectors_kmeans(ref, NV, 16, 3, 5, cls), PERSNER_OK);
	CHECK(memcmp(cls, cref, sizeof(cls)) == 0);
	CHECK_EQ_INT(unit_live, live);
	unit_alloc_reset();
}

int
main(void)
{
	RUN(shared_contexts_are_close);
	RUN(rows_are_unit_length);
	RUN(kmeans_finds_the_groups);
	RUN(kmeans_on_known_points);
	RUN(deterministic);
	RUN(degenerate_and_bad_inputs);
	RUN(allocation_failures);
	UNIT_DONE();
}
