"""`check --docs DIR`: copydesk's annotated pages and index, and GX's Data Docs, offline and safe.

The browser tests drive Debian's chromium (`apt-get install chromium`; .ci/run installs it) with
Playwright, opening the written pages from disk. They skip only when /usr/bin/chromium is absent.
"""

import html as std_html
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from checks.api import Checker
from checks.findings import Finding
from checks.report import datadocs, html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic"]
SEED = FIXTURES / "ampere-article.txt"
SEED_FINDINGS = ["the Echoes", "Vektor", "Ampere", "Leave A Reply", "Your email address will not be published.",
                 "rabit tradon seo tool seo hyperlink with keyword generate reset"]
ARTIFACTS = ROOT / "test-artifacts"  # gitignored

# Each payload sets window.__pwned if it ever runs. The last three are keyword spam (lower case, no
# sentence punctuation): their text reaches GX's validation page of the boilerplate suite too.
HOSTILE = """Renault said Vektor would supply the <b>batteries</b> & more.

<script>window.__pwned=1;alert(1)</script>
<img src=x onerror="window.__pwned=1;alert(1)">
<a href="javascript:window.__pwned=1">click me</a> <a href='javascript:alert(1)'>or me</a>
</textarea><script>window.__pwned=1</script></pre><script>window.__pwned=1</script>
"><svg onload=window.__pwned=1><iframe src="javascript:window.__pwned=1"></iframe>
<!-- <style>body{display:none}</style> <meta http-equiv="refresh" content="0;url=https://example.com/">

<img src=x onerror=__pwned=1> seo backlinks cheap keywords here
<script>__pwned=1</script> seo keywords cheap ranking
"><svg onload=__pwned=1> seo keywords cheap backlinks
"""
HOSTILE_NAME = 'x"><img src=y onerror=__pwned=1>.txt'


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One `check --docs` run over the seed, the hostile article and two markup fixtures."""
    work = tmp_path_factory.mktemp("reports")
    hostile = work / HOSTILE_NAME
    hostile.write_text(HOSTILE, encoding="utf-8")
    docs = work / "report"
    run = subprocess.run(
        [sys.executable, "-m", "checks", "--docs", str(docs), str(SEED), str(hostile),
         str(FIXTURES / "markup" / "article-en.html"), str(FIXTURES / "markup" / "article-fr.md")],
        capture_output=True, text=True, cwd=work, check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr == f"check: report written to {docs / 'index.html'}\n"
    return docs


def gx_validation_page(docs: Path, suite: str) -> Path:
    [page] = (docs / "gx" / "validations" / suite).rglob("*.html")
    return page


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, viewport={"width": 1200, "height": 900})
        # Nothing may leave the machine: any remote request is recorded and refused.
        context.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())
        yield context
        context.close()


class Page:
    """A page opened from disk, with every request it made, its script errors and its dialogs."""

    def __init__(self, browser, path: Path):
        self.requests, self.errors, self.dialogs, self.console = [], [], [], []
        self.page = browser.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(200)  # GX's tables are built on document ready

    def remote(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]

    def eval(self, js: str):
        return self.page.evaluate(js)


def article_page(docs: Path, name: str) -> Path:
    [page] = (docs / "articles").glob(f"*-{name}.html")
    return page


# --- copydesk's pages ---------------------------------------------------------------------------

@pytest.mark.subprocess
@pytest.mark.browser
def test_seed_article_shows_every_finding_highlighted(report, browser, capsys):
    page = Page(browser, article_page(report, "ampere-article"))
    marked = page.eval("""() => {
        const byFinding = {};
        for (const m of document.querySelectorAll('pre.article mark.hl'))
            for (const n of m.dataset.findings.split(' '))
                byFinding[n] = (byFinding[n] || '') + m.textContent;
        return byFinding;
    }""")
    assert [marked[str(n)] for n in range(1, 7)] == SEED_FINDINGS
    rows = page.eval("Array.from(document.querySelectorAll('#findings tbody tr'), r => r.cells[3].textContent)")
    assert [r.split()[0] for r in rows] == ["CD201", "CD201", "CD202", "CD501", "CD501", "CD502"]
    # the message and suggestion of each finding are on the page; the article text is there, whole
    text = page.eval("document.body.innerText")
    assert "'Vektor' looks like a misspelling of 'Verkor'" in text and "Les Echos" in text
    assert page.eval("document.querySelector('pre.article').textContent").startswith("Renault")
    # each finding's number links to its row, and back
    page.page.click("a.ref[href='#finding-2']")
    assert page.eval("location.hash") == "#finding-2"
    assert page.eval("document.querySelector('#finding-2 a').getAttribute('href')") == "#f-2"
    # the fact ledger underneath
    assert page.eval("document.querySelectorAll('table.facts tbody tr').length") > 50
    assert not page.errors and not page.remote() and not page.dialogs
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed-article.png"
    page.page.goto(article_page(report, "ampere-article").as_uri())
    page.page.screenshot(path=str(shot), full_page=True)
    with capsys.disabled():
        print(f"\nscreenshot of the seed article's report page: {shot}")


@pytest.mark.subprocess
def test_article_text_is_exactly_the_document(report):
    """Without the highlights and the findings' numbers, the page's article is the file's text."""
    page = article_page(report, "ampere-article").read_text(encoding="utf-8")
    pre = re.search(r'<pre class="article">(.*?)</pre>', page, re.DOTALL).group(1)
    pre = re.sub(r'<a class="ref[^>]*>\d+</a>|<[^>]+>', "", pre)
    assert std_html.unescape(pre) == SEED.read_text(encoding="utf-8")


