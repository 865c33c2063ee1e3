"""Each written date: whether it exists, and whether its weekday is its own."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from ..render import Field
from . import relation


@relation("calendar",
          columns=["doc_id", "fact_id", "text", "start", "end", "exists", "weekday_known", "weekday_right",
                   "date", "day", "month", "weekday_written", "weekday_actual"],
          fields={"date": Field("date", "date"), "month": Field("month", "month"),
                  "written": Field("weekday", "weekday_written"), "actual": Field("weekday", "weekday_actual")})
def calendar(ex, parameters) -> pd.DataFrame:
    """Each written date: whether it exists (no 31 April), and whether its weekday is its own."""
    empty = calendar.relation.empty()
    dates = ex.facts[(ex.facts["kind"] == "date") & ex.facts["date"].str.match(r"^(?:\d{4}|--)-\d\d-\d\d$")]
    if dates.empty:
        return empty
    rows = []
    for row in dates.itertuples():
        year, month, day = row.date.split("-")[-3:] if not row.date.startswith("--") else ("", *row.date[2:].split("-"))
        try:
            # Without a year, 29 February may be right: read it in a leap year.
            actual = datetime.date(int(year) if year else 2000, int(month), int(day))
        except ValueError:
            actual = None
        weekday_known = actual is not None and bool(year) and not np.isnan(row.weekday)
        rows.append({"doc_id": row.doc_id, "fact_id": row.fact_id, "text": row.text, "start": row.start,
                     "end": row.end, "exists": actual is not None, "weekday_known": weekday_known,
                     "weekday_right": weekday_known and actual.weekday() == int(row.weekday),
                     "date": row.date, "day": int(day), "month": int(month),
                     "weekday_written": int(row.weekday) if weekday_known else -1,
                     "weekday_actual": actual.weekday() if actual is not None else -1})
    return pd.DataFrame(rows, columns=list(empty.columns))
