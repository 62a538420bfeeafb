"""End to end in headless Chromium (Debian's, driven by Playwright): a reader opens a story,
hovers a citation and sees the supporting sentence; hostile article text runs nothing."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from storyweave.pipeline import BriefConfig
from storyweave.web import create_app
from tests.web.conftest import wait_for_job
from tests.web.test_pages import HOSTILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(example_db, tmp_path_factory):
    import uvicorn

    db = tmp_path_factory.mktemp("browser") / "db.duckdb"
    shutil.copy(example_db, db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(db, config=BriefConfig(ner_model=False), token="")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STORYWEAVE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_open_a_story_and_hover_a_citation(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(server + "/")
    assert page.locator("table.stories tbody tr").count() == 2
    page.locator("a.story-link").first.click()
    page.wait_for_selector("section.summary")
    cite = page.locator("section.summary a.cite").first
    tip = cite.locator(".tip")
    assert not tip.is_visible()
    cite.hover()
    assert tip.is_visible()
    shown = tip.inner_text()
    # The tip names the cited article and quotes its supporting sentence.
    number = int(cite.inner_text().split("]")[0].strip("["))
    source = page.locator(f"#src-{number}").inner_text()
    assert shown.split("\n")[0].split(" — ")[0] in source and len(shown.split("\n", 1)[1]) > 20
    page.screenshot(path=str(screenshot_dir(tmp_path) / "story.png"), full_page=True)
    assert page.locator("table.matrix td.mark").count() > 0


def test_hostile_articles_run_nothing_in_a_real_browser(server, browser, tmp_path):
    import httpx

    accepted = httpx.post(server + "/api/articles", json={"articles": [
        {"text": HOSTILE, "title": "<img src=x onerror=\"window.__pwned='title'\">Ferry",
         "outlet": "<script>window.__pwned='outlet'</script>", "url": "javascript:window.__pwned='url'"}]})
    job = accepted.json()["job"]["id"]
    status = wait_for_job(lambda path: httpx.get(server + path), job)
    story = status["stories"][0]
    article = next(a["id"] for a in httpx.get(f"{server}/api/stories/{story}").json()["articles"]
                   if a["source"] == "api:1")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in ("/", f"/stories/{story}", f"/articles/{article}", f"/api/stories/{story}/brief?format=html",
                f"/jobs/{job}"):
        page.goto(server + url)
        page.wait_for_load_state("load")
        for link in page.locator("a").all()[:50]:
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript:")
        page.mouse.move(10, 10)
        assert page.evaluate("window.__pwned") is None, url
    assert dialogs == []
    page.goto(server + f"/articles/{article}")
    assert "window.__pwned = 1" in page.locator("div.text").inner_text()  # shown as text, not run
    page.screenshot(path=str(screenshot_dir(tmp_path) / "hostile-article.png"), full_page=True)
