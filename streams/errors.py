"""One exception hierarchy for newsalert.

    NewsalertError
     ├── SettingsError          a setting has a value we cannot use
     ├── ArticleError           an input article is malformed (dead-lettered, never fatal)
     ├── RuleError              a rule file is invalid; carries every problem found, each with file:line:col
     ├── ExtractionError        the NLP stage could not process an article
     ├── BrokerError            the embedded broker or Kafka could not be reached or started
     └── DeliveryError          an alert could not be delivered
          ├── RetryableDeliveryError   worth retrying (429, 5xx, timeouts, connection errors)
          └── PermanentDeliveryError   retrying will not help (channel_not_found, invalid_auth, ...)

Every message names what went wrong and where, so a user can act on it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass


class NewsalertError(Exception):
    """Base of every error newsalert raises on purpose."""


class SettingsError(NewsalertError):
    """A setting (environment variable or option) has a value we cannot use."""


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and a 1-based line and column when known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class ArticleError(NewsalertError):
    """An input article cannot be used: bad JSON, a missing field, a wrong type."""

    def __init__(self, reason: str, *, location: Location | None = None) -> None:
        self.reason = reason
        self.location = location
        super().__init__(f"{location}: {reason}" if location else reason)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a user-written file, with its location."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class RuleError(NewsalertError):
    """One or more rule files are invalid. ``problems`` lists every error found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ExtractionError(NewsalertError):
    """The NLP stage could not process an article."""


class BrokerError(NewsalertError):
    """The embedded broker could not start, or Kafka could not be reached."""


class DeliveryError(NewsalertError):
    """An alert could not be delivered to its sink."""


class RetryableDeliveryError(DeliveryError):
    """Delivery failed in a way that retrying may fix (rate limits, 5xx, timeouts, connection errors)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class PermanentDeliveryError(DeliveryError):
    """Delivery failed in a way that retrying will not fix; the alert is dead-lettered with ``reason``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
