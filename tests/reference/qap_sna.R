# Reference values for tests/inference/test_qap_reference.py.
#
# Simulated networks on 25 nodes (weak effects), directed and undirected, with four predictors (a random
# graph x1, a correlated copy x4 of it, an absolute difference x2 of a normal attribute and a
# same-group indicator x3) and two dependents (a continuous y_lin and a binary y_bin), then
#
#   - sna::gcor between every pair of matrices (both modes) with sna::qaptest p-values;
#   - sna::netlm (linear) and sna::netlogit (logistic) of each dependent on x1..x4 with
#     nullhyp = "qapspp" (double semi-partialling) and "qapy", test.statistic = t / z value.
#
# Writes, next to this script:
#   qap_inputs.csv  case, matrix, row, col, value (every cell, 1-based row/col)
#   qap_gcor.csv    case, mode, a, b, gcor, pgreq, pleeq, reps
#   qap_netlm.csv   case, family, nullhyp, term, estimate, statistic, pgreqabs, pgreq, pleeq, reps
#   qap_fit.csv     case, family, statistic, value (n, r_squared, adj_r_squared, residual_se,
#                   deviance, null_deviance, aic, bic)
#
# Run from the repository root:  Rscript tests/reference/qap_sna.R
# Produced with R 4.2.2, sna 2.7-1 (Debian packages r-base-core and r-cran-sna).

suppressPackageStartupMessages(library(sna))

here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
set.seed(20071)
n <- 25
reps <- 2000
fmt <- function(x) sprintf("%.17g", x)

symmetrise <- function(m) {
  m[lower.tri(m)] <- t(m)[lower.tri(m)]
  m
}

make_case <- function(directed) {
  x1 <- rgraph(n, tprob = 0.25, mode = if (directed) "digraph" else "graph")
  noise <- matrix(rbinom(n * n, 1, 0.15), n, n)
  x4 <- abs(x1 - noise)  # x1 with 15% of the cells flipped: correlated with x1
  a <- rnorm(n)
  x2 <- abs(outer(a, a, "-"))
  g <- sample(1:3, n, replace = TRUE)
  x3 <- outer(g, g, "==") * 1
  # weak effects, so that the p-values are spread over (0, 1) rather than all near 0
  eps <- matrix(rnorm(n * n), n, n)
  lin <- 0.25 * x1 + 0.1 * x4 - 0.15 * x2 + 0.2 * x3 + eps
  p <- plogis(-1.2 + 0.5 * x1 + 0.2 * x4 - 0.3 * x2 + 0.4 * x3)
  bin <- matrix(rbinom(n * n, 1, p), n, n)
  if (!directed) {
    x4 <- symmetrise(x4)
    lin <- symmetrise(lin)
    bin <- symmetrise(bin)
  }
  mats <- list(y_lin = lin, y_bin = bin, x1 = x1, x2 = x2, x3 = x3, x4 = x4)
  lapply(mats, function(m) { diag(m) <- 0; m })
}

cases <- list(directed = make_case(TRUE), undirected = make_case(FALSE))
inputs <- list(); gcors <- list(); coefs <- list(); fits <- list()

for (case in names(cases)) {
  mats <- cases[[case]]
  mode <- if (case == "directed") "digraph" else "graph"
  for (name in names(mats)) {
    m <- mats[[name]]
    inputs[[length(inputs) + 1]] <- data.frame(
      case = case, matrix = name, row = rep(1:n, times = n), col = rep(1:n, each = n),
      value = fmt(as.vector(m))
    )
  }
  pairs <- list(c("x1", "x4"), c("x1", "y_lin"), c("x2", "y_lin"), c("x3", "y_bin"),
                c("x1", "x2"))
  for (pr in pairs) {
    A <- mats[[pr[1]]]; B <- mats[[pr[2]]]
    q <- qaptest(list(A, B), gcor, g1 = 1, g2 = 2, mode = mode, reps = reps)
    gcors[[length(gcors) + 1]] <- data.frame(
      case = case, mode = mode, a = pr[1], b = pr[2], gcor = fmt(gcor(A, B, mode = mode)),
      pgreq = q$pgreq, pleeq = q$pleeq, reps = reps
    )
  }
  x <- array(dim = c(4, n, n))
  for (k in 1:4) x[k, , ] <- mats[[paste0("x", k)]]
  terms <- c("intercept", "x1", "x2", "x3", "x4")
  for (family in c("linear", "logistic")) {
    for (nullhyp in c("qapspp", "qapy")) {
      fit <- if (family == "linear") {
        netlm(mats$y_lin, x, mode = mode, nullhyp = nullhyp, reps = reps)
      } else {
        netlogit(mats$y_bin, x, mode = mode, nullhyp = nullhyp, reps = reps)
      }
      coefs[[length(coefs) + 1]] <- data.frame(
        case = case, family = family, nullhyp = nullhyp, term = terms,
        estimate = fmt(fit$coefficients), statistic = fmt(fit$tstat),
        pgreqabs = fit$pgreqabs, pgreq = fit$pgreq, pleeq = fit$pleeq, reps = reps
      )
      if (nullhyp != "qapy") next
      if (family == "linear") {
        mss <- sum((fit$fitted.values - mean(fit$fitted.values))^2)
        rss <- sum(fit$residuals^2)
        rdf <- fit$n - fit$rank
        r2 <- mss / (mss + rss)
        stats <- c(n = fit$n, r_squared = r2, adj_r_squared = 1 - (1 - r2) * ((fit$n - 1) / rdf),
                   residual_se = sqrt(rss / rdf))
      } else {
        stats <- c(n = fit$n, deviance = fit$deviance, null_deviance = fit$null.deviance,
                   aic = fit$aic, bic = fit$bic)
      }
      fits[[length(fits) + 1]] <- data.frame(
        case = case, family = family, statistic = names(stats), value = fmt(stats)
      )
    }
  }
}

write_csv <- function(rows, file) {
  write.csv(do.call(rbind, rows), file.path(here, file), row.names = FALSE, quote = FALSE)
}
write_csv(inputs, "qap_inputs.csv")
write_csv(gcors, "qap_gcor.csv")
write_csv(coefs, "qap_netlm.csv")
write_csv(fits, "qap_fit.csv")
