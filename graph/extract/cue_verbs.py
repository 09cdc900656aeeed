"""Cue verbs: one table of the verbs that state a claim, and every form they take.

A policy text writes a verb in any of its forms: "we versterken", "het college versterkt",
"versterkte", "is versterkt", and a separable verb split around what it governs: "zet
extra in op", "pakken we de armoede aan", "voert het college het plan uit". Written by
hand, a cue tends to list one or two forms and miss the others on the next text. Here a
verb is given once (its infinitive, its separable particle, the preposition it governs,
and its irregular forms where it has them) and its forms are generated:

- finite: stem + t ("versterkt"), the plural/infinitive ("versterken"), the past
  ("versterkte", "versterkten"; -te/-ten after t, k, f, s, ch, p and -de/-den otherwise,
  as the infinitive's consonant decides: "streven" → "streefde");
- the participle: ge- + stem + t/d, without ge- after an unstressed prefix ("versterkt",
  "ontwikkeld"), with the particle before ge- ("ingezet", "aangepakt");
- a separable verb joined ("inzetten", "aanpakken", "in te zetten", "dat het college
  aanpakt") and split: a finite form, at most ten words, then its particle.

Not generated: the bare stem (first person singular, rare in these texts and most often a
noun: "zorg", "werk", "behoud", "pak"), and any form the verb lists as a noun of its own
("inzet", "aanpak"): such a form counts only with its preposition ("inzet op").

A particle that is also a preposition ("in", "aan", "uit", "bij", "door") is the particle
only where its clause ends or its preposition follows ("zetten we extra handhavers in.",
"zet de gemeente in op"), not in "zetten de stap in de goede richting".
"""

from __future__ import annotations

from dataclasses import dataclass

from gemeentegraaf.common.namespaces import GG
from rdflib import URIRef

# Prefixes that take no ge- in the participle ("versterkt", "ontwikkeld", "behouden").
_UNSTRESSED_PREFIXES = ("be", "ge", "her", "ver", "ont", "er")
# The consonants after which the past and participle take t ("'t kofschip").
_VOICELESS = ("t", "k", "f", "s", "ch", "p", "x")
# Particles that are also prepositions: split off, they must end their clause or be
# followed by the verb's preposition or a word that opens what follows.
_PREPOSITION_PARTICLES = frozenset({"in", "aan", "uit", "bij", "door", "op", "voor", "over"})
_CLAUSE_GOES_ON = r"(?:en|of|om|door|met|samen|zodat|maar|want|waar\w*|omdat|als|wanneer|naar)"
# Up to ten words between a finite form and its particle, within the clause (commas
# allowed: "zetten we, samen met de regio, in op").
_GAP = r"(?:[^\s.;:!?]+\s+){0,10}?"


