#!/usr/bin/env bash
# test/accuracy/conventions.sh - how PEYMA draws its spans, counted in its training split
#
#   bash test/accuracy/conventions.sh [PEYMA train.txt]   (default ../shared/corpora/peyma/train.txt)
#
# Renders the corpus as marked lines ("[ORG خبرگزاری مهر] ...", the format of
# hard.txt) and counts, for each choice test/accuracy/README.md makes, the
# mentions that take a word inside the span against those that leave it
# outside.  Prints "inside<TAB>outside<TAB>what"; reads the corpus, writes
# nothing.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TRAIN=${1:-$REPO/../shared/corpora/peyma/train.txt}
[ -r "$TRAIN" ] || { echo "conventions.sh: cannot read $TRAIN" >&2; exit 1; }
MARKED=$(mktemp)
trap 'rm -f "$MARKED"' EXIT

# token|B_TYPE lines, blank line between sentences -> one marked line a sentence
awk '
function flush() { if (open) line = line "]"; if (line != "") print line; line = ""; open = "" }
/^[[:space:]]*$/ { flush(); next }
{
	i = match($0, /\|[^|]*$/); w = substr($0, 1, i - 1); t = substr($0, i + 1)
	if (open != "" && !(t ~ /^I_/ && substr(t, 3) == open)) { line = line "]"; open = "" }
	if (t != "O" && open == "") { open = substr(t, 3); w = "[" open " " w }
	line = (line == "" ? w : line " " w)
}
END { flush() }' "$TRAIN" >"$MARKED"

# n ERE: mentions matching the expression
n() { grep -oE "$1" "$MARKED" | wc -l; }
# row INSIDE_ERE OUTSIDE_ERE WHAT
row() { printf '%s\t%s\t%s\n' "$(n "$1")" "$(n "$2")" "$3"; }

WD='(شنبه|یکشنبه|دوشنبه|سه شنبه|چهارشنبه|پنجشنبه|پنج شنبه|جمعه)'
MO='(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)'
GM='(ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|آگوست|سپتامبر|اکتبر|نوامبر|دسامبر)'

