"""Article -> PLOVER events: the extractor used by the worker, ``newsalert extract`` and ``rules test``.

Pipeline per batch of articles:

1. screen: empty, non-English (skipped with a logged reason) or over-long (capped, reported) bodies; control
   characters become spaces so that character offsets still point into the original body;
2. segment every article into sentences with the cheap ``senter`` stage;
3. tokenise each sentence on its own; with selective parsing, keep only sentences that can yield an event the
   caller wants: a sentence must hold a word form of a lexicon entry whose category, lemma and mode (or those of
   an event derived from it) the caller's ``TriggerFilter`` admits, and pass that entry's token-level checks
   (``selection.SentenceGate``); nothing else can produce such an event;
4. parse the kept sentences in batches (tagger, parser, lemmatizer, NER) and read events off each parse.

Each sentence is analysed independently of the others (no cross-sentence state), and its parse does not depend
on the batch it is parsed in (see ``pipeline.batch_independent``): selective parsing gives exactly the events of
a full parse for everything the filter admits.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from streams.models import Actor, Article, Event
from streams.nlp.actors import EMPLOYING_PARTICIPLES, ENTITY_KINDS, ActorLexicon, ActorResolver, Entry, counts
from streams.nlp.implied import (
    HOME_TARGET_CATEGORIES,
    MISSION_CATEGORIES,
    PLEDGING_LEMMAS,
    STATE_SECTORS,
    at_dateline,
    beneficiary,
    complained_of,
    domestic_target,
    home_target,
    mission_hosts,
    provoker,
    speakers_own,
    stated_from,
)
from streams.nlp.language import non_english_reason
from streams.nlp.lexicon import (
    CATEGORIES,
    COMMANDING_LEMMAS,
    CONDITION_MARKS,
    DEPLOYING_LEMMAS,
    DERIVED_FROM,
    EQUIPMENT,
    FALLBACK,
    FORCES,
    HAND,
    JOINT_WORDS,
    NONE,
    OPTION_LEMMAS,
    THREAT_MODES,
    THREATENED_ON_CONDITION,
    TRADE_WORDS,
    WARSHIPS,
    Lexicon,
    Trigger,
    derived_mode,
    load_lexicon,
)
from streams.nlp.modality import modality_of
from streams.nlp.pipeline import PARSE_BATCH, batch_independent, load_model, parse, segment
from streams.nlp.ranking import MODALITY_WEIGHT, event_confidence, rank_embedded
from streams.nlp.repair import repair_parse
from streams.nlp.roles import (
    CLAUSE_TARGET_CATEGORIES,
    HELPING_CATEGORIES,
    MEASURES,
    PLACE_TARGET_PREPS,
    RECIPIENT_FIRST_CATEGORIES,
    RECIPIENT_FIRST_LEMMAS,
    RECIPROCAL_CATEGORIES,
    TARGET_PREPS,
    VERB_POS,
    enabled,
    forum,
    governing_verb,
    is_infinitive,
    is_passive,
    is_state_of_exception,
    moves_object,
    noun_subjects,
    noun_targets,
    objects,
    places,
    prep_objects,
    verb_subjects,
    verb_targets,
)
from streams.nlp.selection import LemmaForms, SentenceGate, TriggerFilter, prev_holds

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# A wire dateline before the first sentence: an upper-case place, an optional region, then a date or an agency or
# both, then a dash ("SANAA, Jan 11 - ", "KYIV (Reuters) - ", "GENEVA, Switzerland (AP) — "). Parsed with the
# sentence, it turns the place into the subject.
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z]\.?(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*)?"
    r"(?:(?:,? [A-Z][a-z]{2,9}\.? \d{1,2})(?: \([A-Za-z. ]{1,20}\))?|(?: \([A-Za-z. ]{1,20}\))) ?[-–—]+ "
)
MAX_SENTENCE_CHARS = 2_000  # longer "sentences" (tables, lists, junk) are cut into pieces this size
SENTENCE_END = {".", "!", "?"}
CLOSING = {"”", '"', "’", "'", ")", "»"}
NOUN_POS = {"NOUN", "PROPN"}
# Material acts whose target, when none is named, is the country where they happen.
PLACE_TARGET_CATEGORIES = {"AID", "COOPERATE", "MOBILIZE", "ASSAULT", "FIGHT", "COERCE", "PROTEST", "RETREAT", "CRIME"}
# Adverbs that make a participle a standing, not an act: "internationally recognised", "democratically elected".
STANDING_ADVERBS = {"internationally", "widely", "officially", "democratically", "legally", "universally",
                    "formally", "globally", "legitimately"}  # fmt: skip
# Attacks whose passive names whence they came and so who made them.
FIRED_FROM_CATEGORIES = {"ASSAULT", "FIGHT"}
# A passive with no 'by' phrase: the act it happened in or when names who did it ("killed in an Israeli strike").
MEANS_PREPS = {"in", "during", "by", "under", "with", "following", "amid", "after"}
WHEN_MARKS = {"when", "as", "after"}
# Acts only a state does (arrest, detain, deport, ban): with no one named, the state where they happen did them.
STATE_COERCION_CATEGORIES = {"COERCE"}
# Acts whose unplaced people are, by default, the actor's compatriots ("police detained dozens of journalists").
DOMESTIC_CATEGORIES = {"COERCE", "INVESTIGATE", "PROTEST", "ASSAULT", "CONCEDE", "RETREAT", "AID"}
# Sectors that act at home: an unplaced one takes the country where it acts. Soldiers too: news names foreign
# troops by their country ("Turkish soldiers"), so "soldiers killed 12 fighters near Buea" are Cameroon's.
HOME_SECTORS = {"GOV", "COP", "JUD", "REB", "CVL", "OPP", "LAB", "CRM", "EDU", "MIL"}
# The prepositions that say where an act happens, as against whither it is aimed ("fired rockets into Israel").
IN_PLACE_PREPS = {"in", "across", "through", "throughout", "at", "around", "inside", "near"}
# Noun acts whose 'from' phrase names who does them ("condemnation from Seoul"), unlike "withdrawal from Gaza".
FROM_SOURCE_CATEGORIES = {"DISAPPROVE", "SUPPORT", "DEMAND", "THREATEN", "REJECT", "AID", "AGREE", "SANCTION"}
# Verbs whose object is an act done to their subject: "drew condemnation", "faced sanctions", "received aid".
RECEIVING_VERBS = {"draw", "face", "receive", "attract", "earn", "incur", "suffer", "get", "endure", "meet"}
# Verbs of doing something to each other, whatever the act: "traded accusations", "exchanged fire".
MUTUAL_VERBS = {"trade", "exchange", "swap"}
# Mode of a NONE entry that keeps only its own word from being an event, not the words under it.
THROUGH = "through"
NAME_ENTITIES = {"EVENT", "WORK_OF_ART", "LAW", "ORG", "FAC", "PRODUCT", "PERSON", "GPE"}
REFUSAL_AUX = {"will", "wo", "would", "can", "ca", "could", "shall", "'ll", "must"}
REFUSING_VERBS = {"refuse", "decline", "reject"}


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its span in the body and its tokens (not yet parsed)."""

    article: int
    start: int
    end: int
    doc: Doc
    dateline: Entry | None = None  # the country of the article's wire dateline, if it has one the tables know


