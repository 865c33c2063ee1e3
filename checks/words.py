"""Word lists extraction reads (cue words, scales, currencies, hedges, months, weekdays...): data under
`rules/words/`, one file per language, that a newsroom extends with files of its own (`words` in the
configuration).

Every file has the same format: top-level keys are languages (`en:`, `fr:`), under each the lists
it adds to (see rules/words/en.yml). Later files add to earlier ones: lists are appended, mappings
take new entries (a cue file may bring a new cue tag), and an entry given again takes the new value.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import regex

from .model import LANGUAGES
from .rules import Mapping, RuleFileError, _load_yaml, default_rules_dir

# Time units the date relations understand (see time_units).
TIME_UNITS = ("year", "month", "week", "day")


@dataclass(frozen=True, eq=False)  # hashed by identity: patterns compiled from it are cached per lexicon
class Lexicon:
    """The words of one language (the keys of its file; see rules/words/en.yml)."""

    code: str
    cues: dict[str, tuple[str, ...]]  # tag -> regex alternatives
    near_cues: dict[str, int]
    scales: dict[str, float]
    currencies: dict[str, dict[str, tuple[str, ...]]]  # code -> symbols, names: those of every language
    subunits: dict[str, str]
    number_words: tuple[str, ...]
    denominators: dict[str, int]
    numerators_one: tuple[str, ...]
    fractions_alone: dict[str, int]
    hedges: tuple[str, ...]  # regex alternatives
    people: tuple[str, ...]
    period_words: tuple[str, ...]
    months: tuple[str, ...]
    month_abbreviations: dict[int, tuple[str, ...]]
    capitalised_only: tuple[str, ...]
    dot_required: tuple[str, ...]
    weekdays: tuple[str, ...]
    weekday_not_before: tuple[str, ...]  # regex alternatives
    weekday_not_after: tuple[str, ...]  # regex alternatives
    time_units: dict[str, tuple[str, int]]
    year_followers: tuple[str, ...]
    age_nouns: tuple[str, ...]  # regex alternatives
    titles: tuple[str, ...]  # as written, case included
    name_particles: tuple[str, ...]
    name_endings: tuple[str, ...]
    stopwords: tuple[str, ...]
    function_words: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Words:
    lexicons: dict[str, Lexicon]
    # Words that open sentences without being names, in any language: stopwords and function words.
    function_words: frozenset[str]

    def __getitem__(self, lang: str) -> Lexicon:
        return self.lexicons[lang]


def _list_of(what: str, is_list=None):
    """A shape: a list of words, which `is_list` accepts if given; added to, it is appended to."""

    def shape(at: str, key: str, value: Any, path: Path) -> list:
        if (not isinstance(value, list) or not all(isinstance(i, str) and i.strip() for i in value)
                or is_list and not is_list(value)):
            raise RuleFileError(f"{at}: {key}: must be {what}")
        return list(value)

    shape.empty = []
    return shape


def _mapping_of(keys: str, is_key, value_shape):
    """A shape: a mapping whose keys pass `is_key` and whose values have `value_shape`; added to, it
    takes the new entries. An error names the line of the entry."""

    def shape(at: str, key: str, value: Any, path: Path) -> dict:
        if not isinstance(value, dict):
            raise RuleFileError(f"{at}: {key}: must be a mapping of {keys}")
        checked = {}
        for entry, item in value.items():
            entry_at = value.at(path, entry) if isinstance(value, Mapping) else at
            if not is_key(entry):
                raise RuleFileError(f"{entry_at}: {key}.{entry}: unknown key, expected {keys.split(' to ')[0]}")
            checked[entry] = value_shape(entry_at, f"{key}.{entry}", item, path)
        return checked

    shape.empty = {}
    return shape


def _value(what: str, is_value, kind=None):
    """A shape: one value (a number, a code, a pair), as `kind` if given; given again, it is replaced."""

    def shape(at: str, key: str, value: Any, path: Path) -> Any:
        if isinstance(value, bool) or not is_value(value):
            raise RuleFileError(f"{at}: {key}: must be {what}")
        return kind(value) if kind else value

    return shape


def _is_word(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


def _compiles(alternatives: list[str]) -> bool:
    """Whether the alternatives make a regular expression (checked as one: their use)."""
    try:
        regex.compile(f"(?:{'|'.join(alternatives)})")
    except regex.error:
        return False
    return True


def _is_code(text: Any) -> bool:
    return isinstance(text, str) and bool(regex.fullmatch(r"[A-Z]{3}", text))


WORDS = _list_of("a list of words")
PATTERNS = _list_of("a list of regular expressions", _compiles)
_COUNT = _value("a whole number above 0", lambda v: isinstance(v, int) and v > 0)
# key -> shape of its value; rules/words/en.yml says what each list is for.
SHAPES = {
    # A cue tag is a word of the `cues` column.
    "cues": _mapping_of("cue tags (lower-case words) to lists of regular expressions",
                        lambda tag: isinstance(tag, str) and bool(regex.fullmatch(r"[a-z][a-z0-9_]*", tag)), PATTERNS),
    "near_cues": _mapping_of("cue tags to numbers of characters", _is_word, _COUNT),
    "scales": _mapping_of("words to numbers", _is_word,
                          _value("a number above 0", lambda v: isinstance(v, (int, float)) and v > 0, float)),
    "currencies": _mapping_of("currency codes (EUR, USD...) to their symbols and names", _is_code,
                              _mapping_of("symbols or names to lists of words", lambda k: k in ("symbols", "names"),
                                          WORDS)),
    "subunits": _mapping_of("words to currency codes", _is_word, _value("a currency code (EUR, USD...)", _is_code)),
    "number_words": WORDS,
    "denominators": _mapping_of("words to numbers", _is_word, _COUNT),
    "numerators_one": WORDS,
    "fractions_alone": _mapping_of("words to numbers", _is_word, _COUNT),
    "hedges": PATTERNS,
    "people": WORDS,
    "period_words": WORDS,
    "months": WORDS,
    "month_abbreviations": _mapping_of("month numbers (1-12) to lists of words", lambda n: n in range(1, 13), WORDS),
    "capitalised_only": WORDS,
    "dot_required": WORDS,
    "weekdays": WORDS,
    "weekday_not_before": PATTERNS,
    "weekday_not_after": PATTERNS,
    "time_units": _mapping_of("words to [unit, how many]", _is_word,
                              _value(f"[unit, how many], the unit one of {', '.join(TIME_UNITS)}",
                                     lambda v: isinstance(v, list) and len(v) == 2 and v[0] in TIME_UNITS
                                     and isinstance(v[1], int) and not isinstance(v[1], bool) and v[1] > 0, tuple)),
    "year_followers": WORDS,
    "age_nouns": PATTERNS,
    "titles": WORDS,
    "name_particles": WORDS,
    "name_endings": WORDS,
    "stopwords": WORDS,
    "function_words": WORDS,
}
# One entry for each month or weekday, in order: set once, never extended.
FIXED = {"months": 12, "weekdays": 7}


def words_dir() -> Path:
    return default_rules_dir() / "words"


def load_words(extra: list[Path] = (), blocks: list[tuple[Path, dict]] = ()) -> Words:
    """The shipped word lists, with those of `extra` files added, and `blocks`: the `words` of rule
    files (their path, and the mapping read from them), which bring their relations' cue words."""
    if not extra and not blocks:
        return _shipped()
    return _load([*sorted(words_dir().glob("*.yml")), *map(Path, extra), *((Path(p), data) for p, data in blocks)])


