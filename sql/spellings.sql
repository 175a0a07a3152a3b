--
-- spellings: the ways users write "this array holds that entity", and the
-- operators the entity[]-text[] and entity-text operators could capture
--
CREATE TABLE spell (id int PRIMARY KEY, entities entity[] NOT NULL);
INSERT INTO spell
SELECT g, CASE g % 50
	WHEN 0 THEN '{"ORG:بانک مرکزی","PER:مریم احمدی"}'::entity[]
	WHEN 1 THEN '{"ORG:بانک ملت"}'::entity[]
	ELSE '{"LOC:تبریز"}'::entity[] END
FROM generate_series(1, 5000) g;
CREATE INDEX spell_gin ON spell USING gin (entities);
ANALYZE spell;

-- every spelling of "mentions ORG:بانک مرکزی" finds the same 100 rows,
-- whichever way the name is typed (Arabic ي/ك, two spaces)
SELECT count(*) FROM spell WHERE entities @> '{"ORG:بانک مرکزی"}';
SELECT count(*) FROM spell WHERE entities @> ARRAY['ORG:بانك  مركزي'];
SELECT count(*) FROM spell WHERE entities @> ARRAY['ORG:بانک مرکزی']::entity[];
SELECT count(*) FROM spell WHERE entities @> ARRAY[entity('ORG', 'بانك مركزي')];
SELECT count(*) FROM spell WHERE 'ORG:بانك مركزي' = ANY(entities);
SELECT count(*) FROM spell WHERE 'ORG:بانك مركزي'::text = ANY(entities);
SELECT count(*) FROM spell WHERE entities && ARRAY['ORG:بانک مرکزی', 'PER:کسی دیگر'];
-- a text[] parameter, as a driver sends it
PREPARE mentions(text[]) AS SELECT count(*) FROM spell WHERE entities @> $1;
EXECUTE mentions(ARRAY['ORG:بانک مرکزی', 'PER:مریم احمدی']);
DEALLOCATE mentions;
PREPARE mentions_one(text) AS SELECT count(*) FROM spell WHERE $1 = ANY(entities);
EXECUTE mentions_one('PER:مريم احمدي');
DEALLOCATE mentions_one;

-- the text[] forms are inlined into the entity[] operator: the GIN index serves them
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM spell WHERE entities @> ARRAY['ORG:بانک مرکزی'];
EXPLAIN (COSTS OFF) SELECT id FROM spell WHERE entities && ARRAY['ORG:بانک ملت'];
EXPLAIN (COSTS OFF) SELECT id FROM spell WHERE entities <@ ARRAY['LOC:تبریز', 'ORG:بانک ملت'];
RESET enable_seqscan;

-- the other array operators against text[]
SELECT count(*) FROM spell WHERE entities <@ ARRAY['LOC:تبریز', 'ORG:بانک ملت'];
SELECT count(*) FROM spell WHERE entities = ARRAY['ORG:بانک ملت'];
SELECT count(*) FROM spell WHERE entities <> ARRAY['ORG:بانک ملت'];
SELECT count(*) FROM spell WHERE entities = ARRAY['PER:مریم احمدی', 'ORG:بانک مرکزی'];  -- order matters, as for any array
-- a single entity against text, both sides
SELECT entity('ORG', 'بانک مرکزی') = 'ORG:بانك مركزي'::text AS eq,
       'ORG:بانك مركزي'::text = entity('ORG', 'بانک مرکزی') AS eq_rev,
       entity('ORG', 'بانک مرکزی') <> 'ORG:بانک ملت'::text AS ne,
       'ORG:بانک ملت'::text <> entity('ORG', 'بانک مرکزی') AS ne_rev;
SELECT count(*) FROM spell WHERE entities[1] = ANY(ARRAY['ORG:بانک ملت', 'LOC:تبريز']);

-- a bad element is the entity input error, whatever the spelling
\set VERBOSITY terse
SELECT count(*) FROM spell WHERE entities @> ARRAY['بانک مرکزی'];
SELECT count(*) FROM spell WHERE entities @> ARRAY['XYZ:بانک مرکزی'];
SELECT count(*) FROM spell WHERE 'بانک مرکزی'::text = ANY(entities);
\set VERBOSITY default
-- text[] on the left has no operator (it would capture text[] @> '{...}'
-- for every text array in the database): write entities @> ARRAY[...]
SELECT count(*) FROM spell WHERE ARRAY['ORG:بانک مرکزی'] <@ entities;

-- what the new operators must not capture: untyped literals still read as
-- entities, and plain text arrays and text comparisons are untouched
SELECT pg_typeof(e) FROM (SELECT entities[1] AS e FROM spell WHERE id = 50) s WHERE e = 'ORG:بانک مرکزی';
SELECT count(*) FROM spell WHERE entities @> '{"ORG:بانک مرکزی"}' AND entities <@ '{"ORG:بانک مرکزی","PER:مریم احمدی"}';
SELECT ARRAY['a', 'b'] @> '{a}' AS text_contains, ARRAY['a'] <@ '{a,b}' AS text_contained,
       ARRAY['a'] && '{a}' AS text_overlap, ARRAY['a'] = '{a}' AS text_eq, ARRAY['a'] <> '{b}' AS text_ne;
SELECT 'a'::text = 'a' AS text_eq, 'a'::text < 'b' AS text_lt, 'a' = ANY(ARRAY['a', 'b']) AS text_any;
SELECT entity('ORG', 'بانک ملت') < 'ORG:بانک مرکزی' AS entity_lt,  -- untyped: entity < entity
       entity('ORG', 'بانک ملت') = 'org:بانك ملت' AS entity_eq;
SELECT 'ORG:' || entity_name(entities[1]) AS concat, entities[1] || '!' AS entity_concat
  FROM spell WHERE id = 50;
SELECT entities || 'LOC:قم'::entity AS array_append FROM spell WHERE id = 51;
-- operators the new ones do not define keep failing as before
SELECT count(*) FROM spell WHERE entities[1] < 'ORG:بانک ملت'::text;

DROP TABLE spell;
