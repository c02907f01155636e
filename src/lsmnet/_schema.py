"""The tables of :class:`lsmnet.model.NetworkData`: their columns, dtypes, vocabularies and docs.

This module is the single source of truth for the data model. The validator
(:mod:`lsmnet._checks`), the loaders (:mod:`lsmnet.io.tables`) and the documentation all read
the definitions below, so a column is added or changed in one place.

Column kinds
------------
``id``      non-empty string (``string`` dtype); identifiers and references to them.
``text``    free text (``string`` dtype, ``<NA>`` when empty).
``choice``  one value from a fixed vocabulary, matched case-insensitively (``string``).
``layer``   a tie layer: one of :data:`KNOWN_LAYERS` or a layer declared with ``layers=``.
``multi``   several values separated by ``|`` in files; a ``tuple`` of str per row.
``year``    a whole number (``Int64``, ``<NA>`` when empty).
``amount``  a finite number >= 0 (``float64``); empty cells take the column default.
``bool``    true/false/yes/no/ya/tidak/1/0 (``boolean``, ``<NA>`` when empty).
``date``    ISO 8601 date (``datetime64[ns]``, ``NaT`` when empty).
``rating``  a number inside the rating scale (``float64``, NaN when not answered).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COALITION_KINDS",
    "DEFAULT_LAYERS",
    "DEFAULT_SCALE",
    "KNOWN_LAYERS",
    "ORG_TYPES",
    "ROLES",
    "TABLES",
    "TABLE_ALIASES",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "ColumnSpec",
]

DEFAULT_LAYERS = ("operational", "advocacy", "capacity", "network")
KNOWN_LAYERS = (*DEFAULT_LAYERS, "funding", "competition")
ORG_TYPES = ("ngo", "cbo", "ingo", "funder", "government", "academic", "private", "other")
COALITION_KINDS = ("coalition", "alliance", "network", "forum")
ROLES = ("member", "chair", "secretariat", "founder")
TRUST_ITEMS = ("reliability", "mission", "openness")
VALUE_ITEMS = ("power", "involvement", "resources")
DEFAULT_SCALE = (1, 4)

#: Truthy and falsy spellings accepted in boolean columns (English and Indonesian).
TRUE_WORDS = ("true", "yes", "ya", "y", "1", "t")
FALSE_WORDS = ("false", "no", "tidak", "n", "0", "f")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table: its name, kind, whether it must be present, default and doc."""

    name: str
    kind: str
    doc: str
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()


def _col(name, kind, doc, **kw) -> ColumnSpec:
    return ColumnSpec(name, kind, doc, **kw)


#: Table name -> its columns, in the order the container and the files use.
TABLES: dict[str, tuple[ColumnSpec, ...]] = {
    "organizations": (
        _col("org_id", "id", "Unique identifier of the organisation.", required=True),
        _col("name", "text", "Display name (any script; kept exactly)."),
        _col("type", "choice", "Kind of organisation.", choices=ORG_TYPES),
        _col("province", "text", "Province or region."),
        _col("issues", "multi", "Issue areas, ``|``-separated in files."),
        _col("founded", "year", "Year founded."),
        _col("budget", "amount", "Annual budget (any currency, >= 0)."),
        _col("respondent", "bool", "Whether the organisation answered the survey."),
    ),
    "coalitions": (
        _col("coalition_id", "id", "Unique identifier of the coalition.", required=True),
        _col("name", "text", "Display name."),
        _col("kind", "choice", "Kind of coalition.", choices=COALITION_KINDS),
        _col("focus", "multi", "Focus areas, ``|``-separated in files."),
        _col("founded", "year", "Year founded."),
    ),
    "memberships": (
        _col("org_id", "id", "Member organisation (an ``org_id``).", required=True),
        _col("coalition_id", "id", "Coalition (a ``coalition_id``).", required=True),
        _col("role", "choice", "Role in the coalition.", choices=ROLES, default="member"),
        _col("start", "date", "Date the membership began (NaT: unknown/always)."),
        _col("end", "date", "Date the membership ended (NaT: still open)."),
        _col("weight", "amount", "Strength of the membership (>= 0).", default=1.0),
    ),
    "ties": (
        _col("source", "id", "Organisation the tie starts from (an ``org_id``).", required=True),
        _col("target", "id", "Organisation the tie points to (an ``org_id``).", required=True),
        _col("layer", "layer", "Kind of relationship (see ``layers``).", required=True),
        _col("weight", "amount", "Strength of the tie (>= 0).", default=1.0),
        _col("directed", "bool", "Whether the tie has a direction (default: funding only)."),
        _col("start", "date", "Date the tie began (NaT: unknown/always)."),
        _col("end", "date", "Date the tie ended (NaT: still open)."),
        _col("amount", "amount", "Money transferred (funding ties; >= 0)."),
        _col("reported_by", "text", "Who reported the tie (e.g. the answering org_id)."),
    ),
    "ratings": (
        _col("rater", "id", "Organisation giving the rating (an ``org_id``).", required=True),
        _col("ratee", "id", "Organisation being rated (an ``org_id``).", required=True),
    ),
}

#: Other spellings accepted for table (file or sheet) names.
TABLE_ALIASES = {
    "organisations": "organizations",
    "organization": "organizations",
    "organisation": "organizations",
    "coalition": "coalitions",
    "membership": "memberships",
    "tie": "ties",
    "rating": "ratings",
}

#: Columns that refer to another table: (table, column) -> (referenced table, id column).
REFERENCES = {
    ("memberships", "org_id"): ("organizations", "org_id"),
    ("memberships", "coalition_id"): ("coalitions", "coalition_id"),
    ("ties", "source"): ("organizations", "org_id"),
    ("ties", "target"): ("organizations", "org_id"),
    ("ratings", "rater"): ("organizations", "org_id"),
    ("ratings", "ratee"): ("organizations", "org_id"),
}

#: Tables whose first column is a unique identifier.
ID_COLUMNS = {"organizations": "org_id", "coalitions": "coalition_id"}


def columns(table: str) -> tuple[str, ...]:
    """Return the schema column names of ``table`` (ratings: without the item columns).

    Examples
    --------
    >>> columns("memberships")
    ('org_id', 'coalition_id', 'role', 'start', 'end', 'weight')
    """
    return tuple(c.name for c in TABLES[table])


def spec(table: str, column: str) -> ColumnSpec | None:
    """Return the :class:`ColumnSpec` of ``table.column``, or None for a non-schema column."""
    for c in TABLES[table]:
        if c.name == column:
            return c
    return None


def required(table: str) -> tuple[str, ...]:
    """Return the names of the columns that ``table`` must have.

    Examples
    --------
    >>> required("ties")
    ('source', 'target', 'layer')
    """
    return tuple(c.name for c in TABLES[table] if c.required)
