"""The pre-publish gate: configuration found upward, severities, --fail-on, rule selection,
thresholds, waivers, include/exclude globs. All through the command line."""

import json
import shutil

import pytest
from click.testing import CliRunner

from checks.cli import main
from conftest import FIXTURES

pytestmark = pytest.mark.cli
SEED = FIXTURES / "ampere-article.txt"
# Six findings: CD201 x2 (error), CD202 (warning), CD501 x2 and CD502 (error).
CONVERSIONS = "Profits rose to $1.13bn (£600m). Sales reached $11.1bn (£5.9bn). Debt fell to $20.7bn (£13bn).\n"


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result


def codes(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]


@pytest.fixture
def newsroom(tmp_path):
    """A newsroom folder with a config at its top and an article two folders down."""
    desk = tmp_path / "desk" / "2026" / "june"
    desk.mkdir(parents=True)
    shutil.copy(SEED, desk / "ampere.txt")
    return tmp_path / "desk", desk / "ampere.txt"


def test_fail_on_sets_what_exits_1():
    assert run("--fail-on", "error", SEED).exit_code == 1
    assert run("--fail-on", "never", SEED).exit_code == 0
    # Only the warning left: it fails at warning, not at error.
    assert run("--rules", "CD202", "--fail-on", "warning", SEED).exit_code == 1
    assert run("--rules", "CD202", "--fail-on", "error", SEED).exit_code == 0


def test_rules_are_selected_by_code_name_or_group():
    assert codes(run("--format", "json", "--rules", "CD201", SEED)) == ["CD201", "CD201"]
    assert codes(run("--format", "json", "--rules", "entity.inconsistent", SEED)) == ["CD202"]
    assert codes(run("--format", "json", "--rules", "entity", SEED)) == ["CD201", "CD201", "CD202"]
    assert codes(run("--format", "json", "--rules", "boilerplate,CD202", SEED)) == ["CD202", "CD501", "CD501", "CD502"]
    assert codes(run("--format", "json", "--exclude-rules", "boilerplate", "--exclude-rules", "CD201", SEED)) == ["CD202"]


def test_an_unknown_rule_is_an_error_not_an_empty_check():
    result = run("--rules", "CD2O1", SEED)
    assert result.exit_code == 2
    assert result.stderr == "check: error: no rule, name or group 'CD2O1' (see check rules)\n"


def test_config_is_found_from_the_files_folder_upward(newsroom):
    top, article = newsroom
    (top / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.copydesk]\nexclude-rules = ["boilerplate"]\n'
        '[tool.copydesk.severity]\n"entity.misspelling" = "warning"\n', encoding="utf-8")
    result = run("--format", "json", article)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("CD201", "warning"), ("CD201", "warning"), ("CD202", "warning")]
    assert run("--fail-on", "error", article).exit_code == 0
    # The nearer .copydesk.toml wins over the pyproject.toml above it.
    (article.parent / ".copydesk.toml").write_text('rules = ["CD202"]\n', encoding="utf-8")
    assert codes(run("--format", "json", article)) == ["CD202"]


def test_the_command_line_overrides_the_config(newsroom):
    top, article = newsroom
    (top / ".copydesk.toml").write_text('fail-on = "never"\nrules = ["CD201"]\n', encoding="utf-8")
    assert run(article).exit_code == 0
    assert run("--fail-on", "error", article).exit_code == 1
    assert codes(run("--format", "json", "--rules", "CD202", article)) == ["CD202"]


def test_check_config_prints_each_value_and_where_it_came_from(newsroom):
    top, article = newsroom
    (top / ".copydesk.toml").write_text('fail-on = "error"\nlanguage = "fr"\ndate = 2025-06-12\n'
                                        '[severity]\nCD202 = "info"\n', encoding="utf-8")
    result = run("config", article, "--rules", "entity")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    config = str((top / ".copydesk.toml").resolve())
    assert f'fail-on = "error"  # {config}' in lines
    assert f'language = "fr"  # {config}' in lines
    assert f'date = "2025-06-12"  # {config}' in lines
    assert f'severity = {{"CD202" = "info"}}  # {config}' in lines
    assert 'rules = ["entity"]  # command line' in lines
    assert 'exclude-rules = []  # default' in lines


def readme_config_block() -> str:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## As a pre-publish gate")[1].split("```toml\n")[1].split("```")[0]


@pytest.mark.parametrize("filename", [".copydesk.toml", "pyproject.toml"])
def test_the_readme_config_block_works_pasted_into_either_file(newsroom, filename):
    top, article = newsroom
    (top / "house-rules").mkdir()
    for name in ("house-names.yml", "house-words.yml", "waivers.yml"):
        (top / name).write_text("[]\n", encoding="utf-8")
    (top / filename).write_text(readme_config_block(), encoding="utf-8")
    result = run("config", article)
    assert result.exit_code == 0, result.stderr
    config = str((top / filename).resolve())
    assert f'fail-on = "error"  # {config}' in result.stdout.splitlines()
    assert f'thresholds = {{"CD114" = {{"max_value" = 0.1}}}}  # {config}' in result.stdout.splitlines()


