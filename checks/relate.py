"""Stage 3, relate: derived tables that put facts side by side, computed in pandas.

Each table is computed by one function, named in RELATIONS by the table its rules check. Every
row carries doc_id, fact_id, text, start and end: the span of the fact a finding would point at.
"""

from __future__ import annotations

import calendar as calendar_module
import datetime
import itertools
from operator import attrgetter

import numpy as np
import pandas as pd
import regex

from .extract import Extraction
from .extract.text import fold, normalise

# A hedged figure ("about €1.5bn") is read as within this fraction of what it says.
HEDGE_TOLERANCE = 0.10
MIN_NAME_LETTERS = 3
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def format_money(value: float, currency: str) -> str:
    factor, suffix = next((f, x) for f, x in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"), (1, ""))
                          if abs(value) >= f or f == 1)
    figure = f"{value / factor:,.3f}".rstrip("0").rstrip(".")
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{figure}{suffix}" if symbol else f"{currency} {figure}{suffix}".strip()


def format_span(low: float, high: float, currency: str) -> str:
    if low == high:
        return format_money(high, currency)
    return f"{format_money(low, currency)}-{format_money(high, currency)}"


def _widened(facts: pd.DataFrame, suffix: str = "") -> tuple[pd.Series, pd.Series]:
    """The interval each figure stands for: half a unit of its last digit either side, more if hedged.
    `suffix` names the figure's columns in a table that joins several ("low_pct", "high_pct"...)."""
    low, high, tolerance, hedge = (facts[f"{c}{suffix}"] for c in ("low", "high", "tolerance", "hedge"))
    tolerance = tolerance.where(hedge == "", np.maximum(tolerance, high * HEDGE_TOLERANCE))
    return low - tolerance, high + tolerance


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

    pct_low, pct_high = _widened(rel, "_pct")
    val_low, val_high = _widened(rel, "_val")
    stated_low, stated_high = _widened(rel)
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
    facts = ex.facts
    # Only the columns used: copying every column of ~20k names is slow.
    names = facts.loc[(facts["kind"] == "entity") & facts["match"].isin(["exact", "alias", "variant", "unregistered"]),
                      ["doc_id", "fact_id", "text", "start", "end", "match"]]
    if names.empty:
        return pd.DataFrame(columns=columns)
    # A form is what a reader sees: invisible characters and how accents are encoded do not count.
    # Names repeat: normalise and fold each distinct text once.
    texts = names["text"].tolist()
    form_of = {t: normalise(t).text for t in set(texts)}
    name_forms = [form_of[t] for t in texts]
    key_of = {f: fold(f) for f in set(name_forms)}
    names = names.assign(form=name_forms, key=[key_of[f] for f in name_forms],
                         registered=names["match"].isin(["exact", "alias"]))
    # Two letters are too few to call a name ("LA" and "La", "ME" and "Me").
    names = names[names["key"].str.len() >= MIN_NAME_LETTERS]
    forms = (
        names.groupby(["doc_id", "key", "form"], sort=False)
        .agg(fact_id=("fact_id", "first"), text=("text", "first"), start=("start", "first"), end=("end", "first"),
             count=("fact_id", "size"), registered=("registered", "any"))
        .reset_index()
    )
    # Only names written more than one way matter ("duplicated" is a cheaper "group size > 1").
    forms = forms[forms.duplicated(["doc_id", "key"], keep=False)]
    if forms.empty:
        return pd.DataFrame(columns=columns)
    ranked = forms.sort_values(["doc_id", "key", "registered", "count", "start"], ascending=[True, True, False, False, True])
    best = ranked.groupby(["doc_id", "key"]).first()[["form", "count"]]
    best.columns = ["preferred", "preferred_count"]
    forms = forms.join(best, on=["doc_id", "key"])
    forms["consistent"] = forms["form"] == forms["preferred"]
    return forms[columns].sort_values(["doc_id", "start"]).reset_index(drop=True)


# A figure joined to the one before it by "to"/"from" (English) or "à"/"contre" (French).
_TO = r"(?:^|\s)?(?:to|at|reaching|à|atteignant)$"
_FROM = r"(?:^|\s)(?:from|against|compared with|versus|vs\.?|contre)(?:\s+(?:a|an)?\s*(?:about|around|some|environ))?$"


