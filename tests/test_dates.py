"""Dates, weekdays, years, relative periods, durations and ages, from real-sounding news sentences."""

import pytest

from checks.extract.dates import find_dates
from checks.words import load_words

WORDS = load_words()

KEYS = {"kind", "start", "end", "value", "unit", "date", "weekday"}


def fact(kind, value=None, unit=None, date=None, weekday=None):
    return {"kind": kind, "value": value, "unit": unit, "date": date, "weekday": weekday}


def found(text, lang):
    """(span text, fields) of every fact, checking the shape of each on the way."""
    facts = find_dates(text, WORDS[lang])
    starts = [f["start"] for f in facts]
    assert starts == sorted(starts)
    for before, after in zip(facts, facts[1:]):
        assert before["end"] <= after["start"]
    out = []
    for f in facts:
        assert set(f) == KEYS
        out.append((text[f["start"]:f["end"]], {k: v for k, v in f.items() if k not in ("start", "end")}))
    return out


# (sentence, lang, expected span, expected fields): the sentence holds exactly this one fact.
SINGLE = [
    # dates
    ("The results were published on 17 October 2022 in Paris.", "en",
     "17 October 2022", fact("date", 2022, date="2022-10-17")),
    ("The new brand will be present at the Paris Motor Show which opens its doors on October 17th.", "en",
     "October 17th", fact("date", date="--10-17")),
    ("The deal, signed October 17, 2022, was cleared by Brussels.", "en",
     "October 17, 2022", fact("date", 2022, date="2022-10-17")),
    ("Shareholders will vote on Oct. 17 at the annual meeting.", "en",
     "Oct. 17", fact("date", date="--10-17")),
    ("The strike is planned for Thursday, 12 June 2025, the union said.", "en",
     "Thursday, 12 June 2025", fact("date", 2025, date="2025-06-12", weekday=3)),
    ("Talks resume on Thursday 12 June in Brussels.", "en",
     "Thursday 12 June", fact("date", date="--06-12", weekday=3)),
    ("The board met on the 3rd of March to approve the plan.", "en",
     "3rd of March", fact("date", date="--03-03")),
    ("The accounts are dated 30 February 2025, which cannot be right.", "en",
     "30 February 2025", fact("date", 2025, date="2025-02-30")),
    ("Sales collapsed in October 2022 after the price rise.", "en",
     "October 2022", fact("date", 2022, date="2022-10")),
    ("Le salon ouvrira ses portes le 17 octobre 2022 porte de Versailles.", "fr",
     "17 octobre 2022", fact("date", 2022, date="2022-10-17")),
    ("La loi est entrée en vigueur le 1er juillet 2012.", "fr",
     "1er juillet 2012", fact("date", 2012, date="2012-07-01")),
    ("Le conseil d'administration se réunira lundi 17 octobre.", "fr",
     "lundi 17 octobre", fact("date", date="--10-17", weekday=0)),
    ("Le contrat a été signé le 12 févr. 2020 à Boulogne-Billancourt.", "fr",
     "12 févr. 2020", fact("date", 2020, date="2020-02-12")),
    ("La livraison est annoncée pour le 31 avril, une date qui n’existe pas.", "fr",
     "31 avril", fact("date", date="--04-31")),
    ("L'usine fermera le 3\u00a0sept. 2021.", "fr",
     "3\u00a0sept. 2021", fact("date", 2021, date="2021-09-03")),
    ("Le groupe a publié ses comptes le 17\u202foctobre.", "fr",
     "17\u202foctobre", fact("date", date="--10-17")),
    # weekdays
    ("The company will publish its figures on Monday.", "en", "Monday", fact("weekday", 0)),
    ("Le PDG s'est exprimé lundi dernier devant les syndicats.", "fr", "lundi", fact("weekday", 0)),
    # years
    ("In 2019, Renault was already using Google for its navigation systems.", "en",
     "2019", fact("year", 2019)),
    ("The group plans to start production in 2025 at its Douai plant.", "en", "2025", fact("year", 2025)),
    ("The carmaker wants to sell only electric cars by 2030.", "en", "2030", fact("year", 2030)),
    ("Analysts expect 2022's results to be weaker.", "en", "2022", fact("year", 2022)),
    ("Output has doubled since mid-2019 at the plant.", "en", "2019", fact("year", 2019)),
    ("Renault veut lancer la production en 2025 à Douai.", "fr", "2025", fact("year", 2025)),
    ("Le constructeur ne vendra plus que des voitures électriques d’ici 2030.", "fr",
     "2030", fact("year", 2030)),
    ("L'usine tourne au ralenti depuis fin 2019.", "fr", "2019", fact("year", 2019)),
    # relative
    ("To see how, next year, Renault will decide on the future of the plant.", "en",
     "next year", fact("relative", 1, "year")),
    ("Profits fell last year despite higher prices.", "en", "last year", fact("relative", -1, "year")),
    ("Margins should improve this year, the finance chief said.", "en",
     "this year", fact("relative", 0, "year")),
    ("The plant closed the following year.", "en", "the following year", fact("relative", 1, "year")),
    ("Sales were 12% higher than a year earlier.", "en", "a year earlier", fact("relative", -1, "year")),
    ("The model goes on sale next month.", "en", "next month", fact("relative", 1, "month")),
    ("Unions met management last week.", "en", "last week", fact("relative", -1, "week")),
    ("The alliance was reshaped two years ago.", "en", "two years ago", fact("relative", -2, "year")),
    ("Renault décidera l'an prochain de l'avenir du site.", "fr", "l'an prochain", fact("relative", 1, "year")),
    ("Les ventes reprendront l'année prochaine.", "fr", "l'année prochaine", fact("relative", 1, "year")),
    ("Le bénéfice a reculé l'an dernier.", "fr", "l'an dernier", fact("relative", -1, "year")),
    ("Le chiffre d'affaires a progressé l’année dernière.", "fr",
     "l’année dernière", fact("relative", -1, "year")),
    ("Les livraisons ont chuté l'an passé.", "fr", "l'an passé", fact("relative", -1, "year")),
    ("Le groupe vise une marge de 8 % cette année.", "fr", "cette année", fact("relative", 0, "year")),
    ("Le modèle sera commercialisé le mois prochain.", "fr",
     "le mois prochain", fact("relative", 1, "month")),
    ("L'usine avait été vendue il y a deux ans.", "fr", "il y a deux ans", fact("relative", -2, "year")),
    # durations
    ("The Renault-Nissan Alliance, which has been in place for 23 years, is being rebalanced.", "en",
     "23 years", fact("duration", 23.0, "year")),
    ("The two groups have been partners for two years now.", "en",
     "two years", fact("duration", 2.0, "year")),
    ("Negotiations lasted six months.", "en", "six months", fact("duration", 6.0, "month")),
    ("Prices have not risen this much in a decade.", "en", "a decade", fact("duration", 10.0, "year")),
    ("The works will take two and a half years.", "en",
     "two and a half years", fact("duration", 2.5, "year")),
    ("L'alliance est en place depuis 23 ans.", "fr", "23 ans", fact("duration", 23.0, "year")),
    ("Le site restera fermé pendant deux ans.", "fr", "deux ans", fact("duration", 2.0, "year")),
    ("La grève a duré trois mois.", "fr", "trois mois", fact("duration", 3.0, "month")),
    ("Le marché a stagné pendant une décennie.", "fr", "une décennie", fact("duration", 10.0, "year")),
    ("Il dirige l'entreprise depuis vingt-deux ans.", "fr", "vingt-deux ans", fact("duration", 22.0, "year")),
    ("Les travaux dureront deux ans et demi.", "fr", "deux ans et demi", fact("duration", 2.5, "year")),
    # ages
    ("It is a small city car accessible from the age of 14.", "en", "age of 14", fact("age", 14, "year")),
    ("Drivers aged 14 can use it without a licence.", "en", "aged 14", fact("age", 14, "year")),
    ("The car can be driven by a 14-year-old.", "en", "14-year-old", fact("age", 14, "year")),
    ("He left school at 16 and was 14 years old when he started.", "en",
     "14 years old", fact("age", 14, "year")),
    ("Elle a créé son entreprise à l'âge de 14 ans.", "fr", "âge de 14 ans", fact("age", 14, "year")),
    ("Le conducteur, âgé de 14 ans, n'a pas été blessé.", "fr", "âgé de 14 ans", fact("age", 14, "year")),
    ("La passagère, âgée de 14 ans, a été hospitalisée.", "fr", "âgée de 14 ans", fact("age", 14, "year")),
    ("La voiturette est accessible dès 14 ans.", "fr", "14 ans", fact("age", 14, "year")),
    ("Un garçon de 15 ans a été interpellé.", "fr", "15 ans", fact("age", 15, "year")),
]


