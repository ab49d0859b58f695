#!/usr/bin/env python3
"""The Python reference (vaderSentiment 3.3.2) on a file of comments, one per
line: the Python side of scripts/bench-vader, which writes the file with
`cargo run --example vader_distinct -- write` and runs this beside the Rust
port.

    python3 crates/score/benches/bench_vader.py FILE           # time one pass
    python3 crates/score/benches/bench_vader.py FILE --scores  # print compounds
"""
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        texts = f.read().splitlines()
    start = time.perf_counter()
    analyzer = SentimentIntensityAnalyzer()
    if "--scores" in sys.argv[2:]:
        out = ["%.4f" % analyzer.polarity_scores(t)["compound"] for t in texts]
        sys.stdout.write("\n".join(out) + "\n")
        return
    total = 0.0
    for t in texts:
        total += analyzer.polarity_scores(t)["compound"]
    secs = time.perf_counter() - start
    print("python: %d comments in %.3f s (lexicon included), checksum %.4f" % (len(texts), secs, total))


if __name__ == "__main__":
    main()
