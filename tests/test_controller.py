"""The controller without Qt: what a click, an answer or a look-up does to the state."""

from __future__ import annotations

import pytest

from calfchart.controller import Change, ChartController, ChartState
from calfchart.domain.catalog import Catalog, UnknownIdError
from calfchart.domain.zones import Side


@pytest.fixture
def controller(catalog: Catalog) -> ChartController:
    return ChartController(catalog)


def test_a_click_marks_the_zone_and_ranks(controller: ChartController) -> None:
    changes: list[Change] = []
    controller.subscribe(changes.append)
    controller.toggle_zone("heel_plantar")
    assert controller.pain == {"heel_plantar": 5}
    assert controller.suggestions[0].muscle.id == "soleus"
    assert controller.focused_trigger_point == "soleus-1"
    assert controller.shown_patterns == ("soleus-1",)
    assert changes[-1] & Change.PAIN and changes[-1] & Change.PATTERNS
    controller.toggle_zone("heel_plantar")
    assert controller.pain == {} and controller.suggestions == () and controller.focused is None


def test_intensity_and_unknown_zone(controller: ChartController) -> None:
    controller.set_intensity("achilles", 8)
    assert controller.pain == {"achilles": 8}
    with pytest.raises(ValueError, match="between 0 and 10"):
        controller.set_intensity("achilles", 11)
    with pytest.raises(UnknownIdError, match="did you mean"):
        controller.toggle_zone("achiles")


def test_a_chosen_suggestion_stays_focused_while_it_still_applies(
    controller: ChartController,
) -> None:
    controller.toggle_zone("heel_plantar")
    second = controller.suggestions[1].trigger_point.id
    controller.focus(second)
    controller.toggle_zone("calf_lower_medial")
    assert controller.focused_trigger_point == second
    controller.focus("soleus-1", add=True)
    assert controller.shown_patterns == (second, "soleus-1")


def test_choosing_one_of_the_compared_patterns_keeps_the_comparison(
    controller: ChartController,
) -> None:
    for zone in ("heel_plantar", "calf_lower_medial", "achilles"):
        controller.toggle_zone(zone)
    first, second, third = (s.trigger_point.id for s in controller.suggestions[:3])
    controller.focus(first)
    controller.toggle_pattern(second)
    controller.toggle_pattern(third)
    # Reading the second's cards: the three stay, each in its place (its colour).
    controller.focus(second)
    assert controller.focused_trigger_point == second
    assert controller.shown_patterns == (first, second, third)
    controller.focus(first, add=True)
    assert controller.shown_patterns == (first, second, third)
    # One not compared is shown alone, as before.
    other = controller.suggestions[3].trigger_point.id
    controller.focus(other)
    assert list(controller.shown_patterns) == [other]


def test_edits_go_through_the_editor_for_undo(controller: ChartController) -> None:
    history: list[tuple[ChartState, ChartState, str]] = []

    def editor(old: ChartState, new: ChartState, label: str) -> None:
        history.append((old, new, label))
        controller.restore(new)

    controller.set_editor(editor)
    controller.toggle_zone("achilles")
    controller.set_side(Side.LEFT)
    assert [label for *_, label in history] == ["Mark Achilles tendon", "Show the left leg"]
    controller.restore(history[0][0])  # undo both
    assert controller.pain == {} and controller.side is Side.RIGHT


def test_red_flag_answer_withholds_self_treatment(controller: ChartController) -> None:
    question = controller.catalog.red_flags["dvt"].questions[0].id
    controller.set_answer(question, True)
    assert [r.red_flag.id for r in controller.raised_flags] == ["dvt"]
    assert controller.self_treatment_withheld
    controller.set_answer(question, False)
    assert not controller.self_treatment_withheld


def test_look_up_by_alias_shows_the_muscle_and_its_patterns(controller: ChartController) -> None:
    muscle_id = controller.look_up("fibularis longus")
    assert muscle_id == "peroneus_longus"
    assert "peroneus_longus" in controller.shown_muscles
    assert controller.shown_patterns == ("peroneus_longus-1",)
    assert controller.look_up("calf muscle") == "gastrocnemius"


def test_sheet_choice_defaults_to_the_best_three(controller: ChartController) -> None:
    for zone in ("heel_plantar", "calf_lower_medial", "achilles"):
        controller.toggle_zone(zone)
    best = tuple(s.trigger_point.id for s in controller.suggestions[:3])
    assert controller.sheet_trigger_points == best
    controller.set_on_sheet(best[2], False)
    assert controller.sheet_trigger_points == best[:2]
    # The last one stays: the sheet explains at least one trigger point.
    assert controller.set_on_sheet(best[1], False)
    assert not controller.set_on_sheet(best[0], False)
    assert controller.sheet_trigger_points == best[:1]


def test_a_sheet_choice_that_no_longer_fits_the_pain_is_dropped(
    controller: ChartController,
) -> None:
    controller.toggle_zone("heel_plantar")
    controller.set_on_sheet("tibialis_posterior-1", False)
    assert controller.sheet_trigger_points == ("soleus-1",)
    controller.clear_pain()
    controller.toggle_zone("ankle_anterior")
    # Heel muscles do not go on the sheet of front-of-ankle pain: back to the best.
    best = tuple(s.trigger_point.id for s in controller.suggestions[:3])
    assert controller.sheet_trigger_points == best


def test_undoing_back_to_the_saved_state_is_not_a_change(controller: ChartController) -> None:
    assert not controller.modified
    controller.toggle_zone("achilles")
    controller.mark_saved()
    saved = controller.state
    controller.set_intensity("achilles", 9)
    assert controller.modified
    controller.restore(saved)  # what undo does
    assert not controller.modified
    controller.set_details(notes="Ice helps")
    controller.restore(saved)
    assert controller.modified  # the notes are still unsaved


def test_typing_back_or_unticking_back_to_the_saved_details_is_not_a_change(
    controller: ChartController,
) -> None:
    for zone in ("heel_plantar", "calf_lower_medial", "achilles"):
        controller.toggle_zone(zone)
    controller.set_details(name="Sam")
    controller.mark_saved()
    controller.set_details(name="Samx")
    assert controller.modified
    controller.set_details(name="Sam")  # Backspace
    assert not controller.modified
    extra = next(
        s.trigger_point.id
        for s in controller.suggestions
        if s.trigger_point.id not in controller.sheet_trigger_points
    )
    assert controller.set_on_sheet(extra, True) and controller.modified
    assert controller.set_on_sheet(extra, False)
    assert not controller.modified


def test_session_round_trip_restores_everything(
    controller: ChartController, catalog: Catalog
) -> None:
    controller.set_intensity("heel_plantar", 7)
    controller.set_side(Side.LEFT)
    controller.set_details(name="Sam", notes="Runs 40 km a week")
    other = ChartController(catalog)
    other.load_session(controller.session())
    assert other.session() == controller.session()
    assert other.suggestions == controller.suggestions
    assert not other.modified and controller.modified
