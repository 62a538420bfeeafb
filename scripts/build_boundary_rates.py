#!/usr/bin/env python3
"""Build the general sentence-boundary rates that repair text stripped of its punctuation
(src/storyweave/clean/boundary_rates.json).

For each common word, how often it opens a sentence and how often it closes one, counted over the
ECB+ corpus (../shared/data/ecbplus: 982 news articles, tokenised and split into sentences by its
annotators; CC BY 3.0, so figures drawn from it may ship). A text whose punctuation was stripped and
whose spaces were collapsed keeps nothing but its words; these rates, with those of the story's
clean articles, tell where its sentences most likely end (`storyweave.clean.degraded`).

    python scripts/build_boundary_rates.py [--min-count 8] [--min-pair-count 3]
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "ECB+"
OUT = ROOT / "src" / "storyweave" / "clean" / "boundary_rates.json"
_WORD = re.compile(r"[a-z][a-z0-9'’-]*|\d[\d,.]*")


def sentences(path: Path) -> list[list[str]]:
    """The document's sentences as lowercased words (punctuation tokens dropped). Sentence 0 of an
    ecbplus file is its URL, and a sentence 0 without a full stop is a headline: both left out."""
    tokens: dict[int, list[str]] = defaultdict(list)
    for token in ElementTree.parse(path).getroot().iter("token"):
        tokens[int(token.get("sentence", 0))].append(token.text or "")
    kept = []
    for number, words in sorted(tokens.items()):
        if number == 0 and (path.name.endswith("ecbplus.xml") or words[-1:] != ["."]):
            continue
        kept.append([w for token in words for w in _WORD.findall(token.lower())])
    return [s for s in kept if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-count", type=int, default=8, help="words seen fewer times are left out")
    parser.add_argument("--min-pair-count", type=int, default=3, help="pairs seen fewer times are left out")
    args = parser.parse_args()
    from storyweave.clean.degraded import BoundaryCounts

    counted = BoundaryCounts()
    documents = 0
    for path in sorted(ECBPLUS.glob("*/*.xml")):
        documents += 1
        counted.add(sentences(path))
    total, starts, ends = counted.total, counted.starts, counted.ends
    count = sum(starts.values())
    common = [w for w, n in total.items() if n >= args.min_count and (starts[w] or ends[w])]

    def frequent(pairs: Counter[tuple[str, str]]) -> dict[str, int]:
        return {" ".join(pair): n for pair, n in sorted(pairs.items()) if n >= args.min_pair_count}

    pairs = {"opening_pairs": frequent(counted.opening), "closing_pairs": frequent(counted.closing),
             "across": frequent(counted.across)}
    needed = {key for table in pairs.values() for key in table}
    within = counted.within
    pairs["within"] = {key: within[tuple(key.split(" "))] for key in sorted(needed) if within[tuple(key.split(" "))]}
    OUT.write_text(json.dumps({
        "source": f"ECB+ (CC BY 3.0): {documents} articles, {count} sentences; words seen "
                  f"{args.min_count}+ times that open or close a sentence",
        "sentences": count,
        "words": sum(total.values()),
        "count": {w: total[w] for w in sorted(common)},
        "starts": {w: starts[w] for w in sorted(common) if starts[w]},
        "ends": {w: ends[w] for w in sorted(common) if ends[w]},
        # pairs of words (space-joined) that open, close or straddle a boundary `--min-pair-count`
        # times or more, and how often each is seen inside a sentence
        **pairs,
    }, separators=(",", ":")) + "\n")
    print(f"{len(common)} words from {documents} documents, {count} sentences -> {OUT}")


if __name__ == "__main__":
    main()
