"""Repairs of the small model's parse, made on the parsed Doc before roles are read.

Headlines drop articles and use the present tense ("Georgian police arrest opposition leader in raid", "Turkey
launches offensive against Kurdish militia"). The small model then tags the verb a noun, reads the subject as a
modifier of the verb and a bare noun object as an adjective, and the act loses its agent or its object. It also
hangs the act others are joined in on the partners ("joined Japanese destroyers for drills") and a particle after
the object on the object ("handed the suspects over"), tags a plural object a verb ("handed two al Qaeda suspects
over"), and reads the "free" of "let free" as a clause of its own. Each repair is narrow: it changes a few arcs
only where the parse cannot be right as it stands.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

# Verbs that do take an adjective complement ("remained calm", "pleaded guilty", "came close").
LINKING_LEMMAS = frozenset({
    "be", "become", "seem", "appear", "remain", "stay", "look", "feel", "sound", "get", "grow", "turn", "prove",
    "keep", "go", "come", "fall", "run", "hold", "stand", "plead", "make", "render", "leave", "break", "set",
})  # fmt: skip
PRESENT_TAGS = {"VBZ", "VBP", "VB"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
# Left dependents of a misread verb that belong to the subject it swallowed ("Georgian" in "Georgian police").
SUBJECT_MODIFIER_DEPS = {"amod", "compound", "det", "nmod", "poss", "nummod", "punct"}
# "let free", "set free", "set loose": a verb and the state it leaves its object in, which together are one act.
RESULTATIVE_LEMMAS = frozenset({"let", "set"})
RESULTS = frozenset({"free", "loose"})
# Particles of phrasal verbs that come after the object: "handed the suspects over", "called the strike off".
PARTICLES = frozenset({"over", "back", "off", "out", "up", "down", "away"})
# Verbs whose object is a partner in an act the sentence names after it: "joined Japanese destroyers for drills".
JOINING_LEMMAS = frozenset({"join"})


def repair_parse(doc: Doc, is_noun_trigger: Callable[[Token], bool]) -> None:
    """Mend, in place, the misreadings described in the module docstring."""
    for word in doc:
        _noun_read_as_verb(word)
    for verb in doc:
        _verb_read_as_noun(verb)
        if verb.pos_ != "VERB" or verb.tag_ not in PRESENT_TAGS:
            continue
        _subject_read_as_modifier(verb)
        _object_read_as_adjective(verb, is_noun_trigger)
    for verb in doc:
        if verb.lemma_.lower() in JOINING_LEMMAS:
            _joined_act_read_as_partners(verb, is_noun_trigger)
        if verb.lemma_.lower() in RESULTATIVE_LEMMAS:
            _result_read_as_clause(verb)
        if verb.pos_ == "VERB":
            _particle_read_as_the_objects(verb)


def _noun_read_as_verb(word: Token) -> None:
    """ "handed two al Qaeda suspects over": "suspects" tagged a verb though it is the object."""
    if word.pos_ == "VERB" and word.dep_ in {"dobj", "pobj"} and word.tag_ == "VBZ" and word.lower_.endswith("s"):
        word.pos_, word.tag_ = "NOUN", "NNS"


def _verb_read_as_noun(word: Token) -> None:
    """ "Kenyan police arrest opposition senator": "arrest" tagged a noun, though it has a direct object, which
    only a verb has."""
    if word.pos_ == "NOUN" and word.tag_ in {"NN", "NNS"} and any(c.dep_ == "dobj" for c in word.children):
        word.pos_ = "VERB"
        word.tag_ = "VBZ" if word.tag_ == "NNS" else "VBP"


def _subject_read_as_modifier(verb: Token) -> None:
    """ "Georgian police arrest opposition leader": "police" hangs from "arrest" as a compound. A finite verb with
    no subject whose noun neighbour on the left modifies it has lost its subject to that neighbour."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.i == 0:
        return
    noun = verb.doc[verb.i - 1]
    if noun.head != verb or noun.dep_ not in {"compound", "amod", "npadvmod", "nmod"} or noun.pos_ not in {
        "NOUN", "PROPN"
    }:
        return
    if any(c.dep_ == "aux" and c.i < verb.i for c in verb.children):
        return  # "to protest" and the like have their subject elsewhere
    swallowed = [c for c in verb.lefts if c.i < noun.i and c.dep_ in SUBJECT_MODIFIER_DEPS]
    if any(t.dep_ == "punct" for t in swallowed):
        return  # a dateline or a clause before it: not one noun phrase
    noun.dep_ = "nsubj"
    for modifier in swallowed:
        modifier.head = noun


def _object_read_as_adjective(verb: Token, is_noun_trigger: Callable[[Token], bool]) -> None:
    """ "Turkey launches offensive against Kurdish militia": "offensive" read as the verb's adjective complement.
    Only linking verbs take one; after any other verb, an event noun in that place is the object."""
    if verb.lemma_.lower() in LINKING_LEMMAS or any(c.dep_ == "dobj" for c in verb.children):
        return
    for child in verb.rights:
        if child.dep_ == "acomp" and is_noun_trigger(child):
            child.dep_ = "dobj"
            child.pos_ = "NOUN"
            return


def _joined_act_read_as_partners(verb: Token, is_noun_trigger: Callable[[Token], bool]) -> None:
    """ "Indian navy ships joined Japanese destroyers for drills": the parser hangs "for drills" on the partners.
    What one joins others for or in is the verb's: the act done together."""
    for partner in (c for c in verb.children if c.dep_ == "dobj"):
        for prep in [c for c in partner.children if c.dep_ == "prep" and c.lower_ in {"for", "in"}]:
            if any(p.dep_ == "pobj" and is_noun_trigger(p) for p in prep.children):
                prep.head = verb


def _result_read_as_clause(verb: Token) -> None:
    """ "Egypt finally let free the activist", "Ethiopia let free 74 political leaders", "the army set the hostages
    free": the parser reads "free" as a clause of its own, even with the one freed as its subject. The result is
    the verb's particle, and the one freed its object, as in "set free three hostages"."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.lower_ in RESULTS and after.dep_ == "amod" and after.head.head == verb:
        after.head = verb  # "let free 74 political prisoners", read as free prisoners
        after.dep_ = "advmod"
    for result in [c for c in verb.children if c.lower_ in RESULTS and c.dep_ != "prt"]:
        if result.dep_ not in {"ccomp", "advcl", "advmod", "acomp", "oprd", "xcomp"}:
            continue
        freed = [c for c in result.children if c.dep_ in {"nsubj", "dobj"}]
        if len(freed) > 1:
            continue
        for person in freed:
            person.head = verb
            person.dep_ = "dobj"
        result.dep_ = "prt"
        result.pos_, result.tag_ = "PART", "RP"  # a particle, no verb of its own to trigger on


def _particle_read_as_the_objects(verb: Token) -> None:
    """ "Mexico handed the drug lord Joaquin Guzman over to U.S. authorities": the particle after the object hung
    from the object. It is the verb's, which is then "hand over"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for particle in [c for c in obj.children if c.dep_ in {"prt", "advmod"} and c.lower_ in PARTICLES]:
            if particle.i > obj.i and not list(particle.children):
                particle.head = verb
                particle.dep_ = "prt"
