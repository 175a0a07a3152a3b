--
-- upgrade: 0.1.0 to 0.2.0 under a table that depends on the extension, and
-- the catalog after the update against a fresh install of 0.2.0
--
-- Its own databases: the regression database may hold persner already.
--
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS persner_upgraded;
DROP DATABASE IF EXISTS persner_fresh;
RESET client_min_messages;
CREATE DATABASE persner_upgraded TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE persner_fresh TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';

-- the catalog of the extension's members: each object's description and its
-- definition (function source and properties, type, operator, operator class
-- members, text search objects, comment), one line each (newlines made spaces)
\set members 'SELECT replace(pg_describe_object(d.classid, d.objid, 0) || '' => '' || coalesce(CASE d.classid WHEN ''pg_proc''::regclass THEN pg_get_functiondef(d.objid) WHEN ''pg_type''::regclass THEN (SELECT row(t.typtype, t.typlen, t.typbyval, t.typcategory, t.typinput, t.typoutput, t.typreceive, t.typsend, t.typalign, t.typstorage, t.typelem::regtype, t.typarray::regtype)::text FROM pg_type t WHERE t.oid = d.objid) WHEN ''pg_operator''::regclass THEN (SELECT row(o.oprkind, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)::text FROM pg_operator o WHERE o.oid = d.objid) WHEN ''pg_opclass''::regclass THEN (SELECT row(c.opcdefault, c.opcintype::regtype, (SELECT string_agg(a.amopstrategy || '' '' || a.amopopr::regoperator, '', '' ORDER BY a.amopstrategy) FROM pg_amop a WHERE a.amopfamily = c.opcfamily), (SELECT string_agg(p.amprocnum || '' '' || p.amproc::regprocedure, '', '' ORDER BY p.amprocnum) FROM pg_amproc p WHERE p.amprocfamily = c.opcfamily))::text FROM pg_opclass c WHERE c.oid = d.objid) WHEN ''pg_ts_template''::regclass THEN (SELECT row(t.tmplinit, t.tmpllexize)::text FROM pg_ts_template t WHERE t.oid = d.objid) WHEN ''pg_ts_dict''::regclass THEN (SELECT row((SELECT p.tmplname FROM pg_ts_template p WHERE p.oid = t.dicttemplate), t.dictinitoption)::text FROM pg_ts_dict t WHERE t.oid = d.objid) WHEN ''pg_ts_config''::regclass THEN (SELECT row(c.cfgparser, (SELECT string_agg(m.maptokentype || '':'' || m.mapseqno || '' '' || m.mapdict::regdictionary, '', '' ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m WHERE m.mapcfg = c.oid))::text FROM pg_ts_config c WHERE c.oid = d.objid) END, ''?'') || '' -- '' || coalesce(obj_description(d.objid, d.classid::regclass::name), ''''), E''\\n'', '' '') AS member FROM pg_depend d JOIN pg_extension x ON d.refclassid = ''pg_extension''::regclass AND d.refobjid = x.oid WHERE x.extname = ''persner'' AND d.deptype = ''e'''

\c persner_upgraded
CREATE EXTENSION persner VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'persner';
SELECT source, target, path FROM pg_extension_update_paths('persner') WHERE path IS NOT NULL ORDER BY 1, 2;

CREATE TABLE articles (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO articles (id, body)
SELECT g, CASE g % 3
	WHEN 0 THEN 'رئیس کل بانک مرکزی روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.'
	WHEN 1 THEN 'سازمان ملل متحد در نیویورک نشست گذاشت.'
	ELSE 'باران در شهر می‌بارد.' END
FROM generate_series(1, 3000) g;
CREATE INDEX articles_entities ON articles USING gin (entities);
ANALYZE articles;
CREATE TABLE before_update AS SELECT id, entities FROM articles;
SELECT count(*) FROM articles WHERE entities @> '{"ORG:بانک مرکزی"}';

-- the 0.2.0 library under the 0.1.0 catalog: persner_models() gives the
-- seven columns that catalog declares
SELECT name, array_length(labels, 1) AS labels FROM persner_models() WHERE name = 'peyma';

ALTER EXTENSION persner UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'persner';

-- the stored data is untouched and the generated column still computes
SELECT count(*) AS rows, count(*) FILTER (WHERE a.entities = b.entities) AS unchanged
FROM articles a JOIN before_update b USING (id);
INSERT INTO articles (id, body) VALUES (3001, 'بانك مركزي ايران گزارش داد.');
SELECT entities FROM articles WHERE id = 3001;
-- the index still serves the query, and agrees with a sequential scan
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM articles WHERE entities @> '{"ORG:بانک مرکزی"}';
SELECT count(*) FROM articles WHERE entities @> '{"ORG:بانک مرکزی"}';
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT count(*) FROM articles WHERE entities @> '{"ORG:بانک مرکزی"}';
RESET enable_bitmapscan;
RESET enable_indexscan;
-- the index is sound (amcheck has no GIN check in 15: REINDEX must give the same answers)
REINDEX INDEX articles_entities;
SELECT count(*) FROM articles WHERE entities && '{"ORG:بانک مرکزی","ORG:سازمان ملل متحد"}';
-- what 0.2.0 adds works on the upgraded database
SELECT count(*) FROM articles WHERE entities @> ARRAY['ORG:بانك مركزي'];
SELECT persner_model_version('peyma') = (SELECT checksum FROM persner_models() WHERE name = 'peyma') AS version_is_checksum;
SELECT name, base_model, dict_entries FROM persner_models() WHERE name IN ('peyma', 'tehran') ORDER BY name;
SELECT count(*) FROM articles WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', 'بانك مركزي');
-- README "What to redo after updating from 0.1.0": the rows with U+200B or U+FEFF
INSERT INTO articles (id, body) VALUES (3002, E'شهرداری\u200Bتهران طرح را تصویب کرد.');
SELECT count(*) FROM articles WHERE body ~ '[\u200B\uFEFF]';
UPDATE articles SET body = body WHERE body ~ '[\u200B\uFEFF]';
SELECT entities FROM articles WHERE id = 3002;

SELECT string_agg(member, E'\n' ORDER BY member) AS upgraded FROM (:members) m \gset

\c persner_fresh
CREATE EXTENSION persner;
SELECT extversion FROM pg_extension WHERE extname = 'persner';
CREATE TEMP TABLE upgraded AS SELECT unnest(string_to_array(:'upgraded', E'\n')) AS member;
CREATE TEMP TABLE fresh AS :members;
-- the comparison covers what 0.1.0 made and what 0.2.0 added
SELECT count(*) > 40 AS many_members,
       bool_or(member LIKE 'function persner_tag(text,text) => %') AS has_0_1_0_function,
       bool_or(member LIKE 'operator @>(entity[],text[]) => %') AS has_0_2_0_operator,
       bool_or(member LIKE 'text search configuration persian => %') AS has_0_2_0_config
FROM fresh;
-- members only after the update, and only in a fresh install: none
SELECT 'only upgraded' AS side, member FROM (SELECT member FROM upgraded EXCEPT ALL SELECT member FROM fresh) u
UNION ALL
SELECT 'only fresh', member FROM (SELECT member FROM fresh EXCEPT ALL SELECT member FROM upgraded) f
ORDER BY 1, 2;

\c :regress_db
DROP DATABASE persner_upgraded WITH (FORCE);
DROP DATABASE persner_fresh WITH (FORCE);
