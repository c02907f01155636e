"""A roster-survey form (XLSForm) for KoboToolbox and ODK, and the reader of its exports.

:func:`write_survey_form` writes an XLSForm [1]_ (the sheets ``survey``, ``choices`` and
``settings`` that KoboToolbox, ODK Central and pyxform read) for a roster survey of a fixed
list of organisations: the respondent picks its own organisation, then answers one group of
questions per other member: how they relate (do not know / know / work together), in which
of the tie layers they work together, and the PARTNER-style trust items (reliability,
mission, openness) and value items (power, involvement, resources) on the rating scale [2]_.
The layer question is asked only when they work together, the ratings only when they know
each other. One group per member (rather than a repeat) keeps the export flat: one row per
submission, one column per question and member, which is what Kobo exports best.

Question names carry the member's code: ``rel__<code>``, ``lay__<code>`` and
``<item>__<code>``, inside the group ``m__<code>`` (a code that is not a valid XML name,
e.g. one with spaces, becomes ``org_<n>``; the form's ``orgs`` choice list keeps the
original ``org_id``). :func:`read_survey_export` reads the export (XLSX or CSV, with or
without group prefixes such as ``m__LBH/rel__LBH``, select-multiple answers as one
space-separated column and/or one 0/1 column per choice such as ``m__LBH/lay__LBH/advocacy``)
into ties and ratings.

References
----------
.. [1] XLSForm specification, https://xlsform.org/en/ (the ``survey``, ``choices`` and
   ``settings`` sheets; ``relevant``, ``required``, groups).
.. [2] Varda, D. M., Chandra, A., Stern, S. A. and Lurie, N. (2008). Core dimensions of
   connectivity in public health collaboratives. Journal of Public Health Management and
   Practice, 14(5), E1-E7 (the PARTNER trust and value dimensions).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._i18n import check_lang
from lsmnet._safety import neutralize_cell
from lsmnet._schema import DEFAULT_LAYERS, DEFAULT_SCALE, KNOWN_LAYERS, TRUST_ITEMS, VALUE_ITEMS
from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._cells import _CONTROL
from lsmnet.io._common import accounting_text, aside, aside_frame, read_table, std
from lsmnet.io._files import read_excel_raw
from lsmnet.io.template import _check_scale, check_output, forms_text, save_atomically

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_org_list", "read_survey_export", "survey_form_tables", "write_survey_form"]

ITEMS = (*TRUST_ITEMS, *VALUE_ITEMS)
RELATIONS = ("none", "know", "work")
_CODES = ("rel", "lay", *ITEMS)
_QUESTION = re.compile(r"^(?P<code>" + "|".join(_CODES) + r")__(?P<tok>.+)$")
_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_ID_HEADERS = ("org_id", "id", "id organisasi", "kode organisasi", "kode", "organisation id")
_NAME_HEADERS = ("name", "nama", "nama organisasi", "organisation name", "organization name")
_TRUE = ("1", "1.0", "true", "yes", "ya")


# -- the form ------------------------------------------------------------------------------
def _roster(organizations, func: str) -> pd.DataFrame:
    """The roster as a frame of org_id, name (name defaults to the id)."""
    if hasattr(organizations, "organizations") and hasattr(organizations, "ties"):
        organizations = organizations.organizations
    if isinstance(organizations, pd.DataFrame):
        if "org_id" not in organizations.columns:
            raise InvalidParameterError(
                f"The 'organizations' parameter of {func} must have an 'org_id' column. Got "
                f"the columns {', '.join(map(str, organizations.columns))}."
            )
        names = organizations["name"] if "name" in organizations else organizations["org_id"]
        frame = pd.DataFrame({"org_id": organizations["org_id"].tolist(), "name": list(names)})
    elif isinstance(organizations, (list, tuple, pd.Series, pd.Index)):
        frame = pd.DataFrame({"org_id": list(organizations), "name": list(organizations)})
    else:
        raise InvalidParameterError(
            f"The 'organizations' parameter of {func} must be a DataFrame with an 'org_id' "
            f"column, a NetworkData or a list of codes. Got {type(organizations).__name__}."
        )
    ids = [None if pd.isna(v) else str(v).strip() for v in frame["org_id"]]
    if any(not v for v in ids):
        raise InvalidParameterError(
            f"The 'organizations' parameter of {func} has an empty org_id (position "
            f"{next(i for i, v in enumerate(ids) if not v)}). Fix: give every organisation a "
            "code."
        )
    seen = pd.Series(ids)
    doubles = sorted(set(seen[seen.duplicated()]))
    if doubles:
        raise InvalidParameterError(
            f"The 'organizations' parameter of {func} lists {', '.join(map(repr, doubles))} "
            "more than once. Fix: keep one row per organisation."
        )
    if len(ids) < 2:
        raise InvalidParameterError(
            f"The 'organizations' parameter of {func} must list at least 2 organisations for a "
            f"roster survey. Got {len(ids)}."
        )
    names = [
        i if pd.isna(n) or not str(n).strip() else str(n).strip()
        for i, n in zip(ids, frame["name"], strict=True)
    ]
    for what, values in (("org_id", ids), ("name", names)):
        for position, value in enumerate(values):
            found = _CONTROL.search(value)
            if found:
                raise InvalidParameterError(
                    f"The 'organizations' parameter of {func} has the {what} {value!r} "
                    f"(position {position}), which holds the control character "
                    f"U+{ord(found.group()):04X}; a form workbook cannot store it. Fix: remove "
                    "the character."
                )
    return pd.DataFrame({"org_id": ids, "name": names})


def _tokens(ids) -> list[str]:
    """XML-safe codes for the question names: the org_id itself when it is one."""
    taken = {i for i in ids if _TOKEN.match(i)}
    tokens = []
    for k, org in enumerate(ids, start=1):
        if _TOKEN.match(org):
            tokens.append(org)
            continue
        token = f"org_{k}"
        while token in taken:
            token += "_"
        taken.add(token)
        tokens.append(token)
    return tokens


def _label(name: str) -> str:
    # "${" starts a reference in XLSForm labels: an organisation name must not be read as one
    return str(name).replace("${", "$\u200b{")


def survey_form_tables(
    organizations: pd.DataFrame | NetworkData | Sequence[str],
    *,
    lang: str = "en",
    title: str | None = None,
    scale: tuple[int, int] = DEFAULT_SCALE,
    layers: Sequence[str] = DEFAULT_LAYERS,
    form_id: str = "lsmnet_roster",
) -> dict[str, pd.DataFrame]:
    """The three sheets of the roster-survey XLSForm, as DataFrames.

    Parameters
    ----------
    organizations : pandas.DataFrame, NetworkData or list of str
        The roster: ``org_id`` and (optionally) ``name`` columns, a container whose
        ``organizations`` table is used, or a list of codes.
    lang : {"en", "id"}, default "en"
        Language of the labels.
    title : str, optional
        Name of the network, shown in the form title.
    scale : (int, int), default (1, 4)
        Rating scale of the trust and value items.
    layers : sequence of str, default the four survey layers
        Tie layers offered (each one of :data:`~lsmnet.model.KNOWN_LAYERS`).
    form_id : str, default "lsmnet_roster"
        The form's ``form_id`` setting.

    Returns
    -------
    dict
        ``{"survey": ..., "choices": ..., "settings": ...}``. ``survey`` columns: type, name,
        label, required, relevant, appearance (each member's group is one page,
        ``field-list``); ``choices``: list_name, name, label, org_id (the original code, for
        the ``orgs`` list); ``settings``: form_title, form_id, style (``pages``).

    Raises
    ------
    InvalidParameterError
        If the roster has fewer than 2, empty or repeated codes, a code or name holding a
        control character (which a workbook cannot store), or an option is invalid.

    Examples
    --------
    >>> sheets = survey_form_tables(["LBH", "Walhi", "KontraS"], lang="id")
    >>> sheets["survey"].query("name == 'm__Walhi' and type == 'begin_group'")["relevant"].item()
    "${respondent} != 'Walhi'"
    >>> sheets["survey"].query("name == 'lay__Walhi'")["relevant"].item()
    "${rel__Walhi} = 'work'"
    >>> sheets["choices"].query("list_name == 'relation'")["label"].tolist()[2]
    'Kami bekerja sama'
    """
    func = "survey_form_tables"
    check_lang(lang, func)
    scale = _check_scale(scale, func)
    layers = tuple(layers)
    for layer in layers:
        check_option(layer, KNOWN_LAYERS, "layers", func)
    if not layers or len(set(layers)) != len(layers):
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must list at least one layer, each once. Got "
            f"{layers!r}."
        )
    if not isinstance(form_id, str) or not _TOKEN.match(form_id):
        raise InvalidParameterError(
            f"The 'form_id' parameter of {func} must be a name of letters, digits and _ "
            f"starting with a letter. Got {form_id!r}."
        )
    roster = _roster(organizations, func)
    tokens = _tokens(roster["org_id"].tolist())

    def text(key, **fields):
        return forms_text(f"survey.{key}", lang, **fields)

    rows = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "note", "name": "intro", "label": text("intro")},
        {
            "type": "select_one orgs",
            "name": "respondent",
            "label": text("respondent"),
            "required": "yes",
        },
    ]
    for tok, name in zip(tokens, roster["name"], strict=True):
        name = _label(name)
        rel = f"${{rel__{tok}}}"
        rows.append(
            {
                "type": "begin_group",
                "name": f"m__{tok}",
                "label": neutralize_cell(name),
                "relevant": f"${{respondent}} != '{tok}'",
                "appearance": "field-list",
            }
        )
        rows.append(
            {
                "type": "select_one relation",
                "name": f"rel__{tok}",
                "label": text("relation", name=name),
                "required": "yes",
            }
        )
        rows.append(
            {
                "type": "select_multiple layers",
                "name": f"lay__{tok}",
                "label": text("layers", name=name),
                "required": "yes",
                "relevant": f"{rel} = 'work'",
            }
        )
        for item in ITEMS:
            rows.append(
                {
                    "type": "select_one scale",
                    "name": f"{item}__{tok}",
                    "label": text(f"item.{item}", name=name),
                    "relevant": f"{rel} = 'know' or {rel} = 'work'",
                }
            )
        rows.append({"type": "end_group", "name": f"m__{tok}"})
    columns = ["type", "name", "label", "required", "relevant", "appearance"]
    survey = pd.DataFrame(rows, columns=columns)

    choices = [
        {"list_name": "orgs", "name": tok, "label": neutralize_cell(_label(name)), "org_id": org}
        for tok, name, org in zip(tokens, roster["name"], roster["org_id"], strict=True)
    ]
    choices += [
        {"list_name": "relation", "name": r, "label": text(f"relation.{r}")} for r in RELATIONS
    ]
    choices += [
        {"list_name": "layers", "name": layer, "label": _layer_label(layer, lang)}
        for layer in layers
    ]
    choices += [
        {"list_name": "scale", "name": str(v), "label": _scale_label(v, scale, lang)}
        for v in range(scale[0], scale[1] + 1)
    ]
    choices = pd.DataFrame(choices, columns=["list_name", "name", "label", "org_id"])
    form_title = text("title", title=title or text("default_title"))
    settings = pd.DataFrame(
        {"form_title": [neutralize_cell(form_title)], "form_id": [form_id], "style": ["pages"]}
    )
    return {"survey": survey, "choices": choices, "settings": settings}


def _layer_label(layer: str, lang: str) -> str:
    if layer in DEFAULT_LAYERS:
        return forms_text(f"survey.layer.{layer}", lang)
    return forms_text(f"schema.values.layer.{layer}", lang)


def _scale_label(value: int, scale, lang: str) -> str:
    if tuple(scale) == (1, 4):
        return forms_text(f"survey.scale.{value}", lang)
    if value == scale[0]:
        return forms_text("survey.scale.low", lang, value=value)
    if value == scale[1]:
        return forms_text("survey.scale.high", lang, value=value)
    return str(value)


def write_survey_form(
    organizations: pd.DataFrame | NetworkData | Sequence[str],
    path: str | os.PathLike,
    *,
    lang: str = "en",
    title: str | None = None,
    scale: tuple[int, int] = DEFAULT_SCALE,
    layers: Sequence[str] = DEFAULT_LAYERS,
    form_id: str = "lsmnet_roster",
    overwrite: bool = False,
) -> Path:
    """Write a roster-survey XLSForm (.xlsx) for KoboToolbox or ODK.

    Parameters
    ----------
    organizations : pandas.DataFrame, NetworkData or list of str
        The roster (see :func:`survey_form_tables`).
    path : str or path-like
        The .xlsx file to write.
    lang : {"en", "id"}, default "en"
        Language of the questions and answers.
    title : str, optional
        Name of the network, shown in the form title.
    scale : (int, int), default (1, 4)
        Rating scale of the trust and value items.
    layers : sequence of str, default ("operational", "advocacy", "capacity", "network")
        Tie layers offered in the "how do you work together" question.
    form_id : str, default "lsmnet_roster"
        The form's ``form_id`` setting.
    overwrite : bool, default False
        Replace ``path`` if it exists.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InvalidParameterError
        If the roster or an option is invalid (see :func:`survey_form_tables`), ``path`` does
        not end in .xlsx, or it exists and ``overwrite`` is False. The workbook is written
        under a temporary name and renamed when complete: a failure leaves no partial file.

    See Also
    --------
    read_survey_export : read the export of the filled form.

    Notes
    -----
    Organisation names are written as labels; a name that a spreadsheet would run as a formula
    is neutralised (:mod:`lsmnet._safety`). The file is written to a temporary file and moved
    into place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pyxform.xls2xform import convert
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"
    >>> _ = write_survey_form(["LBH", "Walhi", "KontraS"], out, lang="id")
    >>> "<h:title>Survei kemitraan: anggota koalisi</h:title>" in convert(xlsform=out).xform
    True
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = check_output(path, overwrite=overwrite, func="write_survey_form")
    sheets = survey_form_tables(
        organizations, lang=lang, title=title, scale=scale, layers=layers, form_id=form_id
    )
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            ws.append([None if pd.isna(v) else v for v in row])
        ws.freeze_panes = "A2"
    save_atomically(wb, path)
    return path


