-- setup.sql - the documents of the load test, from the one generator (sql/fixtures/gen.sql)
--
-- load_docs(id, body): :ndocs documents of 1 to 40 generated Persian news
-- sentences each, made hostile in the generator's 16 ways by id (Arabic
-- letter forms, RLM, diacritics, tatweel, emoji, Latin, bidi controls,
-- NBSP and newlines, BOM, Arabic and Urdu sentences, control characters, a
-- 1,500-letter token).  Deterministic.  Run from the top of the tree.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS persner;
\i sql/fixtures/gen.sql
DROP TABLE IF EXISTS load_docs;
CREATE TABLE load_docs AS
SELECT id, gen.hostile(body, id) AS body FROM gen.docs(:ndocs, 4, -40);
ALTER TABLE load_docs ADD PRIMARY KEY (id);
ANALYZE load_docs;
SELECT count(*) AS docs, round(avg(octet_length(body))) AS avg_bytes, max(octet_length(body)) AS max_bytes FROM load_docs;
