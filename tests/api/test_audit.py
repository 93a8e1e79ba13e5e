"""Tamper evidence: digests, consistency proofs, and verification that names what changed."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import psycopg
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.store import EventStore, StreamState
from tests.api import payloads
from tests.api.helpers import post_ok, scene, sealed_digest
from tests.commands import run_ledger
from tests.store.helpers import happened

Superuser = psycopg.Connection[tuple[Any, ...]]


def _fold(start: str, event_hashes: list[str]) -> str:
    current = bytes.fromhex(start)
    for event in event_hashes:
        current = hashlib.sha256(current + bytes.fromhex(event)).digest()
    return current.hex()


def _rewrite(superuser: Superuser, sql: str, position: int) -> None:
    """What an attacker with the database's superuser could do behind the service's back."""
    superuser.execute("ALTER TABLE events DISABLE TRIGGER events_immutable_rows")
    superuser.execute(sql, (position,))
    superuser.execute("ALTER TABLE events ENABLE TRIGGER events_immutable_rows")


async def test_a_digest_and_a_proof_that_the_log_extends_it(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    empty = await client.get("/v1/ledger/digest", headers=reader)
    assert empty.status_code == 404
    assert empty.json()["type"].endswith("/not-sealed")

    first = await sealed_digest(client, reader, await scene(client, admin, reporter))
    assert first["seq"] == 3  # two sources and one incident
    for killed in (1, 2, 3):
        last = await post_ok(
            client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=killed), reporter
        )
    later = await sealed_digest(client, reader, last)
    assert later["seq"] == 6

    response = await client.get(
        "/v1/ledger/proof", params={"from_digest": first["token"]}, headers=reader
    )
    assert response.status_code == 200, response.text
    proof = response.json()
    assert proof["complete"] is True
    assert len(proof["event_hashes"]) == 3
    assert _fold(first["root_hash"], proof["event_hashes"]) == proof["to"]["root_hash"]
    assert proof["to"]["root_hash"] == later["root_hash"]

    partial = (
        await client.get(
            "/v1/ledger/proof", params={"from_digest": first["token"], "limit": "2"}, headers=reader
        )
    ).json()
    assert (partial["complete"], partial["to"]["seq"]) == (False, 5)

    forged = f"{first['seq']}.{'00' * 32}"
    for token, status, kind in [
        (forged, 409, "digest-mismatch"),
        ("99.{}".format("ab" * 32), 404, "unknown-digest"),
        ("not-a-digest", 400, "invalid-digest"),
    ]:
        response = await client.get(
            "/v1/ledger/proof", params={"from_digest": token}, headers=reader
        )
        assert response.status_code == status, token
        assert response.json()["type"].endswith(f"/{kind}")


async def test_verification_names_an_altered_and_a_deleted_event(  # noqa: PLR0913, PLR0917
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    superuser: Superuser,
    database_url: str,
    schema: str,
) -> None:
    await scene(client, admin, reporter)
    receipts = [
        await post_ok(
            client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=k), reporter
        )
        for k in (1, 2, 3, 4)
    ]
    await sealed_digest(client, reader, receipts[-1])
    assert (await client.post("/v1/ledger/verify", headers=reader)).status_code == 403
    clean = (await client.post("/v1/ledger/verify", headers=admin)).json()
    assert (clean["ok"], clean["checked"], clean["unsealed"]) == (True, 7, 0)

    altered = receipts[1]["events"][0]["position"]
    _rewrite(
        superuser,
        "UPDATE events SET data = jsonb_set(data, '{killed,low}', '20') WHERE position = %s",
        altered,
    )
    report = (await client.post("/v1/ledger/verify", headers=admin)).json()
    assert report["ok"] is False
    assert report["first_mismatch"]["position"] == altered
    assert report["first_mismatch"]["problem"] == "altered"
    assert report["checked"] == 4

    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    command = await asyncio.to_thread(run_ledger, env, "verify")
    assert command.returncode == 1
    assert f"position {altered} (altered)" in command.stderr

    deleted = receipts[3]["events"][0]["position"]
    _rewrite(superuser, "DELETE FROM events WHERE position = %s", deleted)
    later = (
        await client.post(
            "/v1/ledger/verify", params={"from_position": str(altered + 1)}, headers=admin
        )
    ).json()
    assert later["first_mismatch"]["position"] == deleted
    assert later["first_mismatch"]["problem"] == "missing"


async def test_a_clean_ledger_verifies_from_the_command_line(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    database_url: str,
    schema: str,
) -> None:
    await scene(client, admin, reporter)
    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    command = await asyncio.to_thread(run_ledger, env, "verify")
    assert command.returncode == 0, command.stderr
    assert "ok: 3 events match" in command.stderr


async def test_an_event_moved_in_the_order_is_named_and_stops_the_sealer(  # noqa: PLR0913, PLR0917
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    superuser: Superuser,
    database_url: str,
    schema: str,
) -> None:
    await scene(client, admin, reporter)
    receipt = await post_ok(client, "/v1/incidents/inc-1/reports", payloads.casualties(), reporter)
    await sealed_digest(client, reader, receipt)
    moved = receipt["events"][0]["position"]
    # A new transaction id puts the event at the end of the log, as if written last.
    _rewrite(
        superuser,
        "UPDATE events SET transaction_id = pg_current_xact_id() WHERE position = %s",
        moved,
    )
    report = (await client.post("/v1/ledger/verify", headers=admin)).json()
    assert report["ok"] is False
    assert report["first_mismatch"]["position"] == moved
    assert report["first_mismatch"]["problem"] == "reordered"

    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    command = await asyncio.to_thread(run_ledger, env, "verify")
    assert command.returncode == 1
    assert f"position {moved} (reordered)" in command.stderr
    assert "Traceback" not in command.stderr

    # The sealer meets the event again past what it sealed: it stops, and says so.
    await post_ok(client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=2), reporter)
    for _ in range(200):
        sealing = (await client.get("/health")).json()["sealing"]
        if sealing != "ok":
            break
        await asyncio.sleep(0.025)
    assert sealing.startswith("stopped: an event already sealed")


async def test_verify_never_seals_and_counts_the_unsealed_apart(
    store: EventStore, superuser: Superuser, database_url: str, schema: str
) -> None:
    for number in range(3):
        await store.append(f"test-{number}", [happened(number)], StreamState.NO_STREAM)
    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    command = await asyncio.to_thread(run_ledger, env, "verify")
    assert command.returncode == 0, command.stderr
    assert "3 committed since, not sealed yet" in command.stderr
    assert superuser.execute("SELECT count(*) FROM event_chain").fetchone() == (0,)


async def test_a_proof_over_an_altered_event_is_refused(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    superuser: Superuser,
) -> None:
    first = await sealed_digest(client, reader, await scene(client, admin, reporter))
    receipt = await post_ok(client, "/v1/incidents/inc-1/reports", payloads.casualties(), reporter)
    await sealed_digest(client, reader, receipt)
    altered = receipt["events"][0]["position"]
    _rewrite(
        superuser,
        "UPDATE events SET data = jsonb_set(data, '{killed,low}', '20') WHERE position = %s",
        altered,
    )
    response = await client.get(
        "/v1/ledger/proof", params={"from_digest": first["token"]}, headers=reader
    )
    assert response.status_code == 409, response.text
    assert response.json()["type"].endswith("/ledger-tampered")
    assert f"position {altered} (altered)" in response.json()["detail"]
