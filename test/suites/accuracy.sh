#!/usr/bin/env bash
# test/suites/accuracy.sh - the floor on our own hard cases, and persner eval --marked
#
# For each model of test/accuracy/floors: its entity F1 on test/accuracy/hard.txt
# (printed with the per-label and per-category tables) is at least the floor.
# Then bin/persner eval --marked itself: a file marked with what "persner tag"
# finds scores 100 (eval tags as the tagger does, by character span); each
# kind of malformed mark is refused with file:line and status 1; bad usage is
# status 2.  Needs only bin/persner and the models (no cluster).  Ends with
# "N passed, N failed".

set -uo pipefail
export LC_ALL=C.UTF-8			# ${line:i:n} counts characters

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"
PERSNER=$REPO/bin/persner
HARD=$REPO/test/accuracy/hard.txt
FLOORS=$REPO/test/accuracy/floors
LABELS=PER,LOC,ORG,DAT,TIM,MON,PCT	# hard.txt's labels
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TAB=$'\t'

[ -x "$PERSNER" ] || skip_all "bin/persner missing (make)"

# --- the floors ------------------------------------------------------------------
# f1_of FILE ROW: the f1 column of row ROW ("overall" or a category)
f1_of() { awk -v r="$2" '$1 == r { print $4; exit }' "$1"; }

while IFS="$TAB" read -r name floor; do
	case $name in '#'* | '') continue ;; esac
	model=$REPO/model/$name.model
	if [ ! -f "$model" ]; then
		not_ok "$name: $model missing (make model)"
		continue
	fi
	"$PERSNER" eval --marked --by-category --labels "$LABELS" --model "$model" "$HARD" >"$WORK/$name.txt" 2>&1
	rc=$?
	sed "s/^/# $name: /" "$WORK/$name.txt"
	f1=$(f1_of "$WORK/$name.txt" overall)
	check "$name: eval --marked exits 0" '[ $rc -eq 0 ]'
	check "$name: F1 ${f1:-?} on hard.txt is at least the floor $floor" \
		'[ -n "$f1" ] && awk -v f="$f1" -v m="$floor" "BEGIN { exit !(f >= m) }"'
	check "$name: every category of hard.txt is scored" \
		'for c in $(awk "/^# category:/ { print \$3 }" "$HARD"); do [ -n "$(f1_of "$WORK/$name.txt" "$c")" ] || exit 1; done'
done <"$FLOORS"

# README's example of the format is a line of the set (and so is parsed and scored above)
ex=$(awk '/^### Our own hard cases/ { on = 1 } on && /^\[ORG / { print; exit }' "$REPO/README.md")
check "README's example of the marked format is a line of hard.txt" '[ -n "$ex" ] && grep -qxF "$ex" "$HARD"'

