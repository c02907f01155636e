"""Write the lsmnet notebooks (outputs empty) from the cell lists below.

    python notebooks/_build_notebooks.py          # rewrites notebooks/*.ipynb

The notebooks are committed without outputs; CI executes them with ``pytest --nbmake
notebooks/``. Edit the cells here, not in Jupyter, so that the committed files stay stripped
and reviewable (tests/test_notebooks.py checks that they match this script).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

SETUP = """\
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

import lsmnet as lsm

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 90)
SEED = 42  # every random step below takes this seed: same notebook, same numbers
workdir = Path(tempfile.mkdtemp())  # files written by this notebook go here
lsm.__version__"""


def setup(*unused: str) -> str:
    """The first code cell, without the imports of ``unused`` names (ruff lints the cells)."""
    return "\n".join(
        line
        for line in SETUP.splitlines()
        if not (line.startswith(("import ", "from ")) and line.split()[-1] in unused)
    )


def md(text: str) -> tuple[str, str]:
    return ("markdown", text.strip("\n"))


def code(text: str) -> tuple[str, str]:
    return ("code", text.strip("\n"))


RESEARCHER = [
    md("""
# Researcher quickstart

This notebook walks through lsmnet as a researcher uses it:

1. load data from pandas DataFrames, a folder of CSV files and an Excel workbook;
2. build the membership, co-membership (with its statistical backbone) and partnership graphs;
3. compute the standard coalition metrics, each with the work to cite;
4. ask whether a coalition's centralization is more than chance, against null models;
5. plot and export.

It uses `indonesia_demo`, a **synthetic** dataset bundled with lsmnet (fictional organisations;
do not cite it as evidence about Indonesian civil society), and two classic real datasets. It
runs in well under a minute. Formulas: [metric reference](../docs/metrics.md).
"""),
    code(setup()),
    md("""
## 1. Loading data

### From pandas DataFrames

`lsm.from_frames` validates the tables and returns a `NetworkData`. Only `org_id` (and, for ties,
`source`, `target`, `layer`) are required; multi-valued cells such as `issues` are
`|`-separated.
"""),
    code("""
organizations = pd.DataFrame({
    "org_id": ["YLB", "PKM", "LPA", "KSP", "DMN"],
    "name": ["Yayasan Lintas Batas", "Perkumpulan Kampung Mandiri",
             "Lembaga Perlindungan Anak Timur", "Koalisi Suara Perempuan",
             "Dana Mitra Nusantara"],
    "type": ["ngo", "cbo", "ngo", "ngo", "funder"],
    "province": ["DKI Jakarta", "Papua", "Nusa Tenggara Timur", "DKI Jakarta", "DKI Jakarta"],
    "issues": ["human-rights|legal-aid", "land-rights", "child-protection", "gender|human-rights", ""],
})
ties = pd.DataFrame({
    "source": ["YLB", "YLB", "PKM", "DMN", "DMN"],
    "target": ["PKM", "KSP", "LPA", "YLB", "LPA"],
    "layer": ["advocacy", "network", "capacity", "funding", "funding"],
    "amount": [None, None, None, 50_000, 20_000],
})
small = lsm.from_frames(organizations, ties=ties, source="a hand-made example")
small"""),
    md("""
Validation reports **every** problem at once, with the row, column, value and the fix, as a
message and as a DataFrame (`err.problems`). Here: a self-tie, a misspelt layer and an unknown
organisation.
"""),
    code("""
bad_ties = pd.DataFrame({
    "source": ["YLB", "PKM", "XYZ"],
    "target": ["YLB", "LPA", "PKM"],
    "layer": ["advocacy", "advokasi", "network"],
})
try:
    lsm.from_frames(organizations, ties=bad_ties)
except lsm.SchemaError as err:
    problems = err.problems
problems[["row", "column", "value", "problem", "fix"]]"""),
    md("""
### From CSV files and Excel

`data.to_csv(folder)` and `data.to_excel(path)` write the tables; `lsm.read` reads a folder of
CSV files or a workbook back — exactly, including non-ASCII names and multi-valued fields. (On
the command line, `lsmnet example indonesia_demo --out DIR` writes the same CSV files.)
"""),
    code("""
data = lsm.datasets.load_dataset("indonesia_demo")
data.to_csv(workdir / "csv")
data.to_excel(workdir / "indonesia_demo.xlsx")
print(sorted(p.name for p in (workdir / "csv").iterdir()))

from_csv = lsm.read(workdir / "csv")
from_excel = lsm.read(workdir / "indonesia_demo.xlsx")
print(from_csv.organizations.equals(data.organizations), from_excel.ties.equals(data.ties))
data"""),
    md("""
## 2. Graphs

### Membership (two-mode)

Organisations and coalitions are nodes of one bipartite graph. Their ids live in separate
namespaces — nodes are `("org", id)` and `("coalition", id)` — so an organisation and a coalition
may share an id. Below, the members of three small regional coalitions.
"""),
    code("""
B = lsm.membership_graph(data)
print(B)
three = [("coalition", c) for c in ["C04", "C05", "C08"]]
keep = set(three) | {org for c in three for org in B[c]}
ax = lsm.plotting.plot_membership(B.subgraph(keep), max_labels=10)"""),
    md("""
### Co-membership and its backbone

The projection links every two organisations that share a coalition — so a 56-member coalition
alone contributes 1,540 ties. `lsm.backbone` keeps only the pairs that share **more** coalitions
than a null model of random memberships predicts (Neal 2014; R `backbone` semantics): `fixedrow`
(hypergeometric), `sdsm` (stochastic degree sequence model, the default) or `fdsm` (both degree
sequences fixed, by curveball sampling).
"""),
    code("""
