"""Roles a sentence implies but does not name: whom aid is for, whom a concession yields to, whose officials a
statement speaks of, whom a force posture answers. Each is a default the extractor applies only when the words
name no one for the role (``Extractor._target`` and ``Extractor._build`` say when); docs/extraction.md lists them.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from streams.models import Actor
from streams.nlp.actors import ActorResolver, Entry
from streams.nlp.lexicon import NONE, Lexicon, Trigger
from streams.nlp.roles import (
    BORDERS,
    HELPING_CATEGORIES,
    VERB_POS,
    governing_verb,
    is_infinitive,
    noun_subjects,
    objects,
    prep_objects,
    verb_subjects,
)

# What prompts a force posture: "after Israeli threats", "amid Russian incursions", "in response to".
PROMPTING_PREPS = {"after", "following", "amid", "over", "because"}
# Sectors of a state's own people: what its statement says they did, they did as its own.
STATE_SECTORS = {"GOV", "MIL", "COP", "DIP", "JUD", "SPY", "LEG"}
# Parties, the opposition and unions: a state's own politics, whoever reports on them.
DOMESTIC_POLITICS = {"OPP", "PTY", "LAB"}
# Hostile acts that a state reporting them, with no one else named, reports against itself.
COMPLAINED_OF_CATEGORIES = {"FIGHT", "ASSAULT", "MOBILIZE", "COERCE", "THREATEN"}
# Force postures aimed at no one, whoever reports them: "Iran had test-fired its new missiles".
UNAIMED_MODES = {"weapons test", "exercise"}
# Acts aimed at home when the sentence names no one else (``home_target``).
HOME_TARGET_CATEGORIES = {"CONCEDE", "RETREAT", "PROTEST"}
# Promises whose object may be aid for someone: "pledged 10 billion crowns in humanitarian aid for Gaza".
PLEDGING_LEMMAS = {"pledge", "promise", "offer", "commit", "vow", "earmark", "allocate"}
# Missions and forces that help a country through others: "sending troops to the UN peacekeeping force in South
# Sudan" helps South Sudan.
MISSIONS = {"mission", "force", "operation", "contingent"}
# Acts whose recipient may be such a mission (or a pledge to one).
MISSION_CATEGORIES = HELPING_CATEGORIES | {"AGREE"}
# Where aid's beneficiary is looked for: not among its givers, nor in clauses about something else.
GIVER_DEPS = {"nsubj", "nsubjpass", "agent", "csubj", "ccomp", "parataxis"}
BENEFICIARY_DEPTH = 10  # "provided money to pay for aid for those affected in Yemen"


def domestic_target(target: list[Actor], source: list[Actor], resolver: ActorResolver) -> list[Actor]:
    """People and bodies the sentence gives no country are the source's, when the source's is the only
    country the sentence names: "Turkish police detained dozens of journalists", "Brazil's federal police are
    investigating former President Jair Bolsonaro", "Israelis protested against the government".
    Only for acts a state or its people mostly do at home (``DOMESTIC_CATEGORIES``: not threats or demands,
    which "the bank" or "the European Community" may receive from abroad) or for a government, opposition, party,
    legislature or court as target ("ruled out talks with the opposition", "appealed to the Supreme Court"), not
    for expulsions (those expelled are foreigners), and not where another country is named."""
    home = _sole_country(source, resolver)
    if home is None:
        return target
    code, _ = home
    country = next(a for a in source if a.code == code)
    return [replace(a, code=code, name=country.name) for a in target]


def home_target(source: list[Actor], resolver: ActorResolver) -> list[Actor]:
    """A concession, withdrawal or protest with no one named yields to or protests at home, when the source's
    country is the only one the sentence names: "Sri Lanka's president resigned after months of protests",
    "Kenyan doctors called off their strike", "Ecuador repealed the fuel decree"."""
    home = _sole_country(source, resolver)
    alias = home[1] if home is not None else None
    if home is None or alias is None:
        return []
    span, entry = alias
    return [Actor(actorText=span.text, code=home[0], sector=None, name=entry.name)]


def _sole_country(source: list[Actor], resolver: ActorResolver) -> tuple[str, tuple[Span, Entry] | None] | None:
    """The source's country when it is the one country the source names and no other is named in the sentence,
    with the alias that names it there (None when only a role or a place gave the source its country)."""
    home = {a.code for a in source if a.code}
    if len(home) != 1:
        return None
    named = resolver.named_countries()
    if set(named) - home:
        return None
    code = home.pop()
    return code, named.get(code)


# A posture along a border faces whoever is on the other side of it.
BORDER_PREPS = {"along", "on", "at", "near", "to", "toward", "towards"}


def provoker(tok: Token, source: list[Actor], resolver: ActorResolver) -> list[Actor]:
    """Whom a force posture answers, when the sentence says what prompted it: "put its forces on alert after
    repeated Israeli threats", "scrambled jets, citing Russian drone incursions", "after U.S. warships
    arrived"."""
    own = {a.code for a in source}
    causes: list[Token] = []
    holder = tok if tok.pos_ in VERB_POS else governing_verb(tok)  # "put its forces on alert after ..."
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in PROMPTING_PREPS:
            acts = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            causes += [d for act in acts for d in [*noun_subjects(act, []), act]]
        elif child.dep_ == "advcl" and (
            child.lower_ == "citing"
            or any(m.lower_ in PROMPTING_PREPS | {"as"} for m in child.children if m.dep_ == "mark")
        ):
            # "put its forces on alert as Chinese warships held drills near the island".
            causes += [*verb_subjects(child), *objects(child)]
        elif child.dep_ == "prep" and child.lower_ == "ahead":
            # "deployed destroyers ahead of an expected North Korean missile launch".
            acts = prep_objects(child, {"of"})
            causes += [d for act in acts for d in [*noun_subjects(act, []), act]]
    # "put its troops on alert along the border with Pakistan": the other side of the border.
    # (The parser may hang "with Pakistan" on the verb, and the border phrase on the posture's noun.)
    borders = [t for t in holder.subtree if t.lemma_.lower() in BORDERS and t.dep_ == "pobj"
               and t.head.lower_ in BORDER_PREPS]  # fmt: skip
    causes += [other for border in borders for other in prep_objects(border, {"with"})]
    causes += prep_objects(holder, {"with"}) if borders else []
    for cause in causes:
        actors = [a for a in resolver.resolve_all([cause]) if a.code and a.code not in own]
        if actors:
            return actors
    return []


