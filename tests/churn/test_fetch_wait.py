"""The consumer fetches with NEWSALERT_FETCH_MAX_WAIT, not Faust's hard-coded 1.5 s (latency on the embedded broker)."""

from __future__ import annotations

import asyncio

import pytest

from streams.app import create_app
from streams.consumer import ContiguousCommitConsumer, FaustConsumer, LowLatencyConsumerThread
from streams.settings import Settings


@pytest.mark.parametrize(("contiguous", "consumer_class"), [(True, ContiguousCommitConsumer), (False, FaustConsumer)])
def test_worker_consumer_uses_the_configured_fetch_wait(contiguous: bool, consumer_class: type) -> None:
    settings = Settings.load({}, broker="kafka://127.0.0.1:9", fetch_max_wait=0.05, contiguous_commits=contiguous)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        app = create_app(settings)
        consumer = app.consumer
        thread = consumer._thread
        try:
            assert type(consumer) is consumer_class
            assert isinstance(thread, LowLatencyConsumerThread)

            async def fetch_wait() -> int:  # aiokafka builds its consumer inside a running loop
                aiokafka_consumer = thread._create_worker_consumer(app.transport)
                wait: int = aiokafka_consumer._fetch_max_wait_ms
                await aiokafka_consumer.stop()
                return wait

            assert loop.run_until_complete(fetch_wait()) == 50
        finally:
            thread.thread_loop.close()  # each consumer thread makes a loop of its own
    finally:
        asyncio.set_event_loop(None)
        loop.close()
