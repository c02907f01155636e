# Reference values for tests/metrics/test_keyplayer_r.py from the REAL R package keyplayer.
#
# Package: keyplayer 1.0.4 (An & Liu; CRAN 2023-11-08). Installed from the CRAN sources as
# stored in the cran/keyplayer mirror (R/keyplayer.R at commit
# f80259b373be86c35f577f2cc98ed01fa20e9a74, the 1.0.4 release): its R code was reconstructed
# function by function under /tmp/rpkgs/keyplayer (roxygen comments, man pages and the Friends
# data left out) and installed with `R CMD INSTALL`. keyplayer's Imports `matpow` is not in
# Debian and was dropped, so only diffusion() / kpcent(type = "diffusion") are unavailable;
# fragment, kpcent and kpset do not use it. Nothing of keyplayer is committed here.
# R 4.2.2 (Debian), sna 2.7-1, igraph 1.3.5 (Debian r-cran-sna, r-cran-igraph).
#
# Rerun (with keyplayer installed as above), from the repository root:
#   Rscript tests/reference/keyplayer_real.R
# Writes tests/reference/keyplayer_real_fragment.csv and tests/reference/keyplayer_real_sets.csv.
#
# Graphs: 1-indexed edge lists in the node order of networkx 3.6 (krackhardt_kite_graph,
# florentine_families_graph, karate_club_graph, davis_southern_women_graph as one 32-node
# graph, gnp_random_graph(20, 0.2, seed=5, directed=True)); binary adjacency matrices, so
# keyplayer's edge values (distances when binary = FALSE, its default) are all 1.
suppressPackageStartupMessages(library(keyplayer))
graphs <- list()
graphs$kite <- list(n = 10, directed = FALSE, edges = matrix(c(
    1, 2, 1, 3, 1, 4, 1, 6, 2, 4, 2, 5, 2, 7, 3, 4, 3, 6, 4, 5, 4, 6, 4, 7, 5, 7, 6, 7, 6, 8, 7,
    8, 8, 9, 9, 10), ncol = 2, byrow = TRUE))
graphs$florentine <- list(n = 15, directed = FALSE, edges = matrix(c(
    1, 2, 2, 6, 2, 7, 2, 8, 2, 9, 2, 10, 3, 4, 3, 5, 3, 6, 4, 5, 4, 12, 5, 7, 5, 12, 7, 8, 8,
    13, 9, 14, 9, 13, 10, 11, 12, 13, 13, 15), ncol = 2, byrow = TRUE))
graphs$karate <- list(n = 34, directed = FALSE, edges = matrix(c(
    1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 1, 8, 1, 9, 1, 11, 1, 12, 1, 13, 1, 14, 1, 18, 1, 20, 1,
    22, 1, 32, 2, 3, 2, 4, 2, 8, 2, 14, 2, 18, 2, 20, 2, 22, 2, 31, 3, 4, 3, 8, 3, 9, 3, 10, 3,
    14, 3, 28, 3, 29, 3, 33, 4, 8, 4, 13, 4, 14, 5, 7, 5, 11, 6, 7, 6, 11, 6, 17, 7, 17, 9, 31,
    9, 33, 9, 34, 10, 34, 14, 34, 15, 33, 15, 34, 16, 33, 16, 34, 19, 33, 19, 34, 20, 34, 21,
    33, 21, 34, 23, 33, 23, 34, 24, 26, 24, 28, 24, 30, 24, 33, 24, 34, 25, 26, 25, 28, 25, 32,
    26, 32, 27, 30, 27, 34, 28, 34, 29, 32, 29, 34, 30, 33, 30, 34, 31, 33, 31, 34, 32, 33, 32,
    34, 33, 34), ncol = 2, byrow = TRUE))
