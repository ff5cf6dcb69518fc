"""Find the line of a key path in TOML text.

``tomllib`` gives values without positions, so this reads the text once and records the line of every
table header and key, with array-of-tables entries numbered as the parser numbers them
(``exercises[3].dose.duration_s``). A path that has no line of its own falls back to its closest
located parent, so an error always points somewhere useful.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_INLINE_KEY = re.compile(r"""(?:^|[{,])\s*([A-Za-z0-9_-]+|"[^"]*")\s*=""")


def _split_dotted(key: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class LineIndex:
    """Maps key paths like ``routines[1].steps[0].exercise`` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._build(text)

    def _build(self, text: str) -> None:
        counts: dict[str, int] = {}
        latest: dict[str, str] = {}  # array-of-tables path -> its current concrete path
        table = ""
        in_multiline: str | None = None
        array_depth = 0
        array_key = ""
        array_item = 0
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if in_multiline:
                if in_multiline in line:
                    in_multiline = None
                continue
            if array_depth > 0:
                stripped = line.strip()
                if stripped and not stripped.startswith(("#", "]")):
                    self.lines.setdefault(f"{array_key}[{array_item}]", number)
                    self._inline_keys(f"{array_key}[{array_item}]", stripped, number)
                    array_item += stripped.count(",") if stripped.endswith(",") else 1
                array_depth += line.count("[") - line.count("]")
                continue
            header = _HEADER.match(line)
            if header and header.group(1) in ("[", "[[") and "=" not in header.group(2):
                parts = _split_dotted(header.group(2))
                concrete = ""
                for position, part in enumerate(parts):
                    candidate = f"{concrete}.{part}" if concrete else part
                    if position == len(parts) - 1 and header.group(1) == "[[":
                        index = counts.get(candidate, 0)
                        counts[candidate] = index + 1
                        concrete = latest[candidate] = f"{candidate}[{index}]"
                    else:
                        concrete = latest.get(candidate, candidate)
                table = concrete
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            full = ".".join(filter(None, [table, *_split_dotted(key.group(1))]))
            self.lines.setdefault(full, number)
            rest = line[key.end() :].strip()
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    in_multiline = quote
            if rest.startswith("{"):
                self._inline_keys(full, rest, number)
            if rest.startswith("["):
                depth = rest.count("[") - rest.count("]")
                if depth > 0:
                    array_depth, array_key, array_item = depth, full, 0
                else:
                    self._inline_array(full, rest, number)

    def _inline_keys(self, prefix: str, text: str, number: int) -> None:
        for match in _INLINE_KEY.finditer(text):
            self.lines.setdefault(f"{prefix}.{match.group(1).strip(chr(34))}", number)

    def _inline_array(self, prefix: str, text: str, number: int) -> None:
        inner = text[1 : text.rfind("]")]
        for index, item in enumerate(i for i in re.split(r",(?![^{]*})", inner) if i.strip()):
            self.lines.setdefault(f"{prefix}[{index}]", number)
            if "{" in item:
                self._inline_keys(f"{prefix}[{index}]", item, number)

    def line_of(self, path: str) -> int | None:
        """The line of ``path`` or of its closest located parent; ``None`` for an empty file."""
        current = path
        while current:
            if current in self.lines:
                return self.lines[current]
            cut = max(current.rfind("."), current.rfind("["))
            current = current[:cut] if cut > 0 else ""
        return min(self.lines.values()) if self.lines else None


def format_path(loc: tuple[int | str, ...]) -> str:
    """``("exercises", 3, "dose", "duration_s")`` → ``exercises[3].dose.duration_s``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
