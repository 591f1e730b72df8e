"""Hypothesis strategies for fuzzing pipelines that read kzvalidate dumps.

This package needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is a development
dependency of kzvalidate: install it with ``pip install kzvalidate[dev]`` (or
``pip install hypothesis``). The rest of kzvalidate never imports this package.

What it offers:

* :func:`records` — valid article records, as :func:`kzvalidate.contract.article_record` returns
  them, minus ``source`` and ``figures`` (derived from where the article stands in its file and
  from its text);
* :func:`render_record` and :func:`render_dump` — the raw dump text of records, the inverse of
  parsing (kzvalidate's one dump writer, :mod:`kzvalidate.dump.render`, re-exported);
* :func:`dumps` — a list of records together with its rendered text;
* :func:`mutations`, :func:`mutations_for` and :func:`mutated_dumps` — valid dumps with known
  defects injected, each a :class:`Mutation` that says which rule must report it and at exactly
  which span. :data:`OPERATORS` lists the operators that inject them, at least one per rule.

Everything is importable from ``kzvalidate.testing``; the modules of the package are
:mod:`~kzvalidate.testing.seeds` (vocabulary of real dumps), :mod:`~kzvalidate.testing.text`
(text strategies), :mod:`~kzvalidate.testing.record` (header values and records),
:mod:`~kzvalidate.testing.dump` (dumps), :mod:`~kzvalidate.testing.mutation` (the mutation engine),
:mod:`~kzvalidate.testing.draft` (the dump being mutated) and
:mod:`~kzvalidate.testing.operators` (the operators, one module per rule family).

Example::

    from hypothesis import given
    from kzvalidate.testing import dumps

    @given(dumps())
    def test_my_loader_reads_every_article(dump):
        records, text = dump
        assert my_loader(text) == records

Text fields are drawn from words and sentences of real dumps mixed with generated words: words of
letters of one script (short ASCII words, acronyms, accented Latin, Cyrillic, Greek, CJK),
numbers written the English way (``1,300``, ``881.5``, ``5-7%``), punctuation marks, and phrases
between a pair of quotation marks. They are restricted to printable characters (no tabs, control
characters or line breaks, single spaces only inside the text) and never look like a dump
structure themselves: no title, paragraph or image credit looks like an article header, the
copyright footer, or an ``Images | Source`` line. So a generated dump always parses back into
exactly the generated records, and it lints clean. That holds by construction, not by filtering
through the rules: no invisible characters or special spaces, no letter of another script inside
a word, nothing ftfy takes for mojibake, no unpaired quotation mark, no malformed number, no word
or name one letter from another, no rejected term (the comment above :func:`words` says how).

Mutation operators change a generated dump so that it holds exactly one defect of one kind, and
only in ways that keep the rest of the dump as it was read: a tab, an invisible character or a
special space goes in place of a space or next to one, and a word put into a line stands between
spaces (so no words merge or split), stray text before a header ends with a blank (so the header
still starts a token), a missing title leaves an image credit after the header (else the first
paragraph would be read as the title). For example::

    from hypothesis import given
    from kzvalidate.check.engine import Linter
    from kzvalidate.rules import select
    from kzvalidate.testing import mutations

    @given(mutations())
    def test_each_defect_is_reported_where_it_is(mutation):
        findings = Linter(select(["ALL"])).lint_bytes(mutation.data).findings
        assert (mutation.code, mutation.span) in {(f.code, f.span) for f in findings}
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "kzvalidate.testing needs Hypothesis: pip install kzvalidate[dev]"
    ) from error

from kzvalidate.dump.render import render_dump, render_record
from kzvalidate.testing.draft import Operator
from kzvalidate.testing.dump import dumps
from kzvalidate.testing.mutation import OPERATORS, Mutation, mutated_dumps, mutations, mutations_for
from kzvalidate.testing.operators.contract import impossible_dates
from kzvalidate.testing.operators.encoding import invalid_utf8_runs
from kzvalidate.testing.operators.text import malformed_numbers
from kzvalidate.testing.record import (
    FIRST_DATE,
    LAST_DATE,
    OFFSET_CHANGE,
    calendar_dates,
    clock_times,
    records,
    view_counts,
)
from kzvalidate.testing.text import (
    image_credits,
    is_plain_text,
    looks_like_footer,
    looks_like_header,
    looks_like_image_credit,
    paragraphs,
    printable_characters,
    texts,
    titles,
    words,
)

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "OFFSET_CHANGE",
    "OPERATORS",
    "Mutation",
    "Operator",
    "calendar_dates",
    "clock_times",
    "dumps",
    "image_credits",
    "impossible_dates",
    "invalid_utf8_runs",
    "is_plain_text",
    "looks_like_footer",
    "looks_like_header",
    "looks_like_image_credit",
    "malformed_numbers",
    "mutated_dumps",
    "mutations",
    "mutations_for",
    "paragraphs",
    "printable_characters",
    "records",
    "render_dump",
    "render_record",
    "texts",
    "titles",
    "view_counts",
    "words",
]
