#!/usr/bin/env bash
# test/suites/train-cli.sh - bin/persner train and eval on corpora written here
#
# A tiny PEYMA-format corpus (token|LABEL) and a tiny ARMAN-format one
# (token LABEL, persons only trusted), our own sentences.  Checks: training
# is deterministic (two runs, same bytes), with and without a partially
# labelled corpus; the partial corpus changes the model; the model card and
# the eval report name every label, and eval's score bands hold every
# entity; bad options are refused with status 2;
# a ten-type model (fa10's options) with an ARMAN dev split, and eval on it;
# the project's curated lists (--list-dir) are read and named in the card,
# and a missing folder (gazetteers or lists) is refused; synthetic
# press-review lines (--press-lines) from the lists' press.txt;
# persner silver on raw text of our own, and train --silver on what it wrote.
# Needs only bin/persner (no cluster).  Ends with "N passed, N failed".

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PERSNER=$REPO/bin/persner
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# shellcheck source=test/lib.sh
. "$REPO/test/lib.sh"

# PEYMA format: one token a line, "|" before the label, blank line between sentences
peyma_sentence()
{
	local w
	for w in "$@"; do printf '%s\n' "$w"; done
	printf '\n'
}

{
	for i in 1 2 3; do
		peyma_sentence 'مریم|B_PER' 'احمدی|I_PER' 'به|O' 'تبریز|B_LOC' 'رفت|O' '.|O'
		peyma_sentence 'وزارت|B_ORG' 'نیرو|I_ORG' 'در|O' 'تهران|B_LOC' 'جلسه|O' 'گذاشت|O' '.|O'
		peyma_sentence 'قیمت|O' 'طلا|O' '۳|B_PCT' 'درصد|I_PCT' 'بالا|O' 'رفت|O' '.|O'
		peyma_sentence 'بانک|B_ORG' 'ملت|I_ORG' 'روز|B_DAT' 'شنبه|I_DAT' 'تعطیل|O' 'است|O' '.|O'
		peyma_sentence 'رضا|B_PER' 'کریمی|I_PER' 'ساعت|B_TIM' '۱۰|I_TIM' 'رسید|O' '.|O'
		peyma_sentence 'بلیت|O' '۵۰|B_MON' 'هزار|I_MON' 'تومان|I_MON' 'است|O' '.|O'
	done
} >"$WORK/train.txt"
{
	peyma_sentence 'مریم|B_PER' 'کریمی|I_PER' 'به|O' 'تهران|B_LOC' 'رفت|O' '.|O'
	peyma_sentence 'وزارت|B_ORG' 'نیرو|I_ORG' 'روز|B_DAT' 'شنبه|I_DAT' 'تعطیل|O' 'است|O' '.|O'
} >"$WORK/dev.txt"
# ARMAN format: "token LABEL"; its "loc" and "org" are not trusted here
cat >"$WORK/arman.txt" <<'EOF'
سارا B-pers
رحیمی I-pers
در O
اصفهان B-loc
زندگی O
می‌کند O
. O

شرکت B-org
نفت I-org
سارا B-pers
را O
استخدام O
کرد O
. O
EOF
mkdir -p "$WORK/empty"

train()
{
	"$PERSNER" train --corpus-dir "$WORK/empty" --gazetteer-dir "$WORK/empty" --list-dir "$WORK/empty" \
		--train "$WORK/train.txt" --dev "$WORK/dev.txt" --iters 40 --threads 2 "$@" 2>"$WORK/train.err"
}

( cd "$WORK" && mkdir -p model && train >/dev/null ); rc=$?
check "train without --out is refused (status 2) and writes nothing" \
	'[ $rc -eq 2 ] && grep -q -- "--out FILE is required" "$WORK/train.err" && [ ! -e "$WORK/model/peyma.model" ]'
train --out "$WORK/a.model" --card "$WORK/a.md"
check "train writes a model" '[ -s "$WORK/a.model" ]'
train --out "$WORK/b.model" --threads 1
check "training is deterministic (2 threads vs 1: same bytes)" 'cmp -s "$WORK/a.model" "$WORK/b.model"'

# the project's own lists (--list-dir): one of ours here, the other two missing
mkdir -p "$WORK/lists"
printf '%s\n' 'وزارت نیرو' 'بانک ملت' >"$WORK/lists/organizations.txt"
train --out "$WORK/l1.model" --card "$WORK/l1.md" --list-dir "$WORK/lists"
check "a curated list is read into the gazetteer and changes the model" \
	'grep -q "gazetteer keys from 1 files" "$WORK/train.err" && [ -s "$WORK/l1.model" ] && ! cmp -s "$WORK/a.model" "$WORK/l1.model"'
