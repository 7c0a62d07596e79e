"""Start-up of the calfchart window against a bare PySide6 window, as whole processes.

Each run spawns a fresh interpreter and measures from just before the spawn to the
window's first paint (the child prints the wall-clock time of its first paint, and
again when the panels left off screen at start are built, then quits:
CALFCHART_BENCH_EXIT_AFTER_PAINT, handled in calfchart/qt/app.py). The bare window is
a QApplication and an empty QMainWindow of the same size, timed the same way, in the
same run, the two alternating so that a busy moment hurts both alike. Peak memory is
each child's maximum resident set size over its whole run, from os.wait4 (the
per-child form of getrusage(RUSAGE_CHILDREN)). The children run with bytecode cached,
as an installed program does (installed_like.py).

Run by hand:  python bench/bench_startup.py [--runs 60] [--platform offscreen|xcb]
(under `xvfb-run -a` for xcb). The goal is to stay within 1.5x of the bare window
for both time and memory. `--drawings-only` times a main window holding only the
three live drawings (no side panel, menus or style) instead of calfchart's: how much
of the budget the drawings alone take. `--minimal-window` times the least any window of
this kind has, with none of calfchart's code: four menus of actions with shortcuts, a
line of text, and a dock holding a short list. It is what naming the `Qt` namespace,
drawing text and building menus cost before a program does anything of its own.

`--count-instructions` runs each window once under valgrind's callgrind instead and
counts the instructions to its first paint: slow (half a minute) but the same on every
run, where the times of one run of a busy machine spread by a fifth or more. Each
child ends its process at the first paint (FIRST_PAINT_ONLY), so the count stops there.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from installed_like import child_environment

ROOT = Path(__file__).resolve().parent.parent
MARK = "first-paint"
WHOLE_MARK = "panels-built"
BENCH_VARIABLE = "CALFCHART_BENCH_EXIT_AFTER_PAINT"
FIRST_PAINT_ONLY = "first-paint"
MARKS = (MARK, WHOLE_MARK)
GOAL = 1.5
TIMEOUT_SECONDS = 60

FIRST_PAINT = f"""
import os, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print("{MARK}", f"{{time.time():.6f}}", flush=True)
        if os.environ.get("{BENCH_VARIABLE}") == "{FIRST_PAINT_ONLY}":
            os._exit(0)
        QCoreApplication.quit()

def run(app, window):
    window.resize(1280, 800)
    FirstPaint(window)
    window.show()
    sys.exit(app.exec())
"""
"""The measuring part of the windows timed against calfchart: `run(app, window)` shows
the window, prints the time of its first paint and quits (counting instructions: ends
the process there)."""

BARE_WINDOW = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
run(app, window)
"""
)


DRAWINGS_ONLY = (
    FIRST_PAINT
    + """
import calfchart.qt
from PySide6.QtWidgets import QApplication, QMainWindow
from calfchart.catalog import open_catalog
from calfchart.controller import ChartController
from calfchart.qt.chart_area import ChartArea

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(ChartArea(ChartController(open_catalog()), window))
run(app, window)
"""
)