def read_org_list(path: str | os.PathLike) -> pd.DataFrame:
    """Read a list of organisations (CSV or .xlsx): codes and, optionally, names.

    Parameters
    ----------
    path : str or path-like
        CSV file or workbook. In a workbook, the sheet ``organizations`` (or ``Organisasi``)
        is read, else the first. The code column is headed ``org_id``, ``id``, ``kode`` or
        ``ID Organisasi`` (else the first column is taken); the name column ``name``,
        ``nama`` or ``Nama Organisasi``.

    Returns
    -------
    pandas.DataFrame
        Columns org_id, name (the code when no name is given).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    SchemaError
        If the file has no rows, or a code is listed twice (naming the rows).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "orgs.csv"
    >>> _ = f.write_text("Kode,Nama Organisasi\\nLBH,LBH Makassar\\nWLH,Walhi Sulsel\\n")
    >>> read_org_list(f)
      org_id          name
    0    LBH  LBH Makassar
    1    WLH  Walhi Sulsel
    """
    path = Path(path)
    sheet = None
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        names = list(read_excel_raw(path))
        sheet = next(
            (s for s in names if std(s) in ("organizations", "organisations", "organisasi")),
            names[0],
        )
    raw = read_table(path, sheet=sheet, func="read_org_list")
    frame = raw.frame
    if frame.empty or not len(frame.columns):
        raise SchemaError(
            f"{raw.label}: the organisation list has no rows. Fix: one row per "
            "organisation, with its code in the first column."
        )
    by_std = {std(h): h for h in reversed(list(frame.columns))}
    id_col = next((by_std[std(h)] for h in _ID_HEADERS if std(h) in by_std), frame.columns[0])
    name_col = next((by_std[std(h)] for h in _NAME_HEADERS if std(h) in by_std), None)
    keep = frame[id_col].notna()
    ids = frame.loc[keep, id_col].astype(str).str.strip()
    rows = pd.Series(raw.rows[keep.to_numpy()], index=ids.index)
    repeated = ids[ids.duplicated(keep=False)]
    if len(repeated):
        code = repeated.iloc[0]
        where = " and ".join(str(r) for r in rows[ids == code])
        raise SchemaError(
            f"{raw.label}, rows {where}, column {id_col!r}: the code {code!r} is listed more "
            "than once. Fix: keep one row per organisation."
        )
    names = frame.loc[keep, name_col] if name_col is not None else ids
    return pd.DataFrame(
        {
            "org_id": ids.tolist(),
            "name": [i if n is None or pd.isna(n) else n for i, n in zip(ids, names, strict=True)],
        }
    )


