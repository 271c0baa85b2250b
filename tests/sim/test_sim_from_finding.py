"""``yarnlint simulate --from-finding REPORT.json[:N]``: re-run a finding's evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yarnlint.cli import cli
from yarnlint.cli.simulate import simulate
from yarnlint.sim import build_scenario, run_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _scenario(delay: int) -> dict[str, Any]:
    return build_scenario(nodes=40, racks=2, requests=["rack:/rack1 x3"],
                          settings={"node-locality-delay": str(delay)})


def _finding(rule_id: str, evidence: dict[str, Any] | None) -> dict[str, Any]:
    return {"rule_id": rule_id, "rule_name": "test.rule", "severity": "warning",
            "message": "m", "file": "capacity-scheduler.xml", "line": 1, "column": 1,
            "key": None, "value": None, "evidence": evidence, "suppressions": []}


def _report(*findings: dict[str, Any]) -> dict[str, Any]:
    return {"format": "yarnlint-report/1", "tool": {"name": "yarnlint", "version": "0"},
            "fail_on": "warning", "inputs": [], "findings": list(findings),
            "summary": {"findings": len(findings), "error": 0, "warning": len(findings),
                        "info": 0, "input_errors": 0}}


REPORT = _report(
    _finding("YL001", None),
    _finding("YL105", {"scenario": _scenario(5), "summary": "s",
                       "comparison": {"change": "node-locality-delay 20",
                                      "yours": {"settings": {}},
                                      "suggested": {"settings": {},
                                                    "scenario": _scenario(20)}}}),
    _finding("YL104", {"scenario": _scenario(0)}))


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(simulate, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(REPORT), encoding="utf-8")
    return path


def _json_summary(*args: str, stdin: str | None = None) -> dict[str, Any]:
    code, out, err = _run(*args, "--format", "json", stdin=stdin)
    assert (code, err) == (0, "")
    summary: dict[str, Any] = json.loads(out)["summary"]
    return summary


def test_default_is_the_first_finding_with_a_scenario(report_path: Path) -> None:
    expected = run_scenario(_scenario(5))["summary"]
    assert _json_summary("--from-finding", str(report_path)) == expected


def test_finding_by_number(report_path: Path) -> None:
    expected = run_scenario(_scenario(0))["summary"]
    assert _json_summary("--from-finding", f"{report_path}:3") == expected


def test_variant_with_its_own_scenario(report_path: Path) -> None:
    expected = run_scenario(_scenario(20))["summary"]
    assert _json_summary("--from-finding", f"{report_path}:2",
                         "--variant", "suggested") == expected


def test_variant_without_a_scenario_is_the_findings_run(report_path: Path) -> None:
    expected = run_scenario(_scenario(5))["summary"]
    assert _json_summary("--from-finding", f"{report_path}:2", "--variant", "yours") == expected


def test_text_trace(report_path: Path) -> None:
    code, out, _ = _run("--from-finding", f"{report_path}:2")
    assert code == 0
    assert out == _run("--from-finding", str(report_path))[1]
    assert out.splitlines()[-1].startswith("containers: NODE_LOCAL 0, RACK_LOCAL")


def test_report_from_stdin() -> None:
    expected = run_scenario(_scenario(0))["summary"]
    assert _json_summary("--from-finding", "-:3", stdin=json.dumps(REPORT)) == expected


def _error(*args: str, stdin: str | None = None) -> str:
    code, out, err = _run(*args, stdin=stdin)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_missing_report(tmp_path: Path) -> None:
    err = _error("--from-finding", str(tmp_path / "absent.json"))
    assert "absent.json: cannot read" in err


def test_report_not_json(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("<xml/>", encoding="utf-8")
    assert "invalid JSON" in _error("--from-finding", f"{path}:1")


@pytest.mark.parametrize("document", [[], {"format": "yarnlint-scenario/1"},
                                      {"format": "yarnlint-report/1", "findings": {}}])
def test_not_a_report(tmp_path: Path, document: Any) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "not a yarnlint report" in _error("--from-finding", str(path))


@pytest.mark.parametrize("number", [0, 4, 99])
def test_finding_out_of_range(report_path: Path, number: int) -> None:
    err = _error("--from-finding", f"{report_path}:{number}")
    assert f"finding {number} out of range: the report has 3 findings" in err


def test_finding_without_evidence(report_path: Path) -> None:
    err = _error("--from-finding", f"{report_path}:1")
    assert err.endswith("finding 1 (YL001) has no simulation evidence\n")


def test_report_without_any_evidence(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(_report(_finding("YL001", None))), encoding="utf-8")
    assert "no finding has a simulation scenario" in _error("--from-finding", str(path))


def test_unknown_variant_lists_the_names(report_path: Path) -> None:
    err = _error("--from-finding", f"{report_path}:2", "--variant", "better")
    assert "has no variant 'better' (available: suggested, yours)" in err


def test_variant_of_a_finding_without_comparison(report_path: Path) -> None:
    err = _error("--from-finding", f"{report_path}:3", "--variant", "suggested")
    assert "the finding compares no runs" in err


def test_bad_scenario_in_evidence_names_the_finding(tmp_path: Path) -> None:
    broken = _scenario(5)
    broken["steps"][0]["asks"]["priority"] = "high"
    path = tmp_path / "report.json"
    path.write_text(json.dumps(_report(_finding("YL105", {"scenario": broken}))),
                    encoding="utf-8")
    err = _error("--from-finding", str(path))
    assert err.startswith(f"yarnlint simulate: {path}: finding 1: steps[0].asks.priority")


def test_from_finding_excludes_the_other_forms(report_path: Path) -> None:
    assert _run("--from-finding", str(report_path), "--nodes", "4")[0] == 2
    assert _run("--variant", "suggested", "--nodes", "4", "--request", "any")[0] == 2


def test_check_report_reruns_as_the_evidence_says(tmp_path: Path) -> None:
    """End to end: ``check --format json`` then ``simulate --from-finding`` per finding."""
    runner = CliRunner()
    checked = runner.invoke(cli, ["check", str(EXAMPLES / "risky-capacity-scheduler.xml"),
                                  "--nodes", "40", "--racks", "2", "--format", "json"])
    report = json.loads(checked.stdout)
    numbered = [(number, finding["evidence"]) for number, finding
                in enumerate(report["findings"], 1)
                if isinstance(finding.get("evidence"), dict) and "scenario" in finding["evidence"]]
    if not numbered:
        pytest.skip("no finding of this tree carries a simulation scenario")
    path = tmp_path / "report.json"
    path.write_text(checked.stdout, encoding="utf-8")
    for number, evidence in numbered:
        expected = run_scenario(evidence["scenario"])["summary"]
        assert _json_summary("--from-finding", f"{path}:{number}") == expected
        for name, run in (evidence.get("comparison") or {}).items():
            if not isinstance(run, dict):
                continue
            scenario = run.get("scenario") or {
                **evidence["scenario"], "scheduler": {**evidence["scenario"]["scheduler"],
                                                      **run.get("settings", {})}}
            assert (_json_summary("--from-finding", f"{path}:{number}", "--variant", name)
                    == run_scenario(scenario)["summary"])