class Extractor:
    """Extracts PLOVER events from articles. One instance per process; cheap to call, safe to reuse."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        model: str | None = None,
        data_dir: Path | None = None,
        max_chars: int = 100_000,
        skip_non_english: bool = True,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.max_chars = max_chars
        self.skip_non_english = skip_non_english
        self.lexicon: Lexicon = load_lexicon(data_dir)
        self.actors = ActorLexicon(self.nlp, data_dir)
        self._gates: dict[TriggerFilter, SentenceGate] = {}
        self._lemma_forms = LemmaForms(self.nlp)

    # ---- public API ----------------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        return self.extract_batch([article])[0]

    def extract_batch(
        self,
        articles: Sequence[Article],
        *,
        categories: frozenset[str] | None = None,
        triggers: TriggerFilter | None = None,
        full_parse: bool = False,
    ) -> list[list[Event]]:
        """Events of each article, in article order.

        ``categories`` and ``triggers`` (what the rules can match: ``TriggerFilter.from_pins(ruleset.
        trigger_pins())``) limit the result to the events they admit (both: those both admit); unless
        ``full_parse``, they also limit the parsing to sentences that can yield such events (same events, less
        work). With neither, every event of every sentence.
        """
        if categories is not None:
            unknown = set(categories) - set(CATEGORIES)
            if unknown:
                logger.warning("unknown event categories ignored: %s", ", ".join(sorted(unknown)))
        wanted: TriggerFilter | None = None
        if triggers is not None or categories is not None:
            wanted = (triggers or TriggerFilter.everything()).restrict(categories)
        results: list[list[Event]] = [[] for _ in articles]
        texts = [self._prepare(a) for a in articles]
        indexed = [(i, t) for i, t in enumerate(texts) if t]
        gate = None if (wanted is None or full_parse) else self._gate(wanted)
        sentences = self._sentences(indexed, gate)
        batch_size = PARSE_BATCH if batch_independent(self.nlp) else 1
        parsed = parse(self.nlp, (s.doc for s in sentences), batch_size=batch_size)
        for sentence, doc in zip(sentences, parsed, strict=True):
            for event in self._events(doc, sentence):
                if wanted is None or wanted.admits(event.event, event.lemma, event.mode):
                    results[sentence.article].append(event)
        return results

    def candidate_forms(self, categories: Iterable[str] | None = None) -> frozenset[str]:
        """Word forms that can trigger an event of ``categories`` (for callers building their own index)."""
        return self.lexicon.forms_for(categories)

    # ---- stages --------------------------------------------------------------------------------------------
    def _gate(self, triggers: TriggerFilter) -> SentenceGate:
        gate = self._gates.get(triggers)
        if gate is None:
            if len(self._gates) >= 16:  # rule reloads make new filters; the old ones are not needed again
                self._gates.clear()
            gate = self._gates[triggers] = SentenceGate(self.lexicon, triggers, self._lemma_forms)
        return gate

    def _prepare(self, article: Article) -> str:
        body = article.body or ""
        if not body.strip():
            logger.info("article %s: empty body, no events", article.id)
            return ""
        if len(body) > self.max_chars:
            logger.warning(
                "article %s: body of %d characters capped at %d (NEWSALERT_MAX_ARTICLE_CHARS)",
                article.id, len(body), self.max_chars,
            )  # fmt: skip
            body = body[: self.max_chars]
        if self.skip_non_english:
            reason = non_english_reason(body, article.language)
            if reason is not None:
                logger.info("article %s: skipped as not English (%s)", article.id, reason)
                return ""
        # Same length as the original, so offsets stay valid.
        return _CONTROL.sub(" ", body)

    def _sentences(self, indexed: list[tuple[int, str]], gate: SentenceGate | None) -> list[Sentence]:
        out: list[Sentence] = []
        seg_docs = segment(self.nlp, (t for _, t in indexed))
        for (article_index, text), seg in zip(indexed, seg_docs, strict=True):
            dateline, news_starts = self._dateline(text)
            for start, end in _sentence_spans(seg):
                if start < news_starts < end:
                    start = news_starts  # "SANAA, Jan 11 - The Houthis rejected ...": the news starts after it
                piece = text[start:end]
                doc = self.nlp.make_doc(piece)
                if gate is not None and not gate.wants(doc):
                    continue
                out.append(Sentence(article_index, start, end, doc, dateline))
        return out

    def _dateline(self, text: str) -> tuple[Entry | None, int]:
        """The country of the article's wire dateline ("SEOUL, Dec 14 - "), from the place tables, and where the
        news after it starts (0 without a dateline)."""
        match = DATELINE.match(text, len(text) - len(text.lstrip()))
        if match is None:
            return None, 0
        place = re.split(r",| \(", match.group(0), maxsplit=1)[0].strip(" -–—")
        entry = self.actors.lookup(place)
        return (entry if entry is not None and entry.code not in {None, "IGO"} else None), match.end()

    # ---- events from one parsed sentence -------------------------------------------------------------------
    def _events(self, doc: Doc, sentence: Sentence) -> list[Event]:
        repair_parse(doc, self._is_noun_trigger)
        resolver = ActorResolver(doc, self.actors)
        events: list[Event] = []
        heads: list[int] = []  # the trigger token of each event, for ranking embedded acts
        fired: set[int] = set()
        silenced: set[int] = set()
        candidates = [(tok, self.lexicon.by_form.get(tok.lower_)) for tok in doc]
        # Verbs first, so that a noun trigger governed by a verb trigger ("signed an agreement") is not doubled.
        ordered = sorted(
            ((t, e) for t, e in candidates if e),
            key=lambda te: (0 if te[0].pos_ in VERB_POS else 1, te[0].i),
        )
        for tok, entries in ordered:
            assert entries is not None
            if tok.ent_type_ in NAME_ENTITIES:
                continue  # "the Korean War", "the Paris Agreement" name things; they are not events here
            trigger = self._choose(tok, entries, resolver)
            if trigger is None:
                continue
            if trigger.pos == "verb" and tok.dep_ == "compound":
                continue  # "spying allegations", "bombing campaign": a modifier, the noun it modifies is the act
            if trigger.pos == "noun" and tok.dep_ == "compound" and tok.head.lemma_.lower() in EQUIPMENT:
                continue  # "attack helicopters", "assault rifles": a kind of equipment, no act
            if _describes(tok if trigger.pos == "verb" else tok.head, resolver):
                continue  # "war-torn Idlib", "drought-stricken areas": what a place is like, no act
            if trigger.pos == "noun" and (tok.head.i in fired or governing_verb(tok).i in fired):
                continue
            if trigger.pos == "noun" and tok.head.dep_ == "prep" and tok.head.head.i in fired:
                continue  # "a cessation of hostilities", "the lifting of sanctions": part of the other trigger
            if trigger.pos == "noun" and any(a.i in silenced for a in list(tok.ancestors)[:4]):
                continue  # "claimed responsibility for the attack": the statement is the news, not an attack
            if trigger.category == NONE:
                # A statement or appeal: no event, and none from the nouns under it. A CAMEO-derived NONE, or one
                # of mode `through`, only says the word itself is none ("launched a mediation effort" is still a
                # mediation, "ordered the mobilisation of reservists" a mobilisation).
                if not trigger.is_fallback and trigger.mode != THROUGH:
                    fired.add(tok.i)
                    silenced.add(tok.i)
                continue
            if trigger.category == "THREATEN" and _advises_against_travel(tok):
                continue  # "warned Americans not to travel to Iran": advice to travellers, no threat to anyone
            event = self._build(tok, trigger, resolver, doc, sentence)
            if event is not None:
                event = _official_protest(_home_deployment(_joint_exercise(event, tok, resolver), tok), tok)
                event = _trade_ban(event, tok)
            if event is not None and event.tier == FALLBACK and not any(a.code for a in event.source + event.target):
                # As PETRARCH codes a dictionary verb only between known actors: a broad CAMEO-derived reading with
                # no country or organisation on either side ("the company added that it plans to buy") is dropped.
                continue
            if event is not None:
                fired.add(tok.i)
                events.append(event)
                heads.append(tok.i)
                derived = _derived(event, tok, trigger, fired)
                if derived is None:
                    derived = self._option_kept_open(event, tok, trigger)
                if derived is None and self._declared_threat(event, tok, trigger, resolver, fired):
                    derived = _derivation(event, "THREATEN", trigger)
                    # "vowed to retaliate against Hezbollah": the vow is this threat, not an intent to cooperate.
                    vows = [k for k, h in enumerate(heads) if h == tok.head.i and events[k].event == "AGREE"]
                    events = [e for k, e in enumerate(events) if k not in vows]
                    heads = [h for k, h in enumerate(heads) if k not in vows]
                if derived is not None:
                    events.append(derived)
                    heads.append(tok.i)
        events = rank_embedded(doc, events, heads, PLACE_TARGET_CATEGORIES)
        # A target the ranking took from the act restated ("suspended the strike after talks with the government in
        # Abuja") may place those who act on it, as one found at first does.
        events = [replace(e, source=tuple(_at_home_of(list(e.source), list(e.target), e.event))) for e in events]
        events.sort(key=lambda e: e.start)
        return events

    def _option_kept_open(self, event: Event, tok: Token, trigger: Trigger) -> Event | None:
        """ "did not rule out military action against Iran", "has not ruled out new sanctions": a hostile option
        kept open is a threat of it (PLOVER THREATEN, mode its content), made now. Ruling out talks, or not ruling
        them out, threatens nothing."""
        if event.event != "REJECT" or event.modality != "negated" or trigger.lemma not in OPTION_LEMMAS:
            return None
        options = [*objects(tok), *(c for c in tok.children if c.dep_ in {"xcomp", "pcomp"})]
        # "did not rule out using force": what the gerund would do.
        options += [o for c in options if c.pos_ in VERB_POS for o in objects(c)]
        mode = next(filter(None, map(self._threat_content, options)), None)
        if mode is None:
            return None
        modality = "reported" if event.speaker else "asserted"
        return replace(event, event="THREATEN", mode=mode, modality=modality, confidence=_derived_confidence(event))

    def _owned_target(self, target_heads: list[Token], resolver: ActorResolver) -> Token | None:
        """The candidate target a possessive pronoun owns ("its consulate"), if it comes no later than the first
        candidate that names an actor."""
        for head in target_heads:
            if _owned_by_pronoun(head, resolver):
                return head
            if resolver.resolve(head) is not None:
                return None
        return None

    def _bound_by_condition(self, tok: Token, parties: set[str], resolver: ActorResolver) -> list[Actor]:
        """Whom a threat with a condition is aimed at: whoever must meet it ("threatened a general strike unless the
        government dropped its plans", "threatened to send refugees to Europe if the EU called the offensive an
        occupation"); nobody when what is threatened is force against someone ("threatened to strike Israel if")."""
        embedded = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS]
        if any(self._is_hostile_act(v) for v in embedded):
            return []
        marks = CONDITION_MARKS | {"unless"}
        conditions = [c for h in [tok, *embedded] for c in h.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)]  # fmt: skip
        # A government named without a country is kept: _target places it at home.
        bound_to = [s for c in conditions for s in verb_subjects(c)]
        return [a for a in self._first_resolving(bound_to, resolver)
                if a.code not in parties and (a.code or a.sector in HOME_POLITICS)]  # fmt: skip

    def _is_hostile_act(self, verb: Token) -> bool:
        """The verb is force or coercion in the curated lexicon ("strike", "attack", "arrest")."""
        return any(e.pos == "verb" and _threatening(e) for e in self.lexicon.by_form.get(verb.lower_, []))

    def _threat_content(self, option: Token) -> str | None:
        """The THREATEN mode of an option a party keeps open, if it is a hostile act: force ("military action", "a
        strike"), coercion ("arrests") or a restriction ("sanctions", "a boycott")."""
        if any(c.dep_ == "amod" and c.lemma_.lower() in {"military", "armed"} for c in option.children):
            return "violence"
        entries = [e for e in self.lexicon.by_form.get(option.lower_, []) if e.pos == "noun" and not e.is_fallback]
        categories = {e.category for e in entries}
        if categories & {"FIGHT", "ASSAULT", "MOBILIZE"}:
            return "violence"
        coercion = [THREAT_MODES[e.mode] for e in entries if e.category == "COERCE" and e.mode in THREAT_MODES]
        if coercion:
            return coercion[0]
        return "restrict" if categories & {"SANCTION", "PROTEST"} else None

    def _declared_threat(
        self, event: Event, tok: Token, trigger: Trigger, resolver: ActorResolver, fired: set[int]
    ) -> bool:
        """Force or coercion a party declares it will use against someone is a threat (CAMEO 13, PLOVER THREATEN):
        "Iran will strike Israel", "the Pentagon said it would bomb Islamic State positions", "vowed to retaliate
        against Hezbollah". Not a plan or a forecast ("plans to attack", "is expected to strike", "analysts say
        Israel will strike"), an act with no one to threaten ("will launch an offensive next week"), or an act
        under a threat or warning already coded ("warned it would strike": the warning is the threat)."""
        if event.modality != "future" or not _threatening(trigger) or _is_purpose(tok):
            return False
        if not event.source or not event.target:
            return False
        governor = tok.head if tok.head != tok else None
        committed = tok.dep_ == "xcomp" and governor is not None and (
            governor.lemma_.lower() in self.lexicon.words("committing_governors")
        )
        if governor is not None and governor.i in fired and not committed:
            return False
        # "will strike", "said it would strike"; "will extend the curfew": the verb of a noun act says when.
        holder = tok.head if tok.dep_ in {"dobj", "nsubjpass", "attr"} and governor is not None else tok
        declared = committed or any(
            c.dep_ == "aux" and c.lower_ in self.lexicon.words("future_aux") | {"would", "'d"}
            for c in holder.children
        )
        if not declared:
            return False
        speaker = modality_of(tok, self.lexicon).speaker_head
        if speaker is None or resolver.is_pronoun(speaker):
            return True
        # Said by the party itself, or by one of its own people ("the Revolutionary Guards said").
        said_by = self._first_resolving([speaker], resolver)
        own = {a.code for a in event.source if a.code}
        return any(a.code is None or a.code in own for a in said_by)

    def _choose(self, tok: Token, entries: list[Trigger], resolver: ActorResolver) -> Trigger | None:
        is_verb = tok.pos_ in VERB_POS or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")
        if is_verb and tok.dep_ in NOMINAL_DEPS and tok.tag_ in {"VBZ", "VBP", "VBD"}:
            is_verb = False  # "handed two al Qaeda suspects over": a tensed verb cannot be an object; a noun misread
        is_noun = tok.pos_ in NOUN_POS
        # The most specific entry that holds; a fallback-tier (CAMEO-derived) entry only where no hand-written one
        # holds. Hand-written entries come first in ``entries`` (lexicon.py), so once one holds the rest are skipped.
        best: Trigger | None = None
        fallback: Trigger | None = None
        for entry in entries:
            if (entry.pos == "verb" and not is_verb) or (entry.pos == "noun" and not is_noun):
                continue
            if entry.is_fallback and best is not None:
                continue
            if not all(_condition_holds(tok, key, values, resolver, entry) for key, values in entry.conditions):
                continue
            if entry.is_fallback:
                if fallback is None or entry.specificity > fallback.specificity:
                    fallback = entry
            elif best is None or entry.specificity > best.specificity:
                best = entry
        return best if best is not None else fallback

    def _build(
        self, tok: Token, trigger: Trigger, resolver: ActorResolver, doc: Doc, sentence: Sentence
    ) -> Event | None:
        modality = modality_of(tok, self.lexicon)
        speaker_actors = (
            self._first_resolving([modality.speaker_head], resolver) if modality.speaker_head is not None else []
        )
        if trigger.pos == "verb":
            subj_heads = verb_subjects(tok)
            target_heads = verb_targets(tok, trigger.category)
            if tok.dep_ == "acl" and tok.lower_ in EMPLOYING_PARTICIPLES:
                target_heads = [h for h in target_heads if h != tok.head]  # "missiles fired by Israel" are its own
            if tok.lemma_.lower() in RECEIVING_VERBS and trigger.category != "CONSULT":
                # "Ukraine received military aid from Germany": the giver acts on the one who receives.
                givers = [p for h in [tok, *objects(tok)] for p in prep_objects(h, {"from"})]
                subj_heads, target_heads = givers, subj_heads
        else:
            gov = governing_verb(tok)
            # Not through 'by': "he was worried by reports of killings" does not make him the killer.
            through_by = any(a.dep_ in {"prep", "agent"} and a.lower_ == "by" for a in tok.ancestors if a.i > gov.i)
            gov_subjects = verb_subjects(gov) if gov != tok and not through_by else []
            # "North Korea's launch drew condemnation", "Israel faced criticism": whoever receives it is the target,
            # and only the noun's own agents ("from Seoul", "Seoul's") name who gives it.
            received = tok.dep_ == "dobj" and gov.lemma_.lower() in RECEIVING_VERBS
            subj_heads = noun_subjects(tok, [] if received else gov_subjects)
            target_heads = ([*gov_subjects] if received else []) + noun_targets(tok, trigger.category)
            givers = prep_objects(tok, {"from"})
            if givers and trigger.category in FROM_SOURCE_CATEGORIES:
                subj_heads = givers  # "drew condemnation from Seoul", "aid from Japan"
        if trigger.category in HAZARD_PRONE and any(_named_words(h) & HAZARDS for h in subj_heads):
            return None  # "Cyclone Gita tore through the capital", "the earthquake destroyed homes": no one did it
        source = self._source(tok, trigger, subj_heads, speaker_actors, resolver)
        source = speakers_own(source, self._commanders(tok, resolver), resolver)
        source = stated_from(speakers_own(source, speaker_actors, resolver), resolver)
        target = self._target(tok, trigger, target_heads, source, resolver)
        target = complained_of(trigger, source, target, speaker_actors)
        source = at_dateline(source, resolver, sentence.dateline)
        target = at_dateline(target, resolver, sentence.dateline)
        trigger_tokens = _trigger_tokens(tok, trigger)
        start = sentence.start + trigger_tokens[0].idx
        last = trigger_tokens[-1]
        end = sentence.start + last.idx + len(last.text)
        context = self._context(tok, source + target)
        confidence = event_confidence(trigger, source, target, modality.value, tok)
        # Inferred from whom they act on, so the country adds nothing to the event's confidence.
        source = _at_home_of(source, target, trigger.category)
        speaker = " ".join(a.actorText for a in speaker_actors) if speaker_actors else None
        if speaker is None and modality.speaker_head is not None:
            speaker = _phrase(modality.speaker_head)
        return Event(
            event=trigger.category,
            eventText=" ".join(t.text for t in trigger_tokens),
            text=doc.text.strip(),
            lemma=trigger.lemma,
            start=start,
            end=end,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            source=tuple(source),
            target=tuple(target),
            mode=trigger.mode,
            context=context,
            modality=modality.value,
            speaker=speaker,
            date=_date(tok),
            location=_location(tok),
            confidence=confidence,
            tier=self._tier(tok, trigger),
        )

    def _source(
        self, tok: Token, trigger: Trigger, subj_heads: list[Token], speaker: list[Actor], resolver: ActorResolver
    ) -> list[Actor]:
        """Who did it: the subject's actors, else the parties a subject names, the owner of a thing a clause
        describes, or a pronoun's referent."""
        if trigger.pos == "verb" and trigger.category in RECIPROCAL_CATEGORIES and not subj_heads:
            # "fighting broke out between ...", "talks between Sudan and South Sudan were held in Addis Ababa".
            subj_heads = prep_objects(tok, {"between"}) or [
                p for o in (objects(tok) if is_passive(tok) else []) for p in prep_objects(o, {"between"})
            ]
        source = self._actors(subj_heads, resolver, tok)
        if not source:
            # "Talks between Israel and the Palestinians failed": the parties to what the subject names.
            parties = [p for h in subj_heads for p in prep_objects(h, {"between"})]
            source = self._actors(parties, resolver, tok)
        if not source and trigger.pos == "verb" and tok.dep_ == "acl" and counts(tok.head):
            # "Hundreds of Iranian students protested ..." (the small model hangs the verb from "Hundreds"),
            # "thousands of people protesting against the law": those counted do it.
            source = self._actors(prep_objects(tok.head, {"of"}), resolver, tok)
        described = tok.head if _describes_its_head(tok) else _described_through_preposition(tok)
        if not source and trigger.pos == "verb" and described is not None:
            # "Amnesty put out a report accusing the army", "the UK government's plans to impose curbs", "announced
            # plans for releasing the tanker": whoever owns or issued the thing the clause describes.
            # Not "despite calls from Washington to reconsider it": only a thing the verb acts on is its subject's.
            thing = described
            gov = governing_verb(thing)
            issuers = verb_subjects(gov) if gov != thing and thing.dep_ == "dobj" else []
            source = self._actors(noun_subjects(thing, issuers), resolver, tok)
        if not source and any(resolver.is_pronoun(h) or _owned_by_pronoun(h, resolver) for h in subj_heads):
            # "it", or "his office": whom the pronoun stands for.
            source = self._pronoun_fallback(tok, resolver) or speaker
        if not source and not subj_heads and trigger.pos == "verb" and is_passive(tok):
            source = self._unnamed_agent(tok, trigger, resolver)
        if source and not any(a.code for a in source) and all(a.sector in HOME_SECTORS for a in source) and (
            trigger.category in DOMESTIC_CATEGORIES | {"FIGHT", "MOBILIZE"}
        ):
            # "Police arrested three opposition leaders in Dhaka", "rebels shelled positions near Aleppo",
            # "protesters marched through Lima": police, officials, courts, rebels and crowds with no country act
            # in their own, where the act happens (CAMEO codes them by it). Not whither: "militants fired rockets
            # into Israel".
            where = [p for p in self._places(tok) if p.head.lower_ in IN_PLACE_PREPS | {"outside"}]
            # "set fire to the Iranian consulate in Basra": where what they act on stands; "fired tear gas at
            # thousands of supporters marching in Kinshasa": where those they act on are doing something.
            acted_on = [*objects(tok), *prep_objects(tok, {"to", "on", "at"})]
            acted_on += [p for h in acted_on if counts(h) for p in prep_objects(h, {"of"})]
            clauses = [c for h in acted_on for c in h.children if c.dep_ == "acl"]
            clauses += [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"]  # the parser's reading
            holders = [*prep_objects(tok, {"to", "on", "at"}), *clauses]
            where += [p for h in holders for p in prep_objects(h, IN_PLACE_PREPS)]
            # "gathered outside the British embassy in Tehran": where the embassy stands, not whose it is; "in the
            # streets of Culiacan": the city.
            where = [q for p in where for q in [
                *prep_objects(p, IN_PLACE_PREPS | ({"of"} if p.lemma_.lower() in PLACE_NOUNS else set())), p]]
            place = self._coded_place(where, resolver)
            if place is not None:
                source = [replace(a, code=place.code, name=place.name) for a in source]
        if source and not any(a.code for a in source) and all(a.sector in HOME_SECTORS for a in source) and (
            trigger.pos == "verb" and is_passive(tok)
        ):
            # "a Dutch journalist was expelled from Turkey by the authorities": authorities of the state the
            # passive's own clues name, as when no one is named.
            named = next((a for a in self._unnamed_agent(tok, trigger, resolver) if a.code), None)
            if named is not None:
                source = [replace(a, code=named.code, name=named.name) for a in source]
        if not source and trigger.category == "MOBILIZE":
            # "Russian troops were deployed", "French police were placed on alert": forces mobilised are their own.
            verb = tok if trigger.pos == "verb" else governing_verb(tok)
            if is_passive(verb):
                # "90,000 officers had been deployed", the police chief said: kept, for the speaker to place.
                source = [a for a in self._actors(objects(verb), resolver, tok) if a.code or a.sector in FORCE_SECTORS]
                if not source and any(_owned_by_pronoun(o, resolver) for o in objects(verb)):
                    # "his troops had been put on alert": the forces of whom the pronoun stands for.
                    source = self._pronoun_fallback(tok, resolver) or speaker
        return source

    def _commanders(self, tok: Token, resolver: ActorResolver) -> list[Actor]:
        """Who ordered the act: "Duterte ordered police to arrest the senator" (the police are his state's)."""
        if tok.dep_ != "xcomp" or tok.head.lemma_.lower() not in COMMANDING_LEMMAS:
            return []
        return self._first_resolving(verb_subjects(tok.head), resolver)

    def _unnamed_agent(self, tok: Token, trigger: Trigger, resolver: ActorResolver) -> list[Actor]:
        """Who did what a passive with no 'by' phrase reports, when the sentence says so otherwise: the owner of
        the act it happened in ("were killed in an Israeli air strike", "in shelling by Russian forces"), the
        actor of the act it happened when ("were killed when Nigerian jets bombed a village"), or, for an act of
        state coercion, the state where it happened ("a journalist was arrested in Niger") or, for an expulsion,
        the one expelled from ("were deported from Germany"); a measure lifted is lifted by whoever imposed it
        ("UN sanctions were lifted"), troops deployed are deployed by their own country, and an attack made
        "from" a country came from it."""
        uncoded: list[Actor] = []  # "in an ambush by Maoist rebels": kept in case nothing names a country
        for child in tok.children:
            acts: list[tuple[Token, list[Token]]] = []  # (the act, who it names as doing it)
            if child.dep_ == "prep" and child.lower_ in MEANS_PREPS:
                # "in shelling by Russian forces", "in Saudi-led air strikes" (the act is its owner's), "in
                # clashes with Taliban militants" (the other side of a fight).
                acts = [(c, [*noun_subjects(c, []), c, *self._fought_with(c)])
                        for c in child.children if c.dep_ in {"pobj", "pcomp"}]  # fmt: skip
            elif child.dep_ == "advcl" and any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in WHEN_MARKS for m in child.children
            ):
                acts = [(child, verb_subjects(child))]
            for act, doers in acts:
                if not self._names_an_act(act):
                    continue
                for doer in doers:
                    source = resolver.resolve_all([doer]) if doer != tok else []
                    if any(a.code for a in source):
                        return source
                    uncoded = uncoded or [a for a in source if a.sector]
        for measure in (o for o in objects(tok) if o.lemma_.lower() in MEASURES):
            # "UN sanctions against Iran were lifted": lifted by whoever imposed them.
            source = self._actors(noun_subjects(measure, []), resolver, tok)
            if any(a.code for a in source):
                return source
        if moves_object(tok, trigger.category):
            # "2,000 Russian soldiers were deployed": troops moved are their own country's.
            moved = [a for a in self._actors(objects(tok), resolver, tok) if a.code]
            if moved:
                return moved
        if trigger.category in FIRED_FROM_CATEGORIES | {"AID"}:
            # "rockets were fired from Gaza", "the convoy was attacked from Syrian territory", "tents were flown to
            # Albania from Greece": whence it came.
            origin = self._coded_place(prep_objects(tok, {"from"}), resolver)
            if origin is not None:
                return [origin]
        removed = trigger.mode == "expel" or tok.lemma_.lower() in RECIPIENT_FIRST_LEMMAS
        if trigger.category in STATE_COERCION_CATEGORIES or removed:
            # "were deported from Germany", "inspectors were expelled from North Korea", "was extradited to Iraq
            # from Turkey": the country they left.
            where = prep_objects(tok, {"from"}) if removed else []
            place = self._coded_place(where + self._places(tok), resolver)
            if place is not None:
                return [place]
        return uncoded

    def _coded_place(self, heads: list[Token], resolver: ActorResolver) -> Actor | None:
        """The first of ``heads`` (place phrases, nearest first) that names a country."""
        return next((a for a in self._first_resolving(heads, resolver) if a.code), None)

    def _is_noun_trigger(self, word: Token) -> bool:
        """The word is a noun trigger of the lexicon ("offensive", "drills"), whatever the parser tagged it."""
        return any(e.pos == "noun" and e.category != NONE for e in self.lexicon.by_form.get(word.lower_, []))

    def _names_an_act(self, word: Token) -> bool:
        """The word is an event trigger of the lexicon in its part of speech ("strike", "shelling", "bombed"), or a
        verb's -ing form used as a noun ("firing")."""
        pos = "verb" if word.pos_ in VERB_POS else "noun"
        gerund = word.lower_.endswith("ing")
        entries = self.lexicon.by_form.get(word.lower_, [])
        return any(e.category != NONE and (e.pos == pos or gerund) for e in entries)

    def _places(self, tok: Token) -> list[Token]:
        """Where an act happened (``roles.places``), where "in" names another act, that act's own place: "killed
        in Saudi-led air strikes in Yemen" happened in Yemen, not in Saudi Arabia."""
        found: list[Token] = []
        for place in places(tok):
            # An act's own place, and whom it is for or against: "strikes in Yemen", "aid to the Palestinians".
            found += prep_objects(place, PLACE_TARGET_PREPS | TARGET_PREPS) if self._names_an_act(place) else [place]
        return found

    def _fought_with(self, act: Token) -> list[Token]:
        """The other side of a fight named by a noun: "clashes with Taliban militants"."""
        fights = any(e.category == "FIGHT" for e in self.lexicon.by_form.get(act.lower_, []))
        return prep_objects(act, {"with"}) if fights else []

    def _target(
        self, tok: Token, trigger: Trigger, target_heads: list[Token], source: list[Actor], resolver: ActorResolver
    ) -> list[Actor]:
        """To whom: the first candidate that names an actor, else the embedded act's target, a forum, each other,
        or the place of a material act."""
        if trigger.category in MISSION_CATEGORIES:
            target_heads = mission_hosts(target_heads, resolver)
        if trigger.mode == "legal":
            # "filed a case against Russia at the International Court of Justice", "a case at the ICJ accusing the
            # UAE": the accused before the court.
            holders = [tok, *objects(tok)]
            accusing = [c for h in holders for c in h.children if c.dep_ in {"advcl", "acl", "xcomp"}]
            accused = [p for h in holders for p in prep_objects(h, {"against"})]
            target_heads = accused + [o for c in accusing for o in objects(c)] + target_heads
        if trigger.category in PARTNERED_CATEGORIES or tok.lemma_.lower() in PARTNER_FIRST_LEMMAS:
            # "discussed Iran's nuclear programme with Israel's prime minister", "shared intelligence with Kyiv on
            # Russian troop movements", "swapped prisoners with Azerbaijan": the partner, not the topic or what is
            # exchanged. The parser may hang the 'with' on the object's own phrase: "shared intelligence on the
            # attackers with Belgium".
            objs = objects(tok)
            about = [p for obj in objs for prep in obj.children if prep.dep_ == "prep" for p in prep.children]
            holders = [tok, *objs, *about]
            partners = [p for h in holders for p in prep_objects(h, {"with"})]
            target_heads = partners + [h for h in target_heads if h not in partners]
        target = [a for a in self._first_resolving(target_heads, resolver) if a not in source]
        parties = {a.code for a in source if a.code}
        owned = self._owned_target(target_heads, resolver) if trigger.category in OWNER_HIT_CATEGORIES else None
        if owned is not None:
            # "China's foreign ministry said gunmen had attacked its consulate in Karachi", "Kenya's military said
            # al Shabaab fighters had attacked its base at El Adde": the consulate is China's, the base Kenya's,
            # not the place's; the pronoun stands for whoever speaks in the governing clause (one attacks what is
            # another's; "Turkey must withdraw its troops" is Turkey's own).
            owner = [a for a in self._pronoun_fallback(tok, resolver) if a.code and a.code not in parties]
            phrase = _phrase(owned)
            target = [replace(a, actorText=phrase) for a in owner] or target
        if parties and target and {a.code for a in target} <= parties and all(a.sector == "DIP" for a in target):
            # "recalled the country's ambassador to France": its own envoy, withdrawn from where it is posted.
            posted = [p for h in target_heads for p in prep_objects(h, {"to", "in"})]
            target = [a for a in resolver.resolve_all(posted) if a.code and a.code not in parties] or target
        own_only = bool(parties) and bool(target) and {a.code for a in target} <= parties
        if (own_only and trigger.category in CLAUSE_TARGET_CATEGORIES) or trigger.category == "THREATEN":
            # "Japan's defence minister warned that Japan would shoot down any North Korean missile": the speaker's
            # own country in the clause is no target; what the clause acts on is. And force threatened is aimed
            # at whom it would strike, whoever strikes: "warned that his forces would strike the militias" (but
            # "warned that Seoul would pay a heavy price": Seoul).
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            for clause in clauses if own_only else filter(self._is_hostile_act, clauses):
                acted_on = [a for a in self._first_resolving(verb_targets(clause, trigger.category), resolver)
                            if a.code and a.code not in parties]  # fmt: skip
                if acted_on:
                    target = acted_on
                    break
        if trigger.category == "THREATEN" and trigger.pos == "verb":
            target = self._bound_by_condition(tok, parties, resolver) or target
        if not target and trigger.pos == "verb":
            # "threatened to shell Seoul", "refused to join NATO's exercises": the embedded act's target; whom one
            # refuses to let in: "refused to let U.N. investigators enter the country"; and the target of help
            # given for a purpose: "donated ventilators to assist Ethiopia".
            embedded = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS]
            let_in = [s for v in embedded if v.lemma_.lower() in LETTING_LEMMAS
                      for s in enabled(v, frozenset({"nsubj", "nsubjpass"}))]  # fmt: skip
            target = [a for a in resolver.resolve_all(let_in) if a.code and a.code not in parties]
            if trigger.category in HELPING_CATEGORIES:
                embedded += [c for c in tok.children if c.dep_ == "advcl" and self._is_help(c)]
            for verb in embedded if not target else []:
                target = [a for a in self._first_resolving(verb_targets(verb, trigger.category), resolver)
                          if a not in source]  # fmt: skip
                if target:
                    break
        if not any(a.code for a in target) and trigger.category == "CONSULT" and trigger.pos == "noun":
            # "arrived in Pakistan on Sunday for a two-day visit", "arrived in Tehran for talks": where they came.
            gov = governing_verb(tok)
            if gov.lemma_.lower() in ARRIVING_LEMMAS:
                arrived = [a for a in self._first_resolving(prep_objects(gov, {"in", "to", "at"}), resolver)
                           if a.code and a.code not in parties]  # fmt: skip
                target = arrived or target
        if not target:
            target = [a for a in self._first_resolving(forum(tok), resolver) if a.code == "IGO" and a not in source]
        restated = {a.code for a in target if a.code} <= parties  # none, or a party's own ("signed in Riyadh")
        pledge = trigger.category == "AGREE" and tok.lemma_.lower() in PLEDGING_LEMMAS
        if restated and pledge:
            # "Japan and the United States pledged $3 billion to help rebuild Afghanistan": to whom it is pledged,
            # not each other.
            target = beneficiary(tok, source, resolver, self.lexicon) or target
            restated = {a.code for a in target if a.code} <= parties
        if restated and len({(a.actorText, a.code) for a in source}) > 1 and self._reciprocal(tok, trigger):
            # "Armenia and Azerbaijan agreed to a ceasefire", "will exchange ambassadors": each with the other,
            # uncoded parties too ("Kyiv and the rebels failed to agree"), and two bodies of one union.
            target = list(source)
        own = {a.code for a in source if a.code}
        if trigger.category == "MOBILIZE" and {a.code for a in target if a.code} <= own:
            # Nowhere named, or at home ("deployed troops to Kassala state on its border with Eritrea"): whoever
            # prompted it, or faces it across the border.
            target = provoker(tok, source, resolver) or target
        if trigger.category in PLACE_TARGET_CATEGORIES and not any(a.code for a in target):
            target = self._placed_target(tok, trigger, target, source, resolver)
        if (trigger.category == "AID" or pledge) and not any(a.code for a in target):
            target = beneficiary(tok, source, resolver, self.lexicon) or target  # "pledged aid for Gaza" too
        if not target and trigger.category in HOME_TARGET_CATEGORIES:
            target = home_target(source, resolver)
        if target and not any(a.code for a in target) and trigger.mode != "expel" and (
            trigger.category in DOMESTIC_CATEGORIES
            or all(a.sector in HOME_POLITICS for a in target)
            # "an Istanbul court convicted 14 staff of the newspaper": a court tries its own.
            or trigger.mode == "convict"
            # "Nigerian bishops accused the army of failing to protect villagers": the army of their own state.
            or (
                all(a.sector in FORCE_SECTORS for a in target)
                and all(a.sector is not None and a.sector not in STATE_SECTORS for a in source)
            )
        ):
            target = domestic_target(target, source, resolver)
        return target

    def _is_help(self, verb: Token) -> bool:
        """A purpose clause of helping ("to assist Ethiopia", "to support the army")."""
        entries = self.lexicon.by_form.get(verb.lower_, [])
        return is_infinitive(verb) and any(
            e.category in HELPING_CATEGORIES and e.pos == "verb" for e in entries
        )

    def _reciprocal(self, tok: Token, trigger: Trigger) -> bool:
        """Acts several actors do with each other: meeting, agreeing, fighting, and failing or refusing to
        ("the US and South Korea failed to reach agreement")."""
        if trigger.category in RECIPROCAL_CATEGORIES or tok.lemma_.lower() in MUTUAL_VERBS:
            return True
        embedded = [c for c in tok.children if c.dep_ == "xcomp"]
        return trigger.category == "REJECT" and any(
            e.category in RECIPROCAL_CATEGORIES for c in embedded for e in self.lexicon.by_form.get(c.lower_, [])
        )

    def _tier(self, tok: Token, trigger: Trigger) -> str:
        """The trigger's lexicon tier; a fallback verb whose object is a curated noun trigger of the same category
        is vouched for by it ("announced new sanctions", "declared a ceasefire")."""
        if trigger.is_fallback and trigger.pos == "verb":
            for obj in objects(tok):
                entries = self.lexicon.by_form.get(obj.lower_, [])
                if any(e.category == trigger.category and e.pos == "noun" and not e.is_fallback for e in entries):
                    return HAND
        return trigger.tier

    def _placed_target(
        self, tok: Token, trigger: Trigger, target: list[Actor], source: list[Actor], resolver: ActorResolver
    ) -> list[Actor]:
        """A material act's target from where it happens, as event coders code it. With no one named, the country
        itself: "peacekeepers arrived in South Sudan", "deployed 200 troops in Syria" (what is sent is no target).
        Otherwise people the sentence gives no country are that country's: "killed five officers in a police
        headquarters in eastern Afghanistan"."""
        place = self._coded_place(self._places(tok), resolver)
        if place is None:
            return target
        if not target or trigger.category in RECIPIENT_FIRST_CATEGORIES | {"MOBILIZE"}:
            # Troops deployed, aid sent, prisoners freed: the object is no target. Nor is one's own country.
            return target if place in source else [place]
        # People at home are that country's, whoever acts on them ("protesters were detained in Moscow").
        return [replace(a, code=place.code, name=place.name) if a.sector else a for a in target]

    def _actors(self, heads: list[Token], resolver: ActorResolver, trigger: Token) -> list[Actor]:
        return resolver.resolve_all(h for h in heads if h != trigger)

    def _first_resolving(self, heads: list[Token], resolver: ActorResolver) -> list[Actor]:
        """Actors of the first candidate that names one; a non-actor object ("a draft resolution") is looked
        into for an actor among its modifiers ("a UN Security Council draft resolution"), then, failing all
        candidates, deeper: "lifted sanctions imposed on Eritrea", "a ban on imports of British beef"."""
        uncoded: list[Actor] = []
        for head in heads:
            actors = resolver.resolve_all([head])
            if actors and any(a.code for a in actors):
                return actors
            if actors:
                uncoded = uncoded or actors  # "troops": keep looking for a candidate that names a country
                continue
            inside = [t for t in resolver.core(head) if t != head and (t.head == head or t.dep_ == "pobj")]
            for tok in sorted(inside, key=lambda t: abs(t.i - head.i)):
                if tok.dep_ in {"compound", "poss", "amod", "pobj"}:
                    inner = resolver.resolve(tok)
                    if inner is not None and inner.code:
                        return [inner]
        if uncoded:
            return uncoded
        for head in heads:
            inner = _nested_actor(head, resolver)
            if inner is not None:
                return [inner]
        return []

    def _pronoun_fallback(self, trigger: Token, resolver: ActorResolver) -> list[Actor]:
        """A pronoun subject in a subordinate clause most often refers to the governing clause's subject."""
        node = trigger
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                actors = resolver.resolve_all(verb_subjects(node))
                if actors:
                    return actors
        return []

    def _context(self, tok: Token, actors: list[Actor]) -> tuple[str, ...]:
        scope = list(tok.subtree)
        if tok.pos_ in NOUN_POS and tok.head != tok:
            scope += [t for t in tok.head.children if t.dep_ in {"dobj", "prep"} for t in t.subtree]
        lemmas = [t.lemma_.lower() for t in scope[:80]] + [t.lower_ for t in scope[:80]]
        joined = " " + " ".join(lemmas) + " "
        labels = []
        for label, phrases in self.lexicon.contexts.items():
            if any(" " + " ".join(p) + " " in joined for p in phrases):
                labels.append(label)
        if (
            any(a.sector == "DIP" for a in actors)
            and "diplomatic" in self.lexicon.contexts
            and "diplomatic" not in labels
        ):
            labels.append("diplomatic")
        return tuple(labels)


