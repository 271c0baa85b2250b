"""The fix stage: each finding's fix as the edit of the linted bytes, for the reports.

A fix is placed the way ``yarnlint fix`` plans it (the ``<value>`` YARN reads, or a new
``<property>``), each on its own; one YARN would not honour, or one outside the linted
file, stays unplaced (the finding keeps its suggested value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yarnlint.config.known_keys import PREFIX
from yarnlint.config.xmlload import LoadedFile
from yarnlint.core.findings import Finding

if TYPE_CHECKING:
    from yarnlint.config.edits import Document
    from yarnlint.core.edits import PlacedFix


def _utf16_column(data: bytes, offset: int, encoding: str) -> int:
    """The 1-based column of a byte offset in UTF-16 code units."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode(encoding, errors="replace")
    return len(prefix.encode("utf-16-le")) // 2 + 1


def _placed(document: Document, finding: Finding, encoding: str) -> PlacedFix | None:
    from yarnlint.config.edits import FixError, plan_each
    from yarnlint.core.edits import PlacedFix

    if finding.fix is None or finding.location is None \
            or finding.location.file != document.loaded.display:
        return None
    try:
        edits, refused = plan_each(document, [finding.fix], PREFIX)
    except FixError:
        return None
    if refused or not edits:
        return None
    edit = edits[0]
    return PlacedFix(finding.location.file, edit,
                     (_utf16_column(document.data, edit.start, encoding),
                      _utf16_column(document.data, edit.end, encoding)))


def place_fixes(findings: list[Finding], data: bytes, loaded: LoadedFile) -> list[Finding]:
    """``findings`` with their fixes placed in ``data`` (the file's bytes, read as
    ``loaded``); the edit planner is imported only for a finding with a fix."""
    if not any(finding.fix is not None for finding in findings):
        return findings
    from yarnlint.config.edits import Document, FixError, file_encoding

    try:
        document = Document.of(data, loaded)
    except FixError:
        return findings
    encoding = file_encoding(data)
    placed = []
    for finding in findings:
        fix = _placed(document, finding, encoding) if finding.fix is not None else None
        placed.append(finding if fix is None else finding.replace(placed=fix))
    return placed
