--
-- parallel: the persner functions are PARALLEL SAFE, so a query over a big
-- table gets a parallel plan (Gather over a Parallel Seq Scan, the tagging
-- done in the workers), and its answers equal those of a serial plan.
-- Only booleans and counts of differences are printed: the output does not
-- change when the model is retrained.
--
-- 3,000 generated news articles of 3 sentences: templates of our own with
-- slots (%1$s person, %2$s organization, %3$s city, %4$s country, %5$s a
-- number, %6$s month) filled from word lists; par_pick(seed, slot, n) is a
-- deterministic choice in [0, n) (hashint4, no random())
CREATE FUNCTION par_pick(seed int, slot int, n int) RETURNS int
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT ((hashint4(seed * 31 + slot) % n) + n) % n $$;
CREATE TABLE par_articles (id int PRIMARY KEY, body text NOT NULL);
INSERT INTO par_articles
SELECT id, string_agg(format(tpl[1 + par_pick(s, 0, cardinality(tpl))],
							 per1[1 + par_pick(s, 1, cardinality(per1))] || ' ' ||
							 per2[1 + par_pick(s, 2, cardinality(per2))],
							 org[1 + par_pick(s, 3, cardinality(org))],
							 loc[1 + par_pick(s, 4, cardinality(loc))],
							 cty[1 + par_pick(s, 5, cardinality(cty))],
							 translate((2 + par_pick(s, 6, 90))::text, '0123456789', '۰۱۲۳۴۵۶۷۸۹'),
							 mon[1 + par_pick(s, 7, cardinality(mon))]),
				  ' ' ORDER BY k)
FROM generate_series(1, 3000) AS id,
	 generate_series(1, 3) AS k,
	 LATERAL (SELECT id * 7 + k AS s) AS seed,
	 (SELECT
		'{"%1$s رئیس %2$s روز %5$s %6$s در %3$s گفت بودجه این نهاد %5$s درصد افزایش یافته است.",
		  "سخنگوی %2$s امروز اعلام کرد که قرارداد تازه‌ای به ارزش %5$s میلیارد ریال امضا شد.",
		  "وزیر امور خارجه %4$s برای سفری دو روزه وارد %3$s شد و با %1$s دیدار کرد.",
		  "تیم ملی فوتبال %4$s روز %5$s %6$s در %3$s بازی می‌کند.",
		  "به گزارش %2$s، نرخ بیکاری در %3$s به %5$s درصد رسیده است.",
		  "این موضوع در روزهای اخیر واکنش‌های زیادی به همراه داشته است.",
		  "%1$s که مدیر %2$s در %3$s بود از سمت خود کناره‌گیری کرد."}'::text[] AS tpl,
		'{علی,محمد,حسین,رضا,مریم,زهرا,سارا,نرگس,کاوه,لیلا}'::text[] AS per1,
		'{رضایی,محمدی,احمدی,حسینی,کریمی,موسوی,صادقی,نوری,کاظمی}'::text[] AS per2,
		'{"شهرداری تهران","وزارت نفت","بانک مرکزی","دانشگاه تهران","سازمان ملل متحد","وزارت بهداشت","خبرگزاری ایرنا","بانک ملی ایران"}'::text[] AS org,
		'{تهران,اصفهان,شیراز,مشهد,تبریز,کرمان,یزد,رشت,اهواز}'::text[] AS loc,
		'{ایران,ترکیه,عراق,چین,روسیه,آلمان,فرانسه,ژاپن}'::text[] AS cty,
		'{فروردین,اردیبهشت,خرداد,تیر,مرداد,شهریور,مهر,آبان,آذر,دی,بهمن,اسفند}'::text[] AS mon) AS w
GROUP BY id;
VACUUM ANALYZE par_articles;
SELECT count(*) AS articles, min(length(body)) > 100 AS long_enough FROM par_articles;

-- the serial answers
SET max_parallel_workers_per_gather = 0;
CREATE TABLE par_serial_entities AS
	SELECT id, persner_entities('peyma', body) AS entities FROM par_articles;
