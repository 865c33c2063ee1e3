"""Quantities written as a newsroom writes them, in English or French: every message and
suggestion that states a number goes through here (never `1.5e+09`, never `€-3bn`).

    money     €1.5bn, -€3bn, £50bn, €1,500, 50p, 1,330 won | 1,5 milliard d'euros, 225 millions d'euros
    percent   15%, 43.4%                                  | 15 %, 43,4 %
    change    +76.8%, -5%                                 | +76,8 %, -5 %
    rate      1.50 dollars per euro, 1,330 won per dollar | 1,50 dollar par euro
    date      Thursday 12 June 2025                       | jeudi 12 juin 2025
    duration  23 years                                    | 23 ans
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from .words import load_words

# Symbols written before an English figure; other currencies are named after it.
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$", "HKD": "HK$", "NZD": "NZ$",
           "SGD": "S$"}
# ISO code -> (English singular, plural), (French singular, plural).
NAMES = {
    "EUR": (("euro", "euros"), ("euro", "euros")),
    "USD": (("dollar", "dollars"), ("dollar", "dollars")),
    "GBP": (("pound", "pounds"), ("livre", "livres")),
    "JPY": (("yen", "yen"), ("yen", "yens")),
    "CHF": (("Swiss franc", "Swiss francs"), ("franc suisse", "francs suisses")),
    "CNY": (("yuan", "yuan"), ("yuan", "yuans")),
    "CAD": (("Canadian dollar", "Canadian dollars"), ("dollar canadien", "dollars canadiens")),
    "AUD": (("Australian dollar", "Australian dollars"), ("dollar australien", "dollars australiens")),
    "NZD": (("New Zealand dollar", "New Zealand dollars"), ("dollar néo-zélandais", "dollars néo-zélandais")),
    "HKD": (("Hong Kong dollar", "Hong Kong dollars"), ("dollar de Hong Kong", "dollars de Hong Kong")),
    "SGD": (("Singapore dollar", "Singapore dollars"), ("dollar de Singapour", "dollars de Singapour")),
    "INR": (("rupee", "rupees"), ("roupie", "roupies")),
    "RUB": (("rouble", "roubles"), ("rouble", "roubles")),
    "KRW": (("won", "won"), ("won", "wons")),
    "TRY": (("lira", "lira"), ("livre turque", "livres turques")),
    "BRL": (("real", "reais"), ("réal", "réals")),
    "MXN": (("peso", "pesos"), ("peso", "pesos")),
    "ZAR": (("rand", "rand"), ("rand", "rands")),
    "SEK": (("krona", "kronor"), ("couronne suédoise", "couronnes suédoises")),
    "NOK": (("krone", "kroner"), ("couronne norvégienne", "couronnes norvégiennes")),
    "DKK": (("krone", "kroner"), ("couronne danoise", "couronnes danoises")),
    "PLN": (("zloty", "zlotys"), ("zloty", "zlotys")),
    "FRF": (("franc", "francs"), ("franc", "francs")),
    "DEM": (("Deutschmark", "Deutschmarks"), ("mark", "marks")),
}
# Hundredths written as such below one unit: (English, French).
SUBUNITS = {"GBP": ("{}p", "{} pence"), "USD": ("{} cents", "{} cents"), "EUR": ("{} cents", "{} centimes")}
# The market's order of currencies in a pair: the first listed is the base (EUR/USD is dollars per euro).
PAIR_ORDER = ["EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "JPY"]

def month_name(month: int, lang: str) -> str:
    """From the word lists (rules/words/): English names take their capital."""
    name = load_words()[lang].months[month - 1]
    return name.capitalize() if lang == "en" else name


def weekday_name(weekday: int, lang: str) -> str:
    """0 = Monday."""
    name = load_words()[lang].weekdays[weekday]
    return name.capitalize() if lang == "en" else name


# unit -> (English singular, plural), (French singular, plural)
PERIODS = {"year": (("year", "years"), ("an", "ans")), "month": (("month", "months"), ("mois", "mois")),
           "week": (("week", "weeks"), ("semaine", "semaines")), "day": (("day", "days"), ("jour", "jours"))}


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """1,234.5 | 1 234,5; `decimals` fixed, else as few as the value needs (at most 2)."""
    if decimals is None:
        decimals = next((d for d in range(3) if abs(round(value, d) - value) < 1e-9 * max(1, abs(value))), 2)
    written = f"{abs(value):,.{decimals}f}"
    if lang == "fr":
        written = written.replace(",", " ").replace(".", ",")
    return ("-" if round(value, decimals) < 0 else "") + written


def _significant(value: float, digits: int = 4) -> tuple[float, int]:
    """The value rounded to `digits` significant digits (never fewer than its whole part), and the
    decimals that leaves."""
    if value == 0:
        return 0.0, 0
    whole_digits = int(math.floor(math.log10(abs(value)))) + 1
    decimals = max(0, digits - whole_digits)
    rounded = round(value, decimals)
    while decimals and round(rounded, decimals - 1) == rounded:
        decimals -= 1
    return rounded, decimals


def _plural(count: float, forms: tuple[str, str], lang: str) -> str:
    # French takes the plural from 2 on ("1,5 milliard"), English for anything but exactly 1.
    return forms[1] if (abs(count) >= 2 if lang == "fr" else abs(count) != 1) else forms[0]


# Scale words of large amounts, largest first: a suffix in English, a word (singular, plural) in French.
SCALES = {"en": ((1e12, "tn"), (1e9, "bn"), (1e6, "m")),
          "fr": ((1e9, ("milliard", "milliards")), (1e6, ("million", "millions")))}


def _scaled(value: float, lang: str) -> tuple[float, int, str | tuple[str, str] | None]:
    """A positive amount in the largest scale it reaches, to 4 significant digits, with the decimals
    to write and the scale's word; below a million, units and cents as written (¥137.80, not ¥138)."""
    for scale, word in SCALES[lang]:
        if value >= scale * 0.9995:  # what rounds up to one of the scale is written in it: €1bn, not €1,000m
            figure, decimals = _significant(value / scale)
            return figure, decimals, word
    figure = round(value, 2)
    return figure, 0 if figure == int(figure) else 2, None


