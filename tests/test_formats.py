"""Output formats for CI: SARIF, GitHub workflow commands, JUnit XML; and text colour on a terminal only."""

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.report import github, junit, sarif
from conftest import FIXTURES

SEED = str(FIXTURES / "ampere-article.txt")
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"

# Two characters outside the BMP (two UTF-16 units each) before the finding: code point columns.
EMOJI = "🚗🔋 Renault carries its 144% stake in Nissan.\n"
FRENCH = "Renault détient une participation de 144 % dans Nissan. Le partenaire de Vektor.\n"
LEFTOVER = "Renault carries its 44% stake in Nissan.\n\nLeave A Reply\n"
# Keyword spam is reported with its text, so the markup and the control character reach the report.
HOSTILE = ("Renault carries its 144% stake in Nissan.\n\n"
           "rabit tradon seo <script> tool ]]> seo \x01 hyperlink with keyword generate reset\n")


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    paths = {}
    for name, text in [("emoji.txt", EMOJI), ("french.txt", FRENCH), ("a b,c.txt", LEFTOVER), ("hostile.txt", HOSTILE)]:
        (folder / name).write_text(text, encoding="utf-8")
        paths[name] = str(folder / name)
    return paths


@pytest.fixture(scope="module")
def result(checker, articles):
    return checker.check_paths([SEED, *articles.values()])


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def finding(result, path, rule):
    doc = next(d for d in result.documents if d.path == path)
    return next(f for f in result.findings_for(doc.doc_id) if f.rule == rule)


# SARIF


def validate_sarif(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # The official schema is draft-04 ("$schema"); validate with the draft it declares.
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator
    validator_class.check_schema(schema)
    errors = list(validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).iter_errors(log))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def sarif_results(log: dict, path_uri: str) -> list[dict]:
    return [r for r in log["runs"][0]["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path_uri]


def test_sarif_is_valid_against_the_official_schema(result, articles):
    log = json.loads(sarif.render(result))
    validate_sarif(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and log["$schema"] == sarif.SCHEMA
    assert run["tool"]["driver"]["name"] == "copydesk"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in result.rules]
    assert len(run["results"]) == len(result.findings)
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    seed = sarif_results(log, Path(SEED).as_uri())
    assert [(r["ruleId"], r["level"]) for r in seed] == [
        ("CD201", "error"), ("CD201", "error"), ("CD202", "warning"), ("CD501", "error"), ("CD501", "error"),
        ("CD502", "error")]
    assert seed[1]["message"]["text"] == "'Vektor' looks like a misspelling of 'Verkor' (suggest: Verkor)"
    region = seed[1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (18, 77, 18, 83)
    assert region["snippet"]["text"] == "Vektor"
    assert seed[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "Verkor"


def test_sarif_regions_are_code_point_columns_and_offsets(result, articles):
    log = json.loads(sarif.render(result))
    emoji, = sarif_results(log, Path(articles["emoji.txt"]).as_uri())
    region = emoji["locations"][0]["physicalLocation"]["region"]
    # "🚗🔋 Renault carries its " is 23 code points (25 UTF-16 units).
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 24, 1, 28)
    start = region["charOffset"]
    assert EMOJI[start:start + region["charLength"]] == "144%" == region["snippet"]["text"]
    french = sarif_results(log, Path(articles["french.txt"]).as_uri())
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]) for r in french] == [
        ("CD101", "144 %"), ("CD201", "Vektor")]


def test_sarif_uris_are_percent_encoded_references(checker, articles, monkeypatch):
    assert sarif.uri("<stdin>") == "stdin"
    assert sarif.uri("a b,c.txt") == "a%20b%2Cc.txt"
    assert sarif.uri("dépêches/a:b.txt") == "d%C3%A9p%C3%AAches/a%3Ab.txt"  # ':' would read as a scheme
    assert sarif.uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"
    monkeypatch.chdir(Path(articles["a b,c.txt"]).parent)
    log = json.loads(sarif.render(checker.check_paths(["a b,c.txt"])))
    validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20b%2Cc.txt"
    assert unquote(location["artifactLocation"]["uri"]) == "a b,c.txt"
    assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", location["artifactLocation"]["uri"])  # RFC 3986
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (3, 1)


