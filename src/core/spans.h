/*
 * spans.h - BIO tags -> entity spans (spans.c)
 */
#ifndef PERSNER_SPANS_H
#define PERSNER_SPANS_H

#include "persner.h"

typedef struct PersnerSpan
{
	int			beg;			/* first token */
	int			end;			/* one past the last token */
	int			type;			/* entity type k */
	float		score;			/* mean marginal of the span's tags */
} PersnerSpan;

/*
 * persner_spans - the entities of one tagged sentence
 *
 * tags [T] are tag indices of scheme w (persner.h; anything >= L counts as
 * O), scores [T] their marginals (may be NULL: score 1).  A span begins at
 * B- or S- and ends after E- or S-; an I- or E- that does not continue a k
 * span starts one, so any tag sequence gives well-formed spans.  out must
 * hold T spans; returns the count.
 */
size_t		persner_spans(const int *tags, const float *scores, int T, int w, int L,
						  PersnerSpan *out);

#endif							/* PERSNER_SPANS_H */
