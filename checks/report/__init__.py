"""Stage 6, report: findings written for people (text) and programs (json)."""

from __future__ import annotations

from collections import Counter

from ..model import SEVERITIES, Result


def summary(result: Result) -> dict:
    by_severity = Counter(f.severity for f in result.findings)
    return {
        "files": len(result.documents),
        "findings": len(result.findings),
        "by_severity": {s: by_severity[s] for s in SEVERITIES if by_severity[s]},
    }
