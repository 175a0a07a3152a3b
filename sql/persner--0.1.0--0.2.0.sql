/* persner--0.1.0--0.2.0.sql - upgrade script: 0.1.0 to 0.2.0 */

-- complain if the script is sourced in psql rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION persner UPDATE TO '0.2.0'" to load this file. \quit

-- Release policy: every release ships an upgrade script from the one before,
-- and CREATE EXTENSION of a new version runs persner--0.1.0.sql followed by
-- the chain of upgrade scripts, as PostgreSQL's contrib modules do.  New
-- objects of 0.2.0 are created here and nowhere else.

-- ---------------------------------------------------------------------
-- Spellings users type: entity[] against text[], entity against text.
--
-- ARRAY['ORG:...'] is a text[], and the built-in array operators
-- (anyarray @> anyarray) need both sides of one type, so
-- entities @> ARRAY['ORG:...'] found no operator.  These operators take
-- the text side, read it as entities (same input function, same errors)
-- and apply the built-in operator.  Their functions are SQL-standard
-- bodies (RETURN ...): parsed once at creation, names qualified (the
-- install may run as a trusted extension), so they do not depend on
-- search_path, and inlined by the planner, so
--   entities @> ARRAY['ORG:...']
-- becomes entities @> '{"ORG:..."}'::entity[] and uses a GIN index.
--
-- Only entity[] on the left, never text[] on the left: a text[] OP entity[]
-- operator would capture ARRAY['a'] @> '{a}' (text[] against an untyped
-- literal prefers an operator whose left type matches exactly over the
-- polymorphic one) and break plain text arrays everywhere in the database.
-- An untyped literal on the right (entities @> '{...}') now resolves to
-- these operators and gives the same result as before.  Write
-- ARRAY['ORG:...'] <@ entities as entities @> ARRAY['ORG:...'].
--
-- For a single entity, text = entity and entity = text: a text value, column
-- or parameter compared with an entity (text_col = ANY(entities)).  An
-- untyped literal still picks entity = entity, as before.
-- ---------------------------------------------------------------------

CREATE FUNCTION entity_array_contains(entity[], text[]) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(pg_catalog.@>) $2::@extschema@.entity[];
CREATE FUNCTION entity_array_contained(entity[], text[]) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(pg_catalog.<@) $2::@extschema@.entity[];
CREATE FUNCTION entity_array_overlap(entity[], text[]) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(pg_catalog.&&) $2::@extschema@.entity[];
CREATE FUNCTION entity_array_eq(entity[], text[]) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(pg_catalog.=) $2::@extschema@.entity[];
CREATE FUNCTION entity_array_ne(entity[], text[]) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(pg_catalog.<>) $2::@extschema@.entity[];

