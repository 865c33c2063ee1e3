"""Stage 3, relate: derived tables that put facts side by side, computed in pandas.

Each table is computed by one function, named in RELATIONS by the table its rules check. Every
row carries doc_id, fact_id, text, start and end: the span of the fact a finding would point at.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .extract import Extraction
from .extract.text import fold, normalise

# A hedged figure ("about €1.5bn") is read as within this fraction of what it says.
HEDGE_TOLERANCE = 0.10
MIN_NAME_LETTERS = 3
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def format_money(value: float, currency: str) -> str:
    for factor, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"), (1, "")):
        if abs(value) >= factor or factor == 1:
            figure = f"{value / factor:,.3f}".rstrip("0").rstrip(".")
            break
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{figure}{suffix}" if symbol else f"{currency} {figure}{suffix}".strip()


def format_span(low: float, high: float, currency: str) -> str:
    if low == high:
        return format_money(high, currency)
    return f"{format_money(low, currency)}-{format_money(high, currency)}"


def _widened(facts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The interval each figure stands for: half a unit of its last digit either side, more if hedged."""
    tolerance = facts["tolerance"]
    hedged = facts["hedge"] != ""
    tolerance = tolerance.where(~hedged, np.maximum(tolerance, facts["high"] * HEDGE_TOLERANCE))
    return facts["low"] - tolerance, facts["high"] + tolerance


def _alone(rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The rows that are the only one of their group."""
    return rows[rows.groupby(key)["fact_id"].transform("size") == 1]


def stakes(ex: Extraction) -> pd.DataFrame:
    """A stake's stated value against its percentage of the company's valuation.

    Related only where the reading is unambiguous: the stake's sentence has one percentage that is
    a share and one other amount of money, and the valuation is either in that sentence or the
    only distinct valuation in that currency in the article.
    """
    columns = ["doc_id", "fact_id", "text", "start", "end", "percent_fact", "valuation_fact",
               "consistent", "computation", "implied"]
    facts = ex.facts
    money = facts[facts["kind"] == "money"]
    shares = facts[(facts["kind"] == "percent") & (facts["role"] == "share") & facts["value"].notna()]
    valuations = money[money["role"] == "valuation"]
    amounts = money[money["role"] != "valuation"]
    if shares.empty or valuations.empty or amounts.empty:
        return pd.DataFrame(columns=columns)

    key = ["doc_id", "sentence"]
    one_share = _alone(shares, key)
    one_amount = _alone(amounts, key)
    pairs = one_share.merge(one_amount, on=key, suffixes=("_pct", ""))
    if pairs.empty:
        return pd.DataFrame(columns=columns)

    # The valuation: in the same sentence, else the article's only one in that currency.
    same_sentence = _alone(valuations, key)
    only = _alone(valuations.drop_duplicates(["doc_id", "currency", "value"]), ["doc_id", "currency"])
    val_cols = ["doc_id", "currency", "fact_id", "value", "low", "high", "tolerance", "hedge", "text"]
    local = pairs.merge(same_sentence[key + val_cols[1:]], on=key + ["currency"], suffixes=("", "_val"))
    related = pd.MultiIndex.from_frame(local[["doc_id", "fact_id"]])
    rest = pairs[~pd.MultiIndex.from_frame(pairs[["doc_id", "fact_id"]]).isin(related)]
    rest = rest.merge(valuations.loc[only.index, val_cols], on=["doc_id", "currency"], suffixes=("", "_val"))
    rel = pd.concat([local, rest], ignore_index=True)
    if rel.empty:
        return pd.DataFrame(columns=columns)

    def interval(prefix: str) -> tuple[pd.Series, pd.Series]:
        part = rel[[f"{c}{prefix}" for c in ("low", "high", "tolerance", "hedge")]]
        part.columns = ["low", "high", "tolerance", "hedge"]
        return _widened(part)

    pct_low, pct_high = interval("_pct")
    val_low, val_high = interval("_val")
    stated_low, stated_high = interval("")
    implied_low, implied_high = pct_low * val_low / 100, pct_high * val_high / 100
    rel["consistent"] = (implied_low <= stated_high) & (stated_low <= implied_high)
    implied = rel["value_pct"] * rel["value_val"] / 100
    rel["implied"] = [format_money(v, c) for v, c in zip(implied, rel["currency"])]
    stated = [format_span(lo, hi, c) for lo, hi, c in zip(rel["low"], rel["high"], rel["currency"])]
    valuation = [format_money(v, c) for v, c in zip(rel["value_val"], rel["currency"])]
    rel["computation"] = [
        f"{p} of {v} is {i}, {'outside' if lo != hi else 'not'} the stated {s}"
        for p, v, i, s, lo, hi in zip(rel["text_pct"], valuation, rel["implied"], stated, rel["low"], rel["high"])
    ]
    rel = rel.rename(columns={"fact_id_pct": "percent_fact", "fact_id_val": "valuation_fact"})
    return rel[columns].sort_values(["doc_id", "start"]).reset_index(drop=True)


def spellings(ex: Extraction) -> pd.DataFrame:
    """Each form a name takes in an article, against the form the article should use throughout.

    Forms are one name when they fold to the same letters (accents, case, hyphens, spaces aside).
    The preferred form is the registry's, else the most used, else the first used.
    """
    columns = ["doc_id", "fact_id", "text", "start", "end", "count", "preferred", "preferred_count", "consistent"]
    names = ex.facts[(ex.facts["kind"] == "entity") & ex.facts["match"].isin(["exact", "alias", "variant", "unregistered"])]
    if names.empty:
        return pd.DataFrame(columns=columns)
    # A form is what a reader sees: invisible characters and how accents are encoded do not count.
    form = names["text"].map(lambda t: normalise(t).text)
    names = names.assign(form=form, key=form.map(fold), registered=names["match"].isin(["exact", "alias"]))
    # Two letters are too few to call a name ("LA" and "La", "ME" and "Me").
    names = names[names["key"].str.len() >= MIN_NAME_LETTERS]
    forms = (
        names.groupby(["doc_id", "key", "form"], sort=False)
        .agg(fact_id=("fact_id", "first"), text=("text", "first"), start=("start", "first"), end=("end", "first"),
             count=("fact_id", "size"), registered=("registered", "any"))
        .reset_index()
    )
    forms = forms[forms.groupby(["doc_id", "key"])["form"].transform("size") > 1]
    if forms.empty:
        return pd.DataFrame(columns=columns)
    ranked = forms.sort_values(["doc_id", "key", "registered", "count", "start"], ascending=[True, True, False, False, True])
    best = ranked.groupby(["doc_id", "key"]).first()[["form", "count"]]
    best.columns = ["preferred", "preferred_count"]
    forms = forms.join(best, on=["doc_id", "key"])
    forms["consistent"] = forms["form"] == forms["preferred"]
    return forms[columns].sort_values(["doc_id", "start"]).reset_index(drop=True)


RELATIONS = {"stakes": stakes, "spellings": spellings}


def relate(ex: Extraction, tables: set[str]) -> dict[str, pd.DataFrame]:
    """The tables the rules ask for: the extracted ones as they are, the derived ones computed."""
    base = {"facts": ex.facts, "paragraphs": ex.paragraphs}
    unknown = tables - base.keys() - RELATIONS.keys()
    if unknown:
        raise KeyError(f"no table named {sorted(unknown)[0]!r}")
    return {name: base[name] if name in base else RELATIONS[name](ex) for name in sorted(tables)}
