"""The issue-13 measuring scripts run on the committed facts (the texts stay outside)."""

from __future__ import annotations

import json

from gemeentegraaf.common.namespaces import municipality_uri
from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.themes import ThemeScheme

from tests.issue13_agreement import agreement, read_facts
from tests.issue13_eval import DATA, theme_mapping
from tests.issue13_quotes import all_sets, main, score


def test_every_set_has_sources_for_its_facts_and_themes_the_scheme_knows() -> None:
    themes = ThemeScheme.load()
    labels = {themes.label(c, "nl") for c in themes.concepts}
    names = all_sets()
    assert {"issue13", "issue13g", "issue13h", "issue13i"} <= set(names)
    for name in names:
        sources = (DATA / f"{name}_sources.csv").read_text(encoding="utf-8")
        mapping = theme_mapping(name, themes)
        for line in (DATA / f"{name}_facts.jsonl").read_text(encoding="utf-8").splitlines():
            fact = json.loads(line)
            assert fact["file"] in sources, (name, fact["file"])
            assert set(mapping[fact["theme"]]) <= labels, (name, fact["theme"])


def test_the_quote_proxy_finds_most_quotes_of_a_set_and_lists_the_others(capsys) -> None:
    found, gold, misses = score("issue13c", ThemeScheme.load(), Gazetteer.from_reference())
    assert gold > 50 and found + len(misses) == gold
    assert found / gold > 0.5
    assert all(miss.startswith("[") and " gave " in miss for miss in misses)
    assert main(["issue13_quotes.py", "issue13c", "--misses"]) == 0
    out = capsys.readouterr().out
    assert f"issue13c: {found}/{gold}" in out and out.count("\n    [") == len(misses)


def test_the_quote_proxy_refuses_an_unknown_set(capsys) -> None:
    assert main(["issue13_quotes.py", "issue13zz"]) == 2
    assert "issue13zz" in capsys.readouterr().err


def test_a_second_readers_list_is_well_formed_and_scored_as_the_tools() -> None:
    themes = ThemeScheme.load()
    gazetteer = Gazetteer.from_reference()
    for name in ("issue13aq", "issue13ar", "issue13as", "issue13at", "issue13au"):
        sources = (DATA / f"{name}_sources.csv").read_text(encoding="utf-8")
        second = DATA / f"{name}_second_reader.jsonl"
        for line in second.read_text(encoding="utf-8").splitlines():
            fact = json.loads(line)
            assert fact["file"] in sources, (name, fact["file"])
            assert gazetteer.name_of(fact["code"]), fact["code"]
        facts = read_facts(second, {}, themes)
        # every fact a theme the scheme knows; a list agrees with itself entirely
        assert all(concepts for file in facts for _, concepts in facts[file])
        found, total, right, asserted = agreement(facts, facts, themes)
        assert found == total and right == asserted and total > 100


def test_agreement_counts_broader_themes_and_never_another_municipality() -> None:
    themes = ThemeScheme.load()
    by_label = {themes.label(c, "nl"): c for c in themes.concepts}
    zwolle, kampen = (str(municipality_uri(c)) for c in ("GM0193", "GM0166"))
    first = {"a.txt": [(zwolle, {by_label["Woningbouw"]}), (zwolle, {by_label["Armoede"]})]}
    second = {
        "a.txt": [(zwolle, {by_label["Wonen"]}), (kampen, {by_label["Armoede"]})],
        "b.txt": [(zwolle, {by_label["Sport en bewegen"]})],
    }
    assert agreement(first, second, themes) == (1, 2, 1, 3)
    assert agreement(second, first, themes) == (1, 3, 1, 2)
