"""Trace of Faust's consumer offset bookkeeping (ack, commit, seek, revoke/assign, read-offset jumps and drops),
patched in for the harness only. H_DELAY_SEEK delays the seek's OffsetFetch to widen the race window."""

import logging

from faust.transport import consumer as C

log = logging.getLogger("trace")


def install(app):
    Cons = C.Consumer
    orig_ack = Cons.ack

    def ack(self, message):
        committed = self._committed_offset[message.tp]
        r = orig_ack(self, message)
        gen = self.app.consumer_generation_id
        if message.generation_id != gen or not r or not self.app.flow_control.is_active() or not self.flow_active:
            log.warning(
                "TRACE ack tp=%s off=%s msg_gen=%s app_gen=%s appended=%s committed=%s fc_active=%s flow=%s",
                message.tp.partition,
                message.offset,
                message.generation_id,
                gen,
                r,
                committed,
                self.app.flow_control.is_active(),
                self.flow_active,
            )
        return r

    Cons.ack = ack
    orig_gap = Cons._add_gap

    async def _add_gap(self, tp, a, b):
        log.warning(
            "TRACE add_gap tp=%s %s..%s committed=%s read=%s",
            tp.partition,
            a,
            b,
            self._committed_offset[tp],
            self._read_offset.get(tp),
        )
        return await orig_gap(self, tp, a, b)

    Cons._add_gap = _add_gap
    orig_seek = Cons.perform_seek
    import asyncio
    import os

    delay = float(os.environ.get("H_DELAY_SEEK", "0"))
    orig_stc = C.ThreadDelegateConsumer.seek_to_committed

    async def seek_to_committed(self):
        if delay:
            await asyncio.sleep(delay)  # widen the window: a slow OffsetFetch while the fetch flow runs
        return await orig_stc(self)

    C.ThreadDelegateConsumer.seek_to_committed = seek_to_committed

    async def perform_seek(self):
        await orig_seek(self)
        log.warning(
            "TRACE perform_seek read=%s committed=%s acked=%s gen=%s",
            {k.partition: v for k, v in self._read_offset.items() if k.topic == "h-in"},
            {k.partition: v for k, v in self._committed_offset.items() if k.topic == "h-in"},
            {k.partition: (min(v), max(v), len(v)) for k, v in self._acked.items() if v and k.topic == "h-in"},
            self.app.consumer_generation_id,
        )

    Cons.perform_seek = perform_seek
    orig_commit = Cons._commit_offsets

    async def _commit_offsets(self, offsets, start_new_transaction=True):
        r = await orig_commit(self, offsets, start_new_transaction)
        log.warning("TRACE commit %s ok=%s", {k.partition: v for k, v in offsets.items() if k.topic == "h-in"}, r)
        return r

    Cons._commit_offsets = _commit_offsets
    orig_rev = Cons.on_partitions_revoked

    async def on_partitions_revoked(self, revoked):
        log.warning(
            "TRACE revoked %s acked=%s read=%s",
            sorted(t.partition for t in revoked if t.topic == "h-in"),
            {k.partition: (min(v), max(v), len(v)) for k, v in self._acked.items() if v and k.topic == "h-in"},
            {k.partition: v for k, v in self._read_offset.items() if k.topic == "h-in"},
        )
        return await orig_rev(self, revoked)

    Cons.on_partitions_revoked = on_partitions_revoked
    orig_asg = Cons.on_partitions_assigned

    async def on_partitions_assigned(self, assigned, generation_id=0):
        log.warning(
            "TRACE assigned %s gen=%s", sorted(t.partition for t in assigned if t.topic == "h-in"), generation_id
        )
        return await orig_asg(self, assigned, generation_id)

    Cons.on_partitions_assigned = on_partitions_assigned
    orig_getmany = Cons.getmany

    async def getmany(self, timeout):
        async for tp, msg in orig_getmany(self, timeout):
            if tp.topic == "h-in":
                r = self._read_offset.get(tp)
                if r is not None and msg.offset > r + 1:
                    log.warning(
                        "TRACE jump tp=%s read=%s got=%s msg_gen=%s app_gen=%s flow=%s",
                        tp.partition,
                        r,
                        msg.offset,
                        msg.generation_id,
                        self.app.consumer_generation_id,
                        self.flow_active,
                    )
                elif r is not None and msg.offset < r:
                    log.warning("TRACE drop tp=%s read=%s got=%s", tp.partition, r, msg.offset)
            yield tp, msg

    Cons.getmany = getmany
