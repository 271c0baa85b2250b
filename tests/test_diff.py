"""``yarnlint diff OLD NEW``: the simulated impact of a change and the findings it brings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import REPO, config_xml, run_cli

P = "yarn.scheduler.capacity."
CLUSTER = ("--nodes", "40", "--racks", "2")


def _version(tmp_path: Path, name: str, delay: str | None) -> Path:
    properties = [(P + "root.queues", "default"), (P + "root.default.capacity", "100")]
    if delay is not None:
        properties.append((P + "node-locality-delay", delay))
    path = tmp_path / name / "capacity-scheduler.xml"
    path.parent.mkdir()
    path.write_text(config_xml(*properties), encoding="utf-8")
    return path


def _validator() -> jsonschema.Draft202012Validator:
    """The ``yarnlint-diff/1`` schema, with the report schema it refers to."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    schemas = {name: json.loads((REPO / "yarnlint" / "report" / name).read_text("utf-8"))
               for name in ("report.schema.json", "diff.schema.json")}
    registry = Registry().with_resources(
        (schema["$id"], DRAFT202012.create_resource(schema)) for schema in schemas.values())
    return jsonschema.Draft202012Validator(schemas["diff.schema.json"], registry=registry)


def _json(*args: object) -> tuple[int, dict]:
    result = run_cli("diff", *args, "--format", "json")
    return result.exit_code, json.loads(result.output)


def _metric(report: dict, name: str) -> dict:
    (metric,) = [m for m in report["impact"]["metrics"] if m["metric"] == name]
    return metric


def test_disabling_delay_scheduling_is_materially_worse(tmp_path: Path) -> None:
    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "0")
    code, report = _json(old, new, *CLUSTER, "--workload", "hdfs-batch")
    assert code == 1
    assert report["format"] == "yarnlint-diff/1"
    impact = report["impact"]
    assert (impact["verdict"], impact["severity"]) == ("worse", "warning")
    assert impact["changed"] == {"node-locality-delay": {"old": "40", "new": "0"}}
    assert (impact["file"], impact["line"], impact["column"]) == (str(new), 11, 3)
    local = _metric(report, "node_local_share")
    assert local["old"] - local["new"] >= local["threshold"]
    assert [f["rule_id"] for f in report["findings"]["new"]] == ["YL103"]
    sweep = impact["sweep"]
    assert (sweep["key"], sweep["old"], sweep["new"]) == ("node-locality-delay", "40", "0")
    shares = dict(zip(sweep["values"], sweep["metrics"]["node_local_share"], strict=True))
    assert (shares["40"], shares["0"]) == (local["old"], local["new"])
    _validator().validate(report)
    text = run_cli("diff", old, new, *CLUSTER, "--workload", "hdfs-batch").output
    assert f"{new}:11:3: warning: materially worse for the hdfs-batch workload" in text
    assert "node-local maps" in text and "findings: 1 new, 0 fixed" in text


def test_a_material_improvement_is_an_info(tmp_path: Path) -> None:
    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "1")
    code, report = _json(old, new, *CLUSTER, "--workload", "rack-burst")
    assert (report["impact"]["verdict"], report["impact"]["severity"]) == ("better", "info")
    burst = _metric(report, "rack_local_share")
    assert burst["new"] - burst["old"] >= burst["threshold"]
    assert code == 0 and report["findings"]["new"] == []


def test_deleting_the_key_is_judged_at_its_default(tmp_path: Path) -> None:
    old, new = _version(tmp_path, "old", "0"), _version(tmp_path, "new", None)
    code, report = _json(old, new, *CLUSTER, "--workload", "hdfs-batch")
    impact = report["impact"]
    assert impact["changed"] == {"node-locality-delay": {"old": "0", "new": "40"}}
    assert impact["verdict"] == "better"
    # Where the deleted property was: the line now there, the closing tag.
    lines = new.read_text(encoding="utf-8").splitlines()
    assert (impact["line"], impact["column"]) == (11, 1)
    assert lines[10] == "</configuration>"
    assert [f["rule_id"] for f in report["findings"]["fixed"]] == ["YL103"]
    assert code == 0


def test_no_simulated_change_and_no_cluster(tmp_path: Path) -> None:
    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "40")
    code, report = _json(old, new, *CLUSTER)
    assert (code, report["impact"]["verdict"], report["impact"]["metrics"]) == (
        0, "unchanged", [])
    changed = _version(tmp_path, "changed", "0")
    result = run_cli("diff", old, changed)
    assert "not simulated: pass --nodes N" in result.output


def test_usage_and_input_errors(tmp_path: Path) -> None:
    old = _version(tmp_path, "old", "40")
    assert run_cli("diff", old).exit_code == 2
    missing = run_cli("diff", old, tmp_path / "absent.xml", *CLUSTER)
    assert missing.exit_code == 2 and "absent.xml" in missing.output


