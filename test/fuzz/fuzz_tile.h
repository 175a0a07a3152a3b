/*
 * fuzz_tile.h - the fuzz targets' time budget: tile an input into a long text
 *
 * libFuzzer's -timeout (run-fuzz.sh) turns a slow input into a finding,
 * but an input of a few KB never runs long even on quadratic code (the
 * segmenter's old scan of a run of dots cost 16 M steps on 4 KB: 10 ms).
 * So a quarter of the inputs (chosen by bits of the input, so a finding
 * reproduces) are also run repeated end to end up to a few dozen KB:
 * linear code takes milliseconds on that, quadratic code seconds to
 * minutes, well past the timeout.
 */
#ifndef PERSNER_FUZZ_TILE_H
#define PERSNER_FUZZ_TILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * The CPU budget.  libFuzzer's -timeout counts wall time, which on a
 * shared machine also counts the time other processes held the CPU (a
 * 1-second input timed out at 6 s under a load average of 30), so it is
 * set generously (run-fuzz.sh) and catches hangs; each input's own CPU
 * time is checked here against FUZZ_CPU_BUDGET_MS (default 2000), which
 * load does not inflate: linear work on a tiled input takes a few hundred
 * ms under the sanitizers, quadratic work many seconds.  Over budget, the
 * target traps: a finding, with the input saved.
 */
static inline double
fuzz_cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void
fuzz_cpu_check(double since)
{
	static double budget = 0;
	double		used = fuzz_cpu_seconds() - since;

	if (budget == 0)
	{
		const char *e = getenv("FUZZ_CPU_BUDGET_MS");

		budget = (e != NULL && atof(e) > 0 ? atof(e) : 2000) / 1000.0;
	}
	if (used > budget)
	{
		fprintf(stderr, "fuzz: slow input: %.2f s of CPU, over the budget of %.2f s\n",
				used, budget);
		__builtin_trap();
	}
}

/*
 * fuzz_tile - s[0..n) repeated while the result stays within 'target'
 * bytes (at least once); malloc'd, length in *outlen, NULL if n == 0.
 * Whole copies of valid UTF-8 are valid UTF-8.
 */
static inline char *
fuzz_tile(const uint8_t *s, size_t n, size_t target, size_t *outlen)
{
	size_t		k = 0;
	char	   *d;

	*outlen = 0;
	if (n == 0)
		return NULL;
	d = malloc(target > n ? target : n);
	if (d == NULL)
		__builtin_trap();
	do
	{
		memcpy(d + k, s, n);
		k += n;
	} while (k + n <= target);
	*outlen = k;
	return d;
}

#endif							/* PERSNER_FUZZ_TILE_H */
