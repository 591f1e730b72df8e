"""Operators for the figure rules (KZ4xx): each adds a sentence with the defect as the last
paragraph of an article (or, for conflicting figures, a new article after it)."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.render import render_header
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import add_paragraph, article

_MASS_UNITS = (("g", 1e-3), ("kg", 1.0), ("tons", 1e3), ("t", 1e3), ("tonnes", 1e3))
"""Written mass units and what one of each is in kilograms."""
UNKNOWN_UNITS = ("kgs", "kms", "tn", "sqm", "kWt", "mtr", "tns", "cbm")
"""Unit-like abbreviations that are no unit kzvalidate knows (KZ401)."""
SUBJECTS = (
    ("Shymkent Refinery", "Shymkent Oil Refinery"),
    ("Atyrau Refinery", "Atyrau Oil Refinery"),
    ("Ekibastuz Power Plant", "Ekibastuz Plant"),
)
"""Named subjects of figures, each with a second way of naming it (KZ407)."""


def _amount(value: float) -> str:
    """A non-negative number written the English way: ``1,300`` or ``881.5``."""
    whole, tenths = divmod(round(value * 10), 10)
    return f"{whole:,}" if tenths == 0 else f"{whole:,}.{tenths}"


def _unknown_unit(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A number followed by an abbreviation that is no known unit: ``12 kgs`` (KZ401)."""
    unit = draw(st.sampled_from(UNKNOWN_UNITS))
    number = _amount(draw(st.floats(1, 10**6)))
    glued = draw(st.booleans())
    written = f"{number}{'' if glued else ' '}{unit}"
    index = add_paragraph(draft, roles, f"The plant produced {written} of cement last year.")
    start = draft.text(index).index(written) + len(written) - len(unit)
    description = f"{written!r} in {article(roles)}"
    draft.mark(index, start, start + len(unit), "KZ401", description)


@st.composite
def mass_figures(draw: st.DrawFn) -> tuple[str, float]:
    """A mass as news writes it (``3.2 tons``, ``4,000 kg``) and its value in kilograms."""
    unit, factor = draw(st.sampled_from(_MASS_UNITS))
    written = _amount(draw(st.floats(0.1, 10**6)))
    return f"{written} {unit}", float(written.replace(",", "")) * factor


