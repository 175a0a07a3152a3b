/*
 * fuzz_text.c - libFuzzer target for the text front end: validate,
 * segment, normalize, tokenize, canonical form
 *
 * Build and run (from the top of the tree):
 *
 *   clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
 *       -fsanitize=fuzzer,address,undefined -Isrc/core \
 *       test/fuzz/fuzz_text.c src/core/alloc.c src/core/utf8.c \
 *       src/core/hash.c src/core/normalize.c src/core/tokenize.c \
 *       $(pkg-config --cflags --libs icu-uc) -lm -lpthread -o build/fuzz_text
 *   build/fuzz_text -max_total_time=120 test/fuzz/corpus_text
 *
 * The first input byte picks the options (normalization flags, the
 * segmenter's max_bytes, and whether the text is also run tiled to 64 KB:
 * fuzz_tile.h); the rest is the text.  Every invariant the rest
 * of the pipeline relies on is checked; a violation traps.
 */
#include "persner.h"
#include "fuzz_tile.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static int
is_cont(uint8_t c)
{
	return (c & 0xC0) == 0x80;
}

/* the offset map of nb against its source s[0..n) */
static void
check_map(const uint8_t *s, size_t n, const PersnerNormBuf *nb)
{
	const uint8_t *t = (const uint8_t *) nb->text;
	size_t		i;

	if (nb->len == 0)
		return;
	REQUIRE(nb->len <= nb->cap && t[nb->len] == '\0');
	REQUIRE(persner_utf8_validate(nb->text, nb->len) == PERSNER_OK);
	for (i = 0; i < nb->len; i++)
	{
		uint32_t	b = nb->obeg[i];
		uint32_t	e = nb->oend[i];

		REQUIRE(b < e && e <= n);
		REQUIRE(!is_cont(s[b]) && (e == n || !is_cont(s[e])));
		if (i > 0)
		{
			int			same = b == nb->obeg[i - 1] && e == nb->oend[i - 1];

			REQUIRE(b >= nb->obeg[i - 1] && e >= nb->oend[i - 1]);
			REQUIRE(!is_cont(t[i]) || same);
			REQUIRE(same || b >= nb->oend[i - 1]);
		}
		/* a ZWNJ is never at an edge or next to a space */
		if (t[i] == 0xE2 && i + 2 < nb->len && t[i + 1] == 0x80 && t[i + 2] == 0x8C)
			REQUIRE(i > 0 && i + 3 < nb->len && t[i - 1] != ' ' && t[i + 3] != ' ');
	}
}

