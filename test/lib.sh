# test/lib.sh - what every test script shares: counts, ok / not ok, the summary line, psql
#
#   . "$REPO/test/lib.sh"
#   ok NAME | not_ok NAME          count one result and print it ("ok - NAME")
#   check NAME 'SHELL TEST'        ok when the test (eval'd) succeeds
#   note TEXT                      a comment line ("# TEXT")
#   skip_all WHY                   say why, print "0 passed, 0 failed", exit 0
#   summary                        print "N passed, N failed"; status 0 when none failed
#   pq ARGS...                     psql: no psqlrc, unaligned, tuples only, quiet, stop on error
#
# test/run-tests.sh counts a suite by its last "N passed, N failed" line.

PASSED=0
FAILED=0

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
note() { echo "# $*"; }
summary()
{
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}
skip_all()
{
	echo "# skipped: $*"
	echo "0 passed, 0 failed"
	exit 0
}
pq() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
