"""The warning at the top of the side panel while a red flag stands.

It must be impossible to miss and must not rely on colour alone: a warning sign, the
word for the urgency, what to do, and each condition in words.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.red_flags import SELF_TREATMENT_WITHHELD, Urgency
from calfchart.qt.accessibility import announce
from calfchart.qt.listening import listen
from calfchart.qt.text_lines import line_spans
from calfchart.qt.viewport import own_viewport

# Fixed colours, not the palette's: the banner looks the same, and as loud, in the
# light and the dark scheme. Both pairs pass WCAG AA contrast for normal text.
_COLOURS = {
    Urgency.EMERGENCY: (QColor("#9b0d12"), QColor("#ffffff")),
    Urgency.URGENT: (QColor("#b3261e"), QColor("#ffffff")),
    Urgency.SOON: (QColor("#f2b705"), QColor("#1a1a1a")),
}

MIN_DETAIL_LINES = 6
"""The explanation shows at least this many lines before it scrolls..."""
DETAIL_SHARE = 0.3
"""...and more, up to this share of the window's height: what to do matters more than
the suggestions while a red flag stands, and a message cut short can mislead (the clot's
ended on "the Wells score: 2", the rest of the sentence out of sight). The panel it
sits in grows to make the room, and the panels below it give theirs up
(window.py)."""


class WarningSign(QWidget):
    """A triangle with an exclamation mark, drawn as vectors so it stays sharp."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Warning")
        self._fill = QColor("#ffffff")
        self._mark = QColor("#9b0d12")

    def set_colours(self, fill: QColor, mark: QColor) -> None:
        self._fill, self._mark = fill, mark
        self.update()

    def sizeHint(self) -> QSize:
        size = self.fontMetrics().height() * 2 + 6
        return QSize(size, size)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 2.0
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        triangle = QPainterPath(QPointF(box.center().x(), box.top() + side * 0.05))
        triangle.lineTo(box.right(), box.bottom() - side * 0.08)
        triangle.lineTo(box.left(), box.bottom() - side * 0.08)
        triangle.closeSubpath()
        with QPainter(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            outline = QPen(self._fill, side * 0.06)
            outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(outline)
            painter.setBrush(self._fill)
            painter.drawPath(triangle)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._mark)
            x = box.center().x()
            bar = QRectF(x - side * 0.055, box.top() + side * 0.33, side * 0.11, side * 0.33)
            painter.drawRoundedRect(bar, side * 0.04, side * 0.04)
            dot = side * 0.065
            painter.drawEllipse(QPointF(x, box.top() + side * 0.77), dot, dot)


