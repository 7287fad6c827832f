"""How central and how sure each event of a sentence is: its confidence, which orders a sentence's events (the
evaluation's top-1, and ``min_confidence`` in rules).

Events of the main clause rank above those of subordinate clauses, and those of clauses describing a noun lower
still; an act that is the content of another ("condemned the shelling") ranks below that act; an event that did
not (or not yet) happen ranks below one that did.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Doc, Token

from streams.models import Actor, Event
from streams.nlp.lexicon import DEPLOYING_LEMMAS, Trigger

# Clauses that describe a noun ("forces backed by Russia", "a deal signed last year"): background, not the news; a
# relative clause or a participle as adjective ("Russia-backed") most of all.
NOUN_CLAUSE_DEPS = {"acl": 2, "relcl": 3, "amod": 3}
SUBORDINATE_DEPS = {"xcomp", "advcl", "acl", "relcl", "pcomp", "csubj", "amod"}
MODALITY_WEIGHT = {"asserted": 0.05, "reported": 0.03, "future": -0.05, "hypothetical": -0.1, "negated": -0.2}
# An act embedded as the content of another, within this many steps up the tree, ranks this much lower.
EMBEDDED_REACH = 4
EMBEDDED_PENALTY = 0.1
SIBLING_DEPS = {"conj", "parataxis"}
# The purposes that say what kind of act a sending (lexicon.DEPLOYING_LEMMAS) is.
PURPOSES = {"COOPERATE", "AID", "INVESTIGATE", "CONSULT"}


def event_confidence(trigger: Trigger, source: list[Actor], target: list[Actor], modality: str, tok: Token) -> float:
    """An event's confidence in [0, 1] from its trigger, roles, clause and modality (docs/extraction.md lists the
    weights)."""
    score = 0.45
    if any(a.code for a in source):
        score += 0.2
    elif any(a.sector for a in source):
        score += 0.1
    if any(a.code or a.sector for a in target):
        score += 0.15
    if trigger.pos == "verb":
        score += 0.1
    if trigger.conditions:
        score += 0.05
    if tok.dep_ == "ROOT":
        score += 0.05
    # Events of subordinate clauses ("refused a request to step down") rank below the main clause's, and those of
    # clauses describing a noun lower still.
    depth = 0
    node = tok
    while node.head != node and depth < 4:
        if node.dep_ in SUBORDINATE_DEPS:
            depth += NOUN_CLAUSE_DEPS.get(node.dep_, 1)
        node = node.head
    score -= 0.04 * depth
    # An event that did not (or not yet) happen ranks below one that did: "refused to lift the sanctions" is
    # first a refusal.
    score += MODALITY_WEIGHT.get(modality, 0.0)
    return round(min(1.0, max(0.0, score)), 3)


def rank_embedded(doc: Doc, events: list[Event], heads: list[int], material: Collection[str]) -> list[Event]:
    """An act that is the content of another ("condemned the killing", "accused the army of shelling", "rejected
    calls to release him") ranks below that act: the other act is what happened (CAMEO codes the governing verb).
    The governing act with no target of its own is aimed where its content is ("rejected appeals to free the
    American" targets the USA), unless it is a material act and the other only its purpose: "sent troops to
    fight the Taliban" is not aimed at the Taliban. ``material``: the categories of material acts."""
    categories: dict[int, set[str]] = {}
    for event, head in zip(events, heads, strict=True):
        categories.setdefault(head, set()).add(event.event)
    # head -> (the act it is the content of, whether only as its purpose or circumstance)
    governor_of: dict[int, tuple[int, bool]] = {}
    # head -> (the act of the same kind it restates, as above): no second act, but it may say where the first is aimed
    restating: dict[int, tuple[int, bool]] = {}
    for event, head in zip(events, heads, strict=True):
        # Not under an act of the same kind: "carried out a raid targeting ..." is one act, not two.
        content_of = _content_of(doc[head])
        governor = next(((i, adverbial) for i, adverbial in content_of
                         if event.event not in categories.get(i, {event.event})), None)  # fmt: skip
        if governor is not None:
            governor_of.setdefault(head, governor)
        else:
            same = [(i, adverbial) for i, adverbial in content_of if event.event in categories.get(i, set())]
            if same:
                restating[head] = same[0]
    # A deployment whose purpose is help, training, inquiry or talks is that purpose: "deployed 12 soldiers to train
    # Nigerian troops" is military cooperation, "sent officials to Qatar to investigate" an investigation.
    deployments = {h for e, h in zip(events, heads, strict=True) if _deploys(e)}
    if len(deployments) == 1:
        # "announced the deployment of 230 troops to Liberia on a peacekeeping mission": whatever the parser hung
        # the mission from, the one deployment of the sentence is a peacekeeping one.
        (deployed,) = deployments
        for event, head in zip(events, heads, strict=True):
            if event.event == "AID" and event.mode == "peacekeeping" and head not in governor_of and head != deployed:
                governor_of[head] = (deployed, False)
    # Not help at home: "deployed soldiers to the townships to help police curb killings" is a deployment.
    named_by_purpose = {governor_of[h][0] for e, h in zip(events, heads, strict=True)
                        if h in governor_of and governor_of[h][0] in deployments and e.event in PURPOSES
                        and not _helps_its_own(e)}  # fmt: skip
    sent = {h: e for e, h in zip(events, heads, strict=True) if h in named_by_purpose and _deploys(e)}
    out = []
    for event, head in zip(events, heads, strict=True):
        purpose = (head in governor_of and governor_of[head][0] in named_by_purpose and event.event in PURPOSES
                   and not _helps_its_own(event))  # fmt: skip
        if purpose:
            # It takes the lead, and who sent whom where fills what its own clause leaves out.
            sending = sent[governor_of[head][0]]
            source = event.source or sending.source
            own = {a.code for a in source}
            where = tuple(a for a in sending.target if a.code and a.code not in own)  # not those it sent
            target = event.target if any(a.code for a in event.target) else where or event.target
            event = replace(event, confidence=max(event.confidence, sending.confidence), source=source, target=target)
        if (head in governor_of and not purpose) or head in sent:
            event = replace(event, confidence=round(max(0.0, event.confidence - EMBEDDED_PENALTY), 3))
        elif not any(a.code for a in event.target):
            own = {a.code for a in event.source}
            is_material = event.event in material
            # "announced a ceasefire initiative to halt the fighting in Yemen": the act restated says where too.
            content = next((e.target for e, h in zip(events, heads, strict=True)
                            for gov, adverbial in [governor_of.get(h) or restating.get(h) or (None, False)]
                            if gov == head and not (is_material and adverbial)
                            and any(a.code and a.code not in own for a in e.target)), None)  # fmt: skip
            if content is not None:
                event = replace(event, target=content)
        if not any(a.code for a in event.source):
            # "The foreign ministry ordered a Chinese diplomat to leave, in the first such expulsion by Canada":
            # the act restated says who.
            restated_by = [e for e, h in zip(events, heads, strict=True) if restating.get(h, (None, False))[0] == head]
            doer = next((e.source for e in restated_by if any(a.code for a in e.source)), None)
            if doer is not None:
                event = replace(event, source=doer)
        out.append(event)
    return out


def _helps_its_own(event: Event) -> bool:
    """Aid whose every coded recipient is the giver's own country: a state helping its own police is no aid."""
    own = {a.code for a in event.source if a.code}
    recipients = {a.code for a in event.target if a.code}
    return event.event == "AID" and bool(own) and bool(recipients) and recipients <= own


def _deploys(event: Event) -> bool:
    return event.event == "MOBILIZE" or (event.event in {"AID", "AGREE"} and event.lemma in DEPLOYING_LEMMAS)


def _content_of(tok: Token) -> list[tuple[int, bool]]:
    """The tokens ``tok`` is the content of, nearest first, up to ``EMBEDDED_REACH`` steps, each with whether the
    way up passed through an adverbial clause (a purpose or circumstance). A conjunct's first conjunct is its
    sibling, not its governor ("declared a truce and promised ..." are two acts side by side), but what governs
    the pair governs both ("agreed to open its borders and grant asylum")."""
    out: list[tuple[int, bool]] = []
    node = tok
    adverbial = False
    for _ in range(EMBEDDED_REACH):
        if node.head == node or (node.dep_ == "nsubj" and node.head.dep_ == "ROOT" and tok.dep_ == "relcl"):
            break  # "Turkey, which hosts three million refugees, sent aid": what describes the doer is no content
        sibling = node.dep_ in SIBLING_DEPS
        adverbial = adverbial or node.dep_ == "advcl"
        node = node.head
        if not sibling:
            out.append((node.i, adverbial))
    return out
