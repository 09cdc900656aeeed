"""`gemeentegraaf build`: sources → validated named graphs → a new store, swapped in atomically.

The new store is written beside the old one and only renamed into place after
every graph has validated and loaded; a failure at any step removes the
half-built store and leaves the previous one untouched and usable.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from . import __version__
from .namespaces import GG, GRAPH_DATASET, GRAPH_ONTOLOGY, GRAPH_REFERENCE, ID
from .paths import ONTOLOGY_DIR
from .reference import reference_graph
from .store import OxigraphStore, StoreError
from .validation import validate

DATASET = ID["dataset"]


class BuildError(Exception):
    """The build stopped; the previous store is unchanged."""


@dataclass
class BuildResult:
    store: Path
    graphs: dict[str, int] = field(default_factory=dict)  # graph URI → triples
    seconds: float = 0.0
    build_id: str = ""


# A step yields (graph URI, graph) pairs. Steps run in order; later steps may
# read what earlier ones produced through the `built` mapping.
Step = Callable[[dict[str, Graph]], Iterator[tuple[str, Graph]]]


def _ontology(_: dict[str, Graph]) -> Iterator[tuple[str, Graph]]:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "gemeentegraaf.ttl", format="turtle")
    yield str(GRAPH_ONTOLOGY), g


def _reference(_: dict[str, Graph]) -> Iterator[tuple[str, Graph]]:
    yield str(GRAPH_REFERENCE), reference_graph()


def default_steps() -> list[tuple[str, Step]]:
    return [("ontology", _ontology), ("reference", _reference)]


def _dataset_graph(result: BuildResult, built_at: datetime) -> Graph:
    g = Graph()
    g.add((DATASET, RDF.type, URIRef("http://rdfs.org/ns/void#Dataset")))
    g.add((DATASET, DCTERMS.modified, Literal(built_at.isoformat(), datatype=XSD.dateTime)))
    g.add((DATASET, GG.buildId, Literal(result.build_id)))
    g.add((DATASET, DCTERMS.hasVersion, Literal(__version__)))
    return g


def _validate_all(graphs: dict[str, Graph]) -> None:
    # Shapes check links across graphs (a fact's subject must be a known
    # gemeente), so they see the union; the report names the focus nodes.
    union = Graph()
    for g in graphs.values():
        union += g
    report = validate(union)
    if not report.conforms:
        raise BuildError("the data does not conform to the shapes:\n" + report.format())


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build(
    target: Path,
    *,
    steps: list[tuple[str, Step]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    started = time.perf_counter()
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    result = BuildResult(store=target, build_id=uuid.uuid4().hex)
    say = progress or (lambda _msg: None)

    graphs: dict[str, Graph] = {}
    for name, step in steps or default_steps():
        say(f"{name}")
        for uri, g in step(graphs):
            graphs[uri] = graphs.get(uri, Graph()) + g if uri in graphs else g

    say("validate")
    _validate_all(graphs)
    graphs[str(GRAPH_DATASET)] = _dataset_graph(result, datetime.now(UTC))

    work = target.with_name(f".{target.name}.building-{result.build_id[:8]}")
    try:
        say("store")
        store = OxigraphStore(work)
        for uri, g in graphs.items():
            store.load_graph(uri, g)
            result.graphs[uri] = len(g)
        store.close()
        _swap_in(work, target)
    except (OSError, StoreError) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError(f"could not write the store at {target}: {exc}") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.seconds = time.perf_counter() - started
    return result
