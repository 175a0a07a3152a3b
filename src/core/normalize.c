/*
 * normalize.c - Persian character folding (tables + ICU); emits the offset map
 *
 * What the model sees is not the text the user typed.  The same Persian
 * word reaches us written with Arabic yeh or Persian yeh, with or without
 * vowel marks, with tatweel stretching it, in presentation forms copied
 * out of an old PDF, with Latin, Arabic-Indic or Persian digits, with a
 * ZWNJ, two ZWNJs, a ZWNJ and a space, or bidi marks sprinkled in.  This
 * file folds all of those to one spelling, one character at a time:
 *
 *   Arabic letter forms    ي ى ۍ ێ ې -> ی   ك ڪ -> ک   ة ۀ ە ھ ہ ۂ ۃ -> ه
 *                          أ إ ٱ -> ا   ؤ -> و   (آ ئ ء stay)
 *   marks (Mn, Me), tatweel     dropped, attached to the preceding character
 *   digits (any Nd)        Persian digits ۰..۹;  ٫ -> .  ٬ -> ,  % -> ٪
 *   compatibility forms    NFKC of that one character (ﻻ -> لا, Ａ -> a),
 *                          then the rules above on each resulting character
 *   ZWJ, bidi controls, soft hyphen, other Cf   dropped
 *   whitespace (Z*), controls (Cc), zero-width space U+200B and BOM U+FEFF
 *                          one ASCII space each (no collapsing)
 *   ZWNJ                   kept between two letters only; a run is one
 *   cased letters          lowercase
 *
 * The offset map.  For every normalized byte i, [obeg[i], oend[i]) is the
 * original byte range of the character it came from.  All bytes of one
 * normalized character carry the same range; every normalized character
 * produced from one original character (the two letters of the lam-alef
 * ligature) carries that character's range; a ZWNJ kept for a run of
 * ZWNJs carries the whole run.  A dropped mark or tatweel extends the oend
 * of the characters emitted for the preceding original character, so a
 * token's original range covers the marks written on it.  Both obeg and
 * oend are non-decreasing in i, every range lies on character boundaries
 * of the input, and two different ranges never overlap (so tokens cut
 * from one expanded character, ½ -> ۱ ⁄ ۲, share its range; no other
 * tokens share original bytes).  Two cases need
 * care to keep that true: a mark arriving while a ZWNJ waits to be emitted
 * cancels the ZWNJ (the mark then covers it), and a composing mark after
 * its base (ا + madda, ی + hamza above) re-composes the base in place
 * (آ, ئ), which are the two precomposed letters this folding keeps.
 *
 * ZWNJ.  A ZWNJ is held pending until the next emitted character: it is
 * written only if both its neighbours are letters (general category L* or
 * Mc after folding), so a ZWNJ at either edge of the text, next to a
 * space, a digit or punctuation disappears.  PERSNER_NORM_SPACE_AS_ZWNJ
 * feeds every whitespace character through the same path, which turns a
 * PEYMA token such as "می شود" into "می‌شود" and trims it.
 *
 * Speed.  The tagger has to keep up with a million tokens a second, so
 * this loop is table-driven: one 32-bit entry per code point for
 * U+0000..U+07FF (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic) and for
 * General Punctuation U+2000..U+206F, giving the output code point, an
 * action and the output's class.  Only the rare characters outside those
 * tables, or marked SLOW in them (compatibility characters such as ½),
 * go through ICU.  The tables were generated from the same ICU-based
 * classifier (norm_classify below) that handles the rare characters, into
 * normalize_tables.h: `make normalize-tables` writes them again
 * (build/unit/test_normalize --gen-table), and the unit test checks that
 * they still agree with it.
 */
#include "charclass.h"
#include "persner.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

/*
 * A table entry: bits 0..20 the output code point, bits 21..23 the action,
 * bits 24..25 the class of the output (for the ZWNJ rule: is it a letter).
 */
#define A_EMIT		0			/* write the output code point */
#define A_ATTACH	1			/* drop; extend the previous character's range */
#define A_DROP		2			/* drop; as if it were not there */
#define A_SPACE		3			/* write ' ' (or a ZWNJ with SPACE_AS_ZWNJ) */
#define A_ZWNJ		4			/* the ZWNJ rule */
#define A_SLOW		5			/* NFKC through ICU, then the tables */

