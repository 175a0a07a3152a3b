/*
 * persner.c - the module: PG_MODULE_MAGIC, _PG_init, the core's interrupt
 *             hook, and how a C function that serves several SQL forms
 *             tells them apart (persner_arg_type)
 *
 * Each part of the glue registers what it owns itself (as pgvector's
 * HnswInit does): the model cache its settings (persner.model,
 * persner.model_dir), its name policy and the core's allocator.  This file
 * calls the parts' init functions and gives the core its interrupt hook.
 */
#include "persner_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "miscadmin.h"
#include "utils/syscache.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * The interrupt hook (persner.h): the core calls it once per sentence and
 * inside long sentences and long normalizations, so statement_timeout and
 * pg_cancel_backend stop any call within a second.  CHECK_FOR_INTERRUPTS
 * may longjmp: the core holds no memory of its own there, and the seam is
 * put back to its resting context first, in case a caller had switched it
 * to one that the abort deletes.
 */
static void
pg_core_interrupt(void)
{
	if (INTERRUPTS_PENDING_CONDITION())
	{
		MemoryContext cur = persner_core_switch(persner_cache_mcxt);

		CHECK_FOR_INTERRUPTS();
		persner_core_switch(cur);
	}
}

void
_PG_init(void)
{
	persner_cache_init();
	persner_set_interrupt(pg_core_interrupt);
}

/*
 * persner_arg_type - the type of argument argno of the call
 *
 * The SQL forms that share a C function differ in their last argument's
 * type ((model, doc) against (doc, min_score)), which the call's expression
 * gives.  A call without one (DirectFunctionCall, some procedural
 * languages' fast paths) gets the function's declared type from the
 * catalog, never a guess: a float read as a text pointer would crash.
 */
Oid
persner_arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			t = get_fn_expr_argtype(fcinfo->flinfo, argno);
	HeapTuple	tp;

	if (OidIsValid(t))
		return t;
	tp = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	if (HeapTupleIsValid(tp))
	{
		Form_pg_proc p = (Form_pg_proc) GETSTRUCT(tp);

		if (argno >= 0 && argno < p->pronargs)
			t = p->proargtypes.values[argno];
		ReleaseSysCache(tp);
	}
	if (!OidIsValid(t))
		elog(ERROR, "persner: could not determine the type of argument %d", argno + 1);
	return t;
}
