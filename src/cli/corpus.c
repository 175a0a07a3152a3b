/*
 * corpus.c - reading labelled corpora and scoring taggers against them
 */
#include "cli.h"
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t		k;

		if (n + 65536 + 1 > cap)
		{
			char	   *q;

			cap = cap ? cap * 2 : 1 << 20;
			q = realloc(buf, cap);
			if (q == NULL)
			{
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = q;
		}
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f))
	{
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

PersnerModel *
load_model(const char *path, void **mem)
{
	size_t		len;
	char	   *raw = read_file(path, &len);
	void	   *aligned;
	PersnerModel *m;
	const char *detail = NULL;
	PersnerStatus st;

	*mem = NULL;
	if (raw == NULL)
	{
		fprintf(stderr, "persner: could not read model \"%s\": %s\n", path, strerror(errno));
		return NULL;
	}
	/* malloc memory is 16-byte aligned: the model may be used in place */
	aligned = raw;
	st = persner_model_open(aligned, len, &m, &detail);
	if (st != PERSNER_OK)
	{
		fprintf(stderr, "persner: could not open model \"%s\": %s%s%s\n", path,
				persner_strerror(st), detail ? ": " : "", detail ? detail : "");
		free(raw);
		return NULL;
	}
	*mem = raw;
	return m;
}

/* Parse a tag such as B_ORG, I-org, B-pers, O into (bio, type). */
static void
parse_tag(char *tag, char *bio, char **type)
{
	size_t		i;

	if (tag[0] == '\0' || strcmp(tag, "O") == 0 || strcmp(tag, "o") == 0 ||
		(tag[1] != '_' && tag[1] != '-') || (tag[0] != 'B' && tag[0] != 'I'))
	{
		*bio = 'O';
		*type = NULL;
		return;
	}
	*bio = tag[0];
	*type = tag + 2;
	for (i = 0; (*type)[i]; i++)
		(*type)[i] = (char) toupper((unsigned char) (*type)[i]);
	if (strcmp(*type, "PERS") == 0)
		(*type)[3] = '\0';
	if ((*type)[0] == '\0')
	{
		*bio = 'O';
		*type = NULL;
	}
}

int
corpus_read(const char *path, Corpus *c)
{
	size_t		len,
				cap = 0,
				scap = 0;
	char	   *p;
	int			in_sent = 0;

	memset(c, 0, sizeof(*c));
	c->buf = read_file(path, &len);
	if (c->buf == NULL)
		return -1;
	p = c->buf;
	while (*p)
	{
		char	   *eol = strchr(p, '\n');
		char	   *next = eol ? eol + 1 : p + strlen(p);
		char	   *sep;
		char	   *line = p;

		if (eol)
			*eol = '\0';
		if (eol > line && eol[-1] == '\r')
			eol[-1] = '\0';
		p = next;
		if (line[0] == '\0' || strspn(line, " \t") == strlen(line))
		{
			in_sent = 0;
			continue;
		}
		if (strncmp(line, "-DOCSTART-", 10) == 0)
			continue;
		if (c->ntok + 1 > cap)
		{
			cap = cap ? 2 * cap : 1 << 16;
			c->tok = realloc(c->tok, cap * sizeof(char *));
			c->toklen = realloc(c->toklen, cap * sizeof(size_t));
			c->type = realloc(c->type, cap * sizeof(char *));
			c->bio = realloc(c->bio, cap);
			if (!c->tok || !c->toklen || !c->type || !c->bio)
				goto nomem;
		}
		if (!in_sent)
		{
			if (c->nsent + 2 > scap)
			{
				scap = scap ? 2 * scap : 1 << 12;
				c->sent = realloc(c->sent, scap * sizeof(size_t));
				if (!c->sent)
					goto nomem;
			}
			c->sent[c->nsent++] = c->ntok;
			in_sent = 1;
		}
		/* PEYMA: last '|' when what follows looks like a tag; else CoNLL */
		sep = strrchr(line, '|');
		if (sep == NULL || sep == line || strchr(sep, ' ') != NULL)
		{
			sep = NULL;
			for (char *q = line + strlen(line) - 1; q > line; q--)
				if (*q == ' ' || *q == '\t')
				{
					sep = q;
					break;
				}
		}
		if (sep != NULL)
		{
			char	   *end = sep;

			*sep = '\0';
			while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
				*--end = '\0';
			parse_tag(sep + 1, &c->bio[c->ntok], &c->type[c->ntok]);
		}
		else
		{
			c->bio[c->ntok] = 'O';
			c->type[c->ntok] = NULL;
		}
		c->tok[c->ntok] = line;
		c->toklen[c->ntok] = strlen(line);
		c->ntok++;
	}
	if (c->sent == NULL)
	{
		c->sent = malloc(sizeof(size_t));
		if (!c->sent)
			goto nomem;
	}
	c->sent[c->nsent] = c->ntok;
	return 0;

nomem:
	corpus_free(c);
	errno = ENOMEM;
	return -1;
}

void
corpus_free(Corpus *c)
{
	free(c->buf);
	free(c->tok);
	free(c->toklen);
	free(c->type);
	free(c->bio);
	free(c->sent);
	memset(c, 0, sizeof(*c));
}

/* ---------------------------------------------------------------------
 * Evaluation
 * ---------------------------------------------------------------------
 */

static int
type_slot(EvalCounts *ec, const char *name)
{
	int			k;

	for (k = 0; k < ec->ntypes; k++)
		if (strcmp(ec->names[k], name) == 0)
			return k;
	if (ec->ntypes == EVAL_MAX_TYPES)
		return EVAL_MAX_TYPES - 1;
	snprintf(ec->names[ec->ntypes], sizeof(ec->names[0]), "%s", name);
	return ec->ntypes++;
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

void
eval_sentence(EvalCounts *ec, const PersnerModel *m, char **gtype, const char *gbio,
			  const int *pred, size_t T)
{
	int		   *gs = calloc(T + 1, sizeof(int));
	int		   *ps = calloc(T + 1, sizeof(int));
	char	   *pb = calloc(T + 1, 1);
	Span	   *g = calloc(T + 1, sizeof(Span));
	Span	   *p = calloc(T + 1, sizeof(Span));
	size_t		ng,
				np,
				i,
				j;

	if (!gs || !ps || !pb || !g || !p)
	{
		fprintf(stderr, "persner: out of memory\n");
		exit(1);
	}
	for (i = 0; i < T; i++)
	{
		gs[i] = gtype[i] ? type_slot(ec, gtype[i]) : -1;
		if (pred[i] <= 0)
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
	ng = bio_spans(gbio, gs, T, g);
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
	free(gs);
	free(ps);
	free(pb);
	free(g);
	free(p);
}

double
eval_f1(const EvalCounts *ec, int k, double *pp, double *rr)
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

void
eval_print(const EvalCounts *ec, FILE *out)
{
	double		p,
				r,
				f;
	long		ng = 0,
				np = 0;
	int			k;

	for (k = 0; k < ec->ntypes; k++)
		ng += ec->ngold[k], np += ec->npred[k];
	fprintf(out, "%-8s %9s %9s %9s %7s %7s\n", "label", "precision", "recall", "f1", "gold", "pred");
	for (k = 0; k < ec->ntypes; k++)
	{
		f = eval_f1(ec, k, &p, &r);
		fprintf(out, "%-8s %9.2f %9.2f %9.2f %7ld %7ld\n", ec->names[k], p, r, f,
				ec->ngold[k], ec->npred[k]);
	}
	f = eval_f1(ec, -1, &p, &r);
	fprintf(out, "%-8s %9.2f %9.2f %9.2f %7ld %7ld\n", "overall", p, r, f, ng, np);
}

int
eval_corpus(const PersnerModel *m, const Corpus *c, EvalCounts *ec)
{
	PersnerTagger *tg;
	int		   *pred = NULL;
	size_t		cap = 0,
				s;

	if (persner_tagger_create(m, &tg) != PERSNER_OK)
		return -1;
	persner_tagger_set_scores(tg, 0);	/* labels only */
	/* gold types first, in the model's order, so the table reads well */
	for (int k = 0; k < persner_model_ntypes(m); k++)
		type_slot(ec, persner_model_type(m, k));
	for (s = 0; s < c->nsent; s++)
	{
		size_t		b = c->sent[s],
					T = c->sent[s + 1] - b;

		if (T > cap)
		{
			cap = 2 * T;
			free(pred);
			pred = malloc(cap * sizeof(int));
			if (!pred)
				return -1;
		}
		if (persner_tagger_tag_tokens(tg, (const char *const *) c->tok + b, c->toklen + b,
									  T, pred, NULL) != PERSNER_OK)
		{
			free(pred);
			persner_tagger_free(tg);
			return -1;
		}
		eval_sentence(ec, m, c->type + b, c->bio + b, pred, T);
	}
	free(pred);
	persner_tagger_free(tg);
	return 0;
}
