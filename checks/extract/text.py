"""Paragraphs, sentences, language and folded forms of a document's text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

# A paragraph is a line of text; lines are what editors and the reports point at.
_LINE = regex.compile(r"[^\r\n]+")
# A sentence ends at . ! ? or … (with closing quotes or brackets) before a space and a capital,
# a digit or an opening quote.
_SENTENCE_END = regex.compile(r"(?<=[.!?…][\"”’»)]?)\s+(?=[\p{Lu}\p{N}\"“«‘(])")

_STOPWORDS = {
    "en": set("the and of to in is that for it with as was on are by this be from at have has an which will said its".split()),
    "fr": set("le la les et des du de un une est que qui pour dans sur par au aux pas ce cette ont été avec sont il elle "
              "en depuis selon entre mais ou où leur leurs plus très aussi son sa ses nous vous ils elles était".split()),
}
# l'alliance, d'euros, qu'il: the apostrophe is looked for first, it is rare.
_ELISION = regex.compile(r"(?i)(?<=(?<!\p{L})(?:l|d|qu|n|s|c|j|m|t))['’]\p{L}")
# Words that open sentences without being names: a capital on them says nothing.
FUNCTION_WORDS = set().union(*_STOPWORDS.values()) | set(
    "a after all also although an another any as at before both but by during each even few for he her his "
    "however i if in into it many more most much my no nor not now once one only or other our she since so "
    "some such than that their them then there these they this those though through thus under until up we "
    "what when where whether while who why with within without yet you your "
    "à ainsi alors après aussi autre avant avec cela ces cet chaque comme d dans depuis dès donc elles en "
    "encore entre hier ils je l leur leurs lors lorsque mais malgré même ni nous on or ou où outre parmi "
    "plus plusieurs pour pourtant quand selon ses si son sous tous tout toute toutes très vers votre vous".split()
)


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


# Stopwords as whole words (a letter is what `re` calls a word character but a digit or "_").
_STOPWORD = re.compile(rf"(?<![^\W\d_])(?:{alternation(set().union(*_STOPWORDS.values()))})(?![^\W\d_])")


def detect_language(text: str) -> str:
    """'en' or 'fr', by which language's commonest words the text uses more."""
    head = text[:20000]
    words = Counter(_STOPWORD.findall(head.lower()))
    counts = {lang: sum(words[w] for w in stopwords) for lang, stopwords in _STOPWORDS.items()}
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


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
