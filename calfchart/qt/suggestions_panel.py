"""The ranked trigger points that can explain the pain, one row each.

A row shows the rank, the muscle, how well the pattern explains the pain (a bar),
the trigger point and the reason. Selecting a row (click, arrow keys) shows its cards
and its pattern alone; Ctrl- or Shift-click, the row's tick box or Space adds its
pattern to those on the drawing; the "Sheet" box puts it on the treatment sheet.
The rows are drawn by a delegate, so the list keeps QListView's keyboard handling
and its accessibility (each row's text is a full sentence for screen readers).
"""

from __future__ import annotations

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
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.ranking import OTHER_CAUSES, Suggestion
from calfchart.qt.chart_paint import pattern_colors
from calfchart.qt.listening import listen
from calfchart.qt.viewport import own_viewport

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
COLOUR_STRIPE = 5

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
_MARGIN = 6
_GAP = 3
_BAR_WIDTH = 90
_SHEET_TEXT = "Sheet"


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


def _match_text(index: QModelIndex | QPersistentModelIndex) -> str:
    score = float(index.data(SCORE_ROLE) or 0.0)
    # A ranked suggestion matches somewhat: "0%" would say it does not match at all.
    percent = "<1%" if 0 < score < 0.005 else f"{round(score * 100)}%"
    return f"match {percent}{index.data(NOTE_ROLE) or ''}"


