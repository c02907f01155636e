"""Import an OCHA 3W/4W ("who does what where") sheet and see who works with whom.

Reads the sheet with lsmnet's 3W importer: organisations (spellings of one organisation merged
and reported), the funding chain donor -> programme partner -> implementing partner, and
co-presence ties between implementing partners active in the same sector and area. Every row is
accounted for (rows read = used + set aside).

    python examples/import_ocha_3w.py                       # the OCHA Ethiopia 3W, August 2025
    python examples/import_ocha_3w.py my_3w.xlsx --out ethiopia/   # also write lsmnet CSVs

By default it reads the OCHA Ethiopia 3W of August 2025 bundled with lsmnet (OCHA Ethiopia via
HDX, CC BY; see ``lsm.datasets.dataset_folder("ethiopia_4w_2025") / "SOURCE.md"``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import lsmnet as lsm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Import an OCHA 3W/4W sheet.")
    parser.add_argument("path", nargs="?", type=Path, help="3W CSV or .xlsx (default: Ethiopia)")
    parser.add_argument(
        "--area",
        choices=["adm1", "adm2", "adm3"],
        default="adm2",
        help="admin level at which organisations count as co-present",
    )
    parser.add_argument("--out", type=Path, help="also write the lsmnet CSV tables here")
    args = parser.parse_args(argv)

    if args.path is None:
        if args.area != "adm2":
            parser.error("--area applies to your own sheet; the bundled 3W is read at adm2")
        data = lsm.datasets.load_dataset("ethiopia_4w_2025")  # read_3w on the bundled sheet
    elif not args.path.exists():
        parser.error(f"{args.path} not found: give the path of a 3W sheet")
    else:
        data = lsm.read_3w(args.path, area=args.area)
    path = Path(data.meta["provenance"]["file"])
    rows = data.meta["rows"]
    merged = data.meta["name_report"].query("variants > 1")["org_id"].nunique()
    print(
        f"{path.name}: {rows['read']} rows read = {rows['used']} used + "
        f"{rows['set_aside']} set aside ({rows['blank']} blank rows skipped)."
    )
    layers = data.ties["layer"].value_counts()
    print(
        f"{len(data.organizations)} organisations ({merged} spelt more than one way); "
        + ", ".join(f"{n} {layer} ties" for layer, n in layers.items())
    )

    names = data.organizations.set_index("org_id")["name"]
    funding = lsm.partnership_graph(data, layers=["funding"])
    donors = sorted(funding.out_degree, key=lambda pair: -pair[1])[:3]
    print("Most partners funded: " + "; ".join(f"{org} ({names[org]}): {k}" for org, k in donors))

    presence = lsm.partnership_graph(data, layers=["copresence"])
    cohesion = lsm.cohesion_summary(presence)
    print(
        f"Co-presence network: {int(cohesion['components'])} components, the largest holding "
        f"{cohesion['largest_component_share']:.0%} of the organisations."
    )
    bridge = lsm.bridge_organizations(data, group="type", layers=["copresence"], top=1)
    print(f"Top bridge: {bridge['reason'].iloc[0]}")

    if args.out:
        data.to_csv(args.out)
        print(f"Wrote the tables to {args.out}/ (check them with: lsmnet validate {args.out})")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
