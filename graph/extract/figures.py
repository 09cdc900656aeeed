"""Figures a report states about a municipality or a network (gg:Kengetal).

What is measured (gg:grootheid), the value (rdf:value), the unit (gg:eenheid)
and the period (gg:periode), each with the words it stands in. Values are read
from the normalised text, in which gemeentegraaf.text.normalise has already removed
footnote numbers glued to words ("80 procent.111 De" reads "80 procent. De"),
so a footnote number is never taken for a value.

Three rules:

- tables: a caption "Tabel 2.1 …", a header of years and column names, rows
  that start with a network ("G40 5.059,3 5.433,4 7,4 374,1"). The bundled
  tables have a profile below that says what each column measures; another
  table with a one-line header gets its header words as the measure;
- figures in brackets after a municipality: "In de G40-steden Almere (19
  procent), Haarlemmermeer (16 procent) … is de verwachting dat de bevolking
  tussen 2020 en 2035 sterk zal toenemen", and "van 44 procent in Almere tot
  12 procent in Emmen". What they measure comes from the sentence (or, for a
  sentence that only continues a ranking, the one before) through MEASURES; a
  figure whose measure cannot be told is left out;
- a network as a whole: "De M50-gemeenten gezamenlijk zullen … hun
  potentiële beroepsbevolking … met 5,1 procent zien krimpen tussen 2020 en
  2035"; and counts: "In de tien bekeken G40-coalitieakkoorden …", "De G32
  heeft … in twee documenten speerpunten geformuleerd".

A value the text qualifies ("ruim 80", "minder dan 10", "bijna twee") is kept
as written (a string); an exact one is an xsd:decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from gemeentegraaf.common.namespaces import GG, network_uri, slug
from gemeentegraaf.extract.actors import NETWORK_PATTERN, Actor, group_lists, municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Sentence, register
from rdflib import Literal
from rdflib.namespace import XSD

KIND = "kengetal"

NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "twintig": 20, "dertig": 30, "veertig": 40, "drieënveertig": 43,
    "vijftig": 50,
}  # fmt: skip
_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|" + "|".join(NUMBER_WORDS) + r")"
_QUALIFIER = r"(?:ruim|bijna|circa|ongeveer|meer dan|minder dan|iets meer dan|iets minder dan)"
UNITS = {
    "procentpunt": "procentpunt",
    "procent": "procent",
    "%": "procent",
    "maanden": "maanden",
    "ton": "ton",
    "euro": "euro",
    "personen": "personen",
}
_UNIT = r"(?:procentpunt|procent|%|maanden|ton|euro|personen)"
_VALUE = rf"(?P<q>{_QUALIFIER}\s+)?(?P<sign>[+-]\s?)?(?P<num>{_NUM})\s*(?P<unit>{_UNIT})"


def parse_number(text: str) -> Decimal:
    """Dutch notation: "2.436,5" → 2436.5, "1.200.350" → 1200350, "tien" → 10."""
    word = text.lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    return Decimal(text.replace(".", "").replace(",", "."))


def _value(qualifier: str | None, sign: str | None, number: str) -> Literal:
    value = parse_number(number)
    if sign and sign.strip() == "-":
        value = -value
    if qualifier:
        return Literal(f"{' '.join(qualifier.split())} {value}")
    return Literal(value, datatype=XSD.decimal)


# What a sentence's figures measure: the first pattern that matches wins.
_BEROEPSBEVOLKING = "verwachte ontwikkeling potentiële beroepsbevolking (20-65 jaar)"
_NIET_WESTERS = "aandeel inwoners met een niet-westerse migratieachtergrond"
_WACHTTIJD = "tijd tussen inschrijving en het vinden van een woning"
MEASURES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), measure)
    for pattern, measure in (
        (r"potentiële beroepsbevolking", _BEROEPSBEVOLKING),
        (r"niet-westerse migratieachtergrond", _NIET_WESTERS),
        (r"migratieachtergrond", "aandeel inwoners met een migratieachtergrond"),
        (r"bevolking", "verwachte bevolkingsontwikkeling"),
        (r"aantal banen", "ontwikkeling aantal banen"),
        (r"arbeidsparticipatie", "ontwikkeling netto arbeidsparticipatie"),
        (r"winkelleegstand", "verwachte relatieve toename winkelleegstand"),
        (r"inschrijving|zoektijd|wachttijd", _WACHTTIJD),
        (r"rapportcijfer|openbaar vervoer", "rapportcijfer ontsluiting per openbaar vervoer"),
        (r"hernieuwbare energie", "toename aandeel hernieuwbare energie"),
        (r"ton CO2 per woning|CO2-uitstoot per woning", "CO2-uitstoot per woning"),
        (r"CO2-uitstoot", "afname CO2-uitstoot van woningen"),
        (r"huizenprijzen", "stijging huizenprijzen"),
        (r"laag inkomen", "kans op een laag inkomen op 40-jarige leeftijd"),
    )
)


def measure_of(text: str) -> str | None:
    for pattern, measure in MEASURES:
        if pattern.search(text):
            return measure
    return None


_RANGE = re.compile(
    r"tussen (\d{4}) en (\d{4})|(\d{4})\s*[-–]\s*(\d{4})|van (\d{4}) tot (?:en met )?(\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:in|per|op) (?:\d+ \w+ )?((?:19|20)\d{2})\b", re.IGNORECASE)


def period_of(text: str) -> str | None:
    """ "tussen 2020 en 2035" → "2020-2035"; "in 2035 … dan in 2020" → "2020-2035"; "in 2019"."""
    m = _RANGE.search(text)
    if m:
        a, b = [g for g in m.groups() if g]
        return f"{a}-{b}"
    years = sorted({m.group(1) for m in _YEAR.finditer(text)})
    if len(years) == 2:
        return f"{years[0]}-{years[1]}"
    return years[0] if len(years) == 1 else None


def _best_period(near: str | None, sentence: str | None) -> str | None:
    """The clause's period, unless the sentence gives a range and the clause only a year."""
    if sentence and "-" in sentence and (near is None or "-" not in near):
        return sentence
    return near or sentence


