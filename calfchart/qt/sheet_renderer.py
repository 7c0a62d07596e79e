"""Draws a TreatmentSheet onto any paged device: a PDF writer or a printer.

One function, `paint_sheet`, serves export, print and preview alike
(shared/design/QT-NOTES.md §3). The text is one QTextDocument, laid out in points and
paginated by Qt, so no line is ever cut at a page edge. The drawings are vector
figures: each has a placeholder in the text (an empty line of the figure's height),
and after layout the figure is painted where Qt put that line. A figure therefore
moves to the next page with its text, and stays vector in the PDF.

Everything must survive a grey printout: pain is a ramp that darkens plus the number
written on the zone, "press here" is an X, "do not press here" a crossed circle,
"marked but no pain" is hatched; colour never carries meaning alone.

Units. The text is laid out on a 72-dpi device, so one layout unit is one point on
every machine (a screen's DPI would make the page count depend on the monitor). Qt
reads lengths in the HTML (widths, paddings, margins, line heights) as CSS pixels and
scales them by the device's DPI over the screen's; `_Units` measures that factor once
and writes every length so that it comes out in points.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from html import escape

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPicture,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTransform,
)

from calfchart.domain.ranking import OTHER_CAUSES
from calfchart.domain.sheet import (
    AcupressureSpot,
    DrawingPanel,
    MuscleSection,
    Spot,
    SpotMark,
    TreatmentSheet,
)
from calfchart.domain.zones import Side, View
from calfchart.qt.artwork import artwork_picture, replay
from calfchart.qt.chart_paint import (
    ChartPalette,
    hatch_path,
    intensity_color,
    label_point,
    no_press_marker_path,
    x_marker_path,
)
from calfchart.qt.drawing import Drawing, load_drawing, mirrored
from calfchart.qt.text_lines import line_spans

# -- measures, in points -----------------------------------------------------------------

PAGE_MARGINS_MM = QMarginsF(13, 11, 13, 10)
"""The margins export_pdf and print_sheet give the page."""
BODY_PT = 8.0
SMALL_PT = 6.8
TINY_PT = 6.2
FOOTER_PT = 7.0
FOOTER_BAND = 15.0
"""Room kept under the text on every page for the running footer."""
RUNNING_HEAD_RISE = 11.0
"""A page that goes on with a section from the page before names it in its top margin,
as a book's running head does, in a line this far above the text."""
RUNNING_HEAD_MARGIN = 20.0
"""The least top margin with room for that line and clear of the paper's edge, where a
printer cannot print; with less (margins set by hand), the line is left off."""
PAIN_FIGURE_HEIGHT = 185.0
PAIN_MARK_SIZE = 8.5
SPOT_MARK_SIZE = 9.5
ACUPRESSURE_MARK_SIZE = 4.5
MARK_LEAST = 5.0
"""Marks shrink to keep apart, down to this size."""
INTENSITY_PT = 7.5
"""The size of a painful zone's number on the pain drawing."""
PAIN_CAPTION_PT = SMALL_PT
PAIN_CAPTION_LEAST_PT = 5.6
"""The pain drawing's captions shrink to this, at the most, when many views share it."""
PANEL_GAP = 8.0
CAPTION_GAP = 2.5
PAIN_FIGURE_SHARE = 0.42
"""At most this share of the text width goes to the pain drawing; the warning signs
take the rest."""
OVERVIEW_MIN_WIDTH = 170.0
OVERVIEW_GAP = 14.0
LOG_LABEL_WIDTH = 120.0
HEADER_DETAILS_WIDTH = 150.0
SPOT_FIGURE_WIDTH = 80.0
SPOT_FIGURE_MAX_HEIGHT = 118.0
SPOT_FIGURE_LEAST_HEIGHT = 56.0
POINTS_FIGURE_MAX_HEIGHT = 84.0
"""The drawing of acupressure points that the section's own drawing cannot show."""
POINTS_FIGURE_SHARE = 0.2
"""Its band of the leg: at least this share of the leg's length, to see where it is."""
SOURCES_LEAST_PT = 5.0
"""The list of sources may be set this small to keep a sheet to two pages. (Text is laid
out at whole points: 5.5 to 6.4 all come out as 6.)"""
TYPICAL_PAGES = 2
LEGEND_SYMBOL = 12.0
LAYOUT_DPI = 72

INK = QColor(0, 0, 0)
GREY = QColor(0x55, 0x55, 0x55)
RULE = QColor(0x99, 0x99, 0x99)
PAPER = QColor(255, 255, 255)
_ZONE_EDGE = QColor(0x30, 0x30, 0x30)
# The muscle under a "press here" spot: a light grey wash with a firm edge, dashed
# when the muscle lies deep (as in the window).
_MUSCLE_FILL = QColor(0x70, 0x70, 0x70, 45)
_MUSCLE_EDGE = QColor(0x30, 0x30, 0x30)

# Invisible characters that cannot occur in catalog text: they mark where a figure
# goes, and where a part that must not be split starts and ends (see `_Keep`).
_MARKER = "\u2063"
_START = "\u2064"
_END = "\u2062"
FOOTER_GAP = 12.0
"""Points kept between the footer's text and the page number."""
EDGE_HAIR = 0.5
"""Less than any line is high: what `paint_page` keeps off each page edge when it asks
Qt for the lines of a page."""
LAYOUT_GRID = 64
"""Qt lays text out in whole 64ths of a point (QFixed)."""
MIN_AFTER_HEADING = 40.0
"""A heading closer than this to the foot of a page moves to the next one."""
MEASURED_KEPT = 8
"""Texts whose measuring documents are kept: a section's columns and what goes under them."""
LINES_AFTER_HEADING = 2
"""A heading in a column of a section moves to the next page unless this many lines of
its text fit under it. A column holds little: MIN_AFTER_HEADING there would move
headings that have room for their text, and a typical sheet onto a third page."""
WIDOW_LINES = 2
"""A paragraph a page edge splits keeps at least this many lines on each page: one line
alone at the foot or the top of a page reads as a stray."""
SHORT_LAST_PAGE = 0.2
"""A last page whose text ends higher than this share of it is worth saving: the
tighter densities are tried (see SheetDocument)."""
MARK_CLEARANCE = 3.0
"""A zone's number keeps this far from the marks and their numbers, where the zone has
room, so that the two are not read together."""
LABEL_GAP = 1.0
"""The least white between two marks' numbers, a number and a mark, or two numbers."""
LEADER_AFTER = 12.0
"""A mark's number further than this from the mark's centre is joined to it by a line."""

_FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size)
    font.setBold(bold)
    # Unhinted metrics are the same at 72 dpi and at 1200: the layout does not drift.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # A ligature ("ﬂ" for "fl") reaches the PDF's text as that one character: "flexor"
    # would then not be found, copied or read aloud as written.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


@cache
def _metrics(size: float, bold: bool = False) -> QFontMetricsF:
    """Text measures in points (on the 72-dpi layout device)."""
    return QFontMetricsF(_font(size, bold), _metrics_device())


