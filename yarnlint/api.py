"""The linting API for integrations and tests: files in, the same report as ``yarnlint check``."""

from yarnlint.pipeline.linter import Linter, lint
from yarnlint.pipeline.options import LintOptions
from yarnlint.pipeline.results import FileResult, Report

__all__ = ["FileResult", "LintOptions", "Linter", "Report", "lint"]