def changes(ex: Extraction) -> pd.DataFrame:
    """A stated change against the two amounts it joins: "profits jumped 76% to $1.13bn from $639m"
    (or "from $639m to $1.13bn"; "en hausse de 5 % à 1,2 Md€ contre 1,1 Md€")."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "consistent", "computation", "implied"]
    facts = ex.facts
    figures = facts[facts["kind"].isin(["percent", "money"])].sort_values(["doc_id", "start"])
    # A conversion in brackets restates the amount before it: "to $1.13bn (£600m) from $639m".
    figures = figures[~figures["lead"].str.endswith("(")]
    if figures.empty:
        return pd.DataFrame(columns=columns)
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
        return pd.DataFrame(columns=columns)

    (a1_low, a1_high), (a2_low, a2_high) = _widened(rel, "_1"), _widened(rel, "_2")
    new_low, new_high = a1_low.where(rel["new_first"], a2_low), a1_high.where(rel["new_first"], a2_high)
    old_low, old_high = a2_low.where(rel["new_first"], a1_low), a2_high.where(rel["new_first"], a1_high)
    change_low, change_high = (new_low / old_high - 1) * 100, (new_high / old_low - 1) * 100
    pct_low, pct_high = _widened(rel)
    sign = rel["cues"].str.contains("rise", regex=False).map({True: 1, False: -1})
    stated_low = pct_low.where(sign > 0, -pct_high)
    stated_high = pct_high.where(sign > 0, -pct_low)
    rel["consistent"] = (change_low <= stated_high) & (stated_low <= change_high) & (old_low > 0)
    new_value = rel["value_1"].where(rel["new_first"], rel["value_2"])
    old_value = rel["value_2"].where(rel["new_first"], rel["value_1"])
    actual = (new_value / old_value - 1) * 100
    old_text = rel["text_2"].where(rel["new_first"], rel["text_1"])
    new_text = rel["text_1"].where(rel["new_first"], rel["text_2"])
    rel["implied"] = [f"{abs(a):.1f}%" for a in actual]
    rel["computation"] = [
        f"{o} to {n} is a {'rise' if a >= 0 else 'fall'} of {abs(a):.1f}%, not {'a rise' if g > 0 else 'a fall'} of {p}"
        for o, n, a, g, p in zip(old_text, new_text, actual, sign, rel["text"])
    ]
    return rel[columns].sort_values(["doc_id", "start"]).reset_index(drop=True)


def calendar(ex: Extraction) -> pd.DataFrame:
    """Each written date: whether it exists (no 31 April), and whether its weekday is its own."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "exists", "weekday_known", "weekday_right", "computation"]
    dates = ex.facts[(ex.facts["kind"] == "date") & ex.facts["date"].str.match(r"^(?:\d{4}|--)-\d\d-\d\d$")]
    if dates.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in dates.itertuples():
        year, month, day = row.date.split("-")[-3:] if not row.date.startswith("--") else ("", *row.date[2:].split("-"))
        try:
            # Without a year, 29 February may be right: read it in a leap year.
            actual = datetime.date(int(year) if year else 2000, int(month), int(day))
        except ValueError:
            actual = None
        weekday_known = actual is not None and bool(year) and not np.isnan(row.weekday)
        right = weekday_known and actual.weekday() == int(row.weekday)
        computation = (f"{row.text}: {calendar_module.month_name[int(month)]} has no day {int(day)}" if actual is None
                       else f"{actual.isoformat()} is a {actual.strftime('%A')}" if weekday_known and not right else "")
        rows.append({"doc_id": row.doc_id, "fact_id": row.fact_id, "text": row.text, "start": row.start,
                     "end": row.end, "exists": actual is not None, "weekday_known": weekday_known,
                     "weekday_right": right, "computation": computation})
    return pd.DataFrame(rows, columns=columns)


