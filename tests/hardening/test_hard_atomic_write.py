"""The atomic writer: a failed or unverified write leaves the target and its directory as
they were."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_hard_fix_safety import RISKY

from yarnlint.config.files import WriteError, read_input, write_atomically
from yarnlint.config.xmlload import load_xml


def test_a_write_that_does_not_read_back_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_text(RISKY)
    source = read_input(path)
    with pytest.raises(WriteError, match="not written: broken"):
        write_atomically(path, b"<configuration>", expected=source.stamp,
                         verify=lambda temp: "broken" if not load_xml(temp).parsed else None)
    assert path.read_text() == RISKY
    assert [p.name for p in tmp_path.iterdir()] == ["c.xml"]


@pytest.mark.parametrize("fail_at", [0, 1, 1024, 2047])
def test_a_write_failing_at_any_byte_keeps_the_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    fail_at: int) -> None:
    path = tmp_path / "c.xml"
    path.write_text(RISKY)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __getattr__(self, name: str) -> object:
            return getattr(self.handle, name)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[:fail_at])  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(WriteError, match="No space left"):
        write_atomically(path, RISKY.replace("1000", "20").encode())
    assert path.read_text() == RISKY
    assert [p.name for p in tmp_path.iterdir()] == ["c.xml"]
