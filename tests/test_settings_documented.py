"""Every setting is documented, and streams/settings.py is the only reader of the environment."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from streams.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
ENV_READERS = {"environ", "environb", "getenv", "getenvb"}


def _sync_settings() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sync_settings", ROOT / "docker" / "sync_settings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("doc", ["README.md", "docs/production.md"])
def test_every_setting_is_documented_with_its_default(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    missing = [f.metadata["env"] for f in SETTINGS if f"`{f.metadata['env']}`" not in text]
    assert not missing, f"undocumented in {doc}: {missing}; run python docker/sync_settings.py"


def test_generated_settings_lists_are_up_to_date() -> None:
    stale = _sync_settings().stale()
    assert not stale, (
        f"out of date with streams/settings.py: {[str(p.relative_to(ROOT)) for p in stale]};"
        " run .venv/bin/python docker/sync_settings.py"
    )


def _environment_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # `{**os.environ, ...}` hands the whole environment to a child process untouched: forwarding, not reading.
    forwarded = {
        id(value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values, strict=True)
        if key is None
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ENV_READERS
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and id(node) not in forwarded
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: os.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}: from os import {alias.name}"
                for alias in node.names
                if alias.name in ENV_READERS
            ]
    return found


def test_only_the_settings_module_reads_the_environment() -> None:
    reads = [
        hit
        for path in sorted((ROOT / "streams").rglob("*.py"))
        if path != ROOT / "streams" / "settings.py"
        for hit in _environment_reads(path)
    ]
    assert not reads, "read the environment in streams/settings.py only:\n" + "\n".join(reads)
