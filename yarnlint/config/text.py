"""Text handling as Hadoop's Java code does it."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

_JAVA_WHITESPACE = "".join(chr(c) for c in range(33))


def java_trim(text: str) -> str:
    """``String.trim``: strip characters up to U+0020 from both ends."""
    return text.strip(_JAVA_WHITESPACE)


def names_checksum(names: Iterable[str], start: int = 0) -> int:
    """A CRC-32 of element local names in document order, continuing from ``start``: the
    loader and the markup scanner each compute it, to check that they saw the same
    elements."""
    for name in names:
        start = zlib.crc32(name.encode("utf-8", "surrogatepass") + b"\0", start)
    return start
