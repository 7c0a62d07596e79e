"""The five leg drawings: ids match the catalog, zones tile the leg, anchors sit on the leg.

Uses the real shapes (svgelements → QPainterPath), never bounding boxes.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from calfchart import resources
from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Depth
from calfchart.qt.chart_paint import ChartPalette, artwork_css
from calfchart.qt.drawing import (
    GROUPS,
    SILHOUETTE_ID,
    VIEWS,
    Drawing,
    artwork_with_style,
    element_path,
    load_drawing,
    mirrored,
    style_of,
    svg_with_style,
)

SVG_DIR = Path(__file__).resolve().parents[1] / "assets" / "svg"
GRID = 3.0
"""Sample spacing (px) of the tiling check."""
EDGE_BAND = 1.5
"""Samples this close to a zone's edge may hit two zones or none (float rounding)."""
NEAR_MUSCLE = 4.0
"""A trigger point may sit this far outside its muscle's outline (on the border)."""


@pytest.fixture(params=VIEWS)
def drawing(request: pytest.FixtureRequest, qapp: QApplication) -> Drawing:
    return load_drawing(request.param)


def _in_view(views: tuple[object, ...], view: str) -> bool:
    return any(getattr(v, "value", v) == view for v in views)


def test_loads_in_qt_with_all_groups(drawing: Drawing) -> None:
    renderer = QSvgRenderer(QByteArray(drawing.svg))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, drawing.size.width(), drawing.size.height())
    for group in (*GROUPS, SILHOUETTE_ID):
        assert group in drawing.ids
        assert renderer.elementExists(group)


def test_zones_are_those_of_the_catalog(drawing: Drawing, catalog: Catalog) -> None:
    expected = {z.id for z in catalog.zones.values() if _in_view(z.views, drawing.view)}
    assert set(drawing.zones) == expected


def test_muscles_are_those_of_the_catalog(drawing: Drawing, catalog: Catalog) -> None:
    here = [m for m in catalog.muscles.values() if _in_view(m.views, drawing.view)]
    assert set(drawing.muscles) == {m.id for m in here}
    assert drawing.deep_muscles == {m.id for m in here if m.depth is Depth.DEEP}
    for muscle_id, path in drawing.muscles.items():
        assert not path.isEmpty(), muscle_id


def test_anchors_are_those_of_the_catalog(drawing: Drawing, catalog: Catalog) -> None:
    view = drawing.view
    trps = {f"trp-{tp.id}" for tp in catalog.trigger_points.values() if _in_view(tp.views, view)}
    acus = {f"acu-{a.id}" for a in catalog.acupressure.values() if _in_view(a.views, view)}
    assert set(drawing.anchors) == trps | acus


def test_no_stray_ids(drawing: Drawing, catalog: Catalog) -> None:
    known = set(GROUPS) | set(catalog.zones)
    known |= {f"muscle-{m}" for m in catalog.muscles}
    known |= {f"trp-{t}" for t in catalog.trigger_points}
    known |= {f"acu-{a}" for a in catalog.acupressure}
    strays = {i for i in drawing.ids if i not in known and not i.startswith("art-")}
    assert not strays


def test_only_the_svg_subset_qt_draws(drawing: Drawing) -> None:
    text = drawing.svg.decode("utf-8")
    tags = set(re.findall(r"<([a-zA-Z][\w:-]*)", text))
    assert tags <= {"svg", "g", "path", "circle", "ellipse", "title", "style"}
    assert not re.search(r"\stransform=", text)
    assert not re.search(r"\b(fill|stroke)=", text), "colours belong in the <style> block"
    size = f'width="{drawing.size.width():g}" height="{drawing.size.height():g}"'
    assert size in text
    assert f'viewBox="0 0 {drawing.size.width():g} {drawing.size.height():g}"' in text
    for d in re.findall(r' d="([^"]*)"', text):
        assert set(re.findall(r"[A-Za-z]", d)) <= set("MLCQZ"), "absolute M L C Q Z only"


def _border_band(paths: list[QPainterPath]) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(2 * EDGE_BAND)
    band = QPainterPath()
    for path in paths:
        band.addPath(stroker.createStroke(path))
    band.setFillRule(Qt.FillRule.WindingFill)
    return band


def test_zones_tile_the_leg(drawing: Drawing) -> None:
    """Every sample on the leg is in exactly one zone; none off the leg is in a zone."""
    skin = element_path(drawing.svg, SILHOUETTE_ID)
    zones = [(zid, path, path.boundingRect()) for zid, path in drawing.zones.items()]
    band = _border_band([skin, *(path for _, path, _ in zones)])
    problems: list[str] = []
    y = GRID / 2
    while y < drawing.size.height():
        x = GRID / 2
        while x < drawing.size.width():
            point = QPointF(x, y)
            hits = [zid for zid, path, box in zones if box.contains(point) and path.contains(point)]
            expected = 1 if skin.contains(point) else 0
            if len(hits) != expected and not band.contains(point):
                problems.append(f"({x:.1f}, {y:.1f}): {hits or 'no zone'}")
            x += GRID
        y += GRID
    assert not problems, f"{len(problems)} bad samples, e.g. {problems[:8]}"


