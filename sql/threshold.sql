--
-- threshold: persner_tag and persner_entities with a min_score, and what
-- the scores are worth on broken text of our own making
--
-- min_score keeps exactly the rows of persner_tag that score at least that
-- (the percentage is spelled out: «۱۲ درصد» is certain, the rules pin it)
SELECT (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', d, 0.99) t)
     = (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', d) t WHERE t.score >= 0.99) AS same_rows,
       (SELECT count(*) FROM persner_tag('peyma', d)) AS all_rows,
       (SELECT count(*) FROM persner_tag('peyma', d, 0.99)) AS confident_rows
FROM (VALUES ('علی لاریجانی رئیس مجلس شورای اسلامی در تهران با دوازده درصد آرا انتخاب شد و سازمان فناوری اطلاعات شهرداری قم تاسیس شد.')) v(d);
-- 0 keeps everything, more than 1 nothing; the forms without a model use persner.model
SELECT (SELECT count(*) FROM persner_tag('peyma', 'دیدار در تهران', 0)) AS at_0,
       (SELECT count(*) FROM persner_tag('peyma', 'دیدار در تهران', 1.01)) AS above_1,
       (SELECT count(*) FROM persner_tag('دیدار در تهران', 0.5)) AS default_model;
-- persner_entities: the keys of the confident entities, canonical and sorted
SELECT persner_entities('peyma', d) AS all_entities, persner_entities('peyma', d, 0.99) AS confident,
       persner_entities('peyma', d, 0.99) <@ persner_entities('peyma', d) AS subset,
       persner_entities(d, 0.99) = persner_entities('peyma', d, 0.99) AS default_model
FROM (VALUES ('علی لاریجانی رئیس مجلس شورای اسلامی در تهران با دوازده درصد آرا انتخاب شد.')) v(d);
-- NULL in, NULL out
SELECT persner_entities('peyma', 'تهران', NULL) IS NULL AS null_score,
       (SELECT count(*) FROM persner_tag('peyma', NULL, 0.5)) AS null_doc;
-- markings: IMMUTABLE with a model, STABLE without, all STRICT and PARALLEL SAFE
SELECT proname, pg_get_function_identity_arguments(oid) AS args, provolatile, proisstrict, proparallel
FROM pg_proc WHERE proname IN ('persner_tag', 'persner_entities') ORDER BY 1, 2;

-- Broken text.  Twelve sentences of our own, as written and three ways a
-- PDF extraction breaks them: visual order (each line's characters
-- reversed, digit runs kept), kashida (tatweel stretching the words), and
-- words split apart by spaces.
CREATE TEMP TABLE th_docs(id int, doc text);
INSERT INTO th_docs VALUES
 (1, 'علی لاریجانی رئیس مجلس شورای اسلامی روز دوشنبه در تهران با خبرنگاران گفت‌وگو کرد.'),
 (2, 'بانک مرکزی اعلام کرد نرخ تورم در خرداد ۱۴۰۳ به ۴۰ درصد رسید.'),
 (3, 'شهرداری مشهد قرارداد ۸۵۰ میلیارد ریالی با شرکت ملی نفت امضا کرد.'),
 (4, 'وزیر امور خارجه ایران برای دیدار با همتای ترکیه‌ای خود به آنکارا سفر کرد.'),
 (5, 'دانشگاه تهران میزبان همایش بین‌المللی انرژی در ماه آینده خواهد بود.'),
 (6, 'حسن روحانی و محمدجواد ظریف در نشست سازمان ملل متحد در نیویورک شرکت کردند.'),
 (7, 'تیم ملی فوتبال ایران ساعت ۱۸ امروز در ورزشگاه آزادی به مصاف کره جنوبی می‌رود.'),
 (8, 'خبرگزاری ایرنا گزارش داد که سازمان هواپیمایی کشوری پروازهای اصفهان را لغو کرد.'),
 (9, 'رئیس کل دادگستری استان فارس از آزادی ۲۰ زندانی در شیراز خبر داد.'),
 (10, 'محمد باقر قالیباف شهردار سابق تهران در انتخابات مجلس شرکت کرد.'),
 (11, 'صندوق بین‌المللی پول پیش‌بینی کرد رشد اقتصادی چین به ۵ درصد برسد.'),
 (12, 'وزارت بهداشت اعلام کرد ۳۰ هزار دوز واکسن به استان خوزستان ارسال شد.');
-- visual order: each line's characters reversed, digit runs kept as they read
CREATE FUNCTION pg_temp.visual(t text) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(CASE WHEN w ~ '^[0-9۰-۹]+$' THEN w ELSE reverse(w) END, '' ORDER BY n DESC)
  FROM regexp_matches(t, '[0-9۰-۹]+|[^0-9۰-۹]+', 'g') WITH ORDINALITY AS m(a, n), LATERAL (SELECT a[1] AS w) x $$;
-- kashida: a tatweel after every second letter of each word of four letters or more
CREATE FUNCTION pg_temp.kashida(t text) RETURNS text LANGUAGE sql AS $$
  SELECT regexp_replace(t, '([آ-ی])([آ-ی])([آ-ی])([آ-ی])', '\1\2ـــ\3\4', 'g') $$;
-- letters split apart: a space inside every word of five letters or more
CREATE FUNCTION pg_temp.split(t text) RETURNS text LANGUAGE sql AS $$
  SELECT regexp_replace(t, '([آ-ی]{2})([آ-ی]{3,})', '\1 \2', 'g') $$;
CREATE TEMP TABLE th_variants AS
  SELECT 'clean' AS kind, id, doc FROM th_docs
  UNION ALL SELECT 'visual order', id, pg_temp.visual(doc) FROM th_docs
  UNION ALL SELECT 'kashida', id, pg_temp.kashida(doc) FROM th_docs
  UNION ALL SELECT 'split words', id, pg_temp.split(doc) FROM th_docs;
SELECT doc FROM th_variants WHERE id = 1 ORDER BY kind;
SELECT kind, count(*) AS entities, round(avg(t.score)::numeric, 3) AS mean_score,
       count(*) FILTER (WHERE t.score >= 0.9) AS at_least_0_9,
       count(*) FILTER (WHERE t.score >= 0.8) AS at_least_0_8,
       round(min(t.score)::numeric, 3) AS min_score
FROM th_variants v, persner_tag('peyma', v.doc) t GROUP BY kind ORDER BY kind;
-- what the split words give above 0.8: fragments of names, scored high
SELECT t.label, t.entity, round(t.score::numeric, 3) AS score
FROM th_variants v, persner_tag('peyma', v.doc, min_score => 0.8) t
WHERE v.kind = 'split words' ORDER BY t.score DESC, t.entity;
