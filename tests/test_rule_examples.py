"""Every rule's and every registry entry's own pass and fail examples, run through the whole
pipeline with real GX validation: a pass example gives no finding, a fail example exactly its own.
The registry's examples run as one batch, as a newsroom's batch would."""

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
    """A pass example is a string; a fail example a mapping of its text to its findings' texts."""
    return (example, []) if isinstance(example, str) else (example["text"], example["findings"])


@pytest.mark.parametrize("items", [RULES, ENTITIES], ids=["rules", "registry"])
def test_everything_has_pass_and_fail_examples(items):
    assert [i for i in items if not i.examples.get("pass") or not i.examples.get("fail")] == []


@pytest.mark.parametrize("rule, example", cases(RULES, lambda r: r.code))
def test_rule_example(checker, rule, example):
    text, expected = text_and_expected(example)
    assert [f.text for f in checker.check_texts([text]).findings if f.rule == rule.code] == expected


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
