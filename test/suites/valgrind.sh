#!/usr/bin/env bash
# test/suites/valgrind.sh - bin/persner under valgrind memcheck: no leak, no invalid read
#
#   bash test/suites/valgrind.sh [NDOCS]
#
# Writes NDOCS (default $VALGRIND_DOCS, or 300 as make test runs it; the
# full run is NDOCS = 3000) documents of the one generator,
# sql/fixtures/gen.sql (Persian news-style sentences with names, dates,
# numbers, made hostile in its 16 ways: Latin, Arabic and Urdu, emoji, bidi
# marks, Arabic letter forms, diacritics, control characters, long tokens),
# deterministically, into build/valgrind/, and runs
#
#   valgrind --leak-check=full --error-exitcode=1 bin/persner tag ...
#
# over them: all documents as one input in each output format (tsv, json,
# conll), the same documents one token a line (--pretokenized), a few
# dozen separate documents (one process each: start-up and tear-down), and
# the error paths (invalid UTF-8, empty input, missing, truncated and
# corrupted model files, unknown options), and persner dict (a good list,
# a refused one, tagging and info with the dictionary model).  Every run must end without a
# memcheck error or a definite/possible leak; each is one "ok"/"not ok"
# line, then "N passed, N failed".  Exit status 0 when all pass.
#
# The generator is SQL: the documents come from the cluster test/run-tests.sh
# gives the suites (in a transaction rolled back), or from a throwaway one
# (test/pg-env.sh) when none answers.
#
# Environment: MODEL (model/peyma.model), PERSNER (bin/persner).
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"

NDOCS=${1:-${VALGRIND_DOCS:-300}}
MODEL=${MODEL:-model/peyma.model}
PERSNER=${PERSNER:-bin/persner}
OUT=build/valgrind
mkdir -p "$OUT"

command -v valgrind >/dev/null || skip_all "valgrind not installed (apt-get install valgrind)"
[ -x "$PERSNER" ] || make -s bin/persner >/dev/null || { not_ok "could not build $PERSNER"; summary; exit 1; }
[ -f "$MODEL" ] || { not_ok "no model at $MODEL (make model)"; summary; exit 1; }

# --- the documents ------------------------------------------------------------
# N documents of the generator, separated by a blank line
if ! pq -c 'SELECT 1' >/dev/null 2>&1; then
	# shellcheck source=test/pg-env.sh
	. "$REPO/test/pg-env.sh"
	PGENV_QUIET=1
	trap pgenv_stop_all EXIT
	pgenv_start valgrind >/dev/null || { not_ok "start a cluster for the document generator"; summary; exit 1; }
fi
pq -c 'BEGIN' -f sql/fixtures/gen.sql \
	-c "SELECT string_agg(gen.hostile(body, id), E'\n\n' ORDER BY id) || E'\n' FROM gen.docs($NDOCS, 5, -8)" \
	-c 'ROLLBACK' >"$OUT/docs.txt" || { not_ok "generate the documents (sql/fixtures/gen.sql)"; summary; exit 1; }
# one token a line, a blank line between documents
tr ' \t' '\n\n' <"$OUT/docs.txt" | awk 'NF || prev { print } { prev = NF }' >"$OUT/tokens.txt"
head -c $(( $(wc -c <"$MODEL") / 2 )) "$MODEL" >"$OUT/truncated.model"
cp "$MODEL" "$OUT/flipped.model"
printf '\xff' | dd of="$OUT/flipped.model" bs=1 seek=$(( $(wc -c <"$MODEL") / 2 )) conv=notrunc status=none
printf 'abc\xc0\xafdef تهران' >"$OUT/invalid.txt"
echo "# $NDOCS documents, $(wc -c <"$OUT/docs.txt") bytes, $(grep -c . "$OUT/tokens.txt") tokens"

# --- the runs -----------------------------------------------------------------
VG=(valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 -q)

