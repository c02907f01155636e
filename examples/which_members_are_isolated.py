"""Which members of a coalition are isolated?

Flags ISO-1 (no tie to any other member in the partnership layers), ISO-2 (exactly one tie: cut
off if that partnership ends) and ISO-4 (names partners but is named by none) from the risk
register, with whether the member answered the survey — a member without recorded ties may
simply not have answered.

    python examples/which_members_are_isolated.py                 # bundled example, C01
    python examples/which_members_are_isolated.py my_data/ --coalition K1 --lang id
"""

from __future__ import annotations

import argparse

import lsmnet as lsm

CODES = ("ISO-1", "ISO-2", "ISO-4")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Which members of a coalition are isolated?")
    parser.add_argument("path", nargs="?", help="CSV folder or .xlsx (default: indonesia_demo)")
    parser.add_argument("--coalition", default="C01", help="coalition id (default: C01)")
    parser.add_argument("--lang", choices=["en", "id"], default="en")
    args = parser.parse_args(argv)

    data = lsm.read(args.path) if args.path else lsm.datasets.load_dataset("indonesia_demo")
    flags = lsm.risk_flags(data, coalition=args.coalition, lang=args.lang)
    isolated = flags[flags["code"].isin(CODES)]
    orgs = data.organizations.set_index("org_id")

    members = len(data.coalition_members(args.coalition))
    print(f"Coalition {args.coalition}: {members} members, {len(isolated)} isolation flags.")
    for _, flag in isolated.iterrows():
        answered = orgs.loc[flag["entity"], "respondent"]
        survey = {True: "answered the survey", False: "did not answer"}.get(answered, "")
        print(
            f"  {flag['code']} ({flag['severity']}) {flag['entity']}: {flag['explanation']}"
            + (f" [{survey}]" if survey else "")
        )
    if len(isolated):
        print(f"Caveat: {isolated['caveat'].iloc[0]}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except lsm.LsmnetError as err:  # bad data or options: the message says what to fix
        raise SystemExit(f"error: {err}") from None
