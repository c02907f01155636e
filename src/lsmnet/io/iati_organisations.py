"""IATI organisation files: who the publishing organisations are, their type and budget."""

from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._validation import check_number
from lsmnet.exceptions import LsmnetWarning, SchemaError
from lsmnet.io._common import _caller_level, aside, finish, finite_number, parse_xml, xml_text
from lsmnet.io.flows import FLOW_TYPES
from lsmnet.io.iati import _org

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_iati_organisations", "read_iati_organizations"]

#: IATI BudgetStatus codelist; a budget without @status is indicative.
BUDGET_STATUS = {"1": "Indicative", "2": "Committed"}
#: Other budget and expenditure elements of an organisation, counted (not read) in meta notes.
_NOT_READ = (
    "recipient-org-budget",
    "recipient-region-budget",
    "recipient-country-budget",
    "total-expenditure",
)
_ORG_COLUMNS = ["org_id", "name", "type", "budget", "budget_currency", "type_source"]
_BUDGET_COLUMNS = [
    "org_id",
    "line",
    "period_start",
    "period_end",
    "status",
    "value",
    "currency",
    "chosen",
    "note",
]


def read_iati_organizations(
    path: str | os.PathLike[str], *, budget_year: int | None = None
) -> NetworkData:
    """Read an IATI organisation file: organisations with their type and total budget.

    Parameters
    ----------
    path : str or path-like
        An IATI organisation file (``<iati-organisations>``, standard 1.x or 2.x).
    budget_year : int, optional
        Which ``total-budget`` becomes the organisation's ``budget``: the one whose period
        starts in this year. By default the one with the latest period start.

    Returns
    -------
    NetworkData
        ``organizations``: one row per ``<iati-organisation>``, ``org_id`` = its
        ``organisation-identifier`` (1.x: ``iati-identifier``), ``name`` = the first
        ``name`` narrative (else the reporting organisation's name), ``type`` mapped from the
        reporting organisation's IATI OrganisationType code (``10`` government, ``21``
        international NGO -> ``ingo``, ``22``-``24`` NGOs -> ``ngo``, ``60`` foundation ->
        ``funder``, ``70``-``73`` private, ``80`` academic, others ``other``) with the code's
        label in ``type_source``, ``budget`` = the chosen total budget in its own currency
        (NaN when there is none) and ``budget_currency`` = that currency (the ``value``'s
        ``currency``, else the organisation's ``default-currency``). No ties.
        ``meta["budgets"]``: every ``total-budget`` (``org_id``, ``line``, ``period_start``,
        ``period_end``, ``status`` (Indicative/Committed), ``value``, ``currency``,
        ``chosen``, ``note`` saying why a budget was not chosen). ``meta["rows"]`` counts
        organisations: read = used + set aside; ``meta["notes"]`` counts the elements not read
        (recipient-org/region/country budgets, total expenditure) and organisations without a
        budget.

    Raises
    ------
    SchemaError
        If the file is not well-formed XML (the message names file, line and column) or its
        root is not ``<iati-organisations>``.
    InvalidParameterError
        If `budget_year` is not a whole number.

    Warns
    -----
    LsmnetWarning
        When the chosen budgets are in several currencies (see ``budget_currency``).
    RowsSetAsideWarning
        When organisations are set aside: without an identifier, or repeated (the first is
        kept).

    See Also
    --------
    read_iati : IATI activity files (transactions as funding ties).

    Notes
    -----
    The organisation's type is taken from ``reporting-org/@type`` only when the reporting
    organisation is the organisation itself (same ``ref``, or no ``ref``); a file published
    by a third party gives no type. Among the ``total-budget`` elements of the chosen year (or
    the latest period), a committed budget (BudgetStatus 2) is preferred to an indicative one
    (1, also assumed when ``@status`` is absent) [1]_. If several remain for the same period,
    or the value is not a number or negative, the budget is left empty and ``meta["budgets"]``
    says why.

    References
    ----------
    .. [1] IATI Standard 2.03, organisation schema: ``iati-organisation``,
       ``organisation-identifier``, ``name``, ``reporting-org``, ``total-budget``; codelists
       OrganisationType and BudgetStatus. https://iatistandard.org/en/iati-standard/203/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> xml = '''<iati-organisations version="2.03">
    ...  <iati-organisation default-currency="EUR">
    ...   <organisation-identifier>NL-KVK-41160054</organisation-identifier>
    ...   <name><narrative>Example Foundation</narrative></name>
    ...   <reporting-org ref="NL-KVK-41160054" type="60"><narrative>Example Foundation</narrative>
    ...   </reporting-org>
    ...   <total-budget status="2">
    ...    <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
    ...    <value value-date="2023-01-01">1500000</value>
    ...   </total-budget>
    ...  </iati-organisation>
    ... </iati-organisations>'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "organisation.xml")
    ...     _ = path.write_text(xml, encoding="utf-8")
    ...     data = read_iati_organizations(path)
    >>> data.organizations[["org_id", "type", "type_source", "budget", "budget_currency"]]
                org_id    type type_source     budget budget_currency
    0  NL-KVK-41160054  funder  Foundation  1500000.0             EUR
    """
    func = "read_iati_organizations"
    if budget_year is not None:
        check_number(budget_year, "budget_year", func, integer=True)
    root, lines = parse_xml(path, func=func)
    label = Path(path).name
    if root.tag != "iati-organisations":
        fix = (
            "read activity files with read_iati"
            if root.tag == "iati-activities"
            else "give an IATI organisation file"
        )
        raise SchemaError(
            f"{label}, line {lines.get(root, 1)}: the root element is <{root.tag}>, not "
            f"<iati-organisations>. Fix: {fix}."
        )
    rows, budgets, set_aside, first_line = [], [], [], {}
    notes = Counter()
    elements = root.findall("iati-organisation")
    for element in elements:
        line = lines.get(element)
        org_id = xml_text(element, "organisation-identifier", "iati-identifier")
        for tag in _NOT_READ:
            notes[f"{tag.replace('-', '_')}s_not_read"] += len(element.findall(tag))
        problem = None
        if org_id is None:
            problem = (
                "organisation without an organisation-identifier",
                "add <organisation-identifier> with the organisation's IATI identifier",
            )
        elif org_id in first_line:
            problem = (
                f"organisation repeated (first at line {first_line[org_id]}); the first is kept",
                "keep one <iati-organisation> per identifier",
            )
        if problem:
            column = "organisation-identifier"
            set_aside.append(aside("organizations", label, line, column, org_id, *problem))
            continue
        first_line[org_id] = line
        default_currency = element.get("default-currency")
        found = [_budget(b, lines, default_currency) for b in element.findall("total-budget")]
        chosen = _choose(found, budget_year)
        budgets += [{"org_id": org_id, **b} for b in found]
        if chosen is None:
            notes["organisations_without_budget"] += 1
        name, kind = _identity(element, org_id)
        rows.append(
            {
                "org_id": org_id,
                "name": name,
                "type": FLOW_TYPES.get((kind or "").lower()),
                "budget": np.nan if chosen is None else chosen["value"],
                "budget_currency": None if chosen is None else chosen["currency"],
                "type_source": kind,
            }
        )
    organizations = pd.DataFrame(rows, columns=_ORG_COLUMNS)
    _warn_currencies(organizations, label)
    return finish(
        file=label,
        importer=func,
        options={"budget_year": budget_year},
        rows_read=len(elements),
        set_aside=set_aside,
        unit="organisations",
        organizations=organizations,
        extra_meta={
            "budgets": pd.DataFrame(budgets, columns=_BUDGET_COLUMNS),
            "notes": {k: v for k, v in sorted(notes.items()) if v},
        },
    )


