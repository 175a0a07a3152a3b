--
-- tsearch: the text search configuration "persian" (persner's canonical
-- form as a dictionary) agrees with persner's entities on the same text
--
-- one sentence, written six ways: Persian letters; Arabic ي/ك with Latin
-- digits; diacritics and Arabic-Indic digits; presentation forms (PDF
-- copy-paste); a ZWNJ compound and its spaced spelling
CREATE TABLE news (
	id int PRIMARY KEY,
	how text NOT NULL,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO news (id, how, body) VALUES
	(1, 'persian',       'رئیس کل بانک مرکزی روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.'),
	(2, 'arabic yeh/kaf', 'رئيس كل بانك مركزي روز دوشنبه در تهران گفت نرخ تورم 40 درصد است.'),
	(3, 'diacritics',    'رئیسِ کلِ بانکِ مرکزی روز دوشنبه در تهران گفت نرخ تورم ٤٠ درصد است.'),
	(4, 'presentation',  'رئیس کل ﺑﺎﻧﮏ ﻣﺮﮐﺰﯼ روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.'),
	(5, 'zwnj',          'سازمان‌ملل متحد در نیویورک نشست گذاشت.'),
	(6, 'space',         'سازمان ملل متحد در نیویورک نشست گذاشت.');
CREATE INDEX news_fts ON news USING gin (to_tsvector('persian', body));

SELECT id, how, entities FROM news ORDER BY id;

-- for every entity persner found: the rows that hold it, and the rows whose
-- text matches its name as a phrase, with the persian configuration and
-- with the built-in simple one
SELECT entity_label(e) AS label, entity_name(e) AS name,
       array(SELECT id FROM news WHERE entities @> ARRAY[e] ORDER BY id) AS tagged,
       array(SELECT id FROM news
             WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', entity_name(e))
             ORDER BY id) AS persian,
       array(SELECT id FROM news
             WHERE to_tsvector('simple', body) @@ phraseto_tsquery('simple', entity_name(e))
             ORDER BY id) AS simple
FROM (SELECT DISTINCT unnest(entities) AS e FROM news) s
ORDER BY 1, 2;

-- the query may be typed in any of the spellings too
SELECT q, array(SELECT id FROM news
                WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', q)
                ORDER BY id) AS ids
FROM (VALUES ('بانك مركزي'), ('ﺑﺎﻧﮏ ﻣﺮﮐﺰﯼ'), ('بانکِ مرکزی'), ('تورم 40 درصد'),
             ('سازمان‌ملل'), ('سازمان ملل متحد'), ('مرکزی بانک')) v(q);

-- the expression index serves the phrase query
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM news WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', 'بانک مرکزی');
RESET enable_seqscan;

-- ts_headline with the persian configuration marks the words of the match
-- in the original spelling; persner_headline marks the entity
SELECT id, ts_headline('persian', body, phraseto_tsquery('persian', 'بانک مرکزی')) AS ts_headline,
       persner_headline('peyma', body, 'StartSel=<, StopSel=>, Labels=ORG') AS persner_headline
FROM news WHERE id <= 4 ORDER BY id;

-- the dictionary: one lexeme per word in canonical form; a token that
-- normalizes to nothing gives none; Latin is lowercased
SELECT ts_lexize('persian', 'كِتابٌ') AS diacritics, ts_lexize('persian', 'ﻛﺘﺎﺏ') AS presentation,
       ts_lexize('persian', '١٤٠٢') AS digits, ts_lexize('persian', 'بانـــک') AS tatweel,
       ts_lexize('persian', 'ICT') AS latin, ts_lexize('persian', 'ً') AS only_a_mark;
-- a ZWNJ compound in one token gives its words at consecutive positions
SELECT ts_lexize('persian', 'می‌شود') AS compound;
SELECT to_tsvector('persian', 'کتاب‌ها را می‌خوانم') AS zwnj, to_tsvector('persian', 'کتاب ها را می خوانم') AS spaced;
SELECT alias, token, dictionaries, lexemes FROM ts_debug('persian', 'بانك ICT-2 1402 user@example.com');

-- the template takes no parameters
CREATE TEXT SEARCH DICTIONARY persian_opts (TEMPLATE = persian, StopWords = 'english');

-- under the C locale the parser keeps a ZWNJ compound as one token; the
-- dictionary splits it, so the positions match the spaced spelling there too
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS persner_tsearch_c;
CREATE DATABASE persner_tsearch_c TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
RESET client_min_messages;
\c persner_tsearch_c
CREATE EXTENSION persner;
SELECT alias, token FROM ts_debug('simple', 'می‌خوانم');
SELECT to_tsvector('persian', 'کتاب‌ها را می‌خوانم') AS zwnj,
       to_tsvector('persian', 'کتاب‌ها را می‌خوانم') @@ phraseto_tsquery('persian', 'کتاب ها را می خوانم') AS matches_spaced,
       to_tsvector('persian', 'کتاب ها را می خوانم') @@ phraseto_tsquery('persian', 'کتاب‌ها را می‌خوانم') AS spaced_matches;
SELECT ts_headline('persian', 'کتاب‌ها را می‌خوانم', phraseto_tsquery('persian', 'می خوانم'));
\c :regress_db
DROP DATABASE persner_tsearch_c WITH (FORCE);

DROP TABLE news;
