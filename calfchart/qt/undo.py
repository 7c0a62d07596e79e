"""Undo and redo of the pain map, the side and the screening answers.

The controller hands every edit to an editor (ChartController.set_editor); here that
editor pushes a command holding the immutable states before and after, and the
command applies one or the other through ChartController.restore.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from calfchart.controller import ChartController, ChartState


class StateCommand(QUndoCommand):
    def __init__(
        self, controller: ChartController, old: ChartState, new: ChartState, label: str
    ) -> None:
        super().__init__(label)
        self._controller = controller
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._controller.restore(self._new)

    def undo(self) -> None:
        self._controller.restore(self._old)


def route_edits_through(stack: QUndoStack, controller: ChartController) -> None:
    """Make every edit of the controller an undoable command on `stack`.

    QUndoStack.push calls the command's redo at once, which applies the edit.
    """

    def push(old: ChartState, new: ChartState, label: str) -> None:
        stack.push(StateCommand(controller, old, new, label))

    controller.set_editor(push)
