"""Frozen value classes for the core, without the start-up cost of `dataclasses`.

Every command loads the core's types before it can do anything, and `calfchart
suggest` has about 40 ms in all (issue 2). `dataclasses` spends a quarter of that:
importing it pulls in `inspect` (5 ms), and it writes each class's methods as source
text and compiles them (0.4 ms a class, twenty classes). `record` gives the same
frozen value semantics with methods shared by every class, so defining a class costs
next to nothing.

    @record
    class Zone:
        id: str
        name: str
        views: frozenset[View] = frozenset()

Fields are the class's annotations in order, after those of a record base class.
`replace(record, name=value)` makes a changed copy.
`field(default_factory=...)` gives each instance a fresh default, `field(init=False)`
a value that `__post_init__` sets (with object.__setattr__), `repr=False` keeps a field
out of the repr. Instances compare equal and hash alike when their classes and field
values are the same; assigning to a field raises FrozenInstanceError.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """An attempt to change a record after it was made."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    __slots__ = ("default", "default_factory", "init", "name", "repr")

    def __init__(
        self, default: Any, default_factory: Callable[[], Any] | Any, init: bool, repr: bool
    ) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    init: bool = True,
    repr: bool = True,
) -> Any:
    """A field with a per-instance default, or set by __post_init__ (init=False)."""
    return Field(default, default_factory, init, repr)


def _is_class_var(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return str(text).startswith(("ClassVar", "typing.ClassVar"))


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    fields: tuple[Field, ...] = self.__record_init_fields__
    if len(args) > len(fields):
        raise TypeError(
            f"{type(self).__name__}() takes {len(fields)} arguments but {len(args)} were given"
        )
    set_attribute = object.__setattr__
    for spec, value in zip(fields, args, strict=False):
        if spec.name in kwargs:
            raise TypeError(f"{type(self).__name__}() got two values for '{spec.name}'")
        set_attribute(self, spec.name, value)
    for spec in fields[len(args) :]:
        if spec.name in kwargs:
            value = kwargs.pop(spec.name)
        elif spec.default is not MISSING:
            value = spec.default
        elif spec.default_factory is not MISSING:
            value = spec.default_factory()
        else:
            raise TypeError(f"{type(self).__name__}() is missing '{spec.name}'")
        set_attribute(self, spec.name, value)
    if kwargs:
        unexpected = next(iter(kwargs))
        raise TypeError(f"{type(self).__name__}() got an unexpected argument '{unexpected}'")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self.__record_names__)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash((self.__class__.__qualname__, *_values(self)))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field '{name}'")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field '{name}'")


def replace(obj: T, **changes: Any) -> T:
    """A copy of a record with some of its fields changed, as dataclasses.replace."""
    fields: tuple[Field, ...] = getattr(obj, "__record_init_fields__")  # noqa: B009
    values = {spec.name: getattr(obj, spec.name) for spec in fields}
    unknown = sorted(changes.keys() - values.keys())
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field '{unknown[0]}' to replace")
    values.update(changes)
    return type(obj)(**values)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen value class of its annotated fields (see the module's text)."""
    inherited: tuple[Field, ...] = getattr(cls, "__record_fields__", ())
    own: list[Field] = []
    # The class's own annotations; inspect.get_annotations would import inspect.
    own_annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    for name, annotation in own_annotations.items():
        if _is_class_var(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(value, MISSING, True, True)
        spec.name = name
        if isinstance(value, Field):
            # Like dataclasses: a plain default stays a class attribute, a spec does not.
            if spec.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        own.append(spec)
    names = {spec.name for spec in own}
    fields = tuple(spec for spec in inherited if spec.name not in names) + tuple(own)
    init_fields = tuple(spec for spec in fields if spec.init)
    required_after_default = [
        spec.name
        for before, spec in pairwise(init_fields)
        if (before.default is not MISSING or before.default_factory is not MISSING)
        and spec.default is MISSING
        and spec.default_factory is MISSING
    ]
    if required_after_default:
        raise TypeError(f"{cls.__name__}: field '{required_after_default[0]}' needs a default")
    attributes: dict[str, Any] = {
        "__record_fields__": fields,
        "__record_init_fields__": init_fields,
        "__record_names__": tuple(spec.name for spec in fields),
        "__record_repr__": tuple(spec.name for spec in fields if spec.repr),
        "__init__": _init,
        "__eq__": _eq,
        "__hash__": _hash,
        "__setattr__": _setattr,
        "__delattr__": _delattr,
    }
    if "__repr__" not in cls.__dict__:
        attributes["__repr__"] = _repr
    for name, value in attributes.items():
        setattr(cls, name, value)
    return cls
