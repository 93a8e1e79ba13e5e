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
from ledger.store.checkpoints import CosignatureError, SplitViewError, UnknownWitnessError
from ledger.store.transparency import (
    InclusionProof,
    InvalidTreeSizeError,
    NoCheckpointError,
    NotInTreeError,
    SignedCheckpoint,
    Transparency,
    TreeConsistencyProof,
)

__all__ = [
    "CURSOR_PATTERN",
    "DIGEST_TOKEN_PATTERN",
    "START_OF_LOG",
    "Chain",
    "ConsistencyProof",
    "CosignatureError",
    "Digest",
    "DigestMismatchError",
    "EventMetadata",
    "GlobalCursor",
    "InclusionProof",
    "InvalidCursorError",
    "InvalidDigestError",
    "InvalidTreeSizeError",
    "LedgerTamperedError",
    "LogPage",
    "NoCheckpointError",
    "NotInTreeError",
    "RecordedEvent",
    "SignedCheckpoint",
    "SplitViewError",
    "Transparency",
    "TreeConsistencyProof",
    "UnknownDigestError",
    "UnknownWitnessError",
    "Verification",
    "store_errors",
]