# ---- helpers ------------------------------------------------------------------------------------------------
def _sentence_spans(seg: Doc) -> list[tuple[int, int]]:
    """Sentence character spans, trimmed of surrounding whitespace.

    Besides the statistical boundaries, a sentence also ends after ". " + closing quote when the next word is
    capitalised (the small model misses boundaries after quotations).
    """
    starts = {sent.start for sent in seg.sents}
    for tok in seg[:-1]:
        nxt = seg[tok.i + 1]
        if tok.text in CLOSING and tok.i > 0 and seg[tok.i - 1].text in SENTENCE_END and nxt.is_title:
            starts.add(nxt.i)
    bounds = sorted(starts | {len(seg)})
    spans: list[tuple[int, int]] = []
    text = seg.text
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        start = seg[a].idx
        end = seg[b - 1].idx + len(seg[b - 1].text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            spans.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            spans.append((start, end))
    return spans


NESTED_DEPS = {"prep", "pobj", "acl", "amod", "compound", "poss", "nmod", "dobj", "appos", "conj"}
NESTED_PREPS = {"on", "against", "to", "with", "from", "of", "for", "over", "in", "into", "toward", "towards", "near",
                "around", "outside", "inside", "across", "along"}  # fmt: skip


def _nested_actor(head: Token, resolver: ActorResolver, depth: int = 3) -> Actor | None:
    """The nearest actor with a country code inside a non-actor phrase, through prepositions, participles and
    modifiers (not through clauses), at most ``depth`` phrases down."""
    frontier = [head]
    for _ in range(depth):
        following: list[Token] = []
        for node in frontier:
            for child in sorted(node.children, key=lambda t: abs(t.i - node.i)):
                if child.dep_ not in NESTED_DEPS or (child.dep_ == "prep" and child.lower_ not in NESTED_PREPS):
                    continue
                if child.dep_ != "prep" and child.pos_ in {"NOUN", "PROPN", "ADJ"}:
                    actor = resolver.resolve(child)
                    if actor is not None and actor.code:
                        return actor
                following.append(child)
        frontier = following
    return None


def _describes(participle: Token, resolver: ActorResolver) -> bool:
    """A participle hyphenated to a word that names no actor, modifying a noun: "war-torn", "drought-stricken";
    or one that says what standing a thing has: "the internationally recognised government".
    One hyphenated to an actor or a name is that actor's act: "Russia-backed", "Saudi-led", "U.S-backed"."""
    if participle.dep_ != "amod":
        return False
    if any(c.dep_ == "advmod" and c.lower_ in STANDING_ADVERBS for c in participle.children):
        return True  # "the internationally recognised government": its standing, not an act of the sentence
    prefixes = [c for c in participle.lefts if c.dep_ in {"npadvmod", "compound", "advmod"}]
    hyphenated = participle.i > 0 and participle.nbor(-1).text == "-"
    return hyphenated and bool(prefixes) and not any(
        c.pos_ == "PROPN" or (c.i in resolver.matches and resolver.matches[c.i][1].kind in ENTITY_KINDS)
        for c in prefixes
    )


def _condition_holds(tok: Token, key: str, values: frozenset[str], resolver: ActorResolver, entry: Trigger) -> bool:
    pos = entry.pos
    # selection.SentenceGate pre-checks these before the parse (prev exactly; prep, obj, mod and head as "one of
    # the words, or a form of the lemmas, is in the sentence"): a change here must keep those necessary.
    if key == "prep":
        # A preposition introducing a date is not the particle: "called him on Wednesday" is not "call on".
        return any(
            c.dep_ in {"prt", "prep", "agent", "advmod", "dative"}
            and c.lower_ in values
            and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
            for c in tok.children
        )
    if key == "head":
        # The word the trigger hangs from: "went on strike", "remained on alert".
        return tok.head != tok and (tok.head.lower_ in values or tok.head.lemma_.lower() in values)
    if key == "prev":
        return prev_holds(tok, values)  # checked before the parse too (selection.SentenceGate)
    if key == "modal":
        # "Russia says Israel must end its attacks": a complement clause whose own subject (not the speaker
        # again: "said it must respond") is told what it must or should do.
        for clause in (c for c in tok.children if c.dep_ == "ccomp"):
            subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and not any(resolver.is_pronoun(s) for s in subjects) and any(
                c.dep_ == "aux" and c.lower_ in values for c in clause.children
            ):
                return True
        return False
    if key == "subj":
        # Who does it: "peacekeepers arrived in Monrovia", "troops of an African Union peacekeeping force landed";
        # for a noun, who does what it names: "teachers began an indefinite strike".
        governor = governing_verb(tok) if pos == "noun" else tok
        subjects = verb_subjects(governor) if governor.pos_ in VERB_POS else []
        members = [p for s in subjects for p in prep_objects(s, {"of"})]
        return any(_named_words(s) & values for s in [*subjects, *members])
    if key == "xcomp":
        # What it tells its object to do: "ordered the diplomats to leave the country".
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in values for c in tok.children)
    if key == "alternative":
        # An ultimatum: what it demands "or face" the alternative ("gave Jammeh until noon to step down or face
        # military action").
        demanded = [c for c in tok.children if c.dep_ in {"xcomp", "advcl", "ccomp"}]
        return any(
            alt.dep_ == "conj" and alt.lemma_.lower() in values and any(c.lower_ == "or" for c in clause.children)
            for clause in demanded
            for alt in clause.children
        )
    if key == "pred":
        # What the object is called: "called the attack an act of terrorism", "branded the test a provocation",
        # "described the raid as a crime".
        preds = [c for c in tok.children if c.dep_ == "oprd"] + [c for c in tok.children if c.dep_ == "dobj"][1:]
        preds += prep_objects(tok, {"as"})
        if any((_named_words(p) | {q.lemma_.lower() for q in prep_objects(p, {"of"})}) & values for p in preds):
            return True
        # "declared two Russian diplomats persona non grata": the small model reads the Latin as a clause.
        clauses = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ != "AUX"]
        return any(
            {c.lemma_.lower(), *(x.lemma_.lower() for x in c.children if x.dep_ in {"dobj", "compound"})} & values
            for c in clauses
        )
    if key == "pobj":
        # What a preposition of the trigger governs: "called for sanctions against Turkey".
        # (or a gerund: "summoned him for questioning over ...")
        preps = [c for c in tok.children if c.dep_ == "prep"]
        # "pulled out of the talks": a compound preposition, the parser's "of" hanging from "out".
        preps += [p for c in tok.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"out", "away", "back", "off"}
                  for p in c.children if p.dep_ == "prep"]  # fmt: skip
        pobjs = [p for prep in preps for p in prep.children if p.dep_ in {"pobj", "pcomp"}]
        return any(_named_words(p) & values for p in pobjs)
    if key == "mod":
        return any(
            c.dep_ in {"compound", "amod", "nmod"} and (c.lower_ in values or c.lemma_.lower() in values)
            for c in tok.children
        )
    # A noun's object is its of-phrase: "the lifting of sanctions", "an exercise of the right to ...".
    objs = objects(tok) if pos == "verb" else prep_objects(tok, {"of"})
    objs = [o for obj in objs for o in [obj, *obj.conjuncts]]
    # "released hundreds of prisoners", "would send another battalion of peacekeepers": what is counted or sent.
    counted = [p for obj in objs if counts(obj) or obj.lemma_.lower() in CONTAINERS for p in prep_objects(obj, {"of"})]
    objs += [o for p in counted for o in [p, *p.conjuncts]]  # "a batch of rifles and ammunition"
    if pos == "verb" and not entry.is_fallback and any(counts(o) or o.lemma_.lower() in MONEY for o in objs):
        # The curated lexicon reads "suspended $900 million in security assistance" as assistance suspended; the
        # CAMEO-derived entries keep to the literal object, as the dictionary they come from does.
        objs += [p for h in [tok, *objs] for p in prep_objects(h, {"in"})]
    if pos == "verb" and tok.lemma_.lower() in LETTING_LEMMAS:
        # "let U.N. inspectors resume work": the parser makes those let in the subject of the clause.
        objs += enabled(tok)
    if key == "obj":
        if pos == "verb" and is_passive(tok):
            # "was given refuge by Lithuania": what a passive still takes; "Aid to Mali was suspended", with the
            # capitalised noun misread as a clause.
            objs += [c for c in tok.children if c.dep_ in {"dobj", "csubjpass"}]
        return any(_named_words(obj) & values for obj in objs)
    if key == "objsector":
        named_people = [*objs, *(c for o in objs for c in o.children if c.dep_ == "appos")]
        if "person" in values and any(o.ent_type_ == "PERSON" for o in named_people):
            return True  # "questioned parliament speaker Setya Novanto", "the city's governor, Mike Sonko": someone
        for obj in objs:
            actor = resolver.resolve(obj)
            # "Gabon" itself, or an organisation or one of its offices ("the UN office"), or those of one ("84
            # civilian staff of the U.N. mission"); not a city ("defending Kirkuk against Islamic State").
            owners = [c for c in obj.children if c.dep_ in {"compound", "nmod", "poss"}]
            bodies = prep_objects(obj, {"of"}) if obj.lemma_.lower() in MEMBERS else []
            owners += [*bodies, *(c for b in bodies for c in b.children if c.dep_ in {"compound", "nmod", "poss"})]
            matches = [resolver.matches[t.i] for t in (obj, *owners) if t.i in resolver.matches]
            named = any(entry.code is not None and entry.kind != "place" for _, entry in matches)
            if actor is not None and (
                (actor.sector is not None and actor.sector.lower() in values) or ("any" in values and named)
            ):
                return True
        return False
    if key == "recipient":
        # "returned the paintings to Italy": something given to a named country or organisation (of these sectors,
        # or any); "returned to Brazil" gives nothing.
        recipients = [p for holder in [tok, *objs] if objs for p in prep_objects(holder, {"to", "into"}, TO_DEPS)]
        # "handed Afghanistan four helicopters": the indirect object.
        recipients += [c for c in tok.children if c.dep_ == "dative" and c.lower_ not in {"to", "into"}] if objs else []
        for recipient in recipients:
            actor = resolver.resolve(recipient)
            if actor is not None and actor.code and ("any" in values or (actor.sector or "").lower() in values):
                return True
        return False
    return False


