"""Names of organisations: registered names and their variants, near-misses, and other proper names."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..rules import Entity
from ..words import load_words
from .text import alternation, fold, merged_spans

# A capitalised word, hyphenated parts included ("Mercedes-Benz", "Cox-2"), and runs of them ("Les Echos").
_WORD = r"\p{Lu}[\p{L}\p{M}]*(?:[-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}@./-]){_WORD}(?: {_WORD})*(?![\p{{L}}\p{{N}}@/])")

_LETTERS = regex.compile(r"\p{L}+")  # counted by runs: a run is one string, not one per letter
_CAPITAL = regex.compile(r"\p{Lu}")
_ACRONYM = regex.compile(r"[\p{Lu}\p{N}&.-]{2,6}")
# Words for the anchored pass: letters, digits and the marks names carry ("Procter & Gamble", "L'Oréal").
_WORDS = regex.compile(r"[\p{L}\p{N}&][\p{L}\p{M}\p{N}.&-]*(?<![.-])")
_WORD_SPLIT = regex.compile(f"({_WORDS.pattern})")
# What may stand between the words of one name: spaces, or the apostrophe of an elision ("L'Oréal").
_JOIN = regex.compile(r"[ \u00a0\u202f]+|['’]")
# The longest registered names tried inside a run of capitalised words, in words.
MAX_NAME_WORDS = 4
# Names of four and five letters tolerate one edit, from six letters two.
MIN_FUZZY_LENGTH = 5
# A candidate this frequent in English or French (Zipf scale) is a word, not a misspelt name.
KNOWN_WORD_ZIPF = 2.5


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    text: str
    canonical: str  # the registered name, or "" for a proper name the registry does not know
    match: str  # exact | alias | misspelling | variant | accent | plural | near-miss | unregistered


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loads its word lists on first use only

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr"))


def is_known_word(text: str) -> bool:
    return _zipf(text.lower()) >= KNOWN_WORD_ZIPF


class EntityMatcher:
    """Finds an article's organisation names against the registry in one pass, plus fuzzy near-misses."""

    def __init__(self, entities: list[Entity], function_words: frozenset[str] | None = None):
        # Words that open sentences without being names (see rules/words/).
        self.function_words = load_words().function_words if function_words is None else function_words
        self.surface: dict[str, tuple[str, str]] = {}
        self.folded: dict[str, str] = {}
        self.registered_form: dict[str, str] = {}
        # Real words and names close to a registered name that are not misspellings of it.
        self.distinct = {fold(d) for e in entities for d in e.distinct}
        for e in entities:
            for form, match in [(e.name, "exact"), *((a, "alias") for a in e.aliases)]:
                self.surface[form] = (e.name, match)
                self.folded.setdefault(fold(form), e.name)
                self.registered_form.setdefault(fold(form), form)
            for form in e.misspellings:
                self.surface[form] = (e.name, "misspelling")
        # One scan of the text for every registered form.
        # (The standard library's `re` compiles and scans this one twice as fast as `regex`; a letter or
        # a number is what it calls a word character but "_", a letter one but a digit or "_".)
        self.pattern = re.compile(
            rf"(?<![^\W_])(?<![@./-])(?:{alternation(self.surface)})(?![^\W_]|[@/]|-[^\W\d_])"
        )
        # A near-miss is shown the registered spelling it misses: the name, or the alias it is close to.
        # Abbreviations of four letters ("Citi", "AmEx") are not targets: lookalike acronyms abound.
        fuzzy = {fold(form): (form, len(form.split())) for e in entities for form in (e.name, *e.aliases)
                 if len(fold(form)) >= (MIN_FUZZY_LENGTH - 1 if form == e.name else MIN_FUZZY_LENGTH)}
        self.fuzzy_keys = list(fuzzy)
        self.fuzzy_names = [name for name, _ in fuzzy.values()]
        self.fuzzy_words = [words for _, words in fuzzy.values()]
        self._closest: dict[str, tuple[int, int]] = {}  # see _find_closest
        # Names of several words, found from any of their words: a typo may sit in a word written
        # in lower case ("US dillar", "Bank of Ameerica", "Union europeenne").
        # Each anchor: the name's folded words, the anchor's position among them, their initials, the form.
        self.anchors: dict[str, list[tuple[tuple[str, ...], int, str, str]]] = {}
        for e in entities:
            for form in (e.name, *e.aliases):
                folded = tuple(fold(m.group()) for m in _WORDS.finditer(form))
                if len(folded) < 2:
                    continue
                for position, key in enumerate(folded):
                    if len(key) >= 2 and key not in self.function_words:
                        self.anchors.setdefault(key, []).append((folded, position, _initials(folded), form))

    def mentions(self, text: str, sentence_starts: set[int], paragraph_spans: list[tuple[int, int]],
                 lang: str = "en") -> list[EntityMention]:
        found = [
            EntityMention(m.start(), m.end(), m.group(), *self.surface[m.group()])
            for m in self.pattern.finditer(text)
        ] if self.surface else []
        taken = merged_spans([(m.start, m.end) for m in found] + _shouted_lines(text, paragraph_spans))
        starts = [t[0] for t in taken]
        others = []
        for run in _RUN.finditer(text):
            for start, end in _subtract(run.span(), taken, starts):
                start, end = _trim(text, start, end, sentence_starts, self.function_words)
                if end > start:
                    others.append((start, end, text[start:end]))
        mentions = found + self._classify(text, others, lang)
        anchored = self._anchored(text, lang)
        if anchored:
            claimed = [(m.start, m.end) for m in anchored]
            mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in claimed)] + anchored
        return sorted(mentions, key=lambda m: m.start)

    def _anchored(self, text: str, lang: str) -> list[EntityMention]:
        """Misspellings of names of several words: one word of the name written exactly anchors a
        window as long as the name; one other word of it may differ by a typo that is not a word,
        or, in French copy, by a dropped accent."""
        parts = _WORD_SPLIT.split(text)  # what is between words, a word, between, ..., between
        keys = list(map(fold, parts[1::2]))
        anchors = self.anchors
        hits = [i for i, key in enumerate(keys) if key in anchors]
        if not hits:
            return []
        # The word that differs keeps its first letter: a window whose initials differ is no match.
        initials = _initials(keys)
        offsets = list(accumulate(map(len, parts), initial=0))  # word i spans offsets[2i + 1:2i + 3]
        found: list[EntityMention] = []
        last_end = -1
        for i in hits:
            for name, position, name_initials, form in anchors[keys[i]]:
                first, last = i - position, i - position + len(name) - 1
                if first < 0 or initials[first:last + 1] != name_initials or offsets[2 * first + 1] <= last_end:
                    continue
                window = keys[first:last + 1]
                match = self._words_match(window, name, lang)
                if not match:
                    continue
                start, end = offsets[2 * first + 1], offsets[2 * last + 2]
                written = text[start:end]
                if not written[0].isupper() or not all(map(_JOIN.fullmatch, parts[2 * first + 2:2 * last + 1:2])):
                    continue
                if match == "same":  # in French copy, a dropped accent
                    match = "accent" if _drops_accent(written, form) else None
                if match:
                    found.append(EntityMention(start, end, written, form, match))
                    last_end = end
                    break
        return found

    def _words_match(self, window: list[str], name: tuple[str, ...], lang: str) -> str | None:
        """How the folded words of a window match those of a name: "near-miss" when one word
        differs by a typo that is not a word, "same" in French copy (where accents are checked),
        None otherwise."""
        differing = [(w, n) for w, n in zip(window, name) if w != n]
        if not differing:
            return "same" if lang == "fr" else None
        if len(differing) > 1:
            return None  # at most one word of the name may differ
        w, n = differing[0]
        # "Alfa Romeos" is a plural; another registered spelling of this or another name is no misspelling.
        if (w[:1] != n[:1] or w == n + "s" or OSA.distance(w, n) > _allowed_edits(n, w)
                or "".join(window) in self.folded or is_known_word(w)):
            return None
        return "near-miss"

    def _classify(self, text: str, spans: list[tuple[int, int, str]], lang: str) -> list[EntityMention]:
        """Variants of registered names, near-misses of them, or names the registry does not know.

        A run of capitalised words may hold a registered name and other words ("the Hondda Accord"):
        its parts are tried, longest first, each against names of as many words."""
        runs = [_words_of(start, t) for start, _, t in spans]
        windows: dict[tuple[int, int], tuple[int, bool]] = {}  # span -> (words, whole run)
        for tokens in runs:
            for n in range(1, min(len(tokens), MAX_NAME_WORDS) + 1):
                for i in range(len(tokens) - n + 1):
                    windows[(tokens[i][0], tokens[i + n - 1][1])] = (n, n == len(tokens))
        texts = {w: text[w[0]:w[1]] for w in windows}
        keys = {w: fold(t) for w, t in texts.items()}
        # Acronyms ("PBGC", "CITU") are not misspelt names: one letter makes another acronym.
        fuzzy = {keys[w]: info for w, info in windows.items() if not _ACRONYM.fullmatch(texts[w])}
        near = self._near_misses(sorted(fuzzy), fuzzy)
        result = []
        for tokens in runs:
            if len(tokens) == 1:  # most runs: one word, a name or not
                word = tokens[0]
                result.append(self._match(word, texts[word], keys[word], near, lang)
                              or EntityMention(*word, texts[word], "", "unregistered"))
            else:
                result += self._run_mentions(text, tokens, texts, keys, near, lang)
        return result

    def _run_mentions(self, text, tokens, texts, keys, near, lang) -> list[EntityMention]:
        found: list[EntityMention] = []
        free = [True] * len(tokens)
        for n in range(min(len(tokens), MAX_NAME_WORDS), 0, -1):
            for i in range(len(tokens) - n + 1):
                if not all(free[i:i + n]):
                    continue
                window = (tokens[i][0], tokens[i + n - 1][1])
                mention = self._match(window, texts[window], keys[window], near, lang)
                if mention:
                    found.append(mention)
                    free[i:i + n] = [False] * n
        # What no registered name claims stays a name of its own, for consistency checks.
        i = 0
        while i < len(tokens):
            if free[i]:
                j = i
                while j + 1 < len(tokens) and free[j + 1]:
                    j += 1
                start, end = tokens[i][0], tokens[j][1]
                found.append(EntityMention(start, end, text[start:end], "", "unregistered"))
                i = j + 1
            else:
                i += 1
        return found

    def _match(self, window, t, key, near, lang) -> EntityMention | None:
        start, end = window
        if key in self.folded:
            # French copy keeps the accents of a French name ("Societe Generale" is wrong there).
            if lang == "fr" and _drops_accent(t, self.registered_form[key]):
                return EntityMention(start, end, t, self.registered_form[key], "accent")
            return EntityMention(start, end, t, self.folded[key], "variant")
        if key.endswith("s") and key[:-1] in self.folded:  # "badged as Vauxhalls"
            return EntityMention(start, end, t, self.folded[key[:-1]], "plural")
        if near.get(key) and not is_known_word(t):
            return EntityMention(start, end, t, near[key], "near-miss")
        return None

    def _near_misses(self, keys: list[str], windows: dict[str, tuple[int, bool]]) -> dict[str, str]:
        """For each key, the registered name it is a near-miss of, if any.
        A word that is only part of a run of capitalised words ("Robert Soulas", "Chongqing Lifan
        Industry") more likely names something else: it may miss a name by one edit, not two."""
        if not self.fuzzy_keys:
            return {}
        candidates = [k for k in keys if len(k) >= MIN_FUZZY_LENGTH - 1 and k not in self.distinct
                      and k not in self.folded]
        self._find_closest([k for k in candidates if k not in self._closest])
        found = {}
        for key in candidates:
            best, distance = self._closest[key]
            name_key = self.fuzzy_keys[best]
            # Typists rarely get the first letter wrong; names that differ there are other names.
            words, whole_run = windows[key]
            allowed = _allowed_edits(name_key, key) if whole_run else min(_allowed_edits(name_key, key), 1)
            if distance <= allowed and key[0] == name_key[0] and words == self.fuzzy_words[best]:
                found[key] = self.fuzzy_names[best]
        return found

    def _find_closest(self, keys: list[str]) -> None:
        """Remember, for each key, the first registered key at the least distance up to 2 (or a
        distance of 3: none). Keys recur across articles, so each is measured once per batch. A
        distance is at least the difference in length, so each key is measured only against
        registered keys within two letters of its length."""
        by_length: dict[int, list[str]] = {}
        for key in keys:
            by_length.setdefault(len(key), []).append(key)
        for length, group in by_length.items():
            indices, near = self._length_band(length)
            if not indices:
                self._closest.update((key, (0, 3)) for key in group)
                continue
            # Optimal string alignment: a swapped pair of letters ("Hodna") is one edit, as typists make it.
            distances = process.cdist(group, near, scorer=OSA.distance, score_cutoff=2, workers=1)
            for key, row in zip(group, distances):
                best = int(row.argmin())
                self._closest[key] = (indices[best], int(row[best]))

    @cache  # noqa: B019 (one matcher per registry, kept for the process)
    def _length_band(self, length: int) -> tuple[list[int], list[str]]:
        indices = [i for i, k in enumerate(self.fuzzy_keys) if abs(len(k) - length) <= 2]
        return indices, [self.fuzzy_keys[i] for i in indices]


