#!/usr/bin/env bash
# test/suites/distributed.sh - persner sharded with postgres_fdw: a coordinator and two shards
#
# Starts three throwaway PostgreSQL 15 clusters on 127.0.0.1 (test/pg-env.sh,
# from the same private install tree as the other suites), creates persner on
# all three and then, on the coordinator, a hash-partitioned table whose two
# partitions are postgres_fdw foreign tables over "articles" on the shards:
#
#   coordinator                                  shard1 / shard2
#   articles (id, body, entities)                articles (id, body,
#     PARTITION BY HASH (id)                       entities entity[] GENERATED ALWAYS AS
#     articles_s1  FOREIGN, remainder 0 -> shard1    (persner_entities('peyma', body)) STORED)
#     articles_s2  FOREIGN, remainder 1 -> shard2  + GIN index on entities
#
# and checks, printing "ok - ..." / "not ok - ..." and a final "N passed, N failed":
#   - the persner functions and the entity[] operators are shipped to the
#     shards (they appear in EXPLAIN VERBOSE's "Remote SQL"), because the
#     servers list  extensions 'persner'  and entity[] is an extension member;
#   - the shards use their GIN indexes for the shipped @> and &&;
#   - every answer equals the one of a single node holding the same rows
#     (articles_local on the coordinator);
#   - writes: INSERT / UPDATE / DELETE / COPY through the coordinator, the
#     shards computing the generated column (see "Writes" below).
#
# Writes and the generated column (PostgreSQL 15).  postgres_fdw sends every
# column of the foreign table in its remote INSERT.  Declared as a plain
# column, entities goes out as NULL and the shard refuses it ("cannot insert
# a non-DEFAULT value into column"); left out, it cannot be read through the
# coordinator.  Declared GENERATED on the coordinator too, postgres_fdw sends
# DEFAULT for it (INSERT ... VALUES ($1, $2, DEFAULT); an UPDATE does not
# mention it), so the shard computes it next to its data.  The coordinator's
# own expression is then evaluated and thrown away, so it is the cheapest
# one with the right type: GENERATED ALWAYS AS (NULL::entity[]) STORED.
#
# Works as root (the servers run as an unprivileged user, see pg-env.sh) and
# as an ordinary user; the clusters are stopped and removed on exit.
#
# Settings (environment): DIST_ARTICLES (rows loaded, default 2000),
# DIST_VERBOSE=1 (print every plan), PGENV_KEEP=1 (keep the clusters' files).

set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
export LC_ALL=C.UTF-8
# shellcheck source=test/pg-env.sh
. "$REPO/test/pg-env.sh"
# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"
PGENV_QUIET=${PGENV_QUIET:-1}

N=${DIST_ARTICLES:-2000}
T0=$(date +%s)

finish()
{
	pgenv_stop_all
}
trap finish EXIT
trap 'echo "distributed: interrupted" >&2; exit 130' INT TERM

