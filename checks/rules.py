"""Rule suites and the entity registry: the YAML under `rules/`, loaded and checked.

Every stage reads these declarations; none of them depends on a stage.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import string
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .model import LANGUAGES, SEVERITIES

CATEGORIES = (
    "percent-range",
    "arithmetic",
    "value-conflict",
    "entity-spelling",
    "entity-consistency",
    "date",
    "boilerplate",
)
REGISTRY_FILE = "registry.yml"


class RuleFileError(Exception):
    """A rule file or registry that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Template:
    """A message (or suggestion) in each language; `when` (column -> value) picks it for some rows only."""
    en: str
    fr: str
    when: dict[str, Any] = field(default_factory=dict)

    def applies(self, row: dict) -> bool:
        return all(row.get(column) == value for column, value in self.when.items())


@dataclass(frozen=True)
class Parameter:
    name: str
    value: Any  # the default of the rule file, or the configured value
    description: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    description: str
    table: str
    where: dict[str, Any]
    expect: dict[str, Any]
    message: tuple[Template, ...]
    suggestion: tuple[Template, ...]
    examples: dict[str, list]
    source: str
    rationale: str = ""
    link: str = ""

    @property
    def column(self) -> str:
        return self.expect["column"]


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    path: str
    rules: tuple[Rule, ...]
    description: str = ""
    parameters: dict[str, Parameter] = field(default_factory=dict)
    # Word lists the suite's relation needs (same format as rules/words/*.yml), added to extraction's.
    words: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    distinct: tuple[str, ...] = ()  # real words or names close to this one that are not misspellings of it
    languages: tuple[str, ...] = ("en", "fr")
    examples: dict[str, list] = field(default_factory=dict)


