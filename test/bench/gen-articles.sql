/*
 * gen-articles.sql - deterministic generated Persian news articles for the bench and the scale-out test
 *
 * Written for persner: templates and word lists of our own (no corpus text).
 * Everything is a pure function of an integer, so two servers given the same
 * ids produce the same articles byte for byte, and so a query can generate
 * 100,000 rows without a table:
 *
 *   gen_sentence(seed bigint)   one sentence: a template with its slots filled
 *   gen_article(id bigint)      4 to 7 sentences, about 80-140 words
 *
 * Slots: {P} {P2} person, {O} {O2} organization, {L} {L2} city, {C} {C2}
 * country, {D} date, {W} weekday, {MO} month, {Y} year, {M} money, {T}
 * percent, {H} clock time, {N} a number.  Choices come from hashint8 (stable
 * within a PostgreSQL major version), never from random().
 *
 * All functions are IMMUTABLE PARALLEL SAFE and qualify their names, so they
 * work in parallel workers and with any search_path.  Load with psql -f.
 */

CREATE SCHEMA IF NOT EXISTS gen;

-- gen.pick(arr, seed, k) - a deterministic element of arr for (seed, k)
CREATE OR REPLACE FUNCTION gen.pick(a text[], seed bigint, k int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT a[1 + ((pg_catalog.hashint8(seed * 131 + k)::bigint % pg_catalog.cardinality(a))
				  + pg_catalog.cardinality(a)) % pg_catalog.cardinality(a)]
$$;

-- gen.num(seed, k, lo, hi) - a deterministic integer in [lo, hi]
CREATE OR REPLACE FUNCTION gen.num(seed bigint, k int, lo int, hi int) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT lo + (((pg_catalog.hashint8(seed * 131 + k)::bigint % (hi - lo + 1)) + (hi - lo + 1)) % (hi - lo + 1))::int
$$;

-- gen.fa(n) - n in Persian digits
CREATE OR REPLACE FUNCTION gen.fa(n bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT pg_catalog.translate(n::text, '0123456789', '۰۱۲۳۴۵۶۷۸۹')
$$;

CREATE OR REPLACE FUNCTION gen.first_names() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{علی,محمد,حسین,رضا,مهدی,احمد,حمید,مجید,سعید,مسعود,امیر,جواد,کاوه,بهرام,پرویز,مریم,زهرا,فاطمه,سارا,نرگس,لیلا,مینا,شیرین,نسرین,الهام,بهاره}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.last_names() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{رضایی,محمدی,احمدی,حسینی,کریمی,موسوی,جعفری,صادقی,رحیمی,نوری,کاظمی,قاسمی,عباسی,هاشمی,طاهری,شریفی,یزدانی,فرهادی,اکبری,ملکی,نجفی,سلیمانی,باقری,زارعی}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.orgs() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{"شهرداری تهران","وزارت امور خارجه","وزارت نفت","بانک مرکزی","دانشگاه تهران","سازمان ملل متحد","مجلس شورای اسلامی","وزارت بهداشت","سازمان هواشناسی","شرکت ملی نفت ایران","دانشگاه صنعتی شریف","بانک ملی ایران","سازمان برنامه و بودجه","فدراسیون فوتبال","باشگاه پرسپولیس","باشگاه استقلال","خبرگزاری ایرنا","صندوق بین‌المللی پول","اتحادیه اروپا","سازمان حفاظت محیط زیست","دانشگاه اصفهان","وزارت آموزش و پرورش","سازمان تامین اجتماعی","شرکت ایران خودرو"}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.cities() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{تهران,اصفهان,شیراز,مشهد,تبریز,کرمان,یزد,رشت,اهواز,قم,کرج,همدان,ارومیه,بندرعباس,زاهدان,سنندج,کاشان,قزوین,ساری,بوشهر}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.countries() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{ایران,ترکیه,عراق,چین,روسیه,آلمان,فرانسه,ژاپن,هند,افغانستان,ایتالیا,برزیل,پاکستان,قطر,اسپانیا,کره جنوبی}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.months() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{فروردین,اردیبهشت,خرداد,تیر,مرداد,شهریور,مهر,آبان,آذر,دی,بهمن,اسفند}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.weekdays() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{شنبه,یکشنبه,دوشنبه,سه‌شنبه,چهارشنبه,پنجشنبه,جمعه}'::text[]
$$;

CREATE OR REPLACE FUNCTION gen.units() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '{"میلیارد ریال","میلیون تومان","هزار دلار","میلیارد تومان","میلیون یورو"}'::text[]
$$;

-- Templates: news sentences with slots, and plain sentences without any.
CREATE OR REPLACE FUNCTION gen.templates() RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT ARRAY[
		'به گزارش خبرنگار ما، {P} رئیس {O} روز {W} در {L} گفت بودجه این نهاد {T} افزایش یافته است.',
		'{P} در نشستی با مدیران {O} اعلام کرد که قرارداد تازه‌ای به ارزش {M} امضا خواهد شد.',
		'نخستین جلسه کمیسیون مشترک {C} و {C2} روز {D} در شهر {L} برگزار می‌شود.',
		'سخنگوی {O} امروز گفت نرخ تورم در ماه گذشته به {T} رسیده است.',
		'مراسم افتتاح این طرح ساعت {H} روز {W} با حضور {P} در {L} برگزار شد.',
		'{P} که از سال {Y} مدیر {O} بوده است، از سمت خود کناره‌گیری کرد.',
		'بر اساس گزارش {O}، صادرات {C} در نیمه نخست سال {T} رشد داشته است.',
		'سازمان هواشناسی برای روزهای پایانی هفته در {L} و {L2} بارش باران پیش‌بینی کرده است.',
		'{P} و {P2} در دیداری در {L} درباره همکاری‌های اقتصادی گفت‌وگو کردند.',
		'هزینه ساخت این پل {M} برآورد شده و قرار است تا {D} به پایان برسد.',
		'تیم ملی فوتبال {C} روز {W} در ورزشگاه آزادی با تیم {C2} دیدار می‌کند.',
		'وزیر امور خارجه {C} برای سفری دو روزه وارد {L} شد.',
		'{O} اعلام کرد از ابتدای {MO} قیمت بلیت قطار {T} گران می‌شود.',
		'این گزارش را {P} خبرنگار {O} از {L} فرستاده است.',
		'در این حادثه که ساعت {H} رخ داد، {N} نفر مصدوم شدند.',
		'بازار سهام امروز با رشد {T} بسته شد و ارزش معاملات به {M} رسید.',
		'دانشجویان {O} در اعتراض به افزایش شهریه مقابل ساختمان {O2} تجمع کردند.',
		'{P} گفت مردم {L} هنوز منتظر اجرای وعده‌های داده شده هستند.',
		'نمایشگاه بین‌المللی کتاب از {D} در {L} آغاز به کار می‌کند.',
		'به گفته {P}، سهم {C} از بازار جهانی نفت به {T} کاهش یافته است.',
		'{P} مدیرعامل {O} روز {D} از برنامه‌های تازه این شرکت در {C} خبر داد.',
		'قیمت هر سکه در بازار {L} روز {W} به {M} رسید.',
		'این موضوع در روزهای اخیر واکنش‌های زیادی به همراه داشته است.',
		'کارشناسان معتقدند که این روند در ماه‌های آینده هم ادامه خواهد داشت.',
		'هنوز جزئیات بیشتری درباره این تصمیم منتشر نشده است.',
		'به گفته مسئولان، مشکلات موجود به زودی برطرف می‌شود.',
		'بسیاری از شهروندان از کیفیت خدمات رضایت ندارند.',
		'این طرح در چند مرحله و با مشارکت بخش خصوصی اجرا خواهد شد.'
	]
$$;

-- gen.person(seed, k) - "first last"
CREATE OR REPLACE FUNCTION gen.person(seed bigint, k int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT gen.pick(gen.first_names(), seed, k) || ' ' || gen.pick(gen.last_names(), seed, k + 1)
$$;

-- gen.sentence(seed) - one sentence, slots filled
CREATE OR REPLACE FUNCTION gen.sentence(seed bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
		gen.pick(gen.templates(), seed, 0),
		'{P2}', gen.person(seed, 3)),
		'{P}', gen.person(seed, 1)),
		'{O2}', gen.pick(gen.orgs(), seed, 6)),
		'{O}', gen.pick(gen.orgs(), seed, 5)),
		'{L2}', gen.pick(gen.cities(), seed, 8)),
		'{L}', gen.pick(gen.cities(), seed, 7)),
		'{C2}', gen.pick(gen.countries(), seed, 10)),
		'{C}', gen.pick(gen.countries(), seed, 9)),
		'{D}', gen.fa(gen.num(seed, 11, 1, 29)) || ' ' || gen.pick(gen.months(), seed, 12)
			   || ' ' || gen.fa(gen.num(seed, 13, 1395, 1403))),
		'{W}', gen.pick(gen.weekdays(), seed, 14)),
		'{MO}', gen.pick(gen.months(), seed, 15)),
		'{Y}', gen.fa(gen.num(seed, 16, 1380, 1402))),
		'{M}', gen.fa(gen.num(seed, 17, 2, 950)) || ' ' || gen.pick(gen.units(), seed, 18)),
		'{T}', gen.fa(gen.num(seed, 19, 2, 85)) || ' درصد'),
		'{H}', gen.fa(gen.num(seed, 20, 7, 11)) || ' صبح'),
		'{N}', gen.fa(gen.num(seed, 21, 2, 40)))
$$;

-- gen.article(id) - 4 to 7 sentences on one line
CREATE OR REPLACE FUNCTION gen.article(id bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT pg_catalog.string_agg(gen.sentence(id * 16 + j), ' ' ORDER BY j)
	FROM pg_catalog.generate_series(1, gen.num(id, 99, 4, 7)) AS j
$$;
