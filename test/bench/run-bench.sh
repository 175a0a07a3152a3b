#!/usr/bin/env bash
# test/bench/run-bench.sh - "make bench": persner's speed and memory, from the core to 50 backends
#
# One run measures, and ends with a summary table:
#
#   core       bin/persner bench: model open time and tokens/s on one core,
#              over ../shared/corpora/unlabeled/farsnews.txt when present (read
#              at run time only) and over the generated articles
#   sql        a throwaway cluster (test/pg-env.sh) with BENCH_ARTICLES (20,000)
#              generated articles (sql/fixtures/gen.sql): tokens/s of
#              persner_entities over the table, serial and with 2 parallel
#              workers; adding the generated entity[] column (a table rewrite
#              that tags every row)
#   gin        the time to build the GIN index on entities, and p50/p99 of
#              "entities @> ARRAY[e]", "entities @> ARRAY[e1, e2]" and
#              "entities && ARRAY[e1, e2, e3]" for BENCH_QUERIES (300) entity
#              sets drawn from the table, measured in the server (plan +
#              execute of each query through PL/pgSQL EXECUTE; no client trip)
#   open       a fresh backend's first persner call (library already loaded,
#              so: the model's open = stat + the snapshot's record + mmap of
#              the snapshot + validate, no checksum pass) and its second call,
#              median of BENCH_OPEN_BACKENDS (20) backends, for the model and
#              for the same model padded to 50 MB (test/bench/pad-model.c);
#              and the one backend that verifies the 50 MB file after install;
#              and the first touch of 500 random pages of the model's file
#              mapped in a fresh process, written in small pieces and 2 MB at a
#              time (test/bench/page-touch.c)
#   memory     BENCH_BACKENDS (50) connected backends that have all tagged
#              text: Rss and Pss of the model mapping (from /proc/<pid>/smaps,
#              the lines of the mapping of the model's snapshot,
#              $PGDATA/pg_persner/<checksum>.model) summed
#              over the backends, which shows one shared copy in the page
#              cache rather than one per backend; and one backend tagging
#              BENCH_ROWS (100,000) rows in one statement: VmRSS, RssAnon
#              (its private memory) and memory contexts before and after, and
#              the peak of RssAnon sampled during the statement
#
# The token counts come from bin/persner over the same text (one row = one
# line = one document), so SQL and core tokens/s count the same tokens.
#
# Settings (environment): BENCH_ARTICLES, BENCH_ROWS, BENCH_BACKENDS,
# BENCH_QUERIES, BENCH_SECONDS (core bench duration, 5), MODEL (model file,
# model/peyma.model), PGENV_KEEP=1.  Logs and files: build/bench/.

set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
export LC_ALL=C.UTF-8

ARTICLES=${BENCH_ARTICLES:-20000}
ROWS=${BENCH_ROWS:-100000}
BACKENDS=${BENCH_BACKENDS:-50}
QUERIES=${BENCH_QUERIES:-300}
OPEN_BACKENDS=${BENCH_OPEN_BACKENDS:-20}
SECONDS_CORE=${BENCH_SECONDS:-5}
MODEL=${MODEL:-model/peyma.model}
MODEL_NAME=$(basename "$MODEL" .model)
OUT=$REPO/build/bench
mkdir -p "$OUT"
T_START=$(date +%s)

# shellcheck source=test/pg-env.sh
. "$REPO/test/pg-env.sh"
PGENV_QUIET=1
IDLE_PIDS=()
cleanup()
{
	local p
	for p in "${IDLE_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	pgenv_stop_all
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

say() { printf '\n== %s\n' "$*"; }
die() { echo "bench: $*" >&2; exit 1; }
declare -A R	# results, for the summary

# q SQL... - psql on the bench cluster: unaligned, tuples only, stop on error
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }

# field NAME FILE - the value after "NAME" in bin/persner bench output
field() { sed -n "s/^$1 *//p" "$2" | head -n 1; }

