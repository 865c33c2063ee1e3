"""Whatever a file holds, copydesk answers: bad input is one line naming the file (which `check`
prints on stderr, exiting 2), and the rest of a batch is still checked; text in any encoding
English and French copy comes in is read, with offsets true to the decoded text."""

import json

import pytest
from click.testing import CliRunner

from checks.cli import main
from checks.model import Document
from conftest import FIXTURES

SEED_TEXT = (FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")
SEED_FINDINGS = ["the Echoes", "Vektor", "Ampere", "Leave A Reply", "Your email address will not be published.",
                 "rabit tradon seo tool seo hyperlink with keyword generate reset"]
FRENCH = ("Renault s'appuie sur Vektor, une start-up grenobloise. L'Alliance détient 15 % d'Ampère, "
          "valorisée à 10 milliards d'euros, et la Société Générale conseille le constructeur.\n")


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty, nothing to check"),
    ("blank.txt", " \n\t\u00a0\u200b\r\n".encode(), "only whitespace, nothing to check"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not text"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
    ("archive.txt", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or a Word, Excel or OpenDocument file), not text"),
    ("noise.txt", bytes(range(256)) * 8, "binary data, not text"),
    ("zeros.txt", bytes(4000), "binary data, not text"),
])
def test_bad_input_is_one_line_and_the_batch_goes_on(checker, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(SEED_TEXT, encoding="utf-8")
    result = checker.check_paths([str(bad), str(good)])
    assert result.errors == [f"{bad}: {message}"]
    assert [d.path for d in result.documents] == [str(good)]
    assert [f.text for f in result.findings] == SEED_FINDINGS


def test_a_50_mb_file_is_refused_before_it_is_read(checker, tmp_path, monkeypatch):
    big = tmp_path / "dump.txt"
    with big.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: 50 MB on paper
    read = []
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: read.append(self) or b"")
    result = checker.check_paths([str(big)])
    assert result.errors == [f"{big}: 50 MB is too large for an article (at most 10 MB)"]
    assert read == []


def test_missing_unreadable_and_folder_inputs(checker, tmp_path, monkeypatch):
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    (empty_folder / "notes.rst").write_text("Vektor", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(SEED_TEXT, encoding="utf-8")
    real_read = type(locked).read_bytes

    def read_bytes(path):  # the tests run as root, for whom chmod 000 changes nothing
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr("pathlib.Path.read_bytes", read_bytes)
    seed = FIXTURES / "ampere-article.txt"
    result = checker.check_paths([str(tmp_path / "gone.txt"), str(locked), str(empty_folder), str(seed)])
    assert result.errors == [
        f"{tmp_path / 'gone.txt'}: no such file",
        f"{locked}: cannot read (Permission denied)",
        f"{empty_folder}: no file to check in this folder (looked for *.txt *.text *.md *.markdown *.html *.htm *.xhtml)",
    ]
    assert [d.path for d in result.documents] == [str(seed)] and len(result.findings) == 6


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "iso8859-15"])
def test_french_copy_in_any_encoding_gives_the_same_findings(checker, tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(FRENCH.encode(encoding))
    result = checker.check_paths([str(path)])
    assert [f.text for f in result.findings] == ["Vektor"]
    assert list(result.extraction.documents["language"]) == ["fr"]
    text = FRENCH  # offsets index the decoded text (a byte-order mark is not part of it)
    assert all(text[f.start:f.end] == f.text for f in result.findings)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_and_nul_bytes_keep_offsets_true(checker, tmp_path, newline):
    text = SEED_TEXT.replace("\n", newline).replace("Renault relies", "Renault\x00 relies")
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    findings = checker.check_paths([str(path)]).findings
    assert [f.text for f in findings] == SEED_FINDINGS
    for f in findings:
        assert text[f.start:f.end] == f.text
        line = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[f.line - 1]
        assert line[f.column - 1:].startswith(f.text)


@pytest.mark.parametrize("written, flagged", [
    ("Renault relies on Vek\u00adtor, a Grenoble start-up.", "Vek\u00adtor"),  # soft hyphen
    ("Renault relies on Vek\u200btor, a Grenoble start-up.", "Vek\u200btor"),  # zero-width space
    ("Renault relies on \u201cVektor\u201d, a Grenoble start\u2011up.", "Vektor"),  # curly quotes
    ("L\u2019Alliance d\u00e9tient 150\u202f% d\u2019Amp\u00e8re.", "150\u202f%"),  # narrow no-break space
    ("L'Alliance détient 150\u00a0% d'Ampère.", "150\u00a0%"),  # no-break space
    ("Renault s'appuie sur Ampe\u0300re et Ampère.", None),  # NFD and NFC: one name, no finding
])
def test_typography_is_seen_through_and_spans_point_at_the_original(checker, tmp_path, written, flagged):
    path = tmp_path / "article.txt"
    path.write_text(written + "\n", encoding="utf-8")
    findings = checker.check_paths([str(path)]).findings
    assert [f.text for f in findings] == ([flagged] if flagged else [])
    assert all(written[f.start:f.end] == f.text for f in findings)


@pytest.mark.parametrize("args", [["--format", "nope", "a.txt"], [], ["--fail-on", "sometimes", "a.txt"],
                                  ["--waivers", "/no/such/file.yml", "a.txt"]])
def test_usage_errors_are_one_line(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("check: error: ")
    assert result.stderr.rstrip().endswith("(see check --help)")


@pytest.mark.cli
def test_outputs_inside_the_input_folder_are_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    args = ["--format", "json", "--facts", str(tmp_path / "facts.json"), "--include", "*.txt",
            "--include", "*.json", str(tmp_path)]
    for _ in range(2):  # the second run finds the first run's ledger in the folder
        result = CliRunner().invoke(main, args)
        assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "a.txt")]
    (tmp_path / "old-report").mkdir()
    (tmp_path / "old-report" / ".copydesk-report").write_text("", encoding="utf-8")
    (tmp_path / "old-report" / "b.txt").write_text(SEED_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "a.txt")]