def test_sarif_fingerprints_are_unique_and_survive_edits_elsewhere(checker):
    text = "Vektor, then Vektor again. Renault carries its 144% stake in Nissan.\n"
    before = json.loads(sarif.render(checker.check_texts([text])))["runs"][0]["results"]
    after = json.loads(sarif.render(checker.check_texts(["A new first paragraph.\n\n" + text])))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["copydesk/v1"] for r in before]
    assert len(prints) == 3 and len(set(prints)) == 3
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert after[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_reports_unreadable_inputs(checker, tmp_path):
    log = json.loads(sarif.render(checker.check_paths([str(tmp_path / "nope.txt"), SEED])))
    validate_sarif(log)
    invocation, = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == f"{tmp_path / 'nope.txt'}: no such file"


# GitHub workflow commands

COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def unescape(s: str, prop: bool = False) -> str:
    """The runner's unescaping, the inverse of @actions/core's escaping."""
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def annotations(output: str) -> list[tuple[str, dict, str]]:
    lines = output.strip().splitlines()
    parsed = []
    for line in lines[:-1]:
        m = COMMAND.fullmatch(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        parsed.append((m.group(1), {k: unescape(v, prop=True) for k, v in props.items()}, unescape(m.group(3))))
    assert not lines[-1].startswith("::")
    return parsed


def test_github_escaping_matches_actions_core():
    message = "100% sure: a, b\r\nnext line %0A"
    assert github.escape_data(message) == "100%25 sure: a, b%0D%0Anext line %250A"
    assert github.escape_property(message) == "100%25 sure%3A a%2C b%0D%0Anext line %250A"
    assert unescape(github.escape_data(message)) == message
    assert unescape(github.escape_property(message), prop=True) == message


def test_github_annotations(result, articles):
    output = github.render(result)
    parsed = annotations(output)
    assert len(parsed) == len(result.findings)
    assert output.strip().splitlines()[-1] == "12 findings (11 errors, 1 warning) in 5 files"
    by_file = {}
    for command, props, message in parsed:
        by_file.setdefault(props["file"], []).append((command, props, message))
    seed = by_file[SEED]
    assert [(c, p["title"]) for c, p, _ in seed][:3] == [
        ("error", "CD201 entity.misspelling"), ("error", "CD201 entity.misspelling"),
        ("warning", "CD202 entity.inconsistent")]
    assert seed[1][1] == {"file": SEED, "line": "18", "col": "77", "endLine": "18", "endColumn": "83",
                          "title": "CD201 entity.misspelling"}
    (_, emoji, message), = by_file[articles["emoji.txt"]]
    assert (emoji["line"], emoji["col"], emoji["endColumn"]) == ("1", "24", "28")
    # '%' and ':' in the message, ',' and ' ' in the path survive the round trip.
    assert message == finding(result, articles["emoji.txt"], "CD101").message
    assert "%" in message and ":" in message
    (_, spaced, _), = by_file[articles["a b,c.txt"]]
    assert spaced["file"].endswith("a b,c.txt") and (spaced["line"], spaced["col"]) == ("3", "1")
    assert "a b%2Cc.txt" in output


# JUnit XML


def test_junit_counts_and_failures(result, articles, tmp_path):
    bad = tmp_path / "nope.txt"
    checked = replace(result, errors=[f"{bad}: no such file"])
    root = ET.fromstring(junit.render(checked))
    suite, = root.findall("testsuite")
    assert root.tag == "testsuites" and suite.get("name") == "copydesk"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [SEED, *articles.values(), str(bad)]
    assert all(c.get("classname") == "copydesk" for c in cases)
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == ("6", "5", "1")
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == ["CD201", "CD201", "CD202", "CD501", "CD501", "CD502"]
    assert failures[1].text == (f"{SEED}:18:77: CD201 error 'Vektor' looks like a misspelling of 'Verkor' "
                                "(suggest: Verkor) [entity.misspelling]")
    assert "Vektor" in failures[1].get("message")
    assert [f.get("type") for f in cases[2].findall("failure")] == ["CD101", "CD201"]  # French
    error, = cases[-1].findall("error")
    assert error.text == f"{bad}: no such file"


def test_junit_is_well_formed_with_markup_and_control_characters(result, articles):
    xml = junit.render(result)
    root = ET.fromstring(xml)  # raises on anything ill-formed
    assert "\x01" not in xml
    hostile = next(c for c in root.iter("testcase") if c.get("name") == articles["hostile.txt"])
    spam = next(f for f in hostile.findall("failure") if f.get("type") == "CD502")
    assert "<script> tool ]]> seo  hyperlink" in spam.text
    assert "<script>" in spam.get("message")


# Through the CLI (needs `--format` to accept sarif, github and junit)


@pytest.mark.cli
def test_cli_sarif():
    out = invoke("--format", "sarif", SEED)
    assert out.exit_code == 1, out.output
    log = json.loads(out.stdout)
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == 6


@pytest.mark.cli
def test_cli_sarif_stdin():
    out = invoke("--format", "sarif", "-", input="Renault carries its 144% stake in Nissan.\n")
    assert out.exit_code == 1, out.output
    location = json.loads(out.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "stdin"


@pytest.mark.cli
def test_cli_github(articles):
    out = invoke("--format", "github", SEED, articles["a b,c.txt"])
    assert out.exit_code == 1, out.output
    parsed = annotations(out.stdout)
    assert [p["file"] for _, p, _ in parsed] == [SEED] * 6 + [articles["a b,c.txt"]]
    assert out.stdout.strip().splitlines()[-1] == "7 findings (6 errors, 1 warning) in 2 files"


@pytest.mark.cli
def test_cli_junit(articles):
    out = invoke("--format", "junit", SEED, articles["hostile.txt"])
    assert out.exit_code == 1, out.output
    root = ET.fromstring(out.stdout)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "2", "0")
    assert [f.get("type") for f in root.iter("failure")] == ["CD201", "CD201", "CD202", "CD501", "CD501", "CD502",
                                                              "CD101", "CD502"]


# Text: coloured on a terminal, plain when piped


@pytest.mark.cli
def test_text_is_coloured_on_a_terminal_only():
    coloured = invoke(SEED, color=True)
    assert coloured.exit_code == 1
    assert "\x1b[" in coloured.stdout
    plain = invoke(SEED)
    assert plain.exit_code == 1
    assert "\x1b[" not in plain.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout
