"""The data values the code styles or gives a meaning to, declared once and checked as data.

Chart builders index theme maps by data values (``theme.STATUS_SYMBOL[status]``) and
:mod:`explainer.terms` names values the takeaways and row selections depend on. A value the schema
allows but the theme lacks would raise KeyError on the page, or leave its rows undrawn; a term the
schema no longer allows would match nothing, silently. :func:`check` turns both into problems of the
table (``make validate`` reports them; the page shows them instead of a chart), so adding an allowed
value to ``data/datapackage.json`` is safe: the message says which entry to add where.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from explainer import terms, theme
from explainer.problems import Problem


class Descriptor(Protocol):
    """What the rule reads of a package: its datapackage.json."""

    descriptor: dict


@dataclass(frozen=True)
class Styled:
    """`table.field` is drawn by value through the theme map `name`: each allowed value needs an entry."""

    table: str
    field: str
    name: str   # the map's name in explainer/theme.py
    gives: str  # what an entry gives a value, in the message: "marker", "colour"...

    @property
    def entries(self) -> Collection[str]:
        return getattr(theme, self.name)


@dataclass(frozen=True)
class Named:
    """`table.field` values named by the constant `name` of explainer/terms.py: each must be allowed."""

    table: str
    field: str
    name: str   # the constant's name in explainer/terms.py

    @property
    def values(self) -> tuple[str, ...]:
        value = getattr(terms, self.name)
        return (value,) if isinstance(value, str) else tuple(value)


STYLED: tuple[Styled, ...] = (
    Styled("timeline", "category", "CATEGORY", "colour"),
    Styled("timeline", "category", "CATEGORY_ORDER", "lane"),
    Styled("conditions", "evidence_grade", "GRADE", "colour"),
    Styled("conditions", "status", "STATUS_SYMBOL", "marker"),
    Styled("onset", "treatment", "TREATMENT", "style (colour, marker, dash)"),
    Styled("onset_effect", "treatment", "EFFECT", "style (colour, marker, dash)"),
    Styled("onset_milestones", "treatment", "EFFECT", "style (colour, marker, dash)"),
    Styled("onset_milestones", "milestone", "MILESTONE_SYMBOL", "marker"),
    Styled("onset_milestones", "milestone", "MILESTONE_LABEL", "label"),
    Styled("onset_milestones", "milestone", "MILESTONE_TEXT_POSITION", "label position"),
    Styled("routes", "product", "PRODUCT", "colour"),
    Styled("routes", "effect_timed", "EFFECT_TIMED", "colour"),
    Styled("side_effects", "timing", "TIMING", "colour"),
    Styled("claims", "verdict", "VERDICT", "colour"),
    Styled("claims", "verdict", "VERDICT_BADGE", "badge colour"),
)

NAMED: tuple[Named, ...] = (
    Named("onset", "treatment", "COMPARATORS"),
    Named("onset", "treatment", "RAPID"),
    Named("conditions", "evidence_grade", "STRONG_GRADES"),
    Named("onset_effect", "treatment", "KETAMINE_INFUSION"),
    Named("onset_effect", "treatment", "KETAMINE_TREATMENTS"),
    Named("onset_milestones", "milestone", "MILESTONES"),
    Named("conditions", "grade_basis", "APPROVAL_BASIS"),
    Named("onset_effect", "treatment", "CONVENTIONAL"),
    Named("onset_effect", "certainty", "NOT_RATED"),
    Named("onset_milestones", "treatment", "SSRI"),
)


def schema_field(descriptor: dict, table: str, name: str) -> dict | None:
    """The field's entry in datapackage.json, or None if the table or the field is not declared."""
    for res in descriptor.get("resources", []):
        if res.get("name") == table:
            return next((f for f in res["schema"]["fields"] if f.get("name") == name), None)
    return None


def allowed(descriptor: dict, table: str, name: str) -> tuple[str, tuple[str, ...]] | None:
    """Where the values of `table.name` are listed ("table.field") and the values: its own enum, or the
    enum of the field its foreign key points to (conditions.evidence_grade -> evidence_grades.grade);
    None if the schema lists none."""
    field = schema_field(descriptor, table, name) or {}
    if "enum" in field.get("constraints", {}):
        return f"{table}.{name}", tuple(map(str, field["constraints"]["enum"]))
    for res in descriptor.get("resources", []):
        for fk in res["schema"].get("foreignKeys", []) if res.get("name") == table else []:
            ref = fk["reference"]
            if fk["fields"] == name and ref["resource"] != table:
                return allowed(descriptor, ref["resource"], ref["fields"])
    return None


def check(pkg: Descriptor) -> list[Problem]:
    """Every allowed value of a styled field has its theme entry; every term is an allowed value.

    Fields the package does not declare are left out (a smaller package, as in the tests); the
    shipped schema declares every one (tests/test_structure.py)."""
    out: list[Problem] = []
    for s in STYLED:
        out += _styled_problems(pkg.descriptor, s)
    for n in NAMED:
        listed = allowed(pkg.descriptor, n.table, n.field)
        if listed is None:
            continue
        where, values = listed
        out += [Problem(n.table, None, n.field, v, f"a value the schema allows (named by terms.{n.name})",
                        message=f"data/datapackage.json: {n.table}.{n.field} '{v}' is named in explainer/terms.py "
                                f"({n.name}) but the schema does not allow it (rename it there too, or allow it "
                                f"again in the enum of {where})")
                for v in n.values if v not in values]
    return out


def _styled_problems(descriptor: dict, s: Styled) -> list[Problem]:
    if schema_field(descriptor, s.table, s.field) is None:
        return []
    listed = allowed(descriptor, s.table, s.field)
    if listed is None:
        return [Problem(s.table, None, s.field, None, "a list of allowed values (the field's enum)",
                        message=f"data/datapackage.json: {s.table}.{s.field} is styled value by value "
                                f"({s.name} in explainer/theme.py) but lists no allowed values (declare them as "
                                f"the field's enum)")]
    where, values = listed
    return [Problem(s.table, None, s.field, v, f"an entry in theme.{s.name} for every allowed value",
                    message=f"data/datapackage.json: {s.table}.{s.field} '{v}' has no {s.gives} in the theme (add "
                            f"it to {s.name} in explainer/theme.py, or take it out of the enum of {where})")
            for v in values if v not in s.entries]
