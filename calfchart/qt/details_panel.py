"""The person's name and free notes, saved with the session and printed on the sheet."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from calfchart.controller import Change, ChartController
from calfchart.qt.listening import listen


class DetailsPanel(QWidget):
    def __init__(self, controller: ChartController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.name = QLineEdit(self)
        self.name.setObjectName("personName")
        self.name.setPlaceholderText("Who the chart is for (optional)")
        self.name.textEdited.connect(lambda text: controller.set_details(name=text))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(
            "When it started, what makes it worse or better, what has helped..."
        )
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_edited)
        self._syncing = False
        form = QFormLayout(self)
        form.setContentsMargins(8, 8, 8, 8)
        form.addRow("&Name:", self.name)
        form.addRow("N&otes:", self.notes)
        listen(controller, self._on_change)
        self._sync()

    def _on_notes_edited(self) -> None:
        if not self._syncing:
            self._controller.set_details(notes=self.notes.toPlainText())

    def _on_change(self, change: Change) -> None:
        if change & Change.DOCUMENT:
            self._sync()

    def _sync(self) -> None:
        # Only replace text that differs, so typing keeps its cursor and undo history.
        self._syncing = True
        try:
            if self.name.text() != self._controller.name:
                self.name.setText(self._controller.name)
            if self.notes.toPlainText() != self._controller.notes:
                self.notes.setPlainText(self._controller.notes)
        finally:
            self._syncing = False