@pytest.mark.subprocess
def test_findings_link_to_their_expectation_in_the_data_docs(report):
    page = article_page(report, "ampere-article")
    links = re.findall(r'href="(\.\./gx/validations/[^"#]+)#([^"]+)"', page.read_text(encoding="utf-8"))
    assert len(links) == 6
    for target, anchor in links:
        gx = (page.parent / target).resolve()
        assert gx.is_file()
        # the anchor is the status cell of the rule's row: a failed expectation
        cell = re.search(rf'<td id="{anchor}" >(.*?)</td>', gx.read_text(encoding="utf-8"), re.DOTALL)
        assert cell and "fa-times" in cell.group(1), (target, anchor)
    assert {Path(t).parts[3] for t, _ in links} == {"entity-spelling", "spellings", "boilerplate"}


@pytest.mark.subprocess
def test_data_docs_name_the_run_and_show_each_rule_and_the_text_it_concerns(report):
    """A reviewer reads the rule's code and what it checks, and the quoted text of every unexpected
    row, not only ids; the run has a name, not GX's '__none__'."""
    pages = list((report / "gx" / "validations" / "entity-spelling").rglob("*.html"))
    assert pages
    page = std_html.unescape(re.sub(r"<[^>]+>", " ", pages[0].read_text(encoding="utf-8")))
    assert "CD201 entity.misspelling" in page and "Vektor" in page and "the Echoes" in page
    assert "__none__" not in str(pages[0]) and "copydesk" in str(pages[0].relative_to(report))


@pytest.mark.subprocess
@pytest.mark.browser
def test_index_lists_every_document_and_sorts(report, browser):
    page = Page(browser, report / "index.html")
    column = "Array.from(document.querySelectorAll('#documents tbody tr'), r => r.cells[{}].textContent)"
    paths = page.eval(column.format(0))
    assert len(paths) == 4 and any(p.endswith("ampere-article.txt") for p in paths)
    assert any(p.endswith(HOSTILE_NAME) for p in paths)  # the hostile file name, as text
    headers = page.eval("Array.from(document.querySelectorAll('#documents th'), h => h.textContent)")
    errors = headers.index("Errors")
    page.page.click(f"#documents th:nth-child({errors + 1}) button")
    counts = [int(c) for c in page.eval(column.format(errors))]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    page.page.click(f"#documents th:nth-child({errors + 1}) button")
    assert [int(c) for c in page.eval(column.format(errors))] == sorted(counts)
    page.page.click("#documents th:nth-child(1) button")
    assert page.eval(column.format(0)) == sorted(paths, key=str.lower)
    page.page.fill("#filter", "ampere")
    assert page.eval("Array.from(document.querySelectorAll('#documents tbody tr:not([hidden])')).length") == 1
    # each row links to its article page
    href = page.eval("document.querySelector('#documents tbody tr:not([hidden]) a').getAttribute('href')")
    assert (report / href).is_file()
    assert not page.errors and not page.remote() and not page.dialogs


