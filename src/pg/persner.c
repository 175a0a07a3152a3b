/*
 * persner.c - the module: PG_MODULE_MAGIC, _PG_init, the core's interrupt hook
 *
 * Each part of the glue registers what it owns itself (as pgvector's
 * HnswInit does): the model cache its settings (persner.model,
 * persner.model_dir), its name policy and the core's allocator.  This file
 * calls the parts' init functions and gives the core its interrupt hook.
 */
#include "persner_pg.h"

#include "miscadmin.h"

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
