from __future__ import annotations

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
