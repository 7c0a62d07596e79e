"""The ranked trigger points that can explain the pain, one row each.

A row shows the rank, the muscle, how well the pattern explains the pain (a bar),
the trigger point and the reason. Selecting a row (click, arrow keys) shows its cards
and its pattern alone, or, for a row among those compared, keeps the comparison;
Ctrl- or Shift-click, the row's tick box or Space adds its pattern to those on the
drawing; the "Sheet" box puts it on the treatment sheet.
The rows are drawn by a delegate, so the list keeps QListView's keyboard handling
and its accessibility (each row's text is a full sentence for screen readers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.ranking import OTHER_CAUSES, Suggestion
from calfchart.qt.chart_paint import compared_colours
from calfchart.qt.deferred import after_first_paint
from calfchart.qt.listening import listen
from calfchart.qt.viewport import own_viewport

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from calfchart.qt.suggestion_row import SuggestionDelegate

TP_ROLE = Qt.ItemDataRole.UserRole + 1
RANK_ROLE = Qt.ItemDataRole.UserRole + 2
LABEL_ROLE = Qt.ItemDataRole.UserRole + 3
WHY_ROLE = Qt.ItemDataRole.UserRole + 4
SCORE_ROLE = Qt.ItemDataRole.UserRole + 5
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 6
SHEET_ROLE = Qt.ItemDataRole.UserRole + 7
NOTE_ROLE = Qt.ItemDataRole.UserRole + 8
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 9
"""The colour of the row's pattern on the drawings while several are compared, else None."""

NO_PAIN_TEXT = "Mark where it hurts on the drawings to see which trigger points can cause it."
NOTHING_FOUND_TEXT = (
    "None of the trigger points calfchart knows refers pain to these zones, so it has "
    f"nothing to suggest. {OTHER_CAUSES}"
)
ALL_AT_ZERO_TEXT = (
    "Every marked zone is at 0/10: with no pain there is nothing to rank. Press a number "
    "key over a zone to say how much it hurts."
)
HINT_TEXT = "Select one to see its treatment. Tick, or Ctrl-click, to compare patterns."

LIST_HEIGHT_HINT = 100


def _sentence(s: Suggestion, rank: int, shown: bool, on_sheet: bool) -> str:
    """What a screen reader says for a row."""
    parts = [
        f"{rank}. {s.muscle.name}, {s.trigger_point.label}.",
        f"Match {round(s.score * 100)} percent.",
        s.why[:1].upper() + s.why[1:] + ".",
    ]
    if shown:
        parts.append("Pattern shown on the drawing.")
    if on_sheet:
        parts.append("On the treatment sheet.")
    return " ".join(parts)


