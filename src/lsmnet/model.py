"""The data container of lsmnet: :class:`NetworkData` and :func:`from_frames`.

A :class:`NetworkData` holds five validated pandas tables (``organizations``, ``coalitions``,
``memberships``, ``ties``, ``ratings``) and the settings needed to read them (rating scale,
rating items, allowed tie layers). Every table is always a DataFrame with a RangeIndex and
the schema columns, empty when absent. See :mod:`lsmnet._schema` for each column.
"""

from __future__ import annotations

import csv
import datetime
import html
import sys
import tomllib
import warnings
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from lsmnet import _arguments, _checks, _parse
from lsmnet._i18n import catalogue, check_lang
from lsmnet._problems import (
    Origin,
    Problems,
    frame_origin,
    many,
    message,
    problem_report,
    public,
    suggest,
)
from lsmnet._schema import (
    COALITION_KINDS,
    DEFAULT_LAYERS,
    DEFAULT_SCALE,
    KNOWN_LAYERS,
    ORG_TYPES,
    ROLES,
    TABLES,
    TRUST_ITEMS,
    VALUE_ITEMS,
    column_for,
    item_for,
    known_headers,
    norm_key,
)
from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning, SchemaError

__all__ = [
    "COALITION_KINDS",
    "DEFAULT_LAYERS",
    "KNOWN_LAYERS",
    "ORG_TYPES",
    "ROLES",
    "TABLE_NAMES",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "NearDuplicateWarning",
    "NetworkData",
    "RowsSetAsideWarning",
    "UnusedColumnWarning",
    "from_frames",
]

#: The five tables of a :class:`NetworkData`, in order.
TABLE_NAMES = tuple(TABLES)
#: How many organisation names the notebook summary shows.
_SHOWN_NAMES = 5


class RowsSetAsideWarning(LsmnetWarning):
    """Rows were set aside while loading with ``errors="collect"`` (see ``data.set_aside``).

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"org_id": ["a", "b"]})
    >>> ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "zz"], "layer": "advocacy"})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     data = from_frames(orgs, ties=ties, errors="collect")
    >>> [type(w.message).__name__ for w in caught], len(data.set_aside)
    (['RowsSetAsideWarning'], 1)
    """


class UnusedColumnWarning(LsmnetWarning):
    """A header matched no schema column but resembles one ("did you mean ...?").

    Attributes ``file``, ``column`` and ``suggestion`` say where; :meth:`text` gives the
    message in English or Indonesian (for the command line).

    Parameters
    ----------
    file : str
        The file (or table) whose header it is.
    column : str
        The header as written.
    suggestion : str
        The schema column it resembles.

    Examples
    --------
    >>> w = UnusedColumnWarning("orgs.csv", "nmae", "name")
    >>> w.suggestion, isinstance(w, UserWarning)
    ('name', True)
    """

    def __init__(self, file: str, column: str, suggestion: str):
        self.file, self.column, self.suggestion = file, column, suggestion
        super().__init__(
            f"{self.text('en')} Fix: rename the header, or map it with "
            f"columns={{{column!r}: {suggestion!r}}}."
        )

    def text(self, lang: str = "en") -> str:
        """The warning in ``lang``, without the fix.

        Parameters
        ----------
        lang : {"en", "id"}, default "en"
            English or Indonesian.

        Returns
        -------
        str
            One sentence naming the file, the header and the column it resembles.

        Examples
        --------
        >>> UnusedColumnWarning("orgs.csv", "nmae", "name").text("en")
        "column 'nmae' in orgs.csv is not used — did you mean 'name'?"
        """
        template = catalogue("schema")["problems"]["unused_column"][check_lang(lang, "text")]
        return template.format(file=self.file, column=self.column, suggestion=self.suggestion)


class NearDuplicateWarning(LsmnetWarning):
    """Two organisations' names are nearly the same; nothing was merged (see ``aliases=``).

    ``duplicates`` holds the pairs (:func:`lsmnet.io.names.near_duplicates`); :meth:`text`
    gives the message in English or Indonesian, with a Python or command-line hint.

    Parameters
    ----------
    duplicates : pandas.DataFrame
        The likely pairs, as returned by :func:`lsmnet.io.names.near_duplicates`.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> orgs = pd.DataFrame(
    ...     {"org_id": ["a", "b"], "name": ["Yayasan Lestari Makassar", "Yayasan Lestari Makasar"]}
    ... )
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = from_frames(orgs)
    >>> [type(w.message).__name__ for w in caught]
    ['NearDuplicateWarning']
    >>> len(caught[0].message.duplicates)
    1
    """

    def __init__(self, duplicates: pd.DataFrame):
        self.duplicates = duplicates
        super().__init__(self.text())

    def text(self, lang: str = "en", audience: str = "python") -> str:
        """The warning in ``lang`` for ``audience``.

        Parameters
        ----------
        lang : {"en", "id"}, default "en"
            English or Indonesian.
        audience : {"python", "cli"}, default "python"
            Whose hint to give: the ``aliases=`` parameter or the ``--aliases`` option.

        Returns
        -------
        str
            The pairs and the hint, as one paragraph.

        Examples
        --------
        >>> import pandas as pd
        >>> from lsmnet.io.names import near_duplicates
        >>> pairs = near_duplicates(["Yayasan Lestari Makassar", "Yayasan Lestari Makasar"])
        >>> "--aliases" in NearDuplicateWarning(pairs).text("en", audience="cli")
        True
        """
        none = pd.DataFrame(columns=["table", "file", "row", "column", "value", "problem", "fix"])
        lines = problem_report(none, lang=lang, audience=audience, duplicates=self.duplicates)
        return lines[-1]


