"""Cue words around a figure that tell later rules what the figure is (a stake, a change, a valuation).
The words are in rules/words/ (`cues`, `near_cues`)."""

from __future__ import annotations

from functools import cache

import regex

from ..words import Lexicon


@cache
def _patterns(lex: Lexicon) -> dict[str, regex.Pattern]:
    return {tag: regex.compile(rf"(?i)(?<!\p{{L}})(?:{'|'.join(alternatives)})(?!\p{{L}})")
            for tag, alternatives in lex.cues.items()}


def find_cues(before: str, after: str, lex: Lexicon) -> list[str]:
    """Tags of the cues in the text just before and just after a figure. Of a rise and a fall, only
    the one written nearest the figure counts ("sales fell while profits rose 5%": a rise). Cues
    that qualify only the figure they come just before (`near_cues`) are looked for only there."""
    pats, near = _patterns(lex), lex.near_cues
    # (A word the near window cuts is not a cue: the search starts inside the text, not on a slice of it.)
    tags = [
        tag
        for tag, p in pats.items()
        if (p.search(before, max(len(before) - near[tag], 0)) if tag in near else p.search(before) or p.search(after))
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