[ -f "$MODEL" ] || die "no model $MODEL (make model)"
[ -x bin/persner ] || die "bin/persner not built (make)"
bin/persner info "$MODEL" >"$OUT/model-info.txt" 2>&1 || { cat "$OUT/model-info.txt"; die "bin/persner cannot open $MODEL"; }

say "cluster"
pgenv_start bench || die "could not start a cluster (test/pg-env.sh)"
echo "PostgreSQL $(q -c 'SHOW server_version') on 127.0.0.1:$PGPORT; $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
echo "model $MODEL ($(stat -c %s "$MODEL") bytes)"
q -c "CREATE EXTENSION persner" >/dev/null || die "CREATE EXTENSION persner failed"
q -f sql/fixtures/gen.sql >/dev/null || die "loading sql/fixtures/gen.sql failed"
MODEL_PATH=$(q -c "LOAD 'persner'" -c "SELECT current_setting('persner.model_dir')")/$MODEL_NAME.model

say "generating $ARTICLES articles"
t0=$(date +%s.%N)
q -c "CREATE TABLE articles (id int PRIMARY KEY, body text NOT NULL)" \
	-c "INSERT INTO articles SELECT id, body FROM gen.docs($ARTICLES)" \
	-c "VACUUM ANALYZE articles" || die "generating articles failed"
q -c "COPY (SELECT body FROM articles ORDER BY id) TO STDOUT" >"$OUT/articles.txt"
echo "$(wc -l <"$OUT/articles.txt") articles, $(wc -c <"$OUT/articles.txt") bytes in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

# --- core ---------------------------------------------------------------------------------

say "core: bin/persner bench"
bin/persner bench --model "$MODEL" --seconds 0 "$OUT/articles.txt" >"$OUT/count-articles.txt" ||
	die "bin/persner bench failed"
TOKENS=$(field text "$OUT/count-articles.txt" | sed -n 's/.* documents, \([0-9]*\) tokens.*/\1/p')
[ -n "$TOKENS" ] && [ "$TOKENS" -gt 0 ] || die "could not count the tokens of the articles"
echo "the $ARTICLES articles hold $TOKENS tokens"

CORPUS=${BENCH_CORPUS:-../shared/corpora/unlabeled/farsnews.txt}
for input in "$CORPUS" "$OUT/articles.txt"; do
	[ -r "$input" ] || continue
	name=$(basename "$input" .txt)
	echo "\$ bin/persner bench --model $MODEL --seconds $SECONDS_CORE $input"
	bin/persner bench --model "$MODEL" --seconds "$SECONDS_CORE" "$input" | tee "$OUT/core-$name.txt"
	R[core_$name]=$(field throughput "$OUT/core-$name.txt" | awk '{print $1}')
	R[core_open_$name]=$(field 'model open' "$OUT/core-$name.txt" | awk '{print $1}')
done
R[core_input]=farsnews
[ -n "${R[core_farsnews]:-}" ] || R[core_input]=articles

# --- SQL throughput: serial and parallel ------------------------------------------------------

# explain_ms SETTINGS QUERY - "execution_ms workers_launched" of EXPLAIN ANALYZE
explain_ms()
{
	q -c "$1" -c "EXPLAIN (ANALYZE, TIMING OFF) $2" >"$OUT/explain.txt" || return 1
	awk '/Execution Time:/ { ms = $3 } /Workers Launched:/ { w += $3 } END { printf "%s %d\n", ms, w }' "$OUT/explain.txt"
}

QTAG="SELECT sum(cardinality(persner_entities('$MODEL_NAME', body))) FROM articles"
say "SQL: $QTAG"
PAR="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2"
q -c "ALTER TABLE articles SET (parallel_workers = 2)"
q -c "SELECT persner_entities('$MODEL_NAME', body) FROM articles LIMIT 100" >/dev/null	# warm
read -r ms_serial w_serial < <(explain_ms "SET max_parallel_workers_per_gather = 0" "$QTAG")
read -r ms_par w_par < <(explain_ms "$PAR" "$QTAG")
R[sql_serial]=$(awk -v t="$TOKENS" -v ms="$ms_serial" 'BEGIN { printf "%.0f", t / (ms / 1000) }')
R[sql_par]=$(awk -v t="$TOKENS" -v ms="$ms_par" 'BEGIN { printf "%.0f", t / (ms / 1000) }')
R[sql_serial_s]=$(awk -v ms="$ms_serial" 'BEGIN { printf "%.1f", ms / 1000 }')
R[sql_par_s]=$(awk -v ms="$ms_par" 'BEGIN { printf "%.1f", ms / 1000 }')
R[sql_par_w]=$w_par
echo "serial:             ${R[sql_serial_s]} s, ${R[sql_serial]} tokens/s"
echo "2 parallel workers: ${R[sql_par_s]} s, ${R[sql_par]} tokens/s (workers launched: $w_par; the leader takes part too)"

