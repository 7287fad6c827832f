"""The trigger lexicon: which words can start an event of which PLOVER category (data in lexicon/*.tsv).

Every inflected form of every trigger lemma is generated up front, so that a cheap look-up of token forms says
whether a sentence can produce an event of a category at all; the extractor requires the same forms, so the
look-up is exact, not a heuristic.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from streams.errors import ExtractionError
from streams.nlp.data import data_files, read_tsv, read_yaml, split_list

logger = logging.getLogger(__name__)

CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT",
)  # fmt: skip
CONDITION_KEYS = (
    "prep", "obj", "pobj", "objsector", "mod", "prev", "head", "recipient", "modal", "pred", "subj", "xcomp",
    "alternative",
)  # fmt: skip
# Pseudo-category of an entry that marks a word, in a given construction, as no event: a statement ("rejected the
# accusation", "claimed responsibility for the attack") or an appeal ("urged", "called on"); CAMEO codes these
# 01-02, which PLOVER drops. Such a word, when it wins, also keeps noun triggers under it from firing.
NONE = "NONE"
# Events derived from another event's trigger (see events.py): a stated refusal of a cooperative act is a REJECT,
# an intended CONSULT/SUPPORT/COOPERATE/AID is an AGREE, an intended RETREAT a CONCEDE (PLOVER manual). Selective
# parsing must therefore look for the source categories' words when a derived category is wanted.
DERIVED_FROM: dict[str, frozenset[str]] = {
    "REJECT": frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}),
    "AGREE": frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"}),
    "CONCEDE": frozenset({"RETREAT"}),
    # Force or coercion promised on a condition, or declared against someone (events._derived, _declared_threat).
    "THREATEN": frozenset({"FIGHT", "ASSAULT", "COERCE"}),
}
# Acts that are a threat only when promised on a condition (CAMEO 131-133): "would impose sanctions if Minsk does
# not free the prisoners", "would call a strike unless the government raised salaries". Declared without one, they
# are plans ("will impose sanctions").
THREATENED_ON_CONDITION = frozenset({"SANCTION", "PROTEST"})
# What a ban on another country's trade bans, which makes it a SANCTION (events._trade_ban): "a ban on imports of
# Australian coal", "on North Korea's textile exports".
TRADE_WORDS = frozenset({"export", "import", "good", "product", "trade", "shipment", "flight", "investment",
                         "purchase", "sale", "coal", "oil", "beef", "wine", "textile", "seafood"})  # fmt: skip
# What several countries' forces do together: "joint", "coordinated" or "combined" operations (a FIGHT entry's
# event turned COOPERATE, events._joint_exercise).
JOINT_WORDS = frozenset({"joint", "coordinated", "combined"})
# Verbs of sending people somewhere. Troops or police a state sends within its own borders are a deployment, not
# aid (events.Extractor._home_deployment), so an AID entry of these verbs can also yield a MOBILIZE.
DEPLOYING_LEMMAS = frozenset({"send", "deploy", "dispatch"})
# Verbs of ordering someone to act: the police or troops ordered are the orderer's (events.Extractor._commanders).
COMMANDING_LEMMAS = frozenset({"order", "instruct", "direct", "command", "authorize", "authorise"})
# What such a deployment sends (lemmas of the object).
FORCES = frozenset({"troop", "soldier", "force", "police", "policeman", "officer", "marine", "paratrooper", "commando",
                    "tank", "battalion", "brigade", "reinforcement"})  # fmt: skip
# Warships and bombers a state sends are a show of force wherever they go: "sent its aircraft carrier through the
# Taiwan Strait".
WARSHIPS = frozenset({"warship", "carrier", "destroyer", "frigate", "submarine", "fleet", "flotilla", "bomber"})
# Equipment an act noun can name a kind of: "attack helicopters", "assault rifles" are things, not acts.
EQUIPMENT = frozenset({
    "helicopter", "aircraft", "airplane", "plane", "jet", "bomber", "drone", "submarine", "boat", "craft", "vessel",
    "ship", "rifle", "gun", "weapon", "vehicle", "dog",
})
# Words that put an act on a condition: "would strike Israeli cities if Israel attacked Beirut" is a threat.
CONDITION_MARKS = frozenset({"if", "unless", "should"})
# The PLOVER THREATEN mode (the content of the threat) for coercion of each COERCE mode; force is `violence`.
THREAT_MODES = {"arrest": "arrest", "restrict": "restrict", "expel": "expel"}
# Refusing verbs whose negation keeps an option open: "did not rule out military action against Iran" threatens it
# (CAMEO 13; the probe sets' 138), as ruling it out would refuse it (events.Extractor._option_kept_open).
OPTION_LEMMAS = frozenset({"rule"})
# What a threat kept open can hold: force, or a restriction, arrest or expulsion.
OPTION_THREAT_MODES = ("violence", *sorted(set(THREAT_MODES.values())))
# Trigger tiers: a file whose leading comments hold FALLBACK_HEADER (the CAMEO-derived triggers-cameo.tsv) is a
# lower tier, used for a token only where no hand-written entry holds (events.Extractor._choose): hand-written
# entries are checked on news phrasing, so where one holds its category and mode win over a derived one.
HAND = "hand"
FALLBACK = "fallback"
FALLBACK_HEADER = "# tier: fallback"

# CAMEO event root code -> PLOVER category (the shared data README); yielding (08) splits by sub-code.
CAMEO_ROOT = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "09": "INVESTIGATE",
    "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT",
}  # fmt: skip

def cameo_category(code: str | None) -> str | None:
    """The PLOVER category of a CAMEO event code: by root code, except yielding (08), which splits: 080-083 (yield,
    ease restrictions or opposition, accede to demands) CONCEDE, 084-087 (return, release, ease sanctions,
    de-escalate, allow aid) RETREAT. Statements and appeals (01-02) have none."""
    if not code:
        return None
    if code.startswith("08"):
        return "RETREAT" if code[:3] in {"084", "085", "086", "087"} else "CONCEDE"
    return CAMEO_ROOT.get(code[:2])


def derived_mode(derived: str, source: str, source_mode: str | None = None) -> str | None:
    """The mode of an event of category ``derived`` derived from a trigger of category ``source`` and mode
    ``source_mode``."""
    if derived == "REJECT":
        return "yield" if source in {"RETREAT", "CONCEDE"} else "assist"
    if derived == "THREATEN":
        # PLOVER's THREATEN modes; CAMEO 138 (threaten with military force), 137 (with repression), 131-133 (with
        # sanctions or protest: a restriction).
        if source in THREATENED_ON_CONDITION:
            return "restrict"
        return THREAT_MODES.get(source_mode or "") if source == "COERCE" else "violence"
    return source.lower()


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: ``lemma`` as a ``pos`` ("verb"/"noun") triggers ``category`` when ``conditions`` hold."""

    category: str
    pos: str
    lemma: str
    conditions: tuple[tuple[str, frozenset[str]], ...] = ()
    mode: str | None = None
    origin: str = ""
    tier: str = HAND

    @property
    def specificity(self) -> int:
        return len(self.conditions)

    @property
    def is_fallback(self) -> bool:
        return self.tier == FALLBACK


