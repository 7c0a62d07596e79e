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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from html import escape

from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, QSizeF, Qt
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
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

from calfchart.domain.sheet import (
    DrawingPanel,
    MuscleSection,
    PainMark,
    SpotMark,
    TreatmentSheet,
)
from calfchart.domain.zones import Side
from calfchart.qt.chart_paint import (
    ChartPalette,
    artwork_css,
    hatch_path,
    intensity_color,
    label_point,
    x_marker_path,
)
from calfchart.qt.drawing import Drawing, load_drawing, mirrored, svg_with_style

# -- measures, in points -----------------------------------------------------------------

PAGE_MARGINS_MM = QMarginsF(13, 11, 13, 10)
"""The margins export_pdf and print_sheet give the page."""
BODY_PT = 8.0
SMALL_PT = 6.8
TINY_PT = 6.2
FOOTER_PT = 7.0
FOOTER_BAND = 15.0
"""Room kept under the text on every page for the running footer."""
PAIN_FIGURE_HEIGHT = 185.0
PAIN_MARK_SIZE = 8.5
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
MIN_AFTER_HEADING = 40.0
"""A heading closer than this to the foot of a page moves to the next one."""
MARK_CLEARANCE = 12.0
"""A zone's number keeps this far from a trigger-point mark, where the zone has room."""

_FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size)
    font.setBold(bold)
    # Unhinted metrics are the same at 72 dpi and at 1200: the layout does not drift.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


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
    """The print-styled SVG renderers, one per view, for one sheet."""

    def __init__(self) -> None:
        self._renderers: dict[str, QSvgRenderer] = {}

    def draw(
        self, painter: QPainter, drawing: Drawing, transform: QTransform, clip: QRectF
    ) -> None:
        renderer = self._renderers.get(drawing.view)
        if renderer is None:
            data = svg_with_style(drawing.svg, artwork_css(ChartPalette.PRINT))
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[drawing.view] = renderer
        painter.save()
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        painter.setTransform(transform, True)
        renderer.render(painter, QRectF(QPointF(0, 0), drawing.size))
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


def _badge(painter: QPainter, centre: QPointF, text: str, size: float) -> None:
    """A number in a white rounded box with a black edge: readable over any shading."""
    font = _figure_font(painter, size, bold=True)
    advance = QFontMetricsF(font, painter.device()).horizontalAdvance(text)
    box = QRectF(0, 0, max(advance + size * 0.6, size * 1.25), size * 1.3)
    box.moveCenter(centre)
    painter.save()
    painter.setPen(QPen(INK, 0.5))
    painter.setBrush(PAPER)
    painter.drawRoundedRect(box, size * 0.3, size * 0.3)
    painter.setFont(font)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _press_mark(painter: QPainter, centre: QPointF, size: float) -> None:
    """The X that says "press here": black, with a white halo over the shading."""
    path = x_marker_path(centre, size)
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


def _no_press_mark(painter: QPainter, centre: QPointF, size: float) -> None:
    """A crossed circle: "the trigger point is here, but do not press it yourself"."""
    radius = size / 2
    slash = QPointF(radius, -radius) * math.sqrt(0.5)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour, width in ((PAPER, size * 0.34), (INK, size * 0.14)):
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawEllipse(centre, radius, radius)
        painter.drawLine(centre - slash, centre + slash)
    painter.restore()


def _number_offset(size: float) -> QPointF:
    """Where a mark's number sits, from the mark's centre: up and to the right."""
    return QPointF(size * 1.0, -size * 0.7)


def _spot_mark(painter: QPainter, centre: QPointF, mark: SpotMark, size: float) -> None:
    if mark.press:
        _press_mark(painter, centre, size)
    else:
        _no_press_mark(painter, centre, size)
    _badge(painter, centre + _number_offset(size), str(mark.number), size * 0.62)


