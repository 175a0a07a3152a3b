/*
 * headline.c - persner_headline(doc) / (model, doc) / (model, doc, options)
 *
 * The document with its entities marked up, like ts_headline.  options is
 * a ts_headline-style list:  StartSel=[, StopSel=/%L], Labels=PER|ORG
 *
 *   StartSel, StopSel  markup around each entity; %L is replaced by its
 *                      label, %% by %.  Default "[" and "/%L]", giving
 *                      "[شهرداری قم/ORG]".  A StartSel given alone implies
 *                      its StopSel (matching_stop_sel): "<b>" -> "</b>",
 *                      "[" -> "]", "«" -> "»", anything else itself.
 *   Labels             the labels to mark, separated by |; default all.
 *
 * A value may be written in double quotes ("a, b" with \" for a quote) to
 * hold commas or spaces; otherwise surrounding spaces are dropped.  Keys
 * are case-insensitive; an unknown key or label is an error (22023).
 *
 * The two-argument form is (model, doc); a call shaped like ts_headline's
 * (doc, options) is recognized and refused with a hint, rather than
 * quoting the document as a model name.
 */
#include "persner_pg.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct HeadlineOpts
{
	char	   *start_sel;
	char	   *stop_sel;
	bool		stop_given;		/* StopSel was in the options */
	bool		labels[PERSNER_MAX_TYPES];	/* which model types to mark */
} HeadlineOpts;

typedef struct HeadlineSink
{
	MemoryContext cxt;
	StringInfoData out;
	size_t		done;			/* bytes of doc already copied */
	const HeadlineOpts *opts;
} HeadlineSink;

static void
append_markup(StringInfo out, const char *sel, const char *label)
{
	const char *p;

	for (p = sel; *p; p++)
	{
		if (p[0] == '%' && p[1] == 'L')
		{
			appendStringInfoString(out, label);
			p++;
		}
		else if (p[0] == '%' && p[1] == '%')
		{
			appendStringInfoChar(out, '%');
			p++;
		}
		else
			appendStringInfoChar(out, *p);
	}
}

static void
headline_sentence(void *arg, const PersnerSentence *sn)
{
	HeadlineSink *sink = (HeadlineSink *) arg;
	MemoryContext old = MemoryContextSwitchTo(sink->cxt);
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		const char *label = persner_model_type(sn->m, e->type);

		if (e->type < 0 || e->type >= PERSNER_MAX_TYPES || !sink->opts->labels[e->type])
			continue;
		if (e->bbeg < sink->done)
			continue;			/* overlapping spans cannot happen; be safe */
		appendBinaryStringInfo(&sink->out, sn->doc + sink->done, e->bbeg - sink->done);
		append_markup(&sink->out, sink->opts->start_sel, label);
		appendBinaryStringInfo(&sink->out, sn->doc + e->bbeg, e->bend - e->bbeg);
		append_markup(&sink->out, sink->opts->stop_sel, label);
		sink->done = e->bend;
	}
	MemoryContextSwitchTo(old);
}

static void
bad_option(const char *options, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid persner_headline options \"%s\"", options),
			 errdetail("%s", detail),
			 errhint("Options are written like 'StartSel=<b>, StopSel=</b>, Labels=PER|ORG'.")));
}

