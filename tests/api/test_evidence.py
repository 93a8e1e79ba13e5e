"""Figures with their evidence, on the Idlib scenario, checked claim by claim offline.

Each view asked with ``evidence=true`` is handed to the offline verifier as a reader would
get it: with the log's public key and nothing else.
"""

from __future__ import annotations

import asyncio
import copy
import re
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.verifier import VerificationError, check_evidence, parse_verifier_key
from tests.conftest import ClientFactory
from tests.e2e import idlib_scenario as scenario

Headers = dict[str, str]
_VIEWS = {
    "/v1/views/losses": {"party": "turkey", "group_by": "day"},
    "/v1/views/equipment": {"operator": "syria"},
    "/v1/views/deployments": {},
    "/v1/views/displacement": {},
    "/v1/views/situations": {"kind": "toll"},
    "/v1/views/reconciliation": {"party": "turkey"},
}


async def _with_evidence(
    client: AsyncTestClient[Litestar], path: str, headers: Headers, **params: str
) -> dict[str, Any]:
    """The view with its evidence, once every event behind it is in a checkpoint."""
    for _ in range(400):
        response = await client.get(path, params={**params, "evidence": "true"}, headers=headers)
        if response.status_code != 503:
            assert response.status_code == 200, response.text
            view: dict[str, Any] = response.json()
            return view
        assert response.json()["type"].endswith(("/evidence-pending", "/position-not-reached"))
        assert response.headers["retry-after"]
        await asyncio.sleep(0.05)
    raise AssertionError("the evidence was never signed")


def _refused(view: dict[str, Any], keys: list[Any], reason: str) -> None:
    with pytest.raises(VerificationError, match=re.escape(reason)):
        check_evidence(view, keys)


async def test_every_view_proves_its_rows_claim_by_claim(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(checkpoint_seconds=0.05) as client:
        await scenario.record(client, admin, reporter)
        last: dict[str, Any] = {}
        async for receipt in scenario.later_writes(client, admin, reporter, reader):
            last = receipt
        at = {**reader, "Ledger-Min-Position": last["cursor"]}
        keys = [
            parse_verifier_key(k)
            for k in (await client.get("/v1/ledger/keys", headers=reader)).json()["log"]
        ]
        proven: dict[str, int] = {}
        for path, params in _VIEWS.items():
            view = await _with_evidence(client, path, at, **params)
            plain = (await client.get(path, params=params, headers=at)).json()
            assert "evidence" not in plain
            assert {k: v for k, v in view.items() if k != "evidence"} == plain
            checkpoint = check_evidence(view, keys)
            assert checkpoint.size == view["evidence"]["tree_size"]
            assert all(row["positions"] for row in view["evidence"]["rows"]), path
            proven[path] = len(view["evidence"]["rows"])
        assert proven["/v1/views/losses"], proven
        assert proven["/v1/views/equipment"], proven

        # The Sunday jets' claim was corrected: the correction is among the events behind it.
        equipment = await _with_evidence(client, "/v1/views/equipment", at)
        kinds = {e["event"]["type"] for e in equipment["evidence"]["events"]}
        assert "claim.corrected" in kinds
        # The two accounts of one L39 were linked: the link is evidence of the one item.
        assert "claims.linked" in kinds

        losses = await _with_evidence(client, "/v1/views/losses", at, party="turkey")
        altered = copy.deepcopy(losses)
        altered["evidence"]["events"][0]["event"]["data"]["attribution"]["credibility"] = 6
        _refused(altered, keys, "altered, or its proof forged")
        dropped = copy.deepcopy(losses)
        dropped["evidence"]["events"].pop()
        _refused(dropped, keys, "unproven events")
        swapped = copy.deepcopy(losses)
        swapped["evidence"]["rows"][0]["claim_ids"] = ["00000000-0000-4000-8000-000000000000"]
        _refused(swapped, keys, "are not among its events")

        for params, kind in [
            ({"evidence": "true", "format": "csv"}, "evidence-needs-json"),
            ({"evidence": "true", "reported_by": scenario.FILED}, "evidence-unavailable"),
        ]:
            response = await client.get("/v1/views/losses", params=params, headers=at)
            assert response.status_code == 422, response.text
            assert response.json()["type"].endswith(f"/{kind}")