def money(value: float, currency: str, lang: str) -> str:
    sign, value = ("-" if value < 0 else ""), abs(value)
    names = NAMES.get(currency)
    if 0 < value < 1 and currency in SUBUNITS:
        cents = number(round(value * 100, 1), lang)
        return sign + SUBUNITS[currency][lang == "fr"].format(cents)
    figure, decimals, word = _scaled(value, lang)
    written = number(figure, lang, decimals)
    if lang == "fr":
        if word:
            name = _plural(2, names[1], lang) if names else currency
            of = "d'" if name[0] in "aeiouyéèh" else "de "
            return f"{sign}{written} {_plural(figure, word, lang)} {of}{name}"
        return f"{sign}{written} {_plural(figure, names[1], lang) if names else currency}"
    written += word or ""
    if currency in SYMBOLS:
        return f"{sign}{SYMBOLS[currency]}{written}"
    name = _plural(2 if word else figure, names[0], lang) if names else None
    return f"{sign}{written} {name}" if name else f"{sign}{currency} {written}"


def money_range(low: float, high: float, currency: str, lang: str) -> str:
    """€2bn-€2.5bn | 2 à 2,5 milliards d'euros; one amount when both ends are the same."""
    if low == high:
        return money(high, currency, lang)
    if lang != "fr":
        return f"{money(low, currency, lang)}-{money(high, currency, lang)}"

    # "2 à 2,5 milliards d'euros": the low end's figure alone when both ends share their scale word.
    if low >= 0:
        low_figure, low_decimals, low_word = _scaled(low, lang)
        if low_word and low_word == _scaled(abs(high), lang)[2]:
            return f"{number(low_figure, lang, low_decimals)} à {money(high, currency, lang)}"
    return f"{money(low, currency, lang)} à {money(high, currency, lang)}"


def percent(value: float, lang: str) -> str:
    """15%, 43.4%, 0.25% | 15 %, 43,4 %: one decimal at most, two below 1%."""
    figure = round(value, 2 if abs(value) < 1 else 1)
    written = number(figure, lang, None if abs(value) < 1 else (0 if figure == int(figure) else 1))
    return f"{written} %" if lang == "fr" else f"{written}%"


