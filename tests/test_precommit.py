"""The pre-commit hook, run through the real ``pre-commit try-repo`` against this checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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

    bad.write_text(config_xml((P + "root.queues", "default"), (P + "root.default.capacity", "100"),
                              (P + "node-locality-delay", "40")), encoding="utf-8")
    _git(repo, "add", ".")
    passed = _try_repo(repo, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_fix_hook_rewrites_the_value_using_the_repo_config(tmp_path: Path) -> None:
    repo = tmp_path / "configs"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".yarnlint.toml").write_text("nodes = 40\nracks = 2\n", encoding="utf-8")
    config = repo / "capacity-scheduler.xml"
    config.write_text(config_xml((P + "root.queues", "default"),
                                 (P + "root.default.capacity", "100"),
                                 (P + "node-locality-delay", "1000")), encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = ["pre-commit", "try-repo", str(REPO), "yarnlint-fix", "--all-files"]
    fixed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env,
                           timeout=600)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    text = config.read_text(encoding="utf-8")
    assert "<value>1000</value>" not in text
    assert f"<name>{P}node-locality-delay</name>" in text


def _readme_hook_config() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit"):]
    start = section.index("```yaml\n") + len("```yaml\n")
    return section[start:section.index("```", start)]


def test_readme_snippet_works_as_written(tmp_path: Path) -> None:
    repo = tmp_path / "configs"
    (repo / "prod").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(_readme_hook_config(), encoding="utf-8")
    config = repo / "prod" / "capacity-scheduler.xml"
    config.write_text(config_xml((P + "root.queues", "default"),
                                 (P + "node-locality-delay", "5.5")), encoding="utf-8")
    _git(repo, "add", ".")
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"),
           "PATH": scripts + os.pathsep + os.environ.get("PATH", "")}
    run = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, capture_output=True,
                         text=True, env=env, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "prod/capacity-scheduler.xml:" in run.stdout and "YL004" in run.stdout
    assert "YL009" not in run.stdout  # the snippet's --nodes/--racks reached yarnlint


def test_readme_names_only_real_tags_of_this_version() -> None:
    from yarnlint import __version__

    revs = re.findall(r"^\s*rev:\s*(\S+)", (REPO / "README.md").read_text(encoding="utf-8"),
                      re.MULTILINE)
    for rev in revs:
        assert rev == f"v{__version__}", rev
        tag = subprocess.run(["git", "rev-parse", "--verify", "-q", f"refs/tags/{rev}"],
                             cwd=REPO, capture_output=True, check=False)
        assert tag.returncode == 0, f"README names tag {rev}, which this checkout lacks"


def test_version_agrees_everywhere() -> None:
    from importlib.metadata import version

    from yarnlint import __version__

    command = shutil.which("yarnlint", path=str(Path(sys.executable).parent))
    assert command is not None, "the yarnlint console script is not installed"
    shown = subprocess.run([command, "--version"], capture_output=True, text=True,
                           check=True).stdout
    assert shown.strip() == f"yarnlint, version {__version__}"
    assert version("yarnlint") == __version__
