"""The facts of each document, one row a fact, in pandas DataFrames: the extract stage itself."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import regex

from ..model import Document
from ..rules import Entity
from ..words import Lexicon, Words, load_words
from . import numbers
from .cues import find_cues
from .dates import find_dates
from .entities import EntityMatcher, is_known_word
from .names import foreign
from .text import (address_spans, detect_language, index_of, normalise, overlap_test, paragraphs, segment_of,
                   sentence_starts)

# Column -> dtype of the three tables extraction gives.
DOCUMENT_COLUMNS = {"doc_id": "int64", "path": "str", "language": "str", "chars": "int64", "published": "str",
                    "complete": "bool"}
# Seconds one document's extraction may take (a few MB of text take a few seconds); past it, the
# document is reported as not fully checked instead of holding up the batch.
DOCUMENT_TIME_LIMIT = 60.0
# A full date this close to the top of an article is its dateline ("22 mai 2012. - ...").
DATELINE_WINDOW = 400
FACT_COLUMNS = {
    "doc_id": "int64", "fact_id": "int64", "kind": "str", "value": "float64", "low": "float64",
    "high": "float64", "tolerance": "float64", "unit": "str", "currency": "str", "date": "str",
    "weekday": "float64", "hedge": "str", "lead": "str", "text": "str", "start": "int64", "end": "int64",
    "sentence": "int64", "paragraph": "int64", "cues": "str", "role": "str", "canonical": "str", "match": "str",
}
PARAGRAPH_COLUMNS = {"doc_id": "int64", "fact_id": "int64", "text": "str", "start": "int64", "end": "int64",
                     "paragraph": "int64"}
# How far around a figure its cue words are looked for, within its sentence.
CUE_WINDOW_BEFORE = 50
CUE_WINDOW_AFTER = 30
# How far back the joining words of a figure are kept ("to $1.13bn from $639m").
LEAD_WINDOW = 25


@dataclass
class Extraction:
    documents: pd.DataFrame  # DOCUMENT_COLUMNS
    facts: pd.DataFrame  # FACT_COLUMNS
    paragraphs: pd.DataFrame  # doc_id, fact_id, text, start, end, paragraph

    @staticmethod
    def concat(parts: list[Extraction]) -> Extraction:
        """One batch's extraction from its parts' (documents keep their ids)."""
        return Extraction(*(concat_frames([getattr(p, name) for p in parts])
                            for name in ("documents", "facts", "paragraphs")))


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns as one; empty ones are left out (they carry no dtypes worth keeping)."""
    filled = [f for f in frames if not f.empty]
    return pd.concat(filled, ignore_index=True) if len(filled) > 1 else (filled or frames)[0].reset_index(drop=True)


# Rows are turned into frames every so many documents: as dicts they take ten times the memory.
FRAME_EVERY = 256

# A sentence of each language with a figure, a range, a date, a name and a cue of each common kind (see warm_up).
_WARM_UP = {
    "en": "Renault SA said on Monday, 17 October 2022, that its 15% stake in Nissan, valued at €1.5bn, "
          "rose 3 points from a year earlier; it employs 3,000 people and invests €1-1.5bn.",
    "fr": "Renault a annoncé lundi 17 octobre 2022 que sa participation de 15 % dans Nissan, valorisée à "
          "1,5 milliard d'euros, a progressé de 3 points en un an ; il emploie 3 000 salariés et investit de 1 à "
          "1,5 milliard d'euros.",
}


