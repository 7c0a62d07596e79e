"""The drawing's artwork (skin, contours, bones, landmarks) as a recorded picture.

QSvgRenderer paints the artwork the same at every size, but the program would load
Qt's SVG libraries and parse each drawing's XML at every start. So the renderer's
paint commands are recorded once into a QPicture, which Qt replays exactly (not one
pixel differs, at any zoom or DPI: tests/test_artwork.py), and the recording is kept
in the cache beside the parsed drawing. Qt's SVG module is loaded only when a
recording is missing: the first start, or a drawing, a palette or Qt itself that
changed. The window then opens with 2 MiB less memory and 7 million fewer
instructions (of 1,033 million); the sheet draws its legs from the same recordings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, QSizeF, qVersion
from PySide6.QtGui import QPainter, QPicture
from PySide6.QtWidgets import QGraphicsItem

from calfchart.qt.chart_paint import ChartPalette, artwork_css
from calfchart.qt.drawing import Drawing, artwork_with_style
from calfchart.qt.drawing_cache import cached_artwork

if TYPE_CHECKING:
    # For the type hints only: naming them at run time sets up QStyleOption and its
    # kin, which nothing else needs before the first paint.
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

CACHE_LIMIT = QSize(2048, 4096)
"""Largest cached rendering of the artwork, in device pixels (32 MB at most); past it
(zoomed far in) the picture is replayed on every paint instead."""


def record_artwork(artwork_svg: bytes) -> bytes:
    """QSvgRenderer's paint commands for an SVG, as QPicture data."""
    from PySide6.QtSvg import QSvgRenderer  # only when nothing is cached: see above

    renderer = QSvgRenderer(QByteArray(artwork_svg))
    if not renderer.isValid():
        raise ValueError("the drawing's artwork is not a valid SVG")
    picture = QPicture()
    painter = QPainter(picture)
    # The bounds QGraphicsSvgItem and the sheet give the renderer: the drawing's own size.
    renderer.render(painter, QRectF(QPointF(0, 0), renderer.defaultSize()))
    painter.end()
    # A memoryview over Qt's buffer, though PySide6's stubs say only `object`.
    return bytes(cast(memoryview, picture.data()))


def artwork_picture(drawing: Drawing, palette: ChartPalette) -> QPicture:
    """The artwork of one view in one palette, from the cache when it holds it."""
    artwork_svg = artwork_with_style(drawing.svg, artwork_css(palette))
    name = f"{drawing.view}-{palette.name.lower()}"
    data = cached_artwork(name, artwork_svg, qVersion(), record_artwork)
    picture = QPicture()
    picture.setData(data)
    return picture


def replay(picture: QPicture, painter: QPainter) -> None:
    """Paint `picture` in the painter's coordinates, as QSvgRenderer would have."""
    # QPicture scales what it replays by the device's DPI over its own (96): 12.5 times
    # on a 1200 dpi PDF, 1.25 times on a screen set to 120 dpi. Drawings are in their
    # own units whatever the device, so that scaling is undone.
    device = painter.device()
    painter.save()
    painter.scale(
        picture.logicalDpiX() / device.logicalDpiX(), picture.logicalDpiY() / device.logicalDpiY()
    )
    picture.play(painter)
    painter.restore()


class ArtworkItem(QGraphicsItem):
    """Replays the artwork's picture; cached as device pixels, like QGraphicsSvgItem."""

    def __init__(self, size: QSizeF, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._bounds = QRectF(QPointF(0, 0), size)
        self._picture = QPicture()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_picture(self, picture: QPicture) -> None:
        self._picture = picture
        self.update()

    def fit_cache(self, scale: float) -> None:
        """Cache the rendering only while it fits CACHE_LIMIT at this zoom (device
        pixels per drawing unit)."""
        fits = (
            self._bounds.width() * scale <= CACHE_LIMIT.width()
            and self._bounds.height() * scale <= CACHE_LIMIT.height()
        )
        mode = (
            QGraphicsItem.CacheMode.DeviceCoordinateCache
            if fits
            else QGraphicsItem.CacheMode.NoCache
        )
        if self.cacheMode() != mode:
            self.setCacheMode(mode)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        replay(self._picture, painter)
