"""The bundled data and drawings, found through the package, never the working folder.

In an installed calfchart, `data/` and `assets/svg/` live inside the package as
`calfchart.data` and `calfchart.svg`. In a source checkout that was not installed,
they are found beside the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _package_folder(package: str, fallback: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return _SOURCE_ROOT / fallback


def data_folder() -> Traversable:
    """The bundled clinical catalog (`data/`)."""
    return _package_folder("calfchart.data", "data")


def svg_folder() -> Traversable:
    return _package_folder("calfchart.svg", "assets/svg")


def svg_bytes(view: str) -> bytes:
    """The drawing of one view (`posterior`, `anterior`, ...)."""
    return svg_folder().joinpath(f"{view}.svg").read_bytes()
