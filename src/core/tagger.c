/*
 * tagger.c - the pipeline over one model, one sentence at a time
 *
 * For each sentence: segment the original text, normalize it with its
 * offset map, tokenize, score every token, decode, and turn the tags into
 * entities with character offsets into the original document.
 *
 * Scoring.  The score of label j at position t is the sum of the weights of
 * the attributes active there (features.c).  Most of them depend on one
 * word alone: the word at t+o contributes the attributes persner_feat_word
 * gives for offset o, over the walk of t's window that the model builder
 * takes too (PERSNER_WINDOW_WALK in feat.h).  Their summed weights, a [5][L]
 * block per word type, live in a two-way set-associative cache keyed by the
 * word's hash, so a frequent word costs one lookup instead of some thirty
 * hash probes; the blocks of the words of the current window are held in a
 * ring, so each word is looked up once.  Context attributes of small
 * domains (bias, sentence edges, gazetteer types) have their weight
 * vectors summed once, on first use (a fresh tagger looks up only those its
 * sentences meet: every lookup touches a page of the model, and a page's
 * first touch in a process costs microseconds); only the two word bigrams
 * are looked up per position.  The cache starts small (1,024 words, 300 kB
 * at L = 15: a fresh backend's first call pays for each new page it
 * touches) and grows once, between sentences, to 8,192 words when it has
 * missed twice its size; it never grows beyond, so memory does not grow
 * with the text.  A slot holds its word's key and the index of its block;
 * blocks are handed out in order as words arrive (an evicted word's block
 * goes to the word that evicts it), so the first words of a backend share
 * a few pages of blocks instead of touching one page each.
 *
 * Both the feature table and the word cache are megabytes, beyond the
 * nearer caches, and their reads are what a model with more labels pays
 * most for (more attributes, more weights each).  So they are asked for
 * before they are needed: a missed word's keys are probed in batches
 * (add_attrs), and the next position's word block and bigram slots are
 * prefetched while this position is summed.  Prefetches are hints: the
 * sums, and their order, are what a plain loop gives.
 *
 * A user dictionary (persner dict) constrains the decoding, as the BIO
 * grammar does.  The grammar is -inf in the transition scores; the
 * dictionary is -inf in the state scores of the positions its names cover:
 * a name of type X found in the sentence (leftmost-longest, non-overlapping,
 * persner_phrase_longest over the same identity hashes the features use)
 * allows only B-X at its first token and I-X at the others, and forbids
 * I-X right after it, so the name is one entity of its own; a name never to
 * be tagged allows only O.  Viterbi and forward-backward both read the
 * masked scores, so the path and the marginals agree, and everything
 * outside the names is still the CRF's choice under those constraints.  A
 * model without a dictionary skips this with one test per sentence; with
 * one, whether any name starts with a word is cached per word type (a
 * small direct-mapped table), so the phrase table, a few MB for 100,000
 * names, is probed only where a name may start.
 *
 * Rules (patterns.c) constrain the decoding the same way, for every model
 * with DAT, TIM or PCT: a numeric date is inside one DAT, a clock time
 * inside one TIM, a number before ٪ inside one PCT, and a date with its
 * year does not run on into «ساعت ۱۰».  They skip whatever a dictionary
 * name covers (the name wins: the user said so), and cost one byte test per
 * token that does not start with a digit.
 *
 * A model with a document bonus (docmem.h) also remembers the names it has
 * tagged in the document so far and adds the bonus where one comes again,
 * after the dictionary's masks and the rules, before decoding.
 *
 * Memory.  All buffers grow on demand to the longest sentence seen (a
 * sentence is at most PERSNER_MAX_SENTENCE_BYTES of original text) and are
 * reused; tagging a sentence allocates nothing once they are big enough.
 */
#include "crf.h"
#include "docmem.h"
#include "feat.h"
#include "patterns.h"
#include "spans.h"
#include "tagger.h"

#include <math.h>
#include <string.h>

#define CACHE_FIRST	(1u << 10)	/* words in a new tagger's cache: 300 kB at L = 15 */
#define CACHE_SIZE	(1u << 13)	/* words once it has grown: 2.4 MB at L = 15 */
#define DSTART_SIZE	4096		/* 32 KB */

/* a word cache slot: the word's key (0: empty) and its block in cvals */
typedef struct CacheSlot
{
	uint64_t	key;
	uint32_t	block;
} CacheSlot;

struct PersnerTagger
{
	const PersnerModel *m;
	int			L;
	int			want_scores;	/* run forward-backward */
	float		doc_bonus;		/* docmem.h; 0: no memory */
	uint32_t	doc_window;		/* sentences a name is remembered for (0: the document) */
	PersnerDocMem *mem;			/* allocated when doc_bonus > 0 */
	PersnerFeatLex lex;
	float	   *trans_eff;		/* [L][L] trans with the scheme's grammar applied */
	float	   *start_eff;		/* [L] */
	float	   *end_eff;		/* [L] */
	PersnerPatterns pat;		/* the rules' types in this model */