CREATE OPERATOR @> (
	LEFTARG = entity[], RIGHTARG = text[], FUNCTION = entity_array_contains,
	RESTRICT = arraycontsel, JOIN = arraycontjoinsel
);
CREATE OPERATOR <@ (
	LEFTARG = entity[], RIGHTARG = text[], FUNCTION = entity_array_contained,
	RESTRICT = arraycontsel, JOIN = arraycontjoinsel
);
CREATE OPERATOR && (
	LEFTARG = entity[], RIGHTARG = text[], FUNCTION = entity_array_overlap,
	RESTRICT = arraycontsel, JOIN = arraycontjoinsel
);
CREATE OPERATOR = (
	LEFTARG = entity[], RIGHTARG = text[], FUNCTION = entity_array_eq,
	NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR <> (
	LEFTARG = entity[], RIGHTARG = text[], FUNCTION = entity_array_ne,
	NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);

CREATE FUNCTION entity_eq_text(entity, text) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(@extschema@.=) $2::@extschema@.entity;
CREATE FUNCTION entity_ne_text(entity, text) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1 OPERATOR(@extschema@.<>) $2::@extschema@.entity;
CREATE FUNCTION text_eq_entity(text, entity) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1::@extschema@.entity OPERATOR(@extschema@.=) $2;
CREATE FUNCTION text_ne_entity(text, entity) RETURNS boolean
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN $1::@extschema@.entity OPERATOR(@extschema@.<>) $2;

CREATE OPERATOR = (
	LEFTARG = entity, RIGHTARG = text, FUNCTION = entity_eq_text,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR <> (
	LEFTARG = entity, RIGHTARG = text, FUNCTION = entity_ne_text,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR = (
	LEFTARG = text, RIGHTARG = entity, FUNCTION = text_eq_entity,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR <> (
	LEFTARG = text, RIGHTARG = entity, FUNCTION = text_ne_entity,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);

-- ---------------------------------------------------------------------
-- Model versions.  A model's version is its file's checksum, the text
-- persner_models() shows in its checksum column.  Store it beside the
-- entities (a column filled with persner_model_version('peyma')) to know
-- which model tagged a row; README "Model versions" has the recipes.
-- STABLE: replacing the model file changes it.
-- ---------------------------------------------------------------------

CREATE FUNCTION persner_model_version(model text) RETURNS text
	AS 'MODULE_PATHNAME', 'persner_model_version'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION persner_model_version() RETURNS text
	AS 'MODULE_PATHNAME', 'persner_model_version'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION persner_model_version(text) IS 'the version (file checksum, as in persner_models()) of the named model';
COMMENT ON FUNCTION persner_model_version() IS 'the version (file checksum, as in persner_models()) of the model persner.model names';

-- ---------------------------------------------------------------------
-- Persian full-text search: the text search template and dictionary
-- "persian" (persner's canonical form of each word: ي/ك folded, diacritics,
-- tatweel and presentation forms folded, digits unified, Latin lowercased,
-- a ZWNJ compound split into its words at consecutive positions) and the
-- configuration "persian": the default parser, this dictionary for words
-- and numbers, the simple dictionary for the rest (e-mail, URL, host, file).
-- No stop words (README, "Persian full-text search").
-- ---------------------------------------------------------------------

CREATE FUNCTION persian_dict_init(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'persian_dict_init'
	LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION persian_dict_lexize(internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'persian_dict_lexize'
	LANGUAGE C STRICT PARALLEL SAFE;

CREATE TEXT SEARCH TEMPLATE persian (
	INIT = persian_dict_init,
	LEXIZE = persian_dict_lexize
);
COMMENT ON TEXT SEARCH TEMPLATE persian IS 'persner''s Persian normalizer as a dictionary';

CREATE TEXT SEARCH DICTIONARY persian (TEMPLATE = @extschema@.persian);
COMMENT ON TEXT SEARCH DICTIONARY persian IS 'Persian words in persner''s canonical form (the form of entity names)';

CREATE TEXT SEARCH CONFIGURATION persian (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION persian
	ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword,
		hword_asciipart, hword_part, hword_numpart, int, uint, float, sfloat
	WITH @extschema@.persian;
COMMENT ON TEXT SEARCH CONFIGURATION persian IS 'Persian: persner''s normalizer on every word and number; no stop words';

-- ---------------------------------------------------------------------
-- persner_values: the entities with the days, amounts and times they name
-- (src/pg/values.c, src/core/values.c).  DAT -> dates, a daterange [first
-- day, day after the last); MON -> amount in units of the currency and
-- its ISO 4217 code (toman as IRR); PCT -> amount, unit '%'; TIM ->
-- time_of_day (and dates when it names a day).  Relative dates count
-- from anchor; without one they are NULL.
-- ---------------------------------------------------------------------

CREATE FUNCTION persner_values(model text, doc text)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text,
				  dates daterange, amount numeric, unit text, time_of_day time)
	AS 'MODULE_PATHNAME', 'persner_values'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
CREATE FUNCTION persner_values(model text, doc text, anchor date)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text,
				  dates daterange, amount numeric, unit text, time_of_day time)
	AS 'MODULE_PATHNAME', 'persner_values'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
CREATE FUNCTION persner_values(doc text)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text,
				  dates daterange, amount numeric, unit text, time_of_day time)
	AS 'MODULE_PATHNAME', 'persner_values'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
CREATE FUNCTION persner_values(doc text, anchor date)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text,
				  dates daterange, amount numeric, unit text, time_of_day time)
	AS 'MODULE_PATHNAME', 'persner_values'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
COMMENT ON FUNCTION persner_values(text, text) IS 'entities of doc with the dates, amounts and times they name, tagged with the named model';
COMMENT ON FUNCTION persner_values(text, text, date) IS 'entities of doc with the dates, amounts and times they name, relative dates counted from anchor, tagged with the named model';
COMMENT ON FUNCTION persner_values(text) IS 'entities of doc with the dates, amounts and times they name, tagged with persner.model';
COMMENT ON FUNCTION persner_values(text, date) IS 'entities of doc with the dates, amounts and times they name, relative dates counted from anchor, tagged with persner.model';

-- ---------------------------------------------------------------------
-- persner_entity_keys: persner_entities' keys plus the organizations and
-- places named inside a longer name or a coordination (src/pg/keys.c), for
-- a GIN-indexed entity[] column that @> finds by an inner name too.
-- ---------------------------------------------------------------------

CREATE FUNCTION persner_entity_keys(model text, doc text) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entity_keys'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 2000;
CREATE FUNCTION persner_entity_keys(doc text) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entity_keys'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 2000;
COMMENT ON FUNCTION persner_entity_keys(text, text) IS 'distinct canonical entities of doc and the ORG and LOC names inside them, sorted, tagged with the named model';
COMMENT ON FUNCTION persner_entity_keys(text) IS 'distinct canonical entities of doc and the ORG and LOC names inside them, sorted, tagged with persner.model';

-- ---------------------------------------------------------------------
-- A confidence threshold: persner_tag and persner_entities leave out the
-- entities whose score (the mean marginal of their tags) is below
-- min_score.  Pass a number (0.9), not a quoted string: '0.9' in second
-- place reads as (model, doc).
-- ---------------------------------------------------------------------

CREATE FUNCTION persner_tag(model text, doc text, min_score real)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text, score real)
	AS 'MODULE_PATHNAME', 'persner_tag'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
CREATE FUNCTION persner_tag(doc text, min_score real)
	RETURNS TABLE(start_pos int, end_pos int, label text, entity text, score real)
	AS 'MODULE_PATHNAME', 'persner_tag'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 10;
COMMENT ON FUNCTION persner_tag(text, text, real) IS 'named entities of doc scoring at least min_score, in text order, tagged with the named model';
COMMENT ON FUNCTION persner_tag(text, real) IS 'named entities of doc scoring at least min_score, in text order, tagged with persner.model';

CREATE FUNCTION persner_entities(model text, doc text, min_score real) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entities'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;
CREATE FUNCTION persner_entities(doc text, min_score real) RETURNS entity[]
	AS 'MODULE_PATHNAME', 'persner_entities'
	LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION persner_entities(text, text, real) IS 'distinct canonical entities of doc scoring at least min_score, sorted, tagged with the named model';
COMMENT ON FUNCTION persner_entities(text, real) IS 'distinct canonical entities of doc scoring at least min_score, sorted, tagged with persner.model';

-- ---------------------------------------------------------------------
-- persner_models() also says, for a dictionary model (persner dict), which
-- base model it was compiled from (its name and checksum, as that model's
-- own row shows them) and how many names its dictionary holds (tagged and
-- never tagged); NULL for other models.  A function's result columns
-- cannot change in place, so it is dropped and made again: nothing in the
-- extension depends on it (a user's view over it would stop the update,
-- with PostgreSQL's message naming the view).
-- ---------------------------------------------------------------------

DROP FUNCTION persner_models();
CREATE FUNCTION persner_models()
	RETURNS TABLE(name text, labels text[], size bigint, checksum text,
				  loaded boolean, corpus text, dev_f1 real,
				  base_model text, base_checksum text, dict_entries integer)
	AS 'MODULE_PATHNAME', 'persner_models'
	LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED ROWS 4;
COMMENT ON FUNCTION persner_models() IS 'the models in persner.model_dir: labels, size, checksum, loaded in this backend, training corpus, dev F1; for a dictionary model its base model, the base''s checksum and the number of names';

-- the entity type accepts the labels of labels.h: fa10 adds FAC, PRO and EVE
COMMENT ON FUNCTION entity_label(entity) IS 'the label of an entity: PER, LOC, ORG, DAT, TIM, MON, PCT, FAC, PRO or EVE';
