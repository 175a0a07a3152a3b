/*
 * test_brown.c - unit tests for the Brown merge tree (brown.c)
 *
 * Classes that share their contexts must merge first; every merge must be
 * one of least loss, the loss recomputed here from scratch; the tree must
 * be complete (the paths are distinct, none a prefix of another, and fill
 * the tree: sum 2^-len = 1) and the same on every run; ties go to the
 * lowest indices; and the paths a lexicon stores are the prefixes the
 * features read.  Bad arguments and failed allocations are reported
 * without leaks.
 */
#include <math.h>

#include "brown.h"
#include "class_objective.h"
#include "clusters.h"
#include "feat.h"
#include "lexicon.h"
#include "unit.h"

#define BND		PERSNER_CLUSTER_BOUNDARY

/*
 * The synthetic text: four roles of three words each: names of group A
 * (0..2), their contexts (3..5), names of group B (6..8), their contexts
 * (9..11).  Each sentence is context, name, context of one group.  Every
 * word starts in a class of its own.
 */
#define NW		12
#define NSENT	3000

static uint32_t syn_stream[NSENT * 4];
static size_t syn_n;
static uint32_t ident[NW];

static void
make_synthetic(void)
{
	int			s;

	unit_rng_state = 777;
	syn_n = 0;
	for (s = 0; s < NSENT; s++)
	{
		uint32_t	g = unit_randn(2);

		syn_stream[syn_n++] = 6 * g + 3 + unit_randn(3);
		syn_stream[syn_n++] = 6 * g + unit_randn(3);
		syn_stream[syn_n++] = 6 * g + 3 + unit_randn(3);
		syn_stream[syn_n++] = BND;
	}
	for (s = 0; s < NW; s++)
		ident[s] = (uint32_t) s;
}

/* the class of each role: 0 A names, 1 A contexts, 2 B names, 3 B contexts */
static int
role(uint32_t w)
{
	return (int) (w / 3);
}

TEST(shared_contexts_merge_first)
{
	uint32_t	merges[2 * (NW - 1)],
				grp[NW];
	int			k;

	make_synthetic();
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, merges), PERSNER_OK);
	/* a class's role is that of its words; the first 8 merges stay inside roles */
	for (k = 0; k < NW; k++)
		grp[k] = (uint32_t) role((uint32_t) k);
	for (k = 0; k < NW - 4; k++)
	{
		uint32_t	i = merges[2 * k],
					j = merges[2 * k + 1];

		CHECK(i < j);
		CHECK_EQ_INT(grp[i], grp[j]);
	}
}

/* check that paths[C] are a complete prefix code */
static void
check_complete(const uint32_t *path, uint32_t C)
{
	double		kraft = 0.0;
	uint32_t	a,
				b;

	for (a = 0; a < C; a++)
	{
		uint32_t	la = PERSNER_BROWN_LEN(path[a]);

		CHECK(C == 1 || la >= 1);
		kraft += ldexp(1.0, -(int) la);
		for (b = 0; b < C; b++)
		{
			uint32_t	lb = PERSNER_BROWN_LEN(path[b]);

			/* a is no prefix of b (nor equal to it) */
			if (a != b && la <= lb)
				CHECK((PERSNER_BROWN_BITS(path[b]) & ((1u << la) - 1)) !=
					  PERSNER_BROWN_BITS(path[a]));
		}
	}
	CHECK(fabs(kraft - 1.0) < 1e-12);
}

TEST(tree_is_complete_and_groups_roles)
{
	uint32_t	merges[2 * (NW - 1)],
				path[NW],
				w;

	make_synthetic();
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, merges), PERSNER_OK);
	CHECK_EQ_INT(persner_brown_paths(merges, NW, path), PERSNER_OK);
	check_complete(path, NW);
	/*
	 * The roles are merged last, so a role's three words share their path
	 * but for the last two steps at most, and words of different roles
	 * differ before that.
	 */
	for (w = 0; w < NW; w++)
	{
		uint32_t	v;

		for (v = 0; v < NW; v++)
		{
			uint32_t	lw = PERSNER_BROWN_LEN(path[w]),
						lv = PERSNER_BROWN_LEN(path[v]),
						l = lw < lv ? lw : lv,
						m = l >= 2 ? (1u << (l - 2)) - 1 : 0;

			if (role(w) == role(v))
				CHECK((PERSNER_BROWN_BITS(path[w]) & m) == (PERSNER_BROWN_BITS(path[v]) & m));
			else			/* another role: they part within the top two steps */
				CHECK((PERSNER_BROWN_BITS(path[w]) & 3u) != (PERSNER_BROWN_BITS(path[v]) & 3u));
		}
	}
}

