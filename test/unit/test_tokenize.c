/*
 * test_tokenize.c - unit tests of tokenize.c: token boundaries on
 * normalized text, original offsets, and the sentence segmenter
 *
 * Every sentence here was written for this test (none is taken from a
 * corpus).
 */
#include "unit.h"

#include <signal.h>
#include <unistd.h>

/* ---------------------------------------------------------------------
 * helpers
 * ---------------------------------------------------------------------
 */

/*
 * toks_are - normalize src, tokenize, and compare the normalized tokens
 * joined by '|' with want.  With orig set, compare the original text of
 * each token (src[obeg..oend)) instead.
 */
static int
toks_are_(const char *src, int orig, const char *want)
{
	PersnerNormBuf nb;
	PersnerToken *tok;
	char		got[4096];
	size_t		T;
	size_t		k;
	size_t		n = 0;
	int			ok;

	memset(&nb, 0, sizeof(nb));
	if (persner_normalize(src, strlen(src), 0, &nb) != PERSNER_OK)
		return 0;
	tok = malloc((nb.len + 1) * sizeof(PersnerToken));
	T = persner_tokenize(&nb, tok);
	got[0] = '\0';
	for (k = 0; k < T; k++)
	{
		const char *p = orig ? src + tok[k].obeg : nb.text + tok[k].nbeg;
		size_t		l = orig ? tok[k].oend - tok[k].obeg : tok[k].nend - tok[k].nbeg;

		if (k > 0)
			got[n++] = '|';
		memcpy(got + n, p, l);
		n += l;
	}
	got[n] = '\0';
	ok = strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "tokenize(\"%s\") = \"%s\", want \"%s\"\n", src, got, want);
	free(tok);
	persner_normbuf_free(&nb);
	return ok;
}

#define toks_are(src, want) toks_are_((src), 0, (want))
#define orig_toks_are(src, want) toks_are_((src), 1, (want))

/*
 * check_tokens - the invariants of a tokenization: tokens in order, not
 * overlapping, non-empty, on character boundaries, no space inside, no
 * ZWNJ at an edge, the original range equal to the map's
 */
static int
check_tokens(const PersnerNormBuf *nb, const PersnerToken *tok, size_t T)
{
	const uint8_t *t = (const uint8_t *) nb->text;
	size_t		k;
	size_t		prev = 0;

	for (k = 0; k < T; k++)
	{
		size_t		i;

		if (tok[k].nbeg < prev || tok[k].nend <= tok[k].nbeg || tok[k].nend > nb->len)
			return 0;
		if ((t[tok[k].nbeg] & 0xC0) == 0x80 ||
			(tok[k].nend < nb->len && (t[tok[k].nend] & 0xC0) == 0x80))
			return 0;
		if (tok[k].obeg != nb->obeg[tok[k].nbeg] || tok[k].oend != nb->oend[tok[k].nend - 1])
			return 0;
		for (i = tok[k].nbeg; i < tok[k].nend; i++)
			if (t[i] == ' ')
				return 0;
		if (tok[k].nend - tok[k].nbeg >= 3 &&
			(memcmp(t + tok[k].nbeg, "\u200C", 3) == 0 ||
			 memcmp(t + tok[k].nend - 3, "\u200C", 3) == 0))
			return 0;
		prev = tok[k].nend;
	}
	return 1;
}

/* segs_are - cut text with persner_segment_next and compare the pieces, '|'-joined */
static int
segs_are(const char *text, size_t max_bytes, const char *want)
{
	char		got[4096];
	size_t		len = strlen(text);
	size_t		off = 0;
	size_t		n = 0;
	int			ok;

	while (off < len)
	{
		size_t		s = persner_segment_next(text + off, len - off, max_bytes);

		if (s == 0 || s > len - off)
			return 0;
		if (off > 0)
			got[n++] = '|';
		memcpy(got + n, text + off, s);
		n += s;
		off += s;
	}
	got[n] = '\0';
	ok = strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "segments(\"%s\", %zu) = \"%s\", want \"%s\"\n", text, max_bytes, got, want);
	return ok;
}

/* ---------------------------------------------------------------------
 * tokens
 * ---------------------------------------------------------------------
 */

