/*
 * tokenize.c - sentence and token boundaries, ZWNJ-aware, offsets into the original
 *
 * Two scanners live here.  The segmenter runs over the ORIGINAL text and
 * cuts it into sentences so that the rest of the pipeline works on bounded
 * pieces.  The tokenizer runs over NORMALIZED text (normalize.c), where
 * digits are already Persian, percent is ٪, every kind of space is ' ',
 * and a ZWNJ only survives between two letters; it splits that text into
 * the tokens the model was trained on.
 *
 * Tokens (the corpora's convention, measured against ARMAN and PEYMA):
 *   - a word is a maximal run of letters, marks and digits (any script),
 *     with a ZWNJ inside it when letters stand on both sides: "می‌شود",
 *     "۲۰ام" and "g20" are one token each;
 *   - a number keeps the separators . , / : ٫ ٬ that stand between two
 *     digits: ۱۳۹۸/۰۵/۱۲, ۲۱:۳۰, ۲.۵, ۳۲,۳۹۰ (but "2-3" is three tokens);
 *   - every other character (punctuation, ٪, symbols, emoji) is a token of
 *     its own, one code point each;
 *   - spaces, and ZWNJs that do not sit inside a word, separate tokens.
 */
#include "charclass.h"
#include "persner.h"

#include <string.h>

#include <unicode/uchar.h>

#define T_OTHER		PERSNER_CC_OTHER
#define T_WORD		PERSNER_CC_WORD
#define T_DIGIT		PERSNER_CC_DIGIT
#define T_SPACE		PERSNER_CC_SPACE
#define T_ZWNJ		4

/* tok_class - class of a code point of normalized text */
static inline int
tok_class(uint32_t cp)
{
	if (cp < 0x80)
	{
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return T_WORD;
		if (cp >= '0' && cp <= '9')
			return T_DIGIT;
		if (cp <= 0x20 || cp == 0x7F)
			return T_SPACE;
		return T_OTHER;
	}
	/* the Persian letters and digits, without asking ICU */
	if ((cp >= 0x0620 && cp <= 0x064A && cp != 0x0640) ||
		(cp >= 0x0671 && cp <= 0x06D3))
		return T_WORD;
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return T_DIGIT;
	if (cp == PERSNER_ZWNJ_CP)
		return T_ZWNJ;
	if (u_charType((UChar32) cp) == U_FORMAT_CHAR)
		return T_SPACE;			/* bidi marks and the like separate tokens */
	return persner_char_class(cp);	/* the normalizer's classes (charclass.c) */
}

/* a separator kept inside a number when digits stand on both sides */
static inline int
num_sep(uint32_t cp)
{
	return cp == '.' || cp == ',' || cp == '/' || cp == ':' ||
		cp == 0x066B || cp == 0x066C;
}

/*
 * honorific_at - length of a religious honorific closed by ')' at t[i]
 * (after a '('), else 0.  "(ع)", "(ره)", "(ص)" ... follow names and the
 * corpora write each one as a single token.
 */
