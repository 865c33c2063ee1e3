"""`check --docs DIR`: the reports a reviewer reads, written into DIR in one step.

DIR/index.html                 every document with its findings by severity (sortable: assets/copydesk.js)
DIR/articles/<doc_id>-<name>.html   the article with its findings highlighted, the summary, the facts
DIR/gx/                        Great Expectations' Data Docs of the run, offline (see datadocs.py)

Article text is hostile input: Jinja escapes everything, and every page forbids inline scripts and
remote loads (Content-Security-Policy). The report is built in a folder beside DIR and swapped with
it at the end, so that a failed run never leaves half a report in place of a good one.
"""

from __future__ import annotations

import ctypes
import errno
import math
import os
import re
import secrets
import shutil
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from ..model import REPORT_MARKER, SEVERITIES
from . import datadocs
from .ledger import ledger

ASSETS = Path(__file__).parent / "assets"
MARKER = REPORT_MARKER  # a folder holding it may be replaced whole (and is never read as input)
CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first


class ReportError(Exception):
    """The report cannot be written where asked; the message is one line."""


HEAD = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · copydesk</title>
<link rel="stylesheet" href="{{ up }}assets/copydesk.css">
</head>
"""

INDEX = HEAD + """<body>
<nav><a href="gx/index.html">Great Expectations Data Docs</a></nav>
<h1>copydesk report</h1>
<p class="meta">{{ docs|length }} document{{ "s" if docs|length != 1 }} · {{ total }} finding{{ "s" if total != 1 }}
{%- for s in severities %} · <span class="badge sev-{{ s }}">{{ counts[s] }} {{ s if counts[s] == 1 else labels[s]|lower }}</span>{% endfor %}
 · written {{ written }}</p>
{% if errors %}<section><h2>Not read</h2><ul class="errors">{% for e in errors %}<li>{{ e }}</li>{% endfor %}</ul></section>{% endif %}
{% if rules %}<section><h2>Findings by rule</h2>
<table class="summary"><thead><tr><th>Rule</th><th>Name</th><th>Severity</th><th>Findings</th><th>Documents</th></tr></thead><tbody>
{% for r in rules %}<tr><td><code>{{ r.code }}</code></td><td>{{ r.name }}</td><td><span class="badge sev-{{ r.severity }}">{{ r.severity }}</span></td><td class="num">{{ r.findings }}</td><td class="num">{{ r.documents }}</td></tr>
{% endfor %}</tbody></table></section>{% endif %}
<section><h2>Documents</h2>
<p><label>Filter <input id="filter" type="search" placeholder="path contains…" autocomplete="off"></label> <span id="shown"></span></p>
<table id="documents" class="sortable"><thead><tr>
<th><button type="button">Document</button></th><th><button type="button">Language</button></th>
<th data-type="number"><button type="button">Facts</button></th>
{% for s in severity_columns %}<th data-type="number"><button type="button">{{ labels[s] }}</button></th>{% endfor %}
<th data-type="number"><button type="button">Findings</button></th></tr></thead>
<tbody>
{% for d in docs %}<tr><td><a href="articles/{{ d.file }}">{{ d.path }}</a></td><td>{{ d.language }}</td><td class="num">{{ d.facts }}</td>
{%- for s in severity_columns %}<td class="num{{ ' sev-' ~ s if d.counts[s] }}">{{ d.counts[s] }}</td>{% endfor %}<td class="num">{{ d.findings }}</td></tr>
{% endfor %}</tbody></table></section>
<script src="assets/copydesk.js"></script>
</body>
</html>
"""

ARTICLE = HEAD + """<body>
<nav><a href="../index.html">All documents</a> · <a href="../gx/index.html">Great Expectations Data Docs</a></nav>
<h1>{{ doc.path }}</h1>
<p class="meta">document {{ doc.doc_id }} · {{ language }} · {{ facts|length }} fact{{ "s" if facts|length != 1 }} ·
{{ findings|length }} finding{{ "s" if findings|length != 1 }}</p>
<section id="summary"><h2>Summary</h2>
{% if findings %}<table class="summary"><thead><tr><th>Severity</th><th>Rule</th><th>Name</th><th>Findings</th></tr></thead><tbody>
{% for r in by_rule %}<tr><td><span class="badge sev-{{ r.severity }}">{{ r.severity }}</span></td><td><code>{{ r.code }}</code></td><td>{{ r.name }}</td><td class="num">{{ r.count }}</td></tr>
{% endfor %}</tbody></table>
<table id="findings" class="findings"><thead><tr><th>#</th><th>Where</th><th>Severity</th><th>Rule</th><th>Text</th><th>Message</th><th>Suggestion</th><th>Data Docs</th></tr></thead><tbody>
{% for f in findings %}<tr id="finding-{{ loop.index }}" class="sev-{{ f.severity }}"><td><a href="#f-{{ loop.index }}">{{ loop.index }}</a></td>
<td>{{ f.line }}:{{ f.column }}</td><td><span class="badge sev-{{ f.severity }}">{{ f.severity }}</span></td>
<td><code>{{ f.rule }}</code> {{ f.name }}</td><td><q>{{ f.text }}</q></td><td>{{ f.message }}</td><td>{{ f.suggestion or "" }}</td>
<td>{% if gx.get(f.rule) %}<a href="../gx/{{ gx[f.rule] }}">expectation</a>{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p>No finding.</p>{% endif %}</section>
<section><h2>Article</h2>
<pre class="article">{{ article }}</pre></section>
<section><h2>Facts</h2>
{% if facts %}<div class="scroll"><table class="facts"><thead><tr>{% for c in columns %}<th>{{ c }}</th>{% endfor %}</tr></thead><tbody>
{% for row in facts %}<tr{{ ' class="flagged"'|safe if row[0] in flagged }}>{% for v in row[1:] %}<td>{{ v }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></div>{% else %}<p>No fact extracted.</p>{% endif %}</section>
</body>
</html>
"""


@cache
def _template(source: str):
    """Compiled with the first report: a run without one does not import jinja2 (about 45 ms)."""
    from jinja2 import Environment

    return Environment(autoescape=True, trim_blocks=False).from_string(source)


def write(result, validator, target: Path) -> Path:
    """Write the reports of `result` into `target`, replacing it whole (it must be absent, empty, or
    an earlier report), with the Data Docs of every validation `validator` ran."""
    target = Path(target)
    check_replaceable(target)
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    building = parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}"
    building.mkdir()
    try:
        datadocs.escape_results(validator)
        validator.build_docs(building / "gx")
        datadocs.make_offline(building / "gx")
        write_pages(result, building, datadocs.links(validator, result.validations))
        (building / MARKER).write_text("Written by copydesk (check --docs); replaced whole by the next run.\n",
                                       encoding="utf-8")
        _replace(target, building)
    finally:
        shutil.rmtree(building, ignore_errors=True)  # the old report, after a swap
    return target


def check_replaceable(target: Path) -> None:
    """A report replaces only a folder that is absent, empty, or an earlier report."""
    if target.exists() and not (target.is_dir() and (not any(target.iterdir()) or (target / MARKER).exists())):
        raise ReportError(f"{target}: exists and is not a copydesk report; not replaced (remove it, or choose another folder)")


def _replace(target: Path, new: Path) -> None:
    """Put `new` in `target`'s place; `new` then holds the old report, if any."""
    if not target.exists():
        new.rename(target)
    elif not _exchange(new, target):  # two renames: for an instant, no report at all, never half of one
        old = new.with_name(new.name + "-old")
        target.rename(old)
        new.rename(target)
        old.rename(new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where that is unavailable."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def write_pages(result, folder: Path, gx: dict[str, str]) -> None:
    """copydesk's own pages; `gx` maps rule codes to their place in the Data Docs (under folder/gx)."""
    (folder / "articles").mkdir()
    (folder / "assets").mkdir()
    for name in ("copydesk.css", "copydesk.js"):
        shutil.copyfile(ASSETS / name, folder / "assets" / name)
    languages = dict(zip(result.extraction.documents["doc_id"], result.extraction.documents["language"]))
    table = ledger(result)
    columns = [c for c in table.columns if c not in ("path", "language")]
    # The ledger keeps the facts' order (one row a fact): its rows, as text, by their documents' ids.
    doc_ids = result.extraction.facts["doc_id"].to_numpy()
    assert len(doc_ids) == len(table)
    facts_by_doc: dict[int, list[list[str]]] = {}
    for doc_id, values in zip(doc_ids, table[columns].itertuples(index=False, name=None)):
        facts_by_doc.setdefault(int(doc_id), []).append([_cell(v) for v in values])
    by_doc: dict[int, list] = {}
    for f in result.findings:
        by_doc.setdefault(f.doc_id, []).append(f)

    rows = []
    for doc in result.documents:
        findings = sorted(by_doc.get(doc.doc_id, []), key=lambda f: (f.start, f.end, f.rule))
        facts = facts_by_doc.get(doc.doc_id, [])
        file = f"{doc.doc_id}-{_slug(doc.path)}.html"
        language = languages.get(doc.doc_id, "")
        (folder / "articles" / file).write_text(
            _article(doc, language, findings, facts, columns, gx), encoding="utf-8")
        counts = Counter(f.severity for f in findings)
        rows.append({"path": doc.path, "file": file, "language": language, "findings": len(findings),
                     "facts": len(facts), "counts": counts})

    counts = Counter(f.severity for f in result.findings)
    rules = {r.code: r for r in result.rules}
    per_rule = Counter(f.rule for f in result.findings)
    docs_per_rule = Counter(rule for rule, _ in {(f.rule, f.doc_id) for f in result.findings})
    by_rule = [{"code": code, "name": rules[code].name if code in rules else "", "findings": n,
                "documents": docs_per_rule[code],
                "severity": next(f.severity for f in result.findings if f.rule == code)}
               for code, n in sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))]
    (folder / "index.html").write_text(_template(INDEX).render(
        lang="en", csp=Markup(CSP), up="", title="copydesk report", docs=rows, total=len(result.findings),
        severities=[s for s in SEVERITIES if counts[s]], severity_columns=SEVERITIES, counts=counts,
        labels={"error": "Errors", "warning": "Warnings", "info": "Info"},
        errors=result.errors, rules=by_rule,
        written=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    ), encoding="utf-8")


def _article(doc, language: str, findings: list, facts: list[list[str]], columns: list[str],
             gx: dict[str, str]) -> str:
    by_rule = Counter((f.severity, f.rule, f.name) for f in findings)
    summary = [{"severity": s, "code": c, "name": n, "count": k}
               for (s, c, n), k in sorted(by_rule.items(), key=lambda item: (RANK.get(item[0][0], 9), item[0][1]))]
    # Columns empty for every fact of this document are left out; facts a finding points at are flagged.
    keep = [i for i in range(len(columns)) if any(row[i] for row in facts)]
    shown = [columns[i] for i in keep]
    start, end = columns.index("start"), columns.index("end")
    spans = {(str(f.start), str(f.end)) for f in findings}
    rows = [(n, *(row[i] for i in keep)) for n, row in enumerate(facts)]
    flagged = {n for n, row in enumerate(facts) if (row[start], row[end]) in spans}
    return _template(ARTICLE).render(
        lang=language or "und", csp=Markup(CSP), up="../", title=doc.path, doc=doc, language=language or "?",
        findings=findings, by_rule=summary, gx=gx, article=annotate(doc.text, findings),
        columns=shown, facts=rows, flagged=flagged,
    )


def annotate(text: str, findings: list) -> Markup:
    """The text, escaped, with each finding highlighted where it stands. Findings may overlap or nest:
    the text is cut at every finding's start and end, and each piece is marked with the findings
    covering it (`data-findings`, 1-based numbers as in the findings table; the worst severity gives
    its colour). A finding's number follows its end, linking to its row; an anchor marks its start."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for n, f in enumerate(findings, 1):
        starts.setdefault(f.start, []).append(n)
        ends.setdefault(f.end, []).append(n)
    points = sorted({0, len(text), *starts, *ends})
    out, active = [], []
    for i, point in enumerate(points):
        for n in ends.get(point, []):
            if n in active:
                active.remove(n)
        for n in ends.get(point, []):
            f = findings[n - 1]
            if f.start == f.end:  # nothing to highlight: a marker where it stands
                out.append(f'<span id="f-{n}"></span><mark class="hl empty sev-{f.severity}" data-findings="{n}" '
                           f'title="{_title([f])}"></mark>')
            out.append(f'<a class="ref sev-{f.severity}" href="#finding-{n}">{n}</a>')
        for n in starts.get(point, []):
            f = findings[n - 1]
            if f.start < f.end:
                out.append(f'<span id="f-{n}"></span>')
                active.append(n)
        if i + 1 == len(points):
            break
        piece = escape(text[point:points[i + 1]], quote=False)
        if active:
            covering = [findings[n - 1] for n in active]
            worst = min(covering, key=lambda f: RANK.get(f.severity, 9)).severity
            overlap = " overlap" if len(active) > 1 else ""
            out.append(f'<mark class="hl sev-{worst}{overlap}" data-findings="{" ".join(map(str, sorted(active)))}" '
                       f'title="{_title(covering)}">{piece}</mark>')
        else:
            out.append(piece)
    return Markup("".join(out))


def _title(findings: list) -> str:
    return escape("\n".join(f"{f.rule} {f.name} ({f.severity}): {f.message}" for f in findings), quote=True)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        # Thousands separated from 10,000 up: years and small counts read as written.
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
        return f"{value:.6g}"
    return str(value)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")[:60] or "document"
