"""Property-based fuzz of the HTTP API from its own OpenAPI schema (schemathesis): whatever a
client sends, the API answers with a documented status and JSON, never a server error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, settings

from storyweave.pipeline import BriefConfig
from storyweave.store import Store
from storyweave.stories import ingest
from storyweave.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_folder = Path(tempfile.mkdtemp(prefix="storyweave-fuzz-"))
with Store(_folder / "db.duckdb") as _store:
    ingest([str(EXAMPLES / "port-alder-mayor")], _store)
app = create_app(_folder / "db.duckdb", config=BriefConfig(ner_model=False, embedder="tfidf"), embedder="tfidf",
                 token="")
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_generated_requests(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    content_type = response.headers["content-type"]
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert content_type.split(";")[0] in ("application/json", "text/markdown", "text/html")
    if response.status_code >= 400:
        assert "error" in response.json()


def teardown_module() -> None:
    if app.state.service is not None:
        app.state.service.close()
    shutil.rmtree(_folder, ignore_errors=True)
