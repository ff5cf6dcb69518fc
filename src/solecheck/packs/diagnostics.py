"""Problems found in a pack, as values: file, line, key path, message and severity.

Formatted in one place (:func:`format_diagnostic`) for the CLI and the app alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

DiagnosticSeverity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem in a pack. ``line`` is 1-based, or ``None`` when no line applies."""

    file: str
    line: int | None
    path: str
    message: str
    severity: DiagnosticSeverity = "error"

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        return format_diagnostic(self)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``exercises.toml:42: exercises[3].dose.duration_s: must be greater than 0``."""
    where = diagnostic.file
    if diagnostic.line is not None:
        where += f":{diagnostic.line}"
    parts = [where]
    if diagnostic.path:
        parts.append(diagnostic.path)
    message = diagnostic.message
    if diagnostic.severity == "warning":
        message = f"warning: {message}"
    parts.append(message)
    return ": ".join(parts)


def format_located(pack_dir: Path | str, diagnostic: Diagnostic) -> str:
    """A diagnostic with its pack folder in front of the file name, so it can be clicked or copied.
    A diagnostic about the folder itself (its ``file`` is already a path) is left as it is."""
    if "/" in diagnostic.file or "\\" in diagnostic.file:
        return format_diagnostic(diagnostic)
    located = Diagnostic(str(Path(pack_dir) / diagnostic.file), diagnostic.line, diagnostic.path,
                         diagnostic.message, diagnostic.severity)
    return format_diagnostic(located)


def format_pack_error(error: PackError, limit: int = 20) -> str:
    """Every error of a broken pack, one per line, cut to ``limit`` lines."""
    lines = [format_diagnostic(d) for d in error.errors]
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit} more: run 'solecheck pack validate {error.source}'")
    return f"the pack at {error.source} is not valid:\n  " + "\n  ".join(shown)


class PackError(Exception):
    """A pack could not be loaded. Carries every problem found, not just the first."""

    def __init__(self, source: str, diagnostics: list[Diagnostic]) -> None:
        self.source = source
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        first = format_diagnostic(errors[0]) if errors else "invalid pack"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{source}: {first}{more}")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]
