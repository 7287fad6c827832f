"""The rule language: load and check rule files, match events, track stories over time, build alerts.

load_rules(paths) -> RuleSet          raises RuleError listing every problem (path:line:col: message)
check_paths(paths) -> [Problem]       never raises for bad files
RuleSet.match / explain / categories  stateless matching, indexed by lemma, codes and category
StoryTracker(state).decide(...)       dedup, realert and thresholds over a JSON-able mapping
build_alert(rule, match, decision)    the Alert for the notifier
"""

from streams.rules.alerts import build_alert
from streams.rules.engine import Explanation, Rule, RuleSet, SelectionResult
from streams.rules.loader import check_paths, load_rules, rule_files
from streams.rules.tracker import Decision, StoryTracker

__all__ = [
    "Decision",
    "Explanation",
    "Rule",
    "RuleSet",
    "SelectionResult",
    "StoryTracker",
    "build_alert",
    "check_paths",
    "load_rules",
    "rule_files",
]
