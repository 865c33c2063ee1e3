"""One quantity stated twice in an article, against each other."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import relation
from ._figures import widened


@relation("restatements",
          columns=["doc_id", "fact_id", "text", "start", "end", "measure", "consistent", "subject", "object", "first"],
          parameters=("hedge_tolerance",))
def restatements(ex, parameters) -> pd.DataFrame:
    """One quantity stated twice in an article, against each other: a company's valuation ("Ampère
    must be valued at 10 billion euros" ... "Ampère, valued at 8 billion euros"), one investor's
    investment in one company ("Nissan would invest €1bn in Ampère" ... "Nissan's €1.5bn investment
    in Ampère"), a company's head count ("Renault employs 3,000 people"; not one narrowed to a place,
    nor a cut), or what a named thing sells for ("the Zoe is priced at €25,000"). The subject is the
    last name before the figure in its sentence (for a head count, else the first after it), the
    investment's target the first name after it; sentences with a date, a year or a relative period
    are left out, since they may mark the values as different."""
    empty = restatements.relation.empty()
    facts = ex.facts
    # Selecting the columns with the rows copies only those (most facts are names).
    timed = facts.loc[facts["kind"].isin(["date", "year", "relative"]), ["doc_id", "sentence"]].drop_duplicates()
    names = facts.loc[facts["kind"] == "entity", ["doc_id", "sentence", "start", "end", "canonical", "text"]]
    names = names.assign(name=names["canonical"].where(names["canonical"] != "", names["text"]))
    names = names[["doc_id", "sentence", "start", "end", "name"]].sort_values("start")
    figures = facts[facts["kind"].isin(["money", "count"]) & facts["value"].notna() & (facts["hedge"] == "")]
    values = figures.assign(measure=np.select(
        [figures["role"].isin(["valuation", "headcount", "price"]),
         (figures["kind"] == "money") & figures["cues"].str.contains("investment")],
        [figures["role"], "investment"], ""))
    values = values[values["measure"] != ""].merge(timed, on=["doc_id", "sentence"], how="left", indicator=True)
    values = values[values["_merge"] == "left_only"].drop(columns="_merge")
    if values.empty or names.empty:
        return empty
    values = pd.merge_asof(values.sort_values("start"),
                           names.rename(columns={"sentence": "subject_sentence", "start": "subject_start",
                                                 "end": "subject_end", "name": "subject"}),
                           left_on="start", right_on="subject_start", by="doc_id")
    values = pd.merge_asof(values.sort_values("end"),
                           names.rename(columns={"sentence": "object_sentence", "start": "object_start",
                                                 "end": "object_end", "name": "object"}),
                           left_on="end", right_on="object_start", by="doc_id", direction="forward")
    values = values.assign(object=values["object"].where(values["object_sentence"] == values["sentence"], ""))
    # A head count's company may follow it ("les 12 000 salariés d'Ampère").
    after = (values["measure"] == "headcount") & (values["subject_sentence"] != values["sentence"])
    values = values.assign(subject=values["subject"].where(~after, values["object"]),
                           subject_sentence=values["subject_sentence"].where(~after, values["sentence"]))
    values = values[(values["subject_sentence"] == values["sentence"]) & (values["subject"] != "")]
    # An investment is one investor's in one company: both must be named.
    values = values[(values["measure"] != "investment") | (values["object"] != "")].sort_values(["doc_id", "start"])
    if values.empty:
        return empty
    values = values.assign(object=values["object"].where(values["measure"] == "investment", ""))
    low, high = widened(values, parameters["hedge_tolerance"])
    values = values.assign(low_=low, high_=high)
    key = ["doc_id", "measure", "subject", "object", "currency"]
    first = values.groupby(key).head(1)
    rel = values.merge(first[key + ["fact_id", "text", "low_", "high_"]], on=key, suffixes=("", "_first"))
    rel = rel[rel["fact_id"] != rel["fact_id_first"]]
    rel = rel.assign(consistent=(rel["low_"] <= rel["high__first"]) & (rel["low__first"] <= rel["high_"]),
                     first=rel["text_first"])
    return rel[list(empty.columns)].reset_index(drop=True)
