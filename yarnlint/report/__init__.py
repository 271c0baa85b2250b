"""Reporters: one module per output format, each with ``render(report, context) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yarnlint.api import Report

FORMATS = ("text", "json")


@dataclass(frozen=True)
class RenderContext:
    """What a reporter needs besides the findings."""

    fail_on: str = "warning"
    base_dir: Path = Path(".")
    tool_version: str = ""
    command: tuple[str, ...] = ()


Renderer = Callable[[Report, RenderContext], str]


def renderer(fmt: str) -> Renderer:
    """The ``render`` function of a format's module (imported only when used)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"yarnlint.report.{fmt}_format")
    render: Renderer = module.render
    return render
