"""Hot reload: good edits are applied, bad edits are rejected and the last good version keeps running."""

from __future__ import annotations

import os
from pathlib import Path

from rules_helpers import ARTICLE, event, rule_text, write

from streams.errors import Problem
from streams.rules import RuleSet
from streams.rules.watch import RuleWatcher


class Recorder:
    def __init__(self) -> None:
        self.changes: list[RuleSet] = []
        self.errors: list[list[Problem]] = []

    def watcher(self, folder: Path) -> RuleWatcher:
        return RuleWatcher(folder, on_change=self.changes.append, on_error=self.errors.append)


def edit(path: Path, text: str) -> None:
    """Rewrite a file so the change is visible even within one mtime tick."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def ids(watcher: RuleWatcher) -> list[str]:
    return [r.id for r in watcher.current.rules]


def test_initial_load_and_nothing_to_do(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    assert ids(watcher) == ["a"] and len(rec.changes) == 1
    assert watcher.poll_once() is False


def test_good_edit_is_applied(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", rule_text("a", selections="s: {lemma: summon}"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    assert watcher.current.match(ARTICLE, [event()])
    edit(path, rule_text("a", selections="s: {lemma: sign}"))
    assert watcher.poll_once() is True
    assert watcher.current.match(ARTICLE, [event()]) == []
    assert watcher.current.match(ARTICLE, [event(lemma="sign")])
    assert rec.errors == []


def test_bad_edit_is_rejected_and_the_old_rule_keeps_running(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", rule_text("a", selections="s: {lemma: summon}"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    before = watcher.current
    edit(path, rule_text("a", selections="s: {lemma: sign, bogus.field: 1}"))
    assert watcher.poll_once() is False
    assert watcher.current is before
    assert watcher.current.match(ARTICLE, [event()])  # still the summon rule
    [problems] = rec.errors
    assert [str(p) for p in problems] == [
        f"{path}:4:20: unknown field 'bogus.field'; known fields: " + str(problems[0]).split("known fields: ")[1]
    ]
    # The same bad content is not reported again on every poll.
    assert watcher.poll_once() is False and len(rec.errors) == 1
    # Fixing the file applies it.
    edit(path, rule_text("a", selections="s: {lemma: sign}"))
    assert watcher.poll_once() is True
    assert watcher.current.match(ARTICLE, [event(lemma="sign")])


def test_yaml_syntax_error_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", rule_text("a"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    edit(path, "id: a\ntitle: [broken\n")
    assert watcher.poll_once() is False
    assert ids(watcher) == ["a"]
    assert "YAML syntax error" in str(rec.errors[0][0])


def test_added_and_removed_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    b = write(tmp_path, "b.yaml", rule_text("b"))
    assert watcher.poll_once() is True and ids(watcher) == ["a", "b"]
    b.unlink()
    assert watcher.poll_once() is True and ids(watcher) == ["a"]


def test_a_new_bad_file_is_not_loaded_but_the_rest_runs(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    write(tmp_path, "b.yaml", rule_text("b", condition="s and"))
    assert watcher.poll_once() is False
    assert ids(watcher) == ["a"]
    assert "condition ends too early" in str(rec.errors[0][0])


def test_a_new_file_duplicating_an_id_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    write(tmp_path, "b.yaml", rule_text("a"))
    assert watcher.poll_once() is False
    assert [r.path for r in watcher.current.rules] == [str(tmp_path / "a.yaml")]
    assert "duplicate rule id 'a'" in str(rec.errors[0][0])


def test_removing_a_list_that_rules_use_is_rejected(tmp_path: Path) -> None:
    lists = write(tmp_path, "lists.yaml", "lists:\n  envoys: [DIP]\n")
    write(tmp_path, "a.yaml", rule_text("a", selections="s: {target.sector: $envoys}"))
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    edit(lists, "lists:\n  diplomats: [DIP]\n")
    assert watcher.poll_once() is False
    assert watcher.current.match(ARTICLE, [event()])
    assert "unknown list 'envoys'" in str(rec.errors[0][0])


def test_first_load_skips_bad_files_and_reports_them(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a"))
    write(tmp_path, "b.yaml", "id: b\n")
    rec = Recorder()
    watcher = rec.watcher(tmp_path)
    assert ids(watcher) == ["a"]
    assert any("missing required key 'title'" in str(p) for p in rec.errors[0])


def test_missing_folder_gives_an_empty_ruleset(tmp_path: Path) -> None:
    watcher = RuleWatcher(tmp_path / "nope")
    assert watcher.current.rules == ()


def test_run_applies_changes_in_the_background(tmp_path: Path) -> None:
    import asyncio

    path = write(tmp_path, "a.yaml", rule_text("a"))
    watcher = RuleWatcher(tmp_path, interval=0.05)

    async def scenario() -> list[str]:
        task = asyncio.create_task(watcher.run())
        edit(path, rule_text("renamed"))
        for _ in range(200):  # until applied (well under the 5 s promise); no assertion on the time itself
            await asyncio.sleep(0.05)
            if ids(watcher) == ["renamed"]:
                break
        task.cancel()
        return ids(watcher)

    assert asyncio.run(scenario()) == ["renamed"]