graphs$davis <- list(n = 32, directed = FALSE, edges = matrix(c(
    1, 19, 1, 20, 1, 21, 1, 22, 1, 23, 1, 24, 1, 26, 1, 27, 2, 19, 2, 20, 2, 21, 2, 23, 2, 24,
    2, 25, 2, 26, 3, 20, 3, 21, 3, 22, 3, 23, 3, 24, 3, 25, 3, 26, 3, 27, 4, 19, 4, 21, 4, 22,
    4, 23, 4, 24, 4, 25, 4, 26, 5, 21, 5, 22, 5, 23, 5, 25, 6, 21, 6, 23, 6, 24, 6, 26, 7, 23,
    7, 24, 7, 25, 7, 26, 8, 24, 8, 26, 8, 27, 9, 23, 9, 25, 9, 26, 9, 27, 10, 25, 10, 26, 10,
    27, 10, 30, 11, 26, 11, 27, 11, 28, 11, 30, 12, 26, 12, 27, 12, 28, 12, 30, 12, 31, 12, 32,
    13, 25, 13, 26, 13, 27, 13, 28, 13, 30, 13, 31, 13, 32, 14, 24, 14, 25, 14, 27, 14, 28, 14,
    29, 14, 30, 14, 31, 14, 32, 15, 25, 15, 26, 15, 28, 15, 29, 15, 30, 16, 26, 16, 27, 17, 27,
    17, 29, 18, 27, 18, 29), ncol = 2, byrow = TRUE))
graphs$digraph <- list(n = 20, directed = TRUE, edges = matrix(c(
    1, 8, 1, 13, 1, 18, 2, 4, 2, 6, 2, 8, 2, 9, 3, 7, 3, 8, 3, 9, 3, 12, 4, 1, 4, 3, 4, 7, 4,
    11, 4, 12, 4, 13, 4, 15, 5, 3, 5, 8, 5, 10, 5, 19, 5, 20, 6, 1, 6, 4, 6, 5, 6, 15, 6, 17, 6,
    20, 7, 5, 7, 8, 8, 1, 8, 9, 9, 10, 10, 11, 10, 18, 11, 7, 11, 8, 11, 15, 11, 18, 11, 19, 12,
    1, 12, 2, 12, 3, 12, 10, 12, 15, 12, 18, 12, 20, 13, 10, 13, 19, 13, 20, 14, 3, 15, 5, 15,
    11, 15, 19, 16, 7, 16, 19, 17, 5, 17, 16, 17, 20, 18, 7, 18, 12, 18, 15, 19, 1, 19, 6, 19,
    12, 19, 15, 19, 18, 20, 1, 20, 2, 20, 4, 20, 5, 20, 9, 20, 16, 20, 18), ncol = 2, byrow = TRUE))

adjacency <- function(g) {
  adj <- matrix(0, g$n, g$n)
  adj[g$edges] <- 1
  if (!g$directed) adj[g$edges[, 2:1]] <- 1
  adj
}
num <- function(x) formatC(x, digits = 17, format = "g")

# Per node: keyplayer::fragment(A) (all nodes, the residual network's fragmentation after
# deleting each node) and keyplayer::kpcent(A, v, type = "fragment").
rows <- list()
for (name in names(graphs)) {
  adj <- adjacency(graphs[[name]])
  all <- fragment(adj)
  for (v in seq_len(nrow(adj))) {
    rows[[length(rows) + 1]] <- data.frame(graph = name, node = v - 1,
      fragment = num(all[v, 1]), kpcent = num(kpcent(adj, v, type = "fragment")))
  }
}
write.csv(do.call(rbind, rows), "tests/reference/keyplayer_real_fragment.csv",
          row.names = FALSE, quote = FALSE)

# Sets: keyplayer::kpset(A, k, type = "fragment") (seed = "top", set.seed(1) for its unused
# initial sample), and the optimum over every k-set by keyplayer::kpcent(type = "fragment"),
# with the number of sets attaining it (unique when 1).
sets <- list()
for (name in names(graphs)) {
  adj <- adjacency(graphs[[name]])
  for (k in 2:3) {
    set.seed(1)
    kp <- kpset(adj, size = k, type = "fragment")
    cand <- combn(nrow(adj), k)
    score <- apply(cand, 2, function(s) kpcent(adj, s, type = "fragment"))
    best <- which(score >= max(score) - 1e-12)
    sets[[length(sets) + 1]] <- data.frame(graph = name, k = k,
      kpset_nodes = paste(sort(kp$keyplayers) - 1, collapse = "|"),
      kpset_score = num(kp$centrality), best_score = num(max(score)),
      n_best = length(best), best_nodes = paste(cand[, best[1]] - 1, collapse = "|"))
  }
}
write.csv(do.call(rbind, sets), "tests/reference/keyplayer_real_sets.csv",
          row.names = FALSE, quote = FALSE)
