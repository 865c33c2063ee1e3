"""Every rule's and every registry entry's own pass and fail examples, run through the whole
pipeline with real GX validation: a pass example gives no finding, a fail example exactly its own.
The rules' examples run as one batch, and the registry's as another, as a newsroom's batch would."""

import pytest

from checks.rules import load_registry, load_suites

RULES = [rule for suite in load_suites() for rule in suite.rules]
ENTITIES = load_registry()
ENTITY_CATEGORIES = ("entity-spelling", "entity-consistency")


def cases(items, label):
    return [
        pytest.param(item, example, id=f"{label(item)}-{kind}-{i}")
        for item in items
        for kind in ("pass", "fail")
        for i, example in enumerate(item.examples.get(kind, []))
    ]


def text_and_expected(example):
    """A pass example is a string; a fail example a mapping of its text to its findings: the texts
    they point at (registry entries) or, for rules, mappings of text, message and suggestion."""
    return (example, []) if isinstance(example, str) else (example["text"], example["findings"])


def expected_finding(item) -> tuple:
    return (item["text"], item["message"], item.get("suggestion"))


@pytest.mark.parametrize("items", [RULES, ENTITIES], ids=["rules", "registry"])
def test_everything_has_pass_and_fail_examples(items):
    assert [i for i in items if not i.examples.get("pass") or not i.examples.get("fail")] == []


RULE_CASES = cases(RULES, lambda r: r.code)


@pytest.fixture(scope="module")
def rule_batch(checker):
    """The findings of every rule example, checked in one run."""
    result = checker.check_texts([text_and_expected(case.values[1])[0] for case in RULE_CASES])
    return [result.findings_for(i) for i in range(len(RULE_CASES))]


@pytest.mark.parametrize("index", range(len(RULE_CASES)), ids=[case.id for case in RULE_CASES])
def test_rule_example(rule_batch, index):
    """The whole finding, its wording included: messages are part of a rule's specification."""
    rule, example = RULE_CASES[index].values
    _, expected = text_and_expected(example)
    found = [(f.text, f.message, f.suggestion) for f in rule_batch[index] if f.rule == rule.code]
    assert found == list(map(expected_finding, expected))


@pytest.fixture(scope="module")
def fail_example_languages(checker):
    """The language each rule's fail examples are read in, as copydesk detects it."""
    fails = [(rule.code, example["text"]) for rule in RULES for example in rule.examples["fail"]]
    languages = checker.check_texts([text for _, text in fails]).extraction.documents["language"]
    return {code: {lang for (c, _), lang in zip(fails, languages) if c == code} for code, _ in fails}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_shipped_rule_says_why_and_speaks_both_languages(rule):
    assert rule.rationale and rule.description
    assert all(t.en and t.fr and t.en != t.fr for t in rule.message)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_fails_in_both_languages(fail_example_languages, rule):
    assert fail_example_languages[rule.code] == {"en", "fr"}
    assert all("message" in f for example in rule.examples["fail"] for f in example["findings"])


ENTITY_CASES = cases(ENTITIES, lambda e: e.name)


@pytest.fixture(scope="module")
def registry_batch(checker):
    """Entity findings of every registry example, checked in one run."""
    texts = [text_and_expected(case.values[1])[0] for case in ENTITY_CASES]
    result = checker.check_texts(texts)
    return [
        [(f.text, f.suggestion) for f in result.findings_for(i) if f.category in ENTITY_CATEGORIES]
        for i in range(len(texts))
    ]


@pytest.mark.parametrize("index", range(len(ENTITY_CASES)), ids=[case.id for case in ENTITY_CASES])
def test_registry_example(registry_batch, index):
    """Exactly the expected findings, each suggesting the entry's name or the alias it misses."""
    entity, example = ENTITY_CASES[index].values
    _, expected = text_and_expected(example)
    assert [text for text, _ in registry_batch[index]] == expected
    assert all(suggestion in (entity.name, *entity.aliases) for _, suggestion in registry_batch[index])
