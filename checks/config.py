"""Configuration: defaults, then the nearest `.copydesk.toml` or `pyproject.toml` [tool.copydesk]
found from the checked files' folder upward, then the command line. Each value remembers where it
came from, for `check config`."""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from .model import SEVERITIES

FAIL_ON = (*SEVERITIES, "never")
# What a folder given as input contributes, unless `include` says otherwise.
DEFAULT_INCLUDE = ["*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml"]

# key -> (default, type check, what it must be). Paths are relative to the file that sets them.
KEYS: dict[str, tuple[Any, type | tuple[type, ...], str]] = {
    "fail-on": ("warning", str, f"one of {', '.join(FAIL_ON)}"),
    "rules": ([], list, "a list of rule codes, names or groups"),
    "exclude-rules": ([], list, "a list of rule codes, names or groups"),
    "severity": ({}, dict, "a table of rule = severity"),
    "thresholds": ({}, dict, "a table of rule = {expectation argument = value}"),
    "extra-rules": ([], list, "a list of rule files or folders"),
    "entities": ([], list, "a list of registry files (YAML or CSV)"),
    "words": ([], list, "a list of word list files (YAML, like rules/words/en.yml)"),
    "waivers": (None, str, "a waiver file"),
    "language": (None, str, "en or fr"),
    "date": (None, str, "a date, YYYY-MM-DD"),
    "include": (DEFAULT_INCLUDE, list, "a list of file name globs"),
    "exclude": ([], list, "a list of path globs"),
}
PATH_KEYS = {"extra-rules", "entities", "words", "waivers"}
CONFIG_FILES = (".copydesk.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # "default", a file's path, or "command line"


@dataclass(frozen=True)
class Settings:
    """What a Checker is given: `check` fills it from the merged configuration and its options."""
    rules_dir: Path | None = None  # rule suites and registry in place of the shipped ones
    language: str | None = None  # en or fr for every article (None: detected in each)
    docs_dir: Path | None = None  # where write_docs writes the reports
    entities: Sequence[Path] = ()  # registry files (YAML or CSV) that add or override entries
    published: str = ""  # publication date, YYYY-MM-DD, to which durations and relative years are anchored
    extra_rules: Sequence[Path] = ()  # rule files or folders added to the suites
    select: Sequence[str] = ()  # rules to check (codes, names or groups; none: every rule)
    exclude: Sequence[str] = ()  # rules not to check
    severity: Mapping[str, str] | None = None  # rule -> severity
    thresholds: Mapping[str, dict] | None = None  # rule -> {threshold: value}
    waivers: Path | None = None  # YAML file of accepted findings
    include: Sequence[str] = tuple(DEFAULT_INCLUDE)  # file names read from folders
    exclude_paths: Sequence[str] = ()  # path globs left out
    outputs: Sequence[Path] = ()  # this run's output files: never read as input
    words: Sequence[Path] = ()  # word list files (YAML) added to the shipped ones


def find_config_file(start: Path) -> tuple[Path, dict] | None:
    """The nearest config from `start` upward: a `.copydesk.toml`, or a `pyproject.toml` that has a
    [tool.copydesk] table (one without it is passed over, as ruff and sqlfluff do)."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            table = _copydesk_table(path, _read_toml(path))
            if table is not None:
                return path, table
    return None


def _copydesk_table(path: Path, data: dict) -> dict | None:
    """copydesk's settings in a file: pyproject.toml's [tool.copydesk] table (None without one); in
    any other file, its top-level keys or a [tool.copydesk] table, so that a block written for
    pyproject.toml (the README's, or `check config`'s output) can be pasted into .copydesk.toml."""
    tool = data.get("tool")
    if path.name == "pyproject.toml":
        return tool.get("copydesk") if isinstance(tool, dict) else None
    if not isinstance(tool, dict) or set(tool) != {"copydesk"}:
        return data  # a stray `tool` is reported as an unknown key
    if len(data) > 1:
        raise ConfigError(f"{path}: both a [tool.copydesk] table and top-level keys; use one or the other")
    return tool["copydesk"]


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML error: {e}") from None


def load_config(start: Path, command_line: dict[str, Any], explicit: bool = False) -> dict[str, Setting]:
    """The merged configuration: found from `start` upward, or read from `start` itself when
    `explicit`. `command_line` holds the options given (None or empty: not given)."""
    config = {key: Setting(default, "default") for key, (default, _, _) in KEYS.items()}
    if explicit:
        found = (start.resolve(), _copydesk_table(start, _read_toml(start)) or {})
    else:
        found = find_config_file(start)
    if found:
        path, table = found
        for key, value in table.items():
            where = f"{path}: [tool.copydesk] {key}" if path.name == "pyproject.toml" else f"{path}: {key}"
            config[key] = Setting(_checked(where, key, value, path.parent), str(path))
    for key, value in command_line.items():
        if value is not None and value != () and value != []:
            config[key] = Setting(_checked(f"command line: {key}", key, value, Path.cwd()), "command line")
    return config


def _checked(where: str, key: str, value: Any, base: Path) -> Any:
    if key not in KEYS:
        raise ConfigError(f"{where}: unknown key (known: {', '.join(KEYS)})")
    _, kind, what = KEYS[key]
    if isinstance(value, tuple):
        value = list(value)
    if key == "date" and isinstance(value, date):  # TOML has dates: date = 2025-06-12
        value = value.isoformat()
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: must be {what}")
    if key == "fail-on" and value not in FAIL_ON:
        raise ConfigError(f"{where}: must be {what}, not {value!r}")
    if key == "language" and value not in ("en", "fr"):
        raise ConfigError(f"{where}: must be {what}, not {value!r}")
    if key == "severity":
        for rule, severity in value.items():
            if severity not in SEVERITIES:
                raise ConfigError(f"{where}: {rule} = {severity!r} is not one of {', '.join(SEVERITIES)}")
    if key == "thresholds":
        for rule, arguments in value.items():
            if not isinstance(arguments, dict):
                raise ConfigError(f"{where}: {rule} must be a table of expectation arguments")
    if key == "date":
        try:
            value = date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ConfigError(f"{where}: must be {what}, not {value!r}") from None
    if key in PATH_KEYS:
        paths = [value] if isinstance(value, str) else value
        resolved = [str((base / p).resolve()) if not Path(p).is_absolute() else p for p in paths]
        for p in resolved:
            if not Path(p).exists():
                raise ConfigError(f"{where}: {p}: no such file")
        value = resolved[0] if isinstance(value, str) else resolved
    return value


def render(config: dict[str, Setting]) -> str:
    """The merged configuration as TOML, each value with where it came from: pasted into a
    pyproject.toml or a .copydesk.toml, it loads as the same values."""
    lines = ["[tool.copydesk]"]
    for key, setting in config.items():
        if setting.value is None:
            lines.append(f"# {key} is not set  ({setting.source})")
            continue
        lines.append(f"{key} = {_toml(setting.value)}  # {setting.source}")
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no infinity, TOML does
        return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"
    if isinstance(value, (date, time)):  # TOML's own date and time literals (datetime is a date)
        return value.isoformat()
    # A JSON string is a TOML basic string, once DEL, which TOML wants escaped, is.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
