"""The core knows nothing of Qt, and the printing subcommands never load it."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "calfchart.domain",
    "calfchart.catalog.loader",
    "calfchart.catalog.cache",
    "calfchart.controller",
    "calfchart.cli",
    "calfchart.files",
]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_the_core_imports_no_pyside() -> None:
    imports = "\n".join(f"import {m}" for m in CORE)
    imports += "\nimport pkgutil, calfchart.domain\n"
    imports += "for m in pkgutil.iter_modules(calfchart.domain.__path__):\n"
    imports += "    __import__('calfchart.domain.' + m.name)\n"
    loaded = _modules_after(imports)
    assert "calfchart.domain.ranking" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}


def test_subcommands_that_print_do_not_load_qt() -> None:
    for args in (
        ["zones"],
        ["muscles"],
        ["muscle", "soleus"],
        ["suggest", "--zone", "achilles"],
        ["validate"],
    ):
        code = (
            "import io, contextlib\nfrom calfchart.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({args!r}) == 0"
        )
        loaded = _modules_after(code)
        assert not {m for m in loaded if m.startswith("PySide6")}, args
