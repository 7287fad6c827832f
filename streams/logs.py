"""Logging set-up: text or JSON lines, with secrets redacted from everything that reaches a handler.

Rules for everyone who logs in newsalert:
- One line per event worth logging, ``logger.info("alert %s posted to %s", alert_id, channel)``: values as
  %-style arguments, so they are redacted and, in JSON mode, the message stays greppable.
- Structured fields go in ``extra={...}``; JSON lines carry them as top-level keys.
- Never log a full article body at INFO or above: log its id and, if useful, ``excerpt(body)``. Bodies are
  third-party content (copyright, size, personal data); DEBUG may show more when someone asks for it.
- Never log a token or webhook URL on purpose. The redaction filter here is the safety net, not the plan.

The filter sits on the handler, not on a logger, because handler filters see records from every logger
(Faust, aiokafka, slack-sdk) while logger filters do not apply to records propagated from child loggers.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from streams.errors import SettingsError

FORMATS = ("text", "json")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
REDACTED = "***"
NOISY_LOGGERS = ("kafka", "aiokafka")

_PATTERNS = (
    # Slack tokens: bot (xoxb), user (xoxp), app-level (xapp), legacy/refresh/config ones (xoxa, xoxr, xoxe).
    re.compile(r"\bxox[a-z]-[A-Za-z0-9-]+"),
    re.compile(r"\bxapp-[A-Za-z0-9-]+"),
    # Authorization headers, whatever the token type.
    re.compile(r"(?<=Bearer )[A-Za-z0-9._~+/=-]+", re.IGNORECASE),
    # Incoming webhooks: the path is the credential.
    re.compile(r"(?<=hooks\.slack\.com/)[^\s'\"<>]+"),
)

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is a structured field.
_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with Slack tokens, bearer tokens, webhook paths and the given secrets replaced by ***."""
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def excerpt(text: str, limit: int = 120) -> str:
    """The start of an article body, on one line, short enough to log at INFO."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """Rewrites each record so its message, arguments, traceback and extra fields carry no secret."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        # Merge args into the message once: a token can hide in an argument's repr as well as in the format.
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value, self.secrets))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, then extra fields, then ``exc`` if any."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and key not in out:
                out[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            out["exc"] = record.exc_text
        if record.stack_info:
            out["stack"] = record.stack_info
        return json.dumps(out, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def make_handler(fmt: str, *, secrets: Iterable[str] = (), stream: TextIO | None = None) -> logging.Handler:
    """A stream handler writing ``fmt`` ("text" or "json") lines, with the redacting filter attached."""
    if fmt not in FORMATS:
        raise SettingsError(f"NEWSALERT_LOG_FORMAT={fmt!r} is not one of {', '.join(FORMATS)}")
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    return handler


def configure_logging(
    level: str, fmt: str, *, secrets: Iterable[str] = (), stream: TextIO | None = None
) -> logging.Handler:
    """Make the root logger write ``fmt`` lines at ``level``, replacing its handlers; returns the new handler.

    ``secrets`` are literal values (the Slack token, the SASL password...) redacted wherever they appear, on
    top of the token and webhook patterns. Faust's worker (mode.Worker) replaces the root handlers with its
    own colour handler on start: build it with ``override_logging=False`` so this configuration stays.
    """
    name = level.upper()
    if name not in LEVELS:
        raise SettingsError(f"NEWSALERT_LOG_LEVEL={level!r} is not one of {', '.join(LEVELS)}")
    handler = make_handler(fmt, secrets=secrets, stream=stream)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(name)
    # Kafka clients log every connection and metadata refresh at INFO; that is noise, not events.
    quiet = max(logging.getLevelName(name), logging.WARNING)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(quiet if name != "DEBUG" else logging.DEBUG)
    return handler
