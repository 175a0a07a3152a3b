#!/usr/bin/env bash
# test/run-tests.sh - every suite against a throwaway cluster; ends "N passed, N failed"
#
# Run by "make test" (after "make all unit"); works as root and as an ordinary
# user, and touches nothing outside the repo's build/ and a temporary directory.
#
#   1. unit     each build/unit/test_* and build/asan/test_* binary built from
#               test/unit/test_*.c; one count per "ok - " / "not ok - " line,
#               plus one failure for a binary that dies or is missing
#   2. cluster  test/pg-env.sh installs persner (make install DESTDIR=...) into
#               a private tree and starts a PostgreSQL 15 cluster from it
#   3. regress  pg_regress over the Makefile's REGRESS list (sql/*.sql without
#               persner--*), via "make installcheck"; one count per test;
#               regression.diffs is printed (and copied to the repo) on failure
#   4. pgtap    pg_prove over test/pgtap/*.sql in database persner_pgtap, where
#               pgtap and persner are already created; one count per assertion,
#               plus the missing ones of a file that died or broke its plan
#   5. suites   test/suites/*.sh, in name order, each run with bash in the
#               cluster's environment (PGHOST PGPORT PGUSER PGDATABASE, and
#               PGENV_BASE PGENV_TREE PGENV_BINDIR so that it can "source
#               test/pg-env.sh" and pgenv_start more clusters from the same
#               tree); each must end its output with "N passed, N failed"
#               (a suite that doesn't counts as one failure)
#
# Options (environment): ONLY="unit regress pgtap suites" to run a subset;
# SUITES="name ..." to run only these test/suites/<name>.sh; PGENV_KEEP=1 to
# keep the cluster's directory; SUITE_TIMEOUT (seconds per suite, 2400);
# UNIT_TIMEOUT (seconds per unit-test binary, 1200); UNIT_JOBS (binaries run
# at once, default nproc).
# Logs: build/test-logs/.

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO" || exit 1
# shellcheck source=test/pg-env.sh
. "$REPO/test/pg-env.sh"

