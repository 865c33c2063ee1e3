"""Score copydesk's extractor on Microsoft Recognizers-Text specs, and time it on the corpora.

    python benchmarks/extraction_specs.py [--model percent|currency|number ...] [--lang en|fr ...]
                                          [--failures] [--no-throughput]

With no argument: every model in both languages, then the throughput. Specs are read from
`../shared/specs/recognizers-text/{English,French}/{Percent,Currency,Number}Model.json` (see
`../shared/README.md`). Results are compared on (text, value, unit), never on offsets: the French
offsets are unreliable. Texts are compared case-insensitively with runs of whitespace collapsed;
values with a relative tolerance of 1e-9. Spec values in the French files use a decimal comma.

Models and what is compared
- percent: the expected results against the facts of kind "percent" (text, value).
- currency: against the facts of kind "money" (text, value, ISO currency). The spec's `isoCurrency`
  is used when given, otherwise its `unit` is mapped by `UNITS` below; subunits are converted to
  their currency ("50 cents" is 0.5 USD, "470 pence" 4.7 GBP; in the French files cents and
  centimes are hundredths of a euro). A unit without a mapping fails the case ("unknown-unit").
- number: against `checks.extract.numbers.find_numbers(text, lang)` (text, value); reported as
  "not available" while that function does not exist.

A case passes when every expected result is matched by a distinct extraction and nothing else of
the model's kind is extracted. A failing case gets the reason of its first unmatched result:
wrong-unit (same text and value, other currency), wrong-value (same text), wrong-text (an extraction
overlapping the expected text), missed (none), unknown-unit; or, all results matched, invented (an
extra extraction). "error" is the extractor raising on the input. A result without a value (a bare
"dollar" mention) can only be matched by an extraction without a value. "Invented facts" counts the
extractions on cases that expect nothing. Cases marked NotSupported or NotSupportedByDesign (by any
of Microsoft's platforms) are reported apart from the supported ones.

Number cases that matter for money and percentages
A number case matters when each expected result is a cardinal number
- in digits, with English or French separators (comma, point, space, no-break or narrow space),
  decimals and a sign: "1,234,567", "1 234 567,89", ",08", "-9.2321312", "- 10  k";
- or in words, a sign included: "one hundred and sixty-one", "quatre-vingt-dix neuf", "minus one";
- with a scale word or abbreviation: hundred, thousand, million, billion, trillion, mille,
  milliard, k, m, mm, mil, b, bn, bln, tln ("2 million", "1,674.5 million", "10k", "1.2b");
- or is a simple fraction in words, alone or after a whole number: half, third(s), quarter(s),
  demi, tiers, quart(s), moitié ("two thirds", "one and a half", "cent et trois quarts");
and a case that expects nothing matters too ("a", "an", "a next of kin" read no number).
Excluded, and counted by reason (`EXCLUSIONS`, checked in order): dozens; exponents and scientific
notation (1.1^23, 1e10, 1.3x10^6); fractions in digits or vulgar-fraction characters (3/4, 2 1/4,
⅔); ratios (one over three, one out of three, 1 in twenty-one, un sur trois); inputs with an
ordinal, which the specs read as fractions or drop ("one fifth", "un cinquieme", "a hundredth",
"two millionth" read as "two", "May 4th"); SI and Indian scales and grouping (10G, lakh, crore,
12,34,567.89); and cases expecting nothing whose input has a number glued to a unit ("180ml",
"29km", "1m").

Throughput: `Extractor(load_registry())` on `../shared/corpora/bbc-business/*.txt` and
`../shared/corpora/wikinews-fr/*.html` (h1, h2, h3, p and li texts joined by blank lines, converted
before timing), language detected as `check` does; one warm-up run, then the best of three.
MB are 10^6 bytes of UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from checks.extract import Extractor, numbers
from checks.model import Document
from checks.rules import load_registry
from checks.words import load_words

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT.parent / "shared" / "specs" / "recognizers-text"
CORPORA = ROOT.parent / "shared" / "corpora"
LANGUAGES = {"en": "English", "fr": "French"}
MODELS = {"percent": "PercentModel", "currency": "CurrencyModel", "number": "NumberModel"}
FACT_KIND = {"percent": "percent", "currency": "money"}
REL_TOL = 1e-9
INPUT_WIDTH = 120
# Microsoft's own Python release of the recognizers (2019), all cases of the currency specs.
MICROSOFT_PYTHON = {"en": (139, 180), "fr": (102, 114)}

# Spec unit (lower case) -> (ISO 4217 code, factor to that currency). "cent" depends on the language.
UNITS = {
    "dollar": ("USD", 1), "united states dollar": ("USD", 1), "dollar états-unis": ("USD", 1),
    "euro": ("EUR", 1),
    "pound": ("GBP", 1), "british pound": ("GBP", 1), "livre": ("GBP", 1),
    "pence": ("GBP", 0.01), "penny": ("GBP", 0.01),
    "japanese yen": ("JPY", 1), "yen japonais": ("JPY", 1),
    "swiss franc": ("CHF", 1), "franc suisse": ("CHF", 1),
    "franc": ("FRF", 1),
    "canadian dollar": ("CAD", 1), "dollar canadien": ("CAD", 1),
    "australian dollar": ("AUD", 1), "dollar australien": ("AUD", 1),
    "new zealand dollar": ("NZD", 1), "dollar néo-zélandais": ("NZD", 1),
    "hong kong dollar": ("HKD", 1), "dollar de hong kong": ("HKD", 1),
    "chinese yuan": ("CNY", 1), "yuan chinois": ("CNY", 1),
    "mexican peso": ("MXN", 1),
    # "Pesewa" in the French file is a mistranslation of the English case's pesetas.
    "peseta": ("ESP", 1), "pesewa": ("ESP", 1),
    "netherlands guilder": ("NLG", 1), "florins néerlandais": ("NLG", 1),
    "finnish markka": ("FIM", 1), "mark finlandais": ("FIM", 1),
    "rupee": ("INR", 1), "roupie": ("INR", 1), "roupie indienne": ("INR", 1),
    "centimes": ("EUR", 0.01),
}
# "Cent": US cents in the English files, euro cents in the French ones.
CENT = {"en": ("USD", 0.01), "fr": ("EUR", 0.01)}

_ORDINAL = (
    r"\d+(?:st|nd|rd|th)\b"
    r"|\b[a-z-]*(?:first|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|tieth|teenth|hundredth|thousandth|illionth)s?\b"
    r"|i[eè]mes?\b|\bpremi[eè]re?s?\b"
)
# (reason, pattern, where): checked in order on the expected texts, the input, or the input of a
# case expecting nothing.
EXCLUSIONS = [
    ("dozens", r"dozen|douzaine|\bdzs?\b|\bdozs?\b", "expected"),
    ("exponent", r"\^|\d\s*e[+-]?\d|\dx10", "expected"),
    ("fraction in digits", r"\d\s*/\s*\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]", "expected"),
    ("ratio", r"\b(?:over|out of|in|sur)\b", "expected"),
    ("ordinal", _ORDINAL, "input"),
    ("SI or Indian scale", r"\d\s*g\b|lakh|crore|\d,\d\d,\d{3}\b", "expected"),
    ("number glued to a unit", r"\d[a-z]+\b", "empty"),
]


@dataclass
class Expected:
    text: str
    value: float  # NaN when the spec gives none
    currency: str = ""
    unknown_unit: str = ""  # the spec's unit when it has no ISO code


@dataclass
class Found:
    text: str
    start: int
    end: int
    value: float
    currency: str = ""


@dataclass
class Case:
    lang: str
    model: str
    input: str
    expected: list[Expected]
    supported: bool
    exclusion: str = ""  # number cases that do not matter for money and percentages: why


@dataclass
class Outcome:
    case: Case
    got: list[Found] = field(default_factory=list)
    reason: str = ""  # "" when the case passes
    error: str = ""


# Reading the specs


def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def spec_value(raw: str | None, lang: str) -> float:
    if raw is None or raw == "null":
        return math.nan
    raw = raw.strip().rstrip("%")
    return float(raw.replace(",", ".") if lang == "fr" else raw)


def expected_of(result: dict, lang: str, model: str) -> Expected:
    resolution = result["Resolution"]
    value = spec_value(resolution.get("value"), lang)
    if model != "currency":
        return Expected(result["Text"], value)
    unit = resolution.get("unit", "")
    iso = resolution.get("isoCurrency")
    code, factor = CENT[lang] if unit.lower() == "cent" else UNITS.get(unit.lower(), (None, 1))
    if iso:
        code, factor = iso, 1
    if code is None:
        return Expected(result["Text"], value, unknown_unit=unit)
    return Expected(result["Text"], value * factor, code)


def number_exclusion(text: str, expected: list[Expected]) -> str:
    targets = {
        "expected": " | ".join(e.text.casefold() for e in expected),
        "input": text.casefold(),
        "empty": "" if expected else text.casefold(),
    }
    return next((reason for reason, pattern, where in EXCLUSIONS if re.search(pattern, targets[where])), "")


def load_cases(lang: str, model: str) -> list[Case]:
    path = SPECS / LANGUAGES[lang] / f"{MODELS[model]}.json"
    cases = []
    for raw in json.loads(path.read_text(encoding="utf-8-sig")):
        expected = [expected_of(r, lang, model) for r in raw["Results"]]
        supported = not (raw.get("NotSupported") or raw.get("NotSupportedByDesign"))
        case = Case(lang, model, raw["Input"], expected, supported)
        if model == "number":
            case.exclusion = number_exclusion(case.input, expected)
        cases.append(case)
    return cases


# Running the extractor


def facts_found(extractor: Extractor, text: str, lang: str, kind: str) -> list[Found]:
    facts = extractor.extract([Document(0, "spec", text)], lang).facts
    facts = facts[facts["kind"] == kind]
    return [Found(f.text, int(f.start), int(f.end), float(f.value), f.currency or "") for f in facts.itertuples()]


def numbers_found(text: str, lang: str) -> list[Found]:
    return [Found(text[s:e], s, e, float(v)) for s, e, v in numbers.find_numbers(text, load_words()[lang])]


# Scoring


def same_value(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=REL_TOL)


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` occurs in `text`, case-insensitively and with any whitespace between its words."""
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)] if pattern else []


