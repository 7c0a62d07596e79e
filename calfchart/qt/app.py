"""Starting the window: the application object, its style, and the session to open."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from calfchart import __version__
from calfchart.domain.catalog import Catalog
from calfchart.qt.style import CalfchartStyle
from calfchart.qt.window import MainWindow

BENCH_VARIABLE = "CALFCHART_BENCH_EXIT_AFTER_PAINT"
"""Set by bench/bench_startup.py: print when the window first paints, then quit."""

FIRST_PAINT_MARK = "first-paint"


class FirstPaint(QObject):
    """Prints the wall-clock time of the window's first paint and ends the program.

    The benchmark measures from the moment it spawned the process, so it needs an
    absolute time (time.time), not one relative to this process.
    """

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # After this paint has been delivered, not before it.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{FIRST_PAINT_MARK} {time.time():.6f}", flush=True)
        QCoreApplication.quit()


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("calfchart")
    app.setOrganizationDomain("calfchart.invalid")
    app.setApplicationName("calfchart")
    app.setApplicationDisplayName("calfchart")
    app.setApplicationVersion(__version__)
    # Fusion draws only from the palette, so the light and dark palettes look the same
    # on every platform (palette.py); CalfchartStyle keeps its tick boxes visible on dark.
    app.setStyle(CalfchartStyle())
    return app


def run_window(catalog: Catalog, session_path: Path | None) -> int:
    """Open the window, on a saved session if one is given; returns the exit code."""
    app = make_application()
    window = MainWindow(catalog)
    if os.environ.get(BENCH_VARIABLE):
        FirstPaint(window)
    window.show()
    if session_path is not None:
        window.load_path(session_path)
    return app.exec()