check "a missing curated list is a warning, not an error" \
	'grep -q "warning: gazetteer $WORK/lists/products.txt" "$WORK/train.err"'
check "the model card names the curated lists and their licence" \
	'grep -q "lists/organizations.txt.: persner.s own curated lists, the project.s licence" "$WORK/l1.md"'

# synthetic press-review lines (--press-lines): outlets from the list folder's press.txt
printf '%s\n' 'روزنامه کیهان' 'خبرگزاری مهر' >"$WORK/lists/press.txt"
train --out "$WORK/pr1.model" --card "$WORK/pr1.md" --list-dir "$WORK/lists" --press-lines 6
train --out "$WORK/pr2.model" --list-dir "$WORK/lists" --press-lines 6
check "--press-lines adds its lines, deterministically, and changes the model" \
	'cmp -s "$WORK/pr1.model" "$WORK/pr2.model" && ! cmp -s "$WORK/l1.model" "$WORK/pr1.model" &&
	 grep -q "^- Synthetic press-review lines (6 sentences.*`lists/press.txt`" "$WORK/pr1.md" && grep -q "press=6" "$WORK/pr1.md"'
train --out "$WORK/pr3.model" --press-lines 6; rc=$?
check "--press-lines without a press.txt in the list folder is an error (status 1)" \
	'[ $rc -eq 1 ] && grep -q "press-lines: $WORK/empty/press.txt" "$WORK/train.err" && [ ! -e "$WORK/pr3.model" ]'
train --out "$WORK/pr4.model" --press-lines -1; rc=$?
check "a negative --press-lines is refused (status 2)" '[ $rc -eq 2 ] && grep -q -- "--press-lines wants a count" "$WORK/train.err"'

# the folders default to paths relative to the current directory: run from
# elsewhere, a missing folder is refused rather than trained without
( cd "$WORK/empty" && "$PERSNER" train --corpus-dir "$WORK/empty" --gazetteer-dir "$WORK/empty" \
	--train "$WORK/train.txt" --dev "$WORK/dev.txt" --iters 5 --out "$WORK/nolists.model" 2>"$WORK/nolists.err" ); rc=$?
check "train without --list-dir where there is no lists/ folder is refused (status 2)" \
	'[ $rc -eq 2 ] && grep -q -- "--list-dir lists: not a folder" "$WORK/nolists.err" && [ ! -e "$WORK/nolists.model" ]'
train --out "$WORK/nogaz.model" --gazetteer-dir "$WORK/no-such-folder"; rc=$?
check "a --gazetteer-dir that is not a folder is refused (status 2)" \
	'[ $rc -eq 2 ] && grep -q -- "--gazetteer-dir $WORK/no-such-folder: not a folder" "$WORK/train.err"'

train --out "$WORK/p1.model" --partial "$WORK/arman.txt" --partial-types PER
train --out "$WORK/p2.model" --partial "$WORK/arman.txt" --partial-types PER
check "training with a partially labelled corpus is deterministic" 'cmp -s "$WORK/p1.model" "$WORK/p2.model"'
check "the partially labelled corpus changes the model" '! cmp -s "$WORK/a.model" "$WORK/p1.model"'
"$PERSNER" info "$WORK/p1.model" >"$WORK/info.txt" 2>&1
check "the settings record the trusted types" 'grep -q "partial_types=PER" "$WORK/info.txt"'

check "the model card has a dev row per label" \
	'[ "$(grep -cE "^\| (PER|LOC|ORG|DAT|TIM|MON|PCT) \|" "$WORK/a.md")" = 7 ]'
check "the model card's score bands hold every entity eval finds on dev" \
	'[ "$(grep -cE "^\| 0\.[0-9]{2} (to|and)" "$WORK/a.md")" = 5 ] &&
	 [ "$(awk -F"|" '\''/^\| 0\.[0-9][0-9] (to|and)/ { n += $3 } END { print n }'\'' "$WORK/a.md")" = \
	   "$("$PERSNER" eval --model "$WORK/a.model" "$WORK/dev.txt" | awk '\''$1 == "overall" { print $6 }'\'')" ]'
