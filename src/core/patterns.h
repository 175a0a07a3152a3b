/*
 * patterns.h - dates, times, percentages and money as users write them: the rules that constrain decoding
 *
 * The CRF learns what its corpus shows, and PEYMA shows almost no numeric
 * dates: the model cuts 2025-09-24 down to 2025.  A few written forms are
 * unambiguous, though, and the value grammar (values.c) already reads
 * them.  The rules find them in a sentence's tokens and constrain the
 * state scores, as a user dictionary does (tagger.c): -inf on the labels a
 * form excludes, so Viterbi and forward-backward both see the constraint
 * and the CRF still chooses everything else.  See patterns.c for the forms.
 */
#ifndef PERSNER_PATTERNS_H
#define PERSNER_PATTERNS_H

#include "model.h"
#include "values.h"

/*
 * What the rules may use of a model, its type index of each (-1 without
 * it), and the value grammar's keywords, hashed once (2 kB).
 */
typedef struct PersnerPatterns
{
	int			dat;
	int			tim;
	int			pct;
	int			mon;
	PersnerWordTable words;
} PersnerPatterns;

/*
 * persner_patterns_init - look up the model's DAT, TIM, PCT and MON types by
 * name, once per tagger; a model with none of them gets no rules
 */
PersnerStatus persner_patterns_init(const PersnerModel *m, PersnerPatterns *p);

/*
 * persner_patterns_mask - the rules' constraints on state [T][L] (a model
 * of tag scheme w, persner.h)
 *
 * tok[T], len[T]: the sentence's normalized tokens (Persian digits, as
 * normalize.c writes them).  held[T] (NULL: none) marks positions another
 * constraint has fixed (a user dictionary's names): a form that covers one
 * is left alone, so the dictionary wins.  Every row keeps a label that
 * the tag grammar can reach, so decoding always has a path.  Sets
 * *nforms (may be NULL) to the forms found.  Allocates nothing; returns
 * PERSNER_OK.
 */
PersnerStatus persner_patterns_mask(const PersnerPatterns *p, const char *const *tok,
									const size_t *len, int T, const uint8_t *held,
									float *state, int w, int L, int *nforms);

#endif							/* PERSNER_PATTERNS_H */