class Extractor:
    def __init__(self, registry: list[Entity], words: Words | None = None):
        """`words`: the word lists to read (load_words); None: the shipped ones."""
        self.words = words or load_words()
        self.entities = EntityMatcher(registry, self.words)

    def extract(self, documents: list[Document], language: str | None = None, published: str = "") -> Extraction:
        """Facts of a batch. `published`: the publication date (ISO) when given; else each
        document's own, read from a full date near its top."""
        parts = []
        for i in range(0, max(len(documents), 1), FRAME_EVERY):  # no document: one part, empty, with dtypes
            docs, facts, paras = [], [], []
            for doc in documents[i:i + FRAME_EVERY]:
                doc_doc, doc_facts, doc_paras = self.document(doc, language, published)
                docs.append(doc_doc)
                facts += doc_facts
                paras += doc_paras
            parts.append(Extraction(_frame(docs, DOCUMENT_COLUMNS), _frame(facts, FACT_COLUMNS),
                                    _frame(paras, PARAGRAPH_COLUMNS)))
        return Extraction.concat(parts)

    def warm_up(self) -> None:
        """Compile every pattern of both languages and load the word lists now, in a process whose
        forked children then share them instead of each doing it again."""
        for lang, text in _WARM_UP.items():
            self.document(Document(-1, "", text), lang, "")
        is_known_word("warm")
        foreign("warm")

    def document(self, doc: Document, language: str | None, published: str) -> tuple[dict, list[dict], list[dict]]:
        """One document's row, facts and paragraphs."""
        lang = language or detect_language(doc.prose, self.words)
        try:
            with _time_limit(DOCUMENT_TIME_LIMIT):
                doc_facts, doc_paras = self.rows(doc, lang)
            complete = True
        except _TimeUp:
            doc_facts, doc_paras, complete = [], [], False
        doc_published = published or _dateline(doc_facts)
        _anchor(doc_facts, doc_published)
        row = {"doc_id": doc.doc_id, "path": doc.path, "language": lang, "chars": len(doc.text),
               "published": doc_published, "complete": complete}
        return row, doc_facts, doc_paras

    def rows(self, doc: Document, lang: str) -> tuple[list[dict], list[dict]]:
        """The facts and the paragraphs of one document, as rows, pointing into its original text."""
        normalised = normalise(doc.prose)
        text = normalised.text
        para_spans = paragraphs(text)
        sent_starts = sentence_starts(text, para_spans)
        lex = self.words[lang]
        figures = _figures(text, lex, sent_starts)
        taken = [(r["start"], r["end"]) for r in figures]
        overlaps_figure = overlap_test(taken)
        times = [_row(d["kind"], d["start"], d["end"], text,
                      value=np.nan if d["value"] is None else d["value"], unit=d["unit"] or "",
                      date=d["date"] or "", weekday=np.nan if d["weekday"] is None else d["weekday"],
                      cues=" ".join(find_cues(_before(text, d["start"], sent_starts), "", lex)))
                 for d in find_dates(text, lex) if not overlaps_figure(d["start"], d["end"])]
        overlaps_time = overlap_test(taken + [(r["start"], r["end"]) for r in times])
        # A capitalised month or weekday is a date, not a name; registered names always count.
        names = [_row("entity", m.start, m.end, text, canonical=m.canonical, match=m.match)
                 for m in self.entities.mentions(text, sent_starts, para_spans, lang)
                 if m.match != "unregistered" or not overlaps_time(m.start, m.end)]
        in_address = overlap_test(address_spans(text))
        facts = sorted((r for r in figures + times + names if not in_address(r["start"], r["end"])),
                       key=lambda r: r["start"])
        starts = [r["start"] for r in facts]
        para_starts = np.array([s for s, _ in para_spans], dtype=np.int64)
        for fact_id, (row, sentence, paragraph) in enumerate(
            zip(facts, index_of(sent_starts, starts), index_of(para_starts, starts))
        ):
            row.update(doc_id=doc.doc_id, fact_id=fact_id, sentence=int(sentence), paragraph=int(paragraph))
        paras = [{"doc_id": doc.doc_id, "fact_id": i, "start": s, "end": e, "paragraph": i}
                 for i, (s, e) in enumerate(para_spans)]
        prose = doc.prose
        for row in facts + paras:
            start, end = normalised.span(row["start"], row["end"])
            # The span points into the file; the text is what the reader reads (no tags, entities decoded).
            row["text"] = prose[start:end]
            row["start"], row["end"] = doc.span(start, end)
        return facts, paras


