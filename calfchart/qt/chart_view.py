"""The interactive drawing of one view of the leg, bound to the chart controller.

`ChartScene` holds the drawing and everything laid over it; `ChartView` shows it,
zooms and pans, and turns keys into edits. Neither decides anything clinical: a click
becomes `controller.toggle_zone(id)`, and what is shaded, overlaid, outlined or
marked is read back from the controller when it announces a `Change`.

Layers, bottom to top (all inside one `leg` layer, mirrored for the left leg):
artwork, zones (pain shading, and the hit test), referral overlays, muscle outlines,
trigger-point markers and acupressure points, then hover and keyboard outlines.
Labels ignore the mirroring and the zoom, so text never reads backwards and stays
legible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QMenu,
    QStyleOptionGraphicsItem,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.ranking import MAX_INTENSITY
from calfchart.domain.zones import Side, View, Zone
from calfchart.qt.accessibility import announce
from calfchart.qt.artwork import ArtworkItem, artwork_picture
from calfchart.qt.chart_paint import (
    ChartPalette,
    acupressure_ink,
    background_color,
    hatch_angle,
    hatch_path,
    intensity_color,
    label_point,
    no_press_marker_path,
    pattern_colors,
    translucent,
    x_marker_path,
)
from calfchart.qt.drawing import Drawing, load_drawing, mirrored
from calfchart.qt.listening import listen
from calfchart.qt.viewport import own_viewport

MIN_ZOOM = 0.2
MAX_ZOOM = 20.0
"""Zoom limits, relative to the drawing fitted to the window."""

WHEEL_ZOOM_BASE = 1.0015
"""Zoom per wheel step: 1.0015 ** 120 (one notch) is about 1.2x."""

KEY_ZOOM_STEP = 1.25
MARKER_MIN_PIXELS = 16.0
"""A trigger-point X never shrinks below this many screen pixels when zoomed out."""

INTENSITY_HELP = "Keys 0–9 set how much it hurts, Shift+0 (or =) sets 10; Delete clears."


_ARROWS: dict[Qt.Key, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
"""Screen directions of the arrow keys (dx, dy)."""

_FILL = 0.0
_HATCH = 1.0
"""Within the overlays: every hatch above every solid fill, so no fill hides a hatch."""


_TAN_60 = math.tan(math.radians(60))


class Layer(IntEnum):
    """Stacking order of the items in the leg layer."""

    ARTWORK = 0
    PATTERN_FILLS = 5
    """Essential zones' tint lies under the pain shading, so "darker is worse" still
    reads where a pattern covers a painful zone; the pattern's outline lies above."""
    ZONES = 10
    OVERLAYS = 20
    MUSCLES = 30
    BADGES = 35
    """Above the muscle outlines: a zone's number must stay readable."""
    MARKERS = 40
    ACUPRESSURE = 45
    HOVER = 60
    FOCUS = 61
    LABELS = 70


def popup_menu(menu: QMenu, screen_pos: QPoint) -> object:
    """Show a context menu and return the chosen action's data (None if dismissed).

    A function of its own so tests can choose an entry without running a modal menu.
    """
    chosen = menu.exec(screen_pos)
    return None if chosen is None else chosen.data()


class _Group(QGraphicsItem):
    """An invisible parent that moves, mirrors or hides its children together.

    Not a QGraphicsItemGroup, which would take its children's mouse events (QT-NOTES §1).
    """

    def __init__(self, parent: QGraphicsItem | None = None, layer: Layer | None = None) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        # Z-values order siblings only: a layer's place is its group's z-value.
        if layer is not None:
            self.setZValue(layer)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        return


class LabelItem(QGraphicsItem):
    """A short text on a soft plate, the same size at every zoom and never mirrored."""

    def __init__(
        self,
        text: str,
        font: QFont,
        ink: QColor,
        plate: QColor,
        centred: bool,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Painted once into a pixmap and blitted after: a repaint then costs no call
        # into Python for each of the dozens of labels and badges.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._text = text
        self.home = QPointF()
        self._font = font
        self._ink = ink
        self._plate = plate
        self._centred = centred
        self._lines: tuple[str, ...] = (text,)
        self._lay_out()
        self._one_line_width = self._rect.width()

    def _lay_out(self) -> None:
        metrics = QFontMetricsF(self._font)
        width = self._width_of(self._lines)
        height = metrics.lineSpacing() * (len(self._lines) - 1) + metrics.height() + 2
        # Centred labels sit on their point; the others start just right of it
        # (a dot's label must not cover the dot).
        left = -width / 2 if self._centred else 7.0
        self._rect = QRectF(left, -height / 2, width, height)
        self._baseline = self._rect.top() + 1 + metrics.ascent()
        self._line_spacing = metrics.lineSpacing()

    @property
    def text(self) -> str:
        return self._text

    @property
    def one_line_width(self) -> float:
        """The width of the whole text on one line, in pixels."""
        return self._one_line_width

    def fit_width(self, pixels: float) -> None:
        """On two lines, broken at the space nearest the middle, when one line would be
        wider than `pixels` (a narrow view would cut "Flexor digitorum longus (deep)");
        on as many lines as it takes when even two would be too wide."""
        words = self._text.split(" ")
        lines: tuple[str, ...] = (self._text,)
        if self._one_line_width > pixels and len(words) > 1:
            middle = len(self._text) / 2
            breaks = [len(" ".join(words[:n])) for n in range(1, len(words))]
            n = min(range(len(breaks)), key=lambda i: abs(breaks[i] - middle)) + 1
            lines = (" ".join(words[:n]), " ".join(words[n:]))
            if self._width_of(lines) > pixels:
                lines = self._wrapped(words, pixels)
        if lines != self._lines:
            self.prepareGeometryChange()
            self._lines = lines
            self._lay_out()
            self.update()

    def _width_of(self, lines: tuple[str, ...]) -> float:
        """The plate's width for these lines: the longest, and a little room each side."""
        metrics = QFontMetricsF(self._font)
        return max(metrics.horizontalAdvance(line) for line in lines) + 6

    def _wrapped(self, words: list[str], pixels: float) -> tuple[str, ...]:
        """Word by word, a new line whenever the next word would pass `pixels`."""
        lines = [words[0]]
        for word in words[1:]:
            longer = f"{lines[-1]} {word}"
            if self._width_of((longer,)) > pixels:
                lines.append(word)
            else:
                lines[-1] = longer
        return tuple(lines)

    def place(self, point: QPointF) -> None:
        """Put the label at its point (decluttering may move it down from there)."""
        self.home = QPointF(point)
        self.setPos(point)

    def scene_rect_at(self, scale: float) -> QRectF:
        """Where the label covers the scene when the view shows it at `scale`."""
        parent = self.parentItem()
        origin = parent.mapToScene(self.pos()) if parent is not None else self.pos()
        rect = self._rect
        return QRectF(
            origin.x() + rect.left() / scale,
            origin.y() + rect.top() / scale,
            rect.width() / scale,
            rect.height() / scale,
        )

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._plate)
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setFont(self._font)
        painter.setPen(self._ink)
        for n, line in enumerate(self._lines):
            baseline = self._baseline + n * self._line_spacing
            painter.drawText(QPointF(self._rect.left() + 3, baseline), line)


