#!/usr/bin/env bash
# test/suites/value-cli.sh - bin/persner value: entities with their dates, amounts and times
#
# The README's example sentence through the CLI, with and without an
# anchor; the columns match persner_values in SQL (sql/values.sql); a bad
# anchor or option is refused with status 2.  Needs only bin/persner and
# model/peyma.model (no cluster).  Ends with "N passed, N failed".

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"
PERSNER=$REPO/bin/persner
MODEL=$REPO/model/peyma.model
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

DOC='بانک مرکزی روز ۱۵ خرداد ۱۴۰۳ اعلام کرد ۸۵۰ میلیارد ریال و ۵۰ هزار دلار با سود ۲۰ درصد دیروز ساعت ۱۰ صبح پرداخت شد.'
TAB=$'\t'
printf '%s\n' "$DOC" | "$PERSNER" value --model "$MODEL" --anchor 2024-06-04 >"$WORK/anchor.tsv"
check "exit status 0" '[ $? -eq 0 ]'
check "one line per entity, nine columns" \
	'[ "$(wc -l <"$WORK/anchor.tsv")" -eq 6 ] && [ "$(awk -F"\t" "NF != 9" "$WORK/anchor.tsv" | wc -l)" -eq 0 ]'
check "DAT: first day and day after" \
	'grep -qx "12${TAB}29${TAB}DAT${TAB}روز ۱۵ خرداد ۱۴۰۳${TAB}2024-06-04${TAB}2024-06-05${TAB}${TAB}${TAB}" "$WORK/anchor.tsv"'
check "MON: amount and ISO 4217 code" \
	'grep -q "${TAB}MON${TAB}۸۵۰ میلیارد ریال${TAB}${TAB}${TAB}850000000000${TAB}IRR${TAB}\$" "$WORK/anchor.tsv"'
check "PCT: amount and %" \
	'grep -q "${TAB}PCT${TAB}۲۰ درصد${TAB}${TAB}${TAB}20${TAB}%${TAB}\$" "$WORK/anchor.tsv"'
check "TIM: the day from the anchor and the time" \
	'grep -q "${TAB}TIM${TAB}دیروز ساعت ۱۰ صبح${TAB}2024-06-03${TAB}2024-06-04${TAB}${TAB}${TAB}10:00:00\$" "$WORK/anchor.tsv"'

printf '%s\n' "$DOC" | "$PERSNER" value --model "$MODEL" >"$WORK/plain.tsv"
check "without an anchor, the relative TIM has no day but keeps its time" \
	'grep -q "${TAB}TIM${TAB}دیروز ساعت ۱۰ صبح${TAB}${TAB}${TAB}${TAB}${TAB}10:00:00\$" "$WORK/plain.tsv"'
check "without an anchor, an absolute date still resolves" \
	'grep -q "${TAB}DAT${TAB}روز ۱۵ خرداد ۱۴۰۳${TAB}2024-06-04${TAB}2024-06-05${TAB}" "$WORK/plain.tsv"'

printf 'x\n' | "$PERSNER" value --model "$MODEL" --anchor 2024-13-01 >/dev/null 2>&1
check "an impossible anchor is refused (status 2)" '[ $? -eq 2 ]'
printf 'x\n' | "$PERSNER" value --model "$MODEL" --bogus >/dev/null 2>&1
check "an unknown option is refused (status 2)" '[ $? -eq 2 ]'
printf '\xff\xfe\n' | "$PERSNER" value --model "$MODEL" >/dev/null 2>&1
check "invalid UTF-8 is an error (status 1)" '[ $? -eq 1 ]'

summary