TEST(words_and_punctuation)
{
	CHECK(toks_are("شهرداری تهران روز شنبه طرح تازه‌ای را معرفی کرد.",
				   "شهرداری|تهران|روز|شنبه|طرح|تازه\u200Cای|را|معرفی|کرد|."));
	CHECK(toks_are("به گزارش خبرنگار ما، وزیر نیرو (در سفر به یزد) گفت: «آب کم است»؛ چرا؟",
				   "به|گزارش|خبرنگار|ما|،|وزیر|نیرو|(|در|سفر|به|یزد|)|گفت|:|«|آب|کم|است|»|؛|چرا|؟"));
	CHECK(toks_are("!?[]{}\"'-–—/\\…*#@",
				   "!|?|[|]|{|}|\"|'|-|–|—|/|\\|…|*|#|@"));
	CHECK(toks_are("", ""));
	CHECK(toks_are(" \t\n ", ""));
	CHECK(toks_are("\u200C", ""));
	CHECK(toks_are("تیم‌های فوتبال", "تیم\u200Cهای|فوتبال"));
}

TEST(zwnj_words_are_one_token)
{
	CHECK(toks_are("کتاب‌ها را نمی‌خوانند", "کتاب\u200Cها|را|نمی\u200Cخوانند"));
	CHECK(toks_are("کتاب‌‌‌ها", "کتاب\u200Cها"));		/* a run of ZWNJ */
	CHECK(toks_are("‌کتاب‌ ", "کتاب"));					/* ZWNJ at the edges */
	CHECK(toks_are("بین‌المللی", "بین\u200Cالمللی"));
}

TEST(numbers_dates_times)
{
	CHECK(toks_are("تاریخ 1398/05/12 ساعت 21:30", "تاریخ|۱۳۹۸/۰۵/۱۲|ساعت|۲۱:۳۰"));
	CHECK(toks_are("نرخ تورم 2.5 درصد و قیمت 32,390 تومان", "نرخ|تورم|۲.۵|درصد|و|قیمت|۳۲,۳۹۰|تومان"));
	CHECK(toks_are("۳٫۵ و ۱۲٬۰۰۰", "۳.۵|و|۱۲,۰۰۰"));
	CHECK(toks_are("بازه 10-20", "بازه|۱۰|-|۲۰"));
	CHECK(toks_are("۲۵%", "۲۵|٪"));
	CHECK(toks_are("۲۵ درصد یا ٪۲۵", "۲۵|درصد|یا|٪|۲۵"));
	CHECK(toks_are("عدد 5.", "عدد|۵|."));
	CHECK(toks_are("سال 1400، ماه 3.", "سال|۱۴۰۰|،|ماه|۳|."));
	CHECK(toks_are("۱۲:", "۱۲|:"));
	CHECK(toks_are(",۵", ",|۵"));
}

TEST(alnum_runs)
{
	CHECK(toks_are("نشست G20 در روز ۲۰ام", "نشست|g۲۰|در|روز|۲۰ام"));
	CHECK(toks_are("MP3", "mp۳"));
}

TEST(dotted_abbreviations_urls_emails)
{
	CHECK(toks_are("شبکه بی.بی.سی گزارش داد", "شبکه|بی.بی.سی|گزارش|داد"));
	CHECK(toks_are("نشانی www.example.ir و info@example.com", "نشانی|www.example.ir|و|info@example.com"));
	CHECK(toks_are("و ... از این", "و|...|از|این"));
	CHECK(toks_are("پایان..", "پایان|.."));
	CHECK(toks_are("a.", "a|."));
	CHECK(toks_are("@user", "@|user"));
}

TEST(honorifics)
{
	CHECK(toks_are("امام علی (ع) فرمود", "امام|علی|(ع)|فرمود"));
	CHECK(toks_are("امام خمینی (ره)، پیامبر (ص)", "امام|خمینی|(ره)|،|پیامبر|(ص)"));
	CHECK(toks_are("بند (ب) و (عکس)", "بند|(|ب|)|و|(|عکس|)"));
	CHECK(toks_are("(ع", "(|ع"));
}

