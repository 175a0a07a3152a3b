--
-- rules: dates, times, percentages and money as users write them (src/core/patterns.c)
--
SET datestyle = ISO;

-- Sentences of our own.  A numeric date is one DAT whatever its digits, a
-- clock time sits inside a TIM, a number before ٪ inside a PCT, an amount
-- with its digit groups and currency inside a MON, and a date with its year
-- ends before «ساعت ۱۰»; positions round-trip through substr().
CREATE TEMP TABLE rule_docs(id int, doc text);
INSERT INTO rule_docs VALUES
(1, $t$این قرارداد در تاریخ 2025-09-24 امضا شد.$t$),
(2, $t$مهلت ثبت‌نام تا ۱۴۰۳/۰۳/۱۵ تمدید شد.$t$),
(3, $t$مهلت ثبت‌نام تا ١٤٠٣/٠٣/١٥ تمدید شد.$t$),
(4, $t$جلسه روز سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح در تهران برگزار شد.$t$),
(5, $t$قطار مشهد ساعت ۲۱:۳۰ از ایستگاه راه‌آهن حرکت کرد.$t$),
(6, $t$سهم این شرکت از بازار به 12% رسید.$t$),
(7, $t$گزارش 24/09/2025 ساعت 10:30 منتشر شد.$t$),
(8, $t$شماره نامه 7228/3071/518 است.$t$),
(9, $t$بهای هر بسته 8 , 565 ریال و قیمت این دستگاه ۱,۲۰۰ میلیون تومان اعلام شد.$t$);

SELECT d.id, t.start_pos, t.end_pos, t.label, t.entity,
       substr(d.doc, t.start_pos, t.end_pos - t.start_pos) = t.entity AS round_trip
FROM rule_docs d, persner_tag('peyma', d.doc) t
WHERE t.label IN ('DAT', 'TIM', 'PCT', 'MON')
ORDER BY d.id, t.start_pos;

-- the rules apply to every model with the labels: fa10 finds the same spans
SELECT d.id
FROM rule_docs d
WHERE (SELECT array_agg(row(t.start_pos, t.end_pos, t.label) ORDER BY t.start_pos)
       FROM persner_tag('peyma', d.doc) t WHERE t.label IN ('DAT', 'TIM', 'PCT', 'MON'))
      IS DISTINCT FROM
      (SELECT array_agg(row(t.start_pos, t.end_pos, t.label) ORDER BY t.start_pos)
       FROM persner_tag('fa10', d.doc) t WHERE t.label IN ('DAT', 'TIM', 'PCT', 'MON'));

-- and the whole date reaches persner_values: the day it names
SELECT d.id, v.label, v.entity, v.dates
FROM rule_docs d, persner_values('peyma', d.doc) v
WHERE v.label = 'DAT'
ORDER BY d.id, v.start_pos;

-- README's example (Accuracy, "Dates, times and percentages")
SELECT label, entity FROM persner_tag('peyma', 'جلسه روز سه‌شنبه ۱۵ خرداد ۱۴۰۳ ساعت ۱۰ صبح در تهران برگزار شد و قرارداد 2025-09-24 با سود 12% امضا شد.');
