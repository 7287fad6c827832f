"""The `newsalert` command line: one group, one subcommand per job.

Subcommands that belong to a stage live beside it (extract_cmd, rules_cmd, routes_cmd); this module holds the
service commands (broker, worker, replay, run, topics) and wires the rest in.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from streams.errors import NewsalertError
from streams.settings import Settings

logger = logging.getLogger("newsalert")

BROKER_HELP = "Kafka URL, e.g. kafka://localhost:9092 (default: $NEWSALERT_BROKER; unset = embedded broker)."


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings.load(None, **overrides)
    except NewsalertError as exc:
        raise click.UsageError(str(exc)) from None


def setup_logging(settings: Settings) -> None:
    from streams.logs import configure_logging

    secrets = [v for v in (settings.slack_bot_token, settings.slack_webhook_url, settings.sasl_password) if v]
    configure_logging(settings.log_level, settings.log_format, secrets=secrets)


class NewsalertGroup(click.Group):
    """Turns our own errors into one clear line and exit status 1 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewsalertError as exc:
            click.echo(f"newsalert: error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=NewsalertGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsalert")
def cli() -> None:
    """Streaming news alerts: articles on Kafka -> events (who did what to whom) -> YAML rules -> Slack.

    Settings come from environment variables (see the README); options override them.
    """


@cli.command()
@click.option("--port", type=int, default=9092, show_default=True, help="Loopback port to listen on.")
def broker(port: int) -> None:
    """Run the embedded broker (Tansu, memory-only) in the foreground until Ctrl-C."""
    from streams.broker import EmbeddedBroker

    embedded = EmbeddedBroker(port=port, quiet=False).start()
    click.echo(f"newsalert: embedded broker at {embedded.url} (memory only; Ctrl-C stops it)", err=True)
    try:
        sys.exit(embedded.wait())
    except KeyboardInterrupt:
        embedded.stop()


@cli.command()
@click.option("--broker", "broker_url", help=BROKER_HELP)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Rules folder, watched for changes (default: $NEWSALERT_RULES or rules/).")
@click.option("--web-port", type=int, help="Port of /metrics, /health, /ready (default: $NEWSALERT_WEB_PORT or 6066).")
def worker(broker_url: str | None, rules_dir: Path | None, web_port: int | None) -> None:
    """Run a Faust worker: consume articles, extract events, match rules, deliver alerts.

    It needs a running broker (--broker or $NEWSALERT_BROKER). Start several on one broker to share the
    partitions; stop with SIGTERM or Ctrl-C.
    """
    settings = load_settings(broker=broker_url, rules_dir=rules_dir, web_port=web_port)
    if settings.broker is None:
        raise click.UsageError("a worker needs a broker: pass --broker or set NEWSALERT_BROKER "
                               "(`newsalert run` starts an embedded one)")
    setup_logging(settings)
    from streams.worker import run_worker

    run_worker(settings)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--broker", "broker_url", help=BROKER_HELP)
@click.option("--topic", help="Topic to produce to (default: $NEWSALERT_TOPIC_ARTICLES or articles).")
@click.option("--rate", type=float, help="At most this many articles per second (default: as fast as possible).")
@click.option("--raw", is_flag=True, help="Send each line of the files as it is, unvalidated (tests dead-lettering).")
def replay(paths: tuple[str, ...], broker_url: str | None, topic: str | None, rate: float | None, raw: bool) -> None:
    """Produce articles from files to Kafka, keyed by article id.

    PATHS are JSON Lines, JSON (object or array) or .txt files (one article each, id = file name), or folders
    (read recursively), or - for JSON Lines on stdin. Bad records are reported with path and line and skipped.
    """
    settings = load_settings(broker=broker_url)
    if settings.broker is None:
        raise click.UsageError("replay needs a broker: pass --broker or set NEWSALERT_BROKER")
    setup_logging(settings)
    from streams.replay import replay as produce
    from streams.replay import replay_raw_lines
    from streams.sources import read_articles
    from streams.topics import create_topics

    create_topics(settings)
    if raw:
        count = replay_raw_lines(settings, [Path(p) for p in paths], topic=topic)
    else:
        count = len(produce(settings, read_articles(paths), topic=topic, rate=rate))
    click.echo(f"newsalert: replayed {count} articles to {topic or settings.topic_articles}", err=True)


@cli.command()
@click.option("--broker", "broker_url", help=BROKER_HELP)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Rules folder (default: $NEWSALERT_RULES or rules/).")
@click.option("--replay", "replay_paths", multiple=True,
              help="Article file or folder to replay once the worker runs (repeatable).")
@click.option("--exit-when-done", is_flag=True,
              help="Exit 0 once every replayed article is processed and every resulting alert delivered.")
@click.option("--timeout", type=float, default=120.0, show_default=True,
              help="With --exit-when-done: give up (exit 1, naming what is pending) after this many seconds "
                   "without progress.")
def run(broker_url: str | None, rules_dir: Path | None, replay_paths: tuple[str, ...], exit_when_done: bool,
        timeout: float) -> None:
    """The all-in-one job: broker (embedded unless configured), topics, a worker, and an optional replay.

    With no Slack token or webhook configured, alerts are printed to the console.
    """
    settings = load_settings(broker=broker_url, rules_dir=rules_dir)
    setup_logging(settings)
    from streams.runner import run as run_all

    sys.exit(run_all(settings, replay_paths=replay_paths, exit_when_done=exit_when_done, timeout=timeout))


@cli.group()
def topics() -> None:
    """Manage the Kafka topics newsalert uses."""


@topics.command("create")
@click.option("--broker", "broker_url", help=BROKER_HELP)
def topics_create(broker_url: str | None) -> None:
    """Create every missing topic with the configured partitions ($NEWSALERT_PARTITIONS)."""
    settings = load_settings(broker=broker_url)
    if settings.broker is None:
        raise click.UsageError("pass --broker or set NEWSALERT_BROKER")
    setup_logging(settings)
    from streams.topics import create_topics

    created = create_topics(settings)
    click.echo(f"newsalert: created {len(created)} topics" + (f": {', '.join(created)}" if created else ""))


def _register_stage_commands() -> None:
    from streams.cli.bench_cmd import bench
    from streams.cli.churn_cmd import churn
    from streams.cli.extract_cmd import eval_cmd, extract
    from streams.cli.routes_cmd import routes
    from streams.cli.rules_cmd import rules

    cli.add_command(extract)
    cli.add_command(eval_cmd, "eval")
    cli.add_command(rules)
    cli.add_command(routes)
    cli.add_command(bench)
    cli.add_command(churn)


_register_stage_commands()

if __name__ == "__main__":
    cli()
