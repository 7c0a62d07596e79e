"""Saving files safely: a new file is written and renamed over the old one.

A crash or a full disk mid-write then leaves the old file whole, never half a file.
And reading a text file with a reason a person understands when it cannot be read.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(target: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `target`; on success it is renamed over `target`.

    The new file gets `mode`, or else the old file's mode, or else 0o644. On any error
    the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path()
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        # mkstemp makes the file private; give it the old file's mode, or the usual one.
        if mode is None:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        temp.chmod(mode)
        with temp.open("rb") as written:
            os.fsync(written.fileno())
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    with replacing(target) as temp:
        temp.write_text(text, encoding="utf-8")


def write_atomically(
    target: Path, write: Callable[[Path], object], mode: int | None = None
) -> None:
    """Let `write` fill a temporary file, then move it into place."""
    with replacing(target, mode) as temp:
        write(temp)


def safe_stem(text: str) -> str:
    """Words of `text` joined by dashes, lower case: a file name safe everywhere.

    "Zoë O'Brien: left" gives "zoë-o-brien-left" (no colon, slash or quote).
    """
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def unreadable_reason(error: OSError | UnicodeDecodeError) -> str:
    """Why a text file could not be read, in words (not a codec's message)."""
    if isinstance(error, UnicodeDecodeError):
        return "not a text file (it is not UTF-8 text)"
    return error.strerror or str(error)
