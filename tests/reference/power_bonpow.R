# Reference values for tests/metrics/test_power.py.
#
# Bonacich power centrality (sna::bonpow) of the graphs in centralization_graphs.csv (edge
# lists exported from networkx 3.6, nodes relabelled 0..n-1 in graph order), unweighted and,
# where the graph has weights, weighted, for beta at fixed fractions of 1/lambda_1 (lambda_1 =
# spectral radius of the adjacency matrix). Writes power_bonpow.csv next to this script.
#
# Run from the repository root:  Rscript tests/reference/power_bonpow.R
# Produced with R 4.2, sna 2.7-1.

suppressPackageStartupMessages(library(sna))

here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
edges <- read.csv(file.path(here, "centralization_graphs.csv"))
fractions <- c(-0.9, -0.5, 0, 0.5, 0.9)

rows <- list()
for (name in c("florentine", "kite", "karate", "davis", "digraph")) {
  e <- edges[edges$graph == name, ]
  n <- e$n[1]
  directed <- as.logical(e$directed[1])
  for (weighted in c(FALSE, TRUE)) {
    if (weighted && all(e$weight == 1)) next
    A <- matrix(0, n, n)
    A[cbind(e$source + 1, e$target + 1)] <- if (weighted) e$weight else 1
    if (!directed) A <- pmax(A, t(A))
    lambda <- max(Mod(eigen(A, only.values = TRUE)$values))
    for (f in fractions) {
      beta <- f / lambda
      for (rescale in c(FALSE, TRUE)) {
        if (rescale && f != 0.5) next
        power <- bonpow(A, exponent = beta, rescale = rescale)
        rows[[length(rows) + 1]] <- data.frame(
          graph = name, weighted = weighted, fraction = f, beta = sprintf("%.17g", beta),
          rescale = rescale, node = seq_len(n) - 1, value = sprintf("%.17g", power)
        )
      }
    }
  }
}

write.csv(do.call(rbind, rows), file.path(here, "power_bonpow.csv"), row.names = FALSE,
          quote = FALSE)
