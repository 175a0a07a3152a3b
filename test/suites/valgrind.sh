#!/usr/bin/env bash
# test/suites/valgrind.sh - bin/persner under memcheck on 300 generated documents
#
# The full run (3000 documents) is "bash test/valgrind.sh".  Skipped when
# valgrind is not installed.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
if ! command -v valgrind >/dev/null; then
	echo "# skipped: valgrind not installed (apt-get install valgrind)"
	echo "0 passed, 0 failed"
	exit 0
fi
bash test/valgrind.sh "${VALGRIND_DOCS:-300}"
