"""The config file: discovery, settings, per-path overrides, flags on top, errors with lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import config_xml, run_cli

from yarnlint.pipeline.settings import ConfigFinder, SettingsError, load, merge

P = "yarn.scheduler.capacity."


def _xml(path: Path, *properties: tuple[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(config_xml(*properties or ((P + "zzz", "1"),)), encoding="utf-8")
    return path


def _toml(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _json(*args: Any) -> dict[str, Any]:
    result = run_cli("check", "--format", "json", "--ignore", "YL009", *args)
    document: dict[str, Any] = json.loads(result.output)
    document["exit_code"] = result.exit_code
    return document


def _error(*args: Any) -> str:
    result = run_cli("check", *args)
    assert result.exit_code == 2, result.output
    return result.stderr.strip()


def test_pyproject_found_walking_up(tmp_path: Path) -> None:
    path = _xml(tmp_path / "conf" / "cluster" / "capacity-scheduler.xml")
    assert run_cli("check", path).exit_code == 1
    _toml(tmp_path / "pyproject.toml", '[tool.yarnlint]\nignore = ["structure.unknown-key"]\n')
    assert run_cli("check", path).exit_code == 0


def test_yarnlint_toml_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    path = _xml(tmp_path / "conf" / "capacity-scheduler.xml")
    _toml(tmp_path / ".yarnlint.toml", 'select = ["YL001"]\n')
    _toml(tmp_path / "conf" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert run_cli("check", path).exit_code == 0
    _toml(tmp_path / "pyproject.toml", '[tool.yarnlint]\nselect = ["YL003"]\n')
    assert run_cli("check", path).exit_code == 0
    (tmp_path / ".yarnlint.toml").unlink()
    assert run_cli("check", path).exit_code == 1


def test_yarnlint_toml_may_use_the_tool_table(tmp_path: Path) -> None:
    path = _xml(tmp_path / "capacity-scheduler.xml")
    _toml(tmp_path / ".yarnlint.toml", '[tool.yarnlint]\nignore = ["YL003"]\n')
    assert run_cli("check", path).exit_code == 0


def test_severity_and_fail_on(tmp_path: Path) -> None:
    path = _xml(tmp_path / "capacity-scheduler.xml")
    config = _toml(tmp_path / "pyproject.toml",
                   '[tool.yarnlint]\nfail-on = "error"\n\n[tool.yarnlint.severity]\n'
                   'yl001 = "info"\n')
    report = _json(path)
    assert report["exit_code"] == 0 and report["fail_on"] == "error"
    assert [f["severity"] for f in report["findings"]] == ["warning"]
    config.write_text(config.read_text() + 'YL003 = "error"\n')
    report = _json(path)
    assert report["exit_code"] == 1
    assert [f["severity"] for f in report["findings"]] == ["error"]
    assert run_cli("check", path, "--fail-on", "info", "--ignore", "YL003,YL009").exit_code == 0


def test_cluster_description_with_paths_relative_to_the_config(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _xml(tmp_path / "conf" / "capacity-scheduler.xml")
    _toml(tmp_path / "hosts" / "topology.data", "h1 /r1\nh2 /r1\nh3 /r2\n")
    _toml(tmp_path / "pyproject.toml",
          '[tool.yarnlint]\ntopology = "hosts/topology.data"\nheartbeat-ms = 500\n'
          'hadoop-version = "3.3.6"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cluster = _json(path)["inputs"][0]["cluster"]
    assert (cluster["nodes"], cluster["racks"], cluster["heartbeat_ms"]) == (3, 2, 500)


def test_per_path_overrides(tmp_path: Path) -> None:
    prod = _xml(tmp_path / "prod" / "east" / "capacity-scheduler.xml")
    dev = _xml(tmp_path / "dev" / "capacity-scheduler.xml")
    other = _xml(tmp_path / "staging" / "capacity-scheduler.xml")
    _toml(tmp_path / ".yarnlint.toml", """nodes = 100
fail-on = "error"
select = ["YL003"]

[[overrides]]
paths = ["prod/**"]
nodes = 2000
racks = 40
fail-on = "warning"

