"""Routing: rule channels, subscriptions by labels / level / rule, the default channel, quiet hours, the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from slack_helpers import make_alert

from streams.cli.routes_cmd import routes as routes_cli
from streams.errors import RuleError
from streams.slack import load_subscriptions, route, routes

SUBSCRIPTIONS = """
subscriptions:
  - channel: "#korea-desk"
    match:
      labels: {region: [east-asia, korea]}
  - channel: "#oncall"
    match: {level: critical}
  - channel: "#diplomacy"
    match: {rules: [ambassador-summoned], level: medium}
    quiet_hours: {start: "22:00", end: "07:00", timezone: Europe/London}
"""


@pytest.fixture
def subscriptions_file(tmp_path: Path) -> Path:
    path = tmp_path / "subscriptions.yaml"
    path.write_text(SUBSCRIPTIONS)
    return path


def test_rule_channels_then_matching_subscriptions(subscriptions_file: Path) -> None:
    subs = load_subscriptions(subscriptions_file)
    alert = make_alert(channels=("#news",), level="high", labels={"region": "korea"})
    assert route(alert, subs, default_channel="#alerts") == ["#news", "#korea-desk", "#diplomacy"]
    critical = make_alert(channels=(), level="critical", labels={}, rule_id="un-veto")
    assert route(critical, subs, default_channel="#alerts") == ["#oncall"]


def test_unclaimed_alert_goes_to_the_default_channel(subscriptions_file: Path) -> None:
    subs = load_subscriptions(subscriptions_file)
    low = make_alert(channels=(), level="low", labels={"region": "europe"}, rule_id="other")
    assert route(low, subs, default_channel="#alerts") == ["#alerts"]
    # the same channel from rule and subscription is one route
    assert route(make_alert(channels=("korea-desk",)), subs, default_channel="#alerts")[:1] == ["korea-desk"]
    assert len(route(make_alert(channels=("korea-desk",)), subs, default_channel="#alerts")) == 2


def test_quiet_hours_overnight_in_the_subscription_timezone(subscriptions_file: Path) -> None:
    subs = load_subscriptions(subscriptions_file)
    alert = make_alert(channels=(), level="high", labels={})
    [diplomacy] = routes(alert, subs, default_channel="#alerts")
    assert diplomacy.held_at(datetime(2024, 1, 10, 23, 30, tzinfo=UTC))  # 23:30 in London (GMT)
    assert diplomacy.held_at(datetime(2024, 1, 10, 6, 59, tzinfo=UTC))
    assert not diplomacy.held_at(datetime(2024, 1, 10, 7, 0, tzinfo=UTC))
    assert not diplomacy.held_at(datetime(2024, 7, 10, 6, 30, tzinfo=UTC))  # 07:30 in London (BST)


def test_missing_file_means_no_subscriptions(tmp_path: Path) -> None:
    assert load_subscriptions(tmp_path / "absent.yaml").items == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("subscriptions:\n  - channel: '#a'\n    match: {level: urgent}\n", "unknown level 'urgent'"),
        ("subscriptions:\n  - channel: '#a'\n    colour: red\n", "colour"),
        ("subscriptions:\n  - match: {}\n", "channel"),
        (
            "subscriptions:\n  - channel: '#a'\n    quiet_hours: {start: '25:00', end: '07:00'}\n",
            "not a time of day",
        ),
        (
            "subscriptions:\n  - channel: '#a'\n    quiet_hours: {start: '22:00', end: '07:00', timezone: Mars}\n",
            "Mars",
        ),
        ("subscriptions: [\n", "invalid YAML"),
    ],
)
def test_invalid_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "subscriptions.yaml"
    path.write_text(text)
    with pytest.raises(RuleError) as info:
        load_subscriptions(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_shipped_subscriptions_file_is_valid() -> None:
    shipped = Path(__file__).resolve().parents[2] / "rules" / "subscriptions.yaml"
    load_subscriptions(shipped)


def test_routes_test_command(subscriptions_file: Path) -> None:
    runner = CliRunner()
    args = ["test", "region=east-asia", "--level", "high", "--rule", "ambassador-summoned"]
    args += ["--subscriptions", str(subscriptions_file), "--channel", "#news", "--at", "2024-01-10T23:00:00Z"]
    result = runner.invoke(routes_cli, args, env={"SLACK_DEFAULT_CHANNEL": "#alerts"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("#news  (named by the rule)")
    assert lines[2].startswith("#korea-desk  (subscription #1)")
    assert lines[3].startswith("#diplomacy  (subscription #3)") and "held: quiet hours" in lines[3]

    args = ["test", "-l", "region=europe", "--subscriptions", str(subscriptions_file), "--json"]
    result = runner.invoke(routes_cli, args, env={"SLACK_DEFAULT_CHANNEL": "#alerts"})
    assert json.loads(result.output)["routes"] == [{"channel": "#alerts", "held": False, "why": "default channel"}]

    bad = runner.invoke(routes_cli, ["test", "region", "--subscriptions", str(subscriptions_file)])
    assert bad.exit_code == 2 and "not KEY=VALUE" in bad.output
