"""Findings an editor has accepted: inline `<!-- copydesk: ignore ... -->` comments in HTML and
Markdown, and a waiver file for any source.

A waiver names the rule (code or name), the finding's text and, optionally, a few words of context
around it and a glob of the paths it applies to; never a line number, so that waivers survive edits:

    - rule: CD201
      text: Vektor
      context: the German firm Vektor    # optional, must contain the text
      path: "features/*.txt"             # optional
      reason: Vektor GmbH, not Verkor    # optional, for the next reader
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import regex

from .findings import Finding
from .model import Document
from .rules import RuleFileError, _check_keys, _load_yaml

_REQUIRED = {"rule", "text"}
_OPTIONAL = {"context", "path", "reason"}


@dataclass(frozen=True)
class Waiver:
    rule: str
    text: str
    context: str
    path: str
    where: str  # "file: waiver N", for reports of unused waivers

    def covers(self, finding: Finding, document: Document) -> bool:
        if self.rule not in (finding.rule, finding.name) or _squeeze(finding.text) != _squeeze(self.text):
            return False
        if self.path and not fnmatch(Path(document.path).as_posix(), self.path):
            return False
        if not self.context:
            return True
        reach = len(self.context) + 1
        around = document.text[max(0, finding.start - reach):finding.end + reach]
        return _squeeze(self.context) in _squeeze(around)


def _squeeze(text: str) -> str:
    """Whitespace runs as one space: a rewrapped line keeps its waiver."""
    return regex.sub(r"\s+", " ", text).strip()


def load_waivers(path: Path) -> list[Waiver]:
    data = _load_yaml(path) or []
    if isinstance(data, dict) and set(data) == {"waivers"}:
        data = data["waivers"] or []
    if not isinstance(data, list):
        raise RuleFileError(f"{path}: a waiver file is a list of waivers (rule, text, and optional context, path, reason)")
    waivers = []
    for i, raw in enumerate(data, 1):
        where = f"{path}: waiver {i}"
        _check_keys(where, raw, _REQUIRED, _OPTIONAL, path)
        for key in ("rule", "text", "context", "path"):
            if not isinstance(raw.get(key, ""), str):
                raise RuleFileError(f"{where}: {key!r} must be text")
        if raw.get("context") and _squeeze(raw["text"]) not in _squeeze(raw["context"]):
            raise RuleFileError(f"{where}: the context must contain the text {raw['text']!r}")
        waivers.append(Waiver(raw["rule"], raw["text"], raw.get("context", ""), raw.get("path", ""), where))
    return waivers


def suppressed(finding: Finding, document: Document) -> bool:
    """Whether an inline comment in the source silences this finding."""
    return any(
        s.start <= finding.start < s.end and (not s.rules or finding.rule in s.rules or finding.name in s.rules)
        for s in document.suppressions
    )


def apply(findings: list[Finding], documents: dict[int, Document], waivers: list[Waiver]) -> tuple[list[Finding], list[Waiver]]:
    """The findings left once suppressed and waived ones are dropped, and the waivers that matched none."""
    used = set()
    kept = []
    for finding in findings:
        document = documents[finding.doc_id]
        if suppressed(finding, document):
            continue
        matching = [w for w in waivers if w.covers(finding, document)]
        used.update(matching)
        if not matching:
            kept.append(finding)
    return kept, [w for w in waivers if w not in used]
