"""Build `rules/registry.yml`, copydesk's default entity registry, so that checking needs no network.

What it reads
-------------
- `rules/sources/*.yml`: curated, hand-kept entries in the registry's own schema. An entry with
  its own `examples` (the 67 entries of the original hand-written registry: carmakers, brands,
  battery makers, Google, Les Echos) is copied as written. The others (institutions, news
  organisations) get generated examples and computed `distinct` words, like the entries below.
- pycountry (LGPL-2.1; ISO 3166-1 and ISO 4217 data and their gettext catalogues ship in the
  package): countries and territories with their English and French names, and the 38
  currencies news copy names.
- pytickersymbols (MIT; index constituents ship in the package): the companies of CAC 40, DAX,
  EURO STOXX 50, FTSE 100, S&P 100, Dow Jones, NASDAQ 100, AEX, IBEX 35, Switzerland 20 and
  BEL 20 (not the whole S&P 500: too many names).
- wordfreq (Apache-2.0 code, CC BY-SA 4.0 word lists; a copydesk dependency): only to screen
  names. Nothing of it is written out but the words put in `distinct`.
- `checks` (this repository): names are screened, and examples checked, with the matcher itself
  (checks/extract/entities.py), so that the registry follows its rules as they change.

pycountry and pytickersymbols are needed to build the registry, never to use it.

How to re-run
-------------
    .venv/bin/python tools/build_registry.py            # rewrites rules/registry.yml
    .venv/bin/python tools/build_registry.py --report   # and prints what was left out and why,
                                                        # and every name's near words

The output is deterministic: the same package versions give the same file, byte for byte. Then
run `pytest tests/test_rule_examples.py`, which puts every entry's examples through the whole
pipeline. Edit the tables below or `rules/sources/*.yml`, never `rules/registry.yml`.

How names are screened
----------------------
The matcher flags a capitalised word, or a run of them, as a misspelling of a registered name
(or alias) when its folded form (no accents, case, spaces, hyphens) is one edit (a swap counts as
one) from a registered form of four or five letters, or two edits from a longer one, with the
same first letter, the same number of words, a length within one, and the word not a common
English or French word (wordfreq Zipf >= 2.5). Exact names, aliases and plurals are never
flagged, so the risk of a name is not the name itself but the real words and names just below
that frequency that sit next to it: "Gabor" next to Gabon, "Almunia" next to Albania. For each
entry the builder gives the matcher every word of wordfreq's English and French lists (Zipf
< 2.5) within reach of one of its forms, and sorts those the matcher flags:

- a typo of the name ("Isreal", "Phillipines", "Afganistan"), much rarer than the name: kept
  flaggable (see `classify`);
- a word made from the name ("Namibien", "Barclay", "Schroder"): put in `distinct`;
- any other word of Zipf >= DISTINCT_ZIPF, or more frequent than the name: a word or name of
  its own, put in `distinct`; the rarer rest stays flaggable.

Left out (and listed with --report):
- companies and bodies that are rare as words (Zipf < CROWD_ZIPF) and sit among CROWD or more
  real words: little to catch, and the unknown names around them get flagged (Montea, Haleon,
  Prosus...); short generated aliases in a crowd of ALIAS_CROWD real words (AmEx, Citi, ESMA);
- companies whose name is an ordinary word in news copy (COMPANY_SKIP: Next, Target, Visa,
  Orange...), or registered only in a longer form that is not a word ("Sage Group");
- names of fewer than MIN_LETTERS letters (BP, 3M), and names no example the matcher catches can
  be written for: names with "&" (the matcher reads the words on either side apart), digits
  (Scout24), or a registered name inside them (U.S. Bancorp);
- names already registered by a curated entry (Renault, Tesla, BMW...).

Words in DISTINCT were false alarms on the BBC business and French Wikinews corpora.
"""

from __future__ import annotations

import argparse
import dataclasses
import gettext
import math
import re
import sys
import unicodedata
import zlib
from collections import defaultdict
from pathlib import Path

import pycountry
import yaml
from pytickersymbols import PyTickerSymbols
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein
from wordfreq import get_frequency_dict, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
sys.path.insert(0, str(ROOT))  # the checkout's `checks`, whose matcher the names are screened with

from checks.extract.entities import KNOWN_WORD_ZIPF, MIN_FUZZY_LENGTH, EntityMatcher  # noqa: E402
from checks.extract.text import detect_language, fold, sentence_starts  # noqa: E402
from checks.rules import Entity, load_registry  # noqa: E402

SOURCES = RULES / "sources"
OUTPUT = RULES / "registry.yml"

# Screening thresholds (see the docstring).
DISTINCT_ZIPF = 1.5  # a near word this frequent is a word or name of its own, unless it looks like a typo
TYPO_GAP = 1.5  # a near word that looks like a typo and is this much rarer than the name is one
TYPO_LENGTH = 8  # one wrong letter in a name this long makes a typo, not another word
CROWD = 10  # a company or body rare as a word (Zipf < CROWD_ZIPF) near this many real words is left out:
CROWD_ZIPF = 2.0  # its misspellings are rare, the unknown names around it are not (BBC corpus, before
# they were left out: Reveta for Redeia, AEFA for Aena, Enarsa for Enagás)
ALIAS_CROWD = 5  # a generated alias of four or five letters near this many real words is dropped
COMMON_WORD_ZIPF = 3.5  # a one-word company name this frequent is listed by --report, to be looked at
MIN_LETTERS = 3  # shorter names (BP, 3M, 3i, M&G) are left out: two letters are too few to call a name
# What the screen leaves out with pycountry 26.2.16, pytickersymbols 1.17.10 and wordfreq 3.1.1
# (--report prints it again, with the rest):
# - rare as words and in a crowd of real ones: Aena (aina, aléna, apna, aera...), argenx (ariens,
#   arpent...), Azelis (28 near words), Besi (béji, busi, beti...), Cintas (27), Copart (32),
#   Entain (17), Geberit (gerrit, gerbert...), Haleon (52: haydon, hazen, halton...), Insmed,
#   Intertek, Metlen (49), Montea (50), Nordea (noreen, norden, nortel...), Prosus (38), Redeia (22),
#   Sofina, Solaria, Verisk;
# - short aliases in a crowd: AmEx (avex, ampex, amax...), Citi (ceti, civi, coti...), ESMA (está,
#   espa, elma...).

# ------------------------------------------------------------------------------------------------
# Countries (pycountry, ISO 3166-1)
# ------------------------------------------------------------------------------------------------

