"""The compiled graph libraries lsmnet runs (or could run) its path-based measures on.

Usage::

    pip install networkit                # benchmark only: not an lsmnet dependency
    python benchmarks/engines.py         # 1,000 and 10,000 nodes, mean degree 10 (~10 min)
    python benchmarks/engines.py --sizes 1000,10000,100000   # + 100,000 nodes / 1M ties,
                                         # cheap measures only (~20 min)
    python benchmarks/engines.py --markdown        # print the tables from the results file
    python benchmarks/engines.py --update-page     # put them into docs/performance.md
    python benchmarks/engines.py --installs 2000,10000   # centrality_table with and without
                                         # igraph (lsmnet's two installs), printed only

For each candidate library that is installed (python-igraph, lsmnet's optional accelerator
``lsmnet[igraph]``; rustworkx, a dependency of lsmnet's default install; networkit, not an
lsmnet dependency: ``pip install networkit``), and for
networkx as the reference, it times on the seeded synthetic partnership graphs of
``benchmarks/sectors.py`` (the graphs of ``benchmarks/cases.py``): conversion from the networkx
graph (and lsmnet's own ``GraphEngine`` conversion to igraph), exact betweenness (normalised
as networkx), Wasserman–Faust closeness (networkx's ``wf_improved``), harmonic centrality,
k-core numbers, articulation points, local clustering, Louvain and Leiden communities (with
the modularity of the partition found, by networkx) and betweenness with the 'weight'
attribute as distance. A library that is not installed is named, with the command that
installs it, and left out.

Every (library, threads, size, measure) runs in a fresh subprocess, so that its peak memory
(``ru_maxrss``) is its own, with wall time, CPU time (of all threads) and the 1-minute load
average. Libraries that multithread (rustworkx: rayon, ``RAYON_NUM_THREADS``; networkit:
OpenMP, ``networkit.setNumberOfThreads``) run with one thread and with their default. On the
1,000-node graph every library's values are compared with networkx's after mapping its vertex
ids back to the nodes. The versions, licences and wheels of each library are recorded (pip:
whether a binary wheel exists for this machine, and which wheel it would pick for Linux, macOS
and Windows on Python 3.11-3.13).

Results go to ``benchmarks/results/engines.json``; ``--markdown`` prints the tables that
``docs/performance.md`` shows between ``<!-- engines -->`` and ``<!-- /engines -->``
(``tests/test_engines_page.py`` checks that they are the same).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import ClassVar

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

RESULTS = HERE / "results" / "engines.json"
PAGE = HERE.parent / "docs" / "performance.md"
BLOCK = re.compile(r"(<!-- engines -->\n)(.*?)(<!-- /engines -->)", re.S)
LIBRARIES = ("networkx", "igraph", "rustworkx", "networkit")
#: libraries that run several threads by default, and the variable that sets their number
THREAD_VARIABLE = {"rustworkx": "RAYON_NUM_THREADS", "networkit": "OMP_NUM_THREADS"}
MEASURES = {
    "convert": "conversion from networkx",
    "lsmnet_engine": "conversion by lsmnet's GraphEngine",
    "betweenness": "betweenness",
    "closeness": "closeness (WF)",
    "harmonic": "harmonic",
    "core_number": "k-core numbers",
    "articulation_points": "articulation points",
    "clustering": "local clustering",
    "communities": "communities (Louvain)",
    "leiden": "communities (Leiden)",
    "weighted_betweenness": "weighted betweenness",
}
#: measures that time building the library's graph from the networkx graph
CONVERSIONS = ("convert", "lsmnet_engine")
#: measures that return a partition: their modularity is reported, not a difference
PARTITIONS = ("communities", "leiden")
#: measures compared value by value with networkx on the AGREEMENT_SIZE graph
AGREEMENT = tuple(m for m in MEASURES if m not in CONVERSIONS + PARTITIONS)
#: measures run for one library only
ONLY = {"lsmnet_engine": "igraph"}
#: measures run at every size; the others (a search from every node) up to 10,000 nodes
CHEAP = (
    "convert",
    "lsmnet_engine",
    "core_number",
    "articulation_points",
    "clustering",
    "communities",
    "leiden",
)
PATH_LIMIT = 10_000
#: networkx runs the path measures only at this size (at 10,000 nodes they take most of an hour)
AGREEMENT_SIZE = 1_000
#: a measure is repeated until it has taken this long in all (or 5 times); the fastest counts
REPEAT_SECONDS = 2.0
PLATFORMS = {
    "Linux x86_64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
    "Linux aarch64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64", "manylinux_2_28_aarch64"],
    "macOS x86_64": ["macosx_15_0_x86_64"],
    "macOS arm64": ["macosx_15_0_arm64"],
    "Windows x86_64": ["win_amd64"],
}
PYTHONS = ("3.11", "3.12", "3.13")


# -- the libraries --------------------------------------------------------------------------
def _edges(G):
    """Node list, and sources, targets and weights of the ties as positions 0..n-1."""
    nodes = list(G)
    position = {v: i for i, v in enumerate(nodes)}
    triples = np.array(
        [(position[u], position[v], w) for u, v, w in G.edges(data="weight", default=1.0)],
        dtype=float,
    ).reshape(-1, 3)
    return nodes, triples[:, 0].astype(np.int64), triples[:, 1].astype(np.int64), triples[:, 2]


def _scale_betweenness(raw, n: int) -> np.ndarray:
    # undirected pairs counted once, as networkx's normalisation 2 / ((n - 1)(n - 2)) expects
    return np.asarray(raw, dtype=float) * 2.0 / ((n - 1) * (n - 2))


def _indicator(positions, n: int) -> np.ndarray:
    out = np.zeros(n)
    out[list(positions)] = 1.0
    return out


class NetworkxLibrary:
    """The reference: networkx itself (pure Python, one thread)."""

    notes: ClassVar[dict[str, str]] = {
        "convert": "the input graph",
        "communities": "louvain_communities(weight=None, seed=0), as cohesion_summary",
        "leiden": "not offered (leiden_communities only dispatches to backends)",
    }
    missing: ClassVar[tuple[str, ...]] = ("convert", "leiden")

    def convert(self, G):
        self.nodes = list(G)
        return G

    def _array(self, values: dict) -> np.ndarray:
        return np.array([values[v] for v in self.nodes], dtype=float)

    def betweenness(self, G):
        import networkx as nx

        return self._array(nx.betweenness_centrality(G))

    def closeness(self, G):
        import networkx as nx

        return self._array(nx.closeness_centrality(G))

    def harmonic(self, G):
        import networkx as nx

        return self._array(nx.harmonic_centrality(G))

    def core_number(self, G):
        import networkx as nx

        return self._array(nx.core_number(G))

    def articulation_points(self, G):
        import networkx as nx

        cut = set(nx.articulation_points(G))
        return np.array([v in cut for v in self.nodes], dtype=float)

    def clustering(self, G):
        import networkx as nx

        return self._array(nx.clustering(G))

    def communities(self, G):
        import networkx as nx

        parts = nx.community.louvain_communities(G, weight=None, seed=0)
        return self._array({v: k for k, part in enumerate(parts) for v in part})

    def weighted_betweenness(self, G):
        import networkx as nx

        return self._array(nx.betweenness_centrality(G, weight="weight"))


class IgraphLibrary:
    """python-igraph: C core, single-threaded."""

    notes: ClassVar[dict[str, str]] = {
        "convert": "edge list (tuples) + Graph(n, edges), weights as an edge attribute",
        "lsmnet_engine": "GraphEngine(G, 'weight').igraph: edge pairs as lists (ndarray.tolist)",
        "betweenness": "raw counts × 2/((n-1)(n-2))",
        "closeness": "closeness() averages over reachable nodes only: × (reached)/(n-1) "
        "from the component sizes",
        "harmonic": "harmonic_centrality(normalized=False)",
        "core_number": "coreness()",
        "articulation_points": "articulation_points()",
        "clustering": 'transitivity_local_undirected(mode="zero")',
        "communities": "community_multilevel",
        "leiden": 'community_leiden(objective_function="modularity"), 2 iterations',
        "weighted_betweenness": "betweenness(weights=) × 2/((n-1)(n-2))",
    }

    def convert(self, G):
        import igraph as ig

        nodes, s, t, w = _edges(G)
        # tuples, not ndarray.tolist(): a million small lists keep the garbage collector busy
        g = ig.Graph(n=len(nodes), edges=list(zip(s.tolist(), t.tolist(), strict=True)))
        g.es["weight"] = w.tolist()
        return g

    def lsmnet_engine(self, G):
        from lsmnet.metrics._engine import GraphEngine

        return GraphEngine(G, "weight").igraph

    def betweenness(self, g):
        return _scale_betweenness(g.betweenness(directed=False), g.vcount())

    def closeness(self, g):
        n = g.vcount()
        mean_inverse = np.nan_to_num(np.asarray(g.closeness(normalized=True), dtype=float))
        membership = np.asarray(g.connected_components().membership)
        reached = np.bincount(membership)[membership] - 1.0
        return mean_inverse * reached / (n - 1)

    def harmonic(self, g):
        return np.asarray(g.harmonic_centrality(normalized=False), dtype=float)

    def core_number(self, g):
        return np.asarray(g.coreness(), dtype=float)

    def articulation_points(self, g):
        return _indicator(g.articulation_points(), g.vcount())

    def clustering(self, g):
        return np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float)

    def communities(self, g):
        random.seed(0)  # igraph draws from Python's random module
        return np.asarray(g.community_multilevel().membership, dtype=float)

    def leiden(self, g):
        random.seed(0)
        found = g.community_leiden(objective_function="modularity")
        return np.asarray(found.membership, dtype=float)

    def weighted_betweenness(self, g):
        return _scale_betweenness(g.betweenness(weights="weight"), g.vcount())


class RustworkxLibrary:
    """rustworkx: Rust, rayon threads for betweenness and closeness."""

    notes: ClassVar[dict[str, str]] = {
        "convert": "PyGraph + extend_from_weighted_edge_list",
        "betweenness": "betweenness_centrality(normalized=True)",
        "closeness": "closeness_centrality(wf_improved=True)",
        "harmonic": "not offered",
        "core_number": "core_number",
        "articulation_points": "articulation_points",
        "clustering": "not offered (only the global transitivity)",
        "communities": "not offered",
        "leiden": "not offered",
        "weighted_betweenness": "not offered (betweenness_centrality takes no weights)",
    }
    missing: ClassVar[tuple[str, ...]] = (
        "harmonic",
        "clustering",
        "communities",
        "leiden",
        "weighted_betweenness",
    )

    def convert(self, G):
        import rustworkx as rx

        nodes, s, t, w = _edges(G)
        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(len(nodes)))
        g.extend_from_weighted_edge_list(
            list(zip(s.tolist(), t.tolist(), w.tolist(), strict=True))
        )
        return g

    @staticmethod
    def _array(g, mapping) -> np.ndarray:
        return np.array([mapping[i] for i in g.node_indices()], dtype=float)

    def betweenness(self, g):
        import rustworkx as rx

        return self._array(g, rx.betweenness_centrality(g, normalized=True))

    def closeness(self, g):
        import rustworkx as rx

        return self._array(g, rx.closeness_centrality(g, wf_improved=True))

    def core_number(self, g):
        import rustworkx as rx

        return self._array(g, rx.core_number(g))

    def articulation_points(self, g):
        import rustworkx as rx

        return _indicator(rx.articulation_points(g), g.num_nodes())


class NetworkitLibrary:
    """networkit: C++, OpenMP threads."""

    notes: ClassVar[dict[str, str]] = {
        "convert": "Graph(n, weighted=True).addEdges((w, (u, v))) from arrays; the "
        "unweighted measures run on graphtools.toUnweighted (not timed)",
        "betweenness": "Betweenness(normalized=True)",
        "closeness": "Closeness(normalized=True, variant=GENERALIZED)",
        "harmonic": "HarmonicCloseness(normalized=False)",
        "core_number": "CoreDecomposition",
        "articulation_points": "no direct function: nodes in two or more "
        "BiconnectedComponents (the Python loop over nodes is timed)",
        "clustering": "LocalClusteringCoefficient(turbo=False)",
        "communities": "PLM (parallel Louvain), refine=False",
        "leiden": "ParallelLeiden (3 iterations)",
        "weighted_betweenness": "Betweenness(normalized=True) on the weighted graph",
    }

    def convert(self, G):
        import networkit as nk

        nodes, s, t, w = _edges(G)
        g = nk.Graph(len(nodes), weighted=True)
        g.addEdges((w, (s, t)))
        return g

    def prepare(self, g):
        import networkit as nk

        self.weighted = g
        return nk.graphtools.toUnweighted(g)

    def betweenness(self, g):
        import networkit as nk

        return np.asarray(nk.centrality.Betweenness(g, normalized=True).run().scores())

    def closeness(self, g):
        import networkit as nk

        variant = nk.centrality.ClosenessVariant.GENERALIZED
        return np.asarray(nk.centrality.Closeness(g, True, variant).run().scores())

    def harmonic(self, g):
        import networkit as nk

        return np.asarray(nk.centrality.HarmonicCloseness(g, normalized=False).run().scores())

    def core_number(self, g):
        import networkit as nk

        return np.asarray(nk.centrality.CoreDecomposition(g).run().scores())

    def articulation_points(self, g):
        import networkit as nk

        bicon = nk.components.BiconnectedComponents(g).run()
        return np.array(
            [len(bicon.getComponentsOfNode(u)) > 1 for u in range(g.numberOfNodes())],
            dtype=float,
        )

    def clustering(self, g):
        import networkit as nk

        return np.asarray(nk.centrality.LocalClusteringCoefficient(g, turbo=False).run().scores())

    def communities(self, g):
        import networkit as nk

        nk.setSeed(0, False)
        return np.asarray(nk.community.PLM(g, refine=False).run().getPartition().getVector())

    def leiden(self, g):
        import networkit as nk

        nk.setSeed(0, False)
        return np.asarray(nk.community.ParallelLeiden(g).run().getPartition().getVector())

    def weighted_betweenness(self, g):
        import networkit as nk

        return np.asarray(nk.centrality.Betweenness(self.weighted, normalized=True).run().scores())


ADAPTERS = {
    "networkx": NetworkxLibrary,
    "igraph": IgraphLibrary,
    "rustworkx": RustworkxLibrary,
    "networkit": NetworkitLibrary,
}


# -- one measurement in a subprocess -----------------------------------------------------------
def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _repeat(fn):
    """Run ``fn`` until REPEAT_SECONDS have passed or 5 times; the fastest run counts."""
    runs, spent = [], 0.0
    while True:
        c0, t0 = _cpu(), time.perf_counter()
        out = fn()
        wall = time.perf_counter() - t0
        runs.append((wall, _cpu() - c0))
        spent += wall
        if spent >= REPEAT_SECONDS or len(runs) >= 5:
            break
    wall, cpu = min(runs)
    return out, wall, cpu, len(runs)


def _child(library: str, measure: str, n: int, threads: int | None, values_path: str) -> None:
    from cases import _graph

    load = os.getloadavg()[0]
    G = _graph(n)
    adapter = ADAPTERS[library]()
    # imports are not timed (python-igraph's also loads matplotlib when it is installed)
    importlib.import_module(library)
    if measure == "lsmnet_engine":
        importlib.import_module("lsmnet.metrics._engine")
    if library == "networkit":
        import networkit as nk

        if threads:
            nk.setNumberOfThreads(threads)
        used = nk.getMaxNumberOfThreads()
    elif library == "rustworkx":
        used = int(os.environ.get("RAYON_NUM_THREADS") or os.cpu_count())
    else:
        used = 1
    if measure in CONVERSIONS:
        base = _rss_mb()
        handle, wall, cpu, repeats = _repeat(lambda: getattr(adapter, measure)(G))
        values = None
    else:
        handle = adapter.convert(G)
        if hasattr(adapter, "prepare"):
            handle = adapter.prepare(handle)
        base = _rss_mb()
        values, wall, cpu, repeats = _repeat(lambda: getattr(adapter, measure)(handle))
    peak = _rss_mb()
    found = {}
    if measure in PARTITIONS:
        # after the timing and the memory peak: the quality of the partition, by networkx
        found = {
            "modularity": round(_modularity(G, values), 4),
            "communities_found": len(set(values.tolist())),
        }
    if values is not None and values_path:
        np.save(values_path, np.asarray(values, dtype=float))
    print(
        json.dumps(
            {
                **found,
                "seconds": wall,
                "cpu_seconds": cpu,
                "repeats": repeats,
                "peak_mb": round(peak, 1),
                "base_mb": round(base, 1),
                "threads_used": used,
                "load": round(max(load, os.getloadavg()[0]), 2),
                "nodes": G.number_of_nodes(),
                "ties": G.number_of_edges(),
            }
        )
    )


# -- the parent: plan, versions, wheels, agreement -------------------------------------------
def _installed(library: str) -> bool:
    return importlib.util.find_spec(library) is not None


def _configs(library: str) -> list[int | None]:
    """Thread settings to run: 1, and the default (None) for multithreaded libraries."""
    return [1, None] if library in THREAD_VARIABLE else [1]


def _offered(library: str, measure: str) -> bool:
    return measure not in getattr(ADAPTERS[library], "missing", ())


def _runs_at(library: str, measure: str, n: int) -> str | None:
    """None if the measurement runs at size n, else why not."""
    if measure in CHEAP:
        return None
    if n > PATH_LIMIT:
        return f"a search from every node: not run above {PATH_LIMIT:,} nodes"
    if library == "networkx" and n > AGREEMENT_SIZE:
        return "networkx's exact path measures take most of an hour at this size"
    return None


def _child_env(library: str, threads: int | None) -> dict:
    env = dict(os.environ)
    variable = THREAD_VARIABLE.get(library)
    if variable:
        env.pop(variable, None)
        if threads:
            env[variable] = str(threads)
    return env


def _measure(library, measure, n, threads, values_path) -> dict:
    cmd = [sys.executable, str(Path(__file__)), "--child", library, "--measure", measure]
    cmd += ["--size", str(n), "--threads", str(threads or 0), "--values", values_path or ""]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_child_env(library, threads))
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "crashed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _modularity(G, labels: np.ndarray) -> float:
    import networkx as nx

    nodes = list(G)
    parts: dict = {}
    for v, k in zip(nodes, labels, strict=True):
        parts.setdefault(k, set()).add(v)
    return float(nx.community.modularity(G, parts.values(), weight=None))


def _agreement(measure: str, got: np.ndarray, want: np.ndarray) -> dict:
    if measure == "articulation_points":
        return {"mismatches": int(np.sum(got != want)), "count": int(want.sum())}
    return {"max_abs_diff": float(np.max(np.abs(got - want)))}


def _wheel_matrix(dist: str) -> dict:
    """Per platform and Python version, the wheel pip would install (None if only an sdist)."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as target:
        for label, platforms in PLATFORMS.items():
            out[label] = {}
            for py in PYTHONS:
                cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet"]
                cmd += ["--report", "-", "--no-deps", "--only-binary=:all:", "--target", target]
                cmd += [f"--platform={p}" for p in platforms]
                cmd += ["--python-version", py, dist]
                proc = subprocess.run(cmd, capture_output=True, text=True)
                try:
                    url = json.loads(proc.stdout)["install"][0]["download_info"]["url"]
                except (ValueError, KeyError, IndexError):
                    out[label][py] = None
                else:
                    out[label][py] = url.rsplit("/", 1)[-1]
    return out


