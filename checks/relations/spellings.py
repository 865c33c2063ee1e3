"""Each form a name takes in an article, against the form the article should use throughout."""

from __future__ import annotations

import pandas as pd

from ..extract.names import accents
from ..extract.text import fold, normalise
from . import relation


@relation("spellings",
          columns=["doc_id", "fact_id", "text", "start", "end", "count", "preferred", "preferred_count", "settled",
                   "consistent"],
          parameters=("min_letters",))
def spellings(ex, parameters) -> pd.DataFrame:
    """Each form a name takes in an article, against the form the article should use throughout.

    Forms are one name when they fold to the same letters (accents, case, hyphens, spaces aside).
    The preferred form is the registry's, else the most used, else the one with accents the other
    lacks (a dropped accent is the common slip); when two forms are used equally often, neither is
    registered and they differ otherwise, the first used is kept and the name is not `settled`:
    nothing is suggested.
    """
    empty = spellings.relation.empty()
    facts = ex.facts
    # Only the columns used: copying every column of ~20k names is slow.
    names = facts.loc[(facts["kind"] == "entity") & facts["match"].isin(["exact", "alias", "variant", "unregistered"]),
                      ["doc_id", "fact_id", "text", "start", "end", "match"]]
    if names.empty:
        return empty
    # A form is what a reader sees: invisible characters and how accents are encoded do not count.
    # Names repeat: normalise and fold each distinct text once.
    texts = names["text"].tolist()
    form_of = {t: normalise(t).text for t in set(texts)}
    name_forms = [form_of[t] for t in texts]
    key_of = {f: fold(f) for f in set(name_forms)}
    names = names.assign(form=name_forms, key=[key_of[f] for f in name_forms],
                         registered=names["match"].isin(["exact", "alias"]))
    # Too few letters to call a name ("LA" and "La", "ME" and "Me").
    names = names[names["key"].str.len() >= parameters["min_letters"]]
    forms = (
        names.groupby(["doc_id", "key", "form"], sort=False)
        .agg(fact_id=("fact_id", "first"), text=("text", "first"), start=("start", "first"), end=("end", "first"),
             count=("fact_id", "size"), registered=("registered", "any"))
        .reset_index()
    )
    forms["accents"] = forms["form"].map(accents)
    # Only names written more than one way matter ("duplicated" is a cheaper "group size > 1").
    forms = forms[forms.duplicated(["doc_id", "key"], keep=False)]
    if forms.empty:
        return empty
    ranked = forms.sort_values(["doc_id", "key", "registered", "count", "accents", "start"],
                               ascending=[True, True, False, False, False, True])
    best = ranked.groupby(["doc_id", "key"]).head(2)
    top = best.groupby(["doc_id", "key"]).agg(preferred=("form", "first"), preferred_count=("count", "first"),
                                              registered=("registered", "first"), runner_up=("count", "last"),
                                              preferred_accents=("accents", "first"), runner_up_accents=("accents", "last"))
    top["settled"] = (top["registered"] | (top["preferred_count"] > top["runner_up"])
                      | (top["preferred_accents"] > top["runner_up_accents"]))
    forms = forms.join(top[["preferred", "preferred_count", "settled"]], on=["doc_id", "key"])
    forms["consistent"] = forms["form"] == forms["preferred"]
    return forms[list(empty.columns)].sort_values(["doc_id", "start"]).reset_index(drop=True)