# Canonical English name where news copy writes it differently from ISO's name / common_name.
COUNTRY_NAMES = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CC": "Cocos Islands",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MF": "Saint Martin",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "VN": "Vietnam",
}
# Other names news copy uses, English and French (ISO's names and the gettext French name are
# added by the builder).
COUNTRY_ALIASES = {
    "AE": ["UAE", "Emirates"],
    "BA": ["Bosnia"],
    "BO": ["Bolivie"],
    "BS": ["The Bahamas"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "RDC", "RD Congo"],
    "CG": ["Congo", "Congo-Brazzaville"],
    "CI": ["Côte d'Ivoire"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czechia"],
    "FK": ["Falklands"],
    "GB": ["UK", "Britain", "Great Britain", "Grande-Bretagne"],
    "GM": ["The Gambia"],
    "KP": ["DPRK", "Corée du Nord"],
    "KR": ["Republic of Korea", "Corée du Sud"],
    "MK": ["Macedonia", "Macédoine"],
    "MV": ["Maldive Islands"],
    "MM": ["Burma", "Birmanie"],
    "NL": ["Holland", "Hollande"],
    "PS": ["State of Palestine"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye"],
    "TW": ["Taïwan"],
    "US": ["US", "USA", "United States of America", "États-Unis"],
    "VA": ["Holy See", "Vatican", "Saint-Siège"],
    "VN": ["Viet Nam", "Viêt Nam"],
}
# French names where the gettext catalogue gives ISO's inverted form ("Corée, République de") or
# nothing usable.
FRENCH_COUNTRY_NAMES = {
    "AX": "Îles Åland",
    "BO": "Bolivie",
    "CC": "Îles Cocos",
    "CX": "Île Christmas",
    "FK": "Îles Malouines",
    "FM": "Micronésie",
    "GL": "Groenland",  # the gettext catalogue's Groënland is an old spelling
    "IR": "Iran",
    "KP": "Corée du Nord",
    "KR": "Corée du Sud",
    "LA": "Laos",
    "MD": "Moldavie",
    "MF": "Saint-Martin",
    "PS": "Palestine",
    "RE": "La Réunion",
    "RU": "Russie",
    "SB": "Îles Salomon",
    "SX": "Sint Maarten",
    "SY": "Syrie",
    "TW": "Taïwan",
    "TZ": "Tanzanie",
    "VA": "Vatican",
    "VE": "Venezuela",
    "VI": "Îles Vierges des États-Unis",
}
# Not sovereign states: dependencies, overseas regions, uninhabited or disputed territories.
TERRITORIES = set(
    "AW AI AX AS AQ TF BQ BL BM BV CC CK CW CX KY EH FK FO GG GI GP GF GU GL HK HM IM IO JE MO MF MS "
    "MQ MP NC NF NU PF PN PR RE SH SJ PM SX TC TK UM VG VI WF YT".split()
)

# ------------------------------------------------------------------------------------------------
# Currencies (pycountry, ISO 4217): only those news copy names
# ------------------------------------------------------------------------------------------------

# code -> (canonical, aliases). English copy writes currencies in lower case ("the euro", "the
# yen"), and so does French; the matcher only ever sees capitalised words, and a registered
# lower-case form would be reported as inconsistent with the same word opening a sentence. So
# every registered form starts with a capital: the qualified name ("Swiss franc") or, for the
# euro, the capitalised word. ISO's English and the catalogue's French names are added as aliases
# when they start with a capital.
CURRENCIES = {
    "EUR": ("Euro", []),
    "USD": ("US dollar", ["US Dollar", "Dollar américain"]),
    "GBP": ("Pound sterling", ["Sterling", "British pound", "Livre sterling"]),
    "JPY": ("Japanese yen", ["Yen japonais"]),
    "CHF": ("Swiss franc", ["Franc suisse"]),
    "CNY": ("Renminbi", ["Chinese yuan", "Yuan", "Yuan renminbi"]),
    "RUB": ("Russian rouble", ["Russian ruble", "Rouble", "Ruble", "Rouble russe"]),
    "INR": ("Indian rupee", ["Roupie indienne"]),
    "CAD": ("Canadian dollar", ["Dollar canadien"]),
    "AUD": ("Australian dollar", ["Dollar australien"]),
    "NZD": ("New Zealand dollar", ["Dollar néo-zélandais"]),
    "HKD": ("Hong Kong dollar", ["Dollar de Hong Kong"]),
    "SGD": ("Singapore dollar", ["Dollar de Singapour"]),
    "SEK": ("Swedish krona", ["Couronne suédoise"]),
    "NOK": ("Norwegian krone", ["Couronne norvégienne"]),
    "DKK": ("Danish krone", ["Couronne danoise"]),
    "PLN": ("Polish zloty", ["Zloty polonais"]),
    "HUF": ("Hungarian forint", ["Forint hongrois"]),
    "CZK": ("Czech koruna", ["Couronne tchèque"]),
    "TRY": ("Turkish lira", ["Livre turque"]),
    "BRL": ("Brazilian real", ["Real brésilien"]),
    "MXN": ("Mexican peso", ["Peso mexicain"]),
    "ARS": ("Argentine peso", ["Peso argentin"]),
    "ZAR": ("South African rand", ["Rand sud-africain"]),
    "KRW": ("South Korean won", ["Won sud-coréen"]),
    "SAR": ("Saudi riyal", ["Riyal saoudien"]),
    "AED": ("UAE dirham", ["Dirham des Émirats arabes unis"]),
    "ILS": ("Israeli shekel", ["New Israeli shekel", "Shekel israélien"]),
    "NGN": ("Nigerian naira", ["Naira nigérian"]),
    "EGP": ("Egyptian pound", ["Livre égyptienne"]),
    "UAH": ("Ukrainian hryvnia", ["Hryvnia ukrainienne"]),
    "IDR": ("Indonesian rupiah", ["Roupie indonésienne"]),
    "THB": ("Thai baht", ["Baht thaïlandais"]),
    "TWD": ("Taiwan dollar", ["New Taiwan dollar", "Dollar taïwanais"]),
    "PKR": ("Pakistani rupee", ["Roupie pakistanaise"]),
    "KES": ("Kenyan shilling", ["Shilling kényan"]),
    "XOF": ("CFA franc", ["Franc CFA"]),
    "VND": ("Vietnamese dong", ["Dong vietnamien"]),
}

# ------------------------------------------------------------------------------------------------
# Listed companies (pytickersymbols)
# ------------------------------------------------------------------------------------------------

INDICES = ["CAC_40", "DAX", "EURO STOXX 50", "FTSE 100", "S&P 100", "DOW JONES", "NASDAQ 100", "AEX",
           "IBEX 35", "Switzerland 20", "BEL 20"]
INDEX_LABELS = {"CAC_40": "CAC 40", "DOW JONES": "Dow Jones"}

# Legal forms stripped from the end of a name (the full name is kept as an alias). "Group" and
# "Holdings" are not legal forms: kept, or dropped name by name in COMPANY_NAMES.
LEGAL_FORM = re.compile(
    r",?\s+(?:S\.?A\.?|SE|AG|KGaA|plc|PLC|Inc\.?|N\.?V\.?|Ltd\.?|Corporation|Corp\.?|Co\.)$"
)

# pytickersymbols name -> canonical name, or (canonical, aliases). Aliases are other names the
# company goes by (former names still in copy, initials); the source name is added when it differs.
COMPANY_NAMES = {
    "Axa": "AXA",
    "BNP Paribas": ("BNP Paribas", ["BNP"]),
    "Eurofins Scientific": "Eurofins",
    "Hermès": ("Hermès", ["Hermès International"]),
    "LVMH": ("LVMH", ["LVMH Moët Hennessy Louis Vuitton"]),
    "Publicis": ("Publicis", ["Publicis Groupe"]),
    "Société Générale": ("Société Générale", ["SocGen"]),
    "STABILUS SE": ("STMicroelectronics", ["STMicro"]),  # the data's name for STMPA.PA is wrong
    "Thales Group": "Thales",
    "Unibail-Rodamco-Westfield": ("Unibail-Rodamco-Westfield", ["URW"]),
    "Deutsche Post": ("Deutsche Post", ["DHL Group", "Deutsche Post DHL"]),
    "Hannover Re": ("Hannover Re", ["Hannover Rück"]),
    "HeidelbergCement": ("Heidelberg Materials", ["HeidelbergCement"]),
    "Infineon Technologies": "Infineon",
    # Merck KGaA (DAX) and Merck & Co. (S&P 100) are two companies with one name.
    "Merck Group": ("Merck", ["Merck KGaA", "Merck Group", "Merck & Co."]),
    "Merck & Co.": ("Merck", ["Merck KGaA", "Merck Group", "Merck & Co."]),
    "MTU Aero Engines": ("MTU Aero Engines", ["MTU"]),
    "Munich Re": ("Munich Re", ["Münchener Rück"]),
    "AB InBev": ("AB InBev", ["Anheuser-Busch InBev"]),
    "arGEN-X": "argenx",
    "ASML Holding": "ASML",
    "Banco Bilbao Vizcaya Argentaria": ("BBVA", ["Banco Bilbao Vizcaya Argentaria"]),
    "Banco Santander": ("Santander", ["Banco Santander"]),
    "ING Group": "ING",
    "Anglo American plc": "Anglo American",
    "Associated British Foods": ("Associated British Foods", ["ABF"]),
    "Autotrader Group": ("Auto Trader", ["Auto Trader Group"]),
    "Babcock International": "Babcock",
    "Berkeley Group Holdings": "Berkeley Group",
    "British American Tobacco": ("British American Tobacco", ["BAT"]),
    "BT Group": ("BT Group", ["BT"]),
    "The Coca-Cola Company": ("Coca-Cola", ["Coca-Cola Company"]),
    "Croda International": "Croda",
    "EasyJet": "easyJet",
    "F & C Investment Trust": "F&C Investment Trust",
    "GSK plc": ("GSK", ["GlaxoSmithKline"]),
    "Hikma Pharmaceuticals": "Hikma",
    "Howdens Joinery": ("Howdens", ["Howden Joinery", "Howdens Joinery"]),
    "HSBC": ("HSBC", ["HSBC Holdings"]),
    "ICG plc": ("ICG", ["Intermediate Capital Group"]),
    "IHG Hotels & Resorts": ("IHG", ["InterContinental Hotels Group", "IHG Hotels & Resorts"]),
    "Imperial Brands": ("Imperial Brands", ["Imperial Tobacco"]),
    "International Airlines Group": ("International Airlines Group", ["IAG"]),
    "JD Sports": ("JD Sports", ["JD Sports Fashion"]),
    "Landsec": ("Landsec", ["Land Securities"]),
    "Lloyds Banking Group": ("Lloyds Banking Group", ["Lloyds", "Lloyds Bank", "Lloyds TSB"]),
    "London Stock Exchange Group": ("London Stock Exchange Group", ["London Stock Exchange", "LSEG"]),
    "Marks & Spencer": ("Marks & Spencer", ["M&S"]),
    "Melrose Industries": "Melrose",
    "Metlen Energy & Metals": "Metlen",
    "NatWest Group": "NatWest",
    "Pershing Square Holdings": "Pershing Square",
    "Reckitt": ("Reckitt", ["Reckitt Benckiser"]),
    "RELX": ("RELX", ["Reed Elsevier"]),
    "Rentokil Initial": ("Rentokil Initial", ["Rentokil"]),
    "Rio Tinto (corporation)": "Rio Tinto",
    "Rolls-Royce Holdings": "Rolls-Royce",
    "Sainsbury's": ("Sainsbury's", ["J Sainsbury"]),
    "SES S.A.": "Smiths Group",  # the data's name for SMIN.L is wrong
    "Shell plc": ("Shell", ["Royal Dutch Shell"]),
    "Spirax Group": ("Spirax Group", ["Spirax-Sarco Engineering"]),
    "SSE plc": ("SSE", ["Scottish and Southern Energy"]),
    "St. James's Place plc": ("St James's Place", ["St. James's Place"]),
    "Tritax Big Box REIT": "Tritax Big Box",
    "Apple Inc.": "Apple",
    "Abbott Laboratories": "Abbott",
    "American International Group": ("AIG", ["American International Group"]),
    "AMD": ("AMD", ["Advanced Micro Devices"]),
    "American Express": ("American Express", ["AmEx"]),
    "BNY": ("BNY", ["BNY Mellon", "Bank of New York Mellon"]),
    "Citigroup": ("Citigroup", ["Citi"]),
    "Cisco": ("Cisco", ["Cisco Systems"]),
    "John Deere": ("John Deere", ["Deere & Company"]),
    "The Walt Disney Company": ("Disney", ["Walt Disney", "Walt Disney Company"]),
    "GE Aerospace": ("GE Aerospace", ["General Electric"]),
    "Gilead Sciences": "Gilead",
    "JPMorgan Chase": ("JPMorgan Chase", ["JPMorgan"]),
    "Eli Lilly and Company": "Eli Lilly",
    "Meta Platforms": "Meta",
    "Netflix, Inc.": "Netflix",
    "Nike, Inc.": "Nike",
    "Palantir Technologies": "Palantir",
    "Philip Morris International": ("Philip Morris International", ["Philip Morris", "PMI"]),
    "Procter & Gamble": ("Procter & Gamble", ["P&G"]),
    "RTX Corporation": ("RTX", ["Raytheon Technologies"]),
    "Charles Schwab Corporation": "Charles Schwab",
    "Thermo Fisher Scientific": "Thermo Fisher",
    "T-Mobile US": "T-Mobile",
    "Tesla, Inc.": "Tesla",
    "UnitedHealth Group": ("UnitedHealth Group", ["UnitedHealth"]),
    "United Parcel Service": ("UPS", ["United Parcel Service"]),
    "U.S. Bancorp": "U.S. Bancorp",
    "Verizon": ("Verizon", ["Verizon Communications"]),
    "ExxonMobil": ("ExxonMobil", ["Exxon"]),
    "ADP": ("ADP", ["Automatic Data Processing"]),
    "Axon Enterprise": "Axon Enterprise",
    "CoStar Group": "CoStar",
    "Idexx Laboratories": "Idexx",
    "Marriott International": "Marriott",
    "Marvell Technology": "Marvell",
    "NXP Semiconductors": ("NXP", ["NXP Semiconductors"]),
    "Regeneron Pharmaceuticals": "Regeneron",
    "Seagate Technology": "Seagate",
    "Verisk Analytics": "Verisk",
    "Workday, Inc.": "Workday",
    "Aegon N.V.": "Aegon",
    "Besi": ("Besi", ["BE Semiconductor Industries"]),
    "Heineken International": "Heineken",
    "Philips": ("Philips", ["Royal Philips", "Koninklijke Philips"]),
    "Randstad NV": "Randstad",
    "Universal Music Group": ("Universal Music Group", ["UMG"]),
    "ACS Group": ("ACS", ["ACS Group"]),
    "Amadeus IT Group": "Amadeus",
    "Cellnex Telecom": "Cellnex",
    "AENA": "Aena",
    "Indra Sistemas": "Indra",
    "Redeia Corporación": ("Redeia", ["Red Eléctrica"]),
    "Laboratorios Rovi": "Rovi",
    "Banco Sabadell": ("Sabadell", ["Banco Sabadell"]),
    "Nestlé SA": "Nestlé",
    "Roche Holding AG": ("Roche", ["Roche Holding"]),
    "Zurich Insurance Group": "Zurich Insurance",
    "Lonza Group": "Lonza",
    "Holcim Group": "Holcim",
    "Swiss Reinsurance Company Ltd": ("Swiss Re", ["Swiss Reinsurance Company"]),
    "Kuehne + Nagel": ("Kuehne + Nagel", ["Kühne + Nagel"]),
    "Azelis Group": "Azelis",
    "Elia System Operator": ("Elia Group", ["Elia System Operator"]),
    "Groupe Bruxelles Lambert": ("Groupe Bruxelles Lambert", ["GBL"]),
    "KBC Bank": ("KBC", ["KBC Group", "KBC Bank"]),
    "WDP": ("WDP", ["Warehouses De Pauw"]),
}

# Names left out, and why (the builder adds those no catchable example can be written for).
COMPANY_SKIP = {
    # Ordinary words in news copy: capitalised at the start of a sentence or in a headline they
    # would be taken for the company, and their near-misses are ordinary words' near-misses.
    "Orange SA": "an ordinary word (the colour, the fruit, a French town)",
    "Continental AG": "an ordinary word; also Continental Airlines",
    "Next plc": "an ordinary word",
    "Target Corporation": "an ordinary word",
    "Visa Inc.": "an ordinary word",
    "The Travelers Companies": "an ordinary word (travelers)",
    "Diploma plc": "an ordinary word",
    "Workday, Inc.": "an ordinary word (a workday)",
    "Cognizant": "an ordinary word (cognizant of)",
    "MicroStrategy": "renamed Strategy, an ordinary word",
    # Kept in a longer form that is not a word; the short form alone is an ordinary word:
    # Admiral Group, Sage Group, Phoenix Group, Compass Group, Booking Holdings, Arm Holdings,
    # Cadence Design Systems, Micron Technology, Microchip Technology, Monster Beverage,
    # Vertex Pharmaceuticals, Inmobiliaria Colonial, Merlin Properties, Axon Enterprise.
    # Other names.
    "Ferrari": "left out of the hand-written registry on purpose: one letter from Ferrero",
}
# Known real misspellings (matched exactly), for names whose "&" keeps the matcher's fuzzy
# matching away: it reads the words on either side of "&" apart.
COMPANY_MISSPELLINGS = {
    "Procter & Gamble": ["Proctor & Gamble", "Proctor and Gamble"],
    "Marks & Spencer": ["Marks & Spencers", "Marks and Spencers"],
    "St James's Place": ["St James Place"],
}

# Neighbours of a name that wordfreq knows well enough to be put in `distinct` (Zipf >=
# DISTINCT_ZIPF) but that are misspellings of it: kept flaggable.
NOT_DISTINCT: set[str] = set()
# Real words and names next to a name that the word lists miss or rank too low, added to its
# `distinct` by hand.
# Each of these was a false alarm on the BBC business corpus (shared/corpora/bbc-business) or the
# French Wikinews one: a real name the word lists do not know.
DISTINCT: dict[str, list[str]] = {
    "Bosnia and Herzegovina": ["Bisnis"],  # Bisnis Indonesia, a newspaper (near the alias Bosnia)
    "Disney": ["Dixey"],  # a family name
    "Enagás": ["Enarsa"],  # Argentina's state energy company
    "Exelon": ["Egelton"],  # a family name
    "Finland": ["Finans"],  # Finans Investment, Finansbank (Turkey)
    "Guam": ["Guma"],  # a family name (N'Guma)
    "Taiwan": ["Tankan"],  # the Bank of Japan's business survey
}
# Names kept whatever their neighbourhood (their `distinct` still filled).
KEEP: set[str] = set()

BANK_INDUSTRIES = {"Banks", "Banking Services", "Banking"}
INSURER_INDUSTRIES = {"Insurance", "Reinsurance", "Life insurance", "Non-life Insurance"}

# ------------------------------------------------------------------------------------------------
# Example templates, by kind. {name} is the form under test; {The}/{the} an article where needed.
# ------------------------------------------------------------------------------------------------

TEMPLATES = {
    "country": [
        "The economy of {the}{name} grew faster than expected in the third quarter.",
        "Exports from {the}{name} rose by 4% last year, official figures showed.",
        "Inflation in {the}{name} slowed to 2.1% last month, the statistics office said.",
    ],
    "currency": [
        "{name} trading was volatile on Tuesday as investors awaited the central bank's decision.",
        "{name} deposits rose by 3% last year, the central bank said.",
    ],
    "company": [
        "Shares in {name} rose 3% on Tuesday after the results.",
        "{name} said its sales were in line with forecasts.",
        "Analysts expect {name} to raise its dividend this year.",
    ],
    "institution": [
        "{The}{name} said on Tuesday that it would publish its report next month.",
        "A spokesman for {the}{name} declined to comment on the figures.",
    ],
    "news": [
        "According to {the}{name}, the talks broke down on Tuesday night.",
        "The figures were first reported by {the}{name} on Monday.",
    ],
}
# Second sentence of a consistency example ("BNP said. Bnp added.").
FOLLOW_UP = {
    "country": "{name} is expected to publish revised figures next week.",
    "currency": "{name} futures also rose.",
    "company": "{name} also raised its forecast.",
    "institution": "{name} gave no further details.",
    "news": "{name} did not name its sources.",
}
FRENCH_COUNTRY = "{name} : la croissance a ralenti au troisième trimestre, selon les chiffres publiés mardi."
# Names that take "the" in running English copy.
THE = re.compile(r"^(United |Republic |Democratic Republic |Czech Republic|Central African|Dominican Republic"
                 r"|Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros|Isle of|British Indian"
                 r"|French Southern|.* Islands$|European|Council|Court|Federal Reserve|Bank|People's Bank|World"
                 r"|International|Swiss National|Eurogroup|Bundesbank|OECD|OPEC|Financial Times|Associated Press"
                 r"|BBC$|Frankfurter|Süddeutsche|Corriere|Dow Jones)")

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


# ------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Candidate:
    name: str
    kind: str
    family: str  # template family: country, currency, company, institution, news
    aliases: list[str] = dataclasses.field(default_factory=list)
    misspellings: list[str] = dataclasses.field(default_factory=list)
    distinct: list[str] = dataclasses.field(default_factory=list)
    given_distinct: list[str] = dataclasses.field(default_factory=list)  # from the source, kept as given
    languages: list[str] | None = None
    examples: dict | None = None
    french: str | None = None  # French name, for a French pass example
    source: str = ""  # where it came from, written as a comment
    hand: bool = False  # copied unchanged from rules/sources

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


def zipf(text: str) -> float:
    """What the matcher's is_known_word looks at: the lower-cased text in English or French."""
    return max(zipf_frequency(text.lower(), "en"), zipf_frequency(text.lower(), "fr"))


def letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


def clean_aliases(name: str, aliases: list[str], *drop: str) -> list[str]:
    """Aliases in order, without duplicates, without forms folding to the name or to each other
    (those are variants: registering them would hide an inconsistency), and without `drop`."""
    seen = {fold(name)} | {fold(d) for d in drop}
    out = []
    for a in aliases:
        a = a.strip()
        if a and fold(a) not in seen:
            seen.add(fold(a))
            out.append(a)
    return out


# --- sources -------------------------------------------------------------------------------------


def curated() -> list[Candidate]:
    family = {"automotive.yml": "company", "institutions.yml": "institution", "news.yml": "news"}
    out = []
    for path in sorted(SOURCES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in data["entities"]:
            out.append(Candidate(
                name=raw["name"], kind=raw["kind"], family=family.get(path.name, "company"),
                aliases=list(raw.get("aliases") or []), misspellings=list(raw.get("misspellings") or []),
                distinct=list(raw.get("distinct") or []), given_distinct=list(raw.get("distinct") or []),
                languages=raw.get("languages"),
                examples=raw.get("examples"), source=f"sources/{path.name}", hand=bool(raw.get("examples")),
            ))
    return out


def countries() -> list[Candidate]:
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = c.alpha_2
        common = getattr(c, "common_name", None)
        name = COUNTRY_NAMES.get(code) or common or c.name
        french = FRENCH_COUNTRY_NAMES.get(code) or fr.gettext(common or c.name)
        if "," in french or "(" in french:
            french = None  # ISO's inverted form: not what copy writes
        english = [c.name, getattr(c, "official_name", ""), common or ""]
        english = [e for e in english if e and "," not in e and "(" not in e]
        official_fr = fr.gettext(c.official_name) if hasattr(c, "official_name") else ""
        aliases = [*english, *COUNTRY_ALIASES.get(code, []), french or "", official_fr]
        aliases = [a for a in aliases if a and "," not in a and "(" not in a]
        out.append(Candidate(
            name=name, kind="territory" if code in TERRITORIES else "country", family="country",
            aliases=clean_aliases(name, aliases), french=french, source=f"ISO 3166-1 {code}",
        ))
    return out


def currencies() -> list[Candidate]:
    fr = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["fr"])
    out = []
    for code, (name, aliases) in CURRENCIES.items():
        iso = pycountry.currencies.get(alpha_3=code)
        extra = [iso.name, fr.gettext(iso.name)]
        # Only forms that start with a capital and name the currency without a country's help.
        extra = [e for e in extra if e[:1].isupper() and "(" not in e and len(e.split()) > 1]
        # A catalogue name two letters from a listed one is a variant or a typo ("Yuan renmimbi").
        extra = [e for e in extra if all(OSA.distance(fold(e), fold(f)) > 2 for f in [name, *aliases])]
        out.append(Candidate(name=name, kind="currency", family="currency",
                             aliases=clean_aliases(name, [*aliases, *extra]), source=f"ISO 4217 {code}"))
    return out


def companies() -> tuple[list[Candidate], dict[str, str]]:
    tickers = PyTickerSymbols()
    found: dict[str, Candidate] = {}
    skipped: dict[str, str] = {}
    for index in INDICES:
        label = INDEX_LABELS.get(index, index)
        for stock in tickers.get_stocks_by_index(index):
            source_name = stock["name"]
            if source_name in COMPANY_SKIP:
                skipped[source_name] = COMPANY_SKIP[source_name]
                continue
            spec = COMPANY_NAMES.get(source_name) or LEGAL_FORM.sub("", source_name)
            name, aliases, wrong = (spec, [], []) if isinstance(spec, str) else (*spec, [])[:3]
            if letters(name) < MIN_LETTERS:
                skipped[source_name] = f"fewer than {MIN_LETTERS} letters"
                continue
            key = fold(name)
            if key in found:
                if label not in found[key].source:
                    found[key].source += f", {label}"
                continue
            industries = set(stock.get("industries") or [])
            kind = ("bank" if industries & BANK_INDUSTRIES
                    else "insurer" if industries & INSURER_INDUSTRIES else "company")
            wrong = [*wrong, *COMPANY_MISSPELLINGS.get(name, [])]
            found[key] = Candidate(name=name, kind=kind, family="company", misspellings=list(wrong),
                                   aliases=clean_aliases(name, [*aliases, source_name]), source=label)
    return sorted(found.values(), key=lambda c: fold(c.name)), skipped


# --- merging and screening -----------------------------------------------------------------------


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def plain(name: str) -> str:
    """The name without accents, as the word lists spell most names."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def umlauts(name: str) -> str:
    """A German name as English and French copy often writes it: "Deutsche Boerse"."""
    return name.translate(UMLAUTS)


def merge(groups: list[list[Candidate]]) -> tuple[list[Candidate], dict[str, str]]:
    """Earlier groups win: a later entry whose name is already a registered form is dropped, and a
    later alias already registered elsewhere is dropped from it."""
    taken: dict[str, str] = {}
    merged, dropped = [], {}
    for group in groups:
        for cand in group:
            if fold(cand.name) in taken:
                dropped[cand.name] = f"already registered as {taken[fold(cand.name)]!r}"
                continue
            if not cand.hand:
                # Umlauts spelt out for organisations (German ones: Deutsche Börse, Münchener Rück);
                # not for countries (Türkiye is not spelt "Tuerkiye").
                german = [umlauts(f) for f in cand.forms() if cand.family != "country" and umlauts(f) != f]
                aliases = [*cand.aliases, *german]
                cand.aliases = [a for a in clean_aliases(cand.name, aliases) if fold(a) not in taken]
            for form in cand.forms():
                taken.setdefault(fold(form), cand.name)
            merged.append(cand)
    return merged, dropped


def word_frequency_note(cand: Candidate) -> str | None:
    """For the report: a one-word company name frequent enough as a word to deserve a look (the
    ordinary words are in COMPANY_SKIP by hand: Zipf alone cannot tell Disney from Orange)."""
    if cand.hand or cand.family != "company" or " " in cand.name:
        return None
    z = zipf(cand.name)
    return f"{cand.name} (Zipf {z:.1f})" if z >= COMMON_WORD_ZIPF else None


def vocabulary() -> dict[str, list[tuple[str, float]]]:
    """wordfreq's English and French words that the matcher would not take for words (Zipf < 2.5),
    bucketed by first folded letter: the words that can be flagged as near-misses."""
    freqs: dict[str, float] = defaultdict(float)
    for lang in ("en", "fr"):
        for word, f in get_frequency_dict(lang, "large").items():
            freqs[word] = max(freqs[word], f)
    buckets = defaultdict(list)
    for word in sorted(freqs):
        z = round(math.log10(freqs[word]) + 9, 2)  # wordfreq's Zipf scale
        if not 0 < z < KNOWN_WORD_ZIPF or not re.fullmatch(r"[^\W\d_]+", word):
            continue
        key = fold(word)
        if len(key) >= MIN_FUZZY_LENGTH - 1 and key.isalpha():
            buckets[key[0]].append((word, z))
    return buckets


def near_words(cands: list[Candidate], vocab) -> dict[str, list[tuple[str, float]]]:
    """For each entry, the vocabulary words the matcher flags as a misspelling of it, `distinct`
    aside. Words are first narrowed to those within two edits of a registered form with the same
    first letter, then all given to the matcher itself, capitalised, one to a paragraph."""
    keys = sorted({fold(f) for c in cands for f in c.forms() if len(fold(f)) >= MIN_FUZZY_LENGTH - 1})
    found = defaultdict(list)
    candidates = {}
    for letter in sorted({k[0] for k in keys}):
        words = vocab.get(letter, [])
        same = [k for k in keys if k[0] == letter]
        if not words:
            continue
        dist = process.cdist([fold(w) for w, _ in words], same, scorer=OSA.distance, score_cutoff=2, workers=1)
        for i in (dist.min(axis=1) <= 2).nonzero()[0]:
            word, z = words[i]
            candidates[word[:1].upper() + word[1:]] = (word, z)
    matcher = EntityMatcher(to_entities(cands, distinct=False))
    text = "\n\n".join(candidates)
    for m in matcher.mentions(text, set(sentence_starts(text).tolist()), "en"):
        if m.match == "near-miss" and m.text in candidates:
            found[m.canonical].append(candidates[m.text])
    return found


def collapse(key: str) -> str:
    """The letters with doubled letters single: "phillipines" and "philippines" are both "philipines"."""
    return re.sub(r"(.)\1+", r"\1", key)


def classify(word: str, z: float, cand: Candidate, name_z: float) -> str:
    """'typo' (likely a misspelling of the name: kept flaggable), 'derived' (a word made from the
    name: a demonym, a family name: distinct), 'word' (frequent enough to be a word or name of its
    own: distinct) or 'rare' (kept flaggable: too rare to matter, or a misspelling)."""
    key = fold(word)
    forms = [fold(f) for f in cand.forms() if len(fold(f)) >= MIN_FUZZY_LENGTH - 1]
    if word in NOT_DISTINCT:
        return "typo"
    # Typists' errors that make real words least often: two letters swapped, a letter doubled or
    # undoubled ("Isreal", "Phillipines"), or any one-letter slip in a long name ("Afganistan").
    # In short names one wrong letter makes real names as often as typos (Jordon, Kenna, Tonna):
    # those are left to the frequency test.
    typo = any((OSA.distance(key, f) == 1 and (Levenshtein.distance(key, f) == 2 or len(f) >= TYPO_LENGTH))
               or collapse(key) == collapse(f) for f in forms)
    if typo and z < name_z - TYPO_GAP:
        return "typo"
    if any(key.startswith(f[:-1]) and len(key) >= len(f) for f in forms):
        return "derived"
    if z >= DISTINCT_ZIPF or z >= name_z:
        return "word"
    return "rare"


def screen(cands: list[Candidate], vocab, report: dict[str, list[str]]) -> dict[str, str]:
    """Fill `distinct` with the real words next to each name and report the rest; drop the aliases,
    and return the names, that sit in a crowd of real words (see CROWD and ALIAS_CROWD)."""
    near = near_words(cands, vocab)
    left_out = {}
    for c in cands:
        note = word_frequency_note(c)
        if note:
            report["frequent as a word (kept: see COMPANY_SKIP for those left out)"].append(note)
        if c.hand:
            continue
        name_z = max(zipf(c.name), zipf(plain(c.name)))
        words = sorted(near.get(c.name, []), key=lambda t: (-t[1], t[0]))
        kinds = {w: classify(w, z, c, name_z) for w, z in words}
        real = [w for w, _ in words if kinds[w] in ("derived", "word")]
        c.distinct = sorted({*(w[:1].upper() + w[1:] for w in real), *c.given_distinct, *DISTINCT.get(c.name, [])},
                            key=lambda w: (fold(w), w))
        if words:
            flaggable = [f"{w} ({z:.1f}{', typo' if kinds[w] == 'typo' else ''})" for w, z in words if w not in real]
            report["near words: distinct / left flaggable"].append(
                f"{c.name} (Zipf {name_z:.1f}): {', '.join(c.distinct) or '-'} / {', '.join(flaggable) or '-'}")
        if c.family in ("country", "currency") or c.name in KEEP:
            continue
        # The crowd: real words of some frequency (Zipf >= 1.5) near each form.
        crowd = defaultdict(list)
        for w, z in words:
            if kinds[w] == "word" and z >= 1.5:
                crowd[min(c.forms(), key=lambda f: (OSA.distance(fold(w), fold(f)), fold(f)))].append(w)
        if len(crowd[c.name]) >= CROWD and name_z < CROWD_ZIPF:
            left_out[c.name] = (f"rare (Zipf {name_z:.1f}) and near {len(crowd[c.name])} real words: "
                                + ", ".join(crowd[c.name][:6]) + ", ...")
            continue
        for alias in c.aliases:
            if len(fold(alias)) <= 5 and len(crowd[alias]) >= ALIAS_CROWD:
                c.aliases.remove(alias)
                report["aliases dropped: short and near real words"].append(
                    f"{alias} ({c.name}): " + ", ".join(crowd[alias][:6]))
                left_out[f"{c.name}: alias {alias}"] = "short and near real words: " + ", ".join(crowd[alias][:6])
    return left_out


# --- examples ------------------------------------------------------------------------------------


def to_entities(cands: list[Candidate], distinct: bool = True) -> list[Entity]:
    names = {f.name for f in dataclasses.fields(Entity)}
    out = []
    for c in cands:
        values = dict(name=c.name, kind=c.kind, aliases=tuple(c.aliases), misspellings=tuple(c.misspellings),
                      distinct=tuple(c.distinct) if distinct else ())
        out.append(Entity(**{k: v for k, v in values.items() if k in names}))
    return out


class Verifier:
    """The entity findings a text gets, as the pipeline would report them (CD201 near-misses and
    known misspellings, CD202 inconsistent forms), from the matcher itself."""

    def __init__(self, cands: list[Candidate]):
        self.matcher = EntityMatcher(to_entities(cands))

    def findings(self, text: str) -> list[tuple[str, str]]:
        lang = detect_language(text)
        mentions = self.matcher.mentions(text, set(sentence_starts(text).tolist()), lang)
        found = [(m.start, m.text, m.canonical) for m in mentions if m.match in ("misspelling", "near-miss", "accent")]
        forms = defaultdict(list)
        for m in mentions:
            if m.match in ("exact", "alias", "variant", "unregistered") and len(fold(m.text)) >= 3:
                forms[fold(m.text)].append(m)
        for group in forms.values():
            texts = {m.text for m in group}
            if len(texts) < 2:
                continue
            count = defaultdict(int)
            for m in group:
                count[m.text] += 1
            first = {}
            for m in group:
                first.setdefault(m.text, m.start)
            registered = {m.text for m in group if m.match in ("exact", "alias")}
            preferred = sorted(texts, key=lambda t: (t not in registered, -count[t], first[t]))[0]
            found += [(first[t], t, preferred) for t in texts if t != preferred]
        return [(t, s) for _, t, s in sorted(found)]


def pick(name: str, options: list[str]) -> str:
    return options[zlib.crc32(name.encode("utf-8")) % len(options)]


def fill(template: str, cand: Candidate, form: str) -> str:
    the = "the " if THE.match(cand.name) and not cand.name.startswith("The ") else ""
    text = template.format(name=form, the=the, The=the.capitalize())
    return text[0].upper() + text[1:]


def neighbour_keys(ch: str) -> list[str]:
    """The keys around `ch` on a QWERTY keyboard, in the same case."""
    lower = ch.lower()
    out = []
    for row, keys in enumerate(KEYBOARD):
        col = keys.find(lower)
        if col < 0:
            continue
        out += [keys[j] for j in (col - 1, col + 1) if 0 <= j < len(keys)]
        out += [KEYBOARD[r][col] for r in (row - 1, row + 1) if 0 <= r < len(KEYBOARD) and col < len(KEYBOARD[r])]
    return [k.upper() for k in out] if ch.isupper() else out


def misspellings(name: str) -> list[str]:
    """One-letter substitutions by a neighbouring key, never of a word's first letter: the middle of
    the longest word first."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+", name)]
    positions = []
    for start, end in sorted(words, key=lambda se: (-(se[1] - se[0]), se[0])):
        middle = (start + end - 1) / 2
        positions += sorted(range(start + 1, end), key=lambda i: (abs(i - middle), i))
    return [name[:i] + n + name[i + 1:] for i in positions if name[i].isascii() for n in neighbour_keys(name[i])]


