"""The command line: `calfchart [SESSION_FILE]` opens the window; subcommands script the core.

See shared/spec/CLI.md. Bad input is explained on standard error with no traceback
(exit 1); wrong usage exits 2. The subcommands that print never load Qt.
"""

from __future__ import annotations

import argparse
import gc
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calfchart import __version__
from calfchart.catalog import CatalogError, load_catalog, open_catalog
from calfchart.domain.catalog import Catalog, UnknownIdError
from calfchart.domain.ranking import DEFAULT_INTENSITY, MAX_INTENSITY, Suggestion, rank
from calfchart.domain.record import record
from calfchart.domain.red_flags import SELF_TREATMENT_WITHHELD, RaisedFlag, screen
from calfchart.domain.zones import Side

if TYPE_CHECKING:
    from calfchart.domain.session import Session


class InputError(Exception):
    """Bad input from the user: explained on standard error, exit code 1."""


def _wrap(text: str, indent: str = "", width: int = 88) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _catalog(args: argparse.Namespace) -> Catalog:
    data_dir = Path(args.data_dir) if args.data_dir else None
    return open_catalog(data_dir)


def _print_json(value: Any) -> None:
    import json  # only here: the window and the plain-text commands never need it

    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


# -- subcommands ------------------------------------------------------------------------