def add_figure(
    ctx: DocumentContext,
    subject_key: str,
    subject,
    measure: str,
    value: Literal,
    unit: str | None,
    period: str | None,
    span: tuple[int, int],
    method: str,
) -> None:
    object_key = slug(f"{measure} {period or ''}")
    ctx.assert_fact(
        GG.Kengetal,
        KIND,
        subject_key,
        subject,
        object_key,
        span[0],
        span[1],
        method,
        grootheid=Literal(measure, lang="nl"),
        eenheid=unit,
        periode=period,
        extra={_RDF_VALUE: value},
    )


from rdflib.namespace import RDF  # noqa: E402  (kept next to its one use)

_RDF_VALUE = RDF.value


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    measure: str
    unit: str
    period: str | None


# What the columns of the bundled tables measure, by the start of the caption.
TABLE_PROFILES: dict[str, tuple[Column, ...]] = {
    "Groei bevolking": (
        Column("inwoners", "duizend personen", "2020"),
        Column("inwoners (prognose)", "duizend personen", "2035"),
        Column("procentuele groei inwoners", "procent", "2020-2035"),
        Column("absolute groei inwoners", "duizend personen", "2020-2035"),
    ),
    "Bevolking Nederland, G4-, G40- en M50- gemeenten naar migratieachtergrond": (
        Column("aandeel inwoners met een Nederlandse achtergrond", "procent", "2010"),
        Column("aandeel inwoners met een migratieachtergrond", "procent", "2010"),
        Column("aandeel inwoners met een niet-westerse migratieachtergrond", "procent", "2010"),
        Column("aandeel inwoners met een Nederlandse achtergrond", "procent", "2020"),
        Column("aandeel inwoners met een migratieachtergrond", "procent", "2020"),
        Column("aandeel inwoners met een niet-westerse migratieachtergrond", "procent", "2020"),
    ),
    "Ontwikkeling van het aantal banen": (
        Column("aantal banen", "banen", "2000"),
        Column("aantal banen", "banen", "2019"),
        Column("groei aantal banen", "procent", "2000-2019"),
    ),
    "Percentage hernieuwbare energie": tuple(
        Column(f"aandeel hernieuwbare energie in het energiegebruik ({which})", "procent", "2019")
        for which in ("gemiddeld", "laagste gemeente", "hoogste gemeente")
    ),
}

