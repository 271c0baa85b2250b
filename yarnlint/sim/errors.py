"""The simulator's one exception, kept apart so importing ``yarnlint.sim`` stays cheap."""

from __future__ import annotations


class ScenarioError(ValueError):
    """A scenario that cannot be run; ``field`` names the value at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
