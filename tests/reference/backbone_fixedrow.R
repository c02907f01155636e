# Reference values for tests/metrics/test_backbone.py: the fixed row model of R's backbone
# package (Neal 2014; Tumminello et al. 2011) is an upper-tail hypergeometric test,
#   p_ij = phyper(P_ij - 1, r_i, K - r_i, r_j, lower.tail = FALSE)
# (backbone's .fixedrow, with lower.tail = TRUE at P_ij for the lower tail), and multiple-test
# corrections are stats::p.adjust with n = number of tested pairs (backbone's .retain).
# R's backbone is not in Debian, so this script applies those formulas with base R (R 4.2,
# stats::phyper and stats::p.adjust) to Davis's Southern Women, rows in the order of
# networkx 3.6's davis_southern_women_graph() (Evelyn Jefferson .. Flora Price), columns E1..E14.
# Run from the repository root: Rscript tests/reference/backbone_fixedrow.R
# Writes tests/reference/backbone_fixedrow.csv and tests/reference/p_adjust.csv.
B <- matrix(c(
  1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0,
  1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1,
  0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0), nrow = 18, byrow = TRUE)
P <- tcrossprod(B)
rs <- rowSums(B)
K <- ncol(B)
tested <- which(upper.tri(P) & P > 0, arr.ind = TRUE)
tested <- tested[order(tested[, 1], tested[, 2]), , drop = FALSE]
i <- tested[, 1]
j <- tested[, 2]
w <- P[tested]
upper <- phyper(w - 1, rs[i], K - rs[i], rs[j], lower.tail = FALSE)
lower <- phyper(w, rs[i], K - rs[i], rs[j], lower.tail = TRUE)
smaller <- pmin(upper, lower)
out <- data.frame(i = i - 1, j = j - 1, weight = w, upper = upper, lower = lower,
                  holm = p.adjust(upper, "holm"), bonferroni = p.adjust(upper, "bonferroni"),
                  BH = p.adjust(upper, "BH"), signed_holm = p.adjust(smaller, "holm"))
write.csv(format(out, digits = 17, trim = TRUE), "tests/reference/backbone_fixedrow.csv",
          row.names = FALSE, quote = FALSE)

# p.adjust on a vector with ties, tiny values and values near 1, for the correction code alone.
p <- c(0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 1e-10, 0.2, 0.011, 0.9, 0.049, 0.0002)
adj <- data.frame(p = p, holm = p.adjust(p, "holm"), bonferroni = p.adjust(p, "bonferroni"),
                  BH = p.adjust(p, "BH"))
write.csv(format(adj, digits = 17, trim = TRUE), "tests/reference/p_adjust.csv",
          row.names = FALSE, quote = FALSE)
