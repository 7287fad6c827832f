"""What the rules can match, in trigger terms, and which sentences are worth parsing for it.

An event's category, lemma and mode all come from the lexicon entry of its trigger (or, for a derived event,
from that entry's category by a fixed mapping: see ``lexicon.derived_outputs``). So the values a rule pins for
``event``, ``lemma`` and ``mode`` say which trigger entries could possibly yield an event it matches; every other
entry's events cannot match, and a sentence holding none of the admitted entries' word forms need not be parsed.

``TriggerFilter`` holds those pins, one ``Pin`` per enabled rule (built from ``RuleSet.trigger_pins()``, kept as
plain data so that this module and ``streams.rules`` do not import each other). ``SentenceGate`` turns a filter
into a per-word-form look-up with the checks that can be made on tokens before any parse (the word before a
hyphen for ``prev``; for ``prep``, ``obj``, ``pobj``, ``mod`` and ``head``, that a word the condition names, or a
form the lemmatizer could reduce to it, is in the sentence at all), each a necessary condition of the extractor's
own condition test, so the gate only skips sentences that cannot yield an admitted event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from streams.nlp.lexicon import (
    CONDITION_MARKS,
    FORCES,
    JOINT_WORDS,
    NONE,
    THREATENED_ON_CONDITION,
    TRADE_WORDS,
    Lexicon,
    Trigger,
    derived_outputs,
)


@dataclass(frozen=True)
class Pin:
    """What one rule requires of an event's category, lemma and mode (None: any value). Case-insensitive."""

    events: frozenset[str] | None = None
    lemmas: frozenset[str] | None = None
    modes: frozenset[str] | None = None

    def admits(self, category: str, lemma: str, mode: str | None) -> bool:
        if self.events is not None and category.upper() not in self.events:
            return False
        if self.lemmas is not None and lemma.casefold() not in self.lemmas:
            return False
        # A rule pinning ``mode`` cannot match an event without one (``equals`` needs a value).
        return self.modes is None or (mode is not None and mode.casefold() in self.modes)