def miss_reason(case: Case, exp: Expected, unused: list[Found]) -> str:
    same_text = [f for f in unused if norm(f.text) == norm(exp.text)]
    if any(same_value(f.value, exp.value) for f in same_text):
        return "wrong-unit"
    if same_text:
        return "wrong-value"
    spans = spans_of(case.input, exp.text)
    if any(f.start < e and s < f.end for f in unused for s, e in spans):
        return "wrong-text"
    return "missed"


def judge(case: Case, got: list[Found]) -> str:
    unused = list(got)
    reasons = []
    for exp in case.expected:
        if exp.unknown_unit:
            reasons.append("unknown-unit")
            continue
        hit = next(
            (f for f in unused
             if norm(f.text) == norm(exp.text) and same_value(f.value, exp.value) and f.currency == exp.currency),
            None,
        )
        if hit:
            unused.remove(hit)
        else:
            reasons.append(miss_reason(case, exp, unused))
    if reasons:
        return reasons[0]
    return "invented" if unused else ""


def run_case(case: Case, extractor: Extractor) -> Outcome:
    try:
        if case.model == "number":
            got = numbers_found(case.input, case.lang)
        else:
            got = facts_found(extractor, case.input, case.lang, FACT_KIND[case.model])
    except Exception as e:  # the extractor is work in progress: one broken case must not stop the run
        return Outcome(case, reason="error", error=f"{type(e).__name__}: {e}")
    return Outcome(case, got, judge(case, got))


