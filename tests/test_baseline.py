"""The baseline: record today's findings, then report only new ones (by rule, file and key)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import config_xml, run_cli

P = "yarn.scheduler.capacity."
OLD = (P + "zzz", "1")


def _write(path: Path, *properties: tuple[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(config_xml(*properties), encoding="utf-8")
    return path


def _check(*args: Any) -> Result:
    """``yarnlint check`` without YL009 (no cluster is given: the cluster rules are skipped)."""
    return run_cli("check", "--ignore", "YL009", *args)


def _reported(*args: Any) -> tuple[int, list[tuple[str, str]], list[dict[str, Any]]]:
    """Exit code, reported (rule, key) pairs, and the suppressions of the others."""
    result = _check("--format", "json", *args)
    findings = json.loads(result.output)["findings"]
    return (result.exit_code, [(f["rule_id"], f["key"]) for f in findings if not f["suppressions"]],
            [s for f in findings for s in f["suppressions"]])


def test_write_then_report_only_new_findings(tmp_path: Path) -> None:
    path = _write(tmp_path / "conf" / "capacity-scheduler.xml", OLD)
    baseline = tmp_path / "yarnlint-baseline.json"
    result = _check(path, "--write-baseline", baseline)
    assert result.exit_code == 0
    assert "recorded 1 finding in" in result.stderr
    recorded = json.loads(baseline.read_text())
    assert recorded["findings"] == [
        {"rule_id": "YL003", "file": "conf/capacity-scheduler.xml", "key": OLD[0], "count": 1}]
    code, reported, suppressions = _reported(path, "--baseline", baseline)
    assert (code, reported) == (0, [])
    assert suppressions == [{"kind": "external",
                             "justification": "recorded in baseline yarnlint-baseline.json"}]
    sarif = json.loads(_check(path, "--baseline", baseline, "--format", "sarif").output)
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external"
    _write(path, (P + "yyy", "1"), OLD)
    code, reported, _ = _reported(path, "--baseline", baseline)
    assert (code, reported) == (1, [("YL003", P + "yyy")])


def test_edits_elsewhere_do_not_resurrect_baselined_findings(tmp_path: Path) -> None:
    path = _write(tmp_path / "capacity-scheduler.xml", OLD)
    baseline = tmp_path / "baseline.json"
    _check(path, "--write-baseline", baseline)
    _write(path, (P + "root.queues", "default"), (P + "root.default.capacity", "100"),
           (P + "maximum-applications", "500"), OLD)
    assert _reported(path, "--baseline", baseline)[:2] == (0, [])


def test_matching_counts_identical_findings(tmp_path: Path) -> None:
    """Each later definition of a key is one YL001 with the same key: two absorb two."""
    path = _write(tmp_path / "capacity-scheduler.xml",
                  *[(P + "maximum-applications", str(n)) for n in (1, 2, 3)])
    baseline = tmp_path / "baseline.json"
    _check(path, "--write-baseline", baseline)
    assert json.loads(baseline.read_text())["findings"][0]["count"] == 2
    assert _reported(path, "--baseline", baseline)[:2] == (0, [])
    _write(path, *[(P + "maximum-applications", str(n)) for n in (1, 2, 3, 4)])
    code, reported, suppressions = _reported(path, "--baseline", baseline)
    assert (code, reported, len(suppressions)) == (1, [("YL001", P + "maximum-applications")], 2)


def test_file_paths_relative_to_the_baseline(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "repo" / "prod" / "capacity-scheduler.xml", OLD)
    baseline = tmp_path / "repo" / ".yarnlint-baseline.json"
    monkeypatch.chdir(tmp_path / "repo")
    _check("prod/capacity-scheduler.xml", "--write-baseline", baseline.name)
    monkeypatch.chdir(tmp_path)
    assert _reported(path, "--baseline", baseline)[:2] == (0, [])
    moved = _write(tmp_path / "repo" / "dev" / "capacity-scheduler.xml", OLD)
    assert _reported(moved, "--baseline", baseline)[:2] == (1, [("YL003", OLD[0])])


def test_baseline_does_not_hold_line_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path / "capacity-scheduler.xml", OLD, (P + "zzz", "2"))
    baseline = tmp_path / "baseline.json"
    _check(path, "--write-baseline", baseline)
    for entry in json.loads(baseline.read_text())["findings"]:
        assert set(entry) == {"rule_id", "file", "key", "count"}


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "baseline is not valid JSON"),
    ('{"format": "other"}', "not a yarnlint baseline"),
    ('{"format": "yarnlint-baseline/1", "findings": [{"rule_id": "YL003"}]}',
     "baseline entry 1 needs rule_id, file, key and count"),
])
def test_bad_baseline_exits_2(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path / "capacity-scheduler.xml", OLD)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content)
    result = _check(path, "--baseline", baseline)
    assert result.exit_code == 2
    assert message in result.stderr
    assert _check(path, "--baseline", tmp_path / "absent.json").exit_code == 2
