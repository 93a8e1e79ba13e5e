"""Every HTTP operation of an app, as Litestar registered it: one walk for those that need it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from litestar.routes import HTTPRoute

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar._kwargs import KwargsModel
    from litestar.handlers import HTTPRouteHandler


class RoutedOperation(NamedTuple):
    """One method of one route: its handler and what Litestar parses for it."""

    route: HTTPRoute
    method: str
    handler: HTTPRouteHandler
    kwargs_model: KwargsModel


def routed_operations(app: Litestar) -> Iterator[RoutedOperation]:
    """Each method of each HTTP route of ``app`` (a handler serving two methods twice)."""
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for method, (handler, kwargs_model) in route.route_handler_map.items():
                yield RoutedOperation(route, str(method), handler, kwargs_model)
