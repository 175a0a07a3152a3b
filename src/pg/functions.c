/*
 * functions.c - the SQL-callable functions: tag, entities, json, headline,
 * debug, normalize, models
 *
 * Each tagging function exists in SQL in two forms, with and without an
 * explicit model name as first argument (IMMUTABLE and STABLE, as
 * to_tsvector); both forms call the same C function, which tells them
 * apart by PG_NARGS().
 *
 * Positions.  The core gives 0-based character offsets (cbeg, cend) and
 * byte offsets (bbeg, bend) into the document.  SQL positions are 1-based
 * characters with an exclusive end, like substr(): start_pos = cbeg + 1,
 * end_pos = cend + 1, so substr(doc, start_pos, end_pos - start_pos) is
 * the original text doc[bbeg, bend).  The JSON form keeps the Hugging Face
 * convention: 0-based start, exclusive end.
 *
 * Memory.  tag_document() drives the tagger one sentence at a time; each
 * sentence's work happens in a temporary context ("persner sentence")
 * that is reset before the next one, and CHECK_FOR_INTERRUPTS() runs
 * between sentences, so a 50 MB document uses memory bounded by its
 * longest sentence plus the result, and honours statement_timeout and
 * pg_cancel_backend.  Set-returning functions use materialize mode: rows
 * go into the tuplestore (its own context) as they are produced.
 */
#include "persner_pg.h"

#include <math.h>
#include <sys/stat.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/* ---------------------------------------------------------------------
 * The sentence loop
 * ---------------------------------------------------------------------
 */

/* model_arg - the model name: the first argument if there is one more than 'base' */
static char *
model_arg(FunctionCallInfo fcinfo, int base)
{
	if (PG_NARGS() > base)
		return text_to_cstring(PG_GETARG_TEXT_PP(0));
	return persner_model_guc;
}

/*
 * persner_tag_document - the sentence loop (persner_pg.h); the tagger
 * needs no cleanup (the next begin resets it)
 */
void
persner_tag_document(const char *model_name, text *doc, bool want_tokens, bool want_scores,
					 PersnerSentenceFn fn, void *arg)
{
	const PersnerModel *model;
	PersnerTagger *tagger = persner_get_tagger(model_name, &model);
	const char *data = VARDATA_ANY(doc);
	MemoryContext sentence_cxt,
				old;
	PersnerStatus st;

	persner_tagger_set_scores(tagger, want_scores);
	st = persner_tagger_begin(tagger, data, VARSIZE_ANY_EXHDR(doc));
	if (st != PERSNER_OK)
		persner_report(st, "tag the document");

	sentence_cxt = AllocSetContextCreate(CurrentMemoryContext,
										 "persner sentence",
										 ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		const PersnerEntity *ents = NULL;
		const PersnerTokenInfo *toks = NULL;
		size_t		nents = 0,
					ntoks = 0;

		CHECK_FOR_INTERRUPTS();
		st = persner_tagger_next(tagger, &ents, &nents,
								 want_tokens ? &toks : NULL,
								 want_tokens ? &ntoks : NULL);
		if (st == PERSNER_DONE)
			break;
		if (st != PERSNER_OK)
			persner_report(st, "tag the document");

		old = MemoryContextSwitchTo(sentence_cxt);
		fn(arg, model, data, ents, nents, toks, ntoks);
		MemoryContextSwitchTo(old);
		MemoryContextReset(sentence_cxt);
	}
	MemoryContextDelete(sentence_cxt);
}

/* tag_name - "O", "B-ORG", "I-ORG" for a tag index, palloc'd */
static char *
tag_name(const PersnerModel *m, int tag)
{
	char		name[PERSNER_MAX_TYPE_NAME + 3];

	return pstrdup(persner_model_tag_name(m, tag, name));
}

/* ---------------------------------------------------------------------
 * persner_tag([model,] doc) -> TABLE(start_pos, end_pos, label, entity, score)
 * ---------------------------------------------------------------------
 */
typedef struct TupleSink
{
	ReturnSetInfo *rsinfo;
} TupleSink;