projection = lsm.comembership_graph(data)
jaccard = lsm.comembership_graph(data, weight="jaccard", min_weight=0.5)
significant = lsm.backbone(B, null="sdsm", alpha=0.05)
print(f"co-membership ties: {projection.number_of_edges()}; "
      f"with Jaccard >= 0.5: {jaccard.number_of_edges()}; "
      f"significant under sdsm: {significant.number_of_edges()} of {significant.graph['tested']} tested")"""),
    md("""
None survives: in `indonesia_demo` most organisations belong to a single coalition, so sharing
one is what coalition sizes alone predict. That is a finding, not a failure — co-membership
here carries no information beyond coalition size. On Galaskiewicz's CEOs and clubs (real data,
26 CEOs in 15 clubs and boards) the fixed-row model keeps a sparse backbone:
"""),
    code("""
ceos = lsm.datasets.load_dataset("galaskiewicz")
B_ceos = lsm.membership_graph(ceos)
for null, kwargs in [("fixedrow", {}), ("sdsm", {}), ("fdsm", {"trials": 500, "seed": SEED})]:
    bb = lsm.backbone(B_ceos, null=null, **kwargs)
    print(f"{null:9s} {bb.number_of_edges():3d} significant pairs of {bb.graph['tested']} that share a club")
fixedrow = lsm.backbone(B_ceos, null="fixedrow")
pd.DataFrame(
    [(u, v, d["weight"], d["p_value"]) for u, v, d in fixedrow.edges(data=True)],
    columns=["ceo", "other", "shared clubs", "p_value"],
).sort_values("p_value").head()"""),
    md("""
### Partnership graphs

`partnership_graph` merges the typed ties into one edge per pair and records which layers each
edge carries (`layers`, `multiplexity`). Directed layers stay directed: funding is a `DiGraph`
with amounts. `coalition_graph` restricts the ties to one coalition's members, keeping members
without ties as isolates.
"""),
    code("""
G = lsm.partnership_graph(data)                       # four partnership layers, undirected
F = lsm.partnership_graph(data, layers=["funding"])   # directed, with amounts
C01 = lsm.coalition_graph(data, "C01")
u, v, attrs = next(iter(G.edges(data=True)))
print(G, "|", F, "|", C01)
print(u, v, attrs)
pd.Series([len(d["layers"]) for *_, d in G.edges(data=True)]).value_counts().rename("edges by multiplexity")"""),
    md("""
## 3. Metrics, with citations

| measure | function | cite |
|---|---|---|
| degree, betweenness, closeness | `centrality_table` | Freeman (1979); Brandes (2001); Wasserman & Faust (1994) |
| eigenvector, PageRank | `centrality_table` | Bonacich (1972); Page et al. (1999) |
| Freeman centralization | `centralization` | Freeman (1979); R `sna` (Butts 2008) |
| power centrality | `bonacich_power` | Bonacich (1987) |
| effective size, constraint, hierarchy | `effective_size`, `constraint`, `hierarchy` | Burt (1992) |
| brokerage roles | `brokerage_roles` | Gould & Fernandez (1989) |
| E-I index | `ei_index` | Krackhardt & Stern (1988) |
| core–periphery | `core_periphery` | Borgatti & Everett (1999) |
| fragmentation, key players | `fragmentation`, `fragmentation_centrality`, `key_players` | Borgatti (2006) |
| Gini, HHI, Lorenz curve | `gini`, `hhi`, `lorenz_curve`, `top_share` | Gini (1912); Hirschman (1945); Lorenz (1905) |
| null-model tests | `cug_test` | Anderson, Butts & Carley (1999) |

The coalition `C01` (56 members, synthetic) has a planted dominant hub, three isolated regional
members and a gatekeeper between a Sumatran cluster and the rest. The metrics should find them.
"""),
    code("""
table = lsm.centrality_table(C01)
names = data.organizations.set_index("org_id")["name"]
table.insert(0, "name", names.reindex(table.index))
table.sort_values("betweenness", ascending=False).head(5)[
    ["name", "degree", "betweenness", "closeness", "eigenvector", "constraint", "articulation_point"]]"""),
    code("""
pd.Series({m: lsm.centralization(C01, m) for m in ["degree", "betweenness", "closeness", "eigenvector"]},
          name="Freeman centralization (C01)")"""),
    md("""
Closeness centralization is NaN: Freeman's closeness is undefined on a disconnected network
(C01 has isolated members), and lsmnet says so rather than returning a number.

**Bonacich power** needs |β| < 1/λ₁. A positive β credits ties to well-connected partners; a
negative β credits ties to partners with few alternatives — bargaining power.
"""),
    code("""
lam1 = max(abs(np.linalg.eigvals(nx.to_numpy_array(C01))))
power = pd.DataFrame({
    "beta > 0": lsm.bonacich_power(C01, beta=0.5 / lam1),
    "beta < 0": lsm.bonacich_power(C01, beta=-0.5 / lam1),
})
power.sort_values("beta > 0", ascending=False).head()"""),
    code("""
