--
-- normalize: persner_normalize, the Persian normalization the model sees
--
-- Arabic letter forms to Persian
SELECT persner_normalize('شهرداري') = 'شهرداری' AS yeh,
       persner_normalize('بانك') = 'بانک' AS kaf,
       persner_normalize('مدرسة') IN ('مدرسه') AS teh_marbuta;
-- Arabic presentation forms folded (NFKC)
SELECT persner_normalize(U&'\FEE3\FE8E') = 'ما' AS presentation_forms,
       persner_normalize(U&'\FEFB') = 'لا' AS lam_alef;
-- diacritics and tatweel dropped
SELECT persner_normalize('عَلِیّ') = 'علی' AS diacritics,
       persner_normalize('تهـــران') = 'تهران' AS tatweel;
-- digits unified to Persian digits
SELECT persner_normalize('1399') = '۱۳۹۹' AS latin_digits,
       persner_normalize('١٣٩٩') = '۱۳۹۹' AS arabic_indic_digits,
       persner_normalize('۱۳۹۹') = '۱۳۹۹' AS persian_digits;
-- bidi marks and ZWJ dropped, spaces made plain
SELECT persner_normalize('تهران' || U&'\200F') = 'تهران' AS rlm,
       persner_normalize(U&'\202B' || 'تهران' || U&'\202C') = 'تهران' AS embedding,
       persner_normalize('ته' || U&'\200D' || 'ران') = 'تهران' AS zwj,
       persner_normalize('شهرداری' || U&'\00A0' || 'قم') = 'شهرداری قم' AS nbsp;
-- ZWNJ kept inside a word, a run collapsed to one
SELECT persner_normalize('می' || U&'\200C' || 'شود') = 'می' || U&'\200C' || 'شود' AS zwnj_kept,
       persner_normalize('می' || U&'\200C\200C' || 'شود') = 'می' || U&'\200C' || 'شود' AS zwnj_run;
-- idempotent on a mixed sentence
WITH s(t) AS (VALUES ('به گزارش خبرگزاري ايرنا، قيمت دلار ۲۵۰۰۰ تومان شد.'),
                     ('Tehran تهـران ١٢ 😀 ' || U&'\200F' || 'كرمان'),
                     (''), ('   '))
SELECT t = '' AS empty, persner_normalize(persner_normalize(t)) = persner_normalize(t) AS idempotent
FROM s;
-- Latin letters (case-folded) and emoji pass through
SELECT lower(persner_normalize('IRNA 😀')) LIKE '%irna%😀%' AS latin_emoji_kept;
-- NULL in, NULL out; IMMUTABLE so it folds in an index expression
SELECT persner_normalize(NULL) IS NULL AS strict;
CREATE TABLE normalize_test (t text);
CREATE INDEX ON normalize_test (persner_normalize(t));
INSERT INTO normalize_test VALUES ('شهرداري قم'), ('شهرداری قم');
SELECT count(*) FROM normalize_test WHERE persner_normalize(t) = persner_normalize('شهرداري قم');
DROP TABLE normalize_test;
