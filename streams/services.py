"""What the agents share in one worker process: settings, the loaded model, the live rules and the alert sink."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

from streams import metrics
from streams.errors import Problem
from streams.nlp import Extractor
from streams.rules import RuleSet
from streams.rules.watch import RuleWatcher
from streams.settings import Settings
from streams.slack import AlertSink, build_sink
from streams.slack.admin import AdminNotices

logger = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    # One thread runs all NLP work: spaCy's model is not shared across threads, and the event loop stays free
    # for heartbeats and commits while a batch is parsed.
    nlp_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")
    )

    @cached_property
    def extractor(self) -> Extractor:
        return Extractor(
            model=self.settings.model, data_dir=self.settings.rules_dir, max_chars=self.settings.max_article_chars
        )

    @cached_property
    def rules(self) -> RuleWatcher:
        return RuleWatcher(self.settings.rules_dir, on_change=self._on_rules_changed, on_error=self._on_rules_error)

    @cached_property
    def sink(self) -> AlertSink:
        return build_sink(self.settings)

    @cached_property
    def admin(self) -> AdminNotices:
        return AdminNotices(self.settings)

    def _on_rules_changed(self, ruleset: RuleSet) -> None:
        metrics.RULES_LOADED.set(len(ruleset.rules))
        logger.info("Rules reloaded: %d rules active", len(ruleset.rules))

    def _on_rules_error(self, problems: list[Problem]) -> None:
        metrics.RULE_LOAD_ERRORS.inc(len({p.location.path for p in problems}))
        for problem in problems:
            logger.error("Rule file rejected, last good version kept: %s", problem)
            self.admin.add(f"Rule file rejected, last good version kept: {problem}")