# --- eval --marked scores as the tagger tags ----------------------------------------
# mark a raw line with what "persner tag" finds in it
mark_line()
{
	local line=$1 out="" pos=0 s e lab rest
	while IFS="$TAB" read -r s e lab rest; do
		s=$((s - 1))
		e=$((e - 1))
		out+="${line:pos:s-pos}[$lab ${line:s:e-s}]"
		pos=$e
	done < <(printf '%s\n' "$line" | "$PERSNER" tag --model "$REPO/model/peyma.model")
	printf '%s\n' "$out${line:pos}"
}
if [ -f "$REPO/model/peyma.model" ]; then
	# hard.txt's lines without their marks, and with the tagger's instead
	grep -v '^#' "$HARD" | grep -v '^$' | sed -E 's/\[[A-Z]+ //g; s/\]//g' >"$WORK/raw.txt"
	while IFS= read -r line; do mark_line "$line"; done <"$WORK/raw.txt" >"$WORK/self.txt"
	n=$(grep -o '\[[A-Z]* ' "$WORK/self.txt" | wc -l)
	"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/self.txt" >"$WORK/self.out" 2>&1
	check "eval --marked: hard.txt marked by persner tag ($n entities) scores 100 with the same model" \
		'[ "$n" -gt 300 ] && grep -Eq "^overall +100.00 +100.00 +100.00 +$n +$n\$" "$WORK/self.out"'
	check "eval --marked: the raw lines are hard.txt's text (the same line count)" \
		'[ "$(wc -l <"$WORK/raw.txt")" -eq "$(grep -cv "^#\|^\$" "$HARD")" ] && ! grep -q "[][]" "$WORK/raw.txt"'
	check "eval --marked: its table reads as eval's (same header)" \
		'[ "$(head -1 "$WORK/self.out")" = "$("$PERSNER" eval --model "$REPO/model/peyma.model" /dev/null 2>/dev/null | head -1)" ]'
	line1=$(sed -n 1p "$WORK/self.txt")
	printf '%s\n' "# category: one" "$line1" "# category: two" "$line1" >"$WORK/cats.txt"
	"$PERSNER" eval --marked --by-category --model "$REPO/model/peyma.model" "$WORK/cats.txt" "$WORK/cats.txt" >"$WORK/cats.out" 2>&1
	check "eval --marked --by-category: one row per category name, across files" \
		'[ "$(grep -Ec "^(one|two) +100.00" "$WORK/cats.out")" -eq 2 ] && [ "$(grep -c "^category" "$WORK/cats.out")" -eq 1 ]'
	# a gold span one character short is a miss and a false alarm
	printf '%s\n' "[ORG بانک مرکزی] اعلام کرد." >"$WORK/good.txt"
	printf '%s\n' "[ORG بانک مرکز]ی اعلام کرد." >"$WORK/short.txt"
	"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/good.txt" >"$WORK/good.out" 2>&1
	"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/short.txt" >"$WORK/short.out" 2>&1
	check "eval --marked: exact character spans (a span one character short scores 0)" \
		'grep -Eq "^overall +100.00 +100.00 +100.00 +1 +1\$" "$WORK/good.out" &&
		 grep -Eq "^overall +0.00 +0.00 +0.00 +1 +1\$" "$WORK/short.out"'
else
	not_ok "eval --marked: model/peyma.model missing (make model)"
fi

# --- malformed marks: file:line, status 1 ------------------------------------------
bad()
{
	local what=$1 text=$2 msg=$3
	printf '%s\n' "# category: x" "جمله‌ای درست." "$text" >"$WORK/bad.txt"
	"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/bad.txt" >"$WORK/bad.out" 2>"$WORK/bad.err"
	local rc=$?
	check "malformed ($what): refused with file:line, status 1" \
		'[ $rc -eq 1 ] && grep -qF "persner eval: $WORK/bad.txt:3: $msg" "$WORK/bad.err" && [ ! -s "$WORK/bad.out" ]'
}
bad "an unclosed entity" "[ORG بانک ملت اعلام کرد." 'the line ends inside an entity (no "]")'
bad "a stray ]" "بانک ملت] اعلام کرد." 'a "]" outside an entity'
bad "an unknown label" "[BANK بانک ملت] اعلام کرد." "unknown label"
bad "a lowercase label" "[org بانک ملت] اعلام کرد." "unknown label"
bad "an empty entity" "[ORG ] اعلام کرد." "an empty entity"
bad "nested entities" "[ORG بانک [LOC تهران]] اعلام کرد." 'a "[" inside an entity (entities do not nest)'
bad "a space at an entity's edge" "[ORG بانک ملت ] اعلام کرد." "an entity that starts or ends with a space"
printf '[ORG \xff\xfe] x\n' >"$WORK/utf8.txt"
"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/utf8.txt" >/dev/null 2>"$WORK/utf8.err"
check "malformed: invalid UTF-8 is refused with file:line (status 1)" \
	'[ $? -eq 1 ] && grep -qF "$WORK/utf8.txt:1: not valid UTF-8" "$WORK/utf8.err"'
"$PERSNER" eval --marked --model "$REPO/model/peyma.model" "$WORK/no-such-file.txt" >/dev/null 2>"$WORK/nofile.err"
check "a missing file: status 1, named" '[ $? -eq 1 ] && grep -q "no-such-file.txt" "$WORK/nofile.err"'

# --- usage: status 2 ------------------------------------------------------------------
"$PERSNER" eval --marked >/dev/null 2>&1
check "usage: --marked without a file is status 2" '[ $? -eq 2 ]'
"$PERSNER" eval --by-category "$HARD" >/dev/null 2>&1
check "usage: --by-category without --marked is status 2" '[ $? -eq 2 ]'
"$PERSNER" eval --marked --bogus "$HARD" >/dev/null 2>&1
check "usage: an unknown option is status 2" '[ $? -eq 2 ]'

summary
