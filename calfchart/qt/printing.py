"""Export, print and preview the treatment sheet: thin wrappers around `paint_sheet`.

`export_pdf` needs no window (the `calfchart sheet` command uses it); the three
window functions take the controller, build the sheet from what the window shows, and
put each dialog behind a small function that tests replace. A PDF is written to a
temporary file beside the target and renamed over it, so a failure never leaves half
a file behind.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from calfchart import __version__
from calfchart.controller import ChartController
from calfchart.domain.sheet import TreatmentSheet, sheet_from_controller
from calfchart.files import safe_stem, write_atomically
from calfchart.qt import dialogs
from calfchart.qt.sheet_renderer import PAGE_MARGINS_MM, paint_sheet


class PaperSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def page_size(self) -> QPageSize:
        ident = QPageSize.PageSizeId.A4 if self is PaperSize.A4 else QPageSize.PageSizeId.Letter
        return QPageSize(ident)

    @property
    def label(self) -> str:
        return "A4" if self is PaperSize.A4 else "US Letter"


def default_page_size() -> PaperSize:
    """Letter where the locale measures in inches (the US), A4 everywhere else.

    Qt reads this from its own locale data, so it works even where the operating
    system's locale is not installed; the C/POSIX locale gives A4.
    """
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return PaperSize.LETTER if imperial else PaperSize.A4


def page_layout(paper: PaperSize) -> QPageLayout:
    """The sheet's page: `paper`, upright, with the sheet's margins."""
    return QPageLayout(
        paper.page_size,
        QPageLayout.Orientation.Portrait,
        PAGE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _set_page(device: QPagedPaintDevice, paper: PaperSize) -> None:
    if not device.setPageLayout(page_layout(paper)):
        raise ValueError(f"the device does not take a {paper.label} page")


def pdf_bytes(sheet: TreatmentSheet, paper: PaperSize) -> tuple[bytes, int]:
    """The sheet as PDF bytes, and its number of pages."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(sheet.title)
    writer.setCreator(f"calfchart {__version__}")
    _set_page(writer, paper)
    pages = paint_sheet(writer, sheet)
    del writer  # the writer flushes the last page into the buffer as it goes away
    data = bytes(buffer.data().data())
    buffer.close()
    return data, pages


def export_pdf(sheet: TreatmentSheet, path: Path, page_size: PaperSize | None = None) -> int:
    """Write the sheet as a PDF, atomically; returns the number of pages.

    Raises OSError when the target cannot be written; the target is then untouched.
    """
    data, pages = pdf_bytes(sheet, page_size or default_page_size())

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    write_atomically(Path(path), write)
    return pages


# -- the window's three actions ------------------------------------------------------------


def _printer(paper: PaperSize) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("calfchart treatment sheet")
    printer.setCreator(f"calfchart {__version__}")
    printer.setPageSize(paper.page_size)
    printer.setPageMargins(PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer


class SheetPreviewDialog(QPrintPreviewDialog):
    """Print preview of one sheet; it owns its printer, which must outlive the dialog's
    use of it (QT-NOTES §3), and repaints whenever the page setup changes."""

    def __init__(self, sheet: TreatmentSheet, parent: QWidget | None = None) -> None:
        printer = _printer(default_page_size())
        super().__init__(printer, parent)
        # Not `self.printer`: that would hide QPrintPreviewDialog.printer().
        self.sheet_printer = printer
        self.sheet = sheet
        self.pages_painted = 0
        self.setWindowTitle("Treatment sheet: print preview")
        self.paintRequested.connect(self._on_paint_requested)
        # Qt opens the preview small; a page wants most of the window's height.
        if parent is not None:
            window = parent.window()
            self.resize(max(700, window.width() * 7 // 10), max(600, window.height() * 95 // 100))

    def _on_paint_requested(self, printer: QPrinter) -> None:
        self.pages_painted = paint_sheet(printer, self.sheet)


def preview_sheet(parent: QWidget, controller: ChartController, prepared_by: str = "") -> None:
    """Show the sheet for what the window shows, with Print and Page setup at hand."""
    dialog = SheetPreviewDialog(sheet_from_controller(controller, prepared_by), parent)
    dialog.exec()
    dialog.deleteLater()  # parented to the window: without this, each preview would stay


def ask_print(parent: QWidget, printer: QPrinter) -> bool:
    """The print dialog (tests replace this); True when the user chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the treatment sheet")
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_sheet(parent: QWidget, controller: ChartController, prepared_by: str = "") -> int | None:
    """Print the sheet; returns the number of pages, or None when cancelled or failed."""
    sheet = sheet_from_controller(controller, prepared_by)
    printer = _printer(default_page_size())
    if not ask_print(parent, printer):
        return None
    try:
        return paint_sheet(printer, sheet)
    except OSError as exc:
        dialogs.show_error(parent, "Print", "The sheet could not be printed.", str(exc))
        return None


PDF_FILTERS = {
    PaperSize.A4: "PDF on A4 paper (*.pdf)",
    PaperSize.LETTER: "PDF on US Letter paper (*.pdf)",
}


def ask_pdf_path(
    parent: QWidget, suggested: Path, paper: PaperSize
) -> tuple[Path, PaperSize] | None:
    """Where to save the PDF and on which paper (tests replace this function).

    The paper is chosen with the file type, so the export needs no second dialog.
    """
    filters = [PDF_FILTERS[paper]] + [f for p, f in PDF_FILTERS.items() if p is not paper]
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export the treatment sheet as PDF",
        str(suggested),
        ";;".join(filters),
        PDF_FILTERS[paper],
    )
    if not name:
        return None
    picked = next((p for p, f in PDF_FILTERS.items() if f == chosen), paper)
    path = Path(name)
    return (path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")), picked


def suggested_pdf_name(sheet: TreatmentSheet) -> str:
    """treatment-sheet-sam-2026-11-25.pdf: sortable, and safe on every file system."""
    who = safe_stem(sheet.name)
    return f"treatment-sheet-{who + '-' if who else ''}{sheet.date.isoformat()}.pdf"


def export_sheet_pdf(
    parent: QWidget,
    controller: ChartController,
    prepared_by: str = "",
    folder: Path | None = None,
) -> Path | None:
    """Ask where, write the PDF atomically; returns the path, or None if cancelled or failed."""
    sheet = sheet_from_controller(controller, prepared_by)
    suggested = (folder or Path.home()) / suggested_pdf_name(sheet)
    answer = ask_pdf_path(parent, suggested, default_page_size())
    if answer is None:
        return None
    path, paper = answer
    try:
        export_pdf(sheet, path, paper)
    except OSError as exc:
        dialogs.show_error(
            parent,
            "Export PDF",
            f"The sheet could not be saved as {path}.",
            exc.strerror or str(exc),
        )
        return None
    return path
