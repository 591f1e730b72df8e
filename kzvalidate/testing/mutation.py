"""The mutation engine: valid dumps with known defects injected by the operators of
:mod:`kzvalidate.testing.operators`, each defect a :class:`Mutation` that says which rule must
report it and at exactly which span."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hypothesis import strategies as st

from kzvalidate.model import Span
from kzvalidate.testing.draft import Draft, Operator
from kzvalidate.testing.dump import dumps
from kzvalidate.testing.operators import (
    collection,
    contract,
    encoding,
    figures,
    fixes,
    structure,
    text,
)


@dataclass(frozen=True, slots=True)
class Mutation:
    """A valid dump with one defect injected, and exactly where its rule must report it.

    ``data`` is the whole mutated dump (it may hold other mutations too, see
    :func:`mutated_dumps`). The span is 1-based like a finding's: columns count characters of the
    decoded line (an undecodable byte counts as one), and ``end_column`` is exclusive.
    """

    data: bytes
    code: str
    line: int
    column: int
    end_line: int
    end_column: int
    description: str

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)


_OPERATOR_TABLE = (
    *encoding.OPERATORS,
    *structure.OPERATORS,
    *contract.OPERATORS,
    *text.OPERATORS,
    *figures.OPERATORS,
    *collection.OPERATORS,
    *fixes.OPERATORS,
)
"""Every operator: the families of :mod:`kzvalidate.rules` in rule-code order, one after the
other, then the operators that stack defects to test the fixes."""

OPERATORS: Mapping[str, tuple[Operator, ...]] = {
    code: tuple(operator for operator in _OPERATOR_TABLE if operator.code == code)
    for code in dict.fromkeys(operator.code for operator in _OPERATOR_TABLE)
}
"""Every mutation operator, by the code of the rule that must report its defect."""


def _mutations_of(draft: Draft) -> tuple[Mutation, ...]:
    data = draft.data()
    return tuple(
        Mutation(
            data,
            spot.code,
            spot.line + 1,
            spot.start + 1,
            spot.line + 1,
            spot.end + 1,
            spot.description,
        )
        for spot in sorted(draft.spots, key=lambda spot: (spot.line, spot.start, spot.code))
    )


def _apply(draw: st.DrawFn, chosen: list[Operator], max_articles: int) -> tuple[Mutation, ...]:
    """Draw a valid dump with enough articles and apply each operator: per-article ones to
    different articles, then whole-file ones (at most one of each) in stage order."""
    per_article = [operator for operator in chosen if not operator.whole_file]
    whole_file = sorted(
        {operator for operator in chosen if operator.whole_file}, key=lambda op: op.stage
    )
    least = max(1, len(per_article))
    generated, _ = draw(dumps(max(least, max_articles), min_articles=least))
    draft = Draft.of(generated)
    targets = draw(st.permutations(draft.articles))
    for operator, roles in zip(per_article, targets, strict=False):
        operator.inject(draw, draft, roles)
    for operator in whole_file:
        operator.inject(draw, draft, draft.articles[0])
    return _mutations_of(draft)


@st.composite
def mutations(draw: st.DrawFn, max_articles: int = 5) -> Mutation:
    """A valid dump from :func:`dumps` with one defect of any kind injected at a drawn place (an
    operator that stacks defects injects several, each of another rule: one of them is drawn)."""
    operator = draw(st.sampled_from(_OPERATOR_TABLE))
    return draw(st.sampled_from(_apply(draw, [operator], max_articles)))


@st.composite
def mutations_for(draw: st.DrawFn, code: str, max_articles: int = 5) -> Mutation:
    """A valid dump with one defect that rule ``code`` must report (by any of its operators)."""
    if code not in OPERATORS:
        raise KeyError(f"no mutation operator for rule {code!r}")
    operator = draw(st.sampled_from(OPERATORS[code]))
    found = [
        mutation for mutation in _apply(draw, [operator], max_articles) if mutation.code == code
    ]
    return draw(st.sampled_from(found))


@st.composite
def mutations_by(draw: st.DrawFn, name: str, max_articles: int = 5) -> tuple[Mutation, ...]:
    """A valid dump with the defects one operator (by :attr:`Operator.name`) injects: one, or
    several on one line for an operator that stacks them."""
    (operator,) = (operator for operator in _OPERATOR_TABLE if operator.name == name)
    return _apply(draw, [operator], max_articles)


@st.composite
def mutated_dumps(
    draw: st.DrawFn, max_defects: int = 3, max_articles: int = 5
) -> tuple[Mutation, ...]:
    """A valid dump with one to ``max_defects`` defects that do not interfere: each in its own
    article, plus at most one stray line before the first header and one byte-order mark (never
    one of the operators that are ``alone``). Every returned mutation has the same ``data``, the
    dump with all of them."""
    combinable = [operator for operator in _OPERATOR_TABLE if not operator.alone]
    chosen = draw(st.lists(st.sampled_from(combinable), min_size=1, max_size=max_defects))
    return _apply(draw, chosen, max_articles)
