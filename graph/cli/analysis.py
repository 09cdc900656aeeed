"""CLI subcommands for the analyses: shared, similar, communities, themes, timeline, heatmap.

`add_commands(subparsers, store_arg=None)` registers them on the main parser's
subparsers. `store_arg(parser)`, when given, adds the common --store option;
without it each command gets its own --store. Every command opens the store
read-only, prints text (or JSON with --json), writes a picture with
--plot FILE.svg|FILE.png where it has one, and returns an exit code. An error a
user can cause is raised as a gemeentegraaf.common.errors.UserError (AnalysisError, StoreError),
which gemeentegraaf.cli.main prints as one line, exit status 1, as for every other command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gemeentegraaf.analysis.communities import communities, theme_centrality
from gemeentegraaf.analysis.graphs import AnalysisData, analysis_data
from gemeentegraaf.analysis.plots import heatmap_svg, render_neighbourhood, timeline_svg, write_plot
from gemeentegraaf.analysis.shared_challenges import shared_challenges
from gemeentegraaf.analysis.similarity import DEFAULT_METHOD, METHODS, SimilarityConfig, similar
from gemeentegraaf.analysis.timeline import theme_timeline
from gemeentegraaf.cli.store_args import open_args_store
from gemeentegraaf.common.wording import counted


def _data(args: argparse.Namespace) -> AnalysisData:
    store = open_args_store(args)
    try:
        return analysis_data(store)
    finally:
        store.close()


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _plot(svg: str, path: Path | None) -> None:
    if path is None:
        return

    write_plot(svg, path)
    print(f"wrote {path}", file=sys.stderr)


# ------------------------------------------------------------------ similar


def cmd_similar(args: argparse.Namespace) -> int:

    data = _data(args)
    config = SimilarityConfig.parse(args.weights, SimilarityConfig.from_env())
    answer = similar(data, args.code, k=args.k, method=args.method, config=config)
    if args.plot:
        _plot(render_neighbourhood(data, answer), args.plot)
    if args.json:
        _print_json(answer)
        return 0
    m, conf = answer["municipality"], answer["confidence"]
    print(f"{m['label']} ({m['code']}) — method {answer['method']}, confidence {conf['level']}")
    print(f"  {conf['note']}")
    if not answer["neighbours"]:
        print("  no similar municipalities")
    for n in answer["neighbours"]:
        flag = "  (thin evidence)" if n["thin_evidence"] else ""
        print(f"{n['rank']:>3}  {n['label']} ({n['code']})  {n['score']:.3f}{flag}")
        print(f"       {n['explanation']['summary_en']}")
    return 0


# ------------------------------------------------------------------- shared


def cmd_shared(args: argparse.Namespace) -> int:

    data = _data(args)
    answer = shared_challenges(
        data,
        args.codes,
        network=args.network,
        min_share=1.0 if args.all else args.min_share,
        max_quotes=args.quotes,
        include_broader=args.broader,
    )
    if args.plot:
        themes = [t["theme"] for t in answer["themes"]] or None
        codes = [m["code"] for m in answer["municipalities"]]
        _plot(heatmap_svg(data, codes=codes, themes=themes), args.plot)
    if args.json:
        _print_json(answer)
        return 0
    names = ", ".join(f"{m['label']} ({m['code']})" for m in answer["municipalities"])
    print(f"{counted(len(answer['municipalities']), 'municipality', 'municipalities')}: {names}")
    print(f"themes shared by at least {answer['min_count']}:")
    if not answer["themes"]:
        print("  none")
    for t in answer["themes"]:
        print(f"- {t['label']}  ({t['count']} of {len(answer['municipalities'])})")
        for ev in t["municipalities"].values():
            quote = ev["quotes"][0] if ev["quotes"] else None
            where = f"{quote['document_key']}" if quote else ""
            # oa:exact keeps the report's line breaks; one line reads better here.
            text = f" “{' '.join(quote['quote'].split())}”" if quote and quote["quote"] else ""
            print(f"    {ev['label']}: {ev['passages']} passage(s) {where}{text}")
        for code in t["negated"]:
            print(f"    {code}: the text says it does NOT address this theme")
    return 0


# -------------------------------------------------------------- communities


def cmd_communities(args: argparse.Namespace) -> int:

    answer = communities(_data(args), seed=args.seed, resolution=args.resolution)
    if args.json:
        _print_json(answer)
        return 0
    print(f"Louvain, seed {answer['seed']}, modularity {answer['modularity']}")
    for c in answer["communities"]:
        themes = ", ".join(f"{t['label']} ({t['members']})" for t in c["themes"])
        members = ", ".join(m["label"] for m in c["members"])
        size = counted(c["size"], "municipality", "municipalities")
        print(f"{c['id']:>3}. {size} — {themes}")
        print(f"     {members}")
    if answer["isolated"]:
        print(f"not connected: {', '.join(m['label'] for m in answer['isolated'])}")
    return 0


# ------------------------------------------------------------------- themes


def cmd_themes(args: argparse.Namespace) -> int:

    answer = theme_centrality(_data(args))
    if args.json:
        _print_json(answer)
        return 0
    print(f"{'theme':<32} {'munic.':>6} {'pairs':>6} {'pass.':>6} {'docs':>5} {'betw.':>7}")
    for row in answer["themes"][: args.limit]:
        print(
            f"{row['label'][:32]:<32} {row['municipalities']:>6} {row['pairs']:>6} "
            f"{row['passages']:>6} {row['documents']:>5} {row['betweenness']:>7.3f}"
        )
    return 0


# ----------------------------------------------------------------- timeline


def cmd_timeline(args: argparse.Namespace) -> int:

    data = _data(args)
    answer = theme_timeline(data, network=args.network, theme=args.theme, rollup=args.rollup)
    if args.plot:
        svg = timeline_svg(data, theme=args.theme, network=args.network, metric=args.metric)
        _plot(svg, args.plot)
    if args.json:
        _print_json(answer)
        return 0
    years = answer["years"]
    blocks = [("all reports", answer["overall"])] if "overall" in answer else []
    blocks += list(answer["networks"].items())
    for name, block in blocks:
        print(f"{name}: passages per report year (share of themed passages)")
        print(f"  {'theme':<30}" + "".join(f"{y:>12}" for y in years))
        for row in block["themes"][: args.limit]:
            cells = "".join(
                f"{c:>5} ({s * 100:>3.0f}%)"
                for c, s in zip(row["counts"], row["shares"], strict=True)
            )
            print(f"  {row['label'][:30]:<30}{cells}")
    return 0


# ------------------------------------------------------------------ heatmap


def cmd_heatmap(args: argparse.Namespace) -> int:

    svg = heatmap_svg(_data(args), codes=args.codes, network=args.network, theme=args.theme)
    _plot(svg, args.plot)
    return 0


# ------------------------------------------------------------ registration


def add_commands(
    subparsers: argparse._SubParsersAction,
    store_arg: Callable[[argparse.ArgumentParser], None] | None = None,
) -> None:
    """Register the analyses subcommands; each sets `func` to a function(args) -> exit code."""

    def parser(name: str, help_text: str) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        if store_arg is not None:
            store_arg(p)
        else:
            p.add_argument("--store", type=Path, default=None, help="store directory")
        return p

    def output(p: argparse.ArgumentParser, plot: bool = True) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        if plot:
            p.add_argument(
                "--plot", type=Path, metavar="FILE", help="also write a picture (.svg/.png)"
            )

    p = parser("similar", "municipalities most like one municipality, with the reasons")
    p.add_argument("code", help="CBS code, e.g. GM0363")
    p.add_argument("--k", type=int, default=10, help="how many (default 10)")
    p.add_argument("--method", choices=sorted(METHODS), default=DEFAULT_METHOD)
    p.add_argument(
        "--weights",
        metavar="SETTINGS",
        help="e.g. themes=0.6,networks=0.2,programmes=0.2 (see graph/similarity.py)",
    )
    output(p)
    p.set_defaults(func=cmd_similar)

    p = parser("shared", "challenges that municipalities share, with the evidence")
    p.add_argument("codes", nargs="*", help="CBS codes, e.g. GM0363 GM0599")
    p.add_argument("--network", help="add the members of a network, e.g. G40")
    p.add_argument(
        "--min-share", type=float, default=0.5, help="share of them that must have a theme"
    )
    p.add_argument("--all", action="store_true", help="only themes all of them share")
    p.add_argument("--quotes", type=int, default=3, help="quotes per municipality (default 3)")
    p.add_argument("--broader", action="store_true", help="count narrower themes as the broader")
    output(p)
    p.set_defaults(func=cmd_shared)

    p = parser("communities", "communities of municipalities by shared challenges (Louvain)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--resolution", type=float, default=1.0)
    output(p, plot=False)
    p.set_defaults(func=cmd_communities)

    p = parser("themes", "themes that connect the most municipalities")
    p.add_argument("--limit", type=int, default=30)
    output(p, plot=False)
    p.set_defaults(func=cmd_themes)

    p = parser("timeline", "evidence per theme per report year, overall and per network")
    p.add_argument("--network", help="only this network, e.g. G40")
    p.add_argument("--theme", help="only this theme (slug or label), with its narrower themes")
    p.add_argument("--rollup", action="store_true", help="count narrower themes in broader ones")
    p.add_argument("--metric", choices=["share", "count"], default="share", help="for --plot")
    p.add_argument("--limit", type=int, default=15)
    output(p)
    p.set_defaults(func=cmd_timeline)

    p = parser("heatmap", "picture: municipalities × themes, shaded by evidence")
    p.add_argument("codes", nargs="*", help="CBS codes (default: all with evidence)")
    p.add_argument("--network", help="the members of a network, e.g. G40")
    p.add_argument("--theme", help="municipalities with this theme")
    p.add_argument("--plot", type=Path, metavar="FILE", required=True, help=".svg or .png file")
    p.set_defaults(func=cmd_heatmap)
