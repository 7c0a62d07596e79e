"""What goes on the printed treatment sheet, as plain data: no Qt, no layout.

`build_sheet` turns a case (the pain map, the side, the screening answers and the
chosen trigger points) into a `TreatmentSheet`. One renderer (calfchart.qt.sheet_renderer)
draws that onto paper or into a PDF; the window and `calfchart sheet` both build the
sheet here, so what is printed never depends on where it was printed from.

Safety decides the content before layout does: when a red flag stands, the sheet opens
with the warning and carries no self-massage at all (no pressure dose, no "press here"
marks, no stretches), only what the person can take to the doctor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Muscle, TriggerPoint
from calfchart.domain.ranking import Suggestion, best_for_sheet, explain, rank
from calfchart.domain.record import record, replace
from calfchart.domain.red_flags import RaisedFlag, Urgency, screen, withholds_self_treatment
from calfchart.domain.sources import UNVERIFIED
from calfchart.domain.zones import Side, View

if TYPE_CHECKING:  # the controller is only read; importing it at run time is not needed
    from calfchart.controller import ChartController

SHEET_TITLE = "calfchart treatment sheet"
"""Also the PDF's metadata title."""
LOG_DAYS = 14
MAIN_TIERS = frozenset({"A", "B"})
"""Sources printed in full: books, reviews, trials, guidelines, the trigger-point schools."""
SHORT_NOTE = 24
"""A closing bracket longer than this is a note, not part of the reference."""

