"""A stated change against the two amounts it joins."""

from __future__ import annotations

import pandas as pd

from ..render import Field
from . import relation
from ._figures import widened

# A figure joined to the one before it by "to"/"from" (English) or "à"/"contre" (French).
_TO = r"(?:^|\s)?(?:to|at|reaching|à|atteignant)$"
_FROM = r"(?:^|\s)(?:from|against|compared with|versus|vs\.?|contre)(?:\s+(?:a|an)?\s*(?:about|around|some|environ))?$"


@relation("changes",
          columns=["doc_id", "fact_id", "text", "start", "end", "consistent", "rising", "old", "new", "actual",
                   "implied_value"],
          fields={"actual": Field("change", "actual"), "implied": Field("percent", "implied_value")},
          parameters=("hedge_tolerance",))
def changes(ex, parameters) -> pd.DataFrame:
    """A stated change against the two amounts it joins: "profits jumped 76% to $1.13bn from $639m"
    (or "from $639m to $1.13bn"; "en hausse de 5 % à 1,2 Md€ contre 1,1 Md€")."""
    empty = changes.relation.empty()
    facts = ex.facts
    figures = facts[facts["kind"].isin(["percent", "money"])].sort_values(["doc_id", "start"])
    # A conversion in brackets restates the amount before it: "to $1.13bn (£600m) from $639m".
    figures = figures[~figures["lead"].str.endswith("(")]
    if figures.empty:
        return empty
    keep = ["kind", "value", "low", "high", "tolerance", "hedge", "lead", "currency", "text"]
    grouped = figures.groupby(["doc_id", "sentence"])
    rel = figures.join(grouped[keep].shift(-1).add_suffix("_1")).join(grouped[keep].shift(-2).add_suffix("_2"))
    rising = rel["cues"].str.contains("rise", regex=False)
    falling = rel["cues"].str.contains("fall", regex=False)
    rel = rel[(rel["kind"] == "percent") & (rel["role"] == "change") & rel["value"].notna() & (rising ^ falling)
              & (rel["kind_1"] == "money") & (rel["kind_2"] == "money")
              & rel["value_1"].notna() & rel["value_2"].notna() & (rel["currency_1"] == rel["currency_2"])]
    # Only the joining word may stand between the change and the amount after it ("76% to $1.13bn").
    to_from = rel["lead_1"].str.fullmatch(_TO) & rel["lead_2"].str.contains(_FROM)
    from_to = rel["lead_1"].str.fullmatch(r"from|de") & rel["lead_2"].str.contains(_TO)
    rel = rel[to_from | from_to].assign(new_first=to_from[to_from | from_to])
    if rel.empty:
        return empty

    hedge = parameters["hedge_tolerance"]
    (a1_low, a1_high), (a2_low, a2_high) = widened(rel, hedge, "_1"), widened(rel, hedge, "_2")
    new_low, new_high = a1_low.where(rel["new_first"], a2_low), a1_high.where(rel["new_first"], a2_high)
    old_low, old_high = a2_low.where(rel["new_first"], a1_low), a2_high.where(rel["new_first"], a1_high)
    change_low, change_high = (new_low / old_high - 1) * 100, (new_high / old_low - 1) * 100
    pct_low, pct_high = widened(rel, hedge)
    rising = rel["cues"].str.contains("rise", regex=False)
    stated_low = pct_low.where(rising, -pct_high)
    stated_high = pct_high.where(rising, -pct_low)
    new_value = rel["value_1"].where(rel["new_first"], rel["value_2"])
    old_value = rel["value_2"].where(rel["new_first"], rel["value_1"])
    actual = (new_value / old_value - 1) * 100
    rel = rel.assign(
        consistent=(change_low <= stated_high) & (stated_low <= change_high) & (old_low > 0),
        rising=rising,
        old=rel["text_2"].where(rel["new_first"], rel["text_1"]),
        new=rel["text_1"].where(rel["new_first"], rel["text_2"]),
        actual=actual,
        implied_value=actual.abs(),
    )
    return rel[list(empty.columns)].sort_values(["doc_id", "start"]).reset_index(drop=True)