def read_iati_organisations(
    path: str | os.PathLike[str], *, budget_year: int | None = None
) -> NetworkData:
    """Deprecated spelling of :func:`read_iati_organizations` (lsmnet spells ``-ize``).

    .. deprecated:: 0.2.0
       Use :func:`read_iati_organizations`; this name will be removed in 0.3.

    Parameters
    ----------
    path : str or path-like
        As in :func:`read_iati_organizations`.
    budget_year : int, optional
        As in :func:`read_iati_organizations`.

    Returns
    -------
    NetworkData
        As :func:`read_iati_organizations`.

    Raises
    ------
    SchemaError, InvalidParameterError, FileNotFoundError
        As :func:`read_iati_organizations`.

    Examples
    --------
    >>> import pathlib, tempfile, warnings
    >>> xml = (
    ...     '<iati-organisations version="2.03"><iati-organisation>'
    ...     "<organisation-identifier>XM-DAC-41122</organisation-identifier>"
    ...     '<reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative>'
    ...     "</reporting-org></iati-organisation></iati-organisations>"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "org.xml")
    ...     _ = path.write_text(xml, encoding="utf-8")
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         data = read_iati_organisations(path)
    >>> caught[0].category.__name__, data.organizations["org_id"].tolist()
    ('DeprecationWarning', ['XM-DAC-41122'])
    """
    warnings.warn(
        "read_iati_organisations is deprecated since lsmnet 0.2.0 and will be removed in 0.3; "
        "use read_iati_organizations (lsmnet spells organization with a z in code, as in the "
        "organizations table).",
        DeprecationWarning,
        stacklevel=2,
    )
    return read_iati_organizations(path, budget_year=budget_year)


