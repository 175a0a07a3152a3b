/*
 * test_normalize.c - unit tests of normalize.c: folding rules, the offset
 * map on hostile text, invalid UTF-8, allocation failures, canonical form
 *
 * Run with --gen-table to print the fast tables of normalize.c again from
 * its ICU-based classifier: `make normalize-tables` writes them to
 * src/core/normalize_tables.h.
 */
#include "unit.h"

uint32_t	persner_norm_classify(uint32_t cp);
uint32_t	persner_norm_lookup(uint32_t cp);

/* ---------------------------------------------------------------------
 * helpers
 * ---------------------------------------------------------------------
 */

static int
is_cont(uint8_t c)
{
	return (c & 0xC0) == 0x80;
}

/* append the UTF-8 of cp to s (s has room) and return the new length */
static size_t
put(char *s, size_t n, uint32_t cp)
{
	return n + (size_t) persner_utf8_encode(cp, (uint8_t *) s + n);
}

/*
 * check_map - every invariant of a normalized buffer against its source;
 * returns 1 if all hold (and reports the first failure otherwise)
 */
static int
check_map(const char *src, size_t srclen, const PersnerNormBuf *nb)
{
	const uint8_t *s = (const uint8_t *) src;
	const uint8_t *t = (const uint8_t *) nb->text;
	size_t		i;

	if (nb->len == 0)
		return 1;
	if (t[nb->len] != '\0' || nb->len > nb->cap)
		return 0;
	if (persner_utf8_validate(nb->text, nb->len) != PERSNER_OK)
	{
		fprintf(stderr, "normalized text is not valid UTF-8\n");
		return 0;
	}
	for (i = 0; i < nb->len; i++)
	{
		uint32_t	b = nb->obeg[i];
		uint32_t	e = nb->oend[i];

		if (!(b < e && e <= srclen))
		{
			fprintf(stderr, "byte %zu: range [%u,%u) outside [0,%zu)\n", i, b, e, srclen);
			return 0;
		}
		if (is_cont(s[b]) || (e < srclen && is_cont(s[e])))
		{
			fprintf(stderr, "byte %zu: range [%u,%u) splits a character\n", i, b, e);
			return 0;
		}
		if (i > 0)
		{
			if (b < nb->obeg[i - 1] || e < nb->oend[i - 1])
			{
				fprintf(stderr, "byte %zu: map not monotonic\n", i);
				return 0;
			}
			/* bytes of one character share a range */
			if (is_cont(t[i]) && (b != nb->obeg[i - 1] || e != nb->oend[i - 1]))
			{
				fprintf(stderr, "byte %zu: continuation byte with another range\n", i);
				return 0;
			}
			/* different ranges never overlap */
			if ((b != nb->obeg[i - 1] || e != nb->oend[i - 1]) && b < nb->oend[i - 1])
			{
				fprintf(stderr, "byte %zu: ranges overlap\n", i);
				return 0;
			}
		}
	}
	/* what folding removes must not be there */
	for (i = 0; i < nb->len;)
	{
		uint32_t	cp;
		int			n = persner_utf8_decode(t + i, nb->len - i, &cp);

		if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '%' ||
			cp == 0x064A || cp == 0x0643 || cp == 0x0649 || cp == 0x0629 ||
			cp == 0x0640 || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
			cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0xFEFF ||
			(cp >= 0x0660 && cp <= 0x0669) || cp == '\t' || cp == '\n' ||
			cp == 0x00A0 || (cp >= 0xFE70 && cp <= 0xFEFC))
		{
			fprintf(stderr, "U+%04X survived normalization\n", cp);
			return 0;
		}
		if (cp == 0x200C)
		{
			/* a ZWNJ never at an edge, never doubled, never next to a space */
			if (i == 0 || i + 3 >= nb->len || t[i - 1] == ' ' || t[i + 3] == ' ' ||
				(t[i + 3] == 0xE2 && t[i + 4] == 0x80 && t[i + 5] == 0x8C))
			{
				fprintf(stderr, "misplaced ZWNJ at byte %zu\n", i);
				return 0;
			}
		}
		i += (size_t) n;
	}
	return 1;
}

