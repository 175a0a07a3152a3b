-- signatures.sql - every persner function: signature, result, volatility, PARALLEL SAFE, STRICT
BEGIN;
SET client_min_messages = warning;
SELECT plan(172);

SELECT has_function('persner_tag', ARRAY['text', 'text'], 'function persner_tag(text, text) exists');
SELECT function_returns('persner_tag', ARRAY['text', 'text'], 'setof record', 'persner_tag(text, text) returns setof record');
SELECT volatility_is('persner_tag', ARRAY['text', 'text'], 'immutable', 'persner_tag(text, text) is IMMUTABLE');
SELECT is_strict('persner_tag', ARRAY['text', 'text'], 'persner_tag(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_tag(text, text)'::regprocedure)::text, 's', 'persner_tag(text, text) is PARALLEL SAFE');
SELECT has_function('persner_tag', ARRAY['text'], 'function persner_tag(text) exists');
SELECT function_returns('persner_tag', ARRAY['text'], 'setof record', 'persner_tag(text) returns setof record');
SELECT volatility_is('persner_tag', ARRAY['text'], 'stable', 'persner_tag(text) is STABLE');
SELECT is_strict('persner_tag', ARRAY['text'], 'persner_tag(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_tag(text)'::regprocedure)::text, 's', 'persner_tag(text) is PARALLEL SAFE');
SELECT has_function('persner_entities', ARRAY['text', 'text'], 'function persner_entities(text, text) exists');
SELECT function_returns('persner_entities', ARRAY['text', 'text'], 'entity[]', 'persner_entities(text, text) returns entity[]');
SELECT volatility_is('persner_entities', ARRAY['text', 'text'], 'immutable', 'persner_entities(text, text) is IMMUTABLE');
SELECT is_strict('persner_entities', ARRAY['text', 'text'], 'persner_entities(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_entities(text, text)'::regprocedure)::text, 's', 'persner_entities(text, text) is PARALLEL SAFE');
SELECT has_function('persner_entities', ARRAY['text'], 'function persner_entities(text) exists');
SELECT function_returns('persner_entities', ARRAY['text'], 'entity[]', 'persner_entities(text) returns entity[]');
SELECT volatility_is('persner_entities', ARRAY['text'], 'stable', 'persner_entities(text) is STABLE');
SELECT is_strict('persner_entities', ARRAY['text'], 'persner_entities(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_entities(text)'::regprocedure)::text, 's', 'persner_entities(text) is PARALLEL SAFE');
SELECT has_function('persner_tag_json', ARRAY['text', 'text'], 'function persner_tag_json(text, text) exists');
SELECT function_returns('persner_tag_json', ARRAY['text', 'text'], 'jsonb', 'persner_tag_json(text, text) returns jsonb');
SELECT volatility_is('persner_tag_json', ARRAY['text', 'text'], 'immutable', 'persner_tag_json(text, text) is IMMUTABLE');
SELECT is_strict('persner_tag_json', ARRAY['text', 'text'], 'persner_tag_json(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_tag_json(text, text)'::regprocedure)::text, 's', 'persner_tag_json(text, text) is PARALLEL SAFE');
SELECT has_function('persner_tag_json', ARRAY['text'], 'function persner_tag_json(text) exists');
SELECT function_returns('persner_tag_json', ARRAY['text'], 'jsonb', 'persner_tag_json(text) returns jsonb');
SELECT volatility_is('persner_tag_json', ARRAY['text'], 'stable', 'persner_tag_json(text) is STABLE');
SELECT is_strict('persner_tag_json', ARRAY['text'], 'persner_tag_json(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_tag_json(text)'::regprocedure)::text, 's', 'persner_tag_json(text) is PARALLEL SAFE');
SELECT has_function('persner_headline', ARRAY['text'], 'function persner_headline(text) exists');
SELECT function_returns('persner_headline', ARRAY['text'], 'text', 'persner_headline(text) returns text');
SELECT volatility_is('persner_headline', ARRAY['text'], 'stable', 'persner_headline(text) is STABLE');
SELECT is_strict('persner_headline', ARRAY['text'], 'persner_headline(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_headline(text)'::regprocedure)::text, 's', 'persner_headline(text) is PARALLEL SAFE');
SELECT has_function('persner_headline', ARRAY['text', 'text'], 'function persner_headline(text, text) exists');
SELECT function_returns('persner_headline', ARRAY['text', 'text'], 'text', 'persner_headline(text, text) returns text');
SELECT volatility_is('persner_headline', ARRAY['text', 'text'], 'immutable', 'persner_headline(text, text) is IMMUTABLE');
SELECT is_strict('persner_headline', ARRAY['text', 'text'], 'persner_headline(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_headline(text, text)'::regprocedure)::text, 's', 'persner_headline(text, text) is PARALLEL SAFE');
SELECT has_function('persner_headline', ARRAY['text', 'text', 'text'], 'function persner_headline(text, text, text) exists');
SELECT function_returns('persner_headline', ARRAY['text', 'text', 'text'], 'text', 'persner_headline(text, text, text) returns text');
SELECT volatility_is('persner_headline', ARRAY['text', 'text', 'text'], 'immutable', 'persner_headline(text, text, text) is IMMUTABLE');
SELECT is_strict('persner_headline', ARRAY['text', 'text', 'text'], 'persner_headline(text, text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_headline(text, text, text)'::regprocedure)::text, 's', 'persner_headline(text, text, text) is PARALLEL SAFE');
SELECT has_function('persner_debug', ARRAY['text', 'text'], 'function persner_debug(text, text) exists');
SELECT function_returns('persner_debug', ARRAY['text', 'text'], 'setof record', 'persner_debug(text, text) returns setof record');
SELECT volatility_is('persner_debug', ARRAY['text', 'text'], 'immutable', 'persner_debug(text, text) is IMMUTABLE');
SELECT is_strict('persner_debug', ARRAY['text', 'text'], 'persner_debug(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_debug(text, text)'::regprocedure)::text, 's', 'persner_debug(text, text) is PARALLEL SAFE');
SELECT has_function('persner_debug', ARRAY['text'], 'function persner_debug(text) exists');
SELECT function_returns('persner_debug', ARRAY['text'], 'setof record', 'persner_debug(text) returns setof record');
SELECT volatility_is('persner_debug', ARRAY['text'], 'stable', 'persner_debug(text) is STABLE');
SELECT is_strict('persner_debug', ARRAY['text'], 'persner_debug(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_debug(text)'::regprocedure)::text, 's', 'persner_debug(text) is PARALLEL SAFE');
SELECT has_function('persner_normalize', ARRAY['text'], 'function persner_normalize(text) exists');
SELECT function_returns('persner_normalize', ARRAY['text'], 'text', 'persner_normalize(text) returns text');
SELECT volatility_is('persner_normalize', ARRAY['text'], 'immutable', 'persner_normalize(text) is IMMUTABLE');
SELECT is_strict('persner_normalize', ARRAY['text'], 'persner_normalize(text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_normalize(text)'::regprocedure)::text, 's', 'persner_normalize(text) is PARALLEL SAFE');
SELECT has_function('entity_in', ARRAY['cstring'], 'function entity_in(cstring) exists');
SELECT function_returns('entity_in', ARRAY['cstring'], 'entity', 'entity_in(cstring) returns entity');
SELECT volatility_is('entity_in', ARRAY['cstring'], 'immutable', 'entity_in(cstring) is IMMUTABLE');
SELECT is_strict('entity_in', ARRAY['cstring'], 'entity_in(cstring) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_in(cstring)'::regprocedure)::text, 's', 'entity_in(cstring) is PARALLEL SAFE');
SELECT has_function('entity_out', ARRAY['entity'], 'function entity_out(entity) exists');
SELECT function_returns('entity_out', ARRAY['entity'], 'cstring', 'entity_out(entity) returns cstring');
SELECT volatility_is('entity_out', ARRAY['entity'], 'immutable', 'entity_out(entity) is IMMUTABLE');
SELECT is_strict('entity_out', ARRAY['entity'], 'entity_out(entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_out(entity)'::regprocedure)::text, 's', 'entity_out(entity) is PARALLEL SAFE');
SELECT has_function('entity_recv', ARRAY['internal'], 'function entity_recv(internal) exists');
SELECT function_returns('entity_recv', ARRAY['internal'], 'entity', 'entity_recv(internal) returns entity');
SELECT volatility_is('entity_recv', ARRAY['internal'], 'immutable', 'entity_recv(internal) is IMMUTABLE');
SELECT is_strict('entity_recv', ARRAY['internal'], 'entity_recv(internal) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_recv(internal)'::regprocedure)::text, 's', 'entity_recv(internal) is PARALLEL SAFE');
SELECT has_function('entity_send', ARRAY['entity'], 'function entity_send(entity) exists');
SELECT function_returns('entity_send', ARRAY['entity'], 'bytea', 'entity_send(entity) returns bytea');
SELECT volatility_is('entity_send', ARRAY['entity'], 'immutable', 'entity_send(entity) is IMMUTABLE');
SELECT is_strict('entity_send', ARRAY['entity'], 'entity_send(entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_send(entity)'::regprocedure)::text, 's', 'entity_send(entity) is PARALLEL SAFE');
SELECT has_function('entity_label', ARRAY['entity'], 'function entity_label(entity) exists');
SELECT function_returns('entity_label', ARRAY['entity'], 'text', 'entity_label(entity) returns text');
SELECT volatility_is('entity_label', ARRAY['entity'], 'immutable', 'entity_label(entity) is IMMUTABLE');
SELECT is_strict('entity_label', ARRAY['entity'], 'entity_label(entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_label(entity)'::regprocedure)::text, 's', 'entity_label(entity) is PARALLEL SAFE');
SELECT has_function('entity_name', ARRAY['entity'], 'function entity_name(entity) exists');
SELECT function_returns('entity_name', ARRAY['entity'], 'text', 'entity_name(entity) returns text');
SELECT volatility_is('entity_name', ARRAY['entity'], 'immutable', 'entity_name(entity) is IMMUTABLE');
SELECT is_strict('entity_name', ARRAY['entity'], 'entity_name(entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_name(entity)'::regprocedure)::text, 's', 'entity_name(entity) is PARALLEL SAFE');
SELECT has_function('entity', ARRAY['text', 'text'], 'function entity(text, text) exists');
SELECT function_returns('entity', ARRAY['text', 'text'], 'entity', 'entity(text, text) returns entity');
SELECT volatility_is('entity', ARRAY['text', 'text'], 'immutable', 'entity(text, text) is IMMUTABLE');
SELECT is_strict('entity', ARRAY['text', 'text'], 'entity(text, text) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity(text, text)'::regprocedure)::text, 's', 'entity(text, text) is PARALLEL SAFE');
SELECT has_function('entity_cmp', ARRAY['entity', 'entity'], 'function entity_cmp(entity, entity) exists');
SELECT function_returns('entity_cmp', ARRAY['entity', 'entity'], 'integer', 'entity_cmp(entity, entity) returns integer');
SELECT volatility_is('entity_cmp', ARRAY['entity', 'entity'], 'immutable', 'entity_cmp(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_cmp', ARRAY['entity', 'entity'], 'entity_cmp(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_cmp(entity, entity)'::regprocedure)::text, 's', 'entity_cmp(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_eq', ARRAY['entity', 'entity'], 'function entity_eq(entity, entity) exists');
SELECT function_returns('entity_eq', ARRAY['entity', 'entity'], 'boolean', 'entity_eq(entity, entity) returns boolean');
SELECT volatility_is('entity_eq', ARRAY['entity', 'entity'], 'immutable', 'entity_eq(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_eq', ARRAY['entity', 'entity'], 'entity_eq(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_eq(entity, entity)'::regprocedure)::text, 's', 'entity_eq(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_ne', ARRAY['entity', 'entity'], 'function entity_ne(entity, entity) exists');
SELECT function_returns('entity_ne', ARRAY['entity', 'entity'], 'boolean', 'entity_ne(entity, entity) returns boolean');
SELECT volatility_is('entity_ne', ARRAY['entity', 'entity'], 'immutable', 'entity_ne(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_ne', ARRAY['entity', 'entity'], 'entity_ne(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_ne(entity, entity)'::regprocedure)::text, 's', 'entity_ne(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_lt', ARRAY['entity', 'entity'], 'function entity_lt(entity, entity) exists');
SELECT function_returns('entity_lt', ARRAY['entity', 'entity'], 'boolean', 'entity_lt(entity, entity) returns boolean');
SELECT volatility_is('entity_lt', ARRAY['entity', 'entity'], 'immutable', 'entity_lt(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_lt', ARRAY['entity', 'entity'], 'entity_lt(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_lt(entity, entity)'::regprocedure)::text, 's', 'entity_lt(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_le', ARRAY['entity', 'entity'], 'function entity_le(entity, entity) exists');
SELECT function_returns('entity_le', ARRAY['entity', 'entity'], 'boolean', 'entity_le(entity, entity) returns boolean');
SELECT volatility_is('entity_le', ARRAY['entity', 'entity'], 'immutable', 'entity_le(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_le', ARRAY['entity', 'entity'], 'entity_le(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_le(entity, entity)'::regprocedure)::text, 's', 'entity_le(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_gt', ARRAY['entity', 'entity'], 'function entity_gt(entity, entity) exists');
SELECT function_returns('entity_gt', ARRAY['entity', 'entity'], 'boolean', 'entity_gt(entity, entity) returns boolean');
SELECT volatility_is('entity_gt', ARRAY['entity', 'entity'], 'immutable', 'entity_gt(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_gt', ARRAY['entity', 'entity'], 'entity_gt(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_gt(entity, entity)'::regprocedure)::text, 's', 'entity_gt(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_ge', ARRAY['entity', 'entity'], 'function entity_ge(entity, entity) exists');
SELECT function_returns('entity_ge', ARRAY['entity', 'entity'], 'boolean', 'entity_ge(entity, entity) returns boolean');
SELECT volatility_is('entity_ge', ARRAY['entity', 'entity'], 'immutable', 'entity_ge(entity, entity) is IMMUTABLE');
SELECT is_strict('entity_ge', ARRAY['entity', 'entity'], 'entity_ge(entity, entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_ge(entity, entity)'::regprocedure)::text, 's', 'entity_ge(entity, entity) is PARALLEL SAFE');
SELECT has_function('entity_hash', ARRAY['entity'], 'function entity_hash(entity) exists');
SELECT function_returns('entity_hash', ARRAY['entity'], 'integer', 'entity_hash(entity) returns integer');
SELECT volatility_is('entity_hash', ARRAY['entity'], 'immutable', 'entity_hash(entity) is IMMUTABLE');
SELECT is_strict('entity_hash', ARRAY['entity'], 'entity_hash(entity) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_hash(entity)'::regprocedure)::text, 's', 'entity_hash(entity) is PARALLEL SAFE');
SELECT has_function('entity_hash_extended', ARRAY['entity', 'bigint'], 'function entity_hash_extended(entity, bigint) exists');
SELECT function_returns('entity_hash_extended', ARRAY['entity', 'bigint'], 'bigint', 'entity_hash_extended(entity, bigint) returns bigint');
SELECT volatility_is('entity_hash_extended', ARRAY['entity', 'bigint'], 'immutable', 'entity_hash_extended(entity, bigint) is IMMUTABLE');
SELECT is_strict('entity_hash_extended', ARRAY['entity', 'bigint'], 'entity_hash_extended(entity, bigint) is STRICT');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'entity_hash_extended(entity, int8)'::regprocedure)::text, 's', 'entity_hash_extended(entity, bigint) is PARALLEL SAFE');
SELECT has_function('persner_models', ARRAY[]::text[], 'function persner_models() exists');
SELECT function_returns('persner_models', ARRAY[]::text[], 'setof record', 'persner_models() returns setof record');
SELECT volatility_is('persner_models', ARRAY[]::text[], 'volatile', 'persner_models() is VOLATILE (reads the file system)');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'persner_models()'::regprocedure)::text, 'r', 'persner_models() is PARALLEL RESTRICTED (loaded is per backend)');
SELECT is(
	(SELECT array_agg(n ORDER BY o)::text FROM pg_proc p, unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS a(n, m, o)
	 WHERE p.oid = 'persner_tag(text,text)'::regprocedure AND m = 't'),
	'{start_pos,end_pos,label,entity,score}', 'persner_tag(text,text) output columns');
