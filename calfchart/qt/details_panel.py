"""The person's name and notes (saved with the session), and who prepares the sheet.

The name and notes belong to the session. "Prepared by" belongs to the clinician at
this computer, so it is kept in the settings and printed on every sheet.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from calfchart.controller import Change, ChartController
from calfchart.qt.listening import listen
from calfchart.qt.settings import WindowSettings


class DetailsPanel(QWidget):
    def __init__(
        self,
        controller: ChartController,
        settings: WindowSettings,
        parent: QWidget | None = None,
    ) -> None:
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
        self.prepared_by = QLineEdit(settings.prepared_by(), self)
        self.prepared_by.setObjectName("preparedBy")
        self.prepared_by.setPlaceholderText("Your name and phone, for the sheet (optional)")
        self.prepared_by.setToolTip(
            "Printed on every treatment sheet as who prepared it, so the person knows "
            "whom to call. Kept on this computer, not in the session."
        )
        self.prepared_by.textEdited.connect(settings.set_prepared_by)
        self._syncing = False
        form = QFormLayout(self)
        form.setContentsMargins(8, 8, 8, 8)
        form.addRow("&Name:", self.name)
        form.addRow("N&otes:", self.notes)
        form.addRow("&Prepared by:", self.prepared_by)
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