MINIMAL_WINDOW = (
    FIRST_PAINT
    + """
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QListWidget, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("minimal")
for title in ("&File", "&Edit", "&View", "&Help"):
    menu = window.menuBar().addMenu(title)
    for number in range(5):
        action = QAction(window)
        action.setText(f"Item {number}")
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        menu.addAction(action)
label = QLabel("Click where it hurts")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
window.setCentralWidget(label)
dock = QDockWidget("Suggestions", window)
items = QListWidget()
items.addItems([f"Muscle {number}" for number in range(5)])
dock.setWidget(items)
window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
run(app, window)
"""
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    whole_seconds: float | None  # calfchart: until the off-screen panels are built too


def run_once(command: list[str], env: dict[str, str]) -> Run:
    start = time.time()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    # A child that never reports (a broken start) is killed rather than waited for.
    watchdog = threading.Timer(TIMEOUT_SECONDS, child.kill)
    watchdog.start()
    output = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    watchdog.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    marks = dict(line.split()[:2] for line in output.splitlines() if line.startswith(MARKS))
    if child.returncode != 0 or MARK not in marks:
        raise SystemExit(f"{command} failed (exit {child.returncode}): {output!r}")
    whole = float(marks[WHOLE_MARK]) - start if WHOLE_MARK in marks else None
    # ru_maxrss is in KiB on Linux: the peak of the whole run, panels built after
    # the first paint included.
    return Run(float(marks[MARK]) - start, usage.ru_maxrss / 1024, whole)


def count_instructions(command: list[str], env: dict[str, str], folder: Path) -> int:
    """The instructions a child runs up to its first paint, counted by valgrind's
    callgrind: the same on every run, where the time is not on a busy machine."""
    env = {**env, BENCH_VARIABLE: FIRST_PAINT_ONLY}
    out_file = folder / "callgrind.out.%p"
    child = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    output, log = child.communicate(timeout=TIMEOUT_SECONDS * 20)
    # Valgrind runs the program in its own process, and marks each line with the
    # process id: Qt may fork a helper, which reports its own count.
    count = re.search(rf"^=={child.pid}== Collected : (\d+)$", log, re.MULTILINE)
    if child.returncode != 0 or MARK not in output or count is None:
        raise SystemExit(f"{command} under valgrind failed (exit {child.returncode}): {log!r}")
    return int(count.group(1))


def describe(name: str, runs: list[Run]) -> tuple[float, float]:
    times = [r.seconds * 1000 for r in runs]
    memory = [r.peak_mib for r in runs]
    median_time, median_memory = statistics.median(times), statistics.median(memory)
    print(
        f"{name:<10} first paint: median {median_time:6.0f} ms "
        f"(min {min(times):.0f}, max {max(times):.0f});  "
        f"peak memory: median {median_memory:5.1f} MiB (max {max(memory):.1f})"
    )
    wholes = [r.whole_seconds * 1000 for r in runs if r.whole_seconds is not None]
    if wholes:
        print(
            f"{'':<10} every panel built: median {statistics.median(wholes):6.0f} ms "
            f"(min {min(wholes):.0f}, max {max(wholes):.0f})"
        )
    return median_time, median_memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # On a busy machine the ratio of two medians of 15 runs spread from 1.5x to 1.9x in
    # one afternoon; medians of 60 agreed within 0.03x.
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM")
    floors = parser.add_mutually_exclusive_group()
    floors.add_argument(
        "--drawings-only", action="store_true", help="time a window of the drawings alone"
    )
    floors.add_argument(
        "--minimal-window",
        action="store_true",
        help="time a window of menus, a label and a list, with no calfchart code",
    )
    parser.add_argument(
        "--count-instructions",
        action="store_true",
        help="count the instructions to the first paint under valgrind, once each, "
        "instead of timing runs (slow, but the same every time)",
    )
    args = parser.parse_args()
    if args.count_instructions and not shutil.which("valgrind"):
        parser.error("--count-instructions needs valgrind (apt-get install valgrind)")

    with tempfile.TemporaryDirectory(prefix="calfchart-bench-") as folder:
        env = child_environment(
            Path(folder),
            QT_QPA_PLATFORM=args.platform,
            **{BENCH_VARIABLE: "1"},
            # A fresh settings folder: no saved layout, no recent files.
            CALFCHART_SETTINGS_DIR=folder,
        )
        bare_script = Path(folder) / "bare_window.py"
        bare_script.write_text(BARE_WINDOW, encoding="utf-8")
        calfchart = [sys.executable, "-m", "calfchart"]
        if args.drawings_only:
            drawings_script = Path(folder) / "drawings_only.py"
            drawings_script.write_text(DRAWINGS_ONLY, encoding="utf-8")
            calfchart = [sys.executable, str(drawings_script)]
        if args.minimal_window:
            minimal_script = Path(folder) / "minimal_window.py"
            minimal_script.write_text(MINIMAL_WINDOW, encoding="utf-8")
            calfchart = [sys.executable, str(minimal_script)]
        bare = [sys.executable, str(bare_script)]

        for _ in range(2):  # write the bytecode, then warm the disk cache
            run_once(calfchart, env)
            run_once(bare, env)
        if args.count_instructions:
            return report_instructions(args, calfchart, bare, env, Path(folder))
        ours: list[Run] = []
        theirs: list[Run] = []
        for _ in range(args.runs):
            ours.append(run_once(calfchart, env))
            theirs.append(run_once(bare, env))

    print(
        f"{args.runs} runs each, QT_QPA_PLATFORM={args.platform}, Python {sys.version.split()[0]}"
    )
    name = _name(args)
    our_time, our_memory = describe(name, ours)
    bare_time, bare_memory = describe("bare", theirs)
    time_ratio, memory_ratio = our_time / bare_time, our_memory / bare_memory
    print(
        f"ratio      time {time_ratio:.2f}x, memory {memory_ratio:.2f}x "
        f"(goal: within {GOAL}x for both)"
    )
    return 0 if time_ratio <= GOAL and memory_ratio <= GOAL else 1


def _name(args: argparse.Namespace) -> str:
    return "drawings" if args.drawings_only else "minimal" if args.minimal_window else "calfchart"


def report_instructions(
    args: argparse.Namespace,
    calfchart: list[str],
    bare: list[str],
    env: dict[str, str],
    folder: Path,
) -> int:
    ours = count_instructions(calfchart, env, folder)
    theirs = count_instructions(bare, env, folder)
    print(
        f"instructions to the first paint, QT_QPA_PLATFORM={args.platform}, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{_name(args):<10} {ours / 1e6:8.0f} million")
    print(f"{'bare':<10} {theirs / 1e6:8.0f} million")
    print(f"ratio      {ours / theirs:.2f}x (goal for the time: within {GOAL}x)")
    return 0 if ours / theirs <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
