"""Read models folded from the global log, rebuildable from zero without downtime."""
