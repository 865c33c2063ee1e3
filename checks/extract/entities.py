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
from ..words import Lexicon, Words, load_words
from .names import KNOWN_WORD_ZIPF, ArticleNames, another_word, opens_sentence, zipf, zipf_in
from .text import alternation, fold, merged_spans, overlap_test

# A capitalised word, hyphenated parts included ("Mercedes-Benz", "Cox-2"), and runs of them ("Les Echos").
_WORD = r"\p{Lu}[\p{L}\p{M}]*(?:[-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*"
# Names joined by a slash are two names ("Royal Dutch/Shell"), unless in a web address. A lone
# capital before an apostrophe is an elision ("C'est", "L'Australienne"), not a name; capitals
# alone between "<" and ">" are a ticker ("<FIAT.MI>"; "<Washington Public Power>" is a name).
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}@.-]|://\S*)(?!(?<=<)[\p{{Lu}}\p{{N}}.&-]+>)(?!\p{{Lu}}['’]\p{{L}}){_WORD}(?: {_WORD})*(?![\p{{L}}\p{{N}}@])")
# Capitals opening a paragraph: a dateline ("PARIS -", "TOKYO, March 3 -") or a lead-in ("BURNLEY make
# the journey"). There, as in a heading, case says nothing about how a name is spelled.
_CAPITALS_WORD = r"\p{Lu}[\p{Lu}\p{M}\p{N}'’.&-]*(?![\p{L}\p{N}])"
_LEAD_CAPITALS = regex.compile(rf"{_CAPITALS_WORD}(?:[ ,/]+{_CAPITALS_WORD})*")
_SIGN_OFF = regex.compile(rf"(?<=[.!?][\"”»]? +){_CAPITALS_WORD}(?: {_CAPITALS_WORD})* *$")

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
# Names of four letters or more tolerate one edit, from LONG_NAME letters two.
MIN_FUZZY_LENGTH = 5
LONG_NAME = 8
# Places have namesakes no registry knows (villages, streets: Rouaine/Roumanie): one edit.
PLACE_KINDS = ("country", "territory")
# In a name of several words, the words written right vouch for the one that differs: only a more
# common word is a word of its own there ("Alfa Romao", "Mercedes-Bens" are misspelt).
VOUCHED_WORD_ZIPF = 2.5
# A capitalised word only ever seen opening a sentence is a common word, not a name, when its
# language uses it this much (names sit lower: Chelsea 4.4, Nokia 3.7; "Shares" 4.6, "Avance" 4.9).
COMMON_WORD_ZIPF = 4.5
# A near-miss of a registered name written this many times the same way is a name of its own.
SEVERAL = 2
# Mentions that are names written as the article means them: the article's own dictionary.
NAME_MATCHES = ("exact", "alias", "variant", "unregistered")


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    text: str
    canonical: str  # the registered name, or "" for a proper name the registry does not know
    match: str  # exact | alias | misspelling | variant | accent | plural | near-miss | typo | unregistered


def is_known_word(text: str, threshold: float = KNOWN_WORD_ZIPF) -> bool:
    return zipf(text.lower()) >= threshold


