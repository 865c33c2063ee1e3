"""HTML and Markdown articles: the prose read from them, every finding pointing into the file itself
(offsets, lines, columns), and the suppression comments they carry."""

import functools
import html
import json
import random
import re

import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.model import InputError, Suppression
from checks.source import read_document
from checks.source.markup import parse_directive, read_html, read_markdown
from conftest import FIXTURES

MARKUP = FIXTURES / "markup"
FIXTURE_NAMES = ["article-en.html", "article-fr.html", "article-en.md", "article-fr.md"]


@functools.cache
def report(name: str) -> dict:
    """The JSON report of one fixture, through the command line (once per fixture)."""
    result = CliRunner().invoke(main, ["--format", "json", str(MARKUP / name)])
    assert result.exit_code == 1, result.output
    [file] = json.loads(result.stdout)["files"]
    return file


def raw(name: str) -> str:
    return (MARKUP / name).read_bytes().decode("utf-8")


def line_col(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def found(name: str) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["text"], f["line"]) for f in report(name)["findings"]]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_finding_points_into_the_file(name):
    text = raw(name)
    findings = report(name)["findings"]
    assert findings
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
        assert (f["line"], f["column"]) == line_col(text, f["start"])


def test_html_english():
    assert found("article-en.html") == [
        ("CD101", "144%", 12),  # after &amp; &nbsp; &mdash;
        ("CD201", "Vektor", 13),  # in <b>
        ("CD302", "Friday, 12 June 2025", 14),  # a link's text
        ("CD201", "Vektor", 15),  # <li>Renault and Verkor</li><li>Vektor: the items are not glued
        ("CD101", "144%", 21),  # the comment there ignores another rule
        ("CD302", "Friday, 12 June 2025", 26),  # after copydesk: enable
    ]


def test_html_positions_around_markup():
    text = raw("article-en.html")
    first, bold, link = report("article-en.html")["findings"][:3]
    assert text[:first["start"]].endswith("&mdash; the Alliance: Renault carries its ")
    assert text[bold["start"] - 3:bold["end"] + 4] == "<b>Vektor</b>"
    assert text[link["start"] - 2:link["start"]] == '">' and text[link["end"]:link["end"] + 4] == "</a>"


def test_html_french():
    assert found("article-fr.html") == [
        ("CD201", "Verkorr", 6),  # after &#8217;, in <strong>
        ("CD302", "vendredi 12 juin 2025", 7),  # after &eacute;, in <em>
        ("CD201", "Soci&eacute;t&eacute; Generale", 8),  # a name that starts and ends in references
        ("CD101", "143,4&nbsp;%", 9),  # a figure with a reference inside it
    ]


def test_markdown_english():
    assert found("article-en.md") == [
        ("CD101", "144%", 9),  # after &amp; &mdash;, on the second line of a paragraph
        ("CD201", "Vektor", 11),  # in **
        ("CD201", "Vektor", 12),  # a link's text; its url and title are not prose
        ("CD302", "Friday*,\n12 June 2025", 14),  # through emphasis and a soft line break
        ("CD201", "Vektor", 17),  # blockquote
        ("CD201", "Vektor", 20),  # list item, not glued to the one before
        ("CD201", "Vektor", 24),  # table cell
        ("CD302", "Friday, 12 June 2025", 45),  # after copydesk: enable
    ]


def test_markdown_french():
    assert found("article-fr.md") == [
        ("CD201", "Verkorr", 7),  # after a backslash escape, in __
        ("CD302", "vendredi 12 juin 2025", 10),
        ("CD101", "143,4 %", 12),  # ordered list
        ("CD201", "Soci&eacute;t&eacute; Generale", 13),  # link text with references
        ("CD201", "Verkir", 16),  # HTML block, read as HTML
    ]


@pytest.mark.parametrize("name, lines", [
    ("article-en.html", {5, 6, 7, 16, 17}),  # title, style, script, code, noscript
    ("article-fr.html", {3, 11}),  # title, script
    ("article-en.md", {2, 3, 27, 30, 32}),  # front matter, code fence, indented code, inline code, image, autolink
    ("article-fr.md", {2, 22}),  # front matter, code fence
])
def test_what_is_not_prose_is_not_reported(name, lines):
    """Each of these lines has a misspelt name or a wrong weekday that would be reported as prose."""
    assert not {line for _, _, line in found(name)} & lines


