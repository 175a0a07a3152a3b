/*
 * persner_pg.h - what the PostgreSQL glue files share with each other
 *
 * The glue is one concern a file:
 *
 *   persner.c      PG_MODULE_MAGIC and _PG_init, which calls each part's init
 *   model_cache.c  settings (persner.model, persner.model_dir), the model-name
 *                  policy, the allocator seam, the per-backend cache (name ->
 *                  version + tagger), persner_models()
 *   model_store.c  verified, immutable snapshots of model files under
 *                  $PGDATA/pg_persner, shared by every backend
 *   errors.c       core status / file errors -> ereport, in one place
 *   functions.c    the sentence loop and the SQL-callable tagging functions
 *   headline.c     persner_headline and its option parser
 *   keys.c         persner_entity_keys
 *   values.c       persner_values
 *   model_version.c persner_model_version
 *   tsearch.c      the text search template "persian" (persner_canonical)
 *   entity.c       the entity base type
 *   entity_set.c   collecting entity values into a sorted, distinct entity[]
 *
 * Only this directory includes postgres.h; the core (src/core) never does.
 */
#ifndef PERSNER_PG_H
#define PERSNER_PG_H

#include "postgres.h"

#include <sys/stat.h>

#include "fmgr.h"

#include "labels.h"
#include "persner.h"

/* ---------------------------------------------------------------------
 * model_cache.c: settings, name policy, allocator seam, the cache
 * ---------------------------------------------------------------------
 */
extern char *persner_model_guc;		/* persner.model: a model name */
extern char *persner_model_dir_guc;	/* persner.model_dir: a directory */

/* longest model name accepted (a file name needs room for ".model") */
#define PERSNER_MAX_MODEL_NAME	200

/*
 * persner_cache_init - register the settings and the core's allocator and
 * create the cache; called once, from _PG_init
 */
extern void persner_cache_init(void);

/* the type of argument argno of this call (persner.c) */
extern Oid	persner_arg_type(FunctionCallInfo fcinfo, int argno);

/* persner_name_problem - why a model name is refused, or NULL if it is fine */
extern const char *persner_name_problem(const char *name);
/* <persner.model_dir>/<name>.model into buf[MAXPGPATH]; false if too long */
extern bool persner_model_path(const char *name, char *buf);

/*
 * Every core allocation goes to persner_core_mcxt through
 * MemoryContextAllocExtended(..., MCXT_ALLOC_NO_OOM), so the core sees NULL
 * (and returns PERSNER_ENOMEM) instead of a longjmp.  Its resting value is
 * the model cache context: taggers and models live as long as the backend.
 * Around a core call whose result is short-lived (persner_canonical), switch
 * it to CurrentMemoryContext and back; the core never ereports, and its
 * interrupt hook (persner.c) puts the resting value back before it can
 * longjmp, so an error between the two switches leaves nothing dangling.
 */
extern MemoryContext persner_core_mcxt;
extern MemoryContext persner_cache_mcxt;

static inline MemoryContext
persner_core_switch(MemoryContext cxt)
{
	MemoryContext old = persner_core_mcxt;

	persner_core_mcxt = cxt;
	return old;
}

/*
 * persner_get_tagger - the backend's tagger for the named model
 *
 * Resolves <persner.model_dir>/<name>.model to a version once per
 * statement (model_cache.c says how); ereports on any failure.  The tagger
 * and model stay valid until the end of the statement.
 */
extern PersnerTagger *persner_get_tagger(const char *name, const PersnerModel **model);

/* ---------------------------------------------------------------------
 * model_store.c: snapshots
 * ---------------------------------------------------------------------
 */

/* what identifies one version of a file without reading it */
typedef struct PersnerFileId
{
	uint64		dev;
	uint64		ino;
	uint64		size;
	int64		mtime_ns;
	int64		ctime_ns;
} PersnerFileId;

/*
 * An identity is trusted only if the file last changed this long before
 * the check that recorded it (file times are coarser than writes; see
 * model_store.c)
 */
#define PERSNER_STORE_RACY_US	INT64CONST(2000000)

/* one model version in memory: a shared mapping of a snapshot, or a private copy */
typedef struct PersnerVersion
{
	void	   *map;
	size_t		len;			/* the model's bytes */
	size_t		maplen;			/* the mapping's (a snapshot is padded) */
	bool		shared;			/* mapping of pg_persner/<checksum>.model */
	uint64		checksum;
	PersnerModel *model;		/* view over map */
} PersnerVersion;

extern int64 persner_store_now_us(void);
extern void persner_file_id(const struct stat *st, PersnerFileId *id);
extern bool persner_file_id_equal(const PersnerFileId *a, const PersnerFileId *b);
extern bool persner_file_id_trusted(const PersnerFileId *id, int64 checked_us);
extern void persner_version_release(PersnerVersion *v);

/* the record of the last version checked for a source path, if any */
extern bool persner_store_get_record(const char *path, PersnerFileId *id,
									 uint64 *checksum, int64 *checked_us);
extern void persner_store_put_record(const char *path, const PersnerFileId *id,
									 uint64 checksum, int64 checked_us, bool new_version);
/* map the snapshot of a version (no checksum pass); PERSNER_EIO if absent */
extern PersnerStatus persner_store_map(uint64 checksum, uint64 size, PersnerVersion *v,
									   const char **detail);
