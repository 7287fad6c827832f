"""What the contiguous-commit consumer may commit, next to what Faust's own consumer commits, on the same sequence.

No broker: the consumers are built but never started; the tests drive their offset bookkeeping directly, in the
order a rebalance drives it (see docs/scaling.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import faust
import pytest
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message

from streams.app import create_app
from streams.consumer import HOLE_GRACE, ContiguousCommitConsumer
from streams.settings import Settings

TOPIC = "articles"
TP0 = TP(TOPIC, 0)
CREATED: list[faust_aiokafka.Consumer] = []


@pytest.fixture
def app(tmp_path: Path) -> Iterator[faust.App]:
    # One loop for every service built here, closed at the end (Faust's services would each make their own).
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    settings = Settings.load({}, broker="kafka://127.0.0.1:1", data_dir=tmp_path, topic_articles=TOPIC)
    application = create_app(settings)
    application.topics._acking_topics.add(TOPIC)  # what subscribing an agent to the topic does
    application.consumer_generation_id = 3
    yield application
    for consumer in [application.consumer, *CREATED]:
        consumer._thread.thread_loop.close()  # each consumer thread makes a loop of its own
    CREATED.clear()
    asyncio.set_event_loop(None)
    loop.close()


def stock_consumer(app: faust.App) -> faust_aiokafka.Consumer:
    consumer = faust_aiokafka.Consumer(
        app.transport, callback=app.topics.on_message, on_partitions_revoked=app._on_partitions_revoked,
        on_partitions_assigned=app._on_partitions_assigned,
    )
    CREATED.append(consumer)
    return consumer


def message(offset: int, *, processed: bool = True, generation: int = 3) -> Message:
    msg = Message(TOPIC, 0, offset, 0.0, 0, None, b"k", b"v", None, tp=TP0, generation_id=generation)
    msg.tracked = processed  # the stream marks a message tracked when it hands it to an agent
    return msg


def test_the_app_uses_the_contiguous_commit_consumer(app: faust.App) -> None:
    assert isinstance(app.consumer, ContiguousCommitConsumer)


def test_a_skipped_message_acked_after_revocation_is_committed_by_faust_but_not_by_us(app: faust.App) -> None:
    # After a revocation the partition's committed offset is forgotten (None); the stream then skips a message
    # that arrives while flow control is suspended, and acks it like a processed one.
    stock = stock_consumer(app)
    stock.ack(message(130, processed=False))
    assert stock._new_offset(TP0) == 131  # Faust would commit past 100..129, never processed

    ours = app.consumer
    assert isinstance(ours, ContiguousCommitConsumer)
    ours.ack(message(130, processed=False))
    assert ours._new_offset(TP0) is None


def test_the_committed_offset_itself_is_never_skipped(app: faust.App) -> None:
    # Committed offset 100 means "100 is next"; 101 and 102 processed, 100 not (dropped as already read).
    stock = stock_consumer(app)
    stock._committed_offset[TP0] = 100
    for offset in (101, 102):
        stock.ack(message(offset))
    assert stock._new_offset(TP0) == 103  # Faust's head check lets exactly one record through

    ours = app.consumer
    assert isinstance(ours, ContiguousCommitConsumer)
    ours._baseline[TP0] = 100
    for offset in (101, 102):
        ours.ack(message(offset))
    assert ours._new_offset(TP0) is None
    ours.ack(message(100))
    assert ours._new_offset(TP0) == 103


def test_nothing_is_committed_before_the_seek_sets_a_baseline(app: faust.App) -> None:
    ours = app.consumer
    assert isinstance(ours, ContiguousCommitConsumer)
    for offset in range(5):
        ours.ack(message(offset))
    assert ours._new_offset(TP0) is None
    ours._baseline[TP0] = 0
    assert ours._new_offset(TP0) == 5


def test_acks_from_an_older_generation_are_not_recorded(app: faust.App) -> None:
    ours = app.consumer
    assert isinstance(ours, ContiguousCommitConsumer)
    ours._baseline[TP0] = 10
    ours.ack(message(10, generation=2))
    assert ours._new_offset(TP0) is None


def test_a_record_skipped_over_is_read_again(app: faust.App) -> None:
    ours = app.consumer
    assert isinstance(ours, ContiguousCommitConsumer)
    ours._baseline[TP0] = 50
    for offset in range(51, 60):
        ours.ack(message(offset))
    ours._find_holes(now=1000.0)
    assert not ours._pending_reseeks  # give an in-order pipeline its grace first
    ours._find_holes(now=1000.0 + HOLE_GRACE)
    assert ours._pending_reseeks == {TP0: 50}
