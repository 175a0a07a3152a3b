/*
 * modelfile.c - open, check, map and validate one model file
 */
#include "modelfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* the file behind fd as a model: mapped and validated, or why not */
static PersnerStatus
map_fd(int fd, PersnerModelFile *mf, int *err, const char **detail)
{
	PersnerStatus st;

	if (fstat(fd, &mf->st) != 0)
	{
		*err = errno;
		return PERSNER_EIO;
	}
	if ((st = persner_model_file_check(&mf->st, SIZE_MAX, detail)) != PERSNER_OK)
		return st;
	mf->len = (size_t) mf->st.st_size;
	mf->map = mmap(NULL, mf->len, PROT_READ, MAP_SHARED, fd, 0);
	if (mf->map == MAP_FAILED)
	{
		*err = errno;
		mf->map = NULL;
		return PERSNER_EIO;
	}
	st = persner_model_open(mf->map, mf->len, &mf->model, detail);
	if (st != PERSNER_OK)
		mf->model = NULL;
	return st;
}

PersnerStatus
persner_model_file_check(const struct stat *st, uint64_t max_bytes, const char **detail)
{
	if (S_ISDIR(st->st_mode))
		*detail = "The path is a directory, not a model file.";
	else if (!S_ISREG(st->st_mode))
		*detail = "The path is not a regular file.";
	else if (st->st_size == 0)
		*detail = "The file is empty.";
	else if ((uint64_t) st->st_size > max_bytes)
		*detail = "The file is too large for a model.";
	else
		return PERSNER_OK;
	return PERSNER_EFORMAT;
}

PersnerStatus
persner_model_map(const char *path, PersnerModelFile *mf, int *err, const char **detail)
{
	int			fd;
	PersnerStatus st;

	memset(mf, 0, sizeof(*mf));
	*err = 0;
	*detail = NULL;
	/* O_NONBLOCK: a FIFO named like a model must not block the caller */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
	{
		*err = errno;
		return PERSNER_EIO;
	}
	st = map_fd(fd, mf, err, detail);
	close(fd);					/* the mapping outlives the descriptor */
	if (st != PERSNER_OK)
		persner_model_unmap(mf);
	return st;
}

void
persner_model_unmap(PersnerModelFile *mf)
{
	if (mf->model != NULL)
		persner_model_close(mf->model);
	if (mf->map != NULL)
		munmap(mf->map, mf->len);
	memset(mf, 0, sizeof(*mf));
}