def cmd_zones(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    zones = list(catalog.zones.values())
    if args.json:
        _print_json(
            [
                {"id": z.id, "name": z.name, "term": z.term, "views": [v.value for v in z.views]}
                for z in zones
            ]
        )
        return 0
    rows = [[z.id, z.name, z.term, ", ".join(v.value for v in z.views)] for z in zones]
    print(_table(rows, ["id", "plain name", "anatomical term", "views"]))
    return 0


def cmd_muscles(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.json:
        _print_json(
            [
                {
                    "id": m.id,
                    "name": m.name,
                    "aliases": list(m.aliases),
                    "group": m.group.value,
                    "depth": m.depth.value,
                    "trigger_points": [tp.id for tp in m.trigger_points],
                }
                for m in catalog.muscles.values()
            ]
        )
        return 0
    rows = [
        [m.id, m.name, ", ".join(m.aliases), ", ".join(tp.id for tp in m.trigger_points)]
        for m in catalog.muscles.values()
    ]
    print(_table(rows, ["id", "name", "aliases", "trigger points"]))
    return 0


def cmd_muscle(args: argparse.Namespace) -> int:
    from calfchart.presenting import muscle_as_dict, muscle_card_text

    catalog = _catalog(args)
    muscle = catalog.muscle(" ".join(args.muscle))
    if args.json:
        _print_json(muscle_as_dict(muscle, catalog))
    else:
        print(muscle_card_text(muscle, catalog))
    return 0


def cmd_red_flags(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    flags = list(catalog.red_flags.values())
    if args.json:
        _print_json(
            [
                {
                    "id": f.id,
                    "condition": f.condition,
                    "urgency": f.urgency.value,
                    "questions": [
                        {"id": q.id, "text": q.text, "points": q.points} for q in f.questions
                    ],
                }
                for f in flags
            ]
        )
        return 0
    for n, flag in enumerate(flags):
        if n:
            print()
        heading = f"{flag.id} ({flag.urgency.value}): {flag.condition}"
        print(textwrap.fill(heading, 88, subsequent_indent="  "))
        for q in flag.questions:
            print(
                textwrap.fill(
                    q.text, 88, initial_indent=f"  - {q.id}: ", subsequent_indent="      "
                )
            )
    return 0


def pain_from_arguments(
    catalog: Catalog, zones: Sequence[str], pairs: Sequence[str]
) -> dict[str, int]:
    pain: dict[str, int] = {}
    for zone in zones:
        catalog.zone(zone)
        pain[zone] = DEFAULT_INTENSITY
    for pair in pairs:
        zone, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--intensity takes ZONE=0..{MAX_INTENSITY}, not '{pair}'")
        catalog.zone(zone)
        if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
            raise InputError(f"--intensity {pair}: must lie between 0 and {MAX_INTENSITY}")
        if not (value.isascii() and value.isdigit()):
            raise InputError(f"--intensity {pair}: '{value}' is not a whole number")
        level = int(value)
        if not 0 <= level <= MAX_INTENSITY:
            raise InputError(f"--intensity {pair}: must lie between 0 and {MAX_INTENSITY}")
        pain[zone] = level
    return pain


def _answers(catalog: Catalog, yes: Sequence[str]) -> dict[str, bool]:
    for question in yes:
        if question not in catalog.questions:
            near = tuple(q for q in catalog.questions if q.startswith(f"{question}-"))[:6]
            near = near or catalog.closest(question, catalog.questions)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise InputError(
                f"unknown screening question '{question}'{hint} (`calfchart red-flags` lists them)"
            )
    return dict.fromkeys(yes, True)


def suggestion_as_dict(s: Suggestion) -> dict[str, Any]:
    return {
        "muscle": s.muscle.id,
        "name": s.muscle.name,
        "trigger_point": s.trigger_point.id,
        "score": round(s.score, 3),
        "essential_matches": list(s.essential_matches),
        "spillover_matches": list(s.spillover_matches),
        "why": s.why,
        "prevalence": s.trigger_point.prevalence.value,
        "self_treatment": s.muscle.may_press(s.trigger_point),
    }


def flag_as_dict(r: RaisedFlag) -> dict[str, Any]:
    return {
        "id": r.red_flag.id,
        "condition": r.red_flag.condition,
        "urgency": r.urgency.value,
        "message": r.red_flag.message,
        "because": [q.id for q in r.because],
    }


def cmd_suggest(args: argparse.Namespace) -> int:
    if not args.zone and not args.intensity:
        args.usage_error("name at least one painful zone with --zone (see `calfchart zones`)")
    catalog = _catalog(args)
    pain = pain_from_arguments(catalog, args.zone or [], args.intensity or [])
    answers = _answers(catalog, args.yes or [])
    suggestions = rank(catalog.muscles.values(), pain, catalog.zones, limit=args.limit)
    raised = screen(catalog.red_flags.values(), answers, manual=[])
    if args.json:
        _print_json(
            {
                "side": args.side,
                "zones": list(pain),
                "intensities": pain,
                "suggestions": [suggestion_as_dict(s) for s in suggestions],
                "red_flags": [flag_as_dict(r) for r in raised],
                "self_treatment_withheld": bool(raised),
            }
        )
        return 0
    for r in raised:
        print(
            _wrap(f"!! {r.urgency.advice} Your answers point to: {r.red_flag.condition}.", width=88)
        )
        print(_wrap(r.red_flag.message, "   "))
        print()
    if raised:
        print(_wrap(SELF_TREATMENT_WITHHELD))
        print()
    names = ", ".join(f"{catalog.zones[z].list_name} at {i}/10" for z, i in pain.items())
    print(_wrap(f"Pain on the {args.side} leg: {names}"))
    if not suggestions:
        if not any(pain.values()):
            print("Every marked zone is at 0/10: with no pain there is nothing to rank.")
        else:
            print("No trigger point in the catalog refers pain to these zones.")
        return 0
    print()
    for n, s in enumerate(suggestions, 1):
        bar = "#" * round(s.score * 10)
        print(f"{n:>2}. {s.muscle.name} ({s.trigger_point.id})  {bar:<10} {s.score:.2f}")
        print(_wrap(s.why[0].upper() + s.why[1:] + ".", "    "))
        if not s.muscle.may_press(s.trigger_point):
            print("    Not for self-pressure: see `calfchart muscle " + s.muscle.id + "`.")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    # Always the full check, never the cache.
    catalog = load_catalog(Path(args.data_dir) if args.data_dir else None)
    folder = args.data_dir or "the bundled data"
    tps = len(catalog.trigger_points)
    print(
        f"{folder}: OK, {len(catalog.zones)} zones, {len(catalog.muscles)} muscles, "
        f"{tps} trigger points, {len(catalog.acupressure)} acupressure points, "
        f"{len(catalog.red_flags)} red flags, {len(catalog.sources)} sources"
    )
    return 0


def _no_display() -> bool:
    """On Linux and the BSDs, whether there is no screen for a window at all.

    Qt would abort with a core dump; a plain sentence serves the user better.
    """
    import os

    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_open(args: argparse.Namespace) -> int:
    # Start-up makes tens of thousands of objects that live as long as the window
    # (PySide6 makes a Python enum of every Qt enum of each class it loads), and the
    # cyclic garbage collector would go over them again and again while they are
    # made: about 20 ms of the wait for the first paint. It is off until the window
    # is whole; run_window turns it back on.
    gc.disable()
    try:
        catalog = _catalog(args)
        session = Path(args.session) if args.session else None
        if session is not None and session.is_dir():
            raise InputError(f"{session}: a folder, not a session file")
        if session is not None and not session.exists():
            raise InputError(f"{session}: no such session file")
        if session is not None:
            read_session(str(session), catalog)
        if _no_display():
            raise InputError(
                "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                "the subcommands (suggest, sheet, ...) work without one"
            )
        from calfchart.qt.app import run_window  # Qt is loaded only for the window
    except BaseException:
        gc.enable()
        raise
    return run_window(catalog, session)


def read_session(path: str, catalog: Catalog) -> Session:
    """A saved session, checked against the catalog; raises InputError with the reason,
    each problem on a line with its file and line. Used before Qt starts, so that a bad
    file is told on standard error as every command tells its input."""
    from calfchart.domain.session import LARGEST_FILE, SessionError, parse_session
    from calfchart.files import read_small_text, unreadable_reason

    try:
        text = read_small_text(Path(path), LARGEST_FILE)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the session {path}: {unreadable_reason(exc)}") from None
    try:
        return parse_session(text, catalog, file=path)
    except SessionError as exc:
        raise InputError(exc.listing()) from None


def cmd_sheet(args: argparse.Namespace) -> int:
    if not args.zone and not args.intensity and not args.session:
        args.usage_error(
            "name at least one painful zone with --zone, or a saved session with --session"
        )
    from calfchart.sheet_command import write_sheet  # Qt is loaded only to draw the sheet

    return write_sheet(args, _catalog(args))


# -- the parser -------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _open_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("session", nargs="?", metavar="SESSION_FILE", help="a saved session to open")


def _json_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _muscle_arguments(p: argparse.ArgumentParser) -> None:
    # Several words are one name: "calfchart muscle fibularis longus", unquoted.
    p.add_argument("muscle", metavar="ID_OR_ALIAS", nargs="+")
    _json_argument(p)


def _many(p: argparse.ArgumentParser, flag: str, metavar: str, words: str) -> None:
    """An option that takes one value or several, and may be repeated:
    `--zone a b --zone c` reads as `--zone a --zone b --zone c`."""
    p.add_argument(flag, action="extend", nargs="+", metavar=metavar, help=words)


def _suggest_arguments(p: argparse.ArgumentParser) -> None:
    _many(p, "--zone", "ID", "painful zones (one or more; repeatable)")
    p.add_argument("--side", choices=[s.value for s in Side], default=Side.RIGHT.value)
    _many(
        p,
        "--intensity",
        "ID=N",
        f"how much a zone hurts, 0..{MAX_INTENSITY} (default {DEFAULT_INTENSITY}); "
        "marks the zone too",
    )
    _many(p, "--yes", "QUESTION_ID", "red-flag screening questions answered yes (one or more)")
    p.add_argument(
        "--limit", type=_positive, default=None, metavar="N", help="show the best N only"
    )
    _json_argument(p)


def _sheet_arguments(p: argparse.ArgumentParser) -> None:
    _many(p, "--zone", "ID", "painful zones (one or more; repeatable)")
    p.add_argument("--side", choices=[s.value for s in Side], default=None)
    _many(p, "--intensity", "ID=N", "how much zones hurt (one or more; repeatable)")
    p.add_argument("--name", metavar="TEXT", help="the person's name")
    p.add_argument("--prepared-by", metavar="TEXT", help="who prepared the sheet, with a phone")
    _many(p, "--muscle", "ID", "put these muscles' trigger points on the sheet")
    _many(p, "--red-flag", "ID", "red flags that stand (one or more; repeatable)")
    p.add_argument(
        "--session", metavar="FILE", help="take zones, side and answers from a saved session"
    )
    p.add_argument("--acupressure", action="store_true", help="add the nearby acupressure points")
    p.add_argument("--page-size", choices=["a4", "letter"], default=None, help="default: by locale")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def _no_arguments(_p: argparse.ArgumentParser) -> None:
    pass


@record
class _Command:
    run: Callable[[argparse.Namespace], int]
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]


_COMMANDS: dict[str, _Command] = {
    "open": _Command(
        cmd_open,
        "open the window (the default), on a saved session if one is given",
        _open_arguments,
    ),
    "zones": _Command(cmd_zones, "list the pain zones", _json_argument),
    "muscles": _Command(cmd_muscles, "list the muscles", _json_argument),
    "muscle": _Command(
        cmd_muscle,
        "one muscle in full: trigger points, patterns, treatment, sources",
        _muscle_arguments,
    ),
    "red-flags": _Command(
        cmd_red_flags, "list the red flags and their screening question ids", _json_argument
    ),
    "suggest": _Command(
        cmd_suggest,
        "rank the trigger points that can cause pain in these zones",
        _suggest_arguments,
    ),
    "sheet": _Command(
        cmd_sheet, "write the treatment sheet as a PDF, without opening a window", _sheet_arguments
    ),
    "validate": _Command(
        cmd_validate,
        "check a data folder; prints every problem as FILE:LINE: message",
        _no_arguments,
    ),
}
COMMANDS = tuple(_COMMANDS)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line; with `only`, of that command alone.

    Every subcommand is a parser of its own, and building all eight costs a few
    milliseconds of every run (argparse looks up translations for each); a command
    line whose command is known needs only that one. Help for the whole program, and
    the message for an unknown command, list them all.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="use this data folder in place of the bundled one (it is validated first)",
    )
    parser = argparse.ArgumentParser(
        prog="calfchart",
        description="Find and treat the trigger points behind leg pain. "
        "With no command, opens the window.",
        epilog="Informational only, not a diagnosis. Run `calfchart COMMAND --help` for more.",
    )
    parser.add_argument("--version", action="version", version=f"calfchart {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in _COMMANDS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, parents=[common], help=command.help, description=command.help)
        # A command that finds its arguments incomplete says so as argparse does:
        # its usage line, the reason, exit 2.
        p.set_defaults(func=command.run, usage_error=p.error)
        command.arguments(p)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Put the command first: `calfchart` and `calfchart FILE` open the window, as
    `calfchart open [FILE]`, and `--data-dir DIR` may stand before the command."""
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--data-dir":
            skip = True
            continue
        if arg in ("-h", "--help", "--version"):
            return argv
        if arg.startswith("-"):
            continue
        if arg in COMMANDS:
            return [arg, *argv[:index], *argv[index + 1 :]]
        if _looks_like_a_command(arg):
            return [arg, *argv[:index], *argv[index + 1 :]]  # argparse names the choices
        return ["open", *argv]
    return ["open", *argv]


def _looks_like_a_command(word: str) -> bool:
    """A misspelt command rather than a session file: a bare word (no folder, no
    suffix) that is no file here, like `zone` or `sugest`."""
    return not Path(word).exists() and "/" not in word and "\\" not in word and "." not in word


_LISTED_BY = {"zone": "calfchart zones", "muscle": "calfchart muscles"}
"""The command that lists the ids of each kind."""


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    args_list = _with_default_command(args_list)
    command = args_list[0] if args_list and args_list[0] in COMMANDS else None
    args = _parser(command).parse_args(args_list)
    try:
        if getattr(args, "data_dir", None) == "":
            raise InputError("--data-dir needs a folder")
        result: int = args.func(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return result
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        problems = "1 problem" if count == 1 else f"{count} problems"
        print(f"calfchart: {problems} in the data folder", file=sys.stderr)
        return 1
    except UnknownIdError as exc:
        # Nothing near it to suggest: say where the known ids are listed instead.
        listing = _LISTED_BY.get(exc.kind) if not exc.closest else None
        print(
            f"calfchart: {exc}" + (f" (`{listing}` lists them)" if listing else ""), file=sys.stderr
        )
        return 1
    except InputError as exc:
        # Each line of a listing (a session's problems) is marked as calfchart's.
        for line in str(exc).splitlines():
            print(f"calfchart: {line}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # writing the output failed: a full disk, a closed terminal
        print(f"calfchart: {exc.strerror or exc}", file=sys.stderr)
        return 1
