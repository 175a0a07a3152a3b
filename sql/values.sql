--
-- values: persner_values reads the dates, amounts, percentages and times
-- of the entities persner_tag finds (src/core/values.c, src/pg/values.c)
--
SET datestyle = ISO;

-- Sentences of our own, each with one value expression: Jalali, Gregorian
-- and Hijri dates in words and digits, relative dates (anchor 2024-06-04,
-- which is ۱۵ خرداد ۱۴۰۳, a Tuesday), money in several currencies and
-- spellings, percentages, times of day.  Only the value-bearing labels are
-- shown; dates are [first day, day after the last).
CREATE TEMP TABLE value_docs(id int, doc text);
INSERT INTO value_docs VALUES
(1, $t$این گزارش در ۱۵ خرداد ۱۴۰۳ منتشر شد.$t$),
(2, $t$این گزارش در ۱۵ خرداد 1403 منتشر شد.$t$),
(3, $t$این گزارش در پانزدهم خرداد ۱۴۰۳ منتشر شد.$t$),
(4, $t$این گزارش در سه‌شنبه ۱۵ خرداد ۱۴۰۳ منتشر شد.$t$),
(5, $t$این گزارش در خرداد ۱۴۰۳ منتشر شد.$t$),
(6, $t$به گزارش خبرنگار ما، اسفند ۱۴۰۳ این خبر اعلام شد.$t$),
(7, $t$این گزارش در ۳۰ اسفند ۱۴۰۳ منتشر شد.$t$),
(8, $t$به گزارش خبرنگار ما، سال ۱۴۰۳ این خبر اعلام شد.$t$),
(9, $t$به گزارش خبرنگار ما، سال ۱۴۰۲ این خبر اعلام شد.$t$),
(10, $t$به گزارش خبرنگار ما، ۲۴ سپتامبر ۲۰۲۵ این خبر اعلام شد.$t$),
(11, $t$به گزارش خبرنگار ما، سپتامبر ۲۰۲۵ این خبر اعلام شد.$t$),
(12, $t$به گزارش خبرنگار ما، سال ۲۰۲۵ میلادی این خبر اعلام شد.$t$),
(13, $t$به گزارش خبرنگار ما، ۱ ژانویه ۲۰۲۴ این خبر اعلام شد.$t$),
(14, $t$به گزارش خبرنگار ما، ۲۹ فوریه ۲۰۲۴ این خبر اعلام شد.$t$),
(15, $t$به گزارش خبرنگار ما، ۱۰ محرم ۱۴۴۶ این خبر اعلام شد.$t$),
(16, $t$به گزارش خبرنگار ما، ۱۳ رجب ۱۴۴۵ این خبر اعلام شد.$t$),
(17, $t$این گزارش در اول فروردین ۱۴۰۳ منتشر شد.$t$),
(18, $t$به گزارش خبرنگار ما، ۱۵ خرداد این خبر اعلام شد.$t$),
(19, $t$به گزارش خبرنگار ما، دهم دی ماه ۱۴۰۲ این خبر اعلام شد.$t$),
(20, $t$به گزارش خبرنگار ما، ۲۲ بهمن ۱۳۵۷ این خبر اعلام شد.$t$),
(21, $t$به گزارش خبرنگار ما، ۱۲ فروردین ۱۳۵۸ این خبر اعلام شد.$t$),
(22, $t$به گزارش خبرنگار ما، ۱۴ خرداد ۱۳۶۸ این خبر اعلام شد.$t$),
(23, $t$به گزارش خبرنگار ما، ۲۸ مرداد ۱۳۳۲ این خبر اعلام شد.$t$),
(24, $t$این گزارش در ۱۵ تا ۲۰ خرداد ۱۴۰۳ منتشر شد.$t$),
(25, $t$به گزارش خبرنگار ما، دهه ۶۰ این خبر اعلام شد.$t$),
(26, $t$به گزارش خبرنگار ما، امروز این خبر اعلام شد.$t$),
(27, $t$به گزارش خبرنگار ما، دیروز این خبر اعلام شد.$t$),
(28, $t$به گزارش خبرنگار ما، فردا این خبر اعلام شد.$t$),
(29, $t$به گزارش خبرنگار ما، هفته گذشته این خبر اعلام شد.$t$),
(30, $t$به گزارش خبرنگار ما، هفته آینده این خبر اعلام شد.$t$),
(31, $t$به گزارش خبرنگار ما، ماه آینده این خبر اعلام شد.$t$),
(32, $t$به گزارش خبرنگار ما، ماه گذشته این خبر اعلام شد.$t$),
(33, $t$به گزارش خبرنگار ما، امسال این خبر اعلام شد.$t$),
(34, $t$به گزارش خبرنگار ما، سال گذشته این خبر اعلام شد.$t$),
(35, $t$به گزارش خبرنگار ما، پارسال این خبر اعلام شد.$t$),
(36, $t$به گزارش خبرنگار ما، سال آینده این خبر اعلام شد.$t$),
(37, $t$به گزارش خبرنگار ما، روز گذشته این خبر اعلام شد.$t$),
(38, $t$به گزارش خبرنگار ما، دو روز پیش این خبر اعلام شد.$t$),
(39, $t$به گزارش خبرنگار ما، سه سال پیش این خبر اعلام شد.$t$),
(40, $t$به گزارش خبرنگار ما، خرداد امسال این خبر اعلام شد.$t$),
(41, $t$به گزارش خبرنگار ما، ۸۵۰ میلیارد ریال این خبر اعلام شد.$t$),
(42, $t$به گزارش خبرنگار ما، ۵۰ هزار دلار این خبر اعلام شد.$t$),
(43, $t$به گزارش خبرنگار ما، دو میلیون یورو این خبر اعلام شد.$t$),
(44, $t$به گزارش خبرنگار ما، ۱۰۰ هزار تومان این خبر اعلام شد.$t$),
(45, $t$به گزارش خبرنگار ما، ۲.۵ میلیون دلار این خبر اعلام شد.$t$),
(46, $t$به گزارش خبرنگار ما، ۲٫۵ میلیون دلار این خبر اعلام شد.$t$),
(47, $t$به گزارش خبرنگار ما، ۱۲,۵۰۰ تومان این خبر اعلام شد.$t$),
(48, $t$به گزارش خبرنگار ما، ۱۲٬۵۰۰ تومان این خبر اعلام شد.$t$),
(49, $t$به گزارش خبرنگار ما، ۳۲۰ هزار میلیارد ریال این خبر اعلام شد.$t$),
(50, $t$به گزارش خبرنگار ما، هزار میلیارد تومان این خبر اعلام شد.$t$),
(51, $t$به گزارش خبرنگار ما، ۲ میلیون و ۵۰۰ هزار تومان این خبر اعلام شد.$t$),
(52, $t$به گزارش خبرنگار ما، سه میلیارد دلار این خبر اعلام شد.$t$),
(53, $t$پنج هزار یورو اعلام شد.$t$),
(54, $t$به گزارش خبرنگار ما، ۱۰ میلیون پوند این خبر اعلام شد.$t$),
(55, $t$۴۰۰ میلیون یوان اعلام شد.$t$),
(56, $t$به گزارش خبرنگار ما، ۱۵ میلیارد تومان این خبر اعلام شد.$t$),
(57, $t$به گزارش خبرنگار ما، ۷۵۰ ریال این خبر اعلام شد.$t$),
(58, $t$به گزارش خبرنگار ما، ۱٫۲ میلیارد دلار این خبر اعلام شد.$t$),
(59, $t$به گزارش خبرنگار ما، ۹۰۰ هزار ریال این خبر اعلام شد.$t$),
(60, $t$بیست هزار تومان اعلام شد.$t$),
(61, $t$این گزارش در ۶۰ میلیون روبل منتشر شد.$t$),
(62, $t$به گزارش خبرنگار ما، ۱۸ میلیارد یورو این خبر اعلام شد.$t$),
(63, $t$به گزارش خبرنگار ما، ۲۰ درصد این خبر اعلام شد.$t$),
(64, $t$به گزارش خبرنگار ما، ۲/۵ درصد این خبر اعلام شد.$t$),
(65, $t$به گزارش خبرنگار ما، ۲٫۵ درصد این خبر اعلام شد.$t$),
(66, $t$به گزارش خبرنگار ما، ۱۲.۷۵ درصد این خبر اعلام شد.$t$),
(67, $t$به گزارش خبرنگار ما، ۴۰ درصد این خبر اعلام شد.$t$),
(68, $t$به گزارش خبرنگار ما، ۹۹ درصد این خبر اعلام شد.$t$),
(69, $t$به گزارش خبرنگار ما، صد درصد این خبر اعلام شد.$t$),
(70, $t$به گزارش خبرنگار ما، ده درصد این خبر اعلام شد.$t$),
(71, $t$به گزارش خبرنگار ما، ۳۵٫۸ درصد این خبر اعلام شد.$t$),
(72, $t$به گزارش خبرنگار ما، پنجاه درصد این خبر اعلام شد.$t$),
(73, $t$به گزارش خبرنگار ما، ۱ درصد این خبر اعلام شد.$t$),
(74, $t$به گزارش خبرنگار ما، ۷۰ درصد این خبر اعلام شد.$t$),
(75, $t$به گزارش خبرنگار ما، سی درصد این خبر اعلام شد.$t$),
(76, $t$به گزارش خبرنگار ما، ۵ درصد این خبر اعلام شد.$t$),
(77, $t$به گزارش خبرنگار ما، ساعت ۱۰ صبح این خبر اعلام شد.$t$),
(78, $t$به گزارش خبرنگار ما، ساعت ۲۱:۳۰ این خبر اعلام شد.$t$),
(79, $t$به گزارش خبرنگار ما، ساعت ۱۰ شب این خبر اعلام شد.$t$),
(80, $t$این نشست ساعت ۸ و ۳۰ دقیقه در تهران برگزار شد.$t$),
(81, $t$به گزارش خبرنگار ما، ساعت ۴ بعدازظهر این خبر اعلام شد.$t$),
(82, $t$این گزارش در ساعت ۱۶ منتشر شد.$t$),
(83, $t$به گزارش خبرنگار ما، ظهر امروز این خبر اعلام شد.$t$),
(84, $t$به گزارش خبرنگار ما، ساعت ۱۰ صبح دیروز این خبر اعلام شد.$t$),
(85, $t$به گزارش خبرنگار ما، ساعت ده صبح این خبر اعلام شد.$t$),
(86, $t$به گزارش خبرنگار ما، ساعت ۹ صبح این خبر اعلام شد.$t$),
(87, $t$به گزارش خبرنگار ما، ساعت ۷:۴۵ این خبر اعلام شد.$t$),
(88, $t$به گزارش خبرنگار ما، ساعت ۱۱ شب این خبر اعلام شد.$t$),
(89, $t$به گزارش خبرنگار ما، ساعت ۶ عصر این خبر اعلام شد.$t$),
(90, $t$به گزارش خبرنگار ما، ساعت ۱۲ ظهر این خبر اعلام شد.$t$),
(91, $t$به گزارش خبرنگار ما، ساعت ۳ بامداد این خبر اعلام شد.$t$),
(92, $t$به گزارش خبرنگار ما، بامداد امروز این خبر اعلام شد.$t$),
(93, $t$به گزارش خبرنگار ما، ساعت ۱۸:۰۰ این خبر اعلام شد.$t$),
(94, $t$نامه مورخ 1403/03/15 ارسال شد.$t$),
(95, $t$نامه مورخ ۱۴۰۳/۰۳/۱۵ ارسال شد.$t$),
(96, $t$نامه مورخ ۱۴۰۲/۱۲/۲۹ ارسال شد.$t$),
(97, $t$گزارش روز 2025-09-24 منتشر شد.$t$),
(98, $t$در ماه رمضان ۱۴۴۵ برگزار شد.$t$),
(99, $t$دولت یک و نیم میلیون دلار پرداخت کرد.$t$),
(100, $t$او با بیست و پنج درصد آرا انتخاب شد.$t$),
(101, $t$جلسه ساعت ۸ و نیم صبح آغاز شد.$t$),
(102, $t$مراسم در ۱۸ ذی‌الحجه ۱۴۴۵ برگزار شد.$t$),
(103, $t$این نشست در ۱۲ ربیع الاول ۱۴۴۶ برگزار شد.$t$),
(104, $t$این قرارداد در ۱۴ ژوئیه ۲۰۱۵ امضا شد.$t$),
(105, $t$این نشست در ۱۱ سپتامبر ۲۰۰۱ برگزار شد.$t$),
(106, $t$این جشنواره در بهمن ۱۴۰۲ برگزار شد.$t$),
(107, $t$این طرح از سال ۱۳۹۰ تا ۱۴۰۰ اجرا شد.$t$),
(108, $t$او در سال ۱۳۶۵ به دنیا آمد.$t$),
(109, $t$نمایشگاه در مهر ۱۴۰۳ برگزار می‌شود.$t$),
(110, $t$قیمت نان ۵ هزار تومان شد.$t$),
(111, $t$وام ۳۰۰ میلیون تومانی پرداخت شد.$t$),
(112, $t$ارزش صادرات به ۴۵ میلیارد دلار رسید.$t$),
(113, $t$نرخ سود بانکی ۲۳ درصد است.$t$),
(114, $t$تورم ماهانه ۳/۲ درصد بود.$t$),
(115, $t$مسابقه ساعت ۲۰:۴۵ آغاز می‌شود.$t$),
(116, $t$این مراسم ساعت ۱۷ برگزار شد.$t$),
(117, $t$این نشست روز دوشنبه در تهران برگزار شد.$t$),
(118, $t$این طرح از ۱۳ شهریور ۱۳۹۸ اجرا شد.$t$);

