"""Amounts restated in another currency, against the article's other conversions."""

from __future__ import annotations

import pandas as pd

from ..render import Field, pair
from . import relation


@relation("conversions",
          columns=["doc_id", "fact_id", "text", "start", "end", "deviation", "first", "base", "quote", "rate",
                   "others"],
          fields={"rate": Field("rate", "rate", "base", quote="quote"),
                  "others": Field("rate", "others", "base", quote="quote")},
          parameters=("min_conversions", "hedge_discount"))
def conversions(ex, parameters) -> pd.DataFrame:
    """Amounts restated in another currency in brackets ("$1.13bn (£600m)"), and whether the rate
    each implies agrees with the article's other conversions between the same two currencies.
    Judged only where enough conversions share a pair: the odd one out against the others.
    Rates are written in the market's convention (EUR/USD: dollars per euro)."""
    empty = conversions.relation.empty()
    money = ex.facts[(ex.facts["kind"] == "money") & ex.facts["value"].notna()].sort_values(["doc_id", "start"])
    previous = money.groupby(["doc_id", "sentence"])[["currency", "value", "tolerance", "text", "hedge"]].shift(1)
    pairs = money.join(previous.add_suffix("_first"))
    pairs = pairs[pairs["lead"].str.endswith("(") & pairs["currency_first"].notna()
                  & (pairs["currency"] != pairs["currency_first"]) & (pairs["currency"] != "")
                  & (pairs["currency_first"] != "") & (pairs["value"] > 0)]
    if pairs.empty:
        return empty
    # One direction per pair of currencies: units of the quote currency per unit of the base.
    base = [pair(a, b)[0] for a, b in zip(pairs["currency_first"], pairs["currency"])]
    flip = pairs["currency_first"] != pd.Series(base, index=pairs.index)  # the bracketed amount is the base's
    quote_value = pairs["value"].where(~flip, pairs["value_first"])
    quote_tol = pairs["tolerance"].where(~flip, pairs["tolerance_first"])
    base_value = pairs["value_first"].where(~flip, pairs["value"])
    base_tol = pairs["tolerance_first"].where(~flip, pairs["tolerance"])
    pairs = pairs.assign(
        base=base,
        quote=pairs["currency"].where(~flip, pairs["currency_first"]),
        rate=quote_value / base_value,
        rate_low=(quote_value - quote_tol) / (base_value + base_tol),
        rate_high=(quote_value + quote_tol) / (base_value - base_tol).clip(lower=1e-12),
    )
    by_pair = pairs.groupby(["doc_id", "base", "quote"])["rate"]
    pairs = pairs[by_pair.transform("size") >= parameters["min_conversions"]]
    if pairs.empty:
        return empty
    median = pairs.groupby(["doc_id", "base", "quote"])["rate"].transform("median")
    # How far the rate, read to its rounding, lies from the others'; discounted when a hedge blurs it.
    above = (pairs["rate_low"] / median - 1).clip(lower=0)
    below = (1 - pairs["rate_high"] / median).clip(lower=0)
    hedged = (pairs["hedge"] != "") | (pairs["hedge_first"] != "")
    deviation = above.where(above > 0, below)
    pairs = pairs.assign(deviation=deviation.where(~hedged, deviation * parameters["hedge_discount"]),
                         first=pairs["text_first"], others=median)
    return pairs[list(empty.columns)].reset_index(drop=True)
