"""Session files: round trip, refusal with reasons, and safe saving."""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
from pathlib import Path

import pytest

from calfchart.domain.catalog import Catalog
from calfchart.domain.session import PROBLEMS_LISTED, Session, SessionError, parse_session
from calfchart.domain.zones import Side
from calfchart.files import read_small_text, safe_stem, write_text_atomically


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
        (
            "calfchart: session\nversion: 1\nside: right\npain: {achilles: 0x7}\n",
            "must be a whole number written in digits",
        ),
        (
            "calfchart: session\nversion: 1\nside: right\npain: {achilles: 1:30}\n",
            "must be a whole number written in digits",
        ),
        (
            "calfchart: session\nversion: 1\nside: right\npain: {}\n"
            "answers: {dvt-cancer: !!bool maybe}\n",
            "must be true or false",
        ),
    ],
)
def test_broken_or_foreign_files_are_refused_with_the_reason(
    catalog: Catalog, text: str, reason: str
) -> None:
    with pytest.raises(SessionError) as caught:
        parse_session(text, catalog, file="s.yaml")
    assert reason in str(caught.value)
    assert str(caught.value).startswith("s.yaml")


def test_a_file_from_a_newer_calfchart_gives_that_reason_alone(catalog: Catalog) -> None:
    """A newer format may rename things: "missing key 'side'" listed before the version
    once hid the real reason."""
    text = "calfchart: session\nversion: 2\nleg: right\nzones: {achilles: 4}\n"
    with pytest.raises(SessionError) as caught:
        parse_session(text, catalog, file="s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml:2: written by a newer calfchart (format 2; this one reads 1)"
    ]


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


def test_a_file_with_thousands_of_problems_lists_the_first(catalog: Catalog) -> None:
    zones = ", ".join(f"nowhere_{n}: 3" for n in range(500))
    text = f"calfchart: session\nversion: 1\nside: right\npain: {{{zones}}}\n"
    with pytest.raises(SessionError) as caught:
        parse_session(text, catalog, file="s.yaml")
    assert len(caught.value.problems) == 500
    lines = caught.value.listing().splitlines()
    assert len(lines) == PROBLEMS_LISTED + 1
    assert lines[0].startswith("s.yaml:4: unknown zone 'nowhere_0'")
    assert lines[-1] == f"... and {500 - PROBLEMS_LISTED} more problems"


def test_only_a_small_plain_file_is_read(tmp_path: Path) -> None:
    """A folder, a pipe or a huge file is refused before it is read: a pipe once hung
    the program, /dev/zero filled its memory."""
    good = tmp_path / "s.yaml"
    good.write_text("calfchart: session\n", encoding="utf-8")
    assert read_small_text(good, 100) == "calfchart: session\n"
    with pytest.raises(IsADirectoryError, match="a folder, not a file"):
        read_small_text(tmp_path, 100)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2049)
    with pytest.raises(OSError, match=r"too large \(over 2 KB\)"):
        read_small_text(big, 2048)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)  # nothing ever writes to it: reading would wait for ever
        with pytest.raises(OSError, match="not a file"):
            read_small_text(pipe, 100)
    with pytest.raises(FileNotFoundError):
        read_small_text(tmp_path / "missing.yaml", 100)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(UnicodeDecodeError):
        read_small_text(latin, 100)


def test_a_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.yaml"
    target.write_text("old", encoding="utf-8")
    # The check itself, not the permission bits: root may write any file.
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != target)
    with pytest.raises(PermissionError, match="read-only"):
        write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


def test_saving_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_text_atomically(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.pdf", "real.pdf"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    # `sheet -o /dev/stdout` and the like: renaming over a device swapped it for a file.
    pipe = tmp_path / "out.pdf"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_text_atomically(pipe, "new")
    reader.join(timeout=10)
    assert received == [b"new"]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_file_with_the_longest_name_allowed_can_be_saved(tmp_path: Path) -> None:
    longest = os.pathconf(tmp_path, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    target = tmp_path / ("a" * (longest - len(".pdf")) + ".pdf")
    write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_a_folder_is_not_saved_over(tmp_path: Path) -> None:
    (tmp_path / "sheet.pdf").mkdir()
    with pytest.raises(IsADirectoryError, match="a folder"):
        write_text_atomically(tmp_path / "sheet.pdf", "new")
    assert (tmp_path / "sheet.pdf").is_dir()


def test_a_control_character_is_named_with_its_line(catalog: Catalog) -> None:
    text = "calfchart: session\nversion: 1\nside: right\nname: Sam\x00\npain: {}\n"
    with pytest.raises(SessionError) as caught:
        parse_session(text, catalog, file="s.yaml")
    assert str(caught.value) == (
        "s.yaml:4: not valid YAML: the control character U+0000 is not allowed"
    )
