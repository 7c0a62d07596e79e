"""The artwork's recorded picture paints what QSvgRenderer paints, and is kept in the cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QPicture
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem
from pytestqt.qtbot import QtBot

from calfchart.catalog.cache import cache_folder
from calfchart.qt.artwork import (
    CACHE_LIMIT,
    ArtworkItem,
    artwork_picture,
    record_artwork,
    replay,
)
from calfchart.qt.chart_paint import ChartPalette, artwork_css
from calfchart.qt.drawing import VIEWS, artwork_with_style, load_drawing
from calfchart.qt.drawing_cache import cached_artwork, decode_artwork, encode_artwork


def _painted(size: QRectF, scale: float, dpi: int, paint: QPicture | QSvgRenderer) -> QImage:
    image = QImage(
        int(size.width() * scale) + 2,
        int(size.height() * scale) + 2,
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    if isinstance(paint, QPicture):
        replay(paint, painter)
    else:
        paint.render(painter, size)
    painter.end()
    return image


@pytest.mark.parametrize("palette", [ChartPalette.LIGHT, ChartPalette.DARK, ChartPalette.PRINT])
@pytest.mark.parametrize("view", VIEWS)
def test_the_picture_paints_exactly_what_the_svg_renderer_paints(
    qtbot: QtBot, view: str, palette: ChartPalette
) -> None:
    drawing = load_drawing(view)
    artwork_picture(drawing, palette)  # the second one comes from the cache
    picture = artwork_picture(drawing, palette)
    renderer = QSvgRenderer(QByteArray(artwork_with_style(drawing.svg, artwork_css(palette))))
    bounds = QRectF(QPointF(0, 0), drawing.size)
    # Fitted to a small window, at the drawing's own size, and zoomed in; on a usual
    # screen, one set to 120 dpi, and a printer's page.
    for scale, dpi in [(0.4, 96), (1.0, 96), (2.5, 96), (1.0, 120), (0.3, 1200)]:
        assert _painted(bounds, scale, dpi, picture) == _painted(bounds, scale, dpi, renderer)


def test_recorded_once_then_read_from_the_cache(qtbot: QtBot) -> None:
    source = artwork_with_style(load_drawing("plantar").svg, artwork_css(ChartPalette.DARK))
    recorded: list[bytes] = []

    def record(svg: bytes) -> bytes:
        recorded.append(svg)
        return record_artwork(svg)

    for stale in cache_folder().glob("artwork-test-*.qpic"):
        stale.unlink()
    first = cached_artwork("test", source, "6.0.0", record)
    assert cached_artwork("test", source, "6.0.0", record) == first
    assert len(recorded) == 1
    # Another drawing or palette, or another Qt: recorded again, and the stale entry goes.
    cached_artwork("test", source.replace(b"</svg>", b"<!-- edited --></svg>"), "6.0.0", record)
    cached_artwork("test", source, "6.0.1", record)
    assert len(recorded) == 3
    assert len(list(cache_folder().glob("artwork-test-*.qpic"))) == 1


def test_a_damaged_recording_is_never_replayed(qtbot: QtBot) -> None:
    source = artwork_with_style(load_drawing("medial").svg, artwork_css(ChartPalette.LIGHT))
    recording = record_artwork(source)
    stored = encode_artwork(source, "6.0.0", recording)
    assert decode_artwork(stored, source, "6.0.0") == recording
    flipped = bytearray(stored)
    flipped[-100] ^= 0x40  # one bit inside the picture's own bytes
    for damaged in (bytes(flipped), stored[:-7], stored + b"\0"):
        with pytest.raises(ValueError, match="damaged"):
            decode_artwork(damaged, source, "6.0.0")
    with pytest.raises(ValueError, match="another version"):
        decode_artwork(stored, source, "6.1.0")
    with pytest.raises(ValueError, match="another source"):
        decode_artwork(stored, source + b" ", "6.0.0")

    for entry in cache_folder().glob("artwork-test-*.qpic"):
        entry.unlink()
    cached_artwork("test", source, "6.0.0", record_artwork)
    (entry,) = cache_folder().glob("artwork-test-*.qpic")
    entry.write_bytes(entry.read_bytes()[:-50])
    assert cached_artwork("test", source, "6.0.0", record_artwork) == recording


def test_the_cached_rendering_is_given_up_when_zoomed_far_in(qtbot: QtBot) -> None:
    drawing = load_drawing("posterior")  # 1000 units tall
    item = ArtworkItem(drawing.size)
    assert item.boundingRect() == QRectF(QPointF(0, 0), drawing.size)
    item.fit_cache(1.5)
    assert item.cacheMode() is QGraphicsItem.CacheMode.DeviceCoordinateCache
    item.fit_cache(CACHE_LIMIT.height() / drawing.size.height() * 1.1)
    assert item.cacheMode() is QGraphicsItem.CacheMode.NoCache
    item.fit_cache(1.0)
    assert item.cacheMode() is QGraphicsItem.CacheMode.DeviceCoordinateCache


SVG_MODULE_AT_FIRST_PAINT = """
import sys
from PySide6.QtCore import QCoreApplication
from calfchart.catalog import open_catalog
from calfchart.qt.app import make_application
from calfchart.qt.deferred import after_first_paint
from calfchart.qt.window import MainWindow

app = make_application()
window = MainWindow(open_catalog())

def painted():
    print("PySide6.QtSvg" in sys.modules)
    QCoreApplication.quit()

after_first_paint(window, painted)
window.show()
app.exec()
"""


def test_once_recorded_the_window_opens_without_qt_svg(tmp_path: Path) -> None:
    def svg_loaded_at_first_paint() -> str:
        out = subprocess.run(
            [sys.executable, "-c", SVG_MODULE_AT_FIRST_PAINT],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "CALFCHART_CACHE_DIR": str(tmp_path)},
        )
        return out.stdout.strip()

    # The first start records the artwork; the next ones replay it.
    assert svg_loaded_at_first_paint() == "True"
    assert svg_loaded_at_first_paint() == "False"
