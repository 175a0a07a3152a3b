/*
 * functions.c - the sentence loop and the SQL-callable tagging functions:
 * tag, entities, json, debug, normalize (persner_headline is headline.c,
 * persner_models model_cache.c)
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
 * Memory.  persner_tag_document() drives the tagger one sentence at a time; each
 * sentence's work happens in a temporary context ("persner sentence")
 * that is reset before the next one, so a 50 MB document uses memory
 * bounded by its longest sentence plus the result.  The core calls the
 * interrupt hook (persner.c: CHECK_FOR_INTERRUPTS) at the start of every
 * sentence and inside long ones, so the loop honours statement_timeout and
 * pg_cancel_backend without a check of its own.  Set-returning functions use materialize mode: rows
 * go into the tuplestore (its own context) as they are produced.
 */
#include "persner_pg.h"


#include "catalog/pg_type.h"
#include "funcapi.h"
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
 * min_score_arg - the min_score of persner_tag and persner_entities: their
 * last argument when it is a real, else -1 (keep every entity).  *nargs is
 * the count of the arguments before it (model and doc).
 */
static float4
min_score_arg(FunctionCallInfo fcinfo, int *nargs)
{
	*nargs = PG_NARGS();
	if (*nargs >= 2 && persner_arg_type(fcinfo, *nargs - 1) == FLOAT4OID)
	{
		(*nargs)--;
		return PG_GETARG_FLOAT4(*nargs);
	}
	return -1.0f;
}

/*
 * persner_tag_document - the sentence loop (persner_pg.h); the tagger
 * needs no cleanup after an error (the next begin resets it)
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
		PersnerSentence sn = {.m = model, .doc = data};

		st = persner_tagger_next(tagger, &sn.ents, &sn.nents,
								 want_tokens ? &sn.toks : NULL,
								 want_tokens ? &sn.ntoks : NULL);
		if (st == PERSNER_DONE)
			break;
		if (st != PERSNER_OK)
			persner_report(st, "tag the document");

		old = MemoryContextSwitchTo(sentence_cxt);
		fn(arg, &sn);
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
	float4		min_score;		/* entities scoring less are left out */
} TupleSink;

static void
tag_sentence(void *arg, const PersnerSentence *sn)
{
	ReturnSetInfo *rsinfo = ((TupleSink *) arg)->rsinfo;
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (e->score < ((TupleSink *) arg)->min_score)
			continue;

		values[0] = Int32GetDatum((int32) e->cbeg + 1);
		values[1] = Int32GetDatum((int32) e->cend + 1);
		values[2] = CStringGetTextDatum(persner_model_type(sn->m, e->type));
		values[3] = PointerGetDatum(cstring_to_text_with_len(sn->doc + e->bbeg,
															 e->bend - e->bbeg));
		values[4] = Float4GetDatum(e->score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(persner_tag);
Datum
persner_tag(PG_FUNCTION_ARGS)
{
	int			nargs;
	float4		min_score = min_score_arg(fcinfo, &nargs);
	char	   *model = nargs > 1 ? text_to_cstring(PG_GETARG_TEXT_PP(0)) : persner_model_guc;
	text	   *doc = PG_GETARG_TEXT_PP(nargs - 1);
	TupleSink	sink;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	sink.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	sink.min_score = min_score;
	persner_tag_document(model, doc, false, true, tag_sentence, &sink);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * persner_debug([model,] doc) -> one row per token with its BIO tag
 * ---------------------------------------------------------------------
 */
static void
debug_sentence(void *arg, const PersnerSentence *sn)
{
	ReturnSetInfo *rsinfo = ((TupleSink *) arg)->rsinfo;
	size_t		i;

	for (i = 0; i < sn->ntoks; i++)
	{
		const PersnerTokenInfo *t = &sn->toks[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = Int32GetDatum((int32) t->cbeg + 1);
		values[1] = Int32GetDatum((int32) t->cend + 1);
		values[2] = PointerGetDatum(cstring_to_text_with_len(sn->doc + t->bbeg,
															 t->bend - t->bbeg));
		values[3] = PointerGetDatum(cstring_to_text_with_len(t->norm, t->norm_len));
		values[4] = CStringGetTextDatum(tag_name(sn->m, t->tag));
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
	sink.min_score = -1.0f;
	persner_tag_document(model, doc, true, true, debug_sentence, &sink);
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * persner_entities([model,] doc) -> entity[], distinct, sorted
 * ---------------------------------------------------------------------
 */
typedef struct EntitySink
{
	PersnerEntitySet set;
	float4		min_score;		/* entities scoring less are left out */
} EntitySink;

static void
entities_sentence(void *arg, const PersnerSentence *sn)
{
	EntitySink *sink = (EntitySink *) arg;
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		int			id;

		if (e->score < sink->min_score)
			continue;
		id = persner_entity_set_label(&sink->set, sn->m, e->type);
		/*
		 * The name is the canonical form of the original text of the span,
		 * not of e->norm (tokens joined by one space): "ایرنا،" must give
		 * the same entity whether it comes from here or from
		 * entity(label, entity) over persner_tag's rows, and a user types
		 * what the article shows.
		 */
		persner_entity_set_add(&sink->set, id, sn->doc + e->bbeg, e->bend - e->bbeg);
	}
}

PG_FUNCTION_INFO_V1(persner_entities);
Datum
persner_entities(PG_FUNCTION_ARGS)
{
	int			nargs;
	float4		min_score = min_score_arg(fcinfo, &nargs);
	char	   *model_name = nargs > 1 ? text_to_cstring(PG_GETARG_TEXT_PP(0)) : persner_model_guc;
	text	   *doc = PG_GETARG_TEXT_PP(nargs - 1);
	const PersnerModel *model;
	EntitySink	sink;

	(void) persner_get_tagger(model_name, &model);
	persner_entity_set_init(&sink.set, model);
	sink.min_score = min_score;

	/* scores only when they are asked for: they cost a third of the time */
	persner_tag_document(model_name, doc, false, min_score > 0, entities_sentence, &sink);
	return persner_entity_set_result(&sink.set, fcinfo);
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
json_sentence(void *arg, const PersnerSentence *sn)
{
	JsonSink   *sink = (JsonSink *) arg;
	MemoryContext old = MemoryContextSwitchTo(sink->cxt);
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		const char *label = persner_model_type(sn->m, e->type);

		pushJsonbValue(&sink->state, WJB_BEGIN_OBJECT, NULL);
		push_key(&sink->state, "entity_group");
		push_string(&sink->state, pstrdup(label), strlen(label));
		push_key(&sink->state, "word");
		push_string(&sink->state, pnstrdup(sn->doc + e->bbeg, e->bend - e->bbeg),
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
