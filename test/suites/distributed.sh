#!/usr/bin/env bash
# test/suites/distributed.sh - the scale-out suite (coordinator + 2 shards, postgres_fdw); see test/distributed/
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/test/distributed/run-distributed.sh" "$@"
