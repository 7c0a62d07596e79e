"""The main window: the drawings in the middle, the side panel in docks, the menus.

The window builds the parts, wires each to the one controller, and runs the
document's life: new, open, save, the unsaved-changes prompt, undo and redo, and
what it remembers between runs. It decides nothing clinical.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from calfchart import __version__
from calfchart.controller import Change, ChartController
from calfchart.domain.catalog import Catalog
from calfchart.domain.session import LARGEST_FILE, Session, SessionError, parse_session
from calfchart.domain.zones import Side, View
from calfchart.files import read_small_text, safe_stem, unreadable_reason, write_text_atomically
from calfchart.qt import dialogs
from calfchart.qt.chart_area import THIRD_PANE_VIEWS, ChartArea
from calfchart.qt.deferred import DeferredDock, after_first_paint
from calfchart.qt.listening import listen
from calfchart.qt.palette import ColourScheme
from calfchart.qt.red_flag_banner import RedFlagBanner
from calfchart.qt.settings import SchemeChoice, WindowSettings, open_settings
from calfchart.qt.suggestions_panel import SuggestionsPanel
from calfchart.qt.treatment_cards import TreatmentCards
from calfchart.qt.undo import route_edits_through

if TYPE_CHECKING:
    from calfchart.qt.details_panel import DetailsPanel
    from calfchart.qt.muscle_layers import MuscleLayers
    from calfchart.qt.muscle_lookup import MuscleLookup
    from calfchart.qt.screening_panel import ScreeningPanel
    from calfchart.qt.zone_list import ZoneListView

UNTITLED = "Untitled"
DEFAULT_SIZE = (1280, 800)
SIDE_PANEL_WIDTH = 500
SIDE_PANEL_SHARE = 0.4
"""On a small screen the side panel takes at most this share of the window's width,
so that the drawings stay large enough to click."""
NOT_A_DIAGNOSIS = "Information only, not a diagnosis (Help ▸ Disclaimer)"


def _new_action(text: str, parent: QObject) -> QAction:
    # Not QAction(text, parent): matching that call against the constructors that take
    # an icon makes PySide6 set up QIcon's type, 1 ms of the start-up.
    action = QAction(parent)
    action.setText(text)
    return action


class MainWindow(QMainWindow):
    panels_built = Signal()
    """Every panel is built: emitted once, soon after the window first paints."""

    def __init__(
        self,
        catalog: Catalog,
        settings: WindowSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.catalog = catalog
        self.controller = ChartController(catalog)
        self.settings = settings or WindowSettings(open_settings(self))
        self.path: Path | None = None

        self.undo_stack = QUndoStack(self)
        route_edits_through(self.undo_stack, self.controller)
        self.scheme = ColourScheme(self.settings.scheme_choice(), self)

        self.chart_area = ChartArea(self.controller, self)
        self.setCentralWidget(self.chart_area)
        self._build_docks()
        self._build_menus()
        self._build_status_bar()

        self.chart_area.hovered.connect(self._on_hovered)
        self.scheme.dark_changed.connect(self.chart_area.set_dark)
        self.chart_area.set_dark(self.scheme.is_dark)
        listen(self.controller, self._on_change)
        self._restore_layout()
        self._update_title()
        self._update_screening_title()
        after_first_paint(self, self.build_deferred_panels)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # -- building ------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        return dock

    def _deferred_dock(self, title: str, name: str, build: Callable[[], QWidget]) -> DeferredDock:
        dock = DeferredDock(title, name, build, self)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        return dock

    def _build_docks(self) -> None:
        c = self.controller
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)

        # The warning sits above the suggestions, in a dock that cannot be closed, so
        # it is on screen whenever suggestions are.
        self._suggestions_column = top = QWidget(self)
        self.banner = RedFlagBanner(c, top)
        self.suggestions = SuggestionsPanel(c, top)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.suggestions, 1)
        self.suggestions_dock = self._dock("Suggested trigger points", "suggestionsDock", top)
        self.suggestions_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )

        self.cards = TreatmentCards(c, self)
        self.cards_dock = self._dock("Treatment", "treatmentDock", self.cards)
        # The other tabs are off screen at start: built when first shown (deferred.py).
        self.screening_dock = self._deferred_dock("Safety", "screeningDock", self._build_screening)
        self.muscles_dock = self._deferred_dock("Muscles", "musclesDock", self._build_muscles)
        self.zones_dock = self._deferred_dock("Zones", "zonesDock", self._build_zone_list)
        self.details_dock = self._deferred_dock("Notes", "notesDock", self._build_details)

        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(right, self.suggestions_dock)
        self.addDockWidget(right, self.cards_dock)
        for dock in (self.screening_dock, self.muscles_dock, self.zones_dock, self.details_dock):
            self.tabifyDockWidget(self.cards_dock, dock)
        self.cards_dock.raise_()
        self.resizeDocks(
            [self.suggestions_dock, self.cards_dock], [300, 500], Qt.Orientation.Vertical
        )
        # Queued: the panel's least height is known once its layout has taken the
        # banner's new height in.
        self.banner.fitted.connect(
            self._make_room_for_the_banner, Qt.ConnectionType.QueuedConnection
        )

    def _make_room_for_the_banner(self) -> None:
        """Hold the warning's panel at the height the warning and the list below it
        need: left to their least sizes, the window laid the panel out shorter (the
        list's wrapped hint needs more than its least size says) and the list covered
        the warning's last lines. The panels below give up the room."""
        column, below = self._suggestions_column, self.suggestions
        least = 0
        if not self.banner.isHidden():
            needs = (
                below.heightForWidth(column.width())
                if below.hasHeightForWidth()
                else below.minimumSizeHint().height()
            )
            least = self.banner.height() + needs
        if column.minimumHeight() != least:
            column.setMinimumHeight(least)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = _new_action(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        key = QKeySequence.StandardKey
        bar = self.menuBar()

        self.file_menu = file = bar.addMenu("&File")
        self._action(file, "&New", self.new_session, key.New, "Start a new, empty chart")
        self._action(file, "&Open…", self.open_session, key.Open, "Open a saved session")
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file.addSeparator()
        self._action(file, "&Save", self.save, key.Save, "Save the session")
        self._action(file, "Save &As…", self.save_as, key.SaveAs, "Save under a new name")
        file.addSeparator()
        self._action(file, "Print Pre&view…", self._on_preview, None, "See the sheet first")
        self._action(file, "&Print…", self._on_print, key.Print, "Print the treatment sheet")
        self._action(file, "&Export PDF…", self._on_export_pdf, "Ctrl+E", "Save the sheet as a PDF")
        file.addSeparator()
        quit_action = self._action(file, "&Quit", self.close, key.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.edit_menu = edit = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        # Ctrl+Y too: the Redo of Windows and of many Linux programs.
        redo_keys = QKeySequence.keyBindings(key.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self._action(
            edit, "&Clear All Zones", self.controller.clear_pain, None, "Unmark every zone"
        )

        self.view_menu = view = bar.addMenu("&View")
        self._action(view, "Zoom &In", self.chart_area.zoom_in, key.ZoomIn)
        self._action(view, "Zoom &Out", self.chart_area.zoom_out, key.ZoomOut)
        self._action(view, "&Fit the Drawings", self.chart_area.fit, "Ctrl+0")
        view.addSeparator()
        sides = QActionGroup(self)
        self.side_actions: dict[Side, QAction] = {}
        for side, text in ((Side.RIGHT, "&Right Leg"), (Side.LEFT, "&Left Leg")):
            action = _new_action(text, sides)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, s=side: self.controller.set_side(s))
            view.addAction(action)
            self.side_actions[side] = action
        view.addSeparator()
        # Mnemonics free in the View menu (I, O, F, R, L, C and P are taken).
        titles = {
            View.LATERAL: "Show the Ou&ter Side",
            View.MEDIAL: "Show the Inn&er Side",
            View.PLANTAR: "Show the &Sole",
        }
        for index, third in enumerate(THIRD_PANE_VIEWS):
            self._action(
                view,
                titles[third],
                lambda _=False, i=index: self.chart_area.show_third(i),
                f"Ctrl+{index + 3}",
            )
        view.addSeparator()
        schemes = view.addMenu("&Colours")
        group = QActionGroup(self)
        self.scheme_actions: dict[SchemeChoice, QAction] = {}
        for choice, text in (
            (SchemeChoice.SYSTEM, "Follow the &System"),
            (SchemeChoice.LIGHT, "&Light"),
            (SchemeChoice.DARK, "&Dark"),
        ):
            action = _new_action(text, group)
            action.setCheckable(True)
            action.setChecked(choice is self.scheme.choice)
            action.triggered.connect(lambda _=False, c=choice: self.set_scheme(c))
            schemes.addAction(action)
            self.scheme_actions[choice] = action
        panels = view.addMenu("&Panels")
        for dock in (
            self.suggestions_dock,
            self.cards_dock,
            self.screening_dock,
            self.muscles_dock,
            self.zones_dock,
            self.details_dock,
        ):
            toggle = dock.toggleViewAction()
            # Reopened into a group of tabs, a panel would come back behind the others.
            toggle.triggered.connect(lambda shown, d=dock: d.raise_() if shown else None)
            panels.addAction(toggle)

        self.help_menu = help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "About the &Evidence",
            lambda: dialogs.show_text(self, "About the evidence", self.catalog.texts.evidence),
        )
        self._action(
            help_menu,
            "&Disclaimer",
            lambda: dialogs.show_text(self, "Disclaimer", self.catalog.texts.disclaimer),
        )
        help_menu.addSeparator()
        about = self._action(help_menu, "&About calfchart", self._on_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_status_bar(self) -> None:
        note = QLabel(NOT_A_DIAGNOSIS, self)
        self.statusBar().addPermanentWidget(note)

    # -- the panels built when first needed ------------------------------------------------
    def _build_screening(self) -> QWidget:
        from calfchart.qt.screening_panel import ScreeningPanel

        self._screening = ScreeningPanel(self.controller)
        return self._screening

    def _build_muscles(self) -> QWidget:
        from calfchart.qt.muscle_layers import MuscleLayers
        from calfchart.qt.muscle_lookup import MuscleLookup

        muscles = QWidget()
        self._lookup = MuscleLookup(self.controller, muscles)
        self._layers = MuscleLayers(self.controller, muscles)
        column = QVBoxLayout(muscles)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self._lookup)
        column.addWidget(self._layers, 1)
        return muscles

    def _build_zone_list(self) -> QWidget:
        from calfchart.qt.zone_list import ZoneListView

        self._zone_list = ZoneListView(self.controller)
        return self._zone_list

    def _build_details(self) -> QWidget:
        from calfchart.qt.details_panel import DetailsPanel

        self._details = DetailsPanel(self.controller, self.settings)
        return self._details

    def build_deferred_panels(self) -> None:
        """Build every panel not built yet (done right after the first paint)."""
        for dock in (self.screening_dock, self.muscles_dock, self.zones_dock, self.details_dock):
            dock.content()
        self.panels_built.emit()

    @property
    def screening(self) -> ScreeningPanel:
        self.screening_dock.content()
        return self._screening

    @property
    def lookup(self) -> MuscleLookup:
        self.muscles_dock.content()
        return self._lookup

    @property
    def layers(self) -> MuscleLayers:
        self.muscles_dock.content()
        return self._layers

    @property
    def zone_list(self) -> ZoneListView:
        self.zones_dock.content()
        return self._zone_list

    @property
    def details(self) -> DetailsPanel:
        self.details_dock.content()
        return self._details

    # -- keeping in step -----------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change & Change.DOCUMENT:
            self.setWindowModified(self.controller.modified)
        if change & Change.SIDE:
            self.side_actions[self.controller.side].setChecked(True)
        if change & Change.ANSWERS and self.controller.raised_flags:
            # A warning must be seen: bring its dock back if it was moved out of sight.
            self.suggestions_dock.show()
            self.suggestions_dock.raise_()
        if change & (Change.PAIN | Change.ANSWERS):
            self._update_screening_title()

    def _on_focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        """Bring forward the tab that holds the keyboard focus: Tab also walks the
        panels of tabs behind, and focus must never sit, unseen, on a hidden answer."""
        widget = now
        while widget is not None and not isinstance(widget, QDockWidget):
            widget = widget.parentWidget()
        behind = isinstance(widget, QDockWidget) and widget.visibleRegion().isEmpty()
        if behind and widget is not None and widget.window() is self:
            widget.raise_()

    def _update_screening_title(self) -> None:
        painful = {z for z, level in self.controller.pain.items() if level > 0}
        fitting = sum(1 for f in self.catalog.red_flags.values() if f.zones & painful)
        raised = len(self.controller.raised_flags)
        title = "Safety"
        if raised:
            title += f" ({raised} raised)"
        elif fitting:
            title += f" ({fitting} to check)"
        self.screening_dock.setWindowTitle(title)
        self.screening_dock.setToolTip(
            "Safety questions: answer them before pressing or stretching anything"
        )

    def _on_hovered(self, name: str) -> None:
        if name:
            self.statusBar().showMessage(name)
        else:
            self.statusBar().clearMessage()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.path.name if self.path else UNTITLED}[*]")
        self.setWindowModified(self.controller.modified)
        self.side_actions[self.controller.side].setChecked(True)

    def set_scheme(self, choice: SchemeChoice) -> None:
        self.scheme.set_choice(choice)
        self.settings.set_scheme_choice(choice)
        self.scheme_actions[choice].setChecked(True)

    # -- the document ----------------------------------------------------------------------
    def _document_name(self) -> str:
        return self.path.name if self.path else "the untitled chart"

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to go on."""
        if not self.controller.modified:
            return True
        choice = dialogs.ask_unsaved_changes(self, self._document_name())
        if choice is dialogs.UnsavedChoice.SAVE:
            return self.save()
        return choice is dialogs.UnsavedChoice.DISCARD

    def new_session(self) -> None:
        if not self.maybe_save():
            return
        self.controller.load_session(Session())
        self.undo_stack.clear()
        self.path = None
        self._update_title()

    def open_session(self) -> None:
        if not self.maybe_save():
            return
        folder = self.path.parent if self.path else Path.home()
        path = dialogs.ask_open_path(self, folder)
        if path is not None:
            self.load_path(path)

    def open_recent(self, path: Path) -> None:
        if self.maybe_save():
            self.load_path(path)

    def load_path(self, path: Path) -> bool:
        """Open a session file; a file that cannot be used is refused and nothing changes."""
        try:
            text = read_small_text(path, LARGEST_FILE)
        except (OSError, UnicodeDecodeError) as exc:
            reason = unreadable_reason(exc)
            dialogs.show_error(self, "Cannot open the session", f"{path}: {reason}.")
            if isinstance(exc, FileNotFoundError):
                self.settings.remove_recent_file(path.resolve())
            return False
        try:
            session = parse_session(text, self.catalog, file=path.name)
        except SessionError as exc:
            dialogs.show_error(
                self,
                "Cannot open the session",
                f"{path.name} is not a session calfchart can open.",
                exc.listing(),
            )
            return False
        self.controller.load_session(session)
        self.undo_stack.clear()
        self.path = path
        self.settings.add_recent_file(path)
        self._update_title()
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        folder = self.path.parent if self.path else Path.home()
        stem = safe_stem(self.controller.name) or "leg-chart"
        suggested = self.path or folder / f"{stem}{dialogs.SESSION_SUFFIX}"
        path = dialogs.ask_save_path(self, suggested)
        if path is None:
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        try:
            write_text_atomically(path, self.controller.session().to_yaml())
        except OSError as exc:
            dialogs.show_error(self, "Cannot save the session", f"{path}: {exc.strerror or exc}.")
            return False
        self.path = path
        self.controller.mark_saved()
        self.undo_stack.setClean()
        self.settings.add_recent_file(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not recent:
            empty = self.recent_menu.addAction("No recent sessions")
            empty.setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("&Clear the List", self.settings.clear_recent_files)

    # -- the sheet (printing.py is imported when used, to keep start-up light) ---------------
    def _on_preview(self) -> None:
        from calfchart.qt.printing import preview_sheet

        preview_sheet(self, self.controller, self.settings.prepared_by())

    def _on_print(self) -> None:
        from calfchart.qt.printing import print_sheet

        print_sheet(self, self.controller, self.settings.prepared_by())

    def _on_export_pdf(self) -> None:
        from calfchart.qt.printing import export_sheet_pdf

        written = export_sheet_pdf(
            self,
            self.controller,
            self.settings.prepared_by(),
            folder=self.path.parent if self.path else None,
        )
        if written is not None:
            self.statusBar().showMessage(f"Wrote {written}", 6000)

    def _on_about(self) -> None:
        c = self.catalog
        dialogs.show_text(
            self,
            "About calfchart",
            f"calfchart {__version__}\n\n"
            "Click where the leg hurts; calfchart lists the myofascial trigger points "
            "(after Travell & Simons) whose referral patterns explain that pain, and how "
            "to treat them, with red-flag screening first.\n\n"
            f"Catalog: {len(c.muscles)} muscles, {len(c.trigger_points)} trigger points, "
            f"{len(c.red_flags)} red flags, {len(c.sources)} sources.",
        )

    # -- layout between runs ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self._default_geometry()
        state = self.settings.state()
        if state.isEmpty() or not self.restoreState(state):
            self._size_side_panel()  # for the window's size, now that it is known
        # The warning's dock is never left closed by an old layout.
        self.suggestions_dock.show()

    def _size_side_panel(self) -> None:
        width = min(SIDE_PANEL_WIDTH, round(self.width() * SIDE_PANEL_SHARE))
        self.resizeDocks([self.suggestions_dock], [width], Qt.Orientation.Horizontal)

    def _default_geometry(self) -> None:
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width())
            height = min(height, available.height())
        self.resize(width, height)

    def save_layout(self) -> None:
        self.settings.save_layout(QByteArray(self.saveGeometry()), QByteArray(self.saveState()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_layout()
        event.accept()