TEST(emoji_and_symbols)
{
	CHECK(toks_are("عالی بود😀👍", "عالی|بود|\U0001F600|\U0001F44D"));
	CHECK(toks_are("❤️ ایران", "\u2764|ایران"));	/* the variation selector is dropped */
	CHECK(toks_are("a+b=c", "a|+|b|=|c"));
	CHECK(toks_are("۵۰$ و ۱۰€", "۵۰|$|و|۱۰|€"));
}

TEST(other_scripts)
{
	CHECK(toks_are("中文 Ελληνικά Русский", "中文|ελληνικά|русский"));
	/* marks (Mn) of every script are dropped, as the Persian ones are */
	CHECK(toks_are("नमस्ते", "नमसत"));
}

TEST(original_offsets)
{
	PersnerNormBuf nb;
	PersnerToken tok[16];
	const char *s = "كتابِ  من";
	size_t		T;

	memset(&nb, 0, sizeof(nb));
	/* the original text of each token, marks and Arabic letters included */
	CHECK(orig_toks_are(s, "كتابِ|من"));
	CHECK(orig_toks_are("ﻻ ﻻ", "ﻻ|ﻻ"));
	CHECK(orig_toks_are("\u200Fشهرداري\u200E تهران", "شهرداري|تهران"));
	CHECK(orig_toks_are("مـــی‌شود ٪۲۵", "مـــی‌شود|٪|۲۵"));
	CHECK(orig_toks_are("ABC 1398/5/12", "ABC|1398/5/12"));

	CHECK_EQ_INT(persner_normalize(s, strlen(s), 0, &nb), PERSNER_OK);
	T = persner_tokenize(&nb, tok);
	CHECK_EQ_INT(T, 2);
	CHECK_EQ_INT(tok[0].obeg, 0);
	CHECK_EQ_INT(tok[0].oend, 10);
	CHECK_EQ_INT(tok[0].nbeg, 0);
	CHECK_EQ_INT(tok[0].nend, 8);
	CHECK_EQ_INT(tok[1].obeg, 12);
	CHECK_EQ_INT(tok[1].oend, 16);
	CHECK(check_tokens(&nb, tok, T));
	CHECK_EQ_INT(persner_tokenize(NULL, tok), 0);
	persner_normbuf_free(&nb);
}

TEST(pretokenized_token_stays_one)
{
	/* a PEYMA-style token normalized with SPACE_AS_ZWNJ is one token */
	static const char *const words[] = {"می شود", "سازمان ها", "بی. بی. سی", "25 ام"};
	PersnerNormBuf nb;
	PersnerToken tok[32];
	size_t		k;

	memset(&nb, 0, sizeof(nb));
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
	{
		CHECK_EQ_INT(persner_normalize(words[k], strlen(words[k]), PERSNER_NORM_SPACE_AS_ZWNJ, &nb),
					 PERSNER_OK);
		CHECK_EQ_INT(persner_tokenize(&nb, tok), 1);
	}
	persner_normbuf_free(&nb);
}

static const uint32_t interesting[] = {
	'a', 'Z', '0', '9', ' ', '.', '.', '%', ',', '/', ':', '-', '@', '(', ')', '\n', '\t',
	0x0628, 0x067E, 0x0633, 0x0644, 0x0627, 0x0645, 0x06CC, 0x0639, 0x0647, 0x0631, 0x062C,
	0x064A, 0x0643, 0x064E, 0x0640, 0x060C, 0x061F, 0x066A, 0x066B, 0x066C, 0x06F0, 0x06F5,
	0x0660, 0x06D4, 0x200C, 0x200C, 0x200D, 0x200F, 0x00A0, 0x2009, 0x00AB, 0x00BB, 0x2026,
	0x201D, 0xFEFB, 0xFDFA, 0xFF21, 0x00BD, 0x1F600, 0x4E2D, 0x0301, 0xFE0F,
};