#define C_OTHER		PERSNER_CC_OTHER
#define C_WORD		PERSNER_CC_WORD
#define C_DIGIT		PERSNER_CC_DIGIT
#define C_SPACE		PERSNER_CC_SPACE

#define MK(out, act, cls) \
	((uint32_t) (out) | ((uint32_t) (act) << 21) | ((uint32_t) (cls) << 24))
#define E_OUT(e)	((e) & 0x1FFFFF)
#define E_ACT(e)	(((e) >> 21) & 7)
#define E_CLS(e)	(((e) >> 24) & 3)

#define ZWNJ		PERSNER_ZWNJ_CP

/*
 * The most bytes one input character can add to the output: NFKC of one
 * character is at most 18 code points (U+FDFA), we allow 32 UTF-16 units
 * of at most 3 bytes each, plus a pending ZWNJ (3 bytes).
 */
#define NFKC_MAX_UNITS	32
#define NORM_MAX_OUT	(NFKC_MAX_UNITS * 3 + 3 + 1)

/* Test hooks, not part of the public API (see test/unit/test_normalize.c). */
uint32_t	persner_norm_classify(uint32_t cp);
uint32_t	persner_norm_lookup(uint32_t cp);

/* the fast tables: generated, `make normalize-tables` writes them again */
#include "normalize_tables.h"

/* ---------------------------------------------------------------------
 * The classifier: the rules, in one place, for any code point
 * ---------------------------------------------------------------------
 */

/* class of a character as it appears in normalized text (charclass.c) */
static int
char_class(uint32_t cp)
{
	return cp == ZWNJ ? C_OTHER : persner_char_class(cp);
}

/*
 * nfkc_one - NFKC of the single code point cp into out[NFKC_MAX_UNITS]
 *
 * Returns the number of UTF-16 units, or -1 when cp is its own NFKC form
 * (or ICU fails, which we treat the same way: keep the character).
 */
static int
nfkc_one(uint32_t cp, UChar *out)
{
	UErrorCode	err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	UChar		in[2];
	int32_t		inlen = 0;
	int32_t		n;

	if (U_FAILURE(err))
		return -1;
	U16_APPEND_UNSAFE(in, inlen, (UChar32) cp);
	n = unorm2_normalize(nfkc, in, inlen, out, NFKC_MAX_UNITS, &err);
	if (U_FAILURE(err) || n <= 0 || n > NFKC_MAX_UNITS)
		return -1;
	if (n == inlen && memcmp(in, out, (size_t) n * sizeof(UChar)) == 0)
		return -1;
	return (int) n;
}

/*
 * persner_norm_classify - the table entry for cp, computed from the rules
 * and ICU; A_SLOW means "expand through NFKC first".
 */