TEST(each_merge_loses_least)
{
	enum
	{
		V = 40, C = 9, N = 4000
	};
	uint32_t	stream[N],
				cls[V],
				merges[2 * (C - 1)],
				map[C],
				cur[V];
	size_t		i;
	int			k;

	/* random text with some structure: a word's successor depends on its id mod 3 */
	unit_rng_state = 99;
	for (i = 0; i < N; i++)
		stream[i] = i % 17 == 16 ? BND :
			(i > 0 && stream[i - 1] != BND ? (stream[i - 1] % 3 * 13 + unit_randn(14)) % V :
			 unit_randn(V));
	for (i = 0; i < V; i++)
		cls[i] = unit_randn(C);
	CHECK_EQ_INT(persner_brown_merge(stream, N, V, cls, C, merges), PERSNER_OK);

	/* replay: at each step no pair of live classes keeps more of F than the one taken */
	for (i = 0; i < C; i++)
		map[i] = (uint32_t) i;
	for (k = 0; k < C - 1; k++)
	{
		uint32_t	a,
					b,
					mi = merges[2 * k],
					mj = merges[2 * k + 1];
		double		best = -INFINITY,
					taken = 0.0;

		CHECK(mi < mj && map[mi] == mi && map[mj] == mj);
		for (a = 0; a < C; a++)
			for (b = a + 1; b < C; b++)
			{
				double		f;

				if (map[a] != a || map[b] != b)
					continue;
				for (i = 0; i < V; i++)
					cur[i] = map[cls[i]] == b ? a : map[cls[i]];
				f = objective(stream, N, cur, C);
				if (f > best)
					best = f;
				if (a == mi && b == mj)
					taken = f;
			}
		CHECK(taken >= best - 1e-9 * fabs(best));
		for (i = 0; i < C; i++)
			if (map[i] == mj)
				map[i] = mi;
	}
}

TEST(deterministic_and_ties_to_lowest)
{
	static const uint32_t s[] = {0, 1, 2, 0, BND, 2, 1, 1, 0, BND, 1, 2};
	uint32_t	cls[3] = {0, 1, 2},
				m1[2 * (NW - 1)],
				m2[2 * (NW - 1)],
				t[2 * 4],
				path[5];

	make_synthetic();
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, m1), PERSNER_OK);
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, m2), PERSNER_OK);
	CHECK(memcmp(m1, m2, sizeof(m1)) == 0);

	/* classes 3 and 4 are empty: merging one costs nothing, so they go first, lowest pair first */
	CHECK_EQ_INT(persner_brown_merge(s, sizeof(s) / sizeof(s[0]), 3, cls, 5, t), PERSNER_OK);
	CHECK_EQ_INT(t[0], 0);
	CHECK_EQ_INT(t[1], 3);
	CHECK_EQ_INT(t[2], 0);
	CHECK_EQ_INT(t[3], 4);
	CHECK_EQ_INT(persner_brown_paths(t, 5, path), PERSNER_OK);
	check_complete(path, 5);
}

TEST(paths_of_a_known_tree)
{
	/* merges: (2,3), (0,1), (0,2): root splits {0,1} | {2,3} */
	static const uint32_t m[] = {2, 3, 0, 1, 0, 2};
	static const uint32_t bad1[] = {2, 3, 2, 3, 0, 2};	/* 3 merged twice */
	static const uint32_t bad2[] = {2, 3, 0, 1, 0, 4};	/* no class 4 */
	uint32_t	path[4];

	CHECK_EQ_INT(persner_brown_paths(m, 4, path), PERSNER_OK);
	CHECK_EQ_INT(path[0], PERSNER_BROWN_VALUE(0, 2));	/* 00 */
	CHECK_EQ_INT(path[1], PERSNER_BROWN_VALUE(2, 2));	/* 01: second step in bit 1 */
	CHECK_EQ_INT(path[2], PERSNER_BROWN_VALUE(1, 2));	/* 10 */
	CHECK_EQ_INT(path[3], PERSNER_BROWN_VALUE(3, 2));	/* 11 */
	CHECK_EQ_INT(persner_brown_paths(bad1, 4, path), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_paths(bad2, 4, path), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_paths(NULL, 1, path), PERSNER_OK);
	CHECK_EQ_INT(path[0], PERSNER_BROWN_VALUE(0, 0));
	CHECK_EQ_INT(persner_brown_paths(m, 0, path), PERSNER_EINVAL);
}

