"""SARIF, rdjson/rdjsonl, GitHub annotations and JSON: schemas, evidence, escaping, --output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO, SCHEMAS, corpus_files, require_shared, run_cli

from yarnlint.core.findings import EXTERNAL, IN_SOURCE, Finding, Location, Severity, Suppressed
from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.results import FileResult, Report
from yarnlint.report import RenderContext, renderer
from yarnlint.report.github_format import escape_data, escape_property

P = "yarn.scheduler.capacity."
REPORT_SCHEMA = json.loads((REPO / "yarnlint" / "report" / "report.schema.json").read_text())
EVIDENCE = {
    "workload": {"name": "hdfs-batch", "summary": "maps reading HDFS"},
    "cluster": "400 nodes in 10 racks, 1000 ms heartbeats",
    "held": {},
    "table": [{"metric": "node-local maps", "unit": "%", "yours": 25.0, "suggested": 100.0,
               "threshold": 10.0},
              {"metric": "time to place all", "unit": "s", "yours": 0.08, "suggested": 0.32,
               "threshold": 1.0}],
    "rerun": "yarnlint simulate --nodes 400 --racks 10 --delay 40",
    "scenario": {"nodes": 400, "racks": 10, "node_locality_delay": 40},
}
TABLE_ROW = "node-local maps       25%       100%"


def _schema(name: str) -> dict[str, Any]:
    return json.loads(require_shared(SCHEMAS / name).read_text(encoding="utf-8"))


def _validator(name: str) -> jsonschema.protocols.Validator:
    """A draft-04 validator; the rdjson schemas are registered so they may refer to each other."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    names = ("rdjson-DiagnosticResult.schema.json", "rdjsonl-Diagnostic.schema.json")
    registry: Registry = Registry().with_resources(
        (other, DRAFT4.create_resource(_schema(other))) for other in names)
    return jsonschema.Draft4Validator(_schema(name), registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _finding(message: str = "a message", rule: str = "YL003", line: int = 3,
             severity: Severity = Severity.WARNING, file: str = "capacity-scheduler.xml",
             key: str | None = P + "x", evidence: dict[str, Any] | None = None) -> Finding:
    return Finding(rule, "structure.unknown-key", severity, message, Location(file, line, 3),
                   key=key, value="1", evidence=evidence)


def _report(*findings: Finding) -> Report:
    report = Report(rules=Linter().rules)
    report.files.append(FileResult("capacity-scheduler.xml", list(findings)))
    return report


def _render(fmt: str, report: Report, **context: Any) -> str:
    return renderer(fmt)(report, RenderContext(**context))


def _corpus_report(path: Path) -> tuple[Report, RenderContext]:
    """Lint a corpus file on a 400-node cluster; its first finding is marked as baselined."""
    options = LintOptions(cluster=ClusterSpec(nodes=400, racks=10))
    report = Linter().lint([path], options)
    suppressed: tuple[Suppressed, ...] = ()
    if report.files[0].findings:
        first = report.files[0].findings.pop(0)
        suppressed = (Suppressed(first, EXTERNAL, "recorded in baseline"),)
    return report, RenderContext(suppressed=suppressed)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_format_validates_on_the_corpus(path: Path) -> None:
    report, context = _corpus_report(path)
    sarif = json.loads(renderer("sarif")(report, context))
    _validator("sarif-schema-2.1.0.json").validate(sarif)
    rdjson = json.loads(renderer("rdjson")(report, context))
    _validator("rdjson-DiagnosticResult.schema.json").validate(rdjson)
    line_validator = _validator("rdjsonl-Diagnostic.schema.json")
    lines = renderer("rdjsonl")(report, context).splitlines()
    for line in lines:
        line_validator.validate(json.loads(line))
    document = json.loads(renderer("json")(report, context))
    jsonschema.validate(document, REPORT_SCHEMA)
    reported = len(report.findings)
    assert len(rdjson["diagnostics"]) == len(lines) == reported
    assert len(sarif["runs"][0]["results"]) == len(document["findings"]) == reported + len(
        context.suppressed)
    github = renderer("github")(report, context).splitlines()
    assert sum(1 for g in github if g.startswith(("::error", "::warning", "::notice"))) == \
        reported  # the corpus files stay within GitHub's annotation budget


def test_sarif_result_and_rule_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      write_config) -> None:
    (tmp_path / "conf").mkdir()
    path = write_config((P + "root.queues", "default"), (P + "zzz", "1"),
                        name="conf/capacity-scheduler.xml")
    monkeypatch.chdir(tmp_path)
    log = json.loads(run_cli("check", path.resolve(), "--format", "sarif").output)
    _validator("sarif-schema-2.1.0.json").validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    (result,) = [r for r in run["results"] if r["ruleId"] == "YL003"]
    assert result["level"] == "warning"
    assert result["message"]["text"].startswith("unknown key " + P + "zzz")
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "conf/capacity-scheduler.xml"
    assert where["region"] == {"startLine": 7, "startColumn": 3}
    assert result["properties"]["key"] == P + "zzz"
    assert {r["ruleId"] for r in run["results"]} <= set(rules)
    rule = rules["YL003"]
    assert rule["name"] == "structure.unknown-key"
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert rule["helpUri"].endswith("#yl003")
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "YL003"


