/*
 * test_values.c - the value parser: dates, amounts, percentages, times
 *
 * Each case is an entity text as the tagger would cut it, the kind its
 * label asks for, an anchor day, and the value written as text:
 * "[2024-06-04,2024-06-05)" for days (Gregorian, exclusive end), "850 IRR"
 * for an amount, "10:30" for a time, "-" for unresolved.
 */
#include "unit.h"
#include "values.h"

static PersnerValueParser *vp;

/* show - a value as text, for comparing */
static void
show(const PersnerValue *v, char *out, size_t cap)
{
	size_t		k = 0;

	out[0] = '\0';
	if (v->has_dates)
	{
		int			y1,
					m1,
					d1,
					y2,
					m2,
					d2;

		if (persner_values_jdn_to_ymd(vp, v->day_lo, &y1, &m1, &d1) != PERSNER_OK ||
			persner_values_jdn_to_ymd(vp, v->day_hi, &y2, &m2, &d2) != PERSNER_OK)
		{
			snprintf(out, cap, "bad jdn");
			return;
		}
		k += snprintf(out + k, cap - k, "[%04d-%02d-%02d,%04d-%02d-%02d)",
					  y1, m1, d1, y2, m2, d2);
	}
	if (v->has_amount)
		k += snprintf(out + k, cap - k, "%s%s%s%s", k ? " " : "", v->amount,
					  v->unit[0] ? " " : "", v->unit);
	if (v->has_time)
		k += snprintf(out + k, cap - k, "%s%02d:%02d%s", k ? " " : "",
					  v->seconds / 3600, v->seconds / 60 % 60,
					  v->seconds % 60 ? ":ss" : "");
	if (k == 0)
		snprintf(out, cap, "-");
}

static int32_t
jdn(int y, int m, int d)
{
	int32_t		j = 0;

	CHECK(persner_values_ymd_to_jdn(vp, y, m, d, &j) == PERSNER_OK);
	return j;
}

typedef struct Case
{
	PersnerValueKind kind;
	const char *text;
	const char *want;
} Case;

#define D PERSNER_VALUE_DATE
#define M PERSNER_VALUE_MONEY
#define P PERSNER_VALUE_PERCENT
#define T PERSNER_VALUE_TIME