@pytest.mark.parametrize("text, lang, span, fields", SINGLE)
def test_single_fact(text, lang, span, fields):
    assert found(text, lang) == [(span, fields)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The plan puts 2,000 jobs at risk.", "en"),
        ("Le plan menace 1500 salariés.", "fr"),
        ("The prototype is priced at €2019.", "en"),
        ("The meeting took place in room 2019.", "en"),
        ("Euro 7 emissions rules will apply to all new cars.", "en"),
        ("Covid-19 disrupted supply chains.", "en"),
        ("The airline ordered more of the A320.", "en"),
        ("The figures are on page 12 of the report.", "en"),
        # A count after a cue is still a count.
        ("The retailer operates in 2000 stores.", "en"),
        ("Le réseau compte désormais plus de 1800 points de vente en 2000 communes.", "fr"),
        ("The bill came to 2019 euros.", "en"),
        ("Growth reached 2019% on paper.", "en"),
        ("The index stood at 1999.5 in the year.", "en"),
        ("The budget ranges from 1500 to 2000 dollars.", "en"),
        # A month name alone is not extracted.
        ("Sales fell sharply last February.", "en"),
        ("You may 2019 find this odd.", "en"),
        # A rate is not a duration; "cette année-là" is a year already named; "the last year" is a period.
        ("The plant builds 20,000 cars a year.", "en"),
        ("Cette année-là, le groupe a changé de PDG.", "fr"),
        ("Prices have risen over the last year.", "en"),
        ("The Sunday Times first reported the deal.", "en"),
        ("Selon le Journal du dimanche, l'accord est proche.", "fr"),
        ("Les ventes des années 2000 ont été décevantes.", "fr"),
    ],
)
def test_nothing(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Output rose between 2019 and 2022.", "en",
         [("2019", fact("year", 2019)), ("2022", fact("year", 2022))]),
        ("Les ventes ont doublé de 2019 à 2022.", "fr",
         [("2019", fact("year", 2019)), ("2022", fact("year", 2022))]),
        # A season or financial year is told by its start.
        ("Revenue fell in 2019-20.", "en", [("2019", fact("year", 2019))]),
        # Backwards is not a range.
        ("The figures run from 2019 to 2018.", "en", []),
        ("Renault, which turned 14-year-old models into scrap in 2019, sold 2,000 cars last week.", "en",
         [("14-year-old", fact("age", 14, "year")), ("2019", fact("year", 2019)),
          ("last week", fact("relative", -1, "week"))]),
        ("Le 1er juillet 2012, lundi dernier et depuis 23 ans : trois faits.", "fr",
         [("1er juillet 2012", fact("date", 2012, date="2012-07-01")),
          ("lundi", fact("weekday", 0)),
          ("23 ans", fact("duration", 23.0, "year"))]),
    ],
)
def test_several_facts(text, lang, expected):
    assert found(text, lang) == expected


