"""What the benchmarks on hand-annotated Timeline17 articles share (bench_dates.py, bench_quotes.py,
bench_entities.py): where the articles and the annotations are, the two samples each annotation
holds, and how a run ends (storyweave's held-out figure over the best peer's, the results file)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMELINE17 = ROOT.parent / "shared" / "data" / "timeline17"
# Each annotation holds items read to mend errors ("development") and items annotated afterwards,
# never used to change the code ("held out": the figure to quote).
SAMPLES = ("held out", "development")


def arguments(doc: str, name: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / f"{name}.json")
    return parser.parse_args()


def timeline17_missing() -> bool:
    if TIMELINE17.is_dir():
        return False
    print(f"{TIMELINE17} not found beside the project (../shared): nothing to measure")
    return True


def gold(name: str) -> dict:
    return json.loads((ROOT / "benchmarks" / "gold" / f"{name}_timeline17.json").read_text())


def finish(results: dict, out: Path, measure: str) -> None:
    """Add and print storyweave's held-out `measure` over the best peer's; write the results."""
    peers = {name: row["held out"][measure] for name, row in results["systems"].items() if name != "storyweave"}
    if peers:
        best = max(peers, key=peers.get)
        ratio = results["systems"]["storyweave"]["held out"][measure] / max(peers[best], 1e-9)
        print(f"held out: storyweave / {best} = {ratio:.2f}x the {measure}")
        results["storyweave_over_best_peer_held_out"] = {"peer": best, "measure": measure, "ratio": ratio}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {out}")
