"""JSON text that reads like ``json.dumps(value, indent=N)`` and is quick to write when long.

Indenting makes ``json.dumps`` use its pure-Python encoder (seconds for 40,000 findings);
the items of a long list (findings, results, trace steps) are written one per line by the C
encoder instead, everything around them indented as usual.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any


def json_text(value: Any, one_line: Collection[str] = (), indent: int = 2) -> str:
    """``value`` as ``json.dumps(value, indent=indent)`` writes it, except that each item of
    a list held under a key in ``one_line`` is written on a line of its own, unindented."""
    return _encode(value, "", " " * indent, frozenset(one_line), False)


def _encode(value: Any, pad: str, step: str, one_line: frozenset[str], flat: bool) -> str:
    inner = pad + step
    if isinstance(value, dict) and value:
        fields = (f"{inner}{_key(key)}: {_encode(item, inner, step, one_line, key in one_line)}"
                  for key, item in value.items())
        return "{\n" + ",\n".join(fields) + f"\n{pad}}}"
    if isinstance(value, (list, tuple)) and value:
        items = (inner + (json.dumps(item) if flat
                          else _encode(item, inner, step, one_line, False)) for item in value)
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value)


def _key(key: Any) -> str:
    """A member name as ``json.dumps`` writes it (numbers, booleans and null as strings)."""
    return json.dumps(key if isinstance(key, str) else json.dumps(key))
