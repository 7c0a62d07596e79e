"""What the window tests share: a window on its own settings file, and dialogs that
answer by themselves and write down what they were asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QGraphicsItem, QWidget
from pytestqt.qtbot import QtBot

from calfchart.domain.catalog import Catalog
from calfchart.qt import dialogs
from calfchart.qt.chart_view import ChartView
from calfchart.qt.settings import WindowSettings
from calfchart.qt.suggestions_panel import SuggestionList
from calfchart.qt.window import MainWindow


@dataclass
class DialogLog:
    """Stands in for every dialog; set the answers, then read what was asked."""

    open_path: Path | None = None
    save_path: Path | None = None
    unsaved_answer: dialogs.UnsavedChoice = dialogs.UnsavedChoice.CANCEL
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    unsaved_prompts: list[str] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    save_prompts: int = 0

    def ask_open_path(self, _parent: QWidget, _folder: Path) -> Path | None:
        return self.open_path

    def ask_save_path(self, _parent: QWidget, _suggested: Path) -> Path | None:
        self.save_prompts += 1
        return self.save_path

    def ask_unsaved_changes(self, _parent: QWidget, document: str) -> dialogs.UnsavedChoice:
        self.unsaved_prompts.append(document)
        return self.unsaved_answer

    def show_error(self, _parent: QWidget, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def show_text(self, _parent: QWidget, title: str, text: str) -> None:
        self.texts.append((title, text))


def patch_dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()
    for name in (
        "ask_open_path",
        "ask_save_path",
        "ask_unsaved_changes",
        "show_error",
        "show_text",
    ):
        monkeypatch.setattr(dialogs, name, getattr(log, name))
    return log


def settings_at(path: Path) -> WindowSettings:
    return WindowSettings(QSettings(str(path), QSettings.Format.IniFormat))


def forget_changes(window: QWidget) -> None:
    """Before pytest-qt closes a window at teardown: nothing to ask about, so it closes.

    A window that asked would stay open (the stand-in dialog answers Cancel) and lie
    over the windows of later tests.
    """
    assert isinstance(window, MainWindow)
    window.controller.mark_saved()


def open_window(qtbot: QtBot, catalog: Catalog, settings_file: Path) -> MainWindow:
    window = MainWindow(catalog, settings_at(settings_file))
    qtbot.addWidget(window, before_close_func=forget_changes)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def tagged(view: ChartView, kind: str) -> list[QGraphicsItem]:
    """The scene items of one kind ("essential", "muscle", "trigger-point"...)."""
    found = []
    for item in view.chart_scene().items():
        data = item.data(0)
        if isinstance(data, tuple) and data[0] == kind and item.isVisible():
            found.append(item)
    return found


def tagged_ids(view: ChartView, kind: str) -> set[str]:
    return {str(item.data(0)[1]) for item in tagged(view, kind)}


def row_point(suggestions: SuggestionList, row: int) -> QPoint:
    """A point on a row's text, away from its two boxes."""
    rect = suggestions.visualRect(suggestions.model().index(row, 0))
    return QPoint(rect.left() + rect.width() // 3, rect.center().y())


def click_row(
    qtbot: QtBot,
    suggestions: SuggestionList,
    row: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    suggestions.scrollTo(suggestions.model().index(row, 0))
    qtbot.mouseClick(
        suggestions.viewport(), Qt.MouseButton.LeftButton, modifiers, row_point(suggestions, row)
    )
