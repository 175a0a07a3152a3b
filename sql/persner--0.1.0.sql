/* persner--0.1.0.sql - install script: the entity type and the persner functions */

-- complain if the script is sourced in psql rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION persner" to load this file. \quit

-- persner reads and writes UTF-8 only: refuse any other database encoding
-- before anything is created, with a message that says what to do.
DO $$
BEGIN
	IF pg_catalog.current_setting('server_encoding') <> 'UTF8' THEN
		RAISE EXCEPTION 'persner requires a UTF8 database'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = pg_catalog.format('Database "%s" has encoding %s.',
											 pg_catalog.current_database(),
											 pg_catalog.current_setting('server_encoding')),
				  HINT = 'Create the database with ENCODING ''UTF8'' (for example TEMPLATE template0 ENCODING ''UTF8'') and install persner there.';
	END IF;
END
$$;

/*
 * Conventions.  Every function is STRICT (NULL in, NULL out) and PARALLEL
 * SAFE, except persner_models() (see there).  A tagging function comes in
 * two forms, as to_tsvector does: with an explicit model name first it is
 * IMMUTABLE (usable in generated columns and expression indexes); without
 * one it reads the setting persner.model and is STABLE.  Nothing below is
 * written in SQL or PL/pgSQL: every function is C, so no body depends on
 * search_path (postgres_fdw runs remote sessions with search_path =
 * pg_catalog).
 */

-- ---------------------------------------------------------------------
-- The entity type: LABEL:name, canonical name, btree and hash opclasses
-- ---------------------------------------------------------------------

CREATE TYPE entity;

CREATE FUNCTION entity_in(cstring) RETURNS entity
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_out(entity) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_recv(internal) RETURNS entity
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_send(entity) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE entity (
	INPUT = entity_in,
	OUTPUT = entity_out,
	RECEIVE = entity_recv,
	SEND = entity_send,
	INTERNALLENGTH = VARIABLE,
	STORAGE = extended,
	CATEGORY = 'U'
);

COMMENT ON TYPE entity IS 'a named entity: LABEL:name, the name in canonical Persian form';

-- The array type PostgreSQL made for entity is not an extension member by
-- itself; postgres_fdw ships only members of the listed extensions, so
-- without this an entity[] expression would stay on the coordinator.
ALTER EXTENSION persner ADD TYPE entity[];

CREATE FUNCTION entity_label(entity) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION entity_label(entity) IS 'the label of an entity: PER, LOC, ORG, DAT, TIM, MON or PCT';

CREATE FUNCTION entity_name(entity) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION entity_name(entity) IS 'the canonical name of an entity';

CREATE FUNCTION entity(label text, name text) RETURNS entity
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION entity(text, text) IS 'an entity from a label and a name (the name is canonicalized)';

