"""Incident Ledger: an event-sourced, auditable record of armed-conflict reports."""
