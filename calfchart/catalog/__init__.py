"""Reads and validates a data folder into the domain's Catalog (docs/data-format.md)."""

from calfchart.catalog.errors import CatalogError, Problem
from calfchart.catalog.loader import load_catalog

__all__ = ["CatalogError", "Problem", "load_catalog"]
