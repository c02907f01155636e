"""Funding flows: a generic donor -> recipient table and OCHA FTS exports.

Both readers (and the IATI, 360Giving and IRS 990 readers) share :func:`flows_to_data`: every
flow either becomes part of one directed ``funding`` tie per donor -> recipient pair (or pair
and year) or is set aside with its reason, so that flows read = flows used + flows set aside.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from lsmnet import _parse
from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._common import aside, finish, name_mapping, read_table, resolve_columns

if TYPE_CHECKING:
    from lsmnet.io._files import RawTable
    from lsmnet.model import NetworkData

__all__ = ["read_flows", "read_fts"]

#: Organisation-type words of funding data (FTS, IATI, 360Giving) -> lsmnet type.
FLOW_TYPES = {
    "governments": "government",
    "government": "government",
    "national governments": "government",
    "ngos": "ngo",
    "ngo": "ngo",
    "national ngos/csos": "ngo",
    "local ngos/csos": "ngo",
    "international ngos": "ingo",
    "international ngo": "ingo",
    "uncategorized ngos": "ngo",
    "internationally affiliated organizations": "ngo",
    "multilateral organizations": "other",
    "other multilateral organizations": "other",
    "international red cross/red crescent movement": "other",
    "red cross/red crescent national societies": "other",
    "international private organizations": "private",
    "local/national private organizations": "private",
    "un agencies": "other",
    "red cross/red crescent organizations": "other",
    "private organizations": "private",
    "private": "private",
    "private sector": "private",
    "private sector in provider country": "private",
    "private sector in aid recipient country": "private",
    "private sector in third country": "private",
    "local government": "government",
    "other public sector": "government",
    "national ngo": "ngo",
    "regional ngo": "ngo",
    "partner country based ngo": "ngo",
    "public private partnership": "other",
    "multilateral": "other",
    "academic, training and research": "academic",
    "foundation": "funder",
    "private foundation": "funder",
    "501(c)(3)": "ngo",
    "501(c)(4)": "ngo",
    "501(c)(6)": "ngo",
    "pc": "ngo",
    "pf": "funder",
    "gov": "government",
    "funder": "funder",
    "academic": "academic",
    "other": "other",
}


@dataclass
class Flow:
    """One money flow as read from a source, before validation."""

    row: int
    source_id: str | None = None
    source_name: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    amount: object = None
    currency: str | None = None
    date: object = None
    source_type: str | None = None
    target_type: str | None = None
    column: str = ""  # column (or element) of the source, for set-aside messages
    problem: tuple | None = None  # (column, value, problem, fix) when unusable before parsing
    file: str | None = None  # when flows come from several files
    extra: dict = field(default_factory=dict)


_FLOW_FIELDS = (
    "source_id",
    "source_name",
    "target_id",
    "target_name",
    "amount",
    "currency",
    "date",
    "source_type",
    "target_type",
)


def table_flows(
    raw: RawTable, cols: Mapping[str, str], *, column: str, **fixed: object
) -> list[Flow]:
    """One :class:`Flow` per row of a table; columns that are not flow fields go to ``extra``."""
    values = {f: raw.frame[c].tolist() for f, c in cols.items()}
    flows = []
    for i, row in enumerate(raw.rows):
        known = {f: values[f][i] for f in _FLOW_FIELDS if f in values}
        extra = {f: v[i] for f, v in values.items() if f not in _FLOW_FIELDS}
        flows.append(Flow(row=int(row), column=column, extra=extra, **{**known, **fixed}))
    return flows


def _types(value):
    if value is None:
        return None
    text = " ".join(str(value).lower().split())
    return FLOW_TYPES.get(text)


def flows_to_data(
    flows: list[Flow],
    *,
    file: str,
    importer: str,
    options: dict,
    aggregate: Literal["pair", "year"] = "pair",
    currency: str | None = None,
    rates: Mapping[str, float] | None = None,
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
    unit: str = "flows",
    blank_rows: int = 0,
    table: str = "flows",
    extra_meta: dict | None = None,
    notes: dict | None = None,
    fields: dict | None = None,
) -> NetworkData:
    """Turn flows into organisations and aggregated ``funding`` ties (see :func:`read_flows`).

    ``fields`` gives the source's own name of the ``amount``, ``date`` and ``currency`` fields
    (a column header, a JSON key), used as ``column`` of the set-aside records.
    """
    field_name = {"amount": "amount", "date": "date", "currency": "currency", **(fields or {})}
    check_option(aggregate, ("pair", "year"), "aggregate", importer)
    rates = {str(k).upper(): float(v) for k, v in (rates or {}).items()}
    for code, rate in rates.items():
        if not np.isfinite(rate) or rate <= 0:
            raise InvalidParameterError(
                f"The 'rates' parameter of {importer} must give a positive rate per currency. "
                f"Got {code}: {rate!r}."
            )
    currencies = Counter((f.currency or "").strip().upper() for f in flows if f.currency)
    target = (currency or (currencies.most_common(1)[0][0] if currencies else "")).upper()
    names = [f.source_name for f in flows] + [f.target_name for f in flows]
    mapping, report = name_mapping([n for n in names if n], match=match, aliases=aliases)
    id_of_name = {}
    for f in flows:
        for fid, name in ((f.source_id, f.source_name), (f.target_id, f.target_name)):
            if fid and name:
                id_of_name.setdefault(mapping.get(name, name), fid)

    def org(fid, name):
        if fid:
            return fid
        if not name:
            return None
        canon = mapping.get(name, name)
        return id_of_name.get(canon, canon)  # an alias may name an id directly

    amounts, bad_amount = _parse.number(pd.Series([f.amount for f in flows], dtype=object))
    dates, bad_date = _parse.date(pd.Series([_date_text(f.date) for f in flows], dtype=object))
    set_aside, used = [], []
    notes = Counter(notes or {})
    for i, f in enumerate(flows):
        src, dst = org(f.source_id, f.source_name), org(f.target_id, f.target_name)
        cur = (f.currency or "").strip().upper()
        problem = None
        if f.problem:
            problem = f.problem
        elif src is None or dst is None:
            side = "donor" if src is None else "recipient"
            problem = (
                f.column or side,
                "",
                f"no {side} organisation",
                f"fill in the {side} (id or name) or leave the flow out",
            )
        elif src == dst:
            problem = (
                f.column or "source",
                src,
                "internal flow: donor and recipient are the same organisation",
                "a tie needs two organisations; internal transfers are not ties",
            )
        elif bad_amount.iat[i]:
            problem = (
                field_name["amount"],
                f.amount,
                f"amount {f.amount!r} is not a number",
                "write the amount as a plain number, e.g. 150000.5",
            )
        elif amounts.iat[i] < 0:
            problem = (
                field_name["amount"],
                f.amount,
                f"negative amount {f.amount}",
                "record refunds separately; funding ties need amounts >= 0",
            )
        elif bad_date.iat[i]:
            problem = (
                field_name["date"],
                f.date,
                f"date {f.date!r} is not a date",
                "write the date as YYYY-MM-DD",
            )
        elif cur and cur != target and cur not in rates:
            problem = (
                field_name["currency"],
                cur,
                f"amount in {cur}, not {target}, and no rate for {cur}",
                f"pass rates={{'{cur}': <{target} per {cur}>}} or currency='{cur}'",
            )
        if problem:
            set_aside.append(aside(table, f.file or file, f.row, *problem))
            continue
        for fid, name, resolved in (
            (f.source_id, f.source_name, src),
            (f.target_id, f.target_name, dst),
        ):
            if not fid and name != resolved:
                notes["names_matched_to_another_spelling_or_id"] += 1
        if not cur:
            notes["flows_without_currency"] += 1
        if pd.isna(amounts.iat[i]):
            notes["flows_without_amount"] += 1
        used.append(
            (i, src, dst, amounts.iat[i] * (rates.get(cur, 1.0) if cur != target else 1.0))
        )
    ties = _aggregate(used, dates, aggregate)
    organizations = _organizations(flows, used, org)
    meta = {"notes": dict(sorted(notes.items())), "currency": target or None, **(extra_meta or {})}
    if report is not None:
        meta["name_report"] = report
    return finish(
        file=file,
        importer=importer,
        options={
            **options,
            "aggregate": aggregate,
            "currency": target or None,
            "rates": rates or None,
            "match": match,
        },
        rows_read=len(flows),
        set_aside=set_aside,
        unit=unit,
        blank_rows=blank_rows,
        organizations=organizations,
        ties=ties,
        extra_meta=meta,
    )


def _date_text(value):
    if value is None or isinstance(value, pd.Timestamp):
        return value
    text = str(value).strip()
    if len(text) > 10 and text[10] in "T " and text[:4].isdigit():
        return text[:10]  # drop time and zone: funding ties are dated by day
    return text or None


def _aggregate(used, dates, aggregate):
    groups = defaultdict(list)
    for i, src, dst, amount in used:
        when = dates.iat[i]
        key = (src, dst, when.year if aggregate == "year" and pd.notna(when) else None)
        groups[key].append((amount, when))
    rows = []
    for (src, dst, year), items in groups.items():
        values = [a for a, _w in items if pd.notna(a)]
        when = [w for _a, w in items if pd.notna(w)]
        if year is not None:
            start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        else:
            start = min(when) if when else pd.NaT
            end = max(when) if when else pd.NaT
        rows.append(
            (
                src,
                dst,
                "funding",
                float(len(items)),
                True,
                start,
                end,
                float(sum(values)) if values else np.nan,
            )
        )
    return pd.DataFrame(
        rows, columns=["source", "target", "layer", "weight", "directed", "start", "end", "amount"]
    )


def _organizations(flows, used, org):
    names, kinds, raw_kinds = {}, defaultdict(Counter), defaultdict(Counter)
    order = []
    for f in flows:
        for fid, name, kind in (
            (f.source_id, f.source_name, f.source_type),
            (f.target_id, f.target_name, f.target_type),
        ):
            key = org(fid, name)
            if key is None:
                continue
            if key not in names:
                order.append(key)
                names[key] = name or key
            if kind:
                raw_kinds[key][kind] += 1
                mapped = _types(kind)
                if mapped:
                    kinds[key][mapped] += 1
    in_ties = {k for _i, s, d, _a in used for k in (s, d)}
    keep = [k for k in order if k in in_ties]
    return pd.DataFrame(
        {
            "org_id": keep,
            "name": [names[k] for k in keep],
            "type": [kinds[k].most_common(1)[0][0] if kinds[k] else None for k in keep],
            "type_source": [
                raw_kinds[k].most_common(1)[0][0] if raw_kinds[k] else None for k in keep
            ],
        }
    )


_GENERIC = {
    "source_name": ("donor", "source", "funder", "from", "donor_name", "funding_org", "pemberi"),
    "source_id": ("donor_id", "source_id", "funder_id"),
    "target_name": ("recipient", "target", "grantee", "to", "recipient_name", "penerima"),
    "target_id": ("recipient_id", "target_id", "grantee_id"),
    "amount": ("amount", "value", "amount_usd", "jumlah", "nilai"),
    "currency": ("currency", "mata_uang"),
    "date": ("date", "tanggal", "year", "tahun"),
    "sector": ("sector", "sektor", "cluster"),
    "source_type": ("donor_type", "source_type"),
    "target_type": ("recipient_type", "target_type"),
}


def read_flows(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    aggregate: Literal["pair", "year"] = "pair",
    currency: str | None = None,
    rates: Mapping[str, float] | None = None,
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read a generic funding-flows table (donor, recipient, amount, currency, date, sector).

    Parameters
    ----------
    path : str or path-like
        CSV (comma, semicolon or tab) or .xlsx workbook with one row per flow.
    sheet : str, optional
        Sheet of a workbook (default: the first).
    columns : mapping, optional
        Your header -> field. Fields: ``source_name`` (donor), ``source_id``, ``target_name``
        (recipient), ``target_id``, ``amount``, ``currency``, ``date``, ``sector``,
        ``source_type``, ``target_type``. Headers such as ``donor``, ``recipient``, ``amount``,
        ``currency``, ``date`` (and Indonesian ``pemberi``, ``penerima``, ``jumlah``,
        ``tanggal``) are recognised without it.
    aggregate : {"pair", "year"}, default "pair"
        One tie per donor -> recipient pair, or per pair and calendar year (``start`` = 1
        January, ``end`` = 31 December of that year; flows without a date form their own tie).
    currency : str, optional
        Currency of the resulting amounts (default: the most common currency in the file).
    rates : mapping, optional
        ``{"EUR": 1.08}``: how many units of `currency` one unit of each other currency is
        worth. Flows in another currency without a rate are set aside.
    match : bool, default False
        Merge spellings of the same organisation name (see
        :func:`~lsmnet.io.names.match_names`); merges are in ``meta["name_report"]``.
    aliases : dict, DataFrame or path, optional
        Alias table for names; an alias may map a name to an organisation's id.

    Returns
    -------
    NetworkData
        ``organizations``: every organisation of a used flow (``org_id`` = the id column when
        given, else the name; ``type`` from the type columns where recognised, the raw word in
        ``type_source``). ``ties``: layer ``funding``, directed, one per pair (or pair and
        year): ``weight`` = number of flows, ``amount`` = their sum in `currency` (NaN when no
        flow has an amount), ``start``/``end`` = first/last flow date. ``meta["rows"]``: flows
        read = used + set aside; ``meta["notes"]``: flows without currency or amount (used, and
        counted); ``meta["currency"]``.

    Raises
    ------
    SchemaError
        If the donor or recipient column cannot be found (the message lists the headers).
    InvalidParameterError
        If `aggregate` or `rates` is invalid.

    Notes
    -----
    A flow is set aside when it has no donor or no recipient, when donor and recipient are the
    same organisation (an internal transfer), when its amount is not a number or negative,
    when its date cannot be read, or when its currency differs from `currency` and has no
    rate. Flows without a currency are taken to be in `currency` and counted in
    ``meta["notes"]``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = (
    ...     "donor;recipient;amount;currency;date\\n"
    ...     "Ford Foundation;Yayasan Pulih;10000;USD;2021-03-01\\n"
    ...     "Ford Foundation;Yayasan Pulih;5000;USD;2022-01-15\\n"
    ...     "Uni Eropa;KontraS;20000;EUR;2022-05-01\\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "flows.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_flows(path, rates={"EUR": 1.1})
    >>> data.ties[["source", "target", "weight", "amount"]]
                source         target  weight   amount
    0  Ford Foundation  Yayasan Pulih     2.0  15000.0
    1        Uni Eropa        KontraS     1.0  22000.0
    """
    func = "read_flows"
    raw = read_table(path, sheet=sheet, func=func)
    cols = resolve_columns(raw, _GENERIC, columns=columns, func=func, what="flow columns")
    required = [
        f
        for f, alts in (("source_name", "source_id"), ("target_name", "target_id"))
        if f not in cols and alts not in cols
    ]
    if required:
        resolve_columns(
            raw, _GENERIC, required=required, columns=columns, func=func, what="flow columns"
        )
    flows = table_flows(raw, cols, column=cols.get("source_name", cols.get("source_id", "")))
    return flows_to_data(
        flows,
        file=raw.label,
        importer=func,
        options={"sheet": sheet, "columns": columns},
        aggregate=aggregate,
        currency=currency,
        rates=rates,
        match=match,
        aliases=aliases,
        blank_rows=raw.blank_rows,
        extra_meta={"columns": cols},
    )


