"""The issue-13 measuring scripts run on the committed facts (the texts stay outside)."""

from __future__ import annotations

import json

from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.themes import ThemeScheme

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
