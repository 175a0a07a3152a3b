#!/usr/bin/env bash
# test/load/pgbench.sh - load test: many clients tagging mixed documents
#
#   bash test/load/pgbench.sh [-c CLIENTS] [-T SECONDS] [-j THREADS] [-n NDOCS]
#
# Defaults: 16 clients, 60 s, 2 threads, 1000 documents.  Runs against the
# cluster in PGHOST/PGPORT/PGUSER/PGDATABASE if one answers there, else
# starts a throwaway one with test/pg-env.sh (and stops it at the end).
#
#   1. setup.sql creates load_docs: NDOCS generated documents of 1 to 40
#      sentences (Persian with Latin, Arabic, Urdu, emoji, bidi marks, long
#      tokens), from the one generator (sql/fixtures/gen.sql)
#   2. pgbench -M prepared runs tag.sql (persner_tag) and entities.sql
#      (persner_entities) half and half over random documents
#   3. while it runs, every pgbench backend's memory is read from /proc
#      (RssAnon: its private memory; Pss from smaps_rollup) once after a
#      warm-up (start) and once at three quarters of the run (end)
#
# Prints the throughput, the failed transactions and aborted clients, and
# per backend its memory at start and end, then one line
#   "load: PASS" or "load: FAIL (...)"
# PASS means: no failed transaction or aborted client, every client did
# work, and no backend's private memory grew by more than MEM_SLACK_KB
# (default 4096) between the samples.  Exit status 0 on PASS.

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1

CLIENTS=16
DURATION=60
THREADS=2
NDOCS=1000
MEM_SLACK_KB=${MEM_SLACK_KB:-4096}
while getopts "c:T:j:n:" opt; do
	case $opt in
		c) CLIENTS=$OPTARG ;;
		T) DURATION=$OPTARG ;;
		j) THREADS=$OPTARG ;;
		n) NDOCS=$OPTARG ;;
		*) sed -n '2,27p' "$0"; exit 2 ;;
	esac
done

OUT=$REPO/build/load
mkdir -p "$OUT"

# a cluster: the one in the environment, or a throwaway one
if ! psql -XAtqc 'SELECT 1' >/dev/null 2>&1; then
	# shellcheck source=test/pg-env.sh
	. "$REPO/test/pg-env.sh"
	trap pgenv_stop_all EXIT
	pgenv_start load || { echo "load: FAIL (no cluster)"; exit 1; }
fi
PSQL=(psql -XAtq -v ON_ERROR_STOP=1)
PGBENCH=pgbench
[ -n "${PGENV_BINDIR:-}" ] && [ -x "$PGENV_BINDIR/pgbench" ] && PGBENCH=$PGENV_BINDIR/pgbench

echo "== setup: $NDOCS documents"
"${PSQL[@]}" -v ndocs="$NDOCS" -f test/load/setup.sql || { echo "load: FAIL (setup)"; exit 1; }
"${PSQL[@]}" -c "SELECT count(*) FROM load_docs d, persner_tag(d.body) WHERE d.id <= 20" >/dev/null ||
	{ echo "load: FAIL (persner_tag does not work)"; exit 1; }
read -r DOC_BYTES DOC_CHARS < <("${PSQL[@]}" -F ' ' -c \
	"SELECT round(avg(octet_length(body))), round(avg(length(body))) FROM load_docs")