def _library_info(library: str, wheels: bool) -> dict:
    dist = importlib.metadata.distribution(library)
    meta = dist.metadata
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "icense" in c]
    licence = meta.get("License-Expression") or (classifiers[0] if classifiers else None)
    licence = licence or (meta.get("License") or "?").splitlines()[0]
    licence_files = [f for f in dist.files or [] if "LICEN" in f.name.upper()]
    text = licence_files[0].read_text()[:400] if licence_files else ""
    if "GNU GENERAL PUBLIC LICENSE" in text and "Version 2" in text:
        # the metadata says only "GPL"; the licence file shipped in the wheel says which
        licence += " (the wheel's licence file: GPL version 2)"
    wheel_tags = [
        line.split(":", 1)[1].strip()
        for line in (dist.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    ]
    info = {
        "version": dist.version,
        "licence": licence,
        "installed_wheel_tags": wheel_tags,
        "requires_python": meta.get("Requires-Python"),
    }
    if wheels:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
            cmd += ["--only-binary=:all:", f"{library}=={dist.version}", "-d", tmp]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            files = sorted(Path(tmp).glob("*.whl"))
            info["binary_wheel_here"] = files[0].name if proc.returncode == 0 and files else None
            if files:
                # latest file time inside the wheel: when the wheel was built
                stamp = max(i.date_time for i in zipfile.ZipFile(files[0]).infolist())
                info["wheel_built"] = "{:04d}-{:02d}-{:02d}".format(*stamp[:3])
        info["wheels"] = _wheel_matrix(library)
    return info


def run(sizes: list[int], libraries: list[str], out: Path, wheels: bool, command: str) -> int:
    """Measure every (library, threads, size, measure) in its own subprocess.

    This process stays small (no graph is built here until every measurement is done): a
    child's ``ru_maxrss`` starts from the resident size of the process that started it.
    """
    from run import _machine

    started = time.time()
    missing = [lib for lib in libraries if not _installed(lib)]
    for lib in missing:
        print(
            f"{lib} is not installed: its rows are left out. Install it with "
            f"`pip install {lib}` (a benchmark-only package, not an lsmnet dependency).",
            file=sys.stderr,
        )
    present = [lib for lib in libraries if lib not in missing]
    results = {
        "command": command,
        "machine": _machine(),
        "graphs": {},
        "libraries": {lib: _library_info(lib, wheels) for lib in present},
        "missing": missing,
        "notes": {lib: ADAPTERS[lib].notes for lib in present},
        "rows": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        nx_values: dict = {}
        order = ["networkx"] + [lib for lib in present if lib != "networkx"]
        for n in sizes:
            for lib in order:
                if lib not in present:
                    continue
                for threads in _configs(lib):
                    for measure in MEASURES:
                        if ONLY.get(measure, lib) != lib:
                            continue
                        row = {"library": lib, "threads": threads, "size": n, "measure": measure}
                        if not _offered(lib, measure):
                            row["offered"] = False
                        elif why := _runs_at(lib, measure, n):
                            row.update(offered=True, skipped=why)
                        else:
                            keep = n == AGREEMENT_SIZE and measure in AGREEMENT
                            path = os.path.join(tmp, f"{lib}-{threads}-{measure}.npy")
                            row.update(offered=True, **_measure(lib, measure, n, threads, path))
                            graph = {k: row.pop(k) for k in ("nodes", "ties") if k in row}
                            results["graphs"].setdefault(str(n), graph)
                            if keep and "error" not in row:
                                values = np.load(path)
                                if lib == "networkx":
                                    nx_values[measure] = values
                                elif measure in nx_values:
                                    row["agreement"] = _agreement(
                                        measure, values, nx_values[measure]
                                    )
                        results["rows"].append(row)
                        print(_progress(row), flush=True)
                        results["total_seconds"] = round(time.time() - started, 1)
                        out.write_text(json.dumps(results, indent=1) + "\n")
    errors = [r for r in results["rows"] if "error" in r]
    for r in errors:
        where = f"{r['library']} {r['measure']} [{r['size']}]"
        print(f"FAILED: {where}: {r['error']}", file=sys.stderr)
    print(f"\ntotal {time.time() - started:.0f} s; results in {out}\n")
    print(render(results))
    return 1 if errors else 0


def _progress(row: dict) -> str:
    head = f"{row['library']:>9} threads={row['threads'] or 'default':<7} {row['size']:>7,} "
    head += f"{row['measure']:<21}"
    if not row["offered"]:
        return head + "not offered"
    if "skipped" in row:
        return head + "skipped: " + row["skipped"]
    if "error" in row:
        return head + "ERROR " + row["error"]
    return head + f"{row['seconds']:.3f} s (CPU {row['cpu_seconds']:.3f}), {row['peak_mb']:.0f} MB"


# -- Markdown ---------------------------------------------------------------------------------
def _column(library: str, threads: int | None, results: dict) -> str:
    if library not in THREAD_VARIABLE:
        return library
    if threads:
        return f"{library}, {threads} thread"
    used = {
        r["threads_used"]
        for r in results["rows"]
        if r["library"] == library and r["threads"] is None and "threads_used" in r
    }
    return f"{library}, default ({'/'.join(map(str, sorted(used))) or '?'} threads)"


def _time_cell(row: dict | None) -> str:
    if row is None:
        return ""
    if not row["offered"]:
        return "not offered"
    if "skipped" in row:
        return "not run"
    if "error" in row:
        return "**failed**"
    return f"{_ms(row['seconds'])} / {_ms(row['cpu_seconds'])} ({row['peak_mb']:.0f})"


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2g}" if ms < 10 else f"{ms:,.0f}"


def _agreement_cell(row: dict | None) -> str:
    if row is None:
        return ""
    if not row["offered"]:
        return "not offered"
    a = row.get("agreement")
    if a is None:
        return "-"
    if "max_abs_diff" in a:
        return f"{a['max_abs_diff']:.1e}"
    return f"{a['mismatches']} of {a['count']} differ" if a["mismatches"] else "same set"


def _partition_cell(row: dict | None) -> str:
    if row is None or "modularity" not in row:
        return _time_cell(row)  # empty, not offered, not run or failed
    return f"{row['modularity']:.3f} ({row['communities_found']})"


def _wheel_cell(files: dict | None, version: str) -> str:
    """Compact wheel availability for one platform across PYTHONS."""
    if files is None:
        return "not checked"
    found = {py: f for py, f in files.items() if f}
    if not found:
        return "none"
    versions = {f.split("-")[1] for f in found.values()}
    tags = {f.rsplit("-", 1)[-1].removesuffix(".whl") for f in found.values()}
    cell = "/".join(sorted(versions))
    if versions != {version}:
        cell += f" (not {version})"
    macos = sorted({t.split("_")[1] + "." + t.split("_")[2] for t in tags if "macosx" in t})
    if macos:
        cell += f", macOS ≥ {macos[0]}"
    if len(found) < len(files):
        cell += f"; none for {', '.join(py for py in files if py not in found)}"
    return cell


def render(results: dict) -> str:
    """The Markdown tables of one results file (what the docs page shows)."""
    m = results["machine"]
    graphs = results["graphs"]
    sizes = [int(n) for n in graphs]
    lines = [
        f"#### `{results['command']}`",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['platform']}, "
        f"Python {m['python']}, numpy {m['numpy']}. Graphs: "
        + ", ".join(f"{g['nodes']:,} nodes / {g['ties']:,} ties" for g in graphs.values())
        + f". Total {results['total_seconds'] / 60:.0f} min.",
        "",
    ]
    if results.get("missing"):
        lines += [f"Not installed, left out: {', '.join(results['missing'])}.", ""]
    libs = results["libraries"]
    lines += [
        "| library | version | licence | wheel built | binary wheel for this machine | "
        + " | ".join(PLATFORMS)
        + " |",
        "|---" * (5 + len(PLATFORMS)) + "|",
    ]
    for lib, info in libs.items():
        wheels = info.get("wheels", {})
        lines.append(
            f"| {lib} | {info['version']} | {info['licence']} | {info.get('wheel_built', '-')} "
            f"| {info.get('binary_wheel_here', 'not checked') or 'no'} | "
            + " | ".join(_wheel_cell(wheels.get(p), info["version"]) for p in PLATFORMS)
            + " |"
        )
    columns = [(lib, t) for lib in libs for t in _configs(lib)]
    by_key = {(r["library"], r["threads"], r["size"], r["measure"]): r for r in results["rows"]}
    lines += [
        "",
        "Wall / CPU milliseconds (peak MB of the process); fastest of up to 5 runs within "
        f"{REPEAT_SECONDS:.0f} s; *load* is the range of the 1-minute load average over the "
        "row's measurements.",
        "",
        "| measure | nodes | "
        + " | ".join(_column(lib, t, results) for lib, t in columns)
        + " | load |",
        "|---" * (3 + len(columns)) + "|",
    ]
    for measure, label in MEASURES.items():
        for n in sizes:
            cells = [by_key.get((lib, t, n, measure)) for lib, t in columns]
            loads = [c["load"] for c in cells if c and "load" in c]
            if not loads:  # not run at this size by any library
                continue
            load = f"{min(loads):.1f}-{max(loads):.1f}"
            lines.append(
                f"| {label} | {n:,} | " + " | ".join(_time_cell(c) for c in cells) + f" | {load} |"
            )
    others = [(lib, t) for lib, t in columns if lib != "networkx"]
    lines += [
        "",
        f"Agreement with networkx on the {AGREEMENT_SIZE:,}-node graph: the largest absolute "
        "difference over the nodes, after mapping vertex ids back to nodes.",
        "",
        "| measure | " + " | ".join(_column(lib, t, results) for lib, t in others) + " |",
        "|---" * (1 + len(others)) + "|",
    ]
    for measure in AGREEMENT:
        cells = [by_key.get((lib, t, AGREEMENT_SIZE, measure)) for lib, t in others]
        lines.append(
            f"| {MEASURES[measure]} | " + " | ".join(_agreement_cell(c) for c in cells) + " |"
        )
    lines += [
        "",
        "Modularity of the communities found (computed by networkx, unweighted, as "
        "`cohesion_summary` does), with the number of communities in brackets:",
        "",
        "| algorithm | nodes | "
        + " | ".join(_column(lib, t, results) for lib, t in columns)
        + " |",
        "|---" * (2 + len(columns)) + "|",
    ]
    for measure in PARTITIONS:
        for n in sizes:
            cells = [by_key.get((lib, t, n, measure)) for lib, t in columns]
            lines.append(
                f"| {MEASURES[measure]} | {n:,} | "
                + " | ".join(_partition_cell(c) for c in cells)
                + " |"
            )
    notes = results["notes"]
    lines += ["", "How each library was called:", ""]
    for measure, label in MEASURES.items():
        how = "; ".join(
            f"{lib}: {notes[lib][measure]}" for lib in libs if measure in notes.get(lib, {})
        )
        if how:
            lines.append(f"- {label}: {how}.")
    return "\n".join(lines) + "\n"


