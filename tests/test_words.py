"""Word lists: the shipped files under rules/words/, and a newsroom's own added to them."""

import pytest

from checks.extract import Extractor
from checks.model import Document
from checks.rules import RuleFileError, load_registry
from checks.words import SHAPES, load_words

HOUSE = """\
en:
  cues:
    whole: ['turnout', 'market\\s+share']
  people: [nurses]
fr:
  cues:
    whole: ['des\\s+voix', 'part\\s+de\\s+marché']
"""


def facts(words, text, lang):
    f = Extractor(load_registry(), words).extract([Document(0, "t", text)], lang).facts
    return f[f["kind"] != "entity"].reset_index(drop=True)


def test_every_language_has_every_list():
    words = load_words()
    for lex in words.lexicons.values():
        assert len(lex.months) == 12 and len(lex.weekdays) == 7
        assert {"stake", "rise", "fall", "valuation"} <= set(lex.cues)
        assert {key for key in SHAPES if getattr(lex, key)} >= set(SHAPES) - {"age_nouns", "capitalised_only",
                                                                             "dot_required"}


def test_a_house_file_adds_a_cue_tag_and_words(tmp_path):
    house = tmp_path / "house-words.yml"
    house.write_text(HOUSE, encoding="utf-8")
    words = load_words([house])
    assert words["en"].cues["stake"] == load_words()["en"].cues["stake"]  # the shipped lists stay
    assert words["en"].people[-1] == "nurses"  # appended

    f = facts(words, "Turnout rose to 65%. The hospital employs 3,000 nurses.", "en")
    assert f.loc[f["kind"] == "percent", "cues"].tolist() == ["rise whole"]
    assert f.loc[f["kind"] == "count", "text"].tolist() == ["3,000 nurses"]
    f = facts(words, "Le candidat a obtenu 52 % des voix.", "fr")
    assert f.loc[f["kind"] == "percent", "cues"].tolist() == ["whole"]

    # Patterns are cached per word lists: the shipped ones still know neither.
    f = facts(None, "Turnout rose to 65%. The hospital employs 3,000 nurses.", "en")
    assert f["cues"].tolist() == ["rise"]


@pytest.mark.parametrize("text, error", [
    ("en:\n  cues:\n    whole: [turnout]\n  scale: {lakh: 100000}\n", "house.yml:4: en.scale: unknown key (known: cues,"),
    ("de:\n  hedges: [etwa]\n", "house.yml:1: de: unknown language (known: en, fr)"),
    ("en:\n  cues:\n    Whole: [turnout]\n", "house.yml:3: en.cues.Whole: unknown key, expected cue tags (lower-case words)"),
    ("en:\n  hedges: ['about(']\n", "house.yml:2: en.hedges: must be a list of regular expressions"),
    ("en:\n  people: nurses\n", "house.yml:2: en.people: must be a list of words"),
    ("fr:\n  scales:\n    brouzouf: beaucoup\n", "house.yml:3: fr.scales.brouzouf: must be a number above 0"),
    ("en:\n  currencies:\n    XBT: {sign: [₿]}\n", "house.yml:3: en.currencies.XBT.sign: unknown key, expected symbols or names"),
    ("en:\n  months: [jan]\n", "house.yml:2: en.months: cannot be extended"),
    ("- en\n", "house.yml: expected a mapping of languages (en, fr)"),
])
def test_a_bad_house_file_is_one_line_naming_file_line_and_key(tmp_path, text, error):
    house = tmp_path / "house.yml"
    house.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_words([house])
    assert str(e.value).startswith(f"{tmp_path}/{error}"), str(e.value)
