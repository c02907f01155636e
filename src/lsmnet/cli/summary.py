"""``lsmnet summary``: describe what a dataset holds."""

from __future__ import annotations

import pandas as pd

from lsmnet._i18n import format_number
from lsmnet.cli._common import (
    add_data_options,
    add_lang,
    cli_text,
    echo,
    load_data,
    report_set_aside,
    safe,
)

__all__ = ["register", "run", "summary_text"]


def _counts(series: pd.Series, lang: str, top: int = 8) -> str:
    counts = series.dropna().value_counts()
    shown = ", ".join(f"{k} {v}" for k, v in counts.head(top).items())
    more = cli_text("summary.more", lang, n=len(counts) - top) if len(counts) > top else ""
    return shown + more


def _date_range(columns, lang: str) -> str:
    dates = pd.concat([c.dropna() for c in columns])
    if dates.empty:
        return cli_text("summary.no_dates", lang)
    start, end = f"{dates.min():%Y-%m-%d}", f"{dates.max():%Y-%m-%d}"
    return cli_text("summary.date_range", lang, start=start, end=end)


def summary_text(data, title: str | None = None, lang: str = "en") -> str:
    """Plain-text description of what a :class:`~lsmnet.NetworkData` holds.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data container.
    title : str, optional
        First line; defaults to ``data.meta["source"]``.
    lang : {"en", "id"}
        Language of the labels.

    Returns
    -------
    str
        Counts per table, organisation types and provinces, each coalition with its size,
        tie layers, the date range and the survey response rate. Every line is safe to print
        to a terminal: control characters from the data are escaped (see
        :func:`lsmnet.cli._common.safe`).

    Examples
    --------
    >>> from lsmnet.datasets import load_dataset
    >>> print(summary_text(load_dataset("knoke")))  # doctest: +ELLIPSIS
    Knoke bureaucracies ...
    Organisations: 10 (government 4, ngo 4, private 2)
    ...
    Ties: 71 in 2 layers
      funding        22  directed
      network        49  directed
    ...
    >>> print(summary_text(load_dataset("knoke"), lang="id"))  # doctest: +ELLIPSIS
    Knoke bureaucracies ...
    Organisasi: 10 (government 4, ngo 4, private 2)
    ...
    """
    orgs, coalitions = data.organizations, data.coalitions
    members, ties, ratings = data.memberships, data.ties, data.ratings
    default = cli_text("summary.default_title", lang)
    lines = [title or data.meta.get("source") or data.meta.get("path") or default]
    line = cli_text("summary.organisations", lang, n=len(orgs))
    if orgs["type"].notna().any():
        line += f" ({_counts(orgs['type'], lang)})"
    lines.append(line)
    if orgs["province"].notna().any():
        n, counts = orgs["province"].nunique(), _counts(orgs["province"], lang)
        lines.append(cli_text("summary.provinces", lang, n=n, counts=counts))

    lines.append(cli_text("summary.coalitions", lang, n=len(coalitions), m=len(members)))
    size = members.drop_duplicates(["org_id", "coalition_id"]).groupby("coalition_id").size()
    current = members[members["end"].isna()].drop_duplicates(["org_id", "coalition_id"])
    current_size = current.groupby("coalition_id").size()
    for c in coalitions.itertuples(index=False):
        lines.append(
            cli_text(
                "summary.coalition",
                lang,
                id=c.coalition_id,
                name="" if pd.isna(c.name) else f" {c.name}",
                kind="" if pd.isna(c.kind) else f" ({c.kind})",
                n=int(size.get(c.coalition_id, 0)),
                now=int(current_size.get(c.coalition_id, 0)),
            )
        )

    n_layers = ties["layer"].nunique()
    lines.append(cli_text("summary.ties", lang, n=len(ties), layers=n_layers))
    for layer, group in ties.groupby("layer", sort=True):
        directed = group["directed"].astype(bool)
        if directed.all():
            kind = cli_text("summary.directed", lang)
        elif not directed.any():
            kind = cli_text("summary.undirected", lang)
        else:
            d, u = int(directed.sum()), int((~directed).sum())
            kind = cli_text("summary.mixed", lang, d=d, u=u)
        amount = group["amount"].sum(min_count=1)
        money = (
            ""
            if pd.isna(amount)
            else cli_text("summary.amounts", lang, total=format_number(amount, lang, "integer"))
        )
        lines.append(f"  {safe(layer):<12} {len(group):>4}  {kind}{money}")

    dates = (members["start"], members["end"], ties["start"], ties["end"])
    lines.append(cli_text("summary.dates", lang, range=_date_range(dates, lang)))
    items = [c for c in ratings.columns if c not in ("rater", "ratee")]
    lo, hi = data.scale
    lines.append(
        cli_text(
            "summary.ratings",
            lang,
            n=len(ratings),
            raters=ratings["rater"].nunique(),
            items=len(items),
            lo=f"{lo:g}",
            hi=f"{hi:g}",
        )
    )
    lines.extend(_response_lines(data, lang))
    return "\n".join(safe(line) for line in lines)


def _rate(part: int, whole: int, lang: str) -> str:
    return format_number(part / whole, lang, "percent")


def _response_lines(data, lang: str) -> list[str]:
    flags = data.organizations.set_index("org_id")["respondent"]
    if flags.notna().sum() == 0:
        return [cli_text("summary.no_respondents", lang)]
    known = flags.dropna()
    n_yes = int(known.astype(bool).sum())
    rate = _rate(n_yes, len(known), lang)
    out = [cli_text("summary.response", lang, yes=n_yes, n=len(known), rate=rate)]
    members = data.memberships.drop_duplicates(["org_id", "coalition_id"])
    for cid, group in members.groupby("coalition_id", sort=True):
        answered = flags.reindex(group["org_id"])
        if answered.notna().sum() == len(group):
            yes = int(answered.astype(bool).sum())
            rate = _rate(yes, len(group), lang)
            out.append(
                cli_text(
                    "summary.response_coalition", lang, id=cid, yes=yes, n=len(group), rate=rate
                )
            )
    return out


def run(args) -> int:
    """Run ``lsmnet summary``; exit 0 (rows set aside by ``--errors collect`` are listed on
    stderr)."""
    data = load_data(args)
    title = None
    if args.example is not None:
        from lsmnet.datasets._registry import DATASETS

        title = f"{args.example}: {DATASETS[args.example].description}"
    report_set_aside("summary", data, args.lang)
    echo(summary_text(data, title, args.lang).split("\n"))
    return 0


def register(subparsers) -> None:
    """Add ``summary`` to the ``lsmnet`` parser (see :mod:`lsmnet.cli`)."""
    p = subparsers.add_parser(
        "summary",
        help="describe what a dataset holds",
        description="Counts, coalitions with their sizes, tie layers, date range and survey "
        "response rate of PATH or of a bundled example.",
    )
    add_data_options(p)
    add_lang(p)
    p.set_defaults(func=run)