TEST(random_text_invariants)
{
	char		s[80 * 4 + 1];
	PersnerNormBuf nb;
	PersnerToken *tok = NULL;
	size_t		tokcap = 0;
	int			iter;
	int			bad = 0;

	memset(&nb, 0, sizeof(nb));
	for (iter = 0; iter < 20000; iter++)
	{
		size_t		n = 0;
		size_t		k;
		size_t		len = unit_randn(80);
		size_t		T;

		for (k = 0; k < len; k++)
			n += (size_t) persner_utf8_encode(interesting[unit_randn(sizeof(interesting) / sizeof(interesting[0]))],
											  (uint8_t *) s + n);
		if (persner_normalize(s, n, (int) unit_randn(2), &nb) != PERSNER_OK)
		{
			bad++;
			continue;
		}
		if (tokcap < nb.len + 1)
		{
			free(tok);
			tokcap = nb.len + 1;
			tok = malloc(tokcap * sizeof(PersnerToken));
		}
		T = persner_tokenize(&nb, tok);
		if (T > nb.len || !check_tokens(&nb, tok, T))
			bad++;
		/* original ranges are non-empty and inside the input */
		for (k = 0; k < T; k++)
			if (tok[k].oend <= tok[k].obeg || tok[k].oend > n)
				bad++;
	}
	CHECK_EQ_INT(bad, 0);
	free(tok);
	persner_normbuf_free(&nb);
}

/* ---------------------------------------------------------------------
 * sentences
 * ---------------------------------------------------------------------
 */

TEST(segment_terminators)
{
	const size_t M = PERSNER_MAX_SENTENCE_BYTES;

	CHECK(segs_are("هوا سرد شد. باران آمد! چرا؟ نمی‌دانم.", M,
				   "هوا سرد شد. |باران آمد! |چرا؟ |نمی‌دانم."));
	CHECK(segs_are("نرخ 2.5 درصد شد. سایت www.x.ir است.", M,
				   "نرخ 2.5 درصد شد. |سایت www.x.ir است."));
	CHECK(segs_are("او گفت: «می‌آیم.» سپس رفت.", M,
				   "او گفت: «می‌آیم.» |سپس رفت."));
	CHECK(segs_are("واقعا؟! بله… شاید۔ خیر", M, "واقعا؟! |بله… |شاید۔ |خیر"));
	CHECK(segs_are("(این درست است.) بعدی", M, "(این درست است.) |بعدی"));
	CHECK(segs_are("صبر کنید... باشه", M, "صبر کنید... |باشه"));
	CHECK(segs_are("خط اول\nخط دوم\n\nخط سوم", M, "خط اول\n|خط دوم\n|\n|خط سوم"));
	CHECK(segs_are("پایان.  \n  شروع", M, "پایان.  \n|  شروع"));
	CHECK(segs_are("بدون پایان", M, "بدون پایان"));
	CHECK(segs_are(".", M, "."));
	CHECK(segs_are("\n", M, "\n"));
	CHECK_EQ_INT(persner_segment_next("", 0, M), 0);
	CHECK_EQ_INT(persner_segment_next("abc", 0, M), 0);
}

TEST(segment_max_bytes)
{
	/* cut after the last whitespace before the limit */
	CHECK(segs_are("aaa bbb ccc", 6, "aaa |bbb |ccc"));
	CHECK(segs_are("سلام دنیا", 9, "سلام |دنیا"));
	/* no whitespace: at the last character boundary, never inside a character */
	CHECK(segs_are("سلامدنیا", 5, "سل|ام|دن|یا"));
	CHECK(segs_are("\U0001F600\U0001F600", 5, "\U0001F600|\U0001F600"));
	/* a limit smaller than one character still makes progress */
	CHECK(segs_are("\U0001F600ب", 1, "\U0001F600|ب"));
	CHECK(segs_are("ab", 0, "a|b"));
	/* a terminator beyond the limit does not count */
	CHECK(segs_are("abcdef. gh", 4, "abcd|ef. |gh"));
}

TEST(segment_random_never_splits)
{
	char		s[120 * 4 + 1];
	int			iter;
	int			bad = 0;

	for (iter = 0; iter < 20000; iter++)
	{
		size_t		n = 0;
		size_t		k;
		size_t		len = unit_randn(120);
		size_t		max = 1 + unit_randn(40);
		size_t		off = 0;

		for (k = 0; k < len; k++)
			n += (size_t) persner_utf8_encode(interesting[unit_randn(sizeof(interesting) / sizeof(interesting[0]))],
											  (uint8_t *) s + n);
		while (off < n)
		{
			size_t		g = persner_segment_next(s + off, n - off, max);

			if (g == 0 || g > n - off || (g > max && g > 4) ||
				(off + g < n && ((uint8_t) s[off + g] & 0xC0) == 0x80))
			{
				bad++;
				break;
			}
			off += g;
		}
	}
	CHECK_EQ_INT(bad, 0);
}

