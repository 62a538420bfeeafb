"""Find text copied from ../shared's licensed data into the repository's tracked files.

    python scripts/check_shared_quotes.py [--words 10] [--all]

The data beside the project (Multi-News, DUC 2004, Timeline17, ECB+) is for development and
evaluation only: tests, comments and the README must not quote its articles. This prints, for each
tracked file, the runs of `--words` consecutive words (lowercase letters and digits) that also occur
in the data, longest first; exit status 1 if any file has one. Site furniture that a cleaning
pattern must match as written (a transcript header, a reprint notice) is expected to show up: read
the runs. Vocabulary files and benchmark results (annotation keys) are skipped unless `--all`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SKIPPED = ("src/storyweave/nlp/static_model/", "benchmarks/results/", "benchmarks/gold/")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shared_texts() -> Iterator[str]:
    with gzip.open(SHARED / "multinews" / "validation.jsonl.gz", "rt") as lines:
        for line in lines:
            record = json.loads(line)
            yield from record["raw_document"]
            yield record["summary"]
    for path in (SHARED / "duc2004").rglob("*"):
        if path.is_file():
            yield path.read_text(errors="ignore")
    for path in (SHARED / "timeline17").rglob("*.txt"):
        yield path.read_text(errors="ignore")
    for path in (SHARED / "ecbplus").rglob("*.xml"):
        yield " ".join(re.findall(r">([^<]*)</token>", path.read_text(errors="ignore")))


def copied_runs(text: str, seen: set[int], n: int) -> list[str]:
    """The runs of `n` words or more of `text` whose every n-gram is in `seen`."""
    tokens = words(text)
    runs: list[list[int]] = []
    for i in range(len(tokens) - n + 1):
        if hash(tuple(tokens[i:i + n])) in seen:
            if runs and i <= runs[-1][1]:
                runs[-1][1] = i + n
            else:
                runs.append([i, i + n])
    return [" ".join(tokens[a:b]) for a, b in sorted(runs, key=lambda r: r[0] - r[1])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10, help="run length to report (default: %(default)s)")
    parser.add_argument("--all", action="store_true", help="also vocabulary files and benchmark results")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} not found: nothing to check against")
        return 0
    seen: set[int] = set()
    for text in shared_texts():
        tokens = words(text)
        seen.update(hash(tuple(tokens[i:i + args.words])) for i in range(len(tokens) - args.words + 1))
    files = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    found = 0
    for name in files:
        if not args.all and name.startswith(SKIPPED):
            continue
        try:
            text = (ROOT / name).read_text()
        except (UnicodeDecodeError, OSError):
            continue
        runs = copied_runs(text, seen, args.words)
        if runs:
            found += 1
            print(f"{name}: {len(runs)} run(s), longest {len(runs[0].split())} words")
            for run in runs:
                print(f"    {run}")
    print(f"{found} file(s) with runs of {args.words} words or more from ../shared")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
