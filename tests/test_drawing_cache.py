"""The parsed drawings' cache gives back exactly what parsing gives."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from calfchart import resources
from calfchart.catalog.cache import cache_folder
from calfchart.qt.drawing import VIEWS, Drawing, parse_drawing
from calfchart.qt.drawing_cache import cached, decode, encode


@pytest.mark.parametrize("view", VIEWS)
def test_round_trip_is_exact(qtbot: QtBot, view: str) -> None:
    svg = resources.svg_bytes(view)
    parsed = parse_drawing(view, svg)
    assert decode(encode(parsed), svg) == parsed


def test_cached_parses_once_then_reads_the_cache(qtbot: QtBot) -> None:
    svg = resources.svg_bytes("plantar")
    calls: list[str] = []

    def parse(view: str, data: bytes) -> Drawing:
        calls.append(view)
        return parse_drawing(view, data)

    for stale in cache_folder().glob("drawing-plantar-*.qds"):
        stale.unlink()
    first = cached("plantar", svg, parse)
    second = cached("plantar", svg, parse)
    assert calls == ["plantar"] and second == first
    # Changed bytes are a new key: parsed again, and the stale entry goes.
    changed = svg.replace(b"</svg>", b"<!-- edited --></svg>")
    cached("plantar", changed, parse)
    assert calls == ["plantar", "plantar"]
    assert len(list(cache_folder().glob("drawing-plantar-*.qds"))) == 1


def test_a_damaged_cache_is_parsed_again(qtbot: QtBot) -> None:
    svg = resources.svg_bytes("medial")
    cached("medial", svg, parse_drawing)
    for entry in cache_folder().glob("drawing-medial-*.qds"):
        entry.write_bytes(entry.read_bytes()[:40])
    assert cached("medial", svg, parse_drawing) == parse_drawing("medial", svg)


@pytest.mark.parametrize("view", VIEWS)
def test_each_zone_keeps_a_label_point_inside_it(qtbot: QtBot, view: str) -> None:
    svg = resources.svg_bytes(view)
    drawing = decode(encode(parse_drawing(view, svg)), svg)
    assert drawing.zone_labels.keys() == drawing.zones.keys()
    for zone_id, point in drawing.zone_labels.items():
        assert drawing.zones[zone_id].contains(point), zone_id


def test_a_cache_made_from_other_bytes_is_not_used(qtbot: QtBot) -> None:
    svg = resources.svg_bytes("plantar")
    stored = encode(parse_drawing("plantar", svg))
    edited = svg.replace(b"</svg>", b"<!-- edited --></svg>")
    with pytest.raises(ValueError, match="another drawing"):
        decode(stored, edited)
    with pytest.raises(ValueError):
        decode(stored[:-7], svg)