class EntityMatcher:
    """Finds an article's organisation names against the registry in one pass, plus fuzzy near-misses."""

    def __init__(self, entities: list[Entity], words: Words | None = None):
        self.words = words or load_words()
        # Words that open sentences without being names (see rules/words/).
        self.function_words = self.words.function_words
        # Endings that make another word of a name, in any language (Tanzanie/Tanzanien).
        self.endings = tuple({e for lex in self.words.lexicons.values() for e in lex.name_endings})
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
        fuzzy = {fold(form): (form, len(form.split()), e.kind in PLACE_KINDS) for e in entities
                 for form in (e.name, *e.aliases)
                 if len(fold(form)) >= (MIN_FUZZY_LENGTH - 1 if form == e.name else MIN_FUZZY_LENGTH)}
        self.fuzzy_keys = list(fuzzy)
        self.fuzzy_names = [name for name, _, _ in fuzzy.values()]
        self.fuzzy_words = [words for _, words, _ in fuzzy.values()]
        self.fuzzy_places = [place for _, _, place in fuzzy.values()]
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

    def mentions(self, text: str, sentence_starts: list[int], paragraph_spans: list[tuple[int, int]],
                 lang: str = "en") -> list[EntityMention]:
        lex = self.words[lang]
        # Headings in capitals say nothing of how a name is spelled: no name is read there, registered
        # or not; nor are other names in the capitals opening or closing a paragraph (datelines).
        shouted = _shouted_lines(text, paragraph_spans)
        in_shouted = overlap_test(shouted)
        found = [
            EntityMention(m.start(), m.end(), m.group(), *self.surface[m.group()])
            for m in self.pattern.finditer(text) if not in_shouted(*m.span())
        ] if self.surface else []
        taken = merged_spans([(m.start, m.end) for m in found] + shouted + _lead_capitals(text, paragraph_spans))
        starts = [t[0] for t in taken]
        runs = _joined(text, [part for run in _RUN.finditer(text) for part in _subtract(run.span(), taken, starts)],
                       lex.name_particles)
        opens = [opens_sentence(text, start, sentence_starts) for start, _ in runs]
        # The article as its own dictionary: a word it capitalises inside a sentence is a name there.
        inside = {w for (start, end), first in zip(runs, opens) for w in text[start:end].split()[first:]}
        others = []
        for (start, end), first in zip(runs, opens):
            start, end = _trim(text, start, end, first, inside, lex, self.function_words, self.folded)
            if end > start:
                others.append((start, end, text[start:end]))
        mentions = found + self._classify(text, others, lang)
        anchored = self._anchored(text, lang)
        if anchored:
            claimed = [(m.start, m.end) for m in anchored]
            mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in claimed)] + anchored
        mentions = sorted(mentions, key=lambda m: m.start)
        mentions = _names_of_their_own(text, mentions, lex, self.function_words)
        return _article_typos(text, mentions, lex, sentence_starts, self._not_names(lex))

    @cache  # noqa: B019 (one matcher per registry, kept for the process)
    def _not_names(self, lex: Lexicon) -> frozenset[str]:
        """Capitalised words that are no names: months and weekdays."""
        return frozenset(w.capitalize() for w in (*lex.months, *lex.weekdays))

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
                or "".join(window) in self.folded or is_known_word(w, VOUCHED_WORD_ZIPF)):
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
        # Acronyms ("PBGC", "CITU", "GKN Plc") are not misspelt names: one letter makes another acronym.
        fuzzy = {keys[w]: info for w, info in windows.items() if not any(map(_ACRONYM.fullmatch, texts[w].split()))}
        near = self._near_misses(sorted(fuzzy), fuzzy, {keys[w]: texts[w] for w in windows})
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
        # The words of a name written right vouch for the one that differs ("Mercedes-Bens").
        if near.get(key) and not is_known_word(t, VOUCHED_WORD_ZIPF if regex.search(r"[ -]", t) else KNOWN_WORD_ZIPF):
            return EntityMention(start, end, t, near[key], "near-miss")
        return None

    def _near_misses(self, keys: list[str], windows: dict[str, tuple[int, bool]],
                     written: dict[str, str]) -> dict[str, str]:
        """For each key, the registered name it is a near-miss of, if any.
        `written`: a text of each key, as the article writes it. A word that is only part of a run of
        capitalised words ("Robert Soulas", "Chongqing Lifan Industry") more likely names something
        else: it may miss a name by one edit, not two."""
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
            allowed = _allowed_edits(name_key, key)
            if not whole_run or self.fuzzy_places[best]:
                allowed = min(allowed, 1)
            if (distance <= allowed and key[0] == name_key[0] and words == self.fuzzy_words[best]
                    and not another_word(key, name_key, self.endings, written[key])):
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
    one, two from eight letters (shorter names two edits away are mostly other names: Maxell/Marvell,
    Nissei/Nissan); never more than one letter longer or shorter, and never fewer than four letters
    written."""
    if abs(len(name) - len(written)) > 1 or len(written) < MIN_FUZZY_LENGTH - 1:
        return 0
    return 1 if len(name) < LONG_NAME else 2


def _drops_accent(written: str, registered: str) -> bool:
    """Whether `written` is `registered` with the accent of a lower-case letter left off."""
    return len(written) == len(registered) and any(
        r != w and r.islower() and unicodedata.normalize("NFD", r)[0] == w for w, r in zip(written, registered)
    )


def _shouted_lines(text: str, paragraph_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines in capitals (a heading, "<SHELL U.K. LTD> YEAR 1986"), or mostly (a legal notice): there,
    case says nothing about how a name is spelled."""
    spans = []
    for start, end in paragraph_spans:
        # Capitals first, they are few: a line of 20 letters or more needs 13 to be 60% capitals.
        capitals = len(_CAPITAL.findall(text, start, end))
        if capitals > 3:
            letters = sum(map(len, _LETTERS.findall(text, start, end)))
            if capitals == letters or letters >= 20 and capitals > 0.6 * letters:
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


