-- hostile.sql - hostile documents: each one returns or errors cleanly, and
-- the server never restarts
--
-- NULL, empty and blank documents; control characters; bidi marks; 4-byte
-- characters and emoji; Latin, Arabic, Urdu and Persian mixed; piles of
-- diacritics; single 1 MB tokens without a space; 100,000 one-word
-- sentences; 10 MB runs of sentence terminators, which must end within 2 s
-- under statement_timeout 1s; and a 50 MB document, which must run in
-- bounded memory and stop within a second of statement_timeout or
-- pg_cancel_backend.  The
-- 50 MB runs happen in a second session (dblink) so that this one can
-- watch its memory in /proc and cancel it.  At the end the postmaster's
-- start time and this backend's pid are what they were at the start (a
-- crashed backend would have restarted every one).
--
-- The documents are generated here from short made-up sentences.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
RESET client_min_messages;
LOAD 'persner';
SELECT plan(47);

CREATE TEMP TABLE hostile_start AS
SELECT pg_postmaster_start_time() AS started, pg_backend_pid() AS pid;

-- one paragraph of generated news (sql/fixtures/gen.sql, rolled back with the
-- test), about 600 bytes, four scripts: three Persian sentences, Latin
-- around them, an Arabic and an Urdu sentence after them
\i sql/fixtures/gen.sql
CREATE FUNCTION pg_temp.para() RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT gen.hostile(gen.hostile(gen.hostile(gen.doc(1, 6, 3), 7), 12), 13)
$f$;

CREATE TEMP TABLE hostile_docs (name text PRIMARY KEY, doc text);
INSERT INTO hostile_docs VALUES
	('null', NULL),
	('empty', ''),
	('one space', ' '),
	('whitespace', E' \t\n\r\f' || chr(11) || U&'\00A0\1680\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\200B\2028\2029\202F\205F\3000\FEFF\0085'),
	('zwnj and zwj only', U&'\200C\200D\200C \200C\200C'),
	('newlines only', repeat(E'\n', 10000)),
	('control characters', (SELECT string_agg(chr(c), '') FROM generate_series(1, 31) c) || chr(127)
		|| (SELECT string_agg(chr(c), '') FROM generate_series(128, 159) c)),
	('controls inside words', 'تهر' || chr(1) || 'ان و ' || chr(27) || '[31mقم' || chr(27) || '[0m'
		|| chr(8) || chr(7) || ' سازمان' || chr(0127) || 'ملل' || chr(11) || 'متحد'),
	('bidi marks', U&'\200F\202Bسازمان\202C \200Eملل\200F \2067متحد\2069 \202Eدر\202C \061Cتهران\2066x\2069'),
	('bidi marks only', repeat(U&'\200E\200F\202A\202B\202C\202D\202E\2066\2067\2068\2069\061C', 100)),
	('emoji', '😀 سازمان ملل 👍🏽 در تهران 🇮🇷🇺🇳 👨‍👩‍👧‍👦 ' || repeat('🔥', 500) || ' قم.'),
	('4-byte characters', chr(65536) || ' ' || chr(1114111) || ' 𝐀𝐁𝐂 𠀀𠀁 𐍈𐌰 𝟘𝟙 ' || 'تهران' || chr(128512) || 'قم'),
	('latin arabic urdu persian', pg_temp.para()),
	('scripts glued', 'IRNAایرناذهبلاہورتهران2019۱۳۹۸١٢٣'),
	('presentation forms', U&'\FEFB\FDF2\FE8D\FE8E\FEE3\FEE4 \FB8A\FB8B\FBFC\FBFD ﷽'),
	('diacritic pile', 'ت' || repeat(U&'\064B\064C\064D\064E\064F\0650\0651\0652', 2000) || ' قم'),
	('tatweel run', 'سـ' || repeat('ـ', 100000) || 'لام'),
	('punctuation run', repeat('.!?؟،؛«»()[]…', 20000)),
	('digits and separators', repeat('۱۳۹۸/۰۵/۱۲ 21:30 2.5 ۳۲,۳۹۰ ٪۱۰ 10% ١٢٣٫٤ ', 2000)),
	('1 MB Persian token', repeat('ب', 524288)),
	('1 MB Latin token', repeat('x', 1048576)),
	('1 MB emoji token', repeat('😀', 262144)),
	('1 MB zwnj-joined token', repeat(U&'می\200C', 174762)),
	('100000 one-word sentences', (SELECT string_agg('تهران.', ' ') FROM generate_series(1, 100000))),
	('100000 one-word lines', (SELECT string_agg(CASE WHEN g % 2 = 0 THEN 'قم' ELSE 'Tehran' END, E'\n')
		FROM generate_series(1, 100000) g));

