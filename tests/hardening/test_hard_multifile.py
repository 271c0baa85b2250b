"""Several files in one run: bad ones are reported, the others still linted, worst exit wins."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import config_xml, run_cli
from hardening_support import assert_located, formats, json_findings

from yarnlint.config.xmlload import MAX_FILE_BYTES

BAD_VALUE = ("yarn.scheduler.capacity.node-locality-delay", "forty")


def _good(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(config_xml(("yarn.scheduler.capacity.root.queues", "default"), BAD_VALUE),
                    encoding="utf-8")
    return path


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose open fails with EACCES (also when the tests run as root)."""
    path = tmp_path / "unreadable.xml"
    path.write_text(config_xml(), encoding="utf-8")
    path.chmod(0)
    real_open = os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).resolve() == path.resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    return path


def test_input_errors_among_good_files(tmp_path: Path, unreadable: Path) -> None:
    first, last = _good(tmp_path, "first.xml"), _good(tmp_path, "last.xml")
    missing = tmp_path / "missing.xml"
    directory = tmp_path / "adir.xml"
    directory.mkdir()
    huge = tmp_path / "huge.xml"
    huge.write_bytes(b"<configuration>" + b" " * MAX_FILE_BYTES + b"</configuration>")
    bad = [missing, unreadable, directory, huge]
    for fmt in formats():
        result = run_cli("check", first, *bad, last, "--format", fmt)
        assert result.exit_code == 2, (fmt, result.output)
        errors = result.stderr.strip().splitlines()
        assert len(errors) == len(bad), result.stderr
        for path, line in zip(bad, errors, strict=True):
            assert str(path) in line and "Traceback" not in line
        if fmt == "json":
            findings = json_findings(result)
            assert_located(findings)
            linted = {f["file"] for f in findings if f["rule_id"] == "YL004"}
            assert linted == {str(first), str(last)}


def test_broken_xml_among_good_files_is_a_finding(tmp_path: Path) -> None:
    first, last = _good(tmp_path, "first.xml"), _good(tmp_path, "last.xml")
    broken = tmp_path / "broken.xml"
    broken.write_text("<configuration>\n<property>\n", encoding="utf-8")
    result = run_cli("check", first, broken, last, "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json_findings(result)
    assert_located(findings)
    assert {f["file"] for f in findings if f["rule_id"] == "YL004"} == {str(first), str(last)}
    (syntax,) = [f for f in findings if f["file"] == str(broken) and f["rule_id"] == "YL000"]
    assert syntax["severity"] == "error" and syntax["line"] == 3


def test_clean_and_finding_files_exit_one(tmp_path: Path) -> None:
    clean = tmp_path / "clean.xml"
    clean.write_text(config_xml(("yarn.scheduler.capacity.root.queues", "default")),
                     encoding="utf-8")
    assert run_cli("check", clean, "--select", "YL000,YL004").exit_code == 0
    result = run_cli("check", clean, _good(tmp_path, "bad.xml"), "--select", "YL000,YL004")
    assert result.exit_code == 1
