#!/bin/sh
# cv.sh CONFIG [train options...]: peyma's recipe with the options given,
# cross-validated over the folds that folds.py wrote to $OUT/cv (3 unless
# K says otherwise).  Each fold trains on trainF.txt with testF.txt as its
# dev set, and its held-out F1 before the bias shifts (the shifts are chosen
# on that same fold) goes to $OUT/cv/results.txt, then the mean.  Environment
# as for train.sh; FOLDS picks some folds ("0 2").
#
# TEACHER=NAME distils each fold as `make model` distils peyma: the fold's
# teacher, $OUT/cv/cv-NAME-F.model (the recipe and the Makefile's
# TEACHER_OPTS, trained on trainF.txt unless it is there already), labels
# SILVER_TEXT with SILVER_OPTS, and the fold trains with that silver corpus.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CONFIG [train options...]" >&2; exit 2; }
cfg=$1; shift
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/persner-exp}
CORPUS_DIR=${CORPUS_DIR:-../shared/corpora}
GAZETTEER_DIR=${GAZETTEER_DIR:-../shared/gazetteers}
K=${K:-3}
[ -f "$OUT/cv/test0.txt" ] || CORPUS_DIR=$CORPUS_DIR python3 experiments/folds.py "$OUT/cv" "$K"
mk() { make -s --no-print-directory "$1" CORPUS_DIR="$CORPUS_DIR"; }
opts=$(mk train-opts)
mkdir -p "$OUT/bins"
# by a rename: another experiment may be running the copy there
cp "${BIN:-bin/persner}" "$OUT/bins/cv-$cfg.$$" && mv -f "$OUT/bins/cv-$cfg.$$" "$OUT/bins/cv-$cfg"
bin=$OUT/bins/cv-$cfg

# train_fold NAME F [options...]: the recipe on fold F's training part into $OUT/cv/NAME.model
train_fold()
{
	name=$1 fold=$2
	shift 2
	# shellcheck disable=SC2086 # the recipe is a list of options
	"$bin" train --corpus-dir "$CORPUS_DIR" --gazetteer-dir "$GAZETTEER_DIR" --list-dir lists \
		$opts --threads "${THREADS:-1}" --train "$OUT/cv/train$fold.txt" --dev "$OUT/cv/test$fold.txt" \
		--out "$OUT/cv/$name.model" --card "$OUT/cv/$name.md" "$@" > "$OUT/cv/$name.log" 2>&1
}

scores=
for f in ${FOLDS:-$(seq 0 $((K - 1)))}; do
	name=cv-$cfg-$f
	start=$(date +%s)
	silver=
	if [ -n "${TEACHER:-}" ]; then
		teacher=cv-$TEACHER-$f
		# shellcheck disable=SC2046 # the options are a list
		[ -f "$OUT/cv/$teacher.model" ] || train_fold "$teacher" "$f" $(mk teacher-opts)
		# shellcheck disable=SC2046
		"$bin" silver --model "$OUT/cv/$teacher.model" $(mk silver-opts) "$(mk silver-text)" \
			> "$OUT/cv/silver-$cfg-$f.txt" 2> "$OUT/cv/silver-$cfg-$f.log"
		silver="--silver $OUT/cv/silver-$cfg-$f.txt"
	fi
	# shellcheck disable=SC2086 # empty, or an option and its file
	train_fold "$name" "$f" $silver "$@"
	f1=$(grep -o 'no bias shift: dev F1 [0-9.]*' "$OUT/cv/$name.log" | head -n 1 | awk '{ print $NF }')
	echo "$(date -u +%F\ %H:%M) $name $(($(date +%s) - start))s [${TEACHER:+TEACHER=$TEACHER }$*] held-out fold F1 before shifts $f1" >> "$OUT/cv/results.txt"
	scores="$scores $f1"
done
mean=$(echo "$scores" | awk '{ for (i = 1; i <= NF; i++) s += $i; printf "%.2f over %d folds", s / NF, NF }')
echo "$(date -u +%F\ %H:%M) cv-$cfg [${TEACHER:+TEACHER=$TEACHER }$*] mean $mean" | tee -a "$OUT/cv/results.txt"