-- 1-4: every function on every document returns
SELECT lives_ok($$CREATE TEMP TABLE hostile_tag AS
	SELECT d.name, t.* FROM hostile_docs d, persner_tag(d.doc) WITH ORDINALITY t$$,
	'persner_tag returns on every hostile document');
SELECT lives_ok($$CREATE TEMP TABLE hostile_debug AS
	SELECT d.name, t.* FROM hostile_docs d, persner_debug(d.doc) WITH ORDINALITY t$$,
	'persner_debug returns on every hostile document');
SELECT lives_ok($$CREATE TEMP TABLE hostile_other AS
	SELECT d.name, persner_entities(d.doc) AS ents, persner_tag_json(d.doc) AS js,
	       persner_headline(d.doc) AS hl, persner_normalize(d.doc) AS norm
	FROM hostile_docs d$$,
	'persner_entities, persner_tag_json, persner_headline and persner_normalize return on every hostile document');
SELECT lives_ok($$SELECT count(*) FROM hostile_docs d, persner_tag('peyma', d.doc)$$,
	'the explicit-model form returns on every hostile document');

-- 5-8: positions: substr(doc, start_pos, end_pos - start_pos) = entity, in
-- text order (substr over a 1 MB document costs a detoast: the first 300
-- rows of each document and every 500th are checked)
CREATE TEMP TABLE hostile_len AS SELECT name, length(doc) AS len FROM hostile_docs;
SELECT is((SELECT count(*) FROM hostile_tag t JOIN hostile_docs d USING (name)
	WHERE (t.ordinality <= 300 OR t.ordinality % 500 = 0)
	  AND substr(d.doc, t.start_pos, t.end_pos - t.start_pos) IS DISTINCT FROM t.entity),
	0::bigint, 'every entity is the substring at its positions');
SELECT is((SELECT count(*) FROM (SELECT name, start_pos,
	lag(end_pos) OVER (PARTITION BY name ORDER BY ordinality) AS prev_end FROM hostile_tag) s
	WHERE start_pos < prev_end),
	0::bigint, 'entities come in text order and do not overlap');
SELECT is((SELECT count(*) FROM hostile_tag WHERE NOT (score >= 0 AND score <= 1.0001)),
	0::bigint, 'every score is a probability');
SELECT is((SELECT count(*) FROM hostile_debug t JOIN hostile_len l USING (name)
	WHERE t.start_pos < 1 OR t.end_pos <= t.start_pos OR t.end_pos > l.len + 1)
	+ (SELECT count(*) FROM hostile_tag t JOIN hostile_len l USING (name)
	WHERE t.start_pos < 1 OR t.end_pos <= t.start_pos OR t.end_pos > l.len + 1),
	0::bigint, 'every token and entity lies inside its document');

-- 9-16: NULL in, NULL out; nothing from nothing
SELECT is((SELECT count(*) FROM hostile_tag WHERE name = 'null'), 0::bigint, 'persner_tag(NULL) gives no rows');
SELECT is((SELECT count(*) FROM hostile_debug WHERE name = 'null'), 0::bigint, 'persner_debug(NULL) gives no rows');
SELECT ok((SELECT ents IS NULL AND js IS NULL AND hl IS NULL AND norm IS NULL FROM hostile_other WHERE name = 'null'),
	'the scalar functions give NULL for NULL');
SELECT ok(persner_entities('peyma', NULL) IS NULL AND persner_tag_json('peyma', NULL) IS NULL,
	'the explicit-model forms give NULL for NULL');
SELECT is((SELECT count(*) FROM hostile_tag
	WHERE name IN ('empty', 'one space', 'whitespace', 'zwnj and zwj only', 'newlines only', 'bidi marks only')),
	0::bigint, 'empty and blank documents give no entities');
SELECT is((SELECT count(*) FROM hostile_debug
	WHERE name IN ('empty', 'one space', 'whitespace', 'zwnj and zwj only', 'newlines only', 'bidi marks only')),
	0::bigint, 'empty and blank documents give no tokens');
