#!/bin/sh
# train.sh RECIPE NAME [train options...]: one experiment
#
# Trains `make model`'s RECIPE (peyma or fa10, the Makefile's TRAIN_OPTS or
# FA10_OPTS) with the project's lists and the options given after it, into
# $OUT/NAME.model and its card, then scores it: peyma on PEYMA dev, fa10 on
# PEYMA dev (PEYMA's seven labels) and on the ARMAN dev split (ARMAN's six).
# Appends one line to $OUT/results.txt: the time, the options, the scores.
#
# Environment: OUT (default /tmp/persner-exp), BIN (a copy is kept in
# $OUT/bins/NAME, so that a model trained with a flag still in flux is
# scored by the build that trained it), CORPUS_DIR, GAZETTEER_DIR,
# THREADS (default 1: two experiments at a time on a 2-core machine),
# PARTIAL (a file read in place of arman/train.txt, such as one written by
# arman-relabel.py).  Run from anywhere; it works in the source tree.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 peyma|fa10 NAME [train options...]" >&2; exit 2; }
recipe=$1; name=$2; shift 2
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/persner-exp}
CORPUS_DIR=${CORPUS_DIR:-../shared/corpora}
GAZETTEER_DIR=${GAZETTEER_DIR:-../shared/gazetteers}
case $recipe in
	peyma) opts=$(make -s --no-print-directory train-opts CORPUS_DIR="$CORPUS_DIR") ;;
	fa10) opts=$(make -s --no-print-directory fa10-opts CORPUS_DIR="$CORPUS_DIR") ;;
	*) echo "$0: recipe is peyma or fa10" >&2; exit 2 ;;
esac
if [ -n "${PARTIAL:-}" ]; then
	opts=$(echo "$opts" | sed "s|--partial $CORPUS_DIR/arman/train.txt|--partial $PARTIAL|")
fi
mkdir -p "$OUT/bins"
cp "${BIN:-bin/persner}" "$OUT/bins/$name.$$" && mv -f "$OUT/bins/$name.$$" "$OUT/bins/$name"
bin=$OUT/bins/$name
start=$(date +%s)
rc=0
# shellcheck disable=SC2086 # the recipe is a list of options
"$bin" train --corpus-dir "$CORPUS_DIR" --gazetteer-dir "$GAZETTEER_DIR" --list-dir lists $opts \
	--threads "${THREADS:-1}" --out "$OUT/$name.model" --card "$OUT/$name.md" "$@" \
	> "$OUT/$name.log" 2>&1 || rc=$?
secs=$(($(date +%s) - start))
f1() { "$bin" eval --model "$OUT/$name.model" "$@" 2>/dev/null | awk '$1 == "overall" { print $4 }'; }
noshift=$(grep -o 'no bias shift: dev F1 [0-9.]*' "$OUT/$name.log" | head -n 1 | awk '{ print $NF }')
if [ "$recipe" = peyma ]; then
	scores="peyma dev $(f1 "$CORPUS_DIR/peyma/dev.txt") (no shifts ${noshift:-?})"
else
	scores="peyma dev $(f1 --labels PER,LOC,ORG,DAT,TIM,MON,PCT "$CORPUS_DIR/peyma/dev.txt"), arman split $(f1 --labels PER,LOC,ORG,FAC,PRO,EVE --dev-split "$CORPUS_DIR/arman/train.txt")"
fi
echo "$(date -u +%F\ %H:%M) $recipe $name rc=$rc ${secs}s [$*] $scores" >> "$OUT/results.txt"
tail -n 1 "$OUT/results.txt"
exit $rc
