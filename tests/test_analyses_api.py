"""The analyses over HTTP and from the command line, on a hand-made graph."""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from gemeentegraaf.analysis.graphs import AnalysisError
from gemeentegraaf.analysis.plots import write_plot
from gemeentegraaf.cli.analysis import add_commands
from gemeentegraaf.service.api import analyses as analyses_api
from gemeentegraaf.service.dependencies import get_store
from gemeentegraaf.service.web import analysis_sections
from gemeentegraaf.store.oxigraph import OxigraphStore

try:
    from tests.analysis_fixture import standard_world
except ImportError:  # tests/ itself on sys.path
    from analysis_fixture import standard_world

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store():
    return standard_world().store()


@pytest.fixture(scope="module")
def client(store):
    app = FastAPI()
    app.include_router(analyses_api.router)
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


def svg_text(svg: str) -> str:
    root = ET.fromstring(svg)  # well-formed, or this raises
    assert root.tag == f"{SVG_NS}svg"
    return " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


def test_similar_answers_with_explanations(client):
    r = client.get("/api/municipalities/GM0001/similar", params={"k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["method"] == "profile"
    assert body["neighbours"][0]["code"] == "GM0002"
    for n in body["neighbours"]:
        assert n["explanation"]["themes"]
        assert n["explanation"]["summary"]
    ppr = client.get("/api/municipalities/gm0001/similar", params={"method": "ppr"}).json()
    assert ppr["method"] == "ppr"


def test_similar_weights_can_be_set_per_request(client):
    r = client.get("/api/municipalities/GM0001/similar", params={"weights": "networks=0"})
    assert r.json()["weights"]["networks"] == 0
    bad = client.get("/api/municipalities/GM0001/similar", params={"weights": "networks=-1"})
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/municipalities/GM9999/similar", {}, 404),
        ("/api/municipalities/Amsterdam/similar", {}, 422),  # malformed code, as in /api
        ("/api/municipalities/GM0001/similar", {"method": "astrology"}, 422),  # not in the enum
        ("/api/municipalities/GM0001/similar", {"k": 0}, 422),
        ("/api/shared-challenges", {}, 400),
        ("/api/shared-challenges", {"codes": "GM0001"}, 400),
        ("/api/shared-challenges", {"codes": "GM0001,GM9999"}, 404),
        ("/api/shared-challenges", {"network": "G99"}, 404),
        ("/api/analyses/timeline", {"theme": "astrologie"}, 404),
        ("/api/analyses/plots/neighbourhood/GM9999.svg", {}, 404),
        ("/api/shared-challenges", {"codes": "GM0001,Atlantis"}, 422),
    ],
)
def test_user_mistakes_get_a_clear_4xx(client, path, params, status):
    r = client.get(path, params=params)
    assert r.status_code == status
    assert r.json()["detail"]


def test_shared_challenges_over_http(client):
    r = client.get("/api/shared-challenges", params={"codes": "GM0001,GM0002,GM0008"})
    assert r.status_code == 200
    themes = {t["label"]: t for t in r.json()["themes"]}
    assert themes["Krimp"]["negated"]["GM0008"]["quotes"][0]["quote"]
    assert themes["Krimp"]["municipalities"]["GM0002"]["quotes"][0]["quote"]
    repeated = client.get(
        "/api/shared-challenges", params=[("codes", "GM0001"), ("codes", "GM0002"), ("all", "1")]
    )
    assert {t["label"] for t in repeated.json()["themes"]} == {"Krimp", "Vergrijzing", "Wonen"}
    network = client.get("/api/shared-challenges", params={"network": "M50"}).json()
    assert network["pairwise"]["codes"] == ["GM0002", "GM0005", "GM0006", "GM0007"]


def test_communities_themes_and_timeline(client):
    communities = client.get("/api/analyses/communities").json()
    assert communities["seed"] == 42 and communities["communities"]
    themes = client.get("/api/analyses/themes").json()
    assert themes["themes"][0]["label"] == "Wonen"
    timeline = client.get("/api/analyses/timeline", params={"network": "G40"}).json()
    assert list(timeline["networks"]) == ["G40"]
    assert "overall" not in timeline
    assert timeline["years"] == [2013, 2018, 2021]


def test_pictures_over_http(client):
    r = client.get("/api/analyses/plots/neighbourhood/GM0001.svg")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert "Grijsdorp" in svg_text(r.text)
    heat = client.get("/api/analyses/plots/heatmap.svg", params={"network": "G40"})
    assert "Krimpstad" in svg_text(heat.text)
    line = client.get("/api/analyses/plots/timeline.svg", params={"theme": "krimp"})
    assert "2021" in svg_text(line.text)


