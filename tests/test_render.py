"""Quantities written as a newsroom writes them, in English and French (checks.render)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks import render
from checks.model import LANGUAGES
from checks.render import Field


@pytest.mark.parametrize("value, currency, en, fr", [
    (1.5e9, "EUR", "€1.5bn", "1,5 milliard d'euros"),
    (225e6, "EUR", "€225m", "225 millions d'euros"),
    (50e9, "GBP", "£50bn", "50 milliards de livres"),
    (1500, "EUR", "€1,500", "1 500 euros"),
    (-3e9, "EUR", "-€3bn", "-3 milliards d'euros"),
    (0.5, "GBP", "50p", "50 pence"),
    (0.5, "USD", "50 cents", "50 cents"),
    (1330, "KRW", "1,330 won", "1 330 wons"),
    (1e9, "USD", "$1bn", "1 milliard de dollars"),  # not $1,000m
    (7e12, "USD", "$7tn", "7 000 milliards de dollars"),
    (12.5, "EUR", "€12.50", "12,50 euros"),
    (137.8, "JPY", "¥137.80", "137,80 yens"),  # a stated figure keeps its digits
    (2.5e9, "CHF", "2.5bn Swiss francs", "2,5 milliards de francs suisses"),
    (3e6, "XYZ", "XYZ 3m", "3 millions de XYZ"),
])
def test_money(value, currency, en, fr):
    assert (render.money(value, currency, "en"), render.money(value, currency, "fr")) == (en, fr)


def test_ranges_percentages_rates_dates_durations():
    assert render.money_range(2e9, 2.5e9, "EUR", "en") == "€2bn-€2.5bn"
    assert render.money_range(2e9, 2.5e9, "EUR", "fr") == "2 à 2,5 milliards d'euros"
    assert render.money_range(500e6, 1.5e9, "EUR", "fr") == "500 millions d'euros à 1,5 milliard d'euros"
    assert (render.percent(15, "en"), render.percent(43.4, "fr")) == ("15%", "43,4 %")
    assert (render.change(76.83, "en"), render.change(-5, "fr")) == ("+76.8%", "-5 %")
    # The market's convention: EUR/USD is dollars per euro, USD/KRW won per dollar.
    assert render.pair("USD", "EUR") == ("EUR", "USD") and render.pair("KRW", "USD") == ("USD", "KRW")
    assert render.rate(1.5, "EUR", "USD", "en") == "1.50 dollars per euro"
    assert render.rate(1330, "USD", "KRW", "en") == "1,330 won per dollar"
    assert render.rate(1.5, "EUR", "USD", "fr") == "1,50 dollar par euro"
    assert render.date("2025-06-12", "en") == "Thursday 12 June 2025"
    assert render.date("2025-06-12", "fr") == "jeudi 12 juin 2025"
    assert render.date("--06-01", "fr") == "1er juin"
    assert render.date("2024-02-30", "en") == "30 February 2024"  # no weekday for a date that does not exist
    assert (render.duration(23, "year", "en"), render.duration(1, "year", "fr")) == ("23 years", "1 an")


MAGNITUDES = st.one_of(st.floats(-1e15, 1e15, allow_nan=False), st.integers(-10**15, 10**15).map(float),
                       st.sampled_from([0.0, 0.004, 0.5, 0.9995, 1.0, 999.5, 999_999.9, 1e9 - 1, 1e12, -0.01]))
CURRENCIES = st.sampled_from([*render.NAMES, "XYZ", "BEF"])
LANGUAGE = st.sampled_from(LANGUAGES)
# What a newsroom never prints: exponents, long raw floats, a minus after the currency, nan or inf.
NEVER = re.compile(r"\d[eE][+-]?\d|\d[.,]\d{5,}|[€$£¥][-−]|nan|inf", re.IGNORECASE)


@given(MAGNITUDES, CURRENCIES, LANGUAGE)
def test_money_is_never_written_as_a_machine_would(value, currency, lang):
    written = render.money(value, currency, lang)
    assert not NEVER.search(written), written
    assert "-" not in written[1:] or "néo-zélandais" in written, written  # a sign goes first: -€3bn
    assert written.startswith("-") <= (value < 0), written


@given(MAGNITUDES, st.sampled_from(["percent", "change", "number", "year"]), LANGUAGE)
def test_figures_are_never_written_as_a_machine_would(value, kind, lang):
    if kind == "year":
        value = abs(value) % 3000
    written = Field(kind, "v").render({"v": value}, lang)
    assert not NEVER.search(written), written


@given(st.floats(1e-4, 1e6), st.sampled_from(list(render.NAMES)), st.sampled_from(list(render.NAMES)), LANGUAGE)
def test_rates_are_never_written_as_a_machine_would(value, base, quote, lang):
    written = render.rate(value, base, quote, lang)
    figure = written.split(" ")[0] if lang == "en" else written.split(" ", 1)[0]
    # Three significant digits, however small the rate (0.00781 yen... is no raw float).
    significant = re.sub(r"[^\d]", "", figure).lstrip("0")
    assert not re.search(r"\d[eE][+-]?\d|nan|inf", written, re.IGNORECASE), written
    assert len(significant) <= 3 or value >= 100, written


@given(st.dates(), LANGUAGE)
def test_dates_are_written_in_words(day, lang):
    written = render.date(day.isoformat(), lang)
    assert not re.search(r"\d{4}-\d\d", written) and str(day.year) in written
    assert written.split()[0] in [render.weekday_name(d, lang) for d in range(7)]
