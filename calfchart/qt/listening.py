"""Subscribing a widget to the controller without keeping it alive.

The controller cannot unsubscribe, and may outlive a panel that Qt has deleted; a
listener that calls into a deleted widget would raise. So the controller holds only
a weak reference to the widget's method, and a dead or deleted widget simply stops
listening.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType
from typing import cast

import shiboken6

from calfchart.controller import Change, ChartController


def listen(controller: ChartController, handler: Callable[[Change], None]) -> None:
    """Call `handler`, a method of a QObject, on every change while that object lives."""
    method = weakref.WeakMethod(cast(MethodType, handler))

    def listener(change: Change) -> None:
        bound = method()
        if bound is not None and shiboken6.isValid(bound.__self__):
            bound(change)

    controller.subscribe(listener)