/* normalize src and compare with want; also check the map */
static int
norm_is(const char *src, int flags, const char *want)
{
	PersnerNormBuf nb;
	int			ok;

	memset(&nb, 0, sizeof(nb));
	ok = persner_normalize(src, strlen(src), flags, &nb) == PERSNER_OK &&
		strcmp(nb.text, want) == 0 && check_map(src, strlen(src), &nb);
	if (!ok)
		fprintf(stderr, "normalize(\"%s\") = \"%s\", want \"%s\"\n", src,
				nb.text ? nb.text : "(null)", want);
	persner_normbuf_free(&nb);
	return ok;
}

static int
canon_is(const char *src, const char *want)
{
	char	   *out = NULL;
	size_t		len = 0;
	int			ok;

	ok = persner_canonical(src, strlen(src), &out, &len) == PERSNER_OK &&
		out != NULL && strcmp(out, want) == 0 && len == strlen(want);
	if (!ok)
		fprintf(stderr, "canonical(\"%s\") = \"%s\", want \"%s\"\n", src,
				out ? out : "(null)", want);
	persner_free(out);
	return ok;
}

/* ---------------------------------------------------------------------
 * the tables
 * ---------------------------------------------------------------------
 */

TEST(tables_agree_with_classifier)
{
	uint32_t	cp;
	int			bad = 0;

	for (cp = 0; cp < 0x800; cp++)
		if (persner_norm_lookup(cp) != persner_norm_classify(cp) && bad++ < 5)
			fprintf(stderr, "table entry U+%04X stale\n", cp);
	for (cp = 0x2000; cp < 0x2070; cp++)
		if (persner_norm_lookup(cp) != persner_norm_classify(cp) && bad++ < 5)
			fprintf(stderr, "table entry U+%04X stale\n", cp);
	CHECK_EQ_INT(bad, 0);
}

/* every code point in the tables, alone and after a letter */
TEST(every_table_code_point)
{
	uint32_t	cp;
	PersnerNormBuf nb;
	char		s[16];
	int			bad = 0;

	memset(&nb, 0, sizeof(nb));
	for (cp = 1; cp < 0x2070; cp++)
	{
		size_t		n;

		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		if (cp >= 0x800 && cp < 0x2000)
			cp = 0x2000;
		n = put(s, 0, cp);
		if (persner_normalize(s, n, 0, &nb) != PERSNER_OK || !check_map(s, n, &nb))
			bad++;
		n = put(s, 0, 0x0628);
		n = put(s, n, cp);
		n = put(s, n, 0x0628);
		if (persner_normalize(s, n, 0, &nb) != PERSNER_OK || !check_map(s, n, &nb))
			bad++;
	}
	CHECK_EQ_INT(bad, 0);
	persner_normbuf_free(&nb);
}

/* ---------------------------------------------------------------------
 * the folding rules
 * ---------------------------------------------------------------------
 */

TEST(arabic_letter_forms)
{
	CHECK(norm_is("ي", 0, "ی"));
	CHECK(norm_is("ى", 0, "ی"));
	CHECK(norm_is("\u06CD\u06CE\u06D0", 0, "ییی"));
	CHECK(norm_is("ك", 0, "ک"));
	CHECK(norm_is("\u06AA", 0, "ک"));
	CHECK(norm_is("\u0629\u06C0\u06D5\u06BE\u06C2\u06C3", 0, "هههههه"));
	CHECK(norm_is("\u0623\u0625\u0671", 0, "ااا"));
	CHECK(norm_is("\u0624", 0, "و"));
	CHECK(norm_is("آ", 0, "آ"));
	CHECK(norm_is("ئ", 0, "ئ"));
	CHECK(norm_is("ء", 0, "ء"));
	CHECK(norm_is("شهرداري تهران", 0, "شهرداری تهران"));
	CHECK(norm_is("بانك ملي", 0, "بانک ملی"));
	CHECK(norm_is("مدرسة", 0, "مدرسه"));
	CHECK(norm_is("مسئول", 0, "مسئول"));
}