def _named_words(noun: Token) -> set[str]:
    """The words a condition on a noun may name: its own form and lemma, its compounds' (and theirs) and
    adjectives' lemmas ("economic sanctions", "arms embargo", "export control list"), and what "a state of" names
    ("a state of emergency")."""
    near = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    near += [g for c in near if c.dep_ in {"compound", "nmod"} for g in c.children if g.dep_ in {"compound", "conj"}]
    modifiers = {c.lemma_.lower() for c in near}
    if is_state_of_exception(noun):
        modifiers |= {p.lemma_.lower() for p in prep_objects(noun, {"of"})}
    return {noun.lemma_.lower(), noun.lower_} | modifiers


def _trigger_tokens(tok: Token, trigger: Trigger) -> list[Token]:
    tokens = [tok]
    for key, values in trigger.conditions:
        if key in {"prep", "mod"}:
            tokens += [c for c in tok.children if c.lower_ in values or c.lemma_.lower() in values]
        elif key == "prev":
            tokens += [tok.doc[tok.i - 2], tok.doc[tok.i - 1]]
    tokens += [c for c in tok.children if c.dep_ == "prt" and c not in tokens]
    return sorted(set(tokens), key=lambda t: t.i)


def _joint_exercise(event: Event, tok: Token, resolver: ActorResolver) -> Event:
    """Exercises held by several countries together are military cooperation, not a show of force (PLOVER
    manual: joint military operations are COOPERATE, single-country exercises MOBILIZE): "Philippine and U.S.
    troops began their annual Balikatan exercises" is each with the other, and "Chinese navy ships joined Russian
    vessels for drills" and "staged drills with U.S. bombers" are each with its partner. So are operations several
    countries mount together: "India and Myanmar launched coordinated military operations against insurgent
    camps"."""
    parties = {a.code for a in event.source if a.code}
    exercise = event.event == "MOBILIZE" and event.mode == "exercise"
    if exercise and len(parties) == 1:
        partners = [a for a in resolver.resolve_all(_exercise_partners(tok)) if a.code and a.code not in parties]
        if partners:
            return replace(event, event="COOPERATE", mode="military", target=tuple(partners))
    if len(parties) < 2:
        return event
    acts = [tok, *objects(tok)] if tok.pos_ in VERB_POS else [tok]
    joint = event.event == "FIGHT" and any(
        c.dep_ == "amod" and c.lemma_.lower() in JOINT_WORDS for act in acts for c in act.children
    )
    if not (exercise or joint):
        return event
    return replace(event, event="COOPERATE", mode="military", target=event.source)


