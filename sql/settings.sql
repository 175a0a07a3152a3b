--
-- settings: persner.model (any user) and persner.model_dir (superuser only)
--
LOAD 'persner';

SHOW persner.model;
SELECT current_setting('persner.model_dir') LIKE '%/persner' AS default_dir;
SELECT name, CASE WHEN name = 'persner.model_dir' THEN setting LIKE '%/persner' ELSE setting = 'peyma' END AS default_value,
       context, vartype
FROM pg_settings WHERE name LIKE 'persner.%' ORDER BY name;
SELECT name, setting FROM pg_settings WHERE name = 'persner.model';

-- persner.model names a model; the one-argument functions follow it
SET persner.model = 'peyma';
SELECT count(*) >= 0 AS works FROM persner_tag('تهران');
-- a model that does not exist is refused at SET (like default_text_search_config)
\set VERBOSITY terse
SET persner.model = 'no_such_model';
\set VERBOSITY default
SHOW persner.model;
SELECT count(*) >= 0 AS still_peyma FROM persner_tag('تهران');
-- the explicit-model forms do not depend on it
SELECT count(*) >= 0 AS works FROM persner_tag('peyma', 'تهران');
RESET persner.model;
SHOW persner.model;

-- names that could leave the directory are refused at SET (22023)
\set VERBOSITY terse
SET persner.model = '../peyma';
SET persner.model = 'a/b';
SET persner.model = '';
SET persner.model = '..';
\set VERBOSITY default
SET persner.model = '/etc/passwd';
SHOW persner.model;

-- the prefix is reserved: a misspelt setting is an error
\set VERBOSITY terse
SET persner.modle = 'peyma';
\set VERBOSITY default

-- persner.model_dir: superuser only (PGC_SUSET)
CREATE ROLE regress_persner_user;
GRANT CREATE ON SCHEMA public TO regress_persner_user;
SET ROLE regress_persner_user;
SET persner.model = 'peyma';
SHOW persner.model;
\set VERBOSITY terse
SET persner.model_dir = '/tmp';
\set VERBOSITY default
SELECT current_setting('persner.model_dir') LIKE '%/persner' AS unchanged;
-- an ordinary user can tag
SELECT count(*) >= 0 AS works FROM persner_tag('peyma', 'سازمان ملل متحد در تهران');
SELECT count(*) >= 0 AS works FROM persner_tag('سازمان ملل متحد در تهران');
RESET ROLE;
RESET persner.model;
-- a superuser can move it; a directory without the model gives 58P01
SET persner.model_dir = '/nonexistent/persner';
\set VERBOSITY terse
SELECT count(*) FROM persner_tag('peyma', 'تهران');
\set VERBOSITY default
RESET persner.model_dir;
SELECT count(*) >= 0 AS works_again FROM persner_tag('peyma', 'تهران');
REVOKE CREATE ON SCHEMA public FROM regress_persner_user;
DROP ROLE regress_persner_user;

-- ALTER ROLE/DATABASE ... SET and a function's SET clause check the name too
SELECT current_user AS regress_su \gset
CREATE ROLE regress_persner_setting LOGIN;
\set VERBOSITY terse
ALTER ROLE regress_persner_setting SET persner.model = 'no_such_model';
ALTER ROLE regress_persner_setting SET persner.model = '../peyma';
CREATE FUNCTION regress_persner_f() RETURNS int LANGUAGE sql SET persner.model = 'no_such_model' AS 'SELECT 1';
\set VERBOSITY default
ALTER ROLE regress_persner_setting SET persner.model = 'peyma';
SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
WHERE r.rolname = 'regress_persner_setting';

-- a value that reaches the session without the check (set before the
-- library was loaded, or stored while it was not loaded) is kept, and its
-- first use is an ERROR: never another model
\c -
SET persner.model = '../peyma';
\set VERBOSITY terse
SELECT count(*) FROM persner_tag('تهران');
\set VERBOSITY default
SHOW persner.model;
\c -
SET persner.model = 'no_such_model';
\set VERBOSITY terse
SELECT count(*) FROM persner_tag('تهران');
SELECT persner_entities('تهران');
\set VERBOSITY default
SHOW persner.model;
-- stored for a role while the library was not loaded in that session
\c -
ALTER ROLE regress_persner_setting SET persner.model = 'no_such_model';
\c - regress_persner_setting
SHOW persner.model;
\set VERBOSITY terse
SELECT count(*) FROM persner_tag('تهران');
\set VERBOSITY default
SELECT count(*) >= 0 AS explicit_works FROM persner_tag('peyma', 'تهران');
\c - :regress_su
DROP ROLE regress_persner_setting;
