"""Churn harness driver (issue 8): embedded broker, W harness workers, a keyed producer, stop/kill/restart cycles;
then counts per partition the offsets never processed although committed past.

    .venv/bin/python tests/churn/harness/driver.py --workers 2 --cycles 6 --seed 7 --burst 1500 --rate 30 \
        --work 0.01 --buf 32 --delay-seek 1.5 [--fix streams.consumer:Transport] --out /tmp/harness
"""

import argparse
import collections
import os
import random
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, ROOT)
from kafka import KafkaProducer  # noqa: E402
from kafka.admin import KafkaAdminClient, NewTopic  # noqa: E402

from streams.broker import EmbeddedBroker  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--workers", type=int, default=2)
p.add_argument("--cycles", type=int, default=6)
p.add_argument("--parts", type=int, default=4)
p.add_argument("--rate", type=float, default=40.0)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--fix", default="")
p.add_argument("--burst", type=int, default=0)
p.add_argument("--buf", type=int, default=4096)
p.add_argument("--delay-seek", default="0")
p.add_argument("--work", type=float, default=0.01)
p.add_argument("--out", default="/tmp/harness")
a = p.parse_args()
rnd = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)
for f in os.listdir(a.out):
    os.remove(os.path.join(a.out, f))
OUT = os.path.join(a.out, "processed.txt")

with EmbeddedBroker() as broker:
    bs = broker.bootstrap
    admin = KafkaAdminClient(bootstrap_servers=bs)
    admin.create_topics(
        [
            NewTopic("h-in", a.parts, 1),
            NewTopic("harness-seen-changelog", a.parts, 1, topic_configs={"cleanup.policy": "compact"}),
            NewTopic("harness-__assignor-__leader", 1, 1),
        ]
    )
    env = {
        **os.environ,
        "H_BROKER": broker.url,
        "H_OUT": OUT,
        "H_PARTS": str(a.parts),
        "H_FIX": a.fix,
        "H_WORK": str(a.work),
        "H_BUF": str(a.buf),
        "H_DELAY_SEEK": a.delay_seek,
        "PYTHONPATH": f"{HERE}:{ROOT}",
    }
    procs = {}

    def start(i):
        log = open(os.path.join(a.out, f"w{i}-{int(time.time() * 1000)}.log"), "w")
        procs[i] = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "happ.py"), "worker", "-l", "info", "--without-web"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    for i in range(a.workers):
        start(i)
    produced = collections.Counter()
    stop = threading.Event()

    def produce():
        prod = KafkaProducer(bootstrap_servers=bs)
        n = 0
        futs = []
        for _ in range(a.burst):
            futs.append(prod.send("h-in", key=f"k{n % 97}".encode(), value=f"v{n}".encode()))
            n += 1
        prod.flush()
        for f in futs:
            md = f.get(timeout=10)
            produced[md.partition] = max(produced[md.partition], md.offset + 1)
        while not stop.is_set():
            md = prod.send("h-in", key=f"k{n % 97}".encode(), value=f"v{n}".encode()).get(timeout=10)
            produced[md.partition] = max(produced[md.partition], md.offset + 1)
            n += 1
            time.sleep(1.0 / a.rate)
        prod.close()

    t = threading.Thread(target=produce)
    t.start()
    time.sleep(12)
    t0 = time.time()
    for c in range(a.cycles):
        i = rnd.randrange(a.workers)
        how = rnd.choice(["term", "kill"])
        print(f"[{time.time() - t0:6.1f}] cycle {c}: {how} worker {i}", flush=True)
        procs[i].send_signal(signal.SIGTERM if how == "term" else signal.SIGKILL)
        try:
            procs[i].wait(timeout=30)
        except subprocess.TimeoutExpired:
            procs[i].kill()
            procs[i].wait()
        time.sleep(rnd.uniform(2, 8))
        start(i)
        time.sleep(rnd.uniform(6, 12))
    stop.set()
    t.join()
    # wait for processing to settle: all offsets seen or committed offsets at the end
    deadline = time.time() + 240
    while time.time() < deadline:
        offs = admin.list_group_offsets("harness")["harness"]
        committed = {tp.partition: om.offset for tp, om in offs.items() if tp.topic == "h-in"}
        if all(committed.get(p, -1) >= produced[p] for p in range(a.parts)):
            break
        time.sleep(1)
    time.sleep(1)
    for pr in procs.values():
        pr.send_signal(signal.SIGTERM)
    for pr in procs.values():
        try:
            pr.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pr.kill()
            pr.wait()
    seen = collections.defaultdict(collections.Counter)
    for line in open(OUT):
        pid, part, off, *_ = line.split()
        seen[int(part)][int(off)] += 1
    total_gaps = 0
    for part in range(a.parts):
        gaps = [o for o in range(produced[part]) if seen[part][o] == 0]
        dups = sum(1 for o, n in seen[part].items() if n > 1)
        total_gaps += len(gaps)
        rng = []
        for o in gaps:
            if rng and rng[-1][1] == o - 1:
                rng[-1][1] = o
            else:
                rng.append([o, o])
        print(
            f"partition {part}: produced {produced[part]} committed {committed.get(part)} "
            f"gaps {len(gaps)} {rng[:10]} dups {dups}"
        )
    print("SKIPPED", total_gaps)
