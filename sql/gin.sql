--
-- gin: a generated entity[] column with a GIN index (array_ops over entity's btree opclass)
--
\set ECHO none
\i sql/fixtures/gen.sql
\set ECHO all
-- 10,000 articles of two generated sentences each (sql/fixtures/gen.sql), made
-- hostile in 16 ways
CREATE TABLE articles (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO articles (id, body)
SELECT id, gen.hostile(body, id) FROM gen.docs(10000, 2, 2);
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
