"""360Giving grant data: the standard's spreadsheet layout (CSV or Excel) and its JSON form."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from lsmnet._problems import schema_error
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._common import decode_text, read_table, resolve_columns
from lsmnet.io.flows import Flow, flows_to_data, table_flows

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_360giving"]

_FIELDS = {
    "id": ("Identifier",),
    "amount": ("Amount Awarded",),
    "currency": ("Currency",),
    "date": ("Award Date",),
    "target_id": ("Recipient Org:Identifier",),
    "target_name": ("Recipient Org:Name",),
    "source_id": ("Funding Org:Identifier",),
    "source_name": ("Funding Org:Name",),
    "individual_id": ("Recipient Ind:Identifier",),
    "individual_name": ("Recipient Ind:Name",),
    "programme": ("Grant Programme:Title",),
}
#: JSON names of the amount, date and currency fields (for set-aside records).
_JSON_FIELDS = {"amount": "amountAwarded", "date": "awardDate", "currency": "currency"}


def read_360giving(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    currency: str | None = None,
    rates: Mapping[str, float] | None = None,
    aggregate: Literal["pair", "year"] = "pair",
    match: bool = False,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
) -> NetworkData:
    """Read a 360Giving grants file: funder -> recipient organisation grants as funding ties.

    Parameters
    ----------
    path : str or path-like
        A CSV or .xlsx file in the 360Giving spreadsheet layout (one row per grant; column
        titles ``Identifier``, ``Amount Awarded``, ``Currency``, ``Award Date``,
        ``Recipient Org:Identifier``, ``Recipient Org:Name``, ``Funding Org:Identifier``,
        ``Funding Org:Name``, ...), or a ``.json`` file in the standard's JSON form
        (``{"grants": [...]}``, each grant with ``id``, ``amountAwarded``, ``currency``,
        ``awardDate``, ``recipientOrganization`` and ``fundingOrganization`` lists of
        ``{"id", "name"}`` objects, or ``recipientIndividual``).
    sheet : str, optional
        Sheet of a workbook (default: the first, usually ``grants``).
    currency, rates, aggregate, match, aliases
        As in :func:`~lsmnet.io.flows.read_flows`.

    Returns
    -------
    NetworkData
        Organisations keyed by their org-id identifiers (``GB-CHC-...``, ``GB-COH-...``,
        ``360G-...``) and directed ``funding`` ties funder -> recipient (``weight`` = number of
        grants, ``amount`` = total awarded, ``start``/``end`` = first/last award date). The
        same grants give the same tables whether read from CSV, Excel or JSON.
        ``meta["rows"]`` counts grants: read = used + set aside. Each set-aside grant is one
        row of ``data.set_aside``: for a spreadsheet ``row`` is its spreadsheet row and
        ``column`` its column title; for JSON ``row`` is the grant's position in the
        ``grants`` list (0 for ``grants[0]``) and ``column`` the JSON field
        (``fundingOrganization``, ``amountAwarded``, ...).

    Raises
    ------
    SchemaError
        If the funder, recipient or amount columns are missing (names the file and headers);
        if a JSON file is not valid JSON (names the line and column) or has no ``grants``
        list.
    InvalidParameterError
        If `sheet` is given for a JSON file, or another option is invalid.

    Notes
    -----
    A grant needs a funder, a recipient organisation and an amount to become part of a tie
    (the 360Giving Data Standard [1]_ requires all three, with an identifier and a name for
    each organisation); a grant without one of them is set aside, naming the missing field.
    Grants to individuals (``Recipient Ind:*`` / ``recipientIndividual`` filled, no recipient
    organisation) are set aside with that reason: they are not ties between organisations. A
    JSON grant listing several funding or recipient organisations is set aside too: the
    standard does not say how its amount is split. A grant without a currency is taken to be
    in `currency` and one without an award date gives a tie without dates (both counted in
    ``meta["notes"]``, as in :func:`~lsmnet.io.flows.read_flows`).

    References
    ----------
    .. [1] 360Giving Data Standard, schema version 1.4, https://standard.threesixtygiving.org

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = (
    ...     "Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,"
    ...     "Recipient Org:Name,Funding Org:Identifier,Funding Org:Name\\n"
    ...     "360G-xyz-001,Legal aid,GBP,12000,2023-04-01,GB-CHC-1111111,Refugee Action,"
    ...     "GB-CHC-2222222,Example Trust\\n"
    ... )
    >>> grants = {"grants": [{
    ...     "id": "360G-xyz-001", "title": "Legal aid", "currency": "GBP",
    ...     "amountAwarded": 12000, "awardDate": "2023-04-01",
    ...     "recipientOrganization": [{"id": "GB-CHC-1111111", "name": "Refugee Action"}],
    ...     "fundingOrganization": [{"id": "GB-CHC-2222222", "name": "Example Trust"}],
    ... }]}
    >>> import json
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "grants.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_360giving(path)
    ...     path = pathlib.Path(tmp, "grants.json")
    ...     _ = path.write_text(json.dumps(grants), encoding="utf-8")
    ...     from_json = read_360giving(path)
    >>> data.ties[["source", "target", "amount"]].values.tolist()
    [['GB-CHC-2222222', 'GB-CHC-1111111', 12000.0]]
    >>> from_json.ties.equals(data.ties)
    True
    """
    func = "read_360giving"
    if Path(path).suffix.lower() == ".json":
        if sheet is not None:
            raise InvalidParameterError(
                f"The 'sheet' parameter of {func} is for workbooks; {Path(path).name} is a "
                f"JSON file. Got {sheet!r}."
            )
        flows = _json_flows(Path(path), func)
        label, fields, blank = Path(path).name, _JSON_FIELDS, 0
    else:
        raw = read_table(path, sheet=sheet, func=func)
        cols = resolve_columns(
            raw,
            _FIELDS,
            required=("amount", "source_id", "source_name"),
            func=func,
            what="360Giving columns",
        )
        if "target_id" not in cols and "target_name" not in cols:
            resolve_columns(
                raw, _FIELDS, required=("target_id",), func=func, what="360Giving columns"
            )
        flows = table_flows(raw, cols, column=cols.get("target_id", cols.get("target_name", "")))
        label, blank = raw.label, raw.blank_rows
        fields = {k: v for k, v in cols.items() if k in _JSON_FIELDS}
        _grant_problems(flows, cols)
    return flows_to_data(
        flows,
        file=label,
        importer=func,
        options={"sheet": sheet},
        aggregate=aggregate,
        currency=currency,
        rates=rates,
        match=match,
        aliases=aliases,
        unit="grants",
        table="grants",
        blank_rows=blank,
        fields=fields,
    )


def _grant_problems(flows, cols):
    """Set aside grants to individuals and grants without an amount (see the Notes)."""
    for flow in flows:
        if flow.problem:
            continue
        individual = flow.extra.get("individual_id") or flow.extra.get("individual_name")
        if individual and not (flow.target_id or flow.target_name):
            flow.problem = (
                cols.get("individual_id", cols.get("individual_name")),
                individual,
                "grant to an individual, not to an organisation",
                "nothing to fix: grants to individuals are not organisation ties",
            )
        elif flow.amount is None or (isinstance(flow.amount, str) and not flow.amount.strip()):
            flow.problem = (
                cols["amount"],
                "",
                f"no amount ({cols['amount']} is empty or missing)",
                "fill in the amount awarded (the standard requires it)",
            )


_JSON_COLUMNS = {
    "amount": "amountAwarded",
    "individual_id": "recipientIndividual",
    "individual_name": "recipientIndividual",
}


def _json_flows(path: Path, func: str) -> list[Flow]:
    """One flow per grant of a 360Giving JSON file."""
    if not path.is_file():
        raise FileNotFoundError(f"{func}: {path} does not exist or is not a file.")
    try:
        document = json.loads(decode_text(path))
    except json.JSONDecodeError as err:
        raise schema_error(
            f"{path.name}, line {err.lineno}, column {err.colno}: not valid JSON ({err.msg}). "
            "Fix: the file may be truncated or damaged; download or export it again.",
            file=path.name,
            row=err.lineno,
            column=str(err.colno),
            problem=f"not valid JSON ({err.msg})",
            fix="download or export the file again",
        ) from err
    except RecursionError:
        # JSON nested thousands of levels deep (a 360Giving file is a few levels deep)
        raise schema_error(
            f"{path.name}: the JSON is nested too deeply to be a 360Giving file. "
            "Fix: export the grants again from the publisher's data.",
            file=path.name,
            problem="JSON nested too deeply",
            fix="export the grants again",
        ) from None
    grants = document.get("grants") if isinstance(document, dict) else None
    if not isinstance(grants, list):
        raise schema_error(
            f"{path.name}: no 'grants' list at the top level, so this is not a 360Giving JSON "
            'file. Fix: give a file of the form {"grants": [{...}, ...]}.',
            file=path.name,
            column="grants",
            problem="no 'grants' list",
            fix='give a file of the form {"grants": [...]}',
        )
    flows = [_grant_flow(index, grant) for index, grant in enumerate(grants)]
    _grant_problems(flows, _JSON_COLUMNS)
    return flows


class _Unusable(Exception):
    """A grant field that makes the grant unusable: (field, value, problem, fix)."""


def _grant_flow(index: int, grant) -> Flow:
    flow = Flow(row=index, column="recipientOrganization")
    try:
        if not isinstance(grant, dict):
            raise _Unusable(
                f"grants[{index}]",
                str(grant)[:40],
                f"grant {index} is not a JSON object",
                "write each grant as an object with id, amountAwarded, fundingOrganization, ...",
            )
        source = _one_org(grant, "fundingOrganization", required=True)
        target = _one_org(
            grant, "recipientOrganization", required="recipientIndividual" not in grant
        )
        individual = grant.get("recipientIndividual") or {}
        if not isinstance(individual, dict):
            raise _Unusable(
                "recipientIndividual",
                str(individual)[:40],
                "recipientIndividual is not an object",
                "write recipientIndividual as {'id': ..., 'name': ...}",
            )
        flow.source_id, flow.source_name = source
        flow.target_id, flow.target_name = target
        amount = grant.get("amountAwarded")
        if isinstance(amount, float) and math.isnan(amount):
            # json reads a bare NaN, which the amount parser would take for a missing amount
            amount = "NaN"
        flow.amount = amount
        flow.currency = _text(grant, "currency")
        flow.date = _text(grant, "awardDate")
        flow.extra = {
            "id": _text(grant, "id"),
            "individual_id": _text(individual, "id", "recipientIndividual."),
            "individual_name": _text(individual, "name", "recipientIndividual."),
        }
    except _Unusable as err:
        flow.problem = err.args
    return flow


def _one_org(grant: dict, key: str, *, required: bool) -> tuple:
    """(id, name) of the single organisation listed under `key` of a grant."""
    orgs = grant.get(key)
    if isinstance(orgs, dict):
        orgs = [orgs]
    if orgs is None or orgs == []:
        if not required:
            return None, None
        raise _Unusable(
            key,
            "",
            f"required field {key} is missing",
            f"give the {key} as a list with one {{'id': ..., 'name': ...}} object",
        )
    if not isinstance(orgs, list) or not all(isinstance(o, dict) for o in orgs):
        raise _Unusable(
            key,
            str(orgs)[:40],
            f"{key} is not a list of organisation objects",
            f"write {key} as [{{'id': ..., 'name': ...}}]",
        )
    if len(orgs) > 1:
        names = "; ".join(str(o.get("name") or o.get("id")) for o in orgs)
        raise _Unusable(
            key,
            names,
            f"several organisations in {key} ({names}); the standard does not say how the "
            "amount is split",
            "split the grant per organisation",
        )
    ref, name = _text(orgs[0], "id", f"{key}[0]."), _text(orgs[0], "name", f"{key}[0].")
    if ref is None and name is None:
        raise _Unusable(
            key,
            "",
            f"required field {key}[0].id is missing (and no name)",
            "give the organisation's org-id identifier and name",
        )
    return ref, name


def _text(obj: dict, key: str, prefix: str = ""):
    """A JSON field as stripped text (numbers as written), None when absent or empty."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (bool, dict, list)):
        raise _Unusable(
            prefix + key,
            str(value)[:40],
            f"{prefix}{key} is not text",
            f"write {prefix}{key} as a string",
        )
    return str(value).strip() or None
