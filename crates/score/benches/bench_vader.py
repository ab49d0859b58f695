#!/usr/bin/env python3
"""The Python reference on the same 50,000 comments as the Rust bench
("vader 50k comments" in benches/score.rs): the committed comments in
tests/data/comments.tsv, cycled to 50,000.

    pip install vaderSentiment==3.3.2
    python3 crates/score/benches/bench_vader.py
"""
import os
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "..", "tests", "data", "comments.tsv")
N = 50_000


def main():
    with open(TSV, encoding="utf-8") as f:
        base = [line.split("\t")[0] for line in f.read().splitlines()[1:] if line.strip()]
    texts = [base[i % len(base)] for i in range(N)]
    t0 = time.perf_counter()
    analyzer = SentimentIntensityAnalyzer()
    t1 = time.perf_counter()
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        total = 0.0
        for t in texts:
            total += analyzer.polarity_scores(t)["compound"]
        runs.append(time.perf_counter() - start)
    print("lexicon load: %.3f s" % (t1 - t0))
    print("%d comments: best %.3f s of 3 runs (%.1f us/comment), checksum %.4f"
          % (N, min(runs), min(runs) / N * 1e6, total))


if __name__ == "__main__":
    main()
