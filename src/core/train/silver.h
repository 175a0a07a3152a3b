/*
 * silver.h - silver labels: a model's confident tags on unlabelled text (silver.c)
 *
 * Self-training (issue 11, lever 3).  A first-stage model tags raw news;
 * where it is sure, its labels are kept, and everywhere else the label is
 * left unknown, so that a second training reads the text as partial
 * labels (Tsuboi et al. 2008) and learns only from what the first model
 * was sure of:
 *
 *   - an entity (a B- and the I-s after it, as the Viterbi path has them)
 *     is kept whole when each of its tokens' marginals P(y_t = tag | x) is
 *     at least the threshold, and is unknown whole otherwise, so a kept
 *     span never loses its first or last word;
 *   - an O is kept when its marginal is at least the threshold of O, which
 *     may be stricter (a first model's misses are mostly entities it
 *     called O, and training on them again teaches the miss);
 *   - every other token is unknown: it may take any label, a kept span's
 *     neighbours included (the span may then be longer than it was kept).
 *
 * The silver corpus is written in PEYMA's line format, "token|B-ORG",
 * "token|O", and "token|?" for an unknown label (corpus.h reads "?" as a
 * wildcard, dataset.h turns it into a token that allows every label), a
 * blank line after each sentence.  Tokens are the tagger's normalized
 * tokens; they hold no whitespace, and a '|' inside one is harmless (the
 * reader splits at the last).
 */
#ifndef PERSNER_SILVER_H
#define PERSNER_SILVER_H

#include "persner.h"

#define PERSNER_SILVER_UNKNOWN	(-1)	/* a kept[] entry whose label is unknown */

/*
 * Column-wrapped text (Hamshahri's newspaper columns end a line in the
 * middle of a sentence): a line of at least this many characters that
 * does not end a sentence goes on on the next line.  A shorter one is a
 * headline or a byline and stands alone.
 */
#define PERSNER_SILVER_WRAP_CHARS	40

/*
 * persner_silver_keep - which labels of one tagged sentence to keep
 *
 * tags [T] are a BIO path (tag indices of persner.h), scores [T] their
 * marginals; an entity is kept at threshold, an O at o_threshold.  Writes
 * kept [T] (caller-owned): the tag, or PERSNER_SILVER_UNKNOWN, by the
 * rules above; *nknown (may be NULL) gets how many are kept.  An I- that does not continue the span before it
 * opens a span of its own.  Returns PERSNER_OK, or PERSNER_EINVAL for a
 * NULL array with T > 0.
 */
PersnerStatus persner_silver_keep(const int *tags, const float *scores, size_t T,
								  float threshold, float o_threshold, int *kept, size_t *nknown);

/*
 * persner_silver_agree - an ensemble's labels: where another model agrees
 *
 * tags/scores [T] are one model's path and marginals, tags2/scores2 [T]
 * another's over the same tokens (tag indices of labels.h's order, so
 * models with different K compare).  Where the two tags agree the score
 * becomes the lower of the two marginals; where they differ, 0, so that
 * persner_silver_keep leaves the token (and its span) unknown.  In place.
 * Returns PERSNER_OK, or PERSNER_EINVAL for a NULL array with T > 0.
 */
PersnerStatus persner_silver_agree(const int *tags, float *scores, const int *tags2,
								   const float *scores2, size_t T);

/*
 * persner_silver_format - one sentence in the silver corpus's lines
 *
 * Tokens tok [T] (len [T] bytes, no newline in them) with kept [T] (type
 * names from labels.h, in model order) become "token|TAG\n" lines and a
 * blank line, written to out [cap]; *outlen gets the bytes written (no NUL
 * is added).  PERSNER_SILVER_FORMAT_CAP(bytes, T) is always enough, bytes
 * being the tokens' total length.  Returns PERSNER_OK, PERSNER_ELIMIT when
 * cap is too small (nothing usable written), or PERSNER_EINVAL for a tag
 * outside labels.h's or a token with a newline.
 */
#define PERSNER_SILVER_FORMAT_CAP(bytes, T)	((bytes) + (T) * (PERSNER_MAX_TYPE_NAME + 5) + 1)
PersnerStatus persner_silver_format(const char *const *tok, const size_t *len,
									const int *kept, size_t T,
									char *out, size_t cap, size_t *outlen);

/*
 * persner_silver_unwrap - join column-wrapped lines in place
 *
 * Every '\n' of text [len] that ends a line of at least
 * PERSNER_SILVER_WRAP_CHARS characters without a sentence end (. ! ? ؟ :
 * ؛ … and closing quotes after them) becomes a space, so the line and the
 * next are one paragraph.  Bytes are only overwritten, never moved.
 * *njoined (may be NULL) gets how many lines were joined.
 */
PersnerStatus persner_silver_unwrap(char *text, size_t len, size_t *njoined);

#endif							/* PERSNER_SILVER_H */
