"""Entity checks: newsroom registries, traps that must stay quiet, and text that hides names."""

import json

import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.model import Document


def entity_findings(checker, text):
    return [(f.rule, f.text, f.suggestion) for f in checker.check_texts([text]).findings
            if f.category in ("entity-spelling", "entity-consistency")]


def run(*args, input=None):
    result = CliRunner().invoke(main, ["--format", "json", *args], input=input)
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


HOUSE_YAML = """
entities:
  - name: Grenoble Batteries
    kind: company
    examples:
      pass: ["Grenoble Batteries opened a plant."]
      fail: [{text: "Grenobel Batteries opened a plant.", findings: ["Grenobel Batteries"]}]
  - name: Verkor
    kind: battery maker
    aliases: [Vektor]
"""


@pytest.mark.cli
def test_house_registry_adds_and_overrides_entries(tmp_path):
    house = tmp_path / "house.yml"
    house.write_text(HOUSE_YAML, encoding="utf-8")
    text = "Grenobel Batteries and Vektor opened plants in France.\n"
    _, shipped = run("-", input=text)
    assert [f["text"] for f in shipped["files"][0]["findings"]] == ["Vektor"]
    _, housed = run("--entities", str(house), "-", input=text)
    # the house file knows Grenoble Batteries, and declares Vektor an alias of Verkor
    assert [(f["text"], f["suggestion"]) for f in housed["files"][0]["findings"]] == [
        ("Grenobel Batteries", "Grenoble Batteries")]


@pytest.mark.cli
def test_house_registry_as_csv(tmp_path):
    house = tmp_path / "house.csv"
    house.write_text("name,kind,aliases\nGrenoble Batteries,company,GB Batteries;Grenoble Batt\n", encoding="utf-8")
    _, out = run("--entities", str(house), "-", input="Grenobel Batteries opened a plant.\n")
    assert [(f["text"], f["suggestion"]) for f in out["files"][0]["findings"]] == [
        ("Grenobel Batteries", "Grenoble Batteries")]
    bare = tmp_path / "names.csv"
    bare.write_text("Grenoble Batteries\n", encoding="utf-8")
    _, out = run("--entities", str(bare), "-", input="Grenobel Batteries opened a plant.\n")
    assert out["summary"]["findings"] == 1


@pytest.mark.cli
def test_bad_house_registry_is_a_one_line_error(tmp_path):
    house = tmp_path / "house.yml"
    house.write_text("entities:\n  - name: X\n    kind: company\n    colour: red\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--entities", str(house), "-"], input="Renault.\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"check: error: {house}:4: X: unknown key 'colour' "
                                     "(known: aliases, distinct, examples, kind, languages, misspellings, name)")


@pytest.mark.parametrize(
    "text",
    [
        "The opal is a gemstone; Opel is a carmaker.",
        "Passover begins on 15 Nisan; Nissan sold more cars.",
        "She took a seat in a mini car; the total was high.",
        "The battery delivers 400 volts; the vector is clear; unions mobilise.",
        "The Airbus A320, the Galaxy S24, Euro 7 rules and Covid-19.",
        "See https://www.vektor.example/renault or write to vektor@nissan.example for details.",
        "Re\u00adnault relies on Ver\u00adkor, a Gre\u00adnoble start-up.",
        "Renault prépare Ampe\u0300re. Ampère vaut 10 milliards d'euros.",
    ],
)
def test_traps_stay_quiet(checker, text):
    assert entity_findings(checker, text) == []


def test_names_hidden_by_invisible_characters_are_found_and_point_at_the_original(checker):
    text = "Renault relies on Vek\u00adtor, a start-up. The new Am\u200bpere entity. Ampère is ready."
    found = entity_findings(checker, text)
    assert found == [("CD201", "Vek\u00adtor", "Verkor"), ("CD202", "Am\u200bpere", "Ampère")]
    for f in checker.check_texts([text]).findings:
        assert text[f.start:f.end] == f.text


