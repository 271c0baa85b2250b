"""The command line: formats, exit codes, errors without tracebacks, rules and explain."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import REPO, run_cli

P = "yarn.scheduler.capacity."
SCHEMA = json.loads((REPO / "yarnlint" / "report" / "report.schema.json").read_text())


def test_text_lines_sorted_with_summary(write_config) -> None:
    path = write_config((P + "root.queues", "default"), (P + "node-locality-delays", "1"),
                        (P + "node-locality-delay", "x"), (P + "root.default.capacity", "100"))
    result = run_cli("check", path)
    lines = result.output.splitlines()
    assert result.exit_code == 1
    pattern = re.compile(r"^(.+):(\d+):(\d+): (YL\d{3}) (error|warning|info) .+")
    parsed = [pattern.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    positions = [(int(m.group(2)), int(m.group(3))) for m in parsed if m]
    assert positions == sorted(positions)
    assert re.match(r"^\d+ findings \(1 error, 1 warning, \d+ infos?\) in 1 file$", lines[-1])


def test_json_report_validates_and_names_keys(write_config) -> None:
    path = write_config((P + "node-locality-delay", "forty"))
    result = run_cli("check", path, "--format", "json", "--nodes", "40", "--racks", "2")
    report = json.loads(result.output)
    jsonschema.validate(report, SCHEMA)
    (bad,) = [f for f in report["findings"] if f["rule_id"] == "YL004"]
    assert (bad["key"], bad["value"], bad["line"], bad["column"]) == (
        P + "node-locality-delay", "forty", 3, 3)
    assert report["inputs"][0]["cluster"]["nodes"] == 40


def test_fail_on_threshold(write_config) -> None:
    path = write_config((P + "node-locality-delays", "1"))
    assert run_cli("check", path).exit_code == 1
    assert run_cli("check", path, "--fail-on", "error").exit_code == 0
    assert run_cli("check", path, "--exit-zero").exit_code == 0


def test_select_and_ignore(write_config) -> None:
    path = write_config((P + "node-locality-delays", "1"))
    assert run_cli("check", path, "--ignore", "YL003").exit_code == 0
    assert run_cli("check", path, "--ignore", "structure.unknown-key").exit_code == 0
    assert run_cli("check", path, "--select", "yl004").exit_code == 0


def test_missing_file_is_exit_2_without_traceback(tmp_path: Path, write_config) -> None:
    good = write_config((P + "root.queues", "default"))
    result = run_cli("check", tmp_path / "absent.xml", good)
    assert result.exit_code == 2
    assert "absent.xml: no such file" in result.output
    assert "Traceback" not in result.output
    assert "in 2 files; 1 input error" in result.output


def test_usage_errors_exit_2(write_config) -> None:
    path = write_config()
    assert run_cli("check", path, "--nodes", "0").exit_code == 2
    assert run_cli("check", path, "--racks", "3").exit_code == 2
    assert run_cli("check", path, "--format", "nope").exit_code == 2
    assert run_cli("explain", "YL999").exit_code == 2


def test_rules_and_explain() -> None:
    listing = run_cli("rules").output
    for rule_id in ("YL000", "YL001", "YL002", "YL003", "YL004", "YL005"):
        assert rule_id in listing
    text = run_cli("explain", "yl003").output
    assert "structure.unknown-key" in text and "Why it matters on YARN" in text
    assert run_cli("explain", "structure.unknown-key").output == text


def test_main_entry_point_reports_internal_errors(monkeypatch, capsys) -> None:
    import pytest

    from yarnlint import cli

    def explode(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("yarnlint.pipeline.linter.Linter.lint", explode)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "x.xml"])
    assert exit_info.value.code == 2
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err


def test_rules_json_lists_every_rule_with_docs() -> None:
    listed = json.loads(run_cli("rules", "--format", "json").output)
    assert {"YL000", "YL003"} <= {r["id"] for r in listed}
    assert all(r["summary"] and r["help_uri"].endswith("#" + r["id"].lower()) for r in listed)


def test_docs_rules_page_is_generated_from_the_rule_docstrings() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == run_cli("rules", "--format", "markdown").output, (
        "docs/rules.md is stale: regenerate it with 'yarnlint rules --format markdown "
        "> docs/rules.md'")


def test_reports_never_overwrite_an_input(write_config) -> None:
    path = write_config((P + "node-locality-delays", "1"))
    before = path.read_bytes()
    for option in ("--output", "--write-baseline"):
        result = run_cli("check", path, option, path)
        assert result.exit_code == 2 and "never overwrites its input" in result.output
    assert path.read_bytes() == before
