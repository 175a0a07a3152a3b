#!/usr/bin/env python3
"""folds.py OUT [K]: K-fold cross-validation files over PEYMA train + dev.

The sentences of peyma/train.txt and then peyma/dev.txt are cut into blocks
of 50 (the corpora keep article order, so a block holds whole articles or
most of them); block b goes to fold b mod K. Writes OUT/trainF.txt (every
fold but F) and OUT/testF.txt (fold F) for F = 0 .. K-1. Never commit them:
they are PEYMA's text. CORPUS_DIR as for train.sh.
"""
import os
import sys

from sentences import sentences

BLOCK = 50


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: folds.py OUT [K]")
    out = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) == 3 else 3
    corpus = os.environ.get("CORPUS_DIR", "../shared/corpora")
    sents = sentences(f"{corpus}/peyma/train.txt") + sentences(f"{corpus}/peyma/dev.txt")
    os.makedirs(out, exist_ok=True)
    for fold in range(k):
        with open(f"{out}/train{fold}.txt", "w", encoding="utf-8") as tr, \
             open(f"{out}/test{fold}.txt", "w", encoding="utf-8") as te:
            for i, s in enumerate(sents):
                (te if (i // BLOCK) % k == fold else tr).write("".join(s) + "\n")
    print(f"{len(sents)} sentences into {k} folds in {out}")


if __name__ == "__main__":
    main()
