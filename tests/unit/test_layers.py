"""Imports point inward only: each layer of ``ledger`` imports nothing from the layers above.

``domain``, ``store`` ← ``mapping`` ← ``projections``, ``application`` ← ``api``, ``cli``: the
store knows nothing of the domain, ``mapping`` is the one layer that knows both; the application
imports nothing of the read side, which implements the ports it declares; the API sees the
application only, but for its composition root. ``ledger.recent``, ``ledger.config``,
``ledger.logging`` and ``ledger.verifier`` (the offline verifier, one file of its own) are
leaves any layer may use.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

_PACKAGE: Final = Path(__file__).resolve().parents[2] / "ledger"
_FORBIDDEN: Final = {
    "domain": {"store", "mapping", "projections", "application", "api", "cli"},
    "store": {"domain", "mapping", "projections", "application", "api", "cli"},
    "mapping": {"projections", "application", "api", "cli"},
    "projections": {"application", "api", "cli"},
    "application": {"projections", "api", "cli"},
    "api": {"store", "projections", "cli"},
}
_CONTRACTS: Final = {
    "ledger.application.views",
    "ledger.application.ports",
    "ledger.application.projection_admin",
    "ledger.application.page_tokens",
}
"""What the application declares for the read side to implement: any layer may import them."""
_COMPOSITION_ROOT: Final = Path("ledger/api/app.py")
"""Wires the store and the read side into the application's services: it alone sees them."""


def _imported(path: Path) -> set[str]:
    """The ``ledger`` modules a file imports, at run time or for type checking alike."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name.split(".")[0] == "ledger"}


def _crossings(package: Path) -> list[str]:
    """Every import in ``package`` of a layer above the importing module's own."""
    crossings = []
    for layer, forbidden in _FORBIDDEN.items():
        for path in sorted((package / layer).rglob("*.py")):
            if path.relative_to(package.parent) == _COMPOSITION_ROOT:
                continue
            for module in sorted(_imported(path)):
                parts = module.split(".")
                if len(parts) > 1 and parts[1] in forbidden and module not in _CONTRACTS:
                    crossings.append(f"{path.relative_to(package.parent)} imports {module}")
    return crossings


def test_each_layer_imports_nothing_from_the_layers_above() -> None:
    assert _crossings(_PACKAGE) == []


def test_an_import_of_a_layer_above_is_found(tmp_path: Path) -> None:
    package = tmp_path / "ledger"
    (package / "domain").mkdir(parents=True)
    (package / "domain" / "rules.py").write_text(
        "from ledger.domain.events import Event\nimport ledger.store.codec\n"
    )
    (package / "store").mkdir()
    (package / "store" / "codec.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ledger.api import app\n"
    )
    assert _crossings(package) == [
        "ledger/domain/rules.py imports ledger.store.codec",
        "ledger/store/codec.py imports ledger.api",
    ]
