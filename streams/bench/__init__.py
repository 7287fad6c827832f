"""`newsalert bench`: throughput, latency, memory, rule scaling and scale-out, measured in one run.

Phases (each can be skipped; see ``PHASES``):

- ``a``: bare spaCy, ``nlp.pipe`` with the model's full pipeline over the article bodies (the reference);
- ``c``: the offline path of ``rules test --articles``, in process: read -> ``extract_batch`` -> ``RuleSet.match``;
- ``rules``: the same stream matched by 10 and by 1,000 generated rules;
- ``b``: the service end to end (embedded broker, one worker process, shipped rules, Slack), first article produced
  to last alert delivered, then ``latency``: a steady stream at a fixed rate on the same worker;
- ``scaleout``: the same input through two worker processes;
- ``fullparse``: the same input through a worker with ``NEWSALERT_FULL_PARSE=true``; its matches and alerts must
  equal those of ``b``.

Public API: ``BenchOptions``, ``run_benchmark(options, console) -> dict`` (the results, also written as JSON).
"""

from streams.bench.core import PHASES, BenchOptions, run_benchmark

__all__ = ["PHASES", "BenchOptions", "run_benchmark"]
