"""The dark palette's style: an unticked box must be seen against the dark panel."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QCheckBox, QStyleFactory
from pytestqt.qtbot import QtBot

from calfchart.qt.palette import dark_palette
from calfchart.qt.style import CalfchartStyle


def _indicator_contrast(qtbot: QtBot, style_name: str) -> int:
    """How much lighter than the box's own colour the lightest pixel of an unticked
    box drawn on the dark palette is."""
    style = CalfchartStyle() if style_name == "calfchart" else QStyleFactory.create("Fusion")
    box = QCheckBox()
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setPalette(dark_palette())
    box.resize(box.sizeHint())
    image = box.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    base = dark_palette().color(QPalette.ColorRole.Base).lightness()
    lightest = max(
        QColor(image.pixel(x, y)).lightness()
        for x in range(min(image.width(), image.height()))  # the indicator sits left
        for y in range(image.height())
    )
    return lightest - base


def test_an_unticked_box_stands_out_on_the_dark_palette(qtbot: QtBot) -> None:
    ours, fusion = _indicator_contrast(qtbot, "calfchart"), _indicator_contrast(qtbot, "fusion")
    assert ours >= 60
    assert ours > fusion + 30  # what the style is for: Fusion's outline all but vanishes
