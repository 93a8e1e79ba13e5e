"""The ``ledger`` command."""

from ledger.cli.commands import main

__all__ = ["main"]
