"""The seed article gives exactly the findings DESIGN.md lists, through the CLI and the JSON contract."""

import json

from click.testing import CliRunner

from checks.cli import main
from conftest import FIXTURES

SEED = FIXTURES / "ampere-article.txt"
EXPECTED = [
    ("CD201", "entity-spelling", "the Echoes", "Les Echos"),
    ("CD201", "entity-spelling", "Vektor", "Verkor"),
    ("CD202", "entity-consistency", "Ampere", "Ampère"),
    ("CD501", "boilerplate", "Leave A Reply", None),
    ("CD501", "boilerplate", "Your email address will not be published.", None),
    ("CD502", "boilerplate", "rabit tradon seo tool seo hyperlink with keyword generate reset", None),
]


def run_json(path):
    result = CliRunner().invoke(main, ["--format", "json", str(path)])
    return result.exit_code, json.loads(result.output)


def test_seed_gives_exactly_the_design_findings():
    code, out = run_json(SEED)
    assert code == 1
    assert out["schema"] == "copydesk/findings/v1"
    [file] = out["files"]
    assert file["language"] == "en"
    found = [(f["rule"], f["category"], f["text"], f["suggestion"]) for f in file["findings"]]
    assert found == EXPECTED
    assert out["summary"] == {"files": 1, "findings": 6, "by_severity": {"error": 5, "warning": 1}}


def test_every_finding_points_at_its_characters():
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    _, out = run_json(SEED)
    for f in out["files"][0]["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert lines[f["line"] - 1][f["column"] - 1:].startswith(f["text"])
        assert set(f) == {"rule", "name", "category", "severity", "message", "text",
                          "start", "end", "line", "column", "suggestion"}


def test_seed_facts_are_extracted(checker):
    facts = checker.check_paths([str(SEED)]).extraction.facts
    percents = facts[facts["kind"] == "percent"]
    assert percents["value"].tolist() == [44, 15, 30, 100, 20]
    stake = facts[facts["text"] == "between 1 and 1.5 billion euros"].iloc[0]
    assert (stake["low"], stake["high"], stake["currency"]) == (1e9, 1.5e9, "EUR")
    valuation = facts[facts["text"] == "10 billion euros"].iloc[0]
    assert (valuation["value"], valuation["role"]) == (1e10, "valuation")


def test_wrong_stake_gives_one_arithmetic_finding_with_its_computation(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    assert "between 1 and 1.5 billion euros" in text
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace("between 1 and 1.5 billion euros", "between 2 and 2.5 billion euros"),
                       encoding="utf-8")
    _, out = run_json(changed)
    arithmetic = [f for f in out["files"][0]["findings"] if f["category"] == "arithmetic"]
    assert len(arithmetic) == 1
    [f] = arithmetic
    assert f["text"] == "between 2 and 2.5 billion euros"
    assert f["message"] == "15% of €10bn is €1.5bn, outside the stated €2bn-€2.5bn"
    assert f["suggestion"] == "€1.5bn"
    assert len(out["files"][0]["findings"]) == len(EXPECTED) + 1


def test_french_seed_paragraph(checker):
    text = ("Ampère serait valorisé à 10 milliards d'euros. Renault souhaite que Nissan prenne une "
            "participation de 15 %, entre 2 et 2,5 milliards d'euros.")
    [f] = checker.check_texts([text]).findings
    assert f.rule == "CD111"
    assert f.message == ("15 % de 10 milliards d'euros font 1,5 milliard d'euros, hors de la fourchette annoncée "
                         "(2 à 2,5 milliards d'euros)")
    assert f.suggestion == "1,5 milliard d'euros"
    assert checker.check_texts([text.replace("entre 2 et 2,5", "entre 1 et 1,5")]).findings == []
