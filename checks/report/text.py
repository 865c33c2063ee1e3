"""Terminal output: one line a finding, `path:line:col: CODE severity message`, then a summary."""

from __future__ import annotations

import click

from ..model import Result
from . import summary

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(result: Result) -> str:
    paths = {doc.doc_id: doc.path for doc in result.documents}
    lines = []
    for f in result.findings:
        where = click.style(f"{paths[f.doc_id]}:{f.line}:{f.column}:", bold=True)
        severity = click.style(f.severity, fg=COLOURS[f.severity])
        hint = f" (suggest: {f.suggestion})" if f.suggestion else ""
        lines.append(f"{where} {f.rule} {severity} {f.message}{hint} [{f.name}]")
    s = summary(result)
    counts = ", ".join(f"{n} {sev}{'s' if n > 1 else ''}" for sev, n in s["by_severity"].items())
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    lines.append(f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} ({counts}) in {files}" if counts else f"no findings in {files}")
    return "\n".join(lines)
