"""Sessions in the window: save, open, refuse a bad file, ask before losing work, and
remember recent files and the layout between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from calfchart.domain.catalog import Catalog
from calfchart.domain.zones import Side, View
from calfchart.qt.dialogs import UnsavedChoice
from calfchart.qt.window import UNTITLED, MainWindow
from tests.chart_helpers import click_zone
from tests.window_support import (
    DialogLog,
    forget_changes,
    open_window,
    patch_dialogs,
    settings_at,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    return patch_dialogs(monkeypatch)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot: QtBot, catalog: Catalog, settings_file: Path, log: DialogLog) -> MainWindow:
    return open_window(qtbot, catalog, settings_file)


def chart_a_case(qtbot: QtBot, window: MainWindow) -> None:
    """Left leg, three zones at different intensities, a screening answer, notes."""
    qtbot.mouseClick(window.chart_area.left, Qt.MouseButton.LeftButton)
    back = window.chart_area.views[View.POSTERIOR]
    click_zone(qtbot, back, "calf_lower_medial")
    click_zone(qtbot, back, "achilles")
    window.controller.set_intensity("achilles", 4)
    window.screening_dock.raise_()
    qtbot.mouseClick(window.screening.box("achilles-pop"), Qt.MouseButton.LeftButton)
    window.screening.box("achilles-pop").click()  # and changed their mind: no
    window.details_dock.raise_()
    qtbot.keyClicks(window.details.name, "Sam")
    qtbot.keyClicks(window.details.notes, "Worse after long runs.")


def snapshot(window: MainWindow) -> dict[str, object]:
    c = window.controller
    return {
        "side": c.side,
        "pain": dict(c.pain),
        "answers": dict(c.answers),
        "name": c.name,
        "notes": c.notes,
        "sheet": c.sheet_trigger_points,
        "suggestions": [s.trigger_point.id for s in c.suggestions],
    }


# -- save and open ------------------------------------------------------------------------


def test_save_then_reopen_gives_the_same_state(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path, catalog: Catalog
) -> None:
    chart_a_case(qtbot, window)
    assert window.isWindowModified()
    before = snapshot(window)
    assert before["side"] is Side.LEFT
    assert before["answers"] == {"achilles-pop": False}

    log.save_path = tmp_path / "sam.calfchart.yaml"
    window.save()
    assert log.save_prompts == 1
    assert window.windowTitle() == "sam.calfchart.yaml[*]"
    assert not window.isWindowModified()
    window.save()  # the second save goes to the same file without asking
    assert log.save_prompts == 1

    other = open_window(qtbot, catalog, tmp_path / "other.ini")
    assert other.load_path(log.save_path)
    assert snapshot(other) == before
    assert other.details.name.text() == "Sam"
    assert other.details.notes.toPlainText() == "Worse after long runs."
    assert other.chart_area.left.isChecked()
    assert other.screening.box("achilles-pop").isChecked() is False
    assert other.windowTitle() == "sam.calfchart.yaml[*]"
    assert not other.isWindowModified()
    assert not other.undo_stack.canUndo()


def test_open_through_the_file_menu(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        "calfchart: session\nversion: 1\nside: right\npain: {heel_plantar: 7, achilles: 4}\n",
        encoding="utf-8",
    )
    log.open_path = path
    window.open_session()
    assert dict(window.controller.pain) == {"heel_plantar": 7, "achilles": 4}
    assert window.suggestions.list.model().rowCount() > 0
    assert window.zone_list.item_for("heel_plantar").checkState() == Qt.CheckState.Checked


BROKEN = {
    "bad YAML": ("calfchart: session\npain: {heel_plantar: 7\n", "expected"),
    "a foreign YAML": ("name: my shopping\nitems: [milk, eggs]\n", "not a calfchart session"),
    "an unknown zone": (
        "calfchart: session\nversion: 1\nside: right\npain: {calf_middle: 4}\n",
        "unknown zone 'calf_middle'",
    ),
    "an intensity out of range": (
        "calfchart: session\nversion: 1\nside: left\npain: {achilles: 12}\n",
        "achilles",
    ),
    "a number YAML reads but Python does not": (
        "calfchart: session\nversion: 1\nside: left\npain: {achilles: 0x7}\n",
        "whole number written in digits",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_session_is_refused_and_the_screen_is_untouched(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path, case: str
) -> None:
    chart_a_case(qtbot, window)
    saved = tmp_path / "mine.calfchart.yaml"
    log.save_path = saved
    window.save()
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "knee_posterior")
    before = snapshot(window)
    title = window.windowTitle()

    text, reason = BROKEN[case]
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    assert not window.load_path(broken)

    assert len(log.errors) == 1
    heading, message, details = log.errors[0]
    assert heading == "Cannot open the session"
    assert "broken.yaml" in message
    assert reason in details
    assert "broken.yaml:" in details  # the reason names the file and line
    assert snapshot(window) == before
    assert window.path == saved
    assert window.windowTitle() == title
    assert window.isWindowModified()
    assert window.undo_stack.canUndo()


def test_a_missing_file_is_refused_and_leaves_the_recent_list(
    window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.calfchart.yaml"
    window.settings.add_recent_file(gone)
    assert not window.load_path(gone)
    assert "No such file" in log.errors[0][1]
    assert gone.resolve() not in window.settings.recent_files()


def test_what_is_not_a_small_plain_file_is_refused_before_it_is_read(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    """A pipe once hung the window, /dev/zero filled its memory, a 27 MB file froze it
    for minutes: each is now refused at once, and the chart stays."""
    chart_a_case(qtbot, window)
    before = snapshot(window)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"calfchart: session\n" + b"#" * (2 * 1024 * 1024))
    cases = [(huge, "too large"), (tmp_path, "a folder, not a file")]
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)
        cases.append((pipe, "not a file (a device, pipe or socket)"))
    for path, reason in cases:
        assert not window.load_path(path)
        heading, message, _ = log.errors[-1]
        assert heading == "Cannot open the session" and reason in message
        assert snapshot(window) == before
    assert len(log.errors) == len(cases)


def test_a_failed_save_says_why_and_keeps_the_changes(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    log.save_path = tmp_path / "no such folder" / "case.calfchart.yaml"
    assert not window.save()
    assert log.errors and log.errors[0][0] == "Cannot save the session"
    assert window.isWindowModified()
    assert window.path is None


# -- the unsaved-changes prompt ------------------------------------------------------------


def test_new_with_changes_asks_first(qtbot: QtBot, window: MainWindow, log: DialogLog) -> None:
    window.new_session()  # nothing to lose: no question
    assert log.unsaved_prompts == []

    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    log.unsaved_answer = UnsavedChoice.CANCEL
    window.new_session()
    assert log.unsaved_prompts == ["the untitled chart"]
    assert dict(window.controller.pain) == {"achilles": 5}

    log.unsaved_answer = UnsavedChoice.DISCARD
    window.new_session()
    assert window.controller.pain == {}
    assert window.windowTitle() == f"{UNTITLED}[*]"
    assert not window.isWindowModified()
    assert not window.undo_stack.canUndo()


def test_save_from_the_prompt_saves_then_goes_on(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    log.unsaved_answer = UnsavedChoice.SAVE
    log.save_path = tmp_path / "kept.calfchart.yaml"
    window.new_session()
    assert "achilles: 5" in log.save_path.read_text(encoding="utf-8")
    assert window.controller.pain == {}

    # Cancelling the save dialog cancels the whole thing.
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    window.path = None
    log.save_path = None
    window.new_session()
    assert dict(window.controller.pain) == {"achilles": 5}


def test_open_and_quit_with_changes_ask_too(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path
) -> None:
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    log.open_path = tmp_path / "never-asked.yaml"
    window.open_session()
    assert len(log.unsaved_prompts) == 1
    assert dict(window.controller.pain) == {"achilles": 5}

    assert not window.close()
    assert window.isVisible()
    assert len(log.unsaved_prompts) == 2

    log.unsaved_answer = UnsavedChoice.DISCARD
    assert window.close()


# -- between runs ------------------------------------------------------------------------------


def read_recent_in_a_new_process(settings_file: Path) -> list[str]:
    """What a fresh calfchart would read: no in-process cache to hide string values."""
    code = (
        "import json, sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from calfchart.qt.settings import WindowSettings\n"
        "s = WindowSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat))\n"
        "print(json.dumps([str(p) for p in s.recent_files()]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(settings_file)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    )
    result: list[str] = json.loads(done.stdout)
    return result


def test_recent_files_survive_a_restart_with_typed_reads(
    qtbot: QtBot, window: MainWindow, log: DialogLog, tmp_path: Path, settings_file: Path
) -> None:
    first = tmp_path / "first.calfchart.yaml"
    log.save_path = first
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    window.save()
    # One file: stored as a plain string, which only a typed read turns back into a list.
    assert read_recent_in_a_new_process(settings_file) == [str(first.resolve())]
    assert "first.calfchart.yaml" in settings_file.read_text(encoding="utf-8")

    second = tmp_path / "second.calfchart.yaml"
    log.save_path = second
    window.save_as()
    window.save_as()  # saving it again keeps one entry
    assert read_recent_in_a_new_process(settings_file) == [
        str(second.resolve()),
        str(first.resolve()),
    ]

    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.statusTip()]
    assert [a.statusTip() for a in entries] == [str(second.resolve()), str(first.resolve())]
    log.unsaved_answer = UnsavedChoice.DISCARD
    entries[1].trigger()
    assert window.path == first.resolve()

    window.settings.clear_recent_files()
    assert read_recent_in_a_new_process(settings_file) == []
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == ["No recent sessions"]


def test_the_layout_is_restored_in_the_next_window(
    qtbot: QtBot, catalog: Catalog, log: DialogLog, settings_file: Path
) -> None:
    first = open_window(qtbot, catalog, settings_file)
    first.resize(1100, 700)
    first.screening_dock.raise_()
    first.removeDockWidget(first.zones_dock)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.zones_dock)
    first.zones_dock.show()
    assert first.close()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.contains("window/geometry") and stored.contains("window/state")

    second = MainWindow(catalog, settings_at(settings_file))
    qtbot.addWidget(second, before_close_func=forget_changes)
    second.show()
    qtbot.waitExposed(second)
    # The width is fitted to the (800 pixel wide) offscreen screen; the height fits.
    assert second.size().height() == 700
    assert second.dockWidgetArea(second.zones_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.suggestions_dock.isVisible()


def test_the_command_line_opens_the_session_it_names(
    qtbot: QtBot, catalog: Catalog, log: DialogLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from calfchart.qt import app

    path = tmp_path / "from-the-shell.calfchart.yaml"
    path.write_text(
        "calfchart: session\nversion: 1\nside: left\npain: {achilles: 6}\n", encoding="utf-8"
    )
    opened: list[MainWindow] = []

    class RecordedWindow(MainWindow):
        def __init__(self, catalog: Catalog) -> None:
            super().__init__(catalog, settings_at(tmp_path / "settings.ini"))
            qtbot.addWidget(self, before_close_func=forget_changes)
            opened.append(self)

    monkeypatch.setattr(app, "MainWindow", RecordedWindow)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # no event loop in a test
    assert app.run_window(catalog, path) == 0

    (window,) = opened
    assert window.isVisible()
    assert window.path == path
    assert dict(window.controller.pain) == {"achilles": 6}
    assert window.controller.side is Side.LEFT
    assert QApplication.applicationName() == "calfchart"
    assert log.errors == []
