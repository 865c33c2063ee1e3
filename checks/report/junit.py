"""`--format junit`: JUnit XML for CI test reporters (Jenkins, GitLab, GitHub test-report actions).

One testcase a document: passed when clean, one `<failure type="CODE">` a finding otherwise, and the
document's findings again in `<system-out>` (some reporters show only a testcase's first failure).
A document that could not be read is a testcase with an `<error>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Result

# Characters XML 1.0 cannot hold, even escaped (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    return _ILLEGAL.sub("", s)


def _line(path: str, f) -> str:
    hint = f" (suggest: {f.suggestion})" if f.suggestion else ""
    return f"{path}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message}{hint} [{f.name}]"


def render(result: Result) -> str:
    failed = sum(1 for doc in result.documents if result.findings_for(doc.doc_id))
    counts = {"tests": str(len(result.documents) + len(result.errors)), "failures": str(failed),
              "errors": str(len(result.errors)), "skipped": "0"}
    root = ET.Element("testsuites", name="copydesk", **counts)
    suite = ET.SubElement(root, "testsuite", name="copydesk", **counts)
    for doc in result.documents:
        case = ET.SubElement(suite, "testcase", classname="copydesk", name=_clean(doc.path))
        lines = [_clean(_line(doc.path, f)) for f in result.findings_for(doc.doc_id)]
        for f, line in zip(result.findings_for(doc.doc_id), lines):
            failure = ET.SubElement(case, "failure", type=f.rule, message=_clean(f"{f.severity}: {f.message}"))
            failure.text = line
        if lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    for error in result.errors:
        # Input errors are one line that starts with the path: "PATH: no such file".
        path, _, reason = error.rpartition(": ")
        case = ET.SubElement(suite, "testcase", classname="copydesk", name=_clean(path or error))
        ET.SubElement(case, "error", type="InputError", message=_clean(reason or error)).text = _clean(error)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