class SuggestionDelegate(QStyledItemDelegate):
    """Draws a row: tick box, rank and muscle, Sheet box, score bar, label, reason."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        return bold, small

    def _indicator(self, option: QStyleOptionViewItem) -> QSize:
        style = option.widget.style() if option.widget else None
        if style is None:
            return QSize(16, 16)
        width = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        height = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight)
        return QSize(width, height)

    def _line_height(self, option: QStyleOptionViewItem) -> int:
        bold, _ = self._fonts(option)
        return max(QFontMetrics(bold).height(), self._indicator(option).height())

    def overlay_rect(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        size = self._indicator(option)
        top = rect.top() + _MARGIN + (self._line_height(option) - size.height()) // 2
        return QRect(rect.left() + _MARGIN, top, size.width(), size.height())

    def sheet_rect(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        """The Sheet box with its word, at the right end of the first line."""
        size = self._indicator(option)
        _, small = self._fonts(option)
        width = size.width() + 4 + QFontMetrics(small).horizontalAdvance(_SHEET_TEXT)
        top = rect.top() + _MARGIN
        return QRect(rect.right() - _MARGIN - width, top, width, self._line_height(option))

    def _text_left(self, option: QStyleOptionViewItem, rect: QRect) -> int:
        return self.overlay_rect(option, rect).right() + 8

    def _wrapped(self, font: QFont, text: str, width: int) -> QRect:
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 40), 10_000), flags, text)

    def _match_height(
        self, small: QFont, index: QModelIndex | QPersistentModelIndex, text_width: int
    ) -> int:
        """The bar's line: one line, or more where a narrow panel wraps its note (the
        note may say "not for self-pressure": it is never cut off)."""
        match = self._wrapped(small, _match_text(index), text_width - _BAR_WIDTH - 8)
        return max(QFontMetrics(small).height(), match.height())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else 360
        rect = QRect(0, 0, width, 100)
        text_width = rect.right() - _MARGIN - self._text_left(option, rect)
        _, small = self._fonts(option)
        label = self._wrapped(QFont(option.font), str(index.data(LABEL_ROLE)), text_width)
        why = self._wrapped(small, str(index.data(WHY_ROLE)), text_width)
        bar = self._match_height(small, index, text_width)
        height = (
            _MARGIN
            + self._line_height(option)
            + _GAP
            + bar
            + _GAP
            + label.height()
            + _GAP
            + why.height()
            + _MARGIN
        )
        return QSize(width, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        state: QStyle.StateFlag = option.state
        palette: QPalette = option.palette
        widget: QWidget | None = option.widget
        style = widget.style() if widget else None
        selected = bool(state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_colour = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_colour)
        muted.setAlphaF(0.75)
        bold, small = self._fonts(option)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, palette.color(group, QPalette.ColorRole.Highlight))
        elif index.row() % 2:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        # A hairline between rows, so long reasons do not run into the next row.
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        colour = index.data(COLOUR_ROLE)
        if isinstance(colour, QColor):
            stripe = QRect(rect.left(), rect.top(), COLOUR_STRIPE, rect.height() - 1)
            # Edged in the list's own background, so that blue shows on a blue selection.
            painter.fillRect(stripe.adjusted(0, 0, 2, 0), palette.color(QPalette.ColorRole.Base))
            painter.fillRect(stripe, colour)

        if style is not None:
            for box_rect, checked in (
                (self.overlay_rect(option, rect), bool(index.data(SHOWN_ROLE))),
                (self._sheet_box(option, rect), bool(index.data(SHEET_ROLE))),
            ):
                box = QStyleOptionButton()
                box.rect = box_rect
                box.state = QStyle.StateFlag.State_Enabled | (
                    QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
                )
                box.palette = palette
                style.drawPrimitive(
                    QStyle.PrimitiveElement.PE_IndicatorCheckBox, box, painter, widget
                )

        left = self._text_left(option, rect)
        sheet = self.sheet_rect(option, rect)
        line = self._line_height(option)
        top = rect.top() + _MARGIN
        painter.setPen(text_colour)
        painter.setFont(small)
        painter.drawText(
            QRect(
                sheet.right() - QFontMetrics(small).horizontalAdvance(_SHEET_TEXT),
                top,
                sheet.width(),
                line,
            ),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _SHEET_TEXT,
        )
        painter.setFont(bold)
        title = f"{index.data(RANK_ROLE)}. {index.data(Qt.ItemDataRole.DisplayRole)}"
        title_rect = QRect(left, top, sheet.left() - 8 - left, line)
        title = QFontMetrics(bold).elidedText(
            title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignVCenter), title)
        top += line + _GAP

        # The score as a bar, with the number beside it so it is not colour alone.
        painter.setFont(small)
        text_width = rect.right() - _MARGIN - left
        bar_height = QFontMetrics(small).height()
        match_height = self._match_height(small, index, text_width)
        score = float(index.data(SCORE_ROLE) or 0.0)
        track = QRect(left, top + bar_height // 4, _BAR_WIDTH, bar_height // 2)
        painter.setPen(Qt.PenStyle.NoPen)
        track_colour = QColor(text_colour)
        track_colour.setAlphaF(0.18)
        painter.setBrush(track_colour)
        painter.drawRoundedRect(track, 3, 3)
        filled = QRect(track)
        filled.setWidth(max(2, round(track.width() * min(1.0, score))))
        painter.setBrush(
            palette.color(group, QPalette.ColorRole.HighlightedText)
            if selected
            else palette.color(group, QPalette.ColorRole.Highlight)
        )
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(text_colour)
        painter.drawText(
            QRect(track.right() + 8, top, rect.right() - track.right() - 8 - _MARGIN, match_height),
            int(Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            _match_text(index),
        )
        top += match_height + _GAP

        painter.setFont(QFont(option.font))
        label = str(index.data(LABEL_ROLE))
        label_rect = self._wrapped(painter.font(), label, text_width)
        painter.drawText(
            QRect(left, top, text_width, label_rect.height()), int(Qt.TextFlag.TextWordWrap), label
        )
        top += label_rect.height() + _GAP
        painter.setFont(small)
        painter.setPen(muted)
        why = str(index.data(WHY_ROLE))
        why_rect = self._wrapped(small, why, text_width)
        painter.drawText(
            QRect(left, top, text_width, why_rect.height()), int(Qt.TextFlag.TextWordWrap), why
        )
        if state & QStyle.StateFlag.State_HasFocus and style is not None:
            focus = QStyleOptionViewItem(option)
            focus.rect = rect.adjusted(1, 1, -1, -1)
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
        painter.restore()

    def _sheet_box(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        sheet = self.sheet_rect(option, rect)
        size = self._indicator(option)
        return QRect(
            sheet.left(),
            sheet.top() + (sheet.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )


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
        self.delegate = SuggestionDelegate(self)
        self.setItemDelegate(self.delegate)
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

    def option_for(self, row: int) -> tuple[QStyleOptionViewItem, QRect]:
        index = self.model_.index(row, 0)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        rect = self.visualRect(index)
        option.rect = rect
        return option, rect

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
        colours: dict[str, QColor] = {}
        if len(order) > 1:
            colours = dict(zip(order, pattern_colors(len(order)), strict=True))
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
