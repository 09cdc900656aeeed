"""The similar-municipalities picture keeps its labels inside the picture."""

from __future__ import annotations

import copy
import re

from gemeentegraaf.analysis.graphs import analysis_data
from gemeentegraaf.analysis.plots import neighbourhood_svg, render_neighbourhood, text_width
from gemeentegraaf.analysis.similarity import similar

# <text x=".." y=".." font-size="13" text-anchor=".." ...>label</text>: a neighbour's name.
NAME = re.compile(
    r'<text x="([\d.-]+)" y="[\d.-]+" font-size="13" text-anchor="(start|end|middle)"'
    r'[^>]*fill="#111">([^<]*)</text>'
)


def outside(svg: str) -> list[tuple[str, str, str]]:
    """Neighbour names that (with a fifth of slack for real fonts) cross the picture's edge."""
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    bad = []
    for x, anchor, label in NAME.findall(svg):
        extent = 1.2 * text_width(label.replace("&amp;", "&"), 13)
        left = {"start": 0.0, "end": extent, "middle": extent / 2}[anchor]
        right = {"start": extent, "end": 0.0, "middle": extent / 2}[anchor]
        if float(x) - left < 0 or float(x) + right > width:
            bad.append((label, x, anchor))
    return bad


def test_neighbour_names_are_not_clipped_at_the_edge(built) -> None:
    for code in ("GM0363", "GM0484", "GM0193", "GM0599"):
        svg = neighbourhood_svg(built, code)
        assert NAME.search(svg)
        assert outside(svg) == [], code


def test_a_long_name_on_the_left_or_right_is_shortened_not_clipped(built) -> None:
    data = analysis_data(built)
    answer = copy.deepcopy(similar(data, "GM0363", k=8))
    assert len(answer["neighbours"]) == 8  # one on the far left, one on the far right
    for nb in answer["neighbours"]:
        nb["label"] = "Alphen aan den Rijn"
    svg = render_neighbourhood(data, answer)
    assert outside(svg) == []
    assert "Alphen aan den Rijn" in svg  # at the top and bottom there is room for all of it
