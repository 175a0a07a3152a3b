/*
 * docmem.h - what a document has said so far: the names tagged in its
 * earlier sentences (docmem.c)
 *
 * News names an organization in full and then again, and the later mention
 * is the one the CRF misses more often: its words are the same, its context
 * weaker.  So the tagger keeps the names (token sequences with their type)
 * it has tagged in the document so far, and where one of them comes again
 * it adds the model's document bonus (PERSNER_DOCMEM_META) to the scores of
 * B-type at the first word and I-type at the others before decoding.  The
 * bonus is a score, not a constraint: the CRF still decides, under the same
 * Viterbi and forward-backward.  It is chosen on dev by the trainer (0: the
 * model keeps no memory), so a model without it tags exactly as before.
 *
 * What counts as the document: everything since persner_tagger_begin (one
 * SQL value is one document), or, for a file of sentences fed one by one
 * (persner_tagger_tag_tokens: `persner eval`, `persner tag
 * --pretokenized`), the last PERSNER_DOCMEM_WINDOW sentences, since such
 * files mark no article boundaries.
 */
#ifndef PERSNER_DOCMEM_H
#define PERSNER_DOCMEM_H

#include "spans.h"

#define PERSNER_DOCMEM_META		"doc_bonus"	/* model metadata: the bonus in hundredths */
#define PERSNER_DOCMEM_MAX_BONUS	1000		/* hundredths: a larger value is refused */
#define PERSNER_DOCMEM_WINDOW	10			/* sentences, for sentence-at-a-time input */
#define PERSNER_DOCMEM_SLOTS	1024		/* keys (names and their prefixes) held at most */

typedef struct PersnerDocMem
{
	uint64_t	keys[PERSNER_DOCMEM_SLOTS];	/* chain keys (persner_phrase_extend) */
	uint32_t	gen[PERSNER_DOCMEM_SLOTS];	/* a slot holds a key only if gen == cur */
	uint32_t	cur;			/* this document's generation: forgetting is cur++ */
	uint32_t	vals[PERSNER_DOCMEM_SLOTS];	/* 1 + type where a name ends; PERSNER_GAZ_PREFIX */
	uint32_t	seen[PERSNER_DOCMEM_SLOTS];	/* sentence a name was last tagged in */
	uint32_t	nkeys;
	uint32_t	sent;			/* sentences learned from */
} PersnerDocMem;

/* persner_docmem_reset - forget everything: a new document (and the first call on a zeroed d) */
void		persner_docmem_reset(PersnerDocMem *d);

/*
 * persner_docmem_apply - add bonus to the scores state [T][L] (tag scheme
 * w, persner.h) of the names of d found in the sentence of identity hashes
 * ident [T]: leftmost longest, not overlapping, each tagged in the last
 * window sentences (0: any)
 */
void		persner_docmem_apply(const PersnerDocMem *d, const uint64_t *ident, int T,
								 uint32_t window, float bonus, int w, int L, float *state);

/*
 * persner_docmem_learn - remember the entities spans [nsp] of the sentence
 * of identity hashes ident (names of more than PERSNER_GAZ_MAX_TOKENS words
 * are not kept), and count the sentence.  When the table is three quarters
 * full it starts over: memory is bounded whatever the document.
 */
void		persner_docmem_learn(PersnerDocMem *d, const uint64_t *ident,
								 const PersnerSpan *spans, size_t nsp);

/*
 * persner_docmem_bonus - the model's document bonus from its metadata (0
 * when it has none, or a value that is not 0..PERSNER_DOCMEM_MAX_BONUS
 * hundredths written in digits)
 */
float		persner_docmem_bonus(const PersnerModel *m);

#endif							/* PERSNER_DOCMEM_H */
