"""Starting the window: the application object, its style, and the session to open."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from calfchart import __version__
from calfchart.domain.catalog import Catalog
from calfchart.qt.deferred import after_first_paint
from calfchart.qt.window import MainWindow

BENCH_VARIABLE = "CALFCHART_BENCH_EXIT_AFTER_PAINT"
"""Set by bench/bench_startup.py: print when the window first paints and is whole, then
quit. Set to FIRST_PAINT_ONLY: end the process the moment it has first painted, for a
count of the instructions to that point, which the rest would muddle."""
FIRST_PAINT_ONLY = "first-paint"

FUSION = "Fusion"
FIRST_PAINT_MARK = "first-paint"
PANELS_BUILT_MARK = "panels-built"


def report_start_up(window: MainWindow, stop_at_first_paint: bool = False) -> None:
    """For the benchmark: print when the window first paints and when all its panels
    are built, then end the program.

    The benchmark measures from the moment it spawned the process, so these are
    absolute times (time.time), not times relative to this process.
    """

    def painted() -> None:
        print(f"{FIRST_PAINT_MARK} {time.time():.6f}", flush=True)
        if stop_at_first_paint:
            os._exit(0)

    def built() -> None:
        print(f"{PANELS_BUILT_MARK} {time.time():.6f}", flush=True)
        QCoreApplication.quit()

    # Installed after the window's own hook, so Qt calls it first: the first mark is
    # printed before the deferred panels are built.
    after_first_paint(window, painted)
    window.panels_built.connect(built)


def make_application() -> QApplication:
    existing = QApplication.instance()
    # Fusion draws only from the palette, so the light and dark palettes look the same
    # on every platform (palette.py, which also puts in the dark palette's own style).
    # Asked for on Qt's command line, not with setStyle: that call makes PySide6 set
    # up QStyle's Python types, about 8 ms before the first paint.
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([*sys.argv[:1], "-style", FUSION])
    )
    app.setOrganizationName("calfchart")
    app.setOrganizationDomain("calfchart.invalid")
    app.setApplicationName("calfchart")
    app.setApplicationDisplayName("calfchart")
    app.setApplicationVersion(__version__)
    if app is existing:
        app.setStyle(FUSION)
    return app


def collect_start_up_garbage() -> None:
    """Turn the garbage collector back on once the window is whole (the command line
    turns it off while the window is made), first setting aside what start-up made.

    What is still there after one collection lives as long as the program; frozen, it
    is never gone over again, so later collections stay short (gc.freeze).
    """
    gc.collect()
    gc.freeze()
    gc.enable()


def run_window(catalog: Catalog, session_path: Path | None) -> int:
    """Open the window, on a saved session if one is given; returns the exit code."""
    app = make_application()
    window = MainWindow(catalog)
    # Queued: after the panels are built and their first events handled.
    window.panels_built.connect(lambda: QTimer.singleShot(0, collect_start_up_garbage))
    if bench := os.environ.get(BENCH_VARIABLE):
        report_start_up(window, stop_at_first_paint=bench == FIRST_PAINT_ONLY)
    window.show()
    if session_path is not None:
        window.load_path(session_path)
    return app.exec()