# -- the export ----------------------------------------------------------------------------
def _form_roster(form) -> dict[str, tuple[str, str]]:
    """token -> (org_id, name) from the ``orgs`` list of a form written by write_survey_form."""
    from lsmnet._safety import restore_cell

    form = Path(form)
    sheets = read_excel_raw(form) if form.is_file() else None
    if sheets is None or "choices" not in sheets:
        raise InvalidParameterError(
            f"The 'form' parameter of read_survey_export must name the XLSForm (.xlsx) written "
            f"by write_survey_form, with a 'choices' sheet. Got {str(form)!r}."
        )
    choices = sheets["choices"].frame
    rows = choices[choices["list_name"] == "orgs"]
    org_ids = rows["org_id"] if "org_id" in rows else rows["name"]
    out = {}
    for tok, org, label in zip(rows["name"], org_ids, rows["label"], strict=True):
        org = org if org is not None else tok
        out[str(tok)] = (str(org), str(restore_cell(label)).replace("$\u200b{", "${"))
    return out


def _parse_header(header: str):
    """(code, token, choice) of a question column, or None."""
    parts = str(header).strip().split("/")
    for i in range(len(parts) - 1, -1, -1):
        m = _QUESTION.match(parts[i])
        if m is None:
            continue
        rest = parts[i + 1 :]
        if not rest:
            return m.group("code"), m.group("tok"), None
        if len(rest) == 1 and m.group("code") == "lay":
            return "lay", m.group("tok"), rest[0]
        return None
    return None


