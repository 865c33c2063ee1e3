"""Ranges of money or percentages, and whether their ends come in order."""

from __future__ import annotations

import pandas as pd

from ..render import Field
from . import relation


@relation("ranges",
          columns=["doc_id", "fact_id", "text", "start", "end", "ordered", "kind", "low", "high", "currency"],
          fields={"low": Field("figure", "low", "currency"), "high": Field("figure", "high", "currency")})
def ranges(ex, parameters) -> pd.DataFrame:
    """Ranges of money or percentages, and whether their ends come in order."""
    facts = ex.facts
    spans = facts[facts["kind"].isin(["money", "percent"]) & facts["value"].isna() & facts["low"].notna()]
    # French "de 75 % à 50 %" is a change as often as a range: only "entre", "between" and dashes
    # count; and "a 60-40% split" shares out a whole (see parts).
    spans = spans[~spans["text"].str.match(r"(?i)d(?:e\s|['’])") & ~spans["cues"].str.contains("split")]
    return spans.assign(ordered=spans["low"] <= spans["high"])[list(ranges.relation.columns)].reset_index(drop=True)
