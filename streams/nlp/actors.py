"""Actor normalisation: noun phrases to ``Actor(actorText, code, sector, name)``, driven by data files.

Aliases (countries, demonyms, capitals, metonyms, people, organisations, roles) are matched over a parsed sentence
with two PhraseMatchers: acronyms written in capitals ("US", "WHO", "IS") case-sensitively, so that "us", "who"
and "is" never become actors; everything else case-insensitively. The syntax then decides which match says what:
in "Russia's ambassador to Seoul", the possessor gives the country and "to Seoul" (where the diplomat is posted)
is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from streams.errors import ExtractionError
from streams.models import Actor
from streams.nlp.data import data_files, read_tsv, read_yaml, split_list

logger = logging.getLogger(__name__)

# Dependents that belong to an actor's own noun phrase.
CORE_DEPS = {"compound", "amod", "poss", "case", "det", "nmod", "flat", "nummod", "quantmod", "nn"}
# Prepositions whose object still says whose actor this is ("the foreign minister of Russia", "troops from Chad").
OWNER_PREPS = {"of", "from"}
# Words of allegiance whose 'to'/'with' phrase says whose a role is ("militias loyal to Tehran").
AFFILIATIONS = {"loyal", "link", "linked", "ally", "allied", "affiliate", "affiliated", "tie", "tied", "aligned",
                "align", "belong", "belonging", "connect", "connected", "close"}  # fmt: skip
# Roles whose 'for' phrase says whose they are ("a spokesman for the Israeli army"); not "the UN envoy for Syria".
SPEAKING_FOR = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople"}
# Roles whose 'to' phrase says whose they are ("a senior adviser to Iran's supreme leader"); not "ambassador to".
SERVING = {"adviser", "advisor", "advisers", "advisors", "aide", "aides", "counsellor", "counselor", "secretary"}
# Prepositions placing a role (an actor without a country) in one: "officials in Kabul".
PLACE_PREPS = {"in", "of", "from", "across", "near", "at", "inside", "within", "along"}
QUANTIFIERS = {
    "thousand",
    "hundred",
    "dozen",
    "million",
    "score",
    "group",
    "number",
    "some",
    "many",
    "most",
    "all",
    "several",
    "few",
    "one",
    "two",
    "three",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "team",
    "band",
    "crowd",
    "handful",
    "majority",
    "minority",
    "rest",
    "members",
    "member",
    "section",
    "faction",
    "wing",
    "part",
    "elements",
    "contingent",
}
NAMED_ACTOR_TYPES = {"GPE", "NORP", "ORG", "PERSON"}
# Dependents through which a named actor owns a phrase: "Iranian sites", "NATO alliance", "Russia's forces".
OWNER_DEPS = {"amod", "compound", "poss", "nmod"}
# "Pakistan-based groups", "the Saudi-led coalition" are that country's; "US-backed rebels" are not American.
OWNING_PARTICIPLES = {"based", "led", "run", "owned", "controlled", "operated", "dominated", "commanded", "flagged",
                      "registered",
                      # what a statement or report says is its issuer's: "a statement issued by the foreign ministry"
                      "issued", "released", "published", "signed"}  # fmt: skip
# "workers employed by the UNHCR", "troops sent by Turkey", "missiles fired by Israel" are theirs; "civilians
# killed by", "a militia backed, funded or armed by" Iran are not.
EMPLOYING_PARTICIPLES = {"employed", "hired", "appointed", "sent", "deployed", "dispatched", "commissioned",
                         "recruited", "contracted", "fired", "launched", "dropped", "flown", "piloted"}  # fmt: skip
# Weapons are the side they were launched from: "drones launched from Yemen", "rockets fired from Gaza".
LAUNCHING_PARTICIPLES = {"fired", "launched", "flown", "dropped"}
PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our", "i", "me",
            "you", "this", "that", "which", "who", "whom", "itself", "themselves", "himself", "herself"}  # fmt: skip


# Kinds of alias that name a country or organisation: "entity", "person" (a person of the people tables: their
# country as of the table's date) and "place" (a city: its country, no sector).
ENTITY_KINDS = {"entity", "person", "place"}
# Sectors of a state's own bodies (armed forces, courts, parliament, ministries).
STATE_BODIES = {"GOV", "MIL", "LEG", "JUD", "COP", "DIP", "SPY"}
# Definite descriptions that refer back to an actor named earlier in the sentence, by the kind they refer to.
ANAPHORS = {
    **dict.fromkeys(("country", "nation", "kingdom", "republic"), "country"),
    **dict.fromkeys(("group", "movement", "militia", "organisation", "organization", "faction"), "group"),
    **dict.fromkeys(("bloc", "alliance"), "igo"),
}
# Roles that lead or speak for whoever owns them, a state or not: "Taliban leaders" are rebels, "Afghan leaders" not.
SPEAKING_ROLES = {"leader", "leaders", "leadership", "spokesman", "spokeswoman", "spokesperson", "chief", "head",
                  "commander", "commanders", "official", "officials", "member", "members", "representative",
                  "representatives", "negotiator", "negotiators", "delegation"}  # fmt: skip
# Sectors of bodies that are not a state: "the group" may refer to them, "the country" may not.
NON_STATE_SECTORS = {"REB", "OPP", "PTY", "CRM", "NGO", "LAB"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# Nouns naming an administrative division after its name: "Ituri province", "Rakhine state".
DIVISIONS = frozenset({"province", "region", "district", "state", "governorate", "county", "prefecture", "oblast",
                       "territory", "municipality"})  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """What an alias stands for. ``kind`` is "entity" (has a code), "person" (has a code, which a title in the
    text outranks), "place" (a city: its country's code, matched only where the NER sees a place) or "role" (gives
    a sector only)."""

    kind: str
    code: str | None
    sector: str | None
    name: str | None


class ActorLexicon:
    """Alias tables and the matchers built from them for one spaCy vocabulary."""

    def __init__(self, nlp: Language, user_dir: Path | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_lower: dict[str, Entry] | None = None  # built on the first lookup()
        self._load(user_dir)
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[str, Entry] = {}
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for alias, entry in self.entries.items():
            key = alias
            self._keys[key] = entry
            doc = nlp.make_doc(alias)
            letters = [c for c in alias if c.isalpha()]
            is_acronym = len(alias) <= 6 and bool(letters) and all(c.isupper() for c in letters)
            (exact if is_acronym else lower).setdefault(key, []).append(doc)
        for key, docs in exact.items():
            self._exact.add(key, docs)
        for key, docs in lower.items():
            self._lower.add(key, docs)

    def lookup(self, name: str) -> Entry | None:
        """The entry of an alias written in any case ("SEOUL", "Port-au-Prince"), or None."""
        if self._by_lower is None:
            self._by_lower = {alias.lower(): entry for alias, entry in self.entries.items()}
        return self._by_lower.get(" ".join(name.split()).lower())

    # ---- loading -------------------------------------------------------------------------------------------
    def _add(self, alias: str, entry: Entry) -> None:
        alias = " ".join(alias.split())
        if alias:
            self.entries[alias] = entry

    def _load(self, user_dir: Path | None) -> None:
        # Places first: every hand table read after them wins a shared alias ("Moscow" is the Russian government).
        for path in data_files("actors", "places*.tsv", user_dir):
            for line, row in read_tsv(path):
                if len(row) < 2:
                    raise ExtractionError(f"{path}:{line}: a place row needs a country code and a name")
                names = split_list(row[1])
                for name in names:
                    self._add(name, Entry("place", row[0], None, names[0]))
        for path in data_files("actors", "roles*.yaml", user_dir):
            data = read_yaml(path) or {}
            if not isinstance(data, dict):
                raise ExtractionError(f"{path}: a roles file maps a sector to a list of words")
            for sector, words in data.items():
                for word in words or []:
                    entry = Entry("role", None, str(sector), None)
                    self._add(str(word), entry)
                    self._add(_plural_phrase(str(word)), entry)
        for path in data_files("actors", "countries*.tsv", user_dir):
            for line, row in read_tsv(path):
                if len(row) < 2:
                    raise ExtractionError(f"{path}:{line}: a country row needs at least a code and a name")
                row = row + ["-"] * (5 - len(row))
                code, name, others, adjectives, capitals = row[:5]
                country = Entry("entity", code, "GOV", name)
                for alias in [name, *split_list(others), *split_list(adjectives), *split_list(capitals)]:
                    self._add(alias, country)
                    if alias.lower().startswith("the "):
                        self._add(alias[4:], country)
        for pattern in ("igos*.yaml", "people*.yaml", "metonyms*.yaml", "custom*.yaml"):
            for path in data_files("actors", pattern, user_dir):
                for item in read_yaml(path) or []:
                    self._load_item(item, path, is_igo=pattern.startswith("igos"),
                                    kind="person" if pattern.startswith("people") else "entity")  # fmt: skip

    def _load_item(self, item: Any, path: Path, *, is_igo: bool, kind: str = "entity") -> None:
        if not isinstance(item, dict):
            raise ExtractionError(f"{path}: each entry must be a mapping, not {item!r}")
        aliases = item.get("aliases") or [item.get("alias")]
        aliases = [str(a) for a in aliases if a]
        if not aliases:
            raise ExtractionError(f"{path}: entry {item!r} has no alias")
        code = "IGO" if is_igo else item.get("code")
        entry = Entry(kind, code, item.get("sector"), item.get("name") or (aliases[0] if is_igo else None))
        for alias in aliases:
            self._add(alias, entry)

    # ---- matching ------------------------------------------------------------------------------------------
    def annotate(self, doc: Doc) -> dict[int, tuple[Span, Entry]]:
        """Map each token index inside an alias match (longest matches win) to the match and its entry."""
        spans: list[Span] = []
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                span = Span(doc, start, end, label=match_id)
                spans.append(span)
        found: dict[int, tuple[Span, Entry]] = {}
        for span in filter_spans(spans):
            entry = self._keys[span.label_]
            # A capitalised alias written in lower case is a common word ("turkey", "chad", "china" plates).
            if entry.kind in ENTITY_KINDS and span.text.islower() and span.label_[:1].isupper():
                continue
            if _names_a_language(span):
                continue  # "its English-speaking regions", "the Russian-speaking minority": a language, not a party
            seen_as_place = any(t.ent_type_ in PLACE_ENTITIES for t in span) or _object_place(span) or _division(span)
            if entry.kind == "place" and not seen_as_place:
                continue  # a city's name where the NER sees no place: "Lloyd Austin", "Victoria said"
            for i in range(span.start, span.end):
                found[i] = (span, entry)
        return found


def counts(noun: Token) -> bool:
    """ "Hundreds", "thousands", "a group", "300": a number of what its of-phrase names."""
    return noun.like_num or noun.lemma_.lower() in QUANTIFIERS


def _names_a_language(span: Span) -> bool:
    """ "English-speaking", "Russian-speaking": the word before "-speaking" names a language."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "speaking"