_CELL = re.compile(r"(?P<num>-?\d{1,3}(?:\.\d{3})*(?:,\d+)?)%?(?:\s*\((?P<who>[^()]{2,40})\))?")
_ROW_LABEL = re.compile(
    r"(?:(?<=\s)|^)(?P<label>(?:G4|G32|G40|M50|P10)(?:-gemeenten|-steden)?"
    r"|Nederland|Rest (?:van )?Nederland)\s+"
)
_CAPTION = re.compile(r"Tabel (?P<number>\d+\.\d+) (?P<caption>[^\n]+)")
_HEADER_WORDS = re.compile(r"(?:(?:19|20)\d{2})|[A-Z][a-zë-]*(?:\s+(?:[a-z(][\w()-]*))*")


def _header_columns(caption: str, header: str) -> tuple[Column, ...]:
    """Columns from a one-line header: years and capitalised column names."""
    names = [m.group(0).strip() for m in _HEADER_WORDS.finditer(header)]
    return tuple(
        Column(
            caption if re.fullmatch(r"\d{4}", n) else f"{caption}: {n}",
            "",
            n if re.fullmatch(r"\d{4}", n) else None,
        )
        for n in names
    )


def _table_blocks(ctx: DocumentContext):
    """(caption, number, body start, body end) for each table in the normalised text."""
    text = ctx.text
    for m in _CAPTION.finditer(text):
        if re.match(r"\s*(?:toont|laat|geeft|bevat)\b", m.group("caption")):
            continue  # "Tabel 2.2 toont dat …": running text about a table
        end = text.find("Bron:", m.end())
        if end < 0 or end - m.end() > 2000:
            continue
        yield m.group("caption"), m.group("number"), m.end(), end


def _profile(caption: str) -> tuple[Column, ...] | None:
    for start, columns in TABLE_PROFILES.items():
        if caption.startswith(start):
            return columns
    return None


@register("kengetal-tabel", general=True)
def table_figures(ctx: DocumentContext) -> None:
    text = ctx.text
    for caption, _number, body_start, body_end in _table_blocks(ctx):
        body = text[body_start:body_end]
        columns = _profile(caption)
        rows = list(_ROW_LABEL.finditer(body))
        if columns is None:
            first = rows[0].start() if rows else 0
            columns = _header_columns(caption.split(",")[0].strip(), body[:first].split("\n")[-1])
        for i, row in enumerate(rows):
            net = NETWORK_PATTERN.fullmatch(row.group("label").split("-")[0])
            row_end = rows[i + 1].start() if i + 1 < len(rows) else len(body)
            if net is None:
                continue  # Nederland, rest van Nederland: not a network
            cells = list(_CELL.finditer(body, row.end(), row_end))
            if len(cells) != len(columns):
                continue  # the row does not fit the header: better no figure than a wrong one
            network = net.group("net")
            span = (body_start + row.start("label"), body_start + cells[-1].end())
            for cell, column in zip(cells, columns, strict=True):
                value = Literal(parse_number(cell.group("num")), datatype=XSD.decimal)
                add_figure(
                    ctx,
                    network.lower(),
                    network_uri(network),
                    column.measure,
                    value,
                    column.unit or None,
                    column.period,
                    span,
                    "kengetal-tabelrij",
                )