def _exercise_partners(tok: Token) -> list[Token]:
    """Who an exercise is held with: its 'with' phrase or its verb's ("held drills with the Indian navy"), or
    those its verb says were joined ("joined Russian vessels for drills")."""
    verb = tok if tok.pos_ in VERB_POS else governing_verb(tok)
    partners = [p for h in {tok, verb} for p in prep_objects(h, {"with", "alongside"})]
    if verb.lemma_.lower() == "join" and verb != tok:
        partners += objects(verb)
    return partners


# Units a thing comes in: "a battalion of peacekeepers", "a shipment of arms" are peacekeepers and arms.
CONTAINERS = frozenset({
    "battalion", "contingent", "company", "unit", "batch", "shipment", "consignment", "convoy", "planeload",
    "boatload", "truckload", "tranche", "package", "swarm", "barrage", "salvo", "volley", "wave",
})  # fmt: skip
# Acts with a partner, whose object is often only the topic: "discussed Iran's programme with Israel".
PARTNERED_CATEGORIES = frozenset({"CONSULT", "COOPERATE"})
# Verbs whose object is a thing exchanged, of whatever category: "swapped prisoners with Azerbaijan" ("intelligence"
# alone may also name a spy service: "shared intelligence with Belgium").
PARTNER_FIRST_LEMMAS = frozenset({"share", "exchange", "swap"})
# Acts done to what another owns: "attacked its consulate" hit the owner the pronoun stands for.
OWNER_HIT_CATEGORIES = frozenset({"ASSAULT", "FIGHT", "COERCE"})
# Letting someone in: "refused to let U.N. investigators enter the country" is aimed at them.
LETTING_LEMMAS = frozenset({"let", "allow", "permit"})
# Arriving for a visit or talks: the place arrived in is the host.
ARRIVING_LEMMAS = frozenset({"arrive", "land", "travel", "fly", "come"})
# Sums of money: "$900 million in security assistance" is assistance.
MONEY = frozenset({"dollar", "euro", "pound", "yen", "yuan", "rouble", "ruble", "rupee", "franc", "million", "billion",
                   "crown", "krone", "kroner", "krona", "kronor", "shekel", "dinar", "riyal", "dirham", "peso", "lira",
                   "rand", "naira", "shilling", "won", "ringgit", "baht", "rupiah"})  # fmt: skip