# ---------------------------------------------------------------------------
# Pictures for the pages
# ---------------------------------------------------------------------------


def test_neighbourhood_picture_shows_the_neighbours_and_shared_themes(store):
    text = svg_text(analyses_api.neighbourhood_svg(store, "GM0001"))
    assert "Krimpstad" in text and "Grijsdorp" in text
    assert "Krimp" in text and "Vergrijzing" in text


def test_neighbourhood_picture_says_when_evidence_is_missing(store):
    text = svg_text(analyses_api.neighbourhood_svg(store, "GM0009"))
    assert "Geen uitdagingen" in text
    assert "Krimpstad" not in text


def test_heatmap_marks_negated_facts(store):
    svg = analyses_api.heatmap_svg(store, codes=["GM0001", "GM0008"], themes=["krimp", "wonen"])
    text = svg_text(svg)
    assert "×" in text  # GM0008's negated krimp
    assert "Ontkenburg" in text and "Krimp" in text


def test_similar_section_for_the_municipality_page(store):
    html = analysis_sections.similar_section(store, "GM0001")
    assert "<svg" in html and "Grijsdorp" in html and "Krimp" in html
    nothing = analysis_sections.similar_section(store, "GM0009")
    assert "<svg" not in nothing and "Geen uitdagingen" in nothing


def test_plot_files(store, tmp_path):
    svg = analyses_api.timeline_svg(store)
    write_plot(svg, tmp_path / "t.svg")
    assert (tmp_path / "t.svg").read_text(encoding="utf-8") == svg
    with pytest.raises(AnalysisError, match="svg or .png"):
        write_plot(svg, tmp_path / "t.gif")
    # cairosvg is a dependency: --plot FILE.png works out of the box
    write_plot(svg, tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyses") / "store"
    disk = OxigraphStore(path)
    disk.load(standard_world().trig().encode("utf-8"), "trig")
    disk.close()
    return path


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gemeentegraaf")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_similar_and_shared(store_dir, capsys, tmp_path):
    assert run(["similar", "GM0001", "--k", "3", "--store", str(store_dir)]) == 0
    out = capsys.readouterr().out
    assert "Grijsdorp (GM0002)" in out and "Krimp" in out
    plot = tmp_path / "n.svg"
    code = run(["shared", "GM0001", "GM0002", "--store", str(store_dir), "--plot", str(plot)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Krimp" in out and "Grijsdorp krimpt ook" in out
    assert "Krimpstad" in svg_text(plot.read_text(encoding="utf-8"))


def test_cli_errors_are_one_line_with_the_exit_status_of_every_command(store_dir, capsys, tmp_path):
    from gemeentegraaf.cli.main import main

    assert main(["similar", "GM9999", "--store", str(store_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Onbekende gemeente GM9999 (unknown municipality)")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["themes", "--store", str(tmp_path / "nowhere")]) == 1
    assert "no store" in capsys.readouterr().err
    assert main(["heatmap", "--store", str(store_dir), "--plot", str(tmp_path / "x.gif")]) == 1
    assert "writes .svg or .png" in capsys.readouterr().err


def test_cli_with_the_leads_store_option(store_dir, capsys):
    def store_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--store", type=Path, default=None)

    parser = argparse.ArgumentParser(prog="gemeentegraaf")
    add_commands(parser.add_subparsers(dest="command", required=True), store_arg)
    args = parser.parse_args(["communities", "--json", "--store", str(store_dir)])
    assert args.func(args) == 0
    assert '"method": "louvain"' in capsys.readouterr().out


# ---------------------------------------------------------------------------
# Pictures on the pages of the full app
# ---------------------------------------------------------------------------


def test_pages_show_the_analyses_pictures(store_dir):
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.settings import Settings

    with TestClient(create_app(Settings(store_path=store_dir))) as client:
        html = {"accept": "text/html"}
        page = client.get("/id/gemeente/gm0001", headers=html)
        assert page.status_code == 200
        assert "Vergelijkbare gemeenten" in page.text and "<svg" in page.text
        assert "Grijsdorp" in page.text
        network = client.get("/id/netwerk/g40", headers=html)
        assert network.status_code == 200 and "Gemeenten × thema" in network.text
        theme = client.get("/id/thema/krimp", headers=html)
        assert theme.status_code == 200 and "Aandacht voor Krimp" in theme.text
        api = client.get("/api/municipalities/GM0001/similar")
        assert api.status_code == 200 and api.json()["neighbours"][0]["code"] == "GM0002"