class NetworkData:
    """Validated tables describing organisations, coalitions and the ties between them.

    Build one with :func:`from_frames` or :func:`lsmnet.read`; calling the class directly
    takes the same arguments as :func:`from_frames`.

    Parameters
    ----------
    organizations, coalitions, memberships, ties, ratings : pandas.DataFrame, optional
        The tables, as for :func:`from_frames`.
    **kwargs
        The keyword arguments of :func:`from_frames` (``scale``, ``layers``, ``errors``, ...).

    Attributes
    ----------
    organizations, coalitions, memberships, ties, ratings : pandas.DataFrame
        The tables (see :func:`from_frames` for their columns). Treat them as read-only.
    scale : tuple of (float, float)
        Lowest and highest rating.
    trust_items, value_items : tuple of str
        Rating item columns of ``ratings``.
    layers : tuple of str
        Tie layers allowed: :data:`KNOWN_LAYERS` plus any declared with ``layers=``.
    meta : dict
        ``source``, ``provenance`` and ``notes`` (str or None) plus loader details such as
        ``blank_rows`` (blank rows skipped per file).
    set_aside : pandas.DataFrame
        Rows left out by ``errors="collect"``: table, file, row, column, value, problem, fix.

    Examples
    --------
    >>> import pandas as pd
    >>> data = NetworkData(
    ...     organizations=pd.DataFrame({"org_id": ["a", "b"], "name": ["Yayasan A", "LSM B"]}),
    ...     ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["advocacy"]}),
    ... )
    >>> data.ties[["source", "target", "layer", "weight", "directed"]]
      source target     layer  weight  directed
    0      a      b  advocacy     1.0     False
    """

    # declared for type checkers: from_frames sets them (instances hold no other state)
    organizations: pd.DataFrame
    coalitions: pd.DataFrame
    memberships: pd.DataFrame
    ties: pd.DataFrame
    ratings: pd.DataFrame
    scale: tuple[float, float]
    trust_items: tuple[str, ...]
    value_items: tuple[str, ...]
    layers: tuple[str, ...]
    meta: dict[str, Any]
    set_aside: pd.DataFrame

    def __init__(
        self,
        organizations: pd.DataFrame | None = None,
        coalitions: pd.DataFrame | None = None,
        memberships: pd.DataFrame | None = None,
        ties: pd.DataFrame | None = None,
        ratings: pd.DataFrame | None = None,
        **kwargs: Any,
    ) -> None:
        built = from_frames(organizations, coalitions, memberships, ties, ratings, **kwargs)
        self.__dict__.update(built.__dict__)

    @classmethod
    def _from_tables(cls, tables, *, scale, layers, items, meta, set_aside):
        self = cls.__new__(cls)
        for name in TABLE_NAMES:
            setattr(self, name, tables[name])
        self.scale = scale
        self.trust_items, self.value_items = items
        self.layers = layers
        self.meta = meta
        self.set_aside = set_aside
        return self

    # -- views ---------------------------------------------------------------------------
    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, t))} {t}" for t in TABLE_NAMES)
        used = self.ties["layer"].value_counts(sort=False)
        layer_text = ", ".join(f"{k} ({v})" for k, v in used.items()) or "none"
        items = "; ".join(
            f"{', '.join(names)} ({group})"
            for names, group in ((self.trust_items, "trust"), (self.value_items, "value"))
            if names
        )
        lines = [
            f"<NetworkData: {counts}>",
            f"  tie layers: {layer_text}",
            f"  rating scale: {_num(self.scale[0])}-{_num(self.scale[1])}; items: "
            f"{items or 'none'}",
        ]
        extra = [lay for lay in self.layers if lay not in KNOWN_LAYERS]
        if extra:
            lines.append(f"  declared layers: {', '.join(extra)}")
        if self.meta.get("source"):
            lines.append(f"  source: {self.meta['source']}")
        if self.meta.get("at") is not None:
            lines.append(f"  snapshot at: {self.meta['at']}")
        if self.meta.get("default_layer"):
            lines.append(
                f"  every tie has the layer {self.meta['default_layer']!r} (no layer column)"
            )
        if self.meta.get("combined_ties"):
            lines.append(f"  repeated ties combined: {self.meta['combined_ties']} rows")
        blanks = self.meta.get("blank_rows") or {}
        if blanks:
            where = ", ".join(blanks)
            lines.append(f"  blank rows skipped: {sum(blanks.values())} ({where})")
        if len(self.set_aside):
            lines.append(f"  set aside: {len(self.set_aside)} rows (see .set_aside)")
        return "\n".join(lines)

    def _summary_rows(self) -> list[tuple[str, str]]:
        """``(what, value)`` text pairs of the notebook summary (plain text, not escaped):
        counts of organisations (with the first names), coalitions, memberships, ties (in all,
        then per layer), ratings and set-aside rows, then the default layer and the repeated
        ties combined while loading, ``meta``'s source, snapshot date and notes when present."""
        names = self.organizations["name"] if "name" in self.organizations else None
        if names is None or names.isna().all():
            names = self.organizations["org_id"]
        shown = [str(n) for n in names.dropna().head(_SHOWN_NAMES)]
        more = ", ..." if len(self.organizations) > _SHOWN_NAMES else ""
        orgs = f"{len(self.organizations)}" + (f": {', '.join(shown)}{more}" if shown else "")
        rows = [
            ("organisations", orgs),
            ("coalitions", str(len(self.coalitions))),
            ("memberships", str(len(self.memberships))),
            ("ties", str(len(self.ties))),
        ]
        used = self.ties["layer"].value_counts(sort=False)
        rows += [(f"ties: {layer}", str(count)) for layer, count in used.items()]
        rows.append(("ratings", str(len(self.ratings))))
        rows.append(("set aside", f"{len(self.set_aside)} rows"))
        if self.meta.get("default_layer"):
            layer = self.meta["default_layer"]
            rows.append(("tie layer", f"every tie has the layer {layer!r} (no layer column)"))
        if self.meta.get("combined_ties"):
            rows.append(("repeated ties combined", f"{self.meta['combined_ties']} rows"))
        for key, what in (("source", "source"), ("at", "snapshot at"), ("notes", "notes")):
            if self.meta.get(key) is not None and self.meta.get(key) != "":
                rows.append((what, str(self.meta[key])))
        return rows

    def _repr_html_(self) -> str:
        """The summary as a small HTML table (Jupyter shows it for a NetworkData).

        Every text is escaped: organisation names, layer names and the source are the
        user's text.
        """
        body = "".join(
            f'<tr><th scope="row" style="text-align:left">{html.escape(what)}</th>'
            f'<td style="text-align:left">{html.escape(value)}</td></tr>'
            for what, value in self._summary_rows()
        )
        return f'<table class="lsmnet-summary"><caption>NetworkData</caption>{body}</table>'

    def _replace(self, **tables) -> NetworkData:
        current = {t: getattr(self, t) for t in TABLE_NAMES} | tables
        return NetworkData._from_tables(
            current,
            scale=self.scale,
            layers=self.layers,
            items=(self.trust_items, self.value_items),
            meta=dict(self.meta),
            set_aside=self.set_aside.copy(),
        )

    def at(self, when: int | str | datetime.date) -> NetworkData:
        """Return the snapshot of the network as it was at a date or during a year.

        Parameters
        ----------
        when : int, str, datetime.date or pandas.Timestamp
            An integer year ``Y`` keeps every row active at any time during ``Y``; a date
            keeps the rows active on that day. Start and end dates are inclusive and a missing
            start or end means "open".

        Returns
        -------
        NetworkData
            The organisations that existed then, with the memberships and ties active then
            and the ratings between organisations that existed; same coalitions.
            ``meta["at"]`` records ``when``.

        Raises
        ------
        InvalidParameterError
            If ``when`` is neither a year nor a date.

        Notes
        -----
        An organisation exists from 1 January of its ``founded`` year (or, when that is
        missing, from the start of its first membership) until its ``dissolved`` date (or,
        when that is missing, the end of its last membership). A missing bound is open: an
        organisation without ``founded``, ``dissolved`` or dated memberships always exists.
        Memberships, ties and ratings of an organisation that did not exist are dropped too.

        Examples
        --------
        >>> import pandas as pd
        >>> data = from_frames(memberships=pd.DataFrame({
        ...     "org_id": ["a", "b"], "coalition_id": ["c", "c"],
        ...     "start": ["2018-01-01", "2021-06-01"], "end": ["2019-12-31", None]}))
        >>> data.at(2019).memberships["org_id"].tolist()
        ['a']
        >>> data.at("2022-01-01").memberships["org_id"].tolist()
        ['b']
        >>> data.at(2019).organizations["org_id"].tolist()  # b joined (first existed) in 2021
        ['a']
        """
        lo, hi = _arguments.check_when(when, "NetworkData.at")
        first, last = _lifetimes(self.organizations, self.memberships)
        exists = (first.isna() | (first <= hi)) & (last.isna() | (last >= lo))
        orgs = self.organizations[exists.to_numpy(bool)].reset_index(drop=True)
        known = orgs["org_id"]

        def alive(frame, cols):
            keep = np.ones(len(frame), bool)
            for col in cols:
                keep &= frame[col].isin(known).to_numpy(bool)
            return frame[keep].reset_index(drop=True)

        snap = self._replace(
            organizations=orgs,
            memberships=alive(_active(self.memberships, lo, hi), ("org_id",)),
            ties=alive(_active(self.ties, lo, hi), ("source", "target")),
            ratings=alive(self.ratings, ("rater", "ratee")),
        )
        snap.meta["at"] = when
        return snap

    def coalition_members(
        self, coalition_id: str, *, at: int | str | datetime.date | None = None
    ) -> list[str]:
        """Return the org_ids of a coalition's members, in membership-table order.

        Parameters
        ----------
        coalition_id : str
            A ``coalition_id`` of ``coalitions``.
        at : int, str or date, optional
            Only members active then (see :meth:`at`).

        Returns
        -------
        list of str
            Each member once.

        Raises
        ------
        InvalidParameterError
            If the coalition is unknown.

        Examples
        --------
        >>> import pandas as pd
        >>> data = from_frames(memberships=pd.DataFrame(
        ...     {"org_id": ["a", "b", "a"], "coalition_id": ["c1", "c1", "c2"]}))
        >>> data.coalition_members("c1")
        ['a', 'b']
        """
        known = self.coalitions["coalition_id"]
        if not (known == coalition_id).any():
            from lsmnet._problems import suggest

            raise InvalidParameterError(
                "The 'coalition_id' parameter of coalition_members must be a coalition_id of "
                f"data.coalitions{suggest(str(coalition_id), known.dropna())}. "
                f"Got {coalition_id!r}."
            )
        members = self.memberships if at is None else self.at(at).memberships
        chosen = members.loc[members["coalition_id"] == coalition_id, "org_id"]
        return [str(v) for v in chosen.drop_duplicates()]

    # -- export --------------------------------------------------------------------------
    def to_csv(self, folder: str | PathLike[str]) -> None:
        """Write one CSV per table plus ``meta.csv`` into ``folder``.

        See :func:`lsmnet.io.tables.write_csv` for the format; reading the folder back with
        :func:`lsmnet.read` returns equal data.

        Parameters
        ----------
        folder : str or path-like
            The folder to write into (created if missing).

        Examples
        --------
        >>> import tempfile, pandas as pd, lsmnet
        >>> data = from_frames(pd.DataFrame({"org_id": ["a"], "name": ["Désa Makmur"]}))
        >>> folder = tempfile.mkdtemp()
        >>> data.to_csv(folder)
        >>> lsmnet.read(folder).organizations["name"].tolist()
        ['Désa Makmur']
        """
        from lsmnet.io._write import tables_to_csv

        tables_to_csv(self, folder)

    def to_excel(self, path: str | PathLike[str]) -> None:
        """Write an .xlsx workbook with one sheet per table plus a ``meta`` sheet.

        See :func:`lsmnet.io.tables.write_excel` for the format; reading it back with
        :func:`lsmnet.read` returns equal data.

        Parameters
        ----------
        path : str or path-like
            The ``.xlsx`` file to write.

        Examples
        --------
        >>> import tempfile, pathlib, pandas as pd, lsmnet
        >>> data = from_frames(pd.DataFrame({"org_id": ["a"], "issues": ["HAM|gender"]}))
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.xlsx"
        >>> data.to_excel(path)
        >>> lsmnet.read(path).organizations["issues"].tolist()
        [('HAM', 'gender')]
        """
        from lsmnet.io._write import tables_to_excel

        tables_to_excel(self, path)


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _lifetimes(orgs: pd.DataFrame, memberships: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """When each organisation began and ceased to exist (NaT: open), aligned with ``orgs``."""
    ids = orgs["org_id"]
    years = orgs["founded"].to_numpy(float, na_value=np.nan)
    inside = (years > 1678) & (years < 2262)
    founded = pd.Series(pd.NaT, index=orgs.index, dtype="datetime64[ns]")
    founded[inside] = pd.to_datetime(years[inside].astype(int).astype(str), format="%Y")
    by_org = memberships["org_id"]
    open_start = memberships["start"].isna().groupby(by_org).any()
    open_end = memberships["end"].isna().groupby(by_org).any()
    first = memberships["start"].groupby(by_org).min().where(~open_start.astype(bool))
    last = memberships["end"].groupby(by_org).max().where(~open_end.astype(bool))
    keys = ids.astype(object).to_numpy()

    def per_org(values):
        values = values.astype("datetime64[ns]").reindex(keys)
        return pd.Series(values.to_numpy(), index=orgs.index, dtype="datetime64[ns]")

    first = founded.fillna(per_org(first))
    last = orgs["dissolved"].fillna(per_org(last))
    return first, last


def _active(frame: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp) -> pd.DataFrame:
    keep = (frame["start"].isna() | (frame["start"] <= hi)) & (
        frame["end"].isna() | (frame["end"] >= lo)
    )
    return frame[keep.to_numpy(bool)].reset_index(drop=True)


def from_frames(
    organizations: pd.DataFrame | None = None,
    coalitions: pd.DataFrame | None = None,
    memberships: pd.DataFrame | None = None,
    ties: pd.DataFrame | None = None,
    ratings: pd.DataFrame | None = None,
    *,
    scale: tuple[float, float] = DEFAULT_SCALE,
    layers: Sequence[str] | None = None,
    items: Mapping[str, Sequence[str]] | None = None,
    columns: Mapping[str, str]
    | Mapping[str, Mapping[str, str]]
    | str
    | PathLike[str]
    | None = None,
    errors: Literal["raise", "collect"] = "raise",
    source: str | None = None,
    meta: Mapping[str, Any] | None = None,
    dayfirst: bool = True,
    aliases: Mapping[str, str] | pd.DataFrame | str | PathLike[str] | None = None,
    duplicates: Literal["error", "sum", "max", "first"] = "error",
) -> NetworkData:
    """Validate pandas DataFrames and return them as a :class:`NetworkData`.

    Parameters
    ----------
    organizations : pandas.DataFrame, optional
        Columns: **org_id** (unique), name, type (one of :data:`ORG_TYPES`), province,
        issues (``|``-separated or list-like), founded (year), budget (>= 0), respondent
        (true/false/yes/no/ya/tidak/1/0). When omitted, the organisations referred to by the
        other tables are listed with only their ``org_id``.
    coalitions : pandas.DataFrame, optional
        Columns: **coalition_id** (unique), name, kind (one of :data:`COALITION_KINDS`),
        focus (multi-valued), founded. When omitted, made from the memberships' ids.
    memberships : pandas.DataFrame, optional
        Columns: **org_id**, **coalition_id**, role (one of :data:`ROLES`, default member),
        start, end (ISO dates; a bare year as ``end`` means 31 December), weight (default 1).
    ties : pandas.DataFrame, optional
        Columns: **source**, **target**, **layer** (one of ``layers``), weight (default 1),
        directed (default true for ``funding`` ties only), start, end, amount (>= 0),
        reported_by. Extra columns of these four tables are kept as text.
    ratings : pandas.DataFrame, optional
        Columns: **rater**, **ratee** and one column per rating item (NaN = not answered).
    scale : tuple of (number, number), default (1, 4)
        Lowest and highest possible rating.
    layers : sequence of str, optional
        Extra tie layers to allow besides :data:`KNOWN_LAYERS` (a misspelt layer is an error,
        not a new layer).
    items : mapping, optional
        ``{"trust": [...], "value": [...]}`` rating items; defaults :data:`TRUST_ITEMS` and
        :data:`VALUE_ITEMS`.
    columns : mapping, str or path-like, optional
        Your header -> schema column, either per table (``{"ties": {"from": "source"}}``) or
        flat for every table (``{"from": "source", "to": "target"}``); or the path of a
        mapping file: a CSV file with columns ``source,target`` (and optionally ``table``) or a
        TOML file (``[ties]`` then ``from = "source"``, or flat ``from = "source"``). Headers
        are otherwise matched ignoring case, spaces and punctuation, in English or Indonesian
        (``"Org ID"`` is ``org_id``, ``"Nama Organisasi"`` is ``name``, ``"Tanggal Mulai"`` is
        ``start``; the spellings are in ``lsmnet/locale/schema.json``).
    errors : {"raise", "collect"}, default "raise"
        ``"raise"``: raise :class:`~lsmnet.SchemaError` listing every problem. ``"collect"``:
        keep the valid rows and list every other row, with its reasons, in ``.set_aside`` (rows
        that refer to a set-aside organisation or coalition are set aside too).
    source : str, optional
        Where the data comes from; stored in ``meta["source"]``.
    meta : mapping, optional
        Further metadata (``provenance``, ``notes``, ...).
    dayfirst : bool, default True
        Read ``01/02/2022`` as 1 February (day first, the Indonesian convention); False reads
        it month first. Dates valid only in the other order are reported, with this hint.
    aliases : dict, pandas.DataFrame, str or path-like, optional
        Alias table (columns ``alias``, ``canonical``; see
        :func:`lsmnet.io.names.read_aliases`) merging organisations entered twice: each
        organisation whose name (or ``org_id``) is an alias takes the ``org_id`` of the one
        named ``canonical`` in every table, and its own row is dropped. Without it nothing is
        merged.
    duplicates : {"error", "sum", "max", "first"}, default "error"
        What to do with ties that repeat another tie in every column but ``weight`` and
        ``amount`` (count data, edge lists): report them (``"error"``), or combine them into
        one tie whose weight and amount are the sum, the maximum, or those of the first row.
        ``meta["combined_ties"]`` counts the rows combined away.

    Returns
    -------
    NetworkData
        ``meta["near_duplicates"]`` (only when some are found) lists likely duplicate
        organisations as ``(name, duplicate_of)`` pairs (see
        :func:`lsmnet.io.names.near_duplicates` for the table and
        :func:`lsmnet.io.names.alias_table` for the alias table that would merge them);
        ``meta["merged"]`` lists ``(org_id, into org_id)`` pairs merged by ``aliases``.
        Ties read from a plain edge list: without a ``layer`` column every tie gets the layer
        ``"network"`` (``meta["default_layer"]``, shown in the summary); a ``year`` or ``date``
        column (``tahun``, ``tanggal``) gives the tie's ``start`` and ``end``.

    Raises
    ------
    SchemaError
        With ``errors="raise"``, if any problem is found. Its message lists each problem with
        file, row (header = row 1, first data row = row 2; for a DataFrame also its position),
        column, value and fix; ``.problems`` holds them as a DataFrame with columns table,
        file, row, column, value, problem, fix.
    InvalidParameterError
        If an argument other than the tables is invalid.

    Warns
    -----
    RowsSetAsideWarning
        With ``errors="collect"``, when rows were set aside.
    LsmnetWarning
        When an entry of ``columns=`` matches no header.
    UnusedColumnWarning
        When a header is not used but resembles a schema column ("did you mean ...?").
    NearDuplicateWarning
        When two organisations' names are nearly the same (see ``aliases``).

    Notes
    -----
    Rules checked (each problem is reported, never just the first): required columns present
    and headers not repeated; ids present and ``org_id``/``coalition_id`` unique; memberships,
    ties and ratings refer to known organisations and coalitions; no tie or rating from an
    organisation to itself; dates parse (ISO 8601, ``dd/mm/yyyy``, ``15 Maret 2019``, Excel
    dates, years) and ``start <= end``; weights, amounts and
    budgets are numbers >= 0 and ``founded`` a whole number; ratings are numbers inside
    ``scale``; layers are known or declared; type, kind and role are in their vocabularies
    (English or Indonesian: ``lsm``, ``ketua``, ``advokasi``);
    booleans are true/false/yes/no/ya/tidak/1/0; no exact duplicate ties or memberships and
    one rating per rater and ratee. Rows that refer to a set-aside organisation or coalition
    are set aside too in ``errors="collect"`` mode, with that reason, so that for every table
    rows in = rows kept + rows set aside.

    Text is trimmed, and empty cells are missing values. The checks are vectorised: validating
    100,000 ties takes about a second.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"org_id": ["lbh", "walhi"], "type": ["NGO", "ngo"],
    ...                      "issues": ["hukum|HAM", "lingkungan"]})
    >>> ties = pd.DataFrame({"from": ["lbh"], "to": ["walhi"], "layer": ["advocacy"]})
    >>> data = from_frames(orgs, ties=ties, columns={"from": "source", "to": "target"})
    >>> data.organizations[["org_id", "type", "issues"]]
      org_id type       issues
    0    lbh  ngo  (hukum, HAM)
    1  walhi  ngo (lingkungan,)
    >>> bad = pd.DataFrame({"Dari": ["lbh"], "Ke": ["lbh"], "Jenis Kemitraan": ["advokasi"],
    ...                     "Bobot": ["dua"]})
    >>> from_frames(orgs, ties=bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.SchemaError: Found 2 problem(s) of 2 kind(s) in the data; nothing ...
    """
    return _from_frames(
        organizations,
        coalitions,
        memberships,
        ties,
        ratings,
        scale=scale,
        layers=layers,
        items=items,
        columns=columns,
        errors=errors,
        source=source,
        meta=meta,
        dayfirst=dayfirst,
        aliases=aliases,
        duplicates=duplicates,
    )


def _from_frames(
    organizations=None,
    coalitions=None,
    memberships=None,
    ties=None,
    ratings=None,
    *,
    scale=DEFAULT_SCALE,
    layers=None,
    items=None,
    columns=None,
    errors="raise",
    source=None,
    meta=None,
    dayfirst=True,
    aliases=None,
    duplicates="error",
    origins=None,
    func="from_frames",
) -> NetworkData:
    """:func:`from_frames` for the readers: ``origins`` maps a table to where its rows came
    from (:class:`lsmnet._problems.Origin`), so that messages name files and rows."""
    check_option(errors, ("raise", "collect"), "errors", func)
    check_option(dayfirst, (True, False), "dayfirst", func)
    check_option(duplicates, ("error", "sum", "max", "first"), "duplicates", func)
    scale = _arguments.check_scale(scale, func)
    layers = _arguments.check_layers(layers, func)
    items = _arguments.check_items(items, func)
    raw = {}
    for name, frame in zip(
        TABLE_NAMES, (organizations, coalitions, memberships, ties, ratings), strict=True
    ):
        if frame is not None and (
            not isinstance(frame, pd.DataFrame) or isinstance(frame.columns, pd.MultiIndex)
        ):
            raise InvalidParameterError(
                f"The {name!r} parameter of {func} must be a pandas DataFrame with one header "
                f"row (not MultiIndex columns), or None. Got {type(frame).__name__}."
            )
        raw[name] = frame
    if isinstance(columns, (str, PathLike)):
        columns = _columns_file(columns, func)
    raw = _arguments.map_columns(raw, columns, func)
    origins = origins or {}
    origins = {
        t: origins.get(t) or frame_origin(t, len(f)) for t, f in raw.items() if f is not None
    }
    raw = {
        t: None if f is None else _bilingual_headers(t, f, items[0] + items[1], origins[t])
        for t, f in raw.items()
    }
    edge_notes = {}
    if raw.get("ties") is not None:
        raw["ties"], origins["ties"], edge_notes = _edge_list(
            raw["ties"], origins["ties"], duplicates
        )
    unknown_items = None
    if errors == "raise" and raw.get("ratings") is not None:
        raw["ratings"], unknown_items = _unknown_items(
            raw["ratings"], origins["ratings"], items[0] + items[1]
        )
    token = _parse.DAYFIRST.set(dayfirst)
    try:
        tables, problems, set_aside = _checks.validate(
            raw, origins, scale=scale, layers=layers, items=items[0] + items[1], errors=errors
        )
    finally:
        _parse.DAYFIRST.reset(token)
    if unknown_items is not None and len(unknown_items):
        problems = _with_header_problems(problems, unknown_items)
    merged = ()
    if aliases is not None:
        tables, merged = _merge_aliases(tables, aliases)
    duplicates = _near_duplicates(tables["organizations"])
    if errors == "raise" and len(problems):
        raise SchemaError(message(problems, origins, duplicates), problems)
    if len(duplicates):
        warnings.warn(NearDuplicateWarning(duplicates), stacklevel=_caller_level())
    if len(set_aside):
        warnings.warn(
            f"{len(set_aside)} row(s) were set aside because of problems; see the "
            "NetworkData's .set_aside table for each row and its reasons.",
            RowsSetAsideWarning,
            stacklevel=_caller_level(),
        )
    info = {"source": source, "provenance": None, "notes": None} | dict(meta or {})
    if source is not None:
        info["source"] = source
    if len(duplicates):
        info["near_duplicates"] = tuple(
            zip(duplicates["name"].tolist(), duplicates["duplicate_of"].tolist(), strict=True)
        )
    if merged:
        info["merged"] = merged
    info.update(edge_notes)
    return NetworkData._from_tables(
        tables, scale=scale, layers=layers, items=items, meta=info, set_aside=set_aside
    )


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside lsmnet."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("lsmnet."):
        frame, level = frame.f_back, level + 1
    return level


def _columns_file(path, func: str) -> dict:
    """Read a ``columns=`` mapping file: CSV (``source,target[,table]``) or TOML."""
    path = Path(path)
    if not path.is_file():
        raise InvalidParameterError(
            f"The 'columns' parameter of {func} names the mapping file {str(path)!r}, which "
            "does not exist."
        )
    if path.suffix.lower() == ".toml":
        try:
            return tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except tomllib.TOMLDecodeError as err:
            raise SchemaError(
                f"{path.name}: not valid TOML ({err}). Fix: correct the file."
            ) from err
        except RecursionError:  # a hostile file nested thousands of levels deep
            raise SchemaError(
                f"{path.name}: nested too deeply to be a column mapping. Fix: correct the file."
            ) from None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"source", "target"} <= set(rows[0]):
        raise SchemaError(
            f"{path.name}, row 1 (header): a column mapping file needs the columns 'source' "
            "(your header) and 'target' (the lsmnet column), and optionally 'table'. Fix: head "
            "the columns source,target."
        )
    nested: dict = {}
    for row in rows:
        user, ours = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if user and ours:
            nested.setdefault((row.get("table") or "").strip(), {})[user] = ours
    if set(nested) == {""}:
        return nested[""]
    flat = nested.pop("", {})
    return {t: flat | m for t, m in nested.items()} | {
        t: dict(flat) for t in TABLES if t not in nested and flat
    }


