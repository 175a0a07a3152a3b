/*
 * persner.h - public API of the persner core (no PostgreSQL include)
 *
 * The pipeline, drawn once:
 *
 *   original UTF-8 document
 *     --segment-->   sentences: byte ranges of the original, each at most
 *                    PERSNER_MAX_SENTENCE_BYTES long          (tokenize.c)
 *     --normalize--> normalized UTF-8 + offset map: every normalized byte
 *                    knows the original byte range it came from (normalize.c)
 *     --tokenize-->  tokens: normalized byte ranges + original byte ranges
 *                                                              (tokenize.c)
 *     --features-->  per token, label scores [L] summed from the model's
 *                    weights (cached per word type)            (features.c)
 *     --crf-->       BIO labels (Viterbi) + marginals          (crf.c)
 *     --spans-->     entities: original 0-based character offsets, label,
 *                    score, canonical text                     (spans.c)
 *
 * The tagger (tagger.c) drives the pipeline one sentence at a time over a
 * workspace that it grows on demand, so tagging a document of any length
 * needs memory bounded by the longest sentence, not by the document.
 *
 * A dictionary model (persner dict: a base model plus a table of names,
 * src/core/train/dict.h) adds one step between features and crf: the
 * names found in the sentence constrain the labels the decoder may choose
 * at their positions (tagger.c); persner_model_dict says what it holds.
 *
 * Beside the pipeline: labels.h (the label set), modelfile.h (a model file
 * opened, mapped and validated), values.h (what DAT/TIM/MON/PCT entities
 * mean).  Models are built by src/core/train (build.h draws the steps);
 * the extension does not link it, and its features are the tagger's by
 * construction: both read feat.h, and test/unit/test_build.c checks it.
 *
 * Conventions: every function returns a PersnerStatus (or a count) and
 * writes results through out-parameters; the core never exits, aborts or
 * prints.  Every allocation goes through persner_alloc (the allocator seam),
 * so the PostgreSQL glue can put core memory in a memory context and a test
 * can fail the Nth allocation.  Dimension letters: T tokens, L labels
 * (BIO tags), K entity types, F features.
 */
#ifndef PERSNER_H
#define PERSNER_H

#include <stddef.h>
#include <stdint.h>

#define PERSNER_VERSION			"0.2.0"

/* Status codes.  Negative values are errors. */
typedef enum PersnerStatus
{
	PERSNER_OK = 0,
	PERSNER_DONE = 1,			/* iteration finished (not an error) */
	PERSNER_ENOMEM = -1,		/* an allocation failed */
	PERSNER_EFORMAT = -2,		/* model file malformed (bad magic, bounds) */
	PERSNER_EVERSION = -3,		/* model file of another format version */
	PERSNER_ECHECKSUM = -4,		/* model file checksum mismatch */
	PERSNER_EUTF8 = -5,			/* input is not valid UTF-8 */
	PERSNER_EINVAL = -6,		/* bad argument */
	PERSNER_EIO = -7,			/* read/write failed (CLI, trainer) */
	PERSNER_ELIMIT = -8			/* an input exceeds a documented limit */
} PersnerStatus;

/* persner_strerror - a static, lowercase description of a status (status.c) */
const char *persner_strerror(PersnerStatus st);

/* ---------------------------------------------------------------------
 * Limits
 * ---------------------------------------------------------------------
 */
#define PERSNER_MAX_SENTENCE_BYTES	2048	/* segmenter cuts longer runs */
#define PERSNER_MAX_TYPES		32		/* entity types in a model */
#define PERSNER_MAX_LABELS		(1 + 2 * PERSNER_MAX_TYPES)
#define PERSNER_MAX_TYPE_NAME	15		/* bytes in "PER", "ORG" ... */

/* ---------------------------------------------------------------------
 * Allocator seam (alloc.c)
 *
 * One process-wide allocator.  alloc returns NULL on failure (never
 * longjmps out of core code that holds other allocations... unless the
 * glue accepts that: see src/pg/model_cache.c).  NULL restores malloc.
 * ---------------------------------------------------------------------
 */
typedef struct PersnerAllocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} PersnerAllocator;

