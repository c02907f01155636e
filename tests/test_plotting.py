"""Tests of lsmnet.plotting: axes handling, determinism, labels, escaping, errors.

References: positions and values drawn are compared with what networkx computes on the same
graph (spring layout, degree, betweenness) and with brute-force Lorenz points written here.
"""

from __future__ import annotations

import io
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from lsmnet._i18n import text
from lsmnet.exceptions import GraphTypeError, InvalidParameterError
from lsmnet.plotting import (
    SEVERITY_COLORS,
    TYPE_COLORS,
    plot_centrality,
    plot_health_over_time,
    plot_layers,
    plot_lorenz,
    plot_membership,
    plot_network,
    plot_trust_value,
)

HOSTILE = ["$\\frac{$", "$x^$", "<script>alert(1)</script>", "a\\$b$c$", "=cmd|' /C calc'!A0"]


@pytest.fixture(autouse=True)
def _no_show_and_close(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("plotting functions must never call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def _ax():
    return Figure(figsize=(6, 5)).subplots()


def _png(ax) -> bytes:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=40, metadata={"Software": None})
    return buf.getvalue()


def _typed_graph(n=30, seed=3):
    G = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    types = sorted(TYPE_COLORS)
    for v in G:
        G.nodes[v]["type"] = types[v % len(types)]
        G.nodes[v]["name"] = f"Org {v}"
    return G


def test_import_lsmnet_does_not_import_matplotlib():
    code = "import sys, lsmnet, lsmnet.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "call",
    [
        lambda ax: plot_network(_typed_graph(), ax=ax),
        lambda ax: plot_lorenz([1, 2, 3], ax=ax),
        lambda ax: plot_trust_value(pd.DataFrame({"trust": [2.0], "value": [3.0]}), ax=ax),
        lambda ax: plot_layers(pd.Series({"advocacy": 0.5}), ax=ax),
        lambda ax: plot_health_over_time(pd.DataFrame({"density": [0.1, 0.2]}), ax=ax),
        lambda ax: plot_centrality(pd.Series([1.0, 2.0], name="degree"), ax=ax),
    ],
)
def test_draws_on_the_given_axes_and_returns_it(call):
    ax = _ax()
    assert call(ax) is ax


def test_new_figure_when_no_axes():
    ax = plot_network(_typed_graph())
    assert ax.figure is not None
    assert ax in ax.figure.axes


def test_network_positions_follow_networkx_spring_layout_with_the_seed():
    G = _typed_graph()
    G.add_node("alone", type="ngo")
    G.add_edge("loop", "loop")
    ax = plot_network(G, seed=7, ax=_ax())
    tied = G.subgraph([v for v in G if v not in ("alone", "loop")])
    expected = nx.spring_layout(tied, k=1.6 / np.sqrt(30), iterations=100, seed=7, weight=None)
    offsets = ax.collections[-1].get_offsets()
    np.testing.assert_allclose(offsets[:30], np.array([expected[v] for v in tied]))
    # isolates (a self-loop is no tie to anyone) in a row below everyone else
    below = min(y for _, y in expected.values())
    assert offsets[30, 1] == offsets[31, 1] < below
    assert list(offsets[30:, 0]) == [-1.0, 1.0]


def test_network_is_deterministic_and_seed_matters():
    G = _typed_graph()
    a = _png(plot_network(G, seed=1, node_size="degree", ax=_ax()))
    b = _png(plot_network(G, seed=1, node_size="degree", ax=_ax()))
    c = _png(plot_network(G, seed=2, node_size="degree", ax=_ax()))
    assert a == b
    assert a != c


def test_network_colours_by_type_use_the_fixed_palette():
    G = _typed_graph()
    ax = plot_network(G, ax=_ax())
    nodes_artist = ax.collections[-1]
    colours = [to_hex(c) for c in nodes_artist.get_facecolors()]
    assert colours == [TYPE_COLORS[G.nodes[v]["type"]].lower() for v in G]


def test_network_sizes_grow_with_the_given_centrality():
    G = _typed_graph()
    bc = pd.Series(nx.betweenness_centrality(G), name="betweenness")
    ax = plot_network(G, node_size=bc, ax=_ax())
    sizes = ax.collections[-1].get_sizes()
    order_sizes = np.argsort(sizes, kind="stable")
    order_bc = np.argsort(bc.reindex(list(G)).to_numpy(), kind="stable")
    assert list(order_sizes) == list(order_bc)


