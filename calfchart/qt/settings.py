"""What the window remembers between runs: recent files, colour scheme, geometry.

Values read back in a new process come back as strings ('true', a one-item list as a
plain string, an empty list as None), while the same process's cache hides this; so
every read here names its type (shared/design/QT-NOTES.md §5).
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings

SETTINGS_DIR_VARIABLE = "CALFCHART_SETTINGS_DIR"
"""Tests (and the benchmark) point this at a temporary folder."""

MAX_RECENT_FILES = 8

_RECENT = "files/recent"
_SCHEME = "view/colourScheme"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_PREPARED_BY = "sheet/preparedBy"


class SchemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def open_settings(parent: QObject | None = None) -> QSettings:
    """The settings store: an INI file in CALFCHART_SETTINGS_DIR if set, else the user's."""
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        path = Path(folder) / "calfchart.ini"
        return QSettings(str(path), QSettings.Format.IniFormat, parent)
    return QSettings(parent)


class WindowSettings:
    """Typed access to the window's settings."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    # -- recent files ----------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        names = self.store.value(_RECENT, [], type=list)
        if not isinstance(names, list):
            return []
        return [Path(str(n)) for n in names if str(n)]

    def add_recent_file(self, path: Path) -> list[Path]:
        """Put a file at the top of the list (once), keeping the newest few."""
        path = path.resolve()
        recent = [p for p in self.recent_files() if p != path]
        recent = [path, *recent][:MAX_RECENT_FILES]
        self._set_recent(recent)
        return recent

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != path])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, paths: list[Path]) -> None:
        self.store.setValue(_RECENT, [str(p) for p in paths])
        self.store.sync()

    # -- colour scheme ---------------------------------------------------------------
    def scheme_choice(self) -> SchemeChoice:
        value = self.store.value(_SCHEME, SchemeChoice.SYSTEM.value, type=str)
        try:
            return SchemeChoice(str(value))
        except ValueError:
            return SchemeChoice.SYSTEM

    def set_scheme_choice(self, choice: SchemeChoice) -> None:
        self.store.setValue(_SCHEME, choice.value)

    # -- the clinician's line on the sheet ----------------------------------------------
    def prepared_by(self) -> str:
        """Who prepares the sheets on this computer (name and phone), printed on each."""
        return str(self.store.value(_PREPARED_BY, "", type=str) or "")

    def set_prepared_by(self, text: str) -> None:
        self.store.setValue(_PREPARED_BY, text)

    # -- window layout ---------------------------------------------------------------
    def geometry(self) -> QByteArray:
        value = self.store.value(_GEOMETRY, QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) else QByteArray()

    def state(self) -> QByteArray:
        value = self.store.value(_STATE, QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) else QByteArray()

    def save_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue(_GEOMETRY, geometry)
        self.store.setValue(_STATE, state)
        self.store.sync()