"$PERSNER" eval --model "$WORK/a.model" "$WORK/dev.txt" >"$WORK/eval.txt" 2>&1
check "eval reports every label and overall" \
	'[ "$(grep -cE "^(PER|LOC|ORG|DAT|TIM|MON|PCT|overall) " "$WORK/eval.txt")" = 8 ]'
"$PERSNER" eval --scores --model "$WORK/a.model" "$WORK/dev.txt" >"$WORK/bands.txt" 2>&1
check "eval --scores: the same table, then five score bands that hold every predicted entity" \
	'head -n 9 "$WORK/bands.txt" | cmp -s - "$WORK/eval.txt" &&
	 [ "$(grep -c "^\[0\.[0-9][0-9]," "$WORK/bands.txt")" = 5 ] &&
	 [ "$(awk '\''/^\[/ { n += $2; r += $3 } END { print n, r }'\'' "$WORK/bands.txt")" = \
	   "$(awk '\''$1 == "overall" { print $6, int($2 * $6 / 100 + 0.5) }'\'' "$WORK/eval.txt")" ]'
check "the model learns its own training sentences (dev F1 > 50)" \
	'awk '\''$1 == "overall" { exit !($4 > 50) }'\'' "$WORK/eval.txt"'

train --out "$WORK/x.model" --partial-types NOPE
rc=$?
check "an unknown --partial-types is refused with status 2" '[ $rc -eq 2 ] && grep -q "unknown type" "$WORK/train.err"'
train --out "$WORK/x.model" --partial "$WORK/missing.txt"
rc=$?
check "a missing partial corpus is an error" '[ $rc -ne 0 ] && grep -q "could not read" "$WORK/train.err"'

# ten types (fa10): an ARMAN-format corpus of 600 sentences, its dev split held out
for i in $(seq 0 599); do
	if [ $((i % 2)) -eq 0 ]; then
		printf 'جشنواره B-event\nتابستان I-event\nدر O\nشیراز B-loc\nبود O\n. O\n\n'
	else
		printf 'فرودگاه B-fac\nکرمان I-fac\nرا O\nسارا B-pers\nدید O\n. O\n\n'
	fi
done >"$WORK/arman600.txt"
TEN=PER,LOC,ORG,DAT,TIM,MON,PCT,FAC,PRO,EVE
train --out "$WORK/t1.model" --card "$WORK/t1.md" --name ten --types $TEN --partial "$WORK/arman600.txt" \
	--partial-types PER,LOC,ORG,FAC,PRO,EVE --partial-dev
train --out "$WORK/t2.model" --name ten --types $TEN --partial "$WORK/arman600.txt" \
	--partial-types PER,LOC,ORG,FAC,PRO,EVE --partial-dev --threads 1
check "ten types: deterministic" 'cmp -s "$WORK/t1.model" "$WORK/t2.model"'
"$PERSNER" info "$WORK/t1.model" >"$WORK/info10.txt" 2>&1
check "ten types: the model has the ten labels and its name" \
	'grep -qE "^labels +PER LOC ORG DAT TIM MON PCT FAC PRO EVE$" "$WORK/info10.txt" && grep -qE "^name +ten$" "$WORK/info10.txt"'
check "ten types: the card scores the ARMAN dev split on ARMAN's types" \
	'grep -q "ARMAN dev split" "$WORK/t1.md" && grep -q -- "--dev-split --labels PER,LOC,FAC,EVE" "$WORK/t1.md"'
"$PERSNER" eval --model "$WORK/t1.model" --dev-split --labels PER,LOC,FAC,EVE "$WORK/arman600.txt" >"$WORK/eval10.txt" 2>&1
check "eval --dev-split --labels: 100 sentences (100 mentions), only the labels asked for" \
	'[ "$(awk '\''$1 == "overall" { print $5 }'\'' "$WORK/eval10.txt")" = 100 ] && ! grep -qE "^(DAT|ORG) " "$WORK/eval10.txt"'
# the same in BIOES (--scheme bioes): deterministic, said by info and the card, BIO in what it hands out
train --out "$WORK/s1.model" --card "$WORK/s1.md" --name ten --types $TEN --partial "$WORK/arman600.txt" \
	--partial-types PER,LOC,ORG,FAC,PRO,EVE --partial-dev --scheme bioes
train --out "$WORK/s2.model" --name ten --types $TEN --partial "$WORK/arman600.txt" \
	--partial-types PER,LOC,ORG,FAC,PRO,EVE --partial-dev --scheme bioes --threads 1
