--
-- keys: persner_entity_keys holds persner_entities' keys plus the ORG and
-- LOC names inside a longer name or a coordination, so @> finds an
-- organization where it sits inside another name (src/pg/keys.c)
--
-- a coordination, a nested name, a name inside a long name
SELECT d, persner_entities('peyma', d) AS entities, persner_entity_keys('peyma', d) AS entity_keys
FROM (VALUES ('بانک مرکزی و شهرداری تهران اعلام کردند.'),
             ('مدیر شبکه شهرداری تهران گفت.'),
             ('سازمان فناوری اطلاعات شهرداری قم تاسیس می‌شود.')) v(d);
-- names that hold no other name give the same keys as persner_entities
SELECT persner_entity_keys('peyma', d) = persner_entities('peyma', d) AS same
FROM (VALUES ('علی لاریجانی در تهران سخنرانی کرد.'), ('')) v(d);

-- A generated table of our own sentences: ten organizations, each alone,
-- inside a longer name (شبکه ..., سازمان فناوری اطلاعات ...), after a
-- title (مدیر روابط عمومی ...) or coordinated with another (... و ...).
-- Recall of @> against a phrase search (LIKE), with persner_entities and
-- with persner_entity_keys.
CREATE TEMP TABLE key_orgs(o text);
INSERT INTO key_orgs VALUES ('شهرداری تهران'), ('بانک مرکزی'), ('وزارت نیرو'), ('دانشگاه تهران'),
  ('شهرداری مشهد'), ('بانک ملی'), ('وزارت بهداشت'), ('شرکت ملی نفت'), ('سازمان هواپیمایی کشوری'), ('دانشگاه شریف');
CREATE TEMP TABLE key_templates(t text);
INSERT INTO key_templates VALUES
  ('{O} روز گذشته از طرح جدید خود رونمایی کرد.'),
  ('مدیر روابط عمومی {O} در این نشست سخنرانی کرد.'),
  ('شبکه {O} این برنامه را پخش کرد.'),
  ('{O2} و {O} تفاهم‌نامه همکاری امضا کردند.'),
  ('سازمان فناوری اطلاعات {O} اعلام کرد که سامانه جدید راه‌اندازی شد.'),
  ('کارکنان {O} در این مراسم حضور داشتند.'),
  ('به گفته سخنگوی {O}، این طرح در سال آینده اجرا می‌شود.'),
  ('باشگاه فرهنگی {O} میزبان این جشنواره بود.');
CREATE TEMP TABLE key_docs AS
SELECT i AS id, replace(replace(t.t, '{O}', o1.o), '{O2}', o2.o) AS body
FROM generate_series(0, 1999) i,
     LATERAL (SELECT t FROM key_templates ORDER BY t OFFSET (abs(hashint4(i * 3 + 1)) % 8) LIMIT 1) t,
     LATERAL (SELECT o FROM key_orgs ORDER BY o OFFSET (abs(hashint4(i * 3 + 2)) % 10) LIMIT 1) o1,
     LATERAL (SELECT o FROM key_orgs ORDER BY o OFFSET (abs(hashint4(i * 7 + 5)) % 10) LIMIT 1) o2;
ALTER TABLE key_docs ADD COLUMN entities entity[], ADD COLUMN entity_keys entity[];
UPDATE key_docs SET entities = persner_entities('peyma', body),
                    entity_keys = persner_entity_keys('peyma', body);
SELECT o.o AS organization,
       count(*) FILTER (WHERE d.body LIKE '%' || o.o || '%') AS phrase,
       count(*) FILTER (WHERE d.entities @> ARRAY[entity('ORG', o.o)]) AS entities,
       count(*) FILTER (WHERE d.entity_keys @> ARRAY[entity('ORG', o.o)]) AS entity_keys
FROM key_orgs o, key_docs d GROUP BY o.o ORDER BY o.o;
SELECT count(*) FILTER (WHERE d.body LIKE '%' || o.o || '%') AS phrase,
       count(*) FILTER (WHERE d.entities @> ARRAY[entity('ORG', o.o)]) AS entities,
       count(*) FILTER (WHERE d.entity_keys @> ARRAY[entity('ORG', o.o)]) AS entity_keys,
       round(100.0 * count(*) FILTER (WHERE d.entities @> ARRAY[entity('ORG', o.o)])
             / count(*) FILTER (WHERE d.body LIKE '%' || o.o || '%'), 1) AS recall_before,
       round(100.0 * count(*) FILTER (WHERE d.entity_keys @> ARRAY[entity('ORG', o.o)])
             / count(*) FILTER (WHERE d.body LIKE '%' || o.o || '%'), 1) AS recall_after,
       count(*) FILTER (WHERE d.entity_keys @> ARRAY[entity('ORG', o.o)]
                        AND d.body NOT LIKE '%' || o.o || '%') AS keys_without_phrase
FROM key_orgs o, key_docs d;
-- inner keys that are none of the ten organizations and none of their
-- cities: wrong keys.  An inner name is tagged out of context, so a score
-- floor keeps «مرکزی» of «بانک مرکزی» from becoming a place (231 such keys
-- before the floor)
SELECT k::text AS wrong_key, count(*)
FROM key_docs, unnest(entity_keys) k
WHERE NOT (k = ANY (entities))
  AND NOT (k = ANY (ARRAY(SELECT entity('ORG', o) FROM key_orgs)
                    || ARRAY[entity('LOC', 'تهران'), entity('LOC', 'مشهد')]))
GROUP BY 1 ORDER BY 2 DESC, 1;
-- the keys hold every key of persner_entities
SELECT bool_and(entities <@ entity_keys) AS superset FROM key_docs;
-- and a GIN index answers @> on them
CREATE INDEX ON key_docs USING gin (entity_keys);
SET enable_seqscan = off;
SELECT count(*) FROM key_docs WHERE entity_keys @> '{"ORG:شهرداری تهران"}';
RESET enable_seqscan;

-- the form without a model uses persner.model; NULL gives NULL
SELECT persner_entity_keys('مدیر شبکه شهرداری تهران گفت.') = persner_entity_keys('peyma', 'مدیر شبکه شهرداری تهران گفت.') AS same_as_default;
SELECT persner_entity_keys('peyma', NULL) IS NULL AS null_in_null_out;
-- a long coordination ends (each round's texts are shorter than the last's)
SELECT cardinality(persner_entity_keys('peyma', repeat('بانک ملی و شهرداری تهران و ', 50) || 'وزارت نیرو اعلام کردند.')) > 0 AS ends;
-- markings: IMMUTABLE with a model, STABLE without, both STRICT and PARALLEL SAFE
SELECT pg_get_function_identity_arguments(oid) AS args, provolatile, proisstrict, proparallel
FROM pg_proc WHERE proname = 'persner_entity_keys' ORDER BY 1;
