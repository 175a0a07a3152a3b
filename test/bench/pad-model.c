/*
 * pad-model.c - a valid model padded to a given size, for "make bench"
 *
 *   pad-model IN OUT BYTES
 *
 * Copies model IN to OUT with one more section of an id the reader skips
 * (model.c: unknown sections are skipped), of zeros, so that OUT is BYTES
 * long: the same model, as big as a future one.  The section table grows by
 * one entry (24 bytes, a multiple of 8, so every section stays aligned) and
 * the header's size and checksum are rewritten.  Little-endian hosts only,
 * like the format's own byte-order mark.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persner.h"

#define HEADER_SIZE		40
#define SECTION_SIZE	24
#define PAD_SECTION_ID	0x7061640aU	/* unknown to every reader */

static uint64_t
rd64(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, 8);
	return v;
}

static void
wr64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	uint8_t    *in,
			   *out;
	long		n;
	uint32_t	nsec,
				i;
	uint64_t	want,
				size,
				pad_off;

	if (argc != 4)
	{
		fprintf(stderr, "usage: pad-model IN OUT BYTES\n");
		return 2;
	}
	want = strtoull(argv[3], NULL, 10);
	if ((f = fopen(argv[1], "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < HEADER_SIZE)
	{
		perror(argv[1]);
		return 1;
	}
	rewind(f);
	in = malloc(n);
	if (in == NULL || fread(in, 1, n, f) != (size_t) n)
		return 1;
	fclose(f);
	memcpy(&nsec, in + 32, 4);
	size = (uint64_t) n + SECTION_SIZE;
	pad_off = (size + 7) & ~(uint64_t) 7;
	if (want < pad_off + 8)
	{
		fprintf(stderr, "pad-model: %llu bytes is less than the model needs\n", (unsigned long long) want);
		return 1;
	}
	out = calloc(1, want);
	if (out == NULL)
		return 1;
	/* header, the old table, the new entry, then every section 24 bytes later */
	memcpy(out, in, HEADER_SIZE + (size_t) SECTION_SIZE * nsec);
	memcpy(out + HEADER_SIZE + (size_t) SECTION_SIZE * (nsec + 1),
		   in + HEADER_SIZE + (size_t) SECTION_SIZE * nsec,
		   n - HEADER_SIZE - (size_t) SECTION_SIZE * nsec);
	for (i = 0; i < nsec; i++)
	{
		uint8_t    *e = out + HEADER_SIZE + (size_t) SECTION_SIZE * i;

		wr64(e + 8, rd64(e + 8) + SECTION_SIZE);
	}
	{
		uint8_t    *e = out + HEADER_SIZE + (size_t) SECTION_SIZE * nsec;
		uint32_t	id = PAD_SECTION_ID,
					zero = 0;

		memcpy(e, &id, 4);
		memcpy(e + 4, &zero, 4);
		wr64(e + 8, pad_off);
		wr64(e + 16, want - pad_off);
	}
	nsec++;
	memcpy(out + 32, &nsec, 4);
	wr64(out + 16, want);
	wr64(out + 24, persner_checksum(out + 32, want - 32));
	if ((f = fopen(argv[2], "wb")) == NULL || fwrite(out, 1, want, f) != want || fclose(f) != 0)
	{
		perror(argv[2]);
		return 1;
	}
	return 0;
}
