"""The drawings in the middle of the window, with the left/right switch.

Back and front stand side by side; the third pane shows the outer side, the inner
side or the sole, one click apart. The views of the third pane are built the first
time they are shown, which keeps start-up quick. The three start equally wide; in a
narrow window the third pane's tabs say "Outer" and "Inner" so that it can stay so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.zones import Side, View
from calfchart.qt.chart_view import ChartView
from calfchart.qt.drawing_key import DrawingKey
from calfchart.qt.listening import listen

FIXED_VIEWS = (View.POSTERIOR, View.ANTERIOR)
THIRD_PANE_VIEWS = (View.LATERAL, View.MEDIAL, View.PLANTAR)
SHORT_TAB_TITLES = {View.LATERAL: "Outer", View.MEDIAL: "Inner", View.PLANTAR: "Sole"}
"""Whole words still, for a narrow window: the third pane can then be as narrow as the
other two instead of keeping the width of "Outer side | Inner side | Sole"."""


class _ThirdPane(QWidget):
    """The third pane; says when its width changes, so its tab titles can follow."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


def _caption_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class ChartArea(QWidget):
    hovered = Signal(str)
    """The plain name of the zone under the pointer in any view, "" when none."""

    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._dark = False
        self.views: dict[View, ChartView] = {}

        # The leg: one of two, each with a word, so no one has to guess what a switch means.
        self.right = QRadioButton("&Right leg", self)
        self.left = QRadioButton("L&eft leg", self)
        self.right.setToolTip("Chart the right leg")
        self.left.setToolTip("Chart the left leg (the drawings are mirrored)")
        self._sides = QButtonGroup(self)
        self._sides.addButton(self.right)
        self._sides.addButton(self.left)
        self.right.toggled.connect(self._on_side_toggled)
        self.left.toggled.connect(self._on_side_toggled)
        side_row = QHBoxLayout()
        side_row.setContentsMargins(6, 4, 6, 0)
        side_label = QLabel("Which leg hurts?", self)
        side_row.addWidget(side_label)
        side_row.addWidget(self.right)
        side_row.addWidget(self.left)
        side_row.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("chartSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.captions: dict[View, QLabel] = {}
        for view in FIXED_VIEWS:
            pane = QWidget(self.splitter)
            caption = QLabel(pane)
            caption.setFont(_caption_font(caption.font()))
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.captions[view] = caption
            chart = self._make_view(view, pane)
            column = QVBoxLayout(pane)
            column.setContentsMargins(2, 0, 2, 0)
            column.setSpacing(2)
            column.addWidget(caption)
            column.addWidget(chart, 1)
            self.splitter.addWidget(pane)

        third = _ThirdPane(self.splitter)
        self.third_tabs = QTabBar(third)
        self.third_tabs.setObjectName("thirdPaneTabs")
        self.third_tabs.setAccessibleName("Third drawing")
        self.third_tabs.setExpanding(False)
        self.third_tabs.setDrawBase(False)
        self.third_tabs.setUsesScrollButtons(False)
        self.third_tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for index, view in enumerate(THIRD_PANE_VIEWS):
            self.third_tabs.addTab(SHORT_TAB_TITLES[view])
            self.third_tabs.setTabToolTip(index, view.label)
            self.third_tabs.setAccessibleTabName(index, view.label)
        # "Ou…" and "In…" say nothing: the pane keeps room for whole words, and for
        # the whole titles when it has it.
        third.setMinimumWidth(self.third_tabs.sizeHint().width() + 4)
        self._titles_fit = self._tabs_width(tuple(v.label for v in THIRD_PANE_VIEWS)) + 4
        self._third = third
        self._whole_titles = False  # the short titles, as set above
        third.resized.connect(self._fit_tab_titles)
        self.third_stack = QStackedWidget(third)
        self._holders = [QWidget(self.third_stack) for _ in THIRD_PANE_VIEWS]
        for holder in self._holders:
            self.third_stack.addWidget(holder)
        column = QVBoxLayout(third)
        column.setContentsMargins(2, 0, 2, 0)
        column.setSpacing(2)
        column.addWidget(self.third_tabs, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.third_stack, 1)
        self.splitter.addWidget(third)
        # Three equal drawings to start with: the splitter shares the width out in
        # proportion to these (each kept to its minimum).
        self.splitter.setSizes([1000] * self.splitter.count())
        self.third_tabs.currentChanged.connect(self.show_third)
        self.show_third(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(side_row)
        layout.addWidget(self.splitter, 1)
        self.key = DrawingKey(controller, self)
        layout.addWidget(self.key)

        listen(controller, self._on_change)
        self._sync_side()

    def _tabs_width(self, titles: tuple[str, ...]) -> int:
        shown = [self.third_tabs.tabText(i) for i in range(self.third_tabs.count())]
        for index, title in enumerate(titles):
            self.third_tabs.setTabText(index, title)
        width = self.third_tabs.sizeHint().width()
        for index, title in enumerate(shown):
            self.third_tabs.setTabText(index, title)
        return width

    def _fit_tab_titles(self) -> None:
        whole = self._third.width() >= self._titles_fit
        if whole == self._whole_titles:
            return  # a resize that changes nothing: the tab bar is not laid out again
        self._whole_titles = whole
        for index, view in enumerate(THIRD_PANE_VIEWS):
            self.third_tabs.setTabText(index, view.label if whole else SHORT_TAB_TITLES[view])

    # -- the views -----------------------------------------------------------------------
    def _make_view(self, view: View, parent: QWidget) -> ChartView:
        chart = ChartView(self._controller, view, parent)
        chart.hovered.connect(self.hovered)
        chart.set_dark(self._dark)
        self.views[view] = chart
        return chart

    def show_third(self, index: int) -> None:
        """Show the outer side (0), the inner side (1) or the sole (2) in the third pane."""
        view = THIRD_PANE_VIEWS[index]
        if view not in self.views:
            holder = self._holders[index]
            chart = self._make_view(view, holder)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(chart)
        if self.third_tabs.currentIndex() != index:
            self.third_tabs.setCurrentIndex(index)  # comes back here through the signal
            return
        self.third_stack.setCurrentIndex(index)

    def show_view(self, view: View) -> ChartView:
        """Bring a view on screen (building it if need be) and return it."""
        if view in THIRD_PANE_VIEWS:
            self.show_third(THIRD_PANE_VIEWS.index(view))
        return self.views[view]

    def visible_views(self) -> list[ChartView]:
        third = THIRD_PANE_VIEWS[self.third_stack.currentIndex()]
        return [self.views[v] for v in (*FIXED_VIEWS, third)]

    # -- the View menu -----------------------------------------------------------------------
    def zoom_in(self) -> None:
        for chart in self.visible_views():
            chart.zoom_in()

    def zoom_out(self) -> None:
        for chart in self.visible_views():
            chart.zoom_out()

    def fit(self) -> None:
        for chart in self.visible_views():
            chart.fit()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.key.set_dark(dark)
        for chart in self.views.values():
            chart.set_dark(dark)

    # -- keeping in step -----------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change & Change.SIDE:
            self._sync_side()

    def _on_side_toggled(self, on: bool) -> None:
        if on:
            self._controller.set_side(Side.RIGHT if self.right.isChecked() else Side.LEFT)

    def _sync_side(self) -> None:
        side = self._controller.side
        button = self.right if side is Side.RIGHT else self.left
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        for view, caption in self.captions.items():
            caption.setText(f"{view.label} of the {side.value} leg")
