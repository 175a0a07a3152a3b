/*
 * values.h - the value of a DAT, MON, PCT or TIM entity (no PostgreSQL include)
 *
 * The tagger says "this span is a DAT"; this module says which days it
 * covers.  It reads the surface text of one entity and gives:
 *
 *   DAT  the days covered, [day_lo, day_hi) as Julian Day Numbers (an
 *        inclusive first day and an exclusive end, as a daterange has it);
 *        Jalali, Gregorian and Hijri dates in words or digits, and relative
 *        expressions (امروز, هفته گذشته, پارسال ...) resolved against an
 *        anchor day.  A year alone covers its year; a Jalali year runs from
 *        Nowruz to Nowruz.
 *   MON  an amount in units of the currency (a decimal string) and its ISO
 *        4217 code; toman is converted to IRR (1 toman = 10 rials).
 *   PCT  the number, unit "%".
 *   TIM  a time of day in seconds after midnight, and the day too when the
 *        expression names one (ظهر امروز, ساعت ۱۰ صبح دیروز).
 *
 * Every calendar conversion goes through ICU's calendars (Persian,
 * Gregorian, Islamic Umm al-Qura); every spelled-out number through ICU's
 * rule-based number format (spellout, "fa").  This file adds only the
 * grammar of the expressions, none of the arithmetic of a calendar.
 *
 * What cannot be resolved (a relative date with no anchor, an unknown
 * word, an impossible day such as ۳۱ اسفند ۱۴۰۳) gives a value with
 * has_dates / has_amount / has_time all 0: the glue shows NULL.
 */
#ifndef PERSNER_VALUES_H
#define PERSNER_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include "persner.h"

/* What an entity's label asks the parser to read. */
typedef enum PersnerValueKind
{
	PERSNER_VALUE_NONE = 0,		/* PER, LOC, ORG ...: no value */
	PERSNER_VALUE_DATE,			/* DAT */
	PERSNER_VALUE_MONEY,		/* MON */
	PERSNER_VALUE_PERCENT,		/* PCT */
	PERSNER_VALUE_TIME			/* TIM */
} PersnerValueKind;

/* persner_value_kind - the kind for a label name ("DAT" ...), NONE for others */
PersnerValueKind persner_value_kind(const char *label);

#define PERSNER_NO_ANCHOR	INT32_MIN	/* anchor_jdn when there is none */
#define PERSNER_AMOUNT_MAX	48	/* bytes of amount, NUL included */

typedef struct PersnerValue
{
	int			has_dates;
	int32_t		day_lo;			/* Julian Day Number of the first day */
	int32_t		day_hi;			/* JDN of the day after the last (exclusive) */
	int			has_amount;
	char		amount[PERSNER_AMOUNT_MAX];	/* "850000000000", "2.5": plain
											 * decimal, no exponent, no sign */
	char		unit[8];		/* "IRR", "USD", "%", or "" when unknown */
	int			has_time;
	int32_t		seconds;		/* time of day, seconds after midnight */
} PersnerValue;

/*
 * A parser holds the ICU objects (three calendars, the spell-out format) and
 * a normalization buffer; creating it costs tens of microseconds, so the
 * glue keeps one per backend.  Not thread-safe: one per thread.
 */
typedef struct PersnerValueParser PersnerValueParser;

/* persner_values_create - PERSNER_OK, PERSNER_ENOMEM, or PERSNER_EINVAL when ICU lacks a calendar */
PersnerStatus persner_values_create(PersnerValueParser **out);
void		persner_values_free(PersnerValueParser *vp);

/*
 * persner_values_parse - the value of text[0..len) read as 'kind'
 *
 * text is the entity's surface text (any spelling: it is normalized here).
 * anchor_jdn is the day relative expressions count from, or
 * PERSNER_NO_ANCHOR.  Always fills *out (all has_* 0 when unresolved).
 * Returns PERSNER_OK (resolved or not), PERSNER_EUTF8, PERSNER_ENOMEM.
 */
PersnerStatus persner_values_parse(PersnerValueParser *vp, PersnerValueKind kind,
								   const char *text, size_t len,
								   int32_t anchor_jdn, PersnerValue *out);

/*
 * The grammar, one token at a time, for the tagger's rule layer
 * (patterns.c): what a token of normalized text (digits of any script) is
 * to the grammar persner_values_parse reads, so that a span the rules
 * force is one this module resolves.  No parser (and no ICU) is needed.
 */
typedef enum PersnerWordClass
{
	PERSNER_WORD_NONE = 0,
	PERSNER_WORD_MONTH,			/* a Jalali, Gregorian or Hijri month name */
	PERSNER_WORD_WEEKDAY,		/* شنبه .. جمعه */
	PERSNER_WORD_DAY,			/* روز */
	PERSNER_WORD_YEAR,			/* سال */
	PERSNER_WORD_HOUR,			/* ساعت */
	PERSNER_WORD_PERCENT,		/* درصد, ٪ */
	PERSNER_WORD_CURRENCY,		/* ریال, تومان, دلار ... */
	PERSNER_WORD_SCALE			/* هزار, میلیون, میلیارد ... */
} PersnerWordClass;

/*
 * The grammar's keywords hashed (no allocation): persner_values_words
 * fills one, persner_values_word looks a word up in it.
 */
#define PERSNER_WORD_SLOTS	1024	/* > 2 keywords, a power of two */
typedef struct PersnerWordTable
{
	uint16_t	slot[PERSNER_WORD_SLOTS];	/* keyword index + 1, 0 empty */
} PersnerWordTable;

void		persner_values_words(PersnerWordTable *wt);

/* persner_values_word - the class of the one-word keyword s[0..len) (ZWNJs ignored) */
PersnerWordClass persner_values_word(const PersnerWordTable *wt, const char *s, size_t len);

/*
 * persner_values_numeric_date - whether s[0..len) is y/m/d, y-m-d, y.m.d or
 * d/m/y (a four-digit year, month 1-12, day 1-31), as one number; sets the
 * fields.  The tokenizer cuts y-m-d into five tokens: pass their texts end
 * to end.
 */
int			persner_values_numeric_date(const char *s, size_t len, int *y, int *m, int *d);

/*
 * persner_values_clock - whether s[0..len) is a clock time h:mm or h:mm:ss
 * (hour 0-24, two-digit minutes and seconds 0-59, 24:00 at most); sets
 * *seconds after midnight
 */
int			persner_values_clock(const char *s, size_t len, int32_t *seconds);

/*
 * Gregorian (proleptic) <-> Julian Day Number through ICU, for the CLI and
 * the tests (the glue uses PostgreSQL's date type instead).  ymd_to_jdn
 * returns PERSNER_EINVAL for an impossible day.
 */
PersnerStatus persner_values_ymd_to_jdn(PersnerValueParser *vp, int y, int m, int d,
										int32_t *jdn);
PersnerStatus persner_values_jdn_to_ymd(PersnerValueParser *vp, int32_t jdn,
										int *y, int *m, int *d);

#endif							/* PERSNER_VALUES_H */
