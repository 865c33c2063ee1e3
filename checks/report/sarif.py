"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..model import Result

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Categories whose suggestion is a literal replacement for the finding's text (a name); other
# suggestions (an implied amount, a rate) say what a figure implies, not which figure is wrong.
FIXABLE = {"entity-spelling", "entity-consistency"}
# Characters either side, within the finding's line, that its fingerprint hashes: a finding keeps its
# identity through edits to other lines and paragraphs, which shift its line number.
CONTEXT = 20


def uri(path: str) -> str:
    """A document path as a URI reference: relative paths stay relative, absolute ones become file URIs."""
    if path == "<stdin>":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()
    if os.altsep:
        path = path.replace(os.altsep, "/")
    # ':' is encoded too, so that "a:b.txt" is not read as a scheme.
    return quote(path.replace(os.sep, "/"), safe="/")


def _fingerprint(text: str, f) -> str:
    before = re.split(r"[\r\n]", text[max(0, f.start - CONTEXT):f.start])[-1]
    after = re.split(r"[\r\n]", text[f.end:f.end + CONTEXT])[0]
    key = "\0".join([f.rule, f.text, " ".join(before.split()), " ".join(after.split())])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def render(result: Result) -> str:
    documents = {doc.doc_id: (i, doc) for i, doc in enumerate(result.documents)}
    rule_index = {}  # -1, SARIF's "none", for a rule the run did not list
    for i, rule in enumerate(result.rules):
        rule_index.setdefault(rule.code, i)
    seen = Counter()  # identical fingerprints in one document are told apart by their order
    results = []
    for f in result.findings:
        index, doc = documents[f.doc_id]
        end_line, end_column = doc.line_col(f.end)
        region = {"startLine": f.line, "startColumn": f.column, "endLine": end_line, "endColumn": end_column,
                  "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.text}}
        location = {"uri": uri(doc.path), "index": index}
        hint = f" (suggest: {f.suggestion})" if f.suggestion else ""
        digest = _fingerprint(doc.text, f)
        seen[f.doc_id, digest] += 1
        item = {"ruleId": f.rule, "ruleIndex": rule_index.get(f.rule, -1), "level": LEVELS[f.severity],
                "message": {"text": f.message + hint},
                "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
                "partialFingerprints": {"copydesk/v1": f"{digest}:{seen[f.doc_id, digest]}"}}
        if f.suggestion and f.category in FIXABLE:
            item["fixes"] = [{"description": {"text": f"Replace with '{f.suggestion}'"},
                              "artifactChanges": [{"artifactLocation": location, "replacements": [
                                  {"deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                                   "insertedContent": {"text": f.suggestion}}]}]}]
        results.append(item)
    rules = [
        {"id": r.code, "name": r.name,
         "shortDescription": {"text": " ".join(r.description.split())},
         "fullDescription": {"text": " ".join(r.description.split())},
         "defaultConfiguration": {"level": LEVELS[r.severity]},
         "properties": {"category": r.category, "tags": [r.category]}}
        for r in result.rules
    ]
    # Inputs that could not be read are reported, not silently dropped.
    notifications = [{"level": "error", "message": {"text": e}} for e in result.errors]
    run = {
        "tool": {"driver": {"name": "copydesk", "version": __version__, "rules": rules}},
        "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
        "artifacts": [{"location": {"uri": uri(doc.path)}} for doc in result.documents],
        # Our columns count Python characters (code points), not SARIF's default UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