/*
 * bug 12.1: the segmenter scanned a run of terminators and closers to its
 * end once for every terminator in it, and past max_bytes: quadratic on
 * repeat('.', N) (400,000 dots took a minute in persner_tag).  Cut 8 MB of
 * each such run into sentences: a linear scan takes milliseconds, the
 * quadratic one took hours, and the alarm kills the test after 60 s.
 * The pieces are the same as before: max_bytes each, whitespace ends them.
 */
TEST(bug_12_1_segment_terminator_runs_linear)
{
	static const char *const units[] = {
		".", "!", "?", "\u061F", "\u06D4", "\u2026", ".)", ")", "\u00BB", "\"'\u201D\u2019]",
		".!?\u061F\u06D4\u2026\u00BB)]\"'",
	};
	size_t		N = (size_t) 8 << 20;
	char	   *doc = malloc(N + 8);
	size_t		u;

	alarm(60);
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
	{
		size_t		ul = strlen(units[u]),
					n = 0,
					off = 0,
					pieces = 0,
					bad = 0;

		while (n + ul <= N)
		{
			memcpy(doc + n, units[u], ul);
			n += ul;
		}
		memcpy(doc + n, " x", 2);
		n += 2;
		while (off < n)
		{
			size_t		g = persner_segment_next(doc + off, n - off, PERSNER_MAX_SENTENCE_BYTES);

			if (g == 0 || g > PERSNER_MAX_SENTENCE_BYTES ||
				(off + g < n && ((uint8_t) doc[off + g] & 0xC0) == 0x80))
				bad++;
			/* every piece but the last two is cut at the limit (less a split character) */
			if (off + g < n - 2 && g + 4 <= PERSNER_MAX_SENTENCE_BYTES)
				bad++;
			off += g ? g : n;
			pieces++;
		}
		CHECK_EQ_INT(bad, 0);
		CHECK(pieces >= N / PERSNER_MAX_SENTENCE_BYTES);
	}
	alarm(0);
	/* a run followed by a space still ends a sentence, one at the limit does not */
	CHECK(segs_are("!!!!!! x", 8, "!!!!!! |x"));
	CHECK(segs_are("a..... b", 5, "a....|. |b"));
	CHECK(segs_are("a.).).) b. c", 100, "a.).).) |b. |c"));
	free(doc);
}

/*
 * bug 12.3: U+200B (zero-width space) and U+FEFF inside a name were
 * dropped, which glued two words into one token (شهرداری​تهران).  They
 * separate tokens now, and the original offsets still cover the words.
 */
TEST(bug_12_3_zero_width_space_separates_tokens)
{
	CHECK(toks_are("شهرداری\u200Bتهران", "شهرداری|تهران"));
	CHECK(orig_toks_are("شهرداری\u200Bتهران", "شهرداری|تهران"));
	CHECK(toks_are("\uFEFFبانک\uFEFFملی\uFEFF", "بانک|ملی"));
	CHECK(orig_toks_are("x\u200B\u200By", "x|y"));
	/* a ZWNJ next to a zero-width space is at a word edge: it goes */
	CHECK(toks_are("می\u200C\u200Bشود", "می|شود"));
}

int
main(void)
{
	RUN(words_and_punctuation);
	RUN(zwnj_words_are_one_token);
	RUN(numbers_dates_times);
	RUN(alnum_runs);
	RUN(dotted_abbreviations_urls_emails);
	RUN(honorifics);
	RUN(emoji_and_symbols);
	RUN(other_scripts);
	RUN(original_offsets);
	RUN(pretokenized_token_stays_one);
	RUN(random_text_invariants);
	RUN(segment_terminators);
	RUN(segment_max_bytes);
	RUN(segment_random_never_splits);
	RUN(bug_12_1_segment_terminator_runs_linear);
	RUN(bug_12_3_zero_width_space_separates_tokens);
	UNIT_DONE();
}
