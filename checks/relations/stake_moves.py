"""A holding raised, lowered or sold, against the holding stated before it."""

from __future__ import annotations

import itertools
from operator import attrgetter

import pandas as pd
import regex

from . import relation


@relation("stake_moves",
          columns=["doc_id", "fact_id", "text", "start", "end", "held", "held_text", "move", "consistent"])
def stake_moves(ex, parameters) -> pd.DataFrame:
    """A holding raised or lowered to X% ("ready to lower its shares to 30%"), or sold, against the
    holding the article states before it. Related only where the article states one holding (one
    distinct percentage) before the move, so that the two are the same holding. `move` is `raise`,
    `lower` or `sale`."""
    facts = ex.facts
    stakes_ = facts[(facts["kind"] == "percent") & facts["value"].notna() & facts["cues"].str.contains("stake")]
    # A few stakes per article, compared pairwise: named tuples, grouped by article in one pass.
    fields = ["doc_id", "fact_id", "text", "start", "end", "value", "lead", "cues", "role", "sentence"]
    stakes_ = stakes_[fields].sort_values("doc_id", kind="stable")
    rows = []
    for doc_id, doc_stakes in itertools.groupby(stakes_.itertuples(index=False), key=attrgetter("doc_id")):
        doc_stakes = list(doc_stakes)
        holdings = [s for s in doc_stakes if s.role == "share" and "sale" not in s.cues]
        for move in doc_stakes:
            cues = move.cues.split()
            rise, fall, sale = "rise" in cues, "fall" in cues, "sale" in cues
            moved = rise != fall and regex.search(r"(?:^|\s)(?:to|à)$", move.lead)
            if not moved and not sale:
                continue
            held = [h for h in holdings if h.start < move.start]
            if not moved:
                # A firm may sell "a 25% stake" in itself: a sale is judged against a holding in its sentence.
                held = [h for h in held if h.sentence == move.sentence]
            if len({h.value for h in held}) != 1:
                continue
            before = held[-1]
            if moved:
                consistent = move.value > before.value if rise else move.value < before.value
            else:  # "sell 25% of the company" out of a 20% stake
                consistent = move.value <= before.value
            rows.append({
                "doc_id": doc_id, "fact_id": move.fact_id, "text": move.text, "start": move.start, "end": move.end,
                "held": before.value, "held_text": before.text,
                "move": ("raise" if rise else "lower") if moved else "sale", "consistent": bool(consistent),
            })
    return pd.DataFrame(rows, columns=list(stake_moves.relation.columns))
