"""The HTTP API through a test client: reads, briefs, writes in the background, errors, limits."""

from __future__ import annotations

import json
import time

from tests.web.conftest import EXAMPLES, make_client, wait_for_job


def wait_for(client, job_id: str) -> dict:
    return wait_for_job(client.get, job_id)


def test_health_and_story_list_with_filters(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["articles"] == 9 and health["stories"] == 2
    stories = client.get("/api/stories").json()["stories"]
    assert [s["article_count"] for s in stories] == [5, 4]
    assert sum(stories[0]["activity"].values()) >= 3  # articles per day, for the sparkline
    assert [s["article_count"] for s in client.get("/api/stories", params={"outlet": "AP"}).json()["stories"]] == [4]
    assert client.get("/api/stories", params={"q": "solvent"}).json()["stories"][0]["article_count"] == 5
    assert client.get("/api/stories", params={"until": "2024-03-01"}).json()["stories"] == []
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_story_brief_in_three_formats_and_cached(client):
    story = client.get("/api/stories").json()["stories"][0]["id"]
    detail = client.get(f"/api/stories/{story}").json()
    assert len(detail["articles"]) == 5 and {"id", "source", "outlet", "story"} <= set(detail["articles"][0])
    first = client.get(f"/api/stories/{story}/brief")
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    brief = first.json()
    assert brief["summary"] and all(s["citations"] for s in brief["summary"])
    started = time.perf_counter()
    again = client.get(f"/api/stories/{story}/brief")
    assert again.content == first.content and time.perf_counter() - started < 0.5  # from the cache
    markdown = client.get(f"/api/stories/{story}/brief", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown") and markdown.text.startswith("# ")
    html = client.get(f"/api/stories/{story}/brief", params={"format": "html"})
    assert html.text.startswith("<!doctype html>") and "Who reported what" in html.text
    assert client.get(f"/api/stories/{story}/brief", params={"format": "pdf"}).status_code == 422


def test_a_merged_away_story_id_redirects_to_the_story_that_took_its_articles(example_db, tmp_path):
    import shutil

    from storyweave.store import Store

    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    with Store(db) as store:
        fire, mayor = (s.id for s in store.stories())  # largest first
        store.merge_stories(fire, mayor)  # as if they had turned out to be one story
    with make_client(db, token="") as client:
        brief = client.get(f"/api/stories/{mayor}/brief", params={"format": "md"}, follow_redirects=False)
        assert brief.status_code == 308
        assert brief.headers["location"] == f"/api/stories/{fire}/brief?format=md"
        assert client.get(f"/api/stories/{mayor}/brief").status_code == 200  # followed
        assert client.get(f"/api/stories/{mayor}", follow_redirects=False).headers["location"] == \
            f"/api/stories/{fire}"
        assert client.get(f"/stories/{mayor}", follow_redirects=False).headers["location"] == f"/stories/{fire}"
        assert client.get("/api/stories/s0000000000/brief").status_code == 404


def test_errors_are_json_with_the_right_status(client):
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404 and missing.json() == {"error": "no story 'nope'"}
    bad_id = client.get("/api/stories/a.b")  # ids are a narrow pattern: nothing path-like gets through
    assert bad_id.status_code == 422 and bad_id.json()["error"].startswith("invalid request: path.story_id")
    assert client.get("/api/stories/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/api/articles/0000000000000000").status_code == 404
    assert client.get("/api/jobs/unknown").json() == {"error": "no job 'unknown'"}
    empty = client.post("/api/articles", json={"articles": []})
    assert empty.status_code == 422 and "articles" in empty.json()["error"]
    assert client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422


def test_adhoc_brief_stores_nothing(client):
    texts = [(EXAMPLES / "tacoma-fire" / name).read_text() for name in ("reuters-plant-fire.txt", "harbour-news.md")]
    response = client.post("/api/brief", json={"articles": [{"text": t} for t in texts] + [{"text": "too short"}],
                                               "words": 80})
    assert response.status_code == 200
    body = response.json()
    assert len(body["brief"]["articles"]) == 2 and body["skipped"] == ["request:3: too little text (2 words; an article needs 12)"]
    assert sum(len(s["text"].split()) for s in body["brief"]["summary"]) <= 80
    assert client.get("/api/health").json()["articles"] == 9
    md = client.post("/api/brief", json={"articles": [{"text": texts[0]}], "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    nothing = client.post("/api/brief", json={"articles": [{"text": "too short"}]})
    assert nothing.status_code == 422 and "no usable article" in nothing.json()["error"]


def test_posted_articles_are_ingested_in_the_background_with_counts(example_db, tmp_path):
    import shutil

    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    original = (EXAMPLES / "port-alder-mayor" / "ap-mayor-steps-aside.txt").read_text()
    follow_up = original.replace("steps aside", "resigns").replace("Tuesday", "Wednesday") + \
        "\nThe council will meet again on Friday to name an interim mayor for Port Alder."
    with make_client(db, token="") as client:
        # Read (and so cache) the list, the brief and the page first: the answers must not go stale.
        before = next(s for s in client.get("/api/stories").json()["stories"] if "AP" in s["outlets"])
        assert "Harbor Daily" not in client.get(f"/api/stories/{before['id']}/brief").text
        assert "Harbor Daily" not in client.get(f"/stories/{before['id']}").text
        accepted = client.post("/api/articles", json={"articles": [
            {"text": follow_up, "outlet": "Harbor Daily", "published": "2024-03-15", "source": "feed:7"},
            {"text": original}, {"text": "tiny"}]})
        assert accepted.status_code == 202
        job = wait_for(client, accepted.json()["job"]["id"])
        assert job["status"] == "done" and job["total"] == 3 and job["done"] == 3
        assert (job["counts"]["added"], job["counts"]["duplicates"], job["counts"]["skipped"]) == (1, 1, 1)
        assert job["problems"] == ["api:3: too little text (1 words; an article needs 12)"]
        stories = client.get("/api/stories").json()["stories"]
        mayor = next(s for s in stories if "AP" in s["outlets"])
        assert mayor["article_count"] == before["article_count"] + 1 == 5 and "Harbor Daily" in mayor["outlets"]
        assert job["stories"] == [mayor["id"]] == [before["id"]]
        assert "Harbor Daily" in client.get(f"/api/stories/{mayor['id']}/brief").text
        assert "Harbor Daily" in client.get(f"/stories/{mayor['id']}").text
        sources = {a["source"] for a in client.get(f"/api/stories/{mayor['id']}").json()["articles"]}
        assert "feed:7" in sources


def test_write_endpoints_need_the_token_when_one_is_set(example_db, tmp_path):
    import shutil

    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    article = {"articles": [{"text": "A brand new article about the harbour that has more than twenty words in it "
                                     "so that it counts as an article for the ingest path of the app."}]}
    with make_client(db, token="s3cret") as client:
        refused = client.post("/api/articles", json=article)
        assert refused.status_code == 401 and "token" in refused.json()["error"]
        assert client.post("/api/articles", json=article, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.post("/api/articles", json=article, headers={"authorization": "Bearer s3cret"}).status_code == 202
        assert client.get("/api/stories").status_code == 200  # reads stay open


def test_request_size_limit_and_closed_cors(example_db, tmp_path):
    import shutil

    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    with make_client(db, token="", max_request_mb=0.01) as client:
        big = {"articles": [{"text": "word " * 5000}]}
        response = client.post("/api/articles", json=big)
        assert response.status_code == 413 and "too large" in response.json()["error"]

        def chunks():
            yield json.dumps(big).encode()

        assert client.post("/api/brief", content=chunks(), headers={"content-type": "application/json"}).status_code == 413
        preflight = client.options("/api/stories", headers={"origin": "https://elsewhere.example",
                                                            "access-control-request-method": "GET"})
        assert "access-control-allow-origin" not in preflight.headers
        assert "default-src 'none'" in client.get("/").headers["content-security-policy"]


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/brief",
            "/api/brief", "/api/health", "/api/jobs/{job_id}", "/api/articles/{article_id}"} <= set(paths)
    assert not any(not p.startswith("/api") for p in paths)  # pages are not part of the API
    assert "404" in paths["/api/stories/{story_id}/brief"]["get"]["responses"]
    assert {"401", "413", "422"} <= set(paths["/api/articles"]["post"]["responses"])
    docs = client.get("/api/docs")  # a readable page of the same schema, served from here (no CDN)
    assert docs.status_code == 200 and "script" not in docs.text.lower()
    for path, methods in paths.items():
        for method in methods:
            assert f"<code>{method.upper()} {path}</code>" in docs.text
    assert "articles[].text" in docs.text and "at most 1000 items" in docs.text


def test_ingest_survives_its_worker_process_being_killed(example_db, tmp_path):
    import shutil
    import signal

    import psutil

    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    text = (EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()
    with make_client(db, token="") as client:
        first = client.post("/api/articles", json={"articles": [{"text": text + " Crews stayed overnight."}]})
        assert wait_for(client, first.json()["job"]["id"])["status"] == "done"
        workers = [p for p in psutil.Process().children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())]
        assert workers, "ingest ran in no worker process"
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
        second = client.post("/api/articles", json={"articles": [{"text": text + " The port reopened Friday."}]})
        job = wait_for(client, second.json()["job"]["id"])
        assert job["status"] == "done" and job["counts"]["added"] == 1
