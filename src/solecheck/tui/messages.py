"""Custom messages widgets post up to their screens (append-only: other features add theirs below)."""

from __future__ import annotations

from datetime import date

from textual.message import Message


class PainRated(Message):
    """The person gave a pain rating from 0 to 10 (posted by the pain scale)."""

    def __init__(self, score: int) -> None:
        super().__init__()
        self.score = score


class MoreRowsWanted(Message):
    """The person reached the end of the rows loaded so far (posted by the session table)."""


class FiltersChanged(Message):
    """The person changed the history filters (posted by the history filter bar). ``None`` means any;
    ``until`` is inclusive."""

    def __init__(
        self, routine_id: str | None, pack_id: str | None, since: date | None, until: date | None
    ) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.pack_id = pack_id
        self.since = since
        self.until = until
