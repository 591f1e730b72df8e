"""A file in the run must be a news dump: at least one line must be an article header.

A folder of dumps often holds other text files too: a ``README.txt``, notes, a word list, a
``requirements.txt``. Such a file has no article header on any line, so it is reported once, as a
whole, and no other rule looks at it (each of its lines would otherwise be text before the first
header); ``--fix`` never rewrites it. An empty file, or one of blank lines only, is a dump with
no article, not reported here. Leave files that are not dumps out of the run with
``extend-exclude`` in the configuration, or narrow the pre-commit hook's ``files:``. With this
rule not selected, a file without a header is linted line by line like any other text.

Fails::

    Dumps of the Kazakhstan Today news feed, one file per day.
    Fetched by the nightly crawler; do not edit by hand.

Passes::

    03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026
    Over the two months, 21,734 crimes were registered in the country.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity, Span
from kzvalidate.rules.base import Context, FileProblem, FileRule

EXAMPLE_HEADER = ((2026, 3, 3), (14, 12), 11421)
"""The header shown in the message, written in the dialect's own format."""


class HeaderSeen:
    """Whether any article (so any header) was read in the file. The engine shows this rule
    only files that are not dumps, so it sees none; counting keeps it right if given one."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.articles = 0

    def add(self, article: Article) -> None:
        self.articles += 1

    def finish(self) -> Iterator[FileProblem]:
        if self.articles:
            return
        example = self.context.dialect.render_header(*EXAMPLE_HEADER)
        problem = Problem(
            Span(1, 1, 1, 1),
            f"no line of this file is an article header (such as {example!r}): it is not a "
            "news dump, so it was not checked",
            hint="if it is not a dump, leave it out of the run (extend-exclude in the "
            "configuration); if it is one, its header lines are missing or damaged",
        )
        yield FileProblem(problem, None)


RULE = FileRule(
    code="KZ113",
    name="not-a-news-dump",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    collector=HeaderSeen,
    for_non_dumps=True,
)
