"""Great Expectations' Data Docs made readable offline and safe to open.

GX 1.24's pages load their styles and scripts from CDNs and a logo from S3, and print the unexpected
values of a column (article text, for the boilerplate rules) into the page unescaped. Here: the
stored results' values are escaped before the build; after it, the CDN files are replaced by the
copies vendored in assets/datadocs/ (same packages and versions, from npm; licences beside them),
and each page gets a Content-Security-Policy that lets only GX's own scripts run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from pathlib import Path

ASSETS = Path(__file__).parent / "assets" / "datadocs"
VENDOR = "static/vendor"  # where the vendored files go inside the GX site

# Every remote script and stylesheet GX's templates load -> the vendored file (None: left out).
REMOTE = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/bootstrap.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/jquery.min.js",
    # Bootstrap's dropdowns need it: bootstrap-table's page-size menu.
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/popper.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table/bootstrap-table-filter-control.min.js",
    # GX asks for 1.19.0's stylesheet, minified on the index: 1.19.1's .css is byte-identical to 1.19.0's.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table/bootstrap-table-filter-control.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table/bootstrap-table-filter-control.css",
    # The index page's run-time filter is a date picker.
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker/bootstrap-datepicker.min.js",
    # The package's own minified build of the same stylesheet (153 kB instead of 883 kB).
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "bootstrap-dark/bootstrap-prefers-dark.min.css",
    # GX's icons are all solid ones: only fa-solid-900.woff2 is vendored beside the stylesheet.
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",
    # Vega draws the charts of distribution expectations, which copydesk's rules do not use.
    "https://cdn.jsdelivr.net/npm/vega@5": None,
    "https://cdn.jsdelivr.net/npm/vega-lite@5": None,
    "https://cdn.jsdelivr.net/npm/vega-embed@6": None,
}

_TAG = re.compile(r'<(script|link)\b[^>]*?\b(?:src|href)="(https?://[^"]*)"[^>]*>(?:\s*</script>)?', re.IGNORECASE)
_LOGO = re.compile(r"https://great-expectations-web-assets\.s3[^\"')\s]*")
_FAVICON = re.compile(r'href="[./]*static/images/favicon\.ico"')
_STATIC = re.compile(r"(static/(?:images|fonts|styles)/[\w./-]+)")
_INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_HANDLER = re.compile(r'\son\w+="([^"]*)"', re.IGNORECASE)
# The only event-handler attributes GX writes: its buttons' calls.
_GX_HANDLER = re.compile(r"(?:showAllValidations|hideSucceededValidations)\(\)|clearTableFilters\('[\w-]+'\)")

GX_CSP = ("default-src 'none'; script-src 'self' 'unsafe-hashes' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'")


def escape_results(validator) -> None:
    """HTML-escape the values in the stored results GX's pages print (GX writes its unexpected-values
    tables as raw HTML). Done once per result: the store keeps what is set back."""
    store = validator.context.validation_results_store
    done = validator.__dict__.setdefault("_escaped", set())  # keys escaped already, kept on the validator
    for key in store.list_keys():
        if key.to_tuple() in done:
            continue
        result = store.get(key)
        for evr in result.results:
            evr.result = _escaped(evr.result)
        store.set(key, result)
        done.add(key.to_tuple())


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _norm(script: str) -> str:
    return " ".join(script.split())


def _template_scripts() -> set[str]:
    """GX's fixed inline scripts, from its templates: those with no template code inside."""
    from great_expectations.render import view

    scripts = set()
    for template in (Path(view.__file__).parent / "templates").glob("*.j2"):
        for body in _INLINE.findall(template.read_text(encoding="utf-8")):
            if "{{" not in body and "{%" not in body:
                scripts.add(_norm(body))
    return scripts


def make_offline(site: Path) -> None:
    """Copy the vendored assets into the built site and point every page at them."""
    shutil.copytree(ASSETS, site / VENDOR)
    trusted = _template_scripts()
    used = set()
    for page in site.rglob("*.html"):
        relative = page.relative_to(site)
        up = "../" * (len(relative.parts) - 1)
        text = page.read_text(encoding="utf-8")
        text = _TAG.sub(lambda m, up=up: _local(m, up), text)
        text = _LOGO.sub(f"{up}static/images/logo-long.png", text)
        text = _FAVICON.sub(f'href="{up}static/images/favicon.ico"', text)  # GX's path is one level short on validation pages
        # Inline scripts allowed by hash: GX's fixed ones, and on the site's index (suite and run names
        # only, never article text) the tables' set-up. A script that came in with article text is not.
        hashes = {_sha256(s) for s in _INLINE.findall(text) if _norm(s) in trusted or relative.parts == ("index.html",)}
        hashes |= {_sha256(h) for h in _HANDLER.findall(text) if _GX_HANDLER.fullmatch(h)}
        csp = GX_CSP.format(hashes=" ".join(sorted(hashes)))
        text = text.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
        page.write_text(text, encoding="utf-8")
        used |= set(_STATIC.findall(text))
    # GX copies its fonts and tutorial animations (3.9 MB) into every site; the pages use two images.
    for file in sorted((site / "static").rglob("*"), reverse=True):  # files before their folders
        relative = file.relative_to(site).as_posix()
        if file.is_file() and not relative.startswith(VENDOR + "/") and relative not in used:
            file.unlink()
        elif file.is_dir() and not any(file.iterdir()):
            file.rmdir()


def _local(match: re.Match, up: str) -> str:
    tag, url = match.group(1).lower(), match.group(2)
    local = REMOTE.get(url)
    if local is None:  # left out, or unknown: never a remote load
        return ""
    href = f"{up}{VENDOR}/{local}"
    return f'<script src="{href}"></script>' if tag == "script" else f'<link rel="stylesheet" href="{href}">'


def links(validator, validations: dict) -> dict[str, str]:
    """Rule code -> its expectation's place in the Data Docs: the suite's validation page (relative to
    the site) with the anchor of the expectation's row. GX's page lists the results column by column
    (columns in alphabetical order, after the overview), in the order of the result."""
    store = validator.context.validation_results_store
    found = {}
    for key in validations.values():
        page = "validations/" + "/".join(key.to_tuple()) + ".html"
        results = store.get(key).results
        columns = sorted({r.expectation_config.kwargs["column"] for r in results if "column" in r.expectation_config.kwargs})
        first = 2 + any("column" not in r.expectation_config.kwargs for r in results)
        rows: dict[str, int] = {}
        for r in results:
            column = r.expectation_config.kwargs.get("column")
            rows[column] = rows.get(column, 0) + 1
            meta = r.expectation_config.meta or {}
            if column is not None and "code" in meta and not meta.get("guard"):
                section = first + columns.index(column)
                found[meta["code"]] = f"{page}#section-{section}-content-block-2-cell-{rows[column]}-1"
    return found
