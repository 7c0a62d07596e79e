"""Test configuration: Qt runs offscreen and never touches the user's settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from calfchart.catalog import load_catalog
from calfchart.domain.catalog import Catalog

# Before any QApplication exists (pytest-qt creates it lazily), whatever the shell says:
# the tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Settings and caches of the tests live in temporary folders, never the user's."""
    folder = tmp_path_factory.mktemp("settings")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    os.environ["CALFCHART_SETTINGS_DIR"] = str(folder)
    os.environ["CALFCHART_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A small, valid data pack in a temporary folder, for breaking one thing at a time."""
    from tests.packs import write_minimal_pack

    return write_minimal_pack(tmp_path / "pack")
