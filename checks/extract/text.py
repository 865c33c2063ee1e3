"""Paragraphs, sentences, language and folded forms of a document's text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import regex

from ..words import Words, load_words

# A paragraph is a line of text; lines are what editors and the reports point at.
_LINE = regex.compile(r"[^\r\n]+")
# A sentence ends at . ! ? or … (with closing quotes or brackets) before a space and a capital,
# a digit or an opening quote.
_SENTENCE_END = regex.compile(r"(?<=[.!?…][\"”’»)]?)\s+(?=[\p{Lu}\p{N}\"“«‘(])")

# l'alliance, d'euros, qu'il: the apostrophe is looked for first, it is rare.
_ELISION = regex.compile(r"(?i)(?<=(?<!\p{L})(?:l|d|qu|n|s|c|j|m|t))['’]\p{L}")

# Invisible characters that split words for the eye only: soft hyphen, zero-width spaces and joiners,
# word joiner, byte-order mark.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_NEEDS_NORMALISING = regex.compile(rf"[{_INVISIBLE}]|\p{{M}}")


@dataclass
class Normalised:
    """The text extraction reads, and where each of its characters stands in the original."""

    text: str
    offsets: list[int] | None  # offsets[i]: original offset of character i; one more for the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end]


def normalise(original: str) -> Normalised:
    """Drop invisible characters and compose accents written as combining marks ("Ampe\u0300re"),
    so that facts and names are found through them; spans map back to the original characters."""
    if not _NEEDS_NORMALISING.search(original):
        return Normalised(original, None)
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(original):
        if original[i] in _INVISIBLE:
            i += 1
            continue
        j = i + 1
        while j < len(original) and unicodedata.combining(original[j]):
            j += 1
        composed = unicodedata.normalize("NFC", original[i:j])
        chars.append(composed)
        offsets.extend([i] * len(composed))
        i = j
    offsets.append(len(original))
    return Normalised("".join(chars), offsets)


# Addresses carry names and numbers that are not facts ("%20", "renault.com").
# (The standard library's `re` scans faster than `regex`, and nothing here needs `regex`.)
_ADDRESS = re.compile(r"(?i)(?<![\w@])(?:(?:https?|ftp)://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL and e-mail address."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []
    return [m.span() for m in _ADDRESS.finditer(text)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    return [m.span() for m in _LINE.finditer(text) if m.group().strip()]


def sentence_starts(text: str, paragraph_spans: list[tuple[int, int]]) -> list[int]:
    """Sorted offsets where sentences begin: the start of each paragraph and after each sentence end."""
    starts = {start for start, _ in paragraph_spans}
    starts.update(m.end() for m in _SENTENCE_END.finditer(text))
    return sorted(starts | {0})


def segment_of(starts: list[int], offset: int) -> int:
    """0-based index of the segment (sentence or paragraph) holding one offset."""
    return bisect_right(starts, offset) - 1


def index_of(starts, offsets) -> np.ndarray:
    """0-based index of the segment (sentence or paragraph) holding each offset, for many offsets."""
    return np.searchsorted(starts, np.asarray(offsets, dtype=np.int64), side="right") - 1


def alternation(words, space: str | None = None) -> str:
    """A regex matching any of `words`, longest first, shaped as a trie ("Air(?: France)?"): the
    engine tests one character per branch instead of every word at every position of the text (a
    plain alternation, or regex's named lists, which probe a set of strings for every length).
    `space`, if given, is the pattern a space in a word stands for."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(space if ch == " " and space else regex.escape(ch)) + pattern(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word is tried first

    return pattern(trie)


@cache
def _stopword(words: Words) -> re.Pattern:
    """Stopwords as whole words (a letter is what `re` calls a word character but a digit or "_")."""
    stopwords = {w for lex in words.lexicons.values() for w in lex.stopwords}
    return re.compile(rf"(?<![^\W\d_])(?:{alternation(stopwords)})(?![^\W\d_])")


def detect_language(text: str, words: Words | None = None) -> str:
    """'en' or 'fr', by which language's commonest words (`stopwords`) the text uses more."""
    words = words or load_words()
    head = text[:20000]
    found = Counter(_stopword(words).findall(head.lower()))
    counts = {lang: sum(found[w] for w in set(lex.stopwords)) for lang, lex in words.lexicons.items()}
    # Elisions are French: l'alliance, d'euros, qu'il.
    counts["fr"] += len(_ELISION.findall(head))
    return "fr" if counts["fr"] > counts["en"] else "en"


_FOLDED_AWAY = regex.compile(r"[\s\-‐‑–'’.]")


@lru_cache(maxsize=1 << 16)  # called for every word of every article: words repeat
def fold(name: str) -> str:
    """The form two spellings of one name share: no accents, case, spaces, hyphens or apostrophes."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _FOLDED_AWAY.sub("", name).casefold()


def overlap_test(spans: list[tuple[int, int]]):
    """Whether a span (start, end) overlaps any of `spans`: one bisection in their sorted union."""
    union = merged_spans(spans)
    starts, ends = [s for s, _ in union], [e for _, e in union]

    def overlaps(start: int, end: int) -> bool:
        i = bisect_right(ends, start)  # the first part of the union that ends after `start`
        return i < len(starts) and starts[i] < end

    return overlaps


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
