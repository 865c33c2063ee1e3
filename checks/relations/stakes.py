"""A stake's stated value against its percentage of the company's valuation."""

from __future__ import annotations

import pandas as pd

from ..render import Field
from . import relation
from ._figures import alone, widened


@relation("stakes",
          columns=["doc_id", "fact_id", "text", "start", "end", "percent_fact", "valuation_fact", "consistent",
                   "ranged", "percent", "currency", "valuation_value", "implied_value", "low", "high"],
          fields={"valuation": Field("money", "valuation_value", "currency"),
                  "implied": Field("money", "implied_value", "currency"),
                  "stated": Field("money_range", "low", "currency", high="high")},
          parameters=("hedge_tolerance",))
def stakes(ex, parameters) -> pd.DataFrame:
    """A stake's stated value against its percentage of the company's valuation.

    Related only where the reading is unambiguous: the stake's sentence has one percentage that is
    a share and one other amount of money, and the valuation is either in that sentence or the
    only distinct valuation in that currency in the article.
    """
    empty = stakes.relation.empty()
    facts = ex.facts
    money = facts[facts["kind"] == "money"]
    shares = facts[(facts["kind"] == "percent") & (facts["role"] == "share") & facts["value"].notna()]
    valuations = money[money["role"] == "valuation"]
    amounts = money[money["role"] != "valuation"]
    if shares.empty or valuations.empty or amounts.empty:
        return empty

    key = ["doc_id", "sentence"]
    pairs = alone(shares, key).merge(alone(amounts, key), on=key, suffixes=("_pct", ""))
    if pairs.empty:
        return empty

    # The valuation: in the same sentence, else the article's only one in that currency.
    same_sentence = alone(valuations, key)
    only = alone(valuations.drop_duplicates(["doc_id", "currency", "value"]), ["doc_id", "currency"])
    val_cols = ["doc_id", "currency", "fact_id", "value", "low", "high", "tolerance", "hedge", "text"]
    local = pairs.merge(same_sentence[key + val_cols[1:]], on=key + ["currency"], suffixes=("", "_val"))
    related = pd.MultiIndex.from_frame(local[["doc_id", "fact_id"]])
    rest = pairs[~pd.MultiIndex.from_frame(pairs[["doc_id", "fact_id"]]).isin(related)]
    rest = rest.merge(valuations.loc[only.index, val_cols], on=["doc_id", "currency"], suffixes=("", "_val"))
    rel = pd.concat([local, rest], ignore_index=True)
    if rel.empty:
        return empty

    hedge = parameters["hedge_tolerance"]
    pct_low, pct_high = widened(rel, hedge, "_pct")
    val_low, val_high = widened(rel, hedge, "_val")
    stated_low, stated_high = widened(rel, hedge)
    implied_low, implied_high = pct_low * val_low / 100, pct_high * val_high / 100
    rel = rel.assign(
        consistent=(implied_low <= stated_high) & (stated_low <= implied_high),
        ranged=rel["low"] != rel["high"],
        implied_value=rel["value_pct"] * rel["value_val"] / 100,
    ).rename(columns={"fact_id_pct": "percent_fact", "fact_id_val": "valuation_fact", "text_pct": "percent",
                      "value_val": "valuation_value"})
    return rel[list(empty.columns)].sort_values(["doc_id", "start"]).reset_index(drop=True)
