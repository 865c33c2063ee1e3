"""`--format github`: GitHub Actions workflow commands, one annotation a finding, then the summary.

`::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message`. The last line is
the plain summary of the text format (it does not start with `::`, so the runner just logs it).
"""

from __future__ import annotations

from ..model import Result
from . import text

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """As @actions/core's escapeData: a message cannot break out of its line."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """As @actions/core's escapeProperty: also ':' and ',', which end the properties."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(result: Result) -> str:
    documents = {doc.doc_id: doc for doc in result.documents}
    lines = []
    for f in result.findings:
        doc = documents[f.doc_id]
        end_line, end_column = doc.line_col(f.end)
        properties = {"file": doc.path, "line": f.line, "col": f.column, "endLine": end_line,
                      "endColumn": end_column, "title": f"{f.rule} {f.name}"}
        hint = f" (suggest: {f.suggestion})" if f.suggestion else ""
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
        lines.append(f"::{COMMANDS[f.severity]} {joined}::{escape_data(f.message + hint)}")
    lines.append(text.render(result).splitlines()[-1])  # the text format's summary, unstyled
    return "\n".join(lines)