SELECT d.id, v.label, v.entity, v.dates, v.amount, v.unit, v.time_of_day
FROM value_docs d, persner_values('peyma', d.doc, '2024-06-04') v
WHERE v.label IN ('DAT', 'MON', 'PCT', 'TIM')
ORDER BY d.id, v.start_pos;

-- the README example
SELECT label, entity, dates, amount, unit, time_of_day
FROM persner_values('peyma', 'بانک مرکزی روز ۱۵ خرداد ۱۴۰۳ اعلام کرد ۸۵۰ میلیارد ریال و ۵۰ هزار دلار با سود ۲۰ درصد دیروز ساعت ۱۰ صبح پرداخت شد.', '2024-06-04');

-- how many value expressions there are, and how many resolved
SELECT count(*) AS expressions,
       count(*) FILTER (WHERE dates IS NOT NULL OR amount IS NOT NULL OR time_of_day IS NOT NULL) AS resolved
FROM value_docs d, persner_values('peyma', d.doc, '2024-06-04') v
WHERE v.label IN ('DAT', 'MON', 'PCT', 'TIM');

-- the rows are persner_tag's entities, at persner_tag's positions
SELECT count(*) AS differing FROM (
  (SELECT d.id, t.start_pos, t.end_pos, t.label, t.entity FROM value_docs d, persner_tag('peyma', d.doc) t
   EXCEPT SELECT d.id, v.start_pos, v.end_pos, v.label, v.entity FROM value_docs d, persner_values('peyma', d.doc) v)
  UNION ALL
  (SELECT d.id, v.start_pos, v.end_pos, v.label, v.entity FROM value_docs d, persner_values('peyma', d.doc) v
   EXCEPT SELECT d.id, t.start_pos, t.end_pos, t.label, t.entity FROM value_docs d, persner_tag('peyma', d.doc) t)) x;