@dataclass(frozen=True)
class CueVerb:
    """A verb that states a claim, as its infinitive (without its particle)."""

    infinitive: str
    relation: URIRef
    # the separable particle: "in" for inzetten, "aan" for aanpakken
    particle: str = ""
    # the preposition or conjunction the verb governs, as a regular expression ("op",
    # "voor|dat|ervoor"); with `needs_complement` no form counts without it
    complement: str = ""
    needs_complement: bool = False
    # how many words may stand between a form and its complement ("zorgt het college ervoor
    # dat"), and whether a comma may ("werken wij door, voor en met mensen aan"); a wider
    # reach takes in "Kampen is een prachtige gemeente met …"
    reach: int = 3
    across_commas: bool = False
    # where the rules above do not give it: a stem with a long vowel ("stimuleer", "streef",
    # "draag"), the past of a strong verb ("koos", "kozen"), its participle ("gekozen")
    stem: str = ""
    past: tuple[str, ...] = ()
    participle: str = ""
    # forms (with the particle, if any) that are also nouns: only with the complement
    nouns: tuple[str, ...] = ()
    # the weak past ("beschermde", "vernieuwde") is written as often as an adjective
    # ("beschermde monumenten", "de vernieuwde bibliotheek"), and so is the participle
    # of some ("uitgebreid", "extensive"): leave them out
    past_is_adjective: bool = False
    participle_is_adjective: bool = False

    def derived_stem(self) -> str:
        """The stem: the infinitive without -en, a doubled consonant single, v → f, z → s."""
        if self.stem:
            return self.stem
        stem = self.infinitive[:-2]
        if len(stem) > 1 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            stem = stem[:-1]
        return stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])

    def finite(self) -> list[str]:
        """Forms that stand as the finite verb: stem + t, the plural, the past."""
        stem = self.derived_stem()
        forms = [stem if stem.endswith("t") else stem + "t", self.infinitive]
        if self.past:
            forms += list(self.past)
        elif self.past_is_adjective:
            pass
        else:
            voiceless = self.infinitive[:-2].endswith(_VOICELESS)
            ending = "te" if voiceless else "de"
            forms += [stem + ending, stem + ending + "n"]
        return forms

    def past_participle(self) -> str:
        """The participle, with its particle."""
        if self.participle:
            return self.particle + self.participle
        stem = self.derived_stem()
        voiceless = self.infinitive[:-2].endswith(_VOICELESS)
        ending = "" if stem.endswith(("t", "d")) else ("t" if voiceless else "d")
        prefix = "" if stem.startswith(_UNSTRESSED_PREFIXES) else "ge"
        return self.particle + prefix + stem + ending

    def pattern(self) -> str:
        """A regular expression for every form of the verb (case left to the caller)."""
        tail = ""
        if self.needs_complement:
            word = r"[^\s.;:!?]+" if self.across_commas else r"[^\s.,;:!?]+"
            tail = rf"\s+(?:{word}\s+){{0,{self.reach}}}?(?:{self.complement})\b"
        particle = self.particle
        joined = [particle + f for f in self.finite()] if particle else self.finite()
        if not self.participle_is_adjective:
            joined.append(self.past_participle())
        if particle:
            joined.append(f"{particle} te {self.infinitive}")
        plain = [f for f in dict.fromkeys(joined) if f not in self.nouns]
        nouns = [f for f in dict.fromkeys(joined) if f in self.nouns]
        alternatives = [rf"\b(?:{'|'.join(plain)})\b{tail}"]
        if nouns and self.complement:
            alternatives.append(rf"\b(?:{'|'.join(nouns)})\s+(?:{self.complement})\b")
        if particle:
            if particle in _PREPOSITION_PARTICLES:
                after = self.complement + "|" if self.complement else ""
                ends = rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?:{after}{_CLAUSE_GOES_ON})\b)"
            else:
                ends = ""
            split = rf"\b(?:{'|'.join(dict.fromkeys(self.finite()))})\s+{_GAP}{particle}\b"
            if self.needs_complement:
                split += rf"\s+(?:{self.complement})\b"
            else:
                split += ends
            alternatives.append(split)
        return "|".join(alternatives)


_P, _O, _S = GG.Prioriteert, GG.Onderneemt, GG.StaatVoor

