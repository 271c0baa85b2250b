"""Fixes in the reports: JSON ``fix``, rdjson/rdjsonl ``suggestions``, SARIF ``fixes``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import corpus_files, run_cli
from test_report_formats import REPORT_SCHEMA, _validator

from yarnlint.model.cluster import ClusterSpec
from yarnlint.pipeline.linter import Linter
from yarnlint.pipeline.options import LintOptions
from yarnlint.report import RenderContext, renderer

CORPUS = corpus_files()


def _render(path: Path, fmt: str) -> str:
    report = Linter().lint([path], LintOptions(cluster=ClusterSpec(nodes=400, racks=10)))
    return renderer(fmt)(report, RenderContext(base_dir=path.parent))


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus not available")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:60])
def test_fixes_validate_and_agree_in_every_format(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    data = copy.read_bytes()
    document = json.loads(_render(copy, "json"))
    jsonschema.validate(document, REPORT_SCHEMA)
    fixes = [f["fix"] for f in document["findings"]]
    rdjson = json.loads(_render(copy, "rdjson"))
    _validator("rdjson-DiagnosticResult.schema.json").validate(rdjson)
    line_validator = _validator("rdjsonl-Diagnostic.schema.json")
    for line in _render(copy, "rdjsonl").splitlines():
        line_validator.validate(json.loads(line))
    sarif = json.loads(_render(copy, "sarif"))
    _validator("sarif-schema-2.1.0.json").validate(sarif)
    results = sarif["runs"][0]["results"]
    for fix, diagnostic, result in zip(fixes, rdjson["diagnostics"], results, strict=True):
        assert ("suggestions" in diagnostic) == (fix is not None) == ("fixes" in result)
        if fix is None:
            continue
        [suggestion] = diagnostic["suggestions"]
        start, end = suggestion["range"]["start"], suggestion["range"]["end"]
        assert (start["line"], start["column"], end["line"], end["column"]) == (
            fix["start_line"], fix["start_column"], fix["end_line"], fix["end_column"])
        assert suggestion["text"] == fix["text"]
        lines = data.split(b"\n")
        offset = sum(len(line) + 1 for line in lines[:start["line"] - 1]) + start["column"] - 1
        assert offset == fix["byte_start"]  # 1-based byte columns, end exclusive
        [change] = result["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"]["uri"] == path.name
        [replacement] = change["replacements"]
        region = replacement["deletedRegion"]
        assert region["byteOffset"] == fix["byte_start"]
        assert region["byteLength"] == fix["byte_end"] - fix["byte_start"]
        assert replacement["insertedContent"]["text"] == fix["text"]
        if fix["kind"] == "replace":
            assert fix["text"] == fix["value"]


def test_text_report_shows_fix_and_rerun(write_config) -> None:
    path = write_config(("yarn.scheduler.capacity.node-locality-delay", "0"))
    text = run_cli("check", path, "--nodes", "400", "--racks", "10").output
    assert "    fix: set node-locality-delay to 40 (in place; yarnlint fix applies it)" in text
    assert "    fix: set rack-locality-additional-delay to" in text
    assert "as a new <property>" in text
    assert "    re-run: " in text