def _words_of(start: int, run: str) -> list[tuple[int, int]]:
    """(start, end) of each word of a run of capitalised words (one space between words) starting at `start`."""
    words = []
    for word in run.split(" "):
        if word:
            words.append((start, start + len(word)))
        start += len(word) + 1
    return words


def _initials(keys) -> str:
    return "".join([key[:1] or " " for key in keys])


def _allowed_edits(name: str, written: str) -> int:
    """How many edits still make `written` a misspelling of the registered `name` (both folded):
    one for names of four or five letters, two from six letters; never more than one letter longer
    or shorter, and never fewer than four letters written."""
    if abs(len(name) - len(written)) > 1 or len(written) < MIN_FUZZY_LENGTH - 1:
        return 0
    return 1 if len(name) < 6 else 2


def _drops_accent(written: str, registered: str) -> bool:
    """Whether `written` is `registered` with the accent of a lower-case letter left off."""
    return len(written) == len(registered) and any(
        r != w and r.islower() and unicodedata.normalize("NFD", r)[0] == w for w, r in zip(written, registered)
    )


def _shouted_lines(text: str, paragraph_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines mostly in capitals (a heading, a legal notice): there, case says nothing about how a
    name is spelled."""
    spans = []
    for start, end in paragraph_spans:
        # Capitals first, they are few: a line of 20 letters or more needs 13 to be 60% capitals.
        capitals = len(_CAPITAL.findall(text, start, end))
        if capitals > 12:
            letters = sum(map(len, _LETTERS.findall(text, start, end)))
            if letters >= 20 and capitals > 0.6 * letters:
                spans.append((start, end))
    return spans


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


def _trim(text: str, start: int, end: int, sentence_starts: set[int], function_words: frozenset[str]) -> tuple[int, int]:
    """Drop spaces at the edges, and a function word that only has its capital for opening a sentence."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start in sentence_starts:
        first_end = text.find(" ", start, end)
        first_end = end if first_end == -1 else first_end
        if text[start:first_end].lower() in function_words:
            start = first_end + 1 if first_end < end else end
    return start, end
