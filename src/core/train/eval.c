/*
 * eval.c - scoring a tagger against a labelled corpus (CoNLL rules)
 */
#include "eval.h"

#include "labels.h"

#include <stdio.h>
#include <string.h>

static int
type_slot(PersnerEval *ec, const char *name)
{
	int			k;

	for (k = 0; k < ec->ntypes; k++)
		if (strcmp(ec->names[k], name) == 0)
			return k;
	if (ec->ntypes == PERSNER_EVAL_MAX_TYPES)
		return PERSNER_EVAL_MAX_TYPES - 1;
	snprintf(ec->names[ec->ntypes], sizeof(ec->names[0]), "%s", name);
	return ec->ntypes++;
}

/* is this type scored (every type unless ec->nonly restricts them)? */
static int
scored(const PersnerEval *ec, const char *name)
{
	int			k;

	if (ec->nonly == 0)
		return 1;
	for (k = 0; k < ec->nonly; k++)
		if (strcmp(ec->only[k], name) == 0)
			return 1;
	return 0;
}

PersnerStatus
persner_eval_only(PersnerEval *ec, const char *list)
{
	const char *p = list;

	ec->nonly = 0;
	while (*p)
	{
		size_t		n = strcspn(p, ",");

		if (n > 0)
		{
			if (ec->nonly == PERSNER_EVAL_MAX_TYPES || n > PERSNER_MAX_TYPE_NAME)
				return PERSNER_ELIMIT;
			memcpy(ec->only[ec->nonly], p, n);
			ec->only[ec->nonly][n] = '\0';
			ec->nonly++;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return PERSNER_OK;
}

const float persner_eval_band_floor[PERSNER_EVAL_BANDS] = {0.0f, 0.5f, 0.7f, 0.9f, 0.99f};

void
persner_eval_reset(PersnerEval *ec)
{
	ec->ntypes = 0;
	memset(ec->names, 0, sizeof(ec->names));
	memset(ec->tp, 0, sizeof(ec->tp));
	memset(ec->npred, 0, sizeof(ec->npred));
	memset(ec->ngold, 0, sizeof(ec->ngold));
	memset(ec->band_pred, 0, sizeof(ec->band_pred));
	memset(ec->band_tp, 0, sizeof(ec->band_tp));
}

typedef struct Span
{
	size_t		b,
				e;
	int			k;
	float		score;			/* predicted spans: the entity's score */
} Span;

/* the score band of score s */
static int
band_of(float s)
{
	int			b = PERSNER_EVAL_BANDS - 1;

	while (b > 0 && !(s >= persner_eval_band_floor[b]))
		b--;
	return b;
}

/*
 * count_spans - the one counter: add gold g [ng] and predicted p [np] (each
 * in text order, none overlapping another of its list) to ec.  A predicted
 * span is right when a gold one has its begin, end and type slot.
 */
static void
count_spans(PersnerEval *ec, const Span *g, size_t ng, const Span *p, size_t np)
{
	size_t		i,
				j;

	for (i = 0; i < ng; i++)
		ec->ngold[g[i].k]++;
	for (j = 0; j < np; j++)
	{
		ec->npred[p[j].k]++;
		if (ec->by_score)
			ec->band_pred[band_of(p[j].score)]++;
	}
	for (i = 0, j = 0; i < ng && j < np;)
	{
		if (g[i].b == p[j].b && g[i].e == p[j].e && g[i].k == p[j].k)
		{
			ec->tp[g[i].k]++;
			if (ec->by_score)
				ec->band_tp[band_of(p[j].score)]++;
		}
		if (g[i].b < p[j].b || (g[i].b == p[j].b && g[i].e <= p[j].e))
			i++;
		else
			j++;
	}
}

/* spans of a BIO sequence given as (letter, type slot); conlleval's rules */
static size_t
bio_spans(const char *bio, const int *slot, size_t T, Span *out)
{
	size_t		n = 0,
				t;
	int			open = 0;

	for (t = 0; t <= T; t++)
	{
		char		c = t < T ? bio[t] : 'O';
		int			k = t < T ? slot[t] : -1;

		if (open && (c != 'I' || k != out[n].k))
		{
			out[n].e = t;
			n++;
			open = 0;
		}
		if (c != 'O' && !open)
		{
			out[n].b = t;
			out[n].k = k;
			open = 1;
		}
	}
	return n;
}

PersnerStatus
persner_eval_sentence(PersnerEval *ec, const PersnerModel *m, char *const *gtype,
					  const char *gbio, const int *pred, const float *score, size_t T)
{
	int		   *gs = persner_calloc(T + 1, sizeof(int));
	int		   *ps = persner_calloc(T + 1, sizeof(int));
	char	   *pb = persner_calloc(T + 1, 1);
	char	   *gb = persner_calloc(T + 1, 1);
	Span	   *g = persner_calloc(T + 1, sizeof(Span));
	Span	   *p = persner_calloc(T + 1, sizeof(Span));
	size_t		ng,
				np,
				i;
	PersnerStatus st = PERSNER_ENOMEM;

	if (!gs || !ps || !pb || !gb || !g || !p)
		goto out;
	for (i = 0; i < T; i++)
	{
		gb[i] = gbio[i];
		if (gtype[i] && scored(ec, gtype[i]))
			gs[i] = type_slot(ec, gtype[i]);
		else
		{
			gs[i] = -1;
			gb[i] = 'O';
		}
		if (pred[i] <= 0 || pred[i] >= persner_model_nlabels(m) ||
			!scored(ec, persner_model_type(m, PERSNER_TAG_TYPE(PERSNER_BIO, pred[i]))))
		{
			pb[i] = 'O';
			ps[i] = -1;
		}
		else
		{
			pb[i] = PERSNER_TAG_IS_B(PERSNER_BIO, pred[i]) ? 'B' : 'I';
			ps[i] = type_slot(ec, persner_model_type(m, PERSNER_TAG_TYPE(PERSNER_BIO, pred[i])));
		}
	}
	ng = bio_spans(gb, gs, T, g);
	np = bio_spans(pb, ps, T, p);
	for (i = 0; i < np && ec->by_score; i++)
	{
		double		sum = 0;	/* the mean marginal, as persner_spans takes it */

		for (size_t t = p[i].b; t < p[i].e; t++)
			sum += score ? score[t] : 1.0;
		p[i].score = (float) (sum / (double) (p[i].e - p[i].b));
	}
	count_spans(ec, g, ng, p, np);
	st = PERSNER_OK;
out:
	persner_free(gs);
	persner_free(ps);
	persner_free(pb);
	persner_free(gb);
	persner_free(g);
	persner_free(p);
	return st;
}

double
persner_eval_f1(const PersnerEval *ec, int k, double *pp, double *rr)
{
	long		tp = 0,
				np = 0,
				ng = 0;
	double		p,
				r;

	if (k < 0)
	{
		for (int i = 0; i < ec->ntypes; i++)
			tp += ec->tp[i], np += ec->npred[i], ng += ec->ngold[i];
	}
	else
		tp = ec->tp[k], np = ec->npred[k], ng = ec->ngold[k];
	p = np ? 100.0 * tp / np : 0;
	r = ng ? 100.0 * tp / ng : 0;
	if (pp)
		*pp = p;
	if (rr)
		*rr = r;
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* the model's types first in ec, in the model's order, so the table reads well */
static void
model_types_first(PersnerEval *ec, const PersnerModel *m)
{
	for (int k = 0; k < persner_model_ntypes(m); k++)
		if (scored(ec, persner_model_type(m, k)))
			type_slot(ec, persner_model_type(m, k));
}

PersnerStatus
persner_eval_corpus(PersnerEval *ec, const PersnerModel *m, const PersnerCorpus *c)
{
	PersnerTagger *tg;
	int		   *pred = NULL;
	float	   *score = NULL;
	size_t		cap = 0,
				s;
	PersnerStatus st;

	if ((st = persner_tagger_create(m, &tg)) != PERSNER_OK)
		return st;
	persner_tagger_set_scores(tg, ec->by_score);	/* the labels are the same either way */
	model_types_first(ec, m);
	for (s = 0; s < c->nsent && st == PERSNER_OK; s++)
	{
		size_t		b = c->sent[s],
					T = c->sent[s + 1] - b;

		if (T > cap)
		{
			cap = 2 * T;
			persner_free(pred);
			persner_free(score);
			pred = persner_alloc(cap * sizeof(int));
			score = persner_alloc(cap * sizeof(float));
			if (pred == NULL || score == NULL)
			{
				st = PERSNER_ENOMEM;
				break;
			}
		}
		st = persner_tagger_tag_tokens(tg, (const char *const *) c->tok + b, c->toklen + b,
									   T, pred, score);
		if (st == PERSNER_OK)
			st = persner_eval_sentence(ec, m, c->type + b, c->bio + b, pred, score, T);
	}
	persner_free(pred);
	persner_free(score);
	persner_tagger_free(tg);
	return st;
}

/* the scored spans of s [n] as Spans of ec's type slots, in out [n] */
static size_t
scored_spans(PersnerEval *ec, const PersnerEvalSpan *s, size_t n, Span *out)
{
	size_t		i,
				k = 0;

	for (i = 0; i < n; i++)
		if (s[i].type != NULL && scored(ec, s[i].type))
		{
			out[k].b = s[i].b;
			out[k].e = s[i].e;
			out[k].k = type_slot(ec, s[i].type);
			out[k].score = s[i].score;
			k++;
		}
	return k;
}

PersnerStatus
persner_eval_spans(PersnerEval *ec, const PersnerEvalSpan *gold, size_t ng,
				   const PersnerEvalSpan *pred, size_t np)
{
	Span	   *g = persner_calloc(ng + 1, sizeof(Span));
	Span	   *p = persner_calloc(np + 1, sizeof(Span));
	PersnerStatus st = PERSNER_ENOMEM;

	if (g && p)
	{
		size_t		sg = scored_spans(ec, gold, ng, g),
					sp = scored_spans(ec, pred, np, p);

		count_spans(ec, g, sg, p, sp);
		st = PERSNER_OK;
	}
	persner_free(g);
	persner_free(p);
	return st;
}

/*
 * tag_line - the entities the tagger finds in one document, as spans of
 * characters and the model's type names, into *pred [*np] (grown)
 */
static PersnerStatus
tag_line(PersnerTagger *tg, const PersnerModel *m, const char *text, size_t len,
		 PersnerEvalSpan **pred, size_t *cap, size_t *np)
{
	const PersnerEntity *e;
	size_t		ne,
				i;
	PersnerStatus st;

	*np = 0;
	if ((st = persner_tagger_begin(tg, text, len)) != PERSNER_OK)
		return st;
	while ((st = persner_tagger_next(tg, &e, &ne, NULL, NULL)) == PERSNER_OK)
	{
		PersnerEvalSpan *p = persner_grow(*pred, cap, *np + ne, sizeof(*p));

		if (p == NULL)
			return PERSNER_ENOMEM;
		*pred = p;
		for (i = 0; i < ne; i++, (*np)++)
		{
			p[*np].b = e[i].cbeg;
			p[*np].e = e[i].cend;
			p[*np].type = persner_model_type(m, e[i].type);
			p[*np].score = e[i].score;
		}
	}
	return st == PERSNER_DONE ? PERSNER_OK : st;
}

PersnerStatus
persner_eval_marked(PersnerEval *ec, PersnerEval *const *bycat, const PersnerModel *m,
					const PersnerMarked *mk)
{
	PersnerTagger *tg;
	PersnerEvalSpan *pred = NULL,
			   *gold = NULL;
	size_t		pcap = 0,
				gcap = 0,
				np,
				s,
				i;
	PersnerStatus st;

	if ((st = persner_tagger_create(m, &tg)) != PERSNER_OK)
		return st;
	persner_tagger_set_scores(tg, ec->by_score);	/* the same entities either way */
	model_types_first(ec, m);
	for (int c = 0; bycat != NULL && c < mk->ncategories; c++)
		model_types_first(bycat[c], m);
	for (s = 0; s < mk->nlines && st == PERSNER_OK; s++)
	{
		const PersnerMarkedLine *ln = &mk->lines[s];
		PersnerEvalSpan *g;

		st = tag_line(tg, m, ln->text, ln->len, &pred, &pcap, &np);
		if (st != PERSNER_OK)
			break;
		if ((g = persner_grow(gold, &gcap, ln->nent + 1, sizeof(*g))) == NULL)
		{
			st = PERSNER_ENOMEM;
			break;
		}
		gold = g;
		for (i = 0; i < ln->nent; i++)
		{
			const PersnerMarkedEntity *me = &mk->ents[ln->ent + i];

			g[i].b = me->cbeg;
			g[i].e = me->cend;
			g[i].type = persner_type_names[me->type];
		}
		st = persner_eval_spans(ec, gold, ln->nent, pred, np);
		if (st == PERSNER_OK && bycat != NULL && ln->category >= 0)
			st = persner_eval_spans(bycat[ln->category], gold, ln->nent, pred, np);
	}
	persner_free(pred);
	persner_free(gold);
	persner_tagger_free(tg);
	return st;
}
