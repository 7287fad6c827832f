"""A console whose reader is gone dead-letters the alert instead of holding every later alert forever."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slack_helpers import make_alert  # noqa: E402

from streams.errors import PermanentDeliveryError  # noqa: E402
from streams.slack import ConsoleSink  # noqa: E402


def test_a_closed_console_pipe_is_a_permanent_failure() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away, like `newsalert run | head` once head has its lines
    with os.fdopen(write_end, "w") as out:
        state: dict[str, Any] = {}
        with pytest.raises(PermanentDeliveryError) as info:
            asyncio.run(ConsoleSink(out).deliver(make_alert(1), state))
        assert "broken pipe" in info.value.reason
        assert state == {}  # not recorded as printed
        try:
            out.close()
        except BrokenPipeError:
            pass  # the unwritten rest of the alert is still buffered: it cannot be flushed either


def test_an_open_console_still_prints() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as reader, os.fdopen(write_end, "w") as out:
        state: dict[str, Any] = {}
        delivery = asyncio.run(ConsoleSink(out).deliver(make_alert(1), state))
        out.close()
        assert delivery.status == "printed" and reader.read().startswith("ALERT [high] Ambassador summoned")
