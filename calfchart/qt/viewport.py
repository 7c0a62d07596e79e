"""Scroll areas given a viewport made in Python, to keep a one-off cost off the start-up."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea, *, fill: bool = True) -> QWidget:
    """Give `area` a viewport made here, set up as Qt sets up its own, and return it.

    The viewport Qt makes is a plain QWidget made in C++. The first time such a widget
    reaches Python (`viewport()`, to repaint or measure it), PySide6 looks for its most
    derived type by initialising every widget class of QtWidgets: about 7 ms, and the
    window asks before its first paint. A viewport made in Python has its type already.
    For list and graphics views the result is the same widget state as Qt's own
    (checked by tests/test_viewport.py). `fill=False` leaves the background to the
    area's parent, as a banner's scroll area wants.
    """
    viewport = QWidget()
    # As QAbstractScrollArea sets up the viewport it makes.
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(fill)
    area.setViewport(viewport)
    return viewport
