#!/usr/bin/env python3
"""Rewrites the expected_compound column of comments.tsv with the reference.

The comments are the first column of comments.tsv (our own writing; edit them
there). Needs only the reference package:

    pip install vaderSentiment==3.3.2
    python3 crates/score/tests/data/gen_expected.py
"""
import os
import sys

import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "comments.tsv")


def main():
    with open(PATH, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header, rows = lines[0], lines[1:]
    assert header.split("\t")[0] == "comment", header
    analyzer = SentimentIntensityAnalyzer()
    out = ["comment\texpected_compound"]
    for row in rows:
        if not row.strip():
            continue
        comment = row.split("\t")[0]
        out.append("%s\t%.4f" % (comment, analyzer.polarity_scores(comment)["compound"]))
    with open(PATH, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print("%d comments scored with vaderSentiment from %s" % (len(out) - 1, vaderSentiment.__file__),
          file=sys.stderr)


if __name__ == "__main__":
    main()
