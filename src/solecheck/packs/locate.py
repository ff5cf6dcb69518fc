"""Find the line of a key path in TOML text.

``tomllib`` gives values without positions, so this scans the text once and records the line of every
table header, key and array item, with array-of-tables entries numbered as the parser numbers them
(``exercises[3].dose.duration_s``, ``routines[1].steps[0].exercise``). Values are scanned as TOML
reads them: strings (basic, literal and multi-line, so a ``[`` or ``,`` inside text counts for nothing),
arrays spread over many lines, inline tables nested in arrays, and comments.

The scan is lenient: it runs before the TOML parser and must cope with any text, so on malformed input
it records what it can and never raises. A path that has no line of its own falls back to its closest
located parent, so an error always points somewhere useful.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANK = re.compile(r"(?:[ \t\r]|#[^\n]*)*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"?')
_LITERAL = re.compile(r"'[^'\n]*'?")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_MAX_DEPTH = 64
# The common line ``key = "text"`` / ``key = 12`` / ``key = true``, matched in one go.
_SIMPLE_LINE = re.compile(
    r"""([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!')|[^\s#\[\{"',\]}]+)"""
    r"[ \t]*(?:#[^\n]*)?(?:\n|$)"
)


class _Scanner:
    """One pass over TOML text, recording ``path -> line`` in ``lines`` (first occurrence wins)."""

    def __init__(self, text: str, lines: dict[str, int]) -> None:
        self.text = text
        self.pos = 0
        self.lines = lines
        self.breaks = [match.start() for match in re.finditer("\n", text)]
        self.counts: dict[str, int] = {}  # array-of-tables path -> entries seen
        self.latest: dict[str, str] = {}  # array-of-tables path -> its current concrete path

    # --- characters -----------------------------------------------------------------------------

    def _peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def _skip_blank(self, newlines: bool) -> None:
        """Skip spaces and comments, and line breaks too when ``newlines``."""
        match = (_BLANK_LINES if newlines else _BLANK).match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def _skip_line_rest(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def _skip_to_next_line(self) -> None:
        self._skip_line_rest()
        self.pos = min(self.pos + 1, len(self.text))

    def _record(self, path: str) -> None:
        if path and path not in self.lines:
            self.lines[path] = bisect_right(self.breaks, self.pos - 1) + 1

    # --- keys and headers -----------------------------------------------------------------------

    def _key_part(self) -> str | None:
        char = self._peek()
        if char in ('"', "'"):
            match = (_BASIC if char == '"' else _LITERAL).match(self.text, self.pos)
            assert match is not None  # both patterns match their opening quote
            self.pos = match.end()
            return match.group()[1:].removesuffix(char)
        match = _BARE_KEY.match(self.text, self.pos)
        if not match:
            return None
        self.pos = match.end()
        return match.group()

    def _dotted_key(self) -> list[str] | None:
        """``a.b."c"`` → ``["a", "b", "c"]``; ``None`` if no key starts here."""
        parts: list[str] = []
        while True:
            self._skip_blank(newlines=False)
            part = self._key_part()
            if part is None:
                return parts or None
            parts.append(part)
            self._skip_blank(newlines=False)
            if self._peek() != ".":
                return parts
            self.pos += 1

    def _header(self, table: str) -> str:
        array = self._peek(1) == "["
        self.pos += 2 if array else 1
        parts = self._dotted_key()
        self._skip_blank(newlines=False)
        closing = "]]" if array else "]"
        if not parts or self.text[self.pos : self.pos + len(closing)] != closing:
            self._skip_to_next_line()
            return table
        concrete = ""
        for position, part in enumerate(parts):
            candidate = f"{concrete}.{part}" if concrete else part
            if position == len(parts) - 1 and array:
                index = self.counts.get(candidate, 0)
                self.counts[candidate] = index + 1
                self._record(candidate)  # the list itself: where its first entry starts
                concrete = self.latest[candidate] = f"{candidate}[{index}]"
            else:
                concrete = self.latest.get(candidate, candidate)
        self._record(concrete)
        self._skip_to_next_line()
        return concrete

    # --- values ---------------------------------------------------------------------------------

    def _string(self) -> None:
        quote = self._peek()
        if self.text.startswith(quote * 3, self.pos):
            end = self.text.find(quote * 3, self.pos + 3)
            if quote == '"':
                while end > 0 and self._escaped(end):
                    end = self.text.find(quote * 3, end + 1)
            if end < 0:
                self.pos = len(self.text)
                return
            target = end + 3
            # A closing delimiter may be followed by up to two more quotes that belong to the string.
            while target < len(self.text) and self.text[target] == quote and target - (end + 3) < 2:
                target += 1
            self.pos = target
            return
        match = (_BASIC if quote == '"' else _LITERAL).match(self.text, self.pos)
        self.pos = match.end() if match else self.pos + 1

    def _escaped(self, index: int) -> bool:
        backslashes = 0
        while index - backslashes - 1 >= 0 and self.text[index - backslashes - 1] == "\\":
            backslashes += 1
        return backslashes % 2 == 1

    def _value(self, path: str, depth: int) -> None:
        self._skip_blank(newlines=False)
        char = self._peek()
        if depth > _MAX_DEPTH:
            self._scalar()
        elif char in ('"', "'"):
            self._string()
        elif char == "[":
            self._array(path, depth)
        elif char == "{":
            self._inline_table(path, depth)
        else:
            self._scalar()

    def _scalar(self) -> None:
        match = _SCALAR.match(self.text, self.pos)
        end = match.end() if match else self.pos
        if end == self.pos and end < len(self.text) and self.text[end] not in "\n#":
            end += 1  # always move on, even over a stray bracket
        self.pos = end

    def _array(self, path: str, depth: int) -> None:
        self.pos += 1  # [
        index = 0
        while self.pos < len(self.text):
            self._skip_blank(newlines=True)
            char = self._peek()
            if char == "]":
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            if char in "}=" or not char:
                return  # malformed: leave it to the TOML parser
            item = f"{path}[{index}]"
            self._record(item)
            before = self.pos
            self._value(item, depth + 1)
            index += 1
            if self.pos == before:
                self.pos += 1

    def _inline_table(self, path: str, depth: int) -> None:
        self.pos += 1  # {
        while self.pos < len(self.text):
            self._skip_blank(newlines=False)
            char = self._peek()
            if char == "}":
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            if char in "\n]" or not char:
                return  # malformed (inline tables stay on one line)
            parts = self._dotted_key()
            self._skip_blank(newlines=False)
            if not parts or self._peek() != "=":
                return
            self.pos += 1
            full = ".".join([path, *parts])
            self._record(full)
            self._value(full, depth + 1)

    # --- the document ---------------------------------------------------------------------------

    def run(self) -> None:
        table = ""
        while self.pos < len(self.text):
            self._skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self._peek() == "[":
                table = self._header(table)
                continue
            simple = _SIMPLE_LINE.match(self.text, self.pos)
            if simple:
                self._record(f"{table}.{simple.group(1)}" if table else simple.group(1))
                self.pos = simple.end()
                continue
            parts = self._dotted_key()
            self._skip_blank(newlines=False)
            if not parts or self._peek() != "=":
                self._skip_to_next_line()
                continue
            self.pos += 1
            full = ".".join(filter(None, [table, *parts]))
            self._record(full)
            self._value(full, 0)
            self._skip_blank(newlines=False)
            if self._peek() != "\n":
                self._skip_line_rest()


class LineIndex:
    """Maps key paths like ``routines[1].steps[0].exercise`` to 1-based line numbers.

    The text is scanned on the first lookup, so a valid file (never asked for a line) costs nothing."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[str, int] | None = None

    @property
    def lines(self) -> dict[str, int]:
        """Every located path and its line."""
        if self._lines is None:
            self._lines = {}
            _Scanner(self._text, self._lines).run()
            self._text = ""
        return self._lines

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
