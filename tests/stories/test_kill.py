"""A real ingest process killed with SIGKILL mid-run: what was committed is intact and consistent,
and running the same ingest again completes it to the articles an uninterrupted run stores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from storyweave.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def feed(folder: Path, count: int) -> Path:
    base = [p.read_text() for p in sorted(EXAMPLES.rglob("*.txt"))]
    path = folder / "feed.jsonl"
    with path.open("w") as out:
        for number in range(count):
            text = f"Bulletin {number}. " + base[number % len(base)] + f" This was item {number} of the day."
            out.write(json.dumps({"text": text, "outlet": f"Outlet {number % 5}"}) + "\n")
    return path


def ingest(path: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "storyweave.cli", "ingest", str(path), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> dict[str, tuple]:
    with Store(db) as store:
        rows = {row["id"]: (row["story"], row["duplicate_of"]) for row in store.export_rows()}
        stories = {s.id: s.article_count for s in store.stories(limit=100_000)}
    assert all(story in stories for story, _ in rows.values())  # no article points at a missing story
    counted: dict[str, int] = {}
    for story, _ in rows.values():
        counted[story] = counted.get(story, 0) + 1
    assert counted == {s: n for s, n in stories.items() if n}  # counts agree with the articles
    return rows


def test_a_killed_ingest_loses_nothing_committed_and_a_rerun_completes_it(tmp_path):
    path = feed(tmp_path, 3000)
    clean = tmp_path / "clean.duckdb"
    started = time.monotonic()
    assert ingest(path, clean).wait(timeout=300) == 0
    duration = time.monotonic() - started
    expected = stored(clean)

    db = tmp_path / "killed.duckdb"
    process = ingest(path, db)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + duration * 0.6
    while process.poll() is None and time.monotonic() < deadline:
        # Half way through, once the write-ahead log holds some batches of articles.
        if time.monotonic() > deadline - duration * 0.2 and wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    partial = stored(db)  # opens cleanly: the log is replayed up to the last commit
    assert 0 < len(partial) < len(expected) and set(partial) <= set(expected)
    rerun = ingest(path, db)
    _, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors
    assert f"{len(expected) - len(partial)} added" in " ".join(errors.split())
    # Every article once, each in a story (where, may differ slightly: the resumed run starts from
    # the stored story profiles rather than the in-memory ones of an uninterrupted run).
    assert set(stored(db)) == set(expected)
