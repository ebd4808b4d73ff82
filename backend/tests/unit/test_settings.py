from pathlib import Path

import argon2
import pytest

from lookout.settings import SettingsError, load_database_settings, load_settings
from testsupport import FAST_PASSWORD_HASHING
from testsupport.settings import MakeSettings


@pytest.mark.usefixtures("settings_env")
def test_valid_environment_is_read() -> None:
    settings = load_settings(_env_file=None)
    assert str(settings.redis_url) == "redis://cache.internal:6379/0"
    assert settings.secret_key.get_secret_value().startswith("test-secret")
    assert settings.log_level == "INFO"
    assert settings.cors_origins == ()


@pytest.mark.parametrize(
    "url",
    [
        "postgres://app:secret@db.internal:5432/lookout",
        "postgresql://app:secret@db.internal:5432/lookout",
        "postgresql+asyncpg://app:secret@db.internal:5432/lookout",
    ],
)
def test_database_url_always_uses_asyncpg(settings_env: pytest.MonkeyPatch, url: str) -> None:
    settings_env.setenv("LOOKOUT_DATABASE_URL", url)
    expected = "postgresql+asyncpg://app:secret@db.internal:5432/lookout"
    assert load_settings(_env_file=None).database_url_str == expected


def test_missing_variables_are_named_in_one_error(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.delenv("LOOKOUT_DATABASE_URL")
    settings_env.delenv("LOOKOUT_SECRET_KEY")
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None)
    message = str(error.value)
    assert "LOOKOUT_DATABASE_URL: Field required" in message
    assert "LOOKOUT_SECRET_KEY: Field required" in message
    assert "LOOKOUT_REDIS_URL" not in message


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("LOOKOUT_DATABASE_URL", "mysql://db/lookout", "URL scheme should be"),
        ("LOOKOUT_DATABASE_URL", "not a url", "valid URL"),
        ("LOOKOUT_REDIS_URL", "http://cache:6379", "URL scheme should be"),
        ("LOOKOUT_SECRET_KEY", "short", "at least 32 characters"),
        ("LOOKOUT_LOG_LEVEL", "LOUD", "Input should be 'DEBUG'"),
        ("LOOKOUT_LOG_JSON", "sometimes", "valid boolean"),
        ("LOOKOUT_HEALTH_TIMEOUT_SECONDS", "0", "greater than 0"),
        ("LOOKOUT_PASSWORD_HASH_TIME_COST", "0", "greater than or equal to 1"),
        ("LOOKOUT_PASSWORD_HASH_MEMORY_KIB", "4", "greater than or equal to 8"),
        ("LOOKOUT_MAX_CONCURRENT_REQUESTS", "0", "greater than or equal to 1"),
        ("LOOKOUT_LOOKUP_CACHE_SECONDS", "-1", "greater than or equal to 0"),
        ("LOOKOUT_LOOKUP_CACHE_SECONDS", "301", "less than or equal to 300"),
        (
            "LOOKOUT_CORS_ORIGINS",
            "https://ok.example, ftp://files",
            "'ftp://files' is not an origin",
        ),
        ("LOOKOUT_CORS_ORIGINS", "https://app.example/path", "is not an origin"),
    ],
)
def test_bad_value_names_the_variable_and_the_problem(
    settings_env: pytest.MonkeyPatch, variable: str, value: str, complaint: str
) -> None:
    settings_env.setenv(variable, value)
    with pytest.raises(SettingsError, match=rf"{variable}: .*{complaint}"):
        load_settings(_env_file=None)


def test_log_level_is_case_insensitive(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("LOOKOUT_LOG_LEVEL", "debug")
    assert load_settings(_env_file=None).log_level == "DEBUG"


def test_cors_origins_are_a_comma_separated_list(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("LOOKOUT_CORS_ORIGINS", " https://app.example , http://localhost:5173,")
    settings = load_settings(_env_file=None)
    assert settings.cors_origins == ("https://app.example", "http://localhost:5173")


def test_secret_key_is_hidden_from_repr(settings_env: pytest.MonkeyPatch) -> None:
    assert "test-secret" not in repr(load_settings(_env_file=None))


def test_migrations_need_only_the_database_url(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.delenv("LOOKOUT_REDIS_URL")
    settings_env.delenv("LOOKOUT_SECRET_KEY")
    settings = load_database_settings(_env_file=None)
    assert settings.database_url_str.startswith("postgresql+asyncpg://")


def test_dotenv_file_is_read(tmp_path: Path, settings_env: pytest.MonkeyPatch) -> None:
    settings_env.delenv("LOOKOUT_LOG_LEVEL", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("LOOKOUT_LOG_LEVEL=warning\n")
    assert load_settings(_env_file=env_file).log_level == "WARNING"


def test_environment_wins_over_dotenv_file(
    tmp_path: Path, settings_env: pytest.MonkeyPatch
) -> None:
    settings_env.setenv("LOOKOUT_LOG_LEVEL", "ERROR")
    env_file = tmp_path / ".env"
    env_file.write_text("LOOKOUT_LOG_LEVEL=warning\n")
    assert load_settings(_env_file=env_file).log_level == "ERROR"


def test_passwords_are_hashed_with_argon2s_recommended_profile_by_default(
    settings_env: pytest.MonkeyPatch,
) -> None:
    hasher = load_settings(_env_file=None).password_hasher
    profile = argon2.profiles.RFC_9106_LOW_MEMORY
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        profile.time_cost,
        profile.memory_cost,
        profile.parallelism,
    )


def test_a_password_hashed_at_one_cost_verifies_at_another(
    make_settings: MakeSettings,
) -> None:
    cheap = make_settings(**FAST_PASSWORD_HASHING).password_hasher
    production = make_settings().password_hasher
    password_hash = cheap.hash("correct horse")

    assert cheap.memory_cost == 8
    assert production.verify(password_hash, "correct horse")
    assert production.check_needs_rehash(password_hash)


def test_hash_memory_must_cover_every_lane(settings_env: pytest.MonkeyPatch) -> None:
    settings_env.setenv("LOOKOUT_PASSWORD_HASH_PARALLELISM", "4")
    settings_env.setenv("LOOKOUT_PASSWORD_HASH_MEMORY_KIB", "16")
    complaint = r"MEMORY_KIB must be at least 8 times LOOKOUT_PASSWORD_HASH_PARALLELISM \(32\)"
    with pytest.raises(SettingsError, match=complaint):
        load_settings(_env_file=None)