say "SQL: ALTER TABLE articles ADD COLUMN entities entity[] GENERATED ALWAYS AS (persner_entities(...)) STORED"
t0=$(date +%s.%N)
q -c "ALTER TABLE articles ADD COLUMN entities entity[] GENERATED ALWAYS AS (persner_entities('$MODEL_NAME', body)) STORED" ||
	die "adding the generated column failed"
t1=$(date +%s.%N)
R[alter_s]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
R[alter_tps]=$(awk -v a="$t0" -v b="$t1" -v t="$TOKENS" 'BEGIN { printf "%.0f", t / (b - a) }')
echo "${R[alter_s]} s (${R[alter_tps]} tokens/s, table rewrite included)"
q -c "VACUUM ANALYZE articles"
R[entities]=$(q -c "SELECT sum(cardinality(entities)) FROM articles")
R[distinct]=$(q -c "SELECT count(DISTINCT e) FROM articles, unnest(entities) e")
echo "${R[entities]} entities (${R[distinct]} distinct) in $ARTICLES articles"

# --- GIN -----------------------------------------------------------------------------------

say "GIN: CREATE INDEX ON articles USING gin (entities)"
t0=$(date +%s.%N)
q -c "CREATE INDEX articles_entities_idx ON articles USING gin (entities)" || die "CREATE INDEX failed"
R[gin_s]=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
q -c "ANALYZE articles"
R[gin_size]=$(q -c "SELECT pg_size_pretty(pg_relation_size('articles_entities_idx'))")
echo "${R[gin_s]} s, index size ${R[gin_size]}"

# query sets: entities of randomly chosen articles (a fixed seed), so that
# frequent entities are drawn as often as users would ask for them
q -c "SELECT setseed(0.42)" -c "
CREATE TABLE qsets AS
SELECT n, kind, ents FROM (
	SELECT n, 'contains1' AS kind, entities[1:1] AS ents
	FROM (SELECT row_number() OVER () AS n, entities FROM
		  (SELECT entities FROM articles WHERE cardinality(entities) >= 3 ORDER BY random() LIMIT $QUERIES) a) s
	UNION ALL
	SELECT n, 'contains2', entities[2:3]
	FROM (SELECT row_number() OVER () AS n, entities FROM
		  (SELECT entities FROM articles WHERE cardinality(entities) >= 3 ORDER BY random() LIMIT $QUERIES) a) s
	UNION ALL
	SELECT n, 'overlap3', ARRAY[entities[1], b.e2, b.e3]
	FROM (SELECT row_number() OVER () AS n, entities FROM
		  (SELECT entities FROM articles WHERE cardinality(entities) >= 3 ORDER BY random() LIMIT $QUERIES) a) s,
		 LATERAL (SELECT (SELECT e FROM articles, unnest(entities) e WHERE id = 1 + (n * 7919) % $ARTICLES LIMIT 1) AS e2,
						 (SELECT e FROM articles, unnest(entities) e WHERE id = 1 + (n * 104729) % $ARTICLES LIMIT 1) AS e3) b
) x WHERE ents IS NOT NULL AND array_position(ents, NULL) IS NULL" >/dev/null || die "making query sets failed"

q -c "
CREATE FUNCTION bench_latency(kind text, op text, OUT n int, OUT p50_ms float8, OUT p99_ms float8,
							  OUT avg_rows float8) LANGUAGE plpgsql AS \$\$
