"""HTML and Markdown articles as prose, every prose character mapped back to the file; suppression comments.

`read_html(text)` and `read_markdown(text)` return a `Markup`: the prose to check, where each of its
characters sits in `text` (`starts[i]`, `ends[i]`: prose character i stands for `text[starts[i]:ends[i]]`;
characters the markup implies, such as paragraph breaks, have an empty span at the tag that makes
them), and the suppressions the article's comments ask for.

HTML (Python's `html.parser`, which never fails on malformed markup and reports every construct's
source position): visible text is kept; script, style, noscript, template, head, title, svg, math,
iframe, object, canvas and code (code, kbd, samp) are not prose. Block elements (p, div, h1-h6, li,
td...) end a paragraph ("\\n\\n"), br ends a line ("\\n"); inline elements (b, a, span...) add nothing.
Character references (`&eacute;`, `&#8364;`) become the character they name, spanning the whole
reference. Outside <pre>, line breaks and tabs within a paragraph read as spaces, as a browser
shows them. Image alt text is not prose.

Markdown (markdown-it-py, CommonMark with tables and strikethrough): the block structure and inline
tokens come from markdown-it; each token is found back in the source in order. Prose keeps the
source's characters except markup: emphasis and strikethrough markers, heading, list and blockquote
markers, link syntax (a link keeps its text only), backslash escapes (the escaped character stays).
Not prose: fenced and indented code blocks, inline code, images (alt text included), autolinks,
front matter (`---` YAML or `+++` TOML at the top). Entities are decoded. A soft line break reads as
a space (the paragraph goes on), a hard one as a line break. HTML blocks are read as HTML, above.

Suppressions, written as HTML comments in either format (rules: codes such as CD201 or names such
as entity.misspelling, separated by commas or spaces; none means every rule; text after `--` is a
free reason):

- `<!-- copydesk: ignore CD201 -->` after text in its paragraph: findings of those rules in that
  whole paragraph (its first to its last character) are dropped.
- The same comment before any text of its paragraph (on a line of its own between two paragraphs,
  or at the very start of one): findings from the comment to the end of the next paragraph that
  has text are dropped.
- `<!-- copydesk: disable CD201 -->` ... `<!-- copydesk: enable CD201 -->`: findings between the two
  comments are dropped; without an enable, to the end of the file. `enable` closes the open
  `disable` with the same rules; a bare `enable` closes every open one.

A "paragraph" is the text between two block boundaries: block elements in HTML, blocks (paragraph,
heading, list item, table cell, HTML block) in Markdown.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from ..model import Suppression

# Elements whose content is not article prose.
SKIPPED = frozenset("script style noscript template head title svg math iframe object canvas code kbd samp".split())
# Elements that start and end a paragraph.
BLOCKS = frozenset("""address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section
    summary table tbody td tfoot th thead tr ul option""".split())
# Elements without content: never pushed on the skip stack.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# What may stand in <head>; anything else opens the body, whose start tag is optional.
HEAD_CONTENT = frozenset("head title meta link style script base noscript template".split())

_DIRECTIVE = re.compile(r"^\s*copydesk\s*:\s*(ignore|disable|enable)\b(.*?)(?:--.*)?$", re.IGNORECASE | re.DOTALL)
_CODE = re.compile(r"(?i)cd\d+")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)?(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# In-paragraph whitespace that a browser shows as a space.
_HTML_SPACE = str.maketrans("\r\n\t\f", "    ")


@dataclass
class Markup:
    plain: str
    starts: list[int]  # len(plain) + 1 entries, the last the end of the text
    ends: list[int]
    suppressions: tuple[Suppression, ...]


@dataclass
class _Directive:
    verb: str
    rules: frozenset[str]
    start: int  # in the text
    index: int  # in the prose: how much had been read when the comment came


def parse_directive(comment: str) -> tuple[str, frozenset[str]] | None:
    """('ignore' | 'disable' | 'enable', rules) of a comment's text, or None when it is not one of ours."""
    m = _DIRECTIVE.match(comment)
    if not m:
        return None
    rules = frozenset(r.upper() if _CODE.fullmatch(r) else r.lower() for r in re.split(r"[\s,]+", m.group(2)) if r)
    return m.group(1).lower(), rules


