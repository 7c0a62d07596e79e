"""The list of pain zones that keyboard and screen-reader users reach every zone through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from calfchart.controller import ChartController
from calfchart.domain.catalog import Catalog
from calfchart.domain.zones import View
from calfchart.qt import zone_list
from calfchart.qt.chart_view import ChartView
from calfchart.qt.zone_list import ZoneListView, describe_change
from tests.chart_helpers import click_zone


@pytest.fixture
def controller(catalog: Catalog) -> ChartController:
    return ChartController(catalog)


@pytest.fixture
def zones(qtbot: QtBot, controller: ChartController) -> ZoneListView:
    widget = ZoneListView(controller)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _checked(widget: ZoneListView) -> set[str]:
    return {
        str(widget.item(i).data(zone_list.ZONE_ROLE))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    }


def test_one_item_per_zone_named_for_a_person(zones: ZoneListView, catalog: Catalog) -> None:
    assert zones.accessibleName() == "Pain zones"
    assert zones.count() == len(catalog.zones)
    item = zones.item_for("knee_posterior")
    assert item.text() == "back of knee"
    assert "popliteal fossa" in item.toolTip()
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_checking_an_item_marks_the_zone(
    qtbot: QtBot, zones: ZoneListView, controller: ChartController
) -> None:
    item = zones.item_for("achilles")
    zones.scrollToItem(item)
    rect = zones.visualItemRect(item)
    # The check box sits at the start of the row.
    check = QPoint(rect.left() + rect.height() // 2, rect.center().y())
    qtbot.mouseClick(zones.viewport(), Qt.MouseButton.LeftButton, pos=check)
    assert dict(controller.pain) == {"achilles": 5}
    assert item.text() == "Achilles tendon — 5 of 10"


def test_space_and_number_keys_on_the_current_item(
    qtbot: QtBot, zones: ZoneListView, controller: ChartController
) -> None:
    zones.setFocus()
    zones.setCurrentItem(zones.item_for("heel_plantar"))
    qtbot.keyClick(zones, Qt.Key.Key_Space)
    assert dict(controller.pain) == {"heel_plantar": 5}
    qtbot.keyClick(zones, Qt.Key.Key_8)
    assert dict(controller.pain) == {"heel_plantar": 8}
    qtbot.keyClick(zones, Qt.Key.Key_0, Qt.KeyboardModifier.ShiftModifier)
    assert dict(controller.pain) == {"heel_plantar": 10}
    qtbot.keyClick(zones, Qt.Key.Key_Delete)
    assert dict(controller.pain) == {}
    assert _checked(zones) == set()


def test_the_list_follows_clicks_on_the_drawing(
    qtbot: QtBot, zones: ZoneListView, controller: ChartController
) -> None:
    view = ChartView(controller, View.POSTERIOR)
    qtbot.addWidget(view)
    view.resize(360, 760)
    view.show()
    qtbot.waitExposed(view)
    click_zone(qtbot, view, "calf_upper_medial")
    assert _checked(zones) == {"calf_upper_medial"}
    controller.set_intensity("calf_upper_medial", 3)
    assert zones.item_for("calf_upper_medial").text() == "upper inner calf — 3 of 10"
    click_zone(qtbot, view, "calf_upper_medial")
    assert _checked(zones) == set()
    assert zones.item_for("calf_upper_medial").text() == "upper inner calf"


def test_changes_are_announced_when_a_screen_reader_listens(
    zones: ZoneListView, controller: ChartController, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(
        QAccessible, "updateAccessibility", staticmethod(lambda event: said.append(event.message()))
    )
    controller.toggle_zone("achilles")
    controller.set_intensity("achilles", 9)
    controller.clear_pain()
    assert said == [
        "Marked Achilles tendon, 5 of 10",
        "Achilles tendon now 9 of 10",
        "Cleared Achilles tendon",
    ]


def test_describe_change_summarises_a_big_clear(catalog: Catalog) -> None:
    before = dict.fromkeys(["achilles", "heel_plantar", "buttock", "sacroiliac"], 5)
    assert describe_change(before, {}, catalog.zones) == "Cleared 4 zones"
    assert describe_change(before, before, catalog.zones) == ""
