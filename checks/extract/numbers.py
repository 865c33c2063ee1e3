"""Numbers, percentages, points and amounts of money, single or ranges, in English and French.

Figures are read in the conventions of the document's language (`1,200` is twelve hundred in
English and 1.2 in French); numbers in words are read with text2num; currencies come from the
lexicon below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from text_to_num import text2num

from .text import alternation

# Spaces that may sit inside a figure or between a figure and its unit: normal, no-break, narrow.
_S = r"[ \u00a0\u202f]"

SCALES = {
    "en": {
        "k": 1e3, "thousand": 1e3, "thousands": 1e3,
        "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
        "bn": 1e9, "bln": 1e9, "billion": 1e9, "billions": 1e9,
        "tn": 1e12, "tln": 1e12, "trillion": 1e12, "trillions": 1e12,
        "b": 1e9, "mm": 1e6, "mil": 1e6, "hundred": 1e2,
        "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    },
    "fr": {
        "k": 1e3, "mille": 1e3,
        "m": 1e6, "million": 1e6, "millions": 1e6,
        "cent": 1e2, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "milliard": 1e9, "milliards": 1e9, "bn": 1e9,
        # In French a "billion" is a million million.
        "billion": 1e12, "billions": 1e12,
    },
}

# ISO code -> symbols or letter prefixes written before the figure, and names in either language
# (written after it). Bare "dollars" are US dollars, bare "francs" French francs.
CURRENCIES = {
    "EUR": (["€"], ["euro", "euros"]),
    "USD": (["US$", "U.S.$", "U.S. $", "u.s $", "$"], ["dollar", "dollars", "us dollar", "us dollars", "u.s. dollars",
                                    "dollar américain", "dollars américains", "dollars us"]),
    "GBP": (["£"], ["pound", "pounds", "pound sterling", "pounds sterling", "sterling", "livre", "livres",
                    "livre sterling", "livres sterling"]),
    "JPY": (["¥"], ["yen", "yens", "japanese yen", "yen japonais", "yens japonais"]),
    "CHF": (["SFr.", "Fr."], ["swiss franc", "swiss francs", "franc suisse", "francs suisses"]),
    "CNY": (["CN¥", "RMB", "元"], ["yuan", "yuans", "renminbi", "rmb", "chinese yuan", "yuan chinois",
                                   "yuans chinois"]),
    "CAD": (["C$", "CA$", "CAN$"], ["canadian dollar", "canadian dollars", "dollar canadien", "dollars canadiens"]),
    "AUD": (["A$", "AU$"], ["australian dollar", "australian dollars", "dollar australien", "dollars australiens"]),
    "NZD": (["NZ$"], ["new zealand dollar", "new zealand dollars", "dollar néo-zélandais", "dollars néo-zélandais"]),
    "HKD": (["HK$"], ["hong kong dollar", "hong kong dollars", "dollar de hong kong", "dollars de hong kong"]),
    "SGD": (["S$"], ["singapore dollar", "singapore dollars", "dollar de singapour", "dollars de singapour"]),
    "INR": (["₹", "Rs.", "Rs"], ["rupee", "rupees", "indian rupee", "indian rupees", "roupie", "roupies",
                                "roupie indienne", "roupies indiennes"]),
    "RUB": (["₽"], ["rouble", "roubles", "ruble", "rubles"]),
    "KRW": (["₩"], ["won", "south korean won", "korean won"]),
    "TRY": (["₺"], ["turkish lira", "turkish liras", "livre turque", "livres turques"]),
    "UAH": (["₴"], ["hryvnia", "hryvnias"]),
    "ILS": (["₪"], ["shekel", "shekels", "new shekel", "new shekels"]),
    "NGN": (["₦"], ["naira"]),
    "PHP": (["₱"], ["philippine peso", "philippine pesos"]),
    "VND": (["₫"], ["dong", "vietnamese dong"]),
    "CRC": (["₡"], ["colón", "colon", "colones", "costa rican colón"]),
    "GEL": (["₾"], ["lari", "georgian lari"]),
    "LAK": (["₭"], ["kip", "lao kip"]),
    "LKR": (["ரூ"], ["sri lankan rupee", "sri lankan rupees"]),
    "BRL": (["R$"], ["reais", "brazilian real", "brazilian reais", "réais", "réal brésilien", "réals brésiliens"]),
    "MXN": (["MX$", "Mex$"], ["mexican peso", "mexican pesos", "peso mexicain", "pesos mexicains"]),
    "ZAR": ([], ["rand", "south african rand"]),
    "SEK": ([], ["swedish krona", "swedish kronor", "couronne suédoise", "couronnes suédoises"]),
    "NOK": ([], ["norwegian krone", "norwegian kroner", "couronne norvégienne", "couronnes norvégiennes"]),
    "DKK": ([], ["danish krone", "danish kroner", "couronne danoise", "couronnes danoises"]),
    "PLN": ([], ["zloty", "zlotys", "zlotych"]),
    "FRF": ([], ["franc", "francs", "french franc", "french francs", "franc français", "francs français"]),
    "BEF": ([], ["belgian franc", "belgian francs", "franc belge", "francs belges"]),
    "DEM": ([], ["deutschmark", "deutschmarks", "deutsche mark", "deutsche marks", "mark allemand",
                 "marks allemands"]),
    "ITL": ([], ["lira", "lire", "italian lira", "italian lire", "lire italienne", "lires italiennes"]),
    "ESP": ([], ["peseta", "pesetas", "pesewa", "pesewas"]),
    "NLG": ([], ["guilder", "guilders", "dutch guilder", "dutch guilders", "florin", "florins",
                 "florin néerlandais", "florins néerlandais", "florins hollandais"]),
    "FIM": ([], ["markka", "markkaa", "finnish markka", "finnish markkas", "mark finlandais", "marks finlandais"]),
}
CODES = sorted(CURRENCIES)
# Codes safe to read in lower case too ("eur 1000"); "try" or "rub" are words.
LOWER_CASE_CODES = ["eur", "usd", "gbp", "chf", "jpy", "cad", "aud", "cny", "hkd", "inr"]
# Hundredths of a currency, valued in that currency.
SUBUNITS = {
    "en": {"cent": "USD", "cents": "USD", "penny": "GBP", "pennies": "GBP", "pence": "GBP", "p": "GBP"},  # "873p"
    # French "cent" is a hundred; euro cents are "cents" or "centimes".
    "fr": {"cents": "EUR", "centime": "EUR", "centimes": "EUR", "penny": "GBP", "pence": "GBP"},
}
# "1,34 $ c", "10,05 milliards de $ hk": French puts the country after the symbol.
_SYMBOL_QUALIFIERS = {"c": "CAD", "can": "CAD", "hk": "HKD", "us": "USD", "usd": "USD", "aud": "AUD"}

NUMBER_WORDS = {
    "en": "zero nought naught one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
          "hundred thousand".split(),
    "fr": "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
          "seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent "
          "cents mille".split(),
}
# Fractions in words: an optional numerator ("a", "two", "trois") and a denominator.
DENOMINATORS = {
    "en": {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5},
    "fr": {"demi": 2, "demie": 2, "demis": 2, "tiers": 3, "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5},
}
ONE = {"en": ["a", "one"], "fr": ["un", "une"]}
MAX_NUMBER_WORDS = 16
# Denominators that stand alone for one part ("half of its shares", "la moitié du capital").
ALONE = {"en": {"half": 2}, "fr": {"moitié": 2, "la moitié": 2}}
HEDGES = {
    "en": "about|around|approximately|roughly|nearly|almost|some|up to|more than|over|less than|under|"
          "at least|at most|as much as|as many as|close to|in excess of|just over|just under|an estimated",
    "fr": "environ|près de|presque|quelque|quelques|jusqu['’]à|plus de|moins de|au moins|au plus|"
          "autour de|quasiment|approximativement|de l['’]ordre de|pas moins de|un peu plus de|un peu moins de",
}


def _alternation(words) -> str:
    return alternation(words, space=f"{_S}+")


@cache
def _digits(lang: str) -> str:
    # Thousands grouped by commas, dots or spaces (normal, no-break, narrow).
    space = r"[ \u00a0\u202f]"
    return (
        r"(?<![\p{L}\p{N}.,^])"
        rf"(?:\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{space}\d{{3}})+)(?!\d)(?:[.,]\d+)?"
        r"|\d+(?:[.,]\d+)?|[.,]\d+)"
        r"(?![\d]|[.,]\d)"
    )


@cache
def _words(lang: str) -> str:
    word = _alternation(NUMBER_WORDS[lang])
    join = rf"(?:{_S}*-{_S}*|{_S}+(?:and{_S}+|et{_S}+)?)"
    # Bounded: the longest number in words has about a dozen ("quatre-vingt-dix-neuf mille neuf cent
    # quatre-vingt-dix-neuf"), and an unbounded run makes every attempt scan the whole run again.
    sequence = rf"(?:{word})(?:{join}(?:{word})){{0,{MAX_NUMBER_WORDS - 1}}}"
    decimals = rf"(?:{_S}+(?:point|virgule){_S}+{sequence})?"
    # "five and a quarter", "cent trois et deux tiers": tried first, so that the whole number
    # gives back the words of the fraction.
    with_fraction = rf"(?:{word})(?:{join}(?:{word})){{0,{MAX_NUMBER_WORDS - 1}}}?{_S}+(?:and|et){_S}+{_fraction(lang)}"
    return rf"(?i:(?<![\p{{L}}-])(?:{with_fraction}|{sequence}{decimals})(?![\p{{L}}]))"


@cache
def _fraction(lang: str) -> str:
    numerator = _alternation(ONE[lang] + NUMBER_WORDS[lang])
    return rf"(?:(?:{numerator})(?:{_S}+|-))?(?:{_alternation(DENOMINATORS[lang])})(?!\p{{L}})"


@cache
def _fractions(lang: str) -> str:
    """A fraction standing for a part of a whole: a numerator and a denominator, or "half"."""
    numerator = _alternation(ONE[lang] + NUMBER_WORDS[lang])
    return (
        rf"(?<!\p{{L}})(?i:(?:{numerator})(?:{_S}+|-)(?:{_alternation(DENOMINATORS[lang])})"
        rf"|{_alternation(ALONE[lang])})(?!\p{{L}})"
    )


@cache
def _number(lang: str) -> str:
    return rf"(?:{_digits(lang)}|{_words(lang)})"


@cache
def _scale(lang: str) -> str:
    words = [w for w in SCALES[lang] if len(w) > 2]
    # Short scales stick to the figure ("$75m", "€1.5bn"); words may stand apart ("1.5 billion").
    return (
        rf"(?:{_S}?(?:bn|mn|mln|bln|tn|tln|mil|MM|Mds?|Mrds?|md)(?!\p{{L}})|(?:m|k|M|b)(?![\p{{L}}\p{{N}}])"
        rf"|{_S}[Mk](?=[€$£¥])"
        rf"|{_S}+(?i:{_alternation(words)})(?!\p{{L}}))"
    )


@cache
def _prefix() -> str:
    symbols = [s for code in CODES for s in CURRENCIES[code][0]]
    # Tokenised or lower-cased copy writes "us $", "hk $", "c $"; codes may be lower case ("eur 1000").
    return rf"(?<![\p{{L}}\p{{N}}])(?:(?i:us|hk|c){_S}\$|{_alternation(symbols)}|{_codes()})"


@cache
def _codes() -> str:
    return rf"(?:{'|'.join(CODES)}|{'|'.join(LOWER_CASE_CODES)})(?!\p{{L}})"


@cache
def _suffix(lang: str) -> str:
    names = [n for code in CODES for n in CURRENCIES[code][1]] + [u for u in SUBUNITS[lang] if u != "p"]
    qualifier = rf"(?:{_S}(?i:{'|'.join(_SYMBOL_QUALIFIERS)})(?!\p{{L}}))?" if lang == "fr" else ""
    # "873p" (pence) only stuck to the figure, and not "10 p.m."
    pence = r"|(?<=\d)p(?!\p{L}|\.\p{L})" if "p" in SUBUNITS[lang] else ""
    symbols = [x for code in CODES for x in CURRENCIES[code][0] if not regex.search(r"[A-Za-z]", x)]
    glued = "|".join(_SYMBOL_QUALIFIERS[q] for q in _SYMBOL_QUALIFIERS)  # "$CAD"
    return (
        rf"(?:\$(?:{glued})(?!\p{{L}})|\${qualifier}|{_alternation(symbols)}|{_codes()}"
        rf"|(?<!\p{{L}})(?i:{_alternation(names)})(?!\p{{L}}){pence})"
    )


# Nouns that make a figure a count of people ("3,000 employees", "11 000 salariés").
PEOPLE = {
    "en": ["people", "employees", "workers", "staff", "jobs", "staffers", "personnel"],
    "fr": ["personnes", "salariés", "employés", "emplois", "collaborateurs", "travailleurs", "agents"],
}

# What may follow an amount compared with another when it drops its currency: the period it belongs
# to ("contre 1,1 milliard un an plus tôt", "from 639m in the same period"), nothing else (a noun
# after it, "6.3bn kronor", is a unit we do not know).
PERIOD_WORDS = {
    "en": ["a year", "the year", "the previous", "the same", "in", "last", "one year", "at the", "for the", "previously",
           "earlier", "before", "during", "over"],
    "fr": ["un an", "l'an", "l’an", "l'année", "l’année", "au", "en", "lors", "il y a", "un an plus tôt", "auparavant",
           "précédemment", "plus tôt", "sur", "pour", "à la même"],
}

_PERCENT_WORDS = r"per{S}?cents?|percents?|percentage(?!{S}+points?)|pct|pourcents?|pour{S}?-?cents?|pourcentages?"


@cache
def pattern(lang: str) -> regex.Pattern:
    num, scale, prefix, suffix = _number(lang), _scale(lang), _prefix(), _suffix(lang)
    percent = rf"(?:{_S}?%|{_S}+(?i:{_PERCENT_WORDS.format(S=_S)})(?!\p{{L}}))"
    of = rf"(?:{_S}+de{_S}+|{_S}+d['’]|{_S}+|-)" if lang == "fr" else rf"(?:{_S}+|-)"
    # One end of an amount: optional currency before, figure, optional scale, optional currency after.
    end = rf"(?:{prefix}{_S}?)?{num}(?:{scale})?(?:{of}?{suffix})?"
    # Cents after the amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents", and
    # spoken "ten dollars fifty" when nothing but punctuation or "and" follows the cents.
    cents = (
        rf"(?:{_S}+(?i:and|et){_S}+|{_S}+)(?P<cents>\d{{1,2}}(?!\d)|{_words(lang)})"
        rf"(?:{_S}+(?i:cents?|pence|centimes?)(?!\p{{L}})|(?={_S}*(?:[.,;:!?)]|$)|{_S}+(?i:and|et)(?!\p{{L}})))"
    )
    money = (
        rf"(?:(?P<cur_pre>{prefix}){_S}?(?P<num>{num})(?P<scale>{scale})?"
        rf"|(?P<num>{num})(?P<scale>{scale})?{of}?(?P<cur_post>{suffix}))(?:{cents})?"
    )

    def range_of(low: str) -> str:
        if lang == "fr":
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
    fractions = _fractions(lang)
    of_whole = rf"{_S}+(?:of|de|du|des|d['’])(?!\p{{L}})" if lang == "fr" else rf"{_S}+of(?!\p{{L}})"
    # "the first half of the year" is a period, not a share.
    not_period = rf"(?<!(?i:first|second|last|latter|former|the|premier|première|deuxième|seconde){_S}+)"
    # Every figure starts at a word's edge, with a figure, a currency or one of a few words: this
    # gate rules out most positions before any alternative is tried.
    gate = rf"(?=\p{{N}}|[.,]\d|{prefix}|(?i:{_alternation(_start_words(lang))})(?!\p{{L}}))"
    return regex.compile(
        rf"""
        (?<![\p{{L}}\p{{N}}]){gate}
        (?:(?P<percent_range>{range_of(rf"{num}(?:{percent})?")}(?P<high>{num}{percent}))
        |(?P<money_range>{range_of(end)}(?P<high>{money}|(?P<num>{_digits(lang)})(?P<scale>{scale})?))
        |(?P<money>{money})
        |(?P<percent>(?P<minus>(?i:minus|negative){_S}+)?(?P<num>{num}){percent})
        |(?P<percent_of>{reversed_percent})
        |(?P<points>(?P<num>{num}){points})
        |(?P<count>(?P<num>{num})(?P<scale>{scale})?{_S}+(?P<noun>(?i:{_alternation(PEOPLE[lang])}))(?!\p{{L}}))
        |(?P<fraction>{not_period}{fractions}(?={of_whole}))
        |(?P<compared>{compared}(?P<num>{num})(?P<scale>{scale})(?={_S}*(?:[.,;:)!?]|$|{_S}(?i:{_alternation(PERIOD_WORDS[lang])})(?!\p{{L}})))))
        """,
        regex.VERBOSE,
    )


@cache
def _start_words(lang: str) -> list[str]:
    """The words a figure may start with; a numerator that is no number ("a") only with its
    denominator ("a third"), and "la moitié" whole."""
    numerators_only = set(ONE[lang]) - set(NUMBER_WORDS[lang])
    fractions = {f"{one}{join}{denominator}" for one in numerators_only for denominator in DENOMINATORS[lang]
                 for join in (" ", "-")}
    ranges = {"between"} if lang == "en" else {"entre", "de", "d"}  # see range_of
    percents = {"per", "percent", "percents", "percentage", "pct", "pour", "pourcent", "pourcents", "pourcentage",
                "pourcentages"}  # both languages: see _PERCENT_WORDS
    return sorted(set(NUMBER_WORDS[lang] + ONE[lang]) - numerators_only | fractions | set(ALONE[lang]) | ranges
                  | percents | {"minus", "negative"})


@cache
def _candidates(lang: str) -> re.Pattern:
    """Where a figure may start (and more), found with the standard library's `re`, which scans
    several times faster than `regex`; `pattern` then decides at each. Anything not ASCII is a
    candidate, so that no Unicode digit or currency sign is missed (and no literal that starts
    with one need be listed)."""
    literals = [s for code in CODES for s in CURRENCIES[code][0]] + CODES + LOWER_CASE_CODES + _start_words(lang)
    ascii_starts = {w.lower() for w in literals if w[0].isascii() and w != "d"}
    # Like `pattern`, at a word's edge (an alphanumeric is a letter or a number: a looser test than
    # its own). Each candidate consumes one character, or words, inside which no figure starts.
    return re.compile(r"(?<![^\W_])(?:\d|[.,](?=\d)|[^\x00-\x7f]|(?:us|hk|c)(?=[ \u00a0\u202f]\$)|d(?=['’])|"
                      + alternation(ascii_starts, space=_S + "+") + ")", re.IGNORECASE)


def find_figures(text: str, lang: str):
    """The matches of `pattern(lang)` in text, as its finditer would give them."""
    figure = pattern(lang)
    last = 0
    for candidate in _candidates(lang).finditer(text):
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
def _number_pattern(lang: str) -> regex.Pattern:
    return regex.compile(_number(lang))


def parse_number(text: str, lang: str) -> tuple[float, int]:
    """Value and number of decimals of a number written in figures or words."""
    if _LETTER.search(text):
        return _parse_words(text, lang), 0
    s = _SPACES.sub("", text)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        parts = s.split(sep)
        # A single group of exactly three digits is thousands in the convention that groups with it.
        grouping = len(parts) > 2 or (len(parts[1]) == 3 and parts[0] != "" and (sep == ",") == (lang == "en"))
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


def _parse_words(text: str, lang: str) -> float:
    words = regex.sub(rf"{_S}*-{_S}*", "-", text.lower().strip())
    words = regex.sub(rf"{_S}+", " ", words)
    words = regex.sub(r"\b(?:nought|naught)\b", "zero", words)
    whole, fraction_part = _split_fraction(words, lang)
    point = regex.search(r" (?:point|virgule) ", whole)
    whole, decimals = (whole[:point.start()], whole[point.end():]) if point else (whole, "")
    try:
        value = float(text2num(whole, lang)) if whole else 0.0
        if decimals:
            value += _decimal_words(decimals, lang)
    except ValueError:
        raise NotANumber(text) from None
    return value + fraction_part


def _split_fraction(words: str, lang: str) -> tuple[str, float]:
    """'five and a quarter' -> ('five', 0.25); words with no fraction come back whole."""
    m = regex.search(rf"(?:^|\s(?:and|et)\s)({_fraction(lang)})$", words)
    if not m:
        return words, 0.0
    return words[:m.start()].strip(), fraction(m.group(1), lang)


def _decimal_words(words: str, lang: str) -> float:
    """Digits after 'point' in words: 'zero three' is .03, 'seventy-one' .71."""
    parts = words.replace("-", " ").split()
    digits = [text2num(p, lang) for p in parts] if all(_is_digit_word(p, lang) for p in parts) else [text2num(words, lang)]
    return float("0." + "".join(str(d) for d in digits))


def _is_digit_word(word: str, lang: str) -> bool:
    try:
        return text2num(word, lang) < 10
    except ValueError:
        return False


@lru_cache(maxsize=4096)  # a few currencies, written a few ways, in every article
def currency_code(text: str | None, lang: str) -> str:
    if not text:
        return ""
    key = _WHITESPACE.sub(" ", text.strip()).lower()
    if key.upper() in CURRENCIES:
        return key.upper()
    symbol, _, qualifier = key.partition(" ")
    if qualifier in _SYMBOL_QUALIFIERS and symbol in ("$", "us", "hk", "c"):
        return _SYMBOL_QUALIFIERS[qualifier]
    if key.endswith("$") and key[:-1].strip() in _SYMBOL_QUALIFIERS:  # "us $", "hk $", "c $"
        return _SYMBOL_QUALIFIERS[key[:-1].strip()]
    if key.startswith("$") and key[1:].upper() in CURRENCIES:  # "$CAD"
        return key[1:].upper()
    for code in CODES:
        symbols, names = CURRENCIES[code]
        if key in (s.lower() for s in symbols) or key in names:
            return code
    return SUBUNITS[lang].get(key, "")


def is_subunit(text: str | None, lang: str) -> bool:
    return bool(text) and text.strip().lower() in SUBUNITS[lang]


def scale_factor(text: str | None, lang: str) -> float:
    if not text:
        return 1.0
    key = text.strip(" \u00a0\u202f")
    if key == "M":  # "M€", "15 M$": million in both languages
        return 1e6
    return SCALES[lang].get(key.lower(), 1.0)


def amount(num: str, scale: str | None, lang: str, currency_text: str | None = None) -> Amount:
    value, decimals = parse_number(num, lang)
    factor = scale_factor(scale, lang) * (0.01 if is_subunit(currency_text, lang) else 1.0)
    # Rounded so that "16.4 million" is 16400000, not 16399999.999999998.
    return Amount(round(value * factor, 9), 0.5 * 10.0**-decimals * factor, currency_code(currency_text, lang))


@cache
def _end_parts(lang: str) -> regex.Pattern:
    """Splits one end of a range into its currency, figure and scale."""
    return regex.compile(
        rf"(?P<cur_pre>{_prefix()})?{_S}?(?P<num>{_number(lang)})(?P<scale>{_scale(lang)})?"
        rf"(?:.*?(?P<cur_post>{_suffix(lang)}))?$"
    )


def first_number(text: str, lang: str) -> str:
    return _number_pattern(lang).search(text).group()


def range_low(text: str, lang: str, high_scale: str | None, high_currency_text: str | None) -> Amount:
    """The low end of a range: what it does not say, it shares with the high end ("€1-1.5bn")."""
    m = _end_parts(lang).match(text)
    currency_text = m.group("cur_pre") or m.group("cur_post") or high_currency_text
    return amount(m.group("num"), m.group("scale") or high_scale, lang, currency_text)


@cache
def _hedge(lang: str) -> regex.Pattern:
    return regex.compile(rf"(?i)(?<!\p{{L}})({HEDGES[lang].replace(' ', f'{_S}+')}){_S}+$")


def hedge(before: str, lang: str) -> str:
    """The hedge word written just before a figure ("about", "up to", "près de"), lower-cased."""
    m = _hedge(lang).search(before)
    return _SPACES_RUN.sub(" ", m.group(1).lower()) if m else ""


def fraction(text: str, lang: str) -> float:
    """Value of a fraction in words: 'a third', 'two-thirds', 'half', 'la moitié', 'trois quarts'."""
    words = regex.sub(rf"(?:{_S}|-)+", " ", text.lower().strip()).split(" ")
    if " ".join(words) in ALONE[lang]:
        return 1 / ALONE[lang][" ".join(words)]
    *numerator, denominator = words
    numerator = " ".join(numerator)
    count = 1 if not numerator or numerator in ONE[lang] else text2num(numerator, lang)
    return count / DENOMINATORS[lang][denominator]


@cache
def _any_number(lang: str) -> regex.Pattern:
    scale_words = _alternation(SCALES[lang])
    sign = r"minus|negative" if lang == "en" else r"moins"
    return regex.compile(
        rf"(?P<fraction>{_fractions(lang)})"
        rf"|(?P<sign>(?<![\p{{L}}\p{{N}}])-{_S}?|(?<!\p{{L}})(?i:{sign}){_S}+)?(?P<num>{_number(lang)})"
        rf"(?P<scale>{_S}*(?i:{scale_words})(?!\p{{L}})(?P<rest>{_S}+(?:and{_S}+|et{_S}+)?{_words(lang)})?)?"
    )


def find_numbers(text: str, lang: str) -> list[tuple[int, int, float]]:
    """Every number in figures or words, with its scale word: (start, end, value)."""
    found = []
    for m in _any_number(lang).finditer(text):
        if m.group("fraction"):
            found.append((m.start(), m.end(), fraction(m.group(), lang)))
            continue
        try:
            value, _ = parse_number(m.group("num"), lang)
        except NotANumber:
            found.extend(_words_apart(m.start("num"), m.group("num"), lang))
            continue
        if m.group("scale"):
            scale_word = m.group("scale")[: len(m.group("scale")) - len(m.group("rest") or "")]
            value *= scale_factor(scale_word, lang)
            if m.group("rest"):
                value += _parse_words(regex.sub(r"(?i)^\s*(?:and|et)\s+", "", m.group("rest").strip()), lang)
        found.append((m.start(), m.end(), -value if m.group("sign") else value))
    return found


def _words_apart(start: int, words: str, lang: str) -> list[tuple[int, int, float]]:
    """Number words that make several numbers ("one and one"): the longest number from the left, then on."""
    found = []
    tokens = list(regex.finditer(r"[^\s-]+", words))
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            span = words[tokens[i].start():tokens[j - 1].end()]
            try:
                found.append((start + tokens[i].start(), start + tokens[j - 1].end(), _parse_words(span, lang)))
                i = j
                break
            except NotANumber:
                continue
        else:
            i += 1
    return found
