#!/usr/bin/env python3
"""arman-relabel.py IN OUT TYPES: ARMAN with its one-word mentions of TYPES unknown.

TYPES is a comma-separated list of ARMAN's type names as the file writes
them (ARMAN writes organizations `org`, so `org`). Each mention of one of
them that is a single word has its label written `?`, which `persner train`
reads as "any label" (a partial label): the readings R1, R3 and F3 of
experiments.md, where ARMAN's one-word organizations (countries acting in
the news) are left open instead of contradicting PEYMA's places. Never
commit the output: it is ARMAN's text.
"""
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: arman-relabel.py IN OUT TYPES")
    src, dst, types = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")

    def label(i):
        return lines[i].rsplit(" ", 1)[1] if i < len(lines) and lines[i].strip() else "O"

    out = []
    for i, line in enumerate(lines):
        if line.strip():
            tok, lab = line.rsplit(" ", 1)
            if lab.startswith("B-") and lab[2:] in types and label(i + 1) != "I-" + lab[2:]:
                line = tok + " ?"
        out.append(line)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
