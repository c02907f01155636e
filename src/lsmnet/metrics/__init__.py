"""Social network analysis metrics: centrality, brokerage, power, significance and more."""
