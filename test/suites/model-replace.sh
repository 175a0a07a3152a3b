#!/usr/bin/env bash
# test/suites/model-replace.sh - replace a model file under 16 tagging backends, 50 times, every way
#
# A cluster of its own (test/pg-env.sh), persner.model_dir pointing at a
# directory of this suite.  Two different valid models: A = model/peyma.model
# and B, trained here by bin/persner on a few sentences written for this
# suite (a different size and different answers).  Then, at once:
#
#   8 persistent backends   one psql session each, one statement after another
#   8 fresh backends        a new connection for every statement
#   the replacer            50 replacements of live.model, alternating B and A,
#                           by cp, cat >, truncate + write, mv, a slow chunked
#                           in-place write (dd conv=notrunc), rsync --inplace
#                           when rsync is installed
#
# Every statement tags all the suite's documents with 'live' and returns the
# md5 of all their entities, so a statement that mixed two versions (or read
# half a file) would give a third value.  Checks:
#
#   - no backend died: "terminated by signal" is not in the server log, and
#     pg_postmaster_start_time() did not change
#   - every result is the result of A or of B, and both were seen
#   - no error at all (55006 "is being replaced" is possible only for a
#     path never valid before; counted)
#   - no backend maps live.model; they map snapshots under pg_persner
#   - one session: the statement after each replacement uses the new model;
#     a half-written file leaves the session on the version it had, with no
#     error; a fresh backend meanwhile gets that version too (changing file)
#   - pg_persner holds snapshots of mode 0400 named by checksum, and few
#
# Settings (environment): REPLACE_COUNT (50), REPLACE_CLIENTS (16), KEEP=1.
# Ends with "N passed, N failed".

set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
export LC_ALL=C.UTF-8

COUNT=${REPLACE_COUNT:-50}
CLIENTS=${REPLACE_CLIENTS:-16}
# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"
finish() { summary; exit; }

