"""The core's frozen value classes (domain/record.py) behave as frozen dataclasses do."""

from __future__ import annotations

import pickle

import pytest

from calfchart.domain.record import FrozenInstanceError, field, record, replace


@record
class Point:
    name: str
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    secret: str = field(default="", repr=False)


@record
class Totalled:
    values: tuple[int, ...]
    total: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.values))


@record
class Labelled(Point):
    label: str = "x"


def test_fields_take_positional_keyword_and_default_values() -> None:
    point = Point("heel", tags=("a",))
    assert (point.name, point.tags, point.notes, point.secret) == ("heel", ("a",), [], "")


def test_a_default_factory_gives_each_instance_its_own_value() -> None:
    first, second = Point("a"), Point("b")
    first.notes.append("x")
    assert second.notes == []


def test_post_init_fills_a_field_that_is_not_an_argument() -> None:
    assert Totalled((1, 2, 3)).total == 6
    with pytest.raises(TypeError, match="unexpected argument 'total'"):
        Totalled((1,), total=5)  # type: ignore[call-arg]


def test_records_are_frozen() -> None:
    point = Point("heel")
    with pytest.raises(FrozenInstanceError):
        point.name = "toe"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.name


def test_equal_values_are_equal_and_hash_alike_but_only_within_a_class() -> None:
    assert Point("heel", ("a",)) == Point("heel", ("a",))
    assert Point("heel") != Point("toe")
    assert Labelled("heel") != Point("heel")
    assert hash(Totalled((1, 2))) == hash(Totalled((1, 2)))
    assert len({Totalled((1, 2)), Totalled((1, 2)), Totalled((3,))}) == 2
    with pytest.raises(TypeError, match="unhashable"):
        hash(Point("heel"))  # a list field, as with a frozen dataclass


def test_repr_names_the_fields_except_hidden_ones() -> None:
    assert repr(Point("heel", secret="s")) == "Point(name='heel', tags=(), notes=[])"


def test_bad_arguments_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match="missing 'name'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="two values for 'name'"):
        Point("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 4 arguments"):
        Point("a", (), [], "", "extra")  # type: ignore[call-arg]


def test_a_subclass_adds_its_fields_after_the_base_ones() -> None:
    labelled = Labelled("heel", label="L")
    assert (labelled.name, labelled.label) == ("heel", "L")
    assert repr(labelled) == "Labelled(name='heel', tags=(), notes=[], label='L')"


def test_a_required_field_after_a_defaulted_one_is_a_mistake() -> None:
    with pytest.raises(TypeError, match="'second' needs a default"):

        @record
        class Wrong:
            first: int = 0
            second: int  # type: ignore[misc]


def test_records_survive_pickling_as_the_catalog_cache_does() -> None:
    point = Totalled((4, 5))
    again = pickle.loads(pickle.dumps(point, protocol=5))
    assert again == point and again.total == 9


def test_replace_makes_a_changed_copy_and_runs_post_init_again() -> None:
    original = Totalled((1, 2))
    changed = replace(original, values=(5, 5))
    assert changed.total == 10 and original.total == 3
    assert replace(Point("heel", ("a",)), name="toe") == Point("toe", ("a",))
    with pytest.raises(TypeError, match="no field 'colour'"):
        replace(original, colour="red")
