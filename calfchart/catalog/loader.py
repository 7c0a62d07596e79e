"""Reads a data folder into a validated Catalog.

Every problem in the folder is collected and reported at once as FILE:LINE: message,
through one error type, CatalogError. The format is documented in docs/data-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from calfchart.catalog.errors import CatalogError, Problem
from calfchart.catalog.nodes import Reader, line_of
from calfchart.domain.acupressure import AcupressurePoint
from calfchart.domain.catalog import Catalog, Texts
from calfchart.domain.muscles import (
    Depth,
    Location,
    Muscle,
    MuscleGroup,
    PressureTechnique,
    Prevalence,
    ReferralPattern,
    Stretch,
    Treatment,
    TriggerPoint,
)
from calfchart.domain.red_flags import RedFlag, Rule, ScreeningQuestion, Urgency
from calfchart.domain.sources import Source, Sourced
from calfchart.domain.zones import View, Zone
from calfchart.resources import data_folder

VIEWS = tuple(v.value for v in View)
GROUPS = tuple(g.value for g in MuscleGroup)
DEPTHS = tuple(d.value for d in Depth)
PREVALENCES = tuple(p.value for p in Prevalence)
URGENCIES = tuple(u.value for u in Urgency)
RULES = tuple(r.value for r in Rule)
TIERS = ("A", "B", "C", "D")
TOOLS = (
    "ball",
    "tennis_ball",
    "lacrosse_ball",
    "thumb",
    "fingers",
    "knuckle",
    "foam_roller",
    "elbow",
)


@dataclass
class _Reference:
    reader: Reader
    node: yaml.Node
    kind: str
    id: str


@dataclass
class _Folder:
    """What has been read so far, and the ids still to be checked."""

    problems: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)
    defined: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    """Kinds of id whose defining file could not be read: references to them are not
    checked, so that one broken file does not bury its own error under hundreds."""

    def define(self, reader: Reader, node: yaml.Node, kind: str, ident: str) -> bool:
        seen = self.defined.setdefault(kind, {})
        if ident in seen:
            file, line = seen[ident]
            reader.problem(node, f"duplicate {kind} id '{ident}' (first defined at {file}:{line})")
            return False
        seen[ident] = (reader.file, line_of(node))
        return True

    def refer(self, reader: Reader, node: yaml.Node, kind: str, ident: str) -> None:
        self.references.append(_Reference(reader, node, kind, ident))

    def refer_all(
        self, reader: Reader, node: yaml.Node | None, kind: str, allow_empty: bool = False
    ) -> tuple[str, ...]:
        ids: list[str] = []
        for item in reader.sequence(node, f"{kind} list", allow_empty):
            ident = reader.text(item, kind)
            if ident:
                self.refer(reader, item, kind, ident)
                ids.append(ident)
        return tuple(ids)

    def check_references(self) -> None:
        import difflib

        for ref in self.references:
            if ref.kind in self.unreadable:
                continue
            known = self.defined.get(ref.kind, {})
            if ref.id not in known:
                near = difflib.get_close_matches(ref.id, list(known), n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                ref.reader.problem(ref.node, f"unknown {ref.kind} '{ref.id}'{hint}")


def _read(
    folder: Traversable, name: str, base: Traversable, state: _Folder
) -> tuple[Reader, yaml.Node | None]:
    reader = Reader(_display_name(folder, name, base))
    target = folder.joinpath(name)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        reader.problem(None, "file is missing")
        return reader, None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        byte = exc.object[exc.start]
        message = f"byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8"
        reader.problems.append(Problem(reader.file, line, message))
        return reader, None
    except OSError as exc:
        reader.problem(None, f"cannot be read: {exc.strerror or exc}")
        return reader, None
    return reader, reader.compose(text)


def _display_name(folder: Traversable, name: str, base: Traversable) -> str:
    full = str(folder.joinpath(name))
    prefix = str(base)
    return full[len(prefix) :].lstrip("/\\") if full.startswith(prefix) else full


def _yaml_files(folder: Traversable, where: str, state: _Folder) -> list[str] | None:
    """The names of the data files in `folder` (`where` in messages); None, with the
    reason among the problems, when the folder cannot be read."""
    try:
        if not folder.is_dir():
            return []
        entries = [e for e in folder.iterdir() if e.is_file()]
    except OSError as exc:
        state.problems.append(Problem(where, 0, f"cannot be read: {exc.strerror or exc}"))
        return None
    for entry in entries:
        if entry.name.endswith(".yml"):
            # Read as nothing, a whole muscle would be missing without a word.
            message = "not read: data files end in .yaml"
            state.problems.append(Problem(f"{where}/{entry.name}", 0, message))
    return sorted(e.name for e in entries if e.name.endswith(".yaml"))


def load_catalog(data_dir: Path | Traversable | None = None) -> Catalog:
    """Read and validate a data folder (the bundled one by default).

    Raises CatalogError listing every problem found, each with its file and line.
    """
    base: Traversable = data_folder() if data_dir is None else data_dir
    if isinstance(base, Path) and not base.is_dir():
        raise CatalogError([Problem(str(base), 0, "is not a folder")])
    state = _Folder()
    readers: list[Reader] = []

    def read(folder: Traversable, name: str) -> tuple[Reader, yaml.Node | None]:
        reader, node = _read(folder, name, base, state)
        readers.append(reader)
        return reader, node

    sources: dict[str, Source] = {}
    source_dir = base.joinpath("sources")
    source_files = _yaml_files(source_dir, "sources", state)
    if source_files == []:
        state.problems.append(Problem("sources", 0, "no source files (sources/*.yaml)"))
    if source_files is None:
        state.unreadable.add("source")
    for name in source_files or ():
        reader, node = read(source_dir, name)
        if node is None:
            state.unreadable.add("source")
        else:
            sources.update(_sources(reader, node, state))

    zones: dict[str, Zone] = {}
    reader, node = read(base, "zones.yaml")
    if node is None:
        state.unreadable.add("zone")
    else:
        zones = _zones(reader, node, state)
        if not zones and reader.problems:
            # A file that yields no zone at all (a misspelt `zones:` key) would bury
            # its one real problem under an "unknown zone" for every reference.
            state.unreadable.add("zone")

    acupressure: dict[str, AcupressurePoint] = {}
    reader, node = read(base, "acupressure.yaml")
    if node is None:
        state.unreadable.add("acupressure point")
    else:
        acupressure = _acupressure(reader, node, state)

    red_flags: dict[str, RedFlag] = {}
    reader, node = read(base, "red_flags.yaml")
    if node is not None:
        red_flags = _red_flags(reader, node, state)

    texts: Texts | None = None
    reader, node = read(base, "texts.yaml")
    if node is not None:
        texts = _texts(reader, node, state)

    muscles: dict[str, Muscle] = {}
    muscle_dir = base.joinpath("muscles")
    muscle_files = _yaml_files(muscle_dir, "muscles", state)
    if muscle_files == []:
        state.problems.append(Problem("muscles", 0, "no muscle files (muscles/*.yaml)"))
    if muscle_files is None:
        state.unreadable.add("muscle")
    for name in muscle_files or ():
        reader, node = read(muscle_dir, name)
        if node is not None:
            muscle = _muscle(reader, node, state, name.removesuffix(".yaml"))
            if muscle is not None:
                muscles[muscle.id] = muscle

    state.check_references()
    problems = state.problems + [p for r in readers for p in r.problems]
    if problems or texts is None:
        raise CatalogError(problems or [Problem("texts.yaml", 0, "could not be read")])
    return Catalog(
        zones=zones,
        muscles=muscles,
        acupressure=acupressure,
        red_flags=red_flags,
        sources=sources,
        texts=texts,
    )


# -- one reader per kind of file ---------------------------------------------------


def _top_list(reader: Reader, node: yaml.Node, key: str) -> list[yaml.Node]:
    top = reader.mapping(node, "the file", (key,))
    if top is None or key not in top:
        return []
    return reader.sequence(top[key], key)


def _sources(reader: Reader, node: yaml.Node, state: _Folder) -> dict[str, Source]:
    found: dict[str, Source] = {}
    for item in _top_list(reader, node, "sources"):
        keys = reader.mapping(item, "source", ("id", "citation", "tier"), ("url", "note"))
        if keys is None:
            continue
        ident = reader.text(keys.get("id"), "source id")
        citation = reader.text(keys.get("citation"), "citation")
        tier = reader.choice(keys.get("tier"), "tier", TIERS)
        url = reader.text(keys.get("url"), "url")
        note = reader.text(keys.get("note"), "note")
        if ident and state.define(reader, keys["id"], "source", ident) and citation and tier:
            found[ident] = Source(ident, citation, tier, url, note)
    return found


def _zones(reader: Reader, node: yaml.Node, state: _Folder) -> dict[str, Zone]:
    found: dict[str, Zone] = {}
    for item in _top_list(reader, node, "zones"):
        keys = reader.mapping(item, "zone", ("id", "name", "term", "views"), ("in_a_sentence",))
        if keys is None:
            continue
        ident = reader.text(keys.get("id"), "zone id")
        name = reader.text(keys.get("name"), "zone name")
        term = reader.text(keys.get("term"), "zone term")
        views = reader.choices(keys.get("views"), "views", VIEWS)
        in_a_sentence = reader.text(keys.get("in_a_sentence"), "in_a_sentence") or ""
        if ident and state.define(reader, keys["id"], "zone", ident) and name and term and views:
            found[ident] = Zone(ident, name, term, tuple(View(v) for v in views), in_a_sentence)
    return found


def _acupressure(reader: Reader, node: yaml.Node, state: _Folder) -> dict[str, AcupressurePoint]:
    found: dict[str, AcupressurePoint] = {}
    for item in _top_list(reader, node, "points"):
        keys = reader.mapping(
            item,
            "acupressure point",
            ("id", "name", "location", "who_location", "views", "how", "sources"),
            ("chinese", "cautions", "disagreement"),
        )
        if keys is None:
            continue
        ident = reader.text(keys.get("id"), "point id")
        name = reader.text(keys.get("name"), "point name")
        location = reader.text(keys.get("location"), "location")
        who = reader.text(keys.get("who_location"), "who_location")
        views = reader.choices(keys.get("views"), "views", VIEWS)
        how = reader.text(keys.get("how"), "how")
        cautions = reader.texts(keys.get("cautions"), "cautions")
        chinese = reader.text(keys.get("chinese"), "chinese")
        disagreement = reader.text(keys.get("disagreement"), "disagreement")
        sources = state.refer_all(reader, keys.get("sources"), "source")
        if not (ident and state.define(reader, keys["id"], "acupressure point", ident)):
            continue
        if name and location and who and views and how and sources:
            found[ident] = AcupressurePoint(
                ident,
                name,
                location,
                who,
                tuple(View(v) for v in views),
                how,
                cautions,
                sources,
                chinese,
                disagreement,
            )
    return found


def _red_flags(reader: Reader, node: yaml.Node, state: _Folder) -> dict[str, RedFlag]:
    found: dict[str, RedFlag] = {}
    for item in _top_list(reader, node, "red_flags"):
        keys = reader.mapping(
            item,
            "red flag",
            ("id", "condition", "urgency", "message", "signs", "rule", "questions", "sources"),
            ("threshold", "zones", "disagreement"),
        )
        if keys is None:
            continue
        ident = reader.text(keys.get("id"), "red flag id")
        condition = reader.text(keys.get("condition"), "condition")
        urgency = reader.choice(keys.get("urgency"), "urgency", URGENCIES)
        message = reader.text(keys.get("message"), "message")
        signs = reader.texts(keys.get("signs"), "signs")
        rule = reader.choice(keys.get("rule"), "rule", RULES)
        threshold = reader.integer(keys.get("threshold"), "threshold", 1, 100)
        if rule == Rule.POINTS.value and threshold is None and "threshold" not in keys:
            reader.problem(item, "red flag: rule 'points' needs a threshold")
        if rule == Rule.ANY.value and "threshold" in keys:
            reader.problem(keys["threshold"], "red flag: a threshold only goes with rule 'points'")
        zones = state.refer_all(reader, keys.get("zones"), "zone")
        sources = state.refer_all(reader, keys.get("sources"), "source")
        disagreement = reader.text(keys.get("disagreement"), "disagreement")
        questions: list[ScreeningQuestion] = []
        for q_node in reader.sequence(keys.get("questions"), "questions"):
            q_keys = reader.mapping(q_node, "question", ("id", "text"), ("points",))
            if q_keys is None:
                continue
            q_id = reader.text(q_keys.get("id"), "question id")
            q_text = reader.text(q_keys.get("text"), "question text")
            points = (
                reader.integer(q_keys.get("points"), "points", -10, 10) if "points" in q_keys else 1
            )
            if (
                q_id
                and state.define(reader, q_keys["id"], "question", q_id)
                and q_text
                and points is not None
            ):
                questions.append(ScreeningQuestion(q_id, ident or "", q_text, points))
        if not (ident and state.define(reader, keys["id"], "red flag", ident)):
            continue
        if condition and urgency and message and signs and rule and questions and sources:
            found[ident] = RedFlag(
                id=ident,
                condition=condition,
                urgency=Urgency(urgency),
                message=message,
                signs=signs,
                rule=Rule(rule),
                threshold=threshold or 1,
                zones=frozenset(zones),
                questions=tuple(questions),
                sources=sources,
                disagreement=disagreement,
            )
    return found


def _texts(reader: Reader, node: yaml.Node, state: _Folder) -> Texts | None:
    keys = reader.mapping(node, "texts", ("disclaimer", "evidence", "doctor_intro", "sources"))
    if keys is None:
        return None
    disclaimer = reader.text(keys.get("disclaimer"), "disclaimer")
    evidence = reader.text(keys.get("evidence"), "evidence")
    doctor_intro = reader.text(keys.get("doctor_intro"), "doctor_intro")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    if disclaimer and evidence and doctor_intro and sources:
        return Texts(disclaimer, evidence, doctor_intro, sources)
    return None


def _sourced(reader: Reader, node: yaml.Node | None, state: _Folder, what: str) -> Sourced | None:
    if node is None:
        return None
    keys = reader.mapping(node, what, ("items", "sources"), ("disagreement",))
    if keys is None:
        return None
    items = reader.texts(keys.get("items"), f"{what} items")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    disagreement = reader.text(keys.get("disagreement"), "disagreement")
    if items and sources:
        return Sourced(items, sources, disagreement)
    return None


def _muscle(reader: Reader, node: yaml.Node, state: _Folder, file_id: str) -> Muscle | None:
    keys = reader.mapping(
        node,
        "muscle",
        (
            "id",
            "name",
            "aliases",
            "group",
            "depth",
            "views",
            "action",
            "sources",
            "trigger_points",
            "treatment",
        ),
    )
    if keys is None:
        return None
    ident = reader.text(keys.get("id"), "muscle id")
    if ident and ident != file_id:
        reader.problem(
            keys["id"], f"muscle id '{ident}' does not match the file name '{file_id}.yaml'"
        )
    name = reader.text(keys.get("name"), "muscle name")
    aliases: list[str] = []
    for alias_node in reader.sequence(keys.get("aliases"), "aliases", allow_empty=True):
        alias = reader.text(alias_node, "alias")
        if alias and state.define(reader, alias_node, "muscle alias", alias.lower()):
            aliases.append(alias)
    group = reader.choice(keys.get("group"), "group", GROUPS)
    depth = reader.choice(keys.get("depth"), "depth", DEPTHS)
    views = reader.choices(keys.get("views"), "views", VIEWS)
    action = reader.text(keys.get("action"), "action")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    trigger_points = tuple(
        tp
        for tp_node in reader.sequence(keys.get("trigger_points"), "trigger_points")
        if (tp := _trigger_point(reader, tp_node, state, ident or file_id, views)) is not None
    )
    treatment = _treatment(reader, keys["treatment"], state) if "treatment" in keys else None
    if not (ident and state.define(reader, keys["id"], "muscle", ident)):
        return None
    if not (
        name and group and depth and views and action and sources and trigger_points and treatment
    ):
        return None
    return Muscle(
        id=ident,
        name=name,
        aliases=tuple(aliases),
        group=MuscleGroup(group),
        depth=Depth(depth),
        views=tuple(View(v) for v in views),
        action=action,
        sources=sources,
        trigger_points=trigger_points,
        treatment=treatment,
    )


def _trigger_point(
    reader: Reader, node: yaml.Node, state: _Folder, muscle_id: str, muscle_views: tuple[str, ...]
) -> TriggerPoint | None:
    keys = reader.mapping(
        node,
        "trigger point",
        ("id", "label", "prevalence", "views", "location", "referral", "sources"),
        ("symptoms", "disagreement", "self_pressure"),
    )
    if keys is None:
        return None
    ident = reader.text(keys.get("id"), "trigger point id")
    if ident and not ident.startswith(f"{muscle_id}-"):
        reader.problem(keys["id"], f"trigger point id '{ident}' must start with '{muscle_id}-'")
    label = reader.text(keys.get("label"), "label")
    prevalence = reader.choice(keys.get("prevalence"), "prevalence", PREVALENCES)
    views = reader.choices(keys.get("views"), "views", VIEWS)
    for view in views:
        if muscle_views and view not in muscle_views:
            reader.problem(keys["views"], f"view '{view}' is not one of the muscle's views")
    location: Location | None = None
    if "location" in keys:
        loc = reader.mapping(keys["location"], "location", ("landmark", "anatomical"))
        if loc is not None:
            landmark = reader.text(loc.get("landmark"), "landmark")
            anatomical = reader.text(loc.get("anatomical"), "anatomical")
            if landmark and anatomical:
                location = Location(landmark, anatomical)
    referral: ReferralPattern | None = None
    if "referral" in keys:
        ref = reader.mapping(keys["referral"], "referral", ("essential", "spillover"))
        if ref is not None:
            essential = state.refer_all(reader, ref.get("essential"), "zone")
            spillover = state.refer_all(reader, ref.get("spillover"), "zone", allow_empty=True)
            for zone in set(essential) & set(spillover):
                reader.problem(ref["spillover"], f"zone '{zone}' is both essential and spillover")
            if essential:
                referral = ReferralPattern(frozenset(essential), frozenset(spillover))
    symptoms = reader.texts(keys.get("symptoms"), "symptoms")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    disagreement = reader.text(keys.get("disagreement"), "disagreement")
    self_pressure = reader.boolean(keys.get("self_pressure"), "self_pressure")
    if not (ident and state.define(reader, keys["id"], "trigger point", ident)):
        return None
    if not (label and prevalence and views and location and referral and sources):
        return None
    return TriggerPoint(
        id=ident,
        muscle_id=muscle_id,
        label=label,
        prevalence=Prevalence(prevalence),
        views=tuple(View(v) for v in views),
        location=location,
        referral=referral,
        symptoms=symptoms,
        sources=sources,
        disagreement=disagreement,
        self_pressure=self_pressure is not False,
    )


def _treatment(reader: Reader, node: yaml.Node, state: _Folder) -> Treatment | None:
    keys = reader.mapping(
        node,
        "treatment",
        ("pressure", "stretch", "perpetuating_factors", "mistaken_for"),
        # No acupressure block: no point near the muscle is safe to press (the ones
        # behind the knee lie over its artery, vein and nerve).
        ("acupressure", "cautions"),
    )
    if keys is None:
        return None
    pressure = _pressure(reader, keys["pressure"], state) if "pressure" in keys else None
    stretch = _stretch(reader, keys["stretch"], state) if "stretch" in keys else None
    points: tuple[str, ...] = ()
    point_sources: tuple[str, ...] = ()
    if "acupressure" in keys:
        acu = reader.mapping(keys["acupressure"], "acupressure", ("points", "sources"))
        if acu is not None:
            points = state.refer_all(reader, acu.get("points"), "acupressure point")
            point_sources = state.refer_all(reader, acu.get("sources"), "source")
    factors = _sourced(reader, keys.get("perpetuating_factors"), state, "perpetuating_factors")
    mistaken = _sourced(reader, keys.get("mistaken_for"), state, "mistaken_for")
    cautions = _sourced(reader, keys.get("cautions"), state, "cautions")
    points_ok = bool(point_sources) or "acupressure" not in keys
    if pressure and stretch and factors and mistaken and points_ok:
        return Treatment(pressure, stretch, points, point_sources, factors, mistaken, cautions)
    return None


def _pressure(reader: Reader, node: yaml.Node, state: _Folder) -> PressureTechnique | None:
    keys = reader.mapping(
        node,
        "pressure",
        (
            "self_treatment",
            "where",
            "tools",
            "position",
            "pressure",
            "hold_seconds",
            "repetitions",
            "frequency",
            "sources",
        ),
        ("disagreement",),
    )
    if keys is None:
        return None
    self_treatment = reader.boolean(keys.get("self_treatment"), "self_treatment")
    where = reader.text(keys.get("where"), "where")
    tools = reader.choices(keys.get("tools"), "tools", TOOLS)
    position = reader.text(keys.get("position"), "position")
    how_hard = reader.text(keys.get("pressure"), "pressure")
    hold = reader.seconds_range(keys.get("hold_seconds"), "hold_seconds")
    repetitions = reader.text(keys.get("repetitions"), "repetitions")
    frequency = reader.text(keys.get("frequency"), "frequency")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    disagreement = reader.text(keys.get("disagreement"), "disagreement")
    if (
        self_treatment is not None
        and where
        and tools
        and position
        and how_hard
        and hold
        and repetitions
        and frequency
        and sources
    ):
        return PressureTechnique(
            self_treatment,
            where,
            tools,
            position,
            how_hard,
            hold,
            repetitions,
            frequency,
            sources,
            disagreement,
        )
    return None


def _stretch(reader: Reader, node: yaml.Node, state: _Folder) -> Stretch | None:
    keys = reader.mapping(
        node,
        "stretch",
        ("name", "steps", "hold_seconds", "repetitions", "frequency", "sources"),
        ("disagreement",),
    )
    if keys is None:
        return None
    name = reader.text(keys.get("name"), "stretch name")
    steps = reader.texts(keys.get("steps"), "steps")
    hold = reader.seconds_range(keys.get("hold_seconds"), "hold_seconds")
    repetitions = reader.text(keys.get("repetitions"), "repetitions")
    frequency = reader.text(keys.get("frequency"), "frequency")
    sources = state.refer_all(reader, keys.get("sources"), "source")
    disagreement = reader.text(keys.get("disagreement"), "disagreement")
    if name and steps and hold and repetitions and frequency and sources:
        return Stretch(name, steps, hold, repetitions, frequency, sources, disagreement)
    return None