check "BIOES: deterministic, and not the BIO model" 'cmp -s "$WORK/s1.model" "$WORK/s2.model" && ! cmp -s "$WORK/s1.model" "$WORK/t1.model"'
"$PERSNER" info "$WORK/s1.model" >"$WORK/infos.txt" 2>&1
check "BIOES: info and the card say the scheme" \
	'grep -qE "^tag scheme +BIOES$" "$WORK/infos.txt" && grep -qE "^tag scheme +BIO$" "$WORK/info10.txt" && grep -q "BIOES-encoded" "$WORK/s1.md"'
"$PERSNER" eval --model "$WORK/s1.model" --dev-split --labels PER,LOC,FAC,EVE "$WORK/arman600.txt" >"$WORK/evals.txt" 2>&1
check "BIOES: eval on the dev split finds its 100 mentions, all right" \
	'[ "$(awk '\''$1 == "overall" { print $5 "/" $6 "/" $4 }'\'' "$WORK/evals.txt")" = 100/100/100.00 ]'
printf 'فرودگاه\nکرمان\nرا\nسارا\nدید\n.\n' | "$PERSNER" tag --pretokenized --model "$WORK/s1.model" >"$WORK/tags.txt" 2>&1
check "BIOES: tag --pretokenized prints BIO tags (B-FAC I-FAC O B-PER)" \
	'[ "$(cut -f2 "$WORK/tags.txt" | head -n 4 | tr "\n" " ")" = "B-FAC I-FAC O B-PER " ]'
train --out "$WORK/x.model" --scheme bilou
rc=$?
check "an unknown --scheme is refused with status 2" '[ $rc -eq 2 ] && grep -q "scheme is bio or bioes" "$WORK/train.err"'
train --out "$WORK/x.model" --types PER,FAC
rc=$?
check "--types must be the first types of persner's list (status 2)" '[ $rc -eq 2 ] && grep -q "is not type" "$WORK/train.err"'

# self-training: persner silver writes a silver corpus from raw text with a.model, train --silver reads it
cat >"$WORK/raw.txt" <<'EOF2'
مریم احمدی روز شنبه به تبریز رفت و در آنجا با مدیران بانک ملت دیدار
کرد.
وزارت نیرو در تهران جلسه گذاشت.
قیمت طلا ۳ درصد بالا رفت.
رضا کریمی ساعت ۱۰ رسید.
بلیت ۵۰ هزار تومان است.
باران بارید و کوچه خیس شد.
EOF2
"$PERSNER" silver --model "$WORK/a.model" --threshold 0.6 "$WORK/raw.txt" >"$WORK/s1.txt" 2>"$WORK/silver.err"
"$PERSNER" silver --model "$WORK/a.model" --threshold 0.6 <"$WORK/raw.txt" >"$WORK/s2.txt" 2>/dev/null
check "silver: deterministic, from a file or stdin" '[ -s "$WORK/s1.txt" ] && cmp -s "$WORK/s1.txt" "$WORK/s2.txt"'
check "silver: every line is token|TAG or blank, a sentence a block" \
	'! grep -vqE "^$|^[^|]+\|(O|\?|[BI]-(PER|LOC|ORG|DAT|TIM|MON|PCT))$" "$WORK/s1.txt" && [ "$(grep -c "^$" "$WORK/s1.txt")" = 6 ]'
check "silver: a column-wrapped line is joined to the next (one sentence)" \
	'grep -A1 "^دیدار|" "$WORK/s1.txt" | grep -q "^کرد|"'
"$PERSNER" silver --model "$WORK/a.model" --threshold 0 "$WORK/raw.txt" >"$WORK/s0.txt" 2>/dev/null
"$PERSNER" silver --model "$WORK/a.model" --threshold 1 --min-known 0 "$WORK/raw.txt" >"$WORK/s100.txt" 2>/dev/null
check "silver: threshold 0 keeps every label, 1 almost none" \
	'! grep -q "|?$" "$WORK/s0.txt" && [ "$(grep -c "|?$" "$WORK/s100.txt")" -gt "$(grep -c "|?$" "$WORK/s1.txt")" ]'
"$PERSNER" silver --model "$WORK/a.model" --threshold 0 --every 2 --max-tokens 1 "$WORK/raw.txt" >"$WORK/s3.txt" 2>/dev/null
check "silver: --every 2 --max-tokens 1 writes the first paragraph only" \
	'[ "$(grep -c "^$" "$WORK/s3.txt")" = 1 ] && head -1 "$WORK/s3.txt" | grep -q "^مریم|"'