	/* the document being tagged */
	const char *doc;
	size_t		len;
	size_t		pos;			/* bytes consumed */
	uint32_t	cpos;			/* characters consumed */

	/* per-sentence buffers, each for 'cap' tokens, in one block (reserve) */
	size_t		cap;
	char	   *scratch;
	PersnerNormBuf nb;
	PersnerToken *toks;			/* [toks_cap]: a sentence's bytes bound its tokens */
	size_t		toks_cap;
	const char **tokp;
	size_t	   *tokl;
	uint64_t   *ident;
	uint64_t   *wkey;			/* [cap] the word cache's key of each token */
	uint8_t    *zwnj;
	uint32_t   *gazB;
	uint32_t   *gazI;
	uint32_t   *cls;
	/* the hashed context attributes: position i's are [hoff[i], hoff[i + 1]) */
	int		   *hoff;			/* [cap + 1] */
	uint64_t   *hkey;			/* [cap * PERSNER_MAX_HASHED_ATTRS] */
	const PersnerWeight **hw;	/* ... their weights, looked up before decode sums them */
	uint32_t   *hn;				/* ... and the weights' counts */
	uint8_t    *held;			/* [cap] a dictionary name covers it (dict_mask) */
	int		   *path;
	float	   *state;			/* [cap][L] */
	float	   *marg;			/* [cap][L] */
	float	   *score;			/* [cap] */
	PersnerSpan *spans;
	PersnerEntity *ents;
	PersnerTokenInfo *infos;
	char	   *text;			/* entity texts, NUL-separated */
	size_t		text_cap;
	PersnerCrfWork crf;

	/* pretokenized input: normalized tokens end to end */
	PersnerNormBuf tnb;
	char	   *tokbuf;
	size_t		tokbuf_cap;
	size_t	   *tokoff;
	size_t		tokoff_cap;

	/* word cache: csize slots, csize blocks of [PERSNER_NOFFSETS][L] scores */
	CacheSlot  *cslots;
	float	   *cvals;
	uint32_t	csize;			/* CACHE_FIRST, then CACHE_SIZE */
	uint32_t	cused;			/* blocks handed out */
	uint32_t	cmisses;		/* misses since it was made */
	float	   *bos;			/* [PERSNER_NOFFSETS][L] */
	float	   *eos;
	float	   *fixed;			/* [PERSNER_FIXED_IDS][L] context weights */

	/*
	 * dictionary models only: whether a name starts with a word, per word
	 * identity, direct-mapped (the phrase table of 100,000 names is a few
	 * MB, one random probe per token; most words repeat)
	 */
	uint64_t   *dstart;			/* [DSTART_SIZE] see dict_mask */

	uint8_t		fixed_ready[PERSNER_FIXED_IDS]; /* fixed[id] summed yet */

	/*
	 * the window being scored: win[(p + PERSNER_WINDOW) % PERSNER_NOFFSETS]
	 * is the block of the word at p, a cache block, bos, eos, or its copy in
	 * spare [PERSNER_NOFFSETS][PERSNER_NOFFSETS][L] when a miss evicted it
	 */
	const float *win[PERSNER_NOFFSETS];
	float	   *spare;
};

static void add_attrs(const PersnerTagger *t, const uint64_t *keys, const int *counts,
					  int nblocks, float *dst);

/* add_weights - add an attribute's n weights to its row of L scores (a label out of range is skipped) */
static inline void
add_weights(const PersnerWeight *w, uint32_t n, int L, float *row)
{
	uint32_t	e;

	for (e = 0; e < n; e++)
		if (w[e].label < (uint32_t) L)
			row[w[e].label] += w[e].w;
}

/* the interrupt hook (persner.h): set once by the host, NULL by default */
static PersnerInterruptFn interrupt_fn;

void
persner_set_interrupt(PersnerInterruptFn fn)
{
	interrupt_fn = fn;
}

void
persner_check_interrupt(void)
{
	if (interrupt_fn != NULL)
		interrupt_fn();
}

/*
 * The per-sentence arrays, each of 'cap' tokens ([cap][L] for the scores),
 * carved from one zeroed block: X(field, elements) a line.
 */
#define SCRATCH_ARRAYS(X, n, L) \
	X(tokp, n) X(tokl, n) X(ident, n) X(wkey, n) X(zwnj, n) X(gazB, n) X(gazI, n) X(cls, n) \
	X(hoff, (n) + 1) X(hkey, (n) * PERSNER_MAX_HASHED_ATTRS) \
	X(hw, (n) * PERSNER_MAX_HASHED_ATTRS) X(hn, (n) * PERSNER_MAX_HASHED_ATTRS) \
	X(held, n) X(path, n) X(state, (n) * (L)) X(marg, (n) * (L)) X(score, n) X(spans, n) \
	X(ents, n) X(infos, n)