def _object_place(span: Span) -> bool:
    """A one-word city name the small model took for a person, where a place is expected: the object of an act or
    of a preposition ("Russia attacked Kharkiv", "drones struck Odesa"), a whole name of its own (not "Lloyd
    Austin"), not a subject ("Victoria said")."""
    tok = span[0]
    return len(span) == 1 and tok.dep_ in {"dobj", "pobj"} and tok.ent_iob_ == "B" and (
        tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"
    )


def _division(span: Span) -> bool:
    """A name the phrase calls an administrative division, which the small model may read as a people: "in Ituri
    province", "Pulwama district", "Borno state"."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in DIVISIONS and span[-1].head == doc[span.end]


def _plural_phrase(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.endswith(("s", "sh", "ch", "x")):
        return phrase
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        words[-1] = last[:-1] + "ies"
    else:
        words[-1] = last + "s"
    return " ".join(words)


class ActorResolver:
    """Resolves the actor(s) a token heads, for one annotated sentence."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon) -> None:
        self.doc = doc
        self.matches = lexicon.annotate(doc)

    def named_countries(self) -> dict[str, tuple[Span, Entry]]:
        """The countries and organisations the sentence names, each with the alias that names it."""
        return {entry.code: (span, entry) for span, entry in self.matches.values()
                if entry.kind in ENTITY_KINDS and entry.code}  # fmt: skip

    def is_pronoun(self, token: Token) -> bool:
        if token.i in self.matches:
            return False  # "US" is the country, not "us" (acronyms are matched case-sensitively)
        return token.pos_ == "PRON" or token.lower_ in PRONOUNS

    def expand(self, token: Token) -> list[Token]:
        """The token and the tokens coordinated with it ("North Korea and Russia")."""
        heads = [token]
        for conj in token.conjuncts:
            if conj.pos_ in {"NOUN", "PROPN", "PRON"} and conj not in heads:
                heads.append(conj)
        return sorted(heads, key=lambda t: t.i)

    def core(self, head: Token) -> list[Token]:
        """The head's own noun phrase: modifiers, possessors, and 'of'/'from' complements; no clauses."""
        seen: list[Token] = []
        stack = [head]
        while stack:
            tok = stack.pop()
            if tok in seen:
                continue
            seen.append(tok)
            for child in tok.children:
                owning = tok.lower_ in OWNING_PARTICIPLES | AFFILIATIONS  # "Pakistan-based", "Iran-allied"
                if child.dep_ in CORE_DEPS or (child.dep_ == "npadvmod" and owning):
                    stack.append(child)
                elif child.dep_ == "prep" and child.lower_ in OWNER_PREPS and tok.pos_ in {"NOUN", "PROPN"}:
                    stack.extend(c for c in child.children if c.dep_ == "pobj")
        return sorted(seen, key=lambda t: t.i)

    def resolve(self, head: Token) -> Actor | None:
        """The actor headed by ``head``; None when it names nothing an event can be about (or is a pronoun)."""
        if self.is_pronoun(head):
            return None
        if counts(head):
            # "Thousands of protesters", "a group of rebels": the actor is the 'of' phrase.
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.resolve(pobj)
        core = self.core(head)
        text = _span_text(self.doc, core)
        code, sector, name = self._classify(head, core)
        head_match = self.matches.get(head.i)
        person = head_match is not None and head_match[1].kind == "person"
        if code is None or person:
            # "Georgy Zinoviev, Russia's ambassador": the apposition names who it is; for a person of the tables,
            # a title the text gives wins ("Ursula von der Leyen, the European Commission president").
            for child in head.children:
                if child.dep_ == "appos":
                    a_code, a_sector, a_name = self._classify(child, self.core(child))
                    if a_code is None and a_sector is not None:
                        a_code, a_name = self._placed_in(child)  # "a senior adviser to Iran's supreme leader"
                    if person and code is not None and not (a_code and a_sector and a_code != code):
                        continue
                    if a_code or (a_sector and sector is None):
                        code, sector, name = a_code, sector or a_sector, a_name
                        break
        if code is None and sector is not None:
            # "a top diplomat in the United Arab Emirates", "war victims in Syria": a role placed in a country.
            code, name = self._placed_in(head)
        if code is None and sector is None and head.ent_type_ in {"ORG", "FAC"}:
            # "the Pirmasens Municipal Museum in Germany": a named body is where it stands.
            code, name = self._placed_in(head, depth=1)
        if code is None and sector is None:
            # "the coalition led by Saudi Arabia", "a militant group based in Pakistan": whoever runs it.
            code, name = self._owned_by(head)
            if code is not None:
                text = _span_text(self.doc, sorted({*core, *self._owning_clause(head)}, key=lambda t: t.i))
        if code is None and head.lower_ in ANAPHORS:
            # "Hezbollah's leader said the group would strike", "Iran's foreign ministry said the country would".
            antecedent = self._antecedent(head)
            if antecedent is not None:
                code, sector, name = antecedent.code, sector or antecedent.sector, antecedent.name
        if code is None and sector is not None:
            # "Hezbollah's leader said the group's fighters would strike": people of the body referred back to.
            owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ANAPHORS), None)
            antecedent = self._antecedent(owner, owned=True) if owner is not None else None
            if antecedent is not None:
                code, name = antecedent.code, antecedent.name
        if code is None and sector is None and head.ent_type_ not in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
            return None
        return Actor(actorText=text, code=code, sector=sector, name=name)

    def _antecedent(self, head: Token, *, owned: bool = False) -> Entry | None:
        """What a definite description refers back to: the nearest actor named before it in the sentence that is
        of its kind ("the country": a country; "the group": an armed group, party or other non-state body; "the
        bloc": an organisation). None for an indefinite or possessed phrase ("a country", "its group"), or a
        possessive one unless what it owns is people of it (``owned``: "the group's fighters")."""
        if (head.dep_ == "poss" and not owned) or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None  # "the country's economy" owns like "its economy", which names no actor either
        if any(c.dep_ in {"prep", "appos"} and (c.dep_ == "appos" or c.lower_ == "of") for c in head.children):
            return None  # "the island nation of Nauru", "the group, M23": the phrase names it itself
        kind = ANAPHORS[head.lower_]
        before = sorted({span.start: (span, entry) for span, entry in self.matches.values()
                         if span.end <= head.i}.items(), reverse=True)  # fmt: skip
        for _, (_, entry) in before:
            if kind == "igo" and entry.code == "IGO":
                return entry
            if kind == "group" and entry.sector in NON_STATE_SECTORS:
                return entry
            if kind == "country" and entry.code not in {None, "IGO"} and entry.sector not in NON_STATE_SECTORS:
                return entry
        return None

    def _owned_by(self, head: Token) -> tuple[str | None, str | None]:
        """The country or organisation an owning participle's phrase names: "led by Saudi Arabia", "based in
        Pakistan", "run by the Iranian state", "loyal to Tehran", "sent by Turkey", "drones launched from Yemen"
        ("backed by" is no ownership)."""
        for participle in [*self._owning_clause(head), *self._allegiance_clause(head)][:1]:
            preps = {"in", "by", "to", "with"} | ({"from"} if participle.lower_ in LAUNCHING_PARTICIPLES else set())
            for child in participle.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in preps):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        code, _, name = self._classify(pobj, self.core(pobj))
                        if code is not None:
                            return code, name
        return None, None

    @staticmethod
    def _owning_clause(head: Token) -> list[Token]:
        return [c for c in head.children if c.dep_ == "acl" and c.lower_ in OWNING_PARTICIPLES]

    @staticmethod
    def _allegiance_clause(head: Token) -> list[Token]:
        """ "gunmen loyal to", "militias linked to", "groups allied with", "forces sent by": whose they are."""
        return [c for c in head.children if (c.dep_ == "acl" and c.lower_ in EMPLOYING_PARTICIPLES)
                or (c.dep_ in {"acl", "amod"} and c.lemma_.lower() in AFFILIATIONS)]  # fmt: skip

    def _placed_in(self, head: Token, depth: int = 3) -> tuple[str | None, str | None]:
        """The country a role is placed in or belongs to, through place phrases and participles, nearest first:
        "officials in Kabul", "fighters across the border in northern Syria", "workers employed by the UNHCR",
        "people living in Greek camps", and allegiance: "rebels loyal to Riek Machar", "hackers linked to the
        Iranian government". Not through a verb's object: "rebels who attacked Syrian troops" are not Syrian."""
        frontier = [head]
        for _ in range(depth):
            following: list[Token] = []
            for node in frontier:
                lemma = node.lemma_.lower()
                preps = PLACE_PREPS | ({"to", "with"} if lemma in AFFILIATIONS else set())
                preps |= {"for"} if node.lower_ in SPEAKING_FOR else set()
                preps |= {"to"} if node.lower_ in SERVING else set()
                for child in sorted(node.children, key=lambda t: abs(t.i - node.i)):
                    if child.dep_ == "acl" or (child.dep_ == "amod" and child.lemma_.lower() in AFFILIATIONS):
                        following.append(child)  # a participle or "loyal": look at its own phrases
                    elif (child.dep_ == "prep" and child.lower_ in preps) or child.dep_ == "agent":
                        # Who employs or sends a role owns it; who else acts on it does not, though the place of
                        # that act still places it ("people affected by the cyclone in Mozambique").
                        owning = child.dep_ != "agent" or node.lower_ in OWNING_PARTICIPLES | EMPLOYING_PARTICIPLES
                        for pobj in (c for c in child.children if c.dep_ == "pobj"):
                            code, _, name = self._classify(pobj, self.core(pobj)) if owning else (None, None, None)
                            if code is not None:
                                return code, name
                            following.append(pobj)
            frontier = following
        return None, None

    def _classify(self, head: Token, core: list[Token]) -> tuple[str | None, str | None, str | None]:
        head_match = self.matches.get(head.i)
        # Entities and roles inside the phrase, nearest to the head first.
        entities: list[tuple[int, Entry]] = []
        roles: list[tuple[int, Entry]] = []
        owners: list[tuple[int, Entry, Token]] = []  # entities modifying a word of the phrase
        for tok in core:
            m = self.matches.get(tok.i)
            if m is None:
                continue
            distance = abs(tok.i - head.i) + (0 if tok.head == head or tok == head else 2)
            if m[1].kind in ENTITY_KINDS:
                # A part of a person's name ("Abbas" in "Abbas Araqchi") is no owner of the person: it counts
                # only after a demonym or country that qualifies them ("Iranian Foreign Minister Abbas Araqchi").
                name_part = head.ent_type_ == "PERSON" and tok.ent_type_ == "PERSON" and tok != head
                entities.append((distance + (100 if name_part else 0), m[1]))
                if tok.dep_ in OWNER_DEPS or tok.dep_ == "npadvmod":  # only owning participles' are in the core
                    owners.append((distance, m[1], tok))
            else:
                roles.append((distance, m[1]))
        entities.sort(key=lambda x: x[0])
        roles.sort(key=lambda x: x[0])
        owners.sort(key=lambda x: x[0])
        code: str | None = None
        sector: str | None = None
        name: str | None = None
        if head_match is not None and head_match[1].kind in ENTITY_KINDS:
            entry = head_match[1]
            code, name = entry.code, entry.name
            sector = roles[0][1].sector if roles else entry.sector
            if entry.kind == "person":
                # The title the text gives outranks the table's entry for the person, which may be out of date:
                # "NATO Secretary General Mark Rutte" speaks for NATO, not the Netherlands he once governed.
                span = head_match[0]
                titled = next((e for _, e, tok in owners if e.code and e.code != code and tok not in span), None)
                if titled is not None:
                    code, name = titled.code, titled.name
            elif code not in {None, "IGO"} and entry.sector in STATE_BODIES:
                # "South Korea's Joint Chiefs of Staff", "Japan's Supreme Court": a state body's common name, which
                # the tables give to one country, is the body of the country that owns it here.
                span = head_match[0]
                owner = next((e for _, e, tok in owners if e.code not in {None, "IGO", code} and tok not in span), None)
                if owner is not None:
                    code, name = owner.code, owner.name
        elif head_match is None and head.ent_type_ not in NAMED_ACTOR_TYPES:
            # A word the tables don't know, owned by a country or organisation: "Bosnian Serb units", "the NATO
            # alliance", "52 Iranian sites" are that country's (CAMEO codes a phrase by its named owner).
            owner = next((entry for _, entry, tok in owners if entry.code), None)
            if owner is not None:
                return owner.code, roles[0][1].sector if roles else None, owner.name
            # A thing, not an actor ("military-technical cooperation", "a draft resolution"): the caller may
            # still look inside it for an owner.
            return None, None, None
        else:
            if head_match is not None:
                sector = head_match[1].sector
                if head.lower_ in SPEAKING_ROLES:
                    # "union leaders", "rebel commanders", "opposition officials": the body's, not a state's.
                    body = next((e for _, e in roles if e.sector in NON_STATE_SECTORS and e is not head_match[1]), None)
                    sector = body.sector if body is not None else sector
            elif roles:
                sector = roles[0][1].sector
            if entities:
                entry = entities[0][1]
                code, name = entry.code, entry.name
                if sector is None or (entry.sector in NON_STATE_SECTORS and head.lower_ in SPEAKING_ROLES):
                    sector = entry.sector  # "Taliban leaders", "a Hamas spokesman" are the group's, not a state's
        return code, sector, name

    def resolve_all(self, heads: Iterable[Token]) -> list[Actor]:
        actors: list[Actor] = []
        for head in heads:
            for tok in self.expand(head):
                actor = self.resolve(tok)
                if actor is None:
                    continue
                for one in [actor, *self._coordinated_owners(tok, actor)]:
                    # One actor named twice ("(Seoul) - South Korea"): keep the fuller name.
                    same = next((a for a in actors if a.code and (a.code, a.sector) == (one.code, one.sector)), None)
                    if same is None:
                        actors.append(one)
                    elif len(one.actorText) > len(same.actorText):
                        actors[actors.index(same)] = one
        return actors

    def _coordinated_owners(self, head: Token, actor: Actor) -> list[Actor]:
        """"Iraqi and Turkish ministers", "UK and EU negotiators", "the armies of Brazil and Argentina": one
        phrase, several actors sharing a sector."""
        if actor.code is None:
            return []
        mods = [m for m in head.children if m.dep_ in OWNER_DEPS]
        of_owners = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                     if o.dep_ == "pobj"]  # fmt: skip
        mods += of_owners
        owners = [o for m in mods for o in [m, *m.conjuncts]]
        # Coordinated when the parser says so, or when it hung the owners side by side with an "and" among them.
        if not any(m.conjuncts or any(c.dep_ == "cc" for c in m.children) for m in mods):
            return []
        extra: list[Actor] = []
        for owner in owners:
            match = self.matches.get(owner.i)
            if match is None or match[1].kind not in ENTITY_KINDS or match[1].code in {None, actor.code}:
                continue
            if any(a.code == match[1].code for a in extra):
                continue
            # "the armies of Brazil and Argentina": the second is named by its own words.
            text = _span_text(self.doc, [owner]) if owner in of_owners or owner.head in of_owners else actor.actorText
            extra.append(Actor(actorText=text, code=match[1].code, sector=actor.sector, name=match[1].name))
        return extra

def _span_text(doc: Doc, tokens: list[Token]) -> str:
    start, end = tokens[0].i, tokens[-1].i + 1
    while end > start + 1 and doc[end - 1].lower_ in {"'s", "’s", "'"}:
        end -= 1
    while (
        start < end - 1
        and doc[start].dep_ in {"det", "case", "punct"}
        and doc[start].lower_ in {"the", "a", "an", "'s", "’s"}
    ):
        start += 1
    return doc[start:end].text