class _Prose:
    """The prose being built, its map to the text, its paragraph boundaries and the comments met."""

    def __init__(self, length: int):
        self.length = length
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.breaks = [0]  # prose indices where a paragraph starts
        self.directives: list[_Directive] = []
        self.skip: list[str] = []  # open elements whose content is not prose

    def add(self, chars: str, start: int, end: int) -> None:
        """Characters that stand for text[start:end] together (a character reference, a break)."""
        for ch in chars:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def add_source(self, chars: str, start: int) -> None:
        """Characters of which chars[i] stands for text[start + i]."""
        if self.breaks[-1] == len(self.chars):  # leading space of a paragraph is noise
            stripped = chars.lstrip()
            start += len(chars) - len(stripped)
            chars = stripped
        self.chars.extend(chars)
        self.starts.extend(range(start, start + len(chars)))
        self.ends.extend(range(start + 1, start + len(chars) + 1))

    def paragraph(self, at: int) -> None:
        """End the paragraph: a blank line, unless one was just made."""
        if self.breaks[-1] != len(self.chars):
            at = max(at, self.ends[-1])  # the map stays in order (table cells start at their row's line)
            self.add("\n\n", at, at)
            self.breaks.append(len(self.chars))

    def comment(self, text: str, start: int) -> None:
        directive = parse_directive(text)
        if directive:
            self.directives.append(_Directive(*directive, start, len(self.chars)))

    def markup(self) -> Markup:
        plain = "".join(self.chars)
        return Markup(plain, self.starts + [self.length], self.ends + [self.length], tuple(self._suppressions(plain)))

    def _suppressions(self, plain: str):
        bounds = self.breaks + [len(plain)]
        open_ranges: dict[frozenset[str], int] = {}
        for d in self.directives:
            if d.verb == "disable":
                open_ranges.setdefault(d.rules, d.start)
            elif d.verb == "enable":
                for rules in [r for r in open_ranges if r == d.rules or not d.rules]:
                    yield Suppression(rules, open_ranges.pop(rules), d.start)
            else:
                span = self._ignored(plain, bounds, d)
                if span:
                    yield Suppression(d.rules, *span)
        for rules, start in open_ranges.items():
            yield Suppression(rules, start, self.length)

    def _ignored(self, plain: str, bounds: list[int], d: _Directive) -> tuple[int, int] | None:
        """The span of text an `ignore` comment covers: its paragraph if text precedes it there, else
        from the comment to the end of the next paragraph with text."""
        k = bisect.bisect_right(bounds, d.index, hi=len(bounds) - 1) - 1  # the paragraph it stands in
        first, last = _text_edges(plain, bounds[k], d.index)
        if first is not None:
            return self.starts[first], self.ends[_text_edges(plain, bounds[k], bounds[k + 1])[1]]
        for j in range(k, len(bounds) - 1):
            _, last = _text_edges(plain, max(bounds[j], d.index), bounds[j + 1])
            if last is not None:
                return d.start, self.ends[last]
        return None


def _text_edges(plain: str, start: int, end: int) -> tuple[int | None, int | None]:
    """First and last non-space prose index in [start, end)."""
    part = plain[start:end]
    stripped = part.strip()
    if not stripped:
        return None, None
    first = start + len(part) - len(part.lstrip())
    return first, first + len(stripped) - 1