def _bilingual_headers(table: str, df: pd.DataFrame, items, origin) -> pd.DataFrame:
    """Rename English/Indonesian spellings of schema columns; warn about look-alikes."""
    from rapidfuzz import fuzz, process

    schema = {c.name for c in TABLES[table]}
    present = {str(h).strip() for h in df.columns}
    rename, unknown = {}, []
    for header in df.columns:
        name = str(header).strip()
        if name in schema or (table == "ratings" and name in items):
            continue
        target = column_for(table, name)
        if target is None and table == "ratings":
            target = item_for(name)
            target = target if target in items else None
        if target is None:
            target = next((i for i in items if norm_key(i) == norm_key(name)), None)
            target = target if table == "ratings" else None
        if target is not None and target not in present and target not in rename.values():
            rename[header] = target
        elif target is None:
            unknown.append(name)
    choices = known_headers(table)
    for name in unknown:
        best = process.extractOne(norm_key(name), list(choices), scorer=fuzz.ratio)
        taken = present | set(rename.values())
        if best is not None and best[1] >= 80 and choices[best[0]] not in taken:
            warnings.warn(
                UnusedColumnWarning(origin.file, name, choices[best[0]]),
                stacklevel=_caller_level(),
            )
    return df.rename(columns=rename) if rename else df