WITHHELD_TEXT = (
    "See a doctor first. Because of the warning above, this sheet gives no massage, "
    "pressure or stretching instructions. Ask the doctor whether they are safe for you "
    "once the warning sign has been checked."
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: dt.date) -> str:
    """ "Mon 25 Nov", in English whatever the C locale (Qt sets it from the system)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def long_date(day: dt.date) -> str:
    """ "25 November 2026": day first, month in words, so no reader misreads it."""
    months = (
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    )  # fmt: skip
    return f"{day.day} {months[day.month - 1]} {day.year}"


# -- the parts of the sheet -----------------------------------------------------------


@record
class RedFlagWarning:
    """A red flag that stands: it opens page 1 and withholds self-treatment."""

    condition: str
    urgency: Urgency
    advice: str
    """What to do and how fast (Urgency.advice)."""
    message: str
    because: tuple[str, ...]
    """The screening questions answered yes, so the doctor hears what raised it."""
    by_clinician: bool
    """Raised by hand (`--red-flag`), not by answers."""


@record
class PainMark:
    zone_id: str
    name: str
    intensity: int


@record
class SpotMark:
    """A trigger point drawn on a view: an X (press here) or a crossed circle (do not)."""

    trigger_point_id: str
    number: int
    press: bool


@record
class DrawingPanel:
    """One view of the leg on the pain drawing."""

    view: View
    pain: tuple[PainMark, ...]
    marks: tuple[SpotMark, ...]


@record
class Spot:
    """One trigger point of a muscle section."""

    number: int
    """The number beside its mark on the drawings."""
    trigger_point_id: str
    label: str
    why: str
    """Why it fits the pain, as a sentence."""
    landmark: str | None
    """How to find it with a finger; None when self-treatment is withheld."""
    views: tuple[View, ...]
    press: bool
    not_pressed: str | None = None
    """For a spot not to be pressed while others of its muscle may be: what to do
    instead (a section with no spot to press says it once, for all)."""


def _dose(hold: str, repetitions: str, frequency: str) -> str:
    return f"Hold {hold}. {_sentence(repetitions)} {_sentence(frequency)}"


@record
class PressureSteps:
    tools: tuple[str, ...]
    position: str
    how_hard: str
    hold: str
    repetitions: str
    frequency: str

    @property
    def dose(self) -> str:
        return _dose(self.hold, self.repetitions, self.frequency)


@record
class StretchSteps:
    name: str
    steps: tuple[str, ...]
    hold: str
    repetitions: str
    frequency: str

    @property
    def dose(self) -> str:
        return _dose(self.hold, self.repetitions, self.frequency)


@record
class AcupressureSpot:
    id: str
    name: str
    location: str
    how: str
    cautions: tuple[str, ...]
    views: tuple[View, ...]
    """The drawings it is marked on, as the data lists them."""


@record
class MuscleSection:
    """A muscle on the sheet: its chosen trigger points and how to treat them."""

    number: int
    muscle_id: str
    muscle_name: str
    spots: tuple[Spot, ...]
    figure_view: View | None
    """The view for the small "where to press" drawing; None when withheld."""
    self_treatment: bool
    """False for muscles nobody should press on their own (popliteus, plantaris)."""
    not_for_self_pressure: str | None
    """Why not, and what to do instead, when self_treatment is False."""
    pressure: PressureSteps | None
    stretch: StretchSteps | None
    acupressure: tuple[AcupressureSpot, ...]
    cautions: tuple[str, ...]
    avoid: tuple[str, ...]
    """Perpetuating factors: what keeps the trigger point active."""
    mistaken_for: tuple[str, ...]
    withheld: str | None
    """Set when a red flag stands: what to do instead of self-treatment."""
    stretch_as_in: MuscleSection | None = None
    """An earlier section with the very same stretch: it is printed (and logged) once."""
    acupressure_above: tuple[AcupressureSpot, ...] = ()
    """Acupressure points of this muscle already described in an earlier section."""

    @property
    def exercises(self) -> tuple[str, ...]:
        """The columns this muscle adds to the daily log."""
        out: list[str] = []
        if self.pressure is not None:
            out.append(f"{self.muscle_name}: press")
        if self.stretch is not None:
            out.append(f"{self.muscle_name}: stretch")
        return tuple(out)


@record
class SignGroup:
    urgency: Urgency
    advice: str
    signs: tuple[str, ...]


@record
class DoctorSigns:
    """ "Stop and see a doctor if…": always on the sheet, grouped by how fast to act."""

    intro: str
    groups: tuple[SignGroup, ...]
    contact: str | None
    """Who to call with questions, when the sheet names who prepared it."""


@record
class LogTable:
    days: tuple[dt.date, ...]
    exercises: tuple[str, ...]
    """One tick box per exercise per day; empty when self-treatment is withheld.

    No days at all when an emergency or an urgent red flag stands: a fortnight's diary
    beside "call an ambulance now" or "see a doctor today" says there is time, and there
    is none. Beside "book an appointment soon" it is what to take to the doctor."""

    @property
    def day_labels(self) -> tuple[str, ...]:
        return tuple(day_label(d) for d in self.days)


@record
class Citation:
    id: str
    text: str
    """The citation, without a long closing note in brackets (the program keeps it)."""
    tier: str


@record
class TreatmentSheet:
    title: str
    name: str
    date: dt.date
    """The day it is printed: its two-week log starts then."""
    side: Side
    prepared_by: str
    warnings: tuple[RedFlagWarning, ...]
    pain: tuple[PainMark, ...]
    drawings: tuple[DrawingPanel, ...]
    sections: tuple[MuscleSection, ...]
    doctor: DoctorSigns
    log: LogTable
    evidence: str
    citations: tuple[Citation, ...]
    """The main sources (tiers A and B) of the patterns, the instructions, the warnings
    and the note on the evidence."""
    other_sources: int
    """How many more sources the printed facts rest on (web pages, summaries, and the
    sources of the notes); the program lists them under each muscle."""
    unverified: bool
    """Some facts on the sheet come from general knowledge not checked against a source."""
    disclaimer: str
    charted: dt.date | None = None
    """The day the pain was charted, where that is not the day it is printed (a saved
    session printed again later)."""

    @property
    def self_treatment_withheld(self) -> bool:
        return bool(self.warnings)

    @property
    def date_text(self) -> str:
        return long_date(self.date)

    @property
    def charted_text(self) -> str | None:
        return long_date(self.charted) if self.charted is not None else None


# -- building it ------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _tool_name(tool: str) -> str:
    return tool.replace("_", " ")


def trigger_points_for_muscles(
    catalog: Catalog, muscles: Iterable[str], suggestions: Sequence[Suggestion]
) -> tuple[str, ...]:
    """The trigger points a list of chosen muscles puts on the sheet.

    For each muscle (by id, name or alias), the trigger points that explain the pain,
    best first; when none does, all of them, so that a clinician who names a muscle
    always gets it on the sheet. Raises UnknownIdError for an unknown muscle.
    """
    ranked = [s.trigger_point.id for s in suggestions]
    chosen: list[str] = []
    for wanted in muscles:
        muscle = catalog.muscle(wanted)
        own = {tp.id for tp in muscle.trigger_points}
        matching = [tp for tp in ranked if tp in own]
        for tp_id in matching or [tp.id for tp in muscle.trigger_points]:
            if tp_id not in chosen:
                chosen.append(tp_id)
    return tuple(chosen)


def _drawing_panels(
    pain: Sequence[PainMark],
    marks: Sequence[tuple[TriggerPoint, SpotMark]],
    catalog: Catalog,
) -> tuple[DrawingPanel, ...]:
    """The fewest views that show every marked zone and every trigger point on the
    sheet, in the drawings' usual order.

    A zone or a point seen from several sides (the lower inner calf is on the back and
    the inner side) is drawn once, on the view that also shows the most of the others:
    a point numbered in the text must be found on the drawing too. With no pain marked
    there is no pain drawing: each point is shown beside its own text.
    """
    if not pain:
        return ()
    seen_on = {f"zone {p.zone_id}": catalog.zones[p.zone_id].views for p in pain}
    seen_on |= {f"point {tp.id}": tp.views for tp, _ in marks}
    left = set(seen_on)
    chosen: list[View] = []
    while left:
        best = max(
            View,
            key=lambda v: (sum(1 for item in left if v in seen_on[item]), -list(View).index(v)),
        )
        if not any(best in seen_on[item] for item in left):
            break
        chosen.append(best)
        left = {item for item in left if best not in seen_on[item]}
    chosen.sort(key=list(View).index)
    panels: list[DrawingPanel] = []
    for view in chosen:
        shown = tuple(p for p in pain if view in catalog.zones[p.zone_id].views)
        on_view = tuple(m for tp, m in marks if view in tp.views)
        panels.append(DrawingPanel(view, shown, on_view))
    return tuple(panels)


def _figure_view(points: Sequence[TriggerPoint]) -> View:
    """The view that shows the most of a muscle's chosen points (the first one's first)."""
    order = [v for tp in points for v in tp.views]
    return max(
        dict.fromkeys(order), key=lambda v: (sum(v in tp.views for tp in points), -order.index(v))
    )


def _why(
    tp_id: str, suggestions: Mapping[str, Suggestion], any_pain: bool, catalog: Catalog
) -> str:
    found = suggestions.get(tp_id)
    if found is not None:
        # Where its pain goes, without the window's "does not explain" (a reason for
        # the ranking): a sheet shows every chosen point and the places each covers.
        refers = explain(
            found.essential_matches,
            found.spillover_matches,
            (),
            found.trigger_point.prevalence,
            catalog.zones,
        )
        return _sentence("It " + refers)
    if not any_pain:
        return "Chosen for this sheet; no painful area was marked."
    return "Chosen for this sheet, although its pain pattern does not cover the areas marked."


def _section(
    number: int,
    muscle: Muscle,
    points: Sequence[tuple[int, TriggerPoint]],
    catalog: Catalog,
    suggestions: Mapping[str, Suggestion],
    any_pain: bool,
    withheld: bool,
    acupressure: bool,
) -> MuscleSection:
    t = muscle.treatment
    # Pressing is taught when one of the chosen spots may be pressed.
    press = any(muscle.may_press(tp) for _, tp in points)
    spots = tuple(
        Spot(
            number=n,
            trigger_point_id=tp.id,
            label=tp.label,
            why=_why(tp.id, suggestions, any_pain, catalog),
            landmark=None if withheld else tp.location.landmark,
            views=tp.views,
            press=muscle.may_press(tp),
            not_pressed=muscle.not_for_pressing if press and not muscle.may_press(tp) else None,
        )
        for n, tp in points
    )
    pressure = None
    stretch = None
    acu: tuple[AcupressureSpot, ...] = ()
    cautions: tuple[str, ...] = ()
    if not withheld:
        if press:
            p = t.pressure
            pressure = PressureSteps(
                tools=tuple(_tool_name(x) for x in p.tools),
                position=p.position,
                how_hard=p.pressure,
                hold=p.hold_text,
                repetitions=p.repetitions,
                frequency=p.frequency,
            )
        s = t.stretch
        stretch = StretchSteps(s.name, s.steps, s.hold_text, s.repetitions, s.frequency)
        if acupressure:
            acu = tuple(
                AcupressureSpot(a.id, a.name, a.location, a.how, a.cautions, a.views)
                for a in (catalog.acupressure[pid] for pid in t.acupressure)
            )
        # A muscle nobody should press on their own keeps every caution on paper (the
        # popliteal vessels and nerve); for the others the cautions would repeat the
        # "stop and see a doctor" list, so they are left to the program.
        if not press and t.cautions is not None:
            cautions = t.cautions.items
    return MuscleSection(
        number=number,
        muscle_id=muscle.id,
        muscle_name=muscle.name,
        spots=spots,
        figure_view=None if withheld else _figure_view([tp for _, tp in points]),
        self_treatment=press,
        not_for_self_pressure=None if press else muscle.not_for_pressing,
        pressure=pressure,
        stretch=stretch,
        acupressure=acu,
        cautions=cautions,
        avoid=() if withheld else t.perpetuating_factors.items,
        mistaken_for=t.mistaken_for.items,
        withheld=WITHHELD_TEXT if withheld else None,
    )


def short_citation(text: str) -> str:
    """A citation without the long note in brackets that closes some of ours.

    "Niel-Asher S. Trigger point therapy: treating soleus (heel and Achilles, calf from
    knee to ...)" keeps its author and title; a short bracket such as "(Thieme, 2009)"
    stays, as it is part of the reference.
    """
    text = text.strip().rstrip(".")
    if text.endswith(")"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                if len(text) - index > SHORT_NOTE:
                    text = text[:index].rstrip(" ,;:")
                break
    return text + "."


def _say_once(sections: Sequence[MuscleSection]) -> list[MuscleSection]:
    """Print a stretch or an acupressure point once when several muscles share it (the
    calf muscles share BL56 and BL57): later sections point back to the first."""
    first: dict[StretchSteps, MuscleSection] = {}
    described: set[str] = set()
    out: list[MuscleSection] = []
    for section in sections:
        earlier = first.get(section.stretch) if section.stretch is not None else None
        if earlier is not None:
            section = replace(section, stretch=None, stretch_as_in=earlier)
        elif section.stretch is not None:
            first[section.stretch] = section
        above = tuple(a for a in section.acupressure if a.id in described)
        if above:
            new = tuple(a for a in section.acupressure if a.id not in described)
            section = replace(section, acupressure=new, acupressure_above=above)
        described |= {a.id for a in section.acupressure}
        out.append(section)
    return out


def _cited(
    catalog: Catalog, sections: Sequence[MuscleSection], raised: Sequence[RaisedFlag]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sources behind what is printed, in the order they first matter: those of the
    patterns, the instructions, the warnings and the note on the evidence; then those
    of the notes (what keeps a trigger point going, what it is mistaken for, cautions)."""
    core: list[str] = list(catalog.texts.sources)
    notes: list[str] = []
    for section in sections:
        t = catalog.muscles[section.muscle_id].treatment
        for spot in section.spots:
            core += catalog.trigger_points[spot.trigger_point_id].sources
        if section.pressure is not None or section.not_for_self_pressure:
            core += t.pressure.sources
        if section.stretch is not None:
            core += t.stretch.sources
        if section.acupressure:
            core += t.acupressure_sources
            for point in section.acupressure:
                core += catalog.acupressure[point.id].sources
        if section.avoid:
            notes += t.perpetuating_factors.sources
        notes += t.mistaken_for.sources
        if section.cautions and t.cautions is not None:
            notes += t.cautions.sources
    for flag in raised:
        core += flag.red_flag.sources
    known = [i for i in dict.fromkeys(core) if i in catalog.sources]
    rest = [i for i in dict.fromkeys(notes) if i in catalog.sources and i not in known]
    return tuple(known), tuple(rest)


