--
-- fdw: postgres_fdw ships persner's functions, operators and entity[] to a
-- remote server listed with extensions 'persner' (here: a loopback server)
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
RESET client_min_messages;

DO $d$
BEGIN
	EXECUTE format($$CREATE SERVER persner_loopback FOREIGN DATA WRAPPER postgres_fdw
	                 OPTIONS (host %L, port %L, dbname %L, extensions 'persner')$$,
	               split_part(current_setting('unix_socket_directories'), ',', 1),
	               current_setting('port'), current_database());
	-- name the role: libpq would otherwise log in as the OS user
	EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER persner_loopback OPTIONS (user %L)',
	               current_user);
END
$d$;

CREATE TABLE fdw_articles (id int, body text,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED);
INSERT INTO fdw_articles (id, body) VALUES
 (1, 'به گزارش خبرگزاری ایرنا، دبیرکل سازمان ملل متحد امروز وارد تهران شد.'),
 (2, 'علی رضایی، رئیس شهرداری تهران، روز دوشنبه ۱۲ مهر گفت قیمت بلیت ۵۰ درصد افزایش می‌یابد.'),
 (3, 'هیچ چیز خاصی اینجا نیست');
CREATE FOREIGN TABLE fdw_remote (id int, body text, entities entity[])
	SERVER persner_loopback OPTIONS (table_name 'fdw_articles');

-- the entity[] operator and the tagging functions run remotely
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM fdw_remote WHERE entities @> '{"ORG:شهرداری تهران"}';
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM fdw_remote WHERE entities && ARRAY['LOC:تهران'::entity];
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM fdw_remote WHERE persner_entities('peyma', body) @> '{"LOC:تهران"}';
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM fdw_remote WHERE 'LOC:تهران'::entity = ANY (entities);
-- and give the local answers
SELECT (SELECT array_agg(id ORDER BY id) FROM fdw_remote WHERE entities && ARRAY['LOC:تهران'::entity])
       IS NOT DISTINCT FROM
       (SELECT array_agg(id ORDER BY id) FROM fdw_articles WHERE entities && ARRAY['LOC:تهران'::entity]) AS same_rows;
SELECT (SELECT array_agg(id ORDER BY id) FROM fdw_remote WHERE persner_entities('peyma', body) = entities)
       = '{1,2,3}' AS remote_tagging_agrees;

DROP FOREIGN TABLE fdw_remote;
DROP TABLE fdw_articles;
DROP USER MAPPING FOR CURRENT_USER SERVER persner_loopback;
DROP SERVER persner_loopback;
