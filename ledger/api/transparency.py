"""/v1/ledger: signed checkpoints of the Merkle tree, proofs against them, witnesses' cosignatures.

Everything here is meant to be checked by someone who trusts none of the service: with the
log's public key and ``ledger/verifier.py`` (served at /v1/ledger/verifier.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Final, TypeVar

import msgspec
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
)

from ledger import verifier
from ledger.api.contract import PROBLEM_OPT
from ledger.api.problem_documents import ProblemError
from ledger.application.access import Role
from ledger.application.log import (
    CosignatureError,
    InclusionProof,
    InvalidTreeSizeError,
    NoCheckpointError,
    NotInTreeError,
    SplitViewError,
    Transparency,
    TreeConsistencyProof,
    UnknownWitnessError,
)

T = TypeVar("T")
_MAX_TREE_SIZE: Final = 2**53 - 1
"""The largest size or position a JSON client holds exactly; a tree never grows past it."""
_MAX_NOTE_CHARACTERS: Final = 16_384
_NOTE_MEDIA_TYPE: Final = "text/plain"
VERIFIER_SOURCE: Final = Path(verifier.__file__).read_text()
"""The offline verifier, one file, as the package ships it."""
TreeSize = Annotated[int, QueryParameter(ge=1, le=_MAX_TREE_SIZE)]
KeptSize = Annotated[
    int | None,
    QueryParameter(
        ge=1, le=_MAX_TREE_SIZE, description="A kept checkpoint's size (the latest if absent)."
    ),
]
_NO_CHECKPOINT: Final = {404: ("no-checkpoint",)}
_NOT_IN_TREE: Final = {404: ("no-checkpoint", "not-in-tree")}


class Cosignatures(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A checkpoint as a witness returns it: the ledger's note with its cosignature line."""

    note: Annotated[str, msgspec.Meta(min_length=1, max_length=_MAX_NOTE_CHARACTERS)]


class Cosigned(msgspec.Struct, frozen=True, kw_only=True):
    """What the ledger kept of a submission."""

    tree_size: int
    cosigned_by: list[str]
    """The registered witnesses whose cosignatures verified and are now kept."""


class PublishedKeys(msgspec.Struct, frozen=True, kw_only=True):
    """The public keys a reader checks checkpoints with (signed-note verifier keys)."""

    log: list[str]
    """Every key the log has signed with, oldest first; the last signs from now on."""
    witnesses: list[str]


async def _answer(call: Callable[[], Awaitable[T]]) -> T:
    """Run a read or write of the tree; its errors become problem documents."""
    try:
        return await call()
    except NoCheckpointError as exc:
        raise ProblemError(
            HTTP_404_NOT_FOUND, "no-checkpoint", "No such checkpoint is kept", str(exc)
        ) from None
    except NotInTreeError as exc:
        raise ProblemError(
            HTTP_404_NOT_FOUND, "not-in-tree", "The event is not in that tree", str(exc)
        ) from None
    except InvalidTreeSizeError as exc:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY,
            "invalid-tree-size",
            "No proof between these sizes",
            str(exc),
        ) from None
    except SplitViewError as exc:
        raise ProblemError(
            HTTP_409_CONFLICT, "split-view", "The ledger signed another root at that size", str(exc)
        ) from None
    except UnknownWitnessError as exc:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY, "unknown-witness", "No registered witness", str(exc)
        ) from None
    except CosignatureError as exc:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY,
            "invalid-cosignature",
            "The cosignature does not hold",
            str(exc),
        ) from None


def _note(text: str) -> Response[str]:
    return Response(text, media_type=_NOTE_MEDIA_TYPE, headers={"Cache-Control": "no-cache"})


def verifier_file() -> Response[str]:
    """The offline verifier as a download."""
    return Response(
        VERIFIER_SOURCE,
        media_type="text/x-python",
        headers={"Content-Disposition": 'attachment; filename="verifier.py"'},
    )


