"""Message layout and escaping: what a reader sees, Slack's limits, and untrusted text that stays inert."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from slack_emulator import SlackEmulator
from slack_helpers import SENTENCE, make_alert
from slack_sdk.web.async_client import AsyncWebClient

from streams.models import Actor
from streams.slack import SlackSink
from streams.slack.blocks import MAX_HEADER_TEXT, MAX_SECTION_TEXT, alert_message
from streams.slack.escape import escape_mrkdwn, safe_link
from streams.slack.retry import RetryPolicy


def post(slack: SlackEmulator, alert: Any) -> Any:
    client = AsyncWebClient(token=slack.token, base_url=slack.url, retry_handlers=[])
    sink = SlackSink(client, policy=RetryPolicy(base=0.01, cap=0.05))
    asyncio.run(sink.deliver(alert, {}))
    [message] = slack.messages()
    return message


def all_texts(message: Any) -> list[str]:
    texts = [message.text or ""]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                texts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.blocks)
    return texts


def test_message_says_who_did_what_to_whom(slack_emulator: SlackEmulator) -> None:
    message = post(slack_emulator, make_alert(labels={"region": "east-asia"}))
    header, main, quote, source, meta = message.blocks
    assert header == {"type": "header", "text": {"type": "plain_text", "text": "Ambassador summoned", "emoji": True}}
    assert main["text"]["text"] == "*South Korea* → summoned (DISAPPROVE) → *Russia*"
    assert quote["text"]["text"] == "> " + SENTENCE.replace("summoned", "*summoned*").replace("'", "'")
    source_text = source["elements"][0]["text"]
    assert "*Reuters*" in source_text and "<https://www.example.com/world/korea-russia|" in source_text
    assert "<!date^1718874840^" in source_text  # 2024-06-20T09:14Z, shown in each reader's timezone
    assert meta["elements"][0]["text"] == "Level: *high* · Labels: `region=east-asia` · Rule: `ambassador-summoned`"
    assert message.text.startswith("[high] Ambassador summoned: South Korea summoned Russia")


def test_rule_template_text_follows_who_did_what_to_whom(slack_emulator: SlackEmulator) -> None:
    message = post(slack_emulator, make_alert(text="*Seoul* summoned the Russian envoy <!channel>"))
    assert message.blocks[1]["text"]["text"] == "*South Korea* → summoned (DISAPPROVE) → *Russia*"
    assert message.blocks[2]["text"]["text"] == "*Seoul* summoned the Russian envoy &lt;!channel&gt;"


def test_long_texts_are_cut_to_slacks_limits(slack_emulator: SlackEmulator) -> None:
    sentence = ("Officials said & argued <that> " * 300) + "Seoul summoned the envoy." + (" And more." * 400)
    many = tuple(Actor(f"Country {i}", f"C{i:02d}", "GOV", f"Country {i}") for i in range(40))
    alert = make_alert(body=sentence, sentence=sentence, title="T" * 400, source_actor=many[0])
    alert = alert.__class__(
        **{**alert.__dict__, "event": alert.event.__class__(**{**alert.event.__dict__, "source": many})}
    )
    message = post(slack_emulator, alert)  # the emulator rejects anything over Slack's limits (invalid_blocks)
    assert len(message.blocks[0]["text"]["text"]) == MAX_HEADER_TEXT
    quote = message.blocks[2]["text"]["text"]
    assert len(quote) <= MAX_SECTION_TEXT
    assert "*summoned*" in quote  # the cut keeps the trigger in view
    assert not re.search(r"&[a-z]*…", quote)  # no entity cut in half
    assert "35 more" in message.blocks[1]["text"]["text"]


TRICKS = (
    "<!channel> <!here> <!everyone> <!subteam^S123|@team> <@U024BE7LH> <#C024BE7LH> @here @channel @everyone "
    "<https://evil.example/phish|Click for the official statement> *bold* _italic_ ~strike~ `code` ```block``` "
    "&lt;!channel&gt; Tom & Jerry > quote"
)


def test_article_full_of_tricks_posts_nothing_live(slack_emulator: SlackEmulator) -> None:
    body = f"{TRICKS} Seoul summoned the envoy. {TRICKS}"
    sentence = body
    alert = make_alert(
        body=body,
        sentence=sentence,
        trigger="summoned",
        source="<!channel> News @here",
        title="Envoy <!here> summoned",
        url="https://news.example/a?x=1&y=<2>|<!channel>",
        source_actor=Actor("<@U024BE7LH>", None, None, None),
        labels={"region": "<!everyone>"},
    )
    message = post(slack_emulator, alert)
    texts = all_texts(message)
    joined = "\n".join(texts)
    # The only angle-bracket markup left is our own: the article link and the date token.
    live = re.findall(r"<(?!\u2060)[^<>]*>", joined)  # a word joiner after "<" makes it literal
    assert live, "our own link and date token are there"
    for markup in live:
        assert markup.startswith(("<!date^", "<https://news.example/a?x=1&amp;y=%3C2%3E%7C%3C!channel%3E|")), markup
    assert "evil.example/phish|" not in joined.replace("&lt;", "<") or "<https://evil" not in joined
    for word in ("@here", "@channel", "@everyone"):
        assert word not in joined
    # Formatting from the article is inert: the only bold in the quote is the trigger.
    quote = message.blocks[2]["text"]["text"]
    assert quote.count("*") == 2 and "*summoned*" in quote
    for char in "_~`":
        assert char not in quote


def test_escape_and_link_helpers() -> None:
    assert escape_mrkdwn("a & b <c>") == "a &amp; b &lt;c&gt;"
    assert escape_mrkdwn("x" * 10 + "&", limit=12) == "x" * 10 + "…"
    assert safe_link("javascript:alert(1)", "x") is None
    assert safe_link("https://a.example/p|q>r", "label <b>") == "<https://a.example/p%7Cq%3Er|label &lt;b&gt;>"


def test_alert_message_stays_within_fifty_blocks() -> None:
    assert len(alert_message(make_alert(), outlets=5).blocks) <= 50