#define SCRATCH_ALIGN(bytes)	(((bytes) + 15) & ~(size_t) 15)
#define SCRATCH_SIZE(field, count)	+ SCRATCH_ALIGN((count) * sizeof(*t->field))
#define SCRATCH_CARVE(field, count) \
	t->field = (void *) (t->scratch + used); \
	used += SCRATCH_ALIGN((count) * sizeof(*t->field));

/* reserve - the per-sentence arrays for n tokens (new and zeroed: nothing is kept) */
static PersnerStatus
reserve(PersnerTagger *t, size_t n)
{
	size_t		L = (size_t) t->L,
				used = 0;

	if (n <= t->cap)
		return PERSNER_OK;
	if (n < 16)
		n = 16;
	if (n < 2 * t->cap)
		n = 2 * t->cap;
	if (n > INT32_MAX / (L + 1))
		return PERSNER_ELIMIT;
	persner_free(t->scratch);
	t->cap = 0;
	t->scratch = persner_calloc(1, 0 SCRATCH_ARRAYS(SCRATCH_SIZE, n, L));
	if (t->scratch == NULL || persner_crf_reserve(&t->crf, (int) n, t->L) != PERSNER_OK)
		return PERSNER_ENOMEM;
	SCRATCH_ARRAYS(SCRATCH_CARVE, n, L)
	t->cap = n;
	return PERSNER_OK;
}

/*
 * word_scores - the [PERSNER_NOFFSETS][L] block of a word
 *
 * The cache is two-way set associative: a word may sit in either slot of
 * its pair; a miss evicts the slot its hash picks (first copying the block
 * to spare if the window ring holds it).
 */
static const float *
word_scores(PersnerTagger *t, const char *w, size_t len, uint64_t key)
{
	uint32_t	slot = (uint32_t) (key >> 20) & (t->csize - 2);
	size_t		block = (size_t) PERSNER_NOFFSETS * t->L;
	uint64_t	keys[PERSNER_NOFFSETS * PERSNER_MAX_WORD_ATTRS];
	int			counts[PERSNER_NOFFSETS];
	float	   *v;
	int			o;

	if (key == 0)
		key = 1;
	if (t->cslots[slot].key == key)
		return t->cvals + t->cslots[slot].block * block;
	if (t->cslots[slot + 1].key == key)
		return t->cvals + t->cslots[slot + 1].block * block;

	t->cmisses++;
	slot += (uint32_t) (key >> 50) & 1;
	if (t->cslots[slot].key == 0)
		t->cslots[slot].block = t->cused++;	/* < csize: one block a slot at most */
	v = t->cvals + t->cslots[slot].block * block;
	for (o = 0; o < PERSNER_NOFFSETS; o++)	/* a window word's block: keep a copy */
		if (t->win[o] == v)
		{
			float	   *copy = t->spare + (size_t) o * block;

			memcpy(copy, v, sizeof(float) * block);
			t->win[o] = copy;
		}
	memset(v, 0, sizeof(float) * block);
	persner_feat_word_all(&t->lex, w, len, keys, counts);
	add_attrs(t, keys, counts, PERSNER_NOFFSETS, v);
	t->cslots[slot].key = key;
	return v;
}

/*
 * add_attrs - dst[b][L] += the weights of the attributes of block b that
 * the model knows, for b < nblocks; block b's counts[b] keys follow those
 * of block b - 1 in keys.
 *
 * The feature table and the weights are megabytes, so nearly every probe
 * is a cache miss; taken one by one, the misses follow one another.  So
 * the keys go in chunks, three passes each: prefetch every key's slot,
 * then probe each (its slot is arriving) and prefetch its weights, then
 * add.  The adds run in key order, weight by weight, as one pass would,
 * so every sum is the same to the bit.
 */
#define ADD_CHUNK	64

static void
add_attrs(const PersnerTagger *t, const uint64_t *keys, const int *counts, int nblocks,
		  float *dst)
{
	const PersnerModel *m = t->m;
	const PersnerWeight *w[ADD_CHUNK];
	uint32_t	ne[ADD_CHUNK];
	float	   *to[ADD_CHUNK];
	int			b = 0,
				left = nblocks > 0 ? counts[0] : 0;

	while (b < nblocks)
	{
		int			n = 0,
					i;

		/* the next chunk: up to ADD_CHUNK keys, each with its block's row */
		while (b < nblocks && n < ADD_CHUNK)
		{
			if (left == 0)
			{
				if (++b < nblocks)
					left = counts[b];
				continue;
			}
			to[n++] = dst + (size_t) b * t->L;
			left--;
		}
		for (i = 0; i < n; i++)
			persner_model_prefetch(m, keys[i]);
		for (i = 0; i < n; i++)
		{
			ne[i] = persner_model_weights(m, keys[i], &w[i]);
			if (ne[i] > 0)
				PERSNER_PREFETCH(w[i]);
		}
		for (i = 0; i < n; i++)
			add_weights(w[i], ne[i], t->L, to[i]);
		keys += n;
	}
}

/*
 * pseudo_scores - the blocks of pseudo-word w at offsets lo..hi (the others
 * stay zero: PERSNER_BOS is never seen from a position before it)
 */