def _truthy(cell) -> bool:
    return cell is not None and str(cell).strip().lower() in _TRUE


def read_survey_export(
    path: str | os.PathLike,
    *,
    form: str | os.PathLike | None = None,
    sheet: str | None = None,
    scale: tuple[int, int] = DEFAULT_SCALE,
) -> NetworkData:
    """Read the export of the roster survey of :func:`write_survey_form` into ties and ratings.

    Parameters
    ----------
    path : str or path-like
        The export: CSV (comma, semicolon or tab) or .xlsx, one row per submission, headers
        being the question names (Kobo's "XML values and headers"), with or without group
        prefixes (``m__LBH/rel__LBH`` or ``rel__LBH``). The layer question may come as one
        space-separated column, as one 0/1 column per layer (``.../lay__LBH/advocacy``), or
        both (they must agree). Other columns (``_id``, ``_uuid``, ``start``, ...) are ignored;
        ``_submission_time``, when present, orders repeated submissions.
    form : str or path-like, optional
        The XLSForm written by :func:`write_survey_form`: gives the roster (every organisation
        asked, also those that never answered), their names and the original codes of
        organisations whose code was not a valid question name. Without it, the roster is the
        codes found in the headers.
    sheet : str, optional
        Sheet of a workbook export (default: the first, which is Kobo's main sheet).
    scale : (int, int), default (1, 4)
        Rating scale of the form.

    Returns
    -------
    NetworkData
        ``organizations``: the roster (``respondent`` True for those whose submission is
        used); ``ties``: one per respondent, partner and layer chosen (``directed`` True,
        ``weight`` 1, ``reported_by`` the respondent); ``ratings``: one per respondent and
        partner rated, with the six items (NaN when skipped). ``set_aside``: every
        submission not used (table ``submissions``: blank, no respondent, respondent not in
        the roster, an earlier submission of the same respondent) and every answer not used
        (table ``ties`` or ``ratings``: an unknown relation or layer, a rating outside the
        scale, layers or ratings given without the relation that asks for them, a respondent
        rating itself, one-hot layer columns disagreeing with the layer column).
        ``meta["rows"]``: submissions read = used + set aside; ``meta["answers_set_aside"]``;
        ``meta["relations"]``: how many partners were answered "none", "know", "work".

    Notes
    -----
    When a member submitted the form more than once, its latest submission is used (by
    ``_submission_time``; without that column, the last row) and the others are set aside,
    naming the row used. Ties are directed as reported (``reported_by`` = the respondent): two
    members describing the same partnership give two ties; combine them as your analysis needs.
    The export must hold the choices' names (Kobo: "XML values and headers"); answers exported
    as labels are set aside as unknown relations.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    SchemaError
        If the export has no respondent column or no question column of the form.
    InvalidParameterError
        If ``form`` is not an XLSForm with an ``orgs`` choice list, or ``scale`` is invalid.

    Warns
    -----
    RowsSetAsideWarning
        When any submission or answer is set aside.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = f.write_text(
    ...     "respondent,m__B/rel__B,m__B/lay__B,m__B/reliability__B,m__A/rel__A\\n"
    ...     "A,work,advocacy operational,4,\\n"
    ...     "B,,,,know\\n")
    >>> data = read_survey_export(f)
    >>> data.ties[["source", "target", "layer"]]
      source target        layer
    0      A      B     advocacy
    1      A      B  operational
    >>> data.meta["accounting"]
    '2 submissions read = 2 used + 0 set aside'
    """
    from lsmnet.model import RowsSetAsideWarning, from_frames

    func = "read_survey_export"
    scale = _check_scale(scale, func)
    raw = read_table(path, sheet=sheet, func=func)
    frame = raw.frame
    file = raw.label
    headers = list(frame.columns)
    resp_col = next(
        (h for h in headers if str(h).strip().split("/")[-1].lower() == "respondent"), None
    )
    questions = {h: _parse_header(h) for h in headers}
    questions = {h: q for h, q in questions.items() if q is not None}
    if resp_col is None or not questions:
        what = "'respondent' column" if resp_col is None else "question column"
        raise SchemaError(
            f"{file}, row 1: the export has no {what} of the lsmnet roster form (e.g. "
            f"'respondent', 'm__LBH/rel__LBH'). Headers found: "
            f"{', '.join(map(repr, headers[:12])) or '(none)'}. Fix: export from Kobo with "
            "'XML values and headers', or pass the right sheet."
        )
    roster = _form_roster(form) if form is not None else None
    if roster is None:
        seen = dict.fromkeys(q[1] for q in questions.values())
        roster = {tok: (tok, tok) for tok in seen}
    ignored = sorted({h for h, q in questions.items() if q[1] not in roster})
    questions = {h: q for h, q in questions.items() if q[1] in roster}

    records, answers = [], []
    relation_counts = dict.fromkeys(RELATIONS, 0)

    def drop(row, column, value, problem, fix, table="submissions"):
        (records if table == "submissions" else answers).append(
            aside(table, file, int(row), column, value, problem, fix)
        )

    # 1. which submissions are used
    candidates = {}
    for i, row_no in enumerate(raw.rows):
        row = frame.iloc[i]
        resp = row[resp_col]
        answered = any(
            (_truthy(row[h]) if q[2] is not None else row[h] is not None)
            for h, q in questions.items()
        )
        if resp is None:
            if answered:
                drop(
                    row_no,
                    resp_col,
                    "",
                    "no respondent chosen",
                    f"enter the respondent's code in column {resp_col}",
                )
            else:
                drop(
                    row_no,
                    resp_col,
                    "",
                    "blank submission: no respondent and no answer",
                    "nothing to fix (an empty form sent by mistake)",
                )
        elif str(resp) not in roster:
            drop(
                row_no,
                resp_col,
                resp,
                "respondent not in the organisation list",
                "correct the code or add the organisation to the form's list",
            )
        else:
            candidates.setdefault(str(resp), []).append(i)
    order = None
    time_col = next((h for h in headers if str(h).strip() == "_submission_time"), None)
    if time_col is not None:
        order = pd.to_datetime(frame[time_col], errors="coerce", utc=True, format="mixed")
    used = {}
    for tok, positions in candidates.items():
        if order is not None:
            # submissions without a time count as the oldest; equal times keep file order
            oldest = pd.Timestamp.min.tz_localize("UTC")
            positions = sorted(
                positions, key=lambda p: (oldest if pd.isna(order.iloc[p]) else order.iloc[p], p)
            )
        keep = positions[-1]
        used[tok] = keep
        for p in positions[:-1]:
            drop(
                raw.rows[p],
                resp_col,
                tok,
                f"an earlier submission of the same respondent (row {raw.rows[keep]} is used)",
                "nothing to fix, or delete the submission that is wrong",
            )

    # 2. the answers of the used submissions
    by_partner = {}
    for h, (code, tok, choice) in questions.items():
        by_partner.setdefault(tok, {}).setdefault(code, []).append((h, choice))
    ties, ratings = [], []
    for resp_tok, i in sorted(used.items(), key=lambda kv: kv[1]):
        row, row_no = frame.iloc[i], raw.rows[i]
        rater = roster[resp_tok][0]
        for tok, cols in by_partner.items():
            partner = roster[tok][0]
            rel_cols = cols.get("rel", [])
            rel = next((row[h] for h, _ in rel_cols if row[h] is not None), None)
            rel_col = rel_cols[0][0] if rel_cols else ""
            if rel is not None and rel not in RELATIONS:
                drop(
                    row_no,
                    rel_col,
                    rel,
                    "not one of the answers none, know, work",
                    "export with 'XML values and headers'",
                    table="ties",
                )
                rel = None
            elif rel is not None:
                relation_counts[rel] += 1
            n_before = len(answers)
            layers = _layers(row, cols.get("lay", []), row_no, drop)
            layer_problem = len(answers) > n_before
            items = {}
            for item in ITEMS:
                for h, _ in cols.get(item, []):
                    value = _rating(row[h], scale)
                    if value is None:
                        continue
                    if np.isnan(value):
                        drop(
                            row_no,
                            h,
                            row[h],
                            f"rating outside the scale {scale[0]}-{scale[1]}",
                            f"enter a whole number from {scale[0]} to {scale[1]}",
                            table="ratings",
                        )
                    else:
                        items[item] = value
            if partner == rater and (rel is not None or layers or items):
                drop(
                    row_no,
                    rel_col,
                    rel or "",
                    "a respondent answering about itself",
                    "delete these answers",
                    table="ties",
                )
                continue
            if layers and rel != "work":
                drop(
                    row_no,
                    cols["lay"][0][0],
                    " ".join(layers),
                    "ways of working together given without 'work' as the relation",
                    "set the relation to 'work' or delete the layers",
                    table="ties",
                )
            elif rel == "work" and not layers and not layer_problem:
                drop(
                    row_no,
                    rel_col,
                    rel,
                    "'work' without any way of working together",
                    "choose at least one layer",
                    table="ties",
                )
            elif rel == "work":
                ties += [
                    {
                        "source": rater,
                        "target": partner,
                        "layer": lay,
                        "weight": 1.0,
                        "directed": True,
                        "reported_by": rater,
                    }
                    for lay in layers
                ]
            if items and rel not in ("know", "work"):
                drop(
                    row_no,
                    cols[next(iter(items))][0][0],
                    " ".join(f"{k}={v:g}" for k, v in items.items()),
                    "ratings given without knowing the organisation",
                    "set the relation to 'know' or 'work', or delete the ratings",
                    table="ratings",
                )
            elif items:
                ratings.append({"rater": rater, "ratee": partner, **items})

    organizations = pd.DataFrame(
        {
            "org_id": [v[0] for v in roster.values()],
            "name": [v[1] for v in roster.values()],
            "respondent": [tok in used for tok in roster],
        }
    )
    ties_frame = pd.DataFrame(ties) if ties else None
    ratings_frame = (
        pd.DataFrame(ratings).reindex(columns=["rater", "ratee", *ITEMS]) if ratings else None
    )
    extra = sorted({t["layer"] for t in ties} - set(KNOWN_LAYERS))
    read_n = len(frame)
    accounting = {
        "unit": "submissions",
        "read": read_n,
        "used": len(used),
        "set_aside": len(records),
        "blank": int(raw.blank_rows),
    }
    data = from_frames(
        organizations=organizations,
        ties=ties_frame,
        ratings=ratings_frame,
        scale=scale,
        layers=extra or None,
        source=str(path),
        meta={
            "provenance": {
                "file": str(path),
                "importer": func,
                "options": {"form": None if form is None else str(form), "scale": scale},
                "rows": accounting,
            },
            "importer": func,
            "rows": accounting,
            "accounting": accounting_text(accounting),
            "answers_set_aside": len(answers),
            "relations": relation_counts,
            "ignored_columns": ignored,
        },
    )
    by_row = lambda record: record["row"]  # noqa: E731
    data.set_aside = aside_frame(sorted(records, key=by_row) + sorted(answers, key=by_row))
    if records or answers:
        warnings.warn(
            f"{Path(str(path)).name}: {accounting_text(accounting)}, {len(answers)} answer(s) "
            "set aside; see data.set_aside for each and why.",
            RowsSetAsideWarning,
            stacklevel=2,
        )
    return data


