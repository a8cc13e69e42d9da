"""Generated input over every endpoint: whatever a user types or sends, the answer is never
a 500, the API answers JSON, and no markup sent in comes back unescaped in a page. Bodies hold
lone surrogates and deep nesting too, and an index of articles whose urls are attacks never
gives a page a link that is not http(s)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from web import create_app

GET_PAGES = ["/", "/export.csv", "/export.json", "/speakers", "/about", "/analyse"]
GET_API = ["/api/search", "/api/speakers"]
PARAMS = ["q", "speaker", "who", "since", "until", "kind", "sort", "page", "per_page", "name"]
# A marker no page writes itself: if it comes back raw, input was echoed unescaped.
INJECTED = "<x-inj onload='1'>"

# Text a browser can send: any character but lone surrogates, which cannot be encoded.
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
values = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(str),
    st.sampled_from(["direct", "partial", "indirect", "date", "score", "", "0", "-1"]),
    st.sampled_from(['"', "AND", "OR NOT", "*", "(", "title:", "[a TO", "~2", "^3"]),
    texts.map(lambda t: t + INJECTED),
)
queries = st.dictionaries(st.one_of(st.sampled_from(PARAMS), texts), values, max_size=5)
ids = st.one_of(texts, st.sampled_from(["retraites-1:141", "claire-vasseur", "..", "%00"]))

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzz_client(web_index: Path):
    return create_app({"INDEX_DIR": str(web_index)}).test_client()


def check(response, *, api: bool) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    body = response.get_data(as_text=True)
    if api:
        json.loads(body)
    if response.mimetype == "text/html":
        assert INJECTED not in body


@FUZZ
@given(path=st.sampled_from(GET_PAGES + GET_API), query=queries)
def test_get_endpoints_with_any_query(fuzz_client, path: str, query: dict) -> None:
    check(fuzz_client.get(path, query_string=query), api=path.startswith("/api/"))


@FUZZ
@given(
    prefix=st.sampled_from(["/speakers/", "/quotes/", "/api/speakers/", "/api/quotes/"]),
    item=ids,
    query=queries,
)
@example(prefix="/api/speakers/", item="/0", query={})
@example(prefix="/speakers/", item="/0", query={})
def test_item_endpoints_with_any_id(fuzz_client, prefix: str, item: str, query: dict) -> None:
    response = fuzz_client.get(prefix + quote(item, safe=""), query_string=query)
    check(response, api=prefix.startswith("/api/"))


# Any character at all, lone surrogates included: JSON can carry them ("\ud800").
any_texts = st.text(max_size=40)
deep = st.integers(min_value=1, max_value=100_000).flatmap(
    lambda n: st.sampled_from(["[" * n + "]" * n, '{"a":' * n + "1" + "}" * n, "[" * n])
)
post_bodies = st.one_of(
    st.fixed_dictionaries(
        {
            "json": st.one_of(
                st.dictionaries(texts, st.one_of(texts, st.integers(), st.none())),
                st.dictionaries(st.sampled_from(["text", "title", "add"]), any_texts),
                st.lists(texts, max_size=3),
                texts,
                st.integers(),
            )
        }
    ),
    st.fixed_dictionaries(
        {"data": deep, "content_type": st.just("application/json")},
    ),
    st.fixed_dictionaries(
        {"data": st.dictionaries(st.sampled_from(["text", "title", "add"]), texts)}
    ),
    st.fixed_dictionaries(
        {
            "data": st.binary(max_size=300),
            "content_type": st.sampled_from(
                [
                    "application/json",
                    "text/plain",
                    "application/octet-stream",
                    "multipart/form-data",
                ]
            ),
        }
    ),
)
uploads = st.tuples(
    st.binary(max_size=400), st.sampled_from(["a.txt", "b.html", "c.htm", "d", "e.pdf"])
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(["/analyse", "/api/analyse"]), body=post_bodies)
@example(path="/api/analyse", body={"json": {"text": "\ud800 Le maire a parlé."}})
@example(path="/api/analyse", body={"data": "[" * 100_000, "content_type": "application/json"})
def test_analyse_with_any_body(fuzz_client, path: str, body: dict) -> None:
    if "json" in body:
        # Escaped as \uXXXX, as any client sends a lone surrogate.
        body = {"data": json.dumps(body["json"]), "content_type": "application/json"}
    check(fuzz_client.post(path, **body), api=path.startswith("/api/"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.dictionaries(st.sampled_from(["text", "title", "add"]), texts, min_size=1))
def test_analyse_form_with_its_token_and_any_fields(fuzz_client, form_token, fields) -> None:
    response = fuzz_client.post("/analyse", data={**fields, "csrf_token": form_token})
    check(response, api=False)


@pytest.fixture(scope="module")
def form_token(fuzz_client) -> str:
    body = fuzz_client.get("/analyse").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


@pytest.fixture(scope="module")
def hostile_client(hostile_index: Path):
    return create_app({"INDEX_DIR": str(hostile_index)}).test_client()


def links_are_safe(body: str) -> None:
    """Every link of a page stays on this site or is an http(s) address with a host."""
    for href in re.findall(r'href="([^"]*)"', body):
        if href.startswith("#") or (href.startswith("/") and not href.startswith("//")):
            continue
        parts = urlsplit(href)
        assert parts.scheme in ("http", "https") and parts.hostname, href


@FUZZ
@given(path=st.sampled_from(["/", "/speakers/louise-perrin", "/api/search"]), query=queries)
def test_articles_with_hostile_urls_never_give_a_page_a_bad_link(
    hostile_client, path: str, query: dict
) -> None:
    response = hostile_client.get(path, query_string=query)
    check(response, api=path.startswith("/api/"))
    if response.mimetype == "text/html":
        links_are_safe(response.get_data(as_text=True))


@FUZZ
@given(item=st.sampled_from([f"piege-{n}" for n in range(1, 10)]), query=queries)
def test_quote_pages_of_hostile_articles_have_no_bad_link(hostile_client, item, query) -> None:
    hits = hostile_client.get("/api/search", query_string={"per_page": 50}).get_json()["hits"]
    [quote_id] = [h["quote_id"] for h in hits if h["doc_id"] == item]
    response = hostile_client.get(f"/quotes/{quote(quote_id)}", query_string=query)
    check(response, api=False)
    links_are_safe(response.get_data(as_text=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(["/analyse", "/api/analyse"]), upload=uploads)
def test_analyse_with_any_upload(fuzz_client, path: str, upload: tuple[bytes, str]) -> None:
    import io

    data, name = upload
    response = fuzz_client.post(
        path, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    check(response, api=path.startswith("/api/"))
