"""The article as its own dictionary: a word of a name written once one way and more often another.

An article that writes "Chelsea" three times and "Chelsae" once has misspelt Chelsea, whether or not
any registry knows the club. The words of the article's names are counted; a rare form one edit
from a frequent one (two for long names), or apart only by accents or capitals, is a misspelling
unless it plausibly names something else: another word made of the name (Kenya/Kenyan, plurals),
a model (Qatargas-2/-4), a person beside another name ("Patrik Berger", "Patrick Vieira"), a form
the language knows well ("Austria" beside "Australia"). wordfreq tells how much English or French
uses a form, names included (Zipf scale: 0 never seen, 3 about once per million words).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

import numpy as np
import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..words import Lexicon
from .text import fold, segment_of

# A form this frequent in English or French is a word or a name of its own, not a misspelt name
# (Egor 2.0, Breil 2.4, Iskander 2.2; Volkswagon 1.5, Vektor 1.4).
KNOWN_WORD_ZIPF = 2.0
# Below this, the language has barely seen a form: web noise and typos sit there (Copr 1.1, Wach 1.9).
RARELY_SEEN_ZIPF = 1.5
# A form this frequent is a common word, whatever its company ("Commerce Ministry").
COMMON_ZIPF = 3.5
# A form this common in one of these languages, and that much more than in the article's, is a word
# of it (Brasil 6.0 in Portuguese and 3.2 in English, Welt 5.7 in German, Graan 3.7 in Dutch; not
# Mach, 5.1 in German but 3.3 in English).
OTHER_LANGUAGES = ("de", "es", "it", "nl", "pt")
FOREIGN_ZIPF = 3.5
FOREIGN_MARGIN = 2.5
# One edit, two from this many letters.
LONG_NAME = 8
# Fewer letters than this are no misspelling of a name ("Bsh" for "Bush" is the least).
MIN_LETTERS = 3

# A word of a name: a possessive is not part of it.
_NAME_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}\p{N}-]*?(?=['’]s\b|[^\p{L}\p{M}\p{N}-]|$)")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*")
_DIGITS = regex.compile(r"\d+")
_DAY = regex.compile(r" (?:[1-9]|[12]\d|3[01])(?!\d)")
# What may open a sentence before its first word: quotes, brackets, dashes, an elision ("L'Australienne").
_SENTENCE_OPENING = regex.compile(r"[\s\"“”«»'‘’(\[*•–—-]*(?:\p{L}{1,2}['’])?")


@cache
def zipf(word: str) -> float:
    """How much English or French uses a word, whichever uses it more."""
    from wordfreq import zipf_frequency  # loads its word lists on first use only

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr"))


@cache
def zipf_in(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


@cache
def foreign(word: str) -> float:
    """How much another language of Western Europe uses a word, the one that uses it most
    (wordfreq's small lists: 11 MB for the five)."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    return max(zipf_frequency(lower, lang, wordlist="small") for lang in OTHER_LANGUAGES)


def accents(form: str) -> int:
    """How many accents a form carries."""
    return 0 if form.isascii() else len(unicodedata.normalize("NFD", form)) - len(unicodedata.normalize("NFC", form))


def another_word(rare: str, often: str, endings: tuple[str, ...], rare_text: str) -> bool:
    """Whether one folded form is the other with an ending that makes another word: a plural or a
    possessive written without its apostrophe, or a word the language knows (Kenyan, Browne; not
    "Yorkshir")."""
    short, long = sorted((rare, often), key=len)
    ending = long[len(short):]
    return (long.startswith(short) and ending in endings and long[-1] != short[-1]
            and (ending == "s" or zipf(rare_text.lower()) >= RARELY_SEEN_ZIPF))


def opens_sentence(text: str, start: int, sentence_starts: list[int]) -> bool:
    """Whether only quotes, brackets, dashes or an elision stand between a sentence's start and `start`."""
    i = segment_of(sentence_starts, start)
    return i >= 0 and _SENTENCE_OPENING.fullmatch(text, sentence_starts[i], start) is not None


class ArticleNames:
    """The words of an article's names, counted, with their neighbours in the name."""

    def __init__(self, text: str, names: list[tuple[str, int, bool]], lex: Lexicon,
                 sentence_starts: list[int], not_names: frozenset[str]):
        """`names`: (text, start, vetted) of each name, vetted when the registry knows it as
        written; `not_names`: capitalised words that are no names (months, weekdays), whose
        misspellings are caught all the same."""
        self.text, self.lex, self.sentence_starts = text, lex, sentence_starts
        # (form, start, end, name index, previous word, next word)
        self.words: list[tuple[str, int, int, int, str, str]] = []
        for i, (name, offset, _) in enumerate(names):
            if name.isalpha():  # most names: one plain word
                self.words.append((name, offset, offset + len(name), i, "", ""))
                continue
            found = [w for w in _NAME_WORD.finditer(name) if w.group() not in lex.name_particles]
            for j, w in enumerate(found):
                self.words.append((w.group(), offset + w.start(), offset + w.end(), i,
                                   found[j - 1].group() if j else "",
                                   found[j + 1].group() if j + 1 < len(found) else ""))
        self.counts = Counter(w[0] for w in self.words)
        self.vetted = {w[0] for w in self.words if names[w[3]][2]}
        self.not_names = not_names
        self.first_seen: dict[str, int] = {}
        self.neighbours: dict[str, list[tuple[str, str]]] = {}
        for form, start, _, _, before, after in self.words:
            self.first_seen.setdefault(form, start)
            self.neighbours.setdefault(form, []).append((before, after))
        self._lowercase: set[str] = set()

    def misspelt(self) -> dict[str, str]:
        """Each rare form that misspells a frequent one, and the frequent one (the closest, then the
        most used)."""
        counts = self.counts
        forms = [f for f in counts if len(f) >= MIN_LETTERS and not f.isupper()]
        rares = [f for f in forms if counts[f] == 1 and f not in self.vetted]
        if not rares or len(forms) < 2:
            return {}
        keys = {f: fold(f) for f in forms}
        # Each rare form against every form, in one call.
        distances = process.cdist([keys[f] for f in rares], list(keys.values()), scorer=OSA.distance,
                                  score_cutoff=2, workers=1)
        right = {}
        for rare, row in zip(rares, distances):
            rare_key = keys[rare]
            ranked = []
            for b in np.flatnonzero(row <= 2):
                often = forms[b]
                often_key, distance = keys[often], int(row[b])
                # Typists rarely miss a first letter; a name of three letters has too many neighbours.
                if (often == rare or rare_key[0] != often_key[0] or len(often_key) < MIN_LETTERS + 1
                        or distance > (1 if len(often_key) < LONG_NAME else 2)):
                    continue
                # A month or a weekday is misspelt only into a form the language has barely seen
                # ("Decemner"; "Mary" beside "May" is a name), or before a day ("Mach 16").
                if often in self.not_names and self.seen(rare) >= RARELY_SEEN_ZIPF and not self.before_day(rare):
                    continue
                # Other letters and other accents are two slips at once: another name (Mâcon is no
                # Macron, Tainan no Taïwan).
                if accents(rare) != accents(often) and rare_key != often_key:
                    continue
                if (self.outnumbers(often, rare)
                        and not another_word(rare_key, often_key, self.lex.name_endings, rare)
                        and not another_model(rare, often) and self.same_name(rare, often, distance)):
                    ranked.append((distance, -counts[often], often))
            if ranked:
                right[rare] = min(ranked)[2]
        return right

    def before_day(self, form: str) -> bool:
        """Whether a form written once stands before a day of the month ("Mach 16", "Marc 30,")."""
        start = self.first_seen[form]
        return _DAY.match(self.text, start + len(form)) is not None

    def seen(self, word: str) -> float:
        """How much the article's language uses a word (names included)."""
        return zipf_in(word.lower(), self.lex.code)

    def common(self, word: str) -> bool:
        """Whether the article writes a word in lower case."""
        if not self._lowercase:
            self._lowercase.update(_LOWER_WORD.findall(self.text), [""])
        return word.lower() in self._lowercase

    def outnumbers(self, often: str, rare: str) -> bool:
        """Whether `often` is the form the article means: written more often; or as often, with the
        accents `rare` lacks (a dropped accent is the common slip, not an added one); or as often
        but first (a name is introduced in full, with care) where the language barely knows
        `rare`, or knows `often` better."""
        counts = self.counts
        if counts[often] != counts[rare]:
            return counts[often] > counts[rare]
        if fold(often) == fold(rare):
            return accents(often) > accents(rare)
        return (self.first_seen[often] < self.first_seen[rare]
                and self.seen(rare) < max(self.seen(often), KNOWN_WORD_ZIPF))

    def same_name(self, rare: str, often: str, distance: int) -> bool:
        """Whether the rare form plausibly names what the frequent one does."""
        (before, after), = self.neighbours[rare]
        theirs = self.neighbours[often]
        if fold(rare) == fold(often):
            return True  # accents or capitals alone: one name
        use = self.seen(rare)
        # The same company: "Carrie Lester" and "Carrie Lesetr"; a common word is a word of its own
        # there too ("Commerce Ministry" beside "Commerce Minister").
        if use < COMMON_ZIPF and any((before and before == b) or (after and after == a) for b, a in theirs):
            return True
        # A word of another language is a name in it (Banco do Brasil, Welt am Sonntag, Instituto Argentino).
        if foreign(rare) >= max(FOREIGN_ZIPF, use + FOREIGN_MARGIN):
            return False
        # A form the language has barely seen, beside one the article uses more ("Squibb Copr").
        if use < RARELY_SEEN_ZIPF:
            return True
        titled = before in self.lex.titles
        # "Patrik Berger" and "Patrick Vieira": each beside another name, two people.
        if after and all(a and a != after for _, a in theirs):
            return False
        if before and not titled and all(b and b != before and b not in self.lex.titles for b, _ in theirs):
            return False
        if titled or self.common(often):
            return False  # "Mr Browne"; "Liffe" beside "Life", a name made of a common word
        if use < KNOWN_WORD_ZIPF:
            return True
        # A word the language knows, one letter from a name of the article, capitalised inside a
        # sentence as a name and never written in lower case ("the Bak of England" beside "Bank"),
        # where the name also stands beside other names as it does ("Merck Crop" beside "Syntex
        # Corp"; "Fort Worth" is no Ford).
        # Not a common word (German beside Germany), nor inside a longer name ("Lian Chia Liang").
        start = self.first_seen[rare]
        placed = (not before or any(b for b, _ in theirs)) and (not after or any(a for _, a in theirs))
        # A month misspelt into any word before a day is that month ("Match 12", "Marc 30").
        common = use >= COMMON_ZIPF and not (often in self.not_names and self.before_day(rare))
        return (distance == 1 and not common and placed and not (before and after) and not self.common(rare)
                and not opens_sentence(self.text, start, self.sentence_starts))


def another_model(rare: str, often: str) -> bool:
    """Whether two forms are models or versions of one name: other numbers (Qatargas-2, Qatargas-4),
    or capitals added (Uber, UberX)."""
    if _DIGITS.findall(rare) != _DIGITS.findall(often):
        return True
    short, long = sorted((rare, often), key=len)
    return long.startswith(short) and long[len(short):].isupper()
