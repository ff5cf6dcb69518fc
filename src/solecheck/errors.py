"""The error every part of solecheck raises for a failure a person can act on, said as one line.

Outside the CLI and the frontends on purpose: the core's pack choice (:mod:`solecheck.packs.choice`)
raises it, the CLI prints it (``solecheck: error: …``, its exit code) and the app ends a start with it,
and neither frontend needs to import the other or the CLI to know it.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure to show a person as one line, with the exit code a command ends with: 1 for bad input
    (a pack that won't load, a bad file), 2 for a usage error (no terminal for the full-screen app)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
