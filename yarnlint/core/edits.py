"""Fixes as text edits: byte ranges of a file and what replaces them (only a run with a fix
creates these)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes ``start:end`` of a file; lines and columns are 1-based, end exclusive."""

    start: int
    end: int
    replacement: bytes
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @property
    def text(self) -> str:
        """The replacement as text (for reports)."""
        return self.replacement.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class PlacedFix:
    """A finding's fix as the edit of its file's bytes that ``yarnlint fix`` would make."""

    file: str
    edit: TextEdit
    utf16_columns: tuple[int, int]
    """The edit's start and end columns in UTF-16 code units, 1-based (SARIF's default)."""