@pytest.mark.subprocess
@pytest.mark.browser
def test_hostile_article_renders_as_text_and_runs_nothing(report, browser):
    pages = [article_page(report, "x-img-src-y-onerror-pwned-1"), report / "index.html",
             gx_validation_page(report, "boilerplate")]
    for path in pages:
        page = Page(browser, path)
        assert page.eval("typeof window.__pwned") == "undefined", path
        assert not page.dialogs, path
        assert not page.eval("Array.from(document.querySelectorAll('a[href]'), a => a.href)"
                             ".filter(h => h.startsWith('javascript:'))"), path
        assert not page.remote(), path
    article = Page(browser, pages[0])
    pre = article.eval("document.querySelector('pre.article').textContent")
    for payload in ("<script>window.__pwned=1;alert(1)</script>", '<img src=x onerror="window.__pwned=1;alert(1)">',
                    "</textarea><script>", '"><svg onload=window.__pwned=1>', "<!-- <style>"):
        assert payload in pre
    assert article.eval("document.querySelectorAll('pre.article *:not(mark):not(span):not(a)').length") == 0
    assert article.eval("document.querySelectorAll('script, iframe, svg, img, textarea, meta[http-equiv=refresh]')"
                        ".length") == 0
    # GX prints the keyword-spam lines in its page: as text, once escaped
    gx = Page(browser, pages[2])
    assert "<script>__pwned=1</script> seo keywords cheap ranking" in gx.eval("document.body.innerText")
    assert gx.eval("document.querySelectorAll('svg, img[src=x]').length") == 0


@pytest.mark.subprocess
def test_every_page_forbids_inline_scripts_and_remote_loads(report):
    pages = list(report.rglob("*.html"))
    assert len(pages) > 25
    for page in pages:
        text = page.read_text(encoding="utf-8")
        csp = re.search(r'<head>\s*<meta (?:charset="utf-8">\s*<meta )?http-equiv="Content-Security-Policy" '
                        r'content="([^"]+)"', text)
        assert csp, page
        policy = dict((d.split(" ", 1) + [""])[:2] for d in std_html.unescape(csp.group(1)).split("; "))
        assert policy["default-src"] == "'none'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert "http" not in csp.group(1)
        # no remote script, stylesheet, image or font anywhere
        assert not re.search(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="https?:', text), page
        assert not re.search(r"url\(['\"]?https?:", text), page
    own = [p for p in pages if "gx" not in p.relative_to(report).parts]
    for page in own:
        text = page.read_text(encoding="utf-8")
        assert html.CSP in text
        tags = Tags()
        tags.feed(text)
        # copydesk's pages: no inline script, event handler or style; scripts are files of its own
        assert all(t != "script" or a.get("src") == "assets/copydesk.js" for t, a in tags.tags), page
        assert not [n for _, a in tags.tags for n in a if n.startswith("on") or n == "style"], page


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# --- GX's Data Docs, offline ---------------------------------------------------------------------

@pytest.mark.subprocess
@pytest.mark.browser
def test_data_docs_work_offline_and_under_their_policy(report, browser):
    index = Page(browser, report / "gx" / "index.html")
    # bootstrap-table built the validation results table from its data: the scripts ran
    assert index.eval("document.querySelectorAll('#section-1-content-block-2-1-body-table tbody tr').length") >= 10
    assert index.eval("getComputedStyle(document.querySelector('.navbar')).display") == "flex"  # Bootstrap's CSS
    assert index.eval("[...document.fonts].some(f => f.family.includes('Font Awesome 6 Free') && f.weight == '900' "
                      "&& f.status == 'loaded')")  # GX's icons
    validation = Page(browser, gx_validation_page(report, "entity-spelling"))
    assert "misspelling" in validation.eval("document.body.innerText")
    validation.page.click("text=Failed Only")  # GX's own inline handler, allowed by its hash
    suite = Page(browser, report / "gx" / "expectations" / "boilerplate.html")
    for page in (index, validation, suite):
        assert not page.remote(), page.remote()
        assert not page.errors, page.errors
        assert not [m for m in page.console if "Content Security Policy" in m], page.console
        assert page.eval("document.querySelector('.navbar-brand img').naturalWidth") > 0  # the logo, local


def test_every_remote_asset_of_gx_templates_is_vendored_or_left_out():
    """A GX upgrade that loads a new CDN file fails here rather than in a reviewer's browser."""
    from great_expectations.render import view

    templates = Path(view.__file__).parent / "templates"
    urls = set()
    for t in templates.glob("*.j2"):
        urls |= set(re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="(https?://[^"]+)"', t.read_text(encoding="utf-8")))
    assert urls and urls <= datadocs.REMOTE.keys(), urls - datadocs.REMOTE.keys()
    for local in filter(None, datadocs.REMOTE.values()):
        assert (datadocs.ASSETS / local).is_file(), local
    for library in filter(Path.is_dir, datadocs.ASSETS.iterdir()):
        assert list(library.glob("LICENSE*")), f"{library.name} has no licence beside it"


