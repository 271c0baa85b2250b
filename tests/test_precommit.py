"""The pre-commit hook, run through the real ``pre-commit try-repo`` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, config_xml

P = "yarn.scheduler.capacity."

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("pre-commit") is None,
                                reason="needs git and pre-commit")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "yarnlint", "--all-files", "--verbose"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def test_hook_fails_on_bad_file_and_passes_on_good(tmp_path: Path) -> None:
    repo = tmp_path / "configs"
    (repo / "conf").mkdir(parents=True)
    _git(repo, "init", "-q")
    bad = repo / "conf" / "capacity-scheduler.xml"
    bad.write_text(config_xml((P + "root.queues", "default"), (P + "node-locality-delay", "5.5")),
                   encoding="utf-8")
    (repo / "unrelated.xml").write_text("<not-linted/>", encoding="utf-8")
    _git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"
    failed = _try_repo(repo, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "YL004" in failed.stdout and "capacity-scheduler.xml:" in failed.stdout
    assert "unrelated.xml" not in failed.stdout

    bad.write_text(config_xml((P + "root.queues", "default"), (P + "node-locality-delay", "40")),
                   encoding="utf-8")
    _git(repo, "add", ".")
    passed = _try_repo(repo, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
