"""Never a write: every command on a read-only copy of the corpus leaves it byte-identical.

The copy is also the working directory, so a stray relative write would land in it. Root
ignores permission bits, so the check is on bytes, mtimes and the directory listing.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import click
import pytest
from conftest import CORPUS, SCENARIOS, run_cli

from yarnlint.cli import cli
from yarnlint.rules import discover


def _choices(command: str, option: str) -> list[str]:
    """The values a command's choice option accepts (so new formats are covered)."""
    found = cli.get_command(click.Context(cli), command)
    assert found is not None
    for param in found.params:
        if option in getattr(param, "opts", ()) and isinstance(param.type, click.Choice):
            return [str(c) for c in param.type.choices]
    return []


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and every file's and directory's mtime, by relative path."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"",
                                       p.stat().st_mtime_ns)
            for p in [root, *sorted(root.rglob("*"))]}


def _read_only(root: Path) -> None:
    for path in [*root.rglob("*"), root]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_every_command_leaves_the_corpus_untouched(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if not CORPUS.is_dir():
        pytest.skip("no ../shared/corpus")
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    if SCENARIOS.is_dir():
        shutil.copytree(SCENARIOS, copy / "scenarios")
    _read_only(copy)
    before = _snapshot(copy)
    monkeypatch.chdir(copy)
    files = sorted(p for p in copy.rglob("*") if p.is_file())
    xml_files = [p for p in files if p.suffix == ".xml"]
    host_files = [p for p in files if p.suffix in ("", ".data")]
    runs = 0
    try:
        for fmt in _choices("check", "--format"):
            for path in files:
                assert run_cli("check", path, "--format", fmt).exit_code in (0, 1, 2)
                runs += 1
            for hosts in host_files:
                flag = "--topology" if hosts.suffix == ".data" else "--nodes-file"
                run_cli("check", *xml_files[:3], flag, hosts, "--format", fmt)
                runs += 1
        for fmt in _choices("rules", "--format"):
            assert run_cli("rules", "--format", fmt).exit_code == 0
            runs += 1
        for rule_id in discover():
            assert run_cli("explain", rule_id).exit_code == 0
            runs += 1
        for scenario in sorted((copy / "scenarios").glob("*.json")):
            for fmt in _choices("simulate", "--format"):
                run_cli("simulate", scenario, "--format", fmt)
                runs += 1
    finally:
        for path in [copy, *copy.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    print(f"{runs} commands run on {len(files)} read-only files")
    assert _snapshot(copy) == before