# sample LABEL - one line per pgbench backend, "pid RssAnon_kB Pss_kB", into
# $OUT/mem-LABEL.txt.  A sample that fails is an error, never an empty or
# short list: the query must succeed and list CLIENTS pgbench backends, /proc
# must answer for every one of them, and pgbench must still be running when
# the sample is complete (else its backends may be gone half-way: under load a
# sample that forked two awks per backend took seconds, and one taken 3 s
# before the end found none alive).  One psql, one grep and one awk, whatever
# the number of backends.  On failure it says why on stdout, appends the
# reason to SAMPLE_ERRORS and returns 1.
SAMPLE_ERRORS=()
sample()
{
	local pids pid files=() n at=$((SECONDS - T_BENCH)) why=
	: >"$OUT/mem-$1.txt"
	if ! pids=$("${PSQL[@]}" -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench' ORDER BY pid" \
			2>"$OUT/sample-$1.err"); then
		why="the query failed: $(head -n 1 "$OUT/sample-$1.err")"
	else
		for pid in $pids; do
			files+=("/proc/$pid/status" "/proc/$pid/smaps_rollup")
		done
		n=$(echo $pids | wc -w)
		if [ "$n" -gt 0 ]; then
			grep -H -E '^(RssAnon|Pss):' "${files[@]}" 2>/dev/null |
				awk -F'[/:]+' '{ v[$3, $5] = $6 + 0; seen[$3] = 1 }
					END { for (p in seen) if ((p, "RssAnon") in v && (p, "Pss") in v)
							print p, v[p, "RssAnon"], v[p, "Pss"] }' |
				sort -n >"$OUT/mem-$1.txt"
		fi
		if ! kill -0 "$BENCH" 2>/dev/null; then
			why="pgbench had ended before the sample was complete"
		elif [ "$n" -ne "$CLIENTS" ]; then
			why="pg_stat_activity lists $n pgbench backends, not $CLIENTS"
		elif [ "$(wc -l <"$OUT/mem-$1.txt")" -ne "$n" ]; then
			why="/proc answered for $(wc -l <"$OUT/mem-$1.txt") of the $n backends"
		fi
	fi
	echo "memory sample $1: from ${at} s to $((SECONDS - T_BENCH)) s, $(wc -l <"$OUT/mem-$1.txt") backends${why:+ (FAILED: $why)}"
	[ -z "$why" ] && return 0
	SAMPLE_ERRORS+=("$1 memory sample: $why")
	return 1
}

WARMUP=$((DURATION / 6))
[ "$WARMUP" -ge 2 ] || WARMUP=2
# the late sample at three quarters of the run, timed from pgbench's start:
# sampling itself takes a second or more on a loaded machine, and a sample
# taken as pgbench ends finds its backends gone
LATE=$((DURATION * 3 / 4))
[ "$LATE" -gt "$WARMUP" ] || LATE=$((WARMUP + 1))

echo "== pgbench: $CLIENTS clients, $THREADS threads, ${DURATION} s (memory sampled at ${WARMUP} s and ${LATE} s)"
"$PGBENCH" -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -D ndocs="$NDOCS" \
	-f test/load/tag.sql@1 -f test/load/entities.sql@1 -P 10 >"$OUT/pgbench.log" 2>&1 &
BENCH=$!
T_BENCH=$SECONDS
sleep "$WARMUP"
sample start
rest=$((LATE - (SECONDS - T_BENCH)))
[ "$rest" -le 0 ] || sleep "$rest"
sample end
wait "$BENCH"
RC=$?
cat "$OUT/pgbench.log"

TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.log" | tail -n 1)
PROCESSED=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/pgbench.log")
FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.log")
ABORTED=$(grep -c "aborted in command\|client [0-9]* aborted" "$OUT/pgbench.log")
ERRORS=$(grep -c "ERROR:" "$OUT/pgbench.log")
FAILED=${FAILED:-0}

echo
echo "== result"
printf 'throughput           %s transactions/s = documents/s (avg %s bytes, %s characters a document)\n' \
	"${TPS:-?}" "$DOC_BYTES" "$DOC_CHARS"
if [ -n "$TPS" ]; then
	awk -v t="$TPS" -v b="$DOC_BYTES" 'BEGIN { printf "                     %.2f MB/s of text over all clients\n", t * b / 1e6 }'
fi
printf 'transactions         %s processed, %s failed, %s clients aborted, %s ERROR lines\n' \
	"${PROCESSED:-0}" "$FAILED" "$ABORTED" "$ERRORS"

echo
echo "per-backend memory (kB): RssAnon = private memory, Pss = proportional share incl. the mapped model"
printf '%8s %12s %12s %8s %12s %12s\n' pid anon_start anon_end delta pss_start pss_end
GREW=0
NB=0
while read -r pid a0 p0; do
	read -r a1 p1 < <(awk -v p="$pid" '$1 == p { print $2, $3 }' "$OUT/mem-end.txt")
	[ -n "${a1:-}" ] || continue	# not in the end sample: an error, counted below
	NB=$((NB + 1))
	d=$((a1 - a0))
	printf '%8s %12s %12s %8s %12s %12s\n' "$pid" "$a0" "$a1" "$d" "$p0" "$p1"
	[ "$d" -le "$MEM_SLACK_KB" ] || GREW=$((GREW + 1))
done <"$OUT/mem-start.txt"
awk 'NR == FNR { s[$1] = $2; next } ($1 in s) { n++; a += s[$1]; b += $2; if ($2 - s[$1] > m) m = $2 - s[$1] }
	END { if (n) printf "backends %d: mean RssAnon %.1f MB -> %.1f MB, largest growth %d kB\n", n, a / n / 1024, b / n / 1024, m }' \
	"$OUT/mem-start.txt" "$OUT/mem-end.txt"

WHY=()
[ "$RC" -eq 0 ] || WHY+=("pgbench exit status $RC")
[ "${PROCESSED:-0}" -gt 0 ] || WHY+=("no transaction processed")
[ "$FAILED" -eq 0 ] || WHY+=("$FAILED failed transactions")
[ "$ABORTED" -eq 0 ] || WHY+=("$ABORTED clients aborted")
[ "$ERRORS" -eq 0 ] || WHY+=("$ERRORS errors")
WHY+=("${SAMPLE_ERRORS[@]}")
[ "$NB" -ge "$CLIENTS" ] || WHY+=("memory sampled for $NB of $CLIENTS backends")
[ "$GREW" -eq 0 ] || WHY+=("$GREW backends grew by more than $MEM_SLACK_KB kB")
if [ ${#WHY[@]} -eq 0 ]; then
	echo "load: PASS"
	exit 0
fi
echo "load: FAIL ($(IFS=';'; echo "${WHY[*]}"))"
exit 1
