"""meta: effect sizes, pooling, and reconstructed cohorts."""
