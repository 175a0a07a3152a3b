#!/usr/bin/env bash
# test/fuzz/run-fuzz.sh - build the libFuzzer targets and run each for a while
#
#   bash test/fuzz/run-fuzz.sh [-t SECONDS] [TARGET...]
#
# TARGET is fuzz_text, fuzz_tag, fuzz_model or fuzz_values (default: all four).  Each is
# built with clang -fsanitize=fuzzer,address,undefined into build/fuzz/ and
# run for SECONDS (default $FUZZ_SECONDS or 30), all targets in parallel
# under "nice -n 10".  Seeds: test/fuzz/corpus_<target>/ (committed, never
# written to; corpus_model holds make_seeds.c's output at the time of the
# commit, and fresh ones are generated each run, so a format change keeps
# valid seeds); inputs the fuzzer finds go to build/fuzz/work_<target>/ and
# persist between runs.  fuzz_model is also seeded with model/peyma.model
# (run once at full size first, then the fuzzer works on small inputs:
# -max_len 65536; the generated seeds of make_seeds.c are a few KB).
# fuzz_tag loads model/peyma.model when it exists (PERSNER_FUZZ_MODEL).
#
# Time budget: fuzz_text and fuzz_tag run a quarter of their inputs again
# tiled to 64 KB / 32 KB (test/fuzz/fuzz_tile.h), so superlinear work takes
# seconds instead of milliseconds, and an input that uses more than
# FUZZ_CPU_BUDGET_MS of CPU (2000; linear work takes a few hundred ms under
# the sanitizers) is a finding.  CPU time, because a shared machine
# inflates wall time: libFuzzer's -timeout (wall clock) is the backstop for
# hangs, FUZZ_TIMEOUT seconds per input (20).  The seeds include runs of
# every sentence terminator and closer.
#
# A finding (crash, sanitizer report, trap, timeout, leak) leaves its input
# in build/fuzz/artifacts/ and makes the script exit 1.  Reproduce with
#   build/fuzz/<target> build/fuzz/artifacts/<file>
# Each target ends with one line "<target>: ok, N runs in S s" or
# "<target>: FAILED ...".
#
# Environment: FUZZ_SECONDS, FUZZ_TEXT_MAX_LEN (4096), FUZZ_MODEL_MAX_LEN
# (65536), FUZZ_TIMEOUT (per input, wall clock, 20 s), FUZZ_CPU_BUDGET_MS
# (per input, CPU, 2000), CLANG (clang), FUZZ_NICE (10).

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1

SECONDS_EACH=${FUZZ_SECONDS:-30}
while getopts "t:" opt; do
	case $opt in
		t) SECONDS_EACH=$OPTARG ;;
		*) sed -n '2,35p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_text fuzz_tag fuzz_model fuzz_values)

CLANG=${CLANG:-clang}
NICE=${FUZZ_NICE:-10}
OUT=build/fuzz
mkdir -p "$OUT/artifacts"

command -v "$CLANG" >/dev/null ||
	{ echo "run-fuzz: $CLANG not found (apt-get install clang libclang-rt-14-dev)"; exit 1; }

ICU=$(pkg-config --cflags --libs icu-i18n icu-uc 2>/dev/null || echo -licui18n -licuuc -licudata)
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-Wall -Wextra -Werror -Isrc/core -Itest/fuzz"
mapfile -t CORE < <(ls src/core/*.c)

build()
{
	local t=$1
	nice -n "$NICE" "$CLANG" $CFLAGS -o "$OUT/$t" "test/fuzz/$t.c" "${CORE[@]}" $ICU -lm -lpthread \
		>"$OUT/$t.build.log" 2>&1 || { cat "$OUT/$t.build.log"; return 1; }
	if [ "$t" = fuzz_model ]; then
		nice -n "$NICE" cc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -Isrc/core \
			-o "$OUT/make_seeds" test/fuzz/make_seeds.c "${CORE[@]}" $ICU -lm -lpthread \
			>>"$OUT/$t.build.log" 2>&1 || { cat "$OUT/$t.build.log"; return 1; }
	fi
}

# run TARGET - fuzz for SECONDS_EACH; writes $OUT/TARGET.log and .status
run()
{
	local t=$1 max_len seeds=() extra=() log=$OUT/$1.log
	local work=$OUT/work_$t
	mkdir -p "$work"
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	case $t in
		fuzz_text)
			max_len=${FUZZ_TEXT_MAX_LEN:-4096}
			seeds=(test/fuzz/corpus_text)
			;;
		fuzz_tag)
			max_len=${FUZZ_TEXT_MAX_LEN:-4096}
			seeds=(test/fuzz/corpus_tag test/fuzz/corpus_text)
			[ -f model/peyma.model ] && export PERSNER_FUZZ_MODEL=${PERSNER_FUZZ_MODEL:-model/peyma.model}
			;;
		fuzz_values)
			max_len=256
			seeds=(test/fuzz/corpus_values)
			;;
		fuzz_model)
			max_len=${FUZZ_MODEL_MAX_LEN:-65536}
			# generated seeds are rebuilt each run (they follow the format)
			rm -rf "$OUT/seeds_model"
			mkdir -p "$OUT/seeds_model"
			"$OUT/make_seeds" "$OUT/seeds_model" || return 1
			seeds=("$OUT/seeds_model")
			[ -d test/fuzz/corpus_model ] && seeds+=(test/fuzz/corpus_model)
			# the real model, once, at full size
			if [ -f model/peyma.model ]; then
				if ! nice -n "$NICE" "$OUT/$t" -artifact_prefix="$OUT/artifacts/$t-real-" \
						model/peyma.model >"$OUT/$t.real.log" 2>&1; then
					cat "$OUT/$t.real.log"
					echo "$t: FAILED on model/peyma.model (log $OUT/$t.real.log)" >"$OUT/$t.status"
					return 1
				fi
			fi
			;;
		*)
			echo "$t: unknown target" >"$OUT/$t.status"
			return 1
			;;
	esac
	for s in "${seeds[@]}"; do
		[ -d "$s" ] && extra+=("$s")
	done
	nice -n "$NICE" "$OUT/$t" "$work" "${extra[@]}" \
		-max_total_time="$SECONDS_EACH" -max_len="$max_len" \
		-timeout="${FUZZ_TIMEOUT:-20}" -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$OUT/artifacts/$t-" >"$log" 2>&1
	local rc=$?
	local runs secs
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	if [ $rc -eq 0 ] && ! grep -q "^artifact_prefix.*Test unit written\|Test unit written to" "$log"; then
		echo "$t: ok, ${runs:-?} runs in ${secs:-$SECONDS_EACH} s (corpus $work, log $log)" >"$OUT/$t.status"
		return 0
	fi
	grep -E "ERROR:|SUMMARY:|Test unit written|runtime error" "$log" | head -n 20
	echo "$t: FAILED (status $rc) after ${runs:-?} runs; see $log and $OUT/artifacts/" >"$OUT/$t.status"
	return 1
}

FAIL=0
for t in "${TARGETS[@]}"; do
	rm -f "$OUT/$t.status"
	if ! build "$t"; then
		echo "$t: FAILED to build" >"$OUT/$t.status"
		FAIL=1
	fi
done

pids=()
for t in "${TARGETS[@]}"; do
	if grep -qs FAILED "$OUT/$t.status"; then
		continue
	fi
	run "$t" &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || FAIL=1
done
for t in "${TARGETS[@]}"; do
	cat "$OUT/$t.status" 2>/dev/null || { echo "$t: FAILED (no status)"; FAIL=1; }
done
exit $FAIL
