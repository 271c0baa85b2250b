"""Verdicts the simulation decides, on the whole corpus: every warning is backed by its own
numbers, every scenario is the user's file, and ``fix`` lands on what ``check`` recommends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, corpus_files, require_shared, run_cli

from yarnlint.pipeline.linter import build_model
from yarnlint.pipeline.options import DEFAULT_HADOOP_VERSION, LintOptions
from yarnlint.whatif.search import user_settings

SIZES = (("20", None), ("60", "3"), ("200", "5"), ("400", "10"), ("2000", "50"))
STOCK = CORPUS / "apache__hadoop__hadoop-yarn-server-resourcemanager_conf_capacity-scheduler.xml"
P = "yarn.scheduler.capacity."


def cluster_flags(nodes: str, racks: str | None) -> list[str]:
    return ["--nodes", nodes, *(["--racks", racks] if racks else [])]


def report(*args: str) -> dict[str, Any]:
    result = run_cli("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def gain(verdict: dict[str, Any]) -> float:
    yours, suggested = verdict["yours"], verdict["suggested"]
    if yours is None:
        return float("inf") if suggested is not None else 0.0
    if suggested is None:
        return float("-inf")
    return suggested - yours if verdict["better"] == "higher" else yours - suggested


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The corpus capacity-scheduler files, copied so ``fix`` may rewrite them."""
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus not available")
    folder = tmp_path_factory.mktemp("corpus")
    return [Path(shutil.copy(path, folder / path.name)) for path in files]


@pytest.mark.parametrize(("nodes", "racks"), SIZES, ids=[f"{n}-{r or 1}" for n, r in SIZES])
def test_warnings_show_their_gain_and_scenarios_are_the_users_file(
        corpus_copy: list[Path], nodes: str, racks: str | None) -> None:
    found = report(*map(str, corpus_copy), *cluster_flags(nodes, racks))
    simulated = [f for f in found["findings"] if f["evidence"] and "verdict" in f["evidence"]]
    for finding in simulated:
        evidence = finding["evidence"]
        if finding["severity"] == "warning":
            assert gain(evidence["verdict"]) >= evidence["verdict"]["threshold"], finding
            assert finding["fix"] is not None and len(finding["message"]) <= 160
        model = build_model(Path(finding["file"]), finding["file"],
                            LintOptions(hadoop_version=DEFAULT_HADOOP_VERSION))
        expected = {**user_settings(model), **evidence["held"]}
        scheduler = dict(evidence["scenario"]["scheduler"])
        scheduler.pop("heartbeat-interval-ms")
        assert scheduler == expected, finding["message"]
    print(f"\n{nodes}/{racks or 1}: {sum(f['severity'] == 'warning' for f in simulated)} "
          f"simulated warnings")


@pytest.mark.parametrize(("nodes", "racks"), SIZES, ids=[f"{n}-{r or 1}" for n, r in SIZES])
def test_fix_lands_on_what_check_recommends(tmp_path: Path, nodes: str, racks: str | None
                                            ) -> None:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus not available")
    copies = [Path(shutil.copy(path, tmp_path / path.name)) for path in files]
    for copy in copies:  # ../shared is read-only, and fix refuses read-only files
        copy.chmod(0o644)
    flags = cluster_flags(nodes, racks)
    before = report(*map(str, copies), *flags)
    recommended = {(f["file"], f["fix"]["key"]): f["fix"]["value"]
                   for f in before["findings"] if f["fix"] is not None}
    run_cli("fix", *map(str, copies), *flags)
    after = report(*map(str, copies), *flags)
    assert [f for f in after["findings"] if f["fix"] is not None] == []
    for (file, key), value in recommended.items():
        model = build_model(Path(file), file, LintOptions())
        assert model.conf.get(key) == value, (file, key)
    fixed = {path: path.read_bytes() for path in copies}
    run_cli("fix", *map(str, copies), *flags)
    assert {path: path.read_bytes() for path in copies} == fixed


def test_stock_file_on_small_single_rack_clusters() -> None:
    require_shared(STOCK)
    for nodes in ("3", "10", "20", "30", "40"):
        found = report(str(STOCK), "--nodes", nodes)
        warnings = [f for f in found["findings"] if f["severity"] == "warning"]
        assert warnings == [], (nodes, [f["message"] for f in warnings])
    capped = report(str(STOCK), "--nodes", "20")["findings"]
    info = [f for f in capped if f["rule_id"] == "YL101"]
    assert info and info[0]["severity"] == "info" and "YARN uses 20" in info[0]["message"]


def test_locality_free_never_asks_for_a_delay() -> None:
    path = require_shared(CORPUS / "kphan102__hadoop-conf__capacity-scheduler.xml")
    found = report(str(path), "--nodes", "60", "--racks", "3", "--workload", "locality-free")
    assert [f for f in found["findings"] if f["rule_id"] in ("YL103", "YL105")] == []
    hdfs = report(str(path), "--nodes", "60", "--racks", "3", "--workload", "hdfs-batch")
    assert [f["rule_id"] for f in hdfs["findings"] if f["severity"] == "warning"] == ["YL103"]


def test_recommendation_for_a_huge_delay_is_searched_jointly() -> None:
    path = require_shared(CORPUS / "vicentebolea__hadoop-etc__capacity-scheduler__at-acb03d9.xml")
    found = report(str(path), "--nodes", "60", "--racks", "3")["findings"]
    fixes = {f["fix"]["key"]: f["fix"]["value"] for f in found if f["fix"]}
    delay, extra = fixes[P + "node-locality-delay"], fixes[P + "rack-locality-additional-delay"]
    settings = next(f["evidence"]["settings"]["suggested"] for f in found if f["fix"])
    assert settings["node-locality-delay"] == delay
    assert settings["rack-locality-additional-delay"] == extra
