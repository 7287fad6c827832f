"""Who did it and to whom: source and target heads of a trigger, from the dependency parse.

Handles active and passive voice ("was summoned by Seoul"), shared subjects of coordinated verbs ("summoned ...
and demanded"), control and raising ("agreed to withdraw", "is willing to provide", "is expected to sign"),
purpose clauses and gerunds, relative clauses, participles ("US-backed forces"), noun triggers ("Russia used its
veto", "sanctions on Iran", "an attack by rebels on ...", "gave Putin a warning"), and where a material act
happened (``places``).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

TARGET_PREPS = {"against", "on", "upon", "with", "to", "at", "toward", "towards", "into", "onto", "for"}
RETREAT_PREPS = {"from", "out"}
# Words for a part of something: "most of its sanctions", "some of the restrictions".
PART_WORDS = {"most", "some", "all", "part", "many", "much", "rest", "remainder", "several", "half"}
# Whom one withdraws from, or cuts off: "pulled out of Mali", "withdrew its ambassador from Qatar", "banned imports
# from China".
FROM_TARGET_CATEGORIES = {"RETREAT", "SANCTION"}
OF_TARGET_CATEGORIES = {"COERCE", "ASSAULT", "RETREAT", "INVESTIGATE", "SANCTION", "FIGHT", "DISAPPROVE"}
# Nouns of other categories whose 'of' phrase is their target: "recognition of a Palestinian state".
OF_TARGET_NOUNS = {"recognition", "endorsement", "condemnation", "criticism"}
# Acts whose object is the actor's own forces, moved: "deployed 5,000 troops", "moved warships"; and verbs that
# move their object whatever the category ("deployed peacekeepers" is AID).
MOVED_OBJECT_CATEGORIES = {"MOBILIZE"}
MOVING_LEMMAS = {"deploy", "redeploy", "station"}
# What a withdrawal takes back: the actor's own forces.
WITHDRAWN = {"troop", "soldier", "force", "forces", "unit", "contingent", "battalion", "brigade", "peacekeeper",
             "marine", "army", "tank", "warship", "ship", "aircraft", "jet", "personnel"}  # fmt: skip
BORDERS = {"border", "frontier", "boundary"}
# Measures against someone, named by their own modifiers after whoever takes them ("UN sanctions on Iran").
MEASURES = {"sanction", "embargo", "ban", "restriction", "blockade", "tariff", "curfew", "siege", "moratorium",
            "measure", "duty", "boycott"}  # fmt: skip
# What one answers, accepts or turns down, made by someone: its maker is the target.
PROPOSALS = {"request", "proposal", "offer", "demand", "call", "appeal", "plan", "bid", "initiative", "invitation",
             "ultimatum", "overture", "plea", "suggestion", "peace", "resolution", "draft", "motion", "ruling",
             "verdict", "judgment", "judgement", "decision", "order"}  # fmt: skip
# Asking, besides PROPOSALS, which a refusal may answer: "despite pressure from Washington".
APPEALS = {"pressure", "urging", "warning"}
CLAUSE_TARGET_CATEGORIES = {"DEMAND", "THREATEN", "DISAPPROVE"}
PERPETRATOR_TARGET_CATEGORIES = {"DISAPPROVE", "INVESTIGATE"}
ENABLING_LEMMAS = {"help", "assist", "enable", "allow", "let", "permit", "empower"}
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
VERB_POS = {"VERB"}
# Help whose purpose clause names who is helped ("donated ventilators to assist Ethiopia").
HELPING_CATEGORIES = {"AID", "SUPPORT", "COOPERATE"}
RECIPROCAL_CATEGORIES = {"AGREE", "CONSULT", "COOPERATE", "FIGHT"}
RECIPIENT_FIRST_CATEGORIES = {"AID", "RETREAT"}
# Judicial cooperation is with the country a suspect is handed to: "Mexico extradited him to the US", "Serbia
# handed Milosevic over to the U.N. war crimes tribunal".
RECIPIENT_FIRST_LEMMAS = {"extradite", "hand"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
# "accused X of", "thanked X for", "warned X against", "stopped X from": the object does the gerund's act.
OBJECT_CONTROL_PREPS = {"of", "for", "against", "from"}
PLACE_TARGET_PREPS = {
    "in", "into", "inside", "outside", "across", "at", "near", "throughout", "through", "around", "off",
}  # fmt: skip


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass", "csubjpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misread_main_verb(verb)
    )


def prep_objects(head: Token, preps: Collection[str], deps: Collection[str] = ("prep",)) -> list[Token]:
    """Objects of the head's prepositions among ``preps``: "the talks between Israel and ..." -> [Israel]. ``deps``
    widens the prepositions' labels: the parser calls some "to" a dative ("sent troops to the border")."""
    return [p for c in head.children if c.dep_ in deps and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def agent_objects(verb: Token) -> list[Token]:
    """The objects of a passive verb's or participle's 'by' agent: "was attacked by gunmen" -> [gunmen]."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def enabled(verb: Token, deps: frozenset[str] = frozenset({"nsubj"})) -> list[Token]:
    """Those a verb of letting or enabling lets act, whom the parser makes the subjects (of ``deps``) of its
    clause: "let U.N. inspectors resume work", "enabled Kyiv to strike"."""
    return [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ in deps]


def is_infinitive(verb: Token) -> bool:
    """The verb has its own infinitival 'to': "plans to withdraw", "sent troops to help"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def dative_recipients(head: Token) -> list[Token]:
    """Who receives: "gave Haiti aid" (the noun is the dative), "gave aid to Haiti" (the parser labels "to" dative)."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "dative":
            found += [c for c in child.children if c.dep_ == "pobj"] if child.pos_ == "ADP" else [child]
    return found


def objects(verb: Token) -> list[Token]:
    """The verb's object: its direct object, or the passive subject."""
    if is_passive(verb):
        found = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not found and verb.dep_ == "acl":
            found = [verb.head]
        return found
    found = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "dative" and c.pos_ != "ADP")]
    # "attacked Mosul" with Mosul an adverb; "eased curfew hours" with "hours" a measure of time.
    return found or [c for c in verb.rights if _misread_name(c) or _misread_object(c)]


