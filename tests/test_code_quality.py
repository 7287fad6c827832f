"""The code style the project holds itself to: ruff everywhere, mypy strict on streams/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "streams", "tests", "docker")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing_in_streams() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
