"""Benchmarks of Incident Ledger: fixed workloads, one JSON object of figures and targets."""