static void
pseudo_scores(PersnerTagger *t, const char *w, int lo, int hi, float *v)
{
	uint64_t	keys[PERSNER_MAX_WORD_ATTRS];
	int			o;

	for (o = lo; o <= hi; o++)
	{
		int			n = persner_feat_word(&t->lex, w, strlen(w), o, keys);

		add_attrs(t, keys, &n, 1, v + (size_t) (o + PERSNER_WINDOW) * t->L);
	}
}

/* fixed_scores - the weights of fixed-domain attribute id, summed on first use */
static const float *
fixed_scores(PersnerTagger *t, int id)
{
	float	   *v = t->fixed + (size_t) id * t->L;

	if (!t->fixed_ready[id])
	{
		uint64_t	key = persner_feat_fixed_key(id);
		int			one = 1;

		add_attrs(t, &key, &one, 1, v);
		t->fixed_ready[id] = 1;
	}
	return v;
}

PersnerStatus
persner_tagger_create(const PersnerModel *m, PersnerTagger **out)
{
	PersnerTagger *t;
	int			L = m->L,
				i,
				j;

	*out = NULL;
	t = persner_calloc(1, sizeof(PersnerTagger));
	if (t == NULL)
		return PERSNER_ENOMEM;
	t->m = m;
	t->L = L;
	t->want_scores = 1;
	t->lex.flags = m->feat_flags;
	t->lex.gaz = &m->gaz;
	t->lex.clus = &m->clus;
	t->trans_eff = persner_calloc((size_t) L * L, sizeof(float));
	t->start_eff = persner_calloc((size_t) L, sizeof(float));
	t->end_eff = persner_calloc((size_t) L, sizeof(float));
	(void) persner_patterns_init(m, &t->pat);
	t->csize = CACHE_FIRST;
	t->cslots = persner_calloc(CACHE_FIRST, sizeof(CacheSlot));
	/*
	 * Not zeroed: a block is written whole (word_scores) before its key is
	 * set, so its pages are faulted in only as words fill them, in order.
	 */
	t->cvals = persner_alloc((size_t) CACHE_FIRST * PERSNER_NOFFSETS * L * sizeof(float));
	t->bos = persner_calloc((size_t) PERSNER_NOFFSETS * L, sizeof(float));
	t->eos = persner_calloc((size_t) PERSNER_NOFFSETS * L, sizeof(float));
	t->fixed = persner_calloc((size_t) PERSNER_FIXED_IDS * L, sizeof(float));
	t->spare = persner_calloc((size_t) PERSNER_NOFFSETS * PERSNER_NOFFSETS * L, sizeof(float));
	if (m->dict.keys != NULL)
		t->dstart = persner_calloc(DSTART_SIZE, sizeof(uint64_t));
	if ((t->doc_bonus = persner_docmem_bonus(m)) > 0)
		t->mem = persner_calloc(1, sizeof(PersnerDocMem));
	if (!t->trans_eff || !t->start_eff || !t->end_eff || !t->cslots || !t->cvals || !t->bos || !t->eos ||
		!t->fixed || !t->spare ||
		(m->dict.keys != NULL && t->dstart == NULL) || (t->doc_bonus > 0 && t->mem == NULL))
	{
		persner_tagger_free(t);
		return PERSNER_ENOMEM;
	}
	if (t->mem != NULL)
		persner_docmem_reset(t->mem);

	/*
	 * The grammar of the model's tag scheme (persner.h): I-k may only follow
	 * B-k or I-k, and may not start a sentence; in BIOES a mention ends
	 * with E- or S-.  Whatever the file says, these stay forbidden.
	 */
	for (i = 0; i < L; i++)
	{
		for (j = 0; j < L; j++)
			t->trans_eff[i * L + j] = PERSNER_TAG_CAN_FOLLOW(m->W, i, j) ? m->trans[i * L + j] : -INFINITY;
		t->start_eff[i] = PERSNER_TAG_CAN_START(m->W, i) ? m->start[i] : -INFINITY;
		t->end_eff[i] = PERSNER_TAG_CAN_END(m->W, i) ? m->end[i] : -INFINITY;
	}
	/* the pseudo-words stand only before (after) the sentence */
	pseudo_scores(t, PERSNER_BOS, -PERSNER_WINDOW, -1, t->bos);
	pseudo_scores(t, PERSNER_EOS, 1, PERSNER_WINDOW, t->eos);
	*out = t;
	return PERSNER_OK;
}

void
persner_tagger_free(PersnerTagger *t)
{
	if (t == NULL)
		return;
	persner_normbuf_free(&t->nb);
	persner_normbuf_free(&t->tnb);
	persner_crf_work_free(&t->crf);
	persner_free(t->trans_eff);
	persner_free(t->start_eff);
	persner_free(t->end_eff);
	persner_free(t->scratch);
	persner_free(t->toks);
	persner_free(t->text);
	persner_free(t->tokbuf);
	persner_free(t->tokoff);
	persner_free(t->cslots);
	persner_free(t->cvals);
	persner_free(t->bos);
	persner_free(t->eos);
	persner_free(t->fixed);
	persner_free(t->spare);
	persner_free(t->dstart);
	persner_free(t->mem);
	persner_free(t);
}

