/* persner--0.1.0--0.2.0.sql - upgrade script: 0.1.0 to 0.2.0 */

-- complain if the script is sourced in psql rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION persner UPDATE TO '0.2.0'" to load this file. \quit

-- Release policy: every release ships an upgrade script from the one before,
-- and CREATE EXTENSION of a new version runs persner--0.1.0.sql followed by
-- the chain of upgrade scripts, as PostgreSQL's contrib modules do.  New
-- objects of 0.2.0 are created here and nowhere else.
