/*
 * tagger.h - what the tagger shows beyond persner.h, for tests and diagnostics
 */
#ifndef PERSNER_TAGGER_H
#define PERSNER_TAGGER_H

#include "persner.h"

/*
 * persner_tagger_state - the state scores [T][L] of the sentence tagged
 * last (persner_tagger_tag_tokens or persner_tagger_next): the summed
 * weights of the attributes active at each position, before decoding, with
 * -inf where a dictionary model's names or the rules (patterns.c) forbid
 * a label (tagger.c).
 * Valid until the next call on t.
 */
const float *persner_tagger_state(const PersnerTagger *t);

#endif							/* PERSNER_TAGGER_H */