def _shade_zone(
    painter: QPainter,
    drawing: Drawing,
    transform: QTransform,
    mark: PainMark,
    avoid: Sequence[QPointF],
) -> QPointF | None:
    """Shade one painful zone; returns where its number goes, on the page, away from
    the trigger-point marks in `avoid` where the zone leaves room."""
    path = drawing.zones.get(mark.zone_id)
    if path is None:
        return None
    shape = transform.map(path)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    if mark.intensity > 0:
        painter.setBrush(intensity_color(mark.intensity, ChartPalette.PRINT))
        painter.drawPath(shape)
    else:
        # Marked but not hurting now: hatched, so it reads apart from pain in grey too.
        painter.setBrush(GREY)
        painter.drawPath(hatch_path(shape, 45.0, 2.5, 0.45))
    painter.setPen(QPen(_ZONE_EDGE, 0.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape)
    painter.restore()
    return _label_spot(shape, avoid)


def _label_spot(shape: QPainterPath, avoid: Sequence[QPointF]) -> QPointF:
    """Where a zone's number goes: its usual label point, or, when a trigger-point mark
    or the mark's number sits there, the point of the zone furthest from them."""
    blocked = [p for c in avoid for p in (c, c + _number_offset(PAIN_MARK_SIZE))]

    def clearance(point: QPointF) -> float:
        return min((math.dist(point.toTuple(), b.toTuple()) for b in blocked), default=math.inf)

    usual = label_point(shape)
    if clearance(usual) >= MARK_CLEARANCE:
        return usual
    bounds = shape.boundingRect()
    best, best_room = usual, clearance(usual)
    steps = 14
    for i in range(1, steps):
        for j in range(1, steps):
            point = QPointF(
                bounds.left() + bounds.width() * i / steps,
                bounds.top() + bounds.height() * j / steps,
            )
            badge = QRectF(point.x() - 4, point.y() - 4, 8, 8)
            room = clearance(point)
            if room > best_room and shape.contains(badge):
                best, best_room = point, room
    return best


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


def pain_figure(sheet: TreatmentSheet, width: float, artwork: _Artwork) -> Figure | None:
    """The views with the painful zones side by side, at one scale, each cropped to the
    part of the leg that matters (with enough around it to see where it is)."""
    panels = [(p, load_drawing(p.view.value)) for p in sheet.drawings]
    if not panels:
        return None
    crops = [_panel_crop(d, p) for p, d in panels]
    caption, gap = 12.0, 16.0
    gaps = gap * (len(crops) - 1)
    scale = (PAIN_FIGURE_HEIGHT - caption) / max(c.height() for c in crops)
    natural = sum(c.width() for c in crops) * scale
    if natural + gaps > width:
        scale *= (width - gaps) / natural
    widths = [c.width() * scale for c in crops]
    height = max(c.height() for c in crops) * scale + caption
    side = sheet.side

    def paint(painter: QPainter, rect: QRectF) -> None:
        x = rect.left()
        for (panel, drawing), crop, w in zip(panels, crops, widths, strict=True):
            box = QRectF(x, rect.top(), w, crop.height() * scale)
            transform = _leg_transform(drawing, crop, box, side)
            artwork.draw(painter, drawing, transform, box)
            painter.save()
            painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
            spots = [
                (mark, transform.map(drawing.anchors[f"trp-{mark.trigger_point_id}"]))
                for mark in panel.marks
                if f"trp-{mark.trigger_point_id}" in drawing.anchors
            ]
            centres = [c for _, c in spots]
            labels = [
                (where, str(mark.intensity))
                for mark in panel.pain
                if (where := _shade_zone(painter, drawing, transform, mark, centres)) is not None
            ]
            for where, text in labels:
                _badge(painter, where, text, 7.5)
            for mark, centre in spots:
                _spot_mark(painter, centre, mark, PAIN_MARK_SIZE)
            painter.restore()
            under = QRectF(x - gap / 2, rect.bottom() - caption, w + gap, caption)
            _caption(painter, under, f"{panel.view.label}, {side.value} leg", SMALL_PT, INK)
            x += w + gap

    return Figure(sum(widths) + gaps, height, paint)


def spot_figure(sheet: TreatmentSheet, section: MuscleSection, artwork: _Artwork) -> Figure | None:
    """Where to press: the muscle's chosen spots on one view, the muscle outlined."""
    if section.figure_view is None:
        return None
    candidates = [section.figure_view, *(v for s in section.spots for v in s.views)]
    for view in dict.fromkeys(candidates):
        drawing = load_drawing(view.value)
        anchors = [
            (spot, drawing.anchors[f"trp-{spot.trigger_point_id}"])
            for spot in section.spots
            if f"trp-{spot.trigger_point_id}" in drawing.anchors
        ]
        if anchors:
            break
    else:
        return None
    ys = [a.y() for _, a in anchors]
    crop = _band(drawing, min(ys), max(ys), 0.26)
    caption = 10.0
    art_height = min(SPOT_FIGURE_MAX_HEIGHT, SPOT_FIGURE_WIDTH * crop.height() / crop.width())
    side = sheet.side
    muscle = drawing.muscles.get(section.muscle_id)
    deep = section.muscle_id in drawing.deep_muscles
    label = f"{view.label}, {side.value} leg"

    def paint(painter: QPainter, rect: QRectF) -> None:
        box = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - caption)
        transform = _leg_transform(drawing, crop, box, side)
        artwork.draw(painter, drawing, transform, box)
        painter.save()
        painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
        if muscle is not None:
            style = Qt.PenStyle.DashLine if deep else Qt.PenStyle.SolidLine
            painter.setPen(QPen(_MUSCLE_EDGE, 0.6, style))
            painter.setBrush(_MUSCLE_FILL)
            painter.drawPath(transform.map(muscle))
        for spot, anchor in anchors:
            mark = SpotMark(spot.trigger_point_id, spot.number, spot.press)
            _spot_mark(painter, transform.map(anchor), mark, 9.5)
        painter.restore()
        under = QRectF(rect.left() - 8, rect.bottom() - caption, rect.width() + 16, caption)
        _caption(painter, under, label, SMALL_PT - 0.8, GREY)

    least = min(art_height, SPOT_FIGURE_LEAST_HEIGHT) + caption
    return Figure(SPOT_FIGURE_WIDTH, art_height + caption, paint, least)


