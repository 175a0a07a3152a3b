/*
 * persner.c - the module: PG_MODULE_MAGIC, _PG_init, settings, allocator seam
 *
 * Settings (all under the reserved prefix "persner."):
 *
 *   persner.model      PGC_USERSET, default 'peyma': the model the one-argument
 *                      functions use.  A *name*, not a path: refused if empty,
 *                      if it contains '/' or "..", or is absurdly long.
 *   persner.model_dir  PGC_SUSET, default <sharedir>/persner (where
 *                      `make install` puts the model files).  Superuser only,
 *                      because it decides which files a backend maps.
 */
#include "persner_pg.h"

#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

char	   *persner_model_guc = NULL;
char	   *persner_model_dir_guc = NULL;
MemoryContext persner_core_mcxt = NULL;

/* boot value of persner.model_dir; must outlive the GUC machinery */
static char default_model_dir[MAXPGPATH];

/* longest model name accepted (a file name needs room for ".model") */
#define PERSNER_MAX_MODEL_NAME	200

/*
 * persner_name_problem - why a model name is refused, or NULL
 *
 * A model name becomes <model_dir>/<name>.model, so it must not be able to
 * leave the directory: no '/', no "..".  The same check runs in the GUC
 * check hook and again in the model cache (explicit-name functions never
 * go through the hook).
 */
const char *
persner_name_problem(const char *name)
{
	if (name == NULL || name[0] == '\0')
		return "A model name must not be empty.";
	if (strchr(name, '/') != NULL)
		return "A model name must not contain \"/\".";
	if (strstr(name, "..") != NULL)
		return "A model name must not contain \"..\".";
	if (strlen(name) > PERSNER_MAX_MODEL_NAME)
		return "A model name must not be longer than 200 bytes.";
	return NULL;
}

static bool
check_model_name(char **newval, void **extra, GucSource source)
{
	const char *problem = persner_name_problem(*newval);

	if (problem != NULL)
	{
		GUC_check_errdetail("%s", problem);
		GUC_check_errhint("Set persner.model to the name of a file <name>.model in persner.model_dir, as listed by persner_models().");
		return false;
	}
	return true;
}

static bool
check_model_dir(char **newval, void **extra, GucSource source)
{
	if (*newval == NULL || (*newval)[0] == '\0')
	{
		GUC_check_errdetail("persner.model_dir must not be empty.");
		return false;
	}
	return true;
}

/*
 * The allocator seam.  MCXT_ALLOC_NO_OOM: the core gets NULL, not a
 * longjmp, so it can unwind its own state and return PERSNER_ENOMEM.
 * MCXT_ALLOC_HUGE and the size check: a request above MaxAllocHugeSize
 * would elog(ERROR) inside palloc, which must not happen inside the core.
 */
static void *
pg_core_alloc(void *ctx, size_t size)
{
	if (size == 0 || !AllocHugeSizeIsValid(size))
		return NULL;
	return MemoryContextAllocExtended(persner_core_mcxt, size,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

static void
pg_core_free(void *ctx, void *ptr)
{
	pfree(ptr);
}

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
	static const PersnerAllocator pg_allocator = {pg_core_alloc, pg_core_free, NULL};
	char		sharepath[MAXPGPATH];

	get_share_path(my_exec_path, sharepath);
	snprintf(default_model_dir, sizeof(default_model_dir), "%s/persner", sharepath);

	DefineCustomStringVariable("persner.model",
							   "Model used by the persner functions called without a model name.",
							   "A model name is a file <name>.model in persner.model_dir.",
							   &persner_model_guc,
							   "peyma",
							   PGC_USERSET,
							   0,
							   check_model_name, NULL, NULL);

	DefineCustomStringVariable("persner.model_dir",
							   "Directory holding the persner model files.",
							   NULL,
							   &persner_model_dir_guc,
							   default_model_dir,
							   PGC_SUSET,
							   0,
							   check_model_dir, NULL, NULL);

	MarkGUCPrefixReserved("persner");

	persner_cache_init();
	persner_core_mcxt = persner_cache_mcxt;
	persner_set_allocator(&pg_allocator);
	persner_set_interrupt(pg_core_interrupt);
}
