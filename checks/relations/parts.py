"""Shares of one whole that add up to more than the whole."""

from __future__ import annotations

import pandas as pd
import regex

from ..render import Field
from . import relation


@relation("parts",
          columns=["doc_id", "fact_id", "text", "start", "end", "consistent", "written", "total"],
          fields={"total": Field("percent", "total")})
def parts(ex, parameters) -> pd.DataFrame:
    """Shares of one whole must not add up to more than 100% (each read down to half a unit of its
    last digit). Judged where the sentence says it shares out a whole ("split", "respectively",
    "répartis") and lists three shares or more, or writes a split of two ("60-40%", "55% to 45%");
    none of them a change."""
    facts = ex.facts
    shares = facts[(facts["kind"] == "percent") & (facts["role"] != "change") & (facts["hedge"] == "")]
    # Keep only the sentences that share out a whole before looping over sentences: few do.
    split = shares["cues"].str.contains("split").groupby([shares["doc_id"], shares["sentence"]]).transform("any")
    shares = shares[split]
    rows = []
    for (doc_id, _), group in shares.groupby(["doc_id", "sentence"]):
        splits = group[group["value"].isna()]
        singles = group[group["value"].notna()]
        two_joined = len(singles) == 2 and bool(regex.fullmatch(r"to|à|and|et", singles["lead"].iloc[1]))
        parts_of = [(r["text"], [r], [r["low"], r["high"]], r["tolerance"] * 2) for _, r in splits.iterrows()]
        if len(singles) >= 3 or two_joined:
            rows_ = [r for _, r in singles.iterrows()]
            parts_of.append((" + ".join(singles["text"]), rows_, list(singles["value"]), singles["tolerance"].sum()))
        for written, members, values, tolerance in parts_of:
            last = members[-1]
            rows.append({"doc_id": doc_id, "fact_id": last["fact_id"], "text": last["text"], "start": last["start"],
                         "end": last["end"], "consistent": bool(sum(values) - tolerance <= 100),
                         "written": written, "total": sum(values)})
    return pd.DataFrame(rows, columns=list(parts.relation.columns))