def _symbol(kind: str) -> Figure:
    """The little pictures of the legend, drawn like the marks they explain."""
    size = LEGEND_SYMBOL

    def paint(painter: QPainter, rect: QRectF) -> None:
        centre = rect.center()
        if kind == "press":
            _press_mark(painter, centre, size * 0.72)
            return
        if kind == "no-press":
            _no_press_mark(painter, centre, size * 0.72)
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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _run_on(items: Sequence[str]) -> str:
    """Items run on in one paragraph, each after a bullet: compact, still easy to scan."""
    return " ".join(f"\u2022\u00a0{_e(_full_stop(i))}" for i in items)


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _style() -> str:
    return f"""
body {{ color: #000000; }}
h1 {{ font-size: 15pt; margin-top: 0px; margin-bottom: {_px(1)}px; }}
h2 {{ font-size: 11.5pt; margin-top: {_px(7)}px; margin-bottom: {_px(2.5)}px; }}
h3 {{ font-size: {BODY_PT + 0.4}pt; margin-top: {_px(2.5)}px; margin-bottom: {_px(1)}px; }}
p {{ margin-top: 0px; margin-bottom: {_px(2.5)}px; }}
ol, ul {{ margin-top: 0px; margin-bottom: {_px(2)}px; margin-left: 0px;
          -qt-list-indent: 1; }}
li {{ margin-bottom: {_px(0.5)}px; }}
td {{ vertical-align: top; }}
th {{ font-size: {TINY_PT}pt; text-align: left; vertical-align: bottom; }}
.small {{ font-size: {SMALL_PT}pt; }}
.tiny {{ font-size: {TINY_PT}pt; }}
.muted {{ color: #3a3a3a; }}
"""


