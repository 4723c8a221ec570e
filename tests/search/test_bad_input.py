"""Whatever is typed into the search box: an answer, never a server error."""

from __future__ import annotations

import pytest

from tests.helpers import ids


@pytest.mark.parametrize("q", ["", "   ", "x" * 201])
def test_empty_or_over_long_queries_are_refused(client, q):
    resp = client.get("/api/v1/search", query_string={"q": q})
    assert resp.status_code == 422
    assert "q" in resp.get_json()["error"]["fields"]
    page = client.get("/search", query_string={"q": q})
    assert page.status_code == 422
    assert b'role="alert"' in page.data


def test_a_missing_query_is_refused_by_the_api(client):
    assert client.get("/api/v1/search").status_code == 422


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"final round',
        "-",
        "*",
        "-*",
        '""',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "final OR",
        "a\\b",
        "\\",
        "^final",
        "title:final",
        "(final",
        "final)",
        "{col} : x",
        "🎃 :joy:",
        "ｆｉｎａｌ",
        "Zürich Ça ß",
        "面试 失败",
        "e\u0301",
        "\u200b",
        "' OR 1=1 --",
        "%",
        "x" * 200,
    ],
)
def test_any_input_is_read_as_words(member, publish, search, client, q):
    publish(member, title="Final round in Zürich")
    search(q)
    search(q, kind="lessons")
    assert client.get("/search", query_string={"q": q}).status_code == 200


def test_nul_is_refused_not_a_server_error(client):
    assert client.get("/api/v1/search", query_string={"q": "a\x00b"}).status_code in (400, 422)
    assert client.get("/search", query_string={"q": "a\x00b"}).status_code in (400, 422)


def test_unbalanced_quotes_are_a_phrase_to_the_end(member, publish, search):
    story = publish(member, title="Final round in Zürich")
    assert ids(search('"final round')) == [story]
    assert ids(search("zürich")) == [story]


def test_bad_filters_are_422_in_the_api(client):
    assert client.get("/api/v1/search?q=a&kind=replies").status_code == 422
    assert client.get("/api/v1/search?q=a&stage=nope").status_code == 422
    assert client.get("/api/v1/search?q=a&group_id=0").status_code == 422