def verb_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The agent of ``verb``: its subject (active), its 'by' phrase (passive), or one inherited from context."""
    if depth > 4:
        return []
    if _misread_main_verb(verb):
        return [verb.head]
    if is_passive(verb):
        if any(c.dep_ == "agent" for c in verb.children):
            return agent_objects(verb)
        # The parser sometimes labels the agent's 'by' a plain preposition: "was attacked by gunmen" (not "by
        # Monday", "by 2030").
        return [c for c in prep_objects(verb, {"by"}) if c.ent_type_ not in NOT_ACTORS]
    subj = [c for c in verb.children if c.dep_ == "nsubj"] or [c for c in verb.lefts if _misread_name(c)]
    if subj:
        if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        return subj
    head = verb.head
    if verb.dep_ == "acomp" and head.pos_ == "AUX":
        return verb_subjects(head, depth + 1)  # "they are committed to", "Japan is opposed to"
    if head == verb:
        return []
    if verb.dep_ == "conj":
        misread = _misread_clause_subject(verb)
        return misread or verb_subjects(head, depth + 1)
    if verb.dep_ == "xcomp":
        # Object control: "urged Iran to withdraw" -> Iran withdraws; otherwise subject control.
        objs = [c for c in head.children if c.dep_ in {"dobj"}]
        if objs:
            return objs
        if head.dep_ in {"acomp", "attr"} and head.head != head:
            # "The US is willing to provide", "Iran is ready to talk": the subject of the copula.
            return verb_subjects(head.head, depth + 1)
        if is_passive(head):
            # Raising: "Seoul is expected to sign", "troops were ordered to withdraw": the passive subject acts.
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:
                return raised
        return verb_subjects(head, depth + 1)
    if verb.dep_ == "acl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" for c in verb.children)):
        # "troops crossing the border", "a report accusing the army", "its plans to impose curbs": the noun,
        # or when it names no one, its owner (Extractor._source).
        return [head]
    if verb.dep_ == "amod":
        # "Iran-allied groups", "US-backed forces": the participle's own modifier.
        return [c for c in verb.children if c.dep_ in {"npadvmod", "compound"}]
    if verb.dep_ == "advcl" and (
        verb.tag_ in {"VBG", "VBN"} or is_infinitive(verb)
    ):
        # "..., killing five", "sent troops to help Mali": the main clause's subject.
        return verb_subjects(head, depth + 1)
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.head != head:
        governor = head.head
        if governor.pos_ not in {"VERB", "AUX"}:
            return []
        if head.lower_ in OBJECT_CONTROL_PREPS:
            # "accused Colombia of plotting", "rebuked Iran for seizing a tanker", "was arrested for spying": the
            # one accused, thanked or stopped did it.
            controller = [c for c in governor.children if c.dep_ == ("nsubjpass" if is_passive(governor) else "dobj")]
            if controller:
                return controller
        # "continued its efforts by donating supplies", "after launching the offensive": the clause's subject.
        return verb_subjects(governor, depth + 1)
    return []


def _misread_main_verb(verb: Token) -> bool:
    """A finite verb the parser hung from its subject as a clause: "The Iraqi air force carried out strikes"
    parsed with "force" as the root. A participle with an object is active ("protesters arrested" is not)."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in {"NOUN", "PROPN"}
        and (verb.tag_ == "VBD" or any(c.dep_ == "dobj" for c in verb.children))
    )