TEST(deep_paths_are_cut)
{
	/* a chain: C-1, C-2, ..., 1 merge into class 0 in turn, so class 1 splits off at the root */
	enum
	{
		C = 40
	};
	uint32_t	m[2 * (C - 1)],
				path[C],
				k;

	for (k = 0; k < C - 1; k++)
		m[2 * k] = 0, m[2 * k + 1] = C - 1 - k;
	CHECK_EQ_INT(persner_brown_paths(m, C, path), PERSNER_OK);
	CHECK_EQ_INT(path[1], PERSNER_BROWN_VALUE(1, 1));
	CHECK_EQ_INT(path[2], PERSNER_BROWN_VALUE(2, 2));
	CHECK_EQ_INT(PERSNER_BROWN_LEN(path[C - 1]), PERSNER_BROWN_MAX_BITS);
	CHECK_EQ_INT(PERSNER_BROWN_LEN(path[0]), PERSNER_BROWN_MAX_BITS);
	CHECK_EQ_INT(PERSNER_BROWN_BITS(path[0]), 0);
}

TEST(bad_inputs)
{
	static const uint32_t s[] = {0, 1, BND, 2, 0};
	static const uint32_t big[] = {0, 3, BND};
	uint32_t	cls[3] = {0, 1, 1},
				badcls[3] = {0, 1, 2},
				m[4];

	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, cls, 0, m), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(big, 3, 3, cls, 2, m), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, badcls, 2, m), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(NULL, 5, 3, cls, 2, m), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, NULL, 2, m), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, cls, 2, NULL), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, cls, 1, NULL), PERSNER_EINVAL);	/* class 1 >= C */
	cls[1] = cls[2] = 0;
	CHECK_EQ_INT(persner_brown_merge(s, 5, 3, cls, 1, NULL), PERSNER_OK);	/* one class: no merge */
	cls[1] = cls[2] = 1;
	CHECK_EQ_INT(persner_brown_merge(NULL, 0, 3, cls, 2, m), PERSNER_OK);	/* no text */
	CHECK_EQ_INT(m[0], 0);
	CHECK_EQ_INT(m[1], 1);
}

TEST(allocation_failures)
{
	uint32_t	ref[2 * (NW - 1)],
				m[2 * (NW - 1)];
	long		k,
				n,
				live;

	make_synthetic();
	unit_fail_nth(-1);
	live = unit_live;
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, ref), PERSNER_OK);
	k = unit_allocs;
	CHECK(k > 0);
	for (n = 0; n < k; n++)
	{
		unit_fail_nth(n);
		CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, m), PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, live);
	}
	unit_fail_nth(-1);
	CHECK_EQ_INT(persner_brown_merge(syn_stream, syn_n, NW, ident, NW, m), PERSNER_OK);
	CHECK(memcmp(m, ref, sizeof(m)) == 0);
	CHECK_EQ_INT(unit_live, live);
	unit_alloc_reset();
}

/*
 * The lexicon stores each word's path under persner_brown_word_key, the
 * path of its fine class, and the features read its prefixes: two words
 * share exactly the Brown attributes of the depths at which their stored
 * paths agree.  Text of our own: cities after «به», persons after «آقای»,
 * verbs at the end.
 */
static const char *const cities[] = {"تهران", "شیراز", "تبریز", "مشهد"};
static const char *const persons[] = {"رضایی", "احمدی", "کریمی", "موسوی"};
static const char *const verbs[] = {"رفت", "آمد", "گفت", "نوشت"};

static int
shared_keys(const uint64_t *a, int na, const uint64_t *b, int nb)
{
	int			i,
				j,
				n = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j])
			{
				n++;
				break;
			}
	return n;
}

/* the Brown keys of w at offset o: its keys with the flag and not without */
static int
brown_keys(const PersnerFeatLex *lex, const char *w, int o, uint64_t *out)
{
	PersnerFeatLex off = *lex;
	uint64_t	with[PERSNER_MAX_WORD_ATTRS],
				without[PERSNER_MAX_WORD_ATTRS];
	int			nw,
				nwo,
				i,
				n = 0;

	off.flags &= ~(uint32_t) PERSNER_FEAT_BROWN;
	nw = persner_feat_word(lex, w, strlen(w), o, with);
	nwo = persner_feat_word(&off, w, strlen(w), o, without);
	for (i = 0; i < nw; i++)
		if (shared_keys(with + i, 1, without, nwo) == 0)
			out[n++] = with[i];
	CHECK_EQ_INT(n, nw - nwo);
	return n;
}

