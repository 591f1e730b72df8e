"""The ``__init__`` that sets fields through their slots builds what the dataclass one builds.

Each class the parser and the figure reader build by the thousand (:class:`Line`, :class:`Span`,
:class:`Field`, :class:`Header`, :class:`Article`, :class:`Figure`, and the
:class:`Excerpt` and :class:`Entry` of every article's collection entry) is compared
with the same dataclass made the long way, without :func:`kzvalidate.model.set_through_slots`:
same signature, same field values for the same arguments, given by position or by name, and the
object stays frozen.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.contract.collection import Entry
from kzvalidate.dump.blocks import Article, Header
from kzvalidate.model import Excerpt, Field, Line, Span, set_through_slots
from kzvalidate.quantities.figures import Figure

BUILT_THROUGH_SLOTS: tuple[type, ...] = (Line, Span, Field, Header, Article, Figure, Excerpt, Entry)


def built_the_long_way(cls: type) -> type:
    """``cls`` as the dataclass decorator alone makes it."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(field.name, field.type, field) for field in dataclasses.fields(cls)],
        frozen=True,
        slots=True,
    )


def arguments(cls: type) -> st.SearchStrategy[list[Any]]:
    values = st.one_of(st.integers(), st.text(max_size=5), st.builds(Span, *[st.integers()] * 4))
    return st.lists(
        values, min_size=len(dataclasses.fields(cls)), max_size=len(dataclasses.fields(cls))
    )


def parameters(cls: type) -> list[tuple[str, Any, Any]]:
    """Each parameter of ``cls``'s ``__init__``: its name, kind and default (not its annotation)."""
    return [
        (parameter.name, parameter.kind, parameter.default)
        for parameter in inspect.signature(cls).parameters.values()
    ]


def values_of(instance: object) -> tuple[Any, ...]:
    return tuple(getattr(instance, field.name) for field in dataclasses.fields(instance))  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", BUILT_THROUGH_SLOTS, ids=lambda cls: cls.__name__)
def test_the_signature_is_the_generated_one(cls: type) -> None:
    assert parameters(cls) == parameters(built_the_long_way(cls))


@pytest.mark.parametrize("cls", BUILT_THROUGH_SLOTS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_the_fields_hold_what_the_generated_init_sets(cls: type, data: st.DataObject) -> None:
    given_values = data.draw(arguments(cls))
    long_way = built_the_long_way(cls)(*given_values)
    by_name = {
        field.name: value
        for field, value in zip(dataclasses.fields(cls), given_values, strict=True)
    }
    assert values_of(cls(*given_values)) == values_of(long_way)
    assert values_of(cls(**by_name)) == values_of(long_way)


@pytest.mark.parametrize("cls", BUILT_THROUGH_SLOTS, ids=lambda cls: cls.__name__)
def test_the_defaults_are_the_generated_ones(cls: type) -> None:
    required = [field for field in dataclasses.fields(cls) if field.default is dataclasses.MISSING]
    given_values = list(range(len(required)))
    assert values_of(cls(*given_values)) == values_of(built_the_long_way(cls)(*given_values))


@pytest.mark.parametrize("cls", BUILT_THROUGH_SLOTS, ids=lambda cls: cls.__name__)
def test_a_missing_or_extra_argument_is_refused_as_before(cls: type) -> None:
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*range(len(dataclasses.fields(cls)) + 1))


def test_the_objects_stay_frozen_and_hashable() -> None:
    span = Span(1, 2, 1, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.line = 3  # type: ignore[misc]
    assert hash(span) == hash(Span(1, 2, 1, 5))
    assert dataclasses.replace(span, line=4) == Span(4, 2, 1, 5)


def test_a_class_it_cannot_build_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Counted:
        names: list[str] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="default factory"):
        set_through_slots(Counted)