# shellcheck source=test/pg-env.sh
. "$REPO/test/pg-env.sh"
PGENV_QUIET=1
CLIENT_PIDS=()
cleanup()
{
	local p
	[ -z "${WORK:-}" ] || touch "$WORK/stop"
	for p in "${CLIENT_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	pgenv_stop_all
	[ -n "${KEEP:-}" ] || [ -z "${WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

pgenv_start replace || { not_ok "start a cluster"; finish; }
LOG=$(pgenv_log_file replace)
WORK=$PGENV_BASE/replace-work
MODELS=$WORK/models
rm -rf "$WORK"
mkdir -p "$MODELS"
chmod 755 "$WORK" "$MODELS"

# --- model B: trained here, on sentences written for this suite ----------------------------
sentence() { local w; for w in "$@"; do printf '%s\n' "$w"; done; printf '\n'; }
{
	for i in 1 2 3; do
		sentence 'نرگس|B_PER' 'صادقی|I_PER' 'دیروز|O' 'به|O' 'شیراز|B_LOC' 'آمد|O' '.|O'
		sentence 'دانشگاه|B_ORG' 'صنعتی|I_ORG' 'اصفهان|I_ORG' 'کلاس|O' 'ها|O' 'را|O' 'بست|O' '.|O'
		sentence 'اجاره|O' 'خانه|O' '۱۲|B_PCT' 'درصد|I_PCT' 'گران|O' 'شد|O' '.|O'
		sentence 'کتابخانه|B_ORG' 'ملی|I_ORG' 'روز|B_DAT' 'جمعه|I_DAT' 'باز|O' 'است|O' '.|O'
		sentence 'حسن|B_PER' 'نوری|I_PER' 'ساعت|B_TIM' '۸|I_TIM' 'به|O' 'کرمان|B_LOC' 'رسید|O' '.|O'
		sentence 'نان|O' '۲۰|B_MON' 'هزار|I_MON' 'ریال|I_MON' 'شد|O' '.|O'
	done
} >"$WORK/train.txt"
{
	sentence 'نرگس|B_PER' 'نوری|I_PER' 'به|O' 'کرمان|B_LOC' 'رفت|O' '.|O'
	sentence 'دانشگاه|B_ORG' 'ملی|I_ORG' 'روز|B_DAT' 'جمعه|I_DAT' 'تعطیل|O' 'است|O' '.|O'
} >"$WORK/dev.txt"
mkdir -p "$WORK/empty"
if ! bin/persner train --corpus-dir "$WORK/empty" --gazetteer-dir "$WORK/empty" --list-dir "$WORK/empty" \
		--train "$WORK/train.txt" --dev "$WORK/dev.txt" --iters 30 --threads 1 \
		--out "$WORK/B.model" >"$WORK/train.log" 2>&1; then
	cat "$WORK/train.log"
	not_ok "train model B"
	finish
fi
A=$WORK/A.model
B=$WORK/B.model
cp model/peyma.model "$A"
cp "$A" "$MODELS/ref_a.model"
cp "$B" "$MODELS/ref_b.model"
cp "$A" "$MODELS/live.model"
chmod 644 "$MODELS"/*.model
echo "# model A $(stat -c %s "$A") bytes, model B $(stat -c %s "$B") bytes"

pq -c "CREATE EXTENSION persner" -c "ALTER SYSTEM SET persner.model_dir = '$MODELS'" \
	-c "SELECT pg_reload_conf()" >/dev/null || { not_ok "set persner.model_dir"; finish; }
sleep 0.5
pq -c "CREATE TABLE docs (id int PRIMARY KEY, body text NOT NULL)" -c "INSERT INTO docs VALUES
	(1, 'نرگس صادقی دیروز از شیراز به تهران آمد و در دانشگاه صنعتی اصفهان سخنرانی کرد.'),
	(2, 'به گفته سخنگوی وزارت بهداشت، قیمت دارو در ماه گذشته ۱۵ درصد بالا رفت.'),
	(3, 'کتابخانه ملی روز جمعه ساعت ۹ صبح میزبان حسن نوری خواهد بود.'),
	(4, 'بانک مرکزی اعلام کرد نرخ ارز ۲۰ هزار ریال کاهش یافته است.'),
	(5, 'تیم فوتبال استقلال در ورزشگاه آزادی مقابل پرسپولیس به میدان رفت.'),
	(6, 'شهردار مشهد روز دوشنبه با نمایندگان شورای شهر دیدار کرد.')" >/dev/null ||
	{ not_ok "create the documents"; finish; }
SIGQ() { echo "SELECT md5(string_agg(persner_entities('$1', body)::text, ';' ORDER BY id)) FROM docs;"; }
SIG_A=$(pq -c "$(SIGQ ref_a)")
SIG_B=$(pq -c "$(SIGQ ref_b)")
check "models A and B give different results ($SIG_A, $SIG_B)" '[ -n "$SIG_A" ] && [ -n "$SIG_B" ] && [ "$SIG_A" != "$SIG_B" ]'
STARTED=$(pq -c "SELECT pg_postmaster_start_time()")
QLIVE=$(SIGQ live)

# --- one session, step by step: picked up by the next statement; a half-written file is survived ---
# psql's \! runs the replacement between two statements of the same backend
{
	echo "$QLIVE"
	echo "\\! cp '$B' '$MODELS/live.model'"
	echo "$QLIVE"
	echo "\\! truncate -s 100000 '$MODELS/live.model'"
	echo "$QLIVE"
	echo "\\! psql -XAtq -c \"$QLIVE\" >'$WORK/fresh-during-half.out' 2>&1"
	echo "\\! cp '$A' '$WORK/A.copy' && mv '$WORK/A.copy' '$MODELS/live.model'"
	echo "$QLIVE"
	echo "\\! cat '$B' >'$MODELS/live.model'"
	echo "$QLIVE"
	echo "\\! truncate -s 0 '$MODELS/live.model' && cat '$A' >>'$MODELS/live.model'"
	echo "$QLIVE"
} | psql -XAtq >"$WORK/steps.out" 2>"$WORK/steps.err"
check "one session: cp B, half-written, mv A, cat > B, truncate + write A: results A B B A B A" \
	'[ "$(tr "\n" " " <"$WORK/steps.out")" = "$SIG_A $SIG_B $SIG_B $SIG_A $SIG_B $SIG_A " ]'
check "one session: no error or warning while the file was half-written ($(head -c 200 "$WORK/steps.err"))" \
	'[ ! -s "$WORK/steps.err" ]'
check "a fresh backend while the file is half-written gets the last verified version ($(head -c 200 "$WORK/fresh-during-half.out"))" \
	'[ "$(cat "$WORK/fresh-during-half.out")" = "$SIG_B" ]'

# --- the stress run ------------------------------------------------------------------------------
rm -f "$WORK/stop"
persistent_client()
{
	while [ ! -e "$WORK/stop" ]; do
		echo "$QLIVE"
		sleep 0.2
	done | PGAPPNAME=persner-replace psql -XAtq >"$WORK/p$1.out" 2>"$WORK/p$1.err"
}
fresh_client()
{
	: >"$WORK/f$1.out"
	: >"$WORK/f$1.err"
	while [ ! -e "$WORK/stop" ]; do
		psql -XAtq -c "$QLIVE" >>"$WORK/f$1.out" 2>>"$WORK/f$1.err"
		sleep 0.2
	done
}
NP=$((CLIENTS / 2))
NF=$((CLIENTS - NP))
for i in $(seq 1 "$NP"); do persistent_client "$i" & CLIENT_PIDS+=($!); done
for i in $(seq 1 "$NF"); do fresh_client "$i" & CLIENT_PIDS+=($!); done
sleep 1

# slow_write SRC DST - rewrite DST in place, 1 MB at a time with pauses, without truncating first
slow_write()
{
	local size chunks c
	size=$(stat -c %s "$1")
	chunks=$(((size + 1048575) / 1048576))
	for c in $(seq 0 $((chunks - 1))); do
		dd if="$1" of="$2" bs=1048576 skip="$c" seek="$c" count=1 conv=notrunc status=none
		sleep 0.02
	done
	truncate -s "$size" "$2"
}
METHODS=(cp cat truncate mv slow)
command -v rsync >/dev/null 2>&1 && METHODS+=(rsync)
: >"$WORK/replacements.txt"
T0=$(date +%s.%N)
for i in $(seq 1 "$COUNT"); do
	if [ $((i % 2)) -eq 1 ]; then src=$B; else src=$A; fi
	m=${METHODS[$((i % ${#METHODS[@]}))]}
	live=$MODELS/live.model
	case $m in
		cp) cp "$src" "$live" ;;
		cat) cat "$src" >"$live" ;;
		truncate) truncate -s 0 "$live" && cat "$src" >>"$live" ;;
		mv) cp "$src" "$WORK/next.model" && chmod 644 "$WORK/next.model" && mv "$WORK/next.model" "$live" ;;
		slow) slow_write "$src" "$live" ;;
		rsync) rsync --inplace --no-whole-file -I "$src" "$live" ;;
	esac
	echo "$i $m $(basename "$src")" >>"$WORK/replacements.txt"
	sleep "0.$((RANDOM % 2 + 1))"
done
T1=$(date +%s.%N)
sleep 1
# the backends map snapshots, never the file being replaced
PIDS=$(pq -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'persner-replace'")
maps_live=0
maps_snap=0
for p in $PIDS; do
	grep -q "$MODELS/live.model" "/proc/$p/maps" 2>/dev/null && maps_live=$((maps_live + 1))
	grep -q "/pg_persner/" "/proc/$p/maps" 2>/dev/null && maps_snap=$((maps_snap + 1))
done
touch "$WORK/stop"
for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null; done
CLIENT_PIDS=()

cat "$WORK"/p*.out "$WORK"/f*.out >"$WORK/results.txt"
cat "$WORK"/p*.err "$WORK"/f*.err >"$WORK/errors.txt"
n_total=$(wc -l <"$WORK/results.txt")
n_a=$(grep -cx "$SIG_A" "$WORK/results.txt")
n_b=$(grep -cx "$SIG_B" "$WORK/results.txt")
n_other=$((n_total - n_a - n_b))
n_pa=$(cat "$WORK"/p*.out | grep -cx "$SIG_A")
n_pb=$(cat "$WORK"/p*.out | grep -cx "$SIG_B")
n_err=$(grep -c 'ERROR' "$WORK/errors.txt")
n_replacing=$(grep -c 'ERROR: .*is being replaced' "$WORK/errors.txt")
n_warn=$(grep -c 'WARNING' "$WORK/errors.txt")
n_stmt_p=$(cat "$WORK"/p*.out | wc -l)
n_stmt_f=$(cat "$WORK"/f*.out | wc -l)
echo "# $COUNT replacements ($(sort -k2,2 "$WORK/replacements.txt" | awk '{print $2}' | uniq -c | awk '{printf "%s %s, ", $2, $1}')) in $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }') s"
echo "# $n_total statements ($n_stmt_p in $NP persistent sessions, $n_stmt_f in fresh backends): $n_a gave A, $n_b gave B, $n_other anything else; $n_err errors ($n_replacing 'is being replaced'), $n_warn warnings"
check "no backend died: no 'terminated by signal' in the server log" '! grep -q "terminated by signal" "$LOG"'
check "the postmaster did not restart" '[ "$(pq -c "SELECT pg_postmaster_start_time()")" = "$STARTED" ]'
check "statements ran in both kinds of backend ($n_stmt_p persistent, $n_stmt_f fresh)" '[ "$n_stmt_p" -ge 50 ] && [ "$n_stmt_f" -ge 20 ]'
check "every result is model A's or model B's ($n_other others)" '[ "$n_other" -eq 0 ]'
check "the persistent sessions saw both models ($n_pa A, $n_pb B)" '[ "$n_pa" -gt 0 ] && [ "$n_pb" -gt 0 ]'
check "no error but 'is being replaced' ($((n_err - n_replacing)) others: $(grep ERROR "$WORK/errors.txt" | grep -v 'is being replaced' | sort | uniq -c | head -3 | tr '\n' ' '))" \
	'[ "$n_err" -eq "$n_replacing" ]'
check "no backend maps live.model ($maps_live of $(echo $PIDS | wc -w)), they map pg_persner snapshots ($maps_snap)" \
	'[ "$maps_live" -eq 0 ] && [ "$maps_snap" -ge 1 ]'

# the last replacement was A (an even count) or B; the next statement anywhere uses it
if [ $((COUNT % 2)) -eq 1 ]; then SIG_LAST=$SIG_B; else SIG_LAST=$SIG_A; fi
check "after the run a fresh statement uses the last model installed" '[ "$(pq -c "$QLIVE")" = "$SIG_LAST" ]'

# the snapshot directory
DATA=$(pq -c "SHOW data_directory")
snaps=$(pq -c "SELECT count(*) FROM pg_ls_dir('pg_persner') f WHERE f ~ '^[0-9a-f]{16}\.model$'")
modes=$(stat -c %a "$DATA"/pg_persner/*.model | sort -u | tr '\n' ' ')
check "pg_persner holds the snapshots, named by checksum ($snaps)" '[ "$snaps" -ge 2 ] && [ "$snaps" -le 4 ]'
check "snapshots are read-only files (mode $modes)" '[ "$modes" = "400 " ]'
ck_a=$(pq -c "SELECT checksum FROM persner_models() WHERE name = 'ref_a'")
check "the snapshot of A is named by its checksum and holds A's bytes" \
	'[ -n "$ck_a" ] && [ "$(head -c "$(stat -c %s "$A")" "$DATA/pg_persner/$ck_a.model" | md5sum)" = "$(md5sum <"$A")" ]'
finish
