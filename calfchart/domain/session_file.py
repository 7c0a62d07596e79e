"""Reading a session file (calfchart.domain.session describes the format)."""

from __future__ import annotations

import datetime as dt

import yaml

from calfchart.catalog.errors import Problem
from calfchart.catalog.nodes import Reader
from calfchart.domain.catalog import Catalog
from calfchart.domain.ranking import MAX_INTENSITY
from calfchart.domain.session import FORMAT_MARK, FORMAT_VERSION, Session, SessionError
from calfchart.domain.zones import Side


def read_session(text: str, catalog: Catalog, file: str) -> Session:
    """Read a session file's text, checking every id against the catalog.

    Raises SessionError with every reason the file cannot be used.
    """
    reader = Reader(file)
    node = reader.compose(text)
    if node is not None:
        session = _session(reader, node, catalog)
        if session is not None and not reader.problems:
            return session
    raise SessionError(reader.problems or [Problem(file, 0, "not a calfchart session file")])


def _session(reader: Reader, node: yaml.Node, catalog: Catalog) -> Session | None:
    if not isinstance(node, yaml.MappingNode) or not any(
        isinstance(k, yaml.ScalarNode) and k.value == "calfchart" for k, _ in node.value
    ):
        reader.problem(node, "not a calfchart session file (no 'calfchart: session' line)")
        return None
    # A newer format may name and shape things otherwise: what this one would find wrong
    # in it ("missing key 'side'") would only hide the one reason that matters.
    written = next(
        (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "version"),
        None,
    )
    version = written.value if isinstance(written, yaml.ScalarNode) else ""
    if version.isdigit() and int(version) > FORMAT_VERSION:
        reader.problem(
            written,
            f"written by a newer calfchart (format {version}; this one reads {FORMAT_VERSION})",
        )
        return None
    keys = reader.mapping(
        node,
        "session",
        ("calfchart", "version", "side", "pain"),
        ("date", "name", "answers", "sheet_trigger_points", "notes"),
    )
    if keys is None:
        return None
    if reader.text(keys.get("calfchart"), "calfchart") != FORMAT_MARK:
        reader.problem(keys.get("calfchart"), "not a calfchart session file")
        return None
    reader.integer(keys.get("version"), "version", 1, FORMAT_VERSION)
    side = reader.choice(keys.get("side"), "side", tuple(s.value for s in Side))
    pain: dict[str, int] = {}
    for zone_node, value_node in _pairs(reader, keys.get("pain"), "pain"):
        zone = zone_node.value
        if zone not in catalog.zones:
            near = catalog.closest(zone, catalog.zones)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            reader.problem(zone_node, f"unknown zone '{zone}'{hint}")
            continue
        intensity = reader.integer(value_node, f"pain in {zone}", 0, MAX_INTENSITY)
        if intensity is not None:
            pain[zone] = intensity
    answers: dict[str, bool] = {}
    for q_node, value_node in _pairs(reader, keys.get("answers"), "answers"):
        if q_node.value not in catalog.questions:
            reader.problem(q_node, f"unknown screening question '{q_node.value}'")
            continue
        answer = reader.boolean(value_node, f"answer to {q_node.value}")
        if answer is not None:
            answers[q_node.value] = answer
    chosen = reader.texts(
        keys.get("sheet_trigger_points"), "sheet_trigger_points", allow_empty=True
    )
    for tp in chosen:
        if tp not in catalog.trigger_points:
            reader.problem(keys["sheet_trigger_points"], f"unknown trigger point '{tp}'")
    name = _optional_text(reader, keys.get("name"), "name")
    notes = _optional_text(reader, keys.get("notes"), "notes")
    date = _date(reader, keys.get("date"))
    if side is None or reader.problems:
        return None
    return Session(Side(side), pain, answers, name, notes, chosen, date)


def _pairs(
    reader: Reader, node: yaml.Node | None, what: str
) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return []
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, f"{what} must be a mapping")
        return []
    pairs: list[tuple[yaml.ScalarNode, yaml.Node]] = []
    seen: set[str] = set()
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            reader.problem(key, f"{what}: keys must be plain words")
        elif key.value in seen:
            reader.problem(key, f"{what}: '{key.value}' is given twice")
        else:
            seen.add(key.value)
            pairs.append((key, value))
    return pairs


def _optional_text(reader: Reader, node: yaml.Node | None, what: str) -> str:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == ""):
        return ""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return ""
    if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":str"):
        reader.problem(node, f"{what} must be text")
        return ""
    return str(node.value)


def _date(reader: Reader, node: yaml.Node | None) -> dt.date:
    if node is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(node.value))
    except ValueError:
        reader.problem(node, f"date must look like 2026-11-25, not '{node.value}'")
        return dt.date.today()