def _unknown_items(df: pd.DataFrame, origin, items) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Take the ratings columns that are not rating items out of ``df`` as header problems.

    The validator would otherwise skip every other check of the ratings table, so that a
    misnamed item column hid the out-of-scale ratings until it was fixed; with it taken out,
    every problem of the table is reported in one pass (``errors="raise"`` only: in
    ``"collect"`` mode the table is still set aside as a whole, so that no column is lost).
    """
    base = {c.name for c in TABLES["ratings"]}
    headers = [str(h).strip() for h in df.columns]
    if len(set(headers)) != len(headers):
        return df, None  # repeated headers: the validator's own header check reports them
    unknown = [h for h, s in zip(df.columns, headers, strict=True) if s not in base | set(items)]
    if not unknown:
        return df, None
    found = Problems()
    for col in unknown:
        found.add_table(
            "ratings",
            origin,
            str(col).strip(),
            str(col).strip(),
            f"{str(col).strip()!r} is not a rating item{suggest(str(col).strip(), items)}",
            f"rename it to one of {many(items)}, or declare it with "
            "items={'trust': [...], 'value': [...]}",
        )
    return df.drop(columns=unknown), public(found.frame())


def _with_header_problems(problems: pd.DataFrame, header: pd.DataFrame) -> pd.DataFrame:
    """``problems`` with the ratings header problems first among the ratings' problems."""
    order = {t: i for i, t in enumerate(TABLES)}
    both = pd.concat([header, problems], ignore_index=True)
    rank = both["table"].map(order).to_numpy()
    both = both.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)
    both["row"] = pd.array(both["row"].tolist(), dtype="Int64")
    return both


