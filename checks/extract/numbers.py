"""Percentages and amounts of money, single or ranges, in English and French conventions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

SCALES = {
    "en": {
        "k": 1e3, "thousand": 1e3,
        "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
        "bn": 1e9, "bln": 1e9, "billion": 1e9, "billions": 1e9,
        "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
    },
    "fr": {
        "k": 1e3, "mille": 1e3,
        "m": 1e6, "million": 1e6, "millions": 1e6,
        "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "milliard": 1e9, "milliards": 1e9,
        "bn": 1e9,
        # In French a "billion" is a million million.
        "billion": 1e12, "billions": 1e12,
    },
}

CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us dollars": "USD", "dollars américains": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "livre": "GBP", "livres": "GBP", "livres sterling": "GBP",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY", "yens": "JPY",
    "chf": "CHF", "swiss franc": "CHF", "swiss francs": "CHF", "franc suisse": "CHF", "francs suisses": "CHF",
    "cny": "CNY", "yuan": "CNY", "yuans": "CNY",
}

# Spaces that may sit between a figure and its unit: normal, no-break, narrow no-break.
_S = r"[ \u00a0\u202f]"
_PREFIX = r"(?:US\$|\$|€|£|¥|EUR|USD|GBP|JPY|CHF|CNY)"
_SUFFIX = (
    r"(?:€|\$|£|¥|EUR|USD|GBP|JPY|CHF|CNY"
    r"|(?i:(?:US|Swiss)\s(?:dollars?|francs?)|euros?|dollars?(?:\saméricains)?|pounds?(?:\ssterling)?|sterling"
    r"|livres?(?:\ssterling)?|yens?|yuans?|francs?\ssuisses?))"
)
_PERCENT = rf"(?:{_S}?%|{_S}(?:per{_S}?cent|percent|pour{_S}?cent|pct)\b)"


@cache
def _number(lang: str) -> str:
    # Thousands grouped by commas, dots or no-break spaces; French also groups with plain spaces.
    space = r"[ \u00a0\u202f]" if lang == "fr" else r"[\u00a0\u202f]"
    return (
        rf"(?<![\p{{L}}\p{{N}}.,])"
        rf"(?:\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{space}\d{{3}})+)(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
        rf"(?!\d)"
    )


@cache
def _scale(lang: str) -> str:
    words = sorted((w for w in SCALES[lang] if len(w) > 2), key=len, reverse=True)
    # Short scales stick to the figure ("$75m", "€1.5bn"); words may stand apart ("1.5 billion").
    return rf"(?:{_S}?(?:bn|mn|mln|bln|tn|Mds?|Mrds?|md)(?!\p{{L}})|(?:m|k|M)(?!\p{{L}})|{_S}(?i:{'|'.join(words)})(?!\p{{L}}))"


@cache
def pattern(lang: str) -> regex.Pattern:
    num, scale = _number(lang), _scale(lang)
    of = r"(?:{s}de{s}|{s}d['’]|{s})".format(s=_S) if lang == "fr" else _S
    # One end of an amount: optional currency before, figure, optional scale, optional currency after.
    end = rf"(?:{_PREFIX}{_S}?)?{num}(?:{scale})?(?:{of}?{_SUFFIX}(?!\p{{L}}))?"
    money = (
        rf"(?:(?P<cur_pre>{_PREFIX}){_S}?(?P<num>{num})(?P<scale>{scale})?"
        rf"|(?P<num>{num})(?P<scale>{scale})?{of}?(?P<cur_post>{_SUFFIX})(?!\p{{L}}))"
    )
    def range_of(low: str) -> str:
        if lang == "fr":
            words = rf"(?:entre|de|d['’]){_S}+(?P<low>{low}){_S}+(?:et|à){_S}+"
        else:
            words = rf"between{_S}+(?P<low>{low}){_S}+and{_S}+"
        return rf"(?:{words}|(?P<low>{low}){_S}?[-–]{_S}?)"

    return regex.compile(
        rf"""
        (?P<percent_range>{range_of(rf"{num}(?:{_PERCENT})?")}(?P<high>{num}{_PERCENT}))
        |(?P<money_range>{range_of(end)}(?P<high>{money}|(?P<num>{num})(?P<scale>{scale})?))
        |(?P<money>{money})
        |(?P<percent>(?P<num>{num}){_PERCENT})
        |(?P<points>(?P<num>{num}){_S}(?:percentage{_S}points?|points?{_S}de{_S}pourcentage))
        """,
        regex.VERBOSE,
    )


@dataclass
class Amount:
    value: float
    tolerance: float  # half a unit of the last digit written, in the same unit as value
    currency: str = ""


def parse_number(text: str, lang: str) -> tuple[float, int]:
    """Value and number of decimals of a figure written in English or French conventions."""
    s = regex.sub(r"[ \u00a0\u202f]", "", text)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        parts = s.split(sep)
        # A single group of exactly three digits is thousands in the convention that groups with it.
        grouping = len(parts) > 2 or (len(parts[1]) == 3 and (sep == ",") == (lang == "en"))
        decimal = None if grouping else sep
    else:
        decimal = None
    if decimal is None:
        return float(regex.sub(r"[,.]", "", s)), 0
    whole, _, frac = s.rpartition(decimal)
    whole = regex.sub(r"[,.]", "", whole)
    return float(f"{whole}.{frac}"), len(frac)


def currency_code(text: str | None) -> str:
    if not text:
        return ""
    key = regex.sub(r"\s+", " ", text.strip()).lower()
    return CURRENCIES.get(key, "")


def scale_factor(text: str | None, lang: str) -> float:
    if not text:
        return 1.0
    key = text.strip(" \u00a0\u202f")
    if key == "M":  # "M€", "15 M$": million in both languages
        return 1e6
    return SCALES[lang].get(key.lower(), 1.0)


def amount(num: str, scale: str | None, lang: str, currency: str = "") -> Amount:
    value, decimals = parse_number(num, lang)
    factor = scale_factor(scale, lang)
    return Amount(value * factor, 0.5 * 10.0**-decimals * factor, currency)


@cache
def _end_parts(lang: str) -> regex.Pattern:
    """Splits one end of a range into its currency, figure and scale."""
    num, scale = _number(lang), _scale(lang)
    return regex.compile(
        rf"(?P<cur_pre>{_PREFIX})?{_S}?(?P<num>{num})(?P<scale>{scale})?.*?(?P<cur_post>{_SUFFIX})?$"
    )


def first_number(text: str, lang: str) -> str:
    return regex.search(_number(lang), text).group()


def range_low(text: str, lang: str, high_scale: str | None, high_currency: str) -> Amount:
    """The low end of a range: what it does not say, it shares with the high end ("€1-1.5bn")."""
    m = _end_parts(lang).match(text)
    scale = m.group("scale") or high_scale
    currency = currency_code(m.group("cur_pre") or m.group("cur_post")) or high_currency
    return amount(m.group("num"), scale, lang, currency)
