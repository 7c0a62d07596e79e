"""Viewports made in Python (viewport.py): the same widgets as Qt's. That start-up
never hands PySide6 a plain widget made in C++ is tested in test_window_start.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGraphicsScene,
    QGraphicsView,
    QListView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calfchart.qt.treatment_cards import CardBrowser
from calfchart.qt.viewport import own_viewport


def _state(widget: QWidget) -> dict[str, object]:
    return {
        "attributes": {a.name for a in Qt.WidgetAttribute if widget.testAttribute(a)},
        "role": widget.backgroundRole(),
        "fills": widget.autoFillBackground(),
        "tracks mouse": widget.hasMouseTracking(),
        "focus": widget.focusPolicy(),
        "cursor": widget.cursor().shape(),
        "drops": widget.acceptDrops(),
        "focus proxy": widget.focusProxy() is not None,
    }


def _area(kind: type[QAbstractScrollArea], qtbot: QtBot) -> QAbstractScrollArea:
    area = kind()
    qtbot.addWidget(area)
    if isinstance(area, QGraphicsView):
        area.setScene(QGraphicsScene(area))
    return area


@pytest.mark.parametrize("kind", [QListView, QGraphicsView])
def test_an_own_viewport_is_set_up_as_qt_sets_up_its_own(
    qtbot: QtBot, kind: type[QAbstractScrollArea]
) -> None:
    theirs, ours = _area(kind, qtbot), _area(kind, qtbot)
    made = own_viewport(ours)
    for area in (theirs, ours):
        area.resize(200, 150)
        area.show()
        qtbot.waitExposed(area)
    assert ours.viewport() is made
    assert _state(made) == _state(theirs.viewport())


def test_the_card_browser_works_out_its_viewport_width(qtbot: QtBot) -> None:
    browser = CardBrowser()
    qtbot.addWidget(browser)
    browser.resize(300, 200)
    browser.show()
    qtbot.waitExposed(browser)
    assert browser.viewport_width() == browser.viewport().width()
    browser.setPlainText("A line of the card.\n" * 200)  # now it scrolls
    qtbot.waitUntil(lambda: browser.verticalScrollBar().isVisible())
    assert browser.viewport_width() == browser.viewport().width()
