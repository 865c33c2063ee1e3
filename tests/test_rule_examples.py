"""Every rule's own pass and fail examples, run through the whole pipeline with real GX validation."""

import pytest

from checks.rules import load_registry, load_suites

RULES = [rule for suite in load_suites() for rule in suite.rules]
RULE_CASES = [
    pytest.param(rule, kind, example, id=f"{rule.code}-{kind}-{i}")
    for rule in RULES
    for kind in ("pass", "fail")
    for i, example in enumerate(rule.examples.get(kind, []))
]
ENTITIES = load_registry()
ENTITY_CASES = [
    pytest.param(entity, kind, example, id=f"{entity.name}-{kind}-{i}")
    for entity in ENTITIES
    for kind in ("pass", "fail")
    for i, example in enumerate(entity.examples.get(kind, []))
]


def test_every_rule_has_pass_and_fail_examples():
    missing = [r.code for r in RULES if not r.examples.get("pass") or not r.examples.get("fail")]
    assert not missing


@pytest.mark.parametrize("rule, kind, example", RULE_CASES)
def test_rule_example(checker, rule, kind, example):
    text = example if kind == "pass" else example["text"]
    found = [f.text for f in checker.check_texts([text]).findings if f.rule == rule.code]
    expected = [] if kind == "pass" else example["findings"]
    assert found == expected


def test_every_registry_entry_has_pass_and_fail_examples():
    missing = [e.name for e in ENTITIES if not e.examples.get("pass") or not e.examples.get("fail")]
    assert not missing


@pytest.mark.parametrize("entity, kind, example", ENTITY_CASES)
def test_registry_example(checker, entity, kind, example):
    text = example if kind == "pass" else example["text"]
    found = [
        (f.text, f.suggestion)
        for f in checker.check_texts([text]).findings
        if f.category in ("entity-spelling", "entity-consistency")
    ]
    expected = [] if kind == "pass" else [(t, entity.name) for t in example["findings"]]
    assert found == expected