/* write v's snapshot and switch v to a shared mapping of it; false (errno) if not */
extern bool persner_store_save(PersnerVersion *v);
/* whether the file still has identity id and a header naming (size, checksum) */
extern bool persner_store_peek_header(const char *path, const PersnerFileId *id,
									  uint64 size, uint64 checksum);
/* read() and fully check a model file into a private copy */
extern PersnerStatus persner_store_read_source(const char *path, PersnerVersion *v,
											   PersnerFileId *id, bool *changed,
											   int *err, const char **detail);

/* ---------------------------------------------------------------------
 * errors.c
 * ---------------------------------------------------------------------
 */

/*
 * persner_report_model - report a failure to open a model file
 *
 * st is a core status (PERSNER_EFORMAT, PERSNER_EVERSION, ...) or
 * PERSNER_EIO for a file-system failure, in which case saved_errno says
 * which (ENOENT, EACCES, EISDIR ...).  detail is a sentence or NULL.
 * At elevel ERROR it does not return.
 */
extern void persner_report_model(int elevel, PersnerStatus st, int saved_errno,
								 const char *name, const char *path,
								 const char *detail);

/* persner_report - ereport(ERROR) for a core status outside model opening */
extern void persner_report(PersnerStatus st, const char *what) pg_attribute_noreturn();

/* persner_report_name - ereport(ERROR) for a refused model name */
extern void persner_report_name(const char *name, const char *problem) pg_attribute_noreturn();

/* persner_shown_name - a model name as error messages quote it (long ones cut) */
extern const char *persner_shown_name(const char *name);

/* ---------------------------------------------------------------------
 * functions.c: the sentence loop
 * ---------------------------------------------------------------------
 */

/* One sentence as the tagger gives it (every pointer valid until the next sentence). */
typedef struct PersnerSentence
{
	const PersnerModel *m;
	const char *doc;			/* the whole document: offsets are into it */
	const PersnerEntity *ents;	/* [nents] */
	size_t		nents;
	const PersnerTokenInfo *toks;	/* [ntoks], only with want_tokens */
	size_t		ntoks;
} PersnerSentence;

/* Called once per sentence, in a context reset after each sentence. */
typedef void (*PersnerSentenceFn) (void *arg, const PersnerSentence *sentence);

/*
 * persner_tag_document - run the named model's tagger over doc, calling fn
 * for each sentence
 *
 * The one sentence loop of the extension: every tagging function goes
 * through it.  want_tokens asks for per-token information too; without
 * want_scores the tagger skips forward-backward (scores read 1).  The
 * core's interrupt hook (persner.c) runs at every sentence and inside long
 * ones; ereports on any core failure.
 */
extern void persner_tag_document(const char *model_name, text *doc, bool want_tokens,
								 bool want_scores, PersnerSentenceFn fn, void *arg);

/* ---------------------------------------------------------------------
 * entity.c
 * ---------------------------------------------------------------------
 */

/*
 * The labels an entity may carry: the types of labels.h, indexed by their
 * entity id.  The stored id must never change meaning (labels.h gives a new
 * type the next id); the sort order is by label name, not by id, so adding
 * keeps btree order stable.
 */
#define PERSNER_ENTITY_NLABELS	PERSNER_NTYPES
extern const char *const persner_entity_labels[PERSNER_ENTITY_NLABELS];

/* persner_entity_label_id - id of a label (any ASCII case), or -1 */
extern int	persner_entity_label_id(const char *label, size_t len);

/* persner_entity_label_list - "DAT, EVE, FAC, ...": every label, sorted, for messages */
extern const char *persner_entity_label_list(void);

/*
 * persner_entity_make - an entity value from a label id and a name
 *
 * The name is canonicalized with persner_canonical; when nothing is left
 * the result is NULL (entity input then reports invalid_text_representation,
 * the tagging functions skip the span).  ereports on invalid UTF-8 or out of
 * memory.  Result palloc'd in CurrentMemoryContext.
 */
extern struct varlena *persner_entity_make(int label_id, const char *name, size_t len);

/* persner_entity_compare - btree order: label name, then name bytewise */
extern int	persner_entity_compare(const struct varlena *a, const struct varlena *b);

/* ---------------------------------------------------------------------
 * entity_set.c: the entity[] of persner_entities and persner_entity_keys
 * ---------------------------------------------------------------------
 */
typedef struct PersnerEntitySet
{
	MemoryContext cxt;			/* where the values and the array live */
	Datum	   *vals;			/* [cap] entity values */
	int			n;
	int			cap;
	int			label_ids[PERSNER_MAX_TYPES];	/* model type -> entity label id, or -1 */
} PersnerEntitySet;

/* persner_entity_set_init - an empty set for model m, in CurrentMemoryContext */
extern void persner_entity_set_init(PersnerEntitySet *set, const PersnerModel *m);

/*
 * persner_entity_set_label - the entity label id of model type 'type';
 * ereports (feature_not_supported) when the entity type has no such label
 */
extern int	persner_entity_set_label(const PersnerEntitySet *set, const PersnerModel *m,
									 int type);

/* persner_entity_set_add - the entity (label_id, canonical form of name), unless empty */
extern void persner_entity_set_add(PersnerEntitySet *set, int label_id, const char *name,
								   size_t len);

/*
 * persner_entity_set_result - the set, sorted and distinct, as an array of
 * the element type of the calling function's result (entity[])
 */
extern Datum persner_entity_set_result(PersnerEntitySet *set, FunctionCallInfo fcinfo);

#endif							/* PERSNER_PG_H */