# --- the annotation itself, and the folder swap --------------------------------------------------

def finding(start, end, text, severity="error", rule="CD201"):
    return Finding(0, rule, "entity.misspelling", "entity-spelling", severity, f"msg <{text}>", text, start, end, 1,
                   start + 1, None)


def test_overlapping_and_nested_findings_are_all_marked():
    text = "ab<cd>ef gh"
    findings = [finding(0, 6, "ab<cd>"), finding(2, 4, "<c", "warning"), finding(4, 9, "d>ef ", "info"),
                finding(10, 10, "", "info")]
    out = str(html.annotate(text, findings))
    marks = re.findall(r'<mark class="hl (sev-[^"]*)" data-findings="([^"]*)" title="[^"]*">([^<]*)</mark>', out)
    assert marks == [("sev-error", "1", "ab"), ("sev-error overlap", "1 2", "&lt;c"),
                     ("sev-error overlap", "1 3", "d&gt;"), ("sev-info", "3", "ef ")]
    assert 'class="hl empty sev-info" data-findings="4"' in out
    assert re.sub(r'<a class="ref[^>]*>\d+</a>|<[^>]+>', "", out) == "ab&lt;cd&gt;ef gh"
    assert 'title="CD201 entity.misspelling (error): msg &lt;ab&lt;cd&gt;&gt;\nCD201 entity.misspelling (warning): msg &lt;&lt;c&gt;"' in out


@pytest.fixture(scope="module")
def checker():
    """A checker of its own: a report holds the Data Docs of every validation its checker ran."""
    return Checker()


def test_a_failed_run_leaves_the_previous_report_in_place(checker, tmp_path, monkeypatch):
    result = checker.check_paths([str(SEED)])
    docs = tmp_path / "report"
    checker.write_docs(result, docs)
    before = sorted(p.relative_to(docs) for p in docs.rglob("*"))
    assert (docs / html.MARKER).is_file() and (docs / "gx" / "index.html").is_file()

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html, "write_pages", crash)
    with pytest.raises(OSError):
        checker.write_docs(result, docs)
    assert sorted(p.relative_to(docs) for p in docs.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no building folder left beside it
    monkeypatch.undo()
    checker.write_docs(result, docs)  # replaced whole: one Data Docs site, no leftovers
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
    assert len(list((docs / "articles").iterdir())) == 1


def test_a_folder_that_is_not_a_report_is_never_replaced(checker, tmp_path):
    result = checker.check_paths([str(SEED)])
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(html.ReportError, match="not a copydesk report"):
        checker.write_docs(result, mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    checker.write_docs(result, empty)
    assert (empty / "index.html").is_file()


@pytest.mark.subprocess
def test_cli_refuses_a_folder_that_is_not_a_report(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "checks", "--docs", str(tmp_path), str(SEED)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert "not a copydesk report" in run.stderr and "Traceback" not in run.stderr
    assert not run.stdout  # refused before any article was read
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
