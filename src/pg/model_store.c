/*
 * model_store.c - verified, immutable copies of model files, shared by every backend
 *
 * A backend never maps the administrator's model file, because cp, cat >,
 * truncate, rsync --inplace and scp all rewrite a file in place, and a
 * mapping of a file that shrinks under it dies with SIGBUS (taking the
 * cluster through crash recovery).  Instead:
 *
 *   1. The first backend to meet a new version of <model_dir>/<name>.model
 *      read()s it into private memory (never mmap), with fstat() before and
 *      after; persner_model_open checks it whole, checksum included.
 *   2. It writes the bytes, unchanged, to a snapshot in the server's own
 *      directory, $PGDATA/pg_persner/<checksum>.model: a temporary file,
 *      fsync, mode 0400, rename (atomic, so backends racing to write the
 *      same version are harmless: both write the same bytes).
 *   3. It records the source's identity (path, device, inode, size, mtime
 *      and ctime to the nanosecond) with the checksum and the time it
 *      checked, in a small record file per source path,
 *      pg_persner/src-<hash of path>.rec (again written by rename; a record
 *      carries its own checksum, so a torn one is ignored).
 *   4. Every backend maps the snapshot read-only, MAP_SHARED: the pages are
 *      shared through the page cache, and nobody ever writes that file
 *      again.  The snapshot is the model's bytes padded with zeros to a
 *      multiple of 2 MB, written 2 MB at a time: the page cache can then
 *      hold it in huge folios, which the kernel maps with one page-table
 *      entry per 2 MB.  A fresh backend's first sentence touches a few
 *      hundred scattered pages of the model, and on a virtual machine each
 *      first touch of a 4 kB mapping costs microseconds (see README,
 *      "first call"); with huge mappings it costs a few.  A backend that finds a record matching the identity the
 *      source has now maps the snapshot without reading the source and
 *      without a checksum pass (persner_model_open_verified): one check per
 *      version, not per backend.
 *
 * Racy files.  File times are coarse (the kernel stamps them from a clock
 * that ticks every few ms; some file systems keep whole seconds), so two
 * versions written within one tick can have the same identity.  As git
 * does for its index, an identity is trusted only if the file last changed
 * (ctime) at least PERSNER_STORE_RACY_US before the check that recorded
 * it; ctime cannot be set by a user, and any later write moves it past the
 * recorded one.  A version checked sooner than that is "racy": whoever
 * relies on it re-reads the file's 40-byte header (size and checksum) and
 * uses the snapshot only if the header still names it.  A file being
 * written names either the old version, a version whose snapshot it does
 * not match (then it is read whole), or is not yet a valid model.
 *
 * Garbage.  When a backend records a new version it deletes the records of
 * model files that no longer exist, then snapshots that no record names any
 * more and that are older than a minute.  Unlinking a
 * mapped file is harmless (the pages live until the last munmap), and a
 * backend that finds a snapshot gone reads the source again.
 *
 * Nothing here ereports at ERROR but the garbage collector's palloc, which
 * runs with no descriptor open: functions return a status (and errno, a
 * detail sentence) and leave no descriptor or mapping behind, so the cache
 * can clean up and decide what to report.  Files are opened with
 * BasicOpenFile, which frees one of PostgreSQL's cached descriptors and
 * retries when the process has run out of them.
 */
#include "persner_pg.h"
#include "modelfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/file_perm.h"
#include "common/hashfn.h"
#include "miscadmin.h"
#include "storage/fd.h"

#define STORE_DIR			"pg_persner"
#define RECORD_MAGIC		"PNSREC01"
#define STORE_GC_AGE_S		60
#define STORE_MAX_BYTES		((size_t) 1 << 31)	/* 2 GB: far above any model */
#define STORE_CHUNK			((size_t) 2 << 20)	/* a huge page: the unit of writes and padding */
#define STORE_PADDED(n)		(((n) + STORE_CHUNK - 1) & ~(STORE_CHUNK - 1))