def test_a_copydesk_toml_with_both_a_tool_table_and_top_level_keys_is_refused(newsroom):
    top, article = newsroom
    (top / ".copydesk.toml").write_text('fail-on = "error"\n[tool.copydesk]\nlanguage = "fr"\n', encoding="utf-8")
    result = run(article)
    assert result.exit_code == 2
    assert result.stderr == (f"check: error: {(top / '.copydesk.toml').resolve()}: both a [tool.copydesk] table "
                             "and top-level keys; use one or the other\n")


@pytest.mark.parametrize("filename", [".copydesk.toml", "pyproject.toml"])
def test_check_config_output_pasted_into_a_file_loads_as_the_same_values(newsroom, filename):
    from checks.config import load_config

    top, article = newsroom
    odd = top / 'waivers "maison" \u00e9t\u00e9\\.yml'  # quotes, accents, a backslash
    odd.write_text("[]\n", encoding="utf-8")
    (top / ".copydesk.toml").write_text(
        'fail-on = "never"\nwaivers = \'waivers "maison" \u00e9t\u00e9\\.yml\'\ndate = 2025-06-12\n'
        'exclude = ["drafts/*", "a\\u007fb"]\n[severity]\n"entity.misspelling" = "info"\n'
        '[thresholds]\nCD114 = {max_value = 0.1, min_value = -inf, since = 2024-01-31, big = 1e300}\n',
        encoding="utf-8")
    result = run("config", article, "--rules", "entity,CD114")
    assert result.exit_code == 0, result.stderr
    before = load_config(article.parent, {})
    copy = top.parent / "copy"
    copy.mkdir()
    (copy / filename).write_text(result.stdout, encoding="utf-8")
    after = load_config(copy, {})
    assert {k: s.value for k, s in after.items()} == {k: s.value for k, s in before.items()} | {"rules": ["entity", "CD114"]}
    assert {k for k, s in after.items() if s.source != str(copy / filename)} == {"language"}  # not set


