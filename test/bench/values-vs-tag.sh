#!/usr/bin/env bash
# test/bench/values-vs-tag.sh - persner_values against persner_tag over one table, in one run
#
#   bash test/bench/values-vs-tag.sh [ARTICLES] [ROUNDS]
#
# Starts a throwaway cluster (test/pg-env.sh), generates ARTICLES (10,000)
# articles with sql/fixtures/gen.sql, counts their tokens with
# bin/persner, then runs, ROUNDS (5) times in turn,
#   SELECT count(*) FROM articles, persner_tag('peyma', body)
#   SELECT count(*) FROM articles, persner_values('peyma', body, date '2024-06-04')
# serially (no parallel workers) and prints each one's Execution Time
# (EXPLAIN ANALYZE, TIMING OFF), the medians as tokens/s, and the ratio.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
ARTICLES=${1:-10000}
ROUNDS=${2:-5}
# shellcheck source=test/pg-env.sh
. "$REPO/test/pg-env.sh"
PGENV_QUIET=1
trap pgenv_stop_all EXIT
pgenv_start vbench || { echo "could not start a cluster" >&2; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
q -c "CREATE EXTENSION persner" -f sql/fixtures/gen.sql >/dev/null || exit 1
q -c "CREATE TABLE articles AS SELECT id, body FROM gen.docs($ARTICLES)" \
  -c "VACUUM ANALYZE articles" || exit 1
tmp=$(mktemp)
q -c "COPY (SELECT body FROM articles ORDER BY id) TO STDOUT" >"$tmp"
TOKENS=$(bin/persner bench --seconds 0 "$tmp" | sed -n 's/^text.* documents, \([0-9]*\) tokens.*/\1/p')
rm -f "$tmp"
echo "$ARTICLES articles, $TOKENS tokens"
ms()
{
	q -c "SET max_parallel_workers_per_gather = 0" -c "SET jit = off" \
	  -c "EXPLAIN (ANALYZE, TIMING OFF) $1" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p'
}
TAG=(); VAL=()
q -c "SELECT count(*) FROM articles, persner_values('peyma', body, date '2024-06-04')" >/dev/null	# warm-up
for r in $(seq "$ROUNDS"); do
	TAG+=("$(ms "SELECT count(*) FROM articles, persner_tag('peyma', body)")")
	VAL+=("$(ms "SELECT count(*) FROM articles, persner_values('peyma', body, date '2024-06-04')")")
	echo "round $r: persner_tag ${TAG[-1]} ms, persner_values ${VAL[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mt=$(median "${TAG[@]}"); mv=$(median "${VAL[@]}")
awk -v t="$TOKENS" -v a="$mt" -v b="$mv" 'BEGIN {
	printf "persner_tag     median %.0f ms, %.0f tokens/s\n", a, t / (a / 1000)
	printf "persner_values  median %.0f ms, %.0f tokens/s\n", b, t / (b / 1000)
	printf "values / tag    %.3f (time)\n", b / a }'