TEST(marks_and_tatweel_attach)
{
	PersnerNormBuf nb;
	const char *s = "كِتابٌ";		/* kaf kasra teh alef beh dammatan */

	memset(&nb, 0, sizeof(nb));
	CHECK(norm_is("مُحَمَّد", 0, "محمد"));
	CHECK(norm_is("کـــتاب", 0, "کتاب"));
	CHECK(norm_is("\u064Eب", 0, "ب"));		/* a mark at the very start */
	CHECK(norm_is("e\u0301", 0, "e"));
	CHECK(norm_is("\u0670", 0, ""));

	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "کتاب");
	/* ک (2 bytes) came from bytes [0,2) and covers the kasra: [0,4) */
	CHECK_EQ_INT(nb.obeg[0], 0);
	CHECK_EQ_INT(nb.oend[0], 4);
	CHECK_EQ_INT(nb.oend[1], 4);
	CHECK_EQ_INT(nb.obeg[2], 4);
	/* the last ب covers the dammatan: ends at the end of the input */
	CHECK_EQ_INT(nb.oend[nb.len - 1], strlen(s));
	CHECK(check_map(s, strlen(s), &nb));

	s = "بـــه";
	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "به");
	CHECK_EQ_INT(nb.oend[0], 8);	/* ب + three tatweels */
	CHECK_EQ_INT(nb.obeg[2], 8);
	persner_normbuf_free(&nb);
}

TEST(composing_marks)
{
	CHECK(norm_is("\u0627\u0653ب", 0, "آب"));
	CHECK(norm_is("\u064A\u0654", 0, "ئ"));
	CHECK(norm_is("\u06CC\u0654", 0, "ئ"));
	CHECK(norm_is("\u0627\u0654", 0, "ا"));
	CHECK(norm_is("\u0648\u0654", 0, "و"));
	CHECK(norm_is("\u0647\u0654", 0, "ه"));
}

TEST(digits)
{
	CHECK(norm_is("0123456789", 0, "۰۱۲۳۴۵۶۷۸۹"));
	CHECK(norm_is("٠١٢٣٤٥٦٧٨٩", 0, "۰۱۲۳۴۵۶۷۸۹"));
	CHECK(norm_is("۰۱۲۳۴۵۶۷۸۹", 0, "۰۱۲۳۴۵۶۷۸۹"));
	CHECK(norm_is("\u096B\u0E53", 0, "۵۳"));		/* Devanagari 5, Thai 3 */
	CHECK(norm_is("\uFF11\uFF19", 0, "۱۹"));		/* fullwidth */
	CHECK(norm_is("\U0001D7D8", 0, "۰"));			/* mathematical double-struck 0 */
	CHECK(norm_is("x\u00B2", 0, "x۲"));
	CHECK(norm_is("۳٫۵", 0, "۳.۵"));
	CHECK(norm_is("۳۲٬۳۹۰", 0, "۳۲,۳۹۰"));
	CHECK(norm_is("50%", 0, "۵۰٪"));
	CHECK(norm_is("۵۰٪", 0, "۵۰٪"));
	CHECK(norm_is("\uFE6A\uFF05", 0, "٪٪"));
	CHECK(norm_is("1398/05/12", 0, "۱۳۹۸/۰۵/۱۲"));
	CHECK(norm_is("الف، ب", 0, "الف، ب"));
}

TEST(presentation_forms_and_compatibility)
{
	PersnerNormBuf nb;
	const char *s = "\uFEFB";		/* lam-alef ligature, isolated */

	memset(&nb, 0, sizeof(nb));
	CHECK(norm_is("\uFE91\uFEB4\uFEE2", 0, "بسم"));
	CHECK(norm_is("\uFED9\uFEF1", 0, "کی"));		/* arabic kaf, yeh: then the tables */
	CHECK(norm_is("\uFB8E\uFBFC", 0, "کی"));		/* keheh, farsi yeh */
	CHECK(norm_is("\uFF21\uFF42c", 0, "abc"));
	CHECK(norm_is("\uFEFFسلام", 0, " سلام"));	/* a BOM separates (bug 12.3) */
	CHECK(norm_is("\u2026", 0, "\u2026"));			/* … stays one character */
	CHECK(norm_is("\u00BD", 0, "۱\u2044۲"));
	CHECK(norm_is("\uFDFA", 0, "صلی الله علیه وسلم"));
	CHECK(norm_is("آمد", 0, "آمد"));				/* no decomposition of آ */
	CHECK(norm_is("\u0675", 0, "\u0675"));

	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "لا");
	CHECK_EQ_INT(nb.len, 4);
	CHECK(nb.obeg[0] == 0 && nb.oend[0] == 3 && nb.obeg[3] == 0 && nb.oend[3] == 3);
	/* a mark after the ligature covers both of its letters */
	s = "\uFEFB\u064E";
	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "لا");
	CHECK(nb.oend[0] == 5 && nb.oend[3] == 5);
	persner_normbuf_free(&nb);
}