def variants(name: str) -> list[str]:
    """The same letters written another way: title case, capitals, hyphens and spaces swapped."""
    out = [" ".join(w[:1].upper() + w[1:] for w in name.split(" "))]
    if name.isupper() or name[:1].islower():
        out.append(name[:1].upper() + name[1:].lower())
    out += [name.upper(), name.replace("-", " "), name.replace(" ", "-"), name.replace(".", "")]
    # Apostrophes and accents left out: "Loreal", "Lowes".
    out.append(" ".join(w[:1] + w[1:].replace("'", "").lower() if "'" in w else w for w in plain(name).split(" ")))
    return [v for v in dict.fromkeys(out) if v != name]


def make_examples(cand: Candidate, verifier: Verifier) -> dict | None:
    """A pass example or two with the name as registered, and a fail example the matcher catches:
    a one-letter misspelling, a known misspelling, or the name written two ways in one text."""
    templates = TEMPLATES[cand.family]
    first = pick(cand.name, templates)
    passes = [fill(first, cand, cand.name)]
    if cand.french and fold(cand.french) != fold(cand.name):
        passes.append(FRENCH_COUNTRY.format(name=cand.french))
    elif cand.family != "country":
        passes.append(fill(templates[(templates.index(first) + 1) % len(templates)], cand, cand.name))
    if any(verifier.findings(p) for p in passes):
        return None
    distinct = {fold(d) for d in cand.distinct}
    # The name's own misspellings first, then a one-word alias's ("Stwrling" for Pound sterling).
    words = [a for a in cand.aliases if " " not in a and a[:1].isupper() and len(fold(a)) >= MIN_FUZZY_LENGTH]
    # Misspellings no word list knows first: "Stwrling" rather than "Steeling".
    tries = [*misspellings(cand.name), *(m for a in words for m in misspellings(a))]
    tries = [*cand.misspellings, *sorted(tries, key=lambda w: zipf(w) > 0)]
    for wrong in tries:
        if fold(wrong) in distinct or (wrong not in cand.misspellings and zipf(wrong) >= KNOWN_WORD_ZIPF):
            continue
        text = fill(first, cand, wrong)
        found = verifier.findings(text)
        # The finding may cover part of the form ("Sainsbyry" of "Sainsbyry's").
        if len(found) == 1 and found[0][1] == cand.name and found[0][0] in wrong:
            return {"pass": passes, "fail": [{"text": text, "findings": [found[0][0]]}]}
    for other in variants(cand.name):
        text = fill(first, cand, cand.name) + " " + fill(FOLLOW_UP[cand.family], cand, other)
        if verifier.findings(text) == [(other, cand.name)]:
            return {"pass": passes, "fail": [{"text": text, "findings": [other]}]}
    return None