void		persner_set_allocator(const PersnerAllocator *a);
void	   *persner_alloc(size_t size);		/* NULL on failure or size 0 */
void	   *persner_calloc(size_t n, size_t size);	/* zeroed; overflow-checked */
void	   *persner_realloc(void *ptr, size_t old_size, size_t new_size);
void		persner_free(void *ptr);		/* NULL is a no-op */
void		persner_free_all(void *const *ptrs, size_t n);	/* persner_free each of ptrs [n] */
/*
 * persner_grow - the array p (of *cap elements of elem bytes) made to hold
 * at least need elements: p itself when it does, else reallocated to
 * 2 * need elements (contents kept, *cap updated).  Returns the array, or
 * NULL on failure (p and *cap untouched).  The caller assigns the result
 * to its own typed pointer, so no pointer is accessed as a void *:
 *
 *     PersnerToken *tok = persner_grow(lx->tok, &lx->tok_cap, n, sizeof(*tok));
 *     if (tok == NULL) return PERSNER_ENOMEM;
 *     lx->tok = tok;
 */
void	   *persner_grow(void *p, size_t *cap, size_t need, size_t elem);

/*
 * persner_scratch - the same for a scratch array, whose contents need not
 * survive: p itself when it holds need elements, else a new zeroed array of
 * exactly need elements (p freed, *cap = need).  NULL on failure (p and
 * *cap untouched).
 */
void	   *persner_scratch(void *p, size_t *cap, size_t need, size_t elem);

/* ---------------------------------------------------------------------
 * Interrupts (tagger.c)
 *
 * One process-wide hook, like the allocator: while the core works through
 * a long input it calls the hook at least once per sentence, every
 * PERSNER_INTERRUPT_TOKENS tokens inside a sentence and every
 * PERSNER_INTERRUPT_BYTES bytes of a text it normalizes in one piece, so
 * that a host can stop it (the PostgreSQL glue runs CHECK_FOR_INTERRUPTS).
 * The hook may return, and the work goes on, or never return (longjmp).
 * Long-lived objects (tagger, PersnerNormBuf) stay valid when it does not: a
 * tagger interrupted mid-document is ready for the next
 * persner_tagger_begin.  A call that allocates for its own use
 * (persner_canonical's buffer) may be left holding it, so a host whose hook
 * can longjmp must have the allocator draw from memory the jump releases
 * (the glue: the statement's memory context).  NULL: no hook.
 * ---------------------------------------------------------------------
 */
#define PERSNER_INTERRUPT_TOKENS	256
#define PERSNER_INTERRUPT_BYTES		((size_t) 1 << 20)

typedef void (*PersnerInterruptFn) (void);

void		persner_set_interrupt(PersnerInterruptFn fn);
void		persner_check_interrupt(void);	/* calls the hook, if any */

/* ---------------------------------------------------------------------
 * UTF-8 helpers (utf8.c)
 * ---------------------------------------------------------------------
 */

/*
 * persner_utf8_decode - decode one code point at s[0..len)
 *
 * Returns the number of bytes consumed (1..4) and stores the code point in
 * *cp; returns 0 for invalid UTF-8 (overlong, surrogate, > U+10FFFF,
 * truncated, stray continuation byte).
 */
int			persner_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp);

/* persner_utf8_encode - write cp (<= U+10FFFF, not a surrogate) to out[4]; returns bytes */
int			persner_utf8_encode(uint32_t cp, uint8_t *out);

/* persner_utf8_validate - PERSNER_OK or PERSNER_EUTF8 */
PersnerStatus persner_utf8_validate(const char *s, size_t len);

/* persner_utf8_count - number of code points in valid UTF-8 s[0..len) */
size_t		persner_utf8_count(const char *s, size_t len);

/* ZWNJ (U+200C ZERO WIDTH NON-JOINER), the Persian in-word joiner, in UTF-8 */
#define PERSNER_ZWNJ			"\xE2\x80\x8C"
#define PERSNER_ZWNJ_LEN		3
#define PERSNER_ZWNJ_CP			0x200C

/* persner_is_zwnj - whether s[0..n) starts with a ZWNJ */
static inline int
persner_is_zwnj(const char *s, size_t n)
{
	return n >= PERSNER_ZWNJ_LEN && (unsigned char) s[0] == 0xE2 &&
		(unsigned char) s[1] == 0x80 && (unsigned char) s[2] == 0x8C;
}

