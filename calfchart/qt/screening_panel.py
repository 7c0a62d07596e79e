"""The red-flag screening form: the catalog's questions, one group per condition.

Groups whose condition is felt where it hurts come first and open; the others stay
folded so the form stays short. Each question is a "Yes" box that records the answer
in the controller, which decides whether a red flag stands.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calfchart.controller import Change, ChartController
from calfchart.domain.red_flags import RedFlag, ScreeningQuestion
from calfchart.qt.listening import listen

INTRO_TEXT = (
    "Answer these before pressing or stretching anything. A yes can mean a doctor "
    "should see the leg first; the program then withholds the self-massage."
)


class ClickableText(QLabel):
    """Wrapped text that clicks its button, as a check box's own text would.

    QCheckBox and QToolButton cannot wrap their text, and these lines are long.
    """

    def __init__(self, text: str, button: QAbstractButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._button = button
        self.setWordWrap(True)
        # Top, not centred: the first line stays level with its box.
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # A new policy drops the height-for-width a wrapping label has: without it each
        # question is laid out at its size hint, a line taller than it needs.
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self._button.click()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class FlagGroup(QWidget):
    """One condition: a header that folds and unfolds, and its questions."""

    def __init__(self, controller: ChartController, flag: RedFlag, parent: QWidget) -> None:
        super().__init__(parent)
        self.flag = flag
        self._controller = controller
        self.header = QToolButton(self)
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.toggled.connect(self.set_open)
        self.title = ClickableText("", self.header, self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        header_row = QHBoxLayout()
        header_row.setSpacing(4)
        header_row.addWidget(self.header, 0, Qt.AlignmentFlag.AlignTop)
        header_row.addWidget(self.title, 1)
        self.body = QWidget(self)
        self.boxes: dict[str, QCheckBox] = {}
        rows = QVBoxLayout(self.body)
        rows.setContentsMargins(22, 0, 0, 6)
        rows.setSpacing(4)
        for question in flag.questions:
            rows.addLayout(self._question_row(question))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header_row)
        layout.addWidget(self.body)
        self.set_open(False)

    def _question_row(self, question: ScreeningQuestion) -> QHBoxLayout:
        box = QCheckBox("Yes", self.body)
        box.setAccessibleName(question.text)
        box.setAccessibleDescription(f"Screening questions: {self.flag.condition}")
        box.toggled.connect(
            lambda checked, qid=question.id: self._controller.set_answer(qid, checked)
        )
        self.boxes[question.id] = box
        text = ClickableText(question.text, box, self.body)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1, Qt.AlignmentFlag.AlignTop)
        return row

    @property
    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, is_open: bool) -> None:
        if self.header.isChecked() != is_open:
            self.header.setChecked(is_open)  # comes back here through toggled
            return
        self.header.setArrowType(Qt.ArrowType.DownArrow if is_open else Qt.ArrowType.RightArrow)
        self.body.setVisible(is_open)

    def sync(self, relevant: bool, raised: bool) -> None:
        answers = self._controller.answers
        yes = 0
        for question_id, box in self.boxes.items():
            answer = answers.get(question_id, False)
            yes += answer
            if box.isChecked() != answer:
                box.blockSignals(True)
                box.setChecked(answer)
                box.blockSignals(False)
        # Raised, it says what to do, in the banner's words ("call an ambulance...").
        notes = [self.flag.urgency.advice.rstrip(".") if raised else self.flag.urgency.value]
        if not raised and yes:
            notes.append(f"{yes} yes")
        if relevant:
            notes.append("fits where it hurts")
        status = " · ".join(notes)
        condition = escape(self.flag.condition)
        if raised or relevant:
            condition = f"<b>{condition}</b>"
        colour = ""
        if raised:
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            colour = f" style='color:{'#ff8a80' if dark else '#b3261e'}'"
        self.title.setText(f"<span{colour}>{condition}<br><small>{escape(status)}</small></span>")
        self.header.setAccessibleName(f"{self.flag.condition}, {status}")


class ScreeningPanel(QScrollArea):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setObjectName("screeningPanel")
        self.setAccessibleName("Safety questions")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        inner.setBackgroundRole(QPalette.ColorRole.Base)
        inner.setAutoFillBackground(True)
        intro = QLabel(INTRO_TEXT, inner)
        intro.setWordWrap(True)
        self.groups = [
            FlagGroup(controller, flag, inner) for flag in controller.catalog.red_flags.values()
        ]
        # QScrollArea brings a child into view when Tab moves within it, but not when
        # the focus comes in from outside (Shift+Tab from the next panel lands on the
        # last header, far below): each focusable part reports its focus here.
        for group in self.groups:
            for widget in (group.header, *group.boxes.values()):
                widget.installEventFilter(self)
        self._relevant: set[str] = set()
        self._answered: set[str] = set()
        self._groups_layout = QVBoxLayout()
        self._groups_layout.setSpacing(2)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addLayout(self._groups_layout)
        layout.addStretch(1)
        self.setWidget(inner)
        listen(controller, self._on_change)
        self._refresh()

    def group(self, flag_id: str) -> FlagGroup:
        return next(g for g in self.groups if g.flag.id == flag_id)

    def box(self, question_id: str) -> QCheckBox:
        for group in self.groups:
            if question_id in group.boxes:
                return group.boxes[question_id]
        raise KeyError(question_id)

    def _on_change(self, change: Change) -> None:
        if change & (Change.PAIN | Change.ANSWERS):
            self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.ensureWidgetVisible(watched)
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()  # the colour of a raised condition follows light or dark

    def _refresh(self) -> None:
        painful = {z for z, level in self._controller.pain.items() if level > 0}
        raised = {r.red_flag.id for r in self._controller.raised_flags}
        relevant = {g.flag.id for g in self.groups if g.flag.zones & painful}
        answers = self._controller.answers
        answered = {
            g.flag.id for g in self.groups if any(answers.get(q.id) for q in g.flag.questions)
        }
        # Relevant conditions first, the catalog's order inside each part.
        ordered = sorted(self.groups, key=lambda g: g.flag.id not in relevant)
        for index, group in enumerate(ordered):
            if self._groups_layout.indexOf(group) != index:
                self._groups_layout.insertWidget(index, group)
            group.sync(group.flag.id in relevant, group.flag.id in raised)
            # Unfold what has just become relevant or answered (a session opened), and
            # leave alone what the user folded since.
            flag_id = group.flag.id
            if (flag_id in relevant - self._relevant) or (flag_id in answered - self._answered):
                group.set_open(True)
        self._relevant, self._answered = relevant, answered
        # Tab order follows the order on screen.
        previous: QWidget | None = None
        for group in ordered:
            for widget in (group.header, *group.boxes.values()):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
