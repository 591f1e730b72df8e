"""Operators for the structure rules (KZ1xx): stray text, header dates, times and separators
written another way, missing or empty titles, bodies and footers, damaged image credits and
footers, stray blank lines, files left without a header."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import article, rewrite_header
from kzvalidate.testing.text import image_credits, paragraphs, texts

STRAY_TEXTS = ("Main page > News > Politics", "Share this article", "Politics", "date 2026-03-04")


def _stray_line_before_first_header(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A line of text (maybe indented) before the first header of the file (KZ101)."""
    text = draw(st.one_of(st.sampled_from(STRAY_TEXTS), texts(1, 8)))
    indent = " " * draw(st.integers(0, 2))
    draft.insert_line(0, indent + text)
    description = f"line {text!r} before the first header"
    draft.mark(0, len(indent), len(indent) + len(text), "KZ101", description)


def _text_glued_before_header(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Stray text glued to the front of an article's header, e.g. ``Politics | 03.03.2026, ...``
    (KZ101)."""
    text = draw(st.one_of(st.sampled_from(STRAY_TEXTS), texts(1, 6)))
    prefix = draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from([" ", " | ", " > "]))
    draft.lines[roles.header].text = prefix + draft.text(roles.header)
    description = f"{prefix!r} glued before the header of {article(roles)}"
    draft.mark(roles.header, 0, len(prefix), "KZ101", description)


def _year_first_or_slashed_date(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The header date written in another order or with other separators: ``2026-03-03``,
    ``3/3/2026``, ``3.3.2026`` (KZ102)."""
    day = date.fromisoformat(roles.record["date"])
    y, m, d = day.year, day.month, day.day
    forms = [
        *(f"{y:04d}{s}{m:02d}{s}{d:02d}" for s in "-./"),
        *(f"{y:04d}{s}{m}{s}{d}" for s in "-./"),
        *(f"{d:02d}{s}{m:02d}{s}{y:04d}" for s in "/-"),
        *(f"{d}{s}{m}{s}{y:04d}" for s in "/-"),
    ]
    if d < 10 or m < 10:
        forms.append(f"{d}.{m}.{y:04d}")
    written = draw(st.sampled_from(forms))
    description = f"date {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "date", "KZ102", description, date=written)


def _one_digit_hour_or_seconds(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The header time with a one-digit hour (``9:05``) or with seconds (``14:12:30``) (KZ103)."""
    minute = int(roles.record["time"][3:])
    written = draw(
        st.one_of(
            st.builds("{}:{:02d}".format, st.integers(0, 9), st.just(minute)),
            st.builds("{}:{:02d}".format, st.just(roles.record["time"]), st.integers(0, 59)),
        )
    )
    description = f"time {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "time", "KZ103", description, time=written)


def _odd_header_separator(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """One header separator doubled, or its comma missing or misplaced: ``03.03.2026,  14:12``,
    ``03.03.2026 14:12``, ``14:12  11421`` (KZ104)."""
    if draw(st.booleans()):
        written = draw(st.sampled_from([",  ", ",   ", "  ", "   ", " ", ",", " , ", " ,"]))
        part, change = "sep1", {"sep1": written}
    else:
        written = draw(st.sampled_from(["  ", "   "]))
        part, change = "sep2", {"sep2": written}
    description = f"separator {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, part, "KZ104", description, **change)


def _title_removed(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The title line deleted from an article whose image credit then follows the header (KZ105;
    an article with a credit is made first if needed, since without a credit the first paragraph
    would be read as the title)."""
    if roles.credit is None:
        credit = draw(image_credits())
        draft.lines[roles.title].text = DEFAULT.credit_label + credit
    else:
        draft.delete_line(roles.title)
    end = len(draft.text(roles.header))
    draft.mark(roles.header, end, end, "KZ105", f"title of {article(roles)} removed")


def _empty_title_line(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The title line of an article left empty or blanks only, the body after it (KZ105, at the
    blank line: the first paragraph must not become the title)."""
    blank = " " * draw(st.integers(0, 2))
    draft.lines[roles.title].text = blank
    description = f"empty title line {blank!r} in {article(roles)}"
    draft.mark(roles.title, 0, len(blank), "KZ105", description)


def _stray_blank_line(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An empty line inside an article (after its title, before its credit, between paragraphs,
    before its footer) or after its footer (KZ112; the span takes the line break too)."""
    places = [roles.title + 1, *roles.body, roles.footer, roles.footer + 1]
    at = draw(st.sampled_from(places))
    draft.insert_line(at, "")
    description = f"blank line {at + 1} in or after {article(roles)}"
    draft.mark(at, 0, len(draft.lines[at].ending), "KZ112", description)


def _body_removed(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Every body paragraph of an article deleted, keeping its title, credit and footer (KZ106)."""
    for index in reversed(roles.body):
        draft.delete_line(index)
    width = len(draft.text(roles.header))
    description = f"body of {article(roles)} removed"
    draft.mark(roles.header, 0, width, "KZ106", description, whole=True)


def _bare_header(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Everything after an article's header deleted: a header with no article (KZ106)."""
    for index in range(roles.footer, roles.header, -1):
        draft.delete_line(index)
    width = len(draft.text(roles.header))
    description = f"{article(roles)} reduced to its header"
    draft.mark(roles.header, 0, width, "KZ106", description, whole=True)


def _credit_line(draft: Draft, roles: Roles, line: str) -> int:
    """Put ``line`` where the article's image credit goes (after the title); its index."""
    if roles.credit is None:
        draft.insert_line(roles.title + 1, line)
        return roles.title + 1
    draft.lines[roles.credit].text = line
    return roles.credit


_CREDIT_LABELS = ("Images", "Image", "images", "IMAGES", "Photo", "Photos", "photo", "Photo credit")
_BAR_SEPARATORS = ("|", " |", "| ", " | ", "  |  ", "\u00a6", " \u00a6 ", "\uff5c", " \uff5c ")
_COLON_SEPARATORS = (":", ": ", " : ")


def _credit_in_another_style(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The image credit written with another label or separator: ``Photo: Akorda``,
    ``Images|Akorda``, ``images  |  Akorda`` (KZ107)."""
    source = roles.record.get("image_credit") or draw(image_credits())
    separators = list(_BAR_SEPARATORS)
    if len(source.split()) <= 5 and not source.endswith((".", "!", "?")):
        separators.extend(_COLON_SEPARATORS)  # a colon credit must name a source, not a sentence
    label = draw(st.sampled_from(_CREDIT_LABELS))
    separator = draw(st.sampled_from(separators))
    if label + separator == DEFAULT.credit_label:  # the canonical credit is no defect
        separator = "|"
    line = label + separator + source
    index = _credit_line(draft, roles, line)
    description = f"credit {line!r} in {article(roles)}"
    draft.mark(index, 0, len(line), "KZ107", description)


def _footer_removed(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An article's copyright footer deleted; the finding is at the end of its last paragraph
    (KZ108)."""
    draft.delete_line(roles.footer)
    last = roles.body[-1]
    end = len(draft.text(last))
    draft.mark(last, end, end, "KZ108", f"footer of {article(roles)} removed")


def _footer_misspelled(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """One word of an article's footer misspelled: a letter dropped, doubled, replaced or swapped
    with the next (KZ109)."""
    footer = DEFAULT.footer
    letters = [at for at, char in enumerate(footer) if char.isalpha()]
    at = draw(st.sampled_from(letters))
    ways = ["drop", "double", "replace"]
    if footer[at + 1].isalpha() and footer[at + 1] != footer[at]:
        ways.append("swap")
    way = draw(st.sampled_from(ways))
    if way == "drop":
        text = footer[:at] + footer[at + 1 :]
    elif way == "double":
        text = footer[:at] + footer[at] + footer[at:]
    elif way == "replace":
        others = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != footer[at].lower()]
        text = footer[:at] + draw(st.sampled_from(others)) + footer[at + 1 :]
    else:
        text = footer[:at] + footer[at + 1] + footer[at] + footer[at + 2 :]
    draft.lines[roles.footer].text = text
    word = footer[: at + 1].split()[-1] + footer[at + 1 :].split(" ", 1)[0]
    description = f"footer of {article(roles)} with {word!r} misspelled ({way} letter {at})"
    draft.mark(roles.footer, 0, len(text), "KZ109", description)


def _paragraph_after_footer(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A paragraph appended after an article's footer (KZ110)."""
    paragraph = draw(paragraphs())
    draft.insert_line(roles.footer + 1, paragraph)
    description = f"paragraph after the footer of {article(roles)}"
    draft.mark(roles.footer, 0, len(DEFAULT.footer), "KZ110", description)


def _credit_without_source(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An image credit that names no source: ``Images |``, ``Photo:`` (KZ111)."""
    line = draw(
        st.sampled_from(
            ["Images |", "Images|", "Image |", "images |", "Images \u00a6", "Photo:", "Photo :"]
        )
    )
    index = _credit_line(draft, roles, line)
    draft.mark(index, 0, len(line), "KZ111", f"credit {line!r} in {article(roles)}")


def _no_header_left(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Every header line deleted, as a plain-text export of the articles leaves them, or written
    with a dot for the colon of its time (``14.12``): no line of the file reads as a header any
    more, so the file is not a news dump (KZ113, once, at its start)."""
    headers = sorted((each.header for each in draft.articles), reverse=True)
    if draw(st.booleans()):
        for index in headers:
            draft.delete_line(index)
        description = "every header line deleted"
    else:
        for index in headers:
            draft.lines[index].text = draft.text(index).replace(":", ".")
        description = "the colon of every header's time written as a dot"
    draft.mark(0, 0, 0, "KZ113", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ101", _stray_line_before_first_header, stage=1),
    Operator("KZ101", _text_glued_before_header),
    Operator("KZ102", _year_first_or_slashed_date),
    Operator("KZ103", _one_digit_hour_or_seconds),
    Operator("KZ104", _odd_header_separator),
    Operator("KZ105", _title_removed),
    Operator("KZ105", _empty_title_line),
    Operator("KZ106", _body_removed),
    Operator("KZ106", _bare_header),
    Operator("KZ107", _credit_in_another_style),
    Operator("KZ108", _footer_removed),
    Operator("KZ109", _footer_misspelled),
    Operator("KZ110", _paragraph_after_footer),
    Operator("KZ111", _credit_without_source),
    Operator("KZ112", _stray_blank_line),
    Operator("KZ113", _no_header_left, stage=3, alone=True),
)
"""The operators of the structure rules (KZ1xx), in code order."""