def change(value: float, lang: str) -> str:
    """A signed percentage change: +76.8%, -5%."""
    return ("+" if round(value, 1) > 0 else "") + percent(value, lang)


def rate(value: float, base: str, quote: str, lang: str) -> str:
    """Units of `quote` for one `base`: 1.50 dollars per euro, 1,330 won per dollar."""
    figure, decimals = _significant(value, 3)
    decimals = max(decimals, 2) if abs(figure) < 10 else decimals
    written = number(figure, lang, decimals)
    if base in NAMES and quote in NAMES:
        quote_name = _plural(figure, NAMES[quote][lang == "fr"], lang)
        base_name = NAMES[base][lang == "fr"][0]
        return f"{written} {quote_name} {'par' if lang == 'fr' else 'per'} {base_name}"
    return f"{written} {quote} {'par' if lang == 'fr' else 'per'} {base}"


def pair(first: str, second: str) -> tuple[str, str]:
    """(base, quote) of two currencies in the market's convention: EUR/USD, GBP/USD, USD/JPY, USD/KRW."""
    def rank(code: str) -> tuple[int, str]:
        return (PAIR_ORDER.index(code) if code in PAIR_ORDER else len(PAIR_ORDER), code)
    return (first, second) if rank(first) <= rank(second) else (second, first)


def date(iso: str, lang: str, weekday: bool = True) -> str:
    """2025-06-12: Thursday 12 June 2025 | jeudi 12 juin 2025; --06-12: 12 June; 2025-06: June 2025."""
    parts = iso.removeprefix("--").split("-")
    year = "" if iso.startswith("--") else parts.pop(0)
    month = int(parts[0]) if parts else None
    day = int(parts[1]) if len(parts) > 1 else None
    written = []
    if day is not None:
        written.append("1er" if lang == "fr" and day == 1 else str(day))
    if month is not None:
        written.append(month_name(month, lang))
    if year:
        written.append(year)
    if weekday and year and month and day:
        try:
            written.insert(0, weekday_name(datetime.date(int(year), month, day).weekday(), lang))
        except ValueError:  # a date that does not exist has no weekday
            pass
    return " ".join(written)


def duration(value: float, unit: str, lang: str) -> str:
    forms = PERIODS[unit][lang == "fr"]
    return f"{number(value, lang)} {_plural(value, forms, lang)}"


@dataclass(frozen=True)
class Field:
    """A message field computed from a row of a relation's table: `kind` says how the value in
    column `value` is written; `currency` and `quote` name the columns a money amount or a rate needs.
    kind `figure` takes the kind from the row's own `kind` column (money or percent)."""

    kind: str
    value: str
    currency: str | None = None
    quote: str | None = None
    high: str | None = None  # a range's high end (kind money_range)

    @property
    def columns(self) -> set[str]:
        named = {c for c in (self.value, self.currency, self.quote, self.high) if c}
        return named | ({"kind"} if self.kind == "figure" else set())

    def render(self, row: dict[str, Any], lang: str) -> str:
        value = row[self.value]
        kind = row["kind"] if self.kind == "figure" else self.kind
        if kind == "money":
            return money(value, row[self.currency], lang)
        if kind == "money_range":
            return money_range(value, row[self.high], row[self.currency], lang)
        if kind == "percent":
            return percent(value, lang)
        if kind == "change":
            return change(value, lang)
        if kind == "rate":
            return rate(value, row[self.currency], row[self.quote], lang)
        if kind == "date":
            return date(value, lang, weekday=False)
        if kind == "weekday":
            return weekday_name(int(value), lang)
        if kind == "month":
            return month_name(int(value), lang)
        if kind == "year":
            return str(int(value))
        if kind == "duration":
            return duration(value, row[self.currency], lang)
        if kind == "number":
            return number(value, lang)
        raise ValueError(f"no way to write a {kind!r}")


KINDS = ("money", "money_range", "percent", "change", "rate", "date", "weekday", "month", "year", "duration", "number", "figure")
