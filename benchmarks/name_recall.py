"""Names misspelt once in any article: recall, and false alarms on the articles as published.

    python benchmarks/name_recall.py [--corpora bbc-business,wikinews-fr,wikinews-fr-winer,reuters-21578]
                                     [--reuters N] [--before /work/base]

The names are chosen without copydesk's extractor, so that the benchmark does not share its blind
spots. Each article is cut into words by a regex of its own: a word starts with a capital and is
letters only (accents, combining marks and inner capitals allowed), at least 4 letters, with at least
one lower-case letter (acronyms in capitals are left out, and so are names of 2-3 letters: one letter
changed makes another acronym or word); a possessive 's and a French elision (l', d', qu'...) are
stripped; a word joined to a hyphen, a digit or another apostrophe (Jean-Yves, A320, O'Brien) is
left out. A word is a name when the article writes it at least twice where a capital says nothing
else: not at the start of a line or sentence (the previous non-space character is not one of
.!?:«"“ or a line break) and not in a line mostly in capitals (a Reuters headline).

One name per article is picked at random, then one of its occurrences other than the first (not in
a capitals line), which is misspelt once, never in its first letter: two neighbouring letters
swapped, a letter dropped, a keyboard neighbour of the letter before inserted, a letter replaced by
a keyboard neighbour, or a letter doubled. In the French corpora a name with an accented lower-case
letter loses that accent instead ("accent drop"). The randomness is seeded by 2026 and the article's
file name, so an article gets the same case whatever corpora or sample are chosen. A misspelling is
"a word" when wordfreq gives it a Zipf frequency of at least 2.0 in the article's language; the
original is "registered" when it matches a registered name, or a word of one, folded; "written
twice" when the altered article has the name right only once (outside capitals lines).

All the altered articles are checked in one batch. A case is caught when an entity-spelling or
entity-consistency finding overlaps the misspelt word and its suggestion gives back the original
(the word itself, or the article once the finding's span is replaced); a finding there without that
suggestion is counted apart. Then each corpus is checked unaltered, in one batch, and every entity
finding is a false alarm until someone labels it: all are written to
benchmarks/out/name_findings-<corpus>.tsv, and 200 drawn at random across corpora to
benchmarks/out/name_findings-sample.tsv, with an empty `label` column.

Halves: an article is in half A (development) or B (held out) by the first byte of the SHA-1 of its
file name. Both are reported; misses are listed for half A only.

The checks run in a child process (`--worker`), with the code of this checkout or, with `--before`,
of another one (PYTHONPATH=that checkout, this venv's Python), so both are printed side by side;
`--after` measures another checkout than this one (a clean tree while this one has work in progress).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "benchmarks" / "out"
ALL_CORPORA = ("bbc-business", "wikinews-fr", "wikinews-fr-winer", "reuters-21578")
LANGUAGE = {"bbc-business": "en", "reuters-21578": "en", "wikinews-fr": "fr", "wikinews-fr-winer": "fr"}
ENTITY_CATEGORIES = ("entity-spelling", "entity-consistency")
KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm".split()
EDITS = ("swap", "drop", "insert", "substitute", "double")
SENTENCE_END = set('\n.!?:«"“')
ELISION = r"(?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’]"
LETTER = r"\p{L}\p{M}"


def word_pattern():
    import regex
    # Group 1: an elision, stripped; group 2: the word. Not glued to a letter, digit, hyphen or
    # apostrophe on either side, but for the elision before and a possessive 's after.
    return regex.compile(rf"(?<![{LETTER}\p{{N}}_'’-])({ELISION})?(\p{{Lu}}[{LETTER}]*)"
                         rf"(?![{LETTER}\p{{N}}_-])(?!['’](?!s\b)\p{{L}})")


def half(name: str) -> str:
    return "AB"[hashlib.sha1(name.encode()).digest()[0] % 2]


def capitals_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines whose letters are mostly capitals."""
    spans, start = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > len(letters) / 2:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def starts_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t\u00a0\u202f":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def occurrences(text: str, pattern) -> dict[str, list[tuple[int, bool]]]:
    """Each candidate word: its offsets outside capitals lines, each with whether a capital there says
    it is a name (not the start of a sentence or line)."""
    caps = capitals_lines(text)
    found = defaultdict(list)
    for m in pattern.finditer(text):
        word = m.group(2)
        if sum(c.isalpha() for c in word) < 4 or not any(c.islower() for c in word):
            continue
        if any(s <= m.start(2) < e for s, e in caps):
            continue
        found[word].append((m.start(2), not starts_sentence(text, m.start())))
    return found