/* forbid_all_but - every label of position p but keep gets -inf (keep < 0: all but O) */
static void
forbid_all_but(float *state, int L, int p, int keep)
{
	float	   *row = state + (size_t) p * L;
	int			j;

	for (j = 0; j < L; j++)
		if (j != (keep < 0 ? PERSNER_TAG_O : keep))
			row[j] = -INFINITY;
}

/*
 * dict_mask - the user dictionary's constraints on the state scores [T][L]
 * (see the essay above); t->ident must hold the sentence's identity hashes.
 * Marks the positions of the names found in t->held (zeroed by the caller).
 */
static void
dict_mask(PersnerTagger *t, int T)
{
	const PersnerModel *m = t->m;
	int			L = t->L,
				i = 0;

	while (i < T)
	{
		uint64_t	id = t->ident[i],
				   *slot = &t->dstart[id & (DSTART_SIZE - 1)];
		uint32_t	v,
					act;
		int			e,
					p;

		/*
		 * The common case: no name starts with this word, cached per word.
		 * A slot holds the identity hash with bit 0 replaced by the answer
		 * (1: a name may start here): every hash of slot c has bit 0 of c,
		 * so nothing is lost.  0 is an empty slot (hashes 0 and 1 are
		 * simply looked up each time).
		 */
		if (*slot == 0 || (*slot & ~(uint64_t) 1) != (id & ~(uint64_t) 1))
			*slot = (id & ~(uint64_t) 1) | (uint64_t) persner_phrase_starts(&m->dict, id);
		if ((*slot & 1) == 0)
		{
			i++;
			continue;
		}
		e = persner_phrase_longest(&m->dict, t->ident, T, i, &v);
		act = v & PERSNER_GAZ_TYPEMASK;
		/* a value with stray bits or an unknown type is no match (hostile file) */
		if (e < 0 || (v & ~(PERSNER_GAZ_TYPEMASK | PERSNER_GAZ_PREFIX)) != 0 ||
			(act != PERSNER_DICT_NEVER && act > (uint32_t) m->K))
		{
			i++;
			continue;
		}
		for (p = i; p <= e; p++)
			t->held[p] = 1;
		if (act == PERSNER_DICT_NEVER)
		{
			for (p = i; p <= e; p++)
				forbid_all_but(t->state, L, p, -1);
		}
		else
		{
			int			k = (int) act - 1;

			if (e == i)
				forbid_all_but(t->state, L, i, PERSNER_TAG_S(m->W, k));
			else
			{
				forbid_all_but(t->state, L, i, PERSNER_TAG_B(m->W, k));
				for (p = i + 1; p < e; p++)
					forbid_all_but(t->state, L, p, PERSNER_TAG_I(m->W, k));
				forbid_all_but(t->state, L, e, PERSNER_TAG_E(m->W, k));
			}
			/* the name ends here: the next word does not continue it */
			if (e + 1 < T)
			{
				t->state[(size_t) (e + 1) * L + PERSNER_TAG_I(m->W, k)] = -INFINITY;
				t->state[(size_t) (e + 1) * L + PERSNER_TAG_E(m->W, k)] = -INFINITY;
			}
		}
		i = e + 1;
	}
}

/*
 * cache_grow - the word cache at its full size, empty, once it has missed
 * twice its first size; between sentences only (the window ring points into
 * it).  On allocation failure the small cache stays.
 */
static void
cache_grow(PersnerTagger *t)
{
	CacheSlot  *slots;
	float	   *vals;

	if (t->csize == CACHE_SIZE || t->cmisses < 2 * t->csize)
		return;
	slots = persner_calloc(CACHE_SIZE, sizeof(CacheSlot));
	vals = persner_alloc((size_t) CACHE_SIZE * PERSNER_NOFFSETS * t->L * sizeof(float));
	if (slots == NULL || vals == NULL)
	{
		persner_free(slots);
		persner_free(vals);
		t->cmisses = 0;			/* try again after as many misses */
		return;
	}
	persner_free(t->cslots);
	persner_free(t->cvals);
	t->cslots = slots;
	t->cvals = vals;
	t->csize = CACHE_SIZE;
	t->cused = 0;
}

/*
 * rows_sum - dst[j] = 0 + rows[0][j] + rows[1][j] + ... for j < n, the
 * rows added in the order given, so each sum is what a plain loop gives;
 * whole fours first, which gcc -O2 vectorizes (crf.c: "Speed"), then the
 * rest.  Out of line: inlined, gcc loses the no-alias facts.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void
rows_sum(float *restrict dst, const float *const *rows, int nrows, int n)
{
	int			j,
				r,
				n4 = n & ~3;

	for (j = 0; j < n; j++)
		dst[j] = 0.0f;
	for (r = 0; r < nrows; r++)
	{
		const float *restrict src = rows[r];

		for (j = 0; j < n4; j++)
			dst[j] += src[j];
		for (; j < n; j++)
			dst[j] += src[j];
	}
}

/* the window ring's entry for the word at p >= -PERSNER_WINDOW */
#define WIN(p)	(((p) + PERSNER_WINDOW) % PERSNER_NOFFSETS)

