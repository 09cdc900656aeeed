"""How far two readers of the same texts agree, with the issue-13 evaluation's matching.

    python -m tests.issue13_agreement [TEXTS_DIR] --set issue13ar

A set's first reader wrote tests/data/NAME_facts.jsonl; a second reader, who saw neither
the tool nor the first reader's list, read the same texts with the same instructions and
wrote tests/data/NAME_second_reader.jsonl. Each reader's list is scored against the other's
as the tool's list is against the first reader's (tests/issue13_eval.py): a fact is found
when the other names the same municipality with the same theme or one broader or narrower.
That agreement is the ceiling a reader of the texts reaches, and so what the issue's
target of 0.8 recall at 0.9 precision means.

With TEXTS_DIR (the folder the sources' `texts/` paths are under), the tool's facts are
scored against each reader too, and against the two together (right when either reader
lists the fact).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from gemeentegraaf.common.namespaces import municipality_uri
from gemeentegraaf.text.themes import ThemeScheme
from rdflib import URIRef

from tests.issue13_eval import DATA, _family, asserted_challenges, theme_mapping

# (municipality IRI, the scheme concepts of the reader's theme) per text file
Facts = dict[str, list[tuple[str, set[URIRef]]]]


def read_facts(path: Path, mapping: dict[str, list[str]], themes: ThemeScheme) -> Facts:
    """A reader's positive facts per text."""
    by_label = {themes.label(c, "nl"): c for c in themes.concepts}
    facts: Facts = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        fact = json.loads(line)
        if fact["polarity"] != "positive":
            continue
        labels = mapping.get(fact["theme"], [fact["theme"]])
        concepts = {by_label[label] for label in labels if label in by_label}
        facts[fact["file"]].append((str(municipality_uri(fact["code"])), concepts))
    return facts


def agreement(reference: Facts, other: Facts, themes: ThemeScheme) -> tuple[int, int, int, int]:
    """(found, reference facts, right, other's distinct facts): `other` scored against
    `reference` as the tool is against the gold."""
    found = total = right = asserted = 0
    for file in set(reference) | set(other):
        wanted = [
            (subject, set().union(*(_family(themes, c) for c in concepts)))
            for subject, concepts in reference.get(file, [])
        ]
        claimed = {(subject, c) for subject, concepts in other.get(file, []) for c in concepts}
        total += len(wanted)
        asserted += len(claimed)
        found += sum(any(s == ws and c in family for s, c in claimed) for ws, family in wanted)
        right += sum(any(s == ws and c in family for ws, family in wanted) for s, c in claimed)
    return found, total, right, asserted


def _line(name: str, figures: tuple[int, int, int, int]) -> str:
    found, total, right, asserted = figures
    return (
        f"{name}: recall {found}/{total} = {found / max(total, 1):.2f}; "
        f"precision {right}/{asserted} = {right / max(asserted, 1):.2f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path)
    parser.add_argument("--set", required=True, help="a set with a second reader: issue13aq, …")
    args = parser.parse_args(argv[1:])
    first, second = DATA / f"{args.set}_facts.jsonl", DATA / f"{args.set}_second_reader.jsonl"
    if not second.exists():
        print(f"no second reader for {args.set}: {second} is missing", file=sys.stderr)
        return 2
    themes = ThemeScheme.load()
    a = read_facts(first, theme_mapping(args.set, themes), themes)
    b = read_facts(second, {}, themes)
    print(_line("reader 2 against reader 1", agreement(a, b, themes)))
    print(_line("reader 1 against reader 2", agreement(b, a, themes)))
    if args.texts is None:
        return 0
    if not args.texts.is_dir():
        print(f"no such folder of texts: {args.texts}", file=sys.stderr)
        return 2
    tool = {
        file: [(s, {t}) for s, t in asserted]
        for file, asserted in asserted_challenges(args.texts, args.set).items()
    }
    print(_line("tool against reader 1", agreement(a, tool, themes)))
    print(_line("tool against reader 2", agreement(b, tool, themes)))
    either = {file: a.get(file, []) + b.get(file, []) for file in set(a) | set(b)}
    _, _, right, asserted = agreement(either, tool, themes)
    print(
        f"tool against either reader: precision {right}/{asserted} = {right / max(asserted, 1):.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
