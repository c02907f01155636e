"""The blank data-entry workbook (write_template) and the ``lsmnet template`` and
``lsmnet survey-form`` commands."""

from __future__ import annotations

import argparse
import json
import re
import warnings
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

import lsmnet as lsm
from lsmnet import _schema
from lsmnet.cli import survey_form as survey_form_cli
from lsmnet.cli import template as template_cli
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning, SchemaError
from lsmnet.io.template import TEMPLATE_ROWS, template_tables, write_template

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "templates"
SHEETS = {
    "en": ["instructions", "organizations", "coalitions", "memberships", "ties", "ratings"],
    "id": ["petunjuk", "Organisasi", "Koalisi", "Keanggotaan", "Kemitraan", "Penilaian"],
}


def _snapshot(path) -> dict:
    """Everything a user sees in the workbook, cell by cell (not the zip's timestamps)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "cells": [list(row) for row in ws.iter_rows(values_only=True)],
            "comments": {
                c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment
            },
            "fills": {
                c.coordinate: c.fill.fgColor.rgb
                for row in ws.iter_rows()
                for c in row
                if c.fill.fill_type
            },
            "bold": [c.coordinate for row in ws.iter_rows() for c in row if c.font.b],
            "validations": sorted(
                (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.error)
                for dv in ws.data_validations.dataValidation
            ),
            "freeze": ws.freeze_panes,
        }
    return out


def _validations(ws) -> dict[str, list[str]]:
    """Column header -> the values of its drop-down list."""
    headers = [c.value for c in ws[1]]
    out = {}
    for dv in ws.data_validations.dataValidation:
        col = re.match(r"([A-Z]+)2:\1(\d+)", str(dv.sqref))
        assert col is not None and int(col.group(2)) == TEMPLATE_ROWS + 1
        index = openpyxl.utils.column_index_from_string(col.group(1)) - 1
        out[headers[index]] = dv.formula1.strip('"').split(",")
    return out


@pytest.mark.parametrize("lang", ["en", "id"])
def test_committed_templates_equal_a_fresh_generation(tmp_path, lang):
    fresh = write_template(tmp_path / f"lsmnet-template-{lang}.xlsx", lang=lang)
    assert _snapshot(COMMITTED / fresh.name) == _snapshot(fresh)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_sheets_headers_and_required_columns(tmp_path, lang):
    out = write_template(tmp_path / "t.xlsx", lang=lang)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == SHEETS[lang]
    for sheet, headers in template_tables(lang).items():
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == headers
        required = [c.value for c in ws[1] if c.font.u == "single"]
        table = _schema.TABLE_ALIASES.get(sheet, sheet)
        if lang == "en":
            assert required == list(_schema.required(table))
        assert all(c.comment is not None for c in ws[1])  # every header explained
        assert ws.freeze_panes == "A2"


def test_drop_downs_english(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    assert _validations(wb["organizations"]) == {
        "type": list(_schema.ORG_TYPES),
        "respondent": ["true", "false"],
    }
    assert _validations(wb["coalitions"]) == {"kind": list(_schema.COALITION_KINDS)}
    assert _validations(wb["memberships"]) == {"role": list(_schema.ROLES)}
    assert _validations(wb["ties"]) == {
        "layer": list(_schema.KNOWN_LAYERS),
        "directed": ["true", "false"],
    }
    ratings = _validations(wb["ratings"])
    assert list(ratings) == [*_schema.TRUST_ITEMS, *_schema.VALUE_ITEMS]
    assert all(v == ["1", "2", "3", "4"] for v in ratings.values())


def test_drop_downs_indonesian(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang="id"))
    assert _validations(wb["Keanggotaan"]) == {
        "Peran": ["anggota", "ketua", "sekretariat", "pendiri"]
    }
    assert _validations(wb["Kemitraan"])["Lapisan"][:4] == [
        "operasional",
        "advokasi",
        "kapasitas",
        "jaringan",
    ]
    assert _validations(wb["Organisasi"])["Jenis"][:2] == ["lsm", "ormas"]
    assert _validations(wb["Organisasi"])["Responden"] == ["ya", "tidak"]


def test_scale_option(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", scale=(0, 10)))
    assert _validations(wb["ratings"])["power"] == [str(v) for v in range(11)]
    with pytest.raises(InvalidParameterError, match="'scale' parameter of write_template"):
        write_template(tmp_path / "u.xlsx", scale=(1, 4.5))


@pytest.mark.parametrize(("lang", "mark"), [("en", "EXAMPLE-"), ("id", "CONTOH-")])
def test_example_rows_are_marked(tmp_path, lang, mark):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    for ws in wb.worksheets[1:]:
        rows = list(ws.iter_rows(min_row=2))
        assert 1 <= len(rows) <= 2
        for row in rows:
            assert str(row[0].value).startswith(mark)
            assert row[0].comment.text.startswith("CONTOH / EXAMPLE")
            assert all(c.fill.fgColor.rgb.endswith("D9D9D9") for c in row)


def test_english_template_reads_as_the_examples_only(tmp_path):
    out = write_template(tmp_path / "t.xlsx")
    with pytest.warns(LsmnetWarning, match="ignored instructions"):
        data = lsm.read(out)
    counts = {t: len(getattr(data, t)) for t in SHEETS["en"][1:]}
    # the rows of _examples in lsmnet/io/template.py
    assert counts == {
        "organizations": 2,
        "coalitions": 1,
        "memberships": 2,
        "ties": 1,
        "ratings": 1,
    }
    assert data.organizations["org_id"].str.startswith("EXAMPLE-").all()
    assert data.set_aside.empty


def test_indonesian_spellings_are_known_to_the_loader_vocabulary():
    """Every Indonesian sheet, header and value the template writes is one of the spellings
    the loader's bilingual vocabulary (lsmnet/locale/schema.json) accepts."""
    vocabulary = ROOT / "src" / "lsmnet" / "locale" / "schema.json"
    if not vocabulary.exists():
        pytest.skip("the loader's bilingual vocabulary (schema.json) is not there yet")
    known = json.loads(vocabulary.read_text(encoding="utf-8"))
    forms = json.loads((ROOT / "src/lsmnet/locale/forms.json").read_text(encoding="utf-8"))

    def norm(text):
        return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()

    for table, names in forms["schema"]["tables"].items():
        assert norm(names["id"]) in map(norm, known["tables"][table])
    for key, names in forms["schema"]["columns"].items():
        table, column = key.split(".")
        spellings = known["columns"][table].get(column) or known["items"][column]
        assert norm(names["id"]) in map(norm, spellings), key
    for key, names in forms["schema"]["values"].items():
        kind, value = key.split(".")
        if kind == "bool":
            assert names["id"] in _schema.TRUE_WORDS + _schema.FALSE_WORDS
        else:
            assert norm(names["id"]) in map(norm, known["values"][kind][value]), key


