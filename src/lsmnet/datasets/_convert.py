"""Conversion of the classic datasets shipped with lsmnet into its table layout.

``knoke`` and ``galaskiewicz`` are converted from the files in ``../shared/datasets`` (copies
of Batagelj's ``bavla/Nets`` collection, see each dataset's ``SOURCE.md``); ``davis`` is
converted from :func:`networkx.davis_southern_women_graph`. The real-world exports
(``ethiopia_4w_2025``, ``fts_flows_2001``) are shipped as their original file, gzip-compressed
byte for byte (:data:`EXPORTS`). Run

``python -m lsmnet.datasets._convert --shared ../shared/datasets --out src/lsmnet/datasets/data``

to rebuild the shipped files; tests check that they equal a fresh conversion.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

#: Full names from Knoke & Kuklinski (1982); the data files only carry the short labels.
KNOKE_NAMES = {
    "COUN": "County Government",
    "COMM": "Chamber of Commerce",
    "EDUC": "Board of Education",
    "INDU": "Industrial Development Agency",
    "MAYR": "Mayor's Office",
    "WRO": "Welfare Rights Organization",
    "NEWS": "Newspaper",
    "UWAY": "United Way",
    "WELF": "Welfare Department",
    "WEST": "West Side Movement",
}
KNOKE_SECTORS = {"GOV": "government", "VOL": "ngo", "PVT": "private"}
#: KnokBur.DAT relation order (information, then money) and the lsmnet layer of each.
KNOKE_LAYERS = ("network", "funding")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="ascii").splitlines()


def knoke_frames(folder: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """Tables of Knoke's bureaucracies from ``Knok.dat`` and ``KnokBur.DAT``.

    ``Knok.dat`` (UCINET DL, two stacked 10 × 10 matrices: information, then money) gives the
    ties; the attribute block of ``KnokBur.DAT`` gives each organisation's sector.
    """
    folder = Path(folder)
    lines = [line.strip() for line in _lines(folder / "Knok.dat")]
    first = lines.index("ROW LABELS:") + 1
    labels = lines[first : lines.index("COLUMN LABELS:")]
    data = lines[lines.index("DATA:") + 1 :]
    rows = [[int(x) for x in line.split()] for line in data if line]
    n = len(labels)
    if len(rows) != 2 * n or any(len(r) != n for r in rows):
        raise ValueError(f"{folder / 'Knok.dat'}: expected two {n} x {n} matrices.")

    attr_lines = _lines(folder / "KnokBur.DAT")
    header = next(i for i, line in enumerate(attr_lines) if line.strip() == "ID,SECTOR,RATING")
    sectors = {}
    for line in attr_lines[header + 1 :]:
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3:
            break
        sectors[labels[int(parts[0]) - 1]] = parts[1]

    organizations = pd.DataFrame(
        {
            "org_id": labels,
            "name": [KNOKE_NAMES[x] for x in labels],
            "type": [KNOKE_SECTORS[sectors[x]] for x in labels],
            "sector": [sectors[x] for x in labels],
        }
    )
    ties = [
        {"source": labels[i], "target": labels[j], "layer": layer, "directed": True}
        for k, layer in enumerate(KNOKE_LAYERS)
        for i in range(n)
        for j in range(n)
        if rows[k * n + i][j]
    ]
    return {"organizations": organizations, "ties": pd.DataFrame(ties)}


def galaskiewicz_frames(folder: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """Tables of Galaskiewicz's CEOs and clubs from the two-mode Pajek file ``CEOs.net``."""
    path = Path(folder) / "CEOs.net"
    lines = _lines(path)
    head = next(i for i, line in enumerate(lines) if line.lower().startswith("*vertices"))
    n_all, n_rows = (int(x) for x in lines[head].split()[1:3])
    labels = [
        re.search(r'"([^"]*)"', line).group(1) for line in lines[head + 1 : head + 1 + n_all]
    ]
    ceos, clubs = labels[:n_rows], labels[n_rows:]
    start = next(i for i, line in enumerate(lines) if line.lower().startswith("*matrix")) + 1
    matrix = [[int(x) for x in line.split()] for line in lines[start : start + n_rows]]
    if any(len(r) != len(clubs) for r in matrix):
        raise ValueError(f"{path}: expected a {n_rows} x {len(clubs)} incidence matrix.")
    memberships = pd.DataFrame(
        [
            {"org_id": ceo, "coalition_id": club}
            for ceo, row in zip(ceos, matrix, strict=True)
            for club, x in zip(clubs, row, strict=True)
            if x
        ]
    )
    return {
        "organizations": pd.DataFrame({"org_id": ceos, "name": ceos}),
        "coalitions": pd.DataFrame({"coalition_id": clubs, "name": clubs}),
        "memberships": memberships,
    }


