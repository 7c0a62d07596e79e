"""The interactive leg drawing, driven the way a person drives it: clicks, keys, menus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QMenu
from pytestqt.qtbot import QtBot

from calfchart.controller import ChartController
from calfchart.domain.catalog import Catalog
from calfchart.domain.zones import Side, View
from calfchart.qt import chart_view
from calfchart.qt.chart_paint import label_point, pattern_colors
from calfchart.qt.chart_view import ChartView, LabelItem
from tests.chart_helpers import click_scene, click_zone, drag, interior_point, zone_scene_point

ViewMaker = Callable[..., ChartView]


@pytest.fixture
def controller(catalog: Catalog) -> ChartController:
    return ChartController(catalog)


@pytest.fixture
def make_view(qtbot: QtBot, controller: ChartController) -> ViewMaker:
    def make(view: View = View.POSTERIOR, width: int = 360, height: int = 760) -> ChartView:
        widget = ChartView(controller, view)
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return make


def _tagged(view: ChartView, kind: str) -> list[QGraphicsPathItem]:
    found = []
    for item in view.chart_scene().items():
        data = item.data(0)
        if isinstance(data, tuple) and data[0] == kind:
            assert isinstance(item, QGraphicsPathItem)
            found.append(item)
    return found


def _send_context_menu(view: ChartView, scene_point: QPointF) -> None:
    pos = view.mapFromScene(scene_point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)


# -- clicking zones ---------------------------------------------------------------------


def test_every_zone_of_every_view_is_drawn(make_view: ViewMaker, catalog: Catalog) -> None:
    for kind in View:
        view = make_view(kind)
        wanted = {z.id for z in catalog.zones_in(kind)}
        assert set(view.chart_scene().zones) == wanted, kind


def test_a_click_inside_a_zone_marks_it_and_ranks_trigger_points(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    click_zone(qtbot, view, "calf_lower_medial")
    assert dict(controller.pain) == {"calf_lower_medial": 5}
    assert controller.suggestions
    assert any(
        "calf_lower_medial" in s.essential_matches + s.spillover_matches
        for s in controller.suggestions
    )
    item = view.chart_scene().zones["calf_lower_medial"]
    assert item.brush().style() is Qt.BrushStyle.SolidPattern

    click_zone(qtbot, view, "calf_lower_medial")
    assert dict(controller.pain) == {}
    assert controller.suggestions == ()
    assert item.brush().style() is Qt.BrushStyle.NoBrush


def test_a_zone_marked_in_one_view_shows_in_every_view(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    back = make_view(View.POSTERIOR)
    inner = make_view(View.MEDIAL)
    click_zone(qtbot, back, "achilles")
    assert inner.chart_scene().zones["achilles"].brush().style() is Qt.BrushStyle.SolidPattern
    # ... and cleared from the other one.
    click_zone(qtbot, inner, "achilles")
    assert "achilles" not in controller.pain
    assert back.chart_scene().zones["achilles"].brush().style() is Qt.BrushStyle.NoBrush


def test_a_click_outside_the_leg_does_nothing(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    rect = view.chart_scene().sceneRect()
    corner = QPointF(rect.left() + 2, rect.bottom() - 2)
    assert not any(item.path().contains(corner) for item in view.chart_scene().zones.values())
    click_scene(qtbot, view, corner)
    assert dict(controller.pain) == {}


def test_a_click_in_a_zones_bounding_box_but_outside_its_shape_does_nothing(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    scene = view.chart_scene()
    paths = [item.path() for item in scene.zones.values()]
    # A point inside some zone's box but outside every zone: a box hit test would take it.
    found = None
    for item in scene.zones.values():
        box = item.path().boundingRect().adjusted(1.5, 1.5, -1.5, -1.5)
        for corner in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()):
            if not any(p.contains(corner) for p in paths):
                found = item.mapToScene(corner)
                break
        if found is not None:
            break
    assert found is not None
    view.centerOn(found)
    click_scene(qtbot, view, found)
    assert dict(controller.pain) == {}


def test_hovering_a_zone_names_it(qtbot: QtBot, make_view: ViewMaker) -> None:
    view = make_view()
    point = zone_scene_point(view, "knee_posterior")
    with qtbot.waitSignal(view.hovered, check_params_cb=lambda n: n == "back of knee"):
        qtbot.mouseMove(view.viewport(), view.mapFromScene(point))
    assert view.chart_scene().zones["knee_posterior"].toolTip().count("back of knee") == 1


# -- how much it hurts ----------------------------------------------------------------------


def test_the_context_menu_sets_the_intensity(
    make_view: ViewMaker, controller: ChartController, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view()
    offered: list[list[object]] = []

    def choose_eight(menu: QMenu, pos: QPoint) -> object:
        offered.append([a.data() for a in menu.actions() if a.data() is not None])
        return 8

    monkeypatch.setattr(chart_view, "popup_menu", choose_eight)
    _send_context_menu(view, zone_scene_point(view, "calf_upper_lateral"))
    assert offered == [[*range(11), "clear"]]
    assert dict(controller.pain) == {"calf_upper_lateral": 8}

    monkeypatch.setattr(chart_view, "popup_menu", lambda menu, pos: "clear")
    _send_context_menu(view, zone_scene_point(view, "calf_upper_lateral"))
    assert dict(controller.pain) == {}


def test_dismissing_the_context_menu_changes_nothing(
    make_view: ViewMaker, controller: ChartController, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view()
    monkeypatch.setattr(chart_view, "popup_menu", lambda menu, pos: None)
    _send_context_menu(view, zone_scene_point(view, "achilles"))
    assert dict(controller.pain) == {}


def test_number_keys_set_the_intensity_of_the_zone_under_the_mouse(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    view.setFocus()
    qtbot.mouseMove(view.viewport(), view.mapFromScene(zone_scene_point(view, "achilles")))
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert dict(controller.pain) == {"achilles": 7}
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ShiftModifier)
    assert dict(controller.pain) == {"achilles": 10}
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert dict(controller.pain) == {"achilles": 0}
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dict(controller.pain) == {}


def test_marked_zones_are_shaded_darker_the_more_they_hurt(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.set_intensity("calf_upper_medial", 2)
    controller.set_intensity("calf_lower_medial", 9)
    zones = view.chart_scene().zones
    mild = zones["calf_upper_medial"].brush().color()
    severe = zones["calf_lower_medial"].brush().color()
    assert severe.lightnessF() < mild.lightnessF()
    badges = sorted(
        i.text for i in view.chart_scene().items() if isinstance(i, LabelItem) and i.text.isdigit()
    )
    assert badges == ["2", "9"]


# -- overlays, markers, muscles, acupressure ---------------------------------------------


def test_a_shown_pattern_draws_solid_and_hatched_zones_and_an_x(
    make_view: ViewMaker, controller: ChartController, catalog: Catalog
) -> None:
    view = make_view()
    tp = catalog.trigger_point("soleus-1")
    controller.focus("soleus-1")
    scene = view.chart_scene()
    essential = _tagged(view, "essential")
    spillover = _tagged(view, "spillover")
    assert len(essential) == 1
    here = {z for z in tp.referral.essential if z in scene.zones}
    for zone_id in here:
        assert essential[0].path().contains(interior_point(scene.zones[zone_id].path()))
    spill_here = {z for z in tp.referral.spillover - tp.referral.essential if z in scene.zones}
    assert bool(spillover) == bool(spill_here)
    markers = _tagged(view, "trigger-point")
    assert len(markers) == 1
    anchor = scene.drawing.anchors["trp-soleus-1"]
    assert markers[0].path().contains(anchor + QPointF(0.5, 0.5))
    assert markers[0].brush().color() == pattern_colors(1)[0]

    controller.focus(None)
    assert _tagged(view, "essential") == []
    assert _tagged(view, "trigger-point") == []


def test_a_red_flag_removes_the_press_marks_but_keeps_the_pattern(
    make_view: ViewMaker, controller: ChartController, catalog: Catalog
) -> None:
    view = make_view()
    controller.focus("soleus-1")
    question = catalog.red_flags["dvt"].questions[0].id
    controller.set_answer(question, True)
    assert _tagged(view, "trigger-point") == []
    assert _tagged(view, "essential")
    controller.set_answer(question, False)
    assert len(_tagged(view, "trigger-point")) == 1


def test_the_pain_shading_stays_on_top_of_a_pattern_s_solid_zone(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view(View.PLANTAR)
    scene = view.chart_scene()
    controller.set_intensity("heel_plantar", 9)
    controller.focus("soleus-1")
    point = scene.zone_point("heel_plantar")
    heel = scene.zones["heel_plantar"]
    tags = [
        "pain" if item is heel else item.data(0)[0]
        for item in scene.items(point)
        if item is heel or isinstance(item.data(0), tuple)
    ]
    # Top first: the pattern's outline, then the zone with its pain, then the tint.
    assert tags.index("essential-edge") < tags.index("pain") < tags.index("essential")


def test_two_overlays_differ_in_colour_and_hatch(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.focus("gastrocnemius-1")
    controller.focus("soleus-1", add=True)
    fills = {i.data(0)[1]: i.brush().color().rgb() for i in _tagged(view, "essential")}
    assert set(fills) == {"gastrocnemius-1", "soleus-1"}
    assert fills["gastrocnemius-1"] != fills["soleus-1"]
    markers = {i.data(0)[1]: i.brush().color().rgb() for i in _tagged(view, "trigger-point")}
    assert markers["gastrocnemius-1"] != markers["soleus-1"]


def test_overlays_let_clicks_through_to_the_zones(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.focus("soleus-1")
    click_zone(qtbot, view, "achilles")
    assert "achilles" in controller.pain


def test_a_marker_is_not_drawn_in_views_without_its_anchor(
    make_view: ViewMaker, controller: ChartController
) -> None:
    sole = make_view(View.PLANTAR)
    controller.focus("soleus-1")
    assert _tagged(sole, "trigger-point") == []
    # The sole still shows where soleus-1 sends its pain.
    assert _tagged(sole, "essential") or _tagged(sole, "spillover")


def test_toggling_a_muscle_shows_and_hides_its_outline(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.set_muscle_shown("gastrocnemius", True)
    outlines = _tagged(view, "muscle")
    assert [i.data(0)[1] for i in outlines] == ["gastrocnemius"]
    labels = [i for i in view.chart_scene().items() if isinstance(i, LabelItem)]
    assert any(label.text.startswith("Gastrocnemius") for label in labels)
    controller.set_muscle_shown("gastrocnemius", False)
    assert _tagged(view, "muscle") == []


def test_deep_muscles_are_dashed(make_view: ViewMaker, controller: ChartController) -> None:
    view = make_view()
    deep = sorted(view.chart_scene().drawing.deep_muscles)[0]
    controller.show_muscles({deep, "gastrocnemius"})
    styles = {i.data(0)[1]: i.pen().style() for i in _tagged(view, "muscle")}
    assert styles[deep] is Qt.PenStyle.DashLine
    assert styles["gastrocnemius"] is Qt.PenStyle.SolidLine


def test_acupressure_points_follow_the_focused_muscle(
    make_view: ViewMaker, controller: ChartController, catalog: Catalog
) -> None:
    view = make_view()
    controller.set_acupressure_shown(True)
    anchors = view.chart_scene().drawing.anchors
    # With nothing focused: every point some muscle offers, never BL40 in the knee hollow.
    every = {p for p in catalog.offered_acupressure() if f"acu-{p}" in anchors}
    assert {i.data(0)[1] for i in _tagged(view, "acupressure")} == every
    assert "BL40" not in every and "BL56" in every

    controller.focus("soleus-1")
    wanted = {p for p in catalog.muscles["soleus"].treatment.acupressure if f"acu-{p}" in anchors}
    assert {i.data(0)[1] for i in _tagged(view, "acupressure")} == wanted
    labels = {i.text for i in view.chart_scene().items() if isinstance(i, LabelItem)}
    assert wanted <= labels

    controller.set_acupressure_shown(False)
    assert _tagged(view, "acupressure") == []


def test_a_red_flag_hides_the_acupressure_points(
    make_view: ViewMaker, controller: ChartController, catalog: Catalog
) -> None:
    view = make_view()
    controller.focus("soleus-1")
    controller.set_acupressure_shown(True)
    assert _tagged(view, "acupressure")
    question = catalog.red_flags["achilles_rupture"].questions[0].id
    controller.set_answer(question, True)
    assert _tagged(view, "acupressure") == []
    controller.set_answer(question, False)
    assert _tagged(view, "acupressure")


def test_a_point_not_for_self_pressure_is_a_crossed_circle_not_an_x(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.focus("popliteus-1")
    assert _tagged(view, "trigger-point") == []
    (mark,) = _tagged(view, "no-press-point")
    assert "Not for pressing yourself" in mark.toolTip()
    anchor = view.chart_scene().drawing.anchors["trp-popliteus-1"]
    # A ring with a slash: off the slash, inside the ring, it is open.
    d = mark.path().boundingRect().width() * 0.15
    assert mark.path().contains(anchor) and not mark.path().contains(anchor + QPointF(d, d))
    controller.focus("soleus-1")
    assert _tagged(view, "no-press-point") == [] and len(_tagged(view, "trigger-point")) == 1


def test_a_spot_at_the_edge_of_the_knee_hollow_is_not_to_be_pressed(
    make_view: ViewMaker, controller: ChartController
) -> None:
    # Gastrocnemius may be pressed, but not where its heads leave the thighbone.
    view = make_view()
    for tp_id in ("gastrocnemius-3", "gastrocnemius-4"):
        controller.focus(tp_id)
        assert _tagged(view, "trigger-point") == [] and len(_tagged(view, "no-press-point")) == 1
    controller.focus("gastrocnemius-1")
    assert _tagged(view, "no-press-point") == [] and len(_tagged(view, "trigger-point")) == 1


# -- the left leg, zoom and pan ---------------------------------------------------------------


def test_the_left_leg_is_the_mirror_image_and_text_stays_readable(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    scene = view.chart_scene()
    right_point = zone_scene_point(view, "calf_upper_lateral")
    controller.set_side(Side.LEFT)
    left_point = zone_scene_point(view, "calf_upper_lateral")
    width = scene.sceneRect().width()
    assert left_point.x() == pytest.approx(width - right_point.x())
    assert left_point.y() == pytest.approx(right_point.y())
    click_scene(qtbot, view, left_point)
    assert dict(controller.pain) == {"calf_upper_lateral": 5}

    controller.set_muscle_shown("gastrocnemius", True)
    for label in (i for i in scene.items() if isinstance(i, LabelItem)):
        assert label.deviceTransform(view.viewportTransform()).m11() > 0
    assert view.accessibleName() == "Back of the left leg"


def test_zoom_keeps_clicks_working(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    for _ in range(6):
        view.zoom_in()
    assert view.zoom_factor() == pytest.approx(1.25**6, rel=1e-3)
    click_zone(qtbot, view, "heel_posterior")
    assert "heel_posterior" in controller.pain
    view.fit()
    assert view.zoom_factor() == pytest.approx(1.0)


def test_zooming_by_key_keeps_the_painful_zones_in_sight(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    view.resize(300, 600)
    view.show()
    qtbot.waitExposed(view)
    controller.set_intensity("achilles", 6)
    controller.set_intensity("calf_lower_medial", 4)
    scene = view.chart_scene()
    for _ in range(6):
        view.zoom_in()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    for zone in ("achilles", "calf_lower_medial"):
        assert seen.contains(scene.zone_point(zone)), zone


def test_zoom_is_clamped(make_view: ViewMaker) -> None:
    view = make_view()
    for _ in range(40):
        view.zoom_in()
    assert view.zoom_factor() == pytest.approx(chart_view.MAX_ZOOM)
    for _ in range(80):
        view.zoom_out()
    assert view.zoom_factor() == pytest.approx(chart_view.MIN_ZOOM)


def test_zoom_keys(qtbot: QtBot, make_view: ViewMaker) -> None:
    view = make_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom_factor() > 1.0
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom_factor() < 1.0
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(1.0)


def test_dragging_the_background_pans(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    for _ in range(5):
        view.zoom_in()
    rect = view.chart_scene().sceneRect()
    background = QPointF(rect.left() + 3, rect.top() + 3)
    view.centerOn(background)
    start = view.mapFromScene(background)
    bar = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    drag(qtbot, view, start, [start + QPoint(-60, -60)])
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) != bar
    assert dict(controller.pain) == {}


def test_markers_stay_visible_when_zoomed_out(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.focus("soleus-1")
    for _ in range(12):
        view.zoom_out()
    marker = _tagged(view, "trigger-point")[0]
    on_screen = view.mapFromScene(marker.sceneBoundingRect()).boundingRect()
    assert on_screen.width() >= chart_view.MARKER_MIN_PIXELS - 1


# -- keyboard -----------------------------------------------------------------------------------


def test_arrow_keys_and_space_mark_a_zone(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    view.setFocus()
    scene = view.chart_scene()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first = scene.current
    assert first == scene.keyboard_order[0]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = scene.current
    assert second is not None and second != first
    assert scene.zone_point(second).y() > scene.zone_point(first).y()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dict(controller.pain) == {second: 5}
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert dict(controller.pain) == {second: 3}
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dict(controller.pain) == {}
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert scene.current == first


def test_moving_through_the_zones_is_announced_to_screen_readers(
    qtbot: QtBot,
    make_view: ViewMaker,
    controller: ChartController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from calfchart.qt import chart_view

    said: list[str] = []
    monkeypatch.setattr(chart_view, "announce", lambda widget, text: said.append(text))
    view = make_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first = view.chart_scene().current
    assert first is not None
    name = controller.catalog.zones[first].name
    assert said[-1] == f"{name}, not marked"
    qtbot.keyClick(view, Qt.Key.Key_7)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert said[-1] == f"{name}, marked, 7 of 10"


def test_tabbing_into_a_drawing_lands_on_a_zone_that_space_marks(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    # The event a Tab from the previous widget delivers (offscreen windows are never
    # active, so setFocus alone sends none).
    QApplication.sendEvent(view, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    first = view.chart_scene().keyboard_order[0]
    assert view.chart_scene().current == first
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dict(controller.pain) == {first: 5}


def test_arrows_go_the_way_they_point(make_view: ViewMaker) -> None:
    front_view = make_view(View.ANTERIOR)
    front = front_view.chart_scene()
    # Left from the shin goes left or nowhere, never down the shin.
    left = front.neighbour("shin_upper", -1, 0)
    here = front.zone_point("shin_upper")
    assert left is None or front.zone_point(left).x() < here.x()
    assert left != "shin_lower"
    view = make_view()
    scene = view.chart_scene()
    assert scene.neighbour("calf_lower_lateral", 0, 1) == "achilles"
    assert scene.neighbour("calf_lower_medial", 0, 1) == "achilles"
    assert scene.neighbour("calf_upper_medial", 0, 1) == "calf_lower_medial"
    assert scene.neighbour("achilles", 0, 1) == "heel_posterior"


def test_tab_leaves_the_drawing_in_one_press(qtbot: QtBot, make_view: ViewMaker) -> None:
    """A drawing is one Tab stop, like a list: the arrow keys move between its zones."""
    view = make_view(View.PLANTAR)
    view.setFocus()
    scene = view.chart_scene()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert scene.current == scene.keyboard_order[0]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert scene.current is None
    # The keyboard starts at the top of the drawing.
    ys = [scene.zone_point(z).y() for z in scene.keyboard_order]
    assert ys[0] == min(ys)


def test_ctrl_and_a_digit_is_not_an_intensity(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert dict(controller.pain) == {}


def test_the_keys_act_on_the_zone_with_the_outline(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    """Moved to one zone with the arrows and hovering another, the number keys and
    Space act on the same zone: the one the focus outline shows."""
    view = make_view()
    view.setFocus()
    scene = view.chart_scene()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    moved_to = scene.current
    hovered = next(z for z in scene.keyboard_order if z != moved_to)
    scene.zone_hovered(hovered, True)
    assert scene.current == hovered
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert dict(controller.pain) == {hovered: 4}
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dict(controller.pain) == {}


def test_dark_mode_restyles_without_losing_the_marks(
    make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    controller.set_intensity("achilles", 6)
    before = view.chart_scene().backgroundBrush().color().lightnessF()
    view.set_dark(True)
    after = view.chart_scene().backgroundBrush().color().lightnessF()
    assert after < before
    assert view.chart_scene().zones["achilles"].brush().style() is Qt.BrushStyle.SolidPattern


def test_the_wheel_zooms_under_the_pointer(make_view: ViewMaker) -> None:
    view = make_view(width=200)
    view.zoom_in()  # wider than the window, so it can scroll sideways too
    target = zone_scene_point(view, "calf_upper_lateral")
    view.centerOn(target + QPointF(15, 40))
    pos = view.mapFromScene(target)
    wheel = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom_factor() == pytest.approx(1.25 * chart_view.WHEEL_ZOOM_BASE**240, rel=1e-3)
    # The spot under the pointer stays under it.
    after = view.mapToScene(pos)
    assert abs(after.x() - target.x()) < 2 and abs(after.y() - target.y()) < 2


def test_a_deleted_view_stops_listening(
    qtbot: QtBot, controller: ChartController, make_view: ViewMaker
) -> None:
    doomed = ChartView(controller, View.POSTERIOR)
    doomed.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(doomed))
    survivor = make_view()
    controller.toggle_zone("achilles")
    assert survivor.chart_scene().zones["achilles"].brush().style() is Qt.BrushStyle.SolidPattern


def test_dragging_from_a_zone_pans_instead_of_marking_it(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    view = make_view()
    for _ in range(8):
        view.zoom_in()
    point = zone_scene_point(view, "calf_upper_medial")
    view.centerOn(point)
    start = view.mapFromScene(point)
    bars = view.horizontalScrollBar(), view.verticalScrollBar()
    before = bars[0].value(), bars[1].value()
    drag(qtbot, view, start, [start + QPoint(-10 * step, -12 * step) for step in range(1, 5)])
    assert (bars[0].value(), bars[1].value()) != before
    assert dict(controller.pain) == {}


@pytest.mark.parametrize("view", list(View))
def test_every_zone_s_label_and_keyboard_point_lies_inside_it(
    make_view: ViewMaker, view: View
) -> None:
    chart = make_view(view)
    scene = chart.chart_scene()
    outside = [
        zone_id
        for zone_id, item in scene.zones.items()
        if not scene.drawing.zones[zone_id].contains(label_point(scene.drawing.zones[zone_id]))
        or not item.contains(item.anchor)
    ]
    assert outside == []


# -- texts that keep clear of each other ---------------------------------------------------

CROWDED_CASES = {
    "runner": {"heel_plantar": 7, "calf_lower_medial": 5, "achilles": 4},
    "back of knee": {"knee_posterior": 6, "calf_upper_medial": 4},
    "outer ankle": {"malleolus_lateral": 6, "leg_lateral_lower": 4, "foot_dorsum_lateral": 3},
}


@pytest.mark.parametrize("case", sorted(CROWDED_CASES))
@pytest.mark.parametrize(("size", "roomy"), [((360, 760), True), ((180, 420), False)])
def test_badges_and_labels_never_cover_marks_dots_or_each_other(
    make_view: ViewMaker,
    controller: ChartController,
    case: str,
    size: tuple[int, int],
    roomy: bool,
) -> None:
    """A zone's number stays in its zone when the drawing leaves room for it; on a
    small drawing it may sit beside the zone, but it never covers a mark."""
    for zone_id, level in CROWDED_CASES[case].items():
        controller.set_intensity(zone_id, level)
    controller.set_acupressure_shown(True)
    controller.show_muscles({"soleus", "gastrocnemius", "tibialis_anterior"})
    for kind in View:
        view = make_view(kind, *size)
        scene = view.chart_scene()
        scale = view.transform().m11()
        badges = {z: b.scene_rect_at(scale) for z, b in scene._badge_items.items()}
        labels = [
            item.scene_rect_at(scale)
            for item in scene.items()
            if isinstance(item, LabelItem) and item.data(0) is not None
            and item.data(0)[0] in ("muscle-label", "acupressure-label")
        ]  # fmt: skip
        fixed = [i.sceneBoundingRect() for i in _tagged(view, "trigger-point")]
        fixed += [i.sceneBoundingRect() for i in _tagged(view, "no-press-point")]
        fixed += [i.sceneBoundingRect() for i in _tagged(view, "acupressure")]
        placed: list = []
        for zone_id, rect in sorted(badges.items(), key=lambda kv: kv[1].top()):
            assert not [r for r in fixed + placed if r.intersects(rect)], (case, kind, zone_id)
            zone = scene.zones[zone_id]
            inside = zone.mapToScene(zone.shape()).contains(rect.center())
            assert inside or not roomy, (case, kind, zone_id)
            placed.append(rect)
        for n, rect in enumerate(labels):
            others = fixed + list(badges.values()) + labels[:n]
            assert not [r for r in others if r.intersects(rect)], (case, kind, rect)


def test_the_three_drawings_share_the_width_and_the_tab_titles_fit(
    qtbot: QtBot, controller: ChartController
) -> None:
    from calfchart.qt.chart_area import SHORT_TAB_TITLES, THIRD_PANE_VIEWS, ChartArea

    area = ChartArea(controller)
    qtbot.addWidget(area)
    tabs = area.third_tabs
    for width, whole in ((900, True), (520, False), (900, True)):
        area.resize(width, 600)
        area.show()
        qtbot.waitExposed(area)
        qtbot.wait(10)
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        expected = [v.label if whole else SHORT_TAB_TITLES[v] for v in THIRD_PANE_VIEWS]
        assert titles == expected, (width, titles)
        if not whole:  # narrow: the third pane no wider than the others
            sizes = area.splitter.sizes()
            assert max(sizes) - min(sizes) <= 4, sizes
            assert tabs.sizeHint().width() <= sizes[2]
    # Screen readers and tooltips always have the whole name.
    assert [tabs.tabToolTip(i) for i in range(3)] == [v.label for v in THIRD_PANE_VIEWS]


def test_a_text_at_the_edge_of_the_drawing_moves_inside_it() -> None:
    from calfchart.qt.chart_view import _free_place

    bounds = QRectF(0, 0, 200, 400)
    home = QRectF(-30, 100, 80, 14)  # a muscle's name sticking out on the left
    _, offset = _free_place(home, [], None, bounds)
    assert bounds.contains(home.translated(offset))
    assert _free_place(QRectF(50, 100, 80, 14), [], None, bounds)[1].isNull()


def test_a_long_muscle_name_takes_two_lines_in_a_narrow_view(
    qtbot: QtBot, make_view: ViewMaker, controller: ChartController
) -> None:
    """At 1280 px the inner side read "Flexor digitorum lo": the view cut the name."""
    view = make_view(View.MEDIAL, width=150, height=600)
    controller.set_muscle_shown("flexor_digitorum_longus", True)
    shown = view.viewport().rect()

    def names(chart: ChartView) -> list[LabelItem]:
        items = chart.chart_scene().items()
        return [i for i in items if isinstance(i, LabelItem) and "digitorum" in i.text]

    def on_screen(label: LabelItem) -> bool:
        area = view.mapFromScene(label.sceneBoundingRect()).boundingRect()
        return shown.contains(area)

    qtbot.waitUntil(lambda: bool(names(view)) and all(on_screen(n) for n in names(view)))
    wide = make_view(View.MEDIAL, width=600, height=600)
    tall = [n.boundingRect().height() for n in names(view)]
    one_line = [n.boundingRect().height() for n in names(wide)]
    assert tall and one_line and min(tall) > 1.5 * max(one_line)


def test_a_label_breaks_at_the_space_nearest_its_middle(qapp: QApplication) -> None:
    from PySide6.QtGui import QColor, QFont

    label = LabelItem(
        "Flexor digitorum longus (deep)", QFont(), QColor("black"), QColor("white"), True
    )
    one_line = label.boundingRect()
    label.fit_width(one_line.width() - 1)
    assert list(label._lines) == ["Flexor digitorum", "longus (deep)"]
    assert label.boundingRect().width() < one_line.width()
    label.fit_width(one_line.width() + 1)
    assert list(label._lines) == ["Flexor digitorum longus (deep)"]
    single = LabelItem("Soleus", QFont(), QColor("black"), QColor("white"), True)
    single.fit_width(1)
    assert list(single._lines) == ["Soleus"]  # one word: nothing to break


def _fitted(qtbot: QtBot, chart: ChartView) -> ChartView:
    """The view with no scroll bars, which a fitted drawing never needs: offscreen, a
    view shown at its first size can keep a scroll bar of zero range that narrows the
    viewport while the drawing stays centred on the wider one."""
    chart.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    chart.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    qtbot.waitUntil(lambda: chart.viewport().width() == chart.width() - 4)
    return chart


def _crowd(controller: ChartController, side: Side) -> None:
    """The runner's pain, with every muscle and acupressure point shown: the most
    texts the drawings ever hold."""
    for zone_id, level in CROWDED_CASES["runner"].items():
        controller.set_intensity(zone_id, level)
    controller.set_side(side)
    controller.show_muscles(set(controller.catalog.muscles))
    controller.set_acupressure_shown(True)


def _on_screen(chart: ChartView, label: LabelItem) -> QRectF:
    """Where a text is drawn in the view's viewport, in pixels."""
    return label.deviceTransform(chart.viewportTransform()).mapRect(label.boundingRect())


