"""What can be checked of docker/ without a Docker engine: the Dockerfile's shape and the compose files.

The compose files are validated by Debian's `docker-compose` (installed by docker/ensure-compose-validator,
which `./dev test` runs first). A missing validator fails these tests; it never skips them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yaml"
SECRETS_OVERLAY = DOCKER / "compose.secrets.yaml"


def _final_stage(dockerfile: str) -> list[tuple[str, str]]:
    """(instruction, arguments) of the last build stage, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    instructions = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            instructions.append((word.upper(), rest.strip()))
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last_from:]


@pytest.fixture(scope="module")
def final_stage() -> list[tuple[str, str]]:
    return _final_stage((DOCKER / "Dockerfile").read_text(encoding="utf-8"))


def test_image_runs_as_a_non_root_user(final_stage: list[tuple[str, str]]) -> None:
    users = [args for word, args in final_stage if word == "USER"]
    assert users, "the runtime stage sets no USER, so it runs as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_entrypoint_runs_newsalert_worker(final_stage: list[tuple[str, str]]) -> None:
    [entrypoint] = [json.loads(args) for word, args in final_stage if word == "ENTRYPOINT"]
    [cmd] = [json.loads(args) for word, args in final_stage if word == "CMD"]
    assert entrypoint == ["newsalert"]
    assert cmd == ["worker"]


def test_healthcheck_asks_the_worker(final_stage: list[tuple[str, str]]) -> None:
    [check] = [args for word, args in final_stage if word == "HEALTHCHECK"]
    assert "/health" in check and "urllib" in check


def test_no_secret_is_baked_into_the_image() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    for name in ("SLACK_BOT_TOKEN", "SLACK_WEBHOOK_URL", "NEWSALERT_SASL_PASSWORD"):
        assert not re.search(rf"^\s*(ENV|ARG)\b.*\b{name}\b", dockerfile, re.MULTILINE), name
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and "docker/secrets" in ignored


def _compose(*files: Path, args: tuple[str, ...] = ("config",)) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("docker-compose")
    assert exe, "docker-compose is not installed: run docker/ensure-compose-validator (as root) first"
    cmd = [exe, "--project-directory", str(DOCKER)]
    for f in files:
        cmd += ["-f", str(f)]
    # A clean environment: the check must not depend on what the developer has exported.
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
    return subprocess.run(
        [*cmd, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("files", [(COMPOSE,), (COMPOSE, SECRETS_OVERLAY)], ids=["compose", "with-secrets"])
def test_docker_compose_accepts_the_files(files: tuple[Path, ...]) -> None:
    result = _compose(*files, args=("--profile", "replay", "--profile", "monitoring", "config", "-q"))
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def resolved() -> dict[str, Any]:
    result = _compose(
        COMPOSE, SECRETS_OVERLAY, args=("--profile", "replay", "--profile", "monitoring", "config")
    )
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


def test_kafka_is_apache_kafka_in_kraft_mode_with_a_volume(resolved: dict[str, Any]) -> None:
    kafka = resolved["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert set(kafka["environment"]["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert any(str(v).startswith("kafka-data:/var/lib/kafka/data") for v in kafka["volumes"])
    assert kafka["environment"]["KAFKA_LOG_DIRS"] == "/var/lib/kafka/data"


def test_two_workers_after_topics_with_read_only_rules(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    assert services["topics"]["command"][:2] == ["topics", "create"]
    workers = {name: s for name, s in services.items() if s.get("command") == ["worker"]}
    assert len(workers) == 2
    for worker in workers.values():
        assert worker["environment"]["NEWSALERT_BROKER"] == "kafka://kafka:9092"
        assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
        assert any(str(v).endswith(":/app/rules:ro") for v in worker["volumes"])
        assert worker["environment"]["SLACK_BOT_TOKEN_FILE"] == "/run/secrets/slack_bot_token"
        assert "/ready" in " ".join(worker["healthcheck"]["test"])


def test_replay_and_prometheus_are_profiles(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    assert services["replay"]["profiles"] == ["replay"]
    assert services["replay"]["command"][:2] == ["replay", "/app/seeds"]
    assert services["prometheus"]["profiles"] == ["monitoring"]
    scrape = yaml.safe_load((DOCKER / "prometheus.yml").read_text(encoding="utf-8"))
    targets = scrape["scrape_configs"][0]["static_configs"][0]["targets"]
    assert sorted(targets) == ["worker-1:6066", "worker-2:6066"]


def test_every_setting_reaches_the_containers(resolved: dict[str, Any]) -> None:
    from streams.settings import SETTINGS

    environment = resolved["services"]["worker-1"]["environment"]
    assert [f.metadata["env"] for f in SETTINGS if f.metadata["env"] not in environment] == []
