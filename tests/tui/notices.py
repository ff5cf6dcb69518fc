"""What an app told the person in notifications, recorded through Textual's public message hook."""

from __future__ import annotations

from collections.abc import Iterator

from textual.message import Message
from textual.notifications import Notification, Notify


class Notices:
    """Pass as ``run_test(message_hook=...)``: records every notification the app posts (``Notify``), in
    order, whether or not its toast is still shown. Iterate it for the ``Notification`` objects."""

    def __init__(self) -> None:
        self.posted: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.posted.append(message.notification)

    def __iter__(self) -> Iterator[Notification]:
        return iter(self.posted)

    def __len__(self) -> int:
        return len(self.posted)

    @property
    def titles(self) -> list[str]:
        return [n.title for n in self.posted]

    @property
    def messages(self) -> list[str]:
        return [str(n.message) for n in self.posted]
