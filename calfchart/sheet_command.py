"""`calfchart sheet`: write the treatment sheet as a PDF, without a window.

The case comes from the command line, from a saved session (`--session`), or both:
the command line adds zones and intensities to the session's and overrides its side
and name. Everything is checked before Qt starts, so a bad id or a broken session is
reported quickly; the PDF is written beside the target and renamed over it, so a
failure never leaves half a file.

Qt needs a QGuiApplication for fonts, but no display: on Linux and the BSDs, where
Qt would otherwise look for an X or Wayland server, the command uses the offscreen
platform unless QT_QPA_PLATFORM says otherwise; on Windows and macOS the native
platform works without showing anything.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from calfchart.cli import InputError, pain_from_arguments, read_session
from calfchart.domain.catalog import Catalog
from calfchart.domain.ranking import rank
from calfchart.domain.sheet import TreatmentSheet, build_sheet, trigger_points_for_muscles
from calfchart.domain.zones import Side


def sheet_from_arguments(args: argparse.Namespace, catalog: Catalog) -> TreatmentSheet:
    """The sheet the arguments describe (no Qt). Raises InputError or UnknownIdError."""
    session = read_session(args.session, catalog) if args.session else None
    pain = dict(session.pain) if session else {}
    pain.update(pain_from_arguments(catalog, args.zone or [], args.intensity or []))
    side = Side(args.side) if args.side else (session.side if session else Side.RIGHT)
    if args.muscle:
        suggestions = rank(catalog.muscles.values(), pain, catalog.zones)
        chosen = trigger_points_for_muscles(catalog, args.muscle, suggestions)
    else:
        chosen = session.sheet_trigger_points if session else ()
    return build_sheet(
        catalog,
        side=side,
        pain=pain,
        answers=session.answers if session else {},
        trigger_points=chosen,
        manual_red_flags=tuple(dict.fromkeys(args.red_flag or [])),
        name=args.name if args.name is not None else (session.name if session else ""),
        prepared_by=args.prepared_by or "",
        acupressure=bool(getattr(args, "acupressure", False)),
        charted=session.date if session else None,
    )


def _headless_platform() -> None:
    """Use the offscreen platform where Qt would otherwise need a display server."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith(("win", "darwin")):
        return
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def write_sheet(args: argparse.Namespace, catalog: Catalog) -> int:
    """Run `calfchart sheet`; returns the exit code."""
    if not args.output.strip():
        raise InputError("-o needs the name of the PDF file to write")
    if args.output.endswith(("/", os.sep)):
        # Path() drops the slash: the sheet would land in a file named like the folder.
        raise InputError(f"-o {args.output} names a folder: give the PDF file's name")
    target = Path(args.output)
    if args.session and _same_file(Path(args.session), target):
        raise InputError(f"-o {args.output} is the session file itself: give the PDF another name")
    sheet = sheet_from_arguments(args, catalog)

    _headless_platform()
    from PySide6.QtGui import QGuiApplication  # Qt only once the input is known good

    from calfchart.qt.printing import PaperSize, default_page_size, export_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["calfchart"])  # alive to the end
    paper = PaperSize(args.page_size) if args.page_size else default_page_size()
    try:
        pages = export_pdf(sheet, target, paper)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    # With -o /dev/stdout the PDF is the output: the report must not run into it.
    report = sys.stderr if _is_standard_output(target) else sys.stdout
    print(f"wrote {target} ({pages} page{'s' if pages != 1 else ''}, {paper.label})", file=report)
    return 0


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:  # either is missing: they cannot be one file
        return False


def _is_standard_output(target: Path) -> bool:
    try:
        out, there = os.fstat(sys.stdout.fileno()), target.stat()
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False  # no real standard output (closed, or captured in memory)
    return (out.st_dev, out.st_ino) == (there.st_dev, there.st_ino)
