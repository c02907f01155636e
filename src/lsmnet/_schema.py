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
``date``    a date as people type it: ISO 8601, ``dd/mm/yyyy`` (day first by default), a bare
            year, Excel date cells, ``15 Maret 2019`` (``datetime64[ns]``, ``NaT`` when empty).
``rating``  a number inside the rating scale (``float64``, NaN when not answered).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from lsmnet._i18n import catalogue

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
        _col("dissolved", "date", "Date (or year) the organisation closed (NaT: still exists)."),
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

#: Other spellings accepted for table (file or sheet) names (more, in Indonesian too, in
#: ``locale/schema.json``; see :func:`table_for`).
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


# -- bilingual names (issue 15): locale/schema.json -----------------------------------------


def norm_key(text) -> str:
    """A name in comparable form: NFKC, case-folded, punctuation and spaces as one space.

    Examples
    --------
    >>> norm_key("  Tanggal_Mulai ") == norm_key("tanggal-mulai") == "tanggal mulai"
    True
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@functools.cache
def _spellings() -> dict:
    """The schema catalogue's spellings, keyed by :func:`norm_key`."""
    cat = catalogue("schema")
    tables = {norm_key(s): t for t, names in cat["tables"].items() for s in names}
    tables.update({norm_key(t): t for t in TABLES})
    columns = {}
    for table, cols in cat["columns"].items():
        found = {norm_key(c.name): c.name for c in TABLES[table]}
        for col, names in cols.items():
            found.update({norm_key(s): col for s in names})
        columns[table] = found
    items = {norm_key(s): item for item, names in cat["items"].items() for s in names}
    values = {
        field: {norm_key(s): value for value, names in vocab.items() for s in names}
        for field, vocab in cat["values"].items()
    }
    return {"tables": tables, "columns": columns, "items": items, "values": values}


def table_for(name) -> str | None:
    """The table (or ``"meta"``) a file or sheet name stands for, in English or Indonesian.

    Examples
    --------
    >>> table_for("Penilaian Kepercayaan"), table_for("organisations.csv"[:-4]), table_for("x")
    ('ratings', 'organizations', None)
    """
    return _spellings()["tables"].get(norm_key(name))


def column_for(table: str, header) -> str | None:
    """The schema column of ``table`` that a header stands for (English or Indonesian).

    Examples
    --------
    >>> column_for("memberships", "Tanggal Mulai"), column_for("organizations", "Nama Organisasi")
    ('start', 'name')
    """
    return _spellings()["columns"].get(table, {}).get(norm_key(header))


def item_for(header) -> str | None:
    """The default rating item a header stands for (``Keandalan`` -> ``reliability``)."""
    return _spellings()["items"].get(norm_key(header))


def value_for(field: str, value) -> str | None:
    """The canonical value of a categorical cell (``type``, ``kind``, ``role``, ``layer``).

    Examples
    --------
    >>> value_for("type", "LSM"), value_for("role", "Ketua"), value_for("layer", "advokasi")
    ('ngo', 'chair', 'advocacy')
    """
    return _spellings()["values"].get(field, {}).get(norm_key(value))


def known_headers(table: str) -> dict[str, str]:
    """Every accepted spelling (normalised) of ``table``'s columns -> its schema column."""
    return dict(_spellings()["columns"].get(table, {}))
