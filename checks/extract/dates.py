"""Dates, weekdays, years, relative periods, durations and ages stated in English and French text.

Spans (text[start:end]) run from the first word that carries the meaning to the end of the expression;
cue words that only introduce it are left out:
  "on 17 October 2022"          -> "17 October 2022"      date   "2022-10-17"
  "le 1er juillet 2012"         -> "1er juillet 2012"     date   "2012-07-01"
  "le lundi 17 octobre"         -> "lundi 17 octobre"     date   "--10-17", weekday 0
  "in October 2022"             -> "October 2022"         date   "2022-10" (month and year only)
  "in 2019", "2022's results"   -> "2019", "2022"         year
  "next year", "l'an prochain"  -> the whole expression   relative (determiners included: "the following
                                                          year", "l'année dernière", "la semaine prochaine")
  "two years ago", "il y a deux ans"                      relative -2 year (also "days": unit "day")
  "for 23 years", "depuis 23 ans" -> "23 years", "23 ans" duration
  "from the age of 14"          -> "age of 14"            age
  "aged 14", "a 14-year-old"    -> "aged 14", "14-year-old"
  "à l'âge de 14 ans", "âgée de 14 ans" -> "âge de 14 ans", "âgée de 14 ans"
  "dès 14 ans", "un garçon de 14 ans"   -> "14 ans"       age
A month name with no day or year ("last February", "en mai") is not extracted: nothing in it can be checked.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

import regex

from ..words import Lexicon
from .numbers import NotANumber, parse_number
from .text import alternation

# The words of months, weekdays, time units... are the language's Lexicon (rules/words/). The tables
# below stay with the patterns, which spell out the same words in their grammar.

# Words after "next", "l'année", "le mois"... -> offset (folded: lower case, no accents).
RELATIVE_WORDS = {
    "en": {"next": 1, "following": 1, "coming": 1, "last": -1, "previous": -1, "prior": -1,
           "preceding": -1, "this": 0, "current": 0},
    "fr": {"prochain": 1, "prochaine": 1, "suivant": 1, "suivante": 1, "d'apres": 1,
           "dernier": -1, "derniere": -1, "passe": -1, "passee": -1, "precedent": -1, "precedente": -1,
           "d'avant": -1, "en cours": 0, "cette": 0, "ce": 0},
}
# After "N years ...": which way the N goes.
DIRECTIONS = {
    "en": {"ago": -1, "earlier": -1, "before": -1, "later": 1, "after": 1,
           "before last": -2, "after next": 2},
    "fr": {"plus tot": -1, "auparavant": -1, "avant": -1, "plus tard": 1, "apres": 1},
}

# A year standing alone needs one of these right before it; counts ("in 2000 stores") are then told
# apart by the word after the year (see _plausible_year_end).
YEAR_CUES = {
    "en": r"in|since|by|from|until|till|through|before|after|during|of|for|between|circa|year"
          r"|early|late|spring|summer|autumn|fall|winter|fiscal|(?-i:Q[1-4]|H[12])",
    "fr": r"en|depuis|dès|d['’]ici(?:\s+à)?|jusqu['’](?:en|à|au)|avant|après|vers|pour|de|entre"
          r"|à\s+partir\s+de|horizon|l['’]an|(?:l['’])?année|fin|début|courant|printemps|été|automne|hiver"
          r"|(?-i:T[1-4]|S[12])",
}
# The first word of each cue above, as spelt there (see _patterns).
YEAR_CUE_WORDS = {
    "en": "in since by from until till through before after during of for between circa year early late spring summer "
          "autumn fall winter fiscal q h".split(),
    "fr": "en depuis dès d jusqu avant après vers pour de entre à horizon l année fin début courant printemps "
          "été automne hiver t s".split(),
}
# Glued to the year with a hyphen: "mid-2019", "fin-2019".
YEAR_HYPHEN_CUES = {"en": r"mid|end|start|early|late", "fr": r"mi|fin|début"}

# Normal, no-break and narrow no-break spaces.
_S = r"[\x20\u00a0\u202f]"
_SP = _S + "+"
_AP = r"['’]"
_DIGIT = "0"  # as a start word: a figure
# Precompiled: these run for every match (the regex module's cache lookup costs more than the work).
_SPACES = regex.compile(_SP)
_ARTICLE = regex.compile(r"(?i)^an? ")
_PRIORITY = {"date": 0, "relative": 1, "age": 2, "duration": 3, "year": 4, "weekday": 5}


def fold(text: str) -> str:
    """Lower case, accents and typographic apostrophes removed, spaces made plain."""
    text = unicodedata.normalize("NFD", text.casefold().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text)


def _variants(words) -> set[str]:
    """Each word as written and without its accents."""
    return {w for word in words for w in (word, fold(word))}


def _spellings(words) -> list[str]:
    """The words _alternation matches, in lower case."""
    return sorted({w.lower() for w in _variants(words)})


def _alternation(words) -> str:
    """Longest first, and each word also without its accents."""
    return alternation(_variants(words))


@cache
def _tables(lex: Lexicon) -> dict[str, dict]:
    months = {fold(name): i + 1 for i, name in enumerate(lex.months)}
    months |= {fold(a): n for n, abbrs in lex.month_abbreviations.items() for a in abbrs}
    return {
        "months": months,
        "weekdays": {fold(name): i for i, name in enumerate(lex.weekdays)},
        "units": {fold(word): unit for word, unit in lex.time_units.items()},
        "year_followers": set(lex.year_followers),
    }


def _month_regex(lex: Lexicon) -> str:
    parts = []
    names = [(w, False) for name in lex.months for w in {name, fold(name)}]
    names += [(w, True) for abbrs in lex.month_abbreviations.values() for a in abbrs for w in {a, fold(a)}]
    for word, abbreviated in sorted(names, key=lambda x: len(x[0]), reverse=True):
        body = regex.escape(word)
        if word in lex.capitalised_only:
            body = f"(?-i:{word.capitalize()}|{word.upper()})"
        if not abbreviated:
            tail = r"(?!\p{L})"
        elif word in lex.dot_required:
            tail = r"\."
        else:
            tail = r"(?:\.|(?!\p{L}))"
        parts.append(body + tail)
    return rf"(?<!\p{{L}})(?P<month>{'|'.join(parts)})"


def _number_regex(lex: Lexicon) -> str:
    """A number in figures or in words, in group `num`."""
    if lex.code == "en":
        digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        # "and" only joins after hundred/thousand ("one hundred and five"), so "between one and two
        # years" does not read as one number.
        join = rf"(?:-|{_SP}|(?<=hundred|thousand){_SP}and{_SP})"
        lead = rf"(?:an?{_SP}(?=hundred|thousand))?"
    else:
        digits = r"\d+(?:,\d+)?"
        join = rf"(?:-|{_SP}|[-\x20]et[-\x20](?=un|une|onze))"
        lead = ""
    word = rf"(?:{_alternation(lex.number_words)})(?!\p{{L}})"
    return (
        rf"(?P<num>(?<![\p{{L}}\p{{N}}.,/€$£¥-])(?:{digits})(?!\p{{N}}|[.,]\p{{N}})"
        rf"|(?<![\p{{L}}-]){lead}{word}(?:{join}{word}){{0,5}})"
    )


def _unit_regex(lex: Lexicon) -> str:
    return rf"(?P<unit>{_alternation(lex.time_units)})(?!\p{{L}})"


class _Pattern(NamedTuple):
    kind: str  # the handler of a kind turns a match into facts
    compiled: regex.Pattern
    # The words a match can begin with, in lower case, in every spelling the pattern takes (_DIGIT: a
    # figure); _scanner finds where they are written.
    starts: list[str]
    # A word every match has after a part of unbounded length: `regex` looks for it before each attempt,
    # as far as it takes (see _matches).
    ahead: str | None = None


@cache
def _patterns(lex: Lexicon) -> list[_Pattern]:
    S, SP, AP = _S, _SP, _AP
    weekdays = _spellings(lex.weekdays)
    months = _spellings([*lex.months, *(a for abbrs in lex.month_abbreviations.values() for a in abbrs)])
    numbers = [_DIGIT, *_spellings(lex.number_words)] + (["a", "an"] if lex.code == "en" else [])  # "a hundred"
    month = _month_regex(lex)
    weekday = rf"(?<!\p{{L}})(?P<wd>{_alternation(lex.weekdays)})(?!\p{{L}})"
    day = r"(?<![\p{L}\p{N}.,])(?P<day>3[01]|[12]\d|0?[1-9])"
    year = r"(?P<year>1\d{3}|20\d\d)(?!\p{N}|[.,]\p{N}|" + S + r"?%)"
    num, unit = _number_regex(lex), _unit_regex(lex)
    y = r"(?:18|19|20)\d\d(?![\p{L}\p{N}]|[.,]\p{N})"
    year_cue = rf"(?<![\p{{L}}\p{{N}}])(?:(?:{YEAR_CUES[lex.code]}){SP}|(?:{YEAR_HYPHEN_CUES[lex.code]})-)"
    year_sep = (r"(?:to|and|or|until|through)" if lex.code == "en" else r"(?:à|au|et|ou|jusqu['’](?:en|à|au))")
    years = (rf"(?P<y1>{y})(?:(?P<sep>{S}?[-–/]{S}?|{SP}{year_sep}{SP})"
             rf"(?P<y2>\d{{4}}|\d{{2}})(?![\p{{L}}\p{{N}}]|[.,]\p{{N}}))?")
    not_after, not_before = "|".join(lex.weekday_not_after), "|".join(lex.weekday_not_before)
    no_paper = rf"(?<!(?:{not_after}){S})(?P<wd>{_alternation(lex.weekdays)})(?!\p{{L}})(?!{S}(?:{not_before}))"
    iso = r"(?<![\p{L}\p{N}.,/-])(?P<year>\d{4})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?![\p{N}-])"

    if lex.code == "en":
        dates = [
            # "Thursday, 12 June 2025", "17th of October", "17 October, 2022"
            (rf"(?:{weekday},?{SP}(?:the{SP})?)?{day}(?:st|nd|rd|th)?(?:{SP}of)?{SP}{month}(?:,?{SP}{year})?",
             weekdays + [_DIGIT]),
            # "Thursday, October 17, 2022", "Oct. 17", "October 17th"
            (rf"(?:{weekday},?{SP})?{month}{SP}{day}(?:st|nd|rd|th)?(?!\p{{L}}|\p{{N}}|[.,]\p{{N}})(?:,?{SP}{year})?",
             weekdays + months),
            (rf"{month}{SP}{year}", months),
            (iso, [_DIGIT]),
        ]
        relative = [
            # "the last year" is the past twelve months, not last year.
            (rf"(?<!\p{{L}})(?<!the{SP})(?P<rel>next|last|this|current){SP}(?P<unit>year|month|week)(?!\p{{L}})",
             ["next", "last", "this", "current"]),
            (rf"(?<!\p{{L}})the{SP}(?P<rel>following|next|previous|prior|preceding|coming){SP}"
             rf"(?P<unit>year|month|week)(?!\p{{L}})", ["the"]),
            (rf"(?<!\p{{L}})the{SP}(?P<unit>year|month|week){SP}"
             rf"(?P<dir>before{SP}last|after{SP}next|before|after)(?!\p{{L}})", ["the"]),
            # "for two years before joining" is a duration.
            (rf"(?<!(?:for|over|during|within){SP})"
             rf"(?:(?<!\p{{L}})(?P<num>an?)|{num}){SP}{unit}{SP}(?P<dir>ago|earlier|later|before|after)(?!\p{{L}})",
             numbers + ["a", "an"]),
        ]
        half = rf"{SP}and{SP}a{SP}half"
        durations = [
            (rf"{num}(?P<half>{half})?{SP}{unit}(?P<half2>{half})?", numbers),
            # "a year" is a duration only after a cue: "20,000 cars a year" is a rate.
            (rf"(?<=(?<!\p{{L}})(?:for|over|during|within|in|after|than|about|nearly|almost|least|just|only){SP})"
             rf"(?P<num>an?){SP}{unit}(?P<half2>{half})?", ["a", "an"]),
            (rf"(?<!\p{{L}})(?P<num>an?){SP}(?P<unit>decade)(?!\p{{L}})", ["a", "an"]),
        ]
        ages = [
            (rf"(?<!\p{{L}})age{SP}of{SP}{num}", ["age"]),
            (rf"(?<!\p{{L}})aged{SP}{num}(?:{SP}(?:to|and){SP}(?P<num2>\d+))?(?!\p{{N}})", ["aged"]),
            (rf"(?<!\p{{L}})age{SP}{num}", ["age"]),
            (rf"{num}(?:-|{SP})years?(?:-|{SP})olds?(?!\p{{L}})", numbers, "year"),
            (rf"{num}{SP}years?{SP}of{SP}age(?!\p{{L}})", numbers, "year"),
        ]
    else:
        dates = [
            # "lundi 17 octobre", "1er juillet 2012"
            (rf"(?:{weekday},?{SP})?{day}(?:er|ᵉʳ)?{SP}{month}(?:{SP}{year})?", weekdays + [_DIGIT]),
            (rf"{month}{SP}{year}", months),
            (iso, [_DIGIT]),
            (r"(?<![\p{L}\p{N}.,/-])(?P<dd>0?[1-9]|[12]\d|3[01])/(?P<mm>0?[1-9]|1[0-2])/(?P<year>\d{4})(?![\p{N}/])",
             [_DIGIT]),
        ]
        rel = (r"(?P<rel>prochaine?|derni[eè]re?|pass[ée]e?|suivante?|pr[ée]c[ée]dente?"
               rf"|d{AP}avant|d{AP}apr[eè]s|en{SP}cours)(?!\p{{L}})")
        relative = [
            (rf"(?<!\p{{L}})(?P<unit>l{AP}an|(?:l{AP})?ann[ée]e){SP}{rel}", ["l", "année", "annee"]),
            (rf"(?<!\p{{L}})(?:le{SP})?(?P<unit>mois){SP}{rel}", ["le", "mois"], "mois"),
            (rf"(?<!\p{{L}})(?:la{SP})?(?P<unit>semaine){SP}{rel}", ["la", "semaine"], "semaine"),
            # "cette année-là" is a year already named, not this year.
            (rf"(?<!\p{{L}})(?P<rel>cette){SP}(?P<unit>ann[ée]e|semaine)(?:-ci)?(?!\p{{L}}|-)", ["cette"]),
            (rf"(?<!\p{{L}})(?P<rel>ce){SP}(?P<unit>mois)(?:-ci)?(?!\p{{L}}|-)", ["ce"]),
            (rf"(?<!\p{{L}})(?P<ago>il{SP}y{SP}a){SP}{num}{SP}{unit}", ["il"]),
            (rf"{num}{SP}{unit}{SP}(?P<dir>plus{SP}t[ôo]t|plus{SP}tard|auparavant|avant|apr[eè]s)(?!\p{{L}})",
             numbers),
        ]
        durations = [(rf"{num}{SP}{unit}(?P<half2>{SP}et{SP}demie?)?(?!\p{{L}})", numbers)]
        not_more = rf"(?!{SP}(?:de|d{AP}))"  # "dès 2 ans d'ancienneté" is not an age
        age_nouns = "|".join(lex.age_nouns)
        ages = [
            (rf"(?<!\p{{L}})[âa]ge{SP}(?:de{SP}|d{AP}){num}{SP}ans?(?!\p{{L}})", ["âge", "age"]),
            (rf"(?<!\p{{L}})[âa]g[ée]e?s?{SP}(?:de{SP}|d{AP}){num}"
             rf"(?:{SP}(?:à|et){SP}(?P<num2>\d+))?{SP}ans?(?!\p{{L}})",
             [f"{a}g{e}{x}{s}" for a in "âa" for e in "ée" for x in ("", "e") for s in ("", "s")]),
            (rf"(?<=(?<!\p{{L}})(?:dès|à{SP}partir{SP}de){SP}){num}{SP}ans?(?!\p{{L}}){not_more}", numbers, "an"),
            (rf"(?<=(?<!\p{{L}})(?:{age_nouns}){SP}(?:de{SP}|d{AP})){num}{SP}ans?(?!\p{{L}}){not_more}",
             numbers, "an"),
        ]

    compiled = [("date", *p) for p in dates]
    compiled += [("relative", *p) for p in relative]
    compiled += [("duration", *p) for p in durations]
    compiled += [("age", *p) for p in ages]
    compiled += [
        ("year", rf"{year_cue}{years}", YEAR_CUE_WORDS[lex.code] + YEAR_HYPHEN_CUES[lex.code].split("|")),
        # "2022's results": a possessive makes a year without a cue.
        ("year", rf"(?<![\p{{L}}\p{{N}}€$£¥.,/-])(?P<y1>{y})(?={AP}s(?!\p{{L}}))", [_DIGIT]),
        ("weekday", rf"(?<!\p{{L}}){no_paper}", weekdays),
    ]
    # Every expression starts at a word's edge: checked first, it rules out most positions at once.
    return [_Pattern(kind, regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{p})", regex.IGNORECASE), starts, *ahead)
            for kind, p, starts, *ahead in compiled]


_REACH = 10000  # characters an attempt may scan for its `ahead` word (see _matches)
# Letters the scanner tells apart, in lower case: ASCII and Latin-1 ones.
_LETTERS = "a-z\u00df-\u00f6\u00f8-\u00ff"
# Characters that are neither letters nor digits, nor have a case: they end a word.
_PUNCTUATION = "\u00a0\u202f«»‘’“”–—…£€"


@cache
def _scanner(lex: Lexicon) -> tuple[re.Pattern, dict[str, dict[str, list[int]]]]:
    """Where a match of `_patterns(lex)` may start (and more), found with the standard library's `re`
    in the text in lower case (see _matches), and for each such place the patterns to try there.

    A match starts at a word's edge (no letter or digit before it) with one of its start words, and no
    letter follows a start word in any pattern. For a letter of a start word, `regex` takes only that
    letter in either case, which is it in lower case, or a character outside ASCII and Latin-1 (Kelvin's
    K). So a start word written in ASCII and Latin-1 letters is found whole (`word`); otherwise its
    letters before its first other character are found with it, as a `head` of a start word ("" for a
    digit of another script). An ASCII digit is a `digit`. The edge test is looser than the patterns':
    in lower case, an ASCII or Latin-1 letter or a digit only comes from a letter or digit (checked for
    every character)."""
    tables: dict[str, dict[str, list[int]]] = {"digit": {}, "word": {}, "head": {}}

    def add(table, key, i):
        if i not in tables[table].setdefault(key, []):
            tables[table][key].append(i)

    for i, pattern in enumerate(_patterns(lex)):
        for word in pattern.starts:
            if word == _DIGIT:
                for d in "0123456789":
                    add("digit", d, i)
                add("head", "", i)  # a digit of another script
            else:
                add("word", word, i)
                for n in range(len(word) + 1):
                    add("head", word[:n], i)
    other = rf"[^\x00-\x7f{_LETTERS}{_PUNCTUATION}]"
    scanner = re.compile(
        rf"(?<![0-9{_LETTERS}])(?:(?P<digit>[0-9])|(?P<word>{alternation(tables['word'])})(?![{_LETTERS}]|{other})"
        rf"|(?P<head>(?:{alternation(h for h in tables['head'] if h)})?){other})"
    )
    return scanner, tables


def _matches(text: str, lex: Lexicon) -> list[list]:
    """The matches of each of `_patterns(lex)`, as its finditer would give them: tried only where
    `_scanner` says one may start, and never before the end of the pattern's previous match."""
    patterns = _patterns(lex)
    scanner, tables = _scanner(lex)
    found: list[list] = [[] for _ in patterns]
    last = [0] * len(patterns)  # where each pattern's previous match ends
    ahead = [-1] * len(patterns)  # where each pattern's `ahead` word is next
    # Lower case keeps the offsets but for "İ" (two characters): i, as `regex` reads it, and "ſ" s.
    low = text.replace("\u0130", "i").replace("ſ", "s").lower()
    for candidate in scanner.finditer(low):
        start, group = candidate.start(), candidate.lastgroup
        for i in tables[group].get(candidate[group], ()):
            if start < last[i]:
                continue
            pattern, far = patterns[i], False
            if pattern.ahead:
                if ahead[i] < start:
                    ahead[i] = low.find(pattern.ahead, start)
                if ahead[i] < 0:  # no match without the word
                    last[i] = len(text) + 1
                    continue
                # Far from the word, each attempt would first scan the text up to it: one search to the
                # next match instead, as finditer does.
                far = ahead[i] - start > _REACH
            m = pattern.compiled.search(text, start) if far else pattern.compiled.match(text, start)
            if m:
                found[i].append(m)
                last[i] = m.end()
            elif far:
                last[i] = len(text) + 1
    return found


