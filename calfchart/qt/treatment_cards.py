"""The treatment cards of the focused trigger point, with its two switches.

The text comes from card_html (the catalog, laid out); this widget shows it, offers
"put on the sheet" and "show acupressure points", and redraws when the controller
says the focus, the answers or the sheet changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.qt.card_html import CARD_STYLE, CardColours, card_html
from calfchart.qt.listening import listen

EMPTY_TEXT = (
    "Click where it hurts on the drawings. The trigger points that can cause that pain "
    "are listed above; pick one to see how to find it, press it and stretch it."
)
NOTHING_TO_TREAT_TEXT = (
    "No treatment to show: none of the trigger points calfchart knows explains the pain "
    "marked on the drawings (see above). Mark other places that hurt, or look a muscle up "
    "in the Muscles tab."
)

READABLE_WIDTH_EM = 38
"""Beyond about 70 characters a line gets hard to follow, so wide cards stop there."""


class CardBrowser(QTextBrowser):
    """A QTextBrowser that keeps its lines short when the panel is wide, and that Tab
    leaves at once rather than stepping through every source link in the card (the
    arrow keys and Page Up/Down still scroll it; the sources are listed in it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusNextPrevChild(self, next: bool) -> bool:
        # QTextBrowser steps through its links here; skip to the next widget instead.
        return QWidget.focusNextPrevChild(self, next)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_lines()

    def viewport_width(self) -> int:
        """The viewport's width, worked out from the frame and the scroll bar: asking
        viewport() costs 7 ms at start-up (see viewport.py), and giving a text browser
        a viewport made in Python crashed it when tried."""
        bar = self.verticalScrollBar()
        return self.contentsRect().width() - (bar.width() if bar.isVisible() else 0)

    def _fit_lines(self) -> None:
        limit = self.fontMetrics().horizontalAdvance("m") * READABLE_WIDTH_EM
        if self.viewport_width() > limit:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(limit)
        else:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)


class TreatmentCards(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._shown_tp: str | None = None

        self._title = QLabel(self)
        self._title.setWordWrap(True)
        title_font = QFont(self._title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self._title.setFont(title_font)
        self._subtitle = QLabel(self)
        self._subtitle.setWordWrap(True)

        self.on_sheet = QCheckBox("Put on the treatment sheet", self)
        self.on_sheet.setToolTip(
            "Include this trigger point on the printed treatment sheet (at least one stays on it)"
        )
        self.on_sheet.toggled.connect(self._on_sheet_toggled)
        self.acupressure = QCheckBox("Show acupressure points on the drawing", self)
        self.acupressure.toggled.connect(controller.set_acupressure_shown)

        self.browser = CardBrowser(self)
        self.browser.setObjectName("treatmentCards")
        self.browser.setAccessibleName("Treatment cards")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDefaultStyleSheet(CARD_STYLE)
        self.browser.document().setDocumentMargin(8)

        switches = QHBoxLayout()
        switches.setContentsMargins(0, 0, 0, 0)
        switches.addWidget(self.on_sheet)
        switches.addWidget(self.acupressure)
        switches.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addLayout(switches)
        layout.addWidget(self.browser, 1)

        listen(controller, self._on_change)
        self._refresh()

    # -- what a test or a screen reader reads ---------------------------------------------
    @property
    def title(self) -> str:
        return self._title.text()

    def text(self) -> str:
        """The cards as plain text."""
        return self.browser.toPlainText()

    # -- keeping in step -------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change & (Change.PATTERNS | Change.ANSWERS | Change.PAIN):
            self._refresh()
        elif change & (Change.ACUPRESSURE | Change.DOCUMENT):
            self._sync_switches()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._shown_tp = None  # the colours are baked into the HTML
            self._refresh()

    def _colours(self) -> CardColours:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        return CardColours(
            text=palette.color(QPalette.ColorRole.Text).name(),
            muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
            rule=palette.color(QPalette.ColorRole.Mid).name(),
            caution_background="#4a3b10" if dark else "#fff4cc",
            caution_text="#ffe9a8" if dark else "#4a3500",
            withheld_background="#5c1214" if dark else "#fde7e7",
            withheld_text="#ffd9d9" if dark else "#7a0d10",
        )

    def _refresh(self) -> None:
        tp_id = self._controller.focused_trigger_point
        if tp_id is None:
            self._title.setText("Treatment")
            self._subtitle.setText("")
            self._subtitle.hide()
            ranked_none = any(self._controller.pain.values()) and not self._controller.suggestions
            self.browser.setPlainText(NOTHING_TO_TREAT_TEXT if ranked_none else EMPTY_TEXT)
            self._shown_tp = None
            self._sync_switches()
            return
        catalog = self._controller.catalog
        tp = catalog.trigger_point(tp_id)
        muscle = catalog.muscles[tp.muscle_id]
        deep = " (deep muscle)" if muscle.is_deep else ""
        self._title.setText(f"{muscle.name}{deep}")
        self._subtitle.setText(f"{muscle.point_name(tp)}: {tp.label}")
        self._subtitle.show()
        # Keep the reader's place when only the switches changed.
        position = self.browser.verticalScrollBar().value() if tp_id == self._shown_tp else 0
        html = card_html(
            catalog,
            tp,
            self._controller.focused,
            self._controller.raised_flags,
            self._colours(),
        )
        self.browser.setHtml(html)
        self.browser.verticalScrollBar().setValue(position)
        self._shown_tp = tp_id
        self._sync_switches()

    def _sync_switches(self) -> None:
        tp_id = self._controller.focused_trigger_point
        withheld = self._controller.self_treatment_withheld
        has_points = False
        if tp_id is not None:
            tp = self._controller.catalog.trigger_point(tp_id)
            has_points = bool(self._controller.catalog.muscles[tp.muscle_id].treatment.acupressure)
        for box, checked in (
            (self.on_sheet, tp_id is not None and tp_id in self._controller.sheet_trigger_points),
            # Withheld, the points are off the drawing: the box says so, and the choice
            # comes back with the points when the warning is lifted.
            (self.acupressure, self._controller.acupressure_shown and not withheld),
        ):
            box.blockSignals(True)
            box.setChecked(checked)
            box.blockSignals(False)
        self.on_sheet.setEnabled(tp_id is not None)
        # With nothing focused it shows every point a muscle offers; once on, it can
        # always be turned off.
        offers = tp_id is None or has_points or self._controller.acupressure_shown
        self.acupressure.setEnabled(offers and not withheld)
        self.acupressure.setToolTip("Withheld while a warning sign stands" if withheld else "")

    def _on_sheet_toggled(self, on: bool) -> None:
        tp_id = self._controller.focused_trigger_point
        if tp_id is not None:
            self._controller.set_on_sheet(tp_id, on)
