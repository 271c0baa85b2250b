"""Hadoop's typed getters (``Configuration.getInt``/``getLong``/``getFloat``/``getBoolean``)."""

from __future__ import annotations

import re

from yarnlint.config.known_keys import ValueType
from yarnlint.config.text import java_trim

_DECIMAL = re.compile(r"[+-]?[0-9]+\Z")
_HEX = r"[+-]?[0-9A-Fa-f]+\Z"
_JAVA_FLOAT = re.compile(
    r"[+-]?(NaN|Infinity|(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)[fFdD]?)\Z")
_VERSION = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_RANGES = {"int": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}


def parse_integer(text: str, kind: str = "int") -> int:
    """Parse like ``getInt``/``getLong``: trim, optional ``0x`` hex, range checked.

    Raises ``ValueError`` with the reason Hadoop would fail (NumberFormatException).
    """
    trimmed = java_trim(text)
    negative = trimmed.startswith("-")
    body = trimmed[1:] if negative else trimmed
    if body[:2] in ("0x", "0X"):
        digits = ("-" if negative else "") + body[2:]
        if not re.match(_HEX, digits):
            raise ValueError("not a hexadecimal integer")
        number = int(digits, 16)
    else:
        if not _DECIMAL.match(trimmed):
            raise ValueError("not an integer")
        number = int(trimmed)
    low, high = _RANGES[kind]
    if not low <= number <= high:
        raise ValueError(f"out of range for a Java {kind}")
    return number


def parse_float(text: str) -> float:
    """Parse like ``getFloat`` (``Float.parseFloat`` after trimming)."""
    trimmed = java_trim(text)
    if not _JAVA_FLOAT.match(trimmed):
        raise ValueError("not a number")
    return float(trimmed.rstrip("fFdD").replace("Infinity", "inf"))


def parse_boolean(text: str) -> bool | None:
    """Parse like ``getBoolean``: ``true``/``false`` in any case, else None (default applies)."""
    lowered = java_trim(text).lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def parse_typed(text: str, kind: ValueType) -> int | float | bool | None:
    """Parse ``text`` as Hadoop's getter for ``kind`` would (None: boolean fell back)."""
    match kind:
        case ValueType.INT | ValueType.LONG:
            return parse_integer(text, kind)
        case ValueType.FLOAT:
            return parse_float(text)
        case ValueType.BOOLEAN:
            return parse_boolean(text)
        case _:
            raise ValueError(f"no typed getter for {kind}")


TYPED_KINDS = frozenset({ValueType.INT, ValueType.LONG, ValueType.FLOAT, ValueType.BOOLEAN})


def parse_version(text: str) -> tuple[int, ...]:
    """``3.4.1`` -> (3, 4, 1); ``3.0.0-alpha1`` -> (3, 0, 0). ValueError when no number leads."""
    match = _VERSION.match(text.strip())
    if match is None:
        raise ValueError(f"not a Hadoop version: {text!r} (expected e.g. 3.4.1)")
    return tuple(int(part) for part in match.group().split("."))
