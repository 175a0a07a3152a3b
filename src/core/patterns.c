/*
 * patterns.c - dates, times, percentages and money as users write them: the rules that constrain decoding
 *
 * The forms, over the tokens of a sentence (tokenize.c keeps a number's
 * separators . , / : between digits, so 1403/03/15 and 10:30 are one token
 * each, while '-' is a token of its own and 2025-09-24 is five):
 *
 *   numeric date   y/m/d, y.m.d, d/m/y in one token, or y - m - d (d - m - y)
 *                  in five, as the value grammar reads them
 *                  (persner_values_numeric_date), with a plausible year:
 *                  Jalali 1300-1500 or Gregorian 1900-2100  -> inside DAT
 *   clock time     h:mm, h:mm:ss (persner_values_clock)     -> inside TIM
 *   worded date    [day] month [سال] year: a month name of any calendar
 *                  (values.c's; one word or two: ربیع الاول, خرداد ماه),
 *                  a four-digit year as above, a day 1-31
 *                  (۱۵ رمضان ۱۴۴۵, ژانویه ۲۰۲۶, ۲ دی سال ۱۴۰۲)  -> inside DAT
 *   percentage     a number, then ٪ or درصد                 -> inside PCT
 *   money          a number, more groups of 1-3 digits each after a ','
 *                  token (8 , 565: the comma a text tokenized with spaces
 *                  leaves; ٬ is normalized to ','), scale words, then a
 *                  currency (۱,۲۰۰ میلیارد ریال, 8 , 565 ریال)  -> inside MON
 *   date and hour  a date (numeric or worded), then ساعت and a number: ساعت
 *                  may not continue the DAT (see below)
 *
 * "Inside X" means: the form's first token is B-X or I-X (the model may
 * begin the entity earlier, as in «روز ۱۴۰۳/۰۳/۱۵» or «ساعت ۱۰:۳۰»), its
 * other tokens I-X.  The token after a form is left to the model, so it
 * may go on with «هجری شمسی» or a range's «تا ...», as PEYMA's dates do;
 * the one exception is a date followed by ساعت and a number, where ساعت
 * may not be I-DAT, so the date ends there and the CRF may start a TIM.
 *
 * Date and hour.  PEYMA writes «جمعه ۲۸ خرداد ماه ساعت ۱۶:۰۰» as one TIM
 * (13 of 13 such spans in train.txt, from TV schedules; none has a year),
 * and the model learnt it: it tags «روز سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح»
 * as one TIM too, which persner_values cannot read as the day it names.
 * With a year the date stands on its own, so the rule applies only then:
 * the day, month and year (or a numeric date) are inside DAT, a weekday or
 * روز just before them may not be TIM (it belongs to the date or to
 * nothing), and ساعت may not be I-DAT.  Without a year, PEYMA's
 * convention stays the model's: «۱۵ خرداد» alone is no form.
 *
 * Cost.  A form starts with a digit: every other token costs one byte
 * test (a Persian digit is DB B0..B9 in normalized text).  A digit token
 * is read as a date only if it holds '/' or '.' or a '-' token follows, as
 * a clock time only if it holds ':'; otherwise the token after it is
 * looked up among the value grammar's keywords (a hash probe), and the one
 * before it too when it is a four-digit year.  Nothing is allocated.
 */
#include "patterns.h"

#include <math.h>
#include <string.h>

#define YEAR_OK(y)	(((y) >= 1300 && (y) <= 1500) || ((y) >= 1900 && (y) <= 2100))
#define DATE_BYTES	64			/* the five tokens of y-m-d, end to end */
#define MONTH_BYTES	64			/* a month of two words, end to end */

PersnerStatus
persner_patterns_init(const PersnerModel *m, PersnerPatterns *p)
{
	p->dat = persner_model_type_index(m, "DAT", 3);
	p->tim = persner_model_type_index(m, "TIM", 3);
	p->pct = persner_model_type_index(m, "PCT", 3);
	p->mon = persner_model_type_index(m, "MON", 3);
	persner_values_words(&p->words);
	return PERSNER_OK;
}

/* a Persian digit at s[i] (normalized text has no other): its value, else -1 */
static inline int
digit_at(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && (uint8_t) s[i] == 0xDB && (uint8_t) s[i + 1] >= 0xB0 &&
		(uint8_t) s[i + 1] <= 0xB9)
		return (uint8_t) s[i + 1] - 0xB0;
	return -1;
}

/* digits - the value of a token of 1..4 digits and nothing else, else -1; *n its digits */
static int
digits(const char *s, size_t len, int *n)
{
	size_t		i;
	int			v = 0;

	*n = 0;
	if (len == 0 || len > 8)
		return -1;
	for (i = 0; i < len; i += 2, (*n)++)
	{
		int			d = digit_at(s, len, i);

		if (d < 0)
			return -1;
		v = v * 10 + d;
	}
	return v;
}

/*
 * number_seps - the separators of a token of digits and . , / : (bit 1
 * '.', 2 ',', 4 '/', 8 ':'), or -1 if it holds anything else
 */
