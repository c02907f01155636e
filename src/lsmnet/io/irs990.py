"""US IRS Form 990 Schedule I and Form 990-PF grant lists (e-file XML) as funding ties."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from lsmnet.exceptions import SchemaError
from lsmnet.io._common import parse_xml, xml_text
from lsmnet.io.flows import Flow, flows_to_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_irs990"]

# grant elements -> (kind of return, paid in the year?)
_GRANTS = {
    "RecipientTable": ("990", True),  # Schedule I, Part II (grants to organisations)
    "GrantOrContributionPdDurYrGrp": ("990PF", True),  # 990-PF Part XV 3a
    "GrantOrContriPaidDuringYear": ("990PF", True),  # older 990-PF schemas
    "GrantOrContriApprvForFutGrp": ("990PF", False),  # 990-PF Part XV 3b
    "GrantOrContriApprvForFutPymt": ("990PF", False),
}
_NAME = (
    "RecipientBusinessName/BusinessNameLine1Txt",
    "RecipientBusinessName/BusinessNameLine1",
    "RecipientNameBusiness/BusinessNameLine1",
)
_NAME2 = ("RecipientBusinessName/BusinessNameLine2Txt", "RecipientBusinessName/BusinessNameLine2")


def _ein(text):
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    return f"US-EIN-{digits}" if len(digits) == 9 else None


def read_irs990(
    path: str | os.PathLike[str],
    *,
    include_noncash: bool = False,
    include_future: bool = False,
    aggregate: Literal["pair", "year"] = "pair",
    match: bool = True,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read IRS Form 990 Schedule I / 990-PF grants (e-file XML) into funding ties.

    Parameters
    ----------
    path : str or path-like
        One e-filed return (``.xml``) or a folder of them (every ``*.xml`` file is read).
    include_noncash : bool, default False
        Add Schedule I non-cash assistance (``NonCashAssistanceAmt``) to the cash grant.
    include_future : bool, default False
        Also read 990-PF grants approved for future payment (by default they are set aside:
        no money moved in the tax year).
    aggregate : {"pair", "year"}, default "pair"
        As in :func:`~lsmnet.io.flows.read_flows`.
    match : bool, default True
        Merge spellings of recipient names (returns spell them inconsistently, often in
        capitals); merges are listed in ``meta["name_report"]``.
    aliases : dict, DataFrame or path, optional
        The user-editable alias table (``alias,canonical``) for recipients without an EIN: a
        name may be mapped to another spelling or straight to an id such as
        ``US-EIN-131684331``.

    Returns
    -------
    NetworkData
        Organisations keyed ``US-EIN-<EIN>`` (the org-id.guide scheme) when the EIN is given,
        else by name (after matching and aliases; a name that another grant gives together
        with an EIN takes that EIN's id); the filer of a 990-PF is a ``funder``, of a 990 an
        ``ngo``; recipients' types come from ``IRCSectionDesc`` or
        ``RecipientFoundationStatusTxt`` (``501(c)(3)``/``PC`` -> ngo, ``GOV`` -> government,
        ``PF`` -> funder). Directed ``funding`` ties filer -> recipient: ``weight`` = number of
        grants, ``amount`` = USD total, dated by the tax period's end. ``meta["rows"]`` counts
        grants: read = used + set aside; ``meta["returns"]`` lists the returns read (file, EIN,
        name, form, tax period end).

    Raises
    ------
    SchemaError
        If a file is not well-formed XML (names file, line, column) or has no filer EIN.
    FileNotFoundError
        If `path` does not exist, or a folder holds no ``.xml`` file.

    Notes
    -----
    Element names follow the IRS e-file schemas for tax years 2013 onwards, with the older
    names (``EINOfRecipient``, ``AmountOfCashGrant``, ``RecipientNameBusiness``, ...) also
    accepted [1]_. Grants to individuals (``RecipientPersonNm``) are set aside, as are grants
    without an amount, and future grants unless `include_future`.

    References
    ----------
    .. [1] Internal Revenue Service, Modernized e-File (MeF) schemas for Form 990, Schedule I
       (``IRS990ScheduleI/RecipientTable``) and Form 990-PF (``SupplementaryInformationGrp``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> xml = '''<Return xmlns="http://www.irs.gov/efile"><ReturnHeader>
    ...  <TaxPeriodEndDt>2022-12-31</TaxPeriodEndDt><ReturnTypeCd>990PF</ReturnTypeCd>
    ...  <Filer><EIN>131684331</EIN><BusinessName><BusinessNameLine1Txt>FORD FOUNDATION
    ...  </BusinessNameLine1Txt></BusinessName></Filer></ReturnHeader>
    ...  <ReturnData><IRS990PF><SupplementaryInformationGrp><GrantOrContributionPdDurYrGrp>
    ...   <RecipientBusinessName><BusinessNameLine1Txt>YAYASAN PULIH</BusinessNameLine1Txt>
    ...   </RecipientBusinessName><Amt>50000</Amt>
    ...  </GrantOrContributionPdDurYrGrp></SupplementaryInformationGrp></IRS990PF></ReturnData>
    ... </Return>'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "ford.xml")
    ...     _ = path.write_text(xml, encoding="utf-8")
    ...     data = read_irs990(path)
    >>> data.ties[["source", "target", "amount"]].values.tolist()
    [['US-EIN-131684331', 'YAYASAN PULIH', 50000.0]]
    """
    func = "read_irs990"
    path = Path(path)
    files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise FileNotFoundError(f"{func}: the folder {path} holds no .xml file.")
    flows, returns = [], []
    for file in files:
        flows.extend(_grants(file, func, returns, include_noncash, include_future))
    label = path.name
    return flows_to_data(
        flows,
        file=label,
        importer=func,
        options={"include_noncash": include_noncash, "include_future": include_future},
        aggregate=aggregate,
        currency="USD",
        match=match,
        aliases=aliases,
        unit="grants",
        table="grants",
        extra_meta={"returns": returns},
    )


