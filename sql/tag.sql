--
-- tag: persner_tag positions, labels, order, and hostile input
--
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS persner;
RESET client_min_messages;

-- a clear sentence: the labels found include ORG and LOC
SELECT bool_or(label = 'ORG') AS has_org, bool_or(label = 'LOC') AS has_loc
FROM persner_tag('peyma', 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.');
-- the one-argument form uses persner.model and agrees with the two-argument one
SELECT (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('سازمان ملل متحد در تهران نشست برگزار کرد.') t)
     = (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', 'سازمان ملل متحد در تهران نشست برگزار کرد.') t)
       AS same_as_default;
-- positions are 1-based characters, end exclusive, like substr()
SELECT start_pos, end_pos, label, entity,
       substr(d, start_pos, end_pos - start_pos) = entity AS round_trip
FROM (VALUES ('دبیرکل سازمان ملل متحد امروز وارد تهران شد.')) v(d),
     persner_tag('peyma', d)
WHERE label IN ('ORG', 'LOC')
ORDER BY start_pos;

-- empty, blank and entity-free documents give no rows; NULL gives NULL
SELECT count(*) FROM persner_tag('peyma', '');
SELECT count(*) FROM persner_tag('peyma', E'   \n\t  ');
SELECT count(*) FROM persner_tag('peyma', '😀🔥👍🏽');
SELECT count(*) FROM persner_tag('peyma', '... ،،، !!! ؟؟؟');
SELECT count(*) FROM persner_tag('peyma', U&'\064E\0651\200C\200F');
SELECT count(*) FROM persner_tag('peyma', NULL);
SELECT count(*) FROM persner_tag(NULL, 'تهران');

-- 1,200 generated sentences (templates and word lists written for this test),
-- each made hostile in one of 12 ways: Arabic letters, RLM, diacritics,
-- tatweel, missing ZWNJ, emoji, Latin, bidi controls, digits, NBSP, BOM ...
CREATE FUNCTION pg_temp.sentence(g int) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $gen$
SELECT replace(replace(replace(replace(replace(replace(replace(replace(
         tpl[1 + g % 10],
         '{PER2}', per[1 + (g * 5 + 3) % 12]),
         '{PER}', per[1 + (g / 10) % 12]),
         '{LOC}', loc[1 + (g * 7 + g / 10) % 14]),
         '{ORG}', org[1 + (g * 11 + g / 100) % 12]),
         '{DAT}', dat[1 + (g * 13) % 5]),
         '{TIM}', tim[1 + (g / 3) % 4]),
         '{MON}', mon[1 + (g * 3) % 5]),
         '{PCT}', pct[1 + (g / 7) % 4])
FROM (SELECT ARRAY['{PER} امروز در {LOC} با خبرنگاران گفتگو کرد.', 'به گزارش {ORG}، {PER} روز {DAT} وارد {LOC} شد.', 'قیمت دلار در بازار {LOC} به {MON} رسید.', '{ORG} اعلام کرد نرخ تورم {PCT} کاهش یافته است.', 'جلسه {ORG} {TIM} روز {DAT} برگزار می‌شود.', 'سخنگوی {ORG} در {LOC} گفت که مذاکرات ادامه دارد.', '{PER} و {PER2} در نشست {ORG} شرکت کردند.', 'رئیس {ORG} از سفر به {LOC} خبر داد.', 'بودجه {ORG} امسال {MON} است که {PCT} بیشتر از سال گذشته است.', 'به گفته {PER}، کتاب‌های تازه {DAT} در {LOC} منتشر می‌شوند.'] AS tpl,
             ARRAY['علی رضایی', 'مریم احمدی', 'حسین محمدی', 'زهرا کریمی', 'محمد حسینی', 'فاطمه موسوی', 'رضا قاسمی', 'سارا جعفری', 'امیر نوری', 'نرگس صادقی', 'مهدی کاظمی', 'لیلا عباسی'] AS per,
             ARRAY['تهران', 'اصفهان', 'شیراز', 'مشهد', 'تبریز', 'قم', 'کرمان', 'رشت', 'یزد', 'اهواز', 'ایران', 'فرانسه', 'آلمان', 'ژاپن'] AS loc,
             ARRAY['شهرداری تهران', 'دانشگاه تهران', 'بانک مرکزی', 'سازمان ملل متحد', 'وزارت امور خارجه', 'مجلس شورای اسلامی', 'خبرگزاری ایرنا', 'شرکت ملی نفت ایران', 'سازمان هواشناسی', 'فدراسیون فوتبال', 'دانشگاه صنعتی شریف', 'بانک ملی ایران'] AS org,
             ARRAY['دوشنبه ۱۲ مهر', '۱۵ خرداد ۱۴۰۰', 'سه‌شنبه گذشته', '۲۰ اسفند ۱۳۹۹', 'اول فروردین'] AS dat,
             ARRAY['ساعت ۱۰ صبح', 'ساعت ۲۱:۳۰', 'ظهر امروز', 'ساعت ۸ شب'] AS tim,
             ARRAY['۳۲ هزار تومان', '۵۰۰ میلیون ریال', '۲۵ هزار تومان', '۱۰۰ دلار', '۲ میلیارد ریال'] AS mon,
             ARRAY['۱۲ درصد', '۴۵ درصد', '۲.۵ درصد', 'سی درصد'] AS pct) AS lists
$gen$;
-- hostile(s, k): the same sentence made hard in 12 ways (k = 0 leaves it alone)
CREATE FUNCTION pg_temp.hostile(s text, k int) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $h$
SELECT CASE k % 12
  WHEN 0 THEN s
  WHEN 1 THEN translate(s, 'یک', 'يك')                               -- Arabic yeh and kaf
  WHEN 2 THEN replace(s, ' ', ' ' || U&'\200F')                       -- RLM after every space
  WHEN 3 THEN replace(replace(s, 'ر', 'رِ'), 'م', 'مَ')                  -- diacritics
  WHEN 4 THEN replace(replace(s, 'ه', 'هـ'), 'س', 'ســ')               -- tatweel
  WHEN 5 THEN replace(s, U&'\200C', '')                               -- missing ZWNJ
  WHEN 6 THEN '🔥 ' || replace(s, '.', ' 😀🇮🇷.') || ' 👍🏽'                -- emoji, astral, ZWJ-less flags
  WHEN 7 THEN 'Tehran Times: ' || s || ' (IRNA, v2.0)'                -- mixed Latin
  WHEN 8 THEN U&'\202B' || s || U&'\202C' || U&'\2066' || 'x' || U&'\2069'  -- bidi embedding/isolates
  WHEN 9 THEN translate(s, '۰۱۲۳۴۵۶۷۸۹', '0123456789')                -- Latin digits
  WHEN 10 THEN replace(replace(s, ' ', U&'\00A0'), '،', E'\n')       -- NBSP, newline
  ELSE U&'\FEFF' || replace(translate(s, 'ی', 'ي'), U&'\200C', U&'\200D') || U&'\0651'  -- BOM, ZWJ, stray mark
END
$h$;
CREATE TABLE tag_docs AS
SELECT g AS id, g / 100 AS variant, pg_temp.sentence(g) AS plain,
       pg_temp.hostile(pg_temp.sentence(g), g / 100) AS body
FROM generate_series(0, 1199) g;
SELECT count(*) AS docs, count(DISTINCT body) > 1000 AS varied FROM tag_docs;
CREATE TABLE tag_rows AS
SELECT d.id, d.variant, t.*
FROM tag_docs d, persner_tag('peyma', d.body) t;

-- no row may violate substr(doc, start_pos, end_pos - start_pos) = entity
SELECT count(*) AS violations
FROM tag_docs d JOIN tag_rows t USING (id)
WHERE substr(d.body, t.start_pos, t.end_pos - t.start_pos) IS DISTINCT FROM t.entity;
-- well-formed rows: non-empty, inside the document, known label, score in [0, 1]
SELECT count(*) AS bad_rows
FROM tag_docs d JOIN tag_rows t USING (id)
WHERE NOT (t.start_pos >= 1 AND t.end_pos > t.start_pos
           AND t.end_pos <= length(d.body) + 1
           AND t.label IN ('PER', 'LOC', 'ORG', 'DAT', 'TIM', 'MON', 'PCT')
           AND t.score >= 0 AND t.score <= 1
           AND t.entity <> '');
-- in text order, no overlap
SELECT count(*) AS order_violations
FROM (SELECT start_pos, lag(end_pos) OVER (PARTITION BY id ORDER BY start_pos) AS prev_end
      FROM tag_rows) s
WHERE start_pos < prev_end;
-- the model finds entities in most of them, of several kinds
SELECT count(DISTINCT id) > 600 AS most_docs_tagged,
       count(DISTINCT label) >= 3 AS several_labels
FROM tag_rows;
-- every hostile variant is tagged
SELECT variant, count(DISTINCT id) > 0 AS tagged FROM tag_rows GROUP BY variant ORDER BY variant;
-- the model sees normalized text: a variant whose normalization equals the
-- plain sentence's gets the same labels, in the same order
SELECT d.variant, count(*) AS label_mismatches
FROM tag_docs d
WHERE d.variant IN (1, 3, 4, 11)
  AND persner_normalize(d.body) = persner_normalize(d.plain)
  AND (SELECT array_agg(label ORDER BY start_pos) FROM persner_tag('peyma', d.body))
      IS DISTINCT FROM
      (SELECT array_agg(label ORDER BY start_pos) FROM persner_tag('peyma', d.plain))
GROUP BY d.variant ORDER BY d.variant;

-- a long document: sentence by sentence, positions keep counting across sentences
CREATE TABLE tag_long AS
SELECT string_agg(plain, ' ' ORDER BY id) AS body FROM tag_docs WHERE id < 400;
SELECT count(*) AS violations
FROM tag_long, persner_tag('peyma', body) t
WHERE substr(body, t.start_pos, t.end_pos - t.start_pos) <> t.entity;
SELECT (SELECT count(*) FROM tag_long, persner_tag('peyma', body))
     = (SELECT count(*) FROM tag_docs d, persner_tag('peyma', d.plain) WHERE id < 400)
       AS same_count_as_separately;
-- a run longer than the sentence limit (2048 bytes) with no punctuation
SELECT count(*) AS violations
FROM (SELECT string_agg(replace(plain, '.', ''), ' ') AS body FROM tag_docs WHERE id < 60) s,
     persner_tag('peyma', body) t
WHERE substr(body, t.start_pos, t.end_pos - t.start_pos) <> t.entity;

-- statement_timeout interrupts a big document (checked between sentences)
CREATE TABLE tag_huge AS SELECT repeat(body || ' ', 1000) AS body FROM tag_long;
SELECT octet_length(body) > 20000000 AS over_20MB FROM tag_huge;
SET statement_timeout = '100ms';
SELECT count(*) FROM tag_huge, persner_tag('peyma', body);
RESET statement_timeout;

-- parallel query: the functions are PARALLEL SAFE
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
ALTER TABLE tag_docs SET (parallel_workers = 2);
EXPLAIN (COSTS OFF) SELECT count(*) FROM tag_docs WHERE persner_entities('peyma', body) <> '{}';
SELECT count(*) = (SELECT count(DISTINCT id) FROM tag_rows) AS parallel_same
FROM tag_docs WHERE persner_entities('peyma', body) <> '{}';
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP TABLE tag_docs, tag_rows, tag_long, tag_huge;
