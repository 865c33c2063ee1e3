"""The command line: exit codes, errors as one line, stdin, folders, Data Docs, lazy GX import."""

import json
import shutil
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.rules import default_rules_dir
from conftest import FIXTURES

pytestmark = pytest.mark.cli
SEED = str(FIXTURES / "ampere-article.txt")
CLEAN = "Renault carries its 44% stake in Nissan. Ampère must be valued at 10 billion euros.\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_clean_article_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = invoke(str(path))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "no findings in 1 file"


def test_text_output_is_path_line_col(tmp_path):
    result = invoke(SEED)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[1] == (f"{SEED}:18:77: CD201 error 'Vektor' looks like a misspelling of 'Verkor' "
                        "(suggest: Verkor) [entity.misspelling]")
    assert lines[-1] == "6 findings (5 errors, 1 warning) in 1 file"


@pytest.mark.parametrize("args, env, coloured", [
    ([], {}, True),  # what a terminal gets (CliRunner's color=True stands for one)
    ([], {"NO_COLOR": "1"}, False),
    ([], {"NO_COLOR": ""}, True),  # empty: not set, says no-color.org
    (["--no-color"], {}, False),
    (["--color"], {"NO_COLOR": "1"}, True),  # the command line wins over the environment
])
def test_no_color_and_the_color_flags(args, env, coloured):
    result = CliRunner().invoke(main, [*args, SEED], color=True, env=env)
    assert result.exit_code == 1
    assert ("\x1b[" in result.output) is coloured
    assert "CD201 error 'Vektor' looks like a misspelling" in click.unstyle(result.output)


def test_stdin():
    result = invoke("--format", "json", "-", input="Renault carries its 144% stake in Nissan.\n")
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert out["files"][0]["path"] == "<stdin>"
    assert [f["text"] for f in out["files"][0]["findings"]] == ["144%"]


def test_stdin_filename_gives_stdin_its_markup_path_configuration_and_waivers(tmp_path, monkeypatch):
    """As in ruff and prettier: stdin is read as the file --stdin-filename names."""
    story = ("<!-- copydesk: ignore CD101 -->\nRenault carries its 144% stake in Nissan.\n\n"
             "Renault carries its 145% stake in Nissan.\n")

    def found(*args):
        result = invoke("--format", "json", *args, "-", input=story)
        return [(f["path"], finding["text"]) for f in json.loads(result.stdout)["files"] for finding in f["findings"]]

    monkeypatch.chdir(tmp_path)
    assert found() == [("<stdin>", "144%"), ("<stdin>", "145%")]  # plain text: the comment is text
    # Markdown by its suffix: the comment silences its paragraph; findings carry the name.
    assert found("--stdin-filename", "news/story.md") == [("news/story.md", "145%")]
    assert invoke("--stdin-filename", "news/story.md", "-", input=story).output.startswith("news/story.md:4:21: CD101")
    # Configuration from the name's folder, not the current one.
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / ".copydesk.toml").write_text('exclude-rules = ["CD101"]\n', encoding="utf-8")
    assert found("--stdin-filename", "news/story.md") == []
    assert found("--stdin-filename", "sport/story.md") == [("sport/story.md", "145%")]
    # Waivers' path globs match the name.
    (tmp_path / "waivers.yml").write_text('- {rule: CD101, text: 145%, path: "sport/*"}\n', encoding="utf-8")
    assert found("--waivers", "waivers.yml", "--stdin-filename", "sport/story.md") == []
    assert found("--waivers", "waivers.yml", "--stdin-filename", "opinion/story.md") == [("opinion/story.md", "145%")]


def test_stdin_filename_without_stdin_is_a_usage_error():
    result = invoke("--stdin-filename", "story.md", SEED)
    assert result.exit_code == 2
    assert result.stderr == "check: error: --stdin-filename names stdin: give - among the paths (see check --help)\n"


def test_missing_file_is_one_line_and_the_rest_of_the_batch_is_checked(tmp_path):
    result = CliRunner().invoke(main, ["--format", "json", str(tmp_path / "nope.txt"), SEED])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"check: error: {tmp_path / 'nope.txt'}: no such file"
    out = json.loads(result.stdout)
    assert [f["path"] for f in out["files"]] == [SEED]
    assert out["errors"] == [f"{tmp_path / 'nope.txt'}: no such file"]  # recorded, as SARIF does
    assert out["summary"]["findings"] == 6
    assert json.loads(invoke("--format", "json", SEED).stdout)["errors"] == []


def test_with_no_file_checked_the_text_report_is_not_printed(tmp_path):
    result = invoke(str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stdout == ""  # not "no findings in 0 files"
    assert result.stderr == f"check: error: {tmp_path / 'missing.txt'}: no such file\n"
    # Every path left out by the exclude globs: said on stderr, not silently clean.
    result = invoke("--exclude", "*.txt", SEED)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "check: warning: no file to check: every path given was left out by the exclude globs\n"


def test_folder_is_checked_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "a.txt")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    out = json.loads(invoke("--format", "json", str(tmp_path)).output)
    assert [f["path"] for f in out["files"]] == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_no_path_is_a_usage_error():
    assert invoke().exit_code == 2


