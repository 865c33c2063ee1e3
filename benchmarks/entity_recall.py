"""Entity checks on the real corpora: false alarms, recall on introduced misspellings, and cost.

    python benchmarks/entity_recall.py

1. Findings: entity findings per 100 articles on the BBC business articles and the French
   Wikinews articles as published (each is listed, for labelling in findings-labelled.md).
2. Recall: every registered name found in those articles is misspelt once, in a copy of its
   article, by one letter (a substitution by a neighbouring key, a deletion, a doubled letter or
   two letters swapped, away from the first letter) and, in French articles, by dropping an
   accent; the copies are checked in one batch and a misspelling counts as caught when an
   entity-spelling finding covers it and suggests the registered name. Misspellings that make
   another real word or registered name cannot be told from that word and are left out (counted).
   Names of two or three letters (GM, BMW, UK) are reported apart: one letter changed makes
   another acronym, which no checker can tell from a typo.
3. Cost: `check` on the BBC articles with and without the entity rules, side by side.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_run import html_to_text  # noqa: E402

from checks.api import Checker  # noqa: E402
from checks.config import Settings  # noqa: E402
from checks.extract.entities import MIN_FUZZY_LENGTH, is_known_word  # noqa: E402
from checks.extract.text import fold  # noqa: E402
from checks.model import Document  # noqa: E402
from checks.rules import default_rules_dir  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm".split()
ENTITY_CATEGORIES = ("entity-spelling", "entity-consistency")


def neighbours(ch: str) -> str:
    low = ch.lower()
    for row in KEYBOARD:
        i = row.find(low)
        if i >= 0:
            near = row[max(i - 1, 0):i] + row[i + 1:i + 2]
            return near.upper() if ch.isupper() else near
    return ""


def misspellings(word: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, misspelt word) candidates, one letter away, never touching a word's first letter."""
    out = []
    letters = [i for i in range(1, len(word)) if word[i].isalpha() and word[i - 1].isalpha()]
    rng.shuffle(letters)
    for i in letters:
        for n in neighbours(word[i]):
            out.append(("substitution", word[:i] + n + word[i + 1:]))
        out.append(("deletion", word[:i] + word[i + 1:]))
        out.append(("doubling", word[:i] + word[i] + word[i:]))
        if i + 1 < len(word) and word[i + 1].isalpha() and word[i + 1] != word[i] and word[i + 1].islower():
            out.append(("transposition", word[:i] + word[i + 1] + word[i] + word[i + 2:]))
    rng.shuffle(out)
    return out


def accent_drop(word: str) -> str | None:
    for i, ch in enumerate(word):
        base = unicodedata.normalize("NFD", ch)[0]
        if ch.islower() and base != ch:
            return word[:i] + base + word[i + 1:]
    return None


def corpus(name: str) -> list[Document]:
    folder = CORPORA / name
    if any(folder.glob("*.html")):
        folder = html_to_text(folder)
    return [Document(i, str(p), p.read_text(encoding="utf-8")) for i, p in enumerate(sorted(folder.glob("*.txt")))]


def findings_per_article(checker: Checker, name: str, docs: list[Document]) -> None:
    result = checker.check_documents(docs)
    found = [f for f in result.findings if f.category in ENTITY_CATEGORIES]
    print(f"{name}: {len(docs)} articles, {len(found)} entity findings, "
          f"{100 * len(found) / len(docs):.1f} per 100 articles")
    for f in found:
        doc = docs[f.doc_id]
        context = doc.text[max(0, f.start - 50):f.end + 30].replace("\n", " ")
        print(f"  {Path(doc.path).name}:{f.line}:{f.column} {f.rule} {f.text!r} -> {f.suggestion!r} | {context}")