TEST(invisible_controls_dropped)
{
	CHECK(norm_is("a\u200Db", 0, "ab"));
	CHECK(norm_is("\u200Fسلام\u200E", 0, "سلام"));
	CHECK(norm_is("\u202Bمتن\u202C \u2067x\u2069\u061C", 0, "متن x"));
	CHECK(norm_is("co\u00ADop", 0, "coop"));
	CHECK(norm_is("a\u2060b", 0, "ab"));
}

TEST(spaces_not_collapsed)
{
	CHECK(norm_is("a\tb\nc\rd\fe\vf", 0, "a b c d e f"));
	CHECK(norm_is("a \u00A0\u1680\u2000\u2005\u200A\u2028\u2029\u202F\u205F\u3000\xC2\x85" "b", 0,
				  "a            b"));
	CHECK(norm_is("x\x01y\x7Fz", 0, "x y z"));
	CHECK(norm_is("  ", 0, "  "));
	CHECK(norm_is("", 0, ""));
}

TEST(zwnj_rules)
{
	CHECK(norm_is("می\u200Cشود", 0, "می\u200Cشود"));
	CHECK(norm_is("می\u200C\u200C\u200Cشود", 0, "می\u200Cشود"));
	CHECK(norm_is("\u200Cمی", 0, "می"));
	CHECK(norm_is("می\u200C", 0, "می"));
	CHECK(norm_is("می\u200C شود", 0, "می شود"));
	CHECK(norm_is("می \u200Cشود", 0, "می شود"));
	CHECK(norm_is("۲۰\u200Cام", 0, "۲۰ام"));
	CHECK(norm_is("«\u200Cکتاب\u200C»", 0, "«کتاب»"));
	CHECK(norm_is("می\u200C\u200Fشود", 0, "می\u200Cشود"));
	CHECK(norm_is("ها\u200C\u064Eی", 0, "های"));		/* a mark cancels the ZWNJ */
	CHECK(norm_is("\u200C", 0, ""));
}

TEST(zwnj_range_covers_run)
{
	PersnerNormBuf nb;
	const char *s = "ب\u200C\u200Cپ";

	memset(&nb, 0, sizeof(nb));
	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_INT(nb.len, 7);
	CHECK_EQ_INT(nb.obeg[2], 2);
	CHECK_EQ_INT(nb.oend[2], 8);
	CHECK_EQ_INT(nb.obeg[5], 8);
	persner_normbuf_free(&nb);
}

TEST(space_as_zwnj)
{
	const int	f = PERSNER_NORM_SPACE_AS_ZWNJ;

	CHECK(norm_is("می شود", f, "می\u200Cشود"));
	CHECK(norm_is("  سازمان   ها ", f, "سازمان\u200Cها"));
	CHECK(norm_is("سازمان\u200C ها", f, "سازمان\u200Cها"));
	CHECK(norm_is("25 ام", f, "۲۵ام"));
	CHECK(norm_is("بی. بی. سی", f, "بی.بی.سی"));
	CHECK(norm_is("تهران", f, "تهران"));
	CHECK(norm_is(" ", f, ""));
}

TEST(lowercase)
{
	CHECK(norm_is("ICT Core", 0, "ict core"));
	CHECK(norm_is("ÜBER ΑΒΓ Ж", 0, "über αβγ ж"));
	CHECK(norm_is("\U00010400", 0, "\U00010428"));	/* Deseret */
}

