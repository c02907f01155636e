# Reference values for tests/metrics/test_centralization.py.
#
# Freeman centralization of the graphs in centralization_graphs.csv (edge lists exported from
# networkx 3.6 with nodes relabelled 0..n-1 in graph order; the test checks that export), as
# computed by R's sna (sna::centralization) and igraph (igraph::centr_*). Weights are ignored
# (binary graphs). Writes centralization_sna.csv next to this script.
#
# Run from the repository root:  Rscript tests/reference/centralization_sna.R
# Produced with R 4.2, sna 2.7-1, igraph 1.3.5.

suppressPackageStartupMessages({
  library(sna)
  library(igraph)  # loaded after sna: its degree(), closeness() etc. mask sna's, hence sna::
})

here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
edges <- read.csv(file.path(here, "centralization_graphs.csv"))

rows <- list()
add <- function(graph, measure, mode, package, value) {
  rows[[length(rows) + 1]] <<- data.frame(
    graph = graph, measure = measure, mode = mode, package = package,
    value = sprintf("%.17g", value)
  )
}

for (name in unique(edges$graph)) {
  e <- edges[edges$graph == name, ]
  n <- e$n[1]
  directed <- as.logical(e$directed[1])
  A <- matrix(0, n, n)
  A[cbind(e$source + 1, e$target + 1)] <- 1
  if (!directed) A <- pmax(A, t(A))
  g <- graph_from_adjacency_matrix(A, mode = if (directed) "directed" else "undirected")

  if (!directed) {
    add(name, "degree", "", "sna", centralization(A, sna::degree, mode = "graph"))
    add(name, "betweenness", "", "sna", centralization(A, sna::betweenness, mode = "graph"))
    add(name, "closeness", "", "sna", centralization(A, sna::closeness, mode = "graph"))
    # sna's power iteration does not converge on the star (bipartite: it oscillates); the
    # Python test checks the star against its closed form instead
    if (name != "star") {
      add(name, "eigenvector", "", "sna", centralization(A, sna::evcent, mode = "graph"))
    }
    add(name, "degree", "", "igraph", centr_degree(g, loops = FALSE)$centralization)
    add(name, "betweenness", "", "igraph", centr_betw(g)$centralization)
    add(name, "closeness", "", "igraph", centr_clo(g)$centralization)
  } else {
    add(name, "degree", "all", "sna", centralization(A, sna::degree, mode = "digraph", cmode = "freeman"))
    add(name, "degree", "in", "sna", centralization(A, sna::degree, mode = "digraph", cmode = "indegree"))
    add(name, "degree", "out", "sna", centralization(A, sna::degree, mode = "digraph", cmode = "outdegree"))
    add(name, "betweenness", "", "sna", centralization(A, sna::betweenness, mode = "digraph"))
    add(name, "closeness", "out", "sna", centralization(A, sna::closeness, mode = "digraph"))
    # sna's directed closeness uses distances from each node; the transpose gives "in"
    add(name, "closeness", "in", "sna", centralization(t(A), sna::closeness, mode = "digraph"))
    add(name, "closeness", "all", "sna",
        centralization(A, sna::closeness, mode = "digraph", cmode = "undirected"))
    # sna's evcent solves x = A x (out-ties); the transpose gives the in-tie eigenvector
    add(name, "eigenvector", "out", "sna", centralization(A, sna::evcent, mode = "digraph"))
    add(name, "eigenvector", "in", "sna", centralization(t(A), sna::evcent, mode = "digraph"))
    for (m in c("all", "in", "out")) {
      add(name, "degree", m, "igraph", centr_degree(g, mode = m, loops = FALSE)$centralization)
      add(name, "closeness", m, "igraph", centr_clo(g, mode = m)$centralization)
    }
    add(name, "betweenness", "", "igraph", centr_betw(g, directed = TRUE)$centralization)
  }
}

write.csv(do.call(rbind, rows), file.path(here, "centralization_sna.csv"),
          row.names = FALSE, quote = FALSE)