# The labels a "to" phrase gets: the parser calls some a dative ("sent troops to the border with Sudan").
TO_DEPS = ("prep", "dative")
# People of a body: "staff of the U.N. mission", "members of the delegation".
MEMBERS = frozenset({"staff", "member", "personnel", "employee", "worker", "official", "officer", "crew", "team"})
# Dependencies only a noun phrase takes.
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "appos"})
# Who speaks for a state: a country, its government or its diplomats.
STATE_VOICES = frozenset({"GOV", "DIP"})


def _trade_ban(event: Event, tok: Token) -> Event:
    """A ban on another country's trade is a sanction (CAMEO 163, embargo), not a restriction at home (172):
    "China imposed a ban on imports of Australian coal", "a ban on North Korea's textile exports was imposed"."""
    if event.event != "COERCE" or event.mode != "restrict":
        return event
    own = {a.code for a in event.source if a.code}
    if not any(a.code and a.code not in own | {"IGO"} for a in event.target):
        return event
    banned = [t for o in [tok, *objects(tok)] for t in o.subtree if t != tok]
    if not any(t.lemma_.lower() in TRADE_WORDS for t in banned):
        return event
    return replace(event, event="SANCTION", mode=None)


def _official_protest(event: Event, tok: Token) -> Event:
    """A state that protests complains officially (CAMEO 114, DISAPPROVE): "China protested the detention of its
    citizens", "the foreign ministry protested the visit". Crowds protest in the street (CAMEO 14): "Iraqis",
    "workers" and "students" are people, however the tables code them."""
    if event.event != "PROTEST" or event.lemma != "protest" or not event.source or tok.pos_ not in VERB_POS:
        return event
    subjects = verb_subjects(tok)
    if not subjects or any(s.tag_ in {"NNS", "NNPS"} for s in subjects):
        return event
    if not all(a.sector in STATE_VOICES for a in event.source):
        return event
    return replace(event, event="DISAPPROVE", mode=None)


