"""Entity checks: newsroom registries, traps that must stay quiet, and text that hides names."""

import json

import pytest
from click.testing import CliRunner

from checks.cli import main


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
