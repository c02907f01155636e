"""360Giving grant data (the standard's spreadsheet layout, CSV or Excel)."""

from __future__ import annotations

from lsmnet.io._common import read_table, resolve_columns
from lsmnet.io.flows import flows_to_data, table_flows

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


def read_360giving(
    path,
    *,
    sheet=None,
    currency: str | None = None,
    rates: dict | None = None,
    aggregate: str = "pair",
    match: bool = False,
    aliases=None,
):
    """Read a 360Giving grants file: funder -> recipient organisation grants as funding ties.

    Parameters
    ----------
    path : str or path-like
        A CSV or .xlsx file in the 360Giving spreadsheet layout (one row per grant; column
        titles ``Identifier``, ``Amount Awarded``, ``Currency``, ``Award Date``,
        ``Recipient Org:Identifier``, ``Recipient Org:Name``, ``Funding Org:Identifier``,
        ``Funding Org:Name``, ...).
    sheet : str, optional
        Sheet of a workbook (default: the first, usually ``grants``).
    currency, rates, aggregate, match, aliases
        As in :func:`~lsmnet.io.flows.read_flows`.

    Returns
    -------
    NetworkData
        Organisations keyed by their org-id identifiers (``GB-CHC-...``, ``GB-COH-...``,
        ``360G-...``) and directed ``funding`` ties funder -> recipient (``weight`` = number of
        grants, ``amount`` = total awarded, ``start``/``end`` = first/last award date).
        ``meta["rows"]`` counts grants: read = used + set aside.

    Raises
    ------
    SchemaError
        If the funder, recipient or amount columns are missing (names the file and headers).

    Notes
    -----
    Grants to individuals (``Recipient Ind:*`` filled, no recipient organisation) are set aside
    with that reason: they are not ties between organisations. The 360Giving Data Standard
    [1]_ requires an identifier and a name for both funder and recipient organisations.

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
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "grants.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_360giving(path)
    >>> data.ties[["source", "target", "amount"]].values.tolist()
    [['GB-CHC-2222222', 'GB-CHC-1111111', 12000.0]]
    """
    func = "read_360giving"
    raw = read_table(path, sheet=sheet, func=func)
    cols = resolve_columns(
        raw,
        _FIELDS,
        required=("amount", "source_id", "source_name"),
        func=func,
        what="360Giving columns",
    )
    if "target_id" not in cols and "target_name" not in cols:
        resolve_columns(raw, _FIELDS, required=("target_id",), func=func, what="360Giving columns")
    flows = table_flows(raw, cols, column=cols.get("target_id", cols.get("target_name", "")))
    for flow in flows:
        individual = flow.extra.get("individual_id") or flow.extra.get("individual_name")
        if individual and not (flow.target_id or flow.target_name):
            flow.problem = (
                cols.get("individual_id", cols.get("individual_name")),
                individual,
                "grant to an individual, not to an organisation",
                "nothing to fix: grants to individuals are not organisation ties",
            )
    return flows_to_data(
        flows,
        file=raw.label,
        importer=func,
        options={"sheet": sheet},
        aggregate=aggregate,
        currency=currency,
        rates=rates,
        match=match,
        aliases=aliases,
        unit="grants",
        table="grants",
        blank_rows=raw.blank_rows,
    )
