"""A one-line input whose paste works: what the person pastes is outside text, cut to fit, never lost.

Textual's ``Input`` keeps only the first line of a paste, and refuses the whole paste (a bell, nothing
inserted) when it would pass ``max_length``. :class:`LineInput` joins the pasted lines with spaces,
removes control characters (:func:`solecheck.outside_text.clean`), and cuts what does not fit to the room
left, saying so in a notification.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from solecheck.i18n import _
from solecheck.outside_text import clean


def joined_lines(text: str) -> str:
    """Pasted text as one line: each line trimmed, blank ones dropped, the rest joined by a space."""
    lines = (line.replace("\t", " ").strip() for line in clean(text).splitlines())
    return " ".join(line for line in lines if line)


class LineInput(Input):
    """An ``Input`` for one line of the person's text, with the paste described in the module docstring."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line as well
        text = joined_lines(event.text)
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length:
            room = max(0, self.max_length - (len(self.value) - (end - start)))
            if len(text) > room:
                text = text[:room]
                self.notify(
                    _("The pasted text was cut to {room} characters: this field holds at most {most}.").format(
                        room=room, most=self.max_length
                    ),
                    severity="warning",
                    timeout=6,
                    markup=False,
                )
        if text:
            self.replace(text, start, end)
