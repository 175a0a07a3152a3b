/*
 * modelfile.h - a model file opened, checked, mapped and validated (modelfile.c)
 *
 * How bin/persner and the tests open a model file (the extension never maps
 * an administrator's file: src/pg/model_store.c reads it, checks it and maps
 * a snapshot of it, with the same refusals).  It never blocks on a FIFO (O_NONBLOCK),
 * refuses anything but a non-empty regular file, maps it read-only and
 * shared (the page cache holds one copy for every process), and validates
 * it with persner_model_open, so a hostile or half-written file gives a
 * status, never a crash.
 */
#ifndef PERSNER_MODELFILE_H
#define PERSNER_MODELFILE_H

#include <sys/stat.h>

#include "persner.h"

typedef struct PersnerModelFile
{
	void	   *map;			/* the mapped bytes, or NULL */
	size_t		len;
	struct stat st;				/* the file as opened: to notice a replacement */
	PersnerModel *model;		/* the validated view over map, or NULL */
} PersnerModelFile;

/*
 * persner_model_map - open path into mf (caller-owned struct)
 *
 * Returns PERSNER_OK; PERSNER_EIO with *err = errno when the file system
 * fails (no such file, no permission, mmap); or the status of the check that
 * failed with *detail a static sentence saying why ("The path is a
 * directory, not a model file.", or persner_model_open's detail; may be
 * NULL).  On failure mf is left empty.  Allocates only through
 * persner_model_open.
 */
PersnerStatus persner_model_map(const char *path, PersnerModelFile *mf, int *err,
								const char **detail);

/*
 * persner_model_file_check - whether a file (its fstat) may hold a model of
 * at most max_bytes: PERSNER_OK, or PERSNER_EFORMAT with *detail a static
 * sentence (a directory, not a regular file, empty, too large).  The one
 * list of what a model file must be, for persner_model_map and the
 * extension's model store.
 */
PersnerStatus persner_model_file_check(const struct stat *st, uint64_t max_bytes,
									   const char **detail);

/* persner_model_unmap - close the model and unmap the file; mf is left empty */
void		persner_model_unmap(PersnerModelFile *mf);

#endif							/* PERSNER_MODELFILE_H */