# --- output --------------------------------------------------------------------------------------


def scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10**9, default_style=None).removesuffix("\n...\n").strip()


def flow(values: list[str]) -> str:
    return yaml.safe_dump(list(values), allow_unicode=True, width=10**9, default_flow_style=True).strip()


def entry_yaml(c: Candidate) -> str:
    lines = []
    if c.source and not c.source.startswith("sources/"):
        lines.append(f"  # {c.source}")
    lines.append(f"  - name: {scalar(c.name)}")
    lines.append(f"    kind: {scalar(c.kind)}")
    for key in ("aliases", "misspellings", "distinct"):
        values = getattr(c, key)
        if values:
            lines.append(f"    {key}: {flow(values)}")
    if c.languages:
        lines.append(f"    languages: {flow(c.languages)}")
    lines.append("    examples:")
    lines.append("      pass:")
    lines += [f"        - {scalar(p)}" for p in c.examples["pass"]]
    lines.append("      fail:")
    for f in c.examples["fail"]:
        lines.append(f"        - text: {scalar(f['text'])}")
        lines.append(f"          findings: {flow(f['findings'])}")
    return "\n".join(lines)


HEADER = """\
# The entity registry: names whose spelling copydesk checks (loaded by checks/rules.py).
#
# GENERATED by tools/build_registry.py from rules/sources/*.yml (hand-kept), pycountry (countries,
# currencies, French names) and pytickersymbols (index constituents). Do not edit: edit the
# sources or the builder's tables, then run  python tools/build_registry.py
#
# - name: the canonical spelling, accents included (Ampère, Citroën, Škoda).
# - aliases: other legitimate names; matched exactly and never flagged.
# - misspellings: only well-attested real errors that fuzzy matching cannot catch.
# - distinct: real words and names one or two letters from the name that are not misspellings
#   of it (found in wordfreq's word lists by the builder): never flagged.
# - examples: run through the whole pipeline by tests/test_rule_examples.py.
"""