TEST(other_scripts_and_emoji)
{
	CHECK(norm_is("中文 한국어", 0, "中文 한국어"));
	CHECK(norm_is("\U0001F600!", 0, "\U0001F600!"));
	CHECK(norm_is("\u2764\uFE0F", 0, "\u2764"));	/* variation selector is a mark */
	CHECK(norm_is("\U0001F468\u200D\U0001F4BB", 0, "\U0001F468\U0001F4BB"));
	CHECK(norm_is("\u05E9\u05C1\u05DC\u05D5\u05B9\u05DD", 0, "\u05E9\u05DC\u05D5\u05DD"));
}

/* ---------------------------------------------------------------------
 * errors, limits, memory
 * ---------------------------------------------------------------------
 */

TEST(invalid_utf8)
{
	static const char *const bad[] = {
		"\xC0\xAF",				/* overlong '/' */
		"\xE0\x80\xAF",			/* overlong, 3 bytes */
		"\xF0\x80\x80\xAF",		/* overlong, 4 bytes */
		"\xED\xA0\x80",			/* surrogate D800 */
		"\xED\xBF\xBF",			/* surrogate DFFF */
		"\xF4\x90\x80\x80",		/* > U+10FFFF */
		"\xF5\x80\x80\x80",
		"\xFF",
		"\x80",					/* stray continuation */
		"abc\xBF",
		"\xD8",					/* truncated */
		"\xD8 ",
		"\xE2\x80",
		"\xF0\x9F\x98",
		"سلام\xDB",
	};
	PersnerNormBuf nb;
	size_t		k;

	memset(&nb, 0, sizeof(nb));
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
	{
		/* once into a fresh buffer, once into one that held text */
		CHECK_EQ_INT(persner_normalize("abc", 3, 0, &nb), PERSNER_OK);
		CHECK_EQ_INT(persner_normalize(bad[k], strlen(bad[k]), 0, &nb), PERSNER_EUTF8);
		CHECK_EQ_INT(nb.len, 0);
		CHECK_EQ_STR(nb.text, "");
	}
	persner_normbuf_free(&nb);
}

TEST(limits_and_arguments)
{
	PersnerNormBuf nb;
	char	   *out = (char *) 1;
	size_t		len = 7;

	memset(&nb, 0, sizeof(nb));
	/* rejected before a byte is read */
	CHECK_EQ_INT(persner_normalize("x", (size_t) 1 << 31, 0, &nb), PERSNER_ELIMIT);
	CHECK_EQ_INT(nb.len, 0);
	CHECK_EQ_INT(persner_normalize(NULL, 1, 0, &nb), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_normalize(NULL, 0, 0, &nb), PERSNER_OK);
	CHECK_EQ_INT(nb.len, 0);
	CHECK_EQ_INT(persner_normalize("x", 1, 0, NULL), PERSNER_EINVAL);
	CHECK_EQ_INT(persner_canonical("\xFF", 1, &out, &len), PERSNER_EUTF8);
	CHECK(out == NULL && len == 0);
	persner_normbuf_free(&nb);
	persner_normbuf_free(&nb);		/* twice is fine */
	persner_normbuf_free(NULL);
}

TEST(buffer_reuse_grows)
{
	PersnerNormBuf nb;
	char	   *big = malloc(200001);
	size_t		k;

	memset(&nb, 0, sizeof(nb));
	CHECK_EQ_INT(persner_normalize("سلام", strlen("سلام"), 0, &nb), PERSNER_OK);
	/* digits double in size: forces growth mid-way */
	for (k = 0; k < 200000; k++)
		big[k] = (char) ('0' + k % 10);
	big[200000] = '\0';
	CHECK_EQ_INT(persner_normalize(big, 200000, 0, &nb), PERSNER_OK);
	CHECK_EQ_INT(nb.len, 400000);
	CHECK(check_map(big, 200000, &nb));
	CHECK_EQ_INT(persner_normalize("ك", 2, 0, &nb), PERSNER_OK);
	CHECK_EQ_STR(nb.text, "ک");
	/* many long expansions in a row */
	for (k = 0; k + 3 <= 30000; k += 3)
		memcpy(big + k, "\xEF\xB7\xBA", 3);	/* U+FDFA */
	CHECK_EQ_INT(persner_normalize(big, 30000, 0, &nb), PERSNER_OK);
	CHECK(check_map(big, 30000, &nb));
	free(big);
	persner_normbuf_free(&nb);
}

