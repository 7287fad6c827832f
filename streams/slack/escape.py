"""Make untrusted text (article sentences, actor names, outlets) inert in Slack messages.

Slack's mrkdwn turns ``<...>`` into links, user mentions (``<@U123>``) and broadcasts (``<!channel>``,
``<!here>``, ``<!everyone>``); Slack asks senders to escape ``&``, ``<`` and ``>`` as HTML entities, which makes
every such sequence literal text. Plain ``@here`` / ``@channel`` are only live with ``link_names``, which we never
set, but a word joiner after every ``@`` keeps them inert even if a client or a later edit would link them.
Formatting characters (``*``, ``_``, ``~``, backtick) cannot be escaped in mrkdwn at all, so in untrusted text
they become look-alike characters: an article cannot bold, strike or code-format our message, and only our own
markup is live.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

ELLIPSIS = "…"
WORD_JOINER = "\u2060"

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_FORMATTING = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
# Control characters other than tab and newline render as garbage or are rejected.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_mrkdwn(text: str, *, limit: int | None = None, keep_formatting: bool = False) -> str:
    """Escape untrusted ``text`` for a mrkdwn field; cut to ``limit`` characters (after escaping) with an ellipsis.

    The cut never splits an entity such as ``&amp;``. ``keep_formatting`` leaves ``* _ ~ ` `` alone (for rule
    templates, whose author writes the formatting).
    """
    pieces = [_escape_char(c, keep_formatting) for c in _clean(text)]
    return _join_limited(pieces, limit)


def escape_plain(text: str, *, limit: int | None = None) -> str:
    """Text for a ``plain_text`` object (headers): no entities or formatting are parsed there, but mentions
    are neutralised all the same, and the text is cut to ``limit`` characters."""
    # Slack does not parse plain_text, but a word joiner after "<" and "@" keeps it inert even if it did.
    cleaned = _clean(text).replace("@", "@" + WORD_JOINER).replace("<", "<" + WORD_JOINER)
    return _join_limited(list(cleaned), limit)


def safe_link(url: str | None, label: str) -> str | None:
    """Our own ``<url|label>`` link, or None when ``url`` is not plain http(s).

    Characters that would end the link early (``|``, ``>``) or open a new one are percent-encoded in the URL;
    the label is escaped like any untrusted text.
    """
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    safe_url = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    safe_url = safe_url.replace("&", "&amp;")
    return f"<{safe_url}|{escape_mrkdwn(label)}>"


def truncate(text: str, limit: int) -> str:
    """Cut already-safe text to ``limit`` characters, preferring a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    # never leave half an entity such as "&am" at the end
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + ELLIPSIS


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _escape_char(c: str, keep_formatting: bool) -> str:
    if c in _ENTITIES:
        return _ENTITIES[c]
    if c == "@":
        return "@" + WORD_JOINER
    if not keep_formatting and c in _FORMATTING:
        return _FORMATTING[c]
    return c


def _join_limited(pieces: list[str], limit: int | None) -> str:
    total = sum(len(p) for p in pieces)
    if limit is None or total <= limit:
        return "".join(pieces)
    out: list[str] = []
    used = 0
    for piece in pieces:
        if used + len(piece) > limit - len(ELLIPSIS):
            break
        out.append(piece)
        used += len(piece)
    return "".join(out).rstrip() + ELLIPSIS
