--
-- headline: persner_headline markup
--
CREATE TABLE hl_docs (id int, body text);
INSERT INTO hl_docs VALUES
 (1, 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.'),
 (2, 'علی رضایی، رئیس شهرداری تهران، روز دوشنبه ۱۲ مهر گفت قیمت بلیت ۵۰ درصد افزایش می‌یابد.'),
 (3, ''),
 (4, 'هیچ چیز خاصی اینجا نیست'),
 (5, '😀 Tehran: بانک مرکزي ايران نرخ دلار را ۲۸ هزار تومان اعلام کرد. 🇮🇷');

-- default markup [name/LABEL]: a clear case
SELECT persner_headline('peyma', 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.') LIKE '%[تهران/LOC]%' AS marked;
-- without markup the text is unchanged; one mark per persner_tag row
SELECT id,
       regexp_replace(persner_headline('peyma', body, 'StartSel=<<, StopSel=>>'), '<<|>>', '', 'g') = body AS text_kept,
       (length(persner_headline('peyma', body, 'StartSel=<<, StopSel=>>')) - length(body)) / 4
         = (SELECT count(*) FROM persner_tag('peyma', body)) AS one_mark_per_entity
FROM hl_docs ORDER BY id;
-- %L is the label; marks wrap exactly the tagged text
SELECT id,
       (SELECT array_agg(m[1] || '|' || m[2]) FROM regexp_matches(
           persner_headline('peyma', body, 'StartSel={, StopSel=}%L'), '\{([^}]*)\}([A-Z]+)', 'g') m)
       IS NOT DISTINCT FROM
       (SELECT array_agg(entity || '|' || label ORDER BY start_pos) FROM persner_tag('peyma', body)) AS wraps_entities
FROM hl_docs ORDER BY id;
-- Labels= filters; keys and labels are case-insensitive; quoted values
SELECT id,
       (length(persner_headline('peyma', body, 'startsel=<<, stopsel=>>, labels=org|loc')) - length(body)) / 4
         = (SELECT count(*) FROM persner_tag('peyma', body) WHERE label IN ('ORG', 'LOC')) AS filtered
FROM hl_docs ORDER BY id;
SELECT persner_headline('peyma', 'وارد تهران شد.', 'StartSel="<b class=\"e\">", StopSel="</b>", Labels=LOC')
       LIKE '%<b class="e">تهران</b>%' AS quoted;
-- the three forms
SELECT persner_headline(body) = persner_headline('peyma', body) AS default_model,
       persner_headline('peyma', body) = persner_headline('peyma', body, '') AS default_options,
       persner_headline('peyma', body) = persner_headline('peyma', body, 'StartSel=[, StopSel=/%L]') AS default_markup
FROM hl_docs WHERE id = 1;
SELECT persner_headline('peyma', 'a 100%% b', 'StopSel=%%') IS NOT NULL AS percent_ok;
-- bad options: 22023 invalid_parameter_value
\set VERBOSITY terse
SELECT persner_headline('peyma', 'تهران', 'MaxWords=10');
SELECT persner_headline('peyma', 'تهران', 'Labels=ORG|XYZ');
SELECT persner_headline('peyma', 'تهران', 'StartSel');
SELECT persner_headline('peyma', 'تهران', 'StartSel="<b>');
\set VERBOSITY default
-- ts_headline's shape (doc, options) is recognized: the error says what
-- happened and quotes neither argument as a model name
SELECT persner_headline('دبیرکل سازمان ملل متحد امروز وارد تهران شد.', 'StartSel=<b>');
SELECT persner_headline('تهران', 'stopsel = ]');
-- a lone StartSel implies its StopSel: a tag its end tag, brackets mirrored, else itself
SELECT persner_headline('peyma', 'وارد تهران شد.', 'StartSel=<b>') AS tag,
       persner_headline('peyma', 'وارد تهران شد.', 'StartSel="<mark class=\"e\">"') AS tag_with_attribute,
       persner_headline('peyma', 'وارد تهران شد.', 'StartSel=[[') AS brackets,
       persner_headline('peyma', 'وارد تهران شد.', 'StartSel=«') AS guillemet,
       persner_headline('peyma', 'وارد تهران شد.', 'StartSel=**') AS same;
-- StopSel alone keeps the default StartSel; both given are used as given
SELECT persner_headline('peyma', 'وارد تهران شد.', 'StopSel=]') AS stop_only,
       persner_headline('peyma', 'وارد تهران شد.', 'StartSel=<b>, StopSel=/%L') AS both;
DROP TABLE hl_docs;