class ZoneItem(QGraphicsPathItem):
    """One pain zone: its exact outline is the hit test; its fill shows the pain."""

    def __init__(self, zone: Zone, shape: QPainterPath, scene: ChartScene, parent: QGraphicsItem):
        super().__init__(parent)
        self.zone = zone
        self._chart = scene
        self.setZValue(Layer.ZONES)
        # The pen before the path: with the default pen still in place, the scene's
        # index would stroke the zone's outline with it to find its bounds, some
        # 0.2 ms a zone at start-up.
        self.setPen(Qt.PenStyle.NoPen)
        self.setPath(shape)
        # An unbrushed path item still hits on its shape (QT-NOTES §1).
        self.setBrush(Qt.BrushStyle.NoBrush)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)  # until it hurts
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            f"<b>{zone.name}</b><br><i>{zone.term}</i><br>"
            f"Click to mark or clear; right-click to say how much it hurts.<br>"
            f"{INTENSITY_HELP}"
        )
        self._panning = False
        self.anchor = scene.drawing.zone_labels[zone.id]
        """A point well inside the zone: keyboard order, badges."""

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._chart.zone_hovered(self.zone.id, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._chart.zone_hovered(self.zone.id, False)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Accepting the press makes this item the grabber, so the view does not start
        # its hand drag and the release comes back here.
        event.accept()
        self._panning = False

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """A drag that starts on a zone pans, as on the background.

        Zoomed in, the zones fill the window and there is no background left to drag.
        """
        event.accept()
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return
        travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
        if not self._panning and travel.manhattanLength() < QApplication.startDragDistance():
            return
        self._panning = True
        viewport = event.widget()
        view = viewport.parentWidget() if viewport is not None else None
        if isinstance(view, QGraphicsView):
            step = event.screenPos() - event.lastScreenPos()
            bars = view.horizontalScrollBar(), view.verticalScrollBar()
            bars[0].setValue(bars[0].value() - step.x())
            bars[1].setValue(bars[1].value() - step.y())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
        if self._panning:
            self._panning = False
            return
        if event.button() is Qt.MouseButton.LeftButton and self.shape().contains(event.pos()):
            self._chart.zone_clicked(self.zone.id)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        event.accept()
        self._chart.zone_menu_requested(self.zone.id, event.screenPos())


COVER_COST = 1000.0
"""Covering a trigger-point mark, an acupressure dot or code, or a zone's number: a
text does so only where every other place nearby is worse."""
OVERLAP_COST = 300.0
OVERLAP_SHARE_COST = 600.0
"""Covering another name: cheaper than hiding a mark, and cheaper the less of it is
covered (the cost grows by OVERLAP_SHARE_COST as the covered share goes to all of it).
In a crowded view two names overlapping a little both stay readable; a name pushed
out of the window to avoid that could not be read at all."""
WRONG_DOT_COST = 5000.0
"""An acupressure code nearer another dot than its own names the wrong point."""
VIEW_EDGE_PIXELS = 2.0
"""Texts keep this far inside the edge of the view."""
BADGE_REACH = (4, 6, 3)
NAME_REACH = (10, 12, 4)
"""How far a zone's number and a muscle's name look for a free place: steps of 60 %
of their height up and down, of half their width to either side. A name may travel
further, along its muscle, in a view crowded with names."""
MISS_COST = 100.0
"""A text away from what it names (a number out of its zone, a name off its muscle)."""
NAME_NEAR_PIXELS = 50.0
NAME_FAR_COST = 3.0
"""A name may move this far from its place on the muscle freely; each pixel further
costs this much, so that beyond about 120 pixels a small overlap with another name is
the lesser evil."""
WRAP_COST = 3.0
"""A name on two lines reads a little less easily: worth it only to move it less far
(by about three steps) or to uncover something."""


def _covering_cost(rect: QRectF, taken: list[QRectF], texts: list[QRectF]) -> float:
    """What it costs to put a text at `rect`: COVER_COST for each thing `taken` it
    covers, and for each of the other `texts`, more the more of it is covered."""
    total = sum(COVER_COST for r in taken if r.intersects(rect))
    area = rect.width() * rect.height()
    for other in texts:
        if other.intersects(rect):
            common = other.intersected(rect)
            smaller = max(min(area, other.width() * other.height()), 1e-9)
            share = common.width() * common.height() / smaller
            total += OVERLAP_COST + OVERLAP_SHARE_COST * share
    return total


def _shift_into(rect: QRectF, bounds: QRectF | None) -> QPointF:
    """The shortest move that brings `rect` inside `bounds`; a text wider or taller
    than them keeps its left or top edge in view, where reading starts."""
    if bounds is None:
        return QPointF()

    def along(low: float, high: float, start: float, end: float) -> float:
        shift = min(0.0, end - high)
        return shift + max(0.0, start - (low + shift))

    return QPointF(
        along(rect.left(), rect.right(), bounds.left(), bounds.right()),
        along(rect.top(), rect.bottom(), bounds.top(), bounds.bottom()),
    )


def _in_zone(inside: Callable[[QPointF], bool]) -> Callable[[QRectF], float]:
    """What a place costs a zone's number: MISS_COST out of its zone (`inside` tells a
    scene point in it), a little when it only sticks out."""

    def cost(rect: QRectF) -> float:
        if not inside(rect.center()):
            return MISS_COST
        corners = (rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight())
        return 0.0 if all(inside(corner) for corner in corners) else 10.0

    return cost


def _on_muscle(
    inside: Callable[[QPointF], bool], home: QRectF, scale: float
) -> Callable[[QRectF], float]:
    """What a place costs a muscle's name: MISS_COST when it does not even touch its
    muscle (a narrow one leaves no room on it), a little when it only touches it, and
    more the further it strays from `home` beyond NAME_NEAR_PIXELS."""

    def cost(rect: QRectF) -> float:
        shift = rect.center() - home.center()
        total = max(0.0, math.hypot(shift.x(), shift.y()) * scale - NAME_NEAR_PIXELS)
        total *= NAME_FAR_COST
        if not inside(rect.center()):
            edges = (
                QPointF(rect.left(), rect.center().y()),
                QPointF(rect.right(), rect.center().y()),
                QPointF(rect.center().x(), rect.top()),
                QPointF(rect.center().x(), rect.bottom()),
            )
            total += 10.0 if any(inside(point) for point in edges) else MISS_COST
        return total

    return cost


def _free_place(
    home: QRectF,
    taken: list[QRectF],
    fit: Callable[[QRectF], float] | None,
    bounds: QRectF | None = None,
    texts: list[QRectF] | None = None,
    reach: tuple[int, int, int] = BADGE_REACH,
) -> tuple[float, QPointF]:
    """What it costs, and how far to move a text from `home` (in scene units) so that it
    covers nothing `taken` nor any of the other `texts`: the nearest such place, near
    what it names (`fit` says what a place costs in that respect: _in_zone,
    _on_muscle). It never leaves `bounds` (the part of the scene the view shows): when
    every place nearby is covered, it takes the least covered one in view rather than
    one out of sight. `reach` is how many steps up, down and to either side it looks.
    The cost is 0 for a text left where it is, a few units for one moved to a clear
    place nearby, and hundreds for one that covers something."""
    others = texts or []

    def cost(rect: QRectF, distance: float, to_beat: float) -> float:
        total = distance + _covering_cost(rect, taken, others)
        # Asking a zone or muscle's outline is the slow part: not for a lost cause.
        if fit is None or total >= to_beat:
            return total
        return total + fit(rect)

    # Most texts cover nothing where they are: no search. (Their home is on what they
    # name, a point well inside it: no need to ask the outline, which is slow.)
    if (
        not any(r.intersects(home) for r in taken)
        and not any(r.intersects(home) for r in others)
        and (bounds is None or bounds.contains(home))
    ):
        return 0.0, QPointF()
    step_x, step_y = home.width() * 0.5, home.height() * 0.6
    up, down, across = reach
    best: tuple[float, QPointF] | None = None
    for j in range(-up, down + 1):
        for i in range(-across, across + 1):
            offset = QPointF(i * step_x, j * step_y)
            # Near the edge of the view the place slides in rather than drops out.
            offset += _shift_into(home.translated(offset), bounds)
            # Sideways is a little further than down.
            distance = math.hypot(offset.x() / step_x * 1.2, offset.y() / step_y)
            score = cost(home.translated(offset), distance, math.inf if best is None else best[0])
            if best is None or score < best[0]:
                best = (score, offset)
    assert best is not None
    return best


def _code_offset(
    home: QRectF,
    dot: QRectF,
    other_dots: list[QRectF],
    taken: list[QRectF],
    bounds: QRectF | None = None,
) -> QPointF:
    """How far to move an acupressure code from `home` (just right of its `dot`) so
    that it reads clearly yet plainly belongs to that dot.

    It only ever takes a place around its own dot: right, left, above or below it,
    never further off than its own height, and nearer its dot than any of the
    `other_dots` (a code beside the wrong dot names the wrong point). Among those it
    takes the one covering least of what is `taken` (the names come after it), and it
    never leaves the view.
    """
    centre = dot.center()

    def gap_to(point: QPointF, rect: QRectF) -> float:
        dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
        dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
        return math.hypot(dx, dy)

    def cost(rect: QRectF) -> float:
        total = _covering_cost(rect, taken, [])
        own = gap_to(centre, rect)
        if any(gap_to(other.center(), rect) <= own for other in other_dots):
            total += WRONG_DOT_COST
        return total

    if cost(home) == 0.0 and (bounds is None or bounds.contains(home)):
        return QPointF()
    width, height = home.width(), home.height()
    # Clear of the dot (and its halo) on every side, never closer than home.
    side_gap = max(home.left() - centre.x(), dot.width() / 2 + 1.0)
    upright_gap = dot.height() / 2 + 1.0
    right, left = centre.x() + side_gap, centre.x() - side_gap - width
    middle, level = centre.x() - width / 2, centre.y() - height / 2
    above, below = centre.y() - upright_gap - height, centre.y() + upright_gap
    # Preferred first: beside it as drawn, then across, then over and under it.
    places = [
        (0.0, right, level),
        (1.0, left, level),
        (2.0, middle, above),
        (2.0, middle, below),
        (3.0, right, level - 0.6 * height),
        (3.0, right, level + 0.6 * height),
        (4.0, left, level - 0.6 * height),
        (4.0, left, level + 0.6 * height),
        (5.0, right - side_gap, above),
        (5.0, right - side_gap, below),
        (6.0, left + side_gap, above),
        (6.0, left + side_gap, below),
    ]
    best: tuple[float, QPointF] | None = None
    for rank, x, y in places:
        offset = QPointF(x - home.left(), y - home.top())
        offset += _shift_into(home.translated(offset), bounds)
        score = rank + cost(home.translated(offset))
        if best is None or score < best[0]:
            best = (score, offset)
    assert best is not None
    return best[1]


class ChartScene(QGraphicsScene):
    """The drawing of one view, its pain zones, and what the controller shows on it."""

    hovered = Signal(str)
    """The plain name of the zone under the mouse, or "" when it leaves the zones."""

    target_changed = Signal(str)
    """The zone that number keys act on (mouse or keyboard), or ""."""

    def __init__(
        self, controller: ChartController, view: View, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view = view
        self.drawing: Drawing = load_drawing(view.value)
        self._palette = ChartPalette.LIGHT
        size: QSizeF = self.drawing.size
        self.setSceneRect(QRectF(0, 0, size.width(), size.height()))
        # Lengths in the drawing's own units, so any drawing size looks alike.
        self.unit = max(size.width(), size.height()) / 1000.0
        self._view_scale = 1.0
        self._view_size = QSizeF()

        self._leg = _Group()
        self.addItem(self._leg)
        self._artwork = ArtworkItem(size, self._leg)
        self._artwork.setZValue(Layer.ARTWORK)
        self._artwork.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._hover = self._outline_item(Layer.HOVER)
        self._focus = self._outline_item(Layer.FOCUS)
        self._restyle_artwork()

        self.zones: dict[str, ZoneItem] = {}
        for zone in controller.catalog.zones_in(view):
            shape = self.drawing.zones.get(zone.id)
            if shape is not None:
                self.zones[zone.id] = ZoneItem(zone, shape, self, self._leg)
        self._shown_pain: dict[str, int | None] = dict.fromkeys(self.zones)
        self._hovered: str | None = None
        self._current: str | None = None
        self._target: str | None = None
        self._has_focus = False

        self._badges = _Group(self._leg, Layer.BADGES)
        self._badge_items: dict[str, LabelItem] = {}
        self._overlays = _Group(self._leg, Layer.OVERLAYS)
        self._pattern_fills = _Group(self._leg, Layer.PATTERN_FILLS)
        self._muscles = _Group(self._leg, Layer.MUSCLES)
        self._markers = _Group(self._leg, Layer.MARKERS)
        self._acupressure = _Group(self._leg, Layer.ACUPRESSURE)
        self._muscle_labels = _Group(self._leg, Layer.LABELS)
        self._acupressure_labels = _Group(self._leg, Layer.LABELS)
        self._markers_drawn: list[tuple[QGraphicsPathItem, QPointF, bool]] = []
        self._name_labels: list[tuple[LabelItem, QGraphicsPathItem]] = []
        """Each muscle's name and the outline it names."""
        self._code_labels: list[tuple[LabelItem, QGraphicsPathItem]] = []
        """Each acupressure point's code and its dot."""
        self._hatch_cache: dict[tuple[str, float], QPainterPath] = {}
        self._drawn_patterns: tuple[tuple[str, ...], bool] | None = None
        self._drawn_muscles: frozenset[str] | None = None
        self._drawn_acupressure: tuple[str, ...] | None = None
        self._texts_moved = True
        """Set when a text, mark or dot came or went, or the zoom or side changed: the
        texts need placing again (_declutter); unset once they are placed."""

        self._apply_side()
        self._refresh(Change.ALL)
        listen(controller, self._on_change)

    # -- building blocks ------------------------------------------------------------
    def _outline_item(self, layer: Layer) -> QGraphicsPathItem:
        item = QGraphicsPathItem(self._leg)
        item.setZValue(layer)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setVisible(False)
        return item

    def _font(self, point_size: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setPointSizeF(point_size)
        font.setBold(bold)
        return font

    def _plate(self) -> QColor:
        return translucent(background_color(self._palette), 215)

    def _ink(self) -> QColor:
        return (
            QColor(0xF2, 0xF2, 0xF2)
            if self._palette is ChartPalette.DARK
            else QColor(0x20, 0x20, 0x20)
        )

    def _clear(self, group: QGraphicsItem) -> None:
        for child in group.childItems():
            self.removeItem(child)

    # -- the controller's changes ---------------------------------------------------
    def _on_change(self, change: Change) -> None:
        self._refresh(change)

    def _refresh(self, change: Change) -> None:
        if change & Change.SIDE:
            self._apply_side()
        if change & Change.PAIN:
            self._show_pain()
        if change & (Change.PATTERNS | Change.ANSWERS):
            self._show_patterns()
        if change & Change.MUSCLES:
            self._show_muscles()
        if change & (Change.ACUPRESSURE | Change.PATTERNS | Change.ANSWERS):
            self._show_acupressure()
        if change & (
            Change.PAIN | Change.MUSCLES | Change.ACUPRESSURE | Change.PATTERNS | Change.SIDE
        ):
            self._declutter()

    def _apply_side(self) -> None:
        """The drawings are of the right leg; the left one is its mirror image.

        Everything drawn lives in the leg layer and flips with it; labels ignore
        inherited transformations, so they move to their mirrored places but their
        text still reads left to right.
        """
        left = self.controller.side is Side.LEFT
        self._leg.setTransform(mirrored(self.drawing) if left else QTransform())
        self._texts_moved = True
        # Left and right on screen swap, and so does the keyboard's order in a row.
        self._keyboard_order = self._sorted_zones()

    def _show_pain(self) -> None:
        pain = self.controller.pain
        for zone_id, item in self.zones.items():
            level = pain.get(zone_id)
            if level == self._shown_pain[zone_id]:
                continue
            self._shown_pain[zone_id] = level
            if level is None:
                # Nothing to paint, so nothing to cache, and no painting at all: the
                # item still takes the clicks and the hover.
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
                item.setBrush(Qt.BrushStyle.NoBrush)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
            else:
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                item.setBrush(intensity_color(level, self._palette))
            self._show_badge(zone_id, level)

    def _show_badge(self, zone_id: str, level: int | None) -> None:
        """The intensity as a number on a marked zone: shading alone is not enough."""
        self._texts_moved = True
        old = self._badge_items.pop(zone_id, None)
        if old is not None:
            self.removeItem(old)
        if level is None:
            return
        font = self._font(7.5, bold=True)
        badge = LabelItem(str(level), font, self._ink(), self._plate(), True, self._badges)
        badge.place(self.zones[zone_id].anchor)
        self._badge_items[zone_id] = badge

    def _hatch(self, zone_id: str, angle: float) -> QPainterPath:
        key = (zone_id, angle)
        path = self._hatch_cache.get(key)
        if path is None:
            path = hatch_path(self.drawing.zones[zone_id], angle, 9 * self.unit, 2.4 * self.unit)
            self._hatch_cache[key] = path
        return path

    def _show_patterns(self) -> None:
        shown = self.controller.shown_patterns
        # While a red flag stands, nothing on the drawing invites pressing on the leg.
        press_marks = not self.controller.self_treatment_withheld
        if (shown, press_marks) == self._drawn_patterns:
            return
        self._drawn_patterns = (shown, press_marks)
        self._texts_moved = True
        self._clear(self._overlays)
        self._clear(self._pattern_fills)
        self._clear(self._markers)
        self._markers_drawn = []
        catalog = self.controller.catalog
        for index, (tp_id, colour) in enumerate(
            zip(shown, pattern_colors(len(shown)), strict=True)
        ):
            tp = catalog.trigger_point(tp_id)
            angle = hatch_angle(index)
            essential = QPainterPath()
            essential.setFillRule(Qt.FillRule.WindingFill)
            for zone_id in sorted(tp.referral.essential):
                if zone_id in self.zones:
                    essential.addPath(self.drawing.zones[zone_id])
            spill = QPainterPath()
            spill.setFillRule(Qt.FillRule.WindingFill)
            spill_outline = QPainterPath()
            for zone_id in sorted(tp.referral.spillover - tp.referral.essential):
                if zone_id in self.zones:
                    spill.addPath(self._hatch(zone_id, angle))
                    spill_outline.addPath(self.drawing.zones[zone_id])
            name = f"{tp.label} ({catalog.muscles[tp.muscle_id].name})"
            if not essential.isEmpty():
                fill = self._overlay_item(essential, _FILL, self._pattern_fills)
                fill.setBrush(translucent(colour, 80))
                fill.setPen(Qt.PenStyle.NoPen)
                fill.setData(0, ("essential", tp_id))
                edge = self._overlay_item(essential, _FILL)
                edge.setBrush(Qt.BrushStyle.NoBrush)
                edge.setPen(self._pen(colour, 2.0))
                edge.setData(0, ("essential-edge", tp_id))
            if not spill.isEmpty():
                hatch = self._overlay_item(spill, _HATCH)
                hatch.setBrush(translucent(colour, 230))
                hatch.setPen(Qt.PenStyle.NoPen)
                hatch.setData(0, ("spillover", tp_id))
                edge = self._overlay_item(spill_outline, _HATCH)
                edge.setPen(self._pen(colour, 1.2, Qt.PenStyle.DashLine))
                edge.setBrush(Qt.BrushStyle.NoBrush)
                edge.setData(0, ("spillover-edge", tp_id))
            anchor = self.drawing.anchors.get(f"trp-{tp_id}")
            if anchor is not None and press_marks:
                press = catalog.muscles[tp.muscle_id].may_press(tp)
                self._add_marker(tp_id, anchor, colour, name, tp.location.landmark, press)
        self._size_markers()

    def _pen(
        self, colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> QPen:
        pen = QPen(colour, width * self.unit, style)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _overlay_item(
        self, path: QPainterPath, z: float, group: QGraphicsItem | None = None
    ) -> QGraphicsPathItem:
        item = QGraphicsPathItem(path, group or self._overlays)
        item.setZValue(z)
        # Clicks fall through to the zones underneath.
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # No tooltip: the zone's own tooltip underneath (its name, the keys) must win.
        # Hatching is hundreds of small antialiased polygons: paint it once into a
        # pixmap (Qt caches only the visible part of a large item) and blit it on
        # every repaint until the overlay or the zoom changes.
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        return item

    def _add_marker(
        self,
        tp_id: str,
        anchor: QPointF,
        colour: QColor,
        name: str,
        landmark: str,
        press: bool,
    ) -> None:
        """An X where to press; a crossed circle where the point must not be pressed
        by the person themself (the back of the knee)."""
        marker = QGraphicsPathItem(self._markers)
        marker.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        marker.setBrush(colour)
        marker.setData(0, ("trigger-point" if press else "no-press-point", tp_id))
        if press:
            marker.setToolTip(f"<b>{name}</b><br>Press here: {landmark}")
        else:
            # Its landmark may say so too; the marker says it once, plainly.
            marker.setToolTip(
                f"<b>{name}</b><br>Not for pressing yourself: have a trained practitioner treat it."
            )
        self._markers_drawn.append((marker, anchor, press))

    def _size_markers(self) -> None:
        """Trigger-point X's in drawing units, but never too small to see."""
        size = max(22 * self.unit, MARKER_MIN_PIXELS / self._view_scale)
        halo = QPen(background_color(self._palette), size / 12)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for marker, anchor, press in self._markers_drawn:
            path = x_marker_path(anchor, size) if press else no_press_marker_path(anchor, size)
            marker.setPath(path)
            marker.setPen(halo)

    def set_view_scale(
        self, scale: float, width: float = 0.0, height: float = 0.0, pixel_ratio: float = 1.0
    ) -> None:
        """The view's zoom (pixels per drawing unit), for minimum marker sizes, and its
        size in pixels: the room texts may take beside or above the drawing. On a
        high-DPI screen, `pixel_ratio` device pixels make one pixel."""
        self._view_scale = scale
        self._view_size = QSizeF(width, height)
        self._artwork.fit_cache(scale * pixel_ratio)
        self._texts_moved = True
        self._size_markers()
        self._declutter()

    def shown_area(self) -> QRectF:
        """Where texts may go, in scene units: the drawing and the margins the view
        shows around it (it centres a drawing smaller than itself), a little inside
        the view's edge. Zoomed in, the whole drawing, which scrolling brings into view.
        """
        drawing = self.sceneRect()
        scale = self._view_scale
        area = QRectF(
            0,
            0,
            max(drawing.width(), self._view_size.width() / scale),
            max(drawing.height(), self._view_size.height() / scale),
        )
        area.moveCenter(drawing.center())
        edge = VIEW_EDGE_PIXELS / scale
        return area.adjusted(edge, edge, -edge, -edge)

    def _declutter(self) -> None:
        """Keep the texts readable: each goes to the nearest place that covers nothing
        placed before it, and none leaves the view.

        Intensity badges keep inside their own zone where they can and step off the
        trigger-point X's and the acupressure dots. Acupressure codes come next and stay
        beside their own dot (_code_offset). Muscle names, which may sit anywhere on
        their muscle, come last: they step off everything, and in a view too crowded
        for that they overlap another name a little rather than leave the view. Texts
        keep their screen size at every zoom, so whether two collide depends on the
        zoom: this runs again whenever the zoom or any of them changes.
        """
        if not self._texts_moved:
            return
        self._texts_moved = False
        if not (self._badge_items or self._name_labels or self._code_labels):
            return
        scale = self._view_scale
        shown = self.shown_area()
        taken = [marker.sceneBoundingRect() for marker, _, _ in self._markers_drawn]
        dots = [dot.sceneBoundingRect() for _, dot in self._code_labels]
        taken += dots
        names: list[QRectF] = []

        def top_down(label: LabelItem) -> float:
            return self._leg.mapToScene(label.home).y()

        def moved(label: LabelItem, offset: QPointF) -> None:
            label.setPos(label.home)
            if not offset.isNull():
                parent = label.parentItem()
                assert parent is not None
                at = parent.mapToScene(label.home) + offset
                label.setPos(parent.mapFromScene(at))

        def inside(item: QGraphicsPathItem) -> Callable[[QPointF], bool]:
            return lambda point: item.contains(item.mapFromScene(point))

        for zone_id, badge in sorted(self._badge_items.items(), key=lambda kv: top_down(kv[1])):
            badge.setPos(badge.home)
            home = badge.scene_rect_at(scale)
            _, offset = _free_place(home, taken, _in_zone(inside(self.zones[zone_id])), shown)
            moved(badge, offset)
            taken.append(home.translated(offset))
        for code, dot in sorted(self._code_labels, key=lambda pair: top_down(pair[0])):
            code.setPos(code.home)
            home = code.scene_rect_at(scale)
            own = dot.sceneBoundingRect()
            others = [d for d in dots if d != own]
            offset = _code_offset(home, own, others, taken, shown)
            moved(code, offset)
            taken.append(home.translated(offset))
        for name, outline in sorted(self._name_labels, key=lambda pair: top_down(pair[0])):
            name.setPos(name.home)
            # Narrow views: on two lines (or more) rather than cut by the view's edge.
            name.fit_width(shown.width() * scale)
            home = name.scene_rect_at(scale)
            fit = _on_muscle(inside(outline), home, scale)
            score, offset = _free_place(home, taken, fit, shown, names, NAME_REACH)
            if score > WRAP_COST and name.one_line_width <= shown.width() * scale:
                # Crowded: a long name on two lines may find room where one line cannot.
                name.fit_width(name.one_line_width - 1)
                narrow = name.scene_rect_at(scale)
                wrapped = _free_place(narrow, taken, fit, shown, names, NAME_REACH)
                if wrapped[0] + WRAP_COST < score:
                    home, (score, offset) = narrow, wrapped
                else:
                    name.fit_width(shown.width() * scale)
            moved(name, offset)
            names.append(home.translated(offset))

    def _show_muscles(self) -> None:
        shown = self.controller.shown_muscles
        if shown == self._drawn_muscles:
            return
        self._drawn_muscles = shown
        self._texts_moved = True
        self._clear(self._muscles)
        self._clear(self._muscle_labels)
        self._name_labels = []
        catalog = self.controller.catalog
        dark = self._palette is ChartPalette.DARK
        superficial = QColor(0xF0, 0xC8, 0x8A) if dark else QColor(0x7A, 0x2E, 0x12)
        deep = QColor(0xB0, 0xA0, 0x90) if dark else QColor(0x9C, 0x82, 0x74)
        for muscle_id in sorted(shown):
            outline = self.drawing.muscles.get(muscle_id)
            if outline is None:
                continue
            muscle = catalog.muscles[muscle_id]
            # Depth as seen in this view: the soleus lies under the gastrocnemius from
            # behind, though it is a superficial muscle of the leg.
            deep_here = muscle_id in self.drawing.deep_muscles
            if deep_here:
                # Deep muscles lie under others: dashed and paler, as anatomy atlases draw them.
                pen = self._pen(deep, 2.0, Qt.PenStyle.DashLine)
            else:
                pen = self._pen(superficial, 2.4)
            item = QGraphicsPathItem(outline, self._muscles)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setPen(pen)
            item.setBrush(Qt.BrushStyle.NoBrush)
            item.setData(0, ("muscle", muscle_id))
            depth = " (deep)" if deep_here else ""
            label = LabelItem(
                f"{muscle.name}{depth}",
                self._font(8.5, bold=not deep_here),
                self._ink(),
                self._plate(),
                True,
                self._muscle_labels,
            )
            # High on the muscle: the middle is where the badges and points crowd.
            label.place(label_point(outline, band=(0.12, 0.35)))
            label.setData(0, ("muscle-label", muscle_id))
            self._name_labels.append((label, item))

    def _acupressure_ids(self) -> tuple[str, ...]:
        # While a red flag stands, nothing on the drawing invites pressing on the leg.
        if not self.controller.acupressure_shown or self.controller.self_treatment_withheld:
            return ()
        # The focused trigger point, whether the ranking or a look-up chose it.
        focused = self.controller.focused_trigger_point
        catalog = self.controller.catalog
        if focused is not None:
            muscle_id = catalog.trigger_point(focused).muscle_id
            return catalog.muscles[muscle_id].treatment.acupressure
        return catalog.offered_acupressure()

    def _show_acupressure(self) -> None:
        wanted = self._acupressure_ids()
        if wanted == self._drawn_acupressure:
            return
        self._drawn_acupressure = wanted
        self._texts_moved = True
        self._clear(self._acupressure)
        self._clear(self._acupressure_labels)
        self._code_labels = []
        catalog = self.controller.catalog
        ink = acupressure_ink(self._palette)
        font = self._font(8, bold=True)
        radius = 5 * self.unit
        for point_id in wanted:
            anchor = self.drawing.anchors.get(f"acu-{point_id}")
            point = catalog.acupressure.get(point_id)
            if anchor is None or point is None:
                continue
            dot_path = QPainterPath()
            dot_path.addEllipse(anchor, radius, radius)
            dot = QGraphicsPathItem(dot_path, self._acupressure)
            dot.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            dot.setBrush(ink)
            dot.setPen(QPen(background_color(self._palette), 1.5 * self.unit))
            dot.setData(0, ("acupressure", point_id))
            dot.setToolTip(f"<b>{point.id} {point.name}</b><br>{point.location}")
            label = LabelItem(point.id, font, ink, self._plate(), False, self._acupressure_labels)
            label.place(anchor)
            label.setData(0, ("acupressure-label", point_id))
            self._code_labels.append((label, dot))

    # -- hover, keyboard target -----------------------------------------------------
    def zone_hovered(self, zone_id: str, entered: bool) -> None:
        if entered:
            self._hovered = zone_id
            self._hover.setPath(self.zones[zone_id].path())
            self._hover.setVisible(True)
            if self._current is not None:
                # The focus outline follows the pointer, so the keys always act on the
                # zone that shows it.
                self.set_current(zone_id)
            else:
                self._set_target(zone_id)
            self.hovered.emit(self.zones[zone_id].zone.name)
        elif self._hovered == zone_id:
            self._hovered = None
            self._hover.setVisible(False)
            if self._target == zone_id:
                self._set_target(self._current)
            self.hovered.emit("")

    def _set_target(self, zone_id: str | None) -> None:
        if zone_id != self._target:
            self._target = zone_id
            self.target_changed.emit(zone_id or "")

    @property
    def target(self) -> str | None:
        """The zone the number keys act on: the last one hovered or moved to."""
        return self._target

    @property
    def current(self) -> str | None:
        """The keyboard's current zone."""
        return self._current

    def set_current(self, zone_id: str | None) -> None:
        self._current = zone_id
        self._set_target(zone_id if zone_id is not None else self._hovered)
        self._show_focus()

    def set_has_focus(self, focused: bool) -> None:
        self._has_focus = focused
        self._show_focus()

    def _show_focus(self) -> None:
        if self._current is None or not self._has_focus:
            self._focus.setVisible(False)
            return
        self._focus.setPath(self.zones[self._current].path())
        self._focus.setVisible(True)

    def _sorted_zones(self) -> list[str]:
        """Zones from the top of the drawing down, then left to right as seen."""
        mirror = self._leg.transform()

        def key(zone_id: str) -> tuple[float, float]:
            point = mirror.map(self.zones[zone_id].anchor)
            # Rows of about 4 % of the height, so zones side by side read left to right.
            row = round(point.y() / (40 * self.unit))
            return (row, point.x())

        return sorted(self.zones, key=key)

    @property
    def keyboard_order(self) -> list[str]:
        return list(self._keyboard_order)

    def zone_point(self, zone_id: str) -> QPointF:
        """A point well inside the zone, in scene coordinates (mirroring included)."""
        item = self.zones[zone_id]
        return item.mapToScene(item.anchor)

    def neighbour(self, zone_id: str | None, dx: int, dy: int) -> str | None:
        """The nearest zone in a screen direction from `zone_id`, if any."""
        if not self.zones:
            return None
        if zone_id is None:
            return self._keyboard_order[0]
        here = self.zone_point(zone_id)
        # Prefer zones within 45 degrees of the arrow's direction, so that Down goes
        # down and not to a neighbour beside it that happens to sit a little lower;
        # none beyond 60 degrees: with nothing to the left, Left stays put rather
        # than going down.
        best: tuple[bool, float, str] | None = None
        for other in self.zones:
            if other == zone_id:
                continue
            there = self.zone_point(other)
            along = (there.x() - here.x()) * dx + (there.y() - here.y()) * dy
            if along <= 1e-6:
                continue
            across = abs((there.x() - here.x()) * dy - (there.y() - here.y()) * dx)
            if across > along * _TAN_60:
                continue
            candidate = (across > along, along + 2.0 * across, other)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        return best[2] if best else None

    # -- what the user does -----------------------------------------------------------
    def zone_clicked(self, zone_id: str) -> None:
        self.controller.toggle_zone(zone_id)

    def zone_menu_requested(self, zone_id: str, screen_pos: QPoint) -> None:
        menu = self.intensity_menu(zone_id)
        try:
            choice = popup_menu(menu, screen_pos)
        finally:
            menu.deleteLater()
        self.apply_menu_choice(zone_id, choice)

    def intensity_menu(self, zone_id: str) -> QMenu:
        """How much does it hurt here: 0-10, or clear the zone."""
        zone = self.zones[zone_id].zone
        parents = self.views()
        menu = QMenu(parents[0] if parents else None)
        title = menu.addAction(zone.name[:1].upper() + zone.name[1:])
        title.setEnabled(False)
        menu.addSeparator()
        current = self.controller.pain.get(zone_id)
        for level in range(MAX_INTENSITY + 1):
            text = {0: "0 – marked, no pain now", MAX_INTENSITY: "10 – worst imaginable"}.get(
                level, str(level)
            )
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(level == current)
            action.setData(level)
        menu.addSeparator()
        clear = menu.addAction("Clear this zone")
        clear.setData("clear")
        clear.setEnabled(current is not None)
        return menu

    def apply_menu_choice(self, zone_id: str, choice: object) -> None:
        if choice == "clear":
            self.clear_zone(zone_id)
        elif isinstance(choice, int) and not isinstance(choice, bool):
            self.controller.set_intensity(zone_id, choice)

    def clear_zone(self, zone_id: str) -> None:
        if zone_id in self.controller.pain:
            self.controller.toggle_zone(zone_id)

    # -- colours ------------------------------------------------------------------------
    @property
    def palette_kind(self) -> ChartPalette:
        return self._palette

    def set_palette_kind(self, palette: ChartPalette) -> None:
        if palette is self._palette:
            return
        self._palette = palette
        self._restyle_artwork()
        self._shown_pain = dict.fromkeys(self.zones)
        self._drawn_patterns = self._drawn_muscles = self._drawn_acupressure = None
        self._refresh(Change.PAIN | Change.PATTERNS | Change.MUSCLES | Change.ACUPRESSURE)

    def _restyle_artwork(self) -> None:
        self._artwork.set_picture(artwork_picture(self.drawing, self._palette))
        self.setBackgroundBrush(background_color(self._palette))
        # Neither a pain red nor one of the overlay colours, so the outline never
        # reads as part of a pattern: near-black on the light drawing, amber on dark.
        highlight = (
            QColor(0xFF, 0xD5, 0x4F)
            if self._palette is ChartPalette.DARK
            else QColor(0x14, 0x14, 0x14)
        )
        # Cosmetic: the same screen width at every zoom.
        hover_pen = QPen(highlight, 2.5)
        hover_pen.setCosmetic(True)
        self._hover.setPen(hover_pen)
        focus_pen = QPen(highlight, 3.0, Qt.PenStyle.DashLine)
        focus_pen.setCosmetic(True)
        self._focus.setPen(focus_pen)


class ChartView(QGraphicsView):
    """One view of the leg: click zones, zoom, pan, and drive it from the keyboard.

    Mouse: click a zone to mark or clear it; right-click for how much it hurts; drag
    the background to pan; the wheel zooms under the pointer.
    Keys: the arrows move the current zone (Tab leaves the drawing), Space or Enter
    marks it, 0-9 set the intensity of the zone with the focus outline (else the one
    under the pointer), Shift+0 or = sets 10, Delete clears it; + and - zoom, Ctrl+0
    or Home fits the drawing (0 alone fits when no zone is pointed at).
    """

    hovered = Signal(str)
    """The plain name of the zone under the mouse, "" when none (for a status bar)."""

    zoom_changed = Signal(float)
    """The zoom relative to the fitted drawing (1.0 = fits the window)."""

    def __init__(
        self, controller: ChartController, view: View, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.controller = controller
        self.view_kind = view
        self._scene = ChartScene(controller, view, self)
        self.setScene(self._scene)
        self._scene.hovered.connect(self.hovered)
        self.setObjectName(f"chart-{view.value}")
        # Antialiasing, but not SmoothPixmapTransform: the items cache themselves as
        # pixmaps at the screen's own pixels, and filtering them on every repaint cost
        # five times the rest of the repaint and blurred them by a sub-pixel.
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The focus ring is the frame, outside the viewport: drawing it inside would
        # smear when the viewport scrolls only its exposed strip.
        self.setStyleSheet(
            "ChartView { border: 2px solid transparent; }"
            " ChartView:focus { border: 2px solid palette(highlight); }"
        )
        self.setMouseTracking(True)
        self._fitted = True
        self._update_accessible_name()
        self.setAccessibleDescription(
            "Drawing of the leg. Arrow keys or Tab move between pain zones; Space marks "
            "or clears the current zone. " + INTENSITY_HELP + " Plus and minus zoom."
        )
        listen(controller, self._on_change)

    # -- public -------------------------------------------------------------------------
    def chart_scene(self) -> ChartScene:
        return self._scene

    def zoom_factor(self) -> float:
        """The zoom relative to the drawing fitted to the window."""
        fit = self._fit_scale()
        return self.transform().m11() / fit if fit > 0 else 1.0

    def zoom_in(self) -> None:
        self._zoom_by(KEY_ZOOM_STEP)
        self._look_at_pain()

    def zoom_out(self) -> None:
        self._zoom_by(1 / KEY_ZOOM_STEP)
        self._look_at_pain()

    def _look_at_pain(self) -> None:
        """After a zoom by key or menu, put in the middle the zone the keyboard is on,
        else the middle of the painful zones this drawing shows: zoomed about the
        window's middle, the calf's marks slid out of sight."""
        scene = self._scene
        if scene.current is not None:
            self.centerOn(scene.zone_point(scene.current))
            return
        points = [scene.zone_point(z) for z in self.controller.pain if z in scene.zones]
        if points:
            x = sum(point.x() for point in points) / len(points)
            y = sum(point.y() for point in points) / len(points)
            self.centerOn(QPointF(x, y))

    def fit(self) -> None:
        """Fit the whole drawing into the window."""
        self._fitted = True
        scale = self._fit_scale()
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(self._scene.sceneRect().center())
        self._zoom_settled()

    def set_dark(self, dark: bool) -> None:
        self._scene.set_palette_kind(ChartPalette.DARK if dark else ChartPalette.LIGHT)

    # -- zoom -----------------------------------------------------------------------------
    def _fit_scale(self) -> float:
        rect = self._scene.sceneRect()
        area = self.viewport().rect()
        if rect.isEmpty() or area.isEmpty():
            return 1.0
        margin = 8
        return max(
            1e-6,
            min((area.width() - margin) / rect.width(), (area.height() - margin) / rect.height()),
        )

    def _zoom_by(self, factor: float, under: QPoint | None = None) -> None:
        """Zoom by `factor`, keeping the drawing under `under` (viewport pixels) in place.

        Without `under`, the middle of the window stays put. Qt's AnchorUnderMouse
        would use the last mouse-move position instead of the wheel event's.
        """
        fit = self._fit_scale()
        current = self.transform().m11()
        wanted = min(MAX_ZOOM * fit, max(MIN_ZOOM * fit, current * factor))
        if math.isclose(wanted, current):
            return
        pinned = self.mapToScene(under) if under is not None else None
        self.scale(wanted / current, wanted / current)
        if under is not None and pinned is not None:
            drift = self.mapFromScene(pinned) - under
            bars = self.horizontalScrollBar(), self.verticalScrollBar()
            bars[0].setValue(bars[0].value() + drift.x())
            bars[1].setValue(bars[1].value() + drift.y())
        self._fitted = False
        self._zoom_settled()

    def _zoom_settled(self) -> None:
        area = self.viewport().size()
        self._scene.set_view_scale(
            self.transform().m11(), area.width(), area.height(), self.devicePixelRatioF()
        )
        self.zoom_changed.emit(self.zoom_factor())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y()
        if steps == 0:
            event.ignore()
            return
        self._zoom_by(WHEEL_ZOOM_BASE**steps, event.position().toPoint())
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fitted:
            self.fit()

    # -- mouse --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        # Right presses outside the leg are not for anything; say we handled them
        # rather than let them travel up to the window.
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        super().contextMenuEvent(event)
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.hovered.emit("")

    # -- keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        # The zone with the focus outline (the keyboard's, which hovering moves too);
        # the hovered one when the keyboard has none.
        target = self._scene.current or self._scene.target
        handled = True
        if key in _ARROWS and not ctrl:
            dx, dy = _ARROWS[key]
            self._move_current(self._scene.neighbour(self._scene.current, dx, dy))
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._scene.current is None:
                self._move_current(self._scene.neighbour(None, 0, 1))
            elif self._scene.current is not None:
                self.controller.toggle_zone(self._scene.current)
        elif key in (Qt.Key.Key_Plus,) or (ctrl and key == Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_Home or (ctrl and key == Qt.Key.Key_0):
            self.fit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and target is not None:
            self._scene.clear_zone(target)
        elif not ctrl and (intensity := self._intensity_for(event)) is not None:
            if target is not None:
                self.controller.set_intensity(target, intensity)
            elif intensity == 0:
                self.fit()
            else:
                handled = False
        else:
            handled = False
        if handled:
            event.accept()
        else:
            super().keyPressEvent(event)

    @staticmethod
    def _intensity_for(event: QKeyEvent) -> int | None:
        """0-9 from the digit keys; 10 from Shift+0 (')' on US, '=' on German layouts)."""
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            return MAX_INTENSITY if (digit == 0 and shift) else digit
        if key in (Qt.Key.Key_ParenRight, Qt.Key.Key_Equal):
            return MAX_INTENSITY
        return None

    def _move_current(self, zone_id: str | None) -> None:
        if zone_id is None:
            return
        self._scene.set_current(zone_id)
        zone = self._scene.zones[zone_id].zone
        self.hovered.emit(zone.name)
        # The zones are drawn, not widgets: tell a screen reader where the focus went.
        level = self.controller.pain.get(zone_id)
        marked = "not marked" if level is None else f"marked, {level} of {MAX_INTENSITY}"
        announce(self, f"{zone.name}, {marked}")
        point = self._scene.zone_point(zone_id)
        self.ensureVisible(QRectF(point - QPointF(20, 20), QSizeF(40, 40)))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the drawing: it is one stop, like a list, and the arrow keys move
        between its zones. Walking every zone with Tab put the side panel dozens of
        presses away."""
        self._scene.set_current(None)
        # The status bar named the zone the keyboard was on: it is on none now.
        self.hovered.emit("")
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._scene.set_has_focus(True)
        # Arriving by keyboard puts the focus on a zone at once, so Space marks it.
        reasons = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if event.reason() in reasons and self._scene.current is None and self._scene.zones:
            order = self._scene.keyboard_order
            first = order[0] if event.reason() is Qt.FocusReason.TabFocusReason else order[-1]
            self._move_current(first)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._scene.set_has_focus(False)
        self.viewport().update()

    # -- the controller ---------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change & Change.SIDE:
            self._update_accessible_name()

    def _update_accessible_name(self) -> None:
        side = self.controller.side.value
        self.setAccessibleName(f"{self.view_kind.label} of the {side} leg")


__all__ = ["ChartScene", "ChartView", "LabelItem", "Layer", "ZoneItem", "popup_menu"]