# The cue verbs, each with the relation it gives (the lexicon's order of relations
# decides between cues: generic.CUES).
CUE_VERBS: tuple[CueVerb, ...] = (
    # a problem the speaker faces: "kampt met", "kampten met tekorten"
    CueVerb("kampen", _S, complement="met", needs_complement=True, reach=1),
    # a population that changes: "de bevolking vergrijst", "krimpt", "ontgroent"
    CueVerb("vergrijzen", _S),
    CueVerb("krimpen", _S, past=("kromp", "krompen"), participle="gekrompen"),
    CueVerb("ontgroenen", _S),
    # what is lacking: "het ontbreekt aan", "ontbrak"
    CueVerb(
        "ontbreken", _S, stem="ontbreek", past=("ontbrak", "ontbraken"), participle="ontbroken"
    ),
    # savings to be found: "twee miljoen besparen op het personeel", "bespaart"
    CueVerb("besparen", _S, stem="bespaar"),
    # acting
    CueVerb("investeren", _O, stem="investeer", participle="geïnvesteerd"),
    CueVerb("pakken", _O, particle="aan", nouns=("aanpak",)),
    CueVerb("voeren", _O, particle="uit", nouns=("uitvoer",)),
    CueVerb("realiseren", _O, stem="realiseer"),
    # money set aside: "is extra geld gereserveerd voor", "reserveert 2 miljoen"
    CueVerb("reserveren", _O, stem="reserveer"),
    CueVerb("ondersteunen", _O, participle="ondersteund"),
    CueVerb("ontwikkelen", _O),
    CueVerb("bouwen", _O),
    # "inspelen op", "speelt het college in op"
    CueVerb("spelen", _O, particle="in", complement="op", needs_complement=True, stem="speel"),
    CueVerb("werken", _O, complement="aan", needs_complement=True, reach=6, across_commas=True),
    CueVerb("werken", _O, particle="mee", complement="aan", needs_complement=True),
    # working together, joining forces: "We werken samen met andere gemeenten",
    # "bundelen we de krachten met de buurgemeenten" (the partners decide the theme)
    CueVerb("werken", _O, particle="samen", complement="met", needs_complement=True),
    CueVerb("bundelen", _O, complement="met", needs_complement=True, reach=5),
    # priorities
    CueVerb("versterken", _P),
    CueVerb("verbeteren", _P),
    CueVerb("stimuleren", _P, stem="stimuleer"),
    CueVerb("verduurzamen", _P, stem="verduurzaam"),
    # insulating homes, as making them sustainable: "We isoleren 500 woningen"
    CueVerb("isoleren", _P, stem="isoleer", participle="geïsoleerd"),
    CueVerb("zetten", _P, particle="in", complement="op", nouns=("inzet",)),
    CueVerb("streven", _P, stem="streef"),
    CueVerb("zorgen", _P, complement="voor|ervoor|dat", needs_complement=True),
    # "gekozen" alone is also an adjective ("de gekozen raad"): only with what is chosen
    CueVerb("kiezen", _P, past=("koos", "kozen"), participle="gekozen (?:voor|om|ervoor)"),
    CueVerb(
        "dragen",
        _P,
        particle="bij",
        complement="aan",
        needs_complement=True,
        stem="draag",
        past=("droeg", "droegen"),
        participle="gedragen",
    ),
    CueVerb("behouden", _P, past=("behield", "behielden"), participle="behouden"),
    CueVerb("waarborgen", _P),
    # "Het eindpunt dat we beogen is betere dienstverlening" ("de beoogde locatie" is an
    # adjective: the past is left out)
    CueVerb("beogen", _P, stem="beoog", past_is_adjective=True, participle_is_adjective=True),
    CueVerb("optimaliseren", _P, stem="optimaliseer"),
    # what is agreed: "hebben afgesproken dat", "spreken we af"; "afspraken" is the noun
    CueVerb(
        "spreken",
        _P,
        particle="af",
        stem="spreek",
        past=("sprak", "spraken"),
        participle="gesproken",
        nouns=("afspraken",),
    ),
    CueVerb("zetten", _P, particle="voort"),
    CueVerb("zetten", _P, particle="door"),
    # stepping in: "moet ingrijpen bij de uitgaven", "grijpt het college in"
    CueVerb(
        "grijpen",
        _O,
        particle="in",
        complement="bij|op",
        stem="grijp",
        past=("greep", "grepen"),
        participle="gegrepen",
    ),
    # a change carried through: "wordt nadrukkelijk doorgevoerd", "voert … door"
    CueVerb("voeren", _O, particle="door"),
    # building and renewing: "legt een fietspad aan", "knappen het dorpshuis op",
    # "renoveert de sporthal", "vernieuwen de speeltuinen", "breidt het aantal plaatsen uit"
    CueVerb("leggen", _O, particle="aan", stem="leg", nouns=("aanleg",)),
    CueVerb("knappen", _O, particle="op"),
    # laying out anew: "worden gebieden en wegen opnieuw ingericht", "richten het plein in"
    CueVerb("richten", _O, particle="in"),
    CueVerb("renoveren", _O, stem="renoveer"),
    CueVerb("vernieuwen", _O, past_is_adjective=True),
    # "uitgebreid" is also "extensive", "at length" ("uitgebreid met inwoners gesproken")
    CueVerb("breiden", _O, particle="uit", stem="breid", participle_is_adjective=True),
    # what is furthered, reduced, fought, prevented or protected: "bevordert de
    # doorstroming", "de uitstoot verminderen", "dringen het verzuim terug", "bestrijdt
    # armoede", "beschermen onze monumenten" (preventing: generic.CUES, as "voorkomen" is also
    # "to occur")
    # what is added: "worden duizend woningen toegevoegd", "voegen we 200 plaatsen toe"
    CueVerb("voegen", _O, particle="toe", stem="voeg"),
    CueVerb("bevorderen", _P, stem="bevorder"),
    CueVerb("verminderen", _P, stem="verminder", past_is_adjective=True),
    CueVerb(
        "dringen",
        _P,
        particle="terug",
        stem="dring",
        past=("drong", "drongen"),
        participle="gedrongen",
    ),
    # "het bestreden besluit" is the contested decision: the participle only with its agent
    CueVerb(
        "bestrijden",
        _P,
        stem="bestrijd",
        past=("bestreed",),
        participle="bestreden (?:door|met|wordt|worden)",
    ),
    # "beschermd" alone names a kind ("beschermd wonen", "een beschermd stadsgezicht"):
    # the participle only with what it is protected from or by
    CueVerb("beschermen", _P, participle="beschermd (?:tegen|door)", past_is_adjective=True),
    # helping along: "jaagt de woningbouw aan", "faciliteert initiatieven"
    CueVerb("jagen", _P, particle="aan", stem="jaag"),
    CueVerb("faciliteren", _P, stem="faciliteer"),
)


def verb_cues(relation: URIRef) -> str:
    """The forms of every cue verb that gives `relation`, as one alternation."""
    return "|".join(f"(?:{verb.pattern()})" for verb in CUE_VERBS if verb.relation == relation)
