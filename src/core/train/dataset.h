/*
 * dataset.h - training sentences: normalized tokens with tags (dataset.c)
 *
 * A labelled corpus (corpus.h) is normalized token by token, as the tagger
 * normalizes pretokenized input, and its tags become tag indices over the
 * label set of labels.h.  Two things are added on the way:
 *
 *   ZWNJ augmentation  every sentence with a ZWNJ-joined token is added a
 *                      second time with each such token written one of the
 *                      two other ways real text writes it (joined without
 *                      the ZWNJ, or split at it), alternating
 *                      deterministically, so the tagger learns text whose
 *                      ZWNJ is missing;
 *   partial labels     a corpus that labels only some types (ARMAN) keeps
 *                      the mentions of the trusted types; its O may be O or
 *                      any type it lacks, and any other mention may be
 *                      anything.  persner_dataset_allowed turns those into
 *                      the label sets the trainer reads (Tsuboi et al. 2008).
 */
#ifndef PERSNER_DATASET_H
#define PERSNER_DATASET_H

#include "corpus.h"

/* tags of a partially labelled position, beside the tag indices */
#define PERSNER_TAG_O_OR_LACKING	0xFFFE	/* O, or a type the corpus lacks */
#define PERSNER_TAG_ANY				0xFFFF	/* any label */
#define PERSNER_TAG_IS_PARTIAL(t)	((t) >= PERSNER_TAG_O_OR_LACKING)

typedef struct PersnerDataSent
{
	uint32_t	T;
	size_t		tok0;			/* first token in the token arrays */
	int			partial;		/* from a partially labelled corpus */
	uint32_t	lack;			/* partial: the types its O may also be (bit k: type k) */
} PersnerDataSent;

typedef struct PersnerDataset
{
	char	   *text;			/* normalized tokens, NUL-separated */
	size_t		text_len,
				text_cap;
	size_t	   *off;			/* [ntok] token start in text */
	size_t	   *len;			/* [ntok] token length */
	uint16_t   *tag;			/* [ntok] tag index or PERSNER_TAG_O_OR_LACKING / _ANY */
	size_t		ntok,
				tok_cap;
	PersnerDataSent *sent;		/* [nsent] */
	size_t		nsent,
				sent_cap;
} PersnerDataset;

/*
 * persner_dataset_add - add the sentences of corpus c to ds (zeroed first)
 *
 * augment: also add the ZWNJ variants.  partial: c is partially labelled;
 * trust has bit k set for each type k (labels.h order) whose mentions it
 * marks reliably.  Types the label set does not know count as O (or, in a
 * partial corpus, as "anything").  Returns PERSNER_OK or PERSNER_ENOMEM
 * (ds then holds what was added so far; free it).
 */
PersnerStatus persner_dataset_add(PersnerDataset *ds, const PersnerCorpus *c,
								  int augment, int partial, uint32_t trust);

/*
 * persner_dataset_allowed - the label set of each position of sentence s
 *
 * Writes [T][L] bytes to out, 1 where a label is possible (L =
 * PERSNER_NLABELS).  Only meaningful for a partial sentence.
 */
void		persner_dataset_allowed(const PersnerDataset *ds, size_t s, uint8_t *out);

void		persner_dataset_free(PersnerDataset *ds);

#endif							/* PERSNER_DATASET_H */
