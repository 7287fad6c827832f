"""Security settings for a managed Kafka, translated for both of our clients.

Faust (aiokafka) takes a ``broker_credentials`` object; kafka-python (replay, topic creation,
``rules test --from-topic``) takes keyword arguments. Both are built here from the same settings, so the two
clients can never disagree about how to reach the cluster, and a wrong combination fails at start with the
setting's name.
"""

from __future__ import annotations

import ssl
from typing import Any

from faust.auth import SASLCredentials, SSLCredentials
from faust.types.auth import CredentialsT

from streams.errors import SettingsError
from streams.settings import Settings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
# GSSAPI and OAUTHBEARER need code (Kerberos, a token provider) rather than settings; not offered.
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


def _protocol(settings: Settings) -> str:
    protocol = settings.security_protocol.upper()
    if protocol not in PROTOCOLS:
        raise SettingsError(
            f"NEWSALERT_SECURITY_PROTOCOL={settings.security_protocol!r} is not one of {', '.join(PROTOCOLS)}"
        )
    if settings.embedded and protocol != "PLAINTEXT":
        raise SettingsError(
            f"NEWSALERT_SECURITY_PROTOCOL={protocol} needs NEWSALERT_BROKER:"
            " the embedded broker is plaintext only"
        )
    return protocol


def _sasl(settings: Settings) -> tuple[str, str, str]:
    mechanism = (settings.sasl_mechanism or "").upper()
    if mechanism not in SASL_MECHANISMS:
        raise SettingsError(
            f"NEWSALERT_SASL_MECHANISM={settings.sasl_mechanism!r}"
            f" must be one of {', '.join(SASL_MECHANISMS)}"
            f" when NEWSALERT_SECURITY_PROTOCOL is {settings.security_protocol}"
        )
    if not settings.sasl_username or not settings.sasl_password:
        raise SettingsError(
            "NEWSALERT_SASL_USERNAME and NEWSALERT_SASL_PASSWORD are required"
            f" with {settings.security_protocol}"
        )
    return mechanism, settings.sasl_username, settings.sasl_password


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context for SSL and SASL_SSL (None otherwise): system CAs, or ``NEWSALERT_SSL_CAFILE``."""
    if _protocol(settings) not in ("SSL", "SASL_SSL"):
        return None
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=settings.ssl_cafile)
        if settings.ssl_certfile:
            context.load_cert_chain(settings.ssl_certfile, settings.ssl_keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise SettingsError(f"cannot load the TLS files named by NEWSALERT_SSL_*: {exc}") from None
    return context


def faust_credentials(settings: Settings) -> CredentialsT | None:
    """``broker_credentials`` for ``faust.App``; None for PLAINTEXT (Faust's default)."""
    protocol = _protocol(settings)
    if protocol == "PLAINTEXT":
        return None
    context = ssl_context(settings)
    if protocol == "SSL":
        return SSLCredentials(context)
    mechanism, username, password = _sasl(settings)
    # SASLCredentials switches itself to SASL_SSL when given a context, and stays SASL_PLAINTEXT without one.
    return SASLCredentials(username=username, password=password, mechanism=mechanism, ssl_context=context)


def kafka_python_kwargs(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for kafka-python's KafkaProducer, KafkaConsumer and KafkaAdminClient."""
    protocol = _protocol(settings)
    kwargs: dict[str, Any] = {"security_protocol": protocol}
    context = ssl_context(settings)
    if context is not None:
        kwargs["ssl_context"] = context
    if protocol.startswith("SASL_"):
        mechanism, username, password = _sasl(settings)
        kwargs.update(sasl_mechanism=mechanism, sasl_plain_username=username, sasl_plain_password=password)
    return kwargs
