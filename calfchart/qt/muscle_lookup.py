"""Look up a muscle by name or alias and show its trigger points and patterns.

The reverse of clicking where it hurts: "fibularis longus" or "calf muscle" finds the
muscle, draws its outline, overlays every one of its referral patterns and marks its
trigger points; its trigger points are listed to pick whose cards to read.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.catalog import AmbiguousNameError, UnknownIdError
from calfchart.domain.muscles import Muscle
from calfchart.qt.chart_paint import compared_colours
from calfchart.qt.listening import listen

TP_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2
"""The colour its pattern wears on the drawings, while several are shown; else None."""


def _swatch(colour: QColor, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(colour.darker(160))
    painter.setBrush(colour)
    painter.drawRect(1, 1, size - 3, size - 3)
    painter.end()
    return QIcon(pixmap)


class MuscleLookup(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._muscle: Muscle | None = None
        self._syncing = False
        catalog = controller.catalog

        self.search = QLineEdit(self)
        self.search.setObjectName("muscleSearch")
        self.search.setPlaceholderText("Muscle name, e.g. fibularis longus or calf muscle")
        self.search.setAccessibleName("Look up a muscle")
        self.search.setClearButtonEnabled(True)
        names: list[str] = []
        for muscle in catalog.muscles.values():
            for name in (muscle.name, *muscle.aliases):
                if name not in names:
                    names.append(name)
            newer = muscle.name.replace("Peroneus", "Fibularis")
            if newer != muscle.name and newer not in names:
                # The catalog accepts the newer name "fibularis" for "peroneus".
                names.append(newer)
        completer = QCompleter(QStringListModel(sorted(names, key=str.lower), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.look_up)  # the text overload, the default
        self.search.setCompleter(completer)
        self.search.returnPressed.connect(lambda: self.look_up(self.search.text()))
        self.go = QPushButton("Show", self)
        self.go.clicked.connect(lambda: self.look_up(self.search.text()))

        label = QLabel("&Look up a muscle:", self)
        label.setBuddy(self.search)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.points = QListWidget(self)
        self.points.setObjectName("lookupTriggerPoints")
        self.points.setAccessibleName("Trigger points of the muscle looked up")
        self.points.currentItemChanged.connect(self._on_point_chosen)
        self.points.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.points)
        listen(controller, self._on_change)

    def look_up(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        try:
            muscle_id = self._controller.look_up(text)
        except UnknownIdError as exc:
            if isinstance(exc, AmbiguousNameError):
                # "fibularis" names three muscles: not "no muscle called fibularis".
                names = ", ".join(exc.closest)
                self.message.setText(f"“{text}” could be more than one muscle: {names}.")
            else:
                near = self._controller.catalog.search_muscles(text)
                hint = f" Did you mean {', '.join(m.name for m in near[:3])}?" if near else ""
                self.message.setText(f"No muscle called “{text}”.{hint}")
            self.message.show()
            # The list under the message would read as this word's answer.
            self._muscle = None
            self.points.clear()
            self.points.hide()
            return
        muscle = self._controller.catalog.muscles[muscle_id]
        self._muscle = muscle
        depth = ", deep (under other muscles)" if muscle.is_deep else ""
        count = len(muscle.trigger_points)
        points = "1 trigger point" if count == 1 else f"{count} trigger points"
        self.message.setText(
            f"<b>{muscle.name}</b>{depth}: {points}, outlined and marked on the drawings."
        )
        self.message.show()
        self._syncing = True
        try:
            self.points.clear()
            for number, tp in enumerate(muscle.trigger_points, start=1):
                note = "" if muscle.may_press(tp) else " (not for pressing yourself)"
                item = QListWidgetItem(f"{number}. {tp.label}{note}", self.points)
                item.setData(TP_ROLE, tp.id)
                item.setToolTip(tp.location.landmark)
            self.points.setVisible(bool(muscle.trigger_points))
            self.points.setMaximumHeight(
                self.points.sizeHintForRow(0) * min(4, self.points.count()) + 6
            )
        finally:
            self._syncing = False
        self._sync_current()

    def _on_point_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if self._syncing or item is None:
            return
        tp_id = str(item.data(TP_ROLE))
        # The muscle's other patterns stay on the drawing (focus keeps a comparison).
        self._controller.focus(tp_id)

    def _on_change(self, change: Change) -> None:
        if change & Change.PATTERNS:
            self._sync_current()

    def _sync_current(self) -> None:
        focused = self._controller.focused_trigger_point
        # With its patterns overlaid in several colours, each point's row wears its
        # pattern's colour: nothing else says which X on the drawing is which.
        colours = compared_colours(self._controller.shown_patterns)
        size = self.points.fontMetrics().height()
        self._syncing = True
        try:
            self.points.setCurrentRow(-1)
            for row in range(self.points.count()):
                item = self.points.item(row)
                colour = colours.get(str(item.data(TP_ROLE)))
                item.setData(COLOUR_ROLE, colour)
                item.setIcon(_swatch(colour, size) if colour is not None else QIcon())
                if item.data(TP_ROLE) == focused:
                    self.points.setCurrentRow(row)
        finally:
            self._syncing = False