"$PERSNER" silver --model "$WORK/a.model" --threshold 0.6 --min-known 0 "$WORK/raw.txt" >"$WORK/s4.txt" 2>/dev/null
"$PERSNER" silver --model "$WORK/a.model" --threshold 0.6 --o-threshold 1 --min-known 0 "$WORK/raw.txt" >"$WORK/s5.txt" 2>/dev/null
check "silver: --o-threshold keeps fewer O, the same entities" \
	'[ "$(grep -c "|[BI]-" "$WORK/s4.txt")" = "$(grep -c "|[BI]-" "$WORK/s5.txt")" ] && [ "$(grep -c "|O$" "$WORK/s5.txt")" -lt "$(grep -c "|O$" "$WORK/s4.txt")" ]'
"$PERSNER" silver --model "$WORK/a.model" --threshold 0.6 --min-entities 1 "$WORK/raw.txt" >"$WORK/s6.txt" 2>/dev/null
check "silver: --min-entities 1 writes only sentences with a kept entity" \
	'[ -s "$WORK/s6.txt" ] && grep -q "^باران|" "$WORK/s4.txt" && ! grep -q "^باران|" "$WORK/s6.txt" && awk -v RS= '\''!/\|B-/ { bad = 1 } END { exit bad }'\'' "$WORK/s6.txt"'
"$PERSNER" silver --model "$WORK/a.model" --model "$WORK/a.model" --threshold 0.6 "$WORK/raw.txt" >"$WORK/s7.txt" 2>/dev/null
"$PERSNER" silver --model "$WORK/a.model" --model "$WORK/p1.model" --threshold 0.6 --min-known 0 "$WORK/raw.txt" >"$WORK/s8.txt" 2>/dev/null
check "silver: an ensemble of a model with itself is that model; with another it keeps no more" \
	'cmp -s "$WORK/s1.txt" "$WORK/s7.txt" && [ "$(grep -c "|?$" "$WORK/s8.txt")" -ge "$(grep -c "|?$" "$WORK/s4.txt")" ]'
"$PERSNER" silver --model "$WORK/a.model" --threshold 2 "$WORK/raw.txt" >/dev/null 2>&1
rc=$?
check "silver: a threshold outside [0, 1] is refused (status 2)" '[ $rc -eq 2 ]'
train --out "$WORK/v1.model" --card "$WORK/v1.md" --silver "$WORK/s1.txt" --silver-credit "our own test sentences"
train --out "$WORK/v2.model" --silver "$WORK/s1.txt" --threads 1
check "training with a silver corpus is deterministic and changes the model" \
	'cmp -s "$WORK/v1.model" "$WORK/v2.model" && ! cmp -s "$WORK/a.model" "$WORK/v1.model"'
"$PERSNER" info "$WORK/v1.model" >"$WORK/infov.txt" 2>&1
check "the settings and the card record the silver corpus" \
	'grep -qE "silver=[1-9]" "$WORK/infov.txt" && grep -q "Silver-labelled.*(our own test sentences)" "$WORK/v1.md"'

# head-word affinities (--flags 0x127f): counted over --affinity-text only here (no clusters' text)
for i in 1 2 3 4; do
	printf '%s\n' 'شرکت زرین‌پارس قرارداد را امضا کرد.' 'زرین‌پارس در تهران کار می‌کند.'
done >"$WORK/afftext.txt"
train --out "$WORK/f1.model" --card "$WORK/f1.md" --flags 0x127f --affinity-text "$WORK/afftext.txt" \
	--affinity-credit "our own test sentences"
check "affinities: words after a head word are counted and stored" \
	'grep -q "1 words with head-word affinities, counted over 52 words" "$WORK/train.err"'
train --out "$WORK/f2.model" --flags 0x127f --affinity-text "$WORK/afftext.txt" --threads 1
train --out "$WORK/f3.model" --flags 0x127f
check "affinities: deterministic, and the affinity text changes the model" \
	'cmp -s "$WORK/f1.model" "$WORK/f2.model" && ! cmp -s "$WORK/f1.model" "$WORK/f3.model"'
check "affinities: the card names the text and its credit" \
	'grep -q "Head-word affinities (1 words).*afftext.txt. (our own test sentences)" "$WORK/f1.md"'
train --out "$WORK/x.model" --flags 0x127f --affinity-text "$WORK/missing.txt"
rc=$?
check "a missing affinity text is an error" '[ $rc -ne 0 ] && grep -q "missing.txt" "$WORK/train.err"'

summary
