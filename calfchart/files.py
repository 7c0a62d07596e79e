"""Saving files safely: a new file is written and renamed over the old one.

A crash or a full disk mid-write then leaves the old file whole, never half a file.
And reading a small text file (a session) with a reason a person understands when it
cannot be read: a folder, a pipe, a device or a huge file is refused before it is read,
so that none of them can hang the program or fill its memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(target: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `target`; on success it is renamed over `target`.

    The new file gets `mode`, or else the old file's mode, or else 0o644. On any error
    the temporary file is removed and `target` is left as it was.

    A symbolic link is followed: the file it points to is replaced and the link stays.
    A target that is not a file (a pipe, a terminal, a device such as /dev/stdout) is
    written into, never replaced: renaming over it would swap the device for a file.
    """
    target = Path(target)
    try:
        status = target.stat()  # follows links
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(target))
    if status is not None and not stat.S_ISREG(status.st_mode):
        with _written_through(target) as temp:
            yield temp
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    # Renaming over a file needs only the folder's permission: a file its owner made
    # read-only would be replaced without a word.
    if status is not None and not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    folder = target.parent if str(target.parent) else Path()
    # A short prefix: the longest name a folder allows must leave room for it.
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name[:_TEMP_NAME_KEEPS]}.", suffix=".part", dir=folder
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        # mkstemp makes the file private; give it the old file's mode, or the usual one.
        if mode is None:
            mode = status.st_mode & 0o777 if status is not None else 0o644
        temp.chmod(mode)
        with temp.open("rb") as written:
            os.fsync(written.fileno())
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)


_TEMP_NAME_KEEPS = 32
"""How much of the target's name the temporary file's name repeats."""


@contextlib.contextmanager
def _written_through(target: Path) -> Iterator[Path]:
    """A temporary file, copied into `target` (a pipe or a device) once complete."""
    handle, temp_name = tempfile.mkstemp(prefix=".calfchart-", suffix=".part")
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        with temp.open("rb") as written, target.open("wb") as out:
            shutil.copyfileobj(written, out)
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


def read_small_text(path: Path, limit: int) -> str:
    """The UTF-8 text of the regular file at `path`, at most `limit` bytes long.

    Raises OSError with a reason in words (see `unreadable_reason`) for a folder, a
    pipe or device, or a longer file; UnicodeDecodeError for a file that is not UTF-8.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(path))
    # Without O_NONBLOCK, opening a pipe waits for a writer that may never come.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a file (a device, pipe or socket)", str(path))
        data = file.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"too large (over {_size_in_words(limit)})", str(path))
    return data.decode("utf-8")


def _size_in_words(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size // 1024} KB"
