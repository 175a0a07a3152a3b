"""sentences.py: the sentences of a corpus file (one token a line, a blank line between), for the scripts here."""


def sentences(path):
    """each sentence of path as its list of lines, newlines kept"""
    out, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                cur.append(line)
            elif cur:
                out.append(cur)
                cur = []
    if cur:
        out.append(cur)
    return out