SELECT ok((SELECT bool_and(cardinality(ents) = 0 AND js = '[]'::jsonb) FROM hostile_other
	WHERE name IN ('empty', 'one space', 'whitespace', 'zwnj and zwj only', 'newlines only', 'bidi marks only')),
	'empty and blank documents give {} and []');
SELECT ok((SELECT bool_and(hl = d.doc) FROM hostile_other o JOIN hostile_docs d USING (name)
	WHERE name IN ('empty', 'one space', 'whitespace')),
	'the headline of a blank document is the document');

-- 17-22: the hard texts are tokenized as text, not lost
SELECT is((SELECT count(*) FROM hostile_debug WHERE name = '100000 one-word sentences'),
	200000::bigint, '100,000 one-word sentences give 200,000 tokens (word and full stop)');
SELECT is((SELECT count(*) FROM hostile_debug WHERE name = '100000 one-word lines'),
	100000::bigint, '100,000 one-word lines give 100,000 tokens');
SELECT is((SELECT sum(end_pos - start_pos) FROM hostile_debug WHERE name = '1 MB Persian token'),
	524288::bigint, 'a 1 MB Persian token is tokenized in pieces that cover it');
SELECT is((SELECT sum(end_pos - start_pos) FROM hostile_debug WHERE name = '1 MB Latin token'),
	1048576::bigint, 'a 1 MB Latin token is tokenized in pieces that cover it');
SELECT is((SELECT sum(end_pos - start_pos) FROM hostile_debug WHERE name = '1 MB emoji token'),
	262144::bigint, 'a 1 MB token of emoji is tokenized in pieces that cover it');
SELECT ok((SELECT count(*) FROM hostile_debug WHERE name = 'latin arabic urdu persian') >= 60,
	'mixed Latin, Arabic, Urdu and Persian text is tokenized');

-- 23-25: the same document gives the same answer in every form
SELECT is((SELECT count(*) FROM hostile_docs d
	WHERE d.doc IS NOT NULL
	  AND (SELECT count(*) FROM persner_tag(d.doc)) <> jsonb_array_length(persner_tag_json(d.doc))),
	0::bigint, 'persner_tag and persner_tag_json agree on every document');
SELECT is((SELECT count(*) FROM hostile_docs d
	WHERE d.doc IS NOT NULL
	  AND persner_entities(d.doc) IS DISTINCT FROM persner_entities('peyma', d.doc)),
	0::bigint, 'both forms of persner_entities agree on every document');
SELECT is((SELECT count(*) FROM hostile_docs d
	WHERE d.doc IS NOT NULL
	  AND persner_normalize(persner_normalize(d.doc)) IS DISTINCT FROM persner_normalize(d.doc)),
	0::bigint, 'normalization is idempotent on every document');

-- 26-28: a document of 50 MB: statement_timeout stops it within a second
-- elapsed_ms(q) - run q; return how long it ran before it was cancelled (or NULL)
CREATE FUNCTION pg_temp.cancelled_after_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN query_canceled THEN
	RETURN extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000;
END
$f$;
CREATE TEMP TABLE hostile_timeout (fn text, ms float8);
SET statement_timeout = '1s';
INSERT INTO hostile_timeout SELECT 'persner_tag', pg_temp.cancelled_after_ms(
	$$SELECT count(*) FROM persner_tag(repeat(pg_temp.para(), 87000))$$);
SET statement_timeout = '1s';
INSERT INTO hostile_timeout SELECT 'persner_entities', pg_temp.cancelled_after_ms(
	$$SELECT cardinality(persner_entities(repeat(pg_temp.para(), 87000)))$$);
SET statement_timeout = '1s';
INSERT INTO hostile_timeout SELECT 'persner_tag_json', pg_temp.cancelled_after_ms(
	$$SELECT jsonb_array_length(persner_tag_json(repeat(pg_temp.para(), 87000)))$$);
RESET statement_timeout;
SELECT ok(ms IS NOT NULL AND ms < 2000,
	format('statement_timeout 1s stops %s on 50 MB within a second (stopped after %s ms)', fn, round(ms::numeric)))
FROM hostile_timeout ORDER BY fn;

-- 29-32: 10 MB runs of terminators and closers (issue 12: quadratic, 400,000
-- dots took a minute, and cancel came only between sentences): with
-- statement_timeout 1s each statement ends, finished or cancelled, within 2 s
CREATE FUNCTION pg_temp.ended_after_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $f$
BEGIN
	BEGIN
		EXECUTE q;
	EXCEPTION WHEN query_canceled THEN
		NULL;
	END;
	RETURN extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000;