def _misread_object(token: Token) -> bool:
    """A common noun after the verb that the parser took for a bare adverbial: "eased curfew hours"."""
    return (
        token.dep_ == "npadvmod"
        and token.pos_ == "NOUN"
        and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in token.children)  # a phrase, not "Monday"
    )


def _misread_name(token: Token) -> bool:
    """A name the small model tagged as an adverb ("USAID provided", "attacked Mosul"): it can only be an
    argument the parser missed."""
    named = token.pos_ == "PROPN" or token.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} or (
        token.is_upper and len(token) > 1 and token.is_alpha
    )
    return token.dep_ in {"advmod", "npadvmod"} and named and token.ent_type_ not in NOT_ACTORS


SUBORDINATORS = {"after", "before", "since", "until", "as", "because", "while", "when", "once", "though"}


def _misread_clause_subject(verb: Token) -> list[Token]:
    """Repair a frequent small-model error: "X did A after Y, under B, did C" parsed with "after Y" as a
    prepositional phrase and C as a conjunct of A. Y is then the subject of C, not X."""
    head = verb.head
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in SUBORDINATORS or not (head.i < prep.i < verb.i):
            continue
        pobjs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"PROPN", "NOUN", "PRON"}]
        if not pobjs:
            continue
        between = verb.doc[pobjs[0].right_edge.i + 1 : verb.i]
        if not any(t.pos_ in {"VERB", "AUX"} or t.lower_ in {"and", "but", "or"} for t in between):
            return pobjs
    return []


def is_state_of_exception(noun: Token) -> bool:
    """ "a state of emergency", "the state of siege": a measure, not the state as an actor."""
    return noun.lemma_.lower() == "state" and bool(prep_objects(noun, {"of"}))


def moves_object(verb: Token, category: str) -> bool:
    """Whether the verb's object is the actor's own people or things, moved, and so no target: "deployed troops",
    and troops withdrawn ("withdrew its troops from the border with South Sudan")."""
    withdrawing = category == "RETREAT" and verb.lemma_.lower() in {"withdraw", "pull", "evacuate"}
    if withdrawing and any(o.lemma_.lower() in WITHDRAWN for o in objects(verb)):
        return True  # not "freed 15 British navy personnel": those released are the target
    return category in MOVED_OBJECT_CATEGORIES or verb.lemma_.lower() in MOVING_LEMMAS


