"""A real two-node Ray cluster on this machine (a head and a worker node, one CPU each), driven
through the CLI with --address: ingest, then cluster, then the usual commands on the store."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'storyweave[ray]')")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Token authentication, as a real cluster should run: every node and driver gets the token.
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}


@pytest.fixture
def two_nodes(tmp_path):
    ray = str(BIN / "ray")
    port = free_port()
    env = ENV
    common = ["--num-cpus=1", "--disable-usage-stats"]
    try:
        subprocess.run([ray, "start", "--head", f"--port={port}", "--node-ip-address=127.0.0.1",
                        "--include-dashboard=false", *common], check=True, env=env, capture_output=True, timeout=120)
        subprocess.run([ray, "start", f"--address=127.0.0.1:{port}", "--node-ip-address=127.0.0.1", *common],
                       check=True, env=env, capture_output=True, timeout=120)
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([ray, "stop", "--force"], env=env, capture_output=True, timeout=120)


def storyweave(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyweave.cli", *args], capture_output=True, text=True,
                          timeout=300, env=ENV)


def test_ingest_and_cluster_on_a_two_node_cluster(two_nodes, tmp_path):
    import ray

    if ray.is_initialized():  # a local instance from another test would shadow the cluster
        ray.shutdown()
    db = str(tmp_path / "db.duckdb")
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    ingest = storyweave("ingest", str(inputs), "--db", db, "--engine", "ray", "--address", two_nodes)
    assert ingest.returncode == 0, ingest.stderr
    assert "9 added" in ingest.stderr and "8 shards" in ingest.stderr
    status = subprocess.run([str(BIN / "ray"), "status", f"--address={two_nodes}"], capture_output=True, text=True,
                            env=ENV)
    assert "/2.0 CPU" in status.stdout  # both nodes, one CPU each
    cluster = storyweave("cluster", "--db", db, "--engine", "ray", "--address", two_nodes)
    assert cluster.returncode == 0, cluster.stderr
    assert "9 articles: 2 stories before, 2 after" in cluster.stderr
    stories = json.loads(storyweave("stories", "--db", db, "--format", "json").stdout)
    assert sorted(s["article_count"] for s in stories) == [4, 5]
    again = storyweave("ingest", str(inputs), "--db", db, "--engine", "ray", "--address", two_nodes)
    assert again.returncode == 0 and "8 shards skipped" in again.stderr  # finished shards are not redone
    # Online ingest continues on the same stories, with the local engine.
    follow_up = tmp_path / "follow-up.txt"
    follow_up.write_text((EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()
                         .replace("Tacoma", "Tacoma, Wash.,") + "\nThe fire marshal will report next week.")
    assert storyweave("ingest", str(follow_up), "--db", db).returncode == 0
    stories = json.loads(storyweave("stories", "--db", db, "--format", "json").stdout)
    assert sorted(s["article_count"] for s in stories) == [4, 6]