# vg NAME EXPECTED_STATUS INPUT ARGS... - one run; passes if memcheck is clean
# and bin/persner exits with EXPECTED_STATUS (0, or 1 for the error paths)
vg()
{
	local name=$1 want=$2 input=$3 rc log=$OUT/$1.log
	shift 3
	"${VG[@]}" --log-file="$log" "$PERSNER" "$@" <"$input" >"$OUT/$name.out" 2>"$OUT/$name.err"
	rc=$?
	if [ $rc -eq 99 ] || [ -s "$log" ]; then
		not_ok "$name: memcheck errors (see $log)"
		head -n 30 "$log"
	elif [ "$want" = any ] || { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || { [ "$want" != 0 ] && [ $rc -ne 0 ]; }; then
		ok "$name (exit $rc, $(wc -l <"$OUT/$name.out") lines out)"
	else
		not_ok "$name: exit status $rc, expected $want"
		head -n 5 "$OUT/$name.err"
	fi
}

vg tag_tsv 0 "$OUT/docs.txt" tag --model "$MODEL"
vg tag_json 0 "$OUT/docs.txt" tag --model "$MODEL" --format json
vg tag_conll 0 "$OUT/docs.txt" tag --model "$MODEL" --format conll
vg tag_pretokenized 0 "$OUT/tokens.txt" tag --pretokenized --model "$MODEL"

# separate documents, one process each
awk -v RS= -v dir="$OUT" 'NR <= 24 { f = sprintf("%s/doc%02d.txt", dir, NR); printf "%s\n", $0 > f; close(f) }' "$OUT/docs.txt"
single_ok=0
single_bad=0
for f in "$OUT"/doc[0-9][0-9].txt; do
	if "${VG[@]}" --log-file="$OUT/single.log" "$PERSNER" tag --model "$MODEL" <"$f" >/dev/null 2>&1 &&
		[ ! -s "$OUT/single.log" ]; then
		single_ok=$((single_ok + 1))
	else
		single_bad=$((single_bad + 1))
		echo "# memcheck errors on $f:"
		head -n 30 "$OUT/single.log"
	fi
done
if [ $single_bad -eq 0 ]; then
	ok "$single_ok single documents, one process each"
else
	not_ok "$single_bad of $((single_ok + single_bad)) single documents"
fi

# error paths: clean exits, nothing leaked
: >"$OUT/empty.txt"
vg empty_input 0 "$OUT/empty.txt" tag --model "$MODEL"
vg invalid_utf8 1 "$OUT/invalid.txt" tag --model "$MODEL"
vg missing_model 1 "$OUT/doc01.txt" tag --model "$OUT/no-such.model"
vg truncated_model 1 "$OUT/doc01.txt" tag --model "$OUT/truncated.model"
vg flipped_model 1 "$OUT/doc01.txt" tag --model "$OUT/flipped.model"
vg directory_model 1 "$OUT/doc01.txt" tag --model "$OUT"
vg bad_format 1 "$OUT/doc01.txt" tag --model "$MODEL" --format xml
vg info 0 "$OUT/empty.txt" info "$MODEL"

# a user dictionary: compiling it (and refusing a bad list), tagging with it
DICT_NAMES=$REPO/sql/fixtures/dict-names.tsv
DICT_NEVER=$REPO/sql/fixtures/dict-never.tsv
printf 'ORG\tالف\nPER\tیک دو سه چهار پنج شش هفت هشت نه\n' >"$OUT/dict-bad.tsv"
vg dict 0 "$OUT/empty.txt" dict --base "$MODEL" --add "$DICT_NAMES" --never "$DICT_NEVER" -o "$OUT/dict.model"
vg dict_bad_list 1 "$OUT/empty.txt" dict --base "$MODEL" --add "$OUT/dict-bad.tsv" -o "$OUT/dict-bad.model"
vg dict_tag 0 "$OUT/docs.txt" tag --model "$OUT/dict.model"
vg dict_info 0 "$OUT/empty.txt" info "$OUT/dict.model"

summary
