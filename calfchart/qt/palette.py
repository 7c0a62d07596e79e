"""Light and dark colours: follow the system's scheme unless the user picks one.

Fusion draws from the palette alone, so one QPalette per scheme gives the same look
everywhere. Where the platform reports no scheme (the offscreen platform, many X11
desktops) the light palette is used. The dark palette brings its own style, Fusion
with clearer tick boxes (style.py); the light one keeps plain Fusion, which draws them
the same and spares every paint a call into Python.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from calfchart.qt.settings import SchemeChoice

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def light_palette() -> QPalette:
    palette = QPalette(QColor("#efefef"))
    palette.setColor(Role.Base, QColor("#ffffff"))
    palette.setColor(Role.AlternateBase, QColor("#f5f5f5"))
    palette.setColor(Role.Text, QColor("#1a1a1a"))
    palette.setColor(Role.WindowText, QColor("#1a1a1a"))
    palette.setColor(Role.ButtonText, QColor("#1a1a1a"))
    palette.setColor(Role.PlaceholderText, QColor("#6b6b6b"))
    palette.setColor(Role.Highlight, QColor("#2a6fb0"))
    palette.setColor(Role.HighlightedText, QColor("#ffffff"))
    palette.setColor(Role.Link, QColor("#1f5f99"))
    palette.setColor(Role.LinkVisited, QColor("#6a3d9a"))
    palette.setColor(Role.ToolTipBase, QColor("#ffffdc"))
    palette.setColor(Role.ToolTipText, QColor("#1a1a1a"))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#8a8a8a"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#353535"))
    palette.setColor(Role.Window, QColor("#2d2d2d"))
    palette.setColor(Role.Base, QColor("#1e1e1e"))
    palette.setColor(Role.AlternateBase, QColor("#282828"))
    palette.setColor(Role.Text, QColor("#e8e8e8"))
    palette.setColor(Role.WindowText, QColor("#e8e8e8"))
    palette.setColor(Role.ButtonText, QColor("#e8e8e8"))
    palette.setColor(Role.BrightText, QColor("#ffffff"))
    palette.setColor(Role.PlaceholderText, QColor("#9a9a9a"))
    palette.setColor(Role.Highlight, QColor("#3d7fc4"))
    palette.setColor(Role.HighlightedText, QColor("#ffffff"))
    palette.setColor(Role.Link, QColor("#8ab8ee"))
    palette.setColor(Role.LinkVisited, QColor("#c3a6e6"))
    palette.setColor(Role.ToolTipBase, QColor("#3a3a3a"))
    palette.setColor(Role.ToolTipText, QColor("#e8e8e8"))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#7a7a7a"))
    return palette


class ColourScheme(QObject):
    """Applies the light or dark palette to the application and says which is on."""

    dark_changed = Signal(bool)

    def __init__(self, choice: SchemeChoice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choice = choice
        self._dark: bool | None = None
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme_changed)
        self._apply()

    @property
    def choice(self) -> SchemeChoice:
        return self._choice

    @property
    def is_dark(self) -> bool:
        return bool(self._dark)

    def set_choice(self, choice: SchemeChoice) -> None:
        self._choice = choice
        self._apply()

    def _on_system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice is SchemeChoice.SYSTEM:
            self._apply()

    def _wants_dark(self) -> bool:
        if self._choice is SchemeChoice.SYSTEM:
            return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return self._choice is SchemeChoice.DARK

    def _apply(self) -> None:
        dark = self._wants_dark()
        if dark == self._dark:
            return
        was_dark, self._dark = self._dark, dark
        QGuiApplication.setPalette(dark_palette() if dark else light_palette())
        if dark:
            from calfchart.qt.style import CalfchartStyle  # loaded for the dark palette only

            QApplication.setStyle(CalfchartStyle())
        elif was_dark:
            QApplication.setStyle("Fusion")
        self.dark_changed.emit(dark)