def recall(checker: Checker, name: str, docs: list[Document], rng: random.Random) -> None:
    extraction = checker.extractor.extract(docs)
    facts = extraction.facts
    languages = dict(zip(extraction.documents["doc_id"], extraction.documents["language"]))
    mentions = facts[(facts["kind"] == "entity") & facts["match"].isin(["exact", "alias"])]
    matcher = checker.extractor.entities
    # A misspelling that makes another registered name or a word the registry declares distinct
    # (a real word or name near a registered one) cannot be told from that word.
    taken = set(matcher.folded) | matcher.distinct
    cases, skipped, docs_text = [], Counter(), []
    for row in mentions.itertuples():
        doc = docs[row.doc_id]
        word = row.text
        edits = misspellings(word, rng)
        if languages[row.doc_id] == "fr" and (dropped := accent_drop(word)):
            edits.insert(0, ("accent drop", dropped))
        for kind, wrong in edits:
            if kind != "accent drop" and (is_known_word(wrong) or fold(wrong) in taken):
                skipped["real word or registered name"] += 1
                continue
            text = doc.text[:row.start] + wrong + doc.text[row.end:]
            short = len(fold(word)) < MIN_FUZZY_LENGTH - 1
            cases.append((text, row.start, row.start + len(wrong), row.canonical, kind, short))
            docs_text.append(doc.text)
            break
    result = checker.check_texts([c[0] for c in cases])
    caught = Counter()
    total = Counter()
    missed = []
    for i, (text, start, end, canonical, kind, short) in enumerate(cases):
        original = docs_text[i]
        hit = any(f.category == "entity-spelling" and f.start < end and start < f.end
                  and (f.suggestion == canonical or text[:f.start] + f.suggestion + text[f.end:] == original)
                  for f in result.findings_for(i))
        group = "names of 2-3 letters" if short else kind
        total[group] += 1
        caught[group] += hit
        if not hit and not short:
            missed.append(f"{text[start:end]!r} for {canonical!r}")
    long_total = sum(n for g, n in total.items() if not g.startswith("names of"))
    long_caught = sum(n for g, n in caught.items() if not g.startswith("names of"))
    print(f"{name}: {len(cases)} misspellings introduced ({dict(skipped)} left out)")
    print(f"  recall, names of 4+ letters: {long_caught}/{long_total} = {100 * long_caught / max(long_total, 1):.1f}%")
    for group in sorted(total):
        print(f"    {group:28s} {caught[group]:5d}/{total[group]:<5d} {100 * caught[group] / total[group]:5.1f}%")
    if missed:
        print(f"  missed ({len(missed)}): " + ", ".join(missed[:40]))


def cost(docs: list[Document]) -> None:
    """One batch with and without the entity rules and registry, GX imported beforehand."""
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns("entity-*.yml", "sources", "*.py"))
        (rules / "registry.yml").write_text("entities: []\n", encoding="utf-8")
        timings = {}
        for label, checker in (("with entity checks", Checker()), ("without entity checks", Checker(Settings(rules_dir=rules)))):
            checker.check_documents(docs[:3])  # GX imported, suites compiled
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                checker.check_documents(docs)
                best = min(best, time.perf_counter() - start)
            timings[label] = best
    with_, without = timings["with entity checks"], timings["without entity checks"]
    print(f"cost on {len(docs)} BBC articles (after the GX import, best of 3): with entity checks {with_:.2f} s, "
          f"without {without:.2f} s ({with_ / without:.2f}x)")


def main() -> None:
    checker = Checker()
    print(f"registry: {len(checker.extractor.entities.surface)} registered forms, "
          f"{len(checker.extractor.entities.fuzzy_keys)} names long enough for near-miss matching")
    rng = random.Random(2026)
    bbc, wikinews = corpus("bbc-business"), corpus("wikinews-fr")
    for name, docs in (("bbc-business", bbc), ("wikinews-fr", wikinews)):
        findings_per_article(checker, name, docs)
    for name, docs in (("bbc-business", bbc), ("wikinews-fr", wikinews)):
        recall(checker, name, docs, rng)
    cost(bbc)


if __name__ == "__main__":
    main()
