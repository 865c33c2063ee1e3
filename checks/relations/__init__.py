"""Stage 3, relate: derived tables that put facts side by side, computed in pandas.

One module here per relation: it registers its table with `@relation`, naming the columns the table
has, the message fields computed from a row (quantities written in the article's language by
checks.render), and the parameters it reads, whose defaults and wording live in the rule file
(rules/<table>.yml) that checks the table. A new relation is one module here and one rule file.
Every row carries doc_id, fact_id, text, start and end: the span of the fact a finding points at.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..extract import FACT_COLUMNS, PARAGRAPH_COLUMNS, Extraction
from ..render import Field

# Every row of every table has these: where the finding points.
SPAN = ("doc_id", "fact_id", "text", "start", "end")


@dataclass(frozen=True)
class Relation:
    table: str
    columns: tuple[str, ...]
    fields: dict[str, Field | Correction] = field(default_factory=dict)
    parameters: tuple[str, ...] = ()
    compute: Callable[[Extraction, dict[str, Any]], pd.DataFrame] | None = None  # None: an extracted table
    doc: str = ""

    def empty(self) -> pd.DataFrame:
        return pd.DataFrame(columns=list(self.columns))


class Correction:
    """A registered name as a suggestion for the words it replaces: what the article wrote right at
    the end stays as written ("Volkswagon group" -> "Volkswagen group", not "Volkswagen Group")."""

    columns = {"text", "canonical"}

    def render(self, row: dict[str, Any], lang: str) -> str:
        written, right = row["text"].split(), row["canonical"].split()
        kept = []
        while len(written) > 1 and len(right) > 1 and written[-1].casefold() == right[-1].casefold():
            kept.insert(0, written.pop())
            right.pop()
        return " ".join(right + kept)


TABLES: dict[str, Relation] = {
    "facts": Relation("facts", tuple(FACT_COLUMNS), {"correction": Correction()},
                      doc="the facts extracted, one row a fact"),
    "paragraphs": Relation("paragraphs", tuple(PARAGRAPH_COLUMNS), doc="the paragraphs, one row a paragraph"),
}


def relation(table: str, columns: list[str], fields: dict[str, Field] | None = None, parameters: tuple[str, ...] = ()):
    """Registers the decorated function as the one that computes `table`."""
    missing = set(SPAN) - set(columns)
    assert not missing, f"relation {table}: columns lack {missing}"
    for name, f in (fields or {}).items():
        assert f.columns <= set(columns), f"relation {table}: field {name} reads columns it does not have"

    def register(compute):
        compute.relation = TABLES[table] = Relation(table, tuple(columns), dict(fields or {}), tuple(parameters),
                                                    compute, (compute.__doc__ or "").strip().split("\n\n")[0])
        return compute

    return register


for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")


def relate(ex: Extraction, wanted: dict[str, dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """The tables the rules ask for (table -> its parameters): extracted ones as they are, derived ones computed."""
    base = {"facts": ex.facts, "paragraphs": ex.paragraphs}
    unknown = wanted.keys() - TABLES.keys()
    if unknown:
        raise KeyError(f"no table named {sorted(unknown)[0]!r}")
    return {name: base[name] if name in base else TABLES[name].compute(ex, wanted[name]) for name in sorted(wanted)}