class _HtmlReader(HTMLParser):
    """Visible text of an HTML document or fragment into a _Prose; fragment[i] sits at text[base + i]."""

    def __init__(self, prose: _Prose, fragment: str, base: int = 0):
        super().__init__(convert_charrefs=False)
        self.prose, self.fragment, self.base = prose, fragment, base
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]  # html.parser counts "\n" only
        self.pre = 0

    def read(self) -> None:
        self.feed(self.fragment)
        self.close()

    def parse_marked_section(self, i, report=1):
        # Python 3.11 raises on "<![" not followed by CDATA and the like; newer ones read it as a
        # bogus comment, as browsers do. It moves the position before it raises: put it back.
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position
            return self.parse_bogus_comment(i)

    def _pos(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._tag(tag, closing=False)
        if tag in SKIPPED and tag not in VOID:
            self.prose.skip.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, closing=False)

    def handle_endtag(self, tag):
        if tag in self.prose.skip:
            while self.prose.skip.pop() != tag:
                pass
        self._tag(tag, closing=True)

    def _tag(self, tag: str, closing: bool) -> None:
        skip = self.prose.skip
        if not closing and skip and skip[0] == "head" and tag not in HEAD_CONTENT:
            skip.clear()  # <body>, or any body content, closes an unclosed <head>
        if tag == "pre":
            self.pre = max(0, self.pre + (-1 if closing else 1))
        if skip:
            return
        at = self.base + self._pos()
        if tag in BLOCKS:
            self.prose.paragraph(at)
        elif tag == "br" and not closing:
            self.prose.add("\n", at, at)

    def handle_data(self, data):
        if self.prose.skip:
            return
        pos = self._pos()
        if not self.fragment.startswith(data, pos):  # never seen; keep the map right if it happens
            pos = self.fragment.find(data, pos)
            if pos < 0:
                raise ValueError(f"text {data[:20]!r} not found where the parser put it")
        self.prose.add_source(data if self.pre else data.translate(_HTML_SPACE), self.base + pos)

    def handle_entityref(self, name):
        self._reference("&" + name)

    def handle_charref(self, name):
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        if self.prose.skip:
            return
        pos = self._pos()
        if self.fragment.startswith(";", pos + len(raw)):
            raw += ";"
        decoded = html.unescape(raw)
        if decoded == raw:  # not a known reference: its characters as they are
            self.prose.add_source(raw, self.base + pos)
        else:
            self.prose.add(decoded, self.base + pos, self.base + pos + len(raw))

    def handle_comment(self, data):
        self.prose.comment(data, self.base + self._pos())


def read_html(text: str) -> Markup:
    prose = _Prose(len(text))
    _HtmlReader(prose, text).read()
    return prose.markup()


