"""What the user is doing: the pain map, the side, the screening answers, what is shown.

The controller knows no Qt and sees no mouse events. Views forward zone ids and
choices to it, and redraw when it tells its listeners what changed. Every change to
the pain map, the side or the answers goes through `commit`, which a window can route
through an undo stack (`set_editor`); without one, changes apply at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import Flag, auto
from types import MappingProxyType
from typing import TypeVar

from calfchart.domain.catalog import Catalog
from calfchart.domain.ranking import (
    DEFAULT_INTENSITY,
    MAX_INTENSITY,
    Suggestion,
    best_for_sheet,
    rank,
)
from calfchart.domain.record import field, record, replace
from calfchart.domain.red_flags import RaisedFlag, screen, withholds_self_treatment
from calfchart.domain.session import Session
from calfchart.domain.zones import Side


class Change(Flag):
    PAIN = auto()
    SIDE = auto()
    ANSWERS = auto()
    PATTERNS = auto()
    """Which referral patterns are overlaid, and which suggestion has the cards."""
    MUSCLES = auto()
    ACUPRESSURE = auto()
    DOCUMENT = auto()
    """Name, notes, file name, modified flag."""
    ALL = PAIN | SIDE | ANSWERS | PATTERNS | MUSCLES | ACUPRESSURE | DOCUMENT


_V = TypeVar("_V")


def _frozen(mapping: Mapping[str, _V]) -> Mapping[str, _V]:
    return MappingProxyType(dict(mapping))


@record
class ChartState:
    """The undoable part of what the user did."""

    side: Side = Side.RIGHT
    pain: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    answers: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))


Editor = Callable[[ChartState, ChartState, str], None]
Listener = Callable[[Change], None]


class ChartController:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._state = ChartState()
        self._listeners: list[Listener] = []
        self._editor: Editor | None = None
        self._suggestions: tuple[Suggestion, ...] = ()
        self._raised: tuple[RaisedFlag, ...] = ()
        self._patterns: tuple[str, ...] = ()
        self._focus: str | None = None
        self._focus_pinned = False
        self._muscles: frozenset[str] = frozenset()
        self._acupressure = False
        self._sheet_choice: tuple[str, ...] = ()
        self.name = ""
        self.notes = ""
        self.date = dt.date.today()
        self._saved_state = self._state
        self._saved_details = self._details()

    # -- listening ----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    @property
    def modified(self) -> bool:
        """Whether there is anything not yet saved.

        Derived, not remembered: undoing back to the saved state is not a change.
        """
        return self._state != self._saved_state or self._details() != self._saved_details

    def _details(self) -> tuple[str, str, tuple[str, ...]]:
        """What a session keeps besides the undoable state (the sheet's points as they
        stand: ticking a box and unticking it again changes nothing)."""
        return self.name, self.notes, self.sheet_trigger_points

    def set_editor(self, editor: Editor | None) -> None:
        """Route edits through `editor(old, new, label)`, which must call `restore(new)`."""
        self._editor = editor

    # -- state ----------------------------------------------------------------------
    @property
    def state(self) -> ChartState:
        return self._state

    @property
    def side(self) -> Side:
        return self._state.side

    @property
    def pain(self) -> Mapping[str, int]:
        return self._state.pain

    @property
    def answers(self) -> Mapping[str, bool]:
        return self._state.answers

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        return self._suggestions

    @property
    def raised_flags(self) -> tuple[RaisedFlag, ...]:
        return self._raised

    @property
    def self_treatment_withheld(self) -> bool:
        return withholds_self_treatment(self._raised)

    def commit(self, new: ChartState, label: str) -> None:
        if new == self._state:
            return
        if self._editor is None:
            self.restore(new)
        else:
            self._editor(self._state, new, label)

    def restore(self, new: ChartState) -> None:
        """Make `new` the state (used by undo and redo, and by `commit`)."""
        old = self._state
        self._state = new
        change = Change(0)
        if new.pain != old.pain:
            change |= Change.PAIN
        if new.side != old.side:
            change |= Change.SIDE
        if new.answers != old.answers:
            change |= Change.ANSWERS
            self._raised = screen(self.catalog.red_flags.values(), new.answers)
        if change & Change.PAIN:
            self._suggestions = rank(self.catalog.muscles.values(), new.pain, self.catalog.zones)
            change |= self._follow_top_suggestion()
            # A choice for the sheet holds only while it still fits the pain.
            suggested = {s.trigger_point.id for s in self._suggestions}
            self._sheet_choice = tuple(t for t in self._sheet_choice if t in suggested)
        self._publish(change | Change.DOCUMENT)

    # -- edits (each one undoable) -----------------------------------------------------
    def toggle_zone(self, zone_id: str) -> None:
        zone = self.catalog.zone(zone_id)
        pain = dict(self._state.pain)
        if zone_id in pain:
            del pain[zone_id]
            label = f"Clear {zone.name}"
        else:
            pain[zone_id] = DEFAULT_INTENSITY
            label = f"Mark {zone.name}"
        self.commit(replace(self._state, pain=_frozen(pain)), label)

    def set_intensity(self, zone_id: str, intensity: int) -> None:
        """Set how much a zone hurts (0-10), marking it if it was not marked."""
        zone = self.catalog.zone(zone_id)
        if not 0 <= intensity <= MAX_INTENSITY:
            raise ValueError(f"intensity must lie between 0 and {MAX_INTENSITY}, not {intensity}")
        pain = {**self._state.pain, zone_id: intensity}
        self.commit(
            replace(self._state, pain=_frozen(pain)),
            f"Set {zone.name} to {intensity}",
        )

    def clear_pain(self) -> None:
        self.commit(replace(self._state, pain=_frozen({})), "Clear all zones")

    def set_side(self, side: Side) -> None:
        self.commit(replace(self._state, side=side), f"Show the {side.value} leg")

    def set_answer(self, question_id: str, answer: bool) -> None:
        question = self.catalog.questions[question_id]
        answers = {**self._state.answers, question_id: answer}
        label = f"Answer '{question.text[:40]}'"
        self.commit(replace(self._state, answers=_frozen(answers)), label)

    # -- what is shown (not undoable: it changes the view, not the case) ------------------
    @property
    def shown_patterns(self) -> tuple[str, ...]:
        """Trigger points whose referral patterns are overlaid, in the order chosen."""
        return self._patterns

    @property
    def focused(self) -> Suggestion | None:
        """The suggestion whose treatment cards are shown."""
        for suggestion in self._suggestions:
            if suggestion.trigger_point.id == self._focus:
                return suggestion
        return None

    @property
    def focused_trigger_point(self) -> str | None:
        return self._focus

    def focus(self, tp_id: str | None, add: bool = False) -> None:
        """Show a trigger point's cards and overlay its pattern: alone, or added to the
        others. One of the patterns already compared keeps the comparison as it is, in
        its order, which gives each pattern its colour: reading one compared pattern's
        cards once threw the others away, and adding one again recoloured them all."""
        if tp_id is not None:
            self.catalog.trigger_point(tp_id)
        self._focus = tp_id
        self._focus_pinned = tp_id is not None
        if tp_id is None:
            self._patterns = ()
        elif tp_id in self._patterns:
            pass
        elif add:
            self._patterns = (*self._patterns, tp_id)
        else:
            self._patterns = (tp_id,)
        self._publish(Change.PATTERNS)

    def toggle_pattern(self, tp_id: str) -> None:
        """Add or remove one overlay, leaving the others."""
        self.catalog.trigger_point(tp_id)
        if tp_id in self._patterns:
            self._patterns = tuple(p for p in self._patterns if p != tp_id)
        else:
            self._patterns = (*self._patterns, tp_id)
        self._publish(Change.PATTERNS)

    def _follow_top_suggestion(self) -> Change:
        """Until the user picks one, the cards and overlay follow the best suggestion."""
        if self._focus_pinned and any(s.trigger_point.id == self._focus for s in self._suggestions):
            return Change(0)
        self._focus_pinned = False
        top = self._suggestions[0].trigger_point.id if self._suggestions else None
        patterns = (top,) if top else ()
        if top == self._focus and patterns == self._patterns:
            return Change(0)
        self._focus, self._patterns = top, patterns
        return Change.PATTERNS

    def look_up(self, id_or_alias: str) -> str:
        """Show a muscle: its outline and every one of its patterns. Returns its id."""
        muscle = self.catalog.muscle(id_or_alias)
        self._muscles = self._muscles | {muscle.id}
        self._patterns = tuple(tp.id for tp in muscle.trigger_points)
        self._focus = muscle.trigger_points[0].id
        self._focus_pinned = True
        self._publish(Change.PATTERNS | Change.MUSCLES)
        return muscle.id

    @property
    def shown_muscles(self) -> frozenset[str]:
        return self._muscles

    def set_muscle_shown(self, muscle_id: str, shown: bool) -> None:
        self.catalog.muscle(muscle_id)
        self._muscles = self._muscles | {muscle_id} if shown else self._muscles - {muscle_id}
        self._publish(Change.MUSCLES)

    def show_muscles(self, muscle_ids: frozenset[str] | set[str]) -> None:
        """Show exactly these muscle outlines (all, none, or a group)."""
        unknown = set(muscle_ids) - set(self.catalog.muscles)
        if unknown:
            self.catalog.muscle(sorted(unknown)[0])
        self._muscles = frozenset(muscle_ids)
        self._publish(Change.MUSCLES)

    @property
    def acupressure_shown(self) -> bool:
        return self._acupressure

    def set_acupressure_shown(self, shown: bool) -> None:
        self._acupressure = shown
        self._publish(Change.ACUPRESSURE)

    # -- the treatment sheet ----------------------------------------------------------
    @property
    def sheet_trigger_points(self) -> tuple[str, ...]:
        """The trigger points for the sheet: the user's choice, or the best three muscles'."""
        if self._sheet_choice:
            return self._sheet_choice
        return best_for_sheet(self._suggestions)

    @property
    def sheet_choice(self) -> tuple[str, ...]:
        return self._sheet_choice

    def set_on_sheet(self, tp_id: str, on: bool) -> bool:
        """Put a trigger point on the sheet or take it off; False if refused.

        The sheet explains at least one trigger point, so the last one stays.
        """
        self.catalog.trigger_point(tp_id)
        current = list(self.sheet_trigger_points)
        if on and tp_id not in current:
            current.append(tp_id)
        elif not on and tp_id in current:
            if len(current) == 1:
                self._publish(Change.PATTERNS)  # views showing the box put it back
                return False
            current.remove(tp_id)
        self._sheet_choice = tuple(current)
        self._publish(Change.PATTERNS | Change.DOCUMENT)
        return True

    # -- the document ------------------------------------------------------------------
    def set_details(self, name: str | None = None, notes: str | None = None) -> None:
        if name is not None:
            self.name = name
        if notes is not None:
            self.notes = notes
        self._publish(Change.DOCUMENT)

    def session(self) -> Session:
        return Session(
            side=self._state.side,
            pain=dict(self._state.pain),
            answers=dict(self._state.answers),
            name=self.name,
            notes=self.notes,
            sheet_trigger_points=self._sheet_choice,
            date=self.date,
        )

    def load_session(self, session: Session) -> None:
        """Replace everything with a saved session (not undoable: it is a new document)."""
        self._state = ChartState(
            side=session.side,
            pain=_frozen(session.pain),
            answers=_frozen(session.answers),
        )
        self._suggestions = rank(
            self.catalog.muscles.values(), self._state.pain, self.catalog.zones
        )
        self._raised = screen(self.catalog.red_flags.values(), self._state.answers)
        self._focus_pinned = False
        self._focus = None
        self._patterns = ()
        self._follow_top_suggestion()
        self._sheet_choice = session.sheet_trigger_points
        self.name, self.notes, self.date = session.name, session.notes, session.date
        self._saved_state, self._saved_details = self._state, self._details()
        self._publish(Change.ALL)

    def mark_saved(self) -> None:
        self._saved_state, self._saved_details = self._state, self._details()
        self._publish(Change.DOCUMENT)
