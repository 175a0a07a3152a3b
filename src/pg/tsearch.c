/*
 * tsearch.c - the text search template "persian": persner's normalizer as a dictionary
 *
 * PostgreSQL ships no Persian text search configuration, so to_tsvector
 * ('simple', ...) keeps بانك and بانک, کتاب and كِتابٌ, ۱۴۰۲ and 1402 apart
 * while persner's entities treat them as one.  This template makes a
 * dictionary of the very function entity names go through
 * (persner_canonical: ي/ك folded, diacritics and tatweel dropped,
 * presentation forms folded, digits unified, Latin lowercased), so full-text
 * search and entities agree on spelling.  The extension script creates the
 * dictionary "persian" from it and the configuration "persian" that uses it.
 *
 * Like dict_simple, a lexize call returns the token's one lexeme, or an
 * empty list when nothing is left of it (a token that was only marks).
 * Unlike it, a token that canonicalizes to several words (a ZWNJ compound
 * "می‌شود" as the parser sees it under the C locale, which counts ZWNJ as a
 * letter) gives one lexeme per word, each after the first flagged
 * TSL_ADDPOS: a new position, as a compound-splitting dictionary does.  So
 * "می‌شود" and "می شود" give the same positions whatever the database's
 * locale (under C.UTF-8 the parser itself splits at ZWNJ), and
 * phraseto_tsquery matches one against the other.
 *
 * No stop words: no Persian stop-word list with a licence that allows
 * shipping it was at hand (README, "Persian full-text search").  The
 * template takes no options and refuses any.
 */
#include "persner_pg.h"

#include "commands/defrem.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_public.h"

PG_FUNCTION_INFO_V1(persian_dict_init);
Datum
persian_dict_init(PG_FUNCTION_ARGS)
{
	List	   *options = (List *) PG_GETARG_POINTER(0);
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *opt = (DefElem *) lfirst(lc);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized persian dictionary parameter: \"%s\"", opt->defname),
				 errhint("The persian dictionary takes no parameters.")));
	}
	/* no state: a non-NULL pointer so that the cache keeps it */
	PG_RETURN_POINTER(palloc0(1));
}

/*
 * persian_dict_lexize(dict, token, len, state) - the token's lexemes
 *
 * Returns a palloc'd TSLexeme array ended by a NULL lexeme: one entry per
 * space-separated word of the token's canonical form, the words after the
 * first with TSL_ADDPOS.  An empty array when the canonical form is empty.
 * ereports on invalid UTF-8 (the parser hands over server-encoding text, so
 * only a corrupt database gets there).
 */
PG_FUNCTION_INFO_V1(persian_dict_lexize);
Datum
persian_dict_lexize(PG_FUNCTION_ARGS)
{
	const char *in = (const char *) PG_GETARG_POINTER(1);
	int32		len = PG_GETARG_INT32(2);
	char	   *canon = NULL;
	size_t		clen = 0;
	PersnerStatus st;
	MemoryContext old;
	TSLexeme   *res;
	int			nwords = 0,
				i = 0;
	char	   *p,
			   *word;

	old = persner_core_switch(CurrentMemoryContext);
	st = persner_canonical(in, (size_t) len, &canon, &clen);
	persner_core_switch(old);
	if (st != PERSNER_OK)
		persner_report(st, "normalize a text search token");

	/* canonical form: words separated by exactly one ASCII space, trimmed */
	if (clen > 0)
	{
		nwords = 1;
		for (p = canon; *p; p++)
			if (*p == ' ')
				nwords++;
	}
	res = palloc0(sizeof(TSLexeme) * (nwords + 1));
	for (word = canon; i < nwords; i++)
	{
		char	   *end = strchr(word, ' ');
		size_t		wlen = end ? (size_t) (end - word) : strlen(word);

		res[i].lexeme = pnstrdup(word, wlen);
		res[i].flags = i > 0 ? TSL_ADDPOS : 0;
		word += wlen + 1;
	}
	if (canon != NULL)
		pfree(canon);
	PG_RETURN_POINTER(res);
}
