"""Simulation results kept on disk between runs, in the user's cache directory.

``$YARNLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/yarnlint``, else ``~/.cache/yarnlint``; never
the linted repository. One JSON file per simulated cluster and workload holds its runs,
keyed by the settings and rounds; the file name carries a fingerprint of the sources of the
simulator and of the modules that build its scenarios, so a changed simulator or workload
never reads old results. A file that cannot be read or
parsed is treated as empty and rewritten; writes go to a temporary file renamed into place,
and a failed write is ignored (the cache is only ever a shortcut).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

MAX_SHARD_BYTES = 4 * 1024 * 1024
"""A cache file larger than this is ignored (and replaced)."""

_enabled = True
_shards: dict[str, dict[str, Any]] = {}
_dirty: set[str] = set()
_fingerprint: str | None = None


def configure(enabled: bool) -> None:
    """Turn the disk cache on or off for this process (``--no-cache``)."""
    global _enabled
    _enabled = enabled


def directory() -> Path | None:
    """Where cache files live, or None when no home or cache directory is known."""
    explicit = os.environ.get("YARNLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "yarnlint"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "yarnlint" if home else None


SCENARIO_SOURCES = ("runs.py", "layout.py", "workloads.py")
"""The what-if modules that build the scenarios: a change to them changes what a run is."""


def _simulator_fingerprint() -> str:
    """A hash of the source files of the simulator and of the modules that build its
    scenarios (name, size, modification time)."""
    global _fingerprint
    if _fingerprint is None:
        from yarnlint import __version__

        here = Path(__file__).parent
        digest = hashlib.sha256(__version__.encode())
        sources = [*sorted((here.parent / "sim").glob("*.py")),
                   *(here / name for name in SCENARIO_SOURCES)]
        for path in sources:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def shard_name(context: str) -> str:
    """The cache file for one simulated cluster and workload (``context``: their repr)."""
    digest = hashlib.sha256(f"{_simulator_fingerprint()}|{context}".encode()).hexdigest()
    return f"runs-{digest[:32]}.json"


def _load(name: str) -> dict[str, Any]:
    if name in _shards:
        return _shards[name]
    entries: dict[str, Any] = {}
    folder = directory()
    if folder is not None:
        try:
            path = folder / name
            if path.is_file() and path.stat().st_size <= MAX_SHARD_BYTES:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    entries = loaded
        except (OSError, ValueError, RecursionError):
            entries = {}
    _shards[name] = entries
    return entries


def get(name: str, key: str) -> dict[str, Any] | None:
    """A cached entry, or None."""
    if not _enabled:
        return None
    value = _load(name).get(key)
    return value if isinstance(value, dict) else None


def put(name: str, key: str, value: dict[str, Any]) -> None:
    """Remember an entry; written to disk when the process ends."""
    if not _enabled:
        return
    if not _dirty:
        atexit.register(flush)
    _load(name)[key] = value
    _dirty.add(name)


def flush() -> None:
    """Write the changed cache files (atomically; errors are ignored)."""
    folder = directory()
    names = sorted(_dirty)
    _dirty.clear()
    if folder is None or not names:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    import tempfile  # only when writing: it pulls in shutil, lzma and bz2

    for name in names:
        temporary: str | None = None
        try:
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(_shards[name], stream, separators=(",", ":"))
            os.replace(temporary, folder / name)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
