"""The house has no back doors: a module of copydesk imports only from its own layer and the layers
below it, and never hides an import of copydesk inside a function (a hidden import is how a cycle
goes unseen). Imports under `if TYPE_CHECKING:` are annotations only and never run: they are left out.
Functions may import heavy third-party packages lazily (Great Expectations, markdown-it, jinja2)."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "checks"
# Lowest first. A module of a layer may import from its own layer and from the layers below it.
LAYERS = [
    {"", "model"},  # the package itself (its version) and what the stages pass to each other
    {"rules", "words"},  # declarations: rule files, the registry, word lists
    {"render"},
    {"source"},
    {"extract"},
    {"relations"},
    {"validate"},
    {"findings"},
    {"waivers"},
    {"report"},
    {"config"},
    {"api"},
    {"cli", "__main__"},
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}
# The command line imports late so that `check --help` and `--version` load neither pandas nor GX.
LATE_IMPORTS_ALLOWED = {"cli"}


def stage(module: str) -> str:
    """The top-level module or package of checks a dotted name belongs to ("" for the package itself)."""
    parts = module.split(".")
    if len(parts) < 2 or not ((PACKAGE / parts[1]).is_dir() or (PACKAGE / f"{parts[1]}.py").is_file()):
        return ""  # `from .. import __version__`: a name of the package, not a module
    return parts[1]


def imports(source: str, module: str, is_package: bool = False):
    """(line, imported module, inside a function) for each import of checks in `source`, the code of
    `module`, leaving out imports under `if TYPE_CHECKING:`."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []

    def visit(node, in_function):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for child in node.orelse:
                visit(child, in_function)
            return
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            if node.module:
                names = [".".join([*base, node.module])]
            else:  # from . import a, b: modules or names of the package
                names = [".".join([*base, alias.name]) for alias in node.names]
        else:
            inner = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            for child in ast.iter_child_nodes(node):
                visit(child, inner)
            return
        found.extend((node.lineno, name, in_function) for name in names if name.split(".")[0] == "checks")

    visit(ast.parse(source), False)
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        yield path, ".".join(parts[:-1] if is_package else parts), is_package


def broken_rules(path: Path, module: str, is_package: bool) -> list[str]:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    own = stage(module)
    problems = []
    for line, name, in_function in imports(path.read_text(encoding="utf-8"), module, is_package):
        target = stage(name)
        if target not in LAYER:
            continue  # reported by test_every_module_is_in_a_layer
        if LAYER[target] > LAYER[own]:
            problems.append(f"{where}:{line} imports {name}: {target} is above {own or 'checks'}")
        if in_function and own not in LATE_IMPORTS_ALLOWED:
            problems.append(f"{where}:{line} imports {name} inside a function: import it at the top")
    return problems


def test_every_module_is_in_a_layer():
    assert sorted({stage(module) for _, module, _ in modules()} - set(LAYER)) == []


def test_modules_import_only_their_layer_or_below_and_at_the_top():
    problems = [problem for path, module, is_package in modules() if stage(module) in LAYER
                for problem in broken_rules(path, module, is_package)]
    assert problems == []


def test_an_import_upward_or_hidden_in_a_function_is_seen(tmp_path):
    """The rule itself: what the house had before (the report importing the API, source reading
    importing markup inside a function) is caught; a lazy third-party import and annotations are not."""
    report = tmp_path / "html.py"
    report.write_text("from typing import TYPE_CHECKING\nfrom ..api import REPORT_MARKER\n"
                      "if TYPE_CHECKING:\n    from ..api import Checker\n", encoding="utf-8")
    source = tmp_path / "source.py"
    source.write_text("def read():\n    from . import markup\n    import markdown_it\n", encoding="utf-8")
    assert broken_rules(report, "checks.report.html", False) == [f"{report}:2 imports checks.api: api is above report"]
    assert broken_rules(source, "checks.source", True) == [
        f"{source}:2 imports checks.source.markup inside a function: import it at the top"]
