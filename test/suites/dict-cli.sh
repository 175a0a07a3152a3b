#!/usr/bin/env bash
# test/suites/dict-cli.sh - bin/persner dict: a user dictionary compiled into a model
#
# Compiles the lists of sql/fixtures (dict-names.tsv, dict-never.tsv) over
# model/peyma.model as make test-models does: the same bytes twice, what
# "persner info" says of the result, tagging with it (names in two
# spellings, the --never name, sentences without names as peyma tags
# them), and every kind of bad list refused with file:line and no output
# file.  Needs only bin/persner and the models (no cluster).  Ends with
# "N passed, N failed".

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$REPO/test/lib.sh"
PERSNER=$REPO/bin/persner
BASE=$REPO/model/peyma.model
NAMES=$REPO/sql/fixtures/dict-names.tsv
NEVER=$REPO/sql/fixtures/dict-never.tsv
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TAB=$'\t'

[ -x "$PERSNER" ] && [ -f "$BASE" ] || skip_all "bin/persner or model/peyma.model missing (make; make model)"

# --- a good dictionary -----------------------------------------------------------
"$PERSNER" dict --base "$BASE" --add "$NAMES" --never "$NEVER" -o "$WORK/a.model" >"$WORK/out.txt" 2>&1
check "dict: exit status 0" '[ $? -eq 0 ]'
check "dict: says what it wrote" \
	'grep -q "a.model: 7 names (6 tagged, 1 never tagged) over peyma; [0-9]* bytes" "$WORK/out.txt"'
(cd "$WORK" && "$PERSNER" dict --base "$BASE" --add "$NAMES" --never "$NEVER" -o tehran.model >"$WORK/tehran.out" 2>&1)
check "README's example: the line persner dict prints for tehran.model" \
	'grep -qxF "$(cat "$WORK/tehran.out")" "$REPO/README.md" &&
	 grep -q "; $(stat -c %s "$WORK/tehran.model") bytes\$" "$WORK/tehran.out"'
awk '/^\$ cat names.tsv/ { on = 1; next } /^\$ / { on = 0 } on' "$REPO/README.md" >"$WORK/readme-names.tsv"
awk '/^\$ cat stop.tsv/ { on = 1; next } /^\$ / { on = 0 } on' "$REPO/README.md" >"$WORK/readme-never.tsv"
check "README's example: its lists are the fixtures' (less their comments)" \
	'grep -v "^#" "$NAMES" | cmp -s - "$WORK/readme-names.tsv" && grep -v "^#" "$NEVER" | cmp -s - "$WORK/readme-never.tsv"'
(cd "$WORK" && "$PERSNER" dict --base "$BASE" --add "$NAMES" --never "$NEVER" -o b.model >/dev/null 2>&1)
mkdir "$WORK/again"
"$PERSNER" dict --base "$BASE" --add "$NAMES" --never "$NEVER" -o "$WORK/again/a.model" >/dev/null 2>&1
check "dict: the same lists give the same bytes" 'cmp -s "$WORK/a.model" "$WORK/again/a.model"'
check "dict: the model's name is its file's, so another name gives another checksum" \
	'! cmp -s "$WORK/a.model" "$WORK/b.model"'

"$PERSNER" info "$WORK/a.model" >"$WORK/info.txt" 2>&1
check "info: exit status 0" '[ $? -eq 0 ]'
BASE_CK=$("$PERSNER" info "$BASE" | awk '$1 == "checksum" { print $2 }')
check "info: format version 2" 'grep -qx "format version     2" "$WORK/info.txt"'
check "info: the base model and its checksum" \
	'grep -qx "base model         peyma (checksum $BASE_CK)" "$WORK/info.txt"'
check "info: the number of names" \
	'grep -q "^dictionary         7 names (6 tagged, 1 never tagged), [0-9]* slots$" "$WORK/info.txt"'
check "info: its own name and checksum, the base's labels, no dev_f1" \
	'grep -qx "name               a" "$WORK/info.txt" &&
	 ! grep -q "checksum           $BASE_CK" "$WORK/info.txt" &&
	 grep -qx "labels             PER LOC ORG DAT TIM MON PCT" "$WORK/info.txt" &&
	 ! grep -q "^dev_f1" "$WORK/info.txt"'