# Forces of nature, which do violence no one does: their acts are no events.
# (Not "fire", "blast" or "explosion": "Israeli fire killed two", "a blast killed 12" are attacks.)
HAZARDS = frozenset({
    "cyclone", "hurricane", "typhoon", "storm", "earthquake", "quake", "flood", "floods", "flooding", "tsunami",
    "wildfire", "blaze", "landslide", "mudslide", "avalanche", "tornado", "eruption", "drought", "virus",
    "pandemic", "epidemic", "outbreak", "rain", "rains", "monsoon", "heatwave", "accident", "crash",
})  # fmt: skip
HAZARD_PRONE = frozenset({"ASSAULT", "FIGHT", "COERCE", "CRIME", "MOBILIZE"})
# Sendings whose aid the lexicon names by kind: peacekeepers, rescuers and doctors go to help wherever they go.
AID_OF_A_KIND = frozenset({"peacekeeping", "humanitarian"})


def _home_deployment(event: Event, tok: Token) -> Event:
    """Troops or police a state sends within its own borders, to its border or nowhere named, and warships it
    sends anywhere, are a deployment (MOBILIZE), not aid: "sent 2,000 more troops to Borno state to fight the
    group", "sent troops to its border with Ukraine", "sent its aircraft carrier through the Taiwan Strait"; troops
    sent to another country are its aid ("sent troops to Mali to help the army")."""
    if event.event not in {"AID", "COOPERATE"} or tok.lemma_.lower() not in DEPLOYING_LEMMAS:
        return event
    if event.mode in AID_OF_A_KIND:
        return event  # "deployed as peacekeeping forces": the kind of aid says so
    sent_heads = objects(tok)
    sent_heads += [p for o in sent_heads if counts(o) for p in prep_objects(o, {"of"})]  # "thousands of soldiers"
    sent = {w for o in sent_heads for w in _named_words(o)}
    if not sent & (FORCES | WARSHIPS):
        return event
    # "sent troops to its border with Ukraine": a posture at home, towards the other side.
    toward = [p for h in [tok, *objects(tok)] for p in prep_objects(h, {"to", "toward", "towards"}, TO_DEPS)]
    to_border = any(p.lemma_.lower() in {"border", "frontier"} for p in toward)
    own = {a.code for a in event.source if a.code}
    # Aid goes to someone: troops sent to another country ("to Mali to help the army"). Sent nowhere named
    # ("sent troops back to the island of Gotland") or to its own soil, they are deployed.
    foreign = {a.code for a in event.target if a.code} - own
    # "sent thousands more troops into Syria's Idlib": forces sent into a country go in, not to help it.
    into = any(c.dep_ == "prep" and c.lower_ == "into" for h in [tok, *objects(tok)] for c in h.children)
    if not to_border and not into and not sent & WARSHIPS and (not own or foreign):
        return event
    return replace(event, event="MOBILIZE", mode="deploy")