END
$f$;
CREATE TEMP TABLE hostile_runs (run text, ms float8);
SET statement_timeout = '1s';
INSERT INTO hostile_runs SELECT '10 MB of dots', pg_temp.ended_after_ms(
	$$SELECT count(*) FROM persner_tag('peyma', repeat('.', 10000000))$$);
SET statement_timeout = '1s';
INSERT INTO hostile_runs SELECT '10 MB of exclamation marks', pg_temp.ended_after_ms(
	$$SELECT count(*) FROM persner_debug('peyma', repeat('!', 10000000))$$);
SET statement_timeout = '1s';
INSERT INTO hostile_runs SELECT '10 MB of ".)"', pg_temp.ended_after_ms(
	$$SELECT count(*) FROM persner_tag('peyma', repeat('.)', 5000000))$$);
SET statement_timeout = '1s';
INSERT INTO hostile_runs SELECT '10 MB of terminators and closers', pg_temp.ended_after_ms(
	$$SELECT cardinality(persner_entities('peyma', repeat('.!?؟…»)"', 800000)))$$);
RESET statement_timeout;
SELECT ok(ms < 2000, format('with statement_timeout 1s, %s ends within 2 s (after %s ms)', run, round(ms::numeric)))
FROM hostile_runs ORDER BY run;

-- 33-42: a document of 50 MB in a second session: memory stays bounded
-- while it is tagged, pg_cancel_backend stops it within a second
CREATE TEMP TABLE hostile_mem (t float8, rss_anon_kb bigint, hwm_kb bigint);
CREATE FUNCTION pg_temp.proc_kb(pid int, field text) RETURNS bigint LANGUAGE sql AS $f$
SELECT (regexp_match(pg_read_file('/proc/' || pid || '/status'), field || ':\s+(\d+) kB'))[1]::bigint
$f$;
CREATE TEMP TABLE hostile_conn AS
SELECT format('host=%s port=%s dbname=%s user=%s application_name=persner_hostile',
			  split_part(current_setting('unix_socket_directories'), ',', 1),
			  current_setting('port'), current_database(), current_user) AS conn;
SELECT dblink_connect('hostile', (SELECT conn FROM hostile_conn));
CREATE TEMP TABLE hostile_remote AS
SELECT * FROM dblink('hostile', 'SELECT pg_backend_pid(), pg_postmaster_start_time()') AS r(pid int, started timestamptz);
-- warm up: the model is mapped and the tagger's buffers grown
SELECT * FROM dblink('hostile', $$SELECT count(*) FROM persner_tag('peyma', 'سازمان ملل در تهران')$$) AS r(n bigint);
INSERT INTO hostile_mem SELECT 0, pg_temp.proc_kb(pid, 'RssAnon'), pg_temp.proc_kb(pid, 'VmHWM') FROM hostile_remote;
-- the whole 50 MB through persner_entities, memory sampled every 0.25 s
SELECT dblink_send_query('hostile',
	format($$SELECT cardinality(persner_entities('peyma', repeat(%L, 87000)))$$, pg_temp.para()));
CREATE FUNCTION pg_temp.sample_memory(seconds float8) RETURNS float8 LANGUAGE plpgsql AS $f$
DECLARE
	t0 timestamptz := clock_timestamp();
	p int := (SELECT pid FROM hostile_remote);
BEGIN
	WHILE extract(epoch FROM clock_timestamp() - t0) < seconds AND dblink_is_busy('hostile') = 1 LOOP
		PERFORM pg_sleep(0.25);
		INSERT INTO hostile_mem SELECT extract(epoch FROM clock_timestamp() - t0),
			pg_temp.proc_kb(p, 'RssAnon'), pg_temp.proc_kb(p, 'VmHWM');
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - t0);
END
$f$;
CREATE TEMP TABLE hostile_full AS SELECT pg_temp.sample_memory(300) AS seconds;
CREATE TEMP TABLE hostile_full_result AS SELECT * FROM dblink_get_result('hostile') AS r(n int);
SELECT count(*) FROM dblink_get_result('hostile') AS r(n int);	-- the end of the results
SELECT ok((SELECT n FROM hostile_full_result) > 0,
	format('persner_entities finishes a 50 MB document (%s distinct entities in %s s)',
		   (SELECT n FROM hostile_full_result), (SELECT round(seconds::numeric, 1) FROM hostile_full)));
