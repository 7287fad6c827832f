"""A Faust consumer that commits an offset only when every record before it was processed (issue 8).

Why: with two or more workers in a group, faust-streaming 0.15.3 committed offsets past records that no agent ever
processed during rebalances (traced in docs/scaling.md; upstream faust-streaming #216, #221, #312, #606, the last
still open). Faust derives commits from its own per-partition bookkeeping, and that bookkeeping can count a record
as done that no agent saw:

1. its stream acks the messages it *skips* (older generation, or flow control suspended by a rebalance) exactly
   like processed ones;
2. a revocation forgets the partition's committed offset before in-flight work finishes, and until the next
   "Seek stream partitions to committed offsets" `_new_offset` commits the first run of acked offsets with no
   check against the committed offset;
3. with the committed offset known, its head check (``min(acked) - committed > 1``) still lets the committed
   offset itself be skipped;
4. the read offset can be ahead of what was delivered (the fetch loop sets it for a message it abandons when a
   rebalance stops the flow, and the partitions are resumed before the seek lands), so records re-fetched below it
   are dropped as already read, and read-offset jumps are filled in as acknowledged "gaps".

This subclass keeps Faust's acks and periodic commits and changes only what may be committed:

- acks of messages no agent received (never tracked by a stream, or from an older generation) are not recorded;
- after each seek a partition's baseline is its committed offset; an offset N is committed only when every offset
  from the baseline to N-1 was acknowledged; nothing is committed while the baseline is unknown (after a
  revocation, before the seek); read-offset jumps never count as acknowledged;
- a guard: if the first unacknowledged offset stays missing while later offsets were processed (processing is in
  order, so it was dropped), the partition is sought back to it between two fetches (at-least-once: what follows
  is processed again; alerts are idempotent).

Our source topics are never compacted or transactional, so their offsets have no real gaps; on a compacted source
topic the commit would wait at the first compacted offset.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any, ClassVar

from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from faust.types.transports import ConsumerT
from mode.utils.futures import notify

logger = logging.getLogger(__name__)

# Seconds the first unprocessed offset of a partition may stay missing, while later ones are processed, before the
# partition is sought back to it. Generous: processing is in order, so a real hole shows at once.
HOLE_GRACE = 5.0


class LowLatencyConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Faust's consumer thread with a configurable fetch wait.

    Faust hard-codes ``fetch_max_wait_ms=1500``. Apache Kafka answers a waiting fetch as soon as a record arrives,
    but Tansu answers only at that deadline, which added ~240 ms (median) per topic hop, three hops per alert
    (docs/benchmarks.md). The value is applied before the consumer starts, which is when aiokafka reads it.
    """

    def _create_worker_consumer(self, transport: faust_aiokafka.Transport) -> Any:
        consumer = super()._create_worker_consumer(transport)
        fetch_max_wait = getattr(transport, "fetch_max_wait", None)
        if fetch_max_wait is not None:
            consumer._fetch_max_wait_ms = int(fetch_max_wait * 1000)
        return consumer


class FaustConsumer(faust_aiokafka.Consumer):
    """Faust's own commit logic, with the low-latency fetch (for NEWSALERT_CONTIGUOUS_COMMITS=false)."""

    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return LowLatencyConsumerThread(self, loop=self.loop, beacon=self.beacon)


