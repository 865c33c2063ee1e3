"""README's table of rules is generated from the rule files: it fails when the two drift apart."""

import re
from pathlib import Path

from checks.relations import TABLES
from checks.rules import load_suites, rules_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_is_the_rule_files():
    text = README.read_text(encoding="utf-8")
    table = re.search(r"<!-- rules-table[^>]*-->\n(.*?)\n<!-- /rules-table -->", text, re.S)
    assert table, "README.md has no generated rule table"
    assert table.group(1) == rules_table(load_suites(tables=TABLES)), \
        "README's rule table is out of date: replace it with the output of `check rules --format markdown`"