def test_a_link_keeps_its_text_only():
    # Line 12 has "Vektor" in the link's text, and "144% stake" in its title, which is not prose.
    assert [f for f in found("article-en.md") if f[2] == 12] == [("CD201", "Vektor", 12)]


def test_markdown_prose_of_the_code_and_links():
    plain = read_document(0, str(MARKUP / "article-en.md")).plain
    assert "Vektor's plans" in plain and "example.com" not in plain and "144% stake\"" not in plain
    assert "indented code" not in plain and "Vektor logo" not in plain and "inline code is not prose" in plain
    assert "title:" not in plain


@pytest.mark.parametrize("name, missing", [
    ("article-en.html", {19, 20, 23, 24}),
    ("article-fr.html", {14}),
    ("article-en.md", {35, 37, 40, 42}),
    ("article-fr.md", {18}),
])
def test_suppressed_findings_are_dropped(name, missing):
    """Lines whose facts fail but whose comments ask to ignore them (see the fixtures)."""
    assert not {line for _, _, line in found(name)} & missing


def test_suppressions_of_the_fixtures():
    doc = read_document(0, str(MARKUP / "article-en.html"))
    text = doc.text
    covered = [(s.rules, text[s.start:s.end]) for s in doc.suppressions]
    assert covered == [
        (frozenset({"CD201"}), '<!-- copydesk: ignore CD201 -->\n  <p>Suppressed: Renault relies on Vektor, a Grenoble start-up.'),
        (frozenset({"entity.misspelling"}), "Suppressed too: Renault relies on Vektor."),
        (frozenset({"CD201"}), "Not suppressed, another rule: Renault carries its 144% stake in Nissan."),
        (frozenset({"CD302"}), covered[3][1]),
    ]
    assert covered[3][1].startswith("<!-- copydesk: disable CD302 -->") and covered[3][1].endswith("</p>\n  ")


# The map from prose to file.

def assert_maps_back(text: str, markup) -> None:
    """Each prose character is the file's character where it sits, or decodes the reference or escape
    there, or is white space the markup implies; the map never goes back."""
    assert len(markup.starts) == len(markup.ends) == len(markup.plain) + 1
    previous = 0
    for i, ch in enumerate(markup.plain):
        start, end = markup.starts[i], markup.ends[i]
        assert previous <= start <= end <= len(text)
        previous = start
        source = text[start:end]
        if ch.isspace():
            assert source == "" or source.isspace() or source in ">|" or source.startswith("&"), (i, ch, source)
        elif source.startswith("&") and len(source) > 1:
            assert ch in html.unescape(source), (i, ch, source)
        else:
            assert source == ch, (i, ch, source)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixtures_map_back(name):
    text = raw(name)
    markup = (read_html if name.endswith(".html") else read_markdown)(text)
    assert_maps_back(text, markup)
    doc = read_document(0, str(MARKUP / name))
    assert (doc.plain, doc.offsets, doc.suppressions) == (markup.plain, markup.starts, markup.suppressions)


def test_html_blocks_end_paragraphs_and_inline_elements_do_not():
    text = "<p>Renault</p><p>Verkor</p><ul><li>A</li><li>B<br>C</li></ul><p>Re<b>na</b><i>ult</i></p>"
    m = read_html(text)
    assert m.plain == "Renault\n\nVerkor\n\nA\n\nB\nC\n\nRenault\n\n"
    assert_maps_back(text, m)


def test_html_references_and_hidden_elements():
    text = ("<html><head><title>T</title><meta charset=utf-8></head><body>"
            "<p>Caf&eacute; &amp co&#46; &#x20AC;5 &unknown; &lt;b&gt;</p><script>x = '<p>Vektor</p>'</script>"
            "<style>p{}</style><svg><text>Vektor</text></svg><template>Vektor</template><p>end</p></body></html>")
    m = read_html(text)
    assert m.plain.split() == ["Café", "&", "co.", "€5", "&unknown;", "<b>", "end"]
    assert_maps_back(text, m)
    i = m.plain.index("é")
    assert text[m.starts[i]:m.ends[i]] == "&eacute;"


def test_html_head_without_its_end_tag_and_pre():
    assert read_html("<head><title>T</title><p>Body text</p>").plain.strip() == "Body text"
    assert read_html("<p>one\ntwo\tthree</p><pre>a\nb</pre>").plain == "one two three\n\na\nb\n\n"


