"""Recall and precision of challenge facts on texts municipalities write about themselves.

    python tests/issue13_eval.py [TEXTS_DIR] [--set NAME]

The texts stay outside the repository (default /work/scratch/issue13/texts); what is
committed is their source list (tests/data/NAME_sources.csv: URL, speaker code, title,
publisher) and the facts a reader wrote down before any tool ran
(tests/data/NAME_facts.jsonl), with each gold theme's matching scheme concepts
(tests/data/NAME_themes.json; without it, a gold theme is the scheme's concept with
that Dutch label; issue13e's readers sometimes chose a section of a report's own scheme,
mapped to the project's themes by that section's exact, close and related matches in
ontology/themes.ttl). NAME is issue13 (the first set, default), issue13b, issue13c,
issue13d, issue13e, issue13f, issue13g, issue13h, issue13i, issue13k, issue13m, issue13n,
issue13p, issue13q, issue13r, issue13s, issue13t, issue13u, issue13v, issue13w, issue13x,
issue13y, issue13z or issue13aa to issue13av (later sets
of ten to twelve texts each, gathered by readers who saw neither the tool nor its rules;
each was kept from whoever changed the extractor before it: issue13c measured the fixes
made on issue13b, issue13d those made on issue13c, issue13e those made on issue13d,
issue13f those made on issue13e, issue13g those made on issue13h (the seventh round's dev
set), issue13i those of the seventh and eighth rounds (dev sets issue13g and issue13h),
issue13k those of the ninth (dev sets issue13g, issue13h and issue13i), issue13m those of
the tenth (dev sets issue13g to issue13k), issue13n and issue13p (two readers, one
alphabet half each) those of the eleventh's first batch (dev sets issue13g to issue13m),
issue13q and issue13r (gathered the same way) those of its second batch (dev sets issue13g
to issue13p), issue13s and issue13t those of the twelfth round's first part (dev sets issue13g to
issue13r), issue13u to issue13x those of the whole twelfth round (issue13v was a dev set
for its last commit; issue13u and issue13w share three texts, read by two readers);
the sources of issue13d and of issue13f to issue13r name their texts with a
`texts/` folder, so pass the folder above it). Each text is read as a new report (new key, its own
title and publisher) with its speaker given, as `gemeentegraaf ingest --speaker` does.

A gold fact is found when the text yields a positive challenge (gg:Uitdaging) about its
municipality whose theme is one of the gold theme's concepts, or broader or narrower than
one. A distinct (municipality, theme) the tool asserts positively is right when it matches
a positive gold fact of that text. Prints per-text and overall figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gemeentegraaf.common.namespaces import GG, municipality_uri
from gemeentegraaf.extract.framework import extract_facts
from gemeentegraaf.extract.speaker import Speaker, infer_speaker, speaker_from_code
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.segment import Document
from gemeentegraaf.text.themes import ThemeScheme
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

DATA = Path(__file__).parent / "data"
DEFAULT_TEXTS = Path("/work/scratch/issue13/texts")


@dataclass
class Score:
    file: str
    genre: str
    inferred: str
    gold: int
    found: int
    asserted: int
    right: int
    missed: list[str]
    wrong: list[str]

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.asserted if self.asserted else 1.0


def _family(themes: ThemeScheme, concept: URIRef) -> set[URIRef]:
    return {concept, *themes.ancestors(concept), *themes.descendants(concept)}


def new_report(key: str, source: dict[str, str]) -> CorpusRecord:
    """A text of a set read as a new report (its own key, title and publisher)."""
    return CorpusRecord(
        key=key,
        file=f"{key}.txt",
        title=source["title"],
        publisher=source["publisher"],
        year=2022,
        date="2022",
        kind="rapport",
        language="nl",
    )


def positive_challenges(g: Graph) -> set[tuple[str, URIRef]]:
    """(subject IRI, theme) of every challenge in `g` that is not negated."""
    asserted: set[tuple[str, URIRef]] = set()
    for node in g.subjects(RDF.type, GG.Uitdaging):
        negated = g.value(node, GG.ontkend)
        if negated is not None and negated.toPython():
            continue
        subject = g.value(node, GG.onderwerp)
        for theme in g.objects(node, GG.thema):
            asserted.add((str(subject), theme))
    return asserted


def theme_mapping(name: str, themes: ThemeScheme) -> dict[str, list[str]]:
    """Each gold theme label of set `name` with the scheme labels it stands for."""
    mapping_file = DATA / f"{name}_themes.json"
    if mapping_file.exists():
        return json.loads(mapping_file.read_text(encoding="utf-8"))
    return {label: [label] for label in (themes.label(c, "nl") for c in themes.concepts)}


def read_set(
    texts: Path, name: str
) -> Iterator[tuple[dict[str, str], Document, Speaker | None, set[tuple[str, URIRef]]]]:
    """Each text of set `name` read as a new report with its speaker given: its source
    row, the document, the speaker the tool would infer, and the challenges it asserts."""
    gazetteer = Gazetteer.from_reference()
    with (DATA / f"{name}_sources.csv").open(encoding="utf-8") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=1):
            key = f"issue13-tekst-{n:02d}"
            record = new_report(key, row)
            document = read_document((texts / row["file"]).read_text(encoding="utf-8"), key)
            inferred = infer_speaker(record, document, gazetteer)
            speaker = speaker_from_code(row["code"], gazetteer)
            g = extract_facts(record, document, speaker=speaker).graph
            yield row, document, inferred, positive_challenges(g)


def asserted_challenges(texts: Path, name: str) -> dict[str, set[tuple[str, URIRef]]]:
    """(subject IRI, theme) of every challenge the tool asserts, per text file of the set."""
    return {row["file"]: asserted for row, _, _, asserted in read_set(texts, name)}


def evaluate(texts: Path, name: str = "issue13") -> list[Score]:
    themes = ThemeScheme.load()
    by_label = {themes.label(c, "nl"): c for c in themes.concepts}
    mapping = theme_mapping(name, themes)
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in (DATA / f"{name}_facts.jsonl").read_text(encoding="utf-8").splitlines():
        fact = json.loads(line)
        gold[fact["file"]].append(fact)
    scores = []
    for row, document, inferred, asserted in read_set(texts, name):
        facts = gold[row["file"]]
        wanted = []
        for fact in facts:
            concepts = {by_label[label] for label in mapping[fact["theme"]]}
            family = set().union(*(_family(themes, c) for c in concepts)) if concepts else set()
            wanted.append((fact, str(municipality_uri(fact["code"])), family))
        positives = [w for w in wanted if w[0]["polarity"] == "positive"]
        found = [w for w in positives if any(s == w[1] and t in w[2] for s, t in asserted)]
        right = [(s, t) for s, t in asserted if any(s == w[1] and t in w[2] for w in positives)]
        scores.append(
            Score(
                row["file"],
                document.genre,
                inferred.code if inferred else "-",
                len(positives),
                len(found),
                len(asserted),
                len(right),
                [w[0]["theme"] for w in positives if w not in found],
                sorted(
                    f"{s.rsplit('/', 1)[-1]}:{themes.label(t, 'nl')}"
                    for s, t in asserted
                    if (s, t) not in right
                ),
            )
        )
    return scores


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument(
        "--set",
        default="issue13",
        help="issue13 (default), issue13b … issue13av",
    )
    args = parser.parse_args(argv[1:])
    texts = args.texts
    if not texts.is_dir():
        print(f"no such folder of texts: {texts}", file=sys.stderr)
        return 2
    if not (DATA / f"{args.set}_facts.jsonl").exists():
        print(f"no such set of facts: tests/data/{args.set}_facts.jsonl", file=sys.stderr)
        return 2
    scores = evaluate(texts, args.set)
    print(f"{'text':48} {'genre':10} {'infer':7} gold found  rec asserted right prec")
    for s in scores:
        print(
            f"{s.file[:48]:48} {s.genre[:10]:10} {s.inferred:7} {s.gold:4} {s.found:5} "
            f"{s.recall:4.2f} {s.asserted:8} {s.right:5} {s.precision:4.2f}"
        )
        if s.missed:
            print(f"    missed: {', '.join(s.missed)}")
        if s.wrong:
            print(f"    wrong:  {', '.join(s.wrong)}")
    if args.set == "issue13":
        # The rules were tuned on the odd-numbered texts of the first set only at first.
        tuned = [s for n, s in enumerate(scores, start=1) if n % 2]
        held_out = [s for n, s in enumerate(scores, start=1) if not n % 2]
        print(_total("tuned (odd)", tuned))
        print(_total("held-out (even)", held_out))
    print(_total("overall", scores))
    return 0


def _total(name: str, scores: list[Score]) -> str:
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    asserted = sum(s.asserted for s in scores)
    right = sum(s.right for s in scores)
    return (
        f"{name}: recall {found}/{gold} = {found / max(gold, 1):.2f}; "
        f"precision {right}/{asserted} = {right / max(asserted, 1):.2f}"
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
