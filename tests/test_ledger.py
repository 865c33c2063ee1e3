"""`check --facts`: the fact ledger as CSV, JSON and Parquet, one row a fact."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.report.ledger import COLUMNS
from conftest import FIXTURES

pytestmark = pytest.mark.cli
SEED = FIXTURES / "ampere-article.txt"


def write_ledger(tmp_path, name):
    path = tmp_path / name
    result = CliRunner().invoke(main, ["--format", "json", "--facts", str(path), str(SEED)])
    assert result.exit_code == 1, result.output
    return path, json.loads(result.stdout)["files"][0]["facts"]


@pytest.mark.parametrize("name, read", [
    ("facts.csv", lambda p: pd.read_csv(p, keep_default_na=False)),
    ("facts.json", lambda p: pd.read_json(p, orient="records")),
    ("facts.parquet", pd.read_parquet),
])
def test_ledger_has_a_row_per_fact_pointing_at_its_text(tmp_path, name, read):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    path, count = write_ledger(tmp_path, name)
    table = read(path)
    assert list(table.columns) == COLUMNS
    assert len(table) == count
    text = SEED.read_text(encoding="utf-8")
    assert all(text[s:e] == t for s, e, t in zip(table["start"], table["end"], table["text"]))
    stake = table[table["text"] == "between 1 and 1.5 billion euros"].iloc[0]
    assert (stake["kind"], float(stake["low"]), float(stake["high"]), stake["currency"]) == ("money", 1e9, 1.5e9, "EUR")
    assert (int(stake["line"]), int(stake["column"])) == (10, 131)


def test_unknown_ledger_format_is_refused_before_checking(tmp_path):
    result = CliRunner().invoke(main, ["--facts", str(tmp_path / "facts.xlsx"), str(SEED)])
    assert result.exit_code == 2
    assert "the fact ledger is written as .csv, .json or .parquet" in result.output
    assert not (tmp_path / "facts.xlsx").exists()


def test_weekday_is_a_whole_number(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The results came out on Thursday, 12 June 2025.\n", encoding="utf-8")
    path = tmp_path / "facts.json"
    assert CliRunner().invoke(main, ["--facts", str(path), str(article)]).exit_code == 0
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert [r["weekday"] for r in rows if r["kind"] == "date"] == [3]
    assert all(r["weekday"] is None for r in rows if r["kind"] != "date")


def test_every_cue_tag_and_match_is_documented_in_the_readme(checker):
    """The ledger's vocabularies, as README's ledger table lists them."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `cues`, `role` |"))
    tags = {tag for lexicon in checker.words.lexicons.values() for tag in lexicon.cues}
    assert {t for t in tags if f"`{t}`" not in row} == set()
    row = next(line for line in readme.splitlines() if line.startswith("| `canonical`, `match` |"))
    matches = {"exact", "alias", "variant", "plural", "misspelling", "near-miss", "accent", "unregistered"}
    assert {m for m in matches if f"`{m}`" not in row} == set()
