"""The leg drawings as Qt geometry: zones, muscle outlines and anchors of one view.

Each view (``posterior``, ``anterior``, ``lateral``, ``medial``, ``plantar``) is one SVG in
``assets/svg/``, drawn for the right leg. Its layout is a contract (see
``assets/svg/generate.py``)::

    <g id="artwork">   the leg (skin silhouette ``art-silhouette``, contours) and
        <g id="landmarks">  kneecap, fibular head, shinbone edge, ankle bones, ...
    <g id="zones">     one element per zone, id = zone id, class ``zone``
    <g id="muscles">   ``<g id="muscle-<id>" class="muscle superficial|deep">`` outlines
    <g id="anchors">   ``<circle id="trp-<id>">`` and ``<circle id="acu-<id>">``

The artwork is drawn by ``QSvgRenderer``, recorded once (calfchart.qt.artwork); hit-testing
and overlays use the exact shapes parsed here with svgelements (shared/design/QT-NOTES.md
§1), never bounding boxes.
All coordinates are the SVG's pixel units (no transforms, viewBox = width x height).
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import QPainterPath, QTransform

from calfchart import resources
from calfchart.domain.record import record
from calfchart.qt.chart_paint import label_point

if TYPE_CHECKING:
    import svgelements as se

VIEWS: tuple[str, ...] = ("posterior", "anterior", "lateral", "medial", "plantar")
"""The drawings, in the order the window shows them."""

GROUPS: tuple[str, ...] = ("artwork", "landmarks", "zones", "muscles", "anchors")
"""The group ids every drawing has."""

SILHOUETTE_ID = "art-silhouette"


@record
class Drawing:
    """One view of the leg, parsed: the SVG bytes plus its shapes in SVG pixel units."""

    view: str
    size: QSizeF
    svg: bytes
    zones: dict[str, QPainterPath]
    """Zone id → its exact outline (filled shape, winding fill)."""
    muscles: dict[str, QPainterPath]
    """Muscle id (without ``muscle-``) → all outline paths of its group (bellies closed,
    tendons open), added into one path."""
    anchors: dict[str, QPointF]
    """Full anchor id (``trp-soleus-1``, ``acu-BL57``) → centre."""
    deep_muscles: frozenset[str]
    """Muscle ids drawn as deep (dashed) in this view."""
    silhouette: QPainterPath
    """The leg's outline: the union of all zones (it equals the skin silhouette)."""
    ids: frozenset[str]
    """Every element id in the file."""
    zone_labels: dict[str, QPointF]
    """Zone id → a point well inside it (chart_paint.label_point), for badges and the
    keyboard's order; kept with the parsed shapes because finding it takes a while."""

    def zone_at(self, point: QPointF) -> str | None:
        """The zone under a point in drawing coordinates, if any."""
        for zid, path in self.zones.items():
            if path.contains(point):
                return zid
        return None


def _to_path(element: se.Shape) -> QPainterPath:
    """An svgelements shape as a QPainterPath (transforms already applied)."""
    import svgelements as se

    path = QPainterPath()
    for seg in se.Path(element).segments(transformed=True):
        if isinstance(seg, se.Move):
            path.moveTo(seg.end.x, seg.end.y)
        elif isinstance(seg, se.Close):
            path.closeSubpath()
        elif isinstance(seg, se.Line):
            path.lineTo(seg.end.x, seg.end.y)
        elif isinstance(seg, se.QuadraticBezier):
            path.quadTo(seg.control.x, seg.control.y, seg.end.x, seg.end.y)
        elif isinstance(seg, se.CubicBezier):
            path.cubicTo(
                seg.control1.x,
                seg.control1.y,
                seg.control2.x,
                seg.control2.y,
                seg.end.x,
                seg.end.y,
            )
        elif isinstance(seg, se.Arc):
            for c in seg.as_cubic_curves():
                path.cubicTo(
                    c.control1.x, c.control1.y, c.control2.x, c.control2.y, c.end.x, c.end.y
                )
    even_odd = element.values.get("fill-rule") == "evenodd"
    path.setFillRule(Qt.FillRule.OddEvenFill if even_odd else Qt.FillRule.WindingFill)
    return path


def _shapes(group: se.Group) -> list[se.Shape]:
    import svgelements as se

    return [e for e in group.select() if isinstance(e, se.Shape)]


def _union(paths: list[QPainterPath]) -> QPainterPath:
    """Add paths into one (no boolean operation), with winding fill."""
    out = QPainterPath()
    out.setFillRule(Qt.FillRule.WindingFill)
    for p in paths:
        out.addPath(p)
    return out


