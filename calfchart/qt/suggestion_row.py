"""How a suggestion's row is drawn, and where its tick box and Sheet box lie.

Kept apart from the list (suggestions_panel.py) because drawing a row needs QStyle,
whose Python types take about 10 ms to set up: the list loads this module when its
first row comes or once it has first painted, not during start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from calfchart.qt.suggestions_panel import (
    COLOUR_ROLE,
    LABEL_ROLE,
    NOTE_ROLE,
    RANK_ROLE,
    SCORE_ROLE,
    SHEET_ROLE,
    SHOWN_ROLE,
    WHY_ROLE,
)

COLOUR_STRIPE = 5
_MARGIN = 6
_GAP = 3
_BAR_WIDTH = 90
_SHEET_TEXT = "Sheet"


def match_text(index: QModelIndex | QPersistentModelIndex) -> str:
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

    def score_track(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        """The score bar's track, on the second line under the title."""
        _, small = self._fonts(option)
        bar_height = QFontMetrics(small).height()
        top = rect.top() + _MARGIN + self._line_height(option) + _GAP + bar_height // 4
        return QRect(self._text_left(option, rect), top, _BAR_WIDTH, bar_height // 2)

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
        match = self._wrapped(small, match_text(index), text_width - _BAR_WIDTH - 8)
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
        match_height = self._match_height(small, index, text_width)
        score = float(index.data(SCORE_ROLE) or 0.0)
        track = self.score_track(option, rect)
        painter.setPen(Qt.PenStyle.NoPen)
        track_colour = QColor(text_colour)
        track_colour.setAlphaF(0.18)
        painter.setBrush(track_colour)
        painter.drawRoundedRect(track, 3, 3)
        filled = QRect(track)
        filled.setWidth(max(2, round(track.width() * min(1.0, score))))
        # Compared, the bar is in its pattern's colour too: the 4 px stripe alone was too
        # faint a tie between a row and its pattern on the drawing.
        if selected:
            bar_colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        elif isinstance(colour, QColor):
            bar_colour = colour
        else:
            bar_colour = palette.color(group, QPalette.ColorRole.Highlight)
        painter.setBrush(bar_colour)
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(text_colour)
        painter.drawText(
            QRect(track.right() + 8, top, rect.right() - track.right() - 8 - _MARGIN, match_height),
            int(Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            match_text(index),
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

    def option_for(self, view: QListView, row: int) -> tuple[QStyleOptionViewItem, QRect]:
        """The style option and rectangle the row `row` of `view` is drawn with."""
        index = view.model().index(row, 0)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        rect = view.visualRect(index)
        option.rect = rect
        return option, rect
