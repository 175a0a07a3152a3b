/*
 * attrs.h - training data for the CRF: attribute ids per position (attrs.c)
 *
 * Every position of every dataset sentence gets the attribute hashes of
 * persner_feat_position, the same definition the tagger scores.  Hashes
 * become dense ids in first-seen order; ids seen fewer than min_count times
 * are dropped and the rest renumbered in order, so the result depends on
 * the data alone.  The label sets of partial sentences and the BIO grammar
 * (persner.h) complete the PersnerTrainData that persner_train_crf reads.
 */
#ifndef PERSNER_ATTRS_H
#define PERSNER_ATTRS_H

#include "dataset.h"
#include "feat.h"
#include "keymap.h"
#include "labels.h"
#include "train.h"

typedef struct PersnerAttrs
{
	PersnerKeyMap ids;			/* attribute hash -> id (PERSNER_TABLE_MISS: dropped) */
	uint64_t   *keys;			/* [F] the hash of each id */
	uint32_t	F;
	size_t		nactive;		/* attribute occurrences kept, all positions */
	PersnerTrainSeq *seqs;		/* [nsent] views into the arrays below and the dataset */
	uint32_t   *attr_off;		/* [ntok + nsent] */
	uint32_t   *attrs;			/* [nactive] */
	uint8_t    *allowed;		/* [T][L] of each partial sentence, one after another */
	int			K;				/* the dataset's types */
	int			scheme;			/* and its tag scheme (persner.h): L = 1 + scheme K */
	uint8_t		trans_ok[PERSNER_NLABELS * PERSNER_NLABELS];	/* [L][L] of the dataset's K */
	uint8_t		start_ok[PERSNER_NLABELS];
	uint8_t		end_ok[PERSNER_NLABELS];
	PersnerTrainData data;		/* what persner_train_crf reads */
} PersnerAttrs;

/*
 * persner_attrs_build - the training data of ds under lex
 *
 * ds must outlive out (the sequences point at its tags).  Returns
 * PERSNER_OK, PERSNER_ENOMEM or PERSNER_ELIMIT (more attribute occurrences
 * than 32-bit offsets hold); free out with persner_attrs_free either way.
 */
PersnerStatus persner_attrs_build(const PersnerDataset *ds, const PersnerFeatLex *lex,
								  int min_count, PersnerAttrs *out);
void		persner_attrs_free(PersnerAttrs *a);

#endif							/* PERSNER_ATTRS_H */