/* window_word - put the block of the word at p (a pseudo-word outside the sentence) in the ring */
static inline void
window_word(PersnerTagger *t, int p, int T)
{
	if (p < 0)
		t->win[WIN(p)] = t->bos;
	else if (p >= T)
		t->win[WIN(p)] = t->eos;
	else
		t->win[WIN(p)] = word_scores(t, t->tokp[p], t->tokl[p], t->wkey[p]);
}

/*
 * word_prefetch - if the word at p (< T) is in the cache, ask for its
 * block, which window_word will want at the next position: the cache is
 * megabytes, so a block is rarely in the nearer caches, and a block is
 * PERSNER_NOFFSETS rows of L floats (420 bytes at L = 21).  A hint only.
 */
static inline void
word_prefetch(const PersnerTagger *t, int p, int T)
{
	uint64_t	key;
	uint32_t	slot;
	size_t		block = (size_t) PERSNER_NOFFSETS * t->L,
				b;
	const char *v;

	if (p >= T)
		return;
	key = t->wkey[p] == 0 ? 1 : t->wkey[p];
	slot = (uint32_t) (key >> 20) & (t->csize - 2);
	if (t->cslots[slot].key != key && t->cslots[++slot].key != key)
		return;
	v = (const char *) (t->cvals + t->cslots[slot].block * block);
	for (b = 0; b < block * sizeof(float); b += 64)
		PERSNER_PREFETCH(v + b);
}

/*
 * context_lookup - the hashed context attributes of every position (the
 * word bigrams, the class context) and where their weights are
 *
 * Each key's slot and then its weights are cache misses.  Looked up one
 * position at a time, as decode sums the positions, those misses stalled
 * it (add_attrs was a fifth of the tagger's time in perf); in one pass
 * over the sentence (PERSNER_LOOKAHEAD) a key's weights are asked for as
 * soon as its slot is read, and the misses overlap.  decode adds the
 * weights in the order it always did: the scores are the same bits.
 */
static void
context_lookup(PersnerTagger *t, const PersnerFeatSent *s, int T)
{
	int			i,
				n = 0;

	for (i = 0; i < T; i++)
	{
		t->hoff[i] = n;
		n += persner_feat_context_hashed(&t->lex, s, i, t->hkey + n);
	}
	t->hoff[T] = n;
	for (i = 0; i < n && i < PERSNER_LOOKAHEAD; i++)
		persner_model_prefetch(t->m, t->hkey[i]);
	for (i = 0; i < n; i++)
	{
		if (i + PERSNER_LOOKAHEAD < n)
			persner_model_prefetch(t->m, t->hkey[i + PERSNER_LOOKAHEAD]);
		t->hn[i] = persner_model_weights(t->m, t->hkey[i], &t->hw[i]);
		if (t->hn[i] > 0)
			PERSNER_PREFETCH(t->hw[i]);
	}
}

/*
 * decode - tag the T tokens in tokp/tokl: fills state, path, score
 *
 * The scores of position i are what persner_feat_position defines: the
 * words of its window (PERSNER_WINDOW_WALK, the walk the builder takes),
 * each adding its cached block's row for the offset at which it stands,
 * then the context attributes.  Moving to position i adds the word at
 * i + PERSNER_WINDOW to the ring, in the entry of the word at i - 3 that
 * has left the window.
 */
