/*
 * values.c - dates, amounts, percentages and times of day from entity text
 *
 * The grammar.  An entity's text is normalized (normalize.c: Persian
 * digits, ٫ -> '.', ٬ -> ',', % -> ٪, Arabic letter forms folded), then cut
 * into three kinds of token: numbers (digits with the separators . , / : -
 * between digits, kept in one token: ۱۴۰۳/۰۳/۱۵, ۲۱:۳۰, ۳۲,۳۹۰), words
 * (letters, ZWNJs dropped: "سه‌شنبه" and "سه شنبه" are both looked up as
 * "سهشنبه") and single punctuation marks.  A keyword may span up to three
 * tokens ("ربیع الاول", "ه . ش"); the longest match wins.
 *
 * Each kind reads the whole token list with a small recursive-descent
 * grammar; a token it does not expect makes the value unresolved (NULL)
 * rather than half-read: a wrong date is worse than none.
 *
 *   number   := (digits | spell-out words | scale) { scale } { "و" number }
 *               with "و نیم" adding half of the last scale
 *   money    := number [currency]          (toman -> IRR x 10)
 *   percent  := number ("درصد" | "٪") | "٪" number
 *   date     := range | relative | absolute
 *   absolute := [weekday] [روز] (day month [year] | month [year]
 *               | [سال] year | y/m/d | d/m/y | دهه year) [era]
 *   range    := [از] absolute-or-part "تا" absolute (missing fields of the
 *               left side come from the right: ۱۵ تا ۲۰ خرداد ۱۴۰۳)
 *   relative := امروز | دیروز | ... | [N] (روز|هفته|ماه|سال) (گذشته|آینده|...)
 *               | امسال | پارسال | month (امسال|پارسال|...)
 *   time     := [ساعت] hour[:mm] [و minutes [دقیقه] | و نیم | و ربع]
 *               [صبح|ظهر|عصر|شب|...] [relative day | absolute date]
 *
 * Numbers.  Digits give an exact decimal (a 64-bit mantissa and a power of
 * ten, so ۲٫۵ میلیون is exactly 2500000); "," groups thousands when every
 * group after the first has three digits; a single "/" is the decimal
 * point in an amount (Persian writes ۲/۵ درصد) and a date separator in a
 * date.  Spelled-out numbers go to ICU's rule-based spell-out format for
 * "fa" (unum_parseDecimal), which reads "دو میلیون و پانصد هزار" but not a
 * lone scale word, "نیم" or a number mixed with digits; those few cases
 * are the grammar above.
 *
 * Calendars.  A date is a (calendar, year, month, day) triple turned into a
 * Julian Day Number by ICU: "@calendar=persian" for Jalali, the proleptic
 * Gregorian calendar (the one PostgreSQL's date uses), and
 * "@calendar=islamic-umalqura" for Hijri.  Umm al-Qura rather than
 * islamic-civil: its months follow the astronomical calendar that Saudi
 * Arabia publishes (ICU has its table for 1300-1600 AH and falls back to
 * the civil calendar outside it), so it more often names the day the
 * month was actually observed to begin: ۱۰ محرم ۱۴۴۶ (Ashura) is
 * 2024-07-16 in Umm al-Qura, the day Iran marked it, and 2024-07-17 in
 * the arithmetic civil calendar.  Iran's own lunar calendar follows
 * sightings and can still differ from both by a day.  A period's end is
 * the first day of the next period asked of the same calendar (Nowruz to
 * Nowruz for a Jalali year), and a month is moved with ucal_add, so no
 * month length or leap rule is written here.  Relative months and years
 * (ماه آینده, پارسال) are Jalali, and a week starts on Saturday, as in
 * Iran.
 */
#include "values.h"
#include "charclass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#define MAX_TOKENS		64
#define MAX_TOKEN_BYTES	64

#define JDN_UNIX_EPOCH	2440588	/* JDN of 1970-01-01 */
#define MS_PER_DAY		86400000.0

/* calendars */
#define CAL_JALALI		0
#define CAL_GREGORIAN	1
#define CAL_HIJRI		2
#define NCAL			3

struct PersnerValueParser
{
	UCalendar  *cal[NCAL];
	UNumberFormat *spell;		/* spell-out, "fa" */
	PersnerNormBuf nb;
	PersnerWordTable words;		/* the keywords, hashed */
};

/* ---------------------------------------------------------------------
 * Exact decimals: mant * 10^-scale
 * ---------------------------------------------------------------------
 */
typedef struct Dec
{
	int64_t		mant;
	int			scale;			/* 0..18 */
} Dec;

#define DEC_MAX_SCALE 18

static int
dec_mul_pow10(Dec *d, int e)
{
	if (e < 0)
	{
		if (d->scale - e > DEC_MAX_SCALE)
			return 0;
		d->scale -= e;
		return 1;
	}
	while (e > 0 && d->scale > 0)
	{
		d->scale--;
		e--;
	}
	while (e-- > 0)
	{
		if (d->mant > INT64_MAX / 10)
			return 0;
		d->mant *= 10;
	}
	return 1;
}

/* dec_align - bring a and b to one scale */
static int
dec_align(Dec *a, Dec *b)
{
	while (a->scale < b->scale)
	{
		if (a->mant > INT64_MAX / 10)
			return 0;
		a->mant *= 10;
		a->scale++;
	}
	while (b->scale < a->scale)
	{
		if (b->mant > INT64_MAX / 10)
			return 0;
		b->mant *= 10;
		b->scale++;
	}
	return 1;
}

static int
dec_add(Dec *a, Dec b)
{
	if (!dec_align(a, &b) || a->mant > INT64_MAX - b.mant)
		return 0;
	a->mant += b.mant;
	return 1;
}

/* dec_int - the value as an integer, if it is one and fits */
static int
dec_int(Dec d, int64_t *out)
{
	int			s;

	for (s = 0; s < d.scale; s++)
	{
		if (d.mant % 10 != 0)
			return 0;
		d.mant /= 10;
	}
	*out = d.mant;
	return 1;
}

/* dec_format - plain decimal text, no exponent, no trailing fraction zeros */
static void
dec_format(Dec d, char *out, size_t cap)
{
	char		digits[32];
	int			n,
				i,
				k = 0;

	while (d.scale > 0 && d.mant % 10 == 0)
	{
		d.mant /= 10;
		d.scale--;
	}
	n = 0;
	do
	{
		digits[n++] = (char) ('0' + d.mant % 10);
		d.mant /= 10;
	} while (d.mant > 0);
	while (n <= d.scale)
		digits[n++] = '0';
	for (i = n - 1; i >= 0 && (size_t) k + 2 < cap; i--)
	{
		out[k++] = digits[i];
		if (i == d.scale && i > 0)
			out[k++] = '.';
	}
	out[k] = '\0';
}

/*
 * dec_parse - ICU's decimal text ("2000000", "8.5E+11", "0.5") into d
 */
static int
dec_parse(const char *s, Dec *d)
{
	int			seen_point = 0,
				any = 0;

	d->mant = 0;
	d->scale = 0;
	for (; *s; s++)
	{
		if (*s >= '0' && *s <= '9')
		{
			if (d->mant > (INT64_MAX - 9) / 10)
				return 0;
			d->mant = d->mant * 10 + (*s - '0');
			if (seen_point)
			{
				if (++d->scale > DEC_MAX_SCALE)
					return 0;
			}
			any = 1;
		}
		else if (*s == '.' && !seen_point)
			seen_point = 1;
		else if (*s == 'E' || *s == 'e')
		{
			int			neg = 0,
						e = 0;

			s++;
			if (*s == '+' || *s == '-')
				neg = (*s++ == '-');
			if (*s < '0' || *s > '9')
				return 0;
			for (; *s >= '0' && *s <= '9'; s++)
			{
				e = e * 10 + (*s - '0');
				if (e > 40)
					return 0;
			}
			if (*s != '\0')
				return 0;
			return any && dec_mul_pow10(d, neg ? -e : e);
		}
		else
			return 0;
	}
	return any;
}

/* ---------------------------------------------------------------------
 * Tokens
 * ---------------------------------------------------------------------
 */
#define TK_NUM		1			/* ASCII digits and separators */
#define TK_WORD		2			/* letters, ZWNJ dropped */
#define TK_PUNCT	3			/* one code point */

typedef struct VTok
{
	int			kind;
	char		s[MAX_TOKEN_BYTES];	/* NUL-terminated; "" if too long */
	const char *raw;			/* its normalized text (for ICU) */
	size_t		rawlen;
	short		kw;				/* keyword starting here: index + 1, or 0 */
	short		kwn;			/* tokens it spans */
} VTok;

typedef struct Toks
{
	VTok		t[MAX_TOKENS];
	int			n;
} Toks;

static int
is_letter(uint32_t cp)
{
	if ((cp >= 0x0620 && cp <= 0x064A && cp != 0x0640) || (cp >= 0x0671 && cp <= 0x06D3))
		return 1;
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return 0;
	return u_isalpha((UChar32) cp) != 0;
}

static int
is_num_sep(uint32_t cp)
{
	return cp == '.' || cp == ',' || cp == '/' || cp == ':' || cp == '-';
}

/*
 * lex - normalized text -> tokens; 0 when there are more than MAX_TOKENS
 */
