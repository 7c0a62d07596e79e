"""Fusion, with tick boxes and radio buttons that stay visible on the dark palette.

Fusion outlines an indicator with the window colour made darker; on a dark palette
that outline all but vanishes against the dark box, and an unticked box cannot be
seen. This style draws Fusion's indicator, then a clear outline in the text colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

_INDICATORS = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
}
OUTLINE_ALPHA = 0.6


class CalfchartStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        palette: QPalette = option.palette
        if element not in _INDICATORS or palette.color(QPalette.ColorRole.Base).lightness() >= 128:
            return
        colour = QColor(palette.color(QPalette.ColorRole.Text))
        colour.setAlphaF(OUTLINE_ALPHA)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(QColor(0, 0, 0, 0))
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.drawRect(rect)
        painter.restore()