/* the record of one source path; fixed size, written whole by rename */
typedef struct StoreRecord
{
	char		magic[8];
	PersnerFileId id;
	uint64		checksum;		/* of the version read */
	int64		checked_us;		/* when the check began (CLOCK_REALTIME) */
	char		path[MAXPGPATH];
	uint64		self;			/* hash of everything above */
} StoreRecord;

int64
persner_store_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
persner_file_id(const struct stat *st, PersnerFileId *id)
{
	memset(id, 0, sizeof(*id));
	id->dev = (uint64) st->st_dev;
	id->ino = (uint64) st->st_ino;
	id->size = (uint64) st->st_size;
	id->mtime_ns = (int64) st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	id->ctime_ns = (int64) st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
}

bool
persner_file_id_equal(const PersnerFileId *a, const PersnerFileId *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

bool
persner_file_id_trusted(const PersnerFileId *id, int64 checked_us)
{
	return id->ctime_ns / 1000 < checked_us - PERSNER_STORE_RACY_US;
}

void
persner_version_release(PersnerVersion *v)
{
	if (v->model != NULL)
		persner_model_close(v->model);
	if (v->map != NULL)
		munmap(v->map, v->maplen);
	memset(v, 0, sizeof(*v));
}

/* ---------------------------------------------------------------------
 * The store directory and its file names
 * ---------------------------------------------------------------------
 */
static bool
store_dir_ready(void)
{
	static bool ready = false;

	if (ready)
		return true;
	if (mkdir(STORE_DIR, pg_dir_create_mode) != 0 && errno != EEXIST)
		return false;
	ready = true;
	return true;
}

static void
snapshot_name(uint64 checksum, char *buf)
{
	snprintf(buf, MAXPGPATH, STORE_DIR "/%016llx.model", (unsigned long long) checksum);
}

static void
record_name(const char *path, char *buf)
{
	uint64		h = hash_bytes_extended((const unsigned char *) path, strlen(path), 0x7065726e);

	snprintf(buf, MAXPGPATH, STORE_DIR "/src-%016llx.rec", (unsigned long long) h);
}

static uint64
record_hash(const StoreRecord *r)
{
	return hash_bytes_extended((const unsigned char *) r, offsetof(StoreRecord, self), 0x72656364);
}

/* write_chunk - write len bytes at the file offset; false with errno set on failure */
static bool
write_chunk(int fd, const char *p, size_t len)
{
	while (len > 0)
	{
		ssize_t		n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			if (n == 0)
				errno = ENOSPC;
			return false;
		}
		p += n;
		len -= n;
	}
	return true;
}

/*
 * write_all - write len bytes, then zeros up to padded, in STORE_CHUNK
 * writes (each one a candidate for one huge folio of the page cache); false
 * with errno set on failure
 */
static bool
write_all(int fd, const void *buf, size_t len, size_t padded)
{
	const char *p = buf;
	size_t		off;

	for (off = 0; off + STORE_CHUNK <= len; off += STORE_CHUNK)
		if (!write_chunk(fd, p + off, STORE_CHUNK))
			return false;
	if (off < padded)
	{
		/* the last chunk, zero-padded, in one write (malloc: nothing here ereports) */
		size_t		n = Min(padded, off + STORE_CHUNK) - off;
		char	   *last = calloc(1, n);
		bool		ok;

		if (last == NULL)
		{
			errno = ENOMEM;
			return false;
		}
		memcpy(last, p + off, len - off);
		ok = write_chunk(fd, last, n);
		free(last);
		return ok;
	}
	return true;
}

/*
 * install_file - write bytes (then zeros up to padded) to tmp, fsync, rename
 * to final; fsync the directory if durable.  false (errno set) on failure,
 * tmp removed.
 */
