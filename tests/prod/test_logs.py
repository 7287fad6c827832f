"""JSON and text log lines: parseable, structured, and never carrying a Slack token or webhook URL."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from streams.errors import SettingsError
from streams.logs import configure_logging, excerpt, redact

TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _lines(stream: io.StringIO) -> list[str]:
    return [line for line in stream.getvalue().splitlines() if line.strip()]


def test_json_lines_parse_and_carry_extra_fields(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging("INFO", "json", stream=out)
    log = logging.getLogger("streams.agents.notify")
    log.info("alert %s posted to %s", "a1", "#alerts", extra={"rule": "ambassador-summoned", "attempt": 2})
    log.debug("not shown at INFO")
    [line] = _lines(out)
    record = json.loads(line)
    assert record["level"] == "INFO"
    assert record["logger"] == "streams.agents.notify"
    assert record["message"] == "alert a1 posted to #alerts"
    assert record["rule"] == "ambassador-summoned"
    assert record["attempt"] == 2
    assert record["ts"].endswith("+00:00")


def test_no_token_or_webhook_reaches_the_output(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging("DEBUG", "json", stream=out, secrets=["s3cr3t-sasl-password"])
    log = logging.getLogger("slack_sdk.web.base_client")
    log.info("Sending a request - headers: %s", {"Authorization": f"Bearer {TOKEN}"})
    log.warning("token in the format string " + TOKEN)
    log.error("webhook %s failed", WEBHOOK, extra={"url": WEBHOOK})
    log.info("sasl login with s3cr3t-sasl-password")
    try:
        raise RuntimeError(f"invalid_auth for {TOKEN}")
    except RuntimeError:
        log.exception("delivery failed")
    text = out.getvalue()
    assert TOKEN not in text
    assert "XXXXXXXXXXXXXXXXXXXXXXXX" not in text
    assert "s3cr3t-sasl-password" not in text
    records = [json.loads(line) for line in _lines(out)]
    assert len(records) == 5
    assert "invalid_auth" in records[-1]["exc"]
    assert "Bearer ***" in records[0]["message"]


def test_text_format_is_redacted_too(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging("info", "text", stream=out)
    logging.getLogger("x").info("posting with %s", TOKEN)
    [line] = _lines(out)
    assert "INFO" in line and "posting with ***" in line


def test_bad_level_or_format_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="NEWSALERT_LOG_FORMAT"):
        configure_logging("INFO", "xml")
    with pytest.raises(SettingsError, match="NEWSALERT_LOG_LEVEL"):
        configure_logging("LOUD", "json")


def test_redact_and_excerpt() -> None:
    assert redact(f"t={TOKEN} app=xapp-1-A0-123 other=fine") == "t=*** app=*** other=fine"
    assert excerpt("South  Korea\nsummoned   Russia's ambassador", limit=20) == "South Korea summone…"