def _installs_child(n: int) -> None:
    """Time ``centrality_table`` on the benchmark graph of ``n`` nodes (fastest of up to 3)."""
    import networkx as nx
    from cases import _graph

    import lsmnet as lsm
    from lsmnet.metrics._engine import GraphEngine

    G = _graph(n)
    engine = "igraph" if GraphEngine(G).has_igraph else "permissive"
    lsm.centrality_table(nx.karate_club_graph())  # imports and first calls are not timed
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        lsm.centrality_table(G)
        runs.append(time.perf_counter() - t0)
        if sum(runs) > 60:
            break
    print(json.dumps({"nodes": n, "engine": engine, "seconds": min(runs)}))


def installs(sizes: list[int]) -> str:
    """Markdown table: centrality_table with igraph and with LSMNET_NO_IGRAPH=1, by size."""
    lines = [
        "| nodes | with igraph (s) | without igraph (s) | ratio |",
        "|---|---|---|---|",
    ]
    for n in sizes:
        seconds = {}
        for off in ("0", "1"):
            env = {**os.environ, "LSMNET_NO_IGRAPH": off}
            done = subprocess.run(
                [sys.executable, __file__, "--installs-child", str(n)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            seconds[off] = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        with_ig, without = seconds["0"], seconds["1"]
        lines.append(f"| {n:,} | {with_ig:.2f} | {without:.2f} | {without / with_ig:.1f}x |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="comma-separated numbers of nodes (default 1000,10000); above 10000 only the "
        "cheap measures run",
    )
    parser.add_argument(
        "--libraries",
        default=",".join(LIBRARIES),
        help=f"comma-separated, from {', '.join(LIBRARIES)} (networkx is always run)",
    )
    parser.add_argument("--out", default=str(RESULTS), help="results file")
    parser.add_argument("--markdown", action="store_true", help="print the tables and exit")
    parser.add_argument(
        "--update-page",
        action="store_true",
        help="rewrite the tables between <!-- engines --> and <!-- /engines --> in "
        "docs/performance.md from the results file and exit",
    )
    parser.add_argument("--no-wheels", action="store_true", help="skip the pip look-ups of wheels")
    parser.add_argument(
        "--installs",
        help="comma-separated numbers of nodes: time centrality_table with and without igraph "
        "and print a table (the results file is not touched)",
    )
    parser.add_argument("--installs-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--values", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.installs_child:
        _installs_child(args.installs_child)
        return 0
    if args.installs:
        print(installs([int(n) for n in args.installs.split(",")]))
        return 0
    if args.child:
        _child(args.child, args.measure, args.size, args.threads or None, args.values)
        return 0
    out = Path(args.out)
    if args.markdown or args.update_page:
        tables = render(json.loads(out.read_text(encoding="utf-8")))
        if args.markdown:
            print(tables, end="")
        if args.update_page:
            page = PAGE.read_text(encoding="utf-8")
            if not BLOCK.search(page):
                print(f"{PAGE}: no '<!-- engines -->' block", file=sys.stderr)
                return 1
            page = BLOCK.sub(lambda m: m.group(1) + "\n" + tables + "\n" + m.group(3), page)
            PAGE.write_text(page, encoding="utf-8")
        return 0
    libraries = args.libraries.split(",")
    unknown = set(libraries) - set(LIBRARIES)
    if unknown:
        parser.error(f"unknown libraries: {', '.join(sorted(unknown))}")
    libraries = ["networkx"] + [lib for lib in libraries if lib != "networkx"]
    sizes = sorted(int(s) for s in args.sizes.split(","))
    command = "python benchmarks/engines.py" + (
        f" --sizes {','.join(map(str, sizes))}" if sizes != [1_000, 10_000] else ""
    )
    out.parent.mkdir(exist_ok=True)
    return run(sizes, libraries, out, not args.no_wheels, command)


if __name__ == "__main__":
    sys.exit(main())
