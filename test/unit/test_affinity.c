/*
 * test_affinity.c - unit tests for head-word affinities (affinity.c) and
 * their features (features.c, PERSNER_FEAT_AFFINITY)
 *
 * A small text of our own, read through the lexicon as the trainer reads
 * unlabelled text: a word that follows «شرکت» half the time gets the top
 * organization bucket, a word that follows «آقای» once in sixty the lowest
 * person bucket, a word never after a head gets nothing; the buckets'
 * edges; two runs give the same table; the features read what was stored;
 * failed allocations are reported without leaks.
 */
#include "affinity.h"
#include "lexicon.h"
#include "unit.h"

/*
 * 60 sentences: «زرین‌پارس» in every second one right after «شرکت», in the
 * others at the start; «کامران» after «آقای» in one sentence of sixty;
 * «قرارداد» and «امضا» in all, never after a head.
 */
static char *
make_text(size_t *len)
{
	size_t		cap = 64 * 1024,
				n = 0;
	char	   *buf = malloc(cap);
	int			s;

	for (s = 0; s < 60; s++)
	{
		const char *line = s % 2 == 0 ? "دیروز شرکت زرین‌پارس قرارداد را امضا کرد ." :
			"زرین‌پارس قرارداد تازه را امضا کرد و کامران آمد .";

		if (s == 1)
			line = "زرین‌پارس قرارداد را با آقای کامران امضا کرد .";
		n += (size_t) snprintf(buf + n, cap - n, "%s\n", line);
	}
	*len = n;
	return buf;
}

static uint32_t
value_of(const PersnerLexicon *lx, const char *w)
{
	return persner_keymap_get(&lx->clus, persner_aff_word_key(persner_ident_hash(w, strlen(w))));
}

static PersnerStatus
make_lexicon(PersnerLexicon *lx)
{
	size_t		len;
	char	   *text = make_text(&len);
	PersnerStatus st;

	memset(lx, 0, sizeof(*lx));
	lx->affinity = 1;
	st = persner_lexicon_text(lx, text, len);
	if (st == PERSNER_OK)
		st = persner_lexicon_affinity(lx, 3);
	free(text);
	return st;
}

TEST(buckets_of_a_small_text)
{
	PersnerLexicon lx;
	uint32_t	v;

	CHECK_EQ_INT(make_lexicon(&lx), PERSNER_OK);
	/* 30 of 60 after «شرکت»: r = .5, organization bucket 4, nothing else */
	v = value_of(&lx, "زرین‌پارس");
	CHECK(v != PERSNER_TABLE_MISS);
	CHECK_EQ_INT(PERSNER_AFF_BUCKET(v, 0), 4);
	CHECK_EQ_INT(PERSNER_AFF_BUCKET(v, 1), 0);
	CHECK_EQ_INT(PERSNER_AFF_BUCKET(v, 2), 0);
	/* 1 of 30 after «آقای»: r = .033, person bucket 2 */
	v = value_of(&lx, "کامران");
	CHECK(v != PERSNER_TABLE_MISS);
	CHECK_EQ_INT(PERSNER_AFF_BUCKET(v, 1), 2);
	CHECK_EQ_INT(PERSNER_AFF_BUCKET(v, 0), 0);
	/* never after a head: no key at all */
	CHECK(value_of(&lx, "قرارداد") == PERSNER_TABLE_MISS);
	CHECK(value_of(&lx, "امضا") == PERSNER_TABLE_MISS);
	CHECK(value_of(&lx, "شرکت") == PERSNER_TABLE_MISS);
	CHECK_EQ_INT(lx.naffinity, 2);
	/* the clusters' stream is the same text: affinity only adds, it does not replace */
	CHECK(lx.nstream > 0);
	persner_lexicon_free(&lx);
}

TEST(affinity_only_text_leaves_the_stream_alone)
{
	PersnerLexicon lx;
	size_t		len;
	char	   *text = make_text(&len);
	uint32_t	v;

	memset(&lx, 0, sizeof(lx));
	CHECK_EQ_INT(persner_lexicon_affinity_text(&lx, text, len), PERSNER_OK);
	CHECK_EQ_INT(lx.nstream, 0);
	CHECK_EQ_INT(lx.counts.n, 0);
	CHECK_EQ_INT(persner_lexicon_affinity(&lx, 3), PERSNER_OK);
	v = value_of(&lx, "زرین‌پارس");
	CHECK(v != PERSNER_TABLE_MISS && PERSNER_AFF_BUCKET(v, 0) == 4);
	/* a word seen fewer than min_count times gets nothing */
	CHECK_EQ_INT(persner_lexicon_affinity_text(&lx, "شرکت نوآوران\n", strlen("شرکت نوآوران\n")),
				 PERSNER_OK);
	CHECK_EQ_INT(persner_lexicon_affinity(&lx, 3), PERSNER_OK);
	CHECK(value_of(&lx, "نوآوران") == PERSNER_TABLE_MISS);
	free(text);
	persner_lexicon_free(&lx);
}