static void
decode(PersnerTagger *t, int T)
{
	int			L = t->L;
	size_t		block = (size_t) L;
	PersnerFeatSent s;
	int			ids[PERSNER_MAX_CTX_ATTRS];
	const float *rows[PERSNER_NOFFSETS + PERSNER_MAX_CTX_ATTRS];	/* summed at a position */
	int			i,
				p;

	cache_grow(t);

	/* identity hashes (they key the word cache too), classes and gazetteer matches */
	s = (PersnerFeatSent) {
		.T = T, .tok = t->tokp, .len = t->tokl, .ident = t->ident,
		.zwnj = t->zwnj, .gazB = t->gazB, .gazI = t->gazI, .cls = t->cls
	};
	persner_feat_prepare(&t->lex, &s);
	for (i = 0; i < T; i++)
		t->wkey[i] = persner_feat_word_key(t->ident[i], t->zwnj[i]);

	for (p = -PERSNER_WINDOW; p < PERSNER_WINDOW; p++)
		window_word(t, p, T);
	context_lookup(t, &s, T);
	for (i = 0; i < T; i++)
	{
		float	   *dst = t->state + (size_t) i * block;
		int			o,
					k,
					nrows;

		if (i > 0 && i % PERSNER_INTERRUPT_TOKENS == 0)
			persner_check_interrupt();

		/*
		 * the block of the word the next position adds to the window,
		 * asked for now so that it arrives while this one is summed
		 */
		word_prefetch(t, i + PERSNER_WINDOW + 1, T);

		/* word attributes, then the context attributes of small domains */
		window_word(t, i + PERSNER_WINDOW, T);
		nrows = 0;
		PERSNER_WINDOW_WALK(i, o, p)
			rows[nrows++] = t->win[WIN(p)] + (size_t) (o + PERSNER_WINDOW) * block;
		k = persner_feat_context_ids(&t->lex, &s, i, ids);
		for (o = 0; o < k; o++)
			rows[nrows++] = fixed_scores(t, ids[o]);
		rows_sum(dst, rows, nrows, L);

		/* the hashed context attributes (context_lookup found their weights) */
		for (k = t->hoff[i]; k < t->hoff[i + 1]; k++)
			add_weights(t->hw[k], t->hn[k], L, dst);
	}
	memset(t->win, 0, sizeof(t->win));	/* no stale block for the next miss to rescue */

	if (t->m->dict.keys != NULL)
	{
		memset(t->held, 0, sizeof(*t->held) * (unsigned) T);
		dict_mask(t, T);
	}
	(void) persner_patterns_mask(&t->pat, t->tokp, t->tokl, T,
								 t->m->dict.keys != NULL ? t->held : NULL, t->state, t->m->W, L, NULL);
	if (t->mem != NULL)
		persner_docmem_apply(t->mem, t->ident, T, t->doc_window, t->doc_bonus, t->m->W, L, t->state);
	persner_crf_viterbi(&t->crf, t->state, t->trans_eff, t->start_eff, t->end_eff,
						T, L, t->path);
	if (t->want_scores)
		persner_crf_marginals(&t->crf, t->state, t->trans_eff, t->start_eff, t->end_eff,
							  T, L, t->marg);
	if (t->mem != NULL)
		persner_docmem_learn(t->mem, t->ident,
							 t->spans, persner_spans(t->path, NULL, T, t->m->W, L, t->spans));
	for (i = 0; i < T; i++)
	{
		int			tag = t->path[i];

		if (tag < 0 || tag >= L)
			tag = t->path[i] = 0;
		t->score[i] = t->want_scores ? t->marg[(size_t) i * L + tag] : 1.0f;
	}
}

void
persner_tagger_set_scores(PersnerTagger *t, int on)
{
	t->want_scores = on != 0;
}

PersnerStatus
persner_tagger_begin(PersnerTagger *t, const char *doc, size_t len)
{
	PersnerStatus st = persner_utf8_validate(doc, len);

	t->doc = NULL;
	t->len = t->pos = 0;
	t->cpos = 0;
	if (t->mem != NULL)
		persner_docmem_reset(t->mem);
	t->doc_window = 0;
	if (st != PERSNER_OK)
		return st;
	if (len > UINT32_MAX)
		return PERSNER_ELIMIT;	/* character offsets are 32-bit */
	t->doc = doc;
	t->len = len;
	return PERSNER_OK;
}

/*
 * Append the canonical form of tokens [b, e) to t->text at *off: their
 * normalized text with the spacing between them as written, folded as
 * persner_canonical folds (so it equals persner_canonical of the original
 * span: normalization is local to characters).
 */
static PersnerStatus
entity_text(PersnerTagger *t, int b, int e, size_t *off)
{
	size_t		nbeg = t->toks[b].nbeg,
				len = t->toks[e - 1].nend - nbeg,
				need = *off + len + 1;

	char	   *text = persner_grow(t->text, &t->text_cap, need, 1);

	if (text == NULL)
		return PERSNER_ENOMEM;
	t->text = text;
	*off += persner_canonical_fold(t->nb.text + nbeg, len, t->text + *off) + 1;
	return PERSNER_OK;
}