@pytest.mark.parametrize("side", list(Side))
@pytest.mark.parametrize("size", [(135, 520), (170, 610)])
def test_every_muscle_name_stays_inside_a_small_view(
    qtbot: QtBot,
    make_view: ViewMaker,
    controller: ChartController,
    side: Side,
    size: tuple[int, int],
) -> None:
    """At 945x600 "Tibialis posterior (deep)" and "Flexor digitorum longus (deep)" were
    pushed wholly out of the back view (and "Flexor hallucis longus" cut in half at
    1280x800): in a crowded view a name went out of sight rather than overlap another."""
    _crowd(controller, side)
    names = 0
    for kind in View:
        chart = _fitted(qtbot, make_view(kind, *size))
        shown = QRectF(chart.viewport().rect())
        texts = [i for i in chart.chart_scene().items() if isinstance(i, LabelItem)]
        cut = [t.text for t in texts if not shown.contains(_on_screen(chart, t))]
        assert cut == [], (kind, side)
        names += sum(1 for t in texts if t.data(0) is not None and t.data(0)[0] == "muscle-label")
    assert names >= 20


ACUPRESSURE_REACH_PIXELS = 12.0
"""An acupressure code's plate starts at most this far from the middle of its dot."""


@pytest.mark.parametrize("side", list(Side))
@pytest.mark.parametrize("size", [(135, 520), (257, 714), (380, 1090)])
def test_an_acupressure_code_stays_beside_its_own_dot(
    qtbot: QtBot,
    make_view: ViewMaker,
    controller: ChartController,
    side: Side,
    size: tuple[int, int],
) -> None:
    """On the left leg's back view BL57's code sat next to BL56's dot, 43 px from its
    own, while its dot had no code beside it."""
    _crowd(controller, side)

    def gap(rect: QRectF, point: QPointF) -> float:
        dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
        dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
        return float(dx**2 + dy**2) ** 0.5

    checked = 0
    for kind in View:
        chart = _fitted(qtbot, make_view(kind, *size))
        dots = {
            dot.data(0)[1]: QPointF(chart.mapFromScene(dot.sceneBoundingRect().center()))
            for dot in _tagged(chart, "acupressure")
        }
        for item in chart.chart_scene().items():
            data = item.data(0) if isinstance(item, LabelItem) else None
            if data is None or data[0] != "acupressure-label":
                continue
            assert isinstance(item, LabelItem)
            plate = _on_screen(chart, item)
            own = gap(plate, dots[data[1]])
            assert own <= ACUPRESSURE_REACH_PIXELS, (kind, side, data[1], own)
            nearer = [p for p, at in dots.items() if p != data[1] and gap(plate, at) <= own]
            assert nearer == [], (kind, side, data[1])
            checked += 1
    assert checked >= 5