def test_markdown_inline_markup():
    text = ("# Title #\n\nA **b** _c_ ~~d~~ [e *f*](http://u/1 \"t 2\") [g][r] ![h](i.png) `j 3` \\* &amp; "
            "<http://k/4> <b>l</b>\nm  \nn\n\n[r]: http://x/5\n")
    m = read_markdown(text)
    assert m.plain == "Title\n\nA b c d e f g   * &  l m\nn"
    assert_maps_back(text, m)


def test_markdown_containers_and_code():
    text = "> quoted\n> more\n\n- one\n- two\n\n1. three\n\n```\ncode\n```\n\n    indented\n\n|a|b\\|c|\n|-|-|\n|1|2|\n"
    m = read_markdown(text)
    assert m.plain.split("\n\n") == ["quoted more", "one", "two", "three", "a", "b|c", "1", "2"]
    assert_maps_back(text, m)


def test_markdown_front_matter_and_crlf():
    text = "---\r\ntitle: Vektor\r\n---\r\nOne\r\ntwo  \r\nthree\r\n"
    m = read_markdown(text)
    assert m.plain == "One two\nthree"
    assert_maps_back(text, m)
    assert read_markdown("---\n\nText\n").plain == "Text"  # a rule, not front matter


def test_markdown_html_block_in_a_blockquote():
    text = "> <div>\n> Vektor\n> </div>\n"
    m = read_markdown(text)
    assert m.plain.split() == ["Vektor"]
    assert_maps_back(text, m)


# Suppression comments.

@pytest.mark.parametrize("comment, directive", [
    (" copydesk: ignore CD201 ", ("ignore", {"CD201"})),
    ("copydesk: ignore", ("ignore", set())),
    ("Copydesk: Ignore cd201, entity.Misspelling -- Vektor GmbH is a real firm", ("ignore", {"CD201", "entity.misspelling"})),
    ("copydesk:disable CD201 CD302", ("disable", {"CD201", "CD302"})),
    ("copydesk: enable", ("enable", set())),
    ("copydesk: ignored", None),
    (" a comment ", None),
])
def test_directives(comment, directive):
    parsed = parse_directive(comment)
    assert (parsed and (parsed[0], set(parsed[1]))) == directive


def covered(text: str, reader=read_html) -> list[tuple[set, str]]:
    return [(set(s.rules), text[s.start:s.end]) for s in reader(text).suppressions]


def test_ignore_before_a_paragraph_covers_the_next_paragraph_with_text():
    text = "<p>A</p><!-- copydesk: ignore --><div><p>B b</p></div><p>C</p>"
    assert covered(text) == [(set(), "<!-- copydesk: ignore --><div><p>B b")]
    text = "<p><!-- copydesk: ignore CD201 -->B</p><p>C</p>"
    assert covered(text) == [({"CD201"}, "<!-- copydesk: ignore CD201 -->B")]


def test_ignore_after_text_covers_its_paragraph():
    text = "<p>A</p><p>B <i>b</i> <!-- copydesk: ignore CD201 --> bb</p><p>C</p>"
    assert covered(text) == [({"CD201"}, "B <i>b</i> <!-- copydesk: ignore CD201 --> bb")]
    text = "First line\nsecond line <!-- copydesk: ignore -->\nthird\n\nNext\n"
    assert covered(text, read_markdown) == [(set(), "First line\nsecond line <!-- copydesk: ignore -->\nthird")]


def test_ignore_with_nothing_after_covers_nothing():
    assert read_html("<p>A</p><!-- copydesk: ignore -->").suppressions == ()


def test_disable_and_enable():
    text = "<p>A</p><!-- copydesk: disable CD201 --><p>B</p><!-- copydesk: enable CD201 --><p>C</p><!-- copydesk: disable -->D"
    m = read_html(text)
    assert covered(text) == [({"CD201"}, "<!-- copydesk: disable CD201 --><p>B</p>"),
                             (set(), "<!-- copydesk: disable -->D")]
    assert m.suppressions[1] == Suppression(frozenset(), text.index("<!-- copydesk: disable -->"), len(text))


def test_markdown_comment_on_its_own_line():
    text = "A.\n\n<!-- copydesk: ignore CD302 -->\nB on Friday, 12 June 2025.\n\nC.\n"
    assert covered(text, read_markdown) == [({"CD302"}, "<!-- copydesk: ignore CD302 -->\nB on Friday, 12 June 2025.")]