def test_network_flag_rings_coloured_by_severity_and_labelled_first():
    G = _typed_graph()
    ax = plot_network(G, flagged={5: "high", 9: "watch"}, max_labels=3, ax=_ax())
    rings = ax.collections[-1]
    assert [to_hex(c) for c in rings.get_edgecolors()] == [
        SEVERITY_COLORS["high"].lower(),
        SEVERITY_COLORS["watch"].lower(),
    ]
    texts = [t.get_text() for t in ax.texts]
    hub = max(G, key=lambda n: (G.degree(n), -n))  # the first node of highest degree
    # the hub first (a map whose centre has no name cannot say who it is), then the flagged
    assert texts == [f"Org {hub}", "Org 5", "Org 9"]


def test_network_community_colours_match_louvain_with_the_seed():
    G = _typed_graph(40)
    ax = plot_network(G, color="community", seed=4, ax=_ax())
    colours = [to_hex(c) for c in ax.collections[-1].get_facecolors()]
    communities = nx.community.louvain_communities(G, weight="weight", seed=4)
    for community in communities:
        assert len({colours[list(G).index(v)] for v in community}) == 1
    assert len(set(colours)) == len(communities)


def test_network_300_nodes_is_readable():
    G = _typed_graph(300)
    ax = plot_network(G, node_size="degree", flagged=[1, 2, 3], ax=_ax())
    _png(ax)
    assert 0 < len(ax.texts) <= 12  # labels only for the members that matter
    assert max(ax.collections[-2].get_sizes()) < 400
    hub = max(G, key=lambda n: (G.degree(n), -n))
    assert ax.texts[0].get_text() == f"Org {hub}"
    assert {"Org 1", "Org 2", "Org 3"} <= {t.get_text() for t in ax.texts}


def test_network_labels_never_overlap():
    # brute force over every pair of drawn labels, with the renderer's own text boxes
    G = _typed_graph(120)
    ax = plot_network(G, node_size="degree", labels=list(G)[:40], ax=_ax())
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert 5 <= len(boxes) < 40  # some labels had no free place and were left out
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_network_labels_options():
    G = _typed_graph(10)
    assert len(plot_network(G, labels=None, ax=_ax()).texts) == 0
    ax = plot_network(G, labels={0: "zero", 99: "not a node"}, ax=_ax())
    assert [t.get_text() for t in ax.texts] == ["zero"]
    ax = plot_network(G, labels=[1, 2], ax=_ax())
    assert [t.get_text() for t in ax.texts] == ["Org 1", "Org 2"]


def test_directed_small_graph_gets_arrows():
    D = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    ax = plot_network(D, ax=_ax())
    assert len(ax.patches) == 3  # one FancyArrowPatch per arc


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_drawn_literally(name):
    G = nx.Graph([("a", "b")])
    G.nodes["a"]["name"] = name
    ax = plot_network(G, labels=["a"], ax=_ax())
    _png(ax)
    assert ax.texts[0].get_text() == " ".join(name.split())[:28]
    assert plot_centrality(pd.Series({name: 1.0}), ax=_ax()) is not None
    scores = pd.DataFrame({"trust": [1.0], "value": [1.0]}, index=[name])
    _png(plot_trust_value(scores, ax=_ax()))
    _png(plot_lorenz({name: [1, 2]}, ax=_ax()))
    _png(plot_layers(pd.DataFrame({"advocacy": [1.0]}, index=[name]), ax=_ax()))