-- without an anchor, relative dates are NULL and absolute ones are not
SELECT entity, dates FROM persner_values('peyma', 'این گزارش در ۱۵ خرداد ۱۴۰۳ منتشر شد و هفته گذشته اعلام شد.')
WHERE label = 'DAT' ORDER BY start_pos;
-- an infinite anchor counts as none
SELECT entity, dates FROM persner_values('peyma', 'این خبر دیروز اعلام شد.', 'infinity') WHERE label = 'DAT';
-- the anchor moves relative dates: ماه آینده from ۱ فروردین ۱۴۰۳ is اردیبهشت
SELECT entity, dates FROM persner_values('peyma', 'به گزارش خبرنگار ما، ماه آینده این خبر اعلام شد.', '2024-03-20') WHERE label = 'DAT';
-- a Jalali year runs from Nowruz to Nowruz, and 1403 is a leap year
SELECT upper(dates) - lower(dates) AS days, lower(dates) AS nowruz
FROM persner_values('peyma', 'این گزارش در سال ۱۴۰۳ منتشر شد.') WHERE label = 'DAT';
-- a day that does not exist is NULL: 1402 has no ۳۰ اسفند
SELECT entity, dates FROM persner_values('peyma', 'این گزارش در ۳۰ اسفند ۱۴۰۲ منتشر شد.') WHERE label = 'DAT';
-- dates join with the daterange operators: which documents speak of خرداد ۱۴۰۳
SELECT count(DISTINCT d.id) AS in_khordad_1403
FROM value_docs d, persner_values('peyma', d.doc, '2024-06-04') v
WHERE v.dates && daterange('2024-05-21', '2024-06-21');
-- amounts add up per currency
SELECT unit, sum(amount) AS total, count(*) AS n
FROM value_docs d, persner_values('peyma', d.doc) v
WHERE v.label = 'MON' AND unit IS NOT NULL GROUP BY unit ORDER BY unit;