# Files, suffixes and errors.

@pytest.mark.parametrize("suffix, markup", [(".html", True), (".HTM", True), (".xhtml", True), (".md", True),
                                            (".markdown", True), (".txt", False), (".text", False)])
def test_read_document_dispatches_by_suffix(tmp_path, suffix, markup):
    path = tmp_path / f"a{suffix}"
    path.write_text("<p>Caf&eacute; *x*</p>\n", encoding="utf-8")
    doc = read_document(0, str(path))
    assert doc.text == "<p>Caf&eacute; *x*</p>\n"
    assert (doc.plain is not None) == markup
    if not markup:
        assert doc.prose == doc.text and doc.span(3, 7) == (3, 7)


def test_span_covers_a_reference_at_the_end(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<p>Caf&eacute; noir</p>", encoding="utf-8")
    doc = read_document(0, str(path))
    start, end = doc.span(0, 4)
    assert doc.prose[:4] == "Café" and doc.text[start:end] == "Caf&eacute;"


NASTY = ["<", "<p", "</", "<!--", "<!-- copydesk: ignore", "<![", "<![if x]>", "<![CDATA[", "&", "&#", "&#x;",
         "&#99999999;", "<a href='x>", "<script>", "</p></p>", "<<>>", "<?", "<!x", "\0", "\r", "é", "\ufeff"]


@pytest.mark.parametrize("seed", range(3))
def test_malformed_markup_never_raises_and_maps_back(seed):
    rnd = random.Random(seed)
    html_pieces = NASTY + ["<p>", "</p>", "<b>", "Vektor", " ", "\n", "&eacute;", "<br/>", "<svg/>", "</script>",
                           "<!-- copydesk: ignore -->", "-->", "<head>", "<pre>", "</pre>", "12 June"]
    md_pieces = NASTY + ["*", "**", "_", "`", "[", "](", ")", "![", "\\", "\\*", "&amp;", "# ", "> ", "- ", "\n",
                         "\n\n", "    ", "```", "~~", "|", "\n|-|-|\n", "---", "Vektor", " ", "<b>", "<div>\n",
                         "[r]: http://z\n", "[r]", "<http://x>", "  \n", "\\\n", "\r\n"]
    for _ in range(800):
        text = "".join(rnd.choice(html_pieces) for _ in range(rnd.randint(0, 25)))
        assert_maps_back(text, read_html(text))
        text = "".join(rnd.choice(md_pieces) for _ in range(rnd.randint(0, 25)))
        assert_maps_back(text.replace("\0", "\ufffd"), read_markdown(text))  # as markdown-it reads NUL


def test_an_unexpected_failure_is_a_one_line_input_error(tmp_path, monkeypatch):
    def boom(text):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("checks.source.markup.read_html", boom)
    path = tmp_path / "a.html"
    path.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_document(0, str(path))
    assert str(e.value) == f"{path}: cannot read as HTML (RuntimeError: boom second line)"


def test_malformed_html_through_the_command_line(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<p>Renault relies on <b>Vektor<p <![ &#x; </b></i>", encoding="utf-8")
    result = CliRunner().invoke(main, ["--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["text"] == "Vektor" and finding["start"] == path.read_text().index("Vektor")


def test_messages_and_the_ledger_quote_the_prose_findings_point_at_the_file(tmp_path):
    """A name written with a reference ("&amp;") is quoted as a reader reads it, and is the same
    form as the name written plainly; the finding's text stays the file's characters."""
    path = tmp_path / "a.html"
    path.write_text("<p>Proctor &amp; Gamble rose.</p>\n"
                    "<p>Shares in Procter &amp; Gamble and Procter & Gamble fell.</p>", encoding="utf-8")
    ledger = tmp_path / "facts.csv"
    result = CliRunner().invoke(main, ["--format", "json", "--facts", str(ledger), str(path)])
    [file] = json.loads(result.stdout)["files"]
    [finding] = file["findings"]
    assert finding["rule"] == "CD201" and finding["text"] == "Proctor &amp; Gamble"
    assert "'Proctor & Gamble'" in finding["message"] and "&amp;" not in finding["message"]
    facts = ledger.read_text(encoding="utf-8")
    assert "Proctor & Gamble" in facts and "&amp;" not in facts
