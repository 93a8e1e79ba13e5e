"""/v1/ledger: the digest of the hash chain, consistency proofs, and verification (admin)."""

from __future__ import annotations

from typing import Annotated, Final

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_400_BAD_REQUEST,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
)

from ledger.api.contract import PROBLEM_OPT
from ledger.api.parsed_parameters import parsed_text, text_matching
from ledger.api.positions import MAX_POSITION
from ledger.api.problem_documents import ProblemError
from ledger.application.access import Role
from ledger.application.log import (
    DIGEST_TOKEN_PATTERN,
    Chain,
    ConsistencyProof,
    Digest,
    DigestMismatchError,
    InvalidDigestError,
    LedgerTamperedError,
    UnknownDigestError,
    Verification,
)

_DIGEST_TOKEN: Final = text_matching(DIGEST_TOKEN_PATTERN)


class LedgerController(Controller):
    """Make silent rewriting of history detectable."""

    path = "/v1/ledger"
    tags = ["audit"]  # noqa: RUF012 - Litestar's declared attribute

    @get(
        "/digest",
        opt={"role": Role.READER, PROBLEM_OPT: {404: ("not-sealed",)}},
        summary="The latest sealed digest",
    )
    async def digest(self, chain: NamedDependency[Chain]) -> Digest:
        """The latest sealed position and its root hash; keep `token` to check later.

        404 `not-sealed` while no event has been sealed yet.
        """
        digest = await chain.digest()
        if digest is None:
            raise ProblemError(
                HTTP_404_NOT_FOUND, "not-sealed", "Nothing is sealed yet", "the ledger is empty"
            )
        return digest

    @get(
        "/proof",
        opt={
            "role": Role.READER,
            PROBLEM_OPT: {
                400: ("invalid-digest",),
                404: ("unknown-digest",),
                409: ("digest-mismatch", "ledger-tampered"),
            },
        },
        summary="Prove the log extends a digest",
    )
    async def proof(
        self,
        chain: NamedDependency[Chain],
        from_digest: Annotated[str, parsed_text("A digest's `token`.", _DIGEST_TOKEN)],
        limit: Annotated[int, QueryParameter(ge=1, le=100_000)] = 10_000,
    ) -> ConsistencyProof:
        """The event hashes that lead from a stored digest to the latest seal.

        Fold them: hash = SHA-256(hash || event_hash), from `from_hash`; the result must be
        `to.root_hash`. 409 `digest-mismatch` when the chain no longer holds the digest's
        hash at its sequence number: the log before it was rewritten; 409 `ledger-tampered`
        when an event the proof covers no longer matches what was sealed for it.
        """
        try:
            return await chain.proof(from_digest, limit)
        except InvalidDigestError as exc:
            raise ProblemError(
                HTTP_400_BAD_REQUEST, "invalid-digest", "Not a digest token", str(exc)
            ) from None
        except UnknownDigestError as exc:
            raise ProblemError(
                HTTP_404_NOT_FOUND, "unknown-digest", "The chain holds no such digest", str(exc)
            ) from None
        except DigestMismatchError as exc:
            raise ProblemError(
                HTTP_409_CONFLICT,
                "digest-mismatch",
                "The ledger does not extend this digest",
                str(exc),
            ) from None
        except LedgerTamperedError as exc:
            raise ProblemError(
                HTTP_409_CONFLICT,
                "ledger-tampered",
                "An event the proof covers no longer matches its seal",
                str(exc),
            ) from None

    @post(
        "/verify",
        opt={"role": Role.ADMIN, PROBLEM_OPT: {404: ("not-sealed",)}},
        summary="Verify the log against its chain",
        status_code=HTTP_200_OK,
    )
    async def verify(
        self,
        chain: NamedDependency[Chain],
        from_position: Annotated[int | None, QueryParameter(ge=1, le=MAX_POSITION)] = None,
    ) -> Verification:
        """Recompute every event's hash and the chain; name the first event that differs.

        `ok` is false and `first_mismatch` names the position when an event was altered,
        deleted, or slipped into the sealed part of the log.
        """
        try:
            return await chain.verify(from_position)
        except UnknownDigestError as exc:
            raise ProblemError(
                HTTP_404_NOT_FOUND, "not-sealed", "Nothing sealed from there", str(exc)
            ) from None
