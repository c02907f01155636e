"""Sphinx extension: pages and downloads generated from lsmnet itself, so they cannot drift.

At ``builder-inited`` it writes, into ``docs/_generated/`` (ignored by git):

- ``data_tables.inc``: one Markdown table per data table, from :data:`lsmnet._schema.TABLES`
  (the definitions the validator and the loaders use), included by ``data-format.md``;
- ``lsmnet-template.zip`` and ``lsmnet-template.xlsx``: a small filled-in template written by
  :meth:`lsmnet.NetworkData.to_csv` / :meth:`~lsmnet.NetworkData.to_excel`;
- ``indonesia_demo.zip``: the files that ``lsmnet example indonesia_demo --out DIR`` writes.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

import lsmnet
from lsmnet import _schema
from lsmnet.cli import main as lsmnet_main

KIND_TEXT = {
    "id": "identifier (text, not empty)",
    "text": "text",
    "choice": "one of a fixed list (case ignored)",
    "layer": "a tie layer",
    "multi": "several values separated by `|`",
    "year": "whole number (year)",
    "amount": "number ≥ 0",
    "bool": "true/false (also yes/no, ya/tidak, 1/0)",
    "date": "date `YYYY-MM-DD` (a bare year is accepted as `end`)",
    "rating": "number inside the rating scale",
}

# Fixed timestamp so that the zip files are the same on every build.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def _cell(text: str) -> str:
    return str(text).replace("``", "`").replace("|", "\\|")


def tables_markdown() -> str:
    """Return the Markdown tables describing every column of every data table."""
    parts = []
    for table, specs in _schema.TABLES.items():
        parts.append(f"### `{table}`\n")
        parts.append("| column | required | kind | default | allowed values | meaning |")
        parts.append("|---|---|---|---|---|---|")
        for spec in specs:
            choices = ", ".join(f"`{c}`" for c in spec.choices)
            if spec.kind == "layer":
                choices = ", ".join(f"`{c}`" for c in _schema.KNOWN_LAYERS) + ", or declared"
            default = "" if spec.default is None else f"`{spec.default}`"
            parts.append(
                f"| `{spec.name}` | {'**yes**' if spec.required else 'no'} | "
                f"{_cell(KIND_TEXT.get(spec.kind, spec.kind))} | {default} | "
                f"{_cell(choices)} | {_cell(spec.doc)} |"
            )
        if table == "ratings":
            parts.append(
                "| *one column per item* | no | number inside the rating scale | | "
                f"trust: {', '.join(f'`{c}`' for c in _schema.TRUST_ITEMS)}; value: "
                f"{', '.join(f'`{c}`' for c in _schema.VALUE_ITEMS)} | "
                "The rater's answer about the ratee; empty when not answered. |"
            )
        parts.append("")
    return "\n".join(parts)


def template_data() -> lsmnet.NetworkData:
    """Return the small filled-in template (fictional organisations)."""
    organizations = pd.DataFrame(
        {
            "org_id": ["YLB", "PKM", "LPA", "DMN"],
            "name": [
                "Yayasan Lintas Batas",
                "Perkumpulan Kampung Mandiri",
                "Lembaga Perlindungan Anak Timur",
                "Dana Mitra Nusantara",
            ],
            "type": ["ngo", "cbo", "ngo", "funder"],
            "province": ["DKI Jakarta", "Papua", "Nusa Tenggara Timur", "DKI Jakarta"],
            "issues": ["human-rights|legal-aid", "land-rights", "child-protection", ""],
            "founded": [1998, 2010, 2005, 2001],
            "budget": [250000.0, 15000.0, 60000.0, None],
            "respondent": [True, True, False, None],
        }
    )
    coalitions = pd.DataFrame(
        {
            "coalition_id": ["K1"],
            "name": ["Koalisi Contoh untuk Keadilan"],
            "kind": ["coalition"],
            "focus": ["human-rights|land-rights"],
            "founded": [2018],
        }
    )
    memberships = pd.DataFrame(
        {
            "org_id": ["YLB", "PKM", "LPA"],
            "coalition_id": ["K1", "K1", "K1"],
            "role": ["chair", "member", "member"],
            "start": ["2018-03-01", "2019-01-15", "2021-06-01"],
            "end": [None, None, "2023-12-31"],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["YLB", "YLB", "PKM", "DMN"],
            "target": ["PKM", "LPA", "YLB", "YLB"],
            "layer": ["advocacy", "network", "capacity", "funding"],
            "weight": [2.0, 1.0, 1.0, 1.0],
            "start": ["2019-02-01", "2021-07-01", "2020-01-01", "2022-01-01"],
            "end": [None, None, None, "2023-12-31"],
            "amount": [None, None, None, 50000.0],
            "reported_by": ["YLB", "YLB", "PKM", None],
        }
    )
    ratings = pd.DataFrame(
        {
            "rater": ["YLB", "PKM"],
            "ratee": ["PKM", "YLB"],
            "reliability": [4, 3],
            "mission": [4, 4],
            "openness": [3, None],
            "power": [2, 4],
            "involvement": [3, 4],
            "resources": [2, 3],
        }
    )
    return lsmnet.from_frames(
        organizations,
        coalitions,
        memberships,
        ties,
        ratings,
        source="lsmnet template (fictional example rows: replace them with yours)",
    )


def _zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f"{target.stem}/{path.name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def generate(out: Path) -> None:
    """Write every generated file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    text = tables_markdown()
    target = out / "data_tables.inc"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp, "lsmnet-template")
        data = template_data()
        data.to_csv(template)
        _zip_folder(template, out / "lsmnet-template.zip")
        data.to_excel(out / "lsmnet-template.xlsx")
        demo = Path(tmp, "indonesia_demo")
        with contextlib.redirect_stdout(io.StringIO()):
            code = lsmnet_main(["example", "indonesia_demo", "--out", str(demo)])
        if code != 0:
            raise RuntimeError("lsmnet example indonesia_demo failed")
        _zip_folder(demo, out / "indonesia_demo.zip")


def _on_builder_inited(app) -> None:
    generate(Path(app.srcdir) / "_generated")


def setup(app):
    app.connect("builder-inited", _on_builder_inited)
    return {"version": lsmnet.__version__, "parallel_read_safe": True}