/* ---------------------------------------------------------------------
 * Normalization (normalize.c)
 *
 * Persian folding: Arabic letter forms to Persian (ي ى -> ی, ك -> ک,
 * ة ۀ -> ه, ...), diacritics and tatweel dropped, Arabic presentation forms
 * folded (NFKC through ICU), Persian / Arabic-Indic / Latin digits unified
 * to Persian digits, bidi marks and ZWJ dropped, every kind of space and
 * control made a plain space, ZWNJ kept but collapsed (a run becomes one;
 * next to a space or at a word edge it goes).
 *
 * The offset map: normalized byte i came from the original byte range
 * [obeg[i], oend[i]) of the input (0-based, relative to src).  Dropped
 * combining marks and tatweel are attached to the preceding kept character
 * (its oend grows over them), so a token's original range always covers
 * the marks written on it.
 * ---------------------------------------------------------------------
 */
typedef struct PersnerNormBuf
{
	char	   *text;			/* [cap + 1] normalized UTF-8, NUL-terminated */
	uint32_t   *obeg;			/* [cap] original byte where byte i's char starts */
	uint32_t   *oend;			/* [cap] original byte where it ends (exclusive) */
	size_t		len;			/* bytes used in text */
	size_t		cap;			/* bytes allocated (grown on demand) */
} PersnerNormBuf;

/* Flags for persner_normalize */
#define PERSNER_NORM_DEFAULT	0
#define PERSNER_NORM_SPACE_AS_ZWNJ 0x01	/* a space inside the input becomes
										 * ZWNJ: for one pretokenized PEYMA
										 * token such as "می شود" */

/*
 * persner_normalize - normalize src[0..srclen) into buf
 *
 * buf is caller-owned (zero-initialize it before first use; reuse it across
 * calls: it grows on demand, never shrinks).  Returns PERSNER_EUTF8 on
 * invalid UTF-8 (buf->len is then 0), PERSNER_ENOMEM, PERSNER_ELIMIT when
 * srclen >= 2^31, else PERSNER_OK.
 */
PersnerStatus persner_normalize(const char *src, size_t srclen, int flags,
								PersnerNormBuf *buf);
void		persner_normbuf_free(PersnerNormBuf *buf);

/*
 * persner_canonical - the canonical form of an entity name
 *
 * Normalizes, then makes ZWNJ and whitespace uniform: every run of spaces
 * and ZWNJ becomes one ASCII space, leading and trailing ones go, and
 * punctuation stays as typed.  This is the form stored in `entity` values
 * and produced by persner_entities, so 'ORG:شهرداري  قم' and
 * 'ORG:شهرداری قم' are equal.  Writes a NUL-terminated string to *out
 * (allocated with persner_alloc, caller frees) and its length to *outlen.
 */
PersnerStatus persner_canonical(const char *src, size_t srclen,
								char **out, size_t *outlen);

/*
 * persner_canonical_fold - the second half of persner_canonical, for text
 * that is already normalized: runs of spaces and ZWNJ become one space,
 * leading and trailing ones go.  Writes at most len + 1 bytes (NUL
 * included) to out and returns the length.
 */
size_t		persner_canonical_fold(const char *norm, size_t len, char *out);

/* ---------------------------------------------------------------------
 * Segmentation and tokenization (tokenize.c)
 * ---------------------------------------------------------------------
 */

/*
 * persner_segment_next - length in bytes of the next sentence of text
 *
 * Sentences end after . ! ? ؟ ۔ … (and closing quotes or brackets after them)
 * followed by whitespace, or at a newline.  A run longer than max_bytes is
 * cut at its last whitespace before max_bytes, or, with none, at the last
 * UTF-8 character boundary.  text must be valid UTF-8.  Returns 0 only
 * when len == 0.
 */
size_t		persner_segment_next(const char *text, size_t len, size_t max_bytes);

typedef struct PersnerToken
{
	uint32_t	nbeg;			/* byte range in the normalized text */
	uint32_t	nend;
	uint32_t	obeg;			/* byte range in the original (as the map) */
	uint32_t	oend;
} PersnerToken;