class _MarkdownReader:
    """Markdown tokens found back in the source, in order, with a cursor that only moves forward."""

    # Inline tokens whose markup is all they have in the source.
    DELIMITERS = frozenset("em_open em_close strong_open strong_close s_open s_close".split())

    def __init__(self, text: str):
        # A copy of the text of the same length that markdown-it reads as it does: front matter blanked,
        # NUL as U+FFFD (which markdown-it substitutes).
        src = text.replace("\0", "\ufffd")
        front = _FRONT_MATTER.match(src)
        if front:
            src = re.sub(r"[^\r\n]", " ", front.group()) + src[front.end():]
        self.src = src
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(src)]
        self.prose = _Prose(len(text))
        self.cursor = 0
        self.limit = len(src)

    def read(self) -> Markup:
        for token in _markdown_it().parse(self.src):
            at = self._line(token.map[0]) if token.map else self.cursor
            if token.type == "inline":
                self.prose.paragraph(at)
                self._inline(token)
            elif token.type == "html_block":
                self.prose.paragraph(at)
                self._html_block(token)
            elif token.type in ("fence", "code_block", "hr"):
                self.prose.paragraph(at)  # code is not prose, but it parts the paragraphs around it
            if token.type in ("html_block", "fence", "code_block") and token.map:
                self.cursor = max(self.cursor, self._line(token.map[1]))
            self.prose.skip.clear()  # an HTML element left open ends with its block
        return self.prose.markup()

    def _line(self, index: int) -> int:
        return self.line_starts[index] if index < len(self.line_starts) else len(self.src)

    def _html_block(self, token) -> None:
        start, end = self._line(token.map[0]), self._line(token.map[1])
        raw = self.src[start:end]
        # Inside a blockquote or list the block's lines carry a prefix ("> ") that is not HTML: blank it.
        raw_lines = _LINE_BREAK.split(raw)
        content_lines = token.content.split("\n")
        fragment = []
        for raw_line, content_line, brk in zip(raw_lines, content_lines + [""] * len(raw_lines),
                                               _LINE_BREAK.findall(raw) + [""]):
            prefix = len(raw_line) - len(content_line)
            if prefix > 0 and raw_line.endswith(content_line):
                raw_line = " " * prefix + content_line
            fragment.append(raw_line + brk)
        _HtmlReader(self.prose, "".join(fragment), start).read()
        self.prose.paragraph(end)

    def _find(self, s: str) -> int:
        if self.src.startswith(s, self.cursor):
            return self.cursor
        return self.src.find(s, self.cursor, self.limit)

    def _inline(self, block) -> None:
        if block.map:
            self.cursor = max(self.cursor, self._line(block.map[0]))
            self.limit = self._line(block.map[1])
        in_autolink = False
        for tok in block.children or []:
            kind = tok.type
            if in_autolink:
                in_autolink = kind != "link_close"
                continue
            if kind == "text":
                self._text(tok.content)
            elif kind == "text_special":
                self._special(tok)
            elif kind in ("softbreak", "hardbreak"):
                m = _LINE_BREAK.search(self.src, self.cursor, self.limit)
                if m:
                    if not self.prose.skip:
                        self.prose.add(" " if kind == "softbreak" else "\n", m.start(), m.end())
                    self.cursor = m.end()
            elif kind in self.DELIMITERS:
                self._skip(tok.markup)
            elif kind == "link_open":
                if tok.markup == "autolink":
                    p = self._find("<")
                    if p >= 0:
                        q = self.src.find(">", p, self.limit)
                        self.cursor = q + 1 if q >= 0 else p + 1
                    in_autolink = True
                else:
                    self._skip("[")
            elif kind == "link_close":
                self.cursor = self._after_link(self.cursor)
            elif kind == "image":
                p = self._find("![")
                if p >= 0:
                    self.cursor = self._after_link(self._label_end(p + 1))
            elif kind == "code_inline":
                self._code(tok.markup)
            elif kind == "html_inline":
                p = self._find(tok.content)
                if p >= 0:
                    _HtmlReader(self.prose, tok.content, p).read()
                    self.cursor = p + len(tok.content)

    def _skip(self, markup: str) -> None:
        p = self._find(markup)
        if p >= 0:
            self.cursor = p + len(markup)

    def _text(self, content: str) -> None:
        if not content:
            return
        p = self._find(content)
        if p >= 0:
            if not self.prose.skip:
                self.prose.add_source(content, p)
            self.cursor = p + len(content)
            return
        # Table cells: markdown-it unescapes "\|" before it reads the cell's inline text.
        pattern = "".join(r"\\?\|" if ch == "|" else re.escape(ch) for ch in content)
        m = re.compile(pattern).search(self.src, self.cursor, self.limit)
        if m is None:
            return  # not found back: better no prose than prose mapped to the wrong characters
        p = m.start()
        for ch in content:
            if self.src[p] == "\\" and ch == "|":
                p += 1
            if not self.prose.skip:
                self.prose.add(ch, p, p + 1)
            p += 1
        self.cursor = m.end()

    def _special(self, tok) -> None:
        p = self._find(tok.markup)
        if p < 0:
            return
        if not self.prose.skip:
            if tok.info == "escape" and tok.content != tok.markup:
                self.prose.add_source(tok.content, p + 1)  # the escaped character is the source's own
            elif tok.content == tok.markup:
                self.prose.add_source(tok.content, p)
            else:
                self.prose.add(tok.content, p, p + len(tok.markup))
        self.cursor = p + len(tok.markup)

    def _code(self, marker: str) -> None:
        p = self._find(marker)
        if p < 0:
            return
        close = re.compile(rf"(?<!`){marker}(?!`)").search(self.src, p + len(marker), self.limit)
        self.cursor = close.end() if close else p + len(marker)

    def _label_end(self, pos: int) -> int:
        """Index of the "]" that closes the "[" at pos (or pos itself when it does not close)."""
        depth, i = 0, pos
        while i < self.limit:
            ch = self.src[i]
            if ch == "\\":
                i += 1
            elif ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return pos

    def _after_link(self, pos: int) -> int:
        """Past a link's "]" and its destination: (url "title"), [label], [] or nothing, as markdown-it reads them."""
        src, limit = self.src, self.limit
        if not src.startswith("]", pos):
            return pos
        pos += 1
        if src.startswith("(", pos):
            from markdown_it.helpers import parseLinkDestination, parseLinkTitle

            p = _skip_space(src, pos + 1, limit)
            dest = parseLinkDestination(src, p, limit)
            if dest.ok:
                q = _skip_space(src, dest.pos, limit)
                title = parseLinkTitle(src, q, limit)
                if q > dest.pos and title.ok:
                    q = _skip_space(src, title.pos, limit)
                p = q
            if src.startswith(")", p):
                return p + 1
        if src.startswith("[", pos):
            end = self._label_end(pos)
            if end > pos:
                return end + 1
        return pos


@cache
def _markdown_it():
    """The parser, imported with the first Markdown file: plain text need not pay its 40 ms."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\r\n":
        pos += 1
    return pos


def read_markdown(text: str) -> Markup:
    return _MarkdownReader(text).read()
