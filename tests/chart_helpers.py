"""What the chart tests share: finding points on a zone, and clicking them as a user would."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainterPath
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calfchart.qt.chart_view import ChartView

_DIRECTIONS = [
    QPointF(math.cos(2 * math.pi * k / 16), math.sin(2 * math.pi * k / 16)) for k in range(16)
]


def _clearance(path: QPainterPath, point: QPointF, limit: float) -> float:
    """About how far `point` lies from the edge of `path` (0 if outside)."""
    if not path.contains(point):
        return 0.0
    radius = 1.0
    while radius < limit:
        if any(not path.contains(point + d * radius) for d in _DIRECTIONS):
            return radius
        radius *= 1.3
    return limit


def interior_point(path: QPainterPath, grid: int = 24) -> QPointF:
    """A point deep inside `path`: the sampled point farthest from its edge.

    Not the bounding box's centre, which can lie outside a curved zone.
    """
    box = path.boundingRect()
    limit = max(box.width(), box.height())
    best, best_clearance = QPointF(), -1.0
    for i in range(grid):
        for j in range(grid):
            point = QPointF(
                box.left() + box.width() * (i + 0.5) / grid,
                box.top() + box.height() * (j + 0.5) / grid,
            )
            clearance = _clearance(path, point, limit)
            if clearance > best_clearance:
                best, best_clearance = point, clearance
    assert best_clearance > 0, "the zone has no inside"
    return best


def zone_scene_point(view: ChartView, zone_id: str) -> QPointF:
    """A point deep inside a zone, in scene coordinates (mirroring included)."""
    item = view.chart_scene().zones[zone_id]
    return item.mapToScene(interior_point(item.path()))


def viewport_pos(view: ChartView, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def click_scene(
    qtbot: QtBot,
    view: ChartView,
    scene_point: QPointF,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    qtbot.mouseClick(
        view.viewport(), button, Qt.KeyboardModifier.NoModifier, view.mapFromScene(scene_point)
    )


def click_zone(qtbot: QtBot, view: ChartView, zone_id: str) -> None:
    point = zone_scene_point(view, zone_id)
    view.centerOn(point)
    click_scene(qtbot, view, point)


def drag(qtbot: QtBot, view: ChartView, start: QPoint, steps: list[QPoint]) -> None:
    """Press at `start`, move through `steps` with the button held, release at the last."""
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for moved in steps:
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            QPointF(moved),
            QPointF(view.viewport().mapToGlobal(moved)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view.viewport(), move)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=steps[-1])
