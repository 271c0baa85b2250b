"""Helpers of the hardening tests: every report format in-process, network tripwires.

Timings are printed (``pytest -s`` shows them), never asserted: a hang shows up as a test
that does not finish.
"""

from __future__ import annotations

import json
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import run_cli


def formats() -> tuple[str, ...]:
    """The report formats installed now (new ones are covered without touching the tests)."""
    from yarnlint.report import FORMATS
    return tuple(FORMATS)


def check_every_format(*args: object) -> dict[str, Result]:
    """``yarnlint check ARGS --format F`` for every format, in-process, timings printed."""
    results: dict[str, Result] = {}
    for fmt in formats():
        start = time.perf_counter()
        results[fmt] = run_cli("check", *args, "--format", fmt)
        print(f"check --format {fmt}: exit {results[fmt].exit_code} "
              f"in {time.perf_counter() - start:.3f}s")
    return results


def json_findings(result: Result) -> list[dict[str, Any]]:
    """The findings of a ``--format json`` run (its stdout parsed)."""
    report = json.loads(result.stdout)
    findings: list[dict[str, Any]] = report["findings"]
    return findings


def assert_located(findings: list[dict[str, Any]]) -> None:
    """Every finding names a file and a 1-based line."""
    for finding in findings:
        assert finding["file"], finding
        assert isinstance(finding["line"], int) and finding["line"] >= 1, finding


def _refuse(*args: object, **kwargs: object) -> Any:
    raise AssertionError("yarnlint tried to open a network connection")


@contextmanager
def network_tripwire(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Fail any Python-level connect, and watch a local port that libxml2 could reach.

    Yields ``http://127.0.0.1:PORT``: a URL to put in attack files. Any connection to it,
    from Python or from C code, is reported after the block.
    """
    for target, name in ((socket.socket, "connect"), (socket.socket, "connect_ex"),
                         (socket, "create_connection"), (socket, "getaddrinfo")):
        monkeypatch.setattr(target, name, _refuse)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    accepted: list[object] = []
    stop = threading.Event()

    def accept_one() -> bool:
        try:
            conn, peer = listener.accept()
        except OSError:
            return False
        accepted.append(peer)
        conn.close()
        return True

    def watch() -> None:
        while not stop.is_set():
            accept_one()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        watcher.join()
        while accept_one():
            pass
        listener.close()
    assert not accepted, f"connections were made to the tripwire port: {accepted}"


TIME_LIMIT_S = 30
MEMORY_LIMIT = 1536 * 1024 * 1024


def yarnlint(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``yarnlint ARGS`` in a child process under the time and memory limits (a hang or an
    unbounded read fails the test instead of stalling the machine); prints time and memory."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from yarnlint.cli import main; main()",
             *(str(a) for a in args)],
            capture_output=True, text=True, timeout=TIME_LIMIT_S, check=False, cwd=cwd,
            preexec_fn=limits, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"yarnlint {' '.join(map(str, args))} ran past {TIME_LIMIT_S} s")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"yarnlint {' '.join(map(str, args))[:80]}: exit {done.returncode} in "
          f"{time.perf_counter() - start:.2f}s, peak child RSS so far {peak} MB")
    return done


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """An exit 2 whose message says ``words``, without a traceback."""
    assert done.returncode == 2, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
