"""Value classes cheap to define.

``check`` runs on every commit, and defining a frozen dataclass costs about a millisecond
(it compiles its methods when the module is imported). A :class:`Record` subclass writes its
own ``__init__``, lists every field in ``__slots__`` and names in ``COMPARED`` the fields
equality and hashing use; this base gives it the rest.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Record:
    """Equality, hashing, ``repr`` and :meth:`replace` from ``__slots__`` and ``COMPARED``.

    A record is immutable by convention: nothing assigns to a field after ``__init__``.
    """

    __slots__: tuple[str, ...] = ()
    COMPARED: ClassVar[tuple[str, ...]] = ()

    def _compared_values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.COMPARED)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._compared_values() == other._compared_values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._compared_values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**{**values, **changes})