DECLARE
	r record;
	t0 timestamptz;
	ms float8[] := '{}';
	nrows bigint[] := '{}';
	got int[];
	sql text := 'SELECT array_agg(id) FROM articles WHERE entities ' || op || ' \$1';
BEGIN
	FOR r IN SELECT ents FROM qsets q WHERE q.kind = bench_latency.kind ORDER BY q.n LOOP
		t0 := clock_timestamp();
		EXECUTE sql INTO got USING r.ents;
		ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
		nrows := nrows || coalesce(cardinality(got), 0)::bigint;
	END LOOP;
	SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY m), percentile_cont(0.99) WITHIN GROUP (ORDER BY m)
		INTO n, p50_ms, p99_ms FROM unnest(ms) m;
	SELECT avg(x) INTO avg_rows FROM unnest(nrows) x;
END \$\$" >/dev/null || die "bench_latency"
for spec in "contains1 @>" "contains2 @>" "overlap3 &&"; do
	set -- $spec
	q -c "SELECT bench_latency('$1', '$2')" >/dev/null	# warm the index pages
	IFS='|' read -r n p50 p99 avgrows < <(q -c "SELECT n, round(p50_ms::numeric, 3), round(p99_ms::numeric, 3), round(avg_rows::numeric, 1) FROM bench_latency('$1', '$2')")
	lit=$(q -c "SELECT quote_literal(ents::text) FROM qsets WHERE kind = '$1' ORDER BY n LIMIT 1")
	planx=$(q -c "EXPLAIN (COSTS OFF) SELECT array_agg(id) FROM articles WHERE entities $2 $lit::entity[]" |
		grep -o 'Bitmap Index Scan on [a-z_]*' | head -n 1)
	R[lat_$1]="$p50|$p99|$avgrows|$n"
	printf '%-9s entities %s: %d queries, p50 %s ms, p99 %s ms, %s rows on average (%s)\n' "$1" "$2" "$n" "$p50" "$p99" "$avgrows" "${planx:-no index scan}"
done

# --- a fresh backend's first call ----------------------------------------------------------

say "open: a fresh backend's first persner call, median of $OPEN_BACKENDS backends"
# the same model padded to 50 MB with a section the reader skips (test/bench/pad-model.c)
${CORE_CC:-cc} -std=c11 -O2 -Isrc/core -o "$OUT/pad-model" test/bench/pad-model.c build/obj/hash.o ||
	die "could not build test/bench/pad-model.c"
BIG_NAME=${MODEL_NAME}_50mb
"$OUT/pad-model" "$MODEL" "$OUT/$BIG_NAME.model" $((50 * 1024 * 1024)) || die "pad-model failed"
cp "$OUT/$BIG_NAME.model" "$(dirname "$MODEL_PATH")/$BIG_NAME.model" || die "could not install $BIG_NAME.model"
# first_call NAME - "first second" (ms) of one fresh backend's first two persner calls
# (the library is loaded first, by the entity cast, so the first call is the model's open)
first_call()
{
	q -c "SELECT 'LOC:تهران'::entity" -c "DO \$\$
DECLARE t1 timestamptz; t2 timestamptz; t3 timestamptz;
BEGIN
	t1 := clock_timestamp();
	PERFORM persner_entities('$1', 'سخنگوی وزارت نفت امروز در تهران گفت.');
	t2 := clock_timestamp();
	PERFORM persner_entities('$1', 'سخنگوی وزارت نفت امروز در تهران گفت.');
	t3 := clock_timestamp();
	RAISE NOTICE 'first-call % %', extract(epoch FROM t2 - t1) * 1000, extract(epoch FROM t3 - t2) * 1000;
END \$\$" 2>&1 | sed -n 's/.*first-call //p'
}
median() { sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR + 1) / 2)]}'; }
# the first backend to meet the 50 MB file reads and checks it and writes its snapshot
R[open_verify_big]=$(first_call "$BIG_NAME" | awk '{printf "%.1f", $1}')
sleep 2.5	# past the 2 s in which a just-checked file is re-checked by its header
for name in "$MODEL_NAME" "$BIG_NAME"; do
	for i in $(seq 1 "$OPEN_BACKENDS"); do first_call "$name"; done >"$OUT/open-$name.txt"
	[ "$(wc -l <"$OUT/open-$name.txt")" -eq "$OPEN_BACKENDS" ] || die "first-call measurement failed for $name"
