"""IATI activity files: transactions as funding flows, participating organisations as roles."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._common import parse_xml, xml_text
from lsmnet.io.flows import Flow, flows_to_data

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_iati"]

#: IATI TransactionType codelist (2.x codes; 1.x letter codes are translated).
TRANSACTION_TYPES = {
    "1": "Incoming Funds",
    "2": "Outgoing Commitment",
    "3": "Disbursement",
    "4": "Expenditure",
    "5": "Interest Payment",
    "6": "Loan Repayment",
    "7": "Reimbursement",
    "8": "Purchase of Equity",
    "9": "Sale of Equity",
    "10": "Credit Guarantee",
    "11": "Incoming Commitment",
    "12": "Outgoing Pledge",
    "13": "Incoming Pledge",
}
_V1_CODES = {
    "IF": "1",
    "C": "2",
    "D": "3",
    "E": "4",
    "IR": "5",
    "LR": "6",
    "R": "7",
    "QP": "8",
    "QS": "9",
    "CG": "10",
}
_INCOMING = {"1", "11", "13"}
_OUTGOING = {"2", "3", "4", "7", "12"}

#: IATI OrganisationType codelist -> words understood by lsmnet's type mapping.
ORG_TYPES = {
    "10": "Government",
    "11": "Local Government",
    "15": "Other Public Sector",
    "21": "International NGO",
    "22": "National NGO",
    "23": "Regional NGO",
    "24": "Partner Country based NGO",
    "30": "Public Private Partnership",
    "40": "Multilateral",
    "60": "Foundation",
    "70": "Private Sector",
    "71": "Private Sector in Provider Country",
    "72": "Private Sector in Aid Recipient Country",
    "73": "Private Sector in Third Country",
    "80": "Academic, Training and Research",
    "90": "Other",
}
#: IATI OrganisationRole codelist (1.x used the words).
ROLES = {"1": "Funding", "2": "Accountable", "3": "Extending", "4": "Implementing"}


def _org(element):
    """(ref, name, type word) of an organisation element (2.x narrative or 1.x text)."""
    if element is None:
        return None, None, None
    ref = (element.get("ref") or "").strip() or None
    name = xml_text(element, "narrative") or (" ".join((element.text or "").split()) or None)
    code = (element.get("type") or "").strip()
    return ref, name, ORG_TYPES.get(code, code or None)


def read_iati(
    path: str | os.PathLike[str],
    *,
    transaction_types: Sequence[str] = ("1", "3"),
    currency: str | None = None,
    rates: Mapping[str, float] | None = None,
    aggregate: Literal["pair", "year"] = "pair",
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read IATI activity XML: transactions become funding ties, participating orgs roles.

    Parameters
    ----------
    path : str or path-like
        An IATI activity file (``<iati-activities>``, standard 1.x or 2.x).
    transaction_types : sequence of str, default ("1", "3")
        Transaction type codes read as flows: by default incoming funds (1) and disbursements
        (3), the money that actually moved. Add ``"2"`` (outgoing commitments) or ``"4"``
        (expenditure) as needed; transactions of other types are set aside with the reason.
    currency, rates, aggregate, match, aliases
        As in :func:`~lsmnet.io.flows.read_flows`. A transaction's currency is its ``value``'s
        ``currency``, else the activity's ``default-currency``.

    Returns
    -------
    NetworkData
        Organisations (``org_id`` = IATI organisation identifier (``ref``), else the name;
        ``type`` from the IATI OrganisationType code, its label in ``type_source``) and
        directed ``funding`` ties provider -> receiver, aggregated as in
        :func:`~lsmnet.io.flows.read_flows` (``amount`` = sum of transaction values, ``start``/
        ``end`` = first/last transaction date). ``meta["rows"]`` counts transactions: read =
        used + set aside, each set-aside transaction with the line of its ``<transaction>``.
        ``meta["participation"]``: one row per participating organisation (``activity``,
        ``org_id``, ``name``, ``role``, ``type``); ``meta["notes"]`` counts the ends filled in
        from the reporting or participating organisations (read transactions only).

    Raises
    ------
    SchemaError
        If the file is not well-formed XML (e.g. truncated: the message names file, line and
        column) or its root is not ``<iati-activities>``.

    See Also
    --------
    read_iati_organisations : IATI organisation files (organisation types and budgets).

    Notes
    -----
    When a transaction omits an end, the standard [1]_ implies it: the reporting organisation
    is the provider of outgoing transactions (commitments, disbursements, expenditure,
    reimbursements, pledges) and the receiver of incoming ones. A still-missing provider of an
    incoming transaction is taken from the activity's only ``Funding`` participating
    organisation, and a still-missing receiver of an outgoing one from its only
    ``Implementing`` organisation; otherwise the transaction is set aside. Transaction dates
    are ``transaction-date/@iso-date``, else ``value/@value-date``.

    References
    ----------
    .. [1] IATI Standard 2.03, activity schema: ``transaction``, ``provider-org``,
       ``receiver-org``, ``participating-org``; codelists TransactionType, OrganisationType,
       OrganisationRole. https://iatistandard.org/en/iati-standard/203/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> xml = '''<iati-activities version="2.03">
    ...  <iati-activity default-currency="USD">
    ...   <iati-identifier>XM-DAC-41114-1</iati-identifier>
    ...   <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
    ...   <transaction>
    ...    <transaction-type code="3"/><transaction-date iso-date="2023-04-01"/>
    ...    <value>25000</value>
    ...    <receiver-org ref="ID-KEMENKUMHAM-0001" type="22"><narrative>Yayasan Pulih</narrative>
    ...    </receiver-org>
    ...   </transaction>
    ...  </iati-activity>
    ... </iati-activities>'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "activities.xml")
    ...     _ = path.write_text(xml, encoding="utf-8")
    ...     data = read_iati(path)
    >>> data.ties[["source", "target", "amount"]].values.tolist()
    [['XM-DAC-41114', 'ID-KEMENKUMHAM-0001', 25000.0]]
    """
    func = "read_iati"
    chosen = [transaction_types] if isinstance(transaction_types, str) else transaction_types
    keep = {_V1_CODES.get(str(t).strip().upper(), str(t).strip()) for t in chosen}
    unknown = sorted(keep - set(TRANSACTION_TYPES))
    if unknown:
        raise InvalidParameterError(
            f"The 'transaction_types' parameter of {func} must hold IATI TransactionType codes "
            f"({', '.join(TRANSACTION_TYPES)}). Got {unknown}."
        )
    root, lines = parse_xml(path, func=func)
    label = Path(path).name
    if root.tag != "iati-activities":
        raise SchemaError(
            f"{label}, line {lines.get(root, 1)}: the root element is <{root.tag}>, not "
            "<iati-activities>. Fix: give an IATI activity file (read organisation files "
            "with read_iati_organisations)."
        )
    flows, participation = [], []
    notes = Counter()
    for activity in root.iter("iati-activity"):
        identifier = xml_text(activity, "iati-identifier")
        reporting = _org(activity.find("reporting-org"))
        by_role = {}
        for po in activity.findall("participating-org"):
            ref, name, kind = _org(po)
            role = po.get("role") or ""
            role = ROLES.get(role, role.capitalize() or None)
            participation.append((identifier, ref or name, name, role, kind))
            by_role.setdefault(role, []).append((ref, name, kind))
        default_currency = activity.get("default-currency")
        for tx in activity.findall("transaction"):
            flows.append(_flow(tx, lines, reporting, by_role, default_currency, keep, notes))
    return flows_to_data(
        flows,
        file=label,
        importer=func,
        options={"transaction_types": sorted(keep, key=int)},
        aggregate=aggregate,
        currency=currency,
        rates=rates,
        match=match,
        aliases=aliases,
        unit="transactions",
        table="transactions",
        extra_meta={
            "participation": pd.DataFrame(
                participation, columns=["activity", "org_id", "name", "role", "type"]
            ),
        },
        notes=notes,
    )


