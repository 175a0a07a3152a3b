/*
 * hash.c - the one hash function of persner
 *
 * Feature keys, lexicon keys and the model checksum all use this 64-bit
 * hash.  It reads 8 bytes a step with unaligned-safe loads (memcpy), mixes
 * with multiply-xorshift (the wyhash/murmur finalizer family) and so runs
 * at several GB/s: checksumming a model of a few MB at open costs well
 * under a millisecond.  The value depends only on the bytes, never on the
 * machine's byte order (loads are assembled little-endian).
 */
#include "persner.h"

#include <string.h>

#define M1	UINT64_C(0x9E3779B97F4A7C15)
#define M2	UINT64_C(0xBF58476D1CE4E5B9)
#define M3	UINT64_C(0x94D049BB133111EB)

static inline uint64_t
load64le(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= M2;
	x ^= x >> 27;
	x *= M3;
	x ^= x >> 31;
	return x;
}

static inline uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

uint64_t
persner_hash(const void *data, size_t len, uint64_t seed)
{
	const uint8_t *p = data;
	uint64_t	h = seed ^ (len * M1);
	uint64_t	tail = 0;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
		h = rotl(h ^ (load64le(p + i) * M2), 29) * M1;
	for (size_t j = 0; i + j < len; j++)
		tail |= (uint64_t) p[i + j] << (8 * j);
	h = rotl(h ^ (tail * M3), 31) * M1;
	return mix(h);
}

/*
 * persner_checksum - a Fletcher-style sum over 64-bit words: per lane
 * s1 += word, s2 += s1 (mod 2^64), eight lanes so the adds pipeline and
 * vectorize.  Any single flipped bit changes s1, a swap of two words
 * changes s2; the lanes and the tail are then mixed through persner_hash.
 * It runs at memory speed, so checking a model at open stays cheap.
 */
uint64_t
persner_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t	s1[8] = {0},
				s2[8] = {0},
				fold[17];
	size_t		i = 0;
	int			k;

	for (; i + 64 <= len; i += 64)
	{
		for (k = 0; k < 8; k++)
		{
			s1[k] += load64le(p + i + 8 * k);
			s2[k] += s1[k];
		}
	}
	for (k = 0; k < 8; k++)
	{
		fold[k] = mix(s1[k] + M1 * (uint64_t) k);
		fold[8 + k] = mix(s2[k] ^ M2);
	}
	fold[16] = len;
	return persner_hash(p + i, len - i, persner_hash(fold, sizeof(fold), M3));
}