def test_sarif_fingerprints_survive_unrelated_edits(write_config) -> None:
    def fingerprints(*before: tuple[str, str]) -> tuple[dict[str, str], list[int]]:
        path = write_config(*before, (P + "zzz", "1"), (P + "yyy", "2"))
        results = json.loads(run_cli("check", path, "--format", "sarif").output)[
            "runs"][0]["results"]
        lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                 for r in results]
        return {r["properties"]["key"]: r["partialFingerprints"]["yarnlint/v1"]
                for r in results}, lines

    first, lines_before = fingerprints()
    second, lines_after = fingerprints((P + "root.queues", "default"),
                                       (P + "maximum-applications", "100"),
                                       (P + "root.default.capacity", "100"))
    assert first == second
    assert lines_before != lines_after
    assert len(set(first.values())) == len(first)


def test_evidence_in_every_format() -> None:
    report = _report(_finding(evidence=EVIDENCE))
    text = _render("text", report)
    assert f"\n    {TABLE_ROW}\n" in text
    assert "\n    hdfs-batch workload on 400 nodes in 10 racks, 1000 ms heartbeats\n" in text
    assert f"    re-run: {EVIDENCE['rerun']}" in text
    assert json.loads(_render("json", report))["findings"][0]["evidence"] == EVIDENCE
    sarif = json.loads(_render("sarif", report))["runs"][0]["results"][0]
    assert sarif["properties"]["evidence"] == EVIDENCE
    assert TABLE_ROW in sarif["message"]["text"]
    diagnostic = json.loads(_render("rdjson", report))["diagnostics"][0]
    assert json.loads(diagnostic["original_output"])["evidence"] == EVIDENCE
    assert TABLE_ROW in diagnostic["message"]
    line = json.loads(_render("rdjsonl", report).splitlines()[0])
    assert json.loads(line["original_output"])["evidence"] == EVIDENCE
    assert escape_data(TABLE_ROW) in _render("github", report)


def test_rdjson_code_and_severity() -> None:
    report = _report(_finding(severity=Severity.ERROR), _finding(line=9, key=P + "y"),
                     _finding(line=12, severity=Severity.INFO, key=P + "z"))
    diagnostics = json.loads(_render("rdjson", report))["diagnostics"]
    assert [d["severity"] for d in diagnostics] == ["ERROR", "WARNING", "INFO"]
    assert diagnostics[0]["code"] == {
        "value": "YL003",
        "url": "https://github.com/yarnlint/yarnlint/blob/main/docs/rules.md#yl003"}
    assert diagnostics[1]["location"] == {
        "path": "capacity-scheduler.xml",
        "range": {"start": {"line": 9, "column": 3}}}
    assert [json.loads(x) for x in _render("rdjsonl", report).splitlines()] == diagnostics


