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
 *                      the label sets the trainer reads (Tsuboi et al. 2008);
 *   unknown labels     a token tagged "?" (corpus.h: a silver corpus's
 *                      wildcard, silver.h) may take any label, and its
 *                      sentence is read as label sets, whatever its corpus.
 */
#ifndef PERSNER_DATASET_H
#define PERSNER_DATASET_H

#include "corpus.h"

/*
 * A label set for the mentions of one type of a corpus, where two corpora
 * draw a line differently (ARMAN calls a country acting in the news an
 * organization, PEYMA a place): a mention of type src keeps its span, and
 * its type may be any of mask (bit k: type k of labels.h).
 */
typedef struct PersnerTypeSet
{
	char		src[PERSNER_MAX_TYPE_NAME + 1];	/* the type as the corpus writes it */
	uint32_t	mask;
} PersnerTypeSet;

#define PERSNER_DATASET_MAX_SETS	16

/* tags of a partially labelled position, beside the tag indices */
#define PERSNER_TAG_SET_B(i)		(0xFF00 + 2 * (i))	/* first word of a mention of sets[i] */
#define PERSNER_TAG_SET_I(i)		(0xFF01 + 2 * (i))	/* a later word of it */
#define PERSNER_TAG_IS_SET(t)		((t) >= 0xFF00 && (t) < 0xFF00 + 2 * PERSNER_DATASET_MAX_SETS)
#define PERSNER_TAG_SET_INDEX(t)	(((t) - 0xFF00) / 2)
#define PERSNER_TAG_O_OR_LACKING	0xFFFE	/* O, or a type the corpus lacks */
#define PERSNER_TAG_ANY				0xFFFF	/* any label */
#define PERSNER_TAG_IS_PARTIAL(t)	((t) >= 0xFF00)

typedef struct PersnerDataSent
{
	uint32_t	T;
	size_t		tok0;			/* first token in the token arrays */
	int			partial;		/* read as label sets (allowed) */
	uint32_t	lack;			/* partial: the types its O may also be (bit k: type k) */
} PersnerDataSent;

typedef struct PersnerDataset
{
	int			K;				/* the model's types: the first K of labels.h (0: PEYMA's seven) */
	int			W;				/* the tag scheme, PERSNER_BIO or PERSNER_BIOES (0: BIO) */
	PersnerTypeSet sets[PERSNER_DATASET_MAX_SETS];	/* label sets in use */
	int			nsets;
	char	   *text;			/* normalized tokens, NUL-separated */
	size_t		text_len,
				text_cap;
	size_t	   *off;			/* [ntok] token start in text */
	size_t	   *len;			/* [ntok] token length */
	uint16_t   *tag;			/* [ntok] tag index or PERSNER_TAG_O_OR_LACKING / _ANY / _SET_ */
	size_t		ntok,
				tok_cap;
	PersnerDataSent *sent;		/* [nsent] */
	size_t		nsent,
				sent_cap;
} PersnerDataset;

/*
 * persner_dataset_add - add the sentences of corpus c to ds (zeroed first,
 * then its K and W set)
 *
 * augment: also add the ZWNJ variants.  partial: c is partially labelled;
 * trust has bit k set for each type k (labels.h order) whose mentions it
 * marks reliably.  A corpus that never names some of the model's K types
 * (PEYMA has no facilities) is read as label sets as well: its O may be
 * any type it lacks.  sets [nsets] (may be NULL): label sets for the
 * mentions of some of its types (PersnerTypeSet).  Types the model does not
 * have count as O in a fully labelled corpus that names all the model's
 * types, and as "anything" otherwise.  Returns PERSNER_OK, PERSNER_ENOMEM
 * (ds then holds what was added so far; free it) or PERSNER_ELIMIT (more
 * than PERSNER_DATASET_MAX_SETS sets in all).
 */
PersnerStatus persner_dataset_add(PersnerDataset *ds, const PersnerCorpus *c,
								  int augment, int partial, uint32_t trust,
								  const PersnerTypeSet *sets, int nsets);

/*
 * persner_dataset_allowed - the label set of each position of sentence s
 *
 * Writes [T][L] bytes to out, 1 where a label is possible (L = 1 + W K).
 * Only meaningful for a partial sentence.
 */
void		persner_dataset_allowed(const PersnerDataset *ds, size_t s, uint8_t *out);

void		persner_dataset_free(PersnerDataset *ds);

#endif							/* PERSNER_DATASET_H */
