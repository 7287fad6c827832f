"""The condition expression: and/or/not, parentheses, quantifiers, and its errors."""

from __future__ import annotations

import pytest

from streams.rules import condition as cond

LOCAL = ["sel_a", "sel_b", "filter", "other"]


def ev(text: str, true: set[str]) -> bool:
    node = cond.parse(text, local=LOCAL, known=lambda n: n in LOCAL or n == "macro")
    return cond.evaluate(node, lambda n: n in true)


@pytest.mark.parametrize(
    ("text", "true", "expected"),
    [
        ("sel_a and sel_b", {"sel_a", "sel_b"}, True),
        ("sel_a and sel_b", {"sel_a"}, False),
        ("sel_a or sel_b", {"sel_b"}, True),
        ("sel_a and not filter", {"sel_a", "filter"}, False),
        ("sel_a and not filter", {"sel_a"}, True),
        ("not not sel_a", {"sel_a"}, True),
        ("sel_a or sel_b and filter", {"sel_a"}, True),  # and binds tighter than or
        ("(sel_a or sel_b) and filter", {"sel_a"}, False),
        ("1 of sel_*", {"sel_b"}, True),
        ("1 of sel_*", {"filter"}, False),
        ("all of sel_*", {"sel_a"}, False),
        ("all of sel_*", {"sel_a", "sel_b"}, True),
        ("any of sel_* and not filter", {"sel_a"}, True),
        ("2 of them", {"sel_a", "other"}, True),
        ("2 of them", {"sel_a"}, False),
        ("all of them", set(LOCAL), True),
        ("sel_a AND macro", {"sel_a", "macro"}, True),  # keywords ignore case; macros by name
    ],
)
def test_condition_forms(text: str, true: set[str], expected: bool) -> None:
    assert ev(text, true) is expected


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("sel_a and", "condition ends too early", 9),
        ("sel_a and (sel_b", "missing ')'", 16),
        ("sel_a sel_b", "unexpected 'sel_b'", 6),
        ("sel_a and nope", "unknown selection or macro 'nope'", 10),
        ("1 of zzz_*", "'zzz_*' matches none", 5),
        ("sel_*", "needs a quantifier", 0),
        ("3 of sel_*", "can never hold", 0),
        ("sel_a & sel_b", "unexpected character '&'", 6),
        ("x of them", "expected a number, `any` or `all`", 0),
        ("and sel_a", "expected a selection name", 0),
    ],
)
def test_condition_errors_say_what_and_where(text: str, message: str, offset: int) -> None:
    with pytest.raises(cond.ConditionError) as info:
        cond.parse(text, local=LOCAL, known=lambda n: n in LOCAL)
    assert message in str(info.value)
    assert info.value.offset == offset


def test_pinned_values_follow_boolean_structure() -> None:
    pins = {"a": frozenset({"x"}), "b": frozenset({"y"}), "c": None}
    node = cond.parse("a or b", local=pins, known=lambda n: True)
    assert cond.pinned(node, pins.get) == {"x", "y"}
    node = cond.parse("a and c", local=pins, known=lambda n: True)
    assert cond.pinned(node, pins.get) == {"x"}
    node = cond.parse("a or c", local=pins, known=lambda n: True)
    assert cond.pinned(node, pins.get) is None
    node = cond.parse("not a", local=pins, known=lambda n: True)
    assert cond.pinned(node, pins.get) is None
