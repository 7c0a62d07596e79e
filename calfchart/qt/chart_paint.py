"""Small painting helpers shared by the chart views and the printed treatment sheet.

Everything here is pure: colours, vector shapes and style sheets, no widgets and no
state, so the screen and the paper draw the same thing the same way.

Colour choices, and why:

- Pain is shaded on one sequential red ramp whose lightness falls steadily with the
  intensity, so a grey printout or a reader who cannot tell red from green still
  reads "darker hurts more".
- Referral-pattern overlays use the Okabe-Ito palette (safe for the common forms of
  colour blindness), starting with the colours furthest from the red pain ramp; each
  overlay also gets its own hatch angle so they stay apart in grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPainterPathStroker

MAX_INTENSITY = 10


class ChartPalette(Enum):
    """Where the chart is drawn: the colours differ a little for each."""

    LIGHT = "light"
    DARK = "dark"
    PRINT = "print"


# ColorBrewer "Reds" (9 classes), light to dark: lightness falls monotonically,
# so the ramp survives greyscale printing and colour-vision deficiency.
_PAIN_RAMP = (
    QColor(0xFE, 0xE0, 0xD2),
    QColor(0xFC, 0xBB, 0xA1),
    QColor(0xFC, 0x92, 0x72),
    QColor(0xFB, 0x6A, 0x4A),
    QColor(0xEF, 0x3B, 0x2C),
    QColor(0xCB, 0x18, 0x1D),
    QColor(0xA5, 0x0F, 0x15),
    QColor(0x67, 0x00, 0x0D),
)

# Intensity 0 means "marked, but it does not hurt now": a neutral blue-grey, so it
# reads as chosen without reading as pain.
_MARKED_NO_PAIN = QColor(0x9E, 0xAE, 0xC0)

# Alpha of the pain shading: the artwork's lines must stay visible through it.
_PAIN_ALPHA = {ChartPalette.LIGHT: 175, ChartPalette.DARK: 200, ChartPalette.PRINT: 160}

# Okabe & Ito (2008), "Color Universal Design". Ordered so the first overlays are the
# ones furthest from the red pain ramp: most of the time one or two are shown.
_OVERLAY_COLOURS = (
    QColor(0x00, 0x72, 0xB2),  # blue
    QColor(0x00, 0x9E, 0x73),  # bluish green
    QColor(0xCC, 0x79, 0xA7),  # reddish purple
    QColor(0xE6, 0x9F, 0x00),  # orange
    QColor(0x56, 0xB4, 0xE9),  # sky blue
    QColor(0xD5, 0x5E, 0x00),  # vermillion
    QColor(0xF0, 0xE4, 0x42),  # yellow
    QColor(0x33, 0x33, 0x33),  # near black
)

# Hatch angles, one per overlay, as far apart as possible for the first few.
_HATCH_ANGLES = (45.0, -45.0, 0.0, 90.0, 22.5, -67.5, 67.5, -22.5)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def intensity_color(intensity: int, palette: ChartPalette = ChartPalette.LIGHT) -> QColor:
    """The translucent fill of a painful zone: light red for 1, deep red for 10.

    0 (marked, no pain) is a neutral blue-grey. Out-of-range values are clamped.
    """
    alpha = _PAIN_ALPHA[palette]
    level = max(0, min(MAX_INTENSITY, intensity))
    if level == 0:
        colour = QColor(_MARKED_NO_PAIN)
    else:
        position = (level - 1) / (MAX_INTENSITY - 1) * (len(_PAIN_RAMP) - 1)
        low = math.floor(position)
        high = min(low + 1, len(_PAIN_RAMP) - 1)
        colour = _mix(_PAIN_RAMP[low], _PAIN_RAMP[high], position - low)
    colour.setAlpha(alpha)
    return colour


def pattern_colors(n: int) -> list[QColor]:
    """`n` overlay colours, colour-blind safe and distinct (they cycle past eight)."""
    return [QColor(_OVERLAY_COLOURS[i % len(_OVERLAY_COLOURS)]) for i in range(n)]


def compared_colours(shown: Sequence[str]) -> dict[str, QColor]:
    """Each shown pattern's colour on the drawings, for the lists that name them; empty
    with one pattern or none, which has nothing to be told apart from."""
    if len(shown) < 2:
        return {}
    return dict(zip(shown, pattern_colors(len(shown)), strict=True))


def hatch_angle(index: int) -> float:
    """The hatch angle (degrees) of the overlay at `index`, so grey copies stay apart."""
    return _HATCH_ANGLES[index % len(_HATCH_ANGLES)]


def translucent(colour: QColor, alpha: int) -> QColor:
    copy = QColor(colour)
    copy.setAlpha(alpha)
    return copy


def hatch_path(shape: QPainterPath, angle_deg: float, spacing: float, width: float) -> QPainterPath:
    """Parallel lines across `shape`, as a filled outline clipped to the shape.

    Real geometry rather than a pattern brush: Qt's pattern brushes keep their pixel
    spacing at every zoom and turn into a flat tint in a high-resolution PDF
    (QT-NOTES §2), while this scales with the drawing and prints crisply. Fill the
    result with a solid brush.
    """
    if shape.isEmpty() or spacing <= 0 or width <= 0:
        return QPainterPath()
    bounds = shape.boundingRect()
    centre = bounds.center()
    # Lines long enough to cross the bounds at any angle, spaced from the centre
    # out so the pattern is centred on the shape.
    reach = math.hypot(bounds.width(), bounds.height()) / 2 + spacing
    angle = math.radians(angle_deg)
    along = QPointF(math.cos(angle), math.sin(angle))
    across = QPointF(-along.y(), along.x())
    lines = QPainterPath()
    count = math.ceil(reach / spacing)
    for step in range(-count, count + 1):
        offset = centre + across * (step * spacing)
        lines.moveTo(offset - along * reach)
        lines.lineTo(offset + along * reach)
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.FlatCap)
    return stroker.createStroke(lines).intersected(shape)


def x_marker_path(center: QPointF, size: float) -> QPainterPath:
    """A bold X `size` across, as a filled outline: the spot to press.

    Fill it with the overlay colour and stroke it with a light pen of about
    size / 8 for a halo that keeps it readable over any shading.
    """
    half = size / 2
    arms = QPainterPath()
    arms.moveTo(center + QPointF(-half, -half))
    arms.lineTo(center + QPointF(half, half))
    arms.moveTo(center + QPointF(-half, half))
    arms.lineTo(center + QPointF(half, -half))
    stroker = QPainterPathStroker()
    stroker.setWidth(size * 0.24)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    outline = stroker.createStroke(arms).simplified()
    outline.setFillRule(Qt.FillRule.WindingFill)
    return outline


def no_press_marker_path(center: QPointF, size: float) -> QPainterPath:
    """A crossed circle `size` across, as a filled outline: the trigger point is
    here, but it is not for pressing yourself (the sheet uses the same sign)."""
    radius = size / 2
    slash = QPointF(radius, -radius) * math.sqrt(0.5)
    lines = QPainterPath()
    lines.addEllipse(center, radius, radius)
    lines.moveTo(center - slash)
    lines.lineTo(center + slash)
    stroker = QPainterPathStroker()
    stroker.setWidth(size * 0.16)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    outline = stroker.createStroke(lines).simplified()
    outline.setFillRule(Qt.FillRule.WindingFill)
    return outline


def label_point(
    shape: QPainterPath, band: tuple[float, float] = (0.1, 0.9), samples: int = 9
) -> QPointF:
    """A point well inside `shape`, for a label or a keyboard target.

    The centre of a bounding box can lie outside a curved shape; this takes the
    middle of the widest horizontal run through the shape among a few rows within
    `band` (shares of the height from the top), preferring rows near the band's middle.
    """
    bounds = shape.boundingRect()
    if shape.isEmpty() or bounds.isEmpty():
        return bounds.center()
    top, bottom = band
    middle, half = (top + bottom) / 2, max((bottom - top) / 2, 1e-6)
    best: tuple[float, QPointF] | None = None
    thin = max(bounds.height() / 400, 1e-3)
    for i in range(samples):
        t = top + (bottom - top) * i / max(1, samples - 1)
        y = bounds.top() + bounds.height() * t
        strip = QPainterPath()
        strip.addRect(QRectF(bounds.left() - 1, y - thin, bounds.width() + 2, 2 * thin))
        for polygon in shape.intersected(strip).toSubpathPolygons():
            run = polygon.boundingRect()
            point = QPointF(run.center().x(), y)
            # A zone in pieces (the small toes) can give one run across a gap.
            if not shape.contains(point):
                continue
            score = run.width() * (1.0 - 0.3 * abs(t - middle) / half)
            if best is None or score > best[0]:
                best = (score, point)
    if best is not None:
        return best[1]
    steps = 24
    for i in range(1, steps):
        for j in range(1, steps):
            point = QPointF(
                bounds.left() + bounds.width() * j / steps,
                bounds.top() + bounds.height() * i / steps,
            )
            if shape.contains(point):
                return point
    return bounds.center()


# --- the drawings' style sheets ------------------------------------------------------
#
# The SVGs carry one <style> block (assets/svg/generate.py); `drawing.svg_with_style`
# swaps it. Zones, muscle outlines and anchors are never drawn as artwork: the app
# draws them itself from the parsed shapes, in colours that follow the controller.

_APP_DRAWN = """\
.zone { fill: none; stroke: none; }
.muscle, .muscle-outline, .muscle-tendon, .anchor { visibility: hidden; }
"""


def _artwork_css(
    skin: str, shade: str, outline: str, cut: str, contour: str, landmark: str, bone: str, nail: str
) -> str:
    return (
        f".skin {{ fill: {skin}; stroke: none; }}\n"
        f".shade {{ fill: {shade}; stroke: none; }}\n"
        f".outline {{ fill: none; stroke: {outline}; stroke-width: 1.6; "
        "stroke-linecap: round; stroke-linejoin: round; }\n"
        f".cut {{ fill: none; stroke: {cut}; stroke-width: 1; stroke-dasharray: 4,3; }}\n"
        f".contour {{ fill: none; stroke: {contour}; stroke-width: 1; "
        "stroke-linecap: round; stroke-linejoin: round; }\n"
        f".landmark {{ fill: none; stroke: {landmark}; stroke-width: 1.1; "
        "stroke-linecap: round; stroke-linejoin: round; }\n"
        f".bone {{ fill: {bone}; stroke: {landmark}; stroke-width: 1.1; }}\n"
        f".nail {{ fill: {nail}; stroke: {landmark}; stroke-width: 0.9; }}\n" + _APP_DRAWN
    )


LIGHT_CSS = _artwork_css(
    skin="#f6e4d6",
    shade="#ecd3c1",
    outline="#7a5a4a",
    cut="#b9a193",
    contour="#c9a792",
    landmark="#a88674",
    bone="#f1dccd",
    nail="#fbf1ea",
)
"""The drawings' own colours: warm skin on white paper."""