CREATE TABLE par_serial_tag AS
	SELECT a.id, t.start_pos, t.end_pos, t.label, t.entity, t.score
	FROM par_articles a, persner_tag('peyma', a.body) t;
SELECT count(*) FILTER (WHERE cardinality(entities) > 0) > 1000 AS found_entities
FROM par_serial_entities;

-- force parallel plans with 2 workers
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = on;
ALTER TABLE par_articles SET (parallel_workers = 2);

-- the tagging is done below the Gather, in the workers (see Output of the scan)
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id, persner_entities('peyma', body) FROM par_articles;
EXPLAIN (COSTS OFF)
SELECT count(*), sum(cardinality(persner_entities('peyma', body))) FROM par_articles;
EXPLAIN (COSTS OFF)
SELECT a.id, t.* FROM par_articles a, persner_tag('peyma', a.body) t;

-- par_workers_launched(query): "Workers Launched" of EXPLAIN ANALYZE, summed
CREATE FUNCTION par_workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
	RETURN coalesce((SELECT sum((m[1])::int)
					 FROM regexp_matches(plan::text, '"Workers Launched": (\d+)', 'g') AS m), 0);
END
$$;
SELECT par_workers_launched('SELECT id, persner_entities(''peyma'', body) FROM par_articles') > 0
	AS workers_ran;

-- persner_entities: the same rows, computed in parallel (CREATE TABLE AS runs in parallel too)
CREATE TABLE par_parallel_entities AS
	SELECT id, persner_entities('peyma', body) AS entities FROM par_articles;
SELECT (SELECT count(*) FROM (TABLE par_serial_entities EXCEPT ALL TABLE par_parallel_entities) d) AS missing,
	   (SELECT count(*) FROM (TABLE par_parallel_entities EXCEPT ALL TABLE par_serial_entities) d) AS extra;

-- persner_tag in a lateral join: Gather over a Nested Loop, every span identical
CREATE TABLE par_parallel_tag AS
	SELECT a.id, t.start_pos, t.end_pos, t.label, t.entity, t.score
	FROM par_articles a, persner_tag('peyma', a.body) t;
SELECT (SELECT count(*) FROM (TABLE par_serial_tag EXCEPT ALL TABLE par_parallel_tag) d) AS missing,
	   (SELECT count(*) FROM (TABLE par_parallel_tag EXCEPT ALL TABLE par_serial_tag) d) AS extra;

-- a parallel aggregate (Partial Aggregate in each worker) gives the serial totals
SELECT (count(*), sum(cardinality(persner_entities('peyma', body))))
	   = (SELECT count(*), sum(cardinality(entities)) FROM par_serial_entities) AS same_totals
FROM par_articles;

-- the STABLE one-argument forms read persner.model in the workers: the
-- leader's setting travels with the parallel query
SET persner.model = 'peyma';
SELECT md5(string_agg(id || ':' || persner_entities(body)::text, ',' ORDER BY id))
	   = (SELECT md5(string_agg(id || ':' || entities::text, ',' ORDER BY id)) FROM par_serial_entities)
	AS stable_form_same
FROM par_articles;
SELECT par_workers_launched('SELECT id, persner_tag_json(body), persner_headline(body) FROM par_articles') > 0
	AS workers_ran;
CREATE TABLE par_parallel_misc AS
	SELECT id, persner_tag_json(body) AS j, persner_headline(body) AS h FROM par_articles;
RESET persner.model;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS differences
FROM par_parallel_misc p JOIN par_articles a USING (id)
WHERE p.j IS DISTINCT FROM persner_tag_json('peyma', a.body)
   OR p.h IS DISTINCT FROM persner_headline('peyma', a.body);

RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
DROP TABLE par_articles, par_serial_entities, par_serial_tag,
	par_parallel_entities, par_parallel_tag, par_parallel_misc;
DROP FUNCTION par_pick(int, int, int);
DROP FUNCTION par_workers_launched(text);
