"""Stopping child processes (broker, workers, the Slack emulator) politely, then firmly."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Sequence
from typing import Any


def stop_processes(processes: Sequence[subprocess.Popen[Any]], *, timeout: float = 30.0) -> None:
    """SIGTERM every process at once, wait up to ``timeout`` each, then SIGKILL what is left.

    Signalling all before waiting on any matters for workers: one stopping alone would hand its partitions to the
    others and make them rebalance on the way out.
    """
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_process(process: subprocess.Popen[Any], *, timeout: float = 30.0) -> None:
    stop_processes([process], timeout=timeout)
