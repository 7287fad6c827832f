"""Where the benchmark's workers deliver alerts: the Slack Web API emulator of the checkout's tests, or the console.

The emulator lives in ``tests/`` (it is a test tool, not part of the package), so the benchmark never imports it:
from a checkout it runs ``python tests/slack_emulator.py --port 0`` as a child process, which makes delivery a
real HTTP round trip through slack-sdk as in production. From an installed package without the tests folder,
alerts go to the console sink instead (the worker's stdout, discarded) and the results say so.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from streams.errors import NewsalertError
from streams.processes import stop_process

logger = logging.getLogger(__name__)

EMULATOR = Path(__file__).resolve().parents[2] / "tests" / "slack_emulator.py"
TOKEN = "xoxb-newsalert-bench-0000"  # the emulator accepts any xox... token when started without --token


class SlackTarget:
    """A running emulator (``url`` set) or the console sink (``url`` None)."""

    def __init__(self, *, use_emulator: bool = True) -> None:
        self.use_emulator = use_emulator and EMULATOR.is_file()
        self.url: str | None = None
        self._process: subprocess.Popen[str] | None = None

    @property
    def kind(self) -> str:
        return "slack-emulator" if self.url else "console"

    def start(self) -> SlackTarget:
        if not self.use_emulator:
            logger.info("Slack emulator not found (%s): alerts go to the console sink", EMULATOR)
            return self
        self._process = subprocess.Popen(
            [sys.executable, str(EMULATOR), "--port", "0"], stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()  # "listening on http://127.0.0.1:PORT/api/ webhook ..."
        if not line.startswith("listening on "):
            self.stop()
            raise NewsalertError(f"the Slack emulator did not start: {line!r}")
        self.url = line.split()[2]
        return self

    def worker_env(self) -> dict[str, str]:
        if self.url is None:
            return {}
        return {"SLACK_BOT_TOKEN": TOKEN, "SLACK_API_URL": self.url, "SLACK_DEFAULT_CHANNEL": "#alerts"}

    def requests(self) -> list[dict[str, Any]]:
        """Every request the emulator received so far (method, params, status, ok, at)."""
        if self.url is None:
            return []
        base = self.url.removesuffix("/api/")
        with urllib.request.urlopen(f"{base}/_emulator/requests", timeout=10) as response:
            data: list[dict[str, Any]] = json.load(response)
        return data

    def reset(self) -> None:
        if self.url is None:
            return
        base = self.url.removesuffix("/api/")
        request = urllib.request.Request(f"{base}/_emulator/reset", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        stop_process(process, timeout=5)
        if process.stdout is not None:
            process.stdout.close()

    def __enter__(self) -> SlackTarget:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