static void
check_tokens(const PersnerNormBuf *nb, const PersnerToken *tok, size_t T)
{
	const uint8_t *t = (const uint8_t *) nb->text;
	size_t		prev = 0;
	size_t		k;

	REQUIRE(T <= nb->len);
	for (k = 0; k < T; k++)
	{
		size_t		i;

		REQUIRE(tok[k].nbeg >= prev && tok[k].nbeg < tok[k].nend && tok[k].nend <= nb->len);
		REQUIRE(!is_cont(t[tok[k].nbeg]));
		REQUIRE(tok[k].nend == nb->len || !is_cont(t[tok[k].nend]));
		REQUIRE(tok[k].obeg == nb->obeg[tok[k].nbeg]);
		REQUIRE(tok[k].oend == nb->oend[tok[k].nend - 1]);
		REQUIRE(tok[k].obeg < tok[k].oend);
		/*
		 * original ranges are in order; they overlap only when two
		 * tokens were cut from one character (½ -> ۱ ⁄ ۲)
		 */
		if (k > 0)
			REQUIRE(tok[k].obeg >= tok[k - 1].obeg && tok[k].oend >= tok[k - 1].oend);
		for (i = tok[k].nbeg; i < tok[k].nend; i++)
			REQUIRE(t[i] != ' ');
		prev = tok[k].nend;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxes[4] = {PERSNER_MAX_SENTENCE_BYTES, 1, 7, 64};
	const uint8_t *s;
	size_t		n;
	int			flags;
	size_t		max_bytes;
	size_t		off = 0;
	PersnerNormBuf nb;
	PersnerToken *tok = NULL;
	size_t		tokcap = 0;
	char	   *canon = NULL;
	size_t		canon_len = 0;
	PersnerStatus rc;
	double		t0 = fuzz_cpu_seconds();

	if (size == 0)
		return 0;
	flags = data[0] & 1 ? PERSNER_NORM_SPACE_AS_ZWNJ : PERSNER_NORM_DEFAULT;
	max_bytes = maxes[(data[0] >> 1) & 3];
	s = data + 1;
	n = size - 1;

	memset(&nb, 0, sizeof(nb));
	if (persner_utf8_validate((const char *) s, n) != PERSNER_OK)
	{
		/* invalid text: normalize and canonical refuse it, cleanly */
		REQUIRE(persner_normalize((const char *) s, n, flags, &nb) == PERSNER_EUTF8);
		REQUIRE(nb.len == 0);
		REQUIRE(persner_canonical((const char *) s, n, &canon, &canon_len) == PERSNER_EUTF8);
		REQUIRE(canon == NULL);
		persner_normbuf_free(&nb);
		return 0;
	}

	while (off < n)
	{
		size_t		g = persner_segment_next((const char *) s + off, n - off, max_bytes);
		size_t		T;

		REQUIRE(g > 0 && g <= n - off);
		REQUIRE(g <= max_bytes || g <= 4);
		REQUIRE(off + g == n || !is_cont(s[off + g]));

		rc = persner_normalize((const char *) s + off, g, flags, &nb);
		REQUIRE(rc == PERSNER_OK);
		check_map(s + off, g, &nb);
		if (tokcap < nb.len + 1)
		{
			free(tok);
			tokcap = nb.len + 1;
			tok = malloc(tokcap * sizeof(PersnerToken));
			REQUIRE(tok != NULL);
		}
		T = persner_tokenize(&nb, tok);
		check_tokens(&nb, tok, T);
		off += g;
	}

	/* the whole text at once, and normalization is idempotent */
	rc = persner_normalize((const char *) s, n, PERSNER_NORM_DEFAULT, &nb);
	REQUIRE(rc == PERSNER_OK);
	check_map(s, n, &nb);
	if (nb.len > 0)
	{
		PersnerNormBuf again;
		char	   *copy = malloc(nb.len);

		REQUIRE(copy != NULL);
		memcpy(copy, nb.text, nb.len);
		memset(&again, 0, sizeof(again));
		REQUIRE(persner_normalize(copy, nb.len, PERSNER_NORM_DEFAULT, &again) == PERSNER_OK);
		REQUIRE(again.len == nb.len && memcmp(again.text, copy, nb.len) == 0);
		persner_normbuf_free(&again);
		free(copy);
	}

	rc = persner_canonical((const char *) s, n, &canon, &canon_len);
	REQUIRE(rc == PERSNER_OK && canon != NULL && strlen(canon) == canon_len);
	REQUIRE(canon_len == 0 || (canon[0] != ' ' && canon[canon_len - 1] != ' '));
	REQUIRE(strstr(canon, "  ") == NULL && strstr(canon, "\xE2\x80\x8C") == NULL);
	/* the canonical form is a fixed point */
	{
		char	   *again = NULL;
		size_t		again_len = 0;

		REQUIRE(persner_canonical(canon, canon_len, &again, &again_len) == PERSNER_OK);
		REQUIRE(again_len == canon_len && memcmp(again, canon, canon_len) == 0);
		persner_free(again);
	}
	persner_free(canon);

	/* the time budget: a quarter of the inputs again, tiled to 64 KB */
	if ((data[0] & 0x18) == 0x18 && n > 0)
	{
		size_t		tl;
		char	   *tiled = fuzz_tile(s, n, (size_t) 64 << 10, &tl);

		for (off = 0; off < tl;)
		{
			size_t		g = persner_segment_next(tiled + off, tl - off, PERSNER_MAX_SENTENCE_BYTES);

			REQUIRE(g > 0 && g <= tl - off);
			REQUIRE(persner_normalize(tiled + off, g, flags, &nb) == PERSNER_OK);
			off += g;
		}
		REQUIRE(persner_normalize(tiled, tl, flags, &nb) == PERSNER_OK);
		if (tokcap < nb.len + 1)
		{
			free(tok);
			tokcap = nb.len + 1;
			tok = malloc(tokcap * sizeof(PersnerToken));
			REQUIRE(tok != NULL);
		}
		REQUIRE(persner_tokenize(&nb, tok) <= nb.len);
		REQUIRE(persner_canonical(tiled, tl, &canon, &canon_len) == PERSNER_OK);
		persner_free(canon);
		free(tiled);
	}
	free(tok);
	persner_normbuf_free(&nb);
	fuzz_cpu_check(t0);
	return 0;
}