def mermaid_charts(html: str) -> list[dict[str, object]]:
    """The Mermaid blocks of rendered Markdown, each checked against the ``xychart-beta``
    grammar line by line (the mermaid CLI needs a browser): the chart type, a quoted title,
    an x-axis of quoted categories, a y-axis with a quoted title and a numeric range, and
    bar or line series with one number per category. Returns each chart's parts."""
    import html as entities

    charts = []
    for block in re.findall(r'<pre><code class="language-mermaid">(.*?)</code></pre>', html,
                            re.S):
        lines = [line.strip() for line in entities.unescape(block).strip().splitlines()]
        assert lines[0] == "xychart-beta"
        title = re.fullmatch(r'title "([^"]*)"', lines[1])
        assert title, lines[1]
        assert lines[2].startswith("x-axis ")
        x_axis = lines[2].removeprefix("x-axis ")
        x_title = re.match(r'"([^"]*)" ', x_axis)
        categories = json.loads(x_axis[x_title.end():] if x_title else x_axis)
        assert categories and all(isinstance(c, str) for c in categories)
        y_axis = re.fullmatch(r'y-axis "([^"]*)" (-?[\d.]+) --> (-?[\d.]+)', lines[3])
        assert y_axis, lines[3]
        low, high = float(y_axis[2]), float(y_axis[3])
        series = []
        for line in lines[4:]:
            kind, _, values = line.partition(" ")
            assert kind in ("bar", "line"), line
            numbers = json.loads(values)
            assert len(numbers) == len(categories)
            assert all(low <= n <= high for n in numbers)
            series.append((kind, numbers))
        assert series
        charts.append({"title": title[1], "x": categories, "x_title": x_title[1] if x_title
                       else None, "y": y_axis[1], "series": series})
    return charts


def test_markdown_comment_renders_with_a_chart_that_parses(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "0")
    result = run_cli("diff", old, new, *CLUSTER, "--workload", "hdfs-batch",
                     "--format", "markdown")
    assert result.exit_code == 1
    html = MarkdownIt("commonmark").enable("table").render(result.output)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    assert cells[0] == ["metric", "old", "new", "material change"]
    assert cells[1][:3] == ["node-local maps", "100%", "25%"]
    assert all(len(row) == 4 for row in cells) and len(cells) == 3
    assert "<strong>materially worse</strong>" in html
    assert "<code>YL103</code>" in html
    # The sweep of the changed key: every delay the search tries, old and new marked.
    (chart,) = mermaid_charts(html)
    assert chart["x_title"] == "node-locality-delay"
    assert chart["x"][0] == "0 (new)" and "40 (old)" in chart["x"] and len(chart["x"]) >= 5
    values = [int(label.split()[0]) for label in chart["x"]]
    assert values == sorted(values) and 1 in values
    ((kind, shares),) = chart["series"]
    assert kind == "line" and shares[0] == 25 and shares[chart["x"].index("40 (old)")] == 100


def test_markdown_without_a_cluster_has_no_chart(tmp_path: Path) -> None:
    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "0")
    output = run_cli("diff", old, new, "--format", "markdown").output
    assert "```mermaid" not in output and "Not simulated" in output


def test_settings_the_simulator_cannot_run_are_not_simulated(tmp_path: Path) -> None:
    old = _version(tmp_path, "old", "40")
    new = tmp_path / "new.xml"
    new.write_text(config_xml((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                              (P + "schedule-asynchronously.enable", "true"),
                              (P + "schedule-asynchronously.scheduling-interval-ms", "-5")),
                   encoding="utf-8")
    _, report = _json(old, new, *CLUSTER)
    assert report["impact"]["verdict"] == "not simulated", report["impact"]
    assert "schedule-asynchronously.enable" in report["impact"]["changed"]


def test_review_bot_formats_report_the_impact_and_the_new_findings(tmp_path: Path) -> None:
    from test_report_formats import _validator

    old, new = _version(tmp_path, "old", "40"), _version(tmp_path, "new", "0")
    for path in (old, new):  # an unknown key in both versions: unchanged, suppressed
        path.write_text(path.read_text(encoding="utf-8").replace(
            "</configuration>", config_xml((P + "acme.plugin", "on")).split(
                "<configuration>\n")[1]), encoding="utf-8")
    args = (old, new, *CLUSTER, "--workload", "hdfs-batch", "--format")
    sarif_result = run_cli("diff", *args, "sarif")
    assert sarif_result.exit_code == 1
    sarif = json.loads(sarif_result.stdout)
    _validator("sarif-schema-2.1.0.json").validate(sarif)
    results = sarif["runs"][0]["results"]
    reported = sorted((r["ruleId"], "suppressions" in r) for r in results)
    assert reported == [("YL003", True), ("YL010", False), ("YL103", False)]
    (impact,) = [r for r in results if r["ruleId"] == "YL010"]
    assert impact["level"] == "warning"
    assert impact["locations"][0]["physicalLocation"]["region"]["startLine"] == 11
    assert "YL010" in [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    rdjson = json.loads(run_cli("diff", *args, "rdjson").stdout)
    _validator("rdjson-DiagnosticResult.schema.json").validate(rdjson)
    assert sorted(d["code"]["value"] for d in rdjson["diagnostics"]) == ["YL010", "YL103"]
    lines = run_cli("diff", *args, "rdjsonl").stdout.splitlines()
    line_validator = _validator("rdjsonl-Diagnostic.schema.json")
    for line in lines:
        line_validator.validate(json.loads(line))
    assert len(lines) == 2
    github = run_cli("diff", *args, "github").stdout.splitlines()
    assert [line.split("::")[1].split(" ")[0] for line in github if line.startswith("::w")] \
        == ["warning", "warning"]
    assert any(line.startswith("::warning file=") and ",line=11,col=3,title=YL010 change.impact"
               "::node-locality-delay 40 -> 0: materially worse" in line for line in github)