/* anchor for every case below: 2024-06-04 = ۱۵ خرداد ۱۴۰۳, a Tuesday */
static const Case cases[] = {
	/* Jalali in words and digits */
	{D, "۱۵ خرداد ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "15 خرداد 1403", "[2024-06-04,2024-06-05)"},
	{D, "پانزدهم خرداد ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "پانزده خرداد ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "سه‌شنبه ۱۵ خرداد ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "روز سه شنبه ۱۵ خرداد ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "خرداد ۱۴۰۳", "[2024-05-21,2024-06-21)"},
	{D, "اسفند ۱۴۰۲", "[2024-02-20,2024-03-20)"},
	{D, "اسفند ۱۴۰۳", "[2025-02-19,2025-03-21)"},	/* 1403 is a leap year: 30 days */
	{D, "۳۰ اسفند ۱۴۰۳", "[2025-03-20,2025-03-21)"},
	{D, "۳۰ اسفند ۱۴۰۲", "-"},	/* 1402 is not */
	{D, "۳۲ خرداد ۱۴۰۳", "-"},
	{D, "سال ۱۴۰۳", "[2024-03-20,2025-03-21)"},	/* Nowruz to Nowruz */
	{D, "۱۴۰۳", "[2024-03-20,2025-03-21)"},
	{D, "سال ۱۴۰۳ شمسی", "[2024-03-20,2025-03-21)"},
	{D, "1403/03/15", "[2024-06-04,2024-06-05)"},
	{D, "۱۴۰۳/۰۳/۱۵", "[2024-06-04,2024-06-05)"},
	{D, "۱۴۰۳/۳/۱۵", "[2024-06-04,2024-06-05)"},
	{D, "۱۴۰۳-۰۳-۱۵", "[2024-06-04,2024-06-05)"},
	{D, "۱۵ خرداد ۹۸", "[2019-06-05,2019-06-06)"},
	{D, "اول فروردین ۱۴۰۳", "[2024-03-20,2024-03-21)"},
	{D, "دهم دی ماه ۱۴۰۲", "[2023-12-31,2024-01-01)"},
	{D, "۲۷ اسفندماه ۱۴۰۲", "[2024-03-17,2024-03-18)"},
	{D, "دی‌ماه ۱۴۰۲", "[2023-12-22,2024-01-21)"},
	{D, "۱۵ خرداد سال ۱۴۰۳", "[2024-06-04,2024-06-05)"},
	{D, "۱۵ خرداد سال یک هزار و چهارصد و سه", "[2024-06-04,2024-06-05)"},
	{D, "۱۵ خرداد", "[2024-06-04,2024-06-05)"},	/* the anchor's year */
	{D, "خرداد امسال", "[2024-05-21,2024-06-21)"},
	{D, "خرداد سال گذشته", "[2023-05-22,2023-06-22)"},
	{D, "مهر", "[2024-09-22,2024-10-22)"},	/* a month alone: the anchor's year */
	/* Gregorian */
	{D, "2025-09-24", "[2025-09-24,2025-09-25)"},
	{D, "۲۴ سپتامبر ۲۰۲۵", "[2025-09-24,2025-09-25)"},
	{D, "24 september 2025", "-"},
	{D, "سپتامبر ۲۰۲۵", "[2025-09-01,2025-10-01)"},
	{D, "فوریه ۲۰۲۴", "[2024-02-01,2024-03-01)"},
	{D, "۲۹ فوریه ۲۰۲۳", "-"},
	{D, "سال ۲۰۲۵", "[2025-01-01,2026-01-01)"},
	{D, "۲۰۲۵ میلادی", "[2025-01-01,2026-01-01)"},
	{D, "24/09/2025", "[2025-09-24,2025-09-25)"},
	{D, "۱ ژانویه ۲۰۲۴", "[2024-01-01,2024-01-02)"},
	/* Hijri (Umm al-Qura) */
	{D, "۱۰ محرم ۱۴۴۶", "[2024-07-16,2024-07-17)"},
	{D, "رمضان ۱۴۴۵", "[2024-03-11,2024-04-10)"},
	{D, "ماه رمضان ۱۴۴۵", "[2024-03-11,2024-04-10)"},
	{D, "۱۳ رجب ۱۴۴۵ هجری قمری", "[2024-01-25,2024-01-26)"},
	{D, "سال ۱۴۴۵ قمری", "[2023-07-19,2024-07-07)"},
	{D, "۱۸ ذی‌الحجه ۱۴۴۵", "[2024-06-24,2024-06-25)"},
	{D, "۱۲ ربیع الاول ۱۴۴۶", "[2024-09-15,2024-09-16)"},
	/* eras that disagree */
	{D, "خرداد ۱۴۰۳ میلادی", "-"},
	/* ranges and decades */
	{D, "۱۵ تا ۲۰ خرداد ۱۴۰۳", "[2024-06-04,2024-06-10)"},
	{D, "از ۱۳۹۰ تا ۱۴۰۰", "[2011-03-21,2022-03-21)"},
	{D, "خرداد تا تیر ۱۴۰۳", "[2024-05-21,2024-07-22)"},
	{D, "دهه ۶۰", "[1981-03-21,1991-03-21)"},
	{D, "دهه ۹۰ میلادی", "[1990-01-01,2000-01-01)"},
	/* relative, against the anchor */
	{D, "امروز", "[2024-06-04,2024-06-05)"},
	{D, "دیروز", "[2024-06-03,2024-06-04)"},
	{D, "فردا", "[2024-06-05,2024-06-06)"},
	{D, "پس‌فردا", "[2024-06-06,2024-06-07)"},
	{D, "روز گذشته", "[2024-06-03,2024-06-04)"},
	{D, "هفته گذشته", "[2024-05-25,2024-06-01)"},	/* Saturday to Friday */
	{D, "این هفته", "[2024-06-01,2024-06-08)"},
	{D, "هفته آینده", "[2024-06-08,2024-06-15)"},
	{D, "ماه آینده", "[2024-06-21,2024-07-22)"},	/* تیر ۱۴۰۳ */
	{D, "ماه گذشته", "[2024-04-20,2024-05-21)"},
	{D, "ماه جاری", "[2024-05-21,2024-06-21)"},
	{D, "امسال", "[2024-03-20,2025-03-21)"},
	{D, "سال گذشته", "[2023-03-21,2024-03-20)"},
	{D, "پارسال", "[2023-03-21,2024-03-20)"},
	{D, "سال آینده", "[2025-03-21,2026-03-21)"},
	{D, "سه روز پیش", "[2024-06-01,2024-06-02)"},
	{D, "۲ سال پیش", "[2022-03-21,2023-03-21)"},
	{D, "روز دوشنبه", "[2024-06-03,2024-06-04)"},	/* the anchor's week */
	{D, "شنبه", "[2024-06-01,2024-06-02)"},
	{D, "روز جمعه", "[2024-06-07,2024-06-08)"},
	{D, "از ۱۳ شهریور ۱۳۹۸", "[2019-09-04,2019-09-05)"},
	{D, "اوایل خرداد", "-"},
	/* money */
	{M, "۸۵۰ میلیارد ریال", "850000000000 IRR"},
	{M, "۵۰ هزار دلار", "50000 USD"},
	{M, "دو میلیون یورو", "2000000 EUR"},
	{M, "۱۰۰ هزار تومان", "1000000 IRR"},
	{M, "۲.۵ میلیون دلار", "2500000 USD"},
	{M, "۲٫۵ میلیون دلار", "2500000 USD"},
	{M, "2.5 میلیون دلار", "2500000 USD"},
	{M, "۱۲,۵۰۰ تومان", "125000 IRR"},
	{M, "۱۲٬۵۰۰ تومان", "125000 IRR"},
	{M, "32 , 390 ریال", "32390 IRR"},
	{M, "۱٫۲۰۰٫۰۰۰ ریال", "1200000 IRR"},
	{M, "هزار میلیارد تومان", "10000000000000 IRR"},
	{M, "۲ میلیون و ۵۰۰ هزار تومان", "25000000 IRR"},
	{M, "دو میلیون و پانصد هزار یورو", "2500000 EUR"},
	{M, "یک و نیم میلیون دلار", "1500000 USD"},
	{M, "۳ میلیون و نیم دلار", "3500000 USD"},
	{M, "۱۰ میلیون پوند", "10000000 GBP"},
	{M, "۵۰۰ درهم", "500 AED"},
	{M, "۵۰ میلیون", "50000000"},
	{M, "$50", "50 USD"},
	{M, "میلیون‌ها دلار", "-"},
	{M, "۱۰-۱۵ میلیون دلار", "-"},
	/* percent */
	{P, "۲۰ درصد", "20 %"},
	{P, "بیست و پنج درصد", "25 %"},
	{P, "۲/۵ درصد", "2.5 %"},
	{P, "۲٫۵ درصد", "2.5 %"},
	{P, "۱۲.۷۵ درصد", "12.75 %"},
	{P, "٪۲۰", "20 %"},
	{P, "20%", "20 %"},
	{P, "نیم درصد", "0.5 %"},
	{P, "صد درصد", "100 %"},
	{P, "درصد", "-"},
	/* times */
	{T, "ساعت ۱۰ صبح", "10:00"},
	{T, "ساعت ۲۱:۳۰", "21:30"},
	{T, "۱۰ شب", "22:00"},
	{T, "ساعت ۸ و ۳۰ دقیقه", "08:30"},
	{T, "ساعت ۸ و نیم", "08:30"},
	{T, "ساعت ۴ بعدازظهر", "16:00"},
	{T, "۴ بعد از ظهر", "16:00"},
	{T, "ظهر", "12:00"},
	{T, "ظهر امروز", "[2024-06-04,2024-06-05) 12:00"},
	{T, "ساعت ۱۰ صبح دیروز", "[2024-06-03,2024-06-04) 10:00"},
	{T, "ساعت ده صبح", "10:00"},
	{T, "ساعت ۱۰ صبح ۱۵ خرداد ۱۴۰۳", "[2024-06-04,2024-06-05) 10:00"},
	{T, "نیمه‌شب", "00:00"},
	{T, "صبح", "-"},
	{T, "بامداد امروز", "[2024-06-04,2024-06-05)"},
	{T, "ساعت ۲۵", "-"},
};

TEST(table)
{
	int32_t		anchor = jdn(2024, 6, 4);
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		PersnerValue v;
		char		got[128];

		CHECK(persner_values_parse(vp, cases[i].kind, cases[i].text, strlen(cases[i].text),
								   anchor, &v) == PERSNER_OK);
		show(&v, got, sizeof(got));
		if (strcmp(got, cases[i].want) != 0)
			fprintf(stderr, "  case %zu \"%s\": got %s, want %s\n", i, cases[i].text,
					got, cases[i].want);
		CHECK_EQ_STR(got, cases[i].want);
	}
}