def test_empty_graph_draws_nothing():
    ax = plot_network(nx.Graph(), ax=_ax())
    assert len(ax.collections) == 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"color": 3}, "'color' parameter of plot_network"),
        ({"node_size": "pagerank"}, "'node_size' parameter of plot_network"),
        ({"node_size": [1, 2]}, "'node_size' parameter of plot_network"),
        ({"labels": "all"}, "'labels' parameter of plot_network"),
        ({"flagged": "x"}, "'flagged' parameter of plot_network"),
        ({"flagged": {0: "severe"}}, r"'flagged\[0\]' parameter of plot_network"),
        ({"pos": {0: (0, 0)}}, "'pos' parameter of plot_network must give a position"),
        ({"lang": "fr"}, "'lang' parameter of plot_network"),
        ({"seed": -1}, "'seed' parameter of plot_network"),
        ({"max_labels": -1}, "'max_labels' parameter of plot_network"),
    ],
)
def test_network_errors(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        plot_network(_typed_graph(5), ax=_ax(), **kwargs)


def test_network_rejects_non_graph():
    with pytest.raises(GraphTypeError, match="plot_network expects a networkx graph"):
        plot_network([(0, 1)])


def test_membership_layout_columns_and_barycentre_order():
    B = nx.Graph()
    B.add_nodes_from(["o1", "o2", "o3"], bipartite=0)
    B.add_nodes_from(["big", "small"], bipartite=1)
    B.add_edges_from([("o1", "small"), ("o2", "big"), ("o3", "big"), ("o3", "small")])
    ax = plot_membership(B, ax=_ax())
    orgs_xy = ax.collections[1].get_offsets()
    groups_xy = ax.collections[2].get_offsets()
    assert set(orgs_xy[:, 0]) == {0.0}
    assert set(groups_xy[:, 0]) == {1.0}
    # the largest coalition is on top; o2 (only in "big") above o3 (both) above o1
    assert groups_xy[0, 1] > groups_xy[1, 1]
    label_y = {t.get_text(): t.get_position()[1] for t in ax.texts}
    assert label_y["o2"] > label_y["o3"] > label_y["o1"]


def test_membership_labels_only_multi_members_when_many():
    B = nx.Graph()
    B.add_nodes_from(range(30), bipartite=0)
    B.add_nodes_from(["X", "Y"], bipartite=1)
    B.add_edges_from((i, "X") for i in range(30))
    B.add_edges_from((i, "Y") for i in range(3))
    ax = plot_membership(B, max_labels=5, ax=_ax())
    assert sorted(t.get_text() for t in ax.texts) == ["0", "1", "2", "X", "Y"]


def test_membership_requires_bipartite_attribute():
    B = nx.Graph([("a", "b")])
    with pytest.raises(GraphTypeError, match="Node 'a' has None"):
        plot_membership(B)


def test_lorenz_points_match_brute_force():
    values = [5.0, 1.0, 0.0, 2.0]
    ax = plot_lorenz(values, ax=_ax())
    x, y = ax.lines[1].get_data()
    ordered = sorted(values)
    expected_y = [sum(ordered[:i]) / sum(values) for i in range(len(values) + 1)]
    np.testing.assert_allclose(x, np.arange(5) / 4)
    np.testing.assert_allclose(y, expected_y)
    # Gini as mean absolute difference over twice the mean (brute force over all pairs)
    brute = sum(abs(a - b) for a in values for b in values) / (2 * 4**2 * np.mean(values))
    assert ax.get_legend().get_texts()[0].get_text() == f"Gini {brute:.2f}"


def test_lorenz_labels_in_indonesian():
    ax = plot_lorenz({"A": [1, 2]}, lang="id", ax=_ax())
    assert ax.get_xlabel() == "proporsi kumulatif anggota (terkecil ke terbesar)"
    assert ax.get_legend().get_texts()[0].get_text() == "A (indeks Gini 0.17)"


def test_trust_value_quadrants_and_missing_rows():
    scores = pd.DataFrame(
        {"trust": [3.5, 1.2, np.nan], "value": [3.0, 3.9, 2.0]}, index=["a", "b", "c"]
    )
    ax = plot_trust_value(scores, names={"b": "Org B"}, ax=_ax())
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(points, [[3.5, 3.0], [1.2, 3.9]])
    assert 2.5 in ax.lines[0].get_xdata()
    texts = [t.get_text() for t in ax.texts]
    assert "Org B" in texts  # below the trust midpoint -> labelled
    assert "a" not in texts  # in the anchor quadrant -> not labelled
    assert "1 member(s) not shown: too few raters" in texts


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"trust": "trust_pct"}, "'trust' parameter of plot_trust_value names the column"),
        ({"scale": (4, 1)}, "'scale' parameter of plot_trust_value"),
    ],
)
def test_trust_value_errors(kwargs, match):
    scores = pd.DataFrame({"trust": [1.0], "value": [1.0]})
    with pytest.raises(InvalidParameterError, match=match):
        plot_trust_value(scores, **kwargs)


