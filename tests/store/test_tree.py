"""The sealer's Merkle tree and checkpoints, against a tree computed here from the export.

Each leaf is recomputed from the exported event with the `rfc8785` package and the RFC's
definition of the root (``_mth`` of test_merkle), sharing nothing with the sealer's code.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import psycopg
import pytest
import rfc8785
from psycopg_pool import AsyncConnectionPool

from ledger.store import EventStore
from ledger.store.chain import Chain
from ledger.store.chain_hashes import ChainInconsistencyError
from ledger.store.signing import KeyFile
from ledger.store.transfer import export_events
from ledger.verifier import open_checkpoint, parse_verifier_key
from tests.store.helpers import happened
from tests.store.test_merkle import _mth

Superuser = psycopg.Connection[tuple[Any, ...]]


async def _append(store: EventStore, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        await store.append(f"s-{n % 3}", [happened(n, note="dozens \u00e9\U0001f600", ratio=n / 7)])


async def _leaf_data(pool: AsyncConnectionPool) -> list[bytes]:
    """Each event's canonical form, from the export, by the RFC 8785 library."""
    data = []
    async for line in export_events(pool):
        event = msgspec.json.decode(line)
        at = datetime.fromisoformat(event["recorded_at"]).astimezone(UTC)
        document = {
            key: event[key]
            for key in (
                "position",
                "event_id",
                "stream_id",
                "stream_version",
                "type",
                "schema_version",
                "data",
                "metadata",
            )
        }
        document["recorded_at"] = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        data.append(rfc8785.dumps(document))
    return data


def _tamper(superuser: Superuser, sql: str, *parameters: object) -> None:
    """What the database's superuser could do behind the service's back."""
    superuser.execute("SET session_replication_role = replica")  # triggers stay silent
    superuser.execute(sql, parameters)
    superuser.execute("SET session_replication_role = DEFAULT")


def _root(superuser: Superuser, size: int) -> bytes:
    row = superuser.execute(
        "SELECT root_hash FROM checkpoints WHERE tree_size = %s", (size,)
    ).fetchone()
    assert row is not None
    return bytes(row[0])


async def test_the_sealer_grows_the_rfcs_tree_and_signs_its_checkpoints(
    pool: AsyncConnectionPool, store: EventStore, superuser: Superuser, tmp_path: Path
) -> None:
    chain = Chain(pool, KeyFile(tmp_path / "signing-key"), checkpoint_seconds=0.001)
    await _append(store, 5)
    assert await chain.seal(limit=2) == 2
    assert await chain.checkpoint() is None  # signed at 2
    await chain.seal_all()
    await _append(store, 6, start=5)
    await chain.seal_all()
    assert await chain.checkpoint() is None  # signed at 11
    leaves = await _leaf_data(pool)
    assert len(leaves) == 11
    assert _root(superuser, 2) == _mth(leaves[:2])
    assert _root(superuser, 11) == _mth(leaves)

    vkey = (tmp_path / "signing-key").read_text()
    assert vkey.startswith("PRIVATE+KEY+incident-ledger/")
    (public,) = [row[0] for row in superuser.execute("SELECT verifier_key FROM log_keys")]
    note = superuser.execute("SELECT note FROM checkpoints WHERE tree_size = 11").fetchone()
    assert note is not None
    checkpoint, _ = open_checkpoint(note[0], [parse_verifier_key(public)])
    assert (checkpoint.size, checkpoint.root) == (11, _mth(leaves))
    assert (tmp_path / "signing-key").stat().st_mode & 0o077 == 0
    assert (await chain.verify()).ok


async def test_a_checkpoint_waits_for_its_interval(
    pool: AsyncConnectionPool, store: EventStore, tmp_path: Path
) -> None:
    chain = Chain(pool, KeyFile(tmp_path / "key"), checkpoint_seconds=3600)
    await _append(store, 1)
    await chain.seal_all()
    assert await chain.checkpoint() is None  # the first is signed at once
    await _append(store, 1, start=1)
    await chain.seal_all()
    due = await chain.checkpoint()
    assert due is not None
    assert 3500 < due <= 3600
    unsigned = Chain(pool)  # a process without the key grows the tree, signs nothing
    await _append(store, 1, start=2)
    await unsigned.seal_all()
    assert await unsigned.checkpoint() is None


async def test_a_ledger_sealed_before_the_tree_gets_its_tree_planted(
    pool: AsyncConnectionPool, store: EventStore, superuser: Superuser, tmp_path: Path
) -> None:
    chain = Chain(pool, KeyFile(tmp_path / "key"), checkpoint_seconds=0.001)
    await _append(store, 7)
    await chain.seal_all()
    _tamper(superuser, "DELETE FROM merkle_nodes")  # the state before the tree existed
    await _append(store, 3, start=7)
    # The sealer first plants the tree over the 7 sealed events, then seals the 3 new ones.
    assert await chain.seal(limit=4) == 4
    assert await chain.seal_all() == 3 + 3
    await chain.checkpoint()
    assert _root(superuser, 10) == _mth(await _leaf_data(pool))
    assert (await chain.verify()).ok


async def test_a_tree_is_never_planted_over_an_event_altered_since_its_seal(
    pool: AsyncConnectionPool, store: EventStore, superuser: Superuser
) -> None:
    chain = Chain(pool)
    await _append(store, 4)
    await chain.seal_all()
    _tamper(superuser, "DELETE FROM merkle_nodes")
    _tamper(
        superuser,
        "UPDATE events SET data = '{\"n\": 99}'"
        " WHERE position = (SELECT min(position) + 2 FROM events)",
    )
    with pytest.raises(ChainInconsistencyError, match=r"cannot grow over position \d+ \(altered\)"):
        await chain.seal_all()


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        (
            "UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 0 AND number = 3",
            "tree-altered",
        ),
        (
            "UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 2 AND number = 0",
            "tree-altered",
        ),
        ("UPDATE checkpoints SET root_hash = sha256(root_hash)", "checkpoint-altered"),
        (
            "UPDATE checkpoints SET note = replace(note, E'\\n6\\n', E'\\n7\\n')",
            "checkpoint-forged",
        ),
    ],
)
async def test_verification_names_an_altered_tree_or_checkpoint(  # noqa: PLR0913, PLR0917
    pool: AsyncConnectionPool,
    store: EventStore,
    superuser: Superuser,
    tmp_path: Path,
    sql: str,
    problem: str,
) -> None:
    chain = Chain(pool, KeyFile(tmp_path / "key"), checkpoint_seconds=0.001)
    await _append(store, 6)
    await chain.seal_all()
    await chain.checkpoint()
    assert (await chain.verify()).ok
    _tamper(superuser, sql)
    result = await chain.verify()
    assert result.ok is False
    assert result.first_mismatch is not None
    assert result.first_mismatch.problem == problem
    positions = [
        row[0] for row in superuser.execute("SELECT position FROM event_chain ORDER BY seq")
    ]
    expected = {"tree-altered": positions[3], "checkpoint-altered": positions[5]}
    if problem in expected:
        assert result.first_mismatch.position == expected[problem]


def test_the_tree_and_its_checkpoints_cannot_be_rewritten_by_the_service(
    superuser: Superuser,
) -> None:
    superuser.execute("INSERT INTO merkle_nodes VALUES (0, 0, %s)", (hashlib.sha256().digest(),))
    for sql in ("UPDATE merkle_nodes SET hash = hash", "DELETE FROM merkle_nodes"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="immutable"):
            superuser.execute(sql)