/* no anchor: relative dates are NULL, absolute ones are not */
TEST(no_anchor)
{
	PersnerValue v;
	char		got[128];

	persner_values_parse(vp, D, "دیروز", strlen("دیروز"), PERSNER_NO_ANCHOR, &v);
	CHECK(!v.has_dates);
	persner_values_parse(vp, D, "۱۵ خرداد", strlen("۱۵ خرداد"), PERSNER_NO_ANCHOR, &v);
	CHECK(!v.has_dates);
	persner_values_parse(vp, D, "روز دوشنبه", strlen("روز دوشنبه"), PERSNER_NO_ANCHOR, &v);
	CHECK(!v.has_dates);
	persner_values_parse(vp, D, "۱۵ خرداد ۱۴۰۳", strlen("۱۵ خرداد ۱۴۰۳"), PERSNER_NO_ANCHOR, &v);
	show(&v, got, sizeof(got));
	CHECK_EQ_STR(got, "[2024-06-04,2024-06-05)");
	persner_values_parse(vp, T, "ظهر امروز", strlen("ظهر امروز"), PERSNER_NO_ANCHOR, &v);
	show(&v, got, sizeof(got));
	CHECK_EQ_STR(got, "12:00");
}

/* an anchor at the edge of int32 (PostgreSQL's last date is JDN 2147483494): unresolved, no overflow */
TEST(anchor_at_the_edge)
{
	static const char *const texts[] = {"۱۰۰۰ روز بعد", "۱۰۰۰ هفته بعد", "فردا", "۱۰۰۰ روز پیش"};
	PersnerValue v;
	int			i;

	for (i = 0; i < 4; i++)
	{
		persner_values_parse(vp, D, texts[i], strlen(texts[i]), INT32_C(2147483494), &v);
		CHECK(!v.has_dates);
		persner_values_parse(vp, D, texts[i], strlen(texts[i]), INT32_MIN + 1, &v);
		CHECK(!v.has_dates);
	}
	persner_values_parse(vp, D, "فردا", strlen("فردا"), 2460000, &v);
	CHECK(v.has_dates && v.day_lo == 2460001);
}