def _near_duplicates(orgs: pd.DataFrame) -> pd.DataFrame:
    from lsmnet.io.names import near_duplicates

    names = orgs["name"].astype(object).where(orgs["name"].notna(), None)
    return near_duplicates(names.tolist(), ids=orgs["org_id"].tolist())


def _merge_aliases(tables: dict, aliases) -> tuple[dict, tuple]:
    """Give each aliased organisation its canonical organisation's org_id everywhere."""
    from lsmnet.io.names import normalize_name, read_aliases

    table = read_aliases(aliases)
    orgs = tables["organizations"]
    exact, by_key = {}, {}
    for org_id, name in zip(orgs["org_id"], orgs["name"], strict=True):
        for label in (org_id, name):
            if isinstance(label, str):
                exact.setdefault(label.strip(), org_id)
                by_key.setdefault(normalize_name(label, legal_forms=()), org_id)

    def find(label):  # the exact spelling first: aliases may differ only in spacing
        return exact.get(label, by_key.get(normalize_name(label, legal_forms=())))

    into = {}
    for alias, canonical in table.items():
        a, c = find(alias), find(canonical)
        if a is not None and c is not None and a != c:
            into[a] = c
    for org, target in list(into.items()):
        seen = {org}
        while target in into and target not in seen:  # follow chains to the final org
            seen.add(target)
            target = into[target]
        into[org] = target
    if not into:
        return tables, ()
    out = dict(tables)
    out["organizations"] = orgs[~orgs["org_id"].isin(list(into))].reset_index(drop=True)
    for name, cols in (
        ("memberships", ("org_id",)),
        ("ties", ("source", "target")),
        ("ratings", ("rater", "ratee")),
    ):
        frame = tables[name].copy()
        for col in cols:
            frame[col] = frame[col].replace(into)
        if len(cols) == 2:
            frame = frame[(frame[cols[0]] != frame[cols[1]]).fillna(True).to_numpy(bool)]
        keys = list(cols) + (["coalition_id"] if name == "memberships" else [])
        keys += ["layer"] if name == "ties" else []
        out[name] = frame.drop_duplicates(subset=keys).reset_index(drop=True)
    return out, tuple(sorted(into.items()))


