"""The main window driven as a person drives it: clicks on the drawings and the side
panel, keys, menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from calfchart.domain.catalog import Catalog
from calfchart.domain.red_flags import Urgency
from calfchart.domain.zones import Side, View
from calfchart.qt.card_html import NO_SELF_PRESSURE_HEADING, PRESSURE_HEADING, WITHHELD_HEADING
from calfchart.qt.chart_paint import ChartPalette
from calfchart.qt.details_panel import DetailsPanel
from calfchart.qt.drawing_key import KeyEntry
from calfchart.qt.settings import SchemeChoice
from calfchart.qt.style import CalfchartStyle
from calfchart.qt.window import MainWindow
from tests.chart_helpers import click_zone, zone_scene_point
from tests.window_support import (
    DialogLog,
    click_row,
    open_window,
    patch_dialogs,
    tagged_ids,
)


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    return patch_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, catalog: Catalog, tmp_path: Path, log: DialogLog) -> MainWindow:
    return open_window(qtbot, catalog, tmp_path / "settings.ini")


def shown(window: MainWindow) -> list[str]:
    """The overlaid patterns (read through a call, so each read is fresh for mypy)."""
    return list(window.controller.shown_patterns)


def side(window: MainWindow) -> Side:
    return window.controller.side


def mark_runner(qtbot: QtBot, window: MainWindow) -> None:
    """A runner's lower inner calf and Achilles tendon, clicked on the back view."""
    view = window.chart_area.views[View.POSTERIOR]
    click_zone(qtbot, view, "calf_lower_medial")
    click_zone(qtbot, view, "achilles")


# -- from a click to suggestions and cards ------------------------------------------------


def test_clicking_a_zone_lists_suggestions_and_shows_the_cards(
    qtbot: QtBot, window: MainWindow
) -> None:
    suggestions = window.suggestions.list
    assert suggestions.model().rowCount() == 0
    assert "Click where it hurts" in window.cards.text()

    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")

    controller = window.controller
    assert dict(controller.pain) == {"achilles": 5}
    ranked = [s.trigger_point.id for s in controller.suggestions]
    assert ranked and suggestions.tp_ids() == ranked
    top = controller.suggestions[0]
    assert suggestions.currentIndex().row() == 0
    assert window.cards.title.startswith(top.muscle.name)
    text = window.cards.text()
    assert "Where to press" in text
    assert top.trigger_point.location.landmark.split(".")[0] in " ".join(text.split())
    # The top pattern is overlaid and its trigger point marked on the drawing.
    view = window.chart_area.views[View.POSTERIOR]
    if View.POSTERIOR in top.trigger_point.views:
        assert tagged_ids(view, "trigger-point") == {top.trigger_point.id}


