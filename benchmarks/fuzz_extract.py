"""Coverage-guided fuzzing of the extractor and the markup readers with atheris (libFuzzer).

    pip install atheris
    python benchmarks/fuzz_extract.py -max_total_time=600 -rss_limit_mb=4096 [corpus_dir]

Each input is decoded as the source stage decodes a file, read as HTML, Markdown or plain text (by
its first byte), and extracted in English or French. Properties checked on every input: no
exception escapes (an InputError is an answer, not a crash), every fact and paragraph lies inside
the text and `text[start:end]` is the fact's text. libFuzzer prints executions and coverage; a
crash leaves its input in crash-* files.
"""

import sys

import atheris

with atheris.instrument_imports():
    from checks.extract import Extractor
    from checks.model import Document, InputError
    from checks.rules import load_registry
    from checks.source import decode, markup

EXTRACTOR = Extractor(load_registry())
READERS = [None, markup.read_html, markup.read_markdown]


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    reader, lang = READERS[data[0] % 3], ("en", "fr")[data[1] % 2]
    try:
        text = decode(data[2:], "<fuzz>")
    except InputError:
        return
    if reader is None:
        doc = Document(0, "<fuzz>", text)
    else:
        read = reader(text)
        doc = Document(0, "<fuzz>", text, plain=read.plain, offsets=read.starts, ends=read.ends,
                       suppressions=read.suppressions)
    _, facts, paragraphs = EXTRACTOR.document(doc, lang, "")
    for row in facts + paragraphs:
        assert 0 <= row["start"] <= row["end"] <= len(text), row
        assert text[row["start"]:row["end"]] == row["text"], row


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
