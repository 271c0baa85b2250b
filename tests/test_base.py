"""``yarnlint check --base REF``: a throwaway git repository with a base and a head commit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, config_xml, run_cli
from test_diff import mermaid_charts

P = "yarn.scheduler.capacity."
QUEUES = ((P + "root.queues", "default"), (P + "root.default.capacity", "100"))
SETTINGS = """workload = "hdfs-batch"
nodes = 40
racks = 2

[[overrides]]
paths = ["lab/**"]
nodes = 400
racks = 10
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c",
                           "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def _write(repo: Path, cluster: str, *properties: tuple[str, str]) -> None:
    path = repo / cluster / "capacity-scheduler.xml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(config_xml(*QUEUES, *properties), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """prod (40 nodes): node-locality-delay 40 -> 0, a misspelt key removed, an unknown key
    kept; lab (400 nodes): rack-locality-additional-delay deleted; dev: new in the head."""
    _git(tmp_path, "init", "-q")
    (tmp_path / ".yarnlint.toml").write_text(SETTINGS, encoding="utf-8")
    _write(tmp_path, "prod", (P + "node-locality-delay", "40"),
           (P + "node-locality-dealy", "5"), (P + "acme.plugin", "on"))
    _write(tmp_path, "lab", (P + "node-locality-delay", "40"),
           (P + "rack-locality-additional-delay", "0"),
           (P + "maximum-am-resource-percent", "0.2"))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _write(tmp_path, "prod", (P + "node-locality-delay", "0"), (P + "acme.plugin", "on"))
    _write(tmp_path, "lab", (P + "node-locality-delay", "40"),
           (P + "maximum-am-resource-percent", "0.2"))
    _write(tmp_path, "dev", (P + "node-locality-delay", "40"))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "head")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_reports_the_impact_and_the_new_findings_only(repo: Path) -> None:
    result = run_cli("check", "--base", "HEAD~1")
    assert result.exit_code == 1
    out = result.stdout
    assert ("prod/capacity-scheduler.xml:11:3: YL010 warning node-locality-delay 40 -> 0: "
            "materially worse for the hdfs-batch workload on 40 nodes in 2 racks") in out
    assert re.search(r"^    node-local maps +100% +25%  10 points$", out, re.M)
    assert "prod/capacity-scheduler.xml against HEAD~1: 1 new, 1 fixed, 1 unchanged" in out
    assert re.search(r"^  fixed HEAD~1:prod/capacity-scheduler.xml:\d+:3: YL003 .*dealy", out,
                     re.M)
    assert "acme.plugin" not in out  # unchanged: not reported
    # The re-run reads a report of the same comparison (the findings in the same order).
    assert ("re-run: yarnlint check prod/capacity-scheduler.xml --base 'HEAD~1' --format json"
            " > report.json && yarnlint simulate --from-finding report.json:") in out
    assert "dev/capacity-scheduler.xml: new since HEAD~1: 0 findings" in out
    # The deleted key's finding and impact point where its property was (line 15 now holds
    # the next property), not at node-locality-delay (line 11) nor at line 1.
    assert "lab/capacity-scheduler.xml:15:3: YL105 warning rack-locality-additional-delay" \
        in out
    assert "lab/capacity-scheduler.xml:15:3: YL010 warning rack-locality-additional-delay " \
        "0 -> -1: materially worse for the hdfs-batch workload on 400 nodes in 10 racks" in out
    plain = run_cli("check", "lab").stdout
    assert "lab/capacity-scheduler.xml:11:3: YL105" in plain


def test_json_has_the_base_section_and_the_unchanged_findings_suppressed(repo: Path) -> None:
    result = run_cli("check", "--base", "HEAD~1", "--format", "json")
    report = json.loads(result.stdout)
    schema = json.loads((REPO / "yarnlint" / "report" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    base = report["base"]
    assert (base["ref"], base["commit"]) == ("HEAD~1", _git(repo, "rev-parse", "HEAD~1"))
    files = {entry["file"]: entry for entry in base["files"]}
    prod = files["prod/capacity-scheduler.xml"]
    assert prod["base"] == "HEAD~1:prod/capacity-scheduler.xml"
    assert prod["impact"]["verdict"] == "worse"
    assert prod["impact"]["changed"] == {"node-locality-delay": {"old": "40", "new": "0"}}
    (local,) = [m for m in prod["impact"]["metrics"] if m["metric"] == "node_local_share"]
    assert local["old"] - local["new"] >= local["threshold"]
    assert (prod["findings"]["new"], prod["findings"]["unchanged"]) == (1, 1)
    assert [f["key"] for f in prod["findings"]["fixed"]] == [P + "node-locality-dealy"]
    assert files["dev/capacity-scheduler.xml"]["base"] is None
    assert files["dev/capacity-scheduler.xml"]["impact"]["verdict"] == "no base"
    unchanged = [f for f in report["findings"] if f["suppressions"]]
    assert [(f["key"], f["suppressions"]) for f in unchanged] == [
        (P + "acme.plugin", [{"kind": "external", "justification": "unchanged since HEAD~1"}])]
    impacts = [f for f in report["findings"] if f["rule_id"] == "YL010"]
    assert {f["file"] for f in impacts} == {"prod/capacity-scheduler.xml",
                                             "lab/capacity-scheduler.xml"}


def test_markdown_comment_per_file(repo: Path) -> None:
    from markdown_it import MarkdownIt

    result = run_cli("check", "--base", "HEAD~1", "--format", "markdown")
    assert result.exit_code == 1
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<h2>yarnlint against <code>HEAD~1</code></h2>" in html
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    assert headings == ["<code>dev/capacity-scheduler.xml</code>: new since <code>HEAD~1</code>",
                        "<code>lab/capacity-scheduler.xml</code>",
                        "<code>prod/capacity-scheduler.xml</code>"]
    tables = re.findall(r"<table>(.*?)</table>", html, re.S)
    assert len(tables) == 2
    assert "<td>node-local maps</td>\n<td style=\"text-align:right\">100%</td>" in tables[1]
    assert len(mermaid_charts(html)) == 2
    assert "<strong>Fixed</strong>" in html and "node-locality-dealy" in html


def test_a_revision_that_does_not_exist_is_an_input_error(repo: Path) -> None:
    result = run_cli("check", "--base", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "yarnlint: error: --base no-such-branch: no such commit in the repository of dev"]
    assert result.stdout == ""
    assert run_cli("check", "--base", "--output=x").exit_code == 2


def test_outside_a_git_work_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "prod", (P + "node-locality-delay", "40"))
    result = run_cli("check", "--base", "main")
    assert result.exit_code == 2 and "is not in a git work tree" in result.stderr


def test_sarif_keeps_the_unchanged_findings_as_suppressed(repo: Path) -> None:
    from test_report_formats import _validator

    sarif = json.loads(run_cli("check", "--base", "HEAD~1", "--format", "sarif").stdout)
    _validator("sarif-schema-2.1.0.json").validate(sarif)
    results = sarif["runs"][0]["results"]
    suppressed = [(r["ruleId"], r["suppressions"][0]["justification"]) for r in results
                  if "suppressions" in r]
    assert suppressed == [("YL003", "unchanged since HEAD~1")]
    assert sorted(r["ruleId"] for r in results if "suppressions" not in r) == [
        "YL010", "YL010", "YL103", "YL105"]


def test_markdown_without_a_base_lists_the_findings_per_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown_it import MarkdownIt

    _write(tmp_path, "prod", (P + "node-locality-dealy", "5"))
    _write(tmp_path, "dev", (P + "acme|plugin&lt;b&gt;", "on"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "markdown", "--ignore", "YL009")
    assert result.exit_code == 1
    html = MarkdownIt("commonmark").render(result.stdout)
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["<code>dev/capacity-scheduler.xml</code>",
                                                   "<code>prod/capacity-scheduler.xml</code>"]
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 2 and "<code>YL003</code>" in items[1] and "dealy" in items[1]
    assert "acme\\|plugin&lt;b&gt;" in result.stdout  # no cell break, no HTML
    assert "<b>" not in html
    assert html.rstrip().endswith("<p><em>2 findings (0 errors, 2 warnings, 0 infos) in 2 "
                                  "files</em></p>")
