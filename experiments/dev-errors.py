"""dev-errors.py GOLD PRED [TYPE] [-v]: where a model's misses of one type go.

GOLD is a corpus file (token|TAG a line), PRED the output of
`persner tag --pretokenized` over its tokens (token<TAB>tag a line, the
same lines). Each gold mention of TYPE (default ORG) that the model did not
tag exactly is counted as missed (no predicted entity overlaps it),
boundary (an entity of TYPE overlaps it) or type:X (another type does);
then the mentions that open a line «NAME :» (a press review's outlet) and
how many of them the model found. -v lists each miss with its context.
"""
import collections
import sys

from sentences import sentences


def spans(tags):
    """(start, end, type) of each mention in a list of BIO tags"""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        t = t.replace("_", "-")
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    if len(args) not in (2, 3):
        sys.exit("usage: dev-errors.py GOLD PRED [TYPE] [-v]")
    want = args[2] if len(args) == 3 else "ORG"
    with open(args[1], encoding="utf-8") as f:
        pred = [line.rstrip("\n").split("\t") for line in f]
    kinds = collections.Counter()
    heads = found = 0
    row = 0
    for s in sentences(args[0]):
        toks = [line.rstrip("\n").rsplit("|", 1) for line in s]
        words = [w for w, _ in toks]
        p = [(pred[row + i] + ["O"])[1] for i in range(len(toks))]
        row += len(toks) + 1
        ps = spans(p)
        for g in spans([t for _, t in toks]):
            if g[2] != want:
                continue
            if g[0] == 0 and g[1] < len(words) and words[g[1]] == ":":
                heads += 1
                found += g in ps
            if g in ps:
                continue
            over = [q for q in ps if q[0] < g[1] and g[0] < q[1]]
            kind = "missed" if not over else "boundary" if any(q[2] == want for q in over) else "type:" + over[0][2]
            kinds[kind] += 1
            if verbose:
                print(kind, "|", " ".join(words[g[0]:g[1]]), "||", " ".join(words[max(0, g[0] - 3):g[1] + 2]))
    print(want, "not found:", dict(kinds), "of which at a line's head before ':'", heads - found,
          "(found", found, "of", heads, ")")


if __name__ == "__main__":
    main()
