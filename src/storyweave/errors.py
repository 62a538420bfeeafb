"""Problems with the user's input: reported one line each, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """An input that was skipped (or partly skipped), and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class InputError(Exception):
    """Raised by a reader for an input it cannot use; the message is the one-line reason."""
