"""The log's values as callers of the application meet them: cursors, events, their errors.

The store defines them; the application hands them on, so that its callers need nothing of
the store itself.
"""

from ledger.store import (
    CURSOR_PATTERN,
    START_OF_LOG,
    EventMetadata,
    GlobalCursor,
    InvalidCursorError,
    LogPage,
    RecordedEvent,
)
from ledger.store import errors as store_errors
from ledger.store.chain import Chain
from ledger.store.chain_hashes import (
    DIGEST_TOKEN_PATTERN,
    ConsistencyProof,
    Digest,
    DigestMismatchError,
    InvalidDigestError,
    LedgerTamperedError,
    UnknownDigestError,
    Verification,
)

__all__ = [
    "CURSOR_PATTERN",
    "DIGEST_TOKEN_PATTERN",
    "START_OF_LOG",
    "Chain",
    "ConsistencyProof",
    "Digest",
    "DigestMismatchError",
    "EventMetadata",
    "GlobalCursor",
    "InvalidCursorError",
    "InvalidDigestError",
    "LedgerTamperedError",
    "LogPage",
    "RecordedEvent",
    "UnknownDigestError",
    "Verification",
    "store_errors",
]
