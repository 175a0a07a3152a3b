--
-- errors: each bad input and bad model file, with its SQLSTATE
--
-- sqlstate_of(query): the SQLSTATE and message a query fails with, paths masked
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, '"/[^"]*[.]model"', '"<path>"', 'g');
END
$$;

CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	h text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN h;
END
$$;

-- unknown model: 58P01 undefined_file
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('nosuch', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT persner_entities('nosuch', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT persner_tag_json('nosuch', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT persner_headline('nosuch', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_debug('nosuch', 'تهران')$$);
-- the hint says where models live
SELECT pg_temp.hint_of($$SELECT * FROM persner_tag('nosuch', 'تهران')$$);

-- bad model names: 22023 invalid_parameter_value, before any file is touched
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('../peyma', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('a/b', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('/etc/passwd', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('..', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('', 'تهران')$$);
SELECT left(pg_temp.sqlstate_of($$SELECT persner_entities(repeat('x', 300), 'تهران')$$), 40);
SELECT pg_temp.sqlstate_of($$SET persner.model = '../peyma'$$);
-- a model name is checked even for an empty document
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('../x', '')$$);

-- bad entity input: 22P02 invalid_text_representation
SELECT pg_temp.sqlstate_of($$SELECT 'شهرداری قم'::entity$$);
SELECT pg_temp.sqlstate_of($$SELECT 'XYZ:شهرداری قم'::entity$$);
SELECT pg_temp.sqlstate_of($$SELECT 'ORG:'::entity$$);
SELECT pg_temp.sqlstate_of($$SELECT 'ORG: ـ '::entity$$);
SELECT pg_temp.sqlstate_of($$SELECT '{"ORG:قم","BAD"}'::entity[]$$);
SELECT pg_temp.sqlstate_of($$SELECT entity('XYZ', 'قم')$$);
SELECT pg_temp.sqlstate_of($$SELECT entity('ORG', '')$$);

-- bad headline options: 22023
SELECT pg_temp.sqlstate_of($$SELECT persner_headline('peyma', 'تهران', 'Foo=1')$$);

-- bad model files: XX001 data_corrupted, never a crash.  They are written
-- into a scratch directory (the data directory, the only place SQL can
-- write files to) with lo_export.
SELECT current_setting('data_directory') AS datadir \gset
CREATE TEMP TABLE good AS SELECT pg_read_binary_file(current_setting('persner.model_dir') || '/peyma.model') AS b;
SET persner.model_dir = :'datadir';
CREATE FUNCTION pg_temp.write_model(name text, bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	o oid := lo_from_bytea(0, bytes);
BEGIN
	PERFORM lo_export(o, current_setting('persner.model_dir') || '/' || name || '.model');
	PERFORM lo_unlink(o);
END
$$;
-- an intact copy works from here
SELECT pg_temp.write_model('copy', (SELECT b FROM good));
SELECT count(*) >= 0 AS copy_works FROM persner_tag('copy', 'تهران');
-- empty, garbage, truncated, one byte flipped, header only
SELECT pg_temp.write_model('empty', '');
SELECT pg_temp.write_model('garbage', convert_to(repeat('persner? no. ', 100), 'UTF8'));
SELECT pg_temp.write_model('truncated', substr((SELECT b FROM good), 1, octet_length((SELECT b FROM good)) / 2));
SELECT pg_temp.write_model('tiny', substr((SELECT b FROM good), 1, 16));
SELECT pg_temp.write_model('flipped',
	set_byte((SELECT b FROM good), octet_length((SELECT b FROM good)) - 100,
	         get_byte((SELECT b FROM good), octet_length((SELECT b FROM good)) - 100) # 1));
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('empty', 'تهران')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM persner_tag('garbage', 'تهران')$$);
SELECT split_part(pg_temp.sqlstate_of($$SELECT * FROM persner_tag('truncated', 'تهران')$$), ':', 1);
SELECT split_part(pg_temp.sqlstate_of($$SELECT * FROM persner_tag('tiny', 'تهران')$$), ':', 1);
SELECT split_part(pg_temp.sqlstate_of($$SELECT * FROM persner_tag('flipped', 'تهران')$$), ':', 1);
-- a loaded model damaged on disk: the backend keeps the version it loaded
-- (it never reads the file in place); a repaired file is picked up
SELECT count(*) >= 0 AS loaded FROM persner_tag('copy', 'تهران');
SELECT pg_temp.write_model('copy', substr((SELECT b FROM good), 1, 100));
SELECT split_part(pg_temp.sqlstate_of($$SELECT * FROM persner_tag('copy', 'تهران')$$), ':', 1) AS after_damage;
SELECT pg_temp.write_model('copy', (SELECT b FROM good));
SELECT count(*) >= 0 AS repaired FROM persner_tag('copy', 'تهران');
-- persner_models() lists broken files with NULL details (and a WARNING)
SET client_min_messages = error;
SELECT name, labels IS NOT NULL AS opened, size > 0 AS has_size, checksum IS NOT NULL AS checksummed
FROM persner_models() ORDER BY name;
RESET client_min_messages;
RESET persner.model_dir;
\set VERBOSITY default
