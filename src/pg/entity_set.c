/*
 * entity_set.c - collecting entity values into the entity[] that
 * persner_entities and persner_entity_keys return
 *
 * A set maps the model's types to entity labels once (a type the entity
 * type does not know is an error when the model tags one), canonicalizes
 * each span into an entity value (persner_entity_make), grows without
 * keeping duplicates (it sorts and dedupes before it doubles) and ends as
 * a sorted array of distinct values of the function's element type.
 */
#include "persner_pg.h"

#include "funcapi.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

void
persner_entity_set_init(PersnerEntitySet *set, const PersnerModel *m)
{
	int			k;

	for (k = 0; k < PERSNER_MAX_TYPES; k++)
		set->label_ids[k] = -1;
	for (k = 0; k < persner_model_ntypes(m) && k < PERSNER_MAX_TYPES; k++)
	{
		const char *t = persner_model_type(m, k);

		set->label_ids[k] = persner_entity_label_id(t, strlen(t));
	}
	set->cxt = CurrentMemoryContext;
	set->n = 0;
	set->cap = 64;
	set->vals = palloc(sizeof(Datum) * set->cap);
}

int
persner_entity_set_label(const PersnerEntitySet *set, const PersnerModel *m, int type)
{
	int			id = set->label_ids[type];

	if (id < 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("persner model label \"%s\" has no entity label",
						persner_model_type(m, type)),
				 errdetail("The entity type accepts the labels %s.", persner_entity_label_list())));
	return id;
}

static int
entity_qsort_cmp(const void *a, const void *b)
{
	return persner_entity_compare((const struct varlena *) DatumGetPointer(*(const Datum *) a),
								  (const struct varlena *) DatumGetPointer(*(const Datum *) b));
}

/* sort_unique - sort vals[0..n) and drop (and free) duplicates; returns the new n */
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

void
persner_entity_set_add(PersnerEntitySet *set, int label_id, const char *name, size_t len)
{
	MemoryContext old = MemoryContextSwitchTo(set->cxt);
	struct varlena *v = persner_entity_make(label_id, name, len);

	if (v != NULL)				/* NULL: nothing left after canonicalization */
	{
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

Datum
persner_entity_set_result(PersnerEntitySet *set, FunctionCallInfo fcinfo)
{
	Oid			elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (!OidIsValid(elemtype))
		elog(ERROR, "function %u must return an array", fcinfo->flinfo->fn_oid);
	set->n = sort_unique(set->vals, set->n);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(set->vals, set->n, elemtype,
										  typlen, typbyval, typalign));
}
