from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (evaluation data) is not beside the project")
    return SHARED


def words(n: int, seed: str = "word") -> str:
    """Filler prose long enough to count as an article."""
    return " ".join(f"{seed}{i}" for i in range(n))
