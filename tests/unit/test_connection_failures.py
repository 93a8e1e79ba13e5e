"""What counts as the database being unreachable: the projection workers retry those often."""

import psycopg
import pytest

from ledger.store.circuit import is_connection_failure
from ledger.store.errors import DatabaseUnavailableError


@pytest.mark.parametrize(
    "failure",
    [
        DatabaseUnavailableError("the database does not answer; nothing was written"),
        psycopg.OperationalError("connection refused"),
        psycopg.InterfaceError("the connection is closed"),
    ],
    ids=["open-circuit", "refused", "closed"],
)
def test_a_database_out_of_reach_is_a_connection_failure(failure: Exception) -> None:
    assert is_connection_failure(failure)


@pytest.mark.parametrize(
    "failure",
    [psycopg.errors.UniqueViolation("duplicate key"), ValueError("a bad value")],
    ids=["statement", "value"],
)
def test_a_failed_statement_is_not(failure: Exception) -> None:
    assert not is_connection_failure(failure)