/* every Jalali day of 1300-1500 round-trips with ICU's Gregorian through JDN */
TEST(nowruz_each_year)
{
	int			y;
	PersnerValue v;
	char		text[64];

	for (y = 1300; y < 1500; y++)
	{
		int			gy,
					gm,
					gd;

		snprintf(text, sizeof(text), "اول فروردین %d", y);
		persner_values_parse(vp, D, text, strlen(text), PERSNER_NO_ANCHOR, &v);
		CHECK(v.has_dates && v.day_hi == v.day_lo + 1);
		snprintf(text, sizeof(text), "سال %d", y);
		{
			PersnerValue yv;

			persner_values_parse(vp, D, text, strlen(text), PERSNER_NO_ANCHOR, &yv);
			CHECK(yv.has_dates && yv.day_lo == v.day_lo);
			CHECK(yv.day_hi - yv.day_lo == 365 || yv.day_hi - yv.day_lo == 366);
		}
		/* Nowruz falls on 20 or 21 March (22 in a few years of the 1300s) */
		CHECK(persner_values_jdn_to_ymd(vp, v.day_lo, &gy, &gm, &gd) == PERSNER_OK);
		CHECK(gm == 3 && gd >= 19 && gd <= 22 && gy == y + 621);
	}
}

/* hostile input: never more than resolved or not */
TEST(hostile)
{
	static const char *const texts[] = {
		"", " ", "،،،", "۱۴۰۳/۱۳/۱۵", "۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ ریال",
		"هزار هزار هزار هزار هزار هزار هزار میلیارد ریال", "ساعت ::", "۱/۲/۳/۴",
		"\xff\xfe", "تا", "از تا", "دهه", "۱۵ تا", "تا ۱۴۰۳", "دهه ۱۳۶۵",
	};
	size_t		i;
	int			k;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (k = D; k <= T; k++)
		{
			PersnerValue v;
			PersnerStatus st = persner_values_parse(vp, (PersnerValueKind) k, texts[i],
													strlen(texts[i]), 2460466, &v);

			CHECK(st == PERSNER_OK || st == PERSNER_EUTF8);
			CHECK(!v.has_amount || strlen(v.amount) < PERSNER_AMOUNT_MAX);
			CHECK(!v.has_dates || v.day_lo < v.day_hi);
		}
	/* a long run of tokens is refused, not overrun */
	{
		char		buf[4096];
		size_t		n = 0;
		PersnerValue v;

		while (n + 8 < sizeof(buf))
		{
			memcpy(buf + n, "۱ و ", strlen("۱ و "));
			n += strlen("۱ و ");
		}
		CHECK(persner_values_parse(vp, M, buf, n, 0, &v) == PERSNER_OK && !v.has_amount);
	}
}