SELECT is(
	(SELECT array_agg(format_type(t, NULL) ORDER BY o)::text FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) WITH ORDINALITY AS a(t, m, o)
	 WHERE p.oid = 'persner_tag(text,text)'::regprocedure AND m = 't'),
	'{integer,integer,text,text,real}', 'persner_tag(text,text) output column types');
SELECT is(
	(SELECT array_agg(n ORDER BY o)::text FROM pg_proc p, unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS a(n, m, o)
	 WHERE p.oid = 'persner_tag(text)'::regprocedure AND m = 't'),
	'{start_pos,end_pos,label,entity,score}', 'persner_tag(text) output columns');
SELECT is(
	(SELECT array_agg(format_type(t, NULL) ORDER BY o)::text FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) WITH ORDINALITY AS a(t, m, o)
	 WHERE p.oid = 'persner_tag(text)'::regprocedure AND m = 't'),
	'{integer,integer,text,text,real}', 'persner_tag(text) output column types');
SELECT is(
	(SELECT array_agg(n ORDER BY o)::text FROM pg_proc p, unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS a(n, m, o)
	 WHERE p.oid = 'persner_debug(text,text)'::regprocedure AND m = 't'),
	'{start_pos,end_pos,token,normalized,tag,score}', 'persner_debug(text,text) output columns');
