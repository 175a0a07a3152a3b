#!/bin/sh
# distill-cv.sh CONFIG [train options...]: make model's distilled peyma,
# cross-validated over the folds of cv.sh.  For each fold F: the teacher
# (the recipe with the Makefile's TEACHER_OPTS, trained on trainF.txt by
# cv.sh as $OUT/cv/cv-$TEACHER-F.model, kept if it is there already) labels
# SILVER_TEXT with SILVER_OPTS (persner silver), and the student (the recipe,
# that silver corpus and the options given) is trained on trainF.txt and
# scored on testF.txt, as cv.sh scores (results in $OUT/cv/results.txt).
# Environment as for cv.sh; TEACHER names the teachers (default CONFIG-teacher);
# FOLDS picks some folds.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CONFIG [train options...]" >&2; exit 2; }
cfg=$1; shift
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/persner-exp}
CORPUS_DIR=${CORPUS_DIR:-../shared/corpora}
K=${K:-3}
teacher=${TEACHER:-$cfg-teacher}
mk() { make -s --no-print-directory "$1" CORPUS_DIR="$CORPUS_DIR"; }
for f in ${FOLDS:-$(seq 0 $((K - 1)))}; do
	# shellcheck disable=SC2046 # the options are a list
	[ -f "$OUT/cv/cv-$teacher-$f.model" ] || FOLDS=$f experiments/cv.sh "$teacher" $(mk teacher-opts)
	# shellcheck disable=SC2046
	"${BIN:-bin/persner}" silver --model "$OUT/cv/cv-$teacher-$f.model" $(mk silver-opts) \
		"$(mk silver-text)" > "$OUT/cv/silver-$cfg-$f.txt"
	FOLDS=$f experiments/cv.sh "$cfg" --silver "$OUT/cv/silver-$cfg-$f.txt" "$@"
done