def default_rules_dir() -> Path:
    """The rules shipped with the package, or the repository's `rules/` in a source checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "rules"


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key, for errors."""

    line: int = 0
    lines: dict[str, int] = {}

    def at(self, path: Path | str, key: str | None = None) -> str:
        return f"{path}:{self.lines.get(key, self.line) if key else self.line}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading (no object construction), in C where PyYAML has it (the registry is large)."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    duplicate = next((k for i, k in enumerate(keys) if k in keys[:i]), None)
    if duplicate is not None:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {duplicate!r}",
                                                node.value[keys.index(duplicate, keys.index(duplicate) + 1)][0].start_mark)
    mapping = Mapping(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_Loader)  # noqa: S506 (a safe loader)
    except OSError as e:
        raise RuleFileError(f"{path}: cannot read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise RuleFileError(f"{path}: not UTF-8 text (byte {e.start})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RuleFileError(f"{path}{where}: YAML error: {problem}") from None


def _check_keys(where: str, data: Any, required: set[str], optional: set[str], path: Path | str | None = None) -> None:
    """`where` names the place ("file: rules[2]"); with `path`, the line of the mapping or of the
    offending key goes after the file's name."""

    def at(key: str | None = None) -> str:
        if path is None or not isinstance(data, Mapping):
            return where
        return where.replace(str(path), data.at(path, key), 1)

    if not isinstance(data, dict):
        raise RuleFileError(f"{where}: expected a mapping, found {type(data).__name__}")
    missing = required - data.keys()
    if missing:
        raise RuleFileError(f"{at()}: missing key {sorted(missing)[0]!r}")
    unknown = data.keys() - required - optional
    if unknown:
        key = sorted(unknown)[0]
        raise RuleFileError(f"{at(key)}: unknown key {key!r} (known: {', '.join(sorted(required | optional))})")


_RULE_REQUIRED = {"code", "name", "category", "severity", "expect", "message"}
_RULE_OPTIONAL = {"description", "rationale", "where", "suggestion", "examples", "link"}


def _templates(raw: Any, path: Path, at: str, label: str) -> tuple[Template, ...]:
    """A message or suggestion: a mapping of languages (en, fr), or a list of them each with an
    optional `when` (column -> value); the first that applies to a row is used, so the last has none.
    A plain string is one wording for every language (a house rule of a one-language newsroom).
    Errors point at `at` (file:line) or the variant's own line, and name `label` ("rule CD111: message")."""
    if isinstance(raw, str):
        return (Template(raw, raw),)
    variants = raw if isinstance(raw, list) else [raw]
    templates = []
    for i, variant in enumerate(variants):
        here = variant.at(path) if isinstance(variant, Mapping) else at
        _check_keys(f"{here}: {label}", variant, set(LANGUAGES), {"when"})
        for lang in LANGUAGES:
            if not isinstance(variant[lang], str):
                raise RuleFileError(f"{variant.at(path, lang)}: {label}: {lang!r} must be a string")
        when = variant.get("when") or {}
        if not isinstance(when, dict) or (i == len(variants) - 1 and when):
            raise RuleFileError(f"{here}: {label}: 'when' must be a mapping of column: value, "
                                "and the last variant must have none")
        templates.append(Template(variant["en"], variant["fr"], dict(when)))
    return tuple(templates)


def _parameters(data: Mapping, path: Path) -> dict[str, Parameter]:
    declared = data.get("parameters") or {}
    if not isinstance(declared, dict):
        raise RuleFileError(f"{data.at(path, 'parameters')}: 'parameters' must be a mapping of name: {{default, description}}")
    parameters = {}
    for name, raw in declared.items():
        _check_keys(f"{path}: parameter {name}", raw, {"default", "description"}, set(), path)
        parameters[name] = Parameter(name, raw["default"], raw["description"])
    return parameters


def load_suite(path: Path, tables: dict | None = None) -> Suite:
    """A rule file. With `tables` (name -> checks.relations.Relation), it is checked whole against
    them: its table exists, its parameters are the relation's, every field of its messages is a
    column or a field of the table."""
    data = _load_yaml(path)
    _check_keys(str(path), data, {"suite", "table", "rules"}, {"description", "parameters", "words"}, path)
    if not isinstance(data["rules"] or [], list):
        raise RuleFileError(f"{data.at(path, 'rules')}: 'rules' must be a list of rules")
    parameters = _parameters(data, path)
    rules = []
    for i, raw in enumerate(data["rules"] or []):
        name = f"rule {raw['code']}" if isinstance(raw, dict) and "code" in raw else f"rules[{i}]"
        _check_keys(f"{path}: {name}", raw, _RULE_REQUIRED, _RULE_OPTIONAL, path)

        def where(key: str, raw=raw) -> str:
            return f"{raw.at(path, key)}: rule {raw['code']}: {key}"

        if raw["severity"] not in SEVERITIES:
            raise RuleFileError(f"{where('severity')}: {raw['severity']!r} is not one of {', '.join(SEVERITIES)}")
        if raw["category"] not in CATEGORIES:
            raise RuleFileError(f"{where('category')}: unknown category {raw['category']!r}")
        expect = raw["expect"]
        if not isinstance(expect, dict) or "type" not in expect or "column" not in expect:
            raise RuleFileError(f"{where('expect')}: needs a 'type' and a 'column'")
        if not _is_expectation(str(expect["type"])):
            raise RuleFileError(f"{where('expect')}: unknown expectation type {expect['type']!r} "
                                "(Great Expectations' names, e.g. expect_column_values_to_be_between)")
        for pattern in [expect[k] for k in ("regex",) if k in expect] + list(expect.get("regex_list") or []):
            try:
                re.compile(pattern)
            except (re.error, TypeError) as e:
                raise RuleFileError(f"{where('expect')}: the regex {pattern!r} does not compile ({e})") from None
        rules.append(
            Rule(
                code=raw["code"],
                name=raw["name"],
                category=raw["category"],
                severity=raw["severity"],
                description=" ".join(str(raw.get("description", "")).split()),
                table=data["table"],
                where=dict(raw.get("where") or {}),
                expect=dict(expect),
                message=_templates(raw["message"], path, raw.at(path, "message"), f"rule {raw['code']}: message"),
                suggestion=(_templates(raw["suggestion"], path, raw.at(path, "suggestion"), f"rule {raw['code']}: suggestion")
                            if raw.get("suggestion") else ()),
                examples=dict(raw.get("examples") or {}),
                source=str(path),
                rationale=" ".join(str(raw.get("rationale") or "").split()),
                link=str(raw.get("link") or ""),
            )
        )
    suite = Suite(name=data["suite"], table=data["table"], path=str(path), rules=tuple(rules),
                  description=" ".join(str(data.get("description", "")).split()), parameters=parameters,
                  words=data.get("words") or {})
    if tables is not None:
        _check_against_table(suite, data, path, tables)
    return suite


def template_fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_against_table(suite: Suite, data: Mapping, path: Path, tables: dict) -> None:
    """Everything a rule file names that the table must have, checked before any article is read."""
    table = tables.get(suite.table)
    if table is None:
        raise RuleFileError(f"{data.at(path, 'table')}: table: unknown table {suite.table!r} "
                            f"(known: {', '.join(sorted(tables))})")
    for name in sorted(suite.parameters.keys() - set(table.parameters)):
        raise RuleFileError(f"{data['parameters'].at(path, name)}: parameters: {name!r} is not a parameter of "
                            f"table {suite.table!r} (its parameters: {', '.join(table.parameters) or 'none'})")
    for name in sorted(set(table.parameters) - suite.parameters.keys()):
        raise RuleFileError(f"{data.at(path, 'parameters' if 'parameters' in data else 'table')}: parameters: table {suite.table!r} needs "
                            f"parameter {name!r} (with a default and a description)")
    columns, fields = set(table.columns), set(table.fields)
    for raw, rule in zip(data["rules"], suite.rules):
        used = {"expect": {rule.column}, "where": set(rule.where),
                "message": {c for t in rule.message for c in t.when},
                "suggestion": {c for t in rule.suggestion for c in t.when}}
        for key, read in used.items():
            for column in sorted(read - columns):
                raise RuleFileError(f"{raw.at(path, key)}: rule {rule.code}: {key}: table {suite.table!r} has no "
                                    f"column {column!r}")
        for key, templates in (("message", rule.message), ("suggestion", rule.suggestion)):
            for template in templates:
                for lang in LANGUAGES:
                    for name in sorted(template_fields(getattr(template, lang)) - columns - fields):
                        raise RuleFileError(
                            f"{raw.at(path, key)}: rule {rule.code}: {key} ({lang}): no field {{{name}}} in table "
                            f"{suite.table!r} (fields: {', '.join(sorted(columns | fields))})")


@cache
def _expectations_folder() -> Path | None:
    """Where Great Expectations keeps its built-in expectations, found without importing it (slow)."""
    spec = importlib.util.find_spec("great_expectations")
    return Path(spec.origin).parent / "expectations" / "core" if spec and spec.origin else None


def _is_expectation(name: str) -> bool:
    folder = _expectations_folder()
    return folder is None or not folder.is_dir() or (re.fullmatch(r"expect_\w+", name) is not None
                                                     and (folder / f"{name}.py").is_file())


def load_suites(rules_dir: Path | None = None, extra: list[Path] = (), tables: dict | None = None) -> list[Suite]:
    """The suites of a rules folder, and of extra rule files or folders (a house's own rules)."""
    rules_dir = rules_dir or default_rules_dir()
    files = [p for p in sorted(rules_dir.glob("*.yml")) if p.name != REGISTRY_FILE]
    for path in map(Path, extra):
        files += sorted(path.glob("*.yml")) if path.is_dir() else [path]
    suites = [load_suite(p, tables) for p in files]
    seen: dict[str, str] = {}
    for suite in suites:
        for rule in suite.rules:
            for key in (rule.code, rule.name):
                if key in seen:
                    raise RuleFileError(f"{suite.path}: rule {key!r} is already defined in {seen[key]}")
                seen[key] = suite.path
    return suites


_ENTITY_REQUIRED = {"name", "kind"}
_ENTITY_OPTIONAL = {"aliases", "misspellings", "distinct", "languages", "examples"}
_LIST_KEYS = ("aliases", "misspellings", "distinct", "languages")


def _entity(where: str, raw: Any, path: Path | None = None) -> Entity:
    _check_keys(where, raw, _ENTITY_REQUIRED, _ENTITY_OPTIONAL, path)
    for key in _LIST_KEYS:
        if not isinstance(raw.get(key) or [], list):
            at = raw.at(path, key) if path is not None and isinstance(raw, Mapping) else where
            raise RuleFileError(f"{at}: {raw['name']}: {key!r} must be a list")
    return Entity(
        name=raw["name"],
        kind=raw["kind"],
        aliases=tuple(raw.get("aliases") or ()),
        misspellings=tuple(raw.get("misspellings") or ()),
        distinct=tuple(raw.get("distinct") or ()),
        languages=tuple(raw.get("languages") or ("en", "fr")),
        examples=dict(raw.get("examples") or {}),
    )


def _entities_from_csv(path: Path) -> list[Entity]:
    """A newsroom's list of names: a `name` column (or the first column), optional `kind` and
    `aliases` (separated by ';')."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise RuleFileError(f"{path}: cannot read ({e.strerror})") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise RuleFileError(f"{path}: not a UTF-8 CSV file ({e})") from None
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    if "name" in header:
        body = [dict(zip(header, r)) for r in rows[1:]]
    else:
        body = [{"name": r[0]} for r in rows if r]
    entities = []
    for row in body:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        entities.append(Entity(name=name, kind=(row.get("kind") or "").strip() or "organisation",
                               aliases=tuple(aliases)))
    return entities


def load_entities(path: Path) -> list[Entity]:
    """Entries of a registry file: YAML (`entities:` list) or CSV of names."""
    if path.suffix.lower() == ".csv":
        return _entities_from_csv(path)
    data = _load_yaml(path)
    _check_keys(str(path), data, {"entities"}, set(), path)
    return [_entity(f"{path}: {raw['name'] if isinstance(raw, dict) and 'name' in raw else f'entities[{i}]'}", raw, path)
            for i, raw in enumerate(data["entities"] or [])]


def load_registry(path: Path | None = None, extra: list[Path] = ()) -> list[Entity]:
    """The shipped registry (or `path`), with a newsroom's files added: an entry with the same
    name replaces the shipped one."""
    entries = {e.name: e for e in load_entities(path or default_rules_dir() / REGISTRY_FILE)}
    for extra_path in extra:
        entries.update((e.name, e) for e in load_entities(extra_path))
    return list(entries.values())


def selectors(rule: Rule) -> tuple[str, ...]:
    """What selects a rule, most specific first: its code, its name, its category, its name's group ("entity")."""
    return rule.code.lower(), rule.name.lower(), rule.category, rule.name.split(".")[0].lower()


def configured(suites: list[Suite], select: list[str] = (), exclude: list[str] = (),
               severity: dict[str, str] | None = None, thresholds: dict[str, dict] | None = None) -> list[Suite]:
    """The suites with only the selected rules (all when none is named), each rule's severity and
    expectation arguments as configured (the most specific selector wins). Selectors are codes,
    names or groups; one that names no rule is an error, so that a typo does not silently check nothing."""
    known = {key for suite in suites for rule in suite.rules for key in selectors(rule)}
    for key in [*select, *exclude, *(severity or {}), *(thresholds or {})]:
        if key.lower() not in known:
            raise RuleFileError(f"no rule, name or group {key!r} (see check rules)")
    select, exclude = {s.lower() for s in select}, {x.lower() for x in exclude}
    severity = {k.lower(): v for k, v in (severity or {}).items()}
    thresholds = {k.lower(): v for k, v in (thresholds or {}).items()}

    def setting(rule: Rule, table: dict):
        return next((table[key] for key in selectors(rule) if key in table), None)

    chosen = []
    for suite in suites:
        kept, parameters, set_by = [], dict(suite.parameters), {}
        for rule in suite.rules:
            mine = set(selectors(rule))
            if (select and not mine & select) or mine & exclude:
                continue
            if level := setting(rule, severity):
                rule = replace(rule, severity=level)
            if arguments := setting(rule, thresholds):
                tunable = [k for k in rule.expect if k not in ("type", "column")] + list(suite.parameters)
                fixed = sorted(k for k in arguments if k not in tunable)
                if fixed:
                    raise RuleFileError(f"threshold {fixed[0]!r} of {rule.code} cannot be set "
                                        f"(its thresholds: {', '.join(tunable) or 'none'})")
                # A parameter is its suite's relation's: every rule of the suite reads the same value.
                for name in arguments.keys() & suite.parameters.keys():
                    if name in set_by and set_by[name][1] != arguments[name]:
                        raise RuleFileError(f"threshold {name!r} is shared by the rules of {suite.path}: "
                                            f"{set_by[name][0]} and {rule.code} set it to different values")
                    set_by[name] = (rule.code, arguments[name])
                    parameters[name] = replace(parameters[name], value=arguments[name])
                rule = replace(rule, expect={**rule.expect, **{k: v for k, v in arguments.items() if k in rule.expect}})
            kept.append(rule)
        if kept:
            chosen.append(replace(suite, rules=tuple(kept), parameters=parameters))
    return chosen


def describe(suites: list[Suite]) -> str:
    """Each rule as `check rules` prints it: code, name, category, severity, what it checks, why,
    its parameters and thresholds, and its examples with the messages they give."""
    blocks = []
    for suite, rule in _by_code(suites):
        lines = [f"{rule.code} {rule.name}  ({rule.category}, {rule.severity})", f"  {rule.description}",
                 f"  Why: {rule.rationale}"]
        if rule.link:
            lines.append(f"  See: {rule.link}")
        lines.append(f"  Checks table {suite.table!r} ({suite.path})")
        tunable = {k: v for k, v in rule.expect.items() if k not in ("type", "column", "value_set", "regex_list")}
        for name, value in tunable.items():
            lines.append(f"  threshold {name} = {value}")
        for p in suite.parameters.values():
            lines.append(f"  threshold {p.name} = {p.value}: {p.description}")
        for example in rule.examples.get("pass", []):
            lines.append(f"  passes: {example}")
        for example in rule.examples.get("fail", []):
            lines.append(f"  fails:  {example['text']}")
            for finding in example["findings"]:
                if isinstance(finding, dict):
                    lines.append(f"          -> {finding['text']!r}: {finding['message']}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def rules_table(suites: list[Suite]) -> str:
    """README's table of rules, generated from the rule files (a test keeps the README in step)."""
    rows = ["| code | name | category | severity | what it checks | thresholds |", "|---|---|---|---|---|---|"]
    for suite, rule in _by_code(suites):
        tunable = [f"`{k}` {v}" for k, v in rule.expect.items() if k in ("min_value", "max_value", "mostly")]
        tunable += [f"`{p.name}` {p.value}" for p in suite.parameters.values()]
        what = rule.description.replace("|", "\\|")
        rows.append(f"| {rule.code} | {rule.name} | {rule.category} | {rule.severity} | {what} | "
                    f"{', '.join(tunable) or '-'} |")
    return "\n".join(rows)


def _by_code(suites: list[Suite]) -> list[tuple[Suite, Rule]]:
    return sorted(((suite, rule) for suite in suites for rule in suite.rules), key=lambda pair: pair[1].code)