# Where a statement was made, which places the officials who made it: "in a statement issued in Islamabad".
STATEMENT_NOUNS = {"statement", "speech", "address", "communique", "briefing", "conference", "interview"}


def stated_from(source: list[Actor], resolver: ActorResolver) -> list[Actor]:
    """Officials and bodies of a state that the sentence gives no country are the country of the place their
    statement was made in: "The foreign ministry demanded that Kabul hand over the militants, in a statement
    issued in Islamabad"."""
    if not source or any(a.code for a in source) or not all(a.sector in STATE_SECTORS for a in source):
        return source
    for noun in (t for t in resolver.doc if t.lemma_.lower() in STATEMENT_NOUNS):
        holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]  # "a statement issued in Islamabad"
        for place in (p for h in holders for p in prep_objects(h, {"in", "from"})):
            actor = resolver.resolve(place)
            if actor is not None and actor.code not in {None, "IGO"}:
                return [replace(a, code=actor.code, name=actor.name) for a in source]
    return source


def at_dateline(actors: list[Actor], resolver: ActorResolver, place: Entry | None) -> list[Actor]:
    """People and officials the sentence gives no country are the dateline's, when the sentence names no country
    at all: "SEOUL, Dec 14 - Hundreds of thousands of people rallied outside the National Assembly". Wire copy
    is datelined where it is reported, which is mostly where it happens."""
    if place is None or resolver.named_countries():
        return actors
    return [replace(a, code=place.code, name=place.name) if a.code is None and a.sector else a for a in actors]


def mission_hosts(heads: list[Token], resolver: ActorResolver) -> list[Token]:
    """The candidate targets of help, with a mission or force "in" a country replaced by that country: troops sent
    or contributed "to the UN peacekeeping force in South Sudan", "to the NATO-led security force in Afghanistan",
    "an expansion of its peacekeeping force in Afghanistan" help the country, not the mission."""
    out: list[Token] = []
    for head in heads:
        hosts = prep_objects(head, {"in"}) if head.lemma_.lower() in MISSIONS else []
        host = next((h for h in hosts if (a := resolver.resolve(h)) is not None and a.code not in {None, "IGO"}), None)
        out.append(host if host is not None else head)
    return out


