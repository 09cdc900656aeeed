"""Reading the reference files in data/reference into plain records.

Only parsing lives here; turning records into RDF is graph/reference.py's job,
so that the gazetteer and the RDF builder read the same facts.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from gemeentegraaf.common.resources import REFERENCE_DIR

TOOI = "https://identifier.overheid.nl/tooi/"
_ONT = TOOI + "def/ont/"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True)
class Municipality:
    code: str  # CBS code with prefix, "GM0363"
    name: str  # official name without kind, "Amsterdam", "'s-Gravenhage"
    province: str  # "PV27"
    tooi_uri: str
    begin: date | None
    end: date | None  # None for a current municipality
    successors: tuple[str, ...] = ()  # CBS codes it became part of
    predecessors: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.end is None

    def existed_on(self, day: date) -> bool:
        return (self.begin is None or self.begin <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Province:
    code: str  # "PV27"
    name: str  # "Noord-Holland"
    abbreviation: str
    tooi_uri: str


@dataclass(frozen=True)
class ChangeEvent:
    uri: str
    kind: str  # Samenvoeging | Uitbreiding | Herschikking
    when: date
    invalidated: tuple[str, ...]
    generated: tuple[str, ...]
    used: tuple[str, ...]
    basis: tuple[str, ...] = field(default=())


def _values(node: dict, prop: str) -> list[str]:
    return [v.get("@id", v.get("@value")) for v in node.get(prop, [])]


def _first(node: dict, prop: str) -> str | None:
    vals = _values(node, prop)
    return vals[0] if vals else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _code_from_tooi(uri: str) -> str:
    return uri.rsplit("/", 1)[1].upper()


def _load_json(name: str, directory: Path) -> list[dict]:
    with open(directory / name, encoding="utf-8") as fh:
        return json.load(fh)


@cache
def change_events(directory: Path = REFERENCE_DIR) -> tuple[ChangeEvent, ...]:
    nodes = _load_json("tooi_rwc_gemeenten_compleet_4.json", directory)
    events = []
    for node in nodes:
        kinds = [t.removeprefix(_ONT) for t in node.get("@type", [])]
        kind = next(
            (k for k in kinds if k in {"Samenvoeging", "Uitbreiding", "Herschikking"}), None
        )
        if kind is None:
            continue
        events.append(
            ChangeEvent(
                uri=node["@id"],
                kind=kind,
                when=_date(_first(node, _ONT + "tijdstipWijziging")),
                invalidated=tuple(
                    map(_code_from_tooi, _values(node, "http://www.w3.org/ns/prov#invalidated"))
                ),
                generated=tuple(
                    map(_code_from_tooi, _values(node, "http://www.w3.org/ns/prov#generated"))
                ),
                used=tuple(map(_code_from_tooi, _values(node, "http://www.w3.org/ns/prov#used"))),
                basis=tuple(_values(node, _ONT + "heeftGrondslag")),
            )
        )
    return tuple(sorted(events, key=lambda e: (e.when, e.uri)))


def _successor_map(
    events: tuple[ChangeEvent, ...],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    # A merger (Samenvoeging) or redistribution (Herschikking) creates new
    # municipalities; an extension (Uitbreiding) hands territory to existing
    # ones (prov:used). Either way the invalidated ones went into those.
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    for ev in events:
        targets = set(ev.generated) | set(ev.used)
        for old in ev.invalidated:
            for new in targets - {old}:
                succ.setdefault(old, set()).add(new)
                pred.setdefault(new, set()).add(old)
    return succ, pred


@cache
def municipalities(directory: Path = REFERENCE_DIR) -> tuple[Municipality, ...]:
    """All 605 municipalities of the TOOI register, current and dissolved."""
    nodes = _load_json("tooi_rwc_gemeenten_compleet_4.json", directory)
    succ, pred = _successor_map(change_events(directory))
    result = []
    for node in nodes:
        if node.get("@type") != [_ONT + "Gemeente"]:
            continue
        code = _first(node, _ONT + "organisatiecode").upper()
        result.append(
            Municipality(
                code=code,
                name=_first(node, _ONT + "officieleNaamExclSoort"),
                province=_code_from_tooi(_first(node, _ONT + "ligtInProvincie")),
                tooi_uri=node["@id"],
                begin=_date(_first(node, _ONT + "begindatum")),
                end=_date(_first(node, _ONT + "einddatum")),
                successors=tuple(sorted(succ.get(code, ()))),
                predecessors=tuple(sorted(pred.get(code, ()))),
            )
        )
    return tuple(sorted(result, key=lambda m: m.code))


@cache
def provinces(directory: Path = REFERENCE_DIR) -> tuple[Province, ...]:
    nodes = _load_json("tooi_rwc_provincies_compleet_1.json", directory)
    result = []
    for node in nodes:
        if node.get("@type") != [_ONT + "Provincie"]:
            continue
        result.append(
            Province(
                code=_first(node, _ONT + "organisatiecode").upper(),
                name=_first(node, _ONT + "officieleNaamExclSoort"),
                abbreviation=_first(node, _ONT + "afkorting"),
                tooi_uri=node["@id"],
            )
        )
    return tuple(sorted(result, key=lambda p: p.code))


def read_csv(name: str, directory: Path = REFERENCE_DIR) -> Iterator[dict[str, str]]:
    # utf-8-sig: the CBS file starts with a byte-order mark.
    with open(directory / name, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def by_code(directory: Path = REFERENCE_DIR) -> dict[str, Municipality]:
    return {m.code: m for m in municipalities(directory)}


ALIASES_FILE = "gazetteer_aliases.csv"


def read_alias_rows(directory: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    """Rows of gazetteer_aliases.csv; lines starting with '#' are its documentation."""
    with open(directory / ALIASES_FILE, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


PLACES_FILE = "woonplaatsen.csv"
# The places file spells four municipalities and one province in its own way (see SOURCES.md).
PLACE_MUNICIPALITY_SPELLINGS = {
    "Den Haag": "'s-Gravenhage",
    "s-Hertogenbosch": "'s-Hertogenbosch",
    "Súdwest-Friesland": "Súdwest-Fryslân",
    "Noardeast-Friesland": "Noardeast-Fryslân",
}
PLACE_PROVINCE_SPELLINGS = {"Friesland": "Fryslân"}


# The qualifier BAG puts after a town's name to tell it from a namesake: "Hengelo (Gld)",
# "Rijswijk (NB)", "Katwijk NB", "Bavel AC", "Alteveer gem Hoogeveen", "Ursem gem. S".
_TOWN_QUALIFIER = re.compile(r"\s*\([^)]*\)$|\s+(?:[A-Z]{1,3}|gem\.?\s+\S+)$")


@dataclass(frozen=True)
class Place:
    """A town or village (BAG woonplaats) and the municipality it lies in."""

    name: str  # as BAG spells it, qualifier included: "Hengelo (Gld)"
    municipality: str  # CBS code, "GM1876"

    @property
    def bare_name(self) -> str:
        """The name as a text writes it, without BAG's qualifier: "Hengelo"."""
        return _TOWN_QUALIFIER.sub("", self.name)


