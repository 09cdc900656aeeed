"""A claim's own theme wins over its section's (issue 9, item 4), and theme matching
handles Dutch compounds and inflections."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG, OA
from gemeentegraaf.extract.framework import context_for
from gemeentegraaf.text.themes import ThemeScheme
from rdflib.namespace import RDF


def _themes_of(doc: str, cls, quote_part: str) -> list[set[str]]:
    g = context_for(doc).graph
    found = []
    for node in g.subjects(RDF.type, cls):
        for evidence in g.objects(node, GG.bewijs):
            for selector in g.objects(evidence, OA.hasSelector):
                exact = g.value(selector, OA.exact)
                if exact is not None and quote_part in " ".join(str(exact).split()):
                    found.append({str(t).rsplit("/", 1)[-1] for t in g.objects(node, GG.thema)})
    return found


def test_a_stance_takes_its_own_theme_not_its_sections() -> None:
    (themes,) = _themes_of(
        "g32-analyse-regeerakkoord-2017",
        GG.Standpunt,
        "een structurele investering in de regionale infrastructuur",
    )
    assert themes == {"bereikbaarheid"}


def test_a_knelpunt_takes_its_own_theme_not_its_sections() -> None:
    (themes,) = _themes_of(
        "vng-stand-van-de-uitvoering-2023",
        GG.Knelpunt,
        "Uitgestrekt gebied bemoeilijkt inperking risico op ondermijning",
    )
    assert themes == {"ondermijning"}


def test_compounds_and_inflections_find_their_theme() -> None:
    scheme = ThemeScheme.load()

    def themes(text: str) -> set[str]:
        return {str(c).rsplit("/", 1)[-1] for c in scheme.concepts_in(text)}

    assert "woningbouw" in themes("de woningbouwopgave is groot")
    assert "armoede" in themes("armoedebestrijding")
    assert "jeugd" in themes("tekorten op de jeugdzorg")
    assert "energietransitie" in themes("de energietransities")
