"""Checkpoints, proofs and cosignatures over HTTP, checked by the offline verifier alone.

Every check here goes through ``ledger/verifier.py`` (in process, and once as a copy run in
a bare interpreter): what the service says is taken as a stranger would take it.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger import verifier
from ledger.store.signing import KeyFile, SigningKey
from ledger.verifier import (
    COSIGNATURE_V1,
    VerificationError,
    check_consistency,
    check_export,
    check_inclusion,
    open_checkpoint,
    parse_verifier_key,
)
from tests.api import payloads
from tests.api.helpers import post_ok, scene, sealed_digest
from tests.conftest import ClientFactory

Superuser = psycopg.Connection[tuple[Any, ...]]
Headers = dict[str, str]


async def _checkpoint(client: AsyncTestClient[Litestar], headers: Headers, size: int) -> str:
    """The latest checkpoint once it covers ``size`` events."""
    for _ in range(400):
        response = await client.get("/v1/ledger/checkpoint", headers=headers)
        if response.status_code == 200 and int(response.text.split("\n")[1]) >= size:
            assert response.headers["content-type"].startswith("text/plain")
            return response.text
        await asyncio.sleep(0.025)
    raise AssertionError("no checkpoint reached the write")


async def _sealed_checkpoint(
    client: AsyncTestClient[Litestar], headers: Headers, last: dict[str, Any]
) -> str:
    digest = await sealed_digest(client, headers, last)
    return await _checkpoint(client, headers, digest["seq"])


async def _log_key(client: AsyncTestClient[Litestar], headers: Headers) -> verifier.VerifierKey:
    keys = (await client.get("/v1/ledger/keys", headers=headers)).json()
    return parse_verifier_key(keys["log"][-1])


async def _report(
    client: AsyncTestClient[Litestar], reporter: Headers, killed: int
) -> dict[str, Any]:
    return await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=killed), reporter
    )


async def test_an_event_is_proven_in_a_signed_checkpoint(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(checkpoint_seconds=0.05) as client:
        assert (await client.get("/v1/ledger/checkpoint", headers=reader)).status_code == 404
        await scene(client, admin, reporter)
        receipt = await _report(client, reporter, 4)
        note = await _sealed_checkpoint(client, reader, receipt)
        key = await _log_key(client, reader)
        checkpoint, _ = open_checkpoint(note, [key])
        event = receipt["events"][0]

        by_position = await client.get(
            f"/v1/ledger/proofs/inclusion/{event['position']}", headers=reader
        )
        assert by_position.status_code == 200, by_position.text
        proof = by_position.json()
        assert check_inclusion(proof, [key]) == checkpoint
        assert len(proof["hashes"]) <= max(1, (checkpoint.size - 1).bit_length())
        by_id = await client.get(
            f"/v1/ledger/proofs/inclusion/events/{event['event_id']}",
            params={"tree_size": str(checkpoint.size)},
            headers=reader,
        )
        assert by_id.json() == proof

        # A claim changed after the fact, a forged path, another log's key: each refused.
        altered = json.loads(json.dumps(proof))
        altered["event"]["data"]["killed"]["low"] = 40
        forged = {**proof, "hashes": [proof["hashes"][0][::-1], *proof["hashes"][1:]]}
        impostor = SigningKey.generate(key.name).verifier
        for bad, keys, reason in [
            (altered, [key], "altered or the proof forged"),
            (forged, [key], "not a hash|altered or the proof forged"),
            (proof, [impostor], "no signature by a trusted key"),
        ]:
            with pytest.raises(VerificationError, match=reason):
                check_inclusion(bad, keys)

        for path, params, status, kind in [
            (f"/{10**9}", {}, 404, "not-in-tree"),
            (f"/events/{'0' * 8}-0000-4000-8000-{'0' * 12}", {}, 404, "not-in-tree"),
            (f"/{event['position']}", {"tree_size": "999999"}, 404, "no-checkpoint"),
        ]:
            response = await client.get(
                f"/v1/ledger/proofs/inclusion{path}", params=params, headers=reader
            )
            assert response.status_code == status, (path, response.text)
            assert response.json()["type"].endswith(f"/{kind}")


async def test_a_later_checkpoint_is_proven_to_extend_an_earlier_one(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(checkpoint_seconds=0.05) as client:
        await scene(client, admin, reporter)
        old_note = await _sealed_checkpoint(client, reader, await _report(client, reporter, 1))
        for killed in (2, 3, 4, 5):
            last = await _report(client, reporter, killed)
        new_note = await _sealed_checkpoint(client, reader, last)
        key = await _log_key(client, reader)
        old, _ = open_checkpoint(old_note, [key])
        new, _ = open_checkpoint(new_note, [key])
        assert new.size > old.size

        response = await client.get(
            "/v1/ledger/proofs/consistency",
            params={"from_size": str(old.size), "to_size": str(new.size)},
            headers=reader,
        )
        assert response.status_code == 200, response.text
        proof = response.json()
        assert check_consistency(old_note, proof, [key]) == new
        kept = await client.get(f"/v1/ledger/checkpoint/{old.size}", headers=reader)
        assert kept.text == old_note

        # The old checkpoint with its root changed no longer carries the log's signature.
        with pytest.raises(VerificationError, match="does not verify"):
            check_consistency(
                old_note.replace(verifier.b64(old.root), "A" * 43 + "="), proof, [key]
            )

        for params, status, kind in [
            ({"from_size": str(new.size + 1), "to_size": str(new.size)}, 422, "invalid-tree-size"),
            ({"from_size": "1", "to_size": "999999"}, 404, "no-checkpoint"),
        ]:
            response = await client.get(
                "/v1/ledger/proofs/consistency", params=params, headers=reader
            )
            assert response.status_code == status, response.text
            assert response.json()["type"].endswith(f"/{kind}")


async def test_an_export_is_checked_against_a_checkpoint_offline(
    client_with: ClientFactory,
    admin: Headers,
    reporter: Headers,
    reader: Headers,
    tmp_path: Path,
) -> None:
    async with client_with(checkpoint_seconds=0.05) as client:
        await scene(client, admin, reporter)
        for killed in (1, 2, 3):
            last = await _report(client, reporter, killed)
        note = await _sealed_checkpoint(client, reader, last)
        key = await _log_key(client, reader)
        export = (await client.get("/v1/events/export", headers=admin)).content
        verifier_file = await client.get("/v1/ledger/verifier.py", headers=reader)
    checkpoint, _ = open_checkpoint(note, [key])
    lines = export.splitlines(keepends=True)
    assert check_export(lines, checkpoint) == checkpoint.size

    altered = [*lines]
    altered[4] = altered[4].replace(b'"low":2', b'"low":20')
    assert altered != lines
    swapped = [*lines]
    swapped[3], swapped[4] = swapped[4], swapped[3]
    deleted = [line for number, line in enumerate(lines) if number != 2]
    for tampered, reason in [
        (altered, "do not hash to the checkpoint's root"),
        (swapped, "not in the log's order"),
        (deleted, "events are missing"),
        (lines[: checkpoint.size - 1], "events are missing"),
    ]:
        with pytest.raises(VerificationError, match=re.escape(reason)):
            check_export(tampered, checkpoint)

    # The served file, alone in a bare interpreter, says the same.
    script = tmp_path / "verifier.py"
    script.write_bytes(verifier_file.content)
    (tmp_path / "events.ndjson").write_bytes(export)
    (tmp_path / "altered.ndjson").write_bytes(b"".join(altered))
    (tmp_path / "checkpoint.txt").write_text(note)
    key_text = key.text

    def run(events: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own file, our own arguments
            [
                sys.executable,
                "-I",
                str(script),
                "export",
                events,
                "checkpoint.txt",
                "--key",
                key_text,
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    good = await asyncio.to_thread(run, "events.ndjson")
    assert (good.returncode, good.stdout.strip()) == (
        0,
        f"ok: the file's first {checkpoint.size} events are the checkpoint's tree",
    ), good.stderr
    bad = await asyncio.to_thread(run, "altered.ndjson")
    assert bad.returncode == 1
    assert "FAILED: the file's first" in bad.stderr


async def test_a_witness_cosigns_a_checkpoint_and_a_split_view_is_refused(  # noqa: PLR0913, PLR0917
    client_with: ClientFactory,
    admin: Headers,
    reporter: Headers,
    reader: Headers,
    superuser: Superuser,
    tmp_path: Path,
) -> None:
    witness = SigningKey.generate("witness.example.net/w1", COSIGNATURE_V1)
    superuser.execute(
        "INSERT INTO witnesses (name, public_key) VALUES (%s, %s)",
        (witness.verifier.name, witness.verifier.public_key),
    )
    async with client_with(checkpoint_seconds=0.05) as client:
        await scene(client, admin, reporter)
        note = await _sealed_checkpoint(client, reader, await _report(client, reporter, 2))
        key = await _log_key(client, reader)
        checkpoint, _ = open_checkpoint(note, [key])
        cosigned = note + witness.cosign(checkpoint.body, 1_764_000_000).line
        response = await client.post(
            "/v1/ledger/checkpoint/cosignatures", json={"note": cosigned}, headers=reader
        )
        assert response.status_code == 200, response.text
        assert response.json() == {
            "tree_size": checkpoint.size,
            "cosigned_by": ["witness.example.net/w1"],
        }
        served = (await client.get(f"/v1/ledger/checkpoint/{checkpoint.size}", headers=reader)).text
        _, names = open_checkpoint(served, [key], [witness.verifier])
        assert names == ["witness.example.net/w1"]
        keys = (await client.get("/v1/ledger/keys", headers=reader)).json()
        assert keys["witnesses"] == [witness.verifier.text]

        # The log's key signing another root at the same size: the ledger names it.
        log_key = SigningKey.parse((tmp_path / "data" / "signing-key").read_text())
        other_body = checkpoint.body.replace(verifier.b64(checkpoint.root), verifier.b64(bytes(32)))
        split = f"{other_body}\n{log_key.sign(other_body).line}"
        split += witness.cosign(other_body, 1_764_000_000).line
        unsigned = (
            note
            + SigningKey.generate("stranger.example", COSIGNATURE_V1)
            .cosign(checkpoint.body, 1_764_000_000)
            .line
        )
        # A cosignature whose last bytes were changed.
        wrong_time = note + witness.cosign(checkpoint.body, 1_764_000_000).line[:-6] + "AAAA=\n"
        for body, status, kind in [
            (split, 409, "split-view"),
            (unsigned, 422, "unknown-witness"),
            (wrong_time, 422, "invalid-cosignature"),
        ]:
            response = await client.post(
                "/v1/ledger/checkpoint/cosignatures", json={"note": body}, headers=reader
            )
            assert response.status_code == status, response.text
            assert response.json()["type"].endswith(f"/{kind}")


async def test_an_unreadable_key_stops_checkpoints_not_sealing(  # noqa: PLR0913, PLR0917
    client_with: ClientFactory,
    admin: Headers,
    reporter: Headers,
    reader: Headers,
    superuser: Superuser,
    tmp_path: Path,
) -> None:
    key_file = tmp_path / "broken-key"
    key_file.write_text("not a key\n")
    async with client_with(checkpoint_seconds=0.05, signing_key_file=str(key_file)) as client:
        await scene(client, admin, reporter)
        await sealed_digest(client, reader, await _report(client, reporter, 1))  # sealing goes on
        for _ in range(400):
            health = (await client.get("/health")).json()
            if health["signing"] != "ok":
                break
            await asyncio.sleep(0.025)
        assert health["signing"] == "the key file does not hold PRIVATE+KEY+name+id+key"
        assert "PRIVATE+KEY+" not in (await client.get("/v1/ledger/keys", headers=reader)).text
        assert (await client.get("/v1/ledger/checkpoint", headers=reader)).status_code == 404

        row = superuser.execute("SELECT origin FROM log_identity").fetchone()
        assert row is not None
        fixed = tmp_path / "fixed-key"
        KeyFile(fixed).write(SigningKey.generate(str(row[0])), replace=False)
        fixed.replace(key_file)  # the operator puts a good key in place: no restart
        note = await _checkpoint(client, reader, 4)
        assert (await client.get("/health")).json()["signing"] == "ok"
    assert open_checkpoint(note, [SigningKey.parse(key_file.read_text()).verifier])