static bool
install_file(const char *final, const void *bytes, size_t len, size_t padded, mode_t mode,
			 bool durable)
{
	static uint32 counter = 0;
	char		tmp[MAXPGPATH];
	int			fd,
				save;

	snprintf(tmp, sizeof(tmp), STORE_DIR "/tmp-%d-%u", MyProcPid, ++counter);
	fd = BasicOpenFilePerm(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return false;
	if (!write_all(fd, bytes, len, padded) || (durable && fsync(fd) != 0))
	{
		save = errno;
		close(fd);
		unlink(tmp);
		errno = save;
		return false;
	}
	if (close(fd) != 0 || rename(tmp, final) != 0)
	{
		save = errno;
		unlink(tmp);
		errno = save;
		return false;
	}
	if (durable)
	{
		fd = BasicOpenFile(STORE_DIR, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
		{
			(void) fsync(fd);
			close(fd);
		}
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------
 */
bool
persner_store_get_record(const char *path, PersnerFileId *id, uint64 *checksum,
						 int64 *checked_us)
{
	char		name[MAXPGPATH];
	StoreRecord r;
	int			fd;
	ssize_t		n;

	record_name(path, name);
	fd = BasicOpenFile(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, &r, sizeof(r));
	close(fd);
	if (n != sizeof(r) || memcmp(r.magic, RECORD_MAGIC, 8) != 0 ||
		r.self != record_hash(&r) || strncmp(r.path, path, MAXPGPATH) != 0)
		return false;
	*id = r.id;
	*checksum = r.checksum;
	*checked_us = r.checked_us;
	return true;
}

/* store_gc - drop snapshots no record names, and stale temporary files */
static void
store_gc(void)
{
	DIR		   *d;
	struct dirent *de;
	uint64	   *keep = NULL;
	int			nkeep = 0,
				cap = 0,
				i;
	time_t		now = time(NULL);

	/* the checksums the records name */
	d = AllocateDir(STORE_DIR);
	while (d != NULL && (de = ReadDirExtended(d, STORE_DIR, LOG)) != NULL)
	{
		char		name[MAXPGPATH];
		StoreRecord r;
		int			fd;
		bool		ok;

		if (strncmp(de->d_name, "src-", 4) != 0)
			continue;
		snprintf(name, sizeof(name), STORE_DIR "/%s", de->d_name);
		fd = BasicOpenFile(name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ok = read(fd, &r, sizeof(r)) == sizeof(r) && r.self == record_hash(&r);
		close(fd);				/* before anything that may ereport */
		if (ok)
		{
			struct stat st;

			if (stat(r.path, &st) != 0 && errno == ENOENT)
			{
				/* the model file is gone: so is the reason to keep its record */
				(void) unlink(name);
				continue;
			}
			if (nkeep == cap)
			{
				cap = cap ? 2 * cap : 16;
				keep = keep ? repalloc(keep, cap * sizeof(uint64)) : palloc(cap * sizeof(uint64));
			}
			keep[nkeep++] = r.checksum;
		}
	}
	if (d != NULL)
		FreeDir(d);

	d = AllocateDir(STORE_DIR);
	while (d != NULL && (de = ReadDirExtended(d, STORE_DIR, LOG)) != NULL)
	{
		char		name[MAXPGPATH];
		struct stat st;
		unsigned long long ck;
		char	   *end;
		bool		kept = false;

		snprintf(name, sizeof(name), STORE_DIR "/%s", de->d_name);
		if (strncmp(de->d_name, "tmp-", 4) == 0)
		{
			if (stat(name, &st) == 0 && now - st.st_mtime > STORE_GC_AGE_S)
				(void) unlink(name);
			continue;
		}
		if (strlen(de->d_name) != 16 + 6 || strcmp(de->d_name + 16, ".model") != 0)
			continue;
		ck = strtoull(de->d_name, &end, 16);
		if (end != de->d_name + 16)
			continue;
		for (i = 0; i < nkeep; i++)
			if (keep[i] == (uint64) ck)
				kept = true;
		if (!kept && stat(name, &st) == 0 && now - st.st_mtime > STORE_GC_AGE_S)
			(void) unlink(name);
	}
	if (d != NULL)
		FreeDir(d);
	if (keep != NULL)
		pfree(keep);
}

void
persner_store_put_record(const char *path, const PersnerFileId *id, uint64 checksum,
						 int64 checked_us, bool new_version)
{
	char		name[MAXPGPATH];
	StoreRecord r;

	if (!store_dir_ready())
		return;
	memset(&r, 0, sizeof(r));
	memcpy(r.magic, RECORD_MAGIC, 8);
	r.id = *id;
	r.checksum = checksum;
	r.checked_us = checked_us;
	strlcpy(r.path, path, sizeof(r.path));
	r.self = record_hash(&r);
	record_name(path, name);
	/* not fsync'd: a record lost in a crash costs one more check, a torn one fails r.self */
	if (!install_file(name, &r, sizeof(r), sizeof(r), S_IRUSR | S_IWUSR, false))
		elog(DEBUG1, "persner: could not record model \"%s\": %m", path);
	else if (new_version)
		store_gc();
}

/* ---------------------------------------------------------------------
 * Snapshots
 * ---------------------------------------------------------------------
 */
PersnerStatus
persner_store_map(uint64 checksum, uint64 size, PersnerVersion *v, const char **detail)
{
	char		name[MAXPGPATH];
	struct stat st;
	int			fd;
	PersnerStatus ps;

	memset(v, 0, sizeof(*v));
	*detail = NULL;
	snapshot_name(checksum, name);
	fd = BasicOpenFile(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return PERSNER_EIO;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || size == 0 || size > STORE_MAX_BYTES ||
		(uint64) st.st_size != STORE_PADDED(size))
	{
		close(fd);
		return PERSNER_EIO;
	}
	v->map = mmap(NULL, STORE_PADDED(size), PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (v->map == MAP_FAILED)
	{
		v->map = NULL;
		return PERSNER_EIO;
	}
	v->len = size;
	v->maplen = STORE_PADDED(size);
	ps = persner_model_open_verified(v->map, v->len, &v->model, detail);
	if (ps != PERSNER_OK || persner_model_checksum(v->model) != checksum)
	{
		persner_version_release(v);
		return ps != PERSNER_OK ? ps : PERSNER_EFORMAT;
	}
	v->checksum = checksum;
	v->shared = true;
	return PERSNER_OK;
}

/*
 * persner_store_save - make the snapshot of a version read from its source
 *
 * v holds the bytes in private memory.  Writes the snapshot (unless it is
 * already there), then swaps v over to a shared mapping of it.  If the
 * store cannot be written (disk full, read-only data directory), v keeps
 * its private copy, which works, unshared; returns false then, errno set.
 */
bool
persner_store_save(PersnerVersion *v)
{
	char		name[MAXPGPATH];
	struct stat st;
	PersnerVersion shared;
	const char *detail;

	Assert(!v->shared);
	snapshot_name(v->checksum, name);
	if (!store_dir_ready())
		return false;
	if (stat(name, &st) != 0 || (uint64) st.st_size != STORE_PADDED(v->len))
	{
		if (!install_file(name, v->map, v->len, STORE_PADDED(v->len), S_IRUSR, true))
			return false;
	}
	if (persner_store_map(v->checksum, v->len, &shared, &detail) != PERSNER_OK)
	{
		errno = EIO;
		return false;
	}
	/* a snapshot someone else wrote: the name is a 64-bit sum, so compare */
	if (memcmp(shared.map, v->map, v->len) != 0)
	{
		persner_version_release(&shared);
		errno = EEXIST;
		return false;
	}
	persner_version_release(v);
	*v = shared;
	return true;
}

/* ---------------------------------------------------------------------
 * Sources
 * ---------------------------------------------------------------------
 */

/*
 * persner_store_peek_header - whether the file at path, with identity id,
 * still says it is the version (size, checksum)
 */
bool
persner_store_peek_header(const char *path, const PersnerFileId *id, uint64 size,
						  uint64 checksum)
{
	int			fd = BasicOpenFile(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	unsigned char h[32];
	struct stat st;
	PersnerFileId now;
	bool		ok;
	uint64_t	fsize,
				fsum;

	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && pread(fd, h, sizeof(h), 0) == sizeof(h);
	close(fd);
	if (!ok)
		return false;
	persner_file_id(&st, &now);
	return persner_file_id_equal(&now, id) &&
		persner_model_header(h, sizeof(h), &fsize, &fsum) && fsize == size && fsum == checksum;
}

/*
 * persner_store_read_source - read and check the model file at path
 *
 * On success v holds a private copy (v->shared false), *id the file's
 * identity, identical before and after the read.  On failure v is empty;
 * *changed says the file changed while it was read; *id is the identity
 * before the read (zeroes if the file could not be opened).
 */
PersnerStatus
persner_store_read_source(const char *path, PersnerVersion *v, PersnerFileId *id,
						  bool *changed, int *err, const char **detail)
{
	struct stat st;
	PersnerFileId after;
	int			fd;
	size_t		len,
				got = 0;
	PersnerStatus ps;

	memset(v, 0, sizeof(*v));
	memset(id, 0, sizeof(*id));
	*changed = false;
	*err = 0;
	*detail = NULL;

	/* O_NONBLOCK: a FIFO named like a model must not block the backend */
	fd = BasicOpenFile(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
	{
		*err = errno;
		return PERSNER_EIO;
	}
	if (fstat(fd, &st) != 0)
	{
		*err = errno;
		close(fd);
		return PERSNER_EIO;
	}
	persner_file_id(&st, id);
	if (persner_model_file_check(&st, STORE_MAX_BYTES, detail) != PERSNER_OK)
	{
		close(fd);
		return PERSNER_EFORMAT;
	}

	/*
	 * A file whose header gives another size is being written (cp, cat >
	 * and rsync write the header first): refuse it without reading it all,
	 * so that backends polling a file being copied cost a pread each.
	 */
	if (st.st_size >= 32)
	{
		unsigned char h[32];
		uint64_t	hsize,
					hsum;

		if (pread(fd, h, sizeof(h), 0) == sizeof(h) && persner_model_header(h, sizeof(h), &hsize, &hsum))
		{
			if (hsize != (uint64) st.st_size)
			{
				close(fd);
				*detail = hsize > (uint64) st.st_size ? "The file is truncated." :
					"The file is longer than its header says.";
				return PERSNER_EFORMAT;
			}
		}
	}

	len = (size_t) st.st_size;
	v->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->map == MAP_FAILED)
	{
		v->map = NULL;
		close(fd);
		return PERSNER_ENOMEM;
	}
	v->len = v->maplen = len;
	while (got < len)
	{
		ssize_t		n = read(fd, (char *) v->map + got, Min(len - got, (size_t) 1 << 20));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
		{
			*err = errno;
			close(fd);
			persner_version_release(v);
			return PERSNER_EIO;
		}
		if (n == 0)
			break;				/* shrunk while we read: fstat below says so */
		got += n;
	}
	if (fstat(fd, &st) != 0)
		memset(&st, 0, sizeof(st));
	close(fd);
	persner_file_id(&st, &after);
	if (got != len || !persner_file_id_equal(&after, id))
	{
		*changed = true;
		*detail = "The file changed while it was read.";
		persner_version_release(v);
		return PERSNER_EFORMAT;
	}
	ps = persner_model_open(v->map, v->len, &v->model, detail);
	if (ps != PERSNER_OK)
	{
		v->model = NULL;
		persner_version_release(v);
		return ps;
	}
	v->checksum = persner_model_checksum(v->model);
	v->shared = false;
	return PERSNER_OK;
}
