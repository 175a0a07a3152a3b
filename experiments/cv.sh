#!/bin/sh
# cv.sh CONFIG [train options...]: peyma's recipe with the options given,
# cross-validated over the folds that folds.py wrote to $OUT/cv (3 unless
# K says otherwise).  Each fold trains on trainF.txt with testF.txt as its
# dev set, and its held-out F1 before the bias shifts (the shifts are chosen
# on that same fold) goes to $OUT/cv/results.txt, then the mean.  Environment
# as for train.sh; FOLDS picks some folds ("0 2").
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CONFIG [train options...]" >&2; exit 2; }
cfg=$1; shift
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/persner-exp}
CORPUS_DIR=${CORPUS_DIR:-../shared/corpora}
GAZETTEER_DIR=${GAZETTEER_DIR:-../shared/gazetteers}
K=${K:-3}
[ -f "$OUT/cv/test0.txt" ] || CORPUS_DIR=$CORPUS_DIR python3 experiments/folds.py "$OUT/cv" "$K"
opts=$(make -s --no-print-directory train-opts CORPUS_DIR="$CORPUS_DIR")
mkdir -p "$OUT/bins"
# by a rename: another experiment may be running the copy there
cp "${BIN:-bin/persner}" "$OUT/bins/cv-$cfg.$$" && mv -f "$OUT/bins/cv-$cfg.$$" "$OUT/bins/cv-$cfg"
scores=
for f in ${FOLDS:-$(seq 0 $((K - 1)))}; do
	name=cv-$cfg-$f
	start=$(date +%s)
	# shellcheck disable=SC2086 # the recipe is a list of options
	"$OUT/bins/cv-$cfg" train --corpus-dir "$CORPUS_DIR" --gazetteer-dir "$GAZETTEER_DIR" --list-dir lists \
		$opts --threads "${THREADS:-1}" --train "$OUT/cv/train$f.txt" --dev "$OUT/cv/test$f.txt" \
		--out "$OUT/cv/$name.model" --card "$OUT/cv/$name.md" "$@" > "$OUT/cv/$name.log" 2>&1
	f1=$(grep -o 'no bias shift: dev F1 [0-9.]*' "$OUT/cv/$name.log" | head -n 1 | awk '{ print $NF }')
	echo "$(date -u +%F\ %H:%M) $name $(($(date +%s) - start))s [$*] held-out fold F1 before shifts $f1" >> "$OUT/cv/results.txt"
	scores="$scores $f1"
done
mean=$(echo "$scores" | awk '{ for (i = 1; i <= NF; i++) s += $i; printf "%.2f over %d folds", s / NF, NF }')
echo "$(date -u +%F\ %H:%M) cv-$cfg [$*] mean $mean" | tee -a "$OUT/cv/results.txt"
