"""A muscle's full card as plain text and as JSON-ready data (for the command line)."""

from __future__ import annotations

import textwrap
from typing import Any

from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Muscle
from calfchart.domain.sources import UNVERIFIED, Sourced


def _source_ids(ids: tuple[str, ...]) -> list[str]:
    return list(ids)


def _sourced(block: Sourced | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "items": list(block.items),
        "sources": _source_ids(block.sources),
        "disagreement": block.disagreement,
    }


def muscle_as_dict(muscle: Muscle, catalog: Catalog) -> dict[str, Any]:
    t = muscle.treatment
    cited = sorted(
        {s for tp in muscle.trigger_points for s in tp.sources}
        | set(muscle.sources)
        | set(t.pressure.sources)
        | set(t.stretch.sources)
        | set(t.acupressure_sources)
        | set(t.perpetuating_factors.sources)
        | set(t.mistaken_for.sources)
        | set(t.cautions.sources if t.cautions else ())
    )
    return {
        "id": muscle.id,
        "name": muscle.name,
        "aliases": list(muscle.aliases),
        "group": muscle.group.value,
        "depth": muscle.depth.value,
        "views": [v.value for v in muscle.views],
        "action": muscle.action,
        "sources": list(muscle.sources),
        "trigger_points": [
            {
                "id": tp.id,
                "label": tp.label,
                "prevalence": tp.prevalence.value,
                "views": [v.value for v in tp.views],
                "location": {
                    "landmark": tp.location.landmark,
                    "anatomical": tp.location.anatomical,
                },
                "essential_zones": sorted(tp.referral.essential),
                "spillover_zones": sorted(tp.referral.spillover),
                "symptoms": list(tp.symptoms),
                "sources": list(tp.sources),
                "disagreement": tp.disagreement,
                "self_pressure": muscle.may_press(tp),
            }
            for tp in muscle.trigger_points
        ],
        "treatment": {
            "pressure": {
                "self_treatment": t.pressure.self_treatment,
                "where": t.pressure.where,
                "tools": list(t.pressure.tools),
                "position": t.pressure.position,
                "pressure": t.pressure.pressure,
                "hold_seconds": list(t.pressure.hold_seconds),
                "repetitions": t.pressure.repetitions,
                "frequency": t.pressure.frequency,
                "sources": list(t.pressure.sources),
                "disagreement": t.pressure.disagreement,
            },
            "stretch": {
                "name": t.stretch.name,
                "steps": list(t.stretch.steps),
                "hold_seconds": list(t.stretch.hold_seconds),
                "repetitions": t.stretch.repetitions,
                "frequency": t.stretch.frequency,
                "sources": list(t.stretch.sources),
                "disagreement": t.stretch.disagreement,
            },
            "acupressure": [
                {
                    "id": p,
                    "name": catalog.acupressure[p].name,
                    "location": catalog.acupressure[p].location,
                    "how": catalog.acupressure[p].how,
                    "cautions": list(catalog.acupressure[p].cautions),
                    "disagreement": catalog.acupressure[p].disagreement,
                }
                for p in t.acupressure
            ],
            "perpetuating_factors": _sourced(t.perpetuating_factors),
            "mistaken_for": _sourced(t.mistaken_for),
            "cautions": _sourced(t.cautions),
        },
        "cited_sources": [
            {"id": s, "citation": catalog.sources[s].citation, "url": catalog.sources[s].url}
            for s in cited
        ],
    }


def _para(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def _bullets(items: tuple[str, ...], indent: str = "  ") -> list[str]:
    return [
        textwrap.fill(i, width=88, initial_indent=f"{indent}- ", subsequent_indent=f"{indent}  ")
        for i in items
    ]


def _cite(ids: tuple[str, ...]) -> str:
    marks = ["unverified: general knowledge" if s == UNVERIFIED else s for s in ids]
    return "  [" + "; ".join(marks) + "]"


def muscle_card_text(muscle: Muscle, catalog: Catalog) -> str:
    t = muscle.treatment
    out: list[str] = []
    title = f"{muscle.name} ({muscle.id})"
    out += [title, "=" * len(title)]
    if muscle.aliases:
        out.append(_para("Also called: " + ", ".join(muscle.aliases), ""))
    out.append(_para(f"{muscle.group.label}, {muscle.depth.value}. {muscle.action}", ""))
    for tp in muscle.trigger_points:
        kind = tp.prevalence.value
        if t.pressure.self_treatment and not tp.self_pressure:
            kind += "; not for pressing yourself"
        out += ["", f"Trigger point {tp.id}: {tp.label} ({kind})"]
        out.append(_para("Where: " + tp.location.landmark))
        out.append(_para("Anatomy: " + tp.location.anatomical))
        essential = ", ".join(catalog.zones[z].list_name for z in sorted(tp.referral.essential))
        out.append(_para("Pain pattern, essential (solid): " + essential))
        if tp.referral.spillover:
            spill = ", ".join(catalog.zones[z].list_name for z in sorted(tp.referral.spillover))
            out.append(_para("Pain pattern, spillover (hatched): " + spill))
        out += _bullets(tp.symptoms)
        if tp.disagreement:
            out.append(_para("Sources differ: " + tp.disagreement))
        out.append(_cite(tp.sources))
    p = t.pressure
    out += ["", "Pressing on it (ischemic pressure)"]
    if not p.self_treatment:
        out.append(_para("Not for self-pressure. " + p.where))
    else:
        out.append(_para("Where: " + p.where))
        out.append(_para(f"With: {', '.join(x.replace('_', ' ') for x in p.tools)}. {p.position}"))
        out.append(_para(f"How hard: {p.pressure}"))
        out.append(_para(f"Dose: hold {p.hold_text}; {p.repetitions}; {p.frequency}."))
    if p.disagreement:
        out.append(_para("Sources differ: " + p.disagreement))
    out.append(_cite(p.sources))
    s = t.stretch
    out += ["", f"Stretch: {s.name}"]
    out += [_para(f"{n}. {step}") for n, step in enumerate(s.steps, 1)]
    out.append(_para(f"Dose: hold {s.hold_text}; {s.repetitions}; {s.frequency}."))
    if s.disagreement:
        out.append(_para("Sources differ: " + s.disagreement))
    out.append(_cite(s.sources))
    if t.acupressure:
        out += ["", "Acupressure points nearby"]
        for pid in t.acupressure:
            point = catalog.acupressure[pid]
            out += _bullets((f"{pid} {point.name}: {point.location} {point.how}",))
            out += _bullets(tuple(f"Caution: {c}" for c in point.cautions), "    ")
            if point.disagreement:
                out.append(_para("Sources differ: " + point.disagreement, "    "))
        out.append(_cite(t.acupressure_sources))
    for heading, block in (
        ("What keeps it active", t.perpetuating_factors),
        ("Often mistaken for", t.mistaken_for),
        ("Cautions", t.cautions),
    ):
        if block is None:
            continue
        out += ["", heading]
        out += _bullets(block.items)
        if block.disagreement:
            out.append(_para("Sources differ: " + block.disagreement))
        out.append(_cite(block.sources))
    return "\n".join(out)
