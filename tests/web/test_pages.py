"""The app's pages: what a reader sees, and that hostile article text stays text."""

from __future__ import annotations

import shutil

from tests.web.conftest import make_client, wait_for_job

HOSTILE = ("<script>window.__pwned = 1</script> The harbour authority said on Monday that the ferry service "
           "<img src=x onerror=\"window.__pwned = 2\"> would resume next week after repairs to the pier, "
           "<a href=\"javascript:window.__pwned = 3\">details</a> and that passengers should check the timetable. "
           "Officials said the repairs cost more than expected and took three weeks to finish.")


def test_story_list_story_page_and_article_page(client):
    home = client.get("/")
    assert home.status_code == 200 and "2 stories from 9 articles" in home.text
    assert "<svg class=\"spark\"" in home.text and "Fourteen hurt as fire guts solvent warehouse" in home.text
    story = client.get("/api/stories").json()["stories"][0]["id"]
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200
    for section in ("Summary", "Who reported what", "People and organisations", "Timeline", "Sources"):
        assert f"<h2>{section}</h2>" in page.text
    assert f'href="/api/stories/{story}/brief?format=md"' in page.text and 'class="tip"' in page.text
    article = client.get(f"/api/stories/{story}").json()["articles"][0]["id"]
    shown = client.get(f"/articles/{article}")
    assert shown.status_code == 200 and '<mark class="summary">' in shown.text
    assert client.get("/stories/nope").status_code == 404 and "no story" in client.get("/stories/nope").text
    assert client.get("/static/brief.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_removed_boilerplate_and_warnings_are_shown(client):
    rows = [a for s in client.get("/api/stories").json()["stories"]
            for a in client.get(f"/api/stories/{s['id']}").json()["articles"]]
    with_removed = [r for r in rows if client.get(f"/api/articles/{r['id']}").json()["removed"]]
    assert with_removed, "the examples carry captions and footers that cleaning removes"
    page = client.get(f"/articles/{with_removed[0]['id']}").text
    assert "Removed by cleaning" in page and "<del>" in page


def test_hostile_text_is_escaped_on_every_page(example_db, tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    with make_client(db, token="") as client:
        job = client.post("/api/articles", json={"articles": [
            {"text": HOSTILE, "title": "<script>alert(1)</script>Ferry", "outlet": "<b onmouseover=alert(1)>x</b>",
             "url": "javascript:alert(1)"}]}).json()["job"]["id"]
        story = wait_for_job(client.get, job)["stories"][0]
        article = next(a["id"] for a in client.get(f"/api/stories/{story}").json()["articles"] if a["source"] == "api:1")
        for url in ("/", f"/stories/{story}", f"/articles/{article}", f"/api/stories/{story}/brief?format=html"):
            html = client.get(url).text
            assert "<script>window" not in html and "<script>alert" not in html and "<img src=x" not in html
            assert 'href="javascript:' not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Ferry" in client.get(f"/articles/{article}").text


def test_add_page_uploads_files_and_shows_progress(example_db, tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copy(example_db, db)
    with make_client(db, token="") as client:
        assert 'enctype="multipart/form-data"' in client.get("/add").text
        upload = client.post("/add", files=[("files", ("../../etc/ferry.txt", HOSTILE.encode(), "text/plain")),
                                            ("files", ("bad.json", b"{nope", "application/json"))],
                             data={"text": ""}, follow_redirects=False)
        assert upload.status_code == 303 and upload.headers["location"].startswith("/jobs/")
        job_id = upload.headers["location"].rsplit("/", 1)[1]
        job = wait_for_job(client.get, job_id)
        assert job["counts"]["added"] == 1 and len(job["problems"]) == 1
        assert job["problems"][0].startswith("bad.json: malformed JSON")
        page = client.get(f"/jobs/{job_id}").text
        assert "<progress" in page and "/static/app.js" in page
        sources = [a["source"] for s in client.get("/api/stories").json()["stories"]
                   for a in client.get(f"/api/stories/{s['id']}").json()["articles"]]
        assert "ferry.txt" in sources  # the upload's name is a label, never a path
        assert client.post("/add", data={"text": ""}).status_code == 422
    with make_client(db, token="s3cret") as client:
        assert client.post("/add", data={"text": HOSTILE}).status_code == 401
