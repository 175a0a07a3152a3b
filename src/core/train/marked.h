/*
 * marked.h - sentences with their gold entities marked inline (marked.c)
 *
 * The format of test/accuracy/hard.txt, one sentence (or a short passage)
 * a line, raw text as a user writes it, each gold entity in brackets:
 *
 *     [ORG سازمان ملل متحد] روز [DAT دوشنبه ۱۲ آذر ۱۴۰۲] در [LOC ژنو] ...
 *
 * "[" and a label of labels.h in capitals and one space open an entity;
 * "]" closes it.  Removing the marks ("[LABEL " and "]") leaves the raw
 * sentence, which is what gets tagged; an entity's span is the characters
 * between its marks.  The text itself cannot hold "[" or "]".  A line whose
 * first byte is '#' is a comment, and "# category: NAME" starts a category
 * that holds the lines after it, up to the next one; blank lines are
 * skipped.  Lines may end in CRLF.
 *
 * Malformed marks are an error, reported with the line and what was wrong:
 * a "[" inside an entity (nesting), a "]" outside one, a line that ends
 * inside one, a label that labels.h does not know, an entity that is empty
 * or starts or ends with whitespace (a span the tagger can never give),
 * a line that is not valid UTF-8.
 */
#ifndef PERSNER_MARKED_H
#define PERSNER_MARKED_H

#include "persner.h"

typedef struct PersnerMarkedEntity
{
	uint32_t	cbeg;			/* 0-based character offsets in the raw line */
	uint32_t	cend;			/* exclusive */
	int			type;			/* index into persner_type_names (labels.h) */
} PersnerMarkedEntity;

typedef struct PersnerMarkedLine
{
	const char *text;			/* the raw line, marks removed (NUL-terminated, in buf) */
	size_t		len;			/* bytes */
	size_t		ent;			/* its entities: ents[ent .. ent + nent), in text order */
	size_t		nent;
	int			category;		/* index into categories, -1 before the first */
	size_t		lineno;			/* 1-based line number in the file */
} PersnerMarkedLine;

typedef struct PersnerMarked
{
	char	   *buf;			/* the raw lines and category names */
	PersnerMarkedLine *lines;	/* [nlines] */
	size_t		nlines;
	PersnerMarkedEntity *ents;	/* [nents] */
	size_t		nents;
	const char **categories;	/* [ncategories] names, in file order, in buf */
	int			ncategories;
} PersnerMarked;

/* what was wrong with a malformed file, and where */
typedef struct PersnerMarkedError
{
	size_t		lineno;			/* 1-based */
	const char *what;			/* static, lowercase: "unknown label" */
} PersnerMarkedError;

/*
 * persner_marked_parse - parse text[0..len) into mk (caller-owned struct)
 *
 * Everything is persner_alloc'd; free with persner_marked_free, also after
 * a failure.  Returns PERSNER_OK, PERSNER_ENOMEM, or PERSNER_EFORMAT /
 * PERSNER_EUTF8 with err (may be NULL) saying where and what.
 */
PersnerStatus persner_marked_parse(const char *text, size_t len, PersnerMarked *mk,
								   PersnerMarkedError *err);
void		persner_marked_free(PersnerMarked *mk);

#endif							/* PERSNER_MARKED_H */
