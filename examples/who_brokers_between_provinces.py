"""Who brokers between provinces?

Gould–Fernandez brokerage roles with provinces as the groups: an organisation brokers when two
of its partners are not tied to each other and it links them (each pair counted in both
directions on undirected ties, as R's sna does). Brokerage *between* provinces is
every role except coordinator (all three in one province). The z-scores compare each count with
what a random network of the same density would give.

    python examples/who_brokers_between_provinces.py                 # bundled example, C01
    python examples/who_brokers_between_provinces.py my_data/ --coalition K1
    python examples/who_brokers_between_provinces.py --all           # the whole sector
"""

from __future__ import annotations

import argparse

import lsmnet as lsm

BETWEEN = ["itinerant", "representative", "gatekeeper", "liaison"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Who brokers between provinces?")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument("--coalition", default="C01", help="coalition id (default: C01)")
    parser.add_argument("--all", action="store_true", help="the whole sector, not one coalition")
    parser.add_argument("--top", type=int, default=5, help="how many brokers to list")
    args = parser.parse_args(argv)

    data = lsm.read(args.path) if args.path else lsm.datasets.load_dataset("indonesia_demo")
    if args.all:
        G, scope = lsm.partnership_graph(data), "the whole sector"
    else:
        G, scope = lsm.coalition_graph(data, args.coalition), f"coalition {args.coalition}"

    # brokerage needs a province for every organisation: leave out (and say) the unknown ones
    unknown = [v for v, p in G.nodes(data="province") if not isinstance(p, str)]
    G = G.subgraph(v for v in G if v not in unknown)

    roles = lsm.brokerage_roles(G, "province", z=True)
    roles["between"] = roles[BETWEEN].sum(axis=1)
    top = roles[roles["between"] > 0].nlargest(args.top, "between")

    print(f"Brokers between provinces in {scope} ({G.number_of_nodes()} organisations):")
    for org, row in top.iterrows():
        node = G.nodes[org]
        print(
            f"  {org} {node.get('name', org)} ({node['province']}): brokers "
            f"{row['between']:.0f} (ordered) pairs across provinces — gatekeeper z = "
            f"{row['gatekeeper_z']:.1f}, representative z = {row['representative_z']:.1f}, "
            f"liaison z = {row['liaison_z']:.1f}"
        )
    if unknown:
        print(f"  ({len(unknown)} organisations without a province were left out.)")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
