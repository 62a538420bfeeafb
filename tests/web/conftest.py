from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyweave.pipeline import BriefConfig
from storyweave.store import Store
from storyweave.stories import ingest
from storyweave.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "db.duckdb"
    with Store(db) as store:
        ingest([str(EXAMPLES)], store)
    return db


def make_client(db: Path, **options) -> TestClient:
    # Rule-based NER keeps these tests quick; the model path is tested in tests/analyze.
    return TestClient(create_app(db, config=BriefConfig(ner_model=False), **options))


@pytest.fixture(scope="module")
def client(example_db) -> TestClient:
    with make_client(example_db, token="") as test_client:
        yield test_client


def wait_for_job(get, job_id: str, seconds: float = 60) -> dict:
    """Poll a job (`get` = client.get or httpx.get on a base URL) until it is done or failed."""
    deadline = time.monotonic() + seconds
    while True:
        job = get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)
