"""Names of organisations: registered names and their variants, near-misses, and other proper names."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..rules import Entity
from .text import FUNCTION_WORDS, fold, paragraphs

# A capitalised word, hyphenated parts included ("Mercedes-Benz", "Cox-2"), and runs of them ("Les Echos").
_WORD = r"\p{Lu}[\p{L}\p{M}]*(?:[-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}@./-]){_WORD}(?: {_WORD})*(?![\p{{L}}\p{{N}}@/])")

# Near-miss thresholds: short names tolerate one edit, longer ones two.
MIN_FUZZY_LENGTH = 5
# A candidate this frequent in English or French (Zipf scale) is a word, not a misspelt name.
KNOWN_WORD_ZIPF = 2.5


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    text: str
    canonical: str  # the registered name, or "" for a proper name the registry does not know
    match: str  # exact | alias | misspelling | variant | plural | near-miss | unregistered


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loads its word lists on first use only

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr"))


def is_known_word(text: str) -> bool:
    return _zipf(text.lower()) >= KNOWN_WORD_ZIPF


class EntityMatcher:
    """Finds an article's organisation names against the registry in one pass, plus fuzzy near-misses."""

    def __init__(self, entities: list[Entity]):
        self.surface: dict[str, tuple[str, str]] = {}
        self.folded: dict[str, str] = {}
        for e in entities:
            for form, match in [(e.name, "exact"), *((a, "alias") for a in e.aliases)]:
                self.surface[form] = (e.name, match)
                self.folded.setdefault(fold(form), e.name)
            for form in e.misspellings:
                self.surface[form] = (e.name, "misspelling")
        # regex's named lists compile to a trie: one scan of the text for every registered form.
        self.pattern = regex.compile(
            r"(?<![\p{L}\p{N}@./-])\L<forms>(?![\p{L}\p{N}@/]|-\p{L})", forms=list(self.surface)
        )
        fuzzy = {f: c for f, c in self.folded.items() if len(f) >= MIN_FUZZY_LENGTH}
        self.fuzzy_keys = list(fuzzy)
        self.fuzzy_names = list(fuzzy.values())

    def mentions(self, text: str, sentence_starts: set[int]) -> list[EntityMention]:
        found = [
            EntityMention(m.start(), m.end(), m.group(), *self.surface[m.group()])
            for m in self.pattern.finditer(text)
        ] if self.surface else []
        taken = _merged([(m.start, m.end) for m in found] + _shouted_lines(text))
        starts = [t[0] for t in taken]
        others = []
        for run in _RUN.finditer(text):
            for start, end in _subtract(run.span(), taken, starts):
                start, end = _trim(text, start, end, sentence_starts)
                if end > start:
                    others.append((start, end, text[start:end]))
        return sorted(found + self._classify(others), key=lambda m: m.start)

    def _classify(self, spans: list[tuple[int, int, str]]) -> list[EntityMention]:
        """Variants of registered names, near-misses of them, or names the registry does not know."""
        keys = [fold(t) for _, _, t in spans]
        distances = (
            process.cdist(keys, self.fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=2, workers=1)
            if spans and self.fuzzy_keys
            else None
        )
        result = []
        for i, ((start, end, t), key) in enumerate(zip(spans, keys)):
            if key in self.folded:
                result.append(EntityMention(start, end, t, self.folded[key], "variant"))
                continue
            if key.endswith("s") and key[:-1] in self.folded:  # "badged as Vauxhalls"
                result.append(EntityMention(start, end, t, self.folded[key[:-1]], "plural"))
                continue
            near = self._near_miss(key, distances[i]) if distances is not None else None
            if near and not is_known_word(t):
                result.append(EntityMention(start, end, t, near, "near-miss"))
            else:
                result.append(EntityMention(start, end, t, "", "unregistered"))
        return result

    def _near_miss(self, key: str, row) -> str | None:
        if len(key) < MIN_FUZZY_LENGTH:
            return None
        best = int(row.argmin())
        distance = int(row[best])
        name_key = self.fuzzy_keys[best]
        allowed = 1 if len(name_key) < 6 else 2
        # Typists rarely get the first letter wrong; names that differ there are other names.
        if distance > allowed or key[0] != name_key[0] or abs(len(key) - len(name_key)) > 1:
            return None
        return self.fuzzy_names[best]


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """Lines mostly in capitals (a heading, a legal notice): there, case says nothing about how a
    name is spelled."""
    spans = []
    for start, end in paragraphs(text):
        letters = [ch for ch in text[start:end] if ch.isalpha()]
        if len(letters) >= 20 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
            spans.append((start, end))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(span: tuple[int, int], taken: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int]]:
    """Parts of a span not covered by `taken` (merged spans; `starts` their start offsets)."""
    start, end = span
    parts = []
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    while i < len(taken) and taken[i][0] < end:
        t_start, t_end = taken[i]
        if t_end > start:
            if t_start > start:
                parts.append((start, t_start))
            start = max(start, t_end)
        i += 1
    if end > start:
        parts.append((start, end))
    return parts


def _trim(text: str, start: int, end: int, sentence_starts: set[int]) -> tuple[int, int]:
    """Drop spaces at the edges, and a function word that only has its capital for opening a sentence."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start in sentence_starts:
        first_end = text.find(" ", start, end)
        first_end = end if first_end == -1 else first_end
        if text[start:first_end].lower() in FUNCTION_WORDS:
            start = first_end + 1 if first_end < end else end
    return start, end