TEST(failing_allocator)
{
	const char *s = "شهرداري تهران ﻻ 123 \U0001F600 كتاب‌ها";
	long		n;
	int			saw_ok = 0;

	for (n = 0; n < 8; n++)
	{
		PersnerNormBuf nb;
		PersnerStatus rc;
		long		live0;
		char	   *out = NULL;
		size_t		len = 0;

		memset(&nb, 0, sizeof(nb));
		unit_fail_nth(n);
		live0 = unit_live;
		rc = persner_normalize(s, strlen(s), 0, &nb);
		CHECK(rc == PERSNER_OK || rc == PERSNER_ENOMEM);
		if (rc == PERSNER_OK)
		{
			saw_ok = 1;
			CHECK(check_map(s, strlen(s), &nb));
		}
		else
			CHECK_EQ_INT(nb.len, 0);
		persner_normbuf_free(&nb);
		CHECK_EQ_INT(unit_live, live0);

		unit_fail_nth(n);
		rc = persner_canonical(s, strlen(s), &out, &len);
		CHECK(rc == PERSNER_OK || rc == PERSNER_ENOMEM);
		if (rc == PERSNER_OK)
			CHECK_EQ_STR(out, "شهرداری تهران لا ۱۲۳ \U0001F600 کتاب ها");
		else
			CHECK(out == NULL);
		persner_free(out);
		CHECK_EQ_INT(unit_live, live0);
	}
	CHECK(saw_ok);

	/* growth failing in the middle of a long input keeps the old buffer */
	{
		PersnerNormBuf nb;
		static char digits[40000];
		long		live0;

		memset(&nb, 0, sizeof(nb));
		memset(digits, '7', sizeof(digits));
		unit_fail_nth(3);
		live0 = unit_live;
		CHECK_EQ_INT(persner_normalize(digits, sizeof(digits), 0, &nb), PERSNER_ENOMEM);
		CHECK_EQ_INT(nb.len, 0);
		CHECK(nb.text != NULL && nb.text[0] == '\0');
		CHECK_EQ_INT(persner_normalize("ab", 2, 0, &nb), PERSNER_OK);
		CHECK_EQ_STR(nb.text, "ab");
		persner_normbuf_free(&nb);
		CHECK_EQ_INT(unit_live, live0);
	}
	unit_alloc_reset();
}

/* ---------------------------------------------------------------------
 * hostile and random text
 * ---------------------------------------------------------------------
 */

static const uint32_t interesting[] = {
	'a', 'Z', '0', '9', ' ', '.', '%', ',', '/', ':', '-', '\t', '\n', '\r', 0x01, 0x7F,
	0x0628, 0x067E, 0x0633, 0x0644, 0x0627, 0x0645, 0x06CC, 0x06A9, 0x0647, 0x0622, 0x0626,
	0x0621, 0x064A, 0x0649, 0x0643, 0x0629, 0x06C0, 0x0623, 0x0625, 0x0624, 0x0671, 0x06BE,
	0x064B, 0x064E, 0x0651, 0x0653, 0x0654, 0x0670, 0x06D6, 0x0301, 0x0640, 0x060C, 0x061B,
	0x061F, 0x066A, 0x066B, 0x066C, 0x0660, 0x0669, 0x06F0, 0x06F9, 0x0675, 0x06D4,
	0x200C, 0x200C, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x202B, 0x202C, 0x2067,
	0x2069, 0x00AD, 0xFEFF, 0x00A0, 0x2009, 0x202F, 0x3000, 0x0085, 0x2028, 0x1680,
	0xFEFB, 0xFEF5, 0xFDFA, 0xFB8A, 0xFE8E, 0xFE70, 0xFC5E, 0xFF21, 0xFF10, 0xFE6A,
	0x00BD, 0x00B2, 0x2026, 0x00AB, 0x00BB, 0x201C, 0x2013, 0x1F600, 0x1F468, 0xFE0F,
	0x1D400, 0x1D7D8, 0x4E2D, 0xD55C, 0x096B, 0x0130, 0x00DF, 0x10400, 0x10FFFF, 0xE000,
	0xFFFD, 0x0E53, 0x05B9,
};

