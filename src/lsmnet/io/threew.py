"""OCHA 3W/4W ("who does what where") sheets, with or without an HXL hashtag row.

A 3W sheet has one row per activity: the donor, the programme partner, the implementing
partner (name, acronym, type), the sector/cluster, the place (admin levels 1-3), dates and
status. :func:`read_3w` turns it into organisations (with their type and roles), directed
funding ties donor -> programme partner -> implementing partner, and undirected co-presence
ties between implementing partners working in the same sector x area cell.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._common import aside, finish, read_table, std
from lsmnet.io.names import normalize_name, read_aliases

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_3w"]

_FUNC = "read_3w"
_DONOR_ATTRS = ("funding", "funder", "donor")

# field -> (hashtag, attributes that must be present, attributes that must be absent)
_HXL = {
    "impl_name": ("org", {"impl"}, {"acronym", "type", "code", "id"}),
    "impl_acronym": ("org", {"impl", "acronym"}, set()),
    "impl_type": ("org", {"impl", "type"}, set()),
    "prog_name": ("org", {"prog"}, {"acronym", "type", "code", "id"}),
    "prog_acronym": ("org", {"prog", "acronym"}, set()),
    "donor_name": ("org", {"funding"}, {"acronym", "type", "code", "id"}),
    "donor_acronym": ("org", {"funding", "acronym"}, set()),
    "sector": ("sector", set(), {"code", "id"}),
    "adm1": ("adm1", set(), {"code", "id"}),
    "adm2": ("adm2", set(), {"code", "id"}),
    "adm3": ("adm3", set(), {"code", "id"}),
    "status": ("status", set(), set()),
    "start": ("date", {"start"}, set()),
    "end": ("date", {"end"}, set()),
}
# plain headers of common 3W templates (compared after std())
_HEADERS = {
    "impl_name": (
        "implementing_partner_name",
        "implementing_partner",
        "implementing_org",
        "implementing_organization",
        "implementing_organisation",
        "organization",
        "organisation",
        "partner",
    ),
    "impl_acronym": ("implementing_partner_acronym", "implementing_partner_short_name", "acronym"),
    "impl_type": (
        "implementing_partner_type",
        "organization_type",
        "organisation_type",
        "org_type",
        "type",
    ),
    "prog_name": (
        "program_partner_name",
        "programme_partner_name",
        "program_partner",
        "programme_partner",
        "appealing_organization",
    ),
    "prog_acronym": ("program_partner_acronym", "programme_partner_acronym"),
    "donor_name": (
        "donor_name",
        "donor",
        "funding_organization",
        "funding_organisation",
        "funder",
    ),
    "donor_acronym": ("donor_acronym",),
    "sector": ("cluster", "sector", "cluster_sector", "sector_cluster"),
    "adm1": ("region", "admin1", "admin_1", "adm1", "province", "state"),
    "adm2": ("zone", "admin2", "admin_2", "adm2", "district"),
    "adm3": ("woreda", "admin3", "admin_3", "adm3", "sub_district", "subdistrict"),
    "status": ("activity_status", "status"),
    "start": ("start_date", "start"),
    "end": ("end_date", "end"),
}
_ROLES = (("donor", "donor"), ("prog", "programme"), ("impl", "implementer"))

#: How the type words of 3W templates map to lsmnet's organisation types.
TYPE_WORDS = {
    "international ngo": "ingo",
    "ingo": "ingo",
    "national ngo": "ngo",
    "local ngo": "ngo",
    "nngo": "ngo",
    "ngo": "ngo",
    "community based organization": "cbo",
    "community based organisation": "cbo",
    "cbo": "cbo",
    "government": "government",
    "gov": "government",
    "un agency": "other",
    "un": "other",
    "red cross/red crescent": "other",
    "rcrc": "other",
    "private sector": "private",
    "private": "private",
    "academic": "academic",
    "donor": "funder",
}


def _tag(cell) -> tuple[str, frozenset] | None:
    if not isinstance(cell, str) or not cell.strip().startswith("#"):
        return None
    parts = cell.strip().lower().replace(" ", "").split("+")
    attrs = frozenset(a for a in parts[1:] if a)
    if any(a in attrs for a in _DONOR_ATTRS) and parts[0] == "#org":
        attrs = attrs | {"funding"}
    return parts[0][1:], attrs


def _is_hxl_row(values) -> bool:
    cells = [v for v in values if v is not None]
    return bool(cells) and sum(_tag(v) is not None for v in cells) >= max(1, len(cells) // 2)


def _hxl_fields(tags: dict) -> dict:
    found = {}
    for field, (hashtag, need, avoid) in _HXL.items():
        options = [
            (len(attrs - need), col)
            for col, (tag, attrs) in tags.items()
            if tag == hashtag
            and need <= attrs
            and not (attrs & avoid)
            and (field.startswith("impl") or hashtag != "org" or "impl" not in attrs)
        ]
        if options:
            found[field] = min(options, key=lambda o: o[0])[1]
    if "impl_name" not in found:  # plain #org is the implementing organisation
        plain = [
            col
            for col, (tag, attrs) in tags.items()
            if tag == "org" and not attrs & {"prog", "funding", "acronym", "type", "code", "id"}
        ]
        if plain:
            found["impl_name"] = plain[0]
    if "impl_type" not in found:
        typed = [
            c
            for c, (t, a) in tags.items()
            if t == "org" and "type" in a and not a & {"prog", "funding"}
        ]
        if typed:
            found["impl_type"] = typed[0]
    return found


def _header_fields(headers) -> dict:
    by_std = {std(h): h for h in reversed(list(headers))}
    found = {}
    for field, spellings in _HEADERS.items():
        for s in spellings:
            if s in by_std and by_std[s] not in found.values():
                found[field] = by_std[s]
                break
    return found


class _Orgs:
    """Organisations seen in the sheet: spellings linked when they occur together."""

    def __init__(self, *, match: bool, aliases: dict):
        self.match = match
        self.aliases = {self._norm(k, "n"): v for k, v in aliases.items()}
        self.parent: dict = {}
        self.count: Counter = Counter()

    def _norm(self, text, kind):
        # acronyms and names share one key space: "CARE" the acronym is "CARE" the name
        if not self.match:
            return " ".join(text.split())
        return normalize_name(text, legal_forms=()) if kind == "a" else normalize_name(text)

    def _find(self, k):
        while self.parent.setdefault(k, k) != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def _union(self, a, b):
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def mention(self, acronym, name):
        """Record one mention; return its key (None if both cells are empty)."""
        keys = []
        for text, kind in ((acronym, "a"), (name, "n")):
            if text:
                text = " ".join(text.split())
                alias = self.aliases.get(self._norm(text, "n"))
                if alias is not None:
                    self.count[("n", alias)] += 1
                    keys.append(self._norm(alias, "n"))
                self.count[(kind, text)] += 1
                keys.append(self._norm(text, kind))
        for k in keys[1:]:
            self._union(keys[0], k)
        return keys[0] if keys else None

    def resolve(self):
        """Key -> org_id, the organisations table rows and the spelling report."""
        groups = defaultdict(list)
        for (kind, text), n in self.count.items():
            groups[self._find(self._norm(text, kind))].append((kind, text, n))
        ids, rows, report = {}, [], []
        for root, spellings in groups.items():
            acronyms = sorted((s for s in spellings if s[0] == "a"), key=lambda s: -s[2])
            names = sorted((s for s in spellings if s[0] == "n"), key=lambda s: -s[2])
            org_id = (acronyms or names)[0][1]
            ids[root] = org_id
            rows.append(
                (org_id, names[0][1] if names else org_id, acronyms[0][1] if acronyms else None)
            )
            for kind, text, n in spellings:
                field, same = ("acronym", acronyms) if kind == "a" else ("name", names)
                report.append((text, org_id, field, n, len(same)))
        report = pd.DataFrame(report, columns=["name", "org_id", "field", "count", "variants"])
        report = report.sort_values(["org_id", "field", "name"], ignore_index=True)
        return ids, rows, report


def read_3w(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    hxl: bool | None = None,
    columns: Mapping[str, str] | None = None,
    area: Literal["adm1", "adm2", "adm3"] = "adm2",
    layer: str = "copresence",
    status: str | Sequence[str] | None = None,
    match: bool = True,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
    org_types: Mapping[str, str] | None = None,
) -> NetworkData:
    """Read an OCHA 3W/4W sheet into organisations, funding ties and co-presence ties.

    Parameters
    ----------
    path : str or path-like
        CSV (any of comma/semicolon/tab; UTF-8 with or without BOM, else Windows-1252 with a
        warning) or .xlsx workbook.
    sheet : str, optional
        Sheet of a workbook (default: the first).
    hxl : bool, optional
        Whether the row under the header holds HXL hashtags (``#org+impl``, ``#sector``, ...).
        By default it is detected; ``hxl=True`` makes a missing hashtag row an error and
        ``hxl=False`` reads the header names only.
    columns : mapping, optional
        Your header -> field, for headers neither tagged nor recognised. Fields: ``impl_name``,
        ``impl_acronym``, ``impl_type``, ``prog_name``, ``prog_acronym``, ``donor_name``,
        ``donor_acronym``, ``sector``, ``adm1``, ``adm2``, ``adm3``, ``status``, ``start``,
        ``end``.
    area : {"adm1", "adm2", "adm3"}, default "adm2"
        Admin level of the sector x area cells that define co-presence.
    layer : str, default "copresence"
        Name of the co-presence tie layer (declared in the data's ``layers``).
    status : str or list of str, optional
        Keep only activities with these statuses (e.g. ``["On-going", "Completed"]``); other
        rows are set aside with the reason. By default every row is kept.
    match : bool, default True
        Identify organisations across spellings: an acronym and a name on the same row belong
        to one organisation, and spellings equal after :func:`~lsmnet.io.names.normalize_name`
        (acronyms: case, punctuation and accents only) are merged. With ``match=False`` only
        identical spellings (whitespace aside) and same-row acronym/name pairs are merged.
    aliases : dict, DataFrame or path, optional
        Alias table (``alias -> canonical``) for names and acronyms, applied before matching.
    org_types : mapping, optional
        Extra or overriding type words (lower case) -> lsmnet type, on top of
        :data:`TYPE_WORDS`.

    Returns
    -------
    NetworkData
        ``organizations``: ``org_id`` (the most frequent acronym, else the most frequent name),
        ``name`` (most frequent name), ``type`` (from the implementing-partner type; donors without
        a type in the sheet are ``funder``), plus text columns ``acronym``, ``roles``
        (``donor|programme|implementer``) and ``type_source`` (the sheet's own type word).
        ``ties``: layer ``funding`` (directed, donor -> programme partner and programme partner ->
        implementing partner; ``weight`` = number of activity rows) and layer `layer` (undirected,
        between implementing partners present in the same sector x area cell; ``weight`` = number
        of shared cells); ``start``/``end`` span the rows' dates when the sheet has them.
        ``meta["rows"]``: rows read (non-blank, after the hashtag row) = used + set aside;
        ``meta["name_report"]``: every spelling (``name``) with the ``org_id`` it was given, its
        ``field`` (acronym or name), ``count`` and ``variants`` (how many spellings of that field
        the organisation has: rows with ``variants > 1`` are the merges); ``meta["columns"]``:
        field -> header used; ``meta["notes"]``: counts of rows without a donor, without a
        programme partner, self-implemented, and without sector or area.

    Raises
    ------
    SchemaError
        If no implementing-partner, sector or area column is found (the message lists the
        headers and tags found, and hints at a wrong delimiter), or ``hxl=True`` and row 2 is
        not a hashtag row; the message names the file and row.
    InvalidParameterError
        If `area`, `columns` or `org_types` is invalid.

    Notes
    -----
    A row is used when it names an implementing partner (acronym or name) and, with
    `status`, has a kept status; otherwise it is set aside with its row number and reason.
    A row without a programme partner gives no funding tie (the chain is unknown) and a row
    whose programme partner is its implementing partner (self-implementation) gives no
    programme -> implementer tie; both are counted in ``meta["notes"]``. The HXL tags follow
    the HXL standard [1]_: ``#org+impl``, ``#org+prog``, ``#org+funding`` (``+funder`` and
    ``+donor`` accepted), ``+acronym``/``+type`` attributes, ``#sector``, ``#adm1``-``#adm3``,
    ``#status``, ``#date+start``/``#date+end``.

    References
    ----------
    .. [1] Humanitarian Exchange Language (HXL) standard, version 1.1,
       https://hxlstandard.org/standard/1-1final/dictionary/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = (
    ...     "Donor,Programme partner,Implementing partner,Type,Sector,Province,District\\n"
    ...     "#org+funding,#org+prog,#org+impl,#org+impl+type,#sector,#adm1,#adm2\\n"
    ...     "ECHO,Oxfam,Yayasan Pulih,National NGO,Protection,Aceh,Banda Aceh\\n"
    ...     "ECHO,Oxfam,Oxfam,International NGO,WASH,Aceh,Banda Aceh\\n"
    ...     ",,PKPA,National NGO,Protection,Aceh,Banda Aceh\\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "3w.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_3w(path)
    >>> data.organizations[["org_id", "type", "roles"]]
              org_id    type                  roles
    0  Yayasan Pulih     ngo            implementer
    1          Oxfam    ingo  programme|implementer
    2           ECHO  funder                  donor
    3           PKPA     ngo            implementer
    >>> data.ties[["source", "target", "layer", "weight"]]
              source         target       layer  weight
    0          ECHO          Oxfam     funding     2.0
    1         Oxfam  Yayasan Pulih     funding     1.0
    2          PKPA  Yayasan Pulih  copresence     1.0
    >>> data.meta["accounting"]
    '3 rows read = 3 used + 0 set aside'
    """
    check_option(area, ("adm1", "adm2", "adm3"), "area", _FUNC)
    if hxl is not None and not isinstance(hxl, bool):
        raise InvalidParameterError(
            f"The 'hxl' parameter of {_FUNC} must be True, False or None. Got {hxl!r}."
        )
    types = dict(TYPE_WORDS)
    for word, kind in (org_types or {}).items():
        check_option(kind, tuple(sorted(set(TYPE_WORDS.values()) | {"other"})), "org_types", _FUNC)
        types[str(word).strip().lower()] = kind
    raw = read_table(path, sheet=sheet, func=_FUNC)
    frame, rows, label = raw.frame, np.asarray(raw.rows), raw.label
    fields, tagged = _locate(frame, rows, label, hxl=hxl, columns=columns)
    if tagged:
        frame, rows = frame.iloc[1:].reset_index(drop=True), rows[1:]
    missing = [f for f in ("sector", area) if f not in fields]
    if not ({"impl_name", "impl_acronym"} & set(fields)):
        missing.insert(0, "impl_name")
    if missing:
        _missing_error(label, frame, fields, missing, tagged)
    keep_status = None
    if status is not None:
        keep_status = {status} if isinstance(status, str) else set(status)
    orgs = _Orgs(match=match, aliases=read_aliases(aliases))

    values = {field: frame[col].tolist() for field, col in fields.items()}

    def cell(field, pos):
        column = values.get(field)
        return None if column is None else column[pos]

    set_aside, used = [], []
    mentions = []  # per used row: {role: key}
    for pos, row in enumerate(rows):
        st = cell("status", pos)
        if keep_status is not None and st not in keep_status:
            set_aside.append(
                aside(
                    "3w",
                    label,
                    row,
                    fields.get("status"),
                    st,
                    f"status {st!r} is not one of status={sorted(keep_status)}",
                    "pass more statuses to status= to keep this row",
                )
            )
            continue
        impl = orgs.mention(cell("impl_acronym", pos), cell("impl_name", pos))
        if impl is None:
            set_aside.append(
                aside(
                    "3w",
                    label,
                    row,
                    fields.get("impl_name", fields.get("impl_acronym")),
                    "",
                    "no implementing partner on this row",
                    "fill in the implementing partner's name or acronym, or delete the row",
                )
            )
            continue
        used.append(pos)
        mentions.append(
            {
                "impl": impl,
                "prog": orgs.mention(cell("prog_acronym", pos), cell("prog_name", pos)),
                "donor": orgs.mention(cell("donor_acronym", pos), cell("donor_name", pos)),
            }
        )
    ids, org_rows, report = orgs.resolve()
    find = orgs._find
    role_of = defaultdict(set)
    type_votes = defaultdict(Counter)
    notes = Counter()
    funding = defaultdict(list)  # (source, target) -> positions
    cells = defaultdict(set)  # (sector, area) -> implementers
    for pos, m in zip(used, mentions, strict=True):
        who = {r: ids[find(k)] if k is not None else None for r, k in m.items()}
        for r, word in _ROLES:
            if who[r] is not None:
                role_of[who[r]].add(word)
        t = cell("impl_type", pos)
        if t is not None:
            type_votes[who["impl"]][t] += 1
        if who["donor"] is None:
            notes["rows_without_donor"] += 1
        if who["prog"] is None:
            notes["rows_without_programme_partner"] += 1
        else:
            if who["donor"] == who["prog"]:
                notes["rows_donor_is_programme_partner"] += 1
            elif who["donor"] is not None:
                funding[who["donor"], who["prog"]].append(pos)
            if who["prog"] == who["impl"]:
                notes["self_implemented_rows"] += 1
            else:
                funding[who["prog"], who["impl"]].append(pos)
        sector, place = cell("sector", pos), cell(area, pos)
        if sector is None or place is None:
            notes["rows_without_sector_or_area"] += 1
        else:
            cells[sector, place].add(who["impl"])
    organizations = _organizations(org_rows, role_of, type_votes, types)
    ties = _funding_ties(funding, frame, fields)
    copresence = Counter()
    for members in cells.values():
        for a, b in combinations(sorted(members), 2):
            copresence[a, b] += 1
    ties += [(a, b, layer, float(w), False, pd.NaT, pd.NaT) for (a, b), w in copresence.items()]
    ties = pd.DataFrame(
        ties, columns=["source", "target", "layer", "weight", "directed", "start", "end"]
    )
    notes["sector_area_cells"] = len(cells)
    return finish(
        file=label,
        importer=_FUNC,
        options={
            "sheet": sheet,
            "hxl": tagged,
            "area": area,
            "layer": layer,
            "status": None if keep_status is None else sorted(keep_status),
            "match": match,
            "columns": columns,
        },
        rows_read=len(rows),
        set_aside=set_aside,
        blank_rows=raw.blank_rows,
        organizations=organizations,
        ties=ties,
        layers=[layer],
        extra_meta={
            "name_report": report,
            "columns": fields,
            "notes": {k: int(v) for k, v in sorted(notes.items())},
        },
    )


def _locate(frame, rows, label, *, hxl, columns):
    headers = list(frame.columns)
    tagged = len(frame) > 0 and _is_hxl_row([frame[c].iat[0] for c in headers])
    header_tags = _is_hxl_row(headers)
    if hxl is True and not (tagged or header_tags):
        second = rows[0] if len(rows) else 2
        raise SchemaError(
            f"{label}, row {second}: hxl=True but this row holds no HXL hashtags (cells such "
            "as #org+impl, #sector, #adm1). Fix: add the hashtag row under the header, or pass "
            "hxl=None to match the header names instead."
        )
    fields = {}
    if hxl is not False and (tagged or header_tags):
        source = [frame[c].iat[0] for c in headers] if tagged else headers
        tags = {col: _tag(v) for col, v in zip(headers, source, strict=True) if _tag(v)}
        fields = _hxl_fields(tags)
    else:
        tagged = False
    for field, col in _header_fields(headers).items():
        if field not in fields and col not in fields.values():
            fields[field] = col
    for user, field in (columns or {}).items():
        if field not in _HEADERS:
            raise InvalidParameterError(
                f"The 'columns' parameter of {_FUNC} maps {user!r} to {field!r}, which is not "
                f"one of its fields ({', '.join(_HEADERS)})."
            )
        hits = [h for h in headers if h == user or std(h) == std(user)]
        if not hits:
            raise SchemaError(
                f"{label}, row 1: columns= names the header {user!r}, which the "
                f"file does not have. Headers found: {', '.join(map(repr, headers))}."
            )
        fields[field] = hits[0]
    return fields, bool(tagged and hxl is not False)


def _missing_error(label, frame, fields, missing, tagged):
    headers = list(frame.columns)
    hint = ""
    if len(headers) == 1:
        hint = (
            " The whole header is one column: the file may use a delimiter other than comma, "
            "semicolon or tab."
        )
    elif not tagged:
        hint = " No HXL hashtag row was found under the header (row 2)."
    examples = {
        "impl_name": "#org+impl / 'Implementing partner'",
        "sector": "#sector / 'Cluster'",
        "adm1": "#adm1 / 'Region'",
        "adm2": "#adm2 / 'Zone' or 'District'",
        "adm3": "#adm3 / 'Woreda'",
    }
    raise SchemaError(
        f"{label}, row {2 if tagged else 1}: 3W columns not found: "
        + ", ".join(f"{m} ({examples[m]})" for m in missing)
        + f". Headers found: {', '.join(map(repr, headers)) or '(none)'}.{hint} Fix: add HXL "
        f"hashtags, rename the headers, or map them with columns={{'your header': "
        f"'{missing[0]}'}}."
    )


def _organizations(org_rows, role_of, type_votes, types):
    out = []
    for org_id, name, acronym in org_rows:
        votes = type_votes.get(org_id)
        source = votes.most_common(1)[0][0] if votes else None
        kind = types.get(" ".join(source.lower().split())) if source else None
        if kind is None and source is None and "donor" in role_of[org_id]:
            kind = "funder"
        roles = "|".join(w for _r, w in _ROLES if w in role_of[org_id])
        out.append((org_id, name, kind, acronym, roles, source))
    return pd.DataFrame(out, columns=["org_id", "name", "type", "acronym", "roles", "type_source"])


def _funding_ties(funding, frame, fields):
    ties = []
    for (src, dst), positions in funding.items():
        start = end = pd.NaT
        for field, agg in (("start", min), ("end", max)):
            if field in fields:
                values = pd.to_datetime(
                    frame[fields[field]].iloc[positions], errors="coerce", format="ISO8601"
                ).dropna()
                if len(values):
                    if field == "start":
                        start = agg(values)
                    else:
                        end = agg(values)
        ties.append((src, dst, "funding", float(len(positions)), True, start, end))
    return ties