def _row(kind, start, end, text, value=np.nan, low=np.nan, high=np.nan, tolerance=np.nan, unit="",
         currency="", date="", weekday=np.nan, hedge="", lead="", cues="", role="", canonical="", match="") -> dict:
    return {
        "kind": kind, "value": value, "low": low, "high": high, "tolerance": tolerance, "unit": unit,
        "currency": currency, "date": date, "weekday": weekday, "hedge": hedge, "lead": lead,
        "text": text[start:end], "start": start, "end": end, "sentence": 0, "paragraph": 0,
        "cues": cues, "role": role, "canonical": canonical, "match": match,
    }


FIGURE_KINDS = ("percent_range", "money_range", "money", "percent", "percent_of", "points", "count", "fraction",
                "compared")


def _figures(text: str, lex: Lexicon, sent_starts: list[int]) -> list[dict]:
    matches = list(numbers.find_figures(text, lex))
    rows = []
    for i, m in enumerate(matches):
        kind = next(k for k in FIGURE_KINDS if m.group(k))
        try:
            low, high = _amounts(kind, m.groupdict(), lex)
        except numbers.NotANumber:
            continue  # "one and one dollars": no single figure to check
        if high is None:
            continue
        if kind == "compared":
            # "à 1,2 milliard d'euros, contre 1,1 milliard": the currency of the amount it is compared
            # with, earlier in its sentence and outside brackets ("4.3bn rupees ($98m), against 2.7bn").
            sentence_start = sent_starts[segment_of(sent_starts, m.start())]
            before_it = [r for r in rows if r["kind"] == "money" and r["currency"] and r["start"] >= sentence_start
                         and text.count("(", sentence_start, r["start"]) == text.count(")", sentence_start, r["start"])]
            if not before_it:
                continue
            kind, low.currency = "money", before_it[-1]["currency"]
            high = low
        # The cue windows stop at the sentence's edges and at the neighbouring figures.
        start, end = m.span()
        sentence = segment_of(sent_starts, start)
        left_edge = max(sent_starts[sentence], matches[i - 1].end() if i else 0, start - CUE_WINDOW_BEFORE)
        next_sentence = sent_starts[sentence + 1] if sentence + 1 < len(sent_starts) else len(text)
        right_edge = min(next_sentence, matches[i + 1].start() if i + 1 < len(matches) else len(text),
                         end + CUE_WINDOW_AFTER)
        before, after = text[left_edge:start], text[end:right_edge]
        cues = find_cues(before, after, lex)
        unit = _points_unit(m.group()) if kind == "points" else m.group("noun").lower() if kind == "count" else ""
        rows.append(
            _row(
                kind.removesuffix("_range").removesuffix("_of"), start, end, text,
                value=np.nan if kind.endswith("_range") else high.value,
                low=low.value, high=high.value,
                # A range's ends share the precision of the more precise one ("between 2 and 2.5").
                tolerance=min(low.tolerance, high.tolerance),
                unit=unit,
                currency=high.currency,
                hedge=numbers.hedge(before, lex),
                lead=_lead(before),
                cues=" ".join(cues),
                role=_role(kind, cues, unit, before, after, lex),
            )
        )
    return rows


def _before(text: str, start: int, sent_starts: list[int]) -> str:
    """The words before a fact in its sentence, as far as cue words are looked for."""
    sentence_start = sent_starts[segment_of(sent_starts, start)]
    return text[max(sentence_start, start - CUE_WINDOW_BEFORE):start]


def _lead(before: str) -> str:
    """The words that join a figure to what comes before it ("to", "from", "contre"), lower-cased."""
    return " ".join(before[-LEAD_WINDOW:].lower().split()[-3:])