def test_accents_dropped_in_french_copy_only(checker):
    assert entity_findings(checker, "Citroen et son Ami séduisent les jeunes conducteurs.") == [
        ("CD201", "Citroen", "Citroën")]
    assert entity_findings(checker, "Citroen and its Ami appeal to young drivers.") == []


def test_inconsistent_forms_are_flagged_once_at_the_other_form(checker):
    text = "Škoda sold cars. Skoda grew. Skoda hired. Škoda said so. Skoda again."
    assert entity_findings(checker, text) == [("CD202", "Skoda", "Škoda")]


# The article as its own dictionary (CD203): a name misspelt once, whether or not it is registered.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chelsea beat Arsenal. The Chelsea manager was pleased. Fans of Chelsae sang.", ("Chelsae", "Chelsea")),
        ("Nintendo sold more consoles. Nintendo shares rose, and Nintedo said so.", ("Nintedo", "Nintendo")),
        # one correct use only: the form the language has never seen is the misspelling
        ("Jeanne Collonge won in Embrun. Later, Colonge said she was tired.", ("Colonge", "Collonge")),
        # possessives count as the name; an accent dropped once in French copy
        ("Kylian Mbappé a marqué. Kylian Mbappé a tiré. Mbappe est sorti.", ("Mbappe", "Mbappé")),
        ("Yahoo's profits rose. Yahoo said so. Analysts expect Yahooo to grow.", ("Yahooo", "Yahoo")),
        # a misspelt given name in the same company as the right one
        ("Carrie Lester won. Carrie Lester is Australian. Then Carrei Lester left.", ("Carrei", "Carrie")),
    ],
)
def test_a_name_misspelt_once_is_caught_from_the_article_alone(checker, text, expected):
    written, right = expected
    assert entity_findings(checker, text) == [("CD203", written, right)]


@pytest.mark.parametrize(
    "text",
    [
        # two people with near names
        "Mr Brown said the plan would work. Mr Brown added that taxes would fall. Mr Browne disagreed.",
        "Patrik Berger scored twice. Patrick Vieira was booked. Patrick Vieira later left.",
        # countries and their adjectives, plurals and possessives
        "Italy won. Italian fans cheered. Italy will play Kenya. Kenya's coach and Kenyan fans agreed.",
        "Israel said so. Israel's army and Israeli troops moved.",
        "Airbus sold jets. Airbus said Airbuses were in demand.",
        # real words
        "Australia beat Austria. Australia had won before, Australia said.",
        # acronyms and words in capitals
        "The NASA probe flew. NASA said the NSA was not involved.",
        # an accent the frequent form lacks is typed on purpose: another name
        "Macron a parlé. Macron a conclu. À Mâcon, les manifestants ont défilé.",
        "Taïwan a voté. Taïwan a élu sa présidente, qui vient de Tainan.",
        # numbered models and products
        "Qatargas-2 is running. Qatargas-2 exports. Qatargas-4 is planned.",
        "Uber cut prices. Uber said UberX would follow.",
    ],
)
def test_names_of_their_own_are_not_misspellings_of_the_article_s_names(checker, text):
    assert entity_findings(checker, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # after a title or a given name, a surname near a registered name is a person
        "Mr Renalt, a publicist, said the film would open in May.",
        "Egor Bazin and Sofia Evdokimova won the ice dance.",
        # after an initial
        "It said he takes over from Roger W. Houmes, who stays chairman.",
        # an acronym beside a company word
        "The engineering group GKN Plc said it would merge.",
        # two letters from a name of six or seven letters is another name
        "Maxell said the disk works. Nissei BOT Asset Management agreed.",
        # in a team sheet
        "Chelsea: Cech, Ferreira, Terry, Gallas, Nissam, Makelele, Lampard.",
        # written the same way twice (a heading counts), and the registered name never
        "Rublov served well. Rublov won the first set.",
        "ATCOR CUTS DIVIDEND\n\nHARVEY, Ill., March 26 - Atcor Inc said it cut its dividend.",
        # a place one edit from... nothing: two edits from a country is another place
        "La plaine de Blonia accueille les pèlerins.",
    ],
)
def test_registered_near_misses_that_are_names_of_their_own_stay_quiet(checker, text):
    assert [f for f in entity_findings(checker, text) if f[0] == "CD201"] == []


