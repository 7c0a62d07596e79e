"""Building what is off screen after the window has first painted.

Start-up time is what the user waits for before seeing anything, so the window builds
only what is on screen at first (the drawings, the suggestions, the treatment tab)
and leaves the tabbed-away panels to a DeferredDock: built the moment its tab is
shown or the program needs it, and otherwise right after the first paint, so that a
later click on its tab finds it ready.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Once this paint has been delivered and flushed, not in the middle of it.
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` once, as soon as `widget` has painted for the first time."""
    _AfterFirstPaint(widget, callback)


class DeferredDock(QDockWidget):
    """A dock whose widget is made by `build` when it is first shown or asked for."""

    def __init__(
        self, title: str, name: str, build: Callable[[], QWidget], parent: QWidget
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._build: Callable[[], QWidget] | None = build
        self.visibilityChanged.connect(self._on_visibility_changed)

    @property
    def is_built(self) -> bool:
        return self._build is None

    def content(self) -> QWidget:
        """The dock's widget, built now if it was not yet."""
        if self._build is not None:
            build, self._build = self._build, None
            self.setWidget(build())
        widget = self.widget()
        assert widget is not None
        return widget

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.content()
