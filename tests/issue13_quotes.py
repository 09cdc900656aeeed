"""A recall proxy that needs no texts: each gold quote of the issue-13 sets read alone.

    python tests/issue13_quotes.py [NAME …] [--misses]

The texts of tests/data/issue13*_sources.csv stay outside the repository; their facts'
quotes are in it. Here each positive gold fact's quote is a document of its own, read as
a new report by the fact's municipality (as `ingest --speaker` does), and the fact counts
as found when that one sentence yields a positive challenge about the municipality with
the gold theme or a broader or narrower one (as tests/issue13_eval.py counts). A quote
that needs its document (a bullet under a heading, a line that continues the one before)
cannot be found this way, so the figure sits below the text-level recall: compare it
between versions of the extractor, not with the issue's target. NAME defaults to every
set in tests/data. With --misses, each quote not found is listed with what it gave.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gemeentegraaf.common.namespaces import municipality_uri  # noqa: E402
from gemeentegraaf.extract.framework import extract_facts  # noqa: E402
from gemeentegraaf.extract.speaker import speaker_from_code  # noqa: E402
from gemeentegraaf.text.documents import read_document  # noqa: E402
from gemeentegraaf.text.gazetteer import Gazetteer  # noqa: E402
from gemeentegraaf.text.themes import ThemeScheme  # noqa: E402

from tests.issue13_eval import (  # noqa: E402
    DATA,
    _family,
    new_report,
    positive_challenges,
    theme_mapping,
)


def all_sets() -> list[str]:
    return sorted(p.name.removesuffix("_facts.jsonl") for p in DATA.glob("issue13*_facts.jsonl"))


def score(name: str, themes: ThemeScheme, gazetteer: Gazetteer) -> tuple[int, int, list[str]]:
    """(found, gold, misses) over the positive facts of set `name`."""
    by_label = {themes.label(c, "nl"): c for c in themes.concepts}
    mapping = theme_mapping(name, themes)
    with (DATA / f"{name}_sources.csv").open(encoding="utf-8") as handle:
        sources = {row["file"]: row for row in csv.DictReader(handle)}
    found = gold = 0
    misses = []
    lines = (DATA / f"{name}_facts.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        fact = json.loads(line)
        concepts = {
            by_label[label] for label in mapping.get(fact["theme"], []) if label in by_label
        }
        if fact["polarity"] != "positive" or not concepts:
            continue
        family = set().union(*(_family(themes, c) for c in concepts))
        key = f"issue13-citaat-{n:03d}"
        record = new_report(key, sources[fact["file"]])
        document = read_document(fact["quote"] + "\n", key)
        speaker = speaker_from_code(fact["code"], gazetteer)
        graph = extract_facts(record, document, speaker=speaker).graph
        subject = str(municipality_uri(fact["code"]))
        given = {theme for who, theme in positive_challenges(graph) if who == subject}
        gold += 1
        if given & family:
            found += 1
        else:
            labels = ", ".join(sorted(themes.label(t, "nl") for t in given)) or "nothing"
            misses.append(f"[{fact['theme']}] gave {labels}: {fact['quote'][:200]}")
    return found, gold, misses


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="issue13, issue13b, …; default: all")
    parser.add_argument("--misses", action="store_true", help="list the quotes not found")
    args = parser.parse_args(argv[1:])
    names = args.sets or all_sets()
    unknown = [n for n in names if not (DATA / f"{n}_facts.jsonl").exists()]
    if unknown:
        print(f"no such set of facts: {', '.join(unknown)}", file=sys.stderr)
        return 2
    themes, gazetteer = ThemeScheme.load(), Gazetteer.from_reference()
    total_found = total_gold = 0
    for name in names:
        found, gold, misses = score(name, themes, gazetteer)
        total_found, total_gold = total_found + found, total_gold + gold
        print(f"{name}: {found}/{gold} = {found / max(gold, 1):.2f}")
        if args.misses:
            for miss in misses:
                print(f"    {miss}")
    print(f"all: {total_found}/{total_gold} = {total_found / max(total_gold, 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
