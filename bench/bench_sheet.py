"""Benchmark of the treatment sheet, run by hand: `python bench/bench_sheet.py`.

Measures `python -m calfchart sheet ...` for the typical runner (heel 7, lower inner
calf 5, Achilles 4: a two-page A4 sheet) as a whole process, start to written PDF,
N times, and prints the median; then the same sheet painted in process (QPdfWriter
into memory), to show how the time splits between start-up and drawing.
Goal (issue 5): the whole command under one second.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed_like import child_environment

RUNS = 10
GOAL_MS = 1000.0
RUNNER = [
    "--zone", "heel_plantar", "--intensity", "heel_plantar=7",
    "--intensity", "calf_lower_medial=5", "--intensity", "achilles=4",
    "--name", "Sam Runner", "--prepared-by", "Jo Physio, 555 0100", "--page-size", "a4",
]  # fmt: skip


def whole_command_ms(folder: Path) -> tuple[float, str]:
    env = child_environment(folder)
    command = [sys.executable, "-m", "calfchart", "sheet", *RUNNER, "-o", str(folder / "s.pdf")]
    times = []
    out = ""
    for run in range(RUNS + 2):  # the first two write the bytecode and warm the caches
        start = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        if run >= 2:
            times.append((time.perf_counter() - start) * 1000)
        out = done.stdout.strip()
    return statistics.median(times), out


def in_process_ms() -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from calfchart.catalog import load_catalog
    from calfchart.domain.sheet import build_sheet
    from calfchart.domain.zones import Side
    from calfchart.qt.printing import PaperSize, pdf_bytes

    app = QGuiApplication.instance() or QGuiApplication([])
    catalog = load_catalog()
    pain = {"heel_plantar": 7, "calf_lower_medial": 5, "achilles": 4}
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        sheet = build_sheet(catalog, side=Side.RIGHT, pain=pain, name="Sam Runner")
        pdf_bytes(sheet, PaperSize.A4)
        times.append((time.perf_counter() - start) * 1000)
    del app
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        whole, said = whole_command_ms(Path(folder))
    drawing = in_process_ms()
    verdict = "met" if whole < GOAL_MS else "NOT met"
    print(f"last run said: {said}")
    print(f"calfchart sheet, whole process (median of {RUNS}): {whole:.0f} ms")
    print(f"  of which build + paint in process, warm (median of {RUNS}): {drawing:.0f} ms")
    print(f"goal: under {GOAL_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
