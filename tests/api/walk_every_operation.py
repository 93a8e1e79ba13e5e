"""The Idlib scenario walked through every operation of the API, each exchange recorded.

The first successful exchange of each operation (its path and query parameters, its body,
its answer in each media type asked for) becomes that operation's example in the OpenAPI
document (``ledger/api/operation_examples.json``).
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, Final
from urllib.parse import parse_qsl

import httpx
import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.api.operation_examples import OperationExample
from ledger.store.signing import SigningKey
from tests.api.helpers import post_ok, sealed_digest
from tests.e2e import idlib_scenario as scenario

_KEPT_ITEMS: Final = 2
"""Items kept of each list in a response: an example shows the shape, not the whole ledger."""
_KEPT_LINES: Final = 8
"""Lines kept of a text response (CSV, NDJSON, metrics, an event stream)."""


class Recorder:
    """Keeps the first successful exchange of each operation of ``paths``."""

    def __init__(self, paths: dict[str, Any]) -> None:
        self.exchanges: dict[str, OperationExample] = {}
        self._kinds = {
            (f"{method.upper()} {path}", parameter["name"]): _kinds(parameter["schema"])
            for path, item in paths.items()
            for method, operation in item.items()
            if method in {"get", "post", "delete"}
            for parameter in operation.get("parameters", [])
        }
        self._routes = [
            (
                method.upper(),
                path,
                re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$"),
            )
            for path, item in paths.items()
            for method in item
            if method in {"get", "post", "delete"}
        ]

    def operation(self, method: str, url_path: str) -> tuple[str, dict[str, str]] | None:
        """The document's name of the operation at ``url_path`` and its path parameters."""
        for routed_method, path, pattern in self._routes:
            if routed_method == method and (match := pattern.match(url_path)):
                return f"{method} {path}", match.groupdict()
        return None

    async def keep(self, response: httpx.Response) -> None:
        """An httpx response hook: note the exchange if its operation has none yet."""
        request = response.request
        found = self.operation(request.method, request.url.path)
        media_type = response.headers.get("content-type", "").split(";")[0]
        if found is None or not response.is_success or media_type == "text/event-stream":
            return
        await response.aread()
        self.note(found, request, str(response.status_code), media_type, response.text)

    def note(
        self,
        found: tuple[str, dict[str, str]],
        request: httpx.Request,
        status: str,
        media_type: str,
        body: str,
    ) -> None:
        """Record ``body`` as the answer in ``media_type`` of the operation ``found``."""
        name, path_parameters = found
        sent = path_parameters | dict(parse_qsl(request.url.query.decode()))
        exchange = self.exchanges.setdefault(
            name,
            OperationExample(
                parameters={key: self._typed(name, key, text) for key, text in sent.items()},
                request=msgspec.json.decode(request.content) if request.content else None,
                status=status,
            ),
        )
        if exchange.status == status and media_type not in exchange.responses:
            exchange.responses[media_type] = _shortened(media_type, body)

    def _typed(self, name: str, parameter: str, text: str) -> Any:
        """``text`` as a value of the parameter's schema: a number, a list, or text."""
        kinds = self._kinds.get((name, parameter), set())
        if "array" in kinds:
            return [text]
        return int(text) if "integer" in kinds else text


