"""The ledger's domain: event types, estimates and rules. Pure Python, no I/O."""

from ledger.domain.estimates import Estimate, Qualifier
from ledger.domain.events import EVENT_CLASSES, EVENT_SCHEMA_VERSIONS, Event, LedgerEvent

__all__ = [
    "EVENT_CLASSES",
    "EVENT_SCHEMA_VERSIONS",
    "Estimate",
    "Event",
    "LedgerEvent",
    "Qualifier",
]
