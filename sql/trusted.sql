--
-- trusted: a database owner who is not a superuser creates, uses and drops
-- persner, and still cannot change persner.model_dir
--
-- Its own database, owned by an ordinary role.
--
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS persner_trusted;
DROP ROLE IF EXISTS regress_persner_owner;
DROP ROLE IF EXISTS regress_persner_other;
RESET client_min_messages;
CREATE ROLE regress_persner_owner NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE regress_persner_other NOSUPERUSER;
CREATE DATABASE persner_trusted OWNER regress_persner_owner
	TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
SELECT name, version, trusted, superuser FROM pg_available_extension_versions
WHERE name = 'persner' ORDER BY version;

\c persner_trusted
SET ROLE regress_persner_other;
-- a role without CREATE on the database cannot install it
CREATE EXTENSION persner;
SET ROLE regress_persner_owner;
-- persner.model_dir before the library is loaded: a placeholder the owner
-- may set, which the library refuses when it loads (PostgreSQL 15 records
-- who set a placeholder)
SET persner.model_dir = '/etc';
CREATE EXTENSION persner;
SELECT current_setting('persner.model_dir') <> '/etc' AS model_dir_kept;
SELECT extname, extversion, extowner::regrole FROM pg_extension WHERE extname = 'persner';

-- use it: tagging, the entity type, a generated column with a GIN index,
-- the text search configuration, the model listing and version
CREATE TABLE notes (
	id int PRIMARY KEY,
	body text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
INSERT INTO notes VALUES (1, 'رئیس کل بانک مرکزی روز دوشنبه در تهران گفت نرخ تورم ۴۰ درصد است.');
CREATE INDEX ON notes USING gin (entities);
SELECT label, entity FROM persner_tag('peyma', (SELECT body FROM notes)) ORDER BY start_pos;
SELECT id FROM notes WHERE entities @> ARRAY['ORG:بانك مركزي'];
SELECT id FROM notes WHERE to_tsvector('persian', body) @@ phraseto_tsquery('persian', 'بانك مركزي');
SELECT name, persner_model_version(name) = checksum AS version FROM persner_models() WHERE name = 'peyma';
SET persner.model = 'peyma';
SELECT persner_entities('سازمان ملل متحد در نیویورک نشست گذاشت.');

-- the model directory stays the superuser's, however the owner asks
\set VERBOSITY terse
SET persner.model_dir = '/etc';
BEGIN;
SET LOCAL persner.model_dir = '/etc';
ROLLBACK;
SELECT set_config('persner.model_dir', '/etc', false);
ALTER DATABASE persner_trusted SET persner.model_dir = '/etc';
ALTER ROLE regress_persner_owner SET persner.model_dir = '/etc';
ALTER SYSTEM SET persner.model_dir = '/etc';
-- and a model name cannot leave it
SELECT persner_entities('../../../../etc/passwd', 'تهران');
SELECT persner_model_version('..');
\set VERBOSITY default
SELECT current_setting('persner.model_dir') <> '/etc' AS model_dir_kept;

-- the owner drops it again (the table's column depends on it)
DROP EXTENSION persner;
DROP EXTENSION persner CASCADE;
SELECT count(*) AS left_behind FROM pg_extension WHERE extname = 'persner';
RESET ROLE;

\c :regress_db
DROP DATABASE persner_trusted WITH (FORCE);
DROP ROLE regress_persner_owner;
DROP ROLE regress_persner_other;