def boom(*args, **kwargs):
    raise RuntimeError("boom")


@pytest.mark.parametrize("args, env, traceback", [
    ([], {}, False),
    (["--debug"], {}, True),
    ([], {"COPYDESK_DEBUG": "1"}, True),
    ([], {"COPYDESK_DEBUG": "0"}, False),
])
def test_an_internal_error_is_one_line_and_debug_shows_its_traceback(monkeypatch, args, env, traceback):
    monkeypatch.setattr("checks.report.text.render", boom)  # a bug after the check, where run() alone caught it
    result = CliRunner().invoke(main, [*args, SEED], env=env)
    assert result.exit_code == 2
    assert result.stderr.endswith("check: error: internal error: RuntimeError: boom\n")
    assert result.stderr.startswith("Traceback (most recent call last):") is traceback
    assert ('in boom\n    raise RuntimeError("boom")' in result.stderr) is traceback
    if not traceback:
        assert len(result.stderr.splitlines()) == 1


@pytest.mark.subprocess
@pytest.mark.parametrize("debug", [False, True])
def test_run_reduces_an_error_outside_the_command_to_one_line_unless_debugging(debug):
    code = ("import sys, checks.cli as cli\n"
            "def boom(): raise RuntimeError('boom')\n"
            "cli.main = boom\n"
            f"sys.argv = ['check', *{['--debug'] if debug else []}, 'a.txt']\n"
            "cli.run()\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.endswith("check: error: internal error: RuntimeError: boom\n")
    assert ("Traceback (most recent call last):" in run.stderr) is debug


@pytest.mark.subprocess
def test_help_and_version_do_not_import_great_expectations():
    code = (
        "import sys; from click.testing import CliRunner; from checks.cli import main; "
        "assert CliRunner().invoke(main, ['--version']).output.startswith('copydesk, version'); "
        "assert 'Usage' in CliRunner().invoke(main, ['--help']).output; "
        "print('great_expectations' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_data_docs_are_written(tmp_path):
    docs = tmp_path / "report"
    result = invoke("--docs", str(docs), SEED)
    assert result.exit_code == 1
    assert result.stderr == f"check: report written to {docs / 'index.html'}\n"
    assert (docs / "index.html").is_file()
    index = (docs / "gx" / "index.html").read_text(encoding="utf-8")  # GX's site; copydesk's pages beside it
    pages = list((docs / "gx" / "validations").rglob("*.html"))
    suites = {p.relative_to(docs / "gx" / "validations").parts[0] for p in pages}
    assert suites == {path.stem for path in default_rules_dir().glob("*.yml") if path.name != "registry.yml"}
    assert "entity-spelling" in index
    [spelling] = [p for p in pages if "entity-spelling" in p.parts]
    page = spelling.read_text(encoding="utf-8")
    # the failed expectation with its unexpected value (the match kind of "the Echoes" and "Vektor",
    # both registered misspellings)
    assert "Failed" in page and "misspelling" in page


def copy_rules(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    return rules


def rule_file_error(tmp_path, monkeypatch, filename, old, new):
    rules = copy_rules(tmp_path)
    path = rules / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    read = []
    monkeypatch.setattr("checks.api.read_document", lambda *a: read.append(a))
    result = CliRunner().invoke(main, ["--rules-dir", str(rules), SEED])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert read == []  # stopped before any article was read
    return result.stderr.strip().replace(str(rules) + "/", "")


@pytest.mark.parametrize("filename, old, new, error", [
    ("percent-range.yml", "code: CD101", "code: CD201", "percent-range.yml: rule 'CD201' is already defined in"),
    ("percent-range.yml", "    severity: error", "    severity: error\n    colour: red",
     "percent-range.yml:9: rule CD101: unknown key 'colour' (known: category, code, description, examples, expect, link, "
     "message, name, rationale, severity, suggestion, where)"),
    # Checked whole against the table before any article is read: the table, its columns, the
    # messages' fields, the relation's parameters.
    ("ranges.yml", "table: ranges", "table: rangez",
     "ranges.yml:2: table: unknown table 'rangez' (known: anchors, calendar, changes"),
    ("ranges.yml", "{low} is more than {high}", "{lwo} is more than {high}",
     "ranges.yml:17: rule CD113: message (en): no field {lwo} in table 'ranges' (fields: currency, doc_id, end, fact_id, high, "
     "kind, low, ordered"),
    ("ranges.yml", "column: ordered", "column: orderd", "ranges.yml:13: rule CD113: expect: table 'ranges' has no column 'orderd'"),
    ("stake-moves.yml", "when: {move: raise}", "when: {mvoe: raise}",
     "stake-moves.yml:21: rule CD115: message: table 'stake_moves' has no column 'mvoe'"),
    ("conversions.yml", "  min_conversions:", "  min_conversion:",
     "conversions.yml:5: parameters: 'min_conversion' is not a parameter of table 'conversions' (its parameters: "
     "min_conversions, hedge_discount)"),
    ("anchors.yml", "parameters:\n  slack_years:\n    default: 1\n    description: how many years short of the publication "
     "year a duration may fall (durations are counted in whole years)\n", "",
     "anchors.yml:2: parameters: table 'anchors' needs parameter 'slack_years' (with a default and a description)"),
    ("ranges.yml", "      fr: \"la fourchette", "      de: \"la fourchette",
     "ranges.yml:18: rule CD113: message: missing key 'fr'"),
    ("percent-range.yml", "expect_column_values_to_be_between", "expect_the_moon",
     "percent-range.yml:13: rule CD101: expect: unknown expectation type 'expect_the_moon'"),
    ("percent-range.yml", "rules:", "rules: [", "percent-range.yml:5:3: YAML error:"),
    ("percent-range.yml", "severity: error", "severity: fatal",
     "percent-range.yml:8: rule CD101: severity: 'fatal' is not one of error, warning, info"),
    ("percent-range.yml", "    severity: error", "    severity: error\n    severity: warning",
     "percent-range.yml:9:5: YAML error: duplicate key 'severity'"),
    ("boilerplate.yml", "(?i)^\\W*(?:leave", "(?i)^\\W*((?:leave",
     "boilerplate.yml:10: rule CD501: expect: the regex"),
    ("registry.yml", "  - name: Verkor\n    kind: battery maker\n",
     "  - name: Verkor\n    kind: battery maker\n    alias: [Vektor]\n",
     "registry.yml:506: Verkor: unknown key 'alias' (known: aliases, distinct, examples, kind, languages, misspellings, name)"),
    ("registry.yml", "  - name: Verkor\n    kind: battery maker\n",
     "  - name: Verkor\n    kind: battery maker\n    aliases: Vektor\n",
     "registry.yml:506: Verkor: 'aliases' must be a list"),
    # Safe loading: a tag that would construct a Python object (here, run a command) is refused.
    ("registry.yml", "  - name: Verkor\n    kind: battery maker\n",
     "  - name: Verkor\n    kind: !!python/object/apply:os.system ['touch /tmp/copydesk-pwned']\n",
     "registry.yml:505:11: YAML error: could not determine a constructor"),
])
def test_bad_rule_files_are_one_line_naming_file_line_and_key(tmp_path, monkeypatch, filename, old, new, error):
    err = rule_file_error(tmp_path, monkeypatch, filename, old, new)
    assert err.startswith(f"check: error: {error}"), err


def test_rule_examples_stay_packaged_with_the_module():
    assert (default_rules_dir() / "registry.yml").is_file()


@pytest.mark.subprocess
def test_a_real_run_is_quiet_on_stderr(tmp_path):
    """No GX progress bars, warnings or log lines: stderr is for errors and where the report went."""
    run = subprocess.run(
        [sys.executable, "-m", "checks", "--docs", "docs", SEED],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert run.returncode == 1
    assert run.stderr == "check: report written to docs/index.html\n"
    assert run.stdout.strip().endswith("6 findings (5 errors, 1 warning) in 1 file")


def test_lang_overrides_detection():
    out = json.loads(invoke("--format", "json", "--lang", "fr", SEED).output)
    assert out["files"][0]["language"] == "fr"
    out = json.loads(invoke("--format", "json", SEED).output)
    assert out["files"][0]["language"] == "en"


def test_check_rules_prints_each_rule_as_configured_and_readme_table(tmp_path):
    """`check rules [CODE|GROUP]`: code, name, category, severity, what it checks and why,
    thresholds (as configured) and examples with their messages; markdown gives README's table."""
    (tmp_path / ".copydesk.toml").write_text('[severity]\nCD114 = "info"\n[thresholds]\nCD114 = {min_conversions = 2}\n',
                                             encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(tmp_path / ".copydesk.toml"), "rules", "CD114"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("CD114 arithmetic.conversion-rate  (arithmetic, info)\n")
    assert "  Why: Conversions are added by hand" in out and "threshold min_conversions = 2:" in out
    assert "-> '£16bn': $20.7bn (£16bn) implies 1.29 dollars per pound" in out
    assert "CD111" not in out
    group = CliRunner().invoke(main, ["rules", "date"]).stdout
    assert [line.split()[0] for line in group.splitlines() if line.startswith("CD")] == ["CD301", "CD302", "CD303"]
    table = CliRunner().invoke(main, ["rules", "--format", "markdown"]).stdout
    assert table.startswith("| code | name | category | severity | what it checks | thresholds |")
    unknown = CliRunner().invoke(main, ["rules", "CD999"])
    assert unknown.exit_code == 2 and "no rule, name or group 'CD999'" in unknown.stderr


def test_ctrl_c_wrapped_in_another_error_is_still_an_interruption(monkeypatch):
    """A KeyboardInterrupt that lands while a class is created (GX importing scipy) comes back as a
    RuntimeError: the editor pressed Ctrl-C, so the answer is 'interrupted', not an internal error."""
    def interrupted_import(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as e:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance '_df' in 'DunnettResult'") from e

    monkeypatch.setattr("checks.api.Checker.check_paths", interrupted_import)
    result = CliRunner().invoke(main, [SEED])
    assert (result.exit_code, result.stderr) == (130, "check: interrupted\n")
