/*
 * corpus.c - labelled corpora (PEYMA or CoNLL lines) parsed from memory
 */
#include "corpus.h"

#include <string.h>

/* Parse a tag such as B_ORG, I-org, B-pers, O, ? into (bio, type). */
static void
parse_tag(char *tag, char *bio, char **type)
{
	size_t		i;

	if (strcmp(tag, PERSNER_CORPUS_UNKNOWN_TAG) == 0)
	{
		*bio = PERSNER_CORPUS_UNKNOWN;	/* a silver corpus's wildcard */
		*type = NULL;
		return;
	}
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
		if ((*type)[i] >= 'a' && (*type)[i] <= 'z')
			(*type)[i] = (char) ((*type)[i] - 'a' + 'A');
	/* ARMAN's names: pers -> PER, event -> EVE */
	if (strcmp(*type, "PERS") == 0 || strcmp(*type, "EVENT") == 0)
		(*type)[3] = '\0';
	if ((*type)[0] == '\0')
	{
		*bio = 'O';
		*type = NULL;
	}
}

/* grow the token arrays to hold cap2 tokens */
static PersnerStatus
grow_tokens(PersnerCorpus *c, size_t cap, size_t cap2)
{
	char	  **tok = persner_realloc(c->tok, cap * sizeof(char *), cap2 * sizeof(char *));

	if (tok == NULL)
		return PERSNER_ENOMEM;
	c->tok = tok;
	{
		size_t	   *tl = persner_realloc(c->toklen, cap * sizeof(size_t), cap2 * sizeof(size_t));

		if (tl == NULL)
			return PERSNER_ENOMEM;
		c->toklen = tl;
	}
	{
		char	  **ty = persner_realloc(c->type, cap * sizeof(char *), cap2 * sizeof(char *));

		if (ty == NULL)
			return PERSNER_ENOMEM;
		c->type = ty;
	}
	{
		char	   *bio = persner_realloc(c->bio, cap, cap2);

		if (bio == NULL)
			return PERSNER_ENOMEM;
		c->bio = bio;
	}
	return PERSNER_OK;
}

/* split a line at its tag: PEYMA's last '|' when what follows looks like a tag; else CoNLL */
static void
split_line(PersnerCorpus *c, char *line)
{
	char	   *sep = strrchr(line, '|');

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

PersnerStatus
persner_corpus_parse(const char *text, size_t len, PersnerCorpus *c)
{
	size_t		cap = 0,
				scap = 0;
	char	   *p;
	int			in_sent = 0;

	memset(c, 0, sizeof(*c));
	c->buf = persner_alloc(len + 1);
	if (c->buf == NULL)
		return PERSNER_ENOMEM;
	memcpy(c->buf, text, len);
	c->buf[len] = '\0';
	p = c->buf;
	while (*p)
	{
		char	   *eol = strchr(p, '\n');
		char	   *next = eol ? eol + 1 : p + strlen(p);
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
			size_t		cap2 = cap ? 2 * cap : 1 << 16;

			if (grow_tokens(c, cap, cap2) != PERSNER_OK)
				return PERSNER_ENOMEM;
			cap = cap2;
		}
		if (!in_sent)
		{
			if (c->nsent + 2 > scap)
			{
				size_t		scap2 = scap ? 2 * scap : 1 << 12;
				size_t	   *s = persner_realloc(c->sent, scap * sizeof(size_t), scap2 * sizeof(size_t));

				if (s == NULL)
					return PERSNER_ENOMEM;
				c->sent = s;
				scap = scap2;
			}
			c->sent[c->nsent++] = c->ntok;
			in_sent = 1;
		}
		split_line(c, line);
	}
	if (c->sent == NULL)
	{
		c->sent = persner_alloc(sizeof(size_t));
		if (c->sent == NULL)
			return PERSNER_ENOMEM;
	}
	c->sent[c->nsent] = c->ntok;
	return PERSNER_OK;
}

void
persner_corpus_free(PersnerCorpus *c)
{
	void	   *blocks[] = {c->buf, c->tok, c->toklen, c->type, c->bio, c->sent};

	persner_free_all(blocks, sizeof(blocks) / sizeof(blocks[0]));
	memset(c, 0, sizeof(*c));
}

void
persner_corpus_split(PersnerCorpus *c, int dev)
{
	size_t		s,
				ns = 0,
				nt = 0;

	for (s = 0; s < c->nsent; s++)
	{
		size_t		b = c->sent[s],
					e = c->sent[s + 1],
					i;
		int			in_dev = (s / PERSNER_CORPUS_SPLIT_BLOCK) % PERSNER_CORPUS_SPLIT_EVERY ==
			PERSNER_CORPUS_SPLIT_EVERY - 1;

		if (in_dev != (dev != 0))
			continue;
		c->sent[ns++] = nt;
		for (i = b; i < e; i++, nt++)
		{
			c->tok[nt] = c->tok[i];
			c->toklen[nt] = c->toklen[i];
			c->type[nt] = c->type[i];
			c->bio[nt] = c->bio[i];
		}
	}
	c->sent[ns] = nt;
	c->nsent = ns;
	c->ntok = nt;
}
