"""The README's screenshots of the real window, run by hand under Xvfb:

    xvfb-run -a -s "-screen 0 1280x1024x24" env QT_QPA_PLATFORM=xcb \\
        python bench/screenshots.py runner docs/img/window.png
    ... python bench/screenshots.py flag docs/img/window-red-flag.png

`runner`: heel 7, lower inner calf 5, Achilles 4, the sole in the third pane;
`flag`: the same with a yes to a blood-clot question;
`safety`: the flag case with the Safety tab open.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["CALFCHART_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="calfchart-shot-")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from calfchart.catalog import open_catalog
from calfchart.domain.zones import View
from calfchart.qt.app import make_application
from calfchart.qt.window import MainWindow


def main() -> None:
    scenario, out = sys.argv[1], sys.argv[2]
    app = make_application()
    window = MainWindow(open_catalog())
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    controller = window.controller
    for zone, level in (("heel_plantar", 7), ("calf_lower_medial", 5), ("achilles", 4)):
        controller.set_intensity(zone, level)
    window.chart_area.show_view(View.PLANTAR)
    if scenario in ("flag", "safety"):
        controller.set_answer("dvt-calf-swollen", True)
    if scenario == "safety":
        window.screening_dock.raise_()

    def shoot() -> None:
        frame = window.frameGeometry()
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(out)
        controller.mark_saved()  # nothing to ask about on closing
        window.close()
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
