"""Where the lines of laid-out rich text lie: for the sheet's page breaks and for the
red-flag banner's window onto its explanation."""

from __future__ import annotations

from PySide6.QtGui import QAbstractTextDocumentLayout, QTextBlock


def line_spans(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> list[tuple[float, float]]:
    """Where each line of `block` starts and ends, down the document.

    Counted from the corner of the block's bounding rectangle, measured: Qt draws a
    line there plus the line's own place (a list item's lines carry its indent, a line
    moved to the next page its move), not at the corner of the lines' bounds.
    """
    top = layout.blockBoundingRect(block).top()
    lines = block.layout()
    spans = []
    for n in range(lines.lineCount()):
        line = lines.lineAt(n)
        spans.append((top + line.y(), top + line.y() + line.height()))
    return spans
