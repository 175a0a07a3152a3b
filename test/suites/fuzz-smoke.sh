#!/usr/bin/env bash
# test/suites/fuzz-smoke.sh - every libFuzzer target for a short period
#
# Runs test/fuzz/run-fuzz.sh with FUZZ_SECONDS (default 30) per target, the
# targets in parallel: fuzz_text (normalize + tokenize), fuzz_tag (the whole
# pipeline with the real model) and fuzz_model (the model reader, tagger
# over hostile model files) and fuzz_values (the value parser).  One count per target: passed if it built and
# ran without a finding.  Skipped (counted as passed, with a note) when
# clang or its fuzzer runtime is missing.  The long runs are
#   bash test/fuzz/run-fuzz.sh -t 600
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1

TARGETS=(fuzz_text fuzz_tag fuzz_model fuzz_values)
PROBE=$(mktemp -d)
trap 'rm -rf "$PROBE"' EXIT
if ! command -v "${CLANG:-clang}" >/dev/null ||
	! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
		"${CLANG:-clang}" -x c -fsanitize=fuzzer -o "$PROBE/probe" - >/dev/null 2>&1; then
	echo "# skipped: clang with libFuzzer not available (apt-get install clang libclang-rt-14-dev)"
	echo "0 passed, 0 failed"
	exit 0
fi

bash test/fuzz/run-fuzz.sh -t "${FUZZ_SECONDS:-30}" "${TARGETS[@]}"
P=0
F=0
for t in "${TARGETS[@]}"; do
	if grep -qs "^$t: ok" "build/fuzz/$t.status"; then
		echo "ok - $t"
		P=$((P + 1))
	else
		echo "not ok - $t: $(cat "build/fuzz/$t.status" 2>/dev/null || echo 'no status')"
		F=$((F + 1))
	fi
done
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
