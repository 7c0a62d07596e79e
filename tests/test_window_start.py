"""The window paints what is on screen first and builds the tabbed-away panels after."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
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


def test_the_rows_have_their_painter_before_they_first_paint(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.suggestion_row import SuggestionDelegate

    empty = unshown_window(qtbot, catalog, tmp_path)
    # With no row to draw, the list's first paint comes without it, and it is made
    # just after, before anyone can click.
    with qtbot.waitSignal(empty.panels_built, timeout=5000):
        empty.show()
    qtbot.waitUntil(
        lambda: isinstance(empty.suggestions.list.itemDelegate(), SuggestionDelegate),
        timeout=2000,
    )

    # A session opened at start-up fills the list before the window first paints.
    charted = unshown_window(qtbot, catalog, tmp_path)
    charted.controller.load_session(Session(side=Side.RIGHT, pain={"heel_plantar": 5}))
    assert charted.suggestions.list.model_.rowCount() > 0
    assert isinstance(charted.suggestions.list.itemDelegate(), SuggestionDelegate)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_the_garbage_collector_is_back_on_once_the_window_is_whole(
    qtbot: QtBot,
    catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    collector_restored: None,
) -> None:
    from PySide6.QtWidgets import QApplication

    from calfchart.qt import app

    class RecordedWindow(MainWindow):
        def __init__(self, catalog: Catalog) -> None:
            super().__init__(catalog, settings_at(tmp_path / "settings.ini"))
            qtbot.addWidget(self, before_close_func=forget_changes)

    def run_until_collecting(_app: QApplication) -> int:
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        return 0

    monkeypatch.setattr(app, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", run_until_collecting)
    gc.disable()  # as the command line does before it opens the window
    assert app.run_window(catalog, None) == 0
    # What start-up made is set aside, so that later collections are short.
    assert gc.get_freeze_count() > 0


FIRST_PAINT_PROBE = """
import calfchart.qt
import PySide6.QtCore as core
import PySide6.QtGui as gui
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
    # Classes calfchart uses, but not on the way to the first paint: the row painter
    # (suggestion_row.py) and the style, dialogs, and screen-reader announcements.
    sentinels += [(widgets, "QStyle"), (widgets, "QFileDialog"), (widgets, "QMessageBox")]
    sentinels += [(gui, "QAccessible")]
    # Named by an overload of QPainter.fillRect (drawing_key.py): 169 presets.
    sentinels += [(gui, "QGradient")]
    print(" ".join(name for module, name in sentinels if name in vars(module)) or "none")
    print(app.style().name())
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
    # The style asked for on Qt's command line (app.py) is in place all the same.
    assert out.stdout.split() == ["none", "fusion"], out.stderr


@pytest.mark.parametrize(
    ("mode", "marks"),
    [("1", ["first-paint", "panels-built"]), ("first-paint", ["first-paint"])],
)
def test_the_benchmark_hook_reports_the_first_paint_and_ends_the_program(
    mode: str, marks: list[str]
) -> None:
    from calfchart.qt.app import BENCH_VARIABLE

    out = subprocess.run(
        [sys.executable, "-m", "calfchart"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, BENCH_VARIABLE: mode},
    )
    # Each mark with the wall-clock time it was reached (bench/bench_startup.py).
    assert [line.split()[0] for line in out.stdout.splitlines()] == marks, out.stderr
    assert all(float(line.split()[1]) > 0 for line in out.stdout.splitlines())