def test_a_document_past_its_time_limit_is_reported_and_the_batch_goes_on(checker, tmp_path, monkeypatch):
    import time

    import checks.extract
    import checks.extract.facts

    rows = checks.extract.Extractor.rows

    def slow_rows(self, doc, lang):
        if "slow" in doc.path:
            time.sleep(30)  # stands for a pathological text; interrupted like a regex match would be
        return rows(self, doc, lang)

    monkeypatch.setattr(checks.extract.Extractor, "rows", slow_rows)
    monkeypatch.setattr(checks.extract.facts, "DOCUMENT_TIME_LIMIT", 5)  # the limit the extractor applies
    monkeypatch.setattr(checks.extract, "DOCUMENT_TIME_LIMIT", 5)  # the one the message quotes
    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    slow.write_text(SEED_TEXT, encoding="utf-8")
    good.write_text(SEED_TEXT, encoding="utf-8")
    started = time.perf_counter()
    result = checker.check_paths([str(slow), str(good)])
    assert time.perf_counter() - started < 25
    assert result.errors == [f"{slow}: not fully checked: extraction stopped after 5 s"]
    assert [len(result.findings_for(d.doc_id)) for d in result.documents] == [0, 6]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_pattern_backtracks_catastrophically(checker, lang):
    """Every extraction pattern on texts built to make a backtracking matcher explode: long runs of
    digits, separators, spaces, number words, capitals and currency signs, each within a time limit."""
    import signal

    nasty = [
        "1" * 5000, "1," * 3000, "1 " * 3000, "1.1." * 2000, "€" * 3000 + "1", "$1-" * 2000, "- " * 3000,
        "one " * 2000 + "x", "twenty-" * 1500, "vingt et " * 1500, "A " * 3000, "Ab " * 3000 + "Renault",
        "Renault " * 1500, "L'" * 3000, "d'" * 3000, "%" * 3000, "between 1 and " * 1000, "entre 1 et " * 1000,
        "January 1, " * 1500, "1er janvier " * 1500, "\u00a0" * 3000 + "1", "http://" + "a" * 5000, "a@" * 3000,
        ("1" * 30 + " ") * 300, "(" * 3000 + "1" + ")" * 3000,
    ]

    def too_slow(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, too_slow)
    try:
        for i, text in enumerate(nasty):
            signal.setitimer(signal.ITIMER_REAL, 2.0)
            checker.extractor.document(Document(i, f"<nasty {i}>", text), lang, "")
            signal.setitimer(signal.ITIMER_REAL, 0)
    except TimeoutError:
        pytest.fail(f"pattern input {i} ({nasty[i][:30]!r}...) took over 2 s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.subprocess
def test_ctrl_c_in_a_parallel_batch_stops_every_process_with_one_line(tmp_path):
    """Ctrl-C reaches the terminal's whole process group: the parent (importing GX), the child that
    compiles the patterns and its workers. One line, exit 130, and no process left behind, at
    whatever moment it comes."""
    import os
    import signal
    import subprocess
    import sys
    import time

    seed = (FIXTURES / "ampere-article.txt").read_text(encoding="utf-8")
    for i in range(300):
        (tmp_path / f"a{i:03}.txt").write_text(seed, encoding="utf-8")
    script = "import sys; from checks.cli import run; sys.argv = ['check', '--format', 'json', sys.argv[1]]; run()"
    for delay in (0.5, 2.0):
        # Started as a shell starts a command: Ctrl-C's default disposition, whatever this test
        # runner's is (a process started with SIGINT ignored keeps ignoring it, as POSIX wants).
        proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)
        stderr = proc.communicate(timeout=30)[1].decode()
        assert (proc.returncode, stderr.strip()) == (130, "check: interrupted"), (stderr, signal.getsignal(signal.SIGINT))
        for _ in range(50):
            try:
                os.killpg(proc.pid, 0)  # anyone left in the group?
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("processes left running after Ctrl-C")
