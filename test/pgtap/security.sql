-- security.sql - only a superuser can move persner.model_dir, and an
-- ordinary user cannot make persner read any file outside it
--
-- A valid model is put outside persner.model_dir (a scratch directory under
-- the data directory).  A superuser who points persner.model_dir there can
-- use it: so every refusal below is the path check's, not a bad file's.  An
-- ordinary role then tries every way it has to reach that file: setting the
-- directory (SET, set_config, RESET, ALTER ROLE, a function's SET clause),
-- and model names that climb out of the directory (.., /, absolute paths,
-- look-alike slashes, the persner.model setting).
BEGIN;
LOAD 'persner';
SELECT plan(31);

CREATE TEMP TABLE sec_env AS
SELECT current_setting('data_directory') || '/persner_security_' || pg_backend_pid() AS outside,
	   current_setting('persner.model_dir') AS model_dir;
GRANT SELECT ON sec_env TO PUBLIC;

CREATE FUNCTION pg_temp.sh(cmd text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
	-- the program reads what COPY writes first: a command that exits before
	-- COPY has written would make COPY fail with a broken pipe
	EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'cat >/dev/null; ' || cmd);
END
$f$;
-- sqlstate(q) - the SQLSTATE q fails with, or 'ok'
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$f$;

-- a valid model (and a secret) outside persner.model_dir
SELECT pg_temp.sh(format('rm -rf %1$s && mkdir -p %1$s/sub && cp %2$s/peyma.model %1$s/secret.model && cp %2$s/peyma.model %1$s/sub/secret.model && echo secret > %1$s/secret.txt && chmod -R a+rX %1$s',
	(SELECT outside FROM sec_env), (SELECT model_dir FROM sec_env)));

-- 1-2: positive control: the superuser may point persner.model_dir at it
SET LOCAL persner.model_dir TO DEFAULT;
SELECT set_config('persner.model_dir', (SELECT outside FROM sec_env), true);
SELECT lives_ok($$SELECT count(*) FROM persner_tag('secret', 'سازمان ملل در تهران')$$,
	'a superuser can point persner.model_dir at another directory and use a model there');
SELECT set_config('persner.model_dir', (SELECT model_dir FROM sec_env), true);
SELECT is(pg_temp.sqlstate($$SELECT count(*) FROM persner_tag('secret', 'تهران')$$), '58P01',
	'back in the default directory that model does not exist');

-- 3: the setting is superuser-only
SELECT is((SELECT context FROM pg_settings WHERE name = 'persner.model_dir'), 'superuser',
	'persner.model_dir is a superuser setting (PGC_SUSET)');

CREATE ROLE persner_sec_user;
GRANT USAGE ON SCHEMA public TO persner_sec_user;
SET LOCAL ROLE persner_sec_user;

-- 4-9: an ordinary role cannot move the directory
SELECT is(pg_temp.sqlstate(format('SET persner.model_dir = %L', (SELECT outside FROM sec_env))), '42501',
	'SET persner.model_dir: permission denied');
SELECT is(pg_temp.sqlstate(format('SET LOCAL persner.model_dir = %L', (SELECT outside FROM sec_env))), '42501',
	'SET LOCAL persner.model_dir: permission denied');
SELECT is(pg_temp.sqlstate(format($$SELECT set_config('persner.model_dir', %L, false)$$, (SELECT outside FROM sec_env))), '42501',
	'set_config(persner.model_dir): permission denied');
SELECT is(pg_temp.sqlstate('RESET persner.model_dir'), '42501',
	'RESET persner.model_dir: permission denied');
SELECT is(pg_temp.sqlstate(format('ALTER ROLE persner_sec_user SET persner.model_dir = %L', (SELECT outside FROM sec_env))), '42501',
	'ALTER ROLE ... SET persner.model_dir: permission denied');
SELECT is(pg_temp.sqlstate(format($$CREATE FUNCTION pg_temp.sneaky() RETURNS bigint LANGUAGE sql
	SET persner.model_dir = %L AS 'SELECT count(*) FROM persner_tag(''secret'', ''تهران'')';
	SELECT pg_temp.sneaky()$$, (SELECT outside FROM sec_env))), '42501',
	'a function with SET persner.model_dir: permission denied');
SELECT is(current_setting('persner.model_dir'), (SELECT model_dir FROM sec_env),
	'persner.model_dir is unchanged');

-- 11-26: no model name leaves the directory
SELECT is(pg_temp.sqlstate(format($$SELECT count(*) FROM persner_tag(%L, 'تهران')$$, n)), want,
	format('persner_tag(%s): %s', left(replace(n, E'\n', '\n'), 40), want))
FROM (VALUES
	('secret', '58P01'),
	('../' || (SELECT substring(outside FROM '[^/]+$') FROM sec_env) || '/secret', '22023'),
	('../../../../../../../../..' || (SELECT outside FROM sec_env) || '/secret', '22023'),
	((SELECT outside FROM sec_env) || '/secret', '22023'),
	('sub/secret', '22023'),
	('..', '22023'),
	('...', '22023'),
	('./secret', '22023'),
	('%2e%2e%2fsecret', '58P01'),
	('..' || U&'\FF0F' || 'secret', '22023'),
	(U&'\FF0E\FF0E\FF0F' || 'secret', '58P01'),
	(U&'\2215' || 'secret', '58P01'),
	('secret' || E'\n', '58P01'),
	('secret.model', '58P01'),
	(repeat('a', 250), '22023'),
	('', '22023')
) AS c(n, want);

-- 27-28: the other entry points check the name too
SELECT is(pg_temp.sqlstate(format($$SELECT persner_entities(%L, 'تهران')$$,
	'../' || (SELECT substring(outside FROM '[^/]+$') FROM sec_env) || '/secret')), '22023',
	'persner_entities with a name leaving the directory: 22023');
SELECT is(pg_temp.sqlstate(format('SET persner.model = %L',
	'../' || (SELECT substring(outside FROM '[^/]+$') FROM sec_env) || '/secret')), '22023',
	'SET persner.model to a name leaving the directory: 22023');

-- 29-30: persner_models() lists the directory only
SELECT ok(NOT EXISTS (SELECT 1 FROM persner_models() WHERE name ~ 'secret'),
	'persner_models() does not list files outside persner.model_dir');
SELECT ok(EXISTS (SELECT 1 FROM persner_models() WHERE name = 'peyma'),
	'persner_models() lists the installed model to an ordinary role');

RESET ROLE;
-- 31: the ordinary role's attempts changed nothing
SELECT is(current_setting('persner.model_dir'), (SELECT model_dir FROM sec_env),
	'persner.model_dir is still the default for the superuser');

SELECT pg_temp.sh(format('rm -rf %s', (SELECT outside FROM sec_env)));
SELECT * FROM finish();
ROLLBACK;
