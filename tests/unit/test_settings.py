import pytest

from ledger.config import Settings, SettingsError


def test_every_setting_is_read_from_its_variable() -> None:
    settings = Settings.from_environment(
        {
            "LEDGER_DATABASE_URL": "postgresql://ledger@db/ledger",
            "LEDGER_DATABASE_SCHEMA": "reports",
            "LEDGER_DATA_DIR": "/var/lib/ledger",
            "LEDGER_POOL_MIN_SIZE": "3",
            "LEDGER_POOL_MAX_SIZE": "20",
            "LEDGER_MAX_EVENT_BYTES": "2048",
            "LEDGER_HOST": "127.0.0.2",
            "LEDGER_PORT": "9000",
            "LEDGER_LOG_FORMAT": "json",
            "LEDGER_LOG_LEVEL": "debug",
            "LEDGER_ANONYMOUS_READS": "true",
            "LEDGER_API_KEY_CACHE_SECONDS": "0",
        }
    )
    assert settings == Settings(
        database_url="postgresql://ledger@db/ledger",
        database_schema="reports",
        data_dir="/var/lib/ledger",
        pool_min_size=3,
        pool_max_size=20,
        max_event_bytes=2048,
        host="127.0.0.2",
        port=9000,
        log_format="json",
        log_level="debug",
        anonymous_reads=True,
        api_key_cache_seconds=0,
    )


def test_unset_and_empty_variables_keep_the_defaults() -> None:
    assert Settings.from_environment({"LEDGER_DATABASE_URL": ""}) == Settings()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LEDGER_PORT", "eighty"),
        ("LEDGER_LOG_FORMAT", "xml"),
        ("LEDGER_DATABASE_SCHEMA", "drop table; --"),
        ("LEDGER_MAX_EVENT_BYTES", "10"),
        ("LEDGER_POOL_MIN_SIZE", "50"),
        ("LEDGER_ANONYMOUS_READS", "perhaps"),
        ("LEDGER_API_KEY_CACHE_SECONDS", "-1"),
        ("LEDGER_API_KEY_CACHE_SECONDS", "3600"),
    ],
)
def test_bad_values_are_refused_by_name(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_environment({variable: value})


def test_only_inline_capable_projections_can_be_inline() -> None:
    assert Settings(inline_projections=" incidents ").inline_projection_names == {"incidents"}
    with pytest.raises(ValueError, match="LEDGER_INLINE_PROJECTIONS"):
        Settings(inline_projections="incidents,facts")