@cache
def _metrics_device() -> QImage:
    return _layout_device()


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` comes out, in points, in the sheet's font at `size` points."""
    return _metrics(size, bold).horizontalAdvance(text)


def _layout_device() -> QImage:
    device = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots = round(LAYOUT_DPI / 0.0254)
    device.setDotsPerMeterX(dots)
    device.setDotsPerMeterY(dots)
    return device


@cache
def _points_per_html_pixel() -> float:
    """How many points Qt makes of one HTML pixel on the 72-dpi layout device.

    0.75 where the screen has 96 dpi (the usual case); measured rather than assumed,
    because Qt takes the factor from the primary screen.
    """
    device = _layout_device()
    probe = QTextDocument()
    probe.documentLayout().setPaintDevice(device)
    probe.setDocumentMargin(0)
    probe.setHtml(
        "<table cellspacing='0' cellpadding='0'><tr><td width='960'>a</td><td>b</td></tr></table>"
    )
    probe.setPageSize(QSizeF(5000, 5000))
    second = probe.find("b").block()
    left = probe.documentLayout().blockBoundingRect(second).left()
    return left / 960.0 if left > 0 else 0.75


def _px(points: float) -> str:
    """A length for the HTML, in the pixels that Qt turns into `points`."""
    return f"{points / _points_per_html_pixel():.2f}"


# -- figures -----------------------------------------------------------------------------

Painter = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class Figure:
    """A vector drawing placed in the text: its size in points and how to draw it.

    A figure with a `least_height` may be drawn shorter, down to that, to end a page
    rather than push its whole section onto the next one; `paint` fits the rect given.
    """

    width: float
    height: float
    paint: Painter
    least_height: float | None = None


def _figure_font(painter: QPainter, size: float, bold: bool = False) -> QFont:
    """A font `size` points high on a painter whose unit is the point.

    Qt turns a font's points into pixels at the device's DPI and the painter then
    scales them again; this cancels the first conversion.
    """
    dpi = painter.device().logicalDpiY() or LAYOUT_DPI
    return _font(size * LAYOUT_DPI / dpi, bold)


class _Artwork:
    """The print-styled artwork, one recorded picture per view, for one sheet."""

    def __init__(self) -> None:
        self._pictures: dict[str, QPicture] = {}

    def draw(
        self, painter: QPainter, drawing: Drawing, transform: QTransform, clip: QRectF
    ) -> None:
        picture = self._pictures.get(drawing.view)
        if picture is None:
            picture = self._pictures[drawing.view] = artwork_picture(drawing, ChartPalette.PRINT)
        painter.save()
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        painter.setTransform(transform, True)
        replay(picture, painter)
        painter.restore()


def _leg_transform(drawing: Drawing, crop: QRectF, target: QRectF, side: Side) -> QTransform:
    """Drawing units to the page: `crop` centred in `target`, mirrored for the left leg
    (the drawings are of the right leg)."""
    flip = mirrored(drawing) if side is Side.LEFT else QTransform()
    shown = flip.mapRect(crop)
    scale = min(target.width() / shown.width(), target.height() / shown.height())
    dx = target.left() + (target.width() - shown.width() * scale) / 2 - shown.left() * scale
    dy = target.top() + (target.height() - shown.height() * scale) / 2 - shown.top() * scale
    return flip * QTransform(scale, 0, 0, scale, dx, dy)


def _band(drawing: Drawing, top: float, bottom: float, min_share: float) -> QRectF:
    """A horizontal band of the drawing around top..bottom, at least `min_share` of its
    height so the reader sees where on the leg it is, fitted to the leg's width there."""
    height = drawing.size.height()
    margin = height * 0.04
    top, bottom = top - margin, bottom + margin
    least = height * min_share
    if bottom - top < least:
        middle = (top + bottom) / 2
        top, bottom = middle - least / 2, middle + least / 2
    if top < 0:
        top, bottom = 0.0, min(height, bottom - top)
    if bottom > height:
        top, bottom = max(0.0, top - (bottom - height)), height
    strip = QPainterPath()
    strip.addRect(QRectF(0, top, drawing.size.width(), bottom - top))
    inside = drawing.silhouette.intersected(strip).boundingRect()
    if inside.isEmpty():
        return QRectF(0, top, drawing.size.width(), bottom - top)
    pad = drawing.size.width() * 0.05
    left = max(0.0, inside.left() - pad)
    right = min(drawing.size.width(), inside.right() + pad)
    return QRectF(left, top, right - left, bottom - top)


def _badge_rect(centre: QPointF, text: str, size: float) -> QRectF:
    """The box of a number `size` points high, centred on `centre`."""
    advance = _metrics(size, bold=True).horizontalAdvance(text)
    box = QRectF(0, 0, max(advance + size * 0.6, size * 1.25), size * 1.3)
    box.moveCenter(centre)
    return box


def _draw_badge(
    painter: QPainter, box: QRectF, text: str, size: float, round_plate: bool = False
) -> None:
    """A number in a white rounded box with a black edge: readable over any shading.
    A trigger point's number sits on a round plate, so that it is not read as a pain
    number beside it."""
    painter.save()
    painter.setPen(QPen(INK, 0.5))
    painter.setBrush(PAPER)
    if round_plate:
        painter.drawEllipse(box)
    else:
        painter.drawRoundedRect(box, size * 0.3, size * 0.3)
    painter.setFont(_figure_font(painter, size, bold=True))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _badge(painter: QPainter, centre: QPointF, text: str, size: float) -> None:
    _draw_badge(painter, _badge_rect(centre, text, size), text, size)


def _spot_mark(painter: QPainter, centre: QPointF, size: float, press: bool) -> None:
    """Black, with a white halo over the shading: an X says "press here", a crossed
    circle "the trigger point is here, but do not press it yourself" (the window's
    drawings use the same two signs, from chart_paint)."""
    path = x_marker_path(centre, size) if press else no_press_marker_path(centre, size)
    painter.save()
    painter.setPen(
        QPen(PAPER, size * 0.18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
             Qt.PenJoinStyle.RoundJoin)
    )  # fmt: skip
    painter.setBrush(INK)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(path)
    painter.restore()


def _acupressure_mark(painter: QPainter, centre: QPointF, size: float) -> None:
    """A round black dot with a white halo: an acupressure point (the window draws
    the same dot, in green), unlike the X and the crossed circle of trigger points."""
    painter.save()
    painter.setPen(QPen(PAPER, size * 0.22))
    painter.setBrush(INK)
    painter.drawEllipse(centre, size / 2, size / 2)
    painter.restore()


def _point_rect(centre: QPointF, size: float) -> QRectF:
    """The ink of an acupressure dot `size` across."""
    half = size / 2
    return QRectF(centre.x() - half, centre.y() - half, size, size)


def _mark_size(
    centres: Sequence[QPointF],
    size: float,
    least: float = MARK_LEAST,
    dots: Sequence[QPointF] = (),
    dot_size: float = 0.0,
) -> float:
    """The marks' size: `size`, or smaller so that no two marks touch (two trigger
    points close together on a small drawing) and none covers an acupressure dot, but
    never under `least`."""
    for n, a in enumerate(centres):
        for b in centres[n + 1 :]:
            apart = max(abs(a.x() - b.x()), abs(a.y() - b.y()))
            # The widest ink (an X: 0.62 of its size each side) plus a hair between.
            size = min(size, (apart - 0.6) / (2 * 0.62))
        for dot in dots:
            apart = max(abs(a.x() - dot.x()), abs(a.y() - dot.y()))
            size = min(size, (apart - dot_size / 2 - 0.3) / 0.62)
    return max(size, least)


def _mark_rect(centre: QPointF, size: float, press: bool) -> QRectF:
    """The ink of a mark `size` across: the X's arms with their round ends, or the
    circle with its pen (the white halo may be covered)."""
    half = size * (0.62 if press else 0.57)
    return QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)


# -- marks and numbers that keep clear of each other ---------------------------------------


@dataclass(frozen=True)
class Placed:
    """A mark or a number on a drawing, where it is drawn and what it covers.

    `kind` is "press" or "no-press" for a mark and "acupressure" for an acupressure
    point (`size` is its width), "number" for a mark's number, "code" for a point's
    code (BL57) and "intensity" for a painful zone's number (`size` is the font's).
    """

    kind: str
    text: str
    centre: QPointF
    rect: QRectF
    size: float
    leader: QPointF | None = None
    """Where a thin line from the number goes, when there was no room for it beside its
    mark (the mark's centre) or inside its zone (the zone's nearest point)."""


_Box = tuple[float, float, float, float]
"""left, top, right, bottom: plain floats, as the placement compares many of them."""
_COLLISION = 1000.0


def _box(rect: QRectF, grow: float = 0.0) -> _Box:
    return (rect.left() - grow, rect.top() - grow, rect.right() + grow, rect.bottom() + grow)


def _overlap(a: _Box, b: _Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0.01 and h > 0.01 else 0.0  # touching is not overlapping


@dataclass
class _Label:
    """A number to place: where it may go, each place with how much it is preferred
    (lower is better), and the mark it belongs to."""

    kind: str
    text: str
    size: float
    candidates: list[tuple[QRectF, float]]
    owner: QPointF | None = None
    shape: QPainterPath | None = None
    """A zone's outline, for a zone's number."""


def _number_candidates(
    centre: QPointF, mark_size: float, press: bool, text: str, size: float
) -> list[tuple[QRectF, float]]:
    """Places for a mark's number around it, nearest and up-right first; far ones, all
    round, for a crowded spot (a line then joins the number to its mark)."""
    half = _mark_rect(centre, mark_size, press).width() / 2
    sample = _badge_rect(QPointF(0, 0), text, size)
    across = half + sample.width() / 2 + LABEL_GAP
    up = half + sample.height() / 2 + LABEL_GAP
    diagonal = mark_size * 0.7
    directions = (  # (x, y, cost): beside the upper arm first, as in the window
        (across, -diagonal, 0.0), (across, 0.0, 1.0), (across, diagonal, 2.0),
        (-across, -diagonal, 1.5), (-across, 0.0, 2.0), (-across, diagonal, 2.5),
        (0.0, -up, 3.0), (0.0, up, 3.5),
    )  # fmt: skip
    out = []
    for ring, extra in enumerate((0.0, 2.0, 4.5, 7.5, 11.0)):
        for x, y, cost in directions:
            dx = x + math.copysign(extra, x) if x else 0.0
            dy = y + math.copysign(extra, y) if y else 0.0
            out.append((_badge_rect(centre + QPointF(dx, dy), text, size), cost + ring * 4.0))
    for ring, extra in enumerate((15.0, 20.0, 26.0)):
        for step in range(16):
            angle = math.radians(-45.0 + step * 22.5)
            cos, sin = math.cos(angle), math.sin(angle)
            # Out along the ray until the number clears the mark, then `extra` further.
            reach = min(across / abs(cos) if abs(cos) > 1e-9 else math.inf,
                        up / abs(sin) if abs(sin) > 1e-9 else math.inf)  # fmt: skip
            where = centre + QPointF(cos, sin) * (reach + extra)
            out.append((_badge_rect(where, text, size), 25.0 + ring * 5.0 + min(step, 16 - step)))
    return out


def _zone_candidates(shape: QPainterPath, text: str, size: float) -> list[tuple[QRectF, float]]:
    """Places for a zone's number: its usual label point, else anywhere inside the zone
    (nearer that point is better), else just outside it."""
    usual = label_point(shape)
    bounds = shape.boundingRect()
    out = [(_badge_rect(usual, text, size), 0.0)]
    steps = 12
    for i in range(steps + 1):
        for j in range(steps + 1):
            point = QPointF(
                bounds.left() + bounds.width() * i / steps,
                bounds.top() + bounds.height() * j / steps,
            )
            if not shape.contains(point):
                continue
            rect = _badge_rect(point, text, size)
            cost = 0.5 + 0.08 * math.dist(point.toTuple(), usual.toTuple())
            out.append((rect, cost if shape.contains(rect) else cost + 4.0))
    sample = _badge_rect(QPointF(0, 0), text, size)
    for n, extra in enumerate((0.0, 2.5, 5.0, 8.0)):
        grow_x = sample.width() / 2 + LABEL_GAP + extra
        grow_y = sample.height() / 2 + LABEL_GAP + extra
        ring = bounds.adjusted(-grow_x, -grow_y, grow_x, grow_y)
        for i in range(11):
            t = i / 10
            for point in (
                QPointF(ring.left() + ring.width() * t, ring.top()),
                QPointF(ring.left() + ring.width() * t, ring.bottom()),
                QPointF(ring.left(), ring.top() + ring.height() * t),
                QPointF(ring.right(), ring.top() + ring.height() * t),
            ):
                out.append((_badge_rect(point, text, size), 20.0 + 2.0 * n))
    return out


def place_labels(
    box: QRectF,
    marks: Sequence[tuple[SpotMark, QPointF]],
    mark_size: float,
    zones: Sequence[tuple[QPainterPath, str]] = (),
    zone_size: float = 0.0,
    points: Sequence[tuple[str, QPointF]] = (),
    point_size: float = 0.0,
    text_size: float | None = None,
) -> tuple[tuple[Placed, ...], tuple[Placed, ...]]:
    """The marks where they belong, and every number where it clears every mark and
    every other number, inside `box`; returns the marks and the numbers.

    The marks stay on their trigger points. Each number is placed greedily, the one with
    the fewest free places first, at its most preferred free place: a mark's number
    beside its mark and nearer to it than to any other, a zone's number inside its zone
    and a little away from the marks, so that the two kinds are not read together.
    """
    fixed = [
        Placed(
            "press" if m.press else "no-press",
            str(m.number),
            centre,
            _mark_rect(centre, mark_size, m.press),
            mark_size,
        )
        for m, centre in marks
    ]
    fixed += [
        Placed("acupressure", code, centre, _point_rect(centre, point_size), point_size)
        for code, centre in points
    ]
    inside = _box(box, -LABEL_GAP / 2)
    labels: list[_Label] = []
    for mark in fixed:
        # The numbers keep their size when the marks shrink to keep apart.
        letters = text_size if text_size is not None else mark_size * 0.62
        if mark.kind == "acupressure":
            text, size, kind = mark.text, letters * 0.89, "code"
            # Its code beside the dot, as a mark's number is beside the mark.
            found = _number_candidates(mark.centre, point_size / 1.24, True, text, size)
        else:
            text, size, kind = mark.text, letters, "number"
            found = _number_candidates(mark.centre, mark_size, mark.kind == "press", text, size)
        labels.append(_Label(kind, text, size, found, mark.centre))
    labels += [
        _Label("intensity", text, zone_size, _zone_candidates(shape, text, zone_size), None, shape)
        for shape, text in zones
    ]
    for label in labels:
        kept = [
            (rect, cost)
            for rect, cost in label.candidates
            if rect.left() >= inside[0] and rect.top() >= inside[1]
            and rect.right() <= inside[2] and rect.bottom() <= inside[3]
        ]  # fmt: skip
        if not kept:  # nowhere inside: the first place, moved into the box
            rect = QRectF(label.candidates[0][0])
            rect.moveLeft(min(max(rect.left(), inside[0]), inside[2] - rect.width()))
            rect.moveTop(min(max(rect.top(), inside[1]), inside[3] - rect.height()))
            kept = [(rect, 0.0)]
        label.candidates = kept

    marks_at = [(m.centre.x(), m.centre.y()) for m in fixed]
    obstacles = [_box(m.rect, LABEL_GAP / 2) for m in fixed]
    placed: dict[int, _Box] = {}

    def clash(index: int, rect: QRectF) -> float:
        own = _box(rect, LABEL_GAP / 2)
        others = [b for n, b in placed.items() if n != index]
        hits = [o for o in (_overlap(own, b) for b in (*obstacles, *others)) if o > 0]
        return len(hits) * _COLLISION + sum(hits)

    def preference(label: _Label, rect: QRectF, cost: float) -> float:
        centre = rect.center()
        if label.owner is not None:  # nearer its own mark than any other
            own = math.dist(centre.toTuple(), label.owner.toTuple())
            if any(math.dist(centre.toTuple(), m) < own - 0.5 for m in marks_at):
                cost += 12.0
            return cost
        near = _box(rect, MARK_CLEARANCE)
        numbers = [b for n, b in placed.items() if labels[n].kind in ("number", "code")]
        if any(_overlap(near, b) > 0 for b in (*obstacles, *numbers)):
            cost += 3.0
        return cost

    def best(index: int) -> tuple[QRectF, float]:
        label = labels[index]
        return min(
            ((r, clash(index, r) + preference(label, r, c)) for r, c in label.candidates),
            key=lambda item: item[1],
        )

    def free(index: int) -> int:
        return sum(1 for r, _ in labels[index].candidates if clash(index, r) == 0)

    chosen: dict[int, QRectF] = {}
    waiting = list(range(len(labels)))
    while waiting:
        index = min(waiting, key=free)
        waiting.remove(index)
        chosen[index] = best(index)[0]
        placed[index] = _box(chosen[index])
    for _ in range(4):  # another look, now that every number has a place
        moved = False
        for index in range(len(labels)):
            del placed[index]
            better = best(index)[0]
            moved = moved or better != chosen[index]
            chosen[index] = better
            placed[index] = _box(better)
        if not moved:
            break
    numbers = tuple(
        Placed(
            label.kind,
            label.text,
            chosen[n].center(),
            chosen[n],
            label.size,
            _leader(label, chosen[n]),
        )
        for n, label in enumerate(labels)
    )
    return tuple(fixed), numbers


def _leader(label: _Label, rect: QRectF) -> QPointF | None:
    """Where a line from a number put away from its mark or outside its zone goes:
    the mark's centre, or the zone's nearest point; None for a number beside its mark
    or in its zone."""
    if label.owner is not None:
        mark = label.owner
        away_x = max(rect.left() - mark.x(), mark.x() - rect.right(), 0.0)
        away_y = max(rect.top() - mark.y(), mark.y() - rect.bottom(), 0.0)
        return mark if math.hypot(away_x, away_y) > LEADER_AFTER else None
    if label.shape is None:
        return None
    return _zone_leader(label.shape, rect)


def _zone_leader(shape: QPainterPath, rect: QRectF) -> QPointF | None:
    """Where a line from a number outside its zone meets the zone: a point a little
    inside it, the nearest to the number; None when the number sits in its zone."""
    if shape.contains(rect.center()):
        return None
    bounds = shape.boundingRect()
    steps = 24
    inside = [
        QPointF(
            bounds.left() + bounds.width() * i / steps, bounds.top() + bounds.height() * j / steps
        )
        for i in range(1, steps)
        for j in range(1, steps)
    ]
    inside = [q for q in inside if shape.contains(q)] or [label_point(shape)]
    centre = rect.center().toTuple()
    return min(inside, key=lambda q: math.dist(q.toTuple(), centre))


def _draw_marks(painter: QPainter, marks: Sequence[Placed], numbers: Sequence[Placed]) -> None:
    """The marks, then the numbers over everything."""
    painter.save()
    painter.setPen(QPen(INK, 0.5))
    painter.setBrush(INK)
    for number in numbers:
        if number.leader is not None:
            painter.drawLine(number.centre, number.leader)
            if number.kind == "intensity":  # a mark covers the end of its own line
                painter.drawEllipse(number.leader, 0.9, 0.9)
    painter.restore()
    for mark in marks:
        if mark.kind == "acupressure":
            _acupressure_mark(painter, mark.centre, mark.size)
        else:
            _spot_mark(painter, mark.centre, mark.size, mark.kind == "press")
    for number in numbers:
        _draw_badge(painter, number.rect, number.text, number.size, number.kind == "number")


def _shade_zone(painter: QPainter, shape: QPainterPath, intensity: int) -> None:
    """Shade one painful zone, already mapped to the page."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    if intensity > 0:
        painter.setBrush(intensity_color(intensity, ChartPalette.PRINT))
        painter.drawPath(shape)
    else:
        # Marked but not hurting now: hatched, so it reads apart from pain in grey too.
        painter.setBrush(GREY)
        painter.drawPath(hatch_path(shape, 45.0, 2.5, 0.45))
    painter.setPen(QPen(_ZONE_EDGE, 0.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape)
    painter.restore()


def _caption(painter: QPainter, rect: QRectF, text: str, size: float, colour: QColor) -> None:
    painter.save()
    painter.setFont(_figure_font(painter, size, bold=colour == INK))
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
    painter.restore()


def _panel_crop(drawing: Drawing, panel: DrawingPanel) -> QRectF:
    boxes = [
        drawing.zones[p.zone_id].boundingRect() for p in panel.pain if p.zone_id in drawing.zones
    ]
    for m in panel.marks:
        anchor = drawing.anchors.get(f"trp-{m.trigger_point_id}")
        if anchor is not None:
            boxes.append(QRectF(anchor.x() - 10, anchor.y() - 10, 20, 20))
    if not boxes:
        return QRectF(QPointF(0, 0), drawing.size)
    return _band(drawing, min(b.top() for b in boxes), max(b.bottom() for b in boxes), 0.36)


def _with_marks(drawing: Drawing, panel: DrawingPanel, crop: QRectF, margin: float) -> QRectF:
    """`crop` grown, where needed, to hold every mark whole: `margin` drawing units
    around each trigger point."""
    out = QRectF(crop)
    for m in panel.marks:
        anchor = drawing.anchors.get(f"trp-{m.trigger_point_id}")
        if anchor is not None:
            out = out.united(
                QRectF(anchor.x() - margin, anchor.y() - margin, 2 * margin, 2 * margin)
            )
    return out


@dataclass(frozen=True)
class PanelLayout:
    """One view on the pain drawing, in the figure's own coordinates (origin top left)."""

    panel: DrawingPanel
    drawing: Drawing
    transform: QTransform
    """Drawing units to the figure."""
    art: QRectF
    """Where the drawing shows."""
    box: QRectF
    """The panel: its marks and numbers keep inside it, its caption sits under it."""
    caption: tuple[str, ...]
    caption_rect: QRectF
    """Where the caption's lines are, as wide as the widest."""
    marks: tuple[Placed, ...]
    numbers: tuple[Placed, ...]


@dataclass(frozen=True)
class PainLayout:
    width: float
    height: float
    caption_size: float
    panels: tuple[PanelLayout, ...]


def _fit_scale(
    crops: Sequence[QRectF], needs: Sequence[float], room: float, most: float
) -> float | None:
    """The largest scale, up to `most`, at which the panels fit in `room` points across,
    each as wide as its drawing or its caption, whichever is wider; None if the captions
    alone are too wide."""

    def across(scale: float) -> float:
        return sum(max(c.width() * scale, n) for c, n in zip(crops, needs, strict=True))

    if across(most) <= room:
        return most
    if sum(needs) >= room:
        return None
    low, high = 0.0, most
    for _ in range(40):
        middle = (low + high) / 2
        if across(middle) <= room:
            low = middle
        else:
            high = middle
    return low


def pain_layout(
    sheet: TreatmentSheet, width: float, height: float = PAIN_FIGURE_HEIGHT
) -> PainLayout | None:
    """Where everything on the pain drawing goes: the views side by side at one scale,
    at most `width` by `height` points, each cropped to the part of the leg that matters
    and at least as wide as its caption; the caption on one line where that leaves the
    drawing as large, else on two, and smaller only when even two lines do not fit."""
    views = [(p, load_drawing(p.view.value)) for p in sheet.drawings]
    if not views:
        return None
    side = sheet.side.value
    one_line: list[tuple[str, ...]] = [(f"{p.view.label}, {side} leg",) for p, _ in views]
    two_lines: list[tuple[str, ...]] = [(f"{p.view.label},", f"{side} leg") for p, _ in views]
    gaps = PANEL_GAP * (len(views) - 1)
    room = width - gaps

    def fit(crops: Sequence[QRectF]) -> tuple[float, list[tuple[str, ...]], float]:
        tallest = max(c.height() for c in crops)
        size = PAIN_CAPTION_PT
        while True:
            metrics = _metrics(size, bold=True)
            options = []
            for lines in (one_line, two_lines):
                below = CAPTION_GAP + metrics.height() * len(lines[0])
                needs = [max(text_width(t, size, bold=True) for t in ls) + 2 for ls in lines]
                scale = _fit_scale(crops, needs, room, (height - below) / tallest)
                if scale is not None:
                    options.append((scale, lines))
            if options:
                scale, lines = options[0]
                if len(options) > 1 and options[1][0] > scale * 1.04:
                    scale, lines = options[1]
                return scale, lines, size
            if size <= PAIN_CAPTION_LEAST_PT:  # too many views: the figure grows wider
                lines = two_lines
                needs = [max(text_width(t, size, bold=True) for t in ls) + 2 for ls in lines]
                below = CAPTION_GAP + metrics.height() * 2
                most = (height - below) / tallest
                least = min(n / c.width() for c, n in zip(crops, needs, strict=True))
                return min(most, least), lines, size
            size = max(PAIN_CAPTION_LEAST_PT, size - 0.4)

    crops = [_panel_crop(d, p) for p, d in views]
    margin = _mark_rect(QPointF(0, 0), PAIN_MARK_SIZE, True).width() / 2 + LABEL_GAP
    for _ in range(2):  # the room a mark needs depends on the scale, and back
        scale, _, _ = fit(crops)
        crops = [
            _with_marks(d, p, c, margin * 1.1 / scale)
            for (p, d), c in zip(views, crops, strict=True)
        ]
    scale, captions, size = fit(crops)
    metrics = _metrics(size, bold=True)
    art_height = max(c.height() for c in crops) * scale
    x = 0.0
    panels = []
    for (panel, drawing), crop, lines in zip(views, crops, captions, strict=True):
        widest = max(text_width(t, size, bold=True) for t in lines)
        w = max(crop.width() * scale, widest + 2)
        box = QRectF(x, 0, w, art_height)
        # Bottom-aligned: a short view sits right above its caption.
        art = QRectF(0, 0, crop.width() * scale, crop.height() * scale)
        art.moveBottom(art_height)
        art.moveLeft(x + (w - art.width()) / 2)
        transform = _leg_transform(drawing, crop, art, sheet.side)
        spots = [
            (mark, transform.map(drawing.anchors[f"trp-{mark.trigger_point_id}"]))
            for mark in panel.marks
            if f"trp-{mark.trigger_point_id}" in drawing.anchors
        ]
        zones = [
            (transform.map(drawing.zones[p.zone_id]), str(p.intensity))
            for p in panel.pain
            if p.zone_id in drawing.zones
        ]
        mark_size = _mark_size([centre for _, centre in spots], PAIN_MARK_SIZE)
        marks, numbers = place_labels(
            box, spots, mark_size, zones, INTENSITY_PT, text_size=PAIN_MARK_SIZE * 0.62
        )
        caption_rect = QRectF(
            x + (w - widest) / 2,
            art_height + CAPTION_GAP,
            widest,
            metrics.height() * len(lines),
        )
        panels.append(
            PanelLayout(panel, drawing, transform, art, box, lines, caption_rect, marks, numbers)
        )
        x += w + PANEL_GAP
    caption_height = CAPTION_GAP + metrics.height() * max(len(c) for c in captions)
    return PainLayout(x - PANEL_GAP, art_height + caption_height, size, tuple(panels))


def pain_figure(
    sheet: TreatmentSheet, width: float, artwork: _Artwork, height: float = PAIN_FIGURE_HEIGHT
) -> Figure | None:
    """The views with the painful zones side by side (see `pain_layout`)."""
    layout = pain_layout(sheet, width, height)
    if layout is None:
        return None
    pain = {p.view: {m.zone_id: m.intensity for m in p.pain} for p in sheet.drawings}

    def paint(painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.translate(rect.topLeft())
        for panel in layout.panels:
            drawing = panel.drawing
            artwork.draw(painter, drawing, panel.transform, panel.art)
            painter.save()
            painter.setClipRect(panel.art, Qt.ClipOperation.IntersectClip)
            for zone_id, intensity in pain[panel.panel.view].items():
                if zone_id in drawing.zones:
                    _shade_zone(painter, panel.transform.map(drawing.zones[zone_id]), intensity)
            painter.restore()
            _draw_marks(painter, panel.marks, panel.numbers)
            painter.save()
            painter.setFont(_figure_font(painter, layout.caption_size, bold=True))
            painter.setPen(INK)
            line = panel.caption_rect.height() / len(panel.caption)
            for n, text in enumerate(panel.caption):
                where = QRectF(panel.box.left(), panel.caption_rect.top() + n * line,
                               panel.box.width(), line)  # fmt: skip
                painter.drawText(where, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
        painter.restore()

    return Figure(layout.width, layout.height, paint)


@dataclass(frozen=True)
class SpotLayout:
    """The "where to press" drawing of a section, in a box of the page: the view, the
    marks on their trigger points, the acupressure dots, and their numbers and codes."""

    drawing: Drawing
    caption: str
    transform: QTransform
    """Drawing units to the page."""
    box: QRectF
    marks: tuple[Placed, ...]
    numbers: tuple[Placed, ...]


@dataclass(frozen=True)
class _SpotView:
    """What a section's drawing shows, before it is fitted to a box: the view, its
    chosen spots and the acupressure points on it, and the band of the leg to show."""

    drawing: Drawing
    spots: list[tuple[Spot, QPointF]]
    points: list[tuple[str, QPointF]]
    crop: QRectF


def _spot_view(section: MuscleSection) -> _SpotView | None:
    """The first view (the section's own, then its spots') showing a chosen spot."""
    if section.figure_view is None:
        return None
    candidates = [section.figure_view, *(v for s in section.spots for v in s.views)]
    for view in dict.fromkeys(candidates):
        drawing = load_drawing(view.value)
        spots = [
            (spot, drawing.anchors[f"trp-{spot.trigger_point_id}"])
            for spot in section.spots
            if f"trp-{spot.trigger_point_id}" in drawing.anchors
        ]
        if spots:
            points = [
                (point.id, drawing.anchors[f"acu-{point.id}"])
                for point in (*section.acupressure, *section.acupressure_above)
                if f"acu-{point.id}" in drawing.anchors
            ]
            ys = [a.y() for _, a in spots] + [a.y() for _, a in points]
            # The whole outline of the muscle too: marks near its end are not cut off.
            outline = drawing.muscles.get(section.muscle_id)
            if outline is not None:
                ys += [outline.boundingRect().top(), outline.boundingRect().bottom()]
            return _SpotView(drawing, spots, points, _band(drawing, min(ys), max(ys), 0.26))
    return None


def _place_spots(sheet: TreatmentSheet, seen: _SpotView, box: QRectF) -> SpotLayout:
    transform = _leg_transform(seen.drawing, seen.crop, box, sheet.side)
    spots = [
        (SpotMark(spot.trigger_point_id, spot.number, spot.press), transform.map(anchor))
        for spot, anchor in seen.spots
    ]
    on_page = [(code, transform.map(anchor)) for code, anchor in seen.points]
    size = _mark_size(
        [centre for _, centre in spots],
        SPOT_MARK_SIZE,
        dots=[centre for _, centre in on_page],
        dot_size=ACUPRESSURE_MARK_SIZE,
    )
    marks, numbers = place_labels(
        box,
        spots,
        size,
        points=on_page,
        point_size=ACUPRESSURE_MARK_SIZE,
        text_size=SPOT_MARK_SIZE * 0.62,
    )
    view = View(seen.drawing.view)
    return SpotLayout(
        seen.drawing, f"{view.label}, {sheet.side.value} leg", transform, box, marks, numbers
    )


def spot_layout(sheet: TreatmentSheet, section: MuscleSection, box: QRectF) -> SpotLayout | None:
    """Where everything on a section's drawing goes in `box`; None when it has none."""
    seen = _spot_view(section)
    return None if seen is None else _place_spots(sheet, seen, box)


_FIGURE_CAPTION = 10.0
"""The height of the caption under a section's small drawings."""


def _paint_small_drawing(
    painter: QPainter,
    rect: QRectF,
    artwork: _Artwork,
    layout_in: Callable[[QRectF], SpotLayout],
    under_marks: Callable[[QPainter, SpotLayout], None] | None = None,
) -> None:
    """One of a section's small drawings in `rect`: the artwork, what `under_marks`
    draws, the marks with their numbers and codes, and the caption under it all."""
    box = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - _FIGURE_CAPTION)
    layout = layout_in(box)
    artwork.draw(painter, layout.drawing, layout.transform, box)
    painter.save()
    painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
    if under_marks is not None:
        under_marks(painter, layout)
    _draw_marks(painter, layout.marks, layout.numbers)
    painter.restore()
    under = QRectF(
        rect.left() - 8, rect.bottom() - _FIGURE_CAPTION, rect.width() + 16, _FIGURE_CAPTION
    )
    _caption(painter, under, layout.caption, SMALL_PT - 0.8, GREY)


def _spot_figure(
    sheet: TreatmentSheet, section: MuscleSection, seen: _SpotView, artwork: _Artwork
) -> Figure:
    """Where to press: the muscle's chosen spots on one view, the muscle outlined, and
    the section's acupressure points on that view, each with its code."""
    crop = seen.crop
    art_height = min(SPOT_FIGURE_MAX_HEIGHT, SPOT_FIGURE_WIDTH * crop.height() / crop.width())
    muscle = seen.drawing.muscles.get(section.muscle_id)
    style = (
        Qt.PenStyle.DashLine
        if section.muscle_id in seen.drawing.deep_muscles
        else Qt.PenStyle.SolidLine
    )

    def outline(painter: QPainter, layout: SpotLayout) -> None:
        if muscle is not None:
            painter.setPen(QPen(_MUSCLE_EDGE, 0.6, style))
            painter.setBrush(_MUSCLE_FILL)
            painter.drawPath(layout.transform.map(muscle))

    def paint(painter: QPainter, rect: QRectF) -> None:
        _paint_small_drawing(
            painter, rect, artwork, lambda box: _place_spots(sheet, seen, box), outline
        )

    least = min(art_height, SPOT_FIGURE_LEAST_HEIGHT) + _FIGURE_CAPTION
    return Figure(SPOT_FIGURE_WIDTH, art_height + _FIGURE_CAPTION, paint, least)


def points_elsewhere(
    section: MuscleSection, seen: _SpotView | None = None
) -> dict[View, list[str]]:
    """The section's acupressure points that its own drawing (`seen`, worked out here
    when not given) does not show (SP6 and KI3 lie on the inner side, which a back view
    cannot show), by the view that does."""
    if seen is None:
        seen = _spot_view(section)
    shown = {code for code, _ in seen.points} if seen is not None else set()
    elsewhere: dict[View, list[str]] = {}
    # Points described in an earlier section are marked again, as on the spot figure.
    for point in (*section.acupressure, *section.acupressure_above):
        if point.id not in shown and point.views:
            elsewhere.setdefault(point.views[0], []).append(point.id)
    return elsewhere


def _points_view(view: View, codes: Sequence[str]) -> _SpotView:
    """A drawing of acupressure points alone: no spots, a band of the leg around them."""
    drawing = load_drawing(view.value)
    points = [(code, drawing.anchors[f"acu-{code}"]) for code in codes]
    ys = [anchor.y() for _, anchor in points]
    return _SpotView(drawing, [], points, _band(drawing, min(ys), max(ys), POINTS_FIGURE_SHARE))


def points_layout(
    sheet: TreatmentSheet, view: View, codes: Sequence[str], box: QRectF
) -> SpotLayout:
    """Where acupressure points and their codes go on a drawing of `view` in `box`."""
    return _place_spots(sheet, _points_view(view, codes), box)


def section_figures(
    sheet: TreatmentSheet, section: MuscleSection, artwork: _Artwork
) -> tuple[Figure | None, list[Figure]]:
    """A section's "where to press" drawing (None when it has none), and a small
    drawing for each view holding acupressure points of the section that the first
    cannot show, marked as the points on that one are."""
    seen = _spot_view(section)
    spots = None if seen is None else _spot_figure(sheet, section, seen, artwork)
    others = []
    for view, codes in points_elsewhere(section, seen).items():
        shown = _points_view(view, codes)
        crop = shown.crop
        height = min(POINTS_FIGURE_MAX_HEIGHT, SPOT_FIGURE_WIDTH * crop.height() / crop.width())
        layout_in = partial(_place_spots, sheet, shown)
        paint = partial(_paint_small_drawing, artwork=artwork, layout_in=layout_in)
        others.append(Figure(SPOT_FIGURE_WIDTH, height + _FIGURE_CAPTION, paint))
    return spots, others


def _symbol(kind: str) -> Figure:
    """The little pictures of the legend, drawn like the marks they explain."""
    size = LEGEND_SYMBOL

    def paint(painter: QPainter, rect: QRectF) -> None:
        centre = rect.center()
        if kind in ("press", "no-press"):
            _spot_mark(painter, centre, size * 0.72, kind == "press")
            return
        if kind == "acupressure":
            _acupressure_mark(painter, centre, ACUPRESSURE_MARK_SIZE)
            return
        square = QPainterPath()
        square.addRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        if kind == "no-pain":
            painter.setBrush(GREY)
            painter.drawPath(hatch_path(square, 45.0, 2.5, 0.45))
        else:
            painter.setBrush(intensity_color(7, ChartPalette.PRINT))
            painter.drawPath(square)
        painter.setPen(QPen(_ZONE_EDGE, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(square)
        painter.restore()
        if kind == "pain":
            _badge(painter, centre, "7", 6.2)

    return Figure(size, size, paint)


def _warning_sign(size: float) -> Figure:
    """A bold warning triangle, black on white: it prints in any grey."""

    def paint(painter: QPainter, rect: QRectF) -> None:
        triangle = QPainterPath()
        triangle.moveTo(rect.center().x(), rect.top() + 1.5)
        triangle.lineTo(rect.left() + 1.5, rect.bottom() - 1.5)
        triangle.lineTo(rect.right() - 1.5, rect.bottom() - 1.5)
        triangle.closeSubpath()
        cx = rect.center().x()
        painter.save()
        join = Qt.PenJoinStyle.RoundJoin
        painter.setPen(QPen(INK, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, join))
        painter.setBrush(PAPER)
        painter.drawPath(triangle)
        painter.setPen(QPen(INK, size * 0.1, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(
            QPointF(cx, rect.top() + rect.height() * 0.38),
            QPointF(cx, rect.top() + rect.height() * 0.66),
        )
        painter.drawPoint(QPointF(cx, rect.top() + rect.height() * 0.82))
        painter.restore()

    return Figure(size, size * 0.88, paint)


# -- the text ------------------------------------------------------------------------------


def _e(text: str) -> str:
    return escape(text, quote=True)


_BETWEEN_DIGITS = re.compile(r"(?<=[\d)])[ \t]+(?=[\d(])")


def _numbers_unbroken(text: str) -> str:
    """The spaces inside a phone number made non-breaking: it must not wrap mid-number."""
    return _BETWEEN_DIGITS.sub("\u00a0", text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _run_on(items: Sequence[str]) -> str:
    """Items run on in one paragraph, each after a bullet: compact, still easy to scan."""
    return " ".join(f"\u2022\u00a0{_e(_full_stop(i))}" for i in items)


_KEEP_MARKS = re.compile(f"{_START}\\d+{_START}|{_END}\\d+{_END}")
"""The marks `_SheetHtml.keep` puts in the text, taken out before it is laid out."""


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


@dataclass(frozen=True)
class Density:
    """How tightly the sheet is set: the white between paragraphs, the pain drawing's
    height and the size of the sources. Every density keeps the body text's size."""

    spacing: float = 1.0
    """A share of the usual white above and below headings, paragraphs and lists."""
    figure_height: float = PAIN_FIGURE_HEIGHT
    sources_pt: float = TINY_PT
    """The list of sources at the sheet's end."""


DENSITIES = (
    Density(),
    Density(spacing=0.6, sources_pt=SOURCES_LEAST_PT),
    Density(spacing=0.6, figure_height=165.0, sources_pt=SOURCES_LEAST_PT),
    Density(spacing=0.4, figure_height=165.0, sources_pt=SOURCES_LEAST_PT),
)
"""The usual setting, then tighter ones for a sheet that would take more than
TYPICAL_PAGES: US Letter is 50 points shorter than A4, and a typical sheet should fit on
two pages of either. The last is for a heading that must start the next page with its
text rather than end this one alone (the buttock case on Letter). They also save a last
page that would hold only a few lines (SHORT_LAST_PAGE)."""


def _style(density: Density) -> str:
    def gap(points: float) -> str:
        return _px(points * density.spacing)

    return f"""
body {{ color: #000000; }}
h1 {{ font-size: 15pt; margin-top: 0px; margin-bottom: {gap(1)}px; }}
h2 {{ font-size: 11.5pt; margin-top: {gap(7)}px; margin-bottom: {gap(2.5)}px; }}
h3 {{ font-size: {BODY_PT + 0.4}pt; margin-top: {gap(2.5)}px; margin-bottom: {gap(1)}px; }}
p {{ margin-top: 0px; margin-bottom: {gap(2.5)}px; }}
ol, ul {{ margin-top: 0px; margin-bottom: {gap(2)}px; margin-left: 0px;
          -qt-list-indent: 1; }}
li {{ margin-bottom: {gap(0.5)}px; }}
td {{ vertical-align: top; }}
th {{ font-size: {TINY_PT}pt; text-align: left; vertical-align: bottom; }}
.small {{ font-size: {SMALL_PT}pt; }}
.tiny {{ font-size: {TINY_PT}pt; }}
.sources {{ font-size: {density.sources_pt}pt; }}
.muted {{ color: #3a3a3a; }}
"""


class _SheetHtml:
    """Writes the sheet as HTML and collects the figures placed in it."""

    def __init__(self, sheet: TreatmentSheet, width: float, density: Density) -> None:
        self.sheet = sheet
        self.width = width
        self.density = density
        self.figures: list[tuple[Figure, int | None]] = []
        self.keeps: list[bool] = []
        self.sections: list[tuple[int, str]] = []
        """The parts that are sections of the sheet: their keep number and title."""
        self.artwork = _Artwork()
        self._device = _layout_device()
        self._scratch = _new_document(self._device, density)
        # Balancing two columns measures each at several widths: each text is parsed
        # once, into a document of its own, and then only laid out again.
        self._measuring: dict[str, QTextDocument] = {}
        self.parts: list[str] = []

    def figure(self, figure: Figure | None, align: str = "left", keep: int | None = None) -> str:
        """A paragraph that stands for a figure; its line is made figure-high later.

        Should the figure cross a page edge, the part `keep` (see `keep`) moves to the
        next page with it; a figure in no part moves alone.
        """
        if figure is None:
            return ""
        self.figures.append((figure, keep))
        number = len(self.figures) - 1
        return f"<p align='{align}' style='margin:0px'>{_MARKER}{number}{_MARKER}</p>"

    def keep(self, whole: bool = False, section: str | None = None) -> tuple[int, str, str]:
        """A part not to be split: its number, the mark for its first paragraph, and
        the closing paragraph when it must be kept `whole` (else it ends after its
        heading's first lines). A part that starts a `section` (its title) is named at
        the top of the next page when the section goes on there."""
        self.keeps.append(whole)
        number = len(self.keeps) - 1
        if section is not None:
            self.sections.append((number, section))
        end = f"<p style='margin:0px; font-size:1pt'>{_END}{number}{_END}</p>" if whole else ""
        return number, f"{_START}{number}{_START}", end

    def _acupressure_entry(self, point: AcupressureSpot) -> str:
        """A point's entry, kept whole on one page: its caution ("if you are pregnant,
        leave this point alone") once began a page with no word of which point it meant."""
        _, mark, end = self.keep(whole=True)
        caution = f" <i>{_e(' '.join(point.cautions))}</i>" if point.cautions else ""
        return (
            f"<p class='small'>{mark}<b>{_e(point.id)} {_e(point.name)}:</b> "
            f"{_e(point.location)} {_e(point.how)}{caution}</p>{end}"
        )

    def heading(self, level: int, text: str, style: str = "", section: bool = False) -> str:
        """A heading that is never left alone at the foot of a page; it may start a
        `section` (see `keep`)."""
        _, mark, _ = self.keep(section=text if section else None)
        attribute = f" style='{style}'" if style else ""
        return f"<h{level}{attribute}>{mark}{_e(text)}</h{level}>"

    def html(self) -> str:
        sheet = self.sheet
        if sheet.warnings:
            self._warnings()
        self._header()
        self._overview()
        if sheet.sections:
            heading = (
                "What the chart suggests, once a doctor has checked the warning"
                if sheet.warnings
                else "Trigger points to treat"
            )
            self.parts.append(self.heading(2, heading, section=True))
            for section in sheet.sections:
                self._section(section)
        elif not sheet.warnings:
            self.parts.append(
                self.heading(2, "Trigger points to treat") + f"<p>{_e(self._none())}</p>"
            )
        self._log()
        self._about()
        return f"<html><body>{''.join(self.parts)}</body></html>"

    def _none(self) -> str:
        """Why a sheet with no red flag suggests no trigger point."""
        if not any(mark.intensity > 0 for mark in self.sheet.pain):
            return (
                "None: no place is marked as hurting (every marked place is at 0 out of 10), "
                "so there is nothing to look for."
            )
        unexplained = "None: no trigger point calfchart knows refers pain to the places marked."
        return f"{unexplained} {OTHER_CAUSES}"

    # -- the parts, in page order --------------------------------------------------------
    def _warnings(self) -> None:
        """First on page 1 when a red flag stands: what to do, how fast, and why."""
        rows = []
        for w in self.sheet.warnings:
            because = ""
            if w.because:
                because = (
                    "<p class='small'><b>You answered yes to:</b> " + _run_on(w.because) + "</p>"
                )
            elif w.by_clinician:
                because = "<p class='small'>Raised by the person who prepared this sheet.</p>"
            rows.append(
                f"<p style='font-size:12.5pt'><b>{_e(w.advice)}</b></p>"
                f"<p><b>It may be: {_e(_full_stop(w.condition))}</b> {_e(w.message)}</p>{because}"
            )
        sign = self.figure(_warning_sign(36.0), align="center")
        # A one-cell frame around a borderless table: a frame with two cells would draw a
        # rule between the sign and the words.
        inner = (
            f"<table width='100%' cellspacing='0' cellpadding='0'>"
            f"<tr><td width='{_px(48)}'>{sign}</td><td>"
            + "".join(rows)
            + "<p style='margin:0px'><b>Do not massage, press or stretch the leg.</b> This "
            "sheet leaves out all self-treatment until a doctor has checked the warning.</p>"
            "</td></tr></table>"
        )
        # The thick frame is the black table showing through the spacing around its one
        # white cell: Qt draws a thick collapsed rule with gaps at the corners.
        self.parts.append(
            self._fitting_table(
                lambda width: (
                    f"<table width='{width}' bgcolor='#000000' "
                    f"cellspacing='{_px(2.5)}' cellpadding='{_px(6)}'>"
                    f"<tr><td bgcolor='#ffffff'>{inner}</td></tr></table>"
                )
            )
        )

    def _header(self) -> None:
        sheet = self.sheet
        details = [
            f"<b>Name:</b> {_e(sheet.name)}" if sheet.name else "<b>Name:</b> ____________________",
            f"<b>Date:</b> {_e(sheet.date_text)}",
            f"<b>Leg:</b> {sheet.side.value}",
        ]
        if sheet.charted_text:
            details.insert(2, f"<b>Pain charted:</b> {_e(sheet.charted_text)}")
        if sheet.prepared_by:
            details.append(f"<b>Prepared by:</b> {_e(_numbers_unbroken(sheet.prepared_by))}")
        top = f"{_px(6)}" if sheet.warnings else "0"
        self.parts.append(
            f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:{top}px'><tr>"
            "<td><h1>Your treatment sheet</h1>"
            # On page 1, under the title: read before anything else is tried.
            f"<p class='small muted' style='margin-right:{_px(12)}px'>{_e(sheet.disclaimer)}"
            "</p></td>"
            f"<td align='right' width='{_px(HEADER_DETAILS_WIDTH)}'>"
            f"<p>{'<br>'.join(details)}</p></td>"
            "</tr></table>"
        )

    def _overview(self) -> None:
        """Where it hurts (the drawing, the list, the legend) beside the warning signs.

        The signs sit next to the drawing rather than below it: they are then on page 1
        whatever else the sheet holds, and the space beside a tall leg is not wasted.
        """
        sheet = self.sheet
        doctor = self._doctor()
        if not sheet.pain:
            self.parts.append("<h2>Where it hurts</h2><p>No painful area was marked.</p>" + doctor)
            return
        figure = pain_figure(
            sheet, self.width * PAIN_FIGURE_SHARE, self.artwork, self.density.figure_height
        )
        listing = "<br>".join(
            f"{_e(_capital(p.name))}: <b>{p.intensity}</b>/10" for p in sheet.pain
        )
        legend = [(_symbol("pain"), "Where it hurts: darker is worse; the number says how "
                   "much, from 0 to 10.")]  # fmt: skip
        if any(p.intensity == 0 for p in sheet.pain):
            legend.append((_symbol("no-pain"), "Marked, but not hurting now (0)."))
        marks = [m for panel in sheet.drawings for m in panel.marks]
        if any(m.press for m in marks):
            # Not "to press": a deep one is pressed from beside it, as its text says.
            legend.append((_symbol("press"), "A trigger point; the text under its number "
                           "says how to treat it."))  # fmt: skip
        if any(not m.press for m in marks):
            legend.append((_symbol("no-press"), "A trigger point you must not press yourself."))
        if any(s.acupressure for s in sheet.sections):
            legend.append((_symbol("acupressure"), "An acupressure point; its code (such as "
                           "BL57) leads its paragraph in the text."))  # fmt: skip
        rows = "".join(
            f"<tr><td width='{_px(LEGEND_SYMBOL + 5)}'>{self.figure(symbol)}</td>"
            f"<td class='small'>{_e(text)}</td></tr>"
            for symbol, text in legend
        )
        column = max(figure.width if figure else 0, OVERVIEW_MIN_WIDTH)
        self.parts.append(
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{_px(column)}'><h2>Where it hurts</h2>"
            f"{self.figure(figure, align='center')}"
            f"<p style='margin-top:{_px(4)}px'>{listing}</p>"
            f"<table cellspacing='0' cellpadding='{_px(1.2)}'>{rows}</table></td>"
            f"<td width='{_px(OVERVIEW_GAP)}'></td>"
            f"<td>{doctor}</td></tr></table>"
        )

    def _section(self, section: MuscleSection) -> None:
        spots = []
        for spot in section.spots:
            # "X" only where an X is drawn: not when the spot is not to be pressed, and
            # not when self-treatment is withheld (then no spot is drawn at all).
            mark = "X" if spot.press and spot.landmark else "Trigger point "
            spots.append(f"<p><b>{mark}{spot.number}: {_e(spot.label)}.</b> {_e(spot.why)}</p>")
            if spot.landmark:
                # A spot not to be pressed is not one to go looking for with a finger.
                find = "Find it" if spot.press else "Where it lies"
                spots.append(f"<p><b>{find}:</b> {_e(spot.landmark)}</p>")
            if spot.not_pressed and not section.withheld:
                spots.append(
                    f"<p><b>Do not press this spot yourself.</b> {_e(spot.not_pressed)}</p>"
                )
        name = f"{section.number}. {section.muscle_name}"
        keep, mark, _ = self.keep(section=name)
        title = f"<h3 style='font-size:11pt'>{mark}{_e(name)}</h3>"
        mistaken = (
            f"<p class='small'><b>Can be mistaken for:</b> {_run_on(section.mistaken_for)}</p>"
            if section.mistaken_for
            else ""
        )
        if section.withheld:
            self.parts.append(
                title + "".join(spots) + f"<p><b>{_e(section.withheld)}</b></p>" + mistaken
            )
            return
        press = []
        if section.pressure is not None:
            p = section.pressure
            # Beside a spot not to be pressed, which ones are meant must be plain.
            only = " the spots marked X" if any(not spot.press for spot in section.spots) else ""
            press.append(
                self.heading(3, f"How to press{only}")
                + f"<p>{_e(p.position)} <i>Use:</i> {_e(', '.join(p.tools))}.</p>"
                f"<p><b>How hard:</b> {_e(p.how_hard)}</p>"
                f"<p><b>Dose:</b> {_e(p.dose)}</p>"
            )
        elif section.not_for_self_pressure:
            spots_named = "these spots" if len(section.spots) > 1 else "this spot"
            press.append(
                self.heading(3, f"Do not press {spots_named} yourself")
                + f"<p>{_e(section.not_for_self_pressure)}</p>"
            )
        if section.cautions:
            _, caution, _ = self.keep()  # a heading in all but name: kept with its list
            press.append(
                f"<p>{caution}<b>Caution:</b></p><ul>"
                + "".join(f"<li>{_e(c)}</li>" for c in section.cautions)
                + "</ul>"
            )
        stretch = ""
        if section.stretch is not None:
            s = section.stretch
            steps = "".join(f"<li>{_e(step)}</li>" for step in s.steps)
            stretch = (
                self.heading(3, f"Stretch: {s.name}")
                + f"<ol>{steps}</ol><p><b>Dose:</b> {_e(s.dose)}</p>"
            )
        elif (same := section.stretch_as_in) is not None and (shared := same.stretch):
            stretch = (
                self.heading(3, f"Stretch: {shared.name}")
                + f"<p>The same stretch as for {_e(same.muscle_name)} (section {same.number}): "
                "it stretches both muscles.</p>"
            )
        if section.acupressure or section.acupressure_above:
            stretch += self.heading(3, "Acupressure points nearby") + "".join(
                self._acupressure_entry(a) for a in section.acupressure
            )
            if section.acupressure_above:
                named = ", ".join(f"{a.id} {a.name}" for a in section.acupressure_above)
                stretch += f"<p class='small'>Also {_e(named)}: described above.</p>"
        avoid = (
            f"<p class='small'><b>What keeps it going:</b> {_run_on(section.avoid)}</p>"
            if section.avoid
            else ""
        )
        left_html = "".join(spots) + "".join(press)
        figure, others = section_figures(self.sheet, section, self.artwork)
        figures = self.figure(figure, keep=keep) + "".join(
            self.figure(other, keep=keep) for other in others
        )
        figure_column = SPOT_FIGURE_WIDTH + 10
        gutter = 10.0
        # A point short of the page: Qt rounds the columns up, and the last would stick
        # out past the margin. Taken off before the columns are measured, so that each
        # is laid out at the width it was measured at.
        text_width = self.width - figure_column - gutter - 1.0
        least = (figure.height if figure else 0.0) + sum(other.height for other in others)
        below = avoid + mistaken
        # The two text columns are split where they come out the same height, and the
        # notes go under the stretch when that makes the section shorter than running
        # them across the page: measured, not guessed, this is what keeps a typical
        # sheet to two pages.
        left, right, height = self._balance(left_html, stretch, text_width)
        under = max(height, least) + self._height(below, self.width)
        left_b, right_b, beside = self._balance(left_html, stretch + below, text_width)
        notes_beside = bool(below) and max(beside, least) < under
        if notes_beside:
            left, right = left_b, right_b
        self.parts.append(
            title + "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{_px(figure_column)}'>{figures}</td>"
            f"<td width='{_px(left)}'>{left_html}</td>"
            f"<td width='{_px(gutter)}'></td>"
            f"<td width='{_px(right)}'>{stretch}{below if notes_beside else ''}</td>"
            "</tr></table>" + ("" if notes_beside else below)
        )

    def _fitting_table(self, table: Callable[[str], str]) -> str:
        """`table(width)` is a table's HTML for a width attribute; returns it at the width
        whose laid-out frame, rules and padding included, spans the page: Qt adds the
        rules and padding outside the width given, so 100% runs past the margin."""
        width, best = self.width, None
        for _ in range(4):
            html = table(_px(width))
            self._scratch.setHtml(html)
            self._scratch.setTextWidth(self.width)
            frames = self._scratch.rootFrame().childFrames()
            if not frames:
                return html
            # The frame's width is what shows, rules included (its left is not 0).
            span = self._scratch.documentLayout().frameBoundingRect(frames[0]).width()
            if span <= self.width + 0.01:
                best = html
                if span >= self.width - 0.5:
                    break
            width += self.width - span
        return best if best is not None else table(_px(width - 1.0))

    def _height(self, html: str, width: float) -> float:
        """How tall `html` comes out at `width` points, with the sheet's fonts and style."""
        if not html:
            return 0.0
        document = self._measuring.get(html)
        if document is None:
            if len(self._measuring) >= MEASURED_KEPT:
                self._measuring.clear()
            document = _new_document(self._device, self.density)
            # Without the marks of parts to keep, as the document will be laid out.
            document.setHtml(_KEEP_MARKS.sub("", html))
            self._measuring[html] = document
        document.setTextWidth(width)
        return float(document.size().height())

    def _balance(self, left: str, right: str, width: float) -> tuple[float, float, float]:
        """Split `width` between two columns so that they are about as tall; returns the
        two widths and the taller height."""
        low, high = width * 0.35, width * 0.68
        best = (width / 2, width / 2, math.inf)
        for _ in range(7):  # the left column shrinks as it widens: bisect the crossing
            middle = (low + high) / 2
            a, b = self._height(left, middle), self._height(right, width - middle)
            if max(a, b) < best[2]:
                best = (middle, width - middle, max(a, b))
            if a > b:
                low = middle
            else:
                high = middle
        return best

    def _doctor(self) -> str:
        """ "Stop and see a doctor if…": every red flag's signs, by how fast to act."""
        doc = self.sheet.doctor
        groups = "".join(
            f"<p class='small'><b>{_e(g.advice)}</b> {_run_on(g.signs)}</p>" for g in doc.groups
        )
        contact = f"<p><b>{_e(doc.contact)}</b></p>" if doc.contact else ""
        # The catalog's own line ("Stop self-treatment and see a doctor if...") heads the
        # box: a heading above it would say the same thing twice.
        return (
            f"<table width='100%' border='{_px(1.5)}' cellspacing='0' cellpadding='{_px(5)}' "
            f"style='border-collapse: collapse; border-style: solid; border-color: #000000; "
            f"margin-top: {_px(6)}px'>"
            f"<tr><td><p style='font-size:9.5pt'><b>{_e(doc.intro)}</b></p>{groups}{contact}"
            "</td></tr></table>"
        )

    def _log(self) -> None:
        """Two weeks across, one row for the pain and one per exercise: a fortnight fits
        in a few lines, and a week's ticks read along a row."""
        log = self.sheet.log
        if not log.days:  # a doctor is needed today or now: no diary (domain/sheet.py)
            return
        label_share = 100.0 * LOG_LABEL_WIDTH / self.width
        day_share = (100.0 - label_share) / len(log.days)
        head = f"<th width='{label_share:.2f}%'></th>" + "".join(
            f"<th width='{day_share:.2f}%' align='center'>{_e(weekday)}<br>{_e(date)}</th>"
            for weekday, date in (label.split(" ", 1) for label in log.day_labels)
        )
        blank = "<td></td>" * len(log.days)
        labels = ["Pain, 0\u201310", *log.exercises] if log.exercises else [
            "Pain, 0\u201310", "Anything new? A word"
        ]  # fmt: skip
        rows = "".join(
            f"<tr><td class='small'><b>{_e(label)}</b></td>{blank}</tr>" for label in labels
        )
        what = "write how much it hurts (0 = no pain, 10 = the worst you can imagine)"
        if log.exercises:
            what += ", and tick each exercise you did."
        elif self.sheet.self_treatment_withheld:
            what += ". Take it to the doctor."
        else:
            what += "."
        _, mark, end = self.keep(whole=True, section="Two-week log")
        table = self._fitting_table(
            lambda width: (
                f"<table width='{width}' border='1' cellspacing='0' "
                f"cellpadding='{_px(1.2)}' style='border-collapse: collapse; border-style: solid; "
                f"border-color: #000000'><tr>{head}</tr>{rows}</table>"
            )
        )
        self.parts.append(f"<h2>{mark}Two-week log</h2><p>Each day, {what}</p>{table}{end}")

    def _about(self) -> None:
        sheet = self.sheet
        sources = " ".join(_e(c.text) for c in sheet.citations)
        more = []
        if sheet.other_sources:
            others = (
                "1 more source"
                if sheet.other_sources == 1
                else f"{sheet.other_sources} more sources"
            )
            more.append(
                f"The sheet also draws on {others}; calfchart lists every source under each muscle."
            )
        if sheet.unverified:
            more.append("Some details are general clinical knowledge, not yet checked against "
                        "a source.")  # fmt: skip
        self.parts.append(
            self.heading(2, "About this sheet", section=True)
            + f"<p class='tiny'>{_e(sheet.evidence)}</p>"
            f"<p class='sources'><b>Main sources.</b> {sources} {_e(' '.join(more))}</p>"
        )


# -- the document and its pages ---------------------------------------------------------


def _new_document(device: QImage, density: Density) -> QTextDocument:
    """A text document laid out in points on `device`, in the sheet's fonts and style.

    The caller keeps `device` alive: the layout holds only a pointer to it.
    """
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    document.setDefaultFont(_font(BODY_PT))
    document.setDefaultStyleSheet(_style(density))
    return document


@dataclass
class _Placed:
    figure: Figure
    block: QTextBlock
    """The placeholder line."""
    keep: QTextBlock
    """The first block of what moves to the next page with the figure."""


@dataclass(frozen=True)
class _Keep:
    """A part of the text not to be split across pages."""

    start: QTextBlock
    end: QTextBlock | None
    """The part's last block; None for a heading, kept with the lines after it."""


@dataclass(frozen=True)
class _Cut:
    """A line of text that crosses a page edge: its block, and the line's top."""

    block: QTextBlock
    top: float


_Section = tuple[QTextBlock, str]
"""A section of the sheet: the block of its heading, and its title."""

_LaidOut = tuple[
    Density, QTextDocument, list[_Keep], list[QTextBlock], list[_Placed], list[_Section]
]
"""A layout at one density, as `SheetDocument` keeps it while it tries others."""


class SheetDocument:
    """The sheet's text laid out for one printable area, with its figures placed in it."""

    def __init__(self, sheet: TreatmentSheet, page: QSizeF, density: Density | None = None) -> None:
        """`page` is the printable area in points. Without a `density`: the usual one,
        unless the sheet then takes more than TYPICAL_PAGES; then the first tighter one
        that brings it to that, or else the one that takes the fewest pages. A sheet of
        TYPICAL_PAGES or fewer is then set tighter still if that saves a last page it
        would hardly use (see `_save_last_page`)."""
        self.sheet = sheet
        self.page = page
        self.body = QSizeF(page.width(), _on_layout_grid(page.height() - FOOTER_BAND))
        # One device for every density tried: a document's layout holds only a pointer
        # to it, and the device outlives them all.
        self._device = _layout_device()
        self._lay_out(density or DENSITIES[0])
        if density is not None:
            return
        fewest = (self.page_count, self._laid_out())
        for tighter in DENSITIES[1:]:
            if fewest[0] <= TYPICAL_PAGES:
                break
            self._lay_out(tighter)
            if self.page_count < fewest[0]:
                fewest = (self.page_count, self._laid_out())
        # The fewest pages' layout is kept, not made again.
        self._take(fewest[1])
        # A longer sheet has been tried at every density: none saves it a page.
        if self.page_count <= TYPICAL_PAGES:
            self._save_last_page()

    def _save_last_page(self) -> None:
        """Set the sheet at the first tighter density that takes a page fewer, when its
        last page would hold under SHORT_LAST_PAGE of a page: a page of a few lines
        wastes paper and, loose, may be taken for a sheet of its own. A page saved is
        worth the white; a fuller last page alone is not.

        The tightest is tried first: when it saves nothing, a looser one will hardly (all
        its measures are smaller), and a sheet that cannot be saved, such as a one-muscle
        sheet whose "About this sheet" alone goes over, costs one layout more, not three.
        """
        tighter = DENSITIES[DENSITIES.index(self.density) + 1 :]
        if not tighter or not self._last_page_short():
            return
        kept = (self.page_count, self._laid_out())
        self._lay_out(tighter[-1])
        if self.page_count >= kept[0]:
            self._take(kept[1])
            return
        tightest = self._laid_out()
        for density in tighter[:-1]:
            self._lay_out(density)
            if self.page_count < kept[0]:
                return
        self._take(tightest)

    def _figures_at(self) -> dict[int, _Placed]:
        """The figures, by the number of the block that holds each one's place."""
        return {placed.block.blockNumber(): placed for placed in self._placed}

    def _laid_out(self) -> _LaidOut:
        return (
            self.density,
            self.document,
            self._keeps,
            self._headings,
            self._placed,
            self._sections,
        )

    def _take(self, laid_out: _LaidOut) -> None:
        """Make a layout kept by `_laid_out` the sheet's again."""
        (
            self.density,
            self.document,
            self._keeps,
            self._headings,
            self._placed,
            self._sections,
        ) = laid_out

    def _last_page_short(self) -> bool:
        """Whether the text on the last page ends within SHORT_LAST_PAGE of its top."""
        if self.page_count < 2:
            return False
        figures = self._figures_at()
        block = self.document.lastBlock()
        while block.isValid():
            spans = self.line_spans(block)
            if spans and (block.text().strip() or block.blockNumber() in figures):
                used = spans[-1][1] - (self.page_count - 1) * self.body.height()
                return used < SHORT_LAST_PAGE * self.body.height()
            block = block.previous()
        return False

    def _lay_out(self, density: Density) -> None:
        self.density = density
        self.document = _new_document(self._device, density)
        sheet = self.sheet
        self.document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, sheet.title)
        writer = _SheetHtml(sheet, self.page.width(), density)
        self.document.setHtml(writer.html())
        self._keeps = [
            _Keep(self._take_mark(_START, n), self._take_mark(_END, n) if whole else None)
            for n, whole in enumerate(writer.keeps)
        ]
        self._sections = [(self._keeps[n].start, title) for n, title in writer.sections]
        # Every heading, marked or not ("Where it hurts" is a plain <h2>), and "Caution:".
        self._headings = [keep.start for keep in self._keeps if keep.end is None]
        marked = {block.blockNumber() for block in self._headings}
        block = self.document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.blockNumber() not in marked:
                self._headings.append(block)
            block = block.next()
        # Top margins `_move_down` widened, as they were: a block that follows a moved
        # part onto its new page needs its own margin again (see `_start_page`).
        self._margins: dict[int, float] = {}
        # Figures before the page size: setting the page size lays the whole document
        # out afresh with the figures' heights in it.
        self._placed = [
            self._place(n, figure, None if keep is None else self._keeps[keep].start)
            for n, (figure, keep) in enumerate(writer.figures)
        ]
        self.document.setPageSize(self.body)
        self._paginate()

    def _take_mark(self, mark: str, number: int) -> QTextBlock:
        """Remove a mark from the text; returns the block it was in."""
        cursor = self.document.find(f"{mark}{number}{mark}")
        if cursor.isNull():
            raise RuntimeError(f"mark {number} lost its place in the sheet")
        cursor.removeSelectedText()
        return cursor.block()

    def _place(self, number: int, figure: Figure, keep: QTextBlock | None) -> _Placed:
        block = self._take_mark(_MARKER, number)
        self._set_line_height(block, figure.height)
        # One invisible character: an empty line in a table cell can collapse.
        QTextCursor(block).insertText("\u00a0")
        return _Placed(figure, block, block if keep is None else keep)

    def _set_line_height(self, block: QTextBlock, points: float) -> None:
        """Make a placeholder line `points` high: the room its figure takes."""
        cursor = QTextCursor(block)
        block_format = cursor.blockFormat()
        block_format.setLineHeight(
            points / _points_per_html_pixel(),
            QTextBlockFormat.LineHeightTypes.FixedHeight.value,
        )
        cursor.setBlockFormat(block_format)

    # -- pagination -------------------------------------------------------------------------
    def _page_of(self, y: float) -> int:
        return int(y // self.body.height())

    def _page_foot(self, y: float) -> float:
        """Where the page holding `y` ends, on the long strip of pages."""
        return (self._page_of(y) + 1) * self.body.height()

    def _splits(self) -> list[QTextBlock | _Placed | _Cut]:
        """What the page breaks split, in text order: a figure that can end the page
        drawn shorter, the first block of a part to move to the next page, or a line
        of text cut by a page edge.

        Qt pushes a tall line to the next page in most places, but not always as the
        first line of a table cell, nor always the first line after a table (see
        `_cut_lines`), and it knows nothing of headings or of parts to keep whole: this
        checks all of them on the finished layout.
        """
        layout = self.document.documentLayout()
        height = self.body.height()
        split: list[tuple[int, QTextBlock | _Placed | _Cut]] = []
        for placed in self._placed:
            r = self.figure_rect(placed)
            if r.height() < height and self._crosses(r.top(), r.bottom() - 0.01):
                room = self._page_foot(r.top()) - r.top() - 1
                least = placed.figure.least_height
                if least is not None and least <= room < placed.figure.height:
                    split.append((placed.block.position(), placed))
                elif not _breaks_before(placed.keep):
                    split.append((placed.keep.position(), placed.keep))
        for keep in self._keeps:
            top = layout.blockBoundingRect(keep.start)
            if keep.end is None:
                bottom = self._heading_reach(keep.start)
            else:
                bottom = layout.blockBoundingRect(keep.end).bottom()
            if (
                bottom - top.top() < height
                and self._crosses(top.top(), bottom)
                and not _breaks_before(keep.start)
            ):
                split.append((keep.start.position(), keep.start))
        # A heading whose text went on to a later page by some other move (its text a
        # part moved whole, or a heading moved in its turn) follows it there.
        figures = self._figures_at()
        for heading in self._headings:
            if not _breaks_before(heading) and self._left_alone(heading, figures):
                split.append((heading.position(), heading))
        split += [(cut.block.position(), cut) for cut in self._cut_lines()]
        return [part for _, part in sorted(split, key=lambda item: item[0])]

    def _left_alone(self, heading: QTextBlock, figures: dict[int, _Placed]) -> bool:
        """Whether the text after `heading` (its next block of text or figure, in a
        table or not) starts on a later page than the heading ends."""
        lines = self.line_spans(heading)
        text = heading.next()
        while lines and text.isValid():
            placed = figures.get(text.blockNumber())
            spans = self.line_spans(text) if text.text().strip() else []
            if placed is not None or spans:
                # A placeholder's one line sits at the foot of its figure's height.
                start = spans[0][0] if placed is None else self.figure_rect(placed).top()
                return self._page_of(start) > self._page_of(lines[-1][0])
            text = text.next()
        return False

    def _heading_reach(self, heading: QTextBlock) -> float:
        """How far down the heading's page must go to hold the heading with the start of
        its text: in a table cell, a column of a section, its first LINES_AFTER_HEADING
        lines (or all the cell has left); elsewhere MIN_AFTER_HEADING points more."""
        layout = self.document.documentLayout()
        reach = layout.blockBoundingRect(heading).bottom()
        if QTextCursor(heading).currentTable() is None:
            return reach + MIN_AFTER_HEADING
        wanted, block = LINES_AFTER_HEADING, heading
        while wanted and _same_flow(block, block.next()):
            block = block.next()
            spans = self.line_spans(block)[:wanted]
            if spans:
                reach = spans[-1][1]
            wanted -= len(spans)
        return reach

    def line_spans(self, block: QTextBlock) -> list[tuple[float, float]]:
        """Where each line of `block` starts and ends on the long strip of pages."""
        return line_spans(self.document.documentLayout(), block)

    def _cut_lines(self) -> list[_Cut]:
        """Where to cut each block of text at a page edge: at its first line that
        crosses the edge; or, where the edge leaves a line alone on either side of it
        (a stray line at a page's foot or top), so that WIDOW_LINES or more go to each
        page, or else the whole paragraph to the next.

        Qt leaves one straddling the edge when the empty block it keeps after every
        table (and hides in the table's edge) reaches over a page's foot: its count of
        pages is then one ahead, so the next paragraph is not pushed, and a page break
        put on that paragraph would skip a whole page. Figures' placeholders are the
        figures' business; an empty block has nothing to cut.
        """
        figures = self._figures_at()
        cuts = []
        block = self.document.begin()
        while block.isValid():
            if block.blockNumber() not in figures and block.text().strip():
                cut = self._cut(self.line_spans(block))
                if cut is not None:
                    cuts.append(_Cut(block, cut))
            block = block.next()
        return cuts

    def _cut(self, spans: list[tuple[float, float]]) -> float | None:
        """The top of the line of a block (its lines' `spans`) that should start the
        next page, if any: see `_cut_lines`."""
        for top, bottom in spans:
            if self._crosses(top, bottom):
                return top
        pages = [self._page_of(top) for top, _ in spans]
        before = pages.count(pages[0]) if pages else 0
        if before == len(pages):
            return None
        if before < WIDOW_LINES or len(pages) < 2 * WIDOW_LINES:
            return spans[0][0]
        if len(pages) - before < WIDOW_LINES:
            return spans[len(pages) - WIDOW_LINES][0]
        return None

    def _crosses(self, top: float, bottom: float) -> bool:
        """Whether top..bottom reaches past the foot of the page it starts on. Exact:
        the page height is on Qt's grid (see `_on_layout_grid`)."""
        return bottom > self._page_foot(top)

    def _paginate(self) -> None:
        """Move each split part to the next page, first to last: each move shifts what
        follows, so the layout is checked again after every one."""
        # Each move settles one part for good; a move may bring a later one to an edge.
        for _ in range(self.document.blockCount() + len(self._placed)):
            split = self._splits()
            if not split:
                return
            first = split[0]
            if isinstance(first, _Placed):
                rect = self.figure_rect(first)
                room = self._page_foot(rect.top()) - rect.top() - 1
                first.figure = replace(first.figure, height=room, least_height=None)
                self._set_line_height(first.block, room)
            elif isinstance(first, _Cut):
                self._move_down(first.block, self._page_foot(first.top) - first.top)
            else:
                self._start_page(first)
            # A changed block relays out only its own cell; lay the whole text out again.
            self.document.markContentsDirty(0, self.document.characterCount())

    def _start_page(self, block: QTextBlock) -> None:
        """Start a new page at `block`, and let the text after it follow it there.

        That text may have been moved to the next page already (a heading's section, a
        line pushed down by `_move_down`): its page break would now leave `block` alone
        on a page of its own, and its wider margin a gap under it.
        """
        _break_before(block)
        figures = self._figures_at()
        after = block.next()
        while after.isValid():
            cursor = QTextCursor(after)
            block_format = cursor.blockFormat()
            if _breaks_before(after) or after.blockNumber() in self._margins:
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
                block_format.setTopMargin(
                    self._margins.pop(after.blockNumber(), block_format.topMargin())
                )
                cursor.setBlockFormat(block_format)
            if after.text().strip() or after.blockNumber() in figures:
                return
            after = after.next()

    def _move_down(self, block: QTextBlock, points: float) -> None:
        """Move `block` `points` down, so that its cut line starts the next page and
        the lines above it stay at the foot of this one.

        A wider top margin moves it by exactly that, whatever Qt believes the page to
        be; but Qt gives a top margin only to a block that follows another in the same
        run of text, so the first block of a table cell goes to the next page whole.
        """
        before = block.previous()
        if not _same_flow(before, block):
            _break_before(block)
            return
        cursor = QTextCursor(block)
        block_format = cursor.blockFormat()
        # Between two blocks Qt puts the larger of the two margins, not their sum.
        gap = max(block_format.topMargin(), before.blockFormat().bottomMargin())
        self._margins.setdefault(block.blockNumber(), block_format.topMargin())
        block_format.setTopMargin(gap + points / _points_per_html_pixel())
        cursor.setBlockFormat(block_format)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def figure_rect(self, placed: _Placed) -> QRectF:
        block = self.document.documentLayout().blockBoundingRect(placed.block)
        left = block.left()
        if placed.block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter:
            left += max(0.0, (block.width() - placed.figure.width) / 2)
        return QRectF(left, block.top(), placed.figure.width, placed.figure.height)

    def paint_page(self, painter: QPainter, index: int, top_margin: float = 0.0) -> None:
        """Page `index` (from 0), in points, with the origin at the printable area;
        `top_margin` is the page's margin above it."""
        # First, so that the PDF's text reads it first too.
        continued = self.continued_section(index)
        if continued is not None and top_margin >= RUNNING_HEAD_MARGIN:
            self._paint_running_head(painter, continued, index)
        height = self.body.height()
        top = index * height
        clip = QRectF(0, top, self.body.width(), height)
        painter.save()
        painter.translate(0, -top)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        # Qt draws every line that so much as touches the rectangle it is given: a line
        # ending at this page's top or starting at its foot, on the page before or after,
        # would be drawn here too (cut to nothing, but in the PDF's text all the same).
        context.clip = clip.adjusted(0, EDGE_HAIR, 0, -EDGE_HAIR)
        # Of a block begun on an earlier page, Qt also draws the last line above the
        # rectangle (QTextLayout::draw starts one line early): cut away on paper, but
        # copied, searched and read aloud from the PDF as if it were on this page too.
        # Such blocks are hidden from Qt's pass and their lines here drawn one by one.
        carried = self._carried_over(clip)
        for block in carried:
            block.setVisible(False)
        try:
            self.document.documentLayout().draw(painter, context)
        finally:
            for block in carried:
                block.setVisible(True)
        for block in carried:
            self._draw_lines(painter, block, clip, context)
        for placed in self._placed:
            rect = self.figure_rect(placed)
            if top <= rect.top() < top + height:
                placed.figure.paint(painter, rect)
        painter.restore()
        self._paint_footer(painter, index)

    def continued_section(self, index: int) -> str | None:
        """The title of the section that page `index` (from 0) goes on with, if the page
        does not start with a section of its own."""
        if index == 0:
            return None
        top = index * self.body.height()
        figures = self._figures_at()
        block = self.document.begin()
        while block.isValid():
            placed = figures.get(block.blockNumber())
            if placed is not None:
                on_page = self.figure_rect(placed).bottom() > top + EDGE_HAIR
            else:
                on_page = bool(block.text().strip()) and any(
                    bottom > top + EDGE_HAIR for _, bottom in self.line_spans(block)
                )
            if on_page:
                break
            block = block.next()
        if not block.isValid():
            return None
        # The section whose heading comes last before the page's first text, unless that
        # text is the heading itself.
        title = None
        for heading, name in self._sections:
            if heading.blockNumber() > block.blockNumber():
                break
            title = None if heading.blockNumber() == block.blockNumber() else name
        return title

    def _paint_running_head(self, painter: QPainter, title: str, index: int) -> None:
        band = QRectF(0, -RUNNING_HEAD_RISE, self.page.width(), RUNNING_HEAD_RISE - 2)
        metrics = _metrics(FOOTER_PT, bold=True)
        text = metrics.elidedText(
            f"{title}, continued from page {index}", Qt.TextElideMode.ElideRight, band.width()
        )
        painter.save()
        painter.setFont(_figure_font(painter, FOOTER_PT, bold=True))
        painter.setPen(GREY)
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        painter.restore()

    def _carried_over(self, page: QRectF) -> list[QTextBlock]:
        """The blocks of text begun on a page above `page` that go on into it."""
        carried = []
        block = self.document.begin()
        while block.isValid():
            spans = self.line_spans(block)
            if spans and spans[0][0] < page.top() - EDGE_HAIR < page.top() < spans[-1][1]:
                carried.append(block)
            block = block.next()
        return carried

    def _draw_lines(
        self,
        painter: QPainter,
        block: QTextBlock,
        page: QRectF,
        context: QAbstractTextDocumentLayout.PaintContext,
    ) -> None:
        """The lines of `block` that lie on `page`, drawn as Qt would draw them."""
        # Only the lines: no block of the sheet has a background or a border of its own.
        painter.setPen(context.palette.color(QPalette.ColorRole.Text))
        origin = self.document.documentLayout().blockBoundingRect(block).topLeft()
        lines = block.layout()
        for n, (top, bottom) in enumerate(self.line_spans(block)):
            if page.top() <= (top + bottom) / 2 < page.bottom():
                lines.lineAt(n).draw(painter, origin)

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        sheet = self.sheet
        band = QRectF(0, self.page.height() - FOOTER_BAND + 4, self.page.width(), FOOTER_BAND - 4)
        page = f"page {index + 1} of {self.page_count}"
        metrics = _metrics(FOOTER_PT)  # in points, as the painter draws
        head, tail = f"{sheet.title}: ", f"{sheet.side.value} leg, {sheet.date_text}"
        # A long name would run into the page number: the name gives way, with an
        # ellipsis; the leg and the date, which say whose sheet this is, stay whole.
        room = band.width() - metrics.horizontalAdvance(page + head + ", " + tail) - FOOTER_GAP
        who = metrics.elidedText(sheet.name, Qt.TextElideMode.ElideRight, max(room, 0.0))
        left = f"{head}{who}, {tail}" if who else head + tail
        painter.save()
        painter.setPen(QPen(RULE, 0.5))
        painter.drawLine(band.topLeft(), band.topRight())
        painter.setFont(_figure_font(painter, FOOTER_PT))
        painter.setPen(GREY)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | bottom, left)
        painter.drawText(band, Qt.AlignmentFlag.AlignRight | bottom, page)
        painter.restore()


def _on_layout_grid(points: float) -> float:
    """`points` rounded down to a length Qt's layout holds exactly.

    Qt keeps text positions in 64ths of a point. A page height between two of them is
    rounded, and Qt's page edges then drift from the ones `paint_page` clips at, by a
    hundredth of a point a page: a line Qt starts at its page's top begins on our page
    before, and is painted (cut to nothing, but still in the PDF's text) on both.
    """
    return math.floor(points * LAYOUT_GRID) / LAYOUT_GRID


def _breaks_before(block: QTextBlock) -> bool:
    policy = block.blockFormat().pageBreakPolicy()
    return bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _break_before(block: QTextBlock) -> None:
    """Start a new page at `block`."""
    cursor = QTextCursor(block)
    block_format = cursor.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(block_format)


def _same_flow(before: QTextBlock, block: QTextBlock) -> bool:
    """Whether `before` comes right before `block` in one run of text: the body of the
    page, or one table cell (a table between them, or a cell's edge, breaks the run)."""
    if not (before.isValid() and block.isValid()):
        return False
    here, there = QTextCursor(block), QTextCursor(before)
    if here.currentFrame() != there.currentFrame():
        return False
    table = here.currentTable()
    return table is None or table.cellAt(here) == table.cellAt(there)


def printable_points(device: QPagedPaintDevice) -> QSizeF:
    """The printable area of the device's page, in points."""
    return device.pageLayout().paintRect(QPageLayout.Unit.Point).size()


def paint_sheet(device: QPagedPaintDevice, sheet: TreatmentSheet) -> int:
    """Paint the sheet onto a PDF writer or a printer; returns the number of pages.

    The device's page size and margins are used as they are (export_pdf and the print
    dialog set them). The painter works in points, scaled by the device's resolution.
    """
    layout = SheetDocument(sheet, printable_points(device))
    top_margin = device.pageLayout().margins(QPageLayout.Unit.Point).top()
    pages = layout.page_count
    with QPainter(device) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(device.logicalDpiX() / 72.0, device.logicalDpiY() / 72.0)
        for index in range(pages):
            if index and not device.newPage():
                raise OSError("the printer or PDF writer refused to start a new page")
            layout.paint_page(painter, index, top_margin)
    return pages