def test_indonesian_template_reads_like_the_english_one(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LsmnetWarning)
        en = lsm.read(write_template(tmp_path / "en.xlsx"))
        id_ = lsm.read(write_template(tmp_path / "id.xlsx", lang="id"))
    assert len(id_.organizations) == len(en.organizations) == 2
    assert id_.memberships["role"].tolist() == en.memberships["role"].tolist()
    assert id_.ties["layer"].tolist() == en.ties["layer"].tolist()
    assert id_.ratings.drop(columns=["rater", "ratee"]).equals(
        en.ratings.drop(columns=["rater", "ratee"])
    )


def test_refuses_to_overwrite(tmp_path):
    out = tmp_path / "t.xlsx"
    out.write_text("my data")
    with pytest.raises(InvalidParameterError, match="names an existing file"):
        write_template(out)
    assert out.read_text() == "my data"
    write_template(out, overwrite=True)
    assert openpyxl.load_workbook(out).sheetnames == SHEETS["en"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left
    assert out.stat().st_mode & 0o777 != 0o600  # not the temporary file's private mode


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"path": "t.csv"}, "must name an .xlsx file"),
        ({"path": "t.xlsx", "lang": "fr"}, "'lang' parameter"),
    ],
)
def test_bad_arguments(tmp_path, kwargs, match):
    kwargs["path"] = tmp_path / kwargs["path"]
    with pytest.raises(InvalidParameterError, match=match):
        write_template(**kwargs)


# -- commands ------------------------------------------------------------------------------
def _run(module, argv) -> int:
    parser = argparse.ArgumentParser(prog="lsmnet")
    module.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.mark.parametrize(("lang", "word"), [("en", "Wrote"), ("id", "Menulis")])
def test_template_command(tmp_path, capsys, lang, word):
    out = tmp_path / "koalisi.xlsx"
    assert _run(template_cli, ["template", "--lang", lang, "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS[lang]
    assert capsys.readouterr().out.startswith(f"{word} {out}")

    before = out.read_bytes()
    assert _run(template_cli, ["template", "--lang", lang, "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert _run(template_cli, ["template", "--out", str(out), "--force"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS["en"]


def test_template_command_needs_xlsx(tmp_path, capsys):
    assert _run(template_cli, ["template", "--out", str(tmp_path / "t.csv")]) == 2
    assert "must end in .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_survey_form_command(tmp_path, capsys, lang):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        "org_id,name\nLBH,LBH Makassar\nWLH,Walhi Sulsel\nKTR,KontraS Sulawesi\n",
        encoding="utf-8",
    )
    out = tmp_path / "form.xlsx"
    argv = ["survey-form", "--org-list", str(orgs), "--lang", lang, "--out", str(out)]
    assert _run(survey_form_cli, argv) == 0
    assert "3" in capsys.readouterr().out
    assert convert(xlsform=out).warnings == []
    assert _run(survey_form_cli, argv) == 2  # exists
    assert _run(survey_form_cli, [*argv, "--force"]) == 0
    capsys.readouterr()
    listed = tmp_path / "orgs.xlsx"
    write_template(listed)  # an .xlsx organisation list (its organizations sheet)
    same = ["survey-form", "--org-list", str(listed), "--out", str(listed), "--force"]
    assert _run(survey_form_cli, same) == 2
    assert "also an input file" in capsys.readouterr().err


def test_survey_form_command_bad_list(tmp_path):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("org_id\nLBH\nLBH\n", encoding="utf-8")
    argv = ["survey-form", "--org-list", str(orgs), "--out", str(tmp_path / "f.xlsx")]
    # a data problem: the lsmnet command line turns it into exit status 1
    with pytest.raises(SchemaError, match="rows 2 and 3, column 'org_id': the code 'LBH'"):
        _run(survey_form_cli, argv)
    assert not (tmp_path / "f.xlsx").exists()


def test_commands_through_lsmnet_main(tmp_path):
    from lsmnet.cli import app

    if "lsmnet.cli.template" not in app._COMMAND_MODULES:
        pytest.skip("lsmnet template is not registered in lsmnet.cli.app yet")
    out = tmp_path / "t.xlsx"
    assert app.main(["template", "--lang", "id", "--out", str(out)]) == 0
    assert app.main(["template", "--lang", "id", "--out", str(out)]) == 2
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("org_id\nLBH\nLBH\n", encoding="utf-8")
    argv = ["survey-form", "--org-list", str(orgs), "--out", str(tmp_path / "f.xlsx")]
    assert app.main(argv) == 1
