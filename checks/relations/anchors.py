"""A duration counted from a year, against the publication date."""

from __future__ import annotations

import pandas as pd

from ..render import Field
from . import relation


@relation("anchors",
          columns=["doc_id", "fact_id", "text", "start", "end", "consistent", "year", "reached", "published_year"],
          fields={"reached": Field("year", "reached"), "published": Field("year", "published_year")},
          parameters=("slack_years",))
def anchors(ex, parameters) -> pd.DataFrame:
    """A duration counted from a year in the same sentence must reach the publication date:
    "founded in 1999, the firm has run for 23 years" implies 2022. Judged where the publication
    date is known (`--date`, or a dateline near the top of the article)."""
    empty = anchors.relation.empty()
    facts = ex.facts
    published = ex.documents[ex.documents["published"] != ""][["doc_id", "published"]]
    years = facts[(facts["kind"] == "year") & facts["cues"].str.contains("founding")]
    durations = facts[(facts["kind"] == "duration") & (facts["unit"] == "year")]
    rel = durations.merge(years[["doc_id", "sentence", "value", "text"]], on=["doc_id", "sentence"],
                          suffixes=("", "_year")).merge(published, on="doc_id")
    rel = rel.drop_duplicates(["doc_id", "fact_id"])
    if rel.empty:
        return empty
    reached = rel["value_year"] + rel["value"]
    published_year = rel["published"].str[:4].astype(int)
    # "for 23 years" is counted in whole years: the anniversary may not have come yet.
    rel = rel.assign(consistent=(reached >= published_year - parameters["slack_years"]) & (reached <= published_year),
                     year=rel["text_year"], reached=reached.astype(int), published_year=published_year)
    return rel[list(empty.columns)].reset_index(drop=True)
