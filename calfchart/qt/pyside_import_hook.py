"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6 hooks imports to learn which modules use it (for its optional `__feature__`
switches, PYSIDE-2029): for each newly imported module it calls
`inspect.getsource(module)` and looks for the text "PySide6". That tokenises the
whole file and keeps every line of it in `linecache` for the rest of the run: for
the 85 modules the window imports, 7 ms of start-up and about 3 MiB that stay.
Reading the file's bytes answers the same question without either cost.

The hook is PySide6's private code (shibokensupport.feature._mod_uses_pyside); when
it is not there, nothing is changed. tests/test_binding_sanity.py checks that the
answer stays the same as PySide6's own.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_HOOK = "_mod_uses_pyside"


def uses_pyside(module: ModuleType) -> bool | None:
    """Whether a module's source mentions PySide6; None when it has no .py file."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return None
    try:
        with open(path, "rb") as source:  # noqa: PTH123 - the cheapest way, and all we need
            return b"PySide6" in source.read()
    except OSError:
        return None


def lighten() -> bool:
    """Put the cheaper check in place of PySide6's; True when it was put in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _HOOK, None)
    if feature is None or not callable(original) or getattr(original, "lightened", False):
        return False

    def mod_uses_pyside(module: ModuleType) -> bool:
        answer = uses_pyside(module)
        # Built-in, frozen and compiled modules: PySide6's own answer.
        return bool(original(module)) if answer is None else answer

    mod_uses_pyside.lightened = True  # type: ignore[attr-defined]
    mod_uses_pyside.original = original  # type: ignore[attr-defined]
    setattr(feature, _HOOK, mod_uses_pyside)
    return True
