"""The verifiable log end to end: a served ledger, its signing key, a witness, the verifier.

Everything goes through the ``ledger`` command and HTTP, as an operator and a witness would.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from ledger.store.signing import KeyFile, SigningKey
from ledger.verifier import COSIGNATURE_V1, open_checkpoint, parse_verifier_key
from tests.api import payloads
from tests.api.helpers import scene
from tests.commands import run_ledger
from tests.e2e.serving import serving

Headers = dict[str, str]


async def _checkpoint_after(
    client: httpx.AsyncClient, reader: Headers, write: dict[str, Any]
) -> str:
    """The latest checkpoint once it holds the write's events."""
    position = write["events"][-1]["position"]
    for _ in range(400):
        response = await client.get(f"/v1/ledger/proofs/inclusion/{position}", headers=reader)
        if response.status_code == 200:
            return str(response.json()["checkpoint"])
        await asyncio.sleep(0.05)
    raise AssertionError("no checkpoint holds the write")


async def _report(client: httpx.AsyncClient, reporter: Headers, killed: int) -> dict[str, Any]:
    body = payloads.casualties(killed=killed)
    response = await client.post("/v1/incidents/inc-1/reports", json=body, headers=reporter)
    assert response.status_code == 201, response.text
    receipt: dict[str, Any] = response.json()
    return receipt


async def _ledger(env: dict[str, str], *args: str) -> str:
    result = await asyncio.to_thread(run_ledger, env, *args)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


async def test_a_witness_cosigns_across_a_key_rotation_and_refuses_a_rewrite(  # noqa: PLR0913, PLR0917
    database_url: str,
    schema: str,
    admin: Headers,
    reporter: Headers,
    reader: Headers,
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    env = {
        "LEDGER_DATABASE_URL": database_url,
        "LEDGER_DATABASE_SCHEMA": schema,
        "LEDGER_DATA_DIR": str(data),
    }
    first_key = (await _ledger(env, "keys", "signing", "show")).strip()
    assert (data / "signing-key").stat().st_mode & 0o077 == 0
    assert "PRIVATE" not in first_key
    witness = SigningKey.generate("witness.example.net/w1", COSIGNATURE_V1)
    KeyFile(tmp_path / "witness-key").write(witness, replace=False)
    await _ledger(env, "witnesses", "add", witness.verifier.text)
    assert (await _ledger(env, "witnesses", "list")).split() == [witness.verifier.text]

    settings = {"LEDGER_DATA_DIR": str(data), "LEDGER_CHECKPOINT_SECONDS": "0.05"}
    with serving(database_url, schema, tmp_path / "serve.log", settings) as url:
        state = tmp_path / "witness-state"
        round_of_witness = [
            "audit", "witness", "--url", url, "--key-file", str(tmp_path / "witness-key"),
            "--state", str(state), "--api-key", reader["X-API-Key"], "--log-key", first_key,
        ]  # fmt: skip
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            await scene(client, admin, reporter)  # type: ignore[arg-type]
            first = await _checkpoint_after(
                client,
                reader,
                await _report(client, reporter, 1),
            )
            assert "cosigned" in await _ledger(env, *round_of_witness)
            served = (await client.get("/v1/ledger/checkpoint", headers=reader)).text
            _, cosigners = open_checkpoint(
                served, [parse_verifier_key(first_key)], [witness.verifier]
            )
            assert cosigners == ["witness.example.net/w1"]

            second_key = (await _ledger(env, "keys", "signing", "rotate")).strip()
            assert second_key != first_key
            second = await _checkpoint_after(
                client,
                reader,
                await _report(client, reporter, 2),
            )
            published = (await _ledger(env, "keys", "signing", "publish")).split()
            assert published == [first_key, second_key]
            # The witness that knows both keys follows the log across the rotation.
            assert "cosigned" in await _ledger(env, *round_of_witness, "--log-key", second_key)

            # A witness shown a history that was rewritten refuses to cosign, and says why.
            old = SigningKey.parse(
                (
                    data / f"signing-key.{parse_verifier_key(first_key).key_id.hex()}.retired"
                ).read_text()
            )
            size = first.split("\n")[1]
            forged_body = f"{old.verifier.name}\n{size}\n{'A' * 43}=\n"
            state.write_text(f"{forged_body}\n{old.sign(forged_body).line}")
            refused = await asyncio.to_thread(
                run_ledger, env, *round_of_witness, "--log-key", second_key
            )
            assert refused.returncode == 1
            assert "not cosigned" in refused.stderr
            assert "rewritten" in refused.stderr or "split view" in refused.stderr

    (tmp_path / "first.txt").write_text(first)
    (tmp_path / "second.txt").write_text(second)
    checked = await _ledger(
        env, "audit", "verify", "checkpoint", str(tmp_path / "second.txt"), "--key", second_key
    )
    assert checked.startswith("ok: checkpoint of incident-ledger/")
    wrong = await asyncio.to_thread(
        run_ledger,
        env,
        "audit",
        "verify",
        "checkpoint",
        str(tmp_path / "second.txt"),
        "--key",
        first_key,
    )
    assert (wrong.returncode, "no signature by a trusted key" in wrong.stderr) == (1, True)
    verified = await asyncio.to_thread(run_ledger, env, "verify")
    assert verified.returncode == 0, verified.stderr