@pytest.mark.parametrize("content, message", [
    ('fail-on = "sometimes"\n', "fail-on: must be one of error, warning, info, never, not 'sometimes'"),
    ('colour = true\n', "colour: unknown key"),
    ('rules = "CD201"\n', "rules: must be a list of rule codes, names or groups"),
    ('[severity]\nCD201 = "fatal"\n', "severity: CD201 = 'fatal' is not one of error, warning, info"),
    ('fail-on = \n', "TOML error"),
    ('entities = ["house.yml"]\n', "house.yml: no such file"),
])
def test_a_bad_config_is_one_line_naming_file_and_key(newsroom, content, message):
    top, article = newsroom
    (top / ".copydesk.toml").write_text(content, encoding="utf-8")
    result = run(article)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"check: error: {(top / '.copydesk.toml').resolve()}")
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_thresholds_tune_a_rules_expectation(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(CONVERSIONS, encoding="utf-8")  # £13bn: 13% off the others'
    assert codes(run("--format", "json", article)) == ["CD114"]
    (tmp_path / ".copydesk.toml").write_text("[thresholds]\nCD114 = {max_value = 0.2}\n", encoding="utf-8")
    assert codes(run("--format", "json", article)) == []
    (tmp_path / ".copydesk.toml").write_text("[thresholds]\nCD114 = {column = 'text'}\n", encoding="utf-8")
    result = run(article)
    assert result.exit_code == 2
    assert result.stderr == "check: error: threshold 'column' of CD114 cannot be set (its thresholds: min_value, max_value, min_conversions, hedge_discount)\n"


def test_thresholds_set_a_relations_parameter_for_every_rule_of_its_suite(tmp_path):
    """min_conversions is the conversions relation's: two conversions are judged once it is 2."""
    article = tmp_path / "a.txt"
    article.write_text("Profits rose to $1.13bn (£600m). Debt fell to $20.7bn (£16bn).\n", encoding="utf-8")
    assert codes(run("--format", "json", article)) == []
    (tmp_path / ".copydesk.toml").write_text("[thresholds]\nCD114 = {min_conversions = 2}\n", encoding="utf-8")
    assert codes(run("--format", "json", article)) == ["CD114", "CD114"]
    (tmp_path / ".copydesk.toml").write_text(
        "[thresholds]\nCD401 = {hedge_tolerance = 0.2}\nCD402 = {hedge_tolerance = 0.3}\n", encoding="utf-8")
    result = run(article)
    assert result.exit_code == 2
    assert result.stderr.startswith("check: error: threshold 'hedge_tolerance' is shared by the rules of ")


def test_extra_rule_files_from_the_config(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "stakes.yml").write_text("""\
suite: house-stakes
table: facts
rules:
  - code: H001
    name: house.small-stakes
    category: percent-range
    severity: warning
    where: {kind: percent, role: share}
    expect: {type: expect_column_values_to_be_between, column: value, min_value: 0, max_value: 50}
    message: "a stake of {text} is more than our house limit"
""", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('extra-rules = ["house"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Renault carries its 64% stake in Nissan.\n", encoding="utf-8")
    result = run("--format", "json", article)
    assert codes(result) == ["H001"]
    assert json.loads(result.stdout)["files"][0]["findings"][0]["message"] == "a stake of 64% is more than our house limit"


def test_word_lists_from_the_config_reach_extraction(tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "house-words.yml").write_text(
        "en:\n  cues:\n    whole: [turnout]\n", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('words = ["words/house-words.yml"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Turnout rose to 65%.\n", encoding="utf-8")
    assert run("--facts", tmp_path / "facts.json", article).exit_code == 0
    facts = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert [f["cues"] for f in facts if f["text"] == "65%"] == ["rise whole"]
    # A bad word list stops the run before any article is read: one line with file, line and key.
    (tmp_path / "words" / "house-words.yml").write_text("en:\n  hedge: [circa]\n", encoding="utf-8")
    result = run(article)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"check: error: {(tmp_path / 'words' / 'house-words.yml').resolve()}:2: "
                                    "en.hedge: unknown key (known: cues, ")


def test_waivers_match_rule_text_and_context_not_line_numbers(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    waivers = tmp_path / "waivers.yml"
    waivers.write_text("""\
- rule: CD201
  text: Vektor
  context: relies on Vektor, a Grenoble
  reason: checked with the desk
- rule: entity.inconsistent
  text: Ampere
- rule: CD201
  text: Verkorr
""", encoding="utf-8")
    result = run("--format", "json", "--waivers", waivers, article)
    assert codes(result) == ["CD201", "CD501", "CD501", "CD502"]  # "the Echoes" is not waived
    assert result.stderr == f"check: warning: {waivers}: waiver 3 (CD201 'Verkorr') matched no finding\n"
    # Edits above the finding and a rewrapped line keep the waiver.
    article.write_text("A new first paragraph.\n\n" + SEED.read_text(encoding="utf-8").replace(
        "relies on Vektor, a Grenoble", "relies on\nVektor, a Grenoble"), encoding="utf-8")
    assert "CD202" not in codes(run("--format", "json", "--waivers", waivers, article))
    assert codes(run("--format", "json", "--waivers", waivers, article)).count("CD201") == 1


def test_a_waiver_whose_context_does_not_hold_does_not_waive(tmp_path):
    waivers = tmp_path / "waivers.yml"
    waivers.write_text("- rule: CD201\n  text: Vektor\n  context: the German firm Vektor\n", encoding="utf-8")
    result = run("--format", "json", "--waivers", waivers, SEED)
    assert codes(result).count("CD201") == 2
    assert "waiver 1 (CD201 'Vektor') matched no finding" in result.stderr


def test_a_bad_waiver_file_is_one_line(tmp_path):
    waivers = tmp_path / "waivers.yml"
    waivers.write_text("- rule: CD201\n  txt: Vektor\n", encoding="utf-8")
    result = run("--waivers", waivers, SEED)
    assert result.exit_code == 2
    assert result.stderr == f"check: error: {waivers}:1: waiver 1: missing key 'text'\n"


def test_include_and_exclude_globs_for_folders(tmp_path):
    for name in ("news/a.txt", "news/b.md", "news/drafts/c.txt", "news/notes.rst"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Renault carries its 144% stake in Nissan.\n", encoding="utf-8")

    def paths(*args):
        result = run("--format", "json", *args, tmp_path / "news")
        return sorted(f["path"].removeprefix(str(tmp_path / "news") + "/") for f in json.loads(result.stdout)["files"])

    assert paths() == ["a.txt", "b.md", "drafts/c.txt"]
    assert paths("--exclude", "drafts/*") == ["a.txt", "b.md"]
    assert paths("--include", "*.txt", "--include", "*.rst") == ["a.txt", "drafts/c.txt", "notes.rst"]


def test_the_pre_commit_hook_and_the_workflow_example_are_valid():
    import yaml

    from conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["copydesk"]
    assert {"id", "name", "entry", "language"} <= hooks[0].keys() and hooks[0]["entry"] == "check"
    import regex

    assert regex.search(hooks[0]["files"], "news/a.md") and not regex.search(hooks[0]["files"], "setup.py")
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any(c.startswith("check --format github") for c in commands)
    assert any(c.startswith("check --format sarif") for c in commands)
