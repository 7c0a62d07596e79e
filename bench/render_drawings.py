"""Render the five leg drawings to PNG for the README (and for looking at them).

    QT_QPA_PLATFORM=offscreen python bench/render_drawings.py [--out docs/img] [--scale 2]

Writes ``views.png`` (the five clean views side by side), ``views-check.png`` (every zone
tinted its own colour, all muscle layers on, every anchor marked and labelled) and, with
``--each``, one clean and one check image per view.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calfchart.qt.drawing import VIEWS, Drawing, load_drawing, style_of, svg_with_style

SHOW_ALL = """
.muscle, .muscle-outline, .muscle-tendon, .anchor { visibility: visible; }
"""
ONLY_OVERLAYS = """
.skin, .shade, .outline, .cut, .contour, .landmark, .bone, .nail { visibility: hidden; }
"""
GAP = 24
LABEL_H = 28


def _render_svg(data: bytes, painter: QPainter, rect: QRectF) -> None:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise RuntimeError("invalid SVG")
    renderer.render(painter, rect)


def _tint(i: int) -> QColor:
    """Distinct, fairly light colours for neighbouring zones."""
    color = QColor.fromHsv((i * 137) % 360, 150, 235)
    color.setAlpha(150)
    return color


def paint_view(painter: QPainter, drawing: Drawing, rect: QRectF, check: bool) -> None:
    """Draw one view into `rect` (same aspect ratio as the drawing)."""
    scale = rect.width() / drawing.size.width()
    _render_svg(drawing.svg, painter, rect)
    if not check:
        return
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    painter.setPen(QPen(QColor(60, 60, 60, 160), 0.6))
    for i, path in enumerate(drawing.zones.values()):
        painter.setBrush(_tint(i))
        painter.drawPath(path)
    painter.restore()
    css = style_of(drawing.svg) + SHOW_ALL + ONLY_OVERLAYS
    _render_svg(svg_with_style(drawing.svg, css), painter, rect)
    painter.save()
    font = QFont()
    font.setPixelSize(max(9, round(4.2 * scale)))
    painter.setFont(font)
    for aid, pt in drawing.anchors.items():
        p = QPointF(rect.left() + pt.x() * scale, rect.top() + pt.y() * scale)
        painter.setPen(QColor(20, 20, 20))
        painter.drawText(p + QPointF(5 * scale, 1.5 * scale), aid.split("-", 1)[1])
    painter.restore()


def render_row(drawings: list[Drawing], scale: float, check: bool) -> QImage:
    height = max(d.size.height() for d in drawings) * scale
    width = sum(d.size.width() for d in drawings) * scale + GAP * (len(drawings) + 1)
    image = QImage(round(width), round(height + LABEL_H + GAP), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    with QPainter(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = float(GAP)
        font = QFont()
        font.setPixelSize(18)
        for d in drawings:
            w, h = d.size.width() * scale, d.size.height() * scale
            painter.setFont(font)
            painter.setPen(QColor(90, 70, 60))
            painter.drawText(
                QRectF(x, 4, w, LABEL_H), Qt.AlignmentFlag.AlignCenter, d.view.capitalize()
            )
            paint_view(painter, d, QRectF(x, LABEL_H + GAP / 2, w, h), check)
            x += w + GAP
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--scale", type=float, default=1.2, help="pixels per drawing unit")
    parser.add_argument("--each", action="store_true", help="also one image per view, at 2x")
    parser.add_argument("--views", nargs="*", default=list(VIEWS))
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    drawings = [load_drawing(v) for v in args.views]
    render_row(drawings, args.scale, check=False).save(str(args.out / "views.png"))
    render_row(drawings, args.scale, check=True).save(str(args.out / "views-check.png"))
    if args.each:
        for d in drawings:
            render_row([d], 2.0, check=False).save(str(args.out / f"{d.view}.png"))
            render_row([d], 2.0, check=True).save(str(args.out / f"{d.view}-check.png"))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
