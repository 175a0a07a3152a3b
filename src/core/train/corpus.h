/*
 * corpus.h - labelled corpora, parsed from memory (corpus.c)
 *
 * Tokens with BIO tags, sentence by sentence.  Two formats, detected per
 * line: PEYMA "token|B_ORG" (split at the last '|') and CoNLL "token LABEL"
 * (split at the last space or tab).  Blank lines end sentences;
 * "-DOCSTART-" lines are skipped.  Tags are kept as a type name ("ORG",
 * uppercased) and a BIO letter; ARMAN's "pers" is read as PER and its
 * "event" as EVE.  Types
 * are kept as written: whether persner knows one is the reader's business
 * (labels.h).
 *
 * The tag "?" (PEYMA "token|?", CoNLL "token ?") marks a token whose label
 * is unknown: a silver corpus (silver.h) writes it where the labelling
 * model was unsure.  It is read as bio PERSNER_CORPUS_UNKNOWN with no type,
 * and a training sentence that holds one is read as label sets, the token
 * allowed every label (dataset.h); evaluation reads it as O.
 */
#ifndef PERSNER_CORPUS_H
#define PERSNER_CORPUS_H

#include "persner.h"

#define PERSNER_CORPUS_UNKNOWN_TAG	"?"
#define PERSNER_CORPUS_UNKNOWN		'?'	/* bio of a token whose label is unknown */

typedef struct PersnerCorpus
{
	char	   *buf;			/* a copy of the text; the strings point into it */
	size_t		ntok;
	size_t		nsent;
	char	  **tok;			/* [ntok] token text, NUL-terminated */
	size_t	   *toklen;			/* [ntok] */
	char	  **type;			/* [ntok] entity type, NULL for O */
	char	   *bio;			/* [ntok] 'O', 'B', 'I' or PERSNER_CORPUS_UNKNOWN */
	size_t	   *sent;			/* [nsent + 1] first token of each sentence */
} PersnerCorpus;

/*
 * persner_corpus_parse - parse text[0..len) into c (caller-owned struct)
 *
 * Everything is persner_alloc'd; free with persner_corpus_free, also after
 * a failure.  Returns PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_corpus_parse(const char *text, size_t len, PersnerCorpus *c);
void		persner_corpus_free(PersnerCorpus *c);

/*
 * persner_corpus_split - keep the dev split of c (dev = 1) or the rest
 * (dev = 0), compacting its arrays in place.
 *
 * For a corpus that ships without a dev split (ARMAN): the last block of
 * PERSNER_CORPUS_SPLIT_BLOCK sentences in every PERSNER_CORPUS_SPLIT_EVERY
 * blocks, i.e. sentences 450-499, 950-999, ... counting from 0.  A fixed
 * tenth, in contiguous runs so that an article's sentences mostly stay on
 * one side.
 */
#define PERSNER_CORPUS_SPLIT_BLOCK	50
#define PERSNER_CORPUS_SPLIT_EVERY	10
void		persner_corpus_split(PersnerCorpus *c, int dev);

#endif							/* PERSNER_CORPUS_H */