def _grants(file, func, returns, include_noncash, include_future):
    root, lines = parse_xml(file, func=func)
    header = root.find("ReturnHeader")
    filer = header.find("Filer") if header is not None else None
    ein = _ein(xml_text(filer, "EIN"))
    if ein is None:
        raise SchemaError(
            f"{file.name}, line {lines.get(header if header is not None else root, 1)}: no "
            "filer EIN in ReturnHeader/Filer/EIN. Fix: give an IRS e-file return (990 or 990-PF)."
        )
    name = xml_text(
        filer,
        "BusinessName/BusinessNameLine1Txt",
        "Name/BusinessNameLine1",
        "BusinessName/BusinessNameLine1",
    )
    period_end = xml_text(header, "TaxPeriodEndDt", "TaxPeriodEndDate")
    form = xml_text(header, "ReturnTypeCd", "ReturnType")
    data = root.find("ReturnData")
    if form is None and data is not None:
        form = "990PF" if data.find("IRS990PF") is not None else "990"
    returns.append(
        {"file": file.name, "ein": ein, "name": name, "form": form, "tax_period_end": period_end}
    )
    filer_type = "private foundation" if form and form.upper().startswith("990PF") else "ngo"
    out = []
    for element in data.iter() if data is not None else ():
        kind = _GRANTS.get(element.tag)
        if kind is None:
            continue
        paid = kind[1]
        recipient_ein = _ein(xml_text(element, "RecipientEIN", "EINOfRecipient"))
        recipient = xml_text(element, *_NAME)
        line2 = xml_text(element, *_NAME2)
        if recipient and line2:
            recipient = f"{recipient} {line2}"
        person = xml_text(element, "RecipientPersonNm", "RecipientPersonName")
        cash = xml_text(element, "CashGrantAmt", "AmountOfCashGrant", "Amt", "Amount")
        amount = cash
        if include_noncash:
            noncash = xml_text(element, "NonCashAssistanceAmt", "AmountOfNonCashAssistance")
            if noncash:
                amount = _add(cash, noncash)
        flow = Flow(
            row=lines.get(element),
            file=file.name,
            source_id=ein,
            source_name=name,
            source_type=filer_type,
            target_id=recipient_ein,
            target_name=recipient,
            target_type=xml_text(
                element, "IRCSectionDesc", "IRCSection", "RecipientFoundationStatusTxt"
            ),
            amount=amount,
            currency="USD",
            date=period_end,
            column=element.tag,
        )
        if person and not recipient:
            flow.problem = (
                "RecipientPersonNm",
                person,
                "grant to an individual",
                "nothing to fix: grants to individuals are not organisation ties",
            )
        elif not paid and not include_future:
            flow.problem = (
                element.tag,
                recipient or "",
                "grant approved for future payment, not paid in this tax year",
                "pass include_future=True to read it",
            )
        elif amount is None:
            flow.problem = (
                element.tag,
                recipient or "",
                "grant without an amount",
                "the return gives no CashGrantAmt/Amt for this grant",
            )
        out.append(flow)
    return out


def _add(a, b):
    try:
        return str(float(a or 0) + float(b))
    except ValueError:
        return a if a is not None else b
