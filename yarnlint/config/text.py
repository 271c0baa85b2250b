"""Text handling as Hadoop's Java code does it."""

from __future__ import annotations

_JAVA_WHITESPACE = "".join(chr(c) for c in range(33))


def java_trim(text: str) -> str:
    """``String.trim``: strip characters up to U+0020 from both ends."""
    return text.strip(_JAVA_WHITESPACE)
