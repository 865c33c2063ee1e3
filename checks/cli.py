"""`check`: a thin click shell over checks.api. Exit codes: 0 nothing at or above the fail threshold,
1 findings, 2 usage, input, configuration or rule-file error."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .config import FAIL_ON, Settings
from .model import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")  # markdown: `check rules` only


def _fail(message: str) -> None:
    click.echo(f"check: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _report_bug(e: Exception, debug: bool) -> None:
    """A bug: one line for the editor; the whole traceback too with --debug or COPYDESK_DEBUG=1."""
    if debug or os.environ.get("COPYDESK_DEBUG", "") not in ("", "0"):
        click.echo("".join(traceback.format_exception(e)).rstrip(), err=True)
    click.echo(f"check: error: internal error: {type(e).__name__}: {e}", err=True)


def _remember_debug(ctx, param, debug: bool) -> None:
    ctx.meta["copydesk.debug"] = debug


def _ledger_path(ctx, param, path: Path | None) -> Path | None:
    """Refuse a ledger that cannot be written before any article is read."""
    if path is None:
        return None
    if path.suffix.lower() not in (".csv", ".json", ".parquet"):
        raise click.BadParameter("the fact ledger is written as .csv, .json or .parquet, by the file's suffix")
    if path.suffix.lower() == ".parquet" and not any(map(importlib.util.find_spec, ("pyarrow", "fastparquet"))):
        raise click.BadParameter("writing Parquet needs pyarrow or fastparquet (pip install pyarrow)")
    return path


def _docs_path(ctx, param, path: Path | None) -> Path | None:
    """Refuse a report folder that cannot be replaced before any article is read."""
    if path is not None:
        from .report.html import ReportError, check_replaceable

        try:
            check_replaceable(path)
        except ReportError as e:
            raise click.BadParameter(str(e)) from None
    return path


def _colour(ctx, param, wanted: bool | None) -> None:
    """--color/--no-color, else none when NO_COLOR is set and not empty (https://no-color.org), else
    colour on a terminal only. Every click.echo of this run follows ctx.color."""
    if wanted is None and os.environ.get("NO_COLOR"):
        wanted = False
    ctx.color = wanted


def _comma_list(ctx, param, values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _start_folder(paths: tuple[str, ...], stdin_name: str | None) -> Path:
    """Where configuration is looked for: the checked files' common folder (for stdin, its
    --stdin-filename's, else the current one)."""
    named = [stdin_name if p == "-" else p for p in paths]
    real = [os.path.abspath(p) for p in named if p]
    if not real:
        return Path.cwd()
    common = Path(os.path.commonpath(real))
    return common if common.is_dir() else common.parent


class OneLineErrors(click.Command):
    """Usage errors as one line on stderr, like every other error, instead of click's four."""

    def main(self, *args, **kwargs):
        if not kwargs.pop("standalone_mode", True):
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as e:
            _fail(f"{e.format_message().rstrip('.')} (see check --help)")
        except click.Abort:
            click.echo("check: interrupted", err=True)
            sys.exit(130)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as e:  # never a traceback for an editor: one line, exit 2
            if _interrupted(e):
                raise click.Abort() from e
            _report_bug(e, ctx.meta.get("copydesk.debug", False))
            sys.exit(EXIT_ERROR)


def _interrupted(error: BaseException) -> bool:
    """Whether Ctrl-C is what went wrong: Python wraps a KeyboardInterrupt that lands in some places
    (a class being created while Great Expectations imports scipy) in another error."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


@click.command(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text for people, json (copydesk/findings/v1), sarif (2.1.0), github "
                   "(workflow annotations), junit (XML).")
@click.option("--fail-on", type=click.Choice(FAIL_ON),
              help="Exit 1 when a finding of this severity or above is left (default: warning).")
@click.option("--rules", "select", multiple=True, callback=_comma_list, metavar="CODE,NAME,GROUP",
              help="Check only these rules: codes (CD201), names (entity.misspelling) or groups (entity, arithmetic).")
@click.option("--exclude-rules", multiple=True, callback=_comma_list, metavar="CODE,NAME,GROUP",
              help="Do not check these rules.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="File names read from folders (repeatable; default: *.txt *.md *.html and kin).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Paths left out (repeatable), e.g. 'drafts/*'.")
@click.option("--waivers", type=click.Path(exists=True, dir_okay=False),
              help="YAML file of accepted findings (rule, text, optional context); unused ones are reported.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this .copydesk.toml or pyproject.toml instead of the one found from the files' folder upward.")
@click.option("--stdin-filename", metavar="PATH",
              help="The path stdin (-) stands for: its suffix gives the markup (.md, .html), its folder the "
                   "configuration, and waivers and reports use it.")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path), callback=_docs_path,
              help="Write the reports into this folder (replaced whole): annotated articles, an index, "
                   "and Great Expectations Data Docs, readable offline.")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False, path_type=Path), callback=_ledger_path,
              help="Write the extracted facts (the fact ledger) to this .csv, .json or .parquet file.")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the articles (default: detected).")
@click.option("--date", "published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD), to which durations and relative years are anchored.")
@click.option("--entities", "entity_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Add or override registry entries from this YAML file or CSV of names (repeatable).")
@click.option("--rules-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use the rule suites and registry in this folder instead of the shipped ones.")
@click.option("--color/--no-color", default=None, callback=_colour, expose_value=False,
              help="Colour the text output, or not (default: on a terminal, unless NO_COLOR is set).")
@click.option("--debug", is_flag=True, is_eager=True, expose_value=False, callback=_remember_debug,
              help="Show the traceback of an internal error, not just its line (also: COPYDESK_DEBUG=1).")
@click.version_option(__version__, prog_name="copydesk")
def main(paths: tuple[str, ...], fmt: str, fail_on: str | None, select: list[str], exclude_rules: list[str],
         include: tuple[str, ...], exclude: tuple[str, ...], waivers: str | None, config_file: Path | None,
         stdin_filename: str | None, docs_dir: Path | None, facts_path: Path | None, lang: str | None, published,
         entity_files: tuple[str, ...], rules_dir: Path | None) -> None:
    """Check the facts of news articles.

    PATHS are files (plain text, Markdown, HTML), folders (read recursively), or - for stdin.
    `check config [PATH]` prints the configuration that applies to PATH and where each value comes from.
    `check rules [CODE|NAME|GROUP...]` prints the rules as configured here: what each checks and why,
    its thresholds and examples (`--format markdown`: README's table). A folder named rules: ./rules.
    """
    from .config import ConfigError, load_config, render
    from .rules import RuleFileError

    showing_config = paths[0] == "config" and not Path("config").exists()
    showing_rules = paths[0] == "rules"
    if showing_config:
        paths = paths[1:] or (".",)
    if showing_rules:
        paths, select = (".",), [*select, *paths[1:]]
    elif fmt == "markdown":
        _fail("--format markdown is for check rules (see check --help)")
    if stdin_filename is not None and "-" not in paths:
        _fail("--stdin-filename names stdin: give - among the paths (see check --help)")
    command_line = {
        "fail-on": fail_on, "rules": select, "exclude-rules": exclude_rules, "include": include,
        "exclude": exclude, "waivers": waivers, "language": lang, "entities": entity_files,
        "date": published.date().isoformat() if published else None,
    }
    try:
        start = config_file or _start_folder(paths, stdin_filename)
        config = load_config(start, command_line, explicit=config_file is not None)
    except ConfigError as e:
        _fail(str(e))
    if showing_config:
        click.echo(render(config))
        sys.exit(EXIT_CLEAN)
    setting = {key: s.value for key, s in config.items()}
    settings = Settings(
        rules_dir=rules_dir, language=setting["language"], docs_dir=docs_dir, entities=setting["entities"],
        published=setting["date"] or "", extra_rules=setting["extra-rules"], select=setting["rules"],
        exclude=setting["exclude-rules"], severity=setting["severity"], thresholds=setting["thresholds"],
        waivers=setting["waivers"], include=setting["include"], exclude_paths=setting["exclude"],
        outputs=[facts_path] if facts_path else [], words=setting["words"],
    )
    if showing_rules:
        _show_rules(settings, fmt)

    from .api import Checker
    from .report import ledger

    try:
        checker = Checker(settings)
        result = checker.check_paths(list(paths), stdin_filename)
    except RuleFileError as e:
        _fail(str(e))
    for error in result.errors:
        click.echo(f"check: error: {error}", err=True)
    for waiver in result.unused_waivers:
        click.echo(f"check: warning: {waiver.where} ({waiver.rule} {waiver.text!r}) matched no finding", err=True)
    if not result.documents and not result.errors:
        click.echo("check: warning: no file to check: every path given was left out by the exclude globs", err=True)
    # With no file checked, a text report would only say "no findings in 0 files" beside the errors.
    if result.documents or fmt != "text":
        click.echo(importlib.import_module(f".report.{fmt}", __package__).render(result))
    if facts_path is not None:
        try:
            ledger.write(result, facts_path)
        except OSError as e:
            _fail(f"{facts_path}: cannot write the fact ledger ({e.strerror})")
    if docs_dir is not None:
        from .report.html import ReportError

        try:
            checker.write_docs(result)
        except ReportError as e:
            _fail(str(e))
        except OSError as e:
            _fail(f"{docs_dir}: cannot write the reports ({e.strerror})")
        click.echo(f"check: report written to {docs_dir / 'index.html'}", err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    # What fails the run: findings of fail-on's severity or a more severe one (none for "never").
    failing = SEVERITIES[:SEVERITIES.index(setting["fail-on"]) + 1] if setting["fail-on"] in SEVERITIES else ()
    sys.exit(EXIT_FINDINGS if any(f.severity in failing for f in result.findings) else EXIT_CLEAN)


def _show_rules(settings: Settings, fmt: str) -> None:
    from .api import configured_suites
    from .rules import RuleFileError, describe, rules_table

    if fmt not in ("text", "markdown"):
        _fail(f"check rules prints text or markdown, not {fmt}")
    try:
        suites = configured_suites(settings)
    except RuleFileError as e:
        _fail(str(e))
    click.echo(rules_table(suites) if fmt == "markdown" else describe(suites))
    sys.exit(EXIT_CLEAN)


def run() -> None:
    """The console scripts' entry: `main`, then an immediate exit. Every output is written, renamed
    into place and flushed by then; letting the interpreter tear down Great Expectations' and
    pandas' objects one by one would add about 0.5 s to every run."""
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as e:
        if isinstance(e.code, str):
            click.echo(e.code, err=True)
        code = e.code if isinstance(e.code, int) else (EXIT_ERROR if e.code else EXIT_CLEAN)
    except Exception as e:  # a bug outside the command (in click itself): still one line for the editor
        _report_bug(e, "--debug" in sys.argv[1:])
        code = EXIT_ERROR
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
