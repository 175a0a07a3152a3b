/*
 * page-touch.c - what a process pays the first time it touches a page of a
 * shared file mapping, for a file written in small pieces and one written
 * 2 MB at a time (as the model store writes its snapshots)
 *
 *   page-touch FILE DIR [RUNS]
 *
 * Copies FILE into DIR twice: written 64 kB at a time, and zero-padded to a
 * multiple of 2 MB and written 2 MB at a time.  Then, RUNS times each, in
 * a fresh process (a fork, so the page tables start empty), maps a copy
 * read-only and shared, touches 500 pseudo-random pages, and prints the
 * median time of those touches, and how much of the mapping the kernel
 * mapped with 2 MB entries (FilePmdMapped of /proc/self/smaps_rollup).  A
 * model's first sentence touches a few hundred scattered pages, so this is
 * the floor under a fresh backend's first call (README, "First call").
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TOUCHES		500
#define HUGE		((size_t) 2 << 20)

static volatile unsigned sink;	/* keeps the touches */

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* copy - write data (zero-padded to padded bytes) to path, chunk bytes a write */
static int
copy(const char *path, const char *data, size_t len, size_t padded, size_t chunk)
{
	char	   *buf = calloc(1, padded);
	int			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t		off;

	if (buf == NULL || fd < 0)
		return -1;
	memcpy(buf, data, len);
	for (off = 0; off < padded; off += chunk)
	{
		size_t		n = padded - off < chunk ? padded - off : chunk;

		if (write(fd, buf + off, n) != (ssize_t) n)
			return -1;
	}
	free(buf);
	return fsync(fd) == 0 && close(fd) == 0 ? 0 : -1;
}

/* touch - in this process: map path, touch TOUCHES pages; writes us and pmd kB to out */
static void
touch(const char *path, double out[2])
{
	int			fd = open(path, O_RDONLY);
	struct stat st;
	volatile const unsigned char *p;
	unsigned	x = 12345,
				sum = 0;
	size_t		npages;
	double		t0;
	char		line[256];
	FILE	   *f;
	int			i;

	out[0] = out[1] = -1;
	if (fd < 0 || fstat(fd, &st) != 0)
		return;
	p = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return;
	npages = st.st_size / 4096;
	t0 = now_us();
	for (i = 0; i < TOUCHES; i++)
	{
		x = x * 1103515245u + 12345u;
		sum += p[((x >> 8) % npages) * 4096];
	}
	out[0] = now_us() - t0;
	sink = sum;
	f = fopen("/proc/self/smaps_rollup", "r");
	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "FilePmdMapped:", 14) == 0)
			out[1] = atof(line + 14);
	if (f != NULL)
		fclose(f);
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	const char *names[2] = {"small-writes", "2mb-writes"};
	char		paths[2][4096];
	int			runs = argc > 3 ? atoi(argv[3]) : 9;
	int			fd,
				k,
				r;
	struct stat st;
	char	   *data;

	if (argc < 3 || runs < 1 || runs > 99)
	{
		fprintf(stderr, "usage: page-touch FILE DIR [RUNS]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 4096)
	{
		fprintf(stderr, "page-touch: cannot read %s\n", argv[1]);
		return 1;
	}
	data = malloc(st.st_size);
	if (data == NULL || read(fd, data, st.st_size) != st.st_size)
		return 1;
	close(fd);
	for (k = 0; k < 2; k++)
	{
		size_t		len = st.st_size;

		snprintf(paths[k], sizeof(paths[k]), "%s/page-touch-%s", argv[2], names[k]);
		if (copy(paths[k], data, len, k ? (len + HUGE - 1) & ~(HUGE - 1) : len,
				 k ? HUGE : 65536) != 0)
		{
			fprintf(stderr, "page-touch: cannot write %s\n", paths[k]);
			return 1;
		}
	}
	for (k = 0; k < 2; k++)
	{
		double		us[99],
					pmd = 0;

		for (r = 0; r < runs; r++)
		{
			int			pipefd[2];
			double		res[2] = {-1, -1};
			pid_t		pid;

			if (pipe(pipefd) != 0 || (pid = fork()) < 0)
				return 1;
			if (pid == 0)
			{
				touch(paths[k], res);
				if (write(pipefd[1], res, sizeof(res)) != sizeof(res))
					_exit(1);
				_exit(0);
			}
			close(pipefd[1]);
			if (read(pipefd[0], res, sizeof(res)) != sizeof(res))
				return 1;
			close(pipefd[0]);
			waitpid(pid, NULL, 0);
			us[r] = res[0];
			pmd = res[1];
		}
		qsort(us, runs, sizeof(double), cmp_double);
		printf("%-12s %d first touches of random pages: median %.0f us (%.1f us a page), %.0f kB mapped by 2 MB entries\n",
			   names[k], TOUCHES, us[runs / 2], us[runs / 2] / TOUCHES, pmd);
		unlink(paths[k]);
	}
	free(data);
	return 0;
}