static size_t
random_text(char *s, size_t maxcp)
{
	size_t		n = 0;
	size_t		k;
	size_t		len = unit_randn((uint32_t) maxcp + 1);

	for (k = 0; k < len; k++)
		n = put(s, n, interesting[unit_randn(sizeof(interesting) / sizeof(interesting[0]))]);
	return n;
}

TEST(hostile_text_offsets)
{
	static const char *const texts[] = {
		"\u202Bشهرداري\u200F تهرانِ ﻻ\u0640\u0640ﻻ ABC\u0301 123٫5٪ \U0001F600\u200D\U0001F4BB",
		"\u200C\u200C\u064E\u0640 \t\u00A0\u3000شهر\u200C\u200C\u200D\u200Cها\u200C",
		"ﷺ\u064Bﷺ ½ ² Ａｂｃ １٢۳ \u0627\u0653\u064E\u0654",
		"Straße İstanbul ΣΊΣΥΦΟΣ \U00010400\u0301\u0302",
		"\xE2\x80\x8C",
		"\u0301",
	};
	PersnerNormBuf nb;
	size_t		k;

	memset(&nb, 0, sizeof(nb));
	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
	{
		int			f;

		for (f = 0; f < 2; f++)
		{
			CHECK_EQ_INT(persner_normalize(texts[k], strlen(texts[k]), f, &nb), PERSNER_OK);
			CHECK(check_map(texts[k], strlen(texts[k]), &nb));
		}
	}
	persner_normbuf_free(&nb);
}

TEST(random_text_invariants)
{
	char		s[64 * 4 + 1];
	PersnerNormBuf nb;
	int			iter;
	int			bad = 0;

	memset(&nb, 0, sizeof(nb));
	for (iter = 0; iter < 20000; iter++)
	{
		size_t		n = random_text(s, 64);
		int			f = (int) unit_randn(2);
		char	   *out = NULL;
		size_t		len;

		if (persner_normalize(s, n, f, &nb) != PERSNER_OK || !check_map(s, n, &nb))
			bad++;
		/* normalization is idempotent */
		if (f == 0 && nb.len > 0)
		{
			PersnerNormBuf again;

			memset(&again, 0, sizeof(again));
			if (persner_normalize(nb.text, nb.len, 0, &again) != PERSNER_OK ||
				again.len != nb.len || memcmp(again.text, nb.text, nb.len) != 0)
			{
				if (bad++ < 3)
					fprintf(stderr, "not idempotent: \"%s\" -> \"%s\"\n", nb.text, again.text);
			}
			persner_normbuf_free(&again);
		}
		if (persner_canonical(s, n, &out, &len) != PERSNER_OK || strlen(out) != len ||
			(len > 0 && (out[0] == ' ' || out[len - 1] == ' ')) || strstr(out, "  ") ||
			strstr(out, "\u200C"))
			bad++;
		persner_free(out);
		/* random bytes: either valid or EUTF8, never a crash */
		{
			size_t		k;

			for (k = 0; k < n; k++)
				if (unit_randn(16) == 0)
					s[k] = (char) unit_randn(256);
			if (persner_normalize(s, n, f, &nb) == PERSNER_OK)
			{
				if (!check_map(s, n, &nb))
					bad++;
			}
			else if (nb.len != 0 || persner_utf8_validate(s, n) == PERSNER_OK)
				bad++;
		}
	}
	CHECK_EQ_INT(bad, 0);
	persner_normbuf_free(&nb);
}

/* ---------------------------------------------------------------------
 * canonical form
 * ---------------------------------------------------------------------
 */

