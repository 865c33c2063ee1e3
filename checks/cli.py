"""`check`: a thin click shell over checks.api. Exit codes: 0 clean, 1 findings, 2 usage/input/rule error."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"check: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _ledger_path(ctx, param, path: Path | None) -> Path | None:
    """Refuse a ledger that cannot be written before any article is read."""
    if path is None:
        return None
    if path.suffix.lower() not in (".csv", ".json", ".parquet"):
        raise click.BadParameter("the fact ledger is written as .csv, .json or .parquet, by the file's suffix")
    if path.suffix.lower() == ".parquet" and not any(map(importlib.util.find_spec, ("pyarrow", "fastparquet"))):
        raise click.BadParameter("writing Parquet needs pyarrow or fastparquet (pip install pyarrow)")
    return path


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write Great Expectations Data Docs for the run into this folder.")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False, path_type=Path), callback=_ledger_path,
              help="Write the extracted facts (the fact ledger) to this .csv, .json or .parquet file.")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the articles (default: detected).")
@click.option("--date", "published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD), to which durations and relative years are anchored.")
@click.option("--entities", "entity_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Add or override registry entries from this YAML file or CSV of names (repeatable).")
@click.option("--rules-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use the rule suites and registry in this folder instead of the shipped ones.")
@click.version_option(__version__, prog_name="copydesk")
def main(paths: tuple[str, ...], fmt: str, docs_dir: Path | None, facts_path: Path | None, lang: str | None,
         published, entity_files: tuple[Path, ...], rules_dir: Path | None) -> None:
    """Check the facts of news articles (PATHS: files, folders, or - for stdin)."""
    from .api import Checker
    from .report import json as json_report, ledger, text as text_report
    from .rules import RuleFileError
    from .validate import ValidationError

    try:
        checker = Checker(rules_dir=rules_dir, language=lang, docs_dir=docs_dir, entities=list(entity_files),
                          published=published.date().isoformat() if published else "")
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
    if facts_path is not None:
        try:
            ledger.write(result, facts_path)
        except OSError as e:
            _fail(f"{facts_path}: cannot write the fact ledger ({e.strerror})")
    if docs_dir is not None:
        try:
            checker.write_docs()
        except OSError as e:
            _fail(f"{docs_dir}: cannot write Data Docs ({e.strerror})")
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)