ONLY=${ONLY:-unit regress pgtap suites}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-2400}
UNIT_TIMEOUT=${UNIT_TIMEOUT:-1200}
UNIT_JOBS=${UNIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
LOGDIR=$REPO/build/test-logs
mkdir -p "$LOGDIR"

PASSED=0
FAILED=0
SUMMARY=()
T0=$(date +%s)

on_exit()
{
	pgenv_stop_all
}
trap on_exit EXIT
trap 'echo "run-tests: interrupted" >&2; exit 130' INT TERM

wants() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

# add SECTION PASSED FAILED SECONDS
add()
{
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	SUMMARY+=("$(printf '%-24s %5d passed %5d failed %5ds' "$1" "$2" "$3" "$4")")
}

banner() { printf '\n=== %s ===\n' "$*"; }

# --- 1. unit tests (plain and ASan/UBSan) ---------------------------------------

run_unit()
{
	local kind=$1 src name bin out rc p f tp=0 tf=0 t0
	t0=$(date +%s)
	banner "unit tests ($kind)"
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	# run the binaries UNIT_JOBS at a time, then report them in name order
	local running=0
	for src in test/unit/test_*.c; do
		[ -e "$src" ] || continue
		name=$(basename "$src" .c)
		bin=build/$kind/$name
		out=$LOGDIR/$kind-$name.log
		rm -f "$out" "$out.rc"
		[ -x "$bin" ] || continue
		( timeout "$UNIT_TIMEOUT" "$bin" >"$out" 2>&1; echo $? >"$out.rc" ) &
		running=$((running + 1))
		if [ $running -ge "$UNIT_JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
	done
	wait
	for src in test/unit/test_*.c; do
		[ -e "$src" ] || continue
		name=$(basename "$src" .c)
		bin=build/$kind/$name
		out=$LOGDIR/$kind-$name.log
		if [ ! -x "$bin" ]; then
			echo "not ok - $kind/$name: $bin not built (make unit)"
			tf=$((tf + 1))
			continue
		fi
		rc=$(cat "$out.rc" 2>/dev/null || echo 1)
		rm -f "$out.rc"
		[ "$rc" != 124 ] || echo "$kind/$name: killed after UNIT_TIMEOUT=${UNIT_TIMEOUT}s"
		sed "s|^|$kind/$name: |" "$out" | grep -v "^$kind/$name: ok - " || true
		p=$(grep -c '^ok - ' "$out")
		f=$(grep -c '^not ok - ' "$out")
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "not ok - $kind/$name: exited with status $rc (crash, sanitizer report or timeout; see $out)"
			f=1
		fi
		echo "# $kind/$name: $p passed, $f failed"
		tp=$((tp + p))
		tf=$((tf + f))
	done
	add "unit ($kind)" $tp $tf $(($(date +%s) - t0))
}

if wants unit; then
	if [ -z "${MAKELEVEL:-}" ]; then
		# run directly, not from "make test": bring the binaries up to date
		${MAKE:-make} -s all unit >"$LOGDIR/make.log" 2>&1 ||
			{ cat "$LOGDIR/make.log"; echo "run-tests: make all unit failed" >&2; }
	fi
	run_unit unit
	run_unit asan
fi

# --- 2. the cluster ---------------------------------------------------------------

CLUSTER_OK=0
if wants regress || wants pgtap || wants suites; then
	banner "cluster"
	t0=$(date +%s)
	if pgenv_start main; then
		CLUSTER_OK=1
		echo "PostgreSQL $(psql -XAtc 'SHOW server_version') on port $PGPORT (socket dir $PGHOST), tree $PGENV_TREE"
		[ -n "${PGENV_RUNAS:-}" ] && echo "server runs as $PGENV_RUNAS"
	else
		echo "not ok - could not install persner into a private tree or start a cluster"
		add "cluster" 0 1 $(($(date +%s) - t0))
	fi
fi

# --- 3. pg_regress ------------------------------------------------------------------

# count_regress LOG - "P F" from pg_regress output, PG15 ("test x ... ok") or
# PG16+ TAP ("ok 1 - x") style
count_regress()
{
	awk '
		/^(test |     )?[^ ]+ +\.\.\. +ok/ || /^ +[^ ]+ +\.\.\. +ok/ { p++; next }
		/\.\.\. +failed \(ignored\)/ { p++; next }
		/\.\.\. +FAILED/ { f++; next }
		/^ok [0-9]+ +[-+] / { p++; next }
		/^not ok [0-9]+ +[-+] / { f++; next }
		END { printf "%d %d\n", p, f }' "$1"
}

if wants regress && [ $CLUSTER_OK = 1 ]; then
	banner "pg_regress"
	t0=$(date +%s)
	regress=()
	for f in sql/*.sql; do
		[ -e "$f" ] || continue
		case "$f" in sql/persner--*) continue ;; esac
		regress+=("$(basename "$f" .sql)")
	done
	if [ ${#regress[@]} -eq 0 ]; then
		echo "no pg_regress tests (sql/*.sql)"
		add "pg_regress" 0 0 0
	else
		outdir=$PGENV_BASE/regress
		mkdir -p "$outdir"
		log=$LOGDIR/regress.log
		rm -f "$REPO/regression.diffs" "$REPO/regression.out"
		timeout 1800 ${MAKE:-make} --no-print-directory installcheck \
			EXTRA_REGRESS_OPTS="--outputdir=$outdir" >"$log" 2>&1
		rc=$?
		cat "$log"
		read -r p f < <(count_regress "$log")
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "not ok - pg_regress exited with status $rc without a failed test"
			f=1
		fi
		if [ -s "$outdir/regression.diffs" ]; then
			cp "$outdir/regression.diffs" "$REPO/regression.diffs"
			if [ "$f" -gt 0 ]; then
				banner "regression.diffs (also in $REPO/regression.diffs)"
				cat "$outdir/regression.diffs"
			fi
		fi
		add "pg_regress" "$p" "$f" $(($(date +%s) - t0))
	fi
fi

# --- 4. pgTAP ---------------------------------------------------------------------------

# count_prove LOG - "P F" from pg_prove --verbose output: ok / not ok lines
# (TODO ones pass either way), plus for each file with a bad plan the tests it
# did not run, plus one for a file that died without a failed assertion
count_prove()
{
	awk '
		/^ *ok [0-9]+/ { p++; next }
		/^ *not ok [0-9]+.*# *TODO/ { p++; next }
		/^ *not ok [0-9]+/ { f++; filef++; next }
		/You planned [0-9]+ tests? but ran [0-9]+/ {
			match($0, /planned [0-9]+/); planned = substr($0, RSTART + 8, RLENGTH - 8) + 0
			match($0, /ran [0-9]+/); ran = substr($0, RSTART + 4, RLENGTH - 4) + 0
			if (planned > ran) { f += planned - ran; pend = 0 }
			next
		}
		# a file in the summary report with no failed assertion: it died
		# (counted once, unless its missing tests were counted above)
		/\(Wstat: .*Tests: [0-9]+ Failed: [0-9]+\)/ || /^Files=[0-9]+/ {
			died += pend; pend = 0
			if ($0 ~ /Failed: 0\)/) pend = 1
			next
		}
		END { printf "%d %d\n", p, f + died + pend }' "$1"
}

if wants pgtap && [ $CLUSTER_OK = 1 ]; then
	banner "pgTAP"
	t0=$(date +%s)
	files=()
	for f in test/pgtap/*.sql; do
		[ -e "$f" ] && files+=("$f")
	done
	if [ ${#files[@]} -eq 0 ]; then
		echo "no pgTAP tests (test/pgtap/*.sql)"
		add "pgTAP" 0 0 0
	elif ! command -v pg_prove >/dev/null; then
		echo "not ok - pg_prove not installed (bash test/deps.sh)"
		add "pgTAP" 0 1 0
	else
		log=$LOGDIR/pgtap.log
		setup_ok=1
		psql -XAtq -v ON_ERROR_STOP=1 -c 'CREATE DATABASE persner_pgtap' >"$log" 2>&1 &&
			psql -XAtq -v ON_ERROR_STOP=1 -d persner_pgtap \
				-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION persner' >>"$log" 2>&1 ||
			setup_ok=0
		if [ $setup_ok = 0 ]; then
			cat "$log"
			echo "not ok - could not create database persner_pgtap with extensions pgtap and persner"
			add "pgTAP" 0 1 $(($(date +%s) - t0))
		else
			timeout 1800 pg_prove --verbose --failures --ext .sql -d persner_pgtap \
				"${files[@]}" >"$log" 2>&1
			rc=$?
			# everything but the passing assertions
			grep -Ev '^ *ok [0-9]+' "$log"
			read -r p f < <(count_prove "$log")
			if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
				echo "not ok - pg_prove exited with status $rc without a failed assertion"
				f=1
			fi
			add "pgTAP" "$p" "$f" $(($(date +%s) - t0))
		fi
	fi
fi

# --- 5. other suites ------------------------------------------------------------------------

if wants suites && [ $CLUSTER_OK = 1 ]; then
	for s in test/suites/*.sh; do
		[ -e "$s" ] || continue
		name=$(basename "$s" .sh)
		if [ -n "${SUITES:-}" ]; then
			case " $SUITES " in *" $name "*) ;; *) continue ;; esac
		fi
		banner "suite $name"
		t0=$(date +%s)
		log=$LOGDIR/suite-$name.log
		timeout "$SUITE_TIMEOUT" bash "$s" </dev/null 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
		last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
		if [ -n "$last" ]; then
			p=${last%% passed*}
			f=${last#*passed, }
			f=${f%% failed*}
		else
			echo "not ok - suite $name printed no \"N passed, N failed\" line (status $rc)"
			p=0
			f=1
		fi
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "not ok - suite $name exited with status $rc"
			f=1
		fi
		add "suite $name" "$p" "$f" $(($(date +%s) - t0))
	done
fi

# --- summary ------------------------------------------------------------------------------

if [ $CLUSTER_OK = 1 ] && [ "$FAILED" -gt 0 ]; then
	cp "$(pgenv_log_file main)" "$LOGDIR/postgresql.log" 2>/dev/null &&
		echo "server log: $LOGDIR/postgresql.log"
fi
trap - EXIT
on_exit
banner "summary ($(($(date +%s) - T0))s; logs in build/test-logs)"
printf '%s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