def neighbours(ch: str) -> str:
    for row in KEYBOARD:
        i = row.find(ch.lower())
        if i >= 0:
            return row[max(i - 1, 0):i] + row[i + 1:i + 2]
    return ""


def misspell(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one edit of this kind, never in its first letter; None when none applies."""
    letters = [i for i in range(1, len(word)) if word[i].isalpha()]
    if kind == "swap":
        places = [i for i in letters if i + 1 < len(word) and word[i + 1].isalpha() and word[i] != word[i + 1]]
        if not places:
            return None
        i = rng.choice(places)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        i = rng.choice(letters)
        return word[:i] + word[i + 1:]
    if kind == "double":
        i = rng.choice(letters)
        return word[:i + 1] + word[i] + word[i + 1:]
    if kind == "insert":  # a key next to the letter before: a finger that slips
        places = [i for i in range(1, len(word) + 1) if neighbours(word[i - 1])]
        if not places:
            return None
        i = rng.choice(places)
        return word[:i] + rng.choice(neighbours(word[i - 1])) + word[i:]
    if kind == "substitute":
        places = [i for i in letters if neighbours(word[i])]
        if not places:
            return None
        i = rng.choice(places)
        new = rng.choice(neighbours(word[i]))
        return word[:i] + (new.upper() if word[i].isupper() else new) + word[i + 1:]
    raise ValueError(kind)


def accent_dropped(word: str, rng: random.Random) -> str | None:
    places = [i for i, c in enumerate(word) if c.islower() and unicodedata.normalize("NFD", c)[0] != c]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + unicodedata.normalize("NFD", word[i])[0] + word[i + 1:]


def load_corpus(name: str, reuters: int | None) -> list[tuple[str, str]]:
    """(file name, text) of each article, in order of file name."""
    folder = CORPORA / name
    if name == "wikinews-fr":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from corpus_run import html_to_text  # BeautifulSoup, one paragraph a line

        converted = html_to_text(folder)
        try:
            return [(f"{p.stem}.html", p.read_text(encoding="utf-8")) for p in sorted(converted.glob("*.txt"))]
        finally:
            shutil.rmtree(converted)
    files = sorted(folder.glob("*.txt"))
    if name == "reuters-21578" and reuters is not None:
        files = sorted(random.Random(2026).sample(files, min(reuters, len(files))))
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files]


def make_case(corpus: str, name: str, text: str, pattern, registered: set[str], fold) -> dict | None:
    from wordfreq import zipf_frequency

    rng = random.Random(f"2026/{corpus}/{name}")
    found = occurrences(text, pattern)
    names = sorted(w for w, places in found.items() if sum(named for _, named in places) >= 2)
    if not names:
        return None
    word = rng.choice(names)
    start = rng.choice([at for at, _ in found[word][1:]])
    lang = LANGUAGE[corpus]
    wrong = accent_dropped(word, rng) if lang == "fr" else None
    kind = "accent drop"
    while not wrong:
        kind = rng.choice(EDITS)
        wrong = misspell(word, kind, rng)
    return {"corpus": corpus, "file": name, "half": half(name), "original": word, "wrong": wrong, "kind": kind,
            "start": start, "end": start + len(wrong), "text": text[:start] + wrong + text[start + len(word):],
            "a word": zipf_frequency(wrong.lower(), lang) >= 2.0, "registered": fold(word) in registered,
            "written": len(found[word])}


def registered_words(checker, fold) -> set[str]:
    import regex

    entities = checker.extractor.entities
    names = {*entities.folded.values(), *entities.registered_form.values()}
    return set(entities.folded) | {fold(w) for n in names for w in regex.findall(r"[\p{L}\p{M}]+", n)}


# --- the checks, in a child process ----------------------------------------------------------------

def worker(cases_file: str, out_file: str) -> None:
    """Check each batch of (path, text) with the `checks` on PYTHONPATH; write the entity findings."""
    import checks
    from checks.api import Checker
    from checks.model import Document

    batches = json.loads(Path(cases_file).read_text(encoding="utf-8"))
    checker = Checker()
    results = []
    for batch in batches:
        docs = [Document(i, path, text) for i, (path, text) in enumerate(batch["docs"])]
        began = time.perf_counter()
        result = checker.check_documents(docs)
        seconds = time.perf_counter() - began
        found = [[int(f.doc_id), f.category, f.rule, f.start, f.end, f.text, f.suggestion, f.message]
                 for f in result.findings if f.category in ENTITY_CATEGORIES]
        results.append({"name": batch["name"], "seconds": seconds, "findings": found})
    rss = {who: resource.getrusage(getattr(resource, who)).ru_maxrss / 1024 for who in ("RUSAGE_SELF", "RUSAGE_CHILDREN")}
    Path(out_file).write_text(json.dumps({"checks": checks.__file__, "batches": results, "rss": rss}), encoding="utf-8")


def run_checks(checkout: Path, batches: list[dict], tmp: Path, label: str) -> dict:
    cases_file, out_file = tmp / "cases.json", tmp / f"findings-{label}.json"
    if not cases_file.exists():
        cases_file.write_text(json.dumps(batches), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(cases_file), str(out_file)],
                          cwd=checkout, env=env, capture_output=True, text=True)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"{label}: the checks failed in {checkout}: {last}")
    out = json.loads(out_file.read_text(encoding="utf-8"))
    out["wall"] = time.perf_counter() - began
    by_batch = {}
    for b in out["batches"]:
        per_doc = defaultdict(list)
        for f in b["findings"]:
            per_doc[f[0]].append(dict(zip(("category", "rule", "start", "end", "text", "suggestion", "message"), f[1:])))
        by_batch[b["name"]] = per_doc
    out["by_batch"] = by_batch
    return out


# --- scoring and printing ---------------------------------------------------------------------------

def outcome(case: dict, found: list[dict]) -> str:
    """"caught", "wrong suggestion" (an entity finding there, not giving back the original) or "missed"."""
    text, start, end = case["text"], case["start"], case["end"]
    original = text[:start] + case["original"] + text[end:]
    there = [f for f in found if f["start"] < end and start < f["end"]]
    if any(f["suggestion"] is not None and (f["suggestion"] == case["original"]
           or text[:f["start"]] + f["suggestion"] + text[f["end"]:] == original) for f in there):
        return "caught"
    return "wrong suggestion" if there else "missed"


def pct(caught: int, total: int) -> str:
    return f"{100 * caught / total:5.1f}%" if total else "    - "


def recall_tables(cases: list[dict], versions: dict[str, list[str]], corpora: list[str]) -> None:
    groups = {"overall": lambda c: True, "not a word": lambda c: not c["a word"], "a word": lambda c: c["a word"],
              **{k: (lambda c, k=k: c["kind"] == k) for k in (*EDITS, "accent drop")},
              "registered": lambda c: c["registered"], "unregistered": lambda c: not c["registered"],
              "written twice": lambda c: c["written"] == 2, "written 3+": lambda c: c["written"] > 2}
    rows = [(c, h) for c in corpora for h in "AB"] + [(lang, h) for lang in ("en", "fr")
                                                     if any(LANGUAGE[c] == lang for c in corpora) for h in "AB"]
    labels = list(versions)
    width = 16 + 9 * (len(labels) - 1)  # the first version's caught/cases and %, the others' % (same cases)
    print("Recall: caught/cases and %" + (f" ({', then '.join(labels)})" if len(labels) > 1 else "")
          + "; 'wrong sugg.' = flagged there without the right suggestion")
    for names in (["overall", "not a word", "a word"],
                  [*EDITS, "accent drop", "registered", "unregistered", "written twice", "written 3+"]):
        print(f"{'':22s}" + "".join(f"{g:>{width}s} " for g in names) + ("  wrong sugg." if "overall" in names else ""))
        for where, h in rows:
            mine = [i for i, c in enumerate(cases) if h == c["half"] and where in (c["corpus"], LANGUAGE[c["corpus"]])]
            line = f"{where + ' ' + h:22s}"
            for g in names:
                chosen = [i for i in mine if groups[g](cases[i])]
                caught = [sum(versions[label][i] == "caught" for i in chosen) for label in labels]
                cell = f"{caught[0]}/{len(chosen)} {pct(caught[0], len(chosen))}" + "".join(
                    f" |{pct(n, len(chosen))}" for n in caught[1:]) if chosen else "-"
                line += f"{cell:>{width}s} "
            if "overall" in names:
                line += "  " + " |".join(f"{sum(versions[label][i] == 'wrong suggestion' for i in mine):5d}" for label in labels)
            print(line)
        print()


def context(text: str, start: int, end: int, width: int) -> str:
    side = max(0, (width - (end - start)) // 2)
    return (text[max(0, start - side):start] + "[[" + text[start:end] + "]]" + text[end:end + side]).replace("\n", " ").replace("\t", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=",".join(ALL_CORPORA))
    parser.add_argument("--reuters", type=int, default=None, help="sample this many Reuters articles (fixed seed)")
    parser.add_argument("--before", type=Path, default=None, help="another checkout to compare with")
    parser.add_argument("--after", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(*args.worker)
    corpora = [c for c in args.corpora.split(",") if c]
    if unknown := set(corpora) - set(ALL_CORPORA):
        sys.exit(f"unknown corpora: {', '.join(sorted(unknown))} (known: {', '.join(ALL_CORPORA)})")
    for tree in filter(None, (args.after, args.before)):
        if not (tree / "checks" / "api.py").is_file():
            sys.exit(f"{tree}: not a copydesk checkout (no checks/api.py)")

    sys.path.insert(0, str(args.after.resolve()))  # its registry, for the breakdown
    from checks.api import Checker
    from checks.extract.text import fold

    began = time.perf_counter()
    registered = registered_words(Checker(), fold)
    pattern = word_pattern()
    articles = {c: load_corpus(c, args.reuters) for c in corpora}
    cases = []
    for corpus, docs in articles.items():
        made = [case for name, text in docs if (case := make_case(corpus, name, text, pattern, registered, fold))]
        print(f"{corpus}: {len(docs)} articles ({sum(half(n) == 'A' for n, _ in docs)} in half A), "
              f"{len(made)} with a name written twice: one case each")
        cases += made
    print(f"cases chosen in {time.perf_counter() - began:.1f} s\n")

    batches = [{"name": "altered", "docs": [[c["file"], c["text"]] for c in cases]}]
    batches += [{"name": corpus, "docs": [[n, t] for n, t in docs]} for corpus, docs in articles.items()]
    checkouts = {"now": args.after.resolve(), **({"before": args.before.resolve()} if args.before else {})}
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, checkout in checkouts.items():
            runs[label] = run_checks(checkout, batches, Path(tmp), label)
    versions = {label: [outcome(c, run["by_batch"]["altered"].get(i, [])) for i, c in enumerate(cases)]
                for label, run in runs.items()}

    recall_tables(cases, versions, corpora)
    for corpus in corpora:
        missed = [(i, c) for i, c in enumerate(cases)
                  if c["corpus"] == corpus and c["half"] == "A" and versions["now"][i] != "caught"]
        print(f"{corpus}, half A: {len(missed)} missed (now), the first 30:")
        for i, c in missed[:30]:
            there = [f for f in runs["now"]["by_batch"]["altered"].get(i, []) if f["start"] < c["end"] and c["start"] < f["end"]]
            note = "".join(f"  ({f['rule']} on {f['text']!r} suggests {f['suggestion']!r})" for f in there)
            print(f"  {c['wrong']!r} for {c['original']!r} [{c['kind']}, {'a word' if c['a word'] else 'not a word'}]"
                  f"{note} | {context(c['text'], c['start'], c['end'], 60)}")
        print()

    print("False alarms: entity findings on the unaltered articles (all count until labelled)")
    print(f"{'':22s}{'articles':>9s}  " + "  ".join(f"{label + ': findings, per 200 articles':>34s}" for label in runs))
    rows = []
    for corpus in corpora:
        for h in "AB":
            ids = [i for i, (n, _) in enumerate(articles[corpus]) if half(n) == h]
            counts = [sum(len(run["by_batch"][corpus].get(i, [])) for i in ids) for run in runs.values()]
            rows.append((corpus, h, len(ids), counts))
            print(f"{corpus + ' ' + h:22s}{len(ids):9d}  " + "  ".join(f"{n:27d} {200 * n / max(len(ids), 1):6.1f}" for n in counts))
    for lang in ("en", "fr"):
        for h in "AB":
            mine = [r for r in rows if LANGUAGE[r[0]] == lang and r[1] == h]
            if mine:
                articles_n = sum(r[2] for r in mine)
                counts = [sum(r[3][k] for r in mine) for k in range(len(runs))]
                print(f"{lang + ' ' + h:22s}{articles_n:9d}  " + "  ".join(f"{n:27d} {200 * n / max(articles_n, 1):6.1f}" for n in counts))
    print()

    OUT.mkdir(exist_ok=True)
    columns = ["file", "half", "rule", "text", "suggestion", "message", "context"]
    every = []
    for corpus in corpora:
        lines = ["\t".join(columns)]
        for i, (name, text) in enumerate(articles[corpus]):
            for f in runs["now"]["by_batch"][corpus].get(i, []):
                row = [name, half(name), f["rule"], f["text"], f["suggestion"] or "", f["message"],
                       context(text, f["start"], f["end"], 100)]
                row = [str(v).replace("\t", " ").replace("\n", " ") for v in row]
                lines.append("\t".join(row))
                every.append([corpus, *row])
        (OUT / f"name_findings-{corpus}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        halves = [half(name) for name, _ in articles[corpus]]
        (OUT / f"name_articles-{corpus}.tsv").write_text(
            f"half\tarticles\nA\t{halves.count('A')}\nB\t{halves.count('B')}\n", encoding="utf-8")
    sample = random.Random(2026).sample(every, min(200, len(every)))
    (OUT / "name_findings-sample.tsv").write_text(
        "\n".join("\t".join(r) for r in [["corpus", *columns, "label"], *[[*s, ""] for s in sample]]) + "\n", encoding="utf-8")
    print(f"wrote {len(every)} findings (now) to {OUT.relative_to(ROOT)}/name_findings-<corpus>.tsv and "
          f"{len(sample)} to name_findings-sample.tsv for labelling\n")

    for label, run in runs.items():
        times = ", ".join(f"{b['name']} ({len(next(x for x in batches if x['name'] == b['name'])['docs'])} articles) "
                          f"{b['seconds']:.1f} s" for b in run["batches"])
        print(f"{label} ({Path(run['checks']).parent.parent}): batches (the first pays the GX import) {times}; whole child {run['wall']:.1f} s; "
              f"peak RSS {run['rss']['RUSAGE_SELF']:.0f} MB, largest forked worker {run['rss']['RUSAGE_CHILDREN']:.0f} MB")
    print(f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"total {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
