/*
 * eval.c - scoring a tagger against a labelled corpus (CoNLL rules)
 */
#include "eval.h"

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

void
persner_eval_reset(PersnerEval *ec)
{
	ec->ntypes = 0;
	memset(ec->names, 0, sizeof(ec->names));
	memset(ec->tp, 0, sizeof(ec->tp));
	memset(ec->npred, 0, sizeof(ec->npred));
	memset(ec->ngold, 0, sizeof(ec->ngold));
}

typedef struct Span
{
	size_t		b,
				e;
	int			k;
} Span;

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
					  const char *gbio, const int *pred, size_t T)
{
	int		   *gs = persner_calloc(T + 1, sizeof(int));
	int		   *ps = persner_calloc(T + 1, sizeof(int));
	char	   *pb = persner_calloc(T + 1, 1);
	char	   *gb = persner_calloc(T + 1, 1);
	Span	   *g = persner_calloc(T + 1, sizeof(Span));
	Span	   *p = persner_calloc(T + 1, sizeof(Span));
	size_t		ng,
				np,
				i,
				j;
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
			!scored(ec, persner_model_type(m, PERSNER_TAG_TYPE(pred[i]))))
		{
			pb[i] = 'O';
			ps[i] = -1;
		}
		else
		{
			pb[i] = PERSNER_TAG_IS_B(pred[i]) ? 'B' : 'I';
			ps[i] = type_slot(ec, persner_model_type(m, PERSNER_TAG_TYPE(pred[i])));
		}
	}
	ng = bio_spans(gb, gs, T, g);
	np = bio_spans(pb, ps, T, p);
	for (i = 0; i < ng; i++)
		ec->ngold[g[i].k]++;
	for (j = 0; j < np; j++)
		ec->npred[p[j].k]++;
	for (i = 0, j = 0; i < ng && j < np;)
	{
		if (g[i].b == p[j].b && g[i].e == p[j].e && g[i].k == p[j].k)
			ec->tp[g[i].k]++;
		if (g[i].b < p[j].b || (g[i].b == p[j].b && g[i].e <= p[j].e))
			i++;
		else
			j++;
	}
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

PersnerStatus
persner_eval_corpus(PersnerEval *ec, const PersnerModel *m, const PersnerCorpus *c)
{
	PersnerTagger *tg;
	int		   *pred = NULL;
	size_t		cap = 0,
				s;
	PersnerStatus st;

	if ((st = persner_tagger_create(m, &tg)) != PERSNER_OK)
		return st;
	persner_tagger_set_scores(tg, 0);	/* labels only */
	/* gold types first, in the model's order, so the table reads well */
	for (int k = 0; k < persner_model_ntypes(m); k++)
		if (scored(ec, persner_model_type(m, k)))
			type_slot(ec, persner_model_type(m, k));
	for (s = 0; s < c->nsent && st == PERSNER_OK; s++)
	{
		size_t		b = c->sent[s],
					T = c->sent[s + 1] - b;

		if (T > cap)
		{
			cap = 2 * T;
			persner_free(pred);
			pred = persner_alloc(cap * sizeof(int));
			if (pred == NULL)
			{
				st = PERSNER_ENOMEM;
				break;
			}
		}
		st = persner_tagger_tag_tokens(tg, (const char *const *) c->tok + b, c->toklen + b,
									   T, pred, NULL);
		if (st == PERSNER_OK)
			st = persner_eval_sentence(ec, m, c->type + b, c->bio + b, pred, T);
	}
	persner_free(pred);
	persner_tagger_free(tg);
	return st;
}
