"""Relations between figures on the real corpora: how many each rule recognised, how many it flagged.

    python benchmarks/relations.py

For every derived table (stakes, changes, calendar, ranges) prints the rows recognised per corpus,
and for every finding of the numeric and date rules the sentence around it, for labelling in
findings-labelled.md (real error in the published article, or false alarm).

Recall on introduced errors: in a copy of its article, one figure of each recognised relation is
altered so that it no longer agrees (a change's percentage raised by half and 3 points, a date's
weekday moved on a day or its day made one the month lacks, a range's ends swapped, a conversion's
bracketed amount raised by half); the copies
are checked in one batch and an error counts as caught when the rule flags the altered figure.
"""

from __future__ import annotations

import sys
import calendar
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_recall import corpus  # noqa: E402

from checks.api import Checker  # noqa: E402

CATEGORIES = ("percent-range", "arithmetic", "value-conflict", "date")


WEEKDAYS = {"en": list(calendar.day_name),
            "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]}
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)?")


def alterations(docs, extraction, tables):
    """(rule, altered text, start, end) for every recognised relation that can be put wrong."""
    facts = extraction.facts.set_index(["doc_id", "fact_id"])
    languages = dict(zip(extraction.documents["doc_id"], extraction.documents["language"]))
    out = []
    # Each rule's relations put wrong by rewriting the first number of the flagged figure.
    rewrites = [
        ("changes", lambda row, v: "CD112", lambda row, v: f"{v * 1.5 + 3:g}"),
        # Moved the wrong way: below the holding stated before when raised, above it when lowered.
        ("stake_moves", lambda row, v: "CD115",
         lambda row, v: f"{row.held / 2:g}" if row.raised else f"{min(row.held * 1.5, 99):g}"),
        ("anchors", lambda row, v: "CD303", lambda row, v: f"{int(v) + 7}"),
        ("parts", lambda row, v: "CD116", lambda row, v: "99"),
        ("restatements", lambda row, v: "CD401" if row.measure == "valuation" else "CD402",
         lambda row, v: f"{v * 2:g}"),
        ("conversions", lambda row, v: "CD114", lambda row, v: f"{v * 1.5:g}"),
    ]
    for table, rule, wrong in rewrites:
        for row in tables[table].itertuples():
            m = _NUMBER.search(row.text)
            value = float(m.group().replace(",", "."))
            out.append((rule(row, value), _replace(docs[row.doc_id].text, row.start + m.start(), row.start + m.end(),
                                                    wrong(row, value))))
    for row in tables["calendar"].itertuples():
        text, fact = docs[row.doc_id].text, facts.loc[(row.doc_id, row.fact_id)]
        names = WEEKDAYS[languages[row.doc_id]]
        if row.weekday_known:
            day = int(fact["weekday"])
            written = regex.search("(?i)" + names[day], row.text)
            out.append(("CD302", _replace(text, row.start + written.start(), row.start + written.end(),
                                          names[(day + 1) % 7])))
        elif int(fact["date"][-5:-3]) in (2, 4, 6, 9, 11):
            m = _NUMBER.search(row.text)
            out.append(("CD301", _replace(text, row.start + m.start(), row.start + m.end(), "31")))
    for row in tables["ranges"].itertuples():
        numbers = list(_NUMBER.finditer(row.text))
        if len(numbers) >= 2 and numbers[0].group() != numbers[1].group():
            a, b = numbers[0], numbers[1]
            swapped = row.text[:a.start()] + b.group() + row.text[a.end():b.start()] + a.group() + row.text[b.end():]
            out.append(("CD113", _replace(docs[row.doc_id].text, row.start, row.end, swapped)))
    return out


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, int, int]:
    return text[:start] + new + text[end:], start, start + len(new)


def recall(checker, name, docs, result) -> None:
    tables = checker.relate(result.extraction)
    cases = alterations(docs, result.extraction, tables)
    checked = checker.check_texts([text for _, (text, _, _) in cases])
    caught, total = Counter(), Counter()
    for i, (rule, (_, start, end)) in enumerate(cases):
        total[rule] += 1
        caught[rule] += any(f.rule == rule and f.start < end and start < f.end for f in checked.findings_for(i))
    summary = ", ".join(f"{r} {caught[r]}/{total[r]}" for r in sorted(total))
    print(f"  recall on introduced errors: {sum(caught.values())}/{sum(total.values())} "
          f"= {100 * sum(caught.values()) / max(sum(total.values()), 1):.1f}% ({summary})")


def main() -> None:
    checker = Checker()
    for name in ("bbc-business", "wikinews-fr"):
        docs = corpus(name)
        result = checker.check_documents(docs)
        tables = checker.relate(result.extraction)
        recognised = {t: len(rows) for t, rows in tables.items() if t not in ("facts", "paragraphs", "spellings")}
        found = [f for f in result.findings if f.category in CATEGORIES]
        print(f"{name}: {len(docs)} articles; relations recognised {recognised}; "
              f"findings {dict(Counter(f.rule for f in found))}")
        for f in found:
            doc = docs[f.doc_id]
            context = doc.text[max(0, f.start - 90):f.end + 60].replace("\n", " ")
            print(f"  {Path(doc.path).name}:{f.line}:{f.column} {f.rule} {f.message} | {context}")
        recall(checker, name, docs, result)


if __name__ == "__main__":
    main()