class SuggestionList(QListView):
    """The list itself: forwards clicks on the boxes and modifier clicks to the controller."""

    emptied = Signal(bool)
    """After each rebuild: whether the list has no row."""

    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self._controller = controller
        self._syncing = False
        self._swallow_release = False
        self._empty_text = NO_PAIN_TEXT
        self._delegate: SuggestionDelegate | None = None
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setObjectName("suggestionList")
        self.setAccessibleName("Suggested trigger points")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        after_first_paint(self, self._install_delegate)

    def sizeHint(self) -> QSize:
        # Modest, so that the warning above the list keeps its room when both share a
        # short dock: the layout gives word-wrapped neighbours no less than their hint.
        hint = super().sizeHint()
        return QSize(hint.width(), LIST_HEIGHT_HINT)

    # -- reading the rows (tests, the window) ------------------------------------------
    def tp_ids(self) -> list[str]:
        return [str(self.model_.item(r).data(TP_ROLE)) for r in range(self.model_.rowCount())]

    def row_of(self, tp_id: str) -> int:
        ids = self.tp_ids()
        return ids.index(tp_id) if tp_id in ids else -1

    @property
    def delegate(self) -> SuggestionDelegate:
        return self._install_delegate()

    def _install_delegate(self) -> SuggestionDelegate:
        # Made when the first row comes or once the list has first painted, whichever
        # is sooner: its module sets up QStyle's Python types, about 10 ms of start-up
        # that the empty list does without.
        if self._delegate is None:
            from calfchart.qt.suggestion_row import SuggestionDelegate

            self._delegate = SuggestionDelegate(self)
            self.setItemDelegate(self._delegate)
        return self._delegate

    def option_for(self, row: int) -> tuple[QStyleOptionViewItem, QRect]:
        return self.delegate.option_for(self, row)

    def overlay_box_at(self, row: int) -> QPoint:
        option, rect = self.option_for(row)
        return self.delegate.overlay_rect(option, rect).center()

    def sheet_box_at(self, row: int) -> QPoint:
        option, rect = self.option_for(row)
        return self.delegate.sheet_rect(option, rect).center()

    # -- filling and keeping in step ------------------------------------------------------
    def rebuild(self) -> None:
        suggestions = self._controller.suggestions
        self._syncing = True
        try:
            self.model_.clear()
            for rank, s in enumerate(suggestions, 1):
                item = QStandardItem(s.muscle.name)
                item.setEditable(False)
                item.setData(s.trigger_point.id, TP_ROLE)
                item.setData(rank, RANK_ROLE)
                item.setData(s.trigger_point.label, LABEL_ROLE)
                item.setData(s.why[:1].upper() + s.why[1:], WHY_ROLE)
                item.setData(s.score, SCORE_ROLE)
                notes = []
                if s.muscle.is_deep:
                    notes.append("deep muscle")
                if not s.muscle.may_press(s.trigger_point):
                    notes.append("not for self-pressure")
                item.setData(" · " + ", ".join(notes) if notes else "", NOTE_ROLE)
                self.model_.appendRow(item)
        finally:
            self._syncing = False
        if suggestions:
            self._install_delegate()  # before the rows paint
        pain = self._controller.pain
        if not pain:
            self._empty_text = NO_PAIN_TEXT
        elif not any(level > 0 for level in pain.values()):
            self._empty_text = ALL_AT_ZERO_TEXT
        else:
            self._empty_text = NOTHING_FOUND_TEXT
        self.sync()
        self.emptied.emit(self.model_.rowCount() == 0)

    def sync(self) -> None:
        """Ticks, Sheet boxes and the selected row from the controller."""
        order = self._controller.shown_patterns
        shown = set(order)
        # Compared, each row wears its pattern's colour, which the drawings use: the
        # X's and zones of several patterns can then be told apart by their rows.
        colours = compared_colours(order)
        sheet = set(self._controller.sheet_trigger_points)
        focused = self._controller.focused_trigger_point
        self._syncing = True
        try:
            for row in range(self.model_.rowCount()):
                item = self.model_.item(row)
                tp_id = str(item.data(TP_ROLE))
                suggestion = self._controller.suggestions[row]
                is_shown, on_sheet = tp_id in shown, tp_id in sheet
                item.setData(is_shown, SHOWN_ROLE)
                item.setData(on_sheet, SHEET_ROLE)
                item.setData(colours.get(tp_id), COLOUR_ROLE)
                item.setData(
                    _sentence(suggestion, row + 1, is_shown, on_sheet),
                    Qt.ItemDataRole.AccessibleTextRole,
                )
                item.setToolTip(
                    "Tick the box to show this pattern with the others; "
                    "tick Sheet to put it on the treatment sheet."
                )
            row = self.row_of(focused) if focused else -1
            selection = self.selectionModel()
            if row >= 0:
                index = self.model_.index(row, 0)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._syncing = False
        self.viewport().update()

    # -- the user --------------------------------------------------------------------------
    def _tp_at(self, row: int) -> str:
        return str(self.model_.item(row).data(TP_ROLE))

    def _on_current_row_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if self._syncing or not current.isValid():
            return
        self._controller.focus(self._tp_at(current.row()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            tp_id = self._tp_at(index.row())
            option, rect = self.option_for(index.row())
            if self.delegate.overlay_rect(option, rect).contains(pos):
                self._controller.toggle_pattern(tp_id)
            elif self.delegate.sheet_rect(option, rect).contains(pos):
                self._controller.set_on_sheet(
                    tp_id, tp_id not in self._controller.sheet_trigger_points
                )
            elif event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            ):
                self._controller.focus(tp_id, add=True)
            else:
                super().mousePressEvent(event)
                return
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._swallow_release = True
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._swallow_release:
            self._swallow_release = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The second click of a quick double click on a box is a second toggle.
        self.mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() == Qt.Key.Key_Space and index.isValid():
            self._controller.toggle_pattern(self._tp_at(index.row()))
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            index = self.currentIndex()
        if not index.isValid():
            return
        tp_id = self._tp_at(index.row())
        menu = QMenu(self)
        only = menu.addAction("Show only this pattern")
        only.triggered.connect(lambda: self._controller.focus(tp_id))
        shown = tp_id in self._controller.shown_patterns
        also = menu.addAction("Hide this pattern" if shown else "Show this pattern too")
        also.triggered.connect(lambda: self._controller.toggle_pattern(tp_id))
        sheet = menu.addAction("Put on the treatment sheet")
        sheet.setCheckable(True)
        sheet.setChecked(tp_id in self._controller.sheet_trigger_points)
        sheet.toggled.connect(lambda on: self._controller.set_on_sheet(tp_id, on))
        menu.exec(event.globalPos())
        menu.deleteLater()

    @property
    def empty_text(self) -> str:
        """What the list says while it has no suggestion."""
        return self._empty_text

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model_.rowCount():
            return
        with QPainter(self.viewport()) as painter:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                self._empty_text,
            )


class SuggestionsPanel(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.hint = QLabel(HINT_TEXT, self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.list = SuggestionList(controller, self)
        self.hint.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        # Telling how to pick one is no help while there is none.
        self.list.emptied.connect(self.hint.setHidden)
        listen(controller, self._on_change)
        self.list.rebuild()

    def _on_change(self, change: Change) -> None:
        if change & Change.PAIN:
            self.list.rebuild()
        elif change & Change.PATTERNS:
            self.list.sync()
