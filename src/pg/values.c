/*
 * values.c - persner_values: entities with the dates, amounts and times they name
 *
 *   persner_values([model text,] doc text [, anchor date])
 *     -> TABLE(start_pos int, end_pos int, label text, entity text,
 *              dates daterange, amount numeric, unit text, time_of_day time)
 *
 * The rows are persner_tag's entities; the parsing is the core's
 * (src/core/values.c), and this file only turns its Julian Day Numbers
 * into a daterange, its decimal text into numeric and its seconds into
 * time.  The anchor is the day relative expressions (دیروز, هفته گذشته)
 * count from; without one they are NULL.  An infinite anchor counts as
 * none.
 *
 * The four SQL forms share this one C function: the last argument is the
 * anchor when its type is date, and a model name comes first when there
 * are two arguments besides the anchor.
 *
 * The parser (three ICU calendars and a spell-out format) is made once
 * per backend; its own buffer grows in the core allocator's resting
 * context, the model cache's, so it lives as long as the backend.
 */
#include "persner_pg.h"

#include "values.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

static PersnerValueParser *value_parser;

/* get_parser - the backend's value parser, made on first use */
static PersnerValueParser *
get_parser(void)
{
	if (value_parser == NULL)
	{
		PersnerStatus st = persner_values_create(&value_parser);

		if (st != PERSNER_OK)
			persner_report(st, "open ICU's calendars for persner_values");
	}
	return value_parser;
}

typedef struct ValuesSink
{
	ReturnSetInfo *rsinfo;
	PersnerValueParser *vp;
	int32		anchor_jdn;		/* or PERSNER_NO_ANCHOR */
	TypeCacheEntry *range_type;
} ValuesSink;

/* day_range - [lo, hi) of Julian Day Numbers as a daterange; false if out of range */
static bool
day_range(TypeCacheEntry *typcache, int32 lo, int32 hi, Datum *out)
{
	RangeBound lower,
				upper;
	int64		dlo = (int64) lo - POSTGRES_EPOCH_JDATE;
	int64		dhi = (int64) hi - POSTGRES_EPOCH_JDATE;

	if (!IS_VALID_DATE(dlo) || !IS_VALID_DATE(dhi) || dlo >= dhi)
		return false;
	lower.val = DateADTGetDatum((DateADT) dlo);
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = DateADTGetDatum((DateADT) dhi);
	upper.infinite = false;
	upper.inclusive = false;
	upper.lower = false;
	*out = RangeTypePGetDatum(make_range(typcache, &lower, &upper, false));
	return true;
}

static void
values_sentence(void *arg, const PersnerSentence *sn)
{
	ValuesSink *sink = (ValuesSink *) arg;
	ReturnSetInfo *rsinfo = sink->rsinfo;
	size_t		i;

	for (i = 0; i < sn->nents; i++)
	{
		const PersnerEntity *e = &sn->ents[i];
		const char *label = persner_model_type(sn->m, e->type);
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, true, true, true, true};
		PersnerValue v;
		PersnerStatus st;

		values[0] = Int32GetDatum((int32) e->cbeg + 1);
		values[1] = Int32GetDatum((int32) e->cend + 1);
		values[2] = CStringGetTextDatum(label);
		values[3] = PointerGetDatum(cstring_to_text_with_len(sn->doc + e->bbeg,
															 e->bend - e->bbeg));
		st = persner_values_parse(sink->vp, persner_value_kind(label),
								  sn->doc + e->bbeg, e->bend - e->bbeg,
								  sink->anchor_jdn, &v);
		if (st != PERSNER_OK)
			persner_report(st, "read the value of an entity");
		if (v.has_dates &&
			day_range(sink->range_type, v.day_lo, v.day_hi, &values[4]))
			nulls[4] = false;
		if (v.has_amount)
		{
			values[5] = DirectFunctionCall3(numeric_in, CStringGetDatum(v.amount),
											ObjectIdGetDatum(InvalidOid),
											Int32GetDatum(-1));
			nulls[5] = false;
			if (v.unit[0] != '\0')
			{
				values[6] = CStringGetTextDatum(v.unit);
				nulls[6] = false;
			}
		}
		if (v.has_time)
		{
			values[7] = TimeADTGetDatum((TimeADT) v.seconds * USECS_PER_SEC);
			nulls[7] = false;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(persner_values);
Datum
persner_values(PG_FUNCTION_ARGS)
{
	int			nargs = PG_NARGS();
	bool		has_anchor = persner_arg_type(fcinfo, nargs - 1) == DATEOID;
	int			ndoc = has_anchor ? nargs - 2 : nargs - 1;	/* the doc's position */
	char	   *model = ndoc == 1 ? text_to_cstring(PG_GETARG_TEXT_PP(0)) : persner_model_guc;
	text	   *doc = PG_GETARG_TEXT_PP(ndoc);
	ValuesSink	sink;

	sink.anchor_jdn = PERSNER_NO_ANCHOR;
	if (has_anchor)
	{
		DateADT		a = PG_GETARG_DATEADT(nargs - 1);

		if (!DATE_NOT_FINITE(a))
			sink.anchor_jdn = (int32) a + POSTGRES_EPOCH_JDATE;
	}
	sink.vp = get_parser();
	sink.range_type = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	sink.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	persner_tag_document(model, doc, false, false, values_sentence, &sink);
	return (Datum) 0;
}
