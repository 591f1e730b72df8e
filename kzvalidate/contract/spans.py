"""Where in the text a contract violation comes from: the span of the offending token."""

from __future__ import annotations

from kzvalidate.contract.schema import JsonPath
from kzvalidate.dump.blocks import Article
from kzvalidate.model import Span


def violation_span(article: Article, path: JsonPath) -> Span:
    """Where in the text the value at ``path`` of the article's record comes from."""
    header = article.header
    name = path[0] if path else ""
    if name == "date":
        return header.date.span
    if name == "time":
        return header.time.span
    if name == "published":
        return Span(
            header.date.span.line,
            header.date.span.column,
            header.time.span.end_line,
            header.time.span.end_column,
        )
    if name == "views":
        return header.views.span if header.views else header.line.end_span
    if name == "title":
        return article.title.span if article.title else header.line.end_span
    if name == "image_credit" and article.credit is not None:
        return article.credit.source.span
    if name == "body":
        if len(path) > 1 and isinstance(path[1], int) and path[1] < len(article.body):
            return article.body[path[1]].span
        return article.title.span if article.title else header.line.full_span
    if name == "footer":
        return article.footer.span if article.footer else article.last_line.end_span
    return header.line.full_span
