"""The GX stage: suites compiled from YAML, one validation per suite for a whole batch, nulls and
crashing expectations kept apart from findings."""

import pandas as pd
import pytest

from checks.rules import load_suite
from checks.validate import ValidationError, Validator
from conftest import FIXTURES

SUITE = """
suite: demo
table: facts
rules:
  - code: CDX1
    name: demo.share
    category: percent-range
    severity: error
    where: {kind: percent}
    expect: {type: expect_column_values_to_be_between, column: high, min_value: 0, max_value: 100}
    message: "{text}"
"""


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "demo.yml"
    path.write_text(SUITE, encoding="utf-8")
    return Validator([load_suite(path)])


def table(**columns):
    n = len(next(iter(columns.values())))
    # Every table carries the span of its rows: ids and text (the Data Docs list them).
    return pd.DataFrame({"doc_id": [0] * n, "fact_id": list(range(n)), "text": [f"fact {i}" for i in range(n)], **columns})


def test_unexpected_rows_come_back_by_doc_and_fact_id(validator):
    facts = table(kind=["percent", "percent", "money", "percent"], high=[15.0, 144.0, 1e9, 100.0])
    facts.loc[3, "doc_id"] = 7
    facts.loc[3, "high"] = 101.0
    violations = validator.run({"facts": facts})
    assert [(v.rule.code, v.doc_id, v.fact_id) for v in violations] == [("CDX1", 0, 1), ("CDX1", 7, 3)]


def test_a_null_never_passes_silently(validator):
    facts = table(kind=["percent", "percent"], high=[15.0, None])
    with pytest.raises(ValidationError, match="column 'high' of table 'facts' has no value in 1 row"):
        validator.run({"facts": facts})


def test_an_expectation_that_raises_is_an_internal_error_not_a_finding(validator):
    facts = table(kind=["percent"], high=["fifteen"])  # text where a number is expected: the comparison raises
    with pytest.raises(ValidationError, match="rule CDX1 .* could not run"):
        validator.run({"facts": facts})


def test_a_batch_is_validated_once_and_findings_go_to_their_documents(checker):
    seed = (FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")
    clean = "Renault carries its 44% stake in Nissan."
    wrong = seed.replace("between 1 and 1.5 billion euros", "between 2 and 2.5 billion euros")
    result = checker.check_texts([clean, seed, wrong])
    by_doc = {i: [f.rule for f in result.findings_for(i)] for i in range(3)}
    assert by_doc[0] == []
    assert sorted(by_doc[1]) == ["CD201", "CD201", "CD202", "CD501", "CD501", "CD502"]
    assert sorted(by_doc[2]) == sorted(by_doc[1] + ["CD111"])


def test_a_rule_on_a_column_its_table_lacks_is_a_rule_file_error_even_on_no_rows(validator):
    from checks.rules import RuleFileError

    for facts in (table(kind=["percent"], low=[15.0]), table(kind=[], low=[])):
        with pytest.raises(RuleFileError, match="rule CDX1: table 'facts' has no column 'high'"):
            validator.run({"facts": facts})


def test_gx_does_not_hash_the_tables_it_validates(validator, monkeypatch):
    """GX would hash each table whole for a fingerprint nothing reads (130 MB at once for 100,000 paragraphs)."""
    from great_expectations.execution_engine import pandas_execution_engine

    def refuse(df):
        raise AssertionError("a table was hashed")

    monkeypatch.setattr(pandas_execution_engine, "hash_pandas_dataframe", refuse)
    facts = table(kind=["percent", "percent"], high=[15.0, 144.0])
    assert [v.fact_id for v in validator.run({"facts": facts})] == [1]