/*
 * persner_tokenize - split normalized text into tokens
 *
 * Whitespace separates tokens; punctuation is a token of its own; a word
 * joined by ZWNJ is one token; a number keeps its inner separators
 * (1398/05/12, 21:30, 2.5, 32,390).  out must hold at least nb->len tokens
 * (a token has at least one byte).  Returns the number of tokens.
 */
size_t		persner_tokenize(const PersnerNormBuf *nb, PersnerToken *out);

/* ---------------------------------------------------------------------
 * Model (model.c): a read-only view over the bytes of a model file
 * ---------------------------------------------------------------------
 */
typedef struct PersnerModel PersnerModel;

/*
 * persner_model_open - validate a model image and return a view over it
 *
 * data must stay mapped (and unchanged) while the model is in use; the
 * model does not copy it.  Checks magic, format version, byte order, every
 * section's bounds and counts against size, and the checksum.  On failure
 * returns an error status, sets *detail to a static sentence saying what
 * was wrong (may be NULL), and *out to NULL.
 */
PersnerStatus persner_model_open(const void *data, size_t size,
								 PersnerModel **out, const char **detail);

/*
 * persner_model_open_verified - persner_model_open without the checksum pass
 *
 * For bytes the caller has already checksummed (an immutable copy made from
 * a file persner_model_open accepted), so that opening costs no pass over
 * the data.  Every structural check still runs: a damaged image can give
 * wrong answers, never an out-of-bounds read.
 */
PersnerStatus persner_model_open_verified(const void *data, size_t size,
										  PersnerModel **out, const char **detail);
void		persner_model_close(PersnerModel *m);

/*
 * persner_model_header - the file size and checksum the first 32 bytes of a
 * model file give (head[0..n)); 1, or 0 if they are not a model header.  For
 * a cheap look at a file that may be being written; nothing is verified.
 */
int			persner_model_header(const void *head, size_t n, uint64_t *size, uint64_t *checksum);

int			persner_model_ntypes(const PersnerModel *m);	/* K */
const char *persner_model_type(const PersnerModel *m, int k);	/* "PER" */
int			persner_model_type_index(const PersnerModel *m, const char *name, size_t len);	/* -1 if none */
int			persner_model_nlabels(const PersnerModel *m);	/* L = 1 + W K */
int			persner_model_scheme(const PersnerModel *m);	/* W: PERSNER_BIO or PERSNER_BIOES */
uint32_t	persner_model_format_version(const PersnerModel *m);
uint64_t	persner_model_checksum(const PersnerModel *m);

/*
 * persner_model_version_text - a model's version as users see and store it
 * (persner_model_version(), persner_models().checksum, a dictionary
 * model's base_checksum, persner info): its checksum as 16 hex digits
 */
#define PERSNER_VERSION_LEN	16
void		persner_model_version_text(const PersnerModel *m, char out[PERSNER_VERSION_LEN + 1]);
uint32_t	persner_model_nfeatures(const PersnerModel *m);
/* persner_model_meta - value of a metadata key ("corpus", "dev_f1", ...) or NULL */
const char *persner_model_meta(const PersnerModel *m, const char *key);

/*
 * persner_model_tag_name - "O", "B-PER", "I-LOC" for BIO tag index tag over
 * m's types (as the tagger hands tags out; an index outside [0, 1 + 2K) is
 * "O"); written to buf [PERSNER_MAX_TYPE_NAME + 3]
 */
const char *persner_model_tag_name(const PersnerModel *m, int tag, char *buf);

/* What a model holds, in numbers (bin/persner info). */
typedef struct PersnerModelStats
{
	size_t		size;			/* bytes of the image */
	uint32_t	nfeatures;		/* attributes with weights */
	uint32_t	nweights;		/* nonzero weights */
	uint32_t	feature_slots;	/* feature table capacity */
	uint32_t	gazetteer_slots;
	uint32_t	cluster_slots;
	uint32_t	feat_flags;		/* the feature templates it was trained with */
} PersnerModelStats;

void		persner_model_stats(const PersnerModel *m, PersnerModelStats *out);

/*
 * A dictionary model (persner dict): the base model it was compiled from
 * and how many names it holds.  persner_model_dict returns 1 and fills *out
 * when m holds a user dictionary, else 0 (and *out zeroed).  The strings
 * live in m.
 */
