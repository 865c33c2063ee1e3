from pathlib import Path

import pytest

from checks.api import Checker

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def checker() -> Checker:
    """One checker for the whole session: Great Expectations is imported and the suites compiled once."""
    return Checker()