class ContiguousCommitConsumer(FaustConsumer):
    """aiokafka consumer whose commits never pass a record that no agent processed (faust-streaming #606)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The first offset not yet known to be processed, per partition; absent = unknown, commit nothing.
        self._baseline: dict[TP, int] = {}
        self._holes: dict[TP, tuple[int, float]] = {}
        self._pending_reseeks: dict[TP, int] = {}
        super().__init__(*args, **kwargs)

    # -- what counts as processed -------------------------------------------------------------------------------

    def ack(self, message: Message) -> bool:
        if self.app.topics.acks_enabled_for(message.topic) and not self._was_processed(message):
            # Skipped by the stream (rebalance, old generation): release it without recording its offset, so
            # it is fetched again rather than committed over.
            logger.debug("Not counting %s[%d]@%d as processed: no agent received it in this generation",
                         message.topic, message.partition, message.offset)
            message.acked = True
            self._unacked_messages.discard(message)
            notify(self._waiting_for_ack)
            return False
        return bool(super().ack(message))

    def _was_processed(self, message: Message) -> bool:
        if not message.tracked:  # the stream marks a message tracked when it hands it to an agent
            return False
        generation = message.generation_id
        return generation is None or generation == self.app.consumer_generation_id

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        # A read-offset jump is not a compaction gap on our topics: it is records not delivered (reason 4 above).
        logger.debug("Read offset of %s jumped to %d; not counting %d.. as processed", tp, offset_to, offset_from)

    def _new_offset(self, tp: TP) -> int | None:
        start = self._baseline.get(tp)
        acked = self._acked[tp]
        if start is None or not acked:
            return None
        index = self._acked_index[tp]
        end = start
        while end in index:
            end += 1
        done = [offset for offset in acked if offset < end]
        if done:
            acked[:] = sorted(offset for offset in acked if offset >= end)
            index.difference_update(done)
        if end == start:
            return None
        self._baseline[tp] = end
        self._holes.pop(tp, None)
        return end

    # -- seeks ----------------------------------------------------------------------------------------------------

    async def perform_seek(self) -> None:
        """Seek to the committed offsets and make them the baselines; forget acks from before the seek."""
        committed = await self.seek_to_committed()
        acking = self.app.topics.acks_enabled_for
        unknown = [tp for tp, offset in committed.items() if (offset is None or offset < 0) and acking(tp.topic)]
        fallback = await self._start_offsets(unknown) if unknown else {}
        for tp, offset in committed.items():
            known = offset is not None and offset >= 0
            self._read_offset[tp] = offset if known and offset else None
            if known and offset:
                self._committed_offset[tp] = offset
            if not acking(tp.topic):
                continue  # changelogs and other topics Faust reads without acks: not ours to commit
            # Acks already recorded stay: the ack filter let through only records an agent processed.
            start = offset if known else fallback.get(tp)
            if start is None:
                self._baseline.pop(tp, None)
            else:
                self._baseline[tp] = start
        logger.info("Seek done; commits resume from %s",
                    ", ".join(f"{tp.topic}[{tp.partition}]@{o}" for tp, o in sorted(self._baseline.items())))

    async def _start_offsets(self, tps: list[TP]) -> Mapping[TP, int]:
        """Where consumption starts on partitions with no committed offset (the auto_offset_reset policy)."""
        if self.app.conf.consumer_auto_offset_reset == "latest":
            return await self.highwaters(*tps)
        return await self.earliest_offsets(*tps)

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        await self._apply_reseeks()
        async for tp, message in super().getmany(timeout):
            yield tp, message

    # -- rebalance ------------------------------------------------------------------------------------------------

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        for tp in revoked:
            self._baseline.pop(tp, None)
            self._holes.pop(tp, None)
            self._pending_reseeks.pop(tp, None)
        await super().on_partitions_revoked(revoked)

    # -- the guard: seek back to a record that was skipped over -----------------------------------------------------

    async def verify_all_partitions_active(self) -> None:
        await super().verify_all_partitions_active()
        self._find_holes(time.monotonic())

    def _find_holes(self, now: float) -> None:
        in_flight = {(m.tp, m.offset) for m in self._unacked_messages}
        for tp, start in list(self._baseline.items()):
            acked = self._acked.get(tp)
            if not acked or start in self._acked_index[tp] or (tp, start) in in_flight:
                self._holes.pop(tp, None)
                continue
            seen = self._holes.get(tp)
            if seen is None or seen[0] != start:
                self._holes[tp] = (start, now)
            elif now - seen[1] >= HOLE_GRACE:
                logger.warning(
                    "Offset %d of %s[%d] was never processed although %d later offsets were; reading again from it",
                    start, tp.topic, tp.partition, len(acked),
                )
                self._pending_reseeks[tp] = start
                self._holes.pop(tp, None)

    async def _apply_reseeks(self) -> None:
        """Re-seek between two fetches, when no fetched record is in hand."""
        if not self._pending_reseeks:
            return
        reseeks, self._pending_reseeks = self._pending_reseeks, {}
        assignment = self.assignment()
        for tp, start in reseeks.items():
            if tp not in assignment or self._baseline.get(tp) != start:
                continue
            await self.seek_wait({tp: start})
            self._read_offset[tp] = start or None


class Transport(faust_aiokafka.Transport):
    """Faust's aiokafka transport with our consumer: contiguous commits and the configured fetch wait."""

    Consumer: ClassVar[type[ConsumerT]] = ContiguousCommitConsumer

    def __init__(self, *args: Any, fetch_max_wait: float | None = None, **kwargs: Any) -> None:
        # None keeps Faust's own fetch wait.
        super().__init__(*args, **kwargs)
        self.fetch_max_wait = fetch_max_wait


class FaustCommitTransport(Transport):
    """Faust's own commit logic with the configured fetch wait (NEWSALERT_CONTIGUOUS_COMMITS=false)."""

    Consumer: ClassVar[type[ConsumerT]] = FaustConsumer
