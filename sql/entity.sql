--
-- entity: the entity type (I/O, canonical names, operators, opclasses, send/recv)
--
-- text form LABEL:name; the label is case-insensitive on input, uppercase on output
SELECT 'ORG:شهرداری قم'::entity;
SELECT 'org:شهرداری قم'::entity;
SELECT 'Per:علی رضایی'::entity;
-- the name is everything after the first colon
SELECT 'TIM:۲۱:۳۰'::entity;
SELECT 'TIM:21:30'::entity;

-- canonical names: Arabic ي/ك, diacritics, tatweel, ZWNJ, runs of spaces, bidi marks
SELECT 'ORG:شهرداري قم'::entity = 'ORG:شهرداری قم'::entity AS arabic_yeh;
SELECT 'ORG:بانك مركزي'::entity = 'ORG:بانک مرکزی'::entity AS arabic_kaf;
SELECT 'PER:عَلی'::entity = 'PER:علی'::entity AS diacritics;
SELECT 'ORG:شهـــرداری قم'::entity = 'ORG:شهرداری قم'::entity AS tatweel;
SELECT 'ORG:  شهرداری   قم  '::entity = 'ORG:شهرداری قم'::entity AS spaces;
SELECT ('ORG:شهرداری' || U&'\200C' || 'قم')::entity = 'ORG:شهرداری قم'::entity AS zwnj;
SELECT ('ORG:شهرداری ' || U&'\200F' || 'قم')::entity = 'ORG:شهرداری قم'::entity AS rlm;
SELECT 'ORG:شهرداري  قم'::entity::text AS canonical_text;
SELECT 'ORG:شهرداری قم'::entity = 'LOC:شهرداری قم'::entity AS label_matters;

-- constructor and accessors
SELECT entity('org', 'شهرداري قم') = 'ORG:شهرداری قم'::entity AS constructor;
SELECT entity('TIM', '10:30')::text AS name_with_colon;
SELECT entity_label('loc:تهران'), entity_name('loc:تهران');
SELECT entity_name('ORG:بانك  مركزي') = 'بانک مرکزی' AS name_canonical;

-- every label
SELECT l, entity(l, 'x')::text
FROM unnest(ARRAY['PER', 'LOC', 'ORG', 'DAT', 'TIM', 'MON', 'PCT']) AS l;

-- order: label name, then name bytewise
SELECT e::text
FROM unnest('{"PER:ب","ORG:ب","LOC:تهران","ORG:ا","DAT:x","TIM:y","PCT:۱۰","MON:۵","ORG:اب"}'::entity[]) AS e
ORDER BY e;
SELECT 'ORG:a'::entity < 'ORG:b'::entity AS lt,
       'ORG:a'::entity <= 'ORG:a'::entity AS le,
       'PER:a'::entity > 'ORG:z'::entity AS gt,
       'ORG:ab'::entity >= 'ORG:a'::entity AS ge,
       'ORG:a'::entity <> 'ORG:b'::entity AS ne,
       entity_cmp('ORG:a', 'ORG:a') AS cmp_eq,
       entity_cmp('LOC:z', 'ORG:a') AS cmp_lt;

-- hash agrees with equality; distinct, group by
SELECT entity_hash('ORG:شهرداري قم') = entity_hash('ORG:شهرداری قم') AS hash_eq,
       entity_hash_extended('ORG:شهرداري قم', 7) = entity_hash_extended('ORG:شهرداری قم', 7) AS hashx_eq;
SELECT count(DISTINCT e) FROM unnest('{"ORG:بانك","ORG:بانک","ORG:بانـک","LOC:بانک"}'::entity[]) e;
SET enable_sort = off;
SELECT e::text, count(*) FROM unnest('{"ORG:بانك","ORG:بانک","LOC:بانک"}'::entity[]) e GROUP BY e ORDER BY 1;
RESET enable_sort;

-- arrays: containment with either spelling
SELECT '{"ORG:شهرداری قم","LOC:تهران"}'::entity[] @> '{"ORG:شهرداري قم"}' AS contains,
       '{"ORG:شهرداری قم"}'::entity[] && '{"LOC:قم","ORG:شهرداری  قم"}' AS overlaps,
       '{"LOC:تهران"}'::entity[] <@ '{"ORG:شهرداری قم","LOC:تهران"}' AS contained;