GENERATED_SECTIONS = [("country", "Countries and territories (pycountry, ISO 3166-1)"),
                      ("currency", "Currencies (pycountry, ISO 4217)"),
                      ("company", "Listed companies (pytickersymbols, index constituents)")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="print what was left out and the distinct words")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    listed, left_out = companies()
    merged, dropped = merge([curated(), countries(), currencies(), listed])
    left_out.update(dropped)

    # Screened and given examples against the whole registry; an entry no example can be made for
    # is left out, and the rest screened again without it.
    vocab = vocabulary()
    kept = merged
    while True:
        report: dict[str, list[str]] = defaultdict(list)
        crowded = screen(kept, vocab, report)
        left_out.update(crowded)
        if crowded:  # screened again: a word near a name left out may now be nearest another
            kept = [c for c in kept if c.name not in crowded]
            continue
        verifier = Verifier(kept)
        for c in kept:
            if not c.hand:
                c.examples = make_examples(c, verifier)
        failed = [c for c in kept if c.examples is None]
        if not failed:
            break
        for c in failed:
            left_out[c.name] = ("no example the matcher catches can be written "
                                "(\"&\" in it, digits, or a registered name inside it)")
        kept = [c for c in kept if c.examples is not None]
    final = kept

    blocks = [HEADER, "entities:"]
    sections = [(f"Curated: rules/{path.relative_to(RULES)}", lambda c, p=f"sources/{path.name}": c.source == p)
                for path in sorted(SOURCES.glob("*.yml"))]
    sections += [(title, lambda c, f=family: c.family == f and not c.source.startswith("sources/"))
                 for family, title in GENERATED_SECTIONS]
    for title, member in sections:
        members = [c for c in final if member(c)]
        if members:
            blocks.append(f"  # {'=' * 3} {title}: {len(members)} {'=' * 60}"[:98] + "\n")
            blocks += [entry_yaml(c) + "\n" for c in members]
    args.output.write_text("\n".join(blocks).rstrip("\n") + "\n", encoding="utf-8")

    loaded = load_registry(args.output)
    by_kind = defaultdict(int)
    for e in loaded:
        by_kind[e.kind] += 1
    print(f"{args.output}: {len(loaded)} entries", file=sys.stderr)
    if args.report:
        print("\n# Entries by kind", file=sys.stderr)
        for kind, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:4d}  {kind}", file=sys.stderr)
        print("\n# Left out", file=sys.stderr)
        for name, why in sorted(left_out.items(), key=lambda kv: fold(kv[0])):
            print(f"  {name}: {why}", file=sys.stderr)
        for title, lines in report.items():
            print(f"\n# {title}", file=sys.stderr)
            for line in lines:
                print(f"  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
