"""Reading and writing files safely: one bounded reader for every input, one atomic writer.

Every input (configuration XML and what it includes, config files, baselines, reports,
scenarios) is read with :func:`read_input`: regular files only (a FIFO, device or directory
is refused before it can block or stream without end), the size checked before reading and
again while reading. :func:`write_atomically` is the only way yarnlint replaces a file: a
temporary file beside the target, fsync, a check of what was written, then a rename that keeps
the target's mode and owner; the target is left as it was whenever anything fails.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from yarnlint.core.findings import InputError
from yarnlint.core.records import Record

MAX_INPUT_BYTES = 8 * 1024 * 1024
"""Inputs above this size are refused: a real capacity-scheduler.xml is a few dozen KiB."""


class WriteError(Exception):
    """A file yarnlint refused to write, or could not write; the target is unchanged."""


class FileStamp(Record):
    """What a file was when it was read: device, inode, size, mtime and a CRC-32 of the
    content (with the size and mtime it tells an edit made while yarnlint ran; zlib is
    loaded already, a hash library would cost every run its import)."""

    __slots__ = ("crc32", "device", "inode", "mtime_ns", "size")
    COMPARED = ("device", "inode", "size", "mtime_ns", "crc32")

    def __init__(self, device: int, inode: int, size: int, mtime_ns: int, crc32: int) -> None:
        self.device = device
        self.inode = inode
        self.size = size
        self.mtime_ns = mtime_ns
        self.crc32 = crc32

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> FileStamp:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, zlib.crc32(data))


class InputFile(Record):
    """The bytes of an input and the stamp they were read with."""

    __slots__ = COMPARED = ("data", "stamp")

    def __init__(self, data: bytes, stamp: FileStamp) -> None:
        self.data = data
        self.stamp = stamp


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_input(path: Path, what: str = "file", limit: int = MAX_INPUT_BYTES) -> InputFile:
    """The bytes of a regular file of at most ``limit`` bytes; InputError otherwise.

    The file is opened without blocking (a FIFO cannot hang the open) and checked with
    ``fstat`` on the open descriptor, so what is checked is what is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read {what}: {_reason(exc)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: {what} is {_kind(info.st_mode)}, not a regular file; "
                             "not read")
        if info.st_size > limit:
            raise InputError(f"{path}: {what} is larger than {limit} bytes; not read")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {_reason(exc)}") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(f"{path}: {what} is larger than {limit} bytes; not read")
    return InputFile(data, FileStamp.of(info, data))


def read_text(path: Path, what: str = "file", limit: int = MAX_INPUT_BYTES) -> str:
    """A bounded UTF-8 text input; InputError when it cannot be read or decoded."""
    data = read_input(path, what, limit).data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: {what} is not UTF-8 text ({exc.reason} at byte "
                         f"{exc.start})") from None


MAX_NESTING = 64
"""Deepest nesting of arrays and objects (or tables) accepted in JSON and TOML inputs."""
_JSON_TOKEN = r'"(?:[^"\\]|\\.)*"|[\[\]{}]'


def nesting(text: str) -> int:
    """How deeply a JSON text nests arrays and objects (strings skipped), in linear time."""
    depth = deepest = 0
    for token in re.finditer(_JSON_TOKEN, text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in "]}":
            depth -= 1
    return deepest


def read_json(path: Path, what: str, limit: int = MAX_INPUT_BYTES) -> Any:
    """A bounded JSON input (``-`` is standard input): InputError when it cannot be read, is
    not JSON, or nests deeper than :data:`MAX_NESTING`."""
    if str(path) == "-":
        import sys
        text = sys.stdin.read(limit + 1)
        if len(text) > limit:
            raise InputError(f"-: {what} on standard input is larger than {limit} characters")
    else:
        text = read_text(path, what, limit)
    if nesting(text) > MAX_NESTING:
        raise InputError(f"{path}: {what} nests arrays or objects more than {MAX_NESTING} "
                         "deep; not read")
    import json  # only a baseline, report or scenario is JSON

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg} (the {what} is not valid JSON)") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: {what} is not valid JSON: {exc}") from None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names, following links; None when absent."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def refuse_inputs(target: Path, option: str, inputs: Iterable[Path]) -> None:
    """WriteError when ``target`` is (by inode: links and hard links too) one of ``inputs``."""
    written = identity(target)
    if written is None:
        return
    for path in inputs:
        if identity(path) == written:
            raise WriteError(f"{option} {target} is the input {path}; yarnlint never "
                             "overwrites its input")


