"""Stage 5, findings: rows that failed a rule, mapped back to the characters they concern."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .model import LANGUAGES, Document
from .relations import TABLES, Relation
from .rules import Template, template_fields
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


def _written(templates: tuple[Template, ...], row: dict, lang: str, relation: Relation) -> str | None:
    """The first template that applies to the row, in the article's language, its fields filled:
    the table's columns as they are, the relation's fields (quantities) written in that language."""
    template = next((t for t in templates if t.applies(row)), None)
    if template is None:
        return None
    text = getattr(template, lang)
    needed = template_fields(text)
    values = {**row, **{name: f.render(row, lang) for name, f in relation.fields.items() if name in needed}}
    return text.format(**values) or None


def findings(violations: list[Violation], tables: dict[str, pd.DataFrame], documents: dict[int, Document],
             languages: dict[int, str]) -> list[Finding]:
    """`languages`: each document's language; messages are written in it (English for any other)."""
    indexed = {name: t.set_index(["doc_id", "fact_id"]) for name, t in tables.items()}
    result = []
    for v in violations:
        row = indexed[v.rule.table].loc[(v.doc_id, v.fact_id)].to_dict()
        row.update(doc_id=v.doc_id, fact_id=v.fact_id)
        start, end = int(row["start"]), int(row["end"])
        line, column = documents[v.doc_id].line_col(start)
        lang = languages.get(v.doc_id) if languages.get(v.doc_id) in LANGUAGES else "en"
        relation = TABLES[v.rule.table]
        result.append(
            Finding(
                doc_id=v.doc_id,
                rule=v.rule.code,
                name=v.rule.name,
                category=v.rule.category,
                severity=v.rule.severity,
                message=_written(v.rule.message, row, lang, relation),
                text=documents[v.doc_id].text[start:end],  # the file's characters; the message quotes the prose
                start=start,
                end=end,
                line=line,
                column=column,
                suggestion=_written(v.rule.suggestion, row, lang, relation),
            )
        )
    return sorted(result, key=lambda f: (f.doc_id, f.start, f.rule))
