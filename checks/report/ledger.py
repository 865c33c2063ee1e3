"""`--facts PATH`: the fact ledger, one row a fact, as CSV, JSON or Parquet (by the file's suffix)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from ..model import Result

# The ledger's columns, in order; README documents each.
COLUMNS = ["path", "language", "fact_id", "kind", "text", "start", "end", "line", "column", "sentence",
           "paragraph", "value", "low", "high", "tolerance", "unit", "currency", "date", "weekday", "hedge",
           "lead", "cues", "role", "canonical", "match"]


def ledger(result: Result) -> pd.DataFrame:
    facts = result.extraction.facts.merge(result.extraction.documents[["doc_id", "path", "language"]], on="doc_id")
    documents = {d.doc_id: d for d in result.documents}
    positions = [documents[d].line_col(s) for d, s in zip(facts["doc_id"], facts["start"])]
    facts["line"] = [line for line, _ in positions]
    facts["column"] = [column for _, column in positions]
    facts["weekday"] = facts["weekday"].astype("Int64")  # 0 = Monday, empty without one: never 3.0
    return facts[COLUMNS]


def write(result: Result, path: Path) -> None:
    suffix = path.suffix.lower()
    table = ledger(result)
    # Written beside the target and renamed over it: a failed run never leaves half a ledger.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(fd)
    try:
        if suffix == ".csv":
            table.to_csv(tmp, index=False)
        elif suffix == ".json":
            table.to_json(tmp, orient="records", force_ascii=False, indent=1)
        else:
            table.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
