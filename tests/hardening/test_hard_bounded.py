"""Bounded work on every input: FIFOs, devices, huge sparse files and deep nesting are refused
quickly with a message; one odd file never loses the report of the others.

The hostile runs are child processes with a time limit and an address-space limit, so code
that reads without bound fails the test instead of hanging or swapping the machine; each
prints its time and peak memory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import config_xml, run_cli
from hardening_support import json_findings, refused, yarnlint

P = "yarn.scheduler.capacity."
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.xml"
    path.write_text(config_xml((P + "root.queues", "default"),
                               (P + "node-locality-delay", "forty")))
    return path


@needs_fifo
@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_fifo_as_the_linted_file(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "capacity-scheduler.xml"
    os.mkfifo(fifo)
    refused(yarnlint(command, fifo, cwd=tmp_path), "FIFO")


@needs_fifo
def test_a_fifo_as_an_xinclude_target(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "part.xml")
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(config_xml((P + "root.queues", "default"),
                               extra=f'  <xi:include href="part.xml" {XI}/>\n'))
    done = yarnlint("check", path, "--format", "json", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    messages = [f["message"] for f in json.loads(done.stdout)["findings"]]
    assert any("FIFO" in m for m in messages), messages


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("flag", [None, "--baseline", "--config", "--topology",
                                  "--yarn-site"])
def test_dev_zero_as_any_input(tmp_path: Path, good: Path, flag: str | None) -> None:
    args = ["/dev/zero"] if flag is None else [good, flag, "/dev/zero"]
    refused(yarnlint("check", *args, cwd=tmp_path), "/dev/zero")


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_huge_sparse_file_is_not_read(tmp_path: Path, command: str) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    with path.open("wb") as handle:
        handle.write(b"<configuration><!-- yarnlint: disable-file=YL003 -->")
        handle.truncate(3 * 1024 ** 3)
    refused(yarnlint(command, path, cwd=tmp_path), "larger than")


def test_a_huge_sparse_baseline_is_not_read(tmp_path: Path, good: Path) -> None:
    baseline = tmp_path / "baseline.json"
    with baseline.open("wb") as handle:
        handle.truncate(3 * 1024 ** 3)
    refused(yarnlint("check", good, "--baseline", baseline, cwd=tmp_path), "larger than")


@pytest.mark.parametrize("count", ["1e400", "-1", "true", '"3"', "2.5"])
def test_a_baseline_count_that_is_not_a_count(tmp_path: Path, good: Path, count: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"format": "yarnlint-baseline/1", "findings": [{"rule_id": "YL004", '
                        f'"file": "good.xml", "key": null, "count": {count}}}]}}')
    result = run_cli("check", good, "--baseline", baseline)
    assert result.exit_code == 2 and "baseline entry 1" in result.stderr, result.stderr


def test_deeply_nested_json_baseline(tmp_path: Path, good: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    result = run_cli("check", good, "--baseline", baseline)
    assert result.exit_code == 2 and "nests" in result.stderr, result.stderr


def test_deeply_nested_json_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text('{"a": ' * 50_000 + "1" + "}" * 50_000)
    result = run_cli("simulate", scenario)
    assert result.exit_code == 2 and "nests" in result.stderr, result.stderr


@pytest.mark.parametrize("toml", ["a = " + "[" * 5000 + "]" * 5000,
                                  "a = " + "{b = " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_toml_config(tmp_path: Path, good: Path, toml: str) -> None:
    config = tmp_path / "deep.toml"
    config.write_text(toml + "\n")
    result = run_cli("check", good, "--config", config)
    assert result.exit_code == 2 and "nest" in result.stderr, result.stderr


def test_a_symlink_loop_among_good_files(tmp_path: Path, good: Path) -> None:
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop.name)
    result = run_cli("check", loop, good, "--format", "json")
    assert result.exit_code == 2, result.stderr
    assert "loop.xml" in result.stderr and "internal error" not in result.stderr
    assert {f["rule_id"] for f in json_findings(result)} >= {"YL004"}


def test_an_over_long_path_among_good_files(tmp_path: Path, good: Path) -> None:
    long = tmp_path / ("x" * 300 + ".xml")
    result = run_cli("check", long, good, "--format", "json")
    assert result.exit_code == 2, result.stderr
    assert "internal error" not in result.stderr
    assert {f["rule_id"] for f in json_findings(result)} >= {"YL004"}


def test_a_failing_rule_becomes_a_finding_and_the_others_stay(
        tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async_file = tmp_path / "async.xml"
    async_file.write_text(config_xml(
        (P + "root.queues", "default"), (P + "schedule-asynchronously.enable", "true"),
        (P + "schedule-asynchronously.scheduling-interval-ms", "-1")))
    result = run_cli("check", async_file, good, "--nodes", "40", "--racks", "2",
                     "--format", "json")
    assert result.exit_code == 1, result.stderr
    findings = json_findings(result)
    assert any(f["rule_id"] == "YL004" and f["file"].endswith("good.xml") for f in findings)
    failed = [f for f in findings if "failed on this file" in f["message"]]
    assert all(f["severity"] == "error" and f["file"].endswith("async.xml") for f in failed)


def test_an_unexpected_error_in_one_file_keeps_the_others(
        tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yarnlint.pipeline.linter

    odd = tmp_path / "odd.xml"
    odd.write_text(config_xml((P + "root.queues", "odd")))
    real_build = yarnlint.pipeline.linter.build_model

    def build(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "odd.xml":
            raise LookupError("unknown encoding: ARMSCII-8")
        return real_build(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yarnlint.pipeline.linter, "build_model", build)
    result = run_cli("check", odd, good, "--format", "json")
    findings = json_findings(result)
    assert result.exit_code == 1, result.stderr
    assert any(f["rule_id"] == "YL000" and "ARMSCII-8" in f["message"]
               and f["file"].endswith("odd.xml") for f in findings)
    assert any(f["rule_id"] == "YL004" for f in findings)


def test_an_encoding_only_libxml2_knows_in_every_format(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    path.write_bytes(config_xml((P + "root.queues", "default"),
                                (P + "node-locality-delay", "1000")).replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="ARMSCII-8"?>').encode())
    for fmt in ("json", "sarif", "rdjson"):
        result = run_cli("check", path, "--nodes", "40", "--racks", "2", "--format", fmt)
        assert result.exit_code == 1, (fmt, result.stderr)
    fixed = run_cli("fix", path, "--nodes", "40", "--racks", "2")
    assert fixed.exit_code == 2 and "ARMSCII-8" in fixed.stderr, fixed.stderr


def test_utf16_suppressions_and_columns(tmp_path: Path) -> None:
    text = config_xml((P + "root.queues", "default"), (P + "node-locality-dela", "5"))
    text = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    plain = tmp_path / "plain.xml"
    plain.write_bytes(text.encode("utf-16"))
    silenced = tmp_path / "silenced.xml"
    silenced.write_bytes(text.replace(
        "<configuration>", "<configuration><!-- yarnlint: disable-file=YL003 -->").encode(
        "utf-16"))
    result = run_cli("check", plain, silenced, "--format", "json")
    unknown = [f for f in json_findings(result)
               if f["rule_id"] == "YL003" and not f.get("suppressions")]
    assert [(Path(f["file"]).name, f["column"]) for f in unknown] == [("plain.xml", 3)]


def test_one_very_deep_queue_key(tmp_path: Path) -> None:
    """Splitting a 50,000-part key at every dot once took 16.9 GB and 88 s."""
    key = P + "root." + ".".join(f"q{i}" for i in range(50_000)) + ".capacity"
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(config_xml((P + "root.queues", "default"), (key, "5")))
    done = yarnlint("check", path, "--nodes", "40", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    unknown = [f for f in json.loads(done.stdout)["findings"] if f["rule_id"] == "YL003"]
    assert [f["key"] for f in unknown] == [key]


def test_expansion_is_capped_by_its_output_size(tmp_path: Path) -> None:
    """A 1 MB value referenced 20 times by 2,000 keys once ran past 300 s."""
    big = ("big", "x" * 1_000_000)
    keys = [(f"{P}root.k{i}.capacity", "${big}" * 20) for i in range(2_000)]
    path = tmp_path / "capacity-scheduler.xml"
    path.write_text(config_xml((P + "root.queues", "default"), big, *keys))
    done = yarnlint("check", path, "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    capped = [f for f in json.loads(done.stdout)["findings"]
              if f["rule_id"] == "YL005" and "does not expand it" in f["message"]]
    assert len(capped) == len(keys)