class RedFlagBanner(QFrame):
    fitted = Signal()
    """The banner has taken the height its text needs, or is gone: the panel around it
    may have to make room, or may give it back."""

    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._announced: set[str] = set()
        self._laid_out_lines: tuple[tuple[str, str, int], list[int]] | None = None
        """The last text, font and width laid out by line_bottoms, and its lines."""
        self.setObjectName("redFlagBanner")
        self._background = _COLOURS[Urgency.URGENT][0]
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Warning: see a doctor")

        self._sign = WarningSign(self)
        self._headline = QLabel(self)
        self._headline.setWordWrap(True)
        headline_font = QFont(self._headline.font())
        headline_font.setBold(True)
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.15)
        self._headline.setFont(headline_font)
        # A long message scrolls inside the banner rather than push everything else
        # off the screen; a short one takes just the room it needs.
        self._scroll = QScrollArea(self)
        own_viewport(self._scroll, fill=False)  # the banner's colour shows through
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._details = QLabel(self._scroll)
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.RichText)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._scroll.setWidget(self._details)
        self._details.setAutoFillBackground(False)

        self._text = text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self._headline)
        text.addWidget(self._scroll)
        self._row = row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(self._sign, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)

        self._window: QWidget | None = None
        """The top-level window whose height sets the room, once the banner is in one."""
        listen(controller, self._on_change)
        self._refresh()

    @property
    def headline(self) -> str:
        return self._headline.text()

    @property
    def details(self) -> str:
        return self._details.text()

    def _on_change(self, change: Change) -> None:
        if change & Change.ANSWERS:
            self._refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), self._background)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._window:
            # The room the explanation may take follows the window's height.
            if self._window is not None:
                self._window.removeEventFilter(self)
            self._window = window
            window.installEventFilter(self)
        self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._window:
            self._fit_height()
        return False

    def _fit_height(self) -> None:
        if self.isHidden() or not self._details.text():  # no warning to fit
            return
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        bottoms = self.line_bottoms(max(100, self._scroll.width() - bar))
        share = int(self._window.height() * DETAIL_SHARE) if self._window is not None else 0
        room = max(bottoms[min(len(bottoms), MIN_DETAIL_LINES) - 1], share)
        # The whole explanation where it fits; else a window onto it that ends under a
        # whole line.
        height = max(bottom for bottom in bottoms if bottom <= room)
        if self._scroll.height() != height or self._scroll.minimumHeight() != height:
            self._scroll.setFixedHeight(height)
        # The banner's own height, set: the panel's layout, left to itself, laid it out
        # shorter than its headline and explanation and cut the last lines off.
        margins = self._row.contentsMargins()
        headline = self._headline.heightForWidth(self._headline.width())
        whole = margins.top() + headline + self._text.spacing() + height + margins.bottom()
        whole = max(whole, margins.top() + self._sign.sizeHint().height() + margins.bottom())
        if whole != self.height() or whole != self.minimumHeight():
            self.setFixedHeight(whole)
        self.fitted.emit()

    def line_bottoms(self, width: int) -> list[int]:
        """Where each line of the explanation ends, laid out `width` wide, the gaps
        between its paragraphs included: its last is the height it needs."""
        # A resize of the panel reaches the banner twice (its own and the panel's), and
        # one of the height alone leaves the lines as they were: laid out once for each
        # text, font and width.
        key = (self._details.text(), self._details.font().key(), width)
        if self._laid_out_lines is not None and self._laid_out_lines[0] == key:
            return self._laid_out_lines[1]
        # Laid out as QLabel lays out rich text: its font, no margin around the text.
        document = QTextDocument()
        document.setDefaultFont(self._details.font())
        document.setDocumentMargin(0)
        document.setHtml(self._details.text())
        document.setTextWidth(width)
        layout = document.documentLayout()
        bottoms = []
        block = document.begin()
        while block.isValid():
            bottoms += [math.ceil(bottom) for _, bottom in line_spans(layout, block)]
            block = block.next()
        self._laid_out_lines = (key, bottoms)
        return bottoms

    def _refresh(self) -> None:
        raised = self._controller.raised_flags
        self.setVisible(bool(raised))
        ids = {r.red_flag.id for r in raised}
        new = [r for r in raised if r.red_flag.id not in self._announced]
        self._announced = ids
        if not raised:
            self.fitted.emit()  # the room it took is free again
            return
        most_pressing = raised[0].urgency
        background, foreground = _COLOURS[most_pressing]
        # The background is painted here, and only the texts take the foreground, so
        # the scroll bar keeps the window's own colours and stays visible.
        self._background = background
        for label in (self._headline, self._details):
            palette = label.palette()
            # Inside the scroll area the text takes the Text role (its viewport's
            # background is Base), outside WindowText: both, or the explanation stays
            # in the window's own text colour, dark on dark red.
            palette.setColor(QPalette.ColorRole.WindowText, foreground)
            palette.setColor(QPalette.ColorRole.Text, foreground)
            label.setPalette(palette)
        self.update()
        self._sign.set_colours(foreground, background)
        # The explanation may scroll: a second warning must not hide below the first.
        count = f" ({len(raised)} warnings below)" if len(raised) > 1 else ""
        self._headline.setText(most_pressing.advice + count)
        lines = [
            f"<p style='margin:0 0 4px 0'><b>{escape(r.red_flag.condition)}.</b> "
            f"{escape(r.red_flag.message)}</p>"
            for r in raised
        ]
        lines.append(f"<p style='margin:0'><i>{escape(SELF_TREATMENT_WITHHELD)}</i></p>")
        self._details.setText("".join(lines))
        self.setAccessibleDescription(
            most_pressing.advice + " " + " ".join(r.red_flag.condition for r in raised)
        )
        self._fit_height()
        if new:
            # A screen reader user may be anywhere in the window: say it now.
            conditions = "; ".join(r.red_flag.condition for r in new)
            announce(self, f"Warning. {most_pressing.advice} {conditions}.")