def test_a_repeated_near_miss_is_still_flagged_beside_the_registered_name(checker):
    text = "Renault and Verkor signed. Vektor builds a plant. Vektor hires. Vektor grows."
    assert {f[:2] for f in entity_findings(checker, text)} == {("CD201", "Vektor")}


@pytest.mark.parametrize(
    "text",
    [
        "PARIS - Renault shares rose on Monday. Paris is calm.",
        "TOKYO, March 3 - Toyota said sales rose. Officials in Tokyo agreed.",
        "BURNLEY make the journey to Turf Moor. Burnley have won twice.",
        "KEY MATCH STATS FOR CHELSEA AND ARSENAL\n\nChelsea had more shots. Arsenal had fewer.",
        # a registered name in a heading in capitals, a short heading all in capitals
        "OPEC OUTPUT WELL BELOW CEILING, SUBROTO SAYS\n\nOpec remains within its ceiling, Opec said.",
        "<SHELL U.K. LTD> YEAR 1986\n\nShell said profits rose.",
        # a sign-off, and a ticker
        "Reuter said the bank would cut rates. REUTER",
        "Fiat SpA <FIAT.MI> said Fiat had no plans to issue bonds. <Fiat SpA> agreed.",
    ],
)
def test_capitals_of_datelines_and_headings_are_no_second_spelling(checker, text):
    assert entity_findings(checker, text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Shares in Renault rose, Luca de Meo said. This is new. We know it. Reports say Renault gained.",
         ["Renault", "Luca de Meo", "Renault"]),
        ("« C'est un bon accord », a dit Luca de Meo. Rapidement, l'Alliance a conclu avec Nissan.",
         ["Luca de Meo", "Alliance", "Nissan"]),
    ],
)
def test_the_ledger_keeps_real_names_only(checker, text, names):
    facts = checker.extractor.extract([Document(0, "a.txt", text)]).facts
    assert facts.loc[facts["kind"] == "entity", "text"].tolist() == names


def test_a_common_word_is_a_name_where_the_article_capitalises_it_inside_a_sentence(checker):
    text = "Apple rose. Shares in Apple rose too. Apple said so."
    facts = checker.extractor.extract([Document(0, "a.txt", text)]).facts
    assert facts.loc[facts["kind"] == "entity", "text"].tolist() == ["Apple", "Apple", "Apple"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a misspelt month, into a form the language has never seen, or into a word before a day
        ("Sales rose in March. The March figures and the Marhc survey agreed.", ("Marhc", "March")),
        ("Sales rose in March. The dividend is payable on Mach 16 to holders.", ("Mach", "March")),
        ("Sales rose in March. The Match 12 sale will raise 275 mln dlrs.", ("Match", "March")),
        # a word capitalised as a name, one letter from one of the article's names
        ("Shares in Squibb Corp rose. Analysts at Syntex Corp and Merck Copr agreed.", ("Copr", "Corp")),
        ("The Bank of England held rates. The Bak of England said so.", ("Bak", "Bank")),
    ],
)
def test_misspellings_that_make_words_are_caught_where_the_article_shows_a_name(checker, text, expected):
    assert entity_findings(checker, text) == [("CD203", *expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose in May. Mary Smith said so.",
        "Ford sold more cars. The plant in Fort Worth closed.",
        "Hill said so. The crop was poor. Farmers saw the Crop Fund grow.",
        "Germany grew. German exports rose, Germany said.",
        "China grew, said Lian Chia Liang, an economist in Singapore.",
    ],
)
def test_words_near_a_name_stay_quiet_where_the_article_shows_a_word(checker, text):
    assert entity_findings(checker, text) == []


def test_a_word_of_another_language_is_a_name_in_it(checker):
    text = ("Brazil's central bank cut rates. Brazil's exports grew, and Banco do Brasil lent more. "
            "Brazil said so.")
    assert entity_findings(checker, text) == []
