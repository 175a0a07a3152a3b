--
-- entities: persner_entities, distinct canonical entities, sorted
--
CREATE TABLE ent_docs (id int, body text);
INSERT INTO ent_docs VALUES
 (1, 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.'),
 (2, 'سازمان ملل متحد اعلام کرد نشست بعدی در تهران برگزار می‌شود. سازمان ملل متحد همچنین از ژنو خبر داد.'),
 (3, 'علی رضایی، رئیس شهرداری تهران، روز دوشنبه ۱۲ مهر گفت قیمت بلیت ۵۰ درصد افزایش می‌یابد.'),
 (4, 'بانک مرکزی ایران نرخ دلار را ۲۸ هزار تومان اعلام کرد.'),
 (5, ''),
 (6, 'هیچ چیز خاصی اینجا نیست');

-- a clear case
SELECT persner_entities('peyma', body) @> '{"LOC:تهران"}' AS has_tehran
FROM ent_docs WHERE id = 1;
-- empty document: an empty array (not NULL)
SELECT persner_entities('peyma', '') = '{}' AS empty_array,
       persner_entities('peyma', NULL) IS NULL AS null_is_null;
-- distinct and sorted in the entity btree order
SELECT id, persner_entities('peyma', body)
     = (SELECT coalesce(array_agg(DISTINCT e ORDER BY e), '{}') FROM unnest(persner_entities('peyma', body)) e)
       AS distinct_sorted
FROM ent_docs ORDER BY id;
-- repeated mentions count once
SELECT (SELECT count(*) FROM unnest(persner_entities('peyma', body)) e WHERE e = 'ORG:سازمان ملل متحد') <= 1 AS once
FROM ent_docs WHERE id = 2;
-- the same set as persner_tag's rows made into entities
SELECT id, persner_entities('peyma', body)
     = (SELECT coalesce(array_agg(DISTINCT entity(label, entity) ORDER BY entity(label, entity)), '{}')
        FROM persner_tag('peyma', body))
       AS matches_tag
FROM ent_docs ORDER BY id;
-- spelling does not matter: Arabic ي/ك, diacritics, tatweel, bidi marks
SELECT id,
       persner_entities('peyma', translate(body, 'یک', 'يك')) = persner_entities('peyma', body) AS arabic,
       persner_entities('peyma', replace(body, 'ت', 'تـ')) = persner_entities('peyma', body) AS tatweel,
       persner_entities('peyma', replace(body, ' ', ' ' || U&'\200F')) = persner_entities('peyma', body) AS rlm
FROM ent_docs ORDER BY id;
-- one-argument form
SELECT persner_entities(body) = persner_entities('peyma', body) AS default_model
FROM ent_docs WHERE id = 3;
-- labels and names are usable
SELECT DISTINCT entity_label(e) IN ('PER', 'LOC', 'ORG', 'DAT', 'TIM', 'MON', 'PCT') AS known_label,
       entity_name(e) <> '' AS named
FROM ent_docs, unnest(persner_entities('peyma', body)) e;
DROP TABLE ent_docs;