def _part_exceeds_whole(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A part larger than its whole, in other units: ``3.2 tons of drugs, including 4,000 kg of
    heroin`` (KZ402)."""
    whole, whole_kg = draw(mass_figures())
    part, _ = draw(mass_figures().filter(lambda figure: figure[1] > whole_kg * 1.001))
    connector = draw(st.sampled_from(["including", "of which", "among them"]))
    text = f"Police seized {whole} of drugs, {connector} {part} of heroin."
    index = add_paragraph(draft, roles, text)
    start = draft.text(index).index(f"{connector} {part}") + len(connector) + 1
    description = f"{part!r} out of {whole!r} in {article(roles)}"
    draft.mark(index, start, start + len(part), "KZ402", description)


ROUNDED_WHOLE_QUALIFIERS = ("about", "around", "approximately", "roughly", "some")
"""Qualifiers of a total rounded at its last digit: it may be half a unit more than stated."""
CAPPED_WHOLE_QUALIFIERS = ("nearly", "almost", "up to")
"""Qualifiers of a total that is at most what is stated."""
LOWER_BOUND_QUALIFIERS = ("more than", "over", "at least")
"""Qualifiers of a total stated as a lower bound, rounded down at its last digit (KZ408)."""


def _last_digit_unit(written: str) -> float:
    """The place value of the last significant digit of a number written by :func:`_amount`:
    ``881.5`` 0.1, ``3,100`` 100, ``7`` 1."""
    digits = written.replace(",", "")
    if "." in digits:
        return 0.1
    return float(10 ** (len(digits) - len(digits.rstrip("0"))))


@st.composite
def rounded_mass_figures(draw: st.DrawFn) -> tuple[str, float, float]:
    """A mass as news writes it, its value in kilograms and one unit of its last digit in
    kilograms (``2.5 tons``: 2,500 and 100)."""
    unit, factor = draw(st.sampled_from(_MASS_UNITS))
    written = _amount(draw(st.floats(0.1, 10**6)))
    return (
        f"{written} {unit}",
        float(written.replace(",", "")) * factor,
        _last_digit_unit(written) * factor,
    )


@st.composite
def mass_figures_above(draw: st.DrawFn, least_kg: float) -> str:
    """A mass as news writes it, more than ``least_kg`` kilograms (by 1% to three times)."""
    unit, factor = draw(st.sampled_from(_MASS_UNITS))
    value = least_kg / factor * draw(st.floats(1.01, 3))
    return f"{_amount(math.ceil(value * 10) / 10)} {unit}"


def _seized(draft: Draft, roles: Roles, whole: str, part: str, code: str) -> None:
    """Add ``Police seized <whole> of drugs, including <part> of heroin.``, the part marked."""
    text = f"Police seized {whole} of drugs, including {part} of heroin."
    index = add_paragraph(draft, roles, text)
    start = draft.text(index).index(f"including {part}") + len("including ")
    description = f"{part!r} out of {whole!r} in {article(roles)}"
    draft.mark(index, start, start + len(part), code, description)


def _part_exceeds_qualified_whole(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A part larger than a whole stated as a rounded or capped total: ``about 5 tons ...,
    including 6,000 kg`` (KZ402). A rounded whole is exceeded only past half a unit of its last
    digit."""
    qualifier = draw(st.sampled_from(ROUNDED_WHOLE_QUALIFIERS + CAPPED_WHOLE_QUALIFIERS))
    whole, whole_kg, digit_kg = draw(rounded_mass_figures())
    most_kg = whole_kg + (digit_kg / 2 if qualifier in ROUNDED_WHOLE_QUALIFIERS else 0.0)
    _seized(draft, roles, f"{qualifier} {whole}", draw(mass_figures_above(most_kg)), "KZ402")


def _part_exceeds_lower_bound(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A part past a whole stated as a lower bound, rounded down: ``more than 2.5 tons ...,
    including 3,100 kg`` (KZ408)."""
    qualifier = draw(st.sampled_from(LOWER_BOUND_QUALIFIERS))
    whole, whole_kg, digit_kg = draw(rounded_mass_figures())
    part = draw(mass_figures_above(whole_kg + digit_kg))
    _seized(draft, roles, f"{qualifier} {whole}", part, "KZ408")


def _share_over_100(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A share of a population above 100%: ``112% of residents`` (KZ403)."""
    share = f"{_amount(draw(st.floats(100.1, 999)))}%"
    whole = draw(st.sampled_from(["residents", "the population", "Kazakhstanis", "respondents"]))
    index = add_paragraph(draft, roles, f"The survey found that {share} of {whole} agree.")
    start = draft.text(index).index(share)
    draft.mark(index, start, start + len(share), "KZ403", f"{share!r} in {article(roles)}")


SHARE_QUALIFIERS = ("about", "nearly", "almost", "around", "some", "roughly", "more than", "over")
"""Qualifiers that leave a share above 100% above it (any rounding of a share written
``100.1%`` or more stays above 100%)."""


def _qualified_share_over_100(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A share above 100% behind a qualifier: ``about 130% of the pupils`` (KZ403)."""
    qualifier = draw(st.sampled_from(SHARE_QUALIFIERS))
    number = _amount(draw(st.floats(100.1, 999)))
    share = draw(st.sampled_from([f"{number}%", f"{number} percent"]))
    whole = draw(st.sampled_from(["the pupils", "residents", "voters", "the respondents"]))
    text = f"The study found that {qualifier} {share} of {whole} took part."
    index = add_paragraph(draft, roles, text)
    start = draft.text(index).index(f"{qualifier} {share}") + len(qualifier) + 1
    description = f"{qualifier} {share!r} in {article(roles)}"
    draft.mark(index, start, start + len(share), "KZ403", description)


def _range_against_its_verb(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A change that goes against its verb: ``increase from 12 to 6 million tons`` (KZ404)."""
    low = draw(st.integers(1, 500))
    high = low + draw(st.integers(1, 500))
    verb, first, second = draw(
        st.sampled_from([("increase", high, low), ("reduce", low, high), ("grow", high, low)])
    )
    after = f"{second} million tons"
    text = f"The plan is to {verb} output from {first} to {after} a year."
    index = add_paragraph(draft, roles, text)
    line = draft.text(index)
    start = line.index(f"from {first} ") + len("from ")
    end = line.index(after, start) + len(after)
    draft.mark(index, start, end, "KZ404", f"{verb} from {first} to {second} in {article(roles)}")


def _mismatched_dimensions(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Figures of two dimensions compared: ``from 6 million tons to 12 km`` (KZ405)."""
    first_unit, second_unit = draw(
        st.sampled_from(
            [("tons", "km"), ("MW", "kWh"), ("$", "tenge"), ("hectares", "tons"), ("kg", "%")]
        )
    )
    low = draw(st.integers(1, 500))
    high = low + draw(st.integers(1, 500))

    def written(number: int, unit: str) -> str:
        return f"${number}" if unit == "$" else f"{number}%" if unit == "%" else f"{number} {unit}"

    first, second = written(low, first_unit), written(high, second_unit)
    index = add_paragraph(draft, roles, f"The figure will grow from {first} to {second} soon.")
    line = draft.text(index)
    start = line.index(f"from {first} ") + len("from ")
    end = line.index(second, start + len(first)) + len(second)
    draft.mark(index, start, end, "KZ405", f"{first} to {second} in {article(roles)}")


def _two_spellings_of_a_unit(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """One unit written two ways in one article: ``hectares`` then ``ha`` (KZ406)."""
    first, second = draw(
        st.sampled_from([("hectares", "ha"), ("ha", "hectares"), ("cubic meters", "m³")])
    )
    one, two = draw(st.integers(1, 10**4)), draw(st.integers(1, 10**4))
    later = f"{two:,} {second}"
    text = f"Farmers sowed {one:,} {first} of wheat and {later} of barley."
    index = add_paragraph(draft, roles, text)
    start = draft.text(index).rindex(later)
    draft.mark(index, start, start + len(later), "KZ406", f"{first} then {second}")


def _unnamed_subjects(draft: Draft) -> list[tuple[str, str]]:
    """The subjects no line of the draft names yet (all of them if every one is named)."""
    text = "\n".join(line.text for line in draft.lines)
    free = [names for names in SUBJECTS if not any(name in text for name in names)]
    return free or list(SUBJECTS)


def _conflicting_figures(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Two articles giving one subject different figures: the refinery grows ``from 6 to 12
    million tons`` in one and ``from 6 to 10 million tons`` in a new article after it (KZ407).
    A subject another mutation of the dump already names is not taken, so that two of these
    never compare with each other."""
    subject, other_name = draw(st.sampled_from(_unnamed_subjects(draft)))
    low = draw(st.integers(1, 50))
    high = low + draw(st.integers(1, 50))
    other = high + draw(st.integers(1, 50))
    first = (
        f"The expansion of the {subject} will increase capacity from {low} to {high} million tons."
    )
    add_paragraph(draft, roles, first)
    later = f"{low} to {other} million tons"
    second = f"The {other_name} is to grow from {later} a year."
    header = render_header(date.fromisoformat(roles.record["date"]), roles.record["time"], 1000)
    at = roles.footer + 1
    for offset, line in enumerate((header, "Refinery capacity to grow", second, DEFAULT.footer)):
        draft.insert_line(at + offset, line)
    index = at + 2
    start = draft.text(index).index(later)
    description = f"{subject}: {low} to {high}, then {low} to {other}"
    draft.mark(index, start, start + len(later), "KZ407", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ401", _unknown_unit),
    Operator("KZ402", _part_exceeds_whole),
    Operator("KZ402", _part_exceeds_qualified_whole),
    Operator("KZ403", _share_over_100),
    Operator("KZ403", _qualified_share_over_100),
    Operator("KZ404", _range_against_its_verb),
    Operator("KZ405", _mismatched_dimensions),
    Operator("KZ406", _two_spellings_of_a_unit),
    Operator("KZ407", _conflicting_figures),
    Operator("KZ408", _part_exceeds_lower_bound),
)
"""The operators of the figure rules (KZ4xx), in code order."""