since()  { awk -v t0="$1" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.3f", t1 - t0 }'; }

# q NODE SQL... - run SQL on NODE (coord, shard1, shard2), unaligned, tuples only
q()
{
	local node=$1
	shift
	pgenv_psql "dist_$node" -XAtq -v ON_ERROR_STOP=1 "$@"
}

# check NAME NODE SQL - ok when SQL prints exactly "t"
check()
{
	local name=$1 node=$2 sql=$3 got
	got=$(q "$node" -c "$sql" 2>&1)
	if [ "$got" = t ]; then
		ok "$name"
	else
		not_ok "$name"
		echo "$got" | sed 's/^/#   /' | head -n 20
	fi
}

# plan_has NAME NODE PATTERN SQL [SETTINGS] - EXPLAIN (VERBOSE, COSTS OFF) SQL contains PATTERN (grep -E)
plan_has()
{
	local name=$1 node=$2 pat=$3 sql=$4 set=${5:-RESET enable_seqscan} plan
	plan=$(q "$node" -c "$set" -c "EXPLAIN (VERBOSE, COSTS OFF) $sql" 2>&1)
	if grep -Eq -- "$pat" <<<"$plan"; then
		ok "$name"
		[ "${DIST_VERBOSE:-0}" != 1 ] || sed 's/^/#   /' <<<"$plan"
	else
		not_ok "$name"
		sed 's/^/#   /' <<<"$plan"
	fi
}

# --- the three clusters -------------------------------------------------------------

if ! compgen -G "$REPO/model/*.model" >/dev/null; then
	not_ok "a trained model in model/ (make model)"
	summary
	exit 1
fi

for n in coord shard1 shard2; do
	if ! pgenv_start "dist_$n" noexport; then
		not_ok "start cluster dist_$n"
		summary
		exit 1
	fi
done
P1=$(pgenv_port dist_shard1)
P2=$(pgenv_port dist_shard2)
PC=$(pgenv_port dist_coord)
note "coordinator 127.0.0.1:$PC, shard1 127.0.0.1:$P1, shard2 127.0.0.1:$P2 (PostgreSQL $(q coord -c 'SHOW server_version'))"

# --- shards: the table, its generated entity column and GIN index ----------------------

SHARD_SQL="
CREATE EXTENSION persner;
CREATE TABLE articles (
	id       bigint PRIMARY KEY,
	body     text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
CREATE INDEX articles_entities_idx ON articles USING gin (entities);
"
for s in shard1 shard2; do
	if out=$(q "$s" -c "$SHARD_SQL" 2>&1); then
		ok "$s: CREATE EXTENSION persner, articles with a generated entity[] column and a GIN index"
	else
		not_ok "$s: schema"
		echo "$out" | sed 's/^/#   /'
	fi
done

# --- coordinator: servers, user mappings, the partitioned table ------------------------

COORD_SQL="
CREATE EXTENSION persner;
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '$P1', dbname 'postgres',
	         extensions 'persner', async_capable 'true', batch_size '200', fetch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '$P2', dbname 'postgres',
	         extensions 'persner', async_capable 'true', batch_size '200', fetch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1;
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2;

CREATE TABLE articles (
	id       bigint NOT NULL,
	body     text NOT NULL,
	-- computed by the shards: postgres_fdw sends DEFAULT for a generated column
	entities entity[] GENERATED ALWAYS AS (NULL::entity[]) STORED
) PARTITION BY HASH (id);
CREATE FOREIGN TABLE articles_s1 PARTITION OF articles
	FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'articles');
CREATE FOREIGN TABLE articles_s2 PARTITION OF articles
	FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'articles');

-- the single-node reference: the same rows in one local table
CREATE TABLE articles_local (
	id       bigint PRIMARY KEY,
	body     text NOT NULL,
	entities entity[] GENERATED ALWAYS AS (persner_entities('peyma', body)) STORED
);
CREATE INDEX articles_local_entities_idx ON articles_local USING gin (entities);
"
if out=$(q coord -c "$COORD_SQL" 2>&1) && out=$(q coord -f sql/fixtures/gen.sql 2>&1); then
	ok "coordinator: postgres_fdw servers (extensions 'persner'), articles PARTITION BY HASH over two foreign tables"
else
	not_ok "coordinator: schema"
	echo "$out" | sed 's/^/#   /'
fi

v=$(for n in coord shard1 shard2; do q "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'persner'"; done | sort -u)
if [ -n "$v" ] && [ "$(wc -l <<<"$v")" = 1 ]; then
	ok "all three nodes run persner $v"
else
	not_ok "all three nodes run the same persner version (got: $(echo $v))"
fi

# --- load: through the coordinator (the shards tag), and the local reference ------------

t=$(date +%s.%N)
if out=$(q coord -c "INSERT INTO articles (id, body) SELECT id, body FROM gen.docs($N)" 2>&1); then
	t_dist=$(since "$t")
	ok "INSERT $N generated articles through the coordinator"
else
	t_dist=0
	not_ok "INSERT through the coordinator"
	echo "$out" | sed 's/^/#   /'
fi
t=$(date +%s.%N)
q coord -c "INSERT INTO articles_local (id, body) SELECT id, body FROM gen.docs($N)" >/dev/null
t_local=$(since "$t")
q coord -c "ANALYZE articles; ANALYZE articles_local" >/dev/null
q shard1 -c "ANALYZE articles" >/dev/null
q shard2 -c "ANALYZE articles" >/dev/null
note "$(printf 'load %d articles (tagged on insert): %.2f s through the coordinator onto 2 shards, %.2f s into one local table' "$N" "$t_dist" "$t_local")"