def _fact(kind, start, end, value=None, unit=None, date=None, weekday=None) -> dict:
    return {"kind": kind, "start": start, "end": end, "value": value, "unit": unit, "date": date,
            "weekday": weekday}


def _number(text: str, lex: Lexicon) -> float | None:
    words = fold(text)
    if words in ("a", "an"):
        return 1.0
    try:
        return parse_number(_ARTICLE.sub("", text.strip()), lex)[0]
    except NotANumber:
        return None


def _whole(x: float) -> int | float:
    return int(x) if x == int(x) else x


def _group(m, name):
    return m.groupdict().get(name)


def _dates(m, text, lex):
    t = _tables(lex)
    year = _group(m, "year")
    if _group(m, "mm"):
        month, day = int(m["mm"]), int(m["dd"])
    else:
        month = t["months"][fold(m["month"]).rstrip(".")]
        day = int(m["day"]) if _group(m, "day") else None
    if day is None:
        iso = f"{year}-{month:02d}"
    else:
        iso = f"{year or '-'}-{month:02d}-{day:02d}"
    wd = _group(m, "wd")
    return [_fact("date", m.start(), m.end(), int(year) if year else None, None, iso,
                  t["weekdays"][fold(wd)] if wd else None)]


def _relative(m, text, lex):
    unit_word = fold(m["unit"]).replace("l'", "")
    unit, size = _tables(lex)["units"][unit_word]
    if _group(m, "rel"):
        offset = RELATIVE_WORDS[lex.code][fold(m["rel"])]
    else:
        amount = _number(m["num"], lex) if _group(m, "num") else 1.0
        if amount is None or amount != int(amount):
            return []
        direction = -1 if _group(m, "ago") else DIRECTIONS[lex.code][fold(m["dir"])]
        offset = direction * int(amount) * size
        if abs(direction) == 2:  # "the year before last"
            offset = direction * size
    return [_fact("relative", m.start(), m.end(), offset, unit)]


