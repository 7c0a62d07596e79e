"""The window paints what is on screen first and builds the tabbed-away panels after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from calfchart.domain.catalog import Catalog
from calfchart.domain.session import Session
from calfchart.domain.zones import Side
from calfchart.qt.window import MainWindow
from tests.window_support import forget_changes, settings_at


def unshown_window(qtbot: QtBot, catalog: Catalog, tmp_path: Path) -> MainWindow:
    window = MainWindow(catalog, settings_at(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=forget_changes)
    window.resize(1280, 800)
    return window


def deferred(window: MainWindow) -> dict[str, bool]:
    docks = (window.screening_dock, window.muscles_dock, window.zones_dock, window.details_dock)
    return {dock.objectName(): dock.is_built for dock in docks}


def test_only_what_is_on_screen_is_built_before_the_first_paint(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window = unshown_window(qtbot, catalog, tmp_path)
    assert not any(deferred(window).values())
    # Tabs of the panels not yet built are there to click, with their titles.
    assert window.screening_dock.windowTitle().startswith("Safety")
    assert window.suggestions.isVisibleTo(window)
    assert window.cards.isVisibleTo(window)


def test_every_panel_is_built_soon_after_the_first_paint(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window = unshown_window(qtbot, catalog, tmp_path)
    with qtbot.waitSignal(window.panels_built, timeout=5000):
        window.show()
    assert all(deferred(window).values())
    assert window.screening_dock.widget() is window.screening
    assert window.zone_list.count() > 0


def test_showing_a_tab_builds_its_panel_at_once(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the build after the first paint, only the tab's own showing builds it.
    monkeypatch.setattr(MainWindow, "build_deferred_panels", lambda self: None)
    window = unshown_window(qtbot, catalog, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert not window.screening_dock.is_built
    window.screening_dock.raise_()
    qtbot.waitUntil(lambda: window.screening_dock.is_built, timeout=2000)
    assert window.screening.isVisible()
    assert not window.zones_dock.is_built


def test_a_panel_built_late_shows_the_state_it_missed(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    window = unshown_window(qtbot, catalog, tmp_path)
    question = next(iter(catalog.questions))
    window.controller.load_session(
        Session(
            side=Side.LEFT, name="Sam Runner", notes="Since the marathon", answers={question: True}
        )
    )
    assert not window.details_dock.is_built
    assert window.details.name.text() == "Sam Runner"
    assert window.details.notes.toPlainText() == "Since the marathon"
    assert window.screening.box(question).isChecked()


FIRST_PAINT_PROBE = """
import calfchart.qt
import PySide6.QtCore as core
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QCoreApplication
from calfchart.catalog import open_catalog
from calfchart.qt.app import make_application
from calfchart.qt.deferred import after_first_paint
from calfchart.qt.window import MainWindow

app = make_application()
window = MainWindow(open_catalog())

def painted():
    # Classes calfchart never uses, which PySide6 sets up only on the way to something
    # else: every widget class to type a plain QWidget made in C++ (viewport.py), every
    # QtCore type QDataStream reads to resolve a generic `>>` (drawing_cache.py).
    sentinels = [(widgets, "QMdiArea"), (core, "QJsonDocument"), (core, "QUuid")]
    print(" ".join(name for module, name in sentinels if name in vars(module)) or "none")
    QCoreApplication.quit()

after_first_paint(window, painted)
window.show()
app.exec()
"""


def test_the_first_paint_sets_up_no_qt_class_it_does_not_need() -> None:
    # A fresh process: in this one, earlier tests have set up every class.
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.split() == ["none"], out.stderr
