/*
 * model_cache.c - the models a backend uses: settings, name policy,
 * allocator seam, per-backend cache, persner_models()
 *
 * persner_cache_init (called from _PG_init) registers what the cache
 * needs, as pgvector's HnswInit does for its index: the settings
 * persner.model and persner.model_dir with their check hooks, and the
 * core's allocator.  Nothing else in the glue knows how a model name
 * becomes bytes.
 *
 * A model name becomes <persner.model_dir>/<name>.model (the name policy
 * keeps it inside the directory), and that file becomes a version through
 * the snapshot store (model_store.c): a verified, immutable copy that every
 * backend maps read-only and shares.  The administrator's file itself is
 * only ever read(), so any way of replacing it is safe.
 *
 * Per backend, each name has an entry holding the mapped version, its
 * tagger and the identity (device, inode, size, mtime, ctime) of the file
 * the version was read from.  Once per statement an entry is checked:
 *
 *   1. stat() the file; the same identity as the version held (trusted, or
 *      its header still naming the version) -> keep it;
 *   2. the identity another backend recorded -> map its snapshot, no read
 *      and no checksum (this is a fresh backend's path: one stat, one small
 *      read, one mmap);
 *   3. otherwise read and check the file, save the snapshot, record it.
 *
 * So every statement uses one whole version, and a statement that starts
 * after a replacement has finished uses the new one.  If the file is not a
 * valid model (being written, or left broken), the last valid version of
 * that path stays in force: the one the backend holds, else the one the
 * server last verified (its record); one WARNING per backend once the file
 * has stopped changing (2 s) and is still broken.  Only a path that was
 * never valid gives the error (XX001 ...; 55006 "is being replaced" if the
 * file changed while it was read).  A file that is gone (58P01) drops the
 * version: removing a model is how one withdraws it.
 *
 * Memory: the cache's hash table, models and taggers live in
 * persner_cache_mcxt under TopMemoryContext; the core allocates there
 * through the allocator seam.  Everything that can fail is done into
 * locals first and cleaned up before an ereport, so no failure leaks a
 * descriptor or a mapping.
 */
#include "persner_pg.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

char	   *persner_model_guc = NULL;
char	   *persner_model_dir_guc = NULL;
MemoryContext persner_core_mcxt = NULL;
MemoryContext persner_cache_mcxt = NULL;

/* boot value of persner.model_dir; must outlive the GUC machinery */
static char default_model_dir[MAXPGPATH];

/* true while _PG_init defines persner.model (see check_model_name) */
static bool defining_settings = false;

#define CACHE_KEY_LEN	256		/* > PERSNER_MAX_MODEL_NAME + 1 */

typedef struct CacheEntry
{
	char		name[CACHE_KEY_LEN];	/* hash key */
	char		path[MAXPGPATH];	/* file the version came from */
	PersnerVersion ver;			/* ver.model == NULL: nothing loaded */
	PersnerFileId id;			/* the file's identity when ver was checked */
	int64		checked_us;		/* when that check began */
	PersnerFileId bad_id;		/* a file found not to be a model ... */
	int64		bad_checked_us; /* ... and when */
	PersnerTagger *tagger;		/* created on first use */
	LocalTransactionId checked_lxid;	/* last check: this transaction ... */
	TimestampTz checked_stmt;	/* ... and this statement */
} CacheEntry;

static HTAB *model_cache = NULL;

/* ---------------------------------------------------------------------
 * The name policy and the settings
 * ---------------------------------------------------------------------
 */

/*
 * persner_name_problem - why a model name is refused, or NULL
 *
 * A model name becomes <model_dir>/<name>.model, so it must not be able to
 * leave the directory: no '/', no "..".  The same check runs in the check
 * hook and again whenever a name is used (explicit-name functions never go
 * through the hook).
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

/*
 * check_model_name - persner.model's check hook
 *
 * Like check_default_text_search_config: where a refusal reaches the user
 * as an ERROR (SET, and the validation of ALTER DATABASE/ROLE ... SET and
 * of a function's SET clause, PGC_S_TEST), the name must pass the policy
 * and <model_dir>/<name>.model must exist.  Elsewhere a refusal would only
 * log a WARNING and leave the default in force, so that a session would
 * silently tag with another model: a value from postgresql.conf, from
 * ALTER DATABASE/ROLE at session start, from the connection, or a SET made
 * before the library was loaded (re-applied by DefineCustomStringVariable)
 * is accepted as it is, and the first use of a bad or missing name is an
 * ERROR.  A user who asked for a model gets it or an ERROR.
 */