class _SheetHtml:
    """Writes the sheet as HTML and collects the figures placed in it."""

    def __init__(self, sheet: TreatmentSheet, width: float) -> None:
        self.sheet = sheet
        self.width = width
        self.figures: list[tuple[Figure, int | None]] = []
        self.keeps: list[bool] = []
        self.artwork = _Artwork()
        self._device = _layout_device()
        self._scratch = _new_document(self._device)
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

    def keep(self, whole: bool = False) -> tuple[int, str, str]:
        """A part not to be split: its number, the mark for its first paragraph, and
        the closing paragraph when it must be kept `whole` (else it ends after its
        heading's first lines)."""
        self.keeps.append(whole)
        number = len(self.keeps) - 1
        end = f"<p style='margin:0px; font-size:1pt'>{_END}{number}{_END}</p>" if whole else ""
        return number, f"{_START}{number}{_START}", end

    def heading(self, level: int, text: str, style: str = "") -> str:
        """A heading that is never left alone at the foot of a page."""
        _, mark, _ = self.keep()
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
            self.parts.append(self.heading(2, heading))
            for section in sheet.sections:
                self._section(section)
        self._log()
        self._about()
        return f"<html><body>{''.join(self.parts)}</body></html>"

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
        self.parts.append(
            f"<table width='100%' border='{_px(2.5)}' cellspacing='0' cellpadding='{_px(6)}' "
            "style='border-collapse: collapse; border-style: solid; border-color: #000000'>"
            "<tr><td><table width='100%' cellspacing='0' cellpadding='0'>"
            f"<tr><td width='{_px(48)}'>{sign}</td><td>"
            + "".join(rows)
            + "<p style='margin:0px'><b>Do not massage, press or stretch the leg.</b> This "
            "sheet leaves out all self-treatment until a doctor has checked the warning.</p>"
            "</td></tr></table></td></tr></table>"
        )

    def _header(self) -> None:
        sheet = self.sheet
        details = [
            f"<b>Name:</b> {_e(sheet.name)}" if sheet.name else "<b>Name:</b> ____________________",
            f"<b>Date:</b> {_e(sheet.date_text)}",
            f"<b>Leg:</b> {sheet.side.value}",
        ]
        if sheet.prepared_by:
            details.append(f"<b>Prepared by:</b> {_e(sheet.prepared_by)}")
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
        figure = pain_figure(sheet, self.width * PAIN_FIGURE_SHARE, self.artwork)
        listing = "<br>".join(
            f"{_e(_capital(p.name))}: <b>{p.intensity}</b>/10" for p in sheet.pain
        )
        legend = [(_symbol("pain"), "Where it hurts: darker is worse; the number says how "
                   "much, from 0 to 10.")]  # fmt: skip
        if any(p.intensity == 0 for p in sheet.pain):
            legend.append((_symbol("no-pain"), "Marked, but not hurting now (0)."))
        marks = [m for panel in sheet.drawings for m in panel.marks]
        if any(m.press for m in marks):
            legend.append((_symbol("press"), "A trigger point to press; the number is its "
                           "number in the text."))  # fmt: skip
        if any(not m.press for m in marks):
            legend.append((_symbol("no-press"), "A trigger point you must not press yourself."))
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
                spots.append(f"<p><b>Find it:</b> {_e(spot.landmark)}</p>")
        keep, mark, _ = self.keep()
        name = _e(f"{section.number}. {section.muscle_name}")
        title = f"<h3 style='font-size:11pt'>{mark}{name}</h3>"
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
            press.append(
                "<h3>How to press</h3>"
                f"<p>{_e(p.position)} <i>Use:</i> {_e(', '.join(p.tools))}.</p>"
                f"<p><b>How hard:</b> {_e(p.how_hard)}</p>"
                f"<p><b>Dose:</b> {_e(p.dose)}</p>"
            )
        elif section.not_for_self_pressure:
            press.append(
                "<h3>Do not press this spot yourself</h3>"
                f"<p>{_e(section.not_for_self_pressure)}</p>"
            )
        if section.cautions:
            press.append(
                "<p><b>Caution:</b></p><ul>"
                + "".join(f"<li>{_e(c)}</li>" for c in section.cautions)
                + "</ul>"
            )
        stretch = ""
        if section.stretch is not None:
            s = section.stretch
            steps = "".join(f"<li>{_e(step)}</li>" for step in s.steps)
            stretch = (
                f"<h3>Stretch: {_e(s.name)}</h3><ol>{steps}</ol><p><b>Dose:</b> {_e(s.dose)}</p>"
            )
        elif (same := section.stretch_as_in) is not None and (shared := same.stretch):
            stretch = (
                f"<h3>Stretch: {_e(shared.name)}</h3>"
                f"<p>The same stretch as for {_e(same.muscle_name)} (section {same.number}): "
                "it stretches both muscles.</p>"
            )
        if section.acupressure or section.acupressure_above:
            stretch += "<h3>Acupressure points nearby</h3>" + "".join(
                f"<p class='small'><b>{_e(a.id)} {_e(a.name)}:</b> {_e(a.location)} {_e(a.how)}"
                + (f" <i>{_e(' '.join(a.cautions))}</i>" if a.cautions else "")
                + "</p>"
                for a in section.acupressure
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
        figure = spot_figure(self.sheet, section, self.artwork)
        figure_column = SPOT_FIGURE_WIDTH + 10
        gutter = 10.0
        text_width = self.width - figure_column - gutter
        least = figure.height if figure else 0.0
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
            f"<td width='{_px(figure_column)}'>{self.figure(figure, keep=keep)}</td>"
            f"<td width='{_px(left)}'>{left_html}</td>"
            f"<td width='{_px(gutter)}'></td>"
            f"<td width='{_px(right)}'>{stretch}{below if notes_beside else ''}</td>"
            "</tr></table>" + ("" if notes_beside else below)
        )

    def _height(self, html: str, width: float) -> float:
        """How tall `html` comes out at `width` points, with the sheet's fonts and style."""
        if not html:
            return 0.0
        self._scratch.setHtml(html)
        self._scratch.setTextWidth(width)
        return float(self._scratch.size().height())

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
        label_width = LOG_LABEL_WIDTH
        day_width = (self.width - label_width) / len(log.days)
        head = f"<th width='{_px(label_width)}'></th>" + "".join(
            f"<th width='{_px(day_width)}' align='center'>{_e(weekday)}<br>{_e(date)}</th>"
            for weekday, date in (label.split(" ", 1) for label in log.day_labels)
        )
        blank = "<td></td>" * len(log.days)
        labels = ["Pain, 0\u201310", *log.exercises] if log.exercises else [
            "Pain, 0\u201310", "Anything new? A word"
        ]  # fmt: skip
        rows = "".join(
            f"<tr><td class='small'><b>{_e(label)}</b></td>{blank}</tr>" for label in labels
        )
        what = (
            "write how much it hurts (0 = no pain, 10 = the worst you can imagine), and tick "
            "each exercise you did."
            if log.exercises
            else "write how much it hurts (0 = no pain, 10 = the worst you can imagine). "
            "Take it to the doctor."
        )
        _, mark, end = self.keep(whole=True)
        self.parts.append(
            f"<h2>{mark}Two-week log</h2><p>Each day, {what}</p>"
            f"<table width='100%' border='1' cellspacing='0' cellpadding='{_px(1.2)}' "
            "style='border-collapse: collapse; border-style: solid; border-color: #000000'>"
            f"<tr>{head}</tr>{rows}</table>{end}"
        )

    def _about(self) -> None:
        sheet = self.sheet
        sources = " ".join(_e(c.text) for c in sheet.citations)
        more = []
        if sheet.other_sources:
            more.append(
                f"The sheet also draws on {sheet.other_sources} more sources; calfchart "
                "lists every source under each muscle."
            )
        if sheet.unverified:
            more.append("Some details are general clinical knowledge, not yet checked against "
                        "a source.")  # fmt: skip
        self.parts.append(
            self.heading(2, "About this sheet") + f"<p class='tiny'>{_e(sheet.evidence)}</p>"
            f"<p class='tiny'><b>Main sources.</b> {sources} {_e(' '.join(more))}</p>"
        )