static int
lex(const char *s, size_t len, Toks *tk)
{
	size_t		i = 0;

	tk->n = 0;
	while (i < len)
	{
		uint32_t	cp;
		int			n = persner_utf8_decode((const uint8_t *) s + i, len - i, &cp);
		VTok	   *t;
		size_t		k = 0;

		if (n <= 0)
			return 0;
		if (cp == ' ' || cp == PERSNER_ZWNJ_CP)
		{
			i += n;
			continue;
		}
		if (tk->n == MAX_TOKENS)
			return 0;
		t = &tk->t[tk->n++];
		t->raw = s + i;
		if (persner_digit_value(cp) >= 0)
		{
			t->kind = TK_NUM;
			for (;;)
			{
				int			dv = persner_digit_value(cp);

				if (dv >= 0 || is_num_sep(cp))
				{
					if (dv < 0)
					{
						/* a separator stays only with a digit after it */
						uint32_t	nx;
						int			m = (i + n < len) ?
							persner_utf8_decode((const uint8_t *) s + i + n, len - i - n, &nx) : 0;

						if (m <= 0 || persner_digit_value(nx) < 0)
							break;
					}
					if (k + 1 < MAX_TOKEN_BYTES)
						t->s[k++] = (char) (dv >= 0 ? '0' + dv : (char) cp);
					else
						k = MAX_TOKEN_BYTES;
					i += n;
				}
				else
					break;
				if (i >= len)
					break;
				n = persner_utf8_decode((const uint8_t *) s + i, len - i, &cp);
				if (n <= 0)
					return 0;
			}
		}
		else if (is_letter(cp))
		{
			t->kind = TK_WORD;
			for (;;)
			{
				if (cp != PERSNER_ZWNJ_CP)
				{
					int			b;

					for (b = 0; b < n && k + 1 < MAX_TOKEN_BYTES; b++)
						t->s[k++] = s[i + b];
					if (b < n)
						k = MAX_TOKEN_BYTES;
				}
				i += n;
				if (i >= len)
					break;
				n = persner_utf8_decode((const uint8_t *) s + i, len - i, &cp);
				if (n <= 0)
					return 0;
				if (!is_letter(cp) && cp != PERSNER_ZWNJ_CP)
					break;
			}
		}
		else
		{
			t->kind = TK_PUNCT;
			memcpy(t->s, s + i, n);
			k = n;
			i += n;
		}
		t->rawlen = (size_t) ((s + i) - t->raw);
		if (k >= MAX_TOKEN_BYTES)
			k = 0;				/* too long to be anything we know */
		t->s[k] = '\0';
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * Keywords (normalized spelling, ZWNJ and spaces removed)
 * ---------------------------------------------------------------------
 */
enum
{
	KW_NONE = 0,
	KW_JMONTH, KW_GMONTH, KW_HMONTH,	/* val: month 1..12 */
	KW_WEEKDAY,
	KW_SCALE,					/* val: power of ten */
	KW_CURRENCY,				/* val: index in currencies[] */
	KW_ERA,						/* val: calendar */
	KW_RELDAY,					/* val: day offset (امروز 0, دیروز -1) */
	KW_RELNIGHT,				/* امشب 0, دیشب -1: a day, and night */
	KW_RELYEAR,					/* val: Jalali year offset (امسال 0, پارسال -1) */
	KW_UNIT,					/* val: U_DAY .. U_YEAR */
	KW_DIR,						/* val: -1 past, +1 next, 0 current */
	KW_THIS,					/* این */
	KW_FILLER,					/* تاریخ, مورخ, در: nothing */
	KW_AND,						/* و */
	KW_HALF,					/* نیم */
	KW_QUARTER,					/* ربع */
	KW_PERCENT,					/* درصد, ٪ */
	KW_TO,						/* تا */
	KW_FROM,					/* از */
	KW_HOUR,					/* ساعت */
	KW_MINUTE,					/* دقیقه */
	KW_PERIOD,					/* val: P_AM .. */
	KW_DECADE,					/* دهه */
	KW_ORDSUFFIX,				/* ام, م, مین, امین after digits */
	KW_ORDINAL,					/* val: اول 1, سوم 3 */
	KW_PUNCT					/* ، , : skipped between parts */
};

#define U_DAY	1
#define U_WEEK	2
#define U_MONTH	3
#define U_YEAR	4

#define P_AM		1			/* صبح, بامداد */
#define P_NOON		2			/* ظهر */
#define P_PM		3			/* بعدازظهر, عصر, غروب */
#define P_NIGHT		4			/* شب */
#define P_MIDNIGHT	5			/* نیمه شب */

typedef struct Keyword
{
	const char *key;
	int			cls;
	int			val;
} Keyword;

typedef struct Currency
{
	const char *code;
	int			pow10;			/* amount in code's units = number * 10^pow10 */
} Currency;

static const Currency currencies[] = {
	{"IRR", 0}, {"IRR", 1}, {"USD", 0}, {"EUR", 0}, {"GBP", 0}, {"AED", 0},
	{"CNY", 0}, {"JPY", 0}, {"RUB", 0}, {"TRY", 0}, {"INR", 0}, {"CHF", 0},
	{"CAD", 0}, {"AUD", 0}, {"SAR", 0}, {"QAR", 0}, {"OMR", 0}, {"IQD", 0},
	{"KWD", 0}, {"AFN", 0}, {"AZN", 0}, {"BTC", 0}
};

#define C_IRR 0
#define C_TOMAN 1

static const Keyword keywords[] = {
	/* Jalali months */
	{"فروردین", KW_JMONTH, 1}, {"اردیبهشت", KW_JMONTH, 2}, {"خرداد", KW_JMONTH, 3},
	{"تیر", KW_JMONTH, 4}, {"مرداد", KW_JMONTH, 5}, {"امرداد", KW_JMONTH, 5},
	{"شهریور", KW_JMONTH, 6}, {"مهر", KW_JMONTH, 7}, {"آبان", KW_JMONTH, 8},
	{"آذر", KW_JMONTH, 9}, {"دی", KW_JMONTH, 10}, {"بهمن", KW_JMONTH, 11},
	{"اسفند", KW_JMONTH, 12},
	/* Gregorian months, in the spellings of Persian news */
	{"ژانویه", KW_GMONTH, 1}, {"ژانویهی", KW_GMONTH, 1}, {"ژانوبه", KW_GMONTH, 1},
	{"فوریه", KW_GMONTH, 2}, {"مارس", KW_GMONTH, 3}, {"مارچ", KW_GMONTH, 3},
	{"آوریل", KW_GMONTH, 4}, {"آپریل", KW_GMONTH, 4}, {"مه", KW_GMONTH, 5},
	{"می", KW_GMONTH, 5}, {"ژوئن", KW_GMONTH, 6}, {"جون", KW_GMONTH, 6},
	{"ژوئیه", KW_GMONTH, 7}, {"ژوییه", KW_GMONTH, 7}, {"جولای", KW_GMONTH, 7},
	{"اوت", KW_GMONTH, 8}, {"اگوست", KW_GMONTH, 8}, {"آگوست", KW_GMONTH, 8},
	{"سپتامبر", KW_GMONTH, 9}, {"اکتبر", KW_GMONTH, 10}, {"نوامبر", KW_GMONTH, 11},
	{"دسامبر", KW_GMONTH, 12},
	/* Hijri months */
	{"محرم", KW_HMONTH, 1}, {"محرمالحرام", KW_HMONTH, 1}, {"صفر", KW_HMONTH, 2},
	{"ربیعالاول", KW_HMONTH, 3}, {"ربیعالثانی", KW_HMONTH, 4}, {"ربیعالآخر", KW_HMONTH, 4},
	{"جمادیالاول", KW_HMONTH, 5}, {"جمادیالاولی", KW_HMONTH, 5},
	{"جمادیالثانی", KW_HMONTH, 6}, {"جمادیالآخر", KW_HMONTH, 6}, {"جمادیالثانیه", KW_HMONTH, 6},
	{"رجب", KW_HMONTH, 7}, {"شعبان", KW_HMONTH, 8}, {"رمضان", KW_HMONTH, 9},
	{"شوال", KW_HMONTH, 10}, {"ذیقعده", KW_HMONTH, 11}, {"ذیالقعده", KW_HMONTH, 11},
	{"ذوالقعده", KW_HMONTH, 11}, {"ذیحجه", KW_HMONTH, 12}, {"ذیالحجه", KW_HMONTH, 12},
	{"ذوالحجه", KW_HMONTH, 12},
	/*
	 * weekdays, val = days after Saturday: read over before a date; alone,
	 * the day of that name in the anchor's week
	 */
	{"شنبه", KW_WEEKDAY, 0}, {"یکشنبه", KW_WEEKDAY, 1}, {"دوشنبه", KW_WEEKDAY, 2},
	{"سهشنبه", KW_WEEKDAY, 3}, {"چهارشنبه", KW_WEEKDAY, 4}, {"پنجشنبه", KW_WEEKDAY, 5},
	{"جمعه", KW_WEEKDAY, 6},
	/* scales */
	{"هزار", KW_SCALE, 3}, {"میلیون", KW_SCALE, 6}, {"ملیون", KW_SCALE, 6},
	{"میلیارد", KW_SCALE, 9}, {"ملیارد", KW_SCALE, 9}, {"بیلیون", KW_SCALE, 9},
	{"تریلیون", KW_SCALE, 12}, {"همت", KW_SCALE, 12},
	/* currencies */
	{"ریال", KW_CURRENCY, 0}, {"ریالی", KW_CURRENCY, 0}, {"ریالایران", KW_CURRENCY, 0},
	{"تومان", KW_CURRENCY, 1}, {"تومانی", KW_CURRENCY, 1}, {"تومن", KW_CURRENCY, 1},
	{"دلار", KW_CURRENCY, 2}, {"دلاری", KW_CURRENCY, 2}, {"دلارآمریکا", KW_CURRENCY, 2},
	{"دلارامریکا", KW_CURRENCY, 2}, {"دلارآمریکایی", KW_CURRENCY, 2}, {"usd", KW_CURRENCY, 2},
	{"$", KW_CURRENCY, 2},
	{"یورو", KW_CURRENCY, 3}, {"یورویی", KW_CURRENCY, 3}, {"eur", KW_CURRENCY, 3}, {"€", KW_CURRENCY, 3},
	{"پوند", KW_CURRENCY, 4}, {"پوندانگلیس", KW_CURRENCY, 4}, {"پوندانگلستان", KW_CURRENCY, 4},
	{"پوننداسترلینگ", KW_CURRENCY, 4}, {"پونداسترلینگ", KW_CURRENCY, 4}, {"£", KW_CURRENCY, 4},
	{"درهم", KW_CURRENCY, 5}, {"درهمامارات", KW_CURRENCY, 5},
	{"یوان", KW_CURRENCY, 6}, {"یوانچین", KW_CURRENCY, 6},
	{"ین", KW_CURRENCY, 7}, {"ینژاپن", KW_CURRENCY, 7},
	{"روبل", KW_CURRENCY, 8}, {"روبلروسیه", KW_CURRENCY, 8},
	{"لیر", KW_CURRENCY, 9}, {"لیره", KW_CURRENCY, 9}, {"لیرترکیه", KW_CURRENCY, 9},
	{"لیرهترکیه", KW_CURRENCY, 9},
	{"روپیه", KW_CURRENCY, 10}, {"روپیههند", KW_CURRENCY, 10},
	{"فرانک", KW_CURRENCY, 11}, {"فرانکسوئیس", KW_CURRENCY, 11},
	{"دلارکانادا", KW_CURRENCY, 12}, {"دلاراسترالیا", KW_CURRENCY, 13},
	{"ریالعربستان", KW_CURRENCY, 14}, {"ریالسعودی", KW_CURRENCY, 14},
	{"ریالقطر", KW_CURRENCY, 15}, {"ریالعمان", KW_CURRENCY, 16},
	{"دینار", KW_CURRENCY, 17}, {"دینارعراق", KW_CURRENCY, 17}, {"دینارکویت", KW_CURRENCY, 18},
	{"افغانی", KW_CURRENCY, 19}, {"منات", KW_CURRENCY, 20},
	{"بیتکوین", KW_CURRENCY, 21},
	/* eras */
	{"شمسی", KW_ERA, CAL_JALALI}, {"هجریشمسی", KW_ERA, CAL_JALALI},
	{"خورشیدی", KW_ERA, CAL_JALALI}, {"هجریخورشیدی", KW_ERA, CAL_JALALI},
	{"ه.ش", KW_ERA, CAL_JALALI}, {"هش", KW_ERA, CAL_JALALI}, {"هجری", KW_ERA, CAL_JALALI},
	{"قمری", KW_ERA, CAL_HIJRI}, {"هجریقمری", KW_ERA, CAL_HIJRI}, {"ه.ق", KW_ERA, CAL_HIJRI},
	{"هق", KW_ERA, CAL_HIJRI},
	{"میلادی", KW_ERA, CAL_GREGORIAN}, {"م", KW_ERA, CAL_GREGORIAN},
	/* relative */
	{"امروز", KW_RELDAY, 0}, {"دیروز", KW_RELDAY, -1}, {"پریروز", KW_RELDAY, -2},
	{"فردا", KW_RELDAY, 1}, {"پسفردا", KW_RELDAY, 2},
	{"امشب", KW_RELNIGHT, 0}, {"دیشب", KW_RELNIGHT, -1}, {"فرداشب", KW_RELNIGHT, 1},
	{"امسال", KW_RELYEAR, 0}, {"پارسال", KW_RELYEAR, -1}, {"پیرارسال", KW_RELYEAR, -2},
	{"روز", KW_UNIT, U_DAY}, {"هفته", KW_UNIT, U_WEEK}, {"ماه", KW_UNIT, U_MONTH},
	{"سال", KW_UNIT, U_YEAR},
	{"گذشته", KW_DIR, -1}, {"پیش", KW_DIR, -1}, {"قبل", KW_DIR, -1}, {"اخیر", KW_DIR, -1},
	{"آینده", KW_DIR, 1}, {"بعد", KW_DIR, 1}, {"آتی", KW_DIR, 1}, {"دیگر", KW_DIR, 1},
	{"جاری", KW_DIR, 0}, {"کنونی", KW_DIR, 0},
	{"این", KW_THIS, 0},
	{"تاریخ", KW_FILLER, 0}, {"مورخ", KW_FILLER, 0}, {"مورخه", KW_FILLER, 0},
	/* a preposition a tagger may take into the span: «در ۱۵ تا ۲۰ خرداد» */
	{"در", KW_FILLER, 0},
	{"و", KW_AND, 0}, {"نیم", KW_HALF, 0}, {"ربع", KW_QUARTER, 0},
	{"درصد", KW_PERCENT, 0}, {"درصدی", KW_PERCENT, 0}, {"٪", KW_PERCENT, 0},
	{"تا", KW_TO, 0}, {"از", KW_FROM, 0},
	{"ساعت", KW_HOUR, 0}, {"دقیقه", KW_MINUTE, 0},
	{"صبح", KW_PERIOD, P_AM}, {"بامداد", KW_PERIOD, P_AM}, {"ظهر", KW_PERIOD, P_NOON},
	{"بعدازظهر", KW_PERIOD, P_PM}, {"عصر", KW_PERIOD, P_PM}, {"غروب", KW_PERIOD, P_PM},
	{"شب", KW_PERIOD, P_NIGHT}, {"نیمهشب", KW_PERIOD, P_MIDNIGHT},
	{"دهه", KW_DECADE, 0},
	{"ام", KW_ORDSUFFIX, 0}, {"مین", KW_ORDSUFFIX, 0}, {"امین", KW_ORDSUFFIX, 0},
	{"اول", KW_ORDINAL, 1}, {"نخست", KW_ORDINAL, 1}, {"یکم", KW_ORDINAL, 1},
	{"سوم", KW_ORDINAL, 3},
	{"،", KW_PUNCT, 0}, {",", KW_PUNCT, 0}, {"-", KW_PUNCT, 0}
};

#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

/*
 * The keyword table is hashed once, when a parser (or a tagger's rules)
 * is created: a lookup is a few probes, and each token's longest keyword
 * is found once, right after lexing (mark_keywords), so the grammar asks
 * kw_at in O(1).
 */
#define KW_SLOTS PERSNER_WORD_SLOTS

static int
kw_find_exact(const PersnerWordTable *wt, const char *key, size_t len)
{
	uint64_t	h = persner_hash(key, len, 0x76616c7565ULL);
	uint32_t	i;

	for (i = (uint32_t) h & (KW_SLOTS - 1);; i = (i + 1) & (KW_SLOTS - 1))
	{
		int			w = wt->slot[i];

		if (w == 0)
			return -1;
		if (strlen(keywords[w - 1].key) == len && memcmp(keywords[w - 1].key, key, len) == 0)
			return w - 1;
	}
}

/*
 * kw_find - the keyword key[0..len) is, or -1; a Jalali month with ماه
 * written on (اسفندماه, and دی ماه joined by mark_keywords) is the month
 */
static int
kw_find(const PersnerWordTable *wt, const char *key, size_t len)
{
	static const char mah[] = "ماه";
	size_t		ml = sizeof(mah) - 1;
	int			w = kw_find_exact(wt, key, len);

	if (w < 0 && len > ml && memcmp(key + len - ml, mah, ml) == 0 &&
		(w = kw_find_exact(wt, key, len - ml)) >= 0 && keywords[w].cls != KW_JMONTH)
		w = -1;
	return w;
}

void
persner_values_words(PersnerWordTable *wt)
{
	size_t		w;

	memset(wt, 0, sizeof(*wt));
	for (w = 0; w < NKEYWORDS; w++)
	{
		const char *k = keywords[w].key;
		uint32_t	i = (uint32_t) persner_hash(k, strlen(k), 0x76616c7565ULL) & (KW_SLOTS - 1);

		while (wt->slot[i] != 0)
			i = (i + 1) & (KW_SLOTS - 1);
		wt->slot[i] = (uint16_t) (w + 1);
	}
}

/*
 * mark_keywords - for each token, the longest keyword starting there (up to
 * three tokens joined with nothing between them: "ربیع الاول", "ه . ش")
 */
static void
mark_keywords(const PersnerValueParser *vp, Toks *tk)
{
	int			i,
				k;

	for (i = 0; i < tk->n; i++)
	{
		tk->t[i].kw = 0;
		tk->t[i].kwn = 0;
		for (k = 3; k >= 1; k--)
		{
			char		buf[3 * MAX_TOKEN_BYTES];
			size_t		len = 0;
			int			j,
						w;

			if (i + k > tk->n)
				continue;
			for (j = i; j < i + k; j++)
			{
				size_t		l = strlen(tk->t[j].s);

				if (l == 0 || tk->t[j].kind == TK_NUM)
					break;
				memcpy(buf + len, tk->t[j].s, l);
				len += l;
			}
			if (j < i + k)
				continue;
			w = kw_find(&vp->words, buf, len);
			if (w >= 0)
			{
				tk->t[i].kw = (short) (w + 1);
				tk->t[i].kwn = (short) k;
				break;
			}
		}
	}
}

/* kw_at - the class of the keyword at i (KW_NONE if none or past the end) */
static int
kw_at(const Toks *tk, int i, int *val, int *ntok)
{
	int			dummy;
	const Keyword *kw;

	if (ntok == NULL)
		ntok = &dummy;
	*ntok = 0;
	if (i >= tk->n || tk->t[i].kw == 0)
		return KW_NONE;
	kw = &keywords[tk->t[i].kw - 1];
	*ntok = tk->t[i].kwn;
	if (val)
		*val = kw->val;
	return kw->cls;
}

/* ---------------------------------------------------------------------
 * Numbers
 * ---------------------------------------------------------------------
 */

/*
 * digits_number - the value of a number token
 *
 * "," groups thousands (each later group three digits), as does "." when
 * it occurs more than once; a single "." is the decimal point, and so is a
 * single "/" when slash_point.  ":" and "-" make it no plain number.
 */
static int
digits_number(const char *s, int slash_point, Dec *d)
{
	int			ncomma = 0,
				ndot = 0,
				nslash = 0;
	const char *p;
	char		point = 0;
	char		group = 0;

	for (p = s; *p; p++)
	{
		if (*p == ',')
			ncomma++;
		else if (*p == '.')
			ndot++;
		else if (*p == '/')
			nslash++;
		else if (*p < '0' || *p > '9')
			return 0;
	}
	if (nslash > 1 || (nslash == 1 && (!slash_point || ndot > 0)))
		return 0;
	if (ncomma > 0)
	{
		group = ',';
		if (ndot > 1)
			return 0;
		point = ndot == 1 ? '.' : 0;
	}
	else if (ndot > 1)
		group = '.';
	else if (ndot == 1)
		point = '.';
	if (nslash == 1)
		point = '/';

	/* check the groups: every group after the first has three digits */
	if (group)
	{
		int			run = -1;	/* digits since the last group mark; -1 before it */
		int			first = 1;

		for (p = s; *p && *p != point; p++)
		{
			if (*p == group)
			{
				if ((first && run == 0) || (!first && run != 3))
					return 0;
				first = 0;
				run = 0;
			}
			else
				run = run < 0 ? 1 : run + 1;
		}
		if (run != 3)
			return 0;
	}

	d->mant = 0;
	d->scale = 0;
	{
		int			after = 0,
					any = 0;

		for (p = s; *p; p++)
		{
			if (*p >= '0' && *p <= '9')
			{
				if (d->mant > (INT64_MAX - 9) / 10)
					return 0;
				d->mant = d->mant * 10 + (*p - '0');
				if (after && ++d->scale > DEC_MAX_SCALE)
					return 0;
				any = 1;
			}
			else if (point && *p == point)
			{
				if (!any)
					return 0;
				after = 1;
			}
		}
		if (after && d->scale == 0)
			return 0;
		return any;
	}
}

/*
 * spelled_number - an ICU spell-out parse of the words at tk[i..]
 *
 * Builds "w1 w2 ..." from the tokens' normalized text, asks ICU, and
 * accepts the parse only if it ends at a token boundary, or inside a token
 * whose rest is an ordinal suffix (پانزدهم = پانزده + م).  Returns the
 * number of tokens read (0: none).
 */
static int
spelled_number(PersnerValueParser *vp, const Toks *tk, int i, Dec *d, int *ordinal)
{
	UChar		u[512];
	int32_t		ends[MAX_TOKENS];	/* UTF-16 end of each token */
	int32_t		ulen = 0;
	int			j,
				nt = 0;
	int32_t		pos = 0;
	char		out[64];
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		n;

	if (vp->spell == NULL)
		return 0;
	for (j = i; j < tk->n && tk->t[j].kind == TK_WORD; j++)
	{
		int32_t		l;

		st = U_ZERO_ERROR;
		if (j > i)
		{
			if (ulen + 1 >= (int32_t) (sizeof(u) / sizeof(u[0])))
				break;
			u[ulen++] = ' ';
		}
		u_strFromUTF8(u + ulen, (int32_t) (sizeof(u) / sizeof(u[0])) - ulen, &l,
					  tk->t[j].raw, (int32_t) tk->t[j].rawlen, &st);
		if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		{
			if (j > i)
				ulen--;
			break;
		}
		/* a ZWNJ inside a word reads as nothing to ICU: drop it */
		{
			int32_t		a,
						b = ulen;

			for (a = ulen; a < ulen + l; a++)
				if (u[a] != PERSNER_ZWNJ_CP)
					u[b++] = u[a];
			ulen = b;
		}
		ends[nt++] = ulen;
	}
	if (nt == 0)
		return 0;
	st = U_ZERO_ERROR;
	n = unum_parseDecimal(vp->spell, u, ulen, &pos, out, sizeof(out), &st);
	if (U_FAILURE(st) || n <= 0 || n >= (int32_t) sizeof(out) || pos <= 0)
		return 0;
	for (j = 0; j < nt; j++)
	{
		if (pos == ends[j])
			break;
		if (pos < ends[j])
		{
			/* inside token j: the rest must be an ordinal suffix */
			int32_t		start = j > 0 ? ends[j - 1] + 1 : 0;
			char		rest[32];
			int32_t		rl;
			UErrorCode	st2 = U_ZERO_ERROR;

			if (pos <= start)
				return 0;
			u_strToUTF8(rest, sizeof(rest), &rl, u + pos, ends[j] - pos, &st2);
			if (U_FAILURE(st2) || rl >= (int32_t) sizeof(rest))
				return 0;
			rest[rl] = '\0';
			if (strcmp(rest, "م") != 0 && strcmp(rest, "ام") != 0 &&
				strcmp(rest, "مین") != 0 && strcmp(rest, "امین") != 0)
				return 0;
			*ordinal = 1;
			break;
		}
	}
	if (j == nt)
		return 0;
	out[n] = '\0';
	if (!dec_parse(out, d))
		return 0;
	return j + 1;
}

/* is_number_start - whether a number can begin at token i */
static int
is_number_start(PersnerValueParser *vp, const Toks *tk, int i)
{
	int			cls,
				n;
	Dec			d;
	int			ord = 0;

	if (i >= tk->n)
		return 0;
	if (tk->t[i].kind == TK_NUM)
		return 1;
	cls = kw_at(tk, i, NULL, &n);
	if (cls == KW_SCALE || cls == KW_HALF || cls == KW_ORDINAL)
		return 1;
	if (cls != KW_NONE)
		return 0;
	return spelled_number(vp, tk, i, &d, &ord) > 0;
}

/*
 * parse_number - a number at tk[i..]; returns the tokens read (0: none)
 *
 * *ordinal is set when it was written as an ordinal (پانزدهم, ۲۰ام, اول).
 */
static int
parse_number(PersnerValueParser *vp, const Toks *tk, int i, int slash_point,
			 Dec *out, int *ordinal)
{
	Dec			total = {0, 0},
				group = {0, 0};
	int			have_group = 0;
	int			last_scale = 0;
	int			j = i;

	*ordinal = 0;
	if (i < 0 || i >= tk->n)
		return 0;
	while (j < tk->n)
	{
		int			val = 0,
					n = 0;
		int			cls = kw_at(tk, j, &val, &n);

		if (tk->t[j].kind == TK_NUM)
		{
			if (have_group || !digits_number(tk->t[j].s, slash_point, &group))
				break;
			j++;
			/* 32 , 390 (the comma written apart) */
			while (j + 1 < tk->n && strcmp(tk->t[j].s, ",") == 0 &&
				   tk->t[j + 1].kind == TK_NUM && strlen(tk->t[j + 1].s) == 3 &&
				   strspn(tk->t[j + 1].s, "0123456789") == 3 && group.scale == 0)
			{
				if (!dec_mul_pow10(&group, 3))
					return 0;
				if (!dec_add(&group, (Dec) {atoll(tk->t[j + 1].s), 0}))
					return 0;
				j += 2;
			}
			have_group = 1;
			last_scale = 0;
			if (kw_at(tk, j, NULL, &n) == KW_ORDSUFFIX)
			{
				*ordinal = 1;
				j += n;
			}
			continue;
		}
		if (cls == KW_SCALE)
		{
			if (!have_group)
				group = (Dec) {1, 0};
			if (!dec_mul_pow10(&group, val))
				return 0;
			have_group = 1;
			last_scale = val;
			j += n;
			continue;
		}
		if (cls == KW_HALF && !have_group)
		{
			group = (Dec) {5, 1};
			have_group = 1;
			j += n;
			continue;
		}
		if (cls == KW_ORDINAL && !have_group)
		{
			group = (Dec) {val, 0};
			have_group = 1;
			*ordinal = 1;
			j += n;
			continue;
		}
		if (cls == KW_AND && have_group)
		{
			int			n2;

			if (kw_at(tk, j + n, NULL, &n2) == KW_HALF)
			{
				/* و نیم: half of the last scale (دو میلیون و نیم) */
				Dec			half = {5, 1};

				if (!dec_mul_pow10(&half, last_scale) || !dec_add(&group, half))
					return 0;
				j += n + n2;
				continue;
			}
			if (!is_number_start(vp, tk, j + n))
				break;
			if (!dec_add(&total, group))
				return 0;
			have_group = 0;
			j += n;
			continue;
		}
		if (cls == KW_NONE && tk->t[j].kind == TK_WORD && !have_group)
		{
			int			ord = 0;
			int			m = spelled_number(vp, tk, j, &group, &ord);

			if (m == 0)
				break;
			have_group = 1;
			last_scale = 0;
			if (ord)
				*ordinal = 1;
			j += m;
			continue;
		}
		break;
	}
	if (!have_group)
		return 0;				/* nothing, or a dangling "و" */
	if (!dec_add(&total, group))
		return 0;
	*out = total;
	return j - i;
}

/* ---------------------------------------------------------------------
 * Calendars (ICU)
 * ---------------------------------------------------------------------
 */

/* cal_jdn - JDN of (y, m, d) in calendar c; 0 if there is no such day */
static int
cal_jdn(PersnerValueParser *vp, int c, int y, int m, int d, int32_t *jdn)
{
	UCalendar  *cal = vp->cal[c];
	UErrorCode	st = U_ZERO_ERROR;
	UDate		ms;
	double		days;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	ucal_clear(cal);
	ucal_set(cal, UCAL_EXTENDED_YEAR, y);
	ucal_set(cal, UCAL_MONTH, m - 1);
	ucal_set(cal, UCAL_DATE, d);
	ms = ucal_getMillis(cal, &st);
	if (U_FAILURE(st))
		return 0;
	days = ms / MS_PER_DAY;
	if (days < -3000000.0 || days > 3000000.0)
		return 0;
	*jdn = (int32_t) (days >= 0 ? days : days - 0.5) + JDN_UNIX_EPOCH;
	return 1;
}

/* cal_fields - (y, m, d) and weekday (1 Sunday .. 7 Saturday) of a JDN in calendar c */
static int
cal_fields(PersnerValueParser *vp, int c, int32_t jdn, int *y, int *m, int *d, int *dow)
{
	UCalendar  *cal = vp->cal[c];
	UErrorCode	st = U_ZERO_ERROR;

	ucal_setMillis(cal, ((double) jdn - JDN_UNIX_EPOCH) * MS_PER_DAY, &st);
	if (U_FAILURE(st))
		return 0;
	*y = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
	*m = ucal_get(cal, UCAL_MONTH, &st) + 1;
	*d = ucal_get(cal, UCAL_DATE, &st);
	if (dow)
		*dow = ucal_get(cal, UCAL_DAY_OF_WEEK, &st);
	return U_SUCCESS(st);
}

/* cal_add_months - (y, m) moved by n months in calendar c, through ICU */
static int
cal_add_months(PersnerValueParser *vp, int c, int *y, int *m, int n)
{
	UCalendar  *cal = vp->cal[c];
	UErrorCode	st = U_ZERO_ERROR;

	if (*y < 1 || *y > 9999)
		return 0;
	ucal_clear(cal);
	ucal_set(cal, UCAL_EXTENDED_YEAR, *y);
	ucal_set(cal, UCAL_MONTH, *m - 1);
	ucal_set(cal, UCAL_DATE, 1);
	ucal_add(cal, UCAL_MONTH, n, &st);
	*y = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
	*m = ucal_get(cal, UCAL_MONTH, &st) + 1;
	return U_SUCCESS(st);
}

/*
 * A date as written: calendar and the fields it names (0: not named).
 * lo/hi of a part: its first day and the day after its last.
 */
typedef struct DatePart
{
	int			cal;			/* CAL_*, or -1 not yet known */
	int			y,
				m,
				d;
	int			decade;			/* y is the first year of ten */
} DatePart;

static int
part_lo(PersnerValueParser *vp, const DatePart *p, int32_t *jdn)
{
	if (p->y == 0 || p->cal < 0)
		return 0;
	return cal_jdn(vp, p->cal, p->y, p->m ? p->m : 1, p->d ? p->d : 1, jdn);
}

static int
part_hi(PersnerValueParser *vp, const DatePart *p, int32_t *jdn)
{
	int			y = p->y,
				m = p->m;

	if (p->y == 0 || p->cal < 0)
		return 0;
	if (p->d)
	{
		int32_t		lo;

		/* check the day exists, then the next day */
		if (!cal_jdn(vp, p->cal, y, m, p->d, &lo))
			return 0;
		*jdn = lo + 1;
		return 1;
	}
	if (p->m)
	{
		if (!cal_add_months(vp, p->cal, &y, &m, 1))
			return 0;
		return cal_jdn(vp, p->cal, y, m, 1, jdn);
	}
	return cal_jdn(vp, p->cal, y + (p->decade ? 10 : 1), 1, 1, jdn);
}

/* year_calendar - the calendar of a bare year: 1200-1499 Jalali, 1500-2200 Gregorian */
static int
year_calendar(int y)
{
	if (y >= 1200 && y <= 1499)
		return CAL_JALALI;
	if (y >= 1500 && y <= 2200)
		return CAL_GREGORIAN;
	return -1;
}

static int
month_calendar(int cls)
{
	return cls == KW_JMONTH ? CAL_JALALI : cls == KW_GMONTH ? CAL_GREGORIAN : CAL_HIJRI;
}

/* skip_fillers - past weekday names, روز, تاریخ, commas */
static int
skip_fillers(const Toks *tk, int j)
{
	for (;;)
	{
		int			val,
					n;
		int			cls = kw_at(tk, j, &val, &n);

		if (cls == KW_WEEKDAY || cls == KW_FILLER || cls == KW_PUNCT ||
			(cls == KW_UNIT && val == U_DAY && n == 1 &&
			 kw_at(tk, j + 1, NULL, NULL) != KW_DIR))
			j += n;
		else
			return j;
	}
}

/* as_int - a Dec that is a whole number in [lo, hi] */
static int
as_int(Dec d, int lo, int hi, int *out)
{
	int64_t		v;

	if (!dec_int(d, &v) || v < lo || v > hi)
		return 0;
	*out = (int) v;
	return 1;
}

/*
 * num_fields - the fields of a number token of up to three runs of at
 * most maxw digits, between which stands one separator of seps (the same
 * one each time): values in f[3], digit counts in w[3] (each at least 1);
 * returns the number of fields, or 0
 */
static int
num_fields(const char *s, const char *seps, int maxw, int f[3], int w[3])
{
	int			k = 0;
	char		sep = 0;
	const char *q;

	f[0] = f[1] = f[2] = 0;
	w[0] = w[1] = w[2] = 0;
	for (q = s; *q; q++)
	{
		if (*q >= '0' && *q <= '9')
		{
			if (++w[k] > maxw)
				return 0;
			f[k] = f[k] * 10 + (*q - '0');
		}
		else if (w[k] == 0 || (sep && *q != sep) || strchr(seps, *q) == NULL || ++k > 2)
			return 0;
		else
			sep = *q;
	}
	return w[k] > 0 ? k + 1 : 0;
}

/*
 * numeric_date - y/m/d, y-m-d, y.m.d or d/m/y in one number token
 */
static int
numeric_date(const char *s, DatePart *p)
{
	int			f[3],
				w[3];				/* digits in each field */

	if (num_fields(s, "/-.", 4, f, w) != 3)
		return 0;
	if (w[0] == 4 && w[2] <= 2)
	{
		p->y = f[0];
		p->m = f[1];
		p->d = f[2];
	}
	else if (w[2] == 4 && w[0] <= 2)
	{
		p->d = f[0];
		p->m = f[1];
		p->y = f[2];
	}
	else
		return 0;
	p->cal = year_calendar(p->y);
	return p->m >= 1 && p->m <= 12 && p->d >= 1 && p->d <= 31;
}

/*
 * clock_fields - h:mm or h:mm:ss in one number token: one or two digits of
 * hour, two of minutes and of seconds (the ranges are the caller's)
 */
static int
clock_fields(const char *s, int *h, int *mi, int *se)
{
	int			f[3],
				w[3],
				n = num_fields(s, ":", 2, f, w);

	if (n < 2 || w[1] != 2 || (n == 3 && w[2] != 2))
		return 0;
	*h = f[0];
	*mi = f[1];
	*se = f[2];
	return 1;
}

/*
 * parse_era - an era marker at j: sets or checks p->cal; returns tokens read
 */
static int
parse_era(const Toks *tk, int j, DatePart *p, int *bad)
{
	int			val,
				n;

	if (kw_at(tk, j, &val, &n) != KW_ERA)
		return 0;
	if (p->cal >= 0 && p->cal != val && !(p->m == 0 && p->y > 0))
		*bad = 1;				/* خرداد ۱۴۰۳ میلادی */
	p->cal = val;
	return n;
}

/* two_digit_year - ۹۸ with a Jalali month is 1398; with a Hijri one 1498 is too far */
static int
fix_year(DatePart *p, int ydigits)
{
	if (ydigits <= 2 && p->y < 100)
	{
		if (p->cal == CAL_JALALI)
			p->y += 1300;
		else
			return 0;
	}
	return 1;
}

/* digits_in - how many digits the number token at j has (0 if it is no plain integer) */
static int
digits_in(const Toks *tk, int j)
{
	if (j >= tk->n || tk->t[j].kind != TK_NUM)
		return 0;
	if (strspn(tk->t[j].s, "0123456789") != strlen(tk->t[j].s))
		return 0;
	return (int) strlen(tk->t[j].s);
}

/*
 * parse_absolute - an absolute date (or a part of one, for a range's left
 * side) at tk[j..end); returns the index after it, or -1
 *
 * need_year: whether a year must be present (else the anchor supplies it).
 */
static int
parse_absolute(PersnerValueParser *vp, const Toks *tk, int j, int end,
			   DatePart *p, int32_t anchor)
{
	int			val = 0,
				n,
				cls,
				ord;
	Dec			num;
	int			bad = 0;

	p->cal = -1;
	p->y = p->m = p->d = 0;
	p->decade = 0;
	j = skip_fillers(tk, j);
	if (j >= end)
		return -1;

	cls = kw_at(tk, j, &val, &n);
	if (cls == KW_DECADE)
	{
		int			nd = digits_in(tk, j + n);

		if (nd != 2 && nd != 4)
			return -1;
		p->y = atoi(tk->t[j + n].s);
		p->decade = 1;
		j += n + 1;
		j += parse_era(tk, j, p, &bad);
		if (nd == 2)
			p->y += (p->cal == CAL_GREGORIAN) ? 1900 : 1300;
		if (p->cal < 0)
			p->cal = year_calendar(p->y);
		return (p->cal < 0 || bad || p->y % 10 != 0) ? -1 : j;
	}

	/* y/m/d in one token */
	if (tk->t[j].kind == TK_NUM && numeric_date(tk->t[j].s, p))
	{
		j++;
		j += parse_era(tk, j, p, &bad);
		if (p->cal < 0 || bad)
			return -1;
		return j;
	}

	/* a day: a number, then a month */
	if (cls != KW_JMONTH && cls != KW_GMONTH && cls != KW_HMONTH &&
		cls != KW_UNIT)
	{
		int			m = parse_number(vp, tk, j, 0, &num, &ord);
		int			c2,
					n2;

		if (m == 0)
			return -1;
		c2 = kw_at(tk, j + m, &val, &n2);
		if (c2 == KW_UNIT && val == U_MONTH &&
			kw_at(tk, j + m + n2, NULL, NULL) >= KW_JMONTH &&
			kw_at(tk, j + m + n2, NULL, NULL) <= KW_HMONTH)
		{
			m += n2;			/* ۱۰ ماه رمضان */
			c2 = kw_at(tk, j + m, &val, &n2);
		}
		if (c2 >= KW_JMONTH && c2 <= KW_HMONTH)
		{
			if (!as_int(num, 1, 31, &p->d))
				return -1;
			j += m;
			cls = c2;
			n = n2;
		}
		else
		{
			/* a bare year, or a day for a range's left side */
			int			nd = digits_in(tk, j);

			if (!as_int(num, 1, 9999, &p->y))
				return -1;
			j += m;
			j += parse_era(tk, j, p, &bad);
			if (p->cal < 0 && nd >= 3)
				p->cal = year_calendar(p->y);
			if (bad)
				return -1;
			return j;
		}
	}
	else if (cls == KW_UNIT && val == U_MONTH)
	{
		int			c2 = kw_at(tk, j + n, &val, NULL);

		if (c2 < KW_JMONTH || c2 > KW_HMONTH)
			return -1;
		j += n;				/* ماه رمضان */
		cls = kw_at(tk, j, &val, &n);
	}

	if (cls >= KW_JMONTH && cls <= KW_HMONTH)
	{
		p->m = val;
		p->cal = month_calendar(cls);
		j += n;
		if (kw_at(tk, j, &val, &n) == KW_UNIT && val == U_MONTH)
			j += n;				/* ۱۰ رمضان ماه ۱۴۴۵ */
		/* optional year, after سال too (۱۵ خرداد سال ۱۴۰۳) */
		{
			int			before = j,
						nd;

			if (kw_at(tk, j, &val, &n) == KW_UNIT && val == U_YEAR)
				j += n;
			nd = digits_in(tk, j);

			if (nd > 0)
			{
				p->y = atoi(tk->t[j].s);
				if (!fix_year(p, nd))
					return -1;
				j++;
			}
			else if (j < end && kw_at(tk, j, NULL, NULL) == KW_NONE &&
					 (n = parse_number(vp, tk, j, 0, &num, &ord)) > 0 && !ord)
			{
				/* a year in words: هزار و چهارصد و سه */
				if (!as_int(num, 1, 9999, &p->y))
					return -1;
				j += n;
			}
			else
				j = before;		/* no year: سال is read below (سال گذشته) */
		}
		j += parse_era(tk, j, p, &bad);
		if (bad)
			return -1;
		/* خرداد امسال, ۱۵ خرداد سال گذشته */
		if (p->y == 0 && j < end)
		{
			int			off = 0,
						c3 = kw_at(tk, j, &val, &n),
						ok = 0;

			if (c3 == KW_RELYEAR)
			{
				off = val;
				ok = 1;
				j += n;
			}
			else if (c3 == KW_UNIT && val == U_YEAR)
			{
				int			v2,
							n3;
				int			c4 = kw_at(tk, j + n, &v2, &n3);

				if (c4 == KW_DIR)
				{
					off = v2;
					ok = 1;
					j += n + n3;
				}
				else if (c4 == KW_THIS)
					return -1;
			}
			if (ok)
			{
				int			ay,
							am,
							ad;

				if (anchor == PERSNER_NO_ANCHOR ||
					!cal_fields(vp, p->cal, anchor, &ay, &am, &ad, NULL))
					return -1;
				p->y = ay + off;
			}
		}
		return j;
	}

	if (cls == KW_UNIT && val == U_YEAR)
	{
		int			nd;

		j += n;
		nd = digits_in(tk, j);
		if (nd > 0)
		{
			p->y = atoi(tk->t[j].s);
			j++;
		}
		else
		{
			int			m = parse_number(vp, tk, j, 0, &num, &ord);

			if (m == 0 || ord || !as_int(num, 1, 9999, &p->y))
				return -1;
			j += m;
			nd = 4;
		}
		j += parse_era(tk, j, p, &bad);
		if (bad)
			return -1;
		if (p->cal < 0)
		{
			if (nd <= 2)
			{
				p->y += 1300;
				p->cal = CAL_JALALI;
			}
			else
				p->cal = year_calendar(p->y);
		}
		return p->cal < 0 ? -1 : j;
	}
	return -1;
}

/* resolve_part - fill a part's missing year from the anchor; then lo, hi */
static int
part_range(PersnerValueParser *vp, DatePart *p, int32_t anchor, int32_t *lo, int32_t *hi)
{
	if (p->cal < 0)
		return 0;
	if (p->y == 0)
	{
		int			ay,
					am,
					ad;

		if (p->m == 0 || anchor == PERSNER_NO_ANCHOR ||
			!cal_fields(vp, p->cal, anchor, &ay, &am, &ad, NULL))
			return 0;
		p->y = ay;
	}
	return part_lo(vp, p, lo) && part_hi(vp, p, hi);
}

/* at_end - only punctuation left in tk[j..end) */
static int
at_end(const Toks *tk, int j, int end)
{
	for (; j < end; j++)
		if (tk->t[j].kind != TK_PUNCT || kw_at(tk, j, NULL, NULL) == KW_PERCENT)
			return 0;
	return 1;
}

/*
 * parse_relative - امروز, هفته گذشته, ۳ روز پیش, امسال ... at tk[j..end)
 * Returns the index after it, or -1; [lo, hi) set.
 */
static int
parse_relative(PersnerValueParser *vp, const Toks *tk, int j, int end,
			   int32_t anchor, int32_t *lo, int32_t *hi)
{
	int			val,
				n,
				cls,
				unit = 0,
				off = 0,
				count = 1,
				ord;
	int			y,
				m,
				d,
				dow;
	Dec			num;

	/* [روز] weekday, alone: that day of the anchor's week (Saturday to Friday) */
	{
		int			w = j,
					wval = 0,
					wn;

		if (kw_at(tk, w, &val, &n) == KW_UNIT && val == U_DAY)
			w += n;
		if (kw_at(tk, w, &wval, &wn) == KW_WEEKDAY && at_end(tk, w + wn, end))
		{
			if (anchor == PERSNER_NO_ANCHOR)
				return -2;
			if (!cal_fields(vp, CAL_JALALI, anchor, &y, &m, &d, &dow))
				return -1;
			*lo = anchor - (dow % 7) + wval;
			*hi = *lo + 1;
			return w + wn;
		}
	}
	j = skip_fillers(tk, j);
	if (j >= end)
		return -1;
	cls = kw_at(tk, j, &val, &n);
	if (cls == KW_RELDAY || cls == KW_RELNIGHT)
	{
		unit = U_DAY;
		off = val;
		j += n;
	}
	else if (cls == KW_RELYEAR)
	{
		unit = U_YEAR;
		off = val;
		j += n;
	}
	else
	{
		if (cls == KW_THIS)
		{
			j += n;
			cls = kw_at(tk, j, &val, &n);
			if (cls != KW_UNIT)
				return -1;
			unit = val;
			j += n;
			off = 0;
		}
		else
		{
			if (cls != KW_UNIT)
			{
				int			k = parse_number(vp, tk, j, 0, &num, &ord);

				if (k == 0 || ord || !as_int(num, 1, 1000, &count))
					return -1;
				j += k;
				cls = kw_at(tk, j, &val, &n);
				if (cls != KW_UNIT)
					return -1;
			}
			unit = val;
			j += n;
			if (kw_at(tk, j, &val, &n) != KW_DIR)
				return -1;
			off = val * count;
			j += n;
		}
	}
	if (anchor == PERSNER_NO_ANCHOR)
		return -2;				/* understood, but nothing to count from */
	switch (unit)
	{
		case U_DAY:
			*lo = anchor + off;
			*hi = *lo + 1;
			break;
		case U_WEEK:
			/* Saturday to Friday: ICU says 7 for Saturday, 1 for Sunday */
			if (!cal_fields(vp, CAL_JALALI, anchor, &y, &m, &d, &dow))
				return -1;
			*lo = anchor - (dow % 7) + 7 * off;
			*hi = *lo + 7;
			break;
		case U_MONTH:
			if (!cal_fields(vp, CAL_JALALI, anchor, &y, &m, &d, NULL) ||
				!cal_add_months(vp, CAL_JALALI, &y, &m, off) ||
				!cal_jdn(vp, CAL_JALALI, y, m, 1, lo) ||
				!cal_add_months(vp, CAL_JALALI, &y, &m, 1) ||
				!cal_jdn(vp, CAL_JALALI, y, m, 1, hi))
				return -1;
			break;
		case U_YEAR:
			if (!cal_fields(vp, CAL_JALALI, anchor, &y, &m, &d, NULL) ||
				!cal_jdn(vp, CAL_JALALI, y + off, 1, 1, lo) ||
				!cal_jdn(vp, CAL_JALALI, y + off + 1, 1, 1, hi))
				return -1;
			break;
		default:
			return -1;
	}
	return j;
}

/*
 * parse_date - the days tk[j..end) covers; 1 when resolved
 */
static int
parse_date(PersnerValueParser *vp, const Toks *tk, int j, int end,
		   int32_t anchor, int32_t *lo, int32_t *hi)
{
	DatePart	a,
				b;
	int			k,
				to = -1;
	int			r;

	r = parse_relative(vp, tk, j, end, anchor, lo, hi);
	if (r == -2)
		return 0;
	if (r >= 0 && at_end(tk, r, end))
		return 1;

	for (k = j; k < end; k++)
		if (kw_at(tk, k, NULL, NULL) == KW_TO)
		{
			to = k;
			break;
		}
	if (to < 0)
	{
		if (kw_at(tk, j, NULL, &k) == KW_FROM)
			j += k;				/* از ۱۳ شهریور ۱۳۹۸: the day it starts from */
		r = parse_absolute(vp, tk, j, end, &a, anchor);
		if (r < 0 || !at_end(tk, r, end) || (a.m == 0 && a.y > 0 && a.cal < 0))
			return 0;
		if (a.y > 0 && a.m == 0 && a.d == 0 && a.cal < 0)
			return 0;
		return part_range(vp, &a, anchor, lo, hi);
	}

	/* a range: [از] left تا right */
	if (kw_at(tk, j, NULL, NULL) == KW_FROM)
		j++;
	r = parse_absolute(vp, tk, to + 1, end, &b, anchor);
	if (r < 0 || !at_end(tk, r, end))
		return 0;
	r = parse_absolute(vp, tk, j, to, &a, anchor);
	if (r != to)
		return 0;
	/* the left side takes what it lacks from the right */
	if (a.m == 0 && a.d == 0 && a.y > 0 && b.d > 0 && a.y <= 31 && a.cal < 0)
	{
		a.d = a.y;				/* ۱۵ تا ۲۰ خرداد: the number was a day */
		a.y = 0;
	}
	if (a.cal < 0)
		a.cal = b.cal;
	if (a.cal != b.cal)
		return 0;
	if (a.d > 0 && a.m == 0)
		a.m = b.m;
	if (a.m > 0 && a.y == 0)
		a.y = b.y;
	{
		int32_t		alo,
					ahi,
					blo,
					bhi;

		if (!part_range(vp, &a, anchor, &alo, &ahi) ||
			!part_range(vp, &b, anchor, &blo, &bhi) || bhi <= alo)
			return 0;
		*lo = alo;
		*hi = bhi;
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * The four kinds
 * ---------------------------------------------------------------------
 */
static int
parse_money(PersnerValueParser *vp, const Toks *tk, PersnerValue *out)
{
	int			j = 0,
				val,
				n,
				ord,
				cur = -1;
	Dec			num;

	if (kw_at(tk, j, &val, &n) == KW_CURRENCY && tk->t[j].kind == TK_PUNCT)
	{
		cur = val;				/* $50 */
		j += n;
	}
	n = parse_number(vp, tk, j, 1, &num, &ord);
	if (n == 0 || ord)
		return 0;
	j += n;
	if (kw_at(tk, j, &val, &n) == KW_CURRENCY)
	{
		if (cur >= 0)
			return 0;
		cur = val;
		j += n;
	}
	if (!at_end(tk, j, tk->n))
		return 0;
	if (cur >= 0)
	{
		if (!dec_mul_pow10(&num, currencies[cur].pow10))
			return 0;
		strcpy(out->unit, currencies[cur].code);
	}
	dec_format(num, out->amount, sizeof(out->amount));
	out->has_amount = 1;
	return 1;
}

static int
parse_percent(PersnerValueParser *vp, const Toks *tk, PersnerValue *out)
{
	int			j = 0,
				n,
				ord,
				pct = 0;
	Dec			num;

	if (kw_at(tk, j, NULL, &n) == KW_PERCENT)
	{
		pct = 1;
		j += n;
	}
	n = parse_number(vp, tk, j, 1, &num, &ord);
	if (n == 0 || ord)
		return 0;
	j += n;
	if (!pct)
	{
		if (kw_at(tk, j, NULL, &n) != KW_PERCENT)
			return 0;
		j += n;
	}
	if (!at_end(tk, j, tk->n))
		return 0;
	dec_format(num, out->amount, sizeof(out->amount));
	strcpy(out->unit, "%");
	out->has_amount = 1;
	return 1;
}

static int
parse_time(PersnerValueParser *vp, const Toks *tk, int32_t anchor, PersnerValue *out)
{
	int			j = 0,
				h = -1,
				mi = 0,
				se = 0,
				period = 0,
				dayoff = 0,
				have_day = 0,
				val,
				n,
				cls,
				ord;
	Dec			num;

	while (j < tk->n)
	{
		cls = kw_at(tk, j, &val, &n);
		if (cls == KW_HOUR || cls == KW_PUNCT || cls == KW_FILLER || cls == KW_WEEKDAY ||
			(cls == KW_UNIT && val == U_DAY && kw_at(tk, j + n, NULL, NULL) != KW_DIR))
		{
			j += n;
			continue;
		}
		if (cls == KW_PERIOD)
		{
			if (period)
				return 0;
			period = val;
			j += n;
			continue;
		}
		if (cls == KW_RELDAY || cls == KW_RELNIGHT)
		{
			if (have_day)
				return 0;
			have_day = 1;
			dayoff = val;
			if (cls == KW_RELNIGHT && !period)
				period = P_NIGHT;
			j += n;
			continue;
		}
		if (h < 0 && tk->t[j].kind == TK_NUM && strchr(tk->t[j].s, ':'))
		{
			if (!clock_fields(tk->t[j].s, &h, &mi, &se))
				return 0;
			j++;
			continue;
		}
		if (h < 0 && (tk->t[j].kind == TK_NUM || cls == KW_NONE))
		{
			/* the hour: one number token, or a spelled-out number */
			if (tk->t[j].kind == TK_NUM)
			{
				if (!digits_number(tk->t[j].s, 0, &num) || !as_int(num, 0, 24, &h))
					return 0;
				j++;
			}
			else
			{
				int			o2 = 0;
				int			m = spelled_number(vp, tk, j, &num, &o2);

				if (m == 0 || o2 || !as_int(num, 0, 24, &h))
					return 0;
				j += m;
			}
			/* و N دقیقه | و نیم | و ربع */
			if (kw_at(tk, j, NULL, &n) == KW_AND)
			{
				int			n2,
							c2 = kw_at(tk, j + n, NULL, &n2);

				if (c2 == KW_HALF)
				{
					mi = 30;
					j += n + n2;
				}
				else if (c2 == KW_QUARTER)
				{
					mi = 15;
					j += n + n2;
				}
				else
				{
					int			m = parse_number(vp, tk, j + n, 0, &num, &ord);

					if (m == 0 || ord || !as_int(num, 0, 59, &mi))
						return 0;
					j += n + m;
					if (kw_at(tk, j, NULL, &n2) == KW_MINUTE)
						j += n2;
				}
			}
			continue;
		}
		/* anything else may be a date: the rest must be one */
		{
			int32_t		lo,
						hi;

			if (!parse_date(vp, tk, j, tk->n, anchor, &lo, &hi))
				return 0;
			out->has_dates = 1;
			out->day_lo = lo;
			out->day_hi = hi;
			j = tk->n;
		}
	}
	if (h < 0)
	{
		if (period == P_NOON)
			h = 12;
		else if (period == P_MIDNIGHT)
			h = 0;
		else
		{
			/* بامداد امروز: the day, but no hour */
			if (!have_day || anchor == PERSNER_NO_ANCHOR)
				return out->has_dates;
			out->has_dates = 1;
			out->day_lo = anchor + dayoff;
			out->day_hi = out->day_lo + 1;
			return 1;
		}
		period = 0;
	}
	if (mi < 0 || mi > 59 || se < 0 || se > 59 || h > 24 || (h == 24 && (mi || se)))
		return 0;
	switch (period)
	{
		case P_AM:
		case P_MIDNIGHT:
			if (h == 12)
				h = 0;
			break;
		case P_NOON:
			if (h >= 1 && h <= 5)
				h += 12;
			break;
		case P_PM:
			if (h >= 1 && h < 12)
				h += 12;
			break;
		case P_NIGHT:
			if (h >= 6 && h < 12)
				h += 12;
			else if (h == 12)
				h = 0;
			break;
	}
	out->has_time = 1;
	out->seconds = h * 3600 + mi * 60 + se;
	if (have_day && anchor != PERSNER_NO_ANCHOR)
	{
		out->has_dates = 1;
		out->day_lo = anchor + dayoff;
		out->day_hi = out->day_lo + 1;
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * Public
 * ---------------------------------------------------------------------
 */
PersnerValueKind
persner_value_kind(const char *label)
{
	if (label == NULL)
		return PERSNER_VALUE_NONE;
	if (strcmp(label, "DAT") == 0)
		return PERSNER_VALUE_DATE;
	if (strcmp(label, "MON") == 0)
		return PERSNER_VALUE_MONEY;
	if (strcmp(label, "PCT") == 0)
		return PERSNER_VALUE_PERCENT;
	if (strcmp(label, "TIM") == 0)
		return PERSNER_VALUE_TIME;
	return PERSNER_VALUE_NONE;
}

PersnerStatus
persner_values_create(PersnerValueParser **out)
{
	static const char *const locales[NCAL] = {
		"fa_IR@calendar=persian", "en@calendar=gregorian", "ar@calendar=islamic-umalqura"
	};
	static const UChar utc[] = {'U', 'T', 'C', 0};
	PersnerValueParser *vp = persner_calloc(1, sizeof(*vp));
	UErrorCode	st = U_ZERO_ERROR;
	int			c;

	*out = NULL;
	if (vp == NULL)
		return PERSNER_ENOMEM;
	for (c = 0; c < NCAL; c++)
	{
		st = U_ZERO_ERROR;
		vp->cal[c] = ucal_open(utc, -1, locales[c], UCAL_DEFAULT, &st);
		if (U_FAILURE(st) || vp->cal[c] == NULL)
		{
			persner_values_free(vp);
			return st == U_MEMORY_ALLOCATION_ERROR ? PERSNER_ENOMEM : PERSNER_EINVAL;
		}
		ucal_setAttribute(vp->cal[c], UCAL_LENIENT, 0);
	}
	persner_values_words(&vp->words);
	/* proleptic Gregorian, as PostgreSQL's date */
	st = U_ZERO_ERROR;
	ucal_setGregorianChange(vp->cal[CAL_GREGORIAN], -184303902528000000.0, &st);
	st = U_ZERO_ERROR;
	vp->spell = unum_open(UNUM_SPELLOUT, NULL, 0, "fa", NULL, &st);
	if (U_FAILURE(st))
		vp->spell = NULL;		/* digits still work; words stay unresolved */
	*out = vp;
	return PERSNER_OK;
}

void
persner_values_free(PersnerValueParser *vp)
{
	int			c;

	if (vp == NULL)
		return;
	for (c = 0; c < NCAL; c++)
		if (vp->cal[c])
			ucal_close(vp->cal[c]);
	if (vp->spell)
		unum_close(vp->spell);
	persner_normbuf_free(&vp->nb);
	persner_free(vp);
}

/*
 * ascii_number - a token of digits (any script) and the separators . , / :
 * - as ASCII in out[cap], NUL-terminated; 0 if it holds anything else or
 * does not fit
 */
static int
ascii_number(const char *s, size_t len, char *out, size_t cap)
{
	size_t		i = 0,
				k = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			n = persner_utf8_decode((const uint8_t *) s + i, len - i, &cp);
		int			dv;

		if (n <= 0 || k + 1 >= cap)
			return 0;
		if ((dv = persner_digit_value(cp)) >= 0)
			out[k++] = (char) ('0' + dv);
		else if (is_num_sep(cp) || cp == ',')
			out[k++] = (char) cp;
		else if (cp == 0x066B)	/* ٫ */
			out[k++] = '.';
		else
			return 0;
		i += (size_t) n;
	}
	out[k] = '\0';
	return k > 0;
}

PersnerWordClass
persner_values_word(const PersnerWordTable *wt, const char *s, size_t len)
{
	char		key[MAX_TOKEN_BYTES];
	size_t		i,
				k = 0;
	int			w;

	/* the keys are written without ZWNJ (U+200C: E2 80 8C) */
	for (i = 0; i < len; i++)
	{
		if (i + 2 < len && (uint8_t) s[i] == 0xE2 && (uint8_t) s[i + 1] == 0x80 &&
			(uint8_t) s[i + 2] == 0x8C)
		{
			i += 2;
			continue;
		}
		if (k + 1 >= sizeof(key))
			return PERSNER_WORD_NONE;
		key[k++] = s[i];
	}
	if ((w = kw_find(wt, key, k)) >= 0)
		switch (keywords[w].cls)
		{
			case KW_JMONTH:
			case KW_GMONTH:
			case KW_HMONTH:
				return PERSNER_WORD_MONTH;
			case KW_WEEKDAY:
				return PERSNER_WORD_WEEKDAY;
			case KW_UNIT:
				return keywords[w].val == U_DAY ? PERSNER_WORD_DAY :
					keywords[w].val == U_YEAR ? PERSNER_WORD_YEAR : PERSNER_WORD_NONE;
			case KW_HOUR:
				return PERSNER_WORD_HOUR;
			case KW_PERCENT:
				return PERSNER_WORD_PERCENT;
			case KW_CURRENCY:
				return PERSNER_WORD_CURRENCY;
			case KW_SCALE:
				return PERSNER_WORD_SCALE;
			default:
				return PERSNER_WORD_NONE;
		}
	return PERSNER_WORD_NONE;
}

int
persner_values_numeric_date(const char *s, size_t len, int *y, int *m, int *d)
{
	char		buf[MAX_TOKEN_BYTES];
	DatePart	p;

	memset(&p, 0, sizeof(p));
	if (!ascii_number(s, len, buf, sizeof(buf)) || !numeric_date(buf, &p))
		return 0;
	*y = p.y;
	*m = p.m;
	*d = p.d;
	return 1;
}

int
persner_values_clock(const char *s, size_t len, int32_t *seconds)
{
	char		buf[MAX_TOKEN_BYTES];
	int			h,
				mi,
				se;

	if (!ascii_number(s, len, buf, sizeof(buf)) || !clock_fields(buf, &h, &mi, &se) ||
		h > 24 || mi > 59 || se > 59 || (h == 24 && (mi || se)))
		return 0;
	*seconds = h * 3600 + mi * 60 + se;
	return 1;
}

/* the anchors relative expressions are resolved from: |JDN| up to 2^30 (year 2.9 million) */
#define ANCHOR_LIMIT	(INT32_C(1) << 30)

PersnerStatus
persner_values_parse(PersnerValueParser *vp, PersnerValueKind kind,
					 const char *text, size_t len,
					 int32_t anchor_jdn, PersnerValue *out)
{
	PersnerStatus st;
	Toks		tk;

	memset(out, 0, sizeof(*out));
	if (kind == PERSNER_VALUE_NONE)
		return PERSNER_OK;
	/* relative days add at most a few thousand to the anchor: keep it far from overflow */
	if (anchor_jdn != PERSNER_NO_ANCHOR && (anchor_jdn < -ANCHOR_LIMIT || anchor_jdn > ANCHOR_LIMIT))
		anchor_jdn = PERSNER_NO_ANCHOR;
	st = persner_normalize(text, len, PERSNER_NORM_DEFAULT, &vp->nb);
	if (st != PERSNER_OK)
		return st;
	if (!lex(vp->nb.text, vp->nb.len, &tk) || tk.n == 0)
		return PERSNER_OK;
	mark_keywords(vp, &tk);
	switch (kind)
	{
		case PERSNER_VALUE_DATE:
			{
				int32_t		lo,
							hi;

				if (parse_date(vp, &tk, 0, tk.n, anchor_jdn, &lo, &hi) && lo < hi)
				{
					out->has_dates = 1;
					out->day_lo = lo;
					out->day_hi = hi;
				}
				break;
			}
		case PERSNER_VALUE_MONEY:
			(void) parse_money(vp, &tk, out);
			break;
		case PERSNER_VALUE_PERCENT:
			(void) parse_percent(vp, &tk, out);
			break;
		case PERSNER_VALUE_TIME:
			if (!parse_time(vp, &tk, anchor_jdn, out))
				memset(out, 0, sizeof(*out));
			break;
		case PERSNER_VALUE_NONE:
			break;
	}
	return PERSNER_OK;
}

PersnerStatus
persner_values_ymd_to_jdn(PersnerValueParser *vp, int y, int m, int d, int32_t *jdn)
{
	return cal_jdn(vp, CAL_GREGORIAN, y, m, d, jdn) ? PERSNER_OK : PERSNER_EINVAL;
}

PersnerStatus
persner_values_jdn_to_ymd(PersnerValueParser *vp, int32_t jdn, int *y, int *m, int *d)
{
	return cal_fields(vp, CAL_GREGORIAN, jdn, y, m, d, NULL) ? PERSNER_OK : PERSNER_EINVAL;
}
