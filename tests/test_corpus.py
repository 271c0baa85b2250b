"""Every real configuration in ../shared/corpus lints without tool errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, corpus_files, run_cli

FILES = corpus_files("*.xml")


@pytest.mark.skipif(not FILES, reason="../shared/corpus not available")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:60])
def test_corpus_file_lints_with_located_findings(path: Path) -> None:
    result = run_cli("check", path, "--nodes", "400", "--racks", "10", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    for finding in report["findings"]:
        assert finding["file"] and finding["line"] >= 1, finding
        if finding["key"] is None or not finding["file"].endswith(path.name):
            continue
        source = lines[finding["line"] - 1]
        assert source[finding["column"] - 1:].startswith("<property"), (finding, source)


@pytest.mark.skipif(not FILES, reason="../shared/corpus not available")
def test_corpus_findings_that_must_be_there() -> None:
    expected = {
        "vicentebolea__hadoop-etc__capacity-scheduler.xml": {"YL001", "YL003"},
        "rvs__hdeploy__conf_capacity-scheduler.xml": {"YL006"},
        "sunternet__hadoop_basic__capacity-scheduler.xml": {"YL000"},
        "raswaminathan__yarnapplicationstatistics__capacity-scheduler.xml": {"YL007"},
        "zhm-bigdata__ourCluster__etc_hadoop_capacity-scheduler.xml": {"YL001"},
    }
    for name, rule_ids in expected.items():
        result = run_cli("check", CORPUS / name, "--format", "json")
        found = {f["rule_id"] for f in json.loads(result.output)["findings"]}
        assert rule_ids <= found, (name, found)


@pytest.mark.skipif(not FILES, reason="../shared/corpus not available")
def test_right_looking_keys_are_not_flagged() -> None:
    name = "zhengxle__hadoop-scheduler-config__capacity-scheduler.xml"
    result = run_cli("check", CORPUS / name, "--format", "json")
    assert not [f for f in json.loads(result.output)["findings"] if f["rule_id"] == "YL003"]