def _duration(m, text, lex):
    amount = _number(m["num"], lex)
    if amount is None:
        return []
    unit, size = _tables(lex)["units"][fold(m["unit"])]
    if _group(m, "half") or _group(m, "half2"):
        amount += 0.5
    return [_fact("duration", m.start(), m.end(), float(amount * size), unit)]


def _age(m, text, lex):
    amount = _number(m["num"], lex)
    if amount is None or not 0 < amount < 130:
        return []
    return [_fact("age", m.start(), m.end(), _whole(amount), "year")]


@cache
def _after_year(lex: Lexicon) -> tuple[regex.Pattern, regex.Pattern]:
    unit = regex.compile(
        rf"{_S}*(?:%|‰|[€$£¥]|(?-i:EUR|USD|GBP|JPY|CHF|CNY|[Mk]€|bn|m|Mds?|Md)(?!\p{{L}}))"
        rf"|[-–/]\p{{N}}|{_SP}(?:to|and|or|à|au|et|ou){_SP}\p{{N}}",
        regex.IGNORECASE,
    )
    word = regex.compile(rf"{_SP}(\p{{Ll}}+)")
    return unit, word


def _plausible_year_end(text: str, end: int, lex: Lexicon) -> bool:
    """A year may be followed by punctuation, a capital, or a word from YEAR_FOLLOWERS; a unit,
    a currency, a percent sign or another lower-case word make it a count ("2019 euros", "2000 jobs")."""
    unit, word = _after_year(lex)
    rest = text[end:end + 40]
    if unit.match(rest):
        return False
    w = word.match(rest)
    return not w or w.group(1) in _tables(lex)["year_followers"]