static size_t
honorific_at(const uint8_t *t, size_t len, size_t i)
{
	static const char *const h[] = {
		"ع)", "ص)", "س)", "ره)", "عج)", "رض)", "قده)", "اس)",
	};
	size_t		k;

	for (k = 0; k < sizeof(h) / sizeof(h[0]); k++)
	{
		size_t		n = strlen(h[k]);

		if (len - i >= n && memcmp(t + i, h[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * next_cp - decode the code point at t[i] (normalized text is valid UTF-8;
 * should a byte be invalid anyway, it is taken as one OTHER character so
 * that the scan always advances)
 */
static inline int
next_cp(const uint8_t *t, size_t len, size_t i, uint32_t *cp)
{
	int			n;

	if (t[i] < 0x80)
	{
		*cp = t[i];
		return 1;
	}
	if (t[i] >= 0xC2 && t[i] < 0xE0 && i + 1 < len && (t[i + 1] & 0xC0) == 0x80)
	{
		*cp = ((uint32_t) (t[i] & 0x1F) << 6) | (t[i + 1] & 0x3F);
		return 2;
	}
	n = persner_utf8_decode(t + i, len - i, cp);
	if (n == 0)
	{
		*cp = 0xFFFD;
		return 1;
	}
	return n;
}

/*
 * persner_tokenize - see persner.h
 *
 * out must hold nb->len tokens.  An empty or blank text gives 0 tokens.
 */
size_t
persner_tokenize(const PersnerNormBuf *nb, PersnerToken *out)
{
	const uint8_t *t;
	size_t		len;
	size_t		i = 0;
	size_t		T = 0;

	if (nb == NULL || nb->text == NULL || out == NULL)
		return 0;
	t = (const uint8_t *) nb->text;
	len = nb->len;

	while (i < len)
	{
		uint32_t	cp;
		int			n = next_cp(t, len, i, &cp);
		int			cls = tok_class(cp);
		size_t		beg = i;
		size_t		end = i + (size_t) n;

		if (cls == T_SPACE || cls == T_ZWNJ)
		{
			i = end;
			continue;
		}
		if (cls == T_WORD || cls == T_DIGIT)
		{
			int			last = cls;	/* class of the token's last character */

			while (end < len)
			{
				uint32_t	c2;
				uint32_t	c3;
				int			n2 = next_cp(t, len, end, &c2);
				int			k2 = tok_class(c2);
				int			n3;
				int			k3;

				if (k2 == T_WORD || k2 == T_DIGIT)
				{
					end += (size_t) n2;
					last = k2;
					continue;
				}
				if (end + (size_t) n2 >= len)
					break;
				if (k2 == T_ZWNJ)
				{
					/* a ZWNJ run inside the word: only if the word goes on */
					size_t		j = end + (size_t) n2;

					while (j < len && (n3 = next_cp(t, len, j, &c3)) > 0 &&
						   tok_class(c3) == T_ZWNJ)
						j += (size_t) n3;
					if (j >= len)
						break;
					n3 = next_cp(t, len, j, &c3);
					k3 = tok_class(c3);
					if (k3 != T_WORD && k3 != T_DIGIT)
						break;
					end = j + (size_t) n3;
					last = k3;
					continue;
				}
				if (num_sep(c2) || c2 == '@')
				{
					/*
					 * 2.5 and 1398/05/12 between digits; www.x.ir, b.b.c
					 * and a@b between any word characters
					 */
					n3 = next_cp(t, len, end + (size_t) n2, &c3);
					k3 = tok_class(c3);
					if ((last == T_DIGIT && k3 == T_DIGIT) ||
						((c2 == '.' || c2 == '@') && (k3 == T_WORD || k3 == T_DIGIT)))
					{
						end += (size_t) n2 + (size_t) n3;
						last = k3;
						continue;
					}
				}
				break;
			}
		}
		else if (cp == '.')
		{
			/* an ellipsis typed as dots is one token */
			while (end < len && t[end] == '.')
				end++;
		}
		else if (cp == '(')
			end += honorific_at(t, len, end);
		out[T].nbeg = (uint32_t) beg;
		out[T].nend = (uint32_t) end;
		out[T].obeg = nb->obeg[beg];
		out[T].oend = nb->oend[end - 1];
		T++;
		i = end;
	}
	return T;
}

/* ---------------------------------------------------------------------
 * The segmenter (original text)
 * ---------------------------------------------------------------------
 */

/*
 * The bytes the segmenter stops at: a newline, the ASCII terminators, and
 * the LAST byte of ؟ (D8 9F), ۔ (DB 94) and … (E2 80 A6).  Testing the last
 * byte, which is rare in Persian text, instead of the lead byte, which
 * starts half of all Persian letters, keeps the scan a tight loop.
 */
static const uint8_t seg_hot[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0x94] = 1, [0x9F] = 1, [0xA6] = 1,
};

/* length of a sentence-ending character at s[i], else 0: . ! ? ؟ ۔ … */
static inline size_t
terminator_at(const uint8_t *s, size_t len, size_t i)
{
	uint8_t		c = s[i];

	if (c == '.' || c == '!' || c == '?')
		return 1;
	if (c == 0xD8 && i + 1 < len && s[i + 1] == 0x9F)	/* ؟ U+061F */
		return 2;
	if (c == 0xDB && i + 1 < len && s[i + 1] == 0x94)	/* ۔ U+06D4 */
		return 2;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0xA6)	/* … */
		return 3;
	return 0;
}

/* length of a closing quote or bracket at s[i], else 0: » ” ’ " ' ) ] */
static inline size_t
closer_at(const uint8_t *s, size_t len, size_t i)
{
	uint8_t		c = s[i];

	if (c == '"' || c == '\'' || c == ')' || c == ']')
		return 1;
	if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xBB)	/* » */
		return 2;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		(s[i + 2] == 0x9D || s[i + 2] == 0x99))	/* ” ’ */
		return 3;
	return 0;
}

static inline int
is_ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* a UTF-8 sequence starts with a byte that is not 10xxxxxx */
static inline size_t
char_len_at(const uint8_t *s, size_t len, size_t i)
{
	size_t		j = i + 1;

	while (j < len && (s[j] & 0xC0) == 0x80)
		j++;
	return j - i;
}

/*
 * persner_segment_next - see persner.h
 *
 * A sentence takes the whitespace that follows its end, up to and
 * including the first newline, so that consecutive calls cover the text
 * without gaps and a blank line makes at most one empty sentence.
 */
size_t
persner_segment_next(const char *text, size_t len, size_t max_bytes)
{
	const uint8_t *s = (const uint8_t *) text;
	size_t		limit;
	size_t		i = 0;
	size_t		b;

	if (len == 0 || text == NULL)
		return 0;
	limit = max_bytes < len ? max_bytes : len;

	while (i < limit)
	{
		uint8_t		c = s[i];
		size_t		j;
		size_t		k;

		if (!seg_hot[c])
		{
			i++;
			continue;
		}
		if (c == '\n')
			return i + 1;
		/* a hot continuation byte: is it the end of ؟ ۔ or … ? */
		if ((c == 0x9F && (i < 1 || s[i - 1] != 0xD8)) ||
			(c == 0x94 && (i < 1 || s[i - 1] != 0xDB)) ||
			(c == 0xA6 && (i < 2 || s[i - 2] != 0xE2 || s[i - 1] != 0x80)))
		{
			i++;
			continue;
		}
		/*
		 * ?! ... »). : the run of terminators and closers.  The scan stops
		 * past limit (a run that ends there cannot end this sentence), and
		 * when the run is not followed by whitespace the outer scan goes on
		 * after it, not at i + 1: every terminator inside the run would
		 * find the same end, so scanning from each was quadratic on a run
		 * of dots (issue 12).  Every byte is looked at O(1) times.
		 */
		j = i + 1;
		while (j <= limit && j < len)
		{
			if ((k = terminator_at(s, len, j)) > 0)
				j += k;
			else if ((k = closer_at(s, len, j)) > 0)
				j += k;
			else
				break;
		}
		if (j <= limit && (j == len || is_ws(s[j])))
		{
			while (j < limit && is_ws(s[j]))
			{
				if (s[j++] == '\n')
					break;
			}
			return j;
		}
		i = j;
	}
	if (len <= max_bytes)
		return len;

	/* too long: cut after the last whitespace before the limit ... */
	for (b = limit; b > 0; b--)
		if (is_ws(s[b - 1]))
			return b;
	/* ... or at the last character boundary, never splitting a character */
	b = limit;
	while (b > 0 && (s[b] & 0xC0) == 0x80)
		b--;
	if (b == 0)
		return char_len_at(s, len, 0);
	return b;
}
