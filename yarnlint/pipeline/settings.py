"""The config file: ``[tool.yarnlint]`` in ``pyproject.toml``, or a ``.yarnlint.toml``.

Found by walking up from each linted file (``.yarnlint.toml`` first in each directory; a
``pyproject.toml`` without ``[tool.yarnlint]`` is passed over), no further than the
repository root (the directory holding ``.git``) or the user's home directory; a file owned
by neither the user nor root is ignored, with a note, since it could silence every rule.
Paths in it are relative to the file; ``[[tool.yarnlint.overrides]]`` tables apply to the
linted files their ``paths`` globs match, in order. Settings are plain dicts keyed as in the
file, layered with :func:`merge`; command-line flags are the last layer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from yarnlint.config.files import MAX_NESTING, read_text
from yarnlint.core.findings import InputError, Severity
from yarnlint.core.options import OptionError
from yarnlint.core.records import Record
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.options import DEFAULT_HADOOP_VERSION, LintOptions
from yarnlint.rules import Rule, find_rule

CONFIG_NAMES = (".yarnlint.toml", "pyproject.toml")
SEVERITIES = ("info", "warning", "error")
DEFAULT_FAIL_ON = "warning"
SIZE_KEYS = ("nodes", "racks", "topology", "nodes-file")
"""Keys describing the cluster's size: a layer giving nodes, topology or nodes-file replaces
all of them."""
PATH_KEYS = ("topology", "nodes-file", "yarn-site", "core-site")
REF_KEYS = ("select", "ignore", "severity")
MAX_CONFIG_BYTES = 1024 * 1024
"""Config files above this size are refused (a real one is a few lines)."""

Values = dict[str, Any]

_RULE_ID = r"[A-Za-z]{2,}[0-9]{3}\Z"
_TOML_POSITION = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*\Z"
_GLOB_TOKEN = r"(\*\*/?|\*|\?)"


class SettingsError(Exception):
    """A config file (or combination of settings) that cannot be used: exit code 2."""


def normalize_ref(ref: str) -> str:
    """A rule reference as the registry keys it: ids in upper case, names as written."""
    ref = ref.strip()
    return ref.upper() if re.match(_RULE_ID, ref) else ref


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("expected a positive integer")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def _severity(value: Any) -> str:
    if value not in SEVERITIES:
        raise ValueError(f"expected one of {', '.join(SEVERITIES)}")
    return str(value)


def _workload(value: Any) -> str:
    from yarnlint.whatif.workloads import PROFILES

    if value not in PROFILES:
        raise ValueError(f"expected one of {', '.join(PROFILES)}")
    return str(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _rule_options(value: Any) -> dict[str, dict[str, Any]]:
    """``rules.YL102.locality_points = 5``: a table of rule -> table of option -> value."""
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("expected a table of rule tables ([tool.yarnlint.rules.YL102])")
    return {normalize_ref(ref): dict(options) for ref, options in value.items()}


def _refs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule ids or names")
    return tuple(normalize_ref(v) for v in value)


def _severity_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a table of rule = severity")
    return {normalize_ref(ref): _severity(level) for ref, level in value.items()}


KEYS: dict[str, Callable[[Any], Any]] = {
    "select": _refs, "ignore": _refs, "severity": _severity_table, "fail-on": _severity,
    "nodes": _positive_int, "racks": _positive_int, "heartbeat-ms": _positive_int,
    "am-mb": _positive_int,
    "topology": _string, "nodes-file": _string, "yarn-site": _string,
    "hadoop-version": _string, "workload": _workload, "core-site": _string,
    "no-cache": _flag, "rules": _rule_options,
}
"""Every setting the file (top level or an override) may hold, with its validator."""


def merge(base: Values, layer: Values) -> Values:
    """``layer`` over ``base``: severities merge, ignores add up, the rest is replaced."""
    merged = dict(base)
    if any(key in layer for key in ("nodes", "topology", "nodes-file")):
        for key in SIZE_KEYS:
            merged.pop(key, None)
    for key, value in layer.items():
        if key == "severity":
            merged[key] = {**base.get(key, {}), **value}
        elif key == "rules":
            merged[key] = {ref: {**base.get(key, {}).get(ref, {}), **options}
                           for ref, options in {**base.get(key, {}), **value}.items()}
        elif key == "ignore":
            merged[key] = (*base.get(key, ()), *value)
        else:
            merged[key] = value
    return merged


def lint_options(values: Values) -> LintOptions:
    """The lint options for merged settings."""
    if "racks" in values and "nodes" not in values:
        raise SettingsError("racks (--racks) needs nodes (--nodes)")
    select = values.get("select")
    return LintOptions(
        cluster=ClusterSpec(values.get("nodes"), values.get("racks"), values.get("topology"),
                            values.get("nodes-file"), values.get("heartbeat-ms"),
                            values.get("am-mb")),
        yarn_site=values.get("yarn-site"),
        hadoop_version=values.get("hadoop-version", DEFAULT_HADOOP_VERSION),
        workload=values.get("workload"),
        core_site=values.get("core-site"),
        use_cache=not values.get("no-cache", False),
        rule_options=values.get("rules", {}),
        select=frozenset(select) if select is not None else None,
        ignore=frozenset(values.get("ignore", ())),
        severities={ref: Severity.parse(level)
                    for ref, level in values.get("severity", {}).items()})


def fail_on(values: Values) -> Severity:
    """The failure threshold of merged settings."""
    return Severity.parse(values.get("fail-on", DEFAULT_FAIL_ON))


def _glob(pattern: str) -> re.Pattern[str]:
    """A path glob (``*``, ``?``, ``**`` across directories) matching a path or what is below."""
    translated = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    parts = re.split(_GLOB_TOKEN, pattern.strip().removeprefix("./").rstrip("/"))
    return re.compile("".join(translated.get(p, re.escape(p)) for p in parts) + r"(?:/.*)?\Z")


class Override(Record):
    """One ``[[tool.yarnlint.overrides]]`` table."""

    __slots__ = COMPARED = ("paths", "values")

    def __init__(self, paths: tuple[str, ...], values: Values) -> None:
        self.paths = paths
        self.values = values

    def matches(self, relative: str) -> bool:
        """Whether one of the globs matches a path relative to the config file."""
        return any(_glob(pattern).match(relative) for pattern in self.paths)


class ConfigFile(Record):
    """A parsed config file."""

    __slots__ = ("overrides", "path", "text", "values")
    COMPARED = ("path", "values", "overrides", "text")

    def __init__(self, path: Path, values: Values, overrides: tuple[Override, ...] = (),
                 text: str = "") -> None:
        self.path = path
        self.values = values
        self.overrides = overrides
        self.text = text

    def values_for(self, file: Path) -> Values:
        """The settings for one linted file: the top level, then each matching override."""
        merged = self.values
        try:
            relative = Path(os.path.realpath(file)).relative_to(self.path.parent).as_posix()
        except ValueError:
            return merged
        for override in self.overrides:
            if override.matches(relative):
                merged = merge(merged, override.values)
        return merged

    def check_rules(self, rules: dict[str, Rule]) -> None:
        """Every rule the file names must exist (a typo would silently do nothing), and
        every rule option it sets must be one the rule declares, of the declared type."""
        for values in (self.values, *(o.values for o in self.overrides)):
            for key in (*REF_KEYS, "rules"):
                for ref in values.get(key, ()):
                    rule = find_rule(rules, ref)
                    if rule is None:
                        raise self._error(ref, f"{key}: unknown rule {ref!r} ('yarnlint rules' "
                                               "lists them)")
                    if key == "rules":
                        self._check_options(rule, values[key][ref])

    def _error(self, near: str, message: str) -> SettingsError:
        line = _line_of(self.text, re.escape(near)) or 1
        return SettingsError(f"{self.path}:{line}: {message}")

    def _check_options(self, rule: Rule, options: dict[str, Any]) -> None:
        for name, value in options.items():
            option = rule.option(name)
            if option is None:
                known = ", ".join(declared.name for declared in rule.options) or "none"
                raise self._error(name, f"rules.{rule.id}: unknown option {name!r} (known: "
                                        f"{known})")
            try:
                option.parse(value)
            except OptionError as exc:
                raise self._error(name, f"rules.{rule.id}.{name}: {exc}") from None


def _line_of(text: str, pattern: str, start: int = 0) -> int | None:
    """1-based line of the first match of ``pattern`` from 0-based line ``start`` on, then
    before it; None when nothing matches."""
    lines = text.splitlines()
    regex = re.compile(pattern)
    for number in (*range(start, len(lines)), *range(0, start)):
        if regex.search(lines[number]):
            return number + 1
    return None


def _key_pattern(key: str) -> str:
    """A TOML key being assigned, bare or quoted, on its own line or in an inline table."""
    quoted = re.escape(key)
    return rf"(?:^|[\s{{,.])(?:{quoted}|\"{quoted}\"|'{quoted}')\s*="


class _Reader:
    """Validates the yarnlint table of one file, naming the line of each problem."""

    def __init__(self, path: Path, text: str, prefix: str) -> None:
        self.path, self.text, self.prefix = path, text, prefix

    def _header(self, table: str, index: int) -> int:
        """0-based line of a table header (the ``index``-th for arrays of tables), else 0."""
        name = ".".join(p for p in (self.prefix, table) if p)
        if not name:
            return 0
        regex = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(?:#.*)?$")
        found = [n for n, line in enumerate(self.text.splitlines()) if regex.match(line)]
        return found[index] if index < len(found) else (found[0] if found else 0)

    def error(self, message: str, key: str, table: str = "", index: int = 0) -> SettingsError:
        header = self._header(table, index)
        line = _line_of(self.text, _key_pattern(key), header) or header + 1
        return SettingsError(f"{self.path}:{line}: {message}")

    def values(self, table: dict[str, Any], where: str = "", index: int = 0,
               allowed: tuple[str, ...] = ()) -> Values:
        """Validate one table of settings; paths become relative to the config file."""
        values: Values = {}
        for key, value in table.items():
            if key in allowed:
                continue
            if key not in KEYS:
                known = ", ".join((*KEYS, *allowed))
                raise self.error(f"unknown key {key!r} (known: {known})", key, where, index)
            if key == "severity" and isinstance(value, dict):
                self._check_levels(value, where or key, index)
            try:
                values[key] = KEYS[key](value)
            except ValueError as exc:
                raise self.error(f"{key}: {exc}, got {value!r}", key, where, index) from None
            if key in PATH_KEYS:
                values[key] = self.path.parent / values[key]
        for counted in ("topology", "nodes-file"):
            if "nodes" in values and counted in values:
                raise self.error(f"nodes and {counted} both give the node count: set one of "
                                 "them", "nodes", where, index)
        return values

    def _check_levels(self, table: dict[str, Any], where: str, index: int) -> None:
        """Point at the line of a bad ``rule = severity`` entry."""
        for ref, level in table.items():
            if level not in SEVERITIES:
                raise self.error(f"severity of {ref}: expected one of {', '.join(SEVERITIES)}"
                                 f", got {level!r}", ref, where, index)

    def overrides(self, tables: Any) -> Iterator[Override]:
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise self.error("overrides: expected [[overrides]] tables", "overrides")
        for index, table in enumerate(tables):
            paths = table.get("paths")
            if (not isinstance(paths, list) or not paths
                    or not all(isinstance(p, str) for p in paths)):
                raise self.error("overrides: 'paths' must be a non-empty list of globs",
                                 "paths", "overrides", index)
            yield Override(tuple(paths), self.values(table, "overrides", index, ("paths",)))


def _toml_error(path: Path, text: str, exc: ValueError) -> SettingsError:
    """``file:line:column: message`` from tomllib's message (3.11 has no position fields)."""
    message = str(exc)
    position = re.search(_TOML_POSITION, message)
    where = f"{max(len(text.splitlines()), 1)}"  # at end of document
    if position is not None:
        message = message[:position.start()]
        if position.group(1):
            where = f"{position.group(1)}:{position.group(2)}"
    return SettingsError(f"{path}:{where}: not valid TOML: {message}")


