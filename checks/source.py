"""Stage 1, source: read the documents to check as text."""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path


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


# Suffix -> (format, reader name in checks.markup); other files, and stdin, are plain text.
MARKUP_SUFFIXES = {
    ".html": ("HTML", "read_html"), ".htm": ("HTML", "read_html"), ".xhtml": ("HTML", "read_html"),
    ".md": ("Markdown", "read_markdown"), ".markdown": ("Markdown", "read_markdown"),
}


def read_document(doc_id: int, path: str) -> Document:
    """Read a path, or `-` for stdin, as UTF-8 text (a BOM is dropped); HTML and Markdown files, by
    their suffix, also as the prose to check, mapped back to the text, with their suppression comments."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        name = path
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder, not a file") from None
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not UTF-8 text (byte {e.start})") from None
    # No newline translation: offsets are into the decoded text exactly.
    markup = MARKUP_SUFFIXES.get(Path(path).suffix.lower()) if path != "-" else None
    if markup is None:
        return Document(doc_id, name, text)
    kind, reader = markup
    from . import markup as markup_module  # imports markdown-it only when a markup file comes

    try:
        read = getattr(markup_module, reader)(text)
    except Exception as e:  # a bug or a parser's surprise: one line naming the file, never a traceback
        detail = " ".join(f"{type(e).__name__}: {e}".split())
        raise InputError(f"{name}: cannot read as {kind} ({detail})") from None
    return Document(doc_id, name, text, plain=read.plain, offsets=read.starts, ends=read.ends,
                    suppressions=read.suppressions)
