#!/usr/bin/env bash
# test/bench/gen-dict-names.sh - N distinct made-up names for persner dict, as label<TAB>name
#
#   bash test/bench/gen-dict-names.sh [N] > names.tsv      (N: 100000)
#
# People (a first name and a family name), organizations (a kind of body
# and one or two invented words) and places (an invented word and a place
# suffix), built from syllable lists written for this script by a fixed
# linear congruential generator: the same N gives the same file.  The
# README's dictionary figures use it:
#   bash test/bench/gen-dict-names.sh 100000 > build/bench/names-100k.tsv
#   /usr/bin/time -v bin/persner dict --base model/peyma.model \
#       --add build/bench/names-100k.tsv -o build/bench/dict-100k.model
#   bin/persner bench --model model/peyma.model --model build/bench/dict-100k.model TEXT
set -euo pipefail
N=${1:-100000}
LC_ALL=C.UTF-8 awk -v n="$N" '
BEGIN {
	split("آر ما نو سا دا را کا به تا شی مه رو پر فر زا گل یا ور بر سپ هو آذ ار کی دل", s1, " ")
	split("مان تین وش زاد ناز یار دخت مهر دیس بد رخ گیس وند شاد بان پور نوش فام", s2, " ")
	split("ی زاده پور نیا فر راد منش وند کیا", fam, " ")
	split("شرکت گروه بنیاد موسسه هلدینگ کانون انجمن صندوق کارگاه", kind, " ")
	split("آباد ستان شهر کوه دشت رود کنار", place, " ")
	ns1 = length(s1); ns2 = length(s2); nfam = length(fam); nkind = length(kind); nplace = length(place)
	seed = 12345
	got = 0
	while (got < n) {
		r = rnd() % 10
		w1 = word(); w2 = word()
		if (r < 5)
			line = "PER\t" w1 " " w2 fam[1 + rnd() % nfam]
		else if (r < 8)
			line = "ORG\t" kind[1 + rnd() % nkind] " " w1 ((rnd() % 2) ? " " w2 : "")
		else
			line = "LOC\t" w1 place[1 + rnd() % nplace]
		if (line in seen)
			continue
		seen[line] = 1
		print line
		got++
	}
}
function rnd() {
	seed = (seed * 69069 + 1) % 4294967296	# exact in a double
	return int(seed / 65536)
}
function word(   w, k, i) {
	k = 1 + rnd() % 2
	w = ""
	for (i = 0; i < k; i++)
		w = w s1[1 + rnd() % ns1]
	return w s2[1 + rnd() % ns2]
}'
