"""Stage 4, validate: rule suites compiled into Great Expectations suites and run on the tables.

GX is imported here, once and late: `check --help` and `--version` never pay for it.
"""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .rules import Rule, RuleFileError, Suite

INDEX_COLUMNS = ["doc_id", "fact_id"]
# What the Data Docs list for every unexpected row: its ids and the text it concerns.
SHOWN_COLUMNS = [*INDEX_COLUMNS, "text"]
DOCS_SITE = "copydesk"


class ValidationError(Exception):
    """GX could not evaluate a rule: an internal error, not a finding."""


@dataclass(frozen=True)
class Violation:
    rule: Rule
    doc_id: int
    fact_id: int


def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx
    from great_expectations.execution_engine import pandas_execution_engine

    # GX hashes every batch whole for a fingerprint in the result's metadata, which nothing here reads:
    # for Reuters' 100,000 paragraphs, 130 MB at once (the peak of a 19,000-file run).
    pandas_execution_engine.HASH_THRESHOLD = 0
    return gx


def _raised(info: dict) -> str | None:
    """The first line of the error an expectation raised, if it raised. GX reports it either at the
    top level or per metric, keyed by metric id."""
    infos = [info] if "raised_exception" in info else [i for i in info.values() if isinstance(i, dict)]
    for i in infos:
        if i.get("raised_exception"):
            lines = (i.get("exception_message") or "unknown error").strip().splitlines()
            return lines[0] if lines else "unknown error"
    return None


def _columns_read(suite: Suite) -> set[str]:
    """The columns a suite's rules read, and the ids findings are reported by."""
    used = set(SHOWN_COLUMNS)
    for rule in suite.rules:
        used |= {rule.column, *rule.where}
        used |= {v for k, value in rule.expect.items() if k.startswith("column")
                 for v in (value if isinstance(value, list) else [value])}
    return used


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def compile_suite(gx, suite: Suite):
    """One GX suite per rule file. Each rule gives its expectation and a guard: the column it checks
    has a value in every row the rule applies to, since GX passes nulls silently."""
    from great_expectations.expectations.row_conditions import Column

    gx_suite = gx.ExpectationSuite(name=suite.name)
    for rule in suite.rules:
        cls = getattr(gx.expectations, _camel(rule.expect["type"]), None)
        if cls is None:
            raise RuleFileError(f"{rule.source}: rule {rule.code}: unknown expectation type {rule.expect['type']!r}")
        condition = None
        for column, value in rule.where.items():
            term = Column(column) == value
            condition = term if condition is None else condition & term
        common: dict[str, Any] = {"row_condition": condition} if condition is not None else {}
        kwargs = {k: v for k, v in rule.expect.items() if k != "type"}
        try:
            # The Data Docs show the description and the notes: the rule's code, what it checks and why.
            gx_suite.add_expectation(cls(**kwargs, **common, meta={"code": rule.code, "name": rule.name},
                                         description=f"{rule.code} {rule.name}: {rule.description}",
                                         notes=rule.rationale or None))
        except Exception as e:  # pydantic rejects unknown or ill-typed arguments
            first = str(e).strip().splitlines()
            raise RuleFileError(f"{rule.source}: rule {rule.code}: bad 'expect': {first[-1] if first else e}") from None
        gx_suite.add_expectation(
            gx.expectations.ExpectColumnValuesToNotBeNull(
                column=rule.column, **common, meta={"code": rule.code, "guard": True},
                description=f"{rule.code}: every row it checks has a value in {rule.column!r} (nulls would pass unseen)")
        )
    return gx_suite


class Validator:
    """An ephemeral GX context holding the compiled suites; `run` validates each table once per suite."""

    def __init__(self, suites: list[Suite], docs_dir: Path | None = None):
        gx = _gx()
        from great_expectations.core.batch_definition import BatchDefinition
        from great_expectations.data_context.types.base import ProgressBarsConfig
        from great_expectations.datasource.fluent.pandas_datasource import DataFrameAsset

        self.gx = gx
        self.suites = suites
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        self.docs_dir = docs_dir
        # The latest run's validation result of each suite: its key in GX's store (its Data Docs page).
        self.last_run: dict[str, Any] = {}
        self.rules = {rule.code: rule for suite in suites for rule in suite.rules}
        self.columns = {suite.name: _columns_read(suite) for suite in suites}
        # All assets in one call: GX writes its whole configuration out as YAML after each addition.
        source = self.context.data_sources.add_pandas("copydesk", assets=[
            DataFrameAsset(name=suite.name, batch_definitions=[BatchDefinition(name=suite.table)]) for suite in suites])
        self.definitions = []
        for suite in suites:
            gx_suite = self.context.suites.add(compile_suite(gx, suite))
            batch = source.get_asset(suite.name).get_batch_definition(suite.table)
            definition = gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
            self.definitions.append((suite, self.context.validation_definitions.add(definition)))

    def run(self, tables: dict[str, pd.DataFrame]) -> list[Violation]:
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )
        from great_expectations.core.run_identifier import RunIdentifier

        violations = []
        self.last_run = {}
        now = datetime.now(UTC)
        run_id = RunIdentifier(run_name=f"copydesk {now:%Y-%m-%d %H:%M:%S}", run_time=now)
        for suite, definition in self.definitions:
            table = tables[suite.table]
            for rule in suite.rules:
                missing = ({rule.column} | rule.where.keys()) - set(table.columns)
                if missing:
                    raise RuleFileError(f"{rule.source}: rule {rule.code}: table {suite.table!r} has no column "
                                        f"{sorted(missing)[0]!r}")
            if table.empty and self.docs_dir is None:
                continue  # nothing to find; Data Docs, when asked for, still show every suite
            # GX copies the whole frame for each rule's row filter: it gets only the columns the rules read.
            used = self.columns[suite.name]
            result = definition.run(
                batch_parameters={"dataframe": table[[c for c in table.columns if c in used]]},
                result_format={"result_format": "COMPLETE", "unexpected_index_column_names": SHOWN_COLUMNS},
                run_id=run_id,
            )
            self.last_run[suite.name] = ValidationResultIdentifier(
                expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite.name),
                run_id=result.meta["run_id"], batch_identifier=result.batch_id)
            for r in result.results:
                meta = r.expectation_config.meta
                rule = self.rules[meta["code"]]
                raised = _raised(r.exception_info)
                if raised is not None:
                    raise ValidationError(f"rule {rule.code} ({suite.path}) could not run: {raised}")
                if r.success:
                    continue
                unexpected = r.result.get("unexpected_index_list") or []
                if meta.get("guard"):
                    raise ValidationError(
                        f"rule {rule.code}: column {rule.column!r} of table {suite.table!r} "
                        f"has no value in {len(unexpected)} row(s)"
                    )
                violations.extend(Violation(rule, int(u["doc_id"]), int(u["fact_id"])) for u in unexpected)
        return violations

    def build_docs(self, into: Path | None = None) -> None:
        """Build the Data Docs of every validation run so far into `into` (default: docs_dir). The site
        is configured here, not at start, so that a report can be built in a temporary folder."""
        into = into or self.docs_dir
        if into is None:
            return
        config = {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(Path(into).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
        if DOCS_SITE in self.context.list_data_docs_sites():
            self.context.update_data_docs_site(DOCS_SITE, config)
        else:
            self.context.add_data_docs_site(site_name=DOCS_SITE, site_config=config)
        self.context.build_data_docs(site_names=[DOCS_SITE])