def derived_outputs(trigger: Trigger) -> list[tuple[str, str | None]]:
    """(category, mode) of every event this entry can yield: its own, and those derived from it (events.py)."""
    out: list[tuple[str, str | None]] = [(trigger.category, trigger.mode)]
    for derived, sources in DERIVED_FROM.items():
        # Threats come from curated force and coercion words only (events._threatening).
        if trigger.category in sources and not (derived == "THREATEN" and trigger.is_fallback):
            out.append((derived, derived_mode(derived, trigger.category, trigger.mode)))
    if (trigger.category, trigger.mode) == ("COERCE", "restrict"):
        out.append(("SANCTION", None))  # a ban on another country's trade (events._trade_ban)
    if (trigger.category, trigger.mode) == ("MOBILIZE", "exercise") or trigger.category == "FIGHT":
        out.append(("COOPERATE", "military"))  # exercises with a partner, joint operations (events._joint_exercise)
    if trigger.category in THREATENED_ON_CONDITION and not trigger.is_fallback:
        out.append(("THREATEN", derived_mode("THREATEN", trigger.category, trigger.mode)))
    if trigger.category == "AID" and trigger.lemma in DEPLOYING_LEMMAS:
        out.append(("MOBILIZE", "deploy"))
    if trigger.category == "REJECT" and trigger.lemma in OPTION_LEMMAS:
        out.extend(("THREATEN", mode) for mode in OPTION_THREAT_MODES)
    return out


@dataclass
class Lexicon:
    """Triggers indexed by lower-case word form, plus the context, mode and modality word lists."""

    by_form: dict[str, list[Trigger]] = field(default_factory=dict)
    contexts: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    modality: dict[str, frozenset[str]] = field(default_factory=dict)

    def forms_for(self, categories: Iterable[str] | None = None) -> frozenset[str]:
        """Every word form that can trigger an event of ``categories`` (all categories when None)."""
        wanted = None if categories is None else set(categories)
        return frozenset(
            form
            for form, triggers in self.by_form.items()
            if wanted is None or any(c in wanted for t in triggers for c, _ in derived_outputs(t))
        )

    def words(self, name: str) -> frozenset[str]:
        return self.modality.get(name, frozenset())