# ---------------------------------------------------------------------------
# Figures in the running text
# ---------------------------------------------------------------------------

_BRACKET = re.compile(
    r"\s*\((?:rapportcijfer\s+)?" + _VALUE.replace("(?P<unit>", "(?P<unit>") + r"[^()]*\)"
)
# "Den Haag (6,1)" after "Amsterdam (rapportcijfer 6,1)"
_BRACKET_BARE = re.compile(r"\s*\((?:rapportcijfer\s+)?(?P<sign>[+-]\s?)?(?P<num>\d+,\d+)\)")
# "Daarna volgen Groningen, Delft en Haarlem met een toename van ruim 80 procent",
# "Altena met 3 procent"
_LIST_WITH = re.compile(r"\s+met (?:een (?:toename|stijging|groei|daling|afname) van )?" + _VALUE)


def _numbered_value(i: str) -> str:
    """_VALUE with its groups renamed q1/s1/n1/u1 (or …2), for two values in one pattern."""
    out = _VALUE
    for name, short in (("q", "q"), ("sign", "s"), ("num", "n"), ("unit", "u")):
        out = out.replace(f"?P<{name}>", f"?P<{short}{i}>")
    return out


_IN_PLACE = r"(?: [\w ]{0,30})? (?:in|op) (?:de (?:G40|M50)-gemeente |de gemeente )?"
# "van 44 procent in Almere tot 12 procent in Emmen"
_FROM_TO = re.compile(
    "van " + _numbered_value("1") + _IN_PLACE + r"(?P<m1>[A-Z][\w' -]+?)"
    " tot (?:en met )?" + _numbered_value("2") + _IN_PLACE + r"(?P<m2>[A-Z][\w' -]+?)"
    r"(?=[.,;)]|$| \()"
)


def _actor_named(actors: list[Actor], text: str, start: int, end: int) -> Actor | None:
    for a in actors:
        if start <= a.start and a.end <= end:
            return a
    return None


@register("kengetal-gemeente", general=True)
def municipality_figures(ctx: DocumentContext) -> None:
    previous: tuple[Sentence, str | None, str | None] | None = None
    for sentence in ctx.sentences:
        if sentence.passage_kind in ("tabelcel", "kop", "voetnoot", "inhoud"):
            previous = None
            continue
        text = sentence.text
        measure, period = measure_of(text), period_of(text)
        if measure is None and previous and previous[0].paragraph == sentence.paragraph:
            # "Daarna volgen Groningen, …", "Van de M50-gemeenten heeft Rijswijk het grootste
            # aandeel (22 procent)": the paragraph goes on about the measure named before.
            measure, period = previous[1], period or previous[2]
        previous = (sentence, measure, period)
        actors = municipality_actors(text, ctx.mentions(sentence))
        if not actors or measure is None:
            continue
        span = (sentence.start, sentence.end)
        done: set[str] = set()
        for actor in actors:
            m = _BRACKET.match(text, actor.end)
            bare = _BRACKET_BARE.match(text, actor.end) if "rapportcijfer" in measure else None
            if m:
                unit = (
                    "rapportcijfer (0-10)" if "rapportcijfer" in measure else UNITS[m.group("unit")]
                )
                value = _value(m.group("q"), m.group("sign"), m.group("num"))
            elif bare:
                unit, value = (
                    "rapportcijfer (0-10)",
                    _value(None, bare.group("sign"), bare.group("num")),
                )
            else:
                continue
            add_figure(
                ctx, actor.key, actor.uri, measure, value, unit, period, span, "kengetal-haakjes"
            )
            done.add(actor.code)
        for group in group_lists(text, actors):
            m = _LIST_WITH.match(text, group[-1].end)
            if not m:
                continue
            value = _value(m.group("q"), m.group("sign"), m.group("num"))
            for actor in group:
                if actor.code not in done:
                    add_figure(
                        ctx, actor.key, actor.uri, measure, value, UNITS[m.group("unit")],
                        period, span, "kengetal-lijst",
                    )  # fmt: skip
                    done.add(actor.code)
        for m in _FROM_TO.finditer(text):
            for i in ("1", "2"):
                actor = _actor_named(actors, text, m.start(f"m{i}"), m.end(f"m{i}"))
                if actor is None or actor.code in done:
                    continue
                value = _value(m.group(f"q{i}"), m.group(f"s{i}"), m.group(f"n{i}"))
                unit = UNITS[m.group(f"u{i}")]
                add_figure(
                    ctx,
                    actor.key,
                    actor.uri,
                    measure,
                    value,
                    unit,
                    period,
                    span,
                    "kengetal-van-tot",
                )


