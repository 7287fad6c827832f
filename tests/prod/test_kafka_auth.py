"""Managed-Kafka security settings become matching Faust credentials and kafka-python options."""

from __future__ import annotations

import ssl

import pytest
from faust.auth import SASLCredentials, SSLCredentials

from streams.errors import SettingsError
from streams.kafka_auth import faust_credentials, kafka_python_kwargs
from streams.settings import Settings

BROKER = "kafka://broker.example.com:9093"


def test_plaintext_needs_nothing() -> None:
    settings = Settings.load({}, broker=BROKER)
    assert faust_credentials(settings) is None
    assert kafka_python_kwargs(settings) == {"security_protocol": "PLAINTEXT"}


def test_sasl_ssl_scram() -> None:
    settings = Settings.load(
        {
            "NEWSALERT_BROKER": BROKER,
            "NEWSALERT_SECURITY_PROTOCOL": "SASL_SSL",
            "NEWSALERT_SASL_MECHANISM": "scram-sha-512",
            "NEWSALERT_SASL_USERNAME": "newsalert",
            "NEWSALERT_SASL_PASSWORD": "pw",
        }
    )
    credentials = faust_credentials(settings)
    assert isinstance(credentials, SASLCredentials)
    assert credentials.protocol.value == "SASL_SSL"
    assert credentials.mechanism.value == "SCRAM-SHA-512"
    kwargs = kafka_python_kwargs(settings)
    assert kwargs["security_protocol"] == "SASL_SSL"
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (kwargs["sasl_plain_username"], kwargs["sasl_plain_password"]) == ("newsalert", "pw")
    assert isinstance(kwargs["ssl_context"], ssl.SSLContext)


def test_ssl_only() -> None:
    settings = Settings.load({"NEWSALERT_BROKER": BROKER, "NEWSALERT_SECURITY_PROTOCOL": "SSL"})
    assert isinstance(faust_credentials(settings), SSLCredentials)
    assert kafka_python_kwargs(settings)["security_protocol"] == "SSL"


def test_password_from_a_secret_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "sasl_password"
    secret.write_text("from-file\n")
    settings = Settings.load(
        {
            "NEWSALERT_BROKER": BROKER,
            "NEWSALERT_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "NEWSALERT_SASL_MECHANISM": "PLAIN",
            "NEWSALERT_SASL_USERNAME": "u",
            "NEWSALERT_SASL_PASSWORD_FILE": str(secret),
        }
    )
    assert kafka_python_kwargs(settings)["sasl_plain_password"] == "from-file"
    assert "ssl_context" not in kafka_python_kwargs(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSALERT_SECURITY_PROTOCOL": "TLS"}, "NEWSALERT_SECURITY_PROTOCOL"),
        ({"NEWSALERT_SECURITY_PROTOCOL": "SASL_SSL"}, "NEWSALERT_SASL_MECHANISM"),
        (
            {"NEWSALERT_SECURITY_PROTOCOL": "SASL_SSL", "NEWSALERT_SASL_MECHANISM": "PLAIN"},
            "NEWSALERT_SASL_USERNAME",
        ),
        (
            {"NEWSALERT_SECURITY_PROTOCOL": "SSL", "NEWSALERT_SSL_CAFILE": "/nonexistent/ca.pem"},
            "NEWSALERT_SSL",
        ),
    ],
)
def test_wrong_combinations_name_the_setting(env: dict[str, str], message: str) -> None:
    settings = Settings.load({"NEWSALERT_BROKER": BROKER, **env})
    with pytest.raises(SettingsError, match=message):
        kafka_python_kwargs(settings)
    with pytest.raises(SettingsError, match=message):
        faust_credentials(settings)


def test_embedded_broker_is_plaintext_only() -> None:
    with pytest.raises(SettingsError, match="embedded"):
        faust_credentials(Settings.load({"NEWSALERT_SECURITY_PROTOCOL": "SSL"}))


def test_unreadable_secret_file_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN_FILE"):
        Settings.load({"SLACK_BOT_TOKEN_FILE": "/nonexistent/token"})
