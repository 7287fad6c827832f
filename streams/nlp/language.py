"""A cheap check that a text is English, so other languages are skipped (with a reason) instead of mis-parsed.

Running English text is full of a few function words; other languages (and non-Latin scripts) are not. This is
a screen for whole articles, not a language identifier: short or mixed texts count as English. Capitalised words
are left out of the count: names say nothing of the language, and a wire lead dense with them ("Former U.S.
President Barack Obama endorsed Emmanuel Macron ...") is English all the same.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with as by at it from be has have are were said he his its an "
    "not but which had their they this will been who would after over also more than into about up".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_PLAIN_WORDS = 8
MIN_RATIO = 0.12


def non_english_reason(text: str, declared: str | None = None) -> str | None:
    """Why ``text`` looks non-English, or None when it may be English."""
    if declared and not declared.lower().startswith("en"):
        return f"declared language {declared!r}"
    words = _WORD.findall(text[:5000])
    if len(words) < MIN_WORDS:
        return None
    words = [w for w in words if not w[0].isupper()]
    if len(words) < MIN_PLAIN_WORDS:
        return None  # names and figures: nothing to judge by
    ratio = sum(1 for w in words if w.lower() in FUNCTION_WORDS) / len(words)
    if ratio < MIN_RATIO:
        return f"only {ratio:.0%} of its {len(words)} uncapitalised words are common English words"
    return None
