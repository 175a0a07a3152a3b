--
-- models: persner_models()
--
-- the default model is installed and described
SELECT name,
       (SELECT array_agg(l ORDER BY l) FROM unnest(labels) l) AS labels,
       size > 0 AS has_size,
       checksum ~ '^[0-9a-f]{16}$' AS checksum_hex,
       loaded,
       corpus IS NOT NULL AS has_corpus,
       dev_f1 > 0 AND dev_f1 <= 100 AS dev_f1_ok
FROM persner_models() WHERE name = 'peyma';
-- sorted by name
SELECT array_agg(name) = array_agg(name ORDER BY name) AS sorted FROM persner_models();
-- loaded once this backend has used it
SELECT count(*) >= 0 AS used FROM persner_tag('peyma', 'تهران');
SELECT loaded FROM persner_models() WHERE name = 'peyma';
-- size is the file's size
SELECT size = (pg_stat_file(current_setting('persner.model_dir') || '/peyma.model')).size AS size_ok
FROM persner_models() WHERE name = 'peyma';
-- the checksum is stable
SELECT count(DISTINCT checksum) = 1 AS stable
FROM (SELECT checksum FROM persner_models() WHERE name = 'peyma'
      UNION ALL SELECT checksum FROM persner_models() WHERE name = 'peyma') s;