/* set_labels - parse "PER|ORG" against the model's types */
static void
set_labels(HeadlineOpts *o, const PersnerModel *m, const char *options, const char *value)
{
	char	   *copy = pstrdup(value);
	char	   *tok;
	char	   *save = NULL;
	int			k;

	for (k = 0; k < PERSNER_MAX_TYPES; k++)
		o->labels[k] = false;
	for (tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
	{
		char	   *t = tok;
		size_t		len;
		char	   *up;

		while (*t == ' ')
			t++;
		len = strlen(t);
		while (len > 0 && t[len - 1] == ' ')
			len--;
		if (len == 0)
			continue;
		up = pnstrdup(t, len);
		for (k = 0; up[k]; k++)
			up[k] = pg_ascii_toupper((unsigned char) up[k]);
		k = persner_model_type_index(m, up, len);
		if (k < 0 || k >= PERSNER_MAX_TYPES)
			bad_option(options, psprintf("The model has no label \"%s\".", up));
		o->labels[k] = true;
	}
}

/*
 * parse_headline_options - fill o from a ts_headline-style string
 *
 * key = value [, key = value ...]; value unquoted (spaces around it
 * dropped) or "double quoted" with backslash escapes.
 */
static void
parse_headline_options(HeadlineOpts *o, const PersnerModel *m, const char *options)
{
	const char *p = options;

	for (;;)
	{
		const char *kbeg;
		char	   *key;
		StringInfoData val;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		kbeg = p;
		while (*p && *p != '=' && *p != ',' && *p != ' ' && *p != '\t')
			p++;
		key = pnstrdup(kbeg, p - kbeg);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			bad_option(options, psprintf("Option \"%s\" has no value.", key));
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		initStringInfo(&val);
		if (*p == '"')
		{
			p++;
			while (*p && *p != '"')
			{
				if (*p == '\\' && p[1])
					p++;
				appendStringInfoChar(&val, *p++);
			}
			if (*p != '"')
				bad_option(options, "A quoted value is not closed.");
			p++;
		}
		else
		{
			const char *vbeg = p;
			const char *vend;

			while (*p && *p != ',')
				p++;
			vend = p;
			while (vend > vbeg && (vend[-1] == ' ' || vend[-1] == '\t'))
				vend--;
			appendBinaryStringInfo(&val, vbeg, vend - vbeg);
		}

		if (pg_strcasecmp(key, "StartSel") == 0)
			o->start_sel = val.data;
		else if (pg_strcasecmp(key, "StopSel") == 0)
		{
			o->stop_sel = val.data;
			o->stop_given = true;
		}
		else if (pg_strcasecmp(key, "Labels") == 0)
			set_labels(o, m, options, val.data);
		else
			bad_option(options, psprintf("Unknown option \"%s\"; the options are StartSel, StopSel and Labels.", key));
	}
}

/*
 * matching_stop_sel - the StopSel a lone StartSel implies
 *
 *   an HTML/XML start tag "<b>", "<mark class=x>"  ->  its end tag "</b>", "</mark>"
 *   opening brackets only "[", "{{", "«", "(["     ->  mirrored: "]", "}}", "»", "])"
 *   anything else "**", "|"                        ->  the same string
 */
static char *
matching_stop_sel(const char *start)
{
	static const char *const pairs[][2] = {
		{"(", ")"}, {"[", "]"}, {"{", "}"}, {"<", ">"},
		{"\xc2\xab", "\xc2\xbb"},	/* « » */
		{"\xe2\x80\xb9", "\xe2\x80\xba"},	/* ‹ › */
		{"\xe3\x80\x8c", "\xe3\x80\x8d"},	/* 「 」 */
	};
	size_t		len = strlen(start);
	StringInfoData out;
	const char *p;

	/* <name ...> -> </name> */
	if (len >= 3 && start[0] == '<' && start[len - 1] == '>' && isalpha((unsigned char) start[1]))
	{
		size_t		n = 1;

		while (n < len - 1 && (isalnum((unsigned char) start[n]) || start[n] == '-' ||
							   start[n] == ':' || start[n] == '_'))
			n++;
		if (start[n] == '>' || start[n] == ' ' || start[n] == '\t')
			return psprintf("</%.*s>", (int) (n - 1), start + 1);
	}

	/* opening brackets only: mirror them */
	initStringInfo(&out);
	for (p = start + len; p > start;)
	{
		const char *c = p - 1;
		int			k;
		bool		matched = false;

		while (c > start && (*c & 0xC0) == 0x80)
			c--;				/* the first byte of the last UTF-8 character */
		for (k = 0; k < lengthof(pairs); k++)
		{
			char	   *open = (char *) pairs[k][0];
			size_t		olen = strlen(open);

			if ((size_t) (p - c) == olen && memcmp(c, open, olen) == 0)
			{
				appendStringInfoString(&out, pairs[k][1]);
				matched = true;
				break;
			}
		}
		if (!matched)
			return pstrdup(start);
		p = c;
	}
	return len > 0 ? out.data : pstrdup(start);
}

/*
 * looks_like_options - whether s reads like persner_headline options
 * ("StartSel=...", "Labels = PER", ...)
 */
static bool
looks_like_options(const char *s)
{
	static const char *const keys[] = {"StartSel", "StopSel", "Labels"};
	int			k;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	for (k = 0; k < lengthof(keys); k++)
	{
		size_t		n = strlen(keys[k]);

		if (pg_strncasecmp(s, keys[k], n) == 0)
		{
			const char *p = s + n;

			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '=')
				return true;
		}
	}
	return false;
}

/*
 * check_two_argument_form - persner_headline(doc, 'StartSel=<b>') is read as
 * (model, doc); say so instead of quoting the document as a model name
 */
static void
check_two_argument_form(const char *model_name, const char *second)
{
	char		path[MAXPGPATH];
	struct stat st;

	if (!looks_like_options(second))
		return;
	if (persner_name_problem(model_name) != NULL || strpbrk(model_name, " \t\n=") != NULL ||
		!persner_model_path(model_name, path) ||
		stat(path, &st) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("persner_headline was given a document and options where it expects a model and a document"),
				 errdetail("The two-argument form is persner_headline(model, document); its second argument \"%s\" looks like headline options.",
						   persner_shown_name(second)),
				 errhint("Pass the model too: persner_headline(current_setting('persner.model'), document, options), or persner_headline('peyma', document, options).")));
}

PG_FUNCTION_INFO_V1(persner_headline);
Datum
persner_headline(PG_FUNCTION_ARGS)
{
	int			nargs = PG_NARGS();
	char	   *model_name = nargs >= 2 ? text_to_cstring(PG_GETARG_TEXT_PP(0)) : persner_model_guc;
	text	   *doc = PG_GETARG_TEXT_PP(nargs >= 2 ? 1 : 0);
	const PersnerModel *model;
	HeadlineOpts opts;
	HeadlineSink sink;
	int			k;

	/* options are short: a long second argument is a document, not copied to look */
	if (nargs == 2 && VARSIZE_ANY_EXHDR(doc) <= 1024)
		check_two_argument_form(model_name, text_to_cstring(doc));
	(void) persner_get_tagger(model_name, &model);
	opts.start_sel = "[";
	opts.stop_sel = "/%L]";
	opts.stop_given = false;
	for (k = 0; k < PERSNER_MAX_TYPES; k++)
		opts.labels[k] = true;
	if (nargs >= 3)
	{
		opts.start_sel = NULL;
		parse_headline_options(&opts, model, text_to_cstring(PG_GETARG_TEXT_PP(2)));
		if (opts.start_sel == NULL)
			opts.start_sel = "[";
		else if (!opts.stop_given)
			opts.stop_sel = matching_stop_sel(opts.start_sel);
	}

	sink.cxt = CurrentMemoryContext;
	initStringInfo(&sink.out);
	sink.done = 0;
	sink.opts = &opts;
	persner_tag_document(model_name, doc, false, false, headline_sentence, &sink);
	appendBinaryStringInfo(&sink.out, VARDATA_ANY(doc) + sink.done,
						   VARSIZE_ANY_EXHDR(doc) - sink.done);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(sink.out.data, sink.out.len));
}

