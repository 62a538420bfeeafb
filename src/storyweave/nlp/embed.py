"""Sentence embeddings, behind one small interface and a registry of swappable parts.

- "static": a quantised static (model2vec-style) model distilled from all-MiniLM-L6-v2 that ships
  inside this package (`nlp/static_model/`, built by `scripts/build_static_model.py`). Needs only
  numpy and `tokenizers`; tens of thousands of sentences per second on one core.
- "tfidf": the model-free fallback (`--no-models`): TF-IDF vectors fitted on the story's own
  sentences. Always available.

Every embedder returns L2-normalised rows, so a dot product is a cosine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

STATIC_MODEL_DIR = Path(__file__).parent / "static_model"


class Embedder(Protocol):
    name: str  # what ran, for the brief's provenance
    fact_threshold: float  # combined similarity at which two sentences tell one fact

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class StaticEmbedder:
    """Mean of per-token vectors from a shipped static model (tokens by a WordPiece tokenizer)."""

    fact_threshold = 0.55  # calibrated on the bundled examples: see tests/summarize

    def __init__(self, folder: Path = STATIC_MODEL_DIR) -> None:
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text())
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._vectors = np.load(folder / "embeddings.npy").astype(np.float32) * float(meta["scale"])
        self._special = {self._tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")} - {None}
        self._unknown = self._tokenizer.token_to_id("[UNK]")
        source = str(meta.get("source_model", folder.name)).split("/")[-1]
        self.name = f"static:{source}-distilled-{meta['dims']}d-{meta.get('dtype', 'float32')}"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._vectors.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(texts, add_special_tokens=False)):
            ids = [i for i in encoding.ids if i not in self._special and i != self._unknown]
            if ids:
                out[row] = self._vectors[ids].mean(axis=0)
        return _normalise_rows(out)


class TfidfEmbedder:
    """Model-free fallback: TF-IDF over the given texts (fitted per call, i.e. per story)."""

    name = "tfidf"
    fact_threshold = 0.45  # TF-IDF cosines run lower than a semantic model's for paraphrases

    def encode(self, texts: list[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectorizer = TfidfVectorizer(
            lowercase=True, stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1,
            token_pattern=r"(?u)\b\w[\w'-]*\b",
        )
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # every text was stop words only
            return np.zeros((len(texts), 1), dtype=np.float32)
        return _normalise_rows(matrix.toarray().astype(np.float32))


HASHING_DIMS = 128  # the story index's dimensions (stories.cluster.DIMS), as the shipped static model's


class HashingEmbedder:
    """Model-free vectors in one fixed space: signed hashing of word counts into `HASHING_DIMS`
    dimensions (a random projection of the bag of words). Stored articles and stories need one
    space across calls, which TF-IDF fitted per call cannot give: this is the store's fallback."""

    name = "hashing"
    fact_threshold = TfidfEmbedder.fact_threshold

    def encode(self, texts: list[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        vectorizer = HashingVectorizer(n_features=HASHING_DIMS, alternate_sign=True, norm=None, stop_words="english",
                                       token_pattern=r"(?u)\b\w[\w'-]*\b")
        counts = vectorizer.transform(texts).toarray().astype(np.float32)
        return _normalise_rows(np.sign(counts) * np.log1p(np.abs(counts)))


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "static": StaticEmbedder,
    "tfidf": TfidfEmbedder,
    "hashing": HashingEmbedder,
}


@lru_cache(maxsize=4)
def get_embedder(name: str = "auto") -> Embedder:
    """An embedder by registry name; "auto" is the shipped static model, or TF-IDF without it."""
    if name == "auto":
        name = "static" if (STATIC_MODEL_DIR / "meta.json").exists() else "tfidf"
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDERS)}") from None
    return factory()
