"""The facts table: English and French figures, money, ranges, and their cues, from real sentences."""

import pytest

from checks.extract import numbers
from checks.extract.text import detect_language, fold
from checks.source import Document
from conftest import FIXTURES


def facts(checker, text, lang=None):
    f = checker.extractor.extract([Document(0, "t", text)], lang).facts
    return f[f["kind"] != "entity"].reset_index(drop=True)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("1,200", "en", (1200, 0)),
        ("1,200", "fr", (1.2, 3)),
        ("1.200", "fr", (1200, 0)),
        ("1.5", "en", (1.5, 1)),
        ("1,5", "fr", (1.5, 1)),
        ("1,5", "en", (1.5, 1)),
        ("1 200", "fr", (1200, 0)),
        ("1\u202f200,50", "fr", (1200.5, 2)),
        ("1,234,567.89", "en", (1234567.89, 2)),
        ("1.234.567,8", "fr", (1234567.8, 1)),
    ],
)
def test_parse_number(text, lang, expected):
    value, decimals = numbers.parse_number(text, lang)
    assert (value, decimals) == pytest.approx(expected)


@pytest.mark.parametrize(
    "sentence, lang, text, kind, low, high, currency",
    [
        ("Nissan would take a 15% stake in Ampère.", "en", "15%", "percent", 15, 15, ""),
        ("Nissan prendrait 15 % d'Ampère.", "fr", "15 %", "percent", 15, 15, ""),
        ("Nissan prendrait 15\u00a0% d'Ampère.", "fr", "15\u00a0%", "percent", 15, 15, ""),
        ("Nissan prendrait 15\u202f% d'Ampère.", "fr", "15\u202f%", "percent", 15, 15, ""),
        ("Inflation rose to 2.5 per cent in May.", "en", "2.5 per cent", "percent", 2.5, 2.5, ""),
        ("L'inflation a atteint 2,5 pour cent en mai.", "fr", "2,5 pour cent", "percent", 2.5, 2.5, ""),
        ("Ampère must be valued at 10 billion euros.", "en", "10 billion euros", "money", 1e10, 1e10, "EUR"),
        ("Nissan would pay €1.5bn for the stake.", "en", "€1.5bn", "money", 1.5e9, 1.5e9, "EUR"),
        ("Profits jumped to $1.13bn from $639m.", "en", "$1.13bn", "money", 1.13e9, 1.13e9, "USD"),
        ("The deal is worth £600m to the group.", "en", "£600m", "money", 6e8, 6e8, "GBP"),
        ("It raised US$ 3bn from investors.", "en", "US$ 3bn", "money", 3e9, 3e9, "USD"),
        ("The group raised EUR 2.5 billion in bonds.", "en", "EUR 2.5 billion", "money", 2.5e9, 2.5e9, "EUR"),
        ("Nissan paierait 1,5 milliard d'euros.", "fr", "1,5 milliard d'euros", "money", 1.5e9, 1.5e9, "EUR"),
        ("Ampère serait valorisé à 10 milliards d’euros.", "fr", "10 milliards d’euros", "money", 1e10, 1e10, "EUR"),
        ("Le projet coûte 3 Md€ au total.", "fr", "3 Md€", "money", 3e9, 3e9, "EUR"),
        ("Le loyer atteint 1 200 euros par mois.", "fr", "1 200 euros", "money", 1200, 1200, "EUR"),
        ("Nissan would take a stake, between 1 and 1.5 billion euros.", "en",
         "between 1 and 1.5 billion euros", "money", 1e9, 1.5e9, "EUR"),
        ("Nissan would pay €1-1.5bn for the stake.", "en", "€1-1.5bn", "money", 1e9, 1.5e9, "EUR"),
        ("Nissan would pay $1bn-$2bn for the stake.", "en", "$1bn-$2bn", "money", 1e9, 2e9, "USD"),
        ("Nissan paierait entre 1 et 1,5 milliard d'euros.", "fr",
         "entre 1 et 1,5 milliard d'euros", "money", 1e9, 1.5e9, "EUR"),
        ("Nissan paierait de 1 à 1,5 milliard d'euros.", "fr",
         "de 1 à 1,5 milliard d'euros", "money", 1e9, 1.5e9, "EUR"),
        ("Shares fell between 10% and 15% on the news.", "en", "between 10% and 15%", "percent", 10, 15, ""),
        ("Margins were 5-7% last year.", "en", "5-7%", "percent", 5, 7, ""),
    ],
)
def test_figures(checker, sentence, lang, text, kind, low, high, currency):
    f = facts(checker, sentence, lang)
    row = f[f["text"] == text]
    assert len(row) == 1, f["text"].tolist()
    row = row.iloc[0]
    assert sentence[row["start"]:row["end"]] == text
    assert (row["kind"], row["low"], row["high"], row["currency"]) == (kind, pytest.approx(low), pytest.approx(high), currency)


def test_numbers_without_a_unit_are_not_money(checker):
    f = facts(checker, "Between 2019 and 2020 the plant made 300,000 cars in 3 shifts.", "en")
    assert f.empty


@pytest.mark.parametrize(
    "sentence, lang, text, role",
    [
        ("Renault carries its 44% stake in Nissan like a weight.", "en", "44%", "share"),
        ("Renault and Alpine hold 20% of the capital of the young company.", "en", "20%", "share"),
        ("Profits rose 140% to $1.2bn.", "en", "140%", "change"),
        ("Cairn's shares have jumped by almost 400% this year.", "en", "400%", "change"),
        ("Renault détient 43,4 % du capital de Nissan.", "fr", "43,4 %", "share"),
        ("Les ventes sont en hausse de 12 % sur un an.", "fr", "12 %", "change"),
        ("Ampère must be valued at 10 billion euros.", "en", "10 billion euros", "valuation"),
        ("Ampère serait valorisé à 10 milliards d'euros.", "fr", "10 milliards d'euros", "valuation"),
        ("The plant cost 10 billion euros.", "en", "10 billion euros", ""),
    ],
)
def test_roles_from_cue_words(checker, sentence, lang, text, role):
    f = facts(checker, sentence, lang)
    assert f.loc[f["text"] == text, "role"].tolist() == [role]


def test_tolerance_is_half_a_unit_of_the_last_digit(checker):
    f = facts(checker, "It is valued at 10 billion euros, or €1.25bn a share, between 1 and 1.5 billion euros.", "en")
    assert f["tolerance"].tolist() == pytest.approx([0.5e9, 0.005e9, 0.05e9])


def test_sentence_and_paragraph_indexes(checker):
    text = "Renault holds 44% of Nissan. It wants 15%.\n\nNissan holds 15% of Renault."
    f = facts(checker, text, "en")
    assert f["sentence"].tolist() == [0, 1, 2]
    assert f["paragraph"].tolist() == [0, 0, 1]


def test_language_detection():
    assert detect_language((FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")) == "en"
    assert detect_language("Renault prépare Ampère, sa métamorphose. Le groupe a annoncé que les ventes sont en hausse.") == "fr"


def test_fold_makes_spellings_of_one_name_equal():
    assert fold("Ampère") == fold("Ampere") == fold("AMPERE")
    assert fold("Mercedes-Benz") == fold("Mercedes Benz")
    assert fold("Škoda") == fold("Skoda")
    assert fold("Verkor") != fold("Vektor")
