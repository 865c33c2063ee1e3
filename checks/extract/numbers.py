"""Numbers, percentages, points and amounts of money, single or ranges, in English and French.

Figures are read in the conventions of the document's language (`1,200` is twelve hundred in
English and 1.2 in French); numbers in words are read with text2num. The words (scales, currencies,
number words, fractions, hedges...) come from the language's Lexicon (rules/words/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from text_to_num import text2num

from ..words import Lexicon
from .text import alternation

# Spaces that may sit inside a figure or between a figure and its unit: normal, no-break, narrow.
_S = r"[ \u00a0\u202f]"

# Codes safe to read in lower case too ("eur 1000"); "try" or "rub" are words.
LOWER_CASE_CODES = ["eur", "usd", "gbp", "chf", "jpy", "cad", "aud", "cny", "hkd", "inr"]
# "1,34 $ c", "10,05 milliards de $ hk": French puts the country after the symbol.
_SYMBOL_QUALIFIERS = {"c": "CAD", "can": "CAD", "hk": "HKD", "us": "USD", "usd": "USD", "aud": "AUD"}

# The most words one number in words is written with (see _words).
MAX_NUMBER_WORDS = 16


def _alternation(words) -> str:
    return alternation(words, space=f"{_S}+")


@cache
def _digits(lex: Lexicon) -> str:
    # Thousands grouped by commas, dots or spaces (normal, no-break, narrow).
    space = r"[ \u00a0\u202f]"
    return (
        r"(?<![\p{L}\p{N}.,^])"
        rf"(?:\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{space}\d{{3}})+)(?!\d)(?:[.,]\d+)?"
        r"|\d+(?:[.,]\d+)?|[.,]\d+)"
        r"(?![\d]|[.,]\d)"
    )


@cache
def _words(lex: Lexicon) -> str:
    word = _alternation(lex.number_words)
    join = rf"(?:{_S}*-{_S}*|{_S}+(?:and{_S}+|et{_S}+)?)"
    # Bounded: the longest number in words has about a dozen ("quatre-vingt-dix-neuf mille neuf cent
    # quatre-vingt-dix-neuf"), and an unbounded run makes every attempt scan the whole run again.
    sequence = rf"(?:{word})(?:{join}(?:{word})){{0,{MAX_NUMBER_WORDS - 1}}}"
    decimals = rf"(?:{_S}+(?:point|virgule){_S}+{sequence})?"
    # "five and a quarter", "cent trois et deux tiers": tried first, so that the whole number
    # gives back the words of the fraction.
    with_fraction = rf"(?:{word})(?:{join}(?:{word})){{0,{MAX_NUMBER_WORDS - 1}}}?{_S}+(?:and|et){_S}+{_fraction(lex)}"
    return rf"(?i:(?<![\p{{L}}-])(?:{with_fraction}|{sequence}{decimals})(?![\p{{L}}]))"


@cache
def _fraction(lex: Lexicon) -> str:
    numerator = _alternation(lex.numerators_one + lex.number_words)
    return rf"(?:(?:{numerator})(?:{_S}+|-))?(?:{_alternation(lex.denominators)})(?!\p{{L}})"


@cache
def _fractions(lex: Lexicon) -> str:
    """A fraction standing for a part of a whole: a numerator and a denominator, or "half"."""
    numerator = _alternation(lex.numerators_one + lex.number_words)
    return (
        rf"(?<!\p{{L}})(?i:(?:{numerator})(?:{_S}+|-)(?:{_alternation(lex.denominators)})"
        rf"|{_alternation(lex.fractions_alone)})(?!\p{{L}})"
    )


@cache
def _number(lex: Lexicon) -> str:
    return rf"(?:{_digits(lex)}|{_words(lex)})"


@cache
def _scale(lex: Lexicon) -> str:
    words = [w for w in lex.scales if len(w) > 2]
    # Short scales stick to the figure ("$75m", "€1.5bn"); words may stand apart ("1.5 billion").
    return (
        rf"(?:{_S}?(?:bn|mn|mln|bln|tn|tln|mil|MM|Mds?|Mrds?|md)(?!\p{{L}})|(?:m|k|M|b)(?![\p{{L}}\p{{N}}])"
        rf"|{_S}[Mk](?=[€$£¥])"
        rf"|{_S}+(?i:{_alternation(words)})(?!\p{{L}}))"
    )


def _symbols(lex: Lexicon) -> list[str]:
    return [s for forms in lex.currencies.values() for s in forms["symbols"]]


@cache
def _prefix(lex: Lexicon) -> str:
    # Tokenised or lower-cased copy writes "us $", "hk $", "c $"; codes may be lower case ("eur 1000").
    return rf"(?<![\p{{L}}\p{{N}}])(?:(?i:us|hk|c){_S}\$|{_alternation(_symbols(lex))}|{_codes(lex)})"


@cache
def _codes(lex: Lexicon) -> str:
    return rf"(?:{'|'.join(sorted(lex.currencies))}|{'|'.join(LOWER_CASE_CODES)})(?!\p{{L}})"


@cache
def _suffix(lex: Lexicon) -> str:
    names = [n for forms in lex.currencies.values() for n in forms["names"]] + [u for u in lex.subunits if u != "p"]
    qualifier = rf"(?:{_S}(?i:{'|'.join(_SYMBOL_QUALIFIERS)})(?!\p{{L}}))?" if lex.code == "fr" else ""
    # "873p" (pence) only stuck to the figure, and not "10 p.m."
    pence = r"|(?<=\d)p(?!\p{L}|\.\p{L})" if "p" in lex.subunits else ""
    symbols = [x for x in _symbols(lex) if not regex.search(r"[A-Za-z]", x)]
    glued = "|".join(_SYMBOL_QUALIFIERS[q] for q in _SYMBOL_QUALIFIERS)  # "$CAD"
    return (
        rf"(?:\$(?:{glued})(?!\p{{L}})|\${qualifier}|{_alternation(symbols)}|{_codes(lex)}"
        rf"|(?<!\p{{L}})(?i:{_alternation(names)})(?!\p{{L}}){pence})"
    )


_PERCENT_WORDS = r"per{S}?cents?|percents?|percentage(?!{S}+points?)|pct|pourcents?|pour{S}?-?cents?|pourcentages?"


@cache
def pattern(lex: Lexicon) -> regex.Pattern:
    num, scale, prefix, suffix = _number(lex), _scale(lex), _prefix(lex), _suffix(lex)
    percent = rf"(?:{_S}?%|{_S}+(?i:{_PERCENT_WORDS.format(S=_S)})(?!\p{{L}}))"
    of = rf"(?:{_S}+de{_S}+|{_S}+d['’]|{_S}+|-)" if lex.code == "fr" else rf"(?:{_S}+|-)"
    # One end of an amount: optional currency before, figure, optional scale, optional currency after.
    end = rf"(?:{prefix}{_S}?)?{num}(?:{scale})?(?:{of}?{suffix})?"
    # Cents after the amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents", and
    # spoken "ten dollars fifty" when nothing but punctuation or "and" follows the cents.
    cents = (
        rf"(?:{_S}+(?i:and|et){_S}+|{_S}+)(?P<cents>\d{{1,2}}(?!\d)|{_words(lex)})"
        rf"(?:{_S}+(?i:cents?|pence|centimes?)(?!\p{{L}})|(?={_S}*(?:[.,;:!?)]|$)|{_S}+(?i:and|et)(?!\p{{L}})))"
    )
    money = (
        rf"(?:(?P<cur_pre>{prefix}){_S}?(?P<num>{num})(?P<scale>{scale})?"
        rf"|(?P<num>{num})(?P<scale>{scale})?{of}?(?P<cur_post>{suffix}))(?:{cents})?"
    )

    def range_of(low: str) -> str:
        if lex.code == "fr":
            words = rf"(?i:entre|de|d['’]){_S}+(?P<low>{low}){_S}+(?i:et|à){_S}+"
        else:
            words = rf"(?i:between){_S}+(?P<low>{low}){_S}+(?i:and){_S}+"
        return rf"(?:{words}|(?P<low>{low}){_S}?[-–]{_S}?)"

    points = (
        rf"(?:{_S}+(?i:percentage{_S}+points?|points?{_S}+de{_S}+pourcentage|basis{_S}+points?|"
        rf"points?{_S}+de{_S}+base|pp|ppts?|bps?|points?|pts?)(?!\p{{L}}))"
    )
    # "percent of 10" (10%): spoken, and only where no figure comes before it and nothing after it,
    # so that "5 percent of 200 staff" never reads as 200%.
    reversed_percent = (
        rf"(?<!\p{{N}}{_S}*)(?<!\p{{L}})(?i:{_PERCENT_WORDS.format(S=_S)}){_S}+(?i:of|de|des){_S}+"
        rf"(?P<num>{num})(?={_S}*(?:[.;!?]|$))"
    )
    # "contre 1,1 milliard", "from 639m": an amount compared with one just stated drops its currency;
    # it takes the currency of the amount before it (never standing alone: see _figures).
    compared = (rf"(?<=(?<!\p{{L}})(?i:contre|against|from|versus|vs\.?|compared{_S}+(?:with|to)|"
                rf"comparé{_S}+à|par{_S}+rapport{_S}+à){_S}+)")
    fractions = _fractions(lex)
    of_whole = rf"{_S}+(?:of|de|du|des|d['’])(?!\p{{L}})" if lex.code == "fr" else rf"{_S}+of(?!\p{{L}})"
    # "the first half of the year" is a period, not a share.
    not_period = rf"(?<!(?i:first|second|last|latter|former|the|premier|première|deuxième|seconde){_S}+)"
    # Every figure starts at a word's edge, with a figure, a currency or one of a few words: this
    # gate rules out most positions before any alternative is tried.
    gate = rf"(?=\p{{N}}|[.,]\d|{prefix}|(?i:{_alternation(_start_words(lex))})(?!\p{{L}}))"
    return regex.compile(
        rf"""
        (?<![\p{{L}}\p{{N}}]){gate}
        (?:(?P<percent_range>{range_of(rf"{num}(?:{percent})?")}(?P<high>{num}{percent}))
        |(?P<money_range>{range_of(end)}(?P<high>{money}|(?P<num>{_digits(lex)})(?P<scale>{scale})?))
        |(?P<money>{money})
        |(?P<percent>(?P<minus>(?i:minus|negative){_S}+)?(?P<num>{num}){percent})
        |(?P<percent_of>{reversed_percent})
        |(?P<points>(?P<num>{num}){points})
        |(?P<count>(?P<num>{num})(?P<scale>{scale})?{_S}+(?P<noun>(?i:{_alternation(lex.people)}))(?!\p{{L}}))
        |(?P<fraction>{not_period}{fractions}(?={of_whole}))
        |(?P<compared>{compared}(?P<num>{num})(?P<scale>{scale})(?={_S}*(?:[.,;:)!?]|$|{_S}(?i:{_alternation(lex.period_words)})(?!\p{{L}})))))
        """,
        regex.VERBOSE,
    )


@cache
def _start_words(lex: Lexicon) -> list[str]:
    """The words a figure may start with; a numerator that is no number ("a") only with its
    denominator ("a third"), and "la moitié" whole."""
    numerators_only = set(lex.numerators_one) - set(lex.number_words)
    fractions = {f"{one}{join}{denominator}" for one in numerators_only for denominator in lex.denominators
                 for join in (" ", "-")}
    ranges = {"between"} if lex.code == "en" else {"entre", "de", "d"}  # see range_of
    percents = {"per", "percent", "percents", "percentage", "pct", "pour", "pourcent", "pourcents", "pourcentage",
                "pourcentages"}  # both languages: see _PERCENT_WORDS
    return sorted(set(lex.number_words + lex.numerators_one) - numerators_only | fractions | set(lex.fractions_alone)
                  | ranges | percents | {"minus", "negative"})


@cache
def _candidates(lex: Lexicon) -> re.Pattern:
    """Where a figure may start (and more), found with the standard library's `re`, which scans
    several times faster than `regex`; `pattern` then decides at each. Anything not ASCII is a
    candidate, so that no Unicode digit or currency sign is missed (and no literal that starts
    with one need be listed)."""
    literals = _symbols(lex) + sorted(lex.currencies) + LOWER_CASE_CODES + _start_words(lex)
    ascii_starts = {w.lower() for w in literals if w[0].isascii() and w != "d"}
    # Like `pattern`, at a word's edge (an alphanumeric is a letter or a number: a looser test than
    # its own). Each candidate consumes one character, or words, inside which no figure starts.
    return re.compile(r"(?<![^\W_])(?:\d|[.,](?=\d)|[^\x00-\x7f]|(?:us|hk|c)(?=[ \u00a0\u202f]\$)|d(?=['’])|"
                      + alternation(ascii_starts, space=_S + "+") + ")", re.IGNORECASE)


def find_figures(text: str, lex: Lexicon):
    """The matches of `pattern(lex)` in text, as its finditer would give them."""
    figure = pattern(lex)
    last = 0
    for candidate in _candidates(lex).finditer(text):
        start = candidate.start()
        if start < last:
            continue
        m = figure.match(text, start)
        if m:
            last = m.end()
            yield m


@dataclass
class Amount:
    value: float
    tolerance: float  # half a unit of the last digit written, in the same unit as value
    currency: str = ""


# Precompiled: these run for every figure (the regex module's cache lookup costs more than the match).
_LETTER = regex.compile(r"\p{L}")
_SPACES = regex.compile(r"[ \u00a0\u202f]")
_SPACES_RUN = regex.compile(rf"{_S}+")
_SEPARATORS = regex.compile(r"[,.]")
_WHITESPACE = regex.compile(r"\s+")


@cache
def _number_pattern(lex: Lexicon) -> regex.Pattern:
    return regex.compile(_number(lex))


def parse_number(text: str, lex: Lexicon) -> tuple[float, int]:
    """Value and number of decimals of a number written in figures or words."""
    if _LETTER.search(text):
        return _parse_words(text, lex), 0
    s = _SPACES.sub("", text)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        parts = s.split(sep)
        # A single group of exactly three digits is thousands in the convention that groups with it.
        grouping = len(parts) > 2 or (len(parts[1]) == 3 and parts[0] != "" and (sep == ",") == (lex.code == "en"))
        decimal = None if grouping else sep
    else:
        decimal = None
    if decimal is None:
        return float(_SEPARATORS.sub("", s)), 0
    whole, _, frac = s.rpartition(decimal)
    whole = _SEPARATORS.sub("", whole) or "0"
    return float(f"{whole}.{frac}"), len(frac)


class NotANumber(ValueError):
    """Number words that do not make one number ("one and one")."""


def _parse_words(text: str, lex: Lexicon) -> float:
    words = regex.sub(rf"{_S}*-{_S}*", "-", text.lower().strip())
    words = regex.sub(rf"{_S}+", " ", words)
    words = regex.sub(r"\b(?:nought|naught)\b", "zero", words)
    whole, fraction_part = _split_fraction(words, lex)
    point = regex.search(r" (?:point|virgule) ", whole)
    whole, decimals = (whole[:point.start()], whole[point.end():]) if point else (whole, "")
    try:
        value = float(text2num(whole, lex.code)) if whole else 0.0
        if decimals:
            value += _decimal_words(decimals, lex)
    except ValueError:
        raise NotANumber(text) from None
    return value + fraction_part


def _split_fraction(words: str, lex: Lexicon) -> tuple[str, float]:
    """'five and a quarter' -> ('five', 0.25); words with no fraction come back whole."""
    m = regex.search(rf"(?:^|\s(?:and|et)\s)({_fraction(lex)})$", words)
    if not m:
        return words, 0.0
    return words[:m.start()].strip(), fraction(m.group(1), lex)


def _decimal_words(words: str, lex: Lexicon) -> float:
    """Digits after 'point' in words: 'zero three' is .03, 'seventy-one' .71."""
    parts = words.replace("-", " ").split()
    if all(_is_digit_word(p, lex) for p in parts):
        digits = [text2num(p, lex.code) for p in parts]
    else:
        digits = [text2num(words, lex.code)]
    return float("0." + "".join(str(d) for d in digits))


def _is_digit_word(word: str, lex: Lexicon) -> bool:
    try:
        return text2num(word, lex.code) < 10
    except ValueError:
        return False


@lru_cache(maxsize=4096)  # a few currencies, written a few ways, in every article
def currency_code(text: str | None, lex: Lexicon) -> str:
    if not text:
        return ""
    key = _WHITESPACE.sub(" ", text.strip()).lower()
    if key.upper() in lex.currencies:
        return key.upper()
    symbol, _, qualifier = key.partition(" ")
    if qualifier in _SYMBOL_QUALIFIERS and symbol in ("$", "us", "hk", "c"):
        return _SYMBOL_QUALIFIERS[qualifier]
    if key.endswith("$") and key[:-1].strip() in _SYMBOL_QUALIFIERS:  # "us $", "hk $", "c $"
        return _SYMBOL_QUALIFIERS[key[:-1].strip()]
    if key.startswith("$") and key[1:].upper() in lex.currencies:  # "$CAD"
        return key[1:].upper()
    for code in sorted(lex.currencies):
        forms = lex.currencies[code]
        if key in (s.lower() for s in forms["symbols"]) or key in forms["names"]:
            return code
    return lex.subunits.get(key, "")


def is_subunit(text: str | None, lex: Lexicon) -> bool:
    return bool(text) and text.strip().lower() in lex.subunits


def scale_factor(text: str | None, lex: Lexicon) -> float:
    if not text:
        return 1.0
    key = text.strip(" \u00a0\u202f")
    if key == "M":  # "M€", "15 M$": million in both languages
        return 1e6
    return lex.scales.get(key.lower(), 1.0)


def amount(num: str, scale: str | None, lex: Lexicon, currency_text: str | None = None) -> Amount:
    value, decimals = parse_number(num, lex)
    factor = scale_factor(scale, lex) * (0.01 if is_subunit(currency_text, lex) else 1.0)
    # Rounded so that "16.4 million" is 16400000, not 16399999.999999998.
    return Amount(round(value * factor, 9), 0.5 * 10.0**-decimals * factor, currency_code(currency_text, lex))


@cache
def _end_parts(lex: Lexicon) -> regex.Pattern:
    """Splits one end of a range into its currency, figure and scale."""
    return regex.compile(
        rf"(?P<cur_pre>{_prefix(lex)})?{_S}?(?P<num>{_number(lex)})(?P<scale>{_scale(lex)})?"
        rf"(?:.*?(?P<cur_post>{_suffix(lex)}))?$"
    )


def first_number(text: str, lex: Lexicon) -> str:
    return _number_pattern(lex).search(text).group()


def range_low(text: str, lex: Lexicon, high_scale: str | None, high_currency_text: str | None) -> Amount:
    """The low end of a range: what it does not say, it shares with the high end ("€1-1.5bn")."""
    m = _end_parts(lex).match(text)
    currency_text = m.group("cur_pre") or m.group("cur_post") or high_currency_text
    return amount(m.group("num"), m.group("scale") or high_scale, lex, currency_text)


@cache
def _hedge(lex: Lexicon) -> regex.Pattern:
    return regex.compile(rf"(?i)(?<!\p{{L}})({'|'.join(lex.hedges).replace(' ', f'{_S}+')}){_S}+$")


def hedge(before: str, lex: Lexicon) -> str:
    """The hedge word written just before a figure ("about", "up to", "près de"), lower-cased."""
    m = _hedge(lex).search(before)
    return _SPACES_RUN.sub(" ", m.group(1).lower()) if m else ""


def fraction(text: str, lex: Lexicon) -> float:
    """Value of a fraction in words: 'a third', 'two-thirds', 'half', 'la moitié', 'trois quarts'."""
    words = regex.sub(rf"(?:{_S}|-)+", " ", text.lower().strip()).split(" ")
    if " ".join(words) in lex.fractions_alone:
        return 1 / lex.fractions_alone[" ".join(words)]
    *numerator, denominator = words
    numerator = " ".join(numerator)
    count = 1 if not numerator or numerator in lex.numerators_one else text2num(numerator, lex.code)
    return count / lex.denominators[denominator]


@cache
def _any_number(lex: Lexicon) -> regex.Pattern:
    scale_words = _alternation(lex.scales)
    sign = r"minus|negative" if lex.code == "en" else r"moins"
    return regex.compile(
        rf"(?P<fraction>{_fractions(lex)})"
        rf"|(?P<sign>(?<![\p{{L}}\p{{N}}])-{_S}?|(?<!\p{{L}})(?i:{sign}){_S}+)?(?P<num>{_number(lex)})"
        rf"(?P<scale>{_S}*(?i:{scale_words})(?!\p{{L}})(?P<rest>{_S}+(?:and{_S}+|et{_S}+)?{_words(lex)})?)?"
    )


def find_numbers(text: str, lex: Lexicon) -> list[tuple[int, int, float]]:
    """Every number in figures or words, with its scale word: (start, end, value)."""
    found = []
    for m in _any_number(lex).finditer(text):
        if m.group("fraction"):
            found.append((m.start(), m.end(), fraction(m.group(), lex)))
            continue
        try:
            value, _ = parse_number(m.group("num"), lex)
        except NotANumber:
            found.extend(_words_apart(m.start("num"), m.group("num"), lex))
            continue
        if m.group("scale"):
            scale_word = m.group("scale")[: len(m.group("scale")) - len(m.group("rest") or "")]
            value *= scale_factor(scale_word, lex)
            if m.group("rest"):
                value += _parse_words(regex.sub(r"(?i)^\s*(?:and|et)\s+", "", m.group("rest").strip()), lex)
        found.append((m.start(), m.end(), -value if m.group("sign") else value))
    return found


def _words_apart(start: int, words: str, lex: Lexicon) -> list[tuple[int, int, float]]:
    """Number words that make several numbers ("one and one"): the longest number from the left, then on."""
    found = []
    tokens = list(regex.finditer(r"[^\s-]+", words))
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            span = words[tokens[i].start():tokens[j - 1].end()]
            try:
                found.append((start + tokens[i].start(), start + tokens[j - 1].end(), _parse_words(span, lex)))
                i = j
                break
            except NotANumber:
                continue
        else:
            i += 1
    return found
