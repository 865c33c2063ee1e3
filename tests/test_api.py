"""The library API: a checker is built from one Settings object; what goes wrong in the forked
extraction comes back to the caller."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from checks import api
from checks.api import Checker
from checks.config import Settings
from checks.extract import Extractor
from conftest import FIXTURES

SEED_TEXT = (FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")


def test_a_checker_takes_its_settings_in_one_object():
    settings = Settings(select=["CD201"], language="en")
    checker = Checker(settings)
    assert checker.settings is settings
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.language = "fr"
    assert {f.rule for f in checker.check_texts([SEED_TEXT]).findings} == {"CD201"}


def test_an_error_in_the_forked_extraction_is_raised_in_the_caller(monkeypatch):
    def broken(self, *args):
        raise ValueError("broken extractor")

    monkeypatch.setattr(Extractor, "extract", broken)
    checker = Checker()  # a new checker extracts in a forked child while it compiles the suites
    with pytest.raises(ValueError, match="broken extractor"):
        checker.check_texts([SEED_TEXT])


def test_a_forked_answer_brings_its_frames_back_equal_and_writable():
    """A frame's arrays travel beside its pickle (api._send): back equal, shared as they were, and
    writable, as pandas expects of its arrays."""
    frame = pd.DataFrame({"n": np.arange(100_000), "x": np.linspace(0, 1, 100_000),
                          "s": pd.Series(["a", "bé"] * 50_000, dtype="str")})
    answer = api._forked(lambda: {"table": frame, "same": frame})()
    assert answer["table"].equals(frame) and answer["same"] is answer["table"]
    answer["table"].loc[answer["table"]["n"] < 3, "x"] = -1.0  # refused by an array over a read-only buffer
    assert answer["table"]["x"].head(4).tolist() == [-1.0, -1.0, -1.0, frame["x"][3]]
