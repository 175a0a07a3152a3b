-- setup.sql - the documents of the load test, generated from made-up sentences
--
-- load_docs(id, body): :ndocs documents of 1 to 40 sentences each, mixing
-- Persian news-style sentences with Latin, Arabic and Urdu ones, names and
-- numbers varied by id, and a few hostile ones (emoji, bidi marks, Arabic
-- letter forms, long tokens).  Deterministic: setseed.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS persner;
DROP TABLE IF EXISTS load_docs;
SELECT setseed(0.42);
CREATE TABLE load_docs AS
WITH tmpl(k, s) AS (VALUES
	(0, '{ORG} روز {DAY} در {LOC} اعلام کرد که {PER} به {LOC2} سفر می‌کند.'),
	(1, '{PER}، رئیس {ORG}، گفت: «نرخ تورم به {N} درصد رسید.»'),
	(2, 'به گزارش خبرگزاری {ORG}، {PER} ساعت {H}:{M} امروز وارد {LOC} شد.'),
	(3, 'بودجه {ORG} در سال {Y} به {N},{N}۰ میلیارد ریال رسید؛ {PER} با آن مخالفت کرد.'),
	(4, 'The office of {ORG} in {LOC} (IRNA) said on {Y}/0{D}/1{D} that {PER} would visit.'),
	(5, 'ذهب {PER} إلى {LOC} يوم الخميس لحضور اجتماع {ORG}.'),
	(6, 'یہ {LOC} کا شہر ہے اور {PER} یہاں رہتا ہے۔'),
	(7, 'بانك مركزي {LOC} نرخ دلار را {N} هزار تومان اعلام كرد 😀 ' || U&'\200F' || '{PER}'),
	(8, 'تیم ملی فوتبال {LOC} در ورزشگاه آزادی با نتیجه {D} بر {D} پیروز شد!'),
	(9, '{PER} و {PER2} در نشست {ORG} درباره {N} درصد افزایش قیمت‌ها گفتگو کردند.')
), names(kind, vals) AS (VALUES
	('PER', ARRAY['علی رضایی', 'مریم احمدی', 'حسن روحانی', 'محمد جواد ظریف', 'سارا محمدی', 'رضا کریمی', 'زهرا حسینی', 'Ali Rezaei']),
	('ORG', ARRAY['سازمان ملل متحد', 'شهرداری تهران', 'بانک مرکزی', 'وزارت نفت', 'دانشگاه تهران', 'ایرنا', 'مجلس شورای اسلامی', 'UNESCO']),
	('LOC', ARRAY['تهران', 'قم', 'کرمان', 'اصفهان', 'شیراز', 'تبریز', 'مشهد', 'لاہور', 'القاهرة']),
	('DAY', ARRAY['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه'])
), sent AS (
	SELECT d.id, g.n,
		replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
			t.s,
			'{PER2}', (SELECT vals[1 + (d.id * 3 + g.n) % 8] FROM names WHERE kind = 'PER')),
			'{PER}', (SELECT vals[1 + (d.id + g.n * 5) % 8] FROM names WHERE kind = 'PER')),
			'{ORG}', (SELECT vals[1 + (d.id * 7 + g.n) % 8] FROM names WHERE kind = 'ORG')),
			'{LOC2}', (SELECT vals[1 + (d.id + g.n * 2) % 9] FROM names WHERE kind = 'LOC')),
			'{LOC}', (SELECT vals[1 + (d.id * 5 + g.n) % 9] FROM names WHERE kind = 'LOC')),
			'{DAY}', (SELECT vals[1 + (d.id + g.n) % 5] FROM names WHERE kind = 'DAY')),
			'{N}', ((d.id * 13 + g.n * 7) % 97)::text),
			'{Y}', (1390 + (d.id + g.n) % 12)::text),
			'{H}', (10 + (d.id + g.n) % 13)::text),
			'{M}', (10 + (d.id * g.n) % 50)::text),
			'{D}', ((d.id + g.n) % 9 + 1)::text) AS s
	FROM generate_series(1, :ndocs) d(id)
	CROSS JOIN LATERAL generate_series(1, 1 + (d.id * 7919) % 40) g(n)
	JOIN tmpl t ON t.k = (d.id * 31 + g.n * 17) % 10
)
SELECT id, string_agg(s, CASE WHEN n % 5 = 0 THEN E'\n' ELSE ' ' END ORDER BY n)
	|| CASE WHEN id % 50 = 0 THEN ' ' || repeat('ب', 3000) ELSE '' END AS body
FROM sent GROUP BY id;
ALTER TABLE load_docs ADD PRIMARY KEY (id);
ANALYZE load_docs;
SELECT count(*) AS docs, round(avg(octet_length(body))) AS avg_bytes, max(octet_length(body)) AS max_bytes FROM load_docs;
