/*
 * eval.h - entity-level precision, recall and F1 (eval.c)
 *
 * CoNLL evaluation: an entity counts as found when its span and its type
 * both match a gold entity exactly.  Spans are read from BIO tags by
 * conlleval's rules (an I- after O or after another type opens an entity).
 */
#ifndef PERSNER_EVAL_H
#define PERSNER_EVAL_H

#include "corpus.h"
#include "marked.h"

#define PERSNER_EVAL_MAX_TYPES 64

/*
 * Score bands: how far an entity's score can be trusted.  Band b holds the
 * predicted entities whose score (the mean marginal of their tags, as
 * persner_tag reports it) is at least persner_eval_band_floor[b] and below
 * the next band's floor.
 */
#define PERSNER_EVAL_BANDS 5
extern const float persner_eval_band_floor[PERSNER_EVAL_BANDS];

typedef struct PersnerEval
{
	int			ntypes;
	char		names[PERSNER_EVAL_MAX_TYPES][PERSNER_MAX_TYPE_NAME + 1];
	long		tp[PERSNER_EVAL_MAX_TYPES];
	long		npred[PERSNER_EVAL_MAX_TYPES];
	long		ngold[PERSNER_EVAL_MAX_TYPES];
	int			nonly;			/* > 0: only these types are scored, */
	char		only[PERSNER_EVAL_MAX_TYPES][PERSNER_MAX_TYPE_NAME + 1];	/* others read as O */
	int			by_score;		/* set: tag with scores and count the bands below */
	long		band_pred[PERSNER_EVAL_BANDS];	/* predicted entities in each score band */
	long		band_tp[PERSNER_EVAL_BANDS];	/* of them, the right ones */
} PersnerEval;

/*
 * persner_eval_only - score only the comma-separated types of list (gold
 * and predicted mentions of any other type count as O), as when one model
 * is scored on a corpus that names fewer types.  PERSNER_OK, or
 * PERSNER_ELIMIT if a name is too long or there are too many.
 */
PersnerStatus persner_eval_only(PersnerEval *ec, const char *list);

/* persner_eval_reset - zero the counts and the types seen, keep the only-list and by_score */
void		persner_eval_reset(PersnerEval *ec);

/*
 * persner_eval_sentence - add one sentence: gold types/BIO letters (as in
 * PersnerCorpus), the tag indices pred [T] that model m predicted and
 * their marginals score [T] (NULL: every score 1; read only when
 * ec->by_score).  Returns PERSNER_OK or PERSNER_ENOMEM (ec unchanged).
 */
PersnerStatus persner_eval_sentence(PersnerEval *ec, const PersnerModel *m,
									char *const *gtype, const char *gbio,
									const int *pred, const float *score, size_t T);

/*
 * persner_eval_corpus - tag every sentence of c with m and add it to ec
 * (the model's types come first in ec, in model order).  Returns
 * PERSNER_OK, PERSNER_ENOMEM or the tagger's error.
 */
PersnerStatus persner_eval_corpus(PersnerEval *ec, const PersnerModel *m,
								  const PersnerCorpus *c);

/*
 * persner_eval_spans - add one sentence given as spans: gold [ng] and pred
 * [np], each in text order with none overlapping another of its list,
 * a span's b and e in any unit (tokens, characters) both lists share.  A
 * predicted span counts as right when a gold one has the same b, e and
 * type; a span whose type is NULL or not scored is left out.  This is the
 * counter persner_eval_sentence uses too.  PERSNER_OK or PERSNER_ENOMEM.
 */
typedef struct PersnerEvalSpan
{
	size_t		b;				/* begin */
	size_t		e;				/* end, exclusive */
	const char *type;			/* type name: "ORG" */
	float		score;			/* a predicted entity's score (ec->by_score); gold: unused */
} PersnerEvalSpan;

PersnerStatus persner_eval_spans(PersnerEval *ec, const PersnerEvalSpan *gold, size_t ng,
								 const PersnerEvalSpan *pred, size_t np);

/*
 * persner_eval_marked - tag each line of mk with m as a document of its
 * own, through the tagger (segment, normalize, tokenize, decode: what SQL's
 * persner_tag does with it), and add its entities against the line's gold
 * ones by character span and type to ec, and to *bycat[c] when the line
 * is in category c (bycat holds mk->ncategories pointers, or is NULL; two
 * may point to one PersnerEval, as when several files share a category).
 * The model's types come first in each, in model order.  Returns
 * PERSNER_OK, PERSNER_ENOMEM or the tagger's error.
 */
PersnerStatus persner_eval_marked(PersnerEval *ec, PersnerEval *const *bycat,
								  const PersnerModel *m, const PersnerMarked *mk);

/* persner_eval_f1 - F1 (and precision, recall; may be NULL) of type k, or overall for k = -1, in percent */
double		persner_eval_f1(const PersnerEval *ec, int k, double *p, double *r);

#endif							/* PERSNER_EVAL_H */