def test_trust_value_needs_a_dataframe():
    with pytest.raises(InvalidParameterError, match="must be a pandas DataFrame"):
        plot_trust_value([1, 2])


def test_layers_series_bars_and_frame_heatmap():
    p = pd.Series({"operational": 0.3, "advocacy": 0.1})
    ax = plot_layers(p, lang="id", ax=_ax())
    assert [b.get_width() for b in ax.patches] == [0.3, 0.1]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["operasional", "advokasi"]
    frame = pd.DataFrame({"advocacy": [0.5, np.nan]}, index=["A", "B"])
    ax = plot_layers(frame, ax=_ax())
    assert [t.get_text() for t in ax.texts] == ["0.50", "–"]


@pytest.mark.parametrize(
    ("profile", "match"),
    [([1, 2], "must be a pandas Series or DataFrame"), (pd.Series(["x"]), "no numeric value")],
)
def test_layers_errors(profile, match):
    with pytest.raises(InvalidParameterError, match=match):
        plot_layers(profile)


def test_health_over_time_lines_per_group():
    t = pd.DataFrame(
        {
            "year": [2021, 2022, 2021, 2022],
            "coalition": ["A", "A", "B", "B"],
            "density": [1, 2, 3, 4],
        }
    )
    ax = plot_health_over_time(t, period="year", by="coalition", ax=_ax())
    assert [list(line.get_ydata()) for line in ax.lines] == [[1.0, 2.0], [3.0, 4.0]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]
    assert ax.get_ylabel() == "density"
    ax = plot_health_over_time(t.assign(x=1.0), period="year", by="coalition", ax=_ax())
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["A – density", "A – x"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"period": "when"}, "'period' parameter of plot_health_over_time"),
        ({"metrics": ["gone"]}, "'metrics' parameter of plot_health_over_time"),
        ({"metrics": []}, "found no numeric column"),
    ],
)
def test_health_over_time_errors(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        plot_health_over_time(pd.DataFrame({"density": [0.1]}), **kwargs)


def test_centrality_bars_are_the_top_values_in_order():
    G = nx.karate_club_graph()
    deg = pd.Series(dict(G.degree()), name="degree", dtype=float)
    ax = plot_centrality(deg, top=4, ax=_ax())
    widths = sorted((b.get_y(), b.get_width()) for b in ax.patches)
    assert [w for _, w in reversed(widths)] == sorted(deg, reverse=True)[:4]
    assert ax.get_xlabel() == "degree"


def test_centrality_errors():
    with pytest.raises(InvalidParameterError, match="'top' parameter of plot_centrality"):
        plot_centrality(pd.Series([1.0]), top=0)
    with pytest.raises(InvalidParameterError, match="must be a pandas Series"):
        plot_centrality([1.0])


def test_trust_value_legend_and_labels_never_overlap():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    rng = np.random.default_rng(5)
    # 40 members crowded below the midpoints: every one is a labelling candidate
    scores = pd.DataFrame(
        {"trust": rng.uniform(1.5, 2.4, 40), "value": rng.uniform(1.5, 2.4, 40)},
        index=[f"m{i}" for i in range(40)],
    )
    ax = plot_trust_value(scores, flagged=["m0", "m1"], max_labels=20, ax=_ax())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [text("plot.q_member", "en"), text("plot.q_flagged", "en")]
    corners = {text(k, "en") for k in ("plot.q_anchor", "plot.q_repair")}
    corners |= {text(k, "en") for k in ("plot.q_underused", "plot.q_weak")}
    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    labels = [t for t in ax.texts if t.get_text() not in corners]
    assert {"m0", "m1"} <= {t.get_text() for t in labels}  # flagged members first
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_trust_value_corners_mean_the_same_in_both_languages():
    # issue 16: "trusted, less valued" was "trusted, under-used" in Indonesian; each corner
    # pairs the same two words in both languages: trusted/dipercaya, valued/bernilai
    words = {"trusted": "dipercaya", "valued": "bernilai"}
    for key in ("plot.q_anchor", "plot.q_repair", "plot.q_underused", "plot.q_weak"):
        en, id_ = text(key, "en"), text(key, "id")
        for english, indonesian in words.items():
            assert (f"less {english}" in en) == (f"kurang {indonesian}" in id_), key
            assert (english in en) == (indonesian in id_), key