def _kinds(schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema admits, its ``oneOf`` members' included."""
    kinds = schema.get("type", [])
    found = {kinds} if isinstance(kinds, str) else set(kinds)
    for member in schema.get("oneOf", []):
        found |= _kinds(member)
    return found


def _shortened(media_type: str, body: str) -> Any:
    if media_type == "application/json":
        return _trimmed(msgspec.json.decode(body))
    return "\n".join(body.splitlines()[:_KEPT_LINES]) + "\n"


def _trimmed(value: Any) -> Any:
    if isinstance(value, list):
        return [_trimmed(item) for item in value[:_KEPT_ITEMS]]
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    return value


async def walk(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    witness: SigningKey,
) -> None:
    """Every operation but the event stream (``record_stream``), on the scenario's facts.

    The test client cannot read a stream that does not end. ``witness`` is a registered
    witness's key, to cosign a checkpoint with.
    """
    for path in ("/health", "/ready"):
        await _read(client, path, {})
    await scenario.record(client, admin, reporter)
    last: dict[str, Any] = {}
    async for receipt in scenario.later_writes(client, admin, reporter, reader):
        last = receipt
    await _read_views(client, reader, last["cursor"])
    await _audit(client, reader, admin, last)
    await _transparency(client, reader, last, witness)
    await _administer(client, admin)
    await post_ok(
        client,
        "/v1/links/idlib-airstrike-dead/undo",
        {"link_id": "idlib-airstrike-dead", "reason": "the agency's count covers more units"},
        reporter,
    )
    await _read(client, "/metrics", {})


async def _read(
    client: AsyncTestClient[Litestar], path: str, headers: dict[str, str], **params: str
) -> httpx.Response:
    response = await client.get(path, params=params, headers=headers)
    assert response.is_success, f"{path}: {response.text}"
    return response


async def _read_views(
    client: AsyncTestClient[Litestar], reader: dict[str, str], cursor: str
) -> None:
    at = {**reader, "Ledger-Min-Position": cursor}
    listed = {
        "/v1/incidents": {"party": "turkey", "limit": "2"},
        "/v1/sources": {},
        "/v1/views/losses": {"party": "turkey", "group_by": "day"},
        "/v1/views/equipment": {"operator": "syria"},
        "/v1/views/deployments": {},
        "/v1/views/displacement": {},
        "/v1/views/situations": {"kind": "toll"},
        "/v1/views/reconciliation": {"party": "turkey"},
    }
    for path, params in listed.items():
        await _read(client, path, at, **params)
        await _read(client, path, at, **params, format="csv")
    await _read(client, f"/v1/incidents/{scenario.L39}", at, reported_by=scenario.FILED)
    await _read(client, f"/v1/incidents/{scenario.L39}/history", at)
    await _read(client, f"/v1/incidents/{scenario.L39}/events", at, limit="2")
    await _read(client, "/v1/sources/tr-mod", at)
    await _read(client, "/v1/sources/tr-mod/history", at)
    await _read(client, "/v1/situations/idlib-civilians-fled", at, limit="2")
    await _read(client, f"/v1/links/{scenario.L39_LINK}", at)
    page = (await _read(client, "/v1/events", at, limit="2")).json()
    await _read(client, "/v1/events", at, after=page["next_cursor"], limit="2")
    await _read(client, "/v1/events/export", at, from_position="1", to_position="3")


async def record_stream(recorder: Recorder, base_url: str, headers: dict[str, str]) -> None:
    """The event stream of a served ledger, read until it has sent two events."""
    found = recorder.operation("GET", "/v1/events/stream")
    assert found is not None
    params = {"type": "incident.reported"}
    received: list[str] = []
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=30) as http,
        http.stream("GET", "/v1/events/stream", params=params, headers=headers) as response,
    ):
        assert response.is_success
        async for line in response.aiter_lines():
            received.append(line)
            if sum(1 for kept in received if kept.startswith("data:")) == _KEPT_ITEMS:
                break
        text = "\n".join(received) + "\n\n"
        recorder.note(found, response.request, "200", "text/event-stream", text)


async def _audit(
    client: AsyncTestClient[Litestar],
    reader: dict[str, str],
    admin: dict[str, str],
    last: dict[str, Any],
) -> None:
    first = await sealed_digest(client, reader, last)
    await _read(client, "/v1/ledger/proof", reader, from_digest=first["token"], limit="2")
    verified = await client.post("/v1/ledger/verify", params={"from_position": "1"}, headers=admin)
    assert verified.is_success, verified.text


async def _transparency(
    client: AsyncTestClient[Litestar],
    reader: dict[str, str],
    last: dict[str, Any],
    witness: SigningKey,
) -> None:
    position = last["events"][-1]["position"]
    for _ in range(400):
        proof = await client.get(f"/v1/ledger/proofs/inclusion/{position}", headers=reader)
        if proof.status_code == 200:
            break
        await asyncio.sleep(0.025)
    assert proof.status_code == 200, proof.text
    size = proof.json()["tree_size"]
    note = (await _read(client, "/v1/ledger/checkpoint", reader)).text
    await _read(client, f"/v1/ledger/checkpoint/{size}", reader)
    await _read(client, f"/v1/ledger/proofs/inclusion/{position}", reader, tree_size=str(size))
    event_id = last["events"][-1]["event_id"]
    await _read(client, f"/v1/ledger/proofs/inclusion/events/{event_id}", reader)
    await _read(client, "/v1/ledger/proofs/consistency", reader, from_size="3", to_size=str(size))
    body = note.split("\n\n")[0] + "\n"
    cosigned = note + witness.cosign(body, 1_764_000_000).line
    kept = await client.post(
        "/v1/ledger/checkpoint/cosignatures", json={"note": cosigned}, headers=reader
    )
    assert kept.is_success, kept.text
    await _read(client, "/v1/ledger/keys", reader)
    await _read(client, "/v1/ledger/verifier.py", reader)


async def _administer(client: AsyncTestClient[Litestar], admin: dict[str, str]) -> None:
    issued = await post_ok(
        client, "/v1/admin/keys", {"name": "newsroom mirror", "role": "reader"}, admin
    )
    revoked = await client.delete(f"/v1/admin/keys/{issued['key']['key_id']}", headers=admin)
    assert revoked.is_success, revoked.text
    await _read(client, "/v1/admin/keys", admin)
    await _read(client, "/v1/admin/projections", admin)
    await _read(client, "/v1/admin/projections/poison", admin)
    started = await client.post("/v1/admin/projections/incidents/rebuild", headers=admin)
    assert started.status_code == 202, started.text
    for _ in range(400):
        everything = await client.post("/v1/admin/projections/rebuild", headers=admin)
        if everything.status_code == 202:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the rebuild of the incidents projection did not end")
