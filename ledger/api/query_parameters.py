"""Refusing query parameters no operation takes: a misspelt filter is a 400, not every figure.

Litestar ignores a query parameter no handler declares, so ``?partie=turkey`` answered with
the figures of every party. Each operation's parameters are read from what Litestar itself
parses for it (its handler's and its dependencies'), once, when the app is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from litestar.enums import ParamType
from litestar.status_codes import HTTP_400_BAD_REQUEST

from ledger.api.problem_documents import ProblemError
from ledger.api.route_table import routed_operations

if TYPE_CHECKING:
    from litestar import Litestar, Request

_STATE_KEY: Final = "query_parameters"


def learn_query_parameters(app: Litestar) -> None:
    """Note, for every operation of ``app``, the query parameters it takes."""
    app.state[_STATE_KEY] = {
        id(operation.handler): frozenset(
            parameter.field_alias
            for parameter in operation.kwargs_model.expected_query_params
            if parameter.param_type == ParamType.QUERY
        )
        for operation in routed_operations(app)
    }


def refuse_unknown_query_parameters(request: Request[Any, Any, Any]) -> None:
    """A 400 naming each query parameter the operation does not take, and those it does."""
    known: dict[int, frozenset[str]] = request.app.state[_STATE_KEY]
    taken = known.get(id(request.route_handler))
    if taken is None:
        return
    unknown = sorted(set(request.query_params) - taken)
    if not unknown:
        return
    accepted = ", ".join(sorted(taken)) or "none"
    raise ProblemError(
        HTTP_400_BAD_REQUEST,
        "unknown-query-parameter",
        "The request names a query parameter the operation does not take",
        f"unknown query parameter{'s' if len(unknown) > 1 else ''}:"
        f" {', '.join(unknown)}; this operation takes: {accepted}",
    )