typedef struct PersnerModelDict
{
	const char *base_model;		/* the base model's name */
	const char *base_checksum;	/* its checksum, 16 hex digits */
	uint32_t	entries;		/* names tagged as a type */
	uint32_t	never;			/* names never tagged */
	uint32_t	slots;			/* phrase table capacity */
} PersnerModelDict;

int			persner_model_dict(const PersnerModel *m, PersnerModelDict *out);

/*
 * Tag index layout.  A model tags in one of two schemes, and w, the
 * scheme's width, is its number of tags a type (persner_model_scheme: the
 * model's label count L is 1 + w K):
 *   BIO (w = 2):   0 = O, 1 + 2k = B- of type k, 2 + 2k = I-;
 *   BIOES (w = 4): 1 + 4k = B-, 2 + 4k = I-, 3 + 4k = E- (the last word of
 *                  a mention of several), 4 + 4k = S- (a one-word mention).
 * BIO has no E- or S-: there E(w, k) is I- and S(w, k) is B-, so code that
 * names a mention's first, inner and last words serves both.
 */
#define PERSNER_BIO				2
#define PERSNER_BIOES			4
/* the scheme a width field names: BIOES, or BIO (0 in a zeroed struct, or anything else) */
#define PERSNER_SCHEME(w)		((w) == PERSNER_BIOES ? PERSNER_BIOES : PERSNER_BIO)
#define PERSNER_L_OF(w, K)		(1 + (w) * (K))
#define PERSNER_TAG_O			0
#define PERSNER_TAG_B(w, k)		(1 + (w) * (k))
#define PERSNER_TAG_I(w, k)		(2 + (w) * (k))
#define PERSNER_TAG_E(w, k)		((w) == PERSNER_BIOES ? 3 + 4 * (k) : PERSNER_TAG_I(w, k))
#define PERSNER_TAG_S(w, k)		((w) == PERSNER_BIOES ? 4 + 4 * (k) : PERSNER_TAG_B(w, k))
#define PERSNER_TAG_TYPE(w, tag)	(((tag) - 1) / (w))
#define PERSNER_TAG_POS(w, tag)	(((tag) - 1) % (w))	/* 0 B-, 1 I-, 2 E-, 3 S- */
/* the tag begins a mention: B- or S- */
#define PERSNER_TAG_IS_B(w, tag) \
	((tag) > 0 && (PERSNER_TAG_POS(w, tag) == 0 || PERSNER_TAG_POS(w, tag) == 3))
/* the tag continues a mention: I- or E- */
#define PERSNER_TAG_GOES_ON(w, tag) \
	((tag) > 0 && (PERSNER_TAG_POS(w, tag) == 1 || PERSNER_TAG_POS(w, tag) == 2))
/* a mention may end at this tag: O, and in BIOES E- and S- (in BIO any) */
#define PERSNER_TAG_MAY_END(w, tag) \
	((tag) == PERSNER_TAG_O || (w) == PERSNER_BIO || PERSNER_TAG_POS(w, tag) >= 2)

/*
 * The grammar, for the tagger and the trainer alike: I- or E- of type k
 * only follows B- or I- of type k; O, B- and S- follow a tag where a
 * mention may end; a sentence starts with O, B- or S- and ends where a
 * mention may end.
 */
#define PERSNER_TAG_CAN_FOLLOW(w, prev, tag) \
	(PERSNER_TAG_GOES_ON(w, tag) ? \
	 ((prev) > 0 && PERSNER_TAG_TYPE(w, prev) == PERSNER_TAG_TYPE(w, tag) && PERSNER_TAG_POS(w, prev) <= 1) : \
	 PERSNER_TAG_MAY_END(w, prev))
#define PERSNER_TAG_CAN_START(w, tag) ((tag) == PERSNER_TAG_O || PERSNER_TAG_IS_B(w, tag))
#define PERSNER_TAG_CAN_END(w, tag) PERSNER_TAG_MAY_END(w, tag)

/*
 * The BIO tag of a tag of scheme w: B- and S- as B-, I- and E- as I-.  What
 * the tagger hands out (PersnerTokenInfo, persner_tagger_tag_tokens) is BIO
 * whatever the model's scheme: the scheme is how a model decodes, not what
 * its users read.  A path of the grammar loses no mention boundary by it.
 */
