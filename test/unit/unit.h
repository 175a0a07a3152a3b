/*
 * unit.h - the unit-test harness: checks, a fixed-seed RNG, a failing allocator
 *
 * Each test_<module>.c defines tests with TEST(name) and lists them in main
 * via RUN(name).  A failed CHECK prints file:line and counts; the program
 * prints "# <file>: N passed, N failed" and exits non-zero on any failure.
 */
#ifndef PERSNER_UNIT_H
#define PERSNER_UNIT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persner.h"

static int	unit_failed_checks;
static int	unit_passed;
static int	unit_failed;

#define CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			unit_failed_checks++; \
		} \
	} while (0)

#define CHECK_EQ_INT(a, b) \
	do { \
		long long unit_a_ = (long long) (a), unit_b_ = (long long) (b); \
		if (unit_a_ != unit_b_) \
		{ \
			fprintf(stderr, "%s:%d: check failed: %s == %s (%lld != %lld)\n", \
					__FILE__, __LINE__, #a, #b, unit_a_, unit_b_); \
			unit_failed_checks++; \
		} \
	} while (0)

#define CHECK_EQ_STR(a, b) \
	do { \
		const char *unit_a_ = (a), *unit_b_ = (b); \
		if (unit_a_ == NULL || unit_b_ == NULL || strcmp(unit_a_, unit_b_) != 0) \
		{ \
			fprintf(stderr, "%s:%d: check failed: %s == %s (\"%s\" != \"%s\")\n", \
					__FILE__, __LINE__, #a, #b, unit_a_ ? unit_a_ : "(null)", \
					unit_b_ ? unit_b_ : "(null)"); \
			unit_failed_checks++; \
		} \
	} while (0)

#define TEST(name) static void test_##name(void)

#define RUN(name) \
	do { \
		int unit_before_ = unit_failed_checks; \
		test_##name(); \
		if (unit_failed_checks == unit_before_) \
		{ \
			unit_passed++; \
			printf("ok - %s\n", #name); \
			fflush(stdout); \
		} \
		else \
		{ \
			unit_failed++; \
			printf("not ok - %s\n", #name); \
			fflush(stdout); \
		} \
	} while (0)

#define UNIT_DONE() \
	do { \
		printf("# %s: %d passed, %d failed\n", __FILE__, unit_passed, unit_failed); \
		return unit_failed ? 1 : 0; \
	} while (0)

/* A fixed-seed xorshift RNG: tests are reproducible. */
static uint64_t unit_rng_state = UINT64_C(0x2545F4914F6CDD1D);

static inline uint64_t
unit_rand(void)
{
	uint64_t	x = unit_rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return unit_rng_state = x;
}

/* uniform in [0, n) */
static inline uint32_t
unit_randn(uint32_t n)
{
	return (uint32_t) (unit_rand() % n);
}

/* uniform in [lo, hi) */
static inline double
unit_randf(double lo, double hi)
{
	return lo + (hi - lo) * ((double) (unit_rand() >> 11) / 9007199254740992.0);
}

/*
 * The failing allocator: after unit_fail_after successful allocations every
 * further one returns NULL (-1 = never fail).  unit_live counts blocks not
 * yet freed, so a test can assert that a failed call leaked nothing.
 */
static long unit_fail_after = -1;
static long unit_allocs;
static long unit_live;

static void *
unit_failing_alloc(void *ctx, size_t size)
{
	void	   *p;

	(void) ctx;
	if (unit_fail_after >= 0 && unit_allocs >= unit_fail_after)
		return NULL;
	unit_allocs++;
	p = malloc(size);
	if (p)
		unit_live++;
	return p;
}

static void
unit_failing_free(void *ctx, void *ptr)
{
	(void) ctx;
	if (ptr)
		unit_live--;
	free(ptr);
}

/* unit_fail_nth - install the failing allocator; n < 0 never fails */
static inline void
unit_fail_nth(long n)
{
	static const PersnerAllocator a = {unit_failing_alloc, unit_failing_free, NULL};

	unit_fail_after = n;
	unit_allocs = 0;
	persner_set_allocator(&a);
}

static inline void
unit_alloc_reset(void)
{
	unit_fail_after = -1;
	persner_set_allocator(NULL);
}

/*
 * unit_tag_str - tag doc with m; the entities as "TYPE:text|" into out,
 * each checked: its character offsets are those of its bytes, its score
 * in [0, 1]
 */
static inline void
unit_tag_str(const PersnerModel *m, const char *doc, char *out, size_t size)
{
	PersnerTagger *t;
	const PersnerEntity *e;
	size_t		ne,
				i,
				off = 0;

	out[0] = '\0';
	if (persner_tagger_create(m, &t) != PERSNER_OK)
		return;
	if (persner_tagger_begin(t, doc, strlen(doc)) == PERSNER_OK)
		while (persner_tagger_next(t, &e, &ne, NULL, NULL) == PERSNER_OK)
			for (i = 0; i < ne; i++)
			{
				int			n = snprintf(out + off, size - off, "%s:%.*s|",
										 persner_model_type(m, e[i].type),
										 (int) (e[i].bend - e[i].bbeg), doc + e[i].bbeg);

				CHECK_EQ_INT(e[i].cbeg, persner_utf8_count(doc, e[i].bbeg));
				CHECK_EQ_INT(e[i].cend, persner_utf8_count(doc, e[i].bend));
				CHECK(e[i].score >= 0.0f && e[i].score <= 1.0001f);
				if (n > 0 && (size_t) n < size - off)
					off += (size_t) n;
			}
	persner_tagger_free(t);
}

#ifdef PERSNER_MODEL_H
/*
 * unit_path_score - the score of tag path y[T] under state [T][L] (a
 * tagger's, masked: persner_tagger_state) and m's start, transitions and
 * end with the BIO grammar; -inf for a forbidden path
 */
static inline double
unit_path_score(const PersnerModel *m, const float *state, const int *y, int T)
{
	int			L = m->L,
				i;
	double		s = PERSNER_TAG_CAN_START(PERSNER_BIO, y[0]) ? m->start[y[0]] : -INFINITY;

	for (i = 0; i < T; i++)
	{
		s += state[i * L + y[i]];
		if (i > 0)
			s += PERSNER_TAG_CAN_FOLLOW(PERSNER_BIO, y[i - 1], y[i]) ? m->trans[y[i - 1] * L + y[i]] : -INFINITY;
	}
	return s + m->end[y[T - 1]];
}

/*
 * unit_check_exhaustive - against every one of the L^T paths (T <= 8):
 * tags[T] is a best allowed path under state, and marg[T] are the
 * marginals of those tags
 */
static inline void
unit_check_exhaustive(const PersnerModel *m, const float *state, int T, const int *tags,
					  const float *marg)
{
	int			y[8],
				i;
	double		best = -INFINITY,
				Z = 0,
				pm[8] = {0};
	long		p,
				np = 1;

	CHECK(T >= 1 && T <= 8);
	if (T < 1 || T > 8)
		return;
	for (i = 0; i < T; i++)
		np *= m->L;
	for (p = 0; p < np; p++)
	{
		long		q = p;
		double		sc;

		for (i = 0; i < T; i++, q /= m->L)
			y[i] = (int) (q % m->L);
		sc = unit_path_score(m, state, y, T);
		if (!isfinite(sc))
			continue;
		Z += exp(sc);
		if (sc > best)
			best = sc;
		for (i = 0; i < T; i++)
			if (y[i] == tags[i])
				pm[i] += exp(sc);
	}
	CHECK(isfinite(best));
	CHECK(fabs(unit_path_score(m, state, tags, T) - best) < 1e-4);
	for (i = 0; i < T; i++)
		CHECK(fabs(pm[i] / Z - marg[i]) < 1e-3);
}
#endif

#ifdef PERSNER_FEATURES_H
/*
 * unit_ident_key - the identity attribute of word w at offset 0, the key a
 * hand-built model gives a word's weights (include feat.h first)
 */
static inline uint64_t
unit_ident_key(const char *w)
{
	PersnerFeatLex lex = {0, NULL, NULL};
	uint64_t	keys[PERSNER_MAX_WORD_ATTRS];

	persner_feat_word(&lex, w, strlen(w), 0, keys);
	return keys[0];
}
#endif

#endif							/* PERSNER_UNIT_H */
