--
-- encoding: CREATE EXTENSION refuses a database that is not UTF8
--
SELECT current_database() AS regress_db \gset
CREATE DATABASE persner_latin1 TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C';
\c persner_latin1
SELECT getdatabaseencoding();
CREATE EXTENSION persner;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'persner';
\c :regress_db
DROP DATABASE persner_latin1;
