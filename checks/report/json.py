"""`--format json`: the copydesk/findings/v1 contract of DESIGN.md."""

from __future__ import annotations

import json

from ..model import Result
from . import summary

SCHEMA = "copydesk/findings/v1"


def render(result: Result) -> str:
    facts = result.extraction.facts.groupby("doc_id").size().to_dict()  # a dict: looked up for every file
    languages = dict(zip(result.extraction.documents["doc_id"], result.extraction.documents["language"]))
    files = [
        {
            "path": doc.path,
            "language": languages[doc.doc_id],
            "facts": int(facts.get(doc.doc_id, 0)),
            "findings": [f.as_dict() for f in result.findings_for(doc.doc_id)],
        }
        for doc in result.documents
    ]
    # "errors": what could not be read or fully checked, one line each, as on stderr (added to v1;
    # a file that could not be read has no entry in "files").
    return json.dumps({"schema": SCHEMA, "files": files, "errors": result.errors, "summary": summary(result)},
                      ensure_ascii=False, indent=2)