def _identity(element, org_id):
    """(name, IATI type label) of an organisation element (see Notes)."""
    ref, reported_name, kind = _org(element.find("reporting-org"))
    _ref, name, _kind = _org(element.find("name"))
    if ref not in (None, org_id):  # published by someone else: their type is not this one's
        return name, None
    return name or reported_name, kind


def _budget(element, lines, default_currency) -> dict:
    def date(tag):
        found = element.find(tag)
        text = found.get("iso-date") if found is not None else None
        return pd.to_datetime(text, errors="coerce") if text else pd.NaT

    value_el = element.find("value")
    text = " ".join((value_el.text or "").split()) if value_el is not None else ""
    value = finite_number(text) if text else None
    status = (element.get("status") or "1").strip()
    note = "" if value is not None else f"value {text!r} is not a number" if text else "no value"
    if value is not None and value < 0:
        # a budget is never negative: choosing it would make the whole file unreadable
        value, note = None, f"value {text!r} is negative"
    return {
        "line": lines.get(element),
        "period_start": date("period-start"),
        "period_end": date("period-end"),
        "status": BUDGET_STATUS.get(status, status),
        "value": np.nan if value is None else value,
        "currency": (value_el.get("currency") if value_el is not None else None)
        or default_currency,
        "chosen": False,
        "note": note,
    }


def _choose(found, budget_year):
    """The budget chosen for the organisation (see Notes); the others get a ``note``."""
    for b in found:
        if not b["note"] and pd.isna(b["period_start"]):
            b["note"] = "no period-start date"
    usable = [b for b in found if not b["note"]]
    if budget_year is not None:
        pick = [b for b in usable if b["period_start"].year == budget_year]
        why = f"its period does not start in budget_year={budget_year}"
    else:
        latest = max((b["period_start"] for b in usable), default=None)
        pick = [b for b in usable if b["period_start"] == latest]
        why = "a budget for a later period is chosen"
    if any(b["status"] == "Committed" for b in pick):
        for b in pick:
            if b["status"] != "Committed":
                b["note"] = "indicative; a committed budget for the same period is chosen"
        pick = [b for b in pick if b["status"] == "Committed"]
    for b in usable:
        if not b["note"] and not any(b is p for p in pick):
            b["note"] = why
    if len(pick) > 1:
        for b in pick:
            b["note"] = f"{len(pick)} budgets for the same period and status: none chosen"
        return None
    if pick:
        pick[0]["chosen"] = True
        return pick[0]
    return None


def _warn_currencies(organizations, label):
    currencies = sorted(set(organizations["budget_currency"].dropna()))
    if len(currencies) > 1:
        warnings.warn(
            f"{label}: the budgets are in {len(currencies)} currencies ({', '.join(currencies)}); "
            "compare them only after conversion (see organizations['budget_currency']).",
            LsmnetWarning,
            stacklevel=_caller_level(),
        )
