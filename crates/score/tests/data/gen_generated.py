#!/usr/bin/env python3
"""Writes generated.tsv: 300 comments from the Rust generator
(crates/score/src/sentiment/sample.rs, seed 2026) with the reference's
compound score. Needs the reference package and the generated list:

    cargo run -p waymark-score --example vader_distinct -- write 300 2026 /tmp/g300.txt
    python3 crates/score/tests/data/gen_generated.py /tmp/g300.txt
"""
import os
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        texts = f.read().splitlines()
    analyzer = SentimentIntensityAnalyzer()
    out = ["comment\texpected_compound"]
    out += ["%s\t%.4f" % (t, analyzer.polarity_scores(t)["compound"]) for t in texts]
    with open(os.path.join(HERE, "generated.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