def load(path: Path) -> ConfigFile | None:
    """Read a config file; None for a ``pyproject.toml`` without ``[tool.yarnlint]``."""
    try:
        text = read_text(path, "config file", MAX_CONFIG_BYTES)
    except InputError as exc:
        raise SettingsError(str(exc)) from None
    if path.name == "pyproject.toml" and "yarnlint" not in text:
        return None  # no [tool.yarnlint] table can be written without the word
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, text, exc) from None
    except RecursionError:
        raise SettingsError(f"{path}: arrays or tables nest too deeply; not read") from None
    if _depth(document) > MAX_NESTING:
        raise SettingsError(f"{path}: arrays or tables nest more than {MAX_NESTING} deep; "
                            "not read")
    tool = document.get("tool")
    table = tool.get("yarnlint") if isinstance(tool, dict) else None
    prefix = "tool.yarnlint"
    if path.name == "pyproject.toml" and table is None:
        return None
    if table is None:  # .yarnlint.toml holds the keys at the top level
        table, prefix = document, ""
    reader = _Reader(path.resolve(), text, prefix)
    if not isinstance(table, dict):
        raise reader.error("[tool.yarnlint] must be a table", "yarnlint")
    overrides = tuple(reader.overrides(table.get("overrides", [])))
    return ConfigFile(reader.path, reader.values(table, allowed=("overrides",)),
                      overrides, text)


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and dicts (iterative: no recursion limit to meet)."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth + 1)
            if deepest > MAX_NESTING:
                break
            stack.extend((child, depth + 1)
                         for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _search_stops(directory: Path) -> bool:
    """Whether the search goes no higher than ``directory``: a repository root or home."""
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    return directory == home or os.path.lexists(directory / ".git")


def _foreign_owner(path: Path) -> int | None:
    """The owner of ``path`` when it is neither the user nor root (None otherwise)."""
    if not hasattr(os, "getuid"):
        return None
    try:
        owner = path.stat().st_uid
    except OSError:
        return None
    return None if owner in (0, os.getuid()) else owner


class ConfigFinder:
    """Finds the config file of each linted file, reading each file once."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = explicit
        self._by_dir: dict[Path, ConfigFile | None] = {}
        self.notes: list[str] = []
        """What the search passed over and why (said once each)."""
        self.read: list[Path] = []
        """Every config file read."""

    def config_for(self, file: Path) -> ConfigFile | None:
        """``--config`` when given, else the nearest config file above ``file``."""
        if self.explicit is not None:
            return self._load(self.explicit)
        return self._find(Path(os.path.realpath(file)).parent)

    def _load(self, path: Path) -> ConfigFile | None:
        key = Path(os.path.realpath(path))
        if key not in self._by_dir:
            if not key.is_file():
                raise SettingsError(f"{path}: no such config file")
            self.read.append(key)
            self._by_dir[key] = load(key)
        return self._by_dir[key]

    def _find(self, start: Path) -> ConfigFile | None:
        """The nearest config file at or above ``start``, within the search's stops."""
        visited: list[Path] = []
        found: ConfigFile | None = None
        directory = start
        while True:
            if directory in self._by_dir:
                found = self._by_dir[directory]
                break
            visited.append(directory)
            found = self._in_directory(directory)
            if found is not None or _search_stops(directory) \
                    or directory.parent == directory:
                break
            directory = directory.parent
        for seen in visited:
            self._by_dir[seen] = found
        return found

    def _in_directory(self, directory: Path) -> ConfigFile | None:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            owner = _foreign_owner(candidate)
            if owner is not None:
                self.notes.append(f"ignoring config file {candidate}: owned by user id {owner}, "
                                  "neither you nor root")
                continue
            found = self._load(candidate)
            if found is not None:
                return found
        return None
