"""The Qt faces of calfchart: the only package that imports PySide6."""

# The PySide6 package brings in its import hook; lighten it before any Qt module is
# imported, so that it never reads a module's source (pyside_import_hook.py).
import PySide6  # noqa: F401

from calfchart.qt.pyside_import_hook import lighten

lighten()