holes = pd.concat([lsm.effective_size(C01), lsm.constraint(C01), lsm.hierarchy(C01)], axis=1)
holes.dropna().sort_values("constraint").head()  # low constraint: contacts who are not tied to each other"""),
    md("""
**Brokerage roles** by province (Gould & Fernandez): a gatekeeper lets outsiders into its own
province's group, a representative carries its group's business out, a liaison connects two
groups it does not belong to. The z-scores compare each count with a random network of the
same density.
"""),
    code("""
roles = lsm.brokerage_roles(C01, "province", z=True)
roles.sort_values("gatekeeper_z", ascending=False).head(5)[
    ["gatekeeper", "representative", "liaison", "gatekeeper_z", "representative_z", "liaison_z"]]"""),
    code("""
from lsmnet.metrics.ei import ei_table  # the E-I index per group, with a permutation test

print(ei_table(C01, "province", level="network", permutations=999, seed=SEED))
ei_table(C01, "province").sort_values("ei").head()"""),
    md("""
The network-level E-I index is below the mean of its permutations: members tie within their own
province more often than chance would give, and the group-level rows show which provinces look
inward most.
"""),
    code("""
cp = lsm.core_periphery(C01, seed=SEED)
print({k: round(v, 3) if isinstance(v, float) else v for k, v in cp.attrs.items()})
cp.sort_values("coreness", ascending=False).head(3)"""),
    md("""
A core of one: C01 is a hub-and-spoke network, and the best core–periphery partition is the hub
alone (fit 0.45). **Fragmentation** (Borgatti 2006) asks who holds the network together: the
share of pairs that cannot reach each other, and how much it rises when one member leaves.
"""),
    code("""
print("fragmentation of C01:", round(lsm.fragmentation(C01), 3))
print(lsm.fragmentation_centrality(C01).nlargest(3))
lsm.key_players(C01, 2, seed=SEED)"""),
    code("""
lsm.cohesion_summary(C01, seed=SEED).round(3)"""),
    code("""
degrees = pd.Series(dict(C01.degree()))
print(f"Gini of degree {lsm.gini(degrees):.2f}; top 5 members hold {lsm.top_share(degrees, 5):.0%} of tie-ends; "
      f"HHI {lsm.hhi(degrees):.3f} (1/HHI = {1 / lsm.hhi(degrees):.0f} equally connected members' worth)")
ax = lsm.plotting.plot_lorenz({"C01 degree": degrees, "C02 degree": pd.Series(dict(lsm.coalition_graph(data, "C02").degree()))})"""),
    md("""
## 4. Is the coalition more centralised than chance?

A degree centralization of 0.70 means little on its own. The **conditional uniform graph test**
(`cug_test`; Anderson, Butts & Carley 1999; R `sna::cug.test`) compares it with random networks:

- `null="edges"`: same members, same number of ties, placed at random (Erdős–Rényi G(n, m));
- `null="degree"`: every member keeps its number of partners, ties rewired at random. Degree
  centralization is fixed under this null, so we test **betweenness** centralization: is
  brokerage more concentrated than the members' numbers of partners alone produce?
"""),
    code("""
by_edges = lsm.cug_test(C01, "degree_centralization", null="edges", n=1000, seed=SEED)
by_degree = lsm.cug_test(C01, "betweenness_centralization", null="degree", n=300, seed=SEED)
pd.DataFrame({"degree centralization vs G(n, m)": by_edges.to_series(),
              "betweenness centralization vs same degrees": by_degree.to_series()}).round(3)"""),
    code("""
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for ax, result, title in [(axes[0], by_edges, "degree centralization, null: G(n, m)"),
                          (axes[1], by_degree, "betweenness centralization, null: same degrees")]:
    ax.hist(result.null_values, bins=30, color="0.7")
    ax.axvline(result.observed, color="crimson", label=f"C01 = {result.observed:.2f}")
    ax.set_title(title, fontsize=10)
    ax.legend()
fig.tight_layout()"""),
    md("""
No random network of the same size and density comes close (P(X ≥ observed) = 0): C01 is
strongly centralised. Even given its members' numbers of partners, betweenness is more
concentrated than chance (z ≈ 3): the hub's position, not only its many ties, makes it the
broker. `coalition_health` reports such z-scores for every structural score.
"""),
    md("""
## 5. Why do these organisations partner? QAP and MRQAP

Ties between organisations are not independent observations, so ordinary regression on dyads
overstates significance. The **quadratic assignment procedure** permutes the rows and columns
of a matrix together, keeping its network structure (Krackhardt 1987, 1988). `qap_regression`
is MRQAP with Dekker, Krackhardt & Snijders' (2007) double semi-partialling, as R `sna`'s
`netlogit(..., nullhyp="qapspp")`, and equals it to 1e-14 on the reference cases
(`tests/reference/qap_sna.R`). Here: do advocacy ties follow operational ties and shared
provinces?
"""),
    code("""
advocacy = lsm.dyad_layer(data, "advocacy")
predictors = {
    "operational": lsm.dyad_layer(data, "operational"),
    "same_province": lsm.dyad_same(data, "province"),
}
fit = lsm.qap_regression(advocacy, predictors, family="logistic", permutations=100, seed=SEED)
fit.to_frame().round(3)"""),
    code("""
print(lsm.homophily_table(data, ["province", "type"], permutations=100, seed=SEED).round(3))
lsm.layer_overlap(data, permutations=100, seed=SEED).round(3)"""),
    md("""
A positive, significant `operational` estimate says advocacy ties follow working ties beyond
what the network's structure alone produces; the homophily table says which attributes
organise the partnerships (E-I below 0: ties stay within the group). `docs/inference.md` gives
the formulas and citations.

## 6. Plots and export

Every plot takes `ax=` and returns the Axes; layouts are seeded.
"""),
    code("""
isolates = [v for v in C01 if C01.degree(v) == 0]
fig, axes = plt.subplots(1, 2, figsize=(13, 5.5))
lsm.plotting.plot_network(C01, node_size=table["betweenness"], flagged=isolates, seed=SEED, ax=axes[0])
lsm.plotting.plot_centrality(table["betweenness"], top=10, names=names, ax=axes[1])
fig.tight_layout()"""),
    code("""
lsm.write_graphml(C01, workdir / "c01.graphml")   # Gephi, yEd, Cytoscape, igraph, R
lsm.write_gexf(C01, workdir / "c01.gexf")         # Gephi
sorted(p.name for p in workdir.iterdir())"""),
    md("""
## Where next

- `02_evaluator_coalition_health.ipynb`: survey-based coalition health, the risk register and
  the report.
- `03_funder_bridges.ipynb`: bridge organisations, single points of failure, weaving.
- `04_real_data.ipynb`: OCHA 3W and FTS data through lsmnet's importers.
"""),
]

