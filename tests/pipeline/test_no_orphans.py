"""Killing `newsalert run` outright takes its broker and worker with it: no orphan keeps a port or a group, even
when the worker was up and serving (its stop is bounded by NEWSALERT_SHUTDOWN_GRACE)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from streams.broker import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.broker, pytest.mark.slow]


def children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its parent has not collected it


def wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are a Linux feature")
def test_a_killed_run_leaves_no_broker_or_worker_behind(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "NEWSALERT_DATA_DIR": str(tmp_path), "NEWSALERT_WEB_PORT": str(port),
           "NEWSALERT_SHUTDOWN_GRACE": "3"}  # fmt: skip
    env.pop("NEWSALERT_BROKER", None)
    run = subprocess.Popen([sys.executable, "-m", "streams.cli.main", "run"], env=env, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: len(children(run.pid)) == 2, 60), "run should start a broker and a worker"
        started = children(run.pid)
        # Kill it once the worker has joined its group, not while it is still starting: a running worker, whose
        # broker dies with the run, must not linger (Faust alone would wait a minute on the dead broker).
        assert wait_for(lambda: answers(f"http://127.0.0.1:{port}/ready"), 120), "the worker never became ready"
        run.send_signal(signal.SIGKILL)  # no chance to clean up
        run.wait()
        assert wait_for(lambda: not any(alive(pid) for pid in started), 20), [p for p in started if alive(p)]
    finally:
        if run.poll() is None:
            run.kill()
        for pid in children(run.pid):
            os.kill(pid, signal.SIGKILL)