def verb_targets(verb: Token, category: str) -> list[Token]:
    """Candidate target heads of a verb trigger, best first (the caller keeps those that resolve)."""
    found: list[Token] = []
    objs = objects(verb)
    if category in RECIPIENT_FIRST_CATEGORIES or verb.lemma_.lower() in RECIPIENT_FIRST_LEMMAS:
        # "sent troops to Mali", "returned the paintings to Brazil": the object is what is given, the 'to' phrase
        # (or the dative) who receives it.
        found += dative_recipients(verb)
        # The 'to' phrase may hang from the object, or from what it counts: "sent troops to Mali", "delivered a
        # package of shells to Ukraine".
        counted = [p for obj in objs for p in prep_objects(obj, {"of"})]
        # "hand the villages back to Azerbaijan": the parser may hang the 'to' phrase on the particle.
        particles = [c for c in verb.children if c.dep_ in {"prt", "advmod"} and c.lower_ in {"back", "over"}]
        holders = [verb, *objs, *counted, *particles]
        found += [p for holder in holders for p in prep_objects(holder, {"to", "into"})]
    # "lifted most of its sanctions on Belarus": what a part of is the object.
    parts = [p for obj in objs if obj.lemma_.lower() in PART_WORDS for p in prep_objects(obj, {"of"})]
    for obj in [*objs, *parts, *prep_objects(verb, {"for"})]:
        if obj.lemma_.lower() in MEASURES:
            # "lifted UN sanctions on Iran", "called for sanctions against China": whom the measure is against,
            # before whoever's measure it is.
            found += prep_objects(obj, TARGET_PREPS)
    if category in PERPETRATOR_TARGET_CATEGORIES:
        # "investigating war crimes by Russian forces", "condemned reports of killings by Eritrean troops": whoever
        # did what is condemned or investigated, before those it was done to.
        # And what an inquiry is "into", wherever the parser hangs it: "opened an investigation into the execution
        # of prisoners by Russian troops".
        acts = [*objs, *prep_objects(verb, {"into"})]
        acts += [p for act in acts for p in prep_objects(act, {"of", "into"})]
        if not is_passive(verb):
            acts.append(verb)  # the parser often hangs the object's 'by' on an active verb
        found += [agent for act in acts for agent in prep_objects(act, {"by"}) if agent.ent_type_ not in NOT_ACTORS]
        if category == "INVESTIGATE":
            # "investigating whether Venezuela's government ordered the kidnapping", "an investigation into
            # whether Meta breached EU rules": whoever the inquiry asks about.
            holders = [verb, *objs, *(c for o in objs for c in o.children if c.dep_ == "prep")]
            holders += [c for c in verb.children if c.dep_ == "prep"]
            clauses = [c for h in holders for c in h.children if c.dep_ in {"ccomp", "pcomp"}
                       and any(m.dep_ == "mark" and m.lower_ in {"whether", "if"} for m in c.children)]  # fmt: skip
            found += [s for clause in clauses for s in clause.children if s.dep_ in {"nsubj", "nsubjpass"}]
    if not moves_object(verb, category):
        found += objs  # troops moved or deployed are the actor's own, no target
    if verb.dep_ == "amod":
        found.append(verb.head)  # "US-backed forces": the forces are backed
    # Not in the passive: "inspectors were expelled from North Korea" were expelled by it, not from it.
    from_target = category in FROM_TARGET_CATEGORIES and not is_passive(verb)
    preps = TARGET_PREPS | (RETREAT_PREPS if from_target else set())
    for holder in [verb, *objs]:
        for child in holder.children:
            if child.dep_ in {"prep", "prt", "dative"} and child.lower_ in preps:  # the parser calls some "to" dative
                found += [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if child.lower_ == "out":
                    found += prep_objects(child, {"of"})  # "pulled its troops out of southern Lebanon"
                # "withdrew from the border with South Sudan": the other side of it.
                found += [p for c in child.children if c.lemma_.lower() in BORDERS for p in prep_objects(c, {"with"})]
    # "mediated talks between Russia and Ukraine", "ready to mediate between Kabul and Islamabad": the parties.
    found += prep_objects(verb, {"between"}) + [p for obj in objs for p in prep_objects(obj, {"between"})]
    # "rejected a request by Erdogan", "accepted demands from the protesters": whoever made it; and for a refusal,
    # whoever asked in vain ("refused to free Bazoum despite repeated appeals from ECOWAS").
    asked = [*objs, *(prep_objects(verb, {"despite"}) if category == "REJECT" else [])]
    found += [author for obj in asked if obj.lemma_.lower() in PROPOSALS | APPEALS for author in authors(obj)]
    if verb.lemma_.lower() in ENABLING_LEMMAS:
        # "to help Haiti cope", "enabled Kyiv to strike": the one helped does the clause's act.
        found += enabled(verb)
    if category in CLAUSE_TARGET_CATEGORIES:
        # "demanded that Russia stop", "warned that Seoul would ...", "renewed its demand that the US ease
        # sanctions": the complement clause's subject.
        for holder in [verb, *objs]:
            for child in holder.children:
                if child.dep_ == "ccomp" or (child.dep_ == "acl" and holder != verb):
                    found += [c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return found


def authors(noun: Token) -> list[Token]:
    """Who made a proposal, request or demand: its 'by' or 'from' phrase, possessor, or the agent of a participle
    describing it ("proposals laid out by the National Assembly")."""
    found = prep_objects(noun, {"by", "from"}) + [c for c in noun.children if c.dep_ == "poss"]
    for participle in (c for c in noun.children if c.dep_ == "acl"):
        found += agent_objects(participle)
    # "the peace plan that Trump unveiled": who made it in a relative clause.
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        found += [s for s in clause.children if s.dep_ == "nsubj" and s.lower_ not in {"that", "which", "who"}]
    return found


def noun_subjects(noun: Token, verb_subject_of_head: list[Token]) -> list[Token]:
    """The agent of a noun trigger: 'by X', a possessor, an actor modifier, else the governing verb's subject."""
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children) and not _agent_of_its_content(noun):
        return prep_objects(noun, {"by"})
    for child in noun.children:
        if child.dep_ == "poss":
            return [child]
        if child.dep_ == "prep" and child.lower_ == "between":
            return prep_objects(noun, {"between"})  # "the agreement between X and Y"
    mods = [
        c for c in noun.children
        if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}
    ]  # fmt: skip
    if mods:
        return mods
    phrase = noun
    while phrase.dep_ == "compound" and phrase.head != phrase:
        phrase = phrase.head  # "mediation efforts", "peace talks": the phrase's place in the clause counts
    if phrase.dep_ == "nsubj" or (phrase.dep_ == "nsubjpass" and not agent_objects(phrase.head)):
        return []  # the subject is no one's act but its own; a passive's 'by' names who did it: "was staged by"
    return verb_subject_of_head