class TransparencyController(Controller):
    """Let anyone check the log without trusting the server."""

    path = "/v1/ledger"
    tags = ["audit"]  # noqa: RUF012 - Litestar's declared attribute
    opt = {"role": Role.READER}  # noqa: RUF012

    @get(
        "/checkpoint",
        media_type=_NOTE_MEDIA_TYPE,
        opt={PROBLEM_OPT: _NO_CHECKPOINT},
        summary="The latest signed checkpoint",
    )
    async def latest_checkpoint(self, transparency: NamedDependency[Transparency]) -> Response[str]:
        """The tree's latest checkpoint: a C2SP signed note, with witnesses' cosignatures.

        Three lines — the log's origin, the tree size, the root hash in base64 — a blank line,
        and signature lines. Keep it: every later checkpoint can be proven to extend it.
        """
        signed = await _answer(transparency.checkpoint)
        return _note(signed.note)

    @get(
        "/checkpoint/{tree_size:int}",
        media_type=_NOTE_MEDIA_TYPE,
        opt={PROBLEM_OPT: _NO_CHECKPOINT},
        summary="A kept checkpoint",
    )
    async def checkpoint(
        self,
        transparency: NamedDependency[Transparency],
        tree_size: Annotated[int, PathParameter(ge=1, le=_MAX_TREE_SIZE)],
    ) -> Response[str]:
        """The checkpoint signed at `tree_size`, kept for good, with its cosignatures."""
        signed = await _answer(lambda: transparency.checkpoint(tree_size))
        return _note(signed.note)

    @get(
        "/proofs/inclusion/{position:int}",
        opt={PROBLEM_OPT: _NOT_IN_TREE},
        summary="Prove the event at a position is in a checkpoint",
    )
    async def inclusion(
        self,
        transparency: NamedDependency[Transparency],
        position: Annotated[int, PathParameter(ge=1, le=_MAX_TREE_SIZE)],
        tree_size: KeptSize = None,
    ) -> InclusionProof:
        """The audit path of the event at `position` in a kept checkpoint.

        Against the latest checkpoint unless `tree_size` names another. The response holds
        the event and the checkpoint: `python verifier.py inclusion proof.json --key VKEY`
        checks it with nothing else. 404 `not-in-tree` when no event is there, or it was
        sealed after that checkpoint.
        """
        return await _answer(lambda: transparency.inclusion(position=position, tree_size=tree_size))

    @get(
        "/proofs/inclusion/events/{event_id:uuid}",
        opt={PROBLEM_OPT: _NOT_IN_TREE},
        summary="Prove an event is in a checkpoint",
    )
    async def inclusion_by_id(
        self,
        transparency: NamedDependency[Transparency],
        event_id: Annotated[uuid.UUID, PathParameter()],
        tree_size: KeptSize = None,
    ) -> InclusionProof:
        """The audit path of the event `event_id` in a kept checkpoint (as by position)."""
        return await _answer(lambda: transparency.inclusion(event_id=event_id, tree_size=tree_size))

    @get(
        "/proofs/consistency",
        opt={PROBLEM_OPT: {422: ("invalid-tree-size",), **_NO_CHECKPOINT}},
        summary="Prove a checkpoint extends an older one",
    )
    async def consistency(
        self,
        transparency: NamedDependency[Transparency],
        from_size: TreeSize,
        to_size: KeptSize = None,
    ) -> TreeConsistencyProof:
        """The proof that the tree at `from_size` is a prefix of a kept checkpoint's tree.

        To the latest checkpoint unless `to_size` names another. Check it with the
        checkpoint you kept at `from_size`: `python verifier.py consistency old.txt
        proof.json --key VKEY`. Nothing before `from_size` can have changed if it holds.
        """
        return await _answer(lambda: transparency.consistency(from_size, to_size))

    @post(
        "/checkpoint/cosignatures",
        status_code=HTTP_200_OK,
        opt={
            PROBLEM_OPT: {
                **_NO_CHECKPOINT,
                409: ("split-view",),
                422: ("invalid-cosignature", "unknown-witness"),
            }
        },
        summary="Add witnesses' cosignatures to a checkpoint",
    )
    async def cosign(
        self, transparency: NamedDependency[Transparency], data: JSONBody[Cosignatures]
    ) -> Cosigned:
        """Keep the cosignatures a registered witness added to a checkpoint it checked.

        `note` is the checkpoint as fetched, with the witness's C2SP tlog-cosignature line
        added. Each cosignature is verified before it is kept; repeating one changes
        nothing. 409 `split-view` when the note's root is not the one the ledger signed at
        that size.
        """
        size, cosigned = await _answer(lambda: transparency.cosign(data.note))
        return Cosigned(tree_size=size, cosigned_by=cosigned)

    @get("/keys", summary="The public keys checkpoints are signed with")
    async def keys(self, transparency: NamedDependency[Transparency]) -> PublishedKeys:
        """The log's verifier keys and the registered witnesses' keys.

        A reader should get the log's key from the newsroom or the ledger's operator, not
        only from here: a server that lies could also lie about its key.
        """
        log, witnesses = await transparency.keys()
        return PublishedKeys(log=log, witnesses=witnesses)

    @get(
        "/verifier.py",
        media_type="text/x-python",
        summary="The offline verifier",
    )
    async def verifier_script(self) -> Response[str]:
        """One Python file that checks checkpoints, proofs and exports with no service."""
        return verifier_file()
