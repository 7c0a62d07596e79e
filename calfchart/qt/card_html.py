"""The treatment cards of one trigger point, as simple HTML for a QTextBrowser.

Everything said here comes from the catalog; this module only lays it out: short
sections under headings, lists rather than paragraphs, each section's sources as
numbers pointing into the list at the end.
"""

from __future__ import annotations

from html import escape

from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Muscle, TriggerPoint
from calfchart.domain.ranking import Suggestion
from calfchart.domain.record import record
from calfchart.domain.red_flags import RaisedFlag
from calfchart.domain.sources import UNVERIFIED, Sourced

PRESSURE_HEADING = "How to press: ischemic pressure"
NO_SELF_PRESSURE_HEADING = "Pressing on it: not for self-treatment"
WITHHELD_HEADING = "Self-treatment withheld"


@record
class CardColours:
    """Colours from the window's palette, so the cards read well light and dark."""

    text: str
    muted: str
    rule: str
    caution_background: str
    caution_text: str
    withheld_background: str
    withheld_text: str


def _tools(tools: tuple[str, ...]) -> str:
    return ", ".join(t.replace("_", " ") for t in tools)


class _Citations:
    """Numbers the sources in the order the card first cites them."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.order: list[str] = []

    def mark(self, ids: tuple[str, ...]) -> str:
        numbers = []
        for source_id in ids:
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(str(self.order.index(source_id) + 1))
        if not numbers:
            return ""
        return f" <sup>[{','.join(numbers)}]</sup>"

    def html(self, colours: CardColours) -> str:
        if not self.order:
            return ""
        items = []
        for source_id in self.order:
            source = self._catalog.sources.get(source_id)
            citation = escape(source.citation if source else source_id)
            if source is not None and source.url:
                citation = f"<a href='{escape(source.url, quote=True)}'>{citation}</a>"
            if source_id == UNVERIFIED:
                citation = f"<b>Unverified:</b> {citation}"
            items.append(f"<li>{citation}</li>")
        return f"<h3>Sources</h3><ol style='color:{colours.muted}'>" + "".join(items) + "</ol>"


def _differ(text: str | None, colours: CardColours) -> str:
    if not text:
        return ""
    return f"<p style='color:{colours.muted}'><b>Sources differ:</b> {escape(text)}</p>"


def _bullets(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _sourced_section(
    heading: str, block: Sourced | None, cite: _Citations, colours: CardColours
) -> str:
    if block is None or not block.items:
        return ""
    return (
        f"<h3>{escape(heading)}{cite.mark(block.sources)}</h3>"
        + _bullets(block.items)
        + _differ(block.disagreement, colours)
    )


def _dose_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:10px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in rows
        if v
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _boxed(inner: str, background: str, text: str) -> str:
    return (
        f"<table width='100%' cellpadding='8' cellspacing='0' bgcolor='{background}'>"
        f"<tr><td style='color:{text}'>{inner}</td></tr></table>"
    )


def _intro(tp: TriggerPoint, suggestion: Suggestion | None, colours: CardColours) -> str:
    parts = []
    if suggestion is not None:
        why = suggestion.why[:1].upper() + suggestion.why[1:]
        parts.append(f"<p><b>Why it is suggested:</b> {escape(why)}.</p>")
    if tp.symptoms:
        parts.append("<p><b>What it can feel like:</b></p>" + _bullets(tp.symptoms))
    return "".join(parts)


def _where(tp: TriggerPoint, press: bool, cite: _Citations, colours: CardColours) -> str:
    heading = "Where to press" if press else "Where it lies"
    mark = (
        "The spot is marked with an X on the drawing."
        if press
        else "It is marked with a crossed circle on the drawing: not for pressing yourself."
    )
    return (
        f"<h3>{heading}{cite.mark(tp.sources)}</h3>"
        f"<p>{escape(tp.location.landmark)}</p>"
        f"<p style='color:{colours.muted}'>{escape(tp.location.anatomical)} {mark}</p>"
        # Where sources disagree about a point, it is mostly about where it lies.
        + _differ(tp.disagreement, colours)
    )


def _pressure(muscle: Muscle, tp: TriggerPoint, cite: _Citations, colours: CardColours) -> str:
    p = muscle.treatment.pressure
    if not muscle.may_press(tp):
        return (
            # A spot left alone is our safety rule, not a fact of the pressing sources.
            f"<h3>{NO_SELF_PRESSURE_HEADING}{'' if p.self_treatment else cite.mark(p.sources)}</h3>"
            + _boxed(
                f"<b>Caution.</b> {escape(muscle.not_for_pressing)}",
                colours.caution_background,
                colours.caution_text,
            )
            # The sources' views on pressing concern the muscle, not a spot left alone.
            + ("" if p.self_treatment else _differ(p.disagreement, colours))
        )
    return (
        f"<h3>{PRESSURE_HEADING}{cite.mark(p.sources)}</h3>"
        f"<p>{escape(p.where)}</p>"
        + _dose_table(
            [
                ("With", _tools(p.tools)),
                ("Position", p.position),
                ("How hard", p.pressure),
                ("Hold", p.hold_text),
                ("Repeat", p.repetitions),
                ("How often", p.frequency),
            ]
        )
        + _differ(p.disagreement, colours)
    )


def _stretch(muscle: Muscle, cite: _Citations, colours: CardColours) -> str:
    s = muscle.treatment.stretch
    steps = "".join(f"<li>{escape(step)}</li>" for step in s.steps)
    return (
        f"<h3>Stretch: {escape(s.name)}{cite.mark(s.sources)}</h3>"
        f"<ol>{steps}</ol>"
        + _dose_table(
            [("Hold", s.hold_text), ("Repeat", s.repetitions), ("How often", s.frequency)]
        )
        + _differ(s.disagreement, colours)
    )


def _acupressure(muscle: Muscle, catalog: Catalog, cite: _Citations, colours: CardColours) -> str:
    t = muscle.treatment
    if not t.acupressure:
        return ""
    items = []
    for point_id in t.acupressure:
        point = catalog.acupressure[point_id]
        cautions = "".join(f"<br><i>Caution:</i> {escape(c)}" for c in point.cautions)
        differ = (
            f"<br><span style='color:{colours.muted}'><b>Sources differ:</b> "
            f"{escape(point.disagreement)}</span>"
            if point.disagreement
            else ""
        )
        items.append(
            f"<li><b>{escape(point.id)} {escape(point.name)}</b>{cite.mark(point.sources)}: "
            f"{escape(point.location)}<br>{escape(point.how)}{cautions}{differ}</li>"
        )
    return (
        f"<h3>Acupressure points nearby{cite.mark(t.acupressure_sources)}</h3>"
        "<ul>" + "".join(items) + "</ul>"
    )


def _withheld(raised: tuple[RaisedFlag, ...], colours: CardColours) -> str:
    advice = escape(raised[0].urgency.advice)
    conditions = "".join(
        f"<li><b>{escape(r.red_flag.condition)}.</b> {escape(r.red_flag.message)}</li>"
        for r in raised
    )
    inner = (
        f"<p><b>{WITHHELD_HEADING}.</b> {advice}</p>"
        "<p>Your answers to the safety questions point to a condition a doctor must "
        "check first:</p>"
        f"<ul>{conditions}</ul>"
        "<p>Until then, do not press, massage or stretch this leg.</p>"
    )
    return _boxed(inner, colours.withheld_background, colours.withheld_text)


def card_html(
    catalog: Catalog,
    tp: TriggerPoint,
    suggestion: Suggestion | None,
    raised: tuple[RaisedFlag, ...],
    colours: CardColours,
) -> str:
    """The cards for one trigger point; with a red flag raised, only the safety text.

    Withheld, the card drops the muscle's cautions too, as the sheet does: they are
    about pressing and stretching ("stretch gently"), which the card has just said not
    to do, and the flag's own message says what to do now.
    """
    muscle = catalog.muscles[tp.muscle_id]
    cite = _Citations(catalog)
    body = [f"<div style='color:{colours.text}'>"]
    if raised:
        body.append(_withheld(raised, colours))
    else:
        body.append(_intro(tp, suggestion, colours))
        body.append(_where(tp, muscle.may_press(tp), cite, colours))
        body.append(_pressure(muscle, tp, cite, colours))
        body.append(_stretch(muscle, cite, colours))
        body.append(_acupressure(muscle, catalog, cite, colours))
        t = muscle.treatment
        body.append(_sourced_section("What keeps it active", t.perpetuating_factors, cite, colours))
        body.append(_sourced_section("Often mistaken for", t.mistaken_for, cite, colours))
        body.append(_sourced_section("Cautions", t.cautions, cite, colours))
    body.append(cite.html(colours))
    body.append("</div>")
    return "".join(body)


CARD_STYLE = """
h3 { margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 2px; margin-bottom: 6px; }
ul, ol { margin-top: 0px; margin-bottom: 6px; }
li { margin-bottom: 2px; }
"""
"""The default style sheet of the card document: room between sections, tight lists."""