#define PERSNER_TAG_AS_BIO(w, tag) \
	((tag) <= 0 ? PERSNER_TAG_O : PERSNER_TAG_IS_B(w, tag) ? \
	 PERSNER_TAG_B(PERSNER_BIO, PERSNER_TAG_TYPE(w, tag)) : PERSNER_TAG_I(PERSNER_BIO, PERSNER_TAG_TYPE(w, tag)))

/* ---------------------------------------------------------------------
 * Tagger (tagger.c): the pipeline over one model, one sentence at a time
 * ---------------------------------------------------------------------
 */
typedef struct PersnerTagger PersnerTagger;

typedef struct PersnerEntity
{
	uint32_t	cbeg;			/* 0-based character offset in the document */
	uint32_t	cend;			/* exclusive */
	size_t		bbeg;			/* byte offset in the document */
	size_t		bend;			/* exclusive */
	int			type;			/* entity type index k */
	float		score;			/* mean marginal of the entity's tags */
	const char *norm;			/* the canonical form of the entity's text
								 * (persner_canonical, as `entity` stores
								 * it), NUL-terminated, owned by the tagger
								 * until the next call */
	size_t		norm_len;
} PersnerEntity;

typedef struct PersnerTokenInfo
{
	uint32_t	cbeg;			/* 0-based character offsets in the document */
	uint32_t	cend;
	size_t		bbeg;			/* byte offsets in the document */
	size_t		bend;
	const char *norm;			/* normalized token text (not NUL-terminated) */
	size_t		norm_len;
	int			tag;			/* BIO tag index (PERSNER_TAG_AS_BIO), whatever the model's scheme */
	float		score;			/* marginal of the model's tag */
} PersnerTokenInfo;

/* persner_tagger_create - a tagger (workspace + per-word cache) over m */
PersnerStatus persner_tagger_create(const PersnerModel *m, PersnerTagger **out);
void		persner_tagger_free(PersnerTagger *t);

/*
 * persner_tagger_set_scores - whether to compute scores (default on)
 *
 * Scores come from forward-backward, a third of the tagging time; callers
 * that only want the entities (persner_entities, headlines) turn it off and
 * get score 1 everywhere.  The labels do not change.
 */
void		persner_tagger_set_scores(PersnerTagger *t, int on);

/*
 * persner_tagger_begin - start tagging doc[0..len)
 *
 * doc must be valid UTF-8 (PERSNER_EUTF8 otherwise) and stay unchanged
 * until the last persner_tagger_next call.
 */
PersnerStatus persner_tagger_begin(PersnerTagger *t, const char *doc, size_t len);

/*
 * persner_tagger_next - tag the next sentence
 *
 * Returns PERSNER_OK with that sentence's entities in (*ents, *nents) and
 * its tokens in (*toks, *ntoks) (either pointer pair may be NULL if not
 * wanted; both arrays owned by the tagger, valid until the next call), or
 * PERSNER_DONE when the document is exhausted, or an error.  A sentence
 * may have no tokens (blank text).
 */
PersnerStatus persner_tagger_next(PersnerTagger *t,
								  const PersnerEntity **ents, size_t *nents,
								  const PersnerTokenInfo **toks, size_t *ntoks);

/*
 * persner_tagger_tag_tokens - tag one pretokenized sentence
 *
 * tokens[i] (lens[i] bytes, raw UTF-8) are normalized with
 * PERSNER_NORM_SPACE_AS_ZWNJ.  Writes T BIO tags (PERSNER_TAG_AS_BIO) to
 * tags_out and, if not NULL, T marginals to scores_out.
 */
PersnerStatus persner_tagger_tag_tokens(PersnerTagger *t,
										const char *const *tokens, const size_t *lens,
										size_t T, int *tags_out, float *scores_out);

/* ---------------------------------------------------------------------
 * Hashing (hash.c): the one hash used for features, lexicons, checksums
 * ---------------------------------------------------------------------
 */
uint64_t	persner_hash(const void *data, size_t len, uint64_t seed);
uint64_t	persner_checksum(const void *data, size_t len);

#endif							/* PERSNER_H */