n1=$(q shard1 -c "SELECT count(*) FROM articles")
n2=$(q shard2 -c "SELECT count(*) FROM articles")
if [ "$((n1 + n2))" = "$N" ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; then
	ok "rows are spread over both shards by hash ($n1 + $n2 = $N)"
else
	not_ok "rows spread over both shards ($n1 + $n2, expected $N)"
fi

for s in shard1 shard2; do
	check "$s computed the generated column: no NULL entities, equal to persner_entities(body) evaluated now" "$s" "
		SELECT bool_and(entities IS NOT NULL AND entities = persner_entities('peyma', body)) FROM articles"
done
check "the shards found entities (the data is not trivial)" coord "
	SELECT count(*) FILTER (WHERE cardinality(entities) > 0) > count(*) / 2 FROM articles"

# --- what runs where: EXPLAIN VERBOSE shows the Remote SQL --------------------------------

# entities to query: frequent, rare, and pairs, taken from the single-node table
E1=$(q coord -c "SELECT e FROM (SELECT unnest(entities)::text e FROM articles_local) s
	WHERE e LIKE 'ORG:%' GROUP BY e ORDER BY count(*) DESC, e LIMIT 1")
E2=$(q coord -c "SELECT e FROM (SELECT unnest(entities)::text e FROM articles_local) s
	WHERE e LIKE 'LOC:%' GROUP BY e ORDER BY count(*) DESC, e LIMIT 1")
ER=$(q coord -c "SELECT e FROM (SELECT unnest(entities)::text e FROM articles_local) s
	WHERE e LIKE 'PER:%' GROUP BY e ORDER BY count(*), e LIMIT 1")
[ -n "$E1" ] || E1='ORG:شهرداری تهران'
[ -n "$E2" ] || E2='LOC:تهران'
[ -n "$ER" ] || ER='PER:علی رضایی'
note "query entities: $E1 (frequent), $E2 (frequent), $ER (rare)"
A1="ARRAY['$E1']::entity[]"
A12="ARRAY['$E1', '$E2']::entity[]"
AR="ARRAY['$ER']::entity[]"

plan_has "@> is shipped: Remote SQL of both partitions has entities @>" coord \
	'Remote SQL: .*entities @>' "SELECT id FROM articles WHERE entities @> $A1"
q coord -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE entities @> $A1" | sed 's/^/#   /'
plan_has "&& is shipped: Remote SQL has entities &&" coord \
	'Remote SQL: .*entities &&' "SELECT id FROM articles WHERE entities && $A12"
plan_has "<@ is shipped: Remote SQL has entities <@" coord \
	'Remote SQL: .*entities <@' "SELECT id FROM articles WHERE entities <@ $A12"
plan_has "persner_entities() is shipped: Remote SQL has public.persner_entities" coord \
	'Remote SQL: .*public\.persner_entities' \
	"SELECT id FROM articles WHERE persner_entities('peyma', body) @> $AR"
plan_has "entity = ANY (entities) is shipped with the entity operator" coord \
	'Remote SQL: .*OPERATOR\(public\.=\) ANY \(entities\)' \
	"SELECT id FROM articles WHERE '$ER'::entity = ANY (entities)"
plan_has "subscripts and the entity = operator are shipped" coord \
	'Remote SQL: .*\(entities\[1\]\) OPERATOR\(public\.=\)' \
	"SELECT id FROM articles WHERE entities[1] = '$E1'::entity"
# Not shipped (PostgreSQL's collation rule, not a persner bug): a text made
# by a function of a non-collatable argument, such as entity_label(e), has no
# collation derived from a foreign column, so postgres_fdw keeps any
# collation-sensitive use of it (=, length, ...) on the coordinator.
if q coord -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM articles WHERE entity_label(entities[1]) = 'ORG'" |
		grep -q 'Filter: .*entity_label'; then
	note "known: entity_label(x) = 'ORG' is evaluated on the coordinator (postgres_fdw's collation rule)"
fi
QSCAN="SELECT id FROM articles WHERE persner_entities('peyma', body) @> $A12"
q coord -c "EXPLAIN (VERBOSE, COSTS OFF) $QSCAN" >"$PGENV_BASE/scan.plan" 2>&1
if [ "$(grep -c 'Async Foreign Scan' "$PGENV_BASE/scan.plan")" = 2 ] &&
		[ "$(grep -c 'Remote SQL: .*public.persner_entities' "$PGENV_BASE/scan.plan")" = 2 ]; then
	ok "a filter that tags every row runs on both shards at once (2 Async Foreign Scans, persner_entities in Remote SQL)"
else
	not_ok "tagging filter shipped to both shards, asynchronously"
fi
sed 's/^/#   /' "$PGENV_BASE/scan.plan"

# the shards can answer the shipped @> from their GIN index (a few hundred
# rows are cheaper to scan, so the index is shown with enable_seqscan off;
# the bench measures it at 20,000 rows, where the planner picks it itself)
for s in shard1 shard2; do
	plan_has "$s can answer the shipped @> from its GIN index" "$s" \
		'Bitmap Index Scan on articles_entities_idx' \
		"SELECT id FROM public.articles WHERE ((entities @> '{\"$ER\"}'::public.entity[]))" \
		"SET enable_seqscan = off"
done

# --- same answers as one node ---------------------------------------------------------------

same()
{
	local name=$1 sql=$2
	check "same as one node: $name" coord "
		SELECT (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ($sql) x)
		     = (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM (${sql//articles/articles_local}) x)"
}
same "every row's entities"                 "SELECT id, entities FROM articles"
same "@> frequent entity"                   "SELECT id FROM articles WHERE entities @> $A1"
same "@> rare entity"                       "SELECT id FROM articles WHERE entities @> $AR"
same "@> two entities"                      "SELECT id FROM articles WHERE entities @> $A12"
same "&& two entities"                      "SELECT id FROM articles WHERE entities && $A12"
same "persner_entities(body) @> in WHERE"   "SELECT id FROM articles WHERE persner_entities('peyma', body) @> $AR"
same "entities per label"                   "SELECT entity_label(e), count(*) FROM articles, unnest(entities) e GROUP BY 1"
same "persner_tag rows"                     "SELECT id, t.* FROM articles, persner_tag('peyma', body) t WHERE id % 10 = 0"
check "the answers are not empty" coord "
	SELECT (SELECT count(*) FROM articles WHERE entities @> $A1) > 0
	   AND (SELECT count(*) FROM articles WHERE entities @> $AR) > 0"

# --- writes through the coordinator -------------------------------------------------------

W=$((N + 1))
WBODY='به گزارش خبرنگار ما، علی رضایی رئیس شهرداری تهران روز دوشنبه در شیراز گفت بودجه این نهاد ۲۰ درصد افزایش یافته است.'
WBODY2='وزیر امور خارجه ژاپن برای سفری دو روزه وارد تبریز شد.'
plan_has "INSERT sends DEFAULT for the generated column: the shard computes it (plan of one partition)" coord \
	'Remote SQL: INSERT INTO public.articles\(id, body, entities\) VALUES \(\$1, \$2, DEFAULT\)' \
	"INSERT INTO articles_s1 (id, body) VALUES ($W, '$WBODY')"
check "INSERT ... RETURNING: entities computed by the shard, equal to persner_entities(body)" coord "
	WITH w AS (INSERT INTO articles (id, body) VALUES ($W, '$WBODY') RETURNING body, entities)
	SELECT entities IS NOT NULL AND entities = persner_entities('peyma', body) FROM w"
check "the new row is stored on exactly one shard, the one its hash names" coord "
	SELECT (SELECT count(*) FROM articles_s1 WHERE id = $W) + (SELECT count(*) FROM articles_s2 WHERE id = $W) = 1
	   AND (SELECT tableoid::regclass::text FROM articles WHERE id = $W)
	       = CASE WHEN satisfies_hash_partition('articles'::regclass, 2, 0, $W::bigint) THEN 'articles_s1' ELSE 'articles_s2' END"
check "UPDATE of body through the coordinator: the shard recomputes entities" coord "
	WITH w AS (UPDATE articles SET body = '$WBODY2' WHERE id = $W RETURNING body, entities)
	SELECT entities = persner_entities('peyma', body) AND entities <> persner_entities('peyma', '$WBODY') FROM w"
plan_has "UPDATE does not send entities (Remote SQL sets body only)" coord \
	'Remote SQL: UPDATE public.articles SET body = \$2' \
	"UPDATE articles SET body = 'x' WHERE id = $W"
check "DELETE through the coordinator" coord "
	WITH d AS (DELETE FROM articles WHERE id = $W RETURNING id) SELECT count(*) = 1 FROM d"
if out=$(printf '%s\t%s\n' $((W + 1)) "$WBODY" $((W + 2)) "$WBODY2" |
		q coord -c "COPY articles (id, body) FROM STDIN" 2>&1); then
	check "COPY into the partitioned table: routed to the shards, entities computed there" coord "
		SELECT count(*) = 2 AND bool_and(entities = persner_entities('peyma', body)) FROM articles WHERE id IN ($((W + 1)), $((W + 2)))"
else
	not_ok "COPY into the partitioned table"
	echo "$out" | sed 's/^/#   /'
fi
# the alternative that does not work: entities as a plain column of the foreign table
out=$(q coord -c "CREATE FOREIGN TABLE articles_plain (id bigint, body text, entities entity[])
		SERVER shard1 OPTIONS (table_name 'articles')" \
	-c "INSERT INTO articles_plain (id, body) VALUES (-1, 'x')" 2>&1)
if grep -q 'cannot insert a non-DEFAULT value into column "entities"' <<<"$out"; then
	ok "a plain entities column on the foreign table is refused by the shard (why the coordinator declares it GENERATED)"
else
	not_ok "plain foreign column refused"
	echo "$out" | sed 's/^/#   /'
fi
q coord -c "DROP FOREIGN TABLE IF EXISTS articles_plain" >/dev/null 2>&1
q coord -c "DELETE FROM articles WHERE id > $N" >/dev/null

# --- figures ----------------------------------------------------------------------------------

# ms SQL REPEAT - mean wall time of SQL on the coordinator, in ms (server side)
ms()
{
	q coord -c "
		CREATE OR REPLACE FUNCTION pg_temp.avg_ms(sql text, n int) RETURNS float8 LANGUAGE plpgsql AS \$\$
		DECLARE t0 timestamptz; i int;
		BEGIN
			EXECUTE sql;
			t0 := clock_timestamp();
			FOR i IN 1 .. n LOOP EXECUTE sql; END LOOP;
			RETURN extract(epoch FROM clock_timestamp() - t0) * 1000 / n;
		END \$\$" -c "SELECT round(pg_temp.avg_ms(\$q\$$1\$q\$, $2)::numeric, 2)"
}
d1=$(ms "SELECT count(*) FROM articles WHERE entities @> $AR" 50)
l1=$(ms "SELECT count(*) FROM articles_local WHERE entities @> $AR" 50)
d2=$(ms "SELECT count(*) FROM articles WHERE entities && $A12" 20)
l2=$(ms "SELECT count(*) FROM articles_local WHERE entities && $A12" 20)
d3=$(ms "SELECT count(*) FROM articles WHERE persner_entities('peyma', body) @> $A12" 3)
l3=$(ms "SELECT count(*) FROM articles_local WHERE persner_entities('peyma', body) @> $A12" 3)
note "shard1, default settings: $(q shard1 -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT id FROM public.articles WHERE ((entities @> '{\"$ER\"}'::public.entity[]))" | grep -E 'Scan|Execution' | sed 's/^ *//; s/->  //' | paste -sd ';' -)"
note "figures, $N articles (ms; coordinator and shards share this machine's cores):"
note "$(printf '  %-52s %10s %10s' 'query' '2 shards' '1 node')"
note "$(printf '  %-52s %10s %10s' "count(*) WHERE entities @> rare entity" "$d1" "$l1")"
note "$(printf '  %-52s %10s %10s' "count(*) WHERE entities && two frequent entities" "$d2" "$l2")"
note "$(printf '  %-52s %10s %10s' "count(*) WHERE persner_entities(body) @> (tags all)" "$d3" "$l3")"
note "$(printf '  %-52s %10.0f %10.0f' "load: INSERT ... SELECT (tagged into entities)" "$(awk "BEGIN { print $t_dist * 1000 }")" "$(awk "BEGIN { print $t_local * 1000 }")")"

echo "# distributed suite: $(($(date +%s) - T0)) s"
summary