def beneficiary(tok: Token, source: list[Actor], resolver: ActorResolver, lexicon: Lexicon) -> list[Actor]:
    """Whom aid is for, where the words name it only inside what is given or what it is for: "emergency aid
    to help Haiti cope", "$22 million in relief supplies aimed at food shortages in Yemen", "humanitarian
    aid for those affected in Yemen". The nearest country in the act's own phrases, never its giver's; for
    a noun ("earmarked 1.5 million euros in aid"), in the phrases of the verb that gives it."""
    givers = {a.code for a in source}
    # Not through a modifier: "ordered the U.N. peacekeeping mission to leave" gives the mission nothing.
    act = tok if tok.pos_ in VERB_POS or tok.dep_ == "compound" else governing_verb(tok)
    frontier = [c for c in act.children if c.dep_ not in GIVER_DEPS and _beneficiary_path(c, lexicon)]
    for _ in range(BENEFICIARY_DEPTH):
        for node in frontier:
            actor = resolver.resolve(node) if node.pos_ in {"PROPN", "NOUN"} else None
            if actor is not None and actor.code and actor.code not in givers:
                return [actor]
        frontier = [c for node in frontier for c in node.children if _beneficiary_path(c, lexicon)]
    return []


def _beneficiary_path(node: Token, lexicon: Lexicon) -> bool:
    """A phrase aid's beneficiary may be named in: a purpose ("to help Haiti cope", "money to pay for aid") or
    what it is aimed at; not a clause that is no purpose (of time or cause: "after Russia attacked"; a relative
    clause that says what someone did), a coordinated act, the giver ("aid from Japan"), or a purpose of
    another kind ("sent troops to fight the Taliban")."""
    if node.dep_ in {"parataxis", "cc", "appos"} or (node.dep_ == "conj" and node.pos_ in VERB_POS):
        return False  # another act; a coordinated thing given ("vehicles and a team ... to Lebanon") is not
    if node.dep_ == "prep" and node.lower_ == "from":
        return False
    if node.dep_ in {"advcl", "xcomp", "relcl"}:  # "money to pay for aid" is a purpose too
        entries = lexicon.by_form.get(node.lower_, [])
        # "to help rebuild Afghanistan": help takes a bare infinitive.
        helped = node.dep_ == "xcomp" and node.tag_ == "VB" and node.head.lemma_.lower() == "help"
        return (is_infinitive(node) or helped) and all(
            e.category in HELPING_CATEGORIES | {NONE} or e.conditions for e in entries
        )  # what a word always means, not a reading it has only with some objects ("pay a visit")
    return True


def speakers_own(source: list[Actor], speakers: list[Actor], resolver: ActorResolver) -> list[Actor]:
    """Officials, forces, parties, unions and people a state's statement names without a country are that
    state's: "Ukraine's foreign ministry said Dmytro Kuleba had discussed ...", "Israel's defence minister said
    the military had completed its withdrawal", "the main opposition party boycotted the swearing-in, Mozambique's
    state broadcaster said". Not militants, rebels or civilians, whom a state reports on as often as its own.
    An armed group's statement lends its code to the fighters it names: "Taliban leaders said the fighters will
    lay down their arms"."""
    states = {a.code for a in speakers if a.code and a.code != "IGO"}
    if len(states) != 1 or not source or any(a.code for a in source):
        return source
    state = next(a for a in speakers if a.code in states)

    def owned(actor: Actor) -> bool:
        if state.sector == "REB":
            return actor.sector == "REB"
        named = actor.sector is None and _names_a_person(actor, resolver)
        return actor.sector in STATE_SECTORS | DOMESTIC_POLITICS or named

    # Each of its own: "Government and communist rebel negotiators met ..., Manila's peace adviser said" gives the
    # government the Philippines and leaves the rebels as they are.
    return [replace(a, code=state.code, name=state.name) if owned(a) else a for a in source]


def _names_a_person(actor: Actor, resolver: ActorResolver) -> bool:
    return any(e.label_ == "PERSON" and e.text in actor.actorText for e in resolver.doc.ents)


def complained_of(trigger: Trigger, source: list[Actor], target: list[Actor], speakers: list[Actor]) -> list[Actor]:
    """A state that reports a hostile act aimed at no one named reports it against itself: "Seoul said Pyongyang
    had deployed artillery along the border", "Ukraine's military said Russian forces had violated the truce". Not
    a weapons test or an exercise, not a neutral body's report, and not a state's report of its own forces."""
    if trigger.category not in COMPLAINED_OF_CATEGORIES or trigger.mode in UNAIMED_MODES:
        return target
    if any(a.code for a in target):
        return target
    own = {a.code for a in source if a.code}  # a named other ("its forces" may be the speaker's own)
    victims = [a for a in speakers if a.code and a.code != "IGO" and a.code not in own]
    return (victims if own else []) or target
