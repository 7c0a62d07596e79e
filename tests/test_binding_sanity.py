"""A tripwire for a broken Qt binding (shared/design/QT-NOTES.md §0).

PySide6 6.12.0 on Python 3.11 drops a reference to None on ordinary Qt calls; the
interpreter aborts a few thousand calls later, after the tests have passed.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_qt_calls_do_not_drop_references_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QGraphicsRectItem

    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for n in range(400):
        item.setPos(QPointF(n, n))
        item.setZValue(n)
    drift = sys.getrefcount(None) - before
    assert drift >= -5, f"None refcount drifted by {drift} over 800 Qt calls: broken PySide6 build"


def test_the_lightened_import_hook_answers_as_pysides_own() -> None:
    """calfchart/qt/pyside_import_hook.py replaces a private PySide6 hook: same answers."""
    import calfchart.qt  # noqa: F401 - puts the lighter hook in place
    from calfchart.qt.pyside_import_hook import uses_pyside

    feature = sys.modules["shibokensupport.feature"]
    hook = feature._mod_uses_pyside
    assert getattr(hook, "lightened", False), "PySide6's hook changed: review the module"
    checked = 0
    for module in list(sys.modules.values()):
        answer = uses_pyside(module)
        if answer is not None:
            assert answer == hook.original(module), module.__name__
            checked += 1
    assert checked > 50
