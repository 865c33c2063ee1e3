"""What several relations share: the interval a written figure stands for, and singling out rows."""

from __future__ import annotations

import numpy as np
import pandas as pd


def widened(facts: pd.DataFrame, hedge_tolerance: float, suffix: str = "") -> tuple[pd.Series, pd.Series]:
    """The interval each figure stands for: half a unit of its last digit either side, and at least
    `hedge_tolerance` of it when hedged ("about €1.5bn"). `suffix` names the figure's columns in a
    table that joins several ("low_pct", "high_pct"...)."""
    low, high, tolerance, hedge = (facts[f"{c}{suffix}"] for c in ("low", "high", "tolerance", "hedge"))
    tolerance = tolerance.where(hedge == "", np.maximum(tolerance, high * hedge_tolerance))
    return low - tolerance, high + tolerance


def alone(rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The rows that are the only one of their group."""
    return rows[rows.groupby(key)["fact_id"].transform("size") == 1]
