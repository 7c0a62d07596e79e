"""Reads and validates a data folder into the domain's Catalog (docs/data-format.md).

`load_catalog` always reads and validates the YAML. `open_catalog` is what the
program uses: it keeps a validated copy in the user's cache and reuses it while no
data file has changed, because start-up time is paid on every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from calfchart.catalog.errors import CatalogError, Problem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from calfchart.domain.catalog import Catalog

__all__ = ["CatalogError", "Problem", "load_catalog", "open_catalog"]


def load_catalog(data_dir: Path | Traversable | None = None) -> Catalog:
    """Read and validate a data folder (the bundled one by default).

    Raises CatalogError listing every problem found, each with its file and line.
    """
    from calfchart.catalog.loader import load_catalog as load

    return load(data_dir)


def open_catalog(data_dir: Path | None = None) -> Catalog:
    """The catalog of a data folder, from the cache while its files are unchanged."""
    from calfchart.catalog.cache import open_catalog as open_cached

    return open_cached(data_dir)