def _agent_of_its_content(noun: Token) -> list[Token]:
    """ "a U.N. inquiry into killings by Burundi's security forces": the parser hangs the killings' 'by' on the
    inquiry. A 'by' after what the noun is into names who did that, not who inquires."""
    into = prep_objects(noun, {"into"})
    return [p for p in prep_objects(noun, {"by"}) if into and p.i > into[0].i]


def noun_targets(noun: Token, category: str) -> list[Token]:
    found: list[Token] = []
    if category in PERPETRATOR_TARGET_CATEGORIES:
        # "an inquiry into abuses by Libyan coast guards": whoever did what it is into, wherever the parser hangs
        # the 'by'.
        acts = prep_objects(noun, {"into", "of"})
        found += _agent_of_its_content(noun) + [a for act in acts for a in prep_objects(act, {"by"})]
    of_target = category in OF_TARGET_CATEGORIES or noun.lemma_.lower() in OF_TARGET_NOUNS
    preps = TARGET_PREPS | ({"of"} if of_target else set())
    holders = [noun]
    if noun.dep_ in {"dobj", "nsubjpass", "attr"} and noun.head != noun:
        holders.append(noun.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
    if noun.dep_ == "nsubj" and noun.head != noun:
        # "UN sanctions have been targeting Pyongyang", "the attack killed five soldiers"
        found += [c for c in noun.head.children if c.dep_ == "dobj"]
    if noun.dep_ == "dobj" and noun.head != noun:
        # A light verb's recipient: "gave Putin a stern warning", "sent Kabul a message of support".
        found += dative_recipients(noun.head)
    if category in CLAUSE_TARGET_CATEGORIES:
        # "its demand that the United States lift sanctions": the clause's subject.
        for clause in (c for c in noun.children if c.dep_ in {"acl", "ccomp"}):
            found += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return found


def forum(trigger: Token) -> list[Token]:
    """Objects of 'in'/'at' near the trigger: where a vote or veto happened ("in the UN Security Council")."""
    holders = [trigger] + ([trigger.head] if trigger.head != trigger else [])
    return [p for holder in holders for p in prep_objects(holder, {"in", "at", "within"})]


# Time phrases of an act, on which the parser may hang its place: "for hours in Culiacan", "on Sunday in Kabul".
TIME_PREPS = {"for", "on", "during", "over", "until", "since", "after", "before"}
TIME_NOUNS = {"hour", "day", "week", "month", "year", "night", "morning", "afternoon", "evening", "weekend"}


def places(trigger: Token) -> list[Token]:
    """Where a material act happened, nearest first: place phrases of the trigger, of its objects, and of the
    verbs it is governed by ("troops arrived in Nepal to help deliver aid", "struck a target in Gaza")."""
    holders: list[Token] = [trigger, *objects(trigger)]
    # "fought soldiers for hours in Culiacan": the parser may hang the place on a time phrase of the act.
    holders += [
        p for p in prep_objects(trigger, TIME_PREPS) if p.ent_type_ in {"DATE", "TIME"} or p.lemma_ in TIME_NOUNS
    ]
    node = trigger
    for _ in range(3):
        if node.dep_ not in {"xcomp", "advcl", "conj", "dobj", "pobj", "prep", "compound"} or node.head == node:
            break
        node = node.head
        holders.append(node)
    # "during their attack on southern Israel": an act it happened in places it too (Extractor._places).
    return [p for holder in holders for p in prep_objects(holder, PLACE_TARGET_PREPS | {"during"})]


def governing_verb(noun: Token) -> Token:
    """The verb a noun trigger's phrase hangs from, through prepositions and a measure or container noun ("announced
    $33 million in assistance", "sent a shipment of arms"); the noun itself when there is none."""
    node = noun
    while node.dep_ == "compound" and node.head != node:
        node = node.head  # "ended mediation efforts": the phrase is "mediation efforts"
    for _ in range(4):
        if node.head == node:
            return noun
        came_from = node
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
        through_measure = came_from.lower_ in {"of", "in"} and node.dep_ in {"dobj", "nsubjpass", "attr"}
        if node.dep_ not in {"pobj", "prep"} and node.pos_ != "ADP" and not through_measure:
            break
    return noun