static bool
check_model_name(char **newval, void **extra, GucSource source)
{
	const char *problem;
	char		path[MAXPGPATH];
	struct stat st;

	if (defining_settings || source < PGC_S_INTERACTIVE)
		return true;
	problem = persner_name_problem(*newval);
	if (problem != NULL)
	{
		GUC_check_errdetail("%s", problem);
		GUC_check_errhint("Set persner.model to the name of a file <name>.model in persner.model_dir, as listed by persner_models().");
		return false;
	}
	if (persner_model_path(*newval, path) &&
		stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
	{
		GUC_check_errcode(ERRCODE_UNDEFINED_FILE);
		GUC_check_errmsg("persner model \"%s\" does not exist", *newval);
		GUC_check_errdetail("File \"%s\" was not found.", path);
		GUC_check_errhint("Model files are <name>.model in persner.model_dir; persner_models() lists them.");
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

void
persner_cache_init(void)
{
	static const PersnerAllocator pg_allocator = {pg_core_alloc, pg_core_free, NULL};
	char		sharepath[MAXPGPATH];
	HASHCTL		ctl;

	if (persner_cache_mcxt != NULL)
		return;

	get_share_path(my_exec_path, sharepath);
	snprintf(default_model_dir, sizeof(default_model_dir), "%s/persner", sharepath);
	DefineCustomStringVariable("persner.model_dir",
							   "Directory holding the persner model files.",
							   NULL,
							   &persner_model_dir_guc,
							   default_model_dir,
							   PGC_SUSET,
							   0,
							   check_model_dir, NULL, NULL);
	defining_settings = true;
	DefineCustomStringVariable("persner.model",
							   "Model used by the persner functions called without a model name.",
							   "A model name is a file <name>.model in persner.model_dir.",
							   &persner_model_guc,
							   "peyma",
							   PGC_USERSET,
							   0,
							   check_model_name, NULL, NULL);
	defining_settings = false;
	MarkGUCPrefixReserved("persner");

	persner_cache_mcxt = AllocSetContextCreate(TopMemoryContext,
											   "persner model cache",
											   ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = CACHE_KEY_LEN;
	ctl.entrysize = sizeof(CacheEntry);
	ctl.hcxt = persner_cache_mcxt;
	model_cache = hash_create("persner model cache", 8, &ctl,
							  HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);

	persner_core_mcxt = persner_cache_mcxt;
	persner_set_allocator(&pg_allocator);
}

/* ---------------------------------------------------------------------
 * Entries
 * ---------------------------------------------------------------------
 */

/*
 * persner_model_path - <persner.model_dir>/<name>.model into buf[MAXPGPATH];
 * false if it does not fit (the name is not checked)
 */
bool
persner_model_path(const char *name, char *buf)
{
	return persner_model_dir_guc != NULL &&
		snprintf(buf, MAXPGPATH, "%s/%s.model", persner_model_dir_guc, name) < MAXPGPATH;
}

/* model_path - persner_model_path, or ERROR for a bad name or a path too long */
static void
model_path(const char *name, char *buf)
{
	const char *problem = persner_name_problem(name);

	if (problem != NULL)
		persner_report_name(name, problem);
	if (!persner_model_path(name, buf))
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("path of persner model \"%s\" is too long", name)));
}

static CacheEntry *
entry_for(const char *name)
{
	bool		found;
	CacheEntry *e = (CacheEntry *) hash_search(model_cache, name, HASH_ENTER, &found);

	if (!found)
	{
		memset((char *) e + CACHE_KEY_LEN, 0, sizeof(CacheEntry) - CACHE_KEY_LEN);
		e->checked_lxid = InvalidLocalTransactionId;
	}
	return e;
}

static void
evict(CacheEntry *e)
{
	if (e->tagger != NULL)
		persner_tagger_free(e->tagger);
	e->tagger = NULL;
	persner_version_release(&e->ver);
	memset(&e->id, 0, sizeof(e->id));
	memset(&e->bad_id, 0, sizeof(e->bad_id));
	e->path[0] = '\0';
}

/* install - make v (owned by e from now on) the entry's version */
static void
install(CacheEntry *e, const char *path, PersnerVersion *v, const PersnerFileId *id,
		int64 checked_us)
{
	evict(e);
	strlcpy(e->path, path, MAXPGPATH);
	e->ver = *v;
	memset(v, 0, sizeof(*v));
	e->id = *id;
	e->checked_us = checked_us;
}

static void
warn_unsaved(const char *name)
{
	static bool warned = false;

	if (warned)
		return;
	warned = true;
	ereport(WARNING,
			(errcode_for_file_access(),
			 errmsg("could not save a snapshot of persner model \"%s\" under the data directory: %m", name),
			 errdetail("This backend uses a private copy of the model; other backends will read the file again."),
			 errhint("Check the space and permissions of directory \"pg_persner\" in the data directory.")));
}

/*
 * keep_through - whether a backend that holds a version of the model keeps
 * using it although its file could not be read now
 *
 * Only a file that is gone withdraws the model (58P01 next).  Out of
 * memory, too many open files, a permission or an I/O error may pass, so a
 * backend that holds a version keeps it, says so (WARNING), and tries the
 * file again at the next statement; nothing is cached about the failure.
 */
static bool
keep_through(CacheEntry *e, const char *name, const char *path, PersnerStatus ps, int err)
{
	if (e->ver.model == NULL || (ps == PERSNER_EIO && (err == ENOENT || err == ENOTDIR)))
		return false;
	ereport(WARNING,
			(errcode(ps == PERSNER_ENOMEM ? ERRCODE_OUT_OF_MEMORY : ERRCODE_IO_ERROR),
			 errmsg("could not read persner model \"%s\" at \"%s\": %s",
					persner_shown_name(name), path,
					ps == PERSNER_EIO && err != 0 ? strerror(err) : persner_strerror(ps)),
			 errdetail("persner goes on using the version it holds (checksum %016llx) and tries the file again at the next statement.",
					   (unsigned long long) e->ver.checksum)));
	return true;
}

/*
 * entry_resolve - make e hold the version of the model at path that this
 * statement must use (see the file comment)
 *
 * Returns true if it does.  Otherwise reports why at elevel (ERROR does
 * not return) and returns false.
 */
static bool
entry_resolve(CacheEntry *e, const char *name, const char *path, int elevel)
{
	struct stat st;
	PersnerFileId id,
				rid;
	PersnerVersion v;
	uint64		rsum = 0;
	int64		rchecked = 0,
				t0;
	bool		have_rec,
				changed = false,
				racy;
	PersnerStatus ps;
	int			err = 0;
	const char *detail = NULL,
			   *snap_detail;

	if (e->ver.model != NULL && strcmp(e->path, path) != 0)
		evict(e);				/* persner.model_dir changed */
	if (e->ver.model != NULL && e->checked_lxid == MyProc->lxid &&
		e->checked_stmt == GetCurrentStatementStartTimestamp())
		return true;

	if (stat(path, &st) != 0)
	{
		err = errno;
		if (keep_through(e, name, path, PERSNER_EIO, err))
			goto current;
		evict(e);
		persner_report_model(elevel, PERSNER_EIO, err, name, path, NULL);
		return false;
	}
	persner_file_id(&st, &id);

	/* 1. the version this backend holds */
	if (e->ver.model != NULL && persner_file_id_equal(&id, &e->id))
	{
		if (persner_file_id_trusted(&id, e->checked_us))
			goto current;
		t0 = persner_store_now_us();
		if (persner_store_peek_header(path, &id, e->ver.len, e->ver.checksum))
		{
			e->checked_us = t0;
			goto current;
		}
	}
	/* the file this backend already found broken, unchanged since */
	if (e->ver.model != NULL && persner_file_id_equal(&id, &e->bad_id) &&
		persner_file_id_trusted(&id, e->bad_checked_us))
		goto current;

	/* 2. the version another backend recorded */
	have_rec = persner_store_get_record(path, &rid, &rsum, &rchecked);
	if (have_rec && persner_file_id_equal(&id, &rid))
	{
		bool		ok = persner_file_id_trusted(&id, rchecked);

		if (!ok)
		{
			t0 = persner_store_now_us();
			ok = persner_store_peek_header(path, &id, rid.size, rsum);
			if (ok)
				rchecked = t0;
		}
		if (ok && e->ver.model != NULL && e->ver.checksum == rsum)
		{
			e->id = id;
			e->checked_us = rchecked;
			goto current;
		}
		if (ok && persner_store_map(rsum, rid.size, &v, &detail) == PERSNER_OK)
		{
			install(e, path, &v, &id, rchecked);
			goto current;
		}
	}

	/* 3. read and check the file */
	t0 = persner_store_now_us();
	ps = persner_store_read_source(path, &v, &id, &changed, &err, &detail);
	if (ps == PERSNER_OK)
	{
		bool		new_version = !(have_rec && rsum == v.checksum);

		if (e->ver.model != NULL && e->ver.checksum == v.checksum)
		{
			persner_version_release(&v);	/* same bytes, new identity */
			e->id = id;
			e->checked_us = t0;
		}
		else
		{
			if (!persner_store_save(&v))
				warn_unsaved(name);
			install(e, path, &v, &id, t0);
		}
		persner_store_put_record(path, &id, e->ver.checksum, t0, new_version);
		goto current;
	}

	/* 4. the file could not be read, or is not a valid model */
	if (ps == PERSNER_EIO || ps == PERSNER_ENOMEM)
	{
		if (keep_through(e, name, path, ps, err))
			goto current;
		evict(e);
		persner_report_model(elevel, ps, err, name, path, detail);
		return false;
	}
	racy = changed || !persner_file_id_trusted(&id, t0);
	if (e->ver.model == NULL && have_rec &&
		persner_store_map(rsum, rid.size, &v, &snap_detail) == PERSNER_OK)
		install(e, path, &v, &rid, rchecked);	/* the last version verified for this path */
	if (e->ver.model != NULL)
	{
		if (!racy)
		{
			if (!persner_file_id_equal(&id, &e->bad_id))
				ereport(WARNING,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg("persner model \"%s\" at \"%s\" is not a valid model: %s",
								persner_shown_name(name), path, persner_strerror(ps)),
						 errdetail("%s persner goes on using the last valid version of the file (checksum %016llx).",
								   detail ? detail : "", (unsigned long long) e->ver.checksum),
						 errhint("Replace it with a model file built by \"persner train\".")));
			e->bad_id = id;
			e->bad_checked_us = t0;
		}
		goto current;
	}
	if (changed)
		ereport(elevel,
				(errcode(ERRCODE_OBJECT_IN_USE),
				 errmsg("persner model \"%s\" is being replaced", name),
				 errdetail("File \"%s\" changed while it was read, and no earlier version of it is known.", path),
				 errhint("Retry the statement once the new file is in place.")));
	else
		persner_report_model(elevel, ps, err, name, path, detail);
	return false;

current:
	e->checked_lxid = MyProc->lxid;
	e->checked_stmt = GetCurrentStatementStartTimestamp();
	return true;
}

PersnerTagger *
persner_get_tagger(const char *name, const PersnerModel **model)
{
	char		path[MAXPGPATH];
	CacheEntry *e;
	PersnerStatus st;

	model_path(name, path);
	e = entry_for(name);
	(void) entry_resolve(e, name, path, ERROR);
	if (e->tagger == NULL)
	{
		/* core allocations for the tagger belong to the cache */
		Assert(persner_core_mcxt == persner_cache_mcxt);
		st = persner_tagger_create(e->ver.model, &e->tagger);
		if (st != PERSNER_OK)
		{
			e->tagger = NULL;
			persner_report_model(ERROR, st, 0, name, path, "The tagger could not be created.");
		}
	}
	*model = e->ver.model;
	return e->tagger;
}

/* ---------------------------------------------------------------------
 * persner_models() -> one row per <name>.model in persner.model_dir
 *
 * A file that cannot be opened (corrupt, wrong version, unreadable) still
 * gets a row, with its name and size and NULL labels, checksum, corpus
 * and dev_f1, plus a WARNING saying what is wrong with it: the listing is
 * where one looks for a broken model, so it must not hide it.  A listed
 * model is resolved like a used one (its snapshot made if need be), so
 * the checksum is that of the version the next statement would use.
 * "loaded" says whether this backend has tagged with it.  A dictionary
 * model (persner dict) also gets its base model's name and checksum and
 * its number of names.  The columns are those of the calling catalog: a
 * database still at 0.1.0 (seven columns) gets the first seven.
 * ---------------------------------------------------------------------
 */
#define MODEL_COLS	10

typedef struct ModelRow
{
	Datum		values[MODEL_COLS];
	bool		nulls[MODEL_COLS];
} ModelRow;

static void
model_row_fill(const PersnerModel *m, ModelRow *row)
{
	int			K = persner_model_ntypes(m);
	Datum	   *labels = palloc(sizeof(Datum) * Max(K, 1));
	const char *corpus = persner_model_meta(m, "corpus");
	const char *dev_f1 = persner_model_meta(m, "dev_f1");
	PersnerModelDict md;
	char		version[PERSNER_VERSION_LEN + 1];
	int			k;

	for (k = 0; k < K; k++)
		labels[k] = CStringGetTextDatum(persner_model_type(m, k));
	row->values[1] = PointerGetDatum(construct_array(labels, K, TEXTOID, -1, false, TYPALIGN_INT));
	row->nulls[1] = false;
	persner_model_version_text(m, version);
	row->values[3] = CStringGetTextDatum(version);
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
	if (persner_model_dict(m, &md))
	{
		row->values[7] = CStringGetTextDatum(md.base_model);
		row->nulls[7] = false;
		row->values[8] = CStringGetTextDatum(md.base_checksum);
		row->nulls[8] = false;
		row->values[9] = Int32GetDatum((int32) Min((uint64) md.entries + md.never, PG_INT32_MAX));
		row->nulls[9] = false;
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
		/* a file name is bytes; a model's name becomes text */
		if (!pg_verifymbstr(de->d_name, (int) len, true))
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
		char		path[MAXPGPATH];
		struct stat st;
		ModelRow	row;
		CacheEntry *e;
		int			c;

		CHECK_FOR_INTERRUPTS();
		model_path(names[i], path);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;			/* vanished, or a directory named x.model */
		for (c = 0; c < MODEL_COLS; c++)
		{
			row.values[c] = (Datum) 0;
			row.nulls[c] = true;
		}
		row.values[0] = CStringGetTextDatum(names[i]);
		row.nulls[0] = false;
		row.values[2] = Int64GetDatum((int64) st.st_size);
		row.nulls[2] = false;
		e = entry_for(names[i]);
		if (entry_resolve(e, names[i], path, WARNING))
			model_row_fill(e->ver.model, &row);
		row.values[4] = BoolGetDatum(e->tagger != NULL);
		row.nulls[4] = false;
		/* the columns the catalog asks for: seven at 0.1.0, ten from 0.2.0 */
		if (rsinfo->setDesc->natts != 7 && rsinfo->setDesc->natts != MODEL_COLS)
			elog(ERROR, "persner_models() has %d result columns, expected 7 or %d",
				 rsinfo->setDesc->natts, MODEL_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, row.values, row.nulls);
	}
	return (Datum) 0;
}
