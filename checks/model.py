"""What the stages pass to each other: documents in, a result out. Below every stage, importing none."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the stages that make these import this module, not the reverse
    from .extract import Extraction
    from .findings import Finding
    from .rules import Rule
    from .waivers import Waiver

# Most severe first: the order of reports and summaries.
SEVERITIES = ("error", "warning", "info")
# The languages copydesk reads and writes its messages in.
LANGUAGES = ("en", "fr")
# A folder holding this file is a report copydesk wrote: never read back as input, and the only kind
# of folder a report may replace.
REPORT_MARKER = ".copydesk-report"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InputError(Exception):
    """A document that cannot be read; the message is one line naming it."""


@dataclass(frozen=True)
class Suppression:
    """Findings to drop: of these rules (codes or names; none means every rule) within [start, end) of the text."""
    rules: frozenset[str]
    start: int
    end: int


@dataclass
class Document:
    doc_id: int
    path: str
    text: str  # the decoded file: reported offsets, lines and columns index it
    # The prose to check when the file is markup (HTML, Markdown); offsets[i] is where plain[i] sits
    # in text (len(plain) + 1 entries, the last one the end of the text).
    plain: str | None = None
    offsets: list[int] | None = None
    # Where each prose character's source ends (past "&eacute;" for the "é" it gives); when None, one
    # character past its offset.
    ends: list[int] | None = None
    suppressions: tuple[Suppression, ...] = ()
    _line_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def prose(self) -> str:
        return self.text if self.plain is None else self.plain

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the prose as a span of the text."""
        if self.offsets is None:
            return start, end
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1] if self.ends is not None else self.offsets[end - 1] + 1

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a string offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@dataclass
class Result:
    documents: list[Document]
    extraction: Extraction
    findings: list[Finding]
    errors: list[str] = field(default_factory=list)  # inputs that could not be read, one line each
    rules: list[Rule] = field(default_factory=list)  # the rules the run applied
    unused_waivers: list[Waiver] = field(default_factory=list)
    validations: dict = field(default_factory=dict)  # suite name -> its GX validation result's key (Data Docs page)
    _by_doc: dict[int, list[Finding]] | None = field(default=None, init=False, repr=False, compare=False)

    def findings_for(self, doc_id: int) -> list[Finding]:
        if self._by_doc is None:  # grouped once: reports ask for every document
            self._by_doc = {}
            for f in self.findings:
                self._by_doc.setdefault(int(f.doc_id), []).append(f)
        return self._by_doc.get(int(doc_id), [])