def load_lexicon(user_dir: Path | None = None) -> Lexicon:
    lex = Lexicon()
    irregular: dict[str, set[str]] = {}
    for path in data_files("lexicon", "irregular*.tsv", user_dir):
        for _, row in read_tsv(path):
            if len(row) >= 2 and row[0] != "lemma":
                irregular.setdefault(row[0].lower(), set()).update(f.lower() for f in split_list(row[1]))
    for path in data_files("lexicon", "triggers*.tsv", user_dir):
        tier = _file_tier(path)
        for line, row in read_tsv(path):
            if row[0] == "category":
                continue
            trigger = _parse_trigger(row, f"{path}:{line}", tier)
            # An optional sixth column lists the entry's own irregular forms (the CAMEO file carries them).
            own = {f.lower() for f in split_list(row[5])} if len(row) > 5 else set()
            for form in inflections(trigger.lemma, trigger.pos, irregular.get(trigger.lemma, set()) | own):
                entries = lex.by_form.setdefault(form, [])
                # A later file's entry with the same category, word and conditions replaces the earlier one.
                entries[:] = [
                    e for e in entries
                    if (e.category, e.pos, e.lemma, e.conditions) != (trigger.category, trigger.pos,
                                                                      trigger.lemma, trigger.conditions)
                ]  # fmt: skip
                entries.append(trigger)
    for form, entries in lex.by_form.items():
        lex.by_form[form] = _tiered(entries)
    for path in data_files("lexicon", "context*.yaml", user_dir):
        for label, words in (read_yaml(path) or {}).items():
            lex.contexts[str(label)] = [tuple(str(w).lower().split()) for w in words or []]
    for path in data_files("lexicon", "modality*.yaml", user_dir):
        for name, words in (read_yaml(path) or {}).items():
            lex.modality[str(name)] = frozenset(str(w).lower() for w in words or [])
    logger.debug("lexicon: %d trigger forms", len(lex.by_form))
    return lex


def _tiered(entries: list[Trigger]) -> list[Trigger]:
    """Hand-written entries first (stable order otherwise), so that _choose can stop at them.

    A bare fallback entry does fire for a word whose hand-written entries are all conditioned, where none of them
    holds ("released two former followers" is RETREAT, but so is "released its report"): dropping such entries
    measured worse on both the tuned and held-out rows (docs/extraction.md).
    """
    return sorted(entries, key=lambda t: t.is_fallback)


def _file_tier(path: Path) -> str:
    """FALLBACK when the file's leading comment lines hold ``FALLBACK_HEADER``, else HAND."""
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    break
                if line.strip() == FALLBACK_HEADER:
                    return FALLBACK
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read data file: {exc}") from exc
    return HAND


def _parse_trigger(row: list[str], where: str, tier: str = HAND) -> Trigger:
    if len(row) < 3:
        raise ExtractionError(f"{where}: a trigger needs at least category, pos and lemma")
    row = row + ["-"] * (5 - len(row))
    category, pos, lemma, cond_cell, mode = row[:5]
    category = category.upper()
    if category not in CATEGORIES and category != NONE:
        raise ExtractionError(f"{where}: unknown PLOVER category {category!r} (known: {', '.join(CATEGORIES)})")
    if pos not in {"verb", "noun"}:
        raise ExtractionError(f"{where}: part of speech must be 'verb' or 'noun', not {pos!r}")
    conditions: list[tuple[str, frozenset[str]]] = []
    if cond_cell not in {"", "-"}:
        for part in cond_cell.split(";"):
            key, sep, values = part.partition("=")
            key = key.strip()
            if not sep or key not in CONDITION_KEYS:
                raise ExtractionError(f"{where}: bad condition {part!r} (known: {', '.join(CONDITION_KEYS)})")
            conditions.append((key, frozenset(v.lower() for v in split_list(values))))
    lemma = lemma.lower()
    if "-" in lemma.strip("-"):
        # spaCy splits "cease-fire" into "cease", "-", "fire": trigger on the last part, require the first.
        first, _, lemma = lemma.rpartition("-")
        conditions.append(("prev", frozenset({first})))
    return Trigger(
        category=category,
        pos=pos,
        lemma=lemma,
        conditions=tuple(conditions),
        mode=None if mode in {"", "-"} else mode,
        origin=where,
        tier=tier,
    )


def inflections(lemma: str, pos: str, irregular: Iterable[str] = ()) -> set[str]:
    """The lemma and its regular inflections (over-generating is harmless: it only widens the look-up)."""
    forms = {lemma, *irregular}
    forms.add(_plural(lemma))
    if pos == "verb":
        stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) else lemma
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            forms |= {lemma[:-1] + "ied", lemma + "ing"}
        elif lemma.endswith("e"):
            forms |= {lemma + "d", stem + "ing"}
        else:
            forms |= {lemma + "ed", lemma + "ing"}
            last = lemma[-1]
            if len(lemma) >= 3 and last not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
                forms |= {
                    lemma + last + "ed",
                    lemma + last + "ing",
                }  # ban -> banned, but also summon -> summoned
            if lemma.endswith("c"):
                forms |= {lemma + "ked", lemma + "king"}
    return forms


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
