/*
 * feat.h - feature templates: the one place features are defined
 *
 * A feature (an "attribute") is a 64-bit hash of its template, its window
 * offset and its text.  Two kinds:
 *
 *   word attributes     depend on one word and the offset o in [-2, +2] at
 *                       which it stands from the labelled token; the tagger
 *                       caches their summed weights per word type
 *   context attributes  depend on the sentence around position t (word
 *                       bigrams, gazetteer matches, sentence edges)
 *
 * The trainer and the tagger both call these functions, so the features
 * the trainer saw are, by construction, the features the tagger computes.
 */
#ifndef PERSNER_FEATURES_H
#define PERSNER_FEATURES_H

#include "model.h"

#define PERSNER_WINDOW			2
#define PERSNER_NOFFSETS		(2 * PERSNER_WINDOW + 1)
#define PERSNER_MAX_WORD_ATTRS	56	/* at o = 0 with every flag: 49 */
#define PERSNER_MAX_CTX_ATTRS	96
#define PERSNER_FEAT_MAX_BYTES	128	/* a longer token is featurized by its
									 * first 128 bytes (whole characters) */

/* What the features need besides the tokens. */
typedef struct PersnerFeatLex
{
	uint32_t	flags;			/* PERSNER_FEAT_* */
	const PersnerTable *gaz;	/* phrase -> gazetteer types (may be empty) */
	const PersnerTable *clus;	/* word -> clusters (may be empty) */
} PersnerFeatLex;

/* The pseudo-words standing before and after a sentence. */
extern const char PERSNER_BOS[];
extern const char PERSNER_EOS[];

/*
 * persner_feat_word - attributes of word w seen at offset o from the token
 * being labelled.  Writes at most PERSNER_MAX_WORD_ATTRS keys to out and
 * returns their count.
 */
int			persner_feat_word(const PersnerFeatLex *lex, const char *w, size_t len,
							  int o, uint64_t *out);

/*
 * persner_feat_word_all - the same for every offset -PERSNER_WINDOW..+: the
 * keys of offset o follow those of o - 1 in out [PERSNER_NOFFSETS *
 * PERSNER_MAX_WORD_ATTRS]; counts [PERSNER_NOFFSETS] gets how many each has.
 */
int			persner_feat_word_all(const PersnerFeatLex *lex, const char *w, size_t len,
								  uint64_t *out, int *counts);

/*
 * persner_feat_word_key - the key under which a word's cached scores live:
 * its identity hash and whether it had a ZWNJ (PersnerFeatSent ident, zwnj)
 */
uint64_t	persner_feat_word_key(uint64_t ident, int had_zwnj);

/*
 * One sentence as the context templates see it.  The caller fills T, tok,
 * len and provides the arrays; persner_feat_prepare fills the rest.
 */
typedef struct PersnerFeatSent
{
	int			T;
	const char *const *tok;		/* [T] normalized token texts */
	const size_t *len;			/* [T] their byte lengths */
	uint64_t   *ident;			/* [T] identity hash (ZWNJ-free form) */
	uint8_t    *zwnj;			/* [T] 1 if the token had a ZWNJ */
	uint32_t   *gazB;			/* [T] gazetteer types of a match starting here */
	uint32_t   *gazI;			/* [T] ... of a match covering, not starting, here */
	uint32_t   *cls;			/* [T] the token's cluster (PERSNER_TABLE_MISS if
								 * none), with PERSNER_FEAT_CBIGRAM only */
} PersnerFeatSent;

void		persner_feat_prepare(const PersnerFeatLex *lex, PersnerFeatSent *s);

/*
 * persner_feat_context - context attributes of position t; writes at most
 * PERSNER_MAX_CTX_ATTRS keys and returns their count.  It is the union of
 * the two functions below: the fixed-domain attributes as ids (kind * 32 +
 * bit, fewer than PERSNER_FIXED_IDS; persner_feat_fixed_key gives each
 * one's hash) and the hashed ones (at most PERSNER_MAX_HASHED_ATTRS: the
 * word bigrams, and with PERSNER_FEAT_CBIGRAM each neighbour's word with the
 * token's coarse class).
 */
#define PERSNER_MAX_HASHED_ATTRS	4
int			persner_feat_context(const PersnerFeatLex *lex, const PersnerFeatSent *s,
								 int t, uint64_t *out);
int			persner_feat_context_ids(const PersnerFeatLex *lex, const PersnerFeatSent *s,
									 int t, int *out);
int			persner_feat_context_hashed(const PersnerFeatLex *lex, const PersnerFeatSent *s,
										int t, uint64_t *out);
uint64_t	persner_feat_fixed_key(int id);

/*
 * persner_feat_word_at - the word at position p of s and its length: a
 * token, or the pseudo-word PERSNER_BOS before the sentence (p < 0) and
 * PERSNER_EOS after it (p >= T).  The word at p = t + o stands at offset o
 * from position t.
 */