done
R[open_first]=$(awk '{print $1}' "$OUT/open-$MODEL_NAME.txt" | median)
R[open_second]=$(awk '{print $2}' "$OUT/open-$MODEL_NAME.txt" | median)
R[open_first_big]=$(awk '{print $1}' "$OUT/open-$BIG_NAME.txt" | median)
R[open_second_big]=$(awk '{print $2}' "$OUT/open-$BIG_NAME.txt" | median)
echo "$MODEL_NAME ($(stat -c %s "$MODEL") bytes): first call ${R[open_first]} ms, second ${R[open_second]} ms"
echo "$BIG_NAME ($(stat -c %s "$OUT/$BIG_NAME.model") bytes): first call ${R[open_first_big]} ms, second ${R[open_second_big]} ms;"
echo "  the first backend after it was installed (read, checksum, snapshot written): ${R[open_verify_big]} ms"
echo "(medians of $OPEN_BACKENDS fresh backends each; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
rm -f "$(dirname "$MODEL_PATH")/$BIG_NAME.model"
# the floor under those figures: a process's first touch of a page of a shared
# file mapping, for a file written in small pieces and one written 2 MB at a
# time, zero-padded (as the model store writes its snapshots)
${CORE_CC:-cc} -std=c11 -O2 -o "$OUT/page-touch" test/bench/page-touch.c ||
	die "could not build test/bench/page-touch.c"
"$OUT/page-touch" "$MODEL" "$OUT" 9 | tee "$OUT/page-touch.txt"
R[touch_small]=$(awk '/^small-writes/ {print $9}' "$OUT/page-touch.txt")
R[touch_huge]=$(awk '/^2mb-writes/ {print $9}' "$OUT/page-touch.txt")
[ -n "${R[touch_small]}" ] && [ -n "${R[touch_huge]}" ] || die "page-touch failed"

# --- 50 backends ------------------------------------------------------------------------------

say "memory: $BACKENDS connected backends that have all used persner"
for i in $(seq 1 "$BACKENDS"); do
	psql -XAtq -c "SET application_name = 'persner-bench-idle'" \
		-c "SET max_parallel_workers_per_gather = 0" \
		-c "SELECT count(persner_entities('$MODEL_NAME', body)) FROM articles WHERE id % $BACKENDS = $((i - 1)) AND id <= 2000" \
		-c "SELECT pg_sleep(3600)" >/dev/null 2>&1 &
	IDLE_PIDS+=($!)
done
for i in $(seq 1 600); do
	ready=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'persner-bench-idle' AND wait_event = 'PgSleep'")
	[ "$ready" -ge "$BACKENDS" ] && break
	sleep 0.5
done
[ "$ready" -ge "$BACKENDS" ] || die "only $ready of $BACKENDS backends came up"
q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'persner-bench-idle'" >"$OUT/backend-pids.txt"
# backends map the model's snapshot, $PGDATA/pg_persner/<checksum>.model, never the installed file
SNAP_PATH=$(q -c "SELECT current_setting('data_directory') || '/pg_persner/' || checksum || '.model' FROM persner_models() WHERE name = '$MODEL_NAME'")
maps_source=0
while read -r pid; do
	grep -qF "$MODEL_PATH" "/proc/$pid/maps" 2>/dev/null && maps_source=$((maps_source + 1))