def _layers(row, cols, row_no, drop) -> list[str]:
    """The layers chosen: the space-separated column and/or the one-hot columns."""
    joined, onehot, has_onehot = None, [], False
    for h, choice in cols:
        if choice is None:
            if row[h] is not None:
                joined = str(row[h]).split()
        else:
            has_onehot = has_onehot or row[h] is not None
            if _truthy(row[h]):
                onehot.append(choice)
    if joined is not None and has_onehot and sorted(joined) != sorted(onehot):
        column = next(h for h, c in cols if c is None)
        drop(
            row_no,
            column,
            " ".join(joined),
            f"the layer column and the 0/1 layer columns disagree ({' '.join(onehot)})",
            "export again, or correct one of them",
            table="ties",
        )
        return []
    chosen = joined if joined is not None else onehot
    good = []
    for layer in chosen:
        if layer in KNOWN_LAYERS:
            good.append(layer)
        else:
            column = next((h for h, c in cols if c in (None, layer)), cols[0][0])
            drop(
                row_no,
                column,
                layer,
                "not a known tie layer",
                f"use one of {', '.join(KNOWN_LAYERS)}",
                table="ties",
            )
    return list(dict.fromkeys(good))


def _rating(cell, scale):
    """The rating of a cell: None (blank), NaN (not a number in the scale) or the number."""
    if cell is None:
        return None
    try:
        value = float(str(cell).strip().replace(",", "."))
    except ValueError:
        return np.nan
    if not np.isfinite(value) or not value.is_integer() or not scale[0] <= value <= scale[1]:
        return np.nan
    return value