const char *persner_feat_word_at(const PersnerFeatSent *s, int p, size_t *len);

/*
 * PERSNER_WINDOW_WALK(t, o, p) - the window of position t: the one walk of
 * it that the model builder (persner_feat_position) and the tagger (decode
 * in tagger.c) both take.  For o = -PERSNER_WINDOW .. +PERSNER_WINDOW, in
 * that order, p = t + o is the position of the word that stands at offset o
 * from t: a token, or PERSNER_BOS (p < 0) or PERSNER_EOS (p >= T), as
 * persner_feat_word_at says.  The order is part of the contract: the
 * builder lists a position's keys in it and the tagger adds the words'
 * per-offset scores in it, so a position's score is one fixed float sum.
 */
#define PERSNER_WINDOW_WALK(t, o, p) \
	for ((o) = -PERSNER_WINDOW, (p) = (t) - PERSNER_WINDOW; \
		 (o) <= PERSNER_WINDOW; (o)++, (p)++)

/*
 * persner_feat_position - every attribute of position t, the definition of
 * what the model scores there: the word attributes of the words of its
 * window (PERSNER_WINDOW_WALK, each word at its offset), then the context
 * attributes.  Writes at most PERSNER_MAX_POS_ATTRS keys and returns their
 * count.  The model builder reads positions this way; the tagger takes the
 * same walk over the words' cached per-offset score blocks (tagger.c), and
 * test_build.c checks that the two agree.
 */
#define PERSNER_MAX_POS_ATTRS	(PERSNER_NOFFSETS * PERSNER_MAX_WORD_ATTRS + PERSNER_MAX_CTX_ATTRS)
int			persner_feat_position(const PersnerFeatLex *lex, const PersnerFeatSent *s,
								  int t, uint64_t *out);

#define PERSNER_FIXED_KINDS		9
#define PERSNER_FIXED_IDS		(PERSNER_FIXED_KINDS * 32)

/*
 * persner_gaz_key - the key of a token sequence in the gazetteer table,
 * built one token at a time: k = persner_gaz_extend(k, token) starting from
 * k = 0.  Tokens are taken in their ZWNJ-free form.
 */
uint64_t	persner_gaz_extend(uint64_t k, const char *tok, size_t len);

/*
 * persner_phrase_longest - the longest phrase of tab that starts at token t
 *
 * The one phrase matcher, for the gazetteer (features) and the user
 * dictionary (tagger.c) alike.  tab holds the key of every phrase and of
 * every proper prefix of one (persner_gaz_extend over the tokens' identity
 * hashes); a value's low bits (PERSNER_GAZ_TYPEMASK) are nonzero where a
 * phrase ends, and PERSNER_GAZ_PREFIX says a longer phrase may go on.
 * Looks at ident[t .. t + PERSNER_GAZ_MAX_TOKENS) within [0, T).  Returns
 * the index of the last token of the longest phrase and its value in *val,
 * or -1 (and *val 0) when no phrase starts at t.
 */
int			persner_phrase_longest(const PersnerTable *tab, const uint64_t *ident,
								   int T, int t, uint32_t *val);

/*
 * persner_phrase_extend - a phrase's chain key one token longer: k of the
 * tokens so far (0 before the first) and the identity hash of the next
 */
uint64_t	persner_phrase_extend(uint64_t k, uint64_t ident);

/*
 * persner_phrase_starts - whether some phrase of tab (or a prefix of one)
 * starts with the token of identity hash ident: when not, no phrase starts
 * there and persner_phrase_longest would return -1
 */
int			persner_phrase_starts(const PersnerTable *tab, uint64_t ident);

/*
 * persner_gaz_word_key - the gazetteer table's key of a word's places in
 * the names of the lists (PERSNER_GAZ_SLOT_COUNT, model.h), from its
 * identity hash
 */
uint64_t	persner_gaz_word_key(uint64_t ident);

/*
 * persner_vec_word_key - the cluster table's key of a word's vector classes
 * (PERSNER_VEC_CLASS, model.h), from its identity hash
 */
uint64_t	persner_vec_word_key(uint64_t ident);

/*
 * persner_brown_word_key - the cluster table's key of a word's Brown path
 * (PERSNER_BROWN_VALUE, model.h), from its identity hash; the features
 * read its prefixes at the PERSNER_BROWN_NDEPTHS depths below
 */
uint64_t	persner_brown_word_key(uint64_t ident);

#define PERSNER_BROWN_NDEPTHS	4
extern const int persner_brown_depths[PERSNER_BROWN_NDEPTHS];

/*
 * persner_aff_word_key - the cluster table's key of a word's head-word
 * affinities (PERSNER_AFF_BUCKET, model.h), from its identity hash
 */
uint64_t	persner_aff_word_key(uint64_t ident);

/* persner_ident_hash - hash of the ZWNJ-free form of a token */
uint64_t	persner_ident_hash(const char *w, size_t len);

#endif							/* PERSNER_FEATURES_H */
