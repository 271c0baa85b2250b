"""The config-file search stops at the repository root or the home directory, and skips files
owned by another user (saying so): a ``../.yarnlint.toml`` must not silence every rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import config_xml, run_cli

P = "yarn.scheduler.capacity."
SILENCE_ALL = 'ignore = ["YL004", "YL009"]\n'


def _linted(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "capacity-scheduler.xml"
    path.write_text(config_xml((P + "root.queues", "default"),
                               (P + "node-locality-delay", "forty")))
    return path


def _rules(path: Path) -> set[str]:
    result = run_cli("check", path)
    return {line.split()[1] for line in result.stdout.splitlines() if ": YL" in line}


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".yarnlint.toml").write_text(SILENCE_ALL)
    repo = tmp_path / "repo"
    path = _linted(repo / "conf")
    (repo / ".git").mkdir()
    assert "YL004" in _rules(path)
    (repo / ".yarnlint.toml").write_text(SILENCE_ALL)
    assert "YL004" not in _rules(path)


def test_a_worktree_git_file_is_a_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".yarnlint.toml").write_text(SILENCE_ALL)
    repo = tmp_path / "worktree"
    path = _linted(repo)
    (repo / ".git").write_text("gitdir: elsewhere\n")
    assert "YL004" in _rules(path)


def test_search_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".yarnlint.toml").write_text(SILENCE_ALL)
    home = tmp_path / "home"
    path = _linted(home / "configs")
    monkeypatch.setenv("HOME", str(home))
    assert "YL004" in _rules(path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root")
def test_a_config_owned_by_another_user_is_ignored_with_a_note(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = _linted(tmp_path / "conf")
    config = tmp_path / "conf" / ".yarnlint.toml"
    config.write_text(SILENCE_ALL)
    os.chown(config, 54321, 54321)
    result = run_cli("check", path)
    assert "YL004" in result.stdout
    assert f"ignoring config file {config}: owned by user id 54321" in result.stderr
