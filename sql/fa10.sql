--
-- fa10: the ten-label model beside peyma, and the labels FAC, PRO and EVE of the entity type
--

-- fa10 is installed beside peyma and listed with its ten labels
SELECT name, labels, size > 0 AS has_size, corpus ~ 'arman' AS names_arman,
       dev_f1 > 0 AND dev_f1 <= 100 AS dev_f1_ok
FROM persner_models() WHERE name IN ('peyma', 'fa10') ORDER BY name;

-- the entity type takes the new labels: any case in, upper case out, entity_label returns them
SELECT 'fac:فرودگاه مهرآباد'::entity AS fac, 'Pro:روزنامه كيهان'::entity AS pro,
       'EVE:جشنواره  فیلم فجر'::entity AS eve;
SELECT entity_label(e), entity_name(e)
FROM unnest('{"FAC:پل طبیعت","PRO:پیکان","EVE:جام جهانی"}'::entity[]) e;
SELECT entity('eve', 'جام جهاني')::text AS constructed;
-- the hint names all ten labels
\set VERBOSITY default
SELECT 'XYZ:قم'::entity;
\set VERBOSITY terse
-- order: label name, then name; the new labels fall in alphabetical place
SELECT e::text
FROM unnest('{"TIM:x","PRO:x","PER:x","PCT:x","ORG:x","MON:x","LOC:x","FAC:x","EVE:x","DAT:x"}'::entity[]) e
ORDER BY e;
SELECT 'EVE:z'::entity < 'FAC:a'::entity AS eve_lt_fac, 'PER:z'::entity < 'PRO:a'::entity AS per_lt_pro,
       'PRO:z'::entity < 'TIM:a'::entity AS pro_lt_tim;
-- equality, hash and btree agree for the new labels
SELECT count(DISTINCT e) AS distinct_values
FROM unnest('{"FAC:ورزشگاه آزادي","FAC:ورزشگاه آزادی","LOC:ورزشگاه آزادی"}'::entity[]) e;
SELECT entity_hash('PRO:روزنامه كيهان') = entity_hash('PRO:روزنامه کیهان') AS hash_eq;

-- the stored form is one byte of label id and the name: the seven ids of 0.1.0
-- keep their meaning, and the new labels take the next ones (7, 8, 9), so values
-- stored by 0.1.0 read back unchanged and keep their order
BEGIN;
CREATE CAST (entity AS bytea) WITHOUT FUNCTION;
CREATE CAST (bytea AS entity) WITHOUT FUNCTION;
SELECT l, get_byte(entity(l, 'x')::bytea, 0) AS stored_id
FROM unnest(ARRAY['DAT', 'LOC', 'MON', 'ORG', 'PCT', 'PER', 'TIM', 'FAC', 'PRO', 'EVE']) l
ORDER BY 2;
SELECT ('\x00'::bytea || convert_to('۱۴۰۲', 'UTF8'))::entity::text AS stored_0_1_0,
       ('\x05'::bytea || convert_to('علی', 'UTF8'))::entity::text AS stored_per;
ROLLBACK;

-- binary send/recv round trip of the new labels
CREATE TABLE fa10_bin (e entity);
INSERT INTO fa10_bin VALUES ('FAC:فرودگاه مهرآباد'), ('PRO:پیکان'), ('EVE:جام جهانی'), ('PER:علی');
CREATE TABLE fa10_bin2 (e entity);
SELECT current_setting('data_directory') || '/persner_fa10_test.bin' AS binfile \gset
COPY fa10_bin TO :'binfile' (FORMAT binary);
COPY fa10_bin2 FROM :'binfile' (FORMAT binary);
SELECT e::text FROM fa10_bin2 ORDER BY e;
DROP TABLE fa10_bin, fa10_bin2;

-- every function works with fa10; its labels are among its ten
\set doc 'پرواز تهران به مشهد دیروز از فرودگاه مهرآباد انجام شد و علی رضایی در جشنواره فیلم فجر گفت روزنامه کیهان ۱۰ درصد گران شد.'
SELECT bool_and(label = ANY (ARRAY['PER','LOC','ORG','DAT','TIM','MON','PCT','FAC','PRO','EVE'])) AS labels_ok,
       bool_and(substr(:'doc', start_pos, end_pos - start_pos) = entity) AS offsets_ok,
       count(*) > 0 AS found
FROM persner_tag('fa10', :'doc');
SELECT label, entity FROM persner_tag('fa10', :'doc') WHERE label IN ('FAC', 'EVE') ORDER BY start_pos;
SELECT array_agg(DISTINCT entity_label(e) ORDER BY entity_label(e)) && ARRAY['EVE','FAC'] AS entities_new_labels
FROM unnest(persner_entities('fa10', :'doc')) e;
SELECT persner_entities('fa10', :'doc') @> ARRAY['FAC:فرودگاه مهرآباد'::entity] AS gin_style_query;
SELECT jsonb_array_length(persner_tag_json('fa10', :'doc')) = (SELECT count(*) FROM persner_tag('fa10', :'doc')) AS json_rows;
SELECT persner_headline('fa10', :'doc', 'Labels=FAC|EVE') LIKE '%[فرودگاه مهرآباد/FAC]%' AS headline_fac,
       persner_headline('fa10', :'doc', 'Labels=FAC|EVE') NOT LIKE '%/PER]%' AS headline_only_those;
SELECT count(*) = (SELECT count(*) FROM persner_debug('peyma', :'doc')) AS debug_rows,
       bool_and(tag ~ '^(O|[BI]-(PER|LOC|ORG|DAT|TIM|MON|PCT|FAC|PRO|EVE))$') AS debug_tags
FROM persner_debug('fa10', :'doc');
SELECT count(*) = (SELECT count(*) FROM persner_tag('fa10', :'doc')) AS values_rows,
       bool_and(amount IS NULL AND dates IS NULL) FILTER (WHERE label IN ('FAC', 'PRO', 'EVE')) AS no_value_for_new_labels,
       bool_or(label = 'PCT' AND amount = 10 AND unit = '%') AS pct_value
FROM persner_values('fa10', :'doc');
SELECT persner_model_version('fa10') = (SELECT checksum FROM persner_models() WHERE name = 'fa10') AS version_is_checksum;
-- the one-argument forms use persner.model
SET persner.model = 'fa10';
SELECT (SELECT array_agg(e ORDER BY e) FROM unnest(persner_entities(:'doc')) e)
     = (SELECT array_agg(e ORDER BY e) FROM unnest(persner_entities('fa10', :'doc')) e) AS default_model;
RESET persner.model;
-- a generated column and a GIN index over fa10's entities
CREATE TABLE fa10_articles (id int, body text,
  entities entity[] GENERATED ALWAYS AS (persner_entities('fa10', body)) STORED);
CREATE INDEX ON fa10_articles USING gin (entities);
INSERT INTO fa10_articles VALUES (1, :'doc'), (2, 'علی رضایی به تبریز رفت.');
SELECT id FROM fa10_articles WHERE entities @> '{"FAC:فرودگاه مهرآباد"}' ORDER BY id;
SELECT id FROM fa10_articles WHERE entities @> ARRAY['fac:فرودگاه مهرآباد'] ORDER BY id;
DROP TABLE fa10_articles;