def test_selecting_another_suggestion_changes_cards_and_overlay(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark_runner(qtbot, window)
    suggestions = window.suggestions.list
    second = window.controller.suggestions[1]

    click_row(qtbot, suggestions, 1)

    assert window.controller.focused_trigger_point == second.trigger_point.id
    assert window.controller.shown_patterns == (second.trigger_point.id,)
    assert window.cards.title.startswith(second.muscle.name)
    subtitle = window.cards._subtitle.text()
    assert second.trigger_point.label in subtitle
    # Which point it is, in words: the id ("soleus-1") is for other programs.
    assert subtitle.startswith("Trigger point") and second.trigger_point.id not in subtitle
    view = window.chart_area.views[View.POSTERIOR]
    overlaid = tagged_ids(view, "essential") | tagged_ids(view, "spillover")
    assert overlaid == {second.trigger_point.id}


def test_ctrl_click_and_the_tick_box_add_patterns(qtbot: QtBot, window: MainWindow) -> None:
    mark_runner(qtbot, window)
    suggestions = window.suggestions.list
    ids = suggestions.tp_ids()

    click_row(qtbot, suggestions, 1, Qt.KeyboardModifier.ControlModifier)
    assert shown(window) == [ids[0], ids[1]]
    assert window.controller.focused_trigger_point == ids[1]

    qtbot.mouseClick(
        suggestions.viewport(), Qt.MouseButton.LeftButton, pos=suggestions.overlay_box_at(2)
    )
    assert shown(window) == [ids[0], ids[1], ids[2]]
    # The tick box adds the pattern without moving the cards.
    assert window.controller.focused_trigger_point == ids[1]

    qtbot.mouseClick(
        suggestions.viewport(), Qt.MouseButton.LeftButton, pos=suggestions.overlay_box_at(0)
    )
    assert shown(window) == [ids[1], ids[2]]


def test_the_sheet_box_and_the_card_switch_put_a_point_on_the_sheet(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark_runner(qtbot, window)
    suggestions = window.suggestions.list
    ids = suggestions.tp_ids()
    assert window.controller.sheet_trigger_points == tuple(ids[:3])

    qtbot.mouseClick(
        suggestions.viewport(), Qt.MouseButton.LeftButton, pos=suggestions.sheet_box_at(1)
    )
    assert ids[1] not in window.controller.sheet_trigger_points
    assert window.controller.focused_trigger_point == ids[0]

    assert window.cards.on_sheet.isChecked()
    qtbot.mouseClick(window.cards.on_sheet, Qt.MouseButton.LeftButton)
    assert ids[0] not in window.controller.sheet_trigger_points
    assert window.isWindowModified()

    # The last point on the sheet stays there, and its box says so by staying ticked.
    (last,) = window.controller.sheet_trigger_points
    window.controller.focus(last)
    assert window.cards.on_sheet.isChecked()
    qtbot.mouseClick(window.cards.on_sheet, Qt.MouseButton.LeftButton)
    assert window.controller.sheet_trigger_points == (last,)
    assert window.cards.on_sheet.isChecked()


def test_keyboard_moves_through_suggestions_and_space_adds_the_pattern(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark_runner(qtbot, window)
    suggestions = window.suggestions.list
    ids = suggestions.tp_ids()
    suggestions.setFocus()

    qtbot.keyClick(suggestions, Qt.Key.Key_Down)
    assert window.controller.focused_trigger_point == ids[1]
    assert shown(window) == [ids[1]]
    qtbot.keyClick(suggestions, Qt.Key.Key_Down)
    assert window.controller.focused_trigger_point == ids[2]

    qtbot.keyClick(suggestions, Qt.Key.Key_Up)
    qtbot.keyClick(suggestions, Qt.Key.Key_Space)
    assert shown(window) == []
    qtbot.keyClick(suggestions, Qt.Key.Key_Space)
    assert shown(window) == [ids[1]]
    row = suggestions.model().index(1, 0)
    assert "Pattern shown on the drawing" in str(row.data(Qt.ItemDataRole.AccessibleTextRole))


def test_keyboard_on_the_drawing_marks_a_zone(qtbot: QtBot, window: MainWindow) -> None:
    view = window.chart_area.views[View.POSTERIOR]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    current = view.chart_scene().current
    assert current is not None
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert current in window.controller.pain
    assert window.suggestions.list.model().rowCount() == len(window.controller.suggestions)
    assert window.statusBar().currentMessage() == view.chart_scene().zones[current].zone.name
    # Tab goes on to the next drawing, then out of the drawings; the status bar then
    # no longer names a zone the keyboard left.
    views = set(window.chart_area.views.values())
    focused: QWidget | None = view
    while focused in views:
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
    assert window.statusBar().currentMessage() == ""


def test_focus_in_a_tab_behind_brings_that_tab_forward(qtbot: QtBot, window: MainWindow) -> None:
    """Tab walks the panels of tabs behind too: the one holding the focus comes forward,
    so no answer is ever given unseen."""
    window.build_deferred_panels()
    window.cards_dock.raise_()
    qtbot.waitUntil(lambda: window.screening_dock.visibleRegion().isEmpty())
    box = next(iter(window.screening.group("dvt").boxes.values()))
    window._on_focus_changed(None, box)
    qtbot.waitUntil(lambda: not window.screening_dock.visibleRegion().isEmpty())
    assert window.cards_dock.visibleRegion().isEmpty()


def test_a_panel_reopened_from_the_view_menu_comes_to_the_front(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.build_deferred_panels()
    toggle = window.cards_dock.toggleViewAction()
    toggle.trigger()  # closes Treatment; another tab of the group comes forward
    qtbot.waitUntil(window.cards_dock.isHidden)
    window.screening_dock.raise_()
    toggle.trigger()
    qtbot.waitUntil(lambda: not window.cards_dock.visibleRegion().isEmpty())
    assert window.screening_dock.visibleRegion().isEmpty()


def test_redo_answers_ctrl_y_as_well(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()


def test_a_narrow_panel_wraps_the_match_note_instead_of_cutting_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Docked narrow (268 px), "match 90% · not for self-pressure" was cut to "not for"."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyleOptionViewItem

    from calfchart.qt.suggestions_panel import NOTE_ROLE

    window.controller.set_intensity("knee_posterior", 6)
    listing = window.suggestions.list
    model = listing.model()
    row = next(
        r
        for r in range(model.rowCount())
        if "self-pressure" in str(model.index(r, 0).data(NOTE_ROLE))
    )
    index = model.index(row, 0)
    delegate = listing.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(listing)
    option.widget = listing
    listing.setFixedWidth(240)
    qtbot.waitUntil(lambda: listing.viewport().width() < 240)
    option.rect = QRect(0, 0, 240, 400)
    with_note = delegate.sizeHint(option, index).height()
    note = index.data(NOTE_ROLE)
    model.setData(index, "", NOTE_ROLE)
    without_note = delegate.sizeHint(option, index).height()
    model.setData(index, note, NOTE_ROLE)
    # The note takes lines of its own in the row, instead of running off its edge.
    assert with_note >= without_note + QFontMetrics(listing.font()).height() // 2


def test_compared_patterns_wear_their_drawing_colours_in_the_list(window: MainWindow) -> None:
    """Nothing on screen tied a compared pattern's colour to its suggestion."""
    from calfchart.qt.chart_paint import pattern_colors
    from calfchart.qt.suggestions_panel import COLOUR_ROLE

    controller = window.controller
    for zone, level in {"heel_plantar": 7, "calf_lower_medial": 5, "achilles": 4}.items():
        controller.set_intensity(zone, level)
    model = window.suggestions.list.model()

    def colours() -> list[object]:
        return [model.index(row, 0).data(COLOUR_ROLE) for row in range(model.rowCount())]

    assert set(colours()) == {None}  # one pattern: nothing to tell apart
    second = controller.suggestions[1].trigger_point.id
    controller.toggle_pattern(second)
    shown = controller.shown_patterns
    assert len(shown) == 2
    expected = dict(zip(shown, pattern_colors(2), strict=True))
    for row, colour in enumerate(colours()):
        tp_id = controller.suggestions[row].trigger_point.id
        assert colour == expected.get(tp_id)


def test_a_compared_pattern_s_score_bar_is_drawn_in_its_colour(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The stripe at a row's edge was too faint a tie to the pattern on the drawing."""

    from calfchart.qt.chart_paint import pattern_colors

    controller = window.controller
    for zone, level in {"heel_plantar": 7, "calf_lower_medial": 5, "achilles": 4}.items():
        controller.set_intensity(zone, level)
    listing = window.suggestions.list

    def bar_colour(row: int) -> QColor:
        option, rect = listing.option_for(row)
        track = listing.delegate.score_track(option, rect)
        point = QPoint(track.left() + 3, track.center().y())
        return listing.viewport().grab().toImage().pixelColor(point)

    highlight = listing.palette().color(QPalette.ColorRole.Highlight)
    assert bar_colour(1).name() == highlight.name()  # alone, the usual blue
    controller.toggle_pattern(controller.suggestions[1].trigger_point.id)
    colour = dict(zip(controller.shown_patterns, pattern_colors(2), strict=True))
    second = colour[controller.suggestions[1].trigger_point.id]
    assert bar_colour(1).name() == second.name()
    assert second.name() != highlight.name()


def test_a_ranked_suggestion_never_reads_match_0_percent(qapp: QApplication) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from calfchart.qt.suggestion_row import match_text
    from calfchart.qt.suggestions_panel import SCORE_ROLE

    model = QStandardItemModel()
    for score in (0.003, 0.006, 0.81):
        item = QStandardItem()
        item.setData(score, SCORE_ROLE)
        model.appendRow(item)
    texts = [match_text(model.index(row, 0)) for row in range(3)]
    assert texts == ["match <1%", "match 1%", "match 81%"]


def test_all_zones_at_zero_say_so(qtbot: QtBot, window: MainWindow) -> None:
    from calfchart.qt.suggestions_panel import ALL_AT_ZERO_TEXT

    window.controller.set_intensity("achilles", 0)
    assert window.suggestions.list.empty_text == ALL_AT_ZERO_TEXT


def test_pain_no_trigger_point_explains_says_so_in_the_list_and_the_card(
    qtbot: QtBot, window: MainWindow, catalog: Catalog
) -> None:
    """Seen with only the front of the knee marked: an empty list under "Select one to
    see its treatment", and a card saying the causes "are listed above"."""
    from calfchart.domain.ranking import rank
    from calfchart.qt.suggestions_panel import NOTHING_FOUND_TEXT
    from calfchart.qt.treatment_cards import NOTHING_TO_TREAT_TEXT

    unexplained = [
        zone
        for zone in catalog.zones
        if not rank(catalog.muscles.values(), {zone: 6}, catalog.zones)
    ]
    assert unexplained, "every zone is explained: the test needs another case"
    view = window.chart_area.show_view(catalog.zones[unexplained[0]].views[0])
    click_zone(qtbot, view, unexplained[0])

    assert window.controller.pain and not window.controller.suggestions
    assert window.suggestions.list.empty_text == NOTHING_FOUND_TEXT
    assert window.suggestions.hint.isHidden()
    assert window.cards.browser.toPlainText() == NOTHING_TO_TREAT_TEXT

    mark_runner(qtbot, window)
    assert not window.suggestions.hint.isHidden()
    assert window.cards.browser.toPlainText() != NOTHING_TO_TREAT_TEXT


# -- undo and redo ------------------------------------------------------------------------


def test_undo_and_redo_restore_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    mark_runner(qtbot, window)
    view = window.chart_area.views[View.POSTERIOR]
    click_zone(qtbot, view, "achilles")  # clears it again
    assert dict(window.controller.pain) == {"calf_lower_medial": 5}
    assert window.undo_action.text() == "&Undo Clear Achilles tendon"

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dict(window.controller.pain) == {"calf_lower_medial": 5, "achilles": 5}
    assert window.suggestions.list.tp_ids() == [
        s.trigger_point.id for s in window.controller.suggestions
    ]
    window.undo_action.trigger()
    assert dict(window.controller.pain) == {"calf_lower_medial": 5}

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dict(window.controller.pain) == {"calf_lower_medial": 5, "achilles": 5}
    window.redo_action.trigger()
    assert dict(window.controller.pain) == {"calf_lower_medial": 5}


def test_side_switch_answers_and_clear_all_are_undoable(qtbot: QtBot, window: MainWindow) -> None:
    mark_runner(qtbot, window)
    qtbot.mouseClick(window.chart_area.left, Qt.MouseButton.LeftButton)
    assert side(window) is Side.LEFT
    assert window.chart_area.captions[View.POSTERIOR].text() == "Back of the left leg"
    assert window.side_actions[Side.LEFT].isChecked()

    clear = next(a for a in window.edit_menu.actions() if "Clear" in a.text())
    clear.trigger()
    assert window.controller.pain == {}
    assert window.suggestions.list.model().rowCount() == 0

    window.undo_action.trigger()
    assert set(window.controller.pain) == {"calf_lower_medial", "achilles"}
    window.undo_action.trigger()
    assert side(window) is Side.RIGHT
    assert window.chart_area.right.isChecked()


def test_the_back_of_the_knee_card_says_where_it_lies_not_where_to_press(
    window: MainWindow,
) -> None:
    window.controller.toggle_zone("knee_posterior")
    window.controller.focus("popliteus-1")
    text = " ".join(window.cards.text().split())
    assert NO_SELF_PRESSURE_HEADING in text and PRESSURE_HEADING not in text
    assert "Where it lies" in text and "not for pressing yourself" in text
    assert "Where to press" not in text

    # A muscle that may be pressed elsewhere, at a spot that may not: this card teaches
    # no pressing either, and says to leave the spot to a practitioner.
    window.controller.focus("gastrocnemius-3")
    text = " ".join(window.cards.text().split())
    assert NO_SELF_PRESSURE_HEADING in text and PRESSURE_HEADING not in text
    assert "Where it lies" in text and "Leave it to a trained practitioner" in text
    window.controller.focus("gastrocnemius-1")
    assert PRESSURE_HEADING in " ".join(window.cards.text().split())


# -- red flags ----------------------------------------------------------------------------


def test_a_red_flag_answer_raises_the_banner_and_withholds_the_massage(
    qtbot: QtBot, window: MainWindow, catalog: Catalog
) -> None:
    mark_runner(qtbot, window)
    focused = window.controller.focused
    assert focused is not None
    pressure = focused.muscle.treatment.pressure
    heading = PRESSURE_HEADING if pressure.self_treatment else NO_SELF_PRESSURE_HEADING
    assert heading in window.cards.text()
    assert window.banner.isHidden()

    window.screening_dock.raise_()
    dvt = window.screening.group("dvt")
    assert dvt.is_open  # it fits where it hurts, so it is unfolded
    box = window.screening.box("dvt-calf-swollen")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)

    assert window.controller.answers["dvt-calf-swollen"] is True
    assert window.banner.isVisible()
    assert window.banner.headline == Urgency.URGENT.advice
    assert catalog.red_flags["dvt"].condition in window.banner.details
    text = " ".join(window.cards.text().split())
    assert WITHHELD_HEADING in text
    assert heading not in text
    assert " ".join(pressure.where.split()) not in text
    assert " ".join(focused.muscle.treatment.stretch.steps[0].split()) not in text
    # Nor the cautions about pressing and stretching ("stretch gently"), as on the sheet.
    cautions = focused.muscle.treatment.cautions
    assert cautions is not None
    assert not any(" ".join(c.split()) in text for c in cautions.items)
    assert not window.cards.acupressure.isEnabled()
    assert "raised" in window.screening_dock.windowTitle()
    # The raised group says what to do, in the banner's words.
    assert Urgency.URGENT.advice.rstrip(".") in dvt.title.text()

    # Unticking lifts the warning and brings the instructions back.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert window.banner.isHidden()
    assert heading in window.cards.text()


def test_two_red_flags_are_both_told_and_the_banner_ends_under_a_whole_line(
    qtbot: QtBot, window: MainWindow, catalog: Catalog
) -> None:
    """Seen with a clot and a torn heel cord: the headline gave the first advice only,
    the second warning lay out of sight below, and the banner cut a line in half; and
    on a tall screen it still showed six lines, the clot's "do not massage" out of sight."""
    window.resize(945, 600)
    window.show()
    qtbot.waitExposed(window)
    window.controller.set_intensity("calf_upper_medial", 5)
    window.controller.set_answer("dvt-calf-swollen", True)
    window.controller.set_answer("achilles-pop", True)
    banner = window.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.details != "")
    assert banner.headline == Urgency.URGENT.advice + " (2 warnings below)"
    for flag in ("dvt", "achilles_rupture"):
        assert catalog.red_flags[flag].condition in banner.details

    # The explanation scrolls in a window whose lower edge falls under a whole line,
    # never through one; and that window grows with the panel, a whole line at a time.
    scroll, details = banner._scroll, banner._details
    bottoms = banner.line_bottoms(details.width())
    assert bottoms[-1] == details.heightForWidth(details.width())  # laid out as shown
    small = scroll.height()
    assert small in bottoms and small < bottoms[-1]  # it scrolls here
    window.resize(1280, 1000)
    qtbot.waitUntil(lambda: scroll.height() > small)
    assert scroll.height() in bottoms


def test_the_banner_shows_the_whole_warning_where_the_window_has_room(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Seen at 1280x800: the clot's warning stopped at "the Wells score: 2", which reads
    as the person's own score, with the rest of the sentence out of sight; the panel
    below gives up room, and the banner is never laid out over the list."""
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.controller.set_intensity("calf_upper_medial", 5)
    window.controller.set_answer("dvt-calf-swollen", True)
    banner = window.banner
    scroll, details = banner._scroll, banner._details
    qtbot.waitUntil(lambda: banner.isVisible() and details.text() != "")
    qtbot.waitUntil(lambda: scroll.height() == banner.line_bottoms(details.width())[-1])
    suggestions = window.suggestions
    qtbot.waitUntil(lambda: suggestions.geometry().top() >= banner.geometry().bottom())
    assert banner.height() >= banner.minimumSizeHint().height()
    assert not scroll.verticalScrollBar().isVisible()
    # The room it took is given back when the warning goes.
    window.controller.set_answer("dvt-calf-swollen", False)
    qtbot.waitUntil(lambda: window.suggestions_dock.widget().minimumHeight() == 0)


@pytest.mark.parametrize(
    ("scheme", "answer", "zone"),
    [
        (SchemeChoice.LIGHT, "dvt-calf-swollen", "calf_upper_medial"),
        (SchemeChoice.DARK, "claud-walking", "calf_upper_medial"),
    ],
)
def test_the_banner_s_explanation_is_written_in_the_banner_s_colour(
    qtbot: QtBot, window: MainWindow, scheme: SchemeChoice, answer: str, zone: str
) -> None:
    """What to do was once painted in the window's own text colour: dark on dark red in
    the light scheme, light grey on yellow in the dark one."""
    window.set_scheme(scheme)
    window.controller.set_intensity(zone, 5)
    window.controller.set_answer(answer, True)
    banner = window.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.details != "")
    image = banner.grab().toImage()
    background = QColor(image.pixelColor(2, 2))
    details = banner._details
    area = details.rect().translated(details.mapTo(banner, QPoint(0, 0)))
    area = area.intersected(image.rect())
    headline = banner._headline  # outside the scroll area: it always had the right colour
    foreground = headline.palette().color(headline.foregroundRole())

    def distance(a: QColor, b: QColor) -> int:
        return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())

    ink = [
        colour
        for y in range(area.top(), area.bottom(), 2)
        for x in range(area.left(), area.right(), 2)
        if distance(colour := image.pixelColor(x, y), background) > 150
    ]
    assert len(ink) > 100  # the text is there, and stands out from the banner
    like_foreground = sum(distance(c, foreground) < distance(c, background) for c in ink)
    assert like_foreground > 0.7 * len(ink), (like_foreground, len(ink))
    assert distance(foreground, background) > 300


def test_the_acupressure_switch_shows_the_points_are_off_while_withheld(
    window: MainWindow,
) -> None:
    controller = window.controller
    controller.toggle_zone("calf_lower_lateral")
    window.cards.acupressure.setChecked(True)
    controller.set_answer("dvt-calf-swollen", True)
    assert controller.self_treatment_withheld
    assert not window.cards.acupressure.isChecked()
    assert not window.cards.acupressure.isEnabled()
    controller.set_answer("dvt-calf-swollen", False)
    assert window.cards.acupressure.isChecked() and controller.acupressure_shown


def test_an_acupressure_point_s_card_says_where_its_sources_differ(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The pregnancy caution reads as advice; that it rests on no checked source is
    said apart, as every other part of the card says it."""
    mark_runner(qtbot, window)
    window.controller.focus("soleus-1")
    text = " ".join(window.cards.browser.toPlainText().split())
    assert "BL60 Kunlun" in text
    caution = "Caution: If you are pregnant, leave this point alone; acupressure tradition"
    assert caution in text
    assert "Sources differ: That tradition avoids this point in pregnancy" in text


def test_the_acupressure_switch_can_always_be_turned_off(window: MainWindow) -> None:
    controller = window.controller
    controller.toggle_zone("calf_upper_medial")
    window.cards.acupressure.setChecked(True)
    assert controller.acupressure_shown
    controller.clear_pain()  # nothing focused now
    assert controller.focused_trigger_point is None
    assert window.cards.acupressure.isEnabled() and window.cards.acupressure.isChecked()
    window.cards.acupressure.setChecked(False)
    assert not controller.acupressure_shown


def test_relevant_screening_groups_come_first(qtbot: QtBot, window: MainWindow) -> None:
    flags = list(window.catalog.red_flags.values())
    last_relevant_to_heel = [f.id for f in flags if "achilles" in f.zones]
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "achilles")
    layout = window.screening._groups_layout
    order = [layout.itemAt(i).widget().flag.id for i in range(layout.count())]  # type: ignore[union-attr]
    assert order[: len(last_relevant_to_heel)] == last_relevant_to_heel
    folded = [g for g in window.screening.groups if g.flag.id not in last_relevant_to_heel]
    assert all(not g.is_open for g in folded)


def test_a_safety_question_given_the_focus_from_outside_is_scrolled_into_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Shift+Tab from the Muscles panel lands on the last group's header, far below the
    panel's fold: it once took the focus there unseen, the scroll bar at the top."""
    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "calf_upper_medial")
    window.screening_dock.raise_()
    panel = window.screening
    qtbot.waitUntil(lambda: panel.isVisible() and panel.verticalScrollBar().maximum() > 0)
    assert panel.verticalScrollBar().value() == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    from calfchart.qt.screening_panel import FlagGroup

    layout = panel._groups_layout
    item = layout.itemAt(layout.count() - 1)
    last = item.widget() if item is not None else None
    assert isinstance(last, FlagGroup)
    header = last.header
    header.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.waitUntil(header.hasFocus)
    shown = panel.viewport().rect()
    top_left = header.mapTo(panel.viewport(), header.rect().topLeft())
    assert shown.contains(top_left) and panel.verticalScrollBar().value() > 0


def test_each_screening_question_is_as_tall_as_its_text(qtbot: QtBot, window: MainWindow) -> None:
    """No gap under a question: each wrapped line of text takes the height it needs."""
    from calfchart.qt.screening_panel import ClickableText

    click_zone(qtbot, window.chart_area.views[View.POSTERIOR], "calf_upper_medial")
    window.screening_dock.raise_()
    group = window.screening.group("dvt")
    group.set_open(True)
    labels = group.body.findChildren(ClickableText)
    assert len(labels) == len(group.flag.questions)

    def misfits() -> list[str]:
        return [q.text() for q in labels if q.height() != q.heightForWidth(q.width())]

    # The layout settles over the next turns of the event loop.
    qtbot.waitUntil(lambda: group.body.isVisible() and not misfits(), timeout=2000)


# -- muscles -------------------------------------------------------------------------------


def test_ticking_a_muscle_in_the_tree_draws_its_outline(qtbot: QtBot, window: MainWindow) -> None:
    window.muscles_dock.raise_()
    tree = window.layers.tree
    item = window.layers.items["gastrocnemius"]
    tree.setFocus()
    tree.setCurrentItem(item)
    view = window.chart_area.views[View.POSTERIOR]

    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.controller.shown_muscles == {"gastrocnemius"}
    assert tagged_ids(view, "muscle") == {"gastrocnemius"}

    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.controller.shown_muscles == frozenset()
    assert tagged_ids(view, "muscle") == set()

    qtbot.mouseClick(window.layers.show_all, Qt.MouseButton.LeftButton)
    assert window.controller.shown_muscles == set(window.catalog.muscles)
    assert all(i.checkState(0) == Qt.CheckState.Checked for i in window.layers.items.values())
    qtbot.mouseClick(window.layers.show_none, Qt.MouseButton.LeftButton)
    assert tagged_ids(view, "muscle") == set()
    assert "(deep)" in window.layers.items["popliteus"].text(0)


# Typing opens the completion popup, which the offscreen platform cannot raise or
# let grab the keyboard; it says so as a warning.
POPUP_WARNINGS = "This plugin does not support (raise|grabbing)"


@pytest.mark.qt_log_ignore(POPUP_WARNINGS)
@pytest.mark.parametrize(
    ("typed", "muscle_id"),
    [("fibularis longus", "peroneus_longus"), ("calf muscle", "gastrocnemius")],
)
def test_looking_up_a_muscle_by_alias_shows_its_points(
    qtbot: QtBot, window: MainWindow, catalog: Catalog, typed: str, muscle_id: str
) -> None:
    window.muscles_dock.raise_()
    search = window.lookup.search
    qtbot.keyClicks(search, typed)
    qtbot.keyClick(search, Qt.Key.Key_Return)

    muscle = catalog.muscles[muscle_id]
    expected = tuple(tp.id for tp in muscle.trigger_points)
    assert window.controller.shown_patterns == expected
    assert window.controller.focused_trigger_point == expected[0]
    assert muscle_id in window.controller.shown_muscles
    assert window.cards.title.startswith(muscle.name)
    assert window.lookup.points.count() == len(expected)
    # The points nobody should press on their own say so in the list.
    listed = [window.lookup.points.item(r).text() for r in range(len(expected))]
    for number, (tp, text) in enumerate(zip(muscle.trigger_points, listed, strict=True), 1):
        assert ("not for pressing yourself" in text) is not muscle.may_press(tp), text
        assert text.startswith(f"{number}. {tp.label}") and tp.id not in text
    points = "1 trigger point," if len(expected) == 1 else f"{len(expected)} trigger points,"
    assert points in window.lookup.message.text()
    view = window.chart_area.show_view(muscle.trigger_points[0].views[0])
    assert expected[0] in tagged_ids(view, "trigger-point")
    # Each listed point wears its pattern's colour when there are several to tell apart.
    from calfchart.qt.chart_paint import pattern_colors
    from calfchart.qt.muscle_lookup import COLOUR_ROLE

    worn = [window.lookup.points.item(r).data(COLOUR_ROLE) for r in range(len(expected))]
    assert worn == (pattern_colors(len(expected)) if len(expected) > 1 else [None])
    assert all(
        not window.lookup.points.item(r).icon().isNull() for r in range(len(worn)) if worn[r]
    )


@pytest.mark.qt_log_ignore(POPUP_WARNINGS)
def test_looking_up_an_unknown_muscle_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.lookup.search, "solius")
    qtbot.keyClick(window.lookup.search, Qt.Key.Key_Return)
    assert "No muscle called" in window.lookup.message.text()
    assert "Soleus" in window.lookup.message.text()
    assert shown(window) == []


@pytest.mark.qt_log_ignore(POPUP_WARNINGS)
def test_a_failed_look_up_does_not_leave_the_last_muscle_s_points_listed(
    qtbot: QtBot, window: MainWindow
) -> None:
    search = window.lookup.search
    window.lookup.look_up("fibularis longus")
    assert window.lookup.points.count() > 0
    search.clear()
    qtbot.keyClicks(search, "gastrocnemus")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert "Did you mean Gastrocnemius" in window.lookup.message.text()
    assert window.lookup.points.count() == 0 and window.lookup.points.isHidden()


def test_a_name_several_muscles_share_is_answered_with_their_names(
    window: MainWindow,
) -> None:
    window.lookup.look_up("fibularis")
    message = window.lookup.message.text()
    assert message.startswith("“fibularis” could be more than one muscle:"), message
    assert "fibularis longus" in message.lower() and "fibularis brevis" in message.lower()
    assert window.lookup.points.isHidden()


# -- the rest of the window ----------------------------------------------------------------


def test_the_key_under_the_drawings_names_what_they_show(qtbot: QtBot, window: MainWindow) -> None:
    """Nothing in the window said what the shading, hatching and marks mean; only the
    printed sheet had a key."""
    key, controller = window.chart_area.key, window.controller
    window.show()
    qtbot.waitExposed(window)
    assert list(key.entries) == [KeyEntry.PAIN]  # the one thing a first click shows
    controller.set_intensity("heel_plantar", 7)
    controller.set_intensity("achilles", 0)
    assert list(key.entries) == [
        KeyEntry.PAIN,
        KeyEntry.NO_PAIN,
        KeyEntry.ESSENTIAL,
        KeyEntry.SPILLOVER,
        KeyEntry.PRESS,
    ]
    controller.focus("popliteus-1")  # behind the knee: not for pressing oneself
    assert KeyEntry.NO_PRESS in key.entries and KeyEntry.PRESS not in key.entries
    controller.set_acupressure_shown(True)
    assert key.entries[-1] is KeyEntry.ACUPRESSURE
    assert "acupressure point" in key.accessibleDescription()
    # While a red flag stands nothing invites pressing, in the key as on the drawing.
    controller.set_answer("dvt-calf-swollen", True)
    assert not {KeyEntry.PRESS, KeyEntry.NO_PRESS, KeyEntry.ACUPRESSURE} & set(key.entries)
    # Each entry is drawn, its words readable beside its sign.
    qtbot.waitUntil(lambda: key.height() >= key.heightForWidth(key.width()))
    image = key.grab().toImage()
    inked = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 128
    )
    assert inked > 100


def test_hovering_a_zone_names_it_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    view = window.chart_area.views[View.POSTERIOR]
    point = zone_scene_point(view, "achilles")
    view.centerOn(point)
    target = view.mapFromScene(point)
    # Wherever the pointer was, the first move into a new window only enters it.
    for step in (6, 3, 0):
        qtbot.mouseMove(view.viewport(), target - QPoint(step, 0))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Achilles tendon")


def test_the_third_pane_shows_the_outer_and_inner_side_and_the_sole(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert View.LATERAL in window.chart_area.views
    assert View.PLANTAR not in window.chart_area.views  # built when first shown
    tabs = window.chart_area.third_tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(2).center())
    sole = window.chart_area.views[View.PLANTAR]
    qtbot.waitExposed(sole)
    click_zone(qtbot, sole, "heel_plantar")
    assert "heel_plantar" in window.controller.pain


def test_dark_colours_reach_the_drawings_and_come_back(qtbot: QtBot, window: MainWindow) -> None:
    light_base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    window.set_scheme(SchemeChoice.DARK)
    try:
        assert QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 80
        # The dark palette's own style outlines the tick boxes (style.py).
        assert isinstance(QApplication.style(), CalfchartStyle)
        for view in window.chart_area.views.values():
            assert view.chart_scene().palette_kind is ChartPalette.DARK
        assert window.settings.scheme_choice() is SchemeChoice.DARK
        assert window.scheme_actions[SchemeChoice.DARK].isChecked()
    finally:
        window.set_scheme(SchemeChoice.SYSTEM)
    assert QGuiApplication.palette().color(QPalette.ColorRole.Base) == light_base
    assert not isinstance(QApplication.style(), CalfchartStyle)
    assert QApplication.style().name() == "fusion"
    assert window.chart_area.views[View.POSTERIOR].chart_scene().palette_kind is (
        ChartPalette.LIGHT
    )


def test_help_shows_the_catalog_texts(window: MainWindow, log: DialogLog) -> None:
    for action in window.help_menu.actions():
        if not action.isSeparator():
            action.trigger()
    titles = [title for title, _ in log.texts]
    assert titles == ["About the evidence", "Disclaimer", "About calfchart"]
    assert log.texts[0][1] == window.catalog.texts.evidence
    assert log.texts[1][1] == window.catalog.texts.disclaimer
    assert "calfchart 0." in log.texts[2][1]


def test_the_file_menu_hands_the_sheet_to_printing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from calfchart.qt import printing

    calls: list[str] = []
    qtbot.keyClicks(window.details.prepared_by, "Jo Physio 555 0101")  # typed, as a user does

    def export(parent: object, controller: object, prepared_by: str, folder: Path | None) -> Path:
        assert parent is window and controller is window.controller
        assert prepared_by == "Jo Physio 555 0101"
        assert folder is None  # not saved yet: the dialog starts in the home folder
        calls.append("export")
        return tmp_path / "sheet.pdf"

    monkeypatch.setattr(printing, "export_sheet_pdf", export)
    monkeypatch.setattr(printing, "preview_sheet", lambda p, c, by: calls.append("preview"))
    monkeypatch.setattr(printing, "print_sheet", lambda p, c, by: calls.append("print"))
    for action in window.file_menu.actions():
        if action.text().replace("&", "") in ("Print Preview…", "Print…", "Export PDF…"):
            action.trigger()
    assert calls == ["preview", "print", "export"]
    assert "sheet.pdf" in window.statusBar().currentMessage()


def test_export_pdf_writes_the_sheet_of_what_is_on_screen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from calfchart.qt import printing

    mark_runner(qtbot, window)
    window.details_dock.raise_()
    qtbot.keyClicks(window.details.name, "Sam Runner")
    qtbot.keyClicks(window.details.prepared_by, "Jo Physio 555 0101")
    assert window.settings.prepared_by() == "Jo Physio 555 0101"
    # The clinician's line is a preference: the next panel (or window) starts with it.
    again = DetailsPanel(window.controller, window.settings)
    qtbot.addWidget(again)
    assert again.prepared_by.text() == "Jo Physio 555 0101"
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(printing, "ask_pdf_path", lambda parent, suggested, paper: (target, paper))
    export = next(a for a in window.file_menu.actions() if "PDF" in a.text())
    export.trigger()

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Sam Runner" in text
    assert "Jo Physio 555 0101" in text
    assert window.controller.suggestions[0].muscle.name in text
    assert "sheet.pdf" in window.statusBar().currentMessage()


def test_every_part_is_parented_and_named_for_the_layout(window: MainWindow) -> None:
    docks = [
        window.suggestions_dock,
        window.cards_dock,
        window.screening_dock,
        window.muscles_dock,
        window.zones_dock,
        window.details_dock,
    ]
    assert window.objectName() == "mainWindow"
    assert len({d.objectName() for d in docks}) == len(docks)
    assert all(d.objectName() for d in docks)
    assert window.undo_stack.parent() is window
    assert window.zone_list.accessibleName() == "Pain zones"
    assert QApplication.instance() is not None


def test_tab_leaves_the_treatment_card_instead_of_walking_its_links(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark_runner(qtbot, window)
    browser = window.cards.browser
    assert "href" in browser.toHtml()  # the card cites its sources as links
    browser.setFocus()
    browser.focusNextPrevChild(True)  # what Tab calls
    assert not browser.textCursor().hasSelection()  # no link was stepped onto