done <"$OUT/backend-pids.txt"
R[mem_maps_source]=$maps_source
# per backend: model mapping Rss Pss Shared (Clean + Dirty: a model file just
# installed may not be written back yet) Private_Clean Private_Dirty (kB), then the
# whole process from smaps_rollup: Rss Pss Private_Clean Private_Dirty (kB)
: >"$OUT/smaps.txt"
rm -f "$OUT/smaps-one.txt"
while read -r pid; do
	[ -s "$OUT/smaps-one.txt" ] || cp "/proc/$pid/smaps" "$OUT/smaps-one.txt" 2>/dev/null
	awk -v path="$SNAP_PATH" '
		/^[0-9a-f]+-[0-9a-f]+ / { inmodel = (index($0, path) > 0) ; next }
		inmodel && /^(Rss|Pss|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty):/ { m[$1] += $2 }
		END { printf "%d %d %d %d %d", m["Rss:"], m["Pss:"], m["Shared_Clean:"] + m["Shared_Dirty:"], m["Private_Clean:"], m["Private_Dirty:"] }
	' "/proc/$pid/smaps" >>"$OUT/smaps.txt" 2>/dev/null || continue
	awk '/^(Rss|Pss|Private_Clean|Private_Dirty|Pss_Anon):/ { m[$1] = $2 }
		END { printf " %d %d %d %d %d\n", m["Rss:"], m["Pss:"], m["Private_Clean:"], m["Private_Dirty:"], m["Pss_Anon:"] }' \
		"/proc/$pid/smaps_rollup" >>"$OUT/smaps.txt"
