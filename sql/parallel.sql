--
-- parallel: the persner functions are PARALLEL SAFE, so a query over a big
-- table gets a parallel plan (Gather over a Parallel Seq Scan, the tagging
-- done in the workers), and its answers equal those of a serial plan.
-- Only booleans and counts of differences are printed: the output does not
-- change when the model is retrained.
--
-- 3,000 generated news articles of 3 sentences (sql/fixtures/gen.sql)
\set ECHO none
\i sql/fixtures/gen.sql
\set ECHO all
CREATE TABLE par_articles (id int PRIMARY KEY, body text NOT NULL);
INSERT INTO par_articles SELECT id, body FROM gen.docs(3000, 3, 3);
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
DROP FUNCTION par_workers_launched(text);
