"""Churn harness app (issue 8): a Faust app with streams/app.py's group settings whose agent records every
(partition, offset) it processes. Started by driver.py; H_FIX=streams.consumer:Transport swaps in our consumer."""

import asyncio
import logging
import os
import time

import faust

BROKER = os.environ["H_BROKER"]
OUT = os.environ["H_OUT"]
TRACE = os.environ.get("H_TRACE", "1") == "1"
PARTS = int(os.environ.get("H_PARTS", "4"))
FIX = os.environ.get("H_FIX", "")


app = faust.App(
    "harness",
    broker=BROKER,
    store="memory://",
    autodiscover=False,
    datadir=os.path.join(os.path.dirname(OUT), f"data-{os.getpid()}"),
    topic_partitions=PARTS,
    topic_allow_declare=False,
    broker_session_timeout=6.0,
    broker_heartbeat_interval=2.0,
    broker_commit_interval=0.5,
    consumer_auto_offset_reset="earliest",
    processing_guarantee="at_least_once",
    web_enabled=False,
    stream_buffer_maxsize=int(os.environ.get("H_BUF", "4096")),
)
if FIX:
    import importlib

    mod, _, name = FIX.partition(":")
    cls = getattr(importlib.import_module(mod), name)
    app.transport = cls(app.conf.broker_consumer, app)

topic = app.topic(
    "h-in", key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", partitions=PARTS
)
table = app.Table("seen", key_type=str, value_type=None, partitions=PARTS)
fd = os.open(OUT, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
log = logging.getLogger("harness")


@app.agent(topic, name="extract")
async def extract(stream):
    async for batch in stream.take_events(64, within=0.5):
        await asyncio.get_running_loop().run_in_executor(
            None, time.sleep, float(os.environ.get("H_WORK", "0.01")) * len(batch)
        )
        lines = "".join(
            f"{os.getpid()} {e.message.partition} {e.message.offset} "
            f"{e.message.generation_id} {app.consumer_generation_id}\n"
            for e in batch
        )
        os.write(fd, lines.encode())


if TRACE:
    import tracing

    tracing.install(app)

if __name__ == "__main__":
    app.main()
