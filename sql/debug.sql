--
-- debug: persner_debug, one row per token with its BIO tag
--
-- tokens, their normalized forms and positions
SELECT start_pos, end_pos, token, normalized
FROM persner_debug('peyma', 'شهرداري قم، ۱۲ درصد.');
SELECT token, normalized, tag ~ '^(O|[BI]-(PER|LOC|ORG|DAT|TIM|MON|PCT))$' AS tag_ok
FROM persner_debug('peyma', 'کتاب‌های تازه 😀 Tehran');

CREATE TABLE dbg_docs (id int, body text);
INSERT INTO dbg_docs VALUES
 (1, 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.'),
 (2, 'علی رضایی، رئیس شهرداری تهران، روز دوشنبه ۱۲ مهر گفت قیمت بلیت ۵۰ درصد افزایش می‌یابد.'),
 (3, U&'\202B' || 'بانك مركزي ' || U&'\200F' || 'نرخ دلار را 28 هزار تومان اعلام کرد.' || U&'\202C'),
 (4, 'تهـــرانِ زیبا 😀🇮🇷 (IRNA)'),
 (5, '');
-- every token round-trips through substr, tokens in order without overlap
SELECT count(*) AS violations
FROM dbg_docs d, persner_debug('peyma', d.body) t
WHERE substr(d.body, t.start_pos, t.end_pos - t.start_pos) <> t.token
   OR t.end_pos <= t.start_pos OR t.normalized = '' OR t.score < 0 OR t.score > 1;
SELECT count(*) AS order_violations
FROM (SELECT d.id, t.start_pos, lag(t.end_pos) OVER (PARTITION BY d.id ORDER BY t.start_pos) AS prev_end
      FROM dbg_docs d, persner_debug('peyma', d.body) t) s
WHERE start_pos < prev_end;
-- valid BIO: I-X only after B-X or I-X
SELECT count(*) AS bio_violations
FROM (SELECT t.tag, lag(t.tag) OVER (PARTITION BY d.id ORDER BY t.start_pos) AS prev
      FROM dbg_docs d, persner_debug('peyma', d.body) t) s
WHERE tag LIKE 'I-%' AND (prev IS NULL OR substr(prev, 3) <> substr(tag, 3));
-- as many B- tags as persner_tag rows, with the same starts and labels
SELECT id,
       (SELECT array_agg(start_pos || substr(tag, 2) ORDER BY start_pos) FROM persner_debug('peyma', body) WHERE tag LIKE 'B-%')
       IS NOT DISTINCT FROM
       (SELECT array_agg(start_pos || '-' || label ORDER BY start_pos) FROM persner_tag('peyma', body)) AS spans_agree
FROM dbg_docs ORDER BY id;
-- the normalized column is persner_normalize of the token (spaces aside)
SELECT count(*) AS normalize_mismatches
FROM dbg_docs d, persner_debug('peyma', d.body) t
WHERE t.normalized <> btrim(persner_normalize(t.token));
SELECT (SELECT array_agg(t) FROM persner_debug(body) t) = (SELECT array_agg(t) FROM persner_debug('peyma', body) t) AS default_model
FROM dbg_docs WHERE id = 1;
DROP TABLE dbg_docs;