"$PERSNER" info "$BASE" >"$WORK/base-info.txt"
check "info: a model without a dictionary says nothing of one" \
	'! grep -q "^base model\|^dictionary" "$WORK/base-info.txt"'

# --- tagging with it ---------------------------------------------------------------------
tag() { printf '%s\n' "$2" | "$PERSNER" tag --model "$1" | cut -f3,4; }
check "tag: a name peyma misses, as listed" \
	'[ -z "$(tag "$BASE" "ویدیوی تینوش آراسته پربازدید شد.")" ] &&
	 [ "$(tag "$WORK/a.model" "ویدیوی تینوش آراسته پربازدید شد.")" = "PER${TAB}تینوش آراسته" ]'
check "tag: another spelling (Arabic yeh and kaf, no ZWNJ)" \
	'[ "$(tag "$WORK/a.model" "محصولات ريزپردازان كوير و نيلگونپويا آمد.")" = "ORG${TAB}ريزپردازان كوير
ORG${TAB}نيلگونپويا" ]'
check "tag: the --never name is not tagged" \
	'[ "$(tag "$BASE" "پیام ورجاوند به همه رسید.")" = "PER${TAB}ورجاوند" ] &&
	 [ -z "$(tag "$WORK/a.model" "پیام ورجاوند به همه رسید.")" ]'
cat >"$WORK/plain.txt" <<'TXT'
بانک مرکزی گزارش داد نرخ تورم در آبان ماه به ۳۵ درصد رسید.
حسن روحانی ساعت ۱۰ صبح در جمع خبرنگاران سخنرانی کرد.
سازمان ملل متحد از افزایش شمار پناهجویان در اروپا خبر داد.
محمد جواد ظریف در دانشگاه تهران درباره سیاست خارجی سخن گفت.
TXT
"$PERSNER" tag --model "$BASE" <"$WORK/plain.txt" >"$WORK/plain-base.tsv"
"$PERSNER" tag --model "$WORK/a.model" <"$WORK/plain.txt" >"$WORK/plain-dict.tsv"
check "tag: text without names is tagged as peyma tags it (scores too)" \
	'[ -s "$WORK/plain-base.tsv" ] && cmp -s "$WORK/plain-base.tsv" "$WORK/plain-dict.tsv"'
printf 'نماینده\nبسپارسازان\nخلیج\nفارس\nگفت\n' | "$PERSNER" tag --pretokenized --model "$WORK/a.model" >"$WORK/pre.txt"
check "tag --pretokenized: the name's tokens B-ORG I-ORG I-ORG" \
	'[ "$(cut -f2 "$WORK/pre.txt" | tr "\n" " ")" = "O B-ORG I-ORG I-ORG O " ]'

# --- bad lists: refused with file:line and why, no output --------------------------------
# bad NAME 'LIST TEXT' 'MESSAGE (grep -F)' [--never]
bad()
{
	local name=$1 text=$2 msg=$3 flag=${4:---add} rc
	printf '%b' "$text" >"$WORK/bad.tsv"
	rm -f "$WORK/bad.model"
	"$PERSNER" dict --base "$BASE" "$flag" "$WORK/bad.tsv" -o "$WORK/bad.model" >"$WORK/bad.out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -qF "persner dict: $WORK/bad.tsv:$msg" "$WORK/bad.out" && [ ! -e "$WORK/bad.model" ]; then
		ok "refused: $name"
	else
		not_ok "refused: $name (status $rc: $(cat "$WORK/bad.out"))"
	fi
}
bad "no tab" 'ORG\tنیلگون‌پویا\nنیلگون پویا\n' '2: expected label<TAB>name'
bad "three fields" '# c\nORG\tالف\tب\n' '2: more than two fields'
bad "a label peyma does not have" 'FAC\tبرج میلاد\n' \
	'1: the base model has no label "FAC" (its labels: PER LOC ORG DAT TIM MON PCT)'