def test_github_escapes_message_and_properties(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    message = "100% of a,b: c\r\nnext line"
    report = _report(_finding(message, file="odd:name,1.xml"))
    (line,) = _render("github", report).splitlines()[1:-1]
    assert line == ("::warning file=odd%3Aname%2C1.xml,line=3,col=3,"
                    "title=YL003 structure.unknown-key::"
                    "100%25 of a,b: c%0D%0Anext line")
    assert escape_property("a%b:c,d\ne") == "a%25b%3Ac%2Cd%0Ae"


def test_github_groups_by_file_errors_first() -> None:
    report = _report(_finding(line=3), _finding(line=9, severity=Severity.ERROR, key="k"),
                     _finding(line=1, severity=Severity.INFO, file="b.xml"),
                     _finding(line=5, severity=Severity.ERROR, file="b.xml"))
    lines = _render("github", report).splitlines()
    assert lines[0] == "::group::b.xml" and lines[3] == "::endgroup::"
    assert [line.split(" ")[0] for line in lines] == [
        "::group::b.xml", "::error", "::notice", "::endgroup::",
        "::group::capacity-scheduler.xml", "::error", "::warning", "::endgroup::"]


def test_suppressed_findings_are_marked_in_sarif_and_json_only() -> None:
    kept = _finding(line=3)
    silenced = _finding("silenced", line=1, key=P + "y")  # listed after the reported one
    report = _report(kept)
    context = {"suppressed": (Suppressed(silenced, IN_SOURCE, "vendor key"),)}
    results = json.loads(_render("sarif", report, **context))["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [
        None, [{"kind": "inSource", "status": "accepted", "justification": "vendor key"}]]
    document = json.loads(_render("json", report, **context))
    jsonschema.validate(document, REPORT_SCHEMA)
    assert [f["suppressions"] for f in document["findings"]] == [
        [], [{"kind": "inSource", "justification": "vendor key"}]]
    assert document["summary"]["findings"] == 1 and document["summary"]["suppressed"] == 1
    for fmt in ("rdjson", "rdjsonl", "github"):
        assert "silenced" not in _render(fmt, report, **context)
    assert _render("text", report, **context).endswith("; 1 suppressed\n")


@pytest.mark.parametrize("fmt", ["sarif", "rdjson", "rdjsonl", "github", "json"])
def test_output_file_gets_the_format_and_terminal_the_text(tmp_path: Path, write_config,
                                                           fmt: str) -> None:
    path = write_config((P + "zzz", "1"))
    target = tmp_path / f"report.{fmt}"
    result = run_cli("check", path, "--format", fmt, "--output", target, "--ignore", "YL009")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("1 finding (0 errors, 1 warning")
    assert "YL003 warning unknown key" in result.output
    written = target.read_text(encoding="utf-8")
    assert written == run_cli("check", path, "--format", fmt, "--ignore", "YL009").output


def test_statistics_after_the_report(write_config) -> None:
    path = write_config((P + "zzz", "1"), (P + "yyy", "1"), (P + "zzz", "2"))
    lines = run_cli("check", path, "--statistics", "--ignore", "YL009").output.splitlines()
    assert lines[-2:] == ["3  YL003  structure.unknown-key", "1  YL001  structure.duplicate-key"]
    assert lines[-3].startswith("4 findings")
    result = run_cli("check", path, "--statistics", "--format", "sarif", "--select", "YL003")
    json.loads(result.stdout)
    assert "3  YL003" in result.stderr


def test_github_annotation_budget_prints_the_rest_as_plain_lines() -> None:
    warnings = [_finding(f"w{i}", line=i + 1) for i in range(13)]
    errors = [_finding(f"e{i}", line=i + 40, severity=Severity.ERROR) for i in range(2)]
    lines = _render("github", _report(*warnings, *errors)).splitlines()
    kinds = [line.split(" ")[0] for line in lines]
    assert kinds.count("::error") == 2 and kinds.count("::warning") == 10
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 3 and all(" YL003 warning w" in line for line in plain)
    assert lines[-1].startswith("::notice title=yarnlint::3 more findings")


@pytest.mark.parametrize(("fmt", "items"), [("json", "findings"), ("sarif", "results"),
                                            ("rdjson", "diagnostics")])
def test_long_lists_are_one_item_per_line(fmt: str, items: str) -> None:
    """Findings, results and diagnostics: one per line, the rest indented as usual."""
    findings = [_finding(f"message {n}", line=n + 1, evidence=EVIDENCE) for n in range(3)]
    text = _render(fmt, _report(*findings))
    document = json.loads(text)
    listed = document["runs"][0][items] if fmt == "sarif" else document[items]
    lines = text.splitlines()
    opening = next(n for n, line in enumerate(lines) if line.strip() == f'"{items}": [')
    assert [json.loads(line.strip().rstrip(",")) for line in
            lines[opening + 1:opening + 1 + len(listed)]] == listed
    assert lines[1].startswith('  "') and lines[-1] == "}"


def test_json_text_is_indented_json_with_one_line_items() -> None:
    from yarnlint.core.jsontext import json_text

    value = {"a": [1, {"b": [], "c": {}}], "items": [{"x": [1, 2]}, "y"], 3: None, "e": ()}
    assert json_text(value) == json.dumps(value, indent=2)
    assert json_text(value, indent=1) == json.dumps(value, indent=1)
    flat = json_text(value, ["items"])
    assert json.loads(flat) == json.loads(json.dumps(value))
    assert '    {"x": [1, 2]},\n    "y"\n' in flat