# -- the document and its pages ---------------------------------------------------------


def _new_document(device: QImage) -> QTextDocument:
    """A text document laid out in points on `device`, in the sheet's fonts and style.

    The caller keeps `device` alive: the layout holds only a pointer to it.
    """
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    document.setDefaultFont(_font(BODY_PT))
    document.setDefaultStyleSheet(_style())
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


class SheetDocument:
    """The sheet's text laid out for one printable area, with its figures placed in it."""

    def __init__(self, sheet: TreatmentSheet, page: QSizeF) -> None:
        """`page` is the printable area in points."""
        self.sheet = sheet
        self.page = page
        self.body = QSizeF(page.width(), page.height() - FOOTER_BAND)
        self._device = _layout_device()  # the document keeps a pointer: keep it alive
        self.document = _new_document(self._device)
        self.document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, sheet.title)
        writer = _SheetHtml(sheet, page.width())
        self.document.setHtml(writer.html())
        self._keeps = [
            _Keep(self._take_mark(_START, n), self._take_mark(_END, n) if whole else None)
            for n, whole in enumerate(writer.keeps)
        ]
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

    def _splits(self) -> list[QTextBlock | _Placed]:
        """What the page breaks split, in text order: a figure that can end the page
        drawn shorter, or else the first block of the part to move to the next page.

        Qt pushes a tall line to the next page in most places, but not always as the
        first line of a table cell, and it knows nothing of headings or of parts to keep
        whole: this checks all three on the finished layout.
        """
        layout = self.document.documentLayout()
        height = self.body.height()
        split: list[tuple[int, QTextBlock | _Placed]] = []
        for placed in self._placed:
            r = self.figure_rect(placed)
            if r.height() < height and self._page_of(r.top()) != self._page_of(r.bottom() - 0.01):
                room = (self._page_of(r.top()) + 1) * height - r.top() - 1
                least = placed.figure.least_height
                if least is not None and least <= room < placed.figure.height:
                    split.append((placed.block.position(), placed))
                elif not _breaks_before(placed.keep):
                    split.append((placed.keep.position(), placed.keep))
        for keep in self._keeps:
            top = layout.blockBoundingRect(keep.start)
            if keep.end is None:
                bottom = top.bottom() + MIN_AFTER_HEADING
            else:
                bottom = layout.blockBoundingRect(keep.end).bottom()
            if (
                bottom - top.top() < height
                and self._page_of(top.top()) != self._page_of(bottom)
                and not _breaks_before(keep.start)
            ):
                split.append((keep.start.position(), keep.start))
        return [part for _, part in sorted(split, key=lambda item: item[0])]

    def _paginate(self) -> None:
        """Move each split part to the next page, first to last: each move shifts what
        follows, so the layout is checked again after every one."""
        for _ in range(len(self._placed) + len(self._keeps)):
            split = self._splits()
            if not split:
                return
            first = split[0]
            if isinstance(first, _Placed):
                rect = self.figure_rect(first)
                room = (self._page_of(rect.top()) + 1) * self.body.height() - rect.top() - 1
                first.figure = replace(first.figure, height=room, least_height=None)
                self._set_line_height(first.block, room)
            else:
                cursor = QTextCursor(first)
                block_format = cursor.blockFormat()
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(block_format)
            # A changed block relays out only its own cell; lay the whole text out again.
            self.document.markContentsDirty(0, self.document.characterCount())

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def figure_rect(self, placed: _Placed) -> QRectF:
        block = self.document.documentLayout().blockBoundingRect(placed.block)
        left = block.left()
        if placed.block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter:
            left += max(0.0, (block.width() - placed.figure.width) / 2)
        return QRectF(left, block.top(), placed.figure.width, placed.figure.height)

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Page `index` (from 0), in points, with the origin at the printable area."""
        height = self.body.height()
        top = index * height
        clip = QRectF(0, top, self.body.width(), height)
        painter.save()
        painter.translate(0, -top)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        self.document.documentLayout().draw(painter, context)
        for placed in self._placed:
            rect = self.figure_rect(placed)
            if top <= rect.top() < top + height:
                placed.figure.paint(painter, rect)
        painter.restore()
        self._paint_footer(painter, index)

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        sheet = self.sheet
        band = QRectF(0, self.page.height() - FOOTER_BAND + 4, self.page.width(), FOOTER_BAND - 4)
        who = f"{sheet.name}, " if sheet.name else ""
        left = f"{sheet.title}: {who}{sheet.side.value} leg, {sheet.date_text}"
        painter.save()
        painter.setPen(QPen(RULE, 0.5))
        painter.drawLine(band.topLeft(), band.topRight())
        painter.setFont(_figure_font(painter, FOOTER_PT))
        painter.setPen(GREY)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | bottom, left)
        page = f"page {index + 1} of {self.page_count}"
        painter.drawText(band, Qt.AlignmentFlag.AlignRight | bottom, page)
        painter.restore()


def _breaks_before(block: QTextBlock) -> bool:
    policy = block.blockFormat().pageBreakPolicy()
    return bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def printable_points(device: QPagedPaintDevice) -> QSizeF:
    """The printable area of the device's page, in points."""
    return device.pageLayout().paintRect(QPageLayout.Unit.Point).size()


def paint_sheet(device: QPagedPaintDevice, sheet: TreatmentSheet) -> int:
    """Paint the sheet onto a PDF writer or a printer; returns the number of pages.

    The device's page size and margins are used as they are (export_pdf and the print
    dialog set them). The painter works in points, scaled by the device's resolution.
    """
    layout = SheetDocument(sheet, printable_points(device))
    pages = layout.page_count
    with QPainter(device) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(device.logicalDpiX() / 72.0, device.logicalDpiY() / 72.0)
        for index in range(pages):
            if index and not device.newPage():
                raise OSError("the printer or PDF writer refused to start a new page")
            layout.paint_page(painter, index)
    return pages