def changed_since(path: Path, stamp: FileStamp) -> str | None:
    """Why the file no longer is what was read (None when it is the same)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"it can no longer be read ({_reason(exc)})"
    if (info.st_dev, info.st_ino) != (stamp.device, stamp.inode):
        return "it was replaced by another file"
    if info.st_size != stamp.size or info.st_mtime_ns != stamp.mtime_ns:
        return "it was modified"
    try:
        current = read_input(path, "file").stamp
    except InputError as exc:
        return str(exc)
    if current.crc32 != stamp.crc32:
        return "its content changed"
    return None


def _read_only(info: os.stat_result, path: Path) -> bool:
    """Read-only by its mode bits (root ignores them, yarnlint does not), or not writable."""
    return not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) \
        or not os.access(path, os.W_OK)


def write_atomically(target: Path, data: bytes, *, expected: FileStamp | None = None,
                     force: bool = False,
                     verify: Callable[[Path], str | None] | None = None) -> None:
    """Replace ``target`` by ``data`` or leave it untouched (WriteError says why).

    ``expected``: the stamp the target was read with; a target changed since is refused.
    ``force``: write a read-only target. ``verify(temp)`` returns what is wrong with the
    written temporary file (None: nothing). A symbolic link is followed: the file it points
    at is replaced, the link kept.
    """
    final = Path(os.path.realpath(target))
    try:
        info: os.stat_result | None = os.stat(final)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"{target}: cannot write: {_reason(exc)}") from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(f"{target}: is {_kind(info.st_mode)}; not written")
        if _read_only(info, final) and not force:
            raise WriteError(f"{target}: is read-only; not written (pass --force to write it "
                             "anyway)")
    elif expected is not None:
        raise WriteError(f"{target}: was removed since it was read; not written")
    _check_unchanged(target, final, expected)
    descriptor, temp_name = _temporary(final, target)
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if info is not None:
                _keep_mode_and_owner(handle.fileno(), info, target)
        problem = verify(temp) if verify is not None else None
        if problem is not None:
            raise WriteError(f"{target}: not written: {problem}")
        _check_unchanged(target, final, expected)
        os.replace(temp, final)
    except BaseException as exc:
        _remove(temp)
        if isinstance(exc, OSError):
            raise WriteError(f"{target}: cannot write: {_reason(exc)}; the file was not "
                             "changed") from None
        raise
    _sync_directory(final.parent)


def _temporary(final: Path, target: Path) -> tuple[int, str]:
    try:
        import tempfile  # only when writing: it pulls in shutil, lzma and bz2

        return tempfile.mkstemp(prefix=f".{final.name}.", suffix=".yarnlint-tmp",
                                dir=final.parent)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write beside it: {_reason(exc)}") from None


def _check_unchanged(target: Path, final: Path, expected: FileStamp | None) -> None:
    if expected is None:
        return
    why = changed_since(final, expected)
    if why is not None:
        raise WriteError(f"{target}: changed since yarnlint read it ({why}); not written, "
                         "run yarnlint again")


def _keep_mode_and_owner(descriptor: int, info: os.stat_result, target: Path) -> None:
    """Give the temporary file the target's permission bits and owner."""
    os.fchmod(descriptor, stat.S_IMODE(info.st_mode))
    if hasattr(os, "fchown"):
        try:
            os.fchown(descriptor, info.st_uid, info.st_gid)
        except PermissionError:
            raise WriteError(f"{target}: owned by another user; yarnlint cannot keep its "
                             "owner, so it is not written") from None


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except OSError as exc:
        if exc.errno != errno.ENOENT:
            raise


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (best effort: not every system can open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
