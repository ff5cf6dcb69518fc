"""Reading a large JSON document a piece at a time, so importing ten years of history stays small.

``read_members`` walks a document whose top level is an object and yields its members in file order:
an array member element by element (``ArrayItem``), any other member whole (``Member``). Only one
element is held in memory at a time; the standard library decoder does the parsing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

CHUNK = 1 << 16
LOOKAHEAD = 1024  # never decode a value with less than this in the buffer (unless at the end of file)
MAX_VALUE = 64 << 20  # one array element may not exceed this many characters
_NOT_WHITESPACE = re.compile(r"[^ \t\n\r]")


class JsonStreamError(ValueError):
    """The document is not valid JSON, or its top level is not an object; ``line`` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        message = message.removesuffix(" starting at").removesuffix(" at")
        super().__init__(f"line {line}: {message}")
        self.line = line


class RecordTooLarge(JsonStreamError):
    """One array element is longer than ``MAX_VALUE`` characters: it is not read (memory stays bounded)."""


@dataclass(frozen=True)
class Member:
    """A top-level member whose value is not an array."""

    key: str
    value: Any


@dataclass(frozen=True)
class ArrayItem:
    """One element of a top-level array member."""

    key: str
    index: int
    value: Any


@dataclass(frozen=True)
class ArrayStart:
    """A top-level array member begins (it may have no elements)."""

    key: str


class _Buffer:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.text = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in text already dropped from the buffer

    def fill(self, at_least: int = CHUNK) -> None:
        data = self.stream.read(max(CHUNK, at_least))
        dropped = self.text[: self.pos]
        self.lines_before += dropped.count("\n")
        self.text = self.text[self.pos :] + data
        self.pos = 0
        if not data:
            self.eof = True

    def line_at(self, pos: int) -> int:
        return self.lines_before + self.text.count("\n", 0, pos) + 1

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            found = _NOT_WHITESPACE.search(self.text, self.pos)
            if found is not None:
                self.pos = found.start()
                return self.text[self.pos]
            self.pos = len(self.text)
            if self.eof:
                return ""
            self.fill()

    def expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found != char:
            shown = repr(found) if found else "the end of the file"
            raise JsonStreamError(f"expected {what}, found {shown}", self.line_at(self.pos))
        self.pos += 1

    def value(self, decoder: json.JSONDecoder) -> Any:
        self.peek()
        while True:
            if not self.eof and len(self.text) - self.pos < LOOKAHEAD:
                self.fill()
                continue
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                pending = len(self.text) - self.pos
                if pending > MAX_VALUE and not self.eof:
                    raise RecordTooLarge(
                        f"one record is larger than the per-record limit of {MAX_VALUE >> 20} MiB "
                        "(MAX_VALUE); it was not read",
                        self.line_at(self.pos),
                    ) from error
                if self.eof:
                    raise JsonStreamError(error.msg, self.line_at(error.pos)) from error
                self.fill(at_least=pending)  # the value may just be cut off: read more, then retry
                continue
            self.pos = end
            return value


def read_members(stream: TextIO) -> Iterator[Member | ArrayStart | ArrayItem]:
    """The members of the top-level object in ``stream``, arrays one element at a time."""
    decoder = json.JSONDecoder()
    buffer = _Buffer(stream)
    buffer.expect("{", "a JSON object ('{') at the start of the file")
    if buffer.peek() == "}":
        buffer.pos += 1
    else:
        while True:
            key_line = buffer.line_at(buffer.pos)
            key = buffer.value(decoder)
            if not isinstance(key, str):
                raise JsonStreamError("expected a member name in double quotes", key_line)
            buffer.expect(":", "':' after a member name")
            if buffer.peek() == "[":
                buffer.pos += 1
                yield ArrayStart(key)
                index = 0
                if buffer.peek() == "]":
                    buffer.pos += 1
                else:
                    while True:
                        yield ArrayItem(key, index, buffer.value(decoder))
                        index += 1
                        if buffer.peek() == ",":
                            buffer.pos += 1
                            continue
                        buffer.expect("]", f"',' or ']' in the {key!r} list")
                        break
            else:
                yield Member(key, buffer.value(decoder))
            if buffer.peek() == ",":
                buffer.pos += 1
                continue
            buffer.expect("}", "',' or '}' after a member")
            break
    if buffer.peek() != "":
        raise JsonStreamError("unexpected text after the end of the JSON object", buffer.line_at(buffer.pos))
