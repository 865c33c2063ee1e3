"""Stage 5, findings: rows that failed a rule, mapped back to the characters they concern."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .rules import Rule, RuleFileError
from .source import Document
from .validate import Violation


@dataclass(frozen=True)
class Finding:
    doc_id: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    start: int
    end: int
    line: int
    column: int
    suggestion: str | None

    def as_dict(self) -> dict:
        d = asdict(self)
        del d["doc_id"]
        return d


def _fill(template: str | None, row: dict, rule: Rule, key: str) -> str | None:
    if template is None:
        return None
    try:
        return template.format(**row)
    except (KeyError, IndexError, ValueError) as e:
        raise RuleFileError(f"{rule.source}: rule {rule.code}: {key} template {template!r}: no column {e}") from None


def findings(violations: list[Violation], tables: dict[str, pd.DataFrame], documents: dict[int, Document]) -> list[Finding]:
    indexed = {name: t.set_index(["doc_id", "fact_id"]) for name, t in tables.items()}
    result = []
    for v in violations:
        row = indexed[v.rule.table].loc[(v.doc_id, v.fact_id)].to_dict()
        start, end = int(row["start"]), int(row["end"])
        line, column = documents[v.doc_id].line_col(start)
        result.append(
            Finding(
                doc_id=v.doc_id,
                rule=v.rule.code,
                name=v.rule.name,
                category=v.rule.category,
                severity=v.rule.severity,
                message=_fill(v.rule.message, row, v.rule, "message"),
                text=documents[v.doc_id].text[start:end],  # the file's characters; the message quotes the prose
                start=start,
                end=end,
                line=line,
                column=column,
                suggestion=_fill(v.rule.suggestion, row, v.rule, "suggestion") or None,
            )
        )
    return sorted(result, key=lambda f: (f.doc_id, f.start, f.rule))
