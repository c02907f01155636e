"""Organisation-name matching: normalisation, a user-editable alias table and a merge report.

The same organisation is spelled many ways across surveys, 3W sheets and grant files ("Yayasan
Pulih", "YAYASAN PULIH ", "Pulih Foundation"). :func:`match_names` groups spellings that are
the same after :func:`normalize_name` or that an alias table says are the same, picks one
canonical spelling per group and reports every merge, so that nothing is merged silently.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from lsmnet.exceptions import SchemaError
from lsmnet.io._files import read_csv_raw

__all__ = [
    "LEGAL_FORMS",
    "NameMatch",
    "alias_table",
    "match_names",
    "near_duplicates",
    "normalize_name",
    "read_aliases",
]

#: Words dropped by :func:`normalize_name`: legal forms and articles in Indonesian, English,
#: German, French and Spanish. They say what kind of body an organisation is, not which one.
LEGAL_FORMS = frozenset(
    {
        # Indonesian
        "yayasan",
        "perkumpulan",
        "lembaga",
        "pt",
        "cv",
        "tbk",
        "persero",
        # English
        "foundation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "plc",
        "corp",
        "corporation",
        "the",
        # German, French, Spanish
        "ev",
        "gmbh",
        "ggmbh",
        "stiftung",
        "fondation",
        "asbl",
        "fundacion",
    }
)

_JOINERS = re.compile(r"['’‘`´.]")  # removed outright: "e.V." -> "ev", "Children's" -> "childrens"


def _DIACRITIC(ch: str) -> bool:
    return "\u0300" <= ch <= "\u036f"


def normalize_name(name: str, *, legal_forms: Iterable[str] = LEGAL_FORMS) -> str:
    """Return the matching key of an organisation name.

    Parameters
    ----------
    name : str
        A name as typed by a person.
    legal_forms : iterable of str, default :data:`LEGAL_FORMS`
        Lower-case words to drop (legal forms, articles). Pass ``()`` to keep every word.

    Returns
    -------
    str
        The key: Unicode NFKC, Latin accents removed, case-folded, ``&`` read as "and",
        apostrophes and dots removed, other punctuation read as a space, legal-form words
        dropped (unless nothing else is left), single spaces. ``""`` for a blank name.

    Notes
    -----
    Two names match when their keys are equal. The key is for matching only; the names kept in
    the data are always spellings that occur in the input.

    Examples
    --------
    >>> normalize_name("  Yayasan  Pulih ")
    'pulih'
    >>> normalize_name("Vétérinaires sans Frontières e.V.")
    'veterinaires sans frontieres'
    >>> normalize_name("SOS Children’s Villages") == normalize_name("SOS Children's Villages")
    True
    >>> normalize_name("The Foundation")  # nothing but legal forms: keep them
    'the foundation'
    """
    forms = legal_forms if isinstance(legal_forms, frozenset) else frozenset(legal_forms)
    return _key(str(name), forms)


@functools.lru_cache(maxsize=65536)
def _key(text: str, legal_forms: frozenset) -> str:
    text = unicodedata.normalize("NFKC", text)
    # drop only the Latin diacritics (U+0300-U+036F); other scripts' marks are letters' parts
    text = unicodedata.normalize(
        "NFC", "".join(ch for ch in unicodedata.normalize("NFD", text) if not _DIACRITIC(ch))
    )
    text = text.casefold().replace("&", " and ")
    text = "".join(
        " " if unicodedata.category(ch)[0] in "PS" else ch for ch in _JOINERS.sub("", text)
    )
    tokens = text.split()
    forms = {f.casefold().replace(".", "") for f in legal_forms}
    kept = [t for t in tokens if t not in forms]
    return " ".join(kept or tokens)


class NameMatch(NamedTuple):
    """Result of :func:`match_names` (unpack it: ``mapping, report = match_names(...)``)."""

    mapping: dict
    """Each distinct input name (exactly as given) -> its canonical name."""
    report: pd.DataFrame
    """One row per distinct input name; see :func:`match_names`."""


def read_aliases(
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str],
) -> dict[str, str]:
    """Read an alias table into ``{alias: canonical}``.

    Parameters
    ----------
    aliases : dict, pandas.DataFrame, str or path-like
        A mapping, a DataFrame with columns ``alias`` and ``canonical``, or the path of a CSV
        file with those two columns (the user-editable alias table).

    Returns
    -------
    dict
        Alias spelling -> canonical spelling, both stripped.

    Raises
    ------
    SchemaError
        If the table lacks a column, has a blank cell, or gives one alias two canonical names.

    Examples
    --------
    >>> read_aliases({"Pulih Foundation": "Yayasan Pulih"})
    {'Pulih Foundation': 'Yayasan Pulih'}
    """
    if aliases is None:
        return {}
    file = "<aliases>"
    if isinstance(aliases, Mapping):
        frame = pd.DataFrame({"alias": list(aliases), "canonical": list(aliases.values())})
        numbers = list(range(2, len(frame) + 2))
    elif isinstance(aliases, pd.DataFrame):
        frame = aliases
        numbers = list(range(2, len(frame) + 2))
    else:
        file = str(aliases)
        # the loaders' CSV reader: the same limits (columns, cells), encodings and messages
        raw = read_csv_raw(Path(aliases), label=file)
        frame = raw.frame
        numbers = raw.rows.tolist()
    missing = [c for c in ("alias", "canonical") if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"{file}: the alias table needs columns 'alias' and 'canonical'; missing "
            f"{', '.join(repr(c) for c in missing)}. Fix: name the two columns alias,canonical."
        )
    out: dict[str, str] = {}
    for i, alias, canonical in zip(numbers, frame["alias"], frame["canonical"], strict=True):
        alias_s = "" if pd.isna(alias) else str(alias).strip()
        canon_s = "" if pd.isna(canonical) else str(canonical).strip()
        if not alias_s or not canon_s:
            raise SchemaError(
                f"{file}, row {i}: blank alias or canonical name ({alias!r} -> {canonical!r}). "
                "Fix: fill both cells or delete the row."
            )
        if out.get(alias_s, canon_s) != canon_s:
            raise SchemaError(
                f"{file}, row {i}, column 'canonical': alias {alias_s!r} is mapped to both "
                f"{out[alias_s]!r} and {canon_s!r}. Fix: keep one row for this alias."
            )
        out[alias_s] = canon_s
    return out


def match_names(
    names: Iterable[str],
    *,
    aliases: Mapping[str, str] | pd.DataFrame | str | os.PathLike[str] | None = None,
    legal_forms: Iterable[str] = LEGAL_FORMS,
) -> NameMatch:
    """Group the spellings of the same organisation and report every merge.

    Parameters
    ----------
    names : iterable of str
        Names as they occur in the data, repeats included (the most frequent spelling of a
        group becomes its canonical name). Missing values and blank strings are skipped.
    aliases : dict, pandas.DataFrame, str or path-like, optional
        Alias table (see :func:`read_aliases`): each alias is merged with its canonical name,
        which becomes the group's canonical spelling even if it does not occur in `names`.
        Aliases are looked up by their normalised key, so one row covers every spelling.
    legal_forms : iterable of str, default :data:`LEGAL_FORMS`
        Passed to :func:`normalize_name`.

    Returns
    -------
    NameMatch
        ``mapping``: dict from each distinct input name (exactly as given) to its canonical
        name. ``report``: DataFrame with one row per distinct input name and columns

        - ``name``: the spelling as given;
        - ``canonical``: the spelling it is mapped to;
        - ``key``: its normalised key;
        - ``rule``: ``"unchanged"`` (the name is its own canonical name), ``"normalised"``
          (merged because the keys are equal) or ``"alias"`` (merged by the alias table);
        - ``count``: how often the spelling occurs in `names`.

        Rows are sorted by canonical name, then name.

    Raises
    ------
    SchemaError
        If the alias table is malformed, or chains an alias to a name that is itself an alias
        of something else.

    See Also
    --------
    normalize_name : the matching key.

    Notes
    -----
    The canonical name of a group is, in order of preference: the alias table's canonical
    name; the most frequent spelling; the first of the equally frequent spellings in input
    order, with surrounding whitespace removed.

    Examples
    --------
    >>> mapping, report = match_names(
    ...     ["Yayasan Pulih", "YAYASAN PULIH ", "Yayasan Pulih", "Pulih Foundation", "ICW"],
    ...     aliases={"Indonesia Corruption Watch": "ICW"},
    ... )
    >>> mapping["Pulih Foundation"]
    'Yayasan Pulih'
    >>> print(report[["name", "canonical", "rule", "count"]].to_string(index=False))
                name     canonical       rule  count
                 ICW           ICW  unchanged      1
    Pulih Foundation Yayasan Pulih normalised      1
      YAYASAN PULIH  Yayasan Pulih normalised      1
       Yayasan Pulih Yayasan Pulih  unchanged      2
    """
    legal_forms = tuple(legal_forms)
    alias_table = read_aliases(aliases)
    counts: Counter = Counter()
    for raw in names:
        if raw is None or (not isinstance(raw, str) and pd.isna(raw)):
            continue
        raw = str(raw)
        if raw.strip():
            counts[raw] += 1

    def key(text: str) -> str:
        return normalize_name(text, legal_forms=legal_forms)

    alias_keys: dict[str, str] = {}  # key of alias -> canonical spelling
    for alias, canonical in alias_table.items():
        if alias_keys.get(key(alias), canonical) != canonical:
            raise SchemaError(
                f"<aliases>: {alias!r} normalises like another alias but is mapped to "
                f"{canonical!r}, not {alias_keys[key(alias)]!r}. Fix: map both to one name."
            )
        alias_keys[key(alias)] = canonical
    for alias, canonical in alias_table.items():
        if alias_keys.get(key(canonical), canonical) != canonical:
            raise SchemaError(
                f"<aliases>: canonical name {canonical!r} is itself an alias of "
                f"{alias_keys[key(canonical)]!r}. Fix: map {alias!r} straight to the final name."
            )

    groups: dict[str, list[str]] = {}
    via_alias: dict[str, bool] = {}
    for raw in counts:  # Counter keeps first-seen order
        k = key(raw)
        if k in alias_keys:
            group = key(alias_keys[k])
            via_alias[raw] = True
        else:
            group = k
            via_alias[raw] = False
        groups.setdefault(group, []).append(raw)

    canonical_of_group: dict[str, str] = {}
    for group, members in groups.items():
        forced = {alias_keys[key(m)] for m in members if via_alias[m]}
        forced |= {c for c in alias_table.values() if key(c) == group}
        if forced:
            canonical_of_group[group] = sorted(forced)[0]
        else:
            best = max(members, key=lambda m: (counts[m], -members.index(m)))
            canonical_of_group[group] = " ".join(best.split())

    mapping: dict[str, str] = {}
    rows = []
    for group, members in groups.items():
        canonical = canonical_of_group[group]
        for raw in members:
            mapping[raw] = canonical
            if raw == canonical:
                rule = "unchanged"
            elif via_alias[raw] and key(raw) != key(canonical):
                rule = "alias"
            else:
                rule = "normalised"
            rows.append((raw, canonical, key(raw), rule, counts[raw]))
    report = pd.DataFrame(rows, columns=["name", "canonical", "key", "rule", "count"])
    report = report.sort_values(["canonical", "name"], kind="stable", ignore_index=True)
    report["count"] = report["count"].astype("int64")
    return NameMatch(mapping, report)


#: Score (rapidfuzz ``ratio``, 0-100) from which two normalised names count as likely duplicates.
NEAR_DUPLICATE_SCORE = 90.0
_DIGITS = re.compile(r"\d+")


def near_duplicates(
    names: Iterable[str],
    *,
    ids: Iterable[object] | None = None,
    score: float = NEAR_DUPLICATE_SCORE,
) -> pd.DataFrame:
    """Find names that probably stand for the same organisation; merge nothing.

    Names are compared after :func:`normalize_name` with every word kept (case, spaces,
    accents and punctuation ignored; ``Yayasan``, ``Perkumpulan``, ``LBH`` kept, since they
    tell organisations apart). Two different keys are a likely pair when they are similar as a
    whole (rapidfuzz ratio >= ``score``) **and** the part where they differ (what is left
    after removing the words they share at the start and the end) is itself similar (ratio
    >= 90): a typo such as ``Makassar``/``Makasar`` (93), not another place with a similar
    name such as ``Iceland``/``Ireland`` (86) or ``Australian``/``Austrian`` (89).
    Names that differ in a number (``Forum 1``/``Forum 2``) or whose keys are shorter than 6
    characters must match exactly.

    Parameters
    ----------
    names : iterable of str
        Organisation names (missing values skipped).
    ids : iterable, optional
        The ``org_id`` of each name, reported alongside.
    score : float, default 90
        Lowest similarity (0-100) of the whole normalised names.

    Returns
    -------
    pandas.DataFrame
        One row per likely pair, most similar first: ``name`` (the later spelling),
        ``duplicate_of`` (the earlier one), ``org_id`` and ``duplicate_of_id`` (when ``ids``
        is given, else the names) and ``score`` (100 when the normalised names are equal).

    References
    ----------
    .. [1] M. Bachmann, RapidFuzz (``fuzz.ratio``: normalised Indel similarity),
       https://github.com/rapidfuzz/RapidFuzz

    Examples
    --------
    >>> found = near_duplicates(["LBH Makassar", "LBH Surabaya", "LBH Makasar",
    ...                          "Yayasan Pelita Desa", "Yayasan  Pelita Desa",
    ...                          "Iceland, Government of", "Ireland, Government of"])
    >>> found[["name", "duplicate_of"]].to_records(index=False).tolist()
    [('Yayasan  Pelita Desa', 'Yayasan Pelita Desa'), ('LBH Makasar', 'LBH Makassar')]
    """
    from rapidfuzz import fuzz, process

    names = list(names)
    ids = list(names) if ids is None else list(ids)
    keep = [i for i, v in enumerate(names) if isinstance(v, str) and v.strip()]
    keys = [normalize_name(names[i], legal_forms=()) for i in keep]
    blocks: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        blocks.setdefault(key[:1] if len(keys) > 3000 else "", []).append(j)
    rows = []
    for members in blocks.values():
        block = [keys[j] for j in members]
        # rows in chunks against the names after them: the upper triangle only, and memory
        # bounded by _CHUNK x block size (a whole 5,000 x 5,000 matrix took 100 MB)
        for start in range(0, len(block), _CHUNK):
            chunk = block[start : start + _CHUNK]
            matrix = process.cdist(
                chunk, block[start:], scorer=fuzz.ratio, score_cutoff=score, workers=1
            )
            for i, j in zip(*matrix.nonzero(), strict=True):
                a, b = start + int(i), start + int(j)
                if a >= b or not _same_body(block[a], block[b]):
                    continue
                first, later = keep[members[a]], keep[members[b]]
                if names[first] == names[later]:
                    continue  # the same spelling twice: a duplicate id, reported elsewhere
                rows.append(
                    (names[later], names[first], ids[later], ids[first], float(matrix[i, j]))
                )
    columns = ["name", "duplicate_of", "org_id", "duplicate_of_id", "score"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values("score", ascending=False, kind="stable", ignore_index=True)
    out["score"] = out["score"].astype("float64")
    return out


#: Rows of the similarity matrix computed at a time.
_CHUNK = 256

#: Lowest similarity of the differing part of two names for them to count as one (a typo).
_TYPO_SCORE = 90.0


def _same_body(a: str, b: str) -> bool:
    """Whether two different keys differ only by a typo (see :func:`near_duplicates`)."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    if _DIGITS.findall(a) != _DIGITS.findall(b) or min(len(a), len(b)) < 6:
        return False
    ta, tb = a.split(), b.split()
    start = 0
    while start < min(len(ta), len(tb)) and ta[start] == tb[start]:
        start += 1
    end = 0
    while end < min(len(ta), len(tb)) - start and ta[-1 - end] == tb[-1 - end]:
        end += 1
    da = " ".join(ta[start : len(ta) - end])
    db = " ".join(tb[start : len(tb) - end])
    return bool(da and db) and fuzz.ratio(da, db) >= _TYPO_SCORE


def alias_table(duplicates: pd.DataFrame) -> pd.DataFrame:
    """The alias table that would merge each likely duplicate into the spelling it repeats.

    Parameters
    ----------
    duplicates : pandas.DataFrame
        The result of :func:`near_duplicates` (after deleting the rows that are not duplicates).

    Returns
    -------
    pandas.DataFrame
        Columns ``alias`` and ``canonical``, ready for ``to_csv(..., index=False)`` and for
        ``lsmnet.read(..., aliases=...)``.

    Examples
    --------
    >>> alias_table(near_duplicates(["LBH Makassar", "LBH Makasar"]))
             alias     canonical
    0  LBH Makasar  LBH Makassar
    """
    return pd.DataFrame(
        {"alias": duplicates["name"].tolist(), "canonical": duplicates["duplicate_of"].tolist()},
        dtype=object,
    )