def test_anchors_sit_on_the_leg_and_their_muscle(drawing: Drawing, catalog: Catalog) -> None:
    skin = element_path(drawing.svg, SILHOUETTE_ID)
    for aid, point in drawing.anchors.items():
        assert skin.contains(point), f"{aid} is off the leg"
        assert drawing.zone_at(point) is not None, f"{aid} is in no zone"
    for tp in catalog.trigger_points.values():
        anchor = drawing.anchors.get(f"trp-{tp.id}")
        if anchor is None:
            continue
        outline = drawing.muscles[tp.muscle_id]
        near = QRectF(
            anchor.x() - NEAR_MUSCLE, anchor.y() - NEAR_MUSCLE, 2 * NEAR_MUSCLE, 2 * NEAR_MUSCLE
        )
        assert outline.contains(anchor) or outline.intersects(near), (
            f"trp-{tp.id} is not on {tp.muscle_id}"
        )


def test_muscles_lie_within_the_leg(drawing: Drawing) -> None:
    skin = element_path(drawing.svg, SILHOUETTE_ID)
    band = _border_band([skin])
    for muscle_id, path in drawing.muscles.items():
        outside = [
            point
            for point in (path.pointAtPercent(i / 200) for i in range(201))
            if not skin.contains(point) and not band.contains(point)
        ]
        assert not outside, f"{muscle_id} leaves the leg at {outside[:3]}"


def _render(svg: bytes, size: tuple[int, int]) -> QImage:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    with QPainter(image) as painter:
        QSvgRenderer(QByteArray(svg)).render(painter)
    return image


def test_muscles_and_anchors_are_hidden_in_the_base_look(drawing: Drawing) -> None:
    size = (round(drawing.size.width()), round(drawing.size.height()))
    start = drawing.svg.index(b'<g id="muscles">')  # muscles, then anchors, close the file
    assert start < drawing.svg.index(b'<g id="anchors">')
    bare = drawing.svg[:start] + b"</svg>\n"
    assert _render(drawing.svg, size) == _render(bare, size)
    if drawing.anchors:  # and the app (or Inkscape) can show them by restyling
        shown = svg_with_style(
            drawing.svg, style_of(drawing.svg) + ".anchor { visibility: visible; }"
        )
        assert _render(shown, size) != _render(drawing.svg, size)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calfchart_svg_generate", SVG_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_committed_svgs_equal_the_generator_output() -> None:
    generator = _generator()
    made = {view.name: view.svg() for view in (make() for make in generator.VIEWS)}
    assert set(made) == set(VIEWS)
    for name, text in made.items():
        committed = (SVG_DIR / f"{name}.svg").read_text(encoding="utf-8")
        assert committed == text, f"{name}.svg differs: run python assets/svg/generate.py"


def test_svg_with_style_swaps_only_the_style() -> None:
    svg = b'<svg><style type="text/css">.a { fill: red; }</style><path class="a"/></svg>'
    out = svg_with_style(svg, ".a { fill: blue; }")
    assert b"blue" in out and b"red" not in out
    assert out.endswith(b'</style><path class="a"/></svg>')
    assert style_of(out).strip() == ".a { fill: blue; }"
    with pytest.raises(ValueError, match="style"):
        svg_with_style(b"<svg/>", "")


def test_mirrored_flips_about_the_centre(qapp: QApplication) -> None:
    drawing = load_drawing("posterior")
    flip = mirrored(drawing)
    width = drawing.size.width()
    assert flip.map(QPointF(10, 20)) == QPointF(width - 10, 20)
    assert flip.map(flip.map(QPointF(3, 4))) == QPointF(3, 4)


@pytest.mark.parametrize("view", VIEWS)
def test_the_artwork_alone_paints_exactly_what_the_whole_drawing_paints(
    qapp: QApplication, view: str
) -> None:
    """artwork_with_style leaves out what the app draws itself; not one pixel differs."""
    svg = resources.svg_bytes(view)
    css = artwork_css(ChartPalette.LIGHT)
    whole, artwork = svg_with_style(svg, css), artwork_with_style(svg, css)
    assert len(artwork) < len(whole) / 2

    def painted(data: bytes) -> QImage:
        renderer = QSvgRenderer(QByteArray(data))
        assert renderer.isValid()
        size = renderer.defaultSize()
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    assert painted(artwork) == painted(whole)


def test_the_heel_trigger_point_and_bl57_sit_where_their_texts_put_them() -> None:
    """BL57 is in the hollow where the two calf bellies part, halfway from the knee
    crease to the outer ankle bone (WHO); soleus' heel point is 2-3 cm below the lower
    end of the bellies (Travell & Simons), which is the inner belly's, so the two lie
    far apart on the back view. A reviewer who read "the end of the bellies" as BL57's
    hollow saw the X 6 cm too low; the soleus text now names the inner belly."""
    generator = _generator()
    view = generator.posterior()
    cm = (generator.LAT_MALL - generator.KNEE) / 39.5  # knee crease to ankle, 1.75 m adult
    anchors = {aid: point for aid, _, point, _ in view.anchors}
    gastrocnemius = next(m for m in view.muscles if m.id == "gastrocnemius")
    belly_ends = sorted(max(seg[3][1] for seg in belly) for belly in gastrocnemius.bellies)
    inner_end = belly_ends[-1]
    heel_x, heel_y = anchors["trp-soleus-1"]
    assert 2 * cm <= heel_y - inner_end <= 3 * cm
    assert heel_x < anchors["acu-BL57"][0]  # inner of the middle: the inner side is on the left
    bl57_y = anchors["acu-BL57"][1]
    assert bl57_y == pytest.approx(generator.KNEE + 8 * generator.CUN)
    assert bl57_y < belly_ends[0] < inner_end  # the hollow above both bellies' ends
