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
	return (uint64_t) p[0] | ((uint64_t) p[1] << 8) | ((uint64_t) p[2] << 16) |
		((uint64_t) p[3] << 24) | ((uint64_t) p[4] << 32) | ((uint64_t) p[5] << 40) |
		((uint64_t) p[6] << 48) | ((uint64_t) p[7] << 56);
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
 * persner_checksum - four independent lanes over 32-byte blocks, so the
 * multiplies pipeline; then the same tail and finalizer as persner_hash.
 */
uint64_t
persner_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t	a = M1,
				b = M2,
				c = M3,
				d = len;
	size_t		i = 0;

	for (; i + 32 <= len; i += 32)
	{
		a = rotl(a ^ (load64le(p + i) * M2), 29) * M1;
		b = rotl(b ^ (load64le(p + i + 8) * M2), 29) * M1;
		c = rotl(c ^ (load64le(p + i + 16) * M2), 29) * M1;
		d = rotl(d ^ (load64le(p + i + 24) * M2), 29) * M1;
	}
	return persner_hash(p + i, len - i, mix(a) ^ rotl(mix(b), 17) ^ rotl(mix(c), 37) ^ rotl(mix(d), 53));
}