def test_offsets_point_at_the_text():
    text = "Depuis 2019, l’usine de Douai produit la Zoé ; dès 14 ans, on peut la conduire."
    facts = find_dates(text, WORDS["fr"])
    assert [(f["start"], f["end"]) for f in facts] == [(7, 11), (51, 57)]
    assert [text[f["start"]:f["end"]] for f in facts] == ["2019", "14 ans"]


def test_long_text_is_fast():
    # No catastrophic backtracking on long runs of number words, figures or spaces.
    import time

    text = "one two three " * 3000 + " " * 20000 + "2019 " * 5000 + "l'" * 10000
    t0 = time.perf_counter()
    for lang in ("en", "fr"):
        find_dates(text, WORDS[lang])
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dates_found_at_candidate_positions_are_those_a_full_scan_finds(lang, monkeypatch):
    """find_dates tries each pattern only where the scanner says a match may start, never skipping one."""
    import random

    from checks.extract import dates

    pieces = ["Monday, 12 June 2025", "the 17th of Oct.", "October 17th", "Sept. 3", "may 2019", "March 2019",
              "2022-10-17", "the following year", "the year before last", "next month", "last week", "two years ago",
              "a year earlier", "for a year", "a decade", "twenty-one and a half years", "a hundred days", "age of 14",
              "aged 18 to 25", "age 9", "14-year-old", "5 years of age", "in 2019", "since 2019-20", "Q4 2022",
              "mid-2019", "2022's", "Mail on Sunday", "Friday Times", "1er juillet 2012", "lundi 17 août", "17/10/2022",
              "mars 2020", "l'an prochain", "l’année dernière", "le mois passé", "la semaine d’après", "cette année-ci",
              "ce mois-ci", "il y a deux ans", "3 mois plus tôt", "vingt et un ans et demi", "âge de 7 ans",
              "âgées de 14 à 16 ans", "agee de 3 ans", "dès 14 ans", "à partir de 6 ans", "enfants de 10 ans",
              "d'ici à 2030", "fin-2019", "début 2020", "Journal du Dimanche", "Dimanche Ouest", "the year before laſt",
              "İn 2019", "2 weeKs ago", "٣ years", "٢٠٢٢-10-17", "la ſemaine prochaine", "le moiſ dernier", "ÉTÉ 2019",
              "é", "œ", "\u0301", "«", "’", "£", "x", "_", "the", "a", "an", "le", "la", "l'", "de", "year", "ans",
              "2019", "5", "10,5", "1.5", "NEXT"]
    rng = random.Random(7)
    for reach in (dates._REACH, 3):  # 3: far from its `ahead` word, a pattern is searched for instead
        monkeypatch.setattr(dates, "_REACH", reach)
        for _ in range(1500):
            text = "".join(rng.choice(pieces) + rng.choice(["", " ", "  ", ", ", "-", "\u00a0", "\u202f", "\n"])
                           for _ in range(rng.randint(1, 6)))
            expected = [[m.span() for m in p.compiled.finditer(text)] for p in dates._patterns(WORDS[lang])]
            assert [[m.span() for m in ms] for ms in dates._matches(text, WORDS[lang])] == expected, text


@pytest.mark.parametrize("text, lang, value", [("the year before laſt", "en", -2), ("il y a dix anſ", "fr", -10),
                                                ("5 wee\u212aS ago", "en", -5)])
def test_letters_regex_matches_regardless_of_case_are_read_too(text, lang, value):
    """"ſ" and the Kelvin sign match s and k under IGNORECASE: their words are looked up as s and k."""
    assert [(d["kind"], d["value"]) for d in find_dates(text, WORDS[lang])] == [("relative", value)]
