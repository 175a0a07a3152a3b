#!/usr/bin/env bash
# test/suites/complexity.sh - the core runs in linear time on hostile text
#
# build/complexity (test/complexity/complexity.c) times the whole tagging
# pipeline and the one-piece normalizer on N and 8N bytes of each hostile
# pattern (runs of every terminator and closer and mixtures, one long
# token, digit runs, ZWNJ, bidi and combining-mark runs, alternating
# scripts, a long sentence with no terminator, ...) in one run, and fails
# a pattern whose time ratio exceeds 20 (linear: 8, quadratic: 64).
# One count per pattern and stage.  By hand:
#   make build/complexity && build/complexity model/peyma.model
# Environment: COMPLEXITY_BYTES (N, 65536), COMPLEXITY_REPS (3).
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1

${MAKE:-make} -s build/complexity >build/complexity.log 2>&1 ||
	{ cat build/complexity.log; echo "not ok - build/complexity does not build"; echo "0 passed, 1 failed"; exit 1; }
if [ ! -f model/peyma.model ]; then
	echo "not ok - model/peyma.model is missing"
	echo "0 passed, 1 failed"
	exit 1
fi
nice -n 5 build/complexity -n "${COMPLEXITY_BYTES:-65536}" -r "${COMPLEXITY_REPS:-3}" model/peyma.model
