"""The facts table: English and French figures, money, ranges, and their cues, from real sentences."""

import pytest
import regex

from checks.extract import numbers
from checks.extract.cues import find_cues
from checks.extract.text import alternation, detect_language, fold
from checks.model import Document
from checks.words import load_words
from conftest import FIXTURES

WORDS = load_words()

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
    value, decimals = numbers.parse_number(text, WORDS[lang])
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
        ("Eight ministers had received five million yen from the company.", "en", "five million yen", "money", 5e6, 5e6, "JPY"),
        ("The state will inject two billion euros into the carmaker.", "en", "two billion euros", "money", 2e9, 2e9, "EUR"),
        ("L'Etat injectera deux milliards d'euros dans le constructeur.", "fr", "deux milliards d'euros", "money", 2e9, 2e9, "EUR"),
        ("Les ministres ont reçu cinq millions de yens.", "fr", "cinq millions de yens", "money", 5e6, 5e6, "JPY"),
        ("Shares in Exel closed at 873p on Tuesday.", "en", "873p", "money", 8.73, 8.73, "GBP"),
        ("The December contract rose 1.20 cents.", "en", "1.20 cents", "money", 0.012, 0.012, "USD"),
        ("It will pay a 12-cent-a-share dividend.", "en", "12-cent", "money", 0.12, 0.12, "USD"),
        ("The charge of C$300 million hit earnings.", "en", "C$300 million", "money", 3e8, 3e8, "CAD"),
        ("Exports fell to HK$10.05 billion.", "en", "HK$10.05 billion", "money", 1.005e10, 1.005e10, "HKD"),
        ("It was fined 10,000 Swiss francs by Uefa.", "en", "10,000 Swiss francs", "money", 1e4, 1e4, "CHF"),
        ("Il a été condamné à 10 000 francs suisses d'amende.", "fr", "10 000 francs suisses", "money", 1e4, 1e4, "CHF"),
        ("The project costs CHF 450m in total.", "en", "CHF 450m", "money", 4.5e8, 4.5e8, "CHF"),
        ("Tata bought the unit for ¥38bn.", "en", "¥38bn", "money", 3.8e10, 3.8e10, "JPY"),
        ("La charge de 300 millions de $ c pèse sur les comptes.", "fr", "300 millions de $ c", "money", 3e8, 3e8, "CAD"),
        ("Le dîner coûte 63,45 $ à New York.", "fr", "63,45 $", "money", 63.45, 63.45, "USD"),
        ("Le projet a coûté 125.000,50 $ au total.", "fr", "125.000,50 $", "money", 125000.5, 125000.5, "USD"),
        ("Le contrat vaut 1,2 M€ par an.", "fr", "1,2 M€", "money", 1.2e6, 1.2e6, "EUR"),
        ("Inflation was 2.1 pct in May.", "en", "2.1 pct", "percent", 2.1, 2.1, ""),
        ("Twenty percent of the staff will go.", "en", "Twenty percent", "percent", 20, 20, ""),
        ("Vingt pour cent des salariés partiront.", "fr", "Vingt pour cent", "percent", 20, 20, ""),
        ("Les ventes ont progressé de 4,8 pourcents.", "fr", "4,8 pourcents", "percent", 4.8, 4.8, ""),
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


def figures(checker, text, lang):
    f = facts(checker, text, lang)
    return f[f["kind"].isin(["money", "percent", "points", "fraction"])]


def test_numbers_without_a_unit_are_not_money(checker):
    f = facts(checker, "Between 2019 and 2020 the plant made 300,000 cars in 3 shifts.", "en")
    assert f["kind"].tolist() == ["year", "year"]


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


def test_near_cues_are_whole_words_within_their_window():
    en = WORDS["en"]
    window = " " * (en.near_cues["valuation"] - len("valued at"))
    assert find_cues("Ampère is valued at" + window, "", en) == ["valuation"]
    assert find_cues("Ampère is valued at" + window + " ", "", en) == []  # too far back
    assert find_cues("Ampère was revalued at" + window, "", en) == []  # "valued at" is cut from a longer word


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


