"""press-aug.py OUTLETS N CORPUS > OUT: CORPUS and N synthetic press-review lines.

A press review opens each line with the outlet and a colon («کیهان : ...»),
a form PEYMA train hardly holds (4 one-word organizations before a colon at
a sentence's start, against 26 persons). Each synthetic line is an outlet
of OUTLETS (one name a line, such as the press part of lists/organizations.txt;
every other line drops a leading «روزنامه», as reviews write it), labelled
ORG, a colon, and one of CORPUS's sentences of 6 to 25 tokens without a
colon, taken evenly through the file. Deterministic.
"""
import sys

from sentences import sentences


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: press-aug.py OUTLETS N CORPUS > OUT")
    with open(sys.argv[1], encoding="utf-8") as f:
        outlets = [line.split() for line in f if line.strip()]
    n = int(sys.argv[2])
    sents = sentences(sys.argv[3])
    out = sys.stdout
    for s in sents:
        out.write("".join(s) + "\n")
    short = [s for s in sents if 6 <= len(s) <= 25 and not any(l.rsplit("|", 1)[0] == ":" for l in s)]
    step = max(1, len(short) // n)
    for i in range(n):
        name = outlets[(i * 7) % len(outlets)]
        if i % 2 and name[0] == "روزنامه" and len(name) > 1:
            name = name[1:]
        lines = [name[0] + "|B_ORG\n"] + [w + "|I_ORG\n" for w in name[1:]] + [":|O\n"]
        out.write("".join(lines + short[(i * step) % len(short)]) + "\n")


if __name__ == "__main__":
    main()