def ranges(ex: Extraction) -> pd.DataFrame:
    """Ranges of money or percentages, and whether their ends come in order."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "ordered", "computation"]
    facts = ex.facts
    spans = facts[facts["kind"].isin(["money", "percent"]) & facts["value"].isna() & facts["low"].notna()]
    # French "de 75 % à 50 %" is a change as often as a range: only "entre", "between" and dashes
    # count; and "a 60-40% split" shares out a whole (see parts).
    spans = spans[~spans["text"].str.match(r"(?i)d(?:e\s|['’])") & ~spans["cues"].str.contains("split")]
    return pd.DataFrame({
        **{c: spans[c] for c in columns[:5]},
        "ordered": spans["low"] <= spans["high"],
        "computation": [f"the range goes down, from {lo:g} to {hi:g}" for lo, hi in zip(spans["low"], spans["high"])],
    }, columns=columns).reset_index(drop=True)


def stake_moves(ex: Extraction) -> pd.DataFrame:
    """A holding raised or lowered to X% ("ready to lower its shares to 30%"), or sold, against the
    holding the article states before it. Related only where the article states one holding (one distinct
    percentage) before the move, so that the two are the same holding."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "held", "raised", "consistent", "computation"]
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
                computation = (f"a holding {'raised' if rise else 'lowered'} to {move.text} from the "
                               f"{before.text} stated before goes {'down' if rise else 'up'}")
            else:  # "sell 25% of the company" out of a 20% stake
                consistent = move.value <= before.value
                computation = f"{move.text} sold is more than the {before.text} held"
            rows.append({
                "doc_id": doc_id, "fact_id": move.fact_id, "text": move.text, "start": move.start, "end": move.end,
                "held": before.value, "raised": rise, "consistent": bool(consistent), "computation": computation,
            })
    return pd.DataFrame(rows, columns=columns)


def restatements(ex: Extraction) -> pd.DataFrame:
    """One quantity stated twice in an article, against each other: a company's valuation ("Ampère
    must be valued at 10 billion euros" ... "Ampère, valued at 8 billion euros"), or one investor's
    investment in one company ("Nissan would invest €1bn in Ampère" ... "Nissan's €1.5bn investment
    in Ampère"), a company's head count ("Renault employs 3,000 people"; not one narrowed to a
    place, nor a cut), or what a named thing sells for ("the Zoe is priced at €25,000"). The subject is the last name before the figure in its sentence (for a head
    count, else the first after it), the investment's target the first name after it; sentences with a date, a year or a relative period are left out,
    since they may mark the values as different."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "measure", "consistent", "computation"]
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
        return pd.DataFrame(columns=columns)
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
        return pd.DataFrame(columns=columns)
    values = values.assign(object=values["object"].where(values["measure"] == "investment", ""))
    low, high = _widened(values)
    values = values.assign(low_=low, high_=high)
    key = ["doc_id", "measure", "subject", "object", "currency"]
    first = values.groupby(key).head(1)
    rel = values.merge(first[key + ["fact_id", "text", "low_", "high_"]], on=key, suffixes=("", "_first"))
    rel = rel[rel["fact_id"] != rel["fact_id_first"]]
    rel["consistent"] = (rel["low_"] <= rel["high__first"]) & (rel["low__first"] <= rel["high_"])
    rel["computation"] = [
        f"{s} is valued at {t} here and at {f} earlier in the article" if m == "valuation"
        else f"{s} has {t} here and {f} earlier in the article" if m == "headcount"
        else f"{s} costs {t} here and {f} earlier in the article" if m == "price"
        else f"{s}'s investment in {o} is {t} here and {f} earlier in the article"
        for m, s, o, t, f in zip(rel["measure"], rel["subject"], rel["object"], rel["text"], rel["text_first"])
    ]
    return rel[columns].reset_index(drop=True)


def parts(ex: Extraction) -> pd.DataFrame:
    """Shares of one whole must not add up to more than 100% (each read down to half a unit of its
    last digit). Judged where the sentence says it shares out a whole ("split", "respectively",
    "répartis") and lists three shares or more, or writes a split of two ("60-40%", "55% to 45%");
    none of them a change."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "consistent", "computation"]
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
                         "computation": f"the shares {written} add up to {sum(values):g}%, more than the whole"})
    return pd.DataFrame(rows, columns=columns)


