"""Message templates: Jinja2 in an immutable sandbox, checked when the rule loads.

Rule authors are not trusted with the process: the sandbox refuses ``__class__``-style attribute walks and
calls to unsafe callables, and the immutable variant refuses mutating lists or dicts. At load time we also
reject any attribute or item starting with ``_`` (there is no legitimate use for one) and render the template
once on a sample match, so a template that would fail on every alert is an error in ``rules check``, not at 3
a.m.
"""

from __future__ import annotations

import logging
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from streams.models import Actor, Article, Event

logger = logging.getLogger(__name__)

MAX_TEMPLATE_CHARS = 20_000
MAX_RENDERED_CHARS = 4_000


def _actors(actors: Any) -> str:
    """``{{ event.source | actors }}`` -> "Russia (DIP), North Korea"."""
    out = []
    for actor in actors or ():
        if isinstance(actor, dict):
            name = actor.get("name") or actor.get("actorText") or actor.get("code") or "?"
            sector = actor.get("sector")
            out.append(f"{name} ({sector})" if sector else str(name))
    return ", ".join(out)


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["actors"] = _actors
    return env


ENV = _environment()


class TemplateProblem(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line  # 1-based line inside the template text, when known


def compile_template(source: str) -> jinja2.Template:
    """Parse, scan and trial-render; raise TemplateProblem with a clear reason."""
    if len(source) > MAX_TEMPLATE_CHARS:
        raise TemplateProblem(f"template is {len(source)} characters; the limit is {MAX_TEMPLATE_CHARS}")
    try:
        tree = ENV.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}", exc.lineno) from None
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else _const(getattr(node, "arg", None))
        if isinstance(name, str) and name.startswith("_"):
            raise TemplateProblem(
                f"template reaches for {name!r}: templates may format values but not reach Python internals",
                node.lineno,
            )
    template = ENV.from_string(tree)
    try:
        render(template, SAMPLE_CONTEXT)
    except SecurityError as exc:
        raise TemplateProblem(f"template does something the sandbox forbids: {exc}") from None
    except UndefinedError as exc:
        raise TemplateProblem(f"template uses something that does not exist: {exc.message}") from None
    except Exception as exc:  # any other render failure would fail on real alerts too
        raise TemplateProblem(f"template fails to render on a sample alert: {type(exc).__name__}: {exc}") from None
    return template


def _const(node: nodes.Node | None) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


def render(template: jinja2.Template, context: dict[str, Any]) -> str:
    text = template.render(**context)
    if len(text) > MAX_RENDERED_CHARS:
        text = text[: MAX_RENDERED_CHARS - 1] + "…"
    return text


def template_context(
    *, rule: dict[str, Any], article: Article, event: Event, kind: str, outlets: int, story_key: str
) -> dict[str, Any]:
    """What a template sees: plain dicts and strings, never live Python objects."""
    return {
        "rule": rule,
        "article": article.to_dict(),
        "event": event.to_dict(),
        "kind": kind,
        "outlets": outlets,
        "story_key": story_key,
    }


_SAMPLE_ARTICLE = Article(
    id="sample",
    body="Seoul summoned Russia's ambassador.",
    title="Sample",
    url="https://example.org/a",
    source="example.org",
    published_at="2024-06-21T09:00:00+00:00",
    language="en",
)
_SAMPLE_EVENT = Event(
    event="DISAPPROVE",
    eventText="summoned",
    text="Seoul summoned Russia's ambassador.",
    lemma="summon",
    start=6,
    end=14,
    sentence_start=0,
    sentence_end=36,
    source=(Actor("Seoul", "KOR", "GOV", "South Korea"),),
    target=(Actor("Russia's ambassador", "RUS", "DIP", "Russia"),),
    mode="summon",
    context=("diplomatic",),
    speaker="a spokesperson",
    date="2024-06-21",
    location="Seoul",
)
SAMPLE_CONTEXT = template_context(
    rule={"id": "sample", "title": "Sample", "level": "medium", "labels": {}, "description": ""},
    article=_SAMPLE_ARTICLE,
    event=_SAMPLE_EVENT,
    kind="new",
    outlets=1,
    story_key="sample|KOR|RUS",
)