bad "an unknown label" 'COMPANY\tالف\n' '1: the base model has no label "COMPANY"'
bad "an empty name" 'ORG\t \n' '1: the name is empty'
bad "a name of nine words" 'ORG\tیک دو سه چهار پنج شش هفت هشت نه\n' \
	'1: the name has 9 tokens; a dictionary name has at most 8'
bad "invalid UTF-8" 'ORG\tالف\n\n\nPER\t\xff\xfe\n' '4: the line is not valid UTF-8'
bad "a name the tagger cuts in two sentences" 'PER\tآقای الف. ب\n' '1: the name is cut into two sentences'
bad "one name, two labels (after normalization)" 'ORG\tنیلگون‌پویا\nPER\tنيلگونپويا\n' \
	'2: the name is listed as PER here and as ORG at'
bad "a --never line with a bad label" 'XYZ\tالف\n' '1: the base model has no label "XYZ"' --never
printf '# nothing but comments\n\n' >"$WORK/empty.tsv"
"$PERSNER" dict --base "$BASE" --add "$WORK/empty.tsv" -o "$WORK/empty.model" >"$WORK/empty.out" 2>&1
check "refused: lists without a name" \
	'[ $? -eq 1 ] && grep -q "the lists hold no name" "$WORK/empty.out" && [ ! -e "$WORK/empty.model" ]'
cp "$WORK/a.model" "$WORK/keep.model"
printf 'ORG\n' >"$WORK/bad.tsv"
"$PERSNER" dict --base "$BASE" --add "$WORK/bad.tsv" -o "$WORK/keep.model" >/dev/null 2>&1
check "a refused list leaves an existing output file as it was" 'cmp -s "$WORK/a.model" "$WORK/keep.model"'
"$PERSNER" dict --base "$WORK/a.model" --add "$NAMES" -o "$WORK/twice.model" >"$WORK/twice.out" 2>&1
check "refused: a dictionary model as the base" \
	'[ $? -eq 1 ] && grep -q "already holds a dictionary (over peyma)" "$WORK/twice.out"'
"$PERSNER" dict --base "$BASE" --add "$NAMES" -o "$WORK/$(printf 'x\xff').model" >"$WORK/name.out" 2>&1
check "refused: an output name that is not UTF-8 (the model's name is metadata)" \
	'[ $? -eq 1 ] && grep -q "valid UTF-8" "$WORK/name.out" && [ ! -e "$WORK/$(printf "x\xff").model" ]'
"$PERSNER" dict --base "$BASE" --add "$WORK/missing.tsv" -o "$WORK/m.model" >"$WORK/missing.out" 2>&1
check "a missing list: status 1 and the path" '[ $? -eq 1 ] && grep -q "missing.tsv" "$WORK/missing.out"'
"$PERSNER" dict --base "$BASE" -o "$WORK/m.model" >/dev/null 2>&1
check "no list: usage, status 2" '[ $? -eq 2 ]'
"$PERSNER" dict --add "$NAMES" -o "$WORK/m.model" >/dev/null 2>&1
check "no base: usage, status 2" '[ $? -eq 2 ]'
if [ -f "$REPO/model/fa10.model" ]; then
	printf 'FAC\tبرج نیلگون\n' >"$WORK/fac.tsv"
	"$PERSNER" dict --base "$REPO/model/fa10.model" --add "$WORK/fac.tsv" -o "$WORK/fac.model" >/dev/null 2>&1 &&
		fac=$(tag "$WORK/fac.model" "دیدار در برج نیلگون انجام شد.")
	check "the labels are the base's: FAC over fa10" '[ "${fac:-}" = "FAC${TAB}برج نیلگون" ]'
fi

# --- a damaged dictionary model is refused -----------------------------------------------
size=$(stat -c %s "$WORK/a.model")
cp "$WORK/a.model" "$WORK/damaged.model"
printf '\x7f' | dd of="$WORK/damaged.model" bs=1 seek=$((size - 20)) conv=notrunc status=none
"$PERSNER" info "$WORK/damaged.model" >"$WORK/damaged.out" 2>&1
check "a byte changed in the dictionary: refused (checksum)" \
	'[ $? -eq 1 ] && grep -qi "checksum" "$WORK/damaged.out"'

summary
