"""Speaking to screen readers from widgets they cannot read by themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text`, if one is running (Qt 6.8+)."""
    # Loaded at the first announcement, not at start-up: setting up QAccessible's
    # Python types takes a few milliseconds that the first paint does without.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
