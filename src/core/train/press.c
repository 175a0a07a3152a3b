/*
 * press.c - synthetic press-review lines: an outlet, a colon, a sentence
 */
#include "press.h"

#include <string.h>

#define NEWSPAPER "\xd8\xb1\xd9\x88\xd8\xb2\xd9\x86\xd8\xa7\xd9\x85\xd9\x87"	/* روزنامه */

typedef struct Span
{
	size_t		off,
				len;
} Span;

typedef struct Out
{
	char	   *buf;
	size_t		len,
				cap;
} Out;

static int
out_put(Out *o, const char *s, size_t n)
{
	char	   *buf = persner_grow(o->buf, &o->cap, o->len + n + 1, 1);

	if (buf == NULL)
		return -1;
	o->buf = buf;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

/* "token|TAG\n"; tag "B-" type, "I-" type, "O" or "?" */
static int
out_token(Out *o, const char *tok, size_t len, char bio, const char *type)
{
	int			named = type != NULL && (bio == 'B' || bio == 'I');
	const char *tag = named ? (bio == 'B' ? "B-" : "I-") :
		bio == PERSNER_CORPUS_UNKNOWN ? PERSNER_CORPUS_UNKNOWN_TAG : "O";

	if (out_put(o, tok, len) != 0 || out_put(o, "|", 1) != 0 || out_put(o, tag, strlen(tag)) != 0 ||
		(named && out_put(o, type, strlen(type)) != 0))
		return -1;
	return out_put(o, "\n", 1);
}

/* the words of each line of outlets: word[] spans, line[] the first word of each (+1 at the end) */
static PersnerStatus
read_outlets(const char *s, size_t len, Span **word, size_t **line, size_t *nline)
{
	size_t		nw = 0,
				nl = 0,
				wcap = 0,
				lcap = 0,
				i = 0;
	Span	   *w = NULL;
	size_t	   *l = NULL;

	while (i < len)
	{
		size_t		first = nw;

		while (i < len && s[i] != '\n')
		{
			size_t		b;

			while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
				i++;
			b = i;
			while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
				i++;
			if (i > b)
			{
				Span	   *g = persner_grow(w, &wcap, nw + 1, sizeof(*w));

				if (g == NULL)
					goto oom;
				w = g;
				w[nw].off = b;
				w[nw++].len = i - b;
			}
		}
		i++;					/* the newline */
		if (nw > first)
		{
			size_t	   *g = persner_grow(l, &lcap, nl + 2, sizeof(*l));

			if (g == NULL)
				goto oom;
			l = g;
			l[nl++] = first;
			l[nl] = nw;
		}
	}
	*word = w;
	*line = l;
	*nline = nl;
	return PERSNER_OK;
oom:
	persner_free(w);
	persner_free(l);
	return PERSNER_ENOMEM;
}

/* 1 if sentence s of c may follow an outlet: its length in range, no colon of its own */
static int
fits(const PersnerCorpus *c, size_t s)
{
	size_t		T = c->sent[s + 1] - c->sent[s],
				t;

	if (T < PERSNER_PRESS_MIN_TOKENS || T > PERSNER_PRESS_MAX_TOKENS)
		return 0;
	for (t = c->sent[s]; t < c->sent[s + 1]; t++)
		if (c->toklen[t] == 1 && c->tok[t][0] == ':')
			return 0;
	return 1;
}

PersnerStatus
persner_press_lines(const PersnerCorpus *c, const char *outlets, size_t len, int n,
					char **text, size_t *text_len)
{
	Span	   *word = NULL;
	size_t	   *line = NULL,
			   *fit = NULL,
				nline = 0,
				nfit = 0,
				s,
				step;
	Out			o = {NULL, 0, 0};
	PersnerStatus st;
	int			i;

	if (c == NULL || (outlets == NULL && len > 0) || n < 0 || text == NULL || text_len == NULL)
		return PERSNER_EINVAL;
	*text = NULL;
	*text_len = 0;
	if (out_put(&o, "", 0) != 0)
		return PERSNER_ENOMEM;
	if ((st = read_outlets(outlets, len, &word, &line, &nline)) != PERSNER_OK)
		goto done;
	st = PERSNER_ENOMEM;
	if (c->nsent > 0 && (fit = persner_calloc(c->nsent, sizeof(*fit))) == NULL)
		goto done;
	for (s = 0; s < c->nsent; s++)
		if (fits(c, s))
			fit[nfit++] = s;
	step = nfit / (size_t) (n > 0 ? n : 1);
	if (step == 0)
		step = 1;
	for (i = 0; i < n && nline > 0 && nfit > 0; i++)
	{
		size_t		k = ((size_t) i * PERSNER_PRESS_OUTLET_STEP) % nline,
					w = line[k],
					sn = fit[((size_t) i * step) % nfit],
					t;

		/* every other line without «روزنامه», if a name is left after it */
		if (i % 2 == 1 && line[k + 1] - w > 1 && word[w].len == strlen(NEWSPAPER) &&
			memcmp(outlets + word[w].off, NEWSPAPER, word[w].len) == 0)
			w++;
		for (t = w; t < line[k + 1]; t++)
			if (out_token(&o, outlets + word[t].off, word[t].len, t == w ? 'B' : 'I', "ORG") != 0)
				goto done;
		if (out_token(&o, ":", 1, 'O', NULL) != 0)
			goto done;
		for (t = c->sent[sn]; t < c->sent[sn + 1]; t++)
			if (out_token(&o, c->tok[t], c->toklen[t], c->bio[t], c->type[t]) != 0)
				goto done;
		if (out_put(&o, "\n", 1) != 0)
			goto done;
	}
	*text = o.buf;
	*text_len = o.len;
	o.buf = NULL;
	st = PERSNER_OK;
done:
	persner_free(o.buf);
	persner_free(word);
	persner_free(line);
	persner_free(fit);
	return st;
}
