"""The data layer: the typed model, reading and checking data/, and the queries over it. Imports nothing above it."""
