"""Parsed drawings kept in the user's cache, so the window opens without re-parsing.

Parsing the SVGs into exact zone shapes (svgelements, then a union for the
silhouette) costs about 25 ms a view, most of the window's own start-up time. The
parsed geometry is written once with QDataStream, next to the catalog cache
(calfchart.catalog.cache.cache_folder), under a name made from a checksum of the
SVG's bytes. The file also holds those bytes, and is used only when they are the
very bytes of the drawing now: a changed drawing is parsed again. (Not a hash from
hashlib: importing it maps OpenSSL, 3.7 MiB of the window's memory.) A cache that
cannot be read or written is ignored: it only ever saves time.

The artwork's recorded paint commands (calfchart.qt.artwork) are kept the same way,
one file for each view and palette, holding the styled SVG they were recorded from and
the version of Qt that recorded them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, QSizeF
from PySide6.QtGui import QPainterPath

from calfchart.catalog.cache import cache_folder
from calfchart.files import write_atomically
from calfchart.qt.drawing import Drawing

_FORMAT = "calfchart-drawing-4"


def _key(svg: bytes) -> str:
    return f"{zlib.crc32(_FORMAT.encode() + svg):08x}"


def _write_path(stream: QDataStream, path: QPainterPath) -> None:
    stream << path


def _read_path(stream: QDataStream) -> QPainterPath:
    path = QPainterPath()
    # QtGui's own operator, called by name: `stream >> path` first tries QtCore's
    # operators for every type QDataStream reads (dates, URLs, JSON, CBOR...), and
    # PySide6 sets each of those classes up just to compare: 3.5 ms of the start-up.
    QPainterPath.__rrshift__(path, stream)  # type: ignore[attr-defined]
    return path


def _write_point(stream: QDataStream, point: QPointF) -> None:
    stream.writeDouble(point.x())
    stream.writeDouble(point.y())


def _read_point(stream: QDataStream) -> QPointF:
    x = stream.readDouble()
    return QPointF(x, stream.readDouble())


Value = TypeVar("Value", QPainterPath, QPointF)


def _write_named(
    stream: QDataStream, values: dict[str, Value], write: Callable[[QDataStream, Value], None]
) -> None:
    stream.writeInt32(len(values))
    for name, value in values.items():
        stream.writeQString(name)
        write(stream, value)


def _read_named(stream: QDataStream, read: Callable[[QDataStream], Value]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for _ in range(stream.readInt32()):
        name = stream.readQString()
        values[name] = read(stream)
    return values


def _write_names(stream: QDataStream, names: frozenset[str]) -> None:
    stream.writeInt32(len(names))
    for name in sorted(names):
        stream.writeQString(name)


def _read_names(stream: QDataStream) -> frozenset[str]:
    return frozenset(stream.readQString() for _ in range(stream.readInt32()))


def encode(drawing: Drawing) -> bytes:
    buffer = QByteArray()
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.WriteOnly)
    stream.writeQString(_FORMAT)
    stream.writeUInt32(len(drawing.svg))
    stream.writeRawData(drawing.svg)
    stream.writeQString(drawing.view)
    stream.writeDouble(drawing.size.width())
    stream.writeDouble(drawing.size.height())
    _write_named(stream, drawing.zones, _write_path)
    _write_named(stream, drawing.muscles, _write_path)
    _write_named(stream, drawing.anchors, _write_point)
    _write_names(stream, drawing.deep_muscles)
    _write_path(stream, drawing.silhouette)
    _write_names(stream, drawing.ids)
    _write_named(stream, drawing.zone_labels, _write_point)
    return bytes(buffer.data())


def decode(data: bytes, svg: bytes) -> Drawing:
    buffer = QByteArray(data)  # the stream reads from it: it must outlive the stream
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    if stream.readQString() != _FORMAT:
        raise ValueError("a drawing cache of another format")
    length = stream.readUInt32()
    # A damaged length must not make the reader allocate gigabytes.
    if length != len(svg) or stream.readRawData(length) != svg:
        raise ValueError("a drawing cache made from another drawing")
    view = stream.readQString()
    width = stream.readDouble()
    size = QSizeF(width, stream.readDouble())
    zones = _read_named(stream, _read_path)
    muscles = _read_named(stream, _read_path)
    anchors = _read_named(stream, _read_point)
    deep = _read_names(stream)
    silhouette = _read_path(stream)
    ids = _read_names(stream)
    labels = _read_named(stream, _read_point)
    if stream.status() != QDataStream.Status.Ok or not stream.atEnd():
        raise ValueError("a damaged drawing cache")
    return Drawing(view, size, svg, zones, muscles, anchors, deep, silhouette, ids, labels)


def cached(view: str, svg: bytes, parse: Callable[[str, bytes], Drawing]) -> Drawing:
    """The drawing of `svg`, from the cache when it holds these very bytes."""
    folder = cache_folder()
    target = folder / f"drawing-{view}-{_key(svg)}.qds"
    try:
        return decode(target.read_bytes(), svg)
    except (OSError, ValueError):
        pass
    drawing = parse(view, svg)
    _store(folder, target, f"drawing-{view}-*.qds", encode(drawing))
    return drawing


_ARTWORK_FORMAT = "calfchart-artwork-1"


def encode_artwork(svg: bytes, qt_version: str, picture: bytes) -> bytes:
    buffer = QByteArray()
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.WriteOnly)
    stream.writeQString(_ARTWORK_FORMAT)
    stream.writeQString(qt_version)
    stream.writeUInt32(len(svg))
    stream.writeRawData(svg)
    stream.writeUInt32(zlib.crc32(picture))
    stream.writeUInt32(len(picture))
    stream.writeRawData(picture)
    return bytes(buffer.data())


def decode_artwork(data: bytes, svg: bytes, qt_version: str) -> bytes:
    buffer = QByteArray(data)  # the stream reads from it: it must outlive the stream
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    if stream.readQString() != _ARTWORK_FORMAT:
        raise ValueError("a recording of another format")
    if stream.readQString() != qt_version:
        raise ValueError("a recording made by another version of Qt")
    length = stream.readUInt32()
    if length != len(svg) or stream.readRawData(length) != svg:
        raise ValueError("a recording made from another source")
    checksum = stream.readUInt32()
    length = stream.readUInt32()
    # Qt trusts a picture's bytes as it replays them: damaged ones are never handed over.
    picture = stream.readRawData(length) if length <= len(data) else b""
    if (
        stream.status() != QDataStream.Status.Ok
        or not stream.atEnd()
        or len(picture) != length
        or zlib.crc32(picture) != checksum
    ):
        raise ValueError("a damaged recording")
    return picture


def cached_artwork(
    name: str, svg: bytes, qt_version: str, record: Callable[[bytes], bytes]
) -> bytes:
    """`record(svg)`: the artwork's picture data, from the cache when it holds one
    recorded from these very bytes by this version of Qt (its format is Qt's own)."""
    folder = cache_folder()
    target = folder / f"artwork-{name}-{_key(qt_version.encode() + svg)}.qpic"
    try:
        return decode_artwork(target.read_bytes(), svg, qt_version)
    except (OSError, ValueError):
        pass
    picture = record(svg)
    _store(folder, target, f"artwork-{name}-*.qpic", encode_artwork(svg, qt_version, picture))
    return picture


def _store(folder: Path, target: Path, stale_pattern: str, data: bytes) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for stale in folder.glob(stale_pattern):
            stale.unlink(missing_ok=True)
        write_atomically(target, lambda temp: temp.write_bytes(data), mode=0o600)
    except OSError:
        pass