DARK_CSS = _artwork_css(
    skin="#4b403a",
    shade="#433833",
    outline="#e6d3c6",
    cut="#9c8679",
    contour="#8c766a",
    landmark="#b8a092",
    bone="#564a43",
    nail="#5c5049",
)
"""A dim skin on a dark background, light contours: the pain shading stays the brightest."""

PRINT_CSS = _artwork_css(
    skin="#ffffff",
    shade="#f2f2f2",
    outline="#000000",
    cut="#777777",
    contour="#999999",
    landmark="#555555",
    bone="#f2f2f2",
    nail="#ffffff",
)
"""Black lines on white paper: toner is for the pain and the patterns."""


def artwork_css(palette: ChartPalette) -> str:
    """The style sheet for the drawing's <style> block in this palette."""
    return {
        ChartPalette.LIGHT: LIGHT_CSS,
        ChartPalette.DARK: DARK_CSS,
        ChartPalette.PRINT: PRINT_CSS,
    }[palette]


def acupressure_ink(palette: ChartPalette) -> QColor:
    """The acupressure points' dots and codes: a green apart from pain and patterns."""
    if palette is ChartPalette.DARK:
        return QColor(0x7F, 0xE0, 0xC0)
    return QColor(0x11, 0x55, 0x44)


def background_color(palette: ChartPalette) -> QColor:
    """The paper behind the drawing."""
    return {
        ChartPalette.LIGHT: QColor(0xFF, 0xFF, 0xFF),
        ChartPalette.DARK: QColor(0x26, 0x26, 0x2A),
        ChartPalette.PRINT: QColor(0xFF, 0xFF, 0xFF),
    }[palette]
