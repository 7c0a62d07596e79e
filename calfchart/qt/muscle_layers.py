"""Which muscle outlines are drawn: a tree of muscles by group, each with a tick box.

A group's box ticks or clears all its muscles; Show all and Show none do the same
for every muscle. Deep muscles (under others, drawn dashed) say so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.qt.listening import listen

MUSCLE_ROLE = Qt.ItemDataRole.UserRole + 1


class MuscleLayers(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._syncing = False
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("muscleTree")
        self.tree.setAccessibleName("Muscle outlines on the drawing")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        for group, muscles in controller.catalog.muscles_by_group():
            parent_item = QTreeWidgetItem(self.tree, [group.label])
            parent_item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsAutoTristate
            )
            for muscle in muscles:
                name = f"{muscle.name} (deep)" if muscle.is_deep else muscle.name
                item = QTreeWidgetItem(parent_item, [name])
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setData(0, MUSCLE_ROLE, muscle.id)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                tip = muscle.action
                if muscle.is_deep:
                    tip = "Deep: lies under other muscles, drawn dashed. " + tip
                item.setToolTip(0, tip)
                self.items[muscle.id] = item
            parent_item.setExpanded(True)
        self.tree.itemChanged.connect(self._on_item_changed)

        self.show_all = QPushButton("Show all", self)
        self.show_all.clicked.connect(
            lambda: controller.show_muscles(frozenset(controller.catalog.muscles))
        )
        self.show_none = QPushButton("Show none", self)
        self.show_none.clicked.connect(lambda: controller.show_muscles(frozenset()))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.show_all)
        buttons.addWidget(self.show_none)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        listen(controller, self._on_change)
        self._sync()

    def _on_change(self, change: Change) -> None:
        if change & Change.MUSCLES:
            self._sync()

    def _sync(self) -> None:
        shown = self._controller.shown_muscles
        self._syncing = True
        try:
            for muscle_id, item in self.items.items():
                state = Qt.CheckState.Checked if muscle_id in shown else Qt.CheckState.Unchecked
                if item.checkState(0) != state:
                    item.setCheckState(0, state)
        finally:
            self._syncing = False

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        # A group's box changes all its children, each of which arrives here; the
        # whole tree is read once the change settles, so the controller hears one set.
        if self._syncing:
            return
        shown = frozenset(
            muscle_id
            for muscle_id, muscle_item in self.items.items()
            if muscle_item.checkState(0) == Qt.CheckState.Checked
        )
        if shown != self._controller.shown_muscles:
            self._controller.show_muscles(shown)