def _amounts(kind: str, g: dict, lex: Lexicon) -> tuple[numbers.Amount | None, numbers.Amount | None]:
    """Low and high ends of a matched figure; (None, None) when it is not a fact after all."""
    if kind == "count":
        count = numbers.amount(g["num"], g["scale"], lex)
        return count, count
    if kind == "compared":
        amount = numbers.amount(g["num"], g["scale"], lex)
        return amount, amount
    if kind == "fraction":
        share = numbers.Amount(numbers.fraction(g["fraction"], lex), 0.0)
        return share, share
    if kind.startswith("money"):
        currency_text = g["cur_pre"] or g["cur_post"]
        high = numbers.amount(g["num"], g["scale"], lex, currency_text)
        if g["cents"]:
            high.value += numbers.parse_number(g["cents"], lex)[0] / 100
            high.tolerance = 0.005
        if kind == "money":
            return high, high
        low = numbers.range_low(g["low"], lex, g["scale"], currency_text)
        high.currency = high.currency or low.currency
        # "between 2019 and 2020": figures, not money
        return (low, high) if high.currency else (None, None)
    high = numbers.amount(numbers.first_number(g["high"] or g["num"], lex), None, lex)
    if g["minus"]:
        high.value = -high.value
    low = numbers.amount(numbers.first_number(g["low"], lex), None, lex) if g["low"] else high
    return low, high


def _points_unit(text: str) -> str:
    """pp for percentage points, bp for basis points, points for any other points (an index's)."""
    lowered = text.lower()
    if "pourcentage" in lowered or "percentage" in lowered or regex.search(r"\bppt?s?$", lowered):
        return "pp"
    if "base" in lowered or "basis" in lowered or regex.search(r"\bbps?$", lowered):
        return "bp"
    return "points"


# A head count narrowed to a place or a part ("3,000 people in France", "à Douai") is not the whole.
_NARROWED = regex.compile(r"(?i)^[\s\u00a0\u202f]*(?:in|at|across|around|outside|worldwide|globally|on|for|en|dans|à|au|aux|sur|hors|pour|chez|de|du|des)(?!\p{L})")


_PER_SHARE = regex.compile(r"(?i)^[\s\u00a0\u202f]*(?:a|per|each|par)[\s\u00a0\u202f]+(?:share|action|titre)")


def _role(kind: str, cues: list[str], unit: str, before: str, after: str, lex: Lexicon) -> str:
    if kind.startswith("percent"):
        if {"rise", "fall", "change"} & set(cues):
            return "change"
        return "share" if "stake" in cues else ""
    if kind.startswith("money") and "valuation" in cues:
        return "valuation"
    # A price, unless it is moving ("cut the price of... to") or a share's ("per share" mixes
    # earnings, dividends and offers).
    if kind == "money" and "price" in cues and not {"rise", "fall", "change", "stake", "investment"} & set(cues) \
            and not _PER_SHARE.match(after):
        return "price"
    # A head count is said before the figure ("employs 3,000 people"); what follows it belongs to the
    # next clause ("3,000 jobs, out of a workforce of..."). Jobs are cut or added, not a head count.
    if kind == "count" and unit not in ("jobs", "emplois") and not _NARROWED.match(after):
        said_before = set(find_cues(before, "", lex))
        return "headcount" if "employ" in said_before and not {"rise", "fall", "change"} & said_before else ""
    return ""


def _dateline(facts: list[dict]) -> str:
    """The first full date near the top of an article, taken as its publication date."""
    return next((f["date"] for f in facts if f["kind"] == "date" and f["start"] < DATELINE_WINDOW
                 and regex.fullmatch(r"\d{4}-\d\d-\d\d", f["date"])), "")


def _anchor(facts: list[dict], published: str) -> None:
    """Relative years ("next year", "l'an dernier") get the year they mean when the publication date is known."""
    if not published:
        return
    for fact in facts:
        if fact["kind"] == "relative" and fact["unit"] == "year":
            fact["date"] = str(int(published[:4]) + int(fact["value"]))


class _TimeUp(Exception):
    """A document's extraction ran past its time limit."""


@contextmanager
def _time_limit(seconds: float):
    """Interrupts the block after `seconds` (the `regex` module checks for signals while it matches).
    Only the main thread receives signals; elsewhere the block runs unlimited."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """One DataFrame for the whole batch, with the same dtypes whether it has rows or not."""
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)