CREATE FUNCTION entity_cmp(entity, entity) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_eq(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_ne(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_lt(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_le(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_gt(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_ge(entity, entity) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_hash(entity) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION entity_hash_extended(entity, int8) RETURNS int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_lt,
	COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_le,
	COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_gt,
	COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = entity, RIGHTARG = entity, FUNCTION = entity_ge,
	COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- Order: label name, then canonical name bytewise.  With a default btree
-- opclass, entity[] gets GIN through the built-in array_ops (@> && <@).
CREATE OPERATOR CLASS entity_ops
	DEFAULT FOR TYPE entity USING btree AS
		OPERATOR 1 <,
		OPERATOR 2 <=,
		OPERATOR 3 =,
		OPERATOR 4 >=,
		OPERATOR 5 >,
		FUNCTION 1 entity_cmp(entity, entity),
		-- equal values have equal bytes: B-tree deduplication is safe
		FUNCTION 4 btequalimage(oid);

CREATE OPERATOR CLASS entity_hash_ops
	DEFAULT FOR TYPE entity USING hash AS
		OPERATOR 1 =,
		FUNCTION 1 entity_hash(entity),
		FUNCTION 2 entity_hash_extended(entity, int8);

-- ---------------------------------------------------------------------
-- Tagging.  Positions are 1-based character positions with an exclusive
-- end: substr(doc, start_pos, end_pos - start_pos) = entity, always.
-- COST is high on purpose: tagging costs far more than a text operator,
-- and the planner should know it (parallel query, avoiding re-evaluation).
-- ---------------------------------------------------------------------

CREATE FUNCTION persner_tag(model text, doc text)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text, score real)
	AS 'MODULE_PATHNAME', 'persner_tag'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
CREATE FUNCTION persner_tag(doc text)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text, score real)
	AS 'MODULE_PATHNAME', 'persner_tag'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
COMMENT ON FUNCTION persner_tag(text, text) IS 'named entities of doc, in text order, tagged with the named model';
COMMENT ON FUNCTION persner_tag(text) IS 'named entities of doc, in text order, tagged with persner.model';

CREATE FUNCTION persner_entities(model text, doc text) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entities'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
CREATE FUNCTION persner_entities(doc text) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entities'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION persner_entities(text, text) IS 'distinct canonical entities of doc, sorted, tagged with the named model';
COMMENT ON FUNCTION persner_entities(text) IS 'distinct canonical entities of doc, sorted, tagged with persner.model';

-- Hugging Face token-classification pipeline shape (aggregation "simple"):
-- [{"entity_group", "word", "start", "end", "score"}], start 0-based, end exclusive.
CREATE FUNCTION persner_tag_json(model text, doc text) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'persner_tag_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
CREATE FUNCTION persner_tag_json(doc text) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'persner_tag_json'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION persner_tag_json(text, text) IS 'entities of doc as jsonb in the Hugging Face pipeline shape (0-based start), named model';
COMMENT ON FUNCTION persner_tag_json(text) IS 'entities of doc as jsonb in the Hugging Face pipeline shape (0-based start), persner.model';

/*
 * persner_headline: why three signatures and not ts_headline's four.
 *
 * ts_headline has (doc, query [, options]) and (config, doc, query
 * [, options]); its arguments differ in type, so every combination is
 * unambiguous.  Here the model name, the document and the options are all
 * text, so (model, doc) and (doc, options) would be the same signature and
 * PostgreSQL could not tell them apart.  So:
 *
 *   persner_headline(doc)                  STABLE, persner.model, default markup
 *   persner_headline(model, doc)           IMMUTABLE, default markup
 *   persner_headline(model, doc, options)  IMMUTABLE
 *
 * Options with the setting's model: persner_headline(current_setting(
 * 'persner.model'), doc, options).
 *
 * options, ts_headline style:  'StartSel=<b>, StopSel=</b>, Labels=PER|ORG'
 *   StartSel, StopSel   markup before and after each entity; %L is replaced
 *                       by the entity's label, %% by %.
 *                       Default StartSel=[ and StopSel=/%L], which gives
 *                       "[شهرداری قم/ORG]" (the word/TAG convention).
 *   Labels              which labels to mark, separated by | (default all).
 * A value in double quotes may hold commas and spaces ("a, b", \" for ").
 */
CREATE FUNCTION persner_headline(doc text) RETURNS text
	AS 'MODULE_PATHNAME', 'persner_headline'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
CREATE FUNCTION persner_headline(model text, doc text) RETURNS text
	AS 'MODULE_PATHNAME', 'persner_headline'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
CREATE FUNCTION persner_headline(model text, doc text, options text) RETURNS text
	AS 'MODULE_PATHNAME', 'persner_headline'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION persner_headline(text) IS 'doc with each entity marked up as [name/LABEL], persner.model';
COMMENT ON FUNCTION persner_headline(text, text) IS 'doc with each entity marked up as [name/LABEL], named model';
COMMENT ON FUNCTION persner_headline(text, text, text) IS 'doc with entities marked up; options StartSel, StopSel (%L = label), Labels=PER|ORG';

CREATE FUNCTION persner_debug(model text, doc text)
	RETURNS TABLE(start_pos int, end_pos int, token text, normalized text, tag text, score real)
	AS 'MODULE_PATHNAME', 'persner_debug'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 50;
CREATE FUNCTION persner_debug(doc text)
	RETURNS TABLE(start_pos int, end_pos int, token text, normalized text, tag text, score real)
	AS 'MODULE_PATHNAME', 'persner_debug'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 50;
COMMENT ON FUNCTION persner_debug(text, text) IS 'one row per token of doc: original and normalized text, BIO tag, marginal; named model';
COMMENT ON FUNCTION persner_debug(text) IS 'one row per token of doc: original and normalized text, BIO tag, marginal; persner.model';

-- The C symbol differs from the SQL name: persner_normalize is the core's.
CREATE FUNCTION persner_normalize(text) RETURNS text
	AS 'MODULE_PATHNAME', 'persner_normalize_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION persner_normalize(text) IS 'the Persian normalization the model sees (ي/ك folded, diacritics, tatweel and bidi marks dropped, digits unified)';

/*
 * persner_models(): one row per <name>.model file in persner.model_dir,
 * sorted by name.  labels in the model's order; checksum the model's own
 * 64-bit checksum in hex; loaded whether this backend has it mapped;
 * corpus and dev_f1 from the model's metadata (dev_f1: entity-level F1 on
 * the dev split, in percent, as the trainer wrote it).  A file that cannot be opened still gets a row (name,
 * size; NULL labels, checksum, corpus, dev_f1) and a WARNING saying what
 * is wrong with it.  VOLATILE: it reads the file system.  PARALLEL
 * RESTRICTED: "loaded" describes the calling backend's cache, which a
 * parallel worker does not share.
 */
CREATE FUNCTION persner_models()
	RETURNS TABLE(name text, labels text[], size bigint, checksum text,
				  loaded boolean, corpus text, dev_f1 real)
	AS 'MODULE_PATHNAME', 'persner_models'
	LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED ROWS 4;
COMMENT ON FUNCTION persner_models() IS 'the models in persner.model_dir: labels, size, checksum, loaded in this backend, training corpus, dev F1';
