"""The cached catalog: reused while the data files are unchanged, rebuilt otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from calfchart.catalog import CatalogError, open_catalog
from calfchart.catalog.cache import KEPT_CATALOGS, cache_file, cache_folder
from calfchart.domain.catalog import Catalog


def test_the_cache_is_reused_and_follows_every_change(pack: Path) -> None:
    first = open_catalog(pack)
    assert list(cache_folder().glob("*.pickle"))
    second = open_catalog(pack)
    assert second == first and second is not first  # read back from the cache

    soleus = pack / "muscles" / "soleus.yaml"
    soleus.write_text(soleus.read_text().replace("Low soleus", "Lower soleus"))
    os.utime(soleus, ns=(1, 1))  # even with an old timestamp the size differs
    assert open_catalog(pack).trigger_point("soleus-1").label == "Lower soleus"


def test_a_change_to_the_domain_code_makes_the_cache_stale(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pickled objects come back with the fields they were written with: zones cached
    before zones had a `phrase` failed only when a reason was written."""
    import shutil

    import calfchart.catalog
    from calfchart.catalog import cache

    domain = tmp_path / "domain"
    shutil.copytree(cache._DOMAIN, domain)
    monkeypatch.setattr(cache, "_DOMAIN", domain)
    loads: list[Path] = []
    load = calfchart.catalog.load_catalog

    def recorded(folder: Path) -> Catalog:
        loads.append(folder)
        return load(folder)

    monkeypatch.setattr(calfchart.catalog, "load_catalog", recorded)
    open_catalog(pack)
    open_catalog(pack)
    assert len(loads) == 1  # the second from the cache
    zones = domain / "zones.py"
    zones.write_text(zones.read_text() + "\n# a new field\n")
    os.utime(zones, ns=(1, 1))  # even with an old timestamp the size differs
    open_catalog(pack)
    assert len(loads) == 2


def test_a_broken_data_file_is_never_hidden_by_the_cache(pack: Path) -> None:
    open_catalog(pack)
    (pack / "zones.yaml").write_text("zones: [", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"zones\.yaml"):
        open_catalog(pack)


def test_a_damaged_cache_file_is_rebuilt(pack: Path) -> None:
    open_catalog(pack)
    cache_file(pack).write_bytes(b"not a pickle")
    assert "soleus" in open_catalog(pack).muscles


def test_a_cache_file_others_could_write_is_not_trusted(pack: Path) -> None:
    open_catalog(pack)
    cached = cache_file(pack)
    cached.chmod(0o666)
    assert "soleus" in open_catalog(pack).muscles  # read from the YAML again...
    assert cached.stat().st_mode & 0o022 == 0  # ...and the cache written anew, private


def test_only_the_newest_caches_are_kept(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.packs import write_minimal_pack

    # A folder of its own: the caches other tests wrote would count among the kept.
    monkeypatch.setenv("CALFCHART_CACHE_DIR", str(tmp_path / "cache"))
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(KEPT_CATALOGS + 3):
        old = folder / f"catalog-old{n:03d}.pickle"
        old.write_bytes(b"stale")
        os.utime(old, ns=(n, n))  # long ago, the older the smaller n
    unrelated = folder / "drawing-plantar-0.qds"
    unrelated.write_bytes(b"kept")
    open_catalog(pack)
    open_catalog(write_minimal_pack(tmp_path / "second-pack"))
    kept = sorted(p.name for p in folder.glob("catalog-*.pickle"))
    assert len(kept) == KEPT_CATALOGS
    assert cache_file(pack.resolve()).name in kept
    assert f"catalog-old{KEPT_CATALOGS + 2:03d}.pickle" in kept
    assert "catalog-old000.pickle" not in kept
    assert unrelated.exists()
