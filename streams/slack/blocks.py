"""Slack message layout: Block Kit blocks plus a plain ``text`` fallback, always inside Slack's limits.

Every value that comes from an article (sentence, actor names, outlet, URL) goes through ``escape``; the only live
markup is what this module writes (bold, quotes, our own links and date tokens).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from streams.models import Actor, Alert, Event
from streams.slack.escape import ELLIPSIS, escape_mrkdwn, escape_plain, safe_link, truncate

# Slack's documented limits (https://api.slack.com/reference/block-kit/blocks).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_TEXT = 2000
MAX_FALLBACK_TEXT = 1000  # notifications show far less; Slack's own cap is 40,000
QUOTE_BUDGET = 2400  # of a section's 3,000 characters, for the quoted sentence
OUTLETS_BLOCK_ID = "outlets"


@dataclass(frozen=True)
class SlackMessage:
    text: str
    blocks: list[dict[str, Any]]


def alert_message(alert: Alert, *, outlets: int = 1) -> SlackMessage:
    """The top-level message of a story: header, what happened, the quoted sentence, source and metadata."""
    blocks: list[dict[str, Any]] = [_header(alert.title or alert.rule_id)]
    blocks.append(_section(event_line(alert.event)))
    if alert.text:
        # The rule author's own line adds to who-did-what-to-whom; it never replaces it.
        blocks.append(_section(escape_mrkdwn(alert.text, keep_formatting=True, limit=MAX_SECTION_TEXT)))
    quote = quoted_sentence(alert)
    if quote:
        blocks.append(_section(quote))
    blocks.append(_context(source_line(alert)))
    blocks.append(_context(meta_line(alert)))
    if outlets > 1:
        blocks.append(outlets_block(outlets))
    return SlackMessage(text=fallback_text(alert), blocks=blocks)


def reply_message(alert: Alert) -> SlackMessage:
    """A thread reply for a later outlet of the same story."""
    outlet = escape_mrkdwn(alert.article.source or "another outlet")
    lines = [f"Also reported by *{outlet}*"]
    quote = quoted_sentence(alert)
    if quote:
        lines.append(quote)
    blocks = [_section("\n".join(lines)), _context(source_line(alert))]
    text = truncate(f"Also reported by {outlet}: {_plain_event(alert.event)}", MAX_FALLBACK_TEXT)
    return SlackMessage(text=text, blocks=blocks)


def with_outlets(message: SlackMessage, outlets: int) -> SlackMessage:
    """The parent message with its outlet count set (for chat.update)."""
    blocks = [b for b in message.blocks if b.get("block_id") != OUTLETS_BLOCK_ID]
    blocks.append(outlets_block(outlets))
    text = message.text if f"({outlets} outlets)" in message.text else f"{message.text} ({outlets} outlets)"
    return SlackMessage(text=truncate(text, MAX_FALLBACK_TEXT), blocks=blocks[:MAX_BLOCKS])


def outlets_block(outlets: int) -> dict[str, Any]:
    block = _context(f":newspaper: Reported by *{outlets}* outlets — see the thread")
    block["block_id"] = OUTLETS_BLOCK_ID
    return block


def digest_message(lines: list[str], *, title: str) -> SlackMessage:
    """One message listing held alerts (``lines`` are already-safe mrkdwn from ``digest_line``)."""
    room = MAX_BLOCKS - 2  # the header, and a context block for what did not fit
    sections: list[str] = []
    chunk, in_chunk, shown = "", 0, 0
    for line in lines:
        line = truncate(line, MAX_SECTION_TEXT)
        if chunk and len(chunk) + 1 + len(line) > MAX_SECTION_TEXT:
            sections.append(chunk)
            shown += in_chunk
            chunk, in_chunk = "", 0
            if len(sections) >= room:
                break
        chunk = f"{chunk}\n{line}" if chunk else line
        in_chunk += 1
    else:
        if chunk:
            sections.append(chunk)
            shown += in_chunk
    blocks: list[dict[str, Any]] = [_header(title), *(_section(c) for c in sections)]
    if shown < len(lines):
        blocks.append(_context(f"… and {len(lines) - shown} more alerts not shown here"))
    text = f"{title}: {len(lines)} alerts"
    return SlackMessage(text=text, blocks=blocks)


def digest_line(alert: Alert) -> str:
    """One safe mrkdwn line for a digest."""
    title = escape_mrkdwn(alert.title or alert.rule_id, limit=150)
    outlet = escape_mrkdwn(alert.article.source or "unknown outlet", limit=80)
    link = safe_link(alert.article.url, "article")
    where = f"{outlet}, {link}" if link else outlet
    return truncate(f"• *{title}* ({escape_mrkdwn(alert.level)}): {event_line(alert.event)} ({where})", 1000)


def event_line(event: Event) -> str:
    """Who → did what → to whom, with country names."""
    who = _actors(event.source) or "_someone_"
    whom = "each other" if event.reciprocal else _actors(event.target)
    what = escape_mrkdwn(event.eventText or event.lemma, limit=200)
    line = f"{who} → {what} ({escape_mrkdwn(event.event)})"
    if whom:
        line += f" → {whom}"
    if event.modality and event.modality != "asserted":
        line += f"  _[{escape_mrkdwn(event.modality)}]_"
    return truncate(line, MAX_SECTION_TEXT)


def quoted_sentence(alert: Alert) -> str:
    """The sentence as a quote, the trigger in bold, cut around the trigger to fit."""
    sentence, start, end = sentence_and_trigger(alert)
    if not sentence.strip():
        return ""
    before, trigger, after = sentence[:start], sentence[start:end], sentence[end:]
    before, trigger, after = (_one_line(p) for p in (before, trigger, after))
    trig = escape_mrkdwn(trigger, limit=300)
    room = QUOTE_BUDGET - len(trig) - 4
    left = escape_mrkdwn(before)
    right = escape_mrkdwn(after)
    if len(left) + len(right) > room:
        left_room = max(room // 2, room - len(right))
        if len(left) > left_room:
            left = ELLIPSIS + _tail(before, left_room - 1)
        right = escape_mrkdwn(after, limit=max(room - len(left), 1))
    body = f"{left}*{trig}*{right}" if trig else left + right
    return "> " + body


def source_line(alert: Alert) -> str:
    article = alert.article
    parts = [f":newspaper: *{escape_mrkdwn(article.source or 'unknown outlet', limit=200)}*"]
    published = _date_token(article.published_at)
    if published:
        parts.append(published)
    link = safe_link(article.url, (article.title or "Read the article")[:150])
    if link:
        parts.append(link)
    return truncate(" · ".join(parts), MAX_CONTEXT_TEXT)


def meta_line(alert: Alert) -> str:
    parts = [f"Level: *{escape_mrkdwn(alert.level)}*"]
    if alert.labels:
        labels = ", ".join(
            f"`{escape_mrkdwn(k, limit=60)}={escape_mrkdwn(v, limit=100)}`" for k, v in sorted(alert.labels.items())
        )
        parts.append(f"Labels: {labels}")
    parts.append(f"Rule: `{escape_mrkdwn(alert.rule_id, limit=200)}`")
    return truncate(" · ".join(parts), MAX_CONTEXT_TEXT)


def fallback_text(alert: Alert) -> str:
    """The notification text: plain words, escaped (Slack parses ``text`` too)."""
    outlet = alert.article.source or "unknown outlet"
    raw = f"[{alert.level}] {alert.title or alert.rule_id}: {_plain_event(alert.event)} ({outlet})"
    return escape_mrkdwn(raw, limit=MAX_FALLBACK_TEXT)


def _plain_event(event: Event) -> str:
    who = " and ".join(_actor_name(a) for a in event.source) or "someone"
    whom = "each other" if event.reciprocal else " and ".join(_actor_name(a) for a in event.target)
    return f"{who} {event.eventText or event.lemma}" + (f" {whom}" if whom else "")


def _actors(actors: tuple[Actor, ...]) -> str:
    names = [f"*{escape_mrkdwn(_actor_name(a), limit=120)}*" for a in actors[:5]]
    if len(actors) > 5:
        names.append(f"{len(actors) - 5} more")
    return " and ".join(names)


def _actor_name(actor: Actor) -> str:
    return actor.name or actor.actorText or actor.code or "unknown"


def sentence_and_trigger(alert: Alert) -> tuple[str, int, int]:
    event, body = alert.event, alert.article.body
    s0, s1 = event.sentence_start, event.sentence_end
    if 0 <= s0 <= event.start <= event.end <= s1 <= len(body):
        return body[s0:s1], event.start - s0, event.end - s0
    # offsets do not fit the body we were given (e.g. a trimmed body): find the trigger in the sentence text
    sentence = event.text or ""
    at = sentence.find(event.eventText) if event.eventText else -1
    if at < 0:
        return sentence, 0, 0
    return sentence, at, at + len(event.eventText)


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def _tail(raw: str, limit: int) -> str:
    """The end of ``raw``, escaped, at most ``limit`` characters long."""
    out = ""
    for i in range(len(raw) - 1, -1, -1):
        piece = escape_mrkdwn(raw[i])
        if len(out) + len(piece) > limit:
            break
        out = piece + out
    return out.lstrip()


def _date_token(published_at: str | None) -> str | None:
    """Slack's date token shows the time in each reader's own timezone; the fallback is UTC."""
    if not published_at:
        return None
    try:
        when = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
    except ValueError:
        return escape_mrkdwn(published_at, limit=40)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    fallback = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _header(text: str) -> dict[str, Any]:
    return {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": escape_plain(text, limit=MAX_HEADER_TEXT) or "Alert",
            "emoji": True,
        },
    }


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION_TEXT) or " "}}


def _context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": truncate(text, MAX_CONTEXT_TEXT) or " "}],
    }
