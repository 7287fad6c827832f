"""Hot reload: notice changed, added and removed rule files and apply them without a restart.

Like Alertmanager, a bad configuration is never applied: a file that fails validation is held back and the last
good version of that file keeps running (a new bad file is simply not loaded). Changes are detected by polling
file size, mtime and content hash, which also works through container bind mounts where inotify events do not
arrive. The worker calls ``poll_once`` from a timer; ``run`` is the same loop for other hosts.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from streams.errors import Problem
from streams.rules.engine import RuleSet
from streams.rules.loader import ParsedFile, build, parse_file, read_text, rule_files

logger = logging.getLogger(__name__)

POLL_INTERVAL = 1.0


@dataclass(frozen=True)
class _Version:
    stat: tuple[int, int]  # (mtime_ns, size): cheap change detection
    digest: str  # content hash: the real change detection
    parsed: ParsedFile | None  # None when the file could not be read


class RuleWatcher:
    """Keeps ``current`` equal to the rules folder's last good state.

    Args:
        rules_dir: the folder of rule files.
        on_change: called with the new RuleSet whenever one is applied.
        on_error: called with the problems of every rejected change (the old rules keep running).
    """

    def __init__(
        self,
        rules_dir: Path,
        on_change: Callable[[RuleSet], None] | None = None,
        on_error: Callable[[list[Problem]], None] | None = None,
        *,
        interval: float = POLL_INTERVAL,
    ) -> None:
        self.rules_dir = Path(rules_dir)
        self.on_change = on_change
        self.on_error = on_error
        self.interval = interval
        self.current = RuleSet()
        self._good: dict[str, _Version] = {}  # applied versions
        self._seen: dict[str, _Version] = {}  # last version looked at, good or not (report each change once)
        self.poll_once()

    def poll_once(self) -> bool:
        """Look for changes and apply what validates; return True when a new RuleSet was applied."""
        changed: dict[str, _Version] = {}
        paths = {str(p): p for p in rule_files([self.rules_dir])} if self.rules_dir.is_dir() else {}
        for name, path in paths.items():
            version = self._version(name, path)
            if version is not None:
                changed[name] = version
        removed = [name for name in self._good if name not in paths]
        for name in [n for n in self._seen if n not in paths]:
            del self._seen[name]
        if not changed and not removed:
            return False

        candidate = {n: v for n, v in self._good.items() if n not in removed}
        candidate.update(changed)
        pending = set(changed) | set(removed)
        rejected: list[Problem] = []
        ruleset, problems = self._build(candidate)
        while problems:
            blamed = {p.location.path for p in problems}
            culprits = pending & blamed or set(pending)  # unchanged files failing: some change broke them
            if not culprits:
                # Only possible on the first load: files that were never good; leave them out.
                culprits = blamed & set(candidate)
                if not culprits:
                    rejected += problems
                    break
            rejected += [p for p in problems if p.location.path in culprits] or problems
            for name in culprits:
                pending.discard(name)
                if name in self._good:
                    candidate[name] = self._good[name]  # the last good version keeps running
                else:
                    candidate.pop(name, None)
            ruleset, problems = self._build(candidate)

        self._seen.update(changed)
        if rejected:
            self._report(rejected)
        applied = pending  # what survived: the changes that are now live
        if not applied:
            return False
        self._good = candidate
        self.current = ruleset
        logger.info(
            "rules reloaded: %d rules active (%s)",
            len(ruleset),
            ", ".join(sorted(Path(n).name for n in applied)),
        )
        if self.on_change is not None:
            self.on_change(ruleset)
        return True

    async def run(self) -> None:
        """Poll forever (until cancelled), off the event loop."""
        while True:
            await asyncio.sleep(self.interval)
            try:
                await asyncio.to_thread(self.poll_once)
            except Exception:  # a reload must never take the worker down
                logger.exception("rule reload failed; the current rules keep running")

    def _version(self, name: str, path: Path) -> _Version | None:
        """The file's new version, or None when it is unchanged since it was last seen."""
        try:
            st = path.stat()
        except OSError:
            return None  # removed while listing; the next poll sees it gone
        stat = (st.st_mtime_ns, st.st_size)
        seen = self._seen.get(name)
        if seen is not None and seen.stat == stat:
            return None
        text, problems = read_text(path)
        digest = hashlib.sha256((text or repr(problems)).encode()).hexdigest()
        if seen is not None and seen.digest == digest:
            self._seen[name] = _Version(stat, digest, seen.parsed)
            return None
        parsed = parse_file(path, text) if text is not None else ParsedFile(name, problems=problems)
        return _Version(stat, digest, parsed)

    @staticmethod
    def _build(candidate: dict[str, _Version]) -> tuple[RuleSet, list[Problem]]:
        files = [v.parsed for _, v in sorted(candidate.items()) if v.parsed is not None]
        return build(files)

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            logger.error("rule change rejected, the last good version keeps running: %s", problem)
        if self.on_error is not None:
            try:
                self.on_error(problems)
            except Exception:
                logger.exception("on_error callback failed")