def _flow(tx, lines, reporting, by_role, default_currency, keep, notes):
    row = lines.get(tx)
    type_el = tx.find("transaction-type")
    code = (type_el.get("code") or "").strip() if type_el is not None else ""
    code = _V1_CODES.get(code.upper(), code)
    value = tx.find("value")
    amount = " ".join((value.text or "").split()) if value is not None else None
    date_el = tx.find("transaction-date")
    date = (date_el.get("iso-date") if date_el is not None else None) or (
        value.get("value-date") if value is not None else None
    )
    provider, receiver = _org(tx.find("provider-org")), _org(tx.find("receiver-org"))
    if code in keep:
        provider, receiver = _fill(code, provider, receiver, reporting, by_role, notes)
    flow = Flow(
        row=row,
        source_id=provider[0],
        source_name=provider[1],
        source_type=provider[2],
        target_id=receiver[0],
        target_name=receiver[1],
        target_type=receiver[2],
        amount=amount or None,
        currency=(value.get("currency") if value is not None else None) or default_currency,
        date=date,
        column="transaction",
    )
    if not code:
        flow.problem = (
            "transaction-type",
            "",
            "transaction without a transaction-type code",
            "add <transaction-type code=...> to the transaction",
        )
    elif code not in keep:
        label = TRANSACTION_TYPES.get(code, "unknown type")
        flow.problem = (
            "transaction-type",
            code,
            f"transaction type {code} ({label}) is not in transaction_types="
            f"{sorted(keep, key=int)}",
            f"pass transaction_types including {code!r} to read it",
        )
    elif value is None or amount is None:
        flow.problem = ("value", "", "transaction without a value", "add <value> with the amount")
    return flow


def _fill(code, provider, receiver, reporting, by_role, notes):
    """Implied transaction ends (see read_iati Notes), each counted in `notes`."""

    def missing(org):
        return org[:2] == (None, None)

    if missing(provider) and code in _OUTGOING:
        provider = reporting
        notes["provider_from_reporting_org"] += 1
    if missing(receiver) and code in _INCOMING:
        receiver = reporting
        notes["receiver_from_reporting_org"] += 1
    funding, implementing = by_role.get("Funding", []), by_role.get("Implementing", [])
    if missing(provider) and code in _INCOMING and len(funding) == 1:
        provider = funding[0]
        notes["provider_from_funding_participant"] += 1
    if (
        missing(receiver)
        and code in _OUTGOING
        and len(implementing) == 1
        and implementing[0][:2] != reporting[:2]
    ):
        receiver = implementing[0]
        notes["receiver_from_implementing_participant"] += 1
    return provider, receiver