TEST(stored_paths_are_the_prefixes_read)
{
	PersnerLexicon lx;
	PersnerLexView view;
	char	   *text = malloc(200000);
	size_t		len = 0;
	int			s,
				a,
				b,
				d;
	uint32_t	path[8],
				fine[8];

	unit_rng_state = 31;
	for (s = 0; s < 2000; s++)
	{
		const char *w = s % 2 ? cities[unit_randn(4)] : persons[unit_randn(4)];

		len += (size_t) sprintf(text + len, "%s %s %s .\n", s % 2 ? "به" : "آقای", w,
								verbs[unit_randn(4)]);
	}
	memset(&lx, 0, sizeof(lx));
	lx.brown = 1;
	CHECK_EQ_INT(persner_lexicon_text(&lx, text, len), PERSNER_OK);
	CHECK_EQ_INT(persner_lexicon_cluster(&lx, 1, 6, 3), PERSNER_OK);
	CHECK(lx.nclustered > 0);
	CHECK(lx.brown_depth[1] >= lx.brown_depth[0] && lx.brown_depth[0] >= 1);
	persner_lexicon_view(&lx, PERSNER_FEAT_CLUSTER | PERSNER_FEAT_BROWN, &view);

	for (a = 0; a < 8; a++)
	{
		const char *w = a < 4 ? cities[a] : persons[a - 4];
		uint64_t	id = persner_ident_hash(w, strlen(w));

		path[a] = persner_table_get(&view.clus, persner_brown_word_key(id));
		fine[a] = PERSNER_CLUSTER_FINE(persner_table_get(&view.clus, id));
		CHECK(path[a] != PERSNER_TABLE_MISS);
	}
	/* one fine class, one path (the leaves' paths are distinct) */
	for (a = 0; a < 8; a++)
		for (b = 0; b < 8; b++)
			CHECK((fine[a] == fine[b]) == (path[a] == path[b]));

	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
		{
			const char *wa = a < 2 ? cities[a] : persons[a - 2],
					   *wb = b < 2 ? cities[b] : persons[b - 2];
			uint32_t	pa = persner_table_get(&view.clus,
											   persner_brown_word_key(persner_ident_hash(wa, strlen(wa)))),
						pb = persner_table_get(&view.clus,
											   persner_brown_word_key(persner_ident_hash(wb, strlen(wb))));
			uint64_t	ka[PERSNER_MAX_WORD_ATTRS],
						kb[PERSNER_MAX_WORD_ATTRS];
			int			na,
						nb,
						agree = 0;

			for (d = 0; d < PERSNER_BROWN_NDEPTHS; d++)
			{
				uint32_t	la = PERSNER_BROWN_LEN(pa),
							lb = PERSNER_BROWN_LEN(pb),
							l = (uint32_t) persner_brown_depths[d];
				uint32_t	ma = la < l ? la : l,
							mb = lb < l ? lb : l;

				agree += ma == mb &&
					(PERSNER_BROWN_BITS(pa) & ((1u << ma) - 1)) ==
					(PERSNER_BROWN_BITS(pb) & ((1u << mb) - 1));
			}
			na = brown_keys(&view.lex, wa, 0, ka);
			nb = brown_keys(&view.lex, wb, 0, kb);
			CHECK_EQ_INT(na, PERSNER_BROWN_NDEPTHS);
			CHECK_EQ_INT(nb, PERSNER_BROWN_NDEPTHS);
			CHECK_EQ_INT(shared_keys(ka, na, kb, nb), agree);
			/* fewer at +-1, and a word's keys at 0 and at +1 differ */
			na = brown_keys(&view.lex, wa, 1, ka);
			CHECK(na > 0 && na < PERSNER_BROWN_NDEPTHS);
			CHECK_EQ_INT(shared_keys(ka, na, kb, nb), 0);
		}
	/* no path, no Brown attribute: an unknown word, and the pseudo-words */
	{
		uint64_t	k[PERSNER_MAX_WORD_ATTRS];

		CHECK_EQ_INT(brown_keys(&view.lex, "ناشناخته", 0, k), 0);
		CHECK_EQ_INT(brown_keys(&view.lex, PERSNER_BOS, -1, k), 0);
	}
	persner_lexicon_free(&lx);
	free(text);
}

int
main(void)
{
	RUN(shared_contexts_merge_first);
	RUN(tree_is_complete_and_groups_roles);
	RUN(each_merge_loses_least);
	RUN(deterministic_and_ties_to_lowest);
	RUN(paths_of_a_known_tree);
	RUN(deep_paths_are_cut);
	RUN(bad_inputs);
	RUN(allocation_failures);
	RUN(stored_paths_are_the_prefixes_read);
	UNIT_DONE();
}
