/*
 * affinity.h - head-word affinities of words from unlabelled text (affinity.c)
 *
 * News writes an organization's name after its head word («باشگاه X»,
 * «شرکت X», «روزنامه X»), a person's after a title («آقای X», «سردار X»)
 * and a place's after its kind («استان X», «جزیره X»).  For every word w of
 * the unlabelled stream, n(w) counts its occurrences and n_g(w) those right
 * after a head word of group g; the ratio r = n_g(w) / n(w), cut into a few
 * buckets (persner_affinity_bucket), says how much w behaves like the first
 * word of a name of that kind, even when no labelled sentence has it.
 *
 * Only the word right after the head counts, not the one two places on:
 * after «شرکت ملی نفت» the second place holds the name's second word, but
 * after «وزارت نفت اعلام کرد» it holds the verb, and the verbs and
 * prepositions that follow short names are frequent enough to blur the
 * ratios of every group alike.  The word right after is the cleaner signal,
 * and the features look at the neighbours anyway (offsets -1 and +1).
 *
 * The counts read word identity hashes (persner_ident_hash of the core's
 * normalized tokens), so the head words are normalized and tokenized by the
 * core as well; nothing here reads files.  The same sentences in the same
 * order give the same table, byte for byte.
 */
#ifndef PERSNER_AFFINITY_H
#define PERSNER_AFFINITY_H

#include "keymap.h"

/* The head words of each group (PERSNER_AFF_GROUPS, model.h), NULL-ended. */
extern const char *const *const persner_aff_heads[PERSNER_AFF_GROUPS];
extern const char *const persner_aff_group_names[PERSNER_AFF_GROUPS];

typedef struct PersnerAffinity
{
	PersnerKeyMap heads;		/* head word hash -> its group + 1 */
	PersnerKeyMap count;		/* word hash -> n(w) */
	PersnerKeyMap after[PERSNER_AFF_GROUPS];	/* word hash -> n_g(w) */
	uint64_t	tokens;			/* words counted */
} PersnerAffinity;

/*
 * persner_affinity_init - an empty count with the head words of
 * persner_aff_heads, normalized and hashed as the stream's words are (a
 * head that the core splits into several tokens is left out).
 * PERSNER_OK or PERSNER_ENOMEM (nothing to free then).
 */
PersnerStatus persner_affinity_init(PersnerAffinity *a);

/*
 * persner_affinity_sentence - count the words of one sentence, ident[0..T)
 * their identity hashes (persner_ident_hash).  PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_affinity_sentence(PersnerAffinity *a, const uint64_t *ident, size_t T);

/*
 * persner_affinity_bucket - the bucket of r = ng / n: 0 when n < min_count
 * or ng = 0, then 1 for (0, .02], 2 for (.02, .1], 3 for (.1, .3], 4 above
 * (integer arithmetic, the same on every machine)
 */
uint32_t	persner_affinity_bucket(uint32_t n, uint32_t ng, uint32_t min_count);

/*
 * persner_affinity_store - the buckets of every word seen at least
 * min_count times with some group's bucket above 0, as PERSNER_AFF_VALUE
 * under persner_aff_word_key (feat.h) in clus; *nwords gets how many.
 * PERSNER_OK or PERSNER_ENOMEM.
 */
PersnerStatus persner_affinity_store(const PersnerAffinity *a, uint32_t min_count,
									 PersnerKeyMap *clus, uint32_t *nwords);

void		persner_affinity_free(PersnerAffinity *a);

#endif							/* PERSNER_AFFINITY_H */
