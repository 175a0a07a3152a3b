-- test/demo/demo.sql - the "make demo" job: tag Persian news, store and index the entities, query them
--
-- Run by test/demo/run-demo.sh after articles.sql, in a database where
-- CREATE EXTENSION persner has been done.  psql variables: color (1: mark
-- entities with ANSI bold/colour instead of [ ]).
--
-- Layout: terminals disagree on the width of Persian text (zero-width
-- non-joiners, combining marks, and right-to-left reordering in terminals
-- that do BiDi), so every table keeps its Persian text in the LAST column:
-- the numbers and labels before it stay aligned whatever the terminal does.

\set ON_ERROR_STOP on
\set QUIET on
\pset footer off
\pset null '-'
\pset border 1
SET client_min_messages = warning;
SET persner.model = 'peyma';

\if :{?color}
\else
\set color 0
\endif
\if :color
\set startsel '\033[1;33m'
\set stopsel '\033[0m'
\else
\set startsel '['
\set stopsel ']'
\endif

\echo
\echo '== 1. The model ======================================================================'
\echo
SELECT name, array_to_string(labels, ' ') AS labels, pg_size_pretty(size) AS size,
       round(dev_f1::numeric, 2) AS "dev F1", corpus
  FROM persner_models()
 ORDER BY name;

\echo
\echo '== 2. persner_tag on one article (article 1) ========================================='
\echo '   SELECT * FROM persner_tag(''peyma'', body) WHERE id = 1'
\echo
SELECT t.start_pos AS "start", t.end_pos AS "end", t.label, round(t.score::numeric, 2) AS score,
       t.entity
  FROM articles a, persner_tag('peyma', a.body) t
 WHERE a.id = 1
 ORDER BY t.start_pos;

\echo
\echo '== 3. Store the entities of every article, and index them ============================'
\echo '   ALTER TABLE articles ADD COLUMN entities entity[]'
\echo '     GENERATED ALWAYS AS (persner_entities(''peyma'', body)) STORED;'
\echo '   CREATE INDEX articles_entities_idx ON articles USING gin (entities);'
\echo
SELECT clock_timestamp() AS t0 \gset
ALTER TABLE articles ADD COLUMN entities entity[]
	GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED;
CREATE INDEX articles_entities_idx ON articles USING gin (entities);
ANALYZE articles;
SELECT count(*) AS articles,
       sum(length(body)) AS characters,
       sum(cardinality(entities)) AS entities,
       round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric * 1000) AS "ms (tag + index)"
  FROM articles;

-- one row per mention, names in the canonical form of the entity type
CREATE TEMP TABLE mentions AS
SELECT a.id, t.label, entity_name(entity(t.label, t.entity)) AS name, t.entity AS surface
  FROM articles a, persner_tag('peyma', a.body) t;

\echo
\echo '== 4. The articles ==================================================================='
\echo
SELECT a.id, a.published,
       cardinality(a.entities) AS entities,
       (SELECT count(*) FROM mentions m WHERE m.id = a.id) AS mentions,
       a.title
  FROM articles a
 ORDER BY a.id;

\echo
\echo '== 5. Entities per label ============================================================='
\echo
WITH labels(label, kind, ord) AS (
	VALUES ('PER', 'people', 1), ('LOC', 'places', 2), ('ORG', 'organizations', 3),
	       ('DAT', 'dates', 4), ('TIM', 'times', 5), ('MON', 'money', 6), ('PCT', 'percentages', 7)
), per_name AS (
	SELECT label, name, count(*) AS n,
	       row_number() OVER (PARTITION BY label ORDER BY count(*) DESC, length(name), name) AS rk
	  FROM mentions GROUP BY label, name
)
SELECT l.label, l.kind,
       coalesce(sum(p.n), 0) AS mentions,
       count(p.name) AS "distinct",
       coalesce(string_agg(p.name, '، ' ORDER BY p.rk) FILTER (WHERE p.rk <= 4), '') AS "most frequent"
  FROM labels l LEFT JOIN per_name p USING (label)
 GROUP BY l.label, l.kind, l.ord
 ORDER BY l.ord;

\echo
\echo '== 6. The most mentioned organizations (articles: rows whose entities contain it) ====='
\echo
SELECT rank() OVER (ORDER BY count(DISTINCT a.id) DESC) AS "#",
       count(DISTINCT a.id) AS articles,
       (SELECT count(*) FROM mentions m WHERE m.label = 'ORG' AND m.name = entity_name(e)) AS mentions,
       entity_name(e) AS organization
  FROM articles a, unnest(a.entities) e
 WHERE entity_label(e) = 'ORG'
 GROUP BY e
 ORDER BY articles DESC, mentions DESC, organization
 LIMIT 10;