/* random bytes and random keyword soup: no crash, sane output */
TEST(random_soup)
{
	static const char *const words[] = {
		"۱۵", "خرداد", "۱۴۰۳", "و", "نیم", "هزار", "میلیارد", "تا", "از", "ساعت",
		"دهه", "درصد", "٪", "ریال", "تومان", "هفته", "گذشته", "/", ":", "۲۱:۳۰",
		"۱۴۰۳/۰۳/۱۵", "محرم", "قمری", "میلادی", "بیست", "امروز", "،", "۲.۵",
	};
	int			r;

	for (r = 0; r < 20000; r++)
	{
		char		buf[512];
		size_t		n = 0;
		int			w,
					nw = 1 + (int) unit_randn(8);
		PersnerValue v;

		for (w = 0; w < nw; w++)
		{
			const char *s = words[unit_randn(sizeof(words) / sizeof(words[0]))];

			n += snprintf(buf + n, sizeof(buf) - n, "%s ", s);
		}
		CHECK(persner_values_parse(vp, (PersnerValueKind) (1 + unit_randn(4)), buf, n,
								   2460466, &v) == PERSNER_OK);
		CHECK(!v.has_dates || v.day_lo < v.day_hi);
		CHECK(!v.has_time || (v.seconds >= 0 && v.seconds <= 86400));
	}
}

/* a failed allocation is an error status and leaks nothing */
TEST(alloc_failure)
{
	long		n;

	for (n = 0; n < 6; n++)
	{
		PersnerValueParser *p = NULL;
		PersnerStatus st;

		unit_fail_nth(n);
		unit_live = 0;
		st = persner_values_create(&p);
		if (st == PERSNER_OK)
		{
			PersnerValue v;

			st = persner_values_parse(p, D, "۱۵ خرداد ۱۴۰۳", strlen("۱۵ خرداد ۱۴۰۳"), 0, &v);
			CHECK(st == PERSNER_OK || st == PERSNER_ENOMEM);
			persner_values_free(p);
		}
		else
			CHECK(st == PERSNER_ENOMEM);
		CHECK_EQ_INT(unit_live, 0);
		unit_alloc_reset();
	}
}

int
main(void)
{
	if (persner_values_create(&vp) != PERSNER_OK)
	{
		printf("not ok - values_create\n");
		return 1;
	}
	RUN(table);
	RUN(no_anchor);
	RUN(anchor_at_the_edge);
	RUN(nowruz_each_year);
	RUN(hostile);
	RUN(random_soup);
	RUN(alloc_failure);
	persner_values_free(vp);
	UNIT_DONE();
}
