"""Viewports made in Python (viewport.py): the same widgets as Qt's, and a start-up
that never hands PySide6 a plain widget made in C++ before the first paint."""

from __future__ import annotations

import subprocess
import sys

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


FIRST_PAINT_PROBE = """
import calfchart.qt
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QCoreApplication
from calfchart.catalog import open_catalog
from calfchart.qt.app import make_application
from calfchart.qt.deferred import after_first_paint
from calfchart.qt.window import MainWindow

app = make_application()
window = MainWindow(open_catalog())

def painted():
    # QMdiArea is a widget class calfchart never uses: PySide6 initialises it only
    # when it must find the type of a plain QWidget made in C++.
    print("initialised" if "QMdiArea" in vars(widgets) else "untouched", flush=True)
    QCoreApplication.quit()

after_first_paint(window, painted)
window.show()
app.exec()
"""


def test_the_window_paints_without_resolving_a_plain_widget_made_in_cpp() -> None:
    # A fresh process: in this one, earlier tests have initialised every class.
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.split() == ["untouched"], out.stderr
