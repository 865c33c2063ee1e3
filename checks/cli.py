"""`check`: a thin click shell over checks.api. Exit codes: 0 clean, 1 findings, 2 usage/input/rule error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"check: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write Great Expectations Data Docs for the run into this folder.")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the articles (default: detected).")
@click.option("--rules-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use the rule suites and registry in this folder instead of the shipped ones.")
@click.version_option(__version__, prog_name="copydesk")
def main(paths: tuple[str, ...], fmt: str, docs_dir: Path | None, lang: str | None, rules_dir: Path | None) -> None:
    """Check the facts of news articles (PATHS: files, folders, or - for stdin)."""
    from .api import Checker
    from .report import json as json_report, text as text_report
    from .rules import RuleFileError
    from .validate import ValidationError

    try:
        checker = Checker(rules_dir=rules_dir, language=lang, docs_dir=docs_dir)
        result = checker.check_paths(list(paths))
    except RuleFileError as e:
        _fail(str(e))
    except ValidationError as e:
        _fail(f"internal error: {e}")
    except Exception as e:  # never a traceback for an editor: one line, exit 2
        _fail(f"internal error: {type(e).__name__}: {e}")
    for error in result.errors:
        click.echo(f"check: error: {error}", err=True)
    click.echo(json_report.render(result) if fmt == "json" else text_report.render(result))
    if docs_dir is not None:
        try:
            checker.write_docs()
        except OSError as e:
            _fail(f"{docs_dir}: cannot write Data Docs ({e.strerror})")
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)
