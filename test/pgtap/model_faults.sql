-- model_faults.sql - every kind of bad model file is an ERROR with its
-- SQLSTATE, a detail saying what is wrong, and a hint; never a crash; and
-- the snapshot store that makes rewriting a model file in place harmless
--
-- sql/errors.sql (pg_regress) already checks the SQLSTATEs of empty,
-- garbage, truncated and flipped files and the hint of a missing one; this
-- file adds the faults it lacks (unreadable, wrong format version, a
-- directory, a FIFO, a device, a foreign file) and checks the hint and
-- detail of every one.  The files are made in a scratch directory under the
-- data directory (lo_export, COPY TO PROGRAM: superuser only) and
-- persner.model_dir points there for the length of the transaction.
BEGIN;
LOAD 'persner';
SELECT plan(50);

CREATE TEMP TABLE mf_start AS SELECT pg_postmaster_start_time() AS started;
CREATE TEMP TABLE mf_good AS
SELECT pg_read_binary_file(current_setting('persner.model_dir') || '/peyma.model') AS b;
CREATE TEMP TABLE mf_dir AS
SELECT current_setting('data_directory') || '/persner_model_faults_' || pg_backend_pid() AS d;

-- sh(cmd) - run a shell command as the server's user
CREATE FUNCTION pg_temp.sh(cmd text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
	-- the program reads what COPY writes first: a command that exits before
	-- COPY has written would make COPY fail with a broken pipe
	EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'cat >/dev/null; ' || cmd);
END
$f$;
CREATE FUNCTION pg_temp.write_model(name text, bytes bytea) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	o oid := lo_from_bytea(0, bytes);
BEGIN
	PERFORM lo_export(o, (SELECT d FROM mf_dir) || '/' || name || '.model');
	PERFORM lo_unlink(o);
END
$f$;
-- fault(q) - {sqlstate, message, detail, hint} of the error q raises (NULLs if none)
CREATE FUNCTION pg_temp.fault(q text) RETURNS text[] LANGUAGE plpgsql AS $f$
DECLARE
	st text;
	msg text;
	det text;
	hin text;
BEGIN
	EXECUTE q;
	RETURN ARRAY[NULL, NULL, NULL, NULL]::text[];
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
	RETURN ARRAY[st, msg, nullif(det, ''), nullif(hin, '')];
END
$f$;

SELECT pg_temp.sh(format('rm -rf %s && mkdir %s', (SELECT d FROM mf_dir), (SELECT d FROM mf_dir)));
SELECT set_config('persner.model_dir', (SELECT d FROM mf_dir), true);

-- the faults
SELECT pg_temp.write_model('good', (SELECT b FROM mf_good));
SELECT pg_temp.write_model('unreadable', (SELECT b FROM mf_good));
SELECT pg_temp.sh(format('chmod 000 %s/unreadable.model', (SELECT d FROM mf_dir)));
SELECT pg_temp.write_model('empty', '');
SELECT pg_temp.write_model('truncated', substr((SELECT b FROM mf_good), 1, octet_length((SELECT b FROM mf_good)) / 2));
SELECT pg_temp.write_model('truncated_by_one', substr((SELECT b FROM mf_good), 1, octet_length((SELECT b FROM mf_good)) - 1));
SELECT pg_temp.write_model('header_only', substr((SELECT b FROM mf_good), 1, 40));
SELECT pg_temp.write_model('bit_flipped', set_bit((SELECT b FROM mf_good),
	8 * (octet_length((SELECT b FROM mf_good)) / 2) + 4,
	1 - get_bit((SELECT b FROM mf_good), 8 * (octet_length((SELECT b FROM mf_good)) / 2) + 4)));
SELECT pg_temp.write_model('header_bit_flipped', set_bit((SELECT b FROM mf_good), 8 * 33,
	1 - get_bit((SELECT b FROM mf_good), 8 * 33)));
-- format version 3, one this build does not read (bytes 8..11, little-endian), everything else intact
SELECT pg_temp.write_model('version3', overlay((SELECT b FROM mf_good) PLACING '\x03000000'::bytea FROM 9 FOR 4));
SELECT pg_temp.write_model('version0', overlay((SELECT b FROM mf_good) PLACING '\x00000000'::bytea FROM 9 FOR 4));
SELECT pg_temp.write_model('foreign', '\x89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0000000000049454e44ae426082'::bytea);
SELECT pg_temp.write_model('byte_swapped', overlay((SELECT b FROM mf_good) PLACING '\x01020304'::bytea FROM 13 FOR 4));
SELECT pg_temp.sh(format('mkdir %s/a_directory.model', (SELECT d FROM mf_dir)));
SELECT pg_temp.sh(format('ln -s /dev/zero %s/a_device.model', (SELECT d FROM mf_dir)));
SELECT pg_temp.sh(format('ln -s %s/nowhere.model %s/dangling.model', (SELECT d FROM mf_dir), (SELECT d FROM mf_dir)));

