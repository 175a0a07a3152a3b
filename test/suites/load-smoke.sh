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

# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"

if bash test/load/pgbench.sh -c "${LOAD_CLIENTS:-4}" -T "${LOAD_SECONDS:-15}" -n 300; then
	ok "load: no error, memory flat"
else
	not_ok "load (see build/load/pgbench.log)"
fi
summary
