--
-- tag: persner_tag positions, labels, order, and hostile input
--
-- a clear sentence: the labels found include ORG and LOC
SELECT bool_or(label = 'ORG') AS has_org, bool_or(label = 'LOC') AS has_loc
FROM persner_tag('peyma', 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.');
-- the one-argument form uses persner.model and agrees with the two-argument one
SELECT (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('سازمان ملل متحد در تهران نشست برگزار کرد.') t)
     = (SELECT array_agg(t ORDER BY t.start_pos) FROM persner_tag('peyma', 'سازمان ملل متحد در تهران نشست برگزار کرد.') t)
       AS same_as_default;
-- positions are 1-based characters, end exclusive, like substr()
SELECT start_pos, end_pos, label, entity,
       substr(d, start_pos, end_pos - start_pos) = entity AS round_trip
FROM (VALUES ('دبیرکل سازمان ملل متحد امروز وارد تهران شد.')) v(d),
     persner_tag('peyma', d)
WHERE label IN ('ORG', 'LOC')
ORDER BY start_pos;

-- empty, blank and entity-free documents give no rows; NULL gives NULL
SELECT count(*) FROM persner_tag('peyma', '');
SELECT count(*) FROM persner_tag('peyma', E'   \n\t  ');
SELECT count(*) FROM persner_tag('peyma', '😀🔥👍🏽');
SELECT count(*) FROM persner_tag('peyma', '... ،،، !!! ؟؟؟');
SELECT count(*) FROM persner_tag('peyma', U&'\064E\0651\200C\200F');
SELECT count(*) FROM persner_tag('peyma', NULL);
SELECT count(*) FROM persner_tag(NULL, 'تهران');

-- 1,200 generated documents of two sentences (sql/fixtures/gen.sql: templates
-- and word lists of our own), each made hostile in one of 12 ways: Arabic
-- letters, RLM, diacritics, tatweel, missing ZWNJ, emoji, Latin, bidi
-- controls, digits, NBSP, BOM ...
\set ECHO none
\i sql/fixtures/gen.sql
\set ECHO all
CREATE TABLE tag_docs AS
SELECT id, (id - 1) / 100 AS variant, body AS plain, gen.hostile(body, (id - 1) / 100) AS body
FROM gen.docs(1200, 1, 2);
SELECT count(*) AS docs, count(DISTINCT body) > 1000 AS varied FROM tag_docs;
CREATE TABLE tag_rows AS
SELECT d.id, d.variant, t.*
FROM tag_docs d, persner_tag('peyma', d.body) t;

-- no row may violate substr(doc, start_pos, end_pos - start_pos) = entity
SELECT count(*) AS violations
FROM tag_docs d JOIN tag_rows t USING (id)
WHERE substr(d.body, t.start_pos, t.end_pos - t.start_pos) IS DISTINCT FROM t.entity;
-- well-formed rows: non-empty, inside the document, known label, score in [0, 1]
SELECT count(*) AS bad_rows
FROM tag_docs d JOIN tag_rows t USING (id)
WHERE NOT (t.start_pos >= 1 AND t.end_pos > t.start_pos
           AND t.end_pos <= length(d.body) + 1
           AND t.label IN ('PER', 'LOC', 'ORG', 'DAT', 'TIM', 'MON', 'PCT')
           AND t.score >= 0 AND t.score <= 1
           AND t.entity <> '');
-- in text order, no overlap
SELECT count(*) AS order_violations
FROM (SELECT start_pos, lag(end_pos) OVER (PARTITION BY id ORDER BY start_pos) AS prev_end
      FROM tag_rows) s
WHERE start_pos < prev_end;
-- the model finds entities in most of them, of several kinds
SELECT count(DISTINCT id) > 600 AS most_docs_tagged,
       count(DISTINCT label) >= 3 AS several_labels
FROM tag_rows;
-- every hostile variant is tagged
SELECT variant, count(DISTINCT id) > 0 AS tagged FROM tag_rows GROUP BY variant ORDER BY variant;
-- the model sees normalized text: a variant whose normalization equals the
-- plain sentence's gets the same labels, in the same order
SELECT d.variant, count(*) AS label_mismatches
FROM tag_docs d
WHERE d.variant IN (1, 3, 4, 11)
  AND persner_normalize(d.body) = persner_normalize(d.plain)
  AND (SELECT array_agg(label ORDER BY start_pos) FROM persner_tag('peyma', d.body))
      IS DISTINCT FROM
      (SELECT array_agg(label ORDER BY start_pos) FROM persner_tag('peyma', d.plain))
GROUP BY d.variant ORDER BY d.variant;

-- a long document: sentence by sentence, positions keep counting across sentences
CREATE TABLE tag_long AS
SELECT string_agg(plain, ' ' ORDER BY id) AS body FROM tag_docs WHERE id < 400;
SELECT count(*) AS violations
FROM tag_long, persner_tag('peyma', body) t
WHERE substr(body, t.start_pos, t.end_pos - t.start_pos) <> t.entity;
-- one value is one document: the tagger remembers the names it tagged earlier
-- in it and favours their words where they come again (README, "Names a
-- document has tagged"). Each generated text's entities, tagged alone, placed
-- at its offset in the long document:
CREATE TABLE tag_offsets AS
SELECT id, plain, sum(length(plain) + 1) OVER (ORDER BY id) - length(plain) AS base
FROM tag_docs WHERE id < 400;
CREATE TABLE tag_inlong AS
SELECT t.start_pos::bigint AS s, t.end_pos::bigint AS e, t.label, t.entity
FROM tag_long, persner_tag('peyma', body) t;
CREATE TABLE tag_alone AS
SELECT o.id, o.base + t.start_pos - 1 AS s, o.base + t.end_pos - 1 AS e, t.label
FROM tag_offsets o, persner_tag('peyma', o.plain) t;
-- a text with no word of a name tagged before it is tagged as it is alone
SELECT count(*) AS fresh_texts,
       count(*) FILTER (WHERE
         (SELECT array_agg(row(s, e, label) ORDER BY s) FROM tag_inlong
          WHERE s >= o.base AND s < o.base + length(o.plain))
         IS DISTINCT FROM
         (SELECT array_agg(row(s, e, label) ORDER BY s) FROM tag_alone a WHERE a.id = o.id))
       AS tagged_otherwise
FROM tag_offsets o
WHERE NOT EXISTS (
  SELECT 1 FROM tag_inlong p
  WHERE p.e <= o.base
    AND regexp_split_to_array(p.entity, '\s+') && regexp_split_to_array(o.plain, '[\s.،]+'));
-- and the memory is at work: some later texts come out otherwise
SELECT count(*) > 0 AS memory_tips_some
FROM tag_offsets o
WHERE (SELECT array_agg(row(s, e, label) ORDER BY s) FROM tag_inlong
       WHERE s >= o.base AND s < o.base + length(o.plain))
      IS DISTINCT FROM
      (SELECT array_agg(row(s, e, label) ORDER BY s) FROM tag_alone a WHERE a.id = o.id);
-- a run longer than the sentence limit (2048 bytes) with no punctuation
SELECT count(*) AS violations
FROM (SELECT string_agg(replace(plain, '.', ''), ' ') AS body FROM tag_docs WHERE id < 60) s,
     persner_tag('peyma', body) t
WHERE substr(body, t.start_pos, t.end_pos - t.start_pos) <> t.entity;

-- statement_timeout interrupts a big document (checked between sentences)
CREATE TABLE tag_huge AS SELECT repeat(body || ' ', 1000) AS body FROM tag_long;
SELECT octet_length(body) > 20000000 AS over_20MB FROM tag_huge;
SET statement_timeout = '100ms';
SELECT count(*) FROM tag_huge, persner_tag('peyma', body);
RESET statement_timeout;

-- parallel query: the functions are PARALLEL SAFE
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
ALTER TABLE tag_docs SET (parallel_workers = 2);
EXPLAIN (COSTS OFF) SELECT count(*) FROM tag_docs WHERE persner_entities('peyma', body) <> '{}';
SELECT count(*) = (SELECT count(DISTINCT id) FROM tag_rows) AS parallel_same
FROM tag_docs WHERE persner_entities('peyma', body) <> '{}';
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP TABLE tag_docs, tag_rows, tag_long, tag_huge, tag_offsets, tag_inlong, tag_alone;
