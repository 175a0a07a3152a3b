/*
 * model_cache.c - per-backend model cache: name -> mmap'd file, model, tagger
 *
 * A model file is used in place: open(), fstat(), mmap(PROT_READ,
 * MAP_SHARED), close().  Every backend maps the same file, so the kernel
 * keeps one copy in the page cache and opening costs no parsing; the core's
 * persner_model_open validates the header, every section's bounds and the
 * checksum once, when the backend first maps the file.  Each model gets one
 * PersnerTagger (workspace + per-word cache) kept for the backend's life.
 *
 * Staleness: the entry remembers the file's device, inode, size and mtime.
 * At most once per statement it stat()s the path again; if anything
 * changed (a retrained model installed by rename, a new persner.model_dir)
 * the old mapping is dropped and the file reopened.  A model replaced by
 * rename keeps the old inode mapped until then, which is safe; truncating a
 * mapped model file in place is not (SIGBUS on access), so install models
 * by rename, as `install` does.
 *
 * Errors: everything that can fail is done into locals first and cleaned
 * up before the ereport, so a failed open leaks neither a descriptor nor a
 * mapping.  The cache's memory (hash table, models, taggers) is
 * persner_cache_mcxt under TopMemoryContext; the core allocates there
 * through the allocator seam (see persner.c).
 */
#include "persner_pg.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miscadmin.h"
#include "storage/fd.h"
#include "storage/proc.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "access/xact.h"

MemoryContext persner_cache_mcxt = NULL;

#define CACHE_KEY_LEN	256		/* > PERSNER_MAX_MODEL_NAME + 1 */

/* A file mapped and validated, not yet (or no longer) in the cache. */
typedef struct MappedModel
{
	void	   *map;			/* mmap'd bytes, or NULL */
	size_t		len;
	struct stat st;				/* of the file when it was mapped */
	PersnerModel *model;		/* view over map, or NULL */
} MappedModel;

typedef struct CacheEntry
{
	char		name[CACHE_KEY_LEN];	/* hash key */
	char		path[MAXPGPATH];	/* file the mapping came from */
	MappedModel mm;				/* mm.model == NULL: nothing loaded */
	PersnerTagger *tagger;
	LocalTransactionId checked_lxid;	/* last stat(): this transaction ... */
	TimestampTz checked_stmt;	/* ... and this statement */
} CacheEntry;

static HTAB *model_cache = NULL;

void
persner_cache_init(void)
{
	HASHCTL		ctl;

	if (persner_cache_mcxt != NULL)
		return;
	persner_cache_mcxt = AllocSetContextCreate(TopMemoryContext,
											   "persner model cache",
											   ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = CACHE_KEY_LEN;
	ctl.entrysize = sizeof(CacheEntry);
	ctl.hcxt = persner_cache_mcxt;
	model_cache = hash_create("persner model cache", 8, &ctl,
							  HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
}

/* model_path - <persner.model_dir>/<name>.model into buf[MAXPGPATH] */
static void
model_path(const char *name, char *buf)
{
	const char *problem = persner_name_problem(name);

	if (problem != NULL)
		persner_report_name(name, problem);
	if (snprintf(buf, MAXPGPATH, "%s/%s.model", persner_model_dir_guc, name) >= MAXPGPATH)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("path of persner model \"%s\" is too long", name)));
}

static void
unmap_model(MappedModel *mm)
{
	if (mm->model != NULL)
		persner_model_close(mm->model);
	if (mm->map != NULL)
		munmap(mm->map, mm->len);
	mm->model = NULL;
	mm->map = NULL;
	mm->len = 0;
}

/*
 * map_model - open, check, map and validate one model file
 *
 * Never ereports.  On failure returns a status (PERSNER_EIO with *err set
 * to errno for file-system failures), sets *detail (static sentence or
 * NULL), and leaves mm empty.
 */