def parse_drawing(view: str, data: bytes) -> Drawing:
    """Parse one drawing's SVG bytes (use `load_drawing` for the bundled ones)."""
    import svgelements as se  # only when the drawing cache misses: it costs ~20 ms

    svg = se.SVG.parse(io.BytesIO(data), ppi=90)  # Qt converts physical units at 90 dpi
    by_id: dict[str, se.SVGElement] = {}
    for element in svg.elements():
        eid = element.values.get("id") if hasattr(element, "values") else None
        if eid and element is not svg:
            by_id[eid] = element
    missing = [g for g in GROUPS if g not in by_id]
    if missing:
        raise ValueError(f"{view}.svg lacks the groups {', '.join(missing)}")

    zones: dict[str, QPainterPath] = {}
    for child in by_id["zones"]:
        zid = child.values.get("id") if hasattr(child, "values") else None
        if not zid or isinstance(child, se.Title):
            continue
        shapes = [child] if isinstance(child, se.Shape) else _shapes(child)
        zones[zid] = _union([_to_path(s) for s in shapes])

    muscles: dict[str, QPainterPath] = {}
    deep: set[str] = set()
    for child in by_id["muscles"]:
        gid = child.values.get("id", "") if isinstance(child, se.Group) else ""
        if not gid.startswith("muscle-"):
            continue
        mid = gid.removeprefix("muscle-")
        muscles[mid] = _union([_to_path(s) for s in _shapes(child)])
        if "deep" in child.values.get("class", "").split():
            deep.add(mid)

    anchors = {
        aid: QPointF(float(el.cx), float(el.cy))
        for aid, el in by_id.items()
        if isinstance(el, se.Circle) and aid.startswith(("trp-", "acu-"))
    }

    silhouette = QPainterPath()
    for path in zones.values():
        silhouette = silhouette.united(path)
    return Drawing(
        view=view,
        size=QSizeF(float(svg.width), float(svg.height)),
        svg=data,
        zones=zones,
        muscles=muscles,
        anchors=anchors,
        deep_muscles=frozenset(deep),
        silhouette=silhouette.simplified(),
        ids=frozenset(by_id),
        zone_labels={zid: label_point(path) for zid, path in zones.items()},
    )


def element_path(svg: bytes, element_id: str) -> QPainterPath:
    """The exact shape of one element (or group) of an SVG, e.g. ``art-silhouette``."""
    import svgelements as se

    parsed = se.SVG.parse(io.BytesIO(svg), ppi=90)
    element = parsed.get_element_by_id(element_id)
    if element is None:
        raise KeyError(element_id)
    shapes = [element] if isinstance(element, se.Shape) else _shapes(element)
    return _union([_to_path(s) for s in shapes])


@cache
def load_drawing(view: str) -> Drawing:
    """The bundled drawing of one view, parsed once and cached."""
    if view not in VIEWS:
        raise KeyError(f"unknown view {view!r}; the views are {', '.join(VIEWS)}")
    from calfchart.qt.drawing_cache import cached

    return cached(view, resources.svg_bytes(view), parse_drawing)


_STYLE = re.compile(rb"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL)


def svg_with_style(svg: bytes, css: str) -> bytes:
    """The same SVG with its ``<style>`` block's rules replaced by `css` (themes, print)."""
    new, count = _STYLE.subn(
        lambda m: m.group(1) + b"\n" + css.encode("utf-8") + b"\n" + m.group(3), svg, count=1
    )
    if count != 1:
        raise ValueError("the SVG has no <style> block")
    return new


_APP_DRAWN_START = b'<g id="zones">'


def artwork_with_style(svg: bytes, css: str) -> bytes:
    """What QSvgRenderer paints of a drawing: its artwork and landmarks, styled by `css`.

    The zones, muscles and anchors follow the artwork in every drawing (see
    assets/svg/generate.py) and are drawn by calfchart from the parsed shapes; the
    style hides them anyway. Leaving them out saves the renderer parsing and keeping
    over half of each file.
    """
    styled = svg_with_style(svg, css)
    cut = styled.find(_APP_DRAWN_START)
    return styled if cut < 0 else styled[:cut] + b"</svg>\n"


def style_of(svg: bytes) -> str:
    """The CSS of a drawing's ``<style>`` block (to extend rather than replace it)."""
    m = _STYLE.search(svg)
    if m is None:
        raise ValueError("the SVG has no <style> block")
    return m.group(2).decode("utf-8")


def mirrored(drawing: Drawing) -> QTransform:
    """The transform that flips a drawing horizontally about its centre (the left leg).

    Apply it to the painter (or a graphics item) that draws the SVG and its paths; map
    clicks back with ``transform.inverted()`` (the flip is its own inverse).
    """
    return QTransform(-1.0, 0.0, 0.0, 1.0, drawing.size.width(), 0.0)