static void
tag_sentence(void *arg, const PersnerModel *m, const char *doc,
			 const PersnerEntity *ents, size_t nents,
			 const PersnerTokenInfo *toks, size_t ntoks)
{
	ReturnSetInfo *rsinfo = ((TupleSink *) arg)->rsinfo;
	size_t		i;

	for (i = 0; i < nents; i++)
	{
		const PersnerEntity *e = &ents[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = Int32GetDatum((int32) e->cbeg + 1);
		values[1] = Int32GetDatum((int32) e->cend + 1);
		values[2] = CStringGetTextDatum(persner_model_type(m, e->type));
		values[3] = PointerGetDatum(cstring_to_text_with_len(doc + e->bbeg,
															 e->bend - e->bbeg));
		values[4] = Float4GetDatum(e->score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(persner_tag);
Datum
persner_tag(PG_FUNCTION_ARGS)
{
	char	   *model = model_arg(fcinfo, 1);
	text	   *doc = PG_GETARG_TEXT_PP(PG_NARGS() - 1);
	TupleSink	sink;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	sink.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	persner_tag_document(model, doc, false, true, tag_sentence, &sink);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * persner_debug([model,] doc) -> one row per token with its BIO tag
 * ---------------------------------------------------------------------
 */
static void
debug_sentence(void *arg, const PersnerModel *m, const char *doc,
			   const PersnerEntity *ents, size_t nents,
			   const PersnerTokenInfo *toks, size_t ntoks)
{
	ReturnSetInfo *rsinfo = ((TupleSink *) arg)->rsinfo;
	size_t		i;

	for (i = 0; i < ntoks; i++)
	{
		const PersnerTokenInfo *t = &toks[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = Int32GetDatum((int32) t->cbeg + 1);
		values[1] = Int32GetDatum((int32) t->cend + 1);
		values[2] = PointerGetDatum(cstring_to_text_with_len(doc + t->bbeg,
															 t->bend - t->bbeg));
		values[3] = PointerGetDatum(cstring_to_text_with_len(t->norm, t->norm_len));
		values[4] = CStringGetTextDatum(tag_name(m, t->tag));
		values[5] = Float4GetDatum(t->score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(persner_debug);
Datum
persner_debug(PG_FUNCTION_ARGS)
{
	char	   *model = model_arg(fcinfo, 1);
	text	   *doc = PG_GETARG_TEXT_PP(PG_NARGS() - 1);
	TupleSink	sink;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	sink.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	persner_tag_document(model, doc, true, true, debug_sentence, &sink);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * persner_entities([model,] doc) -> entity[], distinct, sorted
 * ---------------------------------------------------------------------
 */
typedef struct EntitySet
{
	MemoryContext cxt;			/* where values and the array live */
	Datum	   *vals;			/* [cap] entity values */
	int			n;
	int			cap;
	int			label_ids[PERSNER_MAX_TYPES];	/* model type -> entity label id */
} EntitySet;

static int
entity_qsort_cmp(const void *a, const void *b)
{
	return persner_entity_compare((const struct varlena *) DatumGetPointer(*(const Datum *) a),
								  (const struct varlena *) DatumGetPointer(*(const Datum *) b));
}

/* sort_unique - sort vals[0..n) and drop duplicates; returns the new n */
static int
sort_unique(Datum *vals, int n)
{
	int			i,
				k;

	if (n < 2)
		return n;
	qsort(vals, n, sizeof(Datum), entity_qsort_cmp);
	for (i = 1, k = 1; i < n; i++)
	{
		if (entity_qsort_cmp(&vals[k - 1], &vals[i]) != 0)
			vals[k++] = vals[i];
		else
			pfree(DatumGetPointer(vals[i]));
	}
	return k;
}

static void
entities_sentence(void *arg, const PersnerModel *m, const char *doc,
				  const PersnerEntity *ents, size_t nents,
				  const PersnerTokenInfo *toks, size_t ntoks)
{
	EntitySet  *set = (EntitySet *) arg;
	MemoryContext old = MemoryContextSwitchTo(set->cxt);
	size_t		i;

	for (i = 0; i < nents; i++)
	{
		const PersnerEntity *e = &ents[i];
		int			id = set->label_ids[e->type];
		struct varlena *v;

		if (id < 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("persner model label \"%s\" has no entity label",
							persner_model_type(m, e->type)),
					 errdetail("The entity type accepts the labels DAT, LOC, MON, ORG, PCT, PER, TIM.")));
		/*
		 * The name is the canonical form of the original text of the span,
		 * not of e->norm (tokens joined by one space): "ایرنا،" must give
		 * the same entity whether it comes from here or from
		 * entity(label, entity) over persner_tag's rows, and a user types
		 * what the article shows.
		 */
		v = persner_entity_make(id, doc + e->bbeg, e->bend - e->bbeg);
		if (v == NULL)
			continue;			/* nothing left after canonicalization */
		if (set->n == set->cap)
		{
			/* dedupe before growing: repeated names cost no memory */
			set->n = sort_unique(set->vals, set->n);
			if (set->n > set->cap / 2)
			{
				set->cap *= 2;
				set->vals = repalloc_huge(set->vals, sizeof(Datum) * set->cap);
			}
		}
		set->vals[set->n++] = PointerGetDatum(v);
	}
	MemoryContextSwitchTo(old);
}

PG_FUNCTION_INFO_V1(persner_entities);
Datum
persner_entities(PG_FUNCTION_ARGS)
{
	char	   *model_name = model_arg(fcinfo, 1);
	text	   *doc = PG_GETARG_TEXT_PP(PG_NARGS() - 1);
	Oid			elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	const PersnerModel *model;
	EntitySet	set;
	int			k;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (!OidIsValid(elemtype))
		elog(ERROR, "persner_entities must return an array");

	/* which entity label each model type maps to (-1: none) */
	(void) persner_get_tagger(model_name, &model);
	for (k = 0; k < PERSNER_MAX_TYPES; k++)
		set.label_ids[k] = -1;
	for (k = 0; k < persner_model_ntypes(model) && k < PERSNER_MAX_TYPES; k++)
	{
		const char *t = persner_model_type(model, k);

		set.label_ids[k] = persner_entity_label_id(t, strlen(t));
	}
	set.cxt = CurrentMemoryContext;
	set.n = 0;
	set.cap = 64;
	set.vals = palloc(sizeof(Datum) * set.cap);

	persner_tag_document(model_name, doc, false, false, entities_sentence, &set);

	set.n = sort_unique(set.vals, set.n);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(set.vals, set.n, elemtype,
										  typlen, typbyval, typalign));
}

/* ---------------------------------------------------------------------
 * persner_tag_json([model,] doc) -> jsonb, Hugging Face pipeline shape
 * ---------------------------------------------------------------------
 */
typedef struct JsonSink
{
	MemoryContext cxt;			/* the parse state and its strings live here */
	JsonbParseState *state;
} JsonSink;

static void
push_key(JsonbParseState **state, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) key;
	v.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &v);
}

static void
push_string(JsonbParseState **state, const char *s, size_t len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	pushJsonbValue(state, WJB_VALUE, &v);
}

static void
push_numeric(JsonbParseState **state, Numeric n)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = n;
	pushJsonbValue(state, WJB_VALUE, &v);
}

static void
json_sentence(void *arg, const PersnerModel *m, const char *doc,
			  const PersnerEntity *ents, size_t nents,
			  const PersnerTokenInfo *toks, size_t ntoks)
{
	JsonSink   *sink = (JsonSink *) arg;
	MemoryContext old = MemoryContextSwitchTo(sink->cxt);
	size_t		i;

	for (i = 0; i < nents; i++)
	{
		const PersnerEntity *e = &ents[i];
		const char *label = persner_model_type(m, e->type);

		pushJsonbValue(&sink->state, WJB_BEGIN_OBJECT, NULL);
		push_key(&sink->state, "entity_group");
		push_string(&sink->state, pstrdup(label), strlen(label));
		push_key(&sink->state, "word");
		push_string(&sink->state, pnstrdup(doc + e->bbeg, e->bend - e->bbeg),
					e->bend - e->bbeg);
		push_key(&sink->state, "start");
		push_numeric(&sink->state, int64_to_numeric(e->cbeg));
		push_key(&sink->state, "end");
		push_numeric(&sink->state, int64_to_numeric(e->cend));
		push_key(&sink->state, "score");
		push_numeric(&sink->state,
					 DatumGetNumeric(DirectFunctionCall1(float4_numeric,
														 Float4GetDatum(e->score))));
		pushJsonbValue(&sink->state, WJB_END_OBJECT, NULL);
	}
	MemoryContextSwitchTo(old);
}

PG_FUNCTION_INFO_V1(persner_tag_json);
Datum
persner_tag_json(PG_FUNCTION_ARGS)
{
	char	   *model = model_arg(fcinfo, 1);
	text	   *doc = PG_GETARG_TEXT_PP(PG_NARGS() - 1);
	JsonSink	sink;
	JsonbValue *res;

	sink.cxt = CurrentMemoryContext;
	sink.state = NULL;
	pushJsonbValue(&sink.state, WJB_BEGIN_ARRAY, NULL);
	persner_tag_document(model, doc, false, true, json_sentence, &sink);
	res = pushJsonbValue(&sink.state, WJB_END_ARRAY, NULL);
	PG_RETURN_POINTER(JsonbValueToJsonb(res));
}

/* ---------------------------------------------------------------------
 * persner_headline(doc) / (model, doc) / (model, doc, options)
 *
 * options is a ts_headline-style list:  StartSel=[, StopSel=/%L], Labels=PER|ORG
 *   StartSel, StopSel  markup around each entity; %L is replaced by its
 *                      label, %% by %.  Default "[" and "/%L]", giving
 *                      "[شهرداری قم/ORG]".
 *   Labels             the labels to mark, separated by |; default all.
 * A value may be written in double quotes ("a, b" with \" for a quote) to
 * hold commas or spaces; otherwise surrounding spaces are dropped.  Keys
 * are case-insensitive; an unknown key or label is an error (22023).
 * ---------------------------------------------------------------------
 */
typedef struct HeadlineOpts
{
	char	   *start_sel;
	char	   *stop_sel;
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
headline_sentence(void *arg, const PersnerModel *m, const char *doc,
				  const PersnerEntity *ents, size_t nents,
				  const PersnerTokenInfo *toks, size_t ntoks)
{
	HeadlineSink *sink = (HeadlineSink *) arg;
	MemoryContext old = MemoryContextSwitchTo(sink->cxt);
	size_t		i;

	for (i = 0; i < nents; i++)
	{
		const PersnerEntity *e = &ents[i];
		const char *label = persner_model_type(m, e->type);

		if (e->type < 0 || e->type >= PERSNER_MAX_TYPES || !sink->opts->labels[e->type])
			continue;
		if (e->bbeg < sink->done)
			continue;			/* overlapping spans cannot happen; be safe */
		appendBinaryStringInfo(&sink->out, doc + sink->done, e->bbeg - sink->done);
		append_markup(&sink->out, sink->opts->start_sel, label);
		appendBinaryStringInfo(&sink->out, doc + e->bbeg, e->bend - e->bbeg);
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
			o->stop_sel = val.data;
		else if (pg_strcasecmp(key, "Labels") == 0)
			set_labels(o, m, options, val.data);
		else
			bad_option(options, psprintf("Unknown option \"%s\"; the options are StartSel, StopSel and Labels.", key));
	}
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

	(void) persner_get_tagger(model_name, &model);
	opts.start_sel = "[";
	opts.stop_sel = "/%L]";
	for (k = 0; k < PERSNER_MAX_TYPES; k++)
		opts.labels[k] = true;
	if (nargs >= 3)
		parse_headline_options(&opts, model, text_to_cstring(PG_GETARG_TEXT_PP(2)));

	sink.cxt = CurrentMemoryContext;
	initStringInfo(&sink.out);
	sink.done = 0;
	sink.opts = &opts;
	persner_tag_document(model_name, doc, false, false, headline_sentence, &sink);
	appendBinaryStringInfo(&sink.out, VARDATA_ANY(doc) + sink.done,
						   VARSIZE_ANY_EXHDR(doc) - sink.done);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(sink.out.data, sink.out.len));
}

/* ---------------------------------------------------------------------
 * persner_normalize(text) -> text
 * ---------------------------------------------------------------------
 */
PG_FUNCTION_INFO_V1(persner_normalize_text);
Datum
persner_normalize_text(PG_FUNCTION_ARGS)
{
	text	   *src = PG_GETARG_TEXT_PP(0);
	PersnerNormBuf buf;
	PersnerStatus st;
	MemoryContext old;
	text	   *result;

	memset(&buf, 0, sizeof(buf));
	old = persner_core_switch(CurrentMemoryContext);
	st = persner_normalize(VARDATA_ANY(src), VARSIZE_ANY_EXHDR(src),
						   PERSNER_NORM_DEFAULT, &buf);
	persner_core_switch(old);
	if (st != PERSNER_OK)
		persner_report(st, "normalize the text");
	result = cstring_to_text_with_len(buf.text ? buf.text : "", buf.len);
	persner_normbuf_free(&buf);
	PG_RETURN_TEXT_P(result);
}

/* ---------------------------------------------------------------------
 * persner_models() -> one row per <name>.model in persner.model_dir
 *
 * A file that cannot be opened (corrupt, wrong version, unreadable) still
 * gets a row, with its name and size and NULL labels, checksum, corpus
 * and dev_f1, plus a WARNING saying what is wrong with it: the listing is
 * where one looks for a broken model, so it must not hide it.
 * ---------------------------------------------------------------------
 */
typedef struct ModelRow
{
	Datum		values[7];
	bool		nulls[7];
} ModelRow;

static void
model_row_fill(const PersnerModel *m, void *arg)
{
	ModelRow   *row = (ModelRow *) arg;
	int			K = persner_model_ntypes(m);
	Datum	   *labels = palloc(sizeof(Datum) * Max(K, 1));
	const char *corpus = persner_model_meta(m, "corpus");
	const char *dev_f1 = persner_model_meta(m, "dev_f1");
	int			k;

	for (k = 0; k < K; k++)
		labels[k] = CStringGetTextDatum(persner_model_type(m, k));
	row->values[1] = PointerGetDatum(construct_array(labels, K, TEXTOID, -1, false, TYPALIGN_INT));
	row->nulls[1] = false;
	row->values[3] = CStringGetTextDatum(psprintf("%016llx",
												  (unsigned long long) persner_model_checksum(m)));
	row->nulls[3] = false;
	if (corpus != NULL)
	{
		row->values[5] = CStringGetTextDatum(corpus);
		row->nulls[5] = false;
	}
	if (dev_f1 != NULL)
	{
		char	   *end;
		float		f = strtof(dev_f1, &end);

		if (end != dev_f1 && *end == '\0' && isfinite(f))
		{
			row->values[6] = Float4GetDatum(f);
			row->nulls[6] = false;
		}
	}
}

static int
cstring_qsort_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

PG_FUNCTION_INFO_V1(persner_models);
Datum
persner_models(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo;
	const char *dir = persner_model_dir_guc;
	DIR		   *d;
	struct dirent *de;
	char	  **names;
	int			n = 0,
				cap = 16,
				i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	names = palloc(sizeof(char *) * cap);
	d = AllocateDir(dir);
	while ((de = ReadDir(d, dir)) != NULL)
	{
		size_t		len = strlen(de->d_name);

		if (len <= 6 || strcmp(de->d_name + len - 6, ".model") != 0)
			continue;
		if (n == cap)
		{
			cap *= 2;
			names = repalloc(names, sizeof(char *) * cap);
		}
		names[n] = pnstrdup(de->d_name, len - 6);
		if (persner_name_problem(names[n]) != NULL)
			continue;			/* a name no function could use */
		n++;
	}
	FreeDir(d);
	qsort(names, n, sizeof(char *), cstring_qsort_cmp);

	for (i = 0; i < n; i++)
	{
		char	   *path = psprintf("%s/%s.model", dir, names[i]);
		struct stat st;
		ModelRow	row;
		int			c;

		CHECK_FOR_INTERRUPTS();
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;			/* vanished, or a directory named x.model */
		for (c = 0; c < 7; c++)
		{
			row.values[c] = (Datum) 0;
			row.nulls[c] = true;
		}
		row.values[0] = CStringGetTextDatum(names[i]);
		row.nulls[0] = false;
		row.values[2] = Int64GetDatum((int64) st.st_size);
		row.nulls[2] = false;
		(void) persner_model_peek(names[i], path, model_row_fill, &row);
		row.values[4] = BoolGetDatum(persner_model_loaded(names[i]));
		row.nulls[4] = false;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, row.values, row.nulls);
	}
	return (Datum) 0;
}
