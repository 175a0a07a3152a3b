-- errors.sql - every bad input raises its SQLSTATE
BEGIN;
SET client_min_messages = warning;
SELECT plan(34);

-- entity text forms: 22P02 invalid_text_representation
SELECT throws_ok($$SELECT 'شهرداری قم'::entity$$, '22P02', NULL, 'entity without a colon');
SELECT throws_ok($$SELECT 'XYZ:شهرداری قم'::entity$$, '22P02', NULL, 'entity with an unknown label');
SELECT throws_ok($$SELECT ':شهرداری قم'::entity$$, '22P02', NULL, 'entity with an empty label');
SELECT throws_ok($$SELECT 'ORG:'::entity$$, '22P02', NULL, 'entity with an empty name');
SELECT throws_ok($$SELECT 'ORG:   '::entity$$, '22P02', NULL, 'entity with a blank name');
SELECT throws_ok($$SELECT ('ORG:' || U&'\200C\0640\064E')::entity$$, '22P02', NULL, 'entity whose name normalizes to nothing');
SELECT throws_ok($$SELECT ' ORG:قم'::entity$$, '22P02', NULL, 'entity with a space before the label');
SELECT throws_ok($$SELECT 'ORGX:قم'::entity$$, '22P02', NULL, 'entity with a label prefix');
SELECT throws_ok($$SELECT '{"ORG:قم","قم"}'::entity[]$$, '22P02', NULL, 'entity[] with a bad element');
SELECT throws_ok($$SELECT entity('XYZ', 'قم')$$, '22P02', NULL, 'entity() with an unknown label');
SELECT throws_ok($$SELECT entity('', 'قم')$$, '22P02', NULL, 'entity() with an empty label');
SELECT throws_ok($$SELECT entity('ORG', '')$$, '22P02', NULL, 'entity() with an empty name');
SELECT lives_ok($$SELECT 'org:قم'::entity$$, 'lowercase label accepted');
SELECT lives_ok($$SELECT 'TIM:21:30'::entity$$, 'colon in the name accepted');

-- model names: 22023 invalid_parameter_value
SELECT throws_ok($$SELECT * FROM persner_tag('../peyma', 'تهران')$$, '22023', NULL, 'model name with ..');
SELECT throws_ok($$SELECT * FROM persner_tag('a/b', 'تهران')$$, '22023', NULL, 'model name with /');
SELECT throws_ok($$SELECT * FROM persner_tag('/etc/passwd', 'تهران')$$, '22023', NULL, 'absolute path as model name');
SELECT throws_ok($$SELECT * FROM persner_tag('', 'تهران')$$, '22023', NULL, 'empty model name');
SELECT throws_ok($$SELECT persner_entities('..', 'تهران')$$, '22023', NULL, 'persner_entities, model name ..');
SELECT throws_ok($$SELECT persner_tag_json('x/../peyma', 'تهران')$$, '22023', NULL, 'persner_tag_json, model name with /');
SELECT throws_ok($$SELECT persner_headline('../peyma', 'تهران')$$, '22023', NULL, 'persner_headline, model name with ..');
SELECT throws_ok($$SELECT * FROM persner_debug('a/b', 'تهران')$$, '22023', NULL, 'persner_debug, model name with /');
SELECT throws_ok($$SET persner.model = '../peyma'$$, '22023', NULL, 'SET persner.model to a path');
SELECT throws_ok($$SET persner.model = ''$$, '22023', NULL, 'SET persner.model to empty');

-- unknown model: 58P01 undefined_file
SELECT throws_ok($$SELECT * FROM persner_tag('no_such_model', 'تهران')$$, '58P01', 'persner model "no_such_model" does not exist', 'unknown model');
SELECT throws_ok($$SELECT persner_entities('no_such_model', 'تهران')$$, '58P01', NULL, 'persner_entities, unknown model');
SELECT throws_ok($$SELECT persner_tag_json('no_such_model', 'تهران')$$, '58P01', NULL, 'persner_tag_json, unknown model');
SELECT throws_ok($$SELECT persner_headline('no_such_model', 'تهران')$$, '58P01', NULL, 'persner_headline, unknown model');
SELECT throws_ok($$SELECT * FROM persner_debug('no_such_model', 'تهران')$$, '58P01', NULL, 'persner_debug, unknown model');
SELECT throws_ok($$SET LOCAL persner.model = 'no_such_model'$$, '58P01', 'persner model "no_such_model" does not exist',
	'SET persner.model to an unknown model is refused');

-- headline options: 22023
SELECT throws_ok($$SELECT persner_headline('peyma', 'تهران', 'MaxWords=3')$$, '22023', NULL, 'unknown headline option');
SELECT throws_ok($$SELECT persner_headline('peyma', 'تهران', 'Labels=XYZ')$$, '22023', NULL, 'unknown headline label');
SELECT throws_ok($$SELECT persner_headline('peyma', 'تهران', 'StartSel')$$, '22023', NULL, 'headline option without a value');

-- persner.model_dir is superuser only: 42501
CREATE ROLE pgtap_persner_user;
SET LOCAL ROLE pgtap_persner_user;
SELECT throws_ok($$SET persner.model_dir = '/tmp'$$, '42501', NULL, 'an ordinary role cannot set persner.model_dir');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
