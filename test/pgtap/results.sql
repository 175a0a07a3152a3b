-- results.sql - clear cases of every function
BEGIN;
SET client_min_messages = warning;
SELECT plan(24);

-- entity type
SELECT is('ORG:شهرداري قم'::entity, 'ORG:شهرداری قم'::entity, 'Arabic yeh is folded in entity names');
SELECT is('org:بانك  مركزي'::entity::text, 'ORG:بانک مرکزی', 'canonical text form');
SELECT is(entity('loc', 'تهـران'), 'LOC:تهران'::entity, 'entity() canonicalizes');
SELECT is(entity_label('pct:۱۲ درصد'), 'PCT', 'entity_label');
SELECT is(entity_name('ORG:شهرداري   قم'), 'شهرداری قم', 'entity_name');
SELECT results_eq(
	$$SELECT e::text FROM unnest('{"PER:ب","ORG:ب","LOC:ت","ORG:ا"}'::entity[]) e ORDER BY e$$,
	$$VALUES ('LOC:ت'), ('ORG:ا'), ('ORG:ب'), ('PER:ب')$$,
	'btree order: label, then name');
SELECT ok('{"ORG:شهرداری قم","LOC:تهران"}'::entity[] @> '{"ORG:شهرداري قم"}', 'entity[] @> with either spelling');

-- normalize
SELECT is(persner_normalize('شهرداري'), 'شهرداری', 'persner_normalize folds Arabic yeh');
SELECT is(persner_normalize('١٣٩٩'), '۱۳۹۹', 'persner_normalize unifies digits');
SELECT is(persner_normalize(NULL), NULL, 'persner_normalize is STRICT');

-- tagging: clear cases
SELECT ok((SELECT bool_or(label = 'LOC' AND entity = 'تهران')
           FROM persner_tag('peyma', 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.')),
          'تهران is a LOC');
SELECT ok((SELECT bool_or(label = 'ORG')
           FROM persner_tag('peyma', 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.')),
          'an ORG is found');
SELECT is((SELECT count(*)::int FROM persner_tag('peyma', '')), 0, 'empty document: no rows');
SELECT is((SELECT count(*)::int FROM persner_tag('peyma', E'  \n ')), 0, 'blank document: no rows');
SELECT is((SELECT count(*)::int FROM persner_tag('peyma', NULL)), 0, 'NULL document: no rows');
SELECT is((SELECT count(*)::int FROM persner_tag('peyma', 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.') t
           WHERE substr('دبیرکل سازمان ملل متحد امروز وارد تهران شد.', start_pos, end_pos - start_pos) <> entity),
          0, 'positions round-trip through substr');
SELECT results_eq(
	$$SELECT start_pos, end_pos, label, entity FROM persner_tag('peyma', '😀 وارد تهران شد.') WHERE label = 'LOC'$$,
	$$VALUES (8, 13, 'LOC'::text, 'تهران'::text)$$,
	'character positions after an astral emoji');
SELECT ok(persner_entities('peyma', 'دبیرکل سازمان ملل متحد امروز وارد تهران شد.') @> '{"LOC:تهران"}', 'persner_entities finds LOC:تهران');
SELECT is(persner_entities('peyma', ''), '{}'::entity[], 'persner_entities of nothing is empty');
SELECT ok(persner_tag_json('peyma', 'وارد تهران شد.') @> '[{"entity_group": "LOC", "word": "تهران", "start": 5, "end": 10}]',
          'persner_tag_json: 0-based start, exclusive end');
SELECT is(persner_tag_json('peyma', ''), '[]'::jsonb, 'persner_tag_json of nothing is []');
SELECT ok(persner_headline('peyma', 'وارد تهران شد.') LIKE '%[تهران/LOC]%', 'persner_headline default markup');
SELECT is(persner_headline('peyma', 'وارد تهران شد.', 'StartSel=<b>, StopSel=</b>, Labels=PER'),
          'وارد تهران شد.', 'persner_headline Labels filter');
SELECT results_eq(
	$$SELECT token, tag FROM persner_debug('peyma', 'وارد تهران شد.') ORDER BY start_pos$$,
	$$VALUES ('وارد'::text, 'O'::text), ('تهران', 'B-LOC'), ('شد', 'O'), ('.', 'O')$$,
	'persner_debug: tokens and BIO tags');

SELECT * FROM finish();
ROLLBACK;