-- the forms without a model use persner.model and agree with the named model
SELECT (SELECT array_agg(v ORDER BY v.start_pos) FROM persner_values('وزیر گفت ۵۰ هزار دلار دیروز پرداخت شد.', date '2024-06-04') v)
     = (SELECT array_agg(v ORDER BY v.start_pos) FROM persner_values('peyma', 'وزیر گفت ۵۰ هزار دلار دیروز پرداخت شد.', '2024-06-04') v)
       AS same_as_default,
       (SELECT array_agg(v ORDER BY v.start_pos) FROM persner_values('وزیر گفت ۵۰ هزار دلار پرداخت شد.') v)
     = (SELECT array_agg(v ORDER BY v.start_pos) FROM persner_values('peyma', 'وزیر گفت ۵۰ هزار دلار پرداخت شد.') v)
       AS same_as_default_no_anchor;
-- positions round-trip like persner_tag's
SELECT bool_and(substr(d.doc, v.start_pos, v.end_pos - v.start_pos) = v.entity) AS round_trip
FROM value_docs d, persner_values('peyma', d.doc) v;

-- NULL in, nothing out (STRICT); empty documents give no rows
SELECT count(*) FROM persner_values('peyma', NULL);
SELECT count(*) FROM persner_values('peyma', 'دیروز', NULL);
SELECT count(*) FROM persner_values('peyma', '');
SELECT count(*) FROM persner_values(E' \n ');
-- an unknown model is an error, as for persner_tag
\set VERBOSITY terse
SELECT * FROM persner_values('no_such_model', 'دیروز');
-- with the anchor and no model, the anchor must be typed as a date: an
-- untyped literal in second place reads as (model, doc), as for to_tsvector
SELECT count(*) FROM persner_values('دیروز', '2024-06-04');
SELECT count(*) FROM persner_values('دیروز', date '2024-06-04');
\set VERBOSITY default

-- markings: IMMUTABLE with a model, STABLE without, all STRICT and PARALLEL SAFE
SELECT pg_get_function_identity_arguments(oid) AS args, provolatile, proisstrict, proparallel
FROM pg_proc WHERE proname = 'persner_values' ORDER BY 1;