[[overrides]]
paths = ["dev"]
nodes = 12
ignore = ["YL003"]
""")
    report = _json(prod, dev, other)
    clusters = [(i["cluster"]["nodes"], i["cluster"]["racks"]) for i in report["inputs"]]
    assert clusters == [(2000, 40), (12, 1), (100, 1)]
    assert sorted({Path(f["file"]).parent.name for f in report["findings"]}) == [
        "east", "staging"]
    assert report["exit_code"] == 1
    assert run_cli("check", other, dev).exit_code == 0


def test_command_line_flags_override_the_file(tmp_path: Path) -> None:
    path = _xml(tmp_path / "capacity-scheduler.xml")
    _toml(tmp_path / "pyproject.toml", '[tool.yarnlint]\nnodes = 2000\nracks = 40\n'
          'select = ["YL001"]\nfail-on = "error"\n')
    report = _json(path, "--nodes", "30", "--select", "YL003", "--fail-on", "warning")
    assert (report["inputs"][0]["cluster"]["nodes"], report["inputs"][0]["cluster"]["racks"]) \
        == (30, 1)
    assert [f["rule_id"] for f in report["findings"]] == ["YL003"]
    assert report["exit_code"] == 1
    assert _json(path, "--racks", "10")["inputs"][0]["cluster"]["racks"] == 10


def test_explicit_config(tmp_path: Path) -> None:
    path = _xml(tmp_path / "capacity-scheduler.xml")
    _toml(tmp_path / "pyproject.toml", '[tool.yarnlint]\nignore = ["YL003"]\n')
    explicit = _toml(tmp_path / "ci" / "strict.toml", 'select = ["YL003"]\n')
    assert run_cli("check", path).exit_code == 0
    assert run_cli("check", path, "--config", explicit).exit_code == 1
    assert "no such config file" in _error(path, "--config", tmp_path / "absent.toml")


@pytest.mark.parametrize(("text", "line", "message"), [
    ('[tool.yarnlint]\nnodes = 3\nnodez = 4\n', "3", "unknown key 'nodez'"),
    ('[tool.yarnlint]\n\n"nodes" = "many"\n', "3",
     "nodes: expected a positive integer, got 'many'"),
    ('[tool.yarnlint]\nracks = true\n', "2", "racks: expected a positive integer"),
    ('[tool.yarnlint]\nfail-on = "fatal"\n', "2", "fail-on: expected one of info, warning"),
    ('[tool.yarnlint]\nignore = "YL003"\n', "2", "ignore: expected a list of rule ids"),
    ('[tool.yarnlint]\n[tool.yarnlint.severity]\nYL001 = "info"\nYL003 = "loud"\n', "4",
     "severity of YL003: expected one of info, warning, error, got 'loud'"),
    ('[tool.yarnlint]\nselect = [\n  "YL001",\n  "YL777",\n]\n', "4",
     "select: unknown rule 'YL777'"),
    ('[tool.yarnlint]\nnodes = 3\n\n[[tool.yarnlint.overrides]]\npaths = ["a"]\nnodes = 1\n\n'
     '[[tool.yarnlint.overrides]]\npaths = ["b"]\nnodes = 0\n', "10",
     "nodes: expected a positive integer, got 0"),
    ('[tool.yarnlint]\n[[tool.yarnlint.overrides]]\nnodes = 1\n', "2",
     "overrides: 'paths' must be a non-empty list of globs"),
    ('[tool.yarnlint]\nnodes = 3 3\n', "2:11", "not valid TOML: Expected newline"),
    ('[tool.yarnlint]\nracks = [1\n', "2", "not valid TOML: Unclosed array"),
])
def test_bad_config_exits_2_with_file_and_line(tmp_path: Path, text: str, line: str,
                                                 message: str) -> None:
    path = _xml(tmp_path / "capacity-scheduler.xml")
    config = _toml(tmp_path / "pyproject.toml", text)
    error = _error(path)
    assert error.startswith(f"yarnlint: error: {config}:{line}: {message}"), error


def test_merge_layers() -> None:
    base = {"nodes": 10, "racks": 2, "ignore": ("YL001",), "severity": {"YL003": "error"},
            "select": ("YL001", "YL003")}
    layer = {"topology": Path("t"), "ignore": ("YL004",), "severity": {"YL001": "info"},
             "select": ("YL004",)}
    assert merge(base, layer) == {
        "topology": Path("t"), "ignore": ("YL001", "YL004"), "select": ("YL004",),
        "severity": {"YL003": "error", "YL001": "info"}}
    assert merge(base, {"racks": 5})["nodes"] == 10


def test_finder_reads_each_file_once(tmp_path: Path) -> None:
    config = _toml(tmp_path / ".yarnlint.toml", "nodes = 5\n")
    finder = ConfigFinder()
    first = finder.config_for(_xml(tmp_path / "a" / "capacity-scheduler.xml"))
    config.write_text("nodes = [\n")
    assert finder.config_for(_xml(tmp_path / "b" / "capacity-scheduler.xml")) is first
    with pytest.raises(SettingsError):
        load(config)
