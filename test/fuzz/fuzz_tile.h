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

#include <stdlib.h>
#include <string.h>

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