class ReferenceDataError(ValueError):
    """A reference file names something the other reference files do not know."""


@cache
def places(directory: Path = REFERENCE_DIR) -> tuple[Place, ...]:
    """Every woonplaats of woonplaatsen.csv with the code of its municipality.

    The file names a municipality by name and province ("Bergen", "Limburg"); the CBS list
    gives the code. A row that matches no municipality is an error, not a row to skip: it
    means the file and the list no longer describe the same year.
    """
    codes: dict[tuple[str, str], str] = {}
    for row in read_csv("cbs_gemeenten_alfabetisch_2023.csv", directory):
        # "Bergen (L)" and "Bergen (NH)" are told apart by their province in the places file
        name = row["Gemeentenaam"].split(" (")[0]
        codes[(name, row["Provincienaam"])] = row["GemeentecodeGM"]
    result = []
    for row in read_csv(PLACES_FILE, directory):
        municipality = PLACE_MUNICIPALITY_SPELLINGS.get(row["gemeente"], row["gemeente"])
        province = PLACE_PROVINCE_SPELLINGS.get(row["provincie"], row["provincie"])
        code = codes.get((municipality, province))
        if code is None:
            raise ReferenceDataError(
                f"{PLACES_FILE}: {row['woonplaats']!r} lies in {row['gemeente']!r} "
                f"({row['provincie']}), which is not a municipality of the CBS list"
            )
        result.append(Place(row["woonplaats"], code))
    return tuple(result)