# ---------------------------------------------------------------------------
# A network as a whole
# ---------------------------------------------------------------------------

# "de gezamenlijke G40-gemeenten", "De M50-gemeenten gezamenlijk", "in de G40-steden waar …";
# not "de G40-steden Almere (19 procent), …" (a list of members follows).
_NETWORK_WHOLE = re.compile(
    r"\b(?i:de|alle) (?:gezamenlijke )?(?P<net>G4|G40|M50)(?:-gemeenten|-steden)"
    r"(?: gezamenlijk| tezamen)?\b(?!\s+[A-Z])"
)
_COUNT = re.compile(
    rf"\b(?P<num>{_NUM}) (?:bekeken |geanalyseerde )?(?P<noun>(?:(?P<net>G4|G32|G40|M50)-)?"
    r"(?:coalitieakkoorden|akkoorden|documenten))\b"
)
_DECLINE = re.compile(r"krimpen|dalen|daling|afnemen|afname|lager", re.IGNORECASE)


@register("kengetal-netwerk", general=True)
def network_figures(ctx: DocumentContext) -> None:
    for sentence in ctx.sentences:
        if sentence.passage_kind in ("tabelcel", "kop", "voetnoot", "inhoud"):
            continue
        text = sentence.text
        span = (sentence.start, sentence.end)
        for m in _COUNT.finditer(text):
            subject = m.group("net")
            if subject is None:
                lead = re.match(r"(?:De|Het) (G4|G32|G40|M50)\b", text)
                subject = lead.group(1) if lead else None
            if subject is None:
                continue
            noun = m.group("noun").split("-")[-1]
            measure = f"aantal {'bekeken ' if 'bekeken' in m.group(0) else ''}{noun}"
            add_figure(
                ctx, subject.lower(), network_uri(subject), measure,
                Literal(parse_number(m.group("num")), datatype=XSD.decimal), noun,
                str(ctx.info.year), span, "kengetal-netwerk-aantal",
            )  # fmt: skip
        wholes = list(_NETWORK_WHOLE.finditer(text))
        members = municipality_actors(text, ctx.mentions(sentence)) if wholes else []
        for i, whole in enumerate(wholes):
            end = wholes[i + 1].start() if i + 1 < len(wholes) else len(text)
            clause = text[whole.start() : end]
            if re.search(r"\bvan\s+$", text[: whole.start()]) or re.search(r"varie", clause):
                continue  # "Almere van de G40-gemeenten …", "varieert van 44 procent in Almere …"
            if any(whole.start() <= a.start < end for a in members):
                continue  # the figure belongs to a member named in the clause
            measure = measure_of(clause) or measure_of(text)
            value = re.search(_VALUE, clause)
            if measure is None or value is None:
                continue
            if _DECLINE.search(clause[: value.end() + 40]) and "ontwikkeling" in measure:
                measure = measure.replace("ontwikkeling", "daling")
            add_figure(
                ctx,
                whole.group("net").lower(),
                network_uri(whole.group("net")),
                measure,
                _value(value.group("q"), value.group("sign"), value.group("num")),
                UNITS[value.group("unit")],
                _best_period(period_of(clause), period_of(text)),
                span,
                "kengetal-netwerk-zin",
            )
