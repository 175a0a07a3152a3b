--
-- gin: a generated entity[] column with a GIN index (array_ops over entity's btree opclass)
--
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS persner;
RESET client_min_messages;

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
-- 10,000 articles of two generated sentences each
CREATE TABLE articles (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO articles (id, body)
SELECT g, pg_temp.hostile(pg_temp.sentence(g) || ' ' || pg_temp.sentence(g * 7 + 3), g)
FROM generate_series(1, 10000) g;
CREATE INDEX articles_entities ON articles USING gin (entities);
ANALYZE articles;
SELECT count(*) AS articles, count(*) FILTER (WHERE entities <> '{}') > 5000 AS most_have_entities
FROM articles;
-- the stored column is what the function gives
SELECT count(*) AS stale FROM articles WHERE entities <> persner_entities('peyma', body);

-- the plan: a bitmap scan of the GIN index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> '{"ORG:شهرداری تهران"}';
EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities && '{"LOC:تهران","LOC:قم"}';
RESET enable_seqscan;

-- the most frequent ORG and LOC, whatever the model found
SELECT e AS top_org FROM articles, unnest(entities) e WHERE entity_label(e) = 'ORG'
GROUP BY e ORDER BY count(*) DESC, e LIMIT 1 \gset
SELECT e AS top_loc FROM articles, unnest(entities) e WHERE entity_label(e) = 'LOC'
GROUP BY e ORDER BY count(*) DESC, e LIMIT 1 \gset

CREATE TABLE gin_results (q int, via text, ids int[]);
SET enable_seqscan = off;
INSERT INTO gin_results SELECT 1, 'index', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[:'top_org'::entity];
INSERT INTO gin_results SELECT 2, 'index', array_agg(id ORDER BY id) FROM articles WHERE entities && ARRAY[:'top_org'::entity, :'top_loc'::entity];
INSERT INTO gin_results SELECT 3, 'index', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[:'top_org'::entity, :'top_loc'::entity];
-- either spelling finds the same rows
INSERT INTO gin_results SELECT 4, 'index', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[translate(:'top_org', 'یک', 'يك')::entity];
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
INSERT INTO gin_results SELECT 1, 'seqscan', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[:'top_org'::entity];
INSERT INTO gin_results SELECT 2, 'seqscan', array_agg(id ORDER BY id) FROM articles WHERE entities && ARRAY[:'top_org'::entity, :'top_loc'::entity];
INSERT INTO gin_results SELECT 3, 'seqscan', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[:'top_org'::entity, :'top_loc'::entity];
INSERT INTO gin_results SELECT 4, 'seqscan', array_agg(id ORDER BY id) FROM articles WHERE entities @> ARRAY[translate(:'top_org', 'یک', 'يك')::entity];
EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> '{"ORG:شهرداری تهران"}';
RESET enable_bitmapscan;
RESET enable_indexscan;
SELECT a.q, a.ids = b.ids AS same_rows, cardinality(a.ids) > 0 AS found
FROM gin_results a JOIN gin_results b ON a.q = b.q AND a.via = 'index' AND b.via = 'seqscan'
ORDER BY a.q;
-- <@ : articles whose entities all lie within a set
SELECT (SELECT count(*) FROM articles WHERE entities <@ ARRAY[:'top_org'::entity, :'top_loc'::entity])
     = (SELECT count(*) FROM articles WHERE NOT EXISTS (
          SELECT 1 FROM unnest(entities) e WHERE e NOT IN (:'top_org'::entity, :'top_loc'::entity)))
       AS contained_by_ok;

-- updates recompute the column; the index follows
UPDATE articles SET body = 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.' WHERE id = 1;
SELECT entities = persner_entities('peyma', body) AS recomputed FROM articles WHERE id = 1;
SET enable_seqscan = off;
SELECT count(*) FROM articles WHERE id = 1 AND entities @> (SELECT entities FROM articles WHERE id = 1);
RESET enable_seqscan;
DROP TABLE articles, gin_results;
