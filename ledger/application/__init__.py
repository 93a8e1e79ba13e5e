"""Use cases: load state from the store, apply the domain's rules, append the outcome."""
