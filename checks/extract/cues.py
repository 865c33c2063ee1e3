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
    "rise": {
        "en": r"rose|rise[sn]?|rising|up|increase[sd]?|increasing|jump(?:s|ed)?|gr[eo]w(?:n|s)?|growth"
              r"|climb(?:s|ed)?|gain(?:s|ed)?|soar(?:s|ed)?|surge[sd]?|higher|more|boost(?:s|ed)?|raised?"
              r"|rall(?:y|ied)|doubled|tripled",
        "fr": r"hausse|augment\w*|progress\w*|bondi\w*|croissance|grimp\w*|plus|relev\w*|doublé|triplé",
    },
    "fall": {
        "en": r"fell|falls?|fallen|falling|down|decrease[sd]?|drop(?:s|ped)?|decline[sd]?|slip(?:s|ped)?"
              r"|slump(?:s|ed)?|plunge[sd]?|lower|less|cut|reduced?|tumbl(?:e|ed|es)|halved",
        "fr": r"baisse|recul\w*|chut\w*|diminu\w*|moins|réduit|réduire|abaiss\w*|divisé",
    },
    "change": {
        "en": r"change[sd]?|compared|year-on-year|year-over-year",
        "fr": r"variation|évolution|sur\s+un\s+an",
    },
    "split": {
        "en": r"split|divided|breakdown|broken\s+down|made\s+up\s+of|respectively|shared\s+out",
        "fr": r"réparti\w*|partagée?s?|respectivement",
    },
    "investment": {
        "en": r"invest\w*|inject\w*",
        "fr": r"invest\w*|inject\w*",
    },
    "sale": {
        "en": r"sell|sells|sold|selling|dispose\s+of|offload\w*",
        "fr": r"céd\w*|cède\w*|vend\w*",
    },
    "employ": {
        "en": r"employs?|employed|employing|employer\s+of|workforce|headcount|staff\s+of|payroll",
        "fr": r"emploi(?:e|ent|ait|aient|era|eront|ant)|employait|employant|effectifs?|compte|comptait",
    },
    "founding": {
        "en": r"founded|created|established|launched|set\s+up|formed|since|in\s+place\s+since|born",
        "fr": r"fondée?s?|créée?s?|lancée?s?|établie?s?|depuis|née?",
    },
    "valuation": {
        "en": r"valued\s+at|valuing\s+\w+\s+at|valuation\s+of|values\s+(?:it|them|the\s+\w+)\s+at|market\s+value\s+of",
        "fr": r"valoris\w*\s+(?:à|a)|valorisation\s+(?:de|d['’])|évalué\w*\s+(?:à|a)",
    },
    # What a thing sells for: "priced at £20,000", "will sell for $299", "au prix de 25 000 euros"
    # ("costs" is left out: costs and cost savings are not prices).
    "price": {
        "en": r"priced\s+at|(?:a|the|its|retail|selling|list|ticket|asking|starting)\s+price\s+of|"
              r"sells?\s+for|selling\s+for|retails?\s+(?:for|at)",
        "fr": r"au\s+prix\s+de|(?:un|le|son)\s+prix\s+de|vendue?s?\s+(?:à|pour)|affichée?s?\s+à",
    },
}


# Valuations, sales and prices qualify the figure that follows them ("valued at €10bn", "sell a 25%
# stake", "priced at £20,000"): they are looked for only this many characters before it.
NEAR = {"valuation": 30, "sale": 30, "price": 25}


@cache
def _patterns(lang: str) -> dict[str, regex.Pattern]:
    return {tag: regex.compile(rf"(?i)(?<!\p{{L}})(?:{alts[lang]})(?!\p{{L}})") for tag, alts in CUES.items()}


def find_cues(before: str, after: str, lang: str) -> list[str]:
    """Tags of the cues in the text just before and just after a figure. Of a rise and a fall, only
    the one written nearest the figure counts ("sales fell while profits rose 5%": a rise)."""
    pats = _patterns(lang)
    # (A word the near window cuts is not a cue: the search starts inside the text, not on a slice of it.)
    tags = [
        tag
        for tag, p in pats.items()
        if (p.search(before, max(len(before) - NEAR[tag], 0)) if tag in NEAR else p.search(before) or p.search(after))
    ]
    if "rise" in tags and "fall" in tags:
        tags.remove(_farther(before, after, pats["rise"], pats["fall"]))
    return tags


def _farther(before: str, after: str, rise: regex.Pattern, fall: regex.Pattern) -> str:
    def distance(p: regex.Pattern) -> int:
        last_before = max((m.end() for m in p.finditer(before)), default=None)
        if last_before is not None:
            return len(before) - last_before
        first_after = p.search(after)
        return len(before) + first_after.start() if first_after else 10**9

    return "rise" if distance(rise) > distance(fall) else "fall"