printf 'inside\toutside\twhat\n'
row '\[DAT روز ' 'روز \[DAT ' 'DAT: «روز» before a date'
row "\[DAT (روز )?$WD" "$WD \[DAT " 'DAT: the weekday'
row '\[DAT [^]]* ماه' '\[DAT [^]]*\] ماه' 'DAT: «ماه» after the month'
row "\[DAT ماه $GM" "ماه \[DAT $GM" 'DAT: «ماه» before a Gregorian month'
row '\[DAT سال ' 'سال \[DAT ' 'DAT: «سال» before the year'
row '\[DAT [^]]*(میلادی|قمری|شمسی)\]' '\[DAT [^]]*\] (میلادی|قمری|شمسی)' 'DAT: «میلادی», «قمری» after the year'
row '\[DAT از [^]]* تا ' 'از \[DAT [^]]* تا ' 'DAT: «از» of a range «از ... تا ...»'
row '\[DAT تاریخ ' 'تاریخ \[DAT ' 'DAT: «تاریخ» before a date (outside: the majority)'
row '\[DAT [^]]*/[^]]*\]' 'no-such-mention' 'DAT: dates written with slashes (13/2/95)'
row '\[TIM ساعت' 'ساعت \[TIM' 'TIM: «ساعت»'
row '\[TIM [^]]*[0-9] (صبح|عصر|شب|بامداد)' '[0-9]\] (صبح|عصر|شب|بامداد)' 'TIM: «صبح», «عصر» after the hour'
row '\[TIM (صبح|ظهر|عصر|شب|بامداد) (امروز|دیروز|روز|شنبه|یکشنبه|دوشنبه|سه شنبه|چهارشنبه|پنجشنبه|جمعه)' '(صبح|ظهر|عصر|بامداد) \[DAT ' 'TIM: a part of the day with its day («صبح امروز»), one TIM'
row "\[TIM [^]]*$MO[^]]*ساعت[^]]*\]" "\[DAT [^]]*$MO[^]]*\] \[TIM [^]]*\]" 'date then time: one TIM (inside) or DAT then TIM (outside)'
row "\[DAT [^]]*(13|20)[0-9][0-9]\] - \[TIM" 'no-such-mention' 'date with its year, a dash, then the time: DAT, TIM (datelines)'
row "\[TIM ساعت [^]]*$MO[^]]*\]" "\[TIM ساعت [^]]*\] \[DAT " 'time then date: one TIM (inside) or TIM then DAT (outside)'
row '\[MON [^]]*(ریال|تومان|دلار|یورو|پوند)ی?\]' '\[MON [^]]*\] (ریال|تومان|دلار|یورو|پوند)' 'MON: the currency'
row '\[MON [^]]*(میلیون|میلیارد|هزار) ' '\[MON [^]]*\] (میلیون|میلیارد)' 'MON: the scale word'
row '\[MON (حدود|بیش از|کمتر از) ' '(حدود|بیش از|کمتر از) \[MON' 'MON: «حدود», «بیش از» before the amount (outside)'
row '\[PCT [^]]*درصدی?\]' '\[PCT [^]]*\] درصد' 'PCT: «درصد» (and «درصدی»)'
row '\[ORG [^]]* ایران\]' '\[ORG [^]]*\] \[LOC ایران\]' 'ORG: a country at the end of the name («بانک ملی ایران»)'
row '\[ORG شرکت ' 'شرکت \[ORG ' 'ORG: «شرکت»'
row '\[ORG باشگاه ' 'باشگاه \[ORG ' 'ORG: «باشگاه»'
row '\[ORG تیم ' 'تیم \[ORG ' 'ORG: «تیم» (a team named by its club)'
row '\[ORG خبرگزاری ' 'خبرگزاری \[ORG ' 'ORG: «خبرگزاری»'
row '\[ORG وزارت ' 'وزارت \[ORG ' 'ORG: «وزارت»'
row '\[ORG وزیر ' 'وزیر \[ORG ' 'ORG: the ministry after «وزیر» («وزیر [ORG خارجه فرانسه]»), «وزیر» outside'
row '\[LOC شهر ' 'شهر \[LOC ' 'LOC: «شهر»'
row '\[LOC استان ' 'استان \[LOC ' 'LOC: «استان»'
row '\[LOC کشور ' 'کشور \[LOC ' 'LOC: «کشور»'
row '\[LOC روستای ' 'روستای \[LOC ' 'LOC: «روستای»'
row '\[LOC (موزه|ورزشگاه|فرودگاه) ' '\[ORG (موزه|ورزشگاه|فرودگاه) ' 'LOC (inside) or ORG (outside): museums, stadiums, airports'
row 'دلار \[LOC آمریکا\]' 'دلار آمریکا' '«دلار آمریکا»: LOC (inside) or O (outside)'
row '\[PER (آقای|خانم|دکتر|مهندس|آیت الله|حجت الاسلام|سردار) ' '(آقای|خانم|دکتر|مهندس|آیت الله|حجت الاسلام|سردار) \[PER ' 'PER: a title before the name'
row '\[ORG (بانک مرکزی|وزارت خارجه|سازمان ملل|ایرنا|ناجا|کمیته امداد)\]' 'no-such-mention' 'ORG: short names of organizations, alone'
row '\[DAT (دیروز|امسال|سال گذشته|هفته آینده|پایان سال)\]' '(^| )(دیروز|امسال|سال گذشته|هفته آینده|پایان سال)( |$)' 'DAT: «دیروز», «امسال», «سال گذشته», «پایان سال» alone'
row '\[DAT امروز\]' '(^| )امروز( |$)' 'DAT or O: «امروز» alone (split: left out of hard.txt)'
row '\[ORG مجلس\]' '(^| )مجلس( |$)' 'ORG or O: «مجلس» alone (mostly O: left out of hard.txt)'
row '\[DAT ماه رمضان\]' '(^| )ماه رمضان( |$)' 'DAT or O: «ماه رمضان» (split: left out of hard.txt)'