done <"$OUT/backend-pids.txt"
read -r nb m_rss m_pss m_shc m_prc m_prd b_rss b_pss b_prc b_prd b_pssanon < <(awk '
	{ n++; for (i = 1; i <= 10; i++) s[i] += $i }
	END { printf "%d", n; for (i = 1; i <= 10; i++) printf " %d", s[i]; printf "\n" }' "$OUT/smaps.txt")
model_kb=$(( $(stat -c %s "$MODEL") / 1024 ))
R[mem_n]=$nb
R[mem_model_kb]=$model_kb
R[mem_m_rss]=$m_rss
R[mem_m_pss]=$m_pss
R[mem_m_shc]=$m_shc
R[mem_m_priv]=$((m_prc + m_prd))
R[mem_b_rss]=$b_rss
R[mem_b_pss]=$b_pss
R[mem_b_priv]=$((b_prc + b_prd))
echo "model file: $MODEL_PATH, $model_kb kB, mapped from its snapshot $SNAP_PATH; backends mapping the installed file: $maps_source"
echo "model mapping, summed over $nb backends: Rss $m_rss kB, Pss $m_pss kB, Shared $m_shc kB, Private $((m_prc + m_prd)) kB"
echo "  per backend: Rss $((m_rss / nb)) kB (pages it touched), Pss $((m_pss / nb)) kB (its share of them)"
echo "whole backends, summed: Rss $b_rss kB, Pss $b_pss kB; private (Private_Clean + Private_Dirty) $((b_prc + b_prd)) kB = $(((b_prc + b_prd) / nb)) kB per backend"
q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'persner-bench-idle'" >/dev/null
for p in "${IDLE_PIDS[@]}"; do wait "$p" 2>/dev/null; done
IDLE_PIDS=()

# --- one statement, 100,000 rows ----------------------------------------------------------------

say "memory: one backend tags $ROWS rows in one statement"
q -c "CREATE TABLE docs AS SELECT i AS id, gen.sentence(i) AS body FROM generate_series(1, $ROWS) i" \
	-c "VACUUM ANALYZE docs" || die "docs"
q -c "COPY (SELECT body FROM docs ORDER BY id) TO STDOUT" >"$OUT/docs.txt"
DOC_TOKENS=$(bin/persner bench --model "$MODEL" --seconds 0 "$OUT/docs.txt" | sed -n 's/^text.* documents, \([0-9]*\) tokens.*/\1/p')
MEMQ="SELECT pg_backend_pid() AS pid,
	substring(pg_read_file('/proc/self/status') from 'VmRSS:\s+(\d+)')::int AS vmrss,
	substring(pg_read_file('/proc/self/status') from 'RssAnon:\s+(\d+)')::int AS rssanon,
	(SELECT sum(total_bytes) / 1024 FROM pg_backend_memory_contexts)::int AS ctx"
# mem_stmt KEY STMT - run STMT in a fresh backend (after one warm-up call),
# sampling its RssAnon every 0.2 s; sets R[KEY_*].  jit is off: a statement
# this costly is JIT-compiled, and loading LLVM alone adds 10-25 MB of
# private memory to the backend, which is PostgreSQL's, not persner's.
mem_stmt()
{
	local key=$1 stmt=$2 client pid= peak=0 v before after ms rss0 rss1 anon0 anon1 ctx0 ctx1 i
	psql -XAtq -F ' ' -v ON_ERROR_STOP=1 \
		-c "SET application_name = 'persner-bench-mem'" -c "SET max_parallel_workers_per_gather = 0" \
		-c "SET jit = off" \
		-c "SELECT count(*) FROM persner_tag('$MODEL_NAME', 'سخنگوی وزارت نفت امروز در تهران گفت.')" \
		-c "$MEMQ" -c "SELECT pg_sleep(1)" \
		-c "\\timing on" -c "$stmt" -c "\\timing off" -c "$MEMQ" >"$OUT/mem-$key.txt" 2>&1 &
	client=$!
	for i in $(seq 1 100); do
		pid=$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'persner-bench-mem'")
		[ -n "$pid" ] && break
		sleep 0.1
	done
	while kill -0 "$client" 2>/dev/null; do
		v=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
		[ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v
		sleep 0.2
	done
	wait "$client" || { cat "$OUT/mem-$key.txt"; die "the $ROWS-row statement failed"; }
	# lines: warm count, before (pid vmrss rssanon ctx), sleep, result, Time:, after
	before=$(grep -E '^[0-9]+ [0-9]+ [0-9]+ [0-9]+$' "$OUT/mem-$key.txt" | sed -n 1p)
	after=$(grep -E '^[0-9]+ [0-9]+ [0-9]+ [0-9]+$' "$OUT/mem-$key.txt" | sed -n 2p)
	ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$OUT/mem-$key.txt")
	read -r _ rss0 anon0 ctx0 <<<"$before"
	read -r _ rss1 anon1 ctx1 <<<"$after"
	R[${key}_s]=$(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }')
	R[${key}_tps]=$(awk -v ms="$ms" -v t="$DOC_TOKENS" 'BEGIN { printf "%.0f", t / (ms / 1000) }')
	R[${key}_anon0]=$anon0; R[${key}_anon1]=$anon1; R[${key}_peak]=$peak
	R[${key}_ctx0]=$ctx0; R[${key}_ctx1]=$ctx1
	echo "statement: $stmt"
	echo "  $ROWS rows, $DOC_TOKENS tokens in ${R[${key}_s]} s (${R[${key}_tps]} tokens/s)"
	echo "  VmRSS   $rss0 kB -> $rss1 kB ($((rss1 - rss0)) kB; includes the shared buffers the scan touched)"
	echo "  RssAnon $anon0 kB -> $anon1 kB ($((anon1 - anon0)) kB), peak during the statement $peak kB"
	echo "  memory contexts $ctx0 kB -> $ctx1 kB"
}
mem_stmt tag "SELECT count(*) FROM docs d, persner_tag('$MODEL_NAME', d.body) t"
mem_stmt ent "SELECT sum(cardinality(persner_entities('$MODEL_NAME', body))) FROM docs"

# --- summary --------------------------------------------------------------------------------

mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
kfmt() { awk -v n="$1" 'BEGIN { if (n >= 1e6) printf "%.2f M", n / 1e6; else printf "%.0f k", n / 1e3 }'; }
IFS='|' read -r c1_50 c1_99 c1_rows _ <<<"${R[lat_contains1]}"
IFS='|' read -r c2_50 c2_99 c2_rows _ <<<"${R[lat_contains2]}"
IFS='|' read -r o3_50 o3_99 o3_rows _ <<<"${R[lat_overlap3]}"
T_TOTAL=$(($(date +%s) - T_START))
{
	printf '\n== summary (make bench, %d s; %s cores; PostgreSQL %s; model %s, %s)\n\n' "$T_TOTAL" "$(nproc)" \
		"$(q -c 'SHOW server_version' | awk '{print $1}')" "$MODEL_NAME" "$(mb "$model_kb")"
	printf '| %-58s | %-34s |\n' "measure" "result"
	printf '|%s|%s|\n' "$(printf -- '-%.0s' $(seq 60))" "$(printf -- '-%.0s' $(seq 36))"
	row() { printf '| %-58s | %-34s |\n' "$1" "$2"; }
	[ -z "${R[core_farsnews]:-}" ] ||
		row "core: bin/persner bench, farsnews.txt, 1 core" "$(kfmt "${R[core_farsnews]}") tokens/s"
	row "core: bin/persner bench, the $ARTICLES articles, 1 core" "$(kfmt "${R[core_articles]}") tokens/s"
	row "core: model open (open + mmap + validate + checksum)" "${R[core_open_articles]} ms"
	row "SQL: persner_entities over $ARTICLES articles, serial" "$(kfmt "${R[sql_serial]}") tokens/s (${R[sql_serial_s]} s)"
	row "SQL: same, 2 parallel workers + leader" "$(kfmt "${R[sql_par]}") tokens/s (${R[sql_par_s]} s)"
	row "SQL: ADD COLUMN entities GENERATED ... STORED (rewrite)" "${R[alter_s]} s ($(kfmt "${R[alter_tps]}") tokens/s)"
	row "SQL: $ROWS rows, one statement, persner_tag" "${R[tag_s]} s ($(kfmt "${R[tag_tps]}") tokens/s)"
	row "SQL: $ROWS rows, one statement, persner_entities" "${R[ent_s]} s ($(kfmt "${R[ent_tps]}") tokens/s)"
	row "GIN: CREATE INDEX on entities ($ARTICLES rows)" "${R[gin_s]} s (${R[gin_size]})"
	row "GIN: entities @> ARRAY[e], p50 / p99" "$c1_50 / $c1_99 ms ($c1_rows rows)"
	row "GIN: entities @> ARRAY[e1, e2], p50 / p99" "$c2_50 / $c2_99 ms ($c2_rows rows)"
	row "GIN: entities && ARRAY[e1, e2, e3], p50 / p99" "$o3_50 / $o3_99 ms ($o3_rows rows)"
	row "fresh backend: first persner call, median of $OPEN_BACKENDS" "${R[open_first]} ms (then ${R[open_second]} ms)"
	row "same, model padded to 50 MB" "${R[open_first_big]} ms (then ${R[open_second_big]} ms)"
	row "50 MB model: first backend after install (verify)" "${R[open_verify_big]} ms"
	row "500 first page touches, file written in small pieces" "${R[touch_small]} us"
	row "500 first page touches, written 2 MB at a time (snapshots)" "${R[touch_huge]} us"
	row "$BACKENDS backends: model mapping Rss, summed" "$(mb "${R[mem_m_rss]}")"
	row "$BACKENDS backends: model mapping Pss, summed" "$(mb "${R[mem_m_pss]}") (file $(mb "$model_kb"))"
	row "$BACKENDS backends: model pages shared" "$(mb "${R[mem_m_shc]}")"
	row "$BACKENDS backends: model pages private (copied)" "$(mb "${R[mem_m_priv]}")"
	row "$BACKENDS backends: private memory per backend" "$(mb $(( R[mem_b_priv] / R[mem_n] )))"
	row "$ROWS rows, persner_tag: RssAnon before -> after" "$(mb "${R[tag_anon0]}") -> $(mb "${R[tag_anon1]}") (peak $(mb "${R[tag_peak]}"))"
	row "$ROWS rows, persner_tag: memory contexts" "$(mb "${R[tag_ctx0]}") -> $(mb "${R[tag_ctx1]}")"
	row "$ROWS rows, persner_entities: RssAnon before -> after" "$(mb "${R[ent_anon0]}") -> $(mb "${R[ent_anon1]}") (peak $(mb "${R[ent_peak]}"))"
	row "$ROWS rows, persner_entities: memory contexts" "$(mb "${R[ent_ctx0]}") -> $(mb "${R[ent_ctx1]}")"
} | tee "$OUT/summary.txt"