TEST(canonical)
{
	CHECK(canon_is("  شهرداري\u200C\u200C  قم ", "شهرداری قم"));
	CHECK(canon_is("سازمان\u200Cها", "سازمان ها"));
	CHECK(canon_is("شهرداری قم", "شهرداری قم"));
	CHECK(canon_is("بانك  ملّي\tايران", "بانک ملی ایران"));
	CHECK(canon_is("\u200F\u200C  \n", ""));
	CHECK(canon_is("", ""));
	CHECK(canon_is("ICT-Core (۲)", "ict-core (۲)"));
	CHECK(canon_is("ﺷﺮﻛﺖ ﻧﻔﺖ", "شرکت نفت"));
}

/* ---------------------------------------------------------------------
 * --gen-table
 * ---------------------------------------------------------------------
 */

static void
gen_table(const char *name, uint32_t lo, uint32_t hi)
{
	uint32_t	cp;

	printf("static const uint32_t %s[0x%X] = {\n", name, hi - lo);
	for (cp = lo; cp < hi; cp++)
	{
		if ((cp - lo) % 8 == 0)
			printf("\t");
		printf("0x%08X%s", persner_norm_classify(cp), cp + 1 < hi ? "," : "");
		printf((cp - lo) % 8 == 7 || cp + 1 == hi ? "\n" : " ");
	}
	printf("};\n");
}

/*
 * bug 12.3: U+200B and U+FEFF were dropped like bidi marks, so a name
 * written with a zero-width space between its words came out as one word.
 * They are separators now: one space each, with its own original range,
 * and the canonical entity name has the words apart.
 */
TEST(bug_12_3_zero_width_space_is_a_separator)
{
	PersnerNormBuf nb;
	const char *s = "شهرداری\u200Bتهران";
	char	   *c = NULL;
	size_t		cl = 0;

	memset(&nb, 0, sizeof(nb));
	CHECK(norm_is(s, 0, "شهرداری تهران"));
	CHECK(norm_is("بانک\uFEFFملی", 0, "بانک ملی"));
	CHECK(norm_is("a\u200B\uFEFFb", 0, "a  b"));
	/* the space maps back to the three bytes of U+200B */
	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	CHECK_EQ_INT(nb.text[14], ' ');
	CHECK_EQ_INT(nb.obeg[14], 14);
	CHECK_EQ_INT(nb.oend[14], 17);
	CHECK(check_map(s, strlen(s), &nb));
	/* between letters, in a pretokenized token, it joins like a space: ZWNJ */
	CHECK(norm_is("می\u200Bشود", PERSNER_NORM_SPACE_AS_ZWNJ, "می\u200Cشود"));
	CHECK_EQ_INT(persner_canonical(s, strlen(s), &c, &cl), PERSNER_OK);
	CHECK_EQ_STR(c, "شهرداری تهران");
	persner_free(c);
	persner_normbuf_free(&nb);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--gen-table") == 0)
	{
		printf("/*\n"
			   " * normalize_tables.h - the fast tables of normalize.c, GENERATED: do not edit\n"
			   " *\n"
			   " * One entry per code point (output code point, action, class; see MK in\n"
			   " * normalize.c) for U+0000..U+07FF and U+2000..U+206F, from normalize.c's\n"
			   " * ICU-based classifier.  `make normalize-tables` writes this file again;\n"
			   " * test_normalize checks that it agrees with the classifier.\n"
			   " */\n");
		gen_table("norm_tab", 0, 0x800);
		gen_table("punct_tab", 0x2000, 0x2070);
		return 0;
	}
	RUN(tables_agree_with_classifier);
	RUN(every_table_code_point);
	RUN(arabic_letter_forms);
	RUN(marks_and_tatweel_attach);
	RUN(composing_marks);
	RUN(digits);
	RUN(presentation_forms_and_compatibility);
	RUN(invisible_controls_dropped);
	RUN(spaces_not_collapsed);
	RUN(zwnj_rules);
	RUN(zwnj_range_covers_run);
	RUN(space_as_zwnj);
	RUN(lowercase);
	RUN(other_scripts_and_emoji);
	RUN(invalid_utf8);
	RUN(limits_and_arguments);
	RUN(buffer_reuse_grows);
	RUN(failing_allocator);
	RUN(hostile_text_offsets);
	RUN(random_text_invariants);
	RUN(canonical);
	RUN(bug_12_3_zero_width_space_is_a_separator);
	UNIT_DONE();
}