static int
number_seps(const char *s, size_t len)
{
	size_t		i = 0;
	int			seps = 0;

	while (i < len)
	{
		if (digit_at(s, len, i) >= 0)
		{
			i += 2;
			continue;
		}
		switch (s[i++])
		{
			case '.':
				seps |= 1;
				break;
			case ',':
				seps |= 2;
				break;
			case '/':
				seps |= 4;
				break;
			case ':':
				seps |= 8;
				break;
			default:
				return -1;
		}
	}
	return seps;
}

static inline int
is_dash(const char *s, size_t len)
{
	return len == 1 && s[0] == '-';
}

/*
 * numeric_date_at - the end of a numeric date starting at token i (one
 * token, or five with '-' between), else 0
 */
static int
numeric_date_at(const char *const *tok, const size_t *len, int T, int i)
{
	char		buf[DATE_BYTES];
	size_t		n = 0;
	int			y,
				m,
				d,
				k;

	if (persner_values_numeric_date(tok[i], len[i], &y, &m, &d))
		return YEAR_OK(y) ? i + 1 : 0;
	if (i + 4 >= T || !is_dash(tok[i + 1], len[i + 1]) || !is_dash(tok[i + 3], len[i + 3]))
		return 0;
	for (k = i; k < i + 5; k++)
	{
		if (n + len[k] > sizeof(buf))
			return 0;
		memcpy(buf + n, tok[k], len[k]);
		n += len[k];
	}
	if (persner_values_numeric_date(buf, n, &y, &m, &d) && YEAR_OK(y))
		return i + 5;
	return 0;
}

/*
 * month_before - the first token of a month name that ends at token e - 1:
 * one word, or two that join into one (ربیع الاول, خرداد ماه); else -1
 */
static int
month_before(const PersnerPatterns *p, const char *const *tok, const size_t *len, int e)
{
	char		buf[MONTH_BYTES];

	if (e < 1)
		return -1;
	if (persner_values_word(&p->words, tok[e - 1], len[e - 1]) == PERSNER_WORD_MONTH)
		return e - 1;
	if (e < 2 || len[e - 2] + len[e - 1] > sizeof(buf))
		return -1;
	memcpy(buf, tok[e - 2], len[e - 2]);
	memcpy(buf + len[e - 2], tok[e - 1], len[e - 1]);
	if (persner_values_word(&p->words, buf, len[e - 2] + len[e - 1]) == PERSNER_WORD_MONTH)
		return e - 2;
	return -1;
}

/*
 * worded_date_at - a date in words whose year is token i: [day] month
 * [سال] year; its first token, else -1 (the day only when it is 1..31)
 */
static int
worded_date_at(const PersnerPatterns *p, const char *const *tok, const size_t *len, int i)
{
	int			n,
				y = digits(tok[i], len[i], &n),
				e = i,			/* the month ends before it */
				m,
				d;

	if (n != 4 || !YEAR_OK(y) || i < 1)
		return -1;
	if (persner_values_word(&p->words, tok[i - 1], len[i - 1]) == PERSNER_WORD_YEAR)
		e = i - 1;				/* خرداد سال ۱۴۰۳ */
	if ((m = month_before(p, tok, len, e)) < 0)
		return -1;
	if (m >= 1 && (d = digits(tok[m - 1], len[m - 1], &n)) >= 1 && d <= 31 && n <= 2)
		return m - 1;
	return m;
}

/*
 * money_at - the end of an amount whose number starts at token i: more
 * digit groups after ',' tokens, scale words, a currency; else 0.  A comma
 * is ASCII: Persian lists are written with «،».
 */
static int
money_at(const PersnerPatterns *p, const char *const *tok, const size_t *len, int T, int i)
{
	int			e = i + 1,
				n;
	PersnerWordClass c = PERSNER_WORD_NONE;

	while (e + 1 < T && len[e] == 1 && tok[e][0] == ',' &&
		   digits(tok[e + 1], len[e + 1], &n) >= 0 && n <= 3)
		e += 2;
	while (e < T && (c = persner_values_word(&p->words, tok[e], len[e])) == PERSNER_WORD_SCALE)
		e++;
	return e < T && c == PERSNER_WORD_CURRENCY ? e + 1 : 0;
}

/* hour_at - ساعت and a number at tokens i, i + 1 */
static int
hour_at(const PersnerPatterns *p, const char *const *tok, const size_t *len, int T, int i)
{
	return i + 1 < T && digit_at(tok[i + 1], len[i + 1], 0) >= 0 &&
		persner_values_word(&p->words, tok[i], len[i]) == PERSNER_WORD_HOUR;
}

/* the positions in a mention a row may keep (keep) */
#define AT_FIRST	1u			/* B-: the first of several words */
#define AT_INNER	2u			/* I- */
#define AT_LAST		4u			/* E-: the last of several */
#define AT_ALONE	8u			/* S-: the only word */

