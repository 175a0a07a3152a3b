--
-- json: persner_tag_json, the Hugging Face pipeline shape
--
CREATE TABLE json_docs (id int, body text);
INSERT INTO json_docs VALUES
 (1, 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.'),
 (2, '🔥 علی رضایی، رئیس شهرداری تهران، روز دوشنبه ۱۲ مهر گفت قیمت بلیت ۵۰ درصد افزایش می‌یابد.'),
 (3, ''),
 (4, 'Tehran Times: بانک مرکزي ايران نرخ دلار را 28 هزار تومان اعلام کرد.');

SELECT jsonb_typeof(persner_tag_json('peyma', body)) AS type, count(*)
FROM json_docs GROUP BY 1;
SELECT persner_tag_json('peyma', '') AS empty;
-- one object per persner_tag row, in the same order
SELECT id, jsonb_array_length(persner_tag_json('peyma', body))
         = (SELECT count(*) FROM persner_tag('peyma', body)) AS same_count
FROM json_docs ORDER BY id;
-- the keys and their types
SELECT DISTINCT (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(o) k) AS keys,
       jsonb_typeof(o->'entity_group') AS entity_group, jsonb_typeof(o->'word') AS word,
       jsonb_typeof(o->'start') AS start, jsonb_typeof(o->'end') AS "end",
       jsonb_typeof(o->'score') AS score
FROM json_docs, jsonb_array_elements(persner_tag_json('peyma', body)) o;
-- 0-based start, exclusive end (Hugging Face), so start = start_pos - 1
SELECT count(*) AS mismatches
FROM json_docs d,
     LATERAL (SELECT o, ord FROM jsonb_array_elements(persner_tag_json('peyma', d.body)) WITH ORDINALITY a(o, ord)) j
     JOIN LATERAL (SELECT t.*, row_number() OVER (ORDER BY start_pos) AS ord
                   FROM persner_tag('peyma', d.body) t) t ON t.ord = j.ord
WHERE (j.o->>'start')::int <> t.start_pos - 1
   OR (j.o->>'end')::int <> t.end_pos - 1
   OR j.o->>'entity_group' <> t.label
   OR j.o->>'word' <> t.entity
   OR abs((j.o->>'score')::real - t.score) > 1e-5;
-- python-style slicing: body[start:end] == word
SELECT count(*) AS slice_violations
FROM json_docs d, jsonb_array_elements(persner_tag_json('peyma', d.body)) o
WHERE substr(d.body, (o->>'start')::int + 1, (o->>'end')::int - (o->>'start')::int) <> o->>'word';
SELECT persner_tag_json(body) = persner_tag_json('peyma', body) AS default_model
FROM json_docs WHERE id = 1;
DROP TABLE json_docs;
