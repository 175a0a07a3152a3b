/*
 * persner_pg.h - what the PostgreSQL glue files share with each other
 *
 * The glue is five files, one concern each:
 *
 *   persner.c      PG_MODULE_MAGIC, _PG_init, the GUCs, the allocator seam
 *   errors.c       core status / file errors -> ereport, in one place
 *   model_cache.c  per-backend cache: model name -> mmap + model + tagger
 *   entity.c       the entity base type
 *   functions.c    the SQL-callable tagging functions
 *
 * Only this directory includes postgres.h; the core (src/core) never does.
 */
#ifndef PERSNER_PG_H
#define PERSNER_PG_H

#include "postgres.h"

#include "labels.h"
#include "persner.h"

/* ---------------------------------------------------------------------
 * persner.c: settings and the allocator seam
 * ---------------------------------------------------------------------
 */
extern char *persner_model_guc;		/* persner.model: a model name */
extern char *persner_model_dir_guc;	/* persner.model_dir: a directory */

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

static inline MemoryContext
persner_core_switch(MemoryContext cxt)
{
	MemoryContext old = persner_core_mcxt;

	persner_core_mcxt = cxt;
	return old;
}

/* persner_name_problem - why a model name is refused, or NULL if it is fine */
extern const char *persner_name_problem(const char *name);

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

/* ---------------------------------------------------------------------
 * model_cache.c
 * ---------------------------------------------------------------------
 */
extern MemoryContext persner_cache_mcxt;

extern void persner_cache_init(void);

/*
 * persner_get_tagger - the backend's tagger for the named model
 *
 * Opens (or reopens, if the file changed) <persner.model_dir>/<name>.model;
 * ereports on any failure.  The tagger and model stay valid until the next
 * persner_get_tagger call for the same name.
 */
extern PersnerTagger *persner_get_tagger(const char *name, const PersnerModel **model);

/* persner_model_loaded - whether this backend holds an open model by that name */
extern bool persner_model_loaded(const char *name);

/*
 * persner_model_peek - open a model file just to read its header
 *
 * Uses the cached model when it is loaded and current; otherwise maps the
 * file, calls fn(model, arg), and unmaps it.  Never ereports at ERROR:
 * returns false (after a WARNING saying why) if the file cannot be opened.
 */
typedef void (*PersnerPeekFn) (const PersnerModel *m, void *arg);
extern bool persner_model_peek(const char *name, const char *path,
							   PersnerPeekFn fn, void *arg);

/* ---------------------------------------------------------------------
 * functions.c: the sentence loop
 * ---------------------------------------------------------------------
 */

/* Called once per sentence, in a context reset after each sentence. */
typedef void (*PersnerSentenceFn) (void *arg, const PersnerModel *m, const char *doc,
								   const PersnerEntity *ents, size_t nents,
								   const PersnerTokenInfo *toks, size_t ntoks);

/*
 * persner_tag_document - run the named model's tagger over doc, calling fn
 * for each sentence
 *
 * The one sentence loop of the extension: every tagging function goes
 * through it.  want_tokens asks for per-token information too; without
 * want_scores the tagger skips forward-backward (scores read 1).  Checks
 * for interrupts between sentences; ereports on any core failure.
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

#endif							/* PERSNER_PG_H */