SELECT cmp_ok((SELECT max(rss_anon_kb) FROM hostile_mem), '<', 400 * 1024::bigint,
	format('private memory of the backend tagging 50 MB stays under 400 MB (peak RssAnon %s MB, before %s MB)',
		   (SELECT max(rss_anon_kb) / 1024 FROM hostile_mem), (SELECT rss_anon_kb / 1024 FROM hostile_mem WHERE t = 0)));
SELECT cmp_ok((SELECT max(rss_anon_kb) FROM hostile_mem WHERE t >= (SELECT seconds / 2 FROM hostile_full))
	          - (SELECT max(rss_anon_kb) FROM hostile_mem WHERE t > 0 AND t < (SELECT seconds / 4 FROM hostile_full)),
	'<', 32 * 1024::bigint,
	format('memory is flat while the 50 MB document is tagged (RssAnon MB by time: %s)',
		   (SELECT string_agg(format('%ss %s', round(t::numeric, 1), rss_anon_kb / 1024), ', ' ORDER BY t)
		    FROM hostile_mem WHERE t = 0 OR (t * 4)::int % 8 = 0)));
-- again through persner_tag; cancelled after a second
SELECT dblink_send_query('hostile',
	format($$SELECT count(*) FROM persner_tag('peyma', repeat(%L, 87000))$$, pg_temp.para()));
SELECT pg_sleep(1);
SELECT is(dblink_is_busy('hostile'), 1, 'persner_tag on the 50 MB document is still running after a second');
CREATE TEMP TABLE hostile_cancel AS SELECT clock_timestamp() AS t0, pg_cancel_backend(pid) AS sent FROM hostile_remote;
CREATE FUNCTION pg_temp.wait_idle(seconds float8) RETURNS float8 LANGUAGE plpgsql AS $f$
DECLARE
	t0 timestamptz := (SELECT t0 FROM hostile_cancel);
BEGIN
	WHILE dblink_is_busy('hostile') = 1 AND extract(epoch FROM clock_timestamp() - t0) < seconds LOOP
		PERFORM pg_sleep(0.01);
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$f$;
CREATE TEMP TABLE hostile_waited AS SELECT pg_temp.wait_idle(10) AS ms;
SELECT ok((SELECT sent FROM hostile_cancel), 'pg_cancel_backend reached the backend');
SELECT cmp_ok((SELECT ms FROM hostile_waited), '<', 1000::float8,
	format('pg_cancel_backend stops persner_tag on 50 MB within a second (%s ms)',
		   (SELECT round(ms::numeric) FROM hostile_waited)));
SELECT is((SELECT count(*) FROM dblink_get_result('hostile', false) AS r(n int)), 0::bigint,
	'the cancelled query returned no row');
SELECT count(*) FROM dblink_get_result('hostile', false) AS r(n int);
SELECT matches(dblink_error_message('hostile'), 'canceling statement due to user request',
	'the cancelled query failed with the cancel error');
SELECT is((SELECT n FROM dblink('hostile', $$SELECT count(*) FROM persner_tag('peyma', 'سازمان ملل در تهران')$$) AS r(n bigint)) >= 0,
	true, 'the cancelled session tags again');
SELECT is((SELECT pid FROM dblink('hostile', 'SELECT pg_backend_pid()') AS r(pid int)),
	(SELECT pid FROM hostile_remote), 'the cancelled session is the same backend');
SELECT dblink_disconnect('hostile');

-- 43-47: nothing crashed
SELECT is(pg_postmaster_start_time(), (SELECT started FROM hostile_start), 'the postmaster start time is unchanged');
SELECT is(pg_backend_pid(), (SELECT pid FROM hostile_start), 'this session survived');
SELECT is((SELECT started FROM hostile_remote), (SELECT started FROM hostile_start), 'the second session saw the same postmaster');
SELECT is((SELECT count(*) FROM persner_tag('سازمان ملل در تهران')) >= 0, true, 'tagging still works');
SELECT is((SELECT s FROM dblink((SELECT conn FROM hostile_conn), 'SELECT pg_postmaster_start_time()') AS r(s timestamptz)),
	(SELECT started FROM hostile_start), 'a new session sees the same postmaster');

SELECT * FROM finish();
ROLLBACK;