@pytest.mark.parametrize(
    "sentence, lang, text, value, unit",
    [
        ("Unemployment rose 0.3 percentage points to 5.2%.", "en", "0.3 percentage points", 0.3, "pp"),
        ("Le chômage a augmenté de 0,3 point de pourcentage.", "fr", "0,3 point de pourcentage", 0.3, "pp"),
        ("The bank raised rates by 25 basis points.", "en", "25 basis points", 25, "bp"),
        ("Its share of the vote rose 3 points.", "en", "3 points", 3, "points"),
        ("Sa part a progressé de 3 points.", "fr", "3 points", 3, "points"),
    ],
)
def test_points_are_kept_apart_from_percent(checker, sentence, lang, text, value, unit):
    row = facts(checker, sentence, lang).set_index("text").loc[text]
    assert (row["kind"], row["value"], row["unit"]) == ("points", pytest.approx(value), unit)


@pytest.mark.parametrize(
    "sentence, lang, text, value",
    [
        ("Renault holds a third of the capital of the young company.", "en", "a third", 1 / 3),
        ("Nissan would sell half of its shares.", "en", "half", 1 / 2),
        ("Two thirds of the staff agreed.", "en", "Two thirds", 2 / 3),
        ("Renault détient un tiers du capital.", "fr", "un tiers", 1 / 3),
        ("Nissan céderait la moitié de ses parts.", "fr", "la moitié", 1 / 2),
    ],
)
def test_fractions_of_a_whole(checker, sentence, lang, text, value):
    row = facts(checker, sentence, lang).set_index("text").loc[text]
    assert (row["kind"], row["value"]) == ("fraction", pytest.approx(value))


def test_a_half_year_is_not_a_fraction(checker):
    assert figures(checker, "Profits rose in the first half of the year.", "en").empty
    assert figures(checker, "Les ventes ont reculé au premier semestre, dans la première moitié de l'année.", "fr").empty


@pytest.mark.parametrize(
    "sentence, lang, text, hedge",
    [
        ("Nissan would pay about €1.5bn for the stake.", "en", "€1.5bn", "about"),
        ("The deal is worth up to $75m.", "en", "$75m", "up to"),
        ("It employs nearly 30% of the town.", "en", "30%", "nearly"),
        ("Nissan paierait environ 1,5 milliard d'euros.", "fr", "1,5 milliard d'euros", "environ"),
        ("Le contrat vaut près de 3 millions d'euros.", "fr", "3 millions d'euros", "près de"),
        ("Le coût pourrait atteindre jusqu'à 2 milliards d'euros.", "fr", "2 milliards d'euros", "jusqu'à"),
        ("Nissan would pay €1.5bn for the stake.", "en", "€1.5bn", ""),
    ],
)
def test_hedges(checker, sentence, lang, text, hedge):
    assert facts(checker, sentence, lang).set_index("text").loc[text, "hedge"] == hedge


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("He will try 5 times before the meeting at 10 p.m.", "en"),
        ("The Airbus A320 and the Galaxy S24 meet Euro 7 rules.", "en"),
        ("Covid-19 hit 2,000 jobs in 2020.", "en"),
        ("Il y a 3 ans, 1 500 salariés travaillaient ici.", "fr"),
    ],
)
def test_no_invented_figures(checker, sentence, lang):
    assert figures(checker, sentence, lang).empty


def test_relative_years_are_anchored_to_the_publication_date(checker):
    text = "17 October 2022. Renault will decide next year; last year it sold less."
    f = checker.extractor.extract([Document(0, "t", text)], "en").facts
    assert f.loc[f["kind"] == "relative", ["text", "date"]].values.tolist() == [["next year", "2023"], ["last year", "2021"]]
    f = checker.extractor.extract([Document(0, "t", "L'an prochain, Renault décidera.")], "fr", "2012-05-22").facts
    assert f.loc[f["kind"] == "relative", "date"].tolist() == ["2013"]