uint32_t
persner_norm_classify(uint32_t cp)
{
	UChar		tmp[NFKC_MAX_UNITS];
	UChar32		lc;

	if (cp < 0x80)
	{
		if (cp >= 'A' && cp <= 'Z')
			return MK(cp + 32, A_EMIT, C_WORD);
		if (cp >= 'a' && cp <= 'z')
			return MK(cp, A_EMIT, C_WORD);
		if (cp >= '0' && cp <= '9')
			return MK(0x6F0 + cp - '0', A_EMIT, C_DIGIT);
		if (cp == '%')
			return MK(0x66A, A_EMIT, C_OTHER);
		if (cp <= 0x20 || cp == 0x7F)
			return MK(' ', A_SPACE, C_SPACE);
		return MK(cp, A_EMIT, C_OTHER);
	}

	switch (cp)
	{
		case 0x064A:			/* ي arabic yeh */
		case 0x0649:			/* ى alef maksura */
		case 0x06CD:			/* ۍ */
		case 0x06CE:			/* ێ */
		case 0x06D0:			/* ې */
			return MK(0x06CC, A_EMIT, C_WORD);
		case 0x0643:			/* ك arabic kaf */
		case 0x06AA:			/* ڪ swash kaf */
			return MK(0x06A9, A_EMIT, C_WORD);
		case 0x0629:			/* ة teh marbuta */
		case 0x06C0:			/* ۀ heh with yeh above */
		case 0x06D5:			/* ە ae */
		case 0x06BE:			/* ھ heh doachashmee */
		case 0x06C1:			/* ہ heh goal */
		case 0x06C2:			/* ۂ */
		case 0x06C3:			/* ۃ */
			return MK(0x0647, A_EMIT, C_WORD);
		case 0x0623:			/* أ */
		case 0x0625:			/* إ */
		case 0x0671:			/* ٱ alef wasla */
			return MK(0x0627, A_EMIT, C_WORD);
		case 0x0624:			/* ؤ */
			return MK(0x0648, A_EMIT, C_WORD);
		case 0x066B:			/* ٫ arabic decimal separator */
			return MK('.', A_EMIT, C_OTHER);
		case 0x066C:			/* ٬ arabic thousands separator */
			return MK(',', A_EMIT, C_OTHER);
		case 0x0640:			/* tatweel (Lm, but it is only decoration) */
			return MK(0, A_ATTACH, C_OTHER);
		case ZWNJ:
			return MK(0, A_ZWNJ, C_OTHER);
		case 0x200B:			/* zero-width space */
		case 0xFEFF:			/* BOM, zero-width no-break space */

			/*
			 * Both are Cf, but they stand between two words (a BOM
			 * inside a text is the old spelling of a zero-width space):
			 * dropped, they glued the words together (issue 12).
			 */
			return MK(' ', A_SPACE, C_SPACE);
		case 0x00AD:			/* soft hyphen */
		case 0x061C:			/* arabic letter mark */
		case 0x200D:			/* ZWJ */
		case 0x200E:
		case 0x200F:
		case 0x202A:
		case 0x202B:
		case 0x202C:
		case 0x202D:
		case 0x202E:
		case 0x2066:
		case 0x2067:
		case 0x2068:
		case 0x2069:
			return MK(0, A_DROP, C_OTHER);
		default:
			break;
	}

	switch (u_charType((UChar32) cp))
	{
		case U_NON_SPACING_MARK:
		case U_ENCLOSING_MARK:
			return MK(0, A_ATTACH, C_OTHER);
		case U_FORMAT_CHAR:
			return MK(0, A_DROP, C_OTHER);
		default:
			break;
	}
	/* what is a space and what a digit: the tokenizer's classes (charclass.c) */
	switch (persner_char_class(cp))
	{
		case PERSNER_CC_SPACE:
			return MK(' ', A_SPACE, C_SPACE);
		case PERSNER_CC_DIGIT:
			{
				int32_t		v = u_charDigitValue((UChar32) cp);

				if (v >= 0 && v <= 9)
					return MK(0x6F0 + (uint32_t) v, A_EMIT, C_DIGIT);
				break;
			}
		default:
			break;
	}

	/*
	 * Compatibility characters fold through NFKC, except in the Arabic
	 * blocks (whose letters we fold by the table above and whose few
	 * compatibility letters, such as high hamza, we keep as they are) and
	 * in General Punctuation (… stays one character, not three dots).
	 */
	if (!((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
		  (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0x2000 && cp <= 0x206F)) &&
		nfkc_one(cp, tmp) > 0)
		return MK(cp, A_SLOW, char_class(cp));

	lc = u_tolower((UChar32) cp);
	return MK((uint32_t) lc, A_EMIT, char_class((uint32_t) lc));
}

/* persner_norm_lookup - the entry the normalizer uses for cp (fast tables first) */
uint32_t
persner_norm_lookup(uint32_t cp)
{
	if (cp < 0x800)
		return norm_tab[cp];
	if (cp >= 0x2000 && cp < 0x2070)
		return punct_tab[cp - 0x2000];
	return persner_norm_classify(cp);
}

/* ---------------------------------------------------------------------
 * The writer: output bytes, offset map, pending ZWNJ
 * ---------------------------------------------------------------------
 */
typedef struct NormState
{
	PersnerNormBuf *buf;
	uint8_t    *t;				/* buf->text */
	uint32_t   *ob;				/* buf->obeg */
	uint32_t   *oe;				/* buf->oend */
	size_t		o;				/* bytes written */
	size_t		cap;
	size_t		lastb;			/* where the last original character's output starts */
	int			prev_letter;	/* the last emitted character is a letter */
	int			pend;			/* a ZWNJ waits for the next character */
	uint32_t	zb;				/* its original range */
	uint32_t	ze;
} NormState;

/*
 * grow - make room for at least 'need' bytes, keeping buf consistent
 *
 * All three arrays are allocated before any is replaced, so on failure
 * buf still holds its old (valid) arrays.
 */
static PersnerStatus
grow(PersnerNormBuf *buf, size_t need, size_t keep)
{
	size_t		cap = buf->cap ? buf->cap : 64;
	char	   *t;
	uint32_t   *ob;
	uint32_t   *oe;

	if (need <= buf->cap && buf->text != NULL)
		return PERSNER_OK;
	if (need > (size_t) UINT32_MAX)
		return PERSNER_ELIMIT;
	while (cap < need)
		cap = cap > (size_t) UINT32_MAX / 2 ? (size_t) UINT32_MAX : cap * 2;
	t = persner_alloc(cap + 1);
	ob = persner_alloc(cap * sizeof(uint32_t));
	oe = persner_alloc(cap * sizeof(uint32_t));
	if (t == NULL || ob == NULL || oe == NULL)
	{
		persner_free(t);
		persner_free(ob);
		persner_free(oe);
		return PERSNER_ENOMEM;
	}
	if (keep > 0)
	{
		memcpy(t, buf->text, keep);
		memcpy(ob, buf->obeg, keep * sizeof(uint32_t));
		memcpy(oe, buf->oend, keep * sizeof(uint32_t));
	}
	persner_free(buf->text);
	persner_free(buf->obeg);
	persner_free(buf->oend);
	buf->text = t;
	buf->obeg = ob;
	buf->oend = oe;
	buf->cap = cap;
	return PERSNER_OK;
}

static inline void
put_cp(NormState *st, uint32_t cp, uint32_t b, uint32_t e)
{
	size_t		o = st->o;
	int			n;
	int			k;

	if (cp < 0x80)
	{
		st->t[o] = (uint8_t) cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		st->t[o] = (uint8_t) (0xC0 | (cp >> 6));
		st->t[o + 1] = (uint8_t) (0x80 | (cp & 0x3F));
		n = 2;
	}
	else
		n = persner_utf8_encode(cp, st->t + o);
	for (k = 0; k < n; k++)
	{
		st->ob[o + k] = b;
		st->oe[o + k] = e;
	}
	st->o = o + (size_t) n;
}

/* emit - write one normalized character that came from original [b, e) */
static inline void
emit(NormState *st, uint32_t cp, int letter, uint32_t b, uint32_t e, int newchar)
{
	if (st->pend)
	{
		st->pend = 0;
		if (letter)
			put_cp(st, ZWNJ, st->zb, st->ze);
	}
	if (newchar)
		st->lastb = st->o;
	put_cp(st, cp, b, e);
	st->prev_letter = letter;
}

/* zwnj - a ZWNJ (or, with SPACE_AS_ZWNJ, a space) at original [b, e) */
static inline void
zwnj(NormState *st, uint32_t b, uint32_t e)
{
	if (!st->prev_letter)
		return;					/* at the start or after a non-letter */
	if (!st->pend)
	{
		st->pend = 1;
		st->zb = b;
	}
	st->ze = e;
}

/*
 * attach - a dropped mark or tatweel (code point cp) ending at original e
 *
 * Extends the range of every byte emitted for the last original character
 * to e.  Re-composes ا + madda above to آ and ی + hamza above to ئ.
 */
static void
attach(NormState *st, uint32_t cp, uint32_t e)
{
	size_t		k;

	st->pend = 0;				/* a ZWNJ followed by a mark: the mark covers it */
	if (st->o == 0)
		return;					/* a mark at the very start is just dropped */
	if (st->o >= 2 && cp == 0x0653 &&
		st->t[st->o - 2] == 0xD8 && st->t[st->o - 1] == 0xA7)
		st->t[st->o - 1] = 0xA2;	/* ا -> آ */
	else if (st->o >= 2 && cp == 0x0654 &&
			 st->t[st->o - 2] == 0xDB && st->t[st->o - 1] == 0x8C)
	{
		st->t[st->o - 2] = 0xD8;	/* ی -> ئ */
		st->t[st->o - 1] = 0xA6;
	}
	for (k = st->lastb; k < st->o; k++)
		st->oe[k] = e;
}

/* apply - carry out entry 'e' of code point cp, from original [b, end) */
static inline void
apply(NormState *st, uint32_t e, uint32_t cp, uint32_t b, uint32_t end,
	  int flags, int newchar)
{
	switch (E_ACT(e))
	{
		case A_EMIT:
			emit(st, E_OUT(e), E_CLS(e) == C_WORD, b, end, newchar);
			break;
		case A_ATTACH:
			attach(st, cp, end);
			break;
		case A_SPACE:
			if (flags & PERSNER_NORM_SPACE_AS_ZWNJ)
				zwnj(st, b, end);
			else
				emit(st, ' ', 0, b, end, newchar);
			break;
		case A_ZWNJ:
			zwnj(st, b, end);
			break;
		default:				/* A_DROP; A_SLOW is never passed here */
			break;
	}
}

/*
 * slow - a character outside the fast tables or marked SLOW in them
 *
 * Classifies it through ICU; a compatibility character is replaced by its
 * NFKC form, each character of which goes through the tables again (all
 * of them carry the original character's range).
 */
static void
slow(NormState *st, uint32_t cp, uint32_t b, uint32_t end, int flags)
{
	uint32_t	e = cp < 0x800 ? norm_tab[cp] : persner_norm_classify(cp);
	UChar		u[NFKC_MAX_UNITS];
	int32_t		n;
	int32_t		k = 0;
	int			first = 1;

	if (E_ACT(e) != A_SLOW)
	{
		apply(st, e, cp, b, end, flags, 1);
		return;
	}
	n = nfkc_one(cp, u);
	if (n <= 0)
	{
		emit(st, (uint32_t) u_tolower((UChar32) cp), E_CLS(e) == C_WORD, b, end, 1);
		return;
	}
	while (k < n)
	{
		UChar32		c;
		uint32_t	e2;

		U16_NEXT(u, k, n, c);
		e2 = persner_norm_lookup((uint32_t) c);
		if (E_ACT(e2) == A_SLOW)	/* NFKC output is NFKC: cannot happen */
			e2 = MK((uint32_t) u_tolower(c), A_EMIT, char_class((uint32_t) u_tolower(c)));
		if (first && (E_ACT(e2) == A_EMIT || E_ACT(e2) == A_SPACE))
		{
			apply(st, e2, (uint32_t) c, b, end, flags, 1);
			first = 0;
		}
		else
			apply(st, e2, (uint32_t) c, b, end, flags, 0);
	}
}

/*
 * persner_normalize - see persner.h
 */
PersnerStatus
persner_normalize(const char *src, size_t srclen, int flags,
				  PersnerNormBuf *buf)
{
	const uint8_t *s = (const uint8_t *) src;
	NormState	st;
	PersnerStatus rc;
	size_t		i = 0;
	size_t		check_at = PERSNER_INTERRUPT_BYTES;	/* next interrupt check */

	if (buf == NULL)
		return PERSNER_EINVAL;
	buf->len = 0;
	if (buf->text != NULL)
		buf->text[0] = '\0';
	if (src == NULL && srclen > 0)
		return PERSNER_EINVAL;
	if (srclen >= ((size_t) 1 << 31))
		return PERSNER_ELIMIT;

	rc = grow(buf, srclen + (srclen >> 3) + NORM_MAX_OUT, 0);
	if (rc != PERSNER_OK)
		return rc;

	st.buf = buf;
	st.t = (uint8_t *) buf->text;
	st.ob = buf->obeg;
	st.oe = buf->oend;
	st.o = 0;
	st.cap = buf->cap;
	st.lastb = 0;
	st.prev_letter = 0;
	st.pend = 0;
	st.zb = st.ze = 0;

	while (i < srclen)
	{
		uint32_t	c = s[i];
		uint32_t	cp;
		uint32_t	e;
		uint32_t	b = (uint32_t) i;
		size_t		clen;

		if (i >= check_at)
		{
			/* buf is consistent here (len 0): the hook may longjmp */
			persner_check_interrupt();
			check_at = i + PERSNER_INTERRUPT_BYTES;
		}
		if (st.cap - st.o < NORM_MAX_OUT)
		{
			rc = grow(buf, st.o + NORM_MAX_OUT, st.o);
			if (rc != PERSNER_OK)
				goto fail;
			st.t = (uint8_t *) buf->text;
			st.ob = buf->obeg;
			st.oe = buf->oend;
			st.cap = buf->cap;
		}

		if (c < 0x80)
		{
			cp = c;
			clen = 1;
			e = norm_tab[c];
		}
		else if (c >= 0xC2 && c < 0xE0)
		{
			if (i + 1 >= srclen || (s[i + 1] & 0xC0) != 0x80)
				goto bad;
			cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
			clen = 2;
			e = norm_tab[cp];
		}
		else
		{
			int			n = persner_utf8_decode(s + i, srclen - i, &cp);

			if (n == 0)
				goto bad;
			clen = (size_t) n;
			if (cp >= 0x2000 && cp < 0x2070)
				e = punct_tab[cp - 0x2000];
			else
				e = MK(cp, A_SLOW, C_OTHER);
		}

		/* the common case: one character out, no ZWNJ waiting */
		if (E_ACT(e) == A_EMIT && !st.pend)
		{
			uint32_t	out = E_OUT(e);
			uint32_t	end = (uint32_t) (i + clen);
			size_t		o = st.o;

			st.lastb = o;
			if (out < 0x80)
			{
				st.t[o] = (uint8_t) out;
				st.ob[o] = b;
				st.oe[o] = end;
				st.o = o + 1;
			}
			else if (out < 0x800)
			{
				st.t[o] = (uint8_t) (0xC0 | (out >> 6));
				st.t[o + 1] = (uint8_t) (0x80 | (out & 0x3F));
				st.ob[o] = st.ob[o + 1] = b;
				st.oe[o] = st.oe[o + 1] = end;
				st.o = o + 2;
			}
			else
				put_cp(&st, out, b, end);
			st.prev_letter = E_CLS(e) == C_WORD;
		}
		else if (E_ACT(e) == A_SLOW)
			slow(&st, cp, b, (uint32_t) (i + clen), flags);
		else
			apply(&st, e, cp, b, (uint32_t) (i + clen), flags, 1);
		i += clen;
	}

	st.t[st.o] = '\0';
	buf->len = st.o;
	return PERSNER_OK;

bad:
	rc = PERSNER_EUTF8;
fail:
	buf->len = 0;
	if (buf->text != NULL)
		buf->text[0] = '\0';
	return rc;
}

/*
 * persner_normbuf_free - release buf's arrays and zero it (buf itself is
 * the caller's)
 */
void
persner_normbuf_free(PersnerNormBuf *buf)
{
	if (buf == NULL)
		return;
	persner_free(buf->text);
	persner_free(buf->obeg);
	persner_free(buf->oend);
	memset(buf, 0, sizeof(*buf));
}

size_t
persner_canonical_fold(const char *norm, size_t len, char *out)
{
	size_t		i = 0,
				n = 0;
	int			gap = 0;

	while (i < len)
	{
		if (norm[i] == ' ')
		{
			gap = 1;
			i++;
		}
		else if (persner_is_zwnj(norm + i, len - i))
		{
			gap = 1;
			i += PERSNER_ZWNJ_LEN;
		}
		else
		{
			if (gap && n > 0)
				out[n++] = ' ';
			gap = 0;
			out[n++] = norm[i++];
		}
	}
	out[n] = '\0';
	return n;
}

/*
 * persner_canonical - see persner.h
 *
 * On failure *out is NULL and *outlen 0.
 */
PersnerStatus
persner_canonical(const char *src, size_t srclen, char **out, size_t *outlen)
{
	PersnerNormBuf nb;
	PersnerStatus rc;
	char	   *res;
	size_t		n;

	if (out == NULL || outlen == NULL)
		return PERSNER_EINVAL;
	*out = NULL;
	*outlen = 0;
	memset(&nb, 0, sizeof(nb));
	rc = persner_normalize(src, srclen, PERSNER_NORM_DEFAULT, &nb);
	if (rc != PERSNER_OK)
	{
		persner_normbuf_free(&nb);
		return rc;
	}
	res = persner_alloc(nb.len + 1);
	if (res == NULL)
	{
		persner_normbuf_free(&nb);
		return PERSNER_ENOMEM;
	}
	n = persner_canonical_fold(nb.text, nb.len, res);
	res[n] = '\0';
	persner_normbuf_free(&nb);
	*out = res;
	*outlen = n;
	return PERSNER_OK;
}