-- btree and hash indexes
CREATE TABLE entity_test (e entity);
INSERT INTO entity_test
SELECT entity((ARRAY['PER','LOC','ORG','DAT','TIM','MON','PCT'])[1 + g % 7], 'نام ' || g)
FROM generate_series(1, 2000) g;
CREATE INDEX entity_test_btree ON entity_test (e);
ANALYZE entity_test;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM entity_test WHERE e = 'ORG:نام ۹';
SELECT e::text FROM entity_test WHERE e = 'ORG:نام 9';
SELECT count(*) FROM entity_test WHERE e < 'LOC:!';
SELECT count(*) FROM entity_test WHERE e >= 'ORG:نام ۱' AND e < 'ORG:نام ۲';
DROP INDEX entity_test_btree;
CREATE INDEX entity_test_hash ON entity_test USING hash (e);
EXPLAIN (COSTS OFF) SELECT * FROM entity_test WHERE e = 'ORG:نام ۹';
SELECT e::text FROM entity_test WHERE e = 'ORG:نام ٩';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- hash join and hash partitioning (entity_hash_extended) agree with equality
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT count(*) FROM entity_test a JOIN (SELECT translate(e::text, '۱۲', '12')::entity AS e FROM entity_test) b USING (e);
RESET enable_mergejoin;
RESET enable_nestloop;
CREATE TABLE entity_part (e entity) PARTITION BY HASH (e);
CREATE TABLE entity_part0 PARTITION OF entity_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE entity_part1 PARTITION OF entity_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO entity_part SELECT e FROM entity_test;
SELECT sum(n) = 2000 AS all_rows, bool_and(n > 0) AS both_used
FROM (SELECT tableoid, count(*) AS n FROM entity_part GROUP BY tableoid) s;
SELECT count(*) FROM entity_part WHERE e = 'ORG:نام 9';
SELECT count(*) FROM entity_part WHERE e = 'ORG:نام ٩';
DROP TABLE entity_test, entity_part;

-- binary send/recv round trip
SELECT encode(entity_send('ORG:قم'), 'hex') AS send_hex;
CREATE TABLE entity_bin (e entity);
INSERT INTO entity_bin VALUES ('ORG:شهرداری قم'), ('TIM:21:30'), ('PER:علی');
CREATE TABLE entity_bin2 (e entity);
SELECT current_setting('data_directory') || '/persner_entity_test.bin' AS binfile \gset
COPY entity_bin TO :'binfile' (FORMAT binary);
COPY entity_bin2 FROM :'binfile' (FORMAT binary);
SELECT e::text FROM entity_bin2 ORDER BY e;
SELECT (SELECT array_agg(e ORDER BY e) FROM entity_bin) = (SELECT array_agg(e ORDER BY e) FROM entity_bin2) AS binary_round_trip;
-- recv canonicalizes and validates like input: a hand-made binary COPY file
-- PGCOPY header, one tuple of one field: version byte 1 + text, trailer
CREATE FUNCTION pg_temp.copy_file(payload text) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
         || '\x0001'::bytea || int4send(1 + octet_length(convert_to(payload, 'UTF8')))
         || '\x01'::bytea || convert_to(payload, 'UTF8') || '\xffff'::bytea
$$;
CREATE FUNCTION pg_temp.write_file(path text, bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	o oid := lo_from_bytea(0, bytes);
BEGIN
	PERFORM lo_export(o, path);
	PERFORM lo_unlink(o);
END
$$;
SELECT pg_temp.write_file(:'binfile', pg_temp.copy_file('org:بانك  مركزي'));
TRUNCATE entity_bin2;
COPY entity_bin2 FROM :'binfile' (FORMAT binary);
SELECT e::text, e = 'ORG:بانک مرکزی' AS canonical FROM entity_bin2;
SELECT pg_temp.write_file(:'binfile', pg_temp.copy_file('XYZ:قم'));
\set VERBOSITY terse
COPY entity_bin2 FROM :'binfile' (FORMAT binary);
SELECT pg_temp.write_file(:'binfile', pg_temp.copy_file('ORG:'));
COPY entity_bin2 FROM :'binfile' (FORMAT binary);
\set VERBOSITY default
DROP TABLE entity_bin, entity_bin2;

-- bad input: SQLSTATE 22P02 invalid_text_representation
\set VERBOSITY terse
SELECT 'شهرداری قم'::entity;
SELECT 'XYZ:شهرداری قم'::entity;
SELECT ':شهرداری قم'::entity;
SELECT 'ORG:'::entity;
SELECT 'ORG:   '::entity;
SELECT ('ORG:' || U&'\200C\0640')::entity;
SELECT ' ORG:قم'::entity;
SELECT entity('FOO', 'x');
SELECT entity('ORG', ' ');
\set VERBOSITY default
SELECT 'XYZ:قم'::entity;
SELECT 'قم'::entity;

-- NULL in, NULL out
SELECT entity(NULL, 'x') IS NULL AS null_label, entity_name(NULL) IS NULL AS null_name;