EVALUATOR = [
    md("""
# Evaluating a coalition's health

You are evaluating **C01**, a security-sector-reform and human-rights coalition of 56 members
that answered a partnership survey: whom they work with, in which ways, and how they rate each
other's trustworthiness and value. This notebook goes from the survey to what you tell the
coalition:

1. response rate; 2. trust and value; 3. the health scorecard; 4. the risk register;
5. what to tell the coalition; 6. the report in Bahasa Indonesia; 7. two survey waves compared.

The data are `indonesia_demo`, **synthetic** (fictional organisations) with planted problems —
a dominant hub, three isolated regional members, a gatekeeper, a low-trust pair competing for
the same funder, a member whose issues do not match the coalition's — so you can check that the
analysis finds them.
"""),
    code(setup("plt", "nx", "np")),
    code("""
data = lsm.datasets.load_dataset("indonesia_demo")
COALITION = "C01"
orgs = data.organizations.set_index("org_id")
coalition_name = data.coalitions.set_index("coalition_id").loc[COALITION, "name"]
members = data.coalition_members(COALITION)
print(coalition_name, "-", len(members), "members")"""),
    md("""
## 1. Response rate

Network measures are sensitive to missing members. lsmnet's data-quality flags annotate
centralization-, betweenness- and broker-based flags when fewer than 80 % answered (DQ-1), and
lower the single-point-of-failure and gatekeeper flags below 60 % (Smith & Moody 2013).
"""),
    code("""
answered = orgs.loc[members, "respondent"]
print(f"{int(answered.sum())} of {len(members)} members answered: {answered.mean():.0%}")
orgs.loc[answered[~answered.astype(bool)].index, ["name", "type", "province"]].head(14)"""),
    md("""
## 2. Trust and value

Trust received = mean of *reliability*, *mission* and *openness*; value received = mean of
*power*, *involvement* and *resources* (1–4 scale; the PARTNER items, Varda et al. 2008). Members
rated by fewer than three others get no score.
"""),
    code("""
scores = lsm.trust_value_scores(data, coalition=COALITION)
scores.network.round(2)"""),
    code("""
nodes = scores.nodes.join(orgs["name"])
nodes.sort_values("trust")[["name", "trust", "value", "trust_raters", "mission"]].head()"""),
    code("""
low_pair = scores.dyads[(scores.dyads["trust"] <= 2)]
mutual = low_pair.merge(low_pair, left_on=["rater", "ratee"], right_on=["ratee", "rater"])
mutual[["rater_x", "ratee_x", "trust_x", "trust_y"]].rename(
    columns={"rater_x": "a", "ratee_x": "b", "trust_x": "a trusts b", "trust_y": "b trusts a"})"""),
    md("""
One pair distrusts each other both ways — the planted low-trust pair competing for the same
funder. The quadrant plot (trust across, value up) shows who is valued but less trusted (top
left) and trusted but less valued (bottom right); the low-trust pair is marked.
"""),
    code("""
ax = lsm.plotting.plot_trust_value(scores.nodes, scale=data.scale, names=orgs["name"].to_dict(),
                                   flagged=list(mutual["rater_x"]))"""),
    md("""
## 3. The health scorecard

`coalition_health` gives one row per coalition. Each structural score is also compared with
100 random networks in which every member keeps its number of partners: a z-score and a
percentile say whether the coalition is unusual *given* how many partners each member has.
"""),
    code("""
health = lsm.coalition_health(data, coalition=COALITION, null_samples=100, seed=SEED)
row = health.loc[COALITION]
row[["members", "respondents", "response_rate", "density", "average_degree", "components",
     "largest_component_share", "degree_centralization", "betweenness_centralization",
     "reciprocity", "trust_pct", "value_pct", "multiplexity", "gini_degree", "mission_cohesion",
     "flags_high", "flags_watch", "flags_info"]]"""),
    code("""
null = pd.DataFrame({
    "observed": [row[s] for s in ["transitivity", "betweenness_centralization", "distance_fragmentation"]],
    "z": [row[f"{s}_null_z"] for s in ["transitivity", "betweenness_centralization", "distance_fragmentation"]],
    "percentile": [row[f"{s}_null_pct"] for s in ["transitivity", "betweenness_centralization", "distance_fragmentation"]],
}, index=["transitivity", "betweenness_centralization", "distance_fragmentation"])
print(row["stage_label"], "-", row["stage_evidence"])
null.round(2)"""),
    md("""
Layer by layer: how much of each kind of partnership the coalition has.
"""),
    code("""
layers = row[["ties_operational", "ties_advocacy", "ties_capacity", "ties_network"]].astype(float)
ax = lsm.plotting.plot_layers(layers.rename(lambda c: c.removeprefix("ties_")))"""),
    md("""
## 4. The risk register

One row per flag raised, with severity, the measured value and the threshold, a plain-language
explanation and a caveat saying what the flag does **not** show. Every code is defined in
`docs/flags.md`; heuristic thresholds are marked there.
"""),
    code("""
flags = lsm.risk_flags(data, coalition=COALITION)
pd.crosstab(flags["category"], flags["severity"])"""),
    code("""
flags[flags["severity"] == "high"].drop_duplicates("code")[["code", "entity", "value", "threshold", "explanation"]]"""),
    code("""
watch = flags[flags["code"].isin(["DOM-1", "DOM-2", "DOM-4", "MIS-1", "DQ-1"])]
for _, f in watch.iterrows():
    print(f"{f['code']} ({f['severity']}): {f['explanation']}\\n   caveat: {f['caveat']}")"""),
    md("""
Thresholds are a documented, typed object. Change one when your context calls for it (and say
so in the report); the change shows in `threshold` and in which flags fire:
"""),
    code("""
print(lsm.RiskThresholds().dom_centralization_high)
strict = lsm.risk_flags(data, coalition=COALITION, thresholds={"dom_centralization_high": 0.6})
strict.loc[strict["code"] == "DOM-1", ["code", "severity", "value", "threshold"]]"""),
    md("""
The member table, one row per member, is the basis for member-by-member conversations:
"""),
    code("""
table = lsm.member_table(data, COALITION, seed=SEED)
table[["name", "role", "degree", "betweenness", "constraint", "trust", "value", "flags"]].head(8)"""),
    md("""
## 5. What to tell the coalition

Flags are prompts for a conversation, not verdicts. Start with strengths, present patterns
rather than culprits, read each flag with its caveat, and ask what the coalition wants to
change. A first draft of talking points, from the tables above:
"""),
    code("""
from IPython.display import Markdown


def names_of(codes):
    ids = flags.loc[flags["code"].isin(codes), "entity"]
    return ", ".join(orgs.loc[i, "name"] for i in dict.fromkeys(ids) if i in orgs.index)

hub = table["degree"].idxmax()
points = [
    f"**Strengths.** Members trust each other on the whole (trust {row['trust_pct']:.0f} %), and "
    f"{row['largest_component_share']:.0%} of members are connected to one another, often in several "
    f"ways at once (on average {row['multiplexity']:.1f} kinds of tie per partnership).",
    f"**One hub.** Most ties run through {orgs.loc[hub, 'name']} (degree centralization "
    f"{row['degree_centralization']:.2f}). That may be a valued secretariat; it is also a dependency: "
    "what would happen if it stepped back?",
    f"**Left out.** {names_of(['ISO-1'])} have no recorded tie to any other member, and did not answer "
    "the survey. Why? New, far away, working through other channels?",
    f"**A bridge to protect.** If {names_of(['DOM-4'])} left, "
    f"{flags.loc[flags['code'] == 'DOM-4', 'value'].max():.0%} of the members would be cut off from "
    "the rest: introductions around it would make the coalition less fragile.",
    f"**Mission.** {names_of(['MIS-1'])} is rated low on shared mission; its issues differ from the "
    "coalition's focus. Is the fit worth discussing openly?",
    f"**Trust and competition.** {' and '.join(orgs.loc[list(mutual.iloc[0][['rater_x', 'ratee_x']]), 'name'])} "
    "compete for the same funder and rate each other low on trust: a conversation, perhaps with "
    "the funder, may help.",
]
Markdown("\\n".join(f"- {p}" for p in points))"""),
    md("""
## 6. The report, in Bahasa Indonesia

`lsm.report` computes everything once and returns a report object: `to_html` writes one
self-contained file (open it in any browser, print it, send it), `to_excel` a workbook with
sortable sheets, and in Jupyter the object displays itself (put `rep` on the last line of a
cell). The same from the command line: `lsmnet report --example --coalition C01 --lang id --out laporan/`.
"""),
    code("""
rep = lsm.report(data, coalition=COALITION, lang="id", seed=SEED)
rep.to_html(workdir / "laporan.html")
rep.to_excel(workdir / "laporan.xlsx")
print(f"{workdir / 'laporan.html'}: {(workdir / 'laporan.html').stat().st_size // 1024} KB")
for text in lsm.risk_flags(data, coalition=COALITION, lang="id")["explanation"].head(3):
    print("-", text)"""),
    md("""
## 7. Two survey waves

Suppose the coalition acted on the first report: the secretariat introduced the members that
the weaving analysis suggested (see the funder notebook), and a year later the coalition was
surveyed again. We build that second wave by adding those introductions as new ties dated 2025
(ratings are left as they were), then compare the waves with `lsm.compare`.
"""),
    code("""
introductions = lsm.weaving_suggestions(data, top=5, coalition=COALITION)
new_ties = pd.DataFrame({
    "source": introductions["source"], "target": introductions["target"],
    "layer": "network", "start": "2025-03-01", "reported_by": introductions["source"],
})
wave2 = lsm.from_frames(
    data.organizations, data.coalitions, data.memberships,
    pd.concat([data.ties, new_ties], ignore_index=True), data.ratings,
    scale=data.scale, source="wave 2 (simulated follow-up)",
)
introductions[["source_name", "target_name", "gain"]]"""),
    code("""
change = lsm.compare(data, wave2, coalition=COALITION)
print(change.summary.loc[COALITION, ["members_a", "members_b", "ties_a", "ties_b", "ties_added",
                                     "ties_lost", "tie_jaccard"]])
scores_of_interest = ["components", "largest_component_share", "distance_fragmentation",
                      "degree_centralization", "betweenness_centralization", "density"]
change.health.set_index("score").loc[scores_of_interest, ["a", "b", "change"]]"""),
    md("""
The introductions joined the isolated members to the coalition (one component instead of four)
and shortened paths (lower distance fragmentation). But several of them went through the hub,
so centralization **rose**: weaving through the hub trades fragility for dependence. Asking for
at most one new tie per organisation spreads the introductions:
"""),
    code("""
lsm.weaving_suggestions(data, top=5, coalition=COALITION, max_per_org=1)[["source_name", "target_name", "gain"]]"""),
    md("""
With dated memberships and ties, `health_over_time` shows the coalition's history — here its
snapshots from 2019 to 2024:
"""),
    code("""
history = lsm.health_over_time(data, [2019, 2020, 2021, 2022, 2023, 2024], coalition=COALITION)
print(history[["members", "members_added", "members_lost", "density", "degree_centralization", "tie_jaccard"]].round(2))
ax = lsm.plotting.plot_health_over_time(history.droplevel("coalition"),
                                        metrics=["density", "degree_centralization", "largest_component_share"])"""),
]