PersnerStatus
persner_tagger_next(PersnerTagger *t, const PersnerEntity **ents, size_t *nents,
					const PersnerTokenInfo **toks, size_t *ntoks)
{
	const char *seg;
	size_t		seglen,
				T,
				i,
				nsp,
				b = 0,
				toff = 0;
	uint32_t	c;
	PersnerToken *tk;
	PersnerStatus st;

	if (ents)
		*ents = NULL, *nents = 0;
	if (toks)
		*toks = NULL, *ntoks = 0;
	if (t->doc == NULL || t->pos >= t->len)
		return PERSNER_DONE;
	persner_check_interrupt();

	seg = t->doc + t->pos;
	seglen = persner_segment_next(seg, t->len - t->pos, PERSNER_MAX_SENTENCE_BYTES);
	if (seglen == 0)
		return PERSNER_DONE;
	st = persner_normalize(seg, seglen, PERSNER_NORM_DEFAULT, &t->nb);
	if (st != PERSNER_OK)
		return st;
	/*
	 * The tokens, bounded by the sentence's bytes; then the per-token
	 * arrays, sized by the tokens found (a fifth of the bytes in Persian
	 * text), so the early sentences of a backend touch few new pages.
	 */
	if ((tk = persner_grow(t->toks, &t->toks_cap, t->nb.len + 1, sizeof(*tk))) == NULL)
		return PERSNER_ENOMEM;
	t->toks = tk;
	T = persner_tokenize(&t->nb, t->toks);
	if ((st = reserve(t, T + 1)) != PERSNER_OK)	/* + 1: arrays even for no token */
		return st;

	/* token texts and character offsets (one pass over the sentence) */
	c = t->cpos;
	for (i = 0; i < T; i++)
	{
		PersnerToken *k = &t->toks[i];
		PersnerTokenInfo *ti = &t->infos[i];

		c += (uint32_t) persner_utf8_count(seg + b, k->obeg - b);
		b = k->obeg;
		t->tokp[i] = t->nb.text + k->nbeg;
		t->tokl[i] = k->nend - k->nbeg;
		ti->cbeg = c;
		ti->cend = c + (uint32_t) persner_utf8_count(seg + k->obeg, k->oend - k->obeg);
		ti->bbeg = t->pos + k->obeg;
		ti->bend = t->pos + k->oend;
		ti->norm = t->tokp[i];
		ti->norm_len = t->tokl[i];
	}

	if (T > 0)
		decode(t, (int) T);
	for (i = 0; i < T; i++)
	{
		t->infos[i].tag = PERSNER_TAG_AS_BIO(t->m->W, t->path[i]);
		t->infos[i].score = t->score[i];
	}

	nsp = T > 0 ? persner_spans(t->path, t->score, (int) T, t->m->W, t->L, t->spans) : 0;
	for (i = 0; i < nsp; i++)
	{
		PersnerSpan *sp = &t->spans[i];
		PersnerEntity *e = &t->ents[i];
		size_t		at = toff;

		if ((st = entity_text(t, sp->beg, sp->end, &toff)) != PERSNER_OK)
			return st;
		e->cbeg = t->infos[sp->beg].cbeg;
		e->cend = t->infos[sp->end - 1].cend;
		e->bbeg = t->infos[sp->beg].bbeg;
		e->bend = t->infos[sp->end - 1].bend;
		e->type = sp->type;
		e->score = sp->score;
		/* an offset for now: the buffer may move while it grows */
		e->norm = (const char *) (uintptr_t) at;
		e->norm_len = toff - at - 1;
	}
	for (i = 0; i < nsp; i++)	/* text may have moved while growing */
		t->ents[i].norm = t->text + (uintptr_t) t->ents[i].norm;

	t->pos += seglen;
	t->cpos += (uint32_t) persner_utf8_count(seg, seglen);
	if (ents)
		*ents = t->ents, *nents = nsp;
	if (toks)
		*toks = t->infos, *ntoks = T;
	return PERSNER_OK;
}

PersnerStatus
persner_tagger_tag_tokens(PersnerTagger *t, const char *const *tokens,
						  const size_t *lens, size_t T, int *tags_out,
						  float *scores_out)
{
	size_t		i,
				used = 0,
			   *tokoff;
	char	   *tokbuf;
	PersnerStatus st;

	if (T == 0)
		return PERSNER_OK;
	t->doc_window = PERSNER_DOCMEM_WINDOW;	/* a file of sentences: no article marks */
	if ((st = reserve(t, T)) != PERSNER_OK)
		return st;
	if ((tokoff = persner_grow(t->tokoff, &t->tokoff_cap, T, sizeof(*tokoff))) == NULL)
		return PERSNER_ENOMEM;
	t->tokoff = tokoff;
	for (i = 0; i < T; i++)
	{
		if (i % PERSNER_INTERRUPT_TOKENS == 0)
			persner_check_interrupt();
		st = persner_normalize(tokens[i], lens[i], PERSNER_NORM_SPACE_AS_ZWNJ, &t->tnb);
		if (st != PERSNER_OK)
			return st;
		if ((tokbuf = persner_grow(t->tokbuf, &t->tokbuf_cap, used + t->tnb.len + 1, 1)) == NULL)
			return PERSNER_ENOMEM;
		t->tokbuf = tokbuf;
		memcpy(t->tokbuf + used, t->tnb.text, t->tnb.len);
		t->tokoff[i] = used;
		t->tokl[i] = t->tnb.len;
		used += t->tnb.len;
		t->tokbuf[used++] = '\0';
	}
	for (i = 0; i < T; i++)
		t->tokp[i] = t->tokbuf + t->tokoff[i];
	decode(t, (int) T);
	for (i = 0; i < T; i++)
	{
		tags_out[i] = PERSNER_TAG_AS_BIO(t->m->W, t->path[i]);
		if (scores_out)
			scores_out[i] = t->score[i];
	}
	return PERSNER_OK;
}

const float *
persner_tagger_state(const PersnerTagger *t)
{
	return t->state;
}
