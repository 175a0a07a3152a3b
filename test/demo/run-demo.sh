#!/usr/bin/env bash
# test/demo/run-demo.sh - "make demo": tag 34 Persian news articles in a throwaway cluster
#
#   1. installs the Debian packages that are missing (test/deps.sh build pg):
#      as root with apt-get; otherwise it prints the exact apt-get line and stops
#   2. builds persner (make)
#   3. installs it into a private tree and starts a throwaway PostgreSQL 15
#      cluster from it (test/pg-env.sh; nothing outside a temporary directory
#      is touched, as root or not)
#   4. loads test/demo/articles.sql, runs test/demo/demo.sql: persner_tag,
#      the generated entity[] column and its GIN index, entities per label,
#      the most mentioned organizations and people, the articles that mention
#      one entity with persner_headline marking it
#
# Right-to-left text: terminals that implement the Unicode BiDi algorithm
# (GNOME Terminal and other VTE ones, Konsole, mlterm) show the Persian
# output as it is.  tmux, screen and xterm do not: there it would read
# backwards, so the output goes through fribidi (package libfribidi-bin),
# which reorders and shapes it for display.  DEMO_BIDI=visual forces that,
# DEMO_BIDI=logical turns it off; the default (auto) uses it inside tmux,
# screen and xterm when fribidi is installed.
#
# DEMO_KEEP=1 leaves the cluster running and prints how to connect to it
# (stop it with "bash test/pg-env.sh stop").  NO_COLOR=1 marks entities with
# [ ] instead of ANSI colour (the default when the output is not a terminal).

set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
export LC_ALL=C.UTF-8

say() { printf '\033[1m%s\033[0m\n' "$*"; }
[ -t 1 ] || say() { printf '%s\n' "$*"; }

say "persner demo: checking packages"
bash test/deps.sh build pg </dev/null

say "persner demo: building"
mkdir -p build
make -s -j"$(nproc)" >build/demo-make.log 2>&1 ||
	{ cat build/demo-make.log; echo "demo: make failed" >&2; exit 1; }

if ! compgen -G 'model/*.model' >/dev/null; then
	echo "demo: no trained model in model/ (make model builds model/peyma.model)" >&2
	exit 1
fi

# shellcheck source=test/pg-env.sh
. test/pg-env.sh
PGENV_QUIET=1
if [ "${DEMO_KEEP:-0}" = 1 ]; then
	trap - EXIT
else
	trap pgenv_stop_all EXIT
fi
trap 'exit 130' INT TERM

say "persner demo: starting a throwaway PostgreSQL cluster with persner installed"
pgenv_start demo
echo "  PostgreSQL $(psql -XAtc 'SHOW server_version') on 127.0.0.1:$PGPORT (socket $PGHOST)"

export PGDATABASE=persner_demo
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE persner_demo'
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION persner'
psql -X -q -v ON_ERROR_STOP=1 -f test/demo/articles.sql

bidi=${DEMO_BIDI:-auto}
if [ "$bidi" = auto ]; then
	bidi=logical
	if [ -t 1 ] && { [ -n "${TMUX:-}" ] || [ -n "${STY:-}" ] || [ -n "${XTERM_VERSION:-}" ]; } &&
		command -v fribidi >/dev/null; then
		bidi=visual
	fi
fi
color=0
if [ -t 1 ] && [ "${TERM:-dumb}" != dumb ] && [ -z "${NO_COLOR:-}" ] && [ "$bidi" = logical ]; then
	color=1
fi
if [ "$bidi" = visual ]; then
	command -v fribidi >/dev/null ||
		{ echo "demo: DEMO_BIDI=visual needs fribidi (apt-get install libfribidi-bin)" >&2; exit 1; }
	echo "  (right-to-left text reordered for this terminal by fribidi; DEMO_BIDI=logical to turn off)"
	psql -X -v ON_ERROR_STOP=1 -P pager=off -v color=0 -f test/demo/demo.sql |
		fribidi --ltr --nopad --nobreak
else
	psql -X -v ON_ERROR_STOP=1 -P pager=off -v color=$color -f test/demo/demo.sql
fi

if [ "${DEMO_KEEP:-0}" = 1 ]; then
	mkdir -p build
	echo "$PGENV_BASE" >build/pg-env.base
	echo
	say "The cluster is still running. Connect with:"
	echo "  $PGENV_BINDIR/psql -h $PGHOST -p $PGPORT -U $PGUSER persner_demo"
	echo "Stop it with: bash test/pg-env.sh stop"
fi
