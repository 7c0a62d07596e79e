"""The key under the drawings: what each shading and mark on them means.

Only what the drawings show at the moment is in it (the pain shading always, the
patterns once one is overlaid, the acupressure dots once asked for), so it stays one
short line. The printed sheet has its own key.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from calfchart.controller import Change, ChartController
from calfchart.qt.chart_paint import (
    ChartPalette,
    acupressure_ink,
    background_color,
    hatch_path,
    intensity_color,
    no_press_marker_path,
    pattern_colors,
    translucent,
    x_marker_path,
)
from calfchart.qt.listening import listen


class KeyEntry(Enum):
    PAIN = "your pain: darker is worse"
    NO_PAIN = "marked, no pain now"
    ESSENTIAL = "essential zone"
    SPILLOVER = "spillover zone"
    PRESS = "trigger point"
    """Not "press here": a deep one (tibialis posterior) is pressed from beside it, as
    its card says."""
    NO_PRESS = "trigger point: do not press yourself"
    ACUPRESSURE = "acupressure point"


def key_entries(controller: ChartController) -> tuple[KeyEntry, ...]:
    """What the drawings show now, in the order the key lists it."""
    entries = [KeyEntry.PAIN]
    if 0 in controller.pain.values():
        entries.append(KeyEntry.NO_PAIN)
    shown = controller.shown_patterns
    if shown:
        entries += [KeyEntry.ESSENTIAL, KeyEntry.SPILLOVER]
    withheld = controller.self_treatment_withheld
    if shown and not withheld:
        catalog = controller.catalog
        points = [catalog.trigger_point(tp_id) for tp_id in shown]
        pressed = {catalog.muscles[tp.muscle_id].may_press(tp) for tp in points}
        if True in pressed:
            entries.append(KeyEntry.PRESS)
        if False in pressed:
            entries.append(KeyEntry.NO_PRESS)
    if controller.acupressure_shown and not withheld:
        entries.append(KeyEntry.ACUPRESSURE)
    return tuple(entries)


_ICON = 14
"""The side of each entry's sign, in pixels."""
_ICON_GAP = 5
_ENTRY_GAP = 16


class DrawingKey(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._palette = ChartPalette.LIGHT
        self._entries: tuple[KeyEntry, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Key to the drawings")
        listen(controller, self._on_change)
        self._refresh()

    @property
    def entries(self) -> tuple[KeyEntry, ...]:
        return self._entries

    def set_dark(self, dark: bool) -> None:
        self._palette = ChartPalette.DARK if dark else ChartPalette.LIGHT
        self.update()

    def _on_change(self, change: Change) -> None:
        if change & (Change.PAIN | Change.PATTERNS | Change.ANSWERS | Change.ACUPRESSURE):
            self._refresh()

    def _refresh(self) -> None:
        entries = key_entries(self._controller)
        if entries == self._entries:
            return
        before = self.heightForWidth(self.width())
        self._entries = entries
        words = "; ".join(entry.value for entry in entries)
        self.setAccessibleDescription(words)
        self.setToolTip(f"On the drawings: {words}.")
        # Laid out again only when it needs another line: a new layout of the drawings
        # on a click that changes only the words would cost the click its frame.
        if self.heightForWidth(self.width()) != before:
            self.updateGeometry()
        self.update()

    # -- layout: one line, wrapped where the pane is narrow ------------------------------
    def _line_height(self) -> int:
        return max(_ICON, self.fontMetrics().height()) + 4

    def _places(self, width: int) -> list[QPointF]:
        """Where each entry starts: left to right, on a new line when it would not fit."""
        metrics = self.fontMetrics()
        places, x, y = [], 0, 0
        for entry in self._entries:
            wide = _ICON + _ICON_GAP + metrics.horizontalAdvance(entry.value)
            if x and x + wide > width:
                x, y = 0, y + self._line_height()
            places.append(QPointF(x, y))
            x += wide + _ENTRY_GAP
        return places

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        places = self._places(width - 12)
        lines = 1 + (round(places[-1].y()) // self._line_height() if places else 0)
        return lines * self._line_height() + 2

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(self.width() or 800))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._line_height() + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        line = self._line_height()
        metrics = self.fontMetrics()
        ink = self.palette().windowText().color()
        with QPainter(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for entry, place in zip(self._entries, self._places(self.width() - 12), strict=True):
                top = place.y() + 1 + (line - _ICON) / 2
                icon = QRectF(place.x() + 6, top, _ICON, _ICON)
                self._paint_sign(painter, entry, icon)
                painter.setPen(ink)
                baseline = place.y() + 1 + (line + metrics.ascent() - metrics.descent()) / 2
                painter.drawText(QPointF(icon.right() + _ICON_GAP, baseline), entry.value)

    def _paint_sign(self, painter: QPainter, entry: KeyEntry, box: QRectF) -> None:
        # The same colours and shapes as the drawings (chart_view.py), at key size.
        colour = pattern_colors(1)[0]
        paper = background_color(self._palette)
        painter.save()
        # Rectangles drawn, not filled: QPainter.fillRect's overloads take a gradient
        # preset, and naming one makes PySide6 set up QGradient's 169 presets (13
        # million instructions at start-up).
        painter.setPen(Qt.PenStyle.NoPen)
        if entry is KeyEntry.PAIN:
            third = box.width() / 3
            for n, level in enumerate((2, 6, 10)):
                painter.setBrush(intensity_color(level, self._palette))
                painter.drawRect(QRectF(box.left() + n * third, box.top(), third, box.height()))
        elif entry is KeyEntry.NO_PAIN:
            painter.setBrush(intensity_color(0, self._palette))
            painter.drawRect(box)
        elif entry is KeyEntry.ESSENTIAL:
            painter.setBrush(translucent(colour, 80))
            painter.setPen(QPen(colour, 2.0))
            painter.drawRect(box.adjusted(1, 1, -1, -1))
        elif entry is KeyEntry.SPILLOVER:
            square = QPainterPath()
            square.addRect(box.adjusted(1, 1, -1, -1))
            painter.setBrush(translucent(colour, 230))
            painter.drawPath(hatch_path(square, 45.0, 4.0, 1.2))
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(square)
        elif entry in (KeyEntry.PRESS, KeyEntry.NO_PRESS):
            size = box.width() - 2
            if entry is KeyEntry.PRESS:
                sign = x_marker_path(box.center(), size)
            else:
                sign = no_press_marker_path(box.center(), size)
            painter.setBrush(colour)
            painter.setPen(QPen(paper, size / 12))
            painter.drawPath(sign)
        elif entry is KeyEntry.ACUPRESSURE:
            painter.setBrush(acupressure_ink(self._palette))
            painter.setPen(QPen(paper, 1.0))
            painter.drawEllipse(box.center(), 4.0, 4.0)
        painter.restore()
