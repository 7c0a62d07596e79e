"""A validated catalog kept in the user's cache, reused while no data file changed.

Reading and validating twenty YAML files costs about 10 ms, more than half of what
`calfchart suggest` may take in all. The cache holds the validated Catalog (pickled)
together with the size and modification time of every data file and of the domain
code its objects are made of, the folder's path and calfchart's version; any
difference and the folder is read and validated again.
The cache lives in the user's own cache folder (CALFCHART_CACHE_DIR, else
XDG_CACHE_HOME/calfchart, else ~/.cache/calfchart), created private to the user.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

from calfchart import __version__
from calfchart.domain.catalog import Catalog
from calfchart.resources import data_folder

KEPT_CATALOGS = 8
"""Caches of this many data folders are kept (the most recently written); each new
install or data pack has its own folder, and old ones would otherwise pile up."""

_FORMAT = 5
"""2: records (domain/record.py); 3: TriggerPoint.self_pressure; 4: stricter whole numbers
and yes/no values; 5: the domain code in the fingerprint, so that a record's new or
changed field no longer needs a new format here."""

_DOMAIN = Path(__file__).resolve().parent.parent / "domain"
"""The code of the objects a cached catalog is made of. Pickled objects come back with
the fields they had when written: after a change to their classes, in a new version or
a checkout, one may lack a field the code now reads, and only fail later, far away."""


def cache_folder() -> Path:
    explicit = os.environ.get("CALFCHART_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "calfchart"


def _fingerprint(folder: Path) -> tuple[object, ...]:
    data = [
        stamp
        for sub in ("", "sources", "muscles")
        for stamp in _stamps(folder / sub if sub else folder, ".yaml", f"{sub}/")
    ]
    # A zipped install has no domain folder: its version stands for its code.
    code = _stamps(_DOMAIN, ".py")
    return (_FORMAT, __version__, sys.version_info[:2], str(folder), tuple(data), tuple(code))


def _stamps(where: Path, suffix: str, prefix: str = "") -> list[tuple[str, int, int]]:
    """The name, modification time and size of each file in `where` ending in `suffix`."""
    try:
        entries = sorted(os.scandir(where), key=lambda e: e.name)
    except OSError:
        return []
    stamps = []
    for entry in entries:
        if entry.name.endswith(suffix):
            st = entry.stat()
            stamps.append((f"{prefix}{entry.name}", st.st_mtime_ns, st.st_size))
    return stamps


def cache_file(folder: Path) -> Path:
    """Where the catalog of a data folder is cached."""
    # One file per data folder; the fingerprint inside tells a clash from a hit.
    return cache_folder() / f"catalog-{zlib.crc32(str(folder.resolve()).encode()):08x}.pickle"


def _private(fd: int) -> bool:
    """Whether a cache file is the user's own and nobody else can write it.

    Unpickling runs code named in the file, so only a file that the user alone could
    have written is trusted.
    """
    if not hasattr(os, "getuid"):  # Windows: the cache lies in the user's own profile
        return True
    st = os.fstat(fd)
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def open_catalog(data_dir: Path | None = None) -> Catalog:
    from calfchart.catalog import load_catalog

    folder = data_dir if data_dir is not None else data_folder()
    if not isinstance(folder, Path):  # a zipped install: nothing to fingerprint
        return load_catalog(folder)
    folder = folder.resolve()
    fingerprint = _fingerprint(folder)
    target = cache_file(folder)
    try:
        with target.open("rb") as handle:
            if not _private(handle.fileno()):
                raise PermissionError(target)
            stored_fingerprint, catalog = pickle.load(handle)
        if stored_fingerprint == fingerprint and isinstance(catalog, Catalog):
            return catalog
    except Exception:  # a stale or broken cache is simply rebuilt
        pass
    catalog = load_catalog(folder)
    _store(target, fingerprint, catalog)
    return catalog


def _store(target: Path, fingerprint: tuple[object, ...], catalog: Catalog) -> None:
    from calfchart.files import write_atomically

    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(
            target,
            lambda temp: temp.write_bytes(pickle.dumps((fingerprint, catalog), protocol=5)),
            mode=0o600,
        )
        _prune(target.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Remove all but the KEPT_CATALOGS most recently written catalog caches."""
    caches = []
    for path in folder.glob("catalog-*.pickle"):
        try:
            caches.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, stale in sorted(caches, reverse=True)[KEPT_CATALOGS:]:
        stale.unlink(missing_ok=True)
