"""The Qt faces of calfchart: the only package that imports PySide6."""
