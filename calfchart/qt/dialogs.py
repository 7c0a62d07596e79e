"""Every modal dialog the window opens, each behind one small function.

Tests replace these functions (monkeypatch) so that no dialog ever waits for a click;
the window calls them through this module, never through QFileDialog or QMessageBox.
Those two are loaded when a dialog first opens: setting up their Python types takes a
few milliseconds that start-up does without.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SESSION_FILTER = "calfchart sessions (*.calfchart.yaml *.yaml *.yml);;All files (*)"
SESSION_SUFFIX = ".calfchart.yaml"


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, "Open a session", str(folder), SESSION_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(
        parent, "Save the session", str(suggested), SESSION_FILTER
    )
    if not name:
        return None
    path = Path(name)
    # A name typed without a suffix gets ours, so the file is recognisable later.
    return path if path.suffix else path.with_name(path.name + SESSION_SUFFIX)


def ask_unsaved_changes(parent: QWidget, document: str) -> UnsavedChoice:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to {document}?")
    box.setInformativeText("If you don't save, the changes are lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def show_error(parent: QWidget, title: str, text: str, details: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.exec()


def show_text(parent: QWidget, title: str, text: str) -> None:
    """A page of reading (the disclaimer, the note on the evidence, about)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    box.exec()
