"""Cue words around a figure that tell later rules what the figure is (a stake, a change, a valuation)."""

from __future__ import annotations

from functools import cache

import regex

# tag -> language -> alternatives. Looked for in the figure's own sentence, near the figure.
CUES = {
    "stake": {
        "en": r"stakes?|holdings?|shareholdings?|shares?|owns?|owned|holds?|held|of\s+the\s+capital|equity|interest\s+in",
        "fr": r"participations?|parts?|détient|détenait|détiendra|détenir|du\s+capital|capital|actionnaire",
    },
    "change": {
        "en": r"rose|rise[sn]?|rising|fell|falls?|fallen|falling|up|down|increase[sd]?|increasing|decrease[sd]?"
              r"|jump(?:s|ed)?|gr[eo]w(?:n|s)?|growth|climb(?:s|ed)?|gain(?:s|ed)?|drop(?:s|ped)?|decline[sd]?"
              r"|slip(?:s|ped)?|slump(?:s|ed)?|soar(?:s|ed)?|surge[sd]?|plunge[sd]?|higher|lower|more|less|cut"
              r"|boost(?:s|ed)?|raised?|reduced?|tumbl(?:e|ed|es)|rall(?:y|ied)|compared|year-on-year",
        "fr": r"hausse|baisse|augment\w*|progress\w*|recul\w*|chut\w*|bondi\w*|croissance|diminu\w*|grimp\w*"
              r"|plus|moins|réduit|réduire|relev\w*|abaiss\w*|abaisser",
    },
    "valuation": {
        "en": r"valued\s+at|valuing\s+\w+\s+at|valuation\s+of|values\s+(?:it|them|the\s+\w+)\s+at|market\s+value\s+of",
        "fr": r"valoris\w*\s+(?:à|a)|valorisation\s+(?:de|d['’])|évalué\w*\s+(?:à|a)",
    },
}


@cache
def _patterns(lang: str) -> dict[str, regex.Pattern]:
    return {tag: regex.compile(rf"(?i)(?<!\p{{L}})(?:{alts[lang]})(?!\p{{L}})") for tag, alts in CUES.items()}


def find_cues(before: str, after: str, lang: str) -> list[str]:
    """Tags of the cues in the text just before and just after a figure."""
    pats = _patterns(lang)
    # A valuation cue qualifies the figure that follows it directly ("valued at €10bn").
    near = {"valuation": before[-30:]}
    return [
        tag
        for tag, p in pats.items()
        if p.search(near.get(tag, before)) or (tag not in near and p.search(after))
    ]
