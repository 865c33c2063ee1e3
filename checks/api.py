"""The library API: everything `check` does, callable from tests and other programs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extraction, Extractor
from .findings import Finding, findings
from .relate import relate
from .rules import REGISTRY_FILE, Rule, Suite, load_registry, load_suites
from .source import Document, InputError, read_document

# What a folder given as input contributes.
TEXT_SUFFIXES = {".txt", ".md", ".text"}


@dataclass
class Result:
    documents: list[Document]
    extraction: Extraction
    findings: list[Finding]
    errors: list[str] = field(default_factory=list)  # inputs that could not be read, one line each
    rules: list[Rule] = field(default_factory=list)  # the rules the run applied

    def findings_for(self, doc_id: int) -> list[Finding]:
        return [f for f in self.findings if f.doc_id == doc_id]


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; folders replaced by the text files under them, in order."""
    expanded = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            expanded.extend(str(f) for f in sorted(p.rglob("*")) if f.suffix in TEXT_SUFFIXES and f.is_file())
        else:
            expanded.append(path)
    return expanded


class Checker:
    """Rules and registry loaded, GX suites compiled, once; then any number of checks."""

    def __init__(self, rules_dir: Path | None = None, language: str | None = None, docs_dir: Path | None = None,
                 entities: list[Path] = (), published: str = ""):
        self.suites: list[Suite] = load_suites(rules_dir)
        registry = load_registry(rules_dir / REGISTRY_FILE if rules_dir else None, extra=list(entities))
        self.extractor = Extractor(registry)
        self.language = language
        self.published = published
        self.docs_dir = docs_dir
        self._validator = None

    @property
    def validator(self):
        if self._validator is None:
            from .validate import Validator  # imports Great Expectations

            self._validator = Validator(self.suites, self.docs_dir)
        return self._validator

    def check_documents(self, documents: list[Document], errors: list[str] | None = None) -> Result:
        extraction = self.extractor.extract(documents, self.language, self.published)
        tables = relate(extraction, {suite.table for suite in self.suites})
        violations = self.validator.run(tables)
        return Result(documents, extraction, findings(violations, tables, {d.doc_id: d for d in documents}), errors or [],
                      [rule for suite in self.suites for rule in suite.rules])

    def write_docs(self) -> None:
        """Build the Data Docs of every validation run so far (once per run, not per article)."""
        self.validator.build_docs()

    def check_paths(self, paths: list[str]) -> Result:
        documents, errors = [], []
        for path in expand_paths(paths):
            try:
                documents.append(read_document(len(documents), path))
            except InputError as e:
                errors.append(str(e))
        return self.check_documents(documents, errors)

    def check_texts(self, texts: list[str]) -> Result:
        return self.check_documents([Document(i, f"<text {i}>", t) for i, t in enumerate(texts)])