CREATE TEMP TABLE mf_cases (name text PRIMARY KEY, sqlstate text, detail_re text, hint_re text);
INSERT INTO mf_cases VALUES
	('missing',            '58P01', 'not found',                  'persner_models'),
	('dangling',           '58P01', 'not found',                  'persner_models'),
	('unreadable',         '42501', NULL,                         'permissions'),
	('empty',              'XX001', 'empty',                      'persner train'),
	('truncated',          'XX001', 'truncated',                  'persner train'),
	('truncated_by_one',   'XX001', 'truncated',                  'persner train'),
	('header_only',        'XX001', 'truncated',                  'persner train'),
	('bit_flipped',        'XX001', 'checksum',                   'persner train'),
	('header_bit_flipped', 'XX001', '.',                          'persner train'),
	('version3',           '0A000', 'version',                    'Retrain'),
	('version0',           '0A000', 'version',                    'Retrain'),
	('foreign',            'XX001', 'magic',                      'persner train'),
	('byte_swapped',       'XX001', 'byte order',                 'persner train'),
	('a_directory',        'XX001', 'directory',                  'persner train'),
	('a_device',           'XX001', 'regular file',               'persner train');

-- 1: the intact copy works, so every failure below is the fault's
SELECT lives_ok($$SELECT count(*) FROM persner_tag('good', 'سازمان ملل در تهران')$$, 'an intact copy of the model works');

-- 2-31: each fault: its SQLSTATE, and a detail and a hint
CREATE TEMP TABLE mf_got AS
SELECT c.*, pg_temp.fault(format('SELECT * FROM persner_tag(%L, %L)', c.name, 'سازمان ملل در تهران')) AS got
FROM mf_cases c;
SELECT is(got[1], sqlstate, format('%s: SQLSTATE %s (%s)', name, sqlstate, got[2])) FROM mf_got ORDER BY name;
SELECT ok(got[4] ~* hint_re AND (detail_re IS NULL OR coalesce(got[3], got[2]) ~* detail_re),
	format('%s: detail and hint (%s / %s)', name, coalesce(got[3], '-'), coalesce(got[4], '-')))
FROM mf_got ORDER BY name;

-- 32-33: a FIFO named like a model.  open(2) of a FIFO blocks until a
-- writer comes, and neither statement_timeout nor pg_cancel_backend can
-- interrupt it (the backend sleeps in the kernel): model_cache.c opens
-- with O_NONBLOCK, then refuses what is not a regular file.  A writer opens the FIFO
-- after 3 s so that a blocking open ends and this test fails instead of
-- hanging.
SELECT pg_temp.sh(format('mkfifo %s/a_fifo.model', (SELECT d FROM mf_dir)));
SELECT pg_temp.sh(format('(sleep 3; exec 3>%s/a_fifo.model) </dev/null >/dev/null 2>&1 &', (SELECT d FROM mf_dir)));
CREATE TEMP TABLE mf_fifo AS
SELECT pg_temp.fault($$SELECT * FROM persner_tag('a_fifo', 'تهران')$$) AS got,
	   extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000 AS ms;
SELECT ok(got[1] = 'XX001' AND got[3] ~ 'regular file' AND got[4] ~ 'persner train',
	format('a_fifo: XX001, detail and hint (%s: %s / %s)', got[1], got[3], got[4])) FROM mf_fifo;
SELECT cmp_ok(ms, '<', 1000::numeric, format('a FIFO is refused at once, without blocking (%s ms)', round(ms))) FROM mf_fifo;

-- 34-36: names with / or ..: 22023 with a hint, before any file is touched
SELECT ok((SELECT f[1] = '22023' AND f[4] ~ 'persner_models'
	FROM (SELECT pg_temp.fault(format('SELECT * FROM persner_tag(%L, %L)', (SELECT d FROM mf_dir) || '/good', 'تهران')) AS f) s),
	'an absolute path to a valid model is 22023, with a hint');
SELECT ok((SELECT f[1] = '22023' AND f[4] ~ 'persner_models' AND f[3] ~ '/'
	FROM (SELECT pg_temp.fault($$SELECT * FROM persner_tag('sub/good', 'تهران')$$) AS f) s),
	'a name with / is 22023, with a detail and a hint');
SELECT ok((SELECT f[1] = '22023' AND f[4] ~ 'persner_models' AND f[3] ~ '\.\.'
	FROM (SELECT pg_temp.fault($$SELECT persner_entities('..good', 'تهران')$$) AS f) s),
	'a name with .. is 22023, with a detail and a hint');

-- 37-48: the snapshot store.  A backend maps a verified copy of the model,
-- $PGDATA/pg_persner/<checksum>.model (mode 0400), never the file in
-- persner.model_dir, so rewriting that file in place cannot hurt it.
SET client_min_messages = error;	-- persner_models() warns about every fault above
CREATE TEMP TABLE mf_ck AS SELECT checksum AS ck FROM persner_models() WHERE name = 'good';
RESET client_min_messages;
SELECT is((SELECT md5(substring(pg_read_binary_file('pg_persner/' || ck || '.model') FROM 1 FOR length(b)))
		FROM mf_ck, mf_good),
	(SELECT md5(b) FROM mf_good), 'the snapshot is named by the checksum and holds the model''s bytes');
