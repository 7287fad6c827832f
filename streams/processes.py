"""Stopping child processes (broker, workers, the Slack emulator) politely, then firmly."""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any


def die_with_parent(sig: signal.Signals) -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel send ``sig`` to the child when its parent dies (Linux only).

    Without it a `newsalert run` that is killed leaves its broker and worker running as orphans; an orphaned
    worker would even join the next run's consumer group if a new embedded broker got the same port.
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    pr_set_pdeathsig = 1

    def set_parent_death_signal() -> None:
        libc.prctl(pr_set_pdeathsig, int(sig))

    return set_parent_death_signal


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