FUNDER = [
    md("""
# Funders: bridges, single points of failure, concentration and weaving

A funder sees a sector through its grantees. This notebook uses funding and partnership data to
answer four questions:

1. How concentrated is the money — across funders, recipients and coalitions?
2. Which organisations connect otherwise separate parts of the sector (bridge organisations)?
3. Which organisations could the sector not afford to lose (single points of failure)?
4. Which new relationships would do most good if a funder or convenor brokered them?

The data are `indonesia_demo`: **synthetic**, 250 fictional organisations, 5 funders, 13
coalitions and partnership ties in four layers.
"""),
    code(setup("plt", "nx", "np")),
    code("""
data = lsm.datasets.load_dataset("indonesia_demo")
orgs = data.organizations.set_index("org_id")
funding = data.ties[data.ties["layer"] == "funding"].copy()
funding["funder"] = orgs.loc[funding["source"], "name"].to_numpy()
by_funder = funding.groupby("funder")["amount"].agg(["sum", "count"]).rename(
    columns={"sum": "USD", "count": "grants"})
by_funder.sort_values("USD", ascending=False)"""),
    md("""
## 1. Funding concentration

HHI (Herfindahl–Hirschman): the sum of squared shares; 1/HHI is the number of equally sized
funders that would give the same concentration. Gini and the top-k share describe how unequally
recipients are funded.
"""),
    code("""
received = funding.groupby("target")["amount"].sum()
print(f"funders: HHI {lsm.hhi(by_funder['USD']):.3f} = {1 / lsm.hhi(by_funder['USD']):.1f} equal funders' worth")
print(f"{len(received)} recipients: Gini {lsm.gini(received):.2f}; the top 10 receive {lsm.top_share(received, 10):.0%}")
ax = lsm.plotting.plot_lorenz({"recipients": received, "funders": by_funder["USD"]})"""),
    md("""
Per coalition: which funders reach which coalitions (through their members), and how dependent
each coalition is on its largest funder. Flag CMP-4 marks coalitions and members whose recorded
funding is concentrated; PWR-2 marks one-way dependence.
"""),
    code("""
reach = funding.merge(data.memberships[["org_id", "coalition_id"]], left_on="target", right_on="org_id")
matrix = reach.pivot_table(index="coalition_id", columns="funder", values="amount", aggfunc="sum", fill_value=0)
matrix["HHI"] = [lsm.hhi(r) for r in matrix.to_numpy()]
matrix.sort_values("HHI", ascending=False).round(2).head(8)"""),
    code("""
flags = lsm.risk_flags(data)
money = flags[flags["code"].isin(["CMP-4", "PWR-2"])]
print(money.groupby(["code", "level"]).size())
money[money["level"] == "network"][["coalition", "value", "threshold", "explanation"]].head()"""),
    md("""
## 2. Bridge organisations

`bridge_organizations` ranks organisations by how much they connect otherwise separate parts of
the sector (here: provinces). Its score — lsmnet's own heuristic for sorting — is the mean of
five ingredients, each reported: betweenness, coalitions spanned, the strongest Gould–Fernandez
brokerage z-score across groups, openness (1 − Burt's constraint) and fragmentation centrality.
"""),
    code("""
bridges = lsm.bridge_organizations(data, group="province", top=10)
bridges[["name", "type", "province", "bridge_score", "betweenness", "coalitions", "groups_reached",
         "fragmentation_centrality"]].round(3)"""),
    code("""
for org, reason in bridges["reason"].head(3).items():
    print(f"{org}: {reason}")"""),
    code("""
by_issue = lsm.bridge_organizations(data, group="issues", top=5)
by_issue[["name", "type", "bridge_score", "reason"]]"""),
    code("""
G = lsm.partnership_graph(data)
ax = lsm.plotting.plot_network(G, node_size=bridges["bridge_score"].reindex(list(G), fill_value=0),
                               flagged=list(bridges.index[:5]), max_labels=5, seed=SEED)"""),
    md("""
## 3. Single points of failure

An organisation whose departure would split the network is a risk to everyone tied through it:
articulation points, fragmentation centrality (how much more fragmented the network becomes
without it; Borgatti 2006) and key players (the set of k organisations whose joint loss
fragments the network most).
"""),
    code("""
table = lsm.centrality_table(G)
spof = lsm.fragmentation_centrality(G).nlargest(5).to_frame()
spof["articulation_point"] = table.loc[spof.index, "articulation_point"]
spof.join(orgs[["name", "type", "province"]])"""),
    code("""
kp = lsm.key_players(G, 3, seed=SEED)
print(kp)
without = G.copy()
without.remove_nodes_from(kp.nodes)
print(f"fragmentation {lsm.fragmentation(G):.3f} -> {lsm.fragmentation(without):.3f} without "
      + ", ".join(orgs.loc[kp.nodes, "name"]))"""),
    md("""
Inside the surveyed coalition C01, flag DOM-4 finds the member whose loss would cut others off:
"""),
    code("""
dom4 = flags[(flags["code"] == "DOM-4")]
for _, f in dom4.iterrows():
    print(f"{f['coalition']} {f['entity']} ({f['severity']}): {f['explanation']}")"""),
    md("""
## 4. Weaving: which ties to support

`weaving_suggestions` proposes the pairs, not yet tied, whose new tie would most reduce
distance-weighted fragmentation — chosen one at a time with the exact gain of each, preferring
pairs that share an issue and spreading introductions over several organisations (Krebs &
Holley's network weaving). Fund the *relationship*: a joint project, an exchange visit, a shared
training.
"""),
    code("""
suggestions = lsm.weaving_suggestions(data, top=8)
suggestions[["source_name", "target_name", "gain", "shared_issues", "joins_components"]]"""),
    code("""
woven = G.copy()
woven.add_edges_from(zip(suggestions["source"], suggestions["target"], strict=True))
print(f"distance fragmentation {lsm.fragmentation(G, distance_weighted=True):.3f} -> "
      f"{lsm.fragmentation(woven, distance_weighted=True):.3f} with {len(suggestions)} new ties")
print(suggestions["reason"].iloc[0])"""),
    code("""
lsm.weaving_suggestions(data, top=3, coalition="C01")[["source_name", "target_name", "gain", "reason"]]"""),
    md("""
## Cautions

- Grant records show money, not collaboration; surveys show what respondents chose to report.
- A bridge or a hub is not necessarily thriving — brokers carry costs — and a peripheral
  organisation is not necessarily failing.
- Bridge scores and weaving gains are heuristics for ranking; each ingredient is published so
  you can rank by the one that matters to you.

Next: `04_real_data.ipynb` does this with real OCHA funding data.
"""),
]

