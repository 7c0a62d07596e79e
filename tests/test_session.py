"""Session files: round trip, refusal with reasons, and safe saving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calfchart.domain.catalog import Catalog
from calfchart.domain.session import Session, SessionError, parse_session
from calfchart.domain.zones import Side
from calfchart.files import safe_stem, write_text_atomically


def test_round_trip(catalog: Catalog) -> None:
    question = next(iter(catalog.questions))
    session = Session(
        side=Side.LEFT,
        pain={"heel_plantar": 7, "achilles": 0},
        answers={question: True},
        name="Sam Runner",
        notes="Worse after long runs.\nBetter with heat.",
        sheet_trigger_points=("soleus-1",),
        date=dt.date(2026, 11, 25),
    )
    assert parse_session(session.to_yaml(), catalog) == session


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("pain: [", "not valid YAML"),
        ("- a shopping list\n- eggs\n", "not a calfchart session file"),
        ("calfchart: session\nversion: 1\nside: right\npain: {heel: 3}\n", "unknown zone 'heel'"),
        ("calfchart: session\nversion: 1\nside: up\npain: {}\n", "side must be one of left, right"),
        ("calfchart: session\nversion: 1\nside: right\npain: {achilles: 11}\n", "between 0 and 10"),
        ("calfchart: session\nversion: 9\nside: right\npain: {}\n", "written by a newer calfchart"),
        (
            "calfchart: session\nversion: 1\nside: right\npain: {}\nanswers: {nope: true}\n",
            "unknown screening question",
        ),
        (
            "calfchart: session\nversion: 1\nside: right\npain: {}\ncolour: red\n",
            "unknown key 'colour'",
        ),
        ("", "the file is empty"),
    ],
)
def test_broken_or_foreign_files_are_refused_with_the_reason(
    catalog: Catalog, text: str, reason: str
) -> None:
    with pytest.raises(SessionError) as caught:
        parse_session(text, catalog, file="s.yaml")
    assert reason in str(caught.value)
    assert str(caught.value).startswith("s.yaml")


def test_saving_replaces_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"
    target.write_text("old", encoding="utf-8")
    write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


def test_a_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.yaml"
    target.write_text("old", encoding="utf-8")

    def fail(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", fail)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomically(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Zoë O'Brien: no", "zoë-o-brien-no"),
        ("a/b\\c", "a-b-c"),
        ("  ", ""),
        ("Sam_Runner", "sam-runner"),
    ],
)
def test_file_names_from_a_person_s_name_are_safe(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


LAUGHS = "\n".join(
    ["calfchart: session", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
)


@pytest.mark.parametrize("text", ["calfchart: session\nnotes: &n [*n]\n", LAUGHS])
def test_a_session_with_aliases_is_refused_at_once(catalog: Catalog, text: str) -> None:
    with pytest.raises(SessionError, match="aliases are not allowed"):
        parse_session(text, catalog, file="odd.yaml")