SELECT is((SELECT length(f) % (2 * 1024 * 1024) = 0 AND length(f) - length(b) < 2 * 1024 * 1024
			AND ltrim(encode(substring(f FROM length(b) + 1), 'hex'), '0') = ''
		FROM mf_good, (SELECT pg_read_binary_file('pg_persner/' || ck || '.model') AS f FROM mf_ck) s),
	true, 'then zeros up to the next multiple of 2 MB (huge pages)');
SELECT ok(position((SELECT d FROM mf_dir) || '/good.model' IN pg_read_file('/proc/self/maps')) = 0
	AND position('/pg_persner/' || (SELECT ck FROM mf_ck) || '.model' IN pg_read_file('/proc/self/maps')) > 0,
	'the backend maps the snapshot, not the installed file');
CREATE TEMP TABLE mf_mode (m text);
DO $$ BEGIN EXECUTE format('COPY mf_mode FROM PROGRAM %L', format('stat -c %%a %s/pg_persner/%s.model',
	current_setting('data_directory'), (SELECT ck FROM mf_ck))); END $$;
SELECT is((SELECT m FROM mf_mode), '400', 'the snapshot is read-only (mode 0400)');
SELECT ok(EXISTS (SELECT 1 FROM pg_ls_dir('pg_persner') f WHERE f ~ '^src-[0-9a-f]{16}\.rec$'),
	'the file''s identity is recorded beside the snapshots');

-- a loaded model truncated in place: the backend keeps its version, silently
CREATE TEMP TABLE mf_before AS SELECT * FROM persner_tag('good', 'سازمان ملل در تهران');
SELECT pg_temp.sh(format('truncate -s 1000 %s/good.model', (SELECT d FROM mf_dir)));
SELECT lives_ok($$SELECT * FROM persner_tag('good', 'سازمان ملل در تهران')$$,
	'a loaded model truncated in place is no error');
SELECT results_eq($$SELECT * FROM persner_tag('good', 'سازمان ملل در تهران')$$,
	$$SELECT * FROM mf_before$$, 'and tags as before (the last valid version stays)');
-- a loaded model whose file cannot be read for now (EACCES) keeps its version,
-- with a WARNING; a file that is gone withdraws the model
SELECT pg_temp.write_model('keep', (SELECT b FROM mf_good));
CREATE TEMP TABLE mf_keep AS SELECT * FROM persner_tag('keep', 'سازمان ملل در تهران');
SELECT pg_temp.sh(format('chmod 000 %s/keep.model', (SELECT d FROM mf_dir)));
SET client_min_messages = error;
SELECT results_eq($$SELECT * FROM persner_tag('keep', 'سازمان ملل در تهران')$$,
	$$SELECT * FROM mf_keep$$, 'a loaded model whose file became unreadable goes on with its version');
RESET client_min_messages;
SELECT pg_temp.sh(format('rm -f %s/keep.model', (SELECT d FROM mf_dir)));
SELECT throws_ok($$SELECT * FROM persner_tag('keep', 'تهران')$$, '58P01', NULL,
	'once the file is gone the model is withdrawn: 58P01');
-- another name for the same bytes shares the snapshot; a removed snapshot is made again
SELECT pg_temp.write_model('good2', (SELECT b FROM mf_good));
SELECT pg_temp.sh(format('rm -f %s/pg_persner/%s.model', current_setting('data_directory'), (SELECT ck FROM mf_ck)));
SELECT results_eq($$SELECT * FROM persner_tag('good2', 'سازمان ملل در تهران')$$,
	$$SELECT * FROM mf_before$$, 'a model whose snapshot was removed is read and checked again');
SELECT ok(EXISTS (SELECT 1 FROM pg_ls_dir('pg_persner') f WHERE f = (SELECT ck FROM mf_ck) || '.model'),
	'and its snapshot is written again');
-- a half-written file at a path never valid is the usual error
SELECT pg_temp.write_model('half', substr((SELECT b FROM mf_good), 1, 200000));
SELECT throws_ok($$SELECT * FROM persner_tag('half', 'تهران')$$, 'XX001', NULL,
	'a half-written file at a path never valid: XX001');
SELECT pg_temp.write_model('good', (SELECT b FROM mf_good));

-- 49-50: the good model still works after all that, and nothing crashed
SELECT lives_ok($$SELECT count(*) FROM persner_tag('good', 'سازمان ملل در تهران')$$, 'the intact copy still works');
SELECT is(pg_postmaster_start_time(), (SELECT started FROM mf_start), 'the postmaster start time is unchanged');

SELECT pg_temp.sh(format('chmod -R u+rwx %s; rm -rf %s', (SELECT d FROM mf_dir), (SELECT d FROM mf_dir)));
SELECT * FROM finish();
ROLLBACK;