def anchors(ex: Extraction) -> pd.DataFrame:
    """A duration counted from a year in the same sentence must reach the publication date:
    "founded in 1999, the firm has run for 23 years" implies 2022. Judged where the publication
    date is known (`--date`, or a dateline near the top of the article)."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "consistent", "computation"]
    facts = ex.facts
    published = ex.documents[ex.documents["published"] != ""][["doc_id", "published"]]
    years = facts[(facts["kind"] == "year") & facts["cues"].str.contains("founding")]
    durations = facts[(facts["kind"] == "duration") & (facts["unit"] == "year")]
    rel = durations.merge(years[["doc_id", "sentence", "value", "text"]], on=["doc_id", "sentence"],
                          suffixes=("", "_year")).merge(published, on="doc_id")
    rel = rel.drop_duplicates(["doc_id", "fact_id"])
    if rel.empty:
        return pd.DataFrame(columns=columns)
    reached = rel["value_year"] + rel["value"]
    published_year = rel["published"].str[:4].astype(int)
    # "for 23 years" is counted in whole years: the anniversary may not have come yet.
    rel["consistent"] = (reached >= published_year - 1) & (reached <= published_year)
    rel["computation"] = [f"{y} and {d} reach {int(r)}, not {p} when the article was published"
                          for y, d, r, p in zip(rel["text_year"], rel["text"], reached, published_year)]
    return rel[columns].reset_index(drop=True)


# Conversions in one article may differ this much in the rate they imply (besides rounding):
# copy converts at the day's rate, and rates move.
def conversions(ex: Extraction) -> pd.DataFrame:
    """Amounts restated in another currency in brackets ("$1.13bn (£600m)"), and whether the rate
    each implies agrees with the article's other conversions between the same two currencies.
    Judged only where at least three conversions share a pair: the odd one out against the others."""
    columns = ["doc_id", "fact_id", "text", "start", "end", "deviation", "computation", "implied"]
    money = ex.facts[(ex.facts["kind"] == "money") & ex.facts["value"].notna()].sort_values(["doc_id", "start"])
    previous = money.groupby(["doc_id", "sentence"])[["currency", "value", "tolerance", "text", "hedge"]].shift(1)
    pairs = money.join(previous.add_suffix("_first"))
    pairs = pairs[pairs["lead"].str.endswith("(") & pairs["currency_first"].notna()
                  & (pairs["currency"] != pairs["currency_first"]) & (pairs["currency"] != "")
                  & (pairs["currency_first"] != "") & (pairs["value"] > 0)]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    # One direction per pair of currencies: units of the first (alphabetically) per unit of the other.
    flip = pairs["currency_first"] > pairs["currency"]
    top_value = pairs["value_first"].where(~flip, pairs["value"])
    top_tol = pairs["tolerance_first"].where(~flip, pairs["tolerance"])
    bottom_value = pairs["value"].where(~flip, pairs["value_first"])
    bottom_tol = pairs["tolerance"].where(~flip, pairs["tolerance_first"])
    pairs = pairs.assign(
        pair=pairs["currency_first"].where(~flip, pairs["currency"]) + "/" + pairs["currency"].where(~flip, pairs["currency_first"]),
        rate=top_value / bottom_value,
        rate_low=(top_value - top_tol) / (bottom_value + bottom_tol),
        rate_high=(top_value + top_tol) / (bottom_value - bottom_tol).clip(lower=1e-12),
    )
    pairs = pairs[pairs.groupby(["doc_id", "pair"])["rate"].transform("size") >= 3]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    median = pairs.groupby(["doc_id", "pair"])["rate"].transform("median")
    # How far the rate, read to its rounding, lies from the others'; halved when a hedge blurs it.
    above = (pairs["rate_low"] / median - 1).clip(lower=0)
    below = (1 - pairs["rate_high"] / median).clip(lower=0)
    hedged = (pairs["hedge"] != "") | (pairs["hedge_first"] != "")
    pairs["deviation"] = above.where(above > 0, below) / (1 + hedged)
    pairs["implied"] = [f"{r:.3g}" for r in median]
    pairs["computation"] = [
        f"{first} ({text}) implies {rate:.3g} {pair}, where the article's other conversions give {m:.3g}"
        for first, text, rate, pair, m in zip(pairs["text_first"], pairs["text"], pairs["rate"], pairs["pair"], median)
    ]
    return pairs[columns].reset_index(drop=True)


RELATIONS = {"anchors": anchors, "parts": parts, "stakes": stakes, "stake_moves": stake_moves, "restatements": restatements, "conversions": conversions, "spellings": spellings, "changes": changes, "calendar": calendar, "ranges": ranges}


def relate(ex: Extraction, tables: set[str]) -> dict[str, pd.DataFrame]:
    """The tables the rules ask for: the extracted ones as they are, the derived ones computed."""
    base = {"facts": ex.facts, "paragraphs": ex.paragraphs}
    unknown = tables - base.keys() - RELATIONS.keys()
    if unknown:
        raise KeyError(f"no table named {sorted(unknown)[0]!r}")
    return {name: base[name] if name in base else RELATIONS[name](ex) for name in sorted(tables)}
