"""``yarnlint fix``: byte-exact edits on every corpus file, --diff, --rule, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, corpus_files, run_cli

from yarnlint.config.xmlload import load_xml

P = "yarn.scheduler.capacity."
CLUSTER = ("--nodes", "400", "--racks", "10")
CLUSTER_FACTS = {"YL104", "YL112", "YL113"}
"""Rules about the cluster or mode (one rack, asynchronous scheduling, slow heartbeats): they
carry the node delay's fix when it does better, and stay, without a fix, once it is applied."""
CORPUS = [p for p in corpus_files() if load_xml(p).parsed and load_xml(p).properties]
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>")


def _findings(path: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", path, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return found


def _apply(data: bytes, fixes: list[dict[str, Any]]) -> bytes:
    """The JSON report's fix objects applied by hand (last first), each checked to touch only
    the old value text or to insert one complete property."""
    for start, end, text, kind in sorted({(f["byte_start"], f["byte_end"], f["text"], f["kind"])
                                          for f in fixes}, reverse=True):
        if kind == "replace":
            assert re.fullmatch(rb"[^<>]*", data[start:end]) and b"<value" in data[start - 20:start]
        else:
            assert start == end and re.fullmatch(
                r"\s*<property>\s*<name>[^<]+</name>\s*<value>[^<]+</value>\s*</property>", text)
        data = data[:start] + text.encode("utf-8") + data[end:]
    return data


def _by_hand(path: Path, scratch: Path) -> tuple[bytes, list[dict[str, Any]]]:
    """What ``fix`` should write: rounds of the reported fixes until none is left."""
    data, announced = path.read_bytes(), []
    copy = scratch / path.name
    for _ in range(3):
        copy.write_bytes(data)
        fixes = [f["fix"] for f in _findings(copy, *CLUSTER) if f["fix"]]
        if not fixes:
            break
        announced += fixes
        data = _apply(data, fixes)
    return data, announced


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus not available")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:60])
def test_fix_keeps_every_other_byte_and_clears_the_findings(path: Path, tmp_path: Path) -> None:
    (tmp_path / "scratch").mkdir()
    expected, fixes = _by_hand(path, tmp_path / "scratch")
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    before = copy.read_bytes()
    found = _findings(copy, *CLUSTER)
    result = run_cli("fix", copy, *CLUSTER)
    assert result.exit_code in (0, 1), result.output
    after = copy.read_bytes()
    assert after == expected  # exactly the announced edits, every other byte kept
    if not fixes:
        return
    assert _COMMENT.findall(after) == _COMMENT.findall(before)
    assert after.count(b"\r\n") - before.count(b"\r\n") in (0, after.count(b"\n")
                                                           - before.count(b"\n"))
    declaration = _DECLARATION.match(before)
    assert _DECLARATION.match(after) == declaration or after.startswith(declaration.group())
    original = {p.name: p.value for p in load_xml(path).properties}
    fixed = {p.name: p.value for p in load_xml(copy).properties}
    assert {k: v for k, v in fixed.items() if k in original and v != original[k]}.keys() \
        <= {f["key"] for f in fixes}
    for key in {f["key"] for f in fixes}:
        assert fixed[key] == [f["value"] for f in fixes if f["key"] == key][-1]
    again = _findings(copy, *CLUSTER)
    assert not [f for f in again if f["fix"]]
    cleared = {(f["rule_id"], f["key"]) for f in found if f["fix"]} - {
        (f["rule_id"], f["key"]) for f in again}
    assert cleared >= {(f["rule_id"], f["key"]) for f in found
                       if f["fix"] and f["rule_id"] not in CLUSTER_FACTS}


def test_diff_writes_nothing(write_config) -> None:
    path = write_config((P + "node-locality-delay", "0"))
    before = path.read_bytes()
    result = run_cli("fix", path, "--diff", *CLUSTER)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert f"--- {path.as_posix()}" in result.output
    assert "-    <value>0</value>" in result.output and "+    <value>40</value>" in result.output
    assert run_cli("check", path, *CLUSTER).exit_code == 1
    assert path.read_bytes() == before  # check never writes


def test_crlf_file_and_inserted_property(tmp_path: Path) -> None:
    path = tmp_path / "capacity-scheduler.xml"
    text = ("<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- ops: keep -->\r\n<configuration>\r\n"
            "\t<property>\r\n\t\t<name>yarn.scheduler.capacity.node-locality-delay</name>\r\n"
            "\t\t<value>0</value>\r\n\t</property>\r\n</configuration>\r\n")
    path.write_bytes(text.encode())
    assert run_cli("fix", path, *CLUSTER).exit_code == 0
    after = path.read_bytes().decode()
    assert "\n" not in after.replace("\r\n", "")
    assert after.startswith("<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- ops: keep -->\r\n")
    assert "\t\t<value>40</value>\r\n" in after
    assert ("\t</property>\r\n\t<property>\r\n\t\t<name>yarn.scheduler.capacity.rack-locality-"
            "additional-delay</name>\r\n\t\t<value>") in after


def test_rule_option_and_exit_codes(write_config, tmp_path: Path) -> None:
    path = write_config((P + "node-locality-delay", "0"), (P + "bogus-key", "1"))
    before = path.read_bytes()
    only = run_cli("fix", path, "--rule", "YL105", "--diff", *CLUSTER)
    assert only.exit_code == 1  # YL103 (left out) and YL003 (no fix) remain
    assert "rack-locality-additional-delay" in only.output and "<value>0</value>" not in \
        only.output.split("+++", 1)[1].replace("-    <value>0</value>", "")
    assert path.read_bytes() == before
    assert run_cli("fix", path, *CLUSTER).exit_code == 1  # YL003 has no fix
    assert b"<value>40</value>" in path.read_bytes()
    assert run_cli("fix", tmp_path / "missing.xml", *CLUSTER).exit_code == 2
    assert run_cli("fix", path, "--rule", "YL999").exit_code == 2
    clean = write_config((P + "node-locality-delay", "40"), (P + "rack-locality-additional-delay",
                                                             "40"), name="clean.xml")
    assert run_cli("fix", clean, *CLUSTER).exit_code == 0
    assert "Exit codes:" in run_cli("fix", "--help").output


def test_pre_commit_hooks() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: yarnlint\n" in text and "entry: yarnlint check\n" in text
    assert "- id: yarnlint-fix\n" in text and "entry: yarnlint fix\n" in text
