"""Benchmark (not a test): is extraction linear in how crowded one sentence is?

A hostile or badly extracted report can put a whole list into one sentence: a thousand
municipality names, a phrase that a rule blanks out repeated a thousand times. Rules that
read the words before each name (or each blanked run) from the start of the sentence make
such a sentence quadratic: before this bench, a sentence naming 3,000 municipalities took
160 s. Each case is extracted at n and at 10n repetitions, in this process, as a new
report with a speaker; target: 10n takes at most 15x the time of n.

    python tests/bench_crowded_sentences.py [--n 300]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from gemeentegraaf.extract.framework import extract_facts
from gemeentegraaf.extract.speaker import speaker_from_code
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.gazetteer import Gazetteer

try:
    from tests.self_report_helpers import report_record
except ImportError:  # run as `python tests/bench_crowded_sentences.py`: tests/ is on sys.path
    from self_report_helpers import report_record

TARGET = 15.0
NAMES = ("Amsterdam", "Rotterdam", "Zwolle", "Deventer", "Tilburg", "Gouda")

CASES: dict[str, Callable[[int], str]] = {
    "municipality names": lambda n: (
        "Wij willen samenwerken met "
        + ", ".join(NAMES[i % len(NAMES)] for i in range(n))
        + ", terwijl we investeren in wonen."
    ),
    "names without commas": lambda n: (
        "Wij investeren in " + " ".join(NAMES[i % len(NAMES)] for i in range(n)) + " in de zorg."
    ),
    "a place to live, blanked": lambda n: (
        "Wij willen " + "wonen, werken en leven, " * n + "terwijl we investeren in zorg."
    ),
    "stations, blanked": lambda n: "Wij bouwen " + "bij het station " * n + "terwijl we bouwen.",
    "theme words": lambda n: "Wij investeren in " + "wonen, zorg en armoede, " * n + "en sport.",
    # examples of a theme word, and lists of groups after fields: each example or group
    # looked back over the whole sentence (a 191 KB sentence took 20 s)
    "examples of a theme word": lambda n: (
        "Wij verduurzamen " + "het vastgoed, zoals scholen en sporthallen, " * n + "en sport."
    ),
    "groups after fields": lambda n: (
        "Op het gebied van " + "wonen, zorg en sport voor jongeren en ouderen " * n + "en werk."
    ),
    "clauses a semicolon separates": lambda n: "Wij bouwen woningen" + "; Wij investeren" * n + ".",
    # one word of 10n letters: patterns that tried a compound's tail ("\\w+opgave") or a
    # glued number ("Platform31") from every letter were quadratic in it (46 s at 50,000)
    "one very long word": lambda n: "Wij bouwen woningen en " + "a" * (10 * n) + " voor starters.",
    # one hyphenated word of capitals: a name pattern tried from each capital read the rest
    # of the word every time (1.2 s at 8,000)
    "hyphenated capitals": lambda n: "Wij willen de groei van " + "A-" * (5 * n) + " in de dorpen.",
    # places, liveability and buildings a retrofit works on, thousands of them
    "places and retrofits": lambda n: (
        "Wij isoleren " + "scholen in de dorpen, leefbaar en wijken, " * n + "en sport."
    ),
    # problems to remedy, and lists whose last member follows a modifier: each remedy
    # was looked up among all the others (a 368 KB sentence took 12 s)
    "remedies and last members": lambda n: (
        "Wij willen "
        + "de tekorten in de zorg verkorten, woningen voor iedereen en de wijken, " * n
        + "en meer."
    ),
    # residents listed before their verb: the list of people and places was unbounded, and
    # each start ran the rest of it (9 s for 2,000 names)
    "residents before their verb": lambda n: (
        "Samen met " + "inwoners, bewoners en dorpen, " * n + "werken we aan de wijk."
    ),
    # a portfolio's scope said again and again: its first version looked for a task to the
    # end of the sentence from every scope (4x the time for 2x the scopes)
    "portfolio scopes": lambda n: (
        "Daaronder vallen onder meer "
        + "de jeugdzorg, hieronder vallen bijvoorbeeld " * n
        + "wat we moeten hervormen."
    ),
    # attention and partners listed again and again, before their verb
    "attention and partners": lambda n: (
        "Samen met "
        + "scholen, verenigingen en " * n
        + "zorgaanbieders krijgen "
        + "het zwembad, de bibliotheek, " * n
        + "extra aandacht."
    ),
}


def seconds(text: str, gazetteer: Gazetteer) -> float:
    speaker = speaker_from_code("GM0193", gazetteer)
    start = time.perf_counter()
    document = read_document(text, "bench-crowded")
    extract_facts(
        report_record("bench-crowded", 2024, "Coalitieakkoord"), document, speaker=speaker
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="repetitions of the small run")
    args = parser.parse_args()
    gazetteer = Gazetteer.from_reference()
    seconds("Wij investeren in wonen.", gazetteer)  # load what is loaded once
    print(f"{'case':28} {'n':>6} {'s':>8} {'10n':>6} {'s':>8} {'ratio':>7}")
    worst = 0.0
    for name, make in CASES.items():
        small = seconds(make(args.n), gazetteer)
        large = seconds(make(10 * args.n), gazetteer)
        ratio = large / small
        worst = max(worst, ratio)
        print(f"{name:28} {args.n:6} {small:8.3f} {10 * args.n:6} {large:8.3f} {ratio:6.1f}x")
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"target: 10n within {TARGET:.0f}x of n: {verdict} (worst {worst:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
