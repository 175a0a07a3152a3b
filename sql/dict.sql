--
-- dict: a user dictionary compiled into a model (persner dict)
--
-- The model "tehran" is peyma with the dictionary of
-- sql/fixtures/dict-names.tsv (made-up organizations and people) and
-- sql/fixtures/dict-never.tsv (ورجاوند, a word peyma takes for a surname),
-- built by "make test-models" and installed beside the real models by
-- test/pg-env.sh.
--
-- persner_models(): the base model and the number of names
SELECT d.name, d.labels = b.labels AS base_labels, d.base_model,
       d.base_checksum = b.checksum AS base_checksum_is_peymas,
       d.checksum <> b.checksum AS own_checksum, d.dict_entries,
       d.corpus = b.corpus AS base_corpus, d.dev_f1 IS NULL AS no_dev_f1
FROM persner_models() d, persner_models() b
WHERE d.name = 'tehran' AND b.name = 'peyma';
SELECT name, base_model, base_checksum, dict_entries FROM persner_models() WHERE name IN ('peyma', 'fa10');
SELECT persner_model_version('tehran') = (SELECT checksum FROM persner_models() WHERE name = 'tehran') AS version_is_checksum;

-- names peyma does not tag (or tags as another label, or unsure), tagged by the dictionary model, in two
-- spellings each (Arabic yeh and kaf, no ZWNJ, a space for a ZWNJ, ZWNJs
-- for spaces); the rest of the sentence is still the CRF's
CREATE TEMP TABLE named (id int, doc text);
INSERT INTO named VALUES
	(1, 'محصولات ریزپردازان کویر دیروز در تهران به بازار آمد.'),
	(2, 'محصولات ريزپردازان كوير دیروز در تهران به بازار آمد.'),
	(3, 'نماینده نیلگون‌پویا گفت قرارداد با ۲۰ درصد تخفیف امضا شد.'),
	(4, 'نماینده نيلگونپويا گفت قرارداد با ۲۰ درصد تخفیف امضا شد.'),
	(5, 'ویدیوی تینوش آراسته پربازدید شد.'),
	(6, 'ویدیوی تينوش آراسته پربازديد شد.'),
	(7, 'دیدار با سپنتا آذرگشسب انجام شد.'),
	(8, 'نامه‌ای از رادمهر ایزدیار رسید.'),
	-- a space where the list has a ZWNJ; ZWNJs where it has spaces
	(9, 'نماینده نیلگون پویا گفت قرارداد امضا شد.'),
	(10, 'سخنگوی بسپارسازان‌خلیج‌فارس گفت.');
SELECT n.id, m.model, t.label, t.entity, round(t.score::numeric, 2) AS score
FROM named n, (VALUES ('peyma'), ('tehran')) m(model), persner_tag(m.model, n.doc) t
ORDER BY n.id, m.model, t.start_pos;
-- a name the dictionary says is one ORG, where peyma saw a LOC inside it
SELECT m.model, t.label, t.entity
FROM (VALUES ('peyma'), ('tehran')) m(model),
     persner_tag(m.model, 'سخنگوی بسپارسازان خلیج فارس روز دوشنبه در بندرعباس گفت تولید افزایش یافت.') t
ORDER BY m.model, t.start_pos;

-- the --never name: peyma tags it, the dictionary model does not
SELECT m.model, t.label, t.entity
FROM (VALUES ('peyma'), ('tehran')) m(model), persner_tag(m.model, 'پیام ورجاوند به همه رسید.') t
ORDER BY m.model;
SELECT persner_entities('tehran', 'پیام ورجاوند به همه رسید.') AS never_tagged;

-- every function takes the dictionary model by name
SELECT persner_entities('tehran', 'نماینده نیلگون‌پویا در تهران گفت.');
SELECT persner_headline('tehran', 'ویدیوی تینوش آراسته پربازدید شد.');
SELECT token, tag FROM persner_debug('tehran', 'از رادمهر ایزدیار');
SELECT persner_tag_json('tehran', 'ریزپردازان کویر') -> 0 ->> 'entity_group' AS json_label;
SET persner.model = 'tehran';
SELECT label, entity FROM persner_tag('تینوش آراسته آمد.');
RESET persner.model;
-- IMMUTABLE with the name: a generated column
CREATE TEMP TABLE posts (body text, ents entity[] GENERATED ALWAYS AS (persner_entities('tehran', body)) STORED);
INSERT INTO posts (body) VALUES ('نماینده نیلگون‌پویا گفت.'), ('پیام ورجاوند به همه رسید.');
SELECT body, ents FROM posts ORDER BY body;