\echo
\echo '== 7. The most mentioned people ======================================================'
\echo
SELECT rank() OVER (ORDER BY count(DISTINCT a.id) DESC) AS "#",
       count(DISTINCT a.id) AS articles,
       (SELECT count(*) FROM mentions m WHERE m.label = 'PER' AND m.name = entity_name(e)) AS mentions,
       entity_name(e) AS person
  FROM articles a, unnest(a.entities) e
 WHERE entity_label(e) = 'PER'
 GROUP BY e
 ORDER BY articles DESC, mentions DESC, person
 LIMIT 10;

-- The entity to look up: Tehran's municipality, typed here with ARABIC yeh
-- (شهرداري), which the entity type folds to the Persian spelling; if the
-- model did not find it, the most mentioned organization instead.
SELECT count(*) > 0 AS found FROM articles WHERE entities @> '{"ORG:شهرداري تهران"}' \gset
\if :found
\set chosen 'ORG:شهرداري تهران'
\else
SELECT e::text AS chosen
  FROM articles, unnest(entities) e
 WHERE entity_label(e) = 'ORG'
 GROUP BY e ORDER BY count(*) DESC, e LIMIT 1 \gset
\endif
SELECT entity_label(:'chosen'::entity) AS chosen_label,
       entity_name(:'chosen'::entity) AS chosen_name,
       :'chosen'::entity::text AS chosen_canonical \gset

\echo
\echo '== 8. Which articles mention' :chosen_canonical '?'
\echo '   SELECT id, published, title FROM articles WHERE entities @>' '''{"':chosen'"}''' ';'
\echo '   (typed with Arabic yeh/kaf or Persian ones, with or without ZWNJ: same entity)'
\echo
SELECT id, published, title
  FROM articles
 WHERE entities @> ARRAY[:'chosen'::entity]
 ORDER BY published;

\echo
\echo '   The GIN index answers it:'
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE entities @> ARRAY[:'chosen'::entity];
RESET enable_seqscan;

\echo
\echo '== 9. The same articles, the' :chosen_label 'entities marked by persner_headline'
\echo '   persner_headline(''peyma'', body, ''StartSel=..., StopSel=..., Labels=':chosen_label''')'
\echo '   (the sentences that mention' :chosen_name 'only)'
\echo
\pset format unaligned
\pset tuples_only on
\pset recordsep '\n\n'
WITH hl AS (
	SELECT id, published, title,
	       persner_headline('peyma', body,
	                        format('StartSel="%s", StopSel="%s", Labels=%s',
	                               :'startsel', :'stopsel', :'chosen_label')) AS h
	  FROM articles
	 WHERE entities @> ARRAY[:'chosen'::entity]
), sentences AS (
	-- split after . ؟ ! (keeping them), one row per sentence, in order
	SELECT id, published, title, s, ord
	  FROM hl, regexp_split_to_table(h, '(?<=[.؟!])\s+') WITH ORDINALITY AS x(s, ord)
)
SELECT format(E'#%s  %s  %s\n%s', id, published, title,
              string_agg('    ' || s, E'\n' ORDER BY ord))
  FROM sentences
 WHERE persner_normalize(s) LIKE '%' || persner_normalize(entity_name(:'chosen'::entity)) || '%'
    OR s LIKE '%' || entity_name(:'chosen'::entity) || '%'
 GROUP BY id, published, title
 ORDER BY published;
\pset format aligned
\pset tuples_only off
\pset recordsep '\n'

\echo
\echo '== 10. One entity, many spellings ================================================'
\echo '   The entity type folds Arabic letters, digits, tatweel and marks like the tagger:'
\echo
SELECT x.note AS "typed with",
       x.typed::entity = x.persian::entity AS "= Persian spelling",
       x.typed::entity::text AS "stored as",
       x.typed AS typed
  FROM (VALUES (1, 'Arabic yeh',     'ORG:شهرداري تهران', 'ORG:شهرداری تهران'),
               (2, 'Arabic kaf+yeh', 'ORG:بانك مركزي',    'ORG:بانک مرکزی'),
               (3, 'Latin digits',   'PCT:12 درصد',       'PCT:۱۲ درصد'),
               (4, 'tatweel',        'LOC:تـــهران',      'LOC:تهران'),
               (5, 'diacritics',     'LOC:تِهران',        'LOC:تهران')) AS x(n, note, typed, persian)
 ORDER BY x.n;