SELECT is(
	(SELECT array_agg(format_type(t, NULL) ORDER BY o)::text FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) WITH ORDINALITY AS a(t, m, o)
	 WHERE p.oid = 'persner_debug(text,text)'::regprocedure AND m = 't'),
	'{integer,integer,text,text,text,real}', 'persner_debug(text,text) output column types');
SELECT is(
	(SELECT array_agg(n ORDER BY o)::text FROM pg_proc p, unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS a(n, m, o)
	 WHERE p.oid = 'persner_debug(text)'::regprocedure AND m = 't'),
	'{start_pos,end_pos,token,normalized,tag,score}', 'persner_debug(text) output columns');
SELECT is(
	(SELECT array_agg(format_type(t, NULL) ORDER BY o)::text FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) WITH ORDINALITY AS a(t, m, o)
	 WHERE p.oid = 'persner_debug(text)'::regprocedure AND m = 't'),
	'{integer,integer,text,text,text,real}', 'persner_debug(text) output column types');
SELECT is(
	(SELECT array_agg(n ORDER BY o)::text FROM pg_proc p, unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS a(n, m, o)
	 WHERE p.oid = 'persner_models()'::regprocedure AND m = 't'),
	'{name,labels,size,checksum,loaded,corpus,dev_f1,base_model,base_checksum,dict_entries}', 'persner_models() output columns');