REAL = [
    md("""
# Real data: OCHA Ethiopia 3W and FTS funding flows

This notebook analyses public humanitarian data end to end with lsmnet's importers:

- **OCHA Ethiopia 3W/4W, August 2025** ("who does what where": donor → programme partner →
  implementing partner, by cluster and woreda). OCHA Ethiopia via HDX, CC BY.
- **OCHA Financial Tracking Service (FTS) flows, 2001** (every recorded humanitarian funding
  flow of the year). OCHA FTS via Development Initiatives, CC BY-IGO.
- **Knoke's bureaucracies** (bundled): information and money exchange among ten organisations.

All three are bundled with lsmnet: the two OCHA exports as their original files (compressed),
read by lsmnet's importers when loaded. Each dataset's `SOURCE.md` gives the provenance and
licence. To analyse your own sheet, call the importer on its path, e.g.
`lsm.read_3w("my_3w.xlsx")` or `lsm.read_fts("fts_flows.csv")`.
"""),
    code(setup("plt", "np")),
    code("""
lsm.datasets.list_datasets()[["name", "licence"]]"""),
    md("""
## 1. OCHA Ethiopia 3W

`read_3w` recognises the columns (HXL tags or header names), merges the spellings of one
organisation (acronym and name on the same row; names equal after normalisation) and reports
every merge, and accounts for every row: rows read = used + set aside.
"""),
    code("""
threew = lsm.datasets.load_dataset("ethiopia_4w_2025")  # read_3w on the bundled sheet
print((lsm.datasets.dataset_folder("ethiopia_4w_2025") / "SOURCE.md").read_text().splitlines()[0])
print(threew)
print(threew.meta["rows"])
threew.meta["notes"]"""),
    code("""
report = threew.meta["name_report"]
report[report["variants"] > 1].sort_values("org_id").head(8)"""),
    code("""
threew.organizations["type"].value_counts(dropna=False).rename("organisations by type")"""),
    md("""
### The funding chain

Funding ties run donor → programme partner → implementing partner, weighted by the number of
activity rows. Which donors fund the most partners, and which organisations pass money on
(receive and give)?
"""),
    code("""
names3w = threew.organizations.set_index("org_id")["name"]
chain = lsm.partnership_graph(threew, layers=["funding"])
flows = pd.DataFrame({"funds": dict(chain.out_degree()), "funded_by": dict(chain.in_degree()),
                      "activity_rows": dict(chain.out_degree(weight="weight"))})
flows.insert(0, "name", names3w.reindex(flows.index))
print(chain, "| degree centralization (out):", round(lsm.centralization(chain, "degree", mode="out"), 3))
flows.sort_values("funds", ascending=False).head(6)"""),
    code("""
intermediaries = flows[(flows["funds"] > 0) & (flows["funded_by"] > 0)]
print(f"{len(intermediaries)} organisations both receive and pass on funding")
intermediaries.sort_values("funds", ascending=False).head(5)"""),
    md("""
### Who works alongside whom

Co-presence ties link implementing partners active in the same cluster and zone (`area="adm2"`),
weighted by the number of shared cells. Fragmented coordination shows as many components.
"""),
    code("""
presence = lsm.partnership_graph(threew, layers=["copresence"])
lsm.cohesion_summary(presence, seed=SEED).round(3)"""),
    code("""
largest = presence.subgraph(max(nx.connected_components(presence), key=len))
ax = lsm.plotting.plot_network(largest, node_size="degree", max_labels=8, seed=SEED)"""),
    code("""
bridges3w = lsm.bridge_organizations(threew, group="type", layers=["copresence"], top=5)
bridges3w[["name", "type", "bridge_score", "betweenness", "groups_reached"]].round(3)"""),
    code("""
kp3w = lsm.key_players(presence, 3, seed=SEED)
print("key players:", ", ".join(names3w[v] for v in kp3w.nodes), f"(fragmentation without them {kp3w.score:.3f})")
lsm.weaving_suggestions(threew, top=5, layers=["copresence"])[["source_name", "target_name", "gain", "joins_components"]]"""),
    md("""
Without coalitions, the risk register treats the data as one network; flags that need data the
3W does not have (ratings, issues, respondents) are skipped and listed with the reason. Most
flags raised describe the structure of humanitarian funding and coordination: many implementing
partners depend on one donor (CMP-4, PWR-2), and almost half of them share no sector and zone
with any other partner (ISO-1).
"""),
    code("""
flags3w = lsm.risk_flags(threew, layers=["copresence"])
print(flags3w.groupby(["code", "severity"]).size())
lsm.risk.flags.skipped_flags(flags3w)[["code", "reason"]].head()"""),
    md("""
## 2. OCHA FTS funding flows, 2001

`read_fts` keeps one funding tie per donor → recipient pair (amount in USD, number of flows) and
sets aside, with the reason, every flow it cannot use: internal flows (same organisation on both
sides), flows without a donor or recipient, flows split across several organisations.
"""),
    code("""
fts = lsm.datasets.load_dataset("fts_flows_2001")  # read_fts on the bundled export
print(fts.meta["accounting"])
print(fts)
fts.set_aside["problem"].str.split("(").str[0].value_counts()"""),
    code("""
names_fts = fts.organizations.set_index("org_id")["name"]
given = fts.ties.groupby("source")["amount"].sum()
got = fts.ties.groupby("target")["amount"].sum()
summary = pd.DataFrame({
    "donors": [len(given), lsm.hhi(given), lsm.gini(given), lsm.top_share(given, 5)],
    "recipients": [len(got), lsm.hhi(got), lsm.gini(got), lsm.top_share(got, 5)],
}, index=["organisations", "HHI", "Gini", "top-5 share"])
print(f"total recorded: {fts.ties['amount'].sum() / 1e9:.2f} bn USD")
summary.round(3)"""),
    code("""
top = pd.DataFrame({"donor": names_fts.reindex(given.nlargest(5).index).to_numpy(),
                    "USD m (given)": (given.nlargest(5) / 1e6).round(1).to_numpy(),
                    "recipient": names_fts.reindex(got.nlargest(5).index).to_numpy(),
                    "USD m (received)": (got.nlargest(5) / 1e6).round(1).to_numpy()})
top"""),
    code("""
ax = lsm.plotting.plot_lorenz({"donors": given, "recipients": got})"""),
    md("""
Which organisations sit *between* donors and the field, receiving money and passing it on? On the
directed funding graph, betweenness counts the donor → … → recipient chains through each
organisation.
"""),
    code("""
money = lsm.partnership_graph(fts, layers=["funding"])
ct = lsm.centrality_table(money)
ct.insert(0, "name", names_fts.reindex(ct.index))
ct.sort_values("betweenness", ascending=False).head(6)[["name", "in_degree", "out_degree", "betweenness"]]"""),
    md("""
## 3. Knoke's bureaucracies (bundled, real)

Ten organisations in a US city in the 1970s (Knoke & Wood 1981): who gives information to whom,
and who gives money to whom. Brokerage by sector (government, voluntary, private) shows who
carries information across sectors.
"""),
    code("""
knoke = lsm.datasets.load_dataset("knoke")
info = lsm.partnership_graph(knoke, layers=["network"])
cash = lsm.partnership_graph(knoke, layers=["funding"])
print("information: in-degree centralization", round(lsm.centralization(info, "degree", mode="in"), 3),
      "| money: in-degree centralization", round(lsm.centralization(cash, "degree", mode="in"), 3))
roles = lsm.brokerage_roles(info, "sector", z=True)
roles.join(knoke.organizations.set_index("org_id")[["name", "sector"]])[
    ["name", "sector", "coordinator", "gatekeeper", "representative", "liaison", "total"]].sort_values("total", ascending=False).head()"""),
]

NOTEBOOKS = {
    "01_researcher_quickstart.ipynb": RESEARCHER,
    "02_evaluator_coalition_health.ipynb": EVALUATOR,
    "03_funder_bridges.ipynb": FUNDER,
    "04_real_data.ipynb": REAL,
}


def notebook(cells: list[tuple[str, str]], prefix: str) -> nbformat.NotebookNode:
    """Return a notebook with the given cells, empty outputs and stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, (kind, text) in enumerate(cells):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(text)
        cell.id = f"{prefix}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def build(folder: Path = HERE) -> list[Path]:
    """Write every notebook into ``folder`` and return their paths."""
    paths = []
    for name, cells in NOTEBOOKS.items():
        path = folder / name
        nbformat.write(notebook(cells, name[:2]), path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
