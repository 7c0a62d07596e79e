"""The environment a benchmark's child processes run in: Python as an installed program sees it.

`pip install` writes the bytecode (.pyc) of every module it installs, and a plain
checkout writes it on first import. Some machines set PYTHONDONTWRITEBYTECODE, and
there every run of calfchart compiles its ~45 modules from source again (about 25 ms
on the development machine) while PySide6 and the standard library, byte-compiled
when installed, do not: a cost no user pays. The children may therefore write
bytecode, into a private folder (PYTHONPYCACHEPREFIX) so that the checkout stays
clean; a warm-up run fills it before anything is timed.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_environment(folder: Path, **extra: str) -> dict[str, str]:
    """os.environ for a timed child process; bytecode is cached under `folder`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env
