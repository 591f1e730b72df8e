"""The rule registry: every rule kzvalidate has, by code, in one explicit table.

A new rule is one module in this package (see ``base.py``), its cases under
``fixtures/rules/``, and its module name in :data:`RULE_MODULES`. Codes are never reused or
renumbered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module

from kzvalidate.rules.base import AnyRule, ArticleRule, BlockRule, FileRule, LineRule, RunRule

# One module per rule, in code order. Codes are never reused or renumbered.
RULE_MODULES = (
    "encoding.kz001_invalid_utf8",
    "encoding.kz002_byte_order_mark",
    "encoding.kz003_line_ending",
    "encoding.kz004_control_character",
    "encoding.kz005_tab",
    "encoding.kz006_trailing_whitespace",
    "encoding.kz007_invisible_character",
    "encoding.kz008_non_standard_space",
    "encoding.kz009_double_space",
    "encoding.kz010_leading_whitespace",
    "structure.kz101_stray_text",
    "structure.kz102_malformed_date",
    "structure.kz103_malformed_time",
    "structure.kz104_header_spacing",
    "structure.kz105_missing_title",
    "structure.kz106_empty_body",
    "structure.kz107_malformed_image_credit",
    "structure.kz108_missing_footer",
    "structure.kz109_misspelled_footer",
    "structure.kz110_misplaced_footer",
    "structure.kz111_empty_image_credit",
    "structure.kz112_stray_blank_line",
    "structure.kz113_not_a_news_dump",
    "contract.kz201_invalid_date",
    "contract.kz202_invalid_time",
    "contract.kz203_negative_views",
    "contract.kz204_views_not_integer",
    "contract.kz205_missing_views",
    "text.kz301_mixed_script_word",
    "text.kz302_mojibake",
    "text.kz303_unbalanced_quotes",
    "text.kz304_number_format",
    "text.kz305_inconsistent_spelling",
    "text.kz306_preferred_term",
    "figures.kz401_unknown_unit",
    "figures.kz402_part_exceeds_whole",
    "figures.kz403_share_over_100",
    "figures.kz404_range_direction",
    "figures.kz405_dimension_mismatch",
    "figures.kz406_mixed_unit_spelling",
    "figures.kz407_conflicting_figures",
    "figures.kz408_part_exceeds_lower_bound",
    "collection.kz501_duplicate_article",
    "collection.kz502_changed_article",
    "collection.kz503_out_of_order",
    "collection.kz504_published_after_crawl",
)


def _load(module: str) -> AnyRule:
    rule: AnyRule = import_module(f"kzvalidate.rules.{module}").RULE
    return rule


RULES: dict[str, AnyRule] = {rule.code: rule for rule in map(_load, RULE_MODULES)}
_BY_NAME: dict[str, AnyRule] = {rule.name: rule for rule in RULES.values()}


class UnknownRuleError(LookupError):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"unknown rule {key!r}: give a code (KZ101), a code prefix (KZ1) or a name "
            "(stray-text); `kzvalidate rules` lists them"
        )
        self.key = key


def get(key: str) -> AnyRule:
    """A rule by code (any case) or kebab-case name."""
    rule = RULES.get(key.upper()) or _BY_NAME.get(key.lower())
    if rule is None:
        raise UnknownRuleError(key)
    return rule


def matching(selector: str) -> list[AnyRule]:
    """Rules a selector names: ``ALL``, a code, a code prefix, or a rule name."""
    key = selector.strip()
    if key.upper() == "ALL":
        return list(RULES.values())
    if key.lower() in _BY_NAME:
        return [_BY_NAME[key.lower()]]
    found = [rule for code, rule in RULES.items() if code.startswith(key.upper())]
    if not key or not found:
        raise UnknownRuleError(selector)
    return found


ALL = "ALL"
FULL_CODE = len("KZ000")
"""The specificity of a full code or a rule name; ``ALL`` has 0, a prefix its length."""


def specificity(selector: str) -> int:
    """How specific a selector is: ``ALL`` 0, a code prefix its length (``KZ`` 2, ``KZ1`` 3,
    ``KZ10`` 4), a full code or a rule name 5."""
    key = selector.strip()
    if key.upper() == ALL:
        return 0
    if key.lower() in _BY_NAME:
        return FULL_CODE
    return min(len(key), FULL_CODE)


@dataclass(frozen=True, slots=True)
class Selection:
    """One layer of rule selection (the configuration file, or the command line).

    ``select`` None: the layer selects nothing itself and only adjusts the layer below;
    ``ignore`` holds ``ignore`` and ``extend-ignore`` alike."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def select(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> list[AnyRule]:
    """The rules to run for one layer of selection over the default set (see
    :func:`select_layers`)."""
    chosen = None if select is None else tuple(select)
    return select_layers([Selection(chosen, tuple(extend_select), tuple(ignore))])


def select_layers(layers: Iterable[Selection]) -> list[AnyRule]:
    """The rules to run, in code order, after every layer, lowest first, over the rules on by
    default. A layer with ``select`` replaces what the layers below chose; one without it adds
    its ``extend_select`` and removes its ``ignore``. Within a layer the more specific selector
    decides (``select KZ108, ignore KZ1`` keeps KZ108; ``select KZ1, ignore KZ108`` keeps the
    rest of KZ1); on equal specificity ``ignore`` wins."""
    chosen = {rule.code for rule in RULES.values() if rule.enabled_by_default}
    for layer in layers:
        decided = _decisions(layer)
        if layer.select is not None:
            chosen = set()
        chosen |= {code for code, enabled in decided.items() if enabled}
        chosen -= {code for code, enabled in decided.items() if not enabled}
    return [rule for code, rule in RULES.items() if code in chosen]


def _decisions(layer: Selection) -> dict[str, bool]:
    """Whether the layer turns each rule it names on or off: selectors apply from the least
    specific to the most, and at one specificity ``ignore`` after ``select``."""
    enabling = [*(layer.select or ()), *layer.extend_select]
    steps = [(specificity(s), 0, s, True) for s in enabling]
    steps += [(specificity(s), 1, s, False) for s in layer.ignore]
    decided: dict[str, bool] = {}
    for _, _, selector, enabled in sorted(steps, key=lambda step: step[:2]):
        decided.update((rule.code, enabled) for rule in matching(selector))
    return decided


def most_specific(selectors: Iterable[str], code: str) -> str | None:
    """Of ``selectors``, the most specific one that names rule ``code`` (the last given, on equal
    specificity), or None."""
    found = [s for s in selectors if any(rule.code == code for rule in matching(s))]
    return max(reversed(found), key=specificity) if found else None


__all__ = [
    "ALL",
    "RULES",
    "ArticleRule",
    "BlockRule",
    "FileRule",
    "LineRule",
    "RunRule",
    "Selection",
    "UnknownRuleError",
    "get",
    "matching",
    "most_specific",
    "select",
    "select_layers",
    "specificity",
]
