"""Percentages of a whole other than stakes: turnout, market share, a share of the vote."""

from __future__ import annotations

import pandas as pd

from . import relation


@relation("shares", columns=["doc_id", "fact_id", "text", "start", "end", "low", "high"])
def shares(ex, parameters) -> pd.DataFrame:
    """Percentages that the words around them make a part of one whole ("a turnout of 64%", "35% of
    the vote", "une part de marché de 20 %", "52 % des voix"): the cue tag `whole`, declared with its
    words in rules/shares.yml. Changes ("its market share rose 150%") and stakes (CD101's) are left out."""
    facts = ex.facts
    wholes = facts[(facts["kind"] == "percent") & facts["cues"].str.contains(r"\bwhole\b")
                   & ~facts["role"].isin(["change", "share"])]
    return wholes[list(shares.relation.columns)].reset_index(drop=True)
