"""The JSON API over a real index: search, speakers, quotes and analyse, and its errors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from web import create_app

DELORME = "Cette réforme est une provocation pour tous ceux qui travaillent dur."
GIRARD = (
    "Le maire de Lyon, Paul Girard, a inauguré le nouveau pont samedi. "
    "« Ce pont relie enfin les deux rives de notre ville », a déclaré Paul Girard."
)


def test_search_returns_hits_facets_and_pages(client) -> None:
    data = client.get("/api/search?q=réforme&per_page=1").get_json()
    assert data["query"] == {"q": "réforme", "per_page": "1"}
    assert data["total"] >= 3
    # One hit per statement: the pages count statements, the total quotes.
    assert data["pages"] == data["statements"] <= data["total"]
    assert len(data["hits"]) == 1
    hit = data["hits"][0]
    for key in ("quote_id", "text", "speaker", "speaker_id", "date", "title", "matches"):
        assert key in hit
    assert [hit["text"][start:end] for start, end in hit["matches"]] == ["réforme"]
    facets = {f["name"]: f["count"] for f in data["facets"]}
    assert facets["Claire Vasseur"] == 2
    assert facets["Marc Delorme"] >= 1


@pytest.mark.parametrize(
    ("query", "speakers"),
    [
        ("q=provocation", {"Marc Delorme"}),
        ("q=récolte", {"Sophie Garnier"}),
        ("q=réforme&who=vasseur", {"Claire Vasseur"}),
        (
            "since=2024-03-05&until=2024-03-31",
            {"Claire Vasseur", "Marc Delorme", "Jean-Paul Arnaud"},
        ),
        ("until=2023-12-31", {"Sophie Garnier", "Thomas Lefèvre"}),
        ("q=visiteurs", {"Pierre Lambert"}),
        ("q=zygomatique", set()),
    ],
)
def test_search_filters(client, query: str, speakers: set[str]) -> None:
    data = client.get(f"/api/search?{query}").get_json()
    assert {hit["speaker"] for hit in data["hits"]} == speakers


def test_search_sorted_by_date_is_newest_first(client) -> None:
    hits = client.get("/api/search?sort=date&per_page=100").get_json()["hits"]
    dates = [hit["date"] for hit in hits if hit["date"]]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2024-03-06"


def test_search_with_an_ambiguous_speaker_box_lists_candidates(client) -> None:
    data = client.get("/api/search?who=zzqx").get_json()
    assert data["notice"].startswith("No speaker matches")
    assert data["total"] >= 10


def test_speakers_lists_everyone_with_counts(client) -> None:
    data = client.get("/api/speakers").get_json()
    names = {s["name"]: s for s in data["speakers"]}
    assert names["Claire Vasseur"]["quotes"] == 2
    assert names["Inès Morel"]["quotes"] == 2
    assert data["total"] == len(data["speakers"])


@pytest.mark.parametrize(
    ("name", "best"),
    [
        ("vasseur", "Claire Vasseur"),
        ("jean paul arnaud", "Jean-Paul Arnaud"),
        ("LEFEVRE", "Thomas Lefèvre"),
    ],
)
def test_speakers_lookup_is_fuzzy(client, name: str, best: str) -> None:
    data = client.get("/api/speakers", query_string={"name": name}).get_json()
    assert data["speakers"][0]["name"] == best
    assert 0 < data["speakers"][0]["score"] <= 100


def test_a_speaker_name_search_lists_only_the_names_that_match(client) -> None:
    data = client.get("/api/speakers?name=vasseur").get_json()
    assert [s["name"] for s in data["speakers"]] == ["Claire Vasseur"]
    assert data["total"] == 1


def test_the_api_root_lists_the_api(client) -> None:
    for address in ("/api/", "/api"):
        answer = client.get(address, follow_redirects=True)
        assert answer.status_code == 200
        data = answer.get_json()
        paths = {e["path"]: e for e in data["endpoints"]}
        assert {"/api/search", "/api/speakers", "/api/analyse"} <= set(paths)
        assert paths["/api/analyse"]["methods"] == ["POST"]
        assert paths["/api/search"]["description"].startswith("A page of results")
        assert data["documentation"] == "docs/api.md"


def test_one_speaker_with_quotes_newest_first(client) -> None:
    sid = client.get("/api/speakers?name=Marc Delorme").get_json()["speakers"][0]["id"]
    data = client.get(f"/api/speakers/{sid}").get_json()
    assert data["speaker"]["name"] == "Marc Delorme"
    assert [q["date"] for q in data["quotes"]] == ["2024-03-06", "2024-03-04"]
    assert data["total"] == 2


def test_one_quote_with_the_same_statement_elsewhere(client) -> None:
    hit = client.get("/api/search?q=salariés modestes").get_json()["hits"][0]
    data = client.get(f"/api/quotes/{hit['quote_id']}").get_json()
    assert data["quote"]["quote_id"] == hit["quote_id"]
    assert data["quote"]["cue"] == "verb-after"
    others = data["same_statement"]
    assert len(others) == 1
    assert others[0]["doc_id"] != hit["doc_id"]
    assert others[0]["speaker"] == "Claire Vasseur"


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "message"),
    [
        ("get", "/api/search?page=x", {}, 400, "parameter page="),
        ("get", "/api/search?since=2024-13-01", {}, 400, "parameter since="),
        ("get", "/api/search?kind=rumeur", {}, 400, "parameter kind="),
        ("get", "/api/search?speaker=inconnu", {}, 400, "parameter speaker="),
        ("get", "/api/speakers/inconnu", {}, 404, "No speaker has the id"),
        ("get", "/api/quotes/inconnu:3", {}, 404, "No quote has the id"),
        ("get", "/api/rien", {}, 404, "nothing at this address"),
        ("post", "/api/search", {}, 405, "does not accept"),
        ("get", "/api/analyse", {}, 405, "does not accept"),
        ("post", "/api/analyse", {"json": {"text": ""}}, 400, "empty"),
        ("post", "/api/analyse", {"json": {"text": 42}}, 400, "'text' must be a string"),
        ("post", "/api/analyse", {"json": ["texte"]}, 400, "not a JSON object"),
        (
            "post",
            "/api/analyse",
            {"data": b"{pas du json", "content_type": "application/json"},
            400,
            "not a JSON object",
        ),
        ("post", "/api/analyse", {"data": {"text": GIRARD, "add": "1"}}, 403, "disabled"),
        (
            "post",
            "/api/analyse",
            {"data": b"x" * (20 * 1024 * 1024 + 1), "content_type": "application/json"},
            413,
            "limited to 20 MB",
        ),
        (
            "post",
            "/api/analyse",
            {"data": {"file": (io.BytesIO(b"\x00\x01\x02\x03"), "a.html")}},
            400,
            "binary",
        ),
    ],
)
def test_errors_are_json_with_a_clear_message(client, method, url, kwargs, status, message):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status
    data = response.get_json()
    assert data["status"] == status
    assert message in data["error"]


def test_missing_index_is_503_json(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503
    assert "quotesearch index" in response.get_json()["error"]


@pytest.mark.parametrize(
    "send",
    [
        {"json": {"text": GIRARD, "title": "Un pont à Lyon"}},
        {"data": {"text": GIRARD, "title": "Un pont à Lyon"}},
        {"data": {"file": (io.BytesIO(GIRARD.encode()), "pont.txt"), "title": "Un pont à Lyon"}},
    ],
)
def test_analyse_returns_the_quotes_and_speakers(client, send: dict) -> None:
    data = client.post("/api/analyse", **send).get_json()
    assert data["article"]["title"] == "Un pont à Lyon"
    quote = data["quotes"][0]
    assert quote["text"] == "Ce pont relie enfin les deux rives de notre ville"
    assert quote["speaker"] == "Paul Girard"
    assert GIRARD[quote["start"] : quote["end"]] == quote["text"]
    assert "Paul Girard" in {e["name"] for e in data["entities"]}
    assert "added" not in data


def test_analyse_adds_when_allowed(web_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(web_index, index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "ALLOW_ADD": True}).test_client()
    data = client.post("/api/analyse", json={"text": GIRARD, "add": True}).get_json()
    assert data["added"] == {"articles": 1, "quotes": 1}
    again = client.post("/api/analyse", json={"text": GIRARD, "add": True}).get_json()
    assert again["added"]["articles"] == 0
    assert client.get("/api/search?q=pont").get_json()["total"] == 1
