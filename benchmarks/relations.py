"""Relations between figures on the real corpora: how many each rule recognised, how many it flagged.

    python benchmarks/relations.py

For every derived table (stakes, changes, calendar, ranges) prints the rows recognised per corpus,
and for every finding of the numeric and date rules the sentence around it, for labelling in
findings-labelled.md (real error in the published article, or false alarm).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_recall import corpus  # noqa: E402

from checks.api import Checker  # noqa: E402
from checks.relate import relate  # noqa: E402

TABLES = ["stakes", "changes", "calendar", "ranges"]
CATEGORIES = ("percent-range", "arithmetic", "value-conflict", "date")


def main() -> None:
    checker = Checker()
    for name in ("bbc-business", "wikinews-fr"):
        docs = corpus(name)
        result = checker.check_documents(docs)
        tables = relate(result.extraction, set(TABLES))
        recognised = {t: len(tables[t]) for t in TABLES}
        found = [f for f in result.findings if f.category in CATEGORIES]
        print(f"{name}: {len(docs)} articles; relations recognised {recognised}; "
              f"findings {dict(Counter(f.rule for f in found))}")
        for f in found:
            doc = docs[f.doc_id]
            context = doc.text[max(0, f.start - 90):f.end + 60].replace("\n", " ")
            print(f"  {Path(doc.path).name}:{f.line}:{f.column} {f.rule} {f.message} | {context}")


if __name__ == "__main__":
    main()
