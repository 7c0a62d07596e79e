"""Parsed drawings kept in the user's cache, so the window opens without re-parsing.

Parsing the SVGs into exact zone shapes (svgelements, then a union for the
silhouette) costs about 25 ms a view, most of the window's own start-up time. The
parsed geometry is written once with QDataStream, next to the catalog cache
(calfchart.catalog.cache.cache_folder), under a name made from a checksum of the
SVG's bytes. The file also holds those bytes, and is used only when they are the
very bytes of the drawing now: a changed drawing is parsed again. (Not a hash from
hashlib: importing it maps OpenSSL, 3.7 MiB of the window's memory.) A cache that
cannot be read or written is ignored: it only ever saves time.
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

_FORMAT = "calfchart-drawing-3"


def _key(svg: bytes) -> str:
    return f"{zlib.crc32(_FORMAT.encode() + svg):08x}"


Streamable = TypeVar("Streamable", QPainterPath, QPointF)


def _write_named(stream: QDataStream, values: dict[str, Streamable]) -> None:
    stream.writeInt32(len(values))
    for name, value in values.items():
        stream.writeQString(name)
        stream << value


def _read_named(stream: QDataStream, kind: type[Streamable]) -> dict[str, Streamable]:
    values: dict[str, Streamable] = {}
    for _ in range(stream.readInt32()):
        name = stream.readQString()
        value = kind()
        stream >> value
        values[name] = value
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
    stream << QByteArray(drawing.svg)
    stream.writeQString(drawing.view)
    stream << drawing.size
    _write_named(stream, drawing.zones)
    _write_named(stream, drawing.muscles)
    _write_named(stream, drawing.anchors)
    _write_names(stream, drawing.deep_muscles)
    stream << drawing.silhouette
    _write_names(stream, drawing.ids)
    _write_named(stream, drawing.zone_labels)
    return bytes(buffer.data())


def decode(data: bytes, svg: bytes) -> Drawing:
    buffer = QByteArray(data)  # the stream reads from it: it must outlive the stream
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    if stream.readQString() != _FORMAT:
        raise ValueError("a drawing cache of another format")
    made_from = QByteArray()
    stream >> made_from
    if made_from.data() != svg:
        raise ValueError("a drawing cache made from another drawing")
    view = stream.readQString()
    size = QSizeF()
    stream >> size
    zones = _read_named(stream, QPainterPath)
    muscles = _read_named(stream, QPainterPath)
    anchors = _read_named(stream, QPointF)
    deep = _read_names(stream)
    silhouette = QPainterPath()
    stream >> silhouette
    ids = _read_names(stream)
    labels = _read_named(stream, QPointF)
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
    _store(folder, target, view, encode(drawing))
    return drawing


def _store(folder: Path, target: Path, view: str, data: bytes) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for stale in folder.glob(f"drawing-{view}-*.qds"):
            stale.unlink(missing_ok=True)
        write_atomically(target, lambda temp: temp.write_bytes(data), mode=0o600)
    except OSError:
        pass