@dataclass(frozen=True)
class TriggerFilter:
    """The union of what the rules can match: an event passes when any pin admits its category, lemma and mode.

    An empty filter admits nothing (no enabled rule); ``TriggerFilter.everything()`` admits every event.
    """

    pins: tuple[Pin, ...]
    _memo: dict[tuple[str, str, str | None], bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def everything(cls) -> TriggerFilter:
        return cls((Pin(),))

    @classmethod
    def from_pins(cls, pins: Iterable[Mapping[str, frozenset[str] | None]]) -> TriggerFilter:
        """From per-rule mappings with keys ``event``, ``lemma`` and ``mode`` (missing or None: unconstrained).

        The worker asks for every batch with the same (cached) tuple of a rule set; with 1,000 rules building
        the filter again costs milliseconds, so a tuple seen before gives back the filter built from it.
        """
        if isinstance(pins, tuple):
            cached = _BUILT.get(id(pins))
            if cached is not None and cached[0] is pins:
                return cached[1]
            built = cls._build(pins)
            if len(_BUILT) >= 8:  # rule reloads; old rule sets are not asked again
                _BUILT.clear()
            _BUILT[id(pins)] = (pins, built)  # the tuple is kept alive, so its id is not reused meanwhile
            return built
        return cls._build(pins)

    @classmethod
    def _build(cls, pins: Iterable[Mapping[str, frozenset[str] | None]]) -> TriggerFilter:
        out: list[Pin] = []
        for pin in pins:
            events, lemmas, modes = pin.get("event"), pin.get("lemma"), pin.get("mode")
            out.append(
                Pin(
                    events=None if events is None else frozenset(v.upper() for v in events),
                    lemmas=None if lemmas is None else frozenset(v.casefold() for v in lemmas),
                    modes=None if modes is None else frozenset(v.casefold() for v in modes),
                )
            )
        return cls(tuple(dict.fromkeys(out)))  # duplicates add nothing; keep the hash small

    @classmethod
    def for_categories(cls, categories: Iterable[str] | None) -> TriggerFilter:
        return cls.everything() if categories is None else cls((Pin(events=frozenset(c.upper() for c in categories)),))

    def restrict(self, categories: Iterable[str] | None) -> TriggerFilter:
        """Only the events of ``categories`` that this filter admits (None: no further restriction)."""
        if categories is None:
            return self
        wanted = frozenset(c.upper() for c in categories)
        pins = []
        for pin in self.pins:
            events = wanted if pin.events is None else pin.events & wanted
            if events:
                pins.append(Pin(events, pin.lemmas, pin.modes))
        return TriggerFilter(tuple(dict.fromkeys(pins)))

    @property
    def categories(self) -> frozenset[str] | None:
        """Categories any pin admits; None when some pin admits every category."""
        out: set[str] = set()
        for pin in self.pins:
            if pin.events is None:
                return None
            out |= pin.events
        return frozenset(out)

    def admits(self, category: str, lemma: str, mode: str | None) -> bool:
        key = (category, lemma, mode)
        known = self._memo.get(key)
        if known is None:
            known = self._memo[key] = any(p.admits(category, lemma, mode) for p in self.pins)
        return known

    def admits_trigger(self, trigger: Trigger) -> bool:
        """Whether some event this lexicon entry can yield (its own or a derived one) is admitted."""
        if trigger.category == NONE:
            return False
        return any(self.admits(category, trigger.lemma, mode) for category, mode in derived_outputs(trigger))


_BUILT: dict[int, tuple[object, TriggerFilter]] = {}

# One admitted entry's token-level checks: ("prev", words) the word before its hyphen; ("child", words) one of these
# words elsewhere in the sentence; ("near", forms) one of these forms anywhere in it.
Gate = tuple[tuple[str, frozenset[str]], ...]
# Conditions whose words the parse looks for near the trigger (its children, or its clause's auxiliaries for
# "modal"), by lower-case form...
FORM_CONDITIONS = {"prep", "modal"}
# ...or by lower-case form or lemma.
LEMMA_CONDITIONS = {"obj", "pobj", "mod", "head", "pred", "subj", "xcomp", "alternative"}


class LemmaForms:
    """Every lower-case word form spaCy's rule lemmatizer (or the attribute ruler) could give a lemma, so that "a
    word with lemma L is in the sentence" can be checked before the parse as "one of these forms is in it".

    The inverse of ``Lemmatizer.rule_lemmatize``: the lemma itself (base forms, fallbacks, proper nouns), the
    forms its suffix rules map onto it (any part of speech) and its listed exceptions. Lemmas that the attribute
    ruler assigns by pattern ("be", "not", pronouns) are not inverted: a condition on them is not pre-checked.
    Without a rule lemmatizer nothing is pre-checked.
    """

    def __init__(self, nlp: Language) -> None:
        self.available = False
        self._rules: list[tuple[str, str]] = []
        self._exceptions: dict[str, set[str]] = {}
        self._verb_exceptions: dict[str, set[str]] = {}
        self._ruler_lemmas: frozenset[str] = frozenset()
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        if lemmatizer is None or getattr(lemmatizer, "mode", None) != "rule":
            return
        tables = lemmatizer.lookups
        rules = tables.get_table("lemma_rules", {})
        for key in rules:
            self._rules += [(str(old), str(new)) for old, new in rules[key]]
        exceptions = tables.get_table("lemma_exc", {})
        for key in exceptions:
            for form, lemmas in exceptions[key].items():
                for lemma in lemmas:
                    self._exceptions.setdefault(str(lemma).lower(), set()).add(str(form).lower())
                    if _is_key(key, "verb"):
                        self._verb_exceptions.setdefault(str(lemma).lower(), set()).add(str(form).lower())
        if "attribute_ruler" in nlp.pipe_names:
            ruler: Any = nlp.get_pipe("attribute_ruler")
            self._ruler_lemmas = frozenset(
                str(p["attrs"]["LEMMA"]).lower() for p in ruler.patterns if "LEMMA" in p.get("attrs", {})
            )
        self.available = True

    def irregular_verb_forms(self, lemma: str) -> frozenset[str]:
        """The forms spaCy's lemmatizer lists as irregular for the verb ``lemma`` ("flew", "flown" for "fly")."""
        return frozenset(self._verb_exceptions.get(lemma.lower(), ()))

    def forms(self, lemmas: Iterable[str]) -> frozenset[str] | None:
        """Word forms whose lemma may be one of ``lemmas`` (and the lemmas themselves); None: cannot tell."""
        if not self.available:
            return None
        out: set[str] = set()
        for lemma in lemmas:
            lemma = lemma.lower()
            if lemma in self._ruler_lemmas:
                return None
            out.add(lemma)
            out |= self._exceptions.get(lemma, set())
            for old, new in self._rules:
                if lemma.endswith(new):
                    out.add(lemma[: len(lemma) - len(new)] + old)
        return frozenset(out)


def _is_key(key: Any, name: str) -> bool:
    """Whether a lookups table key is ``name`` (spaCy stores the keys as string hashes)."""
    return bool(key == name or key == get_string_id(name))


class SentenceGate:
    """Says, from the tokens alone, whether a sentence can yield an event the filter admits."""

    def __init__(self, lexicon: Lexicon, triggers: TriggerFilter, lemma_forms: LemmaForms) -> None:
        self.gates: dict[str, list[Gate]] = {}
        made: dict[Trigger, Gate] = {}
        cues = derivation_cues(lexicon, lemma_forms)
        for form, entries in lexicon.by_form.items():
            gates = []
            for entry in entries:
                if triggers.admits_trigger(entry):
                    gate = made.get(entry)
                    if gate is None:
                        gate = made[entry] = _gate(entry, lemma_forms) + _derivation_gate(entry, triggers, cues)
                    gates.append(gate)
            if gates:
                # One entry with nothing to check makes the form enough on its own.
                self.gates[form] = [()] if () in gates else list(dict.fromkeys(gates))

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(self.gates)

    def wants(self, doc: Doc) -> bool:
        words: set[str] | None = None
        for tok in doc:
            gates = self.gates.get(tok.lower_)
            if gates is None:
                continue
            for gate in gates:
                if not gate:
                    return True
                if words is None:
                    words = {t.lower_ for t in doc}
                if all(_may_hold(tok, kind, values, words) for kind, values in gate):
                    return True
        return False


# Keys of derivation_cues for derivations narrower than their category's.
CONDITIONAL_THREAT = "THREATEN on a condition"
TRADE_SANCTION = "SANCTION on trade"
JOINT_OPERATION = "COOPERATE from a fight"


def derivation_cues(lexicon: Lexicon, lemma_forms: LemmaForms) -> dict[str, frozenset[str] | None]:
    """For each derived category, the word forms one of which its events need in the sentence (None: any
    sentence). A threat derived from force is force on a condition ("if"), declared ("will", "would") or vowed
    ("vowed to", "is ready to"), and one derived from a refusal is a refusal negated ("did not rule out"); a
    deployment derived from an AID entry of sending sends forces ("sent 2,000 troops to Borno state"); a threat
    derived from sanctions or protest needs a condition, a sanction derived from a restriction a trade word ("a ban
    on imports"), and cooperation derived from a fight a word saying it is joint ("coordinated operations"):
    events.py."""
    vows = lemma_forms.forms(lexicon.words("committing_governors"))
    declared = lexicon.words("future_aux") | {"would", "'d"}
    negated = lexicon.words("negation")
    return {
        "THREATEN": None if vows is None else CONDITION_MARKS | declared | vows | negated,
        "MOBILIZE": lemma_forms.forms(FORCES),
        CONDITIONAL_THREAT: CONDITION_MARKS,
        TRADE_SANCTION: lemma_forms.forms(TRADE_WORDS),
        JOINT_OPERATION: JOINT_WORDS,
    }


def _cue_key(trigger: Trigger, derived: str) -> str:
    """The key of ``derivation_cues`` that gates ``derived`` from ``trigger``'s entry."""
    if derived == "THREATEN" and trigger.category in THREATENED_ON_CONDITION:
        return CONDITIONAL_THREAT
    if derived == "SANCTION" and trigger.category == "COERCE":
        return TRADE_SANCTION
    if derived == "COOPERATE" and trigger.category == "FIGHT":
        return JOINT_OPERATION
    return derived


def _derivation_gate(
    trigger: Trigger, triggers: TriggerFilter, cues: dict[str, frozenset[str] | None]
) -> Gate:
    """When the filter admits the entry only for a derived event that needs a word in the sentence ("if", for a
    threat of force), those words."""
    own, *derived = derived_outputs(trigger)
    if triggers.admits(own[0], trigger.lemma, own[1]):
        return ()
    needed = [cues.get(_cue_key(trigger, c)) for c, m in derived if triggers.admits(c, trigger.lemma, m)]
    if needed and all(words is not None for words in needed):
        return (("near", frozenset().union(*(w for w in needed if w is not None))),)
    return ()


def _gate(trigger: Trigger, lemma_forms: LemmaForms) -> Gate:
    checks: list[tuple[str, frozenset[str]]] = []
    for key, values in trigger.conditions:
        if key == "prev":
            checks.append(("prev", values))
        elif key in FORM_CONDITIONS:
            checks.append(("child", values))
        elif key in LEMMA_CONDITIONS:
            forms = lemma_forms.forms(values)
            if forms is not None:
                checks.append(("near", forms))
        # objsector and recipient depend on actor resolution of the parse: not pre-checked.
    return tuple(checks)


def prev_holds(tok: Token, values: frozenset[str]) -> bool:
    """``prev``: the trigger is the last part of a hyphenated word ("build-up" is ``build - up``)."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in values


def _may_hold(tok: Token, kind: str, values: frozenset[str], words: set[str]) -> bool:
    """A necessary condition of the extractor's ``_condition_holds`` that needs no parse."""
    if kind == "prev":
        return prev_holds(tok, values)  # exact
    if kind == "child":
        # The parse must find one of these words among the trigger's children, so it is in the sentence (and is
        # not the trigger itself, which cannot be its own child).
        return not values.isdisjoint(words) and any(t.lower_ in values for t in tok.doc if t.i != tok.i)
    # "near": the object, a modifier or the head has one of these lemmas, so one of their forms is in the sentence.
    return not values.isdisjoint(words)