def davis_frames() -> dict[str, pd.DataFrame]:
    """Tables of Davis's Southern Women from :func:`networkx.davis_southern_women_graph`."""
    B = nx.davis_southern_women_graph()
    women, events = B.graph["top"], B.graph["bottom"]
    memberships = pd.DataFrame(
        [{"org_id": w, "coalition_id": e} for w in women for e in events if B.has_edge(w, e)]
    )
    return {
        "organizations": pd.DataFrame({"org_id": women, "name": women}),
        "coalitions": pd.DataFrame({"coalition_id": events, "name": events}),
        "memberships": memberships,
    }


META = {
    "knoke": {
        "source": "Knoke bureaucracies (Knoke & Wood 1981; Knoke & Kuklinski 1982), UCINET IV",
        "provenance": "Knok.dat and KnokBur.DAT from bavla/Nets data/Pajek/ucinet",
        "notes": "layer network = information exchange, funding = money exchange; directed; "
        "sector = original GOV/VOL/PVT code (type: government/ngo/private)",
    },
    "galaskiewicz": {
        "source": "Galaskiewicz (1985) CEOs and clubs, Wasserman & Faust (1994)",
        "provenance": "CEOs.net from bavla/Nets data/Pajek/wafa",
        "notes": "organizations = 26 CEOs, coalitions = 15 clubs and boards",
    },
    "davis": {
        "source": "Davis, Gardner & Gardner (1941) Southern Women, via networkx",
        "provenance": "networkx.davis_southern_women_graph()",
        "notes": "organizations = 18 women, coalitions = 14 social events",
    },
}


def frames(name: str, shared: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """Tables of the classic dataset ``name`` (``shared``: the shared datasets folder)."""
    if name == "knoke":
        return knoke_frames(Path(shared) / "knoke_bureaucracies")
    if name == "galaskiewicz":
        return galaskiewicz_frames(Path(shared) / "wasserman_faust")
    if name == "davis":
        return davis_frames()
    raise ValueError(f"No converter for dataset {name!r}.")


#: Real-world exports shipped unchanged: dataset name -> original file in the shared folder.
EXPORTS = {
    "ethiopia_4w_2025": "3w_august_2025.csv",
    "fts_flows_2001": "fts_2001.csv",
}


def compress(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Gzip ``source`` into ``target`` reproducibly (no time stamp: same input, same bytes)."""
    source, target = Path(source), Path(target)
    with source.open("rb") as raw, target.open("wb") as out:
        with gzip.GzipFile(source.name, "wb", compresslevel=9, fileobj=out, mtime=0) as packed:
            shutil.copyfileobj(raw, packed)
    return target


def write(
    name: str, out: str | os.PathLike[str], shared: str | os.PathLike[str] | None = None
) -> Path:
    """Convert dataset ``name`` and write its CSV tables (or compressed export) into ``out``."""
    from lsmnet.model import from_frames

    if name in EXPORTS:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        compress(Path(shared) / name / EXPORTS[name], out / f"{EXPORTS[name]}.gz")
        return out

    data = from_frames(
        **frames(name, shared),
        source=META[name]["source"],
        meta={"provenance": META[name]["provenance"], "notes": META[name]["notes"]},
    )
    out = Path(out)
    data.to_csv(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lsmnet.datasets._convert",
        description="Convert the classic datasets (knoke, galaskiewicz, davis) to CSV tables "
        "and compress the real-world exports (ethiopia_4w_2025, fts_flows_2001).",
    )
    parser.add_argument("--shared", required=True, help="the shared datasets folder")
    parser.add_argument("--out", required=True, help="parent folder of the dataset folders")
    parser.add_argument("names", nargs="*", default=[*META, *EXPORTS], help="datasets to convert")
    args = parser.parse_args(argv)
    for name in args.names:
        write(name, Path(args.out) / name, args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
