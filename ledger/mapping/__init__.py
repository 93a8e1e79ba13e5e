"""Domain events and the store's records, mapped both ways: the one layer that knows both.

The store keeps opaque JSON under a registered type; the domain folds typed events. Between
them: encoding a new event once, decoding (with upcasting) what is read, and the metadata
an event carries beside its data.
"""

from ledger.mapping.records import (
    RecordPage,
    UnreadableRecord,
    appended_records,
    new_event,
    read_record_page,
    to_record,
)

__all__ = [
    "RecordPage",
    "UnreadableRecord",
    "appended_records",
    "new_event",
    "read_record_page",
    "to_record",
]