def _trim(text: str, start: int, end: int, opens_sentence: bool, inside: set[str], lex: Lexicon,
          function_words: frozenset[str], registered: dict[str, str]) -> tuple[int, int]:
    """Drop spaces at the edges, and a first word that only has its capital for opening a sentence:
    a function word, or a common word standing alone ("Shares", "Rapidement") that the article never
    capitalises inside a sentence and the registry does not know ("Bbc")."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if opens_sentence:
        first_end = text.find(" ", start, end)
        first_end = end if first_end == -1 else first_end
        first = text[start:first_end]
        lower = first.lower()
        if lower in function_words or (first_end == end and first not in inside and fold(first) not in registered
                                       and zipf_in(lower, lex.code) >= COMMON_WORD_ZIPF):
            start = first_end + 1 if first_end < end else end
    return start, end


def _joined(text: str, runs: list[tuple[int, int]], particles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Runs of capitalised words joined across the small words inside a name ("Luca de Meo",
    "Ursula von der Leyen", "Giscard d'Estaing"), unless a side is in capitals ("le PSG de Neymar")."""
    joiner = _particle_joiner(particles)
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if out and joiner.fullmatch(text, out[-1][1], start) and not text[out[-1][0]:out[-1][1]].isupper() \
                and not text[start:end].split(" ")[0].isupper():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@cache
def _particle_joiner(particles: tuple[str, ...]) -> regex.Pattern:
    words = alternation(sorted(particles))
    return regex.compile(rf" (?:(?:{words}) ){{1,2}}| (?:{words})['’]")


