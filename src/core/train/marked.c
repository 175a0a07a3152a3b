/*
 * marked.c - sentences with their gold entities marked inline (marked.h)
 *
 * The lines are rewritten in place in a copy of the text: removing the
 * marks only shortens a line, so the raw text is written behind the read
 * position, and each line's raw text and each category's name end up
 * NUL-terminated in that one buffer.
 */
#include "marked.h"

#include "labels.h"

#include <string.h>

#define CATEGORY_KEY	"category:"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* is this byte string whitespace or a ZWNJ at its start (edge) / end? */
static int
space_at_start(const char *s, size_t n)
{
	return n > 0 && (is_blank(s[0]) || persner_is_zwnj(s, n));
}

static int
space_at_end(const char *s, size_t n)
{
	return n > 0 && (is_blank(s[n - 1]) ||
					 (n >= PERSNER_ZWNJ_LEN && persner_is_zwnj(s + n - PERSNER_ZWNJ_LEN, PERSNER_ZWNJ_LEN)));
}

/* a parse in progress: the arrays and their capacities */
typedef struct Parse
{
	PersnerMarked *mk;
	size_t		line_cap,
				ent_cap,
				cat_cap;
	PersnerMarkedError *err;
	size_t		lineno;
} Parse;

/* a malformed line: say where and what; returns st */
static PersnerStatus
fail_with(Parse *ps, PersnerStatus st, const char *what)
{
	if (ps->err)
	{
		ps->err->lineno = ps->lineno;
		ps->err->what = what;
	}
	return st;
}

/* malformed marks */
static PersnerStatus
fail(Parse *ps, const char *what)
{
	return fail_with(ps, PERSNER_EFORMAT, what);
}

/* "# category: NAME" (name at line[0..n)): a new category; other comments are skipped */
static PersnerStatus
comment_line(Parse *ps, char *line, size_t n)
{
	size_t		i = 1,
				klen = strlen(CATEGORY_KEY);
	const char **cats;

	while (i < n && is_blank(line[i]))
		i++;
	if (n - i < klen || memcmp(line + i, CATEGORY_KEY, klen) != 0)
		return PERSNER_OK;
	i += klen;
	while (i < n && is_blank(line[i]))
		i++;
	while (n > i && is_blank(line[n - 1]))
		n--;
	if (n == i)
		return fail(ps, "a category without a name");
	line[n] = '\0';
	cats = persner_grow(ps->mk->categories, &ps->cat_cap, (size_t) ps->mk->ncategories + 1,
						sizeof(*cats));
	if (cats == NULL)
		return PERSNER_ENOMEM;
	ps->mk->categories = cats;
	cats[ps->mk->ncategories++] = line + i;
	return PERSNER_OK;
}

/*
 * one sentence line, line[0..n): its raw text is written from line[0] on
 * (never ahead of the reading position), its entities appended
 */
static PersnerStatus
sentence_line(Parse *ps, char *line, size_t n)
{
	PersnerMarked *mk = ps->mk;
	PersnerMarkedLine *ln;
	PersnerMarkedEntity *ents;
	size_t		r = 0,			/* read position */
				w = 0,			/* write position */
				ent0 = mk->nents,
				open_at = 0;	/* byte where the open entity's text starts */
	uint32_t	chars = 0;
	int			open = -1;		/* the open entity's type, -1 outside one */

	if (persner_utf8_validate(line, n) != PERSNER_OK)
		return fail_with(ps, PERSNER_EUTF8, "not valid UTF-8");
	while (r < n)
	{
		char		c = line[r];

		if (c == '[')
		{
			size_t		lb = r + 1,
						le = lb;
			int			k;

			if (open >= 0)
				return fail(ps, "a \"[\" inside an entity (entities do not nest)");
			while (le < n && ((line[le] >= 'A' && line[le] <= 'Z') ||
							  (line[le] >= 'a' && line[le] <= 'z')))
				le++;
			if (le == lb || le == n || line[le] != ' ')
				return fail(ps, "a \"[\" not followed by a label and a space");
			/* the label as labels.h writes it, in capitals */
			k = persner_type_index(line + lb, le - lb);
			if (k < 0 || memcmp(persner_type_names[k], line + lb, le - lb) != 0)
				return fail(ps, "unknown label");
			ents = persner_grow(mk->ents, &ps->ent_cap, mk->nents + 1, sizeof(*ents));
			if (ents == NULL)
				return PERSNER_ENOMEM;
			mk->ents = ents;
			ents[mk->nents].cbeg = chars;
			ents[mk->nents].type = k;
			open = k;
			open_at = w;
			r = le + 1;
			continue;
		}
		if (c == ']')
		{
			if (open < 0)
				return fail(ps, "a \"]\" outside an entity");
			if (w == open_at)
				return fail(ps, "an empty entity");
			if (space_at_start(line + open_at, w - open_at) || space_at_end(line + open_at, w - open_at))
				return fail(ps, "an entity that starts or ends with a space");
			mk->ents[mk->nents++].cend = chars;
			open = -1;
			r++;
			continue;
		}
		/* a character of the raw text: count it once, at its lead byte */
		if (((unsigned char) c & 0xC0) != 0x80)
			chars++;
		line[w++] = line[r++];
	}
	if (open >= 0)
		return fail(ps, "the line ends inside an entity (no \"]\")");
	line[w] = '\0';
	{
		PersnerMarkedLine *lines = persner_grow(mk->lines, &ps->line_cap, mk->nlines + 1,
												sizeof(*lines));

		if (lines == NULL)
			return PERSNER_ENOMEM;
		mk->lines = lines;
	}
	ln = &mk->lines[mk->nlines++];
	ln->text = line;
	ln->len = w;
	ln->ent = ent0;
	ln->nent = mk->nents - ent0;
	ln->category = mk->ncategories - 1;
	ln->lineno = ps->lineno;
	return PERSNER_OK;
}

PersnerStatus
persner_marked_parse(const char *text, size_t len, PersnerMarked *mk, PersnerMarkedError *err)
{
	Parse		ps;
	char	   *p,
			   *end;
	PersnerStatus st = PERSNER_OK;

	memset(mk, 0, sizeof(*mk));
	memset(&ps, 0, sizeof(ps));
	ps.mk = mk;
	ps.err = err;
	if (err)
	{
		err->lineno = 0;
		err->what = NULL;
	}
	mk->buf = persner_alloc(len + 1);
	if (mk->buf == NULL)
		return PERSNER_ENOMEM;
	memcpy(mk->buf, text, len);
	mk->buf[len] = '\0';
	p = mk->buf;
	end = mk->buf + len;
	while (p < end && st == PERSNER_OK)
	{
		char	   *eol = memchr(p, '\n', (size_t) (end - p));
		char	   *line = p;
		size_t		n = eol ? (size_t) (eol - p) : (size_t) (end - p),
					b = 0;

		p = eol ? eol + 1 : end;
		ps.lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		while (b < n && is_blank(line[b]))
			b++;
		if (b == n)
			continue;
		if (line[0] == '#')
			st = comment_line(&ps, line, n);
		else
			st = sentence_line(&ps, line, n);
	}
	return st;
}

void
persner_marked_free(PersnerMarked *mk)
{
	void	   *blocks[] = {mk->buf, mk->lines, mk->ents, (void *) mk->categories};

	persner_free_all(blocks, sizeof(blocks) / sizeof(blocks[0]));
	memset(mk, 0, sizeof(*mk));
}
