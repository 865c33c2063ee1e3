"""False alarms of the name rules per 200 articles, from findings labelled by hand.

    python benchmarks/name_recall.py          # writes benchmarks/out/name_findings-<corpus>.tsv
    python benchmarks/name_false_alarms.py    # reads them with benchmarks/name_labels.tsv

name_labels.tsv holds one row a finding on an article as published: `real` (the published text has
the error or the inconsistency the message names), `false` (a false alarm) or `unsure`, with a note;
labelled by reading the article, following the guide below. bbc-business, wikinews-fr and
wikinews-fr-winer: every finding of the version of 2026-12-04; reuters-21578: 100 findings drawn at
random (seed 2026) from those on its first 4,000 articles (the benchmark's --reuters 4000 sample).
A finding is matched to its label by corpus, file, rule and text; the share of false alarms among
the labelled findings of a corpus and half is applied to all its findings. Findings that no label
matches are counted apart (a newer version's own): label them before trusting the figure.

Guide: `real` also when the suggested direction is the wrong one (the other form is the error);
`false` for another person, place or company with a near name, a word, a ticker, a table label, a
heading or dateline in capitals against the body, a legitimately different name in another language.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CORPORA = ("bbc-business", "wikinews-fr", "wikinews-fr-winer", "reuters-21578")


def main() -> None:
    with open(HERE / "name_labels.tsv", encoding="utf-8") as f:
        labels = {(r["corpus"], r["file"], r["rule"], r["text"]): r["label"] for r in csv.DictReader(f, delimiter="\t")}
    total_false = total_articles = 0.0
    for corpus in CORPORA:
        path = OUT / f"name_findings-{corpus}.tsv"
        if not path.exists():
            sys.exit(f"{path}: missing; run benchmarks/name_recall.py first")
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        articles = Counter()
        for line in (OUT / f"name_articles-{corpus}.tsv").read_text(encoding="utf-8").split("\n")[1:]:
            if line:
                half, count = line.split("\t")
                articles[half] = int(count)
        for half in "AB":
            found = [r for r in rows if r["half"] == half]
            counts = Counter(labels.get((corpus, r["file"], r["rule"], r["text"]), "unlabelled") for r in found)
            labelled = counts["real"] + counts["false"] + counts["unsure"]
            false = counts["false"] / labelled * len(found) if labelled else float("nan")
            total_false += 0 if false != false else false
            total_articles += articles[half]
            print(f"{corpus:18s} {half}: {articles[half]:5d} articles, {len(found):4d} findings, {labelled:3d} labelled "
                  f"(real {counts['real']}, false {counts['false']}, unsure {counts['unsure']}), "
                  f"{counts['unlabelled']} unlabelled; false alarms ~{false:.1f} = "
                  f"{200 * false / max(articles[half], 1):.2f} per 200 articles")
    print(f"all: ~{total_false:.0f} false alarms in {total_articles:.0f} articles = "
          f"{200 * total_false / total_articles:.2f} per 200 articles")


if __name__ == "__main__":
    main()