def _doctor_signs(catalog: Catalog, prepared_by: str) -> DoctorSigns:
    groups: list[SignGroup] = []
    for urgency in sorted(Urgency, key=lambda u: u.rank):
        signs = tuple(
            sign
            for flag in catalog.red_flags.values()
            if flag.urgency is urgency
            for sign in flag.signs
        )
        if signs:
            groups.append(SignGroup(urgency, urgency.advice, signs))
    contact = (
        f"Questions, or no better after two weeks? Call {prepared_by}."
        if prepared_by.strip()
        else None
    )
    return DoctorSigns(catalog.texts.doctor_intro, tuple(groups), contact)


def build_sheet(
    catalog: Catalog,
    *,
    side: Side,
    pain: Mapping[str, int],
    answers: Mapping[str, bool] | None = None,
    trigger_points: Sequence[str] = (),
    manual_red_flags: Sequence[str] = (),
    name: str = "",
    prepared_by: str = "",
    date: dt.date | None = None,
    acupressure: bool = False,
    charted: dt.date | None = None,
) -> TreatmentSheet:
    """The treatment sheet for one case.

    `pain` maps zone ids to 0-10; `trigger_points` are the chosen ones (empty: the best
    three for the pain); `manual_red_flags` are red flags a clinician raises by hand.
    Acupressure points are left out unless asked for, to keep the sheet to two pages.
    `date` is the day it is printed (today unless given); `charted`, the day the pain
    was charted, if it was charted earlier (a saved session).
    Raises UnknownIdError for an unknown zone, trigger point or red flag.
    """
    for zone_id in pain:
        catalog.zone(zone_id)
    for flag_id in manual_red_flags:
        catalog.red_flag(flag_id)
    for tp_id in trigger_points:
        catalog.trigger_point(tp_id)
    day = date or dt.date.today()
    raised = screen(catalog.red_flags.values(), answers or {}, manual=manual_red_flags)
    withheld = withholds_self_treatment(raised)
    suggestions = rank(catalog.muscles.values(), pain, catalog.zones)
    chosen = tuple(dict.fromkeys(trigger_points)) or best_for_sheet(suggestions)

    marks = sorted(
        (PainMark(z, catalog.zones[z].name, i) for z, i in pain.items()),
        key=lambda p: (-p.intensity, p.name),
    )
    by_tp = {s.trigger_point.id: s for s in suggestions}

    # One section per muscle, in the order its first trigger point was chosen; the
    # trigger points are numbered in that order so the marks match the text.
    grouped: dict[str, list[TriggerPoint]] = {}
    for tp_id in chosen:
        tp = catalog.trigger_points[tp_id]
        grouped.setdefault(tp.muscle_id, []).append(tp)
    sections: list[MuscleSection] = []
    spot_marks: list[tuple[TriggerPoint, SpotMark]] = []
    number = 0
    for muscle_id, tps in grouped.items():
        muscle = catalog.muscles[muscle_id]
        numbered = []
        for tp in tps:
            number += 1
            numbered.append((number, tp))
            if not withheld:
                spot_marks.append((tp, SpotMark(tp.id, number, muscle.may_press(tp))))
        sections.append(
            _section(
                len(sections) + 1,
                muscle,
                numbered,
                catalog,
                by_tp,
                any(i > 0 for i in pain.values()),
                withheld,
                acupressure,
            )
        )

    sections = _say_once(sections)
    warnings = tuple(
        RedFlagWarning(
            condition=r.red_flag.condition,
            urgency=r.urgency,
            advice=r.urgency.advice,
            message=r.red_flag.message,
            because=tuple(q.text for q in r.because),
            by_clinician=r.manual,
        )
        for r in raised
    )
    exercises = () if withheld else tuple(e for s in sections for e in s.exercises)
    no_time = any(r.urgency.rank <= Urgency.URGENT.rank for r in raised)
    days = tuple(day + dt.timedelta(days=n) for n in range(LOG_DAYS))
    core, notes = _cited(catalog, sections, raised)
    main = [catalog.sources[i] for i in core if catalog.sources[i].tier in MAIN_TIERS]
    citations = tuple(Citation(s.id, short_citation(s.citation), s.tier) for s in main)
    others = {*core, *notes} - {s.id for s in main} - {UNVERIFIED}
    return TreatmentSheet(
        title=SHEET_TITLE,
        name=name.strip(),
        date=day,
        side=side,
        prepared_by=prepared_by.strip(),
        warnings=warnings,
        pain=tuple(marks),
        drawings=_drawing_panels(marks, spot_marks, catalog),
        sections=tuple(sections),
        doctor=_doctor_signs(catalog, prepared_by),
        log=LogTable((), ()) if no_time else LogTable(days, exercises),
        evidence=catalog.texts.evidence,
        citations=citations,
        other_sources=len(others),
        unverified=UNVERIFIED in core or UNVERIFIED in notes,
        disclaimer=catalog.texts.disclaimer,
        charted=charted if charted is not None and charted != day else None,
    )


def sheet_from_controller(
    controller: ChartController,
    prepared_by: str = "",
    *,
    acupressure: bool | None = None,
    manual_red_flags: Sequence[str] = (),
) -> TreatmentSheet:
    """The sheet for what the window shows: its pain map, side, answers and sheet choice.

    Acupressure points are on it when the window shows them, unless `acupressure` says.
    """
    return build_sheet(
        controller.catalog,
        side=controller.side,
        pain=controller.pain,
        answers=controller.answers,
        trigger_points=controller.sheet_trigger_points,
        manual_red_flags=manual_red_flags,
        name=controller.name,
        prepared_by=prepared_by,
        acupressure=controller.acupressure_shown if acupressure is None else acupressure,
        charted=controller.date,
    )
