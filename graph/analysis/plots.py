"""Pictures of the analyses as plain SVG (no plotting library needed).

- `neighbourhood_svg`: a municipality, its most similar municipalities and the
  themes they share, as a network picture (municipality page);
- `heatmap_svg`: municipalities × themes, shaded by independent evidence, with
  negated facts marked (network and theme pages);
- `timeline_svg`: attention per theme over the report years, overall and per
  network (theme page).

Each returns a complete, standalone `<svg>` string with a <title> and <desc>
for screen readers; it can be inlined in HTML or written to a file. Layout is
deterministic: the same store gives the same bytes. PNG output converts the SVG
with cairosvg when that package is installed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from gemeentegraaf.analysis.graphs import (
    AnalysisData,
    AnalysisError,
    as_data,
    municipality_uri,
    narrower_or_self,
)
from gemeentegraaf.analysis.shared_challenges import resolve_codes
from gemeentegraaf.analysis.similarity import SHOWN_NEIGHBOURS, SimilarityConfig, similar
from gemeentegraaf.analysis.timeline import theme_timeline
from gemeentegraaf.store.oxigraph import GraphStore

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
DARK = "#08306b"
MUNI = "#2171b5"
MUNI_LIGHT = "#c6dbef"
THEME_FILL = "#fdd0a2"
THEME_STROKE = "#d94801"
GREY = "#6b6b6b"
LEVEL_NL = {"none": "geen bewijs", "low": "laag", "medium": "middel", "high": "hoog"}


# ---------------------------------------------------------------------------
# SVG primitives
# ---------------------------------------------------------------------------


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float) -> float:
    """A rough width of sans-serif text, for layout only."""
    narrow = sum(1 for ch in text if ch in "iljtfrI.,:;'’ ")
    wide = sum(1 for ch in text if ch in "mwMWGOQ")
    return size * (0.6 * len(text) - 0.28 * narrow + 0.25 * wide)


def _truncate(text: str, size: float, width: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def text_element(
    x: float,
    y: float,
    content: str,
    size: float = 12,
    anchor: str = "start",
    fill: str = "#222",
    weight: str = "normal",
    halo: bool = False,
) -> str:
    """A <text>; with halo, a white outline drawn underneath so it reads over lines.

    The outline is a separate element rather than paint-order, which not every
    renderer supports.
    """
    attrs = (
        f'x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" text-anchor="{anchor}" '
        f'font-weight="{weight}"'
    )
    under = (
        f'<text {attrs} fill="#fff" stroke="#fff" stroke-width="3" stroke-linejoin="round">'
        f"{_esc(content)}</text>"
        if halo
        else ""
    )
    return f'{under}<text {attrs} fill="{fill}">{_esc(content)}</text>'


class Svg:
    def __init__(self, width: float, height: float, title: str, desc: str = "") -> None:
        self.width, self.height = width, height
        self.title, self.desc = title, desc
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x: float, y: float, content: str, **style: Any) -> None:
        self.add(text_element(x, y, content, **style))

    def render(self) -> str:
        w, h = _num(self.width), _num(self.height)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" role="img" font-family="{_esc(FONT)}">'
            f"<title>{_esc(self.title)}</title><desc>{_esc(self.desc or self.title)}</desc>"
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>'
        )
        return head + "".join(self.parts) + "</svg>\n"


def _link(href: str | None, inner: str, tooltip: str) -> str:
    body = f"<title>{_esc(tooltip)}</title>{inner}"
    if href:
        return f'<a href="{_esc(href)}">{body}</a>'
    return f"<g>{body}</g>"


def _href(link_base: str | None, uri: str) -> str | None:
    if link_base is None:
        return None
    marker = "/id/"
    if marker not in uri:
        return None
    return link_base.rstrip("/") + "/" + uri.split(marker, 1)[1]


def _mix(color_a: str, color_b: str, t: float) -> str:
    a = [int(color_a[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(color_b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def _blues(t: float) -> str:
    """White → dark blue, t in [0, 1]."""
    stops = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
    t = min(1.0, max(0.0, t))
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    return _mix(stops[i], stops[i + 1], pos - i)


def _nice_step(top: float, ticks: int = 5) -> float:
    if top <= 0:
        return 1.0
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


# ---------------------------------------------------------------------------
# Neighbourhood
# ---------------------------------------------------------------------------


def _ellipse(cx: float, cy: float, rx: float, ry: float, angle: float) -> tuple[float, float]:
    return cx + rx * math.cos(angle), cy + ry * math.sin(angle)


def _spread(anchors: list[float]) -> list[float]:
    """Evenly spaced angles in the order of `anchors`, rotated to stay close to them."""
    n = len(anchors)
    if n == 0:
        return []
    step = 2 * math.pi / n
    sx = sum(math.cos(a - i * step) for i, a in enumerate(anchors))
    sy = sum(math.sin(a - i * step) for i, a in enumerate(anchors))
    offset = math.atan2(sy, sx) if (sx or sy) else -math.pi / 2
    return [offset + i * step for i in range(n)]


def neighbourhood_svg(
    source: GraphStore | AnalysisData,
    code: str,
    k: int = SHOWN_NEIGHBOURS,
    method: str | None = None,
    config: SimilarityConfig | None = None,
    link_base: str | None = "/id/",
    max_themes: int = 10,
) -> str:
    """The municipality, its k most similar municipalities and the themes they share."""
    data = as_data(source)
    answer = similar(data, code, k=k, method=method, config=config)
    return render_neighbourhood(data, answer, link_base=link_base, max_themes=max_themes)


def render_neighbourhood(
    data: AnalysisData,
    answer: dict[str, Any],
    link_base: str | None = "/id/",
    max_themes: int = 10,
) -> str:
    centre = answer["municipality"]
    neighbours = answer["neighbours"]
    conf = answer["confidence"]
    width, height = 1000.0, 660.0
    cx, cy = width / 2, height / 2 + 8
    svg = Svg(
        width,
        height,
        f"Vergelijkbare gemeenten: {centre['label']}",
        _neighbourhood_desc(centre, neighbours),
    )
    svg.text(20, 30, f"Vergelijkbare gemeenten: {centre['label']}", size=17, weight="bold")
    svg.text(
        20,
        50,
        f"methode {answer['method']} · betrouwbaarheid: {LEVEL_NL.get(conf['level'])} "
        f"({conf['evidence_passages']} passages)",
        size=12,
        fill=GREY,
    )

    # Angles: neighbours clockwise from the top in rank order.
    n = len(neighbours)
    angle = {
        nb["code"]: -math.pi / 2 + 2 * math.pi * i / max(n, 1) for i, nb in enumerate(neighbours)
    }
    # Themes: those that contribute to the neighbours; without neighbours, the centre's own.
    weight: dict[str, float] = {}
    links: list[tuple[str, str, float]] = []  # (neighbour code, theme, contribution)
    for nb in neighbours:
        for item in nb["explanation"]["themes"][:4]:
            weight[item["theme"]] = weight.get(item["theme"], 0.0) + item["contribution"]
            links.append((nb["code"], item["theme"], item["contribution"]))
    if not neighbours:
        own = data.challenges.get(centre["code"], {})
        for theme in own:
            weight[theme] = data.edge_weight(centre["code"], theme)
    themes = sorted(weight, key=lambda t: (-weight[t], data.label(t)))[:max_themes]
    kept = set(themes)
    anchors = {}
    for theme in themes:
        sx = sum(c * math.cos(angle[m]) for m, t, c in links if t == theme)
        sy = sum(c * math.sin(angle[m]) for m, t, c in links if t == theme)
        anchors[theme] = math.atan2(sy, sx) if (sx or sy) else 0.0
    themes.sort(key=lambda t: (anchors[t] % (2 * math.pi), data.label(t)))
    # Two rings of theme pills, alternating, so that long labels do not overlap.
    rings = ((185.0, 112.0), (262.0, 160.0)) if len(themes) > 5 else ((200.0, 125.0),)
    theme_pos = {
        t: _ellipse(cx, cy, *rings[i % len(rings)], a)
        for i, (t, a) in enumerate(zip(themes, _spread([anchors[t] for t in themes]), strict=True))
    }
    # The ring leaves room on either side for a label of up to 140 px.
    nb_pos = {m: _ellipse(cx, cy, 300, 225, a) for m, a in angle.items()}

    # Edges first, nodes on top.
    centre_themes = data.challenges.get(centre["code"], {})
    for theme in themes:
        x, y = theme_pos[theme]
        # The centre has the theme itself or a narrower one.
        direct = any(t in narrower_or_self(data, theme) for t in centre_themes)
        if direct:
            svg.add(
                f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" '
                f'stroke="{MUNI}" stroke-opacity="0.55" stroke-width="2"/>'
            )
    top = max((c for _, _, c in links), default=1.0) or 1.0
    for m, theme, contribution in links:
        if theme not in kept:
            continue
        (x1, y1), (x2, y2) = nb_pos[m], theme_pos[theme]
        w = 1 + 4 * contribution / top
        svg.add(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{THEME_STROKE}" stroke-opacity="0.45" stroke-width="{_num(w)}"/>'
        )

    best = max((nb["score"] for nb in neighbours), default=1.0) or 1.0
    for nb in neighbours:
        x, y = nb_pos[nb["code"]]
        r = 9 + 12 * nb["score"] / best
        a = angle[nb["code"]]
        cos = math.cos(a)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        dx = (r + 6) * (1 if anchor == "start" else -1 if anchor == "end" else 0)
        dy = 4 if anchor != "middle" else (-(r + 18) if math.sin(a) < 0 else r + 16)
        # Keep the label inside the picture: text_width is an estimate and real fonts run
        # wider, so leave a fifth of slack towards the edge ("lphen aan den Rijn").
        tx = x + dx
        room = {"start": width - tx, "end": tx}.get(anchor, 2 * min(tx, width - tx)) - 10
        label = _truncate(nb["label"], 13, min(140.0, room / 1.2))
        dashes = ' stroke-dasharray="4 3"' if nb.get("thin_evidence") else ""
        inner = (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{MUNI_LIGHT}" '
            f'stroke="{MUNI}" stroke-width="2"{dashes}/>'
            + text_element(
                x + dx, y + dy, label, size=13, anchor=anchor, fill="#111", weight="600", halo=True
            )
            + text_element(
                x + dx,
                y + dy + 14,
                f"#{nb['rank']} · {nb['score']:.2f}",
                size=11,
                anchor=anchor,
                fill=GREY,
                halo=True,
            )
        )
        tip = f"{nb['label']} ({nb['code']}): score {nb['score']:.3f}. "
        tip += nb["explanation"]["summary"]
        svg.add(_link(_href(link_base, nb["uri"]), inner, tip))

    for theme in themes:
        x, y = theme_pos[theme]
        label = _truncate(data.label(theme), 11, 112)
        w = text_width(label, 11) + 16
        inner = (
            f'<rect x="{_num(x - w / 2)}" y="{_num(y - 10)}" width="{_num(w)}" height="20" '
            f'rx="10" fill="{THEME_FILL}" stroke="{THEME_STROKE}" stroke-width="1"/>'
            f'<text x="{_num(x)}" y="{_num(y + 4)}" font-size="11" text-anchor="middle" '
            f'fill="#4a1a00">{_esc(label)}</text>'
        )
        svg.add(_link(_href(link_base, theme), inner, f"thema: {data.label(theme)}"))

    r = 30
    inner = (
        f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{r}" fill="{MUNI}" stroke="{DARK}" '
        f'stroke-width="2"/>'
        f'<text x="{_num(cx)}" y="{_num(cy + 4)}" font-size="11" text-anchor="middle" '
        f'fill="#fff" font-weight="bold">{_esc(centre["code"])}</text>'
    )
    svg.add(_link(_href(link_base, centre["uri"]), inner, centre["label"]))
    svg.text(cx, cy + r + 17, centre["label"], size=14, anchor="middle", weight="bold", halo=True)

    if not neighbours:
        message = (
            "Geen uitdagingen van deze gemeente gevonden in de rapporten"
            if conf["level"] == "none"
            else "Te weinig bewijs om vergelijkbare gemeenten te noemen"
        )
        svg.text(cx, height - 60, message, size=14, anchor="middle", fill=THEME_STROKE)
    _neighbourhood_legend(svg, height)
    return svg.render()


def _neighbourhood_desc(centre: dict[str, Any], neighbours: list[dict[str, Any]]) -> str:
    if not neighbours:
        return f"{centre['label']}: geen vergelijkbare gemeenten gevonden."
    names = ", ".join(f"{n['label']} ({n['score']:.2f})" for n in neighbours)
    return f"Gemeenten die het meest lijken op {centre['label']}: {names}."


def _neighbourhood_legend(svg: Svg, height: float) -> None:
    y = height - 28
    svg.add(
        f'<circle cx="28" cy="{_num(y)}" r="7" fill="{MUNI_LIGHT}" stroke="{MUNI}" '
        'stroke-width="2"/>'
    )
    svg.text(40, y + 4, "gemeente (grootte = score)", size=11, fill=GREY)
    svg.add(
        f'<rect x="212" y="{_num(y - 8)}" width="26" height="16" rx="8" fill="{THEME_FILL}" '
        f'stroke="{THEME_STROKE}"/>'
    )
    svg.text(244, y + 4, "gedeeld thema", size=11, fill=GREY)
    svg.add(
        f'<line x1="350" y1="{_num(y)}" x2="380" y2="{_num(y)}" stroke="{THEME_STROKE}" '
        'stroke-opacity="0.5" stroke-width="3"/>'
    )
    svg.text(386, y + 4, "bijdrage aan de gelijkenis", size=11, fill=GREY)
    svg.add(
        f'<circle cx="562" cy="{_num(y)}" r="7" fill="{MUNI_LIGHT}" stroke="{MUNI}" '
        'stroke-width="2" stroke-dasharray="4 3"/>'
    )
    svg.text(574, y + 4, "weinig bewijs", size=11, fill=GREY)


# ---------------------------------------------------------------------------
# Heatmap
# ---------------------------------------------------------------------------


def heatmap_svg(
    source: GraphStore | AnalysisData,
    codes: Iterable[str] | None = None,
    themes: Iterable[str] | None = None,
    network: str | None = None,
    theme: str | None = None,
    link_base: str | None = "/id/",
    max_rows: int = 60,
    max_cols: int = 30,
) -> str:
    """Municipalities × themes, shaded by evidence weight, numbers = passages.

    Rows: the given codes and/or network members (default: every municipality with
    evidence); with `theme`, the municipalities that have it or a narrower theme.
    Columns: the given themes (slugs, labels or URIs) or the themes of those rows,
    most widespread first; with `theme`, that theme and the ones it co-occurs with.
    """
    data = as_data(source)
    focus = data.resolve_theme(theme) if theme else None
    rows = resolve_codes(data, codes or (), network) if codes or network else data.evidenced()
    if focus:
        scope = narrower_or_self(data, focus)
        rows = [c for c in rows if scope & set(data.challenges.get(c, {}))]
    rows = [c for c in rows if data.challenges.get(c) or data.negated.get(c)]
    hidden_rows = 0
    if len(rows) > max_rows:
        rows.sort(key=lambda c: (-len(data.evidence_units(c)), c))
        hidden_rows = len(rows) - max_rows
        rows = rows[:max_rows]
    rows.sort(key=lambda c: (data.label(municipality_uri(c)).lower(), c))

    if themes:
        cols = [data.resolve_theme(t) for t in themes]
    else:
        counts: dict[str, int] = {}
        for c in rows:
            for t in data.challenges.get(c, {}):
                counts[t] = counts.get(t, 0) + 1
        cols = sorted(counts, key=lambda t: (-counts[t], data.label(t).lower()))
        if focus:
            first = sorted(narrower_or_self(data, focus) & set(counts), key=data.label)
            cols = first + [t for t in cols if t not in first]
    hidden_cols = max(0, len(cols) - max_cols)
    cols = cols[:max_cols]

    title = "Gemeenten × thema's"
    if network:
        title += f" ({data.network_name(data.resolve_network(network))})"
    if focus:
        title += f" rond {data.label(focus)}"
    return render_heatmap(data, rows, cols, title, link_base, hidden_rows, hidden_cols)


def render_heatmap(
    data: AnalysisData,
    rows: Sequence[str],
    cols: Sequence[str],
    title: str,
    link_base: str | None = "/id/",
    hidden_rows: int = 0,
    hidden_cols: int = 0,
) -> str:
    cell_w, cell_h = 28.0, 22.0
    row_labels = [_truncate(data.label(municipality_uri(c)), 12, 170) for c in rows]
    col_labels = [_truncate(data.label(t), 11, 150) for t in cols]
    left = max([text_width(s, 12) for s in row_labels] + [60]) + 24
    top = max([text_width(s, 11) for s in col_labels] + [40]) * 0.72 + 70
    # Rotated column labels reach up and to the right of their column.
    reach = max([text_width(s, 11) for s in col_labels] + [0]) * 0.72
    width = max(left + cell_w * len(cols) + reach + 16, 420)
    height = top + cell_h * max(len(rows), 1) + 80
    desc = f"{len(rows)} gemeenten en {len(cols)} thema's; getal = aantal passages als bewijs."
    svg = Svg(width, height, title, desc)
    svg.text(16, 26, title, size=16, weight="bold")
    svg.text(
        16, 44, "kleur = onafhankelijk bewijs, getal = passages, × = ontkend", size=11, fill=GREY
    )
    if not rows or not cols:
        svg.text(16, top, "Geen bewijs over uitdagingen voor deze selectie.", size=13, fill=GREY)
        return svg.render()

    top_weight = max((data.edge_weight(c, t) for c in rows for t in cols), default=1.0) or 1.0
    for j, (theme, label) in enumerate(zip(cols, col_labels, strict=True)):
        x = left + cell_w * j + cell_w / 2
        y = top - 8
        inner = (
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="11" fill="#333" '
            f'transform="rotate(-45 {_num(x)} {_num(y)})">{_esc(label)}</text>'
        )
        svg.add(_link(_href(link_base, theme), inner, data.label(theme)))
    for i, (code, label) in enumerate(zip(rows, row_labels, strict=True)):
        y = top + cell_h * i
        uri = municipality_uri(code)
        inner = (
            f'<text x="{_num(left - 8)}" y="{_num(y + cell_h / 2 + 4)}" font-size="12" '
            f'text-anchor="end" fill="#222">{_esc(label)}</text>'
        )
        svg.add(_link(_href(link_base, uri), inner, f"{data.label(uri)} ({code})"))
        for j, theme in enumerate(cols):
            x = left + cell_w * j
            evs = data.challenges.get(code, {}).get(theme)
            negated = theme in data.negated.get(code, {})
            if evs:
                weight = data.edge_weight(code, theme)
                shade = 0.15 + 0.85 * weight / top_weight
                fill = _blues(shade)
                n = len({e.unit for e in evs})
                ink = "#fff" if shade > 0.55 else "#08306b"
                tip = f"{data.label(uri)} · {data.label(theme)}: {n} passage(s)"
                if evs[0].quote:
                    tip += f" — “{' '.join(evs[0].quote.split())[:160]}”"
                mark = (
                    f'<text x="{_num(x + cell_w / 2)}" y="{_num(y + cell_h / 2 + 4)}" '
                    f'font-size="10" text-anchor="middle" fill="{ink}">{n}</text>'
                )
            elif negated:
                fill = "#f0f0f0"
                tip = f"{data.label(uri)} · {data.label(theme)}: ontkend"
                mark = (
                    f'<text x="{_num(x + cell_w / 2)}" y="{_num(y + cell_h / 2 + 4)}" '
                    f'font-size="11" text-anchor="middle" fill="#b2182b">×</text>'
                )
            else:
                fill, tip, mark = "#ffffff", "", ""
            rect = (
                f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(cell_w)}" '
                f'height="{_num(cell_h)}" fill="{fill}" stroke="#e3e3e3"/>'
            )
            svg.add(f"<g><title>{_esc(tip)}</title>{rect}{mark}</g>" if tip else rect)

    y = top + cell_h * len(rows) + 24
    for s in range(6):
        svg.add(
            f'<rect x="{_num(left + 22 * s)}" y="{_num(y)}" width="22" height="12" '
            f'fill="{_blues(0.15 + 0.85 * s / 5)}" stroke="#e3e3e3"/>'
        )
    svg.text(left - 8, y + 10, "minder", size=10, anchor="end", fill=GREY)
    svg.text(left + 22 * 6 + 6, y + 10, "meer bewijs", size=10, fill=GREY)
    notes = []
    if hidden_rows:
        notes.append(f"{hidden_rows} gemeenten met het minste bewijs niet getoond")
    if hidden_cols:
        notes.append(f"{hidden_cols} minder voorkomende thema's niet getoond")
    if notes:
        svg.text(16, y + 34, "; ".join(notes), size=10, fill=GREY)
    return svg.render()


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------


def timeline_svg(
    source: GraphStore | AnalysisData,
    theme: str | None = None,
    network: str | None = None,
    metric: str = "share",
    top: int = 8,
) -> str:
    """Attention over the report years.

    With `theme`: one line overall and one per network, for that theme (and its
    narrower themes). Without: the `top` themes with most evidence (overall, or
    within `network`). `metric`: "share" (percent of themed passages that year)
    or "count" (passages).
    """
    if metric not in ("share", "count"):
        raise AnalysisError("metric must be 'share' or 'count'")
    data = as_data(source)
    timeline = theme_timeline(data, network=network, theme=theme, rollup=theme is not None)
    # Each series: name, the timeline row and the totals it is a share of.
    rows: list[tuple[str, dict[str, Any], list[int]]] = []
    if theme:
        label = data.label(data.resolve_theme(theme))
        title = f"Aandacht voor {label} per rapportjaar"
        overall = timeline.get("overall")
        if overall and overall["themes"]:
            rows.append(("alle rapporten", overall["themes"][0], overall["totals"]))
        for name, block in timeline["networks"].items():
            if block["themes"] and any(block["themes"][0]["counts"]):
                rows.append((name, block["themes"][0], block["totals"]))
    else:
        block = next(iter(timeline["networks"].values())) if network else timeline["overall"]
        title = "Thema's per rapportjaar"
        if network:
            title += f" ({data.network_name(data.resolve_network(network))})"
        rows = [(row["label"], row, block["totals"]) for row in block["themes"][:top]]
    series = [
        (name, [100 * v for v in row["shares"]] if metric == "share" else row["counts"])
        for name, row, _ in rows
    ]
    # Tooltips give the counts behind a share: a small report year can make a big share.
    tips = [
        [
            f"{name} {y}: {c} van {t} passages"
            for y, c, t in zip(timeline["years"], row["counts"], totals, strict=True)
        ]
        for name, row, totals in rows
    ]
    unit = "% van de thematische passages" if metric == "share" else "passages"
    return render_lines(timeline["years"], series, title, unit, tips)


def render_lines(
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[float]]],
    title: str,
    unit: str,
    tips: Sequence[Sequence[str]] | None = None,
) -> str:
    width, height = 760.0, 380.0
    left, right, top, bottom = 58.0, 190.0, 62.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    desc = f"{title}; " + "; ".join(
        f"{name}: " + ", ".join(f"{y} {v:.0f}" for y, v in zip(years, vals, strict=True))
        for name, vals in series
    )
    svg = Svg(width, height, title, desc)
    svg.text(16, 26, title, size=16, weight="bold")
    svg.text(16, 44, unit, size=11, fill=GREY)
    if not years or not series:
        svg.text(left, top + 40, "Nog geen bewijs per rapportjaar.", size=13, fill=GREY)
        return svg.render()

    peak = max((v for _, vals in series for v in vals), default=0.0)
    step = _nice_step(peak)
    y_max = max(step, math.ceil(peak / step) * step)
    lo, hi = min(years), max(years)

    def px(year: int) -> float:
        return left + (plot_w / 2 if hi == lo else plot_w * (year - lo) / (hi - lo))

    def py(value: float) -> float:
        return top + plot_h * (1 - value / y_max)

    tick = 0.0
    while tick <= y_max + 1e-9:
        y = py(tick)
        svg.add(
            f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w)}" '
            f'y2="{_num(y)}" stroke="#e6e6e6"/>'
        )
        svg.text(left - 8, y + 4, f"{tick:g}", size=10, anchor="end", fill=GREY)
        tick += step
    for year in years:
        svg.text(px(year), top + plot_h + 18, str(year), size=11, anchor="middle", fill="#333")
    svg.add(
        f'<line x1="{_num(left)}" y1="{_num(top + plot_h)}" x2="{_num(left + plot_w)}" '
        f'y2="{_num(top + plot_h)}" stroke="#999"/>'
    )

    for i, (name, values) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        points = " ".join(
            f"{_num(px(y))},{_num(py(v))}" for y, v in zip(years, values, strict=True)
        )
        dash = ' stroke-dasharray="6 4"' if i >= len(PALETTE) else ""
        svg.add(
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2.5"{dash}/>'
        )
        for j, (year, value) in enumerate(zip(years, values, strict=True)):
            tip = f"{name} {year}: {value:.1f}" + (f" ({tips[i][j]})" if tips else "")
            svg.add(
                f'<circle cx="{_num(px(year))}" cy="{_num(py(value))}" r="3.5" fill="{color}">'
                f"<title>{_esc(tip)}</title></circle>"
            )
        ly = top + 6 + 20 * i
        lx = left + plot_w + 18
        svg.add(
            f'<line x1="{_num(lx)}" y1="{_num(ly)}" x2="{_num(lx + 18)}" y2="{_num(ly)}" '
            f'stroke="{color}" stroke-width="3"{dash}/>'
        )
        svg.text(lx + 24, ly + 4, _truncate(name, 11.5, right - 50), size=11.5, fill="#222")
    return svg.render()


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


def write_plot(svg: str, path: Path) -> None:
    """Write an SVG to `path`; a .png path converts it (needs the cairosvg package)."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(svg, encoding="utf-8")
        return
    if suffix != ".png":
        raise AnalysisError(f"--plot writes .svg or .png files, not {path.name!r}")
    try:
        import cairosvg  # type: ignore[import-not-found]
    except ImportError:
        raise AnalysisError(
            "PNG output needs the cairosvg package (pip install 'cairosvg>=2.7'); "
            "or write an .svg file"
        ) from None
    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(path))
