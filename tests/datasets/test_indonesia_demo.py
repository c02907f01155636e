"""The SYNTHETIC indonesia_demo dataset: reproducible, realistic in size, patterns planted."""

import filecmp
import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.datasets import dataset_folder, load_dataset
from lsmnet.datasets._generate import main as generate_main

FOLDER = dataset_folder("indonesia_demo")


@pytest.fixture(scope="module")
def data():
    return load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def planted():
    return json.loads((FOLDER / "planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def c01(data):
    return lsm.coalition_graph(data, "C01")


def test_regenerates_byte_identically(tmp_path):
    assert generate_main(["--out", str(tmp_path)]) == 0
    shipped = sorted(p.name for p in FOLDER.iterdir() if p.name != "SOURCE.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    same, _, _ = filecmp.cmpfiles(FOLDER, tmp_path, shipped, shallow=False)
    assert same == shipped


def test_other_seed_gives_other_data(tmp_path):
    generate_main(["--out", str(tmp_path), "--seed", "1"])
    assert (tmp_path / "ties.csv").read_bytes() != (FOLDER / "ties.csv").read_bytes()


def test_labelled_synthetic(data, planted):
    assert "SYNTHETIC" in data.meta["source"]
    assert planted["synthetic"] is True
    assert "SYNTHETIC" in (FOLDER / "SOURCE.md").read_text(encoding="utf-8")
    listing = lsm.datasets.list_datasets().set_index("name")
    assert "SYNTHETIC" in listing.loc["indonesia_demo", "description"]


def test_size_and_shape(data):
    orgs = data.organizations
    assert 240 <= len(orgs) <= 260
    assert set(orgs["type"]) <= set(lsm.model.ORG_TYPES)
    assert (orgs["type"] == "funder").sum() == 5
    share = (orgs["province"] == "DKI Jakarta").mean()
    assert share == orgs["province"].value_counts(normalize=True).max() and share > 0.25
    sizes = data.memberships.drop_duplicates(["org_id", "coalition_id"]).groupby("coalition_id")
    sizes = sizes.size()
    assert sizes["C01"] >= 50 and len(sizes) == 13
    assert set(data.ties["layer"]) == {*lsm.model.DEFAULT_LAYERS, "funding", "competition"}
    funding = data.ties[data.ties["layer"] == "funding"]
    assert funding["directed"].all() and funding["amount"].notna().all()
    assert set(funding["source"]) == set(orgs.loc[orgs["type"] == "funder", "org_id"])
    dates = pd.concat([data.ties["start"], data.memberships["start"], data.ties["end"]])
    assert dates.min() >= pd.Timestamp("2018-01-01")
    assert dates.max() <= pd.Timestamp("2024-12-31")


def test_survey_response_rate(data):
    members = data.coalition_members("C01")
    flags = data.organizations.set_index("org_id")["respondent"]
    assert flags.reindex(members).notna().all()
    rate = flags.reindex(members).astype(bool).mean()
    assert 0.70 <= rate <= 0.80
    assert set(data.ratings["rater"]) == set(flags[flags.fillna(False)].index)
    assert set(data.ratings["ratee"]) <= set(members)
    items = ["reliability", "mission", "openness", "power", "involvement", "resources"]
    values = data.ratings[items].to_numpy()
    assert np.nanmin(values) >= 1 and np.nanmax(values) <= 4


def test_dominant_hub(c01, planted):
    degree = dict(c01.degree())
    hub = planted["dominant_hub"]
    others = sorted((d for n, d in degree.items() if n != hub), reverse=True)
    assert degree[hub] >= 3 * others[0]
    assert degree[hub] >= 0.7 * (len(c01) - 1 - len(planted["isolated_members"]) - 7)


def test_isolated_members_have_no_ties_at_all(data, c01, planted):
    everything = lsm.partnership_graph(data, layers=list(data.layers), directed=True)
    for org in planted["isolated_members"]:
        assert c01.degree(org) == 0
        assert everything.degree(org) == 0
        assert data.organizations.set_index("org_id").loc[org, "province"] != "DKI Jakarta"
    isolates = set(nx.isolates(c01))
    assert isolates == set(planted["isolated_members"])


def test_gatekeeper_is_the_only_bridge(c01, planted):
    gatekeeper = planted["gatekeeper"]
    cluster = set(planted["gatekeeper_cluster"])
    hub = planted["dominant_hub"]
    connected = c01.subgraph(n for n in c01 if c01.degree(n) > 0)
    assert nx.is_connected(connected)
    assert gatekeeper in set(nx.articulation_points(connected))
    # removing the gatekeeper separates the cluster from the rest ...
    without = connected.copy()
    without.remove_node(gatekeeper)
    assert set(nx.node_connected_component(without, min(cluster))) == cluster
    # ... and no other single node outside the cluster does
    main = set(connected) - cluster - {gatekeeper}
    assert hub in main
    for node in main:
        rest = connected.copy()
        rest.remove_node(node)
        reached = nx.node_connected_component(rest, min(cluster))
        assert reached & (main - {node}), node
    # the gatekeeper is the only node with neighbours on both sides
    bridges = {
        n for n in connected if n not in cluster and any(m in cluster for m in connected[n])
    }
    assert bridges == {gatekeeper}


def test_low_trust_pair_competes_for_the_same_funder(data, planted):
    a, b = planted["low_trust_pair"]
    funder = planted["shared_funder"]
    ties = data.ties
    funding = ties[ties["layer"] == "funding"]
    assert {a, b} <= set(funding.loc[funding["source"] == funder, "target"])
    competition = ties[ties["layer"] == "competition"]
    pairs = {frozenset(p) for p in zip(competition["source"], competition["target"], strict=True)}
    assert frozenset((a, b)) in pairs
    issues = data.organizations.set_index("org_id")["issues"]
    assert issues[a] == issues[b] and len(issues[a]) > 0
    assert not lsm.partnership_graph(data).has_edge(a, b)
    orgs = data.organizations.set_index("org_id")
    assert orgs.loc[funder, "type"] == "funder"

    trust = data.ratings.set_index(["rater", "ratee"])[["reliability", "mission", "openness"]]
    assert (trust.loc[(a, b)] <= 2).all() and (trust.loc[(b, a)] <= 2).all()
    # the only pair whose mutual mean trust is <= 2 both ways
    mean = trust.mean(axis=1)
    low = {k for k, v in mean.items() if v <= 2}
    mutual = {frozenset(k) for k in low if (k[1], k[0]) in low}
    assert mutual == {frozenset((a, b))}


def test_exactly_one_issue_mismatch(data, planted):
    issues = data.organizations.set_index("org_id")["issues"]
    focus = data.coalitions.set_index("coalition_id")["focus"]
    members = data.memberships.drop_duplicates(["org_id", "coalition_id"])
    mismatched = [
        {"org_id": o, "coalition_id": c}
        for o, c in zip(members["org_id"], members["coalition_id"], strict=True)
        if not set(issues[o]) & set(focus[c])
    ]
    assert mismatched == [planted["issue_mismatch"]]


def test_source_md_names_every_planted_id(planted):
    text = (FOLDER / "SOURCE.md").read_text(encoding="utf-8")
    ids = [
        planted["dominant_hub"],
        planted["gatekeeper"],
        planted["shared_funder"],
        planted["issue_mismatch"]["org_id"],
        *planted["isolated_members"],
        *planted["gatekeeper_cluster"],
        *planted["low_trust_pair"],
    ]
    for org in ids:
        assert f"`{org}`" in text, org


def test_patterns_hold_in_2024(data, planted):
    G = lsm.coalition_graph(data, "C01", at=2024)
    assert set(planted["isolated_members"]) <= set(nx.isolates(G))
    degree = dict(G.degree())
    hub = planted["dominant_hub"]
    assert degree[hub] == max(degree.values())
