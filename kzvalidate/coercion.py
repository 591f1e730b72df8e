"""Command-line values coerced as typer coerces them, without pydantic, for the types we use.

typer 0.29 coerces the value of every parameter that takes one through a pydantic
``TypeAdapter`` it builds when the value is processed, even for a parameter left at its default:
importing pydantic and building the adapters costs about as much as the rest of a one-file lint
(issue 12). :func:`install` gives each parameter of a command whose type is one of ``str``,
``int``, ``float``, ``bool``, a ``Path``, an ``Enum``, one read by a ``parser=`` function, or a
list of one of those, a :class:`PlainValue` instead. It decides the plain values itself, the way
typer's adapter does (a string, a decimal number, a choice, a path that passes typer's own
checks), and hands every other value (``1_000``, ``' 1 '``, an unknown choice, a missing file) to
typer's own coercion, which then says whatever typer says about it. Another typer version, and
any other type, keep typer's coercion throughout. ``tests/test_coercion.py`` runs both on the
same values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import typer
from typer import _param_types
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.core import _TyperParameter
from typer.models import ParameterInfo

CHECKED_TYPER = ("0", "29")
"""The typer release whose coercion :class:`PlainValue` was compared with (major, minor)."""

Leaf = Callable[[Any, _TyperParameter, Context], Any]
"""Coerces one value of a parameter; raises :class:`NotPlainError`, or the ``ValueError`` or
``AssertionError`` that pydantic would make a message of, for a value typer should take."""

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"0", "false", "f", "no", "n", "off"})
"""The words typer's adapter reads as a boolean, in any case (an environment variable's value)."""


class NotPlainError(Exception):
    """The value is not one this module decides: typer's own coercion takes it."""


def checked_typer(version: str = typer.__version__) -> bool:
    """Whether ``version`` is the typer release this module's coercion was compared with."""
    return tuple(version.split(".")[:2]) == CHECKED_TYPER


PLAIN = checked_typer()
"""Whether :func:`install` gives parameters a :class:`PlainValue` (only on the checked typer)."""


class PlainValue(RuntimeParam):
    """typer's coercion of one parameter, with the plain values decided without pydantic. It
    keeps only typer's fields (the annotation, the parameter's settings), so it needs no
    dataclass of its own, which would cost more at start-up than the rest of this module."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        is_list = param.type_descriptor.is_list
        leaf = leaf_for(element_type(self.annotation, is_list), self.parameter_info)
        try:
            if leaf is None:
                raise NotPlainError
            if not is_list:
                return leaf(value, param, ctx)
            items = value if isinstance(value, list | tuple) else [value]
            return [leaf(item, param, ctx) for item in items]
        # pydantic makes a message of a ValueError or AssertionError: typer's coercion says it
        except (NotPlainError, ValueError, AssertionError):
            typer_own = build_runtime_param(param.type_descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def install(params: Iterable[object]) -> None:
    """Give each typer parameter among ``params`` whose type this module knows a
    :class:`PlainValue`, unless typer is not the checked release or the parameter has its own."""
    if not PLAIN:
        return
    for param in params:
        if isinstance(param, _TyperParameter) and param._runtime_param is None:
            param._runtime_param = plain_value(param.type_descriptor)


def plain_value(descriptor: TypeDescriptor) -> PlainValue | None:
    """The plain coercion of a parameter's type, or None for a type left to typer."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is not None:
        return None
    if leaf_for(element_type(annotation, descriptor.is_list), info) is None:
        return None
    return PlainValue(parameter_info=info, annotation=annotation)


def element_type(annotation: Any, is_list: bool) -> Any:
    """The type of one value: the annotation's, or its items' for a list."""
    return get_args(annotation)[0] if is_list else annotation


def leaf_for(annotation: Any, info: ParameterInfo) -> Leaf | None:
    """The coercion of one value of ``annotation``, in the order typer's adapter tries them."""
    if info.parser is not None:
        return parsed_by(info.parser)
    if not isinstance(annotation, type):
        return None
    if issubclass(annotation, Enum):
        return choice_of(tuple(annotation), info.case_sensitive)
    if annotation in (int, float):
        return number(annotation) if info.min is None and info.max is None else None
    if annotation is bool:
        return flag
    if annotation is str:
        return text
    if issubclass(annotation, Path) and info.path_type is None:
        return path_of(annotation, info)
    return None


def parsed_by(parser: Callable[[str], Any]) -> Leaf:
    """A value read by the parameter's ``parser=`` function."""

    def parse(value: Any, param: _TyperParameter, ctx: Context) -> Any:
        return parser(value)

    return parse


def choice_of(choices: tuple[Enum, ...], case_sensitive: bool) -> Leaf:
    """One of an Enum's members, matched as typer matches it."""

    def choose(value: Any, param: _TyperParameter, ctx: Context) -> Any:
        return _param_types.coerce_cli_choice(
            value, choices=choices, case_sensitive=case_sensitive, ctx=ctx
        )

    return choose


def number(kind: type[int] | type[float]) -> Leaf:
    """An ``int`` or ``float`` written in plain decimals (``-12``, ``0.5``), or given as one."""

    def read(value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if type(value) is kind:
            return value
        if isinstance(value, str) and is_decimal(value, point=kind is float):
            return kind(value)
        raise NotPlainError

    return read


def is_decimal(value: str, *, point: bool) -> bool:
    """``value`` is ASCII digits with an optional leading minus and, if ``point``, one point
    between digits."""
    whole, dot, fraction = value.removeprefix("-").partition(".")
    digits = whole + fraction
    if dot and not (point and whole and fraction):
        return False
    return digits.isascii() and digits.isdigit()


def flag(value: Any, param: _TyperParameter, ctx: Context) -> bool:
    """A boolean, or a word for one (from an environment variable)."""
    if isinstance(value, bool):
        return value
    word = value.lower() if isinstance(value, str) else None
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise NotPlainError


def text(value: Any, param: _TyperParameter, ctx: Context) -> str:
    if type(value) is str:
        return value
    raise NotPlainError


def path_of(path_type: type[Path], info: ParameterInfo) -> Leaf:
    """A path that passes typer's own checks (exists, file or folder, readable, ...). A path that
    fails them goes to typer for the message, which names it as it was written."""

    def read(value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if type(value) is str:
            value = path_type(value)
        elif not isinstance(value, path_type):
            raise NotPlainError
        try:
            return _param_types.coerce_cli_path(
                value, info, path_type=path_type, param=param, ctx=ctx
            )
        except BadParameter:
            raise NotPlainError from None

    return read