SELECT is(
	(SELECT array_agg(format_type(t, NULL) ORDER BY o)::text FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) WITH ORDINALITY AS a(t, m, o)
	 WHERE p.oid = 'persner_models()'::regprocedure AND m = 't'),
	'{text,text[],bigint,text,boolean,text,real,text,text,integer}', 'persner_models() output column types');
SELECT has_type('entity', 'type entity exists');
SELECT has_type('_entity', 'type entity[] exists');
SELECT has_operator('entity', '=', 'entity', 'boolean', 'operator = (entity, entity)');
SELECT has_operator('entity', '<>', 'entity', 'boolean', 'operator <> (entity, entity)');
SELECT has_operator('entity', '<', 'entity', 'boolean', 'operator < (entity, entity)');
SELECT has_operator('entity', '<=', 'entity', 'boolean', 'operator <= (entity, entity)');
SELECT has_operator('entity', '>', 'entity', 'boolean', 'operator > (entity, entity)');
SELECT has_operator('entity', '>=', 'entity', 'boolean', 'operator >= (entity, entity)');
SELECT has_opclass('entity_ops', 'btree opclass entity_ops');
SELECT has_opclass('entity_hash_ops', 'hash opclass entity_hash_ops');
SELECT ok((SELECT opcdefault FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod WHERE opcname = 'entity_ops' AND amname = 'btree'), 'entity_ops is the default btree opclass');
SELECT ok((SELECT opcdefault FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod WHERE opcname = 'entity_hash_ops' AND amname = 'hash'), 'entity_hash_ops is the default hash opclass');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator WHERE oid = '=(entity,entity)'::regoperator), '= is HASHES and MERGES');
SELECT ok(EXISTS (SELECT 1 FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
                  WHERE e.extname = 'persner' AND d.classid = 'pg_type'::regclass
                    AND d.objid = '_entity'::regtype AND d.deptype = 'e'),
          'entity[] is a member of the extension (postgres_fdw ships it)');
SELECT ok(EXISTS (SELECT 1 FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
                  WHERE e.extname = 'persner' AND d.classid = 'pg_operator'::regclass
                    AND d.objid = '=(entity,entity)'::regoperator AND d.deptype = 'e'),
          'operator = (entity, entity) is a member of the extension');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
                   JOIN pg_extension e ON d.refobjid = e.oid AND e.extname = 'persner'
           WHERE d.deptype = 'e' AND p.proname <> 'persner_models' AND (p.proparallel <> 's' OR NOT p.proisstrict)),
          0, 'every extension function but persner_models is STRICT and PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
                   JOIN pg_extension e ON d.refobjid = e.oid AND e.extname = 'persner'
           WHERE d.deptype = 'e' AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c')
             AND NOT (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AND p.prosqlbody IS NOT NULL)),
          0, 'every extension function is C or a SQL-standard body parsed at creation (nothing depends on search_path)');
SELECT ok((SELECT extrelocatable = false FROM pg_extension WHERE extname = 'persner'), 'the extension is not relocatable');

SELECT * FROM finish();
ROLLBACK;