#: The layer of ties read from an edge list without a ``layer`` column.
DEFAULT_EDGE_LAYER = "network"
_TIME_HEADERS = {"year": "year", "tahun": "year", "date": "date", "tanggal": "date"}


def _edge_list(df: pd.DataFrame, origin, duplicates: str):
    """Plain edge lists: a default layer, a year/date column as time, combined duplicates."""
    notes = {}
    headers = {norm_key(h): h for h in df.columns}
    if "layer" not in headers and len(df.columns):
        df = df.assign(layer=DEFAULT_EDGE_LAYER)
        notes["default_layer"] = DEFAULT_EDGE_LAYER
    times = [h for k, h in headers.items() if k in _TIME_HEADERS]
    if times and "start" not in headers and "end" not in headers:
        when = times[0]
        df = df.assign(start=df[when], end=df[when]).drop(columns=[when])
    if duplicates == "error" or not {"source", "target"} <= set(df.columns):
        return df, origin, notes
    amounts = [c for c in ("weight", "amount") if c in df.columns]
    keys = [c for c in df.columns if c not in amounts]
    numbers = {c: _parse.number(df[c].reset_index(drop=True)) for c in amounts}
    usable = np.ones(len(df), bool)
    for _values, bad in numbers.values():
        usable &= ~bad.to_numpy(bool)
    key_frame = df[keys].reset_index(drop=True).astype(object).where(lambda f: f.notna(), "")
    key_frame = key_frame.map(str)
    key_frame["_usable"] = np.where(usable, -1, np.arange(len(df)))  # bad rows stay alone
    group = key_frame.groupby(list(key_frame.columns), sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(df))).groupby(group).transform("first").to_numpy()
    keep = first == np.arange(len(df))
    combined = int((~keep).sum())
    if not combined:
        return df, origin, notes
    out = df.reset_index(drop=True).copy()
    for col, (values, _bad) in numbers.items():
        filled = values.fillna(1.0) if col == "weight" else values
        by = filled.groupby(group)
        how = {"sum": lambda g: g.sum(min_count=1), "max": lambda g: g.max(), "first": None}
        if how[duplicates] is None:
            continue
        out[col] = out[col].astype(object)
        out.loc[keep, col] = how[duplicates](by).reindex(group[keep]).to_numpy()
    notes["combined_ties"] = combined
    kept = np.flatnonzero(keep)
    new_origin = Origin(origin.file, origin.rows[kept], origin.positional)
    return out.iloc[kept].reset_index(drop=True), new_origin, notes
