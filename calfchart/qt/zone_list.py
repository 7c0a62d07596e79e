"""Every pain zone as a checkable list, for the keyboard and assistive technology.

Items in a graphics scene are invisible to screen readers (QT-NOTES §5), so this list
mirrors the drawings: one checkable item per zone, checked when the zone is marked,
with how much it hurts. Checking an item marks the zone through the controller, and
any change to the pain map (a click on a drawing, a key, undo) is reflected here and
announced to a screen reader when one is listening.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from calfchart.controller import Change, ChartController
from calfchart.domain.ranking import MAX_INTENSITY
from calfchart.domain.zones import Zone
from calfchart.qt.accessibility import announce
from calfchart.qt.listening import listen

ZONE_ROLE = Qt.ItemDataRole.UserRole
"""The zone id of an item."""


def describe_change(
    before: Mapping[str, int], after: Mapping[str, int], zones: Mapping[str, Zone]
) -> str:
    """What changed in the pain map, in a sentence a screen reader can say."""
    parts: list[str] = []
    for zone_id in after:
        if zone_id not in before:
            parts.append(f"marked {zones[zone_id].name}, {after[zone_id]} of {MAX_INTENSITY}")
        elif before[zone_id] != after[zone_id]:
            parts.append(f"{zones[zone_id].name} now {after[zone_id]} of {MAX_INTENSITY}")
    cleared = [zones[z].name for z in before if z not in after]
    if len(cleared) > 3:
        parts.append(f"cleared {len(cleared)} zones")
    else:
        parts.extend(f"cleared {name}" for name in cleared)
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


class ZoneListView(QListWidget):
    """The pain zones of the leg as checkable items, in step with the controller.

    Space checks or unchecks the current item; the keys 0-9 set how much it hurts
    (Shift+0 sets 10), Delete clears it.
    """

    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("zone-list")
        self.setAccessibleName("Pain zones")
        self.setAccessibleDescription(
            "Check a zone where it hurts. Keys 0 to 9 set how much it hurts, "
            "Shift+0 sets 10, Delete clears the zone."
        )
        self.setUniformItemSizes(True)
        self._items: dict[str, QListWidgetItem] = {}
        self._shown: dict[str, int] = {}
        self._syncing = False
        # The drawings' order: from the low back down to the toes.
        for zone in controller.catalog.zones.values():
            item = QListWidgetItem(zone.name, self)
            item.setData(ZONE_ROLE, zone.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(f"{zone.term} — seen from: {', '.join(v.label for v in zone.views)}")
            self._items[zone.id] = item
        self.itemChanged.connect(self._on_item_changed)
        self._sync()
        listen(controller, self._on_change)

    def item_for(self, zone_id: str) -> QListWidgetItem:
        return self._items[zone_id]

    def current_zone(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(ZONE_ROLE))

    # -- the controller -> the list ----------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change & Change.PAIN:
            before = dict(self._shown)
            self._sync()
            announce(self, describe_change(before, self._shown, self.controller.catalog.zones))

    def _sync(self) -> None:
        pain = self.controller.pain
        zones = self.controller.catalog.zones
        self._syncing = True
        try:
            for zone_id, item in self._items.items():
                level = pain.get(zone_id)
                if level == self._shown.get(zone_id):
                    continue
                name = zones[zone_id].name
                if level is None:
                    item.setCheckState(Qt.CheckState.Unchecked)
                    item.setText(name)
                else:
                    item.setCheckState(Qt.CheckState.Checked)
                    item.setText(f"{name} — {level} of {MAX_INTENSITY}")
        finally:
            self._syncing = False
        self._shown = dict(pain)

    # -- the list -> the controller ------------------------------------------------------
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        zone_id = str(item.data(ZONE_ROLE))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked != (zone_id in self.controller.pain):
            self.controller.toggle_zone(zone_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        zone_id = self.current_zone()
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if zone_id is not None and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            self.controller.set_intensity(zone_id, MAX_INTENSITY if digit == 0 and shift else digit)
        elif zone_id is not None and key in (Qt.Key.Key_ParenRight, Qt.Key.Key_Equal):
            self.controller.set_intensity(zone_id, MAX_INTENSITY)
        elif zone_id is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if zone_id in self.controller.pain:
                self.controller.toggle_zone(zone_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