# Reporting


def rate(outcomes: list[Outcome]) -> str:
    passed = sum(not o.reason for o in outcomes)
    total = len(outcomes)
    pct = f"{100 * passed / total:5.1f}%" if total else "    -"
    return f"{passed:4d}/{total:<4d} {pct}"


def invented(outcomes: list[Outcome]) -> int:
    return sum(len(o.got) for o in outcomes if not o.case.expected)


def report_model(lang: str, model: str, outcomes: list[Outcome]) -> None:
    supported = [o for o in outcomes if o.case.supported]
    unsupported = [o for o in outcomes if not o.case.supported]
    label = f"{LANGUAGES[lang]:8s}{model:9s}"
    if model != "number":
        print(f"{label}supported {rate(supported)}   NotSupported {rate(unsupported)}   "
              f"all {rate(outcomes)}   invented facts: {invented(supported)} (+{invented(unsupported)} NotSupported)")
        return
    for name, group in [("supported", supported), ("NotSupported", unsupported)]:
        matter = [o for o in group if not o.case.exclusion]
        excluded = [o for o in group if o.case.exclusion]
        reasons = Counter(o.case.exclusion for o in excluded)
        print(f"{label}{name:13s} matter {rate(matter)}   excluded {rate(excluded)}   "
              f"invented: {invented(matter)}   excluded by reason: {dict(reasons.most_common())}")


