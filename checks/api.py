"""The library API: everything `check` does, callable from tests and other programs."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from . import extract
from .config import DEFAULT_INCLUDE, Settings
from .extract import Extraction, Extractor, concat_frames
from .findings import findings
from .model import REPORT_MARKER, Document, InputError, Result
from .relations import TABLES, relate
from .report import html
from .rules import REGISTRY_FILE, Suite, configured, load_registry, load_suites
from .source import read_document
from .validate import Validator
from .waivers import Waiver, apply, load_waivers
from .words import load_words


# Batches this large or larger, per core, are split across the machine's cores.
PARALLEL_BATCH = 64
PART_SIZE = 2048  # documents: bounds a worker's memory (1,070 BBC articles: 285 MB peak, most of it shared)
_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
_FORK = multiprocessing.get_context("fork") if _CAN_FORK else None


def expand_paths(paths: list[str], include: list[str] = DEFAULT_INCLUDE, exclude: list[str] = (),
                 outputs: list[Path] = ()) -> list[str]:
    """Files as given; folders replaced by the files under them whose names match `include`, in
    order, leaving out this run's `outputs` and reports copydesk wrote there before; any path
    matching an `exclude` glob left out (globs match the path as written, or its end: "drafts/*"
    leaves out news/drafts/a.txt)."""
    outputs = [Path(o).resolve() for o in outputs]

    def excluded(path: str) -> bool:
        posix = Path(path).as_posix()
        return any(fnmatch(posix, g) or fnmatch(posix, f"*/{g}") for g in exclude)

    expanded = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found = sorted(p.rglob("*"))
            skipped = {f.parent.resolve() for f in found if f.name == REPORT_MARKER} | set(outputs)
            expanded.extend(str(f) for f in found
                            if any(fnmatch(f.name, g) for g in include) and f.is_file() and not excluded(str(f))
                            and not (skipped and not skipped.isdisjoint((resolved := f.resolve(), *resolved.parents))))
        elif not excluded(path):
            expanded.append(path)
    return expanded


def configured_suites(settings: Settings) -> list[Suite]:
    """The rule suites as the settings choose and tune them, each checked against its table."""
    return configured(load_suites(settings.rules_dir, settings.extra_rules, TABLES),
                      settings.select, settings.exclude, settings.severity, settings.thresholds)


class Checker:
    """Rules and registry loaded, GX suites compiled, once; then any number of checks."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings = settings or Settings()
        self.suites = configured_suites(settings)
        self.waivers: list[Waiver] = load_waivers(Path(settings.waivers)) if settings.waivers else []
        # The registry is read now, so that a bad one stops the run before any article is read.
        self.registry = load_registry(Path(settings.rules_dir) / REGISTRY_FILE if settings.rules_dir else None,
                                      extra=[Path(p) for p in settings.entities])
        # The shipped word lists, the newsroom's, and the cue words the rules' relations bring (same reason).
        self.words = load_words([Path(p) for p in settings.words],
                                [(Path(s.path), s.words) for s in self.suites if s.words])
        self.outputs = [*settings.outputs, *([settings.docs_dir] if settings.docs_dir else [])]
        self._extractor = None
        self._validator = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(self.registry, self.words)
        return self._extractor

    @property
    def validator(self) -> Validator:
        if self._validator is None:  # imports Great Expectations
            self._validator = Validator(self.suites, self.settings.docs_dir)
        return self._validator

    def check_documents(self, documents: list[Document], errors: list[str] | None = None) -> Result:
        extraction, tables = self._extract_and_relate_while_gx_loads(documents)
        docs = extraction.documents
        errors = [*(errors or []), *(f"{path}: not fully checked: extraction stopped after {extract.DOCUMENT_TIME_LIMIT:g} s"
                                     for path in docs.loc[~docs["complete"], "path"])]
        # With nothing to check, GX is not even imported (unless Data Docs are asked for).
        violations = self.validator.run(tables) if documents or self.settings.docs_dir else []
        by_id = {d.doc_id: d for d in documents}
        languages = dict(zip(docs["doc_id"], docs["language"]))
        kept, unused = apply(findings(violations, tables, by_id, languages), by_id, self.waivers)
        return Result(documents, extraction, kept, errors, [rule for suite in self.suites for rule in suite.rules],
                      unused, dict(self._validator.last_run) if self._validator else {})

    def extract_and_relate(self, documents: list[Document]) -> tuple[Extraction, dict]:
        extraction = self.extractor.extract(documents, self.settings.language, self.settings.published)
        return extraction, self.relate(extraction)

    def relate(self, extraction: Extraction) -> dict:
        """The tables the rules check, each relation computed with its suite's parameters."""
        return relate(extraction, {suite.table: {name: p.value for name, p in suite.parameters.items()}
                                   for suite in self.suites})

    def _extract_and_relate_while_gx_loads(self, documents: list[Document]) -> tuple[Extraction, dict]:
        """Extraction and relations in a forked child while the parent imports Great Expectations
        (about 2 s of one core) and compiles the suites, so that one article costs little more than
        that import. A large batch is split in parts across the machine's cores: the child first
        compiles the extraction patterns and loads the word lists, once, then forks the workers,
        which share them. Relations never cross documents, so each part's tables are computed apart
        and concatenated."""
        parts = max(1, min(os.cpu_count() or 1, len(documents) // PARALLEL_BATCH))
        if not documents or (parts == 1 and self._validator is not None) or not _CAN_FORK:
            return self.extract_and_relate(documents)
        importing = self._validator is None
        result = _forked(lambda: self._extract_and_relate_in_parts(documents, parts) if parts > 1
                         else self._extract_and_relate_apart(documents))
        self.validator  # noqa: B018 (imported and compiled here, in the parent, meanwhile)
        if importing:
            gc.freeze()  # GX's objects live as long as the process: full collections need not walk them
        return result()

    def _extract_and_relate_in_parts(self, documents: list[Document], parts: int) -> tuple[Extraction, dict]:
        """In the forked child: the batch in parts, one forked worker for every `parts`-th part."""
        self.extractor.warm_up()
        gc.freeze()  # what the workers share is never collected: not walked, and its pages not copied
        # As few parts as workers, each at most PART_SIZE documents (a worker's peak memory): each part
        # pays fixed costs (relating its tables alone is about 0.25 s of pandas calls, whatever its size).
        count = parts * -(-len(documents) // (parts * PART_SIZE))
        size = -(-len(documents) // count)
        batches = [documents[i:i + size] for i in range(0, len(documents), size)]
        workers = [_forked(lambda mine=batches[k::parts]: [self._extract_and_relate_apart(b) for b in mine])
                   for k in range(parts)]
        by_worker = [result() for result in workers]
        done = [by_worker[i % parts][i // parts] for i in range(len(batches))]
        extraction = Extraction.concat([e for e, _ in done])
        # The tables of facts and paragraphs are the extraction's own: concatenated, and sent back, once.
        base = {"facts": extraction.facts, "paragraphs": extraction.paragraphs}
        tables = {name: base[name] if name in base else concat_frames([t[name] for _, t in done]) for name in done[0][1]}
        return extraction, tables

    def _extract_and_relate_apart(self, documents: list[Document]) -> tuple[Extraction, dict]:
        # In a forked process: garbage is collected once a part rather than every few hundred allocations.
        gc.disable()
        try:
            return self.extract_and_relate(documents)
        finally:
            gc.collect()

    def write_docs(self, result: Result, into: Path | None = None) -> Path:
        """Write the reports of `result` into `into` (default: docs_dir), replacing the folder in one
        step: copydesk's annotated pages and index, and the Data Docs of every validation run so far
        (built once per run, not per article), offline."""
        return html.write(result, self.validator, Path(into or self.settings.docs_dir))

    def check_paths(self, paths: list[str], stdin_name: str | None = None) -> Result:
        """Check files, folders and `-` (stdin, reported as `stdin_name` when given)."""
        include, documents, errors = self.settings.include, [], []
        for given in paths:
            files = expand_paths([given], include, self.settings.exclude_paths, self.outputs)
            if not files and given != "-" and Path(given).is_dir():
                errors.append(f"{given}: no file to check in this folder (looked for {' '.join(include)})")
            for path in files:
                try:
                    documents.append(read_document(len(documents), path, stdin_name))
                except InputError as e:
                    errors.append(str(e))
        return self.check_documents(documents, errors)

    def check_texts(self, texts: list[str]) -> Result:
        return self.check_documents([Document(i, f"<text {i}>", t) for i, t in enumerate(texts)])


def _forked(work: Callable[[], Any]) -> Callable[[], Any]:
    """Start `work` in a forked child, which inherits this process's memory (the checker, the
    documents: nothing is pickled on the way in); return the function that waits for its result,
    which comes back through a pipe (see _send), or raises what `work` raised. Ctrl-C reaches the whole
    process group: the child leaves at once and silently, and the parent says "interrupted"."""
    receiving, sending = _FORK.Pipe(duplex=False)

    def child() -> None:
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        try:
            outcome = (work(), None)
        except BaseException as e:  # raised in the parent, never printed here
            outcome = (None, e)
        try:
            _send(sending, outcome)
        except Exception as e:  # an answer that cannot be pickled
            _send(sending, (None, ChildProcessError(f"{type(e).__name__}: {e}")))

    process = _FORK.Process(target=child)
    process.start()
    sending.close()  # the child's copy stays open: reading ends when the child's does

    def result() -> Any:
        try:
            value, error = _received(receiving)
        except EOFError:
            process.join()
            if process.exitcode == 130:  # Ctrl-C reached the child first: the parent's is on its way
                raise KeyboardInterrupt from None
            raise ChildProcessError(f"a checking process ended without an answer (exit code {process.exitcode})") from None
        finally:
            receiving.close()
            process.join()
        if error is not None:
            raise error
        return value

    return result


def _send(connection, value: Any) -> None:
    """`value` pickled, but for its arrays (NumPy's and Arrow's: a DataFrame's columns), which are
    written to the pipe from where they lie and read back into buffers of their own. Pickled whole,
    the tables of 19,000 articles (90 MB) would be held twice on each side of the pipe."""
    buffers = []
    head = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raw = [b.raw() for b in buffers]
    connection.send((head, [len(r) for r in raw]))
    for r in raw:
        connection.send_bytes(r)


def _received(connection) -> Any:
    head, sizes = connection.recv()
    buffers = []
    for size in sizes:
        buffers.append(bytearray(size))  # writable, as the arrays unpickled from it must be
        connection.recv_bytes_into(buffers[-1])
    return pickle.loads(head, buffers=buffers)
