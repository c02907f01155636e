# Reference values for tests/metrics/test_keyplayer.py (R 4.2, sna 2.7-1, Debian r-cran-sna).
# R keyplayer is not packaged for Debian, so this script applies the definition published for
# keyplayer::fragment (An & Liu 2016, R Journal 8(1); Borgatti 2006): the distance-weighted
# fragmentation of the network left after deleting the nodes,
#   1 - sum_{i != j} (1 / d_ij) / (n (n - 1)),  n = remaining nodes, 1/Inf = 0,
# with geodesic distances from sna::geodist, plus the plain fragmentation 1 - (reachable
# ordered pairs) / (n (n - 1)), and an exhaustive search over all 2-node sets.
# Run with: Rscript tests/reference/keyplayer_fragment.R
# Graphs (1-indexed edge lists written out from networkx 3.6): see brokerage_sna.R.
suppressPackageStartupMessages(library(sna))
graphs <- list()
graphs$kite <- list(n = 10, directed = FALSE,
  edges = matrix(c(1, 2, 1, 3, 1, 4, 1, 6, 2, 4, 2, 5, 2, 7, 3, 4, 3, 6, 4, 5, 4, 6, 4, 7, 5, 7,
    6, 7, 6, 8, 7, 8, 8, 9, 9, 10), ncol = 2, byrow = TRUE),
  cl = c("A", "A", "B", "B", "A", "C", "C", "B", "A", "C"))
graphs$florentine <- list(n = 15, directed = FALSE,
  edges = matrix(c(1, 9, 9, 3, 9, 12, 9, 15, 9, 2, 9, 13, 5, 11, 5, 14, 5, 3, 11, 14, 11, 4, 14,
    12, 14, 4, 12, 15, 15, 7, 2, 6, 2, 7, 13, 10, 4, 7, 7, 8), ncol = 2, byrow = TRUE),
  cl = c("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"))
graphs$digraph <- list(n = 20, directed = TRUE,
  edges = matrix(c(1, 8, 1, 13, 1, 18, 2, 4, 2, 6, 2, 8, 2, 9, 3, 7, 3, 8, 3, 9, 3, 12, 4, 1, 4,
    3, 4, 7, 4, 11, 4, 12, 4, 13, 4, 15, 5, 3, 5, 8, 5, 10, 5, 19, 5, 20, 6, 1, 6, 4, 6, 5, 6,
    15, 6, 17, 6, 20, 7, 5, 7, 8, 8, 1, 8, 9, 9, 10, 10, 11, 10, 18, 11, 7, 11, 8, 11, 15, 11,
    18, 11, 19, 12, 1, 12, 2, 12, 3, 12, 10, 12, 15, 12, 18, 12, 20, 13, 10, 13, 19, 13, 20, 14,
    3, 15, 5, 15, 11, 15, 19, 16, 7, 16, 19, 17, 5, 17, 16, 17, 20, 18, 7, 18, 12, 18, 15, 19, 1,
    19, 6, 19, 12, 19, 15, 19, 18, 20, 1, 20, 2, 20, 4, 20, 5, 20, 9, 20, 16, 20, 18), ncol = 2,
    byrow = TRUE),
  cl = c("0", "1", "2", "3", "0", "1", "2", "3", "0", "1", "2", "3", "0", "1", "2", "3", "0",
    "1", "2", "3"))
graphs$karate <- list(n = 34, directed = FALSE,
  edges = matrix(c(1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 1, 8, 1, 9, 1, 11, 1, 12, 1, 13, 1, 14, 1,
    18, 1, 20, 1, 22, 1, 32, 2, 3, 2, 4, 2, 8, 2, 14, 2, 18, 2, 20, 2, 22, 2, 31, 3, 4, 3, 8, 3,
    9, 3, 10, 3, 14, 3, 28, 3, 29, 3, 33, 4, 8, 4, 13, 4, 14, 5, 7, 5, 11, 6, 7, 6, 11, 6, 17, 7,
    17, 9, 31, 9, 33, 9, 34, 10, 34, 14, 34, 15, 33, 15, 34, 16, 33, 16, 34, 19, 33, 19, 34, 20,
    34, 21, 33, 21, 34, 23, 33, 23, 34, 24, 26, 24, 28, 24, 30, 24, 33, 24, 34, 25, 26, 25, 28,
    25, 32, 26, 32, 27, 30, 27, 34, 28, 34, 29, 32, 29, 34, 30, 33, 30, 34, 31, 33, 31, 34, 32,
    33, 32, 34, 33, 34), ncol = 2, byrow = TRUE),
  cl = c("Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi",
    "Mr. Hi", "Officer", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Mr. Hi", "Officer", "Officer", "Mr. Hi",
    "Mr. Hi", "Officer", "Mr. Hi", "Officer", "Mr. Hi", "Officer", "Officer", "Officer",
    "Officer", "Officer", "Officer", "Officer", "Officer", "Officer", "Officer", "Officer",
    "Officer"))

fragment_kp <- function(adj, nodes = integer(0)) {
  sub <- if (length(nodes)) adj[-nodes, -nodes, drop = FALSE] else adj
  n <- nrow(sub)
  d <- geodist(sub, inf.replace = Inf)$gdist
  inv <- 1 / d
  diag(inv) <- 0
  c(binary = 1 - sum(is.finite(d) & d > 0) / (n * (n - 1)),
    distance = 1 - sum(inv) / (n * (n - 1)))
}
fmt <- function(x) paste(trimws(formatC(x, digits = 15, format = "g")), collapse = ", ")
for (name in names(graphs)) {
  g <- graphs[[name]]
  adj <- matrix(0, g$n, g$n)
  adj[g$edges] <- 1
  if (!g$directed) adj[g$edges[, 2:1]] <- 1
  whole <- fragment_kp(adj)
  cat(sprintf("# %s: whole graph (binary, distance)\n[%s],\n", name, fmt(whole)))
  cat(sprintf("# %s: each node removed, rows (binary, distance)\n", name))
  for (v in seq_len(g$n)) cat(sprintf("[%s],\n", fmt(fragment_kp(adj, v))))
  pairs <- combn(g$n, 2)
  scores <- apply(pairs, 2, function(p) fragment_kp(adj, p))
  for (kind in c("binary", "distance")) {
    best <- which(scores[kind, ] == max(scores[kind, ]))
    cat(sprintf("# %s: best 2-sets by %s fragmentation, score %s\n", name, kind,
                fmt(max(scores[kind, ]))))
    for (b in best) cat(sprintf("[%s],\n", fmt(pairs[, b])))
  }
}
