"""Roster surveys: who works with whom, as each responding organisation reported it.

Two layouts: the wide export of a survey tool (one row per respondent, one column per question
and partner, e.g. ``advocacy [KontraS]``) and one adjacency matrix per question (rows: the
reporting organisations, columns: the partners). Both keep who reported what, who did not
respond, and turn two reports about one pair into one tie the way the analyst chooses.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from lsmnet._schema import (
    DEFAULT_SCALE,
    FALSE_WORDS,
    KNOWN_LAYERS,
    TRUE_WORDS,
    TRUST_ITEMS,
    VALUE_ITEMS,
)
from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._common import aside, finish, read_table, std
from lsmnet.io._files import read_csv_raw, read_excel_raw

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_roster_survey", "read_survey_matrices"]

_RATING_ITEMS = (*TRUST_ITEMS, *VALUE_ITEMS)
_PATTERNS = (
    re.compile(r"^(?P<q>.+?)\s*\[(?P<p>.+)\]$"),  # advocacy [KontraS] (LimeSurvey, Kobo labels)
    re.compile(r"^(?P<q>[^:|]+?)\s*[:|]\s*(?P<p>.+)$"),  # advocacy: KontraS / advocacy|KontraS
    re.compile(r"^(?P<q>.+?)\s+-\s+(?P<p>.+)$"),  # advocacy - KontraS
    re.compile(r"^(?P<q>[^_/]+?)[_/](?P<p>.+)$"),  # advocacy_KontraS / advocacy/KontraS (Kobo)
)


@dataclass
class _Report:
    reporter: str
    partner: str
    question: str
    value: object
    file: str
    row: int
    column: str


#: Headers longer than this are never split into question and partner: real ones
#: ("advocacy [Yayasan Pelita Desa]") are far shorter, and the patterns above backtrack in
#: time quadratic in the length (a 60 KB header took 29 s).
MAX_SPLIT_HEADER = 500


def _split(header: str):
    text = str(header).strip()
    if len(text) > MAX_SPLIT_HEADER:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            return m.group("q").strip(), m.group("p").strip()
    return None


def _value(raw):
    """(number or None, ok) of an answer cell; None means blank."""
    if raw is None:
        return None, True
    if isinstance(raw, (int, float, np.integer, np.floating)) and not isinstance(raw, bool):
        return float(raw), bool(np.isfinite(raw))
    text = str(raw).strip().lower()
    if text in ("",):
        return None, True
    if text in TRUE_WORDS or text in ("x", "v", "✓", "✔"):
        return 1.0, True
    if text in FALSE_WORDS:
        return 0.0, True
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None, False
    return number, bool(np.isfinite(number))


def _check_options(func, directed, combine, blank, self_ties, no_tie):
    if not isinstance(directed, bool):
        raise InvalidParameterError(
            f"The 'directed' parameter of {func} must be True or False. Got {directed!r}."
        )
    check_option(blank, ("no_tie", "missing"), "blank", func)
    check_option(self_ties, ("set_aside", "raise"), "self_ties", func)
    if combine is not None:
        check_option(combine, ("union", "reciprocated", "respondent_only"), "combine", func)
        if directed:
            raise InvalidParameterError(
                f"The 'combine' parameter of {func} turns two reports into one undirected tie, "
                "so it needs directed=False (directed ties keep every report). "
                f"Got combine={combine!r} with directed=True."
            )
    try:
        values = {float(v) for v in ([no_tie] if np.isscalar(no_tie) else no_tie)}
    except (TypeError, ValueError):
        raise InvalidParameterError(
            f"The 'no_tie' parameter of {func} must be a number or a list of numbers meaning "
            f"'no tie', e.g. 0. Got {no_tie!r}."
        ) from None
    return values


def _build(
    reports,
    *,
    func,
    file,
    options,
    questions,
    roster,
    respondents_rows,
    rows_read,
    set_aside,
    directed,
    combine,
    blank,
    self_ties,
    no_tie,
    scale,
    blank_rows=0,
):
    """Reports -> NetworkData (shared by both layouts)."""
    layers = {q: lay for q, lay in questions.items() if lay not in _RATING_ITEMS}
    items = [q for q, lay in questions.items() if lay in _RATING_ITEMS]
    lo, hi = scale
    answered = Counter()
    missing = Counter()
    ties, ratings = defaultdict(dict), defaultdict(dict)
    for r in reports:
        value, ok = _value(r.value)
        where = (r.file, r.row, r.column)
        if value is None and ok:
            if blank == "missing":
                missing[r.reporter] += 1
            continue
        answered[r.reporter] += 1
        if not ok:
            set_aside.append(
                aside(
                    "survey",
                    *where,
                    r.value,
                    f"answer {r.value!r} is not a number",
                    "write a number, yes/no (ya/tidak), or leave the cell empty",
                )
            )
            continue
        item = questions[r.question]
        if item in _RATING_ITEMS:
            if not lo <= value <= hi:
                set_aside.append(
                    aside(
                        "survey",
                        *where,
                        r.value,
                        f"rating {value:g} is outside the scale {lo}-{hi}",
                        f"enter a rating from {lo} to {hi}, or pass scale=",
                    )
                )
                continue
        elif value in no_tie:
            continue  # an answer, and the answer is "no tie"
        elif value < 0:
            set_aside.append(
                aside(
                    "survey",
                    *where,
                    r.value,
                    f"negative tie value {value:g}",
                    "tie values are >= 0; list the value in no_tie= if it means 'no tie'",
                )
            )
            continue
        if r.partner == r.reporter:
            if self_ties == "raise":
                raise SchemaError(
                    f"{r.file}, row {r.row}, column {r.column!r}: {r.reporter!r} reports a tie "
                    "with itself. Fix: clear the cell, or pass self_ties='set_aside'."
                )
            set_aside.append(
                aside(
                    "survey",
                    *where,
                    r.value,
                    "self-tie (the respondent named itself)",
                    "clear the cell: ties need two organisations",
                )
            )
            continue
        if item in _RATING_ITEMS:
            ratings[r.reporter, r.partner][item] = value
        else:
            ties[r.reporter, r.partner][layers[r.question]] = value
    respondent = {o: False for o in roster}
    for reporter, _row in respondents_rows.items():
        respondent[reporter] = bool(answered[reporter]) or blank == "no_tie"
    tie_rows = _combine(ties, respondent, directed=directed, combine=combine)
    rating_rows = [{"rater": a, "ratee": b, **vals} for (a, b), vals in ratings.items()]
    orgs = pd.DataFrame(
        {
            "org_id": list(respondent),
            "name": list(respondent),
            "respondent": list(respondent.values()),
        }
    )
    n_resp = sum(respondent.values())
    response = {
        "roster": len(respondent),
        "respondents": n_resp,
        "rate": n_resp / len(respondent) if respondent else float("nan"),
        "non_respondents": sorted(o for o, r in respondent.items() if not r),
    }
    declared = [lay for lay in set(layers.values()) if lay not in KNOWN_LAYERS]
    return finish(
        file=file,
        importer=func,
        options={
            **options,
            "directed": directed,
            "combine": combine,
            "blank": blank,
            "self_ties": self_ties,
            "no_tie": sorted(no_tie),
            "scale": scale,
        },
        rows_read=rows_read,
        set_aside=set_aside,
        unit="answer cells",
        blank_rows=blank_rows,
        organizations=orgs,
        ties=pd.DataFrame(
            tie_rows, columns=["source", "target", "layer", "weight", "directed", "reported_by"]
        ),
        ratings=pd.DataFrame(rating_rows, columns=["rater", "ratee", *items]) if items else None,
        scale=scale,
        items={"trust": list(TRUST_ITEMS), "value": list(VALUE_ITEMS)},
        layers=declared,
        extra_meta={
            "response": response,
            "questions": dict(questions),
            "missing_answers": dict(sorted(missing.items())),
        },
    )


def _combine(ties, respondent, *, directed, combine):
    out = []
    if directed:
        for (a, b), layers in ties.items():
            for layer, w in layers.items():
                out.append((a, b, layer, w, True, a))
        return out
    combine = combine or "union"
    pairs = {}
    for (a, b), layers in ties.items():
        for layer, w in layers.items():
            key = (*sorted((a, b)), layer)
            pairs.setdefault(key, {})[a] = w
    for (a, b, layer), reports in pairs.items():
        both = respondent.get(a, False) and respondent.get(b, False)
        if combine == "union":
            keep, w = True, max(reports.values())
        elif combine == "reciprocated":
            keep, w = len(reports) == 2, min(reports.values())
        else:  # respondent_only
            keep = len(reports) == 2 if both else True
            w = min(reports.values())
        if keep:
            out.append((a, b, layer, w, False, "|".join(sorted(reports))))
    return out


def _questions(found, questions, func, label):
    """Prefix -> layer (or rating item) for the question prefixes found in the headers."""
    if questions is None:
        unknown = sorted(q for q in found if std(q) not in (*KNOWN_LAYERS, *_RATING_ITEMS))
        if unknown:
            raise SchemaError(
                f"{label}, row 1: question(s) {', '.join(map(repr, unknown))} are not tie layers "
                f"({', '.join(KNOWN_LAYERS)}) or rating items. Fix: pass questions="
                f"{{{unknown[0]!r}: 'advocacy', ...}} to say which layer each question measures."
            )
        return {q: std(q) for q in found}
    out = {}
    for q, layer in questions.items():
        if not isinstance(layer, str) or not layer.strip():
            raise InvalidParameterError(
                f"The 'questions' parameter of {func} must map each question to a layer name. "
                f"Got {q!r}: {layer!r}."
            )
        out[q] = layer.strip()
    return out


def read_roster_survey(
    path: str | os.PathLike[str],
    *,
    respondent: str | None = None,
    questions: Mapping[str, str] | None = None,
    roster: Sequence[str] | None = None,
    sheet: str | None = None,
    directed: bool = True,
    combine: Literal["union", "reciprocated", "respondent_only"] | None = None,
    no_tie: float | Sequence[float] = 0,
    blank: Literal["no_tie", "missing"] = "no_tie",
    self_ties: Literal["set_aside", "raise"] = "set_aside",
    scale: tuple[float, float] = DEFAULT_SCALE,
) -> NetworkData:
    """Read the wide export of a roster survey (one row per respondent).

    Parameters
    ----------
    path : str or path-like
        CSV or .xlsx export: a respondent column, then one column per question and partner,
        headed ``question [partner]``, ``question: partner``, ``question - partner`` or
        ``question_partner`` (the layouts of LimeSurvey, KoboToolbox, SurveyMonkey and
        Google Forms exports).
    respondent : str, optional
        Header of the respondent column (default: the first column).
    questions : mapping, optional
        Question prefix -> tie layer (``{"Q1": "operational", "Q2": "advocacy"}``) or rating
        item (``"reliability"``, ``"mission"``, ``"openness"``, ``"power"``, ``"involvement"``,
        ``"resources"``). Only these questions are read; other columns are listed in
        ``meta["ignored_columns"]``. By default every prefix must itself be a layer or an item
        name. Layers outside :data:`~lsmnet.model.KNOWN_LAYERS` are declared for you.
    roster : sequence of str, optional
        Every organisation that was asked (the survey's roster), so that those who never
        answered are listed as non-respondents. By default: the respondents and the partners
        named in the headers.
    sheet : str, optional
        Sheet of a workbook (default: the first).
    directed : bool, default True
        Keep each report as a directed tie respondent -> partner (``reported_by`` = the
        respondent). With False, the two reports about a pair become one undirected tie, as
        `combine` says.
    combine : {"union", "reciprocated", "respondent_only"}, optional
        Only with ``directed=False`` (default "union"): ``"union"`` — a tie if either side
        reports it (weight: the larger report); ``"reciprocated"`` — only if both report it
        (weight: the smaller); ``"respondent_only"`` — like reciprocated where both
        organisations responded, but where only one did, its report decides.
    no_tie : number or list of numbers, default 0
        Answer values that mean "no tie" (e.g. ``[0, 9]`` when 9 codes "don't know").
    blank : {"no_tie", "missing"}, default "no_tie"
        What an empty cell means: not chosen (a "no tie" answer), or not answered. With
        ``"missing"`` a respondent whose cells are all empty counts as a non-respondent, and
        the empty cells per respondent are in ``meta["missing_answers"]``.
    self_ties : {"set_aside", "raise"}, default "set_aside"
        What to do when a respondent names itself with a tie value.
    scale : (number, number), default (1, 4)
        Range of the rating items.

    Returns
    -------
    NetworkData
        ``organizations``: the roster, ``respondent`` True/False; ``ties``: one per report or
        combined pair (``weight`` = the answer value, ``reported_by``); ``ratings`` (rater =
        respondent) when rating items are asked. ``meta["response"]``: roster size,
        respondents, response rate and the non-respondents; ``meta["rows"]``: non-empty
        answer cells read = used + set aside (non-numbers, negative values, ratings outside
        the scale, self-ties, rows without or repeating a respondent).

    Raises
    ------
    SchemaError
        If no question column can be recognised, a question is not a layer and `questions`
        does not map it, or ``self_ties="raise"`` and a self-tie is found (file, row, column).
    InvalidParameterError
        For invalid options, e.g. `combine` with ``directed=True``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = (
    ...     "org,advocacy [LBH],advocacy [KontraS],advocacy [Walhi]\\n"
    ...     "LBH,,1,1\\n"
    ...     "KontraS,1,,0\\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "survey.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_roster_survey(path, directed=False, combine="reciprocated")
    >>> data.ties[["source", "target", "layer", "reported_by"]]
        source target     layer  reported_by
    0  KontraS    LBH  advocacy  KontraS|LBH
    >>> data.meta["response"]["rate"], data.meta["response"]["non_respondents"]
    (0.6666666666666666, ['Walhi'])
    """
    func = "read_roster_survey"
    no_tie = _check_options(func, directed, combine, blank, self_ties, no_tie)
    raw = read_table(path, sheet=sheet, func=func)
    frame, label = raw.frame, raw.label
    headers = list(frame.columns)
    if not headers:
        raise SchemaError(f"{label}: the file is empty.")
    if respondent is None:
        respondent = headers[0]
    elif respondent not in headers:
        raise SchemaError(
            f"{label}, row 1: no respondent column {respondent!r}. Headers found: "
            f"{', '.join(map(repr, headers))}."
        )
    parsed = {h: _split(h) for h in headers if h != respondent}
    found = sorted({p[0] for p in parsed.values() if p})
    if questions is not None:
        missing = [q for q in questions if q not in found]
        if missing:
            raise SchemaError(
                f"{label}, row 1: no columns for question(s) {', '.join(map(repr, missing))}; "
                f"questions found: {', '.join(map(repr, found)) or '(none)'}. Fix: check the "
                "question names in questions=."
            )
        found = [q for q in found if q in questions]
    if not found:
        raise SchemaError(
            f"{label}, row 1: no question columns found (headers like 'advocacy [KontraS]', "
            f"'advocacy: KontraS' or 'advocacy_KontraS'). Headers found: "
            f"{', '.join(map(repr, headers))}. Fix: rename the columns, or use "
            "read_survey_matrices for one matrix per question."
        )
    mapping = _questions(found, questions, func, label)
    columns = {h: p for h, p in parsed.items() if p and p[0] in mapping}
    ignored = [h for h in headers if h != respondent and h not in columns]
    reports, set_aside = [], []
    seen: dict[str, int] = {}
    rows_read = 0
    who = frame[respondent].tolist()
    for pos, row in enumerate(raw.rows):
        cells = [(h, frame[h].iat[pos]) for h in columns if frame[h].iat[pos] is not None]
        rows_read += len(cells)
        reporter = who[pos]
        problem = None
        if reporter is None:
            problem = ("no respondent on this row", "fill in who answered, or delete the row")
        elif reporter in seen:
            problem = (
                f"{reporter!r} already answered in row {seen[reporter]}",
                "keep one row per respondent (merge or delete the other)",
            )
        if problem:
            set_aside.extend(aside("survey", label, int(row), h, v, *problem) for h, v in cells)
            continue
        seen[reporter] = int(row)
        for h, (q, partner) in columns.items():
            reports.append(_Report(reporter, partner, q, frame[h].iat[pos], label, int(row), h))
    names = list(dict.fromkeys([*seen, *(p for _q, p in columns.values())]))
    if roster is not None:
        names = list(dict.fromkeys([*roster, *names]))
    data = _build(
        reports,
        func=func,
        file=label,
        options={"respondent": respondent, "questions": questions, "sheet": sheet},
        questions=mapping,
        roster=names,
        respondents_rows=seen,
        rows_read=rows_read,
        set_aside=set_aside,
        directed=directed,
        combine=combine,
        blank=blank,
        self_ties=self_ties,
        no_tie=no_tie,
        scale=scale,
        blank_rows=raw.blank_rows,
    )
    data.meta["ignored_columns"] = ignored
    return data


def _matrix_sources(path, sheets):
    """Question name -> RawTable for a workbook, a folder of CSVs or a mapping of files."""
    if isinstance(path, dict):
        out = {}
        for question, file in path.items():
            out[str(question)] = (
                read_csv_raw(file)
                if Path(file).suffix.lower() != ".xlsx"
                else next(iter(read_excel_raw(file).values()))
            )
        return out, "; ".join(Path(f).name for f in path.values())
    path = Path(path)
    if path.is_dir():
        return {p.stem: read_csv_raw(p) for p in sorted(path.glob("*.csv"))}, path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = read_excel_raw(path)
        if sheets is not None:
            tables = {s: tables[s] for s in sheets if s in tables}
        return tables, path.name
    raise InvalidParameterError(
        "The 'path' parameter of read_survey_matrices must be an .xlsx workbook (one sheet per "
        "question), a folder of CSV files (one per question) or a dict {question: file}. "
        f"Got {str(path)!r}."
    )


def read_survey_matrices(
    path: str | os.PathLike[str] | Mapping[str, str | os.PathLike[str]],
    *,
    questions: Mapping[str, str] | None = None,
    roster: Sequence[str] | None = None,
    directed: bool = True,
    combine: Literal["union", "reciprocated", "respondent_only"] | None = None,
    no_tie: float | Sequence[float] = 0,
    blank: Literal["no_tie", "missing"] = "no_tie",
    self_ties: Literal["set_aside", "raise"] = "set_aside",
    scale: tuple[float, float] = DEFAULT_SCALE,
) -> NetworkData:
    """Read one adjacency matrix per survey question (rows report ties to columns).

    Parameters
    ----------
    path : str, path-like or dict
        An .xlsx workbook with one sheet per question, a folder of CSV files (one per question,
        named after it), or ``{question: file}``. In each matrix the first column names the
        reporting organisation, the header row names the partners, and a cell is the row's
        answer about the column's organisation.
    questions : mapping, optional
        Sheet/file name -> tie layer or rating item (see :func:`read_roster_survey`); only
        these matrices are read. By default every name must be a layer or an item.
    roster, directed, combine, no_tie, blank, self_ties, scale
        As in :func:`read_roster_survey`. A row that answers nothing (all cells empty, with
        ``blank="missing"``) or an organisation without a row is a non-respondent.

    Returns
    -------
    NetworkData
        As :func:`read_roster_survey`; ``meta["rows"]`` counts the non-empty cells of all
        matrices.

    Raises
    ------
    SchemaError
        If no matrix is found, a question is not a layer and `questions` does not map it, a
        matrix repeats a row or column organisation, or ``self_ties="raise"`` meets a
        self-tie.
    InvalidParameterError
        For invalid options or an unreadable `path`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = pathlib.Path(tmp)
    ...     _ = (folder / "capacity.csv").write_text(",LBH,ICW\\nLBH,,2\\nICW,0,\\n")
    ...     data = read_survey_matrices(folder)
    >>> data.ties[["source", "target", "layer", "weight"]].values.tolist()
    [['LBH', 'ICW', 'capacity', 2.0]]
    """
    func = "read_survey_matrices"
    no_tie = _check_options(func, directed, combine, blank, self_ties, no_tie)
    sheets = list(questions) if questions is not None and not isinstance(path, dict) else None
    tables, label = _matrix_sources(path, sheets)
    if questions is not None:
        missing = [q for q in questions if q not in tables]
        if missing:
            raise SchemaError(
                f"{label}: no sheet or file for question(s) "
                f"{', '.join(map(repr, missing))}; found {', '.join(tables)}."
            )
        tables = {q: t for q, t in tables.items() if q in questions}
    if not tables:
        raise SchemaError(f"{label}: no question matrices found.")
    mapping = _questions(list(tables), questions, func, label)
    reports, set_aside = [], []
    rows_read = 0
    respondents: dict[str, int] = {}
    names = []
    for question, raw in tables.items():
        frame = raw.frame
        if frame.shape[1] < 2:
            raise SchemaError(
                f"{raw.label}, row 1: a question matrix needs a first column of "
                "reporting organisations and one column per partner."
            )
        first, partners = frame.columns[0], list(frame.columns[1:])
        repeated = [p for p, n in Counter(partners).items() if n > 1]
        if repeated:
            raise SchemaError(
                f"{raw.label}, row 1: partner column(s) {repeated} appear twice. "
                "Fix: keep one column per organisation."
            )
        names.extend(partners)
        seen: dict[str, int] = {}
        for pos, row in enumerate(raw.rows):
            reporter = frame[first].iat[pos]
            cells = [(p, frame[p].iat[pos]) for p in partners if frame[p].iat[pos] is not None]
            rows_read += len(cells)
            problem = None
            if reporter is None:
                problem = ("no reporting organisation on this row", "fill in the first column")
            elif reporter in seen:
                problem = (
                    f"{reporter!r} already has a row (row {seen[reporter]})",
                    "keep one row per organisation",
                )
            if problem:
                set_aside.extend(
                    aside("survey", raw.label, int(row), p, v, *problem) for p, v in cells
                )
                continue
            seen[reporter] = int(row)
            respondents.setdefault(reporter, int(row))
            names.append(reporter)
            reports.extend(
                _Report(reporter, p, question, frame[p].iat[pos], raw.label, int(row), p)
                for p in partners
            )
    names = list(dict.fromkeys([*(roster or ()), *names]))
    return _build(
        reports,
        func=func,
        file=label,
        options={"questions": questions},
        questions=mapping,
        roster=names,
        respondents_rows=respondents,
        rows_read=rows_read,
        set_aside=set_aside,
        directed=directed,
        combine=combine,
        blank=blank,
        self_ties=self_ties,
        no_tie=no_tie,
        scale=scale,
        blank_rows=sum(t.blank_rows for t in tables.values()),
    )
