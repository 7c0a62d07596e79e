"""How long a click on a leg drawing takes, from the mouse to the repainted overlay.

    QT_QPA_PLATFORM=offscreen python bench/bench_click.py [--rounds 30]

Opens one window's worth of chart views (back, front, outer side, inner side, sole and
the zone list), then clicks through every zone of every view with real mouse events on
the viewport, round after round: each click marks or clears its zone, so the pain map
grows and shrinks and the ranking, the overlays and the markers change most of the
time. Each sample is the time from the press to the end of the synchronous repaint of
every view's viewport, with the controller's suggestions checked to have been updated.
Prints the median and 95th percentile (goal: median < 5 ms, p95 < 16 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from calfchart.catalog import load_catalog
from calfchart.controller import ChartController
from calfchart.domain.zones import View
from calfchart.qt.app import collect_start_up_garbage
from calfchart.qt.chart_view import ChartView
from calfchart.qt.zone_list import ZoneListView

GOAL_MEDIAN_MS = 5.0
GOAL_P95_MS = 16.0


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="passes over every zone")
    parser.add_argument("--width", type=int, default=1500)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    controller = ChartController(load_catalog())
    window = QWidget()
    row = QHBoxLayout(window)
    views = [ChartView(controller, kind, window) for kind in View]
    for view in views:
        row.addWidget(view, 1)
    row.addWidget(ZoneListView(controller, window))
    window.resize(args.width, args.height)
    window.show()
    app.processEvents()
    # As in the program once its window is whole: what start-up made is frozen, so the
    # garbage collector does not go over it again at every collection.
    collect_start_up_garbage()

    targets: list[tuple[ChartView, str, QPoint]] = []
    for view in views:
        scene = view.chart_scene()
        for zone_id in scene.keyboard_order:
            targets.append((view, zone_id, view.mapFromScene(scene.zone_point(zone_id))))

    def click(view: ChartView, zone_id: str, pos: QPoint) -> float:
        before = controller.pain.get(zone_id)
        start = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        if controller.pain.get(zone_id) == before:
            raise RuntimeError(f"the click on {zone_id} in {view.view_kind} did not land")
        if controller.pain and not controller.suggestions:
            raise RuntimeError("the suggestions were not updated")
        for each in views:
            each.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    # The first round fills the caches (hatch paths); it is reported on its own.
    cold = [click(*target) for target in targets]
    warm: list[float] = []
    for _ in range(args.rounds):
        warm.extend(click(*target) for target in targets)

    def report(name: str, samples: list[float]) -> None:
        print(
            f"{name:<24} n={len(samples):>5}  median {statistics.median(samples):6.2f} ms"
            f"  p95 {percentile(samples, 0.95):6.2f} ms  max {max(samples):6.2f} ms"
        )

    print(f"{len(views)} views, {len(targets)} zones, window {args.width}x{args.height}")
    report("first round (cold)", cold)
    report("click -> repainted", warm)
    median, p95 = statistics.median(warm), percentile(warm, 0.95)
    verdict = "met" if median < GOAL_MEDIAN_MS and p95 < GOAL_P95_MS else "NOT met"
    print(f"goal median < {GOAL_MEDIAN_MS} ms, p95 < {GOAL_P95_MS} ms: {verdict}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
