"""The bundled data and drawings, found through the package, never the working folder.

In an installed calfchart, `data/` and `assets/svg/` live inside the package as
`calfchart/data` and `calfchart/svg`. In a source checkout that was not installed,
they are found beside the package. Plain files are looked up beside this module
first, because importlib.resources costs milliseconds to import and every command
pays start-up time; importlib.resources serves the rest (a zipped install).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _folder(installed: str, checkout: str) -> Path | Traversable:
    for candidate in (_PACKAGE / installed, _CHECKOUT / checkout):
        if candidate.is_dir():
            return candidate
    from importlib import resources

    return resources.files(f"calfchart.{installed}")


def data_folder() -> Path | Traversable:
    """The bundled clinical catalog (`data/`)."""
    return _folder("data", "data")


def svg_folder() -> Path | Traversable:
    return _folder("svg", "assets/svg")


def svg_bytes(view: str) -> bytes:
    """The drawing of one view (`posterior`, `anterior`, ...)."""
    return svg_folder().joinpath(f"{view}.svg").read_bytes()