@cache
def _shipped() -> Words:
    return _load(sorted(words_dir().glob("*.yml")))


def _load(paths: list[Path | tuple[Path, dict]]) -> Words:
    merged: dict[str, dict[str, Any]] = {lang: {} for lang in LANGUAGES}
    for source in paths:
        path, data = source if isinstance(source, tuple) else (source, _load_yaml(source))
        if not isinstance(data, dict):
            raise RuleFileError(f"{path}: expected a mapping of languages ({', '.join(LANGUAGES)})")
        for lang, lists in data.items():
            if lang not in LANGUAGES:
                raise RuleFileError(f"{data.at(path, lang)}: {lang}: unknown language (known: {', '.join(LANGUAGES)})")
            if not isinstance(lists, dict):
                raise RuleFileError(f"{data.at(path, lang)}: {lang}: expected a mapping of word lists")
            for key, value in lists.items():
                at = lists.at(path, key)
                if key not in SHAPES:
                    raise RuleFileError(f"{at}: {lang}.{key}: unknown key (known: {', '.join(SHAPES)})")
                if key in FIXED and key in merged[lang]:
                    raise RuleFileError(f"{at}: {lang}.{key}: cannot be extended (one entry for each, in order)")
                merged[lang][key] = _added(merged[lang].get(key), SHAPES[key](at, f"{lang}.{key}", value, path))
    for lang, lists in merged.items():
        for key, size in FIXED.items():
            if len(lists.get(key, ())) != size:
                raise RuleFileError(f"{words_dir()}: {lang}.{key}: must have {size} entries")
    # Currencies are read by any of their symbols and names in copy of any language (French copy
    # quotes "US dollars").
    currencies: dict[str, dict[str, tuple[str, ...]]] = {}
    for lists in merged.values():
        for code, forms in lists.get("currencies", {}).items():
            known = currencies.setdefault(code, {"symbols": [], "names": []})
            for key, items in forms.items():
                known[key] += [i for i in items if i not in known[key]]
    lexicons = {lang: Lexicon(code=lang, **_frozen({**{key: shape.empty for key, shape in SHAPES.items()}, **lists,
                                                  "currencies": currencies}))
                for lang, lists in merged.items()}
    function_words = frozenset(w for lex in lexicons.values() for w in (*lex.stopwords, *lex.function_words))
    return Words(lexicons, function_words)


def _added(old: Any, new: Any) -> Any:
    """`new` added to `old`: lists appended, mappings merged entry by entry, anything else replaced."""
    if isinstance(old, list):
        return old + new
    if isinstance(old, dict):
        return {**old, **{key: _added(old.get(key), value) for key, value in new.items()}}
    return new


def _frozen(value: Any) -> Any:
    """Lists as tuples, at any depth."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


assert set(SHAPES) == {f.name for f in fields(Lexicon)} - {"code"}