def _lead_capitals(text: str, paragraph_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words in capitals that open a paragraph, four letters or more ("PARIS", "BURNLEY"; not "IBM"),
    or sign it off after its last sentence ("... said. REUTER")."""
    spans = []
    for start, end in paragraph_spans:
        for m in (_LEAD_CAPITALS.match(text, start, end), _SIGN_OFF.search(text, start, end)):
            if m and sum(ch.isalpha() for ch in m.group()) >= 4:
                spans.append(m.span())
    return spans


def _names_of_their_own(text: str, mentions: list[EntityMention], lex: Lexicon,
                        function_words: frozenset[str]) -> list[EntityMention]:
    """Near-misses of a registered name that are more plausibly names of their own: written the same
    way twice (a heading counts; the registered name never written), after a title or a given name
    ("Mr Renalt", "Andy Rodick"), or in a list of names (a team sheet)."""
    near = [m for m in mentions if m.match == "near-miss"]
    if not near:
        return mentions
    written = {m.canonical for m in mentions if m.match in NAME_MATCHES}
    demoted = {}
    for m in near:
        before = text[max(0, m.start - 40):m.start]
        previous = regex.search(r"(\p{Lu}[\p{L}\p{M}'’-]*)\.? $", before)
        after_name = previous is not None and (
            previous.group(1) in lex.titles
            or previous.group(1).lower() not in function_words
            and (not previous.group(1).isupper() or len(previous.group(1)) == 1))  # "Roger W. Houmes"
        # Written again, headings included, and the registered name never: a name of its own.
        again = regex.findall(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(m.text)}(?![\p{{L}}\p{{N}}])", text,
                              flags=regex.IGNORECASE)
        several = m.canonical not in written and len(again) >= SEVERAL
        # A given name the language knows, before a surname ("Egor Bazin" is no misspelt Exor).
        given_name = regex.match(r" \p{Lu}\p{Ll}", text[m.end:m.end + 2]) is not None and zipf(m.text.lower()) > 0
        if several or after_name or given_name or _in_list_of_names(text, m.start, m.end):
            demoted[m.start] = EntityMention(m.start, m.end, m.text, "", "unregistered")
    return [demoted.get(m.start, m) if m.match == "near-miss" else m for m in mentions]


_LIST_ITEM = r"\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,3}"
_LIST_OF_NAMES = regex.compile(rf"{_LIST_ITEM}(?:[,;] {_LIST_ITEM}){{2,}}")


def _in_list_of_names(text: str, start: int, end: int) -> bool:
    """Whether a span is an item of a list of three or more capitalised names ("Cech, Ferreira, Terry")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return any(m.start() <= start and end <= m.end() for m in _LIST_OF_NAMES.finditer(text, line_start, line_end))


def _article_typos(text: str, mentions: list[EntityMention], lex: Lexicon, sentence_starts: list[int],
                   not_names: frozenset[str]) -> list[EntityMention]:
    """Words of names the article misspells against its own names (see names.py), cut out of their
    names as mentions of their own, matched "typo", the article's form as the canonical one."""
    # A near-miss of a registered name is also compared with the article's own names: "Sagram"
    # among three "Seagram" is Seagram misspelt, not Safran.
    kept = [i for i, m in enumerate(mentions) if m.match in NAME_MATCHES or m.match == "near-miss"]
    names = [(m.text, m.start, m.match not in ("unregistered", "near-miss")) for m in (mentions[i] for i in kept)]
    article = ArticleNames(text, names, lex, sentence_starts, not_names)
    right = article.misspelt()
    if not right:
        return mentions
    # Accents or capitals alone, in a name the article also writes whole another way: that is for
    # the consistency check (CD202), which compares whole names.
    forms_of: dict[str, set[str]] = {}
    for m in mentions:
        if m.match in NAME_MATCHES:
            forms_of.setdefault(fold(m.text), set()).add(m.text)
    typos: dict[int, list[tuple[int, int, str]]] = {}
    for form, start, end, k, *_ in article.words:
        if form not in right:
            continue
        i = kept[k]
        if fold(form) == fold(right[form]) and len(forms_of.get(fold(mentions[i].text), ())) > 1:
            continue
        typos.setdefault(i, []).append((start, end, right[form]))
    out = []
    for i, m in enumerate(mentions):
        if i not in typos:
            out.append(m)
            continue
        cursor = m.start
        for start, end, form in typos[i]:
            out += _part(text, cursor, start)
            out.append(EntityMention(start, end, text[start:end], form, "typo"))
            cursor = end
        out += _part(text, cursor, m.end)
    return out


def _part(text: str, start: int, end: int) -> list[EntityMention]:
    """What is left of a name around a misspelt word, as a name of its own."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return [EntityMention(start, end, text[start:end], "", "unregistered")] if end > start else []