def _describes_its_head(verb: Token) -> bool:
    """A clause describing a noun: a participle ("a report accusing the army") or an infinitive with no subject of
    its own ("a fact-finding mission to investigate abuses")."""
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    return verb.dep_ == "acl" or (verb.dep_ == "relcl" and is_infinitive(verb) and not own_subject)


def _described_through_preposition(verb: Token) -> Token | None:
    """The noun a gerund describes through a preposition: "plans for releasing the tanker" (plans)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return prep.head


# What travel advice warns against: "not to travel to Iran", "against travel to Lebanon".
TRAVEL = frozenset({"travel", "trip", "visit", "go", "fly"})


def _advises_against_travel(tok: Token) -> bool:
    """A warning to travellers: "warned Americans not to travel to Iraq", "renewed its warning to Americans not to
    travel to Iran", "warned its citizens against travel to Lebanon"."""
    holders = [tok] if tok.pos_ in VERB_POS else [tok, governing_verb(tok)]
    clauses = [c for h in holders for c in h.children if c.dep_ in {"xcomp", "advcl", "acl"}]
    against = [p for h in holders for p in prep_objects(h, {"against"})]
    return any(w.lemma_.lower() in TRAVEL for w in [*clauses, *against])


# Bodies a sentence names without a country that are the source's own whatever the act, when its country is the
# only one named: "ruled out talks with the opposition", "demanded that the government free its leader", a
# legislature or a court.
HOME_POLITICS = frozenset({"GOV", "OPP", "PTY", "LEG", "JUD"})
# Whom a state's police, courts and crowds act on at home: its officials and politicians (and where they act: a
# place has no sector).
OFFICIALS = HOME_POLITICS | {None}
# Generic place nouns whose of-phrase names the place: "the streets of Culiacan", "the outskirts of Kabul".
PLACE_NOUNS = frozenset({"street", "outskirts", "centre", "center", "city", "town", "capital", "province", "region",
                         "suburb", "heart", "district", "village", "area"})  # fmt: skip
# Forces a passive deployment names: "officers had been deployed", "troops were put on alert".
FORCE_SECTORS = frozenset({"MIL", "COP"})


def _at_home_of(source: list[Actor], target: list[Actor], category: str) -> list[Actor]:
    """Police, prosecutors and crowds the sentence places nowhere act in the country of the officials or
    politicians they act on: "Netanyahu was questioned by police", "opposition supporters protesting against
    President Hernandez", "parliament was stormed by protesters". Not foreigners they act on ("police arrested
    two British tourists" may be anywhere), nor a country fought ("militants fired rockets into Israel")."""
    if category not in DOMESTIC_CATEGORIES | {"MOBILIZE", "FIGHT"} or not source or any(a.code for a in source):
        return source
    if category == "FIGHT" and not all(a.sector in HOME_POLITICS - {"GOV"} for a in target if a.code):
        return source  # (a country's name is its government: "Israel" is GOV)
    if not all(a.sector in HOME_SECTORS for a in source):
        return source
    countries = {a.code for a in target if a.code}
    if len(countries) != 1 or "IGO" in countries or not all(a.sector in OFFICIALS for a in target if a.code):
        return source
    home = next(a for a in target if a.code)
    return [replace(a, code=home.code, name=home.name) for a in source]


def _owned_by_pronoun(head: Token, resolver: ActorResolver) -> bool:
    """ "his office", "their forces": a possessive pronoun owns the phrase."""
    return any(c.dep_ == "poss" and resolver.is_pronoun(c) for c in head.children)


def _derived(event: Event, tok: Token, trigger: Trigger, fired: set[int]) -> Event | None:
    """The event a coder records for a cooperative act that is refused or only intended (CAMEO/PLOVER practice):

    - "will not accept refugees", "refuses to lift the ban" (no REJECT trigger of its own): REJECT, mode
      ``assist`` or ``yield``, the refusal being asserted;
    - "is ready to contribute troops", "will provide aid": AGREE (the PLOVER manual codes future CONSULT, SUPPORT,
      COOPERATE and AID as AGREE); "will withdraw": CONCEDE (its rule for a future RETREAT);
    - "would strike Israeli cities if Israel attacked Beirut": THREATEN, mode ``violence`` (CAMEO 138): force
      promised on a condition is a threat (see also Extractor._declared_threat).

    The original event is kept with its modality; the derived one ranks above it. Nothing is derived when a
    trigger governing this one has fired already ("agreed to cooperate" is the AGREE), nor from the purpose of
    an act ("sent troops to help the army" promises nothing: the sending is the news).
    """
    governor = tok.head if tok.head != tok else None
    if governor is not None and governor.i in fired:
        return None
    derived: str | None = None
    if event.modality == "negated" and trigger.category in DERIVED_FROM["REJECT"] and _stated_refusal(tok):
        derived = "REJECT"
    elif event.modality in {"future", "hypothetical"} and (_threatening(trigger) or _threat_on_condition(trigger)):
        if _on_condition(tok):
            derived = "THREATEN"
    elif event.modality == "future" and not _is_purpose(tok):
        for category, sources in DERIVED_FROM.items():
            if category not in {"REJECT", "THREATEN"} and trigger.category in sources:
                derived = category
    if derived is None:
        return None
    return _derivation(event, derived, trigger)


def _derivation(event: Event, derived: str, trigger: Trigger) -> Event:
    """The event of category ``derived`` that ``event`` implies; it ranks above ``event``."""
    # The same mapping tells selective parsing which triggers can yield which derived events.
    mode = derived_mode(derived, trigger.category, trigger.mode)
    modality = "asserted" if derived == "REJECT" else "future"
    return replace(event, event=derived, mode=mode, modality=modality, confidence=_derived_confidence(event))


def _derived_confidence(event: Event) -> float:
    """A derived event's confidence: its source's, without the doubt its modality cost, so that it ranks above."""
    return round(min(1.0, event.confidence - MODALITY_WEIGHT.get(event.modality, 0.0) + 0.02), 3)


def _threatening(trigger: Trigger) -> bool:
    """Whether promised, the act of this entry is a threat: force or coercion the curated lexicon knows. The broad
    CAMEO-derived verbs ("hit", "fire", "cut") promised in business news are mostly no force at all, and keeping
    them out keeps "will" and "would" from sending every such sentence to the parser for a threat rule."""
    return trigger.category in DERIVED_FROM["THREATEN"] and not trigger.is_fallback


def _threat_on_condition(trigger: Trigger) -> bool:
    """Whether promised on a condition, the act of this entry is a threat: sanctions or protest the curated lexicon
    knows ("would impose sanctions if ...", "would call a strike unless ...")."""
    return trigger.category in THREATENED_ON_CONDITION and not trigger.is_fallback


def _on_condition(tok: Token) -> bool:
    """The act is promised on a condition: an "if", "unless" or "should" clause on it or on the verb it is the
    object of ("would respond with force if ...")."""
    holders = [tok, tok.head] if tok.dep_ in {"dobj", "pobj", "xcomp"} else [tok]
    return any(
        child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children)
        for holder in holders
        for child in holder.children
    )


def _is_purpose(tok: Token) -> bool:
    """An infinitive saying what an act is for: "arrived in Mali to join the mission"."""
    return tok.dep_ == "advcl" and is_infinitive(tok)


def _stated_refusal(tok: Token) -> bool:
    """A negation that refuses, not one that reports a non-event: "will not / cannot / would not sign", or a
    refusing verb governing the trigger. "has not signed" is not a refusal."""
    holders = [tok] + ([tok.head] if tok.dep_ in {"dobj", "nsubjpass", "attr"} and tok.head != tok else [])
    for holder in holders:
        children = list(holder.children)
        if any(c.dep_ == "neg" for c in children) and any(
            c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in children
        ):
            return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSING_VERBS


def _phrase(head: Token) -> str:
    tokens = sorted([head, *[c for c in head.subtree if c.dep_ in {"compound", "amod", "poss", "flat"}]],
                    key=lambda t: t.i)  # fmt: skip
    return head.doc[tokens[0].i : tokens[-1].i + 1].text


def _date(tok: Token) -> str | None:
    holders = [tok] + ([tok.head] if tok.pos_ in NOUN_POS and tok.head != tok else [])
    for holder in holders:
        acted_on = objects(holder) if holder.pos_ in VERB_POS else []  # "eased curfew hours" is what was eased
        for child in holder.children:
            if child in acted_on:
                continue
            for cand in [child, *[c for c in child.children if c.dep_ == "pobj"]]:
                if cand.ent_type_ in {"DATE", "TIME"} and child.dep_ in {"npadvmod", "prep", "tmod", "obl"}:
                    ent = next((e for e in tok.doc.ents if e.start <= cand.i < e.end), None)
                    return ent.text if ent is not None else cand.text
    return None


def _location(tok: Token) -> str | None:
    holders = [tok] + ([tok.head] if tok.pos_ in NOUN_POS and tok.head != tok else [])
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "at", "near"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in {"GPE", "LOC", "FAC"}:
                        ent = next((e for e in tok.doc.ents if e.start <= pobj.i < e.end), None)
                        return ent.text if ent is not None else pobj.text
    return None