def _fts_type(subtype, kind):
    """The FTS sub-type when lsmnet knows it (it tells international from national NGOs)."""
    return subtype if _types(subtype) is not None else kind


_FTS_SIDES = {
    "source": "sourceObjects_Organization.",
    "target": "destinationObjects_Organization.",
}


def read_fts(
    path: str | os.PathLike[str],
    *,
    status: str | Sequence[str] | None = None,
    aggregate: Literal["pair", "year"] = "pair",
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read an OCHA Financial Tracking Service (FTS) flow export into funding ties.

    Parameters
    ----------
    path : str or path-like
        A CSV of FTS flows flattened as in the FTS API / HDX exports: columns ``id``,
        ``amountUSD``, ``date``, ``status``, ``sourceObjects_Organization.id``/``.name``/
        ``.organizationTypes`` and ``destinationObjects_Organization.*``.
    status : str or list of str, optional
        Keep only flows with these statuses (``paid``, ``commitment``, ``pledge``); the others
        are set aside with the reason. By default every flow is kept.
    aggregate : {"pair", "year"}, default "pair"
        As in :func:`read_flows`.
    match, aliases
        As in :func:`read_flows` (FTS names come with ids, so these rarely matter).

    Returns
    -------
    NetworkData
        As :func:`read_flows`, amounts in USD (``amountUSD``); organisations keyed by their FTS
        organisation id with their FTS sub-type or type (``Governments`` -> government,
        ``International NGOs`` -> ingo, ``National NGOs/CSOs`` and other NGOs -> ngo,
        ``Multilateral Organizations`` and ``Red Cross/Red Crescent Organizations`` -> other,
        ``Private Organizations`` -> private). ``meta["rows"]`` counts flows: read = used + set
        aside.

    Raises
    ------
    SchemaError
        If the FTS organisation or amount columns are missing (names the file and columns).

    Notes
    -----
    Besides the rules of :func:`read_flows`, a flow whose donor or recipient cell lists several
    organisations (``"8418; 8417"``) is set aside: FTS does not say how its amount is split.

    References
    ----------
    .. [1] UN OCHA Financial Tracking Service, API v1 flow records, https://fts.unocha.org

    Examples
    --------
    Three flows from Norway; the pledge is set aside with ``status="paid"``:

    >>> import pathlib, tempfile, warnings
    >>> header = (
    ...     "id,amountUSD,date,status,sourceObjects_Organization.id,"
    ...     "sourceObjects_Organization.name,sourceObjects_Organization.organizationTypes,"
    ...     "destinationObjects_Organization.id,destinationObjects_Organization.name,"
    ...     "destinationObjects_Organization.organizationTypes"
    ... )
    >>> to_unicef = "2933,Norway,Governments,4399,UNICEF,Multilateral Organizations"
    >>> rows = [
    ...     f"1,1000,2001-03-01,paid,{to_unicef}",
    ...     f"2,500,2001-05-01,paid,{to_unicef}",
    ...     "3,250,2001-06-01,pledge,2933,Norway,Governments,5001,Oxfam,International NGOs",
    ... ]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "fts.csv")
    ...     _ = path.write_text("\\n".join([header, *rows]), encoding="utf-8")
    ...     with warnings.catch_warnings():
    ...         warnings.simplefilter("ignore")  # the set-aside pledge
    ...         data = read_fts(path, status="paid")
    >>> data.ties[["source", "target", "layer", "amount"]]
      source target    layer  amount
    0   2933   4399  funding  1500.0
    >>> data.meta["rows"]["read"], data.meta["rows"]["used"], data.meta["rows"]["set_aside"]
    (3, 2, 1)
    """
    func = "read_fts"
    raw = read_table(path, func=func)
    wanted = {
        "id": ("id",),
        "amount": ("amountUSD",),
        "date": ("date",),
        "status": ("status",),
        **{
            f"{side}_{part}": (prefix + key,)
            for side, prefix in _FTS_SIDES.items()
            for part, key in (
                ("id", "id"),
                ("name", "name"),
                ("type", "organizationTypes"),
                ("subtype", "organizationSubTypes"),
            )
        },
    }
    required = ("amount", "source_id", "source_name", "target_id", "target_name")
    cols = resolve_columns(raw, wanted, required=required, func=func, what="FTS columns")
    keep = None if status is None else ({status} if isinstance(status, str) else set(status))
    flows = table_flows(raw, cols, column=cols["source_id"], currency="USD")
    for flow in flows:
        flow.source_type = _fts_type(flow.extra.get("source_subtype"), flow.source_type)
        flow.target_type = _fts_type(flow.extra.get("target_subtype"), flow.target_type)
        status_ = flow.extra.get("status")
        if keep is not None and status_ not in keep:
            flow.problem = (
                cols.get("status", "status"),
                status_,
                f"status {status_!r} is not one of status={sorted(keep)}",
                "pass more statuses to status= to keep this flow",
            )
            continue
        for side, column, ids, names in (
            ("donor", "source_id", flow.source_id, flow.source_name),
            ("recipient", "target_id", flow.target_id, flow.target_name),
        ):
            if ids and ";" in ids:
                flow.problem = (
                    cols[column],
                    ids,
                    f"several {side} organisations ({names}); FTS does not say how the "
                    "amount is split",
                    "split the flow per organisation in FTS or by hand",
                )
                break
    return flows_to_data(
        flows,
        file=raw.label,
        importer=func,
        options={"status": None if keep is None else sorted(keep)},
        aggregate=aggregate,
        currency="USD",
        match=match,
        aliases=aliases,
        blank_rows=raw.blank_rows,
    )