@pytest.mark.parametrize("part_size", [2048, 3])  # one part per worker, or several
def test_a_large_batch_is_split_across_cores_with_the_same_facts_tables_and_findings(checker, monkeypatch, part_size):
    import checks.api as api

    seed = (FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")
    docs = [Document(i, f"d{i}", seed if i % 2 else seed.replace("Vektor", "Verkor")) for i in range(12)]
    monkeypatch.setattr(api, "PARALLEL_BATCH", 4)  # 12 documents: split in two
    monkeypatch.setattr(api, "PART_SIZE", part_size)
    parallel, parallel_tables = checker._extract_and_relate_while_gx_loads(docs)
    serial = checker.extractor.extract(docs)
    assert parallel.facts.equals(serial.facts) and parallel.documents.equals(serial.documents)
    assert parallel.paragraphs.equals(serial.paragraphs)
    for name, table in checker.relate(serial).items():
        assert parallel_tables[name].reset_index(drop=True).equals(table.reset_index(drop=True)), name
    assert sorted(parallel.facts["doc_id"].unique()) == list(range(12))


@pytest.mark.parametrize("flags", [0, regex.IGNORECASE])
def test_a_trie_alternation_matches_what_a_longest_first_alternation_matches(flags):
    """Words that are prefixes of others, spaces, accents and case: the same matches, in the same
    places, as the plain alternation, including where what follows decides (backtracking)."""
    import random

    rng = random.Random(3)
    letters = ["a", "b", "é", "E", " ", ".", "-"]
    for _ in range(400):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))}
        plain = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        text = "".join(rng.choice(letters + ["x"]) for _ in range(60))
        for tail in ["", r"(?![a-z])", r"(?=b)"]:
            expected = [m.span() for m in regex.finditer(f"(?:{plain}){tail}", text, flags)]
            assert [m.span() for m in regex.finditer(f"(?:{alternation(words)}){tail}", text, flags)] == expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_figures_found_at_candidate_positions_are_those_a_full_scan_finds(lang):
    """find_figures skips positions no figure can start at; it must never skip one that can."""
    import random

    pieces = ["€1.5bn", "ten", "US $5", "us\u00a0$3", "d'euros", "½", "٣٤", "between 2 and 3", "1,5 milliard",
              "15 %", "five percent", "a third of", "CHF 20", "eur 100", "SFr. 9", "Rs. 40", "£", "$", "¥12",
              "often", "someone", "v.5", ".5", ",25", "x2", "_3", "-4", "(7)", "«8»", "l'an", "3e", "1er", "nbsp",
              " ", " ", "\u202f", "\n", "é", "É10", "ten-year", "minus 3%", "per cent", "pour cent", "C $4",
              # Start words that need the word after them, and start words with a letter not ASCII.
              "a-quarter of", "A\u00a0fifth of", "a lot", "la moitié de", "moitié du", "la", "zéro", "de 4 à 5 %",
              "entre 2 et 3 millions d'euros", "D'un"]
    rng = random.Random(7)
    pattern = numbers.pattern(WORDS[lang])
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", ", ", "-"]) for _ in range(rng.randint(1, 8)))
        assert [m.span() for m in numbers.find_figures(text, WORDS[lang])] == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("text, lang, expected", [
    ("Le chiffre d'affaires atteint 1,2 milliard d'euros, contre 1,1 milliard un an plus tôt.", "fr",
     [("1,2 milliard d'euros", "EUR"), ("1,1 milliard", "EUR")]),
    ("Net income was 4.3bn rupees ($98m; £52m), against 2.7bn a year earlier.", "en",
     [("4.3bn rupees", "INR"), ("$98m", "USD"), ("£52m", "GBP"), ("2.7bn", "INR")]),
    # A unit we do not know after it, or no amount with a currency before it: not money.
    ("Profit was 9.5bn kronor ($1.3bn) against 6.3bn kronor last year.", "en", [("$1.3bn", "USD")]),
    ("Output rose to 5 million, against 4 million last year.", "en", []),
])
def test_an_amount_compared_with_another_takes_its_currency(checker, text, lang, expected):
    _, facts, _ = checker.extractor.document(Document(0, "t", text), lang, "")
    assert [(f["text"], f["currency"]) for f in facts if f["kind"] == "money"] == expected
