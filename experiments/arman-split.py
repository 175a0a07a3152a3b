#!/usr/bin/env python3
"""arman-split.py OUT: arman/train.txt cut as `persner train --partial-dev` cuts it.

Writes OUT/arman-train.txt (the 90% fa10 trains on) and OUT/arman-dev.txt
(the dev split: sentences 450-499 of every 500, persner_corpus_split in
src/core/train/corpus.c), to train and score on ARMAN alone. Never commit
them: they are ARMAN's text. CORPUS_DIR as for train.sh.
"""
import os
import re
import sys

from sentences import sentences


def split_constants():
    """PERSNER_CORPUS_SPLIT_BLOCK and _EVERY, read from their one home"""
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "core", "train", "corpus.h")
    with open(header, encoding="utf-8") as f:
        text = f.read()
    return tuple(int(re.search(rf"#define\s+PERSNER_CORPUS_SPLIT_{name}\s+(\d+)", text).group(1))
                 for name in ("BLOCK", "EVERY"))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: arman-split.py OUT")
    out = sys.argv[1]
    block, every = split_constants()
    corpus = os.environ.get("CORPUS_DIR", "../shared/corpora")
    sents = sentences(f"{corpus}/arman/train.txt")
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/arman-train.txt", "w", encoding="utf-8") as tr, \
         open(f"{out}/arman-dev.txt", "w", encoding="utf-8") as dv:
        for i, s in enumerate(sents):
            (dv if (i // block) % every == every - 1 else tr).write("".join(s) + "\n")
    print(f"{len(sents)} sentences; the dev split in {out}/arman-dev.txt")


if __name__ == "__main__":
    main()