def describe(items: list[Expected] | list[Found]) -> str:
    def one(x) -> str:
        unit = x.unknown_unit if isinstance(x, Expected) and x.unknown_unit else x.currency
        return f"{x.text!r} {x.value:.15g}" + (f" {unit}" if unit else "")

    return "; ".join(one(x) for x in items) or "(nothing)"


def print_failures(outcomes: list[Outcome]) -> None:
    failing = [o for o in outcomes if o.case.supported and o.reason]
    print(f"\nFailing supported cases: {len(failing)}")
    for o in sorted(failing, key=lambda o: (o.case.model, o.case.lang, o.reason)):
        text = " ".join(o.case.input.split())
        text = text if len(text) <= INPUT_WIDTH else text[: INPUT_WIDTH - 1] + "…"
        tag = f" (excluded: {o.case.exclusion})" if o.case.exclusion else ""
        print(f"[{o.case.lang} {o.case.model}] {o.reason}{tag}: {text}")
        print(f"    expected: {describe(o.case.expected)}")
        print(f"    got:      {o.error or describe(o.got)}")


def score_specs(models: list[str], langs: list[str], failures: bool) -> None:
    extractor = Extractor([])  # entity facts are not scored
    has_find_numbers = hasattr(numbers, "find_numbers")
    everything = []
    for model in models:
        if model == "number" and not has_find_numbers:
            print("number model: not available (checks.extract.numbers.find_numbers does not exist yet)")
            continue
        for lang in langs:
            outcomes = [run_case(c, extractor) for c in load_cases(lang, model)]
            report_model(lang, model, outcomes)
            everything += outcomes

    print(f"\nOverall, supported cases, {'+'.join(LANGUAGES[l] for l in langs)}:")
    if {"percent", "currency"} & set(models):
        money_and_percent = [o for o in everything if o.case.model != "number" and o.case.supported]
        print(f"  percent and currency       {rate(money_and_percent)}")
    if "number" in models:
        matter = [o for o in everything if o.case.model == "number" and o.case.supported and not o.case.exclusion]
        print(f"  number cases that matter   {rate(matter) if has_find_numbers else 'not available'}")
    errors = [o for o in everything if o.error]
    if errors:
        print(f"  raised on {len(errors)} cases (extractor or find_numbers), first: {errors[0].error}")
    if "currency" in models:
        reference = ", ".join(
            f"{LANGUAGES[l]} currency {p}/{t} ({100 * p / t:.0f}%)" for l, (p, t) in MICROSOFT_PYTHON.items()
        )
        print(f"  reference, Microsoft's Python release (2019), all cases (compare with 'all'): {reference}")
    if failures:
        print_failures(everything)


# Throughput


def html_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    blocks = (e.get_text(" ", strip=True) for e in soup.find_all(["h1", "h2", "h3", "p", "li"]))
    return "\n\n".join(b for b in blocks if b)


def corpus(name: str) -> list[Document]:
    folder = CORPORA / name
    paths = sorted(folder.glob("*.txt")) or sorted(folder.glob("*.html"))
    read = html_text if paths and paths[0].suffix == ".html" else (lambda p: p.read_text(encoding="utf-8"))
    return [Document(i, str(p), read(p)) for i, p in enumerate(paths)]


def throughput() -> None:
    print("\nThroughput, Extractor(load_registry()), extraction only (warm-up, then best of 3):")
    extractor = Extractor(load_registry())
    for name in ["bbc-business", "wikinews-fr"]:
        docs = corpus(name)
        megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        try:
            extractor.extract(docs)
            best = math.inf
            for _ in range(3):
                start = time.perf_counter()
                extractor.extract(docs)
                best = min(best, time.perf_counter() - start)
        except Exception as e:  # the extractor is work in progress
            print(f"  {name:13s} not available: {type(e).__name__}: {e}")
            continue
        print(f"  {name:13s} {len(docs)} articles, {megabytes:.2f} MB: {best:6.2f} s   "
              f"{megabytes / best:6.3f} MB/s   {len(docs) / best:6.1f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", choices=list(MODELS), help="repeatable; default: all")
    parser.add_argument("--lang", action="append", choices=list(LANGUAGES), help="repeatable; default: both")
    parser.add_argument("--failures", action="store_true", help="print every failing supported case")
    parser.add_argument("--no-throughput", action="store_true", help="skip timing the extractor on the corpora")
    args = parser.parse_args()
    score_specs(args.model or list(MODELS), args.lang or list(LANGUAGES), args.failures)
    if not args.no_throughput:
        throughput()


if __name__ == "__main__":
    main()
