"""Start-up of ``yarnlint check`` next to a bare ``import lxml.etree, click``.

Runs the commands interleaved (so load on the machine hits them alike) and prints medians
and the ratio. The first ``check`` fills the simulation cache (a temporary directory); the
timed ones read it, as a pre-commit hook does from its second commit on.

    python benchmarks/bench_check.py [FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STOCK = "examples/capacity-scheduler.xml"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=STOCK)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "YARNLINT_CACHE_DIR": tempfile.mkdtemp(prefix="yarnlint-bench-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run with cached bytecode
    bare = [sys.executable, "-c", "import lxml.etree, click"]
    script = Path(sys.executable).with_name("yarnlint")  # the installed console script
    check = [str(script), "check", str(Path(args.file))]
    commands = {"bare import": bare,
                "check, 400 nodes in 10 racks": [*check, "--nodes", "400", "--racks", "10"],
                "check, no cluster": check}
    for command in commands.values():  # fill the simulation and bytecode caches
        timed(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    base = statistics.median(times["bare import"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:32} median {median * 1000:6.1f} ms  ratio {median / base:4.2f}")


if __name__ == "__main__":
    main()
