"""The five conversations: a short, prioritised digest of the risk register per coalition."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._validation import check_number
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io.from_graph import check_network_data
from lsmnet.risk.catalog import check_lang, flag_info, join_names, message
from lsmnet.risk.flags import risk_flags
from lsmnet.risk.stage import phrase

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from lsmnet.model import NetworkData
    from lsmnet.risk.thresholds import RiskThresholds

__all__ = ["COLUMNS", "SEVERITY_WEIGHT", "priorities"]

#: Columns of :func:`priorities`, in order.
COLUMNS = (
    "coalition",
    "rank",
    "subject",
    "subject_name",
    "codes",
    "severity",
    "score",
    "title",
    "explanation",
    "n_flags",
)
#: Base score of each severity: severity decides the rank first.
SEVERITY_WEIGHT = {"high": 3.0, "watch": 2.0, "info": 1.0}
#: Weight of the relative distance beyond the threshold (capped at 1).
DISTANCE_WEIGHT = 0.4
#: Subtracted from the score of a flag on thin data.
THIN_PENALTY = 0.5
#: A node flag raised by at least this many members of a coalition is one coalition-wide
#: conversation naming them, not one conversation per member.
SHARED_MIN = 3
#: Members named in a coalition-wide conversation before "and n others".
NAMED_MEMBERS = 3
#: The register columns the digest reads.
REGISTER_COLUMNS = ("code", "category", "level", "entity", "coalition", "severity", "value")
#: Rating-based categories, weakened by a low response rate.
RATING_CATEGORIES = ("mission", "power", "trust")


def priorities(
    data: NetworkData,
    *,
    coalition: str | Sequence[str] | None = None,
    layers: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    thresholds: RiskThresholds | Mapping[str, float] | None = None,
    flags: pd.DataFrame | None = None,
    top: int = 5,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
) -> pd.DataFrame:
    r"""The conversations to have first: per coalition, at most ``top`` grouped flags.

    :func:`lsmnet.risk_flags` is the full register (every flag, one row each); this is its
    digest for people who will act on it. The flags of one subject (a member, a pair of
    members, a group or the coalition as a whole) are one conversation, so a member raising
    four related flags is one row naming all four codes; conversations are ranked by
    severity, by how far the value lies beyond its threshold and by the quality of the data
    behind them.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data (names of members and coalitions are read from it).
    coalition, layers, at, thresholds
        As in :func:`lsmnet.risk_flags` (ignored for the flags when ``flags`` is given, except
        that ``coalition`` still selects which coalitions are digested).
    flags : pandas.DataFrame, optional
        A register returned by :func:`lsmnet.risk_flags` for ``data``; None computes it.
    top : int, default 5
        Conversations kept per coalition.
    lang : {"en", "id"}, default "en"
        Language of ``title`` and ``explanation`` (a given register keeps its own language
        elsewhere).
    seed : int, numpy.random.Generator or None, default 0
        As in :func:`lsmnet.risk_flags`.

    Returns
    -------
    pandas.DataFrame
        One row per conversation, ordered by coalition (ids in sorted order, ``"network"``
        last), then ``rank``; default integer index. Columns:

        - ``coalition`` (str): coalition id, or ``"network"`` for flags on the whole network
          (data without coalitions);
        - ``rank`` (int): 1 for the first conversation of the coalition, up to ``top``;
        - ``subject`` (str): the org_id of a member, ``"A – B"`` (org_ids, sorted) for a
          pair, ``"attribute=value"`` for a group, or the coalition id (``"network"``) for
          the coalition as a whole;
        - ``subject_name`` (str): the same with names instead of ids (``"Name A – Name B"``,
          the coalition's name, "the whole network", "Aceh (province)");
        - ``codes`` (str): the flag codes of the conversation, ``";"``-joined, most important
          first, e.g. ``"DOM-4;DOM-5"``;
        - ``severity`` (str): the highest severity among them (high, watch or info);
        - ``score`` (float): the ranking key, the largest flag score of the conversation
          (see Notes);
        - ``title`` (str): the titles of its flags in ``lang``, ``"; "``-joined;
        - ``explanation`` (str): one sentence in ``lang`` saying whom to talk with and about
          what, and whether the data behind it are thin;
        - ``n_flags`` (int): rows of the register in the conversation.

        A coalition without flags has no row. ``DataFrame.attrs`` holds ``"top"`` (int) and
        ``"flags"`` (int, register rows digested).

    Raises
    ------
    InvalidParameterError
        If ``top`` is not a positive integer, ``lang`` is unknown, ``flags`` is not a
        register (a DataFrame with the columns of :func:`lsmnet.risk_flags`), or as in
        :func:`lsmnet.risk_flags`.

    See Also
    --------
    risk_flags : the full register.
    coalition_health, member_table

    Notes
    -----
    Each flag gets the score

    .. math::

        s = w_{\text{severity}} + 0.4 \min\left(1, \frac{|v - t|}{|t|}\right)
            - 0.5\, [\text{thin data}],

    with :math:`w` = 3 (high), 2 (watch), 1 (info), :math:`v` the flag's value and
    :math:`t` its threshold (the absolute distance :math:`|v|` when :math:`t = 0`). The value
    lies beyond the threshold in the flag's own direction (above a ceiling, below a floor),
    so the absolute difference is the distance in that direction. A flag is on thin data
    when it carries a DQ-1 note, when it concerns a member with too few raters (DQ-2), or
    when its coalition has a low response rate (DQ-1) and the flag is rating-based or
    sensitive to missing data. So severity decides first, a thin-data flag ranks strictly
    below every well-founded flag of its severity, and distance orders the rest. These weights are
    lsmnet's own heuristic.

    A conversation is every flag of one subject within a coalition; on the coalition as a
    whole, one per category (dominance, fragmentation, ...). A member-level flag raised by at
    least ``SHARED_MIN`` = 3 members of a coalition (say, five members with concentrated
    funding) joins the coalition-wide conversation of its category, which names them. Its
    score is that of its highest-scoring flag; ties go to the conversation with more flags,
    then by subject.
    Data-quality flags (DQ-1 to DQ-3) are not conversations: they lower the rank of the flags
    they concern.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.risk.priorities import priorities
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> digest = priorities(data)
    >>> int(digest.groupby("coalition").size().max())
    5
    >>> digest.columns.tolist()[:5]
    ['coalition', 'rank', 'subject', 'subject_name', 'codes']
    >>> digest.loc[0, "severity"]
    'high'
    """
    check_network_data(data, "priorities")
    func = "priorities"
    check_lang(lang, func)
    check_number(top, "top", func, low=1, integer=True)
    if flags is None:
        flags = risk_flags(
            data,
            coalition=coalition,
            layers=layers,
            at=at,
            thresholds=thresholds,
            lang=lang,
            seed=seed,
        )
    else:
        _check_register(flags, func)
        if coalition is not None:
            wanted = {coalition} if isinstance(coalition, str) else set(coalition)
            unknown = sorted(str(c) for c in wanted - set(data.coalitions["coalition_id"]))
            if unknown:
                raise InvalidParameterError(
                    f"The 'coalition' parameter of {func} must name coalitions of the data. "
                    f"Got unknown {', '.join(repr(c) for c in unknown)}."
                )
            flags = flags.loc[flags["coalition"].isin(wanted).fillna(False).to_numpy(bool)]
    names = _names(data)
    register = flags.assign(
        coalition=flags["coalition"].astype(object).where(flags["coalition"].notna(), "network")
    )
    thin = _thin(register)
    quality = register["code"].str.startswith("DQ-").to_numpy(bool)
    flagged, starts = _conversations(register.loc[~quality], thin.loc[~quality])
    if len(starts) == 1:
        out = pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in COLUMNS})
    else:
        # only the kept conversations are worded: ranking needs no text
        out = pd.DataFrame(
            [
                {"rank": rank, **_conversation(flagged, starts[i], starts[i + 1], names, lang)}
                for i, rank in zip(*_ranking(flagged, starts, top), strict=True)
            ],
            columns=list(COLUMNS),
        )
    out.attrs = {"top": int(top), "flags": len(flags)}
    return out


def _dtype(column: str):
    return {"rank": int, "n_flags": int, "score": float}.get(column, object)


def _check_register(flags, func: str) -> None:
    missing = (
        [c for c in (*REGISTER_COLUMNS, "threshold") if c not in flags.columns]
        if isinstance(flags, pd.DataFrame)
        else None
    )
    if missing is None or missing:
        got = type(flags).__name__ if missing is None else f"columns missing: {missing}"
        raise InvalidParameterError(
            f"The 'flags' parameter of {func} must be a register returned by risk_flags "
            f"(a DataFrame with columns {', '.join(REGISTER_COLUMNS)}, threshold). Got {got}."
        )


def _names(data) -> dict:
    """``{"org": org_id -> name, "coalition": coalition_id -> name}`` (the id when unnamed)."""

    def named(ids, labels):
        return {
            str(i): (str(n) if pd.notna(n) and str(n) else str(i))
            for i, n in zip(ids, labels, strict=True)
        }

    orgs, coalitions = data.organizations, data.coalitions
    return {
        "org": named(orgs["org_id"], orgs["name"]),
        "coalition": named(coalitions["coalition_id"], coalitions["name"]),
    }


def _info(code: str) -> dict:
    """The catalogue entry of ``code``; an empty one for a code the catalogue lacks."""
    try:
        return flag_info(code)
    except KeyError:
        return {}


def flag_scores(register: pd.DataFrame, thin: pd.Series) -> pd.Series:
    """The score of each flag (see :func:`priorities`, Notes)."""
    value = register["value"].to_numpy(float)
    threshold = register["threshold"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.where(
            threshold != 0, np.abs(value - threshold) / np.abs(threshold), np.abs(value)
        )
    distance = np.nan_to_num(np.clip(distance, 0.0, 1.0), nan=0.0)
    base = register["severity"].map(SEVERITY_WEIGHT).fillna(0.0).to_numpy(float)
    score = base + DISTANCE_WEIGHT * distance - THIN_PENALTY * thin.notna().to_numpy(bool)
    return pd.Series(score, index=register.index, name="score")


def _thin(register: pd.DataFrame) -> pd.Series:
    """Why each flag rests on thin data ("few_raters", "low_response") or None."""
    dq2 = register.loc[register["code"] == "DQ-2", ["coalition", "entity"]]
    few = set(zip(dq2["coalition"], dq2["entity"].astype(str), strict=True))
    low = set(register.loc[register["code"] == "DQ-1", "coalition"])
    codes = register["code"].tolist()
    sensitive = {c: bool(_info(c).get("missing_data_sensitive")) for c in set(codes)}
    noted = (
        register["note"].notna().to_numpy(bool).tolist()
        if "note" in register.columns
        else [False] * len(register)
    )
    why = []
    for code, category, level, entity, unit, note in zip(
        codes,
        register["category"].tolist(),
        register["level"].tolist(),
        register["entity"].tolist(),
        register["coalition"].tolist(),
        noted,
        strict=True,
    ):
        ends = str(entity).split("|") if level == "dyad" else [str(entity)]
        if code.startswith("DQ-"):
            why.append(None)
        elif level in ("node", "dyad") and any((unit, e) in few for e in ends):
            why.append("few_raters")
        elif note or (unit in low and (category in RATING_CATEGORIES or sensitive[code])):
            why.append("low_response")
        else:
            why.append(None)
    return pd.Series(why, index=register.index, dtype=object)


def _conversations(register: pd.DataFrame, thin: pd.Series) -> tuple[dict, list[int]]:
    """The flags as plain lists, conversation by conversation, and where each conversation starts.

    Conversations come in the order of their ``(coalition, (level, subject key))``, flags
    within one best first (ties in the register's order); ``starts`` ends with the number of
    flags, so conversation ``i`` is ``starts[i]:starts[i + 1]``.
    """
    score = flag_scores(register, thin).to_numpy(float)
    node = register["level"] == "node"
    raised = register.loc[node].groupby(["coalition", "code"])["entity"].transform("nunique")
    shared = pd.Series(False, index=register.index)
    shared.loc[raised.index] = raised >= SHARED_MIN
    units = register["coalition"].tolist()
    levels = register["level"].tolist()
    entities = [str(e) for e in register["entity"].tolist()]
    categories = register["category"].tolist()
    key_levels, keys = [], []
    for level, entity, unit, category, common in zip(
        levels, entities, units, categories, shared.to_numpy(bool).tolist(), strict=True
    ):
        if level == "network" or common:
            key_levels.append("network")
            keys.append(f"{unit}#{category}")
        else:
            key_levels.append(level)
            keys.append(entity)
    # sorted codes of (coalition, key level, key): the order of a sorted groupby on them
    ranks = [
        np.unique(np.array(column, dtype=object), return_inverse=True)[1].reshape(-1)
        for column in (units, key_levels, keys)
    ]
    order = np.lexsort((np.arange(len(score)), -score, ranks[2], ranks[1], ranks[0]))
    new = np.zeros(len(order), dtype=bool)
    new[:1] = True
    for column in ranks:
        ordered = column[order]
        new[1:] |= ordered[1:] != ordered[:-1]
    starts = [*np.flatnonzero(new).tolist(), len(order)]
    pick = order.tolist()
    columns = {
        "unit": units,
        "key_level": key_levels,
        "level": levels,
        "entity": entities,
        "code": register["code"].tolist(),
        "category": categories,
        "severity": register["severity"].tolist(),
        "thin": thin.tolist(),
        "score": score.tolist(),
    }
    return {name: [values[i] for i in pick] for name, values in columns.items()}, starts


def _subject_id(level: str, entity: str, unit: str) -> str:
    """The ``subject`` of a conversation (see :func:`priorities`, Returns)."""
    if level == "dyad":
        return " – ".join(sorted(entity.split("|")))
    if level == "node" or (level == "group" and "=" in entity):
        return entity
    return "network" if unit == "network" else unit


def _subject_name(level: str, entity: str, unit: str, names: dict, lang: str) -> str:
    """The ``subject_name`` of a conversation (see :func:`priorities`, Returns)."""
    if level == "dyad":
        return " – ".join(names["org"].get(e, e) for e in sorted(entity.split("|")))
    if level == "node":
        return names["org"].get(entity, entity)
    if level == "group" and "=" in entity:
        attribute, value = entity.split("=", 1)
        if attribute in ("type", "province", "issues"):
            attribute = message(f"attributes.{attribute}", lang)
        return phrase("priorities.group", lang, value=value, attribute=attribute)
    if unit == "network":
        return phrase("priorities.network", lang)
    return names["coalition"].get(unit, unit)


def _entity(flags: dict, start: int) -> tuple[str, str, str]:
    """``(level, entity, coalition)`` naming the subject of the conversation at ``start``."""
    unit, level = flags["unit"][start], flags["key_level"][start]
    return level, (flags["entity"][start] if level != "network" else str(unit)), unit


def _ranking(flags: dict, starts: list[int], top: int) -> tuple[list[int], list[int]]:
    """The conversations kept, in the order of the digest, and their ranks.

    Ranked by score, then size, then subject, within each coalition (sorted ids,
    ``"network"`` last); equal keys keep the order of :func:`_conversations`.
    """
    units = [str(flags["unit"][start]) for start in starts[:-1]]
    table = pd.DataFrame(
        {
            "_network": [unit == "network" for unit in units],
            "coalition": units,
            "score": [float(flags["score"][start]) for start in starts[:-1]],
            "n_flags": np.diff(starts),
            "subject": [_subject_id(*_entity(flags, start)) for start in starts[:-1]],
        }
    )
    table = table.sort_values(
        ["_network", "coalition", "score", "n_flags", "subject"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    rank = table.groupby("coalition", sort=False).cumcount() + 1
    kept = (rank <= top).to_numpy(bool)
    return table.index[kept].tolist(), rank[kept].tolist()


def _conversation(flags: dict, start: int, stop: int, names: dict, lang: str) -> dict:
    """The row of the conversation ``flags[...][start:stop]`` (every column but ``rank``)."""
    level, entity, unit = _entity(flags, start)
    subject = _subject_id(level, entity, unit)
    subject_name = _subject_name(level, entity, unit, names, lang)
    codes = list(dict.fromkeys(flags["code"][start:stop]))
    categories = list(dict.fromkeys(flags["category"][start:stop]))
    severity = max(flags["severity"][start:stop], key=lambda s: SEVERITY_WEIGHT.get(s, 0.0))
    titles = [_info(c).get("title", {}).get(lang, c) for c in codes]
    # the conversation is ranked by its first flag, so its data decide the caveat
    why = flags["thin"][start]
    thin = (
        phrase("priorities.thin", lang, why=phrase(f"priorities.why.{why}", lang))
        if why is not None
        else ""
    )
    spoken = (
        join_names([names["org"].get(e, e) for e in subject.split(" – ")], lang)
        if level == "dyad"
        else subject_name
    )
    levels, entities = flags["level"][start:stop], flags["entity"][start:stop]
    node = [e for lv, e in zip(levels, entities, strict=True) if lv == "node"]
    members = list(dict.fromkeys(node))
    fields = {}
    if level == "network" and members:
        level = "shared"
        # "and 1 others" would name no fewer members than naming the last one
        shown = members if len(members) <= NAMED_MEMBERS + 1 else members[:NAMED_MEMBERS]
        named = [names["org"].get(m, m) for m in shown]
        if len(members) > len(shown):
            named.append(phrase("priorities.others", lang, n=len(members) - NAMED_MEMBERS))
        fields["members"] = join_names(named, lang)
    explanation = phrase(
        f"priorities.sentence.{level}",
        lang,
        name=spoken,
        topics=join_names([phrase(f"priorities.topics.{c}", lang) for c in categories], lang),
        thin=thin,
        **fields,
    )
    return {
        "coalition": str(unit),
        "subject": subject,
        "subject_name": subject_name,
        "codes": ";".join(codes),
        "severity": severity,
        "score": float(flags["score"][start]),
        "title": "; ".join(titles),
        "explanation": explanation,
        "n_flags": stop - start,
    }
