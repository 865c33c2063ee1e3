"""Properties of the extractor and of the whole pipeline on generated text (hypothesis): never an
exception, offsets always inside the text, `text[start:end]` always the reported text (in markup: the
prose a fact's text comes from maps to its span in the file)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.model import Document
from checks.source import markup

# Pieces of news copy, and of what breaks parsers: figures in both conventions, currencies, words
# that start figures, names near registered ones, typography, markup and control characters.
PIECES = [
    "15%", "15 %", "15\u202f%", "€1.5bn", "1,5 milliard d'euros", "$1.13bn (£600m)", "between 2 and 2.5 billion euros",
    "entre 1 et 1,5 milliard", "rose 76% to $1.13bn from $639m", "en hausse de 5 % à 10 millions", "one", "vingt et un",
    "a third of", "Thursday, 12 June 2025", "30 February", "lundi 17 octobre", "next year", "l'an dernier",
    "for 23 years", "founded in 1999", "Renault", "Vektor", "Verkor", "Amp\u00e8re", "Ampe\u0300re", "Ver\u00adkor",
    "Les Echos", "the Echoes", "Nissan", "stake", "valued at", "employs 3,000 people", "Leave A Reply", ".", ",",
    " ", "\n", "\r\n", "\u00a0", "\u200b", "\u2019", "'", "-", "\u2013", "(", ")", "http://x.com/%20", "a@b.fr",
    "<b>", "</p>", "&amp;", "&eacute;", "<!-- copydesk: ignore -->", "# ", "* ", "`", "\x00", "\ufeff", "😀",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)


def assert_spans_true(text: str, rows) -> None:
    for row in rows:
        assert 0 <= row["start"] <= row["end"] <= len(text), row
        assert text[row["start"]:row["end"]] == row["text"], row


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["en", "fr"]))
def test_extraction_never_fails_and_spans_are_true(checker, text, lang):
    _, facts, paragraphs = checker.extractor.document(Document(0, "<generated>", text), lang, "")
    assert_spans_true(text, facts + paragraphs)
    assert [f["start"] for f in facts] == sorted(f["start"] for f in facts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, reader=st.sampled_from(["read_html", "read_markdown"]), lang=st.sampled_from(["en", "fr"]))
def test_markup_is_read_and_spans_point_into_the_file(checker, text, reader, lang):
    read = getattr(markup, reader)(text)
    doc = Document(0, "<generated>", text, plain=read.plain, offsets=read.starts, ends=read.ends,
                   suppressions=read.suppressions)
    _, facts, paragraphs = checker.extractor.document(doc, lang, "")
    for row in facts + paragraphs:
        assert 0 <= row["start"] <= row["end"] <= len(text), row
        # A fact's text is what the reader reads: a piece of the prose, the one its span covers in the file.
        piece = row["text"]
        assert any(doc.span(i, i + len(piece)) == (row["start"], row["end"])
                   for i in range(len(doc.prose) - len(piece) + 1) if doc.prose.startswith(piece, i)), row


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(texts, min_size=1, max_size=25))
def test_the_whole_pipeline_reports_true_spans(checker, batch):
    """Extraction, relations, Great Expectations and findings, one batch a call."""
    result = checker.check_texts(batch)
    for finding in result.findings:
        text = batch[finding.doc_id]
        assert text[finding.start:finding.end] == finding.text
        line, column = result.documents[finding.doc_id].line_col(finding.start)
        assert (finding.line, finding.column) == (line, column)
