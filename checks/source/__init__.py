"""Stage 1, source: read the documents to check as text; HTML and Markdown also as prose (markup.py)."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from ..model import Document, InputError
from . import markup


# No article is this long: a file larger is a mistake (a dump, a log), refused before it is read.
MAX_BYTES = 10 * 2**20
# What a file given by mistake starts with.
SIGNATURES = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word, Excel or OpenDocument file)", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program", b"{\\rtf": "an RTF document", b"\xd0\xcf\x11\xe0": "an old Word or Excel file",
}
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# What English and French copy that is not UTF-8 is written in; the detector picks among these only
# (left free, it reads short French copy in Windows-1252 as Central European).
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman"]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SOMETHING = re.compile(r"[^\s\u200b-\u200f\u2060\ufeff\u00ad]")


def _too_large(name: str, size: int) -> InputError:
    return InputError(f"{name}: {size / 2**20:.0f} MB is too large for an article (at most {MAX_BYTES // 2**20} MB)")


def decode(data: bytes, name: str) -> str:
    """The text of a file: by its byte-order mark, else UTF-8, else the legacy encoding
    charset-normalizer finds. Newlines are kept as they are, so that offsets index the text exactly.
    Binary files, empty ones and files too large for an article are refused, one line each."""
    if len(data) > MAX_BYTES:
        raise _too_large(name, len(data))
    what = next((what for magic, what in SIGNATURES.items() if data.startswith(magic)), None)
    if what:
        raise InputError(f"{name}: {what}, not text")
    encoding = next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        if encoding:
            raise InputError(f"{name}: not {encoding.upper()} text despite its byte-order mark (byte {e.start})") from None
        from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

        best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
        if best is None:
            raise InputError(f"{name}: binary data, not text") from None
        text = str(best)
    text = text.removeprefix("\ufeff")
    if len(_CONTROL.findall(text)) > len(text) // 20:
        raise InputError(f"{name}: binary data, not text")
    if not _SOMETHING.search(text):
        raise InputError(f"{name}: {'empty' if not text else 'only whitespace'}, nothing to check")
    return text


# Suffix -> (format, reader name in checks.source.markup); other files, and stdin, are plain text.
MARKUP_SUFFIXES = {
    ".html": ("HTML", "read_html"), ".htm": ("HTML", "read_html"), ".xhtml": ("HTML", "read_html"),
    ".md": ("Markdown", "read_markdown"), ".markdown": ("Markdown", "read_markdown"),
}


def read_document(doc_id: int, path: str, stdin_name: str | None = None) -> Document:
    """Read a path, or `-` for stdin, as text (see `decode`); HTML and Markdown files, by their
    suffix, also as the prose to check, mapped back to the text, with their suppression comments.
    Stdin is named `stdin_name` when given (its suffix says its markup), else `<stdin>` (plain text)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = stdin_name or "<stdin>"
    else:
        p = Path(path)
        name = path
        try:
            if (size := p.stat().st_size) > MAX_BYTES:  # refused before it fills the memory
                raise _too_large(name, size)
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder, not a file") from None
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
    text = decode(data, name)
    found = MARKUP_SUFFIXES.get(Path(name).suffix.lower())
    if found is None:
        return Document(doc_id, name, text)
    kind, reader = found
    try:
        read = getattr(markup, reader)(text)
    except Exception as e:  # a bug or a parser's surprise: one line naming the file, never a traceback
        detail = " ".join(f"{type(e).__name__}: {e}".split())
        raise InputError(f"{name}: cannot read as {kind} ({detail})") from None
    return Document(doc_id, name, text, plain=read.plain, offsets=read.starts, ends=read.ends,
                    suppressions=read.suppressions)