/* keep - every label of row but those of type k at positions pos gets -inf (scheme w) */
static void
keep(float *row, int w, int L, int k, unsigned pos)
{
	int			j;

	for (j = 0; j < L; j++)
		if (j == PERSNER_TAG_O || PERSNER_TAG_TYPE(w, j) != k ||
			!(pos & (1u << PERSNER_TAG_POS(w, j))))
			row[j] = -INFINITY;
}

/*
 * inside - tokens [b, e) inside one entity of type k, which may reach
 * beyond them on either side
 */
static void
inside(float *state, int w, int L, int b, int e, int k)
{
	int			q;

	if (e - b == 1)
	{
		keep(state + (size_t) b * L, w, L, k, AT_FIRST | AT_INNER | AT_LAST | AT_ALONE);
		return;
	}
	keep(state + (size_t) b * L, w, L, k, AT_FIRST | AT_INNER);
	for (q = b + 1; q < e - 1; q++)
		keep(state + (size_t) q * L, w, L, k, AT_INNER);
	keep(state + (size_t) (e - 1) * L, w, L, k, AT_INNER | AT_LAST);
}

/* not_in - position q may not continue an entity of type k */
static void
not_in(float *state, int w, int L, int q, int k)
{
	state[(size_t) q * L + PERSNER_TAG_I(w, k)] = -INFINITY;
	state[(size_t) q * L + PERSNER_TAG_E(w, k)] = -INFINITY;
}

/* not_type - position q may not be in an entity of type k */
static void
not_type(float *state, int w, int L, int q, int k)
{
	not_in(state, w, L, q, k);
	state[(size_t) q * L + PERSNER_TAG_B(w, k)] = -INFINITY;
	state[(size_t) q * L + PERSNER_TAG_S(w, k)] = -INFINITY;
}

/*
 * form_at - the form whose anchor, a digit token, is token i: sets [*b, *e)
 * and returns its type, or -1
 */
static int
form_at(const PersnerPatterns *p, const char *const *tok, const size_t *len, int T, int i,
		int *b, int *e)
{
	int			seps = number_seps(tok[i], len[i]);
	int32_t		sec;
	PersnerWordClass next;

	*b = i;
	if (p->dat >= 0 && ((seps > 0 && (seps & 5)) || (seps == 0 && i + 1 < T && is_dash(tok[i + 1], len[i + 1]))) &&
		(*e = numeric_date_at(tok, len, T, i)) > 0)
		return p->dat;
	if (p->tim >= 0 && seps == 8 && persner_values_clock(tok[i], len[i], &sec))
	{
		*e = i + 1;
		return p->tim;
	}
	if (seps < 0)
		return -1;
	next = i + 1 < T ? persner_values_word(&p->words, tok[i + 1], len[i + 1]) : PERSNER_WORD_NONE;
	if (p->pct >= 0 && next == PERSNER_WORD_PERCENT && (seps & 8) == 0)
	{
		*e = i + 2;
		return p->pct;
	}
	if (p->dat >= 0 && seps == 0 && (*b = worded_date_at(p, tok, len, i)) >= 0)
	{
		*e = i + 1;
		return p->dat;
	}
	*b = i;
	if (p->mon >= 0 && (seps & ~3) == 0 && (*e = money_at(p, tok, len, T, i)) > 0)
		return p->mon;
	return -1;
}

PersnerStatus
persner_patterns_mask(const PersnerPatterns *p, const char *const *tok,
					  const size_t *len, int T, const uint8_t *held,
					  float *state, int w, int L, int *nforms)
{
	int			i = 0,
				done = 0,			/* tokens before it are taken by a form */
				found = 0;

	if (nforms)
		*nforms = 0;
	if (p->dat < 0 && p->tim < 0 && p->pct < 0 && p->mon < 0)
		return PERSNER_OK;
	for (i = 0; i < T; i++)
	{
		int			b,
					e,
					k,
					q;

		if (digit_at(tok[i], len[i], 0) < 0 ||
			(k = form_at(p, tok, len, T, i, &b, &e)) < 0 || b < done)
			continue;
		for (q = b; held != NULL && q < e; q++)
			if (held[q])
				break;
		if (held != NULL && q < e)
			continue;			/* a dictionary name covers it */
		inside(state, w, L, b, e, k);
		found++;
		if (k == p->dat && p->tim >= 0 && hour_at(p, tok, len, T, e))
		{
			/* the date ends before ساعت; a weekday or روز before it is no TIM */
			not_in(state, w, L, e, k);
			for (q = b - 1; q >= done && q >= b - 2; q--)
			{
				PersnerWordClass c = persner_values_word(&p->words, tok[q], len[q]);

				if ((held != NULL && held[q]) ||
					(c != PERSNER_WORD_WEEKDAY && c != PERSNER_WORD_DAY))
					break;
				not_type(state, w, L, q, p->tim);
			}
		}
		done = e;
		i = e - 1;
	}
	if (nforms)
		*nforms = found;
	return PERSNER_OK;
}