static PersnerStatus
map_model(const char *path, MappedModel *mm, int *err, const char **detail)
{
	int			fd;
	PersnerStatus st;

	memset(mm, 0, sizeof(*mm));
	*err = 0;
	*detail = NULL;

	/* O_NONBLOCK: a FIFO named like a model must not block the backend */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
	{
		*err = errno;
		return PERSNER_EIO;
	}
	if (fstat(fd, &mm->st) != 0)
	{
		*err = errno;
		close(fd);
		return PERSNER_EIO;
	}
	if (S_ISDIR(mm->st.st_mode))
	{
		close(fd);
		*detail = "The path is a directory, not a model file.";
		return PERSNER_EFORMAT;
	}
	if (!S_ISREG(mm->st.st_mode))
	{
		close(fd);
		*detail = "The path is not a regular file.";
		return PERSNER_EFORMAT;
	}
	if (mm->st.st_size == 0)
	{
		close(fd);
		*detail = "The file is empty.";
		return PERSNER_EFORMAT;
	}
	if ((uint64) mm->st.st_size > (uint64) SIZE_MAX)
	{
		close(fd);
		*detail = "The file is too large to map.";
		return PERSNER_EFORMAT;
	}
	mm->len = (size_t) mm->st.st_size;
	mm->map = mmap(NULL, mm->len, PROT_READ, MAP_SHARED, fd, 0);
	if (mm->map == MAP_FAILED)
	{
		*err = errno;
		mm->map = NULL;
		mm->len = 0;
		close(fd);
		return PERSNER_EIO;
	}
	close(fd);					/* the mapping outlives the descriptor */

	st = persner_model_open(mm->map, mm->len, &mm->model, detail);
	if (st != PERSNER_OK)
	{
		mm->model = NULL;
		unmap_model(mm);
		return st;
	}
	return PERSNER_OK;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev &&
		a->st_ino == b->st_ino &&
		a->st_size == b->st_size &&
		a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
		a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void
evict(CacheEntry *e)
{
	if (e->tagger != NULL)
		persner_tagger_free(e->tagger);
	e->tagger = NULL;
	unmap_model(&e->mm);
	e->path[0] = '\0';
}

/*
 * entry_current - whether a loaded entry still matches the file at path
 *
 * stat()s at most once per statement; an entry found stale is evicted.
 */
static bool
entry_current(CacheEntry *e, const char *path)
{
	struct stat st;
	LocalTransactionId lxid = MyProc->lxid;
	TimestampTz stmt = GetCurrentStatementStartTimestamp();

	if (e->mm.model == NULL)
		return false;
	if (strcmp(e->path, path) != 0)
	{
		evict(e);
		return false;
	}
	if (e->checked_lxid == lxid && e->checked_stmt == stmt)
		return true;
	if (stat(path, &st) != 0 || !same_file(&st, &e->mm.st))
	{
		evict(e);
		return false;
	}
	e->checked_lxid = lxid;
	e->checked_stmt = stmt;
	return true;
}

PersnerTagger *
persner_get_tagger(const char *name, const PersnerModel **model)
{
	char		path[MAXPGPATH];
	CacheEntry *e;
	bool		found;
	MappedModel mm;
	PersnerTagger *tagger = NULL;
	PersnerStatus st;
	int			err;
	const char *detail;

	model_path(name, path);
	e = (CacheEntry *) hash_search(model_cache, name, HASH_ENTER, &found);
	if (!found)
	{
		memset(&e->mm, 0, sizeof(e->mm));
		e->path[0] = '\0';
		e->tagger = NULL;
		e->checked_lxid = InvalidLocalTransactionId;
		e->checked_stmt = 0;
	}
	if (entry_current(e, path))
	{
		*model = e->mm.model;
		return e->tagger;
	}

	/* core allocations for the model and tagger belong to the cache */
	Assert(persner_core_mcxt == persner_cache_mcxt);
	st = map_model(path, &mm, &err, &detail);
	if (st == PERSNER_OK)
	{
		st = persner_tagger_create(mm.model, &tagger);
		if (st != PERSNER_OK)
		{
			unmap_model(&mm);
			detail = "The tagger could not be created.";
		}
	}
	if (st != PERSNER_OK)
		persner_report_model(ERROR, st, err, name, path, detail);

	strlcpy(e->path, path, MAXPGPATH);
	e->mm = mm;
	e->tagger = tagger;
	e->checked_lxid = MyProc->lxid;
	e->checked_stmt = GetCurrentStatementStartTimestamp();
	*model = e->mm.model;
	return e->tagger;
}

bool
persner_model_loaded(const char *name)
{
	CacheEntry *e;

	if (strlen(name) >= CACHE_KEY_LEN)
		return false;
	e = (CacheEntry *) hash_search(model_cache, name, HASH_FIND, NULL);
	return e != NULL && e->mm.model != NULL;
}

bool
persner_model_peek(const char *name, const char *path, PersnerPeekFn fn, void *arg)
{
	CacheEntry *e = NULL;
	MappedModel mm;
	PersnerStatus st;
	int			err;
	const char *detail;

	if (strlen(name) < CACHE_KEY_LEN)
		e = (CacheEntry *) hash_search(model_cache, name, HASH_FIND, NULL);
	if (e != NULL && entry_current(e, path))
	{
		fn(e->mm.model, arg);
		return true;
	}

	st = map_model(path, &mm, &err, &detail);
	if (st != PERSNER_OK)
	{
		persner_report_model(WARNING, st, err, name, path, detail);
		return false;
	}
	PG_TRY();
	{
		fn(mm.model, arg);
	}
	PG_FINALLY();
	{
		unmap_model(&mm);
	}
	PG_END_TRY();
	return true;
}
