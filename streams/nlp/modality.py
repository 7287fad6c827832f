"""How sure an event is (asserted, negated, hypothetical, future, reported) and who says so.

Decided from the trigger's own auxiliaries and modifiers and from the chain of verbs that govern it: "said it
would reconsider" is a future event reported by the subject of "said"; "refused to sign" is negated.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from streams.nlp.lexicon import Lexicon
from streams.nlp.roles import agent_objects, is_infinitive

PRIORITY = ("negated", "hypothetical", "future", "reported", "asserted")
QUOTES = {'"', "“", "”", "«", "»", "„", "‘", "’", "``", "''"}
OPEN_QUOTES = {"“", "«", "„", "``"}
CLOSE_QUOTES = {"”", "»", "''"}
# Dependency relations through which a governing verb's meaning reaches the trigger.
CONTROL_DEPS = {"xcomp", "pcomp", "prep", "pobj", "ccomp", "conj", "advcl", "dobj", "acomp"}

# "accused X of ...", "arrested for ...": the preposition that names what someone is accused of.
ACCUSATION_PREPS = {"of", "for"}


@dataclass(frozen=True)
class Modality:
    value: str
    speaker_head: Token | None  # the token heading the speaker's phrase, when the event is reported


def _strongest(found: set[str]) -> str:
    for value in PRIORITY:
        if value in found:
            return value
    return "asserted"


def modality_of(trigger: Token, lex: Lexicon) -> Modality:
    found: set[str] = set()
    speaker: Token | None = None
    _own_markers(trigger, lex, found, under_speech=_has_speech_ancestor(trigger, lex))
    # Governing verbs, nearest first.
    node = trigger
    steps = 0
    while node.dep_ != "ROOT" and node.head != node and steps < 8:
        rel = node.dep_
        gov = node.head
        steps += 1
        # "is willing to provide", "ready to talk": an adjective governs an infinitive as a verb would.
        if gov.pos_ in {"VERB", "AUX"} or gov.tag_.startswith("VB") or (gov.pos_ == "ADJ" and rel == "xcomp"):
            lemma = gov.lemma_.lower()
            if rel in {"xcomp", "pcomp", "prep", "dobj"} and lemma in lex.words("negating_governors"):
                found.add("negated")
            elif rel == "xcomp" and lemma in lex.words("future_governors"):
                found.add("future")
            elif rel == "xcomp" and lemma in lex.words("hypothetical_governors"):
                found.add("hypothetical")
            elif rel == "ccomp" and lemma in lex.words("mandative_governors"):
                found.add("hypothetical")  # "demanded that Russia withdraw": wanted, not done
            if rel in {"ccomp", "parataxis", "xcomp"} and lemma in lex.words("speech_verbs") and speaker is None:
                speaker = _subject_of(gov)
                found.add("reported")
            accusation = rel == "prep" and node.lower_ in ACCUSATION_PREPS
            if accusation and lemma in lex.words("accusing_governors") and speaker is None:
                # "accused Colombia of plotting an invasion", "blamed India for the bombing": the accuser's claim.
                speaker = _agent_of(gov)
                found.add("reported")
            if rel == "prep" and trigger.dep_ == "pcomp" and node.lower_ in lex.words("hypothetical_preps"):
                found.add("hypothetical")  # "warned Russia against attacking Ukraine": an act to be avoided
            if rel in {"ccomp", "xcomp", "conj"} and any(c.dep_ == "neg" for c in gov.children) and rel != "conj":
                found.add("negated")
            if rel == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in lex.words("hypothetical_markers") for c in node.children
            ):
                found.add("hypothetical")
        elif rel in {"acl", "ccomp"} and _is_that_clause(node):
            noun = gov.lemma_.lower()
            if noun in lex.words("claim_nouns"):
                # "claims that it fired the rocket", "Kenya's accusations that troops killed civilians": a claim.
                found.add("reported")
                if speaker is None:
                    speaker = next((c for c in gov.children if c.dep_ == "poss"), None)
            elif noun in lex.words("wish_nouns"):
                found.add("hypothetical")  # "its demand that the US lift sanctions": wanted, not done
        if rel not in CONTROL_DEPS and rel != "parataxis":
            break
        node = gov
    quoted = _inside_quotes(trigger)
    according = _according_to(trigger)
    if quoted or according is not None:
        found.add("reported")
        if speaker is None:
            speaker = according if according is not None else _sentence_speaker(trigger, lex)
    return Modality(_strongest(found), speaker)


def _own_markers(trigger: Token, lex: Lexicon, found: set[str], *, under_speech: bool) -> None:
    tokens = [trigger]
    if trigger.dep_ in {"dobj", "nsubjpass", "attr"} and trigger.head != trigger:
        tokens.append(trigger.head)  # "did not sign an agreement", "no agreement was reached"
    if trigger.dep_ in {"acl", "relcl"} and is_infinitive(trigger):
        found.add("hypothetical")  # "calls to reconsider", "a plan to withdraw": intended, not done
    if trigger.dep_ == "advcl" and is_infinitive(trigger):
        found.add("future")  # "sent troops to help the army", "a move to impose sanctions": the purpose, not a fact
    for tok in tokens:
        for child in tok.children:
            lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and lower == "no"):
                if tok != trigger and tok.lemma_.lower() in lex.words("negating_governors") | {"exclude"}:
                    found.add("hypothetical")  # "does not exclude cooperation": possible, not denied
                else:
                    found.add("negated")
            elif child.dep_ in {"aux", "auxpass"}:
                if lower in lex.words("future_aux") or (lower == "going" and tok.tag_ == "VB"):
                    found.add("future")
                elif lower in lex.words("hypothetical_aux"):
                    # Reported speech shifts "will" to "would": "said it would reconsider" is a future intent.
                    found.add("future" if under_speech and lower in {"would", "'d"} else "hypothetical")
            elif child.dep_ == "mark" and lower in lex.words("hypothetical_markers"):
                found.add("hypothetical")
            elif child.dep_ == "advmod" and lower in lex.words("hedges"):
                found.add("reported" if lower in {"reportedly", "allegedly", "purportedly"} else "hypothetical")
            elif child.dep_ in {"nsubj", "nsubjpass", "dobj"} and tok == trigger and _nobody(child):
                # "neither the US nor the Soviet Union would occupy", "none of the parties signed", "signed no
                # agreement": no one did it, or it was done to nothing.
                found.add("negated")


def _nobody(argument: Token) -> bool:
    """An argument that names no one and nothing: "neither X nor Y", "no country", "none of the parties"."""
    return argument.lower_ in {"none", "nobody", "nothing"} or any(
        c.dep_ in {"preconj", "det"} and c.lower_ in {"neither", "no"} for c in argument.children
    )


def _has_speech_ancestor(trigger: Token, lex: Lexicon) -> bool:
    node = trigger
    for _ in range(6):
        if node.dep_ in {"ROOT"} or node.head == node:
            return False
        if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_.lower() in lex.words("speech_verbs"):
            return True
        node = node.head
    return False


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ == "conj" and verb.head != verb:
        return _subject_of(verb.head)
    return None


def _is_that_clause(verb: Token) -> bool:
    """A finite clause introduced by 'that' (or with it left out), not an infinitive ("plans to withdraw")."""
    return not is_infinitive(verb) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _agent_of(verb: Token) -> Token | None:
    """Who does ``verb``: its active subject, or its passive 'by' phrase ("was accused by Kyiv of ...")."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return next(iter(agent_objects(verb)), None)
    return _subject_of(verb)


def _inside_quotes(trigger: Token) -> bool:
    """True when an odd number of quotation marks precede the trigger in its sentence (or an opening one)."""
    sent = trigger.sent
    depth = 0
    straight = 0
    for tok in sent:
        if tok.i >= trigger.i:
            break
        if tok.text in OPEN_QUOTES:
            depth += 1
        elif tok.text in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif tok.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


def _according_to(trigger: Token) -> Token | None:
    for tok in trigger.sent:
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return pobj
    return None


def _sentence_speaker(trigger: Token, lex: Lexicon) -> Token | None:
    """For a quotation: the subject of the sentence's verb of saying, if it has one."""
    for tok in trigger.sent:
        if tok.lemma_.lower() in lex.words("speech_verbs") and tok.pos_ in {"VERB", "AUX"}:
            subject = _subject_of(tok)
            if subject is not None:
                return subject
    return None
