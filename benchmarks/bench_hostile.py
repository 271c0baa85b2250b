"""Hostile inputs: wall time and peak memory of every command on each, in a child process.

The goal is under 10 s and 500 MB each; this prints the figures (medians of ``--repeat``
runs) and asserts nothing. Run: python benchmarks/bench_hostile.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

P = "yarn.scheduler.capacity."
CLUSTER = ("--nodes", "400", "--racks", "10")


def _config(*properties: tuple[str, str], extra: str = "") -> str:
    body = "".join(f"<property><name>{n}</name><value>{v}</value></property>\n"
                   for n, v in properties)
    return f'<?xml version="1.0"?>\n<configuration>\n{body}{extra}</configuration>\n'


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def inputs(root: Path) -> dict[str, list[list[str]]]:
    """Each hostile input and the commands run on it."""
    deep = P + "root." + ".".join(f"q{i}" for i in range(50_000)) + ".capacity"
    deep_file = _write(root / "deep.xml", _config((P + "root.queues", "default"), (deep, "5")))
    big = ("big", "x" * 1_000_000)
    expand = _write(root / "expand.xml", _config(
        (P + "root.queues", "default"), big,
        *((f"{P}root.k{i}.capacity", "${big}" * 20) for i in range(2_000))))
    sparse = root / "sparse.xml"
    with sparse.open("wb") as handle:
        handle.write(b"<configuration>")
        handle.truncate(3 * 1024 ** 3)
    fifo = root / "fifo.xml"
    os.mkfifo(fifo)
    good = _write(root / "good.xml", _config((P + "root.queues", "default"),
                                             (P + "node-locality-delay", "1000")))
    wide = _write(root / "wide.xml", _config(
        (P + "root.queues", ",".join(f"q{i}" for i in range(20_000))),
        *((f"{P}root.q{i}.capacity", "0.005") for i in range(20_000))))
    baseline = _write(root / "deep.json", "[" * 100_000 + "]" * 100_000)
    scenario = _write(root / "rounds.json", json.dumps({
        "format": "yarnlint-scenario/1",
        "cluster": {"generate": {"racks": 1, "nodes_per_rack": 4}}, "apps": [{"id": "a"}],
        "steps": [{"heartbeats": {"rounds": 10 ** 12, "nodes": []}}]}))
    files = {"deep queue key": deep_file, "expansion": expand, "3 GB sparse": sparse,
             "FIFO": fifo, "20,000 queues": wide}
    commands = {name: [["check", str(path), *CLUSTER, "--format", fmt]
                       for fmt in ("text", "json", "sarif")]
                + [["fix", str(path), *CLUSTER, "--diff"]]
                for name, path in files.items()}
    commands["deep JSON baseline"] = [["check", str(good), "--baseline", str(baseline)]]
    commands["100,000 racks"] = [["check", str(good), "--nodes", "100000", "--racks", "100000",
                                  "--no-cache"]]
    commands["/dev/zero"] = [["check", "/dev/zero"], ["check", str(good), "--baseline",
                                                       "/dev/zero"]]
    commands["simulate"] = [
        ["simulate", str(scenario)],
        ["simulate", "--nodes", "100000000", "--request", "any"],
        ["simulate", "--nodes", "10", "--request", "any", "--heartbeats", "10000",
         "--format", "json"]]
    return commands


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of ``yarnlint ARGS`` in a child process."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", "from yarnlint.cli import console; console()",
                              *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, medians of {repeat} runs")
    worst: list[tuple[float, float, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, commands in inputs(Path(scratch)).items():
            for args in commands:
                runs = [measure(args) for _ in range(repeat)]
                seconds = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                shown = " ".join(a if len(a) < 40 else Path(a).name for a in args)
                print(f"{name:20} {seconds:6.2f} s {peak:7.1f} MB  exit {runs[0][2]}  "
                      f"yarnlint {shown}")
                worst.append((seconds, peak, shown))
    seconds, _, slowest = max(worst)
    print(f"worst time: {seconds:.2f} s ({slowest}); "
          f"worst peak: {max(w[1] for w in worst):.1f} MB")


if __name__ == "__main__":
    main()