TEST(bucket_edges)
{
	CHECK_EQ_INT(persner_affinity_bucket(100, 0, 3), 0);
	CHECK_EQ_INT(persner_affinity_bucket(2, 2, 3), 0);	/* too rare */
	CHECK_EQ_INT(persner_affinity_bucket(100, 1, 3), 1);
	CHECK_EQ_INT(persner_affinity_bucket(100, 2, 3), 1);	/* .02 is in (0, .02] */
	CHECK_EQ_INT(persner_affinity_bucket(100, 3, 3), 2);
	CHECK_EQ_INT(persner_affinity_bucket(100, 10, 3), 2);
	CHECK_EQ_INT(persner_affinity_bucket(100, 11, 3), 3);
	CHECK_EQ_INT(persner_affinity_bucket(100, 30, 3), 3);
	CHECK_EQ_INT(persner_affinity_bucket(100, 31, 3), 4);
	CHECK_EQ_INT(persner_affinity_bucket(3, 3, 3), 4);
	/* no overflow at the top of the counts */
	CHECK_EQ_INT(persner_affinity_bucket(UINT32_MAX, UINT32_MAX / 40, 3), 2);
}

TEST(deterministic)
{
	PersnerLexicon a,
				b;
	uint64_t   *ka,
			   *kb;
	uint32_t   *va,
			   *vb;

	CHECK_EQ_INT(make_lexicon(&a), PERSNER_OK);
	CHECK_EQ_INT(make_lexicon(&b), PERSNER_OK);
	CHECK_EQ_INT(a.clus.n, b.clus.n);
	CHECK_EQ_INT(persner_keymap_arrays(&a.clus, &ka, &va), PERSNER_OK);
	CHECK_EQ_INT(persner_keymap_arrays(&b.clus, &kb, &vb), PERSNER_OK);
	CHECK(memcmp(ka, kb, a.clus.n * sizeof(uint64_t)) == 0);
	CHECK(memcmp(va, vb, a.clus.n * sizeof(uint32_t)) == 0);
	persner_free_all((void *[]) {ka, kb, va, vb}, 4);
	persner_lexicon_free(&a);
	persner_lexicon_free(&b);
}

/* whether key is among keys[0..n) */
static int
has_key(const uint64_t *keys, int n, uint64_t key)
{
	int			i;

	for (i = 0; i < n; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

TEST(features_read_what_was_stored)
{
	PersnerLexicon lx;
	PersnerLexView view;
	PersnerFeatLex off;
	const char *w = "زرین‌پارس";
	uint64_t	on0[PERSNER_MAX_WORD_ATTRS],
				off0[PERSNER_MAX_WORD_ATTRS],
				on1[PERSNER_MAX_WORD_ATTRS],
				on2[PERSNER_MAX_WORD_ATTRS],
				off2[PERSNER_MAX_WORD_ATTRS],
				other[PERSNER_MAX_WORD_ATTRS];
	int			non0,
				noff0,
				non1,
				non2,
				noff2,
				nother,
				i,
				extra = 0;
	uint64_t	kplus = 0;

	CHECK_EQ_INT(make_lexicon(&lx), PERSNER_OK);
	persner_lexicon_view(&lx, PERSNER_FEAT_DEFAULT | PERSNER_FEAT_AFFINITY, &view);
	off = view.lex;
	off.flags = PERSNER_FEAT_DEFAULT;
	non0 = persner_feat_word(&view.lex, w, strlen(w), 0, on0);
	noff0 = persner_feat_word(&off, w, strlen(w), 0, off0);
	/* one group with a bucket: one more attribute, the rest the same */
	CHECK_EQ_INT(non0, noff0 + 1);
	for (i = 0; i < non0; i++)
		if (!has_key(off0, noff0, on0[i]))
			extra++, kplus = on0[i];
	CHECK_EQ_INT(extra, 1);
	/* at +1 too, under another key (the offset is part of it); not at +2 */
	non1 = persner_feat_word(&view.lex, w, strlen(w), 1, on1);
	CHECK(!has_key(on1, non1, kplus));
	non2 = persner_feat_word(&view.lex, w, strlen(w), 2, on2);
	noff2 = persner_feat_word(&off, w, strlen(w), 2, off2);
	CHECK_EQ_INT(non2, noff2);
	/* «کامران» (person, bucket 2) gets an attribute, not the same one */
	nother = persner_feat_word(&view.lex, "کامران", strlen("کامران"), 0, other);
	CHECK(!has_key(other, nother, kplus));
	/* a word with no stored value gets nothing more with the flag */
	CHECK_EQ_INT(persner_feat_word(&view.lex, "قرارداد", strlen("قرارداد"), 0, on2),
				 persner_feat_word(&off, "قرارداد", strlen("قرارداد"), 0, off2));
	persner_lexicon_free(&lx);
}

TEST(allocation_failures)
{
	PersnerLexicon lx;
	long		k,
				n,
				live;
	uint32_t	want;

	unit_fail_nth(-1);
	live = unit_live;
	CHECK_EQ_INT(make_lexicon(&lx), PERSNER_OK);
	want = lx.naffinity;
	persner_lexicon_free(&lx);
	k = unit_allocs;
	CHECK(k > 0);
	for (n = 0; n < k; n++)
	{
		unit_fail_nth(n);
		CHECK_EQ_INT(make_lexicon(&lx), PERSNER_ENOMEM);
		persner_lexicon_free(&lx);
		CHECK_EQ_INT(unit_live, live);
	}
	unit_fail_nth(-1);
	CHECK_EQ_INT(make_lexicon(&lx), PERSNER_OK);
	CHECK_EQ_INT(lx.naffinity, want);
	persner_lexicon_free(&lx);
	CHECK_EQ_INT(unit_live, live);
	unit_alloc_reset();
}

int
main(void)
{
	RUN(buckets_of_a_small_text);
	RUN(affinity_only_text_leaves_the_stream_alone);
	RUN(bucket_edges);
	RUN(deterministic);
	RUN(features_read_what_was_stored);
	RUN(allocation_failures);
	UNIT_DONE();
}