-- 24 sentences of our own without a dictionary name: the dictionary model
-- tags them exactly as peyma does (positions, labels, texts and scores)
CREATE TEMP TABLE plain (id int, doc text);
INSERT INTO plain VALUES
	(1, 'وزیر امور خارجه روز یکشنبه در مسکو با همتای روسی خود دیدار کرد.'),
	(2, 'شهرداری اصفهان اعلام کرد طرح توسعه مترو تا پایان سال ۱۴۰۳ تمام می‌شود.'),
	(3, 'بانک مرکزی گزارش داد نرخ تورم در آبان ماه به ۳۵ درصد رسید.'),
	(4, 'مجلس شورای اسلامی لایحه بودجه را با ۲۰۰ رأی موافق تصویب کرد.'),
	(5, 'قیمت هر سکه طلا در بازار تهران به ۴۵ میلیون تومان رسید.'),
	(6, 'دانشگاه صنعتی شریف میزبان همایش بین‌المللی هوش مصنوعی است.'),
	(7, 'حسن روحانی ساعت ۱۰ صبح در جمع خبرنگاران سخنرانی کرد.'),
	(8, 'سازمان ملل متحد از افزایش شمار پناهجویان در اروپا خبر داد.'),
	(9, 'تیم ملی فوتبال ایران فردا در ورزشگاه آزادی با کره جنوبی بازی می‌کند.'),
	(10, 'به گزارش خبرگزاری فارس، زلزله‌ای به بزرگی ۵ ریشتر شهر کرمان را لرزاند.'),
	(11, 'وزارت نفت صادرات نفت خام را ۱۰ درصد افزایش داد.'),
	(12, 'علی دایی سرمربی سابق تیم ملی در مراسم حضور یافت.'),
	(13, 'سفیر فرانسه در تهران با معاون وزیر امور خارجه دیدار کرد.'),
	(14, 'بورس اوراق بهادار تهران امروز با رشد شاخص همراه بود.'),
	(15, 'شرکت ملی گاز ایران از کاهش مصرف گاز در استان خراسان خبر داد.'),
	(16, 'نمایشگاه بین‌المللی کتاب تهران از ۱۸ اردیبهشت آغاز می‌شود.'),
	(17, 'محمد جواد ظریف در دانشگاه تهران درباره سیاست خارجی سخن گفت.'),
	(18, 'هواپیمای مسافربری ایران ایر ساعت ۸ شب در فرودگاه مهرآباد فرود آمد.'),
	(19, 'استاندار خوزستان از آغاز ساخت بیمارستان جدید در اهواز خبر داد.'),
	(20, 'سازمان هواشناسی برای روز پنجشنبه در گیلان هشدار باران صادر کرد.'),
	(21, 'فدراسیون کشتی اعلام کرد تیم ملی برای مسابقات جهانی به بلگراد می‌رود.'),
	(22, 'وزیر بهداشت گفت ۸۰ درصد مردم واکسن دریافت کرده‌اند.'),
	(23, 'قرارداد همکاری میان ایران و چین در پکن امضا شد.'),
	(24, 'کتابخانه ملی ایران نسخه‌های خطی تازه‌ای را به نمایش گذاشت.');
SELECT count(*) AS sentences,
       sum((SELECT count(*) FROM persner_tag('peyma', doc))) AS peyma_entities,
       count(*) FILTER (WHERE
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', doc) t) IS NOT DISTINCT FROM
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('tehran', doc) t)) AS identical,
       count(*) FILTER (WHERE
         (SELECT array_agg(d ORDER BY d.start_pos) FROM persner_debug('peyma', doc) d) IS NOT DISTINCT FROM
         (SELECT array_agg(d ORDER BY d.start_pos) FROM persner_debug('tehran', doc) d)) AS identical_tokens
FROM plain;
-- and the same texts with a dictionary name in them differ only there
SELECT count(*) FILTER (WHERE
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', doc || ' ویدیوی تینوش آراسته پربازدید شد.') t) IS NOT DISTINCT FROM
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('tehran', doc || ' ویدیوی تینوش آراسته پربازدید شد.') t)) AS identical_with_a_name,
       count(*) FILTER (WHERE
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', doc) t) IS NOT DISTINCT FROM
         (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('tehran', doc || ' ویدیوی تینوش آراسته پربازدید شد.') t
          WHERE t.entity <> 'تینوش آراسته')) AS same_but_the_name
FROM plain;