def _years(m, text, lex):
    if not _plausible_year_end(text, m.end(), lex):
        return []
    y1 = int(m["y1"])
    facts = [_fact("year", m.start("y1"), m.end("y1"), y1)]
    y2 = _group(m, "y2")
    if y2:
        sep = fold(m["sep"]).strip()
        dash = sep in ("-", "–", "/")
        # A range ("2019-2022", "from 2019 to 2022") goes forward; a list ("2019 or 2018") need not.
        ordered = sep not in ("and", "or", "et", "ou")
        if len(y2) == 2:
            # "2019-20": a season or a financial year, told by its start.
            if not dash or int(y2) <= y1 % 100:
                return []
        elif not 1800 <= int(y2) <= 2099 or (ordered and int(y2) <= y1):
            return []
        else:
            facts.append(_fact("year", m.start("y2"), m.end("y2"), int(y2)))
    return facts


def _weekday(m, text, lex):
    return [_fact("weekday", m.start("wd"), m.end("wd"), _tables(lex)["weekdays"][fold(m["wd"])])]


_HANDLERS = {"date": _dates, "relative": _relative, "duration": _duration, "age": _age, "year": _years,
             "weekday": _weekday}


def find_dates(text: str, lex: Lexicon) -> list[dict]:
    """Dates and times stated in `text` (in the language of `lex`), in order of start offset, non-overlapping.

    Each dict has exactly these keys: kind, start, end, value, unit, date, weekday
    (text[start:end] is the exact expression; keys that do not apply are None).

    kind     value                        unit                      date              weekday
    date     the year written, or None    None                      "2022-10-17",     0..6 if written
                                                                    "--10-17" (no year),
                                                                    "2022-10" (no day)
    weekday  0 (Monday) .. 6 (Sunday)     None                      None              None
    year     the year (int)               None                      None              None
    relative offset (int): +1, -1, 0, -2  year|month|week|day       None              None
    duration amount (float)               year|month|week|day       None              None
    age      the age (int)                "year"                    None              None

    Spans start at the first word that carries the meaning: the cue before it is left out ("for 23 years"
    -> "23 years", "from the age of 14" -> "age of 14", "dès 14 ans" -> "14 ans"). Where expressions
    overlap, the one that starts first wins, then the longest. Impossible dates ("30 February 2025") are
    kept as written ("2025-02-30") for a later rule to flag. For an age range ("aged 18 to 25") the value
    is the lower age.
    """
    candidates = []
    for pattern, matches in zip(_patterns(lex), _matches(text, lex)):
        for m in matches:
            candidates += _HANDLERS[pattern.kind](m, text, lex)
    candidates.sort(key=lambda f: (f["start"], f["start"] - f["end"], _PRIORITY[f["kind"]]))
    found, last_end = [], 0
    for fact in candidates:
        if fact["start"] >= last_end:
            found.append(fact)
            last_end = fact["end"]
    return found
