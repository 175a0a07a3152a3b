#!/usr/bin/env bash
# test/suites/load-smoke.sh - a short load test: 4 clients, 15 s
#
# test/load/pgbench.sh against the suite's cluster: persner_tag and
# persner_entities on mixed generated documents; passes with zero failed
# transactions and flat per-backend memory.  The full run (16 clients,
# 60 s) is "bash test/load/pgbench.sh".
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1

bash test/load/pgbench.sh -c "${LOAD_CLIENTS:-4}" -T "${LOAD_SECONDS:-15}" -n 300
rc=$?
if [ $rc -eq 0 ]; then
	echo "ok - load: no error, memory flat"
	echo "1 passed, 0 failed"
else
	echo "not ok - load (see build/load/pgbench.log)"
	echo "0 passed, 1 failed"
fi
exit $rc
